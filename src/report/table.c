/* table.c — the terminal outputs: the report (findings, clause verdicts, what was not examined,
 * verdict) and the inventory */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "facts/facts.h"
#include "util/escape.h"
#include "findings/waivers.h"

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

static void print_finding(FILE *out, const struct style *st, const struct fnd_report *r,
			  const struct fnd_finding *f, struct ia_buf *b, bool fix, bool clauses)
{
	const struct fnd_waiver *w = rpt_waiver_of(r, f);

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
		if (f->origin && f->path[0]) {
			ia_buf_adds(b, "  on: ");
			rpt_term_field(b, f->origin->partition);
			ia_buf_adds(b, " ");
			rpt_term_field(b, f->origin->filesystem);
		}
		fprintf(out, "                   evidence: %s\n", b->data);
	}
	if (fix && f->remediation[0]) {
		ia_buf_reset(b);
		rpt_term_field(b, f->remediation);
		fprintf(out, "                   fix: %s\n", b->data);
	}
	if (clauses && f->clauses[0])
		fprintf(out, "                   %sclauses: %s%s\n", st->dim, f->clauses,
			st->reset);
	if (w) {
		ia_buf_reset(b);
		rpt_term_field(b, w->reason);
		ia_buf_adds(b, " (owner ");
		rpt_term_field(b, w->owner);
		ia_buf_addf(b, ", until %s)", w->expires);
		fprintf(out, "                   %swaived%s (line %u): %s\n", st->yellow, st->reset,
			w->line, b->data);
	}
}

/* The findings in or outside the profile. A run of findings of one check with the same fix
 * (or clauses) prints it once, after the run. */
static void print_findings(FILE *out, const struct style *st, const struct fnd_report *r,
			   bool outside, struct ia_buf *b)
{
	for (size_t i = 0; i < r->n_findings;) {
		const struct fnd_finding *f = &r->findings[i];
		bool same_fix = true, same_clauses = true;
		size_t j, n = 0;

		if (f->outside != outside) {
			i++;
			continue;
		}
		for (j = i; j < r->n_findings && strcmp(r->findings[j].check, f->check) == 0; j++) {
			if (r->findings[j].outside != outside)
				continue;
			n++;
			same_fix &= strcmp(r->findings[j].remediation, f->remediation) == 0;
			same_clauses &= strcmp(r->findings[j].clauses, f->clauses) == 0;
		}
		for (size_t k = i; k < j; k++)
			if (r->findings[k].outside == outside)
				print_finding(out, st, r, &r->findings[k], b, !same_fix || n == 1,
					      !same_clauses || n == 1);
		if (n > 1 && same_fix && f->remediation[0]) {
			ia_buf_reset(b);
			rpt_term_field(b, f->remediation);
			fprintf(out, "                   fix (the %zu %s findings above): %s\n", n,
				f->check, b->data);
		}
		if (n > 1 && same_clauses && f->clauses[0])
			fprintf(out, "                   %sclauses: %s%s\n", st->dim, f->clauses,
				st->reset);
		i = j;
	}
}

static const char *verdict_color(const struct style *st, enum fnd_verdict v)
{
	switch (v) {
	case FND_PASS:
		return st->green;
	case FND_FAIL:
		return st->red;
	case FND_MANUAL:
	case FND_NOT_APPLICABLE:
		return st->dim;
	case FND_NOT_EXAMINED:
		break;
	}
	return st->yellow;
}

static void print_clauses(FILE *out, const struct style *st, const struct fnd_report *r,
			  struct ia_buf *b)
{
	fprintf(out, "\n%sClauses of profile %s%s\n", st->bold, r->profile, st->reset);
	for (size_t i = 0; i < r->n_clauses; i++) {
		const struct fnd_clause *c = &r->clauses[i];

		fprintf(out, "  %-10s %s%-14s%s %s", c->id, verdict_color(st, c->verdict),
			fnd_verdict_name(c->verdict), st->reset, c->title);
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

static const char *status_word(const struct fnd_report *r)
{
	switch (fnd_status(r)) {
	case FND_STATUS_PASS:
		return "PASS";
	case FND_STATUS_FAIL:
		return "FAIL";
	case FND_STATUS_INCOMPLETE:
		break;
	}
	return r->accept_incomplete ? "INCOMPLETE (accepted)" : "INCOMPLETE";
}

/* Before the long lists: findings per severity, clauses per verdict. */
static void print_summary(FILE *out, const struct style *st, const struct fnd_report *r)
{
	size_t sev[FND_SEV_CRITICAL + 1] = {0}, v[FND_N_VERDICTS];
	static const enum fnd_verdict order[] = {FND_FAIL, FND_NOT_EXAMINED, FND_PASS,
						 FND_NOT_APPLICABLE, FND_MANUAL};

	for (size_t i = 0; i < r->n_findings; i++)
		sev[r->findings[i].severity]++;
	fprintf(out, "\n%sSummary%s\n  findings: ", st->bold, st->reset);
	for (int s = FND_SEV_CRITICAL; s >= FND_SEV_INFO; s--)
		fprintf(out, "%zu %s%s", sev[s], fnd_sev_name((enum fnd_sev)s), s ? ", " : "");
	if (r->n_outside)
		fprintf(out, " (%zu outside profile %s: reported, they decide nothing)",
			r->n_outside, r->profile);
	fputc('\n', out);
	if (!r->profile)
		return;
	fnd_verdict_counts(r, v);
	fprintf(out, "  clauses of profile %s (gate %s): ", r->profile, fnd_sev_name(r->fail_at));
	for (size_t i = 0; i < IA_ARRAY_SIZE(order); i++)
		fprintf(out, "%s%zu %s", i ? ", " : "", v[order[i]], fnd_verdict_name(order[i]));
	fputc('\n', out);
}

static void print_gaps(FILE *out, const struct style *st, const struct fnd_report *r,
		       struct ia_buf *b)
{
	if (!r->n_gaps)
		return;
	fprintf(out, "\n%sNot examined%s\n", st->bold, st->reset);
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct fnd_gap *g = &r->gaps[i];

		ia_buf_reset(b);
		rpt_term_field(b, g->area);
		ia_buf_adds(b, ": ");
		if (g->path[0]) {
			rpt_term_location(b, g->path, g->line);
			ia_buf_adds(b, ": ");
		}
		rpt_term_field(b, g->reason);
		fprintf(out, "  %s\n", b->data);
	}
}

/* Every waiver of the file, with its status: applied, expired (no longer applies) or stale
 * (matches nothing). */
static void print_waivers(FILE *out, const struct style *st, const struct fnd_report *r,
			  struct ia_buf *b)
{
	if (!r->waivers.file)
		return;
	ia_buf_reset(b);
	rpt_term_field(b, r->waivers.file);
	fprintf(out, "\n%sWaivers%s (%s): %zu, %zu finding%s waived\n", st->bold, st->reset,
		b->data, r->waivers.n, r->n_waived, r->n_waived == 1 ? "" : "s");
	for (size_t i = 0; i < r->waivers.n; i++) {
		const struct fnd_waiver *w = &r->waivers.v[i];
		enum fnd_waiver_status s = fnd_waiver_status(w);

		ia_buf_reset(b);
		rpt_term_field(b, w->check[0] ? w->check : w->fingerprint);
		if (w->check[0] && w->fingerprint[0]) {
			ia_buf_addc(b, ' ');
			rpt_term_field(b, w->fingerprint);
		}
		if (w->path[0]) {
			ia_buf_adds(b, " path ");
			rpt_term_field(b, w->path);
		}
		ia_buf_adds(b, ": ");
		rpt_term_field(b, w->reason);
		ia_buf_adds(b, " (owner ");
		rpt_term_field(b, w->owner);
		ia_buf_addf(b, ", until %s)", w->expires);
		fprintf(out, "  %s%-8s%s line %u: %s; %zu finding%s\n",
			s == FND_WAIVER_APPLIED ? st->green : st->yellow, fnd_waiver_status_name(s),
			st->reset, w->line, b->data, w->matched, w->matched == 1 ? "" : "s");
	}
}

/* The last line: the result and why. */
static void print_result(FILE *out, const struct style *st, const struct fnd_report *r)
{
	size_t v[FND_N_VERDICTS], failing = 0;
	enum fnd_status s = fnd_status(r);

	for (size_t i = 0; i < r->n_findings; i++)
		failing += r->findings[i].severity >= r->fail_at && !r->findings[i].outside &&
			   !r->findings[i].waiver;
	fnd_verdict_counts(r, v);
	if (s == FND_STATUS_FAIL && r->profile)
		fprintf(out,
			"%sFAIL%s: %zu clause%s of profile %s fail%s (%zu finding%s at or above "
			"%s)\n",
			st->red, st->reset, v[FND_FAIL], v[FND_FAIL] == 1 ? "" : "s", r->profile,
			v[FND_FAIL] == 1 ? "s" : "", failing, failing == 1 ? "" : "s",
			fnd_sev_name(r->fail_at));
	else if (s == FND_STATUS_FAIL)
		fprintf(out, "%sFAIL%s: %zu finding%s at or above %s\n", st->red, st->reset,
			failing, failing == 1 ? "" : "s", fnd_sev_name(r->fail_at));
	else if (s == FND_STATUS_INCOMPLETE && r->profile)
		fprintf(out, "%s%s%s: no clause of profile %s fails, but %zu %s not examined%s\n",
			st->yellow, status_word(r), st->reset, r->profile, v[FND_NOT_EXAMINED],
			v[FND_NOT_EXAMINED] == 1 ? "was" : "were",
			r->accept_incomplete ? " (--accept-incomplete)"
					     : "; exit status 1 (--accept-incomplete accepts it)");
	else if (s == FND_STATUS_INCOMPLETE)
		fprintf(out, "%s%s%s: %zu thing%s not examined\n", st->yellow, status_word(r),
			st->reset, r->n_gaps, r->n_gaps == 1 ? "" : "s");
	else
		fprintf(out, "%sPASS%s: %zu finding%s, none at or above %s%s%s\n", st->green,
			st->reset, r->n_findings, r->n_findings == 1 ? "" : "s",
			fnd_sev_name(r->fail_at), r->profile ? " in profile " : "",
			r->profile ? r->profile : "");
}

int rpt_write_table(FILE *out, const struct fnd_report *r, const struct fnd_target *t,
		    const struct inv_facts *f, bool color)
{
	const struct style *st = color ? &ansi : &plain;
	struct ia_buf b = IA_BUF_INIT(IA_MAX_LINE);
	const char *word = status_word(r);
	const char *wcol = fnd_status(r) == FND_STATUS_PASS   ? st->green
			   : fnd_status(r) == FND_STATUS_FAIL ? st->red
							      : st->yellow;

	rpt_term_field(&b, t->spec);
	fprintf(out, "%simgaudit%s %s (%s, %zu entries): %s%s%s%s%s\n", st->bold, st->reset, b.data,
		t->kind, t->entries, wcol, word, st->reset, r->profile ? ", profile " : "",
		r->profile ? r->profile : "");
	ia_buf_reset(&b);
	rpt_term_os(&b, &f->os);
	fprintf(out, "os:       %s\n", b.data);
	fprintf(out, "packages: %zu\n", f->n_pkgs);
	if (!inv_identified(f))
		fprintf(out,
			"%swarning:%s  no operating system identified (no os-release or release "
			"file, no package database): nothing was examined; is this the root "
			"of an image?\n",
			st->yellow, st->reset);
	if (t->disk) {
		ia_buf_reset(&b);
		ia_buf_addf(&b, "%s, %s partition table", t->disk->format,
			    strcmp(t->disk->partitions, "none") == 0 ? "no" : t->disk->partitions);
		for (size_t i = 0; i < t->disk->n_volumes; i++) {
			const struct fnd_disk_volume *v = &t->disk->volumes[i];

			ia_buf_addf(&b, "; %s: %s", v->partition, v->content);
			if (v->mount)
				ia_buf_addf(&b, " at %s", v->mount);
		}
		fprintf(out, "disk:     %s\n", b.data);
	}
	const struct ia_problems *notes = &t->notes;
	for (size_t i = 0; notes && i < notes->len; i++) {
		ia_buf_reset(&b);
		if (notes->v[i].path[0]) {
			rpt_term_field(&b, notes->v[i].path);
			ia_buf_adds(&b, ": ");
		}
		rpt_term_field(&b, notes->v[i].msg);
		fprintf(out, "note:     %s\n", b.data);
	}

	print_summary(out, st, r);
	if (r->n_findings - r->n_outside) {
		fprintf(out, "\n%sFindings%s\n", st->bold, st->reset);
		print_findings(out, st, r, false, &b);
	}
	if (r->n_outside) {
		fprintf(out, "\n%sFindings outside profile %s%s (reported; they decide nothing)\n",
			st->bold, r->profile, st->reset);
		print_findings(out, st, r, true, &b);
	}
	if (r->dropped_findings)
		fprintf(out, "(%zu more findings dropped: limit of %u reached)\n",
			r->dropped_findings, IA_MAX_FINDINGS);
	if (r->profile && r->n_clauses)
		print_clauses(out, st, r, &b);
	print_gaps(out, st, r, &b);
	print_waivers(out, st, r, &b);
	fputc('\n', out);
	print_result(out, st, r);
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
	if (f->software.n)
		fprintf(out, "# components: %zu (name, version, ecosystem, kind, evidence, how)\n",
			f->software.n);
	for (size_t i = 0; i < f->software.n; i++) {
		const struct inv_component *c = &f->software.v[i];
		const char *fields[] = {c->name,      c->version,
					c->ecosystem, inv_comp_kind_name(c->kind),
					c->path,      c->how};

		ia_buf_reset(&b);
		for (size_t k = 0; k < IA_ARRAY_SIZE(fields); k++) {
			if (k)
				ia_buf_addc(&b, '\t');
			rpt_term_field(&b, fields[k]);
		}
		fprintf(out, "%s\n", b.data);
	}
	ia_buf_release(&b);
	return ferror(out) ? -EIO : 0;
}

int rpt_write_result(FILE *out, const struct fnd_report *r, bool color)
{
	print_result(out, color ? &ansi : &plain, r);
	return ferror(out) ? -EIO : 0;
}
