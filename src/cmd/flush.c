/* mpboot flush [MAP]: remove multipath maps and their partition maps. A map
 * that anything holds open (a mount, LVM, another map) is left intact. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/flush.h"
#include "dm/dmio.h"
#include "kpartx/kpartx.h"
#include "log.h"

static int is_mpath(const struct dmio_dev *d)
{
	return !strncmp(d->uuid, "mpath-", 6);
}

int flush_map(const struct dmio_list *l, const struct dmio_dev *d)
{
	int nparts = 0, rc = 0;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (kpartx_uuid_partno(l->v[i].uuid, d->uuid) < 0)
			continue;
		if (l->v[i].open_count > 0) {
			log_err("%s: partition map %s is in use (mounted, or "
				"held by LVM or another map): not flushed",
				d->name, l->v[i].name);
			return 1;
		}
		nparts++;
	}
	/* Each partition map holds its parent open once. */
	if (d->open_count > nparts) {
		log_err("%s: in use (mounted, or held by LVM or another map): "
			"not flushed", d->name);
		return 1;
	}
	for (i = 0; i < l->n; i++)
		if (kpartx_uuid_partno(l->v[i].uuid, d->uuid) >= 0 &&
		    dmio_remove(l->v[i].name))
			rc = 1;
	if (rc || dmio_remove(d->name))
		return 1;
	printf("removed: %s\n", d->name);
	return 0;
}

int cmd_flush(const struct mpb_opts *o, int argc, char **argv)
{
	const char *name = NULL;
	struct dmio_list l;
	size_t i;
	int rc = 0;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: mpboot flush [MAP]\n");
		return 2;
	}
	if (argc == 2)
		name = argv[1];
	if (dmio_init(o->dev))
		return 2;
	if (dmio_list_all(&l)) {
		log_err("cannot list device-mapper maps");
		return 1;
	}
	if (name) {
		const struct dmio_dev *d = dmio_find_name(&l, name);

		if (!d || !is_mpath(d)) {
			log_err("%s: no such multipath map%s", name,
				d ? " (it is not one: flush removes only maps "
				"with an mpath- UUID)" : "");
			rc = 1;
		} else {
			rc = flush_map(&l, d);
		}
	} else {
		for (i = 0; i < l.n; i++)
			if (is_mpath(&l.v[i]) && flush_map(&l, &l.v[i]))
				rc = 1;
	}
	dmio_list_free(&l);
	return rc;
}
