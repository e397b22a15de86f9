#include "log.h"

#include <stdio.h>
#include <unistd.h>

int log_verbosity = 2;

void log_msg(int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n, off;

	if (level > log_verbosity)
		return;
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
	if (write(2, buf, n) < 0)
		return;	/* nowhere left to report it */
}
