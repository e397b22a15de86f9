/* libFuzzer target for the VPD page parsers: any bytes, as page 0x83 and
 * as page 0x80 (byte 1 forced so the parsers get past the page code).
 * Checks the results are consistent C strings of bounded length holding
 * only what udev lets through into ID_SERIAL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/vpd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct vpd_inquiry inq = { "QEMU", "QEMU HARDDISK" };

static void check(int ok)
{
	if (!ok)
		abort();
}

/* Plain characters, "\x" escapes and bytes of UTF-8 sequences only. */
static void check_wwid(int rc, const char *w)
{
	check(strlen(w) < VPD_WWID_SIZE);
	check(rc == 0 ? w[0] != '\0' : w[0] == '\0');
	for (; *w; w++)
		check(strchr("#+-.:=@_\\", *w) || (*w >= '0' && *w <= '9') ||
		      (*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
		      ((unsigned char)*w & 0x80));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	char serial[VPD_ID_SIZE], wwid[VPD_WWID_SIZE];
	struct vpd83_ids ids;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = vpd83_parse(buf, size, &inq, &ids);
	check_wwid(rc, ids.wwid);
	check(ids.tpg >= -1 && ids.tpg <= 0xffff);
	if (size >= 2) {
		buf[1] = 0x83;
		rc = vpd83_parse(buf, size, &inq, &ids);
		check_wwid(rc, ids.wwid);
		buf[1] = 0x80;
	}
	rc = vpd80_parse(buf, size, serial, sizeof(serial));
	check(rc < 0 ? serial[0] == '\0' : strlen(serial) == (size_t)rc);
	rc = vpd80_wwid(buf, size, &inq, wwid);
	check_wwid(rc, wwid);
	free(buf);
	return 0;
}
