/* The control socket's server on what a client sends: the first byte
 * gives the size of the pieces the rest is written in (1-32 bytes, the
 * server's loop running between them; a long input goes in at most 64
 * pieces, as each costs three system calls and the server keeps nothing
 * per read but the length so far), whether the client then shuts its
 * side (a half-close ends a request too) and whether it is root. The
 * reply must be what the request's first line asks, framed with one end
 * marker and its code: the handler runs exactly when that line parses
 * and the peer may send it; a line longer than CTL_REQ_MAX is refused;
 * a client that never finishes is dropped at its deadline, unanswered.
 * FUZZ_OPTIONS: -max_len=8192 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ctl/ctlsrv.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ctlsrv srv;
static int calls, opened;

static void check(int ok)
{
	if (!ok)
		abort();
}

static int handler(void *ctx, const struct ctl_req *r, struct ctl_out *out)
{
	(void)ctx;
	calls++;
	if (r->verb == CTL_FAIL_PATH && !strcmp(r->name, "sdz"))
		return -EIO;
	ctl_out_printf(out, "%s %s\n", ctl_verb_name(r->verb), r->name);
	return r->verb == CTL_SHOW_MAP;
}

static void pump(long long now)
{
	struct pollfd pfd[CTLSRV_NFDS];

	ctlsrv_pollfds(&srv, pfd);
	check(poll(pfd, CTLSRV_NFDS, 0) >= 0);
	ctlsrv_ready(&srv, pfd, now);
}

/* Everything the server sent, up to its close (or nothing waiting). */
static size_t drain(int fd, char *buf, size_t size, int *eof)
{
	size_t len = 0;
	ssize_t n;

	*eof = 0;
	while (len < size &&
	       (n = recv(fd, buf + len, size - len, MSG_DONTWAIT)) > 0)
		len += (size_t)n;
	if (len < size && recv(fd, buf + len, 1, MSG_DONTWAIT) == 0)
		*eof = 1;
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char reply[1 << 16];
	size_t chunk, off, len, line;
	const char *nl, *end;
	struct ctl_req req;
	int sv[2], half, root, eof, expect_code, expect_call, code;
	long long now = 1000;

	if (!opened) {
		char name[64];

		log_verbosity = 0;
		snprintf(name, sizeof(name), "mpboot-fuzz-%d", (int)getpid());
		check(!ctlsrv_open(&srv, name, handler, NULL));
		opened = 1;
	}
	if (size < 1)
		return 0;
	chunk = (data[0] & 31) + 1;
	half = data[0] & 32;
	root = data[0] & 64;
	data++;
	size--;
	if (chunk < (size + 63) / 64)
		chunk = (size + 63) / 64;
	check(!socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	check(!ctlsrv_add(&srv, sv[1], root ? 0 : 1000, now));
	for (off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		if (send(sv[0], data + off, n, MSG_DONTWAIT | MSG_NOSIGNAL) !=
		    (ssize_t)n)
			break;		/* answered and closed already */
		pump(++now);
	}
	if (half)
		shutdown(sv[0], SHUT_WR);
	pump(++now);

	/* What the server must have done with the first line. */
	nl = memchr(data, '\n', size < CTL_REQ_MAX ? size : CTL_REQ_MAX);
	line = nl ? (size_t)(nl - (const char *)data) + 1 : size;
	if (!nl && size >= CTL_REQ_MAX)
		expect_code = 2;		/* too long */
	else if (!nl && (!half || !size))
		expect_code = -1;		/* no request: no reply */
	else if (ctl_parse((const char *)data, line, &req))
		expect_code = 2;
	else if (!root && ctl_req_mutates(&req))
		expect_code = 1;
	else
		expect_code = req.verb == CTL_SHOW_MAP ||
			      (req.verb == CTL_FAIL_PATH &&
			       !strcmp(req.name, "sdz"));
	expect_call = expect_code >= 0 && expect_code != 2 &&
		      (root || !ctl_req_mutates(&req));

	len = drain(sv[0], reply, sizeof(reply), &eof);
	if (expect_code < 0 && !half) {
		/* unfinished: nothing yet, dropped at the deadline */
		check(len == 0 && !eof);
		pump(now + CTLSRV_TIMEOUT_MS + 1);
		len = drain(sv[0], reply, sizeof(reply), &eof);
	}
	check(eof);
	if (expect_code < 0) {
		check(len == 0);
	} else {
		end = memchr(reply, '\0', len);
		check(end && memchr(end + 1, '\0', len - (end - reply) - 1) == NULL);
		code = ctl_reply_code(end + 1, len - (size_t)(end - reply) - 1);
		check(code == expect_code);
	}
	check(calls == expect_call);
	calls = 0;
	close(sv[0]);
	pump(now + 2 * CTLSRV_TIMEOUT_MS);	/* nothing left over */
	for (off = 0; off < CTLSRV_CONNS; off++)
		check(srv.conn[off].fd < 0);
	return 0;
}
