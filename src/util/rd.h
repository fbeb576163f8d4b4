/* rd.h — a checked reader for untrusted binary data with typed getters */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_RD_H
#define IA_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Every getter checks the length first and returns false (leaving the
 * cursor and *out untouched) when the data is short. Use it for every
 * binary format read from an image: RPM headers, database pages, tar headers.
 */
struct ia_rd {
	const uint8_t *p;
	size_t len;
	size_t off;
};

static inline void ia_rd_init(struct ia_rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->off = 0;
}

static inline size_t ia_rd_left(const struct ia_rd *r)
{
	return r->len - r->off;
}

static inline bool ia_rd_seek(struct ia_rd *r, size_t off)
{
	if (off > r->len)
		return false;
	r->off = off;
	return true;
}

static inline bool ia_rd_skip(struct ia_rd *r, size_t n)
{
	if (n > ia_rd_left(r))
		return false;
	r->off += n;
	return true;
}

static inline bool ia_rd_bytes(struct ia_rd *r, size_t n, const uint8_t **out)
{
	if (n > ia_rd_left(r))
		return false;
	*out = r->p + r->off;
	r->off += n;
	return true;
}

static inline bool ia_rd_u8(struct ia_rd *r, uint8_t *out)
{
	if (ia_rd_left(r) < 1)
		return false;
	*out = r->p[r->off++];
	return true;
}

static inline bool ia_rd_be16(struct ia_rd *r, uint16_t *out)
{
	const uint8_t *b;

	if (!ia_rd_bytes(r, 2, &b))
		return false;
	*out = (uint16_t)((b[0] << 8) | b[1]);
	return true;
}

static inline bool ia_rd_le16(struct ia_rd *r, uint16_t *out)
{
	const uint8_t *b;

	if (!ia_rd_bytes(r, 2, &b))
		return false;
	*out = (uint16_t)((b[1] << 8) | b[0]);
	return true;
}

static inline bool ia_rd_be32(struct ia_rd *r, uint32_t *out)
{
	const uint8_t *b;

	if (!ia_rd_bytes(r, 4, &b))
		return false;
	*out = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
	return true;
}

static inline bool ia_rd_le32(struct ia_rd *r, uint32_t *out)
{
	const uint8_t *b;

	if (!ia_rd_bytes(r, 4, &b))
		return false;
	*out = ((uint32_t)b[3] << 24) | ((uint32_t)b[2] << 16) | ((uint32_t)b[1] << 8) | b[0];
	return true;
}

static inline bool ia_rd_be64(struct ia_rd *r, uint64_t *out)
{
	uint32_t hi, lo;
	size_t save = r->off;

	if (!ia_rd_be32(r, &hi) || !ia_rd_be32(r, &lo)) {
		r->off = save;
		return false;
	}
	*out = ((uint64_t)hi << 32) | lo;
	return true;
}

static inline bool ia_rd_le64(struct ia_rd *r, uint64_t *out)
{
	uint32_t hi, lo;
	size_t save = r->off;

	if (!ia_rd_le32(r, &lo) || !ia_rd_le32(r, &hi)) {
		r->off = save;
		return false;
	}
	*out = ((uint64_t)hi << 32) | lo;
	return true;
}

/* A NUL-terminated string starting at the cursor, at most max bytes before the NUL. */
static inline bool ia_rd_cstr(struct ia_rd *r, size_t max, const char **out, size_t *n)
{
	size_t left = ia_rd_left(r);
	const uint8_t *s = r->p + r->off;
	const uint8_t *z = memchr(s, 0, left < max + 1 ? left : max + 1);

	if (!z)
		return false;
	*out = (const char *)s;
	*n = (size_t)(z - s);
	r->off += *n + 1;
	return true;
}

#endif
