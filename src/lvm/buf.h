/* A growing string for the lvm module's output. Appends never fail on the
 * spot: an allocation failure is remembered and reported once, by
 * lvm_buf_finish, so the formatting code stays a straight line. */
#pragma once

#include <stddef.h>

struct lvm_buf {
	char *s;
	size_t len, cap;
	int failed;
};

void lvm_buf_add(struct lvm_buf *b, const char *s, size_t n);
void lvm_buf_str(struct lvm_buf *b, const char *s);

/* Hand the text over: 0 with *out set, or -ENOMEM (buffer freed). */
int lvm_buf_finish(struct lvm_buf *b, char **out);

/* Drop the text after an error of the caller's own. */
void lvm_buf_free(struct lvm_buf *b);
