#include "scan/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "scan/sgio.h"
#include "scan/sysfs.h"
#include "scan/transport.h"
#include "scan/vpd.h"
#include "util/fs.h"
#include "util/str.h"

/* One block device being looked at. */
struct probe {
	int sysfd, devfd;
	int node_fd;			/* device node, -1 until needed */
	unsigned char *page;		/* VPD_PAGE_MAX bytes */
	const char *name;		/* "sdb" */
	char blockdir[SYSFS_PATH_MAX];	/* devices/.../block/sdb */
	char scsidir[SYSFS_PATH_MAX];	/* devices/.../2:0:0:1 */
};

/* sd + lowercase letters: whole disks only (partitions are not in
 * <sysfs>/block anyway). */
static int is_disk_name(const char *name)
{
	const char *c;

	if (strncmp(name, "sd", 2) || !name[2])
		return 0;
	for (c = name + 2; *c; c++)
		if (*c < 'a' || *c > 'z')
			return 0;
	return 1;
}

static int parse_devt(const char *s, struct path *p)
{
	char maj[16];
	const char *colon = strchr(s, ':');
	unsigned long long a, b;

	if (!colon || (size_t)(colon - s) >= sizeof(maj))
		return -EINVAL;
	memcpy(maj, s, (size_t)(colon - s));
	maj[colon - s] = '\0';
	if (sysfs_parse_ull(maj, 0xfff, &a) ||
	    sysfs_parse_ull(colon + 1, 0xfffff, &b))
		return -EINVAL;
	p->major = (unsigned)a;
	p->minor = (unsigned)b;
	return 0;
}

/* "H:C:T:L", the SCSI device directory's name. */
static int parse_hctl(const char *s, struct path *p)
{
	unsigned long long v[4];
	char field[24];
	int i;

	for (i = 0; i < 4; i++) {
		const char *e = i < 3 ? strchr(s, ':') : s + strlen(s);

		if (!e || (size_t)(e - s) >= sizeof(field))
			return -EINVAL;
		memcpy(field, s, (size_t)(e - s));
		field[e - s] = '\0';
		if (sysfs_parse_ull(field, i < 3 ? 0x7fffffff : ~0ULL, &v[i]))
			return -EINVAL;
		s = e + 1;
	}
	p->host = (int)v[0];
	p->channel = (int)v[1];
	p->target = (int)v[2];
	p->lun = v[3];
	return 0;
}

static void probe_close_node(struct probe *pr)
{
	if (pr->node_fd >= 0)
		close(pr->node_fd);
	pr->node_fd = -1;
}

/* VPD page from sysfs (<scsidir>/vpd_pgXX) or, when sysfs has none and
 * ask_device is set, by SG_IO INQUIRY on the device node (*asked set
 * then); whole, into pr->page. where says which, for messages. Returns the
 * bytes read or -errno. */
static int read_vpd(struct probe *pr, unsigned char page, int ask_device,
		    int *asked, char *where, size_t wsize)
{
	char attr[16];
	int n;

	snprintf(attr, sizeof(attr), "vpd_pg%02x", page);
	if (sysfs_join(where, wsize, pr->scsidir, attr))
		return -ENAMETOOLONG;
	n = (int)fs_read(pr->sysfd, where, pr->page, VPD_PAGE_MAX);
	if (n != -ENOENT || !ask_device)
		return n;
	*asked = 1;
	snprintf(where, wsize, "no %s in sysfs, and SG_IO INQUIRY page 0x%02x on device node %s%s",
		 attr, page, pr->name, pr->devfd < 0 ? " (no device root)" : "");
	if (pr->node_fd < 0)
		pr->node_fd = openat(pr->devfd, pr->name,
				     O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (pr->node_fd < 0)
		return -errno;
	return sgio_inquiry_vpd(pr->node_fd, page, pr->page, VPD_PAGE_MAX);
}

/* Why page 0x83 gave no WWID, for the skip message. */
static void why_not(char *msg, size_t size, const char *where, int n, int err)
{
	snprintf(msg, size, "%s: %s", where,
		 n < 0 ? strerror(-n) : vpd_strerror(err));
}

/* WWID as udev's scsi_id makes ID_SERIAL, target port group and relative
 * port from page 0x83, serial from page 0x80. Pages come from sysfs, where
 * the kernel keeps those the device lists (and not an empty one); when
 * sysfs has no page 0x83 both are asked from the device. When page 0x83
 * is missing or names no designator scsi_id uses, the WWID comes from page
 * 0x80 as scsi_id's does; a broken page 0x83 gives none. Returns 0, or
 * -errno when there is no WWID (logged). */
static int probe_ids(struct probe *pr, struct path *p)
{
	const struct vpd_inquiry inq = { p->vendor, p->model };
	char where[SYSFS_PATH_MAX + 128], why83[sizeof(where) + 128];
	struct vpd83_ids ids;
	int n, err83, err, from_dev = 0;

	n = read_vpd(pr, 0x83, 1, &from_dev, where, sizeof(where));
	err83 = n < 0 ? n : vpd83_parse(pr->page, (size_t)n, &inq, &ids);
	if (n >= 0) {
		p->tpg = ids.tpg;
		p->rel_port = ids.rel_port;
	}
	if (!err83)
		str_copy(p->wwid, ids.wwid, sizeof(p->wwid));
	else
		why_not(why83, sizeof(why83), where, n, err83);
	if (err83 && n >= 0 && err83 != -ENODATA && err83 != -EINVAL) {
		log_info("%s: skipped, no WWID: %s", p->dev, why83);
		return err83;
	}

	n = read_vpd(pr, 0x80, from_dev, &from_dev, where, sizeof(where));
	err = n < 0 ? n : vpd80_parse(pr->page, (size_t)n, p->serial,
				      sizeof(p->serial));
	if (err < 0)
		log_dbg("%s: no serial: %s: %s", p->dev, where,
			n < 0 ? strerror(-n) : vpd_strerror(err));
	if (!err83)
		return 0;
	err = n < 0 ? n : vpd80_wwid(pr->page, (size_t)n, &inq, p->wwid);
	if (err) {
		log_info("%s: skipped, no WWID: %s; %s: %s", p->dev, why83,
			 where, n < 0 ? strerror(-n) : vpd_strerror(err));
		return err;
	}
	return 0;
}

/* Attributes that may be missing (no device handler, old kernel): "" or
 * 0 then, noted at debug level. */
static void optional_str(const struct probe *pr, const char *dir,
			 const char *name, char *dst, size_t size)
{
	int err = sysfs_read_str(pr->sysfd, dir, name, dst, size);

	if (err)
		log_dbg("%s/%s: %s", dir, name, strerror(-err));
}

static unsigned long long optional_ull(const struct probe *pr,
				       const char *dir, const char *name,
				       unsigned long long max)
{
	unsigned long long v = 0;
	int err = sysfs_read_ull(pr->sysfd, dir, name, max, &v);

	if (err)
		log_dbg("%s/%s: %s", dir, name, err == -EINVAL ?
			"not a number" : strerror(-err));
	return err ? 0 : v;
}

/* Locate the block and SCSI device directories of pr->name and read the
 * block device's own attributes. Returns 0, or -errno after saying why the
 * entry is skipped. */
static int probe_block(struct probe *pr, struct path *p)
{
	char devt[32];
	int err;

	err = sysfs_read_link(pr->sysfd, "block", pr->name, pr->blockdir,
			      sizeof(pr->blockdir));
	if (err == -EINVAL)	/* sysfs without the block class links */
		err = sysfs_join(pr->blockdir, sizeof(pr->blockdir), "block",
				 pr->name);
	if (err) {
		log_warn("block/%s: %s, skipped", pr->name, strerror(-err));
		return err;
	}
	err = sysfs_read_str(pr->sysfd, pr->blockdir, "dev", devt,
			     sizeof(devt));
	if (!err)
		err = parse_devt(devt, p);
	if (err) {
		log_warn("%s/dev: %s, skipped", pr->blockdir, err == -EINVAL ?
			 "not MAJOR:MINOR" : strerror(-err));
		return err;
	}
	p->size = optional_ull(pr, pr->blockdir, "size", ~0ULL);
	p->logical_block_size = (unsigned)optional_ull(pr, pr->blockdir,
			"queue/logical_block_size", 0x7fffffff);
	err = sysfs_read_link(pr->sysfd, pr->blockdir, "device", pr->scsidir,
			      sizeof(pr->scsidir));
	if (err) {
		log_warn("%s/device: %s, skipped", pr->blockdir,
			 strerror(-err));
		return err;
	}
	err = parse_hctl(strrchr(pr->scsidir, '/') ?
			 strrchr(pr->scsidir, '/') + 1 : pr->scsidir, p);
	if (err)
		log_warn("%s: device directory is not named H:C:T:L, skipped",
			 pr->scsidir);
	return err;
}

/* Fill p for pr->name. Returns 0, or -errno when the entry is skipped
 * (the reason is logged). */
static int probe_path(struct probe *pr, struct path *p)
{
	char pref[8];
	int err;

	memset(p, 0, sizeof(*p));
	str_copy(p->dev, pr->name, sizeof(p->dev));
	p->preferred = p->tpg = p->rel_port = -1;
	err = probe_block(pr, p);
	if (err)
		return err;
	optional_str(pr, pr->scsidir, "vendor", p->vendor, sizeof(p->vendor));
	optional_str(pr, pr->scsidir, "model", p->model, sizeof(p->model));
	optional_str(pr, pr->scsidir, "rev", p->rev, sizeof(p->rev));
	optional_str(pr, pr->scsidir, "state", p->state, sizeof(p->state));
	optional_str(pr, pr->scsidir, "dh_state", p->dh_state,
		     sizeof(p->dh_state));
	/* Only the alua handler gives these a meaning (the kernel shows them
	 * for TPGS devices alone); not asking saves two lookups a path. */
	pref[0] = '\0';
	if (!strcmp(p->dh_state, "alua")) {
		optional_str(pr, pr->scsidir, "access_state", p->access_state,
			     sizeof(p->access_state));
		optional_str(pr, pr->scsidir, "preferred_path", pref,
			     sizeof(pref));
	}
	if (pref[0])
		p->preferred = strcmp(pref, "0") != 0;
	transport_probe(pr->sysfd, pr->scsidir, p);
	err = probe_ids(pr, p);
	probe_close_node(pr);
	return err;
}

static int path_cmp(const void *a, const void *b)
{
	const struct path *x = a, *y = b;
	size_t lx, ly;

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if (x->channel != y->channel)
		return x->channel < y->channel ? -1 : 1;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	if (x->lun != y->lun)
		return x->lun < y->lun ? -1 : 1;
	lx = strlen(x->dev);
	ly = strlen(y->dev);
	if (lx != ly)	/* sdz before sdaa */
		return lx < ly ? -1 : 1;
	return strcmp(x->dev, y->dev);
}

static int note_skipped(struct path_list *l, const char *name)
{
	char (*v)[32] = realloc(l->skipped, (l->n_skipped + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	l->skipped = v;
	str_copy(v[l->n_skipped++], name, sizeof(*v));
	return 0;
}

int scan_paths(int sysfd, int devfd, struct path_list *out)
{
	struct probe pr = { .sysfd = sysfd, .devfd = devfd, .node_fd = -1 };
	struct path *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	int fd, err = 0;
	DIR *d;

	memset(out, 0, sizeof(*out));
	pr.page = malloc(VPD_PAGE_MAX);
	if (!pr.page)
		return -ENOMEM;
	fd = openat(sysfd, "block", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		free(pr.page);
		return err;
	}
	while ((de = readdir(d))) {
		if (!is_disk_name(de->d_name))
			continue;
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct path *nv = realloc(v, ncap * sizeof(*v));

			if (!nv) {
				err = -ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		pr.name = de->d_name;
		if (!probe_path(&pr, &v[n]))
			n++;
		else if (note_skipped(out, de->d_name)) {
			err = -ENOMEM;
			break;
		}
	}
	closedir(d);
	free(pr.page);
	if (err) {
		free(v);
		path_list_free(out);
		return err;
	}
	if (n)
		qsort(v, n, sizeof(*v), path_cmp);
	out->v = v;
	out->n = n;
	return 0;
}

const struct path *path_list_find(const struct path_list *l, unsigned major,
				  unsigned minor)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].major == major && l->v[i].minor == minor)
			return &l->v[i];
	return NULL;
}

void path_list_free(struct path_list *l)
{
	free(l->v);
	free(l->skipped);
	memset(l, 0, sizeof(*l));
}
