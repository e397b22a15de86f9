/* Removing a multipath map with its partition maps, as `mpboot flush` and
 * the daemon (a map whose last path is gone) do. */
#pragma once

#include "dm/dmio.h"

/* Remove d and its partition maps (found in l), or nothing when any of
 * them is open. Returns 0, or 1 (in use, or failed: said in the log). */
int flush_map(const struct dmio_list *l, const struct dmio_dev *d);
