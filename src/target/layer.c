/* layer.c — applying container layer tars to the index: names, whiteouts, hard links, spooled bytes
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/internal.h"
#include "util/rd.h"
#include "util/banned.h"

#define LAYER_DEAD 1u

struct layer_ctx {
	struct tgt_layer_src *src;
	uint64_t raw; /* source bytes handed to libarchive or skipped */
	int src_err;
	/* the last buffer read, at source offset last_pos: header blocks are checked there */
	const unsigned char *last;
	uint64_t last_pos;
	size_t last_n;
};

static la_ssize_t cb_read(struct archive *a, void *ud, const void **buf)
{
	struct layer_ctx *c = ud;
	long n = c->src->read(c->src->ctx, buf);

	if (n < 0) {
		c->src_err = (int)n;
		archive_set_error(a, EIO, "cannot read the layer");
		return -1;
	}
	c->last = *buf;
	c->last_pos = c->raw;
	c->last_n = (size_t)n;
	c->raw += (uint64_t)n;
	return n;
}

static la_int64_t cb_skip(struct archive *a, void *ud, la_int64_t request)
{
	struct layer_ctx *c = ud;
	int64_t n = c->src->skip(c->src->ctx, request);

	if (n < 0) {
		c->src_err = (int)n;
		archive_set_error(a, EIO, "cannot read the layer");
		return ARCHIVE_FATAL;
	}
	c->raw += (uint64_t)n;
	c->last_n = 0;
	return n;
}

/* tar numbers: octal digits (space or NUL padded), or base-256 when the top bit is set */
static bool tar_num(const unsigned char *f, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (f[0] & 0x80) {
		if (f[0] != 0x80)
			return false; /* negative or beyond 64 bits */
		for (i = 1; i < n; i++) {
			if (v >> 56)
				return false;
			v = v << 8 | f[i];
		}
		*out = v;
		return true;
	}
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 60)
			return false;
		v = v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return false;
	*out = v;
	return true;
}

bool tgt_tar_header_ok(const unsigned char *blk, uint64_t size)
{
	struct ia_rd rd;
	const uint8_t *fsize, *fsum, *ftype;
	uint64_t want, hsize;
	uint32_t sum = 0;
	int32_t ssum = 0;

	ia_rd_init(&rd, blk, 512);
	if (!ia_rd_seek(&rd, 124) || !ia_rd_bytes(&rd, 12, &fsize) || !ia_rd_seek(&rd, 148) ||
	    !ia_rd_bytes(&rd, 8, &fsum) || !ia_rd_bytes(&rd, 1, &ftype))
		return false;
	if (!tar_num(fsum, 8, &want))
		return false;
	/* the checksum counts its own field as spaces; old tars summed signed chars */
	for (size_t i = 0; i < 512; i++) {
		unsigned char b = i >= 148 && i < 156 ? ' ' : blk[i];

		sum += b;
		ssum += (signed char)b;
	}
	if (want != sum && want != (uint64_t)(uint32_t)ssum)
		return false;
	if (*ftype != '0' && *ftype != '\0' && *ftype != '7')
		return false;
	if (!tar_num(fsize, 12, &hsize))
		return false;
	/* past 8 GiB - 1 pax writers leave the field to the extended header */
	return hsize == size || (size > 077777777777ull && fsize[0] != 0x80);
}

/* Whether the body of size bytes at layer offset doff can be read there: the block before it
 * is the entry's header (in the buffer just read, or read again from the file). */
static bool body_in_place(struct layer_ctx *c, uint64_t doff, uint64_t size)
{
	const struct tgt_layer_src *s = c->src;
	unsigned char blk[512];

	if (doff < 512 || doff > s->len || size > s->len - doff)
		return false;
	if (c->last_n >= 512 && doff - 512 >= c->last_pos && doff <= c->last_pos + c->last_n)
		return tgt_tar_header_ok(c->last + (doff - 512 - c->last_pos), size);
	if (tgt_pread_full(s->fd, blk, sizeof(blk), s->base + doff - 512) != (ssize_t)sizeof(blk))
		return false;
	return tgt_tar_header_ok(blk, size);
}

/*
 * Normalises an archive member name into an image path in out ("/a/b", "/" for
 * the root). Refuses absolute names and any ".." component (-IA_EESCAPE), names
 * longer than IA_MAX_PATH, components over IA_MAX_NAME (-ENAMETOOLONG) and
 * paths deeper than IA_MAX_DEPTH (-IA_ETOOBIG). Returns the length or a code.
 */
long tgt_norm_name(const char *name, char *out)
{
	size_t o = 0, depth = 0;
	const char *p = name;

	if (!name || !*name)
		return -IA_ECORRUPT;
	if (name[0] == '/')
		return -IA_EESCAPE;
	while (*p) {
		const char *s;
		size_t n;

		while (*p == '/')
			p++;
		s = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - s);
		if (n == 0 || (n == 1 && s[0] == '.'))
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return -IA_EESCAPE;
		if (n > IA_MAX_NAME)
			return -ENAMETOOLONG;
		if (o + 1 + n > IA_MAX_PATH)
			return -ENAMETOOLONG;
		if (++depth > IA_MAX_DEPTH)
			return -IA_ETOOBIG;
		out[o++] = '/';
		memcpy(out + o, s, n);
		o += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return (long)o;
}

static void set_layer(struct tgt *t, size_t i, uint32_t v)
{
	ia_grow(&t->layer_of, sizeof(*t->layer_of), i + 1, &t->layer_cap);
	t->layer_of[i] = v;
}

static void wo_note(struct ia_hmap *m, const char *path, uint32_t layer)
{
	uint32_t v;

	if (!ia_hmap_get(m, path, strlen(path), &v) || v < layer)
		ia_hmap_put(m, path, layer);
}

static void add_whiteout(struct tgt *t, const char *path, size_t n, bool self)
{
	struct tgt_whiteout *w;

	ia_grow(&t->wo, sizeof(*t->wo), t->n_wo + 1, &t->wo_cap);
	w = &t->wo[t->n_wo++];
	w->path = ia_pool_strndup(&t->pool, path, n);
	w->layer = t->cur_layer;
	w->self = self;
	if (self)
		wo_note(&t->wo_self, w->path, w->layer);
	wo_note(&t->wo_any, w->path, w->layer);
	t->resolve_gen++;
}

/* Whether entry i (path p, n bytes) is hidden by a whiteout of a higher layer recorded so far
 * (they are applied when the layers are finished). */
static bool wo_hidden(const struct tgt *t, size_t i, const char *p, size_t n)
{
	uint32_t le = t->layer_of[i] >> 1, v;

	if (ia_hmap_get(&t->wo_self, p, n, &v) && v > le)
		return true;
	if (ia_hmap_get(&t->wo_any, "/", 1, &v) && v > le)
		return true;
	for (size_t k = 1; k < n; k++)
		if (p[k] == '/' && ia_hmap_get(&t->wo_any, p, k, &v) && v > le)
			return true;
	return false;
}

/*
 * Where a runtime puts the entry at path: its directory resolved through the symlinks the
 * layers applied so far hold, inside the root, as umoci and containerd apply a layer (and
 * Docker, unpacking a layer's tar in a chroot, for symlinks of the same layer). A layer holding
 * "etc" -> "/var/x" and then "etc/shadow" makes /var/x/shadow.
 */
struct resolver {
	uint64_t gen; /* t->resolve_gen the cached pair was made at, or UINT64_MAX */
	char lit[IA_MAX_PATH + 1], res[IA_MAX_PATH + 1]; /* a directory as named, as resolved */
	size_t lit_n, res_n;
	bool lower; /* the cached resolution went through a symlink of a lower layer */
	char via[IA_MAX_PATH + 1]; /* then: that symlink */
};

/* Resolves directory dir (n bytes, "" for the root) into rs->res. 0 or -ELOOP, -ENOTDIR,
 * -ENOENT (an empty symlink), -ENAMETOOLONG. */
static int resolve_dir(struct tgt *t, struct resolver *rs, const char *dir, size_t n)
{
	char todo[IA_MAX_PATH + 1];
	size_t tlen = n, tpos = 0, clen = 0;
	unsigned hops = 0;

	memcpy(todo, dir, n);
	todo[n] = '\0';
	rs->lower = false;
	while (tpos < tlen) {
		size_t s, cn;
		uint32_t i;

		while (tpos < tlen && todo[tpos] == '/')
			tpos++;
		s = tpos;
		while (tpos < tlen && todo[tpos] != '/')
			tpos++;
		cn = tpos - s;
		if (cn == 0 || (cn == 1 && todo[s] == '.'))
			continue;
		if (cn == 2 && todo[s] == '.' && todo[s + 1] == '.') {
			while (clen > 0 && rs->res[clen - 1] != '/')
				clen--;
			if (clen > 0)
				clen--; /* ".." of the root is the root */
			continue;
		}
		if (clen + 1 + cn > IA_MAX_PATH)
			return -ENAMETOOLONG;
		rs->res[clen] = '/';
		memcpy(rs->res + clen + 1, todo + s, cn);
		if (!ia_hmap_get(&t->map, rs->res, clen + 1 + cn, &i) ||
		    (t->layer_of[i] & LAYER_DEAD) || wo_hidden(t, i, rs->res, clen + 1 + cn)) {
			clen += 1 + cn; /* nothing there (yet): made as a directory */
			continue;
		}
		if (S_ISLNK(t->v[i].mode) && t->v[i].link) {
			size_t ll = strlen(t->v[i].link), rest = tlen - tpos;

			if (++hops > IA_MAX_SYMLINK_HOPS)
				return -ELOOP;
			if (ll == 0)
				return -ENOENT;
			if (ll + 1 + rest > IA_MAX_PATH)
				return -ENAMETOOLONG;
			if ((t->layer_of[i] >> 1) < t->cur_layer && !rs->lower) {
				rs->lower = true;
				memcpy(rs->via, rs->res, clen + 1 + cn);
				rs->via[clen + 1 + cn] = '\0';
			}
			/* todo = link + rest, from the link's directory or the root */
			memmove(todo + ll, todo + tpos, rest);
			memcpy(todo, t->v[i].link, ll);
			tlen = ll + rest;
			todo[tlen] = '\0';
			tpos = 0;
			if (t->v[i].link[0] == '/')
				clen = 0;
			continue;
		}
		if (!S_ISDIR(t->v[i].mode))
			return -ENOTDIR;
		clen += 1 + cn;
	}
	rs->res[clen] = '\0';
	rs->res_n = clen;
	return 0;
}

/* Rewrites path (*n bytes) to where the entry goes; *lower: through a symlink of a lower layer
 * (rs->via), where runtimes differ. 0 or a code of resolve_dir. */
static int resolve_entry(struct tgt *t, struct resolver *rs, char *path, long *n, bool *lower)
{
	const char *base = strrchr(path, '/') + 1;
	size_t dn = (size_t)(base - path) - 1, bn = strlen(base);
	int r;

	*lower = false;
	if (dn == 0)
		return 0; /* in the root */
	if (rs->gen != t->resolve_gen || rs->lit_n != dn || memcmp(rs->lit, path, dn) != 0) {
		r = resolve_dir(t, rs, path, dn);
		if (r < 0) {
			rs->gen = UINT64_MAX;
			return r;
		}
		memcpy(rs->lit, path, dn);
		rs->lit_n = dn;
		rs->gen = t->resolve_gen;
	}
	*lower = rs->lower;
	if (rs->res_n == dn && memcmp(rs->res, path, dn) == 0)
		return 0;
	if (rs->res_n + 1 + bn > IA_MAX_PATH)
		return -ENAMETOOLONG;
	memmove(path + rs->res_n + 1, base, bn + 1);
	memcpy(path, rs->res, rs->res_n);
	path[rs->res_n] = '/';
	*n = (long)(rs->res_n + 1 + bn);
	return 0;
}

/* pending: bytes of a data block handed out but not yet counted by libarchive */
static int check_budget(struct tgt *t, struct archive *a, struct layer_ctx *c, const char *lname,
			size_t pending, struct ia_err *err)
{
	int64_t dec = archive_filter_bytes(a, 0);
	uint64_t d = (dec > 0 ? (uint64_t)dec : 0) + pending;

	if (d > t->lim.max_image_size || t->image_bytes > t->lim.max_image_size - d)
		return ia_err_set(err, -IA_ETOOBIG, lname, 0,
				  "layer decompresses past the image size limit of %llu bytes "
				  "(IA_MAX_IMAGE_SIZE)",
				  (unsigned long long)t->lim.max_image_size);
	if (d > t->lim.ratio_grace && d / t->lim.max_ratio > c->raw)
		return ia_err_set(err, -IA_ETOOBIG, lname, 0,
				  "decompression bomb: layer inflates %llu bytes to over %llu "
				  "(ratio above IA_MAX_RATIO %u)",
				  (unsigned long long)c->raw, (unsigned long long)d,
				  t->lim.max_ratio);
	/* a blob listed again: its bytes were read once, its content is decompressed and spooled
	 * once more, so the whole image's content counts against the distinct bytes read */
	if (t->layer_repeat && t->image_bytes + d > t->lim.ratio_grace &&
	    (t->image_bytes + d) / t->lim.max_ratio > t->raw_distinct)
		return ia_err_set(err, -IA_ETOOBIG, lname, 0,
				  "decompression bomb: a layer listed again makes the image's %llu "
				  "distinct layer bytes inflate to over %llu (ratio above "
				  "IA_MAX_RATIO %u)",
				  (unsigned long long)t->raw_distinct,
				  (unsigned long long)(t->image_bytes + d), t->lim.max_ratio);
	return 0;
}

/* Reads the data of the current entry and drops it, or (fd >= 0) writes it to fd at base plus
 * its offset; the entry declared limit bytes and may not write past them. */
static int copy_data(struct tgt *t, struct archive *a, struct layer_ctx *c, const char *lname,
		     int fd, uint64_t base, uint64_t limit, const char *path, uint64_t *written,
		     struct ia_err *err)
{
	for (;;) {
		const void *buf;
		size_t size;
		la_int64_t off;
		int r = archive_read_data_block(a, &buf, &size, &off);

		if (r == ARCHIVE_EOF)
			return 0;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return IA_CORRUPT(err, lname, 0, "cannot read '%s': %s", path,
					  archive_error_string(a) ? archive_error_string(a)
								  : "error");
		r = check_budget(t, a, c, lname, size, err);
		if (r < 0)
			return r;
		if (fd < 0 || size == 0)
			continue;
		if (off < 0 || (uint64_t)off > limit || size > limit - (uint64_t)off)
			return IA_CORRUPT(err, lname, 0,
					  "'%s' holds more data than its declared size", path);
		r = tgt_pwrite_full(fd, buf, size, base + (uint64_t)off);
		if (r < 0)
			return ia_err_set(err, r, lname, 0, "cannot spool '%s': %s", path,
					  strerror(-r));
		*written += size;
		t->spool_bytes += size;
		if (t->spool_bytes > IA_MAX_SPOOL)
			return ia_err_set(err, -IA_ETOOBIG, lname, 0,
					  "spooled file bodies exceed IA_MAX_SPOOL");
	}
}

locale_t tgt_names_utf8(void)
{
	locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);

	return l ? uselocale(l) : (locale_t)0;
}

void tgt_names_done(locale_t old)
{
	if (old)
		freelocale(uselocale(old));
}

const char *tgt_quote_name(const char *name, char *out)
{
	size_t n = strlen(name), k = IA_MAX_QUOTED_NAME;

	if (n <= k)
		return name;
	while (k > 0 && ((unsigned char)name[k] & 0xc0) == 0x80)
		k--; /* not inside a UTF-8 sequence */
	snprintf(out, TGT_QUOTE_SIZE, "%.*s\u2026 %zu bytes", (int)k, name, n);
	return out;
}

/* A problem of the layer being applied, raised at src, within IA_MAX_LAYER_PROBLEMS and
 * IA_MAX_IMAGE_PROBLEMS; past them it is counted, and tgt_apply_layer adds one problem with the
 * count. */
static void __attribute__((format(printf, 5, 6)))
layer_problem_at(struct tgt *t, struct ia_src src, const char *path, int code, const char *fmt, ...)
{
	char msg[2 * IA_MAX_PATH + 256], q[TGT_QUOTE_SIZE];
	va_list ap;

	if (t->layer_problems >= IA_MAX_LAYER_PROBLEMS ||
	    t->image_problems >= IA_MAX_IMAGE_PROBLEMS) {
		t->layer_dropped++;
		return;
	}
	t->layer_problems++;
	t->image_problems++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_raise(&t->problems, src, "index", tgt_quote_name(path ? path : "", q), 0, code,
			 "%s", msg);
}

#define layer_problem(t, path, code, ...)                                                          \
	layer_problem_at((t), IA_HERE, (path), (code), __VA_ARGS__)

/* Records an entry of layer lname refused, raised at src (refuse raises it at its caller). */
static void refuse_at(struct tgt *t, struct ia_src src, const char *lname, const char *name,
		      int code, const char *why)
{
	layer_problem_at(t, src, name, code, "layer '%s': %s", lname, why);
}

#define refuse(t, lname, name, code, why) refuse_at((t), IA_HERE, (lname), (name), (code), (why))

/* Adds the entry at path (len n), hiding what it replaces. Returns its index. */
static size_t put_entry(struct tgt *t, const char *path, size_t n, const char *link, bool is_dir)
{
	uint32_t old;
	size_t i;

	if (link)
		t->resolve_gen++;
	if (ia_hmap_get(&t->map, path, n, &old)) {
		t->layer_of[old] |= LAYER_DEAD;
		if (S_ISDIR(t->v[old].mode) && !is_dir)
			add_whiteout(t, path, n, false);
		else if (!S_ISDIR(t->v[old].mode))
			t->resolve_gen++;
	}
	i = tgt_push(t, path, n, link);
	set_layer(t, i, t->cur_layer << 1);
	t->v[i].file_id = t->next_file_id++;
	ia_hmap_put(&t->map, t->v[i].path, (uint32_t)i);
	return i;
}

/* The owner of the entry; an ID out of range is kept as 4294967295 and recorded. */
static void entry_owner(struct tgt *t, const char *lname, const char *path,
			struct archive_entry *ae, uint32_t *uid, uint32_t *gid)
{
	la_int64_t u = archive_entry_uid(ae), g = archive_entry_gid(ae);

	if (u < 0 || u > UINT32_MAX || g < 0 || g > UINT32_MAX)
		refuse(t, lname, path, -IA_ECORRUPT, "owner out of range, kept as 4294967295");
	*uid = u < 0 || u > UINT32_MAX ? UINT32_MAX : (uint32_t)u;
	*gid = g < 0 || g > UINT32_MAX ? UINT32_MAX : (uint32_t)g;
}

/*
 * The extended attributes of the entry from its pax records (SCHILY.xattr.NAME,
 * LIBARCHIVE.xattr.NAME): their handle for tgt_entry.xattrs. Past a limit, or a name that is
 * empty or holds NUL, the entry keeps none and a problem says so; tgt_xattrs_read then gives
 * that code back, so that what was refused is never read as "no attributes".
 */
static uint32_t entry_xattrs(struct tgt *t, const char *lname, const char *path,
			     struct archive_entry *ae)
{
	struct tgt_xattrs x = {0};
	int n = archive_entry_xattr_reset(ae), r = 0;
	uint32_t h;

	for (int i = 0; i < n && r == 0; i++) {
		const char *name;
		const void *value;
		size_t len;

		if (archive_entry_xattr_next(ae, &name, &value, &len) != ARCHIVE_OK)
			break;
		r = tgt_xattrs_add(&x, name ? name : "", name ? strlen(name) : 0, value,
				   value ? len : 0);
	}
	if (r < 0)
		refuse(t, lname, path, r,
		       r == -IA_ETOOBIG ? "extended attributes past IA_MAX_XATTRS, "
					  "IA_MAX_XATTR_NAME, IA_MAX_XATTR_VALUE or "
					  "IA_MAX_XATTR_BYTES: none kept, not examined"
					: "extended attribute with an empty name: none kept, not "
					  "examined");
	h = tgt_xattrs_keep(t, &x, r);
	tgt_xattrs_release(&x);
	return h;
}

/*
 * The entry (not a hard link, not the root) at path (length n) of type, with its metadata:
 * its index, or SIZE_MAX when it is refused (an unknown type, a symlink target too long).
 */
static size_t put_node(struct tgt *t, const char *lname, struct archive_entry *ae, unsigned type,
		       const char *path, long n, uint32_t uid, uint32_t gid)
{
	struct tgt_entry *e;
	size_t i;

	if (type != AE_IFREG && type != AE_IFDIR && type != AE_IFLNK && type != AE_IFCHR &&
	    type != AE_IFBLK && type != AE_IFIFO && type != AE_IFSOCK) {
		refuse(t, lname, path, -IA_EUNSUPPORTED, "entry of unknown type refused");
		return SIZE_MAX;
	}
	if (type == AE_IFLNK) {
		const char *l = archive_entry_symlink(ae);

		if (l && strlen(l) > IA_MAX_PATH) {
			refuse(t, lname, path, -ENAMETOOLONG, "symlink target too long: refused");
			return SIZE_MAX;
		}
		i = put_entry(t, path, (size_t)n, l ? l : "", false);
	} else {
		i = put_entry(t, path, (size_t)n, NULL, type == AE_IFDIR);
	}
	e = &t->v[i];
	e->mode = archive_entry_mode(ae);
	e->uid = uid;
	e->gid = gid;
	e->mtime = archive_entry_mtime(ae);
	if (type == AE_IFLNK)
		e->size = strlen(e->link);
	e->xattrs = entry_xattrs(t, lname, path, ae);
	return i;
}

/*
 * The body of regular file i (path): left in place in an uncompressed layer, else copied
 * into the pack; over IA_MAX_FILE_SIZE it is indexed without its bytes. Returns 0 or a
 * negative code (err set).
 */
static int apply_body(struct tgt *t, struct archive *a, struct layer_ctx *c,
		      struct archive_entry *ae, const char *lname, size_t i, const char *path,
		      struct ia_err *err)
{
	const struct tgt_layer_src *src = c->src;
	la_int64_t sz = archive_entry_size(ae);
	uint64_t written = 0;
	uint32_t blob;
	int r;

	if (sz < 0 || (uint64_t)sz > t->lim.max_file_size) {
		/* keep it in the index, but its bytes cannot be read */
		refuse(t, lname, path, -IA_ETOOBIG,
		       "file larger than IA_MAX_FILE_SIZE: its bytes are not kept");
		t->v[i].size = sz < 0 ? 0 : (uint64_t)sz;
		if (src->fd >= 0)
			return 0; /* skipped with the next header, budget checked there */
		r = copy_data(t, a, c, lname, -1, 0, 0, path, &written, err);
		return r < 0 ? r : 0;
	}
	blob = t->next_blob++;
	ia_grow(&t->blobs, sizeof(*t->blobs), blob + 1, &t->blobs_cap);
	t->blobs[blob].len = (uint64_t)sz;
	if (src->fd >= 0 && archive_entry_sparse_count(ae) == 0) {
		/* an uncompressed layer: the body stays where it is. After the header
		 * libarchive has consumed exactly up to the body. */
		int64_t doff = archive_filter_bytes(a, 0);

		if (doff > 0 && body_in_place(c, (uint64_t)doff, (uint64_t)sz)) {
			t->blobs[blob].off = src->base + (uint64_t)doff;
			t->blobs[blob].fd = src->fd;
			t->v[i].blob = blob;
			t->v[i].size = (uint64_t)sz;
			return 0;
		}
	}
	t->blobs[blob].off = t->pack_end;
	t->blobs[blob].fd = t->packfd;
	r = copy_data(t, a, c, lname, t->packfd, t->pack_end, (uint64_t)sz, path, &written, err);
	if (r < 0)
		return r;
	/* 4 KiB aligned, so a hidden body's blocks can be given back */
	t->pack_end += ((uint64_t)sz + 4095) & ~(uint64_t)4095;
	t->v[i].blob = blob;
	t->v[i].size = (uint64_t)sz;
	return 0;
}

/* The image root, before any layer. */
static void add_image_root(struct tgt *t)
{
	tgt_push(t, "/", 1, NULL);
	t->v[0].mode = S_IFDIR | 0755;
	t->v[0].file_id = t->next_file_id++;
	set_layer(t, 0, 0);
	ia_hmap_put(&t->map, t->v[0].path, 0);
}

/* Opens the layer's tar (any of the compressions a layer may have) on the source of c. */
static int open_layer_tar(struct archive *a, struct layer_ctx *c, const char *lname,
			  struct ia_err *err)
{
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_empty(a);
	if (archive_read_open2(a, c, NULL, cb_read, c->src->skip ? cb_skip : NULL, NULL) !=
	    ARCHIVE_OK)
		return ia_err_set(err, c->src_err ? c->src_err : -IA_ECORRUPT, lname, 0,
				  "not a readable layer tar: %s",
				  archive_error_string(a) ? archive_error_string(a)
							  : "unknown format");
	return 0;
}

/*
 * The next header of the layer into *ae, within the decompression budget and the entry
 * limits (*count entries so far). Returns 1 with an entry, 2 with an entry refused because
 * libarchive read its header with a warning (recorded), 0 at the end, or a negative code.
 */
static int next_entry(struct tgt *t, struct archive *a, struct layer_ctx *c, const char *lname,
		      size_t *count, struct archive_entry **ae, struct ia_err *err)
{
	int r = archive_read_next_header(a, ae);
	char why[IA_MAX_QUOTED_NAME + 1];
	bool warned;

	if (r == ARCHIVE_EOF)
		return 0;
	if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
		return ia_err_set(err, c->src_err ? c->src_err : -IA_ECORRUPT, lname, 0,
				  "corrupt layer tar after %zu entries: %s", *count,
				  archive_error_string(a) ? archive_error_string(a) : "error");
	warned = r == ARCHIVE_WARN;
	if (warned)
		snprintf(why, sizeof(why), "%s",
			 archive_error_string(a) ? archive_error_string(a) : "");
	r = check_budget(t, a, c, lname, 0, err);
	if (r < 0)
		return r;
	if (++*count > IA_MAX_LAYER_ENTRIES)
		return ia_err_set(err, -IA_ETOOBIG, lname, 0,
				  "more than IA_MAX_LAYER_ENTRIES (%u) entries in one layer",
				  IA_MAX_LAYER_ENTRIES);
	if (t->len >= t->lim.max_entries)
		return ia_err_set(err, -IA_ETOOBIG, lname, 0,
				  "more than IA_MAX_ENTRIES (%u) entries in the image",
				  t->lim.max_entries);
	if (warned) {
		/* the header may not say what the layer declared (a pax record dropped, a bad
		 * checksum, a name not converted): never applied as if it did */
		const char *name = archive_entry_pathname(*ae);

		layer_problem(t, name ? name : "", -IA_ECORRUPT,
			      "layer '%s': entry refused: its header was read with a warning: %s",
			      lname, why[0] ? why : "(no text)");
		return 2;
	}
	return 1;
}

/*
 * The image path of the entry named name into path, through the symlinks of the layers
 * below: its length, or -1 when the entry is refused (recorded; *deep_seen says an entry
 * deeper than IA_MAX_DEPTH was refused already, the deeper ones are not listed again) or
 * left out by --exclude.
 */
static long entry_path(struct tgt *t, struct resolver *rs, const char *lname, const char *name,
		       char *path, bool *deep_seen)
{
	long n = tgt_norm_name(name, path);

	if (n == -IA_ETOOBIG) {
		if (!*deep_seen)
			refuse(t, lname, name, -IA_ETOOBIG,
			       "entry deeper than IA_MAX_DEPTH refused (and any deeper ones "
			       "of this layer)");
		*deep_seen = true;
		return -1;
	}
	if (n < 0) {
		refuse(t, lname, name, (int)n,
		       n == -IA_EESCAPE     ? "entry name is absolute or has '..': refused"
		       : n == -ENAMETOOLONG ? "entry name too long: refused"
					    : "entry without a name: refused");
		return -1;
	}
	if (tgt_excluded(t, path, true))
		return -1; /* --exclude: it, or a directory above it */
	if (n > 1) {
		bool lower;
		int k = resolve_entry(t, rs, path, &n, &lower);

		if (k < 0) {
			refuse(t, lname, path, k,
			       "entry below a symlink that cannot be followed inside the "
			       "image (a loop, a path too long, a file as a directory): "
			       "not applied");
			return -1;
		}
		if (lower)
			layer_problem(t, path, -IA_EUNSUPPORTED,
				      "layer '%s': applied at '%s' through the symlink '%s' of "
				      "a lower layer, as containerd does; Docker's overlay2 "
				      "would replace the symlink by a directory",
				      lname, path, rs->via);
	}
	return n;
}

/* A whiteout entry (base, the name after the last '/' of path, starts with ".wh."): an opaque
 * directory, a deleted path, aufs bookkeeping, or a malformed one refused. */
static void apply_whiteout(struct tgt *t, const char *lname, char *path, const char *base)
{
	size_t plen = (size_t)(base - path) - 1; /* parent, without the slash */
	const char *victim = base + 4;

	if (strcmp(base, ".wh..wh..opq") == 0) {
		add_whiteout(t, plen ? path : "/", plen ? plen : 1, false);
	} else if (strncmp(base, ".wh..wh.", 8) == 0) {
		/* aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not content */
	} else if (!*victim || strcmp(victim, ".") == 0 || strcmp(victim, "..") == 0) {
		refuse(t, lname, path, -IA_ECORRUPT, "malformed whiteout refused");
	} else {
		memmove(path + plen + 1, victim, strlen(victim) + 1);
		add_whiteout(t, path, strlen(path), true);
	}
}

/* A hard link at path (length n) to the entry named hl: a copy of that entry's metadata and
 * body, or refused when it leaves the image or names nothing. */
static void apply_hardlink(struct tgt *t, struct resolver *rs, const char *lname, const char *hl,
			   const char *path, long n)
{
	char lpath[IA_MAX_PATH + 1];
	long m = tgt_norm_name(hl, lpath);
	uint32_t ti;
	struct tgt_entry *te, *ne;
	bool lower;
	size_t i;

	if (m > 1 && resolve_entry(t, rs, lpath, &m, &lower) < 0)
		m = -ENOENT;
	if (m == -ENOENT) {
		layer_problem(t, path, -ENOENT,
			      "layer '%s': hard link through a symlink that cannot be "
			      "followed refused",
			      lname);
		return;
	}
	if (m < 0) {
		refuse(t, lname, path, -IA_EESCAPE,
		       "hard link to a path outside the image refused");
		return;
	}
	if (!ia_hmap_get(&t->map, lpath, (size_t)m, &ti) || (t->layer_of[ti] & LAYER_DEAD) ||
	    S_ISDIR(t->v[ti].mode)) {
		layer_problem(t, path, -ENOENT,
			      "layer '%s': hard link to missing path '%s' refused", lname, lpath);
		return;
	}
	if (ti == 0 || strcmp(t->v[ti].path, path) == 0)
		return; /* a link to itself */
	i = put_entry(t, path, (size_t)n, t->v[ti].link, false);
	te = &t->v[ti];
	ne = &t->v[i];
	ne->mode = te->mode;
	ne->uid = te->uid;
	ne->gid = te->gid;
	ne->size = te->size;
	ne->mtime = te->mtime;
	ne->file_id = te->file_id;
	ne->blob = te->blob;
	ne->xattrs = te->xattrs; /* one inode: the attributes of the file linked to */
}

int tgt_apply_layer(struct tgt *t, const char *lname, struct tgt_layer_src *src,
		    uint64_t *raw_bytes, struct ia_err *err)
{
	struct layer_ctx c = {src, 0, 0, NULL, 0, 0};
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	char path[IA_MAX_PATH + 1];
	bool deep_seen = false;
	size_t count = 0;
	int r = 0;
	struct resolver *rs;
	int64_t dec;
	locale_t loc;

	if (!a)
		return ia_err_set(err, -ENOMEM, lname, 0, "cannot make an archive reader");
	rs = ia_xmalloc(sizeof(*rs));
	rs->gen = UINT64_MAX;
	loc = tgt_names_utf8();
	if (t->len == 0)
		add_image_root(t);
	r = open_layer_tar(a, &c, lname, err);
	while (r == 0 && (r = next_entry(t, a, &c, lname, &count, &ae, err)) > 0) {
		const char *base;
		unsigned type;
		uint32_t uid, gid;
		size_t i;
		long n;

		if (r == 2) {
			r = 0;
			continue;
		}
		r = 0;
		n = entry_path(t, rs, lname, archive_entry_pathname(ae), path, &deep_seen);
		if (n < 0)
			continue;
		base = strrchr(path, '/') + 1;
		if (strncmp(base, ".wh.", 4) == 0) {
			apply_whiteout(t, lname, path, base);
			continue;
		}
		type = archive_entry_filetype(ae);
		entry_owner(t, lname, path, ae, &uid, &gid);
		if (archive_entry_hardlink(ae)) {
			apply_hardlink(t, rs, lname, archive_entry_hardlink(ae), path, n);
			continue;
		}
		if (n == 1) {
			/* the root itself ("./"): its metadata only */
			if (type == AE_IFDIR) {
				t->v[0].mode = archive_entry_mode(ae);
				t->v[0].uid = uid;
				t->v[0].gid = gid;
				t->v[0].mtime = archive_entry_mtime(ae);
				t->v[0].xattrs = entry_xattrs(t, lname, "/", ae);
			}
			continue;
		}
		i = put_node(t, lname, ae, type, path, n, uid, gid);
		if (i != SIZE_MAX && type == AE_IFREG)
			r = apply_body(t, a, &c, ae, lname, i, path, err);
	}
	dec = archive_filter_bytes(a, 0);
	if (dec > 0)
		t->image_bytes += (uint64_t)dec;
	if (t->layer_dropped)
		ia_problem_add(
			&t->problems, "index", "", 0, -IA_ETOOBIG,
			"layer '%s': %zu more problems not listed (IA_MAX_LAYER_PROBLEMS %d, "
			"IA_MAX_IMAGE_PROBLEMS %d)",
			lname, t->layer_dropped, IA_MAX_LAYER_PROBLEMS, IA_MAX_IMAGE_PROBLEMS);
	t->layer_problems = t->layer_dropped = 0;
	IA_COUNT(t->counters, layers, 1);
	if (raw_bytes)
		*raw_bytes = c.raw;
	archive_read_free(a);
	tgt_names_done(loc);
	free(rs);
	return r;
}

/* ---- finishing ---- */

static int perm_cmp(const void *a, const void *b, void *arg)
{
	const struct tgt_entry *v = arg;

	return tgt_path_cmp(v[*(const uint32_t *)a].path, v[*(const uint32_t *)b].path);
}

/* by path, then opaque before whiteout, then by layer: the last of a run covers the rest */
static int wo_cmp(const void *a, const void *b)
{
	const struct tgt_whiteout *x = a, *y = b;
	int c = tgt_path_cmp(x->path, y->path);

	if (c)
		return c;
	if (x->self != y->self)
		return (int)x->self - (int)y->self;
	return x->layer < y->layer ? -1 : x->layer > y->layer;
}

/* First position in perm whose path is not before p. */
static size_t lower_bound(const struct tgt *t, const uint32_t *perm, size_t n, const char *p)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tgt_path_cmp(t->v[perm[mid]].path, p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void apply_whiteouts(struct tgt *t, const uint32_t *perm, size_t n)
{
	if (t->n_wo == 0)
		return;
	qsort(t->wo, t->n_wo, sizeof(*t->wo), wo_cmp);
	for (size_t w = 0; w < t->n_wo; w++) {
		const struct tgt_whiteout *wo = &t->wo[w];
		size_t plen = strlen(wo->path);
		bool root = plen == 1;
		size_t k = lower_bound(t, perm, n, wo->path);

		/* the same path again with a higher layer, same kind: that one covers this */
		if (w + 1 < t->n_wo && strcmp(t->wo[w + 1].path, wo->path) == 0 &&
		    t->wo[w + 1].layer >= wo->layer && t->wo[w + 1].self >= wo->self)
			continue;
		for (; k < n; k++) {
			const struct tgt_entry *e = &t->v[perm[k]];
			bool self = strcmp(e->path, wo->path) == 0;

			if (!self && !root &&
			    !(strncmp(e->path, wo->path, plen) == 0 && e->path[plen] == '/'))
				break;
			if (self && (!wo->self || root))
				continue;
			if ((t->layer_of[perm[k]] >> 1) < wo->layer)
				t->layer_of[perm[k]] |= LAYER_DEAD;
		}
	}
}

static void parent_of(const char *p, size_t n, size_t *pn)
{
	while (n > 0 && p[n - 1] != '/')
		n--;
	*pn = n > 1 ? n - 1 : 1;
}

void tgt_index_finish_layers(struct tgt *t)
{
	uint32_t *perm = ia_xcalloc(t->len ? t->len : 1, sizeof(*perm));
	uint8_t *blob_live = ia_xcalloc(t->next_blob + 1, 1);
	uint32_t *links;
	struct tgt_entry *nv;
	size_t n = 0, old_len = t->len;
	bool full = false;

	ia_grow(&t->layer_of, sizeof(*t->layer_of), t->len + 1, &t->layer_cap);
	for (size_t i = 0; i < t->len; i++)
		if (!(t->layer_of[i] & LAYER_DEAD))
			perm[n++] = (uint32_t)i;
	qsort_r(perm, n, sizeof(*perm), perm_cmp, t->v);
	apply_whiteouts(t, perm, n);

	nv = ia_xcalloc(n ? n : 1, sizeof(*nv));
	{
		size_t m = 0;

		for (size_t k = 0; k < n; k++) {
			if (t->layer_of[perm[k]] & LAYER_DEAD)
				continue;
			nv[m] = t->v[perm[k]];
			blob_live[nv[m].blob] = 1;
			m++;
		}
		n = m;
	}
	/* the spool files of what was hidden or replaced */
	for (size_t i = 0; i < old_len; i++) {
		uint32_t b = t->v[i].blob;

		if (b && !blob_live[b] && t->blobs[b].fd == t->packfd) {
			uint64_t len = (t->blobs[b].len + 4095) & ~(uint64_t)4095;

			if (len)
				fallocate(t->packfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
					  (off_t)t->blobs[b].off, (off_t)len);
			blob_live[b] = 1;
		}
	}
	free(blob_live);
	free(perm);
	free(t->v);
	t->v = nv;
	t->len = n;
	t->cap = n ? n : 1;
	free(t->layer_of);
	t->layer_of = NULL;
	t->layer_cap = 0;
	free(t->wo);
	t->wo = NULL;
	t->n_wo = t->wo_cap = 0;
	ia_hmap_release(&t->wo_self);
	ia_hmap_release(&t->wo_any);

	/*
	 * Parents that no layer holds any more (or never held) become plain directories. They
	 * count against the entry limit: entries deep under distinct top directories add up to
	 * IA_MAX_DEPTH entries each (a 64 KB gzipped layer adds a million), which no other
	 * limit bounds.
	 */
	ia_hmap_release(&t->map);
	for (size_t i = 0; i < t->len; i++)
		ia_hmap_put(&t->map, t->v[i].path, (uint32_t)i);
	for (size_t i = 0, end = t->len; i < end && !full; i++) {
		const char *p = t->v[i].path;
		size_t pn, cn = strlen(p);
		uint32_t dummy;

		while (cn > 1) {
			parent_of(p, cn, &pn);
			if (ia_hmap_get(&t->map, p, pn, &dummy))
				break;
			if (t->len >= t->lim.max_entries) {
				ia_problem_add(
					&t->problems, "index", p, 0, -IA_ETOOBIG,
					"more than IA_MAX_ENTRIES (%u) entries with the missing "
					"parent directories: this path and those after it may "
					"not resolve",
					t->lim.max_entries);
				full = true;
				break;
			}
			size_t j = tgt_push(t, p, pn, NULL);

			p = t->v[i].path;
			t->v[j].mode = S_IFDIR | 0755;
			t->v[j].file_id = t->next_file_id++;
			ia_hmap_put(&t->map, t->v[j].path, (uint32_t)j);
			cn = pn;
		}
	}

	/* hard-link counts */
	links = ia_xcalloc(t->next_file_id + 1, sizeof(*links));
	for (size_t i = 0; i < t->len; i++)
		if (t->v[i].file_id <= t->next_file_id)
			links[t->v[i].file_id]++;
	for (size_t i = 0; i < t->len; i++)
		t->v[i].nlink = links[t->v[i].file_id];
	free(links);
	tgt_index_finish(t);
}
