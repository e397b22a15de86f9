/* libFuzzer target for the kernel command line parser: any bytes as the
 * text of /proc/cmdline (cut at the first NUL, as the kernel's is a C
 * string). What it returns must hold together: each list item non-empty
 * without a comma, root= set with a value exactly when its kind is (the
 * value found in the text, or the map of root=/dev/VG/LV), the numbers in
 * their ranges. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/cmdline.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void check_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check(v[i][0] && !strchr(v[i], ','));
}

/* root=/dev/VG/LV: the value is the map LVM names VG-LV, each '-' of
 * either name doubled, and both names are ones LVM allows: of
 * [A-Za-z0-9+_.-] and not starting with '-'. */
static int lv_root(const char *text, const char *value)
{
	const char *v = value;

	if (strncmp(text, "/dev/", 5) || !strncmp(text, "/dev/mapper/", 12) ||
	    !strchr(text + 5, '/'))
		return 0;
	for (text += 5; *text; text++) {
		if (*v++ != (*text == '/' ? '-' : *text))
			return 0;
		if (*text == '-' && *v++ != '-')
			return 0;
		if (strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
			   "vwxyz0123456789+_.-/") == 0 ||
		    (text[0] == '-' && text[-1] == '/'))
			return 0;
	}
	return *v == '\0' && value[0] != '-';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct boot_cmdline cl;

	if (!text)
		return 0;
	log_verbosity = 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (cmdline_parse(text, &cl)) {
		free(text);
		return 0;
	}
	check_list(cl.wwids, cl.n_wwids);
	check_list(cl.modules, cl.n_modules);
	check((cl.root.kind == ROOT_NONE) == (cl.root.value == NULL));
	check((cl.root.value == NULL) == (cl.root.text == NULL));
	if (cl.root.value) {
		check(cl.root.value[0] != '\0');
		check(strstr(cl.root.text, cl.root.value) != NULL ||
		      lv_root(cl.root.text, cl.root.value));
		check(strlen(cl.root.text) <= size);
	}
	check(cl.readonly >= -1 && cl.readonly <= 1);
	check(cl.verbosity >= -1 && cl.verbosity <= 6);
	check(cl.find_timeout >= -1 && cl.timeout >= -1);
	check(cmdline_root_timeout(&cl) >= 0);
	check(cl.disabled == 0 || cl.disabled == 1);
	cmdline_free(&cl);
	free(text);
	return 0;
}
