/* The hand-over of mpboot's maps to the multipathd of the real root, as
 * decisions on data (no I/O): has multipathd taken a map, which WWIDs
 * would it refuse to take, may mpboot's daemon exit.
 *
 * "Taken" is what multipathd's own replies show (src/ctl/mpathd.h): its
 * state is idle or running (the start-up configuration is over, so it
 * will not drop or reload what it lists), it lists the map's WWID among
 * its maps, and every path mpboot has in the map is one of its paths with
 * that WWID, in the kernel's view (dm_st active or failed, not undef) and
 * with a checker state other than undef (multipathd prints undef for a
 * path no map holds and for one its checker never gave a state). Then
 * multipathd checks every path mpboot checks, and mpboot may let go of
 * that map without a gap.
 *
 * multipathd refuses a WWID when its find_multipaths is strict (0.9.4's
 * default when the real root's configuration does not set it) and the
 * WWID is not in its wwids file: with the other settings a map that
 * already runs, or a LUN with two paths, is kept (libmultipath/wwids.c
 * should_multipath). A refused map in use is not flushed, but its paths
 * are left unchecked; mpboot adds such WWIDs to the wwids file the way
 * `multipath -a` does, before multipathd starts when it can. */
#pragma once

#include <stddef.h>

#include "config/cmdline.h"
#include "config/config.h"
#include "config/wwids.h"
#include "ctl/mpathd.h"

/* A map mpboot's daemon looks after. */
struct ho_map {
	const char *name, *wwid;
	const char *const *paths;	/* its members' kernel names, "sdb" */
	size_t n_paths;
};

enum ho_state {
	HO_UNLISTED,	/* multipathd does not list the map (yet) */
	HO_UNCHECKED,	/* listed; a path missing, not in the map or unchecked */
	HO_TAKEN,	/* listed, every path checked by multipathd */
};

/* What multipathd answered, parsed. */
struct ho_view {
	enum mpd_daemon_state daemon;
	const struct mpd_map *maps;
	size_t n_maps;
	const struct mpd_path *paths;
	size_t n_paths;
};

/* find_multipaths as multipathd reads the real root's configuration cfg
 * (loaded without the kernel command line): what its files set, else
 * multipath-tools' default, strict. */
enum find_multipaths ho_multipathd_find(const struct config *cfg);

/* 1 when multipathd with find_multipaths find and the wwids file w would
 * refuse wwid, 0 when it would take it. */
int ho_refused(enum find_multipaths find, const struct wwids *w,
	       const char *wwid);

/* The state of map m in view v (never taken while multipathd is still
 * starting). */
enum ho_state ho_map_state(const struct ho_map *m, const struct ho_view *v);

/* Whether mpboot's daemon may exit, given each of its maps' state (n of
 * them) and multipathd's state: auto when every map is taken (none left
 * is no reason to stay either), always once multipathd is configured,
 * never not. */
int ho_may_exit(enum handover_mode mode, const struct ho_view *v,
		const enum ho_state *states, size_t n);
