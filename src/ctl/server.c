/* ctlsrv: the control socket's listening end and its connections (see
 * ctlsrv.h). One request per connection: read a line, answer, close. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl/ctlsrv.h"
#include "log.h"

#define LISTEN_BACKLOG	16
#define ACCEPT_BURST	(2 * CTLSRV_CONNS)	/* per wake-up, so a flood of
						 * clients cannot hold the loop */

static void conn_reset(struct ctlsrv_conn *c)
{
	ctl_out_free(&c->out);
	c->fd = -1;
	c->uid = (uid_t)-1;
	c->deadline = 0;
	c->in_len = 0;
	c->sent = 0;
}

static void conn_close(struct ctlsrv_conn *c)
{
	close(c->fd);
	conn_reset(c);
}

int ctlsrv_open(struct ctlsrv *s, const char *name, ctl_handler handler,
		void *ctx)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t n = strlen(name);
	int i;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	for (i = 0; i < CTLSRV_CONNS; i++)
		conn_reset(&s->conn[i]);
	if (!n || n >= sizeof(sa.sun_path) - 1)
		return -EINVAL;
	memcpy(sa.sun_path + 1, name, n);	/* sun_path[0] 0: abstract */
	s->handler = handler;
	s->ctx = ctx;
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -errno;
	if (bind(s->fd, (struct sockaddr *)&sa,
		 offsetof(struct sockaddr_un, sun_path) + 1 + n) ||
	    listen(s->fd, LISTEN_BACKLOG)) {
		int err = -errno;

		close(s->fd);
		s->fd = -1;
		return err;
	}
	return 0;
}

/* Write what the socket takes of c's reply; the connection is closed
 * once it is all out or the peer is gone. */
static void conn_send(struct ctlsrv_conn *c)
{
	while (c->sent < c->out.len) {
		ssize_t n = send(c->fd, c->out.buf + c->sent,
				 c->out.len - c->sent,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0) {
			log_info("control: a client left before its reply "
				 "was sent: %s", strerror(errno));
			break;
		}
		c->sent += (size_t)n;
	}
	conn_close(c);
}

/* The reply to c's request in[0..len), framed, and the first try to send
 * it. */
static void conn_answer(struct ctlsrv *s, struct ctlsrv_conn *c, size_t len,
			long long now)
{
	struct ctl_req req;
	int code;

	if (ctl_parse(c->in, len, &req)) {
		ctl_out_printf(&c->out, "%s\n", req.error);
		code = 2;
	} else if (ctl_allowed(&req, c->uid, req.error)) {
		log_info("control: uid %u refused: %s", (unsigned)c->uid,
			 ctl_verb_name(req.verb));
		ctl_out_printf(&c->out, "%s\n", req.error);
		code = 1;
	} else {
		if (ctl_req_mutates(&req))
			log_info("control: uid %u: %s %s", (unsigned)c->uid,
				 ctl_verb_name(req.verb), req.name);
		code = s->handler(s->ctx, &req, &c->out);
		if (code < 0) {
			ctl_out_printf(&c->out, "%s failed: %s\n",
				       ctl_verb_name(req.verb),
				       strerror(-code));
			code = 1;
		}
	}
	if (ctl_out_frame(&c->out, code)) {
		log_err("control: no memory for a reply");
		conn_close(c);
		return;
	}
	c->deadline = now + CTLSRV_TIMEOUT_MS;
	conn_send(c);
}

/* Read what c's peer sent; answer once the request is complete (its
 * newline, the peer's half-close, or the buffer full: too long). */
static void conn_recv(struct ctlsrv *s, struct ctlsrv_conn *c, long long now)
{
	for (;;) {
		size_t room = sizeof(c->in) - c->in_len;
		char *nl;
		ssize_t n;

		if (!room) {
			ctl_out_printf(&c->out, "request longer than %d "
				       "bytes\n", CTL_REQ_MAX);
			c->in_len = 0;
			if (!ctl_out_frame(&c->out, 2)) {
				c->deadline = now + CTLSRV_TIMEOUT_MS;
				conn_send(c);
			} else
				conn_close(c);
			return;
		}
		n = read(c->fd, c->in + c->in_len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0 || (n == 0 && !c->in_len)) {
			conn_close(c);
			return;
		}
		if (n == 0) {
			conn_answer(s, c, c->in_len, now);
			return;
		}
		nl = memchr(c->in + c->in_len, '\n', (size_t)n);
		c->in_len += (size_t)n;
		if (nl) {
			conn_answer(s, c, (size_t)(nl - c->in) + 1, now);
			return;
		}
	}
}

/* Tell a client the pool is full and close it. */
static void send_busy(int fd)
{
	struct ctl_out out;

	ctl_out_init(&out);
	ctl_out_printf(&out, "busy: %d clients are connected, try again\n",
		       CTLSRV_CONNS);
	if (!ctl_out_frame(&out, 1) &&
	    send(fd, out.buf, out.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		log_info("control: cannot tell a client the daemon is busy: "
			 "%s", strerror(errno));
	ctl_out_free(&out);
}

int ctlsrv_add(struct ctlsrv *s, int fd, uid_t uid, long long now)
{
	int flags = fcntl(fd, F_GETFL), i;

	if (flags >= 0 && !(flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	for (i = 0; i < CTLSRV_CONNS; i++) {
		struct ctlsrv_conn *c = &s->conn[i];

		if (c->fd >= 0)
			continue;
		c->fd = fd;
		c->uid = uid;
		c->deadline = now + CTLSRV_TIMEOUT_MS;
		return 0;
	}
	log_info("control: %d clients connected, one more refused as busy",
		 CTLSRV_CONNS);
	send_busy(fd);
	close(fd);
	return -EBUSY;
}

static void accept_clients(struct ctlsrv *s, long long now)
{
	int i;

	for (i = 0; i < ACCEPT_BURST; i++) {
		struct ucred cred;
		socklen_t len = sizeof(cred);
		int fd = accept4(s->fd, NULL, NULL,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("control: accept: %s",
					 strerror(errno));
			if (errno != EINTR && errno != ECONNABORTED)
				return;
			continue;
		}
		/* Without credentials the peer is nobody: show only. */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
			cred.uid = (uid_t)-1;
		ctlsrv_add(s, fd, cred.uid, now);
	}
}

void ctlsrv_pollfds(const struct ctlsrv *s, struct pollfd *pfd)
{
	int i;

	pfd[0] = (struct pollfd){ .fd = s->fd, .events = POLLIN };
	for (i = 0; i < CTLSRV_CONNS; i++) {
		const struct ctlsrv_conn *c = &s->conn[i];

		pfd[1 + i] = (struct pollfd){
			.fd = c->fd,
			.events = c->out.buf ? POLLOUT : POLLIN,
		};
	}
}

void ctlsrv_ready(struct ctlsrv *s, const struct pollfd *pfd, long long now)
{
	int i;

	for (i = 0; i < CTLSRV_CONNS; i++) {
		struct ctlsrv_conn *c = &s->conn[i];
		const struct pollfd *p = &pfd[1 + i];

		/* The slot may have changed hands since the poll. */
		if (c->fd < 0 || p->fd != c->fd || !p->revents)
			continue;
		if (c->out.buf)
			conn_send(c);
		else
			conn_recv(s, c, now);
	}
	for (i = 0; i < CTLSRV_CONNS; i++) {
		struct ctlsrv_conn *c = &s->conn[i];

		if (c->fd < 0 || c->deadline > now)
			continue;
		log_info("control: a client (uid %u) %s within %d ms; "
			 "dropped", (unsigned)c->uid,
			 c->out.buf ? "did not read its reply" :
			 "sent no complete request", CTLSRV_TIMEOUT_MS);
		conn_close(c);
	}
	if (s->fd >= 0 && pfd[0].fd == s->fd && (pfd[0].revents & POLLIN))
		accept_clients(s, now);
}

long long ctlsrv_deadline(const struct ctlsrv *s)
{
	long long first = -1;
	int i;

	for (i = 0; i < CTLSRV_CONNS; i++)
		if (s->conn[i].fd >= 0 &&
		    (first < 0 || s->conn[i].deadline < first))
			first = s->conn[i].deadline;
	return first;
}

void ctlsrv_close(struct ctlsrv *s)
{
	int i;

	for (i = 0; i < CTLSRV_CONNS; i++) {
		struct ctlsrv_conn *c = &s->conn[i];

		if (c->fd < 0)
			continue;
		if (c->out.buf)
			conn_send(c);	/* closes it once all is out */
		if (c->fd >= 0)
			conn_close(c);
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
