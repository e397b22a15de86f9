/* The kernel multipath target's table line:
 *   <features> <hwhandler> <#pgs> <initial pg>
 *   {<selector> <#selargs> [args] <#paths> <#pathargs> {<maj:min> [args]}}
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dm/map.h"

/* "service-time" alone means no selector arguments: the count is needed. */
static const char *selector_args(const char *selector)
{
	return strchr(selector, ' ') ? "" : " 0";
}

/* A path's repeat count: rr_min_io_rq, times the path's priority with
 * rr_weight priorities. multipath-tools lets the product overflow into a
 * negative count the kernel refuses; here it stops at INT_MAX. */
static int repeat_count(const struct mp_attrs *a, int prio)
{
	long long n = a->rr_min_io_rq > 0 ? a->rr_min_io_rq : 1;

	if (a->rr_weight_priorities && prio > 0)
		n *= prio;
	return n < INT_MAX ? (int)n : INT_MAX;
}

/* Write the table into buf (up to len bytes); returns the length it
 * needs, like snprintf. */
static size_t format(const struct map *m, int queueing, char *buf, size_t len)
{
	const struct mp_attrs *a = &m->attrs;
	char features[sizeof(a->features)];
	size_t off = 0, i, k;
	int n;

	strcpy(features, a->features[0] ? a->features : "0");
	if (!queueing)
		features_edit(features, sizeof(features), "queue_if_no_path", 0);

#define PUT(...) do { \
	n = snprintf(off < len ? buf + off : NULL, off < len ? len - off : 0, \
		     __VA_ARGS__); \
	off += n; \
	} while (0)

	PUT("%s %s %zu %zu", features, a->hwhandler[0] ? a->hwhandler : "0",
	    m->n_groups, map_initial_group(m));
	for (i = 0; i < m->n_groups; i++) {
		const struct pgroup *g = &m->groups[i];

		PUT(" %s%s %zu 1", a->selector, selector_args(a->selector), g->n);
		for (k = g->first; k < g->first + g->n; k++) {
			const struct member *mb = &m->members[k];

			PUT(" %u:%u %d", mb->path->major, mb->path->minor,
			    repeat_count(a, mb->prio));
		}
	}
#undef PUT
	return off;
}

char *map_table(const struct map *m, int queueing)
{
	size_t len = format(m, queueing, NULL, 0) + 1;
	char *buf = malloc(len);

	if (buf)
		format(m, queueing, buf, len);
	return buf;
}
