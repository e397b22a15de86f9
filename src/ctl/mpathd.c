/* multipathd's socket protocol from the client's side: framing, the reply
 * reader and a connection that never blocks. */
#include "ctl/mpathd.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

ssize_t mpd_frame(const char *cmd, void *buf, size_t cap)
{
	size_t len = strlen(cmd) + 1;

	if (len == 1)
		return -EINVAL;
	if (len > MPD_CMD_MAX || sizeof(len) + len > cap)
		return -E2BIG;
	memcpy(buf, &len, sizeof(len));
	memcpy((char *)buf + sizeof(len), cmd, len);
	return sizeof(len) + len;
}

int mpd_reply_feed(struct mpd_reply *r, const void *data, size_t n,
		   size_t *used)
{
	const unsigned char *p = data;
	size_t take;

	*used = 0;
	if (r->got < sizeof(r->head)) {
		take = sizeof(r->head) - r->got;
		if (take > n)
			take = n;
		memcpy(r->head + r->got, p, take);
		r->got += take;
		*used += take;
		if (r->got < sizeof(r->head))
			return 0;
		memcpy(&r->len, r->head, sizeof(r->len));
		if (r->len == 0 || r->len >= MPD_REPLY_MAX)
			return -EPROTO;
		r->text = malloc(r->len);
		if (!r->text)
			return -ENOMEM;
	}
	take = sizeof(r->head) + r->len - r->got;
	if (take > n - *used)
		take = n - *used;
	memcpy(r->text + (r->got - sizeof(r->head)), p + *used, take);
	r->got += take;
	*used += take;
	if (r->got < sizeof(r->head) + r->len)
		return 0;
	/* the sender's NUL, as libmpathcmd trusts it: not at all */
	r->text[r->len - 1] = '\0';
	return 1;
}

void mpd_reply_free(struct mpd_reply *r)
{
	free(r->text);
	memset(r, 0, sizeof(*r));
}

int mpd_conn_start(struct mpd_conn *c, const char *name, const char *cmd)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t nlen = strlen(name);
	ssize_t len;
	int r;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	len = mpd_frame(cmd, c->out, sizeof(c->out));
	if (len < 0)
		return len;
	c->out_len = len;
	if (nlen + 1 > sizeof(addr.sun_path))
		return -EINVAL;
	/* abstract: a NUL, then the name, and the address ends there */
	memcpy(addr.sun_path + 1, name, nlen);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -errno;
	if (connect(c->fd, (struct sockaddr *)&addr,
		    offsetof(struct sockaddr_un, sun_path) + 1 + nlen) &&
	    errno != EINPROGRESS) {
		r = -errno;
		close(c->fd);
		c->fd = -1;
		return r;
	}
	return 0;
}

short mpd_conn_events(const struct mpd_conn *c)
{
	return c->sent < c->out_len ? POLLOUT : POLLIN;
}

int mpd_conn_step(struct mpd_conn *c)
{
	unsigned char buf[4096];
	ssize_t n;
	size_t used;
	int r;

	while (c->sent < c->out_len) {
		n = send(c->fd, c->out + c->sent, c->out_len - c->sent,
			 MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		c->sent += n;
	}
	for (;;) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		if (n == 0)
			return -EPIPE;
		r = mpd_reply_feed(&c->reply, buf, n, &used);
		if (r)
			return r;
	}
}

void mpd_conn_close(struct mpd_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	mpd_reply_free(&c->reply);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int mpd_exchange(const char *name, const char *cmd, int timeout_ms,
		 char **reply)
{
	long long deadline = now_ms() + timeout_ms;
	struct mpd_conn c;
	int r;

	*reply = NULL;
	r = mpd_conn_start(&c, name, cmd);
	if (r)
		return r;
	for (;;) {
		struct pollfd p = { .fd = c.fd, .events = mpd_conn_events(&c) };
		long long left = deadline - now_ms();

		if (left <= 0) {
			r = -ETIMEDOUT;
			break;
		}
		r = poll(&p, 1, left);
		if (r < 0 && errno != EINTR) {
			r = -errno;
			break;
		}
		if (r <= 0)
			continue;
		r = mpd_conn_step(&c);
		if (r)
			break;
	}
	if (r == 1) {
		*reply = c.reply.text;
		c.reply.text = NULL;
		r = 0;
	}
	mpd_conn_close(&c);
	return r;
}
