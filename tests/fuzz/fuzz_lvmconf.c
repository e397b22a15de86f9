/* lvm_conf_update on arbitrary bytes: it must never crash, must answer 0
 * or -EINVAL (-ENOMEM aside), must refuse binary data (a NUL would cut the
 * rest of the file), and what it accepts it must turn into text that holds
 * the filter and that a second update leaves unchanged. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "lvm/lvm.h"
#include "util/str.h"

#define VALUE "[ \"a|^/dev/mapper/mpatha$|\", \"r|^/dev/sdb[0-9]*$|\" ]"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *out = NULL, *again = NULL;
	int err;

	log_verbosity = 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	err = lvm_conf_update("fuzz.conf", text, size, "global_filter = " VALUE,
			      &out);
	if (err && err != -EINVAL && err != -ENOMEM)
		abort();
	if (str_binary_line(text, size) && err != -EINVAL)
		abort();
	if (!err) {
		if (!strstr(out, VALUE))
			abort();
		if (lvm_conf_update("fuzz.conf", out, strlen(out),
				    "global_filter = " VALUE, &again) ||
		    strcmp(again, out))
			abort();
	} else if (out) {
		abort();
	}
	free(again);
	free(out);
	free(text);
	return 0;
}
