/* test_nodejs.c — the Node.js security WG's advisories: real core and npm records imported and
 * matched (node-semver ranges as intervals), malformed records refused, hostile ranges bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/limits.h"
#include "vulndb/db.h"

struct hits {
	char ids[8192];
	size_t n;
	char fixed[128], last[128], intro[128], status[32], sev[32], summary[512], aliases[256];
};

static int collect(const struct vdb_match *m, void *arg)
{
	struct hits *h = arg;
	size_t l = strlen(h->ids);

	snprintf(h->ids + l, sizeof(h->ids) - l, "%s%s", l ? " " : "", m->advisory);
	snprintf(h->fixed, sizeof(h->fixed), "%s", m->fixed);
	snprintf(h->last, sizeof(h->last), "%s", m->last_affected);
	snprintf(h->intro, sizeof(h->intro), "%s", m->introduced);
	snprintf(h->status, sizeof(h->status), "%s", m->status);
	snprintf(h->sev, sizeof(h->sev), "%s", m->severity);
	snprintf(h->summary, sizeof(h->summary), "%s", m->summary);
	snprintf(h->aliases, sizeof(h->aliases), "%s", m->aliases);
	h->n++;
	return 0;
}

static struct hits match(struct vdb *db, const char *eco, const char *pkg, const char *ver)
{
	struct hits h = {0};
	struct ia_err err = {0};

	if (vdb_match(db, eco, "", pkg, ver, collect, &h, NULL, &err) < 0)
		fail_msg("vdb_match %s %s %s: %s", eco, pkg, ver, err.msg);
	return h;
}

/* Whether id is among the hits (a whole word). */
static bool has(const struct hits *h, const char *id)
{
	size_t l = strlen(id);

	for (const char *p = h->ids; (p = strstr(p, id)); p += l)
		if ((p == h->ids || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
			return true;
	return false;
}

/* Whether pkg at ver matches advisory id. */
static bool hit(struct vdb *db, const char *eco, const char *pkg, const char *ver, const char *id)
{
	struct hits h = match(db, eco, pkg, ver);

	return has(&h, id);
}

static struct vdb *mem_db(void)
{
	struct vdb *db = NULL;
	struct ia_err err = {0};

	assert_int_equal(vdb_open(":memory:", true, &db, &err), 0);
	return db;
}

static void import_file(struct vdb *db, const char *rel, struct vdb_import_result *res)
{
	char *p = t_data(rel);
	struct ia_err err = {0};

	if (vdb_import(db, p, res, &err) < 0)
		fail_msg("import %s: %s", rel, err.msg);
	free(p);
}

static int import_mem(struct vdb *db, const char *name, const char *body,
		      struct vdb_import_result *res, struct ia_err *err)
{
	memset(err, 0, sizeof(*err));
	return vdb_import_mem(db, name, body, strlen(body), res, err);
}

/* The runtime: "8.x" minus "^8.1.4" is [8.0.0, 8.1.4), fixed in 8.1.4; a series the record
 * does not patch (5.x) is affected with no fix in it; Windows-only records are left out. */
static void test_core(void **state)
{
	struct vdb *db = mem_db();
	struct vdb_import_result res;
	struct hits h;

	import_file(db, "vulndb/nodejs-security-wg/core/index.json", &res);
	assert_string_equal(res.format, "nodejs-security-wg");
	assert_string_equal(res.source, "nodejs-security-wg:core/index.json");
	assert_true(res.advisories > 150);
	/* 9 records affect only win32 (or darwin): said, not stored */
	assert_int_equal(res.skipped, 9);
	assert_non_null(strstr(res.skip_why, "only other systems than Linux"));
	/* NSWG-CORE-1 (CVE-2017-1000381): vulnerable 8.x || 7.x || 4.x || 6.x || 5.x, patched
	 * ^8.1.4 || ^7.10.1 || ^4.8.4 || ^6.11.1 */
	h = match(db, "nodejs", "node", "8.1.3");
	assert_true(has(&h, "NSWG-CORE-1"));
	h = match(db, "nodejs", "node", "8.1.4");
	assert_false(has(&h, "NSWG-CORE-1"));
	h = match(db, "nodejs", "node", "6.11.0");
	assert_true(has(&h, "NSWG-CORE-1"));
	assert_false(hit(db, "nodejs", "node", "6.11.1", "NSWG-CORE-1"));
	/* 5.x has no patched release: affected, open, bounded by the series */
	h = match(db, "nodejs", "node", "5.12.0");
	assert_true(has(&h, "NSWG-CORE-1"));
	/* 9.x was never listed as vulnerable */
	assert_false(hit(db, "nodejs", "node", "9.0.0", "NSWG-CORE-1"));
	/* NSWG-CORE-150 (CVE-2024-27980) is win32 only: not stored */
	assert_false(hit(db, "nodejs", "node", "20.12.1", "NSWG-CORE-150"));
	/* a current release of a maintained series matches nothing of this data (2026-04) */
	assert_int_equal(match(db, "nodejs", "node", "24.14.1").n, 0);
	/* the CVEs are the aliases, the patched releases in the summary */
	h = match(db, "nodejs", "node", "7.10.0");
	assert_true(has(&h, "NSWG-CORE-1"));
	vdb_close(db);

	/* one record alone, numbered by its file name */
	db = mem_db();
	import_file(db, "vulndb/nodejs-security-wg/1.json", &res);
	assert_string_equal(res.source, "nodejs-security-wg:core/1.json");
	h = match(db, "nodejs", "node", "4.8.3");
	assert_string_equal(h.ids, "NSWG-CORE-1");
	assert_string_equal(h.aliases, "CVE-2017-1000381");
	assert_string_equal(h.fixed, "4.8.4");
	assert_string_equal(h.status, "fixed");
	assert_string_equal(h.sev, "high");
	assert_non_null(strstr(h.summary, "(patched: ^8.1.4 || ^7.10.1 || ^4.8.4 || ^6.11.1)"));
	h = match(db, "nodejs", "node", "5.0.0");
	assert_string_equal(h.status, "open");
	assert_string_equal(h.fixed, "6.0.0-0");
	vdb_close(db);
}

/* npm modules: jquery's XSS advisory 328 (">=1.4.0 <=1.11.3 || >=1.12.3 <=2.2.4", patched
 * ">=3.0.0") leaves 1.12.0 out and gives 3.0.0 as the fix. */
static void test_npm(void **state)
{
	struct vdb *db = mem_db();
	struct vdb_import_result res;
	struct hits h;

	import_file(db, "vulndb/nodejs-security-wg/npm/index.json", &res);
	assert_string_equal(res.source, "nodejs-security-wg:npm/index.json");
	assert_int_equal(res.advisories, 467);
	/* the data's date is its newest record's (2020-07-13), not the file's */
	{
		struct vdb_source *v;
		size_t n;

		assert_int_equal(vdb_sources(db, &v, &n, NULL), 0);
		assert_int_equal(n, 1);
		assert_int_equal(v[0].data_date, 1594598400);
		vdb_sources_free(v, n);
	}
	h = match(db, "npm", "jquery", "1.11.1");
	assert_true(has(&h, "NSWG-NPM-328"));
	assert_string_equal(h.fixed, "3.0.0");
	assert_string_equal(h.last, "1.11.3");
	assert_string_equal(h.status, "fixed");
	assert_false(hit(db, "npm", "jquery", "1.12.0", "NSWG-NPM-328"));
	assert_true(hit(db, "npm", "jquery", "2.2.4", "NSWG-NPM-328"));
	assert_false(hit(db, "npm", "jquery", "3.0.0", "NSWG-NPM-328"));
	/* 1.3.2 is before the range */
	assert_false(hit(db, "npm", "jquery", "1.3.2", "NSWG-NPM-328"));
	/* lodash 516: ">=4.17.15 <4.17.19" */
	assert_true(hit(db, "npm", "lodash", "4.17.15", "NSWG-NPM-516"));
	assert_false(hit(db, "npm", "lodash", "4.17.14", "NSWG-NPM-516"));
	assert_int_equal(match(db, "npm", "lodash", "4.17.21").n, 0);
	/* severity from the CVSS score, the vector kept */
	h = match(db, "npm", "jquery", "1.12.3");
	assert_string_equal(h.ids, "NSWG-NPM-328");
	assert_string_equal(h.sev, "high");
	vdb_close(db);
}

/* node-semver forms, each exact: ">V" is ">= the least version after V". */
static void test_ranges(void **state)
{
	struct vdb *db = mem_db();
	struct vdb_import_result res;
	struct ia_err err = {0};
	static const char body[] =
		"{\"1\":{\"module_name\":\"gt\",\"vulnerable_versions\":\"> 1.2.3 <2\","
		"\"patched_versions\":\">=2.0.0\",\"title\":\"t\"},"
		"\"2\":{\"module_name\":\"tilde\",\"vulnerable_versions\":\"<1.5.0\","
		"\"patched_versions\":\"~1.4.7 || >=1.5.0\",\"title\":\"t\"},"
		"\"3\":{\"module_name\":\"caret0\",\"vulnerable_versions\":\"*\","
		"\"patched_versions\":\"^0.2.3 || >= 1.x\",\"title\":\"t\"},"
		"\"4\":{\"module_name\":\"pre\",\"vulnerable_versions\":\">=1.0.0-beta.1 "
		"<=1.0.0-rc.2\",\"patched_versions\":\">=1.0.0\",\"title\":\"t\"},"
		"\"5\":{\"module_name\":\"eq\",\"vulnerable_versions\":\"=1.0.1 || 1.2\","
		"\"patched_versions\":null,\"title\":\"t\"}}";

	assert_int_equal(import_mem(db, "npm/index.json", body, &res, &err), 0);
	assert_int_equal(res.skipped, 0);
	assert_int_equal(match(db, "npm", "gt", "1.2.3").n, 0);
	assert_int_equal(match(db, "npm", "gt", "1.2.4-alpha").n, 1);
	assert_int_equal(match(db, "npm", "gt", "1.9.9").n, 1);
	assert_int_equal(match(db, "npm", "gt", "2.0.0").n, 0);
	/* "<2" ends before 2.0.0's prereleases; 2.0.0 is patched: the fix is 2.0.0 */
	assert_string_equal(match(db, "npm", "gt", "1.5.0").fixed, "2.0.0");
	/* <1.5.0 minus ~1.4.7: 1.4.6 affected (fixed in 1.4.7), 1.4.8 not */
	assert_string_equal(match(db, "npm", "tilde", "1.4.6").fixed, "1.4.7");
	assert_int_equal(match(db, "npm", "tilde", "1.4.8").n, 0);
	assert_int_equal(match(db, "npm", "tilde", "1.5.0").n, 0);
	/* * minus ^0.2.3 (= <0.3.0-0) minus >=1.0.0 */
	assert_int_equal(match(db, "npm", "caret0", "0.2.2").n, 1);
	assert_int_equal(match(db, "npm", "caret0", "0.2.9").n, 0);
	assert_int_equal(match(db, "npm", "caret0", "0.3.0").n, 1);
	assert_int_equal(match(db, "npm", "caret0", "1.0.0").n, 0);
	/* prereleases */
	assert_int_equal(match(db, "npm", "pre", "1.0.0-alpha").n, 0);
	assert_int_equal(match(db, "npm", "pre", "1.0.0-rc.1").n, 1);
	assert_int_equal(match(db, "npm", "pre", "1.0.0").n, 0);
	/* exact versions and an x-range, with no patched set: open */
	assert_string_equal(match(db, "npm", "eq", "1.0.1").status, "open");
	assert_int_equal(match(db, "npm", "eq", "1.0.2").n, 0);
	assert_int_equal(match(db, "npm", "eq", "1.2.7").n, 1);
	assert_int_equal(match(db, "npm", "eq", "1.3.0").n, 0);
	vdb_close(db);
}

/* Malformed records are refused naming the record, the database as it was; a range imgaudit
 * cannot read, or one over IA_MAX_NSWG_INTERVALS, is left out and said so. */
static void test_malformed(void **state)
{
	struct vdb *db = mem_db();
	struct vdb_import_result res;
	struct ia_err err = {0};
	struct vdb_source *v;
	size_t n;

	import_file(db, "vulndb/nodejs-security-wg/328.json", &res);
	assert_true(import_mem(db, "core/index.json",
			       "{\"1\":{\"vulnerable\":8,\"patched\":\"^8.1.4\"}}", &res,
			       &err) < 0);
	assert_non_null(strstr(err.msg, "must be strings"));
	assert_true(import_mem(db, "core/index.json",
			       "{\"1\":{\"vulnerable\":\"8.x\",\"patched\":\"^8.1.4\"},\"2\":[]}",
			       &res, &err) < 0);
	assert_non_null(strstr(err.msg, "record 2 is not a Node.js security WG core record"));
	assert_true(import_mem(db, "core/index.json",
			       "{\"x1\":{\"vulnerable\":\"8.x\",\"patched\":\"^8.1.4\"}}", &res,
			       &err) < 0);
	assert_non_null(strstr(err.msg, "not a number"));
	assert_true(
		import_mem(db, "core/index.json",
			   "{\"1\":{\"vulnerable\":\"8.x\",\"patched\":\"^8.1.4\",\"cve\":[1]}}",
			   &res, &err) < 0);
	assert_true(import_mem(db, "core/index.json", "{\"1\":{\"vulnerable\":\"8.x\",\"pat", &res,
			       &err) < 0);
	/* a range that is not node-semver, and a version too long: skipped, said */
	assert_int_equal(
		import_mem(db, "npm/index.json",
			   "{\"1\":{\"module_name\":\"a\",\"vulnerable_versions\":\"1.0 - "
			   "2.0\",\"patched_versions\":\"\"},\"2\":{\"module_name\":\"b\","
			   "\"vulnerable_versions\":\"<1.0.0-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}}",
			   &res, &err),
		0);
	assert_int_equal(res.skipped, 2);
	assert_non_null(strstr(res.skip_why, "not node-semver"));
	/* 10,000 alternatives: over IA_MAX_NSWG_INTERVALS, left out */
	{
		char *body = malloc(200000), *p = body;

		p += sprintf(p, "{\"1\":{\"module_name\":\"many\",\"vulnerable_versions\":\"");
		for (int i = 0; i < 10000; i++)
			p += sprintf(p, "%s%d.0.0", i ? " || " : "", i);
		sprintf(p, "\"}}");
		assert_int_equal(import_mem(db, "npm/index.json", body, &res, &err), 0);
		assert_int_equal(res.skipped, 1);
		assert_non_null(strstr(res.skip_why, "IA_MAX_NSWG_INTERVALS"));
		free(body);
	}
	assert_int_equal(match(db, "npm", "many", "1.0.0").n, 0);
	/* the refused imports left the first source as it was */
	assert_int_equal(vdb_sources(db, &v, &n, NULL), 0);
	assert_true(n >= 1);
	assert_string_equal(v[0].name, "nodejs-security-wg:npm/328.json");
	vdb_sources_free(v, n);
	assert_int_equal(match(db, "npm", "jquery", "1.11.1").n, 1);
	vdb_close(db);
}

/* The WG's directories as they are (vuln/core, vuln/npm: N.json beside index.json), and vuln/
 * holding them with deps/: the same advisories and ranges as their index.json; a bad record in
 * a directory refuses it whole, naming the file, the database intact. */
static void test_directories(void **state)
{
	struct vdb *db = mem_db();
	struct vdb_import_result res, idx;
	struct vdb_source *v;
	struct ia_err err = {0};
	char *dir = t_mkdtemp(), *core = t_data("vulndb/nodejs-security-wg/core"),
	     *npm = t_data("vulndb/nodejs-security-wg/npm"),
	     *deps = t_data("vulndb/nodejs-security-wg/deps"), *p;
	size_t n;

	import_file(db, "vulndb/nodejs-security-wg/core", &res);
	assert_string_equal(res.format, "nodejs-security-wg-dir");
	assert_string_equal(res.source, "nodejs-security-wg:core");
	import_file(db, "vulndb/nodejs-security-wg/core/index.json", &idx);
	assert_int_equal(res.advisories, 162); /* 171 records, 9 not for Linux */
	assert_int_equal(res.advisories, idx.advisories);
	assert_int_equal(res.affected, idx.affected);
	assert_int_equal(res.skipped, idx.skipped);
	import_file(db, "vulndb/nodejs-security-wg/npm", &res);
	import_file(db, "vulndb/nodejs-security-wg/npm/index.json", &idx);
	assert_int_equal(res.advisories, 467);
	assert_int_equal(res.advisories, idx.advisories);
	assert_int_equal(res.affected, idx.affected);
	/* CVE-2022-35256 (core/100.json): 14.x below 14.20.1; bassmaster (npm/1.json) <= 1.5.1 */
	assert_true(hit(db, "nodejs", "node", "14.20.0", "NSWG-CORE-100"));
	assert_false(hit(db, "nodejs", "node", "14.20.1", "NSWG-CORE-100"));
	assert_true(hit(db, "npm", "bassmaster", "1.5.1", "NSWG-NPM-1"));
	assert_false(hit(db, "npm", "bassmaster", "1.5.2", "NSWG-NPM-1"));
	vdb_close(db);

	/* vuln/ itself: core and npm read, deps left out */
	db = mem_db();
	assert_int_equal(t_sh("mkdir '%s/vuln' && cp -r '%s' '%s' '%s' '%s/vuln/'", dir, core, npm,
			      deps, dir),
			 0);
	assert_true(asprintf(&p, "%s/vuln", dir) > 0);
	if (vdb_import(db, p, &res, &err) < 0)
		fail_msg("import vuln/: %s", err.msg);
	assert_string_equal(res.source, "nodejs-security-wg:vuln");
	assert_int_equal(res.advisories, 162 + 467);
	assert_int_equal(res.skipped, 9 + 1); /* the non-Linux core records and deps/ */
	/* a record that is not JSON: the directory refused, named, the database as it was */
	t_write(dir, "vuln/npm/9999.json", "{\"id\": 9999, \"module_name\": ", 0644);
	assert_true(vdb_import(db, p, &res, &err) < 0);
	assert_non_null(strstr(err.msg, "npm/9999.json: bad JSON"));
	/* a record of another kind */
	t_write(dir, "vuln/npm/9999.json", "{\"id\": 9999}", 0644);
	assert_true(vdb_import(db, p, &res, &err) < 0);
	assert_non_null(strstr(err.msg, "npm/9999.json: not a Node.js security WG core or npm "
					"record"));
	assert_int_equal(vdb_sources(db, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].advisories, 162 + 467);
	vdb_sources_free(v, n);
	assert_true(hit(db, "npm", "bassmaster", "1.5.1", "NSWG-NPM-1"));
	free(p);
	free(core);
	free(npm);
	free(deps);
	vdb_close(db);
	t_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core),        cmocka_unit_test(test_npm),
		cmocka_unit_test(test_ranges),      cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_directories),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
