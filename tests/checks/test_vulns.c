/* test_vulns.c — the vulns family: installed packages against real feeds in a vulnerability
 * database, backports, unfixed vulnerabilities, what cannot be examined */
/* SPDX-License-Identifier: Apache-2.0 */
#include "chk_fixture.h"

#include <stdio.h>

#include "vulndb/db.h"

struct vfx {
	char *dir, *db_path;
	struct vdb *db;
};

/* A database in a temporary directory holding the feeds of tests/data (NULL-terminated), and
 * feeds written by the test (name, body pairs, NULL-terminated). Opened read-only as a scan. */
static void vfx_make(struct vfx *v, const char *const *real, const char *const *own)
{
	struct vdb *w = NULL;
	struct ia_err err = {0};
	struct vdb_import_result res;

	v->dir = t_mkdtemp();
	assert_true(asprintf(&v->db_path, "%s/vuln.db", v->dir) > 0);
	assert_int_equal(vdb_open(v->db_path, true, &w, &err), 0);
	for (size_t i = 0; real && real[i]; i++) {
		char *p = t_data(real[i]);

		if (vdb_import(w, p, &res, &err) < 0)
			fail_msg("import %s: %s", real[i], err.msg);
		free(p);
	}
	for (size_t i = 0; own && own[i]; i += 2) {
		char *p;

		t_write(v->dir, own[i], own[i + 1], 0644);
		assert_true(asprintf(&p, "%s/%s", v->dir, own[i]) > 0);
		if (vdb_import(w, p, &res, &err) < 0)
			fail_msg("import %s: %s", own[i], err.msg);
		free(p);
	}
	vdb_close(w);
	if (vdb_open(v->db_path, false, &v->db, &err) < 0)
		fail_msg("open read-only: %s", err.msg);
}

static void vfx_free(struct vfx *v)
{
	vdb_close(v->db);
	t_rmtree(v->dir);
	free(v->dir);
	free(v->db_path);
}

static const char *detail(const struct fnd_finding *f, const char *key)
{
	for (size_t i = 0; f && i < f->n_details; i++)
		if (strcmp(f->details[i].key, key) == 0)
			return f->details[i].value;
	return NULL;
}

static void debian_root(const char *root, const char *codename, const char *version,
			const char *status)
{
	char *os;

	assert_true(asprintf(&os, "ID=debian\nVERSION_ID=\"%s\"\nVERSION_CODENAME=%s\n", version,
			     codename) > 0);
	t_write(root, "etc/os-release", os, 0644);
	free(os);
	t_write(root, "var/lib/dpkg/status", status, 0644);
}

#define PKG(name, source, version)                                                                 \
	"Package: " name "\nStatus: install ok installed\nArchitecture: amd64\n" source            \
	"Version: " version "\n\n"

static void run_both(struct fx *x, struct vfx *v, bool count_unfixed)
{
	x->o.vulndb = v->db;
	x->o.count_unfixed = count_unfixed;
	fx_run(x, "VULN-001");
	fx_run(x, "VULN-002");
}

static const char *const tracker_real[] = {"vulndb/debian-tracker/vunnel_debian.json",
					   "vulndb/debian-tracker/osv.dev_debian_security_tracker_"
					   "mock.json",
					   NULL};

/* sope at bookworm's vulnerable version: CVE-2025-53603 of the real tracker excerpt, explained;
 * at the fixed version: nothing. */
static void test_fixed_found_and_not(void **state)
{
	char *root = t_mkdtemp();
	struct vfx v;
	struct fx x;
	const struct fnd_finding *f;

	vfx_make(&v, tracker_real, NULL);
	debian_root(root, "bookworm", "12",
		    PKG("libsope1", "Source: sope\n", "5.8.0-1")
			    PKG("sope4.9-libxmlsaxdriver", "Source: sope\n", "5.8.0-1"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	assert_int_equal(fx_count(&x, "VULN-001"), 1);
	f = fx_find(&x, "VULN-001", "/var/lib/dpkg/status");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "CVE-2025-53603"));
	assert_string_equal(detail(f, "advisory"), "CVE-2025-53603");
	assert_string_equal(detail(f, "source"), "debian-tracker:vunnel_debian.json");
	assert_string_equal(detail(f, "package"), "sope");
	assert_string_equal(detail(f, "installed"), "5.8.0-1");
	assert_string_equal(detail(f, "fixed"), "5.8.0-1+deb12u1");
	assert_string_equal(detail(f, "comparator"), "dpkg");
	assert_string_equal(detail(f, "comparison"), "5.8.0-1 < fixed 5.8.0-1+deb12u1 (dpkg)");
	assert_string_equal(detail(f, "fix_command"),
			    "apt-get install --only-upgrade libsope1 sope4.9-libxmlsaxdriver");
	assert_string_equal(f->remediation, detail(f, "fix_command"));
	/* "not yet assigned" urgency: a fix exists, it counts as medium */
	assert_int_equal(f->severity, FND_SEV_MEDIUM);
	fx_close(&x);

	debian_root(root, "bookworm", "12", PKG("libsope1", "Source: sope\n", "5.8.0-1+deb12u1"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	fx_clean(&x, "VULN-001");
	fx_clean(&x, "VULN-002");
	fx_close(&x);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

/* The real DSA and DLA lists name the advisory that fixed a CVE in each release: CVE-2023-1393
 * of xorg-server was DSA-5380-1 in bullseye and DLA-3372-1 in buster. */
static void test_dsa_dla_named(void **state)
{
	static const char *const real[] = {"vulndb/debian-lists/DSA-list.gz",
					   "vulndb/debian-lists/DLA-list.gz", NULL};
	static const char *const own[] = {
		"tracker.json",
		"{\"xorg-server\":{\"CVE-2023-1393\":{\"description\":\"use after free\","
		"\"releases\":{\"bullseye\":{\"status\":\"resolved\",\"fixed_version\":"
		"\"2:1.20.11-1+deb11u6\",\"urgency\":\"high\"},\"buster\":{\"status\":"
		"\"resolved\",\"fixed_version\":\"2:1.20.4-1+deb10u9\",\"urgency\":\"high\"}}}}}",
		NULL};
	char *root = t_mkdtemp();
	struct vfx v;
	struct fx x;
	const struct fnd_finding *f;

	vfx_make(&v, real, own);
	debian_root(root, "bullseye", "11",
		    PKG("xserver-xorg-core", "Source: xorg-server\n", "2:1.20.11-1+deb11u5"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	f = fx_find(&x, "VULN-001", NULL);
	assert_non_null(f);
	assert_string_equal(detail(f, "advisory"), "CVE-2023-1393");
	assert_string_equal(detail(f, "debian_advisories"), "DSA-5380-1");
	assert_non_null(strstr(f->title, "CVE-2023-1393 (DSA-5380-1) (debian-tracker:"));
	fx_close(&x);
	debian_root(root, "buster", "10",
		    PKG("xserver-xorg-core", "Source: xorg-server\n", "2:1.20.4-1+deb10u8"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	f = fx_find(&x, "VULN-001", NULL);
	assert_non_null(f);
	assert_string_equal(detail(f, "debian_advisories"), "DLA-3372-1");
	fx_close(&x);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

static int count_hit(const struct vdb_match *m, void *arg)
{
	(void)m;
	++*(size_t *)arg;
	return 0;
}

/* A backported fix: the distribution's fixed version decides, never PyPI's upstream range. */
static void test_backport(void **state)
{
	/* the tracker entry is written here: Debian fixed CVE-2019-10906 in buster's 2.10-2
	 * by a backport, while PyPI's real record says every version before 2.10.1 */
	static const char *const own[] = {
		"tracker.json",
		"{\"jinja2\":{\"CVE-2019-10906\":{\"description\":\"sandbox escape\",\"releases\":"
		"{\"buster\":{\"status\":\"resolved\",\"fixed_version\":\"2.10-2\",\"urgency\":"
		"\"high\"}}}}}",
		NULL};
	static const char *const real[] = {"vulndb/osv/pypi", NULL};
	char *root = t_mkdtemp();
	struct vfx v;
	struct fx x;
	struct ia_err err = {0};
	size_t upstream = 0;

	vfx_make(&v, real, own);
	/* the upstream range alone would call 2.10 vulnerable */
	assert_int_equal(
		vdb_match(v.db, "pypi", "", "jinja2", "2.10", count_hit, &upstream, NULL, &err), 0);
	assert_true(upstream > 0);
	debian_root(root, "buster", "10", PKG("python3-jinja2", "Source: jinja2\n", "2.10-2"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	fx_clean(&x, "VULN-001");
	fx_close(&x);
	/* before the backport it is found, by the distribution's advisory */
	debian_root(root, "buster", "10", PKG("python3-jinja2", "Source: jinja2\n", "2.10-1"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	assert_string_equal(detail(fx_find(&x, "VULN-001", NULL), "advisory"), "CVE-2019-10906");
	assert_int_equal(fx_find(&x, "VULN-001", NULL)->severity, FND_SEV_HIGH);
	fx_close(&x);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

/* Open in bookworm (real excerpt): listed as info with the distribution's status; counted with
 * count_unfixed. */
static void test_unfixed(void **state)
{
	char *root = t_mkdtemp();
	struct vfx v;
	struct fx x;
	const struct fnd_finding *f;

	vfx_make(&v, tracker_real, NULL);
	debian_root(root, "bookworm", "12", PKG("apparmor", "", "3.0.8-3"));
	fx_open(&x, root);
	run_both(&x, &v, false);
	fx_clean(&x, "VULN-001");
	f = fx_find(&x, "VULN-002", NULL);
	assert_non_null(f);
	assert_string_equal(detail(f, "advisory"), "CVE-2016-1585");
	assert_string_equal(detail(f, "status"), "open");
	assert_string_equal(detail(f, "fix_command"), "");
	assert_int_equal(f->severity, FND_SEV_INFO);
	fx_close(&x);
	fx_open(&x, root);
	run_both(&x, &v, true);
	assert_true(fx_find(&x, "VULN-002", NULL)->severity > FND_SEV_INFO);
	fx_close(&x);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

static bool gap_says(const struct fx *x, const char *id, const char *text)
{
	char area[64];

	snprintf(area, sizeof(area), "check %s", id);
	for (size_t i = 0; i < x->r.n_gaps; i++)
		if (strcmp(x->r.gaps[i].area, area) == 0 && strstr(x->r.gaps[i].reason, text))
			return true;
	return false;
}

/* No database, a release the database does not know, a version that cannot be compared: NOT
 * EXAMINED with the reason, never clean. */
static void test_not_examined(void **state)
{
	static const char *const secdb[] = {"vulndb/alpine-secdb/v3.11-main.json", NULL};
	char *root = t_mkdtemp();
	struct vfx v;
	struct fx x;

	debian_root(root, "bookworm", "12", PKG("libsope1", "Source: sope\n", "5.8.0-1"));
	fx_open(&x, root);
	fx_run(&x, "VULN-001");
	assert_true(gap_says(&x, "VULN-001", "no vulnerability database (imgaudit db import"));
	assert_int_equal(fx_count(&x, "VULN-001"), 0);
	fx_close(&x);

	vfx_make(&v, secdb, NULL);
	/* an Alpine release the database has nothing for */
	assert_int_equal(t_sh("rm -rf '%s'/etc '%s'/var", root, root), 0);
	t_write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.18.4\n", 0644);
	t_write(root, "lib/apk/db/installed", "P:musl\nV:1.2.4-r1\no:musl\n\n", 0644);
	fx_open(&x, root);
	run_both(&x, &v, false);
	assert_true(gap_says(&x, "VULN-001", "no advisories for alpine:3.18"));
	fx_close(&x);
	/* 3.11: musl found below its fix, a version apk refuses not examined */
	t_write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.11.6\n", 0644);
	t_write(root, "lib/apk/db/installed",
		"P:musl\nV:1.1.23-r1\no:musl\n\nP:busybox\nV:1.31.1-rX\no:busybox\n\n", 0644);
	fx_open(&x, root);
	run_both(&x, &v, false);
	assert_string_equal(detail(fx_find(&x, "VULN-001", NULL), "fix_command"),
			    "apk upgrade musl");
	assert_true(gap_says(&x, "VULN-001", "busybox 1.31.1-rX was not matched"));
	fx_close(&x);
	/* an OS without an advisory source */
	t_write(root, "etc/os-release", "ID=arch\n", 0644);
	fx_open(&x, root);
	run_both(&x, &v, false);
	assert_true(gap_says(&x, "VULN-001", "no advisory source for the OS 'arch"));
	fx_close(&x);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

/* The whole audit: the fixed vulnerability fails jdcloud's gate; the unfixed one does not. */
static void test_profiles(void **state)
{
	char *root = t_mkdtemp();
	struct vfx v;
	struct chk_audit_result r = {0};
	struct chk_opts o = {0};
	const struct fnd_clause *c = NULL;

	vfx_make(&v, tracker_real, NULL);
	fx_accounts(root, NULL, NULL, NULL);
	debian_root(root, "bookworm", "12", PKG("apparmor", "", "3.0.8-3"));
	o.vulndb = v.db;
	fx_audit(&r, root, "jdcloud", &o);
	for (size_t i = 0; i < r.report.n_clauses; i++)
		if (strcmp(r.report.clauses[i].id, "JD-1.1c") == 0)
			c = &r.report.clauses[i];
	assert_non_null(c);
	assert_int_equal(c->verdict, FND_PASS);
	chk_audit_release(&r);
	memset(&r, 0, sizeof(r));
	debian_root(root, "bookworm", "12", PKG("libsope1", "Source: sope\n", "5.8.0-1"));
	fx_audit(&r, root, "jdcloud", &o);
	for (size_t i = 0; i < r.report.n_clauses; i++)
		if (strcmp(r.report.clauses[i].id, "JD-1.1c") == 0)
			c = &r.report.clauses[i];
	assert_int_equal(c->verdict, FND_FAIL);
	chk_audit_release(&r);
	vfx_free(&v);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_found_and_not),
		cmocka_unit_test(test_dsa_dla_named),
		cmocka_unit_test(test_backport),
		cmocka_unit_test(test_unfixed),
		cmocka_unit_test(test_not_examined),
		cmocka_unit_test(test_profiles),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
