/*
 * mpt-ctlpeer: a misbehaving client of mpboot's control socket (@mpboot),
 * for the QEMU tests; it runs inside the test guests (static, musl), not
 * in mpboot.
 *
 *   mpt-ctlpeer send TEXT [--half-close]
 *       send TEXT (backslash escapes: \n \r \t \\ \xHH) and read the
 *       reply until the daemon closes, at most 30 s. Prints the reply
 *       body, then "mpt-ctlpeer: code N" (the end marker's code) or
 *       "mpt-ctlpeer: no end marker". Exit 0 with an end marker, 1
 *       without, 2 when the socket cannot be reached.
 *   mpt-ctlpeer send-bytes N
 *       send N bytes of 'a' and no newline, then read the reply as send.
 *   mpt-ctlpeer hold N SECONDS [TEXT]
 *       keep N connections open for SECONDS (or until SIGTERM), each
 *       having sent TEXT
 *       (default "show pa", no newline) and nothing more; a connection
 *       the daemon closes is counted (answered "busy", or dropped
 *       unanswered) and opened again. Prints
 *       "mpt-ctlpeer hold: connections=C busy=B dropped=D seconds=S".
 *       Exit 0, or 2 when the socket cannot be reached at the start.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 64

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int peer_connect(void)
{
	static const char name[] = "mpboot";
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memcpy(sa.sun_path + 1, name, sizeof(name) - 1);
	if (connect(fd, (struct sockaddr *)&sa,
		    offsetof(struct sockaddr_un, sun_path) + sizeof(name))) {
		close(fd);
		return -1;
	}
	return fd;
}

static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'n': out[n++] = '\n'; s++; break;
		case 'r': out[n++] = '\r'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'x': {
			char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };

			out[n++] = (char)strtoul(hex, NULL, 16);
			s += 1 + strlen(hex);
			break;
		}
		default: out[n++] = *s++; break;
		}
	}
	return n;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Send buf, read the reply until the close; print it. */
static int ask(const char *buf, size_t len, int half_close)
{
	static char reply[1 << 20];
	size_t got = 0;
	double end = now_s() + 30;
	const char *nul;
	int fd = peer_connect();

	if (fd < 0) {
		fprintf(stderr, "mpt-ctlpeer: cannot reach @mpboot: %s\n",
			strerror(errno));
		return 2;
	}
	/* the daemon may answer (too long) and close before all is sent */
	if (len && send(fd, buf, len, MSG_NOSIGNAL) < 0 && errno != EPIPE &&
	    errno != ECONNRESET)
		fprintf(stderr, "mpt-ctlpeer: send: %s\n", strerror(errno));
	if (half_close)
		shutdown(fd, SHUT_WR);
	while (got < sizeof(reply) - 1 && now_s() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 1000) <= 0)
			continue;
		n = recv(fd, reply + got, sizeof(reply) - 1 - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	reply[got] = '\0';
	nul = memchr(reply, '\0', got);
	fwrite(reply, 1, nul ? (size_t)(nul - reply) : got, stdout);
	if (!nul) {
		printf("mpt-ctlpeer: no end marker\n");
		return 1;
	}
	printf("mpt-ctlpeer: code %d\n", atoi(nul + 1));
	return 0;
}

static int hold(int n, double seconds, const char *text)
{
	struct pollfd p[MAX_CONNS];
	char buf[4096];
	size_t len = unescape(text, buf);
	unsigned long opened = 0, busy = 0, dropped = 0;
	double start = now_s();
	int i;

	if (n < 1 || n > MAX_CONNS)
		return 2;
	for (i = 0; i < n; i++)
		p[i].fd = -1;
	signal(SIGTERM, on_term);
	while (!stop && now_s() < start + seconds) {
		for (i = 0; i < n; i++) {
			if (p[i].fd >= 0)
				continue;
			p[i].fd = peer_connect();
			if (p[i].fd < 0) {
				if (!opened) {
					fprintf(stderr, "mpt-ctlpeer: cannot reach @mpboot: %s\n",
						strerror(errno));
					return 2;
				}
				continue;
			}
			p[i].events = POLLIN;
			opened++;
			if (len)
				send(p[i].fd, buf, len, MSG_NOSIGNAL);
		}
		if (poll(p, n, 200) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			ssize_t r;

			if (p[i].fd < 0 || !p[i].revents)
				continue;
			r = recv(p[i].fd, buf + len, sizeof(buf) - len - 1, 0);
			if (r > 0) {
				buf[len + r] = '\0';
				if (strstr(buf + len, "busy"))
					busy++;
				else
					dropped++;
			} else {
				dropped++;
			}
			close(p[i].fd);
			p[i].fd = -1;
		}
	}
	for (i = 0; i < n; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
	printf("mpt-ctlpeer hold: connections=%lu busy=%lu dropped=%lu seconds=%.0f\n",
	       opened, busy, dropped, now_s() - start);
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "send"))
		return ask(buf, unescape(argv[2], buf),
			   argc > 3 && !strcmp(argv[3], "--half-close"));
	if (argc == 3 && !strcmp(argv[1], "send-bytes")) {
		size_t n = strtoul(argv[2], NULL, 10);

		if (n > sizeof(buf))
			return 2;
		memset(buf, 'a', n);
		return ask(buf, n, 0);
	}
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "hold"))
		return hold(atoi(argv[2]), atof(argv[3]),
			    argc == 5 ? argv[4] : "show pa");
	fprintf(stderr, "usage: mpt-ctlpeer send TEXT [--half-close] | send-bytes N | hold N SECONDS [TEXT]\n");
	return 2;
}
