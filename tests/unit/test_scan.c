/* The scanner against sysfs trees: every tests/unit/fixtures/sysfs/<name>/
 * with an expected-wwids file (hand-made ones and trees captured from QEMU
 * guests), details of the hand-made ones, symlink resolution, and a
 * generated tree of 1024 paths for cost and order. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "log.h"
#include "scan/scan.h"
#include "scan/sysfs.h"
#include "util/fs.h"

#define FIXTURES "tests/unit/fixtures/sysfs"

static void test_resolve(void)
{
	char out[64];

	T_INTEQ(sysfs_resolve(out, sizeof(out), "block",
			      "../devices/pci0/host2/2:0:0:1/block/sdb"), 0);
	T_STREQ(out, "devices/pci0/host2/2:0:0:1/block/sdb");
	T_INTEQ(sysfs_resolve(out, sizeof(out), "devices/a/2:0:0:1/block/sdb",
			      "../../../2:0:0:1"), 0);
	T_STREQ(out, "devices/a/2:0:0:1");
	T_INTEQ(sysfs_resolve(out, sizeof(out), "a", ".//b/./c/"), 0);
	T_STREQ(out, "a/b/c");
	T_INTEQ(sysfs_resolve(out, sizeof(out), "a", "../.."), -EXDEV);
	T_INTEQ(sysfs_resolve(out, sizeof(out), "a", "/sys/devices"), -EXDEV);
	T_INTEQ(sysfs_resolve(out, 8, "a", "bcdefghij"), -ENAMETOOLONG);
}

static void test_protocol_and_usable(void)
{
	struct path p;

	memset(&p, 0, sizeof(p));
	T_STREQ(path_protocol(&p), "scsi:unspec");
	p.transport = TRANSPORT_ISCSI;
	T_STREQ(path_protocol(&p), "scsi:iscsi");
	p.transport = TRANSPORT_FC;
	T_STREQ(path_protocol(&p), "scsi:fcp");
	p.transport = TRANSPORT_SAS;
	T_STREQ(path_protocol(&p), "scsi:sas");
	strcpy(p.state, "running");
	T_INTEQ(path_usable(&p), 1);
	strcpy(p.state, "blocked");
	T_INTEQ(path_usable(&p), 1);
	strcpy(p.state, "offline");
	T_INTEQ(path_usable(&p), 0);
	strcpy(p.state, "transport-offline");
	T_INTEQ(path_usable(&p), 0);
	strcpy(p.state, "deleted");
	T_INTEQ(path_usable(&p), 0);
}

/* An empty device root: no node to send SG_IO to. */
static char empty_dev[] = "/tmp/mpboot-dev-XXXXXX";

static int scan_fixture(const char *name, struct path_list *l)
{
	char dir[512];
	int sysfd, devfd, rc;

	snprintf(dir, sizeof(dir), FIXTURES "/%s/sys", name);
	sysfd = fs_open_root(dir);
	devfd = fs_open_root(empty_dev);
	if (sysfd < 0 || devfd < 0) {
		printf("  %s: cannot open %s or %s\n", name, dir, empty_dev);
		return -1;
	}
	rc = scan_paths(sysfd, devfd, l);
	close(sysfd);
	close(devfd);
	return rc;
}

static const struct path *find(const struct path_list *l, const char *dev)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].dev, dev))
			return &l->v[i];
	return NULL;
}

/* expected-wwids holds udev's ID_SERIAL as scsi_id printed it ("-" when
 * it printed none, or for a hand-made tree when mpboot must skip the disk).
 * mpboot's WWID is that, cut at 127 characters as multipath-tools does. */
static void expected_wwid(const char *id_serial, char *out, size_t size)
{
	if (!strcmp(id_serial, "-"))
		id_serial = "";
	snprintf(out, size < 128 ? size : 128, "%s", id_serial);
}

static int is_disk(const char *name)
{
	if (strncmp(name, "sd", 2) || !name[2])
		return 0;
	for (name += 2; *name; name++)
		if (*name < 'a' || *name > 'z')
			return 0;
	return 1;
}

/* Every expected line holds; every path found is expected. Returns 0 when
 * name has no expected-wwids (not a fixture). */
static int check_fixture(const char *name)
{
	char file[512], line[600], want[300];
	struct path_list l;
	size_t found = 0, lineno = 0, lines = 0;
	FILE *f;

	snprintf(file, sizeof(file), FIXTURES "/%s/expected-wwids", name);
	f = fopen(file, "r");
	if (!f)
		return 0;
	if (scan_fixture(name, &l)) {
		printf("  %s: scan failed\n", name);
		t_failed_checks++;
		fclose(f);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *sp, *nl = strchr(line, '\n');
		const struct path *p;

		lineno++;
		if (nl)
			*nl = '\0';
		sp = strchr(line, ' ');
		if (!sp) {
			if (line[0]) {
				printf("  %s:%zu: no \"sdX WWID\"\n", file, lineno);
				t_failed_checks++;
			}
			continue;
		}
		*sp = '\0';
		if (!is_disk(line)) {
			printf("  %s:%zu: \"%s\" is not a disk name (failed capture?)\n",
			       file, lineno, line);
			t_failed_checks++;
			continue;
		}
		lines++;
		expected_wwid(sp + 1, want, sizeof(want));
		p = find(&l, line);
		if (p)
			found++;
		if (!want[0] && p) {
			printf("  %s:%zu: %s should be skipped, got WWID %s\n",
			       file, lineno, line, p->wwid);
			t_failed_checks++;
		} else if (want[0] && (!p || strcmp(p->wwid, want))) {
			printf("  %s:%zu: %s: got %s, expected %s\n", file,
			       lineno, line, p ? p->wwid : "(skipped)", want);
			t_failed_checks++;
		}
	}
	fclose(f);
	if (!lines) {
		printf("  %s: no disk listed\n", file);
		t_failed_checks++;
	}
	if (found != l.n) {
		printf("  %s: %zu paths found, %zu of them in expected-wwids\n",
		       name, l.n, found);
		t_failed_checks++;
	}
	path_list_free(&l);
	return 1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_every_fixture(void)
{
	DIR *d = opendir(FIXTURES);
	struct dirent *de;
	char *names[256];
	size_t n = 0, i;
	int fixtures = 0;

	T_CHECK(d != NULL);
	if (!d)
		return;
	while ((de = readdir(d)) && n < 256)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		int before = t_failed_checks;

		if (check_fixture(names[i])) {
			fixtures++;
			if (t_failed_checks == before)
				printf("  fixture %s ok\n", names[i]);
		}
		free(names[i]);
	}
	T_CHECK(fixtures >= 6);
}

static void test_virtio_details(void)
{
	struct path_list l;
	const struct path *p;

	T_INTEQ(scan_fixture("hand-virtio", &l), 0);
	T_INTEQ(l.n, 2);
	if (l.n != 2)
		return;
	p = &l.v[0];
	T_STREQ(p->dev, "sda");
	T_INTEQ(p->major, 8);
	T_INTEQ(p->minor, 0);
	T_INTEQ(p->host, 2);
	T_INTEQ(p->lun, 1);
	T_STREQ(p->vendor, "QEMU");
	T_STREQ(p->model, "QEMU HARDDISK");
	T_STREQ(p->rev, "2.5+");
	T_STREQ(p->state, "running");
	T_STREQ(p->serial, "lun1");
	T_INTEQ(p->size, 2097152);
	T_INTEQ(p->logical_block_size, 512);
	T_INTEQ(p->transport, TRANSPORT_OTHER);
	T_INTEQ(p->preferred, -1);
	T_INTEQ(p->tpg, -1);
	T_STREQ(p->dh_state, "");
	T_STREQ(l.v[1].dev, "sdb");
	T_INTEQ(l.v[1].host, 3);
	path_list_free(&l);
}

static void test_iscsi_details(void)
{
	struct path_list l;
	const struct path *p;

	T_INTEQ(scan_fixture("hand-iscsi", &l), 0);
	T_INTEQ(l.n, 2);
	p = find(&l, "sdd");
	T_CHECK(p != NULL);
	if (!p)
		return;
	T_INTEQ(p->transport, TRANSPORT_ISCSI);
	T_STREQ(p->iscsi.targetname,
		"iqn.2003-01.org.linux-iscsi.target.x8664:sn.0123456789ab");
	T_INTEQ(p->iscsi.tpgt, 2);
	T_INTEQ(p->iscsi.session, 2);
	T_STREQ(p->iscsi.session_state, "LOGGED_IN");
	T_STREQ(p->iscsi.address, "192.168.20.1");
	T_INTEQ(p->iscsi.port, 3260);
	T_INTEQ(p->tpg, 2);
	T_INTEQ(p->rel_port, 2);
	T_STREQ(p->dh_state, "alua");
	T_STREQ(p->access_state, "active/non-optimized");
	T_INTEQ(p->preferred, 0);
	T_STREQ(p->serial, "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90");
	T_STREQ(path_protocol(p), "scsi:iscsi");
	path_list_free(&l);
}

static void test_fc_and_sas_details(void)
{
	struct path_list l;
	const struct path *p;

	T_INTEQ(scan_fixture("hand-fc", &l), 0);
	p = find(&l, "sde");
	T_CHECK(p != NULL);
	if (p) {
		T_INTEQ(p->transport, TRANSPORT_FC);
		T_STREQ(p->fc.node_name, "0x500507680b00ac00");
		T_STREQ(p->fc.port_name, "0x500507680b21ac01");
		T_STREQ(p->fc.port_state, "Online");
		T_INTEQ(p->preferred, 1);
		T_INTEQ(p->tpg, 0);
		T_INTEQ(p->rel_port, 1);
		T_INTEQ(p->lun, 3);
	}
	path_list_free(&l);
	T_INTEQ(scan_fixture("hand-sas", &l), 0);
	p = find(&l, "sdh");
	T_CHECK(p != NULL);
	if (p) {
		T_INTEQ(p->transport, TRANSPORT_SAS);
		T_STREQ(p->sas.address, "0x5000c500a1b2c3d6");
		T_STREQ(p->serial, "ZC1234AB");
		T_INTEQ(p->target, 1);
	}
	path_list_free(&l);
}

/* A device node that is no SCSI device: SG_IO is refused, the disk
 * without vpd_pg83 stays skipped and the others are unaffected. */
static void test_sgio_fallback_refused(void)
{
	char dev[] = "/tmp/mpboot-dev-XXXXXX";
	struct path_list l;
	int sysfd, devfd, fd;

	T_CHECK(mkdtemp(dev) != NULL);
	devfd = fs_open_root(dev);
	fd = openat(devfd, "sdj", O_WRONLY | O_CREAT, 0644);
	T_CHECK(fd >= 0);
	close(fd);
	sysfd = fs_open_root(FIXTURES "/hand-nowwid/sys");
	T_INTEQ(scan_paths(sysfd, devfd, &l), 0);
	T_INTEQ(l.n, 1);
	T_CHECK(find(&l, "sdj") == NULL);
	path_list_free(&l);
	T_INTEQ(scan_paths(sysfd, -1, &l), 0);
	T_INTEQ(l.n, 1);
	path_list_free(&l);
	close(sysfd);
	unlinkat(devfd, "sdj", 0);
	close(devfd);
	rmdir(dev);
}

static void test_missing_sysfs_root(void)
{
	struct path_list l;
	int fd = fs_open_root(empty_dev);

	T_INTEQ(scan_paths(fd, fd, &l), -ENOENT);
	T_INTEQ(l.n, 0);
	T_CHECK(l.v == NULL);
	close(fd);
}

/* Generated tree: 1024 disks over 4 hosts, created in device-name order
 * sda, sdb, ... with host = i % 4, so name order is not H:C:T:L order. */
static int mkdirs(int root, const char *rel)
{
	char p[SYSFS_PATH_MAX], *s;

	snprintf(p, sizeof(p), "%s", rel);
	for (s = strchr(p, '/'); ; s = strchr(s + 1, '/')) {
		if (s)
			*s = '\0';
		if (mkdirat(root, p, 0755) && errno != EEXIST)
			return -errno;
		if (!s)
			return 0;
		*s = '/';
	}
}

static void put(int root, const char *dir, const char *name, const void *data,
		size_t len)
{
	char p[SYSFS_PATH_MAX];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = openat(root, p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		t_failed_checks++;
	if (fd >= 0)
		close(fd);
}

static void disk_name(unsigned i, char *out)
{
	char rev[8];
	int n = 0, k;

	for (i++; i; i = (i - 1) / 26)
		rev[n++] = (char)('a' + (i - 1) % 26);
	out[0] = 's';
	out[1] = 'd';
	for (k = 0; k < n; k++)
		out[2 + k] = rev[n - 1 - k];
	out[2 + n] = '\0';
}

static int rm_entry(const char *p, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(p);
}

static void test_1024_paths(void)
{
	char top[] = "/tmp/mpboot-scan-XXXXXX";
	struct timespec t0, t1;
	struct path_list l;
	int root, i, ok = 1;
	double ms;

	T_CHECK(mkdtemp(top) != NULL);
	root = fs_open_root(top);
	T_CHECK(mkdirat(root, "block", 0755) == 0);
	for (i = 0; i < 1024; i++) {
		unsigned char pg[] = { 0, 0x83, 0, 12, 1, 3, 0, 8,
				       0x50, 0, 0xc5, 0, 0, 0, 0, 0 };
		char name[8], scsi[256], blk[300], target[320], link[64], buf[64];
		int host = i % 4, tgt = i / 4;

		disk_name((unsigned)i, name);
		snprintf(scsi, sizeof(scsi), "devices/pci0000:00/virtio%d/host%d/target%d:0:%d/%d:0:%d:0",
			 host, host, host, tgt, host, tgt);
		snprintf(blk, sizeof(blk), "%s/block/%s", scsi, name);
		T_INTEQ(mkdirs(root, blk), 0);
		snprintf(target, sizeof(target), "../%s", blk);
		snprintf(link, sizeof(link), "block/%s", name);
		T_INTEQ(symlinkat(target, root, link), 0);
		snprintf(target, sizeof(target), "%s/device", blk);
		snprintf(buf, sizeof(buf), "../../../%d:0:%d:0", host, tgt);
		T_INTEQ(symlinkat(buf, root, target), 0);
		snprintf(buf, sizeof(buf), "%d:%d\n", 8 + i / 16, (i % 16) * 16);
		put(root, blk, "dev", buf, strlen(buf));
		put(root, scsi, "state", "running\n", 8);
		pg[14] = (unsigned char)(tgt >> 8);
		pg[15] = (unsigned char)tgt;
		put(root, scsi, "vpd_pg83", pg, sizeof(pg));
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	T_INTEQ(scan_paths(root, root, &l), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	     (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("  1024 paths scanned in %.1f ms\n", ms);
	T_INTEQ(l.n, 1024);
	for (i = 1; i < (int)l.n; i++) {
		const struct path *a = &l.v[i - 1], *b = &l.v[i];

		if (a->host > b->host ||
		    (a->host == b->host && a->target >= b->target))
			ok = 0;
	}
	T_CHECK(ok);
	if (l.n == 1024) {
		T_STREQ(l.v[0].dev, "sda");
		T_STREQ(l.v[1].dev, "sde");
		T_STREQ(l.v[1023].dev, "sdamj");
		T_STREQ(l.v[1023].wwid, "35000c500000000ff");
	}
	path_list_free(&l);
	close(root);
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
	log_verbosity = 0;
	if (!mkdtemp(empty_dev)) {
		perror("mkdtemp");
		return 1;
	}
	T_RUN(test_resolve);
	T_RUN(test_protocol_and_usable);
	T_RUN(test_every_fixture);
	T_RUN(test_virtio_details);
	T_RUN(test_iscsi_details);
	T_RUN(test_fc_and_sas_details);
	T_RUN(test_sgio_fallback_refused);
	T_RUN(test_missing_sysfs_root);
	T_RUN(test_1024_paths);
	rmdir(empty_dev);
	return t_done();
}
