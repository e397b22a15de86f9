/* The hand-over to multipathd, in the daemon's loop (see takeover.h). */
#include "daemon/takeover.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cmd/env.h"
#include "cmd/once.h"
#include "config/config.h"
#include "config/wwids.h"
#include "daemon/daemon.h"
#include "daemon/handover.h"
#include "daemon/prefetch.h"
#include "log.h"

#define HO_INTERVAL_MS	1000	/* a look at the real root and multipathd */
#define HO_EXCHANGE_MS	2000	/* one question to multipathd, at most */
#define HO_FOLLOW_MS	10000	/* PID 1's root looked at after a mount change */

static const char *const questions[3] = {
	MPD_CMD_DAEMON, MPD_CMD_MAPS, MPD_CMD_PATHS,
};

/* Whether the root dirfd is an initramfs: /etc/initrd-release, or on
 * ramfs or tmpfs. */
static int initramfs(int dirfd)
{
	struct statfs sf;
	struct stat st;

	return !fstatat(dirfd, "etc/initrd-release", &st, AT_SYMLINK_NOFOLLOW) ||
	       fstatfs(dirfd, &sf) || sf.f_type == RAMFS_MAGIC ||
	       sf.f_type == TMPFS_MAGIC;
}

/* A daemon sharing PID 1's root, an initramfs, follows PID 1 into the
 * real root at switch_root (decision 66); one in a root of its own
 * stays. */
static void arm_follow(struct dmn_ho *h)
{
	struct stat ours, pid1;
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0 && !fstat(fd, &ours) &&
	    !fstatat(h->procfd, "1/root", &pid1, 0) &&
	    ours.st_dev == pid1.st_dev && ours.st_ino == pid1.st_ino &&
	    initramfs(fd)) {
		h->follow = 1;
		h->root_dev = ours.st_dev;
		h->root_ino = ours.st_ino;
	}
	if (fd >= 0)
		close(fd);
}

void dmn_ho_open(struct dmn *d)
{
	struct dmn_ho *h = &d->ho;

	memset(h, 0, sizeof(*h));
	h->opened = 1;
	h->procfd = h->mountsfd = h->conn.fd = -1;
	h->mode = d->env.cmdline.handover;
	/* before the daemon is ready, while / is still the one it started in */
	h->procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (h->procfd < 0) {
		log_warn("no /proc: no hand-over to multipathd, mpboot keeps "
			 "checking");
		return;
	}
	h->mountsfd = openat(h->procfd, "self/mountinfo",
			     O_RDONLY | O_CLOEXEC);
	arm_follow(h);
	if (h->mode == HANDOVER_NEVER) {
		log_info("hand-over to multipathd: never (mpboot.handover)");
		h->wwids_done = 1;
	}
}

static void end_exchange(struct dmn_ho *h)
{
	size_t i;

	mpd_conn_close(&h->conn);
	h->step = 0;
	for (i = 0; i < 3; i++) {
		free(h->reply[i]);
		h->reply[i] = NULL;
	}
}

void dmn_ho_close(struct dmn *d)
{
	struct dmn_ho *h = &d->ho;

	if (!h->opened)
		return;
	end_exchange(h);
	if (h->mountsfd >= 0)
		close(h->mountsfd);
	if (h->procfd >= 0)
		close(h->procfd);
	free(h->last);
	h->procfd = h->mountsfd = -1;
	h->last = NULL;
}

/* PID 1's root when it is the real root (not an initramfs), else -1. */
static int real_root(struct dmn_ho *h)
{
	int fd = openat(h->procfd, "1/root", O_RDONLY | O_DIRECTORY |
			O_CLOEXEC);

	if (fd >= 0 && initramfs(fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* PID 1 left the root we share (switch_root): enter its new one, so that
 * what the daemon and libdevmapper reach by path (/dev/mapper/NAME, the
 * nodes of maps made from now on) is the running system's, and read the
 * configuration there when it was read from the initramfs. */
static void follow_pid1(struct dmn *d)
{
	struct dmn_ho *h = &d->ho;
	struct stat st;
	int fd;

	if (!h->follow)
		return;
	fd = openat(h->procfd, "1/root", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) ||
	    (st.st_dev == h->root_dev && st.st_ino == h->root_ino))
		goto out;	/* not yet */
	h->follow = 0;
	if (fchdir(fd) || chroot(".") || chdir("/")) {
		log_err("cannot enter PID 1's new root: %s; maps made from now "
			"on get no /dev/mapper node", strerror(errno));
		goto out;
	}
	if (!fstat(d->env.rootfd, &st) && st.st_dev == h->root_dev &&
	    st.st_ino == h->root_ino) {
		close(d->env.rootfd);
		d->env.rootfd = fd;
		fd = -1;
	}
	log_info("switch_root: the daemon entered PID 1's new root");
out:
	if (fd >= 0)
		close(fd);
}

/* What waits for the root: PID 1 to leave it, the bindings and wwids
 * kept while it was read-only. */
static void follow_root(struct dmn *d)
{
	follow_pid1(d);
	once_save_pending(&d->env, 0);
}

/* Add the WWIDs of our maps that multipathd would refuse to the real
 * root's wwids file, once the real root is writable. */
static void add_refused_wwids(struct dmn *d, int root)
{
	struct dmn_ho *h = &d->ho;
	struct statvfs sv;
	struct config cfg;
	struct wwids w = { 0 };
	enum find_multipaths find;
	unsigned k;
	int added = 0, r;

	if (fstatvfs(root, &sv) || (sv.f_flag & ST_RDONLY))
		return;		/* until systemd-remount-fs or the like */
	h->wwids_done = 1;
	if (config_load(&cfg, root, "etc/multipath.conf"))
		return;
	find = ho_multipathd_find(&cfg);
	if (wwids_load(&w, root, cfg.wwids_file))
		goto out;
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];
		const char *wwid = m->uuid + strlen("mpath-");

		if (!ho_refused(find, &w, wwid) || wwids_add(&w, wwid) != 1)
			continue;
		log_warn("%s: WWID %s added to the real root's %s, as "
			 "multipath -a does: multipathd (find_multipaths "
			 "strict) would not check its paths", m->name, wwid,
			 cfg.wwids_file);
		added++;
	}
	if (added && (r = wwids_save(&w, root, cfg.wwids_file)))
		log_err("%s: cannot add %d WWIDs (%s): multipathd will not "
			"take their maps; mpboot keeps checking them",
			cfg.wwids_file, added, strerror(-r));
out:
	wwids_free(&w);
	config_free(&cfg);
}

/* A map queueing with no path the kernel can use: its I/O waits for a
 * path, forever with no_path_retry queue. */
static int stranded(const struct dmn *d, const struct st_map *m)
{
	unsigned i;

	if (!m->ms.queueing || m->queue_without_daemon)
		return 0;
	for (i = 0; i < m->ms.n_paths; i++)
		if (d->st.sp[m->first + i].kstate == PK_ACTIVE)
			return 0;
	return 1;
}

/* Whether PID 1 is systemd's last stage (systemd-shutdown, as the kernel
 * cuts its name): the units are stopped, what is left is killed, the file
 * systems are unmounted or made read-only, then the power goes. */
static int final_stage(const struct dmn_ho *h)
{
	char comm[32] = "";
	ssize_t n;
	int fd = openat(h->procfd, "1/comm", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, comm, sizeof(comm) - 1);
	close(fd);
	return n > 0 && !strncmp(comm, "systemd-shutdow", 15);
}

/* The daemon is spared at shutdown ('@'), so no SIGTERM makes it drop
 * queueing: while a map queues with no path left, look once a second
 * whether the system is in its last stage, and then stop that map's
 * queueing, so that its I/O fails and the shutdown goes on (decision
 * 68). Maps with a path keep queueing: nothing that could still be
 * written is failed. */
static long long watch_shutdown(struct dmn *d, long long now, long long next)
{
	struct dmn_ho *h = &d->ho;
	unsigned k;
	int any = 0;

	for (k = 0; k < d->st.n_maps && !any; k++)
		any = stranded(d, &d->st.maps[k]);
	if (!any)
		return next;
	if (now >= h->shutdown_ms) {
		h->shutdown_ms = now + HO_INTERVAL_MS;
		for (k = 0; final_stage(h) && k < d->st.n_maps; k++) {
			struct st_map *m = &d->st.maps[k];

			if (!stranded(d, m))
				continue;
			log_warn("%s: no path left and the system is shutting "
				 "down: queueing off, its waiting I/O fails",
				 m->name);
			dmn_queueing(d, m->name, 0);
		}
	}
	return h->shutdown_ms < next ? h->shutdown_ms : next;
}

/* The shutdown begins: systemd-user-sessions' stop writes /run/nologin
 * ("System is going down"), ordered before the network and remote file
 * systems go. Each time it appears (maybe also at boot, where tmpfiles
 * makes it until the same unit starts), what PID 1 needs to reach
 * systemd-shutdown is read into the page cache, so that paths lost from
 * then on cannot keep PID 1 from its last stage (decision 90). One
 * stat on a tmpfs a second. */
static long long watch_begin(struct dmn *d, long long now, long long next)
{
	struct dmn_ho *h = &d->ho;
	struct stat st;
	int nologin;

	if (now >= h->nologin_ms) {
		h->nologin_ms = now + HO_INTERVAL_MS;
		nologin = !fstatat(h->procfd, "1/root/run/nologin", &st, 0);
		if (nologin && !h->nologin) {
			log_info("/run/nologin appeared: reading systemd-shutdown "
				 "and the files PID 1 maps into the page cache");
			pf_shutdown_files(h->procfd);
		}
		h->nologin = nologin;
	}
	return h->nologin_ms < next ? h->nologin_ms : next;
}

static int ask(struct dmn_ho *h, long long now)
{
	int r = mpd_conn_start(&h->conn, MPD_SOCKET, questions[h->step - 1]);

	if (r) {
		if (r != -ECONNREFUSED)	/* not running: said once a second */
			log_dbg("multipathd: %s: %s", questions[h->step - 1],
				strerror(-r));
		end_exchange(h);
		return r;
	}
	h->deadline_ms = now + HO_EXCHANGE_MS;
	return 0;
}

long long dmn_ho_tick(struct dmn *d, long long now, long long next)
{
	struct dmn_ho *h = &d->ho;
	int root;

	if (h->procfd < 0)
		return next;
	if (h->follow && now < h->follow_until) {
		if (now >= h->follow_ms) {
			follow_root(d);
			h->follow_ms = now + HO_INTERVAL_MS;
		}
		if (h->follow_ms < next)
			next = h->follow_ms;
	}
	next = watch_begin(d, now, next);
	next = watch_shutdown(d, now, next);
	if (h->mode == HANDOVER_NEVER)
		return next;
	if (h->step && now >= h->deadline_ms) {
		log_info("multipathd did not answer '%s' within %d ms",
			 questions[h->step - 1], HO_EXCHANGE_MS);
		end_exchange(h);
		h->next_ms = now + HO_INTERVAL_MS;
	}
	if (h->step)
		return h->deadline_ms < next ? h->deadline_ms : next;
	if (now < h->next_ms)
		return h->next_ms < next ? h->next_ms : next;
	h->next_ms = now + HO_INTERVAL_MS;
	root = real_root(h);
	if (root < 0)
		return h->next_ms < next ? h->next_ms : next;
	if (!h->wwids_done)
		add_refused_wwids(d, root);
	close(root);
	/* A connection refused is the cheapest "is multipathd there": no
	 * file to read, nothing allocated while it is not. */
	h->step = 1;
	if (!ask(h, now) && !h->seen) {
		log_info("multipathd runs in the real root: asking it which "
			 "maps it has taken");
		h->seen = 1;
	}
	if (h->step)
		return h->deadline_ms < next ? h->deadline_ms : next;
	return h->next_ms < next ? h->next_ms : next;
}

unsigned dmn_ho_pollset(struct dmn *d, struct pollfd *pfd, int *who,
			int who_conn, int who_mounts)
{
	struct dmn_ho *h = &d->ho;
	unsigned n = 0;

	if (h->step && h->conn.fd >= 0) {
		pfd[n] = (struct pollfd){ h->conn.fd, mpd_conn_events(&h->conn),
					  0 };
		who[n++] = who_conn;
	}
	if (h->mountsfd >= 0 &&
	    (!h->wwids_done || h->follow || d->env.save_pending)) {
		pfd[n] = (struct pollfd){ h->mountsfd, POLLPRI, 0 };
		who[n++] = who_mounts;
	}
	return n;
}

void dmn_ho_mounts_changed(struct dmn *d)
{
	struct dmn_ho *h = &d->ho;
	int root;

	/* the poll itself took note of the change: nothing to read */
	follow_root(d);
	/* switch_root moves the mounts, then PID 1 changes its root */
	if (h->follow)
		h->follow_until = d->now_ms + HO_FOLLOW_MS;
	if (h->wwids_done)
		return;
	root = real_root(h);
	if (root >= 0) {
		add_refused_wwids(d, root);
		close(root);
	}
}

/* Say what keeps the hand-over from happening, when that changed. */
static void tell(struct dmn_ho *h, const char *what)
{
	if (h->last && !strcmp(h->last, what))
		return;
	free(h->last);
	h->last = strdup(what);
	log_warn("%s", what);
}

/* The three replies are in: decide. */
static void decide(struct dmn *d)
{
	struct dmn_ho *h = &d->ho;
	struct mpd_map *maps = NULL;
	struct mpd_path *paths = NULL;
	struct ho_view v = { 0 };
	struct ho_map *hm = NULL;
	enum ho_state *states = NULL;
	const char **devs = NULL;
	char why[512] = "";
	size_t len = 0;
	unsigned k, i;
	int pid = 0;

	if (mpd_parse_daemon(h->reply[0], &pid, &v.daemon) ||
	    mpd_parse_maps(h->reply[1], &maps, &v.n_maps) ||
	    mpd_parse_paths(h->reply[2], &paths, &v.n_paths)) {
		tell(h, "multipathd's replies are not what mpboot reads; "
		     "mpboot keeps checking");
		goto out;
	}
	v.maps = maps;
	v.paths = paths;
	hm = calloc(d->st.n_maps + 1, sizeof(*hm));
	states = calloc(d->st.n_maps + 1, sizeof(*states));
	devs = calloc(d->st.n_paths + 1, sizeof(*devs));
	if (!hm || !states || !devs)
		goto out;
	for (i = 0; i < d->st.n_paths; i++)
		devs[i] = d->st.sp[i].dev;
	for (k = 0; k < d->st.n_maps; k++) {
		const struct st_map *m = &d->st.maps[k];

		hm[k] = (struct ho_map){ m->name, m->uuid + strlen("mpath-"),
					 devs + m->first, m->ms.n_paths };
		states[k] = ho_map_state(&hm[k], &v);
		if (states[k] != HO_TAKEN && len < sizeof(why))
			len += snprintf(why + len, sizeof(why) - len, " %s (%s)",
					m->name, states[k] == HO_UNLISTED ?
					"not listed" : "a path not checked");
	}
	if (v.daemon != MPD_DAEMON_READY) {
		tell(h, "multipathd is starting: mpboot keeps checking");
		goto out;
	}
	if (!ho_may_exit(h->mode, &v, states, d->st.n_maps)) {
		char msg[600];

		snprintf(msg, sizeof(msg), "multipathd (pid %d) has not taken "
			 "every map:%s; mpboot keeps checking them", pid, why);
		tell(h, msg);
		goto out;
	}
	if (*why)
		log_warn("mpboot.handover=always: leaving to multipathd maps "
			 "it has not taken:%s", why);
	log_warn("handed over to multipathd (pid %d): it checks the paths "
		 "of all %u maps; exiting with queueing as it is", pid,
		 d->st.n_maps);
	d->handed_over = 1;
	d->stop = 1;
out:
	free(devs);
	free(states);
	free(hm);
	free(paths);
	free(maps);
}

void dmn_ho_conn_ready(struct dmn *d, long long now)
{
	struct dmn_ho *h = &d->ho;
	int r = mpd_conn_step(&h->conn);

	if (r == 0)
		return;
	if (r < 0) {
		log_dbg("multipathd: %s: %s", questions[h->step - 1],
			strerror(-r));
		end_exchange(h);
		h->next_ms = now + HO_INTERVAL_MS;
		return;
	}
	h->reply[h->step - 1] = h->conn.reply.text;
	h->conn.reply.text = NULL;
	mpd_conn_close(&h->conn);
	if (h->step < 3) {
		h->step++;
		if (ask(h, now))
			h->next_ms = now + HO_INTERVAL_MS;
		return;
	}
	decide(d);
	end_exchange(h);
	h->next_ms = now + HO_INTERVAL_MS;
}
