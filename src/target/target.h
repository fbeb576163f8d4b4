/* target.h — one interface over every kind of image: the entry index and file reading */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TARGET_H
#define IA_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util/buf.h"
#include "util/counters.h"
#include "util/err.h"
#include "util/problem.h"

/*
 * A target is an image opened read-only: a root directory, the live host, a
 * docker-save archive or an OCI image layout (directory or tar). Opening it
 * builds the index of every entry by one walk (archives: layers applied in
 * order, whiteouts and opaque directories honoured). Everything after that
 * reads the index; file bytes are read through tgt_read/tgt_open_entry.
 *
 * Paths are image paths: absolute, "/"-separated, normalised ("/etc/passwd",
 * "/" for the root). Every lookup resolves symlinks *inside* the image root
 * ("/" and ".." never leave it), with at most IA_MAX_SYMLINK_HOPS hops. Only
 * target/ touches the filesystem; nothing is ever written into a target.
 */

enum tgt_kind {
	TGT_AUTO = 0,
	TGT_DIR,            /* a root filesystem directory */
	TGT_HOST,           /* the live host "/": pseudo filesystems are not walked */
	TGT_DOCKER_ARCHIVE, /* `docker save` tar: manifest.json + layer tars */
	TGT_OCI_DIR,        /* OCI image layout directory: oci-layout, index.json, blobs/ */
	TGT_OCI_ARCHIVE,    /* the same layout packed in a tar */
	TGT_DISK,           /* a VM disk image: raw, qcow2, VMDK, VHD, VHDX */
};

struct tgt_entry {
	const char *path;  /* image path */
	const char *link;  /* symlink target as stored, or NULL */
	uint64_t size;     /* bytes for regular files, else 0 or as stored */
	int64_t mtime;     /* seconds since the epoch */
	uint64_t file_id;  /* hard-link identity: entries with equal file_id are one file */
	uint32_t mode;     /* st_mode: S_IFMT type bits and 07777 (setuid, setgid, sticky) */
	uint32_t uid, gid; /* as recorded in the image (archives: the layer headers) */
	uint32_t nlink;
	uint32_t blob;   /* backend's handle on the bytes; not for callers */
	uint32_t xattrs; /* backend's handle on the extended attributes; not for callers */
};

/* Container image configuration (NULL for directories and the host). Strings are never NULL. */
struct tgt_image_config {
	char *ref;          /* repository:tag from the manifest or annotations, "" if none */
	char *user;         /* config.User, "" when unset (runs as root) */
	char *created;      /* RFC 3339 as stored, "" if absent */
	int64_t created_ts; /* seconds since the epoch, 0 if absent or unparseable */
	char *os, *architecture;
	char **env; /* "KEY=value" */
	size_t n_env;
	char **exposed_ports; /* "22/tcp" */
	size_t n_exposed_ports;
	char **entrypoint;
	size_t n_entrypoint;
	char **cmd;
	size_t n_cmd;
	char **labels; /* "key=value" */
	size_t n_labels;
	char **history; /* created_by of each history entry */
	size_t n_history;
	size_t n_layers;
	char *config_digest; /* "sha256:..." or "" */
};

struct tgt_opts {
	enum tgt_kind kind; /* TGT_AUTO detects it */
	/* Archive limits, lowered by tests; 0 takes the default of util/limits.h. */
	uint64_t max_file_size;  /* IA_MAX_FILE_SIZE: bytes of one file */
	uint64_t max_image_size; /* IA_MAX_IMAGE_SIZE: decompressed bytes of all layers */
	uint64_t ratio_grace;    /* IA_RATIO_GRACE: decompressed bytes before the ratio counts */
	unsigned max_ratio;      /* IA_MAX_RATIO: decompressed : compressed of one layer */
	uint32_t max_entries;    /* IA_MAX_ENTRIES: entries in the index (every kind of target) */
	/*
	 * Also hash uncompressed layers that are read in place (see tgt_open) against their
	 * digest or rootfs.diff_ids. Off by default: it reads every byte of the layers once more
	 * (sha256 runs at ~1.5 GB/s, 4x slower than reading them).
	 */
	bool verify_layers;
	/*
	 * Paths not to examine (--exclude GLOB): fnmatch patterns, '*' also matching '/'. A
	 * pattern with a '/' is matched against the whole image path ("/srv/app/tests",
	 * "*\/testdata"), one without against the entry's name ("fixtures"). A matching entry is
	 * left out of the index, a matching directory with everything below it; tgt_notes then
	 * holds one note per pattern ("exclude", the pattern, how many entries it matched).
	 */
	const char *const *excludes;
	size_t n_excludes;
	/* Disk images: the directory a qcow2 backing file is opened in (--backing-dir); NULL
	 * refuses an image with a backing file. */
	const char *backing_dir;
	/* Counters the target advances while it opens and is read (util/counters.h): layers
	 * read, entries indexed, bytes of content read. NULL: none. Must outlive the target. */
	struct ia_counters *counters;
};

struct tgt;

/*
 * Opens spec and builds the index.
 *
 * Archives: member names are normalised ("./", "//", "." dropped); a name that
 * is absolute or holds a ".." component is refused (a problem, -IA_EESCAPE; the
 * layer goes on), never re-rooted. A hard link to a path missing from the
 * merged index, or outside it, is refused likewise. Modes, owners and times
 * come from the tar headers. Whiteouts (".wh.NAME") and opaque directories
 * (".wh..wh..opq") hide what lower layers put there; a non-directory that
 * replaces a directory hides the directory's lower contents. An entry stored
 * below a directory that is a symlink (in what the layers applied so far hold)
 * goes through it, inside the root, as umoci and containerd apply a layer: a
 * layer holding etc -> /var/x and etc/shadow makes /var/x/shadow, which
 * /etc/shadow reaches. Through a symlink of a lower layer the entry is placed
 * so too, with a problem (Docker's overlay2 would replace the symlink by a
 * directory); a symlink that cannot be followed (a loop, a file as directory)
 * refuses the entry with a problem. Problems are capped per layer and image
 * (IA_MAX_LAYER_PROBLEMS, IA_MAX_IMAGE_PROBLEMS; one more counts the rest) and
 * a refused name is quoted to IA_MAX_QUOTED_NAME bytes. An entry (or an outer
 * archive member) whose header libarchive read with a warning (ARCHIVE_WARN: a pax
 * record over 1 MB dropped so the ustar name is used, a bad checksum tolerated, an
 * unknown pax key, a name not converted) is refused, never applied: a problem names
 * the layer, the name as libarchive gave it and libarchive's text, and the layer
 * goes on. (Why refused rather than applied with a problem: the warning cannot say
 * whether the name, type, mode or owner read differ from what the tar declared, and
 * docker and containerd (Go's archive/tar) fail on such headers.) Header names
 * are read as UTF-8 bytes whatever the locale (not converted to its charset).
 *
 * Archive bytes: a docker-save or OCI tar is indexed in one pass (member name ->
 * data offset). A compressed outer tar (`docker save | gzip`, zstd, xz, bzip2)
 * is first decompressed into an unlinked spool file, then read like a plain one.
 * An uncompressed layer (docker-save, Docker >= 25 blobs/, an OCI blob) is read
 * in place: file bodies stay where they are and are read by offset. The bodies
 * of compressed layers are copied into a second unlinked spool file. Both are
 * made in a private 0700 directory under $TMPDIR (or /tmp) that is removed as
 * soon as they are unlinked, with SIGTERM, SIGINT, SIGHUP and SIGQUIT held back
 * meanwhile: a signal or a timeout during the open leaves nothing behind.
 *
 * Integrity: the manifest, index and config blobs must match their sha256
 * digest, or the open fails (-IA_ECORRUPT, err names the blob). So must every
 * layer: a compressed layer blob is hashed as it is decompressed (a docker-save
 * one under a name that is no digest: its tar, against rootfs.diff_ids); a
 * mismatch fails the open (-IA_ECORRUPT, err names the layer). An uncompressed
 * layer read in place is hashed (against its blob digest or rootfs.diff_ids)
 * only with opts->verify_layers; otherwise a note (tgt_notes) says its digest
 * was not verified. A layer with no digest at all to compare is a problem. (Why: docker load and
 * containerd recompute these digests and refuse a layer that does not match, so
 * an altered layer cannot run as the image the verified config names; hashing
 * would make the audit of a 200 MB archive 4x slower.) A declared OCI blob size
 * that differs from the blob is a problem. A layer that decompresses past the
 * image size or the ratio limit (a decompression bomb), too many layers or
 * entries fail the whole open (-IA_ETOOBIG, err names the layer). A layer blob
 * listed again is applied again, but its content then counts against the ratio
 * of the whole image (decompressed bytes of every application to the distinct
 * bytes read), so a small layer listed 128 times is a bomb too.
 * "-" is an archive read from standard input, copied first into an unlinked file of the
 * spool (bounded by the image size limit), then read like a file.
 * A directory target that is itself a pseudo filesystem is refused
 * (-IA_EUNSUPPORTED). Detection (TGT_AUTO): "/" is the host; a
 * directory holding an oci-layout entry is an OCI layout (of any type: the
 * layout's files may be symlinks, followed only inside the layout, as skopeo
 * reads them; anything else fails the open), never a root; any other
 * directory a root; a
 * regular file is read as a tar holding manifest.json (docker-save) or
 * oci-layout (OCI). One holding manifest.json and index.json (Docker >= 25
 * writes both) is read through manifest.json, and the image it names must be
 * one index.json leads to, or the open fails (-IA_ECORRUPT): two descriptions
 * of different images are never audited on one of them silently (a kind named
 * in opts audits the one it names). Fails (negative code, err filled) only when the target
 * cannot be audited at all; entries it had to skip are recorded as problems
 * (tgt_problems) and the index holds the rest.
 */
int tgt_open(const char *spec, const struct tgt_opts *opts, struct tgt **ret, struct ia_err *err);
/* Closes the target. NULL-safe. Private temporary storage (the spool of archive bodies) is
 * unlinked when it is made: no temporary file or directory outlives the open, or a process
 * killed during it. */
void tgt_free(struct tgt *t);

enum tgt_kind tgt_get_kind(const struct tgt *t);
const char *tgt_kind_name(enum tgt_kind kind); /* "dir", "host", "docker-archive", ... */
int tgt_kind_parse(const char *name, enum tgt_kind *out);
const char *tgt_spec(const struct tgt *t); /* what the user named */
const struct tgt_image_config *tgt_config(const struct tgt *t);
/* Entries skipped and archive members refused while opening; owned by t. */
const struct ia_problems *tgt_problems(const struct tgt *t);
/*
 * What was deliberately not walked or not verified and is not a defect of the
 * image (area "index"): on the host, /proc, /sys, /dev and /run; in every
 * directory target (the host too), every mount of a pseudo filesystem (proc,
 * sysfs, devtmpfs, devpts, cgroup, debugfs, tracefs, securityfs, bpf, ...;
 * known by the filesystem type fstatfs gives, not by name), each with the
 * message "not walked: pseudo filesystem"; in archives, each uncompressed layer whose digest was
 * not checked ("layer digest not verified: ..."), see tgt_open. Owned by t.
 */
const struct ia_problems *tgt_notes(const struct tgt *t);

/* The index, in path order where "/" sorts before every other byte, so that a
 * directory is directly followed by all its descendants. */
size_t tgt_count(const struct tgt *t);
const struct tgt_entry *tgt_at(const struct tgt *t, size_t i);
/* Index range [*begin, *end) of dir's descendants (dir itself excluded); 0 or -ENOENT. */
int tgt_subtree(const struct tgt *t, const char *dir, size_t *begin, size_t *end);

#define TGT_NOFOLLOW 1u /* do not follow a symlink in the last component (lstat) */

/*
 * Resolves path inside the image: every intermediate symlink is followed,
 * the last one too unless TGT_NOFOLLOW. On success *ret is the entry.
 * Errors: -ENOENT, -ENOTDIR, -ELOOP (more than IA_MAX_SYMLINK_HOPS hops),
 * -ENAMETOOLONG. A relative path is taken from "/".
 */
int tgt_lookup(const struct tgt *t, const char *path, unsigned flags, const struct tgt_entry **ret);

/*
 * Reads a regular file whole into out (reset first), following symlinks
 * inside the image. Fails with -ENOENT, -EISDIR/-EINVAL (not a regular file),
 * -IA_ETOOBIG when it holds more than max bytes, or -errno. err names path.
 * *ent (may be NULL) receives the resolved entry.
 */
int tgt_read(const struct tgt *t, const char *path, size_t max, struct ia_buf *out,
	     const struct tgt_entry **ent, struct ia_err *err);

/*
 * Reads up to n bytes at offset off of a regular-file entry, without copying
 * the rest (use it for signatures and heads of big files). Returns the number
 * of bytes read (0 at or past the end) or -errno. Safe to call from several threads at
 * once (a disk target takes turns inside).
 */
ssize_t tgt_pread(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
		  uint64_t off);

/*
 * Opens the bytes of a regular-file entry of the index read-only; returns an
 * fd or -errno. For archives the fd is a private copy in memory (memfd):
 * prefer tgt_pread or tgt_read with a cap for big files.
 */
int tgt_open_entry(const struct tgt *t, const struct tgt_entry *e);

/*
 * The directory one thread last opened a file in, on a directory target or the live host: the
 * next file of that directory is opened by its name alone, its directory's path not resolved
 * again (files read in index order are mostly neighbours). The directory was resolved inside
 * the root like any file (no symlink followed); the name is one component. Made empty by
 * tgt_dircache_init, its descriptor closed by tgt_dircache_done.
 */
struct tgt_dircache {
	int fd; /* -1: none */
	size_t len;
	char dir[4096 + 1]; /* IA_MAX_PATH: the directory's path, relative to the root */
};

void tgt_dircache_init(struct tgt_dircache *d);
void tgt_dircache_done(struct tgt_dircache *d);
/* tgt_open_entry and tgt_pread through d (NULL: as they are); other targets than a directory
 * or the host ignore d. */
int tgt_open_entry_in(const struct tgt *t, const struct tgt_entry *e, struct tgt_dircache *d);
ssize_t tgt_pread_in(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
		     uint64_t off, struct tgt_dircache *d);

/*
 * Extended attributes of an entry ("security.capability", "security.selinux", "user.x"), as
 * the image holds them, read without following a symlink in the last component:
 *   dir, host      llistxattr/lgetxattr of the file inside the root (opened O_PATH, resolved
 *                  in the root without following any symlink, read through /proc/self/fd);
 *   archives       the pax records of the entry's tar header (SCHILY.xattr.NAME, as docker and
 *                  `tar --xattrs` write them; LIBARCHIVE.xattr.NAME), kept while the index is
 *                  built (a hard link has its target's);
 *   ext2/3/4       libext2fs (in the inode and in the external block; POSIX ACLs as
 *                  system.posix_acl_access/default);
 *   XFS            our reader: short-form, leaf and node (da-btree) attribute forks, local
 *                  and remote values. XFS's
 *                  namespaces give "user.", "trusted." and "security." names; ACLs are
 *                  "trusted.SGI_ACL_FILE" and "trusted.SGI_ACL_DEFAULT" as stored.
 * Bounded: IA_MAX_XATTRS attributes, IA_MAX_XATTR_NAME bytes of a name, IA_MAX_XATTR_VALUE of a
 * value, IA_MAX_XATTR_BYTES in all.
 */
struct tgt_xattr {
	const char *name;
	const unsigned char *value;
	size_t len;
};
struct tgt_xattrs {
	struct tgt_xattr *v; /* names and values owned by the list */
	size_t n, cap, bytes;
};
/*
 * Reads every extended attribute of e into out (reset first; release it with
 * tgt_xattrs_release even on error). 0 (n may be 0), or: -ENOTSUP the filesystem of a
 * directory target keeps none; -IA_ECORRUPT malformed attribute data (a problem of the image);
 * -IA_ETOOBIG past a limit above; -IA_EUNSUPPORTED a format not read; -errno. On archives an
 * entry whose pax records were refused while the index was built (see tgt_problems) gives
 * -IA_ECORRUPT or -IA_ETOOBIG again here.
 */
int tgt_xattrs_read(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out);
void tgt_xattrs_release(struct tgt_xattrs *x);
/* One attribute of e into buf (cap bytes): its length, -ENODATA when e has none of that name,
 * -ERANGE when it is longer than cap, or the codes of tgt_xattrs_read. */
ssize_t tgt_xattr_get(const struct tgt *t, const struct tgt_entry *e, const char *name, void *buf,
		      size_t cap);

/* A disk image target: what was read of it. Strings are static or owned by the target. */
struct tgt_disk_volume {
	const char *partition; /* "gpt partition 2", "mbr partition 5", "whole disk" */
	const char *content;   /* "ext4", "xfs", "ntfs", "luks", "btrfs", "lvm2", "swap", ... */
	const char *mount;     /* where its files are in the index ("/", "/boot"), NULL if none */
	uint64_t start, size;  /* bytes on the disk */
};
struct tgt_disk_info {
	const char *format;     /* "raw", "qcow2", "qcow", "vmdk", "vhd", "vhdx" */
	uint64_t size;          /* virtual size in bytes */
	const char *partitions; /* "gpt", "mbr" or "none" (a filesystem on the whole disk) */
	const struct tgt_disk_volume *volumes;
	size_t n_volumes;
};
/* NULL unless t is a disk image (TGT_DISK). */
const struct tgt_disk_info *tgt_disk_info(const struct tgt *t);

/* Where an image path of a disk image lies: the disk's format, the partition and the filesystem
 * of the volume mounted at the longest mount point at or above path (strings owned by t). */
struct tgt_origin {
	const char *format;     /* "qcow2", "raw", ... */
	const char *partition;  /* "gpt partition 2", "mbr partition 5", "whole disk" */
	const char *filesystem; /* "ext4", "xfs" */
};
/* false for other kinds of target, or a path that is not absolute. */
bool tgt_origin(const struct tgt *t, const char *path, struct tgt_origin *out);

#endif
