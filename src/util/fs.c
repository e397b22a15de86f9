#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define LOCK_WAIT_MS	30000	/* multipath-tools' FILE_TIMEOUT */
#define LOCK_POLL_MS	20

/* One read: a sysfs attribute comes whole in one read, and a regular file
 * returns less than asked only at its end. Not looping for the read that
 * would return 0 saves a quarter of a sysfs scan's calls. */
static ssize_t read_once(int fd, void *buf, size_t cap)
{
	ssize_t n;

	do
		n = read(fd, buf, cap);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

ssize_t fs_read(int dirfd, const char *rel, void *buf, size_t cap)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read_once(fd, buf, cap);
	close(fd);
	return n;
}

ssize_t fs_pread_attr(int fd, char *buf, size_t cap)
{
	ssize_t n;
	char more;

	if (cap)
		buf[0] = '\0';
	do
		n = cap ? pread(fd, buf, cap, 0) : 0;
	while (n < 0 && errno == EINTR);
	if (n < 0)
		n = -errno;
	/* A full buffer fits only when the file ends there and the last byte
	 * is whitespace we drop anyway. */
	if (n >= 0 && (size_t)n == cap &&
	    (cap == 0 || pread(fd, &more, 1, n) != 0 ||
	     (buf[n - 1] != '\n' && buf[n - 1] != ' ')))
		n = -ENOSPC;
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

ssize_t fs_read_attr(int dirfd, const char *rel, char *buf, size_t cap)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		if (cap)
			buf[0] = '\0';
		return -errno;
	}
	n = fs_pread_attr(fd, buf, cap);
	close(fd);
	return n;
}

int fs_path_in_root(const char *path, char *out, size_t size)
{
	size_t n = 0;

	while (*path) {
		size_t len;

		path += strspn(path, "/");
		len = strcspn(path, "/");
		if (len == 0 || (len == 1 && path[0] == '.')) {
			path += len;
			continue;
		}
		if (len == 2 && path[0] == '.' && path[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			path += len;
			continue;
		}
		if (n + !!n + len + 2 > size)
			return -ENAMETOOLONG;
		if (n)
			out[n++] = '/';
		memcpy(out + n, path, len);
		n += len;
		path += len;
	}
	if (size < 2)
		return -ENAMETOOLONG;
	if (n == 0)
		out[n++] = '.';
	out[n] = '\0';
	return (int)n;
}

/* Open rel under the root dirfd, resolved inside it; AT_FDCWD is the
 * ordinary file system. */
static int open_in(int dirfd, const char *rel, int flags, mode_t mode)
{
	static int no_openat2;
	char norm[4096];
	struct open_how how = {
		.flags = flags, .mode = mode,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	long fd;
	int r;

	if (dirfd == AT_FDCWD)
		return openat(dirfd, rel, flags, mode);
	r = fs_path_in_root(rel, norm, sizeof(norm));
	if (r < 0) {
		errno = -r;
		return -1;
	}
	if (!no_openat2) {
		fd = syscall(SYS_openat2, dirfd, norm, &how, sizeof(how));
		if (fd >= 0 || errno != ENOSYS)
			return (int)fd;
		no_openat2 = 1;
	}
	return openat(dirfd, norm, flags, mode);
}

int fs_open(int dirfd, const char *rel, int flags)
{
	int fd = open_in(dirfd, rel, flags, 0);

	return fd < 0 ? -errno : fd;
}

/* Read from fd to end of file into a new buffer with a NUL after it. */
static int slurp_fd(int fd, char **out, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf, *more;
	ssize_t r;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -FS_ENOTREG;
	/* procfs and sysfs say 0 or 4096 whatever they hold */
	cap = (size_t)st.st_size + 4096;
	buf = malloc(cap + 1);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (n == cap) {
			more = cap > SIZE_MAX / 2 - 1 ? NULL :
			       realloc(buf, 2 * cap + 1);
			if (!more) {
				free(buf);
				return -ENOMEM;
			}
			buf = more;
			cap *= 2;
		}
		r = read_once(fd, buf + n, cap - n);
		if (r < 0) {
			free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		n += r;
	}
	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return 0;
}

int fs_slurp(int dirfd, const char *rel, char **out, size_t *len)
{
	int fd = open_in(dirfd, rel, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
	int r;

	*out = NULL;
	if (fd < 0)
		return -errno;
	r = slurp_fd(fd, out, len);
	close(fd);
	return r;
}

int fs_open_root(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int fs_write_all(int fd, const char *text, size_t len)
{
	while (len) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		text += n;
		len -= n;
	}
	return 0;
}

/* The whole-file write lock multipath-tools takes, polled so no signal is
 * needed for the time limit. */
static int lock_file(int fd)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct timespec pause = { 0, LOCK_POLL_MS * 1000000L };
	int waited;

	for (waited = 0;; waited += LOCK_POLL_MS) {
		if (!fcntl(fd, F_SETLK, &lk))
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return -errno;
		if (waited >= LOCK_WAIT_MS)
			return -ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
}

/* The parent directory of a path (normalized inside a root) and its last
 * part. */
struct fs_where {
	char dir[4096];
	char base[256];
};

static int split_path(int dirfd, const char *rel, struct fs_where *w)
{
	char *slash;
	int r;

	if (dirfd != AT_FDCWD)
		r = fs_path_in_root(rel, w->dir, sizeof(w->dir));
	else
		r = strlen(rel) < sizeof(w->dir) ? 0 : -ENAMETOOLONG;
	if (r < 0)
		return r;
	if (dirfd == AT_FDCWD)
		strcpy(w->dir, rel);
	slash = strrchr(w->dir, '/');
	if (strlen(slash ? slash + 1 : w->dir) >= sizeof(w->base))
		return -ENAMETOOLONG;
	strcpy(w->base, slash ? slash + 1 : w->dir);
	if (!slash)
		strcpy(w->dir, ".");
	else if (slash == w->dir)	/* "/name" */
		w->dir[1] = '\0';
	else
		*slash = '\0';
	if (!w->base[0] || !strcmp(w->base, ".") || !strcmp(w->base, ".."))
		return -EISDIR;
	return 0;
}

/* Open dir, making its last level when missing. The level is made in its
 * parent opened inside the root: mkdirat on the whole path would follow a
 * symbolic link in an earlier level out of the root. */
static int open_dir(int dirfd, const char *dir)
{
	const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	int fd = open_in(dirfd, dir, flags, 0), pfd, made;
	char parent[4096];
	const char *last = strrchr(dir, '/');

	if (fd >= 0 || errno != ENOENT || !strcmp(dir, "."))
		return fd < 0 ? -errno : fd;
	if (!last)
		strcpy(parent, ".");
	else
		snprintf(parent, sizeof(parent), "%.*s",
			 last == dir ? 1 : (int)(last - dir), dir);
	last = last ? last + 1 : dir;
	pfd = open_in(dirfd, parent, flags, 0);
	if (pfd < 0)
		return -errno;
	made = mkdirat(pfd, last, 0755) == 0 || errno == EEXIST;
	close(pfd);
	fd = made ? open_in(dirfd, dir, flags, 0) : -1;
	return fd < 0 ? -errno : fd;
}

static int append(int fd, const char *text)
{
	off_t end = lseek(fd, 0, SEEK_END);
	int r;

	if (end < 0)
		return -errno;
	r = fs_write_all(fd, text, strlen(text));
	if (r) {
		/* leave no half line behind */
		if (ftruncate(fd, end))
			r = -errno;
		return r;
	}
	return fsync(fd) ? -errno : 0;
}

/* Write text to a new temporary next to the file, with the file's mode
 * and owner, and rename it over the file. */
static int replace(int dfd, const char *base, const struct stat *old,
		   const char *text)
{
	char tmp[300];
	unsigned long long rnd;
	int fd = -1, r = 0, i;

	for (i = 0; i < 32 && fd < 0; i++) {
		if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
			rnd = (unsigned long long)getpid() << 16 ^ i ^ time(NULL);
		snprintf(tmp, sizeof(tmp), ".%s.mpboot-%012llx", base,
			 rnd & 0xffffffffffffULL);
		/* O_EXCL: a link planted at that name is never followed */
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			    O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return -errno;
	}
	if (fd < 0)
		return -EEXIST;
	if ((old->st_uid != geteuid() || old->st_gid != getegid()) &&
	    fchown(fd, old->st_uid, old->st_gid))
		r = -EPERM;
	if (!r && fchmod(fd, old->st_mode & 07777))
		r = -errno;
	if (!r)
		r = fs_write_all(fd, text, strlen(text));
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && renameat(dfd, tmp, dfd, base))
		r = -errno;
	if (r)
		unlinkat(dfd, tmp, 0);
	return r;
}

/* Open and lock the file. For FS_REPLACE the lock must be on the inode
 * the name still points to: a writer that renamed a new file in while we
 * waited has made ours stale. */
static int open_locked(int rootfd, int dfd, const char *rel,
		       const struct fs_where *w, enum fs_update_mode mode,
		       struct stat *st, int *created)
{
	const int flags = O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	struct stat now;
	int fd, r;

	for (;;) {
		*created = 0;
		if (mode == FS_APPEND) {
			fd = open_in(rootfd, rel, O_RDWR | O_CREAT | O_NONBLOCK |
				     O_CLOEXEC, 0600);
		} else {	/* not a link: one could have been put there */
			fd = openat(dfd, w->base, flags);
			if (fd < 0 && errno == ENOENT) {
				fd = openat(dfd, w->base, flags | O_CREAT |
					    O_EXCL, 0644);
				if (fd < 0 && errno == EEXIST)
					continue;
				*created = fd >= 0;
			}
		}
		if (fd < 0)
			return -errno;
		if (fstat(fd, st)) {
			r = -errno;
		} else if (!S_ISREG(st->st_mode)) {
			r = -FS_ENOTREG;
		} else {
			r = lock_file(fd);
			if (!r && mode == FS_REPLACE &&
			    !fstatat(dfd, w->base, &now, AT_SYMLINK_NOFOLLOW) &&
			    (now.st_ino != st->st_ino ||
			     now.st_dev != st->st_dev)) {
				close(fd);
				continue;
			}
		}
		if (r) {
			close(fd);
			return r;
		}
		return fd;
	}
}

int fs_update(int dirfd, const char *rel, enum fs_update_mode mode,
	      fs_edit_fn *edit, void *ctx)
{
	struct fs_where w;
	struct stat st, now;
	char *cur = NULL, *text = NULL, *real = NULL;
	size_t len = 0;
	int dfd, fd, r, created;

	/* Replacing a symbolic link by a file would cut it from wherever it
	 * points: edit its target. */
	if (mode == FS_REPLACE && dirfd == AT_FDCWD)
		real = realpath(rel, NULL);
	r = split_path(dirfd, real ? real : rel, &w);
	free(real);
	if (r)
		return r;
	dfd = open_dir(dirfd, w.dir);
	if (dfd < 0)
		return dfd;
	fd = open_locked(dirfd, dfd, rel, &w, mode, &st, &created);
	if (fd < 0) {
		close(dfd);
		return fd;
	}
	r = slurp_fd(fd, &cur, &len);
	if (!r)
		r = edit(ctx, cur, len, &text);
	if (!r && text && text[0])
		r = mode == FS_APPEND ? append(fd, text) :
					replace(dfd, w.base, &st, text);
	/* a new file, or a rename: the directory entry must last too */
	if (!r && (len == 0 || mode == FS_REPLACE) && fsync(dfd))
		r = -errno;
	/* An edit that failed leaves no empty file it made to lock. */
	if (r && created && !fstatat(dfd, w.base, &now, AT_SYMLINK_NOFOLLOW) &&
	    now.st_ino == st.st_ino && now.st_size == 0)
		unlinkat(dfd, w.base, 0);
	free(cur);
	free(text);
	close(fd);	/* releases the lock */
	close(dfd);
	return r;
}

const char *fs_strerror(int err)
{
	if (err == -FS_ENOTREG)
		return "not a regular file";
	if (err == -EILSEQ)
		return "binary data (NUL or control byte)";
	return strerror(-err);
}

static int close_range_of(unsigned first, unsigned last)
{
	if (first > last)
		return 0;
	return syscall(SYS_close_range, first, last, 0);
}

void fs_close_others(int a, int b)
{
	const int keep[2] = { a, b };
	unsigned from = 3;
	struct dirent *e;
	int i, rc = 0;
	DIR *d;

	for (i = 0; i < 2 && !rc; i++) {
		if (keep[i] < (int)from)
			continue;
		rc = close_range_of(from, keep[i] - 1);
		from = keep[i] + 1;
	}
	if (!rc && !close_range_of(from, UINT_MAX))
		return;
	d = opendir("/proc/self/fd");
	if (!d)
		return;
	while ((e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (fd > 2 && fd != a && fd != b && fd != dirfd(d))
			close(fd);
	}
	closedir(d);
}
