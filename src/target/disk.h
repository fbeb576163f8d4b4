/* disk.h — target/ internals of VM disk images: image formats, partition tables, filesystems */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TARGET_DISK_H
#define IA_TARGET_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "target/internal.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/problem.h"

/*
 * A disk is read in three layers, each bounded and read-only:
 *   device  the virtual disk's bytes: a raw file, or qcow2/VMDK/VHD/VHDX through libqcow,
 *           libvmdk and libvhdi (disk_img.c);
 *   volumes the partitions of an MBR (with extended/logical partitions) or a GPT, read by our
 *           own parser (disk_part.c), or the whole disk when it holds a filesystem directly;
 *           and the linear logical volumes of LVM2 physical volumes among them (disk_lvm.c, a
 *           reader of our own: Debian's libvslvm 20181227 takes a segment lying terabytes past
 *           its physical volume as it is, and does not tell a linear segment from a thin,
 *           RAID or snapshot one, so it cannot say which volumes it does not read);
 *   files   ext2/3/4 through libext2fs with an I/O channel that reads through the device
 *           (disk_ext.c). XFS by a bounded reader of our own (disk_xfs.c: Debian's libfsxfs
 *           20201117 fails on what mkfs.xfs 6.1 writes, a double free looking up /etc/passwd).
 * disk.c strings them together into the entry index of the target.
 */

/* Reads up to n bytes at off; returns the bytes read (fewer only at the end) or -errno. */
typedef ssize_t (*tgt_read_fn)(void *ctx, void *buf, size_t n, uint64_t off);

/* The virtual disk: its bytes, whatever the container format. */
struct tgt_dev {
	uint64_t size;      /* virtual size in bytes */
	const char *format; /* "raw", "qcow2", "vmdk", "vhd", "vhdx" (static) */
	void *ctx;
	tgt_read_fn read;
	void (*close)(void *ctx);
	/* image formats read through a library (qcow2, VMDK, VHD, VHDX): the last blocks read,
	 * so that the small reads of a file's pieces do not inflate or look up a cluster again */
	struct tgt_dev_cache *cache;
};

/* true when the head (first n bytes, at least 4096 when the file has them) and tail (last 512
 * bytes, or NULL) of a regular file are those of a disk image this reader knows: an image
 * format's signature, an MBR or GPT, a filesystem or an LVM2 physical volume at the start.
 * Never true for a tar. */
bool tgt_disk_sniff(const unsigned char *head, size_t n, const unsigned char *tail);

/*
 * Opens the disk image file at path as a device, its format told by its content. A qcow2
 * backing file is opened only inside backing_dir (NULL: a backing file is refused), VMDK extent
 * files only beside the descriptor. Returns 0 or a negative code with err.
 */
int tgt_dev_open(const char *path, const char *backing_dir, struct tgt_dev *dev,
		 struct ia_err *err);
/* Reads [off, off + n) clipped to the device size. */
ssize_t tgt_dev_read(const struct tgt_dev *d, void *buf, size_t n, uint64_t off);
void tgt_dev_close(struct tgt_dev *d);

/* ---- partitions (disk_part.c) ---- */

struct tgt_part {
	uint64_t start, size; /* bytes from the start of the disk */
	unsigned number;      /* as Linux numbers them: MBR primary 1-4, logical from 5; GPT 1.. */
	uint8_t mbr_type;     /* MBR partition type, 0 for GPT */
	uint8_t gpt_type[16]; /* GPT partition type GUID as stored (mixed-endian) */
	uint8_t gpt_uuid[16]; /* GPT unique partition GUID as stored */
	char uuid[37];        /* PARTUUID as /etc/fstab writes it: GPT GUID, MBR "xxxxxxxx-NN" */
};

enum tgt_scheme { TGT_SCHEME_NONE = 0, TGT_SCHEME_MBR, TGT_SCHEME_GPT };

/*
 * Reads the partition table of a disk of size bytes through rd(ctx): a GPT (protective MBR,
 * header and entry array CRC-checked, the backup header used when the primary is damaged) or
 * an MBR with its extended partition's chain of logical partitions. At most max partitions
 * (IA_MAX_PARTITIONS) into out; entries lying past the end of the disk or of their extended
 * partition are left out, overlapping ones kept, each with a problem (area "disk") in pr.
 * Returns the scheme (NONE: no table, the disk may hold a filesystem directly).
 */
enum tgt_scheme tgt_part_scan(tgt_read_fn rd, void *ctx, uint64_t size, struct tgt_part *out,
			      size_t max, size_t *n, struct ia_problems *pr);

/* ---- LVM2 physical volumes (disk_lvm.c) ---- */

/* A segment of a logical volume: extents [lv_ext, lv_ext + count) of the LV are extents
 * [pv_ext, pv_ext + count) of physical volume pv (an index into tgt_lvm.pv). */
struct tgt_lvm_seg {
	uint64_t lv_ext, count, pv_ext;
	size_t pv;
};

struct tgt_lvm_lv {
	char name[IA_MAX_LVM_NAME + 1];
	char why[512]; /* "" when read: every segment linear on a listed PV; else why not */
	uint64_t extents;
	struct tgt_lvm_seg *seg; /* sorted, contiguous from extent 0 */
	size_t n_seg;
};

struct tgt_lvm_pvref {
	char name[IA_MAX_LVM_NAME + 1]; /* "pv0" */
	char id[33];                    /* without its dashes */
	uint64_t pe_start;              /* bytes from the start of the PV */
	uint64_t pe_count;
};

/* What one physical volume says: its own id, and its volume group's metadata. */
struct tgt_lvm {
	char pv_id[33]; /* from the PV label, without dashes */
	char vg[IA_MAX_LVM_NAME + 1];
	char vg_id[33];
	uint64_t seqno;
	uint64_t extent_size; /* bytes */
	struct tgt_lvm_pvref *pv;
	size_t n_pv;
	struct tgt_lvm_lv *lv; /* the visible LVs */
	size_t n_lv;
};

/*
 * Reads the LVM2 label, PV header, metadata area and text metadata of the physical volume of
 * size bytes read through rd(ctx) (bounded: IA_MAX_LVM_METADATA, _NODES, _DEPTH, _PVS, _LVS,
 * _SEGMENTS). Every visible LV is in out; one that is not linear (thin, RAID, mirror,
 * snapshot, striped over several PVs, stacked on another LV) or whose segments overlap, leave
 * a gap or lie past the end of their PV has its reason in why. Returns 0, or a negative code
 * with err (the metadata cannot be read; -IA_EUNSUPPORTED: a PV in no volume group).
 */
int tgt_lvm_read(tgt_read_fn rd, void *ctx, uint64_t size, struct tgt_lvm *out, struct ia_err *err);
void tgt_lvm_free(struct tgt_lvm *vg);

/* ---- filesystems ---- */

struct tgt_fs;

/* A piece of a volume made of pieces (an LVM2 logical volume): bytes [off, off + len) of the
 * volume are bytes [dev_off, dev_off + len) of the device. */
struct tgt_vol_map {
	uint64_t off, dev_off, len;
};

/* A volume (a partition or the whole disk): a window of the device; or, when n_map > 0, the
 * pieces of map (sorted by off, contiguous from 0 to size). */
struct tgt_vol {
	const struct tgt_dev *dev;
	uint64_t start, size;
	const struct tgt_vol_map *map;
	size_t n_map;
};
ssize_t tgt_vol_read(void *vol, void *buf, size_t n, uint64_t off); /* a tgt_read_fn */

struct tgt_fs_ops {
	/* Adds every entry of the filesystem to t's index, its root as prefix ("/" or the mount
	 * point), leaving out the paths of skip[] (other mount points) with what is below them.
	 * Every entry gets a blob number through tgt_disk_file (bytes and attributes). Bounded by
	 * t->lim.max_entries and IA_MAX_DEPTH; a directory reached twice (a cycle) is a problem. */
	int (*walk)(struct tgt_fs *fs, struct tgt *t, const char *prefix, const char *const *skip,
		    size_t n_skip, struct ia_err *err);
	/* Reads up to n bytes at off of regular file ino; bytes read or -errno. */
	ssize_t (*pread)(struct tgt_fs *fs, uint64_t ino, void *buf, size_t n, uint64_t off);
	/* Reads the regular file at path (relative to the fs root, symlinks not followed) whole,
	 * at most max bytes; 0, -ENOENT, -IA_ETOOBIG or another negative code. */
	int (*read_file)(struct tgt_fs *fs, const char *path, size_t max, struct ia_buf *out);
	/* The extended attributes of inode ino into out (tgt_xattrs_read's codes). */
	int (*xattrs)(struct tgt_fs *fs, uint64_t ino, struct tgt_xattrs *out);
	/* true when path (relative to the fs root) exists, whatever its type */
	bool (*exists)(struct tgt_fs *fs, const char *path);
	void (*close)(struct tgt_fs *fs);
};

struct tgt_fs {
	const struct tgt_fs_ops *ops;
	const char *type; /* "ext2", "ext3", "ext4", "xfs" (static) */
	char uuid[37];    /* filesystem UUID as blkid prints it */
	char label[64];   /* volume label, "" if none */
	uint32_t no;      /* index among the disk's open filesystems (file_id, blobs) */
};

/* Opens the ext2/3/4 filesystem on vol read-only; 0, or a negative code with err
 * (-IA_EUNSUPPORTED: another filesystem). The volume must outlive it. */
int tgt_ext_open(struct tgt_vol *vol, struct tgt_fs **ret, struct ia_err *err);

/* Opens the XFS filesystem on vol read-only (disk_xfs.c, a reader of our own); 0, or a
 * negative code with err (-IA_EUNSUPPORTED: not XFS, or a version or feature not read). */
int tgt_xfs_open(struct tgt_vol *vol, struct tgt_fs **ret, struct ia_err *err);

/* For the walkers: records inode ino of fs as entry index ei's (its bytes when it is a regular
 * file, its extended attributes whatever its type). */
void tgt_disk_file(struct tgt *t, size_t ei, const struct tgt_fs *fs, uint64_t ino);

/*
 * disk_walk.c: the tree walk the filesystem readers share. A reader lists a directory's
 * entries into a tgt_dirlist (tgt_dirlist_add; "." and ".." are its own to leave out or count
 * bad), loads an inode (its mode, and its target when a symlink) and fills an entry from it; the
 * walk joins paths, leaves out skip[] and excluded paths, and bounds what it indexes by
 * t->lim.max_entries and IA_MAX_DEPTH, with a directory reached twice (a cycle or a hard-linked
 * directory) indexed once; each limit hit is a problem of the index.
 */
struct tgt_dirent {
	uint64_t ino;
	char name[IA_MAX_NAME + 1];
};

struct tgt_dirlist {
	struct tgt_dirent *v;
	size_t n, cap, max;
	bool bad_name, over;
};

/* Adds the entry name (len bytes, at most IA_MAX_NAME) of inode ino: 0, or 1 when the list
 * holds max entries (over is set: stop listing). A name holding '/' or NUL is not added
 * (bad_name). */
int tgt_dirlist_add(struct tgt_dirlist *c, const char *name, size_t len, uint64_t ino);

struct tgt_fswalk_ops {
	/* Lists directory ino (at image path path) into c, recording its own read problems. */
	void (*list)(void *st, struct tgt *t, uint64_t ino, const char *path,
		     struct tgt_dirlist *c);
	/* Loads inode ino: its mode in *mode, its target in link when a symlink (recording a
	 * target it cannot read); < 0 when the inode is unreadable, recorded as a problem of path
	 * unless path is NULL (the root: the caller says so). */
	int (*load)(void *st, struct tgt *t, uint64_t ino, const char *path,
		    char link[IA_MAX_PATH + 1], uint32_t *mode);
	/* Fills entry ei from the inode load read last. */
	void (*fill)(void *st, struct tgt *t, size_t ei, uint64_t ino);
	/* The problem of a directory whose listing had bad names. */
	const char *bad_name;
};

/* Walks the tree from the root directory inode root, indexed at prefix: 0, or -IA_ECORRUPT when
 * the root cannot be loaded or is no directory (nothing indexed; the caller sets the error). */
int tgt_fswalk(const struct tgt_fswalk_ops *ops, void *st, struct tgt *t, uint64_t root,
	       const char *prefix, const char *const *skip, size_t n_skip);

/* disk.c: the disk target (t->kind TGT_DISK) and the read path of its entries. */
int tgt_open_disk(struct tgt *t, const char *backing_dir, struct ia_err *err);
void tgt_disk_free(struct tgt_disk *d);
ssize_t tgt_disk_pread(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
		       uint64_t off);

#endif
