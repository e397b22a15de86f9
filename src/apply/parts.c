/* What to do with the partition maps of one map, given its partition
 * table and the running maps (pure). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply/apply.h"

static void decide_part(const struct apply_parent *parent, const struct part *p,
			const struct dmio_list *running, struct apply_part *out)
{
	memset(out, 0, sizeof(*out));
	out->part = p;
	/* A table pointing past the end would make a map that fails on I/O,
	 * or that device-mapper refuses. */
	if (p->start >= parent->size || p->size > parent->size - p->start) {
		out->kind = APPLY_PART_PAST_END;
		return;
	}
	if (kpartx_name(parent->name, parent->delim, p->partno, out->name,
			sizeof(out->name)) < 0 ||
	    kpartx_uuid(parent->uuid, p->partno, out->uuid,
			sizeof(out->uuid)) < 0) {
		out->kind = APPLY_PART_TOO_LONG;
		return;
	}
	/* On the running parent by its device number; a parent that does
	 * not exist yet (a dry run) by its node. */
	if (parent->dev)
		snprintf(out->params, sizeof(out->params), "%u:%u %llu",
			 parent->dev->major, parent->dev->minor, p->start);
	else
		snprintf(out->params, sizeof(out->params), "/dev/mapper/%s %llu",
			 parent->name, p->start);
	out->kind = APPLY_PART_MAP;
	out->want = (struct apply_want){
		.name = out->name, .uuid = out->uuid, .size = p->size,
		.target = "linear", .params = out->params,
	};
	apply_decide(&out->want, running, &out->step);
}

int apply_parts_decide(const struct apply_parent *parent,
		       const struct part_list *parts,
		       const struct dmio_list *running, struct apply_parts *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->v = calloc(parts->n + 1, sizeof(*out->v));
	out->stale = calloc(running->n + 1, sizeof(*out->stale));
	if (!out->v || !out->stale) {
		apply_parts_free(out);
		return -ENOMEM;
	}
	for (i = 0; i < parts->n; i++)
		decide_part(parent, &parts->v[i], running, &out->v[out->n++]);
	/* Partitions gone from the table lose their maps, unless something
	 * still holds them open. */
	for (i = 0; i < running->n; i++) {
		const struct dmio_dev *d = &running->v[i];
		int n = kpartx_uuid_partno(d->uuid, parent->uuid);

		if (n < 0 || part_list_has(parts, n))
			continue;
		out->stale[out->n_stale++] = (struct apply_stale){
			.dev = d, .partno = n, .keep = d->open_count > 0,
		};
	}
	return 0;
}

void apply_parts_free(struct apply_parts *p)
{
	free(p->v);
	free(p->stale);
	memset(p, 0, sizeof(*p));
}
