/* The bindings file and user_friendly_names allocation. */
#include "config/bindings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"

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

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].alias, alias))
			return &b->v[i];
	return NULL;
}

const char *bindings_alias(const struct bindings *b, const char *wwid)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].wwid, wwid))
			return b->v[i].alias;
	return NULL;
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
	return 0;
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
	return cfg_load_lines(b, rootfd, path, parse_line);
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

int bindings_set(struct bindings *b, const char *alias, const char *wwid)
{
	const struct binding *other = find_alias(b, alias);
	char *a;
	size_t i;

	if (other)
		return strcmp(other->wwid, wwid) ? -EEXIST : 0;
	for (i = 0; i < b->n && strcmp(b->v[i].wwid, wwid); i++)
		;
	if (i == b->n)
		return add(b, alias, wwid) ? -ENOMEM : 1;
	a = strdup(alias);
	if (!a)
		return -ENOMEM;
	free(b->v[i].alias);
	b->v[i].alias = a;
	return 1;
}

char *bindings_format(const struct bindings *b)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fputs(bindings_header, f);
	for (i = 0; i < b->n; i++)
		fprintf(f, "%s %s\n", b->v[i].alias, b->v[i].wwid);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

void bindings_free(struct bindings *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].alias);
		free(b->v[i].wwid);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}
