/* test_profile.c — tests of profiles: parsing (good and malformed), built-ins, per-clause verdicts
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "util/cleanup.h"
#include "chk_fixture.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/profile.h"
#include "util/problem.h"

static void test_parse_good(void **state)
{
	const char text[] =
		"# a user's profile\n"
		"name: mine\n"
		"title: My rules\n"
		"gate: high\n"
		"\n"
		"X-1 | S | no world-writable dirs | same=JD-3.1f\n"
		"X-2 | M | a human checks this | guide=look at the backups\n"
		"X-3 | S+L | served by a named check | checks=ACC-001, FS-002; needs=x\n"
		"  X-4 |S| trailing bar, no options |\n";
	struct chk_profile *p = NULL;
	struct ia_err err = {0};

	assert_int_equal(chk_profile_parse("mine.txt", text, sizeof(text) - 1, &p, &err), 0);
	assert_string_equal(p->name, "mine");
	assert_string_equal(p->title, "My rules");
	assert_int_equal(p->gate, FND_SEV_HIGH);
	assert_int_equal(p->n_clauses, 4);
	assert_string_equal(p->clauses[0].id, "X-1");
	assert_string_equal(p->clauses[0].same, "JD-3.1f");
	assert_int_equal(p->clauses[1].mode, CHK_MODE_M);
	assert_string_equal(p->clauses[1].guide, "look at the backups");
	assert_int_equal(p->clauses[2].mode, CHK_MODE_S | CHK_MODE_L);
	assert_string_equal(p->clauses[2].checks, "ACC-001 FS-002");
	assert_string_equal(p->clauses[3].title, "trailing bar, no options");
	assert_int_equal(p->clauses[3].line, 9);
	chk_profile_free(p);
	chk_profile_free(NULL);
}

static void test_parse_malformed(void **state)
{
	static const struct {
		const char *text;
		unsigned line;
		const char *msg;
	} bad[] = {
		{"title: no name\n", 0, "name"},
		{"name: x\ngate: severe\n", 2, "gate"},
		{"name: x\nA | Q | bad mode |\n", 2, "mode"},
		{"name: x\nA | S |\n", 2, "expected"},
		{"name: x\nA | S | t | same\n", 2, "key=value"},
		{"name: x\nA | S | t | colour=red\n", 2, "unknown option"},
		{"name: x\nA | S | t | checks=NOPE-001\n", 2, "unknown check"},
		{"name: x\nA | S | t |\nA | S | again |\n", 3, "twice"},
		{"name: x\nA | S | t | | extra\n", 2, "more than 4"},
		{"name: x\nA B | S | t |\n", 2, "space"},
		{"name: x\nA | S | bin\x01\x02 |\n", 2, "control"},
		{"name: x\nwhat: is this\n", 2, "unknown header"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct chk_profile *p = NULL;
		struct ia_err err = {0};
		int r = chk_profile_parse("u.txt", bad[i].text, strlen(bad[i].text), &p, &err);

		if (r != -IA_ECORRUPT)
			fail_msg("case %zu: returned %d", i, r);
		assert_null(p);
		assert_string_equal(err.path, "u.txt");
		assert_int_equal(err.line, bad[i].line);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("case %zu: message '%s'", i, err.msg);
	}
}

static void test_builtin(void **state)
{
	size_t n;
	const char *const *names = chk_profile_names(&n);
	struct chk_profile *p = NULL, *all = NULL;
	struct ia_err err = {0};
	size_t total = 0;

	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		if (chk_profile_load(names[i], &p, &err) < 0)
			fail_msg("%s: %s:%u: %s", names[i], err.path, err.line, err.msg);
		assert_string_equal(p->name, names[i]);
		assert_true(p->n_clauses >= 10);
		total += p->n_clauses;
		chk_profile_free(p);
	}
	assert_int_equal(chk_profile_load("jdcloud", &p, &err), 0);
	assert_int_equal(p->gate, FND_SEV_MEDIUM);
	chk_profile_free(p);
	assert_int_equal(chk_profile_load("all", &all, &err), 0);
	assert_int_equal(all->n_clauses, total);
	assert_string_equal(all->name, "all");
	assert_true(all->gate <= FND_SEV_MEDIUM);
	chk_profile_free(all);
	assert_int_equal(chk_profile_load("nosuch", &p, &err), -ENOENT);
	assert_int_equal(chk_profile_load("/nonexistent/profile.txt", &p, &err), -ENOENT);
}

/* Every clause a check names exists in some profile (no typo in a check's clause list). */
static void test_check_clauses_exist(void **state)
{
	struct chk_profile *all = NULL;
	struct ia_err err = {0};

	assert_int_equal(chk_profile_load("all", &all, &err), 0);
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		for (const char *const *c = chk_catalogue[i].clauses; *c; c++) {
			bool found = false;

			assert_true(**c && !strchr(*c, ' ')); /* one clause ID per string */
			for (size_t j = 0; j < all->n_clauses && !found; j++)
				found = chk_clauses_name(*c, all->clauses[j].id);
			if (!found)
				fail_msg("%s names clause '%s', which no profile has",
					 chk_catalogue[i].id, *c);
		}
	}
	chk_profile_free(all);
}

static const struct fnd_clause *clause(const struct fnd_report *r, const char *id)
{
	for (size_t i = 0; i < r->n_clauses; i++)
		if (strcmp(r->clauses[i].id, id) == 0)
			return &r->clauses[i];
	fail_msg("no clause %s", id);
	return NULL;
}

/* Verdicts from a built root: FAIL, PASS by absence, NOT EXAMINED (unreadable), MANUAL. */
static void test_verdicts(void **state)
{
	const char text[] = "name: t\ngate: medium\n"
			    "C-WW | S | no world-writable | same=JD-3.1f\n"
			    "C-PW | S | no weak passwords | same=JD-3.1b\n"
			    "C-SUID | S | suid | same=JD-3.1d\n"
			    "C-VULN | S | vulnerabilities | needs=the vulnerability database\n"
			    "C-MAN | M | manual | guide=ask the vendor\n"
			    "C-INFO | S | info only | checks=FS-002\n";
	char *root = t_mkdtemp();
	struct chk_profile *p = NULL;
	struct ia_err err = {0};
	struct chk_override ov = {"FS-002", FND_SEV_INFO};
	const struct fnd_clause *c;
	struct fx x;

	assert_int_equal(chk_profile_parse("t.txt", text, sizeof(text) - 1, &p, &err), 0);
	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
	t_mkdir(root, "srv/share", 0777);
	t_write(root, "srv/note", "x", 0666);
	fx_open(&x, root);
	x.o.overrides = &ov;
	x.o.n_overrides = 1;
	x.o.password_budget = 60;
	chk_run_all(&x.ctx);
	chk_profile_apply(p, &x.ctx);
	assert_string_equal(x.r.profile, "t");
	assert_int_equal(x.r.n_clauses, 6);
	c = clause(&x.r, "C-WW");
	assert_int_equal(c->verdict, FND_FAIL);
	assert_int_equal(c->n_findings, 1);
	c = clause(&x.r, "C-PW");
	assert_int_equal(c->verdict, FND_PASS);
	assert_non_null(strstr(c->why, "not applicable"));
	c = clause(&x.r, "C-SUID");
	assert_int_equal(c->verdict, FND_PASS);
	assert_non_null(strstr(c->why, "no setuid"));
	c = clause(&x.r, "C-VULN");
	assert_int_equal(c->verdict, FND_NOT_EXAMINED);
	assert_non_null(strstr(c->why, "the vulnerability database"));
	assert_int_equal(c->n_checks, 0);
	c = clause(&x.r, "C-MAN");
	assert_int_equal(c->verdict, FND_MANUAL);
	assert_string_equal(c->why, "ask the vendor");
	/* a finding the user made informational does not fail its clause */
	c = clause(&x.r, "C-INFO");
	assert_int_equal(c->verdict, FND_PASS);
	assert_non_null(strstr(c->why, "informational"));
	assert_int_equal(fnd_status(&x.r), FND_STATUS_FAIL); /* FS-001 is medium */
	fx_close(&x);

	/* an unreadable shadow: the accounts clause is NOT EXAMINED and the gate fails */
	t_mkdir(root, "srv/share", 0755);
	t_write(root, "srv/note", "x", 0644);
	t_write(root, "etc/shadow", "root:*:1:0:99999:7:::\n", 0640);
	fx_open(&x, root);
	ia_problem_add(&x.f.problems, "accounts", "/etc/shadow", 1, -IA_ECORRUPT, "bad line");
	chk_run_all(&x.ctx);
	chk_profile_apply(p, &x.ctx);
	c = clause(&x.r, "C-PW");
	assert_int_equal(c->verdict, FND_NOT_EXAMINED);
	assert_non_null(strstr(c->why, "/etc/shadow:1"));
	assert_int_equal(clause(&x.r, "C-WW")->verdict, FND_PASS);
	assert_int_equal(fnd_status(&x.r), FND_STATUS_INCOMPLETE);
	fx_close(&x);
	chk_profile_free(p);
	t_rmtree(root);
	free(root);
}

/* An empty directory: no OS identified, no check runs, no clause PASSes, the result is
 * incomplete and the report says why. */
static void test_empty_dir(void **state)
{
	char *root = t_mkdtemp();
	struct chk_profile *p = NULL;
	struct ia_err err = {0};
	struct fx x;
	size_t counts[FND_N_VERDICTS];

	assert_int_equal(chk_profile_load("all", &p, &err), 0);
	fx_open(&x, root);
	chk_run_all(&x.ctx);
	chk_profile_apply(p, &x.ctx);
	fnd_verdict_counts(&x.r, counts);
	assert_int_equal(counts[FND_PASS], 0);
	assert_int_equal(counts[FND_FAIL], 0);
	assert_int_equal(counts[FND_NOT_APPLICABLE], 0);
	assert_int_equal(counts[FND_NOT_EXAMINED] + counts[FND_MANUAL], x.r.n_clauses);
	assert_int_equal(x.r.n_findings, 0);
	assert_non_null(strstr(clause(&x.r, "JD-3.1b")->why, "no operating system identified"));
	assert_int_equal(fnd_status(&x.r), FND_STATUS_INCOMPLETE);
	assert_true(fnd_failed(&x.r));
	x.r.accept_incomplete = true;
	assert_false(fnd_failed(&x.r));
	assert_int_equal(x.r.n_gaps, 1);
	assert_string_equal(x.r.gaps[0].area, "target");
	fx_close(&x);
	chk_profile_free(p);
	t_rmtree(root);
	free(root);
}

/* NOT APPLICABLE only when the image has nothing of the kind; an option the user turned off
 * is NOT EXAMINED with that reason; findings below the gate are notes of a PASS, the gate
 * applied per clause; findings of checks outside the profile decide nothing. */
static void test_applicable_and_gate(void **state)
{
	const char text[] =
		"name: t\ngate: medium\n"
		"C-SUDO | S | sudo logged | checks=LOG-004\n"
		"C-AUDIT | S | audited | checks=LOG-005\n"
		"C-PW | S | no weak passwords | same=JD-3.1b\n"
		"C-UMB | S | umbrella | same=JD-3.1f,JK-TOKEN; needs=token lifetime checks\n"
		"C-PART | S | partly served | same=JD-3.1f; part=certificates\n";
	char *root = t_mkdtemp();
	struct chk_profile *p = NULL;
	struct ia_err err = {0};
	const struct fnd_clause *c;
	struct fx x;

	assert_int_equal(chk_profile_parse("t.txt", text, sizeof(text) - 1, &p, &err), 0);
	fx_accounts(root, "alice:x:1000:1000::/home/alice:/bin/sh\n",
		    "alice:$6$salt$0123456789abcdefghijABCDEFGHIJ:19000:0:99999:7:::\n", NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
	fx_open(&x, root);
	x.o.password_budget = -1; /* --password-budget 0 */
	chk_run_all(&x.ctx);
	chk_profile_apply(p, &x.ctx);
	/* no sudo in the image: nothing of that kind */
	c = clause(&x.r, "C-SUDO");
	assert_int_equal(c->verdict, FND_NOT_APPLICABLE);
	assert_non_null(strstr(c->why, "sudo is not configured"));
	/* LOG-005 (no auditd) is low, below the medium gate: a note, not a FAIL */
	c = clause(&x.r, "C-AUDIT");
	assert_int_equal(c->verdict, FND_PASS);
	assert_int_equal(c->n_findings, 0);
	assert_int_equal(c->n_below, 1);
	assert_non_null(strstr(c->why, "below the gate (medium)"));
	assert_non_null(strstr(c->why, "LOG-005"));
	/* the weak-password test turned off: not examined, and why */
	c = clause(&x.r, "C-PW");
	assert_int_equal(c->verdict, FND_NOT_EXAMINED);
	assert_non_null(strstr(c->why, "--password-budget 0"));
	/* a clause covering one that no check serves (every static clause has a check now: a
	 * manual one) is examined only in part */
	c = clause(&x.r, "C-UMB");
	assert_int_equal(c->verdict, FND_NOT_EXAMINED);
	assert_non_null(strstr(c->why, "examined only in part: no check serves JK-TOKEN yet"));
	assert_non_null(strstr(c->why, "examined by FS-001, FS-002"));
	/* served, but part= names what no check examines yet: never PASS */
	c = clause(&x.r, "C-PART");
	assert_int_equal(c->verdict, FND_NOT_EXAMINED);
	assert_non_null(
		strstr(c->why, "examined only in part: no check examines certificates yet"));
	assert_non_null(strstr(c->why, "examined by FS-001, FS-002"));
	assert_int_equal(fnd_status(&x.r), FND_STATUS_INCOMPLETE);
	/* LOG-001 (no syslog, medium) serves none of these clauses: outside, deciding nothing */
	assert_true(x.r.n_outside > 0);
	for (size_t i = 0; i < x.r.n_findings; i++)
		assert_true(x.r.findings[i].outside ==
			    (strcmp(x.r.findings[i].check, "LOG-005") != 0));

	/* the user's gate at low: the same finding fails its clause, and the result */
	p->gate = FND_SEV_LOW;
	chk_profile_apply(p, &x.ctx);
	c = clause(&x.r, "C-AUDIT");
	assert_int_equal(c->verdict, FND_FAIL);
	assert_int_equal(c->n_findings, 1);
	assert_int_equal(fnd_status(&x.r), FND_STATUS_FAIL);
	fx_close(&x);
	chk_profile_free(p);
	t_rmtree(root);
	free(root);
}

/* The four built-in profiles on the real minbase and base roots: no clause FAILs without a
 * finding at or above the gate, every clause at or above it FAILs, and the result agrees with
 * the clause verdicts. */
static void test_builtin_agree(void **state)
{
	static const char *const flavours[] = {"minbase", "base"};
	static const char *const profiles[] = {"jdcloud", "aliyun", "sysreq", "jike", "all"};

	for (size_t fl = 0; fl < 2; fl++) {
		_cleanup_free_ char *path = t_debian_root(flavours[fl]);
		struct fx x;

		T_REQUIRE(path, "no debootstrapped root can be built here");
		fx_open(&x, path);
		chk_run_all(&x.ctx);
		for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
			struct chk_profile *p = NULL;
			struct ia_err err = {0};
			size_t v[FND_N_VERDICTS];
			enum fnd_status want;

			assert_int_equal(chk_profile_load(profiles[i], &p, &err), 0);
			chk_profile_apply(p, &x.ctx);
			fnd_verdict_counts(&x.r, v);
			want = v[FND_FAIL]           ? FND_STATUS_FAIL
			       : v[FND_NOT_EXAMINED] ? FND_STATUS_INCOMPLETE
						     : FND_STATUS_PASS;
			assert_int_equal(fnd_status(&x.r), want);
			for (size_t k = 0; k < x.r.n_clauses; k++) {
				const struct fnd_clause *c = &x.r.clauses[k];

				assert_true((c->verdict == FND_FAIL) == (c->n_findings > 0));
				assert_true(c->why && *c->why);
			}
			/* a finding in the profile at or above the gate fails some clause */
			for (size_t k = 0; k < x.r.n_findings; k++)
				if (!x.r.findings[k].outside &&
				    x.r.findings[k].severity >= p->gate &&
				    strncmp(x.r.findings[k].check, "INPUT-", 6) != 0)
					assert_true(v[FND_FAIL] > 0);
			chk_profile_free(p);
		}
		fx_close(&x);
	}
}

/* The four profiles on the real debootstrapped Debian 12 root, clause by clause: the whole
 * pipeline, as `imgaudit scan --profile NAME` runs it. */
static void test_debian_base_jdcloud(void **state)
{
	_cleanup_free_ char *path = t_debian_root("base");
	struct chk_audit_result r;

	T_REQUIRE(path, "no debootstrapped root can be built here");
	fx_audit(&r, path, "jdcloud", NULL);
	/* root is locked and no account has a hash: nothing to guess */
	assert_int_equal(clause(&r.report, "JD-3.1b")->verdict, FND_PASS);
	/* pam_pwquality's defaults demand 8 characters but no character classes */
	assert_int_equal(clause(&r.report, "JD-3.1c")->verdict, FND_FAIL);
	/* Debian's default SUID set, sane permissions, nothing world-writable, no test accounts */
	assert_int_equal(clause(&r.report, "JD-3.1d")->verdict, FND_PASS);
	assert_int_equal(clause(&r.report, "JD-3.1e")->verdict, FND_PASS);
	assert_int_equal(clause(&r.report, "JD-3.1f")->verdict, FND_PASS);
	assert_int_equal(clause(&r.report, "JD-4.1f")->verdict, FND_PASS);
	/* no vulnerability database given */
	assert_int_equal(clause(&r.report, "JD-1.1c")->verdict, FND_NOT_EXAMINED);
	assert_int_equal(clause(&r.report, "JD-4.1a-c")->verdict, FND_NOT_EXAMINED);
	assert_int_equal(fnd_status(&r.report), FND_STATUS_FAIL);
	for (size_t i = 0; i < r.report.n_clauses; i++)
		assert_true(r.report.clauses[i].why && *r.report.clauses[i].why);
	chk_audit_release(&r);

	fx_audit(&r, path, "sysreq", NULL);
	assert_int_equal(clause(&r.report, "SR-6.1-6.2")->verdict, FND_PASS);
	assert_int_equal(clause(&r.report, "SR-1.x")->verdict, FND_MANUAL);
	assert_int_equal(clause(&r.report, "SR-9")->verdict, FND_MANUAL);
	chk_audit_release(&r);

	fx_audit(&r, path, "jike", NULL);
	assert_int_equal(clause(&r.report, "JK-HASH")->verdict, FND_PASS);
	/* openssh-server's postinst generated host keys in the image: every instance would share
	 * them (LEFT-010) */
	assert_int_equal(clause(&r.report, "JK-KEYS")->verdict, FND_FAIL);
	assert_int_equal(clause(&r.report, "JK-BACKUP")->verdict, FND_MANUAL);
	chk_audit_release(&r);

	fx_audit(&r, path, "aliyun", NULL);
	assert_int_equal(clause(&r.report, "AY-1.1.1")->verdict, FND_NOT_EXAMINED);
	assert_int_equal(clause(&r.report, "AY-2.2.2d")->verdict, FND_MANUAL);
	chk_audit_release(&r);
}

struct hook_seen {
	int calls;
	int ret;
};

static int ready_hook(void *arg)
{
	struct hook_seen *h = arg;

	h->calls++;
	return h->ret;
}

/* chk_audit: where it stops and what it says; the ready hook runs once, before any check. */
static void test_audit_pipeline(void **state)
{
	char *root = t_mkdtemp();
	struct hook_seen h = {0};
	struct chk_audit_result r;
	struct chk_audit_opts o = {.target = root, .ready = ready_hook, .ready_arg = &h};

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
	t_mkdir(root, "srv/share", 0777); /* world-writable: FS-001, medium */
	t_write(root, "srv/note", "x", 0666);

	/* the whole audit: profile "all", its gate, the target summarised, findings sorted */
	assert_int_equal(chk_audit(&o, &r), 0);
	assert_int_equal(r.stage, CHK_AUDIT_DONE);
	assert_int_equal(h.calls, 1);
	assert_string_equal(r.report.profile, "all");
	assert_true(r.report.n_clauses > 0);
	assert_string_equal(r.target.spec, root);
	assert_string_equal(r.target.kind, "dir");
	assert_true(r.target.entries >= 5);
	assert_null(r.target.image);
	assert_string_equal(r.facts.os.id, "debian");
	assert_non_null(fx_find_in(&r.report, "FS-001", NULL));
	assert_true(fnd_failed(&r.report));
	for (size_t i = 1; i < r.report.n_findings; i++)
		assert_true(r.report.findings[i - 1].severity >= r.report.findings[i].severity);
	chk_audit_release(&r);

	/* the user's gate replaces the profile's: FS-001 (medium) no longer fails it */
	o.gate_set = true;
	o.gate = FND_SEV_CRITICAL;
	o.profile = "sysreq";
	assert_int_equal(chk_audit(&o, &r), 0);
	assert_int_equal(r.report.fail_at, FND_SEV_CRITICAL);
	assert_string_equal(r.report.profile, "sysreq");
	chk_audit_release(&r);

	/* a hook that refuses stops the audit before the first check */
	h = (struct hook_seen){.ret = -EIO};
	assert_true(chk_audit(&o, &r) < 0);
	assert_int_equal(r.stage, CHK_AUDIT_READY);
	assert_int_equal(h.calls, 1);
	assert_int_equal(r.report.n_findings, 0);
	assert_int_equal(r.report.n_clauses, 0);
	chk_audit_release(&r);

	/* an unknown profile stops it before the target is opened */
	h = (struct hook_seen){0};
	o.profile = "no-such-profile";
	assert_int_equal(chk_audit(&o, &r), -ENOENT);
	assert_int_equal(r.stage, CHK_AUDIT_PROFILE);
	assert_int_equal(h.calls, 0);
	chk_audit_release(&r);

	/* a target that cannot be opened: the error names it */
	o.profile = NULL;
	t_rmtree(root);
	assert_true(chk_audit(&o, &r) < 0);
	assert_int_equal(r.stage, CHK_AUDIT_OPEN);
	assert_true(r.err.msg[0] || r.err.path[0]);
	assert_int_equal(h.calls, 0);
	chk_audit_release(&r);
	free(root);
}

/* Gaps with one reason are one entry listing their checks (at most 8, then "and more"). */
static void test_gap_reasons(void **state)
{
	char *root = t_mkdtemp();
	const char *only[] = {"FS-001"}, *bad = NULL;
	bool *off = calloc(chk_catalogue_len, sizeof(*off));
	struct chk_opts o = {.off = off, .off_why = "turned off: test"};
	struct chk_audit_result r = {0};
	const char *why;

	(void)state;
	assert_non_null(off);
	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	assert_true(chk_select(only, 1, NULL, 0, off, &bad) > 0);
	fx_audit(&r, root, "jdcloud", &o);
	why = clause(&r.report, "JD-3.1f")->why;
	assert_int_equal(clause(&r.report, "JD-3.1f")->verdict, FND_NOT_EXAMINED);
	assert_string_equal(why, "FS-002: turned off: test");
	why = clause(&r.report, "JD-1.1b")->why;
	assert_non_null(strstr(why, "INT-001, INT-002, INT-003, PER-001, PER-002, PER-003, "
				    "PER-004, PER-005 and more: turned off: test"));
	/* one reason: said once */
	assert_null(strstr(strstr(why, "turned off: test") + 1, "turned off: test"));
	chk_audit_release(&r);
	free(off);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),    cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_builtin),       cmocka_unit_test(test_check_clauses_exist),
		cmocka_unit_test(test_verdicts),      cmocka_unit_test(test_debian_base_jdcloud),
		cmocka_unit_test(test_empty_dir),     cmocka_unit_test(test_applicable_and_gate),
		cmocka_unit_test(test_builtin_agree), cmocka_unit_test(test_audit_pipeline),
		cmocka_unit_test(test_gap_reasons),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
