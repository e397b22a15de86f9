/* Which maps to build: paths grouped by WWID, filtered by blacklist and
 * find_multipaths, each with resolved attributes, priorities, groups and a
 * name. Pure apart from the prioritizer callback, which asks devices. */
#pragma once

#include <stddef.h>

#include "config/bindings.h"
#include "config/config.h"
#include "config/wwids.h"
#include "dm/dmio.h"
#include "dm/held.h"
#include "dm/map.h"
#include "scan/scan.h"

struct plan_input {
	const struct path_list *paths;
	const struct config *cfg;
	const struct wwids *wwids;	/* known WWIDs; may be NULL */
	const char *const *extra_wwids;	/* from the kernel command line */
	size_t n_extra_wwids;
	const struct bindings *bindings;	/* user_friendly_names; may be
						 * NULL. Read only: new names are
						 * map.new_binding */
	/* The device-mapper devices now running (names and UUIDs): a new
	 * name never takes one, and a running map keeps its own when the one
	 * it should have is taken. NULL: none. */
	const struct dmio_list *running;
	int (*prio)(const struct mp_attrs *a, const struct path *p, void *ctx);
	void *prio_ctx;
	/* The paths running maps hold. The kernel cannot open an offline
	 * path for a new table, but keeps one it already holds: such a path
	 * stays, any other offline path is left out. NULL: none. */
	const struct held_paths *held;
};

struct plan {
	struct map *maps;
	size_t n;
	size_t failed;		/* LUNs that should have had a map but cannot */
	/* Each map's name is the one it will have: see dm/name.h. */
};

int plan_build(const struct plan_input *in, struct plan *out);
/* find_multipaths' "known" WWID: in the wwids file, named by a
 * multipaths entry, or given on the kernel command line (in's wwids,
 * cfg and extra_wwids). */
int plan_wwid_known(const struct plan_input *in, const char *wwid);

/* The planned map that disk dev ("sdb") is a path of, member or left out
 * (map.paths), or NULL. */
const struct map *plan_map_of(const struct plan *p, const char *dev);
void plan_free(struct plan *p);
