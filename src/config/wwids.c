/* The wwids file: known multipath WWIDs. */
#include "config/wwids.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

const char wwids_header[] =
	"# Multipath wwids, Version : 1.0\n"
	"# NOTE: This file is automatically maintained by multipath and multipathd.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Valid WWIDs:\n";

int wwids_contains(const struct wwids *w, const char *wwid)
{
	size_t i;

	return strmap_get(&w->index, wwid, &i);
}

int wwids_add(struct wwids *w, const char *wwid)
{
	char **v, *copy;

	if (!wwid[0] || strpbrk(wwid, "/\n"))
		return -EINVAL;
	if (wwids_contains(w, wwid))
		return 0;
	v = realloc(w->v, (w->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	w->v = v;
	copy = strdup(wwid);
	if (!copy)
		return -ENOMEM;
	v[w->n] = copy;
	if (strmap_add(&w->index, copy, w->n) < 0) {
		free(copy);
		return -ENOMEM;
	}
	w->n++;
	return 1;
}

/* "/wwid/" with optional blanks around; '#' lines are comments, and also
 * how multipath-tools marks a removed WWID. */
static int parse_line(void *obj, const char *name, int lineno, char *line)
{
	struct wwids *w = obj;
	char *end;
	int r;

	line += strspn(line, " \t");
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
			      end[-1] == '\r'))
		*--end = '\0';
	if (!line[0] || line[0] == '#')
		return 0;
	if (line[0] != '/' || end - line < 3 || end[-1] != '/' ||
	    memchr(line + 1, '/', end - line - 2)) {
		log_warn("%s:%d: expected /wwid/, line ignored", name, lineno);
		return 0;
	}
	end[-1] = '\0';
	r = wwids_add(w, line + 1);
	return r == -ENOMEM ? r : 0;
}

int wwids_parse(struct wwids *w, const char *name, const char *text)
{
	return cfg_parse_lines(w, name, text, parse_line);
}

int wwids_load(struct wwids *w, int rootfd, const char *path)
{
	int r = cfg_load_lines(w, rootfd, path, parse_line);

	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		w->incomplete = 1;
		log_err("%s: not read completely: it is not rewritten", path);
	}
	return 0;
}

struct wwids_update {
	const struct wwids *w;
	const char *name;
};

int wwids_append_text(const struct wwids *w, const char *name,
		      const char *cur, size_t len, char **out)
{
	struct wwids now = { 0 };
	char *text;
	size_t size = 0, i, added = 0;
	int r = 0;
	FILE *f = cfg_append_open(name, wwids_header, cur, len, &text, &size,
				  &r);

	*out = NULL;
	if (!f)
		return r;
	r = wwids_parse(&now, name, cur);
	for (i = 0; i < w->n && r >= 0; i++) {
		r = wwids_add(&now, w->v[i]);
		if (r == 1) {
			fprintf(f, "/%s/\n", w->v[i]);
			added++;
		}
	}
	wwids_free(&now);
	return cfg_append_close(f, &text, added, r, out);
}

static int update_wwids(void *ctx, const char *cur, size_t len, char **out)
{
	const struct wwids_update *u = ctx;

	return wwids_append_text(u->w, u->name, cur, len, out);
}

int wwids_save(const struct wwids *w, int rootfd, const char *path)
{
	struct wwids_update u = { w, path };
	int r;

	if (w->incomplete)
		return -EILSEQ;
	r = fs_update(rootfd, path, FS_APPEND, update_wwids, &u);
	if (r && r != -EILSEQ)
		log_warn("%s: cannot save WWIDs: %s", path, fs_strerror(r));
	return r;
}

void wwids_free(struct wwids *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	strmap_free(&w->index);
	w->v = NULL;
	w->n = 0;
	w->incomplete = 0;
}
