/* /etc/multipath/bindings: `alias wwid` lines under multipath-tools'
 * header, the names user_friendly_names gave (mpatha, mpathb, ...).
 * Early boot reads it and allocates new names in memory only; writing
 * back is the caller's explicit choice (bindings_save). */
#pragma once

#include <stddef.h>

#include "util/strmap.h"

struct binding {
	char *alias;
	char *wwid;
};

struct bindings {
	struct binding *v;	/* in file order, then new ones */
	size_t n;
	struct strmap by_wwid, by_alias;	/* index of v */
	/* The file could not be read whole and clean (binary data, an
	 * unreadable file): its names still count, but no new name is given
	 * (it could be one the lines left out bind) and the file is never
	 * rewritten. */
	int incomplete;
};

/* multipath-tools' header, byte for byte. */
extern const char bindings_header[];

/* Read path inside the root rootfd ("/etc/multipath/..." as the config
 * names it, or relative). A missing file is an empty set. Bad lines are
 * warnings; a line with binary data or an unreadable file is an error and
 * makes the set incomplete. Returns 0 or -ENOMEM. */
int bindings_load(struct bindings *b, int rootfd, const char *path);

/* Add the bindings in text (name for messages). Returns 0 or -ENOMEM. */
int bindings_parse(struct bindings *b, const char *name, const char *text);

/* The alias bound to wwid, or NULL. */
const char *bindings_alias(const struct bindings *b, const char *wwid);

/* Bind v[i].alias to v[i].wwid for i < n (names a plan chose: distinct
 * aliases, distinct WWIDs), replacing a WWID's binding if it has one. An
 * alias bound to another WWID is refused with a warning. Returns how many
 * bindings changed, or -ENOMEM. O(b->n + n): first boots bind thousands at
 * once. */
int bindings_set(struct bindings *b, const struct binding *v, size_t n);

/* The name for id >= 1 with prefix: 1 "a", 26 "z", 27 "aa". Returns the
 * length, or -1 when it does not fit in len or id is 0. */
int bindings_name(const char *prefix, unsigned long id, char *buf,
		  size_t len);

/* The id of name when it is prefix and 1 to BINDINGS_ID_LETTERS letters
 * a-z (bindings_name's inverse), else 0. Like multipath-tools, longer
 * suffixes are not names it hands out. */
#define BINDINGS_ID_LETTERS 7
unsigned long bindings_id(const char *prefix, const char *name);

/* What to append to the bindings file whose text is now cur (len bytes,
 * "" for a new file: the header first) so it holds b: each binding of b
 * the file lacks whose WWID and alias are both unbound there (one bound
 * since we read the file, by multipath for example, wins: ours is warned
 * about and not saved; multipath-tools only ever appends). *out is NULL
 * when there is nothing to add. Returns 0, -EILSEQ when cur holds binary
 * data (reported with name:line; the file must not be rewritten), or
 * -ENOMEM. */
int bindings_append_text(const struct bindings *b, const char *name,
			 const char *cur, size_t len, char **out);

/* Append what b holds and the bindings file path (inside the root) lacks,
 * as multipath does: under its lock, after reading the file again
 * (bindings_append_text). An incomplete set is never saved (-EILSEQ).
 * Returns 0 or -errno, after a warning. */
int bindings_save(const struct bindings *b, int rootfd, const char *path);

void bindings_free(struct bindings *b);
