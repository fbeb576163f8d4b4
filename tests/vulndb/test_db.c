/* test_db.c — the vulnerability database: real feeds imported and matched, malformed feeds
 * refused with the database intact, the read-only open of a scan */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "util/err.h"
#include "util/limits.h"
#include "util/xalloc.h"
#include "vulndb/db.h"

struct hits {
	char ids[4096];
	size_t n;
	char last_fixed[128], last_status[32], last_sev[32], last_published[16];
	int last_cmp;
};

static int collect(const struct vdb_match *m, void *arg)
{
	struct hits *h = arg;
	size_t l = strlen(h->ids);

	snprintf(h->ids + l, sizeof(h->ids) - l, "%s%s", l ? " " : "", m->advisory);
	snprintf(h->last_fixed, sizeof(h->last_fixed), "%s", m->fixed);
	snprintf(h->last_status, sizeof(h->last_status), "%s", m->status);
	snprintf(h->last_sev, sizeof(h->last_sev), "%s", m->severity);
	snprintf(h->last_published, sizeof(h->last_published), "%s", m->published);
	h->last_cmp = m->cmp;
	h->n++;
	return 0;
}

static struct hits match(struct vdb *db, const char *eco, const char *rel, const char *pkg,
			 const char *ver)
{
	struct hits h = {0};
	struct ia_err err = {0};
	int r = vdb_match(db, eco, rel, pkg, ver, collect, &h, NULL, &err);

	if (r < 0)
		fail_msg("vdb_match %s %s %s %s: %s", eco, rel, pkg, ver, err.msg);
	return h;
}

static struct vdb *fresh(char **dir, char **path)
{
	struct vdb *db = NULL;
	struct ia_err err = {0};

	*dir = t_mkdtemp();
	assert_true(asprintf(path, "%s/vuln.db", *dir) > 0);
	if (vdb_open(*path, true, &db, &err) < 0)
		fail_msg("vdb_open: %s", err.msg);
	return db;
}

static void import_ok(struct vdb *db, const char *rel, struct vdb_import_result *res)
{
	char *p = t_data(rel);
	struct ia_err err = {0};

	if (vdb_import(db, p, res, &err) < 0)
		fail_msg("import %s: %s", rel, err.msg);
	free(p);
}

static void done(struct vdb *db, char *dir, char *path)
{
	vdb_close(db);
	t_rmtree(dir);
	free(dir);
	free(path);
}

/* The tracker: a package at the vulnerable version is found, at the fixed version not. */
static void test_debian_tracker(void **state)
{
	char *dir, *path;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct hits h;

	import_ok(db, "vulndb/debian-tracker/vunnel_debian.json", &res);
	assert_string_equal(res.format, "debian-tracker");
	/* sope CVE-2025-53603: bookworm fixed in 5.8.0-1+deb12u1 */
	h = match(db, "debian", "12", "sope", "5.8.0-1");
	assert_string_equal(h.ids, "CVE-2025-53603");
	assert_string_equal(h.last_fixed, "5.8.0-1+deb12u1");
	assert_string_equal(h.last_status, "fixed");
	assert_string_equal(h.last_published, ""); /* the tracker records no date */
	assert_true(h.last_cmp < 0);
	assert_int_equal(match(db, "debian", "12", "sope", "5.8.0-1+deb12u1").n, 0);
	/* the same version in bullseye's terms is past its own fix (5.0.1-2+deb11u1) */
	assert_int_equal(match(db, "debian", "11", "sope", "5.8.0-1").n, 0);
	/* fixed_version "0": never affected */
	import_ok(db, "vulndb/debian-tracker/osv.dev_debian_security_tracker_mock.json", &res);
	h = match(db, "debian", "12", "apparmor", "3.0.8-3");
	/* CVE-2014-1424 never affected bookworm, CVE-2017-6507 fixed before 3.0.8-3; CVE-2016-1585
	 * is open in bookworm: every version, no fix */
	assert_string_equal(h.ids, "CVE-2016-1585");
	assert_string_equal(h.last_status, "open");
	assert_true(vdb_release_entries(db, "debian", "12", NULL) > 0);
	assert_int_equal(vdb_release_entries(db, "debian", "7", NULL), 0);
	/* open in buster with urgency end-of-life: listed with that status, no fixed version */
	h = match(db, "debian", "10", "chromium", "90.0-1");
	assert_string_equal(h.last_status, "end-of-life");
	assert_string_equal(h.last_fixed, "");
	done(db, dir, path);
}

static void test_alpine_secdb(void **state)
{
	char *dir, *path;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct hits h;

	import_ok(db, "vulndb/alpine-secdb/v3.10-main.yaml", &res);
	assert_string_equal(res.format, "alpine-secdb");
	assert_string_equal(res.source, "alpine-secdb:v3.10/main");
	assert_true(res.affected > 1000);
	import_ok(db, "vulndb/alpine-secdb/v3.11-main.json", &res);
	assert_string_equal(res.source, "alpine-secdb:v3.11/main");
	/* a version apk refuses is left out and said so, not stored */
	assert_true(res.skipped > 0);
	assert_non_null(strstr(res.skip_why, "6.6.2p1-r0"));
	/* musl 1.1.22-r3 (v3.10: CVE-2019-14697 fixed in 1.1.22-r3) */
	h = match(db, "alpine", "3.10", "musl", "1.1.22-r2");
	assert_non_null(strstr(h.ids, "CVE-2019-14697"));
	assert_int_equal(match(db, "alpine", "3.10", "musl", "1.1.22-r3").n, 0);
	/* a release the database does not know */
	assert_int_equal(vdb_release_entries(db, "alpine", "3.18", NULL), 0);
	done(db, dir, path);
}

static void test_osv(void **state)
{
	char *dir, *path;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct hits h;
	struct ia_err err = {0};

	import_ok(db, "vulndb/osv/almalinux9", &res);
	assert_string_equal(res.format, "osv-dir");
	assert_true(res.advisories > 100);
	/* ALSA-2022:4940 (xz): fixed in 5.2.5-8.el9_0; binary rpm names */
	h = match(db, "almalinux", "9", "xz-libs", "5.2.5-7.el9");
	assert_non_null(strstr(h.ids, "ALSA-2022:4940"));
	assert_string_equal(h.last_published, "2022-06-08"); /* "published": the day of it */
	assert_false(strstr(match(db, "almalinux", "9", "xz-libs", "5.2.5-8.el9_0").ids,
			    "ALSA-2022:4940"));
	import_ok(db, "vulndb/osv/pypi", &res);
	/* a GIT range is left out and counted */
	assert_true(res.skipped > 0);
	import_ok(db, "vulndb/osv/ghsa", &res);
	/* log4j-core CVE-2021-44228: ranges [0, 2.3.1), [2.4, 2.12.2), [2.13.0, 2.15.0) */
	h = match(db, "maven", "", "org.apache.logging.log4j:log4j-core", "2.14.1");
	assert_non_null(strstr(h.ids, "GHSA-jfh8-c2jp-5v3q"));
	assert_string_equal(h.last_sev, "critical");
	assert_false(
		strstr(match(db, "maven", "", "org.apache.logging.log4j:log4j-core", "2.15.0").ids,
		       "GHSA-jfh8-c2jp-5v3q"));
	assert_int_equal(match(db, "maven", "", "org.apache.logging.log4j:log4j-core", "2.12.2").n,
			 0);
	assert_int_equal(match(db, "maven", "", "org.apache.logging.log4j:log4j-core", "2.3.1").n,
			 0);
	assert_int_equal(match(db, "maven", "", "org.apache.logging.log4j:log4j-core", "2.13.0").n,
			 1);
	/* lodash (npm, SemVer): fixed 4.17.12 */
	h = match(db, "npm", "", "lodash", "4.17.11");
	assert_non_null(strstr(h.ids, "GHSA-jf85"));
	assert_string_equal(h.last_published, "2019-07-10");
	assert_int_equal(match(db, "npm", "", "lodash", "4.17.12").n, 0);
	/* an installed version the comparator refuses is an error, never "not affected" */
	assert_int_equal(vdb_match(db, "npm", "", "lodash", "not a version", collect,
				   &(struct hits){0}, NULL, &err),
			 -IA_ECORRUPT);
	assert_true(strlen(err.msg) > 0);
	/* no comparator for RubyGems: said so */
	assert_int_equal(vdb_match(db, "rubygems", "", "rails", "1.0", collect, &(struct hits){0},
				   NULL, &err),
			 -IA_EUNSUPPORTED);
	done(db, dir, path);
}

/* A feed file written for a malformed case; refused, the database still answers as before. */
static void refused_at(struct vdb *db, const char *dir, const char *name, const char *body,
		       const char *target, const char *want)
{
	struct vdb_import_result res;
	struct ia_err err = {0};
	char *p;
	int r;

	t_write(dir, name, body, 0644);
	assert_true(asprintf(&p, "%s/%s", dir, target) > 0);
	r = vdb_import(db, p, &res, &err);
	if (r >= 0)
		fail_msg("%s was imported", name);
	if (!strstr(err.msg, want) && !strstr(err.path, want))
		fail_msg("%s: '%s' does not say '%s'", name, err.msg, want);
	/* the message names the feed, and the record inside a directory */
	assert_non_null(strstr(err.path, target));
	if (strcmp(target, name) != 0)
		assert_non_null(strstr(err.msg, strrchr(name, '/') + 1));
	free(p);
	assert_string_equal(match(db, "debian", "12", "sope", "5.8.0-1").ids, "CVE-2025-53603");
}

static void refused(struct vdb *db, const char *dir, const char *name, const char *body,
		    const char *want)
{
	refused_at(db, dir, name, body, name, want);
}

static char *big_ranges(size_t n)
{
	struct ia_buf b = IA_BUF_INIT((size_t)1 << 30);

	ia_buf_adds(&b, "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{"
			"\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},\"ranges\":[");
	for (size_t i = 0; i < n; i++)
		ia_buf_addf(&b,
			    "%s{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
			    "{\"fixed\":\"1.0.%zu\"}]}",
			    i ? "," : "", i);
	ia_buf_adds(&b, "]}]}");
	return ia_buf_detach(&b, NULL);
}

static void test_malformed(void **state)
{
	char *dir, *path, *s;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct vdb_source *v;
	size_t n;

	import_ok(db, "vulndb/debian-tracker/vunnel_debian.json", &res);
	refused(db, dir, "trunc.json", "{\"id\":\"OSV-1\",\"affected\":[{\"package\":", "bad JSON");
	refused(db, dir, "types.json",
		"{\"id\":\"OSV-1\",\"modified\":\"x\",\"affected\":[{\"package\":{\"ecosystem\":"
		"\"npm\",\"name\":7}}]}",
		"needs string ecosystem and name");
	refused(db, dir, "published.json",
		"{\"id\":\"OSV-1\",\"published\":20240101,\"affected\":[]}",
		"published must be strings");
	refused(db, dir, "ranges.json",
		"{\"id\":\"OSV-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":"
		"\"a\"},"
		"\"ranges\":{}}]}",
		"not an array");
	refused(db, dir, "tracker.json",
		"{\"sope\":{\"CVE-1\":{\"releases\":{\"bookworm\":{"
		"\"status\":\"resolved\"}}}}}",
		"without fixed_version");
	refused(db, dir, "secdb.yaml",
		"distroversion: v3.1\nreponame: main\napkurl: x\npackages:\n  - pkg: &a\n"
		"      name: x\n      secfixes: *a\n",
		"alias");
	refused(db, dir, "notafeed.txt", "hello\n", "not a feed");
	/* a huge advisory ID */
	s = ia_xmalloc(1 << 20);
	memset(s, 'A', (1 << 20) - 1);
	s[(1 << 20) - 1] = 0;
	{
		char *body;

		assert_true(asprintf(&body,
				     "{\"id\":\"%s\",\"affected\":[{\"package\":{\"ecosystem\":"
				     "\"npm\",\"name\":\"a\"}}]}",
				     s) > 0);
		refused(db, dir, "hugeid.json", body, "too long");
		free(body);
	}
	free(s);
	/* 10^6 ranges: over IA_MAX_OSV_RANGES in one record */
	s = big_ranges(1000000);
	refused(db, dir, "million.json", s, "IA_MAX_OSV_RANGES");
	free(s);
	/* the same in a directory of records: the record's size bound refuses it first */
	s = big_ranges(200000);
	t_mkdir(dir, "osvdir", 0755);
	t_write(dir, "osvdir/ok.json",
		"{\"id\":\"OK-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":"
		"\"a\"}}]}",
		0644);
	refused_at(db, dir, "osvdir/big.json", s, "osvdir", "IA_MAX_OSV_RECORD");
	free(s);
	assert_int_equal(vdb_sources(db, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "debian-tracker:vunnel_debian.json");
	vdb_sources_free(v, n);
	done(db, dir, path);
}

/* A scan opens the file read-only and immutable: nothing is created beside it. */
static void test_read_only(void **state)
{
	char *dir, *path, *journal;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct ia_err err = {0};
	struct stat st;

	import_ok(db, "vulndb/alpine-secdb/v3.11-main.json", &res);
	vdb_close(db);
	assert_int_equal(t_sh("chmod 0444 '%s' && chmod 0555 '%s'", path, dir), 0);
	assert_int_equal(vdb_open(path, false, &db, &err), 0);
	assert_non_null(
		strstr(match(db, "alpine", "3.11", "musl", "1.1.23-r1").ids, "CVE-2019-14697"));
	assert_int_equal(vdb_import(db, path, &res, &err), -EINVAL);
	assert_true(asprintf(&journal, "%s-journal", path) > 0);
	assert_int_not_equal(stat(journal, &st), 0);
	free(journal);
	vdb_close(db);
	assert_int_equal(t_sh("chmod 0755 '%s'", dir), 0);
	/* missing, and not a database */
	db = NULL;
	assert_int_equal(vdb_open("/nonexistent/vuln.db", false, &db, &err), -ENOENT);
	t_write(dir, "junk.db", "SQLite format 3 but not really\n", 0644);
	{
		char *junk;

		assert_true(asprintf(&junk, "%s/junk.db", dir) > 0);
		assert_true(vdb_open(junk, false, &db, &err) < 0);
		assert_null(db);
		free(junk);
	}
	t_rmtree(dir);
	free(dir);
	free(path);
}

/* A database of schema 1 (as the first imgaudit with a database made it, no covering index, no
 * counts): a scan reads it as it is; opening it to write upgrades it in place, nothing lost. */
static void test_schema1(void **state)
{
	static const char v1[] =
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
		"INSERT INTO sources VALUES(1, 'debian-tracker:old.json', 'debian-tracker', 1, 1, "
		"2, "
		"2, 'debian:12');"
		"INSERT INTO advisories VALUES(1, 1, 'CVE-2023-0002', '', 'b', 'high', '');"
		"INSERT INTO advisories VALUES(2, 1, 'CVE-2023-0001', '', 'a', 'low', '');"
		"INSERT INTO affected VALUES(1, 'debian', '12', 'openssl', 'fixed', '', "
		"'3.0.11-1~deb12u1', '');"
		"INSERT INTO affected VALUES(2, 'debian', '12', 'openssl', 'open', '', '', '');"
		"PRAGMA user_version = 1;";
	char *dir = t_mkdtemp(), *path;
	sqlite3 *sq = NULL;
	struct vdb *db = NULL;
	struct ia_err err = {0};
	struct vdb_import_result res;
	struct hits h;

	assert_true(asprintf(&path, "%s/v1.db", dir) > 0);
	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	assert_int_equal(sqlite3_exec(sq, v1, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(sq);
	/* read as it is: both entries, sorted by advisory, the release counted */
	if (vdb_open(path, false, &db, &err) < 0)
		fail_msg("vdb_open v1: %s", err.msg);
	h = match(db, "debian", "12", "openssl", "3.0.9-1");
	assert_string_equal(h.ids, "CVE-2023-0001 CVE-2023-0002");
	assert_int_equal(vdb_release_entries(db, "debian", "12", &err), 2);
	vdb_close(db);
	/* opened to write: upgraded, the same answers, then an import on top */
	if (vdb_open(path, true, &db, &err) < 0)
		fail_msg("vdb_open v1 to write: %s", err.msg);
	assert_string_equal(match(db, "debian", "12", "openssl", "3.0.9-1").ids,
			    "CVE-2023-0001 CVE-2023-0002");
	assert_int_equal(vdb_release_entries(db, "debian", "12", &err), 2);
	import_ok(db, "vulndb/alpine-secdb/v3.11-main.json", &res);
	assert_int_equal(vdb_release_entries(db, "debian", "12", &err), 2);
	assert_true(vdb_release_entries(db, "alpine", "3.11", &err) > 100);
	vdb_close(db);
	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	{
		sqlite3_stmt *st = NULL;

		assert_int_equal(sqlite3_prepare_v2(sq, "PRAGMA user_version", -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), VDB_SCHEMA_VERSION);
		sqlite3_finalize(st);
		/* a newer schema is refused, naming both versions */
		assert_int_equal(sqlite3_exec(sq, "PRAGMA user_version = 99", NULL, NULL, NULL),
				 SQLITE_OK);
	}
	sqlite3_close(sq);
	assert_int_equal(vdb_open(path, false, &db, &err), -IA_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "schema version 99"));
	t_rmtree(dir);
	free(dir);
	free(path);
}

/* apt Packages indexes: the suite from --suite or a Release file, stored and read back; no
 * suite, a bad suite name, a Release file without one, an index without a valid stanza:
 * refused, the database as it was. */
static void test_apt_index(void **state)
{
	char *dir, *path, *gz = t_data("debian-apt/bookworm-security_main_amd64_Packages.gz");
	char *rel = t_data("debian-apt/bookworm-security_InRelease"), *p;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct vdb_import_opts o = {.release_file = rel};
	struct vdb_apt_index idx;
	struct ia_err err = {0};

	assert_int_equal(vdb_import_opts(db, gz, &o, &res, &err), 0);
	assert_int_equal(res.packages, 3028);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_stored(db, "bookworm-security", &idx, &err), 3028);
	assert_int_equal(idx.n, 3028);
	vdb_apt_index_release(&idx);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_stored(db, "bullseye-security", &idx, &err), 0);
	vdb_apt_index_release(&idx);
	/* no suite */
	assert_int_equal(vdb_import(db, gz, &res, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "--suite"));
	/* a bad suite name */
	o = (struct vdb_import_opts){.suite = "../x y"};
	assert_int_equal(vdb_import_opts(db, gz, &o, &res, &err), -EINVAL);
	/* a Release file naming no suite */
	t_write(dir, "Release", "Origin: Debian\nDate: Tue, 24 Nov 2026 00:34:33 UTC\n", 0644);
	assert_true(asprintf(&p, "%s/Release", dir) > 0);
	o = (struct vdb_import_opts){.release_file = p};
	assert_int_equal(vdb_import_opts(db, gz, &o, &res, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "Codename"));
	free(p);
	/* an index of the same name without one valid stanza: refused, the stored one intact */
	t_write(dir, "bookworm-security_main_amd64_Packages", "Package: x\nVersion: !bad\n\n",
		0644);
	assert_true(asprintf(&p, "%s/bookworm-security_main_amd64_Packages", dir) > 0);
	o = (struct vdb_import_opts){.suite = "bookworm-security"};
	assert_true(vdb_import_opts(db, p, &o, &res, &err) < 0);
	free(p);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_stored(db, "bookworm-security", &idx, &err), 3028);
	vdb_apt_index_release(&idx);
	free(gz);
	free(rel);
	done(db, dir, path);
}

/* DSA/DLA lists: the real ones imported; malformed ones (an over-long line, a NUL byte, no
 * advisory with a CVE and a fixed version) refused with the database intact. */
static void test_dsa_lists(void **state)
{
	char *dir, *path, *p;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct ia_err err = {0};
	char *big = ia_xmalloc(20000);

	import_ok(db, "vulndb/debian-lists/DSA-list.gz", &res);
	assert_string_equal(res.source, "debian-dsa:DSA-list.gz");
	assert_true(res.advisories > 4000);
	assert_true(res.affected > 20000);
	import_ok(db, "vulndb/debian-lists/DLA-list.gz", &res);
	assert_true(res.advisories > 3000);
	/* an over-long line */
	memset(big, 'x', 19999);
	big[19999] = 0;
	memcpy(big, "[29 Mar 2023] DSA-1-1 x - y\n\t{CVE-2023-1}\n\t", 43);
	t_write(dir, "DSA-list", big, 0644);
	assert_true(asprintf(&p, "%s/DSA-list", dir) > 0);
	assert_true(vdb_import(db, p, &res, &err) < 0);
	assert_non_null(strstr(err.msg, "longer than"));
	/* nothing usable */
	t_write(dir, "DSA-list", "[29 Mar 2023] DSA-1-1 x - y\n\t[bullseye] - x <not-affected>\n",
		0644);
	assert_true(vdb_import(db, p, &res, &err) < 0);
	assert_non_null(strstr(err.msg, "no advisory with a CVE"));
	free(p);
	free(big);
	/* the real lists are still there */
	{
		struct vdb_source *v = NULL;
		size_t n = 0;

		assert_int_equal(vdb_sources(db, &v, &n, &err), 0);
		assert_int_equal(n, 2);
		vdb_sources_free(v, n);
	}
	done(db, dir, path);
}

/* The stored release counts follow a feed imported again with other releases. */
static void test_release_counts(void **state)
{
	char *dir, *path, *p;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct ia_err err = {0};

	assert_true(asprintf(&p, "%s/t.json", dir) > 0);
	t_write(dir, "t.json",
		"{\"a\":{\"CVE-2023-1\":{\"releases\":{\"bookworm\":{\"status\":\"resolved\","
		"\"fixed_version\":\"1.1\"}}},\"CVE-2023-2\":{\"releases\":{\"bookworm\":"
		"{\"status\":\"resolved\",\"fixed_version\":\"1.2\"}}}}}",
		0644);
	assert_int_equal(vdb_import(db, p, &res, &err), 0);
	import_ok(db, "vulndb/alpine-secdb/v3.11-main.json", &res);
	assert_int_equal(vdb_release_entries(db, "debian", "12", &err), 2);
	t_write(dir, "t.json",
		"{\"a\":{\"CVE-2023-1\":{\"releases\":{\"bullseye\":{\"status\":\"resolved\","
		"\"fixed_version\":\"1.1\"}}}}}",
		0644);
	assert_int_equal(vdb_import(db, p, &res, &err), 0);
	assert_int_equal(vdb_release_entries(db, "debian", "12", &err), 0);
	assert_int_equal(vdb_release_entries(db, "debian", "11", &err), 1);
	assert_true(vdb_release_entries(db, "alpine", "3.11", &err) > 100);
	free(p);
	done(db, dir, path);
}

/* An OSV zip dump (as osv.dev publishes them: one record a member), made here from real
 * records; one with a malformed member is refused naming it, the database intact. */
static void test_zip(void **state)
{
	char *dir, *path, *zip;
	struct vdb *db = fresh(&dir, &path);
	struct vdb_import_result res;
	struct ia_err err = {0};
	char *ghsa = t_data("vulndb/osv/ghsa");

	assert_true(asprintf(&zip, "%s/npm.zip", dir) > 0);
	assert_int_equal(
		t_sh("cd '%s' && python3 -c 'import sys, zipfile, glob, os\n"
		     "z = zipfile.ZipFile(sys.argv[1], \"w\", zipfile.ZIP_DEFLATED)\n"
		     "for f in sorted(glob.glob(\"*.json\")): z.write(f, os.path.basename(f))\n"
		     "z.writestr(\"README.txt\", \"not a record\")\n' '%s'",
		     ghsa, zip),
		0);
	if (vdb_import(db, zip, &res, &err) < 0)
		fail_msg("zip: %s", err.msg);
	assert_string_equal(res.format, "osv-zip");
	assert_string_equal(res.source, "osv:npm.zip");
	assert_int_equal(res.advisories, 5);
	assert_non_null(strstr(match(db, "npm", "", "lodash", "4.17.11").ids, "GHSA-jf85"));
	/* a member that is not JSON: refused, named; the first import still answers */
	assert_int_equal(t_sh("cd '%s' && python3 -c 'import sys, zipfile\n"
			      "z = zipfile.ZipFile(sys.argv[1], \"a\")\n"
			      "z.writestr(\"broken/BAD-1.json\", \"{\\\"id\\\": \")\n' '%s'",
			      dir, zip),
			 0);
	memset(&err, 0, sizeof(err));
	assert_true(vdb_import(db, zip, &res, &err) < 0);
	assert_non_null(strstr(err.msg, "broken/BAD-1.json"));
	assert_non_null(strstr(match(db, "npm", "", "lodash", "4.17.11").ids, "GHSA-jf85"));
	/* a truncated zip */
	assert_int_equal(t_sh("truncate -s 2000 '%s'", zip), 0);
	assert_true(vdb_import(db, zip, &res, &err) < 0);
	assert_non_null(strstr(match(db, "npm", "", "lodash", "4.17.11").ids, "GHSA-jf85"));
	free(zip);
	free(ghsa);
	done(db, dir, path);
}

/* Feeds from memory (the fuzz harness's entry): the same importers. */
static void test_mem(void **state)
{
	struct vdb *db = NULL;
	struct vdb_import_result res;
	struct ia_err err = {0};
	static const char secdb[] =
		"distroversion: v3.18\nreponame: main\napkurl: x\npackages:\n"
		"  - pkg:\n      name: musl\n      secfixes:\n        1.2.4-r2:\n"
		"          - CVE-2099-1\n";

	assert_int_equal(vdb_open(":memory:", true, &db, &err), 0);
	assert_int_equal(vdb_import_mem(db, "mem.yaml", secdb, sizeof(secdb) - 1, &res, &err), 0);
	assert_string_equal(match(db, "alpine", "3.18", "musl", "1.2.4-r1").ids, "CVE-2099-1");
	assert_true(vdb_import_mem(db, "nul.json", "{\"a\":\0}", 7, &res, &err) < 0);
	vdb_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_tracker),
		cmocka_unit_test(test_alpine_secdb),
		cmocka_unit_test(test_osv),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_schema1),
		cmocka_unit_test(test_apt_index),
		cmocka_unit_test(test_dsa_lists),
		cmocka_unit_test(test_release_counts),
		cmocka_unit_test(test_zip),
		cmocka_unit_test(test_mem),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
