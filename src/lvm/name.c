#include "lvm/name.h"

#include <string.h>

static int name_char_ok(char c, int kernel_name)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z'))
		return 1;
	if (c == '!')
		return kernel_name;
	return c && strchr("#+-.:=@_", c) != NULL;
}

const char *lvm_name_refused(const char *name, int kernel_name)
{
	const char *c;

	if (!name || !*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return "not a device name";
	for (c = name; *c; c++)
		if (!name_char_ok(*c, kernel_name))
			return "a character outside [0-9A-Za-z#+-.:=@_] would "
			       "not appear as itself under /dev";
	return NULL;
}
