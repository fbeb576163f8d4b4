/* rpm.h — rpmdb readers (sqlite, BerkeleyDB hash, ndb) and the RPM header blob parser */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_RPM_H
#define IA_RPM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/*
 * Every rpm database backend stores one header blob per installed package.
 * The readers below walk a database held in memory (read by the caller up
 * to its rpm_db_extent, at most IA_MAX_RPMDB_FILE bytes) and hand each blob to a sink;
 * rpm_header_parse validates a blob and gives its fields. Nothing here
 * touches a file or prints.
 */

enum rpm_db_kind {
	RPM_DB_SQLITE = 1, /* rpmdb.sqlite (rpm >= 4.16) */
	RPM_DB_NDB,        /* Packages.db, rpm's own "ndb" format (SUSE) */
	RPM_DB_BDB,        /* Packages, BerkeleyDB hash (rpm <= 4.15) */
};

/* "sqlite", "ndb", "bdb". */
const char *rpm_db_kind_name(enum rpm_db_kind kind);

/*
 * Where a reader sends what it finds. blob is borrowed for the call only.
 * recno identifies the record in messages (sqlite hnum, bdb page number,
 * ndb package index). bad receives a record that could not be read (err
 * names the path and says why); the reader then goes on with the next one.
 */
struct rpm_sink {
	const char *path; /* image path of the database, used in every error */
	void (*blob)(void *ctx, const uint8_t *blob, size_t len, uint64_t recno);
	void (*bad)(void *ctx, const struct ia_err *err);
	void *ctx;
};

/* Hands sink->bad (when set) an error naming sink->path with the formatted message. */
void rpm_sink_raise(const struct rpm_sink *sink, struct ia_src src, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same, raised here (the error records this line of the reader). */
#define rpm_sink_bad(sink, code, ...) rpm_sink_raise((sink), IA_HERE, (code), __VA_ARGS__)

/*
 * Each reader returns 0 when the database's structure could be walked (some
 * records may still have gone to sink->bad), or a negative code with err
 * filled when the database cannot be read at all or stops being readable
 * part-way (blobs already handed out stay valid facts): -IA_ECORRUPT,
 * -IA_ETOOBIG (a limit of util/limits.h), -IA_EUNSUPPORTED.
 */
/* data is the whole file; the reader may rewrite bytes 18-19 of the copy (WAL flag) so
 * that SQLite reads it from memory. Nothing is written anywhere else. */
int rpm_sqlite_read(uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err);
int rpm_bdb_read(const uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err);
int rpm_ndb_read(const uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err);
/* Dispatches on kind. */
int rpm_db_read(enum rpm_db_kind kind, uint8_t *data, size_t len, const struct rpm_sink *sink,
		struct ia_err *err);

/*
 * Bytes of a database's head that rpm_db_extent needs: the BerkeleyDB metadata
 * page (512), the SQLite header (100), the ndb header (32).
 */
#define RPM_DB_HEAD 512
/*
 * Checks the head of a database file of size bytes before it is read whole (a
 * sparse gigabyte of zeros must cost nothing): head holds its first n bytes
 * (min(size, RPM_DB_HEAD)). Validates the magic number and the header fields its
 * reader checks first, and sets *extent to the bytes the reader needs (<= size):
 * bdb (last page number + 1) x page size; sqlite the page count x page size of
 * its header when SQLite would use it; ndb the whole file. The readers never
 * look past the extent. Returns 0, or -IA_ECORRUPT / -IA_EUNSUPPORTED with err
 * naming path, as the reader would.
 */
int rpm_db_extent(enum rpm_db_kind kind, const uint8_t *head, size_t n, uint64_t size,
		  const char *path, uint64_t *extent, struct ia_err *err);
int rpm_sqlite_extent(const uint8_t *head, size_t n, uint64_t size, const char *path,
		      uint64_t *extent, struct ia_err *err);
int rpm_bdb_extent(const uint8_t *head, size_t n, uint64_t size, const char *path, uint64_t *extent,
		   struct ia_err *err);
int rpm_ndb_extent(const uint8_t *head, size_t n, uint64_t size, const char *path, uint64_t *extent,
		   struct ia_err *err);

/* Header tags imgaudit reads. */
enum {
	RPMTAG_HEADERIMAGE = 61,
	RPMTAG_HEADERSIGNATURES = 62,
	RPMTAG_HEADERIMMUTABLE = 63,
	RPMTAG_NAME = 1000,
	RPMTAG_VERSION = 1001,
	RPMTAG_RELEASE = 1002,
	RPMTAG_EPOCH = 1003,
	RPMTAG_BUILDTIME = 1006,
	RPMTAG_INSTALLTIME = 1008,
	RPMTAG_VENDOR = 1011,
	RPMTAG_PACKAGER = 1015,
	RPMTAG_ARCH = 1022,
	RPMTAG_OLDFILENAMES = 1027,
	RPMTAG_FILEMODES = 1030,
	RPMTAG_FILEDIGESTS = 1035,
	RPMTAG_FILEFLAGS = 1037,
	RPMTAG_SOURCERPM = 1044,
	RPMTAG_DIRINDEXES = 1116,
	RPMTAG_BASENAMES = 1117,
	RPMTAG_DIRNAMES = 1118,
	RPMTAG_FILEDIGESTALGO = 5011,
};

/* Header data types. */
enum {
	RPM_NULL_TYPE = 0,
	RPM_CHAR_TYPE,
	RPM_INT8_TYPE,
	RPM_INT16_TYPE,
	RPM_INT32_TYPE,
	RPM_INT64_TYPE,
	RPM_STRING_TYPE,
	RPM_BIN_TYPE,
	RPM_STRING_ARRAY_TYPE,
	RPM_I18NSTRING_TYPE,
};

/* rpm's digest algorithm numbers (FILEDIGESTALGO); MD5 when the tag is absent. */
enum {
	RPM_HASH_MD5 = 1,
	RPM_HASH_SHA1 = 2,
	RPM_HASH_SHA256 = 8,
	RPM_HASH_SHA384 = 9,
	RPM_HASH_SHA512 = 10,
};

#define RPMFILE_CONFIG 1u

/*
 * One parsed header. Strings point into the blob (validated NUL-terminated
 * inside its data store) and live as long as the blob; the file arrays are
 * allocated and freed by rpm_hdr_release.
 */
struct rpm_hdr {
	const char *name, *version, *release;      /* never NULL after a successful parse */
	const char *arch;                          /* NULL when absent (gpg-pubkey) */
	const char *sourcerpm, *vendor, *packager; /* NULL when absent */
	int64_t epoch;                             /* -1 when absent */
	int64_t install_time;                      /* 0 when absent */
	int64_t build_time;                        /* 0 when absent */
	uint32_t digest_algo;                      /* RPM_HASH_*, RPM_HASH_MD5 when absent */
	/* files: n_files entries; path i is dirs[dir_idx[i]] + bases[i] (or bases[i] alone
	 * for the old OLDFILENAMES form, where dirs is NULL) */
	uint32_t n_files;
	const char **bases;
	const char **dirs;
	uint32_t n_dirs;
	uint32_t *dir_idx;
	const char **digests; /* NULL when the header records none; "" for none of a file */
	uint16_t *modes;      /* NULL when absent */
	uint32_t *fflags;     /* NULL when absent */
};

/*
 * Validates blob (il and dl bounded by IA_MAX_RPM_HEADER_TAGS/DATA, the size
 * exactly 8 + 16*il + dl, every entry's type, offset, count and alignment
 * against the data store, the region trailer) before reading the entries
 * imgaudit uses, and fills *h (zeroed first). Strings are checked to end
 * inside the store, arrays to hold the counts the file list needs.
 * Returns 0, or -IA_ECORRUPT / -IA_ETOOBIG with err naming path and, in
 * the message, recno. On failure *h holds nothing to release.
 */
int rpm_header_parse(const uint8_t *blob, size_t len, const char *path, uint64_t recno,
		     struct rpm_hdr *h, struct ia_err *err);
/* Frees the file arrays of h. NULL-safe. */
void rpm_hdr_release(struct rpm_hdr *h);

#endif
