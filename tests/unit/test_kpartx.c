/* The partition delimiter: udev rules parsing (pure), the values mpboot
 * takes, and which file of a root counts (a tree in /tmp). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "kpartx/kpartx.h"
#include "log.h"
#include "util/fs.h"

/* Debian 12's 60-kpartx.rules, its comments cut */
static const char debian_rules[] =
	"KERNEL!=\"dm-*\", GOTO=\"kpartx_end\"\n"
	"ACTION!=\"add|change\", GOTO=\"kpartx_end\"\n"
	"ENV{DM_UUID}!=\"mpath-?*\", GOTO=\"mpath_kpartx_end\"\n"
	"# Run kpartx\n"
	"GOTO=\"run_kpartx\"\n"
	"LABEL=\"mpath_kpartx_end\"\n"
	"\n"
	"GOTO=\"kpartx_end\"\n"
	"\n"
	"LABEL=\"run_kpartx\"\n"
	"RUN+=\"/sbin/kpartx -un -p -part /dev/$name\"\n"
	"\n"
	"LABEL=\"kpartx_end\"\n";

static void expect(const char *text, int rc, enum kpartx_rule_kind kind,
		   const char *delim, unsigned line)
{
	struct kpartx_rule r;

	T_INTEQ(kpartx_rules_parse(text, &r), rc);
	T_INTEQ(r.kind, kind);
	T_STREQ(r.delim, delim);
	T_INTEQ(r.line, line);
}

static void test_rules_debian(void)
{
	expect(debian_rules, 0, KPARTX_RULE_DELIM, "-part", 11);
}

static void test_rules_forms(void)
{
	/* no rule, a comment, other programs, a name that only contains it */
	expect("", 0, KPARTX_RULE_NONE, "", 0);
	expect("# RUN+=\"kpartx -p X /dev/$name\"\n", 0, KPARTX_RULE_NONE, "", 0);
	expect("IMPORT{program}==\"kpartx_id %M %m $env{DM_UUID}\"\n", 0,
	       KPARTX_RULE_NONE, "", 0);
	expect("RUN+=\"/sbin/notkpartx -p X\"\n", 0, KPARTX_RULE_NONE, "", 0);
	expect("RUN{builtin}+=\"kpartx -p X\"\n", 0, KPARTX_RULE_NONE, "", 0);
	expect("ENV{X}!=\"kpartx -p X\"\n", 0, KPARTX_RULE_NONE, "", 0);
	/* without -p: kpartx's default; -t takes a value that is not -p's */
	expect("RUN+=\"/sbin/kpartx -un /dev/$name\"\n", 0,
	       KPARTX_RULE_DEFAULT, "", 1);
	expect("RUN+=\"kpartx -t p -a /dev/$name\"\n", 0,
	       KPARTX_RULE_DEFAULT, "", 1);
	/* -p glued, inside a group, after the device, the last one */
	expect("RUN+=\"kpartx -a -pp /dev/$name\"\n", 0, KPARTX_RULE_DELIM,
	       "p", 1);
	expect("RUN+=\"kpartx -unp_part /dev/$name\"\n", 0, KPARTX_RULE_DELIM,
	       "_part", 1);
	expect("RUN+=\"kpartx -u /dev/$name -p -part\"\n", 0,
	       KPARTX_RULE_DELIM, "-part", 1);
	expect("RUN+=\"kpartx -p a -p b /dev/$name\"\n", 0, KPARTX_RULE_DELIM,
	       "b", 1);
	expect("RUN+=\"kpartx -u -- -p x\"\n", 0, KPARTX_RULE_DEFAULT, "", 1);
	/* an empty delimiter, quoted for udev's split */
	expect("RUN+=\"kpartx -un -p '' /dev/$name\"\n", 0, KPARTX_RULE_DELIM,
	       "", 1);
	/* PROGRAM and IMPORT{program} run it too; spaces around the operator */
	expect("PROGRAM==\"/usr/sbin/kpartx -p P\"\n", 0, KPARTX_RULE_DELIM,
	       "P", 1);
	expect("ACTION==\"add\", IMPORT{program} = \"kpartx -p Q\"\n", 0,
	       KPARTX_RULE_DELIM, "Q", 1);
	/* an escaped quote inside the value, e"" strings */
	expect("RUN+=e\"kpartx -p \\\"-x\\\" /dev/$name\"\n", 0,
	       KPARTX_RULE_DELIM, "-x", 1);
}

static void test_rules_lines(void)
{
	/* continued lines count as one rule, numbered where it starts */
	expect("# one\n"
	       "ENV{DM_UUID}==\"mpath-*\", \\\n"
	       "  RUN+=\"/sbin/kpartx -un -p -part /dev/$name\"\n", 0,
	       KPARTX_RULE_DELIM, "-part", 2);
	/* the last rule that runs kpartx counts */
	expect("RUN+=\"kpartx -p a\"\nRUN+=\"kpartx -u\"\n", 0,
	       KPARTX_RULE_DEFAULT, "", 2);
	expect("RUN+=\"kpartx -u\"\n\nRUN+=\"kpartx -p b\"", 0,
	       KPARTX_RULE_DELIM, "b", 3);
	/* a malformed pair ends its rule, not the file */
	expect("RUN+=kpartx -p a\nRUN+=\"kpartx -p c\"\n", 0,
	       KPARTX_RULE_DELIM, "c", 2);
}

static void test_rules_unusable(void)
{
	/* values mpboot cannot know or use: the last rule is said */
	expect("RUN+=\"kpartx -u -p\"\n", -EINVAL, KPARTX_RULE_NONE, "", 1);
	expect("RUN+=\"kpartx -p $env{DELIM} /dev/$name\"\n", -EINVAL,
	       KPARTX_RULE_NONE, "", 1);
	expect("RUN+=\"kpartx -p a/b\"\n", -EINVAL, KPARTX_RULE_NONE, "", 1);
	expect("RUN+=\"kpartx -p 0123456789abcdef\"\n", -EINVAL,
	       KPARTX_RULE_NONE, "", 1);
	/* a good one after a bad one counts */
	expect("RUN+=\"kpartx -p %k\"\nRUN+=\"kpartx -p ok\"\n", 0,
	       KPARTX_RULE_DELIM, "ok", 2);
}

static void test_delim_values(void)
{
	struct kpartx_delim d;

	T_INTEQ(kpartx_delim_check("-part"), 0);
	T_INTEQ(kpartx_delim_check(""), 0);
	T_INTEQ(kpartx_delim_check("0123456789abcde"), 0);
	T_INTEQ(kpartx_delim_check("0123456789abcdef"), -ENAMETOOLONG);
	T_INTEQ(kpartx_delim_check("a b"), -EINVAL);
	T_INTEQ(kpartx_delim_check("a/b"), -EINVAL);
	T_INTEQ(kpartx_delim_check("\x01"), -EINVAL);
	T_INTEQ(kpartx_delim_value("default", &d), 0);
	T_INTEQ(d.kind, KPARTX_RULE_DEFAULT);
	T_CHECK(kpartx_delim_name(&d) == NULL);
	T_INTEQ(kpartx_delim_value("-part", &d), 0);
	T_INTEQ(d.kind, KPARTX_RULE_DELIM);
	T_STREQ(kpartx_delim_name(&d), "-part");
	T_INTEQ(kpartx_delim_value("$x", &d), -EINVAL);
}

/* ---- a root's files --------------------------------------------------- */

static char root[] = "/tmp/mpboot-kpartx-XXXXXX";
static int rootfd = -1;

static void put(const char *rel, const char *text)
{
	char cmd[512];
	int fd;

	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s/%s')\"", root,
		 rel);
	T_INTEQ(system(cmd), 0);
	fd = openat(rootfd, rel, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_CHECK(fd >= 0);
	T_CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

static void reset(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/*", root);
	T_INTEQ(system(cmd), 0);
}

static void expect_root(enum kpartx_rule_kind kind, const char *delim,
			const char *source)
{
	struct kpartx_delim d;

	T_INTEQ(kpartx_root_delim(rootfd, &d), 0);
	T_INTEQ(d.kind, kind);
	T_STREQ(d.delim, delim);
	T_STREQ(d.source, source);
}

static void test_root_files(void)
{
	reset();
	expect_root(KPARTX_RULE_NONE, "", "");
	/* Debian's place, then a rules file of the same name in /etc hides
	 * it, and one sorted after it wins */
	put("lib/udev/rules.d/60-kpartx.rules", debian_rules);
	put("lib/udev/rules.d/50-other.rules", "RUN+=\"kpartx -p x\"\n");
	expect_root(KPARTX_RULE_DELIM, "-part",
		    "/lib/udev/rules.d/60-kpartx.rules:11");
	put("etc/udev/rules.d/60-kpartx.rules", "# masked\n");
	expect_root(KPARTX_RULE_DELIM, "x", "/lib/udev/rules.d/50-other.rules:1");
	put("usr/lib/udev/rules.d/70-late.rules", "\n\nRUN+=\"kpartx -u\"\n");
	expect_root(KPARTX_RULE_DEFAULT, "",
		    "/usr/lib/udev/rules.d/70-late.rules:3");
	/* not a .rules file */
	put("usr/lib/udev/rules.d/80-x.rules.bak", "RUN+=\"kpartx -p no\"\n");
	expect_root(KPARTX_RULE_DEFAULT, "",
		    "/usr/lib/udev/rules.d/70-late.rules:3");
	/* an unusable value in the last file: the one before counts */
	put("run/udev/rules.d/90-bad.rules", "RUN+=\"kpartx -p $env{X}\"\n");
	expect_root(KPARTX_RULE_DEFAULT, "",
		    "/usr/lib/udev/rules.d/70-late.rules:3");
	/* mpboot's own file wins; one it cannot use is ignored */
	put("etc/mpboot/part-delim", "-part\n");
	expect_root(KPARTX_RULE_DELIM, "-part", "/etc/mpboot/part-delim");
	put("etc/mpboot/part-delim", "default\n");
	expect_root(KPARTX_RULE_DEFAULT, "", "/etc/mpboot/part-delim");
	put("etc/mpboot/part-delim", "\n");
	expect_root(KPARTX_RULE_DELIM, "", "/etc/mpboot/part-delim");
	put("etc/mpboot/part-delim", "a b\n");
	expect_root(KPARTX_RULE_DEFAULT, "",
		    "/usr/lib/udev/rules.d/70-late.rules:3");
}

/* A merged /usr: lib is a link to usr/lib, its files read once. */
static void test_root_merged_usr(void)
{
	reset();
	put("usr/lib/udev/rules.d/60-kpartx.rules", debian_rules);
	T_INTEQ(symlinkat("usr/lib", rootfd, "lib"), 0);
	expect_root(KPARTX_RULE_DELIM, "-part",
		    "/usr/lib/udev/rules.d/60-kpartx.rules:11");
	/* a rules file masked by a link to /dev/null (none in this tree:
	 * unreadable either way) */
	put("etc/udev/rules.d/.keep", "");
	T_INTEQ(symlinkat("/dev/null", rootfd,
			  "etc/udev/rules.d/60-kpartx.rules"), 0);
	expect_root(KPARTX_RULE_NONE, "", "");
}

int main(void)
{
	char cmd[128];

	log_verbosity = 0;
	T_RUN(test_rules_debian);
	T_RUN(test_rules_forms);
	T_RUN(test_rules_lines);
	T_RUN(test_rules_unusable);
	T_RUN(test_delim_values);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	rootfd = fs_open_root(root);
	T_RUN(test_root_files);
	T_RUN(test_root_merged_usr);
	close(rootfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		return 1;
	return t_done();
}
