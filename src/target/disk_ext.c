/* disk_ext.c — ext2/3/4 filesystems of a disk image, read-only through libext2fs and our I/O
 * channel */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <et/com_err.h>
#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>

#include "target/disk.h"
#include "util/banned.h"

/*
 * libext2fs reads through an io_manager: ours reads the volume's bytes through the disk layer
 * (raw file, qcow2, VMDK, VHD), so nothing is copied to a temporary file and nothing is ever
 * written (every write callback fails). The channel's name carries the volume's address, which
 * only this file makes.
 */

static struct struct_io_manager vol_manager;

struct chan {
	struct tgt_vol *vol;
};

static errcode_t ch_open(const char *name, int flags, io_channel *ret)
{
	io_channel ch;
	struct chan *c;
	const char *hex;
	uintptr_t addr;

	if (flags & IO_FLAG_RW)
		return EXT2_ET_RO_UNSUPP_FEATURE;
	if (!name || strncmp(name, "imgaudit-volume:", 16) != 0)
		return EXT2_ET_BAD_DEVICE_NAME;
	hex = name + 16;
	addr = (uintptr_t)strtoull(hex, NULL, 16);
	ch = ia_xcalloc(1, sizeof(*ch));
	c = ia_xcalloc(1, sizeof(*c));
	c->vol = (struct tgt_vol *)addr;
	ch->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	ch->manager = &vol_manager;
	ch->name = ia_xstrdup(name);
	ch->block_size = 1024;
	ch->refcount = 1;
	ch->private_data = c;
	*ret = ch;
	return 0;
}

static errcode_t ch_close(io_channel ch)
{
	if (--ch->refcount > 0)
		return 0;
	free(ch->private_data);
	free(ch->name);
	free(ch);
	return 0;
}

static errcode_t ch_set_blksize(io_channel ch, int blksize)
{
	if (blksize <= 0 || blksize > 65536)
		return EXT2_ET_INVALID_ARGUMENT;
	ch->block_size = blksize;
	return 0;
}

static errcode_t ch_read64(io_channel ch, unsigned long long block, int count, void *data)
{
	struct chan *c = ch->private_data;
	uint64_t len = count < 0 ? (uint64_t)(-(int64_t)count) : (uint64_t)count * ch->block_size;
	uint64_t off;
	ssize_t n;

	if (len > (64u << 20) || block > UINT64_MAX / (uint64_t)ch->block_size)
		return EXT2_ET_INVALID_ARGUMENT;
	off = block * (uint64_t)ch->block_size;
	n = tgt_vol_read(c->vol, data, (size_t)len, off);
	if (n < 0)
		return EXT2_ET_SHORT_READ;
	if ((uint64_t)n < len) {
		memset((char *)data + n, 0, (size_t)(len - (uint64_t)n));
		return EXT2_ET_SHORT_READ;
	}
	return 0;
}

static errcode_t ch_read(io_channel ch, unsigned long block, int count, void *data)
{
	return ch_read64(ch, block, count, data);
}

static errcode_t ch_write(io_channel ch, unsigned long block, int count, const void *data)
{
	return EXT2_ET_RO_UNSUPP_FEATURE;
}

static errcode_t ch_write64(io_channel ch, unsigned long long block, int count, const void *data)
{
	return EXT2_ET_RO_UNSUPP_FEATURE;
}

static errcode_t ch_write_byte(io_channel ch, unsigned long off, int count, const void *data)
{
	return EXT2_ET_RO_UNSUPP_FEATURE;
}

static errcode_t ch_flush(io_channel ch)
{
	return 0;
}

static errcode_t ch_set_option(io_channel ch, const char *opt, const char *arg)
{
	return EXT2_ET_INVALID_ARGUMENT;
}

static struct struct_io_manager vol_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "imgaudit volume",
	.open = ch_open,
	.close = ch_close,
	.set_blksize = ch_set_blksize,
	.read_blk = ch_read,
	.write_blk = ch_write,
	.flush = ch_flush,
	.write_byte = ch_write_byte,
	.set_option = ch_set_option,
	.read_blk64 = ch_read64,
	.write_blk64 = ch_write64,
};

/* ---- the filesystem ---- */

struct extfs {
	struct tgt_fs base;
	ext2_filsys fs;
};

static ext2_filsys fs_of(struct tgt_fs *f)
{
	return ((struct extfs *)f)->fs;
}

static void ext_close(struct tgt_fs *f)
{
	ext2fs_close_free(&((struct extfs *)f)->fs);
	free(f);
}

static ssize_t ext_pread(struct tgt_fs *f, uint64_t ino, void *buf, size_t n, uint64_t off)
{
	ext2_file_t file;
	size_t done = 0;
	errcode_t e;

	if (ino == 0 || ino > UINT32_MAX)
		return -EINVAL;
	e = ext2fs_file_open(fs_of(f), (ext2_ino_t)ino, 0, &file);
	if (e)
		return -EIO;
	__u64 size = 0;

	if (ext2fs_file_get_lsize(file, &size) != 0 || off >= size) {
		ext2fs_file_close(file);
		return 0;
	}
	e = ext2fs_file_llseek(file, off, EXT2_SEEK_SET, NULL);
	while (!e && done < n) {
		unsigned int got = 0;
		size_t want = n - done > (1u << 30) ? (1u << 30) : n - done;

		e = ext2fs_file_read(file, (char *)buf + done, (unsigned int)want, &got);
		if (got == 0)
			break;
		done += got;
	}
	ext2fs_file_close(file);
	return e ? -EIO : (ssize_t)done;
}

static int ext_lookup(struct tgt_fs *f, const char *path, ext2_ino_t *ino)
{
	errcode_t e = ext2fs_namei(fs_of(f), EXT2_ROOT_INO, EXT2_ROOT_INO, path, ino);

	return e == 0 ? 0 : e == EXT2_ET_FILE_NOT_FOUND ? -ENOENT : -EIO;
}

static bool ext_exists(struct tgt_fs *f, const char *path)
{
	ext2_ino_t ino;

	return ext_lookup(f, path, &ino) == 0;
}

static int ext_read_file(struct tgt_fs *f, const char *path, size_t max, struct ia_buf *out)
{
	struct ext2_inode in;
	ext2_ino_t ino;
	uint64_t size;
	ssize_t n;
	char *p;
	int r = ext_lookup(f, path, &ino);

	ia_buf_reset(out);
	if (r < 0)
		return r;
	if (ext2fs_read_inode(fs_of(f), ino, &in) != 0)
		return -EIO;
	if (!LINUX_S_ISREG(in.i_mode))
		return -EINVAL;
	size = EXT2_I_SIZE(&in);
	if (size > max)
		return -IA_ETOOBIG;
	p = ia_buf_reserve(out, (size_t)size, &r);
	if (!p)
		return r;
	n = ext_pread(f, ino, p, (size_t)size, 0);
	if (n < 0)
		return (int)n;
	ia_buf_commit(out, (size_t)n);
	return 0;
}

struct xcollect {
	struct tgt_xattrs *out;
	int r;
};

static int xattr_cb(char *name, char *value, size_t value_len, void *data)
{
	struct xcollect *c = data;

	/* inline data of a small file, which the kernel does not list as an attribute */
	if (strcmp(name, "system.data") == 0)
		return 0;
	c->r = tgt_xattrs_add(c->out, name, strlen(name), value, value_len);
	return c->r < 0 ? XATTR_ABORT : 0;
}

/* Every attribute of inode ino: in the inode's extra space and in its external block (and,
 * with ea_inode, the inodes holding large values), as libext2fs reads them. */
static int ext_xattrs(struct tgt_fs *f, uint64_t ino, struct tgt_xattrs *out)
{
	struct ext2_xattr_handle *h = NULL;
	struct xcollect c = {out, 0};
	errcode_t e;

	if (ino == 0 || ino > UINT32_MAX)
		return -EINVAL;
	e = ext2fs_xattrs_open(fs_of(f), (ext2_ino_t)ino, &h);
	if (e == EXT2_ET_MISSING_EA_FEATURE)
		return 0; /* a filesystem without ext_attr holds none */
	if (e)
		return -IA_ECORRUPT;
	e = ext2fs_xattrs_read(h);
	if (!e)
		e = ext2fs_xattrs_iterate(h, xattr_cb, &c);
	ext2fs_xattrs_close(&h);
	if (c.r < 0)
		return c.r;
	return e ? (e == EXT2_ET_NO_MEMORY ? -ENOMEM : -IA_ECORRUPT) : 0;
}

/* The target of symlink ino (inode in) into out (IA_MAX_PATH + 1 bytes). */
static void ext_readlink(struct tgt_fs *f, ext2_ino_t ino, struct ext2_inode *in, char *out)
{
	uint64_t size = EXT2_I_SIZE(in);
	ssize_t n;

	out[0] = '\0';
	if (size == 0 || size > IA_MAX_PATH)
		return;
	if (ext2fs_is_fast_symlink(in)) {
		memcpy(out, (const char *)in->i_block, (size_t)size);
		out[size] = '\0';
		return;
	}
	n = ext_pread(f, ino, out, (size_t)size, 0);
	out[n > 0 ? n : 0] = '\0';
}

/* One directory entry collected before it is indexed. */
/* The walk's state (tgt_fswalk): the filesystem and the inode loaded last. */
struct ext_st {
	struct tgt_fs *f;
	struct ext2_inode_large in;
};

static int collect_cb(ext2_ino_t dir, int entry, struct ext2_dir_entry *d, int offset,
		      int blocksize, char *buf, void *priv)
{
	int len = ext2fs_dirent_name_len(d);

	if (d->inode == 0 || len == 0 || (len == 1 && d->name[0] == '.') ||
	    (len == 2 && d->name[0] == '.' && d->name[1] == '.'))
		return 0;
	return tgt_dirlist_add(priv, d->name, (size_t)len, d->inode) ? DIRENT_ABORT : 0;
}

static void ext_list(void *st, struct tgt *t, uint64_t ino, const char *path, struct tgt_dirlist *c)
{
	struct ext_st *s = st;
	errcode_t e = ext2fs_dir_iterate2(fs_of(s->f), (ext2_ino_t)ino, 0, NULL, collect_cb, c);

	if (e)
		ia_problem_add(&t->problems, "index", path, 0, -IA_ECORRUPT,
			       "cannot read directory: %s", error_message(e));
}

static int ext_load(void *st, struct tgt *t, uint64_t ino, const char *path,
		    char link[IA_MAX_PATH + 1], uint32_t *mode)
{
	struct ext_st *s = st;

	memset(&s->in, 0, sizeof(s->in));
	if (ext2fs_read_inode_full(fs_of(s->f), (ext2_ino_t)ino, (struct ext2_inode *)&s->in,
				   sizeof(s->in))) {
		if (path)
			ia_problem_add(&t->problems, "index", path, 0, -IA_ECORRUPT,
				       "unreadable inode %u: not indexed", (unsigned)ino);
		return -IA_ECORRUPT;
	}
	*mode = s->in.i_mode;
	if (LINUX_S_ISLNK(s->in.i_mode))
		ext_readlink(s->f, (ext2_ino_t)ino, (struct ext2_inode *)&s->in, link);
	return 0;
}

static void ext_fill(void *st, struct tgt *t, size_t ei, uint64_t ino)
{
	const struct ext_st *s = st;
	const struct ext2_inode_large *in = &s->in;
	struct tgt_fs *f = s->f;
	struct tgt_entry *e = &t->v[ei];

	e->mode = in->i_mode;
	e->uid = (uint32_t)in->i_uid | (uint32_t)in->osd2.linux2.l_i_uid_high << 16;
	e->gid = (uint32_t)in->i_gid | (uint32_t)in->osd2.linux2.l_i_gid_high << 16;
	e->nlink = in->i_links_count;
	e->mtime = (int32_t)in->i_mtime;
	if (in->i_extra_isize >= 24)
		e->mtime += (int64_t)(in->i_mtime_extra & 3) << 32;
	e->size = LINUX_S_ISREG(in->i_mode) || LINUX_S_ISLNK(in->i_mode)
			  ? EXT2_I_SIZE((const struct ext2_inode *)in)
			  : 0;
	e->file_id = (uint64_t)f->no << 48 | ino;
	tgt_disk_file(t, ei, f, ino);
}

static const struct tgt_fswalk_ops ext_walk_ops = {
	.list = ext_list,
	.load = ext_load,
	.fill = ext_fill,
	.bad_name = "directory entry whose name holds '/' or NUL: not indexed",
};

static int ext_walk(struct tgt_fs *f, struct tgt *t, const char *prefix, const char *const *skip,
		    size_t n_skip, struct ia_err *err)
{
	struct ext_st *s = ia_xcalloc(1, sizeof(*s));
	int r;

	s->f = f;
	r = tgt_fswalk(&ext_walk_ops, s, t, EXT2_ROOT_INO, prefix, skip, n_skip);
	free(s);
	if (r < 0)
		return ia_err_set(err, -IA_ECORRUPT, prefix, 0,
				  "the %s filesystem's root directory is unreadable", f->type);
	return 0;
}

static const struct tgt_fs_ops ext_ops = {
	.walk = ext_walk,
	.pread = ext_pread,
	.read_file = ext_read_file,
	.xattrs = ext_xattrs,
	.exists = ext_exists,
	.close = ext_close,
};

static void uuid_str(const uint8_t g[16], char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12],
		 g[13], g[14], g[15]);
}

int tgt_ext_open(struct tgt_vol *vol, struct tgt_fs **ret, struct ia_err *err)
{
	char name[64];
	ext2_filsys fs = NULL;
	struct extfs *x;
	errcode_t e;

	snprintf(name, sizeof(name), "imgaudit-volume:%llx", (unsigned long long)(uintptr_t)vol);
	e = ext2fs_open2(name, NULL,
			 EXT2_FLAG_64BITS | EXT2_FLAG_SKIP_MMP | EXT2_FLAG_IGNORE_CSUM_ERRORS, 0, 0,
			 &vol_manager, &fs);
	if (e) {
		if (fs)
			ext2fs_free(fs);
		return ia_err_set(err, e == EXT2_ET_BAD_MAGIC ? -IA_EUNSUPPORTED : -IA_ECORRUPT, "",
				  0, "cannot open the ext filesystem: %s", error_message(e));
	}
	x = ia_xcalloc(1, sizeof(*x));
	x->fs = fs;
	x->base.ops = &ext_ops;
	if (ext2fs_has_feature_extents(fs->super) || ext2fs_has_feature_flex_bg(fs->super) ||
	    ext2fs_has_feature_64bit(fs->super))
		x->base.type = "ext4";
	else if (ext2fs_has_feature_journal(fs->super))
		x->base.type = "ext3";
	else
		x->base.type = "ext2";
	uuid_str(fs->super->s_uuid, x->base.uuid);
	memcpy(x->base.label, fs->super->s_volume_name, 16);
	x->base.label[16] = '\0';
	*ret = &x->base;
	return 0;
}
