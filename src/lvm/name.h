/* Which device names the lvm module can put into LVM's files. */
#pragma once

/* Why name cannot be written as a device name that appears unchanged
 * under /dev, or NULL when it can: a dm name (libdevmapper turns any
 * character outside [0-9A-Za-z#+-.:=@_] into \xNN under /dev/mapper) or,
 * with kernel_name, a kernel block device name whose '!' stands for '/'. */
const char *lvm_name_refused(const char *name, int kernel_name);
