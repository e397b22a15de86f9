/* blacklist and blacklist_exceptions, in multipath-tools' order: devnode,
 * device, protocol, wwid. In each category an exception wins over a
 * blacklist rule, and an excepted category moves on to the next one. */
#include <stdio.h>
#include <string.h>

#include "config/internal.h"

static int filter_matches(const struct cfg_filter *f, const struct path *p)
{
	const char *text;
	int hit;

	switch (f->kind) {
	case FILTER_DEVNODE:
		text = p->dev;
		break;
	case FILTER_WWID:
		text = p->wwid;
		break;
	case FILTER_PROTOCOL:
		text = path_protocol(p);
		break;
	case FILTER_DEVICE:
		return cfg_regmatch(&f->re, p->vendor) &&
		       cfg_regmatch(&f->re_product, p->model);
	default:
		return 0;	/* udev properties are not known here */
	}
	hit = cfg_regmatch(&f->re, text);
	return f->invert ? !hit : hit;
}

static const struct cfg_filter *first_match(const struct cfg_filters *list,
					    enum cfg_filter_kind kind,
					    const struct path *p)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (list->v[i]->kind == kind && filter_matches(list->v[i], p))
			return list->v[i];
	return NULL;
}

static const char *kind_name(enum cfg_filter_kind kind)
{
	switch (kind) {
	case FILTER_DEVNODE:
		return "devnode";
	case FILTER_WWID:
		return "wwid";
	case FILTER_PROTOCOL:
		return "protocol";
	case FILTER_DEVICE:
		return "device";
	default:
		return "property";
	}
}

int config_blacklisted(const struct config *cfg, const struct path *p,
		       char *why, size_t why_len)
{
	static const enum cfg_filter_kind order[] = {
		FILTER_DEVNODE, FILTER_DEVICE, FILTER_PROTOCOL, FILTER_WWID,
	};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const struct cfg_filter *f;
		char where[300];

		if (first_match(&cfg->exceptions, order[i], p))
			continue;
		f = first_match(&cfg->blacklist, order[i], p);
		if (!f)
			continue;
		if (f->origin.line)
			snprintf(where, sizeof(where), "%s:%d", f->origin.file,
				 f->origin.line);
		else
			snprintf(where, sizeof(where), "%s", f->origin.file);
		if (why_len && f->kind == FILTER_DEVICE)
			snprintf(why, why_len, "blacklist device \"%s\" \"%s\" (%s)",
				 f->text, f->product, where);
		else if (why_len)
			snprintf(why, why_len, "blacklist %s \"%s\" (%s)",
				 kind_name(f->kind), f->text, where);
		return 1;
	}
	if (why_len)
		why[0] = '\0';
	return 0;
}
