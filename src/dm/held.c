#include "dm/held.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dm/status.h"

static int add_map(struct held_paths *h, size_t *cap, const char *wwid,
		   const struct mpt *t)
{
	size_t i;

	if (h->n + t->n_paths > *cap) {
		size_t want = 2 * (*cap + t->n_paths);
		struct held_path *v = realloc(h->v, want * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		*cap = want;
	}
	for (i = 0; i < t->n_paths; i++) {
		h->v[h->n].wwid = wwid;
		h->v[h->n].major = t->paths[i].major;
		h->v[h->n].minor = t->paths[i].minor;
		h->n++;
	}
	return 0;
}

int held_paths_collect(const struct dmio_list *l, struct held_paths *out)
{
	size_t i, cap = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < l->n && !rc; i++) {
		const struct dmio_dev *d = &l->v[i];
		struct mpt t;

		if (strncmp(d->uuid, "mpath-", 6) || strcmp(d->target, "multipath"))
			continue;
		rc = mpt_parse_table(d->params, &t);
		if (rc == -EINVAL) {
			rc = 0;
			continue;
		}
		if (!rc)
			rc = add_map(out, &cap, d->uuid + 6, &t);
		mpt_free(&t);
	}
	if (rc)
		held_paths_free(out);
	return rc;
}

int held_paths_has(const struct held_paths *h, const char *wwid,
		   unsigned major, unsigned minor)
{
	size_t i;

	for (i = 0; h && i < h->n; i++)
		if (h->v[i].major == major && h->v[i].minor == minor &&
		    !strcmp(h->v[i].wwid, wwid))
			return 1;
	return 0;
}

void held_paths_free(struct held_paths *h)
{
	free(h->v);
	h->v = NULL;
	h->n = 0;
}
