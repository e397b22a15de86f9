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

/* kpartx names a partition map's UUID partN-<parent's UUID>. */
static int dm_partno(const char *uuid)
{
	int n = 0;

	if (strncmp(uuid, "part", 4))
		return 0;
	for (uuid += 4; *uuid >= '0' && *uuid <= '9' && n < 1 << 20; uuid++)
		n = n * 10 + (*uuid - '0');
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

int boot_devs_read(int sysfd, int devfd, enum boot_probe probe_fs,
		   const char *(*wwid_of)(void *ctx, const char *dev),
		   void *ctx, struct boot_devs *out)
{
	struct dirent *de;
	size_t i, cap = 0;
	DIR *dir;
	int fd;

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
	for (i = 0; probe_fs && i < out->n; i++) {
		const struct boot_dev *d = &out->v[i];
		const struct boot_dev *top = d->parent >= 0 ?
					     &out->v[d->parent] : d;

		if (!top->held &&
		    (probe_fs != BOOT_PROBE_DM || d->dm_name[0]))
			probe(devfd, out, i);
	}
	return 0;
}

void boot_devs_free(struct boot_devs *d)
{
	free(d->v);
	d->v = NULL;
	d->n = 0;
}
