/* Which devices get a udev database entry: the multipath maps, their
 * partition maps and the paths their tables name (pure). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "boot/udevdb.h"
#include "dm/status.h"
#include "kpartx/kpartx.h"

static int is_mpath(const struct dmio_dev *d)
{
	return !strncmp(d->uuid, "mpath-", 6) && d->uuid[6] &&
	       !strcmp(d->target, "multipath");
}

/* The multipath map d is a partition map of, or NULL. */
static const struct dmio_dev *part_parent(const struct dmio_list *maps,
					  const struct dmio_dev *d)
{
	const struct dmio_dev *parent;
	const char *dash = strchr(d->uuid, '-');

	if (strcmp(d->target, "linear") || !dash)
		return NULL;
	parent = dmio_find_uuid(maps, dash + 1);
	if (!parent || !is_mpath(parent) ||
	    kpartx_uuid_partno(d->uuid, parent->uuid) < 0)
		return NULL;
	return parent;
}

static int grow(struct udb_target **v, size_t n, size_t *cap, size_t more)
{
	struct udb_target *nv;
	size_t ncap = *cap ? *cap : 16;

	if (n + more <= *cap)
		return 0;
	while (ncap < n + more)
		ncap *= 2;
	nv = realloc(*v, ncap * sizeof(**v));
	if (!nv)
		return -ENOMEM;
	*v = nv;
	*cap = ncap;
	return 0;
}

int udb_targets(const struct dmio_list *maps, struct udb_target **out,
		size_t *n, size_t *bad_tables)
{
	struct udb_target *v = NULL;
	size_t i, k, cap = 0, len = 0;

	*bad_tables = 0;
	for (i = 0; i < maps->n; i++) {
		const struct dmio_dev *d = &maps->v[i], *parent;
		struct mpt t;

		if (is_mpath(d)) {
			if (grow(&v, len, &cap, 1))
				goto nomem;
			v[len++] = (struct udb_target){ UDB_MAP, d->major,
							d->minor, d, d };
			if (!d->params || mpt_parse_table(d->params, &t)) {
				++*bad_tables;
				continue;
			}
			if (grow(&v, len, &cap, t.n_paths)) {
				mpt_free(&t);
				goto nomem;
			}
			for (k = 0; k < t.n_paths; k++)
				v[len++] = (struct udb_target){ UDB_MEMBER,
					t.paths[k].major, t.paths[k].minor,
					NULL, d };
			mpt_free(&t);
		} else if ((parent = part_parent(maps, d))) {
			if (grow(&v, len, &cap, 1))
				goto nomem;
			v[len++] = (struct udb_target){ UDB_PART, d->major,
							d->minor, d, parent };
		} else if (!strncmp(d->uuid, "LVM-", 4) && d->uuid[4]) {
			if (grow(&v, len, &cap, 1))
				goto nomem;
			v[len++] = (struct udb_target){ UDB_LV, d->major,
							d->minor, d, NULL };
		}
	}
	*out = v;
	*n = len;
	return 0;
nomem:
	free(v);
	return -ENOMEM;
}
