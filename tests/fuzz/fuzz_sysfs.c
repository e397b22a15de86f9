/* What the scanner and the boot code read from sysfs, on arbitrary
 * attribute contents and symlink targets: a sysfs tree in a scratch
 * folder (tmpfs when there is one) with an iSCSI disk sda, an FC disk
 * sdb, a SAS disk sdc, a disk sdd whose block and device links are the
 * input's, a partition sda1 and a dm device dm-0 on sda. The input is a
 * list of fields, each two bytes of length (little-endian) and the
 * bytes, written in the order of `fields` into every file the field
 * names; a field the input does not reach is removed. scan_paths must
 * account for every disk, found or skipped, return the found ones sorted,
 * with their transport and a WWID udev would take; boot_devs_read must
 * link each partition to a whole device.
 * FUZZ_OPTIONS: -max_len=2048 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot/boot.h"
#include "log.h"
#include "scan/scan.h"
#include "scan/sysfs.h"
#include "scan/tmo.h"
#include "scan/transport.h"
#include "scan/vpd.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ISCSI "devices/platform/host1/session3"
#define FC "devices/pci0000:00/host2/rport-2:0-1"
#define SAS "devices/pci0000:00/host3/port-3:0/end_device-3:0"
#define SDA ISCSI "/target1:0:0/1:0:0:1"
#define SDB FC "/target2:0:0/2:0:0:3"
#define SDC SAS "/target3:0:0/3:0:0:0"
#define SDD "devices/virtual/block/sdd"
#define DM0 "devices/virtual/block/dm-0"
#define SDA1 SDA "/block/sda/sda1"

/* Each field: the files it is written to (relative to the root), or a
 * symlink (the field is its target, cut at the first NUL). */
static const struct field {
	const char *files[3];
	int link;
} fields[] = {
	{ .files = { SDA "/block/sda/dev", SDB "/block/sdb/dev", SDC "/block/sdc/dev" } },
	{ .files = { SDA "/block/sda/size", SDB "/block/sdb/size", SDD "/size" } },
	{ .files = { SDA "/block/sda/queue/logical_block_size",
	    SDC "/block/sdc/queue/logical_block_size" } },
	{ .files = { SDA "/vendor", SDB "/vendor", SDC "/vendor" } },
	{ .files = { SDA "/model", SDB "/model", SDC "/model" } },
	{ .files = { SDA "/rev", SDB "/rev" } },
	{ .files = { SDA "/state", SDB "/state", SDC "/state" } },
	{ .files = { SDA "/dh_state", SDB "/dh_state" } },
	{ .files = { SDA "/access_state", SDB "/access_state" } },
	{ .files = { SDA "/preferred_path", SDB "/preferred_path" } },
	{ .files = { SDA "/vpd_pg83", SDB "/vpd_pg83", SDC "/vpd_pg83" } },
	{ .files = { SDA "/vpd_pg80", SDB "/vpd_pg80", SDC "/vpd_pg80" } },
	{ .files = { ISCSI "/iscsi_session/session3/targetname" } },
	{ .files = { ISCSI "/iscsi_session/session3/tpgt" } },
	{ .files = { ISCSI "/iscsi_session/session3/state" } },
	{ .files = { ISCSI "/connection3:0/iscsi_connection/connection3:0/persistent_address" } },
	{ .files = { ISCSI "/connection3:0/iscsi_connection/connection3:0/persistent_port" } },
	{ .files = { FC "/fc_remote_ports/rport-2:0-1/node_name" } },
	{ .files = { FC "/fc_remote_ports/rport-2:0-1/port_name" } },
	{ .files = { FC "/fc_remote_ports/rport-2:0-1/port_state" } },
	{ .files = { SAS "/sas_device/end_device-3:0/sas_address" } },
	{ .files = { "block/sdd" }, .link = 1 },
	{ .files = { SDD "/device" }, .link = 1 },
	{ .files = { SDD "/dev", DM0 "/dev" } },
	{ .files = { DM0 "/dm/name" } },
	{ .files = { DM0 "/dm/uuid" } },
	{ .files = { SDA1 "/partition" } },
	{ .files = { SDA1 "/dev" } },
};
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

/* The fixed part: directories and the links the kernel makes. */
static const char *const dirs[] = {
	SDA "/block/sda/queue", SDB "/block/sdb/queue", SDC "/block/sdc/queue",
	SDA1, SDD, DM0 "/dm", DM0 "/slaves", SDA "/block/sda/holders",
	ISCSI "/iscsi_session/session3",
	ISCSI "/connection3:0/iscsi_connection/connection3:0",
	FC "/fc_remote_ports/rport-2:0-1",
	SAS "/sas_device/end_device-3:0", "block", "class/block",
};
static const char *const links[][2] = {
	{ "block/sda", "../" SDA "/block/sda" },
	{ "block/sdb", "../" SDB "/block/sdb" },
	{ "block/sdc", "../" SDC "/block/sdc" },
	{ SDA "/block/sda/device", "../../../1:0:0:1" },
	{ SDB "/block/sdb/device", "../../../2:0:0:3" },
	{ SDC "/block/sdc/device", "../../../3:0:0:0" },
	{ "class/block/sda", "../../" SDA "/block/sda" },
	{ "class/block/sdb", "../../" SDB "/block/sdb" },
	{ "class/block/sdc", "../../" SDC "/block/sdc" },
	{ "class/block/sdd", "../../" SDD },
	{ "class/block/sda1", "../../" SDA1 },
	{ "class/block/dm-0", "../../" DM0 },
	{ DM0 "/slaves/sda", "../../../../../" SDA "/block/sda" },
	{ SDA "/block/sda/holders/dm-0", "../../../../../../../../" DM0 },
};

static int rootfd = -1;

static void check(int ok)
{
	if (!ok)
		abort();
}

static void mkdirs(const char *path)
{
	char p[512], *s;

	snprintf(p, sizeof(p), "%s", path);
	for (s = p; (s = strchr(s + 1, '/')); ) {
		*s = '\0';
		check(!mkdirat(rootfd, p, 0755) || errno == EEXIST);
		*s = '/';
	}
	check(!mkdirat(rootfd, p, 0755) || errno == EEXIST);
}

static void setup(void)
{
	size_t i;

	rootfd = fuzz_scratch_open("sysfs");
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdirs(dirs[i]);
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		check(!symlinkat(links[i][1], rootfd, links[i][0]));
	log_verbosity = 0;
}

/* What each field holds in the tree now: a field the last input wrote
 * the same is left alone, as the checks only read the tree (a file costs
 * four system calls to write, and most inputs differ from the one before
 * in a field or two). */
static struct {
	uint8_t v[2048];
	size_t len;
	int there;
} now[N_FIELDS];

static void put(size_t n, const uint8_t *v, size_t len)
{
	const struct field *f = &fields[n];
	char target[SYSFS_PATH_MAX];
	size_t i;
	int fd;

	if (now[n].there == !!v && (!v || (now[n].len == len &&
					   !memcmp(now[n].v, v, len))))
		return;
	check(len <= sizeof(now[n].v));
	now[n].there = !!v;
	now[n].len = len;
	if (v)
		memcpy(now[n].v, v, len);
	for (i = 0; i < 3 && f->files[i]; i++) {
		unlinkat(rootfd, f->files[i], 0);
		if (!v)
			continue;
		if (f->link) {
			len = strnlen((const char *)v, len);
			memcpy(target, v, len);
			target[len] = '\0';
			if (len)
				check(!symlinkat(target, rootfd, f->files[i]));
			continue;
		}
		fd = openat(rootfd, f->files[i], O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0644);
		check(fd >= 0 && write(fd, v, len) == (ssize_t)len);
		close(fd);
	}
}

static int hctl_cmp(const struct path *x, const struct path *y)
{
	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if (x->channel != y->channel)
		return x->channel < y->channel ? -1 : 1;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return x->lun < y->lun ? -1 : x->lun > y->lun;
}

static void check_wwid(const char *w)
{
	check(w[0] && strlen(w) < VPD_WWID_SIZE);
	for (; *w; w++)
		check(strchr("#+-.:=@_\\", *w) || (*w >= '0' && *w <= '9') ||
		      (*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
		      ((unsigned char)*w & 0x80));
}

static void check_scan(void)
{
	static const struct tmo_settings tmo = { .fast_io_fail = 5,
		.dev_loss = 600, .eh_deadline = 10, .no_path_retry = 12,
		.checkint = 5 };
	struct path_list l;
	struct tmo_dirs d;
	struct tmo_plan plan;
	size_t i;

	check(!scan_paths(rootfd, -1, &l));
	/* sdd is there when its block link is */
	check(l.n + l.n_skipped ==
	      3 + !faccessat(rootfd, "block/sdd", F_OK, AT_SYMLINK_NOFOLLOW));
	for (i = 0; i < l.n; i++) {
		const struct path *p = &l.v[i];

		check(i == 0 || hctl_cmp(&l.v[i - 1], p) <= 0);
		check_wwid(p->wwid);
		check(p->dev[0] == 's' && p->dev[1] == 'd' && !p->dev[3]);
		if (p->dev[2] == 'a')
			check(p->transport == TRANSPORT_ISCSI);
		if (p->dev[2] == 'b')
			check(p->transport == TRANSPORT_FC);
		if (p->dev[2] == 'c')
			check(p->transport == TRANSPORT_SAS);
		check(p->tpg >= -1 && p->tpg <= 0xffff);
		check(p->preferred >= -1 && p->preferred <= 1);
	}
	for (i = 0; i < l.n; i++) {
		char scsidir[SYSFS_PATH_MAX], blockdir[SYSFS_PATH_MAX];

		if (sysfs_read_link(rootfd, "block", l.v[i].dev, blockdir,
				    sizeof(blockdir)) ||
		    sysfs_read_link(rootfd, blockdir, "device", scsidir,
				    sizeof(scsidir)) ||
		    transport_find_dirs(scsidir, &d))
			continue;
		tmo_plan(&tmo, &d, 600, &plan);
		check(plan.n <= sizeof(plan.w) / sizeof(plan.w[0]));
	}
	path_list_free(&l);
}

static void check_boot(void)
{
	struct boot_devs b;
	size_t i;

	check(!boot_devs_read(rootfd, -1, 0, NULL, NULL, NULL, &b));
	check(b.n <= 6);
	for (i = 0; i < b.n; i++) {
		const struct boot_dev *d = &b.v[i];

		check(d->partno >= 0 && d->partno <= 1 << 20);
		check(d->partno ? d->parent >= 0 && (size_t)d->parent < b.n &&
				  (size_t)d->parent != i
				: d->parent == -1);
		check(strlen(d->dm_name) < sizeof(d->dm_name) &&
		      strlen(d->dm_uuid) < sizeof(d->dm_uuid));
	}
	boot_devs_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, len;

	if (rootfd < 0)
		setup();
	for (i = 0; i < N_FIELDS; i++) {
		if (size < 2) {
			put(i, NULL, 0);
			continue;
		}
		len = data[0] | (size_t)data[1] << 8;
		if (len > size - 2)
			len = size - 2;
		put(i, data + 2, len);
		data += 2 + len;
		size -= 2 + len;
	}
	check_scan();
	check_boot();
	return 0;
}
