/* Applying a plan to the kernel: what to do with each map and its
 * partition maps, given the maps that run (decide.c, parts.c: pure), and
 * doing it through device-mapper (exec.c). Shared by --once and the
 * checker daemon. read.c reads the partition tables they need. */
#pragma once

#include <stddef.h>

#include "dm/dmio.h"
#include "kpartx/kpartx.h"

/* One map as wanted: a one-target table under a name and a UUID. */
struct apply_want {
	const char *name;
	const char *uuid;
	unsigned long long size;	/* 512-byte sectors */
	const char *target;
	const char *params;
};

enum apply_action {
	APPLY_CREATE,		/* no map has the UUID */
	APPLY_RELOAD,		/* the running table differs */
	APPLY_UNCHANGED,	/* the running table is the one wanted */
	APPLY_REFUSE,		/* no map has the UUID and another map holds
				 * the name (holder): nothing is created */
};

struct apply_step {
	enum apply_action action;
	int flush;		/* RELOAD across a size change: complete the
				 * queued I/O first */
	int rename;		/* rename cur to the wanted name first */
	const struct dmio_dev *cur;	/* the running map with the UUID */
	const struct dmio_dev *holder;	/* another map holding the wanted
					 * name; with cur, cur keeps its own */
};

/* What makes the map with w's UUID carry w's table, knowing the running
 * maps. A map whose UUID differs is never touched: it only holds a name.
 * multipath tables are compared normalized (mpt_table_same), others as
 * strings. */
void apply_decide(const struct apply_want *w, const struct dmio_list *running,
		  struct apply_step *out);

/* Carry out apply_decide's answer: create, rename, reload; logs what
 * fails. *action is the summary's word ("create", "reload", "rename",
 * "unchanged"); out is the map as the kernel has it afterwards (out->params
 * malloc'd). Returns 0 or -errno (-EEXIST: refused). */
int apply_map(const struct apply_want *w, const struct dmio_list *running,
	      const char **action, struct dmio_dev *out);

enum apply_part_kind {
	APPLY_PART_MAP,		/* gets a linear map (want, step) */
	APPLY_PART_PAST_END,	/* runs past the end of the parent: skipped */
	APPLY_PART_TOO_LONG,	/* its name or UUID would pass device-mapper's
				 * limits: fails */
};

struct apply_part {
	enum apply_part_kind kind;
	const struct part *part;	/* the entry of the table read */
	char name[128];
	char uuid[160];
	char params[200];
	struct apply_want want;		/* APPLY_PART_MAP: points at the above */
	struct apply_step step;		/* APPLY_PART_MAP */
	char made[128];			/* set by apply_parts: the name the
					 * map has once built, "" if it failed */
};

/* A running partition map of the parent whose partition is not in the
 * table any more. */
struct apply_stale {
	const struct dmio_dev *dev;
	int partno;
	int keep;		/* open: left in place */
};

struct apply_parts {
	struct apply_part *v;
	size_t n;
	struct apply_stale *stale;
	size_t n_stale;
};

/* The parent map the partition maps sit on. */
struct apply_parent {
	const char *name;	/* the name it has (or will have) */
	const char *uuid;
	unsigned long long size;
	const char *delim;	/* partition name delimiter, NULL: kpartx's */
	const struct dmio_dev *dev;	/* the running map, NULL when it does
					 * not exist yet (named by path) */
};

/* Partition maps for the table `parts` read whole from the parent, as
 * kpartx makes them: each entry's map and what to do with it, and the
 * running partition maps of the parent left without an entry. An entry
 * past the end keeps its running map. Only call with a table that was
 * read: an unreadable one says nothing about which maps are stale
 * (apply_parts_read).
 * Returns 0 or -ENOMEM. */
int apply_parts_decide(const struct apply_parent *parent,
		       const struct part_list *parts,
		       const struct dmio_list *running, struct apply_parts *out);
void apply_parts_free(struct apply_parts *p);

/* Read the parent's partition table from devfd/rel (its map, or one of
 * its paths before it exists) into parts and decide (apply_parts_decide).
 * With wait_ms, the read runs in a process of its own and is given up
 * after that long (kpartx_read_within, -ETIMEDOUT); 0 reads here (the
 * fuzzer). A table that cannot be read is an error, said in the log, with
 * nothing decided: every partition map stays. Returns 0 or -errno. */
int apply_parts_read(int devfd, const char *rel, int wait_ms,
		     const struct apply_parent *parent,
		     const struct dmio_list *running, struct part_list *parts,
		     struct apply_parts *out);

/* Say which entries are skipped or too long; with change, also build
 * every APPLY_PART_MAP entry (apply_map, logging what changed, a->made)
 * and remove the stale maps not kept. Returns the number of entries that
 * failed (too long, or not built). */
size_t apply_parts(struct apply_parts *p, const struct apply_parent *parent,
		   const struct dmio_list *running, int change);
