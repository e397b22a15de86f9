/* The block devices under <sysfs>/class/block, with what libblkid finds
 * on them. */
#include <blkid/blkid.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot/boot.h"
#include "util/fs.h"
#include "util/str.h"
#include "util/strmap.h"

/* Devices that never hold a root. */
static int ignored(const char *name)
{
	static const char *const prefixes[] = { "loop", "ram", "zram", "sr",
						"fd", "nbd" };
	size_t i;

	if (name[0] == '.')
		return 1;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

static int has_holders(int sysfd, const char *name)
{
	char rel[320];
	struct dirent *de;
	int fd, n = 0;
	DIR *dir;

	snprintf(rel, sizeof(rel), "class/block/%s/holders", name);
	fd = openat(sysfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			n++;
	closedir(dir);
	return n > 0;
}

/* The whole device a partition is in: the directory above it in its
 * device path (.../block/sdb/sdb1). */
static void parent_name(int sysfd, const char *name, char *out, size_t size)
{
	char rel[320], link[512], *slash;
	ssize_t n;

	out[0] = '\0';
	snprintf(rel, sizeof(rel), "class/block/%s", name);
	n = readlinkat(sysfd, rel, link, sizeof(link) - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	slash = strrchr(link, '/');
	if (!slash)
		return;
	*slash = '\0';
	slash = strrchr(link, '/');
	str_copy(out, slash ? slash + 1 : link, size);
}

static int read_one(int sysfd, const char *name, struct boot_dev *d)
{
	char rel[320], val[64];

	memset(d, 0, sizeof(*d));
	d->parent = -1;
	str_copy(d->name, name, sizeof(d->name));
	snprintf(rel, sizeof(rel), "class/block/%s/dev", name);
	if (fs_read_attr(sysfd, rel, val, sizeof(val)) <= 0 ||
	    sscanf(val, "%u:%u", &d->major, &d->minor) != 2)
		return -ENOENT;
	snprintf(rel, sizeof(rel), "class/block/%s/partition", name);
	if (fs_read_attr(sysfd, rel, val, sizeof(val)) > 0 &&
	    str_to_int(val, 1, 1 << 20, &d->partno))
		d->partno = 0;
	snprintf(rel, sizeof(rel), "class/block/%s/dm/name", name);
	fs_read_attr(sysfd, rel, d->dm_name, sizeof(d->dm_name));
	snprintf(rel, sizeof(rel), "class/block/%s/dm/uuid", name);
	fs_read_attr(sysfd, rel, d->dm_uuid, sizeof(d->dm_uuid));
	/* a path: a disk some map holds (a multipath map is held too, by
	 * its partition maps, but it is no path) */
	if (!d->partno && !d->dm_name[0])
		d->held = has_holders(sysfd, name);
	return 0;
}

static void copy_value(blkid_probe pr, const char *key, char *out,
		       size_t size)
{
	const char *v;

	if (!blkid_probe_lookup_value(pr, key, &v, NULL))
		str_copy(out, v, size);
}

/* The file system on d, and for a whole device the UUIDs and names of
 * its partition entries, given to its partitions (children) by number:
 * read from the whole device, as a partition map's own node would need
 * libblkid to find its parent. */
static void probe(int devfd, struct boot_devs *devs, size_t idx)
{
	struct boot_dev *d = &devs->v[idx];
	blkid_partlist ls;
	blkid_probe pr;
	int fd, i, n;
	size_t k;

	fd = openat(devfd, d->name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return;
	pr = blkid_new_probe();
	if (!pr || blkid_probe_set_device(pr, fd, 0, 0)) {
		if (pr)
			blkid_free_probe(pr);
		close(fd);
		return;
	}
	d->probed = 1;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE |
					  BLKID_SUBLKS_UUID |
					  BLKID_SUBLKS_LABEL);
	blkid_probe_enable_partitions(pr, 1);
	if (!blkid_do_safeprobe(pr)) {
		copy_value(pr, "TYPE", d->fstype, sizeof(d->fstype));
		copy_value(pr, "UUID", d->uuid, sizeof(d->uuid));
		copy_value(pr, "LABEL", d->label, sizeof(d->label));
	}
	ls = d->partno ? NULL : blkid_probe_get_partitions(pr);
	n = ls ? blkid_partlist_numof_partitions(ls) : 0;
	for (i = 0; i < n; i++) {
		blkid_partition p = blkid_partlist_get_partition(ls, i);
		int no = blkid_partition_get_partno(p);
		const char *uuid = blkid_partition_get_uuid(p);
		const char *label = blkid_partition_get_name(p);

		for (k = 0; k < devs->n; k++) {
			struct boot_dev *c = &devs->v[k];

			if (c->parent != (int)idx || c->partno != no)
				continue;
			str_copy(c->partuuid, uuid ? uuid : "",
				 sizeof(c->partuuid));
			str_copy(c->partlabel, label ? label : "",
				 sizeof(c->partlabel));
		}
	}
	blkid_free_probe(pr);
	close(fd);
}

/* The whole device of a dm partition map: its one slave. */
static void dm_parent_name(int sysfd, const char *name, char *out,
			   size_t size)
{
	char rel[320];
	struct dirent *de;
	DIR *dir;
	int fd;

	out[0] = '\0';
	snprintf(rel, sizeof(rel), "class/block/%s/slaves", name);
	fd = openat(sysfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			str_copy(out, de->d_name, size);
	closedir(dir);
}

static int find_name(const struct boot_devs *devs, const char *name)
{
	size_t i;

	for (i = 0; i < devs->n; i++)
		if (!strcmp(devs->v[i].name, name))
			return (int)i;
	return -1;
}

/* kpartx names a partition map's UUID partN-<parent's UUID>; N above
 * 1 << 20 is no partition (the check after each digit: one before it let
 * the last digit through, up to ten times the limit). */
static int dm_partno(const char *uuid)
{
	int n = 0;

	if (strncmp(uuid, "part", 4))
		return 0;
	for (uuid += 4; *uuid >= '0' && *uuid <= '9'; uuid++) {
		n = n * 10 + (*uuid - '0');
		if (n > 1 << 20)
			return 0;
	}
	return *uuid == '-' ? n : 0;
}

static void link_parents(int sysfd, struct boot_devs *devs)
{
	char parent[64];
	size_t i;

	for (i = 0; i < devs->n; i++) {
		struct boot_dev *d = &devs->v[i];

		if (d->dm_name[0]) {
			d->partno = dm_partno(d->dm_uuid);
			if (d->partno)
				dm_parent_name(sysfd, d->name, parent,
					       sizeof(parent));
		} else if (d->partno) {
			parent_name(sysfd, d->name, parent, sizeof(parent));
		}
		if (d->partno)
			d->parent = find_name(devs, parent);
		if (d->partno && d->parent < 0)
			d->partno = 0;	/* parent unknown: a whole device */
	}
}

/* The device of known with d's name, number and dm UUID that libblkid
 * was asked about, or -1. */
static int known_as(const struct boot_devs *known, const struct strmap *names,
		    const struct boot_dev *d)
{
	const struct boot_dev *o;
	size_t k;

	if (!strmap_get(names, d->name, &k))
		return -1;
	o = &known->v[k];
	return o->probed && o->major == d->major && o->minor == d->minor &&
	       !strcmp(o->dm_uuid, d->dm_uuid) ? (int)k : -1;
}

static void reuse(struct boot_dev *d, const struct boot_dev *o)
{
	memcpy(d->fstype, o->fstype, sizeof(d->fstype));
	memcpy(d->uuid, o->uuid, sizeof(d->uuid));
	memcpy(d->label, o->label, sizeof(d->label));
	memcpy(d->partuuid, o->partuuid, sizeof(d->partuuid));
	memcpy(d->partlabel, o->partlabel, sizeof(d->partlabel));
	d->probed = 1;
}

/* Whether a whole path disk (no map holds it) is left unasked: another
 * path of its WWID is asked, one known or asked already when there is
 * one (from: -1 unknown, -2 known but read again, else reused). */
static int mark_same_lun(struct boot_devs *devs, const int *from,
			 unsigned char *skip)
{
	struct strmap wwids = { 0 };
	size_t i, k;
	int pass, rc = 0;

	for (pass = 0; pass < 2 && !rc; pass++)
		for (i = 0; i < devs->n && !rc; i++) {
			const struct boot_dev *d = &devs->v[i];

			if (d->parent >= 0 || d->dm_name[0] || !d->wwid[0] ||
			    d->held || (from[i] != -1 || d->probed) != !pass)
				continue;
			rc = strmap_add(&wwids, d->wwid, i);
			skip[i] = rc == 1;
			rc = rc < 0 ? rc : 0;
		}
	for (i = 0; i < devs->n; i++) {
		k = devs->v[i].parent >= 0 ? (size_t)devs->v[i].parent : i;
		skip[i] = skip[k];
	}
	strmap_free(&wwids);
	return rc;
}

int boot_devs_probe(int devfd, struct boot_devs *devs, enum boot_probe mode,
		    const struct boot_devs *known,
		    int (*listed)(void *ctx, const char *wwid), void *ctx)
{
	struct strmap names = { 0 };
	unsigned char *skip = calloc(devs->n + 1, 1);
	int *from = malloc((devs->n + 1) * sizeof(*from));
	size_t i, k;
	int rc = skip && from ? 0 : -ENOMEM;

	for (k = 0; !rc && known && k < known->n; k++)
		rc = strmap_add(&names, known->v[k].name, k) < 0 ? -ENOMEM : 0;
	for (i = 0; !rc && i < devs->n; i++)
		from[i] = known_as(known, &names, &devs->v[i]);
	/* a partition known did not have: its entry is in the whole
	 * device's table, read again */
	for (i = 0; !rc && i < devs->n; i++)
		if (devs->v[i].parent >= 0 && from[i] == -1 &&
		    from[devs->v[i].parent] >= 0)
			from[devs->v[i].parent] = -2;
	if (!rc)
		rc = mark_same_lun(devs, from, skip);
	/* reused first: a probe of a whole device then writes its
	 * partitions' entries over what was reused for them */
	for (k = 0; !rc && k < 2; k++)
		for (i = 0; i < devs->n; i++) {
			struct boot_dev *d = &devs->v[i];
			const struct boot_dev *top = d->parent >= 0 ?
						     &devs->v[d->parent] : d;

			if (top->held || skip[i] || d->probed ||
			    (mode == BOOT_PROBE_DM && !d->dm_name[0]) ||
			    (listed && (top->dm_name[0] || !top->wwid[0] ||
					!listed(ctx, top->wwid))) ||
			    (from[i] >= 0) != !k)
				continue;
			if (from[i] >= 0)
				reuse(d, &known->v[from[i]]);
			else
				probe(devfd, devs, i);
		}
	strmap_free(&names);
	free(skip);
	free(from);
	return rc;
}

int boot_devs_read(int sysfd, int devfd, enum boot_probe probe,
		   const char *(*wwid_of)(void *ctx, const char *dev),
		   void *ctx, const struct boot_devs *known,
		   struct boot_devs *out)
{
	struct dirent *de;
	size_t i, cap = 0;
	DIR *dir;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	fd = openat(sysfd, "class/block", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(dir = fdopendir(fd))) {
		int err = -errno;

		if (fd >= 0)
			close(fd);
		return err;
	}
	while ((de = readdir(dir))) {
		if (ignored(de->d_name))
			continue;
		if (out->n == cap) {
			struct boot_dev *v;

			cap = cap ? cap * 2 : 64;
			v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				closedir(dir);
				boot_devs_free(out);
				return -ENOMEM;
			}
			out->v = v;
		}
		if (!read_one(sysfd, de->d_name, &out->v[out->n]))
			out->n++;
	}
	closedir(dir);
	link_parents(sysfd, out);
	for (i = 0; i < out->n; i++) {
		struct boot_dev *d = &out->v[i];
		const struct boot_dev *top = d->parent >= 0 ?
					     &out->v[d->parent] : d;
		const char *w;

		if (!d->dm_name[0] && wwid_of &&
		    (w = wwid_of(ctx, top->name)))
			str_copy(d->wwid, w, sizeof(d->wwid));
	}
	/* A path's file system is its map's: not probed (nor opened). */
	rc = probe ? boot_devs_probe(devfd, out, probe, known, NULL, NULL) : 0;
	if (rc)
		boot_devs_free(out);
	return rc;
}

void boot_devs_free(struct boot_devs *d)
{
	free(d->v);
	d->v = NULL;
	d->n = 0;
}
