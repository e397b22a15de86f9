#include "dm/plan.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/name.h"
#include "log.h"
#include "util/str.h"
#include "util/strmap.h"

int plan_wwid_known(const struct plan_input *in, const char *wwid)
{
	size_t i;

	if (in->wwids && wwids_contains(in->wwids, wwid))
		return 1;
	if (config_has_multipath(in->cfg, wwid))
		return 1;
	for (i = 0; i < in->n_extra_wwids; i++)
		if (!strcmp(in->extra_wwids[i], wwid))
			return 1;
	return 0;
}

/* find_multipaths decides which WWIDs become maps. */
static int wwid_wanted(const struct plan_input *in, const char *wwid,
		       size_t n_paths)
{
	switch (in->cfg->find_multipaths) {
	case FIND_OFF:
	case FIND_GREEDY:
		return 1;
	case FIND_STRICT:
		return plan_wwid_known(in, wwid);
	case FIND_ON:
	case FIND_SMART:	/* a single new path would need the timeout */
	default:
		return n_paths >= 2 || plan_wwid_known(in, wwid);
	}
}

/* The kernel cannot open an offline path for a new table, but keeps one
 * a running map already holds. */
static int member_usable(const struct plan_input *in, const char *wwid,
			 const struct path *p)
{
	return path_usable(p) ||
	       held_paths_has(in->held, wwid, p->major, p->minor);
}

/* The size of m's running map in sectors, 0 when none runs. */
static unsigned long long running_size(const struct plan_input *in,
				       const struct map *m)
{
	char uuid[sizeof("mpath-") + sizeof(m->wwid)];
	const struct dmio_dev *d;

	if (!in->running)
		return 0;
	snprintf(uuid, sizeof(uuid), "mpath-%s", m->wwid);
	d = dmio_find_uuid(in->running, uuid);
	return d ? d->size : 0;
}

/* The size m is built with: the one its usable paths agree on. When they
 * differ, a running map keeps its own size: a LUN that grew shows its new
 * size on one path at a time, as each path is rescanned, and multipathd
 * too resizes only once every path agrees. Otherwise the first path's
 * size, as multipath's coalesce_paths. */
static unsigned long long map_size(const struct plan_input *in,
				   const struct map *m, const size_t *idx,
				   size_t n, unsigned long long running)
{
	unsigned long long first = 0;
	int agree = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct path *p = &in->paths->v[idx[i]];

		if (!p->size || !member_usable(in, m->wwid, p))
			continue;
		if (!first)
			first = p->size;
		else if (p->size != first)
			agree = 0;
	}
	return agree || !running ? first : running;
}

/* Fill m from the paths of one WWID (idx[0..n)). */
static int build_map(const struct plan_input *in, const size_t *idx,
		     size_t n, struct map *m)
{
	const struct path *first = &in->paths->v[idx[0]];
	unsigned long long running;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (strlen(first->wwid) > MAP_WWID_MAX) {
		log_err("%s: WWID of %zu characters: its map UUID mpath-<WWID> "
			"would pass device-mapper's %d: no map", first->wwid,
			strlen(first->wwid), MAP_UUID_MAX);
		return -ENAMETOOLONG;
	}
	str_copy(m->wwid, first->wwid, sizeof(m->wwid));
	config_resolve(in->cfg, first, &m->attrs);
	m->members = calloc(n, sizeof(*m->members));
	m->paths = calloc(n, sizeof(*m->paths));
	if (!m->members || !m->paths)
		return -ENOMEM;
	running = running_size(in, m);
	m->size = map_size(in, m, idx, n, running);
	for (i = 0; i < n; i++) {
		const struct path *p = &in->paths->v[idx[i]];

		m->paths[m->n_paths++] = p;

		/* A path kept offline may read as size 0. */
		if (!member_usable(in, m->wwid, p)) {
			log_warn("%s: path %s is %s: left out of the map (the "
				 "kernel cannot open it)", m->wwid, p->dev,
				 p->state);
			continue;
		}
		/* A larger path serves every sector of a running map that
		 * waits for its other paths to grow too. A different size
		 * otherwise is another LUN behind a reused WWID: left out. */
		if (running && p->size > m->size && m->size == running) {
			log_info("%s: path %s has grown to %llu sectors; the map "
				 "keeps %llu until every path shows the new "
				 "size", m->wwid, p->dev, p->size, m->size);
		} else if (p->size && p->size != m->size) {
			log_warn("%s: path %s has %llu sectors, not %llu like "
				 "the others: left out of the map", m->wwid,
				 p->dev, p->size, m->size);
			continue;
		}
		m->members[m->n_members].path = p;
		m->members[m->n_members].prio =
			in->prio ? in->prio(&m->attrs, p, in->prio_ctx) : 1;
		m->n_members++;
	}
	if (!m->n_members) {
		log_err("%s: no usable path: no map", m->wwid);
		return -ENODEV;
	}
	if (!m->size) {
		log_err("%s: no path reports a size: no map", m->wwid);
		return -ENODATA;
	}
	return map_group(m);
}

int plan_build(const struct plan_input *in, struct plan *out)
{
	const struct path_list *pl = in->paths;
	size_t *wwid_of = NULL, *next = NULL, *last = NULL, *idx = NULL, i, j;
	struct strmap first = { 0 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!pl->n)
		return 0;
	wwid_of = malloc(pl->n * sizeof(*wwid_of));
	next = malloc(pl->n * sizeof(*next));
	last = malloc(pl->n * sizeof(*last));
	idx = malloc(pl->n * sizeof(*idx));
	out->maps = calloc(pl->n, sizeof(*out->maps));
	if (!wwid_of || !next || !last || !idx || !out->maps) {
		rc = -ENOMEM;
		goto out;
	}

	/* One pass, with thousands of LUNs in mind: wwid_of[i] is the index
	 * of the first path with path i's WWID (SIZE_MAX when path i is
	 * blacklisted), next[i] the next path with that WWID (SIZE_MAX: none)
	 * and last[f] the last one so far of the WWID first seen at f. */
	for (i = 0; i < pl->n; i++) {
		char why[256];

		next[i] = SIZE_MAX;
		if (config_blacklisted(in->cfg, &pl->v[i], why, sizeof(why))) {
			log_info("%s: blacklisted: %s", pl->v[i].dev, why);
			wwid_of[i] = SIZE_MAX;
			continue;
		}
		rc = strmap_add(&first, pl->v[i].wwid, i);
		if (rc < 0)
			goto out;
		if (rc == 0) {
			wwid_of[i] = last[i] = i;
			continue;
		}
		strmap_get(&first, pl->v[i].wwid, &j);
		wwid_of[i] = j;
		next[last[j]] = i;
		last[j] = i;
	}
	rc = 0;

	/* Maps in the order of their first paths. */
	for (i = 0; i < pl->n; i++) {
		struct map *m = &out->maps[out->n];
		size_t n = 0;

		if (wwid_of[i] != i)
			continue;
		for (j = i; j != SIZE_MAX; j = next[j])
			idx[n++] = j;
		if (!wwid_wanted(in, pl->v[i].wwid, n)) {
			log_info("%s: %s: single path of an unknown WWID, not "
				 "multipathed (find_multipaths)", pl->v[i].dev,
				 pl->v[i].wwid);
			continue;
		}
		rc = build_map(in, idx, n, m);
		if (rc == -ENOMEM)
			goto out;
		if (rc) {
			map_free(m);
			out->failed++;
			rc = 0;
			continue;
		}
		out->n++;
	}

	/* Named once every map is known: a map's name depends on the others'. */
	rc = name_maps(in, out->maps, out->n);
	for (i = j = 0; !rc && i < out->n; i++) {
		if (!out->maps[i].name[0]) {
			map_free(&out->maps[i]);
			out->failed++;
		} else {
			out->maps[j++] = out->maps[i];
		}
	}
	if (!rc)
		out->n = j;
out:
	strmap_free(&first);
	free(wwid_of);
	free(next);
	free(last);
	free(idx);
	if (rc)
		plan_free(out);
	return rc;
}

const struct map *plan_map_of(const struct plan *p, const char *dev)
{
	size_t i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < p->maps[i].n_paths; j++)
			if (!strcmp(p->maps[i].paths[j]->dev, dev))
				return &p->maps[i];
	return NULL;
}

void plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		map_free(&p->maps[i]);
	free(p->maps);
	memset(p, 0, sizeof(*p));
}
