/* junit.c — the report as JUnit XML: one test case per clause of the profile */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "findings/waivers.h"

#include "util/banned.h"

/*
 * A CI system shows a clause as a test: PASS passes, FAIL is a <failure> whose text lists the
 * findings counted against it, NOT EXAMINED an <error> (the audit could not decide it: it fails
 * the gate unless --accept-incomplete), MANUAL and NOT APPLICABLE <skipped>. Text from the image
 * goes through rpt_markup_escape.
 */

struct xw {
	FILE *out;
	struct ia_buf b;
};

/* Writes s escaped ("..." when even the escaped text is too long). */
static void put(struct xw *x, const char *s)
{
	ia_buf_reset(&x->b);
	if (rpt_markup_escape(&x->b, s ? s : "") < 0)
		fputs("...", x->out);
	else if (x->b.len)
		fwrite(x->b.data, 1, x->b.len, x->out);
}

static bool serves(const struct fnd_clause *c, const char *check)
{
	for (size_t i = 0; i < c->n_checks; i++)
		if (strcmp(c->checks[i], check) == 0)
			return true;
	return false;
}

/* The findings at or above the gate of the checks serving c, one block each. */
static void failure_text(struct xw *x, const struct fnd_report *r, const struct fnd_clause *c)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fnd_finding *f = &r->findings[i];

		if (f->severity < r->fail_at || f->severity == FND_SEV_INFO || f->waiver ||
		    !serves(c, f->check))
			continue;
		fprintf(x->out, "%s %s ", fnd_sev_name(f->severity), f->check);
		put(x, f->title);
		fputs("\n  evidence: ", x->out);
		put(x, f->path[0] ? f->path : "-");
		if (f->line)
			fprintf(x->out, ":%u", f->line);
		if (f->value[0]) {
			fputs(" ", x->out);
			put(x, f->value);
		}
		fputs("\n  fix: ", x->out);
		put(x, f->remediation);
		fprintf(x->out, "\n  fingerprint: %s\n", f->fingerprint);
	}
}

static void write_case(struct xw *x, const struct fnd_report *r, const struct fnd_clause *c)
{
	fputs("    <testcase classname=\"imgaudit.", x->out);
	put(x, r->profile ? r->profile : "all");
	fputs("\" name=\"", x->out);
	put(x, c->id);
	fputs(": ", x->out);
	put(x, c->title);
	fputs("\">\n", x->out);
	switch (c->verdict) {
	case FND_FAIL:
		fprintf(x->out,
			"      <failure type=\"FAIL\" message=\"%zu finding%s at or above %s\">",
			c->n_findings, c->n_findings == 1 ? "" : "s", fnd_sev_name(r->fail_at));
		failure_text(x, r, c);
		fputs("</failure>\n", x->out);
		break;
	case FND_NOT_EXAMINED:
		fputs("      <error type=\"NOT EXAMINED\" message=\"", x->out);
		put(x, c->why);
		fputs("\"/>\n", x->out);
		break;
	case FND_MANUAL:
	case FND_NOT_APPLICABLE:
		fprintf(x->out, "      <skipped message=\"%s: ", fnd_verdict_name(c->verdict));
		put(x, c->why);
		fputs("\"/>\n", x->out);
		break;
	case FND_PASS:
		break;
	}
	fputs("      <system-out>", x->out);
	fprintf(x->out, "%s: ", fnd_verdict_name(c->verdict));
	put(x, c->why);
	fputs("</system-out>\n    </testcase>\n", x->out);
}

/* One property per waiver: "STATUS line N: CHECK FINGERPRINT path GLOB: reason (owner, until)" */
static void write_waivers(struct xw *x, const struct fnd_report *r)
{
	for (size_t i = 0; i < r->waivers.n; i++) {
		const struct fnd_waiver *w = &r->waivers.v[i];

		fprintf(x->out, "      <property name=\"waiver\" value=\"%s line %u: ",
			fnd_waiver_status_name(fnd_waiver_status(w)), w->line);
		put(x, w->check);
		fputs(" ", x->out);
		put(x, w->fingerprint);
		fputs(" path ", x->out);
		put(x, w->path[0] ? w->path : "*");
		fputs(": ", x->out);
		put(x, w->reason);
		fputs(" (owner ", x->out);
		put(x, w->owner);
		fprintf(x->out, ", until %s); %zu findings\"/>\n", w->expires, w->matched);
	}
}

int rpt_write_junit(FILE *out, const struct rpt_ctx *c)
{
	const struct fnd_report *r = c->r;
	struct xw x = {.out = out, .b = IA_BUF_INIT(8 * IA_MAX_LINE)};
	size_t v[FND_N_VERDICTS];

	fnd_verdict_counts(r, v);
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"imgaudit\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
		r->n_clauses, v[FND_FAIL], v[FND_NOT_EXAMINED]);
	fputs("  <testsuite name=\"", out);
	put(&x, r->profile ? r->profile : "all");
	fputs(" ", out);
	put(&x, c->t->spec);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
		r->n_clauses, v[FND_FAIL], v[FND_NOT_EXAMINED],
		v[FND_MANUAL] + v[FND_NOT_APPLICABLE]);
	fprintf(out,
		"    <properties>\n"
		"      <property name=\"status\" value=\"%s\"/>\n"
		"      <property name=\"passed\" value=\"%s\"/>\n"
		"      <property name=\"fail_at\" value=\"%s\"/>\n"
		"      <property name=\"findings\" value=\"%zu\"/>\n",
		fnd_status_name(fnd_status(r)), fnd_failed(r) ? "false" : "true",
		fnd_sev_name(r->fail_at), r->n_findings);
	write_waivers(&x, r);
	fputs("    </properties>\n", out);
	for (size_t i = 0; i < r->n_clauses; i++)
		write_case(&x, r, &r->clauses[i]);
	fputs("  </testsuite>\n</testsuites>\n", out);
	ia_buf_release(&x.b);
	if (ferror(out))
		return -EIO;
	return 0;
}
