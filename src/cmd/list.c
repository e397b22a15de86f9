/* mpboot list [MAP|DEV] [--json]: the maps as the kernel runs them, like
 * `multipath -ll`: groups with their selector, priority and state, paths
 * with H:C:T:L, device, dm state and device state. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/ctl.h"
#include "cmd/env.h"
#include "cmd/list.h"
#include "ctl/ctl.h"
#include "dm/dmio.h"
#include "dm/map.h"
#include "dm/status.h"
#include "log.h"
#include "util/json.h"

struct shown {
	const struct dmio_dev *d;
	struct mpt table, status;
	/* per table path and group, malloc'd by load() */
	const struct path **paths;	/* NULL: not scanned */
	int *prio;
	int *group_prio;
};

static void shown_free(struct shown *s)
{
	mpt_free(&s->table);
	mpt_free(&s->status);
	free(s->paths);
	free(s->prio);
	free(s->group_prio);
	memset(s, 0, sizeof(*s));
}

static int load(const struct mpb_env *e, const struct dmio_dev *d,
		list_prio_fn prio, void *prio_ctx, struct shown *s)
{
	char *status = NULL;
	size_t g, k;
	int rc;

	memset(s, 0, sizeof(*s));
	s->d = d;
	if (mpt_parse_table(d->params, &s->table)) {
		log_err("%s: cannot parse its table '%s'", d->name, d->params);
		return -EINVAL;
	}
	rc = dmio_status(d->name, &status);
	if (!rc && mpt_parse_status(status, &s->status)) {
		log_err("%s: cannot parse its status '%s'", d->name, status);
		rc = -EINVAL;
	}
	free(status);
	if (!rc && (s->status.n_groups != s->table.n_groups ||
		    s->status.n_paths != s->table.n_paths)) {
		log_err("%s: its status does not match its table", d->name);
		rc = -EINVAL;
	}
	if (!rc) {
		s->paths = calloc(s->table.n_paths + 1, sizeof(*s->paths));
		s->prio = calloc(s->table.n_paths + 1, sizeof(*s->prio));
		s->group_prio = calloc(s->table.n_groups + 1,
				       sizeof(*s->group_prio));
		if (!s->paths || !s->prio || !s->group_prio)
			rc = -ENOMEM;
	}
	if (rc) {
		shown_free(s);
		return rc;
	}
	for (g = 0; g < s->table.n_groups; g++) {
		const struct mpt_group *grp = &s->table.groups[g];
		long long sum = 0;
		size_t usable = 0;

		for (k = grp->first; k < grp->first + grp->n; k++) {
			const struct path *p = path_list_find(&e->paths,
				s->table.paths[k].major, s->table.paths[k].minor);
			struct mp_attrs a;

			s->paths[k] = p;
			if (!p)
				continue;
			config_resolve(&e->cfg, p, &a);
			s->prio[k] = prio(prio_ctx, &a, p);
			if (path_usable(p) && s->status.paths[k].active) {
				sum += s->prio[k];
				usable++;
			}
		}
		s->group_prio[g] = prio_average(sum, usable);
	}
	return 0;
}

static const char *group_state(char c)
{
	return c == 'A' ? "active" : c == 'E' ? "enabled" : c == 'D' ?
		"disabled" : "unknown";
}

static void path_hctl(const struct path *p, char *buf, size_t len)
{
	if (p)
		snprintf(buf, len, "%d:%d:%d:%llu", p->host, p->channel,
			 p->target, p->lun);
	else
		snprintf(buf, len, "#:#:#:#");
}

/* The kernel's feature string, "0" or "<count> words...". */
static const char *features_text(const struct mpt *t, char *buf, size_t len)
{
	const char *w;
	int n = t->features[0] != '\0';

	for (w = t->features; *w; w++)
		n += *w == ' ';
	snprintf(buf, len, n ? "%d %s" : "0", n, t->features);
	return buf;
}

static const char *hwhandler_text(const struct mpt *t, char *buf, size_t len)
{
	snprintf(buf, len, t->hwhandler[0] ? "1 %s" : "0", t->hwhandler);
	return buf;
}

static void print_text(FILE *f, const struct shown *s)
{
	char features[300], hw[48];
	const struct path *p0 = s->table.n_paths ? s->paths[0] : NULL;
	double size = s->d->size / 2.0;
	const char *unit = "KMGTP";
	size_t g, k;

	while (size >= 1024 && unit[1]) {
		size /= 1024;
		unit++;
	}
	fprintf(f, "%s (%s) dm-%u %s,%s\n", s->d->name, s->d->uuid + 6,
		s->d->minor, p0 ? p0->vendor : "", p0 ? p0->model : "");
	fprintf(f, "size=%.1f%c features='%s' hwhandler='%s'\n", size, *unit,
		features_text(&s->table, features, sizeof(features)),
		hwhandler_text(&s->table, hw, sizeof(hw)));
	for (g = 0; g < s->table.n_groups; g++) {
		const struct mpt_group *grp = &s->table.groups[g];
		int last_g = g + 1 == s->table.n_groups;

		fprintf(f, "%s policy='%s' prio=%d status=%s\n",
			last_g ? "`-+-" : "|-+-", grp->selector,
			s->group_prio[g], group_state(s->status.groups[g].state));
		for (k = grp->first; k < grp->first + grp->n; k++) {
			const struct path *p = s->paths[k];
			char hctl[48];

			path_hctl(p, hctl, sizeof(hctl));
			fprintf(f, "%s %s %s %s %u:%u %s %s\n",
				last_g ? " " : "|",
				k + 1 == grp->first + grp->n ? "`-" : "|-",
				hctl,
				p ? p->dev : "?", s->table.paths[k].major,
				s->table.paths[k].minor,
				s->status.paths[k].active ? "active" : "failed",
				p ? p->state : "missing");
		}
	}
}

static void print_json(struct json *j, const struct shown *s)
{
	const struct path *p0 = s->table.n_paths ? s->paths[0] : NULL;
	char features[300], hw[48];
	size_t g, k;

	json_begin_object(j);
	json_key(j, "name"); json_string(j, s->d->name);
	json_key(j, "wwid"); json_string(j, s->d->uuid + 6);
	json_key(j, "uuid"); json_string(j, s->d->uuid);
	json_key(j, "dm"); json_uint(j, s->d->minor);
	json_key(j, "vendor"); json_string(j, p0 ? p0->vendor : "");
	json_key(j, "product"); json_string(j, p0 ? p0->model : "");
	json_key(j, "sectors"); json_uint(j, s->d->size);
	json_key(j, "features");
	json_string(j, features_text(&s->table, features, sizeof(features)));
	json_key(j, "hwhandler");
	json_string(j, hwhandler_text(&s->table, hw, sizeof(hw)));
	json_key(j, "groups");
	json_begin_array(j);
	for (g = 0; g < s->table.n_groups; g++) {
		const struct mpt_group *grp = &s->table.groups[g];

		json_begin_object(j);
		json_key(j, "selector"); json_string(j, grp->selector);
		json_key(j, "prio"); json_int(j, s->group_prio[g]);
		json_key(j, "status");
		json_string(j, group_state(s->status.groups[g].state));
		json_key(j, "paths");
		json_begin_array(j);
		for (k = grp->first; k < grp->first + grp->n; k++) {
			const struct path *p = s->paths[k];
			char hctl[48], devt[24];

			path_hctl(p, hctl, sizeof(hctl));
			snprintf(devt, sizeof(devt), "%u:%u",
				 s->table.paths[k].major, s->table.paths[k].minor);
			json_begin_object(j);
			json_key(j, "hctl"); json_string(j, hctl);
			json_key(j, "dev"); json_string(j, p ? p->dev : "");
			json_key(j, "devt"); json_string(j, devt);
			json_key(j, "dm_state");
			json_string(j, s->status.paths[k].active ? "active" : "failed");
			json_key(j, "dev_state"); json_string(j, p ? p->state : "");
			json_key(j, "prio"); json_int(j, s->prio[k]);
			json_end_object(j);
		}
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

int list_print_map(const struct mpb_env *e, const struct dmio_dev *d,
		   list_prio_fn prio, void *prio_ctx, FILE *f, struct json *j)
{
	struct shown s;
	int rc = load(e, d, prio, prio_ctx, &s);

	if (rc)
		return rc;
	if (j)
		print_json(j, &s);
	else
		print_text(f, &s);
	shown_free(&s);
	return 0;
}

/* mpboot list asks each path's prioritizer. */
static int device_prio(void *ctx, const struct mp_attrs *a,
		       const struct path *p)
{
	return env_path_prio(ctx, a, p);
}

/* With a daemon running, priorities come from it (daemon_view): no
 * prioritizer is asked, since one on a hung path would hang the command.
 * A map the daemon cannot show is printed without them. */
static int no_prio(void *ctx, const struct mp_attrs *a, const struct path *p)
{
	(void)ctx;
	(void)a;
	(void)p;
	return -1;
}

/* Map name as the running daemon shows it (`mpboot ctl show map NAME`:
 * this layout, then the daemon's view of its paths). 0, or -1 when the
 * daemon could not say. */
static int daemon_view(const char *name)
{
	char req[CTL_NAME_MAX + 16], *body;
	size_t len, body_len;
	int n = snprintf(req, sizeof(req), "show map %s\n", name), code;
	struct ctl_req parsed;

	if (n < 0 || (size_t)n >= sizeof(req) ||
	    ctl_parse(req, (size_t)n, &parsed))
		return -1;	/* a name the protocol cannot carry */
	len = (size_t)n;
	code = ctl_ask(req, len, 10, &body, &body_len);
	if (code < 0)
		return -1;
	if (!code)
		fwrite(body, 1, body_len, stdout);
	free(body);
	return code ? -1 : 0;
}

/* Whether map d is what `which` names: the map's name, or one of its path
 * devices ("sdb" or "/dev/sdb"). */
static int selected(const struct mpb_env *e, const struct dmio_dev *d,
		    const struct mpt *t, const char *which)
{
	size_t i;

	if (!which || !strcmp(d->name, which))
		return 1;
	if (!strncmp(which, "/dev/", 5))
		which += 5;
	for (i = 0; i < t->n_paths; i++) {
		const struct path *p = path_list_find(&e->paths,
						      t->paths[i].major,
						      t->paths[i].minor);

		if (p && !strcmp(p->dev, which))
			return 1;
	}
	return 0;
}

int cmd_list(const struct mpb_opts *o, int argc, char **argv)
{
	struct mpb_env e;
	struct dmio_list l = { 0 };
	struct shown s;
	const char *which = NULL;
	struct json j;
	int as_json = 0, rc, found = 0, daemon, i;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			as_json = 1;
		else if (argv[i][0] != '-' && !which)
			which = argv[i];
		else {
			fprintf(stderr, "usage: mpboot list [MAP|DEV] [--json]\n");
			return 2;
		}
	}
	rc = env_open(o, &e);
	if (rc)
		goto out;
	if (dmio_init(o->dev)) {
		rc = 2;
		goto out;
	}
	if (dmio_list_all(&l)) {
		log_err("cannot list device-mapper maps");
		rc = 1;
		goto out;
	}
	/* --json stays the kernel's view: its shape is a contract */
	daemon = !as_json && ctl_daemon_listening();
	if (as_json) {
		json_init(&j, stdout);
		json_begin_array(&j);
	}
	for (k = 0; k < l.n; k++) {
		const struct dmio_dev *d = &l.v[k];

		if (strncmp(d->uuid, "mpath-", 6) || strcmp(d->target, "multipath"))
			continue;
		if (load(&e, d, daemon ? no_prio : device_prio, &e, &s)) {
			rc = 1;
			continue;
		}
		if (selected(&e, d, &s.table, which)) {
			found++;
			if (as_json)
				print_json(&j, &s);
			else if (!daemon || daemon_view(d->name))
				print_text(stdout, &s);
		}
		shown_free(&s);
	}
	if (as_json) {
		json_end_array(&j);
		json_end(&j);
	}
	if (which && !found) {
		log_err("%s: no multipath map of that name, and no map has "
			"that path", which);
		rc = 1;
	}
out:
	dmio_list_free(&l);
	env_close(&e);
	return rc;
}
