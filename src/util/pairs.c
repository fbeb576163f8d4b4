/* pairs.c — the two-byte start search of pairs.h (GCC and Clang vector extensions: SSE2 on
 * x86-64, NEON on arm64, plain code elsewhere) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <string.h>

#include "util/pairs.h"

#include "util/banned.h"

void ia_pairs_init(struct ia_pairs *s, const char *const *starts, size_t n)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n && s->n < IA_PAIRS_MAX; i++) {
		unsigned char a = (unsigned char)starts[i][0], b;
		unsigned k;

		if (!a || !starts[i][1])
			continue;
		b = (unsigned char)starts[i][1];
		memset(s->first[s->n], a, 16);
		memset(s->second[s->n++], b, 16);
		k = a | (unsigned)b << 8;
		s->bits[k >> 6] |= 1ull << (k & 63);
	}
}

typedef unsigned char v16 __attribute__((vector_size(16)));

static v16 load16(const unsigned char *p)
{
	v16 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The positions 0-15 of the block at p where a start begins, a bit each (reads p[16]). Almost
 * every block of text holds none and costs a few instructions per byte. */
static unsigned starts_in(const struct ia_pairs *s, const unsigned char *p)
{
	v16 a = load16(p), b = load16(p + 1), m = {0};
	uint64_t w[2];
	unsigned bits = 0;

	for (size_t i = 0; i < s->n; i++)
		m |= (v16)((a == load16(s->first[i])) & (b == load16(s->second[i])));
	memcpy(w, &m, sizeof(w));
	if (!(w[0] | w[1]))
		return 0;
	for (unsigned i = 0; i < 16; i++)
		if (m[i])
			bits |= 1u << i;
	return bits;
}

static int start_at(const struct ia_pairs *s, const unsigned char *p)
{
	unsigned k = p[0] | (unsigned)p[1] << 8;

	return (s->bits[k >> 6] >> (k & 63)) & 1;
}

void ia_pairs_scan(const struct ia_pairs *s, const unsigned char *b, size_t n,
		   size_t (*fn)(void *arg, size_t pos), void *arg)
{
	size_t next = 0, i = 0;

	/* blocks of 16 starts while 17 bytes remain, then one start at a time */
	for (; i + 17 <= n && next != SIZE_MAX; i += 16) {
		unsigned bits = starts_in(s, b + i);

		while (bits && next != SIZE_MAX) {
			size_t at = i + (size_t)__builtin_ctz(bits);

			bits &= bits - 1;
			if (at >= next)
				next = fn(arg, at);
		}
	}
	for (; i + 1 < n && next != SIZE_MAX; i++)
		if (i >= next && start_at(s, b + i))
			next = fn(arg, i);
}
