/* import.c — vdb_import: the feed's format detected, one transaction, directories and zip dumps */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <strings.h>

#include "util/clock.h"
#include "util/datafile.h"
#include "vulndb/db_internal.h"

#include "util/clock.h"
#include "vulndb/packages.h"
#include "vulndb/release.h"

#include "util/banned.h"

const char *vdb_imp_where(const struct vdb_imp *im, char *buf, size_t n)
{
	if (im->member[0])
		snprintf(buf, n, "%s: %s", im->path, im->member);
	else
		snprintf(buf, n, "%s", im->path);
	return buf;
}

int vdb_imp_bad(struct vdb_imp *im, struct ia_err *err, struct ia_src src, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (im->member[0])
		return ia_err_raise(err, src, -IA_ECORRUPT, im->path, 0, "%s: %s", im->member, msg);
	return ia_err_raise(err, src, -IA_ECORRUPT, im->path, 0, "%s", msg);
}

void vdb_imp_skip(struct vdb_imp *im, const char *fmt, ...)
{
	va_list ap;

	if (!im->res->skipped++) {
		struct ia_buf b = IA_BUF_INIT(sizeof(im->res->skip_why) - 1);

		if (im->member[0])
			ia_buf_addf(&b, "%.80s: ", im->member);
		va_start(ap, fmt);
		ia_buf_vaddf(&b, fmt, ap);
		va_end(ap);
		snprintf(im->res->skip_why, sizeof(im->res->skip_why), "%s", b.data ? b.data : "");
		ia_buf_release(&b);
	}
}

const char *vdb_json_str(json_t *o, const char *key, bool *bad)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

/* Depth and values of JSON text before jansson builds it: 0, 1 (too deep), 2 (too many). */
static int json_cost(const char *d, size_t n)
{
	unsigned depth = 0;
	size_t values = 0;

	for (size_t i = 0; i < n; i++) {
		if (d[i] == '"') {
			for (i++; i < n && d[i] != '"'; i++)
				if (d[i] == '\\')
					i++;
			continue;
		}
		if (d[i] == '[' || d[i] == '{') {
			if (++depth > IA_MAX_JSON_DEPTH)
				return 1;
		} else if ((d[i] == ']' || d[i] == '}') && depth) {
			depth--;
		}
		if (d[i] && strchr("[{,:", d[i]) && ++values > IA_MAX_VULN_JSON_VALUES)
			return 2;
	}
	return 0;
}

int vdb_json_parse(struct vdb_imp *im, const char *data, size_t n, json_t **ret, struct ia_err *err)
{
	json_error_t je;
	int c = json_cost(data, n);

	*ret = NULL;
	if (c == 1)
		return VDB_BAD(im, err, "JSON nested deeper than %d levels (IA_MAX_JSON_DEPTH)",
			       IA_MAX_JSON_DEPTH);
	if (c == 2)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "%s%sJSON of more than %u values (IA_MAX_VULN_JSON_VALUES)",
				  im->member, im->member[0] ? ": " : "", IA_MAX_VULN_JSON_VALUES);
	*ret = json_loadb(data, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!*ret)
		return VDB_BAD(im, err, "bad JSON at line %d column %d: %s", je.line, je.column,
			       je.text);
	return 0;
}

int64_t vdb_parse_time(const char *s)
{
	struct tm tm = {0};
	int v[6] = {0};
	const int len[6] = {4, 2, 2, 2, 2, 2};
	const char sep[6] = {'-', '-', 'T', ':', ':', 0};
	const char *p = s;

	for (int i = 0; i < 6; i++) {
		for (int k = 0; k < len[i]; k++, p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[i] = v[i] * 10 + (*p - '0');
		}
		if (i < 5 && *p != sep[i] && !(i == 2 && (*p == 't' || *p == ' ')))
			return -1;
		if (i < 5)
			p++;
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return -1;
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	return (int64_t)timegm(&tm);
}

/* ---- the transaction ---- */

static int exec(struct vdb *db, const char *sql, struct ia_err *err)
{
	if (sqlite3_exec(db->sq, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s", sqlite3_errmsg(db->sq));
}

static int prepare(struct vdb *db, const char *sql, sqlite3_stmt **st, struct ia_err *err)
{
	if (sqlite3_prepare_v2(db->sq, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s", sqlite3_errmsg(db->sq));
}

/* Step a one-shot statement with text and integer bindings ("t"/"i" per argument). */
static int run(struct vdb *db, const char *sql, struct ia_err *err, const char *types, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	int r = prepare(db, sql, &st, err), rc;

	if (r)
		return r;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1,
					  SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
			       sqlite3_errmsg(db->sq));
	sqlite3_finalize(st);
	return r;
}

static int begin(struct vdb_imp *im, const char *name, const char *kind, struct ia_err *err)
{
	struct vdb *db = im->db;
	int r = exec(db, "BEGIN IMMEDIATE", err);

	/* the (ecosystem, release) pairs whose counts this import changes: the old rows' here,
	 * the new rows' in finish */
	if (!r)
		r = exec(db,
			 "CREATE TEMP TABLE IF NOT EXISTS touched(ecosystem TEXT, release TEXT);"
			 "DELETE FROM temp.touched",
			 err);
	if (!r)
		r = run(db,
			"INSERT INTO temp.touched SELECT DISTINCT f.ecosystem, f.release FROM "
			"affected "
			"f JOIN advisories a ON a.id = f.adv JOIN sources s ON s.id = a.source "
			"WHERE "
			"s.name = ?1",
			err, "t", name);
	if (!r)
		r = run(db,
			"DELETE FROM affected WHERE adv IN (SELECT a.id FROM advisories a JOIN "
			"sources s ON s.id = a.source WHERE s.name = ?1)",
			err, "t", name);
	if (!r)
		r = run(db,
			"DELETE FROM advisories WHERE source IN (SELECT id FROM sources WHERE "
			"name = ?1)",
			err, "t", name);
	if (!r)
		r = run(db,
			"DELETE FROM apt_packages WHERE source IN (SELECT id FROM sources WHERE "
			"name = ?1)",
			err, "t", name);
	if (!r)
		r = run(db,
			"DELETE FROM debian_advisories WHERE source IN (SELECT id FROM sources "
			"WHERE "
			"name = ?1)",
			err, "t", name);
	if (!r)
		r = run(db,
			"DELETE FROM eol_rows WHERE source IN (SELECT id FROM sources WHERE name = "
			"?1)",
			err, "t", name);
	if (!r)
		r = run(db, "DELETE FROM sources WHERE name = ?1", err, "t", name);
	if (!r)
		r = run(db,
			"INSERT INTO sources(name, kind, data_date, imported_at, advisories, "
			"affected, releases) VALUES (?1, ?2, 0, ?3, 0, 0, '')",
			err, "tti", name, kind, (int64_t)time(NULL));
	im->source_id = sqlite3_last_insert_rowid(db->sq);
	if (!r)
		r = prepare(
			db,
			"INSERT INTO advisories(source, name, aliases, summary, severity, cvss) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(source, name) DO UPDATE SET "
			"name = excluded.name RETURNING id",
			&im->ins_adv, err);
	if (!r)
		r = prepare(db, "UPDATE advisories SET published = ?2 WHERE id = ?1", &im->ins_pub,
			    err);
	if (!r)
		r = prepare(
			db,
			"INSERT INTO affected(adv, ecosystem, release, package, status, "
			"introduced, fixed, last_affected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			&im->ins_aff, err);
	snprintf(im->res->source, sizeof(im->res->source), "%s", name);
	snprintf(im->res->format, sizeof(im->res->format), "%s", kind);
	return r;
}

/* The source's counts, date and releases; then COMMIT. */
static int finish(struct vdb_imp *im, int64_t file_date, struct ia_err *err)
{
	struct vdb *db = im->db;
	int64_t date = im->data_date > 0 ? im->data_date : file_date;
	int r;

	r = run(db,
		"UPDATE sources SET data_date = ?2, advisories = (SELECT count(*) FROM advisories "
		"WHERE source = ?1), affected = ?3, releases = (SELECT coalesce(group_concat(r, ' "
		"'), "
		"'') FROM (SELECT DISTINCT f.ecosystem || ':' || f.release AS r FROM affected f "
		"JOIN "
		"advisories a ON a.id = f.adv WHERE a.source = ?1 ORDER BY r)) WHERE id = ?1",
		err, "iii", im->source_id, date, (int64_t)im->rows);
	if (!r)
		r = run(db,
			"DELETE FROM advisories WHERE source = ?1 AND id NOT IN (SELECT adv FROM "
			"affected)",
			err, "i", im->source_id);
	if (!r)
		r = run(db,
			"UPDATE sources SET advisories = (SELECT count(*) FROM advisories WHERE "
			"source = ?1) WHERE id = ?1",
			err, "i", im->source_id);
	if (!r) {
		sqlite3_stmt *st = NULL;

		r = prepare(db, "SELECT advisories FROM sources WHERE id = ?1", &st, err);
		if (!r) {
			sqlite3_bind_int64(st, 1, im->source_id);
			if (sqlite3_step(st) == SQLITE_ROW)
				im->res->advisories = (size_t)sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	if (!r)
		r = run(db,
			"INSERT INTO temp.touched SELECT DISTINCT f.ecosystem, f.release FROM "
			"affected "
			"f JOIN advisories a ON a.id = f.adv WHERE a.source = ?1",
			err, "i", im->source_id);
	if (!r)
		r = exec(db,
			 "DELETE FROM release_entries WHERE (ecosystem, release) IN (SELECT "
			 "ecosystem, "
			 "release FROM temp.touched); INSERT INTO release_entries SELECT "
			 "t.ecosystem, "
			 "t.release, (SELECT count(*) FROM affected f WHERE f.ecosystem = "
			 "t.ecosystem "
			 "AND f.release = t.release) AS n FROM (SELECT DISTINCT ecosystem, release "
			 "FROM "
			 "temp.touched) t WHERE n > 0",
			 err);
	if (!r)
		r = exec(db, "COMMIT", err);
	return r;
}

static void cut(const char *s, char *out, size_t n)
{
	size_t l = s ? strlen(s) : 0;

	if (l >= n) {
		l = n - 1;
		/* do not cut a UTF-8 sequence in two */
		while (l > 0 && ((unsigned char)s[l] & 0xC0) == 0x80)
			l--;
	}
	if (l)
		memcpy(out, s, l);
	out[l] = 0;
}

int vdb_imp_advisory(struct vdb_imp *im, const char *name, const char *aliases, const char *summary,
		     const char *severity, const char *cvss, int64_t *id, struct ia_err *err)
{
	char text[IA_MAX_VULN_TEXT + 1];
	sqlite3_stmt *st = im->ins_adv;
	int rc;

	if (!name || !name[0] || strlen(name) > IA_MAX_VULN_ID)
		return VDB_BAD(im, err, "advisory ID %s", name && name[0] ? "too long" : "missing");
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, im->source_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	cut(aliases, text, sizeof(text));
	sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	cut(summary, text, sizeof(text));
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	cut(severity, text, 64);
	sqlite3_bind_text(st, 5, text, -1, SQLITE_TRANSIENT);
	cut(cvss, text, 256);
	sqlite3_bind_text(st, 6, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(im->db->sq));
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int vdb_imp_published(struct vdb_imp *im, int64_t adv, const char *when, struct ia_err *err)
{
	char day[11];
	sqlite3_stmt *st = im->ins_pub;
	int rc;

	if (!when || strlen(when) < 10)
		return 0;
	memcpy(day, when, 10);
	day[10] = '\0';
	if (ia_parse_day(day) < 0)
		return 0; /* not a date: unknown, as when the feed gives none */
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, adv);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(im->db->sq));
	return 0;
}

static bool version_ok(struct vdb_imp *im, int has_eco, enum vdb_eco eco, const char *v,
		       const char *what, const char *pkg)
{
	struct ia_err e = {0};

	if (!v[0] || !has_eco)
		return true;
	if (strlen(v) > IA_MAX_VERSION || vdb_version_check(eco, v, strlen(v), &e) < 0) {
		vdb_imp_skip(im, "%s version of %.100s: %s", what, pkg,
			     e.msg[0] ? e.msg : "too long");
		return false;
	}
	return true;
}

int vdb_imp_affected(struct vdb_imp *im, int64_t adv, const char *ecosystem, const char *release,
		     const char *package, const char *status, const char *introduced,
		     const char *fixed, const char *last_affected, struct ia_err *err)
{
	sqlite3_stmt *st = im->ins_aff;
	enum vdb_eco eco = VDB_ECO_DPKG;
	int has = vdb_eco_comparator(ecosystem, &eco) == 0;

	introduced = introduced && strcmp(introduced, "0") != 0 ? introduced : "";
	fixed = fixed ? fixed : "";
	last_affected = last_affected ? last_affected : "";
	if (!package || !package[0] || strlen(package) > IA_MAX_VULN_ID)
		return VDB_BAD(im, err, "package name %s",
			       package && package[0] ? "too long" : "missing");
	if (strlen(release) > 64)
		return VDB_BAD(im, err, "release name too long");
	if (!version_ok(im, has, eco, introduced, "introduced", package) ||
	    !version_ok(im, has, eco, fixed, "fixed", package) ||
	    !version_ok(im, has, eco, last_affected, "last affected", package))
		return 0;
	if (im->rows >= IA_MAX_VULN_ROWS)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "more than %u affected entries in one feed (IA_MAX_VULN_ROWS)",
				  IA_MAX_VULN_ROWS);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, adv);
	sqlite3_bind_text(st, 2, ecosystem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, release, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, package, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, introduced, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, fixed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, last_affected, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(im->db->sq));
	sqlite3_reset(st);
	im->rows++;
	im->res->affected++;
	return 0;
}

/* ---- formats ---- */

enum feed_kind {
	FEED_UNKNOWN,
	FEED_OSV,
	FEED_OSV_LIST,
	FEED_TRACKER,
	FEED_SECDB,
	FEED_NODEJS,
	FEED_EOL,
};

int vdb_imp_dsa(struct vdb_imp *im, const char *name, const char *cve, const char *release,
		const char *pkg, const char *fixed, struct ia_err *err)
{
	struct ia_err verr = {0};

	if (vdb_version_check(VDB_ECO_DPKG, fixed, strlen(fixed), &verr) < 0) {
		vdb_imp_skip(im, "%s: %s", name, verr.msg);
		return 0;
	}
	if (++im->rows > IA_MAX_VULN_ROWS)
		return VDB_BAD(im, err, "more than %u entries (IA_MAX_VULN_ROWS)",
			       IA_MAX_VULN_ROWS);
	return run(im->db,
		   "INSERT INTO debian_advisories(source, name, cve, release, package, fixed) "
		   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		   err,
		   "itttt"
		   "t",
		   im->source_id, name, cve, release, pkg, fixed);
}

int vdb_imp_eol(struct vdb_imp *im, bool os, const struct vdb_eol *e, const char *lts,
		const char *latest, const char *latest_date, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	const char *v[10] = {e->key,
			     e->name,
			     e->cycle,
			     e->codename ? e->codename : "",
			     e->released ? e->released : "",
			     e->ended ? "ended" : (e->security_eol ? e->security_eol : ""),
			     lts ? lts : "",
			     e->extended ? e->extended : "",
			     latest ? latest : "",
			     latest_date ? latest_date : ""};
	int r;

	if (++im->rows > IA_MAX_EOL_CYCLES)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "more than %u releases (IA_MAX_EOL_CYCLES)", IA_MAX_EOL_CYCLES);
	r = prepare(im->db,
		    "INSERT INTO eol_rows(source, os, key, name, cycle, codename, released, eol, "
		    "lts, extended, latest, latest_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		    "?9, ?10, ?11, ?12)",
		    &st, err);
	if (r)
		return r;
	sqlite3_bind_int64(st, 1, im->source_id);
	sqlite3_bind_int(st, 2, os);
	for (int i = 0; i < 10; i++)
		sqlite3_bind_text(st, 3 + i, v[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
			       sqlite3_errmsg(im->db->sq));
	sqlite3_finalize(st);
	im->res->affected++;
	return r;
}

/* An end-of-life source: its date, series count and key; then COMMIT. */
static int finish_eol(struct vdb_imp *im, const char *key, int64_t mtime, struct ia_err *err)
{
	int r = run(im->db,
		    "UPDATE sources SET data_date = ?2, affected = ?3, releases = ?4 WHERE id = ?1",
		    err, "iiit", im->source_id, im->data_date > 0 ? im->data_date : mtime,
		    (int64_t)im->rows, key);

	return r ? r : exec(im->db, "COMMIT", err);
}

static const char *base_name(const char *p);

/* distro-info-data's debian.csv or ubuntu.csv: source "eol:distro-info-data:KEY". */
static int import_distro_info(struct vdb_imp *im, const char *d, size_t n, int64_t mtime,
			      struct ia_err *err)
{
	const char *key = "";
	char name[200];
	int r;

	if (n > IA_MAX_EOL_FILE)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0, "over %u bytes (IA_MAX_EOL_FILE)",
				  IA_MAX_EOL_FILE);
	(void)vdb_distro_info_kind(d, n, &key);
	snprintf(name, sizeof(name), "eol:distro-info-data:%s", key);
	r = begin(im, name, "eol-distro-info", err);
	if (!r)
		r = vdb_import_distro_info(im, d, n, err);
	return r ? r : finish_eol(im, key, mtime, err);
}

/* A DSA or DLA list (text), one transaction: source "debian-dsa:NAME". */
static int import_dsa(struct vdb_imp *im, const char *d, size_t n, int64_t mtime,
		      struct ia_err *err)
{
	char name[200];
	int r;

	snprintf(name, sizeof(name), "debian-dsa:%s", base_name(im->path));
	r = begin(im, name, "debian-dsa-list", err);
	if (!r)
		r = vdb_import_dsa_list(im, d, n, err);
	if (!r && im->rows == 0)
		r = VDB_BAD(im, err, "no advisory with a CVE and a fixed version");
	if (!r)
		r = run(im->db,
			"UPDATE sources SET data_date = ?2, affected = ?3, advisories = (SELECT "
			"count(DISTINCT name) FROM debian_advisories WHERE source = ?1), releases "
			"= "
			"(SELECT coalesce(group_concat(r, ' '), '') FROM (SELECT DISTINCT "
			"'debian:' || "
			"release AS r FROM debian_advisories WHERE source = ?1 ORDER BY r)) WHERE "
			"id = ?1",
			err, "iii", im->source_id, im->data_date > 0 ? im->data_date : mtime,
			(int64_t)im->rows);
	if (!r)
		r = exec(im->db, "COMMIT", err);
	if (!r) {
		sqlite3_stmt *st = NULL;

		if (prepare(im->db, "SELECT advisories FROM sources WHERE id = ?1", &st, err) ==
		    0) {
			sqlite3_bind_int64(st, 1, im->source_id);
			if (sqlite3_step(st) == SQLITE_ROW)
				im->res->advisories = (size_t)sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	im->res->affected = im->rows;
	return r;
}

static enum feed_kind json_kind(json_t *j)
{
	const char *k;
	json_t *v;

	if (json_is_array(j))
		return FEED_OSV_LIST;
	if (!json_is_object(j))
		return FEED_UNKNOWN;
	if (json_is_string(json_object_get(j, "id")) &&
	    (json_object_get(j, "affected") || json_object_get(j, "modified")))
		return FEED_OSV;
	if (json_is_array(json_object_get(j, "packages")) &&
	    (json_object_get(j, "distroversion") || json_object_get(j, "reponame") ||
	     json_object_get(j, "apkurl")))
		return FEED_SECDB;
	if (vdb_nodejs_kind(j))
		return FEED_NODEJS;
	if (vdb_eol_api_json(j))
		return FEED_EOL;
	/* tracker: {srcpkg: {CVE: {"releases": {...}}}} */
	json_object_foreach(j, k, v)
	{
		const char *k2;
		json_t *v2;

		if (!json_is_object(v))
			return FEED_UNKNOWN;
		json_object_foreach(v, k2, v2)
		{
			return json_is_object(v2) && json_object_get(v2, "releases") ? FEED_TRACKER
										     : FEED_UNKNOWN;
		}
	}
	return json_object_size(j) == 0 ? FEED_TRACKER : FEED_UNKNOWN;
}

static const char *base_name(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	while (n > 0 && p[n - 1] != '/')
		n--;
	return p + n;
}

static int import_osv_list(struct vdb_imp *im, json_t *arr, struct ia_err *err)
{
	size_t i;
	json_t *rec;
	int r = 0;

	if (json_array_size(arr) > IA_MAX_VULN_FEED_MEMBERS)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "more than %u records (IA_MAX_VULN_FEED_MEMBERS)",
				  IA_MAX_VULN_FEED_MEMBERS);
	json_array_foreach(arr, i, rec)
	{
		snprintf(im->member, sizeof(im->member), "record %zu", i + 1);
		if ((r = vdb_import_osv(im, rec, err)) < 0)
			return r;
	}
	im->member[0] = 0;
	return 0;
}

/* A JSON or YAML file, read whole. */
static int import_text(struct vdb_imp *im, const char *data, size_t n, int64_t mtime,
		       struct ia_err *err)
{
	size_t i = 0;
	json_t *j = NULL;
	enum feed_kind k;
	char name[200];
	int r;

	if (vdb_dsa_list_text(data, n)) /* "[29 Mar 2023] DSA-...": before JSON's '[' */
		return import_dsa(im, data, n, mtime, err);
	while (i < n && data[i] && strchr(" \t\r\n", data[i]))
		i++;
	if (i + 3 <= n && memcmp(data + i, "\xef\xbb\xbf", 3) == 0)
		i += 3;
	if (i < n && (data[i] == '{' || data[i] == '['))
		r = vdb_json_parse(im, data, n, &j, err);
	else if (memmem(data, n, "packages:", 9) && memmem(data, n, "secfixes:", 9))
		r = vdb_yaml_to_json(im, data, n, &j, err);
	else if (vdb_distro_info_kind(data + i, n - i, &(const char *){NULL}))
		return import_distro_info(im, data + i, n - i, mtime, err);
	else
		return ia_err_set(err, -IA_EUNSUPPORTED, im->path, 0,
				  "not a feed imgaudit reads (OSV JSON record, array, directory or "
				  "zip; Debian security tracker JSON; Alpine secdb JSON or YAML; "
				  "endoflife.date API JSON; distro-info-data CSV)");
	if (r < 0)
		return r;
	k = json_kind(j);
	switch (k) {
	case FEED_OSV:
	case FEED_OSV_LIST:
		snprintf(name, sizeof(name), "osv:%s", base_name(im->path));
		r = begin(im, name, "osv", err);
		if (!r)
			r = k == FEED_OSV ? vdb_import_osv(im, j, err)
					  : import_osv_list(im, j, err);
		break;
	case FEED_TRACKER:
		snprintf(name, sizeof(name), "debian-tracker:%s", base_name(im->path));
		r = begin(im, name, "debian-tracker", err);
		if (!r)
			r = vdb_import_debian_tracker(im, j, err);
		break;
	case FEED_SECDB: {
		bool bad = false;
		const char *dv = vdb_json_str(j, "distroversion", &bad);
		const char *rn = vdb_json_str(j, "reponame", &bad);

		snprintf(name, sizeof(name), "alpine-secdb:%.40s/%.40s", dv ? dv : "?",
			 rn ? rn : "?");
		r = begin(im, name, "alpine-secdb", err);
		if (!r)
			r = vdb_import_secdb(im, j, err);
		break;
	}
	case FEED_NODEJS: {
		/* core and npm records: their index.json files share a base name */
		int nk = vdb_nodejs_kind(j);
		char id[32];

		snprintf(id, sizeof(id), "%.*s", (int)strcspn(base_name(im->path), "."),
			 base_name(im->path));
		snprintf(name, sizeof(name), "nodejs-security-wg:%s/%s",
			 nk == 1 || nk == 3 ? "core" : "npm", base_name(im->path));
		r = begin(im, name, "nodejs-security-wg", err);
		if (!r)
			r = vdb_import_nodejs(im, j, id, err);
		break;
	}
	case FEED_EOL: {
		const char *prod =
			json_string_value(json_object_get(json_object_get(j, "result"), "name"));
		bool os = false;
		const char *key = vdb_eol_product_key(prod, &os);

		if (!key) {
			r = ia_err_set(err, -IA_EUNSUPPORTED, im->path, 0,
				       "endoflife.date product '%.60s' is not one imgaudit's "
				       "end-of-life checks use (data/eol/README.md)",
				       prod);
			break;
		}
		if (n > IA_MAX_EOL_FILE) {
			r = ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				       "over %u bytes (IA_MAX_EOL_FILE)", IA_MAX_EOL_FILE);
			break;
		}
		snprintf(name, sizeof(name), "eol:endoflife.date:%s", prod);
		r = begin(im, name, "eol-endoflife", err);
		if (!r)
			r = vdb_import_eol_api(im, j, key, os, err);
		json_decref(j);
		return r ? r : finish_eol(im, key, mtime, err);
	}
	default:
		r = ia_err_set(
			err, -IA_EUNSUPPORTED, im->path, 0,
			"JSON that is no feed imgaudit reads (an OSV record or array, the "
			"Debian security tracker, an Alpine secdb, the Node.js security WG's "
			"records)");
	}
	json_decref(j);
	if (!r)
		r = finish(im, mtime, err);
	return r;
}

/* One OSV record of a directory or zip. */
static int import_record(struct vdb_imp *im, const char *data, size_t n, struct ia_err *err)
{
	json_t *j = NULL;
	int r = vdb_json_parse(im, data, n, &j, err);

	if (r < 0)
		return r;
	if (json_kind(j) == FEED_OSV)
		r = vdb_import_osv(im, j, err);
	else
		r = VDB_BAD(im, err, "not an OSV record (no \"id\" with \"affected\")");
	json_decref(j);
	return r;
}

/* Reads the feed file at path whole (at most max bytes; ia_host_file_read stops at
 * IA_MAX_DATA_FILE, below the feeds' own bound). */
static int read_feed(const char *path, size_t max, struct ia_buf *b, struct ia_err *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	int r;

	if (fd < 0)
		return ia_err_set(err, -errno, path, 0, "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return ia_err_set(err, -EINVAL, path, 0, "not a regular file");
	if ((uint64_t)st.st_size > max)
		return ia_err_set(err, -IA_ETOOBIG, path, 0, "over %zu bytes", max);
	r = ia_fd_read_all(fd, max, b);
	if (r < 0)
		return ia_err_set(err, r, path, 0, "cannot read: %s", ia_strerror(r));
	return 0;
}

static bool json_name(const char *n)
{
	size_t l = strlen(n);

	return l > 5 && strcmp(n + l - 5, ".json") == 0;
}

static int walk_dir(struct vdb_imp *im, const char *dir, unsigned depth, size_t *count,
		    struct ia_err *err)
{
	DIR *d;
	struct dirent *e;
	int r = 0;

	if (depth > IA_MAX_VULN_DIR_DEPTH)
		return ia_err_set(err, -IA_ETOOBIG, dir, 0,
				  "directories nested deeper than %d (IA_MAX_VULN_DIR_DEPTH)",
				  IA_MAX_VULN_DIR_DEPTH);
	d = opendir(dir);
	if (!d)
		return ia_err_set(err, -errno, dir, 0, "cannot read the directory: %s",
				  strerror(errno));
	while (!r && (e = readdir(d))) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			abort();
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			r = walk_dir(im, p, depth + 1, count, err);
		} else if (S_ISREG(st.st_mode) && json_name(e->d_name)) {
			struct ia_buf b = IA_BUF_INIT(IA_MAX_OSV_RECORD);

			if (++*count > IA_MAX_VULN_FEED_MEMBERS)
				r = ia_err_set(err, -IA_ETOOBIG, im->path, 0,
					       "more than %u records (IA_MAX_VULN_FEED_MEMBERS)",
					       IA_MAX_VULN_FEED_MEMBERS);
			snprintf(im->member, sizeof(im->member), "%s", p + strlen(im->path) + 1);
			if (!r)
				r = read_feed(p, IA_MAX_OSV_RECORD, &b, err);
			if (r == -IA_ETOOBIG)
				ia_err_set(err, r, im->path, 0,
					   "%s: record over %u bytes (IA_MAX_OSV_RECORD)",
					   im->member, IA_MAX_OSV_RECORD);
			if (!r)
				r = import_record(im, b.data ? b.data : "", b.len, err);
			ia_buf_release(&b);
		}
		free(p);
	}
	closedir(d);
	return r;
}

/* "N.json" (N digits): a record of the Node.js security WG. */
static bool nswg_record_name(const char *n)
{
	size_t d = strspn(n, "0123456789");

	return d > 0 && d <= 20 && strcmp(n + d, ".json") == 0;
}

/* The first record N.json of dir, parsed; NULL when it has none or it is not JSON. */
static json_t *nswg_first(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	json_t *j = NULL;

	while (d && !j && (e = readdir(d))) {
		struct vdb_import_result res;
		struct vdb_imp im = {.path = dir, .res = &res};
		struct ia_buf b = IA_BUF_INIT(IA_MAX_OSV_RECORD);
		struct ia_err err = {0};
		char *p;

		if (!nswg_record_name(e->d_name))
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			abort();
		if (read_feed(p, IA_MAX_OSV_RECORD, &b, &err) == 0 &&
		    vdb_json_parse(&im, b.data ? b.data : "", b.len, &j, &err) < 0)
			j = NULL;
		ia_buf_release(&b);
		free(p);
		break;
	}
	if (d)
		closedir(d);
	return j;
}

/* Whether dir is the Node.js security WG's vuln/core or vuln/npm (records N.json beside their
 * index.json), or vuln/ holding them: its first record is a core or npm record. */
static bool nswg_dir(const char *dir)
{
	static const char *const sub[] = {"", "/core", "/npm"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(sub); i++) {
		char *p;
		json_t *j;
		int k;

		if (asprintf(&p, "%s%s", dir, sub[i]) < 0)
			abort();
		j = nswg_first(p);
		free(p);
		k = j ? vdb_nodejs_kind(j) : 0;
		json_decref(j);
		if (k == 1 || k == 2)
			return true;
	}
	return false;
}

/* One record file N.json of a WG directory. */
static int nswg_file(struct vdb_imp *im, const char *p, const char *name, struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_OSV_RECORD);
	json_t *j = NULL;
	char id[32];
	int r, k;

	snprintf(im->member, sizeof(im->member), "%s", p + strlen(im->path) + 1);
	r = read_feed(p, IA_MAX_OSV_RECORD, &b, err);
	if (r == -IA_ETOOBIG)
		ia_err_set(err, r, im->path, 0, "%s: record over %u bytes (IA_MAX_OSV_RECORD)",
			   im->member, IA_MAX_OSV_RECORD);
	if (!r)
		r = vdb_json_parse(im, b.data ? b.data : "", b.len, &j, err);
	ia_buf_release(&b);
	if (r < 0)
		return r;
	k = vdb_nodejs_kind(j);
	snprintf(id, sizeof(id), "%.*s", (int)strcspn(name, "."), name);
	if (k != 1 && k != 2)
		r = VDB_BAD(im, err, "not a Node.js security WG core or npm record");
	else
		r = vdb_import_nodejs(im, j, id, err);
	json_decref(j);
	return r;
}

/*
 * The records of a Node.js security WG directory: N.json of vuln/core and vuln/npm (or of
 * vuln/'s core/ and npm/); index.json (the same records again) and other files are not read,
 * other subdirectories (deps/: assessments of Node.js's dependencies, no version ranges) are
 * left out and counted. At most IA_MAX_VULN_FEED_MEMBERS records.
 */
static int nswg_walk(struct vdb_imp *im, const char *dir, unsigned depth, size_t *count,
		     struct ia_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int r = 0;

	if (!d)
		return ia_err_set(err, -errno, dir, 0, "cannot read the directory: %s",
				  strerror(errno));
	while (!r && (e = readdir(d))) {
		struct stat st;
		char *p;

		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			abort();
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth == 0 &&
			    (strcmp(e->d_name, "core") == 0 || strcmp(e->d_name, "npm") == 0))
				r = nswg_walk(im, p, 1, count, err);
			else
				vdb_imp_skip(im, "%s/: not the WG's core or npm advisories",
					     e->d_name);
		} else if (S_ISREG(st.st_mode) && nswg_record_name(e->d_name)) {
			if (++*count > IA_MAX_VULN_FEED_MEMBERS)
				r = ia_err_set(err, -IA_ETOOBIG, im->path, 0,
					       "more than %u records (IA_MAX_VULN_FEED_MEMBERS)",
					       IA_MAX_VULN_FEED_MEMBERS);
			else
				r = nswg_file(im, p, e->d_name, err);
		}
		free(p);
	}
	closedir(d);
	im->member[0] = 0;
	return r;
}

static int zip_member(struct vdb_imp *im, struct archive *a, struct archive_entry *e,
		      uint64_t *total, struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_OSV_RECORD);
	char tmp[16384];
	la_ssize_t got;
	int r = 0;

	while ((got = archive_read_data(a, tmp, sizeof(tmp))) > 0) {
		*total += (uint64_t)got;
		if (*total > IA_MAX_VULN_ZIP_BYTES)
			return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
					  "more than %llu bytes unpacked (IA_MAX_VULN_ZIP_BYTES)",
					  (unsigned long long)IA_MAX_VULN_ZIP_BYTES);
		if (ia_buf_add(&b, tmp, (size_t)got) < 0) {
			ia_buf_release(&b);
			return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
					  "%s: record over %u bytes (IA_MAX_OSV_RECORD)",
					  im->member, IA_MAX_OSV_RECORD);
		}
	}
	if (got < 0)
		r = VDB_BAD(im, err, "cannot unpack: %s", archive_error_string(a));
	else
		r = import_record(im, b.data ? b.data : "", b.len, err);
	(void)e;
	ia_buf_release(&b);
	return r;
}

static int walk_zip(struct vdb_imp *im, struct ia_err *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	uint64_t total = 0;
	size_t count = 0;
	int r = 0, rc;

	if (!a)
		return ia_err_set(err, -ENOMEM, im->path, 0, "cannot start libarchive");
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, im->path, 65536) != ARCHIVE_OK) {
		r = ia_err_set(err, -IA_ECORRUPT, im->path, 0, "cannot read the zip file: %s",
			       archive_error_string(a));
		archive_read_free(a);
		return r;
	}
	while (!r && (rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *n = archive_entry_pathname(e);

		if (archive_entry_filetype(e) != AE_IFREG || !n || !json_name(n))
			continue;
		if (++count > IA_MAX_VULN_FEED_MEMBERS)
			r = ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				       "more than %u records (IA_MAX_VULN_FEED_MEMBERS)",
				       IA_MAX_VULN_FEED_MEMBERS);
		snprintf(im->member, sizeof(im->member), "%s", n);
		if (!r)
			r = zip_member(im, a, e, &total, err);
	}
	if (!r && rc != ARCHIVE_EOF) {
		im->member[0] = 0;
		r = VDB_BAD(im, err, "broken zip file: %s", archive_error_string(a));
	}
	archive_read_free(a);
	return r;
}

/* Statements finalised; the transaction rolled back after a failure. Returns r. */
static int import_end(struct vdb_imp *im, int r)
{
	sqlite3_finalize(im->ins_adv);
	sqlite3_finalize(im->ins_aff);
	sqlite3_finalize(im->ins_pub);
	im->ins_adv = im->ins_aff = im->ins_pub = NULL;
	if (r < 0 && !sqlite3_get_autocommit(im->db->sq))
		sqlite3_exec(im->db->sq, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

int vdb_import_mem(struct vdb *db, const char *name, const char *data, size_t len,
		   struct vdb_import_result *res, struct ia_err *err)
{
	struct vdb_imp im = {.db = db, .path = name, .res = res};

	memset(res, 0, sizeof(*res));
	if (!db->write)
		return ia_err_set(err, -EINVAL, name, 0, "the database is open read-only");
	if (len > IA_MAX_VULN_FEED_FILE)
		return ia_err_set(err, -IA_ETOOBIG, name, 0,
				  "feed over %u bytes (IA_MAX_VULN_FEED_FILE)",
				  IA_MAX_VULN_FEED_FILE);
	return import_end(&im, import_text(&im, data, len, (int64_t)time(NULL), err));
}

/* ---- apt Packages indexes of a security suite ---- */

/* A suite name as apt writes it: letters, digits, ".+-_~", at most 64 bytes. */
static bool suite_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr(".+-_~", s[i])))
			return false;
	return true;
}

static bool ends_security(const char *s)
{
	size_t n = strlen(s);

	return n > 9 && strcmp(s + n - 9, "-security") == 0;
}

/* The suite of an apt Release file's header: Codename or Suite, whichever ends in "-security"
 * (Codename first), else Codename, else Suite. */
static int release_suite(const char *path, const struct vdb_release_hdr *h, char *suite, size_t n,
			 struct ia_err *err)
{
	if (ends_security(h->codename) || !ends_security(h->suite))
		snprintf(suite, n, "%s", h->codename[0] ? h->codename : h->suite);
	else
		snprintf(suite, n, "%s", h->suite);
	if (!suite_ok(suite))
		return ia_err_set(err, -IA_ECORRUPT, path, 0,
				  "not an apt Release file: no valid Codename or Suite field");
	return 0;
}

/*
 * The Release or InRelease file of an index: its signature checked (gpgv, o->keyring), the
 * suite and date read from the text it signs, and the index (data as stored, text
 * decompressed) found among its SHA256 entries. A bad signature, a Release file that lists no
 * such index, or none at all refuse the import. *verified says how it was checked.
 */
static int check_release(struct vdb_imp *im, const struct vdb_import_opts *o, const char *data,
			 size_t n, const struct ia_buf *text, char *suite, size_t sn, int64_t *date,
			 char *verified, size_t vn, struct ia_err *err)
{
	struct ia_buf rel = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	struct vdb_release_hdr h;
	struct vdb_sig sig;
	char st[300], entry[512];
	int r = vdb_release_verify(o->release_file, o->keyring, &rel, &sig, err), m;

	if (!r && sig.state == VDB_SIG_BAD)
		r = ia_err_set(err, -IA_ECORRUPT, o->release_file, 0,
			       "%s: the index is refused (the Release file was changed after it "
			       "was signed, or is not the one of its archive)",
			       vdb_sig_text(&sig, st, sizeof(st)));
	if (!r) {
		vdb_release_header(rel.data ? rel.data : "", rel.len, &h);
		*date = h.date;
		r = release_suite(o->release_file, &h, suite, sn, err);
	}
	if (!r) {
		m = vdb_release_match_index(rel.data ? rel.data : "", rel.len, data, n,
					    text->data ? text->data : "", text->len, entry,
					    sizeof(entry));
		if (m == 0)
			r = ia_err_set(err, -IA_ECORRUPT, im->path, 0,
				       "its SHA256 (and its decompressed text's) matches no "
				       "Packages entry of %s: not the index that Release file "
				       "describes, or changed since: refused",
				       o->release_file);
		else if (m < 0)
			r = ia_err_set(err, -IA_ECORRUPT, o->release_file, 0,
				       "lists no SHA256 of a Packages index: the index cannot be "
				       "checked against it: refused");
		else
			snprintf(verified, vn, "%s; SHA256 matches %s",
				 vdb_sig_text(&sig, st, sizeof(st)), entry);
	}
	ia_buf_release(&rel);
	return r;
}

/* An apt Packages index as stored: compressed (feeds never are; a zip is told before), or
 * text whose first field is Package. */
static bool is_apt_index(const unsigned char *d, size_t n)
{
	static const struct {
		const char *magic;
		size_t n;
	} m[] = {{"\x1f\x8b", 2},
		 {"\xfd"
		  "7zXZ",
		  5},
		 {"BZh", 3},
		 {"\x28\xb5\x2f\xfd", 4},
		 {"\x04\x22\x4d\x18", 4},
		 {"\x5d\x00\x00", 3}};
	size_t i = 0;

	for (size_t k = 0; k < IA_ARRAY_SIZE(m); k++)
		if (n >= m[k].n && memcmp(d, m[k].magic, m[k].n) == 0)
			return true;
	while (i < n && d[i] == '\n')
		i++;
	return n - i >= 9 && memcmp(d + i, "Package: ", 9) == 0;
}

/* The file's name without its directory and compression suffix ("Packages"). */
static void index_name(const char *path, char *out, size_t n)
{
	static const char *const ext[] = {".gz", ".xz", ".bz2", ".lz4", ".zst", ".lzma"};
	size_t l;

	snprintf(out, n, "%s", base_name(path));
	l = strlen(out);
	for (size_t i = 0; i < IA_ARRAY_SIZE(ext); i++) {
		size_t e = strlen(ext[i]);

		if (l > e && strcmp(out + l - e, ext[i]) == 0)
			out[l - e] = 0;
	}
}

struct apt_ins {
	struct vdb_imp *im;
	sqlite3_stmt *st;
	const char *suite;
	size_t n;
};

static int apt_row(void *arg, const struct vdb_apt_pkg *p)
{
	struct apt_ins *a = arg;
	sqlite3_stmt *st = a->st;
	const char *v[] = {p->name, p->version, p->arch, p->source, p->source_version};

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, a->im->source_id);
	sqlite3_bind_text(st, 2, a->suite, -1, SQLITE_STATIC);
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(st, 3 + i, v[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return -EIO;
	a->n++;
	return 0;
}

/* An apt index (data, n as stored) of suite, one transaction. */
static int import_apt(struct vdb_imp *im, const char *data, size_t n, int64_t mtime,
		      const struct vdb_import_opts *o, struct ia_err *err)
{
	char suite[80] = "", name[200], iname[120];
	int64_t date = 0;
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_INDEX);
	struct apt_ins a = {.im = im, .suite = suite};
	size_t skipped = 0;
	const char *format = NULL;
	char verified[600] = "not verified: no Release file named (--release FILE)";
	int r = vdb_apt_decompress(im->path, data, n, 0, &text, &format, err);

	if (!r && o && o->release_file)
		r = check_release(im, o, data, n, &text, suite, sizeof(suite), &date, verified,
				  sizeof(verified), err);
	if (r < 0) {
		ia_buf_release(&text);
		return r;
	}
	if (o && o->suite)
		snprintf(suite, sizeof(suite), "%s", o->suite);
	if (!suite[0])
		r = ia_err_set(err, -EINVAL, im->path, 0,
			       "an apt Packages index: name its suite with --suite NAME (such as "
			       "bookworm-security) or --release FILE (its Release or InRelease "
			       "file)");
	else if (!suite_ok(suite))
		r = ia_err_set(err, -EINVAL, im->path, 0,
			       "suite '%s' is not a suite name (letters, digits, .+-_~)", suite);
	index_name(im->path, iname, sizeof(iname));
	snprintf(name, sizeof(name), "apt:%s:%s", suite, iname);
	if (!r)
		r = begin(im, name, "apt-index", err);
	if (!r)
		r = prepare(im->db,
			    "INSERT INTO apt_packages(source, suite, name, version, arch, src, "
			    "src_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			    &a.st, err);
	if (!r) {
		r = vdb_apt_parse_text(im->path, text.data ? text.data : "", text.len, apt_row, &a,
				       NULL, &skipped, err);
		if (r == -EIO)
			r = ia_err_set(err, -EIO, im->path, 0, "vulnerability database: %s",
				       sqlite3_errmsg(im->db->sq));
	}
	sqlite3_finalize(a.st);
	ia_buf_release(&text);
	im->res->skipped = skipped;
	if (skipped)
		snprintf(im->res->skip_why, sizeof(im->res->skip_why),
			 "stanzas without a valid Package, Version or Architecture");
	if (!r)
		r = run(im->db,
			"UPDATE sources SET data_date = ?2, affected = ?3, releases = ?4, verified "
			"= "
			"?5 WHERE id = ?1",
			err, "iiitt", im->source_id, date > 0 ? date : mtime, (int64_t)a.n, suite,
			verified);
	snprintf(im->res->verified, sizeof(im->res->verified), "%s", verified);
	if (!r)
		r = exec(im->db, "COMMIT", err);
	im->res->affected = 0;
	im->res->advisories = 0;
	snprintf(im->res->format, sizeof(im->res->format), "apt-index (%s)", format ? format : "?");
	im->res->packages = a.n;
	return r;
}

int64_t vdb_apt_index_stored(struct vdb *db, const char *suite, struct vdb_apt_index *idx,
			     struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	int rc;

	if (db->schema < 2)
		return 0;
	if (sqlite3_prepare_v2(
		    db->sq,
		    "SELECT name, version, arch, src, src_version FROM apt_packages WHERE "
		    "suite = ?1 ORDER BY rowid",
		    -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	sqlite3_bind_text(st, 1, suite, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[5];
		struct vdb_apt_pkg p;
		struct ia_err verr = {0};
		bool bad = false;

		for (int i = 0; i < 5; i++) {
			c[i] = (const char *)sqlite3_column_text(st, i);
			if (!c[i] || !c[i][0] || strlen(c[i]) > IA_MAX_VULN_ID)
				bad = true;
		}
		if (!bad && (vdb_version_check(VDB_ECO_DPKG, c[1], strlen(c[1]), &verr) < 0 ||
			     vdb_version_check(VDB_ECO_DPKG, c[4], strlen(c[4]), &verr) < 0))
			bad = true;
		if (bad) {
			ia_problem_add(&idx->problems, VDB_APT_AREA, "vulnerability database", 0, 0,
				       "apt:%s: a stored package with an empty, over-long or "
				       "invalid field skipped%s%s",
				       suite, verr.msg[0] ? ": " : "", verr.msg);
			idx->skipped++;
			continue;
		}
		if (idx->n >= IA_MAX_APT_INDEX_PACKAGES) {
			sqlite3_finalize(st);
			return ia_err_set(err, -IA_ETOOBIG, "", 0,
					  "the vulnerability database holds more than %u packages "
					  "of suite %s (IA_MAX_APT_INDEX_PACKAGES)",
					  IA_MAX_APT_INDEX_PACKAGES, suite);
		}
		p = (struct vdb_apt_pkg){c[0], c[1], c[2], c[3], c[4], 0};
		vdb_apt_index_add(idx, &p);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	return n;
}

int vdb_import(struct vdb *db, const char *path, struct vdb_import_result *res, struct ia_err *err)
{
	return vdb_import_opts(db, path, NULL, res, err);
}

int vdb_import_opts(struct vdb *db, const char *path, const struct vdb_import_opts *o,
		    struct vdb_import_result *res, struct ia_err *err)
{
	struct vdb_imp im = {.db = db, .path = path, .res = res};
	struct ia_buf b = IA_BUF_INIT(IA_MAX_VULN_FEED_FILE);
	struct stat st;
	char name[200];
	int r;

	memset(res, 0, sizeof(*res));
	if (!db->write)
		return ia_err_set(err, -EINVAL, path, 0, "the database is open read-only");
	if (stat(path, &st) != 0)
		return ia_err_set(err, -errno, path, 0, "cannot read the feed: %s",
				  strerror(errno));
	if (S_ISDIR(st.st_mode) && nswg_dir(path)) {
		size_t count = 0;

		snprintf(name, sizeof(name), "nodejs-security-wg:%s", base_name(path));
		r = begin(&im, name, "nodejs-security-wg-dir", err);
		if (!r)
			r = nswg_walk(&im, path, 0, &count, err);
		if (!r && count == 0)
			r = ia_err_set(err, -IA_ECORRUPT, path, 0, "no record N.json");
		if (!r)
			r = finish(&im, st.st_mtime, err);
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		size_t count = 0;

		snprintf(name, sizeof(name), "osv:%s", base_name(path));
		r = begin(&im, name, "osv-dir", err);
		if (!r)
			r = walk_dir(&im, path, 0, &count, err);
		if (!r)
			r = finish(&im, st.st_mtime, err);
		goto done;
	}
	r = read_feed(path, IA_MAX_VULN_FEED_FILE, &b, err);
	if (r == -IA_ETOOBIG)
		ia_err_set(err, r, path, 0, "feed over %u bytes (IA_MAX_VULN_FEED_FILE)",
			   IA_MAX_VULN_FEED_FILE);
	if (r < 0)
		goto done;
	if (is_apt_index((const unsigned char *)(b.data ? b.data : ""), b.len) ||
	    vdb_dsa_list_text(b.data ? b.data : "", b.len)) {
		/* compressed, or an apt index or a DSA/DLA list in plain text */
		struct ia_buf t = IA_BUF_INIT(IA_MAX_APT_INDEX);

		r = vdb_apt_decompress(path, b.data, b.len, 0, &t, NULL, err);
		if (!r && vdb_dsa_list_text(t.data ? t.data : "", t.len))
			r = import_dsa(&im, t.data, t.len, st.st_mtime, err);
		else if (!r)
			r = import_apt(&im, b.data, b.len, st.st_mtime, o, err);
		ia_buf_release(&t);
		goto done;
	}
	if (b.len >= 4 && memcmp(b.data, "PK\3\4", 4) == 0) {
		ia_buf_release(&b);
		snprintf(name, sizeof(name), "osv:%s", base_name(path));
		r = begin(&im, name, "osv-zip", err);
		if (!r)
			r = walk_zip(&im, err);
		if (!r)
			r = finish(&im, st.st_mtime, err);
		goto done;
	}
	r = import_text(&im, b.data ? b.data : "", b.len, st.st_mtime, err);
done:
	ia_buf_release(&b);
	return import_end(&im, r);
}
