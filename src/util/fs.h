/* File access relative to a directory descriptor. mpboot opens its roots
 * (sysfs, dev, config root) once and does all I/O with openat, so the same
 * code runs against fixture trees and keeps working after switch_root
 * moves the mounts.
 *
 * Files under the config root (dirfd other than AT_FDCWD in fs_slurp and
 * fs_update) stay inside it: "//x", "/x" and "x" are the same file,
 * ".." stops at the root, and symbolic links are resolved inside it
 * (openat2 RESOLVE_IN_ROOT; kernels before 5.6 get the lexical part
 * only). */
#pragma once

#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

/* The error for "not a regular file" (Linux has no EFTYPE; this one is
 * not returned by anything else mpboot calls). */
#define FS_ENOTREG	EMEDIUMTYPE

/* Read up to cap bytes of dirfd/rel (a sysfs attribute: one read). Never
 * blocks on a FIFO. Returns bytes read or -errno. */
ssize_t fs_read(int dirfd, const char *rel, void *buf, size_t cap);

/* Read a one-line text attribute (sysfs style) into buf as a C string with
 * trailing whitespace removed. Returns its length or -errno; -ENOSPC when it
 * does not fit. */
ssize_t fs_read_attr(int dirfd, const char *rel, char *buf, size_t cap);
/* The same from an open attribute, read again from its start: sysfs makes
 * the value anew for each read at offset 0. */
ssize_t fs_pread_attr(int fd, char *buf, size_t cap);

/* Read the whole of a regular file (procfs and sysfs files are regular:
 * their seq_files hand over a page per read, so this reads up to end of
 * file, whatever the size) into a new buffer with a NUL after its len
 * bytes; the text may hold NULs of its own. Anything but a regular file
 * (FIFO, device, directory) is refused with -FS_ENOTREG without
 * blocking.
 * Returns 0 or -errno. */
int fs_slurp(int dirfd, const char *rel, char **out, size_t *len);

/* Open rel inside the root dirfd as described above (AT_FDCWD: the
 * ordinary file system). Returns the fd or -errno. */
int fs_open(int dirfd, const char *rel, int flags);

/* Write all len bytes of text to fd (retrying short writes and EINTR).
 * Returns 0 or -errno. */
int fs_write_all(int fd, const char *text, size_t len);

/* Open a directory to use as a root. Returns the fd or -errno. */
int fs_open_root(const char *path);

/* path as a path relative to a root: leading and repeated '/' and "."
 * dropped, ".." resolved lexically and stopping at the root. "" and "/"
 * are ".". Returns the length or -ENAMETOOLONG. */
int fs_path_in_root(const char *path, char *out, size_t size);

/* How fs_update puts the new text in place. */
enum fs_update_mode {
	/* Append to the file in place, created (mode 0600) when missing:
	 * multipath-tools' way for the bindings and wwids files. */
	FS_APPEND,
	/* Replace the whole file in one rename from a temporary created
	 * O_EXCL next to it, with the old file's mode and owner (created
	 * 0644 when missing). A symbolic link is followed to the file it
	 * names, which is edited, when dirfd is AT_FDCWD; inside a root a
	 * link is refused (-ELOOP). */
	FS_REPLACE,
};

/* Given the file's current text (len bytes, NUL after them, "" for a new
 * file), set *out to a malloc'd text to append (FS_APPEND) or the whole
 * new text (FS_REPLACE), or NULL to change nothing. A negative return
 * leaves the file as it is and is fs_update's result. */
typedef int fs_edit_fn(void *ctx, const char *cur, size_t len, char **out);

/* Read-modify-write dirfd/rel under a POSIX write lock on the file itself
 * (fcntl F_SETLK on the whole file: the lock multipath-tools' open_file
 * takes), waiting up to 30 seconds for it, so two writers never lose each
 * other's lines. The parent directory is created when missing; file and
 * directory are fsync'd. Returns 0 or -errno: -FS_ENOTREG not a regular file,
 * -ELOOP a symbolic link (FS_REPLACE), -ETIMEDOUT still locked, -EPERM the
 * owner cannot be kept. */
int fs_update(int dirfd, const char *rel, enum fs_update_mode mode,
	      fs_edit_fn *edit, void *ctx);

/* strerror for the errors above, saying "not a regular file" for -FS_ENOTREG
 * and "binary data (NUL or control byte)" for -EILSEQ. */
const char *fs_strerror(int err);

/* Close every fd but 0-2, a and b (a <= b; a == b keeps one): a process
 * left waiting for a map with no path (a reader the caller gave up on)
 * must not hold the daemon's control socket, sg nodes or uevent socket.
 * Without close_range (kernels before 5.9), by /proc/self/fd. */
void fs_close_others(int a, int b);
