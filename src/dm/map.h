/* The map model: one LUN's paths, sorted into priority groups, ready to be
 * written as a kernel `multipath` table. Built by pure code from scanned
 * paths and resolved configuration. */
#pragma once

#include <stddef.h>

#include "config/config.h"
#include "scan/path.h"

struct pgroup {
	size_t first, n;	/* a range of map.members */
	int prio;		/* the average priority of its usable paths */
	size_t usable;		/* how many of its paths are usable */
};

struct member {
	const struct path *path;
	int prio;
};

/* device-mapper's limit on a UUID (DM_UUID_LEN - 1): "mpath-" and the
 * WWID must fit, so a WWID past MAP_WWID_MAX gets no map, in mpboot as in
 * multipath-tools (libdevmapper refuses the UUID). */
#define MAP_UUID_MAX	128
#define MAP_WWID_MAX	(MAP_UUID_MAX - 6)

struct map {
	char wwid[256];
	char name[128];
	int new_binding;	/* name is a friendly name to bind to wwid in
				 * the bindings file once the map is built */
	unsigned long long size;	/* 512-byte sectors */
	struct mp_attrs attrs;
	struct member *members;		/* grouped: group 0's paths first */
	size_t n_members;
	struct pgroup *groups;		/* best group first */
	size_t n_groups;
	/* Every path of the LUN that is not blacklisted, members or not (an
	 * offline path left out of a new map comes back later): LVM must
	 * not use any of them directly. */
	const struct path **paths;
	size_t n_paths;
};

/* Sort members into groups by policy and order the groups best first:
 * higher priority, then more usable paths, then first found (as
 * multipath-tools orders them). members holds n entries with their
 * priorities; on return it is reordered so each group is a contiguous
 * range. Returns 0 or -ENOMEM. */
int map_group(struct map *m);

/* A group's priority as multipathd computes it: the sum of its usable
 * paths' priorities divided by their number (rounded toward zero), 0 when
 * none is usable. A sum would let a big group of poor paths outrank one
 * good path. */
int prio_average(long long sum, size_t n);

/* The group the kernel starts with, counted from 1 (multipath-tools'
 * bestpg): the first group with a usable path, else 1; 0 without groups. */
size_t map_initial_group(const struct map *m);

void map_free(struct map *m);

/* The kernel multipath target's parameters for m, malloc'd (NULL: out of
 * memory); as long as the paths need. queueing says whether to keep
 * queue_if_no_path (only when a daemon will recover paths). */
char *map_table(const struct map *m, int queueing);
