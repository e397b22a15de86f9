/* struct config's life: built-in defaults, entry storage, regexes, the
 * command line on top, and freeing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/cmdline.h"
#include "config/internal.h"
#include "util/str.h"

static const char builtin[] = "built-in";

/* mpboot only assembles SCSI disks: anything else is left alone, as
 * multipath-tools' own devnode default does for what it cannot handle. */
static const char default_devnode_filter[] = "!^sd[a-z]";

int config_init(struct config *cfg)
{
	struct cfg_filter *f;
	const char *bad;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ready = 1;
	cfg->verbosity = 2;
	cfg->polling_interval = 5;
	cfg->max_polling_interval = 4 * cfg->polling_interval;
	/* Not multipath-tools' strict: strict builds nothing in an initramfs
	 * that carries no wwids file. */
	cfg->find_multipaths = FIND_ON;
	cfg->find_multipaths_timeout = -10;
	str_copy(cfg->bindings_file, "/etc/multipath/bindings",
		 sizeof(cfg->bindings_file));
	str_copy(cfg->wwids_file, "/etc/multipath/wwids",
		 sizeof(cfg->wwids_file));
	str_copy(cfg->config_dir, "/etc/multipath/conf.d",
		 sizeof(cfg->config_dir));
	cfg_builtin_attrs(&cfg->defaults.v);
	cfg_builtin_attrs(&cfg->overrides.v);

	f = cfg_add_filter(&cfg->blacklist);
	if (!f)
		goto nomem;
	f->kind = FILTER_DEVNODE;
	str_copy(f->text, default_devnode_filter, sizeof(f->text));
	f->origin.file = builtin;
	if (cfg_filter_compile(f, &bad))
		goto nomem;
	if (hwtable_load(cfg))
		goto nomem;
	return 0;
nomem:
	config_free(cfg);
	return -ENOMEM;
}

static void free_device(struct cfg_device *d)
{
	int i;

	for (i = 0; i < 3; i++)
		if (d->own & (1u << i))
			regfree(&d->re[i]);
	free(d);
}

static void free_filters(struct cfg_filters *f)
{
	while (f->n)
		cfg_drop_filter(f);
	free(f->v);
}

void config_free(struct config *cfg)
{
	size_t i;

	while (cfg->n_devices)
		cfg_drop_device(cfg);
	free(cfg->devices);
	for (i = 0; i < cfg->n_multipaths; i++)
		free(cfg->multipaths[i]);
	free(cfg->multipaths);
	for (i = 0; i < cfg->n_protocols; i++)
		free(cfg->protocols[i]);
	free(cfg->protocols);
	free_filters(&cfg->blacklist);
	free_filters(&cfg->exceptions);
	for (i = 0; i < cfg->n_names; i++)
		free(cfg->names[i]);
	free(cfg->names);
	memset(cfg, 0, sizeof(*cfg));
}

const char *cfg_intern(struct config *cfg, const char *name)
{
	char **v;
	size_t i;

	for (i = 0; i < cfg->n_names; i++)
		if (!strcmp(cfg->names[i], name))
			return cfg->names[i];
	v = realloc(cfg->names, (cfg->n_names + 1) * sizeof(*v));
	if (!v)
		return NULL;
	cfg->names = v;
	v[cfg->n_names] = strdup(name);
	if (!v[cfg->n_names])
		return NULL;
	return v[cfg->n_names++];
}

/* Append a zeroed element of size to the pointer array *arr of *n. */
static void *add_entry(void ***arr, size_t *n, size_t size)
{
	void **v = realloc(*arr, (*n + 1) * sizeof(*v));
	void *e;

	if (!v)
		return NULL;
	*arr = v;
	e = calloc(1, size);
	if (!e)
		return NULL;
	v[(*n)++] = e;
	return e;
}

struct cfg_device *cfg_add_device(struct config *cfg)
{
	struct cfg_device *d = add_entry((void ***)&cfg->devices,
					 &cfg->n_devices, sizeof(*d));

	if (d)
		cfg_builtin_attrs(&d->attrs.v);
	return d;
}

struct cfg_multipath *cfg_add_multipath(struct config *cfg)
{
	struct cfg_multipath *m = add_entry((void ***)&cfg->multipaths,
					    &cfg->n_multipaths, sizeof(*m));

	if (m)
		cfg_builtin_attrs(&m->attrs.v);
	return m;
}

struct cfg_protocol *cfg_add_protocol(struct config *cfg)
{
	struct cfg_protocol *p = add_entry((void ***)&cfg->protocols,
					   &cfg->n_protocols, sizeof(*p));

	if (p)
		cfg_builtin_attrs(&p->attrs.v);
	return p;
}

struct cfg_filter *cfg_add_filter(struct cfg_filters *f)
{
	return add_entry((void ***)&f->v, &f->n, sizeof(struct cfg_filter));
}

void cfg_drop_device(struct config *cfg)
{
	free_device(cfg->devices[--cfg->n_devices]);
}

void cfg_drop_multipath(struct config *cfg)
{
	free(cfg->multipaths[--cfg->n_multipaths]);
}

void cfg_drop_protocol(struct config *cfg)
{
	free(cfg->protocols[--cfg->n_protocols]);
}

void cfg_drop_filter(struct cfg_filters *f)
{
	struct cfg_filter *e = f->v[--f->n];

	if (e->compiled) {
		regfree(&e->re);
		if (e->kind == FILTER_DEVICE)
			regfree(&e->re_product);
	}
	free(e);
}

/* Repetition that regcomp would expand into a huge automaton: stacked
 * quantifiers ("a++", exponential in glibc) or bounds multiplying past a
 * few thousand copies. Nothing a device name or WWID needs. */
static int too_costly(const char *s)
{
	unsigned long copies = 1;
	int after_atom = 0;	/* a quantifier may follow */

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			after_atom = 1;
		} else if (*s == '[') {
			s++;
			if (*s == '^')
				s++;
			if (*s == ']')
				s++;
			while (*s && *s != ']')
				s++;
			if (!*s)
				return 0;	/* regcomp reports it */
			after_atom = 1;
		} else if (*s == '*' || *s == '+' || *s == '?' || *s == '{') {
			unsigned long n = 0, m = 0;

			if (!after_atom)
				return 1;
			after_atom = 0;
			if (*s != '{')
				continue;
			while (*++s >= '0' && *s <= '9' && n < 100000)
				n = n * 10 + (*s - '0');
			if (*s == ',')
				while (*++s >= '0' && *s <= '9' && m < 100000)
					m = m * 10 + (*s - '0');
			copies *= (m > n ? m : n) + 1;
			if (copies > 4096)
				return 1;
			if (!*s)
				return 0;
		} else {
			after_atom = *s != '|' && *s != '(' && *s != '^';
		}
	}
	return 0;
}

int cfg_regcomp(regex_t *re, const char *pattern)
{
	char buf[300];

	if (too_costly(pattern[0] == '*' ? pattern + 1 : pattern))
		return REG_BADRPT;
	if (pattern[0] == '*') {
		snprintf(buf, sizeof(buf), ".%s", pattern);
		pattern = buf;
	}
	return regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
}

int cfg_regmatch(const regex_t *re, const char *text)
{
	return regexec(re, text ? text : "", 0, NULL, 0) == 0;
}

/* Compile the regexes of a device entry; "" matches anything and needs
 * none. On failure nothing stays allocated. */
int cfg_device_compile(struct cfg_device *d, const char **bad)
{
	const char *pat[3] = { d->vendor, d->product, d->revision };
	int i;

	for (i = 0; i < 3; i++) {
		if (!pat[i][0])
			continue;
		if (cfg_regcomp(&d->re[i], pat[i])) {
			*bad = pat[i];
			while (i--)
				if (d->own & (1u << i))
					regfree(&d->re[i]);
			d->own = 0;
			return -EINVAL;
		}
		d->own |= 1u << i;
		d->match[i] = &d->re[i];
	}
	return 0;
}

int cfg_filter_compile(struct cfg_filter *f, const char **bad)
{
	const char *text = f->text;

	/* '!' inverts a single regex; a device entry's vendor is taken as is */
	f->invert = f->kind != FILTER_DEVICE && text[0] == '!';
	if (cfg_regcomp(&f->re, text + f->invert)) {
		*bad = f->text;
		return -EINVAL;
	}
	if (f->kind == FILTER_DEVICE &&
	    cfg_regcomp(&f->re_product, f->product)) {
		regfree(&f->re);
		*bad = f->product;
		return -EINVAL;
	}
	f->compiled = 1;
	return 0;
}

int config_has_multipath(const struct config *cfg, const char *wwid)
{
	size_t i;

	for (i = 0; i < cfg->n_multipaths; i++)
		if (!strcmp(cfg->multipaths[i]->wwid, wwid))
			return 1;
	return 0;
}

void config_apply_cmdline(struct config *cfg, const struct boot_cmdline *cl)
{
	static const struct cfg_origin cmdline = { "cmdline", 0 };

	if (cl->find_multipaths >= 0) {
		cfg->find_multipaths = cl->find_multipaths;
		cfg->gfrom[CG_FIND_MULTIPATHS] = cmdline;
	}
	if (cl->timeout >= 0) {
		cfg->find_multipaths_timeout = cl->timeout;
		cfg->gfrom[CG_FIND_MULTIPATHS_TIMEOUT] = cmdline;
	}
	if (cl->verbosity >= 0) {
		cfg->verbosity = cl->verbosity;
		cfg->gfrom[CG_VERBOSITY] = cmdline;
	}
}
