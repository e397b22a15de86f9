/* The plain-pattern matcher of config/regex.c against the C library's
 * regexec: the input is a pattern, a NUL, then a text; for every pattern
 * mpboot matches without regcomp, both must agree. */
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_re re = { 0 };
	char *pattern, *text, why[128];
	const char *nul;
	regex_t libc;

	log_verbosity = 0;
	nul = memchr(data, '\0', size);
	if (!nul || nul - (const char *)data > 255)
		return 0;
	pattern = strdup((const char *)data);
	text = strndup(nul + 1, size - (size_t)(nul + 1 - (const char *)data));
	if (!pattern || !text)
		goto out;
	if (cfg_re_prepare(&re, pattern, why, sizeof(why)) == 0 &&
	    re.state == CFG_RE_PLAIN) {
		/* a plain pattern must be one regcomp accepts */
		if (regcomp(&libc, pattern, REG_EXTENDED | REG_NOSUB))
			abort();
		if ((regexec(&libc, text, 0, NULL, 0) == 0) !=
		    cfg_re_match(&re, pattern, text))
			abort();
		regfree(&libc);
	}
	cfg_re_free(&re);
out:
	free(pattern);
	free(text);
	return 0;
}
