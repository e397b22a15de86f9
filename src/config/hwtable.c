/* The compiled-in hardware table: per array family, the settings its
 * vendor and multipath-tools recommend. One entry per family; values are
 * written as multipath.conf keyword/value pairs and read through the same
 * code as the user's devices section, so they print and match the same way.
 * User devices entries come after these and win. Unlisted attributes keep
 * the defaults. */
#include <errno.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "util/str.h"

struct hw_entry {
	const char *vendor, *product, *revision;
	const char *set[10][2];
};

static const struct hw_entry hwtable[] = {
	/* Linux-IO target (targetcli; SUSE ships it as "SUSE"): implicit
	 * ALUA, so group by priority and fail back at once; a bounded
	 * 12-check queue rides out a target restart. The checker is
	 * directio because LIO answers TUR even when the backstore is gone.
	 * Source: multipath-tools hwtable, "Linux-IO (LIO) Target". */
	{ "(LIO-ORG|SUSE)", ".*", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "hardware_handler", "1 alua" },
		{ "prio", "alua" },
		{ "failback", "immediate" },
		{ "no_path_retry", "12" },
		{ "path_checker", "directio" },
		{ "detect_checker", "no" } } },
	/* Linux SCSI target framework (tgt, "IET VIRTUAL-DISK"): no ALUA,
	 * every portal serves the LUN the same way, so one group with all
	 * paths; 12 checks of queueing as for LIO. Source: tgt's own docs
	 * (all portals active); multipath-tools has no entry, this one is
	 * mpboot's. */
	{ "IET", "VIRTUAL-DISK", NULL, {
		{ "path_grouping_policy", "multibus" },
		{ "failback", "immediate" },
		{ "no_path_retry", "12" } } },
	/* NetApp ONTAP FAS/AFF: ALUA with the ontap prioritizer, queue
	 * forever (NetApp's host utilities recommendation) and retry
	 * pg_init 50 times across takeover/giveback. Friendly names off:
	 * NetApp tools expect WWID names. Source: multipath-tools hwtable
	 * "ONTAP FAS/AFF Series" and NetApp Linux Host Utilities docs. */
	{ "NETAPP", "LUN", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "features", "2 pg_init_retries 50" },
		{ "no_path_retry", "queue" },
		{ "prio", "ontap" },
		{ "failback", "immediate" },
		{ "user_friendly_names", "no" } } },
	/* Dell EMC CLARiiON/VNX/Unity ("DGC"): the emc handler and checker,
	 * 300 s of queueing at the 5 s default check interval. Source:
	 * multipath-tools hwtable "DGC CLARiiON CX/AX / VNX and Unity",
	 * Dell EMC Host Connectivity Guide for Linux. */
	{ "^DGC", "^(RAID|DISK|VRAID)", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "hardware_handler", "1 emc" },
		{ "prio", "emc" },
		{ "path_checker", "emc_clariion" },
		{ "detect_checker", "no" },
		{ "failback", "immediate" },
		{ "no_path_retry", "60" } } },
	/* Hitachi VSP / USP-V / HUS VM and HPE XP ("OPEN-" products):
	 * group by priority, fail back at once, 10 checks of queueing.
	 * Source: multipath-tools hwtable (Hitachi Vantara maintained). */
	{ "(HITACHI|HP|HPE)", "^OPEN-", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "failback", "immediate" },
		{ "no_path_retry", "10" } } },
	/* HPE 3PAR / Primera / Alletra 9000: ALUA, 18 checks of queueing.
	 * Source: multipath-tools hwtable "3PAR / Primera / Alletra 9000",
	 * HPE 3PAR Red Hat/SUSE implementation guide. */
	{ "3PARdata", "VV", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "hardware_handler", "1 alua" },
		{ "prio", "alua" },
		{ "failback", "immediate" },
		{ "no_path_retry", "18" } } },
	/* IBM SAN Volume Controller / Storwize / FlashSystem ("2145"):
	 * ALUA, queue while no path is left. Source: multipath-tools hwtable
	 * "Storwize V5000/V7000 / SVC", IBM Spectrum Virtualize docs. */
	{ "IBM", "^2145", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "prio", "alua" },
		{ "failback", "immediate" },
		{ "no_path_retry", "queue" } } },
	/* Pure Storage FlashArray: ALUA with the explicit alua prioritizer
	 * (detect_prio off, as Pure asks). Source: multipath-tools hwtable
	 * "FlashArray", Pure's Linux recommended settings. */
	{ "PURE", "FlashArray", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "hardware_handler", "1 alua" },
		{ "prio", "alua" },
		{ "detect_prio", "no" },
		{ "failback", "immediate" } } },
	/* Dell PowerVault MD3xxx (NetApp E-Series/RDAC firmware): the rdac
	 * handler, checker and prioritizer, 50 pg_init retries, 30 checks of
	 * queueing. Source: multipath-tools hwtable "MD Series", Dell MD3
	 * Linux deployment guide. */
	{ "DELL", "^MD3", NULL, {
		{ "path_grouping_policy", "group_by_prio" },
		{ "hardware_handler", "1 rdac" },
		{ "prio", "rdac" },
		{ "path_checker", "rdac" },
		{ "features", "2 pg_init_retries 50" },
		{ "failback", "immediate" },
		{ "no_path_retry", "30" } } },
};

static const char origin_name[] = "hwtable";

#define N_HW (sizeof(hwtable) / sizeof(hwtable[0]))

/* The table's regexes are compiled once per process and shared by every
 * struct config: regcomp is most of what config_init would cost. */
static regex_t hw_re[N_HW][3];
static const regex_t *hw_match[N_HW][3];
static int hw_compiled;

static int compile_table(void)
{
	size_t i, j;

	for (i = 0; i < N_HW; i++) {
		const char *pat[3] = { hwtable[i].vendor, hwtable[i].product,
				       hwtable[i].revision };

		for (j = 0; j < 3; j++) {
			if (!pat[j] || hw_match[i][j])
				continue;
			/* the patterns are tested: only memory can fail */
			if (cfg_regcomp(&hw_re[i][j], pat[j]))
				return -ENOMEM;
			hw_match[i][j] = &hw_re[i][j];
		}
	}
	hw_compiled = 1;
	return 0;
}

static int load_entry(struct config *cfg, size_t idx)
{
	const struct hw_entry *e = &hwtable[idx];
	struct cfg_device *d = cfg_add_device(cfg);
	const char *why;
	int i;

	if (!d)
		return -ENOMEM;
	str_copy(d->vendor, e->vendor, sizeof(d->vendor));
	str_copy(d->product, e->product, sizeof(d->product));
	str_copy(d->revision, e->revision ? e->revision : "",
		 sizeof(d->revision));
	memcpy(d->match, hw_match[idx], sizeof(d->match));
	d->origin.file = origin_name;
	for (i = 0; i < 10 && e->set[i][0]; i++) {
		const struct keyword *kw = kw_find(e->set[i][0]);

		/* The table is tested to parse: a miss here is a bug. */
		if (!kw || kw->global ||
		    kw_parse(kw, e->set[i][1], &d->attrs.v, &why)) {
			log_err("hwtable: %s %s: bad %s", e->vendor,
				e->product, e->set[i][0]);
			continue;
		}
		d->attrs.from[kw->index].file = origin_name;
	}
	return 0;
}

static int same(const char *pattern, const char *text)
{
	return !strcmp(pattern ? pattern : "", text);
}

int hwtable_share(struct cfg_device *d)
{
	size_t i;

	if (!hw_compiled)
		return 0;
	for (i = 0; i < N_HW; i++)
		if (same(hwtable[i].vendor, d->vendor) &&
		    same(hwtable[i].product, d->product) &&
		    same(hwtable[i].revision, d->revision)) {
			memcpy(d->match, hw_match[i], sizeof(d->match));
			return 1;
		}
	return 0;
}

int hwtable_load(struct config *cfg)
{
	size_t i;

	if (!hw_compiled && compile_table())
		return -ENOMEM;
	for (i = 0; i < N_HW; i++)
		if (load_entry(cfg, i))
			return -ENOMEM;
	cfg->n_hwtable = cfg->n_devices;
	return 0;
}
