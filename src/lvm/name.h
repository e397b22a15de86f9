/* Which device names the lvm module can put into LVM's files. */
#pragma once

/* 0 when name is a device name that appears unchanged under /dev: a dm
 * name (libdevmapper turns any character outside [0-9A-Za-z#+-.:=@_] into
 * \xNN under /dev/mapper) or, with kernel_name, a kernel block device name
 * whose '!' stands for '/'. Otherwise logs why, naming what (and map,
 * unless NULL) and returns -EINVAL. */
int lvm_name_check(const char *map, const char *what, const char *name,
		   int kernel_name);
