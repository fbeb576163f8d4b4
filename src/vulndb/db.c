/* db.c — the vulnerability database file: schema, opening, sources, the match query */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>
#include <sys/stat.h>

#include "vulndb/db_internal.h"

#include "util/banned.h"

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
	"CREATE INDEX affected_key ON affected(ecosystem, release, package);"
	"CREATE INDEX affected_adv ON affected(adv);"
	"PRAGMA user_version = 1;";

static const char match_sql[] =
	"SELECT a.name, s.name, a.aliases, a.summary, a.severity, a.cvss, f.status,"
	" f.introduced, f.fixed, f.last_affected FROM affected f"
	" JOIN advisories a ON a.id = f.adv JOIN sources s ON s.id = a.source"
	" WHERE f.ecosystem = ?1 AND f.release = ?2 AND f.package = ?3"
	" ORDER BY a.name, s.name";

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
	int v = -1, tables = 0;

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
	if (v == 0 && tables == 0 && db->write)
		return sqlite3_exec(db->sq, schema, NULL, NULL, NULL) == SQLITE_OK
			       ? 0
			       : sq_err(err, db->sq, path, "cannot create the schema");
	if (tables != 3)
		return ia_err_set(err, -IA_ECORRUPT, path, 0,
				  "not an imgaudit vulnerability database (no sources, advisories "
				  "and affected tables)");
	if (v != VDB_SCHEMA_VERSION)
		return ia_err_set(err, -IA_EUNSUPPORTED, path, 0,
				  "database schema version %d, this imgaudit reads version %d: "
				  "import the feeds again into a new file",
				  v, VDB_SCHEMA_VERSION);
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
	if (!r && sqlite3_prepare_v2(db->sq, match_sql, -1, &db->match, NULL) != SQLITE_OK)
		r = sq_err(err, db->sq, path, "cannot prepare the match query");
	if (!r && sqlite3_prepare_v2(db->sq,
				     "SELECT count(*) FROM affected WHERE ecosystem = ?1 AND "
				     "release = ?2",
				     -1, &db->count, NULL) != SQLITE_OK)
		r = sq_err(err, db->sq, path, "cannot prepare a query");
	if (r) {
		vdb_close(db);
		return r;
	}
	*ret = db;
	return 0;
}

void vdb_close(struct vdb *db)
{
	if (!db)
		return;
	sqlite3_finalize(db->match);
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
			       "SELECT name, kind, data_date, imported_at, advisories, affected, "
			       "releases FROM sources ORDER BY imported_at, id",
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

/* Whether version v lies in the range of m (comparisons by eco); *cmp the sign against the
 * bound that closes it. -1 when a bound does not parse. */
static int in_range(enum vdb_eco eco, const char *v, struct vdb_match *m)
{
	int c = 0;

	if (m->introduced[0] && strcmp(m->introduced, "0") != 0) {
		if (vdb_vercmp(eco, v, m->introduced, &c, NULL) < 0)
			return -1;
		if (c < 0)
			return 0;
	}
	m->cmp = -1;
	if (m->fixed[0]) {
		if (vdb_vercmp(eco, v, m->fixed, &c, NULL) < 0)
			return -1;
		m->cmp = c;
		if (c >= 0)
			return 0;
	}
	if (m->last_affected[0]) {
		if (vdb_vercmp(eco, v, m->last_affected, &c, NULL) < 0)
			return -1;
		if (!m->fixed[0])
			m->cmp = c;
		if (c > 0)
			return 0;
	}
	return 1;
}

int vdb_match(struct vdb *db, const char *ecosystem, const char *release, const char *package,
	      const char *version, int (*cb)(const struct vdb_match *m, void *arg), void *arg,
	      size_t *bad, struct ia_err *err)
{
	sqlite3_stmt *st = db->match;
	enum vdb_eco eco;
	int r, rc;

	if (vdb_eco_comparator(ecosystem, &eco) < 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0,
				  "no exact version comparator for ecosystem '%s'", ecosystem);
	r = vdb_version_check(eco, version, strlen(version), err);
	if (r < 0)
		return r;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, ecosystem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, release, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, package, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vdb_match m = {
			.advisory = col(st, 0),
			.source = col(st, 1),
			.aliases = col(st, 2),
			.summary = col(st, 3),
			.severity = col(st, 4),
			.cvss = col(st, 5),
			.status = col(st, 6),
			.introduced = col(st, 7),
			.fixed = col(st, 8),
			.last_affected = col(st, 9),
			.ecosystem = ecosystem,
			.release = release,
			.package = package,
			.comparator = eco,
		};
		int in = in_range(eco, version, &m);

		if (in < 0) {
			if (bad)
				(*bad)++;
			continue;
		}
		if (in && (r = cb(&m, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = sq_err(err, db->sq, "", "cannot read the vulnerability database");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
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
