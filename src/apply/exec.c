/* Doing what decide.c and parts.c say, through device-mapper: the only
 * part of apply/ that changes kernel state. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply/apply.h"
#include "log.h"

int apply_map(const struct apply_want *w, const struct dmio_list *running,
	      const char **action, struct dmio_dev *out)
{
	struct apply_step s;
	const char *use = w->name;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	apply_decide(w, running, &s);
	if (s.action == APPLY_REFUSE) {
		log_err("%s: the name is taken by a map with UUID '%s': not "
			"creating %s", w->name, s.holder->uuid, w->uuid);
		return -EEXIST;
	}
	if (s.action == APPLY_CREATE) {
		*action = "create";
		rc = dmio_create(w->name, w->uuid, w->size, w->target,
				 w->params);
	} else {
		use = s.cur->name;
		if (s.holder)
			log_warn("%s: name %s is taken by '%s': keeping the "
				 "name %s", w->uuid, w->name, s.holder->uuid,
				 s.cur->name);
		else if (s.rename && dmio_rename(s.cur->name, w->name) == 0)
			use = w->name;
		if (s.action == APPLY_UNCHANGED) {
			*action = use == w->name && s.rename ? "rename" :
				  "unchanged";
		} else {
			*action = "reload";
			rc = dmio_reload(use, w->size, w->target, w->params,
					 s.flush);
		}
	}
	if (rc)
		return rc;
	snprintf(out->name, sizeof(out->name), "%s", use);
	return dmio_get(out);
}

size_t apply_parts(struct apply_parts *p, const struct apply_parent *parent,
		   const struct dmio_list *running, int change)
{
	struct dmio_dev made;
	const char *action;
	size_t i, failed = 0;

	for (i = 0; i < p->n; i++) {
		struct apply_part *a = &p->v[i];

		if (a->kind == APPLY_PART_PAST_END)
			log_warn("%s: partition %d (start %llu, %llu sectors) "
				 "runs past the end of the map (%llu sectors): "
				 "not mapped", parent->name, a->part->partno,
				 a->part->start, a->part->size, parent->size);
		if (a->kind == APPLY_PART_TOO_LONG) {
			log_err("%s: partition %d: its map name or UUID would "
				"pass device-mapper's limits", parent->name,
				a->part->partno);
			failed++;
		}
		if (a->kind != APPLY_PART_MAP || !change)
			continue;
		if (apply_map(&a->want, running, &action, &made)) {
			failed++;
			continue;
		}
		if (strcmp(action, "unchanged"))
			log_info("%s: %s", made.name, action);
		snprintf(a->made, sizeof(a->made), "%s", made.name);
		free(made.params);
	}
	for (i = 0; change && i < p->n_stale; i++) {
		const struct apply_stale *s = &p->stale[i];

		if (s->keep)
			log_warn("%s: partition %d is gone from the table but "
				 "%s is open: left in place", parent->name,
				 s->partno, s->dev->name);
		else if (dmio_remove(s->dev->name) == 0)
			log_info("%s: removed stale partition map %s",
				 parent->name, s->dev->name);
	}
	return failed;
}
