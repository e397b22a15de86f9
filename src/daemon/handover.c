/* The hand-over decisions (see handover.h). */
#include "daemon/handover.h"

#include <string.h>

enum find_multipaths ho_multipathd_find(const struct config *cfg)
{
	const struct cfg_origin *o = &cfg->gfrom[CG_FIND_MULTIPATHS];

	/* mpboot's own default (on) and mpboot.find= are not multipathd's */
	if (!o->file || !strcmp(o->file, "built-in") ||
	    !strcmp(o->file, "cmdline"))
		return FIND_STRICT;
	return cfg->find_multipaths;
}

int ho_refused(enum find_multipaths find, const struct wwids *w,
	       const char *wwid)
{
	return find == FIND_STRICT && !wwids_contains(w, wwid);
}

static const struct mpd_path *find_path(const struct ho_view *v,
					const char *dev)
{
	size_t i;

	for (i = 0; i < v->n_paths; i++)
		if (!strcmp(v->paths[i].dev, dev))
			return &v->paths[i];
	return NULL;
}

static int checked(const struct mpd_path *p, const char *wwid)
{
	return p && !strcmp(p->wwid, wwid) && p->dm != MPD_DM_UNDEF &&
	       p->chk != MPD_CHK_UNDEF;
}

enum ho_state ho_map_state(const struct ho_map *m, const struct ho_view *v)
{
	size_t i;

	for (i = 0; i < v->n_maps; i++)
		if (!strcmp(v->maps[i].wwid, m->wwid))
			break;
	if (i == v->n_maps)
		return HO_UNLISTED;
	if (v->daemon != MPD_DAEMON_READY)
		return HO_UNCHECKED;
	for (i = 0; i < m->n_paths; i++)
		if (!checked(find_path(v, m->paths[i]), m->wwid))
			return HO_UNCHECKED;
	return HO_TAKEN;
}

int ho_may_exit(enum handover_mode mode, const struct ho_view *v,
		const enum ho_state *states, size_t n)
{
	size_t i;

	if (mode == HANDOVER_NEVER || v->daemon != MPD_DAEMON_READY)
		return 0;
	if (mode == HANDOVER_ALWAYS)
		return 1;
	for (i = 0; i < n; i++)
		if (states[i] != HO_TAKEN)
			return 0;
	return 1;
}
