/* collect.c — finds the rpm database of an image and reads it into the inventory */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "rpm/rpm.h"
#include "util/banned.h"

/* Where rpm keeps its database, in the order rpm's own %_dbpath has moved. */
static const char *const db_dirs[] = {
	"/var/lib/rpm",
	"/usr/lib/sysimage/rpm",
	"/usr/share/rpm",
};

/* Backends in order of preference: a current rpm reads only the newest one it finds
 * configured, and conversions leave the old file behind. */
static const struct {
	const char *file;
	enum rpm_db_kind kind;
} db_files[] = {
	{"rpmdb.sqlite", RPM_DB_SQLITE},
	{"Packages.db", RPM_DB_NDB},
	{"Packages", RPM_DB_BDB},
};

/* A -wal file that holds data: transactions SQLite had not yet copied into the database. */
static void note_wal(const struct tgt *t, struct inv_facts *f, const char *db)
{
	const struct tgt_entry *e;
	char wal[IA_MAX_PATH + 8];

	snprintf(wal, sizeof(wal), "%s-wal", db);
	if (tgt_lookup(t, wal, 0, &e) == 0 && S_ISREG(e->mode) && e->size > 0)
		ia_problem_add(&f->problems, INV_AREA_RPM, e->path, 0, -IA_EUNSUPPORTED,
			       "write-ahead log of %llu bytes not applied: packages changed by the "
			       "last rpm transactions may be missing",
			       (unsigned long long)e->size);
}

/*
 * Reads the database of entry e into buf: its head first, checked (magic number, header
 * fields) before anything else is read, then only the bytes its structure spans
 * (rpm_db_extent), by offset. A sparse gigabyte of zeros stops at its first 512 bytes.
 */
static int read_db(const struct tgt *t, const struct tgt_entry *e, enum rpm_db_kind kind,
		   struct ia_buf *buf, struct ia_err *err)
{
	uint8_t head[RPM_DB_HEAD];
	uint64_t extent = 0;
	ssize_t n;
	char *p;
	int r;

	if (e->size > IA_MAX_RPMDB_FILE)
		return ia_err_set(err, -IA_ETOOBIG, e->path, 0,
				  "%llu bytes (limit IA_MAX_RPMDB_FILE, %u)",
				  (unsigned long long)e->size, IA_MAX_RPMDB_FILE);
	n = tgt_pread(t, e, head, sizeof(head), 0);
	if (n < 0)
		return ia_err_set(err, (int)n, e->path, 0, "cannot read: %s", ia_strerror((int)n));
	r = rpm_db_extent(kind, head, (size_t)n, e->size, e->path, &extent, err);
	if (r < 0)
		return r;
	p = ia_buf_reserve(buf, (size_t)extent, &r);
	if (!p)
		return ia_err_set(err, r, e->path, 0, "%llu bytes do not fit the buffer",
				  (unsigned long long)extent);
	for (uint64_t got = 0; got < extent;) {
		n = tgt_pread(t, e, p + got, (size_t)(extent - got), got);
		if (n < 0)
			return ia_err_set(err, (int)n, e->path, 0, "cannot read: %s",
					  ia_strerror((int)n));
		if (n == 0)
			return IA_CORRUPT(err, e->path, 0,
					  "the file ends at %llu bytes, its entry says %llu",
					  (unsigned long long)got, (unsigned long long)e->size);
		got += (uint64_t)n;
	}
	ia_buf_commit(buf, (size_t)extent);
	return 0;
}

int inv_collect_rpm(const struct tgt *t, struct inv_facts *f)
{
	const struct tgt_entry *best = NULL;
	enum rpm_db_kind kind = RPM_DB_SQLITE;
	size_t best_rank = IA_ARRAY_SIZE(db_files);
	struct ia_buf buf = IA_BUF_INIT(IA_MAX_RPMDB_FILE);
	struct ia_err err = {0};
	char path[IA_MAX_PATH];
	int r;

	/* The first directory holding the preferred kind wins; symlinked directories
	 * (Fedora's /var/lib/rpm -> ../../usr/lib/sysimage/rpm) resolve inside the image. */
	for (size_t k = 0; k < IA_ARRAY_SIZE(db_files) && !best; k++) {
		for (size_t d = 0; d < IA_ARRAY_SIZE(db_dirs) && !best; d++) {
			const struct tgt_entry *e;

			snprintf(path, sizeof(path), "%s/%s", db_dirs[d], db_files[k].file);
			r = tgt_lookup(t, path, 0, &e);
			if (r == -ENOENT || r == -ENOTDIR)
				continue;
			if (r < 0) {
				ia_problem_add(&f->problems, INV_AREA_RPM, path, 0, r,
					       "cannot resolve the rpm database: %s",
					       ia_strerror(r));
				continue;
			}
			if (!S_ISREG(e->mode)) {
				ia_problem_add(&f->problems, INV_AREA_RPM, e->path, 0, -IA_ECORRUPT,
					       "rpm database is not a regular file");
				continue;
			}
			/* rpm leaves an empty Packages behind after converting to sqlite */
			if (e->size == 0 && db_files[k].kind != RPM_DB_SQLITE)
				continue;
			best = e;
			best_rank = k;
		}
	}
	if (!best)
		return 0;
	kind = db_files[best_rank].kind;

	r = read_db(t, best, kind, &buf, &err);
	if (r < 0) {
		if (!err.path[0])
			ia_err_set(&err, r, best->path, 0, "%s", ia_strerror(r));
		ia_err_prefix(&err, "cannot read the rpm database");
		ia_problem_add_err(&f->problems, INV_AREA_RPM, &err);
		inv_add_db(f, INV_DB_RPM, best->path, false);
		ia_buf_release(&buf);
		return 0;
	}
	(void)inv_rpm_parse_db(f, best->path, kind, (uint8_t *)buf.data, buf.len);
	if (kind == RPM_DB_SQLITE)
		note_wal(t, f, best->path);
	ia_buf_release(&buf);
	return 0;
}
