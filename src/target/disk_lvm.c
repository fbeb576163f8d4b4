/* disk_lvm.c — LVM2 physical volumes: label, metadata area, text metadata, linear LVs; bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>
#include <zlib.h>

#include "target/disk.h"
#include "util/banned.h"

/*
 * What lvm2 writes on a physical volume (PV), as read here:
 *   label      in one of the first 4 sectors: "LABELONE", its own sector number, a CRC of the
 *              rest of the sector, the offset of the PV header, "LVM2 001";
 *   PV header  the PV's id (32 characters), its size, then two lists of (offset, size) ended by
 *              a zero offset: the data areas, and the metadata areas (at most 2);
 *   metadata area  a 512-byte header (CRC, magic, version 1, its own offset and size, then
 *              locations (offset, size, CRC, flags) of the text in the area's ring buffer, the
 *              first the current one) and the ring buffer itself;
 *   text       the volume group in lvm2's configuration syntax: sections "name { ... }",
 *              values "key = 1", "key = \"string\"", "key = [\"a\", 1]", comments from '#'.
 * Only what linear LVs need is looked at: the VG's extent size and id, its PVs (name, id,
 * pe_start, pe_count) and its visible LVs' segments of type "striped" with one stripe.
 */

#define SECTOR 512u
#define LABEL_SECTORS 4u
#define MDA_HEADER 512u
#define MAX_MDAS 2u
#define LVM_CRC_INIT 0xf597a6cfu
#define RAW_LOCN_IGNORED 1u
/* extents and offsets are kept below 2^62 bytes, so that sums of two never overflow */
#define MAX_BYTES (1ull << 62)

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* lvm2's CRC-32: zlib's polynomial with lvm2's initial value and no final inversion (so that
 * one CRC carries on over the two pieces of a text that wraps around its ring buffer). */
static uint32_t lvm_crc(uint32_t crc, const unsigned char *p, size_t n)
{
	return ~(uint32_t)crc32(~crc & 0xffffffffu, p, (uInt)n);
}

struct pv {
	tgt_read_fn rd;
	void *ctx;
	uint64_t size;
};

static bool read_at(const struct pv *p, void *buf, size_t n, uint64_t off)
{
	return off <= p->size && n <= p->size - off && p->rd(p->ctx, buf, n, off) == (ssize_t)n;
}

/* ---- label, PV header, metadata area ---- */

/* An lvm2 id (PV, VG, LV): 32 characters of [A-Za-z0-9!#], in the text with dashes. */
static bool id_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '!' && s[i] != '#')
			return false;
	return true;
}

struct locn {
	uint64_t off, size;
};

/* The label and PV header: the PV id and its metadata areas. */
static int read_label(const struct pv *p, struct tgt_lvm *out, struct locn *mda, size_t *n_mda,
		      struct ia_err *err)
{
	unsigned char sec[SECTOR];
	size_t pos;

	for (unsigned s = 0; s < LABEL_SECTORS; s++) {
		uint32_t hdr;

		if (!read_at(p, sec, SECTOR, (uint64_t)s * SECTOR))
			break;
		if (memcmp(sec, "LABELONE", 8) != 0)
			continue;
		if (le64(sec + 8) != s || memcmp(sec + 24, "LVM2 001", 8) != 0 ||
		    lvm_crc(LVM_CRC_INIT, sec + 20, SECTOR - 20) != le32(sec + 16))
			return IA_CORRUPT(err, "LVM2", 0,
					  "the LVM2 label in sector %u is damaged (its sector "
					  "number, type or checksum)",
					  s);
		hdr = le32(sec + 20);
		/* the PV header: id (32), size (8), then at least two ending list entries */
		if (hdr < 32 || hdr > SECTOR - 40 - 32)
			return IA_CORRUPT(err, "LVM2", 0,
					  "the LVM2 label puts its PV header at byte %u, outside "
					  "its sector",
					  hdr);
		if (!id_chars((const char *)sec + hdr, 32))
			return IA_CORRUPT(err, "LVM2", 0, "the PV id of the LVM2 label is garbled");
		memcpy(out->pv_id, sec + hdr, 32);
		out->pv_id[32] = '\0';
		pos = hdr + 40;
		/* data areas, then metadata areas: (offset, size) lists each ended by offset 0 */
		for (int list = 0; list < 2; list++) {
			for (;;) {
				uint64_t o, n;

				if (pos + 16 > SECTOR)
					return IA_CORRUPT(
						err, "LVM2", 0,
						"the area lists of the PV header run past "
						"its sector");
				o = le64(sec + pos);
				n = le64(sec + pos + 8);
				pos += 16;
				if (o == 0)
					break;
				if (list == 1 && *n_mda < MAX_MDAS)
					mda[(*n_mda)++] = (struct locn){o, n};
			}
		}
		return 0;
	}
	return IA_CORRUPT(err, "LVM2", 0, "no LVM2 label in the first %u sectors", LABEL_SECTORS);
}

/* The current text of metadata area m, checked, NUL-terminated, in *text. */
static int read_mda(const struct pv *p, struct locn m, char **text, struct ia_err *err)
{
	unsigned char h[MDA_HEADER];
	uint64_t off, len, first;
	uint32_t crc;
	char *t;

	if (m.off < SECTOR || m.size <= MDA_HEADER || m.off > p->size || m.size > p->size - m.off)
		return IA_CORRUPT(err, "LVM2", 0,
				  "the metadata area at byte %llu (%llu bytes) lies outside the "
				  "physical volume (%llu bytes)",
				  (unsigned long long)m.off, (unsigned long long)m.size,
				  (unsigned long long)p->size);
	if (!read_at(p, h, sizeof(h), m.off))
		return ia_err_set(err, -EIO, "LVM2", 0, "the metadata area header cannot be read");
	if (lvm_crc(LVM_CRC_INIT, h + 4, MDA_HEADER - 4) != le32(h) ||
	    memcmp(h + 4, " LVM2 x[5A%r0N*>", 16) != 0 || le32(h + 20) != 1 ||
	    le64(h + 24) != m.off || le64(h + 32) != m.size)
		return IA_CORRUPT(err, "LVM2", 0,
				  "the metadata area header at byte %llu is damaged (magic, "
				  "version, place or checksum)",
				  (unsigned long long)m.off);
	off = le64(h + 40);
	len = le64(h + 48);
	crc = le32(h + 56);
	if (le32(h + 60) & RAW_LOCN_IGNORED)
		return ia_err_set(err, -ENOENT, "LVM2", 0, "the metadata area is marked ignored");
	if (off == 0 && len == 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "LVM2", 0,
				  "the physical volume belongs to no volume group");
	if (len > IA_MAX_LVM_METADATA)
		return ia_err_set(err, -IA_ETOOBIG, "LVM2", 0,
				  "the volume group metadata is %llu bytes, more than "
				  "IA_MAX_LVM_METADATA (%u)",
				  (unsigned long long)len, IA_MAX_LVM_METADATA);
	if (off < MDA_HEADER || off >= m.size || len == 0 || len > m.size - MDA_HEADER)
		return IA_CORRUPT(err, "LVM2", 0,
				  "the metadata text (%llu bytes at byte %llu) does not fit its "
				  "area of %llu bytes",
				  (unsigned long long)len, (unsigned long long)off,
				  (unsigned long long)m.size);
	t = ia_xmalloc((size_t)len + 1);
	/* the ring buffer wraps to just after the header */
	first = len < m.size - off ? len : m.size - off;
	if (!read_at(p, t, (size_t)first, m.off + off) ||
	    !read_at(p, t + first, (size_t)(len - first), m.off + MDA_HEADER)) {
		free(t);
		return ia_err_set(err, -EIO, "LVM2", 0, "the metadata text cannot be read");
	}
	if (lvm_crc(LVM_CRC_INIT, (unsigned char *)t, (size_t)len) != crc) {
		free(t);
		return IA_CORRUPT(err, "LVM2", 0,
				  "the checksum of the metadata text does not match");
	}
	t[len] = '\0';
	*text = t;
	return 0;
}

/* ---- the text: a flat list of nodes in document order ---- */

struct cnode {
	const char *key, *val; /* val: a value's text (a string with its quotes, a number, an
				* array with its brackets); NULL for a section */
	uint32_t klen, vlen;
	uint32_t end; /* index after the node's subtree (its own index + 1 for a value) */
};

struct ctext {
	const char *s, *p, *end;
	struct cnode *n;
	size_t len, cap;
};

static unsigned line_of(const struct ctext *c)
{
	unsigned line = 1;

	for (const char *q = c->s; q < c->p; q++)
		line += *q == '\n';
	return line;
}

static bool is_word(char ch)
{
	return ch > ' ' && ch < 0x7f && !strchr("{}[]=\",#", ch);
}

static void skip_space(struct ctext *c)
{
	for (;;) {
		while (c->p < c->end && isspace((unsigned char)*c->p))
			c->p++;
		if (c->p >= c->end || *c->p != '#')
			return;
		while (c->p < c->end && *c->p != '\n')
			c->p++;
	}
}

/* Past a quoted string at c->p (backslash escapes); false when it does not end. */
static bool skip_string(struct ctext *c)
{
	for (c->p++; c->p < c->end; c->p++) {
		if (*c->p == '\\' && c->p + 1 < c->end)
			c->p++;
		else if (*c->p == '"') {
			c->p++;
			return true;
		}
	}
	return false;
}

static bool skip_word(struct ctext *c)
{
	const char *start = c->p;

	while (c->p < c->end && is_word(*c->p))
		c->p++;
	return c->p > start;
}

/* Past one value: a string, a word (number), or a flat array of them. */
static bool skip_value(struct ctext *c)
{
	skip_space(c);
	if (c->p >= c->end)
		return false;
	if (*c->p == '"')
		return skip_string(c);
	if (*c->p != '[')
		return skip_word(c);
	for (c->p++;;) {
		skip_space(c);
		if (c->p >= c->end)
			return false;
		if (*c->p == ']') {
			c->p++;
			return true;
		}
		if (*c->p == ',')
			c->p++;
		else if (!(*c->p == '"' ? skip_string(c) : skip_word(c)))
			return false;
	}
}

static int parse_text(struct ctext *c, struct ia_err *err)
{
	size_t stack[IA_MAX_LVM_DEPTH];
	size_t depth = 0;

	for (;;) {
		struct cnode nd = {0};

		skip_space(c);
		if (c->p >= c->end)
			break;
		if (*c->p == '}') {
			if (depth == 0)
				return IA_CORRUPT(err, "LVM2 metadata", line_of(c),
						  "'}' closes no section");
			c->n[stack[--depth]].end = (uint32_t)c->len;
			c->p++;
			continue;
		}
		if (c->len >= IA_MAX_LVM_NODES)
			return ia_err_set(err, -IA_ETOOBIG, "LVM2 metadata", line_of(c),
					  "more than IA_MAX_LVM_NODES (%d) sections and values",
					  IA_MAX_LVM_NODES);
		nd.key = c->p;
		if (!skip_word(c))
			return IA_CORRUPT(err, "LVM2 metadata", line_of(c),
					  "a name was expected, not byte 0x%02x",
					  (unsigned char)*c->p);
		nd.klen = (uint32_t)(c->p - nd.key);
		skip_space(c);
		if (c->p < c->end && *c->p == '{') {
			if (depth >= IA_MAX_LVM_DEPTH)
				return ia_err_set(err, -IA_ETOOBIG, "LVM2 metadata", line_of(c),
						  "sections nest deeper than IA_MAX_LVM_DEPTH (%d)",
						  IA_MAX_LVM_DEPTH);
			c->p++;
			stack[depth++] = c->len;
		} else if (c->p < c->end && *c->p == '=') {
			c->p++;
			skip_space(c);
			nd.val = c->p;
			if (!skip_value(c))
				return IA_CORRUPT(err, "LVM2 metadata", line_of(c),
						  "the value of '%.*s' is malformed", (int)nd.klen,
						  nd.key);
			nd.vlen = (uint32_t)(c->p - nd.val);
			nd.end = (uint32_t)c->len + 1;
		} else {
			return IA_CORRUPT(err, "LVM2 metadata", line_of(c),
					  "'%.*s' is followed by neither '{' nor '='", (int)nd.klen,
					  nd.key);
		}
		ia_grow(&c->n, sizeof(*c->n), c->len + 1, &c->cap);
		c->n[c->len++] = nd;
	}
	if (depth > 0)
		return IA_CORRUPT(err, "LVM2 metadata", line_of(c), "a section is not closed");
	return 0;
}

#define TOP SIZE_MAX

/* The direct child of section sec (TOP: the top level) named key, or -1. */
static ptrdiff_t child(const struct ctext *c, size_t sec, const char *key)
{
	size_t i = sec == TOP ? 0 : sec + 1, end = sec == TOP ? c->len : c->n[sec].end;
	size_t kl = strlen(key);

	for (; i < end; i = c->n[i].end)
		if (c->n[i].klen == kl && memcmp(c->n[i].key, key, kl) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/* A decimal number (no sign), at most 2^62. */
static bool num_of(const char *v, size_t n, uint64_t *out)
{
	uint64_t x = 0;

	if (n == 0 || n > 19)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return false;
		x = x * 10 + (uint64_t)(v[i] - '0');
	}
	if (x > MAX_BYTES)
		return false;
	*out = x;
	return true;
}

/* A quoted string, its escapes undone, into out (cap bytes with the NUL); false when it is
 * not a string or does not fit. */
static bool str_of(const char *v, size_t n, char *out, size_t cap)
{
	size_t w = 0;

	if (n < 2 || v[0] != '"' || v[n - 1] != '"')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		if (v[i] == '\\' && i + 2 < n)
			i++;
		if (w + 1 >= cap || v[i] == '\0')
			return false;
		out[w++] = v[i];
	}
	out[w] = '\0';
	return true;
}

static bool get_num(const struct ctext *c, size_t sec, const char *key, uint64_t *out)
{
	ptrdiff_t i = child(c, sec, key);

	return i >= 0 && c->n[i].val && num_of(c->n[i].val, c->n[i].vlen, out);
}

static bool get_str(const struct ctext *c, size_t sec, const char *key, char *out, size_t cap)
{
	ptrdiff_t i = child(c, sec, key);

	return i >= 0 && c->n[i].val && str_of(c->n[i].val, c->n[i].vlen, out, cap);
}

/* The next element of array value v (n bytes, checked by the parser) from *pos on. */
static bool arr_next(const char *v, size_t n, size_t *pos, const char **el, size_t *elen)
{
	size_t i = *pos ? *pos : 1, start;

	while (i < n && (isspace((unsigned char)v[i]) || v[i] == ','))
		i++;
	if (i >= n || v[i] == ']')
		return false;
	start = i;
	if (v[i] == '"') {
		for (i++; i < n && v[i] != '"'; i++)
			if (v[i] == '\\')
				i++;
		i++;
	} else {
		while (i < n && is_word(v[i]))
			i++;
	}
	*el = v + start;
	*elen = i - start;
	*pos = i;
	return i <= n;
}

/* true when array key of section sec holds the string want */
static bool has_flag(const struct ctext *c, size_t sec, const char *key, const char *want)
{
	ptrdiff_t i = child(c, sec, key);
	const char *el;
	size_t elen, pos = 0;
	char s[32];

	if (i < 0 || !c->n[i].val || c->n[i].val[0] != '[')
		return false;
	while (arr_next(c->n[i].val, c->n[i].vlen, &pos, &el, &elen))
		if (str_of(el, elen, s, sizeof(s)) && strcmp(s, want) == 0)
			return true;
	return false;
}

/* A VG, LV or PV name as lvm2 allows it: [A-Za-z0-9+_.-], not starting with '-', not "." or
 * "..", at most IA_MAX_LVM_NAME bytes; into out. */
static bool name_of(const struct cnode *nd, char out[IA_MAX_LVM_NAME + 1])
{
	if (nd->klen == 0 || nd->klen > IA_MAX_LVM_NAME || nd->key[0] == '-')
		return false;
	for (uint32_t i = 0; i < nd->klen; i++)
		if (!isalnum((unsigned char)nd->key[i]) && !strchr("+_.-", nd->key[i]))
			return false;
	memcpy(out, nd->key, nd->klen);
	out[nd->klen] = '\0';
	return strcmp(out, ".") != 0 && strcmp(out, "..") != 0;
}

/* An id as the text writes it (with dashes) into out without them. */
static bool id_of(const struct ctext *c, size_t sec, char out[33])
{
	char s[64];
	size_t w = 0;

	if (!get_str(c, sec, "id", s, sizeof(s)))
		return false;
	for (size_t i = 0; s[i]; i++)
		if (s[i] != '-') {
			if (w >= 32)
				return false;
			out[w++] = s[i];
		}
	out[w] = '\0';
	return w == 32 && id_chars(out, 32);
}

/* ---- the volume group ---- */

static int read_pvs(const struct ctext *c, size_t vg, struct tgt_lvm *out, struct ia_err *err)
{
	ptrdiff_t sec = child(c, vg, "physical_volumes");

	if (sec < 0 || c->n[sec].val)
		return IA_CORRUPT(err, "LVM2 metadata", 0,
				  "volume group %s lists no physical_volumes", out->vg);
	for (size_t i = (size_t)sec + 1; i < c->n[sec].end; i = c->n[i].end) {
		struct tgt_lvm_pvref *r;
		uint64_t start, count;

		if (c->n[i].val)
			continue;
		if (out->n_pv >= IA_MAX_LVM_PVS)
			return ia_err_set(err, -IA_ETOOBIG, "LVM2 metadata", 0,
					  "volume group %s has more than IA_MAX_LVM_PVS (%d) "
					  "physical volumes",
					  out->vg, IA_MAX_LVM_PVS);
		r = &out->pv[out->n_pv];
		if (!name_of(&c->n[i], r->name) || !id_of(c, i, r->id) ||
		    !get_num(c, i, "pe_start", &start) || !get_num(c, i, "pe_count", &count) ||
		    start > MAX_BYTES / SECTOR || count > MAX_BYTES / out->extent_size)
			return IA_CORRUPT(err, "LVM2 metadata", 0,
					  "physical volume '%.*s' of %s lacks a valid name, id, "
					  "pe_start or pe_count",
					  (int)(c->n[i].klen < 64 ? c->n[i].klen : 64), c->n[i].key,
					  out->vg);
		r->pe_start = start * SECTOR;
		r->pe_count = count;
		out->n_pv++;
	}
	return 0;
}

/* An LV not read keeps no segments. */
static void drop_segments(struct tgt_lvm_lv *lv)
{
	free(lv->seg);
	lv->seg = NULL;
	lv->n_seg = 0;
	lv->extents = 0;
}

static int by_lv_ext(const void *a, const void *b)
{
	const struct tgt_lvm_seg *x = a, *y = b;

	return x->lv_ext < y->lv_ext ? -1 : x->lv_ext > y->lv_ext;
}

/* Segment section seg of LV lv into *out; lv->why says why when it cannot be read. */
static void read_segment(const struct ctext *c, size_t seg, const struct tgt_lvm *vg,
			 struct tgt_lvm_lv *lv, struct tgt_lvm_seg *out)
{
	char type[32], pvname[IA_MAX_LVM_NAME + 1];
	uint64_t stripes = 0;
	ptrdiff_t arr = child(c, seg, "stripes");
	const char *el;
	size_t elen, pos = 0;
	const struct tgt_lvm_pvref *pv = NULL;

	if (!get_num(c, seg, "start_extent", &out->lv_ext) ||
	    !get_num(c, seg, "extent_count", &out->count) || out->count == 0 ||
	    !get_str(c, seg, "type", type, sizeof(type))) {
		snprintf(lv->why, sizeof(lv->why),
			 "a segment lacks a valid start_extent, extent_count or type");
		return;
	}
	if (strcmp(type, "striped") != 0) {
		snprintf(lv->why, sizeof(lv->why),
			 "it has a segment of type '%s' (imgaudit reads linear LVs only)", type);
		return;
	}
	if (!get_num(c, seg, "stripe_count", &stripes) || stripes != 1) {
		snprintf(
			lv->why, sizeof(lv->why),
			"it is striped over %llu physical volumes (imgaudit reads linear LVs only)",
			(unsigned long long)stripes);
		return;
	}
	if (arr < 0 || !c->n[arr].val || c->n[arr].val[0] != '[' ||
	    !arr_next(c->n[arr].val, c->n[arr].vlen, &pos, &el, &elen) ||
	    !str_of(el, elen, pvname, sizeof(pvname)) ||
	    !arr_next(c->n[arr].val, c->n[arr].vlen, &pos, &el, &elen) ||
	    !num_of(el, elen, &out->pv_ext)) {
		snprintf(lv->why, sizeof(lv->why), "a segment's stripes are malformed");
		return;
	}
	for (size_t i = 0; i < vg->n_pv && !pv; i++)
		if (strcmp(vg->pv[i].name, pvname) == 0)
			pv = &vg->pv[i];
	if (!pv) {
		snprintf(lv->why, sizeof(lv->why),
			 strcmp(pvname, lv->name) == 0
				 ? "its segment refers to the LV itself ('%s'), not to a physical "
				   "volume"
				 : "its segment refers to '%s', not a physical volume of the VG "
				   "(LVs stacked on LVs are not read)",
			 pvname);
		return;
	}
	out->pv = (size_t)(pv - vg->pv);
	if (out->pv_ext > pv->pe_count || out->count > pv->pe_count - out->pv_ext)
		snprintf(lv->why, sizeof(lv->why),
			 "a segment (extents %llu..%llu of %s) lies past the end of the physical "
			 "volume (%llu extents)",
			 (unsigned long long)out->pv_ext,
			 (unsigned long long)(out->pv_ext + out->count), pvname,
			 (unsigned long long)pv->pe_count);
}

static void read_lv(const struct ctext *c, size_t sec, const struct tgt_lvm *vg,
		    struct tgt_lvm_lv *lv)
{
	size_t cap = 0;

	for (size_t i = sec + 1; i < c->n[sec].end && !lv->why[0]; i = c->n[i].end) {
		if (c->n[i].val || c->n[i].klen < 7 || memcmp(c->n[i].key, "segment", 7) != 0)
			continue;
		if (lv->n_seg >= IA_MAX_LVM_SEGMENTS) {
			snprintf(lv->why, sizeof(lv->why),
				 "it has more than IA_MAX_LVM_SEGMENTS (%d) segments",
				 IA_MAX_LVM_SEGMENTS);
			break;
		}
		ia_grow(&lv->seg, sizeof(*lv->seg), lv->n_seg + 1, &cap);
		lv->seg[lv->n_seg] = (struct tgt_lvm_seg){0};
		read_segment(c, i, vg, lv, &lv->seg[lv->n_seg]);
		lv->n_seg++;
	}
	if (!lv->why[0] && lv->n_seg == 0)
		snprintf(lv->why, sizeof(lv->why), "it has no segments");
	if (!lv->why[0]) {
		qsort(lv->seg, lv->n_seg, sizeof(*lv->seg), by_lv_ext);
		for (size_t i = 0; i < lv->n_seg && !lv->why[0]; i++) {
			if (lv->seg[i].lv_ext != lv->extents)
				snprintf(lv->why, sizeof(lv->why), "its segments %s at extent %llu",
					 lv->seg[i].lv_ext < lv->extents ? "overlap"
									 : "leave a gap",
					 (unsigned long long)lv->seg[i].lv_ext);
			else if (lv->seg[i].count > MAX_BYTES / vg->extent_size - lv->extents)
				snprintf(lv->why, sizeof(lv->why), "it is larger than 2^62 bytes");
			else
				lv->extents += lv->seg[i].count;
		}
	}
	if (lv->why[0])
		drop_segments(lv);
}

/* The snapshots' copy-on-write stores: a hidden LV with a "snapshot" segment names its store
 * (cow_store) and origin; the store is a visible linear LV holding no filesystem. */
static void mark_snapshots(const struct ctext *c, size_t lvs, struct tgt_lvm *vg)
{
	for (size_t i = lvs + 1; i < c->n[lvs].end; i = c->n[i].end) {
		char type[32], cow[IA_MAX_LVM_NAME + 1], origin[IA_MAX_LVM_NAME + 1];

		if (c->n[i].val)
			continue;
		for (size_t s = i + 1; s < c->n[i].end; s = c->n[s].end) {
			if (c->n[s].val || !get_str(c, s, "type", type, sizeof(type)) ||
			    strcmp(type, "snapshot") != 0 ||
			    !get_str(c, s, "cow_store", cow, sizeof(cow)))
				continue;
			if (!get_str(c, s, "origin", origin, sizeof(origin)))
				snprintf(origin, sizeof(origin), "?");
			for (size_t k = 0; k < vg->n_lv; k++)
				if (strcmp(vg->lv[k].name, cow) == 0) {
					snprintf(vg->lv[k].why, sizeof(vg->lv[k].why),
						 "it is the copy-on-write store of a snapshot of "
						 "%s/%s (snapshots are not read)",
						 vg->vg, origin);
					drop_segments(&vg->lv[k]);
				}
		}
	}
}

struct ext_use {
	size_t pv, lv;
	uint64_t start, end;
};

static int by_pv_start(const void *a, const void *b)
{
	const struct ext_use *x = a, *y = b;

	if (x->pv != y->pv)
		return x->pv < y->pv ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Two LVs on the same extents of a PV: the metadata is wrong; the later one is not read. */
static void mark_shared_extents(struct tgt_lvm *vg)
{
	struct ext_use *u = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < vg->n_lv; i++)
		for (size_t s = 0; s < vg->lv[i].n_seg; s++) {
			const struct tgt_lvm_seg *g = &vg->lv[i].seg[s];

			ia_grow(&u, sizeof(*u), n + 1, &cap);
			u[n++] = (struct ext_use){g->pv, i, g->pv_ext, g->pv_ext + g->count};
		}
	if (n > 1)
		qsort(u, n, sizeof(*u), by_pv_start);
	for (size_t i = 1; i < n; i++) {
		struct tgt_lvm_lv *b = &vg->lv[u[i].lv];

		if (u[i].pv != u[i - 1].pv || u[i].start >= u[i - 1].end || b->why[0] ||
		    vg->lv[u[i - 1].lv].why[0])
			continue;
		snprintf(b->why, sizeof(b->why),
			 "it shares extents of %s with LV %s (the metadata is inconsistent)",
			 vg->pv[u[i].pv].name, vg->lv[u[i - 1].lv].name);
	}
	for (size_t i = 0; i < vg->n_lv; i++)
		if (vg->lv[i].why[0])
			drop_segments(&vg->lv[i]);
	free(u);
}

static int read_lvs(const struct ctext *c, size_t vgsec, struct tgt_lvm *vg, struct ia_err *err)
{
	ptrdiff_t sec = child(c, vgsec, "logical_volumes");
	size_t cap = 0;

	if (sec < 0 || c->n[sec].val)
		return 0; /* a VG without LVs */
	for (size_t i = (size_t)sec + 1; i < c->n[sec].end; i = c->n[i].end) {
		struct tgt_lvm_lv *lv;

		/* hidden LVs are the parts of others (pool data, RAID images, snapshots) */
		if (c->n[i].val || !has_flag(c, i, "status", "VISIBLE"))
			continue;
		if (vg->n_lv >= IA_MAX_LVM_LVS)
			return ia_err_set(err, -IA_ETOOBIG, "LVM2 metadata", 0,
					  "volume group %s has more than IA_MAX_LVM_LVS (%d) "
					  "logical volumes",
					  vg->vg, IA_MAX_LVM_LVS);
		ia_grow(&vg->lv, sizeof(*vg->lv), vg->n_lv + 1, &cap);
		lv = &vg->lv[vg->n_lv++];
		memset(lv, 0, sizeof(*lv));
		if (!name_of(&c->n[i], lv->name)) {
			snprintf(lv->name, sizeof(lv->name), "?");
			snprintf(lv->why, sizeof(lv->why), "its name is not an LVM2 name");
			continue;
		}
		read_lv(c, i, vg, lv);
	}
	mark_snapshots(c, (size_t)sec, vg);
	mark_shared_extents(vg);
	return 0;
}

static int read_vg(const struct ctext *c, struct tgt_lvm *out, struct ia_err *err)
{
	char contents[64];
	uint64_t version = 0, es = 0;
	size_t vg = TOP;
	int r;

	if (get_str(c, TOP, "contents", contents, sizeof(contents)) &&
	    strcmp(contents, "Text Format Volume Group") != 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "LVM2 metadata", 0,
				  "the metadata is '%s', not a volume group", contents);
	if (get_num(c, TOP, "version", &version) && version != 1)
		return ia_err_set(err, -IA_EUNSUPPORTED, "LVM2 metadata", 0,
				  "metadata version %llu (imgaudit reads version 1)",
				  (unsigned long long)version);
	for (size_t i = 0; i < c->len; i = c->n[i].end) {
		if (c->n[i].val)
			continue;
		if (vg != TOP)
			return IA_CORRUPT(err, "LVM2 metadata", 0,
					  "the metadata holds more than one volume group");
		vg = i;
	}
	if (vg == TOP || !name_of(&c->n[vg], out->vg) || !id_of(c, vg, out->vg_id))
		return IA_CORRUPT(err, "LVM2 metadata", 0,
				  "the metadata holds no volume group with a valid name and id");
	(void)get_num(c, vg, "seqno", &out->seqno);
	if (!get_num(c, vg, "extent_size", &es) || es == 0 || es > (1ull << 32))
		return IA_CORRUPT(err, "LVM2 metadata", 0,
				  "volume group %s has no valid extent_size", out->vg);
	out->extent_size = es * SECTOR;
	out->pv = ia_xcalloc(IA_MAX_LVM_PVS, sizeof(*out->pv));
	r = read_pvs(c, vg, out, err);
	return r < 0 ? r : read_lvs(c, vg, out, err);
}

void tgt_lvm_free(struct tgt_lvm *vg)
{
	for (size_t i = 0; i < vg->n_lv; i++)
		free(vg->lv[i].seg);
	free(vg->lv);
	free(vg->pv);
	memset(vg, 0, sizeof(*vg));
}

int tgt_lvm_read(tgt_read_fn rd, void *ctx, uint64_t size, struct tgt_lvm *out, struct ia_err *err)
{
	struct pv p = {rd, ctx, size};
	struct locn mda[MAX_MDAS];
	size_t n_mda = 0;
	char *text = NULL;
	struct ia_err first = {0};
	int r = 0, r1 = 0;

	memset(out, 0, sizeof(*out));
	r = read_label(&p, out, mda, &n_mda, err);
	if (r < 0)
		return r;
	if (n_mda == 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "LVM2", 0,
				  "the physical volume has no metadata area (its volume group is "
				  "described on other physical volumes)");
	/* the first area whose text reads; else the first area's error */
	for (size_t i = 0; i < n_mda && !text; i++) {
		struct ia_err e = {0};

		r = read_mda(&p, mda[i], &text, &e);
		if (r < 0 && i == 0) {
			first = e;
			r1 = r;
		}
	}
	if (!text) {
		if (err)
			*err = first;
		return r1;
	}
	{
		struct ctext c = {text, text, text + strlen(text), NULL, 0, 0};

		r = parse_text(&c, err);
		if (r == 0)
			r = read_vg(&c, out, err);
		free(c.n);
	}
	free(text);
	if (r < 0) {
		char pv_id[33];

		memcpy(pv_id, out->pv_id, sizeof(pv_id));
		tgt_lvm_free(out);
		memcpy(out->pv_id, pv_id, sizeof(pv_id));
	}
	return r;
}
