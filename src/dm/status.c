#include "dm/status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tokens {
	const char *p;
	char tok[128];
};

/* Next space-separated word, or NULL at the end (or when too long). */
static const char *next(struct tokens *t)
{
	size_t n = 0;

	while (*t->p == ' ' || *t->p == '\t' || *t->p == '\n')
		t->p++;
	if (!*t->p)
		return NULL;
	while (*t->p && *t->p != ' ' && *t->p != '\t' && *t->p != '\n') {
		if (n + 1 >= sizeof(t->tok))
			return NULL;
		t->tok[n++] = *t->p++;
	}
	t->tok[n] = '\0';
	return t->tok;
}

static int next_num(struct tokens *t, long *out)
{
	const char *w = next(t);
	char *end;

	if (!w)
		return -EINVAL;
	*out = strtol(w, &end, 10);
	return *end || *out < 0 ? -EINVAL : 0;
}

static int skip(struct tokens *t, long n)
{
	while (n-- > 0)
		if (!next(t))
			return -EINVAL;
	return 0;
}

static int cmp_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read "<count> words..." into a sorted, space-separated string. */
static int read_features(struct tokens *t, char *out, size_t len)
{
	char words[16][64], *sorted[16];
	long n, i;
	size_t off = 0;

	if (next_num(t, &n) || n > 16)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		const char *w = next(t);

		if (!w || strlen(w) >= sizeof(words[i]))
			return -EINVAL;
		strcpy(words[i], w);
		sorted[i] = words[i];
	}
	qsort(sorted, n, sizeof(*sorted), cmp_words);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		off += snprintf(out + off, off < len ? len - off : 0, "%s%s",
				i ? " " : "", sorted[i]);
	return off < len ? 0 : -EINVAL;
}

static int read_dev(const char *w, struct mpt_path *p)
{
	char tail;

	return sscanf(w, "%u:%u%c", &p->major, &p->minor, &tail) == 2 ?
		0 : -EINVAL;
}

/* Room for n more paths. A path takes at least two characters of the
 * line, which bounds what garbage can make us allocate. */
static int reserve_paths(struct mpt *m, size_t *cap, long n, size_t line_len)
{
	struct mpt_path *v;
	size_t want;

	if (n < 0 || (size_t)n > line_len / 2 || m->n_paths + n > line_len / 2)
		return -EINVAL;
	want = m->n_paths + n;
	if (want <= *cap)
		return 0;
	v = realloc(m->paths, want * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memset(v + m->n_paths, 0, n * sizeof(*v));
	m->paths = v;
	*cap = want;
	return 0;
}

static int parse_line(const char *line, struct mpt *m, int status)
{
	struct tokens t = { .p = line };
	size_t len = strlen(line), cap = 0;
	long hw, ng, initial, g;
	const char *w;
	int rc;

	if (read_features(&t, m->features, sizeof(m->features)))
		return -EINVAL;
	if (next_num(&t, &hw))
		return -EINVAL;
	if (hw > 0) {
		if (!(w = next(&t)) || strlen(w) >= sizeof(m->hwhandler))
			return -EINVAL;
		if (!status)
			strcpy(m->hwhandler, w);
		if (skip(&t, hw - 1))
			return -EINVAL;
	}
	/* a group takes at least four characters */
	if (next_num(&t, &ng) || next_num(&t, &initial) ||
	    (size_t)ng > len / 4 || initial > ng)
		return -EINVAL;
	m->initial_pg = initial;
	m->groups = calloc(ng ? ng : 1, sizeof(*m->groups));
	if (!m->groups)
		return -ENOMEM;
	for (g = 0; g < ng; g++) {
		struct mpt_group *grp = &m->groups[g];
		long nsel, npaths, nargs, i;

		if (!(w = next(&t)))
			return -EINVAL;
		if (status) {
			if (strlen(w) != 1)
				return -EINVAL;
			grp->state = w[0];
		} else {
			if (strlen(w) >= sizeof(grp->selector))
				return -EINVAL;
			strcpy(grp->selector, w);
		}
		if (next_num(&t, &nsel) || skip(&t, nsel) ||
		    next_num(&t, &npaths) || next_num(&t, &nargs))
			return -EINVAL;
		rc = reserve_paths(m, &cap, npaths, len);
		if (rc)
			return rc;
		grp->first = m->n_paths;
		grp->n = npaths;
		for (i = 0; i < npaths; i++) {
			struct mpt_path *p = &m->paths[m->n_paths++];
			long extra = nargs;

			if (!(w = next(&t)) || read_dev(w, p))
				return -EINVAL;
			if (status) {
				if (!(w = next(&t)) || (strcmp(w, "A") && strcmp(w, "F")))
					return -EINVAL;
				p->active = w[0] == 'A';
				if (next_num(&t, &p->arg))
					return -EINVAL;
			} else if (extra > 0) {
				if (next_num(&t, &p->arg))
					return -EINVAL;
				extra--;
			}
			if (skip(&t, extra))
				return -EINVAL;
		}
		m->n_groups++;
	}
	return next(&t) ? -EINVAL : 0;
}

static int parse(const char *line, struct mpt *m, int status)
{
	int rc;

	memset(m, 0, sizeof(*m));
	rc = parse_line(line, m, status);
	if (rc)
		mpt_free(m);
	return rc;
}

void mpt_free(struct mpt *m)
{
	free(m->groups);
	free(m->paths);
	m->groups = NULL;
	m->paths = NULL;
	m->n_groups = m->n_paths = 0;
}

int mpt_parse_table(const char *params, struct mpt *t)
{
	return parse(params, t, 0);
}

int mpt_parse_status(const char *status, struct mpt *s)
{
	return parse(status, s, 1);
}

int mpt_status_all_failed(const char *status)
{
	struct mpt s;
	size_t i;
	int failed;

	if (mpt_parse_status(status, &s))
		return 0;
	failed = s.n_paths > 0;
	for (i = 0; i < s.n_paths; i++)
		if (s.paths[i].active)
			failed = 0;
	mpt_free(&s);
	return failed;
}

int mpt_table_same(const char *ours, const char *kernel)
{
	struct mpt a, b;
	int same = 0;
	size_t i;

	if (mpt_parse_table(ours, &a))
		return 0;
	if (mpt_parse_table(kernel, &b)) {
		mpt_free(&a);
		return 0;
	}
	if (strcmp(a.features, b.features) ||
	    (a.hwhandler[0] && strcmp(a.hwhandler, b.hwhandler)) ||
	    a.n_groups != b.n_groups || a.n_paths != b.n_paths)
		goto out;
	for (i = 0; i < a.n_groups; i++)
		if (strcmp(a.groups[i].selector, b.groups[i].selector) ||
		    a.groups[i].n != b.groups[i].n)
			goto out;
	for (i = 0; i < a.n_paths; i++)
		if (a.paths[i].major != b.paths[i].major ||
		    a.paths[i].minor != b.paths[i].minor ||
		    a.paths[i].arg != b.paths[i].arg)
			goto out;
	same = 1;
out:
	mpt_free(&a);
	mpt_free(&b);
	return same;
}
