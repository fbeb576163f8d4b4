/* sarif.c — the report as SARIF 2.1.0: the catalogue as rules, one result per finding */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/jsonw.h"
#include "report/term.h"
#include "facts/facts.h"
#include "findings/waivers.h"

#include "config.h"
#include "util/banned.h"

/* SARIF levels: what fails the gate by default is an error, medium a warning, the rest notes */
static const char *sarif_level(enum fnd_sev s)
{
	if (s >= FND_SEV_HIGH)
		return "error";
	if (s == FND_SEV_MEDIUM)
		return "warning";
	return "note";
}

/* GitHub code scanning reads "security-severity" (a number 0.0-10.0, as a string) */
static const char *security_severity(enum fnd_sev s)
{
	static const char *const v[] = {"0.0", "3.0", "5.5", "8.0", "9.5"};

	return (unsigned)s < IA_ARRAY_SIZE(v) ? v[s] : "0.0";
}

static void kmsg(struct jw *w, const char *key, const char *text)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "text", text);
	jw_end_obj(w);
}

static void write_rule(struct jw *w, const struct rpt_rule *r, struct ia_buf *b)
{
	jw_obj(w);
	jw_kstr(w, "id", r->id);
	kmsg(w, "shortDescription", r->title);
	kmsg(w, "fullDescription", r->examines && *r->examines ? r->examines : r->title);
	ia_buf_reset(b);
	ia_buf_addf(b, "%s\n\nWhat it examines: %s\nDefault severity: %s\nClauses:", r->remediation,
		    r->examines, fnd_sev_name(r->severity));
	for (const char *const *c = r->clauses; c && *c; c++)
		ia_buf_addf(b, " %s", *c);
	kmsg(w, "help", b->data ? b->data : "");
	jw_key(w, "defaultConfiguration");
	jw_obj(w);
	jw_kstr(w, "level", sarif_level(r->severity));
	jw_end_obj(w);
	jw_key(w, "properties");
	jw_obj(w);
	jw_key(w, "tags");
	jw_arr(w);
	jw_str(w, "security");
	jw_str(w, r->family ? r->family : "");
	for (const char *const *c = r->clauses; c && *c; c++) {
		ia_buf_reset(b);
		ia_buf_addf(b, "clause:%s", *c);
		jw_str(w, b->data);
	}
	jw_end_arr(w);
	jw_kstr(w, "security-severity", security_severity(r->severity));
	jw_end_obj(w);
	jw_end_obj(w);
}

/* "physicalLocation" of an image path: a URI relative to the image root (%XX for what a URI
 * cannot hold), the line as the region */
static void write_location(struct jw *w, const char *path, unsigned line, struct ia_buf *b)
{
	jw_obj(w);
	jw_key(w, "physicalLocation");
	jw_obj(w);
	jw_key(w, "artifactLocation");
	jw_obj(w);
	ia_buf_reset(b);
	while (*path == '/')
		path++;
	if (rpt_pct_encode(b, path, "/-._~!$&'()*+,;=:@") < 0)
		ia_buf_reset(b);
	jw_kstr(w, "uri", b->data ? b->data : "");
	jw_kstr(w, "uriBaseId", "IMAGEROOT");
	jw_end_obj(w);
	if (line) {
		jw_key(w, "region");
		jw_obj(w);
		jw_kint(w, "startLine", line);
		jw_end_obj(w);
	}
	jw_end_obj(w);
	jw_end_obj(w);
}

static size_t rule_index(const struct rpt_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->n_rules; i++)
		if (strcmp(c->rules[i].id, id) == 0)
			return i;
	return SIZE_MAX;
}

static void write_clause_list(struct jw *w, const char *clauses)
{
	jw_key(w, "clauses");
	jw_arr(w);
	for (const char *p = clauses; p && *p;) {
		size_t n = strcspn(p, " ,");

		if (n)
			jw_strn(w, p, n);
		p += n;
		p += strspn(p, " ,");
	}
	jw_end_arr(w);
}

/* A waived finding is a result with an accepted external suppression: the waiver's reason,
 * owner and date */
static void write_suppression(struct jw *w, const struct fnd_waiver *x, struct ia_buf *b)
{
	if (!x)
		return;
	jw_key(w, "suppressions");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "kind", "external");
	jw_kstr(w, "status", "accepted");
	ia_buf_reset(b);
	ia_buf_addf(b, "%s (owner %s, until %s; waiver line %u)", x->reason, x->owner, x->expires,
		    x->line);
	jw_kstr(w, "justification", b->data ? b->data : x->reason);
	jw_end_obj(w);
	jw_end_arr(w);
}

static void write_result(struct jw *w, const struct rpt_ctx *c, const struct fnd_finding *f,
			 struct ia_buf *b)
{
	size_t ri = rule_index(c, f->check);

	jw_obj(w);
	jw_kstr(w, "ruleId", f->check);
	if (ri != SIZE_MAX)
		jw_kint(w, "ruleIndex", (int64_t)ri);
	jw_kstr(w, "level", sarif_level(f->severity));
	kmsg(w, "message", f->title);
	jw_key(w, "locations");
	jw_arr(w);
	if (f->path[0])
		write_location(w, f->path, f->line, b);
	jw_end_arr(w);
	jw_key(w, "partialFingerprints");
	jw_obj(w);
	jw_kstr(w, "imgaudit/v1", f->fingerprint);
	jw_end_obj(w);
	jw_key(w, "properties");
	jw_obj(w);
	jw_kstr(w, "severity", fnd_sev_name(f->severity));
	write_clause_list(w, f->clauses);
	jw_kstr(w, "evidence", f->value);
	jw_kstr(w, "remediation", f->remediation);
	jw_kbool(w, "in_profile", !f->outside);
	jw_end_obj(w);
	write_suppression(w, rpt_waiver_of(c->r, f), b);
	jw_end_obj(w);
}

/* What could not be examined: tool execution notifications (warnings), with their file */
static void write_invocation(struct jw *w, const struct fnd_report *r, struct ia_buf *b)
{
	jw_key(w, "invocations");
	jw_arr(w);
	jw_obj(w);
	jw_kbool(w, "executionSuccessful", true);
	jw_key(w, "toolExecutionNotifications");
	jw_arr(w);
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct fnd_gap *g = &r->gaps[i];

		jw_obj(w);
		jw_kstr(w, "level", "warning");
		ia_buf_reset(b);
		ia_buf_addf(b, "not examined (%s): %s", g->area, g->reason);
		kmsg(w, "message", b->data ? b->data : g->reason);
		if (g->path[0]) {
			jw_key(w, "locations");
			jw_arr(w);
			write_location(w, g->path, g->line, b);
			jw_end_arr(w);
		}
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
	jw_end_arr(w);
}

/* The run's properties: the result and the verdict per clause, as the JSON report has them */
static void write_run_properties(struct jw *w, const struct rpt_ctx *c)
{
	const struct fnd_report *r = c->r;

	jw_key(w, "properties");
	jw_obj(w);
	jw_kstr(w, "target", c->t->spec);
	jw_kstr(w, "status", fnd_status_name(fnd_status(r)));
	jw_kbool(w, "passed", !fnd_failed(r));
	jw_kstr(w, "profile", r->profile ? r->profile : "");
	jw_kstr(w, "fail_at", fnd_sev_name(r->fail_at));
	jw_key(w, "clauses");
	jw_arr(w);
	for (size_t i = 0; i < r->n_clauses; i++) {
		jw_obj(w);
		jw_kstr(w, "id", r->clauses[i].id);
		jw_kstr(w, "title", r->clauses[i].title);
		jw_kstr(w, "verdict", fnd_verdict_name(r->clauses[i].verdict));
		jw_kstr(w, "why", r->clauses[i].why ? r->clauses[i].why : "");
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_key(w, "waivers"); /* every waiver of the file with its status */
	rpt_json_waiver_entries(w, r);
	jw_end_obj(w);
}

static void write_tool(struct jw *w, const struct rpt_ctx *c, struct ia_buf *b)
{
	jw_key(w, "tool");
	jw_obj(w);
	jw_key(w, "driver");
	jw_obj(w);
	jw_kstr(w, "name", "imgaudit");
	jw_kstr(w, "version", IA_VERSION);
	jw_key(w, "rules");
	jw_arr(w);
	for (size_t i = 0; i < c->n_rules; i++)
		write_rule(w, &c->rules[i], b);
	jw_end_arr(w);
	jw_end_obj(w);
	jw_end_obj(w);
}

int rpt_write_sarif(FILE *out, const struct rpt_ctx *c)
{
	struct ia_buf b = IA_BUF_INIT(16 * IA_MAX_PATH + 64 * 1024);
	struct jw w;
	int ret;

	jw_init(&w, out);
	jw_obj(&w);
	jw_kstr(&w, "$schema",
		"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
		"sarif-schema-2.1.0.json");
	jw_kstr(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_arr(&w);
	jw_obj(&w);
	write_tool(&w, c, &b);
	write_invocation(&w, c->r, &b);
	jw_key(&w, "originalUriBaseIds");
	jw_obj(&w);
	jw_key(&w, "IMAGEROOT");
	jw_obj(&w);
	kmsg(&w, "description", "the root directory of the audited image");
	jw_end_obj(&w);
	jw_end_obj(&w);
	jw_key(&w, "results");
	jw_arr(&w);
	for (size_t i = 0; i < c->r->n_findings; i++)
		write_result(&w, c, &c->r->findings[i], &b);
	jw_end_arr(&w);
	write_run_properties(&w, c);
	jw_end_obj(&w);
	jw_end_arr(&w);
	jw_end_obj(&w);
	ret = jw_finish(&w);
	ia_buf_release(&b);
	return ret;
}
