/* Path discovery: every SCSI disk (sd*) under <sysfs>/block with its SCSI
 * device, transport and VPD identifiers. One pass over sysfs, all reads
 * relative to the sysfs root fd; the device nodes (dev root fd) are opened
 * only for disks whose VPD page 0x83 sysfs does not cache. */
#pragma once

#include <stddef.h>

#include "scan/path.h"

struct path_list {
	struct path *v;
	size_t n;
	char (*skipped)[32];	/* sd devices left out, for summaries */
	size_t n_skipped;
};

/* Fill out with every path that has a WWID, sorted by (host, channel,
 * target, lun). Paths without a usable WWID, and entries whose sysfs is
 * broken, are left out with a message saying why (log_info for no WWID,
 * log_warn for broken sysfs). devfd may be -1: disks without a cached
 * vpd_pg83 are then skipped. Returns 0 (also when no path was found), or
 * -errno when <sysfs>/block cannot be read (not logged: the caller knows
 * the root's name) or memory runs out; out is empty then. Free with
 * path_list_free. */
int scan_paths(int sysfd, int devfd, struct path_list *out);

/* The path whose block device is major:minor, or NULL. */
const struct path *path_list_find(const struct path_list *l, unsigned major,
				  unsigned minor);

void path_list_free(struct path_list *l);
