/* packages.h — apt `Packages` indexes (plain, gzip, xz, bzip2, lz4, zstd): the binary packages a
 * suite offers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_PACKAGES_H
#define VDB_PACKAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/pool.h"
#include "util/problem.h"

/*
 * An apt `Packages` index is deb822 stanzas separated by blank lines, one per binary package
 * of a suite, component and architecture (dists/SUITE/COMPONENT/binary-ARCH/Packages, or apt's
 * copy in /var/lib/apt/lists, NAME_Packages[.EXT]). Only what a version match needs is kept: the
 * package name, its version, architecture, and the source package with its version
 * ("Source: src (ver)" when the binary's version differs; the binary's name and version when
 * there is no Source field).
 *
 * The input is hostile (an image's apt lists, a file a user names): it is decompressed through
 * libarchive's raw format, at most IA_MAX_APT_INDEX bytes once decompressed, at most
 * IA_MAX_APT_INDEX_PACKAGES stanzas; lines over IA_MAX_LINE, control bytes, missing or invalid
 * Package/Version/Architecture fields, duplicate fields and bad Source fields skip that stanza
 * with a problem (path = the name given, line = the stanza's first line), never the file.
 * A version is valid when dpkg's comparator accepts it (vdb_version_check, VDB_ECO_DPKG).
 */

/* One binary package of an index. Strings are NUL-terminated and never NULL. */
struct vdb_apt_pkg {
	const char *name;           /* Package */
	const char *version;        /* Version */
	const char *arch;           /* Architecture: "amd64", "all", ... */
	const char *source;         /* Source's name; = name when there is no Source field */
	const char *source_version; /* "Source: src (ver)"'s ver; = version otherwise */
	unsigned line;              /* line of the stanza's first field in the decompressed text */
};

/*
 * Called once per valid stanza, in file order; the strings live until the call returns.
 * Return 0 to go on, anything else stops the parse (that value is returned).
 */
typedef int (*vdb_apt_pkg_fn)(void *arg, const struct vdb_apt_pkg *pkg);

/* Area of the problems recorded for an index ("apt index"). */
#define VDB_APT_AREA "apt index"

/*
 * Parses the decompressed text of an index (data, len; not NUL-terminated), calling fn for
 * every valid stanza. name is how problems and errors call the file. Skipped stanzas and
 * lines are problems in problems (may be NULL): at most IA_MAX_FILE_PROBLEMS for the file,
 * then one counting the rest; *skipped (may be NULL) gets the number of stanzas skipped.
 * Returns 0 when the text was read to its end (stanzas may have been skipped); fn's non-zero
 * value; -IA_ETOOBIG with err set when IA_MAX_APT_INDEX_PACKAGES stanzas were passed (the
 * ones before were delivered); -IA_ECORRUPT with err set when a non-empty text holds no
 * valid stanza at all (it is no Packages index, or garbage); -EINVAL for a NULL fn.
 */
int vdb_apt_parse_text(const char *name, const char *data, size_t len, vdb_apt_pkg_fn fn, void *arg,
		       struct ia_problems *problems, size_t *skipped, struct ia_err *err);

/*
 * Decompresses an index as stored (gzip, xz, lzma, bzip2, lz4, zstd, or plain text, told by
 * its first bytes, not its name) into out (reset first), at most max bytes of text (0 takes
 * IA_MAX_APT_INDEX; never more). *format (may be NULL) gets "plain", "gzip", "xz", "lzma",
 * "bzip2", "lz4" or "zstd" (static). Returns 0, -IA_ETOOBIG (it decompresses past max),
 * -IA_ECORRUPT (truncated or damaged compressed data) or -ENOMEM, err naming name.
 */
int vdb_apt_decompress(const char *name, const void *data, size_t len, size_t max,
		       struct ia_buf *out, const char **format, struct ia_err *err);

/* A whole index in memory: what vdb_apt_index_parse and vdb_apt_index_read_fd fill. */
struct vdb_apt_index {
	struct vdb_apt_pkg *v; /* in file order */
	size_t n, cap;
	struct ia_pool pool;         /* the strings */
	struct ia_problems problems; /* stanzas and lines skipped (VDB_APT_AREA) */
	size_t skipped;              /* stanzas skipped */
	const char *format;          /* compression found ("plain", "gzip", ...), static */
};

/* Appends a copy of p to idx (the database's stored indexes). Returns 0. */
int vdb_apt_index_add(struct vdb_apt_index *idx, const struct vdb_apt_pkg *p);

/* Zeroes idx. */
void vdb_apt_index_init(struct vdb_apt_index *idx);
/* Frees everything idx holds and zeroes it. NULL-safe. */
void vdb_apt_index_release(struct vdb_apt_index *idx);

/*
 * Decompresses (vdb_apt_decompress) and parses (vdb_apt_parse_text) an index as stored, data
 * and len, appending its packages to idx. Returns 0 (idx->skipped and idx->problems say what
 * was skipped), or the negative code of vdb_apt_decompress / vdb_apt_parse_text with err set
 * (after -IA_ETOOBIG for too many stanzas, idx holds those before the limit).
 */
int vdb_apt_index_parse(struct vdb_apt_index *idx, const char *name, const void *data, size_t len,
			struct ia_err *err);

/*
 * The same for what fd holds from its offset to its end (a file of the host: at most
 * IA_MAX_APT_INDEX_FILE bytes as stored). fd is not closed.
 */
int vdb_apt_index_read_fd(struct vdb_apt_index *idx, const char *name, int fd, struct ia_err *err);

/*
 * The same for a file of the host named by path (a regular file; `scan --security-index`,
 * `db import`). Errors name path.
 */
int vdb_apt_index_read_file(struct vdb_apt_index *idx, const char *path, struct ia_err *err);

#endif
