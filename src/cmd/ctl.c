/* mpboot ctl [--timeout S] COMMAND...: send one request to the running
 * daemon over @mpboot (src/ctl/ctl.h) and print its reply, on stdout when
 * it succeeded, on stderr otherwise; the exit code is the daemon's. */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/ctl.h"
#include "ctl/ctl.h"
#include "util/str.h"

#define TIMEOUT_DEFAULT	10
/* a reconfigure rescans and replans every LUN: minutes at thousands of
 * paths on a slow machine */
#define TIMEOUT_RECONFIGURE	300
#define TIMEOUT_MAX	3600
#define REPLY_MAX	(CTL_REPLY_MAX + 16)	/* body, newline, marker */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The words after "ctl" (but --timeout S) joined by spaces into req. */
static int join_request(int argc, char **argv, char *req, size_t size,
			size_t *len, int *timeout)
{
	int i;

	*len = 0;
	for (i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (!strcmp(argv[i], "--timeout")) {
			if (i + 1 >= argc ||
			    str_to_int(argv[i + 1], 1, TIMEOUT_MAX, timeout)) {
				fprintf(stderr, "mpboot ctl: --timeout needs "
					"a number of seconds, 1-%d\n",
					TIMEOUT_MAX);
				return -EINVAL;
			}
			i++;
			continue;
		}
		if (*len + n + 2 > size) {
			fprintf(stderr, "mpboot ctl: request longer than %d "
				"bytes\n", CTL_REQ_MAX);
			return -EINVAL;
		}
		if (*len)
			req[(*len)++] = ' ';
		memcpy(req + *len, argv[i], n);
		*len += n;
	}
	req[(*len)++] = '\n';
	return 0;
}

/* Connected to the daemon; -ECONNREFUSED when none listens, -EIO after
 * saying why. */
static int connect_daemon(int timeout)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = timeout };
	size_t n = strlen(CTL_SOCKET);
	int fd, absent;

	memcpy(sa.sun_path + 1, CTL_SOCKET, n);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "mpboot ctl: socket: %s\n", strerror(errno));
		return -EIO;
	}
	/* A full backlog makes connect wait; the send timeout bounds it. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (!connect(fd, (struct sockaddr *)&sa,
		     offsetof(struct sockaddr_un, sun_path) + 1 + n))
		return fd;
	absent = errno == ECONNREFUSED || errno == ENOENT;
	if (!absent)
		fprintf(stderr, "mpboot ctl: cannot connect to @%s: %s\n",
			CTL_SOCKET, strerror(errno));
	close(fd);
	return absent ? -ECONNREFUSED : -EIO;
}

/* Everything the daemon sends until it closes, or the deadline. Returns
 * the length, or -1 after saying why. */
static long read_reply(int fd, char *buf, int timeout)
{
	long long deadline = now_ms() + timeout * 1000LL;
	size_t len = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = deadline - now_ms();
		ssize_t n;
		int rc;

		if (left <= 0) {
			fprintf(stderr, "mpboot ctl: no reply from the daemon "
				"within %d s\n", timeout);
			return -1;
		}
		rc = poll(&p, 1, (int)left);
		if (rc < 0 && errno != EINTR) {
			fprintf(stderr, "mpboot ctl: poll: %s\n",
				strerror(errno));
			return -1;
		}
		if (rc <= 0)
			continue;
		if (len == REPLY_MAX) {
			fprintf(stderr, "mpboot ctl: the daemon's reply is "
				"longer than %d bytes\n", REPLY_MAX);
			return -1;
		}
		n = read(fd, buf + len, REPLY_MAX - len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		/* A daemon that closes without reading our request (it
		 * answered "busy") resets the connection after its reply:
		 * that is its end. The reply's frame says if it is whole. */
		if (n < 0 && errno == ECONNRESET && len)
			return (long)len;
		if (n < 0) {
			fprintf(stderr, "mpboot ctl: reading the reply: %s\n",
				strerror(errno));
			return -1;
		}
		if (n == 0)
			return (long)len;
		len += (size_t)n;
	}
}

int ctl_ask(const char *req, size_t len, int timeout, char **body,
	    size_t *body_len)
{
	int fd = connect_daemon(timeout), code, send_err = 0;
	char *reply, *end;
	long n;

	*body = NULL;
	*body_len = 0;
	if (fd < 0)
		return fd;
	/* A daemon with every connection taken answers "busy" and closes
	 * before reading anything: the request then meets a closed socket,
	 * and the reply waiting in ours says why. */
	if (send(fd, req, len, MSG_NOSIGNAL) != (ssize_t)len) {
		send_err = errno;
		if (send_err != EPIPE && send_err != ECONNRESET) {
			fprintf(stderr, "mpboot ctl: sending the request: %s\n",
				strerror(send_err));
			close(fd);
			return -EIO;
		}
	}
	reply = malloc(REPLY_MAX);
	if (!reply) {
		fprintf(stderr, "mpboot ctl: %s\n", strerror(ENOMEM));
		close(fd);
		return -EIO;
	}
	n = read_reply(fd, reply, timeout);
	close(fd);
	end = n >= 0 ? memchr(reply, '\0', (size_t)n) : NULL;
	code = end ? ctl_reply_code(end + 1, (size_t)(reply + n - end - 1))
		   : -EPROTO;
	if (code < 0) {
		if (send_err)
			fprintf(stderr, "mpboot ctl: sending the request: "
				"%s\n", strerror(send_err));
		else if (n >= 0)
			fprintf(stderr, "mpboot ctl: the daemon closed the "
				"connection without finishing its reply\n");
		free(reply);
		return -EIO;
	}
	*body = reply;
	*body_len = (size_t)(end - reply);
	return code;
}

int ctl_daemon_listening(void)
{
	int fd = connect_daemon(1);

	if (fd < 0)
		return 0;
	close(fd);	/* nothing sent: the daemon just closes its end */
	return 1;
}

int cmd_ctl(const struct mpb_opts *o, int argc, char **argv)
{
	char req[CTL_REQ_MAX], *body;
	struct ctl_req parsed;
	int timeout = 0, code;
	size_t len, body_len;

	(void)o;
	if (join_request(argc, argv, req, sizeof(req), &len, &timeout))
		return 2;
	/* Refused here already: no daemon needed to say a request is bad. */
	if (ctl_parse(req, len, &parsed)) {
		fprintf(stderr, "mpboot ctl: %s\n", parsed.error);
		return 2;
	}
	if (!timeout)
		timeout = parsed.verb == CTL_RECONFIGURE ? TIMEOUT_RECONFIGURE :
							  TIMEOUT_DEFAULT;
	code = ctl_ask(req, len, timeout, &body, &body_len);
	if (code == -ECONNREFUSED)
		fprintf(stderr, "mpboot ctl: no mpboot daemon is running "
			"(abstract socket @%s not found)\n", CTL_SOCKET);
	if (code < 0)
		return 1;
	fwrite(body, 1, body_len, code ? stderr : stdout);
	free(body);
	return code;
}
