/* Which name each planned map gets (pure): its multipaths alias, else with
 * user_friendly_names its binding (kept, or a new one), else its WWID; then
 * what the running maps allow, so the name is the one the map will really
 * have. Never a name another LUN holds. */
#pragma once

#include <stddef.h>

#include "dm/map.h"
#include "dm/plan.h"

/* Name maps[0..n). A map that cannot be named (or whose name another map
 * of the plan has) gets an empty name after an error saying why. Returns 0
 * or -ENOMEM. */
int name_maps(const struct plan_input *in, struct map *maps, size_t n);
