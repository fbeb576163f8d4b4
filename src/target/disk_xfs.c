/* disk_xfs.c — XFS filesystems of a disk image, read-only by a bounded reader of our own */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "target/disk.h"
#include "util/banned.h"

/*
 * What is read: the primary superblock (v4 with directory v2, v5 with CRCs; checksums are not
 * verified), inodes v1/v2/v3 located from their numbers by the superblock's geometry, data forks
 * in local, extents and btree format, directories (short form in the inode; block, leaf and
 * node forms by their data blocks below the leaf offset, which hold every entry), symlinks
 * (inline and remote blocks), regular files through their extents (holes and unwritten extents
 * read as zeros). Every number taken from the disk is checked against the geometry before it
 * is used; extents, btree depth and directory sizes are bounded (IA_MAX_XFS_*).
 */

#define XFS_DIR_LEAF_OFFSET (1ull << 35) /* byte offset of a directory's leaf blocks */

struct xext {
	uint64_t off, len; /* in filesystem blocks of the file */
	uint64_t byte;     /* where the first block lies in the volume */
	bool unwritten;
};

struct xfs {
	struct tgt_fs base;
	struct tgt_vol *vol;
	uint64_t dblocks, rootino;
	uint32_t bsize, agblocks, agcount, dirbsize;
	uint16_t isize;
	uint8_t blocklog, agblklog, inopblog, dirblklog;
	bool crc, ftype, nrext64;
	/* the extent map of the last file read (reads come in pieces, one file after another) */
	uint64_t cache_ino;
	struct xext *cache;
	size_t cache_n;
};

/* An inode as read: the raw bytes and what the reader uses of them. */
struct xino {
	uint64_t ino, size, nextents;
	int64_t mtime;
	uint32_t uid, gid, nlink;
	uint16_t mode;
	uint8_t format;     /* 0 device, 1 local, 2 extents, 3 btree */
	size_t dfork, dlen; /* data fork: offset in raw, bytes */
	uint8_t aformat;    /* attribute fork, when alen > 0: 1 local, 2 extents, 3 btree */
	size_t afork, alen;
	uint64_t anextents;
	unsigned char raw[2048];
};

enum { XFS_LOCAL = 1, XFS_EXTENTS = 2, XFS_BTREE = 3 };

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static struct xfs *xfs_of(struct tgt_fs *f)
{
	return (struct xfs *)f;
}

/* Reads exactly n bytes at off of the volume; 0 or a negative code. */
static int vread(const struct xfs *x, void *buf, size_t n, uint64_t off)
{
	ssize_t r = tgt_vol_read(x->vol, buf, n, off);

	if (r < 0)
		return (int)r;
	return (size_t)r == n ? 0 : -IA_ECORRUPT;
}

/* The byte offset in the volume of filesystem block fsb (AG number and block in the AG), or
 * false when it lies outside the geometry; len blocks from it must stay inside its AG. */
static bool fsb_byte(const struct xfs *x, uint64_t fsb, uint64_t len, uint64_t *out)
{
	uint64_t agno = fsb >> x->agblklog, agbno = fsb & ((1ull << x->agblklog) - 1), lin;

	if (agno >= x->agcount || agbno >= x->agblocks || len > x->agblocks - agbno)
		return false;
	lin = agno * x->agblocks + agbno;
	if (lin >= x->dblocks || len > x->dblocks - lin)
		return false;
	*out = lin << x->blocklog;
	return true;
}

static bool ino_byte(const struct xfs *x, uint64_t ino, uint64_t *out)
{
	unsigned shift = x->agblklog + x->inopblog;
	uint64_t agno = ino >> shift, agbno = (ino >> x->inopblog) & ((1ull << x->agblklog) - 1);
	uint64_t idx = ino & ((1ull << x->inopblog) - 1), lin;

	if (shift >= 64 || agno >= x->agcount || agbno >= x->agblocks)
		return false;
	lin = agno * x->agblocks + agbno;
	if (lin >= x->dblocks)
		return false;
	*out = (lin << x->blocklog) + idx * x->isize;
	return true;
}

static int64_t ts_sec(const unsigned char *p, bool bigtime)
{
	if (bigtime) /* nanoseconds since 1901-12-13 (-2^31 seconds) */
		return (int64_t)(be64(p) / 1000000000u) - ((int64_t)1 << 31);
	return (int32_t)be32(p);
}

/* Reads inode ino into in; 0 or -IA_ECORRUPT with err's message in why. */
static int read_inode(const struct xfs *x, uint64_t ino, struct xino *in, const char **why)
{
	const unsigned char *r = in->raw;
	uint64_t off;
	size_t core, lit;
	unsigned forkoff;
	bool v3;

	*why = "inode number outside the filesystem";
	if (!ino_byte(x, ino, &off))
		return -IA_ECORRUPT;
	*why = "unreadable inode";
	if (vread(x, in->raw, x->isize, off) < 0)
		return -IA_ECORRUPT;
	*why = "not an inode (bad magic or version)";
	if (be16(r) != 0x494e || r[4] < 1 || r[4] > 3 || (r[4] == 3) != x->crc)
		return -IA_ECORRUPT;
	v3 = r[4] == 3;
	*why = "inode number recorded in the inode differs";
	if (v3 && be64(r + 152) != ino)
		return -IA_ECORRUPT;
	in->ino = ino;
	in->mode = be16(r + 2);
	in->format = r[5];
	in->uid = be32(r + 8);
	in->gid = be32(r + 12);
	in->nlink = r[4] == 1 ? be16(r + 6) : be32(r + 16);
	in->mtime = ts_sec(r + 40, v3 && (be64(r + 120) & 8));
	in->size = be64(r + 56);
	in->nextents = v3 && x->nrext64 && (be64(r + 120) & 16) ? be64(r + 24) : be32(r + 76);
	core = v3 ? 176 : 100;
	lit = x->isize - core;
	forkoff = (unsigned)r[82] * 8;
	*why = "inode fork offset or format out of range";
	if (forkoff >= lit || in->format > XFS_BTREE || in->size > INT64_MAX)
		return -IA_ECORRUPT;
	*why = "a free inode (no file type)";
	if ((in->mode & S_IFMT) == 0)
		return -IA_ECORRUPT;
	in->dfork = core;
	in->dlen = forkoff ? forkoff : lit;
	in->afork = core + forkoff;
	in->alen = forkoff ? lit - forkoff : 0;
	in->aformat = r[83];
	in->anextents = v3 && x->nrext64 && (be64(r + 120) & 16) ? be32(r + 76) : be16(r + 80);
	return 0;
}

/* ---- extent maps ---- */

struct emap {
	struct xext *v;
	size_t n, cap;
	size_t blocks; /* btree blocks read */
};

static int add_rec(const struct xfs *x, struct emap *m, const unsigned char *p)
{
	uint64_t l0 = be64(p), l1 = be64(p + 8);
	struct xext e = {
		.off = (l0 & ~(1ull << 63)) >> 9,
		.len = l1 & ((1ull << 21) - 1),
		.unwritten = l0 >> 63,
	};
	uint64_t fsb = (l0 & 0x1ff) << 43 | l1 >> 21;

	if (e.len == 0)
		return 0;
	if (!fsb_byte(x, fsb, e.len, &e.byte) || e.off + e.len > 1ull << (63 - x->blocklog))
		return -IA_ECORRUPT; /* outside the filesystem, or past the largest file offset */
	if (m->n > 0 && e.off < m->v[m->n - 1].off + m->v[m->n - 1].len)
		return -IA_ECORRUPT; /* out of order or overlapping */
	if (m->n >= IA_MAX_XFS_EXTENTS)
		return -IA_ETOOBIG;
	ia_grow(&m->v, sizeof(*m->v), m->n + 1, &m->cap);
	m->v[m->n++] = e;
	return 0;
}

/* A btree block at fsb expected at level: its records, or its children. */
static int bt_block(const struct xfs *x, struct emap *m, uint64_t fsb, unsigned level,
		    unsigned char *buf)
{
	size_t hdr = x->crc ? 72 : 24, maxrecs = (x->bsize - hdr) / 16, n;
	uint64_t off;
	int r;

	if (++m->blocks > IA_MAX_XFS_EXTENTS / 4 + 64)
		return -IA_ETOOBIG;
	if (!fsb_byte(x, fsb, 1, &off) || vread(x, buf, x->bsize, off) < 0)
		return -IA_ECORRUPT;
	if (be32(buf) != (x->crc ? 0x424d4133u : 0x424d4150u) || be16(buf + 4) != level)
		return -IA_ECORRUPT;
	n = be16(buf + 6);
	if (n > maxrecs)
		return -IA_ECORRUPT;
	if (level == 0) {
		for (size_t i = 0; i < n; i++)
			if ((r = add_rec(x, m, buf + hdr + i * 16)) < 0)
				return r;
		return 0;
	}
	/* the children's pointers are copied: buf is reused below */
	uint64_t *ptrs = ia_xcalloc(n ? n : 1, sizeof(*ptrs));

	for (size_t i = 0; i < n; i++)
		ptrs[i] = be64(buf + hdr + maxrecs * 8 + i * 8);
	r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		r = bt_block(x, m, ptrs[i], level - 1, buf);
	free(ptrs);
	return r;
}

/* A fork of an inode: where it lies in the inode's bytes, its format and extent count. */
struct xfork {
	const unsigned char *p;
	size_t len;
	uint8_t format;
	uint64_t nextents;
};

/* The extents of a fork in extents or btree format, in file order. */
static int fork_extents(const struct xfs *x, const struct xfork *fk, struct emap *m)
{
	const unsigned char *f = fk->p;
	int r = 0;

	*m = (struct emap){0};
	if (fk->format == XFS_EXTENTS) {
		if (fk->nextents > fk->len / 16)
			return -IA_ECORRUPT;
		for (size_t i = 0; i < fk->nextents && r == 0; i++)
			r = add_rec(x, m, f + i * 16);
	} else if (fk->format == XFS_BTREE) {
		unsigned level = be16(f), n = be16(f + 2);
		size_t maxrecs = fk->len < 4 ? 0 : (fk->len - 4) / 16;

		if (level == 0 || level >= IA_MAX_XFS_BTREE_DEPTH || n > maxrecs)
			return -IA_ECORRUPT;
		unsigned char *buf = ia_xmalloc(x->bsize);

		for (unsigned i = 0; i < n && r == 0; i++)
			r = bt_block(x, m, be64(f + 4 + maxrecs * 8 + i * 8), level - 1, buf);
		free(buf);
	} else {
		return -IA_ECORRUPT;
	}
	if (r < 0) {
		free(m->v);
		*m = (struct emap){0};
	}
	return r;
}

/* The data fork's extents of an inode in extents or btree format, in file order. */
static int extents(const struct xfs *x, const struct xino *in, struct emap *m)
{
	const struct xfork fk = {in->raw + in->dfork, in->dlen, in->format, in->nextents};

	return fork_extents(x, &fk, m);
}

/* Reads [off, off + n) of a file mapped by ext (sorted): holes and unwritten extents as
 * zeros. Returns 0 or a negative code. */
static int map_read(const struct xfs *x, const struct xext *ext, size_t n_ext, void *buf, size_t n,
		    uint64_t off)
{
	unsigned char *out = buf;
	size_t lo = 0;

	while (n > 0) {
		uint64_t blk = off >> x->blocklog, in_blk = off & (x->bsize - 1);
		size_t hi = n_ext, take;

		while (lo < hi) { /* first extent ending after blk */
			size_t mid = lo + (hi - lo) / 2;

			if (ext[mid].off + ext[mid].len <= blk)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == n_ext || ext[lo].off > blk) { /* a hole */
			uint64_t end = lo == n_ext ? UINT64_MAX : ext[lo].off << x->blocklog;

			take = end - off < n ? (size_t)(end - off) : n;
			memset(out, 0, take);
		} else {
			const struct xext *e = &ext[lo];
			uint64_t avail = ((e->off + e->len - blk) << x->blocklog) - in_blk;

			take = avail < n ? (size_t)avail : n;
			if (e->unwritten)
				memset(out, 0, take);
			else {
				int r = vread(x, out, take,
					      e->byte + ((blk - e->off) << x->blocklog) + in_blk);

				if (r < 0)
					return r;
			}
		}
		if (take == 0 || off + take < off)
			return -IA_ECORRUPT; /* never loops in place */
		out += take;
		off += take;
		n -= take;
	}
	return 0;
}

/* Reads [off, off + n) of inode in's data (clipped to its size by the caller). */
static int data_read(struct xfs *x, const struct xino *in, void *buf, size_t n, uint64_t off)
{
	if (in->format == XFS_LOCAL) {
		if (off > in->dlen || n > in->dlen - off)
			return -IA_ECORRUPT;
		memcpy(buf, in->raw + in->dfork + off, n);
		return 0;
	}
	if (x->cache_ino != in->ino) {
		struct emap m;
		int r = extents(x, in, &m);

		if (r < 0)
			return r;
		free(x->cache);
		x->cache = m.v;
		x->cache_n = m.n;
		x->cache_ino = in->ino;
	}
	return map_read(x, x->cache, x->cache_n, buf, n, off);
}

static ssize_t xfs_pread(struct tgt_fs *f, uint64_t ino, void *buf, size_t n, uint64_t off)
{
	struct xfs *x = xfs_of(f);
	struct xino *in = ia_xmalloc(sizeof(*in));
	const char *why;
	int r = read_inode(x, ino, in, &why);

	if (r == 0 && !S_ISREG(in->mode))
		r = -EINVAL;
	if (r == 0 && off >= in->size)
		n = 0;
	else if (r == 0 && n > in->size - off)
		n = (size_t)(in->size - off);
	if (r == 0 && n > 0)
		r = data_read(x, in, buf, n, off);
	free(in);
	return r < 0 ? (r == -IA_ECORRUPT ? -EIO : r) : (ssize_t)n;
}

/* ---- directories ---- */

/* Called for each entry other than "." and ".."; nonzero stops the listing. */
typedef int (*dirent_fn)(void *priv, const char *name, size_t len, uint64_t ino);

static int sf_list(const struct xfs *x, const struct xino *in, dirent_fn fn, void *priv)
{
	const unsigned char *p = in->raw + in->dfork;
	size_t len = in->dlen < in->size ? in->dlen : (size_t)in->size, pos;
	unsigned count, isz;

	if (len < 6)
		return -IA_ECORRUPT;
	count = p[0];
	isz = p[1] ? 8 : 4;
	pos = 2 + isz;
	for (unsigned i = 0; i < count; i++) {
		size_t nl, need;
		uint64_t ino;

		if (pos + 3 > len)
			return -IA_ECORRUPT;
		nl = p[pos];
		need = 3 + nl + (x->ftype ? 1 : 0) + isz;
		if (nl == 0 || pos + need > len)
			return -IA_ECORRUPT;
		ino = isz == 8 ? be64(p + pos + need - 8) : be32(p + pos + need - 4);
		if (fn(priv, (const char *)p + pos + 3, nl, ino))
			return 0;
		pos += need;
	}
	return 0;
}

/* The entries of one directory data block (block or data form) of dirbsize bytes. */
static int data_block(const struct xfs *x, const unsigned char *b, dirent_fn fn, void *priv,
		      bool *stop)
{
	uint32_t magic = be32(b);
	size_t hdr = x->crc ? 64 : 16, end = x->dirbsize, pos;

	if (magic == (x->crc ? 0x58444233u : 0x58443242u)) { /* XDB3 / XD2B: leaf at the end */
		uint32_t count = be32(b + end - 8);

		if (count > (end - hdr - 8) / 8)
			return -IA_ECORRUPT;
		end -= 8 + (size_t)count * 8;
	} else if (magic != (x->crc ? 0x58444433u : 0x58443244u)) { /* XDD3 / XD2D */
		return -IA_ECORRUPT;
	}
	for (pos = hdr; pos + 8 <= end;) {
		size_t nl, sz;

		if (be16(b + pos) == 0xffff) { /* unused space */
			sz = be16(b + pos + 2);
			if (sz < 8 || sz % 8 || sz > end - pos)
				return -IA_ECORRUPT;
			pos += sz;
			continue;
		}
		if (end - pos < 16) /* the smallest entry: inode, length, one byte, tag */
			return -IA_ECORRUPT;
		nl = b[pos + 8];
		sz = (8 + 1 + nl + (x->ftype ? 1 : 0) + 2 + 7) & ~(size_t)7;
		if (nl == 0 || sz > end - pos)
			return -IA_ECORRUPT;
		if (!(nl == 1 && b[pos + 9] == '.') &&
		    !(nl == 2 && b[pos + 9] == '.' && b[pos + 10] == '.') &&
		    fn(priv, (const char *)b + pos + 9, nl, be64(b + pos))) {
			*stop = true;
			return 0;
		}
		pos += sz;
	}
	return 0;
}

static int blocks_list(const struct xfs *x, const struct xino *in, dirent_fn fn, void *priv)
{
	uint64_t leaf = XFS_DIR_LEAF_OFFSET >> x->blocklog, last = UINT64_MAX, bytes = 0;
	struct emap m;
	unsigned char *b;
	bool stop = false;
	int r = extents(x, in, &m);

	if (r < 0)
		return r;
	b = ia_xmalloc(x->dirbsize);
	for (size_t i = 0; i < m.n && !stop && r == 0; i++) {
		uint64_t end = m.v[i].off + m.v[i].len < leaf ? m.v[i].off + m.v[i].len : leaf;

		for (uint64_t fb = m.v[i].off; fb < end && !stop && r == 0; fb++) {
			uint64_t db = fb >> x->dirblklog;

			if (db == last)
				continue;
			last = db;
			bytes += x->dirbsize;
			if (bytes > IA_MAX_XFS_DIR_BYTES) {
				r = -IA_ETOOBIG;
				break;
			}
			r = map_read(x, m.v, m.n, b, x->dirbsize,
				     db << (x->blocklog + x->dirblklog));
			if (r == 0)
				r = data_block(x, b, fn, priv, &stop);
		}
	}
	free(b);
	free(m.v);
	return r;
}

static int dir_list(const struct xfs *x, const struct xino *in, dirent_fn fn, void *priv)
{
	if (!S_ISDIR(in->mode))
		return -ENOTDIR;
	if (in->format == XFS_LOCAL)
		return sf_list(x, in, fn, priv);
	return blocks_list(x, in, fn, priv);
}

/* ---- lookups by path ---- */

struct find {
	const char *name;
	size_t len;
	uint64_t ino;
	bool found;
};

static int find_cb(void *priv, const char *name, size_t len, uint64_t ino)
{
	struct find *f = priv;

	if (len != f->len || memcmp(name, f->name, len) != 0)
		return 0;
	f->ino = ino;
	f->found = true;
	return 1;
}

/* The inode at path (relative to the root; symlinks not followed) into in. */
static int lookup(const struct xfs *x, const char *path, struct xino *in)
{
	const char *why;
	int r = read_inode(x, x->rootino, in, &why);

	for (const char *p = path; r == 0 && *p;) {
		const char *e = strchr(p, '/');
		struct find f = {.name = p, .len = e ? (size_t)(e - p) : strlen(p)};

		if (f.len == 0) {
			p++;
			continue;
		}
		r = dir_list(x, in, find_cb, &f);
		if (r == 0 && !f.found)
			r = -ENOENT;
		if (r == 0)
			r = read_inode(x, f.ino, in, &why);
		p += f.len;
	}
	return r;
}

static bool xfs_exists(struct tgt_fs *f, const char *path)
{
	struct xino *in = ia_xmalloc(sizeof(*in));
	int r = lookup(xfs_of(f), path, in);

	free(in);
	return r == 0;
}

static int xfs_read_file(struct tgt_fs *f, const char *path, size_t max, struct ia_buf *out)
{
	struct xfs *x = xfs_of(f);
	struct xino *in = ia_xmalloc(sizeof(*in));
	char *p;
	int r = lookup(x, path, in);

	ia_buf_reset(out);
	if (r == 0 && !S_ISREG(in->mode))
		r = -EINVAL;
	if (r == 0 && in->size > max)
		r = -IA_ETOOBIG;
	if (r == 0 && (p = ia_buf_reserve(out, (size_t)in->size, &r)) != NULL) {
		r = data_read(x, in, p, (size_t)in->size, 0);
		if (r == 0)
			ia_buf_commit(out, (size_t)in->size);
	}
	free(in);
	return r == -IA_ECORRUPT ? -EIO : r;
}

/* The target of symlink in into out (IA_MAX_PATH + 1 bytes), "" when unreadable. */
static void readlink_x(struct xfs *x, const struct xino *in, char *out)
{
	uint64_t size = in->size;

	out[0] = '\0';
	if (size == 0 || size > IA_MAX_PATH)
		return;
	if (in->format == XFS_LOCAL) {
		if (size <= in->dlen) {
			memcpy(out, in->raw + in->dfork, (size_t)size);
			out[size] = '\0';
		}
		return;
	}
	if (!x->crc) {
		if (data_read(x, in, out, (size_t)size, 0) == 0)
			out[size] = '\0';
		else
			out[0] = '\0';
		return;
	}
	/* v5: each remote block opens with a 56-byte header (XSLM, offset, bytes, ...) */
	unsigned char *b = ia_xmalloc(x->bsize);
	size_t done = 0;

	for (uint64_t blk = 0; done < size && blk < 8; blk++) {
		size_t take;

		if (data_read(x, in, b, x->bsize, blk << x->blocklog) < 0 ||
		    be32(b) != 0x58534c4du || be32(b + 4) != done || be32(b + 8) > x->bsize - 56 ||
		    be32(b + 8) == 0) {
			done = 0;
			break;
		}
		take = be32(b + 8) < size - done ? be32(b + 8) : (size_t)(size - done);
		memcpy(out + done, b + 56, take);
		done += take;
	}
	out[done == size ? done : 0] = '\0';
	free(b);
}

/* ---- extended attributes ---- */

enum { XFS_ATTR_LOCAL = 1, XFS_ATTR_ROOT = 2, XFS_ATTR_SECURE = 4, XFS_ATTR_INCOMPLETE = 0x80 };

/* Adds attribute name (len bytes, in the namespace of on-disk flags) with its value. */
static int attr_add(struct tgt_xattrs *out, unsigned flags, const unsigned char *name, size_t len,
		    const void *value, size_t vlen)
{
	const char *ns = flags & XFS_ATTR_ROOT     ? "trusted."
			 : flags & XFS_ATTR_SECURE ? "security."
						   : "user.";
	char full[16 + IA_MAX_XATTR_NAME];
	size_t nl = strlen(ns);

	if (len == 0 || len > IA_MAX_XATTR_NAME - nl)
		return len == 0 ? -IA_ECORRUPT : -IA_ETOOBIG;
	memcpy(full, ns, nl);
	memcpy(full + nl, name, len);
	return tgt_xattrs_add(out, full, nl + len, value, vlen);
}

/* Short form: the attributes in the inode's attribute fork. */
static int attr_sf(const struct xino *in, struct tgt_xattrs *out)
{
	const unsigned char *p = in->raw + in->afork;
	size_t total = in->alen >= 4 ? be16(p) : 0, pos = 4;
	unsigned count = in->alen >= 4 ? p[2] : 0;
	int r = 0;

	if (in->alen < 4 || total < 4 || total > in->alen)
		return -IA_ECORRUPT;
	for (unsigned i = 0; i < count && r == 0; i++) {
		size_t nl, vl;

		if (pos + 3 > total)
			return -IA_ECORRUPT;
		nl = p[pos];
		vl = p[pos + 1];
		if (pos + 3 + nl + vl > total)
			return -IA_ECORRUPT;
		r = attr_add(out, p[pos + 2], p + pos + 3, nl, p + pos + 3 + nl, vl);
		pos += 3 + nl + vl;
	}
	return r;
}

/* A remote value of vlen bytes from attribute-fork block blk on (v5: each block opens with a
 * 56-byte header "XARM", the value's offset and the bytes it holds). */
static int attr_remote(const struct xfs *x, const struct emap *m, uint64_t blk, void *val,
		       size_t vlen, unsigned char *b)
{
	size_t done = 0;

	if (!x->crc)
		return map_read(x, m->v, m->n, val, vlen, blk << x->blocklog);
	for (uint64_t i = blk; done < vlen; i++) {
		size_t take;
		int r = map_read(x, m->v, m->n, b, x->bsize, i << x->blocklog);

		if (r < 0)
			return r;
		if (be32(b) != 0x5841524du || be32(b + 4) != done || be32(b + 8) == 0 ||
		    be32(b + 8) > x->bsize - 56)
			return -IA_ECORRUPT;
		take = be32(b + 8) < vlen - done ? be32(b + 8) : vlen - done;
		memcpy((unsigned char *)val + done, b + 56, take);
		done += take;
	}
	return 0;
}

/* One entry of a leaf block b (entry at e): local name and value, or a remote value. */
static int attr_leaf_entry(const struct xfs *x, const struct emap *m, const unsigned char *b,
			   const unsigned char *e, struct tgt_xattrs *out, unsigned char *tmp)
{
	size_t idx = be16(e + 4), nl, vl;
	unsigned flags = e[6];
	unsigned char *val;
	int r;

	if (flags & XFS_ATTR_INCOMPLETE)
		return 0; /* being set or removed when the filesystem was written */
	if (flags & XFS_ATTR_LOCAL) {
		if (idx + 3 > x->bsize)
			return -IA_ECORRUPT;
		vl = be16(b + idx);
		nl = b[idx + 2];
		if (idx + 3 + nl + vl > x->bsize)
			return -IA_ECORRUPT;
		return attr_add(out, flags, b + idx + 3, nl, b + idx + 3 + nl, vl);
	}
	if (idx + 9 > x->bsize)
		return -IA_ECORRUPT;
	vl = be32(b + idx + 4);
	nl = b[idx + 8];
	if (idx + 9 + nl > x->bsize)
		return -IA_ECORRUPT;
	if (vl > IA_MAX_XATTR_VALUE)
		return -IA_ETOOBIG;
	val = ia_xmalloc(vl ? vl : 1);
	r = attr_remote(x, m, be32(b + idx), val, vl, tmp);
	if (r == 0)
		r = attr_add(out, flags, b + idx + 9, nl, val, vl);
	free(val);
	return r;
}

/* The entries of one attribute leaf block b (already read). */
static int attr_leaf(const struct xfs *x, const struct emap *m, const unsigned char *b,
		     struct tgt_xattrs *out, unsigned char *tmp)
{
	size_t hs = x->crc ? 80 : 32, count = be16(b + hs - (x->crc ? 24 : 20));
	int r = 0;

	if (hs + count * 8 > x->bsize)
		return -IA_ECORRUPT;
	for (size_t i = 0; r == 0 && i < count; i++)
		r = attr_leaf_entry(x, m, b, b + hs + i * 8, out, tmp);
	return r;
}

/*
 * Leaf form: one block at offset 0 of the attribute fork holds every name. Node form: block 0
 * is the root of a da-btree; its leftmost path leads to the first leaf, and the leaves are
 * chained by their forward pointers. Bounded: at most XFS_DA_NODE_MAXDEPTH (5) node levels and
 * IA_MAX_XATTRS + 1 leaves (each holds an attribute; past the count the limit is hit anyway);
 * a chain that comes back to a leaf read before is corrupt.
 */
static int attr_blocks(const struct xfs *x, const struct xino *in, struct tgt_xattrs *out)
{
	const struct xfork fk = {in->raw + in->afork, in->alen, in->aformat, in->anextents};
	const uint16_t leaf = x->crc ? 0x3bee : 0xfbee, node = x->crc ? 0x3ebe : 0xfebe;
	size_t nh = x->crc ? 64 : 16; /* node header: block info, count, level */
	unsigned char *b, *tmp;
	uint32_t blk = 0, seen[IA_MAX_XATTRS + 1];
	unsigned depth = 0, leaves = 0;
	struct emap m;
	int r = fork_extents(x, &fk, &m);

	if (r < 0)
		return r;
	b = ia_xmalloc(x->bsize);
	tmp = ia_xmalloc(x->bsize);
	for (;;) {
		r = map_read(x, m.v, m.n, b, x->bsize, (uint64_t)blk << x->blocklog);
		if (r < 0)
			break;
		if (be16(b + 8) == node && leaves == 0) {
			/* descend to the leftmost child */
			if (++depth > 5 || be16(b + (x->crc ? 56 : 12)) == 0 || nh + 8 > x->bsize) {
				r = -IA_ECORRUPT;
				break;
			}
			blk = be32(b + nh + 4);
			continue;
		}
		if (be16(b + 8) != leaf || ++leaves > IA_MAX_XATTRS + 1) {
			r = be16(b + 8) != leaf ? -IA_ECORRUPT : -IA_ETOOBIG;
			break;
		}
		r = attr_leaf(x, &m, b, out, tmp);
		seen[leaves - 1] = blk;
		blk = be32(b); /* the next leaf in hash order, 0 after the last */
		if (r < 0 || blk == 0)
			break;
		for (unsigned i = 0; i < leaves && r == 0; i++)
			if (seen[i] == blk)
				r = -IA_ECORRUPT; /* the chain comes back */
		if (r < 0)
			break;
	}
	free(tmp);
	free(b);
	free(m.v);
	return r;
}

static int xfs_xattrs(struct tgt_fs *f, uint64_t ino, struct tgt_xattrs *out)
{
	struct xfs *x = xfs_of(f);
	struct xino *in = ia_xmalloc(sizeof(*in));
	const char *why;
	int r = read_inode(x, ino, in, &why);

	if (r == 0 && in->alen > 0) {
		if (in->aformat == XFS_LOCAL)
			r = attr_sf(in, out);
		else if (in->aformat == XFS_EXTENTS || in->aformat == XFS_BTREE)
			r = attr_blocks(x, in, out);
		else
			r = -IA_ECORRUPT;
	}
	free(in);
	return r;
}

/* ---- the walk ---- */

/* The walk's state (tgt_fswalk): the filesystem and the inode loaded last. */
struct xfs_st {
	struct xfs *x;
	struct xino in;
};

static int collect_cb(void *priv, const char *name, size_t len, uint64_t ino)
{
	struct tgt_dirlist *c = priv;

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) {
		c->bad_name = true;
		return 0;
	}
	return tgt_dirlist_add(c, name, len, ino);
}

static void xfs_list(void *st, struct tgt *t, uint64_t ino, const char *path, struct tgt_dirlist *c)
{
	struct xfs_st *s = st;
	const char *why;
	int r = read_inode(s->x, ino, &s->in, &why), e = 0;

	if (r == 0)
		e = dir_list(s->x, &s->in, collect_cb, c);
	if (r < 0 || e < 0)
		ia_problem_add(&t->problems, "index", path, 0, e == -IA_ETOOBIG ? e : -IA_ECORRUPT,
			       "cannot read the xfs directory: %s",
			       r < 0              ? why
			       : e == -IA_ETOOBIG ? "more than IA_MAX_XFS_DIR_BYTES or "
						    "IA_MAX_XFS_EXTENTS"
						  : "malformed directory block or extent");
}

static int xfs_load(void *st, struct tgt *t, uint64_t ino, const char *path,
		    char link[IA_MAX_PATH + 1], uint32_t *mode)
{
	struct xfs_st *s = st;
	const char *why;

	if (read_inode(s->x, ino, &s->in, &why) < 0) {
		if (path)
			ia_problem_add(&t->problems, "index", path, 0, -IA_ECORRUPT,
				       "xfs inode %llu: %s: not indexed", (unsigned long long)ino,
				       why);
		return -IA_ECORRUPT;
	}
	*mode = s->in.mode;
	if (S_ISLNK(s->in.mode)) {
		readlink_x(s->x, &s->in, link);
		if (!link[0] && path)
			ia_problem_add(
				&t->problems, "index", path, 0, -IA_ECORRUPT,
				"xfs symlink %llu of %llu bytes: its target cannot be read "
				"(remote block without its header, outside the filesystem, or "
				"longer than %d bytes)",
				(unsigned long long)ino, (unsigned long long)s->in.size,
				IA_MAX_PATH);
	}
	return 0;
}

static void xfs_fill(void *st, struct tgt *t, size_t ei, uint64_t ino)
{
	const struct xfs_st *s = st;
	const struct xino *in = &s->in;
	struct xfs *x = s->x;
	struct tgt_entry *e = &t->v[ei];

	e->mode = in->mode;
	e->uid = in->uid;
	e->gid = in->gid;
	e->nlink = in->nlink;
	e->mtime = in->mtime;
	e->size = S_ISREG(in->mode) || S_ISLNK(in->mode) ? in->size : 0;
	e->file_id = (uint64_t)x->base.no << 48 | (in->ino & ((1ull << 48) - 1));
	tgt_disk_file(t, ei, &x->base, in->ino);
}

static const struct tgt_fswalk_ops xfs_walk_ops = {
	.list = xfs_list,
	.load = xfs_load,
	.fill = xfs_fill,
	.bad_name = "directory entry whose name holds '/' or NUL, or a second '.' or '..': not "
		    "indexed",
};

static int xfs_walk(struct tgt_fs *f, struct tgt *t, const char *prefix, const char *const *skip,
		    size_t n_skip, struct ia_err *err)
{
	struct xfs_st *s = ia_xcalloc(1, sizeof(*s));
	int r;

	s->x = xfs_of(f);
	r = tgt_fswalk(&xfs_walk_ops, s, t, s->x->rootino, prefix, skip, n_skip);
	free(s);
	if (r < 0)
		return ia_err_set(err, -IA_ECORRUPT, prefix, 0,
				  "the xfs filesystem's root directory is unreadable");
	return 0;
}

static void xfs_close(struct tgt_fs *f)
{
	free(xfs_of(f)->cache);
	free(f);
}

static const struct tgt_fs_ops xfs_ops = {
	.walk = xfs_walk,
	.pread = xfs_pread,
	.read_file = xfs_read_file,
	.xattrs = xfs_xattrs,
	.exists = xfs_exists,
	.close = xfs_close,
};

/* ---- the superblock ---- */

static bool pow2(uint64_t v, unsigned log)
{
	return log < 32 && v == 1ull << log;
}

int tgt_xfs_open(struct tgt_vol *vol, struct tgt_fs **ret, struct ia_err *err)
{
	unsigned char sb[512];
	struct xfs x = {.vol = vol};
	unsigned version;
	uint32_t incompat;
	uint16_t vnum;
	uint8_t sectlog, inodelog;

	if (tgt_vol_read(vol, sb, sizeof(sb), 0) != (ssize_t)sizeof(sb) || be32(sb) != 0x58465342u)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0, "no XFS superblock");
	vnum = be16(sb + 100);
	version = vnum & 0xf;
	x.bsize = be32(sb + 4);
	x.dblocks = be64(sb + 8);
	x.rootino = be64(sb + 56);
	x.agblocks = be32(sb + 84);
	x.agcount = be32(sb + 88);
	x.isize = be16(sb + 104);
	x.blocklog = sb[120];
	sectlog = sb[121];
	inodelog = sb[122];
	x.inopblog = sb[123];
	x.agblklog = sb[124];
	x.dirblklog = sb[192];
	incompat = version == 5 ? be32(sb + 216) : 0;
	if (version != 4 && version != 5)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0, "XFS version %u is not read",
				  version);
	if (version == 4 && !(vnum & 0x2000))
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0,
				  "XFS v4 without version 2 directories is not read");
	if (incompat & ~0x3fu)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0,
				  "XFS incompatible features 0x%x are not read", incompat & ~0x3fu);
	if (!pow2(x.bsize, x.blocklog) || x.blocklog < 9 || x.blocklog > 16 ||
	    !pow2(be16(sb + 102), sectlog) || sectlog < 9 || sectlog > 15 ||
	    !pow2(x.isize, inodelog) || inodelog < 8 || inodelog > 11 || inodelog > x.blocklog ||
	    x.inopblog != x.blocklog - inodelog || be16(sb + 106) != x.bsize / x.isize ||
	    x.blocklog + x.dirblklog > 16 || x.agblocks < 5 || x.agblklog > 31 ||
	    x.agblocks > 1ull << x.agblklog || x.agblocks <= 1ull << (x.agblklog - 1) ||
	    x.agcount == 0 || x.dblocks > (uint64_t)x.agcount * x.agblocks ||
	    x.dblocks <= (uint64_t)(x.agcount - 1) * x.agblocks)
		return ia_err_set(err, -IA_ECORRUPT, "", 0,
				  "XFS superblock geometry out of range (block, sector or inode "
				  "size, allocation groups)");
	if (x.dblocks > vol->size >> x.blocklog)
		return ia_err_set(err, -IA_ECORRUPT, "", 0,
				  "the XFS filesystem (%llu blocks) is larger than its volume",
				  (unsigned long long)x.dblocks);
	x.crc = version == 5;
	x.ftype = version == 5 ? (incompat & 1) : (vnum & 0x8000) && (be32(sb + 200) & 0x200);
	x.nrext64 = incompat & 0x20;
	x.dirbsize = x.bsize << x.dirblklog;
	{
		uint64_t off;

		if (!ino_byte(&x, x.rootino, &off))
			return ia_err_set(err, -IA_ECORRUPT, "", 0,
					  "XFS root inode number outside the filesystem");
	}
	struct xfs *p = ia_xcalloc(1, sizeof(*p));

	*p = x;
	p->base.ops = &xfs_ops;
	p->base.type = "xfs";
	snprintf(p->base.uuid, sizeof(p->base.uuid),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", sb[32],
		 sb[33], sb[34], sb[35], sb[36], sb[37], sb[38], sb[39], sb[40], sb[41], sb[42],
		 sb[43], sb[44], sb[45], sb[46], sb[47]);
	memcpy(p->base.label, sb + 108, 12);
	p->base.label[12] = '\0';
	*ret = &p->base;
	return 0;
}
