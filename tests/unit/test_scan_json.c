/* The JSON writer that `mpboot paths --json` (and later `list --json`)
 * prints with: exact layout, commas, escaping. Plus the SG_IO helper's
 * refusals, which need no SCSI device. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "t.h"
#include "scan/sgio.h"
#include "util/json.h"

/* Run fn writing to a memory stream; return what it wrote (static). */
static const char *written(void (*fn)(struct json *j))
{
	static char out[1024];
	char *buf = NULL;
	size_t len = 0;
	struct json j;
	FILE *f = open_memstream(&buf, &len);

	json_init(&j, f);
	fn(&j);
	fclose(f);
	snprintf(out, sizeof(out), "%s", buf ? buf : "");
	free(buf);
	return out;
}

static void empty_array(struct json *j)
{
	json_begin_array(j);
	json_end_array(j);
	json_end(j);
}

static void nested(struct json *j)
{
	json_begin_array(j);
	json_begin_object(j);
	json_key(j, "dev");
	json_string(j, "sdb");
	json_key(j, "size");
	json_uint(j, 18446744073709551615ULL);
	json_key(j, "t");
	json_begin_object(j);
	json_end_object(j);
	json_key(j, "n");
	json_null(j);
	json_end_object(j);
	json_int(j, -3);
	json_end_array(j);
	json_end(j);
}

static void escapes(struct json *j)
{
	json_string(j, "a\"b\\c\nd\te\x01\x7f\xe9");
}

static void test_json_layout(void)
{
	T_STREQ(written(empty_array), "[]\n");
	T_STREQ(written(nested),
		"[\n"
		"  {\n"
		"    \"dev\": \"sdb\",\n"
		"    \"size\": 18446744073709551615,\n"
		"    \"t\": {},\n"
		"    \"n\": null\n"
		"  },\n"
		"  -3\n"
		"]\n");
	T_STREQ(written(escapes),
		"\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\\u00e9\"");
}

static void test_sgio_refuses(void)
{
	unsigned char cdb[6] = { 0x12 }, buf[64];
	int fd = open("/dev/null", O_RDONLY);

	T_CHECK(fd >= 0);
	T_INTEQ(sgio_cmd(fd, cdb, 0, buf, sizeof(buf), 1000), -EINVAL);
	T_INTEQ(sgio_cmd(fd, cdb, 17, buf, sizeof(buf), 1000), -EINVAL);
	/* Not a SCSI device: the ioctl is refused, nothing is read. */
	T_CHECK(sgio_inquiry_vpd(fd, 0x83, buf, sizeof(buf)) < 0);
	close(fd);
	T_INTEQ(sgio_inquiry_vpd(-1, 0x83, buf, sizeof(buf)), -EBADF);
}

int main(void)
{
	T_RUN(test_json_layout);
	T_RUN(test_sgio_refuses);
	return t_done();
}
