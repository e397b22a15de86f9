/* The multipath -ll layout of `mpboot list`, for the daemon's `show map`
 * too. */
#pragma once

#include <stdio.h>

#include "cmd/env.h"
#include "dm/dmio.h"
#include "util/json.h"

/* The priority of path p under attributes a: `mpboot list` asks the
 * device; the daemon answers with what its loop knows, since a prioritizer
 * blocks on a hung path. */
typedef int (*list_prio_fn)(void *ctx, const struct mp_attrs *a,
			    const struct path *p);

/* Map d (its table from d->params, its status read now) with its groups
 * and paths: text to f, or a JSON object into j when j is not NULL.
 * Returns 0, or -errno after saying why in the log. */
int list_print_map(const struct mpb_env *e, const struct dmio_dev *d,
		   list_prio_fn prio, void *prio_ctx, FILE *f, struct json *j);
