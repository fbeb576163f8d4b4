/* fetch.h — downloads of the feeds for `db update`: HTTPS only, verified, resumable, bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_FETCH_H
#define VDB_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* How to download. */
struct vdb_fetch_opts {
	const char *ca_file; /* PEM file of the CAs to trust; NULL: the system's */
	uint64_t max_bytes;  /* bytes of one file; 0: IA_MAX_VULN_DOWNLOAD */
};

/* What one download did. */
struct vdb_fetch_result {
	uint64_t bytes;        /* size of the complete file */
	uint64_t resumed_from; /* bytes kept from an earlier DEST.part (0: from the start) */
	bool restarted;        /* the server ignored the Range request: downloaded again from 0 */
	long http_code;        /* of the last response */
};

/*
 * Downloads url into dest through dest.part: an existing dest.part (an earlier download cut
 * off, of the same URL as dest.part.url records) is continued with an HTTP Range request
 * from its size; a server that answers the
 * whole file instead (200), or refuses the range (416), makes it start again from nothing.
 * Only https:// (redirects too, at most IA_MAX_FETCH_REDIRECTS), TLS peer and host always
 * verified (against ca_file when given), at most max_bytes, stalled transfers stopped.
 * Once complete, dest.part is renamed to dest. A failure leaves dest.part for the next
 * call. Returns 0, or a negative code with err naming the URL and the reason.
 */
int vdb_fetch(const char *url, const char *dest, const struct vdb_fetch_opts *o,
	      struct vdb_fetch_result *res, struct ia_err *err);

/* SHA-256 of the file at path as 64 lowercase hex digits (and its size). 0 or negative. */
int vdb_sha256_file(const char *path, char hex[65], uint64_t *size, struct ia_err *err);

/*
 * The SHA-256 and size an apt Release or InRelease file lists for relpath
 * ("main/binary-amd64/Packages.xz") in its SHA256 section. Returns 0, -ENOENT when it lists
 * none, or another negative code with err.
 */
int vdb_release_sha256(const char *release, const char *relpath, char hex[65], uint64_t *size,
		       struct ia_err *err);

#endif
