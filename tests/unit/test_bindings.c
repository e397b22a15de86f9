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

/* The whole text of a new file holding b (or w): what the save path
 * appends to an empty file. */
static char *bindings_text(const struct bindings *b)
{
	char *out = NULL;

	T_INTEQ(bindings_append_text(b, "new", "", 0, &out), 0);
	return out;
}

static char *wwids_text(const struct wwids *w)
{
	char *out = NULL;

	T_INTEQ(wwids_append_text(w, "new", "", 0, &out), 0);
	return out;
}

static void test_bindings_round_trip(void)
{
	struct bindings b = { 0 };
	char *text;

	T_INTEQ(bindings_parse(&b, "bindings", bindings_file), 0);
	T_INTEQ(b.n, 3);
	T_STREQ(bindings_alias(&b, "360014052a3b4c5d6e7f8091a2b3c4d02"),
		"mpathb");
	T_CHECK(bindings_alias(&b, "3600") == NULL);
	text = bindings_text(&b);
	T_STREQ(text, bindings_file);
	free(text);
	bindings_free(&b);

	/* an empty set writes no file */
	T_CHECK(bindings_text(&b) == NULL);
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
	text = bindings_text(&b);
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
	text = wwids_text(&w);
	T_STREQ(text, wwids_file);
	free(text);
	T_INTEQ(wwids_add(&w, "35000c50015ea71ac"), 0);
	T_INTEQ(wwids_add(&w, "3600new"), 1);
	T_INTEQ(wwids_add(&w, "bad/wwid"), -EINVAL);
	T_INTEQ(wwids_add(&w, ""), -EINVAL);
	text = wwids_text(&w);
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

static int tmp_root(char *dir)
{
	int fd = t_tmp_root(dir, "bind");

	T_INTEQ(mkdirat(fd, "etc", 0755), 0);
	return fd;
}

/* The file's bytes, and that they are what they were. */
static void same_file(int dfd, const char *rel, const char *text, size_t len)
{
	char *got = NULL;
	size_t n = 0;

	T_INTEQ(fs_slurp(dfd, rel, &got, &n), 0);
	T_INTEQ(n, len);
	T_CHECK(got && !memcmp(got, text, len));
	free(got);
}

/* A NUL used to end the read: the bindings after it were lost, their
 * names handed out again and the rewrite dropped them. Now the lines
 * around it count, no new name is given (one could clash with a line we
 * could not read) and the file is never rewritten. */
static void test_bindings_with_binary_data(void)
{
	static const char text[] =
		"mpatha 3600a\n"
		"mpathb 3600\0b\n"
		"mpathc 3600c\n";
	struct bindings b = { 0 };
	char dir[32];
	int dfd = tmp_root(dir);

	t_put(dfd, "etc/bindings", text, sizeof(text) - 1);
	T_INTEQ(bindings_load(&b, dfd, "/etc/bindings"), 0);
	T_CHECK(b.incomplete);
	T_STREQ(bindings_alias(&b, "3600a"), "mpatha");
	T_STREQ(bindings_alias(&b, "3600c"), "mpathc");
	/* no new name (test_plan): one could be what the NUL line binds */
	T_INTEQ(bindings_set(&b, &(struct binding){ "mpathd", "3600new" }, 1), 1);
	T_INTEQ(bindings_save(&b, dfd, "/etc/bindings"), -EILSEQ);
	same_file(dfd, "etc/bindings", text, sizeof(text) - 1);
	bindings_free(&b);
	t_rm_tree(dfd, dir);
}

static void test_wwids_with_binary_data(void)
{
	static const char text[] = "/3600a/\n/3600\x01b/\n/3600c/\n";
	struct wwids w = { 0 };
	char dir[32];
	int dfd = tmp_root(dir);

	t_put(dfd, "etc/wwids", text, sizeof(text) - 1);
	T_INTEQ(wwids_load(&w, dfd, "/etc/wwids"), 0);
	T_CHECK(w.incomplete);
	T_CHECK(wwids_contains(&w, "3600a") && wwids_contains(&w, "3600c"));
	T_INTEQ(wwids_add(&w, "3600new"), 1);
	T_INTEQ(wwids_save(&w, dfd, "/etc/wwids"), -EILSEQ);
	same_file(dfd, "etc/wwids", text, sizeof(text) - 1);
	wwids_free(&w);
	t_rm_tree(dfd, dir);
}

/* A file over 1 MiB was "not used" and then replaced by this run's
 * entries only. (Long comment lines make it big with few entries.) */
static void test_big_files_read_whole(void)
{
	size_t n = 2000, i, len = 0;
	char *text = malloc(n * 700), dir[32], pad[601];
	struct bindings b = { 0 };
	struct wwids w = { 0 };
	int dfd = tmp_root(dir);

	memset(pad, 'x', 600);
	pad[600] = '\0';
	for (i = 1; i <= n; i++)
		len += sprintf(text + len, "# %s\nmpath%zu 3600%zu\n", pad, i, i);
	T_CHECK(len > (1 << 20));
	t_put(dfd, "etc/bindings", text, len);
	T_INTEQ(bindings_load(&b, dfd, "etc/bindings"), 0);
	T_INTEQ(b.n, n);
	T_CHECK(!b.incomplete);
	T_STREQ(bindings_alias(&b, "36002000"), "mpath2000");
	T_INTEQ(bindings_set(&b, &(struct binding){ "mpatha", "3600new" }, 1), 1);
	T_INTEQ(bindings_save(&b, dfd, "etc/bindings"), 0);
	strcpy(text + len, "mpatha 3600new\n");
	same_file(dfd, "etc/bindings", text, strlen(text));

	len = 0;
	for (i = 1; i <= n; i++)
		len += sprintf(text + len, "# %s\n/3600%zu/\n", pad, i);
	t_put(dfd, "etc/wwids", text, len);
	T_INTEQ(wwids_load(&w, dfd, "etc/wwids"), 0);
	T_INTEQ(w.n, n);
	T_INTEQ(wwids_add(&w, "3600new"), 1);
	T_INTEQ(wwids_save(&w, dfd, "etc/wwids"), 0);
	strcpy(text + len, "/3600new/\n");
	same_file(dfd, "etc/wwids", text, strlen(text));
	wwids_free(&w);
	bindings_free(&b);
	free(text);
	t_rm_tree(dfd, dir);
}

/* Saving appends to the file as it is now: what multipath wrote since we
 * read it stays, and wins over ours when both bind the same WWID or
 * alias. A new file gets multipath-tools' header. */
static void test_bindings_append_merges(void)
{
	struct bindings b = { 0 };
	char *out;

	T_INTEQ(bindings_parse(&b, "b", "mpatha 3600a\n"), 0);
	T_INTEQ(bindings_set(&b, &(struct binding){ "mpathb", "3600b" }, 1), 1);
	T_INTEQ(bindings_set(&b, &(struct binding){ "mpathc", "3600c" }, 1), 1);
	T_INTEQ(bindings_set(&b, &(struct binding){ "mpathd", "3600d" }, 1), 1);
	/* meanwhile: mpathb taken by another LUN, 3600d named mpathz */
	T_INTEQ(bindings_append_text(&b, "f",
		"mpatha 3600a\nmpathb 3600x\nmpathz 3600d", 38, &out), 0);
	T_STREQ(out, "\nmpathc 3600c\n");
	free(out);
	T_INTEQ(bindings_append_text(&b, "f", "", 0, &out), 0);
	T_CHECK(out && !strncmp(out, bindings_header, strlen(bindings_header)));
	T_STREQ(out ? out + strlen(bindings_header) : NULL,
		"mpatha 3600a\nmpathb 3600b\nmpathc 3600c\nmpathd 3600d\n");
	free(out);
	/* nothing new */
	T_INTEQ(bindings_append_text(&b, "f", "mpatha 3600a\nmpathb 3600b\n"
		"mpathc 3600c\nmpathd 3600d\n", 52, &out), 0);
	T_CHECK(out == NULL);
	T_INTEQ(bindings_append_text(&b, "f", "mpathq 3600\0q\n", 14, &out),
		-EILSEQ);
	T_CHECK(out == NULL);
	bindings_free(&b);
}

static void test_wwids_append_merges(void)
{
	struct wwids w = { 0 };
	char *out;

	T_INTEQ(wwids_add(&w, "3600a"), 1);
	T_INTEQ(wwids_add(&w, "3600b"), 1);
	T_INTEQ(wwids_append_text(&w, "f", "/3600b/\n", 8, &out), 0);
	T_STREQ(out, "/3600a/\n");
	free(out);
	T_INTEQ(wwids_append_text(&w, "f", "", 0, &out), 0);
	T_CHECK(out && !strncmp(out, wwids_header, strlen(wwids_header)));
	free(out);
	wwids_free(&w);
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
	T_RUN(test_bindings_with_binary_data);
	T_RUN(test_wwids_with_binary_data);
	T_RUN(test_big_files_read_whole);
	T_RUN(test_bindings_append_merges);
	T_RUN(test_wwids_append_merges);
	return t_done();
}
