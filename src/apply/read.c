/* Reading the partition table a partition map decision needs: the I/O in
 * front of parts.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "apply/apply.h"
#include "log.h"

int apply_parts_read(int devfd, const char *rel, int wait_ms,
		     const struct apply_parent *parent,
		     const struct dmio_list *running, struct part_list *parts,
		     struct apply_parts *out)
{
	int rc, reader = 0;

	memset(out, 0, sizeof(*out));
	rc = wait_ms ? kpartx_read_within(devfd, rel, wait_ms, parts, &reader)
		     : kpartx_read(devfd, rel, parts);
	if (rc == -ETIMEDOUT) {
		/* The likely cause: every path is down and the map queues;
		 * dm-multipath shows a path failed only after I/O met an
		 * error, so nothing says it before the read. */
		log_err("%s: partition table of %s not read within %d s "
			"(every path down while the map queues I/O, or the map "
			"suspended?): partition maps left as they are; process "
			"%d waits for the read until a path returns or "
			"queueing stops", parent->name, rel, wait_ms / 1000,
			reader);
		return rc;
	}
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
