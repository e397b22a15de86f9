#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int log_verbosity = 2;

static int log_fd = 2;
static int log_kmsg;

int log_kmsg_prio(int level)
{
	enum { FAC_DAEMON = 3 << 3, ERR = 3, NOTICE = 5, INFO = 6, DEBUG = 7 };

	if (level <= 1)
		return FAC_DAEMON | ERR;
	if (level == 2)
		return FAC_DAEMON | NOTICE;
	if (level == 3)
		return FAC_DAEMON | INFO;
	return FAC_DAEMON | DEBUG;
}

int log_use_kmsg(int devfd)
{
	int fd = openat(devfd, "kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (log_kmsg)
		close(log_fd);
	log_fd = fd;
	log_kmsg = 1;
	return 0;
}

void log_msg(int level, const char *fmt, ...)
{
	/* /dev/kmsg takes one record per write, at most 1024 bytes */
	char buf[1024];
	va_list ap;
	int n, off;

	if (level > log_verbosity)
		return;
	if (log_kmsg)
		off = snprintf(buf, sizeof(buf), "<%d>mpboot[%d]: ",
			       log_kmsg_prio(level), (int)getpid());
	else
		off = snprintf(buf, sizeof(buf), "mpboot: ");
	va_start(ap, fmt);
	n = vsnprintf(buf + off, sizeof(buf) - off, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += off;
	if (n >= (int)sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(log_fd, buf, n) < 0)
		return;	/* nowhere left to report it */
}
