/* What the control socket's commands do in the daemon (the handler given
 * to ctlsrv; daemon.c serves the socket in its loop). The show commands
 * read the daemon's state (show map also the kernel's table and status,
 * in `mpboot list`'s layout); the others call daemon.c's functions. The
 * protocol and the connections are src/ctl's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/list.h"
#include "ctl/ctl.h"
#include "config/config.h"
#include "daemon/daemon.h"
#include "dm/dmio.h"
#include "log.h"
#include "util/json.h"

static long long now_s(const struct dmn *d)
{
	return d->now_ms / 1000;
}

static const char *kstate_name(enum ps_kstate k)
{
	return k == PK_ACTIVE ? "active" : k == PK_FAILED ? "failed" :
		"unknown";
}

static void path_hctl(const struct st_path *sp, char *buf, size_t len)
{
	if (sp->found)
		snprintf(buf, len, "%d:%d:%d:%llu", sp->host, sp->channel,
			 sp->target, sp->lun);
	else
		snprintf(buf, len, "#:#:#:#");
}

/* Seconds to the path's next check; -1 while one runs (or none is
 * planned). */
static long long next_check(const struct dmn *d, const struct ps_path *p,
			    const struct st_path *sp)
{
	if (sp->checking || p->due == PS_NEVER)
		return -1;
	return p->due > now_s(d) ? p->due - now_s(d) : 0;
}

static void no_path_retry_text(int v, char *buf, size_t len)
{
	if (v > 0)
		snprintf(buf, len, "%d", v);
	else
		snprintf(buf, len, "%s", v == NO_PATH_RETRY_QUEUE ? "queue" :
			 "fail");
}

static void failback_text(int v, char *buf, size_t len)
{
	if (v > 0)
		snprintf(buf, len, "%d", v);
	else
		snprintf(buf, len, "%s", v == FAILBACK_IMMEDIATE ? "immediate" :
			 v == FAILBACK_FOLLOWOVER ? "followover" : "manual");
}

/* "on", "off", or "on, fails in 12 s" while no_path_retry counts down. */
static void queueing_text(const struct dmn *d, const struct st_map *m,
			  char *buf, size_t len)
{
	if (m->ms.queueing && m->ms.retry_until)
		snprintf(buf, len, "on, fails in %lld s",
			 m->ms.retry_until > now_s(d) ?
			 m->ms.retry_until - now_s(d) : 0);
	else
		snprintf(buf, len, "%s", m->ms.queueing ? "on" : "off");
}

static unsigned usable_paths(const struct dmn *d, const struct st_map *m)
{
	unsigned i, n = 0;

	for (i = 0; i < m->ms.n_paths; i++)
		n += ps_good(d->st.ps[m->first + i].state);
	return n;
}

/* One path as JSON: the daemon's view of it. */
static void path_json(const struct dmn *d, struct json *j,
		      const struct st_map *m, unsigned idx)
{
	const struct ps_path *p = &d->st.ps[idx];
	const struct st_path *sp = &d->st.sp[idx];
	long long next = next_check(d, p, sp);
	char hctl[64];

	path_hctl(sp, hctl, sizeof(hctl));
	json_begin_object(j);
	json_key(j, "dev"); json_string(j, sp->dev);
	json_key(j, "hctl"); json_string(j, hctl);
	json_key(j, "map"); json_string(j, m->name);
	json_key(j, "group"); json_uint(j, p->group);
	json_key(j, "dm_state"); json_string(j, kstate_name(sp->kstate));
	json_key(j, "state"); json_string(j, chk_state_name(p->state));
	/* differs from state when the kernel failed the path since */
	json_key(j, "checked"); json_string(j, chk_state_name(p->chkr));
	json_key(j, "checker"); json_string(j, chk_kind_name(sp->kind));
	json_key(j, "checking"); json_int(j, sp->checking);
	json_key(j, "next_check_s");
	if (next < 0)
		json_null(j);
	else
		json_int(j, next);
	json_key(j, "interval_s"); json_int(j, p->interval);
	json_key(j, "prio"); json_int(j, p->prio);
	json_key(j, "failures"); json_int(j, p->failures);
	json_key(j, "held"); json_int(j, p->held);
	json_end_object(j);
}

/* show paths: one line per path of every map, columns as wide as their
 * longest entry. */
static int show_paths(struct dmn *d, const struct ctl_req *r,
		      struct ctl_out *out)
{
	int wdev = 3, whctl = 4, wmap = 3;
	unsigned k, i;
	struct json j;

	if (r->json) {
		json_init(&j, ctl_out_file(out));
		json_begin_array(&j);
		for (k = 0; k < d->st.n_maps; k++)
			for (i = 0; i < d->st.maps[k].ms.n_paths; i++)
				path_json(d, &j, &d->st.maps[k],
					  d->st.maps[k].first + i);
		json_end_array(&j);
		json_end(&j);
		return 0;
	}
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];

		if ((int)strlen(m->name) > wmap)
			wmap = (int)strlen(m->name);
		for (i = 0; i < m->ms.n_paths; i++) {
			const struct st_path *sp = &d->st.sp[m->first + i];
			char hctl[64];

			path_hctl(sp, hctl, sizeof(hctl));
			if ((int)strlen(sp->dev) > wdev)
				wdev = (int)strlen(sp->dev);
			if ((int)strlen(hctl) > whctl)
				whctl = (int)strlen(hctl);
		}
	}
	ctl_out_printf(out, "%-*s %-*s %-*s dm %-8s %-12s %-7s %s\n", wdev,
		       "dev", whctl, "hctl", wmap, "map", "state", "checker",
		       "next", "failures");
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];

		for (i = 0; i < m->ms.n_paths; i++) {
			unsigned idx = m->first + i;
			const struct ps_path *p = &d->st.ps[idx];
			const struct st_path *sp = &d->st.sp[idx];
			long long next = next_check(d, p, sp);
			char hctl[64], when[24];

			path_hctl(sp, hctl, sizeof(hctl));
			if (next < 0)
				snprintf(when, sizeof(when), "%s",
					 sp->checking ? "now" : "-");
			else
				snprintf(when, sizeof(when), "%llds", next);
			ctl_out_printf(out, "%-*s %-*s %-*s %c  %-8s %-12s "
				       "%-7s %d\n", wdev, sp->dev, whctl, hctl,
				       wmap, m->name,
				       sp->kstate == PK_ACTIVE ? 'A' :
				       sp->kstate == PK_FAILED ? 'F' : '?',
				       chk_state_name(p->state),
				       chk_kind_name(sp->kind), when,
				       p->failures);
		}
	}
	return 0;
}

/* A map's own settings and timers, as the daemon holds them. */
static void map_json_fields(const struct dmn *d, struct json *j,
			    const struct st_map *m)
{
	char npr[16], fb[16];

	no_path_retry_text(m->ms.no_path_retry, npr, sizeof(npr));
	failback_text(m->ms.failback, fb, sizeof(fb));
	json_key(j, "name"); json_string(j, m->name);
	json_key(j, "uuid"); json_string(j, m->uuid);
	json_key(j, "paths"); json_uint(j, m->ms.n_paths);
	json_key(j, "usable"); json_uint(j, usable_paths(d, m));
	json_key(j, "group"); json_uint(j, m->ms.cur_group);
	json_key(j, "groups"); json_uint(j, m->ms.n_groups);
	json_key(j, "queueing"); json_int(j, m->ms.queueing);
	json_key(j, "queueing_ends_in_s");
	if (m->ms.queueing && m->ms.retry_until)
		json_int(j, m->ms.retry_until > now_s(d) ?
			 m->ms.retry_until - now_s(d) : 0);
	else
		json_null(j);
	json_key(j, "no_path_retry"); json_string(j, npr);
	json_key(j, "failback"); json_string(j, fb);
	json_key(j, "polling_interval_s"); json_int(j, m->t.polling);
	json_key(j, "max_polling_interval_s"); json_int(j, m->t.max);
}

/* show maps: one line per map. */
static int show_maps(struct dmn *d, const struct ctl_req *r,
		     struct ctl_out *out)
{
	int wname = 4, wwwid = 4;
	unsigned k;
	struct json j;

	if (r->json) {
		json_init(&j, ctl_out_file(out));
		json_begin_array(&j);
		for (k = 0; k < d->st.n_maps; k++) {
			json_begin_object(&j);
			map_json_fields(d, &j, &d->st.maps[k]);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end(&j);
		return 0;
	}
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];

		if ((int)strlen(m->name) > wname)
			wname = (int)strlen(m->name);
		if ((int)strlen(m->uuid + 6) > wwwid)
			wwwid = (int)strlen(m->uuid + 6);
	}
	ctl_out_printf(out, "%-*s %-*s paths usable group queueing\n", wname,
		       "name", wwwid, "wwid");
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];
		char q[48], grp[24];

		queueing_text(d, m, q, sizeof(q));
		snprintf(grp, sizeof(grp), "%u/%u", m->ms.cur_group,
			 m->ms.n_groups);
		ctl_out_printf(out, "%-*s %-*s %5u %6u %-5s %s\n", wname,
			       m->name, wwwid, m->uuid + 6, m->ms.n_paths,
			       usable_paths(d, m), grp, q);
	}
	return 0;
}

/* list.c's priorities in show map are the ones the loop last read. */
static int known_prio(void *ctx, const struct mp_attrs *a,
		      const struct path *p)
{
	const struct dmn *d = ctx;
	unsigned i;

	(void)a;
	for (i = 0; i < d->st.n_paths; i++)
		if (d->st.sp[i].major == p->major &&
		    d->st.sp[i].minor == p->minor)
			return d->st.ps[i].prio;
	return -1;
}

/* show map NAME: `mpboot list NAME`, then the daemon's view of the map
 * and each path. */
static int show_map(struct dmn *d, const struct ctl_req *r,
		    struct ctl_out *out)
{
	const struct st_map *m = st_find_map(&d->st, r->name);
	const struct dmio_dev *v = NULL;
	struct mpb_env e = d->env;	/* its roots and configuration */
	struct dmio_list l;
	FILE *f = ctl_out_file(out);
	char npr[16], fb[16], q[48];
	struct json j;
	unsigned i;
	int rc;

	if (!m) {
		ctl_out_printf(out, "show map %s: no such map\n", r->name);
		return 1;
	}
	if (!f)
		return -ENOMEM;
	/* the daemon keeps no scan (drop_scan): list's layout names each
	 * path's vendor, product and state from a fresh one */
	rc = scan_paths(e.sysfd, e.devfd, &e.paths);
	if (rc)
		return rc;
	rc = dmio_list_all(&l);
	if (rc) {
		path_list_free(&e.paths);
		return rc;
	}
	v = dmio_find_uuid(&l, m->uuid);
	if (!v) {
		dmio_list_free(&l);
		path_list_free(&e.paths);
		ctl_out_printf(out, "show map %s: the map is no longer in "
			       "the kernel\n", r->name);
		return 1;
	}
	if (r->json) {
		json_init(&j, f);
		json_begin_object(&j);
		json_key(&j, "map");
		rc = list_print_map(&e, v, known_prio, d, f, &j);
		if (rc)
			json_null(&j);
		json_key(&j, "daemon");
		json_begin_object(&j);
		map_json_fields(d, &j, m);
		json_key(&j, "path_states");
		json_begin_array(&j);
		for (i = 0; i < m->ms.n_paths; i++)
			path_json(d, &j, m, m->first + i);
		json_end_array(&j);
		json_end_object(&j);
		json_end_object(&j);
		json_end(&j);
	} else {
		rc = list_print_map(&e, v, known_prio, d, f, NULL);
		fflush(f);
		no_path_retry_text(m->ms.no_path_retry, npr, sizeof(npr));
		failback_text(m->ms.failback, fb, sizeof(fb));
		queueing_text(d, m, q, sizeof(q));
		ctl_out_printf(out, "daemon: group %u/%u, queueing %s, "
			       "no_path_retry %s, failback %s, polling %d-%d "
			       "s\n", m->ms.cur_group, m->ms.n_groups, q, npr,
			       fb, m->t.polling, m->t.max);
		for (i = 0; i < m->ms.n_paths; i++) {
			const struct ps_path *p = &d->st.ps[m->first + i];
			const struct st_path *sp = &d->st.sp[m->first + i];
			long long next = next_check(d, p, sp);

			ctl_out_printf(out, "  %s %s %s", sp->dev,
				       chk_kind_name(sp->kind),
				       chk_state_name(p->state));
			if (next >= 0)
				ctl_out_printf(out, ", next check in %lld s",
					       next);
			else
				ctl_out_printf(out, ", %s", sp->checking ?
					       "checking" : "no check planned");
			ctl_out_printf(out, ", failures %d%s\n", p->failures,
				       p->held ? ", held back" : "");
		}
	}
	dmio_list_free(&l);
	path_list_free(&e.paths);
	if (rc)
		ctl_out_printf(out, "show map %s: cannot read its table or "
			       "status: %s\n", r->name, strerror(-rc));
	return rc ? 1 : 0;
}

static int show_config(struct dmn *d, struct ctl_out *out)
{
	char *text = config_format(&d->env.cfg);

	if (!text)
		return -ENOMEM;
	ctl_out_write(out, text, strlen(text));
	free(text);
	return 0;
}

/* The reply of a command that changed something: what happened, and the
 * exit code. */
static int done(struct ctl_out *out, const struct ctl_req *r, int rc,
		const char *what)
{
	const char *why = rc == -ENOENT ? "no such map or path" :
		rc == -EIO ? "the kernel refused it (see the log)" :
		strerror(-rc);

	if (rc) {
		ctl_out_printf(out, "%s %s: %s\n", ctl_verb_name(r->verb),
			       r->all ? "all" : r->name, why);
		return 1;
	}
	ctl_out_printf(out, "%s\n", what);
	return 0;
}

static int switch_group(struct dmn *d, const struct ctl_req *r,
			struct ctl_out *out)
{
	const struct st_map *m = st_find_map(&d->st, r->name);
	char what[CTL_NAME_MAX + 48];

	if (m && (unsigned)r->group > m->ms.n_groups) {
		ctl_out_printf(out, "switchgroup map %s %d: the map has %u "
			       "group%s\n", r->name, r->group, m->ms.n_groups,
			       m->ms.n_groups == 1 ? "" : "s");
		return 1;
	}
	snprintf(what, sizeof(what), "%s: switched to group %d", r->name,
		 r->group);
	return done(out, r, dmn_switch_group(d, r->name, (unsigned)r->group),
		    what);
}

static int queueing(struct dmn *d, const struct ctl_req *r,
		    struct ctl_out *out)
{
	int on = r->verb == CTL_RESTOREQUEUEING;
	char what[CTL_NAME_MAX + 48];

	snprintf(what, sizeof(what), "%s: queueing %s",
		 r->all ? "every map" : r->name, on ? "on" : "off");
	return done(out, r, dmn_queueing(d, r->all ? NULL : r->name, on),
		    what);
}

int dmn_ctl(void *ctx, const struct ctl_req *r, struct ctl_out *out)
{
	struct dmn *d = ctx;
	char what[CTL_NAME_MAX + 48];
	int rc;

	switch (r->verb) {
	case CTL_SHOW_PATHS:
		return show_paths(d, r, out);
	case CTL_SHOW_MAPS:
		return show_maps(d, r, out);
	case CTL_SHOW_MAP:
		return show_map(d, r, out);
	case CTL_SHOW_CONFIG:
		return show_config(d, out);
	case CTL_FAIL_PATH:
	case CTL_REINSTATE_PATH:
		rc = dmn_path_message(d, r->name, r->verb == CTL_FAIL_PATH);
		snprintf(what, sizeof(what), "%s: %s", r->name,
			 r->verb == CTL_FAIL_PATH ? "failed" : "reinstated");
		return done(out, r, rc, what);
	case CTL_SWITCHGROUP:
		return switch_group(d, r, out);
	case CTL_DISABLEQUEUEING:
	case CTL_RESTOREQUEUEING:
		return queueing(d, r, out);
	case CTL_RECONFIGURE:
		rc = dmn_sync(d, 1);
		snprintf(what, sizeof(what), "reconfigured: %u maps, %u paths",
			 d->st.n_maps, d->st.n_paths);
		return done(out, r, rc, what);
	case CTL_SHUTDOWN:
		d->stop = 1;
		ctl_out_printf(out, "shutting down\n");
		return 0;
	}
	return -EINVAL;
}
