/* test_report.c — unit tests of report/: escaping in every output, JSON schema, order, limits */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/audit.h"
#include "facts/facts.h"
#include "findings/waivers.h"
#include "report/report.h"
#include "target/target.h"
#include "util/common.h"
#include "util/limits.h"

struct env {
	char *root;
	struct fnd_target t; /* the pipeline's summary of the target the outputs print */
	struct inv_facts f;
	struct fnd_report r;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct tgt_opts o = {.kind = TGT_DIR};
	struct tgt *t = NULL;

	e->root = t_mkdtemp();
	/* facts refuses C0 control bytes in os-release; a C1 CSI and a byte that is not UTF-8
	 * get through to the outputs */
	t_write(e->root, "etc/os-release",
		"ID=debian\nVERSION_ID=\"12\"\n"
		"PRETTY_NAME=\"Evil \xc2\x9b"
		"31mOS \xff\"\n",
		0644);
	assert_int_equal(chk_audit_open(e->root, &o, &t, &e->f, NULL, &(struct ia_err){0}), 0);
	chk_target_summary(t, &e->t);
	tgt_free(t);
	fnd_init(&e->r);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	fnd_release(&e->r);
	inv_facts_release(&e->f);
	fnd_target_release(&e->t);
	t_rmtree(e->root);
	free(e->root);
	free(e);
	return 0;
}

/* Writes the JSON report to memory and parses it back. */
static json_t *json_report(struct env *e, char **text)
{
	size_t len;
	FILE *m = open_memstream(text, &len);
	json_error_t jerr;
	json_t *j;

	assert_non_null(m);
	assert_int_equal(rpt_write_json(m, &e->r, &e->t, &e->f), 0);
	fclose(m);
	j = json_loads(*text, 0, &jerr);
	if (!j)
		fail_msg("report is not JSON: %s (line %d)\n%s", jerr.text, jerr.line, *text);
	return j;
}

static char *table_report(struct env *e, bool color)
{
	char *text;
	size_t len;
	FILE *m = open_memstream(&text, &len);

	assert_int_equal(rpt_write_table(m, &e->r, &e->t, &e->f, color), 0);
	fclose(m);
	return text;
}

static const char evil[] = "/srv/\x1b]0;pwned\x07name\xff\xfe\"q\\\n";

static void test_json_escapes_image_strings(void **state)
{
	struct env *e = *state;
	char *text;
	json_t *j, *f;

	fnd_add(&e->r, "FS-001", "JD-3.1f", FND_SEV_MEDIUM, evil, evil, 7, evil, "chmod o-w it");
	j = json_report(e, &text);
	/* valid JSON, and the raw escape bytes never reach the output */
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\x07'));
	assert_null(memchr(text, 0xff, strlen(text)));
	f = json_array_get(json_object_get(j, "findings"), 0);
	assert_non_null(f);
	json_t *ev = json_object_get(f, "evidence");
	/* control bytes and quotes survive as themselves; the bytes that are not UTF-8 appear as
	 * the code points of the same value */
	assert_string_equal(json_string_value(json_object_get(ev, "path")),
			    "/srv/\x1b]0;pwned\x07name\xc3\xbf\xc3\xbe\"q\\\n");
	assert_int_equal(json_integer_value(json_object_get(ev, "line")), 7);
	assert_string_equal(json_string_value(json_object_get(f, "check")), "FS-001");
	assert_string_equal(json_string_value(json_array_get(json_object_get(f, "clauses"), 0)),
			    "JD-3.1f");
	/* the OS name from the image is escaped too */
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(j, "os"), "pretty_name")),
		"Evil \xc2\x9b"
		"31mOS \xc3\xbf");
	assert_int_equal(json_integer_value(json_object_get(j, "schema_version")),
			 RPT_SCHEMA_VERSION);
	json_decref(j);
	free(text);
}

static void test_table_escapes_image_strings(void **state)
{
	struct env *e = *state;
	char *text;

	fnd_add(&e->r, "FS-001", "JD-3.1f", FND_SEV_MEDIUM, evil, evil, 0, evil, evil);
	text = table_report(e, false);
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\x07'));
	assert_null(memchr(text, 0xff, strlen(text)));
	assert_non_null(strstr(text, "/srv/\\x1b]0;pwned\\x07name\\xff\\xfe"));
	assert_non_null(strstr(text, "Evil \\xc2\\x9b31mOS \\xff"));
	assert_null(strstr(text, "\xc2\x9b"));
	free(text);
	/* with colour on, the only escapes are imgaudit's own SGR sequences */
	text = table_report(e, true);
	for (char *p = text; (p = strchr(p, '\x1b')); p++)
		assert_int_equal(p[1], '[');
	assert_null(strstr(text, "\x1b]"));
	free(text);
}

static void test_sort_and_gate(void **state)
{
	struct env *e = *state;

	fnd_add(&e->r, "B-002", "", FND_SEV_LOW, "b", "/b", 0, NULL, NULL);
	fnd_add(&e->r, "A-001", "", FND_SEV_HIGH, "a2", "/z", 2, NULL, NULL);
	fnd_add(&e->r, "A-001", "", FND_SEV_HIGH, "a1", "/z", 1, NULL, NULL);
	fnd_add(&e->r, "C-003", "", FND_SEV_CRITICAL, "c", "/c", 0, NULL, NULL);
	fnd_sort(&e->r);
	assert_string_equal(e->r.findings[0].check, "C-003");
	assert_string_equal(e->r.findings[1].title, "a1");
	assert_string_equal(e->r.findings[2].title, "a2");
	assert_string_equal(e->r.findings[3].check, "B-002");
	e->r.fail_at = FND_SEV_CRITICAL;
	assert_true(fnd_failed(&e->r));
	e->r.findings[0].severity = FND_SEV_HIGH;
	assert_false(fnd_failed(&e->r));
	assert_int_equal(fnd_status(&e->r), FND_STATUS_PASS);
	/* without a profile, something not examined makes the result incomplete */
	fnd_add_gap(&e->r, "check FS-001", "/x", 0, "unreadable");
	assert_int_equal(fnd_status(&e->r), FND_STATUS_INCOMPLETE);
	assert_true(fnd_failed(&e->r));
	e->r.accept_incomplete = true;
	assert_false(fnd_failed(&e->r));
}

/* A profile's clauses: clause i gets verdict v[i]. */
static void set_clauses(struct fnd_report *r, const enum fnd_verdict *v, size_t n)
{
	static const char *const ids[] = {"C-1", "C-2", "C-3", "C-4"};

	r->profile = "mine";
	r->clauses = calloc(n, sizeof(*r->clauses));
	r->n_clauses = r->cap_clauses = n;
	for (size_t i = 0; i < n; i++)
		r->clauses[i] = (struct fnd_clause){.id = ids[i],
						    .title = "t",
						    .verdict = v[i],
						    .why = strdup("because"),
						    .n_findings = v[i] == FND_FAIL};
}

/* The result follows the clauses: fail exactly when one fails, incomplete when one is not
 * examined (MANUAL never), accepted only on request; findings outside the profile decide
 * nothing. The table says it on its first and last lines, JSON in result.status. */
static void test_result_follows_clauses(void **state)
{
	struct env *e = *state;
	static const enum fnd_verdict pass[] = {FND_PASS, FND_NOT_APPLICABLE, FND_MANUAL};
	static const enum fnd_verdict inc[] = {FND_PASS, FND_NOT_EXAMINED, FND_MANUAL};
	static const enum fnd_verdict fail[] = {FND_FAIL, FND_NOT_EXAMINED, FND_MANUAL};
	struct fnd_finding *f;
	char *text, *last;
	json_t *j, *res;

	/* a critical finding outside the profile: reported, marked, and the result is pass */
	f = fnd_add(&e->r, "LOG-005", "JK-AUDIT", FND_SEV_CRITICAL, "no auditd", "", 0, NULL,
		    "install auditd");
	f->outside = true;
	e->r.n_outside = 1;
	set_clauses(&e->r, pass, 3);
	assert_int_equal(fnd_status(&e->r), FND_STATUS_PASS);
	assert_false(fnd_failed(&e->r));
	text = table_report(e, false);
	assert_non_null(strstr(text, "entries): PASS, profile mine\n"));
	assert_non_null(strstr(text, "Findings outside profile mine"));
	assert_non_null(strstr(text, "NOT APPLICABLE"));
	last = strrchr(text, '\n');
	*last = '\0';
	assert_non_null(strstr(strrchr(text, '\n'), "PASS"));
	free(text);
	j = json_report(e, &text);
	res = json_object_get(j, "result");
	assert_string_equal(json_string_value(json_object_get(res, "status")), "pass");
	assert_true(json_is_true(json_object_get(res, "passed")));
	assert_int_equal(json_integer_value(json_object_get(res, "outside_profile")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(res, "clauses"),
							    "not_applicable")),
			 1);
	assert_true(json_is_false(
		json_object_get(json_array_get(json_object_get(j, "findings"), 0), "in_profile")));
	json_decref(j);
	free(text);
	for (size_t i = 0; i < e->r.n_clauses; i++)
		free(e->r.clauses[i].why);
	free(e->r.clauses);

	/* one clause not examined, none failing: incomplete, failing the gate until accepted */
	set_clauses(&e->r, inc, 3);
	assert_int_equal(fnd_status(&e->r), FND_STATUS_INCOMPLETE);
	assert_true(fnd_failed(&e->r));
	text = table_report(e, false);
	assert_non_null(strstr(text, "entries): INCOMPLETE, profile mine\n"));
	assert_non_null(strstr(
		text, "\nINCOMPLETE: no clause of profile mine fails, but 1 was not examined; "
		      "exit status 1 (--accept-incomplete accepts it)\n"));
	assert_non_null(strstr(text, "(gate medium): 0 FAIL, 1 NOT EXAMINED, 1 PASS, 0 NOT "
				     "APPLICABLE, 1 MANUAL\n"));
	free(text);
	e->r.accept_incomplete = true;
	assert_false(fnd_failed(&e->r));
	j = json_report(e, &text);
	res = json_object_get(j, "result");
	assert_string_equal(json_string_value(json_object_get(res, "status")), "incomplete");
	assert_true(json_is_true(json_object_get(res, "passed")));
	assert_int_equal(json_integer_value(
				 json_object_get(json_object_get(res, "clauses"), "not_examined")),
			 1);
	json_decref(j);
	free(text);
	for (size_t i = 0; i < e->r.n_clauses; i++)
		free(e->r.clauses[i].why);
	free(e->r.clauses);

	/* a failing clause: fail, accepted incompleteness or not */
	set_clauses(&e->r, fail, 3);
	assert_int_equal(fnd_status(&e->r), FND_STATUS_FAIL);
	assert_true(fnd_failed(&e->r));
	text = table_report(e, false);
	assert_non_null(strstr(text, "entries): FAIL, profile mine\n"));
	assert_non_null(strstr(text, "\nFAIL: 1 clause of profile mine fails"));
	free(text);
}

/* The summary comes before the lists; one check's shared fix is printed once, an
 * instance-specific fix with each finding. */
static void test_table_summary_and_fix_once(void **state)
{
	struct env *e = *state;
	char *text, *summary, *findings;

	for (unsigned i = 0; i < 3; i++)
		fnd_add(&e->r, "LEFT-004", "JD-4.1g", FND_SEV_LOW, "log", "/var/log/x", i + 1, NULL,
			"truncate the logs");
	fnd_add(&e->r, "ACC-006", "JD-4.1f", FND_SEV_MEDIUM, "test", "/etc/passwd", 1, NULL,
		"userdel -r test");
	fnd_add(&e->r, "ACC-006", "JD-4.1f", FND_SEV_MEDIUM, "guest", "/etc/passwd", 2, NULL,
		"userdel -r guest");
	fnd_sort(&e->r);
	text = table_report(e, false);
	summary = strstr(text, "Summary");
	findings = strstr(text, "\nFindings\n");
	assert_non_null(summary);
	assert_non_null(findings);
	assert_true(summary < findings);
	assert_non_null(strstr(summary, "0 critical, 0 high, 2 medium, 3 low, 0 info"));
	assert_non_null(strstr(text, "fix (the 3 LEFT-004 findings above): truncate the logs"));
	assert_null(strstr(text, "fix: truncate the logs"));
	assert_non_null(strstr(text, "fix: userdel -r test"));
	assert_non_null(strstr(text, "fix: userdel -r guest"));
	free(text);
}

static void test_findings_limit(void **state)
{
	struct env *e = *state;
	char *text;
	json_t *j;

	for (unsigned i = 0; i < IA_MAX_FINDINGS + 5; i++)
		fnd_add(&e->r, "FS-002", "", FND_SEV_LOW, "x", "/x", i, NULL, NULL);
	assert_int_equal(e->r.n_findings, IA_MAX_FINDINGS);
	assert_int_equal(e->r.dropped_findings, 5);
	j = json_report(e, &text);
	assert_int_equal(json_integer_value(
				 json_object_get(json_object_get(j, "result"), "dropped_findings")),
			 5);
	json_decref(j);
	free(text);
	text = table_report(e, false);
	assert_non_null(strstr(text, "5 more findings dropped"));
	free(text);
}

static void test_evidence_value_is_capped(void **state)
{
	struct env *e = *state;
	char *big = malloc(100000);

	memset(big, 'v', 99999);
	big[99999] = '\0';
	fnd_add(&e->r, "LEFT-001", "", FND_SEV_LOW, "t", "/p", 0, big, NULL);
	assert_int_equal(strlen(e->r.findings[0].value), IA_MAX_EVIDENCE);
	free(big);
}

static void test_gaps_and_clauses_in_json(void **state)
{
	struct env *e = *state;
	char *text;
	json_t *j, *g, *c;
	static const char *checks[] = {"FS-001"};

	fnd_add_gap_at(&e->r, (struct ia_src){"../src/facts/dpkg.c", 190}, "packages (dpkg)",
		       "/var/lib/dpkg/status", 12, "bad line %d", 12);
	e->r.profile = "mine";
	e->r.clauses = calloc(1, sizeof(*e->r.clauses));
	e->r.n_clauses = e->r.cap_clauses = 1;
	e->r.clauses[0] = (struct fnd_clause){.id = "JD-3.1f",
					      .title = "no 777",
					      .verdict = FND_NOT_EXAMINED,
					      .why = strdup("unreadable"),
					      .checks = malloc(sizeof(checks))};
	memcpy(e->r.clauses[0].checks, checks, sizeof(checks));
	e->r.clauses[0].n_checks = 1;
	j = json_report(e, &text);
	g = json_array_get(json_object_get(j, "not_examined"), 0);
	assert_string_equal(json_string_value(json_object_get(g, "area")), "packages (dpkg)");
	assert_int_equal(json_integer_value(json_object_get(g, "line")), 12);
	assert_string_equal(json_string_value(json_object_get(g, "reason")), "bad line 12");
	/* where imgaudit refused it, from the project root */
	assert_string_equal(json_string_value(json_object_get(g, "raised_at")),
			    "src/facts/dpkg.c:190");
	c = json_array_get(json_object_get(j, "clauses"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "verdict")), "NOT EXAMINED");
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "checks"), 0)),
			    "FS-001");
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(j, "result"), "profile")),
		"mine");
	json_decref(j);
	free(text);
	text = table_report(e, false);
	assert_non_null(strstr(text, "Not examined"));
	assert_non_null(strstr(text, "/var/lib/dpkg/status:12: bad line 12"));
	assert_non_null(strstr(text, "NOT EXAMINED"));
	free(text);
}

/* Adds a fixed vulnerability of package pkg published on day (NULL: no date). */
static void add_vuln(struct fnd_report *r, const char *adv, const char *pkg, const char *day)
{
	struct fnd_finding *f =
		fnd_add(r, "VULN-001", "JD-1.1c", FND_SEV_HIGH, adv, "/var/lib/dpkg/status", 1, pkg,
			"apt-get install --only-upgrade x");

	fnd_add_detail(f, "advisory", adv);
	fnd_add_detail(f, "package", pkg);
	if (day)
		fnd_add_detail(f, "published", day);
	fnd_add_detail(f, "fix_command", "apt-get install --only-upgrade x");
}

/* The value drawn at the end of the bar labelled label in html, or -1. */
static long bar_value(const char *html, const char *label)
{
	char key[96];
	const char *p;

	snprintf(key, sizeof(key), ">%s</text>", label);
	p = strstr(html, key);
	if (!p || !(p = strstr(p + strlen(key), "<text")) || !(p = strchr(p, '>')))
		return -1;
	return strtol(p + 1, NULL, 10);
}

/* The HTML report's chart of packages by the age of their oldest pending fix, at the audit's
 * date: each package counted once, in the bucket of its oldest advisory; no date: unknown. */
static void test_html_fix_age_chart(void **state)
{
	struct env *e = *state;
	struct rpt_ctx c = {.r = &e->r, .t = &e->t, .f = &e->f, .now = 1796169600}; /* 2026-12-02 */
	char *buf = NULL;
	size_t n = 0;
	FILE *m;

	m = open_memstream(&buf, &n);
	assert_int_equal(rpt_write_html(m, &c), 0); /* no fixed vulnerability: no such chart */
	fclose(m);
	assert_null(strstr(buf, "pending fix"));
	free(buf);
	add_vuln(&e->r, "DSA-1", "openssl", "2026-11-20T10:00:00Z"); /* 12 days */
	add_vuln(&e->r, "DSA-2", "openssl", "2025-06-01T00:00:00Z"); /* its oldest: 549 days */
	add_vuln(&e->r, "DSA-3", "glibc", "2026-10-01");             /* 62 days */
	add_vuln(&e->r, "DSA-4", "curl", "2026-11-25");              /* 7 days */
	add_vuln(&e->r, "DSA-5", "zlib", NULL);
	add_vuln(&e->r, "DSA-6", "perl", "not a date");
	fnd_add(&e->r, "UPD-001", "JD-1.1e", FND_SEV_MEDIUM, "no details", "/x", 0, NULL, NULL);
	m = open_memstream(&buf, &n);
	assert_int_equal(rpt_write_html(m, &c), 0);
	fclose(m);
	assert_non_null(strstr(buf, "Packages by age of their pending fix"));
	assert_int_equal(bar_value(buf, "under 30 days"), 1);
	assert_int_equal(bar_value(buf, "30 to 90 days"), 1);
	assert_int_equal(bar_value(buf, "90 days to a year"), 0);
	assert_int_equal(bar_value(buf, "over a year"), 1);
	assert_int_equal(bar_value(buf, "date unknown"), 2);
	free(buf);
}

static void test_severity_names(void **state)
{
	enum fnd_sev s;

	for (int i = FND_SEV_INFO; i <= FND_SEV_CRITICAL; i++) {
		assert_int_equal(fnd_sev_parse(fnd_sev_name((enum fnd_sev)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(fnd_sev_parse("HIGH", &s), 0);
	assert_int_equal(s, FND_SEV_HIGH);
	assert_true(fnd_sev_parse("severe", &s) < 0);
	assert_string_equal(fnd_verdict_name(FND_MANUAL), "MANUAL");
	assert_string_equal(fnd_verdict_name(FND_NOT_APPLICABLE), "NOT APPLICABLE");
	assert_string_equal(fnd_status_name(FND_STATUS_INCOMPLETE), "incomplete");
}

/* The fingerprint names a finding: the same fields give the same one, whatever the line or the
 * severity; another path, title or value another one. */
static void test_fingerprint(void **state)
{
	struct fnd_report r;
	const struct fnd_finding *f[6];

	(void)state;
	fnd_init(&r);
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "t", "/etc/x", 3, "v", "fix");
	fnd_add(&r, "FS-001", "", FND_SEV_LOW, "t", "/etc/x", 9, "v", "other fix");
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "t", "/etc/y", 3, "v", "fix");
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "t2", "/etc/x", 3, "v", "fix");
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "t", "/etc/x", 3, "v2", "fix");
	fnd_add(&r, "FS-00", "", FND_SEV_HIGH, "1t", "/etc/x", 3, "v", "fix"); /* fields apart */
	for (size_t i = 0; i < 6; i++) {
		f[i] = &r.findings[i];
		assert_int_equal(strlen(f[i]->fingerprint), FND_FINGERPRINT_LEN);
		assert_int_equal(strspn(f[i]->fingerprint, "0123456789abcdef"),
				 FND_FINGERPRINT_LEN);
	}
	assert_string_equal(f[0]->fingerprint, f[1]->fingerprint);
	for (size_t i = 2; i < 6; i++)
		assert_string_not_equal(f[0]->fingerprint, f[i]->fingerprint);
	fnd_release(&r);
}

/* parses text as a waiver file on 2026-06-15; the error message in msg */
static int parse_waivers(const char *text, struct fnd_waivers *w, char *msg, size_t n)
{
	struct ia_err err = {0};
	int ret = fnd_waivers_parse(text, strlen(text), "w.yaml", "2026-06-15", w, &err);

	ia_err_format(&err, msg, n);
	return ret;
}

static void test_waiver_file(void **state)
{
	struct fnd_waivers w;
	char msg[1024];

	(void)state;
	assert_int_equal(parse_waivers("# ours\n"
				       "waivers:\n"
				       "  - check: FS-001   # a comment\n"
				       "    path: \"/srv/*\"\n"
				       "    reason: 'vendor: needs it'\n"
				       "    owner: alice@example.com\n"
				       "    expires: 2026-06-15\n"
				       "\n"
				       "  -   fingerprint: 0123456789abcdef\n"
				       "      reason: \"say \\\"yes\\\" # not a comment\"\n"
				       "      owner: bob\n"
				       "      expires: 2026-06-14\r\n",
				       &w, msg, sizeof(msg)),
			 0);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.v[0].check, "FS-001");
	assert_string_equal(w.v[0].path, "/srv/*");
	assert_string_equal(w.v[0].reason, "vendor: needs it");
	assert_int_equal(w.v[0].line, 3);
	assert_false(w.v[0].expired); /* the last day it applies */
	assert_string_equal(w.v[1].fingerprint, "0123456789abcdef");
	assert_string_equal(w.v[1].reason, "say \"yes\" # not a comment");
	assert_string_equal(w.v[1].check, "");
	assert_true(w.v[1].expired);
	assert_int_equal(w.v[1].line, 9);
	fnd_waivers_release(&w);
	assert_int_equal(parse_waivers("waivers: []\n", &w, msg, sizeof(msg)), 0);
	assert_int_equal(w.n, 0);
	fnd_waivers_release(&w);

	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"- check: FS-001\n", "w.yaml:1: the file starts with 'waivers:'"},
		{"waivers:\n\t- check: FS-001\n", "w.yaml:2: a tab in the indentation"},
		{"waivers:\n  - check: FS-001\n    reason: r\n    owner: o\n",
		 "w.yaml:2: a waiver "
		 "needs reason, owner and expires; missing: expires"},
		{"waivers:\n  - reason: r\n    owner: o\n    expires: 2026-01-01\n",
		 "w.yaml:2: a waiver names a check or a fingerprint"},
		{"waivers:\n  - check: FS-001\n    reason: r\n    owner: o\n    expires: "
		 "2026-02-29\n",
		 "w.yaml:2: expires is a date YYYY-MM-DD, not: 2026-02-29"},
		{"waivers:\n  - check: FS-001\n    path: *.log\n",
		 "w.yaml:3: a value starting with"},
		{"waivers:\n  - check: &a FS-001\n", "w.yaml:2: a value starting with"},
		{"waivers:\n  - check: FS-001\n    colour: red\n", "w.yaml:3: unknown key"},
		{"waivers:\n  - check: FS-001\n    check: FS-002\n", "w.yaml:3: key given twice"},
		{"waivers:\n  - check: FS-001\n      reason: r\n",
		 "w.yaml:3: the keys of a waiver"},
		{"waivers:\n  - fingerprint: 0123\n    reason: r\n    owner: o\n    expires: "
		 "2026-01-01\n",
		 "w.yaml:2: a fingerprint is 16 lowercase hex digits"},
		{"waivers:\n  - check: \"FS-001\n", "w.yaml:2: unterminated quoted value"},
		{"waivers:\n  - check: FS-001\nother: 1\n", "w.yaml:3: only the list under"},
		{"waivers:\n  - check: {a: b}\n", "w.yaml:2: a value starting with"},
		{"waivers:\n  - reason: a: b\n", "w.yaml:2: a nested mapping is not supported"},
	};
	for (size_t i = 0; i < IA_ARRAY_SIZE(bad); i++) {
		assert_int_equal(parse_waivers(bad[i].text, &w, msg, sizeof(msg)), -EINVAL);
		if (strncmp(msg, bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("case %zu: got '%s', want '%s...'", i, msg, bad[i].msg);
		fnd_waivers_release(&w);
	}
	/* bounds: a value, the file */
	char *big = calloc(1, IA_MAX_WAIVER_FILE + 64);

	memcpy(big, "waivers:\n  - reason: ", 21);
	memset(big + 21, 'x', IA_MAX_WAIVER_FIELD + 1);
	assert_int_equal(parse_waivers(big, &w, msg, sizeof(msg)), -IA_ETOOBIG);
	fnd_waivers_release(&w);
	memset(big + 21, 'x', IA_MAX_WAIVER_FILE);
	assert_int_equal(parse_waivers(big, &w, msg, sizeof(msg)), -IA_ETOOBIG);
	fnd_waivers_release(&w);
	free(big);
}

/* A waiver matches by check or fingerprint and path glob; an expired one waives nothing. */
static void test_waivers_apply(void **state)
{
	struct fnd_report r;
	struct fnd_waivers w;
	char msg[512];

	(void)state;
	fnd_init(&r);
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "a", "/srv/a", 0, "", "");
	fnd_add(&r, "FS-001", "", FND_SEV_HIGH, "b", "/etc/b", 0, "", "");
	fnd_add(&r, "FS-002", "", FND_SEV_HIGH, "c", "/srv/c", 0, "", "");
	assert_int_equal(parse_waivers("waivers:\n"
				       "  - check: fs-001\n    path: \"/srv/*\"\n"
				       "    reason: r\n    owner: o\n    expires: 2030-01-01\n"
				       "  - check: FS-002\n"
				       "    reason: r\n    owner: o\n    expires: 2020-01-01\n"
				       "  - check: FS-003\n"
				       "    reason: r\n    owner: o\n    expires: 2030-01-01\n",
				       &w, msg, sizeof(msg)),
			 0);
	fnd_waivers_apply(&r, &w);
	assert_int_equal(w.n, 0); /* moved into the report */
	assert_int_equal(r.findings[0].waiver, 1);
	assert_int_equal(r.findings[1].waiver, 0);
	assert_int_equal(r.findings[2].waiver, 0);
	assert_int_equal(r.n_waived, 1);
	assert_int_equal(fnd_waiver_status(&r.waivers.v[0]), FND_WAIVER_APPLIED);
	assert_int_equal(fnd_waiver_status(&r.waivers.v[1]), FND_WAIVER_EXPIRED);
	assert_int_equal(r.waivers.v[1].matched, 1);
	assert_int_equal(fnd_waiver_status(&r.waivers.v[2]), FND_WAIVER_STALE);
	fnd_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_escapes_image_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_escapes_image_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_and_gate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_result_follows_clauses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_summary_and_fix_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_value_is_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gaps_and_clauses_in_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_fix_age_chart, setup, teardown),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_waiver_file),
		cmocka_unit_test(test_waivers_apply),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
