/* The bindings and wwids readers and kernel command line parser on
 * arbitrary text; what one reads must format and read back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/bindings.h"
#include "config/cmdline.h"
#include "config/wwids.h"
#include "log.h"

static void check_bindings(const char *text)
{
	struct bindings b = { 0 }, again = { 0 };
	char *out, *out2;

	if (bindings_parse(&b, "bindings", text))
		goto done;
	bindings_set(&b, &(struct binding){ "mpathfuzz", "36001405fuzz" }, 1);
	out = bindings_format(&b);
	if (out && bindings_parse(&again, "again", out) == 0) {
		out2 = bindings_format(&again);
		if (out2 && strcmp(out, out2))
			abort();
		free(out2);
	}
	free(out);
done:
	bindings_free(&again);
	bindings_free(&b);
}

static void check_wwids(const char *text)
{
	struct wwids w = { 0 }, again = { 0 };
	char *out, *out2;

	if (wwids_parse(&w, "wwids", text))
		goto done;
	out = wwids_format(&w);
	if (out && wwids_parse(&again, "again", out) == 0) {
		out2 = wwids_format(&again);
		if (out2 && strcmp(out, out2))
			abort();
		free(out2);
	}
	free(out);
done:
	wwids_free(&again);
	wwids_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct boot_cmdline cl;
	char *text;

	log_verbosity = 0;
	text = strndup((const char *)data, size);	/* parsers stop at NUL */
	if (!text)
		return 0;
	check_bindings(text);
	check_wwids(text);
	if (cmdline_parse(text, &cl) == 0)
		cmdline_free(&cl);
	free(text);
	return 0;
}
