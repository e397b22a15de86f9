/* The filter line checked the way LVM reads it: patterns compiled by
 * libdevmapper's dm_regex (LVM's own engine) and LVM's rule for a device
 * with several names: the first pattern matching a name decides for that
 * name; any name accepted accepts the device; a device is rejected only
 * when some name was rejected and none accepted. */
#include <libdevmapper.h>
#include <stdlib.h>

#include "t.h"
#include "log.h"
#include "lvm/lvm.h"

#define MAX_PATTERNS 32

struct filter {
	struct dm_pool *mem;
	struct dm_regex *rx;
	int accept[MAX_PATTERNS];
	unsigned n;
};

/* Compile the "a|...|" / "r|...|" strings of a global_filter line. Our
 * lines hold no escaped quotes, so a plain scan finds the strings. */
static int filter_compile(struct filter *f, const char *line)
{
	const char *regex[MAX_PATTERNS];
	char *copy = strdup(line), *s = copy, *end;
	unsigned i;

	f->mem = dm_pool_create("test", 1024);
	f->n = 0;
	while (copy && f->mem && (s = strchr(s, '"')) && f->n < MAX_PATTERNS) {
		end = strchr(s + 1, '"');
		if (!end || end - s < 4)
			break;
		*end = '\0';
		f->accept[f->n] = s[1] == 'a';
		end[-1] = '\0';		/* the closing separator */
		regex[f->n++] = s + 3;
		s = end + 1;
	}
	/* dm_regex_match reports the highest index that matches; LVM lists
	 * the patterns back to front so that the first one wins. */
	for (i = 0; i < f->n / 2; i++) {
		const char *t = regex[i];

		regex[i] = regex[f->n - 1 - i];
		regex[f->n - 1 - i] = t;
	}
	f->rx = f->n ? dm_regex_create(f->mem, regex, f->n) : NULL;
	free(copy);
	return f->rx ? 0 : -1;
}

/* Index in the line of the first pattern matching name, or -1. */
static int filter_first_match(const struct filter *f, const char *name)
{
	int m = dm_regex_match(f->rx, name);

	return m < 0 ? -1 : (int)f->n - 1 - m;
}

static int filter_accepts(const struct filter *f, const char *const *names)
{
	int rejected = 0, m;

	for (; *names; names++) {
		m = filter_first_match(f, *names);
		if (m >= 0 && f->accept[m])
			return 1;
		if (m >= 0)
			rejected = 1;
	}
	return !rejected;
}

static const char *const a_parts[] = { "mpatha1", "mpatha2" };
static const char *const a_members[] = { "sdb", "sdd" };
static const char *const c_members[] = { "cciss!c0d0", "nvme0n1" };
static const struct lvm_map maps[] = {
	{ .name = "mpatha", .parts = a_parts, .n_parts = 2,
	  .members = a_members, .n_members = 2 },
	{ .name = "db.data+1", .members = c_members, .n_members = 2 },
};

struct device_case {
	const char *names[5];	/* NULL-terminated */
	int accepted;
};

static const struct device_case devices[] = {
	{ { "/dev/dm-3", "/dev/mapper/mpatha",
	    "/dev/disk/by-id/dm-uuid-mpath-36001405aaaa" }, 1 },
	{ { "/dev/dm-4", "/dev/mapper/mpatha1" }, 1 },
	{ { "/dev/mapper/db.data+1", "/dev/dm-5" }, 1 },
	/* member paths, whatever other names udev gave them */
	{ { "/dev/sdb", "/dev/disk/by-id/scsi-36001405aaaa",
	    "/dev/disk/by-path/pci-0000:00:05.0-scsi-0:0:0:1",
	    "/dev/block/8:16" }, 0 },
	{ { "/dev/disk/by-id/wwn-0x6001405aaaa-part1", "/dev/sdb1" }, 0 },
	{ { "/dev/sdd12" }, 0 },
	{ { "/dev/cciss/c0d0" }, 0 },
	{ { "/dev/cciss/c0d0p2" }, 0 },
	{ { "/dev/nvme0n1", "/dev/disk/by-id/nvme-eui.0001" }, 0 },
	{ { "/dev/nvme0n1p3" }, 0 },
	/* everything else stays visible: local disks, similar names */
	{ { "/dev/sda", "/dev/disk/by-id/ata-QEMU_HARDDISK_QM00001" }, 1 },
	{ { "/dev/sda2" }, 1 },
	{ { "/dev/sdba" }, 1 },
	{ { "/dev/sdb1a" }, 1 },
	{ { "/dev/nvme0n10" }, 1 },
	{ { "/dev/mapper/vg0-root", "/dev/dm-0" }, 1 },
};

static void test_filter_under_lvm_rules(void)
{
	struct filter f;
	char *line;
	size_t i;

	T_INTEQ(lvm_filter_format(maps, 2, &line), 0);
	T_INTEQ(filter_compile(&f, line), 0);
	T_INTEQ(f.n, 8);
	for (i = 0; f.rx && i < sizeof(devices) / sizeof(devices[0]); i++) {
		if (filter_accepts(&f, devices[i].names) != devices[i].accepted)
			printf("  device %s\n", devices[i].names[0]);
		T_INTEQ(filter_accepts(&f, devices[i].names),
			devices[i].accepted);
	}
	dm_pool_destroy(f.mem);
	free(line);
}

/* '.' and '+' in a map name are literal, not "any" and "repeat". */
static void test_filter_escapes_hold(void)
{
	struct filter f;
	char *line;

	T_INTEQ(lvm_filter_format(&maps[1], 1, &line), 0);
	T_INTEQ(filter_compile(&f, line), 0);
	T_INTEQ(filter_first_match(&f, "/dev/mapper/db.data+1"), 0);
	T_INTEQ(filter_first_match(&f, "/dev/mapper/dbXdata+1"), -1);
	T_INTEQ(filter_first_match(&f, "/dev/mapper/db.dataa1"), -1);
	T_INTEQ(filter_first_match(&f, "/dev/mapper/db.data+1x"), -1);
	dm_pool_destroy(f.mem);
	free(line);
}

/* Why the line has no catch-all: with "a|.*|" at the end, a member path
 * comes back through any name the reject does not cover. */
static void test_accept_all_would_readmit_members(void)
{
	static const char *const sdb[] = { "/dev/sdb",
		"/dev/disk/by-id/scsi-36001405aaaa", NULL };
	struct filter f;
	char *line, *with_all;

	T_INTEQ(lvm_filter_format(maps, 1, &line), 0);
	with_all = malloc(strlen(line) + 16);
	strcpy(with_all, line);
	strcpy(with_all + strlen(with_all) - 2, ", \"a|.*|\" ]");
	T_INTEQ(filter_compile(&f, with_all), 0);
	T_INTEQ(filter_accepts(&f, sdb), 1);
	dm_pool_destroy(f.mem);
	T_INTEQ(filter_compile(&f, line), 0);
	T_INTEQ(filter_accepts(&f, sdb), 0);
	dm_pool_destroy(f.mem);
	free(with_all);
	free(line);
}

int main(void)
{
	log_verbosity = 0;
	T_RUN(test_filter_under_lvm_rules);
	T_RUN(test_filter_escapes_hold);
	T_RUN(test_accept_all_would_readmit_members);
	return t_done();
}
