/* A map from strings to indexes (open addressing, FNV-1a), for lookups
 * that must stay O(1) as files grow: the bindings file is checked line by
 * line against every line before it. Keys are not copied: they must
 * outlive the map. A zeroed struct is an empty map. */
#pragma once

#include <stddef.h>

struct strmap_slot {
	const char *key;	/* NULL: free */
	size_t val;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;		/* cap is 0 or a power of two */
};

/* Add key -> val unless key is there. Returns 0 added, 1 already there
 * (its value unchanged), or -ENOMEM. */
int strmap_add(struct strmap *m, const char *key, size_t val);

/* The value of key into *val. Returns 1 found, 0 not. */
int strmap_get(const struct strmap *m, const char *key, size_t *val);

void strmap_free(struct strmap *m);
