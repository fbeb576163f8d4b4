/* disk_part.c — partition tables of a disk image: MBR with logical partitions, and GPT; bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <zlib.h>

#include "target/disk.h"
#include "util/banned.h"

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* A GUID as stored (first three fields little-endian) in its usual text form. */
static void guid_str(const uint8_t g[16], char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12],
		 g[13], g[14], g[15]);
}

struct scan {
	tgt_read_fn rd;
	void *ctx;
	uint64_t size;
	struct tgt_part *out;
	size_t max, n;
	struct ia_problems *pr;
};

static bool read_at(struct scan *s, void *buf, size_t n, uint64_t off)
{
	return off <= s->size && n <= s->size - off && s->rd(s->ctx, buf, n, off) == (ssize_t)n;
}

/* Adds a partition of [start, start + size) bytes unless it lies past the end of the disk or of
 * the area it must stay in (lo, hi), or is empty. */
static void add(struct scan *s, unsigned number, uint64_t start, uint64_t size, uint64_t lo,
		uint64_t hi, const char *what)
{
	char pnum[32];

	snprintf(pnum, sizeof(pnum), "partition %u", number);
	if (size == 0)
		return;
	if (start < lo || start > hi || size > hi - start) {
		ia_problem_add(s->pr, "disk", pnum, 0, -IA_ECORRUPT,
			       "%s partition %u (bytes %llu..%llu) lies past the end of the %s "
			       "(%llu bytes): not examined",
			       what, number, (unsigned long long)start,
			       (unsigned long long)(start + size), hi == s->size ? "disk" : "area",
			       (unsigned long long)hi);
		return;
	}
	if (s->n >= s->max) {
		ia_problem_add(s->pr, "disk", pnum, 0, -IA_ETOOBIG,
			       "more than IA_MAX_PARTITIONS (%zu) partitions: partition %u and "
			       "later not examined",
			       s->max, number);
		return;
	}
	memset(&s->out[s->n], 0, sizeof(s->out[s->n]));
	s->out[s->n].number = number;
	s->out[s->n].start = start;
	s->out[s->n].size = size;
	s->n++;
}

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

/* The logical partitions of the extended partition [ext, ext + len): a chain of EBRs, each
 * holding one logical partition (relative to itself) and the next EBR (relative to ext). */
static void mbr_logical(struct scan *s, uint64_t ext, uint64_t len, uint32_t sig)
{
	uint64_t ebr = ext;
	unsigned number = 5;

	for (unsigned k = 0; k < IA_MAX_PARTITIONS; k++) {
		unsigned char b[512];
		uint64_t start, size, next;

		if (!read_at(s, b, sizeof(b), ebr) || b[510] != 0x55 || b[511] != 0xaa) {
			if (k > 0 || ebr != ext)
				ia_problem_add(s->pr, "disk", "extended partition", 0, -IA_ECORRUPT,
					       "unreadable extended boot record at byte %llu: the "
					       "logical partitions from %u on are not examined",
					       (unsigned long long)ebr, number);
			return;
		}
		start = ebr + (uint64_t)le32(b + 446 + 8) * 512;
		size = (uint64_t)le32(b + 446 + 12) * 512;
		if (b[446 + 4] != 0) {
			size_t before = s->n;

			add(s, number, start, size, ext, ext + len, "logical");
			if (s->n > before) {
				s->out[s->n - 1].mbr_type = b[446 + 4];
				snprintf(s->out[s->n - 1].uuid, sizeof(s->out[0].uuid), "%08x-%02x",
					 sig, number & 0xff);
			}
			number++;
		}
		if (b[462 + 4] == 0 || le32(b + 462 + 12) == 0)
			return;
		next = ext + (uint64_t)le32(b + 462 + 8) * 512;
		if (next <= ebr || next >= ext + len) {
			/* a chain must move forward inside the extended partition: a loop or a
			 * link outside it ends here */
			ia_problem_add(s->pr, "disk", "extended partition", 0, -IA_ECORRUPT,
				       "extended boot record at byte %llu links to byte %llu, "
				       "backwards or outside the extended partition: the chain "
				       "ends there",
				       (unsigned long long)ebr, (unsigned long long)next);
			return;
		}
		ebr = next;
	}
	ia_problem_add(s->pr, "disk", "extended partition", 0, -IA_ETOOBIG,
		       "more than IA_MAX_PARTITIONS (%d) logical partitions: the rest are not "
		       "examined",
		       IA_MAX_PARTITIONS);
}

static void mbr(struct scan *s, const unsigned char *b)
{
	uint32_t sig = le32(b + 440);

	for (unsigned i = 0; i < 4; i++) {
		const unsigned char *e = b + 446 + 16 * i;
		uint64_t start = (uint64_t)le32(e + 8) * 512, size = (uint64_t)le32(e + 12) * 512;
		size_t before = s->n;

		if (e[4] == 0)
			continue;
		if (is_extended(e[4])) {
			if (start < s->size && size <= s->size - start)
				mbr_logical(s, start, size, sig);
			else
				add(s, i + 1, start, size, 0, s->size, "extended");
			continue;
		}
		add(s, i + 1, start, size, 0, s->size, "primary");
		if (s->n > before) {
			s->out[s->n - 1].mbr_type = e[4];
			snprintf(s->out[s->n - 1].uuid, sizeof(s->out[0].uuid), "%08x-%02x", sig,
				 i + 1);
		}
	}
}

/* A GPT header at byte off, checked (signature, size, CRC, entry array bounds). */
static bool gpt_header(struct scan *s, uint64_t off, unsigned ss, unsigned char *h)
{
	uint32_t hsize, crc, n, esz;

	if (!read_at(s, h, ss, off) || memcmp(h, "EFI PART", 8) != 0)
		return false;
	hsize = le32(h + 12);
	if (hsize < 92 || hsize > ss)
		return false;
	crc = le32(h + 16);
	memset(h + 16, 0, 4);
	if ((uint32_t)crc32(0, h, hsize) != crc)
		return false;
	n = le32(h + 80);
	esz = le32(h + 84);
	return n > 0 && esz >= 128 && esz <= 4096 && esz % 8 == 0 &&
	       (uint64_t)n * esz <= IA_MAX_GPT_ARRAY;
}

/* Reads the GPT entry array the header h describes; false when unreadable or its CRC fails. */
static bool gpt_entries(struct scan *s, const unsigned char *h, unsigned ss, unsigned char **arr)
{
	uint64_t lba = le64(h + 72);
	size_t len = (size_t)le32(h + 80) * le32(h + 84);

	if (lba > s->size / ss)
		return false;
	*arr = ia_xmalloc(len);
	if (!read_at(s, *arr, len, lba * ss) ||
	    (uint32_t)crc32(0, *arr, (uInt)len) != le32(h + 88)) {
		free(*arr);
		*arr = NULL;
		return false;
	}
	return true;
}

static void gpt_add(struct scan *s, const unsigned char *h, const unsigned char *arr, unsigned ss)
{
	uint32_t n = le32(h + 80), esz = le32(h + 84);
	static const uint8_t zero[16];

	for (uint32_t i = 0; i < n; i++) {
		const unsigned char *e = arr + (size_t)i * esz;
		uint64_t first = le64(e + 32), last = le64(e + 40);
		size_t before = s->n;

		if (memcmp(e, zero, 16) == 0)
			continue;
		if (last < first || first > UINT64_MAX / ss || last >= UINT64_MAX / ss) {
			char pnum[32];

			snprintf(pnum, sizeof(pnum), "partition %u", i + 1);
			ia_problem_add(s->pr, "disk", pnum, 0, -IA_ECORRUPT,
				       "GPT partition %u ends before it starts: not examined",
				       i + 1);
			continue;
		}
		add(s, i + 1, first * ss, (last - first + 1) * ss, 0, s->size, "GPT");
		if (s->n > before) {
			struct tgt_part *p = &s->out[s->n - 1];

			memcpy(p->gpt_type, e, 16);
			memcpy(p->gpt_uuid, e + 16, 16);
			guid_str(p->gpt_uuid, p->uuid);
		}
	}
}

/* GPT with sector size ss: the primary header at LBA 1, else the backup at the last LBA. */
static bool gpt(struct scan *s, unsigned ss)
{
	unsigned char h[4096], *arr = NULL;
	bool primary = gpt_header(s, ss, ss, h) && gpt_entries(s, h, ss, &arr);

	if (!primary) {
		bool seen = read_at(s, h, 8, ss) && memcmp(h, "EFI PART", 8) == 0;

		if (!(s->size / ss > 1 && gpt_header(s, (s->size / ss - 1) * ss, ss, h) &&
		      gpt_entries(s, h, ss, &arr))) {
			if (seen)
				ia_problem_add(s->pr, "disk", "GPT", 0, -IA_ECORRUPT,
					       "the GPT header or its partition entries are "
					       "damaged (CRC) and no backup GPT is readable: no "
					       "partition examined");
			return seen;
		}
		ia_problem_add(s->pr, "disk", "GPT", 0, -IA_ECORRUPT,
			       "the primary GPT is damaged or missing: the backup GPT at the end "
			       "of the disk was read");
	}
	gpt_add(s, h, arr, ss);
	free(arr);
	return true;
}

static int by_start(const void *a, const void *b)
{
	const struct tgt_part *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void overlaps(struct scan *s)
{
	struct tgt_part *v = ia_xmalloc((s->n ? s->n : 1) * sizeof(*v));

	memcpy(v, s->out, s->n * sizeof(*v));
	qsort(v, s->n, sizeof(*v), by_start);
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j-- > 0;)
			if (v[j].start + v[j].size > v[i].start) {
				ia_problem_add(s->pr, "disk", "partition table", 0, -IA_ECORRUPT,
					       "partitions %u and %u overlap: each is read as "
					       "it is declared",
					       v[j].number, v[i].number);
				break;
			}
	free(v);
}

enum tgt_scheme tgt_part_scan(tgt_read_fn rd, void *ctx, uint64_t size, struct tgt_part *out,
			      size_t max, size_t *n, struct ia_problems *pr)
{
	struct scan s = {rd, ctx, size, out, max, 0, pr};
	unsigned char b[512];
	enum tgt_scheme scheme = TGT_SCHEME_NONE;
	bool protective = false;

	*n = 0;
	if (!read_at(&s, b, sizeof(b), 0) || b[510] != 0x55 || b[511] != 0xaa)
		return TGT_SCHEME_NONE;
	for (int i = 0; i < 4; i++) {
		uint8_t st = b[446 + 16 * i];

		if (st != 0 && st != 0x80)
			return TGT_SCHEME_NONE; /* a boot sector (FAT, NTFS), not a table */
		protective |= b[446 + 16 * i + 4] == 0xee;
	}
	if (protective && (gpt(&s, 512) || gpt(&s, 4096)))
		scheme = TGT_SCHEME_GPT;
	else {
		mbr(&s, b);
		scheme = TGT_SCHEME_MBR;
	}
	overlaps(&s);
	*n = s.n;
	return scheme;
}
