#include "lvm/name.h"

#include <errno.h>
#include <string.h>

#include "log.h"

static int name_char_ok(char c, int kernel_name)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z'))
		return 1;
	if (c == '!')
		return kernel_name;
	return c && strchr("#+-.:=@_", c) != NULL;
}

int lvm_name_check(const char *map, const char *what, const char *name,
		   int kernel_name)
{
	const char *c;

	if (!name || !*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		log_err("lvm: %s%s%s%s \"%s\" is not a device name",
			map ? "map " : "", map ? map : "", map ? ": " : "",
			what, name ? name : "");
		return -EINVAL;
	}
	for (c = name; *c; c++) {
		if (name_char_ok(*c, kernel_name))
			continue;
		log_err("lvm: %s%s%s%s \"%s\": character 0x%02x would not "
			"appear as itself under /dev; use [0-9A-Za-z#+-.:=@_] "
			"only", map ? "map " : "", map ? map : "",
			map ? ": " : "", what, name, (unsigned char)*c);
		return -EINVAL;
	}
	return 0;
}
