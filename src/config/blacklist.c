/* blacklist and blacklist_exceptions, in multipath-tools' order: property,
 * devnode, device, protocol, wwid. In each category an exception wins over
 * a blacklist rule, and an excepted category moves on to the next one. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"
#include "util/str.h"

/* A leading '!' inverts a rule; "\!" is a '!' itself, which the regex
 * reads the same way. */
static const char *pattern_of(const char *text, int *invert)
{
	*invert = text[0] == '!';
	return text + *invert;
}

static int re_matches(struct cfg_re *re, const char *text, const char *s)
{
	int invert;
	const char *pattern = pattern_of(text, &invert);

	return cfg_re_match(re, pattern, s) != invert;
}

int cfg_filter_prepare(struct cfg_filter *f, const char **bad, char *why,
		       size_t why_len)
{
	int invert;

	if (cfg_re_prepare(&f->re, pattern_of(f->text, &invert), why,
			   why_len)) {
		*bad = f->text;
		return -EINVAL;
	}
	if (f->kind == FILTER_DEVICE &&
	    cfg_re_prepare(&f->re_product, pattern_of(f->product, &invert),
			   why, why_len)) {
		cfg_re_free(&f->re);
		*bad = f->product;
		return -EINVAL;
	}
	return 0;
}

int cfg_blacklist_product(struct config *cfg, const struct cfg_device *d,
			  const char **bad, char *why, size_t why_len)
{
	struct cfg_filters *list = &cfg->blacklist;
	struct cfg_filter *f;
	size_t i;

	if (!d->bl_product[0])
		return 0;
	for (i = 0; i < list->n; i++)
		if (list->v[i]->kind == FILTER_DEVICE &&
		    !strcmp(list->v[i]->text, d->vendor) &&
		    !strcmp(list->v[i]->product, d->bl_product))
			return 0;
	f = cfg_add_filter(list);
	if (!f)
		return -ENOMEM;
	f->kind = FILTER_DEVICE;
	str_copy(f->text, d->vendor, sizeof(f->text));
	str_copy(f->product, d->bl_product, sizeof(f->product));
	f->origin = d->origin;
	if (cfg_filter_prepare(f, bad, why, why_len)) {
		/* *bad is f's copy, which goes: name the device's own */
		*bad = *bad == f->product ? d->bl_product : d->vendor;
		cfg_drop_filter(list);
		return -EINVAL;
	}
	return 0;
}

/* The udev properties a SCSI disk carries on a Debian system when
 * multipath looks at it (kernel uevent, 60-persistent-storage.rules and
 * sg3-utils-udev's 55-scsi-sg3_id.rules, which multipath-tools depends
 * on), as far as mpboot can tell from what it read itself: INQUIRY and the
 * VPD pages. A `property` rule matches names only, so only names are
 * kept; libudev lists them sorted, and the first one a rule matches
 * decides. Properties of other rules (ID_PATH, DEVLINKS, ID_FS_*, ...) are
 * not known here. */
enum prop_when {
	ALWAYS, HAS_WWID, HAS_NAA, NAA_REGEXT, NAA_REG, NAA_EXT, NAA_LOCAL,
	HAS_EUI64, HAS_NAME, HAS_T10, HAS_VENDOR_ID, HAS_SERIAL, HAS_TPG,
	HAS_REL_PORT,
};

static const struct {
	const char *name;
	enum prop_when when;
} udev_props[] = {
	{ "DEVNAME", ALWAYS }, { "DEVPATH", ALWAYS }, { "DEVTYPE", ALWAYS },
	{ "DISKSEQ", ALWAYS }, { "ID_BUS", ALWAYS }, { "ID_MODEL", ALWAYS },
	{ "ID_MODEL_ENC", ALWAYS }, { "ID_REVISION", ALWAYS },
	{ "ID_SCSI", ALWAYS }, { "ID_SCSI_INQUIRY", ALWAYS },
	{ "ID_SCSI_SERIAL", HAS_SERIAL }, { "ID_SERIAL", HAS_WWID },
	{ "ID_SERIAL_SHORT", HAS_WWID }, { "ID_TARGET_PORT", HAS_TPG },
	{ "ID_TYPE", ALWAYS }, { "ID_VENDOR", ALWAYS },
	{ "ID_VENDOR_ENC", ALWAYS }, { "ID_WWN", HAS_NAA },
	{ "ID_WWN_WITH_EXTENSION", HAS_NAA }, { "MAJOR", ALWAYS },
	{ "MINOR", ALWAYS }, { "SCSI_IDENT_LUN_EUI64", HAS_EUI64 },
	{ "SCSI_IDENT_LUN_NAA_EXT", NAA_EXT },
	{ "SCSI_IDENT_LUN_NAA_LOCAL", NAA_LOCAL },
	{ "SCSI_IDENT_LUN_NAA_REG", NAA_REG },
	{ "SCSI_IDENT_LUN_NAA_REGEXT", NAA_REGEXT },
	{ "SCSI_IDENT_LUN_NAME", HAS_NAME }, { "SCSI_IDENT_LUN_T10", HAS_T10 },
	{ "SCSI_IDENT_LUN_VENDOR", HAS_VENDOR_ID },
	{ "SCSI_IDENT_PORT_RELATIVE", HAS_REL_PORT },
	{ "SCSI_IDENT_PORT_TARGET_PORT_GROUP", HAS_TPG },
	{ "SCSI_IDENT_SERIAL", HAS_SERIAL }, { "SCSI_MODEL", ALWAYS },
	{ "SCSI_MODEL_ENC", ALWAYS }, { "SCSI_REVISION", ALWAYS },
	{ "SCSI_TPGS", ALWAYS }, { "SCSI_TYPE", ALWAYS },
	{ "SCSI_VENDOR", ALWAYS }, { "SCSI_VENDOR_ENC", ALWAYS },
	{ "SUBSYSTEM", ALWAYS },
};

/* The WWID's first character names the designator it came from (NAA 3,
 * EUI-64 2, SCSI name 8, T10 1, vendor specific 0), the second an NAA
 * one's type. */
static int prop_present(enum prop_when when, const struct path *p)
{
	const char *w = p->wwid;

	switch (when) {
	case ALWAYS:
		return 1;
	case HAS_WWID:
		return w[0] != '\0';
	case HAS_NAA:
		return w[0] == '3';
	case NAA_REGEXT:
		return w[0] == '3' && w[1] == '6';
	case NAA_REG:
		return w[0] == '3' && w[1] == '5';
	case NAA_EXT:
		return w[0] == '3' && w[1] == '2';
	case NAA_LOCAL:
		return w[0] == '3' && w[1] == '3';
	case HAS_EUI64:
		return w[0] == '2';
	case HAS_NAME:
		return w[0] == '8';
	case HAS_T10:
		return w[0] == '1';
	case HAS_VENDOR_ID:
		return w[0] == '0';
	case HAS_SERIAL:
		return p->serial[0] != '\0';
	case HAS_TPG:
		return p->tpg >= 0;
	case HAS_REL_PORT:
		return p->rel_port >= 0;
	}
	return 0;
}

const char *config_udev_property(const struct path *p, size_t *i)
{
	for (; *i < sizeof(udev_props) / sizeof(udev_props[0]); (*i)++)
		if (prop_present(udev_props[*i].when, p))
			return udev_props[(*i)++].name;
	return NULL;
}

static struct cfg_filter *first_match(const struct cfg_filters *list,
				      enum cfg_filter_kind kind,
				      const char *text)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct cfg_filter *f = list->v[i];

		if (f->kind == kind && re_matches(&f->re, f->text, text))
			return f;
	}
	return NULL;
}

/* multipath-tools' filter_property: the first property (in libudev's
 * order) that an exception or a blacklist rule matches decides; when none
 * does, a path that has its WWID property (uid_attribute, ID_SERIAL) is
 * blacklisted for missing the excepted ones. */
static const struct cfg_filter *property_filter(const struct config *cfg,
						const struct path *p,
						int *missing)
{
	const struct cfg_filter *f;
	const char *name;
	size_t i = 0;
	int has_uid = 0;

	*missing = 0;
	while ((name = config_udev_property(p, &i))) {
		has_uid |= !strcmp(name, "ID_SERIAL");
		if (first_match(&cfg->exceptions, FILTER_PROPERTY, name))
			return NULL;
		f = first_match(&cfg->blacklist, FILTER_PROPERTY, name);
		if (f)
			return f;
	}
	*missing = has_uid;
	return NULL;
}

static struct cfg_filter *device_match(const struct cfg_filters *list,
				       const struct path *p)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		struct cfg_filter *f = list->v[i];

		if (f->kind == FILTER_DEVICE &&
		    re_matches(&f->re, f->text, p->vendor) &&
		    re_matches(&f->re_product, f->product, p->model))
			return f;
	}
	return NULL;
}

static const struct cfg_filter *match_kind(const struct cfg_filters *list,
					   enum cfg_filter_kind kind,
					   const struct path *p)
{
	switch (kind) {
	case FILTER_DEVNODE:
		return first_match(list, kind, p->dev);
	case FILTER_WWID:
		return first_match(list, kind, p->wwid);
	case FILTER_PROTOCOL:
		return first_match(list, kind, path_protocol(p));
	case FILTER_DEVICE:
		return device_match(list, p);
	default:
		return NULL;
	}
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

static void describe(const struct cfg_filter *f, char *why, size_t why_len)
{
	char where[300];

	if (!why_len)
		return;
	if (f->origin.line)
		snprintf(where, sizeof(where), "%s:%d", f->origin.file,
			 f->origin.line);
	else
		snprintf(where, sizeof(where), "%s", f->origin.file);
	if (f->kind == FILTER_DEVICE)
		snprintf(why, why_len, "blacklist device \"%s\" \"%s\" (%s)",
			 f->text, f->product, where);
	else
		snprintf(why, why_len, "blacklist %s \"%s\" (%s)",
			 kind_name(f->kind), f->text, where);
}

int config_blacklisted(const struct config *cfg, const struct path *p,
		       char *why, size_t why_len)
{
	static const enum cfg_filter_kind order[] = {
		FILTER_DEVNODE, FILTER_DEVICE, FILTER_PROTOCOL, FILTER_WWID,
	};
	const struct cfg_filter *f;
	size_t i;
	int missing;

	f = property_filter(cfg, p, &missing);
	if (f) {
		describe(f, why, why_len);
		return 1;
	}
	if (missing) {
		if (why_len)
			snprintf(why, why_len, "no udev property matches "
				 "blacklist_exceptions property");
		return 1;
	}
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (match_kind(&cfg->exceptions, order[i], p))
			continue;
		f = match_kind(&cfg->blacklist, order[i], p);
		if (f) {
			describe(f, why, why_len);
			return 1;
		}
	}
	if (why_len)
		why[0] = '\0';
	return 0;
}
