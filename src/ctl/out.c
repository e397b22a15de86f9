/* ctl_out: the reply a handler writes, bounded by CTL_REPLY_MAX, and its
 * framing (ctl.h). Pure apart from memory. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"

void ctl_out_init(struct ctl_out *o)
{
	memset(o, 0, sizeof(*o));
}

void ctl_out_free(struct ctl_out *o)
{
	if (o->f)
		fclose(o->f);
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

/* Room for n more bytes and a NUL within limit; 0, or -1 after marking
 * an overflow (the limit, or no memory: the reply cannot be what it
 * should be). */
static int reserve_within(struct ctl_out *o, size_t n, size_t limit)
{
	size_t want = o->len + n + 1, cap = o->cap ? o->cap : 4096;
	char *buf;

	if (o->overflow)
		return -1;
	if (n > limit || o->len + n > limit) {
		o->overflow = 1;
		return -1;
	}
	if (want <= o->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	buf = realloc(o->buf, cap);
	if (!buf) {
		o->overflow = 1;
		return -1;
	}
	o->buf = buf;
	o->cap = cap;
	return 0;
}

static int reserve(struct ctl_out *o, size_t n)
{
	return reserve_within(o, n, CTL_REPLY_MAX);
}

void ctl_out_write(struct ctl_out *o, const char *s, size_t n)
{
	if (o->f)
		fflush(o->f);
	if (reserve(o, n))
		return;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

void ctl_out_printf(struct ctl_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->f)
		fflush(o->f);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(o, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

static ssize_t cookie_write(void *cookie, const char *s, size_t n)
{
	struct ctl_out *o = cookie;

	if (reserve(o, n))
		return 0;	/* stdio's write error: the rest is dropped */
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return (ssize_t)n;
}

FILE *ctl_out_file(struct ctl_out *o)
{
	static const cookie_io_functions_t io = { .write = cookie_write };

	if (!o->f)
		o->f = fopencookie(o, "w", io);
	return o->f;
}

int ctl_out_frame(struct ctl_out *o, int code)
{
	char marker[8];
	size_t i;
	int n;

	if (o->f) {
		fflush(o->f);
		fclose(o->f);
		o->f = NULL;
	}
	if (o->overflow) {
		char msg[96];

		n = snprintf(msg, sizeof(msg), "error: the reply is longer "
			     "than %u bytes or out of memory\n",
			     CTL_REPLY_MAX);
		o->len = 0;
		o->overflow = 0;
		code = 1;
		ctl_out_write(o, msg, (size_t)n);
	}
	for (i = 0; i < o->len; i++)
		if (!o->buf[i])
			o->buf[i] = '?';
	if (code < 0 || code > 255)
		code = 1;
	/* The newline and the marker may go past the body's limit. */
	n = snprintf(marker + 1, sizeof(marker) - 1, "%c%d\n", '\0', code);
	marker[0] = '\n';
	i = o->len && o->buf[o->len - 1] != '\n' ? 0 : 1;
	if (reserve_within(o, n + 1 - i, CTL_REPLY_MAX + sizeof(marker)))
		return -ENOMEM;
	memcpy(o->buf + o->len, marker + i, n + 1 - i);
	o->len += n + 1 - i;
	o->buf[o->len] = '\0';
	return 0;
}

int ctl_reply_code(const char *tail, size_t len)
{
	int code = 0;
	size_t i;

	if (len < 2 || len > 4 || tail[len - 1] != '\n' ||
	    (tail[0] == '0' && len > 2))
		return -EPROTO;
	for (i = 0; i + 1 < len; i++) {
		if (tail[i] < '0' || tail[i] > '9')
			return -EPROTO;
		code = code * 10 + (tail[i] - '0');
	}
	return code <= 255 ? code : -EPROTO;
}
