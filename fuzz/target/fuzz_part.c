/* fuzz_part.c — fuzz harness: bytes as the head of a disk, read for an MBR or GPT partition table
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "target/disk.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t n;
};

/* Past the bytes given the disk reads as zeros (sparse), up to its declared size. */
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

/* The first 8 bytes: the disk's size (little-endian; 2^40 and beyond allowed); the rest its
 * first bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tgt_part parts[IA_MAX_PARTITIONS];
	struct ia_problems pr = {0};
	struct mem m;
	uint64_t disk = 0;
	size_t n = 0;

	if (size < 8)
		return 0;
	for (int i = 7; i >= 0; i--)
		disk = disk << 8 | data[i];
	m.p = data + 8;
	m.n = size - 8;
	if (disk < m.n)
		disk = m.n;
	tgt_part_scan(mem_read, &m, disk, parts, IA_MAX_PARTITIONS, &n, &pr);
	for (size_t i = 0; i < n; i++)
		if (parts[i].start > disk || parts[i].size > disk - parts[i].start)
			__builtin_trap(); /* a partition past the end of the disk */
	ia_problems_release(&pr);
	return 0;
}
