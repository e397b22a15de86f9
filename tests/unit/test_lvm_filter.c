#include <errno.h>
#include <stdlib.h>

#include "t.h"
#include "log.h"
#include "lvm/lvm.h"

static const char *const a_parts[] = { "mpatha1", "mpatha2" };
static const char *const a_part_uuids[] = {
	"part1-mpath-36001405aaaa", "part2-mpath-36001405aaaa" };
static const char *const a_members[] = { "sdb", "sdd" };
static const char *const b_members[] = { "sdc", "sdaa" };
static const char *const odd_members[] = { "cciss!c0d0", "nvme0n1" };

static const struct lvm_map map_a = {
	.name = "mpatha", .uuid = "mpath-36001405aaaa",
	.parts = a_parts, .part_uuids = a_part_uuids, .n_parts = 2,
	.members = a_members, .n_members = 2,
};
static const struct lvm_map map_b = {
	.name = "mpathb", .uuid = "mpath-36001405bbbb",
	.members = b_members, .n_members = 2,
};

struct filter_case {
	const char *what;
	struct lvm_map maps[2];
	size_t n;
	int err;
	const char *line;
};

static void test_filter_table(void)
{
	static const char *const wwid_parts[] = { "36001405cccc-part1" };
	static const char *const dotted_parts[] = { "db.data+1p1" };
	static const char *const bad[] = { "sd b" };
	const struct filter_case cases[] = {
		{ "no maps: LVM's own default, accept all", { { 0 } }, 0, 0,
		  "global_filter = [ \"a|.*|\" ]" },
		{ "one map with partitions", { map_a }, 1, 0,
		  "global_filter = [ \"a|^/dev/mapper/mpatha$|\", "
		  "\"a|^/dev/mapper/mpatha1$|\", \"a|^/dev/mapper/mpatha2$|\", "
		  "\"r|^/dev/sdb[0-9]*$|\", \"r|^/dev/sdd[0-9]*$|\" ]" },
		{ "several maps: every accept before any reject",
		  { map_a, map_b }, 2, 0,
		  "global_filter = [ \"a|^/dev/mapper/mpatha$|\", "
		  "\"a|^/dev/mapper/mpatha1$|\", \"a|^/dev/mapper/mpatha2$|\", "
		  "\"a|^/dev/mapper/mpathb$|\", "
		  "\"r|^/dev/sdb[0-9]*$|\", \"r|^/dev/sdd[0-9]*$|\", "
		  "\"r|^/dev/sdc[0-9]*$|\", \"r|^/dev/sdaa[0-9]*$|\" ]" },
		{ "WWID name with -part partitions",
		  { { .name = "36001405cccc", .uuid = "mpath-36001405cccc",
		      .parts = wwid_parts, .n_parts = 1 } }, 1, 0,
		  "global_filter = [ \"a|^/dev/mapper/36001405cccc$|\", "
		  "\"a|^/dev/mapper/36001405cccc-part1$|\" ]" },
		{ "regex characters in names are bracketed",
		  { { .name = "db.data+1", .parts = dotted_parts, .n_parts = 1,
		      .members = odd_members, .n_members = 2 } }, 1, 0,
		  "global_filter = [ \"a|^/dev/mapper/db[.]data[+]1$|\", "
		  "\"a|^/dev/mapper/db[.]data[+]1p1$|\", "
		  "\"r|^/dev/cciss/c0d0(p[0-9]+)?$|\", "
		  "\"r|^/dev/nvme0n1(p[0-9]+)?$|\" ]" },
		/* Names that cannot be written are left out, never the
		 * whole filter: the other maps' members are still rejected.
		 * A map left out matches nothing, and LVM accepts it. */
		{ "space in a map name: left out, its members rejected",
		  { map_a, { .name = "my map", .members = b_members,
			     .n_members = 2 } }, 2, 0,
		  "global_filter = [ \"a|^/dev/mapper/mpatha$|\", "
		  "\"a|^/dev/mapper/mpatha1$|\", \"a|^/dev/mapper/mpatha2$|\", "
		  "\"r|^/dev/sdb[0-9]*$|\", \"r|^/dev/sdd[0-9]*$|\", "
		  "\"r|^/dev/sdc[0-9]*$|\", \"r|^/dev/sdaa[0-9]*$|\" ]" },
		{ "quote in a map name: nothing left to say",
		  { { .name = "a\"b" } }, 1, 0, "global_filter = [ \"a|.*|\" ]" },
		{ "slash in a map name: left out",
		  { { .name = "a/b" }, map_b }, 2, 0,
		  "global_filter = [ \"a|^/dev/mapper/mpathb$|\", "
		  "\"r|^/dev/sdc[0-9]*$|\", \"r|^/dev/sdaa[0-9]*$|\" ]" },
		{ "backslash in a partition name: that partition left out",
		  { { .name = "a", .parts = (const char *const[]){ "a\\x20",
								 "a1" },
		      .n_parts = 2 } }, 1, 0,
		  "global_filter = [ \"a|^/dev/mapper/a$|\", "
		  "\"a|^/dev/mapper/a1$|\" ]" },
		{ "space in a member: left out and counted",
		  { { .name = "a", .members = bad, .n_members = 1 }, map_b }, 2,
		  1, "global_filter = [ \"a|^/dev/mapper/a$|\", "
		  "\"a|^/dev/mapper/mpathb$|\", "
		  "\"r|^/dev/sdc[0-9]*$|\", \"r|^/dev/sdaa[0-9]*$|\" ]" },
		{ "empty, missing and \"..\" map names left out",
		  { { .name = "" }, { .name = NULL, .members = a_members,
				      .n_members = 2 } }, 2, 0,
		  "global_filter = [ \"r|^/dev/sdb[0-9]*$|\", "
		  "\"r|^/dev/sdd[0-9]*$|\" ]" },
		{ "\"..\" left out", { { .name = ".." }, map_b }, 2, 0,
		  "global_filter = [ \"a|^/dev/mapper/mpathb$|\", "
		  "\"r|^/dev/sdc[0-9]*$|\", \"r|^/dev/sdaa[0-9]*$|\" ]" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *line = (char *)"unset";
		int err = lvm_filter_format(cases[i].maps, cases[i].n, &line);

		if (err != cases[i].err)
			printf("  case: %s\n", cases[i].what);
		T_INTEQ(err, cases[i].err);
		T_STREQ(line, cases[i].line);
		free(line);
	}
}

static void test_devices_file(void)
{
	const struct lvm_map maps[] = { map_a, map_b };
	char *text;

	T_INTEQ(lvm_devices_file_format(maps, 2, &text), 0);
	T_STREQ(text,
		"# LVM uses devices listed in this file.\n"
		"# Created by mpboot\n"
		"VERSION=1.1.1\n"
		"IDTYPE=mpath_uuid IDNAME=mpath-36001405aaaa "
		"DEVNAME=/dev/mapper/mpatha PVID=.\n"
		"IDTYPE=mpath_uuid IDNAME=part1-mpath-36001405aaaa "
		"DEVNAME=/dev/mapper/mpatha1 PVID=.\n"
		"IDTYPE=mpath_uuid IDNAME=part2-mpath-36001405aaaa "
		"DEVNAME=/dev/mapper/mpatha2 PVID=.\n"
		"IDTYPE=mpath_uuid IDNAME=mpath-36001405bbbb "
		"DEVNAME=/dev/mapper/mpathb PVID=.\n");
	free(text);

	T_INTEQ(lvm_devices_file_format(NULL, 0, &text), 0);
	T_STREQ(text, "# LVM uses devices listed in this file.\n"
		"# Created by mpboot\nVERSION=1.1.1\n");
	free(text);
}

/* An entry LVM could not match is left out and counted; the others stay.
 * A name that cannot be written is only a hint: DEVNAME=. */
static void test_devices_file_bad_entries(void)
{
	static const char *const parts[] = { "mpatha1" };
	static const char *const bad_part_uuids[][1] = {
		{ "mpath-36001405aaaa" }, { "part-mpath-3600" },
		{ "partX-mpath-3600" }, { "part1-mpath-" },
	};
	static const char *const bad_uuids[] = {
		"LVM-abc", "mpath-", NULL, "mpath-36 00",
	};
	struct lvm_map m[2] = { { .name = "mpatha" }, map_b };
	const char *tail = "IDTYPE=mpath_uuid IDNAME=mpath-36001405bbbb "
			   "DEVNAME=/dev/mapper/mpathb PVID=.\n";
	char *text;
	size_t i;

	for (i = 0; i < sizeof(bad_uuids) / sizeof(bad_uuids[0]); i++) {
		m[0].uuid = bad_uuids[i];
		T_INTEQ(lvm_devices_file_format(m, 2, &text), 1);
		T_CHECK(text && !strcmp(text + strlen(text) - strlen(tail),
					tail));
		T_CHECK(text && !strstr(text, "mpatha"));
		free(text);
	}
	m[0].uuid = "mpath-3600";
	m[0].parts = parts;
	m[0].n_parts = 1;
	/* partitions without their uuids */
	T_INTEQ(lvm_devices_file_format(m, 2, &text), 1);
	T_CHECK(text && strstr(text, "IDNAME=mpath-3600 DEVNAME=/dev/mapper/"
			       "mpatha PVID=.\n"));
	free(text);
	for (i = 0; i < sizeof(bad_part_uuids) / sizeof(bad_part_uuids[0]);
	     i++) {
		m[0].part_uuids = bad_part_uuids[i];
		T_INTEQ(lvm_devices_file_format(m, 2, &text), 1);
		T_CHECK(text && !strstr(text, "mpatha1"));
		free(text);
	}
	m[0].part_uuids = (const char *const[]){ "part12-mpath-3600" };
	T_INTEQ(lvm_devices_file_format(m, 2, &text), 0);
	T_CHECK(text && strstr(text, "IDNAME=part12-mpath-3600 DEVNAME=/dev/"
			       "mapper/mpatha1 PVID=.\n"));
	free(text);
	m[0].name = "my map";
	m[0].n_parts = 0;
	T_INTEQ(lvm_devices_file_format(m, 2, &text), 0);
	T_CHECK(text && strstr(text, "IDNAME=mpath-3600 DEVNAME=. PVID=.\n"));
	free(text);
}

int main(void)
{
	log_verbosity = 0;	/* the refusals are expected */
	T_RUN(test_filter_table);
	T_RUN(test_devices_file);
	T_RUN(test_devices_file_bad_entries);
	return t_done();
}
