/* A client of multipathd's control socket, for the hand-over: mpboot asks
 * the multipathd of the real root which maps and paths it looks after.
 *
 * The protocol is libmpathcmd's (multipath-tools 0.9.4, Debian 12): a
 * stream connection to the abstract unix socket
 * "@/org/kernel/linux/storage/multipathd"; a request is the command's
 * length as a native size_t, counting a final NUL, then the command and
 * its NUL, at most 512 bytes (multipathd reads the length with one recv,
 * so the whole frame goes in one send); the reply is framed the same way,
 * its length under 32 MiB. One command per connection here. A command
 * that prints nothing is answered "ok\n", a failed one "fail\n", one
 * that waited too long for multipathd's lock "timeout\n".
 *
 * The framer, the reply reader and the parsers are pure (unit-tested and
 * fuzzed); struct mpd_conn does the I/O without ever blocking, so the
 * daemon loop polls it like its other descriptors, and mpd_exchange is
 * the same with a poll of its own, bounded by a deadline. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#define MPD_SOCKET	"/org/kernel/linux/storage/multipathd"
#define MPD_CMD_MAX	512			/* multipathd's _MAX_CMD_LEN */
#define MPD_REPLY_MAX	(32u * 1024 * 1024)	/* libmpathcmd's MAX_REPLY_LEN */

/* What the hand-over asks: multipathd's state, its maps by WWID, its
 * paths with the kernel's and the checker's view. "raw" drops the header
 * and the column padding; the one field that may hold a blank (the
 * checker state "i/o pending") and the one that may be empty (an orphan
 * path's WWID) are placed so a line splits at single blanks. */
#define MPD_CMD_DAEMON	"show daemon"
#define MPD_CMD_MAPS	"show maps raw format \"%w %n\""
#define MPD_CMD_PATHS	"show paths raw format \"%d %w %t %T\""

/* The frame of cmd (length header, text, NUL) into buf. Returns its size,
 * -EINVAL for an empty command, -E2BIG when it is over MPD_CMD_MAX or
 * does not fit in cap bytes. */
ssize_t mpd_frame(const char *cmd, void *buf, size_t cap);

/* A reply read piece by piece, as the bytes arrive. */
struct mpd_reply {
	unsigned char head[sizeof(size_t)];
	size_t len;	/* text length the header announced, NUL counted */
	size_t got;	/* bytes taken so far, header included */
	char *text;	/* malloc'd; a C string once complete */
};

/* Take up to n bytes of data into r; *used says how many. Returns 1 when
 * the reply is complete (r->text holds it, NUL-terminated, bytes after it
 * are not taken), 0 when more is needed, -EPROTO for a length of 0 or not
 * under MPD_REPLY_MAX, -ENOMEM. */
int mpd_reply_feed(struct mpd_reply *r, const void *data, size_t n,
		   size_t *used);
void mpd_reply_free(struct mpd_reply *r);

/* One exchange in progress. */
struct mpd_conn {
	int fd;
	unsigned char out[sizeof(size_t) + MPD_CMD_MAX];
	size_t out_len, sent;
	struct mpd_reply reply;
};

/* Connect without blocking to the abstract socket name (MPD_SOCKET but
 * for tests) and queue cmd. Returns 0; -ECONNREFUSED when nothing listens
 * there, -EAGAIN when its backlog is full (try later), -EINVAL/-E2BIG for
 * a bad command, -errno. On error c holds nothing to release. */
int mpd_conn_start(struct mpd_conn *c, const char *name, const char *cmd);

/* The poll events c waits for on c->fd. */
short mpd_conn_events(const struct mpd_conn *c);

/* Send or read what the socket allows now (never blocks). Returns 1 when
 * the reply is complete (in c->reply.text), 0 to poll again, -EPIPE when
 * multipathd closed the connection early, -EPROTO for a bad reply, -errno. */
int mpd_conn_step(struct mpd_conn *c);

/* Close c and free its reply (a taken reply text is the caller's: set
 * c->reply.text to NULL after taking it). */
void mpd_conn_close(struct mpd_conn *c);

/* Send cmd to the socket name and wait for the whole reply at most
 * timeout_ms milliseconds in all. Returns 0 with *reply malloc'd,
 * -ETIMEDOUT when the deadline passed, or an error of the calls above. */
int mpd_exchange(const char *name, const char *cmd, int timeout_ms,
		 char **reply);

/* Parsed replies. The strings point into the reply text, which the
 * parsers cut up in place: keep it while using them. */
enum mpd_daemon_state {
	MPD_DAEMON_OTHER,	/* init, startup, configure, shutdown, ... */
	MPD_DAEMON_READY,	/* idle or running: its maps are configured */
};

enum mpd_dm_state { MPD_DM_UNDEF, MPD_DM_ACTIVE, MPD_DM_FAILED };

/* multipathd's chk_st words; CHK_UNDEF is a path no map holds or whose
 * checker has not given a state, CHK_OTHER a word 0.9.4 does not print
 * (a later multipathd's: a state all the same). */
enum mpd_chk_state {
	MPD_CHK_UNDEF, MPD_CHK_READY, MPD_CHK_FAULTY, MPD_CHK_SHAKY,
	MPD_CHK_GHOST, MPD_CHK_PENDING, MPD_CHK_TIMEOUT, MPD_CHK_DELAYED,
	MPD_CHK_OTHER,
};

struct mpd_map {
	const char *wwid, *name;
};

struct mpd_path {
	const char *dev, *wwid;	/* wwid "" for a path without one */
	enum mpd_dm_state dm;
	enum mpd_chk_state chk;
};

/* "pid N STATE\n". Returns 0, or -EPROTO for anything else ("fail",
 * "timeout", a help text). */
int mpd_parse_daemon(char *text, int *pid, enum mpd_daemon_state *state);

/* The reply to MPD_CMD_MAPS: "WWID NAME" lines ("ok\n": no maps; the
 * name is the rest of the line).
 * *maps is malloc'd (NULL for none). Returns 0, -EPROTO when a line or
 * the whole reply is not that (an error word, a help text), -ENOMEM. */
int mpd_parse_maps(char *text, struct mpd_map **maps, size_t *n);

/* The reply to MPD_CMD_PATHS: "DEV WWID DM_ST CHK_ST" lines. As above. */
int mpd_parse_paths(char *text, struct mpd_path **paths, size_t *n);
