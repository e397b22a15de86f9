/* The daemon's state from the kernel's maps and the scanned paths. Pure. */
#include "daemon/state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/prio.h"
#include "scan/scan.h"
#include "util/str.h"

static void set_path(struct st_path *sp, const struct mpt_path *tp,
		     const struct path *p)
{
	memset(sp, 0, sizeof(*sp));
	sp->major = tp->major;
	sp->minor = tp->minor;
	sp->kstate = PK_UNKNOWN;
	sp->kind = CHK_NONE;
	if (!p) {
		snprintf(sp->dev, sizeof(sp->dev), "%u:%u", tp->major,
			 tp->minor);
		sp->host = sp->channel = sp->target = -1;
		return;
	}
	str_copy(sp->dev, p->dev, sizeof(sp->dev));
	sp->found = 1;
	sp->host = p->host;
	sp->channel = p->channel;
	sp->target = p->target;
	sp->lun = p->lun;
}

static struct ps_timing timing(const struct config *cfg)
{
	struct ps_timing t = { cfg->polling_interval, cfg->max_polling_interval };

	if (t.polling < 1)
		t.polling = 1;
	if (t.max < t.polling)
		t.max = t.polling;
	return t;
}

/* Map m from km, its paths at s->ps/s->sp[first..). */
static void build_map(struct st *s, struct st_map *m, const struct st_kmap *km,
		      unsigned first, const struct path_list *pl,
		      const struct config *cfg, st_prio_fn prio, void *ctx)
{
	const struct mpt *t = km->table;
	static const struct path nowhere;	/* matches only the defaults */
	const struct path *known = NULL;
	struct mp_attrs a;
	size_t g, i;
	int kind;

	memset(m, 0, sizeof(*m));
	str_copy(m->name, km->name, sizeof(m->name));
	str_copy(m->uuid, km->uuid, sizeof(m->uuid));
	m->event_nr = km->event_nr;
	m->first = first;
	m->t = timing(cfg);
	m->queue_without_daemon = cfg->queue_without_daemon;
	m->ms.paths = &s->ps[first];
	m->ms.n_paths = (unsigned)t->n_paths;
	m->ms.n_groups = (unsigned)t->n_groups;
	for (i = 0; i < t->n_paths && !known; i++)
		known = path_list_find(pl, t->paths[i].major,
				       t->paths[i].minor);
	config_resolve(cfg, known ? known : &nowhere, &a);
	m->ms.no_path_retry = a.no_path_retry;
	m->ms.failback = a.failback;
	m->regroup = a.pgpolicy == PGP_GROUP_BY_PRIO &&
		     a.failback == FAILBACK_IMMEDIATE;
	m->ms.err = ps_err_policy(a.san_path_err_threshold,
				  a.san_path_err_forget_rate,
				  a.san_path_err_recovery_time,
				  a.delay_watch_checks, a.delay_wait_checks,
				  m->t.max);
	kind = chk_kind_parse(a.checker);
	for (g = 0; g < t->n_groups; g++)
		for (i = t->groups[g].first;
		     i < t->groups[g].first + t->groups[g].n; i++) {
			const struct path *p =
				path_list_find(pl, t->paths[i].major,
					       t->paths[i].minor);
			struct ps_path *pp = &s->ps[first + i];

			memset(pp, 0, sizeof(*pp));
			set_path(&s->sp[first + i], &t->paths[i], p);
			s->sp[first + i].kind = kind;
			s->sp[first + i].map = (unsigned)(m - s->maps);
			pp->group = (unsigned)g + 1;
			pp->prio = p && prio ? prio(&a, p, ctx) : 0;
			if (p && prio) {
				s->sp[first + i].prio_sysfs =
					prio_sysfs_kind(&a, p);
				s->sp[first + i].preferred = p->preferred;
			}
		}
}

int st_update_status(struct st *s, struct st_map *m, const struct mpt *status)
{
	size_t g, i;

	if (status->n_paths != m->ms.n_paths ||
	    status->n_groups != m->ms.n_groups)
		return -EINVAL;
	for (i = 0; i < status->n_paths; i++) {
		const struct st_path *sp = &s->sp[m->first + i];

		if (status->paths[i].major != sp->major ||
		    status->paths[i].minor != sp->minor)
			return -EINVAL;
	}
	for (i = 0; i < status->n_paths; i++)
		s->sp[m->first + i].kstate = status->paths[i].active ?
					     PK_ACTIVE : PK_FAILED;
	m->ms.cur_group = 0;
	m->ms.disabled = 0;
	for (g = 0; g < status->n_groups && g < MPT_MAX_GROUPS; g++) {
		if (status->groups[g].state == 'A')
			m->ms.cur_group = (unsigned)g + 1;
		if (status->groups[g].state == 'D')
			m->ms.disabled |= (uint64_t)1 << g;
	}
	return 0;
}

/* Whether the feature words (sorted, space separated) hold word. */
static int has_word(const char *words, const char *word)
{
	size_t len = strlen(word);
	const char *w;

	for (w = words; (w = strstr(w, word)); w += len)
		if ((w == words || w[-1] == ' ') && (!w[len] || w[len] == ' '))
			return 1;
	return 0;
}

int st_build(struct st *s, const struct st_kmap *km, size_t n,
	     const struct path_list *pl, const struct config *cfg,
	     st_prio_fn prio, void *prio_ctx, long long now)
{
	size_t k, total = 0;
	unsigned first = 0;

	memset(s, 0, sizeof(*s));
	for (k = 0; k < n; k++) {
		if (km[k].table->n_groups > MPT_MAX_GROUPS)
			return -EINVAL;
		total += km[k].table->n_paths;
	}
	s->maps = calloc(n ? n : 1, sizeof(*s->maps));
	s->ps = calloc(total ? total : 1, sizeof(*s->ps));
	s->sp = calloc(total ? total : 1, sizeof(*s->sp));
	if (!s->maps || !s->ps || !s->sp) {
		st_free(s);
		return -ENOMEM;
	}
	for (k = 0; k < n; k++) {
		struct st_map *m = &s->maps[k];

		build_map(s, m, &km[k], first, pl, cfg, prio, prio_ctx);
		first += m->ms.n_paths;
		if (strmap_add(&s->by_name, m->name, k) < 0) {
			st_free(s);
			return -ENOMEM;
		}
		m->ms.queueing = has_word(km[k].table->features,
					  "queue_if_no_path");
		if (km[k].status && st_update_status(s, m, km[k].status)) {
			st_free(s);
			return -EINVAL;
		}
	}
	s->n_maps = (unsigned)n;
	s->n_paths = first;
	if (n) {
		/* every map has the same timing: one configuration */
		struct ps_timing t = s->maps[0].t;
		struct ms_map *ms = malloc(n * sizeof(*ms));

		if (!ms) {
			st_free(s);
			return -ENOMEM;
		}
		for (k = 0; k < n; k++)
			ms[k] = s->maps[k].ms;
		ms_stagger(ms, (unsigned)n, &t);
		for (k = 0; k < n; k++) {
			s->maps[k].ms.phase = ms[k].phase;
			ms_start(&s->maps[k].ms, &t, now);
		}
		free(ms);
	}
	return 0;
}

/* The old map with that UUID; NULL. */
static struct st_map *old_map(struct st *old, const char *uuid)
{
	unsigned k;

	for (k = 0; k < old->n_maps; k++)
		if (!strcmp(old->maps[k].uuid, uuid))
			return &old->maps[k];
	return NULL;
}

void st_carry(struct st *s, struct st *old)
{
	unsigned k, i, j;

	for (k = 0; k < s->n_maps; k++) {
		struct st_map *m = &s->maps[k];
		struct st_map *o = old_map(old, m->uuid);

		if (!o)
			continue;
		m->ms.failback_at = o->ms.failback_at;
		m->ms.retry_until = o->ms.retry_until;
		m->ms.in_recovery = o->ms.in_recovery;
		m->ms.queue_disabled = o->ms.queue_disabled;
		for (i = 0; i < m->ms.n_paths; i++) {
			struct st_path *sp = &s->sp[m->first + i];
			struct ps_path *pp = &m->ms.paths[i];

			for (j = 0; j < o->ms.n_paths; j++) {
				struct st_path *osp = &old->sp[o->first + j];
				const struct ps_path *opp = &o->ms.paths[j];

				if (osp->major != sp->major ||
				    osp->minor != sp->minor)
					continue;
				pp->state = opp->state;
				pp->chkr = opp->chkr;
				pp->kernel = opp->kernel;
				pp->due = opp->due;
				pp->interval = opp->interval;
				pp->cycle_open = opp->cycle_open;
				pp->cycle_start = opp->cycle_start;
				pp->failures = opp->failures;
				pp->forget = opp->forget;
				pp->held = opp->held;
				pp->held_since = opp->held_since;
				if (osp->kind == sp->kind) {
					sp->chk = osp->chk;
					sp->checking = osp->checking;
					sp->unchecked = osp->unchecked;
					osp->chk = NULL;
					osp->checking = 0;
				}
				break;
			}
		}
	}
}

struct st_map *st_find_map(struct st *s, const char *key)
{
	unsigned k;

	for (k = 0; k < s->n_maps; k++)
		if (!strcmp(s->maps[k].uuid, key) ||
		    !strcmp(s->maps[k].name, key))
			return &s->maps[k];
	return NULL;
}

struct st_map *st_map_named(struct st *s, const char *name)
{
	size_t k;

	return strmap_get(&s->by_name, name, &k) ? &s->maps[k] : NULL;
}

int st_find_path(struct st *s, const char *dev, struct st_map **map)
{
	unsigned k, i;

	if (!strncmp(dev, "/dev/", 5))
		dev += 5;
	for (k = 0; k < s->n_maps; k++)
		for (i = 0; i < s->maps[k].ms.n_paths; i++)
			if (!strcmp(s->sp[s->maps[k].first + i].dev, dev)) {
				*map = &s->maps[k];
				return (int)(s->maps[k].first + i);
			}
	return -1;
}

void st_free(struct st *s)
{
	free(s->maps);
	free(s->ps);
	free(s->sp);
	strmap_free(&s->by_name);
	memset(s, 0, sizeof(*s));
}
