/* test_eol_db.c — end-of-life feeds of db update (endoflife.date API JSON, distro-info-data CSV)
 * imported, preferred over the shipped tables when newer, malformed ones refused intact */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "vulndb/db.h"
#include "vulndb/eol.h"
#include "vulndb/latest.h"

/* endoflife.date's API answer for one product, releases given as JSON text. */
static char *api(const char *product, const char *generated, const char *releases)
{
	char *s;

	assert_true(asprintf(&s,
			     "{\"schema_version\":\"1.2.0\",\"generated_at\":\"%s\",\"result\":"
			     "{\"name\":\"%s\",\"label\":\"L-%s\",\"releases\":[%s]}}",
			     generated, product, product, releases) > 0);
	return s;
}

static int import_text(struct vdb *db, const char *dir, const char *name, const char *body,
		       struct ia_err *err)
{
	struct vdb_import_result res;
	char *p;
	int r;

	t_write(dir, name, body, 0644);
	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	r = vdb_import(db, p, &res, err);
	free(p);
	return r;
}

static const struct vdb_eol *lookup(struct vdb *db, bool os, const char *key, const char *ver,
				    struct vdb_eol_table **t)
{
	const struct vdb_eol *e = NULL;
	struct ia_err err = {0};

	if (vdb_eol_load_db(db, os, t, &err) < 0)
		fail_msg("vdb_eol_load_db: %s", err.msg);
	assert_true(vdb_eol_lookup(*t, key, ver, &e) >= 0);
	return e;
}

static const char php82[] =
	"{\"name\":\"8.2\",\"codename\":null,\"label\":\"8.2\",\"releaseDate\":\"2022-12-08\","
	"\"isLts\":false,\"isEol\":false,\"eolFrom\":\"2026-11-30\",\"isMaintained\":true,"
	"\"latest\":{\"name\":\"8.2.99\",\"date\":\"2026-11-01\",\"link\":null}},"
	"{\"name\":\"5.2\",\"isEol\":true,\"eolFrom\":null,\"latest\":null}";

static void test_newer_wins(void **state)
{
	char *dir = t_mkdtemp(), *path, *s, *csv = t_data("eol/distro-info-data/debian.csv");
	struct vdb *db = NULL;
	struct vdb_eol_table *t = NULL;
	struct ia_err err = {0};
	struct vdb_import_result res;
	const struct vdb_eol *e;

	assert_true(asprintf(&path, "%s/vuln.db", dir) > 0);
	assert_int_equal(vdb_open(path, true, &db, &err), 0);
	/* the shipped table: PHP 8.2 ends 2026-12-31, nginx 1.24 2024-04-23 */
	e = lookup(NULL, false, "php", "8.2.10", &t);
	assert_string_equal(e->eol, "2026-12-31");
	assert_string_equal(vdb_eol_data_date(t), "2026-08-22");
	vdb_eol_free(t);

	s = api("php", "2026-11-30T06:00:00+00:00", php82);
	if (import_text(db, dir, "php.json", s, &err) < 0)
		fail_msg("import: %s", err.msg);
	free(s);
	/* older than the shipped table (2026-08-22): not preferred */
	s = api("nginx", "2026-01-01T00:00:00Z",
		"{\"name\":\"1.24\",\"isEol\":false,\"eolFrom\":\"2099-01-01\"}");
	assert_int_equal(import_text(db, dir, "nginx.json", s, &err), 0);
	free(s);
	/* the real debian.csv: its data is of its download (the file's time, today) */
	assert_int_equal(vdb_import(db, csv, &res, &err), 0);
	assert_string_equal(res.format, "eol-distro-info");
	assert_int_equal(res.affected, 20); /* 22 lines, sid and experimental have no version */

	e = lookup(db, false, "php", "8.2.10", &t);
	assert_string_equal(e->eol, "2026-11-30");
	assert_string_equal(e->name, "L-php");
	assert_string_equal(e->source,
			    "endoflife.date php of 2026-11-30, from the vulnerability database");
	assert_int_equal(vdb_eol_state(e, "2026-12-02"), VDB_EOL_ENDED);
	/* every shipped php row was replaced: 8.3 is no longer known, 5.2 ended without a date */
	assert_int_equal(vdb_eol_lookup(t, "php", "8.3.1", &e), -ESRCH);
	assert_int_equal(vdb_eol_lookup(t, "php", "5.2.17", &e), 0);
	assert_true(e->ended);
	assert_int_equal(vdb_eol_lookup(t, "nginx", "1.24.0", &e), 0);
	assert_string_equal(e->eol, "2024-04-23");
	assert_non_null(strstr(e->source, "endoflife.date nginx@"));
	vdb_eol_free(t);

	e = lookup(db, true, "debian", "12", &t);
	assert_string_equal(e->eol, "2028-06-30"); /* LTS */
	assert_string_equal(e->security_eol, "2026-07-11");
	assert_string_equal(e->codename, "Bookworm");
	assert_non_null(strstr(e->source, "distro-info-data debian.csv of "));
	assert_int_equal(vdb_eol_lookup(t, "debian", "6.0.10", &e), 0); /* 6.0 read as 6 */
	assert_string_equal(e->cycle, "6");
	vdb_eol_free(t);
	/* the latest releases (COMP-005) likewise: PHP's from the database, nginx's shipped */
	{
		struct vdb_latest_table *lt = NULL;
		const struct vdb_latest *l;

		assert_string_equal(vdb_latest_data_date(NULL), "");
		assert_int_equal(vdb_latest_load_db(db, &lt, &err), 0);
		assert_string_equal(vdb_latest_data_date(lt), "2026-08-22");
		l = vdb_latest_find(lt, "php", "8.2");
		assert_non_null(l);
		assert_string_equal(l->latest, "8.2.99");
		assert_string_equal(l->date, "2026-11-01");
		assert_string_equal(
			l->source,
			"endoflife.date php of 2026-11-30, from the vulnerability database");
		assert_null(vdb_latest_find(lt, "php", "8.3"));
		assert_null(vdb_latest_find(lt, "php", "5.2")); /* no latest in the served data */
		l = vdb_latest_find(lt, "nginx", "1.24");
		assert_non_null(l);
		assert_non_null(strstr(l->source, "endoflife.date nginx@"));
		vdb_latest_free(lt);
	}
	vdb_close(db);

	/* a scan's read-only open sees the same */
	assert_int_equal(vdb_open(path, false, &db, &err), 0);
	e = lookup(db, false, "php", "8.2.10", &t);
	assert_string_equal(e->eol, "2026-11-30");
	vdb_eol_free(t);
	vdb_close(db);
	free(csv);
	free(path);
	t_rmtree(dir);
	free(dir);
}

static void refused(struct vdb *db, const char *dir, const char *name, const char *body,
		    const char *want)
{
	struct ia_err err = {0};
	struct vdb_eol_table *t = NULL;
	const struct vdb_eol *e;

	if (import_text(db, dir, name, body, &err) >= 0)
		fail_msg("%s was imported", name);
	if (!strstr(err.msg, want))
		fail_msg("%s: '%s' does not say '%s'", name, err.msg, want);
	/* the database intact: the earlier import still serves PHP 8.2 */
	e = lookup(db, false, "php", "8.2.1", &t);
	assert_string_equal(e->eol, "2026-11-30");
	vdb_eol_free(t);
}

static void test_malformed(void **state)
{
	char *dir = t_mkdtemp(), *s;
	struct vdb *db = NULL;
	struct ia_err err = {0};
	struct vdb_source *v;
	size_t n;

	assert_int_equal(vdb_open(":memory:", true, &db, &err), 0);
	s = api("php", "2026-11-30T06:00:00Z", php82);
	assert_int_equal(import_text(db, dir, "php.json", s, &err), 0);
	free(s);
	refused(db, dir, "trunc.json", "{\"result\":{\"name\":\"php\",\"rel", "bad JSON");
	s = api("php", "x", "{\"name\":\"8.2\",\"eolFrom\":5}");
	refused(db, dir, "type.json", s, "days or null");
	free(s);
	s = api("php", "x", "{\"name\":\"8.2\",\"eolFrom\":\"31/12/2026\"}");
	refused(db, dir, "date.json", s, "days or null");
	free(s);
	s = api("php", "x", "{\"eolFrom\":\"2026-12-31\"}");
	refused(db, dir, "noname.json", s, "non-empty string");
	free(s);
	s = api("php", "x", "{\"name\":\"8.2\",\"isEol\":\"yes\"}");
	refused(db, dir, "bool.json", s, "isEol a boolean");
	free(s);
	s = api("php", "x", "7");
	refused(db, dir, "notobj.json", s, "not a JSON object");
	free(s);
	s = api("php", "x", "");
	refused(db, dir, "empty.json", s, "no release");
	free(s);
	s = api("windows", "x", "{\"name\":\"11\"}");
	refused(db, dir, "windows.json", s, "not one imgaudit's end-of-life checks use");
	free(s);
	{
		char name[300];

		memset(name, 'x', sizeof(name) - 1);
		name[sizeof(name) - 1] = 0;
		assert_true(asprintf(&s,
				     "{\"result\":{\"name\":\"php\",\"releases\":[{\"name\":"
				     "\"%s\"}]}}",
				     name) > 0);
		refused(db, dir, "long.json", s, "at most 100 bytes");
		free(s);
	}
	{
		struct ia_buf b = IA_BUF_INIT(1 << 24);

		ia_buf_adds(&b, "{\"result\":{\"name\":\"php\",\"releases\":[");
		for (unsigned i = 0; i <= IA_MAX_EOL_CYCLES; i++)
			ia_buf_addf(&b, "%s{\"name\":\"%u\"}", i ? "," : "", i);
		ia_buf_adds(&b, "]}}");
		refused(db, dir, "many.json", b.data, "IA_MAX_EOL_CYCLES");
		ia_buf_release(&b);
	}
	refused(db, dir, "bad.csv",
		"version,codename,series,created,release,eol,eol-lts,eol-elts\n"
		"12,Bookworm,bookworm,2021-08-14,2023-06-10,soon,2028-06-30,2033-06-30\n",
		"column eol is not a date");
	refused(db, dir, "quote.csv",
		"version,codename,series,created,release,eol,eol-lts,eol-elts\n"
		"12,\"Book,worm\",bookworm,2021-08-14,2023-06-10,2026-07-11,,\n",
		"plain comma-separated");
	refused(db, dir, "header.csv", "version,codename,series,created,release,eol,eol-lts\n",
		"no release");
	assert_int_equal(vdb_sources(db, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "eol:endoflife.date:php");
	assert_string_equal(v[0].kind, "eol-endoflife");
	assert_int_equal(v[0].affected, 2);
	vdb_sources_free(v, n);
	vdb_close(db);
	t_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newer_wins),
		cmocka_unit_test(test_malformed),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
