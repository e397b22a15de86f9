/* The partition-table path on disk images, as --once and the daemon take
 * it: kpartx_read (libblkid, every partition table type it knows) on a
 * regular file, then apply_parts_decide against a parent the size of the
 * image, with two running partition maps of that parent (one open).
 * Input: two bytes, little-endian, the zero sectors that follow the data
 * (so a table may point inside, at or past the end of the disk), then
 * the image's first bytes. Every partition map decided lies inside the
 * parent, has a number above 0 and a name and UUID no other has; every
 * stale map is one whose number the table lacks; a table that cannot be
 * read decides nothing.
 * FUZZ_OPTIONS: -max_len=20480 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apply/apply.h"
#include "log.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARENT_UUID "mpath-36001405fuzz"

static int dirfd = -1, imgfd = -1;
static struct dmio_dev devs[2] = {
	{ .name = "mpatha2", .uuid = "part2-" PARENT_UUID, .major = 253,
	  .minor = 1, .target = "linear", .size = 8, .params = "253:0 8" },
	{ .name = "mpatha7", .uuid = "part7-" PARENT_UUID, .major = 253,
	  .minor = 2, .open_count = 1, .target = "linear", .size = 8,
	  .params = "253:0 30" },
};
static struct dmio_list running = { .v = devs, .n = 2 };

static void check(int ok)
{
	if (!ok)
		abort();
}

static void setup(void)
{
	dirfd = fuzz_scratch_open("parts");
	imgfd = openat(dirfd, "img", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	check(imgfd >= 0 && !dmio_list_index(&running));
	log_verbosity = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct apply_parent parent = { .name = "mpatha", .uuid = PARENT_UUID };
	struct part_list parts;
	struct apply_parts out;
	unsigned long long bytes;
	size_t i, j;
	int rc;

	if (dirfd < 0)
		setup();
	if (size < 2)
		return 0;
	bytes = ((size - 2 + 511) / 512 + (data[0] | data[1] << 8)) * 512ULL;
	check(!ftruncate(imgfd, 0) &&
	      pwrite(imgfd, data + 2, size - 2, 0) == (ssize_t)(size - 2) &&
	      !ftruncate(imgfd, (off_t)bytes));
	parent.size = bytes / 512;

	/* read here, not in a child: the fuzzer's coverage is its own */
	rc = apply_parts_read(dirfd, "img", 0, &parent, &running, &parts,
			      &out);
	if (rc) {
		/* an image shorter than a sector cannot be read */
		check(rc == -EIO && bytes < 512 && !out.n && !out.n_stale &&
		      !parts.n && !parts.v);
		return 0;
	}
	check(out.n == parts.n && strlen(parts.type) < sizeof(parts.type));
	for (i = 0; i < out.n; i++) {
		const struct apply_part *a = &out.v[i];
		const struct part *p = a->part;

		check(p == &parts.v[i] && p->partno > 0 && p->size > 0);
		if (a->kind == APPLY_PART_PAST_END) {
			check(p->start >= parent.size ||
			      p->start + p->size > parent.size ||
			      p->start + p->size < p->start);
			continue;
		}
		check(a->kind == APPLY_PART_MAP);
		check(p->start < parent.size &&
		      p->size <= parent.size - p->start);
		check(a->want.size == p->size && a->name[0] &&
		      !strncmp(a->uuid, "part", 4));
		for (j = 0; j < i; j++)		/* one map per name */
			check(out.v[j].kind != APPLY_PART_MAP ||
			      (strcmp(out.v[j].name, a->name) &&
			       strcmp(out.v[j].uuid, a->uuid)));
	}
	for (i = 0; i < out.n_stale; i++)
		check(!part_list_has(&parts, out.stale[i].partno) &&
		      out.stale[i].keep == (out.stale[i].dev == &devs[1]));
	check(out.n_stale == !part_list_has(&parts, 2) + !part_list_has(&parts, 7));
	apply_parts_free(&out);
	part_list_free(&parts);
	return 0;
}
