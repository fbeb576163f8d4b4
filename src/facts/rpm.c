/* rpm.c — the rpm database of an image into the inventory: found, read, its headers (parsed by
 * the rpm/ reader) turned into packages and files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "facts/facts.h"
#include "facts/internal.h"
#include "rpm/rpm.h"
#include "target/target.h"
#include "util/str.h"
#include "util/banned.h"

static enum inv_digest digest_kind(uint32_t algo)
{
	switch (algo) {
	case RPM_HASH_MD5:
		return INV_DIGEST_MD5;
	case RPM_HASH_SHA1:
		return INV_DIGEST_SHA1;
	case RPM_HASH_SHA256:
		return INV_DIGEST_SHA256;
	case RPM_HASH_SHA512:
		return INV_DIGEST_SHA512;
	default: /* SHA384, SHA224: recorded by no inv_digest */
		return INV_DIGEST_NONE;
	}
}

/* "name-ver-rel.src.rpm" -> name and "ver-rel"; false when it has not that shape. */
static bool split_sourcerpm(const char *s, size_t *name_len, const char **vr, size_t *vr_len)
{
	size_t n = strlen(s);
	size_t rel_dash, ver_dash;

	if (n > 8 && !memcmp(s + n - 8, ".src.rpm", 8))
		n -= 8;
	else if (n > 10 && !memcmp(s + n - 10, ".nosrc.rpm", 10))
		n -= 10;
	else
		return false;
	rel_dash = n;
	while (rel_dash > 0 && s[rel_dash - 1] != '-')
		rel_dash--;
	if (rel_dash < 2)
		return false;
	ver_dash = rel_dash - 1;
	while (ver_dash > 0 && s[ver_dash - 1] != '-')
		ver_dash--;
	if (ver_dash < 2 || ver_dash == rel_dash - 1)
		return false;
	*name_len = ver_dash - 1;
	*vr = s + ver_dash;
	*vr_len = n - ver_dash;
	return true;
}

int inv_rpm_add_header(const struct rpm_hdr *h, struct inv_facts *f, const char *db_path,
		       struct ia_err *err)
{
	struct ia_buf ver = IA_BUF_INIT(IA_MAX_RPM_HEADER_DATA);
	char *src = NULL, *srcver = NULL;
	struct inv_pkg p = {0};
	enum inv_digest algo = digest_kind(h->digest_algo);
	char path[IA_MAX_PATH + 1];
	size_t idx, name_len, vr_len, total = 0, *dir_len = NULL;
	const char *vr;

	if (f->n_pkgs >= IA_MAX_PACKAGES)
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "more than IA_MAX_PACKAGES (%u) packages", IA_MAX_PACKAGES);
	if (f->n_files + h->n_files > IA_MAX_PKG_FILES)
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "package %.64s: files past IA_MAX_PKG_FILES (%u)", h->name,
				  IA_MAX_PKG_FILES);
	/* Directory lengths once each, capped: thousands of files sharing one huge dirname must
	 * not cost strlen(dirname) per file. Base names are distinct strings of the store. */
	if (h->dirs) {
		dir_len = ia_xcalloc(h->n_dirs, sizeof(*dir_len));
		for (uint32_t i = 0; i < h->n_dirs; i++)
			dir_len[i] = strnlen(h->dirs[i], IA_MAX_PATH + 1);
	}
	for (uint32_t i = 0; i < h->n_files; i++) {
		size_t dn = dir_len ? dir_len[h->dir_idx[i]] : 0;
		size_t bn = strnlen(h->bases[i], IA_MAX_PATH + 1);

		if (dn + bn > IA_MAX_PATH) {
			free(dir_len);
			return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
					  "package %.64s: a file path longer than IA_MAX_PATH (%u)",
					  h->name, IA_MAX_PATH);
		}
		total += dn + bn + 2;
	}
	/* what inv_add_file would charge: the whole package or nothing */
	if (f->path_bytes > IA_MAX_PKG_PATH_BYTES ||
	    total > IA_MAX_PKG_PATH_BYTES - f->path_bytes) {
		free(dir_len);
		return ia_err_set(
			err, -IA_ETOOBIG, db_path, 0,
			"package %.64s: %u file paths of %zu bytes past IA_MAX_PKG_PATH_BYTES "
			"(%u)",
			h->name, h->n_files, total, IA_MAX_PKG_PATH_BYTES);
	}

	if (h->epoch >= 0)
		(void)ia_buf_addf(&ver, "%lld:", (long long)h->epoch);
	if (ia_buf_addf(&ver, "%s-%s", h->version, h->release) < 0) {
		ia_buf_release(&ver);
		free(dir_len);
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0, "package %.64s: version too long",
				  h->name);
	}
	p.name = h->name;
	p.version = ver.data;
	p.arch = h->arch ? h->arch : "";
	p.epoch = h->epoch;
	p.rpm_version = h->version;
	p.rpm_release = h->release;
	p.vendor = h->vendor ? h->vendor : "";
	p.packager = h->packager ? h->packager : "";
	p.install_time = h->install_time;
	p.build_time = h->build_time;
	p.db_path = db_path;
	p.db = INV_DB_RPM;
	if (h->sourcerpm && split_sourcerpm(h->sourcerpm, &name_len, &vr, &vr_len)) {
		src = ia_xstrndup(h->sourcerpm, name_len);
		srcver = ia_xstrndup(vr, vr_len);
		p.source = src;
		p.source_version = srcver;
	} else {
		p.source = h->name;
		p.source_version = ver.data;
	}
	idx = inv_add_pkg(f, &p);
	free(src);
	free(srcver);
	ia_buf_release(&ver);
	if (idx == SIZE_MAX) {
		free(dir_len);
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "more than IA_MAX_PACKAGES (%u) packages", IA_MAX_PACKAGES);
	}

	for (uint32_t i = 0; i < h->n_files; i++) {
		const char *d = h->dirs ? h->dirs[h->dir_idx[i]] : "";
		const char *dig = h->digests ? h->digests[i] : NULL;
		size_t dn = dir_len ? dir_len[h->dir_idx[i]] : 0, bn = strlen(h->bases[i]);
		unsigned flags = 0;

		memcpy(path, d, dn);
		memcpy(path + dn, h->bases[i], bn);
		path[dn + bn] = '\0';
		if (dig && (algo == INV_DIGEST_NONE || !ia_is_hex(dig, strlen(dig), true)))
			dig = NULL;
		if (h->fflags && (h->fflags[i] & RPMFILE_CONFIG))
			flags |= INV_FILE_CONFIG;
		inv_add_file(f, idx, path, dn + bn, dig, dig ? algo : INV_DIGEST_NONE,
			     h->modes ? h->modes[i] : 0, flags);
	}
	free(dir_len);
	return (int)idx;
}

struct collect_ctx {
	struct inv_facts *f;
	const char *path;
	int added;
	int bad;
};

static void on_bad(void *vctx, const struct ia_err *err)
{
	struct collect_ctx *c = vctx;

	/* a database of garbage must not fill the whole problem list by itself */
	if (++c->bad <= IA_MAX_FILE_PROBLEMS)
		ia_problem_add_err(&c->f->problems, INV_AREA_RPM, err);
}

static void on_blob(void *vctx, const uint8_t *blob, size_t len, uint64_t recno)
{
	struct collect_ctx *c = vctx;
	struct ia_err err = {0};
	struct rpm_hdr h;

	if (rpm_header_parse(blob, len, c->path, recno, &h, &err) < 0) {
		on_bad(c, &err);
		return;
	}
	if (inv_rpm_add_header(&h, c->f, c->path, &err) < 0)
		on_bad(c, &err);
	else
		c->added++;
	rpm_hdr_release(&h);
}

int inv_rpm_parse_db(struct inv_facts *f, const char *path, enum rpm_db_kind kind, uint8_t *data,
		     size_t len)
{
	struct collect_ctx c = {.f = f, .path = path};
	struct rpm_sink sink = {.path = path, .blob = on_blob, .bad = on_bad, .ctx = &c};
	struct ia_err err = {0};
	int r;

	r = rpm_db_read(kind, data, len, &sink, &err);
	if (c.bad > IA_MAX_FILE_PROBLEMS)
		ia_problem_add(&f->problems, INV_AREA_RPM, path, 0, -IA_ECORRUPT,
			       "%d more records could not be read (IA_MAX_FILE_PROBLEMS)",
			       c.bad - IA_MAX_FILE_PROBLEMS);
	if (r < 0) {
		ia_err_prefix(&err, "%s database (%d packages read)", rpm_db_kind_name(kind),
			      c.added);
		ia_problem_add_err(&f->problems, INV_AREA_RPM, &err);
	}
	inv_add_db(f, INV_DB_RPM, path, r >= 0 && c.bad == 0);
	return r < 0 ? r : c.added;
}

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
