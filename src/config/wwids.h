/* /etc/multipath/wwids: the WWIDs multipath-tools has made maps for, one
 * `/wwid/` per line under its header. find_multipaths uses it to know a
 * LUN is multipathed before a second path shows up. */
#pragma once

#include <stddef.h>

#include "util/strmap.h"

struct wwids {
	char **v;	/* in file order, then added ones */
	size_t n;
	struct strmap index;	/* of v */
	/* The file could not be read whole and clean (binary data, an
	 * unreadable file): it is never rewritten. */
	int incomplete;
};

/* multipath-tools' header, byte for byte. */
extern const char wwids_header[];

/* Read path inside the root rootfd ("/etc/multipath/..." as the config
 * names it, or relative). A missing file is an empty set. Bad lines are
 * warnings; a line with binary data or an unreadable file is an error and
 * makes the set incomplete. Returns 0 or -ENOMEM. */
int wwids_load(struct wwids *w, int rootfd, const char *path);

/* Add the WWIDs in text (name for messages). Returns 0 or -ENOMEM. */
int wwids_parse(struct wwids *w, const char *name, const char *text);

int wwids_contains(const struct wwids *w, const char *wwid);

/* Returns 1 when added, 0 when already known, -ENOMEM or -EINVAL (empty,
 * or a character the file format cannot hold: '/', newline). */
int wwids_add(struct wwids *w, const char *wwid);

/* What to append to the wwids file whose text is now cur (len bytes, ""
 * for a new file: the header first) so it lists every WWID of w. *out is
 * NULL when there is nothing to add. Returns 0, -EILSEQ when cur holds
 * binary data (reported with name:line; the file must not be rewritten),
 * or -ENOMEM. */
int wwids_append_text(const struct wwids *w, const char *name,
		      const char *cur, size_t len, char **out);

/* Append the WWIDs of w the wwids file path (inside the root) lacks, as
 * multipath does: under its lock, after reading the file again. An
 * incomplete set is never saved (-EILSEQ). Returns 0 or -errno, after a
 * warning. */
int wwids_save(const struct wwids *w, int rootfd, const char *path);

void wwids_free(struct wwids *w);
