/* udev database entries on arbitrary bytes: what udb_parse accepts must
 * format and read back the same (a fixpoint after one pass: the formatter
 * writes udev's order), and the kind formatters, given arbitrary names,
 * WWIDs and probe values, write only entries that parse back with those
 * values, or refuse. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot/udevdb.h"

static void check_parse(const uint8_t *data, size_t size)
{
	size_t cap = 2 * size + 64;
	char *in = malloc(size + 1), *out = malloc(cap), *again = malloc(cap);
	struct udb_entry e;
	int n;

	if (!in || !out || !again)
		goto done;
	memcpy(in, data, size);
	if (udb_parse(in, size, &e, NULL))
		goto done;
	n = udb_format_entry(&e, out, cap);
	if (n < 0 || (size_t)n > size)
		abort();
	if (udb_parse(memcpy(again, out, n + 1), n, &e, NULL))
		abort();
	if (udb_format_entry(&e, again, cap) != n || strcmp(again, out))
		abort();
done:
	free(again);
	free(out);
	free(in);
}

/* The facts are the input's NUL-separated fields. */
static void check_kinds(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *f[4] = { "", "", "", "" }, *p;
	char buf[8192], uuid[200];
	struct udb_probe probe = { 0 };
	struct udb_entry e;
	size_t i = 0;
	int n;

	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	for (p = s; i < 4 && p <= s + size; p += strlen(p) + 1)
		f[i++] = p;
	udb_probe_add(&probe, f[2], f[3]);
	udb_probe_add(&probe, "LABEL", f[3]);
	snprintf(uuid, sizeof(uuid), "mpath-%s", f[1]);
	n = udb_format_map(&(struct udb_map){ .name = f[0], .uuid = uuid,
		.ready = 1, .probe = &probe }, buf, sizeof(buf));
	if (n >= 0 && (udb_parse(buf, n, &e, NULL) ||
		       strcmp(udb_get(&e, "DM_NAME"), f[0]) ||
		       strcmp(udb_get(&e, "DM_UUID"), uuid)))
		abort();
	snprintf(uuid, sizeof(uuid), "part1-mpath-%s", f[1]);
	n = udb_format_part(&(struct udb_part){ .name = f[0], .uuid = uuid,
		.probe = &probe }, buf, sizeof(buf));
	if (n >= 0 && (udb_parse(buf, n, &e, NULL) ||
		       strcmp(udb_get(&e, "DM_UUID"), uuid)))
		abort();
	n = udb_format_member(&(struct udb_member){ .wwid = f[1] }, buf,
			      sizeof(buf));
	if (n >= 0 && (udb_parse(buf, n, &e, NULL) ||
		       strcmp(udb_get(&e, "ID_SERIAL"), f[1])))
		abort();
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_parse(data, size);
	check_kinds(data, size);
	return 0;
}
