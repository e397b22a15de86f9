/* udev database entries, /run/udev/data/b<major>:<minor>, for a boot
 * without udev: what the real root's udev, systemd and LVM read about the
 * maps mpboot built, so that they take them for maps a udev in the
 * initramfs would have announced (ARCHITECTURE.md, decision 39, says which
 * keys and why).
 *
 * The format is systemd's (sd-device, database version 1): one record per
 * line, a key letter, ':', a value, '\n':
 *   S:<link under /dev>   L:<link priority>   I:<usec initialized>
 *   E:<KEY>=<VALUE>       G:<tag>  Q:<current tag>   V:<version>
 * written in that order. A value is never empty and never holds '\n' or
 * '\r' (sd-device ends a line at either, and reads an empty value as the
 * start of the next line).
 *
 * Formatting and parsing are pure (udevdb.c); udb_write and udb_write_all
 * (udevdb_write.c) do the I/O. */
#pragma once

#include <stddef.h>

#include "dm/dmio.h"

/* Limits of a parsed entry. udev's own entries for a disk hold some 60
 * properties; one that does not fit is refused (-E2BIG). */
#define UDB_MAX_LINKS	32
#define UDB_MAX_PROPS	128
#define UDB_MAX_TAGS	16

/* The property marking an entry mpboot wrote (value "1"): such an entry
 * may be replaced by mpboot; any other is udev's and is kept. */
#define UDB_MARK	"MPBOOT_UDEV_DB"

struct udb_prop {
	const char *key, *value;
};

/* An entry as data. The pointers point into the caller's strings (the
 * formatters) or into the parsed buffer (udb_parse). */
struct udb_entry {
	const char *links[UDB_MAX_LINKS];	/* S:, relative to /dev */
	size_t n_links;
	int priority;				/* L:, written when not 0 */
	unsigned long long usec;		/* I:, written when not 0 */
	struct udb_prop props[UDB_MAX_PROPS];	/* E: */
	size_t n_props;
	const char *tags[UDB_MAX_TAGS];		/* G: */
	size_t n_tags;
	const char *current_tags[UDB_MAX_TAGS];	/* Q: */
	size_t n_current_tags;
	unsigned version;			/* V:, written when not 0 */
};

/* What libblkid found on a map or partition map, under the names udev's
 * blkid builtin gives (ID_FS_TYPE, ID_FS_UUID, ID_FS_UUID_ENC,
 * ID_PART_TABLE_TYPE, ID_PART_ENTRY_UUID, ...), values made safe or
 * encoded as it does. */
#define UDB_PROBE_MAX	24
struct udb_probe {
	struct {
		char key[32];
		char value[256];
	} v[UDB_PROBE_MAX];
	size_t n;
};

/* Add libblkid's NAME=VALUE (blkid_probe_get_value: TYPE, UUID, LABEL,
 * PTTYPE, PART_ENTRY_NAME, ...) as udev's blkid builtin would: a name it
 * does not export is ignored (0), UUID and LABEL give two properties (the
 * safe string and the _ENC one). Returns 0, or -ENOSPC when p is full. */
int udb_probe_add(struct udb_probe *p, const char *name, const char *value);

/* The facts about one multipath map. */
struct udb_map {
	const char *name;		/* DM_NAME; the node /dev/mapper/<name> */
	const char *uuid;		/* DM_UUID, "mpath-<wwid>" */
	int suspended;			/* DM_SUSPENDED */
	int ready;			/* a path is usable: MPATH_DEVICE_READY */
	const struct udb_probe *probe;	/* NULL: not probed */
	unsigned long long usec;	/* CLOCK_MONOTONIC, 0: none */
};

/* The facts about one partition map (kpartx's kind) of a multipath map. */
struct udb_part {
	const char *name;		/* DM_NAME */
	const char *uuid;		/* "part<N>-mpath-<wwid>" */
	int suspended;
	const struct udb_probe *probe;	/* NULL: not probed */
	unsigned long long usec;
};

/* The facts about one LVM logical volume, as lvm activated it without
 * udev (the init mode's root on LVM). 56-lvm.rules works out the VG and
 * LV names itself (dmsetup splitname) once the entry says the device
 * is set up. */
struct udb_lv {
	const char *name;		/* DM_NAME */
	const char *uuid;		/* "LVM-<vg uuid><lv uuid>" */
	int suspended;
	const struct udb_probe *probe;	/* NULL: not probed */
	unsigned long long usec;
};

/* The facts about one path (sd device) of a multipath map. */
struct udb_member {
	const char *wwid;		/* its map's WWID: ID_SERIAL */
	unsigned long long usec;
};

/* The entry for each kind, into buf (cap bytes, NUL-terminated). Returns
 * the text's length, -EINVAL for a fact that cannot be written (missing,
 * empty, a line break, a UUID of the wrong kind), or -ENOSPC. */
int udb_format_map(const struct udb_map *m, char *buf, size_t cap);
int udb_format_part(const struct udb_part *p, char *buf, size_t cap);
int udb_format_member(const struct udb_member *m, char *buf, size_t cap);
int udb_format_lv(const struct udb_lv *l, char *buf, size_t cap);

/* Any entry, in udev's order (S, L, I, E, G, Q, V). Returns the length,
 * -EINVAL for a value udev could not read back, or -ENOSPC. */
int udb_format_entry(const struct udb_entry *e, char *buf, size_t cap);

/* Parse len bytes of buf (modified: NULs end the values; out points into
 * it). Only the grammar above is accepted: every line ends in '\n', holds
 * a known key and a non-empty value, I, L, V appear at most once and are
 * numbers. Returns 0, -EINVAL (*bad_line, if not NULL, says which line,
 * from 1) or -E2BIG (more than the limits above). */
int udb_parse(char *buf, size_t len, struct udb_entry *out, size_t *bad_line);

/* The value of key in e, or NULL. */
const char *udb_get(const struct udb_entry *e, const char *key);

enum udb_kind { UDB_MAP, UDB_PART, UDB_MEMBER, UDB_LV };

/* A device that gets an entry. */
struct udb_target {
	enum udb_kind kind;
	unsigned major, minor;
	const struct dmio_dev *dev;	/* MAP, PART, LV: the map; MEMBER:
					 * NULL */
	const struct dmio_dev *map;	/* the multipath map it belongs to;
					 * LV: NULL */
};

/* Every device of maps (an indexed list) that gets an entry: each
 * multipath map (UUID "mpath-...", target multipath), then the paths its
 * table names; each linear map whose UUID is "part<N>-" and such a map's
 * UUID; each LVM logical volume (UUID "LVM-..."). *out is malloc'd. *bad_tables counts the multipath maps whose
 * table does not parse (they get no member entries). Returns 0 or
 * -ENOMEM. */
int udb_targets(const struct dmio_list *maps, struct udb_target **out,
		size_t *n, size_t *bad_tables);

/* Put text in place as the entry of block device maj:min under rundirfd
 * (the /run directory): udev/data/b<maj>:<min>, mode 01644 (the sticky
 * bit is udev's db_persist: an initramfs' "udevadm info --cleanup-db"
 * keeps it), written to a temporary file in the same folder and renamed
 * over (no fsync: /run is a tmpfs). udev/data is created when missing.
 * For each G: tag, the empty file udev/tags/<tag>/b<maj>:<min> that
 * sd-device's enumeration by tag looks for. An entry mpboot did not write
 * (no UDB_MARK) is udev's and wins: it is kept, -EEXIST; so is one udev
 * writes between the check and the rename (renameat2 RENAME_NOREPLACE).
 * Returns 0 or -errno. */
int udb_write(int rundirfd, unsigned maj, unsigned min, const char *text);

/* What udb_write_all did. */
struct udb_counts {
	unsigned written, kept, failed;
};

/* Write the entries of every multipath map in maps (UUID "mpath-..."),
 * each of its partition maps and each path its table names, as the
 * kernel has them now: sysfd gives dm/suspended, devfd the nodes
 * libblkid probes (mapper/<name>; maps without a usable path are not
 * probed: I/O on them could queue forever), rundirfd the /run directory.
 * One line per entry at verbosity 3, a warning per failure. Returns 0,
 * or -errno when nothing could be tried. */
int udb_write_all(int sysfd, int devfd, int rundirfd,
		  const struct dmio_list *maps, struct udb_counts *counts);
