/* The global_filter line.
 *
 * How LVM applies a filter: a device has several names (/dev/sdb,
 * /dev/disk/by-id/..., /dev/disk/by-path/..., /dev/block/8:16). LVM tries
 * each name against the patterns in order and takes the first pattern that
 * matches that name: if for any name it is an "a" pattern the device is
 * accepted; if every name that matched anything met an "r" pattern first,
 * the device is rejected; a device none of whose names matches anything is
 * accepted.
 *
 * So an accept-all ("a|.*|") anywhere in the list would let a member path
 * back in through its by-id or by-path link, and a reject-all ("r|.*|") at
 * the end would hide the local non-multipath disks (often the root VG). The
 * filter therefore holds no catch-all at all:
 *   - "a|^/dev/mapper/<map>$|" for each map and partition map: dm devices
 *     always have their /dev/mapper name, so they are accepted whatever
 *     other links they have;
 *   - "r|^/dev/<path>[0-9]*$|" for each member path and its partitions
 *     ("(p[0-9]+)?" when the name ends in a digit, the kernel's partition
 *     naming). /dev/<kernel name> always exists, so a member always has a
 *     name that meets an "r" first; its other names match no pattern and
 *     so cannot outvote it, and no "a" pattern can match them because the
 *     accepts are anchored to /dev/mapper/.
 * Everything else matches nothing and stays visible to LVM. So a map whose
 * name cannot be written is simply left out: it stays visible, and the
 * other maps' members are still rejected.
 *
 * Escaping: names are limited to [0-9A-Za-z#+-.:=@_] (see lvm_name_refused),
 * of which only '.' and '+' mean something in LVM's regex; they are written
 * as the one-character sets "[.]" and "[+]", which need no backslash (so no
 * second round of escaping inside the lvm.conf string). None of the
 * characters is '"', '|' or '\'. */
#include "lvm/lvm.h"

#include <errno.h>
#include <string.h>

#include "log.h"
#include "lvm/buf.h"
#include "lvm/name.h"

/* The value LVM uses when no filter is set: with no maps there is nothing
 * to keep LVM away from. */
#define FILTER_ACCEPT_ALL "\"a|.*|\""

static void add_regex_name(struct lvm_buf *b, const char *name)
{
	const char *c;

	for (c = name; *c; c++) {
		if (*c == '.' || *c == '+') {
			char set[] = { '[', *c, ']' };

			lvm_buf_add(b, set, sizeof(set));
		} else {
			lvm_buf_add(b, *c == '!' ? "/" : c, 1);
		}
	}
}

static void add_pattern(struct lvm_buf *b, int *first, const char *verdict,
			const char *prefix, const char *name,
			const char *suffix)
{
	lvm_buf_str(b, *first ? " \"" : ", \"");
	*first = 0;
	lvm_buf_str(b, verdict);
	lvm_buf_str(b, "|^");
	lvm_buf_str(b, prefix);
	add_regex_name(b, name);
	lvm_buf_str(b, suffix);
	lvm_buf_str(b, "$|\"");
}

static int last_is_digit(const char *s)
{
	size_t n = strlen(s);

	return n && s[n - 1] >= '0' && s[n - 1] <= '9';
}

/* Whether name can go into the filter; says why not. A map or partition
 * map left out matches no pattern, so LVM still accepts it: a warning. A
 * member path left out may be used by LVM directly: an error. */
static int writable(const char *map, const char *what, const char *name,
		    int member)
{
	const char *why = lvm_name_refused(name, member);

	if (!why)
		return 1;
	if (member)
		log_err("lvm: map %s: %s \"%s\" cannot be rejected in the "
			"filter (%s): LVM may use it directly", map, what,
			name ? name : "", why);
	else
		log_warn("lvm: %s \"%s\" left out of the filter (%s); no "
			 "pattern matches it, so LVM still accepts it", what,
			 name ? name : "", why);
	return 0;
}

int lvm_filter_format(const struct lvm_map *maps, size_t n, char **line)
{
	struct lvm_buf b = { 0 };
	size_t i, j;
	int first = 1, unrejected = 0, rc;

	*line = NULL;
	lvm_buf_str(&b, "global_filter = [");
	/* All accepts first: in LVM the first matching pattern decides. */
	for (i = 0; i < n; i++) {
		if (writable(NULL, "map name", maps[i].name, 0))
			add_pattern(&b, &first, "a", "/dev/mapper/",
				    maps[i].name, "");
		for (j = 0; j < maps[i].n_parts; j++)
			if (writable(maps[i].name, "partition map name",
				     maps[i].parts[j], 0))
				add_pattern(&b, &first, "a", "/dev/mapper/",
					    maps[i].parts[j], "");
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < maps[i].n_members; j++) {
			const char *m = maps[i].members[j];

			if (!writable(maps[i].name, "member path name", m, 1)) {
				unrejected++;
				continue;
			}
			add_pattern(&b, &first, "r", "/dev/", m,
				    last_is_digit(m) ? "(p[0-9]+)?" : "[0-9]*");
		}
	/* With nothing to say, LVM's own default. */
	if (first)
		lvm_buf_str(&b, " " FILTER_ACCEPT_ALL);
	lvm_buf_str(&b, " ]");
	rc = lvm_buf_finish(&b, line);
	return rc ? rc : unrejected;
}
