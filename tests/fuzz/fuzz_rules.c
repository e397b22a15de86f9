/* libFuzzer target for the udev rules reader that finds kpartx's
 * partition delimiter: any bytes as a rules file (cut at the first NUL,
 * as fs_slurp's text is read). What it returns must hold together: a
 * kind it knows, a delimiter only with -p and one kpartx_delim_check
 * takes, a line number inside the text, and the same answer again. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kpartx/kpartx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct kpartx_rule r, again;
	unsigned lines = 1;
	size_t i;
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; text[i]; i++)
		lines += text[i] == '\n';
	rc = kpartx_rules_parse(text, &r);
	check(rc == 0 || rc == -EINVAL);
	check(r.line <= lines);
	check(memchr(r.delim, '\0', sizeof(r.delim)) != NULL);
	if (rc) {
		check(r.kind == KPARTX_RULE_NONE && r.line > 0);
	} else {
		check(r.kind == KPARTX_RULE_NONE || r.kind == KPARTX_RULE_DEFAULT ||
		      r.kind == KPARTX_RULE_DELIM);
		check((r.kind == KPARTX_RULE_NONE) == (r.line == 0));
		check(r.kind == KPARTX_RULE_DELIM || !r.delim[0]);
		check(kpartx_delim_check(r.delim) == 0);
	}
	check(kpartx_rules_parse(text, &again) == rc);
	check(!memcmp(&r, &again, sizeof(r)));
	free(text);
	return 0;
}
