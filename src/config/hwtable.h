/* The built-in hardware table as data (config/hwtable.c). */
#pragma once

#include <stddef.h>

struct hwtable_entry {
	const char *vendor, *product, *revision;	/* regexes; NULL: any */
	const char *bl_product;	/* product_blacklist, NULL when none */
	const char *const *set;	/* keyword, value, ..., NULL */
};

extern const struct hwtable_entry hwtable[];
extern const size_t hwtable_size;
