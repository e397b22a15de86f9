/* Keeping LVM off the paths of multipath maps: the global_filter line for
 * lvm.conf, the entries of LVM's devices file (system.devices), and the
 * edit of an existing lvm.conf. Pure logic: text in, new text out; the
 * caller reads and writes the files.
 *
 * The filter and the devices file never fail for one bad entry: what
 * cannot be written is left out (saying why), and they return how many
 * entries that cost LVM's protection, or -ENOMEM. lvm_conf_update returns
 * 0, -EINVAL for input it refuses (after logging why with log_err), or
 * -ENOMEM. On success *out is a new string the caller frees; on failure
 * it is NULL. */
#pragma once

#include <stddef.h>

/* One multipath map as LVM should see it. */
struct lvm_map {
	const char *name;		/* dm name: /dev/mapper/<name> */
	const char *uuid;		/* dm uuid: "mpath-<wwid>" */
	const char *const *parts;	/* partition map names ("mpatha1") */
	const char *const *part_uuids;	/* their dm uuids, same order:
					 * "part<N>-mpath-<wwid>" */
	size_t n_parts;
	const char *const *members;	/* path devices by kernel name: "sdb";
					 * sysfs '!' stands for '/' */
	size_t n_members;
};

/* The line `global_filter = [ ... ]` (no newline) that accepts the maps and
 * their partition maps and rejects every member path and its partitions.
 * Names are written only when made of [0-9A-Za-z#+-.:=@_] (the characters
 * libdevmapper keeps as they are in /dev/mapper; '!' too in member names).
 * A map or partition map name that is not is left out with a warning: it
 * matches no pattern, and LVM accepts such a device anyway. A member that
 * is not is left out with an error and counted in the result: LVM could
 * use that path. */
int lvm_filter_format(const struct lvm_map *maps, size_t n, char **line);

/* A devices file (system.devices) listing the maps and their partition
 * maps with IDTYPE=mpath_uuid, in the form LVM 2.03 writes: header
 * comments, VERSION=1.1.1, then one line per device. PVID=. (unknown):
 * LVM fills in the PVID itself when it finds one. A name that cannot be
 * written becomes DEVNAME=. (a hint LVM fills in); an entry whose dm uuid
 * is not mpath-<wwid> or part<N>-mpath-<wwid> (or missing: part_uuids is
 * needed when a map has partitions) is left out with an error and counted
 * in the result. */
int lvm_devices_file_format(const struct lvm_map *maps, size_t n,
			    char **text);

/* Put filter_line (as made by lvm_filter_format) into the lvm.conf text
 * old_text of old_len bytes (NULL: no file yet) and return the whole new
 * text in
 * *new_text. Only global_filter settings are touched; every other byte is
 * kept. where names the file in messages. Text that is not well-formed LVM
 * configuration (unbalanced braces or brackets, unterminated strings, a key
 * without a value) or that holds binary data (a NUL or control byte) is
 * refused with -EINVAL, never guessed at. */
int lvm_conf_update(const char *where, const char *old_text, size_t old_len,
		    const char *filter_line, char **new_text);
