/* mpboot --once / --dry-run: build (or show) every multipath map and its
 * partition maps, then exit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "apply/apply.h"
#include "cmd/env.h"
#include "cmd/once.h"
#include "dm/dmio.h"
#include "dm/held.h"
#include "dm/status.h"
#include "kpartx/kpartx.h"
#include "log.h"
#include "lvm/lvm.h"
#include "scan/transport.h"
#include "util/fs.h"

struct once {
	struct mpb_env *env;
	struct dmio_list dm;	/* maps as they were before we started */
	struct held_paths held;	/* the paths their multipath maps hold */
	const char *part_delim;	/* NULL: kpartx's default */
	int queueing;
	/* new friendly names of the maps built, bound at the end */
	struct binding *bind;
	size_t n_bind;
	/* what LVM must know: the maps and their partitions and members */
	struct lvm_map *lvm;
	size_t n_lvm;
	/* the assembly in steps (once_begin, once_step, once_end) */
	struct once_args args;
	struct plan plan;
	size_t next;		/* the plan's next map */
	size_t failed;
};

static char *dup_or_fail(const char *s, int *failed)
{
	char *d = strdup(s);

	if (!d)
		*failed = 1;
	return d;
}

/* Record map m, named name, for the LVM filter (x->lvm has room: one per
 * planned map). */
static int lvm_add_map(struct once *x, const struct map *m, const char *name,
		       const char *uuid)
{
	struct lvm_map *l = &x->lvm[x->n_lvm];
	const char **members = calloc(m->n_paths, sizeof(*members));
	int failed = !members;
	size_t i;

	/* every path of the LUN, also those left out of the map */
	for (i = 0; members && i < m->n_paths; i++)
		members[i] = m->paths[i]->dev;
	l->name = dup_or_fail(name, &failed);
	l->uuid = dup_or_fail(uuid, &failed);
	l->members = members;
	l->n_members = m->n_paths;
	x->n_lvm++;
	return failed ? -ENOMEM : 0;
}

/* Record a partition map of the map last added. */
static int lvm_add_part(struct once *x, const char *name, const char *uuid)
{
	struct lvm_map *l = &x->lvm[x->n_lvm - 1];
	const char **parts = realloc((void *)l->parts,
				     (l->n_parts + 1) * sizeof(*parts));
	const char **uuids = parts ? realloc((void *)l->part_uuids,
				     (l->n_parts + 1) * sizeof(*uuids)) : NULL;
	int failed = 0;

	if (parts)
		l->parts = parts;
	if (uuids)
		l->part_uuids = uuids;
	if (!parts || !uuids)
		return -ENOMEM;
	parts[l->n_parts] = dup_or_fail(name, &failed);
	uuids[l->n_parts] = dup_or_fail(uuid, &failed);
	l->n_parts++;
	return failed ? -ENOMEM : 0;
}

static void lvm_maps_free(struct once *x)
{
	size_t i, k;

	for (i = 0; i < x->n_lvm; i++) {
		struct lvm_map *l = &x->lvm[i];

		for (k = 0; k < l->n_parts; k++) {
			free((void *)l->parts[k]);
			free((void *)l->part_uuids[k]);
		}
		free((void *)l->parts);
		free((void *)l->part_uuids);
		free((void *)l->members);
		free((void *)l->name);
		free((void *)l->uuid);
	}
	free(x->lvm);
}

static const struct path *first_usable(const struct map *m)
{
	size_t i;

	for (i = 0; i < m->n_members; i++)
		if (path_usable(m->members[i].path))
			return m->members[i].path;
	return m->n_members ? m->members[0].path : NULL;
}

/* Whether the kernel has failed every path of the running map dev: then
 * a read from it waits for a path to come back, or fails. */
static int all_failed(const struct dmio_dev *dev)
{
	char *status;
	int failed;

	if (dmio_status(dev->name, &status))
		return 0;
	failed = mpt_status_all_failed(status);
	free(status);
	return failed;
}

/* A map the daemon adopts unchanged keeps the partition maps it has,
 * unread (decision 86): they are recorded for LVM as they run. Returns
 * how many, 0 when there are none (then the table is read), or -ENOMEM. */
static int kept_parts(struct once *x, const char *uuid)
{
	size_t i;
	int n = 0;

	for (i = 0; i < x->dm.n; i++) {
		const struct dmio_dev *d = &x->dm.v[i];

		if (kpartx_uuid_partno(d->uuid, uuid) < 0)
			continue;
		if (lvm_add_part(x, d->name, d->uuid))
			return -ENOMEM;
		n++;
	}
	return n;
}

/* Partition maps of m, named after name: the name the map has (the plan's,
 * or the one the kernel kept). In a dry run, or before the map exists, the
 * table is read from one of its paths; otherwise through the map itself.
 * Returns the number of partition maps, or -errno. */
static int partitions(struct once *x, const struct map *m, const char *name,
		      const char *uuid, const struct dmio_dev *dev)
{
	const struct apply_parent parent = {
		.name = name, .uuid = uuid, .size = m->size,
		.delim = x->part_delim, .dev = dev,
	};
	struct part_list parts;
	struct apply_parts todo;
	char rel[160];
	size_t i, failed;
	int rc;

	if (!path_usable(first_usable(m))) {
		/* Nothing can be read: keep whatever partition maps exist. */
		log_warn("%s: no usable path: partition maps left as they are",
			 name);
		return 0;
	}
	if (dev && all_failed(dev)) {
		log_warn("%s: every path failed in the kernel: the partition "
			 "table is not read (the read would wait for a path) "
			 "and the partition maps are left as they are", name);
		return 0;
	}
	if (dev)
		snprintf(rel, sizeof(rel), "mapper/%s", dev->name);
	else
		snprintf(rel, sizeof(rel), "%s", first_usable(m)->dev);
	rc = apply_parts_read(x->env->devfd, rel, (x->args.part_wait_s ?
			      x->args.part_wait_s : ONCE_PART_WAIT_S) * 1000,
			      &parent, &x->dm, &parts, &todo);
	if (rc)
		return rc;
	failed = apply_parts(&todo, &parent, &x->dm,
			     x->args.mode == ONCE_BUILD);
	for (i = 0; i < todo.n; i++) {
		const struct apply_part *p = &todo.v[i];

		if (p->kind != APPLY_PART_MAP)
			continue;
		if (x->args.mode == ONCE_DRY_RUN)
			printf("%s: 0 %llu linear %s\n", p->name, p->want.size,
			       p->params);
		if (x->args.mode == ONCE_BUILD && !p->made[0])
			continue;	/* not built: said in the log */
		if (lvm_add_part(x, x->args.mode == ONCE_BUILD ? p->made :
				 p->name, p->uuid))
			failed++;
	}
	rc = failed ? -EIO : (int)parts.n;
	apply_parts_free(&todo);
	part_list_free(&parts);
	return rc;
}

static void human_size(unsigned long long sectors, char *buf, size_t len)
{
	const char *unit = "KMGTP";
	double v = sectors / 2.0;

	while (v >= 1024 && unit[1]) {
		v /= 1024;
		unit++;
	}
	snprintf(buf, len, "%.1f%c", v, *unit);
}

/* Like multipath-tools setting up a map: the transport timeouts of every
 * path go to sysfs before the table is loaded (only logged in a dry run).
 * Failures are warnings: the map is still built. */
static void set_timeouts(struct once *x, const struct map *m)
{
	const struct tmo_settings s = {
		.fast_io_fail = m->attrs.fast_io_fail,
		.dev_loss = m->attrs.dev_loss,
		.eh_deadline = m->attrs.eh_deadline,
		.no_path_retry = m->attrs.no_path_retry,
		.checkint = x->env->cfg.polling_interval,
	};
	size_t i;

	for (i = 0; i < m->n_members; i++)
		transport_set_tmo(x->env->sysfd, m->members[i].path, &s,
				  x->args.mode != ONCE_BUILD);
}

/* Build one map and its partitions; print its summary line. */
static int assemble(struct once *x, const struct map *m)
{
	const struct path *p0 = m->members[0].path;
	const struct dmio_dev *cur;
	struct apply_want want;
	struct dmio_dev made;
	char uuid[300], *table, size[16];
	const char *action = "create";
	int rc, nparts = 0;

	snprintf(uuid, sizeof(uuid), "mpath-%s", m->wwid);
	table = map_table(m, x->queueing);
	if (!table)
		return -ENOMEM;
	if (x->args.mode != ONCE_LVM)
		set_timeouts(x, m);
	if (x->args.mode != ONCE_BUILD) {
		cur = dmio_find_uuid(&x->dm, uuid);
		if (x->args.mode == ONCE_DRY_RUN)
			printf("%s: 0 %llu multipath %s\n", m->name, m->size,
			       table);
		free(table);
		rc = lvm_add_map(x, m, m->name, uuid);
		if (!rc && !m->attrs.skip_kpartx)
			rc = partitions(x, m, m->name, uuid, cur);
		return rc < 0 ? rc : 0;
	}
	want = (struct apply_want){
		.name = m->name, .uuid = uuid, .size = m->size,
		.target = "multipath", .params = table,
	};
	rc = apply_map(&want, &x->dm, &action, &made);
	free(table);
	if (rc) {
		printf("failed: %s (%s): %s\n", m->name, m->wwid, strerror(-rc));
		return rc;
	}
	/* Children follow the name the map really has. */
	rc = lvm_add_map(x, m, made.name, uuid);
	if (!rc && !m->attrs.skip_kpartx && x->args.keep_parts &&
	    !strcmp(action, "unchanged"))
		nparts = kept_parts(x, uuid);
	if (!rc && !m->attrs.skip_kpartx && !nparts)
		nparts = partitions(x, m, made.name, uuid, &made);
	/* Like multipath, a new friendly name is bound once its map exists:
	 * a map that failed keeps no name another LUN may need. */
	if (m->new_binding) {
		x->bind[x->n_bind].alias = (char *)m->name;
		x->bind[x->n_bind++].wwid = (char *)m->wwid;
	}
	human_size(m->size, size, sizeof(size));
	printf("%s: %s (%s) dm-%u %s,%s size=%s paths=%zu groups=%zu "
	       "partitions=%d\n", action, made.name, m->wwid, made.minor,
	       p0->vendor, p0->model, size, m->n_members, m->n_groups,
	       nparts < 0 ? 0 : nparts);
	free(made.params);
	return rc ? rc : nparts < 0 ? nparts : 0;
}

static int edit_lvm_conf(void *ctx, const char *cur, size_t len, char **out)
{
	const char **args = ctx;	/* the file's name, the filter line */

	return lvm_conf_update(args[0], cur, len, args[1], out);
}

/* The file is edited where a symbolic link points (fs_update). */
static int write_lvm_conf(const char *path, const char *filter)
{
	const char *args[2] = { path, filter };
	int rc = fs_update(AT_FDCWD, path, FS_REPLACE, edit_lvm_conf, args);

	if (rc && rc != -EINVAL)	/* lvm_conf_update said why */
		log_err("%s: cannot write: %s", path, fs_strerror(rc));
	else if (!rc)
		log_info("%s: global_filter updated", path);
	return rc;
}

/* Like multipath, remember what was built: new friendly names in the
 * bindings file, so names stay the same next boot whatever order the paths
 * appear in, and the WWIDs in the wwids file, each appended under
 * multipath's lock. Not in an initramfs, whose /etc is gone at
 * switch_root: there the files are read-only input. A root mounted
 * read-only keeps them for later (once_save_pending). */
static void save_state(struct once *x)
{
	struct mpb_env *e = x->env;
	size_t i, n_wwids_before = e->wwids.n;
	unsigned pending = e->save_pending;
	int bound;

	if (!faccessat(e->rootfd, "etc/initrd-release", F_OK, 0))
		return;
	for (i = 0; i < x->n_lvm; i++)
		wwids_add(&e->wwids, x->lvm[i].uuid + 6);
	bound = bindings_set(&e->bindings, x->bind, x->n_bind);
	if (bound < 0)
		log_warn("cannot bind new names: %s", strerror(-bound));
	if (bound > 0)
		e->save_pending |= ENV_SAVE_BINDINGS;
	if (e->wwids.n > n_wwids_before)
		e->save_pending |= ENV_SAVE_WWIDS;
	once_save_pending(e, e->save_pending != pending);
}

void once_save_pending(struct mpb_env *e, int new)
{
	unsigned p = e->save_pending;
	struct statvfs sv;
	char what[520];	/* two file names and " and " */

	if (!p)
		return;
	snprintf(what, sizeof(what), "%s%s%s",
		 p & ENV_SAVE_BINDINGS ? e->cfg.bindings_file : "",
		 p == (ENV_SAVE_BINDINGS | ENV_SAVE_WWIDS) ? " and " : "",
		 p & ENV_SAVE_WWIDS ? e->cfg.wwids_file : "");
	if (!fstatvfs(e->rootfd, &sv) && (sv.f_flag & ST_RDONLY)) {
		if (new)
			log_info("the root is read-only: what is new for %s "
				 "is written when it is writable", what);
		return;
	}
	if (!new)
		log_info("the root is writable: writing %s", what);
	if (p & ENV_SAVE_BINDINGS)
		bindings_save(&e->bindings, e->rootfd, e->cfg.bindings_file);
	if (p & ENV_SAVE_WWIDS)
		wwids_save(&e->wwids, e->rootfd, e->cfg.wwids_file);
	e->save_pending = 0;
}

/* Print or write what LVM needs. An entry that could not be written
 * (said in the log) makes it fail after the rest is out: the filter still
 * keeps LVM off every other member path. */
static int lvm_output(struct once *x, const struct once_args *a)
{
	char *filter = NULL, *devices = NULL;
	int left_out = lvm_filter_format(x->lvm, x->n_lvm, &filter);
	int n = 0, rc = 0;

	if (left_out < 0) {
		rc = left_out;
		goto out;
	}
	if (a->mode == ONCE_LVM) {
		printf("%s\n", filter);
		if (a->devices_file) {
			n = lvm_devices_file_format(x->lvm, x->n_lvm, &devices);
			if (n < 0) {
				rc = n;
				goto out;
			}
			fputs(devices, stdout);
		}
	}
	if (a->lvm_conf)
		rc = write_lvm_conf(a->lvm_conf, filter);
out:
	free(filter);
	free(devices);
	return rc ? rc : left_out + n;
}

/* --part-delim, else the environment's (decision 91): every command of
 * one root names partition maps as its udev rules' kpartx would, so that
 * neither renames what another made. NULL: kpartx's default. */
static const char *part_delim(const struct mpb_env *env,
			      const struct once_args *a)
{
	if (!a->part_delim)
		return kpartx_delim_name(&env->part_delim);
	return strcmp(a->part_delim, KPARTX_DELIM_DEFAULT) ? a->part_delim :
							      NULL;
}

static void once_free(struct once *x)
{
	lvm_maps_free(x);
	held_paths_free(&x->held);
	free(x->bind);
	dmio_list_free(&x->dm);
	plan_free(&x->plan);
	free(x);
}

struct once *once_begin(struct mpb_env *env, const struct once_args *a,
			int queueing, int *rc)
{
	struct once *x = calloc(1, sizeof(*x));

	*rc = 1;
	if (!x)
		return NULL;
	x->part_delim = part_delim(env, a);
	x->env = env;
	x->queueing = queueing;
	x->args = *a;
	/* Printing what would be done needs no device-mapper: without it
	 * there are simply no maps yet. */
	if (x->args.mode != ONCE_BUILD &&
	    faccessat(env->devfd, "mapper/control", F_OK, 0)) {
		log_info("no mapper/control: assuming no maps exist");
		*rc = 0;
	} else {
		*rc = dmio_list_all(&x->dm);
	}
	if (*rc && x->args.mode == ONCE_BUILD) {
		log_err("cannot list device-mapper maps (is dm-mod loaded?): %s",
			strerror(-*rc));
		goto fail;
	}
	if ((!*rc && held_paths_collect(&x->dm, &x->held)) ||
	    env_plan(env, &x->plan, &x->dm, &x->held, 1))
		goto fail;
	x->lvm = calloc(x->plan.n + 1, sizeof(*x->lvm));
	x->bind = calloc(x->plan.n + 1, sizeof(*x->bind));
	if (!x->lvm || !x->bind)
		goto fail;
	*rc = 0;
	return x;
fail:
	*rc = 1;
	once_free(x);
	return NULL;
}

int once_step(struct once *x)
{
	const char *wwid = x->args.wwid;

	for (; x->next < x->plan.n; x->next++) {
		const struct map *m = &x->plan.maps[x->next];
		int is_wwid = wwid && !strcmp(m->wwid, wwid);

		/* wwid's alone, or all the others */
		if (wwid && is_wwid == !!x->args.others)
			continue;
		if (assemble(x, m))
			x->failed++;
		x->next++;
		break;
	}
	return x->next < x->plan.n;
}

int once_end(struct once *x)
{
	struct mpb_env *env = x->env;
	size_t i, failed = x->failed + x->plan.failed;

	if (x->args.mode == ONCE_BUILD)
		save_state(x);
	if (env->paths.n_skipped && x->args.mode != ONCE_LVM) {
		printf("skipped:");
		for (i = 0; i < env->paths.n_skipped; i++)
			printf(" %s", env->paths.skipped[i]);
		printf(" (no usable WWID, or unreadable sysfs; -v 3 says why)\n");
	}
	if ((x->args.mode == ONCE_LVM || x->args.lvm_conf) &&
	    lvm_output(x, &x->args))
		failed++;
	once_free(x);
	return failed ? 1 : 0;
}

int once_assemble(struct mpb_env *env, const struct once_args *a,
		  int queueing)
{
	int rc;
	struct once *x = once_begin(env, a, queueing, &rc);

	if (!x)
		return rc;
	while (once_step(x))
		;
	return once_end(x);
}

int once_run(const struct mpb_opts *o, const struct once_args *a)
{
	struct mpb_env env;
	int rc;

	rc = env_open(o, &env);
	if (rc)
		goto out;
	if (env.cmdline.disabled) {
		log_warn("disabled on the kernel command line: nothing done");
		goto out;
	}
	if (dmio_init(o->dev)) {
		rc = 2;
		goto out;
	}
	/* With no daemon to reinstate paths, queueing I/O would hang forever
	 * once every path failed (multipath-tools' queue_without_daemon). */
	rc = once_assemble(&env, a, env.cfg.queue_without_daemon ||
			   env_daemon_running(env.rootfd));
out:
	env_close(&env);
	return rc;
}

static int usage(const char *cmd, const char *what)
{
	fprintf(stderr, "mpboot %s: %s\nTry 'mpboot --help'.\n", cmd, what);
	return 2;
}

/* Whether --part-delim's value cannot be used (then says why). */
static int bad_delim(const char *cmd, const char *value)
{
	struct kpartx_delim d;

	if (!value || !kpartx_delim_value(value, &d))
		return 0;
	fprintf(stderr, "mpboot %s: --part-delim '%s': at most %d characters, "
		"no '/', blank, quote, '$' or '%%', or default\n", cmd, value,
		KPARTX_DELIM_MAX);
	return 1;
}

int cmd_once(const struct mpb_opts *o, int argc, char **argv)
{
	struct once_args a = {
		.mode = strcmp(argv[0], "--dry-run") ? ONCE_BUILD : ONCE_DRY_RUN,
	};
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run"))
			a.mode = ONCE_DRY_RUN;
		else if (!strcmp(argv[i], "--once"))
			continue;
		else if (!strcmp(argv[i], "--part-delim") && i + 1 < argc)
			a.part_delim = argv[++i];
		else if (!strcmp(argv[i], "--lvm-conf") && i + 1 < argc)
			a.lvm_conf = argv[++i];
		else
			return usage(argv[0], "unknown option or missing value");
	}
	if (a.mode == ONCE_DRY_RUN && a.lvm_conf)
		return usage(argv[0], "--lvm-conf changes a file: not with --dry-run");
	if (bad_delim(argv[0], a.part_delim))
		return 2;
	return once_run(o, &a);
}

int cmd_lvm_filter(const struct mpb_opts *o, int argc, char **argv)
{
	struct once_args a = { .mode = ONCE_LVM };
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--devices-file"))
			a.devices_file = 1;
		else if (!strcmp(argv[i], "--part-delim") && i + 1 < argc)
			a.part_delim = argv[++i];
		else
			return usage(argv[0], "unknown option or missing value");
	}
	if (bad_delim(argv[0], a.part_delim))
		return 2;
	return once_run(o, &a);
}
