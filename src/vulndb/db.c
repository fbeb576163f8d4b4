/* db.c — the vulnerability database file: schema, opening, sources, the match query */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>
#include <sys/stat.h>

#include "vulndb/db_internal.h"

#include "util/pool.h"

#include "util/banned.h"

/* Schema 2 (and 3, which adds debian_advisories, the DSA and DLA lists, and advisories.published,
 * the day an advisory was published): the match reads only the
 * covering index affected_match (no table row, no join for entries out of range), release_entries
 * holds the counts of vdb_release_entries, apt_packages the Packages indexes of security suites
 * (vdb_import_apt_index). */
#define VDB_SCHEMA_V2                                                                              \
	"ALTER TABLE advisories ADD COLUMN published TEXT NOT NULL DEFAULT '';"                    \
	"CREATE INDEX IF NOT EXISTS affected_match ON affected(ecosystem, release, package,"       \
	" status, introduced, fixed, last_affected, adv);"                                         \
	"DROP INDEX IF EXISTS affected_key;"                                                       \
	"CREATE TABLE IF NOT EXISTS release_entries(ecosystem TEXT NOT NULL, release TEXT NOT "    \
	"NULL, entries INTEGER NOT NULL, PRIMARY KEY(ecosystem, release));"                        \
	"DELETE FROM release_entries;"                                                             \
	"INSERT INTO release_entries SELECT ecosystem, release, count(*) FROM affected"            \
	" GROUP BY ecosystem, release;"                                                            \
	"CREATE TABLE IF NOT EXISTS apt_packages(source INTEGER NOT NULL, suite TEXT NOT NULL,"    \
	" name TEXT NOT NULL, version TEXT NOT NULL, arch TEXT NOT NULL, src TEXT NOT NULL,"       \
	" src_version TEXT NOT NULL);"                                                             \
	"CREATE INDEX IF NOT EXISTS apt_packages_suite ON apt_packages(suite);"                    \
	"CREATE INDEX IF NOT EXISTS apt_packages_source ON apt_packages(source);"                  \
	"CREATE TABLE IF NOT EXISTS debian_advisories(source INTEGER NOT NULL, name TEXT NOT "     \
	"NULL, cve TEXT NOT NULL, release TEXT NOT NULL, package TEXT NOT NULL, fixed TEXT NOT "   \
	"NULL);"                                                                                   \
	"CREATE INDEX IF NOT EXISTS debian_advisories_key ON debian_advisories(cve, release,"      \
	" package);"                                                                               \
	"CREATE INDEX IF NOT EXISTS debian_advisories_source ON debian_advisories(source);"        \
	"PRAGMA user_version = 3;"

/* Schema 4: sources.verified (how an apt index's Release file was verified: "signature and
 * SHA256", "not verified: ..."), eol_rows (the end-of-life series of db update's endoflife.date
 * and distro-info-data downloads; vdb_eol_load_db). */
#define VDB_SCHEMA_V4                                                                              \
	"ALTER TABLE sources ADD COLUMN verified TEXT NOT NULL DEFAULT '';"                        \
	"CREATE TABLE IF NOT EXISTS eol_rows(source INTEGER NOT NULL, os INTEGER NOT NULL,"        \
	" key TEXT NOT NULL, name TEXT NOT NULL, cycle TEXT NOT NULL, codename TEXT NOT NULL,"     \
	" released TEXT NOT NULL, eol TEXT NOT NULL, lts TEXT NOT NULL, extended TEXT NOT NULL,"   \
	" latest TEXT NOT NULL, latest_date TEXT NOT NULL);"                                       \
	"CREATE INDEX IF NOT EXISTS eol_rows_source ON eol_rows(source);"                          \
	"PRAGMA user_version = 4;"

static const char schema[] =
	"CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL, data_date INTEGER NOT NULL, imported_at INTEGER NOT NULL,"
	" advisories INTEGER NOT NULL, affected INTEGER NOT NULL, releases TEXT NOT NULL);"
	"CREATE TABLE advisories(id INTEGER PRIMARY KEY, source INTEGER NOT NULL,"
	" name TEXT NOT NULL, aliases TEXT NOT NULL, summary TEXT NOT NULL,"
	" severity TEXT NOT NULL, cvss TEXT NOT NULL, UNIQUE(source, name));"
	"CREATE TABLE affected(adv INTEGER NOT NULL, ecosystem TEXT NOT NULL,"
	" release TEXT NOT NULL, package TEXT NOT NULL, status TEXT NOT NULL,"
	" introduced TEXT NOT NULL, fixed TEXT NOT NULL, last_affected TEXT NOT NULL);"
	"CREATE INDEX affected_adv ON affected(adv);" VDB_SCHEMA_V2 VDB_SCHEMA_V4;

/* The entries of one package: from the covering index alone, in no particular order (the
 * matches are sorted in memory: a sort per lookup of every entry costs more). */
static const char match_sql[] = "SELECT status, introduced, fixed, last_affected, adv FROM affected"
				" WHERE ecosystem = ?1 AND release = ?2 AND package = ?3";

/* The DSAs and DLAs that fixed a CVE in a release for a package. */
static const char dsa_sql[] =
	"SELECT coalesce(group_concat(name, ' '), '') FROM (SELECT DISTINCT name FROM"
	" debian_advisories WHERE cve = ?1 AND release = ?2 AND package = ?3 ORDER BY name"
	" LIMIT 50)";

/* The advisory of a matching entry. */
static const char adv_sql[] =
	"SELECT a.name, s.name, a.aliases, a.summary, a.severity, a.cvss, a.published"
	" FROM advisories a JOIN sources s ON s.id = a.source WHERE a.id = ?1";
/* The same from a schema-1 or -2 file, which records no publication date. */
static const char adv_sql_v1[] =
	"SELECT a.name, s.name, a.aliases, a.summary, a.severity, a.cvss, ''"
	" FROM advisories a JOIN sources s ON s.id = a.source WHERE a.id = ?1";

static int sq_err(struct ia_err *err, sqlite3 *sq, const char *path, const char *what)
{
	return ia_err_set(err, -EIO, path, 0, "%s: %s", what, sq ? sqlite3_errmsg(sq) : "");
}

int vdb_default_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	int r;

	if (x && x[0] == '/')
		r = snprintf(buf, n, "%s/imgaudit/vuln.db", x);
	else if (h && h[0])
		r = snprintf(buf, n, "%s/.local/share/imgaudit/vuln.db", h);
	else
		return -ENOENT;
	return r < 0 || (size_t)r >= n ? -ENAMETOOLONG : 0;
}

/* "file:" URI of path with immutable=1: nothing is created or locked beside it. */
static char *ro_uri(const char *path)
{
	struct ia_buf b = IA_BUF_INIT(4 * IA_MAX_PATH + 64);

	ia_buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			ia_buf_addc(&b, (char)*p);
		else
			ia_buf_addf(&b, "%%%02X", *p);
	}
	if (ia_buf_adds(&b, "?mode=ro&immutable=1") < 0) {
		ia_buf_release(&b);
		return NULL;
	}
	return ia_buf_detach(&b, NULL);
}

static int check_schema(struct vdb *db, const char *path, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	int v = -1, tables = 0, r;

	if (sqlite3_prepare_v2(db->sq, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -IA_ECORRUPT, path, 0,
				  "not an imgaudit vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(
		    db->sq,
		    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
		    "('sources', 'advisories', 'affected')",
		    -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -IA_ECORRUPT, path, 0,
				  "not an imgaudit vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	if (sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v == 0 && tables == 0 && db->write) {
		db->schema = VDB_SCHEMA_VERSION;
		return sqlite3_exec(db->sq, schema, NULL, NULL, NULL) == SQLITE_OK
			       ? 0
			       : sq_err(err, db->sq, path, "cannot create the schema");
	}
	if (tables != 3)
		return ia_err_set(err, -IA_ECORRUPT, path, 0,
				  "not an imgaudit vulnerability database (no sources, advisories "
				  "and affected tables)");
	if (v >= 1 && v < VDB_SCHEMA_VERSION && db->write) {
		/* schema 1 (no covering index, no counts, no apt indexes), 2 (no DSA/DLA lists) and
		 * 3 (no verification, no EOL rows): upgraded in place */
		if (sqlite3_exec(db->sq,
				 v < 3 ? "BEGIN IMMEDIATE;" VDB_SCHEMA_V2 VDB_SCHEMA_V4 "COMMIT;"
				       : "BEGIN IMMEDIATE;" VDB_SCHEMA_V4 "COMMIT;",
				 NULL, NULL, NULL) != SQLITE_OK) {
			r = sq_err(err, db->sq, path, "cannot upgrade the schema");
			sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
			return r;
		}
		v = VDB_SCHEMA_VERSION;
	}
	if (v >= 1 && v < VDB_SCHEMA_VERSION) {
		/* read as it is (1: counted per scan; no apt indexes, no DSA; <4: no EOL rows) */
		db->schema = v;
		return 0;
	}
	if (v != VDB_SCHEMA_VERSION)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0,
				  "database schema version %d, this imgaudit reads versions 1 to "
				  "%d: import the feeds again into a new file",
				  v, VDB_SCHEMA_VERSION);
	db->schema = VDB_SCHEMA_VERSION;
	return 0;
}

int vdb_open(const char *path, bool write, struct vdb **ret, struct ia_err *err)
{
	struct vdb *db = ia_xcalloc(1, sizeof(*db));
	struct stat st;
	int r;

	*ret = NULL;
	db->write = write;
	if (!write) {
		char *uri;

		if (stat(path, &st) != 0)
			r = ia_err_set(err, -errno, path, 0,
				       "cannot open the vulnerability database: %s",
				       strerror(errno));
		else if (!S_ISREG(st.st_mode))
			r = ia_err_set(err, -EINVAL, path, 0,
				       "the vulnerability database is not a regular file");
		else if (!(uri = ro_uri(path)))
			r = ia_err_set(err, -ENAMETOOLONG, path, 0, "path too long");
		else {
			r = sqlite3_open_v2(uri, &db->sq,
					    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
						    SQLITE_OPEN_NOMUTEX,
					    NULL) == SQLITE_OK
				    ? 0
				    : sq_err(err, db->sq, path,
					     "cannot open the vulnerability database");
			free(uri);
		}
	} else {
		r = sqlite3_open_v2(path, &db->sq,
				    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					    SQLITE_OPEN_NOMUTEX,
				    NULL) == SQLITE_OK
			    ? 0
			    : sq_err(err, db->sq, path, "cannot open the vulnerability database");
	}
	if (!r) {
		/* a file handed to us may carry triggers or views: never run them */
		sqlite3_db_config(db->sq, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		sqlite3_db_config(db->sq, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		sqlite3_busy_timeout(db->sq, 5000);
		r = check_schema(db, path, err);
	}
	if (!r) {
		/* the pages of the match stay in memory across the lookups of a scan */
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%d", IA_VULN_DB_CACHE_KIB);
		sqlite3_exec(db->sq, pragma, NULL, NULL, NULL);
	}
	if (!r && (sqlite3_prepare_v2(db->sq, match_sql, -1, &db->match, NULL) != SQLITE_OK ||
		   sqlite3_prepare_v2(db->sq, db->schema < 3 ? adv_sql_v1 : adv_sql, -1, &db->adv,
				      NULL) != SQLITE_OK))
		r = sq_err(err, db->sq, path, "cannot prepare the match query");
	if (!r && sqlite3_prepare_v2(
			  db->sq,
			  db->schema >= 2 ? "SELECT coalesce(sum(entries), 0) FROM release_entries"
					    " WHERE ecosystem = ?1 AND release = ?2"
					  : "SELECT count(*) FROM affected WHERE ecosystem = ?1 "
					    "AND release = ?2",
			  -1, &db->count, NULL) != SQLITE_OK)
		r = sq_err(err, db->sq, path, "cannot prepare a query");
	if (!r && db->schema >= 3) {
		sqlite3_stmt *one = NULL;
		bool any = false;

		if (sqlite3_prepare_v2(db->sq, "SELECT 1 FROM debian_advisories LIMIT 1", -1, &one,
				       NULL) == SQLITE_OK)
			any = sqlite3_step(one) == SQLITE_ROW;
		sqlite3_finalize(one);
		if (any && sqlite3_prepare_v2(db->sq, dsa_sql, -1, &db->dsa, NULL) != SQLITE_OK)
			r = sq_err(err, db->sq, path, "cannot prepare a query");
	}
	if (!r && !write)
		/* one read transaction for the whole scan: each lookup would otherwise open and
		 * close one (a third of the time of a match) */
		sqlite3_exec(db->sq, "BEGIN", NULL, NULL, NULL);
	if (r) {
		vdb_close(db);
		return r;
	}
	*ret = db;
	return 0;
}

int vdb_schema(const struct vdb *db)
{
	return db->schema;
}

void vdb_close(struct vdb *db)
{
	if (!db)
		return;
	sqlite3_finalize(db->match);
	sqlite3_finalize(db->adv);
	sqlite3_finalize(db->dsa);
	sqlite3_finalize(db->count);
	sqlite3_close(db->sq);
	free(db);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return ia_xstrdup(t ? (const char *)t : "");
}

int vdb_sources(struct vdb *db, struct vdb_source **ret, size_t *n, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	struct vdb_source *v = NULL;
	size_t cap = 0;
	int rc;

	*ret = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->sq,
			       db->schema >= 4
				       ? "SELECT name, kind, data_date, imported_at, advisories,"
					 " affected, releases, verified FROM sources ORDER BY"
					 " imported_at, id"
				       : "SELECT name, kind, data_date, imported_at, advisories,"
					 " affected, releases, '' FROM sources ORDER BY"
					 " imported_at, id",
			       -1, &st, NULL) != SQLITE_OK)
		return sq_err(err, db->sq, "", "cannot list the sources");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vdb_source *s;

		ia_grow(&v, sizeof(*v), *n + 1, &cap);
		s = &v[(*n)++];
		s->name = col_dup(st, 0);
		s->kind = col_dup(st, 1);
		s->data_date = sqlite3_column_int64(st, 2);
		s->imported_at = sqlite3_column_int64(st, 3);
		s->advisories = sqlite3_column_int64(st, 4);
		s->affected = sqlite3_column_int64(st, 5);
		s->releases = col_dup(st, 6);
		s->verified = col_dup(st, 7);
	}
	sqlite3_finalize(st);
	*ret = v;
	if (rc != SQLITE_DONE)
		return sq_err(err, db->sq, "", "cannot list the sources");
	return 0;
}

void vdb_sources_free(struct vdb_source *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].kind);
		free(v[i].releases);
		free(v[i].verified);
	}
	free(v);
}

/* Ecosystem keys and their comparators; rubygems has none (yet). */
static const struct {
	const char *key;
	int eco; /* enum vdb_eco, -1 none */
} eco_keys[] = {
	{"debian", VDB_ECO_DPKG},   {"ubuntu", VDB_ECO_DPKG},      {"alpine", VDB_ECO_APK},
	{"almalinux", VDB_ECO_RPM}, {"rocky", VDB_ECO_RPM},        {"redhat", VDB_ECO_RPM},
	{"npm", VDB_ECO_SEMVER},    {"pypi", VDB_ECO_PEP440},      {"maven", VDB_ECO_MAVEN},
	{"go", VDB_ECO_SEMVER},     {"crates.io", VDB_ECO_SEMVER}, {"packagist", VDB_ECO_COMPOSER},
	{"rubygems", -1},           {"nodejs", VDB_ECO_SEMVER},
};

int vdb_eco_comparator(const char *ecosystem, enum vdb_eco *ret)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(eco_keys); i++)
		if (strcmp(eco_keys[i].key, ecosystem) == 0) {
			if (eco_keys[i].eco < 0)
				return -IA_EUNSUPPORTED;
			*ret = (enum vdb_eco)eco_keys[i].eco;
			return 0;
		}
	return -IA_EUNSUPPORTED;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* Compares the installed version v (checked, vlen bytes) with a bound of the database. */
static int cmp_bound(enum vdb_eco eco, const char *v, size_t vlen, const char *bound, int *c)
{
	return vdb_vercmp_checked(eco, v, vlen, bound, strnlen(bound, IA_MAX_VERSION + 1), c, NULL);
}

/* Whether version v (checked, vlen bytes) lies in the range of m (comparisons by eco); *cmp
 * the sign against the bound that closes it. -1 when a bound does not parse. The closing
 * bound is compared first: most entries of a package end before its installed version. */
static int in_range(enum vdb_eco eco, const char *v, size_t vlen, struct vdb_match *m)
{
	int c = 0;

	m->cmp = -1;
	if (m->fixed[0]) {
		if (cmp_bound(eco, v, vlen, m->fixed, &c) < 0)
			return -1;
		m->cmp = c;
		if (c >= 0)
			return 0;
	}
	if (m->last_affected[0]) {
		if (cmp_bound(eco, v, vlen, m->last_affected, &c) < 0)
			return -1;
		if (!m->fixed[0])
			m->cmp = c;
		if (c > 0)
			return 0;
	}
	if (m->introduced[0] && strcmp(m->introduced, "0") != 0) {
		if (cmp_bound(eco, v, vlen, m->introduced, &c) < 0)
			return -1;
		if (c < 0)
			return 0;
	}
	return 1;
}

/* One entry in range, held until the entries of the package are sorted. */
struct hit {
	char *advisory, *source, *aliases, *summary, *severity, *cvss, *published;
	char *status, *introduced, *fixed, *last_affected;
	char *dsa;
	int cmp;
};

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c = strcmp(x->advisory, y->advisory);

	if (!c)
		c = strcmp(x->source, y->source);
	if (!c)
		c = strcmp(x->status, y->status);
	if (!c)
		c = strcmp(x->introduced, y->introduced);
	if (!c)
		c = strcmp(x->fixed, y->fixed);
	return c ? c : strcmp(x->last_affected, y->last_affected);
}

static char *pool_col(struct ia_pool *pool, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return ia_pool_strndup(pool, t ? (const char *)t : "",
			       t ? (size_t)sqlite3_column_bytes(st, i) : 0);
}

/* The advisory of entry h (adv): its texts copied into h. */
static int hit_advisory(struct vdb *db, struct ia_pool *pool, int64_t adv, struct hit *h,
			struct ia_err *err)
{
	sqlite3_stmt *st = db->adv; /* reset after each use */
	int rc;

	sqlite3_bind_int64(st, 1, adv);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->advisory = pool_col(pool, st, 0);
		h->source = pool_col(pool, st, 1);
		h->aliases = pool_col(pool, st, 2);
		h->summary = pool_col(pool, st, 3);
		h->severity = pool_col(pool, st, 4);
		h->cvss = pool_col(pool, st, 5);
		h->published = pool_col(pool, st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return ia_err_set(err, -IA_ECORRUPT, "", 0,
				  "vulnerability database: an affected entry names advisory %lld, "
				  "which it does not hold",
				  (long long)adv);
	return sq_err(err, db->sq, "", "cannot read the vulnerability database");
}

/* The DSAs/DLAs of a Debian CVE entry ("" when none, or no DSA list imported). */
static char *hit_dsa(struct vdb *db, struct ia_pool *pool, const struct hit *h, const char *release,
		     const char *package)
{
	sqlite3_stmt *st = db->dsa;
	char *v;

	if (!st || strncmp(h->advisory, "CVE-", 4) != 0)
		return "";
	sqlite3_bind_text(st, 1, h->advisory, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, release, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, package, -1, SQLITE_STATIC);
	v = sqlite3_step(st) == SQLITE_ROW ? pool_col(pool, st, 0) : "";
	sqlite3_reset(st);
	return v;
}

int vdb_match(struct vdb *db, const char *ecosystem, const char *release, const char *package,
	      const char *version, int (*cb)(const struct vdb_match *m, void *arg), void *arg,
	      size_t *bad, struct ia_err *err)
{
	sqlite3_stmt *st = db->match;
	struct hit *hits = NULL;
	struct ia_pool pool = {0};
	size_t n = 0, cap = 0, vlen;
	enum vdb_eco eco;
	int r, rc = SQLITE_DONE;

	if (vdb_eco_comparator(ecosystem, &eco) < 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0,
				  "no exact version comparator for ecosystem '%s'", ecosystem);
	vlen = strnlen(version, IA_MAX_VERSION + 1);
	r = vdb_version_check(eco, version, vlen, err);
	if (r < 0)
		return r;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, ecosystem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, release, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, package, -1, SQLITE_STATIC);
	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vdb_match m = {
			.status = col(st, 0),
			.introduced = col(st, 1),
			.fixed = col(st, 2),
			.last_affected = col(st, 3),
		};
		int in = in_range(eco, version, vlen, &m);
		struct hit *h;

		if (in < 0 && bad)
			(*bad)++;
		if (in <= 0)
			continue;
		if (n >= IA_MAX_VULN_MATCHES) {
			r = ia_err_set(err, -IA_ETOOBIG, "", 0,
				       "%s %s matches more than %u advisory entries "
				       "(IA_MAX_VULN_MATCHES)",
				       package, version, IA_MAX_VULN_MATCHES);
			break;
		}
		ia_grow(&hits, sizeof(*hits), n + 1, &cap);
		h = &hits[n++];
		*h = (struct hit){
			.status = pool_col(&pool, st, 0),
			.introduced = pool_col(&pool, st, 1),
			.fixed = pool_col(&pool, st, 2),
			.last_affected = pool_col(&pool, st, 3),
			.cmp = m.cmp,
		};
		r = hit_advisory(db, &pool, sqlite3_column_int64(st, 4), h, err);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = sq_err(err, db->sq, "", "cannot read the vulnerability database");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (size_t i = 0; !r && i < n; i++)
		hits[i].dsa = strcmp(ecosystem, "debian") == 0
				      ? hit_dsa(db, &pool, &hits[i], release, package)
				      : "";
	if (!r && n > 1)
		qsort(hits, n, sizeof(*hits), cmp_hit);
	for (size_t i = 0; !r && i < n; i++) {
		const struct hit *h = &hits[i];
		const struct vdb_match m = {
			.advisory = h->advisory,
			.source = h->source,
			.aliases = h->aliases,
			.summary = h->summary,
			.severity = h->severity,
			.cvss = h->cvss,
			.published = h->published,
			.status = h->status,
			.introduced = h->introduced,
			.fixed = h->fixed,
			.last_affected = h->last_affected,
			.ecosystem = ecosystem,
			.release = release,
			.package = package,
			.comparator = eco,
			.cmp = h->cmp,
			.debian_advisories = h->dsa,
		};

		r = cb(&m, arg);
	}
	ia_pool_release(&pool);
	free(hits);
	return r;
}

int64_t vdb_release_entries(struct vdb *db, const char *ecosystem, const char *release,
			    struct ia_err *err)
{
	sqlite3_stmt *st = db->count;
	int64_t n = -1;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, ecosystem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, release, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		sq_err(err, db->sq, "", "cannot read the vulnerability database");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return n < 0 ? -EIO : n;
}
