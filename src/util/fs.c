#include "util/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One read: sysfs and procfs hand over a whole attribute in one read, and
 * a regular file returns less than asked only at its end. Not looping for
 * the read that would return 0 saves a quarter of a sysfs scan's calls. */
static ssize_t read_all(int fd, void *buf, size_t cap)
{
	ssize_t n;

	do
		n = read(fd, buf, cap);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

ssize_t fs_read(int dirfd, const char *rel, void *buf, size_t cap)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read_all(fd, buf, cap);
	close(fd);
	return n;
}

ssize_t fs_read_attr(int dirfd, const char *rel, char *buf, size_t cap)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	char more;

	if (cap)
		buf[0] = '\0';
	if (fd < 0)
		return -errno;
	n = cap ? read_all(fd, buf, cap) : 0;
	/* A full buffer fits only when the file ends there and the last byte
	 * is whitespace we drop anyway. */
	if (n >= 0 && (size_t)n == cap &&
	    (cap == 0 || read_all(fd, &more, 1) != 0 ||
	     (buf[n - 1] != '\n' && buf[n - 1] != ' ')))
		n = -ENOSPC;
	close(fd);
	if (n < 0) {
		if (cap)
			buf[0] = '\0';
		return n;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
			 buf[n - 1] == '\t' || buf[n - 1] == '\0'))
		n--;
	buf[n] = '\0';
	return n;
}

int fs_slurp(int dirfd, const char *rel, size_t max_size, char **out,
	     size_t *len)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	char *buf;
	ssize_t n;

	if (fd < 0)
		return -errno;
	buf = malloc(max_size + 2);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	n = read_all(fd, buf, max_size + 1);
	close(fd);
	if (n < 0 || (size_t)n > max_size) {
		free(buf);
		return n < 0 ? (int)n : -EFBIG;
	}
	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return 0;
}

int fs_open_root(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int fs_write_atomic(int dirfd, const char *rel, const char *text)
{
	char tmp[4096], dir[4096], *slash;
	size_t len = strlen(text), off = 0;
	int fd, rc = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.mpboot-new", rel) >= sizeof(tmp))
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdirat(dirfd, dir, 0755) && errno != EEXIST)
			return -errno;
	}
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		off += n;
	}
	if (!rc && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && renameat(dirfd, tmp, dirfd, rel))
		rc = -errno;
	if (rc)
		unlinkat(dirfd, tmp, 0);
	return rc;
}
