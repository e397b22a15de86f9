/* libFuzzer target for the VPD page parsers: any bytes, as page 0x83 and
 * as page 0x80 (byte 1 forced so the parsers get past the page code).
 * Checks the results are consistent C strings of bounded length. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/vpd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	char serial[VPD_ID_SIZE];
	struct vpd83_ids ids;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	rc = vpd83_parse(buf, size, &ids);
	check(strlen(ids.wwid) < sizeof(ids.wwid));
	check(rc == 0 ? ids.wwid[0] != '\0' : ids.wwid[0] == '\0');
	check(ids.tpg >= -1 && ids.tpg <= 0xffff);
	if (size >= 2) {
		buf[1] = 0x83;
		rc = vpd83_parse(buf, size, &ids);
		check(rc == 0 ? ids.wwid[0] != '\0' : ids.wwid[0] == '\0');
		buf[1] = 0x80;
	}
	rc = vpd80_parse(buf, size, serial, sizeof(serial));
	check(rc < 0 ? serial[0] == '\0' : strlen(serial) == (size_t)rc);
	free(buf);
	return 0;
}
