/* apkindex.h — Alpine's APKINDEX.tar.gz: the packages an apk repository offers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_APKINDEX_H
#define VDB_APKINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/pool.h"
#include "util/problem.h"

/*
 * An apk repository's index is APKINDEX.tar.gz: gzip members concatenated, the first a tar
 * segment holding the signature (.SIGN.RSA.KEYNAME.rsa.pub or .SIGN.RSA256...), the second a
 * tar of DESCRIPTION (the repository's version, "v3.18.4-...") and APKINDEX: stanzas of
 * "X:value" lines separated by blank lines, one per package (P: name, V: version, A: arch,
 * o: origin, the source package; the rest is not kept). apk keeps a copy of each repository's
 * in /var/cache/apk/APKINDEX.HASH.tar.gz.
 *
 * The signature is not verified (no keys are trusted here): vdb_apk_index.signature says
 * whether one was present. The input is hostile: read by libarchive (gzip, tar), at most
 * IA_MAX_APKINDEX_ENTRIES tar entries, the APKINDEX entry at most IA_MAX_APKINDEX bytes, at
 * most IA_MAX_APKINDEX_PACKAGES packages per vdb_apk_index; a stanza with a missing or invalid
 * P:, V: (apk's comparator refuses it) or A:, a duplicate field, a line over IA_MAX_LINE or
 * with control bytes is skipped with a problem (path, line), never the file.
 */

struct vdb_apk_pkg {
	const char *name, *version, *arch;
	const char *origin; /* o:, = name when absent */
	unsigned line;      /* of the stanza's first line in APKINDEX */
};

struct vdb_apk_index {
	struct vdb_apk_pkg *v;
	size_t n, cap;
	size_t n_indexes;            /* APKINDEX files read */
	bool unsigned_;              /* one of them had no .SIGN.* entry */
	char description[128];       /* the last DESCRIPTION read ("" none) */
	struct ia_pool pool;         /* the strings */
	struct ia_problems problems; /* what was skipped (VDB_APK_AREA) */
};

#define VDB_APK_AREA "apk index"

void vdb_apk_index_init(struct vdb_apk_index *idx);
/* Frees everything idx holds and zeroes it. NULL-safe. */
void vdb_apk_index_release(struct vdb_apk_index *idx);

/*
 * Reads the text of an APKINDEX (data, len; name for problems) into idx. Returns 0 (stanzas may
 * have been skipped), -IA_ETOOBIG past IA_MAX_APKINDEX_PACKAGES (those before kept), or
 * -IA_ECORRUPT when a non-empty text holds no valid stanza, err set.
 */
int vdb_apk_index_parse_text(struct vdb_apk_index *idx, const char *name, const char *data,
			     size_t len, struct ia_err *err);

/*
 * Reads an APKINDEX.tar.gz as stored (data, len) into idx: its APKINDEX entry (and
 * DESCRIPTION). Returns 0, or a negative code with err set (-IA_ECORRUPT: not a gzip tar, no
 * APKINDEX entry; -IA_ETOOBIG: a bound).
 */
int vdb_apk_index_parse(struct vdb_apk_index *idx, const char *name, const void *data, size_t len,
			struct ia_err *err);

/* The same for a file of the host (scan --security-index FILE). */
int vdb_apk_index_read_file(struct vdb_apk_index *idx, const char *path, struct ia_err *err);

#endif
