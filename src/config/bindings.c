/* The bindings file and user_friendly_names allocation. */
#include "config/bindings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "util/fs.h"
#include "util/str.h"

const char bindings_header[] =
	"# Multipath bindings, Version : 1.0\n"
	"# NOTE: this file is automatically maintained by the multipath program.\n"
	"# You should not need to edit this file in normal circumstances.\n"
	"#\n"
	"# Format:\n"
	"# alias wwid\n"
	"#\n";

static const struct binding *find_alias(const struct bindings *b,
					const char *alias)
{
	size_t i;

	return strmap_get(&b->by_alias, alias, &i) ? &b->v[i] : NULL;
}

const char *bindings_alias(const struct bindings *b, const char *wwid)
{
	size_t i;

	return strmap_get(&b->by_wwid, wwid, &i) ? b->v[i].alias : NULL;
}

/* Index v[i]; the first binding of a key keeps it. */
static int index_one(struct bindings *b, size_t i)
{
	return strmap_add(&b->by_wwid, b->v[i].wwid, i) < 0 ||
	       strmap_add(&b->by_alias, b->v[i].alias, i) < 0 ? -ENOMEM : 0;
}

static int reindex(struct bindings *b)
{
	size_t i;

	strmap_free(&b->by_wwid);
	strmap_free(&b->by_alias);
	for (i = 0; i < b->n; i++)
		if (index_one(b, i))
			return -ENOMEM;
	return 0;
}

static int add(struct bindings *b, const char *alias, const char *wwid)
{
	struct binding *v = realloc(b->v, (b->n + 1) * sizeof(*v));
	char *a, *w;

	if (!v)
		return -ENOMEM;
	b->v = v;
	a = strdup(alias);
	w = strdup(wwid);
	if (!a || !w) {
		free(a);
		free(w);
		return -ENOMEM;
	}
	v[b->n].alias = a;
	v[b->n].wwid = w;
	b->n++;
	return index_one(b, b->n - 1);
}

/* One line; '#' starts a comment. Like multipath-tools: the first binding of
 * a WWID counts; an alias bound twice would give two LUNs one name, so the
 * later line is refused. */
static int parse_line(void *obj, const char *name, int lineno, char *line)
{
	struct bindings *b = obj;
	char *save = NULL, *alias, *wwid;

	line[strcspn(line, "#")] = '\0';
	alias = strtok_r(line, " \t\r", &save);
	if (!alias)
		return 0;
	wwid = strtok_r(NULL, " \t\r", &save);
	if (!wwid) {
		log_warn("%s:%d: no WWID after alias '%s', line ignored", name,
			 lineno, alias);
		return 0;
	}
	if (strtok_r(NULL, " \t\r", &save))
		log_warn("%s:%d: text after the WWID ignored", name, lineno);
	if (bindings_alias(b, wwid)) {
		log_warn("%s:%d: WWID %s is already bound to %s, line ignored",
			 name, lineno, wwid, bindings_alias(b, wwid));
		return 0;
	}
	if (find_alias(b, alias)) {
		log_warn("%s:%d: alias %s is already bound to %s, line ignored",
			 name, lineno, alias, find_alias(b, alias)->wwid);
		return 0;
	}
	return add(b, alias, wwid);
}

int bindings_parse(struct bindings *b, const char *name, const char *text)
{
	return cfg_parse_lines(b, name, text, parse_line);
}

int bindings_load(struct bindings *b, int rootfd, const char *path)
{
	int r = cfg_load_lines(b, rootfd, path, parse_line);

	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		b->incomplete = 1;
		log_err("%s: not read completely: it is not rewritten, and LUNs "
			"without a name in it are named by their WWID (a new "
			"name could clash with one in the lines left out)",
			path);
	}
	return 0;
}

int bindings_name(const char *prefix, unsigned long id, char *buf,
		  size_t len)
{
	char rev[16];
	size_t n = 0, plen = strlen(prefix), i;

	/* bijective base 26: no zero digit, so z + 1 is aa */
	for (; id > 0 && n < sizeof(rev); id = (id - 1) / 26)
		rev[n++] = 'a' + (id - 1) % 26;
	if (n == 0 || plen + n >= len)
		return -1;
	memcpy(buf, prefix, plen);
	for (i = 0; i < n; i++)
		buf[plen + i] = rev[n - 1 - i];
	buf[plen + n] = '\0';
	return (int)(plen + n);
}

unsigned long bindings_id(const char *prefix, const char *name)
{
	size_t plen = strlen(prefix), n;
	unsigned long id = 0;
	const char *c;

	if (strncmp(name, prefix, plen))
		return 0;
	n = strlen(name + plen);
	if (n < 1 || n > BINDINGS_ID_LETTERS)
		return 0;
	for (c = name + plen; *c; c++) {
		if (*c < 'a' || *c > 'z')
			return 0;
		id = id * 26 + (unsigned long)(*c - 'a') + 1;
	}
	return id;
}

int bindings_set(struct bindings *b, const struct binding *v, size_t n)
{
	size_t i, k;
	/* per v[i]: NULL append, else the binding whose alias it replaces,
	 * or v + i itself: nothing to do */
	const struct binding **act = calloc(n + 1, sizeof(*act));
	struct binding *grown = realloc(b->v, (b->n + n + 1) * sizeof(*grown));
	int changed = 0, rc = 0;

	if (grown)
		b->v = grown;
	if (!act || !grown) {
		rc = -ENOMEM;
		goto out;
	}
	/* Decide against the bindings as they were (the index is not
	 * updated until the end), then change them. */
	for (i = 0; i < n; i++) {
		const struct binding *other = find_alias(b, v[i].alias);

		if (other && strcmp(other->wwid, v[i].wwid))
			log_warn("%s: %s is bound to %s: not binding it",
				 v[i].wwid, v[i].alias, other->wwid);
		act[i] = other ? &v[i] :
			 strmap_get(&b->by_wwid, v[i].wwid, &k) ? &b->v[k] :
			 NULL;
	}
	for (i = 0; i < n && !rc; i++) {
		struct binding *e = (struct binding *)act[i];
		char *a = act[i] == &v[i] ? NULL : strdup(v[i].alias);
		char *w = e || act[i] == &v[i] ? NULL : strdup(v[i].wwid);

		if (act[i] == &v[i])
			continue;
		if (!a || (!e && !w)) {
			free(a);
			free(w);
			rc = -ENOMEM;
		} else if (e) {
			free(e->alias);
			e->alias = a;
		} else {
			b->v[b->n].alias = a;
			b->v[b->n].wwid = w;
			b->n++;
		}
		changed += !rc;
	}
	if (changed && reindex(b))
		rc = -ENOMEM;
out:
	free(act);
	return rc ? rc : changed;
}

struct bindings_update {
	const struct bindings *b;
	const char *name;
};

int bindings_append_text(const struct bindings *b, const char *name,
			 const char *cur, size_t len, char **out)
{
	struct bindings now = { 0 };
	char *text;
	size_t size = 0, i, added = 0;
	int r = 0;
	FILE *f = cfg_append_open(name, bindings_header, cur, len, &text,
				  &size, &r);

	*out = NULL;
	if (!f)
		return r;
	/* what is in the file now, maybe written by multipath meanwhile */
	r = bindings_parse(&now, name, cur);
	for (i = 0; i < b->n && !r; i++) {
		const struct binding *mine = &b->v[i];
		const char *alias = bindings_alias(&now, mine->wwid);
		const struct binding *other = find_alias(&now, mine->alias);

		if (alias && !strcmp(alias, mine->alias))
			continue;	/* there already */
		if (alias)
			log_warn("%s: %s is bound to %s there now: %s not saved",
				 name, mine->wwid, alias, mine->alias);
		else if (other)
			log_warn("%s: %s is bound to %s there now: %s %s not "
				 "saved", name, mine->alias, other->wwid,
				 mine->alias, mine->wwid);
		if (alias || other)
			continue;
		fprintf(f, "%s %s\n", mine->alias, mine->wwid);
		r = add(&now, mine->alias, mine->wwid);
		added++;
	}
	bindings_free(&now);
	return cfg_append_close(f, &text, added, r, out);
}

static int update_bindings(void *ctx, const char *cur, size_t len,
			   char **out)
{
	const struct bindings_update *u = ctx;

	return bindings_append_text(u->b, u->name, cur, len, out);
}

int bindings_save(const struct bindings *b, int rootfd, const char *path)
{
	struct bindings_update u = { b, path };
	int r;

	if (b->incomplete)
		return -EILSEQ;
	r = fs_update(rootfd, path, FS_APPEND, update_bindings, &u);
	if (r && r != -EILSEQ)
		log_warn("%s: cannot save new bindings: %s", path,
			 fs_strerror(r));
	return r;
}

void bindings_free(struct bindings *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].alias);
		free(b->v[i].wwid);
	}
	free(b->v);
	strmap_free(&b->by_wwid);
	strmap_free(&b->by_alias);
	b->v = NULL;
	b->n = 0;
	b->incomplete = 0;
}
