/* Path grouping policies: which paths share a priority group, and in which
 * order the kernel should try the groups. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dm/map.h"

/* The string a policy groups by, or NULL for policies keyed by number. */
static const char *group_key_str(enum pgpolicy pol, const struct path *p)
{
	switch (pol) {
	case PGP_GROUP_BY_SERIAL:
		return p->serial;
	case PGP_GROUP_BY_NODE_NAME:
		switch (p->transport) {
		case TRANSPORT_ISCSI:
			return p->iscsi.targetname;
		case TRANSPORT_FC:
			return p->fc.node_name;
		case TRANSPORT_SAS:
			return p->sas.address;
		default:
			return "";
		}
	default:
		return NULL;
	}
}

static long group_key_num(enum pgpolicy pol, const struct member *mb,
			  size_t index)
{
	switch (pol) {
	case PGP_FAILOVER:
		return (long)index;
	case PGP_GROUP_BY_PRIO:
		return mb->prio;
	case PGP_GROUP_BY_TPG:
		return mb->path->tpg;
	default:	/* multibus */
		return 0;
	}
}

static int same_group(enum pgpolicy pol, const struct member *a, size_t ia,
		      const struct member *b, size_t ib)
{
	const char *ka = group_key_str(pol, a->path);

	if (ka)
		return !strcmp(ka, group_key_str(pol, b->path));
	return group_key_num(pol, a, ia) == group_key_num(pol, b, ib);
}

/* Better first: higher priority, then more usable paths; otherwise the
 * order the groups were found in (multipath-tools' sort_pathgroups). */
static int group_better(const struct pgroup *a, const struct pgroup *b)
{
	if (a->prio != b->prio)
		return a->prio > b->prio;
	return a->usable > b->usable;
}

int prio_average(long long sum, size_t n)
{
	return n ? (int)(sum / (long long)n) : 0;
}

int map_group(struct map *m)
{
	size_t n = m->n_members, i, j, ng = 0;
	/* scratch, one block: groups in first-seen order, reordered members,
	 * group id per member, the groups' sorted order, their priority sums
	 * (wide: a sum of ints can exceed one) */
	size_t *gid, *order;
	long long *sum;
	struct pgroup *g;
	struct member *sorted;
	void *block = calloc(n ? n : 1, sizeof(long long) + 2 * sizeof(size_t) +
			     sizeof(struct pgroup) + sizeof(struct member));

	if (!block)
		return -ENOMEM;
	sum = block;
	g = (struct pgroup *)(sum + n);
	sorted = (struct member *)(g + n);
	gid = (size_t *)(sorted + n);
	order = gid + n;

	/* Assign group ids in first-seen order. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (same_group(m->attrs.pgpolicy, &m->members[i], i,
				       &m->members[j], j))
				break;
		gid[i] = j < i ? gid[j] : ng++;
		g[gid[i]].n++;
		if (path_usable(m->members[i].path)) {
			sum[gid[i]] += m->members[i].prio;
			g[gid[i]].usable++;
		}
	}
	for (i = 0; i < ng; i++)
		g[i].prio = prio_average(sum[i], g[i].usable);

	/* Stable insertion sort of the groups, best first. */
	for (i = 0; i < ng; i++) {
		size_t k = i;

		while (k > 0 && group_better(&g[i], &g[order[k - 1]])) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}

	/* Lay the members out group by group, keeping path order within. */
	m->groups = calloc(ng ? ng : 1, sizeof(*m->groups));
	if (!m->groups) {
		free(block);
		return -ENOMEM;
	}
	for (i = 0, j = 0; i < ng; i++) {
		size_t k;

		m->groups[i] = g[order[i]];
		m->groups[i].first = j;
		for (k = 0; k < n; k++)
			if (gid[k] == order[i])
				sorted[j++] = m->members[k];
	}
	memcpy(m->members, sorted, n * sizeof(*sorted));
	m->n_groups = ng;
	free(block);
	return 0;
}

size_t map_initial_group(const struct map *m)
{
	size_t i;

	for (i = 0; i < m->n_groups; i++)
		if (m->groups[i].usable)
			return i + 1;
	return m->n_groups ? 1 : 0;
}

void map_free(struct map *m)
{
	free(m->members);
	free(m->groups);
	free(m->paths);
	m->members = NULL;
	m->groups = NULL;
	m->paths = NULL;
	m->n_members = m->n_groups = m->n_paths = 0;
}
