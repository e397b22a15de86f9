/* The partition delimiter a root's files give: mpboot's own setting, else
 * the udev rule that runs kpartx there (see kpartx.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kpartx/kpartx.h"
#include "log.h"
#include "util/fs.h"

/* udev's rules directories, the first hiding a file of the same name in
 * the others; /lib is /usr/lib on a merged /usr, else Debian's older
 * place. */
static const char *const rules_dirs[] = {
	"etc/udev/rules.d", "run/udev/rules.d", "usr/local/lib/udev/rules.d",
	"usr/lib/udev/rules.d", "lib/udev/rules.d",
};
#define N_RULES_DIRS (sizeof(rules_dirs) / sizeof(rules_dirs[0]))

struct rules_file {
	char *name;
	unsigned dir;
};

static int cmp_files(const void *a, const void *b)
{
	const struct rules_file *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->dir > y->dir) - (x->dir < y->dir);
}

static int is_rules(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 6 && !strcmp(name + n - 6, ".rules");
}

/* Append the *.rules names of rules_dirs[dir] to *v. */
static int list_dir(int rootfd, unsigned dir, struct rules_file **v,
		    size_t *n)
{
	int fd = fs_open(rootfd, rules_dirs[dir],
			 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	int r = 0;
	DIR *d;

	if (fd < 0)
		return 0;	/* no such directory: nothing there */
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -ENOMEM;
	}
	while ((de = readdir(d)) && !r) {
		struct rules_file *w;

		if (!is_rules(de->d_name))
			continue;
		w = realloc(*v, (*n + 1) * sizeof(*w));
		if (!w) {
			r = -ENOMEM;
			break;
		}
		*v = w;
		w[*n].dir = dir;
		w[*n].name = strdup(de->d_name);
		if (!w[*n].name)
			r = -ENOMEM;
		else
			(*n)++;
	}
	closedir(d);
	return r;
}

/* The rules files udev reads, in its order; of the same name only the
 * first directory's. Returns 0 or -ENOMEM. */
static int list_rules(int rootfd, struct rules_file **out, size_t *n_out)
{
	struct rules_file *v = NULL;
	size_t n = 0, i, k = 0;
	unsigned dir;
	int r = 0;

	for (dir = 0; dir < N_RULES_DIRS && !r; dir++)
		r = list_dir(rootfd, dir, &v, &n);
	if (n)
		qsort(v, n, sizeof(*v), cmp_files);
	for (i = 0; i < n; i++) {
		if (k && !strcmp(v[k - 1].name, v[i].name)) {
			free(v[i].name);
			continue;
		}
		v[k++] = v[i];
	}
	if (r) {
		for (i = 0; i < k; i++)
			free(v[i].name);
		free(v);
		v = NULL;
		k = 0;
	}
	*out = v;
	*n_out = k;
	return r;
}

/* The last kpartx rule of the root's udev rules into out. */
static int from_rules(int rootfd, struct kpartx_delim *out)
{
	struct rules_file *v;
	size_t n, i;
	int r = list_rules(rootfd, &v, &n);

	for (i = 0; i < n && !r; i++) {
		struct kpartx_rule rule;
		char rel[300], *text;
		int p;

		snprintf(rel, sizeof(rel), "%s/%s", rules_dirs[v[i].dir],
			 v[i].name);
		/* masked (a link to /dev/null), unreadable: no rules */
		p = fs_slurp(rootfd, rel, &text, NULL);
		if (p == -ENOMEM)
			r = p;
		if (p)
			continue;
		p = kpartx_rules_parse(text, &rule);
		free(text);
		if (p) {
			log_warn("/%s:%u: kpartx's -p has a value mpboot cannot "
				 "use: rule ignored", rel, rule.line);
			continue;
		}
		if (rule.kind == KPARTX_RULE_NONE)
			continue;
		out->kind = rule.kind;
		memcpy(out->delim, rule.delim, sizeof(out->delim));
		snprintf(out->source, sizeof(out->source), "/%s:%u", rel,
			 rule.line);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	return r;
}

int kpartx_delim_value(const char *value, struct kpartx_delim *out)
{
	if (!strcmp(value, KPARTX_DELIM_DEFAULT)) {
		out->kind = KPARTX_RULE_DEFAULT;
		out->delim[0] = '\0';
		return 0;
	}
	if (kpartx_delim_check(value))
		return -EINVAL;
	out->kind = KPARTX_RULE_DELIM;
	strcpy(out->delim, value);
	return 0;
}

/* etc/mpboot/part-delim: its first line. Returns 0 when it gave one. */
static int from_file(int rootfd, struct kpartx_delim *out)
{
	char *text;
	int r = fs_slurp(rootfd, KPARTX_DELIM_FILE, &text, NULL);

	if (r == -ENOMEM)
		return r;
	if (r)
		return -ENOENT;
	text[strcspn(text, "\n")] = '\0';
	r = kpartx_delim_value(text, out);
	if (r)
		log_warn("/%s: '%s' cannot be a partition delimiter (at most "
			 "%d characters, no '/', blank, quote, '$' or '%%'): "
			 "ignored", KPARTX_DELIM_FILE, text, KPARTX_DELIM_MAX);
	else
		snprintf(out->source, sizeof(out->source), "/%s",
			 KPARTX_DELIM_FILE);
	free(text);
	return r ? -ENOENT : 0;
}

int kpartx_root_delim(int rootfd, struct kpartx_delim *out)
{
	int r;

	memset(out, 0, sizeof(*out));
	r = from_file(rootfd, out);
	if (r != -ENOENT)
		return r;
	memset(out, 0, sizeof(*out));
	return from_rules(rootfd, out);
}
