/* One path as the checker daemon sees it: its state, when it is checked
 * next, and the san_path_err hold that keeps a flapping path out. Pure
 * logic with multipathd's semantics (multipathd/main.c check_path in
 * multipath-tools 0.9.4); time is whole seconds of a monotonic clock,
 * given by the caller. mapstate.h drives these per map.
 *
 * The daemon's loop (daemon.c, check.c) calls these through mapstate.h,
 * and ps_check_started / ps_schedule itself. */
#pragma once

/* A path's state, and also what a check found (the checker's result, or
 * ps_sdev_state's verdict before any checker runs). DELAYED is never a
 * result: the state machine alone puts a path there. */
enum ps_state {
	PS_PENDING,	/* no answer yet: not checked, or the device is
			 * blocked, or the check is still running */
	PS_UP,
	PS_DOWN,
	PS_GHOST,	/* usable, standby (ALUA standby, passive port) */
	PS_SHAKY,	/* emc_clariion: usable but not for I/O */
	PS_TIMEOUT,	/* the check ran past checker_timeout */
	PS_DELAYED,	/* working but held back (san_path_err_*) */
	PS_REMOVED,	/* the SCSI device's state attribute is gone */
};

/* The kernel's view of the path in the map's status line. */
enum ps_kstate {
	PK_UNKNOWN,	/* the status could not be read */
	PK_ACTIVE,	/* 'A' */
	PK_FAILED,	/* 'F' */
};

/* polling_interval and max_polling_interval, seconds (1 <= polling <=
 * max), as config.h resolves them. */
struct ps_timing {
	int polling, max;
};

/* san_path_err_threshold, _forget_rate, _recovery_time of a map. The hold
 * is on only when all three are > 0, as in multipath-tools. */
struct ps_err_policy {
	int threshold, forget_rate, recovery_time;
};

struct ps_path {
	enum ps_state state;	/* what the daemon holds the path to be */
	enum ps_state chkr;	/* the last result that reached the state
				 * machine (multipathd's chkrstate): a held
				 * path's stays at its last failure */
	enum ps_kstate kernel;	/* as given with the last result */
	int prio;		/* from the prioritizer, set by the daemon */
	unsigned group;		/* 1-based priority group in the table */
	int tpgs_implicit;	/* ALUA with implicit transitions only */

	/* scheduling */
	long long due;		/* next check; PS_NEVER while one runs */
	int interval;		/* current checkint: polling .. max */
	int cycle_open;		/* a check cycle started at cycle_start */
	long long cycle_start;

	/* san_path_err hold */
	int failures;		/* bad-to-good transitions not yet forgiven */
	int forget;		/* good checks left before one is forgiven */
	int held;		/* reinstatement disabled (multipathd's
				 * disable_reinstate) */
	long long held_since;
};

#define PS_NEVER	0x7fffffffffffffffLL

static inline int ps_good(enum ps_state s)
{
	return s == PS_UP || s == PS_GHOST;
}

/* What the SCSI device's `state` attribute says before any checker runs
 * (NULL: the attribute is gone): offline -> DOWN, blocked or quiesce ->
 * PENDING, gone -> REMOVED, running -> UP meaning "run the checker",
 * anything else -> DOWN. Trailing newlines are ignored. */
enum ps_state ps_sdev_state(const char *state);

/* A path the daemon starts watching at `now`: state PENDING, interval
 * polling, first check at the first second from `now` that is on the
 * map's phase modulo polling. prio, group and tpgs_implicit, the caller's, are left
 * as they are. */
void ps_init(struct ps_path *p, const struct ps_timing *t, int phase,
	     long long now);

/* A check of p starts now: nothing is due for p until its result comes
 * (the caller enforces checker_timeout), and the next check is planned
 * from this start, so time spent waiting for a slow check or a PENDING
 * answer does not stretch the interval. */
void ps_check_started(struct ps_path *p, long long now);

/* Plan p's next check after a result at `now`, with p->interval already
 * chosen: one interval after the cycle started, then moved earlier onto
 * the map's phase modulo the interval (never before now + 1). The paths
 * of different maps thus spread over the seconds and come back to their
 * places after any disturbance (see ms_stagger). */
void ps_schedule(struct ps_path *p, int phase, long long now);

/* The interval after a good check in an unchanged state: doubled, capped
 * at max (multipathd's back-off). */
int ps_backoff(int interval, const struct ps_timing *t);

/* The san_path_err hold, for a good result on p (p->state still the one
 * before it). Counts a failure on each bad-to-good transition; with more
 * than threshold unforgiven failures the path is held for recovery_time
 * seconds, released at once when `active` (the map's UP/GHOST paths) is 0;
 * every forget_rate + 1 good checks in a row forgive one failure. Returns
 * 1 when p must stay DELAYED, 0 when the result may go through. */
int ps_hold(struct ps_path *p, const struct ps_err_policy *e, int active,
	    long long now);

/* multipath-tools 0.9.4's reading of the deprecated delay_watch_checks and
 * delay_wait_checks (propsel.c select_delay_checks): ignored when any
 * san_path_err_* value is set (> 0); otherwise threshold 1, forget_rate =
 * watch, recovery_time = wait * max_polling_interval, each only when > 0. */
struct ps_err_policy ps_err_policy(int threshold, int forget_rate,
				   int recovery_time, int delay_watch_checks,
				   int delay_wait_checks, int max_polling);

static inline int ps_err_enabled(const struct ps_err_policy *e)
{
	return e->threshold > 0 && e->forget_rate > 0 && e->recovery_time > 0;
}
