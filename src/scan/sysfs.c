#include "scan/sysfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/str.h"

int sysfs_join(char *out, size_t size, const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);

	if (d + 1 + n + 1 > size)
		return -ENAMETOOLONG;
	memcpy(out, dir, d);
	out[d] = '/';
	memcpy(out + d + 1, name, n + 1);
	return 0;
}

int sysfs_resolve(char *out, size_t size, const char *dir, const char *target)
{
	size_t len = strlen(dir);
	const char *c = target, *e;

	if (*target == '/')
		return -EXDEV;
	if (len + 1 > size)
		return -ENAMETOOLONG;
	memcpy(out, dir, len + 1);
	for (; *c; c = *e ? e + 1 : e) {
		size_t n;

		e = strchr(c, '/');
		if (!e)
			e = c + strlen(c);
		n = (size_t)(e - c);
		if (n == 0 || (n == 1 && c[0] == '.'))
			continue;
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			char *slash;

			if (!len)
				return -EXDEV;
			slash = strrchr(out, '/');
			len = slash ? (size_t)(slash - out) : 0;
			out[len] = '\0';
			continue;
		}
		if (len + (len ? 1 : 0) + n + 1 > size)
			return -ENAMETOOLONG;
		if (len)
			out[len++] = '/';
		memcpy(out + len, c, n);
		len += n;
		out[len] = '\0';
	}
	return 0;
}

int sysfs_read_link(int sysfd, const char *dir, const char *name, char *out,
		    size_t size)
{
	char rel[SYSFS_PATH_MAX], target[SYSFS_PATH_MAX];
	ssize_t n;
	int err = sysfs_join(rel, sizeof(rel), dir, name);

	if (err)
		return err;
	n = readlinkat(sysfd, rel, target, sizeof(target));
	if (n < 0)
		return -errno;
	if ((size_t)n >= sizeof(target))
		return -ENAMETOOLONG;
	target[n] = '\0';
	return sysfs_resolve(out, size, dir, target);
}

int sysfs_read_str(int sysfd, const char *dir, const char *name, char *dst,
		   size_t size)
{
	char rel[SYSFS_PATH_MAX], tmp[512];
	ssize_t n;
	int err = sysfs_join(rel, sizeof(rel), dir, name);

	if (size)
		dst[0] = '\0';
	if (err)
		return err;
	n = fs_read_attr(sysfd, rel, tmp, sizeof(tmp));
	if (n < 0)
		return (int)n;
	str_copy(dst, tmp, size);
	return 0;
}

int sysfs_parse_ull(const char *s, unsigned long long max,
		    unsigned long long *v)
{
	unsigned long long x = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (d > 9 || d > max || x > (max - d) / 10)
			return -EINVAL;
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}

int sysfs_read_ull(int sysfd, const char *dir, const char *name,
		   unsigned long long max, unsigned long long *v)
{
	char buf[32];
	int err = sysfs_read_str(sysfd, dir, name, buf, sizeof(buf));

	return err ? err : sysfs_parse_ull(buf, max, v);
}

int sysfs_write_str(int sysfd, const char *dir, const char *name,
		    const char *value)
{
	char rel[SYSFS_PATH_MAX];
	size_t len = strlen(value);
	ssize_t n;
	int fd, err = sysfs_join(rel, sizeof(rel), dir, name);

	if (err)
		return err;
	fd = openat(sysfd, rel, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	err = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) && !err)
		err = -errno;
	return err;
}
