/* The init mode (`mpboot init`, or mpboot as /init): what it is made of.
 * src/cmd/init.c runs the steps; each file here is one concern, and the
 * decisions (which device is the root, whether to wait, what to delete,
 * what to say on failure) are pure and unit-tested, apart from the
 * system calls. */
#pragma once

#include <stddef.h>
#include <sys/stat.h>

#include "config/cmdline.h"
#include "util/strmap.h"

struct kmod_ctx;

/* mounts.c: /proc, /sys, /dev (devtmpfs) and /run (tmpfs), each made
 * and mounted unless something is mounted there already; the console as
 * fds 0-2 when the kernel left none. Returns 0, or -errno of the first
 * mount that failed (said in the log). */
int boot_mount_early(void);

/* modlist.c: the initramfs' module list (one name per line; blank lines
 * and '#' comments skipped; blanks around a name ignored), appended to
 * *list. Returns 0 or -ENOMEM. */
int boot_modlist_parse(const char *text, char ***list, size_t *n);

/* modules.c: loading modules with libkmod, their dependencies first. */
struct boot_mods {
	struct kmod_ctx *ctx;	/* NULL: no module directory (all built in) */
	char **failed;		/* names asked for that did not load */
	size_t n_failed;
	struct strmap seen;	/* modaliases looked up already (keys in
				 * aliases) */
	char **aliases;
	size_t n_aliases;
	int nowait;		/* between boot_mods_async and _async_end */
	char async_was;		/* module.async_probe before boot_mods_async
				 * turned it on ('Y', 'N'); 0: untouched */
};
int boot_mods_open(struct boot_mods *m);
void boot_mods_close(struct boot_mods *m);
/* Load a module by name or alias; a failure is logged and its name
 * remembered. */
void boot_mods_load(struct boot_mods *m, const char *name);
/* Load what matches a device's modalias; no match is normal (a device
 * with no driver, or one built in). A modalias is looked up once: a
 * thousand disks all say scsi:t-0x00. */
void boot_mods_alias(struct boot_mods *m, const char *modalias);
/* From now on a module load returns before its devices are probed: the
 * kernel otherwise makes every load wait for all asynchronous probes,
 * so until the last of a thousand disks is attached, while the root's
 * LUN came long before; their uevents say when they come. The loads get
 * the async_probe option, and module.async_probe is turned on (kernel
 * 6.0 and later), which covers the dependencies libkmod inserts too.
 * boot_mods_async_end goes back to waiting and to the kernel's
 * setting. */
void boot_mods_async(struct boot_mods *m, int sysfd);
void boot_mods_async_end(struct boot_mods *m, int sysfd);
/* Coldplug: the modalias of every device under <sysfs>/devices. */
void boot_mods_coldplug(struct boot_mods *m, int sysfd);

/* blockdev.c: the block devices the root may be on, as the kernel and
 * libblkid show them. */
struct boot_dev {
	char name[32];		/* kernel name: sdb, sdb1, dm-3 */
	unsigned major, minor;
	int partno;		/* partition number, 0 for a whole device */
	int parent;		/* index of the whole device, -1 */
	int held;		/* a whole disk some dm map holds (a path) */
	int probed;		/* libblkid was asked (or its answer reused) */
	char dm_name[128];	/* "" when not a dm device */
	char dm_uuid[160];
	char wwid[256];		/* sd disk and its partitions: the path's */
	/* what libblkid found: file system and partition entry */
	char fstype[32], uuid[64], label[128];
	char partuuid[64], partlabel[128];
};

struct boot_devs {
	struct boot_dev *v;
	size_t n;
};

/* What boot_devs_read asks libblkid about. */
enum boot_probe {
	BOOT_PROBE_NONE,	/* only names are known */
	BOOT_PROBE_ALL,		/* every device no map holds */
	BOOT_PROBE_DM,		/* dm devices alone: the root's LUN was
				 * just built, the root is on its maps */
};

/* Every dm device and sd disk and partition under <sysfs>/class/block,
 * with dm names and UUIDs and the WWIDs of wwid_of (sd name -> WWID,
 * NULL: none). probe: which devices libblkid is asked for file systems
 * and partition entries (opening the nodes under devfd); of the paths of
 * one WWID only one is asked, as they show the same blocks. known (NULL:
 * none) is an earlier read: a device it probed under the same name and
 * number, with no partition it did not have, gets that answer again
 * instead of a probe. Returns 0 or -errno. */
int boot_devs_read(int sysfd, int devfd, enum boot_probe probe,
		   const char *(*wwid_of)(void *ctx, const char *dev),
		   void *ctx, const struct boot_devs *known,
		   struct boot_devs *out);
/* What boot_devs_read does with probe, on devices read already: those
 * answered already keep their answers, and with listed only the paths
 * whose WWID listed(ctx, wwid) accepts are asked (the LUNs an installed
 * system lists in its wwids file, asked before the others). Returns 0
 * or -ENOMEM. */
int boot_devs_probe(int devfd, struct boot_devs *devs, enum boot_probe probe,
		    const struct boot_devs *known,
		    int (*listed)(void *ctx, const char *wwid), void *ctx);
void boot_devs_free(struct boot_devs *d);

/* rootmatch.c (pure): whether d is what root= names. By-id names are
 * the ones udev makes: dm-name-NAME, dm-uuid-UUID, scsi-WWID and
 * scsi-WWID-partN. */
int boot_root_matches(const struct boot_root *r, const struct boot_dev *d);
/* The root among devs: a dm device first, then a disk or partition no
 * map holds. Returns its index or -1. */
int boot_root_find(const struct boot_root *r, const struct boot_devs *devs);

/* Root first (pure): the LUN to build before looking for the root
 * again, from devs read before any map of it exists: the WWID of the
 * path whose disk or partition root= names. "" when no path has it yet
 * (build nothing: the root's LUN has not come); NULL to build every LUN
 * present, when root= names a map (known only once built) or the root
 * may be an LV (a path shows an LVM physical volume). */
const char *boot_root_lun(const struct boot_root *r,
			  const struct boot_devs *devs);

/* The WWID of the multipath map d is ("mpath-W") or a partition map of
 * ("partN-mpath-W"), else NULL: the LUN the daemon readies first
 * (`--first`, decision 87). */
const char *boot_root_map_wwid(const struct boot_dev *d);

/* decide.c (pure): after each batch of uevents, whether the root is
 * there to mount, worth waiting for, or given up on. Times are
 * milliseconds of a monotonic clock. */
enum boot_next {
	BOOT_WAIT,	/* poll for uevents until *wake_at */
	BOOT_MOUNT,	/* the root is ready */
	BOOT_GIVE_UP,	/* the timeout ran out */
};

struct boot_wait_state {
	long long now;
	long long deadline;	/* 0: wait forever */
	int found;		/* boot_root_find found it */
	int on_map;		/* ... on a dm device */
	int multipath;		/* maps are built (not rd.multipath=0) */
	int smart;		/* find_multipaths smart */
	int root_paths;		/* plain root: paths of its WWID */
	int unbuilt;		/* plain root first seen by this look, whose
				 * scan may have missed its paths: look
				 * again */
	long long single_since;	/* plain root: when first seen, 0 not */
	long long find_timeout;	/* find_multipaths_timeout in ms */
};

enum boot_next boot_decide(const struct boot_wait_state *s,
			   long long *wake_at);

/* report.c (pure): the console message when the root never came: what
 * root= asked for, the WWIDs seen with their path counts, the modules
 * that failed. Into buf (size bytes, always terminated); returns the
 * length it needed. */
struct boot_seen {
	const char *wwid;
	int paths;
	const char *map;	/* its map's name, NULL when none */
};
size_t boot_report(char *buf, size_t size, const struct boot_cmdline *cl,
		   int timeout, const struct boot_seen *seen, size_t n_seen,
		   char *const *failed_mods, size_t n_failed);

/* lvm.c: the root on LVM, activated by Debian's lvm when the initramfs
 * has it. */
#define BOOT_LVM	"/sbin/lvm"
#define BOOT_LVM_CONF	"/etc/lvm/lvm.conf"
/* The VG/LV of an LV's dm name (pure): "vg-root" is "vg/root", "my--vg-
 * lv" is "my-vg/lv". Returns 0, or -EINVAL for a name LVM would not
 * give an LV (no lone '-', two of them, or too long for out). */
int boot_lvm_split(const char *dm_name, char *out, size_t size);
/* lvm's argv (pure, NULL-terminated, cap entries at most): rd.lvm.lv=
 * with lvchange -ay; else the VG/LV of root=/dev/mapper/VG-LV (or
 * /dev/VG/LV) with lvchange -ay, unless rd.lvm.vg= names VGs: vgchange
 * -ay of those; else vgchange -aay, every VG. Pointers go into cl and
 * into buf (size bytes). Returns argc or -E2BIG. */
int boot_lvm_argv(const struct boot_cmdline *cl, char *buf, size_t size,
		  const char **argv, size_t cap);
/* The LVM physical volumes seen so far (major << 32 | minor). */
struct boot_pvs {
	unsigned long long *v;
	size_t n, cap;
};
/* Add the devices of devs where libblkid found an LVM physical volume
 * and that are not in seen yet (pure). Returns how many were new, or
 * -ENOMEM. */
int boot_lvm_new_pvs(const struct boot_devs *devs, struct boot_pvs *seen);
void boot_pvs_free(struct boot_pvs *seen);
/* Run lvm (its path) with argv, without udev; the command and a failure
 * are logged. Returns 0, -EIO when lvm failed, or -errno. */
int boot_lvm_run(const char *lvm, const char *const *argv);

/* switchroot.c: move /dev, /proc, /sys and /run into newroot, delete
 * the initramfs (not crossing into other mounts; only when / is a ramfs
 * or tmpfs), make newroot /, and exec init with argv (argv[0] replaced
 * by init's path). Returns -errno only when it failed before the old
 * root was touched, or when no init could be executed. */
int boot_switch_root(const char *newroot, const char *init, char **argv);
/* Whether a root file system of this statfs type may be emptied: the
 * initramfs is ramfs or tmpfs; anything else is a disk. */
int boot_may_delete_root(unsigned long fs_type);
/* Whether an entry of the old root is deleted: on the same device as
 * the root (not a mount point of another file system). */
int boot_deletes(const struct stat *root, const struct stat *entry);
