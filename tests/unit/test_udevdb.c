/* udev database entries: the three kinds, the parser, the round trip,
 * which devices get one, and putting one in place. */
#include <errno.h>
#include <sys/stat.h>

#include "boot/udevdb.h"
#include "t.h"

#define WWID "360014052e2b5e1d4c7f4c3a8a1b2c3d4"

static struct udb_probe fs_probe(void)
{
	struct udb_probe p = { 0 };

	T_INTEQ(udb_probe_add(&p, "UUID", "0b6f6a52-5f3c-4bd4-9e3a-1c2d3e4f5a6b"), 0);
	T_INTEQ(udb_probe_add(&p, "TYPE", "ext4"), 0);
	T_INTEQ(udb_probe_add(&p, "USAGE", "filesystem"), 0);
	return p;
}

static void test_map(void)
{
	struct udb_probe p = fs_probe();
	struct udb_map m = {
		.name = "mpatha", .uuid = "mpath-" WWID, .ready = 1,
		.probe = &p, .usec = 1234567,
	};
	char buf[4096];
	int n = udb_format_map(&m, buf, sizeof(buf));

	T_STREQ(buf,
		"S:mapper/mpatha\n"
		"I:1234567\n"
		"E:DM_UDEV_DISABLE_LIBRARY_FALLBACK_FLAG=1\n"
		"E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\n"
		"E:DM_UDEV_RULES=1\n"
		"E:DM_UDEV_RULES_VSN=2\n"
		"E:DM_NAME=mpatha\n"
		"E:DM_UUID=mpath-" WWID "\n"
		"E:DM_SUSPENDED=0\n"
		"E:DM_SUBSYSTEM_UDEV_FLAG1=1\n"
		"E:MPATH_DEVICE_READY=1\n"
		"E:ID_FS_UUID=0b6f6a52-5f3c-4bd4-9e3a-1c2d3e4f5a6b\n"
		"E:ID_FS_UUID_ENC=0b6f6a52-5f3c-4bd4-9e3a-1c2d3e4f5a6b\n"
		"E:ID_FS_TYPE=ext4\n"
		"E:ID_FS_USAGE=filesystem\n"
		"E:" UDB_MARK "=1\n"
		"G:systemd\n"
		"Q:systemd\n"
		"V:1\n");
	T_INTEQ(n, (int)strlen(buf));
}

/* A map without a usable path is left as 56-dm-mpath.rules leaves one:
 * not scanned, other rules off, not ready for systemd. */
static void test_map_not_ready(void)
{
	struct udb_map m = {
		.name = "mpathb", .uuid = "mpath-" WWID, .suspended = 1,
	};
	struct udb_entry e;
	char buf[4096];

	T_CHECK(udb_format_map(&m, buf, sizeof(buf)) > 0);
	T_INTEQ(udb_parse(buf, strlen(buf), &e, NULL), 0);
	T_STREQ(udb_get(&e, "MPATH_DEVICE_READY"), "0");
	T_STREQ(udb_get(&e, "DM_NOSCAN"), "1");
	T_STREQ(udb_get(&e, "DM_UDEV_DISABLE_OTHER_RULES_FLAG"), "1");
	T_STREQ(udb_get(&e, "SYSTEMD_READY"), "0");
	T_STREQ(udb_get(&e, "DM_SUSPENDED"), "1");
	T_CHECK(!udb_get(&e, "ID_FS_TYPE"));
	T_INTEQ(e.usec, 0);	/* no I: line without a time */
}

static void test_part(void)
{
	struct udb_probe p = fs_probe();
	struct udb_part m = {
		.name = "mpathap1", .uuid = "part1-mpath-" WWID,
		.probe = &p, .usec = 99,
	};
	struct udb_entry e;
	char buf[4096];

	T_INTEQ(udb_probe_add(&p, "PART_ENTRY_UUID", "3f1e-01"), 0);
	T_INTEQ(udb_probe_add(&p, "PART_ENTRY_SCHEME", "dos"), 0);
	T_CHECK(udb_format_part(&m, buf, sizeof(buf)) > 0);
	T_INTEQ(udb_parse(buf, strlen(buf), &e, NULL), 0);
	T_INTEQ(e.n_links, 1);
	T_STREQ(e.links[0], "mapper/mpathap1");
	T_STREQ(udb_get(&e, "DM_UUID"), "part1-mpath-" WWID);
	T_STREQ(udb_get(&e, "DM_UDEV_PRIMARY_SOURCE_FLAG"), "1");
	T_STREQ(udb_get(&e, "ID_PART_ENTRY_UUID"), "3f1e-01");
	T_STREQ(udb_get(&e, "ID_PART_ENTRY_SCHEME"), "dos");
	T_STREQ(udb_get(&e, "ID_FS_TYPE"), "ext4");
	/* kpartx and multipath keys are the parent's only */
	T_CHECK(!udb_get(&e, "MPATH_DEVICE_READY"));
	T_CHECK(!udb_get(&e, "DM_SUBSYSTEM_UDEV_FLAG1"));
}

static void test_member(void)
{
	struct udb_member m = { .wwid = WWID, .usec = 5 };
	char buf[1024];

	T_CHECK(udb_format_member(&m, buf, sizeof(buf)) > 0);
	T_STREQ(buf,
		"I:5\n"
		"E:DM_MULTIPATH_DEVICE_PATH=1\n"
		"E:ID_FS_TYPE=mpath_member\n"
		"E:SYSTEMD_READY=0\n"
		"E:ID_SERIAL=" WWID "\n"
		"E:" UDB_MARK "=1\n"
		"G:systemd\n"
		"Q:systemd\n"
		"V:1\n");
}

static void test_format_refused(void)
{
	char buf[4096];
	struct udb_map m = { .name = "a\nE:X=1", .uuid = "mpath-" WWID };
	struct udb_part p = { .name = "ap1", .uuid = "part1-LVM-xyz" };
	struct udb_member mb = { .wwid = "" };
	struct udb_entry e = { .n_props = 1, .props = { { "K", "" } } };

	T_INTEQ(udb_format_map(&m, buf, sizeof(buf)), -EINVAL);
	T_STREQ(buf, "");
	m.name = "a/b";
	T_INTEQ(udb_format_map(&m, buf, sizeof(buf)), -EINVAL);
	m.name = "mpatha";
	m.uuid = "LVM-abc";
	T_INTEQ(udb_format_map(&m, buf, sizeof(buf)), -EINVAL);
	m.uuid = "mpath-";
	T_INTEQ(udb_format_map(&m, buf, sizeof(buf)), -EINVAL);
	m.uuid = "mpath-" WWID;
	T_INTEQ(udb_format_map(&m, buf, 40), -ENOSPC);
	T_INTEQ(udb_format_part(&p, buf, sizeof(buf)), -EINVAL);
	p.uuid = "part0-mpath-" WWID;
	T_INTEQ(udb_format_part(&p, buf, sizeof(buf)), -EINVAL);
	p.uuid = "partx-mpath-" WWID;
	T_INTEQ(udb_format_part(&p, buf, sizeof(buf)), -EINVAL);
	T_INTEQ(udb_format_member(&mb, buf, sizeof(buf)), -EINVAL);
	mb.wwid = "36\r";
	T_INTEQ(udb_format_member(&mb, buf, sizeof(buf)), -EINVAL);
	/* an empty value would make sd-device read the next line as it */
	T_INTEQ(udb_format_entry(&e, buf, sizeof(buf)), -EINVAL);
	e.props[0] = (struct udb_prop){ "K=J", "v" };
	T_INTEQ(udb_format_entry(&e, buf, sizeof(buf)), -EINVAL);
}

/* What libblkid gives is named and encoded as udev's blkid builtin does. */
static void test_probe_names(void)
{
	struct udb_probe p = { 0 };
	char label[200];
	size_t i;

	T_INTEQ(udb_probe_add(&p, "LABEL", "my root"), 0);
	T_INTEQ(udb_probe_add(&p, "PART_ENTRY_NAME", "EFI system"), 0);
	T_INTEQ(udb_probe_add(&p, "PTTYPE", "gpt"), 0);
	T_INTEQ(udb_probe_add(&p, "SBMAGIC", "x"), 0);	/* not exported */
	T_INTEQ(udb_probe_add(&p, "VERSION", ""), 0);	/* empty: dropped */
	T_INTEQ(udb_probe_add(&p, "VERSION", "1\n2"), 0);	/* dropped */
	T_INTEQ(p.n, 4);
	T_STREQ(p.v[0].key, "ID_FS_LABEL");
	T_STREQ(p.v[0].value, "my_root");
	T_STREQ(p.v[1].key, "ID_FS_LABEL_ENC");
	T_STREQ(p.v[1].value, "my\\x20root");
	T_STREQ(p.v[2].key, "ID_PART_ENTRY_NAME");
	T_STREQ(p.v[2].value, "EFI\\x20system");
	T_STREQ(p.v[3].key, "ID_PART_TABLE_TYPE");
	/* too long once encoded: only the safe string is kept */
	p.n = 0;
	memset(label, '*', sizeof(label) - 1);
	label[sizeof(label) - 1] = '\0';
	T_INTEQ(udb_probe_add(&p, "LABEL", label), 0);
	T_INTEQ(p.n, 1);
	T_STREQ(p.v[0].key, "ID_FS_LABEL");
	for (i = p.n; i < UDB_PROBE_MAX; i++)
		T_INTEQ(udb_probe_add(&p, "TYPE", "ext4"), 0);
	T_INTEQ(udb_probe_add(&p, "TYPE", "ext4"), -ENOSPC);
}

/* An entry as systemd 252's udev writes one for a partition map. */
static void test_parse_udev(void)
{
	char text[] =
		"S:disk/by-id/dm-name-mpathap1\n"
		"S:mapper/mpathap1\n"
		"S:disk/by-uuid/0b6f6a52\n"
		"L:50\n"
		"I:4321987\n"
		"E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\n"
		"E:DM_NAME=mpathap1\n"
		"E:ID_FS_LABEL_ENC=a=b\n"
		"G:systemd\n"
		"Q:systemd\n"
		"V:1\n";
	struct udb_entry e;
	size_t bad = 7;

	T_INTEQ(udb_parse(text, strlen(text), &e, &bad), 0);
	T_INTEQ(bad, 0);
	T_INTEQ(e.n_links, 3);
	T_STREQ(e.links[2], "disk/by-uuid/0b6f6a52");
	T_INTEQ(e.priority, 50);
	T_INTEQ(e.usec, 4321987);
	T_INTEQ(e.n_props, 3);
	T_STREQ(udb_get(&e, "ID_FS_LABEL_ENC"), "a=b");
	T_CHECK(!udb_get(&e, UDB_MARK));
	T_INTEQ(e.n_tags, 1);
	T_STREQ(e.current_tags[0], "systemd");
	T_INTEQ(e.version, 1);
	/* udev writes an empty file for a device with nothing to say */
	T_INTEQ(udb_parse(text, 0, &e, NULL), 0);
	T_INTEQ(e.n_props + e.n_links + e.n_tags, 0);
}

static void test_parse_refused(void)
{
	static const struct {
		const char *text;
		size_t len, line;	/* len 0: strlen */
	} bad[] = {
		{ "E:A=1", 0, 1 },		/* cut short: no '\n' */
		{ "E:A=1\nE:\n", 0, 2 },	/* empty value */
		{ "E:A=1\nE:=x\n", 0, 2 },
		{ "E:A=\n", 0, 1 },
		{ "E:A\n", 0, 1 },
		{ "\n", 0, 1 },
		{ "S\n", 0, 1 },
		{ "X:y\n", 0, 1 },
		{ "W:3\n", 0, 1 },		/* not written since systemd 247 */
		{ "S:a\r\n", 0, 1 },
		{ "I:1\nI:2\n", 0, 2 },
		{ "I:01\n", 0, 1 },
		{ "I:-1\n", 0, 1 },
		{ "I:18446744073709551616\n", 0, 1 },
		{ "L:-0\n", 0, 1 },
		{ "L:2147483648\n", 0, 1 },
		{ "V:x\n", 0, 1 },
		{ "E:A=1\nS:a\0b\n", 12, 2 },	/* a NUL inside */
	};
	char buf[64];
	struct udb_entry e;
	size_t i, line;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = bad[i].len ? bad[i].len : strlen(bad[i].text);

		memcpy(buf, bad[i].text, len);
		line = 0;
		T_INTEQ(udb_parse(buf, len, &e, &line), -EINVAL);
		T_INTEQ(line, bad[i].line);
	}
	strcpy(buf, "L:-2147483648\n");
	T_INTEQ(udb_parse(buf, strlen(buf), &e, NULL), 0);
	T_INTEQ(e.priority, -2147483647 - 1);
}

static void test_parse_limits(void)
{
	char buf[8192];
	struct udb_entry e;
	size_t i, len = 0;

	for (i = 0; i <= UDB_MAX_TAGS; i++)
		len += sprintf(buf + len, "G:t%zu\n", i);
	T_INTEQ(udb_parse(buf, len, &e, NULL), -E2BIG);
	len = 0;
	for (i = 0; i <= UDB_MAX_PROPS; i++)
		len += sprintf(buf + len, "E:K%zu=v\n", i);
	T_INTEQ(udb_parse(buf, len, &e, NULL), -E2BIG);
}

/* Formatting what was parsed gives the text back (udev's order). */
static void test_round_trip(void)
{
	struct udb_probe p = fs_probe();
	struct udb_map m = {
		.name = "mpatha", .uuid = "mpath-" WWID, .ready = 1,
		.probe = &p, .usec = 77,
	};
	char buf[4096], copy[4096], again[4096];
	struct udb_entry e;
	int n = udb_format_map(&m, buf, sizeof(buf));

	T_CHECK(n > 0);
	memcpy(copy, buf, n + 1);
	T_INTEQ(udb_parse(copy, n, &e, NULL), 0);
	T_INTEQ(udb_format_entry(&e, again, sizeof(again)), n);
	T_STREQ(again, buf);
}

static struct dmio_dev dev(const char *name, const char *uuid,
			   unsigned minor, const char *target, char *params)
{
	struct dmio_dev d = { .major = 253, .minor = minor,
			      .params = params };

	snprintf(d.name, sizeof(d.name), "%s", name);
	snprintf(d.uuid, sizeof(d.uuid), "%s", uuid);
	snprintf(d.target, sizeof(d.target), "%s", target);
	return d;
}

static void test_format_lv(void)
{
	struct udb_probe pr = { 0 };
	struct udb_lv l = { .name = "vg-root", .uuid = "LVM-abc",
			    .probe = &pr, .usec = 7 };
	char buf[4096];

	T_INTEQ(udb_probe_add(&pr, "TYPE", "ext4"), 0);
	T_CHECK(udb_format_lv(&l, buf, sizeof(buf)) > 0);
	T_STREQ(buf, "S:mapper/vg-root\nI:7\n"
		"E:DM_UDEV_DISABLE_LIBRARY_FALLBACK_FLAG=1\n"
		"E:DM_UDEV_PRIMARY_SOURCE_FLAG=1\nE:DM_UDEV_RULES=1\n"
		"E:DM_UDEV_RULES_VSN=2\nE:DM_NAME=vg-root\n"
		"E:DM_UUID=LVM-abc\nE:DM_SUSPENDED=0\nE:ID_FS_TYPE=ext4\n"
		"E:" UDB_MARK "=1\nG:systemd\nQ:systemd\nV:1\n");
	l.uuid = "mpath-" WWID;
	T_INTEQ(udb_format_lv(&l, buf, sizeof(buf)), -EINVAL);
	l.uuid = "LVM-";
	T_INTEQ(udb_format_lv(&l, buf, sizeof(buf)), -EINVAL);
}

static void test_targets(void)
{
	char mp[] = "0 0 2 1 service-time 0 1 1 8:16 1 "
		    "service-time 0 1 1 8:32 1";
	char lin[] = "253:0 2048", bad[] = "nonsense";
	struct dmio_dev v[] = {
		dev("mpathap1", "part1-mpath-" WWID, 1, "linear", lin),
		dev("mpatha", "mpath-" WWID, 0, "multipath", mp),
		dev("vg-root", "LVM-abc", 2, "linear", lin),
		dev("vgp1", "part1-LVM-abc", 3, "linear", lin),
		dev("mpathb", "mpath-36", 4, "multipath", bad),
		dev("mpathbp2", "part2-mpath-36", 5, "striped", lin),
	};
	struct dmio_list l = { .v = v, .n = sizeof(v) / sizeof(v[0]) };
	struct udb_target *t;
	size_t n, badn;

	T_INTEQ(dmio_list_index(&l), 0);
	T_INTEQ(udb_targets(&l, &t, &n, &badn), 0);
	T_INTEQ(badn, 1);
	T_INTEQ(n, 6);
	if (n == 6) {
		T_INTEQ(t[0].kind, UDB_PART);
		T_CHECK(t[0].dev == &v[0] && t[0].map == &v[1]);
		T_INTEQ(t[1].kind, UDB_MAP);
		T_INTEQ(t[1].minor, 0);
		T_INTEQ(t[2].kind, UDB_MEMBER);
		T_INTEQ(t[2].major, 8);
		T_INTEQ(t[2].minor, 16);
		T_CHECK(t[2].map == &v[1] && !t[2].dev);
		T_INTEQ(t[3].minor, 32);
		/* an LV lvm activated in the initramfs */
		T_INTEQ(t[4].kind, UDB_LV);
		T_CHECK(t[4].dev == &v[2] && !t[4].map);
		T_INTEQ(t[5].kind, UDB_MAP);	/* mpathb: no members */
		T_INTEQ(t[5].minor, 4);
	}
	free(t);
	strmap_free(&l.by_name);
	strmap_free(&l.by_uuid);
}

static void read_file(int dfd, const char *rel, char *buf, size_t cap)
{
	int fd = openat(dfd, rel, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, cap - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static void test_write(void)
{
	struct udb_member m = { .wwid = WWID };
	char dir[32], text[1024], got[1024];
	struct stat st;
	int fd = t_tmp_root(dir, "udevdb");

	T_CHECK(udb_format_member(&m, text, sizeof(text)) > 0);
	/* no udev/ yet: made */
	T_INTEQ(udb_write(fd, 8, 16, text), 0);
	read_file(fd, "udev/data/b8:16", got, sizeof(got));
	T_STREQ(got, text);
	T_INTEQ(fstatat(fd, "udev/data/b8:16", &st, 0), 0);
	T_INTEQ(st.st_mode & 07777, 01644);
	T_INTEQ(fstatat(fd, "udev/tags/systemd/b8:16", &st, 0), 0);
	/* mpboot's own entry is replaced */
	m.wwid = "36other";
	T_CHECK(udb_format_member(&m, text, sizeof(text)) > 0);
	T_INTEQ(udb_write(fd, 8, 16, text), 0);
	read_file(fd, "udev/data/b8:16", got, sizeof(got));
	T_STREQ(got, text);
	/* udev's entry wins, and so does a file that is no entry */
	t_put(fd, "udev/data/b8:32", "E:ID_SERIAL=x\n", 14);
	T_INTEQ(udb_write(fd, 8, 32, text), -EEXIST);
	read_file(fd, "udev/data/b8:32", got, sizeof(got));
	T_STREQ(got, "E:ID_SERIAL=x\n");
	t_put(fd, "udev/data/b8:48", "E:" UDB_MARK "=1", 17);
	T_INTEQ(udb_write(fd, 8, 48, text), -EEXIST);
	/* no temporary file is left behind */
	T_INTEQ(system("test $(ls -A /tmp/mpboot-udevdb-*/udev/data | "
		       "wc -l) = 3"), 0);
	t_rm_tree(fd, dir);
}

int main(void)
{
	T_RUN(test_map);
	T_RUN(test_map_not_ready);
	T_RUN(test_part);
	T_RUN(test_member);
	T_RUN(test_format_refused);
	T_RUN(test_probe_names);
	T_RUN(test_parse_udev);
	T_RUN(test_parse_refused);
	T_RUN(test_parse_limits);
	T_RUN(test_round_trip);
	T_RUN(test_format_lv);
	T_RUN(test_targets);
	T_RUN(test_write);
	return t_done();
}
