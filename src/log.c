#include "log.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int log_verbosity = 2;
static int kmsg_fd = -1;

void log_to_kmsg(int enable)
{
	if (kmsg_fd >= 0) {
		close(kmsg_fd);
		kmsg_fd = -1;
	}
	if (enable)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
}

void log_msg(int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n, off = 0;

	if (level > log_verbosity)
		return;
	if (kmsg_fd >= 0)	/* <3> err, <4> warning, <6> info, <7> debug */
		off = snprintf(buf, sizeof(buf), "<%d>", level <= 1 ? 3 :
			       level == 2 ? 4 : level == 3 ? 6 : 7);
	off += snprintf(buf + off, sizeof(buf) - off, "mpboot: ");
	va_start(ap, fmt);
	n = vsnprintf(buf + off, sizeof(buf) - off, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += off;
	if (n >= (int)sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(kmsg_fd >= 0 ? kmsg_fd : 2, buf, n) < 0)
		return;	/* nowhere left to report it */
}
