/* Reading a partition table through libblkid, which knows gpt, dos with
 * extended and logical partitions, and the rest. */
#include <blkid/blkid.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kpartx/kpartx.h"
#include "util/str.h"

int kpartx_read(int devfd, const char *rel, struct part_list *out)
{
	blkid_probe pr;
	blkid_partlist ls;
	blkid_parttable tab;
	unsigned char sector[512];
	unsigned ssz;
	int fd, i, n, rc = 0;

	memset(out, 0, sizeof(*out));
	fd = openat(devfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	errno = 0;
	/* libblkid reports a read error as "no partition table"; that must
	 * not make the caller remove partition maps: try a read first. */
	if (pread(fd, sector, sizeof(sector), 0) != (ssize_t)sizeof(sector)) {
		rc = errno ? -errno : -EIO;
		close(fd);
		return rc;
	}
	pr = blkid_new_probe();
	if (!pr) {
		close(fd);
		return -ENOMEM;
	}
	if (blkid_probe_set_device(pr, fd, 0, 0)) {
		rc = -EIO;
		goto out;
	}
	ssz = blkid_probe_get_sectorsize(pr);
	blkid_probe_enable_superblocks(pr, 0);
	blkid_probe_enable_partitions(pr, 1);
	ls = blkid_probe_get_partitions(pr);
	if (!ls)
		goto out;	/* no partition table */
	tab = blkid_partlist_get_table(ls);
	if (tab && blkid_parttable_get_type(tab))
		str_copy(out->type, blkid_parttable_get_type(tab),
			 sizeof(out->type));
	n = blkid_partlist_numof_partitions(ls);
	if (n <= 0)
		goto out;
	out->v = calloc(n, sizeof(*out->v));
	if (!out->v) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		blkid_partition p = blkid_partlist_get_partition(ls, i);
		struct part *dst = &out->v[out->n];

		if (!p || blkid_partition_get_partno(p) <= 0 ||
		    blkid_partition_get_size(p) <= 0)
			continue;
		dst->partno = blkid_partition_get_partno(p);
		dst->start = blkid_partition_get_start(p);
		dst->size = blkid_partition_get_size(p);
		/* An extended partition is mapped with only its first 1 KiB
		 * (2 sectors of 512) as kpartx and the kernel do: enough for
		 * boot loaders, no overlap with the logical partitions. */
		if (blkid_partition_is_extended(p))
			dst->size = 2 * (ssz > 512 ? ssz / 512 : 1);
		out->n++;
	}
out:
	blkid_free_probe(pr);
	close(fd);
	if (rc)
		part_list_free(out);
	return rc;
}

int part_list_has(const struct part_list *l, int partno)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].partno == partno)
			return 1;
	return 0;
}

void part_list_free(struct part_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
