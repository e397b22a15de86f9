#include "util/str.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t str_copy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

int str_to_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min || v > max)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

int str_binary_line(const char *text, size_t len)
{
	int line = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = text[i];

		if (c == '\n')
			line++;
		else if (c == 0 || c == 0x7f ||
			 (c < 0x20 && !strchr("\t\r\v\f", c)))
			return line;
	}
	return 0;
}
