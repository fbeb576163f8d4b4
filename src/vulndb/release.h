/* release.h — apt Release and InRelease files: header fields, SHA256 lists, the signature (gpgv) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_RELEASE_H
#define VDB_RELEASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * A Release file is a deb822 header (Origin, Suite, Codename, Date, ...) followed by hash lists
 * ("SHA256:" then lines " HASH SIZE PATH"); an InRelease file is the same text clear-signed
 * with OpenPGP. The text is hostile (a file a user names, a download, an image's apt lists):
 * at most IA_MAX_APT_RELEASE_FILE bytes and IA_MAX_FETCH_RELEASE_LINES lines are read, lines
 * over 1,000 bytes and malformed entries are skipped, never the file.
 */

/* The header fields imgaudit uses. */
struct vdb_release_hdr {
	char codename[80]; /* "bookworm-security", "" */
	char suite[80];    /* "oldstable-security", "" */
	int64_t date;      /* Date as seconds, 0 when absent or not RFC 2822 */
};

/* Reads the header (up to the first hash list) of text (len bytes). Always succeeds; the
 * fields it lacks stay empty. */
void vdb_release_header(const char *text, size_t len, struct vdb_release_hdr *h);

/* Calls fn for each entry of the SHA256 list, in order: hex (64 lowercase digits), size, path
 * (plen bytes, not NUL-terminated). fn returns 0 to go on; another value stops and is
 * returned. Returns 0 at the end. */
int vdb_release_sha256_each(const char *text, size_t len,
			    int (*fn)(void *arg, const char *hex, uint64_t size, const char *path,
				      size_t plen),
			    void *arg);

/* The SHA-256 and size text lists for relpath ("main/binary-amd64/Packages.xz"): 0, or -ENOENT
 * when it lists none. */
int vdb_release_sha256_mem(const char *text, size_t len, const char *relpath, char hex[65],
			   uint64_t *size);

/*
 * The entry of an apt Packages index among text's SHA256 list that the data (len bytes as
 * stored; text its decompressed text, tlen bytes, may be NULL) matches: an entry whose path
 * ends in "Packages" with a compression suffix or none, of the same SHA-256 and size as data,
 * or one ending in "Packages" with those of the text. Returns 1 with the entry's path in
 * path_out, 0 when no entry matches (the index is not the one the Release file lists), -1
 * when the Release file lists no Packages index at all.
 */
int vdb_release_match_index(const char *text, size_t len, const void *data, size_t dlen,
			    const void *dtext, size_t tlen, char *path_out, size_t path_n);

/* SHA-256 of len bytes as 64 lowercase hex digits. */
void vdb_sha256_mem(const void *data, size_t len, char hex[65]);

/* What the OpenPGP signature of an InRelease file says. */
enum vdb_sig_state {
	VDB_SIG_GOOD,        /* at least one good signature by a key of the keyring, none bad */
	VDB_SIG_BAD,         /* a signature does not verify: the text was changed */
	VDB_SIG_UNKNOWN_KEY, /* signed only by keys the keyring does not hold (or expired) */
	VDB_SIG_UNSIGNED,    /* a Release file: no signature to check */
	VDB_SIG_UNCHECKED,   /* signed, but not checked: no keyring given, or gpgv missing */
};

struct vdb_sig {
	enum vdb_sig_state state;
	char keys[200]; /* the fingerprints of the good signatures, or the key IDs not known */
	char why[200];  /* for UNCHECKED and BAD: the reason */
	bool detached;  /* a Release with its Release.gpg, not an InRelease */
};

/* How to run gpgv: the keyrings (files of OpenPGP public keys, such as Debian's
 * debian-archive-keyring.gpg; at most IA_MAX_KEYRINGS; none: the signature is not checked)
 * and the directory a private one is made in for gpgv's input and output (removed after;
 * NULL: $TMPDIR, else /tmp). */
struct vdb_gpgv {
	const char *const *keyrings;
	size_t n_keyrings;
	const char *tmpdir;
};

/*
 * Checks the signature of a Release file in memory (data, len; name for messages), as read
 * from an image: an InRelease (detached NULL), or a Release with the bytes of its Release.gpg
 * (detached, dlen). The bytes are copied to a private directory under g->tmpdir for gpgv
 * (never written back anywhere). text and sig as vdb_release_verify says; a Release with no
 * signature at all (detached NULL, not clear-signed) is UNSIGNED. A keyring that is not a
 * readable file, data over IA_MAX_APT_RELEASE_FILE or a signature over IA_MAX_APT_RELEASE_SIG
 * bytes are errors (-IA_ETOOBIG for the sizes), as is a temporary file that cannot be written.
 */
int vdb_release_verify_mem(const char *name, const void *data, size_t len, const void *detached,
			   size_t dlen, const struct vdb_gpgv *g, struct ia_buf *text,
			   struct vdb_sig *sig, struct ia_err *err);

/*
 * Reads the Release or InRelease file at path (at most IA_MAX_APT_RELEASE_FILE bytes) and
 * checks its signature with gpgv (Debian's gnupg verifier, as apt uses it) against keyring
 * (a file of OpenPGP public keys, such as Debian's debian-archive-keyring.gpg; NULL: the
 * signature is not checked). text gets what the rest of imgaudit may read: the signed text as
 * gpgv output it for a GOOD signature (text outside the signed part is never read), else the
 * whole file. Returns 0 with sig set (BAD is a result, not an error), or a negative code with
 * err (the file cannot be read; gpgv failed to run other than being absent).
 */
int vdb_release_verify(const char *path, const char *keyring, struct ia_buf *text,
		       struct vdb_sig *sig, struct ia_err *err);

/* One line for the state: "InRelease signature good (key FPR...)" ("Release.gpg signature"
 * for a detached one), "not verified: ...". */
const char *vdb_sig_text(const struct vdb_sig *sig, char *buf, size_t n);

#endif
