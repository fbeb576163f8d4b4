/* bdb.c — reads rpm's BerkeleyDB hash "Packages" file from memory, both byte orders */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/rd.h"
#include "rpm/rpm.h"
#include "util/banned.h"

/*
 * Layout (Berkeley DB 4.x/5.x hash access method, file byte order set by
 * the writer's host):
 * page 0, the metadata page: magic 0x061561 at 12, version at 16, page size
 *   at 20, encryption algorithm at 24, page type (8) at 25, meta flags at
 *   26, last page number at 32.
 * every page: 26-byte header: pgno at 8, prev at 12, next at 16, item count
 *   (u16) at 20, high free offset (u16) at 22, type (u8) at 25; then the
 *   item offsets (u16 each).
 * hash pages (type 13, or 2 before 4.6) hold key/data item pairs; item i
 *   spans [off[i], off[i-1]) (the page end for i == 0); its first byte is
 *   its kind: 1 key/data bytes inline, 3 off-page (pgno at 4, length at 8).
 * overflow pages (type 7) chain through next; each holds "high free offset"
 *   bytes from offset 26.
 * rpm stores the header number as the key and the header blob as the data;
 * key 0 holds rpm's own counter, not a header.
 */

#define BDB_HASH_MAGIC 0x061561u
#define PAGE_HDR 26u
#define P_HASH_UNSORTED 2
#define P_OVERFLOW 7
#define P_HASHMETA 8
#define P_HASH 13
#define H_KEYDATA 1
#define H_DUPLICATE 2
#define H_OFFPAGE 3
#define H_OFFDUP 4
#define DBMETA_CHKSUM 0x01

struct bdb {
	const uint8_t *data;
	size_t len;
	bool be; /* file written big-endian */
	uint32_t pagesize;
	uint32_t npages; /* pages present in the file, at most last_pgno + 1 */
	uint8_t *used;   /* overflow pages already part of a chain (one bit each) */
	const struct rpm_sink *sink;
	struct ia_buf val; /* the value being assembled from an overflow chain */
};

static uint32_t get32(const struct bdb *db, const uint8_t *p)
{
	struct ia_rd r;
	uint32_t v = 0;

	ia_rd_init(&r, p, 4);
	(void)(db->be ? ia_rd_be32(&r, &v) : ia_rd_le32(&r, &v));
	return v;
}

static uint16_t get16(const struct bdb *db, const uint8_t *p)
{
	struct ia_rd r;
	uint16_t v = 0;

	ia_rd_init(&r, p, 2);
	(void)(db->be ? ia_rd_be16(&r, &v) : ia_rd_le16(&r, &v));
	return v;
}

static const uint8_t *page_at(const struct bdb *db, uint32_t pgno)
{
	return db->data + (size_t)pgno * db->pagesize;
}

/*
 * Assembles an off-page value of tlen bytes starting at pgno into db->val.
 * Every overflow page may belong to one chain only (a bitmap over the file),
 * so a page pointing at itself, a cycle or chains sharing pages end here and
 * the whole walk reads each page at most once.
 */
static int read_overflow(struct bdb *db, uint32_t from, uint32_t pgno, uint32_t tlen)
{
	ia_buf_reset(&db->val);
	if (tlen > IA_MAX_RPM_HEADER_DATA) {
		rpm_sink_bad(db->sink, -IA_ETOOBIG,
			     "page %u: value of %u bytes (limit IA_MAX_RPM_HEADER_DATA %u)", from,
			     tlen, IA_MAX_RPM_HEADER_DATA);
		return -IA_ETOOBIG;
	}
	while (db->val.len < tlen) {
		const uint8_t *pg;
		uint32_t n;

		if (pgno == 0) {
			rpm_sink_bad(db->sink, -IA_ECORRUPT,
				     "page %u: overflow chain ends after %zu of its %u bytes", from,
				     db->val.len, tlen);
			return -IA_ECORRUPT;
		}
		if (pgno >= db->npages) {
			rpm_sink_bad(db->sink, -IA_ECORRUPT,
				     "page %u: overflow chain points at page %u, outside the %u "
				     "pages of "
				     "the file",
				     from, pgno, db->npages);
			return -IA_ECORRUPT;
		}
		if (db->used[pgno / 8] & (1u << (pgno % 8))) {
			rpm_sink_bad(
				db->sink, -IA_ECORRUPT,
				"page %u: overflow chain reaches page %u a second time (cycle or "
				"shared page)",
				from, pgno);
			return -IA_ECORRUPT;
		}
		db->used[pgno / 8] |= (uint8_t)(1u << (pgno % 8));
		pg = page_at(db, pgno);
		if (pg[25] != P_OVERFLOW || get32(db, pg + 8) != pgno) {
			rpm_sink_bad(db->sink, -IA_ECORRUPT,
				     "page %u: overflow chain reaches page %u of type %u", from,
				     pgno, pg[25]);
			return -IA_ECORRUPT;
		}
		n = get16(db, pg + 22);
		if (n == 0 || n > db->pagesize - PAGE_HDR || n > tlen - db->val.len) {
			rpm_sink_bad(db->sink, -IA_ECORRUPT,
				     "page %u: overflow page %u holds %u bytes, out of range", from,
				     pgno, n);
			return -IA_ECORRUPT;
		}
		if (ia_buf_add(&db->val, pg + PAGE_HDR, n) < 0)
			return -IA_ETOOBIG; /* cannot happen: tlen is bounded above */
		pgno = get32(db, pg + 16);
	}
	if (pgno != 0) {
		rpm_sink_bad(db->sink, -IA_ECORRUPT,
			     "page %u: overflow chain goes on past its %u bytes", from, tlen);
		return -IA_ECORRUPT;
	}
	return 0;
}

/* The key/data pairs of one hash page. */
static void read_hash_page(struct bdb *db, uint32_t pgno)
{
	const uint8_t *pg = page_at(db, pgno);
	uint16_t n = get16(db, pg + 20);
	uint32_t ps = db->pagesize;

	if (n % 2 || PAGE_HDR + 2u * n > ps) {
		rpm_sink_bad(db->sink, -IA_ECORRUPT,
			     "page %u: %u items do not form key/data pairs inside the page", pgno,
			     n);
		return;
	}
	for (uint16_t i = 0; i < n; i += 2) {
		uint32_t koff = get16(db, pg + PAGE_HDR + 2u * i);
		uint32_t doff = get16(db, pg + PAGE_HDR + 2u * (i + 1));
		uint32_t kend = i == 0 ? ps : get16(db, pg + PAGE_HDR + 2u * (i - 1));
		uint32_t dend = koff;
		uint32_t lo = PAGE_HDR + 2u * n;

		if (koff < lo || koff >= kend || kend > ps || doff < lo || doff >= dend) {
			rpm_sink_bad(db->sink, -IA_ECORRUPT,
				     "page %u: item %u lies outside the page", pgno, i);
			return;
		}
		/* rpm's counter record: key 0 */
		if (pg[koff] == H_KEYDATA && kend - koff == 5 &&
		    !memcmp(pg + koff + 1, "\0\0\0\0", 4))
			continue;
		switch (pg[doff]) {
		case H_KEYDATA:
			db->sink->blob(db->sink->ctx, pg + doff + 1, dend - doff - 1, pgno);
			break;
		case H_OFFPAGE:
			if (dend - doff < 12) {
				rpm_sink_bad(db->sink, -IA_ECORRUPT,
					     "page %u: off-page item %u is short", pgno, i + 1);
				break;
			}
			if (read_overflow(db, pgno, get32(db, pg + doff + 4),
					  get32(db, pg + doff + 8)) == 0)
				db->sink->blob(db->sink->ctx, (const uint8_t *)db->val.data,
					       db->val.len, pgno);
			break;
		case H_DUPLICATE:
		case H_OFFDUP:
			rpm_sink_bad(db->sink, -IA_EUNSUPPORTED,
				     "page %u: duplicate data items, which rpm never writes", pgno);
			break;
		default:
			rpm_sink_bad(db->sink, -IA_ECORRUPT, "page %u: item %u of unknown kind %u",
				     pgno, i + 1, pg[doff]);
			break;
		}
	}
}

/* The metadata page (the first 512 bytes): byte order, page size, last page number. */
static int read_meta(struct bdb *db, const uint8_t *data, size_t len, const char *path,
		     uint32_t *last, struct ia_err *err)
{
	struct ia_rd r;
	uint32_t magic, version;

	ia_rd_init(&r, data, len);
	if (len < 512 || !ia_rd_seek(&r, 12) || !ia_rd_le32(&r, &magic))
		return IA_CORRUPT(err, path, 0,
				  "berkeley db: %zu bytes, shorter than a metadata page", len);
	if (magic == BDB_HASH_MAGIC)
		db->be = false;
	else if (magic == __builtin_bswap32(BDB_HASH_MAGIC))
		db->be = true;
	else
		return IA_CORRUPT(err, path, 0, "berkeley db: not a hash database (magic 0x%08x)",
				  magic);
	version = get32(db, data + 16);
	db->pagesize = get32(db, data + 20);
	*last = get32(db, data + 32);
	if (version < 8 || version > 10)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0, "berkeley db: hash version %u",
				  version);
	if (db->pagesize < 512 || db->pagesize > 65536 || (db->pagesize & (db->pagesize - 1)))
		return IA_CORRUPT(err, path, 0,
				  "berkeley db: page size %u is not a power of two in 512..65536",
				  db->pagesize);
	if (data[25] != P_HASHMETA)
		return IA_CORRUPT(err, path, 0, "berkeley db: metadata page of type %u", data[25]);
	if (data[24] != 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0,
				  "berkeley db: encrypted (algorithm %u)", data[24]);
	if (data[26] & DBMETA_CHKSUM)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0,
				  "berkeley db: pages with checksums");
	return 0;
}

int rpm_bdb_extent(const uint8_t *head, size_t n, uint64_t size, const char *path, uint64_t *extent,
		   struct ia_err *err)
{
	struct bdb db = {0};
	uint32_t last;
	uint64_t declared;
	int r = read_meta(&db, head, n, path, &last, err);

	if (r < 0)
		return r;
	declared = ((uint64_t)last + 1) * db.pagesize;
	*extent = declared < size ? declared : size;
	return 0;
}

int rpm_bdb_read(const uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err)
{
	struct bdb db = {.data = data, .len = len, .sink = sink};
	const char *path = sink->path;
	uint32_t last;
	uint64_t declared;
	int r = read_meta(&db, data, len, path, &last, err);

	if (r < 0)
		return r;
	declared = ((uint64_t)last + 1) * db.pagesize;
	db.npages = (uint32_t)(len / db.pagesize);
	if (declared < db.npages * (uint64_t)db.pagesize)
		db.npages = last + 1; /* pages past last_pgno are not part of the database */
	db.used = ia_xcalloc(db.npages / 8 + 1, 1);
	ia_buf_init(&db.val, IA_MAX_RPM_HEADER_DATA + 16);
	for (uint32_t pgno = 1; pgno < db.npages; pgno++) {
		const uint8_t *pg = page_at(&db, pgno);

		if (pg[25] != P_HASH && pg[25] != P_HASH_UNSORTED)
			continue;
		if (get32(&db, pg + 8) != pgno) {
			rpm_sink_bad(db.sink, -IA_ECORRUPT, "page %u: says it is page %u", pgno,
				     get32(&db, pg + 8));
			continue;
		}
		read_hash_page(&db, pgno);
	}
	free(db.used);
	ia_buf_release(&db.val);
	if (declared > len)
		return IA_CORRUPT(err, path, 0,
				  "berkeley db: truncated: the metadata page counts %llu pages of "
				  "%u bytes, the file holds %zu bytes",
				  (unsigned long long)last + 1, db.pagesize, len);
	return 0;
}
