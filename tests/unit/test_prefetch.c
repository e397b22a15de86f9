/* Which files PID 1 maps, from its /proc/1/maps text (daemon/prefetch.h):
 * each file once, nothing that is not a file on the root. */
#include "t.h"
#include "daemon/prefetch.h"

static const char MAPS[] =
	"55d0c0a00000-55d0c0a2e000 r--p 00000000 fe:01 1311 /usr/lib/systemd/systemd\n"
	"55d0c0a2e000-55d0c0aa0000 r-xp 0002e000 fe:01 1311 /usr/lib/systemd/systemd\n"
	"55d0c1a00000-55d0c1c00000 rw-p 00000000 00:00 0    [heap]\n"
	"7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n"
	"7f0000100000-7f0000200000 r--p 00000000 fe:01 2001 /usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so\n"
	"7f0000200000-7f0000300000 r-xp 00100000 fe:01 2001 /usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so\n"
	"7f0000300000-7f0000301000 rw-s 00000000 00:05 9 /memfd:data (deleted)\n"
	"7f0000400000-7f0000500000 r-xp 00000000 fe:01 2002 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
	"7f0000500000-7f0000501000 r--p 00000000 fe:01 2001 /usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so\n"
	"7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0 [stack]\n"
	"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]";

static void test_files_once_in_order(void)
{
	char buf[256] = "";
	size_t pos = 0;

	T_STREQ(pf_maps_next(MAPS, &pos, buf, sizeof(buf)), "/usr/lib/systemd/systemd");
	T_STREQ(pf_maps_next(MAPS, &pos, buf, sizeof(buf)),
		"/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so");
	T_STREQ(pf_maps_next(MAPS, &pos, buf, sizeof(buf)), "/usr/lib/x86_64-linux-gnu/libc.so.6");
	/* not consecutive: given again, read again from the cache */
	T_STREQ(pf_maps_next(MAPS, &pos, buf, sizeof(buf)),
		"/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so");
	T_CHECK(!pf_maps_next(MAPS, &pos, buf, sizeof(buf)));
	T_CHECK(!pf_maps_next(MAPS, &pos, buf, sizeof(buf)));
}

/* A path longer than the buffer is left out, not cut; short lines and an
 * empty text give nothing. */
static void test_bad_lines(void)
{
	char buf[16] = "";
	size_t pos = 0;

	T_STREQ(pf_maps_next("1-2 r--p 0 fe:01 7 /a/very/long/path/name\n"
			     "1-2 r--p 0 fe:01 7 /bin/sh\n", &pos, buf, sizeof(buf)),
		"/bin/sh");
	pos = 0;
	T_CHECK(!pf_maps_next("1-2 r--p 0\n/etc/passwd\n\n", &pos, buf, sizeof(buf)));
	pos = 0;
	T_CHECK(!pf_maps_next("", &pos, buf, sizeof(buf)));
}

int main(void)
{
	T_RUN(test_files_once_in_order);
	T_RUN(test_bad_lines);
	return t_done();
}
