#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "config/cmdline.h"
#include "config/config.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

/* A config from text on top of the built-in one. */
static void parse(struct config *cfg, const char *text)
{
	memset(cfg, 0, sizeof(*cfg));
	T_INTEQ(config_parse_text(cfg, "/etc/multipath.conf", text), 0);
}

static struct path mkpath(const char *dev, const char *vendor,
			  const char *model, const char *wwid)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	str_copy(p.dev, dev, sizeof(p.dev));
	str_copy(p.vendor, vendor, sizeof(p.vendor));
	str_copy(p.model, model, sizeof(p.model));
	str_copy(p.wwid, wwid, sizeof(p.wwid));
	p.preferred = p.tpg = p.rel_port = -1;
	return p;
}

static void test_builtin_defaults(void)
{
	struct path p = mkpath("sdb", "QEMU", "QEMU HARDDISK", "35000c5");
	struct config cfg;
	struct mp_attrs a;

	parse(&cfg, "");
	T_INTEQ(cfg.verbosity, 2);
	T_INTEQ(cfg.polling_interval, 5);
	T_INTEQ(cfg.max_polling_interval, 20);
	T_INTEQ(cfg.find_multipaths, FIND_ON);
	T_INTEQ(cfg.find_multipaths_timeout, -10);
	T_INTEQ(cfg.queue_without_daemon, 0);
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.pgpolicy, PGP_FAILOVER);
	T_STREQ(a.selector, "service-time 0");
	T_STREQ(a.checker, "tur");
	T_STREQ(a.prio, "const");
	T_STREQ(a.hwhandler, "0");
	T_STREQ(a.features, "0");
	T_INTEQ(a.no_path_retry, NO_PATH_RETRY_UNDEF);
	T_INTEQ(a.failback, FAILBACK_MANUAL);
	T_INTEQ(a.rr_min_io_rq, 1);
	T_INTEQ(a.rr_weight_priorities, 0);
	T_INTEQ(a.user_friendly_names, 0);
	T_STREQ(a.alias_prefix, "mpath");
	T_STREQ(a.alias, "");
	T_INTEQ(a.detect_prio, 1);
	T_INTEQ(a.detect_checker, 1);
	T_INTEQ(a.skip_kpartx, 0);
	config_free(&cfg);
}

/* Values in the defaults section: accepted forms and rejected ones. */
static void test_values(void)
{
	static const struct {
		const char *line;
		int field;	/* which check below */
		int want;
	} cases[] = {
		{ "polling_interval 7", 0, 7 },
		{ "polling_interval 0", 0, 5 },
		{ "polling_interval x", 0, 5 },
		{ "polling_interval 99999999999", 0, 5 },
		{ "verbosity 4", 1, 4 },
		{ "verbosity 7", 1, 2 },
		{ "find_multipaths yes", 2, FIND_ON },
		{ "find_multipaths no", 2, FIND_OFF },
		{ "find_multipaths strict", 2, FIND_STRICT },
		{ "find_multipaths greedy", 2, FIND_GREEDY },
		{ "find_multipaths smart", 2, FIND_SMART },
		{ "find_multipaths maybe", 2, FIND_ON },
		{ "no_path_retry queue", 3, NO_PATH_RETRY_QUEUE },
		{ "no_path_retry fail", 3, NO_PATH_RETRY_FAIL },
		{ "no_path_retry 0", 3, NO_PATH_RETRY_FAIL },
		{ "no_path_retry 12", 3, 12 },
		{ "no_path_retry -3", 3, NO_PATH_RETRY_UNDEF },
		{ "failback immediate", 4, FAILBACK_IMMEDIATE },
		{ "failback followover", 4, FAILBACK_FOLLOWOVER },
		{ "failback 30", 4, 30 },
		{ "failback soon", 4, FAILBACK_MANUAL },
		{ "user_friendly_names yes", 5, 1 },
		{ "user_friendly_names 1", 5, 1 },
		{ "user_friendly_names maybe", 5, 0 },
		{ "path_grouping_policy multibus", 6, PGP_MULTIBUS },
		{ "path_grouping_policy group_by_prio", 6, PGP_GROUP_BY_PRIO },
		{ "path_grouping_policy round", 6, PGP_FAILOVER },
		{ "rr_weight priorities", 7, 1 },
		{ "find_multipaths_timeout -5", 8, -5 },
		{ "queue_without_daemon yes", 9, 1 },
		{ "max_polling_interval 9", 10, 9 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[200];
		struct config cfg;
		int got = -100;

		snprintf(text, sizeof(text), "defaults {\n\t%s\n}\n",
			 cases[i].line);
		parse(&cfg, text);
		switch (cases[i].field) {
		case 0: got = cfg.polling_interval; break;
		case 1: got = cfg.verbosity; break;
		case 2: got = cfg.find_multipaths; break;
		case 3: got = cfg.defaults.v.no_path_retry; break;
		case 4: got = cfg.defaults.v.failback; break;
		case 5: got = cfg.defaults.v.user_friendly_names; break;
		case 6: got = cfg.defaults.v.pgpolicy; break;
		case 7: got = cfg.defaults.v.rr_weight_priorities; break;
		case 8: got = cfg.find_multipaths_timeout; break;
		case 9: got = cfg.queue_without_daemon; break;
		case 10: got = cfg.max_polling_interval; break;
		}
		if (got != cases[i].want)
			printf("  case '%s'\n", cases[i].line);
		T_INTEQ(got, cases[i].want);
		config_free(&cfg);
	}
}

static void test_quotes_and_comments(void)
{
	struct config cfg;

	parse(&cfg,
	      "# comment\n"
	      "! also a comment\n"
	      "defaults { # trailing comment\n"
	      "\tpath_selector \"round-robin 0\"  # why\n"
	      "\tprio_args \"say \"\"hi\"\" # not a comment\"\n"
	      "\tfeatures \"1 queue_if_no_path\"!bang\n"
	      "\talias_prefix mp\t\n"
	      "}\n");
	T_STREQ(cfg.defaults.v.selector, "round-robin 0");
	T_STREQ(cfg.defaults.v.prio_args, "say \"hi\" # not a comment");
	T_STREQ(cfg.defaults.v.features, "1 queue_if_no_path");
	T_STREQ(cfg.defaults.v.alias_prefix, "mp");
	T_STREQ(cfg.defaults.from[CA_SELECTOR].file, "/etc/multipath.conf");
	T_INTEQ(cfg.defaults.from[CA_SELECTOR].line, 4);
	T_INTEQ(cfg.defaults.from[CA_ALIAS_PREFIX].line, 7);
	config_free(&cfg);
}

/* Broken structure never stops the parse: what is well formed counts. */
static void test_nesting_errors(void)
{
	static const struct {
		const char *text;
		int polling;	/* polling_interval afterwards */
	} cases[] = {
		/* unknown section skipped with its subsections */
		{ "foo {\n bar {\n polling_interval 9\n }\n}\n"
		  "defaults {\n polling_interval 3\n}\n", 3 },
		/* stray closing brace */
		{ "}\ndefaults {\n polling_interval 3\n}\n", 3 },
		/* missing closing brace at the end */
		{ "defaults {\n polling_interval 3\n", 3 },
		/* '{' alone on its line: skipped */
		{ "defaults\n{\n polling_interval 9\n}\n", 5 },
		/* subsection not allowed in defaults */
		{ "defaults {\n device {\n polling_interval 9\n }\n"
		  " polling_interval 4\n}\n", 4 },
		/* keyword outside any section */
		{ "polling_interval 9\n", 5 },
		/* one-line section is not the syntax */
		{ "defaults { polling_interval 9 }\n", 5 },
		/* value missing */
		{ "defaults {\n polling_interval\n}\n", 5 },
		/* extra words after the value are ignored, value kept */
		{ "defaults {\n polling_interval 6 7\n}\n", 6 },
		/* unterminated quote */
		{ "defaults {\n polling_interval \"8\n}\n", 8 },
		/* devices wants device subsections only */
		{ "devices {\n polling_interval 9\n}\n", 5 },
		/* global keyword in overrides is not allowed */
		{ "overrides {\n polling_interval 9\n}\n", 5 },
		/* unknown and ignored keywords */
		{ "defaults {\n frobnicate 1\n dev_loss_tmo 30\n"
		  " polling_interval 2\n}\n", 2 },
		/* no newline at the end, CRLF lines */
		{ "defaults {\r\n polling_interval 2\r\n}", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config cfg;

		parse(&cfg, cases[i].text);
		if (cfg.polling_interval != cases[i].polling)
			printf("  case %zu\n", i);
		T_INTEQ(cfg.polling_interval, cases[i].polling);
		config_free(&cfg);
	}
}

static const char every_section[] =
	"defaults {\n"
	"	user_friendly_names yes\n"
	"	path_grouping_policy multibus\n"
	"	no_path_retry 5\n"
	"}\n"
	"blacklist {\n"
	"	devnode \"^sdz\"\n"
	"	wwid \"^3600bad\"\n"
	"	protocol \"scsi:sas\"\n"
	"	property \"ID_FOO\"\n"
	"	device {\n"
	"		vendor \"EVIL\"\n"
	"		product \".*\"\n"
	"	}\n"
	"}\n"
	"blacklist_exceptions {\n"
	"	wwid \"^3600bad1\"\n"
	"}\n"
	"devices {\n"
	"	device {\n"
	"		vendor \"ACME\"\n"
	"		product \"^Box\"\n"
	"		path_grouping_policy group_by_prio\n"
	"		path_checker directio\n"
	"		hardware_handler \"1 alua\"\n"
	"	}\n"
	"	device {\n"
	"		vendor \"ACME\"\n"
	"		product \"Box 2\"\n"
	"		path_checker readsector0\n"
	"	}\n"
	"	device {\n"
	"		product \"novendor\"\n"
	"	}\n"
	"	device {\n"
	"		vendor \"(bad\"\n"
	"		product \"x\"\n"
	"	}\n"
	"}\n"
	"overrides {\n"
	"	failback 15\n"
	"}\n"
	"multipaths {\n"
	"	multipath {\n"
	"		wwid 3600aaa\n"
	"		alias rootdisk\n"
	"		path_selector \"queue-length 0\"\n"
	"		path_checker none\n"
	"	}\n"
	"	multipath {\n"
	"		alias nowwid\n"
	"	}\n"
	"}\n";

static void test_every_section(void)
{
	struct path p = mkpath("sdc", "ACME", "Box 2", "3600aaa");
	struct config cfg;
	struct mp_attrs a;
	size_t hw;

	size_t bl, ex;

	parse(&cfg, "");
	bl = cfg.blacklist.n;	/* devnode, the table's product_blacklist */
	ex = cfg.exceptions.n;	/* property */
	config_free(&cfg);
	parse(&cfg, every_section);
	hw = cfg.n_hwtable;
	T_INTEQ(cfg.n_devices, hw + 2);	/* two bad entries dropped */
	T_INTEQ(cfg.n_multipaths, 1);
	T_INTEQ(cfg.blacklist.n, bl + 5);
	T_INTEQ(cfg.exceptions.n, ex + 1);
	T_CHECK(config_has_multipath(&cfg, "3600aaa"));
	T_CHECK(!config_has_multipath(&cfg, "3600aab"));

	config_resolve(&cfg, &p, &a);
	T_STREQ(a.alias, "rootdisk");			/* multipaths */
	T_STREQ(a.selector, "queue-length 0");		/* multipaths */
	T_STREQ(a.checker, "readsector0");	/* not valid in multipaths;
						 * later device entry wins */
	T_INTEQ(a.failback, 15);			/* overrides */
	T_INTEQ(a.pgpolicy, PGP_GROUP_BY_PRIO);	/* devices over defaults */
	T_INTEQ(a.user_friendly_names, 1);		/* defaults */
	T_INTEQ(a.no_path_retry, 5);			/* defaults */
	T_STREQ(a.features, "1 queue_if_no_path");
	/* "1 alua" configured but the LUN shows no ALUA: dropped */
	T_STREQ(a.hwhandler, "0");
	config_free(&cfg);
}

/* multipaths > overrides > devices > defaults > built-in, per attribute. */
static void test_precedence(void)
{
	static const char *const layers[] = {
		"multipaths {\n multipath {\n  wwid 36001\n"
		"  path_grouping_policy group_by_serial\n }\n}\n",
		"overrides {\n path_grouping_policy group_by_node_name\n}\n",
		"devices {\n device {\n  vendor LIO-ORG\n  product .\n"
		"  path_grouping_policy multibus\n }\n}\n",
		"defaults {\n path_grouping_policy group_by_tpg\n}\n",
	};
	static const enum pgpolicy want[] = {
		PGP_GROUP_BY_SERIAL, PGP_GROUP_BY_NODE_NAME, PGP_MULTIBUS,
		PGP_GROUP_BY_PRIO,	/* the hwtable's LIO entry over defaults */
	};
	struct path p = mkpath("sdb", "LIO-ORG", "disk0", "36001");
	size_t first;

	for (first = 0; first < 4; first++) {
		char text[1024] = "";
		struct config cfg;
		struct mp_attrs a;
		size_t i;

		for (i = first; i < 4; i++)
			strcat(text, layers[i]);
		parse(&cfg, text);
		config_resolve(&cfg, &p, &a);
		T_INTEQ(a.pgpolicy, want[first]);
		config_free(&cfg);
	}
}

static void test_defaults_below_devices_only_when_matching(void)
{
	struct path p = mkpath("sdb", "QEMU", "QEMU HARDDISK", "35000");
	struct config cfg;
	struct mp_attrs a;

	parse(&cfg, "defaults {\n path_grouping_policy multibus\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.pgpolicy, PGP_MULTIBUS);
	config_free(&cfg);
}

/* Vendor/product/revision are unanchored extended regexes; every match
 * merges, later entries win. */
static void test_regex_matching(void)
{
	static const struct {
		const char *vendor, *product, *revision;
		const char *pvendor, *pmodel, *prev;
		int match;
	} cases[] = {
		{ "ACME", "Box", NULL, "ACME", "Box", "", 1 },
		{ "CM", "o", NULL, "ACME", "Box", "", 1 },	/* unanchored */
		{ "^CM", "Box", NULL, "ACME", "Box", "", 0 },
		{ "^(ACME|EMCA)$", "^B.x$", NULL, "EMCA", "Bax", "", 1 },
		{ "ACME", "Box", "^1\\.", "ACME", "Box", "1.2", 1 },
		{ "ACME", "Box", "^1\\.", "ACME", "Box", "2.0", 0 },
		{ "acme", "Box", NULL, "ACME", "Box", "", 0 },	/* case */
		{ "ACME", "Box+", NULL, "ACME", "Boxxx", "", 1 }, /* ERE + */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct path p = mkpath("sdb", cases[i].pvendor, cases[i].pmodel,
				       "35");
		struct config cfg;
		struct mp_attrs a;
		char text[512];

		str_copy(p.rev, cases[i].prev, sizeof(p.rev));
		snprintf(text, sizeof(text),
			 "devices {\n device {\n  vendor \"%s\"\n"
			 "  product \"%s\"\n%s%s%s  prio weightedpath\n"
			 "  detect_prio no\n }\n}\n",
			 cases[i].vendor, cases[i].product,
			 cases[i].revision ? "  revision \"" : "",
			 cases[i].revision ? cases[i].revision : "",
			 cases[i].revision ? "\"\n" : "");
		parse(&cfg, text);
		config_resolve(&cfg, &p, &a);
		if (strcmp(a.prio, cases[i].match ? "weightedpath" : "const"))
			printf("  case %zu\n", i);
		T_STREQ(a.prio, cases[i].match ? "weightedpath" : "const");
		config_free(&cfg);
	}
}

/* Patterns that would make regcomp build a huge automaton are refused
 * like invalid ones; ordinary quantifiers still work. */
static void test_costly_regex_refused(void)
{
	static const struct {
		const char *pattern;
		int ok;
	} cases[] = {
		{ "scsi:s++++++++++++++++++++++++++++++++++++as", 0 },
		{ "a**", 0 },
		{ "(a{100}){100}", 0 },
		{ "x{5000}", 0 },
		{ "x{256}", 0 },	/* musl's RE_DUP_MAX is 255 */
		{ ")a++", 0 },		/* glibc reads the ')' as a character */
		{ "((a{0,15}){0,15}){0,15}", 0 },	/* seconds in musl */
		{ "(a{0,31}){0,31}", 1 },
		{ "a{20}b{20}c{20}(d{20}|e{20})", 1 },	/* sizes add */
		{ "^(sd[a-z]+|vd[a-z]*)$", 1 },
		{ "^3600[0-9a-f]{8}", 1 },
		{ "a\\++", 1 },		/* escaped '+' then a quantifier */
		{ "[+*]+", 1 },
		{ "*", 1 },		/* `wwid "*"`: anything */
	};
	struct config cfg;
	size_t i, base;

	parse(&cfg, "");
	base = cfg.blacklist.n;
	config_free(&cfg);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[200];

		snprintf(text, sizeof(text), "blacklist {\n wwid \"%s\"\n}\n",
			 cases[i].pattern);
		parse(&cfg, text);
		if (cfg.blacklist.n != base + cases[i].ok)
			printf("  case '%s'\n", cases[i].pattern);
		T_INTEQ(cfg.blacklist.n, base + cases[i].ok);
		config_free(&cfg);
	}
}

static void test_hwtable_entries(void)
{
	static const struct {
		const char *vendor, *model;
		enum pgpolicy pgp;
		int npr;
		const char *prio;
	} cases[] = {
		{ "LIO-ORG", "lun0", PGP_GROUP_BY_PRIO, 12, "alua" },
		/* tgt: not in multipath-tools' table */
		{ "IET", "VIRTUAL-DISK", PGP_FAILOVER, NO_PATH_RETRY_UNDEF,
		  "const" },
		{ "NETAPP", "LUN C-Mode", PGP_GROUP_BY_PRIO,
		  NO_PATH_RETRY_QUEUE, "ontap" },
		{ "DGC", "VRAID", PGP_GROUP_BY_PRIO, 60, "emc" },
		{ "HITACHI", "OPEN-V", PGP_MULTIBUS, NO_PATH_RETRY_UNDEF,
		  "const" },
		{ "3PARdata", "VV", PGP_GROUP_BY_PRIO, 18, "alua" },
		{ "IBM", "2145", PGP_GROUP_BY_PRIO, NO_PATH_RETRY_QUEUE,
		  "alua" },
		{ "PURE", "FlashArray", PGP_GROUP_BY_PRIO, NO_PATH_RETRY_UNDEF,
		  "alua" },
		{ "DELL", "MD3820i", PGP_GROUP_BY_PRIO, 30, "rdac" },
	};
	struct config cfg;
	size_t i;

	parse(&cfg, "");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct path p = mkpath("sdb", cases[i].vendor, cases[i].model,
				       "36");
		struct mp_attrs a;

		config_resolve(&cfg, &p, &a);
		if (a.pgpolicy != cases[i].pgp || strcmp(a.prio, cases[i].prio))
			printf("  case %s\n", cases[i].vendor);
		T_INTEQ(a.pgpolicy, cases[i].pgp);
		T_INTEQ(a.no_path_retry, cases[i].npr);
		T_STREQ(a.prio, cases[i].prio);
	}
	config_free(&cfg);
}

static void test_user_device_wins_over_hwtable(void)
{
	struct path p = mkpath("sdb", "NETAPP", "LUN", "36");
	struct config cfg;
	struct mp_attrs a;

	parse(&cfg, "devices {\n device {\n  vendor NETAPP\n  product LUN\n"
		    "  no_path_retry 3\n }\n}\n");
	config_resolve(&cfg, &p, &a);
	T_INTEQ(a.no_path_retry, 3);			/* user */
	T_STREQ(a.prio, "ontap");			/* hwtable, merged */
	T_STREQ(a.features, "3 pg_init_retries 50 queue_if_no_path");
	config_free(&cfg);
}

static void test_features_and_no_path_retry(void)
{
	static const struct {
		const char *features;	/* NULL: not set */
		const char *npr;	/* NULL: not set */
		const char *want;
		int want_npr;
	} cases[] = {
		{ NULL, NULL, "0", NO_PATH_RETRY_UNDEF },
		{ NULL, "queue", "1 queue_if_no_path", NO_PATH_RETRY_QUEUE },
		{ NULL, "5", "1 queue_if_no_path", 5 },
		{ NULL, "fail", "0", NO_PATH_RETRY_FAIL },
		{ "1 queue_if_no_path", NULL, "1 queue_if_no_path",
		  NO_PATH_RETRY_QUEUE },
		{ "1 queue_if_no_path", "fail", "0", NO_PATH_RETRY_FAIL },
		{ "1 queue_if_no_path", "3", "1 queue_if_no_path", 3 },
		{ "2 pg_init_retries 50", "queue",
		  "3 pg_init_retries 50 queue_if_no_path",
		  NO_PATH_RETRY_QUEUE },
		{ "3 queue_if_no_path pg_init_retries 50", "fail",
		  "2 pg_init_retries 50", NO_PATH_RETRY_FAIL },
		{ "1 retain_attached_hw_handler", NULL, "0",
		  NO_PATH_RETRY_UNDEF },
		/* the count is recomputed */
		{ "pg_init_retries 50", NULL, "2 pg_init_retries 50",
		  NO_PATH_RETRY_UNDEF },
		{ "5 queue_if_no_path", "queue", "1 queue_if_no_path",
		  NO_PATH_RETRY_QUEUE },
	};
	struct path p = mkpath("sdb", "QEMU", "QEMU HARDDISK", "35");
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[300] = "defaults {\n";
		struct config cfg;
		struct mp_attrs a;

		if (cases[i].features)
			sprintf(text + strlen(text), " features \"%s\"\n",
				cases[i].features);
		if (cases[i].npr)
			sprintf(text + strlen(text), " no_path_retry %s\n",
				cases[i].npr);
		strcat(text, "}\n");
		parse(&cfg, text);
		config_resolve(&cfg, &p, &a);
		if (strcmp(a.features, cases[i].want))
			printf("  case %zu\n", i);
		T_STREQ(a.features, cases[i].want);
		T_INTEQ(a.no_path_retry, cases[i].want_npr);
		config_free(&cfg);
	}
}

static void test_alua_detection(void)
{
	struct path p = mkpath("sdb", "QEMU", "QEMU HARDDISK", "35");
	struct config cfg;
	struct mp_attrs a;

	/* no ALUA: configured prio and checker stay */
	parse(&cfg, "defaults {\n prio weightedpath\n path_checker directio\n"
		    "}\n");
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.prio, "weightedpath");
	T_STREQ(a.checker, "directio");
	T_STREQ(a.hwhandler, "0");

	/* ALUA by access_state: detect_prio/detect_checker win */
	str_copy(p.access_state, "active/optimized", sizeof(p.access_state));
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.prio, "alua");
	T_STREQ(a.checker, "tur");
	T_STREQ(a.hwhandler, "1 alua");
	config_free(&cfg);

	/* detect_prio no keeps the configured prio */
	parse(&cfg, "defaults {\n prio weightedpath\n detect_prio no\n"
		    " detect_checker no\n path_checker directio\n}\n");
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.prio, "weightedpath");
	T_STREQ(a.checker, "directio");
	config_free(&cfg);

	/* an attached handler is retained whatever was configured */
	parse(&cfg, "devices {\n device {\n vendor QEMU\n product .\n"
		    " hardware_handler \"1 emc\"\n }\n}\n");
	p.access_state[0] = '\0';
	str_copy(p.dh_state, "rdac", sizeof(p.dh_state));
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.hwhandler, "1 rdac");
	str_copy(p.dh_state, "detached", sizeof(p.dh_state));
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.hwhandler, "1 emc");
	str_copy(p.dh_state, "alua", sizeof(p.dh_state));
	config_resolve(&cfg, &p, &a);
	T_STREQ(a.hwhandler, "1 alua");
	T_STREQ(a.prio, "alua");
	config_free(&cfg);
}

static void test_blacklist(void)
{
	static const struct {
		const char *dev, *vendor, *wwid;
		enum path_transport transport;
		int want;
	} cases[] = {
		{ "sda", "QEMU", "35000", TRANSPORT_OTHER, 0 },
		{ "vda", "QEMU", "35000", TRANSPORT_OTHER, 1 },	/* built-in */
		{ "sdz", "QEMU", "35000", TRANSPORT_OTHER, 1 },	/* devnode */
		{ "sdb", "EVIL", "35000", TRANSPORT_OTHER, 1 },	/* device */
		{ "sdb", "QEMU", "3600bad0", TRANSPORT_OTHER, 1 },	/* wwid */
		{ "sdb", "QEMU", "3600bad1", TRANSPORT_OTHER, 0 },	/* except */
		{ "sdb", "QEMU", "35000", TRANSPORT_SAS, 1 },	/* protocol */
		{ "sdb", "QEMU", "35000", TRANSPORT_ISCSI, 0 },
	};
	struct config cfg;
	size_t i;

	parse(&cfg, every_section);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct path p = mkpath(cases[i].dev, cases[i].vendor, "x",
				       cases[i].wwid);
		char why[256];

		p.transport = cases[i].transport;
		if (config_blacklisted(&cfg, &p, why, sizeof(why)) !=
		    cases[i].want)
			printf("  case %zu (%s)\n", i, why);
		T_INTEQ(config_blacklisted(&cfg, &p, why, sizeof(why)),
			cases[i].want);
	}
	{
		struct path p = mkpath("sdz", "QEMU", "x", "35");
		char why[256];

		config_blacklisted(&cfg, &p, why, sizeof(why));
		T_STREQ(why, "blacklist devnode \"^sdz\" "
			     "(/etc/multipath.conf:7)");
	}
	config_free(&cfg);
}

/* '!' inverts a device entry's vendor and product too (multipath-tools'
 * check_invert); "\\!" is a literal '!'. */
static void test_blacklist_device_and_invert(void)
{
	struct path a = mkpath("sdb", "ACME", "Box", "36001");
	struct path b = mkpath("sdc", "QEMU", "Box", "36002");
	struct path c = mkpath("sdd", "!ODD", "Crate", "36001");
	struct config cfg;
	char why[256];

	parse(&cfg, "blacklist {\n device {\n  vendor \"!ACME\"\n"
		    "  product \"!Crate\"\n }\n"
		    " wwid \"!^3600[12]\"\n"
		    " device {\n  vendor \"\\!ODD\"\n }\n}\n");
	T_INTEQ(config_blacklisted(&cfg, &a, why, sizeof(why)), 0);
	T_INTEQ(config_blacklisted(&cfg, &b, why, sizeof(why)), 1);
	T_STREQ(why, "blacklist device \"!ACME\" \"!Crate\" "
		     "(/etc/multipath.conf:2)");
	str_copy(b.model, "Crate", sizeof(b.model));
	T_INTEQ(config_blacklisted(&cfg, &b, why, sizeof(why)), 0);
	b.wwid[4] = '9';
	T_INTEQ(config_blacklisted(&cfg, &b, why, sizeof(why)), 1);
	T_INTEQ(config_blacklisted(&cfg, &c, why, sizeof(why)), 1);
	T_STREQ(why, "blacklist device \"\\!ODD\" \"\" "
		     "(/etc/multipath.conf:7)");
	config_free(&cfg);
}

static void test_blacklist_all_but_exceptions(void)
{
	struct path a = mkpath("sdb", "QEMU", "x", "36001");
	struct path b = mkpath("sdc", "QEMU", "x", "36002");
	struct path c = mkpath("vda", "QEMU", "x", "36001");
	struct config cfg;
	char why[256];

	parse(&cfg, "blacklist {\n wwid \"*\"\n}\n"
		    "blacklist_exceptions {\n wwid \"^36001$\"\n"
		    " devnode \"^vd\"\n}\n");
	T_INTEQ(config_blacklisted(&cfg, &a, why, sizeof(why)), 0);
	T_INTEQ(config_blacklisted(&cfg, &b, why, sizeof(why)), 1);
	T_STREQ(why, "blacklist wwid \"*\" (/etc/multipath.conf:2)");
	/* an exception lifts the built-in sd-only devnode filter */
	T_INTEQ(config_blacklisted(&cfg, &c, why, sizeof(why)), 0);
	config_free(&cfg);
}

static void test_cmdline_applies(void)
{
	struct boot_cmdline cl;
	struct config cfg;
	char *text;

	parse(&cfg, "defaults {\n find_multipaths strict\n}\n");
	T_INTEQ(cmdline_parse("mpboot.find=greedy mpboot.find_timeout=30 "
			      "mpboot.verbose=4", &cl), 0);
	config_apply_cmdline(&cfg, &cl);
	T_INTEQ(cfg.find_multipaths, FIND_GREEDY);
	T_INTEQ(cfg.find_multipaths_timeout, 30);
	T_INTEQ(cfg.verbosity, 4);
	text = config_format(&cfg);
	T_CHECK(text && strstr(text, "\tfind_multipaths greedy\t# cmdline\n"));
	free(text);
	cmdline_free(&cl);
	config_free(&cfg);
}

/* The printed configuration reads back to the same configuration. */
static void test_format_reads_back(void)
{
	struct config cfg, again;
	char *text, *text2;
	const char *s;

	parse(&cfg, every_section);
	text = config_format(&cfg);
	T_CHECK(text != NULL);
	if (!text)
		return;
	T_CHECK(strstr(text, "\tuser_friendly_names yes\t"
			     "# /etc/multipath.conf:2\n") != NULL);
	T_CHECK(strstr(text, "\tpolling_interval 5\n") != NULL);
	T_CHECK(strstr(text, "\t\tno_path_retry 12\t# hwtable\n") != NULL);
	T_CHECK(strstr(text, "\t\talias \"rootdisk\"\t"
			     "# /etc/multipath.conf:46\n") != NULL);
	memset(&again, 0, sizeof(again));
	T_INTEQ(config_parse_text(&again, "printed", text), 0);
	T_INTEQ(again.n_multipaths, cfg.n_multipaths);
	T_INTEQ(again.defaults.v.user_friendly_names, 1);
	T_STREQ(again.multipaths[0]->attrs.v.alias, "rootdisk");
	text2 = config_format(&again);
	/* same text apart from origins and the re-read built-in entries */
	T_CHECK(text2 != NULL);
	s = text2 ? strstr(text2, "multipaths {") : NULL;
	T_CHECK(s && strstr(s, "\t\tpath_selector \"queue-length 0\"\t# printed:"));
	free(text);
	free(text2);
	config_free(&again);
	config_free(&cfg);
}

static void write_file(int dfd, const char *rel, const char *text)
{
	FILE *f;
	int fd = openat(dfd, rel, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	T_CHECK(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
}

static void test_load_main_and_dropins(void)
{
	int rootfd = fs_open_root("tests/unit/fixtures/config/root");
	struct config cfg;

	T_CHECK(rootfd >= 0);
	T_INTEQ(config_load(&cfg, rootfd, "etc/multipath.conf"), 0);
	/* main 3, 10-a.conf 4, 20-b.conf 6: alphabetical, later wins */
	T_INTEQ(cfg.polling_interval, 6);
	T_STREQ(cfg.gfrom[CG_POLLING_INTERVAL].file,
		"/etc/multipath/conf.d/20-b.conf");
	T_INTEQ(cfg.defaults.v.user_friendly_names, 1);	/* main */
	T_INTEQ(cfg.n_multipaths, 1);			/* 10-a.conf */
	T_INTEQ(cfg.verbosity, 2);	/* not-a-conf.txt is not read */
	config_free(&cfg);

	/* missing file: built-in defaults */
	T_INTEQ(config_load(&cfg, rootfd, "etc/missing.conf"), 0);
	T_INTEQ(cfg.polling_interval, 6);	/* the drop-ins still count */
	config_free(&cfg);
	close(rootfd);
}

static void test_load_unreadable(void)
{
	char dir[] = "/tmp/mpboot-cfg-XXXXXX";
	struct config cfg;
	int dfd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_CHECK(mkdirat(dfd, "etc", 0755) == 0);
	/* a directory where the file should be: an error, as in
	 * multipath-tools, not the defaults (they could rename every map) */
	T_CHECK(mkdirat(dfd, "etc/multipath.conf", 0755) == 0);
	T_INTEQ(config_load(&cfg, dfd, "etc/multipath.conf"), -FS_ENOTREG);
	config_free(&cfg);
	unlinkat(dfd, "etc/multipath.conf", AT_REMOVEDIR);
	/* the same for a drop-in */
	T_CHECK(mkdirat(dfd, "etc/multipath", 0755) == 0);
	T_CHECK(mkdirat(dfd, "etc/multipath/conf.d", 0755) == 0);
	T_CHECK(mkdirat(dfd, "etc/multipath/conf.d/a.conf", 0755) == 0);
	T_INTEQ(config_load(&cfg, dfd, "etc/multipath.conf"), -FS_ENOTREG);
	config_free(&cfg);
	unlinkat(dfd, "etc/multipath/conf.d/a.conf", AT_REMOVEDIR);
	unlinkat(dfd, "etc/multipath/conf.d", AT_REMOVEDIR);
	unlinkat(dfd, "etc/multipath", AT_REMOVEDIR);
	write_file(dfd, "etc/x.conf", "defaults {\n polling_interval 8\n}\n");
	T_INTEQ(config_load(&cfg, dfd, "etc/x.conf"), 0);
	T_INTEQ(cfg.polling_interval, 8);
	T_STREQ(cfg.gfrom[CG_POLLING_INTERVAL].file, "/etc/x.conf");
	config_free(&cfg);
	unlinkat(dfd, "etc/x.conf", 0);
	unlinkat(dfd, "etc", AT_REMOVEDIR);
	close(dfd);
	rmdir(dir);
}

/* Names device-mapper would refuse are refused where they are written. */
static void test_alias_names_refused(void)
{
	static const struct {
		const char *value;	/* alias, quoted as written */
		const char *why;	/* in the message; NULL: accepted */
	} cases[] = {
		{ "root", NULL },
		{ "\"\"", "cannot be empty" },
		{ "a/b", "'/'" },
		{ ".", "'.' and '..'" },
		{ "..", "'.' and '..'" },
		{ "...", NULL },
		/* 119 characters and a partition suffix fit; 120 do not */
		{ "x119", NULL },
		{ "x120", "too long" },
	};
	char text[512], value[160];
	struct config cfg;
	const char *err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *v = cases[i].value;

		if (v[0] == 'x' && v[1] != '\0') {
			size_t n = (size_t)atoi(v + 1);

			memset(value, 'r', n);
			value[n] = '\0';
			v = value;
		}
		snprintf(text, sizeof(text), "multipaths {\n multipath {\n"
			 "  wwid 3600aaa\n  alias %s\n }\n}\n", v);
		log_verbosity = 2;
		t_stderr_begin();
		parse(&cfg, text);
		err = t_stderr_end();
		log_verbosity = 0;
		if (!cases[i].why) {
			T_STREQ(cfg.multipaths[0]->attrs.v.alias, v);
			T_STREQ(err, "");
		} else {
			T_STREQ(cfg.multipaths[0]->attrs.v.alias, "");
			T_CHECK(cfg.multipaths[0]->attrs.from[CA_ALIAS].file ==
				NULL);
			T_CHECK(strstr(err, "/etc/multipath.conf:4: bad value"));
			T_CHECK(strstr(err, cases[i].why));
		}
		config_free(&cfg);
	}

	/* alias_prefix keeps room for a friendly name's 7 letters too */
	log_verbosity = 2;
	t_stderr_begin();
	parse(&cfg, "defaults {\n alias_prefix dev/mapper\n}\n"
		    "devices {\n device {\n  vendor ACME\n"
		    "  alias_prefix ..\n }\n}\n");
	err = t_stderr_end();
	log_verbosity = 0;
	T_STREQ(cfg.defaults.v.alias_prefix, "mpath");
	T_CHECK(strstr(err, "/etc/multipath.conf:2: bad value 'dev/mapper' "
			    "for alias_prefix"));
	T_CHECK(strstr(err, "/etc/multipath.conf:7: bad value '..' for "
			    "alias_prefix"));
	config_free(&cfg);
	T_CHECK(config_name_refused("m", 127 - 1) == NULL);
	T_CHECK(config_name_refused("mm", 127 - 1) != NULL);
}

/* A bad product_blacklist pattern is named in the warning and the entry
 * kept without it (fuzz_config: the warning read the dropped filter's
 * copy of the pattern after freeing it). */
static void test_bad_product_blacklist(void)
{
	struct config cfg;
	const char *err;
	size_t bl;

	parse(&cfg, "");
	bl = cfg.blacklist.n;
	config_free(&cfg);
	log_verbosity = 2;
	t_stderr_begin();
	parse(&cfg, "devices {\n device {\n  vendor ACME\n  product Box\n"
		    "  product_blacklist \"[LUNZ\"\n }\n}\n");
	err = t_stderr_end();
	log_verbosity = 0;
	T_INTEQ(cfg.n_devices, cfg.n_hwtable + 1);
	T_INTEQ(cfg.blacklist.n, bl);
	T_CHECK(strstr(err, "/etc/multipath.conf:2: product_blacklist: bad "
			    "regular expression '[LUNZ' ("));
	config_free(&cfg);
}

/* As multipath-tools: one alias for two WWIDs is a configuration error;
 * the later entry loses its alias. */
static void test_alias_twice_refused(void)
{
	struct config cfg;
	const char *err;

	log_verbosity = 2;
	t_stderr_begin();
	parse(&cfg, "multipaths {\n multipath {\n  wwid 3600aaa\n"
		    "  alias data\n }\n multipath {\n  wwid 3600bbb\n"
		    "  alias data\n }\n multipath {\n  wwid 3600aaa\n"
		    "  alias data\n }\n}\n");
	err = t_stderr_end();
	log_verbosity = 0;
	T_INTEQ(cfg.n_multipaths, 3);
	T_STREQ(cfg.multipaths[0]->attrs.v.alias, "data");
	T_STREQ(cfg.multipaths[1]->attrs.v.alias, "");
	T_STREQ(cfg.multipaths[2]->attrs.v.alias, "data");	/* same WWID */
	T_CHECK(strstr(err, "/etc/multipath.conf:8: alias 'data' is already "
			    "the alias of 3600aaa (/etc/multipath.conf:4)"));
	config_free(&cfg);
}

/* A NUL in multipath.conf used to end the file there: a blacklist after
 * it was silently ignored. The line holding it is an error and left out;
 * what follows still counts. */
static void test_load_binary_line(void)
{
	static const char text[] =
		"defaults {\n\tpolling_interval 7 # \0 junk\n}\n"
		"blacklist {\n\twwid 3600bad\n}\n";
	char dir[] = "/tmp/mpboot-cfg-XXXXXX", cmd[64];
	struct config cfg;
	int dfd, fd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_CHECK(mkdirat(dfd, "etc", 0755) == 0);
	fd = openat(dfd, "etc/multipath.conf", O_WRONLY | O_CREAT, 0644);
	T_CHECK(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1);
	close(fd);
	T_INTEQ(config_load(&cfg, dfd, "etc/multipath.conf"), 0);
	T_INTEQ(cfg.polling_interval, 5);	/* its line left out */
	T_CHECK(cfg.blacklist.n > 0);		/* what follows counts */
	if (cfg.blacklist.n) {
		const struct cfg_filter *f = cfg.blacklist.v[cfg.blacklist.n - 1];

		T_STREQ(f->text, "3600bad");
		T_INTEQ(f->origin.line, 5);
	}
	config_free(&cfg);
	close(dfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	T_INTEQ(system(cmd), 0);
}

/* config_dir "//x" or "../../x" is inside the root, like every path from
 * the configuration; -c FILE (absolute) is outside it and must be a
 * readable regular file. */
static void test_load_paths(void)
{
	char dir[] = "/tmp/mpboot-cfg-XXXXXX", cmd[64], conf[64];
	struct config cfg;
	int dfd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_CHECK(mkdirat(dfd, "etc", 0755) == 0);
	T_CHECK(mkdirat(dfd, "d", 0755) == 0);
	write_file(dfd, "etc/multipath.conf",
		   "defaults {\n\tconfig_dir \"../../d\"\n}\n");
	write_file(dfd, "d/a.conf", "defaults {\n polling_interval 9\n}\n");
	T_INTEQ(config_load(&cfg, dfd, "etc/multipath.conf"), 0);
	T_INTEQ(cfg.polling_interval, 9);
	T_STREQ(cfg.gfrom[CG_POLLING_INTERVAL].file, "/d/a.conf");
	config_free(&cfg);
	snprintf(conf, sizeof(conf), "%s/etc", dir);
	T_INTEQ(config_load(&cfg, dfd, conf), -FS_ENOTREG);	/* a directory */
	config_free(&cfg);
	snprintf(conf, sizeof(conf), "%s/missing", dir);
	T_INTEQ(config_load(&cfg, dfd, conf), -ENOENT);
	config_free(&cfg);
	snprintf(conf, sizeof(conf), "%s/etc/multipath.conf", dir);
	T_INTEQ(config_load(&cfg, dfd, conf), 0);
	T_INTEQ(cfg.polling_interval, 9);	/* drop-ins under --root: "/d" */
	config_free(&cfg);
	close(dfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	T_INTEQ(system(cmd), 0);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_builtin_defaults);
	T_RUN(test_values);
	T_RUN(test_quotes_and_comments);
	T_RUN(test_nesting_errors);
	T_RUN(test_every_section);
	T_RUN(test_precedence);
	T_RUN(test_defaults_below_devices_only_when_matching);
	T_RUN(test_regex_matching);
	T_RUN(test_costly_regex_refused);
	T_RUN(test_hwtable_entries);
	T_RUN(test_user_device_wins_over_hwtable);
	T_RUN(test_features_and_no_path_retry);
	T_RUN(test_alua_detection);
	T_RUN(test_blacklist);
	T_RUN(test_blacklist_device_and_invert);
	T_RUN(test_blacklist_all_but_exceptions);
	T_RUN(test_cmdline_applies);
	T_RUN(test_format_reads_back);
	T_RUN(test_load_main_and_dropins);
	T_RUN(test_load_unreadable);
	T_RUN(test_alias_names_refused);
	T_RUN(test_bad_product_blacklist);
	T_RUN(test_alias_twice_refused);
	T_RUN(test_load_binary_line);
	T_RUN(test_load_paths);
	return t_done();
}
