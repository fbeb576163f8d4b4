/* internal.h — target/ internals shared by the backends, and entry points for tests and fuzzers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TARGET_INTERNAL_H
#define IA_TARGET_INTERNAL_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/target.h"
#include "util/hmap.h"
#include "util/pool.h"
#include "util/problem.h"

struct tgt_limits {
	uint64_t max_file_size;
	uint64_t max_image_size;
	uint64_t ratio_grace;
	unsigned max_ratio;
	uint32_t max_entries;
	bool verify_layers;
};

/* A whiteout recorded while applying layers, applied when the index is finished. */
struct tgt_whiteout {
	const char *path; /* in t->pool */
	uint32_t layer;   /* hides entries of layers below this one */
	bool self;        /* the path itself too (whiteout), or only below it (opaque) */
};

struct tgt {
	enum tgt_kind kind;
	bool sniff_kind; /* an archive of either kind: its members decide (set by tgt_open) */
	char *spec;
	int rootfd;  /* dir and host: the root directory; -1 otherwise */
	int packfd;  /* archives: the unlinked spool file holding copied file bodies */
	int outerfd; /* archives: the unlinked spool file for a decompressed compressed archive */
	int stdinfd; /* target "-": the unlinked spool file standard input is copied into */
	uint64_t pack_end;
	int *srcfds; /* archives: files bodies are read from in place (the archive, an OCI
		      * layer blob, a decompressed copy of the archive); closed by tgt_free */
	size_t n_srcfds, srcfds_cap;
	struct tgt_blob {
		uint64_t off, len;
		int fd; /* packfd or one of srcfds */
	} * blobs;      /* by tgt_entry.blob (0 unused): where the bytes are */
	size_t blobs_cap;
	struct ia_pool pool; /* entry paths and link targets */
	struct tgt_entry *v;
	size_t len, cap;
	struct ia_hmap map; /* path -> index into v */
	struct ia_problems problems, notes;
	struct tgt_image_config *config;
	struct tgt_limits lim;
	struct ia_counters *counters; /* tgt_opts.counters, or NULL */

	/* archive build state (freed by tgt_index_finish_layers) */
	uint32_t *layer_of; /* per entry of v: layer << 1 | dead */
	size_t layer_cap;
	struct tgt_whiteout *wo;
	size_t n_wo, wo_cap;
	uint32_t cur_layer;
	uint32_t next_blob; /* spool file numbers start at 1 */
	uint64_t next_file_id;
	uint64_t spool_bytes;
	uint64_t image_bytes; /* decompressed bytes of all layers so far */
	/* layer blobs applied so far, by identity (a member's offset, a blob file's device and
	 * inode), and their compressed bytes: a blob listed again is a repeat, and repeats count
	 * against the ratio of the whole image (check_budget in layer.c) */
	struct tgt_applied {
		uint64_t a, b;
	} * applied;
	size_t n_applied, applied_cap;
	uint64_t raw_distinct;
	bool layer_repeat; /* the layer being applied was applied before */
	/* whiteouts so far by path: the highest layer of one that hides the path itself
	 * (wo_self), and of any kind (wo_any: hides what is below it) */
	struct ia_hmap wo_self, wo_any;
	uint64_t resolve_gen; /* bumped by every change that may resolve a directory otherwise */
	size_t layer_problems, image_problems; /* recorded by layer.c (IA_MAX_*_PROBLEMS) */
	size_t layer_dropped;                  /* of the current layer, past those bounds */

	/* archives: the extended attributes of entries from their pax records, by
	 * tgt_entry.xattrs (0 unused); names and values serialised in the pool (xattr.c) */
	struct tgt_xrec {
		const unsigned char
			*data; /* n times: u8 name length, name, u32 value length, value */
		uint32_t len, n;
		int code; /* 0, or why the records were refused (-IA_ECORRUPT, -IA_ETOOBIG) */
	} * xrecs;
	size_t n_xrecs, xrecs_cap;

	/* disk images (disk.c): the device, volumes, filesystems, entry -> inode */
	struct tgt_disk *disk;

	/* tgt_opts.excludes, copied, and how many entries each matched */
	char **excl;
	uint64_t *excl_hits;
	size_t n_excl;
};

/* --exclude: true when path (normalised) matches an exclude pattern, which counts it; with
 * tree, also when a directory above it matches (then not counted: its directory was). */
bool tgt_excluded(struct tgt *t, const char *path, bool tree);

/* Allocates an empty target for kind (limits from opts, defaults for 0). Never fails. */
struct tgt *tgt_new(enum tgt_kind kind, const char *spec, const struct tgt_opts *opts);

/* Order of the index: bytewise, but "/" before every other byte. */
int tgt_path_cmp(const char *a, const char *b);

/*
 * Normalises an archive member name into an image path in out (IA_MAX_PATH + 1
 * bytes): "/a/b", or "/" for the root. Refuses absolute names and any ".."
 * component (-IA_EESCAPE), names or components too long (-ENAMETOOLONG), paths
 * deeper than IA_MAX_DEPTH (-IA_ETOOBIG), an empty name (-IA_ECORRUPT).
 * Returns the length of out or the code.
 */
long tgt_norm_name(const char *name, char *out);

/* name quoted in a problem: at most IA_MAX_QUOTED_NAME bytes (not cutting a UTF-8 sequence),
 * then "... N bytes" when it was longer. out holds IA_MAX_QUOTED_NAME + 64 bytes. */
#define TGT_QUOTE_SIZE (IA_MAX_QUOTED_NAME + 64)
const char *tgt_quote_name(const char *name, char *out);

/* Names in tar headers are read as UTF-8 whatever the process locale: libarchive converts pax
 * names (UTF-8) to the locale's charset, which in the C locale fails with a warning for any
 * non-ASCII name and in another charset changes its bytes. tgt_names_utf8 makes this thread's
 * LC_CTYPE C.UTF-8 (where it exists) until tgt_names_done(the value it returned). */
locale_t tgt_names_utf8(void);
void tgt_names_done(locale_t old);

/* Appends an entry (path and link copied into the pool); returns its index. The caller
 * has checked lim.max_entries. */
size_t tgt_push(struct tgt *t, const char *path, size_t plen, const char *link);

/* Sorts the index and builds the path map. */
void tgt_index_finish(struct tgt *t);

/* xattr.c: appends one attribute to x, within the IA_MAX_XATTR* limits (-IA_ETOOBIG past one);
 * an empty name or one holding NUL is -IA_ECORRUPT. Names need no NUL (nlen bytes). */
int tgt_xattrs_add(struct tgt_xattrs *x, const char *name, size_t nlen, const void *value,
		   size_t vlen);
/* xattr.c: keeps x (or, code < 0, only that the attributes were refused with code) for an
 * archive entry; returns the handle for tgt_entry.xattrs (0 when x is empty and code 0). */
uint32_t tgt_xattrs_keep(struct tgt *t, const struct tgt_xattrs *x, int code);
/* disk.c: the attributes of a disk entry through its filesystem (tgt_fs_ops.xattrs). */
int tgt_disk_xattrs(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out);

/* Backends. Each fills t's index and returns 0 or a negative code with err. */
int tgt_walk_dir(struct tgt *t, struct ia_err *err);       /* walk.c, dir and host */
int tgt_open_container(struct tgt *t, struct ia_err *err); /* image.c */

/* Creates the two unlinked spool files of an archive target (packfd, outerfd) in a private
 * directory under $TMPDIR, removed again before this returns. */
int tgt_spool_init(struct tgt *t, struct ia_err *err);
/* Copies standard input (the target "-") into an unlinked file of the spool, bounded by the
 * image size limit; returns its descriptor or a negative code (err filled). */
int tgt_spool_stdin(struct tgt *t, struct ia_err *err);

/*
 * layer.c: applies one layer tar (any compression libarchive reads) read
 * through the callbacks of a libarchive client, as layer number t->cur_layer.
 * name names the layer in errors. *raw_bytes receives the compressed bytes
 * consumed. Returns 0, or a negative code for what fails the whole open
 * (decompression bomb, size or entry limits, unreadable archive).
 */
struct tgt_layer_src {
	void *ctx;
	/* Returns bytes read into *buf (0 at the end) or a negative code. */
	long (*read)(void *ctx, const void **buf);
	/* Skips up to n bytes, returns how many (0 at the end) or a negative code; NULL when the
	 * source cannot skip (libarchive then reads through). */
	int64_t (*skip)(void *ctx, int64_t n);
	/*
	 * fd >= 0: the layer is an uncompressed tar stored at [base, base + len) of fd, a file
	 * that stays open as long as the target (one of t->srcfds). Regular-file bodies are then
	 * not copied: their offset is recorded (verified against the tar header block before the
	 * body) and tgt_read/tgt_open_entry read them there. -1: bodies are copied into the pack.
	 */
	int fd;
	uint64_t base, len;
};
int tgt_apply_layer(struct tgt *t, const char *name, struct tgt_layer_src *src, uint64_t *raw_bytes,
		    struct ia_err *err);
/*
 * Whether blk (512 bytes) is a tar header block of a regular file whose data is size bytes:
 * checksum, type flag and size field agree (a size field past the octal range is not
 * compared). Used to verify a body offset before reading it in place.
 */
bool tgt_tar_header_ok(const unsigned char *blk, uint64_t size);
/* pread/pwrite of all n bytes at off, retried on EINTR and short transfers. tgt_pread_full
 * returns the bytes read (fewer only at the end of the file) or -errno; tgt_pwrite_full 0 or
 * -errno. */
ssize_t tgt_pread_full(int fd, void *buf, size_t n, uint64_t off);
int tgt_pwrite_full(int fd, const void *buf, size_t n, uint64_t off);
/* target.c: opens rel (relative to the directory rootfd, "" for it) with flags | O_NOFOLLOW |
 * O_CLOEXEC, resolved inside it without following any symlink (openat2 RESOLVE_IN_ROOT |
 * RESOLVE_NO_SYMLINKS, or component by component on kernels before 5.6; ".." refused there).
 * Returns the descriptor or -errno. */
int tgt_open_in_root(int rootfd, const char *rel, int flags);
/* Keeps fd open as long as t (closed by tgt_free); bodies may then be read from it in place. */
void tgt_keep_fd(struct tgt *t, int fd);

/* Applies the whiteouts recorded, drops hidden entries and their spool files, adds missing
 * parent directories (up to lim.max_entries entries, then a problem), counts hard links,
 * then tgt_index_finish. */
void tgt_index_finish_layers(struct tgt *t);

/* image.c: parses an image config JSON document (bytes, n) into a new config. */
int tgt_parse_config(const char *data, size_t n, struct tgt_image_config **ret, struct ia_err *err);
void tgt_config_free(struct tgt_image_config *c);
/* Before parsing: 1 when JSON text nests deeper than max_depth, 2 when it holds more than
 * max_values values (containers, separators and keys outside strings), else 0. */
int tgt_json_prescan(const char *data, size_t n, unsigned max_depth, size_t max_values);

/* For the fuzzers and tests: a fresh archive target (spool made) holding one layer read
 * from memory, finished. Returns 0 or a negative code; *ret set in both cases unless
 * the spool could not be made (then NULL). */
int tgt_open_layer_mem(const void *data, size_t n, const struct tgt_opts *opts, struct tgt **ret,
		       struct ia_err *err);

#endif
