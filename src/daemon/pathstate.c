/* Per-path checker state: the SCSI device state, back-off and scheduling,
 * the san_path_err hold. */
#include <string.h>

#include "daemon/pathstate.h"

enum ps_state ps_sdev_state(const char *state)
{
	if (!state)
		return PS_REMOVED;
	/* sysfs values end in a newline; multipathd compares the prefix */
	if (!strncmp(state, "offline", 7))
		return PS_DOWN;
	if (!strncmp(state, "blocked", 7) || !strncmp(state, "quiesce", 7))
		return PS_PENDING;
	if (!strncmp(state, "running", 7))
		return PS_UP;
	return PS_DOWN;
}

static long long mod(long long a, long long m)
{
	long long r = a % m;

	return r < 0 ? r + m : r;
}

void ps_init(struct ps_path *p, const struct ps_timing *t, int phase,
	     long long now)
{
	p->state = PS_PENDING;
	p->chkr = PS_PENDING;
	p->kernel = PK_UNKNOWN;
	p->due = now + mod(phase - now, t->polling);
	p->interval = t->polling;
	p->cycle_open = 0;
	p->cycle_start = 0;
	p->failures = 0;
	p->forget = 0;
	p->held = 0;
	p->held_since = 0;
}

void ps_check_started(struct ps_path *p, long long now)
{
	if (!p->cycle_open) {
		p->cycle_open = 1;
		p->cycle_start = now;
	}
	p->due = PS_NEVER;
}

void ps_schedule(struct ps_path *p, int phase, long long now)
{
	long long start = p->cycle_open ? p->cycle_start : now;
	long long due;

	if (p->interval < 1)	/* a zero polling_interval must not kill us */
		p->interval = 1;
	due = start + p->interval;

	/* Round down onto the phase: the result lies in (start, start +
	 * interval], so a path is never checked later than its interval. */
	due -= mod(due - phase, p->interval);
	p->due = due > now ? due : now + 1;
	p->cycle_open = 0;
}

int ps_backoff(int interval, const struct ps_timing *t)
{
	return interval < t->max / 2 ? 2 * interval : t->max;
}

static void release(struct ps_path *p)
{
	p->failures = 0;
	p->forget = 0;
	p->held = 0;
}

int ps_hold(struct ps_path *p, const struct ps_err_policy *e, int active,
	    long long now)
{
	if (!ps_err_enabled(e)) {
		release(p);
		return 0;
	}
	if (p->held) {
		/* better a flapping path than none at all */
		if (active == 0) {
			release(p);
			return 0;
		}
		/* it failed again while held: the quiet time starts over */
		if (!ps_good(p->state) && p->state != PS_DELAYED) {
			p->forget = e->forget_rate;
			p->held_since = now;
		}
		if (now - p->held_since > e->recovery_time) {
			release(p);
			return 0;
		}
		return 1;
	}
	if (ps_good(p->state)) {
		if (p->failures > 0 && p->forget > 0) {
			p->forget--;
		} else if (p->failures > 0) {
			p->failures--;
			p->forget = e->forget_rate;
		}
		return 0;
	}
	/* only a recovery from a failure counts, not a first answer */
	if (p->state != PS_DOWN && p->state != PS_SHAKY &&
	    p->state != PS_TIMEOUT)
		return 0;
	if (p->failures++ == 0)
		p->forget = e->forget_rate;
	if (p->failures > e->threshold) {
		p->held = 1;
		p->held_since = now;
		return 1;
	}
	return 0;
}

struct ps_err_policy ps_err_policy(int threshold, int forget_rate,
				   int recovery_time, int delay_watch_checks,
				   int delay_wait_checks, int max_polling)
{
	struct ps_err_policy e = { threshold, forget_rate, recovery_time };

	if (threshold > 0 || forget_rate > 0 || recovery_time > 0)
		return e;
	if (delay_watch_checks <= 0 && delay_wait_checks <= 0)
		return e;
	e.threshold = 1;
	if (delay_watch_checks > 0)
		e.forget_rate = delay_watch_checks;
	if (delay_wait_checks > 0)
		e.recovery_time = delay_wait_checks * max_polling;
	return e;
}
