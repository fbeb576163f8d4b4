/* pool.c — bump allocator */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/pool.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

#define CHUNK_SIZE (64u * 1024)

struct ia_pool_chunk {
	struct ia_pool_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *ia_pool_alloc(struct ia_pool *p, size_t n)
{
	size_t need = (n + 7) & ~(size_t)7;
	struct ia_pool_chunk *c;

	if (n > SIZE_MAX - 16)
		abort();
	if (!p->head || p->used + need > p->head->size) {
		size_t size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;

		c = ia_xmalloc(sizeof(*c) + size);
		c->size = size;
		if (size == need && p->head) {
			/* big allocation: keep the current chunk for small ones */
			c->next = p->head->next;
			p->head->next = c;
			p->total += size;
			return c->data;
		}
		c->next = p->head;
		p->head = c;
		p->used = 0;
		p->total += size;
	}
	void *r = p->head->data + p->used;
	p->used += need;
	return r;
}

char *ia_pool_strndup(struct ia_pool *p, const char *s, size_t n)
{
	char *d = ia_pool_alloc(p, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *ia_pool_strdup(struct ia_pool *p, const char *s)
{
	return ia_pool_strndup(p, s, strlen(s));
}

void ia_pool_release(struct ia_pool *p)
{
	if (!p)
		return;
	while (p->head) {
		struct ia_pool_chunk *n = p->head->next;

		free(p->head);
		p->head = n;
	}
	p->used = p->total = 0;
}
