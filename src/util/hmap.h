/* hmap.h — an open-addressing map from strings to 32-bit values */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_HMAP_H
#define IA_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Keys are borrowed (the caller keeps them alive, e.g. in an ia_pool);
 * values are indexes into the caller's array. Zero-initialise.
 */
struct ia_hmap_slot {
	const char *key;
	uint32_t hash;
	uint32_t val;
};

struct ia_hmap {
	struct ia_hmap_slot *slots;
	size_t cap; /* power of two, or 0 */
	size_t len;
};

uint32_t ia_hash(const char *s, size_t n);
/* Inserts or replaces. */
void ia_hmap_put(struct ia_hmap *m, const char *key, uint32_t val);
/* Looks key (n bytes, need not be NUL-terminated) up. */
bool ia_hmap_get(const struct ia_hmap *m, const char *key, size_t n, uint32_t *val);
/* Removes key; returns whether it was there. */
bool ia_hmap_del(struct ia_hmap *m, const char *key, size_t n);
void ia_hmap_release(struct ia_hmap *m);

/*
 * Walks every entry once, in no particular order: start with *pos = 0; each call that returns
 * true sets *key and *val (either may be NULL) and advances *pos. No put or del between calls.
 */
bool ia_hmap_next(const struct ia_hmap *m, size_t *pos, const char **key, uint32_t *val);

#endif
