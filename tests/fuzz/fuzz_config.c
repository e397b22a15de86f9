/* The multipath.conf parser, resolution, blacklist and printer on arbitrary
 * bytes (NULs and control bytes blanked line by line as config_load
 * does): nothing may crash, leak or read out of bounds, and the printed
 * configuration must read back with the same meaning.
 *
 * The target links its own small hardware table in place of
 * config/hwtable.c's (the linker takes no archive member for symbols
 * already defined): loading, printing, reading back and matching the
 * real one's hundred entries was the same work for every input, most of
 * the time spent, and held the target at 475 inputs a second. The entries
 * below keep every kind of thing the real table has; tests/config/
 * hwtable.sh checks the real table itself against multipath-tools. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/hwtable.h"
#include "config/internal.h"
#include "log.h"

#define SET(...)	((const char *const[]){ __VA_ARGS__, NULL })

const struct hwtable_entry hwtable[] = {
	/* a pattern with alternatives that matches the fuzzed path */
	{ "(LIO-ORG|SUSE)", ".*", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	/* a product blacklist, anchors and a keyword mpboot ignores */
	{ "^DGC", "^(RAID|DISK|VRAID)", .bl_product = "LUNZ", .set = SET(
		"path_checker", "emc_clariion",
		"detect_checker", "no",
		"uid_attribute", "ID_WWN") },
	{ "NVM[eE]", ".*", .set = SET(
		"path_checker", "none",
		"dev_loss_tmo", "infinity") },
};
const size_t hwtable_size = sizeof(hwtable) / sizeof(hwtable[0]);

static void same_attrs(const struct mp_attrs *a, const struct mp_attrs *b)
{
	if (a->pgpolicy != b->pgpolicy || strcmp(a->selector, b->selector) ||
	    strcmp(a->checker, b->checker) || strcmp(a->prio, b->prio) ||
	    strcmp(a->prio_args, b->prio_args) ||
	    strcmp(a->hwhandler, b->hwhandler) ||
	    strcmp(a->features, b->features) ||
	    a->no_path_retry != b->no_path_retry ||
	    a->failback != b->failback || a->rr_min_io_rq != b->rr_min_io_rq ||
	    a->rr_weight_priorities != b->rr_weight_priorities ||
	    a->detect_prio != b->detect_prio ||
	    a->detect_checker != b->detect_checker ||
	    a->skip_kpartx != b->skip_kpartx ||
	    a->user_friendly_names != b->user_friendly_names ||
	    strcmp(a->alias_prefix, b->alias_prefix) ||
	    strcmp(a->alias, b->alias))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct path p = { .dev = "sdb", .vendor = "LIO-ORG", .model = "disk",
			  .wwid = "36001405aaaa", .dh_state = "alua" };
	struct config cfg = { 0 }, again = { 0 };
	struct mp_attrs a, b;
	char *text, *printed, why[128];
	int bl;

	log_verbosity = 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* as config_load does: lines with binary data (a NUL) blanked */
	cfg_blank_binary_lines("fuzz.conf", text, size);
	if (strlen(text) != size)
		abort();
	if (config_parse_text(&cfg, "fuzz.conf", text) == 0) {
		config_resolve(&cfg, &p, &a);
		bl = config_blacklisted(&cfg, &p, why, sizeof(why));
		printed = config_format(&cfg);
		if (printed && config_parse_text(&again, "printed", printed) == 0) {
			config_resolve(&again, &p, &b);
			same_attrs(&a, &b);
			if (bl != config_blacklisted(&again, &p, why, sizeof(why)) ||
			    config_has_multipath(&cfg, p.wwid) !=
			    config_has_multipath(&again, p.wwid))
				abort();
		}
		free(printed);
	}
	config_free(&again);
	config_free(&cfg);
	free(text);
	return 0;
}
