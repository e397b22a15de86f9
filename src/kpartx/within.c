/* Reading a partition table in a process of its own, with a deadline: a
 * read from a multipath map that queues with no working path only returns
 * when a path comes back, and the caller (the daemon above all, which is
 * what brings paths back) must not wait for that. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kpartx/kpartx.h"
#include "util/fs.h"

/* What the reader sends once the table is read; its entries follow. */
struct answer {
	int rc;
	size_t n;
	char type[16];
};

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* The reader: its pid first (so a caller that gives up can name it), then
 * the answer and the entries. A write to a caller that gave up fails with
 * EPIPE (SIGPIPE is ignored by the daemon) or kills it: either ends it. */
static void reader(int devfd, const char *rel, int out)
{
	struct answer a = { 0 };
	struct part_list l;
	pid_t me = getpid();

	fs_close_others(devfd < out ? devfd : out, devfd < out ? out : devfd);
	if (write_all(out, &me, sizeof(me)))
		_exit(1);
	a.rc = kpartx_read(devfd, rel, &l);
	if (!a.rc) {
		a.n = l.n;
		memcpy(a.type, l.type, sizeof(a.type));
	}
	if (write_all(out, &a, sizeof(a)) ||
	    (a.n && write_all(out, l.v, a.n * sizeof(*l.v))))
		_exit(1);
	_exit(0);
}

/* Read len bytes from fd by the deadline: 0, -ETIMEDOUT, or -EIO when the
 * reader ended without them. */
static int read_by(int fd, void *buf, size_t len, long long deadline)
{
	char *p = buf;

	while (len) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = deadline - mono_ms();
		ssize_t n;
		int rc;

		if (left <= 0)
			return -ETIMEDOUT;
		rc = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (!rc)
			return -ETIMEDOUT;
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		p += n;
		len -= n;
	}
	return 0;
}

int kpartx_read_within(int devfd, const char *rel, int wait_ms,
		       struct part_list *out, int *reader_pid)
{
	long long deadline = mono_ms() + wait_ms;
	struct answer a;
	pid_t pid, me = 0;
	int p[2], rc, status;

	memset(out, 0, sizeof(*out));
	*reader_pid = 0;
	if (pipe2(p, O_CLOEXEC))
		return -errno;
	/* The reader is a grandchild: its parent exits at once, so a reader
	 * left waiting is init's to reap, not ours. */
	pid = fork();
	if (pid == 0) {
		pid_t g;

		close(p[0]);
		g = fork();
		if (g == 0)
			reader(devfd, rel, p[1]);
		_exit(g < 0);
	}
	close(p[1]);
	if (pid < 0) {
		rc = -errno;
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		rc = -EAGAIN;	/* no reader: fork failed */
		goto out;
	}
	rc = read_by(p[0], &me, sizeof(me), deadline);
	if (rc)
		goto out;
	*reader_pid = me;
	rc = read_by(p[0], &a, sizeof(a), deadline);
	if (rc || a.rc) {
		rc = rc ? rc : a.rc;
		goto out;
	}

	memcpy(out->type, a.type, sizeof(out->type));
	out->type[sizeof(out->type) - 1] = 0;
	if (a.n) {
		out->v = calloc(a.n, sizeof(*out->v));
		if (!out->v) {
			rc = -ENOMEM;
			goto out;
		}
		rc = read_by(p[0], out->v, a.n * sizeof(*out->v), deadline);
		if (rc)
			goto out;
		out->n = a.n;
	}
out:
	close(p[0]);
	if (rc)
		part_list_free(out);
	return rc;
}
