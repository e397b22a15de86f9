/* The transport a SCSI device hangs off, found from the names of its
 * ancestors in the sysfs device path: sessionN (iSCSI), rport-H:B-R (FC),
 * end_device-... (SAS). */
#pragma once

#include "scan/path.h"
#include "scan/tmo.h"

/* Fill p->transport and its union member for the SCSI device directory
 * scsidir (relative to the sysfs root, as resolved from the block device's
 * `device` link). Attributes that cannot be read stay ""/-1 and are logged
 * at debug level; finding no known ancestor means TRANSPORT_OTHER. */
void transport_probe(int sysfd, const char *scsidir, struct path *p);

/* Where the timeouts of the SCSI device at scsidir live (struct tmo_dirs):
 * its hostN's scsi_host class device and its transport's. Pure string
 * work. Returns 0 or -ENAMETOOLONG. */
int transport_find_dirs(const char *scsidir, struct tmo_dirs *d);

/* Write the transport timeouts s asks for into sysfs for path p (found
 * again from block/<dev>), in multipath-tools' order; with dry_run only
 * log them (-v 3). A failed write is a warning naming the attribute.
 * Returns the number of failures. */
int transport_set_tmo(int sysfd, const struct path *p,
		      const struct tmo_settings *s, int dry_run);
