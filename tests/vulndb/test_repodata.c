/* test_repodata.c — unit tests of vulndb/repodata: rpm repository metadata made by createrepo_c
 * and modifyrepo_c (tests/fixtures/rpm-repo.sh), and hostile metadata */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util/limits.h"
#include "vulndb/repodata.h"

/* The cached fixture's directory, NULL when it cannot be built here (status 77). */
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

static const struct vdb_rpm_advisory *adv(const struct vdb_rpm_repo *r, const char *id)
{
	for (size_t i = 0; i < r->n_advs; i++)
		if (strcmp(r->advs[i].id, id) == 0)
			return &r->advs[i];
	return NULL;
}

/* The repository createrepo_c made (primary.xml.xz) with modifyrepo_c's updateinfo.xml.gz: every
 * package, every advisory with its type, severity and packages. */
static void test_real_repo(void **state)
{
	char *fx = rpm_fixture(), *dir;
	struct vdb_rpm_repo r;
	struct ia_err err = {0};
	const struct vdb_rpm_advisory *a;
	bool baz = false;

	T_REQUIRE(fx, "rpm fixture not buildable here (rpmbuild, createrepo_c, modifyrepo_c)");
	assert_true(asprintf(&dir, "%s/repo", fx) > 0);
	vdb_rpm_repo_init(&r);
	if (vdb_rpm_repo_read_dir(&r, dir, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(r.problems.len, 0);
	assert_int_equal(r.n_repos, 1);
	assert_int_equal(r.n_updateinfo, 1);
	assert_int_equal(r.n_pkgs, 24);
	assert_int_equal(r.n_advs, 11);
	assert_int_equal(r.n_fixes, 12);
	/* modules.yaml: four streams and iadef's default, the streams' packages */
	assert_int_equal(r.n_modules, 5);
	assert_int_equal(r.n_artifacts, 6);
	assert_string_equal(r.modules[4].name, "iadef");
	assert_string_equal(r.modules[4].stream, "a");
	assert_true(r.modules[4].is_default);
	assert_string_equal(r.artifacts[2].nevra, "ia-mod-0:2.0-1.module_2.x86_64");
	assert_string_equal(r.modules[r.artifacts[2].module].stream, "2");
	a = adv(&r, "IA-2026:0002");
	assert_non_null(a);
	assert_string_equal(a->type, "security");
	assert_string_equal(a->severity, "Critical");
	assert_string_equal(a->title, "Critical: ia-baz security update");
	assert_string_equal(a->issued, "2026-01-11 00:00:00");
	assert_string_equal(adv(&r, "IA-2026:1001")->type, "bugfix");
	assert_string_equal(adv(&r, "IA-2026:1001")->severity, "");
	for (size_t i = 0; i < r.n_pkgs; i++)
		if (strcmp(r.pkgs[i].name, "ia-baz") == 0 && strcmp(r.pkgs[i].release, "2") == 0) {
			char evr[64];

			baz = true;
			assert_int_equal(r.pkgs[i].epoch, 1);
			assert_true(vdb_rpm_evr(&r.pkgs[i], evr, sizeof(evr)));
			assert_string_equal(evr, "1:3.0-2");
			assert_string_equal(r.pkgs[i].arch, "x86_64");
		}
	assert_true(baz);
	/* the repodata directory itself names the same repository */
	vdb_rpm_repo_release(&r);
	free(dir);
	assert_true(asprintf(&dir, "%s/repo/repodata/", fx) > 0);
	assert_int_equal(vdb_rpm_repo_read_dir(&r, dir, &err), 0);
	assert_int_equal(r.n_pkgs, 24);
	vdb_rpm_repo_release(&r);
	free(dir);
	free(fx);
}

static int parse(struct vdb_rpm_repo *r, bool primary, const char *xml, struct ia_err *err)
{
	return primary ? vdb_rpm_primary_parse(r, "t.xml", xml, strlen(xml), err)
		       : vdb_rpm_updateinfo_parse(r, "t.xml", "t", xml, strlen(xml), err);
}

/* Bad packages and advisories are skipped with a problem at their line, the rest kept. */
static void test_bad_items(void **state)
{
	struct vdb_rpm_repo r;
	struct ia_err err = {0};

	vdb_rpm_repo_init(&r);
	assert_int_equal(
		parse(&r, true,
		      "<metadata>\n"
		      "<package type=\"rpm\"><name>ok</name><arch>noarch</arch>"
		      "<version ver=\"1\" rel=\"1\"/></package>\n"
		      "<package type=\"rpm\"><name>ep</name><arch>x86_64</arch>"
		      "<version epoch=\"x1\" ver=\"1\" rel=\"1\"/></package>\n"
		      "<package type=\"rpm\"><name>ar</name><arch>x86 64</arch>"
		      "<version ver=\"1\" rel=\"1\"/></package>\n"
		      "<package type=\"rpm\"><name>nv</name><arch>x86_64</arch></package>\n"
		      "<package type=\"rpm\"><name>dash</name><arch>x86_64</arch>"
		      "<version ver=\"1-2\" rel=\"1\"/></package>\n"
		      "<package type=\"srpm\"><name>src</name></package>\n"
		      "</metadata>\n",
		      &err),
		0);
	assert_int_equal(r.n_pkgs, 1);
	assert_int_equal(r.pkgs[0].epoch, 0);
	assert_int_equal(r.problems.len, 4);
	assert_int_equal(r.problems.v[0].line, 3);
	assert_non_null(strstr(r.problems.v[0].msg, "epoch"));
	assert_int_equal(r.problems.v[3].line, 6);
	assert_int_equal(
		parse(&r, false,
		      "<updates>\n"
		      "<update type=\"security\"><title>no id</title><pkglist><collection>"
		      "<package name=\"a\" version=\"1\" release=\"1\" arch=\"x86_64\"/>"
		      "</collection></pkglist></update>\n"
		      "<update type=\"security\"><id>A-1</id><pkglist><collection>\n"
		      "<package name=\"a\" version=\"1\" release=\"1\" arch=\"x86_64\"/>\n"
		      "<package name=\"b b\" version=\"1\" release=\"1\" arch=\"x86_64\"/>\n"
		      "</collection></pkglist></update>\n"
		      "</updates>\n",
		      &err),
		0);
	assert_int_equal(r.n_advs, 1);
	assert_int_equal(r.n_fixes, 1); /* the advisory without an id took its package along */
	assert_int_equal(r.fixes[0].advisory, 0);
	assert_int_equal(r.fixes[0].pkg.line, 4);
	assert_int_equal(r.problems.len, 6);
	vdb_rpm_repo_release(&r);
}

/* What stops a file: a DOCTYPE (entities), nesting past IA_MAX_XML_DEPTH, XML that is not
 * well-formed (an advisory cut short is not kept), the wrong root, garbage "compressed". */
static void test_hostile(void **state)
{
	struct vdb_rpm_repo r;
	struct ia_err err = {0};
	char *deep = malloc(IA_MAX_XML_DEPTH * 3 + 32), *o = deep;

	vdb_rpm_repo_init(&r);
	assert_int_equal(parse(&r, false,
			       "<?xml version=\"1.0\"?>\n<!DOCTYPE u [<!ENTITY a \"aaaaaaaa\">"
			       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<updates>&b;</updates>",
			       &err),
			 -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "DOCTYPE"));
	o += sprintf(o, "<metadata>");
	for (unsigned i = 0; i < IA_MAX_XML_DEPTH; i++)
		o += sprintf(o, "<a>");
	assert_int_equal(parse(&r, true, deep, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "IA_MAX_XML_DEPTH"));
	assert_int_equal(parse(&r, false,
			       "<updates><update type=\"security\"><id>X</id><pkglist><collection>"
			       "<package name=\"a\" version=\"1\" release=\"1\" arch=\"x86_64\"/>",
			       &err),
			 -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "not well-formed"));
	assert_int_equal(r.n_fixes, 0);
	assert_int_equal(r.n_advs, 0);
	assert_int_equal(parse(&r, true, "<updates></updates>", &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "not a primary.xml"));
	assert_int_equal(parse(&r, true, "", &err), -IA_ECORRUPT);
	assert_true(vdb_rpm_primary_parse(&r, "t.xz",
					  "\xfd"
					  "7zXZ\0garbage",
					  12, &err) < 0);
	vdb_rpm_repo_release(&r);
	free(deep);
}

/* repomd.xml: the hrefs; SQLite-only metadata and hrefs leaving the repository refused. */
static void test_repomd(void **state)
{
	char *dir = t_mkdtemp(), p[1024], u[1024], m[1024];
	struct vdb_rpm_repo r;
	struct ia_err err = {0};
	const char *md = "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\">"
			 "<data type=\"primary\"><location href=\"repodata/a-primary.xml.gz\"/>"
			 "</data><data type=\"updateinfo\"><location href=\"repodata/u.xml\"/>"
			 "</data></repomd>";

	assert_int_equal(vdb_rpm_repomd_parse("r", md, strlen(md), p, u, m, sizeof(p), &err), 0);
	assert_string_equal(p, "repodata/a-primary.xml.gz");
	assert_string_equal(u, "repodata/u.xml");
	assert_string_equal(m, "");
	vdb_rpm_repo_init(&r);
	t_write(dir, "repodata/repomd.xml",
		"<repomd><data type=\"primary_db\"><location href=\"repodata/p.sqlite.bz2\"/>"
		"</data></repomd>",
		0644);
	assert_int_equal(vdb_rpm_repo_read_dir(&r, dir, &err), -IA_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "SQLite"));
	t_write(dir, "repodata/repomd.xml",
		"<repomd><data type=\"primary\"><location href=\"/etc/passwd\"/></data></repomd>",
		0644);
	assert_int_equal(vdb_rpm_repo_read_dir(&r, dir, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "leaves the repository"));
	t_write(dir, "repodata/repomd.xml",
		"<repomd><data type=\"primary\"><location href=\"repodata/gone.xml\"/></data>"
		"</repomd>",
		0644);
	assert_int_equal(vdb_rpm_repo_read_dir(&r, dir, &err), -ENOENT);
	assert_int_equal(r.n_repos, 0);
	vdb_rpm_repo_release(&r);
	t_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_repo),
		cmocka_unit_test(test_bad_items),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_repomd),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
