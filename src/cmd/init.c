/* mpboot init: PID 1 of an initramfs. Mounts the pseudo file systems,
 * loads modules, waits for the paths of the root's LUN as the kernel
 * announces them, builds the maps, mounts root= on /sysroot, starts the
 * checker daemon and hands over to the real init (switch_root). The
 * decisions are in src/boot/; this file is the order of the steps and
 * their system calls. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot/boot.h"
#include "boot/udevdb.h"
#include "cmd/cmd.h"
#include "cmd/env.h"
#include "cmd/once.h"
#include "daemon/uevent.h"
#include "dm/dmio.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

#define NEWROOT "/sysroot"
#define MODULE_LIST "etc/mpboot/modules"

#define INIT_NICE	-10	/* while looking for the root */

/* What multipath maps need and the kernel would ask /sbin/modprobe for
 * (an initramfs of mpboot has none): the target, the path selectors,
 * the SCSI device handlers. */
static const char *const multipath_modules[] = {
	"dm_multipath", "dm_round_robin", "dm_service_time",
	"dm_queue_length", "scsi_dh_alua", "scsi_dh_emc", "scsi_dh_rdac",
	"scsi_dh_hp_sw",
};

struct init {
	const struct mpb_opts *o;
	struct boot_cmdline cl;
	struct boot_mods mods;
	int uevfd, sysfd, devfd;
	int timeout;			/* seconds, 0 forever */
	long long deadline;		/* ms, 0 forever */
	long long single_since;		/* ms: plain root first seen */
	char plain_seen[32];		/* the plain root the last look saw */
	int assemble;			/* paths came or went */
	int lvm;			/* the initramfs has lvm */
	struct boot_pvs pvs;		/* LVM PVs lvm was run for */
	struct boot_devs known;		/* the last read that probed: its
					 * answers are not asked again */
	struct boot_dev root;		/* what was found */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Whether LUNs are known before their paths come (the wwids file,
 * mpboot.wwid=, multipaths entries): such a LUN gets its map from its
 * first path, so the looks need not wait for the kernel's scan to end.
 * Without them a second path that is still coming decides whether the
 * root's LUN is multipathed, and the module loads wait for the scan as
 * they always did. */
static int listed_luns(struct init *in)
{
	struct mpb_env e;
	int n;

	if (env_open(in->o, &e))
		return 0;
	n = e.wwids.n || e.cmdline.n_wwids || e.cfg.n_multipaths;
	env_close(&e);
	return n;
}

static void load_modules(struct init *in)
{
	char **list = NULL, *text = NULL;
	size_t i, n = 0;

	boot_mods_open(&in->mods);
	/* rd.driver.pre= and mpboot.modules= come before anything else,
	 * waited for as modprobe would (a user may need their devices
	 * first) */
	for (i = 0; i < in->cl.n_modules; i++)
		boot_mods_load(&in->mods, in->cl.modules[i]);
	if (listed_luns(in))
		boot_mods_async(&in->mods, in->sysfd);
	boot_mods_coldplug(&in->mods, in->sysfd);
	if (!fs_slurp(AT_FDCWD, "/" MODULE_LIST, &text, NULL) &&
	    boot_modlist_parse(text, &list, &n))
		log_err("/%s: out of memory", MODULE_LIST);
	for (i = 0; i < n; i++) {
		boot_mods_load(&in->mods, list[i]);
		free(list[i]);
	}
	free(list);
	free(text);
	for (i = 0; !in->cl.disabled && i < sizeof(multipath_modules) /
						sizeof(multipath_modules[0]); i++)
		boot_mods_load(&in->mods, multipath_modules[i]);
}

static const char *wwid_of(void *ctx, const char *dev)
{
	const struct path_list *paths = ctx;
	size_t i;

	for (i = 0; i < paths->n; i++)
		if (!strcmp(paths->v[i].dev, dev))
			return paths->v[i].wwid;
	return NULL;
}

static int paths_of(const struct path_list *paths, const char *wwid)
{
	size_t i;
	int n = 0;

	for (i = 0; i < paths->n; i++)
		n += !strcmp(paths->v[i].wwid, wwid);
	return n;
}

/* The failure message: what root= asked for, each WWID seen with its
 * paths and map. */
static void report(struct init *in, const struct mpb_env *e,
		   const struct boot_devs *devs)
{
	struct boot_seen *seen = calloc(e->paths.n + 1, sizeof(*seen));
	size_t i, k, n = 0, len;
	char *msg;

	for (i = 0; seen && i < e->paths.n; i++) {
		const char *w = e->paths.v[i].wwid;

		for (k = 0; k < n && strcmp(seen[k].wwid, w); k++)
			;
		if (k < n)
			continue;
		seen[n].wwid = w;
		seen[n].paths = paths_of(&e->paths, w);
		for (k = 0; k < devs->n; k++)
			if (!strncmp(devs->v[k].dm_uuid, "mpath-", 6) &&
			    !strcmp(devs->v[k].dm_uuid + 6, w))
				seen[n].map = devs->v[k].dm_name;
		n++;
	}
	len = boot_report(NULL, 0, &in->cl, in->timeout, seen, n,
			  in->mods.failed, in->mods.n_failed);
	msg = malloc(len + 1);
	if (msg) {
		boot_report(msg, len + 1, &in->cl, in->timeout, seen, n,
			    in->mods.failed, in->mods.n_failed);
		char *line, *save = NULL;

		fputs(msg, stderr);	/* the console, whatever the log */
		/* one log record per line, without the console's prefix */
		for (line = strtok_r(msg, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			log_err("%s", line + (strncmp(line, "mpboot: ", 8) ?
					      0 : 8));
	}
	free(msg);
	free(seen);
}

/* The root may be an LV: when a physical volume came that lvm has not
 * seen, have it activate what the command line names. Returns 1 when it
 * ran. */
static int activate_lvm(struct init *in, const struct boot_devs *devs)
{
	const char *argv[32];
	char lv[256];

	if (!in->lvm || boot_lvm_new_pvs(devs, &in->pvs) <= 0)
		return 0;
	if (boot_lvm_argv(&in->cl, lv, sizeof(lv), argv, 32) < 0) {
		log_err("too many rd.lvm.vg= or rd.lvm.lv= for lvm");
		return 0;
	}
	boot_lvm_run(BOOT_LVM, argv);
	return 1;
}

/* Each look reads every block device again, but libblkid is asked only
 * about the devices the last read that probed did not answer for: at
 * hundreds of LUNs the probes, not the reads, were most of the time to
 * root. */
static int read_devs(struct init *in, enum boot_probe probe,
		     const struct path_list *paths, struct boot_devs *out)
{
	return boot_devs_read(in->sysfd, in->devfd, probe, wwid_of,
			      (void *)paths, &in->known, out);
}

static void keep_devs(struct init *in, struct boot_devs *devs,
		      enum boot_probe probe)
{
	if (probe != BOOT_PROBE_ALL) {
		boot_devs_free(devs);
		return;
	}
	boot_devs_free(&in->known);
	in->known = *devs;
	memset(devs, 0, sizeof(*devs));
}

/* A boot_devs_probe filter: the LUNs find_multipaths knows (an
 * installed system lists its root's). */
static int in_wwids(void *ctx, const char *wwid)
{
	return env_wwid_known(ctx, wwid);
}

/* Root first: the LUN whose path holds the root, into wwid (size
 * bytes). Returns 1 for that LUN alone, 0 for every LUN, -1 for none
 * yet. */
static int root_lun(struct init *in, const struct mpb_env *e, char *wwid,
		    size_t size)
{
	struct boot_devs devs;
	const char *lun;
	int rc = 0;

	if (read_devs(in, BOOT_PROBE_NONE, &e->paths, &devs))
		return 0;
	/* the LUNs the wwids file or the configuration lists first (an
	 * installed system lists its root's), the others when the root is
	 * not on them */
	boot_devs_probe(in->devfd, &devs, BOOT_PROBE_ALL, &in->known,
			in_wwids, (void *)e);
	lun = boot_root_lun(&in->cl.root, &devs);
	if (lun && !*lun) {
		boot_devs_probe(in->devfd, &devs, BOOT_PROBE_ALL, &in->known,
				NULL, NULL);
		lun = boot_root_lun(&in->cl.root, &devs);
	}
	if (lun && *lun) {
		str_copy(wwid, lun, size);
		rc = 1;
	} else if (lun) {
		rc = -1;
	}
	keep_devs(in, &devs, BOOT_PROBE_ALL);
	return rc;
}

/* One look after a batch of uevents: build the maps when paths changed
 * (the root's LUN alone when a path shows it), then look for the
 * root. */
static enum boot_next look(struct init *in, long long *wake_at)
{
	/* lvm reads the filter of the maps built (members off) */
	struct once_args build = {
		.mode = ONCE_BUILD, .lvm_conf = in->lvm ? BOOT_LVM_CONF : NULL,
	};
	char wwid[256];
	struct boot_wait_state s = {
		.deadline = in->deadline, .multipath = !in->cl.disabled,
	};
	struct boot_devs devs;
	struct mpb_env e;
	enum boot_next next;
	enum boot_probe probe = BOOT_PROBE_ALL;
	int idx = -1, pass;
	long long start = now_ms(), built;

	/* One scan of the paths serves the assembly and the root's WWID.
	 * Without them (a configuration that does not parse, no sysfs) the
	 * root can still be a plain disk. */
	if (env_open(in->o, &e)) {
		if (in->assemble)
			log_err("no maps built: the configuration or the paths "
				"could not be read (said above)");
		in->assemble = 0;
	} else if (in->assemble && !in->cl.disabled) {
		int lun = root_lun(in, &e, wwid, sizeof(wwid));

		/* giving up: every map, for the message and the shell */
		if (lun < 0 && in->deadline && now_ms() >= in->deadline)
			lun = 0;

		/* No daemon runs yet: queueing as --once would without
		 * one; the daemon, started before switch_root, turns it
		 * on and builds the other LUNs. */
		build.wwid = lun > 0 ? wwid : NULL;
		if (lun >= 0)
			once_assemble(&e, &build, e.cfg.queue_without_daemon);
		/* the root is on the maps just built: the thousands of
		 * other paths need no second probe (all of them if not) */
		if (lun > 0)
			probe = BOOT_PROBE_DM;
		in->assemble = lun < 0;	/* again when more came */
	} else {
		in->assemble = 0;
	}
	built = now_ms();
	/* a second pass after lvm activated volumes, or probing every
	 * device when the maps alone did not have the root */
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			probe = BOOT_PROBE_ALL;
		if (read_devs(in, probe, &e.paths, &devs)) {
			env_close(&e);
			*wake_at = 0;
			return BOOT_GIVE_UP;
		}
		if (in->cl.root.kind != ROOT_NONE)
			idx = boot_root_find(&in->cl.root, &devs);
		if (idx >= 0 || pass ||
		    (probe != BOOT_PROBE_DM && !activate_lvm(in, &devs)))
			break;
		keep_devs(in, &devs, probe);
	}
	s.now = now_ms();
	s.found = idx >= 0;
	/* where the time to root goes, look by look (the boot bench) */
	log_dbg("look: %zu paths, %zu block devices, root %s; %lld ms to "
		"scan and build, %lld ms to look", e.paths.n, devs.n,
		s.found ? devs.v[idx].name : "not seen", built - start,
		s.now - built);
	if (s.found) {
		const struct boot_dev *d = &devs.v[idx];

		in->root = *d;
		s.on_map = d->dm_name[0] != '\0';
		/* a plain root is mounted by a look whose scan began after
		 * it was seen: an earlier scan may have missed its paths */
		s.unbuilt = !s.on_map && strcmp(in->plain_seen, d->name);
		if (s.unbuilt) {
			str_copy(in->plain_seen, d->name,
				 sizeof(in->plain_seen));
			in->assemble = 1;
		}
		s.root_paths = d->wwid[0] ? paths_of(&e.paths, d->wwid) : 0;
		if (!s.on_map && !in->single_since)
			in->single_since = s.now;
		s.single_since = in->single_since;
	}
	/* with the kernel still attaching disks, a root's WWID that no
	 * list names waits for a second path as under smart */
	s.smart = e.cfg.find_multipaths == FIND_SMART ||
		  (in->mods.nowait && e.cfg.find_multipaths == FIND_ON);
	s.find_timeout = 1000LL * abs(e.cfg.find_multipaths_timeout);
	if (!s.find_timeout)
		s.find_timeout = 10000;
	if (in->cl.root.kind == ROOT_NONE)
		s.deadline = s.now;	/* nothing to wait for */
	next = boot_decide(&s, wake_at);
	if (next == BOOT_GIVE_UP)
		report(in, &e, &devs);
	keep_devs(in, &devs, probe);
	env_close(&e);
	return next;
}

/* Read every waiting uevent: modaliases are loaded, block devices that
 * come or go make the next look. */
static int drain_uevents(struct init *in)
{
	char buf[UEV_MSG_MAX];
	struct uevent ev;
	int rc, changed = 0;

	while ((rc = uev_recv(in->uevfd, buf, sizeof(buf), &ev)) != -EAGAIN) {
		if (rc == -ENOBUFS) {	/* events lost: start over */
			boot_mods_coldplug(&in->mods, in->sysfd);
			in->assemble = changed = 1;
			continue;
		}
		if (rc)
			break;
		if (ev.modalias && !strcmp(ev.action, "add"))
			boot_mods_alias(&in->mods, ev.modalias);
		if (!ev.subsystem || strcmp(ev.subsystem, "block"))
			continue;
		changed = 1;
		/* a disk whose table changed, or a name that may come back
		 * as another disk: what libblkid said is asked again (dm
		 * devices are checked by their dm UUID) */
		if (ev.devname && strncmp(ev.devname, "dm-", 3) &&
		    strcmp(ev.action, "add"))
			boot_devs_free(&in->known);
		/* a path's disk; dm devices are ours */
		if (ev.devtype && !strcmp(ev.devtype, "disk") && ev.devname &&
		    strncmp(ev.devname, "dm-", 3) &&
		    (!strcmp(ev.action, "add") || !strcmp(ev.action, "remove")))
			in->assemble = 1;
	}
	return changed;
}

/* Wait for the root as uevents come. Returns BOOT_MOUNT or
 * BOOT_GIVE_UP. */
static enum boot_next wait_root(struct init *in)
{
	long long wake_at;
	enum boot_next next;

	in->deadline = in->timeout ? now_ms() + in->timeout * 1000LL : 0;
	in->single_since = 0;
	in->assemble = 1;
	next = look(in, &wake_at);
	while (next == BOOT_WAIT) {
		long long left = wake_at ? wake_at - now_ms() : -1;
		struct pollfd pfd = { .fd = in->uevfd, .events = POLLIN };
		int changed = 0;

		if (wake_at && left < 0)
			left = 0;
		if (in->uevfd < 0) {
			/* no uevents (a kernel without netlink): look once
			 * a second */
			left = left < 0 || left > 1000 ? 1000 : left;
			in->assemble = changed = 1;
		}
		if (poll(&pfd, in->uevfd >= 0, left > INT_MAX ? INT_MAX :
			 (int)left) > 0)
			changed = drain_uevents(in);
		if (!changed && wake_at && now_ms() < wake_at)
			continue;
		next = look(in, &wake_at);
	}
	return next;
}

static int mount_root(struct init *in)
{
	unsigned long flags = in->cl.readonly != 0 ? MS_RDONLY : 0;
	const char *types = in->cl.rootfstype ? in->cl.rootfstype :
			    in->root.fstype;
	char src[192], list[128], *type, *save = NULL;
	struct stat st;

	if (in->root.dm_name[0])
		snprintf(src, sizeof(src), "/dev/mapper/%s", in->root.dm_name);
	if (!in->root.dm_name[0] || stat(src, &st))
		snprintf(src, sizeof(src), "/dev/%s", in->root.name);
	if (!types[0]) {
		log_err("root %s (%s): no file system found; rootfstype= says "
			"which", in->cl.root.text, src);
		return -EINVAL;
	}
	if (mkdir(NEWROOT, 0755) && errno != EEXIST)
		return -errno;
	/* rootfstype= may list several, as for the kernel */
	str_copy(list, types, sizeof(list));
	for (type = strtok_r(list, ",", &save); type;
	     type = strtok_r(NULL, ",", &save)) {
		char alias[96];

		/* the kernel would ask a modprobe the initramfs lacks */
		snprintf(alias, sizeof(alias), "fs-%s", type);
		boot_mods_alias(&in->mods, alias);
		if (!mount(src, NEWROOT, type, flags, in->cl.rootflags)) {
			log_warn("root %s: %s (%s) mounted on %s%s",
				 in->cl.root.text, src, type, NEWROOT,
				 flags & MS_RDONLY ? " read-only" : "");
			return 0;
		}
		log_err("cannot mount %s (%s) on %s: %s", src, type, NEWROOT,
			strerror(errno));
	}
	return -EIO;
}

/* The checker daemon, started by its own binary under a name systemd
 * spares ('@' first); `mpboot daemon` returns when it is ready: with the
 * root on a multipath map, once that LUN's maps are (--first), the other
 * LUNs assembled after (decision 87). */
static void start_daemon(const struct init *in)
{
	const char *first = boot_root_map_wwid(&in->root);
	char *argv[] = { "@mpboot", "daemon", "--root", NEWROOT,
			 first ? "--first" : NULL, (char *)first, NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		log_err("cannot start the daemon: %s", strerror(errno));
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		log_warn("daemon started: paths are checked after switch_root");
	else
		log_err("daemon not started (status %d): no path checking "
			"after switch_root", status);
}

/* The udev database entries of every map, partition map and path, so
 * that the real root's udev and systemd take the maps as their own;
 * after the daemon started, so the maps it built are there too. */
static void write_udev_db(struct init *in)
{
	struct dmio_list maps;
	struct udb_counts c;
	int runfd = fs_open_root("/run");

	if (runfd < 0 || dmio_list_all(&maps)) {
		log_err("udev database not written: cannot open /run or list "
			"the maps");
		if (runfd >= 0)
			close(runfd);
		return;
	}
	if (udb_write_all(in->sysfd, in->devfd, runfd, &maps, &c))
		log_err("udev database not written: out of memory");
	else
		log_info("udev database: %u entries written, %u kept, %u "
			 "failed", c.written, c.kept, c.failed);
	dmio_list_free(&maps);
	close(runfd);
}

/* A shell on the console when the initramfs has one; PID 1 waits for
 * it (and reaps what it leaves). Returns 0 after the shell, -ENOENT when
 * there is none. */
static int rescue_shell(void)
{
	pid_t pid;
	int status;

	if (access("/bin/sh", X_OK))
		return -ENOENT;
	fputs("mpboot: starting /bin/sh; leave it to look for the root "
	      "again\n", stderr);
	pid = fork();
	if (pid == 0) {
		setsid();
		setpriority(PRIO_PROCESS, 0, 0);
		execl("/bin/sh", "sh", (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(-1, &status, 0) != pid)
		;
	return 0;
}

/* No shell: wait, then restart the machine. PID 1 never returns. */
static void __attribute__((noreturn)) reboot_later(int timeout)
{
	struct timespec t = { .tv_sec = timeout ? 2 * timeout : 60 };

	fprintf(stderr, "mpboot: no /bin/sh: rebooting in %ld s\n",
		(long)t.tv_sec);
	while (nanosleep(&t, &t) && errno == EINTR)
		;
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

int cmd_init(const struct mpb_opts *o, int argc, char **argv)
{
	struct init in = { .o = o, .uevfd = -1 };

	(void)argc;
	if (getpid() != 1) {
		fprintf(stderr, "mpboot: init runs as PID 1 (an initramfs' "
			"/init), not from a running system\n");
		return 2;
	}
	if (boot_mount_early())
		fputs("mpboot: early mounts failed; trying on\n", stderr);
	in.sysfd = fs_open_root(o->sysfs);
	in.devfd = fs_open_root(o->dev);
	if (in.devfd >= 0)
		log_use_kmsg(in.devfd);
	if (cmdline_load(AT_FDCWD, &in.cl))
		log_err("cannot read the kernel command line");
	if (o->verbosity < 0 && in.cl.verbosity >= 0)
		log_verbosity = in.cl.verbosity;
	in.timeout = cmdline_root_timeout(&in.cl);
	in.lvm = !in.cl.no_lvm && !access(BOOT_LVM, X_OK);
	/* The kernel attaches disks in its workers while we look: with a
	 * thousand LUNs they would take the CPU from the root's search
	 * (decision 99). Back to normal once the root is mounted and the
	 * daemon ready with its LUN. */
	setpriority(PRIO_PROCESS, 0, INIT_NICE);
	/* Listen before loading drivers: no disk they find is missed. */
	in.uevfd = uev_open();
	if (in.uevfd < 0)
		log_err("no kernel uevents (%s): looking for the root once a "
			"second", strerror(-in.uevfd));
	load_modules(&in);
	if (!in.cl.disabled && dmio_init(o->dev))
		in.cl.disabled = 1;	/* said why; the root may be a disk */
	for (;;) {
		if (wait_root(&in) == BOOT_MOUNT && !mount_root(&in))
			break;
		if (rescue_shell())
			reboot_later(in.timeout);
	}
	boot_mods_async_end(&in.mods, in.sysfd);
	if (in.uevfd >= 0)
		close(in.uevfd);
	if (!in.cl.disabled)
		start_daemon(&in);	/* at our priority until it is ready */
	setpriority(PRIO_PROCESS, 0, 0);
	if (!in.cl.disabled)
		write_udev_db(&in);
	boot_mods_close(&in.mods);
	boot_pvs_free(&in.pvs);
	boot_devs_free(&in.known);
	boot_switch_root(NEWROOT, in.cl.init, argv);
	/* still here: no init could run */
	for (;;)
		if (rescue_shell())
			reboot_later(in.timeout);
}
