/* The initramfs' list of modules to load (/etc/mpboot/modules). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "boot/boot.h"

int boot_modlist_parse(const char *text, char ***list, size_t *n)
{
	static const char blanks[] = " \t\r\v\f";
	const char *s = text;

	while (*s) {
		const char *line = s, *end = s + strcspn(s, "\n");
		char **v;

		s = *end ? end + 1 : end;
		while (line < end && strchr(blanks, *line))
			line++;
		while (end > line && strchr(blanks, end[-1]))
			end--;
		if (line == end || *line == '#')
			continue;
		v = realloc(*list, (*n + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		*list = v;
		v[*n] = strndup(line, end - line);
		if (!v[*n])
			return -ENOMEM;
		(*n)++;
	}
	return 0;
}
