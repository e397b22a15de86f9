/* udev database entries as data: the three kinds mpboot writes, the
 * generic formatter, the parser (pure). */
#include <blkid/blkid.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot/udevdb.h"
#include "kpartx/kpartx.h"
#include "util/str.h"

/* libblkid's names that udev's blkid builtin exports, and how: copied,
 * made safe (and then also encoded into KEY_ENC), or encoded. */
enum probe_conv { PLAIN, SAFE_AND_ENC, ENC };

static const struct {
	const char *name, *key;
	enum probe_conv conv;
} probe_names[] = {
	{ "TYPE",		"ID_FS_TYPE",		PLAIN },
	{ "USAGE",		"ID_FS_USAGE",		PLAIN },
	{ "VERSION",		"ID_FS_VERSION",	PLAIN },
	{ "UUID",		"ID_FS_UUID",		SAFE_AND_ENC },
	{ "UUID_SUB",		"ID_FS_UUID_SUB",	SAFE_AND_ENC },
	{ "LABEL",		"ID_FS_LABEL",		SAFE_AND_ENC },
	{ "PTTYPE",		"ID_PART_TABLE_TYPE",	PLAIN },
	{ "PTUUID",		"ID_PART_TABLE_UUID",	PLAIN },
	{ "PART_ENTRY_NAME",	"ID_PART_ENTRY_NAME",	ENC },
	{ "PART_ENTRY_TYPE",	"ID_PART_ENTRY_TYPE",	ENC },
};

static int line_safe(const char *s)
{
	return s && *s && !strpbrk(s, "\n\r");
}

static int probe_put(struct udb_probe *p, const char *key, const char *value)
{
	if (!line_safe(value))
		return 0;	/* udev drops an empty value; a line break
				 * would end the record */
	if (p->n >= UDB_PROBE_MAX)
		return -ENOSPC;
	str_copy(p->v[p->n].key, key, sizeof(p->v[p->n].key));
	str_copy(p->v[p->n].value, value, sizeof(p->v[p->n].value));
	p->n++;
	return 0;
}

int udb_probe_add(struct udb_probe *p, const char *name, const char *value)
{
	char key[32], s[256];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(probe_names) / sizeof(probe_names[0]); i++)
		if (!strcmp(name, probe_names[i].name))
			break;
	if (i == sizeof(probe_names) / sizeof(probe_names[0])) {
		/* PART_ENTRY_UUID, _SCHEME, _NUMBER, ... keep their value */
		if (strncmp(name, "PART_ENTRY_", 11) ||
		    snprintf(key, sizeof(key), "ID_%s", name) >=
		    (int)sizeof(key))
			return 0;
		return probe_put(p, key, value);
	}
	/* one byte short: libblkid's encoder writes "\xNN" and its NUL
	 * where it checked room for four bytes only; a value too long to
	 * encode is left out */
	switch (probe_names[i].conv) {
	case PLAIN:
		return probe_put(p, probe_names[i].key, value);
	case ENC:
		if (blkid_encode_string(value, s, sizeof(s) - 1))
			return 0;
		return probe_put(p, probe_names[i].key, s);
	case SAFE_AND_ENC:
		if (blkid_safe_string(value, s, sizeof(s) - 1))
			return 0;
		rc = probe_put(p, probe_names[i].key, s);
		if (rc || blkid_encode_string(value, s, sizeof(s) - 1))
			return rc;
		snprintf(key, sizeof(key), "%s_ENC", probe_names[i].key);
		return probe_put(p, key, s);
	}
	return 0;
}

/* An appending writer into a caller's buffer; the first failure sticks. */
struct out {
	char *buf;
	size_t cap, len;
	int err;
};

static void out_line(struct out *o, char key, const char *a, const char *b)
{
	int n;

	if (o->err)
		return;
	if (!line_safe(a) || (b && (!line_safe(b) || strchr(a, '=')))) {
		o->err = -EINVAL;
		return;
	}
	n = snprintf(o->buf + o->len, o->cap - o->len, "%c:%s%s%s\n", key, a,
		     b ? "=" : "", b ? b : "");
	if (n < 0 || (size_t)n >= o->cap - o->len) {
		o->err = -ENOSPC;
		return;
	}
	o->len += n;
}

int udb_format_entry(const struct udb_entry *e, char *buf, size_t cap)
{
	struct out o = { .buf = buf, .cap = cap };
	char num[24];
	size_t i;

	if (!cap)
		return -ENOSPC;
	buf[0] = '\0';
	for (i = 0; i < e->n_links; i++)
		out_line(&o, 'S', e->links[i], NULL);
	if (e->priority) {
		snprintf(num, sizeof(num), "%d", e->priority);
		out_line(&o, 'L', num, NULL);
	}
	if (e->usec) {
		snprintf(num, sizeof(num), "%llu", e->usec);
		out_line(&o, 'I', num, NULL);
	}
	for (i = 0; i < e->n_props; i++)
		out_line(&o, 'E', e->props[i].key, e->props[i].value);
	for (i = 0; i < e->n_tags; i++)
		out_line(&o, 'G', e->tags[i], NULL);
	for (i = 0; i < e->n_current_tags; i++)
		out_line(&o, 'Q', e->current_tags[i], NULL);
	if (e->version) {
		snprintf(num, sizeof(num), "%u", e->version);
		out_line(&o, 'V', num, NULL);
	}
	if (o.err) {
		buf[0] = '\0';
		return o.err;
	}
	return (int)o.len;
}

/* The kinds add at most 13 properties and a probe's: always room. */
_Static_assert(13 + UDB_PROBE_MAX <= UDB_MAX_PROPS, "room for a kind's keys");
static void add_prop(struct udb_entry *e, const char *key, const char *value)
{
	e->props[e->n_props++] = (struct udb_prop){ key, value };
}

/* What every entry mpboot writes ends with: the probe's properties, the
 * mark, the systemd tag (its device units: 99-systemd.rules tags every
 * block device) and the database version. */
static int finish(struct udb_entry *e, const struct udb_probe *probe,
		  unsigned long long usec, char *buf, size_t cap)
{
	size_t i;

	if (probe)
		for (i = 0; i < probe->n; i++)
			add_prop(e, probe->v[i].key, probe->v[i].value);
	add_prop(e, UDB_MARK, "1");
	e->usec = usec;
	e->tags[e->n_tags++] = "systemd";
	e->current_tags[e->n_current_tags++] = "systemd";
	e->version = 1;
	return udb_format_entry(e, buf, cap);
}

/* The keys 55-dm.rules sets on a map libdevmapper announced (its cookie's
 * flags, then the device's name, UUID and state), and the link to the
 * node libdevmapper made without udev. */
static int dm_common(struct udb_entry *e, char *link, size_t link_cap,
		     const char *name, const char *uuid, int suspended)
{
	if (!line_safe(name) || !line_safe(uuid) || strchr(name, '/') ||
	    snprintf(link, link_cap, "mapper/%s", name) >= (int)link_cap)
		return -EINVAL;
	e->links[e->n_links++] = link;
	add_prop(e, "DM_UDEV_DISABLE_LIBRARY_FALLBACK_FLAG", "1");
	add_prop(e, "DM_UDEV_PRIMARY_SOURCE_FLAG", "1");
	add_prop(e, "DM_UDEV_RULES", "1");
	add_prop(e, "DM_UDEV_RULES_VSN", "2");
	add_prop(e, "DM_NAME", name);
	add_prop(e, "DM_UUID", uuid);
	add_prop(e, "DM_SUSPENDED", suspended ? "1" : "0");
	return 0;
}

int udb_format_map(const struct udb_map *m, char *buf, size_t cap)
{
	struct udb_entry e = { 0 };
	char link[160];
	int rc;

	if (cap)
		buf[0] = '\0';
	if (!m->uuid || strncmp(m->uuid, "mpath-", 6) || !m->uuid[6])
		return -EINVAL;
	rc = dm_common(&e, link, sizeof(link), m->name, m->uuid, m->suspended);
	if (rc)
		return rc;
	/* skip_kpartx: mpboot made the partition maps under its names */
	add_prop(&e, "DM_SUBSYSTEM_UDEV_FLAG1", "1");
	add_prop(&e, "MPATH_DEVICE_READY", m->ready ? "1" : "0");
	if (!m->ready) {
		/* as 56-dm-mpath.rules leaves a map without a usable path:
		 * no probing (it could hang), nothing for systemd */
		add_prop(&e, "DM_NOSCAN", "1");
		add_prop(&e, "DM_UDEV_DISABLE_OTHER_RULES_FLAG", "1");
		add_prop(&e, "SYSTEMD_READY", "0");
	}
	return finish(&e, m->probe, m->usec, buf, cap);
}

int udb_format_part(const struct udb_part *p, char *buf, size_t cap)
{
	struct udb_entry e = { 0 };
	const char *dash;
	char link[160];
	int rc;

	if (cap)
		buf[0] = '\0';
	if (!p->uuid || !(dash = strchr(p->uuid, '-')) ||
	    kpartx_uuid_partno(p->uuid, dash + 1) < 0 ||
	    strncmp(dash + 1, "mpath-", 6) || !dash[7])
		return -EINVAL;
	rc = dm_common(&e, link, sizeof(link), p->name, p->uuid, p->suspended);
	if (rc)
		return rc;
	return finish(&e, p->probe, p->usec, buf, cap);
}

int udb_format_lv(const struct udb_lv *l, char *buf, size_t cap)
{
	struct udb_entry e = { 0 };
	char link[160];
	int rc;

	if (cap)
		buf[0] = '\0';
	if (!l->uuid || strncmp(l->uuid, "LVM-", 4) || !l->uuid[4])
		return -EINVAL;
	rc = dm_common(&e, link, sizeof(link), l->name, l->uuid, l->suspended);
	if (rc)
		return rc;
	return finish(&e, l->probe, l->usec, buf, cap);
}

int udb_format_member(const struct udb_member *m, char *buf, size_t cap)
{
	struct udb_entry e = { 0 };

	if (cap)
		buf[0] = '\0';
	if (!line_safe(m->wwid))
		return -EINVAL;
	/* what 60-multipath.rules (multipath -u) leaves on a path, and the
	 * WWID under multipathd's uid_attribute */
	add_prop(&e, "DM_MULTIPATH_DEVICE_PATH", "1");
	add_prop(&e, "ID_FS_TYPE", "mpath_member");
	add_prop(&e, "SYSTEMD_READY", "0");
	add_prop(&e, "ID_SERIAL", m->wwid);
	return finish(&e, NULL, m->usec, buf, cap);
}

/* Strict decimal numbers: digits only (a leading '-' where allowed), no
 * leading zero but for 0 itself, within range. */
static int parse_ull(const char *s, unsigned long long max,
		     unsigned long long *out)
{
	unsigned long long v = 0;
	const char *p = s;

	if (!*p || (*p == '0' && p[1]))
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > (max - (*p - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}

static int parse_line(char key, char *value, struct udb_entry *e,
		      unsigned *seen)
{
	unsigned long long v;
	char *eq;
	int neg;

	switch (key) {
	case 'S':
		if (e->n_links >= UDB_MAX_LINKS)
			return -E2BIG;
		e->links[e->n_links++] = value;
		return 0;
	case 'E':
		eq = strchr(value, '=');
		if (!eq || eq == value || !eq[1])
			return -EINVAL;
		*eq = '\0';
		if (e->n_props >= UDB_MAX_PROPS)
			return -E2BIG;
		e->props[e->n_props++] = (struct udb_prop){ value, eq + 1 };
		return 0;
	case 'G':
	case 'Q':
		if ((key == 'G' ? e->n_tags : e->n_current_tags) >=
		    UDB_MAX_TAGS)
			return -E2BIG;
		if (key == 'G')
			e->tags[e->n_tags++] = value;
		else
			e->current_tags[e->n_current_tags++] = value;
		return 0;
	}
	/* I, L, V: one number each, at most once */
	if (*seen & (1u << (key - 'A')))
		return -EINVAL;
	*seen |= 1u << (key - 'A');
	switch (key) {
	case 'I':
		return parse_ull(value, ~0ULL, &e->usec);
	case 'L':
		neg = *value == '-';
		if (parse_ull(value + neg, neg ? 2147483648ULL : 2147483647ULL,
			      &v) || (neg && !v))
			return -EINVAL;
		e->priority = neg ? (int)(-(long long)v) : (int)v;
		return 0;
	case 'V':
		if (parse_ull(value, ~0u, &v))
			return -EINVAL;
		e->version = (unsigned)v;
		return 0;
	}
	return -EINVAL;
}

int udb_parse(char *buf, size_t len, struct udb_entry *out, size_t *bad_line)
{
	size_t pos = 0, line = 0;
	unsigned seen = 0;

	memset(out, 0, sizeof(*out));
	if (bad_line)
		*bad_line = 0;
	while (pos < len) {
		char *l = buf + pos, *nl = memchr(l, '\n', len - pos);
		int rc;

		line++;
		/* a last line without '\n' is one sd-device drops: a file
		 * cut short */
		rc = -EINVAL;
		if (nl && nl - l >= 3 && l[1] == ':' &&
		    !memchr(l, '\0', nl - l) && !memchr(l, '\r', nl - l) &&
		    strchr("SLIEGQV", l[0])) {
			*nl = '\0';
			rc = parse_line(l[0], l + 2, out, &seen);
		}
		if (rc) {
			if (bad_line)
				*bad_line = line;
			return rc;
		}
		pos = nl - buf + 1;
	}
	return 0;
}

const char *udb_get(const struct udb_entry *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->n_props; i++)
		if (!strcmp(e->props[i].key, key))
			return e->props[i].value;
	return NULL;
}
