/* The control socket's server side for the daemon's poll loop: the
 * listening socket (abstract, so it stays reachable across switch_root:
 * it belongs to the network namespace, not to a filesystem) and a fixed
 * pool of connections, each with a bounded request buffer and a
 * deadline. Nothing here blocks: reads and writes are nonblocking, and a
 * client that does not finish its request or does not read its reply
 * within CTLSRV_TIMEOUT_MS is dropped.
 *
 * The loop polls the CTLSRV_NFDS entries ctlsrv_pollfds fills (fixed
 * positions; a free slot has fd -1, which poll skips), wakes up by
 * ctlsrv_deadline at the latest, and then calls ctlsrv_ready. A complete
 * request that the peer may send (SO_PEERCRED, ctl_allowed) is given to
 * the handler; its reply is sent as the socket takes it. */
#pragma once

#include <poll.h>
#include <sys/types.h>

#include "ctl/ctl.h"

#define CTLSRV_CONNS		8
#define CTLSRV_NFDS		(1 + CTLSRV_CONNS)
#define CTLSRV_TIMEOUT_MS	5000	/* to send a request, then to read
					 * the reply once it is ready */

struct ctlsrv_conn {
	int fd;			/* -1: free */
	uid_t uid;		/* the peer's, from SO_PEERCRED */
	long long deadline;	/* ms, the caller's monotonic clock */
	size_t in_len;
	char in[CTL_REQ_MAX];
	struct ctl_out out;	/* the framed reply, once there is one */
	size_t sent;		/* bytes of out already written */
};

struct ctlsrv {
	int fd;			/* the listening socket */
	ctl_handler handler;
	void *ctx;
	struct ctlsrv_conn conn[CTLSRV_CONNS];
};

/* Listen on the abstract unix socket @name (CTL_SOCKET for the daemon).
 * Returns 0, or -errno (-EADDRINUSE: another daemon has it). */
int ctlsrv_open(struct ctlsrv *s, const char *name, ctl_handler handler,
		void *ctx);

/* Close the listening socket and every connection; a reply not yet sent
 * gets one last nonblocking write. */
void ctlsrv_close(struct ctlsrv *s);

/* Fill pfd[0..CTLSRV_NFDS) with what to wait for. */
void ctlsrv_pollfds(const struct ctlsrv *s, struct pollfd *pfd);

/* Act on pfd[0..CTLSRV_NFDS) as poll returned them (the entries
 * ctlsrv_pollfds filled, revents set) at time now (ms), and drop the
 * connections whose deadline has passed. */
void ctlsrv_ready(struct ctlsrv *s, const struct pollfd *pfd,
		  long long now);

/* The earliest deadline (ms) of a connection, or -1 when there is none. */
long long ctlsrv_deadline(const struct ctlsrv *s);

/* Take a connected socket fd from a peer with uid into the pool, as an
 * accept does; fd is made nonblocking and is closed after a "busy" reply
 * when the pool is full. Returns 0, or -EBUSY. */
int ctlsrv_add(struct ctlsrv *s, int fd, uid_t uid, long long now);
