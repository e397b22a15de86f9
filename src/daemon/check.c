/* The daemon's checks: start one when due, collect it, time it out, hand
 * the result to the state machine and send what it asks for. Nothing here
 * allocates after a path's first check (its struct chk). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"
#include "dm/prio.h"
#include "log.h"

#define AIO_SLOTS	1024	/* directio reads in flight at most */

static struct st_path *spath(struct dmn *d, struct st_map *m, unsigned i)
{
	return &d->st.sp[m->first + i];
}

/* A good check reads the path's priority again, as multipathd's
 * update_prio, where the prioritizer reads sysfs alone (alua, sysfs): the
 * kernel's ALUA handler updates access_state when the target says its
 * port groups changed (a controller failover). The failback policy then
 * weighs the groups with it; under group_by_prio with failback immediate
 * the paths are grouped anew, as multipathd reloads the map then (a sync
 * does it here, one for a burst of changes). */
static void refresh_prio(struct dmn *d, struct st_map *m, unsigned i)
{
	struct st_path *sp = spath(d, m, i);
	struct ps_path *pp = &m->ms.paths[i];
	char state[32];
	int prio;

	if (chk_access_state(d->env.sysfd, sp->dev, sp->chk, state,
			     sizeof(state)))
		return;
	prio = prio_sysfs_refresh(sp->prio_sysfs, state, sp->preferred);
	if (prio == pp->prio)
		return;
	log_msg(2, "%s: %s: priority %d -> %d (%s)", m->name, sp->dev,
		pp->prio, prio, state);
	pp->prio = prio;
	if (m->regroup) {
		log_msg(2, "%s: path priorities changed. reloading", m->name);
		dmn_ask_sync(d);
	}
}

/* One line per state change, multipathd's words. */
static void result(struct dmn *d, struct st_map *m, unsigned i,
		   enum ps_state s, long long now)
{
	struct st_path *sp = spath(d, m, i);
	struct ps_path *pp = &m->ms.paths[i];
	enum ps_state old = pp->state;
	struct ms_actions a;

	if (sp->prio_sysfs && ps_good(s))
		refresh_prio(d, m, i);
	ms_on_result(&m->ms, i, s, sp->kstate, &m->t, now, &a);
	if (pp->state != old)
		log_msg(2, "%s: %s (%d:%d:%d:%llu) path %s -> %s", m->name,
			sp->dev, sp->host, sp->channel, sp->target, sp->lun,
			chk_state_name(old), chk_state_name(pp->state));
	dmn_send(d, m, &a);
}

/* The checker cannot run on this path (said once): its state stays, and
 * it is looked at again after an interval, as multipathd's "unchecked". */
static void unchecked(struct st_map *m, unsigned i, long long now)
{
	ps_schedule(&m->ms.paths[i], m->ms.phase, now);
}

static int open_check(struct dmn *d, struct st_path *sp)
{
	unsigned timeout;
	int rc;

	if (sp->kind == CHK_DIRECTIO && d->aio.efd < 0) {
		rc = chk_aio_open(&d->aio, AIO_SLOTS);
		if (rc)
			return rc;
	}
	sp->chk = calloc(1, sizeof(*sp->chk));
	if (!sp->chk)
		return -ENOMEM;
	sp->chk->fd = -1;
	timeout = chk_timeout_s(d->env.sysfd, sp->dev,
				d->env.cfg.checker_timeout);
	rc = chk_open(sp->chk, (enum chk_kind)sp->kind, d->env.sysfd,
		      d->env.devfd, sp->dev, timeout * 1000, &d->aio);
	if (rc) {
		free(sp->chk);
		sp->chk = NULL;
	} else if (sp->prio_sysfs) {
		chk_keep_access_state(sp->chk, d->env.sysfd, sp->dev);
	}
	return rc;
}

void dmn_check_start(struct dmn *d, struct st_map *m, unsigned i,
		     long long now)
{
	struct st_path *sp = spath(d, m, i);
	struct ps_path *pp = &m->ms.paths[i];
	enum ps_state s;
	int rc;

	if (sp->checking || pp->due > now)
		return;
	ps_check_started(pp, now);
	/* the device's own state first: offline, blocked or gone decide
	 * without a command (multipathd's path_sysfs_state) */
	s = sp->found ? chk_sdev_state(d->env.sysfd, sp->dev, sp->chk) :
			PS_REMOVED;
	if (s != PS_UP) {
		result(d, m, i, s, now);
		return;
	}
	if (sp->kind < 0) {
		if (!sp->unchecked++)
			log_warn("%s: %s: checker not supported; not checked",
				 m->name, sp->dev);
		unchecked(m, i, now);
		return;
	}
	if (!sp->chk) {
		rc = open_check(d, sp);
		if (rc) {
			if (!sp->unchecked++)
				log_warn("%s: %s: cannot set up the checker: "
					 "%s%s", m->name, sp->dev, strerror(-rc),
					 rc == -ENODEV ? " (no sg node: is the "
					 "sg module loaded?)" : "");
			unchecked(m, i, now);
			return;
		}
		sp->unchecked = 0;
	}
	rc = chk_start(sp->chk, d->now_ms, &s);
	if (rc == 1) {
		result(d, m, i, s, now);
	} else if (rc == -EBUSY) {
		/* the last command never came back: still hung */
		result(d, m, i, PS_TIMEOUT, now);
	} else if (rc < 0) {
		log_info("%s: %s: cannot send the check: %s", m->name,
			 sp->dev, strerror(-rc));
		result(d, m, i, PS_DOWN, now);
	} else {
		sp->checking = 1;
	}
}

void dmn_check_collect(struct dmn *d, struct st_map *m, unsigned i,
		       long long now)
{
	struct st_path *sp = spath(d, m, i);
	enum ps_state s;
	int rc;

	if (!sp->chk || !sp->chk->busy)
		return;
	rc = chk_complete(sp->chk, &s);
	if (rc == 0 || !sp->checking)	/* goes on, or an abandoned one */
		return;
	sp->checking = 0;
	if (rc == 1) {
		result(d, m, i, s, now);
	} else {
		/* -ENOTSUP: the device does not know the command
		 * (multipathd's "wild"): the state stays */
		if (!sp->unchecked++)
			log_warn("%s: %s: the device does not support its "
				 "checker", m->name, sp->dev);
		unchecked(m, i, now);
	}
}

void dmn_check_expire(struct dmn *d, struct st_map *m, unsigned i,
		      long long now)
{
	struct st_path *sp = spath(d, m, i);

	if (!sp->checking || d->now_ms < sp->chk->deadline_ms)
		return;
	chk_abandon(sp->chk);
	sp->checking = 0;
	result(d, m, i, PS_TIMEOUT, now);
}

/* Send x to m. Unless forced, a path message that would not change what
 * the kernel has (the latest status read, or the last message sent) is
 * not sent: a daemon starting on healthy maps would otherwise reinstate
 * every path, 1024 messages and as many device-mapper events at 256 LUNs
 * x 4 paths. */
static int send_one(struct dmn *d, struct st_map *m,
		    const struct ms_action *x, int force)
{
	const char *name = ms_act_name(x->kind);
	struct st_path *sp = NULL;
	enum ps_kstate to = PK_UNKNOWN;
	char msg[64];

	switch (x->kind) {
	case MS_FAIL_PATH:
	case MS_REINSTATE_PATH:
		sp = spath(d, m, x->arg);
		to = x->kind == MS_FAIL_PATH ? PK_FAILED : PK_ACTIVE;
		if (sp->kstate == to && !force)
			return 0;
		snprintf(msg, sizeof(msg), "%s %u:%u", name, sp->major,
			 sp->minor);
		break;
	case MS_ENABLE_GROUP:
	case MS_SWITCH_GROUP:
		snprintf(msg, sizeof(msg), "%s %u", name, x->arg);
		break;
	default:
		snprintf(msg, sizeof(msg), "%s", name);
	}
	m->next_ms = 0;
	log_msg(3, "%s: message %s", m->name, msg);
	if (dmio_message(m->name, msg))
		return -EIO;
	if (sp)
		sp->kstate = to;
	return 0;
}

int dmn_send(struct dmn *d, struct st_map *m, const struct ms_actions *a)
{
	unsigned k;
	int rc = 0;

	for (k = 0; k < a->n; k++)
		if (send_one(d, m, &a->v[k], 0))
			rc = -EIO;
	return rc;
}

int dmn_send_path(struct dmn *d, struct st_map *m, unsigned i, int fail)
{
	const struct ms_action x = {
		fail ? MS_FAIL_PATH : MS_REINSTATE_PATH, i
	};

	return send_one(d, m, &x, 1);
}

void dmn_close_checks(struct dmn *d, struct st *s)
{
	unsigned i;

	(void)d;
	for (i = 0; i < s->n_paths; i++) {
		struct chk *c = s->sp[i].chk;

		/* a directio read in flight writes into c when it ends: c
		 * stays allocated (a rare hung path, until exit) */
		if (!c || chk_close(c))
			continue;
		free(c);
		s->sp[i].chk = NULL;
	}
}
