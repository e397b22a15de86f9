/* File access relative to a directory descriptor. mpboot opens its roots
 * (sysfs, dev, config root) once and does all I/O with openat, so the same
 * code runs against fixture trees and keeps working after switch_root
 * moves the mounts. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Read up to cap bytes of dirfd/rel. Returns bytes read or -errno. */
ssize_t fs_read(int dirfd, const char *rel, void *buf, size_t cap);

/* Read a one-line text attribute (sysfs style) into buf as a C string with
 * trailing whitespace removed. Returns its length or -errno; -ENOSPC when it
 * does not fit. */
ssize_t fs_read_attr(int dirfd, const char *rel, char *buf, size_t cap);

/* Read a whole text file into a new NUL-terminated buffer (caller frees).
 * Files over max_size bytes are refused with -EFBIG. */
int fs_slurp(int dirfd, const char *rel, size_t max_size, char **out,
	     size_t *len);

/* Open a directory to use as a root. Returns the fd or -errno. */
int fs_open_root(const char *path);

/* Replace dirfd/rel with text in one rename, so no reader ever sees half a
 * file; creates the parent directory when missing. Returns 0 or -errno. */
int fs_write_atomic(int dirfd, const char *rel, const char *text);
