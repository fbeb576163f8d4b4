/* sqlite.c — reads rpmdb.sqlite from memory through the SQLite library, read-only */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "rpm/rpm.h"

#include <sqlite3.h>

#include "util/banned.h"

/*
 * The file's bytes are handed to SQLite as an in-memory, read-only database
 * (sqlite3_deserialize), so nothing is opened or written on disk: no
 * journal, no -shm, no WAL beside the image's file. rpm keeps the database
 * in WAL mode (bytes 18-19 = 2), which the in-memory VFS cannot open; the
 * copy is marked as a rollback-journal database instead, which reads the
 * same pages. A -wal file left in the image is not applied (the caller
 * reports it).
 */

#define PROGRESS_EVERY 10000

struct budget {
	uint64_t left;
};

static int on_progress(void *v)
{
	struct budget *b = v;

	if (b->left < PROGRESS_EVERY)
		return 1; /* interrupts the statement */
	b->left -= PROGRESS_EVERY;
	return 0;
}

static int sqlite_err(sqlite3 *db, int rc, const char *path, struct ia_err *err, const char *what)
{
	int code = -IA_ECORRUPT;

	if (rc == SQLITE_NOMEM)
		code = -ENOMEM;
	else if (rc == SQLITE_INTERRUPT)
		code = -IA_ETOOBIG;
	else if (rc == SQLITE_TOOBIG)
		code = -IA_ETOOBIG;
	return ia_err_set(err, code, path, 0, "sqlite: %s: %s%s", what,
			  db ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
			  rc == SQLITE_INTERRUPT ? " (limit IA_MAX_SQLITE_VM_STEPS)" : "");
}

static const char magic[16] = "SQLite format 3";

static uint32_t be32_at(const uint8_t *b)
{
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

int rpm_sqlite_extent(const uint8_t *head, size_t n, uint64_t size, const char *path,
		      uint64_t *extent, struct ia_err *err)
{
	uint32_t pagesize, npages;

	if (n < 100 || memcmp(head, magic, sizeof(magic)) != 0)
		return IA_CORRUPT(err, path, 0, "sqlite: no SQLite header");
	/* big-endian page size at 16, 1 meaning 65536; a power of two in 512..65536 */
	pagesize = ((uint32_t)head[16] << 8) | head[17];
	if (pagesize == 1)
		pagesize = 65536;
	if (pagesize < 512 || (pagesize & (pagesize - 1)))
		return IA_CORRUPT(err, path, 0,
				  "sqlite: page size %u is not a power of two in 512..65536",
				  pagesize);
	/* SQLite uses the page count at 28 when it is not 0 and the change counter (24) equals
	 * the version-valid-for number (92); pages past it are not part of the database */
	npages = be32_at(head + 28);
	*extent = size;
	if (npages && memcmp(head + 24, head + 92, 4) == 0 && (uint64_t)npages * pagesize < size)
		*extent = (uint64_t)npages * pagesize;
	return 0;
}

int rpm_sqlite_read(uint8_t *data, size_t len, const struct rpm_sink *sink, struct ia_err *err)
{
	const char *path = sink->path;
	struct budget budget = {IA_MAX_SQLITE_VM_STEPS};
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	if (len < 100 || memcmp(data, magic, sizeof(magic)) != 0)
		return IA_CORRUPT(err, path, 0, "sqlite: no SQLite header");
	if (len > IA_MAX_RPMDB_FILE)
		return ia_err_set(err, -IA_ETOOBIG, path, 0,
				  "sqlite: %zu bytes (limit IA_MAX_RPMDB_FILE)", len);
	if (data[18] == 2)
		data[18] = 1;
	if (data[19] == 2)
		data[19] = 1;

	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		ret = sqlite_err(db, rc, path, err, "open");
		goto done;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH,
		      (int)(IA_MAX_RPM_HEADER_DATA + 16 * IA_MAX_RPM_HEADER_TAGS + 8));
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	/* sorts and temporary tables stay in memory: nothing on disk, ever */
	rc = sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		ret = sqlite_err(db, rc, path, err, "temp_store");
		goto done;
	}
	sqlite3_progress_handler(db, PROGRESS_EVERY, on_progress, &budget);
	rc = sqlite3_deserialize(db, "main", data, (sqlite3_int64)len, (sqlite3_int64)len,
				 SQLITE_DESERIALIZE_READONLY);
	if (rc != SQLITE_OK) {
		ret = sqlite_err(db, rc, path, err, "load");
		goto done;
	}
	/* Packages must be a real table (not a view a hostile file defines). */
	rc = sqlite3_prepare_v2(db, "SELECT type FROM main.sqlite_master WHERE name = 'Packages'",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		ret = rc == SQLITE_DONE || rc == SQLITE_OK
			      ? IA_CORRUPT(err, path, 0, "sqlite: no Packages table")
			      : sqlite_err(db, rc, path, err, "schema");
		goto done;
	}
	if (!sqlite3_column_text(st, 0) ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "table")) {
		ret = IA_CORRUPT(err, path, 0, "sqlite: Packages is not a table");
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;

	rc = sqlite3_prepare_v2(db, "SELECT hnum, blob FROM main.Packages ORDER BY hnum", -1, &st,
				NULL);
	if (rc != SQLITE_OK) {
		ret = sqlite_err(db, rc, path, err, "query");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 hnum = sqlite3_column_int64(st, 0);

		if (sqlite3_column_type(st, 1) != SQLITE_BLOB) {
			rpm_sink_bad(sink, -IA_ECORRUPT,
				     "sqlite: package %lld: blob column holds no blob",
				     (long long)hnum);
			continue;
		}
		sink->blob(sink->ctx, sqlite3_column_blob(st, 1),
			   (size_t)sqlite3_column_bytes(st, 1), (uint64_t)hnum);
	}
	if (rc != SQLITE_DONE)
		ret = sqlite_err(db, rc, path, err, "reading Packages");
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ret;
}
