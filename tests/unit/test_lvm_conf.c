#include <errno.h>
#include <stdlib.h>

#include "t.h"
#include "log.h"
#include "lvm/lvm.h"

#define VALUE "[ \"a|^/dev/mapper/mpatha$|\", \"r|^/dev/sdb[0-9]*$|\" ]"
#define FILTER "global_filter = " VALUE

struct conf_case {
	const char *what;
	const char *old;	/* NULL: no file */
	const char *new;	/* NULL: refused with -EINVAL */
};

static const struct conf_case cases[] = {
	{ "no file", NULL, "devices {\n\t" FILTER "\n}\n" },
	{ "empty file", "", "devices {\n\t" FILTER "\n}\n" },
	{ "no devices section: appended, the rest kept",
	  "# lvm.conf\nglobal {\n\tuse_lvmetad = 0\n}\n",
	  "# lvm.conf\nglobal {\n\tuse_lvmetad = 0\n}\n"
	  "devices {\n\t" FILTER "\n}\n" },
	{ "no final newline",
	  "global { a = 1 }",
	  "global { a = 1 }\ndevices {\n\t" FILTER "\n}\n" },
	{ "devices section without a filter: added at its end",
	  "devices {\n\tdir = \"/dev\"\n\tscan = [ \"/dev\" ]\n}\n"
	  "global {\n}\n",
	  "devices {\n\tdir = \"/dev\"\n\tscan = [ \"/dev\" ]\n"
	  "\t" FILTER "\n}\nglobal {\n}\n" },
	{ "indented closing brace: one level deeper",
	  "  devices {\n  }\n",
	  "  devices {\n  \t" FILTER "\n  }\n" },
	{ "devices section on one line",
	  "devices { dir = \"/dev\" }\n",
	  "devices { dir = \"/dev\" " FILTER " }\n" },
	{ "empty devices section on one line",
	  "devices {}\n",
	  "devices { " FILTER " }\n" },
	{ "single-line global_filter replaced, key and spacing kept",
	  "devices {\n\tdir = \"/dev\"\n"
	  "\tglobal_filter=[ \"a|.*|\" ] # old one\n\tsysfs_scan = 1\n}\n",
	  "devices {\n\tdir = \"/dev\"\n"
	  "\tglobal_filter=" VALUE " # old one\n\tsysfs_scan = 1\n}\n" },
	{ "multi-line global_filter replaced",
	  "devices {\n\tglobal_filter = [\n\t\t\"a|^/dev/sda$|\",\n"
	  "\t\t\"r|.*|\"   # reject the rest\n\t]\n\tscan = [ \"/dev\" ]\n}\n",
	  "devices {\n\tglobal_filter = " VALUE "\n\tscan = [ \"/dev\" ]\n}\n" },
	{ "scalar global_filter replaced",
	  "devices { global_filter = \"r|/dev/sdb|\" }",
	  "devices { global_filter = " VALUE " }" },
	{ "commented-out filter left alone, an active one added",
	  "devices {\n\t# global_filter = [ \"a|.*|\" ]\n"
	  "\t#global_filter=[\"r|.*|\"]\n}\n",
	  "devices {\n\t# global_filter = [ \"a|.*|\" ]\n"
	  "\t#global_filter=[\"r|.*|\"]\n\t" FILTER "\n}\n" },
	{ "filter (not global_filter) is not ours",
	  "devices {\n\tfilter = [ \"a|.*|\" ]\n}\n",
	  "devices {\n\tfilter = [ \"a|.*|\" ]\n\t" FILTER "\n}\n" },
	{ "global_filter of another section is not ours",
	  "activation {\n\tglobal_filter = 1\n}\ndevices {\n}\n",
	  "activation {\n\tglobal_filter = 1\n}\ndevices {\n\t" FILTER
	  "\n}\n" },
	{ "several devices sections: the first one gets the line",
	  "devices {\n\tdir = \"/dev\"\n}\nglobal {\n}\n"
	  "devices {\n\tscan = [ \"/dev\" ]\n}\n",
	  "devices {\n\tdir = \"/dev\"\n\t" FILTER "\n}\nglobal {\n}\n"
	  "devices {\n\tscan = [ \"/dev\" ]\n}\n" },
	{ "several devices sections: the existing filter is replaced where "
	  "it is",
	  "devices {\n\tdir = \"/dev\"\n}\ndevices {\n"
	  "\tglobal_filter = [ \"a|.*|\" ]\n}\n",
	  "devices {\n\tdir = \"/dev\"\n}\ndevices {\n"
	  "\tglobal_filter = " VALUE "\n}\n" },
	{ "duplicate filters: the first replaced, the later ones dropped",
	  "devices {\n\tglobal_filter = [ \"a|.*|\" ]\n}\ndevices {\n"
	  "\tglobal_filter = [\n\t\t\"r|.*|\"\n\t]\n\tdir = \"/dev\"\n"
	  "\tsysfs_scan = 1 global_filter = [ ]\n}\n",
	  "devices {\n\tglobal_filter = " VALUE "\n}\ndevices {\n"
	  "\tdir = \"/dev\"\n\tsysfs_scan = 1 \n}\n" },
	{ "a dropped filter between two words leaves them apart "
	  "(fuzz_lvmconf)",
	  "devices { global_filter = [ ] a = 1global_filter = [ ]2b = 3 }\n",
	  "devices { global_filter = " VALUE " a = 1 2b = 3 }\n" },
	{ "a bare word runs on through quotes, brackets and commas",
	  "devices { dir = b'global_filter' }\n",
	  "devices { dir = b'global_filter' " FILTER " }\n" },
	{ "a number ends at its first non-digit: the name after it is a key",
	  "devices { a = 1.5global_filter = [ ] }\n",
	  "devices { a = 1.5global_filter = " VALUE " }\n" },
	{ "a number takes one '.': a second one starts a name",
	  "devices { a = 1.5.global_filter = [ ] }\n",
	  "devices { a = 1.5.global_filter = [ ] " FILTER " }\n" },
	{ "a name ending in '/' holds an empty section, not the setting",
	  "devices/global_filter/ = 1\n",
	  "devices/global_filter/ = 1\ndevices {\n\t" FILTER "\n}\n" },
	{ "top-level path key devices/global_filter is the same setting",
	  "devices/global_filter = [ \"a|.*|\" ]\n",
	  "devices/global_filter = " VALUE "\n" },
	{ "quoted keys and single-quoted strings",
	  "\"devices\" {\n\t'global_filter' = [ 'a|.*|', \"x\\\"y\" ]\n}\n",
	  "\"devices\" {\n\t'global_filter' = " VALUE "\n}\n" },
	{ "braces and # inside strings and comments are not structure",
	  "# } {\ndevices {\n\tdir = \"/dev/{#}\" # ]\n}\n",
	  "# } {\ndevices {\n\tdir = \"/dev/{#}\" # ]\n\t" FILTER "\n}\n" },
	{ "CRLF line ends kept",
	  "devices {\r\n\tdir = \"/dev\"\r\n}\r\n",
	  "devices {\r\n\tdir = \"/dev\"\r\n\t" FILTER "\n}\r\n" },
	{ "unclosed section refused", "devices {\n\tdir = \"/dev\"\n", NULL },
	{ "extra closing brace refused", "devices {\n}\n}\n", NULL },
	{ "unclosed list refused",
	  "devices {\n\tglobal_filter = [ \"a|.*|\"\n}\n", NULL },
	{ "stray closing bracket refused", "devices {\n\tdir = ]\n}\n", NULL },
	{ "nested list refused", "devices { scan = [ [ \"x\" ] ] }\n", NULL },
	{ "unterminated string refused",
	  "devices {\n\tdir = \"/dev\n}\n", NULL },
	{ "key without value refused", "devices {\n\tdir\n}\n", NULL },
	{ "missing value refused", "devices {\n\tdir =\n}\n", NULL },
	{ "section as a value refused", "devices { dir = { } }\n", NULL },
	{ "empty name refused", "devices { '' = 1 }\n", NULL },
	{ "list items without commas after a number refused",
	  "devices { types = [ 1 2 ] }\n", NULL },
	{ "list of bare words glued by commas refused",
	  "devices { scan = [a,b] }\n", NULL },
	{ "an integer LVM cannot hold refused (fuzz_lvmconf)",
	  "devices { types = [ \"fd\", 9223372036854775808 ] }\n", NULL },
	{ "a float LVM cannot hold refused",
	  "devices { a = 1.5e999 = 2 }\n", NULL },
	{ "the largest integer LVM holds kept",
	  "devices { a = -9223372036854775808 }\n",
	  "devices { a = -9223372036854775808 " FILTER " }\n" },
	{ "out of range in creation_time, which LVM mends, kept",
	  "x { creation_time = 99999999999999999999 }\n",
	  "x { creation_time = 99999999999999999999 }\ndevices {\n\t"
	  FILTER "\n}\n" },
	{ "number glued to the next name in a list refused",
	  "devices { scan = [ 1x ] }\n", NULL },
};

static void test_conf_update_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = (char *)"unset";
		int err = lvm_conf_update("t.conf", cases[i].old,
					  cases[i].old ? strlen(cases[i].old) : 0,
					  FILTER, &out);

		if (err != (cases[i].new ? 0 : -EINVAL))
			printf("  case: %s\n", cases[i].what);
		T_INTEQ(err, cases[i].new ? 0 : -EINVAL);
		if (cases[i].new) {
			if (!out || strcmp(out, cases[i].new))
				printf("  case: %s\n", cases[i].what);
			T_STREQ(out, cases[i].new);
		} else {
			T_CHECK(out == NULL);
		}
		free(out);
	}
}

/* Names ending in '/' nested to the length limit of the paths the edit
 * looks for (fuzz_lvmconf: they overflowed it once). */
static void test_conf_update_long_empty_names(void)
{
	char text[512], *out = NULL;
	int i, n;

	n = snprintf(text, sizeof(text), "%0120d", 0);
	for (i = 0; i < 8; i++)
		n += snprintf(text + n, sizeof(text) - n, " { /");
	n += snprintf(text + n, sizeof(text) - n, " = 1");
	for (i = 0; i < 8; i++)
		n += snprintf(text + n, sizeof(text) - n, " }");
	snprintf(text + n, sizeof(text) - n, "\n");
	T_INTEQ(lvm_conf_update("t.conf", text, strlen(text), FILTER, &out), 0);
	T_CHECK(out && !strncmp(out, text, strlen(text)));
	free(out);
}

/* Running the update on its own output changes nothing. */
static void test_conf_update_is_idempotent(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *again = NULL;

		if (!cases[i].new)
			continue;
		T_INTEQ(lvm_conf_update("t.conf", cases[i].new,
					strlen(cases[i].new), FILTER, &again),
			0);
		T_STREQ(again, cases[i].new);
		free(again);
	}
}

static void test_conf_update_refuses_bad_filter_lines(void)
{
	static const char *const bad[] = {
		NULL, "", "filter = [ \"a|.*|\" ]", "global_filter",
		"global_filter = [ \"a|.*|\"", "global_filter = [ ]\nx = 1",
		"global_filter = [ ] x = 1", "global_filter = [ ] ",
		"x { global_filter = [ ] }",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *out = (char *)"unset";

		T_INTEQ(lvm_conf_update("t.conf", "devices { }", 11, bad[i],
					&out),
			-EINVAL);
		T_CHECK(out == NULL);
	}
}

static void test_conf_update_takes_format_output(void)
{
	static const char *const members[] = { "sdb" };
	const struct lvm_map m = { .name = "mpatha", .members = members,
				   .n_members = 1 };
	char *line, *out;

	T_INTEQ(lvm_filter_format(&m, 1, &line), 0);
	T_STREQ(line, FILTER);
	T_INTEQ(lvm_conf_update(NULL, "devices {\n}\n", 11, line, &out), 0);
	T_STREQ(out, "devices {\n\t" FILTER "\n}\n");
	free(out);
	free(line);
}

/* A NUL would end the parse early: everything after it would be lost in
 * the rewrite. Binary data is refused, naming the line. */
static void test_conf_update_refuses_binary_data(void)
{
	static const char nul[] = "devices {\n\tdir = \"/dev\"\n}\n"
				  "# x\0y\nglobal { use_lvmetad = 0 }\n";
	static const char ctl[] = "devices {\n\tdir = \"/dev\x01\"\n}\n";
	char *out = (char *)"unset";

	T_INTEQ(lvm_conf_update("t.conf", nul, sizeof(nul) - 1, FILTER, &out),
		-EINVAL);
	T_CHECK(out == NULL);
	T_INTEQ(lvm_conf_update("t.conf", ctl, sizeof(ctl) - 1, FILTER, &out),
		-EINVAL);
	T_CHECK(out == NULL);
	/* UTF-8 in a comment is text */
	T_INTEQ(lvm_conf_update("t.conf", "# \xc3\xa9t\xc3\xa9\n", 8, FILTER,
				&out), 0);
	free(out);
}

int main(void)
{
	log_verbosity = 0;	/* the refusals are expected */
	T_RUN(test_conf_update_table);
	T_RUN(test_conf_update_long_empty_names);
	T_RUN(test_conf_update_is_idempotent);
	T_RUN(test_conf_update_refuses_bad_filter_lines);
	T_RUN(test_conf_update_takes_format_output);
	T_RUN(test_conf_update_refuses_binary_data);
	return t_done();
}
