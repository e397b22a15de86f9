#include "cmd/env.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dm/prio.h"
#include "log.h"
#include "scan/sgio.h"
#include "util/fs.h"

static int open_root(const char *what, const char *path)
{
	int fd = fs_open_root(path);

	if (fd < 0)
		log_err("cannot open %s '%s': %s", what, path, strerror(-fd));
	return fd;
}

int env_open(const struct mpb_opts *o, struct mpb_env *e)
{
	memset(e, 0, sizeof(*e));
	e->sysfd = e->devfd = e->rootfd = -1;
	e->rootfd = open_root("root", o->root);
	e->devfd = open_root("device directory", o->dev);
	if (e->rootfd < 0 || e->devfd < 0)
		return 2;
	e->sysfd = open_root("sysfs", o->sysfs);
	if (e->sysfd < 0)
		return 1;
	return env_load(o, e);
}

/* The partition delimiter: the kernel command line's, else the root's
 * (decision 91). Returns 0 or -ENOMEM. */
static int env_part_delim(struct mpb_env *e)
{
	struct kpartx_delim *d = &e->part_delim;
	int r;

	memset(d, 0, sizeof(*d));
	if (e->cmdline.part_delim &&
	    !kpartx_delim_value(e->cmdline.part_delim, d)) {
		snprintf(d->source, sizeof(d->source),
			 "mpboot.part_delim on the kernel command line");
		r = 0;
	} else {
		r = kpartx_root_delim(e->rootfd, d);
	}
	if (!r && d->kind != KPARTX_RULE_NONE)
		log_dbg("partition maps: delimiter %s (%s)",
			d->kind == KPARTX_RULE_DELIM ? d->delim :
			KPARTX_DELIM_DEFAULT, d->source);
	return r;
}

int env_load(const struct mpb_opts *o, struct mpb_env *e)
{
	int rc;

	if (cmdline_load(e->rootfd, &e->cmdline))
		return 1;
	if (o->verbosity < 0 && e->cmdline.verbosity >= 0)
		log_verbosity = e->cmdline.verbosity;

	if (config_load(&e->cfg, e->rootfd,
			o->config ? o->config : "etc/multipath.conf"))
		return 2;
	config_apply_cmdline(&e->cfg, &e->cmdline);
	if (o->verbosity < 0 && e->cmdline.verbosity < 0)
		log_verbosity = e->cfg.verbosity;
	/* Like the config file, these are found under --root. */
	wwids_load(&e->wwids, e->rootfd, e->cfg.wwids_file);
	bindings_load(&e->bindings, e->rootfd, e->cfg.bindings_file);
	if (env_part_delim(e))
		return 1;

	rc = scan_paths(e->sysfd, e->devfd, &e->paths);
	if (rc) {
		log_err("cannot scan '%s/block': %s", o->sysfs, strerror(-rc));
		return 1;
	}
	return 0;
}

/* Whether an abstract socket named name ("@...") listens, as listed in
 * <root>/proc/net/unix. */
static int socket_listed(int rootfd, const char *name)
{
	char *text, line[128];
	int found;

	if (fs_slurp(rootfd, "proc/net/unix", &text, NULL))
		return 0;
	snprintf(line, sizeof(line), " %s\n", name);
	found = strstr(text, line) != NULL;
	free(text);
	return found;
}

int env_multipathd_running(int rootfd)
{
	return socket_listed(rootfd, "@/org/kernel/linux/storage/multipathd");
}

int env_daemon_running(int rootfd)
{
	return env_multipathd_running(rootfd) ||
	       socket_listed(rootfd, ENV_MPBOOT_SOCKET);
}

void env_unload(struct mpb_env *e)
{
	path_list_free(&e->paths);
	bindings_free(&e->bindings);
	wwids_free(&e->wwids);
	config_free(&e->cfg);
	cmdline_free(&e->cmdline);
	memset(&e->cfg, 0, sizeof(e->cfg));
	memset(&e->cmdline, 0, sizeof(e->cmdline));
	memset(&e->wwids, 0, sizeof(e->wwids));
	memset(&e->bindings, 0, sizeof(e->bindings));
	memset(&e->paths, 0, sizeof(e->paths));
	memset(&e->part_delim, 0, sizeof(e->part_delim));
}

void env_close(struct mpb_env *e)
{
	env_unload(e);
	if (e->sysfd >= 0)
		close(e->sysfd);
	if (e->devfd >= 0)
		close(e->devfd);
	if (e->rootfd >= 0)
		close(e->rootfd);
}

int env_path_prio(const struct mpb_env *e, const struct mp_attrs *a,
		  const struct path *p)
{
	struct prio_answer ans[PRIO_MAX_CMDS];
	unsigned char *data[PRIO_MAX_CMDS];
	struct prio_cmd cmd;
	size_t n = 0, i;
	int fd = -1, prio;

	while (prio_next_cmd(a, p, ans, n, &cmd)) {
		struct prio_answer *an = &ans[n];

		memset(an, 0, sizeof(*an));
		an->data = data[n] = malloc(cmd.len ? cmd.len : 1);
		n++;
		if (!an->data)
			an->rc = -ENOMEM;
		else if (fd < 0 && (fd = openat(e->devfd, p->dev, O_RDONLY |
						O_NONBLOCK | O_CLOEXEC)) < 0)
			an->rc = -errno;
		else
			an->rc = sgio_exec(fd, cmd.cdb, cmd.cdb_len, data[n - 1],
					   cmd.len, cmd.timeout_ms ? cmd.timeout_ms :
					   SGIO_TIMEOUT_MS, &an->res);
	}
	prio = prio_get(a, p, ans, n);
	for (i = 0; i < n; i++)
		free(data[i]);
	if (fd >= 0)
		close(fd);
	return prio;
}

static int env_prio(const struct mp_attrs *a, const struct path *p, void *ctx)
{
	return env_path_prio(ctx, a, p);
}

int env_wwid_known(const struct mpb_env *e, const char *wwid)
{
	const struct plan_input in = {
		.cfg = &e->cfg,
		.wwids = &e->wwids,
		.extra_wwids = (const char *const *)e->cmdline.wwids,
		.n_extra_wwids = e->cmdline.n_wwids,
	};

	return plan_wwid_known(&in, wwid);
}

int env_plan(struct mpb_env *e, struct plan *plan,
	     const struct dmio_list *running,
	     const struct held_paths *held, int prio)
{
	struct plan_input in = {
		.paths = &e->paths,
		.cfg = &e->cfg,
		.wwids = &e->wwids,
		.extra_wwids = (const char *const *)e->cmdline.wwids,
		.n_extra_wwids = e->cmdline.n_wwids,
		.bindings = &e->bindings,
		.running = running,
		.prio = prio ? env_prio : NULL,
		.prio_ctx = e,
		.held = held,
	};
	int rc = plan_build(&in, plan);

	if (rc)
		log_err("cannot plan maps: %s", strerror(-rc));
	return rc;
}
