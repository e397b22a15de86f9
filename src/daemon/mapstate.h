/* One multipath map as the checker daemon sees it: its paths' states, the
 * kernel's view of groups and queueing, failback and no_path_retry. Pure
 * logic with multipathd's semantics (multipath-tools 0.9.4: multipathd/
 * main.c check_path, structs_vec.c set_no_path_retry, switchgroup.c):
 * each call takes what happened and returns the target messages to send
 * as data; it never sends them.
 *
 * The daemon's loop (daemon.c, check.c) holds the maps and paths in
 * preallocated arrays (state.h), runs the checks and sends the messages. */
#pragma once

#include <stdint.h>

#include "daemon/pathstate.h"

/* Target messages (dm-mpath's own words, see ms_act_name). arg is the
 * path's index in ms_map.paths for path messages, the 1-based group
 * number for group messages, unused for queueing. */
enum ms_act {
	MS_FAIL_PATH,
	MS_REINSTATE_PATH,
	MS_ENABLE_GROUP,
	MS_SWITCH_GROUP,
	MS_QUEUE_IF_NO_PATH,
	MS_FAIL_IF_NO_PATH,
};

struct ms_action {
	enum ms_act kind;
	unsigned arg;
};

/* One result gives at most fail_path or reinstate_path, enable_group, a
 * queueing change and switch_group; a tick at most fail_if_no_path and
 * switch_group. */
#define MS_MAX_ACTIONS	4

struct ms_actions {
	unsigned n;
	struct ms_action v[MS_MAX_ACTIONS];	/* to send in this order */
};

struct ms_map {
	struct ps_path *paths;	/* the daemon's array, this map's range */
	unsigned n_paths;
	unsigned n_groups;

	/* configuration (config.h encodings) */
	int no_path_retry;	/* N > 0, or NO_PATH_RETRY_QUEUE/_FAIL/_UNDEF */
	int failback;		/* seconds > 0, or FAILBACK_* */
	struct ps_err_policy err;
	int phase;		/* second of the max-interval period its paths
				 * are checked at (ms_stagger) */

	/* the kernel's view: the daemon copies it from every status read;
	 * the calls below update it for the messages they ask for */
	unsigned cur_group;	/* the group in use, 1-based; 0 unknown */
	uint64_t disabled;	/* bit g-1: group g is disabled ('D') */
	int queueing;		/* queue_if_no_path is on */

	/* timers; 0: not running */
	long long failback_at;	/* deferred failback: switch then */
	long long retry_until;	/* no_path_retry N: queue until then */
	int in_recovery;	/* no usable path since retry_until was set */
	int queue_disabled;	/* `disablequeueing` until `restorequeueing`:
				 * no_path_retry acts as fail */
};

/* Start watching m at `now`: every path ps_init'ed, so the first checks
 * spread out too (within one polling interval). Set the paths' prio and
 * group, and the phases (ms_stagger over all maps), first. */
void ms_start(struct ms_map *m, const struct ps_timing *t, long long now);

/* The result of a check of m->paths[i] at `now`, and the kernel's state of
 * the path as the status read just before says. Updates the path and the
 * map, plans the path's next check, and fills out with the messages to
 * send. A PENDING result changes nothing but asks again in one second. */
void ms_on_result(struct ms_map *m, unsigned i, enum ps_state result,
		  enum ps_kstate kernel, const struct ps_timing *t,
		  long long now, struct ms_actions *out);

/* The kernel failed m->paths[i] on an I/O error while its state is good
 * (main.c update_multipath, "mark as failed"): the state goes DOWN, the
 * last checker result stays, and the path is checked within one polling
 * interval. Its next good check is then a return, with the reinstatement
 * and the failback that go with one; not a followover failback, since
 * the checker never saw it go. With no usable path left, no_path_retry
 * starts counting. */
void ms_on_kernel_failed(struct ms_map *m, unsigned i,
			 const struct ps_timing *t, long long now,
			 struct ms_actions *out);

/* The map's timers at `now`: the end of the no_path_retry countdown
 * (fail_if_no_path) and a deferred failback (switch_group). Call it at
 * ms_next_due or later. */
void ms_tick(struct ms_map *m, long long now, struct ms_actions *out);

/* `disablequeueing` (multipathd's cli_disable_queueing): queueing off now
 * and kept off, whatever no_path_retry says, until ms_restore_queueing. */
void ms_disable_queueing(struct ms_map *m, struct ms_actions *out);

/* `restorequeueing`: no_path_retry applies again. A map configured to
 * queue (queue or N) queues at once, and with N and no usable path its
 * countdown starts; one configured to fail, or with no_path_retry unset,
 * is left as it is, as multipathd leaves it. */
void ms_restore_queueing(struct ms_map *m, const struct ps_timing *t,
			 long long now, struct ms_actions *out);

/* When something is due for m: a path's check or a timer; PS_NEVER when
 * nothing is. */
long long ms_next_due(const struct ms_map *m);

/* The group m should use (1-based, multipath-tools' select_path_group):
 * the highest priority (prio_average of its UP/GHOST paths), ties to the
 * one with more such paths, then to the first; 0 when no group has one. */
unsigned ms_best_group(const struct ms_map *m);

/* Spread the maps' checks over the max-interval period: map k's phase is
 * proportional to the paths of maps[0..k), so every second of the period
 * gets about the same number of paths. */
void ms_stagger(struct ms_map *maps, unsigned n, const struct ps_timing *t);

/* The target message's name: "fail_path", "switch_group", ... */
const char *ms_act_name(enum ms_act kind);
