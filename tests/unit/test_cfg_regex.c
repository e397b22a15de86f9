/* The configuration's regular expressions (config/regex.c), the hardware
 * table's loading and the udev property blacklist. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "config/config.h"
#include "config/hwtable.h"
#include "config/internal.h"
#include "log.h"
#include "util/str.h"

static void parse(struct config *cfg, const char *text)
{
	memset(cfg, 0, sizeof(*cfg));
	T_INTEQ(config_parse_text(cfg, "/etc/multipath.conf", text), 0);
}

static struct path mkpath(const char *vendor, const char *model,
			  const char *wwid)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	str_copy(p.dev, "sdb", sizeof(p.dev));
	str_copy(p.vendor, vendor, sizeof(p.vendor));
	str_copy(p.model, model, sizeof(p.model));
	str_copy(p.wwid, wwid, sizeof(p.wwid));
	p.preferred = p.tpg = p.rel_port = -1;
	return p;
}

/* What regexec says, for comparison; -1 when regcomp refuses. */
static int libc_match(const char *pattern, const char *text)
{
	regex_t re;
	int r;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
		return -1;
	r = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return r;
}

/* Compare cfg_re_match with regexec for pattern on every text; returns
 * whether the pattern was matched without regcomp. */
static int compare(const char *pattern, const char *const *texts, size_t n)
{
	struct cfg_re re = { 0 };
	char why[128];
	int plain;
	size_t i;

	if (cfg_re_prepare(&re, pattern, why, sizeof(why))) {
		T_INTEQ(libc_match(pattern, ""), -1);
		return 0;
	}
	plain = re.state == CFG_RE_PLAIN;
	for (i = 0; i < n; i++) {
		int want = libc_match(pattern, texts[i]);

		if (cfg_re_match(&re, pattern, texts[i]) != want) {
			printf("  '%s' on '%s': regexec says %d\n", pattern,
			       texts[i], want);
			t_failed_checks++;
		}
	}
	cfg_re_free(&re);
	return plain;
}

/* Patterns matched without regcomp give regexec's answer on every vendor,
 * product and edge case; the hardware table's patterns, almost all plain,
 * on each other's strings. */
static void test_plain_patterns_match_like_regexec(void)
{
	static const char *const edge_patterns[] = {
		"", "^", "$", "a|", "(a|)", "^ab$", "^(ab|cd)$", "(ab|cd)$",
		"^(ab|cd)", "ab$|^cd", "x.z", "x\\.z", "[a-c]x", "[^a-c]x",
		"^.*ab", "ab.*$", ".*", "^.*$", "a.*b", "(a.*|b)", "[0-9]+",
		"(a)(b)", "((a))", "a\\|b", "a|b|c", "[.]", "[]a]", "[a-]",
		"A[ ]B", "^$", "(^a|b)", "a^b", "a$b", "\\(a\\)", "(a\\)",
		"[[:alpha:]]", "a\\", "NVM[eE]", "^DGC", "3PARdata",
	};
	static const char *const edge_texts[] = {
		"", "a", "ab", "cd", "abcd", "xab", "abx", "x.z", "xyz", "bx",
		"dx", "a|b", "(a)", "AB", "A B", "NVMe", "NVME", "NVMx",
		"DGC", "xDGC", "3PARdata", "a^b", "a$b", "]", "-", ".", "\\",
	};
	const char **texts;
	size_t i, n = 0, n_plain = 0, n_pat = 0;

	for (i = 0; i < sizeof(edge_patterns) / sizeof(edge_patterns[0]);
	     i++)
		compare(edge_patterns[i], edge_texts,
			sizeof(edge_texts) / sizeof(edge_texts[0]));

	texts = calloc(3 * hwtable_size + 1, sizeof(*texts));
	T_CHECK(texts != NULL);
	if (!texts)
		return;
	for (i = 0; i < hwtable_size; i++) {
		texts[n++] = hwtable[i].vendor;
		texts[n++] = hwtable[i].product;
		if (hwtable[i].bl_product)
			texts[n++] = hwtable[i].bl_product;
	}
	for (i = 0; i < n; i++, n_pat++)
		n_plain += compare(texts[i], texts, n);
	free(texts);
	/* the point of plain matching: few table patterns need regcomp */
	if (n_pat - n_plain > 20)
		printf("  %zu of %zu table patterns need regcomp\n",
		       n_pat - n_plain, n_pat);
	T_CHECK(n_pat - n_plain <= 20);
}

/* glibc matches backreferences in extended syntax, musl does not: both
 * builds refuse them, with the reason. */
static void test_backreference_refused(void)
{
	struct cfg_re re = { 0 };
	struct config cfg;
	char why[128] = "";
	size_t base;

	T_INTEQ(cfg_re_prepare(&re, "(0)(0)\\2", why, sizeof(why)), -EINVAL);
	T_CHECK(strstr(why, "backreference") != NULL);
	cfg_re_free(&re);
	T_INTEQ(cfg_re_prepare(&re, "[\\2](0)", why, sizeof(why)), 0);
	cfg_re_free(&re);

	parse(&cfg, "");
	base = cfg.blacklist.n;
	config_free(&cfg);
	parse(&cfg, "blacklist {\n wwid \"(0)(0)\\2\"\n}\n");
	T_INTEQ(cfg.blacklist.n, base);
	config_free(&cfg);
}

/* config_init compiles nothing: a table entry's patterns are prepared
 * when a path is matched against them, vendor first, and belong to that
 * config. */
static void test_hwtable_regexes_prepared_on_use(void)
{
	struct path p = mkpath("3PARdata", "VV", "360002ac0");
	struct config cfg;
	struct mp_attrs a;
	size_t i, used = 0, compiled = 0;
	int j;

	parse(&cfg, "");
	T_INTEQ(cfg.n_hwtable, hwtable_size);
	for (i = 0; i < cfg.n_hwtable; i++)
		for (j = 0; j < 3; j++)
			used += cfg.devices[i]->re[j].state != CFG_RE_NEW;
	T_INTEQ(used, 0);
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.no_path_retry, 18);
	for (i = 0; i < cfg.n_hwtable; i++) {
		const struct cfg_device *d = cfg.devices[i];

		T_CHECK(d->re[0].state != CFG_RE_NEW);	/* every vendor */
		compiled += d->re[0].state == CFG_RE_COMPILED ||
			    d->re[1].state == CFG_RE_COMPILED;
		/* a product is looked at only when the vendor matched */
		if (d->re[1].state != CFG_RE_NEW)
			T_CHECK(strstr(d->vendor, "3PAR") || !strcmp(d->vendor, ".*"));
	}
	/* NVM[eE] and the like are plain: nothing needed regcomp */
	T_INTEQ(compiled, 0);
	config_free(&cfg);
}

/* Every hardware table entry loads with all the attributes mpboot uses,
 * and its product_blacklist becomes a blacklist device entry. */
static void test_hwtable_loads(void)
{
	struct path lunz = mkpath("DGC", "LUNZ", "36006016");
	struct path raid = mkpath("DGC", "RAID 5", "36006016");
	struct config cfg;
	char why[256];
	size_t i;

	parse(&cfg, "");
	for (i = 0; i < cfg.n_hwtable; i++) {
		const struct cfg_device *d = cfg.devices[i];
		int j, n_used = 0;

		for (j = 0; hwtable[i].set[j]; j += 2)
			n_used += kw_find(hwtable[i].set[j]) != NULL;
		for (j = 0; j < CA_COUNT; j++)
			n_used -= d->attrs.from[j].file != NULL;
		if (n_used)
			printf("  entry %zu (%s %s)\n", i, d->vendor, d->product);
		T_INTEQ(n_used, 0);
	}
	T_INTEQ(config_blacklisted(&cfg, &lunz, why, sizeof(why)), 1);
	T_STREQ(why, "blacklist device \"^DGC\" \"LUNZ\" (hwtable)");
	T_INTEQ(config_blacklisted(&cfg, &raid, why, sizeof(why)), 0);
	config_free(&cfg);
}

/* A user entry's product_blacklist works the same way, once per pair. */
static void test_user_product_blacklist(void)
{
	struct path p = mkpath("ACME", "Gateway", "36001");
	struct config cfg;
	char why[256];
	size_t base;

	parse(&cfg, "");
	base = cfg.blacklist.n;
	config_free(&cfg);
	parse(&cfg, "devices {\n device {\n  vendor ACME\n  product Box\n"
		    "  product_blacklist Gateway\n }\n"
		    " device {\n  vendor ACME\n  product Crate\n"
		    "  product_blacklist Gateway\n }\n}\n");
	T_INTEQ(cfg.blacklist.n, base + 1);
	T_INTEQ(config_blacklisted(&cfg, &p, why, sizeof(why)), 1);
	T_STREQ(why, "blacklist device \"ACME\" \"Gateway\" "
		     "(/etc/multipath.conf:2)");
	config_free(&cfg);
}

static void test_udev_properties_sorted(void)
{
	struct path p = mkpath("ACME", "Box", "36001405aa");
	const char *name, *prev = "";
	size_t i = 0, n = 0;

	str_copy(p.serial, "S1", sizeof(p.serial));
	p.tpg = 1;
	p.rel_port = 2;
	while ((name = config_udev_property(&p, &i))) {
		if (strcmp(prev, name) >= 0)
			printf("  '%s' after '%s'\n", name, prev);
		T_CHECK(strcmp(prev, name) < 0);
		prev = name;
		n++;
	}
	T_CHECK(n > 20);
}

/* multipath-tools' filter_property: the first property (sorted) that a
 * rule matches decides; the built-in exception (SCSI_IDENT_|ID_WWN) lets
 * every path with an identification through; a path with none of the
 * excepted ones but a WWID property is blacklisted. */
static void test_property_blacklist(void)
{
	static const struct {
		const char *conf, *wwid, *serial;
		int want;
	} cases[] = {
		{ "", "36001405aa", "", 0 },
		{ "", "2aabbccdd", "", 0 },		/* EUI-64 */
		{ "", "1ACME_Box_1", "", 0 },		/* T10 */
		{ "", "", "", 0 },			/* no WWID property */
		{ "", "Sweird", "", 1 },		/* nothing excepted */
		{ "", "Sweird", "S1", 0 },		/* SCSI_IDENT_SERIAL */
		/* ID_BUS sorts before ID_WWN and SCSI_IDENT_*: it decides */
		{ "blacklist {\n property ID_BUS\n}\n", "36001405aa", "", 1 },
		/* ID_WWN comes first and is excepted */
		{ "blacklist {\n property SCSI_VENDOR\n}\n", "36001405aa", "",
		  0 },
		/* a T10 WWID has no ID_WWN; SCSI_IDENT_LUN_T10 first */
		{ "blacklist {\n property SCSI_VENDOR\n}\n", "1ACME_Box_1", "",
		  0 },
		{ "blacklist {\n property \"^ID_SERIAL$\"\n}\n", "1ACME_Box_1",
		  "", 1 },
		{ "blacklist_exceptions {\n property ID_BUS\n}\n", "Sweird",
		  "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct path p = mkpath("ACME", "Box", cases[i].wwid);
		struct config cfg;
		char why[256];
		int got;

		str_copy(p.serial, cases[i].serial, sizeof(p.serial));
		parse(&cfg, cases[i].conf);
		got = config_blacklisted(&cfg, &p, why, sizeof(why));
		if (got != cases[i].want)
			printf("  case %zu: %s\n", i, why);
		T_INTEQ(got, cases[i].want);
		config_free(&cfg);
	}
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_plain_patterns_match_like_regexec);
	T_RUN(test_backreference_refused);
	T_RUN(test_hwtable_regexes_prepared_on_use);
	T_RUN(test_hwtable_loads);
	T_RUN(test_user_product_blacklist);
	T_RUN(test_udev_properties_sorted);
	T_RUN(test_property_blacklist);
	return t_done();
}
