/* The effective configuration as multipath.conf text, like `multipath -t`:
 * every section, readable back, each value that is not a built-in default
 * followed by a comment saying where it came from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

/* Identity lines (vendor, product, wwid) belong to the entry whose origin
 * is on its opening line. */
static const struct cfg_origin same_entry;

static void origin_comment(FILE *f, const struct cfg_origin *o)
{
	if (!o->file)
		fputc('\n', f);
	else if (o->line)
		fprintf(f, "\t# %s:%d\n", o->file, o->line);
	else
		fprintf(f, "\t# %s\n", o->file);
}

static void put_value(FILE *f, const char *indent, const char *key,
		      const char *value, const struct cfg_origin *o)
{
	fprintf(f, "%s%s %s", indent, key, value);
	origin_comment(f, o);
}

static void put_text(FILE *f, const char *indent, const char *key,
		     const char *text, const struct cfg_origin *o)
{
	struct keyword kw = { .type = KT_STR, .size = 1 };
	char buf[600];

	kw_format(&kw, text, buf, sizeof(buf));
	put_value(f, indent, key, buf, o);
}

/* Attributes of one layer; all = print unset ones too (the defaults). */
static void put_attrs(FILE *f, const char *indent, const struct cfg_attrs *a,
		      int all)
{
	char buf[600];
	int i;

	for (i = 0; i < CA_COUNT; i++) {
		const struct keyword *kw = kw_attr(i);

		/* An unset hardware_handler, no_path_retry, dev_loss_tmo or
		 * eh_deadline differs from any value written out: printing
		 * one would change the meaning of the text read back. */
		if (!a->from[i].file &&
		    (!all || !(kw->sections & KS_DEFAULTS) ||
		     i == CA_HWHANDLER || i == CA_NO_PATH_RETRY ||
		     i == CA_DEV_LOSS || i == CA_EH_DEADLINE))
			continue;
		kw_format(kw, &a->v, buf, sizeof(buf));
		put_value(f, indent, kw->name, buf, &a->from[i]);
	}
}

static void put_defaults(FILE *f, const struct config *cfg)
{
	char buf[600];
	int g;

	fputs("defaults {\n", f);
	for (g = 0; g < CG_COUNT; g++) {
		const struct keyword *kw = kw_global(g);

		kw_format(kw, cfg, buf, sizeof(buf));
		put_value(f, "\t", kw->name, buf, &cfg->gfrom[g]);
	}
	put_attrs(f, "\t", &cfg->defaults, 1);
	fputs("}\n", f);
}

static void put_filters(FILE *f, const char *section,
			const struct cfg_filters *list)
{
	static const char *const names[] = {
		[FILTER_DEVNODE] = "devnode", [FILTER_WWID] = "wwid",
		[FILTER_PROTOCOL] = "protocol", [FILTER_PROPERTY] = "property",
	};
	size_t i;

	fprintf(f, "%s {\n", section);
	for (i = 0; i < list->n; i++) {
		const struct cfg_filter *e = list->v[i];

		if (e->kind != FILTER_DEVICE) {
			put_text(f, "\t", names[e->kind], e->text, &e->origin);
			continue;
		}
		fputs("\tdevice {", f);
		origin_comment(f, &e->origin);
		if (e->text[0])
			put_text(f, "\t\t", "vendor", e->text, &same_entry);
		if (e->product[0])
			put_text(f, "\t\t", "product", e->product, &same_entry);
		fputs("\t}\n", f);
	}
	fputs("}\n", f);
}

static void put_devices(FILE *f, const struct config *cfg)
{
	size_t i;

	fputs("devices {\n", f);
	for (i = 0; i < cfg->n_devices; i++) {
		const struct cfg_device *d = cfg->devices[i];

		fputs("\tdevice {", f);
		origin_comment(f, &d->origin);
		put_text(f, "\t\t", "vendor", d->vendor, &same_entry);
		put_text(f, "\t\t", "product", d->product, &same_entry);
		if (d->revision[0])
			put_text(f, "\t\t", "revision", d->revision,
				 &same_entry);
		if (d->bl_product[0])
			put_text(f, "\t\t", "product_blacklist", d->bl_product,
				 &same_entry);
		put_attrs(f, "\t\t", &d->attrs, 0);
		fputs("\t}\n", f);
	}
	fputs("}\n", f);
}

static void put_multipaths(FILE *f, const struct config *cfg)
{
	size_t i;

	fputs("multipaths {\n", f);
	for (i = 0; i < cfg->n_multipaths; i++) {
		const struct cfg_multipath *m = cfg->multipaths[i];

		fputs("\tmultipath {", f);
		origin_comment(f, &m->origin);
		put_text(f, "\t\t", "wwid", m->wwid, &same_entry);
		put_attrs(f, "\t\t", &m->attrs, 0);
		fputs("\t}\n", f);
	}
	fputs("}\n", f);
}

static void put_protocols(FILE *f, const struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_protocols; i++) {
		const struct cfg_protocol *pc = cfg->protocols[i];

		fputs("\tprotocol {", f);
		origin_comment(f, &pc->origin);
		put_text(f, "\t\t", "type", pc->type, &same_entry);
		put_attrs(f, "\t\t", &pc->attrs, 0);
		fputs("\t}\n", f);
	}
}

char *config_format(const struct config *cfg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	put_defaults(f, cfg);
	put_filters(f, "blacklist", &cfg->blacklist);
	put_filters(f, "blacklist_exceptions", &cfg->exceptions);
	put_devices(f, cfg);
	fputs("overrides {\n", f);
	put_attrs(f, "\t", &cfg->overrides, 0);
	put_protocols(f, cfg);
	fputs("}\n", f);
	put_multipaths(f, cfg);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}
