/* The checker daemon's state: every multipath map in the kernel (UUID
 * "mpath-") with its paths, in arrays sized once per (re)build, so the
 * loop allocates nothing while it checks. Made from what the kernel says
 * (table, status) and the scanned paths, by pure code: adopting the maps
 * of an earlier daemon is the same as taking over the ones just built.
 * The loop (daemon.c) owns the checkers' fds; this module only sorts
 * data. */
#pragma once

#include <stddef.h>

#include "checker/checker.h"
#include "config/config.h"
#include "daemon/mapstate.h"
#include "dm/status.h"
#include "scan/scan.h"
#include "util/strmap.h"

/* What the daemon knows of one path beside its ps_path. */
struct st_path {
	char dev[32];		/* "sdb"; "M:m" when sysfs has no such device */
	unsigned major, minor;
	int host, channel, target;
	unsigned long long lun;
	int found;		/* the scan knows the device */
	enum ps_kstate kstate;	/* 'A'/'F' in the latest status read */
	int kind;		/* enum chk_kind, or -ENOTSUP */
	struct chk *chk;	/* opened on the first check; never moves,
				 * since a directio read in flight points at
				 * it. NULL: not opened yet */
	int prio_sysfs;		/* prio_sysfs_kind: 0, or its priority is
				 * read again from access_state after each
				 * good check */
	int preferred;		/* ALUA preferred bit at the scan */
	int checking;		/* a check of ours is in flight */
	int unchecked;		/* its checker cannot run (logged once) */
	unsigned map;		/* its map's index in st.maps */
};

struct st_map {
	struct ms_map ms;	/* ms.paths: this map's range of st.ps */
	char name[128];
	char uuid[160];
	unsigned event_nr;	/* the kernel's counter at the last status read */
	struct ps_timing t;
	int queue_without_daemon;
	int regroup;		/* group_by_prio and failback immediate: a
				 * priority change reloads the map */
	unsigned first;		/* this map's range of st.sp and st.ps */
	/* the loop's: ms when something of the map is next due (a check, a
	 * deadline, a timer), so a pass looks only at the maps that have
	 * something to do; 0 when something changed (look now) */
	long long next_ms;
	unsigned inflight;	/* paths whose checker holds a command */
};

struct st {
	struct st_map *maps;
	unsigned n_maps;
	struct ps_path *ps;	/* all paths, map by map */
	struct st_path *sp;	/* parallel to ps */
	unsigned n_paths;
	struct strmap by_name;	/* map name -> index in maps */
};

/* One map as the kernel has it, for st_build. */
struct st_kmap {
	const char *name, *uuid;
	const struct mpt *table;	/* parsed table */
	const struct mpt *status;	/* parsed status line (NULL: unknown) */
	unsigned event_nr;
};

/* Callback for a path's priority under its map's attributes (a prioritizer
 * asks the device). */
typedef int (*st_prio_fn)(const struct mp_attrs *a, const struct path *p,
			  void *ctx);

/* Build s from the kernel's maps km[0..n) and the scanned paths: each map's
 * paths by major:minor (name and H:C:T:L from the scan), groups and the
 * kernel's A/F and group states; queueing from the table's features (the
 * kernel echoes the flag as it is now; the status line's first feature is
 * whether I/O waits for a path group's initialization, not this); per map, the configuration's
 * no_path_retry, failback, timing and checker (resolved with its first
 * known path) and prio of each path. Every map is started (ms_start) at
 * now and staggered. Returns 0, -ENOMEM, or -EINVAL when a status does not
 * match its table (s is then empty). */
int st_build(struct st *s, const struct st_kmap *km, size_t n,
	     const struct path_list *pl, const struct config *cfg,
	     st_prio_fn prio, void *prio_ctx, long long now);

/* Keep what old knew of the paths and maps still in s (same map UUID, same
 * major:minor): the path's state, schedule and hold, its checker (old's
 * pointer moves to s and is set to NULL in old), and the map's timers.
 * What stays in old (chk != NULL) is for the caller to close. */
void st_carry(struct st *s, struct st *old);

/* Copy a status read of map m into the daemon's view: each path's A/F,
 * the active group, the disabled groups. Returns 0, or -EINVAL when the
 * status does not have m's paths (the map was reloaded: the caller
 * rebuilds). */
int st_update_status(struct st *s, struct st_map *m, const struct mpt *status);

/* The map whose UUID or name is key, or NULL. */
struct st_map *st_find_map(struct st *s, const char *key);
/* The map named name (the kernel's name, not a UUID), or NULL. */
struct st_map *st_map_named(struct st *s, const char *name);
/* Path index in s of dev in any map, or -1; *map set to its map. */
int st_find_path(struct st *s, const char *dev, struct st_map **map);

/* Free the arrays and the index; the checkers still in s (chk) are the caller's to close
 * first. */
void st_free(struct st *s);
