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

/* The longest partition delimiter mpboot takes ("-part" is 5). */
#define KPARTX_DELIM_MAX	15

/* 0 when delim can name partition maps: at most KPARTX_DELIM_MAX
 * characters, none of them '/', a blank, a control, a quote, a backslash,
 * or '$' and '%' (udev's substitutions); else -ENAMETOOLONG or -EINVAL. */
int kpartx_delim_check(const char *delim);

/* What a udev rule running kpartx says about the partition delimiter. */
enum kpartx_rule_kind {
	KPARTX_RULE_NONE,	/* no rule runs kpartx */
	KPARTX_RULE_DEFAULT,	/* it runs without -p: kpartx's default */
	KPARTX_RULE_DELIM,	/* it runs with -p delim */
};

struct kpartx_rule {
	enum kpartx_rule_kind kind;
	char delim[KPARTX_DELIM_MAX + 1];
	unsigned line;		/* where that rule starts (from 1) */
};

/* The last rule of udev rules text whose RUN, PROGRAM or IMPORT{program}
 * runs kpartx (its program's base name), and its -p argument as kpartx's
 * getopt reads it. Returns 0, or -EINVAL when that last rule's -p has no
 * value or one kpartx_delim_check refuses (out->line says which, kind is
 * KPARTX_RULE_NONE). */
int kpartx_rules_parse(const char *text, struct kpartx_rule *out);

/* Where a value is asked for (--part-delim, mpboot.part_delim=, the
 * file below), this word asks for kpartx's default. */
#define KPARTX_DELIM_DEFAULT	"default"

/* mpboot's own setting under a root: the delimiter on its first line (or
 * "default"). The initramfs generators write it from the real root's
 * udev rules (`mpboot part-delim`). */
#define KPARTX_DELIM_FILE	"etc/mpboot/part-delim"

/* A partition delimiter and where it comes from. */
struct kpartx_delim {
	enum kpartx_rule_kind kind;	/* NONE: nothing says; DEFAULT:
					 * kpartx's; DELIM: delim */
	char delim[KPARTX_DELIM_MAX + 1];
	char source[320];		/* "/usr/lib/udev/rules.d/x.rules:44" */
};

/* value as a delimiter setting: "default" or one kpartx_delim_check
 * takes (source left as it is). Returns 0 or -EINVAL. */
int kpartx_delim_value(const char *value, struct kpartx_delim *out);

/* The delimiter the files under rootfd give: KPARTX_DELIM_FILE when it
 * holds a usable value, else the last rule running kpartx among udev's
 * rules directories (etc, run, usr/local/lib, usr/lib and lib
 * udev/rules.d; a file name in an earlier one hides it in the later
 * ones; rules files in name order), the way udev would run it on a
 * multipath map's change event. Unusable values are warned about and
 * ignored. Returns 0 or -ENOMEM. */
int kpartx_root_delim(int rootfd, struct kpartx_delim *out);

/* The delimiter to name partition maps with, NULL for kpartx's default. */
static inline const char *kpartx_delim_name(const struct kpartx_delim *d)
{
	return d->kind == KPARTX_RULE_DELIM ? d->delim : NULL;
}
