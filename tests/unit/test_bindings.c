#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "config/bindings.h"
#include "config/wwids.h"
#include "log.h"
#include "util/fs.h"

/* A file as multipath-tools 0.9 writes it. */
static const char bindings_file[] =
	"# Multipath bindings, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipath program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# alias wwid\n"
	"#\n"
	"mpatha 360014051f2d6a5b1a1d4b0e8c7f6a201\n"
	"mpathb 360014052a3b4c5d6e7f8091a2b3c4d02\n"
	"mpathd 360014053c4d5e6f708192a3b4c5d6e03\n";

static const char wwids_file[] =
	"# Multipath wwids, Version : 1.0\n"
	"# NOTE: This file is automatically maintained by multipath and multipathd.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Valid WWIDs:\n"
	"/360014051f2d6a5b1a1d4b0e8c7f6a201/\n"
	"/35000c50015ea71ac/\n";

static void test_bindings_round_trip(void)
{
	struct bindings b = { 0 };
	char *text;

	T_INTEQ(bindings_parse(&b, "bindings", bindings_file), 0);
	T_INTEQ(b.n, 3);
	T_STREQ(bindings_alias(&b, "360014052a3b4c5d6e7f8091a2b3c4d02"),
		"mpathb");
	T_CHECK(bindings_alias(&b, "3600") == NULL);
	text = bindings_format(&b);
	T_STREQ(text, bindings_file);
	free(text);
	bindings_free(&b);

	/* an empty set is the header alone */
	text = bindings_format(&b);
	T_STREQ(text, bindings_header);
	free(text);
}

static void test_bindings_bad_lines(void)
{
	struct bindings b = { 0 };

	T_INTEQ(bindings_parse(&b, "bindings",
			       "mpatha 36001 # comment\n"
			       "   \n"
			       "lonely\n"			/* no WWID */
			       "mpathb 36002 extra\n"		/* garbage */
			       "mpathc 36001\n"		/* WWID again */
			       "mpathb 36003\n"		/* alias again */
			       "\tmpathe\t36005\r\n"), 0);
	T_INTEQ(b.n, 3);
	T_STREQ(bindings_alias(&b, "36001"), "mpatha");
	T_STREQ(bindings_alias(&b, "36002"), "mpathb");
	T_CHECK(bindings_alias(&b, "36003") == NULL);
	T_STREQ(bindings_alias(&b, "36005"), "mpathe");
	bindings_free(&b);
}

static void test_friendly_name_sequence(void)
{
	static const struct {
		unsigned long id;
		const char *name;
	} cases[] = {
		{ 1, "mpatha" }, { 2, "mpathb" }, { 26, "mpathz" },
		{ 27, "mpathaa" }, { 28, "mpathab" }, { 52, "mpathaz" },
		{ 53, "mpathba" }, { 702, "mpathzz" }, { 703, "mpathaaa" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_CHECK(bindings_name("mpath", cases[i].id, buf,
				      sizeof(buf)) > 0);
		T_STREQ(buf, cases[i].name);
	}
	T_INTEQ(bindings_name("mpath", 1, buf, 6), -1);	/* no room */
	T_INTEQ(bindings_name("mpath", 0, buf, sizeof(buf)), -1);
}

static void test_friendly_name_ids(void)
{
	char buf[32];
	unsigned long id;

	/* bindings_id is bindings_name's inverse */
	for (id = 1; id < 20000; id += 37) {
		T_CHECK(bindings_name("mpath", id, buf, sizeof(buf)) > 0);
		T_INTEQ(bindings_id("mpath", buf), id);
	}
	T_INTEQ(bindings_id("mpath", "mpathaa"), 27);
	T_INTEQ(bindings_id("mpath", "mpathzzzzzzz"), 8353082582UL);
	T_INTEQ(bindings_id("mpath", "mpathaaaaaaaa"), 0);	/* 8 letters */
	T_INTEQ(bindings_id("mpath", "mpath"), 0);
	T_INTEQ(bindings_id("mpath", "mpathA"), 0);
	T_INTEQ(bindings_id("mpath", "mpatha1"), 0);
	T_INTEQ(bindings_id("mpath", "diska"), 0);
	T_INTEQ(bindings_id("", "b"), 2);
}

static void test_set(void)
{
	static const struct binding v[] = {
		/* already there */
		{ "mpathd", "360014053c4d5e6f708192a3b4c5d6e03" },
		/* new ones are appended */
		{ "mpathc", "36new1" },
		/* a name bound to another WWID is refused */
		{ "mpatha", "36new2" },
		/* a WWID bound to a name it cannot have is bound again */
		{ "mpathe", "360014051f2d6a5b1a1d4b0e8c7f6a201" },
		{ "mpathf", "36new3" },
	};
	struct bindings b = { 0 };
	char *text;

	T_INTEQ(bindings_parse(&b, "bindings", bindings_file), 0);
	T_INTEQ(bindings_set(&b, v, 0), 0);
	T_INTEQ(bindings_set(&b, v, 5), 3);
	T_INTEQ(b.n, 5);
	text = bindings_format(&b);
	T_CHECK(text && !strcmp(text + strlen(bindings_header),
				"mpathe 360014051f2d6a5b1a1d4b0e8c7f6a201\n"
				"mpathb 360014052a3b4c5d6e7f8091a2b3c4d02\n"
				"mpathd 360014053c4d5e6f708192a3b4c5d6e03\n"
				"mpathc 36new1\n"
				"mpathf 36new3\n"));
	free(text);
	/* mpatha is free now that its WWID is mpathe */
	T_INTEQ(bindings_set(&b, v, 5), 1);
	T_STREQ(bindings_alias(&b, "36new2"), "mpatha");
	T_INTEQ(bindings_set(&b, v, 5), 0);	/* all there now */
	bindings_free(&b);
	/* into an empty set */
	T_INTEQ(bindings_set(&b, v + 1, 1), 1);
	T_STREQ(bindings_alias(&b, "36new1"), "mpathc");
	bindings_free(&b);
}

static void test_wwids_round_trip(void)
{
	struct wwids w = { 0 };
	char *text;

	T_INTEQ(wwids_parse(&w, "wwids", wwids_file), 0);
	T_INTEQ(w.n, 2);
	T_CHECK(wwids_contains(&w, "35000c50015ea71ac"));
	T_CHECK(!wwids_contains(&w, "35000c50015ea71a"));
	text = wwids_format(&w);
	T_STREQ(text, wwids_file);
	free(text);
	T_INTEQ(wwids_add(&w, "35000c50015ea71ac"), 0);
	T_INTEQ(wwids_add(&w, "3600new"), 1);
	T_INTEQ(wwids_add(&w, "bad/wwid"), -EINVAL);
	T_INTEQ(wwids_add(&w, ""), -EINVAL);
	text = wwids_format(&w);
	T_CHECK(text && !strncmp(text, wwids_header, strlen(wwids_header)));
	T_CHECK(text && strstr(text, "/35000c50015ea71ac/\n/3600new/\n"));
	free(text);
	wwids_free(&w);
}

static void test_wwids_bad_lines(void)
{
	struct wwids w = { 0 };

	T_INTEQ(wwids_parse(&w, "wwids",
			    "/36001/\n"
			    "#36002/\n"		/* removed by multipath -w */
			    "36003\n"		/* no slashes */
			    "/36004\n"		/* unterminated */
			    "//\n"		/* empty */
			    "/a/b/\n"		/* slash inside */
			    "  /36005/  \r\n"
			    "/36001/\n"), 0);	/* duplicate */
	T_INTEQ(w.n, 2);
	T_CHECK(wwids_contains(&w, "36001"));
	T_CHECK(wwids_contains(&w, "36005"));
	wwids_free(&w);
}

static void test_load_files(void)
{
	char dir[] = "/tmp/mpboot-bind-XXXXXX";
	struct bindings b = { 0 };
	struct wwids w = { 0 };
	int dfd, fd;

	T_CHECK(mkdtemp(dir) != NULL);
	dfd = fs_open_root(dir);
	T_CHECK(dfd >= 0);
	/* missing: empty sets */
	T_INTEQ(bindings_load(&b, dfd, "/etc/multipath/bindings"), 0);
	T_INTEQ(wwids_load(&w, dfd, "/etc/multipath/wwids"), 0);
	T_INTEQ(b.n + w.n, 0);
	mkdirat(dfd, "etc", 0755);
	mkdirat(dfd, "etc/multipath", 0755);
	fd = openat(dfd, "etc/multipath/bindings", O_WRONLY | O_CREAT, 0644);
	T_CHECK(write(fd, bindings_file, strlen(bindings_file)) ==
		(ssize_t)strlen(bindings_file));
	close(fd);
	fd = openat(dfd, "etc/multipath/wwids", O_WRONLY | O_CREAT, 0644);
	T_CHECK(write(fd, wwids_file, strlen(wwids_file)) ==
		(ssize_t)strlen(wwids_file));
	close(fd);
	/* absolute names are inside the root */
	T_INTEQ(bindings_load(&b, dfd, "/etc/multipath/bindings"), 0);
	T_INTEQ(wwids_load(&w, dfd, "etc/multipath/wwids"), 0);
	T_INTEQ(b.n, 3);
	T_INTEQ(w.n, 2);
	bindings_free(&b);
	wwids_free(&w);
	unlinkat(dfd, "etc/multipath/bindings", 0);
	unlinkat(dfd, "etc/multipath/wwids", 0);
	unlinkat(dfd, "etc/multipath", AT_REMOVEDIR);
	unlinkat(dfd, "etc", AT_REMOVEDIR);
	close(dfd);
	rmdir(dir);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_bindings_round_trip);
	T_RUN(test_bindings_bad_lines);
	T_RUN(test_friendly_name_sequence);
	T_RUN(test_friendly_name_ids);
	T_RUN(test_set);
	T_RUN(test_wwids_round_trip);
	T_RUN(test_wwids_bad_lines);
	T_RUN(test_load_files);
	return t_done();
}
