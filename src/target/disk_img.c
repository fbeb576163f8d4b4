/* disk_img.c — the bytes of a virtual disk: raw, qcow2 (libqcow), VMDK (libvmdk), VHD/VHDX
 * (libvhdi) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fcntl.h>
#include <libbfio.h>
#include <libgen.h>
#include <libqcow.h>
#include <libvhdi.h>
#include <libvmdk.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "target/disk.h"
#include "util/banned.h"

#define CACHE_BLOCK (64u * 1024)

/* Direct-mapped by block number: a file read in order fills consecutive slots. */
struct tgt_dev_cache {
	uint64_t blk[IA_DISK_CACHE_BLOCKS];
	uint32_t len[IA_DISK_CACHE_BLOCKS]; /* bytes valid; 0: empty */
	unsigned char *data;
};

static bool at(const unsigned char *p, size_t n, size_t off, const char *magic, size_t len)
{
	return off + len <= n && memcmp(p + off, magic, len) == 0;
}

bool tgt_disk_sniff(const unsigned char *h, size_t n, const unsigned char *tail)
{
	if (at(h, n, 257, "ustar", 5))
		return false; /* a tar, whatever else its first block holds */
	if (at(h, n, 0, "QFI\xfb", 4) || at(h, n, 0, "KDMV", 4) ||
	    at(h, n, 0, "# Disk DescriptorFile", 21) || at(h, n, 0, "vhdxfile", 8) ||
	    at(h, n, 0, "conectix", 8) || (tail && memcmp(tail, "conectix", 8) == 0))
		return true;
	if (at(h, n, 512, "EFI PART", 8) || at(h, n, 4096, "EFI PART", 8))
		return true;
	if (at(h, n, 1080, "\x53\xef", 2) || at(h, n, 0, "XFSB", 4))
		return true; /* ext2/3/4 or XFS directly on the disk */
	if (at(h, n, 512, "LABELONE", 8) && at(h, n, 536, "LVM2 001", 8))
		return true; /* an LVM2 physical volume on the whole disk */
	/* an MBR: the boot signature and four entries whose status bytes are 0x00 or 0x80 */
	if (at(h, n, 510, "\x55\xaa", 2)) {
		for (int i = 0; i < 4; i++)
			if (h[446 + 16 * i] != 0 && h[446 + 16 * i] != 0x80)
				return false;
		return true;
	}
	return false;
}

/* ---- raw ---- */

struct raw {
	int fd;
};

static ssize_t raw_read(void *ctx, void *buf, size_t n, uint64_t off)
{
	return tgt_pread_full(((struct raw *)ctx)->fd, buf, n, off);
}

static void raw_close(void *ctx)
{
	close(((struct raw *)ctx)->fd);
	free(ctx);
}

/* ---- libyal formats ---- */

struct yal {
	int fmt; /* 0 qcow, 1 vmdk, 2 vhdi */
	int fd;  /* the image file, opened by us; the library opens /proc/self/fd/N */
	libqcow_file_t *q;
	libqcow_file_t **parents; /* backing chain, nearest first */
	size_t n_parents;
	int *parent_fds;
	libvmdk_handle_t *v;
	libbfio_pool_t *vpool; /* a sparse VMDK's one extent: the file itself, through fd */
	libvhdi_file_t *h;
};

static ssize_t yal_read(void *ctx, void *buf, size_t n, uint64_t off)
{
	struct yal *y = ctx;
	ssize_t r = -1;

	if (y->fmt == 0) {
		libqcow_error_t *e = NULL;

		r = libqcow_file_read_buffer_at_offset(y->q, buf, n, (off64_t)off, &e);
		libqcow_error_free(&e);
	} else if (y->fmt == 1) {
		libvmdk_error_t *e = NULL;

		r = libvmdk_handle_read_buffer_at_offset(y->v, buf, n, (off64_t)off, &e);
		libvmdk_error_free(&e);
	} else {
		libvhdi_error_t *e = NULL;

		r = libvhdi_file_read_buffer_at_offset(y->h, buf, n, (off64_t)off, &e);
		libvhdi_error_free(&e);
	}
	return r < 0 ? -EIO : r;
}

static void yal_close(void *ctx)
{
	struct yal *y = ctx;

	if (y->q) {
		libqcow_file_close(y->q, NULL);
		libqcow_file_free(&y->q, NULL);
	}
	for (size_t i = 0; i < y->n_parents; i++) {
		libqcow_file_close(y->parents[i], NULL);
		libqcow_file_free(&y->parents[i], NULL);
		close(y->parent_fds[i]);
	}
	free(y->parents);
	free(y->parent_fds);
	if (y->v) {
		libvmdk_handle_close(y->v, NULL);
		libvmdk_handle_free(&y->v, NULL);
	}
	if (y->vpool)
		libbfio_pool_free(&y->vpool, NULL);
	if (y->h) {
		libvhdi_file_close(y->h, NULL);
		libvhdi_file_free(&y->h, NULL);
	}
	if (y->fd >= 0)
		close(y->fd);
	free(y);
}

/* The name by which a library opens the file we hold open as fd: never a path an attacker could
 * swap between our checks and the library's open. */
static void fd_name(int fd, char out[64])
{
	snprintf(out, 64, "/proc/self/fd/%d", fd);
}

/* The first line of a libyal error (they are multi-line backtraces). */
#define YAL_MSG(lib, e, out)                                                                       \
	do {                                                                                       \
		(out)[0] = '\0';                                                                   \
		if (e)                                                                             \
			lib##_error_sprint((e), (out), sizeof(out));                               \
		char *nl_ = strchr((out), '\n');                                                   \
		if (nl_)                                                                           \
			*nl_ = '\0';                                                               \
		lib##_error_free(&(e));                                                            \
	} while (0)

/* Opens name beneath the directory dirfd (no "..", no absolute path, no symlink leaving it). */
static int open_beneath(int dirfd, const char *name)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, dirfd, name, &how, sizeof(how));

	if (fd >= 0)
		return (int)fd;
	if (errno != ENOSYS)
		return -errno;
	if (strchr(name, '/'))
		return -EXDEV; /* old kernels: only a plain name beside the others */
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	return fd >= 0 ? (int)fd : -errno;
}

/* The backing file name of q, or NULL when it has none. */
static char *qcow_backing(libqcow_file_t *q)
{
	size_t sz = 0;
	char *s;

	if (libqcow_file_get_utf8_backing_filename_size(q, &sz, NULL) != 1 || sz <= 1 ||
	    sz > IA_MAX_PATH)
		return NULL;
	s = ia_xcalloc(1, sz + 1);
	if (libqcow_file_get_utf8_backing_filename(q, (uint8_t *)s, sz, NULL) != 1) {
		free(s);
		return NULL;
	}
	return s;
}

static uint64_t be_n(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static uint64_t be64(const unsigned char *p)
{
	return be_n(p, 8);
}

/*
 * libqcow 20201213 reads a data cluster that begins inside the file and ends past its end into
 * a block as long as what the file holds, then copies a whole cluster out of it: a heap
 * over-read (found by fuzz-mutate-target_disk). So every standard data cluster and L2 table the
 * active L1 table names must lie inside the file. Compressed clusters are left to libqcow
 * (qemu-img's last one may end past the end of the file). Bounded: the L1 table by
 * IA_MAX_QCOW_L1, the L2 tables read by the file's size (distinct tables cannot hold more).
 */
static int qcow_clusters_ok(int fd, const char *what, struct ia_err *err)
{
	unsigned char h[48], *l1 = NULL, *l2 = NULL;
	struct stat st;
	uint64_t cs, fsize, l1off, l1len, read = 0;
	uint32_t bits;
	int r = 0;

	if (fstat(fd, &st) != 0 || tgt_pread_full(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    memcmp(h, "QFI\xfb", 4) != 0 || be_n(h + 4, 4) < 2 || be_n(h + 20, 4) < 9 ||
	    be_n(h + 20, 4) > 21)
		return 0; /* not qcow2 (qcow v1 has another header), or one libqcow refuses */
	bits = (uint32_t)be_n(h + 20, 4);
	cs = 1ull << bits;
	fsize = (uint64_t)st.st_size;
	l1len = be_n(h + 36, 4) * 8;
	l1off = be64(h + 40);
	if (l1len > IA_MAX_QCOW_L1 || l1off > fsize || l1len > fsize - l1off)
		return ia_err_set(
			err, -IA_ECORRUPT, what, 0,
			"the qcow2 L1 table (%llu bytes at byte %llu) lies past the end of "
			"the file or is larger than IA_MAX_QCOW_L1",
			(unsigned long long)l1len, (unsigned long long)l1off);
	l1 = ia_xmalloc(l1len ? l1len : 1);
	l2 = ia_xmalloc(cs);
	if (tgt_pread_full(fd, l1, l1len, l1off) != (ssize_t)l1len)
		r = ia_err_set(err, -EIO, what, 0, "the qcow2 L1 table cannot be read");
	for (uint64_t i = 0; r == 0 && i < l1len; i += 8) {
		uint64_t t = be64(l1 + i) & 0x00fffffffffffe00ull;

		if (t == 0)
			continue;
		read += cs;
		if (t > fsize || cs > fsize - t || read > fsize ||
		    tgt_pread_full(fd, l2, cs, t) != (ssize_t)cs) {
			r = ia_err_set(
				err, -IA_ECORRUPT, what, 0,
				"a qcow2 L2 table (at byte %llu) lies past the end of the file "
				"or is read twice",
				(unsigned long long)t);
			break;
		}
		for (uint64_t k = 0; k < cs; k += 8) {
			uint64_t e = be64(l2 + k), c = e & 0x00fffffffffffe00ull;

			if ((e >> 62 & 1) || c == 0 || (c <= fsize && cs <= fsize - c))
				continue;
			r = ia_err_set(
				err, -IA_ECORRUPT, what, 0,
				"a qcow2 data cluster (at byte %llu) lies past the end of the "
				"file (%llu bytes)",
				(unsigned long long)c, (unsigned long long)fsize);
			break;
		}
	}
	free(l1);
	free(l2);
	return r;
}

static int qcow_open_fd(int fd, libqcow_file_t **ret, const char *what, struct ia_err *err)
{
	libqcow_error_t *e = NULL;
	char name[64], msg[512];
	int r = qcow_clusters_ok(fd, what, err);

	if (r < 0)
		return r;
	fd_name(fd, name);
	if (libqcow_file_initialize(ret, &e) != 1 ||
	    libqcow_file_open(*ret, name, LIBQCOW_OPEN_READ, &e) != 1) {
		YAL_MSG(libqcow, e, msg);
		if (*ret)
			libqcow_file_free(ret, NULL);
		return ia_err_set(err, -IA_ECORRUPT, what, 0, "not a readable qcow image: %s", msg);
	}
	return 0;
}

/*
 * The backing chain of y->q: each backing file name is opened inside backing_dir only (a
 * relative name beneath it, an absolute one when it names a file in it), at most
 * IA_MAX_BACKING_FILES deep, and must be qcow2 itself.
 */
static int qcow_chain(struct yal *y, const char *spec, const char *backing_dir, struct ia_err *err)
{
	libqcow_file_t *cur = y->q;
	_cleanup_close_ int dirfd = -1;
	char *real = NULL;
	int r = 0;

	for (unsigned depth = 0;; depth++) {
		char *name = qcow_backing(cur), *rel;
		unsigned char head[4];
		libqcow_file_t *p = NULL;
		int fd;

		if (!name)
			break;
		if (!backing_dir) {
			r = ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
				       "the qcow2 image has a backing file '%s', which is not "
				       "read unless --backing-dir DIR names the directory "
				       "holding it",
				       name);
			free(name);
			break;
		}
		if (depth >= IA_MAX_BACKING_FILES) {
			free(name);
			r = ia_err_set(err, -IA_ETOOBIG, spec, 0,
				       "more than IA_MAX_BACKING_FILES (%d) backing files",
				       IA_MAX_BACKING_FILES);
			break;
		}
		if (dirfd < 0) {
			dirfd = open(backing_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			real = realpath(backing_dir, NULL);
			if (dirfd < 0 || !real) {
				r = ia_err_set(err, -errno, backing_dir, 0,
					       "cannot open the backing directory: %s",
					       strerror(errno));
				free(name);
				break;
			}
		}
		rel = name;
		if (name[0] == '/') {
			size_t rl = strlen(real);

			if (strncmp(name, real, rl) == 0 && name[rl] == '/')
				rel = name + rl + 1;
		}
		fd = rel[0] == '/' ? -EXDEV : open_beneath(dirfd, rel);
		if (fd < 0) {
			r = ia_err_set(err, fd == -EXDEV ? -IA_EESCAPE : fd, spec, 0,
				       "backing file '%s' %s the backing directory '%s'", name,
				       fd == -EXDEV || fd == -ELOOP ? "lies outside"
								    : "is not found in",
				       backing_dir);
			free(name);
			break;
		}
		if (tgt_pread_full(fd, head, 4, 0) != 4 || memcmp(head, "QFI\xfb", 4) != 0) {
			close(fd);
			r = ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
				       "backing file '%s' is not a qcow image (only qcow backing "
				       "files are read)",
				       name);
			free(name);
			break;
		}
		r = qcow_open_fd(fd, &p, name, err);
		free(name);
		if (r < 0) {
			close(fd);
			break;
		}
		ia_grow(&y->parents, sizeof(*y->parents), y->n_parents + 1, &(size_t){0});
		y->parent_fds = realloc(y->parent_fds, (y->n_parents + 1) * sizeof(int));
		if (!y->parent_fds)
			abort();
		y->parents[y->n_parents] = p;
		y->parent_fds[y->n_parents++] = fd;
		cur = p;
	}
	/* set parents innermost first: each file reads through its parent */
	for (size_t i = y->n_parents; r == 0 && i > 0; i--) {
		libqcow_file_t *child = i == 1 ? y->q : y->parents[i - 2];

		if (libqcow_file_set_parent_file(child, y->parents[i - 1], NULL) != 1)
			r = ia_err_set(err, -IA_ECORRUPT, spec, 0, "cannot attach a backing file");
	}
	free(real);
	return r;
}

static int open_qcow(struct yal *y, const char *spec, const char *backing_dir, uint64_t *size,
		     struct ia_err *err)
{
	size64_t sz = 0;
	uint32_t enc = 0;
	int r = qcow_open_fd(y->fd, &y->q, spec, err);

	if (r < 0)
		return r;
	if (libqcow_file_get_encryption_method(y->q, &enc, NULL) == 1 &&
	    enc != LIBQCOW_ENCRYPTION_METHOD_NONE)
		return ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
				  "the qcow image is encrypted: not examined");
	r = qcow_chain(y, spec, backing_dir, err);
	if (r < 0)
		return r;
	if (libqcow_file_get_media_size(y->q, &sz, NULL) != 1)
		return ia_err_set(err, -IA_ECORRUPT, spec, 0, "qcow image without a size");
	*size = sz;
	return 0;
}

/* Every extent file a VMDK descriptor names must be a plain name of a regular file (not a
 * symlink) beside the descriptor. */
static int vmdk_extents_ok(libvmdk_handle_t *v, int dirfd, const char *spec, struct ia_err *err)
{
	int n = 0;

	if (libvmdk_handle_get_number_of_extents(v, &n, NULL) != 1 || n <= 0 ||
	    n > IA_MAX_VMDK_EXTENTS)
		return ia_err_set(err, -IA_ECORRUPT, spec, 0,
				  "VMDK descriptor with %d extents (at most IA_MAX_VMDK_EXTENTS, "
				  "%d)",
				  n, IA_MAX_VMDK_EXTENTS);
	for (int i = 0; i < n; i++) {
		libvmdk_extent_descriptor_t *d = NULL;
		char name[IA_MAX_NAME + 1] = "";
		struct stat st;
		int ok = libvmdk_handle_get_extent_descriptor(v, i, &d, NULL) == 1 &&
			 libvmdk_extent_descriptor_get_utf8_filename(d, (uint8_t *)name,
								     sizeof(name), NULL) == 1;

		if (d)
			libvmdk_extent_descriptor_free(&d, NULL);
		if (!ok)
			return ia_err_set(err, -IA_ECORRUPT, spec, 0,
					  "VMDK extent %d: no readable file name", i + 1);
		if (!name[0] || strchr(name, '/') || strcmp(name, "..") == 0 ||
		    strcmp(name, ".") == 0)
			return ia_err_set(err, -IA_EESCAPE, spec, 0,
					  "VMDK extent file '%s' is not a file beside the "
					  "descriptor: not read",
					  name);
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			return ia_err_set(err, -ENOENT, spec, 0,
					  "VMDK extent file '%s' is not a regular file beside the "
					  "descriptor",
					  name);
	}
	return 0;
}

/* A sparse VMDK (monolithic sparse, streamOptimized) is its own one extent: opened through the
 * descriptor we hold, whatever name its embedded descriptor gives it (the file may have been
 * renamed since it was made). */
static bool vmdk_self_extent(struct yal *y)
{
	libbfio_handle_t *h = NULL;
	char name[64];
	int entry = 0;

	fd_name(y->fd, name);
	if (libbfio_file_initialize(&h, NULL) != 1)
		return false;
	if (libbfio_file_set_name(h, name, strlen(name), NULL) != 1 ||
	    libbfio_pool_initialize(&y->vpool, 0, 1, NULL) != 1 ||
	    libbfio_pool_append_handle(y->vpool, &entry, h, LIBBFIO_OPEN_READ, NULL) != 1) {
		libbfio_handle_free(&h, NULL);
		return false;
	}
	return libvmdk_handle_open_extent_data_files_file_io_pool(y->v, y->vpool, NULL) == 1;
}

static int open_vmdk(struct yal *y, const char *spec, uint64_t *size, struct ia_err *err)
{
	libvmdk_error_t *e = NULL;
	char name[64], msg[512];
	char *copy = ia_xstrdup(spec);
	const char *dir = dirname(copy);
	_cleanup_close_ int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size64_t sz = 0;
	uint32_t pcid = 0xffffffffu;
	unsigned char magic[4] = {0};
	bool sparse = tgt_pread_full(y->fd, magic, 4, 0) == 4 && memcmp(magic, "KDMV", 4) == 0;
	int r = 0, n = 0;

	fd_name(y->fd, name);
	if (dirfd < 0 || libvmdk_handle_initialize(&y->v, &e) != 1 ||
	    libvmdk_handle_open(y->v, name, LIBVMDK_OPEN_READ, &e) != 1) {
		YAL_MSG(libvmdk, e, msg);
		r = ia_err_set(err, -IA_ECORRUPT, spec, 0, "not a readable VMDK image: %s", msg);
		goto out;
	}
	if (libvmdk_handle_get_parent_content_identifier(y->v, &pcid, NULL) == 1 &&
	    pcid != 0xffffffffu) {
		r = ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
			       "the VMDK image is a delta of a parent disk: not read");
		goto out;
	}
	if (sparse && libvmdk_handle_get_number_of_extents(y->v, &n, NULL) == 1 && n == 1) {
		if (!vmdk_self_extent(y))
			r = ia_err_set(err, -IA_ECORRUPT, spec, 0, "cannot read the VMDK extent");
		goto size;
	}
	r = vmdk_extents_ok(y->v, dirfd, spec, err);
	if (r < 0)
		goto out;
	if (libvmdk_handle_set_extent_data_files_path(y->v, dir, strlen(dir), &e) != 1 ||
	    libvmdk_handle_open_extent_data_files(y->v, &e) != 1) {
		YAL_MSG(libvmdk, e, msg);
		r = ia_err_set(err, -IA_ECORRUPT, spec, 0, "cannot open the VMDK extents: %s", msg);
		goto out;
	}
size:
	if (r == 0 && libvmdk_handle_get_media_size(y->v, &sz, NULL) != 1)
		r = ia_err_set(err, -IA_ECORRUPT, spec, 0, "VMDK image without a size");
	*size = sz;
out:
	free(copy);
	return r;
}

static int open_vhdi(struct yal *y, const char *spec, uint64_t *size, struct ia_err *err)
{
	libvhdi_error_t *e = NULL;
	char name[64], msg[512];
	uint32_t type = 0;
	size64_t sz = 0;

	fd_name(y->fd, name);
	if (libvhdi_file_initialize(&y->h, &e) != 1 ||
	    libvhdi_file_open(y->h, name, LIBVHDI_OPEN_READ, &e) != 1) {
		YAL_MSG(libvhdi, e, msg);
		return ia_err_set(err, -IA_ECORRUPT, spec, 0, "not a readable VHD/VHDX image: %s",
				  msg);
	}
	if (libvhdi_file_get_disk_type(y->h, &type, NULL) == 1 &&
	    type == LIBVHDI_DISK_TYPE_DIFFERENTIAL)
		return ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
				  "the VHD image is a differencing disk of a parent: not read");
	if (libvhdi_file_get_media_size(y->h, &sz, NULL) != 1)
		return ia_err_set(err, -IA_ECORRUPT, spec, 0, "VHD image without a size");
	*size = sz;
	return 0;
}

int tgt_dev_open(const char *path, const char *backing_dir, struct tgt_dev *dev, struct ia_err *err)
{
	unsigned char head[4096] = {0}, tail[512] = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	struct yal *y;
	ssize_t n;
	int r;

	memset(dev, 0, sizeof(*dev));
	if (fd < 0)
		return ia_err_set(err, -errno, path, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0, "not a regular file");
	}
	n = tgt_pread_full(fd, head, sizeof(head), 0);
	if (st.st_size >= 512)
		(void)tgt_pread_full(fd, tail, sizeof(tail), (uint64_t)st.st_size - 512);
	if (n < 0) {
		close(fd);
		return ia_err_set(err, (int)n, path, 0, "cannot read: %s", ia_strerror((int)n));
	}
	y = ia_xcalloc(1, sizeof(*y));
	y->fd = fd;
	if (at(head, (size_t)n, 0, "QFI\xfb", 4)) {
		dev->format = "qcow2";
		r = open_qcow(y, path, backing_dir, &dev->size, err);
	} else if (at(head, (size_t)n, 0, "KDMV", 4) ||
		   at(head, (size_t)n, 0, "# Disk DescriptorFile", 21)) {
		y->fmt = 1;
		dev->format = "vmdk";
		r = open_vmdk(y, path, &dev->size, err);
	} else if (at(head, (size_t)n, 0, "vhdxfile", 8) || at(head, (size_t)n, 0, "conectix", 8) ||
		   memcmp(tail, "conectix", 8) == 0) {
		y->fmt = 2;
		dev->format = at(head, (size_t)n, 0, "vhdxfile", 8) ? "vhdx" : "vhd";
		r = open_vhdi(y, path, &dev->size, err);
	} else {
		struct raw *rw = ia_xmalloc(sizeof(*rw));

		free(y);
		rw->fd = fd;
		dev->format = "raw";
		dev->size = (uint64_t)st.st_size;
		dev->ctx = rw;
		dev->read = raw_read;
		dev->close = raw_close;
		return 0;
	}
	if (dev->format && strcmp(dev->format, "qcow2") == 0 && r == 0) {
		uint32_t ver = 0;

		if (libqcow_file_get_format_version(y->q, &ver, NULL) == 1 && ver == 1)
			dev->format = "qcow";
	}
	dev->ctx = y;
	dev->read = yal_read;
	dev->close = yal_close;
	if (r < 0) {
		tgt_dev_close(dev);
		return r;
	}
	dev->cache = ia_xcalloc(1, sizeof(*dev->cache));
	dev->cache->data = ia_xmalloc((size_t)IA_DISK_CACHE_BLOCKS * CACHE_BLOCK);
	return 0;
}

ssize_t tgt_dev_read(const struct tgt_dev *d, void *buf, size_t n, uint64_t off)
{
	struct tgt_dev_cache *c = d->cache;
	size_t done = 0;

	if (off >= d->size)
		return 0;
	if (n > d->size - off)
		n = (size_t)(d->size - off);
	if (!c)
		return d->read(d->ctx, buf, n, off);
	while (done < n) {
		uint64_t blk = (off + done) / CACHE_BLOCK, in = (off + done) % CACHE_BLOCK;
		size_t slot = (size_t)(blk % IA_DISK_CACHE_BLOCKS), take;
		unsigned char *p = c->data + slot * CACHE_BLOCK;

		if (c->len[slot] == 0 || c->blk[slot] != blk) {
			uint64_t start = blk * CACHE_BLOCK;
			size_t want = d->size - start < CACHE_BLOCK ? (size_t)(d->size - start)
								    : CACHE_BLOCK;
			ssize_t r = d->read(d->ctx, p, want, start);

			c->len[slot] = 0;
			if (r < 0)
				return done ? (ssize_t)done : r;
			c->blk[slot] = blk;
			c->len[slot] = (uint32_t)r;
		}
		if (in >= c->len[slot])
			break;
		take = c->len[slot] - in < n - done ? (size_t)(c->len[slot] - in) : n - done;
		memcpy((char *)buf + done, p + in, take);
		done += take;
	}
	return (ssize_t)done;
}

void tgt_dev_close(struct tgt_dev *d)
{
	if (d->cache) {
		free(d->cache->data);
		free(d->cache);
	}
	if (d->close)
		d->close(d->ctx);
	memset(d, 0, sizeof(*d));
}
