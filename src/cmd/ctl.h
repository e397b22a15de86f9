/* The client side of the control socket, for `mpboot ctl` and for the
 * commands that show the daemon's view when one runs (`mpboot list`). */
#pragma once

#include <stddef.h>

/* Send req[0..len) (one request line, newline included) to the daemon
 * and read its whole reply within timeout seconds. Returns the reply's
 * exit code with its text in *body (malloc'd, NUL-terminated, *body_len
 * bytes); -ECONNREFUSED when no daemon listens (nothing said), -EIO after
 * saying why. */
int ctl_ask(const char *req, size_t len, int timeout, char **body,
	    size_t *body_len);

/* Whether a daemon listens on the control socket. */
int ctl_daemon_listening(void);
