/* ndb.c — reads rpm's own "ndb" Packages.db (SUSE) from memory */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/rd.h"
#include "rpm/rpm.h"
#include "util/banned.h"

/*
 * Layout (little-endian, rpm lib/backend/ndb):
 * header, 32 bytes: "RpmP", version (0), generation, slot page count, ...
 * slot pages: slot page count x 4096 bytes of 16-byte slots, the header
 *   taking the first two: "Slot", package index (0 = free), block offset,
 *   block count. Blocks are 16 bytes.
 * a blob at block offset: "BlbS", package index, generation, length; the
 *   header blob; and, in the last 12 bytes of its blocks, a checksum, the
 *   length again and "BlbE".
 */

#define NDB_PAGE 4096u
#define NDB_SLOT 16u
#define NDB_BLK 16u
#define NDB_HEAD 16u
#define NDB_TAIL 12u

static uint32_t le32_at(const uint8_t *b)
{
	return ((uint32_t)b[3] << 24) | ((uint32_t)b[2] << 16) | ((uint32_t)b[1] << 8) | b[0];
}

/* The 32-byte header of a file of size bytes: magic, version, slot pages inside the file. */
static int read_head(const uint8_t *data, size_t n, uint64_t size, const char *path,
		     uint32_t *npages, struct ia_err *err)
{
	uint32_t version;

	if (n < 32 || memcmp(data, "RpmP", 4) != 0)
		return IA_CORRUPT(err, path, 0, "ndb: no \"RpmP\" header");
	version = le32_at(data + 4);
	*npages = le32_at(data + 12);
	if (version != 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0, "ndb: version %u", version);
	if (*npages == 0 || (uint64_t)*npages * NDB_PAGE > size)
		return IA_CORRUPT(err, path, 0,
				  "ndb: %u slot pages of 4096 bytes, the file holds %llu bytes",
				  *npages, (unsigned long long)size);
	return 0;
}

int rpm_ndb_extent(const uint8_t *head, size_t n, uint64_t size, const char *path, uint64_t *extent,
		   struct ia_err *err)
{
	uint32_t npages;
	int r = read_head(head, n, size, path, &npages, err);

	if (r < 0)
		return r;
	*extent = size; /* blobs may lie anywhere after the slot pages */
	return 0;
}

int rpm_ndb_read(const uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err)
{
	const char *path = sink->path;
	uint32_t npages = 0, nslots; /* set by read_head; 0 quiets -Wmaybe-uninitialized at -O2 */
	uint64_t slots_end, total = 0;
	int r = read_head(data, len, len, path, &npages, err);

	if (r < 0)
		return r;
	slots_end = (uint64_t)npages * NDB_PAGE;
	nslots = (uint32_t)(slots_end / NDB_SLOT);
	for (uint32_t i = 2; i < nslots; i++) {
		const uint8_t *s = data + (size_t)i * NDB_SLOT;
		uint32_t pkgidx = le32_at(s + 4), blkoff = le32_at(s + 8), blkcnt = le32_at(s + 12);
		uint64_t start = (uint64_t)blkoff * NDB_BLK,
			 end = start + (uint64_t)blkcnt * NDB_BLK;
		const uint8_t *b;
		uint32_t bloblen;

		if (memcmp(s, "Slot", 4) != 0)
			return IA_CORRUPT(err, path, 0, "ndb: slot %u has no \"Slot\" magic", i);
		if (pkgidx == 0)
			continue;
		if (start < slots_end || end > len ||
		    blkcnt * (uint64_t)NDB_BLK < NDB_HEAD + NDB_TAIL) {
			rpm_sink_bad(sink, -IA_ECORRUPT,
				     "ndb: package %u: blocks %u+%u lie outside the blob area of "
				     "the file",
				     pkgidx, blkoff, blkcnt);
			continue;
		}
		b = data + start;
		bloblen = le32_at(b + 12);
		if (memcmp(b, "BlbS", 4) != 0 || le32_at(b + 4) != pkgidx) {
			rpm_sink_bad(sink, -IA_ECORRUPT,
				     "ndb: package %u: no blob of that package at block %u", pkgidx,
				     blkoff);
			continue;
		}
		if (bloblen > IA_MAX_RPM_HEADER_DATA) {
			rpm_sink_bad(sink, -IA_ETOOBIG,
				     "ndb: package %u: blob of %u bytes (limit "
				     "IA_MAX_RPM_HEADER_DATA %u)",
				     pkgidx, bloblen, IA_MAX_RPM_HEADER_DATA);
			continue;
		}
		if (NDB_HEAD + (uint64_t)bloblen + NDB_TAIL > end - start) {
			rpm_sink_bad(sink, -IA_ECORRUPT,
				     "ndb: package %u: blob of %u bytes runs past its %u blocks",
				     pkgidx, bloblen, blkcnt);
			continue;
		}
		if (memcmp(data + end - 4, "BlbE", 4) != 0 || le32_at(data + end - 8) != bloblen) {
			rpm_sink_bad(sink, -IA_ECORRUPT,
				     "ndb: package %u: blob tail missing or of another length",
				     pkgidx);
			continue;
		}
		/* Blobs do not overlap, so all of them together fit in the file; more means
		 * slots share blocks, which would let a small file cost without end. */
		total += bloblen;
		if (total > len)
			return IA_CORRUPT(err, path, 0, "ndb: slots share blob blocks");
		sink->blob(sink->ctx, b + NDB_HEAD, bloblen, pkgidx);
	}
	return 0;
}
