/* html.c — the report as one self-contained HTML file: verdicts first, charts drawn as SVG */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/clock.h"
#include "report/report.h"
#include "report/i18n.h"
#include "report/term.h"
#include "facts/facts.h"
#include "findings/waivers.h"

#include <time.h>

#include "config.h"
#include "util/banned.h"

/*
 * Nothing is fetched: no script, no font, no image but inline SVG; the Content-Security-Policy
 * (default-src 'none') makes a browser refuse anything else. Every text from the image goes
 * through rpt_markup_escape; the fixed texts through the language table (data/i18n).
 */

struct hw {
	FILE *out;
	struct ia_buf b;
	const struct rpt_ctx *c;
	const struct rpt_i18n *tr; /* NULL: English */
};

static const char *T(const struct hw *h, const char *key)
{
	return rpt_tr(h->tr, key);
}

/* escaped text */
static void put(struct hw *h, const char *s)
{
	ia_buf_reset(&h->b);
	if (rpt_markup_escape(&h->b, s ? s : "") < 0)
		fputs("...", h->out);
	else if (h->b.len)
		fwrite(h->b.data, 1, h->b.len, h->out);
}

/* a fixed text, translated, escaped */
static void put_t(struct hw *h, const char *key)
{
	put(h, T(h, key));
}

static const char css[] =
	"body{font-family:sans-serif;margin:2em;max-width:80em;color:#222}"
	"h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:2em}"
	"table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em;"
	"text-align:left;vertical-align:top}th{background:#f4f4f4}"
	".v-PASS,.r-pass{color:#176f2c}.v-FAIL,.r-fail{color:#b00020}"
	".v-NOT-EXAMINED,.r-incomplete{color:#9a6700}.v-MANUAL,.v-NOT-APPLICABLE{color:#555}"
	".result{font-size:1.3em;font-weight:bold}.sev{font-weight:bold}"
	".finding{border-left:4px solid #ccc;padding:.2em .8em;margin:.6em 0}"
	".s-critical,.s-high{border-color:#b00020}.s-medium{border-color:#d08000}"
	"code{background:#f4f4f4;padding:0 .2em;word-break:break-all}.waived{color:#9a6700}"
	"svg text{font-size:12px;font-family:sans-serif}";

/* "NOT EXAMINED" -> "NOT-EXAMINED", for class names */
static void put_class(struct hw *h, const char *prefix, const char *name)
{
	fputs(prefix, h->out);
	for (const char *p = name; *p; p++)
		fputc(*p == ' ' ? '-' : *p, h->out);
}

static void head(struct hw *h)
{
	fprintf(h->out,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'unsafe-inline'\">\n"
		"<meta name=\"generator\" content=\"imgaudit %s\">\n<title>",
		h->tr && h->tr->n ? "zh-CN" : "en", IA_VERSION);
	put_t(h, "imgaudit report");
	fputs(": ", h->out);
	put(h, h->c->t->spec);
	fprintf(h->out, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
}

static void row(struct hw *h, const char *key, const char *value)
{
	fputs("<tr><th>", h->out);
	put_t(h, key);
	fputs("</th><td>", h->out);
	put(h, value);
	fputs("</td></tr>\n", h->out);
}

/* The result first: pass, fail or incomplete, the counts behind it, what was audited. */
static void summary(struct hw *h)
{
	const struct fnd_report *r = h->c->r;
	const char *st = fnd_status_name(fnd_status(r));
	size_t v[FND_N_VERDICTS];
	char when[32] = "";
	time_t now = h->c->now ? (time_t)h->c->now : time(NULL);
	struct tm tm;

	fnd_verdict_counts(r, v);
	fputs("<header>\n<h1>", h->out);
	put_t(h, "imgaudit report");
	fputs("</h1>\n<p class=\"result r-", h->out);
	fputs(st, h->out);
	fputs("\" id=\"result\">", h->out);
	put_t(h, "Result");
	fputs(": ", h->out);
	put_t(h, st);
	fprintf(h->out, " (%s) — %zu ", st, v[FND_FAIL]);
	put_t(h, "clauses fail");
	fprintf(h->out, ", %zu ", v[FND_NOT_EXAMINED]);
	put_t(h, "clauses not examined");
	fputs("; ", h->out);
	put_t(h, fnd_failed(r) ? "does not pass the gate" : "passes the gate");
	fputs("</p>\n<table>\n", h->out);
	row(h, "Target", h->c->t->spec);
	ia_buf_reset(&h->b);
	rpt_term_os(&h->b, &h->c->f->os);
	char *os = ia_buf_detach(&h->b, NULL);
	row(h, "Operating system", os);
	free(os);
	fprintf(h->out, "<tr><th>");
	put_t(h, "Profile");
	fputs("</th><td>", h->out);
	put(h, r->profile ? r->profile : "");
	fputs("</td></tr>\n<tr><th>", h->out);
	put_t(h, "Gate");
	fputs("</th><td>", h->out);
	put_t(h, fnd_sev_name(r->fail_at));
	fputs("</td></tr>\n", h->out);
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	row(h, "Generated", when);
	fputs("</table>\n</header>\n", h->out);
}

static void clauses(struct hw *h)
{
	const struct fnd_report *r = h->c->r;

	fputs("<section id=\"clauses\">\n<h2>", h->out);
	put_t(h, "Clauses of the profile");
	fputs(" ", h->out);
	put(h, r->profile ? r->profile : "");
	fputs("</h2>\n<table>\n<tr><th>", h->out);
	put_t(h, "Clause");
	fputs("</th><th>", h->out);
	put_t(h, "Verdict");
	fputs("</th><th>", h->out);
	put_t(h, "Requirement");
	fputs("</th><th>", h->out);
	put_t(h, "Why");
	fputs("</th></tr>\n", h->out);
	for (size_t i = 0; i < r->n_clauses; i++) {
		const struct fnd_clause *c = &r->clauses[i];
		const char *vn = fnd_verdict_name(c->verdict);

		fputs("<tr class=\"clause\"><td><a href=\"#c-", h->out);
		put(h, c->id);
		fputs("\">", h->out);
		put(h, c->id);
		fputs("</a></td><td class=\"verdict", h->out);
		put_class(h, " v-", vn);
		fputs("\">", h->out);
		put_t(h, vn);
		fputs("</td><td>", h->out);
		put(h, rpt_tr_or(h->tr, c->id, c->title));
		fputs("</td><td>", h->out);
		put(h, c->why);
		fputs("</td></tr>\n", h->out);
	}
	fputs("</table>\n</section>\n", h->out);
}

/* A horizontal bar chart: one bar per label, the count at its end. */
static void bar_chart(struct hw *h, const char *title, const char *const *labels,
		      const size_t *counts, size_t n, const char *color)
{
	size_t max = 1;
	unsigned height = (unsigned)(n * 22 + 10);

	for (size_t i = 0; i < n; i++)
		max = counts[i] > max ? counts[i] : max;
	fputs("<figure>\n<figcaption>", h->out);
	put_t(h, title);
	fprintf(h->out,
		"</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" "
		"height=\"%u\" role=\"img\">\n",
		height);
	for (size_t i = 0; i < n; i++) {
		unsigned y = (unsigned)(i * 22 + 5), w = (unsigned)(counts[i] * 300 / max);

		fprintf(h->out, "<text x=\"0\" y=\"%u\">", y + 14);
		put(h, T(h, labels[i]));
		fprintf(h->out,
			"</text><rect x=\"150\" y=\"%u\" width=\"%u\" height=\"16\" "
			"fill=\"%s\"/><text x=\"%u\" y=\"%u\">%zu</text>\n",
			y, w, color, 155 + w, y + 14, counts[i]);
	}
	fputs("</svg>\n</figure>\n", h->out);
}

static const char *family_of(const struct rpt_ctx *c, const char *check)
{
	for (size_t i = 0; i < c->n_rules; i++)
		if (strcmp(c->rules[i].id, check) == 0)
			return c->rules[i].family ? c->rules[i].family : "";
	return "";
}

/* The value of detail key of f, or NULL. */
static const char *detail(const struct fnd_finding *f, const char *key)
{
	for (size_t i = 0; i < f->n_details; i++)
		if (strcmp(f->details[i].key, key) == 0)
			return f->details[i].value;
	return NULL;
}

/* Seconds since the epoch of the day a date "YYYY-MM-DD[THH:MM:SSZ]" (OSV, DSA) names, or -1. */
static int64_t date_seconds(const char *s)
{
	char day[11];

	if (!s || strlen(s) < 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	return ia_parse_day(day);
}

/*
 * Packages by the age of their oldest pending fix: the fixed vulnerabilities still installed
 * (findings with a fix command) grouped by the package they are in; a package counts once, in
 * the bucket of its oldest advisory (the date the advisory was published, from the database).
 * Nothing is drawn when no finding has a fix.
 */
static void fix_age_chart(struct hw *h)
{
	static const char *const labels[] = {"under 30 days", "30 to 90 days", "90 days to a year",
					     "over a year", "date unknown"};
	const struct fnd_report *r = h->c->r;
	int64_t now = h->c->now ? h->c->now : (int64_t)time(NULL);
	const char *pkg[IA_MAX_FIX_AGE_PACKAGES];
	int64_t oldest[IA_MAX_FIX_AGE_PACKAGES];
	size_t np = 0, counts[5] = {0};

	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fnd_finding *f = &r->findings[i];
		const char *fix = detail(f, "fix_command"), *p = detail(f, "package");
		int64_t t = date_seconds(detail(f, "published"));
		size_t k;

		if (!fix || !fix[0] || !p)
			continue;
		for (k = 0; k < np && strcmp(pkg[k], p) != 0; k++)
			;
		if (k == np) {
			if (np == IA_MAX_FIX_AGE_PACKAGES)
				continue;
			pkg[np] = p;
			oldest[np++] = t;
		} else if (t >= 0 && (oldest[k] < 0 || t < oldest[k])) {
			oldest[k] = t;
		}
	}
	if (!np)
		return;
	for (size_t k = 0; k < np; k++) {
		int64_t days = oldest[k] < 0 ? -1 : (now - oldest[k]) / 86400;

		counts[days < 0 ? 4 : days < 30 ? 0 : days < 90 ? 1 : days < 365 ? 2 : 3]++;
	}
	bar_chart(h, "Packages by age of their pending fix", labels, counts, 5, "#8a5a00");
}

static void charts(struct hw *h)
{
	const struct fnd_report *r = h->c->r;
	const char *sev[] = {"critical", "high", "medium", "low", "info"};
	size_t sc[5] = {0}, fc[IA_MAX_CHART_BARS] = {0}, nf = 0;
	const char *fam[IA_MAX_CHART_BARS];

	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fnd_finding *f = &r->findings[i];
		const char *fy = family_of(h->c, f->check);
		size_t k;

		sc[FND_SEV_CRITICAL - f->severity]++;
		for (k = 0; k < nf && strcmp(fam[k], fy) != 0; k++)
			;
		if (k == nf && nf < IA_MAX_CHART_BARS)
			fam[nf++] = fy;
		if (k < nf)
			fc[k]++;
	}
	fputs("<section id=\"charts\">\n", h->out);
	bar_chart(h, "Findings by severity", sev, sc, 5, "#b00020");
	if (nf)
		bar_chart(h, "Findings by check family", fam, fc, nf, "#3b6ea5");
	fix_age_chart(h);
	fputs("</section>\n", h->out);
}

static void finding(struct hw *h, const struct fnd_finding *f)
{
	const struct fnd_waiver *w = rpt_waiver_of(h->c->r, f);

	fprintf(h->out, "<div class=\"finding s-%s\">\n<p><span class=\"sev\">",
		fnd_sev_name(f->severity));
	put_t(h, fnd_sev_name(f->severity));
	fputs("</span> <code>", h->out);
	put(h, f->check);
	fputs("</code> ", h->out);
	put(h, f->title);
	fputs("</p>\n<p class=\"evidence\">", h->out);
	put_t(h, "Evidence");
	fputs(": <code>", h->out);
	put(h, f->path[0] ? f->path : "-");
	if (f->line)
		fprintf(h->out, ":%u", f->line);
	fputs("</code>", h->out);
	if (f->value[0]) {
		fputs(" <code>", h->out);
		put(h, f->value);
		fputs("</code>", h->out);
	}
	if (f->origin && f->path[0]) {
		fputs(" <small>(", h->out);
		put(h, f->origin->format);
		fputs(", ", h->out);
		put(h, f->origin->partition);
		fputs(", ", h->out);
		put(h, f->origin->filesystem);
		fputs(")</small>", h->out);
	}
	fputs("</p>\n<p>", h->out);
	put_t(h, "Fix");
	fputs(": ", h->out);
	put(h, f->remediation);
	fprintf(h->out, "</p>\n<p><small>%s: %s</small></p>\n", T(h, "Fingerprint"),
		f->fingerprint);
	if (w) {
		fputs("<p class=\"waived\">", h->out);
		put_t(h, "Waived");
		fputs(": ", h->out);
		put(h, w->reason);
		fputs(" (", h->out);
		put(h, w->owner);
		fprintf(h->out, ", %s)</p>\n", w->expires);
	}
	fputs("</div>\n", h->out);
}

static bool serves(const struct fnd_clause *c, const char *check)
{
	for (size_t i = 0; i < c->n_checks; i++)
		if (strcmp(c->checks[i], check) == 0)
			return true;
	return false;
}

/* Under each clause the findings of the checks serving it; then those outside the profile. */
static void findings(struct hw *h)
{
	const struct fnd_report *r = h->c->r;

	fputs("<section id=\"findings\">\n<h2>", h->out);
	put_t(h, "Findings by clause");
	fputs("</h2>\n", h->out);
	if (!r->n_findings) {
		fputs("<p>", h->out);
		put_t(h, "No finding.");
		fputs("</p>\n", h->out);
	}
	for (size_t i = 0; i < r->n_clauses; i++) {
		const struct fnd_clause *c = &r->clauses[i];
		bool any = false;

		for (size_t j = 0; j < r->n_findings; j++) {
			const struct fnd_finding *f = &r->findings[j];

			if (f->outside || !serves(c, f->check))
				continue;
			if (!any) {
				fputs("<h3 id=\"c-", h->out);
				put(h, c->id);
				fputs("\">", h->out);
				put(h, c->id);
				fputs(" ", h->out);
				put(h, rpt_tr_or(h->tr, c->id, c->title));
				fputs(" — ", h->out);
				put_t(h, fnd_verdict_name(c->verdict));
				fputs("</h3>\n", h->out);
				any = true;
			}
			finding(h, f);
		}
	}
	if (r->n_outside) {
		fputs("<h3>", h->out);
		put_t(h, "Findings outside the profile (they decide nothing)");
		fputs("</h3>\n", h->out);
		for (size_t j = 0; j < r->n_findings; j++)
			if (r->findings[j].outside)
				finding(h, &r->findings[j]);
	}
	fputs("</section>\n", h->out);
}

static void gaps(struct hw *h)
{
	const struct fnd_report *r = h->c->r;

	fputs("<section id=\"not-examined\">\n<h2>", h->out);
	put_t(h, "Not examined");
	fputs("</h2>\n", h->out);
	if (!r->n_gaps) {
		fputs("<p>", h->out);
		put_t(h, "Nothing was left unexamined.");
		fputs("</p>\n</section>\n", h->out);
		return;
	}
	fputs("<table>\n<tr><th>", h->out);
	put_t(h, "Area");
	fputs("</th><th>", h->out);
	put_t(h, "Path");
	fputs("</th><th>", h->out);
	put_t(h, "Reason");
	fputs("</th></tr>\n", h->out);
	for (size_t i = 0; i < r->n_gaps; i++) {
		fputs("<tr><td>", h->out);
		put(h, r->gaps[i].area);
		fputs("</td><td><code>", h->out);
		put(h, r->gaps[i].path);
		if (r->gaps[i].line)
			fprintf(h->out, ":%u", r->gaps[i].line);
		fputs("</code></td><td>", h->out);
		put(h, r->gaps[i].reason);
		fputs("</td></tr>\n", h->out);
	}
	fputs("</table>\n</section>\n", h->out);
}

static void waivers(struct hw *h)
{
	const struct fnd_waivers *w = &h->c->r->waivers;
	static const char *const cols[] = {"Line",  "Check",   "Fingerprint", "Path",    "Reason",
					   "Owner", "Expires", "Status",      "Findings"};

	fputs("<section id=\"waivers\">\n<h2>", h->out);
	put_t(h, "Waivers");
	fputs("</h2>\n<p>", h->out);
	if (!w->file) {
		put_t(h, "No waiver file.");
		fputs("</p>\n</section>\n", h->out);
		return;
	}
	put(h, w->file);
	fputs("</p>\n<table>\n<tr>", h->out);
	for (size_t i = 0; i < IA_ARRAY_SIZE(cols); i++) {
		fputs("<th>", h->out);
		put_t(h, cols[i]);
		fputs("</th>", h->out);
	}
	fputs("</tr>\n", h->out);
	for (size_t i = 0; i < w->n; i++) {
		const struct fnd_waiver *x = &w->v[i];
		const char *cells[] = {x->check, x->fingerprint, x->path, x->reason, x->owner};

		fprintf(h->out, "<tr><td>%u</td>", x->line);
		for (size_t k = 0; k < IA_ARRAY_SIZE(cells); k++) {
			fputs("<td>", h->out);
			put(h, cells[k]);
			fputs("</td>", h->out);
		}
		fprintf(h->out, "<td>%s</td><td>", x->expires);
		put_t(h, fnd_waiver_status_name(fnd_waiver_status(x)));
		fprintf(h->out, "</td><td>%zu</td></tr>\n", x->matched);
	}
	fputs("</table>\n</section>\n", h->out);
}

static void inventory(struct hw *h)
{
	const struct inv_facts *f = h->c->f;
	static const char *const cols[] = {"Name", "Version", "Architecture", "Source"};

	fputs("<section id=\"inventory\">\n<h2>", h->out);
	put_t(h, "Inventory");
	fprintf(h->out, "</h2>\n<details>\n<summary>%zu ", f->n_pkgs);
	put_t(h, "Packages");
	fputs("</summary>\n<table>\n<tr>", h->out);
	for (size_t i = 0; i < IA_ARRAY_SIZE(cols); i++) {
		fputs("<th>", h->out);
		put_t(h, cols[i]);
		fputs("</th>", h->out);
	}
	fputs("</tr>\n", h->out);
	for (size_t i = 0; i < f->n_pkgs; i++) {
		const struct inv_pkg *p = &f->pkgs[i];
		const char *cells[] = {p->name, p->version, p->arch, p->source};

		fputs("<tr>", h->out);
		for (size_t k = 0; k < IA_ARRAY_SIZE(cells); k++) {
			fputs("<td>", h->out);
			put(h, cells[k]);
			fputs("</td>", h->out);
		}
		fputs("</tr>\n", h->out);
	}
	fputs("</table>\n</details>\n</section>\n", h->out);
}

int rpt_write_html(FILE *out, const struct rpt_ctx *c)
{
	struct hw h = {.out = out, .c = c, .tr = c->tr};

	ia_buf_init(&h.b, 8 * IA_MAX_LINE);
	head(&h);
	summary(&h);
	clauses(&h);
	charts(&h);
	findings(&h);
	gaps(&h);
	waivers(&h);
	inventory(&h);
	fputs("</body>\n</html>\n", out);
	ia_buf_release(&h.b);
	return ferror(out) ? -EIO : 0;
}
