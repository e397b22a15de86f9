/* Reading the partition table a partition map decision needs: the I/O in
 * front of parts.c. */
#include <stdio.h>
#include <string.h>

#include "apply/apply.h"
#include "log.h"

int apply_parts_read(int devfd, const char *rel,
		     const struct apply_parent *parent,
		     const struct dmio_list *running, struct part_list *parts,
		     struct apply_parts *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = kpartx_read(devfd, rel, parts);
	if (rc) {
		/* A table not read says nothing about which maps are stale:
		 * decide nothing, every partition map stays. */
		log_err("%s: cannot read the partition table of %s: %s",
			parent->name, rel, strerror(-rc));
		return rc;
	}
	rc = apply_parts_decide(parent, parts, running, out);
	if (rc)
		part_list_free(parts);
	return rc;
}
