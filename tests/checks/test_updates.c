/* test_updates.c — unit tests of the updates family: missing security updates against apt
 * itself on the debootstrapped Debian 12, the image's own lists, OS end of life on real
 * os-release files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

#include "vulndb/db.h"

#define SECURITY_GZ "debian-apt/bookworm-security_main_amd64_Packages.gz"
#define LIST_NAME                                                                                  \
	"deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages"

/* 2026-12-01, the reference day of the end-of-life tests (Debian 12 in LTS, 11 ended). */
static int64_t day(const char *ymd)
{
	struct tm tm = {0};

	assert_non_null(strptime(ymd, "%Y-%m-%d", &tm));
	return (int64_t)timegm(&tm);
}

/* "NAME CANDIDATE" of every UPD-001 finding ("...: NAME INSTALLED -> CANDIDATE"). */
static void findings_list(const struct fx *x, struct t_lines *out)
{
	for (size_t i = 0; i < x->r.n_findings; i++) {
		const struct fnd_finding *f = &x->r.findings[i];
		char name[256], inst[256], cand[256], *s;

		if (strcmp(f->check, "UPD-001") != 0)
			continue;
		if (sscanf(f->title, "security update not installed: %255s %255s -> %255s", name,
			   inst, cand) != 3)
			fail_msg("unexpected title: %s", f->title);
		assert_true(asprintf(&s, "%s %s", name, cand) > 0);
		t_lines_add(out, s);
	}
}

/*
 * What apt itself would upgrade: apt-get update from a file: repository holding the index,
 * then apt-get -s upgrade with the root's dpkg status, every apt directory in a temp dir.
 */
static void apt_upgrade_list(const char *root, const char *index_gz, struct t_lines *out)
{
	char *tmp = t_mkdtemp(), *cmd, line[1024];
	FILE *p;

	assert_int_equal(
		t_sh("set -e; cd '%s'; mkdir -p repo lists/partial cache/archives/partial state "
		     "etc/apt/sources.list.d etc/apt/preferences.d etc/apt/trusted.gpg.d; "
		     "zcat '%s' > repo/Packages; "
		     "echo 'deb [trusted=yes] file:%s/repo ./' > etc/apt/sources.list",
		     tmp, index_gz, tmp),
		0);
	assert_true(
		asprintf(&cmd,
			 "A='-o Dir::Etc=%s/etc/apt -o Dir::State=%s/state "
			 "-o Dir::State::Lists=%s/lists -o "
			 "Dir::State::status=%s/var/lib/dpkg/status "
			 "-o Dir::Cache=%s/cache -o Debug::NoLocking=1 -o APT::Architecture=amd64 "
			 "-o APT::Architectures::=amd64'; "
			 "apt-get $A -qq update >/dev/null 2>&1 && apt-get $A -s upgrade",
			 tmp, tmp, tmp, root, tmp) > 0);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		char name[256], inst[256], cand[256], *s;

		/* Inst perl-base [5.36.0-7+deb12u3] (5.36.0-7+deb12u4 localhost [amd64]) */
		if (sscanf(line, "Inst %255s [%255[^]]] (%255s", name, inst, cand) != 3)
			continue;
		assert_true(asprintf(&s, "%s %s", name, cand) > 0);
		t_lines_add(out, s);
	}
	assert_int_equal(pclose(p), 0);
	t_rmtree(tmp);
	free(tmp);
	free(cmd);
}

/* The debootstrapped Debian 12 (bookworm, no security updates) with the real bookworm-security
 * index: UPD-001's list is apt-get -s upgrade's, package for package and version for version. */
static void test_debian12_equals_apt(void **state)
{
	char *root = t_debian_root("minbase"), *gz = t_data(SECURITY_GZ);
	const char *idx[] = {gz};
	struct t_lines got = {0}, want = {0};
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(root, "no debootstrapped Debian root on this machine");
	T_REQUIRE(t_sh("command -v apt-get >/dev/null") == 0, "apt-get missing");
	fx_open(&x, root);
	x.o.security_indexes = idx;
	x.o.n_security_indexes = 1;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	findings_list(&x, &got);
	apt_upgrade_list(root, gz, &want);
	assert_true(want.n > 0);
	t_lines_assert_same("UPD-001 against apt-get -s upgrade", &got, &want);
	/* the evidence: the package's stanza in the status file, the versions, the fix */
	f = NULL;
	for (size_t i = 0; i < x.r.n_findings; i++)
		if (strstr(x.r.findings[i].title, ": libapt-pkg6.0 "))
			f = &x.r.findings[i];
	if (f) { /* libapt-pkg6.0 2.6.1 -> 2.6.2 while the security suite carries 2.6.2 */
		assert_string_equal(f->path, "/var/lib/dpkg/status");
		assert_true(f->line > 0);
		assert_non_null(strstr(f->value, "source apt"));
		assert_string_equal(f->remediation, "apt-get install --only-upgrade libapt-pkg6.0");
		assert_string_equal(f->clauses, "JD-1.1e");
	}
	t_lines_free(&got);
	t_lines_free(&want);
	fx_close(&x);
	free(root);
	free(gz);
}

/* A vulnerability database in dir holding the bookworm-security index, its suite taken from
 * the real InRelease (release) or named (suite); opened read-only as a scan opens it. */
static struct vdb *db_with_index(const char *dir, const char *suite, bool release)
{
	char *gz = t_data(SECURITY_GZ), *rel = t_data("debian-apt/bookworm-security_InRelease"),
	     *path;
	struct vdb_import_opts o = {.suite = suite, .release_file = release ? rel : NULL};
	struct vdb_import_result res;
	struct ia_err err = {0};
	struct vdb *db = NULL;

	assert_true(asprintf(&path, "%s/vuln.db", dir) > 0);
	assert_int_equal(vdb_open(path, true, &db, &err), 0);
	if (vdb_import_opts(db, gz, &o, &res, &err) < 0)
		fail_msg("import: %s", err.msg);
	assert_int_equal(res.packages, 3028);
	assert_string_equal(
		res.source,
		suite && strcmp(suite, "bookworm-security") != 0
			? "apt:trixie-security:bookworm-security_main_amd64_Packages"
			: "apt:bookworm-security:bookworm-security_main_amd64_Packages");
	vdb_close(db);
	assert_int_equal(vdb_open(path, false, &db, &err), 0);
	free(path);
	free(gz);
	free(rel);
	return db;
}

/* The same equality with the index imported into the vulnerability database (db import
 * --release InRelease) and no index in the image or on the command line. */
static void test_debian12_equals_apt_db(void **state)
{
	char *root = t_debian_root("minbase"), *gz = t_data(SECURITY_GZ), *dir = t_mkdtemp();
	struct t_lines got = {0}, want = {0};
	struct fx x;

	T_REQUIRE(root, "no debootstrapped Debian root on this machine");
	T_REQUIRE(t_sh("command -v apt-get >/dev/null") == 0, "apt-get missing");
	fx_open(&x, root);
	x.o.vulndb = db_with_index(dir, NULL, true);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	findings_list(&x, &got);
	apt_upgrade_list(root, gz, &want);
	assert_true(want.n > 0);
	t_lines_assert_same("UPD-001 (index from the database) against apt-get -s upgrade", &got,
			    &want);
	vdb_close(x.o.vulndb);
	t_lines_free(&got);
	t_lines_free(&want);
	fx_close(&x);
	t_rmtree(dir);
	free(dir);
	free(root);
	free(gz);
}

/* A small root: the minbase dpkg status of tests/data and a Debian 12 os-release. */
static char *small_root(void)
{
	char *root = t_mkdtemp(), *st = t_data("dpkg/debian12-minbase-rootfs/var/lib/dpkg/status");
	char *data;
	size_t len;

	data = t_slurp(st, &len);
	t_write(root, "var/lib/dpkg/status", data, 0644);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n",
		0644);
	free(data);
	free(st);
	return root;
}

/* The image's own lists: a security list (here lz4, as apt stores them) is read; a main-suite
 * list, even with newer versions, is not a security update. */
static void test_image_lists(void **state)
{
	char *root = small_root(), *gz = t_data(SECURITY_GZ);
	struct fx x;
	const struct fnd_finding *f;

	T_REQUIRE(t_sh("command -v lz4 >/dev/null") == 0, "lz4 missing (scripts/setup.sh)");
	t_mkdir(root, "var/lib/apt/lists", 0755);
	assert_int_equal(
		t_sh("zcat '%s' | lz4 -q > '%s/var/lib/apt/lists/" LIST_NAME ".lz4'", gz, root), 0);
	t_write(root,
		"var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
		"Package: bash\nVersion: 9.9-1\nArchitecture: amd64\n\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 6); /* the six of the shared TSV */
	for (size_t i = 0; i < x.r.n_findings; i++)
		assert_null(strstr(x.r.findings[i].title, ": bash "));
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_string_equal(f->path, "/var/lib/dpkg/status");
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(gz);
}

/* No index at all: NOT EXAMINED with the reason, never PASS; an rpm image is not examined. */
static void test_no_index(void **state)
{
	char *root = small_root();
	struct fx x;

	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	assert_non_null(strstr(x.r.gaps[0].reason, "--security-index"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The order of the indexes: the image's own security lists, else --security-index, else the
 * database's index of the image's suite (none for another suite: NOT EXAMINED, naming db
 * import). */
static void test_db_index_order(void **state)
{
	char *root = small_root(), *dir = t_mkdtemp(), *dir2 = t_mkdtemp();
	struct vdb *db = db_with_index(dir, NULL, true), *other;
	struct fx x;

	/* the database alone: the six of the shared TSV */
	fx_open(&x, root);
	x.o.vulndb = db;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	fx_close(&x);
	/* an index of another suite only: not examined, the message says how to import one */
	other = db_with_index(dir2, "trixie-security", false);
	fx_open(&x, root);
	x.o.vulndb = other;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	assert_non_null(strstr(x.r.gaps[0].reason, "db import --suite"));
	fx_close(&x);
	vdb_close(other);
	/* the image's own security list wins over the database: only its one newer apt */
	t_mkdir(root, "var/lib/apt/lists", 0755);
	t_write(root, "var/lib/apt/lists/" LIST_NAME,
		"Package: apt\nVersion: 99-1\nArchitecture: amd64\n\n", 0644);
	fx_open(&x, root);
	x.o.vulndb = db;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 1);
	assert_non_null(strstr(fx_find(&x, "UPD-001", NULL)->title, ": apt "));
	fx_close(&x);
	vdb_close(db);
	t_rmtree(root);
	t_rmtree(dir);
	t_rmtree(dir2);
	free(root);
	free(dir);
	free(dir2);
}

/* A malformed security list: its bad stanzas are gaps at their line, the good ones used. */
static void test_malformed_list(void **state)
{
	char *root = small_root();
	struct fx x;
	bool seen = false;

	t_write(root, "var/lib/apt/lists/x_bookworm-security_main_binary-amd64_Packages",
		"Package: apt\nVersion: 2.6.2\nArchitecture: amd64\n\n"
		"Package: tzdata\nVersion: 2026f 0\nArchitecture: all\n\n",
		0644);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 1);
	assert_non_null(fx_find(&x, "UPD-001", "/var/lib/dpkg/status"));
	for (size_t i = 0; i < x.r.n_gaps; i++)
		if (x.r.gaps[i].line == 5 && strstr(x.r.gaps[i].reason, "invalid version"))
			seen = true;
	assert_true(seen);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Past IA_MAX_APT_LISTS security lists in the image: the rest is a gap, not read. */
static void test_too_many_lists(void **state)
{
	char *root = small_root();
	struct fx x;

	for (unsigned i = 0; i <= IA_MAX_APT_LISTS; i++) {
		char rel[128];

		snprintf(rel, sizeof(rel),
			 "var/lib/apt/lists/x%02u_security_main_binary-amd64_Packages", i);
		t_write(root, rel, "Package: apt\nVersion: 2.6.2\nArchitecture: amd64\n", 0644);
	}
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 1);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	assert_non_null(strstr(x.r.gaps[0].reason, "IA_MAX_APT_LISTS"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* ---- rpm images ---- */

/* The cached rpm fixture (tests/fixtures/rpm-repo.sh): DIR/repo, DIR/root; NULL when it cannot
 * be built here (status 77); any other failure fails the test. */
static char *rpm_fixture(void)
{
	char *dir = NULL, cmd[512];
	size_t n = 0;
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "'%s/tests/fixtures/rpm-repo.sh' 2>/dev/null",
		 getenv("IA_SOURCE_ROOT"));
	p = popen(cmd, "r");
	assert_non_null(p);
	if (getline(&dir, &n, p) > 0)
		dir[strcspn(dir, "\n")] = '\0';
	st = pclose(p);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 77) {
		free(dir);
		return NULL;
	}
	if (st != 0 || !dir || !dir[0])
		fail_msg("tests/fixtures/rpm-repo.sh failed (status %d)", st);
	return dir;
}

/* "NAME.ARCH CANDIDATE" of every UPD-001 finding ("...: NAME.ARCH INSTALLED -> CANDIDATE"). */
static void rpm_findings(const struct fx *x, struct t_lines *out)
{
	for (size_t i = 0; i < x->r.n_findings; i++) {
		const struct fnd_finding *f = &x->r.findings[i];
		char na[256], inst[256], cand[256], *s;

		if (strcmp(f->check, "UPD-001") != 0)
			continue;
		if (sscanf(f->title, "security update not installed: %255s %255s -> %255s", na,
			   inst, cand) != 3)
			fail_msg("unexpected title: %s", f->title);
		assert_true(asprintf(&s, "%s %s", na, cand) > 0);
		t_lines_add(out, s);
	}
}

/*
 * What dnf itself lists: `dnf check-update --security` with the fixture's repository, on a copy
 * of the root (dnf writes its logs and cache into the install root), rpm's database path set
 * to /var/lib/rpm (Debian's rpm defaults to ~/.rpmdb).
 */
static void dnf_security_list(const char *fx, struct t_lines *out)
{
	char *tmp = t_mkdtemp(), *cmd, line[1024];
	FILE *p;
	int st;

	assert_int_equal(t_sh("set -e; cd '%s'; cp -a '%s/root' root; mkdir repos home; "
			      "printf '[fixture]\\nname=fixture\\nbaseurl=file://%s/repo\\n"
			      "gpgcheck=0\\n' > repos/fixture.repo; "
			      "echo '%%_dbpath /var/lib/rpm' > home/.rpmmacros",
			      tmp, fx, fx),
			 0);
	assert_true(asprintf(&cmd,
			     "cd '%s' && HOME='%s/home' dnf -q --installroot='%s/root' "
			     "--setopt=reposdir='%s/repos' --setopt=cachedir=/var/cache/dnf-test "
			     "--releasever=9 --forcearch=x86_64 check-update --security 2>&1",
			     tmp, tmp, tmp, tmp) > 0);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		char na[256], evr[256], repo[256], *s;

		/* ia-foo.x86_64     1.1-1     fixture */
		if (sscanf(line, "%255s %255s %255s", na, evr, repo) != 3)
			continue;
		if (strcmp(repo, "fixture") != 0)
			fail_msg("unexpected dnf line: %s", line);
		assert_true(asprintf(&s, "%s %s", na, evr) > 0);
		t_lines_add(out, s);
	}
	st = pclose(p);
	/* check-update: 100 when updates are available, 0 when none */
	assert_true(WIFEXITED(st) && (WEXITSTATUS(st) == 100 || WEXITSTATUS(st) == 0));
	t_rmtree(tmp);
	free(tmp);
	free(cmd);
}

static const char *detail(const struct fnd_finding *f, const char *key)
{
	for (size_t i = 0; i < f->n_details; i++)
		if (strcmp(f->details[i].key, key) == 0)
			return f->details[i].value;
	return NULL;
}

/* The fixture root with its dnf cache: UPD-001's list is dnf check-update --security's, and
 * each finding names its advisories, severity and fix. */
static void test_rpm_equals_dnf(void **state)
{
	char *fx = rpm_fixture(), *root;
	struct t_lines got = {0}, want = {0};
	const struct fnd_finding *f = NULL;
	struct fx x;

	T_REQUIRE(fx, "rpm fixture not buildable here (rpmbuild, createrepo_c, modifyrepo_c)");
	T_REQUIRE(t_sh("command -v dnf >/dev/null") == 0, "dnf missing (scripts/setup.sh)");
	assert_true(asprintf(&root, "%s/root", fx) > 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	rpm_findings(&x, &got);
	dnf_security_list(fx, &want);
	/* ia-baz, ia-foo, ia-lib.x86_64, ia-noa, and of the modules' streams ia-mod 1.0-2 (stream
	 * 1 enabled) and ia-def 1.0-2 (default stream a) */
	assert_int_equal(want.n, 6);
	t_lines_assert_same("UPD-001 against dnf check-update --security", &got, &want);
	for (size_t i = 0; i < x.r.n_findings; i++)
		if (strstr(x.r.findings[i].title, ": ia-foo.x86_64 "))
			f = &x.r.findings[i];
	assert_non_null(f);
	assert_string_equal(f->path, "/var/lib/rpm/rpmdb.sqlite");
	assert_non_null(strstr(f->title, "1.0-1 -> 1.1-1 (IA-2026:0001; severity Important)"));
	assert_string_equal(detail(f, "advisory"), "IA-2026:0001");
	assert_string_equal(detail(f, "severity"), "Important");
	assert_string_equal(detail(f, "source"), "rpm repository fixture-0123456789abcdef");
	assert_string_equal(detail(f, "comparison"), "1.0-1 < candidate 1.1-1 (rpm)");
	assert_string_equal(f->remediation, "dnf update --advisory=IA-2026:0001");
	assert_string_equal(f->clauses, "JD-1.1e");
	/* the epoch is compared and shown as dnf shows it */
	assert_non_null(fx_find(&x, "UPD-001", NULL));
	for (size_t i = 0; i < x.r.n_findings; i++)
		if (strstr(x.r.findings[i].title, ": ia-baz.x86_64 "))
			assert_non_null(strstr(x.r.findings[i].title, "1:3.0-1 -> 1:3.0-2"));
	fx_close(&x);
	t_lines_free(&got);
	t_lines_free(&want);
	free(root);
	free(fx);
}

/* The repository given with --security-index DIR instead of the image's cache: the same list;
 * a file given for an rpm image is a gap naming what is wanted. */
static void test_rpm_given_repo(void **state)
{
	char *fx = rpm_fixture(), *root = t_mkdtemp(), *repo, *file;
	const char *idx[2];
	struct fx x;

	T_REQUIRE(fx, "rpm fixture not buildable here (rpmbuild, createrepo_c, modifyrepo_c)");
	assert_int_equal(
		t_sh("cp -a '%s/root/.' '%s/' && rm -rf '%s/var/cache/dnf'", fx, root, root), 0);
	assert_true(asprintf(&repo, "%s/repo", fx) > 0);
	assert_true(asprintf(&file, "%s/updateinfo.xml", fx) > 0);
	/* no cache, nothing given: NOT EXAMINED, saying how to give one */
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	assert_non_null(strstr(x.r.gaps[0].reason, "--security-index DIR"));
	fx_close(&x);
	idx[0] = repo;
	fx_open(&x, root);
	x.o.security_indexes = idx;
	x.o.n_security_indexes = 1;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	fx_close(&x);
	idx[1] = file;
	fx_open(&x, root);
	x.o.security_indexes = idx;
	x.o.n_security_indexes = 2;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	assert_non_null(strstr(x.r.gaps[0].reason, "no rpm repository directory"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(repo);
	free(file);
	free(fx);
}

/* A hand-written cache (plain primary.xml, no updateinfo): NOT EXAMINED, never clean; then a
 * hostile one: an href leaving the repository, a bad package among good ones, a DOCTYPE. */
static void test_rpm_cache_without_updateinfo(void **state)
{
	char *fx = rpm_fixture(), *root = t_mkdtemp();
	const char *c = "var/cache/dnf/local-1/repodata/";
	char rel[256];
	struct fx x;
	bool seen = false;

	T_REQUIRE(fx, "rpm fixture not buildable here (rpmbuild, createrepo_c, modifyrepo_c)");
	assert_int_equal(
		t_sh("cp -a '%s/root/.' '%s/' && rm -rf '%s/var/cache/dnf'", fx, root, root), 0);
	snprintf(rel, sizeof(rel), "%srepomd.xml", c);
	t_write(root, rel,
		"<?xml version=\"1.0\"?>\n<repomd><data type=\"primary\"><location "
		"href=\"repodata/p.xml\"/></data></repomd>\n",
		0644);
	snprintf(rel, sizeof(rel), "%sp.xml", c);
	t_write(root, rel,
		"<metadata>\n<package type=\"rpm\"><name>ia-foo</name><arch>x86_64</arch>"
		"<version epoch=\"0\" ver=\"9\" rel=\"1\"/></package>\n"
		"<package type=\"rpm\"><name>ia bad</name><arch>x86_64</arch>"
		"<version epoch=\"0\" ver=\"9\" rel=\"1\"/></package>\n</metadata>\n",
		0644);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	for (size_t i = 0; i < x.r.n_gaps; i++) {
		if (strstr(x.r.gaps[i].reason, "hold no updateinfo"))
			seen = true;
		else if (!(strstr(x.r.gaps[i].reason, "package skipped") && x.r.gaps[i].line == 3))
			fail_msg("unexpected gap: %s", x.r.gaps[i].reason);
	}
	assert_true(seen);
	fx_close(&x);
	/* an updateinfo href leaving the repository, and one with a DOCTYPE */
	snprintf(rel, sizeof(rel), "%srepomd.xml", c);
	t_write(root, rel,
		"<repomd><data type=\"primary\"><location href=\"repodata/p.xml\"/></data>"
		"<data type=\"updateinfo\"><location href=\"../../../../../etc/os-release\"/>"
		"</data></repomd>",
		0644);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	seen = false;
	for (size_t i = 0; i < x.r.n_gaps; i++)
		seen |= strstr(x.r.gaps[i].reason, "leaves the repository") != NULL;
	assert_true(seen);
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(fx);
}

/* ---- apk images ---- */

/* A root with the trivy test data's /lib/apk/db/installed (Alpine 3.4 era) and the real
 * os-release of Alpine 3.4 (claircore). */
static char *apk_root(void)
{
	char *root = t_mkdtemp(), *inst = t_data("alpine/apk-installed/trivy_installed"),
	     *rel = t_data("os-release/claircore/alpine/3.4/etc/os-release"), *data;
	size_t len;

	data = t_slurp(inst, &len);
	t_write(root, "lib/apk/db/installed", data, 0644);
	free(data);
	data = t_slurp(rel, &len);
	t_write(root, "etc/os-release", data, 0644);
	free(data);
	free(inst);
	free(rel);
	return root;
}

/* dest: an APKINDEX.tar.gz as abuild writes one: a gzip member holding the signature's tar
 * entry (cut before the end-of-archive blocks), then one holding DESCRIPTION and APKINDEX (the
 * text at tests/data/alpine/apkindex/APKINDEX, or text when not NULL). */
static void make_apkindex(const char *dest, const char *text)
{
	char *tmp = t_mkdtemp(), *src = t_data("alpine/apkindex/APKINDEX");

	if (text)
		t_write(tmp, "i/APKINDEX", text, 0644);
	assert_int_equal(
		t_sh("set -e; cd '%s'; mkdir -p s i; printf sig > s/.SIGN.RSA.test.rsa.pub; "
		     "[ -f i/APKINDEX ] || cp '%s' i/APKINDEX; "
		     "echo v3.4.6-0-gtest > i/DESCRIPTION; "
		     "(cd s && tar --format=ustar -b1 -cf ../sig.tar .SIGN.RSA.test.rsa.pub); "
		     "head -c 1024 sig.tar | gzip -n > a.gz; "
		     "(cd i && tar --format=ustar -cf - DESCRIPTION APKINDEX) | gzip -n > "
		     "b.gz; mkdir -p \"$(dirname '%s')\"; cat a.gz b.gz > '%s'",
		     tmp, src, dest, dest),
		0);
	t_rmtree(tmp);
	free(tmp);
	free(src);
}

/* "TITLE-KIND NAME CANDIDATE" of every UPD-001 finding of an apk image. */
static void apk_findings(const struct fx *x, struct t_lines *out)
{
	for (size_t i = 0; i < x->r.n_findings; i++) {
		const struct fnd_finding *f = &x->r.findings[i];
		char name[256], inst[256], cand[256], *s;
		bool sec = sscanf(f->title, "security update not installed: %255s %255s -> %255s",
				  name, inst, cand) == 3;

		if (strcmp(f->check, "UPD-001") != 0)
			continue;
		if (!sec && sscanf(f->title, "update available: %255s %255s -> %255s", name, inst,
				   cand) != 3)
			fail_msg("unexpected title: %s", f->title);
		assert_true(asprintf(&s, "%s %s %s %s", sec ? "security" : "update", name, cand,
				     fnd_sev_name(f->severity)) > 0);
		t_lines_add(out, s);
	}
}

static void expect_lines(const char *what, struct t_lines *got, const char *const *want, size_t n)
{
	struct t_lines w = {0};

	for (size_t i = 0; i < n; i++)
		t_lines_add(&w, strdup(want[i]));
	t_lines_assert_same(what, got, &w);
	t_lines_free(&w);
}

/* The image's cached APKINDEX (built from the installed database's own stanzas with the newer
 * versions of tests/data/alpine/apkindex/README.md): every installed package with a newer
 * version of its name and arch is an update; without a secdb, each counts as one (high). */
static void test_apk_cache(void **state)
{
	static const char *const want[] = {
		"update busybox 1.24.2-r13 high",    "update libcrypto1.0 1.0.2q-r0 high",
		"update libssl1.0 1.0.2q-r0 high",   "update musl 1.1.14-r16 high",
		"update musl-utils 1.1.14-r16 high", "update pkgconf 1.6.0-r1 high",
		"update zlib 1.2.11-r0 high",
	};
	char *root = apk_root(), *dest;
	struct t_lines got = {0};
	const struct fnd_finding *f;
	struct fx x;

	assert_true(asprintf(&dest, "%s/var/cache/apk/APKINDEX.5b3c1d2e.tar.gz", root) > 0);
	make_apkindex(dest, NULL);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	for (size_t i = 0; i < x.r.n_gaps; i++) /* only the package without a version */
		assert_non_null(strstr(x.r.gaps[i].area, "inventory"));
	apk_findings(&x, &got);
	expect_lines("UPD-001 on the apk root", &got, want, sizeof(want) / sizeof(want[0]));
	f = fx_find(&x, "UPD-001", "/lib/apk/db/installed");
	assert_non_null(f);
	assert_true(f->line > 0);
	assert_non_null(strstr(f->value, "Alpine has no separate security repository"));
	assert_non_null(strstr(f->remediation, "apk upgrade "));
	t_lines_free(&got);
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(dest);
}

/* With the Alpine 3.4 secdb imported: the updates that reach a fixed version of the secdb are
 * security updates naming their CVEs; the other one is an update of low severity. Given with
 * --security-index instead of the cache. */
static void test_apk_secdb(void **state)
{
	static const char *const want[] = {
		"security busybox 1.24.2-r13 high",    "security libcrypto1.0 1.0.2q-r0 high",
		"security libssl1.0 1.0.2q-r0 high",   "security musl 1.1.14-r16 high",
		"security musl-utils 1.1.14-r16 high", "update pkgconf 1.6.0-r1 low",
		"security zlib 1.2.11-r0 high",
	};
	char *root = apk_root(), *dir = t_mkdtemp(), *idx, *dbp,
	     *secdb = t_data("vulndb/alpine-secdb/v3.4-main.json");
	const char *opt[1];
	struct vdb_import_result res;
	struct ia_err err = {0};
	struct t_lines got = {0};
	struct vdb *db = NULL;
	struct fx x;

	assert_true(asprintf(&idx, "%s/APKINDEX.tar.gz", dir) > 0);
	assert_true(asprintf(&dbp, "%s/vuln.db", dir) > 0);
	make_apkindex(idx, NULL);
	assert_int_equal(vdb_open(dbp, true, &db, &err), 0);
	if (vdb_import(db, secdb, &res, &err) < 0)
		fail_msg("import: %s", err.msg);
	vdb_close(db);
	assert_int_equal(vdb_open(dbp, false, &db, &err), 0);
	opt[0] = idx;
	fx_open(&x, root);
	x.o.security_indexes = opt;
	x.o.n_security_indexes = 1;
	x.o.vulndb = db;
	fx_run(&x, "UPD-001");
	apk_findings(&x, &got);
	expect_lines("UPD-001 with the secdb", &got, want, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < x.r.n_findings; i++) {
		const struct fnd_finding *f = &x.r.findings[i];

		if (strstr(f->title, ": busybox "))
			assert_non_null(strstr(f->title, "CVE-2017-15873"));
		if (strstr(f->title, ": musl "))
			assert_non_null(strstr(f->title, "CVE-2016-8859 CVE-2017-15650"));
	}
	t_lines_free(&got);
	fx_close(&x);
	vdb_close(db);
	t_rmtree(root);
	t_rmtree(dir);
	free(root);
	free(dir);
	free(idx);
	free(dbp);
	free(secdb);
}

/* No index: NOT EXAMINED naming the option; an index without APKINDEX, a bad stanza, a
 * directory given: gaps, the good stanzas used. */
static void test_apk_hostile(void **state)
{
	char *root = apk_root(), *dest;
	struct fx x;
	bool line = false, entry = false;

	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 1);
	fx_close(&x);
	assert_true(asprintf(&dest, "%s/var/cache/apk/APKINDEX.00000001.tar.gz", root) > 0);
	make_apkindex(dest, "P:zlib\nV:1.2.11-r0\nA:x86_64\n\nP:musl\nV:1.1.14-r16x\nA:x86_64\n\n");
	assert_int_equal(t_sh("cd '%s/var/cache/apk' && printf 'x' > y && tar -czf "
			      "APKINDEX.00000002.tar.gz y && rm y",
			      root),
			 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 1); /* zlib */
	for (size_t i = 0; i < x.r.n_gaps; i++) {
		line |= x.r.gaps[i].line == 5 && strstr(x.r.gaps[i].reason, "invalid or no V:");
		entry |= strstr(x.r.gaps[i].reason, "no APKINDEX entry") != NULL;
	}
	assert_true(line);
	assert_true(entry);
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(dest);
}

/* Everything current: UPD-001 examined and clean (PASS), for apk and for rpm. */
static void test_up_to_date(void **state)
{
	char *root = apk_root(), *dest, *fx = rpm_fixture(), *rroot = t_mkdtemp();
	const char *c = "var/cache/dnf/local-1/repodata/";
	char rel[256];
	struct fx x;

	assert_true(asprintf(&dest, "%s/var/cache/apk/APKINDEX.00000001.tar.gz", root) > 0);
	make_apkindex(dest, "P:zlib\nV:1.2.8-r2\nA:x86_64\n\nP:musl\nV:1.1.14-r10\nA:x86_64\n\n"
			    "P:musl\nV:1.1.14-r9\nA:x86_64\n\n");
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	fx_clean(&x, "UPD-001");
	fx_close(&x);
	T_REQUIRE(fx, "rpm fixture not buildable here (rpmbuild, createrepo_c, modifyrepo_c)");
	assert_int_equal(
		t_sh("cp -a '%s/root/.' '%s/' && rm -rf '%s/var/cache/dnf'", fx, rroot, rroot), 0);
	snprintf(rel, sizeof(rel), "%srepomd.xml", c);
	t_write(rroot, rel,
		"<repomd><data type=\"primary\"><location href=\"repodata/p.xml\"/></data>"
		"<data type=\"updateinfo\"><location href=\"repodata/u.xml\"/></data></repomd>",
		0644);
	snprintf(rel, sizeof(rel), "%sp.xml", c);
	t_write(rroot, rel,
		"<metadata><package type=\"rpm\"><name>ia-foo</name><arch>x86_64</arch>"
		"<version epoch=\"0\" ver=\"1.0\" rel=\"1\"/></package></metadata>",
		0644);
	snprintf(rel, sizeof(rel), "%su.xml", c);
	t_write(rroot, rel,
		"<updates><update type=\"security\"><id>OLD-1</id><pkglist><collection>"
		"<package name=\"ia-foo\" epoch=\"0\" version=\"1.0\" release=\"1\" "
		"arch=\"x86_64\"/></collection></pkglist></update></updates>",
		0644);
	fx_open(&x, rroot);
	fx_run(&x, "UPD-001");
	fx_clean(&x, "UPD-001");
	fx_close(&x);
	t_rmtree(root);
	t_rmtree(rroot);
	free(root);
	free(rroot);
	free(dest);
	free(fx);
}

/* An OS root with only this os-release (a copy of tests/data/os-release/REL), UPD-002 run at
 * 2026-12-01. */
static void run_eol(struct fx *x, char **root, const char *rel, const char *text)
{
	*root = t_mkdtemp();
	if (rel) {
		char *p = t_data(rel), *data;
		size_t len;

		data = t_slurp(p, &len);
		t_write(*root, "etc/os-release", data, 0644);
		free(data);
		free(p);
	} else {
		t_write(*root, text[0] == '6' ? "etc/debian_version" : "etc/os-release", text,
			0644);
	}
	fx_open(x, *root);
	x->o.now = day("2026-12-01");
	fx_run(x, "UPD-002");
}

static void eol_done(struct fx *x, char *root)
{
	fx_close(x);
	t_rmtree(root);
	free(root);
}

static void expect_eol(const char *rel, const char *text, const char *what)
{
	struct fx x;
	char *root;
	const struct fnd_finding *f;

	run_eol(&x, &root, rel, text);
	f = fx_find(&x, "UPD-002", NULL);
	if (!f)
		fail_msg("%s: no UPD-002 finding", rel ? rel : text);
	if (!strstr(f->title, what))
		fail_msg("%s: '%s' lacks '%s'", rel ? rel : text, f->title, what);
	assert_string_equal(f->clauses, "JD-1.1d");
	assert_true(f->line > 0);
	eol_done(&x, root);
}

static void expect_maintained(const char *rel)
{
	struct fx x;
	char *root;

	run_eol(&x, &root, rel, NULL);
	fx_clean(&x, "UPD-002");
	eol_done(&x, root);
}

static void expect_maintained_text(const char *text)
{
	struct fx x;
	char *root;

	run_eol(&x, &root, NULL, text);
	fx_clean(&x, "UPD-002");
	eol_done(&x, root);
}

static void expect_not_examined(const char *rel, const char *text, const char *why)
{
	struct fx x;
	char *root;

	run_eol(&x, &root, rel, text);
	assert_int_equal(fx_count(&x, "UPD-002"), 0);
	assert_int_equal(fx_gaps(&x, "UPD-002"), 1);
	if (!strstr(x.r.gaps[0].reason, why))
		fail_msg("gap '%s' lacks '%s'", x.r.gaps[0].reason, why);
	eol_done(&x, root);
}

static void test_eol_os_release(void **state)
{
	struct fx x;
	char *root;
	const struct fnd_finding *f;

	/* an image claiming Debian 6: out of maintenance, with its date and evidence line */
	run_eol(&x, &root, NULL,
		"PRETTY_NAME=\"Debian GNU/Linux 6.0\"\nID=debian\nVERSION_ID=\"6\"\n");
	f = fx_find(&x, "UPD-002", "/etc/os-release");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "Debian 6 (Squeeze) is out of maintenance"));
	assert_non_null(strstr(f->title, "2016-02-29"));
	assert_non_null(strstr(f->title, "distro-info-data"));
	assert_int_equal(f->line, 3);
	assert_string_equal(f->value, "VERSION_ID=\"6\"");
	eol_done(&x, root);
	/* the same from /etc/debian_version alone */
	expect_eol(NULL, "6.0.10\n", "Debian 6 (Squeeze) is out of maintenance");
	expect_eol("os-release/claircore/debian/7/etc/os-release", NULL, "ended 2018-05-31");
	expect_eol("os-release/claircore/debian/10/etc/os-release", NULL, "Debian 10 (Buster)");
	expect_eol("os-release/claircore/ubuntu/14.04/etc/os-release", NULL, "Ubuntu 14.04");
	expect_eol("os-release/claircore/alpine/3.18/etc/os-release", NULL, "Alpine Linux 3.18");
	expect_eol("os-release/trivy/os-release/centos", NULL, "CentOS 7");
	expect_eol("os-release/trivy/os-release/centos-stream", NULL, "CentOS Stream 8");
	expect_eol("os-release/trivy/os-release/sles", NULL, "15.3");
	/* CentOS 4 is not in the data: older than CentOS 5, ended 2017-03-31 */
	expect_eol(NULL, "ID=centos\nNAME=\"CentOS\"\nVERSION_ID=4.9\n", "older than CentOS 5");
	expect_maintained("os-release/claircore/debian/12/etc/os-release");
	expect_maintained("os-release/trivy/os-release/rhel");
	expect_maintained("os-release/trivy/os-release/alma");
	expect_not_examined("os-release/trivy/os-release/photon", NULL, "no end-of-life data");
	expect_not_examined(NULL, "ID=openEuler\nVERSION_ID=\"22.03\"\n", "no end-of-life data");
	expect_not_examined(NULL, "ID=\"kylin\"\nVERSION_ID=\"V10\"\n", "no end-of-life data");
	/* Alibaba Cloud Linux from data/eol/os-vendor.tsv (os-release as the vendor writes it:
	 * no real sample in the project's data, see tests/data/README.md) */
	expect_eol(NULL,
		   "NAME=\"Alibaba Cloud Linux (Aliyun Linux)\"\nVERSION=\"2.1903 LTS (Hunting "
		   "Beagle)\"\nID=\"alinux\"\nVERSION_ID=\"2.1903\"\n",
		   "Alibaba Cloud Linux 2 is out of maintenance: public security support ended "
		   "2024-03-31");
	expect_maintained_text("NAME=\"Alibaba Cloud Linux\"\nVERSION=\"3 (Soaring Falcon)\"\n"
			       "ID=\"alinux\"\nID_LIKE=\"rhel fedora centos anolis\"\n"
			       "VERSION_ID=\"3\"\n");
	expect_not_examined(NULL, "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n",
			    "not in the end-of-life data");
}

/* The reference date decides: Debian 12 is maintained in 2026 and out of LTS after 2028-06-30. */
static void test_eol_reference_date(void **state)
{
	struct fx x;
	char *root;
	const struct fnd_finding *f;

	run_eol(&x, &root, "os-release/claircore/debian/12/etc/os-release", NULL);
	fx_clean(&x, "UPD-002");
	fnd_release(&x.r);
	fnd_init(&x.r);
	chk_ctx_release(&x.ctx);
	x.o.now = day("2028-07-01");
	fx_run(&x, "UPD-002");
	f = fx_find(&x, "UPD-002", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->title, "ended 2028-06-30, the security team's 2026-07-11"));
	assert_non_null(strstr(f->title, "reference date 2028-07-01"));
	eol_done(&x, root);
}

/* The whole pipeline with the jdcloud profile: Debian 12 minbase with the index fails JD-1.1e;
 * without one JD-1.1e is NOT EXAMINED; JD-1.1d passes (Debian 12 in LTS on 2026-12-01). */
static void test_profile_verdicts(void **state)
{
	char *root = t_debian_root("minbase"), *gz = t_data(SECURITY_GZ);
	const char *idx[] = {gz};
	struct chk_opts o = {
		.now = day("2026-12-01"), .security_indexes = idx, .n_security_indexes = 1};
	struct chk_audit_result r = {0};

	T_REQUIRE(root, "no debootstrapped Debian root on this machine");
	fx_audit(&r, root, "jdcloud", &o);
	for (size_t i = 0; i < r.report.n_clauses; i++) {
		const struct fnd_clause *c = &r.report.clauses[i];

		if (strcmp(c->id, "JD-1.1e") == 0)
			assert_int_equal(c->verdict, FND_FAIL);
		if (strcmp(c->id, "JD-1.1d") == 0)
			assert_int_equal(c->verdict, FND_PASS);
	}
	chk_audit_release(&r);
	memset(&r, 0, sizeof(r));
	o.n_security_indexes = 0;
	fx_audit(&r, root, "jdcloud", &o);
	for (size_t i = 0; i < r.report.n_clauses; i++)
		if (strcmp(r.report.clauses[i].id, "JD-1.1e") == 0)
			assert_int_equal(r.report.clauses[i].verdict, FND_NOT_EXAMINED);
	chk_audit_release(&r);
	free(root);
	free(gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian12_equals_apt),
		cmocka_unit_test(test_debian12_equals_apt_db),
		cmocka_unit_test(test_db_index_order),
		cmocka_unit_test(test_image_lists),
		cmocka_unit_test(test_no_index),
		cmocka_unit_test(test_malformed_list),
		cmocka_unit_test(test_too_many_lists),
		cmocka_unit_test(test_rpm_equals_dnf),
		cmocka_unit_test(test_rpm_given_repo),
		cmocka_unit_test(test_rpm_cache_without_updateinfo),
		cmocka_unit_test(test_apk_cache),
		cmocka_unit_test(test_apk_secdb),
		cmocka_unit_test(test_apk_hostile),
		cmocka_unit_test(test_up_to_date),
		cmocka_unit_test(test_eol_os_release),
		cmocka_unit_test(test_eol_reference_date),
		cmocka_unit_test(test_profile_verdicts),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
