/* What the console says when the root never came. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "boot/boot.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	size_t room = o->len < o->size ? o->size - o->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += n;
}

size_t boot_report(char *buf, size_t size, const struct boot_cmdline *cl,
		   int timeout, const struct boot_seen *seen, size_t n_seen,
		   char *const *failed_mods, size_t n_failed)
{
	struct out o = { buf, size, 0 };
	size_t i;

	if (size)
		buf[0] = '\0';
	put(&o, "mpboot: ");
	if (cl->root.kind == ROOT_NONE)
		put(&o, "no root= on the kernel command line (or one mpboot "
			"cannot read)\n");
	else if (timeout)
		put(&o, "root=%s not found after %d s\n", cl->root.text,
		    timeout);
	else
		put(&o, "root=%s not found\n", cl->root.text);
	if (cl->disabled)
		put(&o, "mpboot: multipath disabled on the command line "
			"(rd.multipath=0 or mpboot=off)\n");
	if (!n_seen)
		put(&o, "mpboot: no SCSI path with a WWID seen\n");
	for (i = 0; i < n_seen; i++)
		put(&o, "mpboot: WWID %s: %d path%s, %s%s\n", seen[i].wwid,
		    seen[i].paths, seen[i].paths == 1 ? "" : "s",
		    seen[i].map ? "map " : "no map",
		    seen[i].map ? seen[i].map : "");
	if (n_failed) {
		put(&o, "mpboot: modules that failed to load:");
		for (i = 0; i < n_failed; i++)
			put(&o, " %s", failed_mods[i]);
		put(&o, "\n");
	}
	return o.len;
}
