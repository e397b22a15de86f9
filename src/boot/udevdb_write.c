/* Writing udev database entries under /run: one entry put in place
 * (udb_write), and the entries of every multipath map as the kernel has
 * them (udb_write_all: its status, sysfs, a libblkid probe). */
#include <blkid/blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "boot/udevdb.h"
#include "dm/status.h"
#include "log.h"
#include "util/fs.h"

/* The directory name under dirfd, made (0755) when missing. */
static int open_dir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		if (mkdirat(dirfd, name, 0755) && errno != EEXIST)
			return -errno;
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
	}
	return fd < 0 ? -errno : fd;
}

/* Whether the entry id in datafd is one mpboot wrote: 1 ours, 0 none,
 * -EEXIST udev's (or unreadable as an entry: kept all the same). */
static int entry_owner(int datafd, const char *id)
{
	struct udb_entry e;
	const char *mark;
	char *text;
	size_t len;
	int rc = fs_slurp(datafd, id, &text, &len);

	if (rc == -ENOENT)
		return 0;
	if (rc)
		return rc;
	rc = udb_parse(text, len, &e, NULL);
	mark = rc ? NULL : udb_get(&e, UDB_MARK);
	rc = mark && !strcmp(mark, "1") ? 1 : -EEXIST;
	free(text);
	return rc;
}

/* udev/tags/<tag>/<id> for each G: tag of text, as udev's tag index. */
static int write_tags(int udevfd, const char *id, const char *text)
{
	struct udb_entry e;
	char *copy = strdup(text);
	int tagsfd = -1, rc;
	size_t i;

	if (!copy)
		return -ENOMEM;
	rc = udb_parse(copy, strlen(copy), &e, NULL);
	for (i = 0; !rc && i < e.n_tags; i++) {
		int tagfd, fd;

		if (strchr(e.tags[i], '/') || !strcmp(e.tags[i], ".") ||
		    !strcmp(e.tags[i], "..")) {
			rc = -EINVAL;
			break;
		}
		if (tagsfd < 0 && (tagsfd = open_dir(udevfd, "tags")) < 0) {
			rc = tagsfd;
			break;
		}
		tagfd = open_dir(tagsfd, e.tags[i]);
		if (tagfd < 0) {
			rc = tagfd;
			break;
		}
		fd = openat(tagfd, id, O_WRONLY | O_CREAT | O_NOFOLLOW |
			    O_CLOEXEC, 0444);
		if (fd < 0)
			rc = -errno;
		else
			close(fd);
		close(tagfd);
	}
	if (tagsfd >= 0)
		close(tagsfd);
	free(copy);
	return rc;
}

/* text as datafd/id through a temporary file: over mpboot's own entry
 * (replace), else only where no entry is (link fails with EEXIST when
 * udev wrote one meanwhile). */
static int put_entry(int datafd, const char *id, const char *text,
		     int replace)
{
	char tmp[64];
	int fd, rc;

	snprintf(tmp, sizeof(tmp), ".#%s.mpboot%ld", id, (long)getpid());
	fd = openat(datafd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {	/* left by a killed run */
		unlinkat(datafd, tmp, 0);
		fd = openat(datafd, tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		return -errno;
	rc = fs_write_all(fd, text, strlen(text));
	/* the mode as udev's db_persist leaves it, whatever the umask */
	if (!rc && fchmod(fd, 01644))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && (replace ? renameat(datafd, tmp, datafd, id) :
		    linkat(datafd, tmp, datafd, id, 0)))
		rc = -errno;
	if (rc || !replace)
		unlinkat(datafd, tmp, 0);
	return rc;
}

int udb_write(int rundirfd, unsigned maj, unsigned min, const char *text)
{
	int udevfd, datafd, owner, rc;
	char id[32];

	snprintf(id, sizeof(id), "b%u:%u", maj, min);
	udevfd = open_dir(rundirfd, "udev");
	if (udevfd < 0)
		return udevfd;
	datafd = open_dir(udevfd, "data");
	if (datafd < 0) {
		close(udevfd);
		return datafd;
	}
	owner = entry_owner(datafd, id);
	rc = owner < 0 ? owner : write_tags(udevfd, id, text);
	if (!rc)
		rc = put_entry(datafd, id, text, owner);
	close(datafd);
	close(udevfd);
	return rc;
}

/* Whether a multipath map has a path the kernel counts as active; a map
 * whose status cannot be read counts as not ready (never probed). */
static int map_ready(const struct dmio_dev *d)
{
	char *status = NULL;
	struct mpt s;
	size_t i;
	int ready = 0;

	if (dmio_status(d->name, &status) || mpt_parse_status(status, &s)) {
		log_warn("%s: cannot read its status: its udev entry says it "
			 "has no usable path", d->name);
		free(status);
		return 0;
	}
	for (i = 0; i < s.n_paths; i++)
		ready |= s.paths[i].active;
	mpt_free(&s);
	free(status);
	return ready;
}

/* sysfs dm/suspended of dm-<minor>: 0 or 1, -errno unreadable. */
static int map_suspended(int sysfd, unsigned minor)
{
	char rel[64], val[8];
	ssize_t n;

	snprintf(rel, sizeof(rel), "block/dm-%u/dm/suspended", minor);
	n = fs_read_attr(sysfd, rel, val, sizeof(val));
	if (n < 0)
		return (int)n;
	return strcmp(val, "0") ? 1 : 0;
}

/* What libblkid finds on devfd/mapper/<name>, as udev's blkid builtin
 * probes: superblocks with label, UUID, type, usage, version, and the
 * partition table or, on a partition, its entry. */
static int probe_dev(int devfd, const char *name, struct udb_probe *out)
{
	char rel[160];
	blkid_probe pr;
	int fd, i, n, rc = 0;

	out->n = 0;
	snprintf(rel, sizeof(rel), "mapper/%s", name);
	fd = openat(devfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	pr = blkid_new_probe();
	if (!pr) {
		close(fd);
		return -ENOMEM;
	}
	if (blkid_probe_set_device(pr, fd, 0, 0)) {
		rc = -EIO;
		goto out;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL |
		BLKID_SUBLKS_UUID | BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE |
		BLKID_SUBLKS_VERSION);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
	if (blkid_do_safeprobe(pr) < 0) {
		rc = -EIO;
		goto out;
	}
	n = blkid_probe_numof_values(pr);
	for (i = 0; i < n && !rc; i++) {
		const char *vname, *data;

		if (!blkid_probe_get_value(pr, i, &vname, &data, NULL))
			rc = udb_probe_add(out, vname, data);
	}
out:
	blkid_free_probe(pr);
	close(fd);
	return rc;
}

/* The entry of target t into buf. */
static int format_target(int sysfd, int devfd, const struct udb_target *t,
			 unsigned long long usec, char *buf, size_t cap)
{
	struct udb_probe probe;
	const struct udb_probe *pp = NULL;
	int suspended, ready;

	if (t->kind == UDB_MEMBER)
		return udb_format_member(&(struct udb_member){
			.wwid = t->map->uuid + 6, .usec = usec }, buf, cap);
	suspended = map_suspended(sysfd, t->minor);
	/* an LV is as ready as the maps under it, which the root's mount
	 * has just read from */
	ready = t->kind == UDB_LV || map_ready(t->map);
	/* I/O on a map without a usable path may queue for ever; on a
	 * suspended one it waits for the resume */
	if (ready && suspended == 0) {
		int rc = probe_dev(devfd, t->dev->name, &probe);

		if (rc)
			log_warn("%s: cannot probe for a file system: %s",
				 t->dev->name, strerror(-rc));
		else
			pp = &probe;
	}
	if (t->kind == UDB_LV)
		return udb_format_lv(&(struct udb_lv){
			.name = t->dev->name, .uuid = t->dev->uuid,
			.suspended = suspended == 1, .probe = pp,
			.usec = usec }, buf, cap);
	if (t->kind == UDB_PART)
		return udb_format_part(&(struct udb_part){
			.name = t->dev->name, .uuid = t->dev->uuid,
			.suspended = suspended == 1, .probe = pp,
			.usec = usec }, buf, cap);
	return udb_format_map(&(struct udb_map){
		.name = t->dev->name, .uuid = t->dev->uuid,
		.suspended = suspended == 1, .ready = ready, .probe = pp,
		.usec = usec }, buf, cap);
}

int udb_write_all(int sysfd, int devfd, int rundirfd,
		  const struct dmio_list *maps, struct udb_counts *counts)
{
	static const char *const kinds[] = {
		[UDB_MAP] = "map", [UDB_PART] = "partition map",
		[UDB_LV] = "LVM volume",
	};
	struct udb_target *t;
	struct timespec now;
	unsigned long long usec;
	size_t n, bad, i;
	char text[8192];
	int rc;

	memset(counts, 0, sizeof(*counts));
	rc = udb_targets(maps, &t, &n, &bad);
	if (rc)
		return rc;
	if (bad)
		log_warn("%zu multipath map(s) with a table mpboot cannot read: "
			 "their paths get no udev entry", bad);
	clock_gettime(CLOCK_MONOTONIC, &now);
	usec = (unsigned long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
	for (i = 0; i < n; i++) {
		char what[200];

		if (t[i].kind == UDB_MEMBER)
			snprintf(what, sizeof(what), "b%u:%u (path of %s)",
				 t[i].major, t[i].minor, t[i].map->name);
		else
			snprintf(what, sizeof(what), "b%u:%u (%s %s)",
				 t[i].major, t[i].minor, kinds[t[i].kind],
				 t[i].dev->name);
		rc = format_target(sysfd, devfd, &t[i], usec, text,
				   sizeof(text));
		if (rc >= 0)
			rc = udb_write(rundirfd, t[i].major, t[i].minor, text);
		if (!rc) {
			counts->written++;
			log_info("%s: udev entry written", what);
		} else if (rc == -EEXIST) {
			counts->kept++;
			log_info("%s: udev's own entry kept", what);
		} else {
			counts->failed++;
			log_warn("%s: cannot write its udev entry: %s", what,
				 strerror(-rc));
		}
	}
	free(t);
	return 0;
}
