/* struct config's life: built-in defaults and hardware table, entry
 * storage, the command line on top, and freeing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/cmdline.h"
#include "config/hwtable.h"
#include "config/internal.h"
#include "log.h"
#include "util/str.h"

static const char builtin[] = "built-in";
static const char builtin_hwtable[] = "hwtable";

/* mpboot only assembles SCSI disks: anything else is left alone, as
 * multipath-tools' own devnode default does for what it cannot handle. */
static const char default_devnode_filter[] = "!^sd[a-z]";

/* multipath-tools' default: a path udev gave identification properties
 * (sg3-utils-udev's SCSI_IDENT_*, ID_WWN) passes the property check. */
static const char default_property_exception[] = "(SCSI_IDENT_|ID_WWN)";

static int add_builtin_filter(struct cfg_filters *list,
			      enum cfg_filter_kind kind, const char *pattern)
{
	struct cfg_filter *f = cfg_add_filter(list);

	if (!f)
		return -ENOMEM;
	f->kind = kind;
	str_copy(f->text, pattern, sizeof(f->text));
	f->origin.file = builtin;
	return 0;
}

/* One hardware table entry as a devices entry. Its regexes are prepared
 * on first use: most entries never meet a path they could match. */
static int load_hwentry(struct config *cfg, const struct hwtable_entry *e)
{
	struct cfg_device *d = cfg_add_device(cfg);
	const char *why, *bad;
	char msg[128];
	int i;

	if (!d)
		return -ENOMEM;
	str_copy(d->vendor, e->vendor, sizeof(d->vendor));
	str_copy(d->product, e->product, sizeof(d->product));
	str_copy(d->revision, e->revision ? e->revision : "",
		 sizeof(d->revision));
	str_copy(d->bl_product, e->bl_product ? e->bl_product : "",
		 sizeof(d->bl_product));
	d->origin.file = builtin_hwtable;
	for (i = 0; e->set[i]; i += 2) {
		const char *key = e->set[i], *value = e->set[i + 1];
		const struct keyword *kw = kw_find(key);

		if (!kw && kw_ignored(key))
			continue;	/* kept in the table, unused here */
		/* tests/config/hwtable.sh loads every entry: a miss is a bug */
		if (!kw || kw->global || !(kw->sections & KS_DEVICE) ||
		    kw_parse(kw, value, &d->attrs.v, &why)) {
			log_err("hwtable: %s %s: bad %s \"%s\"", e->vendor,
				e->product, key, value);
			continue;
		}
		d->attrs.from[kw->index].file = builtin_hwtable;
	}
	if (cfg_blacklist_product(cfg, d, &bad, msg, sizeof(msg)) == -ENOMEM)
		return -ENOMEM;
	return 0;
}

static int load_hwtable(struct config *cfg)
{
	size_t i;

	for (i = 0; i < hwtable_size; i++)
		if (load_hwentry(cfg, &hwtable[i]))
			return -ENOMEM;
	cfg->n_hwtable = cfg->n_devices;
	return 0;
}

int config_init(struct config *cfg)
{
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

	if (add_builtin_filter(&cfg->blacklist, FILTER_DEVNODE,
			       default_devnode_filter) ||
	    add_builtin_filter(&cfg->exceptions, FILTER_PROPERTY,
			       default_property_exception) ||
	    load_hwtable(cfg))
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
		cfg_re_free(&d->re[i]);
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

/* A new zeroed entry at the end of *arr. The array doubles when n
 * reaches a power of two (drops never shrink it), so its capacity is
 * never below n + 1: the hardware table alone is 140 adds. */
static void *add_entry(void ***arr, size_t *n, size_t size)
{
	void **v = *arr;
	void *e;

	if (!(*n & (*n - 1))) {
		v = realloc(v, (*n ? 2 * *n : 1) * sizeof(*v));
		if (!v)
			return NULL;
		*arr = v;
	}
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

	cfg_re_free(&e->re);
	cfg_re_free(&e->re_product);
	free(e);
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
	if (cl->find_timeout >= 0) {
		cfg->find_multipaths_timeout = cl->find_timeout;
		cfg->gfrom[CG_FIND_MULTIPATHS_TIMEOUT] = cmdline;
	}
	if (cl->verbosity >= 0) {
		cfg->verbosity = cl->verbosity;
		cfg->gfrom[CG_VERBOSITY] = cmdline;
	}
}
