/* The assembly run shared by --once, --dry-run and lvm-filter. */
#pragma once

#include "cmd/cmd.h"
#include "cmd/env.h"

enum once_mode {
	ONCE_BUILD,	/* --once: build the maps */
	ONCE_DRY_RUN,	/* --dry-run: print their tables */
	ONCE_LVM,	/* lvm-filter: print what LVM needs, change nothing */
};

struct once_args {
	enum once_mode mode;
	const char *part_delim;	/* --part-delim; NULL: the environment's
				 * (mpb_env.part_delim), "default":
				 * kpartx's */
	const char *lvm_conf;	/* write the filter into this lvm.conf */
	int devices_file;	/* ONCE_LVM: print system.devices lines too */
	const char *wwid;	/* only this LUN's map (the init mode's root
				 * first); NULL: every LUN */
	int part_wait_s;	/* a partition table read is given up after
				 * this long (0: ONCE_PART_WAIT_S) */
	int keep_parts;		/* a map left unchanged that has partition
				 * maps keeps them unread (the daemon) */
	int others;		/* with wwid: every LUN but that one (the
				 * daemon's after the root's) */
};

/* How long --once and the init mode wait for a partition table: a read
 * through a map that queues with every path down never ends by itself,
 * one through a path that fails slowly ends within a few SCSI timeouts. */
#define ONCE_PART_WAIT_S	30

/* Returns the exit code: 0 all built, 1 some map failed, 2 usage or
 * configuration error. */
int once_run(const struct mpb_opts *o, const struct once_args *a);

/* What once_run does once env is open and dmio_init done: list the running
 * maps, plan, build (or show) each map and its partition maps, save the
 * bindings and wwids, and LVM's output when asked. queueing: keep
 * queue_if_no_path in the tables. The checker daemon calls it at start and
 * on every topology change: identical tables are left alone. Returns the
 * exit code as once_run. */
int once_assemble(struct mpb_env *env, const struct once_args *a,
		  int queueing);

/* once_assemble in steps, for the daemon's loop (the LUNs after the
 * root's, decision 87): once_begin lists the maps and plans (NULL with
 * *rc the exit code when it cannot), each once_step builds the next map
 * of the plan and returns 1 while maps remain, once_end saves the
 * bindings and wwids of what was built, frees x and returns the exit
 * code. once_end may come before the last step: the maps not reached
 * are left alone. env must stay as it is meanwhile. */
struct once;
struct once *once_begin(struct mpb_env *env, const struct once_args *a,
			int queueing, int *rc);
int once_step(struct once *x);
int once_end(struct once *x);

/* Write the bindings and wwids once_assemble kept because the root was
 * read-only, if it is writable now (the daemon calls it when the mounts
 * change). new: something was just added (then it says that it waits). */
void once_save_pending(struct mpb_env *e, int new);
