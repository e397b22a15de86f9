/* The checker daemon's control protocol (`mpboot ctl`), pure: what a
 * request line means, who may send it, the reply buffer a handler fills
 * and the framing of the reply. The connections are ctlsrv.h's.
 *
 * Protocol, one request per connection on the abstract unix socket
 * @mpboot (SOCK_STREAM):
 *   client -> daemon  one line of text, at most CTL_REQ_MAX bytes with
 *                     its newline (a half-close ends it too), e.g.
 *                     "show map mpatha --json\n"
 *   daemon -> client  the reply text (every line ending in a newline,
 *                     never a NUL byte), then the end marker: a NUL byte,
 *                     the exit code in decimal and a newline ("\0" "0\n");
 *                     then the daemon closes the connection.
 * A reply cut short (no end marker before the close) is a failure. Exit
 * codes are the command line's: 0 done, 1 failed, 2 bad request. */
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define CTL_SOCKET	"mpboot"	/* abstract name: "@mpboot" */
#define CTL_REQ_MAX	4096		/* a request, its newline included */
#define CTL_REPLY_MAX	(8u << 20)	/* a reply body: show paths --json
					 * for 1024 paths is ~0.5 MiB */
#define CTL_NAME_MAX	128		/* a map or path name, NUL included
					 * (device-mapper's DM_NAME_LEN) */
#define CTL_ERR_MAX	200		/* ctl_req.error */

enum ctl_verb {
	CTL_SHOW_PATHS,
	CTL_SHOW_MAPS,
	CTL_SHOW_MAP,		/* name */
	CTL_SHOW_CONFIG,
	CTL_FAIL_PATH,		/* name: sdX */
	CTL_REINSTATE_PATH,	/* name: sdX */
	CTL_SWITCHGROUP,	/* name, group */
	CTL_DISABLEQUEUEING,	/* name, or all */
	CTL_RESTOREQUEUEING,	/* name, or all */
	CTL_RECONFIGURE,
	CTL_SHUTDOWN,
};

struct ctl_req {
	enum ctl_verb verb;
	char name[CTL_NAME_MAX];	/* map or sd device; "" when all */
	int all;			/* disable/restorequeueing map all */
	int group;			/* switchgroup: from 1, as multipathd */
	int json;			/* --json (show paths, maps, map) */
	char error[CTL_ERR_MAX];	/* why ctl_parse refused the line */
};

/* Parse one request: line[0..len), a trailing "\n" or "\r\n" allowed,
 * words separated by spaces or tabs. Returns 0, or -EINVAL (-E2BIG when
 * len is over CTL_REQ_MAX) with out->error saying what is wrong:
 * "unknown command 'x' (expected: ...)", "bad group number 'x': expected
 * 1-9999", ... Pure. */
int ctl_parse(const char *line, size_t len, struct ctl_req *out);

/* The command's words, "show paths", "fail path", "reconfigure". */
const char *ctl_verb_name(enum ctl_verb verb);

/* Whether the request changes something (everything but show). */
int ctl_req_mutates(const struct ctl_req *r);

/* Whether a peer with uid may send r: 0, or -EPERM with
 * "permission denied: VERB needs root" in err (CTL_ERR_MAX bytes). */
int ctl_allowed(const struct ctl_req *r, uid_t uid, char *err);

/* A reply being built: text appended up to CTL_REPLY_MAX bytes; past
 * that the reply is marked overflowed and the rest is dropped. Allocated
 * per request and freed once sent. */
struct ctl_out {
	char *buf;
	size_t len, cap;
	int overflow;
	FILE *f;	/* ctl_out_file's stream, or NULL */
};

void ctl_out_init(struct ctl_out *o);
void ctl_out_free(struct ctl_out *o);
void ctl_out_printf(struct ctl_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ctl_out_write(struct ctl_out *o, const char *s, size_t n);

/* A stdio stream appending to o, for formatters that write to a FILE*
 * (json.h, the list and config printers). NULL when out of memory. It
 * stays open until ctl_out_free. */
FILE *ctl_out_file(struct ctl_out *o);

/* The handler the daemon gives ctlsrv: does r, writes the reply text to
 * out and returns the exit code (0, 1 or 2), or -errno for a failure
 * ctlsrv reports itself. It runs in the daemon's loop and must not
 * block for long. Only requests ctl_allowed lets through reach it. */
typedef int (*ctl_handler)(void *ctx, const struct ctl_req *r,
			   struct ctl_out *out);

/* Finish o as a framed reply with exit code code: a newline after an
 * unterminated last line, any NUL byte made '?', the body replaced by an
 * error when it overflowed, then the end marker. Returns 0 or -ENOMEM
 * (o then holds nothing to send). */
int ctl_out_frame(struct ctl_out *o, int code);

/* The exit code in what follows the NUL of a reply's end marker
 * (tail[0..len), read up to the close): "N\n" with N in 0-255. Returns N,
 * or -EPROTO for anything else. */
int ctl_reply_code(const char *tail, size_t len);
