/* fuzz_part.c — fuzz harness: bytes as the head of a disk, read for an MBR or GPT partition table
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_mem.h"
#include "target/disk.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first 8 bytes: the disk's size (little-endian; 2^40 and beyond allowed); the rest its
 * first bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tgt_part parts[IA_MAX_PARTITIONS];
	struct ia_problems pr = {0};
	struct mem m;
	uint64_t disk;
	size_t n = 0;

	if (!mem_from_input(data, size, &m, &disk))
		return 0;
	tgt_part_scan(mem_read, &m, disk, parts, IA_MAX_PARTITIONS, &n, &pr);
	for (size_t i = 0; i < n; i++)
		if (parts[i].start > disk || parts[i].size > disk - parts[i].start)
			__builtin_trap(); /* a partition past the end of the disk */
	ia_problems_release(&pr);
	return 0;
}
