/* libFuzzer target for what src/dm reads from outside: the kernel's
 * multipath table and status lines, and the prioritizers' SCSI replies.
 * The first byte picks the parser; checks that what they return is in
 * range and that the parsed paths stay inside their groups. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dm/prio.h"
#include "dm/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void lines(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	struct mpt m;
	size_t g;
	int status;

	if (!line)
		return;
	memcpy(line, data, size);
	line[size] = '\0';
	for (status = 0; status < 2; status++) {
		if ((status ? mpt_parse_status : mpt_parse_table)(line, &m))
			continue;
		check(m.initial_pg <= m.n_groups);
		for (g = 0; g < m.n_groups; g++)
			check(m.groups[g].first + m.groups[g].n <= m.n_paths);
		mpt_free(&m);
	}
	mpt_table_same(line, line);
	free(line);
}

static void replies(const uint8_t *data, size_t size)
{
	struct sgio_result r = { 0 };
	const char *why;
	enum alua_state st;
	int prio, pref, retry;

	prio = prio_emc_parse(data, size, &why);
	check(prio == PRIO_UNDEF || (prio >= 0 && prio <= 257));
	prio = prio_rdac_parse(data, size, &why);
	check(prio >= 0 && prio <= 15);
	prio = prio_ontap_gva_parse(data, size, &why);
	check(prio == -EAGAIN || (prio >= 0 && prio <= 3));
	prio = prio_ontap_proxy_parse(data, size, &why);
	check(prio == 1 || prio == 4);
	prio = prio_hds_parse(data, size, &why);
	check(prio >= PRIO_UNDEF && prio <= 1);
	if (size >= 2 && !alua_rtpg_lookup(data + 2, size - 2,
					   data[0] << 8 | data[1], &st, &pref))
		check(alua_prio(st, pref, 1) >= 0 && alua_prio(st, pref, 1) <= 130);
	r.status = size > 0 ? data[0] : 0;
	r.driver_status = size > 1 ? data[1] : 0;
	r.sense_len = size > 2 ? size - 2 : 0;
	if (r.sense_len > sizeof(r.sense))
		r.sense_len = sizeof(r.sense);
	if (r.sense_len)
		memcpy(r.sense, data + 2, r.sense_len);
	prio = prio_hp_sw_result(&r, &retry);
	check(prio == 0 || prio == 2 || prio == 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		lines(data + 1, size - 1);
	else
		replies(data + 1, size - 1);
	return 0;
}
