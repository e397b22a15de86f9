/* Per-map checker state: what a check result means for the map (path
 * messages, queueing, failback) and the map's timers. Driven by the daemon's
 * loop (daemon.c). */
#include "config/config.h"
#include "daemon/mapstate.h"
#include "dm/map.h"
#include "dm/status.h"

_Static_assert(MPT_MAX_GROUPS <= 64, "ms_map.disabled has 64 bits");

static void push(struct ms_actions *out, enum ms_act kind, unsigned arg)
{
	/* MS_MAX_ACTIONS is the most one call can ask for */
	if (out->n < MS_MAX_ACTIONS)
		out->v[out->n++] = (struct ms_action){ kind, arg };
}

static unsigned count_state(const struct ms_map *m, int (*is)(enum ps_state))
{
	unsigned i, n = 0;

	for (i = 0; i < m->n_paths; i++)
		n += is(m->paths[i].state);
	return n;
}

static int is_pending(enum ps_state s)
{
	return s == PS_PENDING;
}

static unsigned count_active(const struct ms_map *m)
{
	return count_state(m, ps_good);
}

void ms_start(struct ms_map *m, const struct ps_timing *t, long long now)
{
	unsigned i;

	for (i = 0; i < m->n_paths; i++)
		ps_init(&m->paths[i], t, m->phase, now);
	m->failback_at = 0;
	m->retry_until = 0;
	m->in_recovery = 0;
}

/* no_path_retry (structs_vec.c set_no_path_retry): queue while a path may
 * come back; with N, once no path is usable and none is still unanswered,
 * queue for N polling intervals more, then fail I/O until a path returns. */
static void queue_policy(struct ms_map *m, const struct ps_timing *t,
			 long long now, struct ms_actions *out)
{
	int want;

	if (m->no_path_retry <= 0 || m->queue_disabled) {	/* not counting */
		m->in_recovery = 0;
		m->retry_until = 0;
	}
	switch (m->queue_disabled ? NO_PATH_RETRY_FAIL : m->no_path_retry) {
	case NO_PATH_RETRY_UNDEF:
		return;
	case NO_PATH_RETRY_FAIL:
		want = 0;
		break;
	case NO_PATH_RETRY_QUEUE:
		want = 1;
		break;
	default:
		if (count_active(m) > 0) {
			m->in_recovery = 0;
			m->retry_until = 0;
			want = 1;
		} else {
			if (!m->in_recovery && count_state(m, is_pending) == 0) {
				m->in_recovery = 1;
				m->retry_until = now + (long long)m->no_path_retry *
						       t->polling;
			}
			return;
		}
		break;
	}
	if (want == m->queueing)
		return;
	push(out, want ? MS_QUEUE_IF_NO_PATH : MS_FAIL_IF_NO_PATH, 0);
	m->queueing = want;
}

void ms_disable_queueing(struct ms_map *m, struct ms_actions *out)
{
	out->n = 0;
	m->queue_disabled = 1;
	m->in_recovery = 0;
	m->retry_until = 0;
	if (!m->queueing)
		return;
	push(out, MS_FAIL_IF_NO_PATH, 0);
	m->queueing = 0;
}

void ms_restore_queueing(struct ms_map *m, const struct ps_timing *t,
			 long long now, struct ms_actions *out)
{
	out->n = 0;
	m->queue_disabled = 0;
	if (m->no_path_retry == NO_PATH_RETRY_UNDEF ||
	    m->no_path_retry == NO_PATH_RETRY_FAIL)
		return;
	if (!m->queueing) {
		push(out, MS_QUEUE_IF_NO_PATH, 0);
		m->queueing = 1;
	}
	queue_policy(m, t, now, out);
}

unsigned ms_best_group(const struct ms_map *m)
{
	unsigned g, i, best = 0;
	int best_prio = 0, best_n = 0;

	for (g = 1; g <= m->n_groups; g++) {
		long long sum = 0;
		int n = 0, prio;

		for (i = 0; i < m->n_paths; i++)
			if (m->paths[i].group == g && ps_good(m->paths[i].state)) {
				sum += m->paths[i].prio;
				n++;
			}
		if (!n)
			continue;
		prio = prio_average(sum, (size_t)n);
		if (!best || prio > best_prio ||
		    (prio == best_prio && n > best_n)) {
			best = g;
			best_prio = prio;
			best_n = n;
		}
	}
	return best;
}

/* The group to switch to now, or 0 when the kernel's is right, unknown,
 * or failback is manual. */
static unsigned switch_target(const struct ms_map *m)
{
	unsigned best;

	if (m->failback == FAILBACK_MANUAL || m->failback == FAILBACK_UNDEF ||
	    !m->cur_group)
		return 0;
	best = ms_best_group(m);
	return best && best != m->cur_group ? best : 0;
}

/* followover: fail back only when p is the first path of the best group
 * to return, the others there still down (main.c
 * followover_should_failback). */
static int followover_ok(const struct ms_map *m, const struct ps_path *p,
			 unsigned best)
{
	unsigned i;

	if (p->group != best)
		return 0;
	for (i = 0; i < m->n_paths; i++) {
		const struct ps_path *o = &m->paths[i];

		if (o != p && o->group == best && o->chkr != PS_DOWN &&
		    o->chkr != PS_SHAKY)
			return 0;
	}
	return 1;
}

static void switch_group(struct ms_map *m, unsigned g, struct ms_actions *out)
{
	push(out, MS_SWITCH_GROUP, g);
	m->cur_group = g;
}

static void failback_policy(struct ms_map *m, const struct ps_path *p,
			    int new_up, int chkr_new_up, long long now,
			    struct ms_actions *out)
{
	unsigned best = switch_target(m);

	if (!best)
		return;
	if (m->failback > 0) {
		/* each path coming back restarts the wait */
		if (new_up || !m->failback_at)
			m->failback_at = now + m->failback;
	} else if (m->failback == FAILBACK_IMMEDIATE ||
		   (m->failback == FAILBACK_FOLLOWOVER && chkr_new_up &&
		    followover_ok(m, p, best))) {
		switch_group(m, best, out);
	}
}

/* What a result did to its path, for the map-level policies. */
enum change {
	CH_HELD,	/* DELAYED: held, or failing again while held */
	CH_WENT_BAD,	/* to a bad state from another state */
	CH_SAME,	/* state unchanged */
	CH_CAME_UP,	/* to UP/GHOST from the other of the two */
	CH_CHKR_UP,	/* to UP/GHOST, the last result that went through
			 * being bad: a path returning (or released) */
};

static void enable_group(struct ms_map *m, unsigned g, struct ms_actions *out)
{
	uint64_t bit;

	if (g < 1 || g > 64)
		return;
	bit = (uint64_t)1 << (g - 1);
	if (!(m->disabled & bit))
		return;
	push(out, MS_ENABLE_GROUP, g);
	m->disabled &= ~bit;
}

/* The path's side of a result (main.c check_path, from the sync with the
 * kernel on): its new state and interval, and fail_path, reinstate_path
 * and enable_group when the kernel must follow. */
static enum change apply(struct ms_map *m, unsigned i, enum ps_state result,
			 const struct ps_timing *t, long long now,
			 struct ms_actions *out)
{
	struct ps_path *p = &m->paths[i];
	enum ps_state old = p->state, old_chkr = p->chkr;
	int no_reinstate;

	if (!ps_good(result) && old == PS_DELAYED) {
		/* failed in the kernel already; the hold's clock restarts at
		 * its next good result (ps_hold) */
		p->state = result;
		p->interval = t->polling;
		return CH_HELD;
	}
	if (ps_good(result) && ps_hold(p, &m->err, (int)count_active(m), now)) {
		p->state = PS_DELAYED;
		p->interval = t->polling;
		return CH_HELD;
	}
	/* An implicit-only ALUA standby path is not reinstated while the map
	 * has no active path: dm would send it I/O only to see it fail. As
	 * in multipathd, the path itself counts as active from its next
	 * check on, so this delays the reinstatement by one check. */
	no_reinstate = result == PS_GHOST && p->tpgs_implicit &&
		       count_active(m) == 0;
	p->chkr = result;
	if (result == old) {
		if (!ps_good(result)) {
			if (p->kernel != PK_FAILED)
				push(out, MS_FAIL_PATH, i);
			p->interval = t->polling;
		} else if (p->kernel != PK_ACTIVE && !no_reinstate) {
			/* the kernel failed it on an I/O error */
			push(out, MS_REINSTATE_PATH, i);
			p->interval = t->polling;
		} else {
			p->interval = ps_backoff(p->interval, t);
		}
		return CH_SAME;
	}
	p->state = result;
	p->interval = t->polling;
	if (!ps_good(result)) {
		push(out, MS_FAIL_PATH, i);
		return CH_WENT_BAD;
	}
	if (!no_reinstate)
		push(out, MS_REINSTATE_PATH, i);
	if (result == PS_UP)
		enable_group(m, p->group, out);
	return ps_good(old_chkr) ? CH_CAME_UP : CH_CHKR_UP;
}

void ms_on_result(struct ms_map *m, unsigned i, enum ps_state result,
		  enum ps_kstate kernel, const struct ps_timing *t,
		  long long now, struct ms_actions *out)
{
	struct ps_path *p;
	enum change ch;

	out->n = 0;
	if (i >= m->n_paths)
		return;
	p = &m->paths[i];
	p->kernel = kernel;
	if (result == PS_PENDING) {
		/* keep the state, ask again soon; the interval still counts
		 * from the start of the cycle */
		ps_check_started(p, now);
		p->due = now + 1;
		return;
	}
	/* multipathd waits for the uevent of a removed device */
	if (result == PS_REMOVED || result == PS_DELAYED)
		result = PS_DOWN;

	ch = apply(m, i, result, t, now, out);
	if (ch == CH_WENT_BAD)
		m->failback_at = 0;
	queue_policy(m, t, now, out);
	if (ch >= CH_SAME)
		failback_policy(m, p, ch >= CH_CAME_UP, ch == CH_CHKR_UP, now,
				out);
	ps_schedule(p, m->phase, now);
}

void ms_on_kernel_failed(struct ms_map *m, unsigned i,
			 const struct ps_timing *t, long long now,
			 struct ms_actions *out)
{
	struct ps_path *p;

	out->n = 0;
	if (i >= m->n_paths || !ps_good(m->paths[i].state))
		return;
	p = &m->paths[i];
	p->state = PS_DOWN;
	p->kernel = PK_FAILED;
	p->interval = t->polling;
	/* a check under way (due PS_NEVER) will answer by itself */
	if (p->due != PS_NEVER && p->due > now + t->polling)
		p->due = now + t->polling;
	queue_policy(m, t, now, out);
}

void ms_tick(struct ms_map *m, long long now, struct ms_actions *out)
{
	out->n = 0;
	if (m->retry_until && now >= m->retry_until) {
		m->retry_until = 0;
		if (m->queueing) {
			push(out, MS_FAIL_IF_NO_PATH, 0);
			m->queueing = 0;
		}
	}
	if (m->failback_at && now >= m->failback_at) {
		unsigned best = switch_target(m);

		m->failback_at = 0;
		if (best)
			switch_group(m, best, out);
	}
}

long long ms_next_due(const struct ms_map *m)
{
	long long due = PS_NEVER;
	unsigned i;

	for (i = 0; i < m->n_paths; i++)
		if (m->paths[i].due < due)
			due = m->paths[i].due;
	if (m->retry_until && m->retry_until < due)
		due = m->retry_until;
	if (m->failback_at && m->failback_at < due)
		due = m->failback_at;
	return due;
}

void ms_stagger(struct ms_map *maps, unsigned n, const struct ps_timing *t)
{
	unsigned long long total = 0, before = 0;
	unsigned k;

	for (k = 0; k < n; k++)
		total += maps[k].n_paths;
	for (k = 0; k < n; k++) {
		maps[k].phase = total ? (int)(before * t->max / total) : 0;
		before += maps[k].n_paths;
	}
}

const char *ms_act_name(enum ms_act kind)
{
	switch (kind) {
	case MS_FAIL_PATH:
		return "fail_path";
	case MS_REINSTATE_PATH:
		return "reinstate_path";
	case MS_ENABLE_GROUP:
		return "enable_group";
	case MS_SWITCH_GROUP:
		return "switch_group";
	case MS_QUEUE_IF_NO_PATH:
		return "queue_if_no_path";
	case MS_FAIL_IF_NO_PATH:
		return "fail_if_no_path";
	}
	return "?";
}
