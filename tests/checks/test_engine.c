/* test_engine.c — unit tests of the check engine: catalogue, reporting, overrides, input family,
 * docs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/accounts.h"
#include "checks/check.h"
#include "checks/profile.h"
#include "checks/state.h"
#include "facts/facts.h"
#include "findings/findings.h"
#include "report/report.h"
#include "util/limits.h"
#include "util/problem.h"

static void test_catalogue_ids(void **state)
{
	assert_true(chk_catalogue_len >= 19);
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];
		const char *dash = strchr(d->id, '-');

		/* stable ID scheme: PREFIX-NNN, unique, with every catalogue field filled */
		assert_non_null(dash);
		assert_int_equal(strlen(dash + 1), 3);
		for (const char *p = dash + 1; *p; p++)
			assert_true(isdigit((unsigned char)*p));
		assert_non_null(d->family);
		assert_true(d->title && *d->title);
		assert_true(d->clauses && d->clauses[0] && *d->clauses[0]);
		assert_true(d->clause_list && strstr(d->clause_list, d->clauses[0]));
		assert_true(d->examines && *d->examines);
		assert_true(d->remediation && *d->remediation);
		assert_non_null(d->run);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(chk_catalogue[j].id, d->id);
		assert_ptr_equal(chk_find(d->id), d);
	}
	/* the IDs the end-to-end tests rely on */
	assert_non_null(chk_find("FS-001"));
	assert_non_null(chk_find("ACC-001"));
	assert_non_null(chk_find("fs-001"));
	assert_null(chk_find("FS-999"));
	assert_null(chk_find(NULL));
}

static void test_clause_names(void **state)
{
	assert_true(chk_clauses_name("JD-3.1b JK-HASH", "JK-HASH"));
	assert_true(chk_clauses_name("JD-3.1b JK-HASH", "jd-3.1B"));
	assert_false(chk_clauses_name("JD-3.1b JK-HASH", "JD-3.1"));
	assert_false(chk_clauses_name("JD-3.1bc", "JD-3.1b"));
	/* an en dash, as the specifications write ranges, equals the ASCII hyphen */
	assert_true(chk_clauses_name("SR-6.1\xe2\x80\x93"
				     "6.2",
				     "SR-6.1-6.2"));
	assert_true(chk_clauses_name("SR-6.1-6.2", "SR-6.1\xe2\x80\x93"
						   "6.2"));
	assert_false(chk_clauses_name("", "JD-3.1b"));
	assert_false(chk_clauses_name(NULL, "JD-3.1b"));
}

/* A facts record with problems only: the input family turns them into findings and gaps. */
static void test_input_problems(void **state)
{
	char *root = t_mkdtemp();
	struct fx x;
	struct chk_override ov = {"INPUT-001", FND_SEV_HIGH};
	const struct fnd_finding *fi;
	size_t gaps0;

	fx_accounts(root, NULL, NULL, NULL);
	fx_open(&x, root);
	gaps0 = x.r.n_gaps;
	ia_problem_add(&x.f.problems, "accounts", "/etc/shadow", 3, -IA_ECORRUPT,
		       "line has 3 fields, expected 9");
	ia_problem_add(&x.f.problems, "packages (dpkg)", "/var/lib/dpkg/status", 0, -IA_ETOOBIG,
		       "file larger than the limit");
	x.o.overrides = &ov;
	x.o.n_overrides = 1;
	fx_run(&x, "INPUT-001");
	fx_run(&x, "INPUT-002");
	fi = fx_find(&x, "INPUT-001", "/etc/shadow");
	assert_non_null(fi);
	assert_int_equal(fi->line, 3);
	assert_int_equal(fi->severity, FND_SEV_HIGH); /* the user's override */
	assert_non_null(strstr(fi->title, "expected 9"));
	assert_true(chk_clauses_name(fi->clauses, "JD-3.1b"));
	assert_false(chk_clauses_name(fi->clauses, "JD-3.1f"));
	assert_string_equal(fi->remediation, chk_find("INPUT-001")->remediation);
	fi = fx_find(&x, "INPUT-002", "/var/lib/dpkg/status");
	assert_non_null(fi);
	assert_int_equal(fi->severity, FND_SEV_MEDIUM);
	assert_true(chk_clauses_name(fi->clauses, "JD-1.1c"));
	/* each problem is also "not examined", with its path and line */
	assert_true(x.r.n_gaps >= gaps0 + 2);
	assert_true(fx_gaps(&x, "INPUT-001") >= 1);
	for (size_t i = 0; i < x.r.n_gaps; i++)
		if (strcmp(x.r.gaps[i].path, "/etc/shadow") == 0)
			assert_int_equal(x.r.gaps[i].line, 3);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void spam(struct chk_ctx *ctx)
{
	for (unsigned i = 0; i < IA_MAX_FINDINGS_PER_CHECK + 5; i++)
		chk_report(ctx, "/x", i + 1, "v", NULL, "finding %u", i);
}

/* A check past IA_MAX_FINDINGS_PER_CHECK: the rest are counted in one last finding. */
static enum fnd_verdict clause_verdict(const struct fx *x, const char *id, const char **why)
{
	for (size_t i = 0; i < x->r.n_clauses; i++)
		if (strcmp(x->r.clauses[i].id, id) == 0) {
			if (why)
				*why = x->r.clauses[i].why;
			return x->r.clauses[i].verdict;
		}
	fail_msg("no clause %s in the report", id);
	return FND_NOT_EXAMINED;
}

/* A root whose directory dir holds a chain deeper than IA_MAX_DEPTH: the walker indexes none
 * of what lies past the limit and records a problem at that directory. */
static struct chk_profile *audit_deep(struct fx *x, char *root, const char *dir)
{
	char rel[IA_MAX_DEPTH * 2 + 64];
	size_t n = (size_t)snprintf(rel, sizeof(rel), "%s", dir);
	struct chk_profile *all = NULL;
	struct ia_err err = {0};

	for (int i = 0; i < IA_MAX_DEPTH + 2; i++)
		n += (size_t)snprintf(rel + n, sizeof(rel) - n, "/d");
	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_mkdir(root, rel, 0755);
	fx_open(x, root);
	assert_true(tgt_problems(x->t)->len >= 1);
	chk_run_all(&x->ctx);
	assert_int_equal(chk_profile_load("all", &all, &err), 0);
	chk_profile_apply(all, &x->ctx);
	return all; /* the clause IDs of the report point into it */
}

/*
 * Regression (issue 14): a directory the walker could not list (as an unprivileged user, /etc
 * of mode 0711; here, past IA_MAX_DEPTH, which root cannot read around either) was an INPUT-002
 * finding naming only the index clauses, while the account clauses, whose checks read /etc,
 * stayed PASS or NOT APPLICABLE on an /etc they never saw whole. Every check whose family reads
 * at, under or above that directory now has a gap: its clauses are NOT EXAMINED. A directory
 * only whole-tree checks read (/srv) leaves the account clauses alone.
 * tests/e2e/unlisted.sh runs the real case as nobody.
 */
static void test_unindexed_directory_hides_readers(void **state)
{
	char *root = t_mkdtemp();
	const char *why = NULL;
	struct fx x;
	struct chk_profile *all = audit_deep(&x, root, "etc");
	for (size_t k = 0; k < 4; k++) {
		const char *c = (const char *[]){"JD-3.1b", "JK-HASH", "SR-6.1-6.2", "JD-4.1f"}[k];

		if (clause_verdict(&x, c, &why) != FND_NOT_EXAMINED)
			fail_msg("%s: %d, want NOT EXAMINED (%s)", c, clause_verdict(&x, c, NULL),
				 why);
		assert_non_null(strstr(why, "not in the index of the image"));
		assert_non_null(strstr(why, "/etc/d/d"));
	}
	assert_int_equal(clause_verdict(&x, "JD-3.1f", NULL), FND_NOT_EXAMINED);
	fx_close(&x);
	chk_profile_free(all);
	t_rmtree(root);
	free(root);

	root = t_mkdtemp();
	all = audit_deep(&x, root, "srv");
	/* JD-3.1c is served by account checks alone (JD-3.1b is also WEB-010's, Tomcat users,
	 * and the web family reads web roots wherever they are) */
	assert_int_not_equal(clause_verdict(&x, "JD-3.1c", &why), FND_NOT_EXAMINED);
	assert_int_not_equal(clause_verdict(&x, "SR-6.1-6.2", &why), FND_NOT_EXAMINED);
	/* the files family reads the whole tree (JK-HASH is served by FS-005 too; JD-4.1f by
	 * the leftovers family, which also reads everything; JD-3.1b by WEB-010, whose web family
	 * reads web roots anywhere) */
	assert_int_equal(clause_verdict(&x, "JD-3.1b", &why), FND_NOT_EXAMINED);
	assert_int_equal(clause_verdict(&x, "JK-HASH", &why), FND_NOT_EXAMINED);
	assert_int_equal(clause_verdict(&x, "JD-3.1f", &why), FND_NOT_EXAMINED);
	assert_non_null(strstr(why, "/srv/d/d"));
	fx_close(&x);
	chk_profile_free(all);
	t_rmtree(root);
	free(root);
}

static void test_per_check_cap(void **state)
{
	struct fnd_report r;
	struct chk_ctx ctx = {0};
	struct inv_facts f;

	/* the cap is kept per catalogue entry: report as FS-009 would */
	inv_facts_init(&f);
	fnd_init(&r);
	ctx.rpt = &r;
	ctx.facts = &f;
	ctx.cur = chk_find("FS-009");
	spam(&ctx);
	ctx.cur = NULL;
	assert_int_equal(r.n_findings, IA_MAX_FINDINGS_PER_CHECK);
	chk_ctx_release(&ctx);
	fnd_release(&r);
	inv_facts_release(&f);
}

/* A check run past IA_MAX_FINDINGS_PER_CHECK through the engine: the first ones are listed, and
 * the run ends with one finding counting the rest, with the check's severity and clauses. */
static void test_per_check_cap_summary(void **state)
{
	char *root = t_mkdtemp();
	const unsigned extra = 3;
	const struct chk_def *d = chk_find("FS-001");
	const struct fnd_finding *last = NULL;
	char rel[64], want[160];
	size_t n = 0;
	struct fx x;

	fx_accounts(root, NULL, NULL, NULL);
	for (unsigned i = 0; i < IA_MAX_FINDINGS_PER_CHECK + extra; i++) {
		snprintf(rel, sizeof(rel), "srv/drop%04u", i);
		t_mkdir(root, rel, 0777);
	}
	fx_open(&x, root);
	fx_run(&x, "FS-001");
	for (size_t i = 0; i < x.r.n_findings; i++)
		if (strcmp(x.r.findings[i].check, "FS-001") == 0) {
			n++;
			last = &x.r.findings[i];
		}
	assert_int_equal(n, IA_MAX_FINDINGS_PER_CHECK + 1);
	assert_non_null(last);
	snprintf(want, sizeof(want),
		 "%u more findings of this check not listed (limit of %u per check)", extra,
		 (unsigned)IA_MAX_FINDINGS_PER_CHECK);
	assert_string_equal(last->title, want);
	assert_int_equal(last->severity, d->severity);
	assert_true(chk_clauses_name(last->clauses, "JD-3.1f"));
	assert_string_equal(last->remediation, d->remediation);
	/* the listed ones are real, distinct directories */
	assert_string_equal(x.r.findings[0].path, "/srv/drop0000");
	assert_non_null(fx_find(&x, "FS-001", "/srv/drop0999"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Strong password hashed with yescrypt (mkpasswd -m yescrypt): no guess finds it, so ACC-002
 * hashes until its budget is spent. */
#define STRONG_YESCRYPT "$y$j9T$cid3vknPIWCi2gknvqf0V0$B7nwLSqzt28J5EVqK.E9D8nKaaFiSwlOxj1GxGVvBUD"

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Time per family: the weak-password budget is spent in the accounts family and counted there,
 * not in another family; the families together took no longer than the run. */
static void test_family_times(void **state)
{
	char *root = t_mkdtemp();
	size_t n;
	const char *const *fams = chk_families(&n);
	double t0, wall, sum = 0, acc;
	struct fx x;

	fx_accounts(root, "alice:x:1000:1000::/home/alice:/bin/bash\n",
		    "alice:" STRONG_YESCRYPT ":19000:0:99999:7:::\n", NULL);
	t_write(root, "etc/os-release", "ID=debian\n", 0644); /* else no check runs */
	fx_open(&x, root);
	x.o.password_budget = 0.3;
	t0 = mono_now();
	chk_run_all(&x.ctx);
	wall = mono_now() - t0;
	assert_int_equal(fx_gaps(&x, "ACC-002"), 1); /* the budget was spent: alice not cleared */
	acc = chk_family_seconds(&x.ctx, "accounts");
	/* the test stops when the next guess would pass the deadline, so the budget is spent
	 * to within one guess (timed here, the slowest of three) */
	{
		void *scratch = chk_crypt_scratch();
		double guess = 0;

		for (int i = 0; i < 3; i++) {
			double g0 = mono_now(), g;

			(void)chk_password_matches(scratch, STRONG_YESCRYPT, "guess");
			g = mono_now() - g0;
			if (g > guess)
				guess = g;
		}
		free(scratch);
		if (acc < 0.3 - guess || acc > wall)
			fail_msg("accounts family: %.3f s, want the 0.3 s budget (less one guess, "
				 "%.3f s) and at most the run's %.3f s",
				 acc, guess, wall);
	}
	assert_true(n >= 8);
	for (size_t i = 0; i < n; i++) {
		double s = chk_family_seconds(&x.ctx, fams[i]);

		assert_true(s >= 0);
		if (strcmp(fams[i], "accounts") != 0 && s >= acc)
			fail_msg("family %s took %.3f s, accounts %.3f s", fams[i], s, acc);
		sum += s;
	}
	if (sum > wall)
		fail_msg("families add up to %.3f s, the run took %.3f s", sum, wall);
	assert_true(chk_family_seconds(&x.ctx, "no-such-family") == 0);
	fx_close(&x);
	assert_null(x.ctx.state);
	t_rmtree(root);
	free(root);
}

/* No target: every check records a gap, none a finding, nothing crashes. */
static void test_no_target(void **state)
{
	struct fnd_report r;
	struct inv_facts f;
	struct chk_ctx ctx = {0};

	inv_facts_init(&f);
	fnd_init(&r);
	ctx.rpt = &r;
	ctx.facts = &f;
	chk_run_all(&ctx);
	assert_non_null(ctx.state);
	assert_int_equal(r.n_gaps, chk_catalogue_len);
	assert_int_equal(r.n_findings, 0);
	chk_ctx_release(&ctx);
	assert_null(ctx.state);
	chk_ctx_release(&ctx);
	fnd_release(&r);
	inv_facts_release(&f);
}

/* docs/checks.md is the catalogue's Markdown, compared as committed (the test never writes it);
 * regenerate with `imgaudit checks --format markdown > docs/checks.md`. */
static void test_docs_match_catalogue(void **state)
{
	const char *src = getenv("IA_SOURCE_ROOT");
	char *path, *want, *got = NULL;
	size_t got_len = 0, want_len;
	FILE *m = open_memstream(&got, &got_len);

	assert_non_null(src);
	assert_non_null(m);
	assert_int_equal(chk_catalogue_write_markdown(m), 0);
	fclose(m);
	assert_true(asprintf(&path, "%s/docs/checks.md", src) > 0);
	want = t_slurp(path, &want_len);
	if (want_len != got_len || memcmp(want, got, got_len) != 0)
		fail_msg("docs/checks.md differs from the catalogue: run "
			 "build/imgaudit checks --format markdown > docs/checks.md");
	for (size_t i = 0; i < chk_catalogue_len; i++)
		assert_non_null(strstr(want, chk_catalogue[i].id));
	free(want);
	free(got);
	free(path);
}

/* What could not be read for a shared fact is reported once, by the first check that reads it,
 * with the file and line, and whether it fails the gate (a file not read) or not (a line). */
static void test_fact_issues_once(void **state)
{
	struct ia_problems issues = {0};
	struct fnd_report r;
	struct chk_ctx ctx = {0};

	(void)state;
	fnd_init(&r);
	ctx.rpt = &r;
	ctx.cur = chk_find("KERN-001");
	ia_problem_add(&issues, "", "/etc/sysctl.conf", 3, 0, "line not examined: not text");
	ia_problem_add(&issues, "", "/etc/sysctl.d/a.conf", 0, -EACCES, "file not examined: no");
	assert_true(chk_fact_issues(&ctx, &issues));
	assert_int_equal(r.n_gaps, 2);
	assert_string_equal(r.gaps[0].area, "check KERN-001");
	assert_string_equal(r.gaps[0].path, "/etc/sysctl.conf");
	assert_int_equal(r.gaps[0].line, 3);
	assert_false(ctx.state->gaps[0].unreadable);
	assert_true(ctx.state->gaps[1].unreadable);
	ctx.cur = chk_find("KERN-002");
	assert_false(chk_fact_issues(&ctx, &issues));
	assert_int_equal(r.n_gaps, 2);
	chk_ctx_release(&ctx);
	fnd_release(&r);
	ia_problems_release(&issues);
}

/* chk_select: families and IDs (any case), --only then --skip, the input family always on,
 * unknown names refused. */
static void test_select(void **state)
{
	bool *off = calloc(chk_catalogue_len, sizeof(*off));
	const char *only[] = {"malware", "fs-001"}, *skip[] = {"MAL-003"}, *bad = NULL;
	const char *unknown[] = {"malwar"}, *input[] = {"input"};
	size_t on = 0;

	(void)state;
	assert_non_null(off);
	assert_true(chk_select(only, 2, skip, 1, off, &bad) > 0);
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];
		bool want_on = strcmp(d->family, "input") == 0 || strcmp(d->id, "FS-001") == 0 ||
			       (strcmp(d->family, "malware") == 0 && strcmp(d->id, "MAL-003") != 0);

		assert_int_equal(off[i], !want_on);
		on += !off[i];
	}
	assert_true(on >= 3);
	/* --skip alone: only what it names */
	assert_int_equal(chk_select(NULL, 0, skip, 1, off, &bad), 1);
	assert_true(off[chk_index(chk_find("MAL-003"))]);
	assert_int_equal(chk_select(unknown, 1, NULL, 0, off, &bad), -1);
	assert_string_equal(bad, "malwar");
	assert_int_equal(chk_select(NULL, 0, input, 1, off, &bad), -1);
	assert_string_equal(bad, "input");
	free(off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_ids),
		cmocka_unit_test(test_clause_names),
		cmocka_unit_test(test_input_problems),
		cmocka_unit_test(test_unindexed_directory_hides_readers),
		cmocka_unit_test(test_per_check_cap),
		cmocka_unit_test(test_per_check_cap_summary),
		cmocka_unit_test(test_family_times),
		cmocka_unit_test(test_no_target),
		cmocka_unit_test(test_docs_match_catalogue),
		cmocka_unit_test(test_fact_issues_once),
		cmocka_unit_test(test_select),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
