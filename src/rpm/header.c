/* header.c — the RPM header blob parser: validate the index and data store, then read fields */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/rd.h"
#include "rpm/rpm.h"
#include "util/banned.h"

/*
 * A header blob, as every rpmdb backend stores it (big-endian):
 *   be32 il, be32 dl, il x { be32 tag, type, offset, count }, dl bytes of data.
 * An installed header starts with a region entry (tag 61/62/63, type BIN,
 * count 16) whose offset points at a 16-byte trailer in the data: the same
 * tag and type, count 16, and the negated byte size of the region's entries.
 */

#define ENTRY_SIZE 16u
#define REGION_COUNT 16u

/* The entries imgaudit reads, by slot. */
enum {
	W_NAME,
	W_VERSION,
	W_RELEASE,
	W_EPOCH,
	W_INSTALLTIME,
	W_BUILDTIME,
	W_VENDOR,
	W_PACKAGER,
	W_ARCH,
	W_SOURCERPM,
	W_OLDFILENAMES,
	W_FILEMODES,
	W_FILEDIGESTS,
	W_FILEFLAGS,
	W_DIRINDEXES,
	W_BASENAMES,
	W_DIRNAMES,
	W_DIGESTALGO,
	W_COUNT,
};

static const uint32_t wanted_tags[W_COUNT] = {
	[W_NAME] = RPMTAG_NAME,
	[W_VERSION] = RPMTAG_VERSION,
	[W_RELEASE] = RPMTAG_RELEASE,
	[W_EPOCH] = RPMTAG_EPOCH,
	[W_INSTALLTIME] = RPMTAG_INSTALLTIME,
	[W_BUILDTIME] = RPMTAG_BUILDTIME,
	[W_VENDOR] = RPMTAG_VENDOR,
	[W_PACKAGER] = RPMTAG_PACKAGER,
	[W_ARCH] = RPMTAG_ARCH,
	[W_SOURCERPM] = RPMTAG_SOURCERPM,
	[W_OLDFILENAMES] = RPMTAG_OLDFILENAMES,
	[W_FILEMODES] = RPMTAG_FILEMODES,
	[W_FILEDIGESTS] = RPMTAG_FILEDIGESTS,
	[W_FILEFLAGS] = RPMTAG_FILEFLAGS,
	[W_DIRINDEXES] = RPMTAG_DIRINDEXES,
	[W_BASENAMES] = RPMTAG_BASENAMES,
	[W_DIRNAMES] = RPMTAG_DIRNAMES,
	[W_DIGESTALGO] = RPMTAG_FILEDIGESTALGO,
};

struct entry {
	uint32_t tag, type, off, count;
	bool set;
};

struct parse {
	const uint8_t *data; /* the data store */
	uint32_t dl;
	const char *path;
	uint64_t recno;
	struct ia_err *err;
	struct entry e[W_COUNT];
};

/* Size of one element of a fixed-size type, 0 for strings. */
static uint32_t type_size(uint32_t type)
{
	switch (type) {
	case RPM_NULL_TYPE:
	case RPM_STRING_TYPE:
	case RPM_STRING_ARRAY_TYPE:
	case RPM_I18NSTRING_TYPE:
		return 0;
	case RPM_INT16_TYPE:
		return 2;
	case RPM_INT32_TYPE:
		return 4;
	case RPM_INT64_TYPE:
		return 8;
	default: /* CHAR, INT8, BIN */
		return 1;
	}
}

static int corrupt(struct parse *p, const char *what, uint32_t tag)
{
	return IA_CORRUPT(p->err, p->path, 0, "rpm header %llu: %s (tag %u)",
			  (unsigned long long)p->recno, what, tag);
}

static int wanted_slot(uint32_t tag)
{
	for (int i = 0; i < W_COUNT; i++)
		if (wanted_tags[i] == tag)
			return i;
	return -1;
}

/*
 * Walks count NUL-terminated strings from off inside the store; on success
 * fills out[0..count) when out is not NULL. Costs at most dl bytes.
 */
static int walk_strings(struct parse *p, const struct entry *e, const char **out)
{
	struct ia_rd r;

	ia_rd_init(&r, p->data, p->dl);
	if (!ia_rd_seek(&r, e->off))
		return corrupt(p, "string offset past the data store", e->tag);
	for (uint32_t i = 0; i < e->count; i++) {
		const char *s;
		size_t n;

		if (!ia_rd_cstr(&r, ia_rd_left(&r), &s, &n))
			return corrupt(p, "string without terminator inside the data store",
				       e->tag);
		if (out)
			out[i] = s;
	}
	return 0;
}

/* The first string of a STRING, STRING_ARRAY or I18NSTRING entry; NULL when absent. */
static int get_string(struct parse *p, int w, const char **out)
{
	struct entry *e = &p->e[w];
	struct entry one;

	*out = NULL;
	if (!e->set)
		return 0;
	if (e->type != RPM_STRING_TYPE && e->type != RPM_STRING_ARRAY_TYPE &&
	    e->type != RPM_I18NSTRING_TYPE)
		return corrupt(p, "string tag of another type", e->tag);
	one = *e;
	one.count = 1;
	return walk_strings(p, &one, out);
}

static uint32_t be32_at(const uint8_t *b)
{
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/* The first INT32 of an entry; *out untouched when absent. */
static int get_int32(struct parse *p, int w, int64_t *out)
{
	struct entry *e = &p->e[w];

	if (!e->set)
		return 0;
	if (e->type != RPM_INT32_TYPE)
		return corrupt(p, "integer tag of another type", e->tag);
	*out = be32_at(p->data + e->off);
	return 0;
}

/* A string array of exactly n strings (n == 0: any count, returned in *n_out). */
static int get_strings(struct parse *p, int w, uint32_t n, const char ***out, uint32_t *n_out)
{
	struct entry *e = &p->e[w];
	const char **v;
	int r;

	*out = NULL;
	if (!e->set)
		return 0;
	if (e->type != RPM_STRING_ARRAY_TYPE)
		return corrupt(p, "string array tag of another type", e->tag);
	if (n && e->count != n)
		return corrupt(p, "file array count differs from the number of files", e->tag);
	/* a pointer per string: a store of 256 MB of empty strings must not cost 2 GB */
	if (e->count > IA_MAX_PKG_FILES)
		return ia_err_set(
			p->err, -IA_ETOOBIG, p->path, 0,
			"rpm header %llu: %u strings in one array (limit IA_MAX_PKG_FILES) "
			"(tag %u)",
			(unsigned long long)p->recno, e->count, e->tag);
	v = ia_xcalloc(e->count, sizeof(*v));
	r = walk_strings(p, e, v);
	if (r < 0) {
		free(v);
		return r;
	}
	*out = v;
	if (n_out)
		*n_out = e->count;
	return 0;
}

static int get_ints(struct parse *p, int w, uint32_t type, uint32_t n, void **out)
{
	struct entry *e = &p->e[w];
	const uint8_t *b;

	*out = NULL;
	if (!e->set)
		return 0;
	if (e->type != type)
		return corrupt(p, "file array tag of another type", e->tag);
	if (e->count != n)
		return corrupt(p, "file array count differs from the number of files", e->tag);
	b = p->data + e->off; /* count * size was checked against dl when the index was read */
	if (type == RPM_INT16_TYPE) {
		uint16_t *v = ia_xcalloc(n, sizeof(*v));

		for (uint32_t i = 0; i < n; i++)
			v[i] = (uint16_t)((b[2 * i] << 8) | b[2 * i + 1]);
		*out = v;
	} else {
		uint32_t *v = ia_xcalloc(n, sizeof(*v));

		for (uint32_t i = 0; i < n; i++)
			v[i] = be32_at(b + 4 * (size_t)i);
		*out = v;
	}
	return 0;
}

/* Validates one index entry against the store (fixed-size types fully; strings lazily). */
static int check_entry(struct parse *p, const struct entry *e)
{
	uint32_t sz;
	uint64_t need;

	if (e->type > RPM_I18NSTRING_TYPE)
		return corrupt(p, "entry of unknown type", e->tag);
	if (e->off >= p->dl)
		return corrupt(p, "entry offset past the data store", e->tag);
	if (e->count == 0 || e->count > p->dl)
		return corrupt(p, "entry count out of range", e->tag);
	if (e->type == RPM_STRING_TYPE && e->count != 1)
		return corrupt(p, "string entry with a count other than 1", e->tag);
	sz = type_size(e->type);
	if (sz > 1 && e->off % sz)
		return corrupt(p, "misaligned integer entry", e->tag);
	need = (uint64_t)sz * e->count;
	if (need > (uint64_t)p->dl - e->off)
		return corrupt(p, "entry runs past the data store", e->tag);
	/* Strings are walked only for the entries imgaudit reads (walk_strings), so that a
	 * hostile index of many entries over one long unterminated run costs O(dl) once, not
	 * once per entry. */
	return 0;
}

/* The region entry (first index entry) and its trailer. */
static int check_region(struct parse *p, const struct entry *e, uint32_t il)
{
	struct ia_rd r;
	uint32_t tag, type, off, count, ril;

	if (e->type != RPM_BIN_TYPE || e->count != REGION_COUNT)
		return corrupt(p, "region entry is not a 16-byte binary", e->tag);
	if ((uint64_t)e->off + REGION_COUNT > p->dl)
		return corrupt(p, "region trailer past the data store", e->tag);
	ia_rd_init(&r, p->data + e->off, REGION_COUNT);
	(void)(ia_rd_be32(&r, &tag) && ia_rd_be32(&r, &type) && ia_rd_be32(&r, &off) &&
	       ia_rd_be32(&r, &count));
	if (e->tag == RPMTAG_HEADERSIGNATURES && tag == RPMTAG_HEADERIMAGE)
		tag = RPMTAG_HEADERSIGNATURES; /* old packages write this */
	if (tag != e->tag || type != RPM_BIN_TYPE || count != REGION_COUNT)
		return corrupt(p, "bad region trailer", e->tag);
	off = (uint32_t)(-(int64_t)(int32_t)off); /* stored negated */
	ril = off / ENTRY_SIZE;
	if (off % ENTRY_SIZE || ril == 0 || ril > il)
		return corrupt(p, "region size out of range", e->tag);
	return 0;
}

int rpm_header_parse(const uint8_t *blob, size_t len, const char *path, uint64_t recno,
		     struct rpm_hdr *h, struct ia_err *err)
{
	struct parse p = {.path = path, .recno = recno, .err = err};
	struct ia_rd r;
	uint32_t il, dl;
	uint64_t want;
	const uint8_t *index;
	int ret;

	memset(h, 0, sizeof(*h));
	h->epoch = -1;
	h->digest_algo = RPM_HASH_MD5;
	ia_rd_init(&r, blob, len);
	if (!ia_rd_be32(&r, &il) || !ia_rd_be32(&r, &dl))
		return IA_CORRUPT(err, path, 0,
				  "rpm header %llu: %zu bytes, shorter than its size words",
				  (unsigned long long)recno, len);
	if (il == 0 || il > IA_MAX_RPM_HEADER_TAGS)
		return ia_err_set(
			err, il ? -IA_ETOOBIG : -IA_ECORRUPT, path, 0,
			"rpm header %llu: %u index entries (limit IA_MAX_RPM_HEADER_TAGS %u)",
			(unsigned long long)recno, il, IA_MAX_RPM_HEADER_TAGS);
	if (dl == 0 || dl > IA_MAX_RPM_HEADER_DATA)
		return ia_err_set(
			err, dl ? -IA_ETOOBIG : -IA_ECORRUPT, path, 0,
			"rpm header %llu: data store of %u bytes (limit IA_MAX_RPM_HEADER_DATA %u)",
			(unsigned long long)recno, dl, IA_MAX_RPM_HEADER_DATA);
	want = 8 + (uint64_t)il * ENTRY_SIZE + dl;
	if (want != len)
		return IA_CORRUPT(err, path, 0,
				  "rpm header %llu: index of %u entries and %u data bytes need "
				  "%llu bytes, the blob holds %zu",
				  (unsigned long long)recno, il, dl, (unsigned long long)want, len);
	index = blob + 8;
	p.data = index + (size_t)il * ENTRY_SIZE;
	p.dl = dl;

	for (uint32_t i = 0; i < il; i++) {
		struct entry e;
		int w;

		ia_rd_init(&r, index + (size_t)i * ENTRY_SIZE, ENTRY_SIZE);
		(void)(ia_rd_be32(&r, &e.tag) && ia_rd_be32(&r, &e.type) &&
		       ia_rd_be32(&r, &e.off) && ia_rd_be32(&r, &e.count));
		e.set = true;
		if (i == 0 && e.tag >= RPMTAG_HEADERIMAGE && e.tag <= RPMTAG_HEADERIMMUTABLE) {
			ret = check_region(&p, &e, il);
			if (ret < 0)
				return ret;
			continue;
		}
		ret = check_entry(&p, &e);
		if (ret < 0)
			return ret;
		w = wanted_slot(e.tag);
		if (w >= 0 && !p.e[w].set)
			p.e[w] = e;
	}

	if ((ret = get_string(&p, W_NAME, &h->name)) < 0 ||
	    (ret = get_string(&p, W_VERSION, &h->version)) < 0 ||
	    (ret = get_string(&p, W_RELEASE, &h->release)) < 0 ||
	    (ret = get_string(&p, W_ARCH, &h->arch)) < 0 ||
	    (ret = get_string(&p, W_SOURCERPM, &h->sourcerpm)) < 0 ||
	    (ret = get_string(&p, W_VENDOR, &h->vendor)) < 0 ||
	    (ret = get_string(&p, W_PACKAGER, &h->packager)) < 0 ||
	    (ret = get_int32(&p, W_EPOCH, &h->epoch)) < 0 ||
	    (ret = get_int32(&p, W_INSTALLTIME, &h->install_time)) < 0 ||
	    (ret = get_int32(&p, W_BUILDTIME, &h->build_time)) < 0)
		return ret;
	if (!h->name || !h->version || !h->release)
		return IA_CORRUPT(err, path, 0, "rpm header %llu: no name, version or release",
				  (unsigned long long)recno);
	if (p.e[W_DIGESTALGO].set) {
		int64_t a = 0;

		if ((ret = get_int32(&p, W_DIGESTALGO, &a)) < 0)
			return ret;
		h->digest_algo = (uint32_t)a;
	}

	/* The file list: BASENAMES + DIRINDEXES + DIRNAMES, or the old OLDFILENAMES. */
	if (p.e[W_BASENAMES].set) {
		uint32_t n = p.e[W_BASENAMES].count;

		if (!p.e[W_DIRNAMES].set || !p.e[W_DIRINDEXES].set) {
			ret = corrupt(&p, "basenames without dirnames or dirindexes",
				      RPMTAG_BASENAMES);
			goto fail;
		}
		if ((ret = get_strings(&p, W_BASENAMES, n, &h->bases, &h->n_files)) < 0 ||
		    (ret = get_strings(&p, W_DIRNAMES, 0, &h->dirs, &h->n_dirs)) < 0 ||
		    (ret = get_ints(&p, W_DIRINDEXES, RPM_INT32_TYPE, n, (void **)&h->dir_idx)) < 0)
			goto fail;
		for (uint32_t i = 0; i < n; i++)
			if (h->dir_idx[i] >= h->n_dirs) {
				ret = corrupt(&p, "dirindex past the dirnames", RPMTAG_DIRINDEXES);
				goto fail;
			}
	} else if (p.e[W_OLDFILENAMES].set) {
		if ((ret = get_strings(&p, W_OLDFILENAMES, 0, &h->bases, &h->n_files)) < 0)
			goto fail;
	}
	if (h->n_files) {
		if ((ret = get_strings(&p, W_FILEDIGESTS, h->n_files, &h->digests, NULL)) < 0 ||
		    (ret = get_ints(&p, W_FILEMODES, RPM_INT16_TYPE, h->n_files,
				    (void **)&h->modes)) < 0 ||
		    (ret = get_ints(&p, W_FILEFLAGS, RPM_INT32_TYPE, h->n_files,
				    (void **)&h->fflags)) < 0)
			goto fail;
	}
	return 0;
fail:
	rpm_hdr_release(h);
	return ret;
}

void rpm_hdr_release(struct rpm_hdr *h)
{
	if (!h)
		return;
	free(h->bases);
	free(h->dirs);
	free(h->dir_idx);
	free(h->digests);
	free(h->modes);
	free(h->fflags);
	h->bases = h->dirs = h->digests = NULL;
	h->dir_idx = h->fflags = NULL;
	h->modes = NULL;
	h->n_files = h->n_dirs = 0;
}
