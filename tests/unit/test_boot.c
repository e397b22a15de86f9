#include <errno.h>
#include <linux/magic.h>
#include <sys/stat.h>

#include "t.h"
#include "boot/boot.h"
#include "log.h"

static void test_modlist(void)
{
	char **list = NULL;
	size_t n = 0, i;

	T_INTEQ(boot_modlist_parse("# storage\nvirtio_scsi\n  sd_mod \t\n\n"
				   "\t# indented comment\r\nscsi_dh_alua\r\n"
				   "dm-multipath", &list, &n), 0);
	T_INTEQ(n, 4);
	if (n == 4) {
		T_STREQ(list[0], "virtio_scsi");
		T_STREQ(list[1], "sd_mod");
		T_STREQ(list[2], "scsi_dh_alua");
		T_STREQ(list[3], "dm-multipath");
	}
	/* appended to what is there */
	T_INTEQ(boot_modlist_parse("ext4\n", &list, &n), 0);
	T_INTEQ(n, 5);
	T_INTEQ(boot_modlist_parse("", &list, &n), 0);
	T_INTEQ(boot_modlist_parse("\n \n#\n", &list, &n), 0);
	T_INTEQ(n, 5);
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static struct boot_dev dev(const char *name, const char *dm_name,
			   const char *dm_uuid, int partno, int parent)
{
	struct boot_dev d = { .partno = partno, .parent = parent };

	snprintf(d.name, sizeof(d.name), "%s", name);
	snprintf(d.dm_name, sizeof(d.dm_name), "%s", dm_name);
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "%s", dm_uuid);
	return d;
}

static struct boot_root root(const char *text)
{
	struct boot_root r;

	T_INTEQ(cmdline_parse_root(text, &r), 0);
	return r;
}

/* The map mpatha (dm-0) on sda and sdb, its partition map dm-1; sda1
 * and sdb1 are the paths' own partitions with the same file system; sdc
 * a disk of its own with sdc1. */
static void make_devs(struct boot_devs *devs)
{
	static struct boot_dev v[8];

	v[0] = dev("dm-0", "mpatha", "mpath-3600a", 0, -1);
	v[1] = dev("dm-1", "mpatha-part1", "part1-mpath-3600a", 1, 0);
	v[2] = dev("sda", "", "", 0, -1);
	v[3] = dev("sda1", "", "", 1, 2);
	v[4] = dev("sdb", "", "", 0, -1);
	v[5] = dev("sdb1", "", "", 1, 4);
	v[6] = dev("sdc", "", "", 0, -1);
	v[7] = dev("sdc1", "", "", 1, 6);
	v[2].held = v[4].held = 1;
	strcpy(v[2].wwid, "3600a");
	strcpy(v[3].wwid, "3600a");
	strcpy(v[6].wwid, "3600c");
	strcpy(v[7].wwid, "3600c");
	strcpy(v[3].uuid, "aaaa-1111");
	strcpy(v[5].uuid, "aaaa-1111");
	strcpy(v[1].uuid, "AAAA-1111");
	strcpy(v[1].label, "root");
	strcpy(v[1].partuuid, "5e1f-01");
	strcpy(v[1].partlabel, "system");
	strcpy(v[7].uuid, "cccc-1111");
	strcpy(v[7].partuuid, "c0c0-01");
	devs->v = v;
	devs->n = 8;
}

static void test_root_find(void)
{
	static const struct {
		const char *root;
		int idx;
	} cases[] = {
		{ "UUID=aaaa-1111", 1 },	/* the map's, not sda1's */
		{ "LABEL=root", 1 },
		{ "LABEL=Root", -1 },
		{ "PARTUUID=5E1F-01", 1 },
		{ "PARTLABEL=system", 1 },
		{ "/dev/mapper/mpatha-part1", 1 },
		{ "/dev/mapper/mpatha", 0 },
		{ "/dev/disk/by-id/dm-name-mpatha-part1", 1 },
		{ "/dev/disk/by-id/dm-uuid-part1-mpath-3600a", 1 },
		{ "/dev/disk/by-id/dm-uuid-mpath-3600a", 0 },
		{ "/dev/disk/by-id/scsi-3600a", -1 },	/* a path */
		{ "/dev/disk/by-id/scsi-3600c", 6 },
		{ "/dev/disk/by-id/scsi-3600c-part1", 7 },
		{ "/dev/dm-1", 1 },
		{ "/dev/sda1", -1 },			/* a path's */
		{ "/dev/sdc1", 7 },
		{ "UUID=cccc-1111", 7 },
		{ "PARTUUID=c0c0-01", 7 },
		{ "UUID=nowhere", -1 },
	};
	struct boot_devs devs;
	size_t i;

	make_devs(&devs);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct boot_root r = root(cases[i].root);
		int idx = boot_root_find(&r, &devs);

		if (idx != cases[i].idx)
			printf("  case %s\n", cases[i].root);
		T_INTEQ(idx, cases[i].idx);
		cmdline_root_free(&r);
	}
	/* without the map, a path's partition is still no root */
	devs.v[1].uuid[0] = '\0';
	{
		struct boot_root r = root("UUID=aaaa-1111");

		T_INTEQ(boot_root_find(&r, &devs), -1);
		devs.v[2].held = 0;	/* sda free: a plain disk */
		T_INTEQ(boot_root_find(&r, &devs), 3);
		cmdline_root_free(&r);
	}
}

static void test_decide(void)
{
	struct boot_wait_state s = {
		.now = 1000, .deadline = 31000, .multipath = 1,
		.find_timeout = 10000,
	};
	long long wake;

	/* nothing yet: wait for the deadline */
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	T_INTEQ(wake, 31000);
	s.now = 31000;
	T_INTEQ(boot_decide(&s, &wake), BOOT_GIVE_UP);
	/* forever */
	s.deadline = 0;
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	T_INTEQ(wake, 0);
	/* on a map */
	s.found = s.on_map = 1;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	/* a plain disk: at once, unless find_multipaths smart */
	s.on_map = 0;
	s.root_paths = 1;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	/* ... or it came after the look's assembly: look again now, and
	 * mount it when the deadline has passed */
	s.unbuilt = 1;
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	T_INTEQ(wake, 31000);
	s.deadline = 31000;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	s.deadline = 0;
	s.unbuilt = 0;
	s.smart = 1;
	s.single_since = 30000;
	s.deadline = 60000;
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	T_INTEQ(wake, 40000);
	s.deadline = 35000;
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	T_INTEQ(wake, 35000);
	s.now = 35000;		/* the root deadline wins */
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	s.now = 39999;
	s.deadline = 0;
	T_INTEQ(boot_decide(&s, &wake), BOOT_WAIT);
	s.now = 40000;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	/* a second path: the next look finds it on its map; until then */
	s.now = 30500;
	s.root_paths = 2;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
	/* multipath off: any disk */
	s.root_paths = 1;
	s.multipath = 0;
	T_INTEQ(boot_decide(&s, &wake), BOOT_MOUNT);
}

static void test_report(void)
{
	const struct boot_seen seen[] = {
		{ "3600a", 2, "mpatha" },
		{ "3600c", 1, NULL },
	};
	char *failed[] = { "scsi_dh_alua", "nosuchmod" };
	struct boot_cmdline cl;
	char buf[1024], small[20];
	size_t n;

	T_INTEQ(cmdline_parse("root=UUID=1234-5678", &cl), 0);
	n = boot_report(buf, sizeof(buf), &cl, 30, seen, 2, failed, 2);
	T_INTEQ(n, strlen(buf));
	T_STREQ(buf, "mpboot: root=UUID=1234-5678 not found after 30 s\n"
		"mpboot: WWID 3600a: 2 paths, map mpatha\n"
		"mpboot: WWID 3600c: 1 path, no map\n"
		"mpboot: modules that failed to load: scsi_dh_alua "
		"nosuchmod\n");
	/* cut, and still the length it needs */
	T_INTEQ(boot_report(small, sizeof(small), &cl, 30, seen, 2, failed,
			    2), n);
	T_INTEQ(strlen(small), sizeof(small) - 1);
	T_INTEQ(boot_report(NULL, 0, &cl, 30, seen, 2, failed, 2), n);
	cmdline_free(&cl);

	T_INTEQ(cmdline_parse("rd.multipath=0", &cl), 0);
	boot_report(buf, sizeof(buf), &cl, 0, NULL, 0, NULL, 0);
	T_STREQ(buf, "mpboot: no root= on the kernel command line (or one "
		"mpboot cannot read)\n"
		"mpboot: multipath disabled on the command line "
		"(rd.multipath=0 or mpboot=off)\n"
		"mpboot: no SCSI path with a WWID seen\n");
	cmdline_free(&cl);
}

static void test_delete_rules(void)
{
	struct stat root = { .st_dev = 1 }, same = { .st_dev = 1 },
		    other = { .st_dev = 2 };

	T_CHECK(boot_may_delete_root(RAMFS_MAGIC));
	T_CHECK(boot_may_delete_root(TMPFS_MAGIC));
	T_CHECK(!boot_may_delete_root(EXT4_SUPER_MAGIC));
	T_CHECK(!boot_may_delete_root(0));
	T_CHECK(boot_deletes(&root, &same));
	T_CHECK(!boot_deletes(&root, &other));
}

/* A sysfs tree: a map with a partition map over two paths, a plain disk
 * with a partition, and a map whose partN UUID is past any partition. */
static void test_devs_read(void)
{
	static const char *const dirs[] =
		{ "devices/virtual/block/dm-0/dm",
		  "devices/virtual/block/dm-0/holders",
		  "devices/virtual/block/dm-0/slaves",
		  "devices/virtual/block/dm-1/dm",
		  "devices/virtual/block/dm-1/slaves",
		  "devices/virtual/block/dm-2/dm",
		  "devices/virtual/block/dm-2/slaves",
		  "devices/pci/host0/block/sda/sda1",
		  "devices/pci/host0/block/sda/holders",
		  "devices/pci/host1/block/sdb/holders",
		  "devices/pci/host2/block/sdc/sdc1",
		  "devices/pci/host2/block/sdc/holders",
		  "devices/virtual/block/loop0",
		  "class/block" };
	static const char *const links[][2] = {
		{ "../../devices/virtual/block/dm-0", "class/block/dm-0" },
		{ "../../devices/virtual/block/dm-1", "class/block/dm-1" },
		{ "../../devices/virtual/block/dm-2", "class/block/dm-2" },
		{ "../../devices/pci/host0/block/sda", "class/block/sda" },
		{ "../../devices/pci/host0/block/sda/sda1",
		  "class/block/sda1" },
		{ "../../devices/pci/host1/block/sdb", "class/block/sdb" },
		{ "../../devices/pci/host2/block/sdc", "class/block/sdc" },
		{ "../../devices/pci/host2/block/sdc/sdc1",
		  "class/block/sdc1" },
		{ "../../devices/virtual/block/loop0", "class/block/loop0" },
		{ "../../../../../virtual/block/dm-0",
		  "devices/pci/host0/block/sda/holders/dm-0" },
		{ "../../../../../virtual/block/dm-0",
		  "devices/pci/host1/block/sdb/holders/dm-0" },
		{ "../../dm-1", "devices/virtual/block/dm-0/holders/dm-1" },
		{ "../../dm-0", "devices/virtual/block/dm-1/slaves/dm-0" },
		{ "../../dm-0", "devices/virtual/block/dm-2/slaves/dm-0" },
	};
	static const char *const attrs[][2] = {
		{ "devices/virtual/block/dm-0/dev", "253:0\n" },
		{ "devices/virtual/block/dm-0/dm/name", "mpatha\n" },
		{ "devices/virtual/block/dm-0/dm/uuid", "mpath-3600a\n" },
		{ "devices/virtual/block/dm-1/dev", "253:1\n" },
		{ "devices/virtual/block/dm-1/dm/name", "mpatha-part1\n" },
		{ "devices/virtual/block/dm-1/dm/uuid",
		  "part1-mpath-3600a\n" },
		/* fuzz_sysfs: the last digit once went past the limit */
		{ "devices/virtual/block/dm-2/dev", "253:2\n" },
		{ "devices/virtual/block/dm-2/dm/name", "mpatha-p10485759\n" },
		{ "devices/virtual/block/dm-2/dm/uuid",
		  "part10485759-mpath-3600a\n" },
		{ "devices/pci/host0/block/sda/dev", "8:0\n" },
		{ "devices/pci/host0/block/sda/sda1/dev", "8:1\n" },
		{ "devices/pci/host0/block/sda/sda1/partition", "1\n" },
		{ "devices/pci/host1/block/sdb/dev", "8:16\n" },
		{ "devices/pci/host2/block/sdc/dev", "8:32\n" },
		{ "devices/pci/host2/block/sdc/sdc1/dev", "8:33\n" },
		{ "devices/pci/host2/block/sdc/sdc1/partition", "1\n" },
		{ "devices/virtual/block/loop0/dev", "7:0\n" },
	};
	char dir[32], cmd[4096];
	struct boot_devs devs;
	int sysfd = t_tmp_root(dir, "boot");
	size_t i;
	int k;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", dir, dirs[i]);
		T_INTEQ(system(cmd), 0);
	}
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		T_INTEQ(symlinkat(links[i][0], sysfd, links[i][1]), 0);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		t_put(sysfd, attrs[i][0], attrs[i][1], strlen(attrs[i][1]));
	T_INTEQ(boot_devs_read(sysfd, -1, 0, NULL, NULL, NULL, &devs), 0);
	T_INTEQ(devs.n, 8);	/* no loop0 */
	for (i = 0; i < devs.n; i++) {
		const struct boot_dev *d = &devs.v[i];
		const char *parent = d->parent >= 0 ?
				     devs.v[d->parent].name : "-";

		if (!strcmp(d->name, "dm-0")) {
			T_STREQ(d->dm_uuid, "mpath-3600a");
			T_INTEQ(d->held, 0);	/* a map is no path */
			T_INTEQ(d->partno, 0);
			T_INTEQ(d->major * 1000 + d->minor, 253000);
		} else if (!strcmp(d->name, "dm-1")) {
			T_STREQ(d->dm_name, "mpatha-part1");
			T_INTEQ(d->partno, 1);
			T_STREQ(parent, "dm-0");
		} else if (!strcmp(d->name, "dm-2")) {
			T_INTEQ(d->partno, 0);	/* past 1 << 20 */
			T_STREQ(parent, "-");
		} else if (!strcmp(d->name, "sda") ||
			   !strcmp(d->name, "sdb")) {
			T_INTEQ(d->held, 1);
		} else if (!strcmp(d->name, "sda1")) {
			T_STREQ(parent, "sda");
			T_INTEQ(d->partno, 1);
		} else if (!strcmp(d->name, "sdc")) {
			T_INTEQ(d->held, 0);
		} else {
			T_STREQ(d->name, "sdc1");
			T_STREQ(parent, "sdc");
		}
	}
	{
		struct boot_root r = root("/dev/disk/by-id/dm-uuid-part1-mpath-3600a");

		k = boot_root_find(&r, &devs);
		T_CHECK(k >= 0 && !strcmp(devs.v[k].name, "dm-1"));
		cmdline_root_free(&r);
		r = root("/dev/sda1");
		T_INTEQ(boot_root_find(&r, &devs), -1);
		cmdline_root_free(&r);
	}
	boot_devs_free(&devs);
	t_rm_tree(sysfd, dir);
}

static const char *same_lun_wwid(void *ctx, const char *dev)
{
	(void)ctx;
	return !strcmp(dev, "sdd") ? "3X" : "3W";
}

static int only_lun_x(void *ctx, const char *wwid)
{
	(void)ctx;
	return !strcmp(wwid, "3X");
}

static const struct boot_dev *dev_named(const struct boot_devs *devs,
					const char *name)
{
	size_t i;

	for (i = 0; i < devs->n; i++)
		if (!strcmp(devs->v[i].name, name))
			return &devs->v[i];
	T_CHECK(!"device missing");
	return &devs->v[0];
}

/* What libblkid said in an earlier read is reused, the paths of one WWID
 * are asked once, and a new partition has its disk's table read again.
 * The "nodes" are files of zeros: libblkid probes them, finds nothing. */
static void test_devs_known(void)
{
	static const char *const devs_[][3] = {
		{ "sdb", NULL, "8:16" }, { "sdb1", "sdb", "8:17" },
		{ "sdc", NULL, "8:32" }, { "sdc1", "sdc", "8:33" },
		{ "sdd", NULL, "8:48" },
	};
	struct boot_dev old[2] = { { .name = "sdb", .major = 8, .minor = 16,
				     .parent = -1, .probed = 1 },
				   { .name = "sdb1", .major = 8, .minor = 17,
				     .partno = 1, .parent = 0, .probed = 1,
				     .uuid = "U1", .partuuid = "P1" } };
	struct boot_devs known = { .v = old, .n = 2 }, devs;
	char dir[32], rel[160], cmd[300];
	int sysfd = t_tmp_root(dir, "known"), devfd;
	size_t i;

	T_INTEQ(mkdirat(sysfd, "dev", 0755), 0);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/class/block' '%s/devices/"
		 "h/block/sdb/sdb1' '%s/devices/h/block/sdc/sdc1' "
		 "'%s/devices/h/block/sdd'", dir, dir, dir, dir);
	T_INTEQ(system(cmd), 0);
	devfd = openat(sysfd, "dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 0; i < sizeof(devs_) / sizeof(devs_[0]); i++) {
		const char *name = devs_[i][0], *disk = devs_[i][1];
		char path[64];

		if (disk)
			snprintf(path, sizeof(path), "%s/%s", disk, name);
		else
			snprintf(path, sizeof(path), "%s", name);
		snprintf(rel, sizeof(rel), "devices/h/block/%s/dev", path);
		t_put(sysfd, rel, devs_[i][2], strlen(devs_[i][2]));
		if (disk) {
			snprintf(rel, sizeof(rel),
				 "devices/h/block/%s/partition", path);
			t_put(sysfd, rel, "1", 1);
		}
		snprintf(rel, sizeof(rel), "../../devices/h/block/%s", path);
		snprintf(cmd, sizeof(cmd), "class/block/%s", name);
		T_INTEQ(symlinkat(rel, sysfd, cmd), 0);
		snprintf(cmd, sizeof(cmd), "truncate -s 64K '%s/dev/%s'", dir,
			 name);
		T_INTEQ(system(cmd), 0);
	}

	T_INTEQ(boot_devs_read(sysfd, devfd, BOOT_PROBE_ALL, same_lun_wwid,
			       NULL, &known, &devs), 0);
	T_STREQ(dev_named(&devs, "sdb1")->uuid, "U1");
	T_STREQ(dev_named(&devs, "sdb1")->partuuid, "P1");
	T_INTEQ(dev_named(&devs, "sdb")->probed, 1);
	/* sdc shows what sdb shows: not asked, though it may come first */
	T_INTEQ(dev_named(&devs, "sdc")->probed, 0);
	T_INTEQ(dev_named(&devs, "sdc1")->probed, 0);
	T_INTEQ(dev_named(&devs, "sdd")->probed, 1);
	boot_devs_free(&devs);

	/* sdb1 is another device now (another number): sdb's table and
	 * sdb1 are read again, and say nothing */
	old[1].minor = 99;
	T_INTEQ(boot_devs_read(sysfd, devfd, BOOT_PROBE_ALL, same_lun_wwid,
			       NULL, &known, &devs), 0);
	T_STREQ(dev_named(&devs, "sdb1")->uuid, "");
	T_STREQ(dev_named(&devs, "sdb1")->partuuid, "");
	T_INTEQ(dev_named(&devs, "sdb1")->probed, 1);
	boot_devs_free(&devs);

	/* nothing probed when not asked; then the listed LUN alone, then
	 * the others, each device once */
	T_INTEQ(boot_devs_read(sysfd, devfd, BOOT_PROBE_NONE, same_lun_wwid,
			       NULL, NULL, &devs), 0);
	T_INTEQ(dev_named(&devs, "sdd")->probed, 0);
	T_INTEQ(boot_devs_probe(devfd, &devs, BOOT_PROBE_ALL, NULL,
				only_lun_x, NULL), 0);
	T_INTEQ(dev_named(&devs, "sdd")->probed, 1);
	T_INTEQ(dev_named(&devs, "sdb")->probed +
		dev_named(&devs, "sdc")->probed, 0);
	T_INTEQ(boot_devs_probe(devfd, &devs, BOOT_PROBE_ALL, NULL, NULL,
				NULL), 0);
	T_INTEQ(dev_named(&devs, "sdb")->probed +
		dev_named(&devs, "sdc")->probed, 1);
	T_INTEQ(dev_named(&devs, "sdb1")->probed +
		dev_named(&devs, "sdc1")->probed, 1);
	boot_devs_free(&devs);
	close(devfd);
	t_rm_tree(sysfd, dir);
}

static void test_lvm_split(void)
{
	char out[64];

	T_INTEQ(boot_lvm_split("vg-root", out, sizeof(out)), 0);
	T_STREQ(out, "vg/root");
	T_INTEQ(boot_lvm_split("my--vg-lv--1", out, sizeof(out)), 0);
	T_STREQ(out, "my-vg/lv-1");
	/* a layer, no split, a multipath partition map with a layer-like
	 * name, too long */
	T_INTEQ(boot_lvm_split("vg-root-real", out, sizeof(out)), -EINVAL);
	T_INTEQ(boot_lvm_split("mpatha", out, sizeof(out)), -EINVAL);
	T_INTEQ(boot_lvm_split("-vg", out, sizeof(out)), -EINVAL);
	T_INTEQ(boot_lvm_split("vg-", out, sizeof(out)), -EINVAL);
	T_INTEQ(boot_lvm_split("vg-root", out, 7), -EINVAL);
}

/* argv joined by blanks */
static const char *lvm_cmd(const char *cmdline)
{
	static char line[256];
	struct boot_cmdline cl;
	const char *argv[8];
	char buf[64];
	size_t len = 0;
	int i, n;

	T_INTEQ(cmdline_parse(cmdline, &cl), 0);
	n = boot_lvm_argv(&cl, buf, sizeof(buf), argv, 8);
	line[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(line + len, sizeof(line) - len, "%s%s",
				i ? " " : "", argv[i]);
	T_CHECK(n < 0 || argv[n] == NULL);
	cmdline_free(&cl);
	return n < 0 ? "E2BIG" : line;
}

static void test_lvm_argv(void)
{
	T_STREQ(lvm_cmd("root=/dev/mapper/vg-root"),
		"lvm lvchange -ay --sysinit vg/root");
	T_STREQ(lvm_cmd("root=/dev/my-vg/root"),
		"lvm lvchange -ay --sysinit my-vg/root");
	T_STREQ(lvm_cmd("root=/dev/mapper/vg-root rd.lvm.lv=a/b,c/d"),
		"lvm lvchange -ay --sysinit a/b c/d");
	T_STREQ(lvm_cmd("root=/dev/mapper/vg-root rd.lvm.vg=a"),
		"lvm vgchange -ay --sysinit a");
	T_STREQ(lvm_cmd("root=UUID=1234"), "lvm vgchange -aay --sysinit");
	T_STREQ(lvm_cmd("root=/dev/mapper/mpatha"),
		"lvm vgchange -aay --sysinit");
	T_STREQ(lvm_cmd("rd.lvm.vg=a,b,c,d,e"), "E2BIG");
}

static void test_lvm_new_pvs(void)
{
	struct boot_dev v[3] = {
		dev("dm-1", "mpatha-part1", "part1-mpath-3600a", 1, -1),
		dev("dm-2", "mpathb", "mpath-3600b", 0, -1),
		dev("sdc", "", "", 0, -1),
	};
	struct boot_devs devs = { v, 3 };
	struct boot_pvs seen = { 0 };

	snprintf(v[0].fstype, sizeof(v[0].fstype), "LVM2_member");
	snprintf(v[2].fstype, sizeof(v[2].fstype), "ext4");
	T_INTEQ(boot_lvm_new_pvs(&devs, &seen), 1);
	T_INTEQ(boot_lvm_new_pvs(&devs, &seen), 0);
	snprintf(v[2].fstype, sizeof(v[2].fstype), "LVM2_member");
	v[2].major = 8;
	T_INTEQ(boot_lvm_new_pvs(&devs, &seen), 1);
	T_INTEQ(seen.n, 2);
	boot_pvs_free(&seen);
}

/* Root first: sdb and sdc are two paths of LUN 3600a, no map yet, sdb1
 * and sdc1 their partitions with the root's file system; sdd is
 * another LUN's path. */
static void test_root_lun(void)
{
	struct boot_dev v[5] = {
		dev("sdb", "", "", 0, -1), dev("sdb1", "", "", 1, 0),
		dev("sdc", "", "", 0, -1), dev("sdc1", "", "", 1, 2),
		dev("sdd", "", "", 0, -1),
	};
	struct boot_devs devs = { v, 5 };
	struct boot_root r;
	size_t i;

	for (i = 0; i < 4; i++)
		snprintf(v[i].wwid, sizeof(v[i].wwid), "3600a");
	snprintf(v[4].wwid, sizeof(v[4].wwid), "3600b");
	snprintf(v[1].uuid, sizeof(v[1].uuid), "1234");
	snprintf(v[3].uuid, sizeof(v[3].uuid), "1234");
	r = root("UUID=1234");
	T_STREQ(boot_root_lun(&r, &devs), "3600a");
	cmdline_root_free(&r);
	/* the root's LUN has not come yet */
	r = root("UUID=5678");
	T_STREQ(boot_root_lun(&r, &devs), "");
	/* ... unless it may be an LV on sdd */
	snprintf(v[4].fstype, sizeof(v[4].fstype), "LVM2_member");
	T_CHECK(boot_root_lun(&r, &devs) == NULL);
	cmdline_root_free(&r);
	/* names known only once the maps exist */
	r = root("/dev/mapper/mpatha-part1");
	T_CHECK(boot_root_lun(&r, &devs) == NULL);
	cmdline_root_free(&r);
	r = root("/dev/disk/by-id/dm-uuid-part1-mpath-3600a");
	T_CHECK(boot_root_lun(&r, &devs) == NULL);
	cmdline_root_free(&r);
	r = root("/dev/disk/by-id/scsi-3600b");
	T_STREQ(boot_root_lun(&r, &devs), "3600b");
	cmdline_root_free(&r);
}

static void test_root_map_wwid(void)
{
	struct boot_dev d = { .dm_name = "x" };

	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "mpath-3600a");
	T_STREQ(boot_root_map_wwid(&d), "3600a");
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "part1-mpath-3600a");
	T_STREQ(boot_root_map_wwid(&d), "3600a");
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "part12-mpath-3600b");
	T_STREQ(boot_root_map_wwid(&d), "3600b");
	/* an LV, a plain disk, a malformed partition prefix, no WWID */
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "LVM-abcdef");
	T_CHECK(boot_root_map_wwid(&d) == NULL);
	d.dm_uuid[0] = '\0';
	T_CHECK(boot_root_map_wwid(&d) == NULL);
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "partx-mpath-3600a");
	T_CHECK(boot_root_map_wwid(&d) == NULL);
	snprintf(d.dm_uuid, sizeof(d.dm_uuid), "mpath-");
	T_CHECK(boot_root_map_wwid(&d) == NULL);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_modlist);
	T_RUN(test_root_find);
	T_RUN(test_decide);
	T_RUN(test_report);
	T_RUN(test_delete_rules);
	T_RUN(test_devs_read);
	T_RUN(test_devs_known);
	T_RUN(test_lvm_split);
	T_RUN(test_root_lun);
	T_RUN(test_root_map_wwid);
	T_RUN(test_lvm_argv);
	T_RUN(test_lvm_new_pvs);
	return t_done();
}
