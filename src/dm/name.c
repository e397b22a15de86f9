/* Map names. multipath-tools (propsel.c select_alias, alias.c
 * get_user_friendly_alias, configure.c select_action) decides in this
 * order, and so does mpboot:
 *   - a multipaths entry's alias;
 *   - with user_friendly_names: the WWID's binding, unless its alias is a
 *     multipaths alias of another WWID (check_alias_settings drops such
 *     lines); else the running map's name when it has the friendly form
 *     and no other WWID claims it (a new binding); else a new name;
 *   - else the WWID.
 * A new name is the first prefix + a, b, ... that is not bound to any WWID,
 * not a multipaths alias, not held by a running map, and not kept by
 * another map of this plan. Then what the kernel allows: a running map
 * whose wanted name another map holds keeps its own name, and a new map
 * whose wanted name is held falls back to its WWID (select_action).
 *
 * Every lookup goes through sorted indexes, and each prefix's search for
 * free names resumes where it stopped: naming n maps costs O(n log n). */
#include "dm/name.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "util/str.h"

struct key {
	const char *key, *val;
};

/* Keys sorted for bsearch; vals are never NULL. */
struct index {
	struct key *v;
	size_t n;
};

/* Where a prefix's search for free names stands: ids below next are
 * taken or handed out. */
struct cursor {
	const char *prefix;
	unsigned long next;
};

struct namer {
	const struct plan_input *in;
	struct index bind_alias, bind_wwid;	/* the bindings file */
	struct index mp_alias;			/* multipaths aliases -> WWID */
	struct index run_name, run_wwid;	/* running maps: name -> uuid,
						 * WWID -> name */
	struct index kept;			/* names pass 1 chose -> WWID */
	struct cursor *cur;
	size_t n_cur;
};

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct key *)a)->key, ((const struct key *)b)->key);
}

static const char *lookup(const struct index *ix, const char *key)
{
	const struct key k = { key, NULL }, *f;

	if (!ix->n)
		return NULL;
	f = bsearch(&k, ix->v, ix->n, sizeof(k), key_cmp);
	return f ? f->val : NULL;
}

static int index_alloc(struct index *ix, size_t n)
{
	ix->n = 0;
	ix->v = n ? malloc(n * sizeof(*ix->v)) : NULL;
	return n && !ix->v ? -ENOMEM : 0;
}

static void index_add(struct index *ix, const char *key, const char *val)
{
	ix->v[ix->n].key = key;
	ix->v[ix->n].val = val;
	ix->n++;
}

static void index_sort(struct index *ix)
{
	if (ix->n)
		qsort(ix->v, ix->n, sizeof(*ix->v), key_cmp);
}

static const char *uuid_wwid(const char *uuid)
{
	return strncmp(uuid, "mpath-", 6) ? NULL : uuid + 6;
}

static int namer_init(struct namer *nm, const struct plan_input *in,
		      size_t n_maps)
{
	const struct bindings *b = in->bindings;
	const struct config *cfg = in->cfg;
	size_t i, n_bind = b ? b->n : 0;
	size_t n_run = in->running ? in->running->n : 0;

	memset(nm, 0, sizeof(*nm));
	nm->in = in;
	if (index_alloc(&nm->bind_alias, n_bind) ||
	    index_alloc(&nm->bind_wwid, n_bind) ||
	    index_alloc(&nm->mp_alias, cfg->n_multipaths) ||
	    index_alloc(&nm->run_name, n_run) ||
	    index_alloc(&nm->run_wwid, n_run) ||
	    index_alloc(&nm->kept, n_maps) ||
	    !(nm->cur = calloc(n_maps ? n_maps : 1, sizeof(*nm->cur))))
		return -ENOMEM;
	for (i = 0; i < n_bind; i++) {
		index_add(&nm->bind_alias, b->v[i].alias, b->v[i].wwid);
		index_add(&nm->bind_wwid, b->v[i].wwid, b->v[i].alias);
	}
	for (i = 0; i < cfg->n_multipaths; i++)
		if (cfg->multipaths[i]->attrs.v.alias[0])
			index_add(&nm->mp_alias,
				  cfg->multipaths[i]->attrs.v.alias,
				  cfg->multipaths[i]->wwid);
	for (i = 0; i < n_run; i++) {
		const struct dmio_dev *d = &in->running->v[i];

		index_add(&nm->run_name, d->name, d->uuid);
		if (uuid_wwid(d->uuid))
			index_add(&nm->run_wwid, uuid_wwid(d->uuid), d->name);
	}
	index_sort(&nm->bind_alias);
	index_sort(&nm->bind_wwid);
	index_sort(&nm->mp_alias);
	index_sort(&nm->run_name);
	index_sort(&nm->run_wwid);
	return 0;
}

static void namer_free(struct namer *nm)
{
	free(nm->bind_alias.v);
	free(nm->bind_wwid.v);
	free(nm->mp_alias.v);
	free(nm->run_name.v);
	free(nm->run_wwid.v);
	free(nm->kept.v);
	free(nm->cur);
}

/* The WWID other than wwid that claims name in the configuration (bindings
 * file or multipaths alias), or NULL. */
static const char *claimed_by_other(const struct namer *nm, const char *name,
				    const char *wwid)
{
	const char *w = lookup(&nm->bind_alias, name);

	if (w && strcmp(w, wwid))
		return w;
	w = lookup(&nm->mp_alias, name);
	return w && strcmp(w, wwid) ? w : NULL;
}

/* m->name = name; empty (after an error) when it does not fit. */
static void set_name(struct map *m, const char *name)
{
	if (str_copy(m->name, name, sizeof(m->name)) < sizeof(m->name))
		return;
	log_err("%s: map name '%.40s...' is too long: no map", m->wwid, name);
	m->name[0] = '\0';
}

/* Pass 1: the name m wants when it is not a new one. Returns 1 when m
 * needs a new friendly name, else 0 with m->name set. */
static int want_name(const struct namer *nm, struct map *m)
{
	const char *alias, *run, *other, *why;

	m->new_binding = 0;
	if (m->attrs.alias[0]) {
		set_name(m, m->attrs.alias);
		return 0;
	}
	if (!m->attrs.user_friendly_names || !nm->in->bindings) {
		set_name(m, m->wwid);
		return 0;
	}
	alias = lookup(&nm->bind_wwid, m->wwid);
	if (alias && (other = lookup(&nm->mp_alias, alias)) &&
	    strcmp(other, m->wwid)) {
		log_warn("%s: binding %s is the multipaths alias of %s: "
			 "choosing another name", m->wwid, alias, other);
		alias = NULL;
	}
	if (alias && (why = config_name_refused(alias, 0))) {
		log_warn("%s: binding '%s' cannot name a map (%s): choosing "
			 "another name", m->wwid, alias, why);
		alias = NULL;
	}
	if (alias) {
		set_name(m, alias);
		return 0;
	}
	/* multipathd keeps a running map's friendly name and binds it. */
	run = lookup(&nm->run_wwid, m->wwid);
	if (run && bindings_id(m->attrs.alias_prefix, run) &&
	    !claimed_by_other(nm, run, m->wwid)) {
		set_name(m, run);
		m->new_binding = 1;
		return 0;
	}
	if (nm->in->bindings->incomplete) {
		/* a new name could be one the unread lines bind */
		set_name(m, m->wwid);
		return 0;
	}
	return 1;
}

static struct cursor *cursor_of(struct namer *nm, const char *prefix)
{
	size_t i;

	for (i = 0; i < nm->n_cur; i++)
		if (!strcmp(nm->cur[i].prefix, prefix))
			return &nm->cur[i];
	nm->cur[nm->n_cur].prefix = prefix;
	nm->cur[nm->n_cur].next = 1;
	return &nm->cur[nm->n_cur++];
}

static int taken(const struct namer *nm, const char *name,
		 const struct cursor *mine)
{
	size_t i;

	if (lookup(&nm->bind_alias, name) || lookup(&nm->mp_alias, name) ||
	    lookup(&nm->run_name, name) || lookup(&nm->kept, name))
		return 1;
	/* What another prefix handed out ("mpath" + "ab" is "mpatha" + "b") */
	for (i = 0; i < nm->n_cur; i++) {
		const struct cursor *c = &nm->cur[i];
		unsigned long id;

		if (c == mine)
			continue;
		id = bindings_id(c->prefix, name);
		if (id && id < c->next)
			return 1;
	}
	return 0;
}

/* Pass 2: the first free name for m's prefix. */
static int new_name(struct namer *nm, struct map *m)
{
	struct cursor *c = cursor_of(nm, m->attrs.alias_prefix);
	char name[sizeof(m->name)];

	for (;; c->next++) {
		if (bindings_name(c->prefix, c->next, name, sizeof(name)) < 0 ||
		    !bindings_id(c->prefix, name)) {
			log_err("%s: no friendly name left with prefix '%s'",
				m->wwid, c->prefix);
			return -ENOSPC;
		}
		if (!taken(nm, name, c))
			break;
	}
	c->next++;
	set_name(m, name);
	m->new_binding = 1;
	return 0;
}

/* What the running maps allow for the name m wants. */
static void settle(const struct namer *nm, struct map *m)
{
	const char *run = lookup(&nm->run_wwid, m->wwid);
	const char *holder = lookup(&nm->run_name, m->name);

	if (!holder || (run && !strcmp(run, m->name)))
		return;
	if (run) {
		log_warn("%s: keeps the name %s: %s is taken by the map with "
			 "UUID '%s'", m->wwid, run, m->name, holder);
		set_name(m, run);
	} else {
		log_warn("%s: name %s is taken by the map with UUID '%s': "
			 "named by its WWID", m->wwid, m->name, holder);
		set_name(m, m->wwid);
		holder = lookup(&nm->run_name, m->name);
		if (holder) {
			log_err("%s: its WWID too names the map with UUID "
				"'%s': no map", m->wwid, holder);
			m->name[0] = '\0';
		}
	}
	m->new_binding = 0;
}

static int by_name_then_order(const void *a, const void *b)
{
	const struct map *x = *(const struct map *const *)a;
	const struct map *y = *(const struct map *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : x < y ? -1 : x > y;
}

/* Two maps of the plan with one name: the first in plan order keeps it,
 * the others get none. */
static int refuse_duplicates(struct map *maps, size_t n)
{
	struct map **v = malloc((n ? n : 1) * sizeof(*v));
	size_t i, k = 0;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		if (maps[i].name[0])
			v[k++] = &maps[i];
	qsort(v, k, sizeof(*v), by_name_then_order);
	for (i = 1; i < k; i++) {
		struct map *first = v[i - 1];

		if (strcmp(first->name, v[i]->name))
			continue;
		log_err("%s: name '%s' is already used by %s: no map",
			v[i]->wwid, v[i]->name, first->wwid);
		v[i]->name[0] = '\0';
		v[i] = first;	/* what follows is compared with the first */
	}
	free(v);
	return 0;
}

int name_maps(const struct plan_input *in, struct map *maps, size_t n)
{
	struct namer nm;
	char *pending = calloc(n ? n : 1, 1);
	size_t i;
	int rc = pending ? namer_init(&nm, in, n) : -ENOMEM;

	for (i = 0; !rc && i < n; i++) {
		pending[i] = (char)want_name(&nm, &maps[i]);
		if (maps[i].name[0])
			index_add(&nm.kept, maps[i].name, maps[i].wwid);
	}
	if (!rc)
		index_sort(&nm.kept);
	for (i = 0; !rc && i < n; i++)
		if (pending[i] && new_name(&nm, &maps[i]))
			maps[i].name[0] = '\0';
	for (i = 0; !rc && i < n; i++)
		if (maps[i].name[0])
			settle(&nm, &maps[i]);
	if (!rc)
		rc = refuse_duplicates(maps, n);
	if (pending)
		namer_free(&nm);
	free(pending);
	return rc;
}
