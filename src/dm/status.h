/* Reading what the kernel says about a multipath map: its table as the
 * kernel echoes it back, and its status. Pure parsers. */
#pragma once

#include <stddef.h>

/* The parsers take any number of groups and paths; the daemon's state
 * keeps one bit per group in 64 (src/daemon/mapstate.c). */
#define MPT_MAX_GROUPS	64

struct mpt_path {
	unsigned major, minor;
	long arg;		/* table: first per-path argument; status: fail count */
	int active;		/* status only: 'A' */
};

struct mpt_group {
	char selector[32];	/* table: selector name; */
	char state;		/* status: 'A' active, 'E' enabled, 'D' disabled */
	size_t first, n;	/* range of paths[] */
};

/* A parsed multipath table or status line. No limit on groups or paths
 * but the line's length: the kernel takes up to 1024 of each. */
struct mpt {
	char features[256];	/* feature words, sorted, space separated */
	char hwhandler[32];	/* "" when none */
	size_t n_groups, n_paths;
	unsigned initial_pg;
	struct mpt_group *groups;	/* malloc'd: mpt_free */
	struct mpt_path *paths;
};

/* Parse a multipath target's table parameters. Returns 0, -EINVAL or
 * -ENOMEM; on success t holds memory for mpt_free. */
int mpt_parse_table(const char *params, struct mpt *t);

/* Parse a multipath target's status line, as mpt_parse_table. */
int mpt_parse_status(const char *status, struct mpt *s);

void mpt_free(struct mpt *m);

/* Whether a status line lists paths and the kernel has failed every one:
 * I/O to the map then waits for a path (queueing) or fails. 0 for a line
 * that does not parse. */
int mpt_status_all_failed(const char *status);

/* Whether the kernel's table `kernel` already is what `ours` asks for.
 * The kernel does not echo tables verbatim (selectors add default per-path
 * arguments, an attached hardware handler shows up where we asked for
 * none), so this compares features as a set, the handler when we name one,
 * and each group's selector and paths in order. */
int mpt_table_same(const char *ours, const char *kernel);
