/* hmap.c — string map with linear probing and backward-shift deletion */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/hmap.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

uint32_t ia_hash(const char *s, size_t n)
{
	/* FNV-1a, then a final avalanche so low bits are usable as an index */
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	return h;
}

/* k (NUL-terminated) equals the n bytes at s. Never reads k past its NUL: a probe holding a
 * NUL before n (strncmp would stop there and call it equal) does not match a shorter key. */
static bool key_eq(const char *k, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (k[i] == '\0' || k[i] != s[i])
			return false;
	return k[n] == '\0';
}

static void rehash(struct ia_hmap *m, size_t ncap)
{
	struct ia_hmap_slot *old = m->slots;
	size_t ocap = m->cap;

	m->slots = ia_xcalloc(ncap, sizeof(*m->slots));
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].key)
			continue;
		size_t j = old[i].hash & (ncap - 1);

		while (m->slots[j].key)
			j = (j + 1) & (ncap - 1);
		m->slots[j] = old[i];
	}
	free(old);
}

void ia_hmap_put(struct ia_hmap *m, const char *key, uint32_t val)
{
	size_t n = strlen(key);
	uint32_t h = ia_hash(key, n);
	size_t j;

	if ((m->len + 1) * 4 >= m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 64);
	j = h & (m->cap - 1);
	while (m->slots[j].key) {
		if (m->slots[j].hash == h && key_eq(m->slots[j].key, key, n)) {
			m->slots[j].val = val;
			m->slots[j].key = key;
			return;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->slots[j].key = key;
	m->slots[j].hash = h;
	m->slots[j].val = val;
	m->len++;
}

static struct ia_hmap_slot *find(const struct ia_hmap *m, const char *key, size_t n)
{
	uint32_t h;
	size_t j;

	if (!m->cap)
		return NULL;
	h = ia_hash(key, n);
	j = h & (m->cap - 1);
	while (m->slots[j].key) {
		if (m->slots[j].hash == h && key_eq(m->slots[j].key, key, n))
			return &m->slots[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

bool ia_hmap_get(const struct ia_hmap *m, const char *key, size_t n, uint32_t *val)
{
	struct ia_hmap_slot *s = find(m, key, n);

	if (!s)
		return false;
	*val = s->val;
	return true;
}

bool ia_hmap_del(struct ia_hmap *m, const char *key, size_t n)
{
	struct ia_hmap_slot *s = find(m, key, n);
	size_t i, j, mask = m->cap - 1;

	if (!s)
		return false;
	i = (size_t)(s - m->slots);
	s->key = NULL;
	m->len--;
	/* backward-shift the cluster that follows */
	j = (i + 1) & mask;
	while (m->slots[j].key) {
		size_t home = m->slots[j].hash & mask;

		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->slots[i] = m->slots[j];
			m->slots[j].key = NULL;
			i = j;
		}
		j = (j + 1) & mask;
	}
	return true;
}

void ia_hmap_release(struct ia_hmap *m)
{
	if (!m)
		return;
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

bool ia_hmap_next(const struct ia_hmap *m, size_t *pos, const char **key, uint32_t *val)
{
	for (; *pos < m->cap; (*pos)++) {
		const struct ia_hmap_slot *s = &m->slots[*pos];

		if (!s->key)
			continue;
		if (key)
			*key = s->key;
		if (val)
			*val = s->val;
		(*pos)++;
		return true;
	}
	return false;
}
