/* table.c — the terminal outputs: the report (findings, clause verdicts, what was not examined,
 * verdict) and the inventory */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/escape.h"

#include "util/banned.h"

void rpt_term_field(struct ia_buf *b, const char *s)
{
	if (!s || !*s) {
		ia_buf_addc(b, '-');
		return;
	}
	if (ia_escape_term(b, s, strlen(s)) < 0)
		ia_buf_adds(b, "...");
}

void rpt_term_location(struct ia_buf *b, const char *path, unsigned line)
{
	rpt_term_field(b, path);
	if (line)
		ia_buf_addf(b, ":%u", line);
}

void rpt_term_os(struct ia_buf *b, const struct inv_os *os)
{
	if (!os->known) {
		ia_buf_adds(b, "unknown");
		return;
	}
	rpt_term_field(b, os->pretty_name[0] ? os->pretty_name : os->name);
	ia_buf_adds(b, " [");
	rpt_term_field(b, os->id);
	ia_buf_addc(b, ' ');
	rpt_term_field(b, os->version_id);
	if (os->codename[0]) {
		ia_buf_addc(b, ' ');
		rpt_term_field(b, os->codename);
	}
	ia_buf_adds(b, ", family ");
	rpt_term_field(b, os->family);
	ia_buf_addc(b, ']');
}

struct style {
	const char *bold, *red, *yellow, *green, *dim, *reset;
};

static const struct style plain = {"", "", "", "", "", ""};
static const struct style ansi = {"\033[1m",  "\033[31m", "\033[33m",
				  "\033[32m", "\033[2m",  "\033[0m"};

static const char *sev_color(const struct style *st, enum fnd_sev s)
{
	if (s >= FND_SEV_HIGH)
		return st->red;
	if (s == FND_SEV_MEDIUM)
		return st->yellow;
	return st->dim;
}

static void print_finding(FILE *out, const struct style *st, const struct fnd_finding *f,
			  struct ia_buf *b)
{
	char sev[16];

	snprintf(sev, sizeof(sev), "%s", fnd_sev_name(f->severity));
	for (char *p = sev; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	ia_buf_reset(b);
	rpt_term_field(b, f->title);
	fprintf(out, "%s%-8s%s %s%-9s%s %s\n", sev_color(st, f->severity), sev, st->reset, st->bold,
		f->check, st->reset, b->data);
	if (f->path[0] || f->value[0]) {
		ia_buf_reset(b);
		if (f->path[0])
			rpt_term_location(b, f->path, f->line);
		if (f->value[0]) {
			ia_buf_adds(b, f->path[0] ? "  value: " : "value: ");
			rpt_term_field(b, f->value);
		}
		fprintf(out, "                   evidence: %s\n", b->data);
	}
	if (f->remediation[0]) {
		ia_buf_reset(b);
		rpt_term_field(b, f->remediation);
		fprintf(out, "                   fix: %s\n", b->data);
	}
	if (f->clauses[0])
		fprintf(out, "                   %sclauses: %s%s\n", st->dim, f->clauses,
			st->reset);
}

static void print_clauses(FILE *out, const struct style *st, const struct fnd_report *r,
			  struct ia_buf *b)
{
	fprintf(out, "\n%sClauses of profile %s%s\n", st->bold, r->profile, st->reset);
	for (size_t i = 0; i < r->n_clauses; i++) {
		const struct fnd_clause *c = &r->clauses[i];
		const char *col = c->verdict == FND_PASS     ? st->green
				  : c->verdict == FND_FAIL   ? st->red
				  : c->verdict == FND_MANUAL ? st->dim
							     : st->yellow;

		fprintf(out, "  %-10s %s%-12s%s %s", c->id, col, fnd_verdict_name(c->verdict),
			st->reset, c->title);
		if (c->verdict == FND_FAIL)
			fprintf(out, " (%zu finding%s)", c->n_findings,
				c->n_findings == 1 ? "" : "s");
		fputc('\n', out);
		if (c->why && c->why[0]) {
			ia_buf_reset(b);
			rpt_term_field(b, c->why);
			fprintf(out, "             %s%s%s\n", st->dim, b->data, st->reset);
		}
	}
}

int rpt_write_table(FILE *out, const struct fnd_report *r, const struct tgt *t,
		    const struct inv_facts *f, bool color)
{
	const struct style *st = color ? &ansi : &plain;
	struct ia_buf b = IA_BUF_INIT(IA_MAX_LINE);
	size_t failing = 0;

	rpt_term_field(&b, tgt_spec(t));
	fprintf(out, "%simgaudit%s %s (%s, %zu entries)\n", st->bold, st->reset, b.data,
		tgt_kind_name(tgt_get_kind(t)), tgt_count(t));
	ia_buf_reset(&b);
	rpt_term_os(&b, &f->os);
	fprintf(out, "os:       %s\n", b.data);
	fprintf(out, "packages: %zu\n", f->n_pkgs);
	const struct ia_problems *notes = tgt_notes(t);
	for (size_t i = 0; notes && i < notes->len; i++) {
		ia_buf_reset(&b);
		if (notes->v[i].path[0]) {
			rpt_term_field(&b, notes->v[i].path);
			ia_buf_adds(&b, ": ");
		}
		rpt_term_field(&b, notes->v[i].msg);
		fprintf(out, "note:     %s\n", b.data);
	}

	if (r->n_findings) {
		fprintf(out, "\n%sFindings%s\n", st->bold, st->reset);
		for (size_t i = 0; i < r->n_findings; i++)
			print_finding(out, st, &r->findings[i], &b);
	}
	if (r->dropped_findings)
		fprintf(out, "(%zu more findings dropped: limit of %u reached)\n",
			r->dropped_findings, IA_MAX_FINDINGS);
	if (r->profile && r->n_clauses)
		print_clauses(out, st, r, &b);
	if (r->n_gaps) {
		fprintf(out, "\n%sNot examined%s\n", st->bold, st->reset);
		for (size_t i = 0; i < r->n_gaps; i++) {
			const struct fnd_gap *g = &r->gaps[i];

			ia_buf_reset(&b);
			rpt_term_field(&b, g->area);
			ia_buf_adds(&b, ": ");
			if (g->path[0]) {
				rpt_term_location(&b, g->path, g->line);
				ia_buf_adds(&b, ": ");
			}
			rpt_term_field(&b, g->reason);
			fprintf(out, "  %s\n", b.data);
		}
	}
	for (size_t i = 0; i < r->n_findings; i++)
		failing += r->findings[i].severity >= r->fail_at;
	fputc('\n', out);
	if (fnd_failed(r))
		fprintf(out, "%sFAIL%s: %zu finding%s at or above %s%s\n", st->red, st->reset,
			failing, failing == 1 ? "" : "s", fnd_sev_name(r->fail_at),
			r->gate_failed && !failing ? " (gate failed: see clauses)" : "");
	else
		fprintf(out, "%sPASS%s: %zu finding%s, none at or above %s\n", st->green, st->reset,
			r->n_findings, r->n_findings == 1 ? "" : "s", fnd_sev_name(r->fail_at));
	ia_buf_release(&b);
	return ferror(out) ? -EIO : 0;
}

int rpt_write_inventory_table(FILE *out, const struct inv_facts *f)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_LINE);

	ia_buf_adds(&b, "# os: ");
	rpt_term_os(&b, &f->os);
	fprintf(out, "%s\n# packages: %zu", b.data, f->n_pkgs);
	for (size_t i = 0; i < f->n_dbs; i++) {
		ia_buf_reset(&b);
		rpt_term_field(&b, f->dbs[i]);
		fprintf(out, "%s %s %s%s", i ? "," : " from", rpt_db_name(f->db_kinds[i]), b.data,
			f->db_ok[i] ? "" : " (incomplete)");
	}
	fputc('\n', out);
	for (size_t i = 0; i < f->n_pkgs; i++) {
		const struct inv_pkg *p = &f->pkgs[i];

		ia_buf_reset(&b);
		rpt_term_field(&b, p->name);
		ia_buf_addc(&b, '\t');
		rpt_term_field(&b, p->version);
		ia_buf_addc(&b, '\t');
		rpt_term_field(&b, p->arch);
		ia_buf_addc(&b, '\t');
		rpt_term_field(&b, p->source);
		fprintf(out, "%s\n", b.data);
	}
	ia_buf_release(&b);
	return ferror(out) ? -EIO : 0;
}
