/* Partition maps on top of multipath maps, as kpartx makes them: a linear
 * map per partition, on the parent map at the partition's absolute start. */
#pragma once

#include <stddef.h>

struct part {
	int partno;		/* logical partitions of a DOS table from 5 */
	unsigned long long start, size;	/* 512-byte sectors */
};

struct part_list {
	struct part *v;
	size_t n;
	char type[16];		/* "gpt", "dos", ... or "" for no table */
};

/* Read the partition table of devfd/rel with libblkid. No table is not an
 * error (n == 0). Returns 0 or -errno. */
int kpartx_read(int devfd, const char *rel, struct part_list *out);

/* kpartx_read in a process of its own (src/kpartx/within.c), waiting for
 * it at most wait_ms: a read from a map that queues with no working path
 * returns only when a path comes back. Returns as kpartx_read, or
 * -ETIMEDOUT with the reader left to end by itself when its read does
 * (*reader_pid: its pid, 0 if unknown; init reaps it), or -EAGAIN when no
 * process could be made. */
int kpartx_read_within(int devfd, const char *rel, int wait_ms,
		       struct part_list *out, int *reader_pid);

/* Whether the table has an entry numbered partno. */
int part_list_has(const struct part_list *l, int partno);

void part_list_free(struct part_list *l);

/* Partition map name: parent, delimiter, number. With delim NULL, kpartx's
 * default: "p" after a trailing digit, else nothing. Returns the length,
 * or -ENAMETOOLONG when it does not fit in len or in the 127 characters
 * device-mapper takes. */
int kpartx_name(const char *parent, const char *delim, int partno,
		char *buf, size_t len);

/* "part<N>-<parent uuid>": how udev, LVM and systemd recognise them. */
int kpartx_uuid(const char *parent_uuid, int partno, char *buf, size_t len);

/* The partition number when uuid is a partition map of parent_uuid, else -1. */
int kpartx_uuid_partno(const char *uuid, const char *parent_uuid);
