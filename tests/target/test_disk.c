/* test_disk.c — the partition table reader (MBR with logical partitions, GPT): real layouts and
 * hostile ones (entries past the end, overlaps, looping EBR chains, damaged GPT, huge arrays) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "target/disk.h"
#include "util/limits.h"

#define DISK (1u << 20) /* a 1 MiB disk in memory: 2048 sectors */

static unsigned char disk[DISK];
static unsigned reads_past;

static ssize_t mem_read(void *ctx, void *buf, size_t n, uint64_t off)
{
	uint64_t size = *(const uint64_t *)ctx;

	if (off >= size)
		return 0;
	if (n > size - off)
		n = (size_t)(size - off);
	if (off + n > DISK) {
		reads_past++; /* a sparse tail: zeros */
		memset(buf, 0, n);
		if (off < DISK)
			memcpy(buf, disk + off, DISK - off);
		return (ssize_t)n;
	}
	memcpy(buf, disk + off, n);
	return (ssize_t)n;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static void mbr_entry(unsigned char *sector, int i, uint8_t type, uint32_t lba, uint32_t n)
{
	unsigned char *e = sector + 446 + 16 * i;

	e[4] = type;
	put32(e + 8, lba);
	put32(e + 12, n);
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

struct scan {
	struct tgt_part parts[IA_MAX_PARTITIONS];
	size_t n;
	struct ia_problems pr;
	enum tgt_scheme scheme;
};

static void scan(struct scan *s, uint64_t size)
{
	memset(s, 0, sizeof(*s));
	s->scheme =
		tgt_part_scan(mem_read, &size, size, s->parts, IA_MAX_PARTITIONS, &s->n, &s->pr);
}

static bool problem(const struct scan *s, const char *text)
{
	for (size_t i = 0; i < s->pr.len; i++)
		if (strstr(s->pr.v[i].msg, text))
			return true;
	return false;
}

static void test_mbr_logical(void **state)
{
	struct scan s;

	memset(disk, 0, sizeof(disk));
	put32(disk + 440, 0x12345678);
	mbr_entry(disk, 0, 0x82, 1, 2);
	mbr_entry(disk, 1, 0x0f, 4, 100); /* extended: EBRs at 4 and 24 */
	mbr_entry(disk, 2, 0x83, 200, 50);
	mbr_entry(disk + 4 * 512, 0, 0x83, 1, 10);
	mbr_entry(disk + 4 * 512, 1, 0x05, 20, 15);
	mbr_entry(disk + 24 * 512, 0, 0x83, 1, 5);
	scan(&s, DISK);
	assert_int_equal(s.scheme, TGT_SCHEME_MBR);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.parts[0].number, 1);
	assert_int_equal(s.parts[1].number, 5);
	assert_int_equal(s.parts[1].start, 5 * 512);
	assert_int_equal(s.parts[1].size, 10 * 512);
	assert_int_equal(s.parts[2].number, 6);
	assert_int_equal(s.parts[2].start, 25 * 512);
	assert_int_equal(s.parts[3].number, 3);
	assert_string_equal(s.parts[1].uuid, "12345678-05");
	assert_int_equal(s.pr.len, 0);
	ia_problems_release(&s.pr);
}

static void test_mbr_hostile(void **state)
{
	struct scan s;

	memset(disk, 0, sizeof(disk));
	mbr_entry(disk, 0, 0x83, 100, 0xffffffffu); /* past the end */
	mbr_entry(disk, 1, 0x83, 10, 200);
	mbr_entry(disk, 2, 0x83, 100, 50); /* overlaps the second */
	mbr_entry(disk, 3, 0x05, 300, 100);
	mbr_entry(disk + 300 * 512, 0, 0x83, 1, 10);
	mbr_entry(disk + 300 * 512, 1, 0x05, 0, 10); /* the next EBR is itself: a loop */
	scan(&s, DISK);
	assert_int_equal(s.scheme, TGT_SCHEME_MBR);
	assert_int_equal(s.n, 3); /* 2, 3 and logical 5; 1 left out */
	assert_true(
		problem(&s, "primary partition 1 (bytes 51200..2199023306240) lies past the end"));
	assert_true(problem(&s, "partitions 2 and 3 overlap"));
	assert_true(problem(&s, "backwards or outside the extended partition"));
	ia_problems_release(&s.pr);

	/* a boot sector (status bytes that are not 0x00/0x80) is not a partition table */
	memset(disk, 0, sizeof(disk));
	mbr_entry(disk, 0, 0x83, 1, 10);
	disk[446] = 0x42;
	scan(&s, DISK);
	assert_int_equal(s.scheme, TGT_SCHEME_NONE);
	assert_int_equal(s.n, 0);
	ia_problems_release(&s.pr);
}

/* A GPT on the in-memory disk: header at LBA 1 (and the backup at the last LBA of size), entry
 * array at LBA 2 (backup: just before the backup header), n entries of 128 bytes. */
static void gpt_header(uint64_t lba, uint64_t entries_lba, uint32_t n, const unsigned char *arr,
		       size_t arr_len)
{
	unsigned char *h = disk + lba * 512;

	memset(h, 0, 512);
	memcpy(h, "EFI PART", 8);
	put32(h + 8, 0x10000);
	put32(h + 12, 92);
	put64(h + 24, lba);
	put64(h + 72, entries_lba);
	put32(h + 80, n);
	put32(h + 84, 128);
	put32(h + 88, (uint32_t)crc32(0, arr, (uInt)arr_len));
	put32(h + 16, (uint32_t)crc32(0, h, 92));
}

static void make_gpt(uint64_t size)
{
	unsigned char arr[4 * 128] = {0};
	uint64_t last = size / 512 - 1;

	memset(disk, 0, sizeof(disk));
	mbr_entry(disk, 0, 0xee, 1, 0xffffffffu);
	for (int i = 0; i < 3; i++) {
		memset(arr + i * 128, 0x11 * (i + 1), 32); /* type and unique GUIDs */
		put64(arr + i * 128 + 32, 34 + 100 * (uint64_t)i);
		put64(arr + i * 128 + 40, 34 + 100 * (uint64_t)i + 99);
	}
	put64(arr + 2 * 128 + 32, 34);
	put64(arr + 2 * 128 + 40, last + 100); /* the third lies past the end */
	memcpy(disk + 2 * 512, arr, sizeof(arr));
	gpt_header(1, 2, 4, arr, sizeof(arr));
	if (last < DISK / 512) {
		memcpy(disk + (last - 1) * 512, arr, sizeof(arr));
		gpt_header(last, last - 1, 4, arr, sizeof(arr));
	}
}

static void test_gpt(void **state)
{
	struct scan s;

	make_gpt(DISK);
	scan(&s, DISK);
	assert_int_equal(s.scheme, TGT_SCHEME_GPT);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.parts[1].number, 2);
	assert_int_equal(s.parts[1].start, 134 * 512);
	assert_int_equal(s.parts[1].size, 100 * 512);
	assert_string_equal(s.parts[0].uuid, "11111111-1111-1111-1111-111111111111");
	assert_true(problem(&s, "GPT partition 3"));
	assert_true(problem(&s, "lies past the end of the disk"));
	ia_problems_release(&s.pr);

	/* the primary header damaged: the backup is read, and the report says so */
	disk[512 + 40] ^= 1;
	scan(&s, DISK);
	assert_int_equal(s.scheme, TGT_SCHEME_GPT);
	assert_int_equal(s.n, 2);
	assert_true(problem(&s, "the backup GPT at the end of the disk was read"));
	ia_problems_release(&s.pr);

	/* both damaged: no partition, a problem, never a crash */
	disk[DISK - 512 + 40] ^= 1;
	scan(&s, DISK);
	assert_int_equal(s.n, 0);
	assert_true(problem(&s, "no backup GPT is readable"));
	ia_problems_release(&s.pr);
}

static void test_gpt_hostile(void **state)
{
	unsigned char arr[128] = {0};
	struct scan s;

	/* a header asking for 2^32 - 1 entries (with a valid CRC) on a 2^40-byte sparse disk:
	 * refused without reading or allocating the array */
	make_gpt(DISK);
	gpt_header(1, 2, 0xffffffffu, arr, sizeof(arr));
	reads_past = 0;
	scan(&s, 1ull << 40);
	assert_int_equal(s.n, 0);
	assert_true(problem(&s, "damaged"));
	assert_true(reads_past <= 2); /* the backup header's sector, nothing more */
	ia_problems_release(&s.pr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mbr_logical),
		cmocka_unit_test(test_mbr_hostile),
		cmocka_unit_test(test_gpt),
		cmocka_unit_test(test_gpt_hostile),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
