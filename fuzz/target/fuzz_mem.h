/* fuzz_mem.h — the device the partition and LVM2 harnesses read: a size declared in the input's
 * first 8 bytes, the rest of the input its first bytes, zeros after them */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FUZZ_MEM_H
#define IA_FUZZ_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

struct mem {
	const uint8_t *p;
	size_t n;
};

/* Past the bytes given the device reads as zeros (sparse), up to its declared size. */
static ssize_t mem_read(void *ctx, void *buf, size_t n, uint64_t off)
{
	const struct mem *m = ctx;
	size_t have = off < m->n ? m->n - (size_t)off : 0;

	if (have > n)
		have = n;
	if (have)
		memcpy(buf, m->p + off, have);
	memset((char *)buf + have, 0, n - have);
	return (ssize_t)n;
}

/* The device of an input: its size from the first 8 bytes (little-endian; 2^40 and beyond
 * allowed, never less than the bytes given), in *size; false when the input is shorter. */
static bool mem_from_input(const uint8_t *data, size_t len, struct mem *m, uint64_t *size)
{
	*size = 0;
	if (len < 8)
		return false;
	for (int i = 7; i >= 0; i--)
		*size = *size << 8 | data[i];
	m->p = data + 8;
	m->n = len - 8;
	if (*size < m->n)
		*size = m->n;
	return true;
}

#endif
