/* The checker state machine (src/daemon/pathstate.c, mapstate.c) driven by
 * a fake clock and made-up check results: back-off, pending rechecks, the
 * kernel's view, flapping paths, failback, no_path_retry, staggering. */
#include <stdio.h>

#include "config/config.h"
#include "daemon/mapstate.h"
#include "t.h"

static const struct ps_timing T = { 5, 20 };

static struct ps_path paths[8];

/* A map of n paths; path i in group groups[i] with priority prios[i]
 * (NULL: all in group 1, priority 1). The kernel uses group 1, queues,
 * and has every path active. Started at time 0 with phase `phase`. */
static struct ms_map mkmap(unsigned n, const unsigned *groups,
			   const int *prios, int phase)
{
	struct ms_map m = { .paths = paths, .n_paths = n, .n_groups = 1,
			    .no_path_retry = NO_PATH_RETRY_UNDEF,
			    .failback = FAILBACK_MANUAL, .phase = phase,
			    .cur_group = 1, .queueing = 1 };
	unsigned i;

	for (i = 0; i < n; i++) {
		paths[i].group = groups ? groups[i] : 1;
		paths[i].prio = prios ? prios[i] : 1;
		paths[i].tpgs_implicit = 0;
		if (paths[i].group > m.n_groups)
			m.n_groups = paths[i].group;
	}
	ms_start(&m, &T, 0);
	return m;
}

/* The actions as text: "fail_path 0, queue_if_no_path" ("" for none). */
static const char *fmt(const struct ms_actions *a)
{
	static char buf[256];
	size_t len = 0;
	unsigned k;

	buf[0] = '\0';
	for (k = 0; k < a->n; k++) {
		enum ms_act kind = a->v[k].kind;
		int has_arg = kind != MS_QUEUE_IF_NO_PATH &&
			      kind != MS_FAIL_IF_NO_PATH;

		len += snprintf(buf + len, sizeof(buf) - len, "%s%s", k ? ", " : "",
				ms_act_name(kind));
		if (has_arg)
			len += snprintf(buf + len, sizeof(buf) - len, " %u",
					a->v[k].arg);
	}
	return buf;
}

static const char *check(struct ms_map *m, unsigned i, enum ps_state r,
			 enum ps_kstate k, long long now)
{
	struct ms_actions a;

	ms_on_result(m, i, r, k, &T, now, &a);
	return fmt(&a);
}

static const char *tick(struct ms_map *m, long long now)
{
	struct ms_actions a;

	ms_tick(m, now, &a);
	return fmt(&a);
}

static void test_sdev_state(void)
{
	T_INTEQ(ps_sdev_state("running\n"), PS_UP);
	T_INTEQ(ps_sdev_state("offline"), PS_DOWN);
	T_INTEQ(ps_sdev_state("blocked\n"), PS_PENDING);
	T_INTEQ(ps_sdev_state("quiesce"), PS_PENDING);
	T_INTEQ(ps_sdev_state("transport-offline"), PS_DOWN);
	T_INTEQ(ps_sdev_state(""), PS_DOWN);
	T_INTEQ(ps_sdev_state(NULL), PS_REMOVED);
}

/* A path that stays up is checked 5, 10, 20, 20 s apart. Phase 15: the
 * ramp 0, 5, 15, 35 lands on 15 modulo each interval (5, 10, 20), so
 * nothing is moved. */
static void test_backoff(void)
{
	struct ms_map m = mkmap(1, NULL, NULL, 15);
	static const int gaps[] = { 5, 10, 20, 20, 20 };
	long long now = paths[0].due;
	unsigned k;

	T_INTEQ(now, 0);	/* 15 % polling */
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, now), "reinstate_path 0");
	for (k = 0; k < sizeof(gaps) / sizeof(*gaps); k++) {
		T_INTEQ(paths[0].due - now, gaps[k]);
		T_INTEQ(paths[0].interval, gaps[k]);
		now = paths[0].due;
		T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, now), "");
	}
	T_INTEQ(ms_next_due(&m), now + 20);
}

/* Checks land on the map's phase modulo their interval: phase 0 cuts the
 * 10 s step to 5 s once; a gap is never lengthened. */
static void test_backoff_aligned(void)
{
	struct ms_map m = mkmap(1, NULL, NULL, 0);
	static const long long at[] = { 0, 5, 10, 20, 40, 60 };
	unsigned k;

	for (k = 0; k + 1 < sizeof(at) / sizeof(*at); k++) {
		T_INTEQ(paths[0].due, at[k]);
		check(&m, 0, PS_UP, PK_ACTIVE, paths[0].due);
	}
	T_INTEQ(paths[0].due, 60);
	T_INTEQ(paths[0].interval, 20);
}

static void test_reset_on_failure(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_ACTIVE, 5);
	check(&m, 0, PS_UP, PK_ACTIVE, 15);
	T_INTEQ(paths[0].interval, 20);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 35), "fail_path 0");
	T_INTEQ(paths[0].state, PS_DOWN);
	T_INTEQ(paths[0].interval, 5);
	T_INTEQ(paths[0].due, 40);
	/* still down, the kernel knows: nothing to say, no back-off */
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 40), "");
	T_INTEQ(paths[0].due, 45);
	T_STREQ(check(&m, 0, PS_TIMEOUT, PK_FAILED, 45), "fail_path 0");
	T_INTEQ(paths[0].due, 50);
	/* a vanished device is down until its uevent removes it */
	T_STREQ(check(&m, 0, PS_REMOVED, PK_FAILED, 50), "fail_path 0");
	T_INTEQ(paths[0].state, PS_DOWN);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 55), "reinstate_path 0");
	T_INTEQ(paths[0].interval, 5);
	T_INTEQ(paths[0].due, 60);
}

/* PENDING keeps the state and asks again each second; the next check is
 * planned from the start of the cycle, not from the late answer. */
static void test_pending(void)
{
	struct ms_map m = mkmap(1, NULL, NULL, 15);

	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	ps_check_started(&paths[0], 5);
	T_INTEQ(ms_next_due(&m), PS_NEVER);
	T_STREQ(check(&m, 0, PS_PENDING, PK_ACTIVE, 6), "");
	T_INTEQ(paths[0].state, PS_UP);
	T_INTEQ(paths[0].due, 7);
	T_STREQ(check(&m, 0, PS_PENDING, PK_ACTIVE, 7), "");
	T_INTEQ(paths[0].due, 8);
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 8), "");
	T_INTEQ(paths[0].interval, 10);
	T_INTEQ(paths[0].due, 15);	/* 5 + 10 */

	/* a PENDING answer with no check started (a blocked device) */
	T_STREQ(check(&m, 0, PS_PENDING, PK_ACTIVE, 15), "");
	T_INTEQ(paths[0].due, 16);
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 16), "");
	T_INTEQ(paths[0].due, 35);	/* 15 + 20, on phase 15 */

	/* answered too late for the interval: at once, never in the past */
	ps_check_started(&paths[0], 35);
	check(&m, 0, PS_UP, PK_ACTIVE, 60);
	T_INTEQ(paths[0].due, 61);
}

/* The kernel's A/F against the checker: a path the kernel failed on an
 * I/O error is reinstated, one it still uses while down is failed. */
static void test_kernel_view(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_ACTIVE, 5);
	T_INTEQ(paths[0].interval, 10);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 15), "reinstate_path 0");
	T_INTEQ(paths[0].interval, 5);
	T_STREQ(check(&m, 0, PS_UP, PK_UNKNOWN, 20), "reinstate_path 0");
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 25), "");

	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 5), "fail_path 1");
	T_STREQ(check(&m, 1, PS_DOWN, PK_ACTIVE, 10), "fail_path 1");
	T_STREQ(check(&m, 1, PS_DOWN, PK_UNKNOWN, 15), "fail_path 1");
	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 20), "");

	/* a first answer is a change from PENDING: the kernel hears it */
	m = mkmap(1, NULL, NULL, 0);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 0), "fail_path 0");
}

/* The kernel failing a path the checker holds up marks it down at once
 * (multipathd's "mark as failed"): best group and no_path_retry see it,
 * and its next good check is a return that restarts a deferred failback
 * but is no followover return. */
static void test_kernel_failed(void)
{
	static const unsigned groups[] = { 1, 2 };
	static const int prios[] = { 50, 10 };
	struct ms_map m = mkmap(2, groups, prios, 15);
	struct ms_actions a;

	m.failback = 10;
	m.no_path_retry = 2;
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	T_INTEQ(paths[0].due, 5);
	ms_on_kernel_failed(&m, 0, &T, 3, &a);
	T_STREQ(fmt(&a), "");
	T_INTEQ(paths[0].state, PS_DOWN);
	T_INTEQ(paths[0].chkr, PS_UP);
	T_INTEQ(paths[0].due, 5);	/* already sooner than an interval */
	m.cur_group = 2;
	T_INTEQ(ms_best_group(&m), 2);
	/* a good check of the other group does not start a failback */
	T_STREQ(check(&m, 1, PS_UP, PK_ACTIVE, 4), "");
	T_INTEQ(m.failback_at, 0);
	/* its return reinstates it and starts the wait */
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5), "reinstate_path 0");
	T_INTEQ(m.failback_at, 15);
	T_STREQ(tick(&m, 15), "switch_group 1");

	/* marking again changes nothing; a path already down neither */
	ms_on_kernel_failed(&m, 0, &T, 20, &a);
	ms_on_kernel_failed(&m, 0, &T, 21, &a);
	T_STREQ(fmt(&a), "");
	/* the last usable path failed by the kernel: no_path_retry counts */
	ms_on_kernel_failed(&m, 1, &T, 22, &a);
	T_INTEQ(m.retry_until, 32);
	T_STREQ(tick(&m, 32), "fail_if_no_path");

	/* followover: a kernel failure the checker never saw is no return */
	m = mkmap(2, groups, prios, 15);
	m.failback = FAILBACK_FOLLOWOVER;
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	ms_on_kernel_failed(&m, 0, &T, 3, &a);
	m.cur_group = 2;
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5), "reinstate_path 0");
	T_INTEQ(m.cur_group, 2);
}

/* An implicit-ALUA standby path is not reinstated while the map has no
 * active path; from its next check on it counts as active itself. */
static void test_ghost_not_reinstated(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	paths[1].tpgs_implicit = 1;
	check(&m, 0, PS_DOWN, PK_FAILED, 0);
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 0), "");
	T_INTEQ(paths[1].state, PS_GHOST);
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 5), "reinstate_path 1");

	/* without implicit-only TPGS it is reinstated at once */
	m = mkmap(2, NULL, NULL, 15);
	check(&m, 0, PS_DOWN, PK_FAILED, 0);
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 0), "reinstate_path 1");
	/* nor is it held back when another path is active */
	m = mkmap(2, NULL, NULL, 15);
	paths[1].tpgs_implicit = 1;
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 0), "reinstate_path 1");
}

/* A path coming UP in a group the kernel disabled re-enables the group;
 * a GHOST path does not. */
static void test_enable_group(void)
{
	static const unsigned groups[] = { 1, 2, 2 };
	struct ms_map m = mkmap(3, groups, NULL, 15);

	m.disabled = 1u << 1;
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 0), "reinstate_path 1");
	T_STREQ(check(&m, 2, PS_UP, PK_FAILED, 0),
		"reinstate_path 2, enable_group 2");
	T_INTEQ(m.disabled, 0);
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 0), "reinstate_path 0");
}

static void test_err_policy(void)
{
	struct ps_err_policy e = ps_err_policy(0, 0, 0, 3, 4, 20);

	T_INTEQ(e.threshold, 1);
	T_INTEQ(e.forget_rate, 3);
	T_INTEQ(e.recovery_time, 80);
	T_INTEQ(ps_err_enabled(&e), 1);
	/* san_path_err_* win over the deprecated pair */
	e = ps_err_policy(2, 0, 0, 3, 4, 20);
	T_INTEQ(e.threshold, 2);
	T_INTEQ(e.forget_rate, 0);
	T_INTEQ(ps_err_enabled(&e), 0);
	/* one of the pair alone leaves the hold off */
	e = ps_err_policy(0, 0, 0, 3, 0, 20);
	T_INTEQ(e.threshold, 1);
	T_INTEQ(e.recovery_time, 0);
	T_INTEQ(ps_err_enabled(&e), 0);
	e = ps_err_policy(-1, -1, -1, -1, -1, 20);
	T_INTEQ(ps_err_enabled(&e), 0);
}

/* threshold 1: the second return within the forget window holds the path
 * in DELAYED for recovery_time (30 s), checked every polling_interval;
 * then it is reinstated. */
static void test_flapping_delayed(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);
	long long now;

	m.err = (struct ps_err_policy){ 1, 2, 30 };
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 5), "fail_path 0");
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 10), "reinstate_path 0");
	T_INTEQ(paths[0].failures, 1);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 15), "fail_path 0");
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 20), "");
	T_INTEQ(paths[0].state, PS_DELAYED);
	T_INTEQ(paths[0].due, 25);
	for (now = 25; now <= 50; now += 5) {
		T_STREQ(check(&m, 0, PS_UP, PK_FAILED, now), "");
		T_INTEQ(paths[0].state, PS_DELAYED);
		T_INTEQ(paths[0].due, now + 5);
	}
	/* more than 30 s after the hold began */
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 55), "reinstate_path 0");
	T_INTEQ(paths[0].state, PS_UP);
	T_INTEQ(paths[0].failures, 0);

	/* failing while held restarts the quiet time, without a message:
	 * the kernel has the path failed already */
	check(&m, 0, PS_DOWN, PK_ACTIVE, 60);
	check(&m, 0, PS_UP, PK_FAILED, 65);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 70);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 75), "");
	T_INTEQ(paths[0].state, PS_DELAYED);
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 80), "");
	T_INTEQ(paths[0].state, PS_DOWN);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 85), "");
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 110), "");
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 116), "reinstate_path 0");
}

/* A held path is let in at once when the map has no active path left. */
static void test_delayed_released_early(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	m.err = (struct ps_err_policy){ 1, 2, 300 };
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_FAILED, 5);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 10);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 15), "");
	T_INTEQ(paths[0].state, PS_DELAYED);
	T_STREQ(check(&m, 1, PS_DOWN, PK_ACTIVE, 16), "fail_path 1");
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 20), "reinstate_path 0");
	T_INTEQ(paths[0].state, PS_UP);
}

/* Good checks forgive failures: one per forget_rate + 1 good checks in a
 * row (multipathd counts the rate down to 0 first). */
static void test_flapping_forgiven(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	m.err = (struct ps_err_policy){ 1, 2, 30 };
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 0);
	check(&m, 0, PS_UP, PK_FAILED, 5);
	T_INTEQ(paths[0].failures, 1);
	check(&m, 0, PS_UP, PK_ACTIVE, 10);
	check(&m, 0, PS_UP, PK_ACTIVE, 20);
	T_INTEQ(paths[0].failures, 1);
	check(&m, 0, PS_UP, PK_ACTIVE, 40);
	T_INTEQ(paths[0].failures, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 60);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 65), "reinstate_path 0");
	T_INTEQ(paths[0].state, PS_UP);
}

/* By the average of the usable paths: one optimized path outranks six
 * non-optimized ones; equal averages go to the group with more paths. */
static void test_best_group(void)
{
	static const unsigned groups[] = { 1, 2, 2, 2, 2, 2, 2, 3 };
	static const int prios[] = { 50, 10, 10, 10, 10, 10, 10, 50 };
	struct ms_map m = mkmap(8, groups, prios, 15);
	unsigned i;

	T_INTEQ(ms_best_group(&m), 0);	/* nothing answered yet */
	for (i = 1; i < 7; i++)
		check(&m, i, PS_UP, PK_ACTIVE, 0);
	T_INTEQ(ms_best_group(&m), 2);
	check(&m, 7, PS_GHOST, PK_ACTIVE, 0);
	T_INTEQ(ms_best_group(&m), 3);
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	T_INTEQ(ms_best_group(&m), 1);
	/* a down path does not count: 2 paths of 10 and 50 average 30 */
	paths[1].prio = 50;
	for (i = 3; i < 7; i++)
		check(&m, i, PS_DOWN, PK_ACTIVE, 5);
	T_INTEQ(ms_best_group(&m), 1);
	check(&m, 7, PS_DOWN, PK_ACTIVE, 5);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 5);
	T_INTEQ(ms_best_group(&m), 2);
}

/* Group 1 (path 0, priority 50) is better than group 2 (paths 1, 2,
 * priority 10); path 0 failed and the kernel moved to group 2. */
static const unsigned fb_groups[] = { 1, 2, 2 };
static const int fb_prios[] = { 50, 10, 10 };

static struct ms_map failback_map(int failback)
{
	struct ms_map m = mkmap(3, fb_groups, fb_prios, 15);

	m.failback = failback;
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	check(&m, 2, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 0);
	m.cur_group = 2;
	return m;
}

static void test_failback_immediate(void)
{
	struct ms_map m = failback_map(FAILBACK_IMMEDIATE);

	T_INTEQ(ms_best_group(&m), 2);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5),
		"reinstate_path 0, switch_group 1");
	T_INTEQ(m.cur_group, 1);
	T_INTEQ(ms_best_group(&m), 1);
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 10), "");
	/* the kernel moved away on its own: back at the next check */
	m.cur_group = 2;
	T_STREQ(check(&m, 1, PS_UP, PK_ACTIVE, 10), "switch_group 1");
}

static void test_failback_manual(void)
{
	struct ms_map m = failback_map(FAILBACK_MANUAL);

	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5), "reinstate_path 0");
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 10), "");
	T_INTEQ(m.failback_at, 0);
	T_STREQ(tick(&m, 100), "");
	T_INTEQ(m.cur_group, 2);
}

/* followover: only the first path of the better group to return, with
 * the others there down, triggers the switch. */
static void test_failback_followover(void)
{
	static const unsigned groups[] = { 1, 1, 2 };
	static const int prios[] = { 50, 50, 10 };
	struct ms_map m = mkmap(3, groups, prios, 15);

	m.failback = FAILBACK_FOLLOWOVER;
	check(&m, 2, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 0);
	check(&m, 1, PS_DOWN, PK_ACTIVE, 0);
	m.cur_group = 2;
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5),
		"reinstate_path 0, switch_group 1");

	/* the user switched to group 2 with path 1 up: a path of group 1
	 * returning is not the first, so no switch */
	m.cur_group = 2;
	check(&m, 1, PS_UP, PK_FAILED, 5);
	T_INTEQ(m.cur_group, 2);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 10);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 15), "reinstate_path 0");
	T_INTEQ(m.cur_group, 2);
	/* nor does a path that stays up */
	T_STREQ(check(&m, 1, PS_UP, PK_ACTIVE, 20), "");
	/* nor one changing between GHOST and UP: it never was down */
	check(&m, 1, PS_DOWN, PK_ACTIVE, 25);
	T_STREQ(check(&m, 0, PS_GHOST, PK_ACTIVE, 25), "reinstate_path 0");
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 30), "reinstate_path 0");
	T_INTEQ(m.cur_group, 2);
}

/* failback 10: the switch comes 10 s after the better group's path
 * returned; another path returning restarts the wait, a failure cancels
 * it. */
static void test_failback_deferred(void)
{
	static const unsigned groups[] = { 1, 1, 2 };
	static const int prios[] = { 50, 50, 10 };
	struct ms_map m = mkmap(3, groups, prios, 15);

	m.failback = 10;
	check(&m, 2, PS_UP, PK_ACTIVE, 0);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 0);
	check(&m, 1, PS_DOWN, PK_ACTIVE, 0);
	m.cur_group = 2;
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 5), "reinstate_path 0");
	T_INTEQ(m.failback_at, 15);
	T_STREQ(tick(&m, 14), "");
	T_STREQ(check(&m, 1, PS_UP, PK_FAILED, 14), "reinstate_path 1");
	T_INTEQ(m.failback_at, 24);
	paths[0].due = paths[1].due = paths[2].due = 100;
	T_INTEQ(ms_next_due(&m), 24);
	T_STREQ(tick(&m, 15), "");
	/* a good check that is no return does not restart it */
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 20), "");
	T_INTEQ(m.failback_at, 24);
	T_STREQ(tick(&m, 24), "switch_group 1");
	T_INTEQ(m.failback_at, 0);
	T_INTEQ(m.cur_group, 1);

	/* cancelled by a path failing */
	m.cur_group = 2;
	check(&m, 1, PS_DOWN, PK_ACTIVE, 25);
	T_STREQ(check(&m, 1, PS_UP, PK_FAILED, 30), "reinstate_path 1");
	T_INTEQ(m.failback_at, 40);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 35), "fail_path 0");
	T_INTEQ(m.failback_at, 0);
	T_STREQ(tick(&m, 40), "");
	T_INTEQ(m.cur_group, 2);
}

/* no_path_retry 3: with no usable path left, queue for 3 polling
 * intervals (15 s), then fail I/O; a returning path queues again. */
static void test_no_path_retry(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	m.no_path_retry = 3;
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 5), "fail_path 0");
	T_INTEQ(m.in_recovery, 0);
	T_STREQ(check(&m, 1, PS_DOWN, PK_ACTIVE, 7), "fail_path 1");
	T_INTEQ(m.in_recovery, 1);
	T_INTEQ(m.retry_until, 22);
	T_INTEQ(ms_next_due(&m), 10);
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 10), "");
	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 10), "");
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 15), "");
	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 15), "");
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 20), "");
	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 20), "");
	T_INTEQ(ms_next_due(&m), 22);
	T_STREQ(tick(&m, 21), "");
	T_INTEQ(m.queueing, 1);
	T_STREQ(tick(&m, 22), "fail_if_no_path");
	T_INTEQ(m.queueing, 0);
	/* still no path: nothing more to say, no second countdown */
	T_STREQ(check(&m, 1, PS_DOWN, PK_FAILED, 25), "");
	T_INTEQ(m.retry_until, 0);
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 25),
		"reinstate_path 0, queue_if_no_path");
	T_INTEQ(m.in_recovery, 0);
	T_INTEQ(m.queueing, 1);

	/* a path returning within the countdown ends it, queueing on */
	check(&m, 0, PS_DOWN, PK_ACTIVE, 30);
	T_INTEQ(m.retry_until, 45);
	T_STREQ(check(&m, 1, PS_GHOST, PK_FAILED, 32), "reinstate_path 1");
	T_INTEQ(m.retry_until, 0);
	T_STREQ(tick(&m, 45), "");
}

/* A path not answered yet may still be good: no countdown before it is. */
static void test_no_path_retry_waits_for_pending(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);

	m.no_path_retry = 3;
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 0), "fail_path 0");
	T_INTEQ(m.in_recovery, 0);
	T_STREQ(check(&m, 1, PS_PENDING, PK_ACTIVE, 0), "");
	T_INTEQ(m.in_recovery, 0);
	T_STREQ(check(&m, 1, PS_DOWN, PK_ACTIVE, 1), "fail_path 1");
	T_INTEQ(m.retry_until, 16);
}

/* disablequeueing holds against a returning path; restorequeueing lets
 * no_path_retry decide again, and leaves a fail map failing. */
static void test_disable_restore_queueing(void)
{
	struct ms_map m = mkmap(2, NULL, NULL, 15);
	struct ms_actions a;

	m.no_path_retry = 3;
	check(&m, 0, PS_UP, PK_ACTIVE, 0);
	check(&m, 1, PS_UP, PK_ACTIVE, 0);
	ms_disable_queueing(&m, &a);
	T_STREQ(fmt(&a), "fail_if_no_path");
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 5), "fail_path 0");
	T_STREQ(check(&m, 1, PS_DOWN, PK_ACTIVE, 5), "fail_path 1");
	T_INTEQ(m.retry_until, 0);	/* no countdown while disabled */
	T_STREQ(check(&m, 0, PS_UP, PK_FAILED, 10), "reinstate_path 0");
	T_INTEQ(m.queueing, 0);
	ms_disable_queueing(&m, &a);
	T_STREQ(fmt(&a), "");

	/* restored with a usable path: queueing on */
	ms_restore_queueing(&m, &T, 11, &a);
	T_STREQ(fmt(&a), "queue_if_no_path");
	T_INTEQ(m.queue_disabled, 0);

	/* restored with none: queueing on and the countdown starts */
	ms_disable_queueing(&m, &a);
	check(&m, 0, PS_DOWN, PK_ACTIVE, 15);
	ms_restore_queueing(&m, &T, 16, &a);
	T_STREQ(fmt(&a), "queue_if_no_path");
	T_INTEQ(m.retry_until, 31);
	T_STREQ(tick(&m, 31), "fail_if_no_path");

	/* no_path_retry fail: nothing to restore */
	m = mkmap(1, NULL, NULL, 15);
	m.no_path_retry = NO_PATH_RETRY_FAIL;
	m.queueing = 0;
	ms_restore_queueing(&m, &T, 0, &a);
	T_STREQ(fmt(&a), "");
	T_INTEQ(m.queueing, 0);
}

static void test_queue_and_fail(void)
{
	struct ms_map m = mkmap(1, NULL, NULL, 15);

	m.no_path_retry = NO_PATH_RETRY_FAIL;
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 0),
		"reinstate_path 0, fail_if_no_path");
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 5), "fail_path 0");
	T_INTEQ(m.retry_until, 0);

	m = mkmap(1, NULL, NULL, 15);
	m.no_path_retry = NO_PATH_RETRY_QUEUE;
	m.queueing = 0;
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 0),
		"fail_path 0, queue_if_no_path");
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 5), "");
	T_INTEQ(m.retry_until, 0);

	/* N with a map that lost queueing (built by --once without a
	 * daemon): on again while a path is usable */
	m = mkmap(1, NULL, NULL, 15);
	m.no_path_retry = 5;
	m.queueing = 0;
	T_STREQ(check(&m, 0, PS_UP, PK_ACTIVE, 0),
		"reinstate_path 0, queue_if_no_path");

	/* reconfigured to queue during the countdown: it ends */
	T_STREQ(check(&m, 0, PS_DOWN, PK_ACTIVE, 5), "fail_path 0");
	T_INTEQ(m.retry_until, 30);
	m.no_path_retry = NO_PATH_RETRY_QUEUE;
	T_STREQ(check(&m, 0, PS_DOWN, PK_FAILED, 10), "");
	T_INTEQ(m.retry_until, 0);
	T_STREQ(tick(&m, 30), "");
	T_INTEQ(m.queueing, 1);

	/* a result for a path the map does not have */
	T_STREQ(check(&m, 1, PS_UP, PK_ACTIVE, 15), "");
}

#define N_MAPS	256
#define PER_MAP	4
#define N_PATHS	(N_MAPS * PER_MAP)

static struct ps_path many[N_PATHS];
static struct ms_map maps[N_MAPS];

/* Run every map from `from` to `to`, every check answered at once: DOWN
 * before second up_from, UP from then on. count[s] gets the checks in
 * second s. */
static void run(long long from, long long to, long long up_from,
		unsigned *count)
{
	long long now;
	unsigned k, i;
	struct ms_actions a;

	for (now = from; now < to; now++)
		for (k = 0; k < N_MAPS; k++)
			for (i = 0; i < PER_MAP; i++)
				if (maps[k].paths[i].due <= now) {
					ms_on_result(&maps[k], i,
						     now < up_from ? PS_DOWN : PS_UP,
						     PK_ACTIVE, &T, now, &a);
					count[now]++;
				}
}

static unsigned busiest(const unsigned *count, long long from, long long to)
{
	unsigned max = 0;

	for (; from < to; from++)
		if (count[from] > max)
			max = count[from];
	return max;
}

static unsigned total(const unsigned *count, long long from, long long to)
{
	unsigned n = 0;

	for (; from < to; from++)
		n += count[from];
	return n;
}

/* 1024 paths in 256 maps of 4. A map's paths share its phase, so the
 * slack is one map's paths. Once backed off, no second has more than
 * ceil(1024 / 20) = 52 checks + slack; at 5 s intervals (the ramp, down
 * paths) ceil(1024 / 5) + slack. Even when every path was checked in
 * the same second (as after a burst of kernel events) and then found
 * down, the spread comes back at once. */
static void test_stagger(void)
{
	static unsigned count[500];
	unsigned k, i;

	for (k = 0; k < N_MAPS; k++) {
		maps[k] = (struct ms_map){ .paths = &many[k * PER_MAP],
					   .n_paths = PER_MAP, .n_groups = 1,
					   .failback = FAILBACK_MANUAL,
					   .cur_group = 1, .queueing = 1 };
		for (i = 0; i < PER_MAP; i++)
			many[k * PER_MAP + i].group = 1;
	}
	ms_stagger(maps, N_MAPS, &T);
	T_INTEQ(maps[0].phase, 0);
	T_INTEQ(maps[128].phase, 10);
	T_INTEQ(maps[255].phase, 19);
	for (k = 0; k < N_MAPS; k++)
		ms_start(&maps[k], &T, 0);

	run(0, 200, 0, count);
	T_CHECK(busiest(count, 0, 40) <= 205 + PER_MAP);
	T_CHECK(busiest(count, 40, 200) <= 52 + PER_MAP);
	/* and every path is still checked once per 20 s */
	T_INTEQ(total(count, 100, 200), 5 * N_PATHS);

	for (k = 0; k < N_PATHS; k++)
		many[k].due = 200;
	run(200, 500, 300, count);
	T_INTEQ(count[200], N_PATHS);
	T_CHECK(busiest(count, 201, 340) <= 205 + PER_MAP);
	T_INTEQ(total(count, 240, 300), 12 * N_PATHS);
	T_CHECK(busiest(count, 340, 500) <= 52 + PER_MAP);
	T_INTEQ(total(count, 400, 500), 5 * N_PATHS);
}

static void test_act_names(void)
{
	T_STREQ(ms_act_name(MS_FAIL_PATH), "fail_path");
	T_STREQ(ms_act_name(MS_REINSTATE_PATH), "reinstate_path");
	T_STREQ(ms_act_name(MS_ENABLE_GROUP), "enable_group");
	T_STREQ(ms_act_name(MS_SWITCH_GROUP), "switch_group");
	T_STREQ(ms_act_name(MS_QUEUE_IF_NO_PATH), "queue_if_no_path");
	T_STREQ(ms_act_name(MS_FAIL_IF_NO_PATH), "fail_if_no_path");
}

int main(void)
{
	T_RUN(test_sdev_state);
	T_RUN(test_backoff);
	T_RUN(test_backoff_aligned);
	T_RUN(test_reset_on_failure);
	T_RUN(test_pending);
	T_RUN(test_kernel_view);
	T_RUN(test_ghost_not_reinstated);
	T_RUN(test_enable_group);
	T_RUN(test_err_policy);
	T_RUN(test_flapping_delayed);
	T_RUN(test_delayed_released_early);
	T_RUN(test_flapping_forgiven);
	T_RUN(test_best_group);
	T_RUN(test_kernel_failed);
	T_RUN(test_failback_immediate);
	T_RUN(test_failback_manual);
	T_RUN(test_failback_followover);
	T_RUN(test_failback_deferred);
	T_RUN(test_no_path_retry);
	T_RUN(test_no_path_retry_waits_for_pending);
	T_RUN(test_disable_restore_queueing);
	T_RUN(test_queue_and_fail);
	T_RUN(test_stagger);
	T_RUN(test_act_names);
	return t_done();
}
