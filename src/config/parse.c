/* multipath.conf syntax: lines of `keyword value`, `name {` opening a
 * section and `}` alone closing it. A value is one word or one "..." string
 * ("" inside is a quote). # and ! outside quotes start a comment. Nothing
 * here is fatal: a bad line is reported with file:line and skipped. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "util/str.h"

enum sect {
	SEC_TOP, SEC_DEFAULTS, SEC_BLACKLIST, SEC_EXCEPTIONS, SEC_DEVICES,
	SEC_MULTIPATHS, SEC_OVERRIDES, SEC_DEVICE, SEC_MULTIPATH,
	SEC_FILTER_DEVICE, SEC_PROTOCOL,
};

static const char *const sect_names[] = {
	[SEC_TOP] = "top level", [SEC_DEFAULTS] = "defaults",
	[SEC_BLACKLIST] = "blacklist",
	[SEC_EXCEPTIONS] = "blacklist_exceptions",
	[SEC_DEVICES] = "devices", [SEC_MULTIPATHS] = "multipaths",
	[SEC_OVERRIDES] = "overrides", [SEC_DEVICE] = "device",
	[SEC_MULTIPATH] = "multipath", [SEC_FILTER_DEVICE] = "device",
	[SEC_PROTOCOL] = "protocol",
};

#define MAX_TOKENS	4
#define MAX_DEPTH	3

struct tokens {
	int n;			/* all tokens on the line */
	char *v[MAX_TOKENS];	/* the first ones */
	int quoted[MAX_TOKENS];
	int last_open;		/* the line ends with an unquoted '{' */
};

struct parser {
	struct config *cfg;
	const char *name;
	int line;
	enum sect stack[MAX_DEPTH + 1];
	int opened_at[MAX_DEPTH + 1];
	int depth;
	int skip;		/* nesting depth inside an ignored section */
	struct cfg_device *dev;
	struct cfg_multipath *mp;
	struct cfg_protocol *pc;
	struct cfg_filter *flt;
	struct cfg_filters *flist;
	int nomem;
};

static void warn(const struct parser *ps, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(const struct parser *ps, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warn("%s:%d: %s", ps->name, line, msg);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Split one line (up to end) into tokens written to out, which has room
 * for twice the line. */
static void tokenize(const struct parser *ps, const char *s, const char *end,
		     char *out, struct tokens *t)
{
	memset(t, 0, sizeof(*t));
	while (s < end) {
		char *tok = out;
		int quoted = 0;

		while (s < end && is_blank(*s))
			s++;
		if (s == end || *s == '#' || *s == '!')
			break;
		if (*s == '{' || *s == '}') {
			*out++ = *s++;
		} else if (*s == '"') {
			quoted = 1;
			for (s++;; s++) {
				if (s == end) {
					warn(ps, ps->line, "missing closing quote");
					break;
				}
				if (*s == '"' && s + 1 < end && s[1] == '"') {
					*out++ = '"';
					s++;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					*out++ = *s;
				}
			}
		} else {
			while (s < end && !is_blank(*s) && *s != '{' &&
			       *s != '}' && *s != '"' && *s != '#' && *s != '!')
				*out++ = *s++;
		}
		*out++ = '\0';
		t->last_open = !quoted && !strcmp(tok, "{");
		if (t->n < MAX_TOKENS) {
			t->v[t->n] = tok;
			t->quoted[t->n] = quoted;
		}
		t->n++;
	}
}

static enum sect top(const struct parser *ps)
{
	return ps->stack[ps->depth];
}

static int push(struct parser *ps, enum sect s)
{
	if (ps->depth == MAX_DEPTH)
		return -1;
	ps->stack[++ps->depth] = s;
	ps->opened_at[ps->depth] = ps->line;
	return 0;
}

static struct cfg_origin here(const struct parser *ps)
{
	struct cfg_origin o = { ps->name, ps->line };

	return o;
}

static void open_section(struct parser *ps, const char *name)
{
	static const struct { const char *name; enum sect sect; } tops[] = {
		{ "defaults", SEC_DEFAULTS }, { "blacklist", SEC_BLACKLIST },
		{ "blacklist_exceptions", SEC_EXCEPTIONS },
		{ "devices", SEC_DEVICES }, { "multipaths", SEC_MULTIPATHS },
		{ "overrides", SEC_OVERRIDES },
	};
	enum sect cur = top(ps);
	size_t i;

	if (cur == SEC_TOP) {
		for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++)
			if (!strcmp(name, tops[i].name)) {
				push(ps, tops[i].sect);
				return;
			}
		warn(ps, ps->line, "unknown section '%s', skipped", name);
	} else if (cur == SEC_DEVICES && !strcmp(name, "device")) {
		ps->dev = cfg_add_device(ps->cfg);
		if (!ps->dev) {
			ps->nomem = 1;
			return;
		}
		ps->dev->origin = here(ps);
		push(ps, SEC_DEVICE);
		return;
	} else if (cur == SEC_MULTIPATHS && !strcmp(name, "multipath")) {
		ps->mp = cfg_add_multipath(ps->cfg);
		if (!ps->mp) {
			ps->nomem = 1;
			return;
		}
		ps->mp->origin = here(ps);
		push(ps, SEC_MULTIPATH);
		return;
	} else if (cur == SEC_OVERRIDES && !strcmp(name, "protocol")) {
		ps->pc = cfg_add_protocol(ps->cfg);
		if (!ps->pc) {
			ps->nomem = 1;
			return;
		}
		ps->pc->origin = here(ps);
		push(ps, SEC_PROTOCOL);
		return;
	} else if ((cur == SEC_BLACKLIST || cur == SEC_EXCEPTIONS) &&
		   !strcmp(name, "device")) {
		ps->flist = cur == SEC_BLACKLIST ? &ps->cfg->blacklist :
						   &ps->cfg->exceptions;
		ps->flt = cfg_add_filter(ps->flist);
		if (!ps->flt) {
			ps->nomem = 1;
			return;
		}
		ps->flt->kind = FILTER_DEVICE;
		ps->flt->origin = here(ps);
		push(ps, SEC_FILTER_DEVICE);
		return;
	} else {
		warn(ps, ps->line, "section '%s' does not belong in %s, skipped",
		     name, sect_names[cur]);
	}
	ps->skip = 1;
}

static void finish_device(struct parser *ps, int line)
{
	struct cfg_device *d = ps->dev;
	const char *bad;
	char why[128];
	int r;

	ps->dev = NULL;
	if (!d->vendor[0] || !d->product[0]) {
		warn(ps, line, "device entry without vendor or product, ignored");
		cfg_drop_device(ps->cfg);
		return;
	}
	if (cfg_device_prepare(d, &bad, why, sizeof(why))) {
		warn(ps, line, "device entry: bad regular expression '%s' "
		     "(%s), ignored", bad, why);
		cfg_drop_device(ps->cfg);
		return;
	}
	r = cfg_blacklist_product(ps->cfg, d, &bad, why, sizeof(why));
	if (r == -ENOMEM)
		ps->nomem = 1;
	else if (r)
		warn(ps, line, "product_blacklist: bad regular expression "
		     "'%s' (%s), ignored", bad, why);
}

static void finish_filter_device(struct parser *ps, int line)
{
	struct cfg_filter *f = ps->flt;
	const char *bad;
	char why[128];

	ps->flt = NULL;
	if (!f->text[0] && !f->product[0]) {
		warn(ps, line, "device entry without vendor or product, ignored");
		cfg_drop_filter(ps->flist);
		return;
	}
	if (cfg_filter_prepare(f, &bad, why, sizeof(why))) {
		warn(ps, line, "device entry: bad regular expression '%s' "
		     "(%s), ignored", bad, why);
		cfg_drop_filter(ps->flist);
	}
}

/* Like multipath-tools (check_alias_settings), an alias another WWID
 * already has is dropped: two LUNs cannot share one name. */
static void drop_taken_alias(struct parser *ps, struct cfg_multipath *mp)
{
	struct cfg_origin *from = &mp->attrs.from[CA_ALIAS];
	size_t i;

	if (!mp->attrs.v.alias[0])
		return;
	for (i = 0; i < ps->cfg->n_multipaths; i++) {
		const struct cfg_multipath *o = ps->cfg->multipaths[i];

		if (o == mp || strcmp(o->attrs.v.alias, mp->attrs.v.alias) ||
		    !strcmp(o->wwid, mp->wwid))
			continue;
		warn(ps, from->line, "alias '%s' is already the alias of %s "
		     "(%s:%d), ignored", mp->attrs.v.alias, o->wwid,
		     o->attrs.from[CA_ALIAS].file, o->attrs.from[CA_ALIAS].line);
		mp->attrs.v.alias[0] = '\0';
		memset(from, 0, sizeof(*from));
		return;
	}
}

static void close_section(struct parser *ps)
{
	int line = ps->opened_at[ps->depth];

	switch (ps->stack[ps->depth--]) {
	case SEC_DEVICE:
		finish_device(ps, line);
		break;
	case SEC_MULTIPATH:
		if (!ps->mp->wwid[0]) {
			warn(ps, line, "multipath entry without wwid, ignored");
			cfg_drop_multipath(ps->cfg);
		} else {
			drop_taken_alias(ps, ps->mp);
		}
		ps->mp = NULL;
		break;
	case SEC_FILTER_DEVICE:
		finish_filter_device(ps, line);
		break;
	case SEC_PROTOCOL:
		if (!ps->pc->type[0]) {
			warn(ps, line, "protocol entry without a valid type, "
			     "ignored");
			cfg_drop_protocol(ps->cfg);
		}
		ps->pc = NULL;
		break;
	default:
		break;
	}
}

/* Copy an identity string (vendor, product, wwid...) into its field. */
static void set_text(struct parser *ps, const char *key, const char *value,
		     char *dst, size_t size)
{
	if (strlen(value) >= size) {
		warn(ps, ps->line, "%s value too long, ignored", key);
		return;
	}
	str_copy(dst, value, size);
}

static void add_filter(struct parser *ps, enum cfg_filter_kind kind,
		       const char *value)
{
	struct cfg_filters *list = top(ps) == SEC_BLACKLIST ?
		&ps->cfg->blacklist : &ps->cfg->exceptions;
	struct cfg_filter *f;
	const char *bad;
	char why[128];

	if (strlen(value) >= sizeof(f->text)) {
		warn(ps, ps->line, "regular expression too long, ignored");
		return;
	}
	f = cfg_add_filter(list);
	if (!f) {
		ps->nomem = 1;
		return;
	}
	f->kind = kind;
	str_copy(f->text, value, sizeof(f->text));
	f->origin = here(ps);
	if (cfg_filter_prepare(f, &bad, why, sizeof(why))) {
		warn(ps, ps->line, "bad regular expression '%s' (%s), ignored",
		     bad, why);
		cfg_drop_filter(list);
	}
}

static void set_keyword(struct parser *ps, unsigned section,
			struct cfg_attrs *attrs, const char *key,
			const char *value)
{
	const struct keyword *kw = kw_find(key);
	const char *why;
	void *base;

	if (!kw) {
		if (kw_ignored(key))
			log_info("%s:%d: '%s' is not used by mpboot", ps->name,
				 ps->line, key);
		else
			warn(ps, ps->line, "unknown keyword '%s', ignored", key);
		return;
	}
	if (!(kw->sections & section)) {
		warn(ps, ps->line, "'%s' is not allowed in the %s section, "
		     "ignored", key, sect_names[top(ps)]);
		return;
	}
	base = kw->global ? (void *)ps->cfg : (void *)&attrs->v;
	if (kw_parse(kw, value, base, &why)) {
		warn(ps, ps->line, "bad value '%s' for %s (%s), ignored",
		     value, key, why);
		return;
	}
	if (kw->global)
		ps->cfg->gfrom[kw->index] = here(ps);
	else
		attrs->from[kw->index] = here(ps);
}

static void keyword_line(struct parser *ps, const char *key,
			 const char *value)
{
	struct config *cfg = ps->cfg;

	switch (top(ps)) {
	case SEC_DEFAULTS:
		set_keyword(ps, KS_DEFAULTS, &cfg->defaults, key, value);
		return;
	case SEC_OVERRIDES:
		set_keyword(ps, KS_OVERRIDES, &cfg->overrides, key, value);
		return;
	case SEC_DEVICE:
		if (!strcmp(key, "vendor"))
			set_text(ps, key, value, ps->dev->vendor,
				 sizeof(ps->dev->vendor));
		else if (!strcmp(key, "product"))
			set_text(ps, key, value, ps->dev->product,
				 sizeof(ps->dev->product));
		else if (!strcmp(key, "revision"))
			set_text(ps, key, value, ps->dev->revision,
				 sizeof(ps->dev->revision));
		else if (!strcmp(key, "product_blacklist"))
			set_text(ps, key, value, ps->dev->bl_product,
				 sizeof(ps->dev->bl_product));
		else
			set_keyword(ps, KS_DEVICE, &ps->dev->attrs, key, value);
		return;
	case SEC_PROTOCOL:
		if (strcmp(key, "type"))
			set_keyword(ps, KS_PROTOCOL, &ps->pc->attrs, key,
				    value);
		else if (kw_protocol_known(value))
			set_text(ps, key, value, ps->pc->type,
				 sizeof(ps->pc->type));
		else
			warn(ps, ps->line, "unknown protocol '%s', ignored",
			     value);
		return;
	case SEC_MULTIPATH:
		if (!strcmp(key, "wwid"))
			set_text(ps, key, value, ps->mp->wwid,
				 sizeof(ps->mp->wwid));
		else
			set_keyword(ps, KS_MULTIPATH, &ps->mp->attrs, key,
				    value);
		return;
	case SEC_BLACKLIST:
	case SEC_EXCEPTIONS:
		if (!strcmp(key, "devnode"))
			add_filter(ps, FILTER_DEVNODE, value);
		else if (!strcmp(key, "wwid"))
			add_filter(ps, FILTER_WWID, value);
		else if (!strcmp(key, "protocol"))
			add_filter(ps, FILTER_PROTOCOL, value);
		else if (!strcmp(key, "property"))
			add_filter(ps, FILTER_PROPERTY, value);
		else
			warn(ps, ps->line, "unknown keyword '%s' in %s, ignored",
			     key, sect_names[top(ps)]);
		return;
	case SEC_FILTER_DEVICE:
		if (!strcmp(key, "vendor"))
			set_text(ps, key, value, ps->flt->text,
				 sizeof(ps->flt->text));
		else if (!strcmp(key, "product"))
			set_text(ps, key, value, ps->flt->product,
				 sizeof(ps->flt->product));
		else
			warn(ps, ps->line, "unknown keyword '%s' in a blacklist "
			     "device entry, ignored", key);
		return;
	default:
		warn(ps, ps->line, "'%s' outside a section it belongs to, "
		     "ignored", key);
	}
}

static void parse_line(struct parser *ps, const struct tokens *t)
{
	if (ps->skip) {
		if (t->last_open)
			ps->skip++;
		else if (t->n && !t->quoted[0] && !strcmp(t->v[0], "}"))
			ps->skip--;
		return;
	}
	if (t->n == 0)
		return;
	if (!t->quoted[0] && !strcmp(t->v[0], "}")) {
		if (t->n > 1)
			warn(ps, ps->line, "text after '}' ignored");
		if (ps->depth == 0)
			warn(ps, ps->line, "'}' without an open section");
		else
			close_section(ps);
		return;
	}
	if (t->last_open) {
		if (t->n == 1 || (!t->quoted[0] && !strcmp(t->v[0], "{"))) {
			warn(ps, ps->line, "'{' without a section name, "
			     "section skipped");
			ps->skip = 1;
			return;
		}
		if (t->n > 2)
			warn(ps, ps->line, "text between '%s' and '{' ignored",
			     t->v[0]);
		open_section(ps, t->v[0]);
		return;
	}
	if (t->n == 1) {
		warn(ps, ps->line, "'%s' has no value, ignored", t->v[0]);
		return;
	}
	if ((!t->quoted[1] && (!strcmp(t->v[1], "{") ||
			       !strcmp(t->v[1], "}"))) ||
	    (t->n > 2 && !t->quoted[2] && !strcmp(t->v[2], "}"))) {
		warn(ps, ps->line, "'{' must end its line and '}' stand alone, "
		     "line ignored");
		return;
	}
	if (t->n > 2)
		warn(ps, ps->line, "text after the value of '%s' ignored",
		     t->v[0]);
	keyword_line(ps, t->v[0], t->v[1]);
}

int config_parse_text(struct config *cfg, const char *name, const char *text)
{
	struct parser ps = { .cfg = cfg };
	size_t len = strlen(text);
	const char *s = text;
	char *out;

	if (!cfg->ready && config_init(cfg))
		return -ENOMEM;
	ps.name = cfg_intern(cfg, name);
	out = malloc(2 * len + 2);
	if (!ps.name || !out) {
		free(out);
		return -ENOMEM;
	}
	while (*s && !ps.nomem) {
		const char *end = strchr(s, '\n');
		struct tokens t;

		if (!end)
			end = s + strlen(s);
		ps.line++;
		tokenize(&ps, s, end, out, &t);
		parse_line(&ps, &t);
		s = *end ? end + 1 : end;
	}
	while (ps.depth > 0 && !ps.nomem) {
		warn(&ps, ps.opened_at[ps.depth], "section '%s' is not closed",
		     sect_names[top(&ps)]);
		close_section(&ps);
	}
	free(out);
	if (!cfg->gfrom[CG_MAX_POLLING_INTERVAL].file)
		cfg->max_polling_interval = 4 * cfg->polling_interval;
	return ps.nomem ? -ENOMEM : 0;
}
