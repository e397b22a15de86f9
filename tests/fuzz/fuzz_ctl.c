/* libFuzzer target for the control protocol: any bytes as a request line,
 * as a reply body and as the tail of an end marker. A request accepted is
 * consistent (a name device-mapper would take, a group in range, --json
 * only on a show) and written back in its canonical words it parses to
 * the same request; a refused one says why in one line. A framed reply
 * holds one NUL, and its marker gives back the code. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_accepted(const struct ctl_req *r)
{
	char line[CTL_REQ_MAX];
	struct ctl_req again;
	size_t i, n = strlen(r->name);
	int len;

	check(r->error[0] == '\0');
	check(n < CTL_NAME_MAX);
	for (i = 0; i < n; i++)
		check(r->name[i] > 0x20 && r->name[i] < 0x7f &&
		      r->name[i] != '/');
	check(!r->json || (!ctl_req_mutates(r) && r->verb != CTL_SHOW_CONFIG));
	check(r->verb == CTL_SWITCHGROUP ? r->group >= 1 && r->group <= 9999
					 : r->group == 0);
	check(!r->all || !n);
	if (r->verb == CTL_FAIL_PATH || r->verb == CTL_REINSTATE_PATH)
		check(n >= 3 && !memcmp(r->name, "sd", 2));

	len = snprintf(line, sizeof(line), "%s%s%s", ctl_verb_name(r->verb),
		       r->all ? " all" : n ? " " : "", r->name);
	if (r->verb == CTL_SWITCHGROUP)
		len += snprintf(line + len, sizeof(line) - len, " %d",
				r->group);
	if (r->json)
		len += snprintf(line + len, sizeof(line) - len, " --json");
	check(!ctl_parse(line, (size_t)len, &again));
	check(!memcmp(&again, r, sizeof(again)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct ctl_req r;
	struct ctl_out out;
	const char *nul;
	int rc, code;
	size_t i;

	rc = ctl_parse(text, size, &r);
	if (!rc)
		check_accepted(&r);
	else {
		check(r.error[0] != '\0');
		for (i = 0; r.error[i]; i++)
			check((unsigned char)r.error[i] >= 0x20 &&
			      r.error[i] != 0x7f);
	}

	code = size ? data[0] : 0;
	ctl_out_init(&out);
	ctl_out_write(&out, text, size);
	check(!ctl_out_frame(&out, code));
	nul = memchr(out.buf, '\0', out.len);
	check(nul && nul > out.buf + out.len - 6);
	check(nul == out.buf || nul[-1] == '\n');
	check(ctl_reply_code(nul + 1, (size_t)(out.buf + out.len - nul - 1)) ==
	      code);
	ctl_out_free(&out);

	code = ctl_reply_code(text, size);
	check(code == -EPROTO || (code >= 0 && code <= 255));
	return 0;
}
