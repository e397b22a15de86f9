/* Helpers for walking sysfs through its root fd: paths are strings
 * relative to that root ("devices/pci0000:00/.../block/sdb"), symlinks are
 * resolved as strings, exactly as the kernel lays them out, so a captured
 * tree behaves like the real one. */
#pragma once

#include <stddef.h>

#define SYSFS_PATH_MAX	4096

/* Join dir and name with '/' into out. Returns 0 or -ENAMETOOLONG. */
int sysfs_join(char *out, size_t size, const char *dir, const char *name);

/* Resolve the relative symlink target `target`, found in directory dir,
 * into a normalized path relative to the root (no ".", "..", "//").
 * Pure string work. Returns 0, -EXDEV when the target is absolute or climbs
 * above the root, -ENAMETOOLONG. */
int sysfs_resolve(char *out, size_t size, const char *dir, const char *target);

/* Read the symlink dir/name and resolve it as sysfs_resolve does.
 * Returns 0 or -errno (-EINVAL: not a symlink). */
int sysfs_read_link(int sysfd, const char *dir, const char *name, char *out,
		    size_t size);

/* Read the text attribute dir/name, trailing whitespace removed, cut to
 * size - 1 characters. Returns 0 or -errno; dst is "" on error. */
int sysfs_read_str(int sysfd, const char *dir, const char *name, char *dst,
		   size_t size);

/* Read a decimal attribute no greater than max. Returns 0, -errno, or
 * -EINVAL when it is not a plain number in range. */
int sysfs_read_ull(int sysfd, const char *dir, const char *name,
		   unsigned long long max, unsigned long long *v);

/* Parse a whole decimal string no greater than max. Returns 0 or -EINVAL. */
int sysfs_parse_ull(const char *s, unsigned long long max,
		    unsigned long long *v);

/* Write value (no newline, one write, as the kernel wants a store) to the
 * attribute dir/name. Returns 0 or -errno. */
int sysfs_write_str(int sysfd, const char *dir, const char *name,
		    const char *value);
