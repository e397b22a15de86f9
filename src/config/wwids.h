/* /etc/multipath/wwids: the WWIDs multipath-tools has made maps for, one
 * `/wwid/` per line under its header. find_multipaths uses it to know a
 * LUN is multipathed before a second path shows up. */
#pragma once

#include <stddef.h>

struct wwids {
	char **v;	/* in file order, then added ones */
	size_t n;
};

/* multipath-tools' header, byte for byte. */
extern const char wwids_header[];

/* Read path inside the root rootfd ("/etc/multipath/..." as the config
 * names it, or relative). A missing file is an empty set. Bad lines are
 * warnings. Returns 0 or -ENOMEM. */
int wwids_load(struct wwids *w, int rootfd, const char *path);

/* Add the WWIDs in text (name for messages). Returns 0 or -ENOMEM. */
int wwids_parse(struct wwids *w, const char *name, const char *text);

int wwids_contains(const struct wwids *w, const char *wwid);

/* Returns 1 when added, 0 when already known, -ENOMEM or -EINVAL (empty,
 * or a character the file format cannot hold: '/', newline). */
int wwids_add(struct wwids *w, const char *wwid);

/* The file's text: header then one `/wwid/` line each. Returns a malloc'd
 * string, NULL without memory. */
char *wwids_format(const struct wwids *w);

void wwids_free(struct wwids *w);
