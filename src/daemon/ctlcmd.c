/* What the control socket's commands do in the daemon (the handler given
 * to ctlsrv): the show commands print the daemon's view, the others call
 * daemon.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"
#include "daemon/daemon.h"
#include "util/json.h"

static const char *kname(enum ps_kstate k)
{
	return k == PK_ACTIVE ? "A" : k == PK_FAILED ? "F" : "?";
}

static const char *queueing_text(const struct st_map *m)
{
	return m->ms.queueing ? (m->ms.retry_until ? "queueing (counting)" :
				  "queueing") : "failing";
}

/* Seconds until the path's next check, -1 while one runs. */
static long long next_in(const struct ps_path *p, long long now)
{
	if (p->due == PS_NEVER)
		return -1;
	return p->due > now ? p->due - now : 0;
}

static void path_line(struct ctl_out *o, const struct st_map *m,
		      const struct st_path *sp, const struct ps_path *pp,
		      long long now)
{
	char hctl[64];

	snprintf(hctl, sizeof(hctl), "%d:%d:%d:%llu", sp->host, sp->channel,
		 sp->target, sp->lun);
	ctl_out_printf(o, "%-20s %-8s %-12s %3u:%-5u %-12s %-8s %-2s %-5u %-4lld %d\n",
		       m->name, sp->dev, hctl, sp->major, sp->minor,
		       chk_kind_name(sp->kind), chk_state_name(pp->state),
		       kname(sp->kstate), pp->group, next_in(pp, now),
		       pp->interval);
}

static void path_json(struct json *j, const struct st_map *m,
		      const struct st_path *sp, const struct ps_path *pp,
		      long long now)
{
	char hctl[64], devt[24];

	snprintf(hctl, sizeof(hctl), "%d:%d:%d:%llu", sp->host, sp->channel,
		 sp->target, sp->lun);
	snprintf(devt, sizeof(devt), "%u:%u", sp->major, sp->minor);
	json_begin_object(j);
	json_key(j, "map"); json_string(j, m->name);
	json_key(j, "dev"); json_string(j, sp->dev);
	json_key(j, "hctl"); json_string(j, hctl);
	json_key(j, "devt"); json_string(j, devt);
	json_key(j, "checker"); json_string(j, chk_kind_name(sp->kind));
	json_key(j, "state"); json_string(j, chk_state_name(pp->state));
	json_key(j, "dm_state"); json_string(j, kname(sp->kstate));
	json_key(j, "group"); json_uint(j, pp->group);
	json_key(j, "prio"); json_int(j, pp->prio);
	json_key(j, "next_check"); json_int(j, next_in(pp, now));
	json_key(j, "interval"); json_int(j, pp->interval);
	json_key(j, "failures"); json_int(j, pp->failures);
	json_end_object(j);
}

static void map_json(struct json *j, struct dmn *d, const struct st_map *m,
		     long long now, int with_paths)
{
	unsigned i, usable = 0;

	for (i = 0; i < m->ms.n_paths; i++)
		usable += ps_good(m->ms.paths[i].state);
	json_begin_object(j);
	json_key(j, "name"); json_string(j, m->name);
	json_key(j, "uuid"); json_string(j, m->uuid);
	json_key(j, "paths"); json_uint(j, m->ms.n_paths);
	json_key(j, "usable"); json_uint(j, usable);
	json_key(j, "groups"); json_uint(j, m->ms.n_groups);
	json_key(j, "group"); json_uint(j, m->ms.cur_group);
	json_key(j, "queueing"); json_string(j, queueing_text(m));
	if (with_paths) {
		json_key(j, "path_list");
		json_begin_array(j);
		for (i = 0; i < m->ms.n_paths; i++)
			path_json(j, m, &d->st.sp[m->first + i],
				  &m->ms.paths[i], now);
		json_end_array(j);
	}
	json_end_object(j);
}

static void map_line(struct ctl_out *o, const struct st_map *m)
{
	unsigned i, usable = 0;

	for (i = 0; i < m->ms.n_paths; i++)
		usable += ps_good(m->ms.paths[i].state);
	ctl_out_printf(o, "%-20s %-40s %-5u %-6u %u/%-4u %s\n", m->name,
		       m->uuid + 6, m->ms.n_paths, usable, m->ms.cur_group,
		       m->ms.n_groups, queueing_text(m));
}

static const char paths_head[] =
	"map                  dev      hctl         dev_t     checker      "
	"state    dm group next interval\n";
static const char maps_head[] =
	"name                 wwid                                     paths "
	"usable group  queueing\n";

/* show paths, show maps, show map NAME. */
static int show(struct dmn *d, const struct ctl_req *r, struct ctl_out *o)
{
	long long now = d->now_ms / 1000;
	struct st_map *one = NULL;
	struct json j;
	unsigned k, i;
	FILE *f;

	if (r->verb == CTL_SHOW_MAP && !(one = st_find_map(&d->st, r->name))) {
		ctl_out_printf(o, "no such map: %s\n", r->name);
		return 1;
	}
	if (r->json) {
		f = ctl_out_file(o);
		if (!f)
			return -ENOMEM;
		json_init(&j, f);
		if (one) {
			map_json(&j, d, one, now, 1);
		} else {
			json_begin_array(&j);
			for (k = 0; k < d->st.n_maps; k++) {
				struct st_map *m = &d->st.maps[k];

				if (r->verb == CTL_SHOW_MAPS)
					map_json(&j, d, m, now, 0);
				else
					for (i = 0; i < m->ms.n_paths; i++)
						path_json(&j, m,
							  &d->st.sp[m->first + i],
							  &m->ms.paths[i], now);
			}
			json_end_array(&j);
		}
		json_end(&j);
		fflush(f);
		return 0;
	}
	if (r->verb == CTL_SHOW_MAPS) {
		ctl_out_printf(o, "%s", maps_head);
		for (k = 0; k < d->st.n_maps; k++)
			map_line(o, &d->st.maps[k]);
		return 0;
	}
	if (one) {
		ctl_out_printf(o, "%s", maps_head);
		map_line(o, one);
	}
	ctl_out_printf(o, "%s", paths_head);
	for (k = 0; k < d->st.n_maps; k++) {
		struct st_map *m = &d->st.maps[k];

		if (one && m != one)
			continue;
		for (i = 0; i < m->ms.n_paths; i++)
			path_line(o, m, &d->st.sp[m->first + i],
				  &m->ms.paths[i], now);
	}
	return 0;
}

/* The exit code for a command's result, said in the reply. */
static int done(struct ctl_out *o, const struct ctl_req *r, int rc)
{
	if (!rc) {
		ctl_out_printf(o, "ok\n");
		return 0;
	}
	if (rc == -ENOENT)
		ctl_out_printf(o, "%s: no such %s\n", r->name,
			       r->verb == CTL_FAIL_PATH ||
			       r->verb == CTL_REINSTATE_PATH ? "path" : "map");
	else if (rc == -EINVAL)
		ctl_out_printf(o, "%s: no group %d\n", r->name, r->group);
	else
		ctl_out_printf(o, "%s failed: %s (see the daemon's log)\n",
			       ctl_verb_name(r->verb), strerror(-rc));
	return 1;
}

int dmn_ctl(void *ctx, const struct ctl_req *r, struct ctl_out *o)
{
	struct dmn *d = ctx;
	char *text;

	switch (r->verb) {
	case CTL_SHOW_PATHS:
	case CTL_SHOW_MAPS:
	case CTL_SHOW_MAP:
		return show(d, r, o);
	case CTL_SHOW_CONFIG:
		text = config_format(&d->env.cfg);
		if (!text)
			return -ENOMEM;
		ctl_out_printf(o, "%s", text);
		free(text);
		return 0;
	case CTL_FAIL_PATH:
		return done(o, r, dmn_fail_path(d, r->name));
	case CTL_REINSTATE_PATH:
		return done(o, r, dmn_reinstate_path(d, r->name));
	case CTL_SWITCHGROUP:
		return done(o, r, dmn_switch_group(d, r->name,
						   (unsigned)r->group));
	case CTL_DISABLEQUEUEING:
	case CTL_RESTOREQUEUEING:
		return done(o, r, dmn_queueing(d, r->all ? NULL : r->name,
					       r->verb == CTL_RESTOREQUEUEING));
	case CTL_RECONFIGURE:
		return done(o, r, dmn_sync(d, 1));
	case CTL_SHUTDOWN:
		d->stop = 1;
		return done(o, r, 0);
	}
	return 2;
}
