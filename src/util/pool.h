/* pool.h — a bump allocator for many small strings freed together */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_POOL_H
#define IA_POOL_H

#include <stddef.h>

/*
 * The index and the inventory hold hundreds of thousands of short strings
 * that live as long as the audit. A pool hands them out from large chunks
 * and frees them all at once. Zero-initialise (struct ia_pool p = {0}).
 */
struct ia_pool_chunk;
struct ia_pool {
	struct ia_pool_chunk *head;
	size_t used;  /* bytes used in head */
	size_t total; /* bytes reserved in all chunks */
};

void *ia_pool_alloc(struct ia_pool *p, size_t n); /* 8-byte aligned, uninitialised */
char *ia_pool_strndup(struct ia_pool *p, const char *s, size_t n);
char *ia_pool_strdup(struct ia_pool *p, const char *s);
void ia_pool_release(struct ia_pool *p); /* frees everything; NULL-safe */

#endif
