/* What to do with one map, given the running maps (pure). */
#include <string.h>

#include "apply/apply.h"
#include "dm/status.h"

static int table_same(const struct apply_want *w, const struct dmio_dev *cur)
{
	if (strcmp(cur->target, w->target) || cur->size != w->size)
		return 0;
	/* The kernel reads a multipath table back with selector defaults
	 * added: compare what was asked for. */
	if (!strcmp(w->target, "multipath"))
		return mpt_table_same(w->params, cur->params);
	return !strcmp(cur->params, w->params);
}

void apply_decide(const struct apply_want *w, const struct dmio_list *running,
		  struct apply_step *out)
{
	const struct dmio_dev *cur = dmio_find_uuid(running, w->uuid);
	const struct dmio_dev *named = dmio_find_name(running, w->name);

	memset(out, 0, sizeof(*out));
	out->cur = cur;
	if (named != cur)
		out->holder = named;
	if (!cur) {
		out->action = named ? APPLY_REFUSE : APPLY_CREATE;
		return;
	}
	/* A running map keeps its name only when another map holds ours. */
	out->rename = strcmp(cur->name, w->name) && !named;
	if (table_same(w, cur)) {
		out->action = APPLY_UNCHANGED;
		return;
	}
	out->action = APPLY_RELOAD;
	out->flush = cur->size != w->size;
}
