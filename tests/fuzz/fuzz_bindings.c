/* The bindings and wwids readers, the merge that appends to a file another
 * writer may have changed, and the kernel command line parser, on
 * arbitrary bytes (NULs and control bytes included): what one reads must
 * format and read back the same, a file with binary data is never
 * appended to, and an append never loses a line of the file. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/bindings.h"
#include "config/cmdline.h"
#include "config/internal.h"
#include "config/wwids.h"
#include "log.h"
#include "util/str.h"

static int alias_taken(const struct bindings *b, const char *alias)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].alias, alias))
			return 1;
	return 0;
}

/* The whole text of a new file holding b (or w): what the save path
 * appends to an empty file; NULL for an empty set. */
static char *bindings_text(const struct bindings *b)
{
	char *out = NULL;

	return bindings_append_text(b, "new", "", 0, &out) ? NULL : out;
}

static char *wwids_text(const struct wwids *w)
{
	char *out = NULL;

	return wwids_append_text(w, "new", "", 0, &out) ? NULL : out;
}

/* file + appended, as one C string */
static char *joined(const char *file, size_t len, const char *more)
{
	char *t = malloc(len + strlen(more) + 1);

	if (t) {
		memcpy(t, file, len);
		strcpy(t + len, more);
	}
	return t;
}

static void check_bindings(const char *clean, const char *raw, size_t size)
{
	struct bindings b = { 0 }, again = { 0 }, file = { 0 }, merged = { 0 };
	char *out, *out2, *add = NULL, *all;
	size_t i;

	if (bindings_parse(&b, "bindings", clean))
		goto done;
	bindings_set(&b, (struct binding[]){ { "mpathfuzz", "36001405fuzz" },
					     { "mpatha", "36001405fuzz2" } }, 2);
	out = bindings_text(&b);
	if (out && bindings_parse(&again, "again", out) == 0) {
		out2 = bindings_text(&again);
		if (out2 && strcmp(out, out2))
			abort();
		free(out2);
	}
	free(out);
	/* the file as another writer left it: raw, maybe with binary data */
	if (bindings_append_text(&b, "f", raw, size, &add) == -EILSEQ) {
		if (!str_binary_line(raw, size) || add)
			abort();
		goto done;
	}
	if (str_binary_line(raw, size))
		abort();
	all = add ? joined(raw, size, add) : NULL;
	if (all && !bindings_parse(&file, "f", raw) &&
	    !bindings_parse(&merged, "m", all)) {
		for (i = 0; i < file.n; i++)	/* no line of the file lost */
			if (!bindings_alias(&merged, file.v[i].wwid) ||
			    strcmp(bindings_alias(&merged, file.v[i].wwid),
				   file.v[i].alias))
				abort();
		for (i = 0; i < b.n; i++)	/* ours, unless taken */
			if (!bindings_alias(&merged, b.v[i].wwid) &&
			    !bindings_alias(&file, b.v[i].wwid) &&
			    !alias_taken(&file, b.v[i].alias))
				abort();
	}
	free(all);
	free(add);
done:
	bindings_free(&merged);
	bindings_free(&file);
	bindings_free(&again);
	bindings_free(&b);
}

static void check_wwids(const char *clean, const char *raw, size_t size)
{
	struct wwids w = { 0 }, again = { 0 }, merged = { 0 };
	char *out, *out2, *add = NULL, *all;

	if (wwids_parse(&w, "wwids", clean))
		goto done;
	wwids_add(&w, "36001405fuzz");
	out = wwids_text(&w);
	if (out && wwids_parse(&again, "again", out) == 0) {
		out2 = wwids_text(&again);
		if (out2 && strcmp(out, out2))
			abort();
		free(out2);
	}
	free(out);
	if (wwids_append_text(&w, "f", raw, size, &add) == -EILSEQ) {
		if (!str_binary_line(raw, size) || add)
			abort();
		goto done;
	}
	all = add ? joined(raw, size, add) : NULL;
	if (all && !wwids_parse(&merged, "m", all) &&
	    !wwids_contains(&merged, "36001405fuzz"))
		abort();
	free(all);
	free(add);
done:
	wwids_free(&merged);
	wwids_free(&again);
	wwids_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct boot_cmdline cl;
	char *raw, *clean;

	log_verbosity = 0;
	raw = malloc(size + 1);
	clean = malloc(size + 1);
	if (!raw || !clean)
		goto out;
	memcpy(raw, data, size);
	raw[size] = '\0';
	memcpy(clean, raw, size + 1);
	/* what the loaders do: no NUL may be left to cut the text short */
	cfg_blank_binary_lines("fuzz", clean, size);
	if (strlen(clean) != size || str_binary_line(clean, size))
		abort();
	check_bindings(clean, raw, size);
	check_wwids(clean, raw, size);
	if (cmdline_parse(clean, &cl) == 0)
		cmdline_free(&cl);
out:
	free(clean);
	free(raw);
	return 0;
}
