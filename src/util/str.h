#pragma once

#include <stddef.h>

/* Copy src into dst (size bytes), always terminated. Returns the length of
 * src, so a result >= size means it was cut. */
size_t str_copy(char *dst, const char *src, size_t size);

/* A decimal int in [min, max] and nothing else. Returns 0 or -EINVAL. */
int str_to_int(const char *s, int min, int max, int *out);

/* The line (from 1) of the first byte of text[0..len) that has no place in
 * a text file: NUL, or a control character other than tab, newline, CR,
 * VT and FF. 0 when there is none. */
int str_binary_line(const char *text, size_t len);
