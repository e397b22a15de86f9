/* The checker daemon's life: set-up, the poll loop, device-mapper events,
 * topology changes, signals, and the control commands' effects. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "boot/udevdb.h"
#include "cmd/flush.h"
#include "cmd/once.h"
#include "daemon/daemon.h"
#include "dm/dmio.h"
#include "log.h"

/* who[] for the fds that are not a path's */
enum { DMN_FD_SIGNAL = -1, DMN_FD_DM = -2, DMN_FD_UEVENT = -3,
       DMN_FD_AIO = -4, DMN_FD_HO_CONN = -5, DMN_FD_HO_MOUNTS = -6,
       DMN_FD_CTL = -7 };

/* The assembly at start and on topology changes (decisions 85-86): maps
 * adopted unchanged keep their partition maps unread, and any other
 * partition table read is given up after DMN_PART_WAIT_S, so that no map
 * queueing without a path holds up the loop, which brings paths back. */
#define DMN_PART_WAIT_S	10
static const struct once_args dmn_assembly = {
	.mode = ONCE_BUILD, .part_wait_s = DMN_PART_WAIT_S, .keep_parts = 1,
};

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int prio(const struct mp_attrs *a, const struct path *p, void *ctx)
{
	return env_path_prio(ctx, a, p);
}

static int is_mpath(const struct dmio_dev *v)
{
	return !strncmp(v->uuid, "mpath-", 6) && !strcmp(v->target, "multipath");
}

/* Every mpath- map of the kernel, its table and status, into s. Returns 0
 * or -errno; -EAGAIN when a map changed between its table and status
 * reads. */
static int read_kernel(struct dmn *d, struct st *s, long long now)
{
	struct dmio_list l;
	struct st_kmap *km = NULL;
	struct mpt *t = NULL, *st = NULL;
	char **status = NULL;
	size_t i, n = 0;
	int rc;

	rc = dmio_list_all(&l);
	if (rc)
		return rc;
	km = calloc(l.n + 1, sizeof(*km));
	t = calloc(l.n + 1, sizeof(*t));
	st = calloc(l.n + 1, sizeof(*st));
	status = calloc(l.n + 1, sizeof(*status));
	if (!km || !t || !st || !status) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < l.n && !rc; i++) {
		const struct dmio_dev *v = &l.v[i];

		if (!is_mpath(v))
			continue;
		rc = dmio_status_event(v->name, &status[n], &km[n].event_nr);
		if (rc == -ENOENT || rc == -ENXIO) {	/* removed meanwhile */
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (mpt_parse_table(v->params, &t[n])) {
			log_warn("%s: cannot read its table: not watched",
				 v->name);
			free(status[n]);
			status[n] = NULL;
			continue;
		}
		if (mpt_parse_status(status[n], &st[n])) {
			/* t[n] is freed with the others */
			log_warn("%s: cannot read its status: not watched",
				 v->name);
			mpt_free(&t[n]);
			free(status[n]);
			status[n] = NULL;
			continue;
		}
		km[n].name = v->name;
		km[n].uuid = v->uuid;
		km[n].table = &t[n];
		km[n].status = &st[n];
		n++;
	}
	if (!rc)
		rc = st_build(s, km, n, &d->env.paths, &d->env.cfg, prio,
			      &d->env, now);
	if (rc == -EINVAL)
		rc = -EAGAIN;
out:
	for (i = 0; i < n; i++) {
		mpt_free(&t[i]);
		mpt_free(&st[i]);
	}
	for (i = 0; status && i <= n; i++)
		free(status[i]);
	free(status);
	free(st);
	free(t);
	free(km);
	dmio_list_free(&l);
	return rc;
}

/* Room in the poll set for every path and the loop's own fds. */
static int size_pollset(struct dmn *d)
{
	unsigned cap = CTLSRV_NFDS + 6 + d->st.n_paths;
	struct pollfd *pfd;
	int *who;

	if (cap <= d->pfd_cap)
		return 0;
	pfd = realloc(d->pfd, cap * sizeof(*pfd));
	if (pfd)
		d->pfd = pfd;
	who = realloc(d->who, cap * sizeof(*who));
	if (who)
		d->who = who;
	if (!pfd || !who)
		return -ENOMEM;
	d->pfd_cap = cap;
	return 0;
}

/* Build the state from the kernel, keeping what the old one knew. */
static int rebuild(struct dmn *d)
{
	struct st s, old = d->st;
	long long now = mono_ms() / 1000;
	int rc, tries = 0;
	unsigned k;

	do
		rc = read_kernel(d, &s, now);
	while (rc == -EAGAIN && ++tries < 3);
	if (rc) {
		log_err("cannot read the multipath maps: %s", strerror(-rc));
		return rc;
	}
	st_carry(&s, &old);
	for (k = 0; k < s.n_maps; k++) {
		struct st_map *m = &s.maps[k];

		/* the reload turned queueing on again where no_path_retry
		 * had run out: off again until a path comes back */
		if (m->ms.in_recovery && !m->ms.retry_until && m->ms.queueing &&
		    m->ms.no_path_retry > 0) {
			struct ms_actions a = { 1, { { MS_FAIL_IF_NO_PATH, 0 } } };

			dmn_send(d, m, &a);
			m->ms.queueing = 0;
		}
	}
	dmn_close_checks(d, &old);
	st_free(&old);
	d->st = s;
	if (size_pollset(d)) {
		log_err("out of memory");
		return -ENOMEM;
	}
	log_info("watching %u maps, %u paths", s.n_maps, s.n_paths);
	return 0;
}

/* Maps whose every path is gone are removed, unless something holds them
 * (multipath-tools' flush_on_last_del; a map in use stays, queueing as
 * its configuration says). Returns how many were removed. */
static int flush_orphans(struct dmn *d)
{
	struct dmio_list l;
	unsigned k, i;
	int n = 0;

	if (dmio_list_all(&l))
		return 0;
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];
		const struct dmio_dev *v;
		int any = 0;

		for (i = 0; i < m->ms.n_paths; i++)
			any |= d->st.sp[m->first + i].found;
		if (any || !m->ms.n_paths)
			continue;
		v = dmio_find_uuid(&l, m->uuid);
		if (v && !flush_map(&l, v)) {
			log_warn("%s: last path gone: removed", m->name);
			n++;
		}
	}
	dmio_list_free(&l);
	return n;
}

/* The scan is read only to assemble and rebuild, and every rebuild scans
 * again first: kept, it would cost 1 KB a path for nothing (a megabyte at
 * 1024 paths). `show map` scans for itself. */
static void drop_scan(struct dmn *d)
{
	path_list_free(&d->env.paths);
}

/* The udev database entries of every map and path into PID 1's /run:
 * switch_root may have come meanwhile, and PID 1's /run is the one the
 * real root has or will have (decision 88). */
static void write_udev_db(struct dmn *d)
{
	struct udb_counts c;
	struct dmio_list maps;
	int runfd = d->ho.procfd < 0 ? -1 :
		    openat(d->ho.procfd, "1/root/run", O_RDONLY |
			   O_DIRECTORY | O_CLOEXEC);

	if (runfd < 0 || dmio_list_all(&maps)) {
		log_err("udev database not written: cannot open PID 1's /run "
			"or list the maps");
	} else {
		if (udb_write_all(d->env.sysfd, d->env.devfd, runfd, &maps, &c))
			log_err("udev database not written: out of memory");
		else
			log_info("udev database: %u entries written, %u kept, "
				 "%u failed", c.written, c.kept, c.failed);
		dmio_list_free(&maps);
	}
	if (runfd >= 0)
		close(runfd);
}

/* The LUNs after the first's wait until switch_root is over: while PID 1
 * moves /dev into the real root, a map made under the initramfs' /dev
 * gets no /dev/mapper node and no partition maps. So does a sync the
 * uevents of disks still coming ask for (the init mode's module loads
 * do not wait for the kernel's scan): it would build every LUN there. */
static int before_switch(const struct dmn *d)
{
	return d->rest && d->ho.follow;
}

static int rest_due(const struct dmn *d)
{
	return d->rest && !d->ho.follow;
}

static int sync_due(const struct dmn *d)
{
	return d->sync_at && d->now_ms >= d->sync_at && !before_switch(d);
}

/* The LUNs after the first's are built: their udev database entries,
 * as the init mode wrote the first's, and the line that says so. */
static void rest_done(struct dmn *d, unsigned maps_before)
{
	if (d->st.n_maps != maps_before)  /* else the init mode wrote them */
		write_udev_db(d);
	log_warn("the other LUNs are assembled: watching %u maps, %u paths",
		 d->st.n_maps, d->st.n_paths);
}

/* The LUNs after the first's: the plan's next map; when none is left,
 * adopt them all and write their udev database entries, as the init mode
 * did for the first's. */
static void rest_step(struct dmn *d)
{
	unsigned before = d->st.n_maps;

	if (once_step(d->rest))
		return;
	once_end(d->rest);
	d->rest = NULL;
	if (!rebuild(d) && flush_orphans(d))
		rebuild(d);
	drop_scan(d);
	rest_done(d, before);
}

int dmn_sync(struct dmn *d, int config)
{
	unsigned maps_before = d->st.n_maps;
	int rc, rest = d->rest != NULL;

	/* a sync assembles every LUN itself; the rest's plan points into
	 * the scan it frees */
	if (rest) {
		once_end(d->rest);
		d->rest = NULL;
	}
	d->sync_at = 0;
	d->sync_config = 0;
	if (config) {
		/* read into a new environment: one that fails leaves the
		 * daemon with what it had */
		struct mpb_env n = {
			.sysfd = d->env.sysfd, .devfd = d->env.devfd,
			.rootfd = d->env.rootfd,
		};

		rc = env_load(d->opts, &n);
		if (rc) {
			env_unload(&n);
			log_err("reconfigure failed: the daemon goes on with "
				"what it had");
			return -EINVAL;
		}
		env_unload(&d->env);
		d->env = n;
	} else {
		path_list_free(&d->env.paths);
		rc = scan_paths(d->env.sysfd, d->env.devfd, &d->env.paths);
		if (rc) {
			log_err("cannot scan the paths: %s", strerror(-rc));
			return rc;
		}
	}
	once_assemble(&d->env, &dmn_assembly, 1);
	/* the scan says which paths are gone; the old state which maps
	 * lost them all */
	rc = rebuild(d);
	if (!rc && flush_orphans(d))
		rc = rebuild(d);
	drop_scan(d);
	if (rest)
		rest_done(d, maps_before);
	return rc;
}

/* The status of m, read after its event counter moved (or, without
 * events, at each round): the kernel's A/F and groups into the state. A
 * path the kernel failed while we hold it up is marked down, as multipathd
 * does (ms_on_kernel_failed), so its return is a return. Returns 1 when
 * the map must be rebuilt (gone, or its paths changed), else 0. */
static int read_status(struct dmn *d, struct st_map *m, long long now)
{
	unsigned ev, i;
	char *status;
	struct mpt st;
	int stale;

	if (dmio_status_event(m->name, &status, &ev))
		return 1;
	if (ev == m->event_nr || mpt_parse_status(status, &st)) {
		free(status);
		return 0;
	}
	m->event_nr = ev;
	m->next_ms = 0;
	stale = st_update_status(&d->st, m, &st) != 0;
	for (i = 0; !stale && i < m->ms.n_paths; i++) {
		const struct st_path *sp = &d->st.sp[m->first + i];
		struct ms_actions a;

		if (st.paths[i].active || !ps_good(m->ms.paths[i].state))
			continue;
		log_msg(2, "%s: %s (%d:%d:%d:%llu) path %s -> down: failed by "
			"the kernel", m->name, sp->dev, sp->host, sp->channel,
			sp->target, sp->lun,
			chk_state_name(m->ms.paths[i].state));
		ms_on_kernel_failed(&m->ms, i, &m->t, now, &a);
		dmn_send(d, m, &a);
	}
	mpt_free(&st);
	free(status);
	return stale;
}

struct dm_seen {
	struct dmn *d;
	long long now;
	unsigned maps;	/* of ours, listed */
	int stale;
};

static void on_map_listed(void *ctx, const char *name, unsigned event_nr)
{
	struct dm_seen *s = ctx;
	struct st_map *m = st_map_named(&s->d->st, name);

	if (!m)
		return;
	s->maps++;
	if (m->event_nr != event_nr && read_status(s->d, m, s->now))
		s->stale = 1;
}

/* A device-mapper event: one list of every map's event counter, then the
 * status of the maps whose counter moved. A map that changed under us
 * (reloaded by someone else, removed) asks for a rebuild. */
static void dm_event(struct dmn *d, long long now)
{
	struct dm_seen s = { d, now, 0, 0 };

	dmio_events_arm(d->dmfd);
	if (dmio_list_events(on_map_listed, &s) || s.maps != d->st.n_maps)
		s.stale = 1;
	if (s.stale && !d->sync_at)
		d->sync_at = d->now_ms;
}

/* Without device-mapper events (kernels before 4.18): the status of every
 * map once a polling interval, so a path the kernel failed on an I/O error
 * is seen by then, as multipathd's waiter threads would see it at once. */
static void status_round(struct dmn *d, long long now)
{
	unsigned k;
	int stale = 0;

	if (d->dmfd >= 0 || !d->st.n_maps ||
	    d->now_ms < d->status_at)
		return;
	d->status_at = d->now_ms + d->st.maps[0].t.polling * 1000LL;
	for (k = 0; k < d->st.n_maps; k++)
		stale |= read_status(d, &d->st.maps[k], now);
	if (stale && !d->sync_at)
		d->sync_at = d->now_ms;
}

/* A burst of uevents (a LUN's paths, a whole target) makes one sync: the
 * first asks for one a second later, the next ones join it. */
#define SYNC_DELAY_MS	1000

void dmn_ask_sync(struct dmn *d)
{
	if (!d->sync_at)
		d->sync_at = d->now_ms + SYNC_DELAY_MS;
}

/* sd devices coming, going or resized change the maps; nothing else
 * does (uev_sd_topology). */
static void on_uevent(struct dmn *d)
{
	struct uevent ev;
	int rc;

	while ((rc = uev_recv(d->uevfd, d->uev_buf, sizeof(d->uev_buf),
			      &ev)) != -EAGAIN) {
		if (rc == -ENOBUFS) {
			log_warn("uevents were lost: rescanning");
			dmn_ask_sync(d);
			continue;
		}
		if (rc)
			return;
		if (!uev_sd_topology(&ev))
			continue;
		log_info("uevent: %s %s", ev.action, ev.devname);
		dmn_ask_sync(d);
	}
}

static void on_signal(struct dmn *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			log_info("SIGHUP: reconfigure");
			d->sync_at = d->now_ms;
			d->sync_config = 1;
		} else {
			log_info("signal %u: exiting", si.ssi_signo);
			d->stop = 1;
		}
	}
}

/* Start what is due in m, time out what is late, tick its timers; then
 * when it next has something to do and how many commands it has out. */
static void run_map(struct dmn *d, struct st_map *m, long long now)
{
	long long next = LLONG_MAX, due;
	unsigned i, inflight = 0;
	struct ms_actions a;

	ms_tick(&m->ms, now, &a);
	dmn_send(d, m, &a);
	for (i = 0; i < m->ms.n_paths; i++) {
		struct st_path *sp = &d->st.sp[m->first + i];

		dmn_check_expire(d, m, i, now);
		dmn_check_start(d, m, i, now);
		if (sp->checking && sp->chk->deadline_ms < next)
			next = sp->chk->deadline_ms;
		if (sp->chk && sp->chk->busy)
			inflight++;
	}
	due = ms_next_due(&m->ms);
	if (due != PS_NEVER && due * 1000 < next)
		next = due * 1000;
	m->next_ms = next;
	m->inflight = inflight;
}

/* Run the maps that have something to do now; the time of the next thing
 * to do, ms. A pass costs the maps due, not every path. */
static long long run_due(struct dmn *d, long long now)
{
	long long next = LLONG_MAX;
	unsigned k;

	status_round(d, now);
	for (k = 0; k < d->st.n_maps; k++) {
		struct st_map *m = &d->st.maps[k];

		if (m->next_ms <= d->now_ms)
			run_map(d, m, now);
		if (m->next_ms < next)
			next = m->next_ms;
	}
	if (d->dmfd < 0 && d->status_at < next)
		next = d->status_at;
	if (d->sync_at && d->sync_at < next && !before_switch(d))
		next = d->sync_at;
	if (d->ctl_open && ctlsrv_deadline(&d->ctl) >= 0 &&
	    ctlsrv_deadline(&d->ctl) < next)
		next = ctlsrv_deadline(&d->ctl);
	return next;
}

static unsigned add_fd(struct dmn *d, unsigned n, int fd, int who)
{
	if (fd < 0)
		return n;
	d->pfd[n].fd = fd;
	d->pfd[n].events = POLLIN;
	d->pfd[n].revents = 0;
	d->who[n] = who;
	return n + 1;
}

static unsigned fill_pollset(struct dmn *d)
{
	unsigned n = 0, i, k;
	int directio = 0;

	/* the control socket's entries first, at fixed places */
	if (d->ctl_open) {
		ctlsrv_pollfds(&d->ctl, d->pfd);
		for (; n < CTLSRV_NFDS; n++) {
			d->pfd[n].revents = 0;
			d->who[n] = DMN_FD_CTL;
		}
	}
	n = add_fd(d, n, d->sigfd, DMN_FD_SIGNAL);
	n = add_fd(d, n, d->dmfd, DMN_FD_DM);
	n = add_fd(d, n, d->uevfd, DMN_FD_UEVENT);
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];

		for (i = m->first; m->inflight && i < m->first + m->ms.n_paths;
		     i++) {
			const struct chk *c = d->st.sp[i].chk;

			/* abandoned commands too: their completion frees
			 * the path */
			if (!c || !c->busy)
				continue;
			if (c->kind == CHK_DIRECTIO)
				directio = 1;
			else
				n = add_fd(d, n, c->fd, (int)i);
		}
	}
	if (directio)
		n = add_fd(d, n, d->aio.efd, DMN_FD_AIO);
	n += dmn_ho_pollset(d, d->pfd + n, d->who + n, DMN_FD_HO_CONN,
			    DMN_FD_HO_MOUNTS);
	return n;
}

/* A check's fd was readable: path index i of the whole state. */
static void collect(struct dmn *d, unsigned i, long long now)
{
	struct st_map *m;

	if (i >= d->st.n_paths || !d->st.sp[i].chk || !d->st.sp[i].chk->busy)
		return;
	m = &d->st.maps[d->st.sp[i].map];
	dmn_check_collect(d, m, i - m->first, now);
	m->next_ms = 0;
}

static void on_ready(struct dmn *d, unsigned n, long long now)
{
	struct pollfd ctl[CTLSRV_NFDS];
	unsigned k, i;

	/* a command may rebuild the state and the poll set: the control
	 * socket is served last, from a copy of its entries */
	if (d->ctl_open)
		memcpy(ctl, d->pfd, sizeof(ctl));
	for (k = 0; k < n; k++) {
		if (!d->pfd[k].revents)
			continue;
		switch (d->who[k]) {
		case DMN_FD_SIGNAL:
			on_signal(d);
			break;
		case DMN_FD_DM:
			dm_event(d, now);
			break;
		case DMN_FD_UEVENT:
			on_uevent(d);
			break;
		case DMN_FD_HO_CONN:
			dmn_ho_conn_ready(d, d->now_ms);
			break;
		case DMN_FD_HO_MOUNTS:
			dmn_ho_mounts_changed(d);
			break;
		case DMN_FD_AIO:
			if (chk_aio_reap(&d->aio) < 0)
				break;
			for (i = 0; i < d->st.n_paths; i++)
				if (d->st.sp[i].chk &&
				    d->st.sp[i].chk->kind == CHK_DIRECTIO)
					collect(d, i, now);
			break;
		case DMN_FD_CTL:
			break;
		default:
			collect(d, (unsigned)d->who[k], now);
		}
	}
	if (d->ctl_open)
		ctlsrv_ready(&d->ctl, ctl, d->now_ms);
}

/* As multipathd on exit without queue_without_daemon: a map left queueing
 * with nobody to reinstate its paths would hang its I/O for good. */
static void stop_queueing(struct dmn *d)
{
	unsigned k;

	if (d->env.cfg.queue_without_daemon)
		return;
	for (k = 0; k < d->st.n_maps; k++) {
		struct st_map *m = &d->st.maps[k];

		if (m->ms.queueing && !dmio_message(m->name, "fail_if_no_path"))
			log_info("%s: queueing off", m->name);
	}
}

int dmn_run(struct dmn *d)
{
	while (!d->stop) {
		long long next, now;
		unsigned n;
		int wait;

		d->now_ms = mono_ms();
		if (sync_due(d))
			dmn_sync(d, d->sync_config);
		else if (rest_due(d))
			rest_step(d);
		next = run_due(d, d->now_ms / 1000);
		next = dmn_ho_tick(d, d->now_ms, next);
		if (rest_due(d))
			next = d->now_ms;	/* the next map after a look */
		n = fill_pollset(d);
		wait = next == LLONG_MAX ? -1 :
		       next <= d->now_ms ? 0 :
		       next - d->now_ms > INT_MAX ? INT_MAX :
		       (int)(next - d->now_ms);
		if (poll(d->pfd, n, wait) < 0 && errno != EINTR) {
			log_err("poll: %s", strerror(errno));
			return 1;
		}
		d->now_ms = mono_ms();
		now = d->now_ms / 1000;
		on_ready(d, n, now);
	}
	if (!d->handed_over)
		stop_queueing(d);
	return 0;
}

static int open_signals(void)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* One sg fd per path: 1024 paths pass the usual soft limit of 1024. */
static void raise_nofile(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

int dmn_open(struct dmn *d, const struct mpb_opts *o, const char *first)
{
	struct once_args a = dmn_assembly, others = dmn_assembly;
	int rc;

	memset(d, 0, sizeof(*d));
	d->opts = o;
	d->sigfd = d->dmfd = d->uevfd = d->aio.efd = -1;
	raise_nofile();
	/* opened before the scan, so no device slips in between */
	d->uevfd = uev_open();
	rc = env_open(o, &d->env);
	if (rc)
		return rc;
	if (dmio_init(o->dev))
		return 2;
	if (d->uevfd < 0)
		log_warn("no uevents: %s; paths added or removed are seen on "
			 "SIGHUP or reconfigure", strerror(-d->uevfd));
	d->sigfd = open_signals();
	if (d->sigfd < 0) {
		log_err("cannot set up signals: %s", strerror(-d->sigfd));
		return 1;
	}
	/* one daemon at a time: the socket says whether one runs */
	rc = ctlsrv_open(&d->ctl, CTL_SOCKET, dmn_ctl, d);
	if (rc == -EADDRINUSE) {
		log_err("another mpboot daemon is running (@%s is taken)",
			CTL_SOCKET);
		return 1;
	}
	if (rc) {
		log_err("cannot open the control socket @%s: %s", CTL_SOCKET,
			strerror(-rc));
		return 1;
	}
	d->ctl_open = 1;
	/* armed before the maps are read: no event is lost in between */
	d->dmfd = dmio_events_open(d->env.devfd);
	if (d->dmfd < 0)
		log_warn("no device-mapper events (kernel older than 4.18?): "
			 "%s; the maps' status is read once a polling "
			 "interval", strerror(-d->dmfd));
	/* The daemon reinstates paths: queueing is safe. */
	a.wwid = first;
	once_assemble(&d->env, &a, 1);
	d->now_ms = mono_ms();
	dmn_ho_open(d);
	rc = rebuild(d);
	if (!rc && first) {
		int planned;

		/* ready with the first LUN: the loop does the others */
		others.wwid = first;
		others.others = 1;
		d->rest = once_begin(&d->env, &others, 1, &planned);
		if (!d->rest)
			log_err("the LUNs after %s are not assembled: the next "
				"topology change or SIGHUP tries again", first);
	}
	if (!d->rest)
		drop_scan(d);
	return rc ? 1 : 0;
}

void dmn_close(struct dmn *d)
{
	if (d->rest)
		once_end(d->rest);
	dmn_ho_close(d);
	if (d->ctl_open)
		ctlsrv_close(&d->ctl);
	dmn_close_checks(d, &d->st);
	st_free(&d->st);
	free(d->pfd);
	free(d->who);
	if (d->aio.efd >= 0 && !d->aio.used)
		chk_aio_close(&d->aio);
	if (d->sigfd >= 0)
		close(d->sigfd);
	if (d->dmfd >= 0)
		close(d->dmfd);
	if (d->uevfd >= 0)
		close(d->uevfd);
	env_close(&d->env);
}

int dmn_path_message(struct dmn *d, const char *dev, int fail)
{
	struct st_map *m;
	int i = st_find_path(&d->st, dev, &m);

	if (i < 0)
		return -ENOENT;
	return dmn_send_path(d, m, (unsigned)i - m->first, fail);
}

int dmn_switch_group(struct dmn *d, const char *map, unsigned g)
{
	struct st_map *m = st_find_map(&d->st, map);
	char msg[32];

	if (!m)
		return -ENOENT;
	if (g < 1 || g > m->ms.n_groups)
		return -EINVAL;
	snprintf(msg, sizeof(msg), "switch_group %u", g);
	log_msg(3, "%s: message %s", m->name, msg);
	if (dmio_message(m->name, msg))
		return -EIO;
	m->ms.cur_group = g;
	return 0;
}

/* disablequeueing / restorequeueing on m, as the state machine says, so
 * that a path coming back does not undo the first and no_path_retry
 * decides the second. */
static int set_queueing(struct dmn *d, struct st_map *m, int on)
{
	struct ms_actions a;

	if (on)
		ms_restore_queueing(&m->ms, &m->t, d->now_ms / 1000, &a);
	else
		ms_disable_queueing(&m->ms, &a);
	if (on && !m->ms.queueing)
		log_warn("%s: queueing stays off: no_path_retry is %s", m->name,
			 m->ms.no_path_retry == NO_PATH_RETRY_FAIL ? "fail" :
			 "not set");
	return dmn_send(d, m, &a);
}

int dmn_queueing(struct dmn *d, const char *map, int on)
{
	unsigned k;
	int rc = 0;

	if (map) {
		struct st_map *m = st_find_map(&d->st, map);

		return m ? set_queueing(d, m, on) : -ENOENT;
	}
	for (k = 0; k < d->st.n_maps; k++)
		if (set_queueing(d, &d->st.maps[k], on))
			rc = -EIO;
	return rc;
}
