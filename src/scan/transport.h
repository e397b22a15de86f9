/* The transport a SCSI device hangs off, found from the names of its
 * ancestors in the sysfs device path: sessionN (iSCSI), rport-H:B-R (FC),
 * end_device-... (SAS). */
#pragma once

#include "scan/path.h"

/* Fill p->transport and its union member for the SCSI device directory
 * scsidir (relative to the sysfs root, as resolved from the block device's
 * `device` link). Attributes that cannot be read stay ""/-1 and are logged
 * at debug level; finding no known ancestor means TRANSPORT_OTHER. */
void transport_probe(int sysfd, const char *scsidir, struct path *p);
