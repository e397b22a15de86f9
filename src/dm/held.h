/* The paths running multipath maps hold, as data for the plan: the kernel
 * keeps an offline path a map already holds, but cannot open one for a
 * new table. Collected from the maps' tables, read once by the caller. */
#pragma once

#include <stddef.h>

#include "dm/dmio.h"

struct held_path {
	const char *wwid;	/* into the dmio_list it was collected from */
	unsigned major, minor;
};

struct held_paths {
	struct held_path *v;
	size_t n;
};

/* Every path of every multipath map whose UUID is mpath-<wwid> in l. A
 * table that does not parse holds nothing. Returns 0 or -ENOMEM; out
 * points into l, which must outlive it. */
int held_paths_collect(const struct dmio_list *l, struct held_paths *out);

/* Whether the running map of wwid holds device major:minor. */
int held_paths_has(const struct held_paths *h, const char *wwid,
		   unsigned major, unsigned minor);

void held_paths_free(struct held_paths *h);
