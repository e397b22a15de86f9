/* The kernel command line (the text of /proc/cmdline), split into words
 * as the kernel does (a double-quoted part may hold blanks; the quotes
 * around a value or around a whole word are dropped). What mpboot reads:
 *   mpboot=off, rd.multipath=0, multipath=off, nompath   disable mpboot
 *   mpboot.wwid=W[,W...]   known WWIDs (repeatable)
 *   mpboot.find=off|on|strict|greedy|smart   find_multipaths
 *   mpboot.find_timeout=SECONDS  find_multipaths_timeout
 *   mpboot.verbose=0..6     verbosity
 *   mpboot.handover=auto|never|always   the hand-over to multipathd
 *   mpboot.part_delim=STR|default   the partition maps' delimiter
 * and for the init mode:
 *   root=UUID=|LABEL=|PARTUUID=|PARTLABEL=|/dev/...   the root device
 *                          (/dev/VG/LV is the map VG-LV, as LVM names it)
 *   rd.lvm.vg=VG, rd.lvm.lv=VG/LV, rd.lvm=0   what LVM activates
 *   rootfstype=, rootflags=, ro, rw, init=
 *   mpboot.timeout=SECONDS  how long to wait for the root (default 30,
 *                           0 forever); also rd.timeout= and rootdelay=
 *   mpboot.modules=M[,M...], rd.driver.pre=M[,M...]   modules to load
 * cmdline_parse is pure; cmdline_load reads the file. */
#pragma once

#include <stddef.h>

/* What the daemon does when multipathd runs in the real root
 * (src/daemon/handover.h says what "taken" means). */
enum handover_mode {
	HANDOVER_AUTO,		/* exit once multipathd took every map; add
				 * the WWIDs it would refuse to its wwids */
	HANDOVER_NEVER,		/* keep checking; write nothing of the root's */
	HANDOVER_ALWAYS,	/* exit once multipathd is configured, whether
				 * it took every map or not */
};

#define CMDLINE_ROOT_TIMEOUT 30	/* seconds, when nothing says otherwise */

/* How root= names the device. */
enum root_kind {
	ROOT_NONE,	/* no root= (or one mpboot cannot use) */
	ROOT_UUID,	/* the file system's UUID (UUID=, /dev/disk/by-uuid/) */
	ROOT_LABEL,	/* its label */
	ROOT_PARTUUID,	/* the partition's GPT UUID or MBR id-nn */
	ROOT_PARTLABEL,	/* the GPT partition name */
	ROOT_MAPPER,	/* a device-mapper name (/dev/mapper/NAME, and
			 * /dev/VG/LV as LVM names its map) */
	ROOT_BYID,	/* a /dev/disk/by-id/ name, as udev makes them */
	ROOT_KNAME,	/* a kernel name: dm-3, sda1, ... (/dev/NAME) */
};

struct boot_root {
	enum root_kind kind;
	char *value;	/* what follows UUID=, /dev/mapper/, ...; NULL: none */
	char *text;	/* root= as given, for messages */
};

struct boot_cmdline {
	int disabled;
	char **wwids;
	size_t n_wwids;
	int find_multipaths;	/* enum find_multipaths, -1 unset */
	int find_timeout;	/* seconds, -1 unset */
	int verbosity;		/* 0-6, -1 unset */
	enum handover_mode handover;	/* default auto */
	char *part_delim;	/* mpboot.part_delim=: a delimiter kpartx_delim_value
				 * takes, "default"; NULL unset */
	/* the init mode's */
	struct boot_root root;
	char *rootfstype, *rootflags, *init;	/* NULL: unset */
	int readonly;		/* 1 ro, 0 rw, -1 unset (ro) */
	int timeout;		/* mpboot.timeout, -1 unset */
	int rd_timeout;		/* rd.timeout, -1 unset */
	int rootdelay;		/* rootdelay, -1 unset */
	char **modules;		/* mpboot.modules= and rd.driver.pre= */
	size_t n_modules;
	char **lvm_vgs;		/* rd.lvm.vg=: volume groups to activate */
	size_t n_lvm_vgs;
	char **lvm_lvs;		/* rd.lvm.lv=: VG/LV to activate */
	size_t n_lvm_lvs;
	int no_lvm;		/* rd.lvm=0: activate nothing */
};

/* Parse text into out (overwritten). A bad value is a warning naming the
 * parameter, then ignored. Returns 0 or -ENOMEM. */
int cmdline_parse(const char *text, struct boot_cmdline *out);

/* Parse root= 's value (pure). Returns 0, or -EINVAL for a form mpboot
 * does not know (out->kind ROOT_NONE), or -ENOMEM. */
int cmdline_parse_root(const char *value, struct boot_root *out);

/* Seconds to wait for the root: mpboot.timeout=, else rd.timeout=, else
 * rootdelay=, else CMDLINE_ROOT_TIMEOUT; 0 is forever. */
int cmdline_root_timeout(const struct boot_cmdline *cl);

/* Parse <rootfd>/proc/cmdline into out; where the root has no such file
 * (no /proc mounted in it), the running system's /proc/cmdline; none
 * there either is an empty command line. Returns 0 or -ENOMEM. */
int cmdline_load(int rootfd, struct boot_cmdline *out);

void cmdline_free(struct boot_cmdline *cl);
void cmdline_root_free(struct boot_root *r);
