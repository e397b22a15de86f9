/* libFuzzer target for the kernel uevent parser: any bytes. A message it
 * accepts must hold together: the action a short lowercase word, every
 * pointer a C string inside the buffer, DEVPATH the header's, uev_get
 * finding each key it reported. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/uevent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_in(const char *buf, size_t size, const char *p)
{
	if (!p)
		return;
	check(p >= buf && p < buf + size);
	check(memchr(p, '\0', buf + size - p) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	struct uevent ev;
	const char *at;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (uev_parse(buf, size, &ev)) {
		free(buf);
		return 0;
	}
	check(ev.action[0] && strlen(ev.action) < sizeof(ev.action));
	at = strchr(buf, '@');
	check(at && (size_t)(at - buf) == strlen(ev.action));
	check(!memcmp(buf, ev.action, at - buf));
	check_in(buf, size, ev.devpath);
	check(!strcmp(ev.devpath, at + 1) && ev.devpath[0] == '/');
	check_in(buf, size, ev.subsystem);
	check_in(buf, size, ev.devtype);
	check_in(buf, size, ev.devname);
	check_in(buf, size, ev.modalias);
	check((ev.major < 0) == (ev.minor < 0));
	check(ev.env + ev.env_len == buf + size);
	check(uev_get(&ev, "DEVPATH") == ev.devpath);
	check(!strcmp(uev_get(&ev, "ACTION"), ev.action));
	if (ev.subsystem)
		check(uev_get(&ev, "SUBSYSTEM") == ev.subsystem);
	if (ev.devname)
		check(uev_get(&ev, "DEVNAME") == ev.devname);
	free(buf);
	return 0;
}
