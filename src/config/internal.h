/* Shared inside src/config/ only: the keyword table and value codec, entry
 * allocation and the hardware table. */
#pragma once

#include <stdio.h>

#include "config/config.h"

/* Where a keyword may appear (multipath-tools' rules). */
#define KS_DEFAULTS	0x1
#define KS_OVERRIDES	0x2
#define KS_DEVICE	0x4
#define KS_MULTIPATH	0x8
#define KS_PROTOCOL	0x10	/* overrides/protocol */

enum kw_type {
	KT_BOOL,	/* yes/no (1/0) */
	KT_INT,		/* min..max */
	KT_STR,		/* one word or one quoted string */
	KT_NAME,	/* a map name (or the start of one, with max more
			 * characters after it): config_name_refused */
	KT_PGPOLICY,
	KT_FAILBACK,	/* manual, immediate, followover, N > 0 */
	KT_NO_PATH_RETRY,	/* fail, queue, N > 0 */
	KT_RR_WEIGHT,	/* uniform, priorities */
	KT_FIND,	/* find_multipaths values */
	KT_TMO,		/* off, 0 or seconds > 0 (TMO_*) */
	KT_DEV_LOSS,	/* seconds or infinity, unsigned */
	KT_NO_OR_NUM,	/* no (0) or N > 0: san_path_err_*, delay_* */
};

struct keyword {
	const char *name;
	enum kw_type type;
	unsigned sections;	/* KS_* */
	int global;		/* 1: a struct config field, index is cfg_global;
				 * 0: a struct mp_attrs field, index is cfg_attr */
	int index;
	size_t off, size;	/* field offset and size (strings) */
	int min, max;		/* KT_INT; max: KT_NAME's reserve */
};

/* The keyword named name ("checker" is path_checker), or NULL. */
const struct keyword *kw_find(const char *name);
const struct keyword *kw_attr(enum cfg_attr a);
const struct keyword *kw_global(enum cfg_global g);

/* 1 when name is a protocol multipath-tools knows ("scsi:fcp", "nvme:tcp",
 * ...), the values of a protocol entry's type. */
int kw_protocol_known(const char *name);

/* A multipath-tools keyword mpboot accepts and does not use. */
int kw_ignored(const char *name);

/* Store value into the field kw describes inside base (a struct mp_attrs
 * or a struct config). Returns 0, or -EINVAL with *why set. */
int kw_parse(const struct keyword *kw, const char *value, void *base,
	     const char **why);

/* The field's value in config syntax, quoted when a string. */
void kw_format(const struct keyword *kw, const void *base, char *buf,
	       size_t len);

int cfg_parse_find(const char *s, enum find_multipaths *out);

/* Copy attribute a (value and origin) from src to dst. */
void cfg_attr_copy(struct cfg_attrs *dst, const struct cfg_attrs *src,
		   enum cfg_attr a);

/* multipath-tools 0.9 built-in values of every map attribute. */
void cfg_builtin_attrs(struct mp_attrs *a);

/* A stable copy of name for origins. NULL without memory. */
const char *cfg_intern(struct config *cfg, const char *name);

/* New zeroed entries appended to their arrays; NULL without memory. */
struct cfg_device *cfg_add_device(struct config *cfg);
struct cfg_multipath *cfg_add_multipath(struct config *cfg);
struct cfg_protocol *cfg_add_protocol(struct config *cfg);
struct cfg_filter *cfg_add_filter(struct cfg_filters *f);
/* Drop the last entry added (it turned out invalid). */
void cfg_drop_device(struct config *cfg);
void cfg_drop_multipath(struct config *cfg);
void cfg_drop_protocol(struct config *cfg);
void cfg_drop_filter(struct cfg_filters *f);

/* Prepare a finished entry's regexes (user entries, to report bad ones
 * where they are written). Returns 0, or -EINVAL with the failing pattern
 * in *bad and the reason in why. */
int cfg_device_prepare(struct cfg_device *d, const char **bad, char *why,
		       size_t why_len);
int cfg_filter_prepare(struct cfg_filter *f, const char **bad, char *why,
		       size_t why_len);

/* A device entry's product_blacklist as a blacklist device entry (vendor,
 * bl_product), unless the blacklist already holds that pair, as
 * multipath-tools does. Returns 0, -ENOMEM, or -EINVAL with *bad and why
 * set (the entry is not added). */
int cfg_blacklist_product(struct config *cfg, const struct cfg_device *d,
			  const char **bad, char *why, size_t why_len);

/* Each line of text (len bytes) holding binary data (NUL or a control
 * byte) is reported as an error naming name:line and blanked with spaces,
 * so the text reads as a C string and the rest of the file still counts.
 * Returns how many lines were blanked. */
int cfg_blank_binary_lines(const char *name, char *text, size_t len);

/* Read the whole of a text file, its binary lines blanked (*binary: how
 * many). Missing (quietly unless warn_missing) or unreadable (with a
 * warning naming shown) is its -errno and leaves *text NULL. Returns 0 or
 * -errno. */
int cfg_read_file(int rootfd, const char *path, const char *shown,
		  int warn_missing, char **text, int *binary);

/* One line of a line-based file (bindings, wwids), newline removed. */
typedef int cfg_line_fn(void *obj, const char *name, int lineno, char *line);

/* Hand each line of text to fn, numbered from 1, until fn returns
 * non-zero; name is for messages. Returns fn's last result or -ENOMEM. */
int cfg_parse_lines(void *obj, const char *name, const char *text,
		    cfg_line_fn *fn);

/* Read path inside the root (a leading '/' is the root's own) and parse
 * it line by line. A missing file has no lines. Returns 0 when the whole
 * file was read (or there is none), -EILSEQ when lines with binary data
 * were left out (the others are parsed), another -errno when it could not
 * be read at all, or fn's negative result (-ENOMEM). */
int cfg_load_lines(void *obj, int rootfd, const char *path, cfg_line_fn *fn);

/* Appending to a line-based file multipath-tools writes too (bindings,
 * wwids), whose text is now cur (len bytes; "" for a new file). Opens a
 * stream for the lines to add, starting with header for a new file and a
 * newline when the last line has none. Returns the stream, or NULL with
 * *err -EILSEQ (binary data, reported with name:line: the file must not
 * be rewritten) or -ENOMEM. */
FILE *cfg_append_open(const char *name, const char *header, const char *cur,
		      size_t len, char **text, size_t *size, int *err);

/* Close the stream (text as given to cfg_append_open): *out is the text
 * to append when lines were added, else NULL. err is what the caller met
 * meanwhile (-ENOMEM). Returns 0 or -ENOMEM. */
int cfg_append_close(FILE *f, char **text, size_t added, int err, char **out);
