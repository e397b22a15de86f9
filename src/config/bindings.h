/* /etc/multipath/bindings: `alias wwid` lines under multipath-tools'
 * header, the names user_friendly_names gave (mpatha, mpathb, ...).
 * Early boot reads it and allocates new names in memory only; writing
 * back is the caller's explicit choice (bindings_format). */
#pragma once

#include <stddef.h>

struct binding {
	char *alias;
	char *wwid;
};

struct bindings {
	struct binding *v;	/* in file order, then new ones */
	size_t n;
};

/* multipath-tools' header, byte for byte. */
extern const char bindings_header[];

/* Read path inside the root rootfd ("/etc/multipath/..." as the config
 * names it, or relative). A missing file is an empty set. Bad lines are
 * warnings. Returns 0 or -ENOMEM. */
int bindings_load(struct bindings *b, int rootfd, const char *path);

/* Add the bindings in text (name for messages). Returns 0 or -ENOMEM. */
int bindings_parse(struct bindings *b, const char *name, const char *text);

/* The alias bound to wwid, or NULL. */
const char *bindings_alias(const struct bindings *b, const char *wwid);

/* The alias for wwid: its existing binding, else the first free name
 * prefix + a, b, ... z, aa, ab ... (bijective base 26) not taken by any
 * binding, added in memory (b->n grows: the caller can tell a new one).
 * *alias points into b. Returns 0, -ENOMEM, or -EINVAL (no prefix or
 * wwid). */
int bindings_assign(struct bindings *b, const char *prefix, const char *wwid,
		    const char **alias);

/* The name for id >= 1 with prefix: 1 "a", 26 "z", 27 "aa". Returns the
 * length, or -1 when it does not fit in len. */
int bindings_name(const char *prefix, unsigned long id, char *buf,
		  size_t len);

/* The file's text: header then one `alias wwid` line per binding. Returns
 * a malloc'd string, NULL without memory. */
char *bindings_format(const struct bindings *b);

void bindings_free(struct bindings *b);
