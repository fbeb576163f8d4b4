/* engine.c — runs the checks and records their findings, gaps and notes */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "checks/check.h"
#include "checks/malware.h"
#include "checks/state.h"
#include "facts/facts.h"
#include "util/problem.h"
#include "util/clock.h"
#include "util/banned.h"

/* Bytes of one finding title or note built by a check. */
#define CHK_MAX_TEXT 4096

size_t chk_index(const struct chk_def *def)
{
	if (def >= chk_catalogue && def < chk_catalogue + chk_catalogue_len)
		return (size_t)(def - chk_catalogue);
	return (size_t)-1;
}

static struct chk_state *state_get(struct chk_ctx *ctx)
{
	struct chk_state *s = ctx->state;

	if (s)
		return s;
	s = ia_xcalloc(1, sizeof(*s));
	s->n = chk_catalogue_len;
	s->ran = ia_xcalloc(s->n ? s->n : 1, sizeof(*s->ran));
	s->reported = ia_xcalloc(s->n ? s->n : 1, sizeof(*s->reported));
	s->over = ia_xcalloc(s->n ? s->n : 1, sizeof(*s->over));
	ctx->state = s;
	return s;
}

void chk_ctx_release(struct chk_ctx *ctx)
{
	struct chk_state *s;

	if (!ctx || !ctx->state)
		return;
	s = ctx->state;
	for (size_t i = 0; i < CHK_MAX_FAMILIES; i++)
		if (s->shared[i] && s->shared_free[i])
			s->shared_free[i](s->shared[i]);
	for (size_t i = 0; i < s->n_gaps; i++)
		free(s->gaps[i].why);
	for (size_t i = 0; i < s->n_notes; i++)
		free(s->notes[i].text);
	free(s->gaps);
	free(s->notes);
	free(s->ran);
	free(s->reported);
	free(s->over);
	chk_mal_release(s->mal);
	free(s);
	ctx->state = NULL;
}

bool chk_fact_issues(struct chk_ctx *ctx, const struct ia_problems *issues)
{
	struct chk_state *s = state_get(ctx);

	for (size_t i = 0; i < s->n_reported_issues; i++)
		if (s->reported_issues[i] == issues)
			return false;
	if (s->n_reported_issues < CHK_MAX_FACT_ISSUES)
		s->reported_issues[s->n_reported_issues++] = issues;
	for (size_t i = 0; i < issues->len; i++) {
		const struct ia_problem *p = &issues->v[i];

		chk_gap_clauses_at(ctx, p->src, ctx->cur ? ctx->cur->clause_list : NULL,
				   p->code != 0, p->path, p->line, "%s", p->msg);
	}
	if (issues->dropped)
		chk_gap(ctx, NULL, 0, "%zu more problems were not recorded (limit IA_MAX_PROBLEMS)",
			issues->dropped);
	return true;
}

enum fnd_sev chk_severity(const struct chk_opts *opts, const struct chk_def *def)
{
	if (opts)
		for (size_t i = 0; i < opts->n_overrides; i++)
			if (opts->overrides[i].id && strcmp(opts->overrides[i].id, def->id) == 0)
				return opts->overrides[i].severity;
	return def->severity;
}

/* The next clause ID of a list: its start and length, en dash (U+2013) kept as written. */
static bool next_clause(const char **p, const char **s, size_t *n)
{
	const char *q = *p;

	while (*q == ' ' || *q == '\t' || *q == ',')
		q++;
	if (!*q)
		return false;
	*s = q;
	while (*q && *q != ' ' && *q != '\t' && *q != ',')
		q++;
	*n = (size_t)(q - *s);
	*p = q;
	return true;
}

/* Compares clause IDs with '-' and an en dash (E2 80 93) taken as equal, ASCII case-insensitive. */
static bool clause_eq(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an && j < bn) {
		bool da = a[i] == '-', db = b[j] == '-';
		size_t ai = 1, bj = 1;

		if (an - i >= 3 && memcmp(a + i, "\xe2\x80\x93", 3) == 0)
			da = true, ai = 3;
		if (bn - j >= 3 && memcmp(b + j, "\xe2\x80\x93", 3) == 0)
			db = true, bj = 3;
		if (da || db) {
			if (!(da && db))
				return false;
		} else {
			char x = a[i], y = b[j];

			if (x >= 'a' && x <= 'z')
				x = (char)(x - 'a' + 'A');
			if (y >= 'a' && y <= 'z')
				y = (char)(y - 'a' + 'A');
			if (x != y)
				return false;
		}
		i += ai;
		j += bj;
	}
	return i == an && j == bn;
}

bool chk_clauses_name(const char *clauses, const char *clause)
{
	const char *p = clauses, *s;
	size_t n;

	if (!clauses || !clause)
		return false;
	while (next_clause(&p, &s, &n))
		if (clause_eq(s, n, clause, strlen(clause)))
			return true;
	return false;
}

static void vformat(struct ia_buf *b, const char *fmt, va_list ap)
{
	if (ia_buf_vaddf(b, fmt, ap) < 0) {
		/* keep what fits: a title is evidence, never a reason to lose the finding */
		ia_buf_reset(b);
		ia_buf_adds(b, "(text too long)");
	}
}

/* How a finding is made: its own severity (sev >= 0, unless the user overrides the check's) and
 * the details that explain it. */
struct report_how {
	int sev;
	const struct chk_detail *details;
	size_t n_details;
};

static void report_v(struct chk_ctx *ctx, const struct report_how *how, const char *clauses,
		     const char *path, unsigned line, const char *value, const char *remediation,
		     const char *fmt, va_list ap)
{
	const struct chk_def *def = ctx->cur;
	struct chk_state *s = state_get(ctx);
	size_t idx = chk_index(def);
	struct ia_buf title = IA_BUF_INIT(CHK_MAX_TEXT);
	enum fnd_sev sev;
	struct fnd_finding *f;

	if (!def || !ctx->rpt)
		return;
	if (idx != (size_t)-1) {
		if (s->reported[idx] >= IA_MAX_FINDINGS_PER_CHECK) {
			s->over[idx]++;
			return;
		}
		s->reported[idx]++;
	}
	sev = chk_severity(ctx->opts, def);
	if (how && how->sev >= 0 && sev == def->severity)
		sev = (enum fnd_sev)how->sev;
	vformat(&title, fmt, ap);
	f = fnd_add(ctx->rpt, def->id, clauses ? clauses : def->clause_list, sev,
		    title.data ? title.data : "", path, line, value,
		    remediation ? remediation : def->remediation);
	for (size_t i = 0; how && i < how->n_details; i++)
		fnd_add_detail(f, how->details[i].key, how->details[i].value);
	ia_buf_release(&title);
}

void chk_report_detail(struct chk_ctx *ctx, enum fnd_sev sev, const struct chk_detail *details,
		       size_t n, const char *path, unsigned line, const char *value,
		       const char *remediation, const char *title_fmt, ...)
{
	struct report_how how = {(int)sev, details, n};
	va_list ap;

	va_start(ap, title_fmt);
	report_v(ctx, &how, NULL, path, line, value, remediation, title_fmt, ap);
	va_end(ap);
}

void chk_report(struct chk_ctx *ctx, const char *path, unsigned line, const char *value,
		const char *remediation, const char *title_fmt, ...)
{
	va_list ap;

	va_start(ap, title_fmt);
	report_v(ctx, NULL, NULL, path, line, value, remediation, title_fmt, ap);
	va_end(ap);
}

void chk_report_clauses(struct chk_ctx *ctx, const char *clauses, const char *path, unsigned line,
			const char *value, const char *remediation, const char *title_fmt, ...)
{
	va_list ap;

	va_start(ap, title_fmt);
	report_v(ctx, NULL, clauses, path, line, value, remediation, title_fmt, ap);
	va_end(ap);
}

/* Records a gap of def in the state (why is taken); the report entry is the caller's. */
static void record_gap(struct chk_state *s, const struct chk_def *def, const char *clauses,
		       bool unreadable, const char *path, unsigned line, struct ia_buf *why)
{
	struct chk_gap_rec *g;

	if (s->n_gaps >= IA_MAX_PROBLEMS) {
		ia_buf_release(why);
		return;
	}
	ia_grow(&s->gaps, sizeof(*s->gaps), s->n_gaps + 1, &s->cap_gaps);
	g = &s->gaps[s->n_gaps++];
	g->def = def;
	g->clauses = clauses ? clauses : def->clause_list;
	g->unreadable = unreadable;
	if (path && *path) {
		struct ia_buf b = IA_BUF_INIT(CHK_MAX_TEXT);

		if (line)
			ia_buf_addf(&b, "%s:%u: %s", path, line, why->data ? why->data : "");
		else
			ia_buf_addf(&b, "%s: %s", path, why->data ? why->data : "");
		if (!b.data)
			ia_buf_adds(&b, "(text too long)");
		g->why = ia_buf_detach(&b, NULL);
		ia_buf_release(why);
	} else {
		g->why = ia_buf_detach(why, NULL);
	}
}

static void gap_v(struct chk_ctx *ctx, struct ia_src src, const char *clauses, bool unreadable,
		  const char *path, unsigned line, const char *fmt, va_list ap)
{
	const struct chk_def *def = ctx->cur;
	struct chk_state *s = state_get(ctx);
	struct ia_buf why = IA_BUF_INIT(CHK_MAX_TEXT);
	char area[64];

	if (!def)
		return;
	vformat(&why, fmt, ap);
	if (ctx->rpt) {
		snprintf(area, sizeof(area), "check %s", def->id);
		fnd_add_gap_at(ctx->rpt, src, area, path, line, "%s", why.data ? why.data : "");
	}
	record_gap(s, def, clauses, unreadable, path, line, &why);
}

void chk_gap_for(struct chk_ctx *ctx, const struct chk_def *def, bool unreadable, const char *path,
		 unsigned line, const char *why)
{
	struct ia_buf b = IA_BUF_INIT(CHK_MAX_TEXT);

	if (!def)
		return;
	if (ia_buf_adds(&b, why) < 0)
		ia_buf_adds(&b, "(text too long)");
	record_gap(state_get(ctx), def, NULL, unreadable, path, line, &b);
}

void chk_gap_at(struct chk_ctx *ctx, struct ia_src src, const char *path, unsigned line,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gap_v(ctx, src, NULL, path && *path, path, line, fmt, ap);
	va_end(ap);
}

void chk_gap_err(struct chk_ctx *ctx, const struct ia_err *err)
{
	chk_gap_at(ctx, err->src, err->path, err->line, "%s",
		   err->msg[0] ? err->msg : ia_strerror(err->code));
}

void chk_gap_clauses_at(struct chk_ctx *ctx, struct ia_src src, const char *clauses,
			bool unreadable, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gap_v(ctx, src, clauses, unreadable, path, line, fmt, ap);
	va_end(ap);
}

static void note_v(struct chk_ctx *ctx, bool absent, const char *fmt, va_list ap)
{
	struct chk_state *s = state_get(ctx);
	struct ia_buf b = IA_BUF_INIT(CHK_MAX_TEXT);
	struct chk_note_rec *n;

	if (!ctx->cur || s->n_notes >= IA_MAX_PROBLEMS)
		return;
	vformat(&b, fmt, ap);
	ia_grow(&s->notes, sizeof(*s->notes), s->n_notes + 1, &s->cap_notes);
	n = &s->notes[s->n_notes++];
	n->def = ctx->cur;
	n->absent = absent;
	n->text = ia_buf_detach(&b, NULL);
}

void chk_absent(struct chk_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	note_v(ctx, true, fmt, ap);
	va_end(ap);
}

void chk_note(struct chk_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	note_v(ctx, false, fmt, ap);
	va_end(ap);
}

static size_t family_slot(const char *family)
{
	size_t n;
	const char *const *names = chk_families(&n);

	for (size_t i = 0; i < n && i < CHK_MAX_FAMILIES; i++)
		if (family && strcmp(names[i], family) == 0)
			return i;
	return (size_t)-1;
}

double chk_family_seconds(const struct chk_ctx *ctx, const char *family)
{
	size_t slot = family_slot(family);

	if (!ctx->state || slot == (size_t)-1)
		return 0;
	return ctx->state->family_seconds[slot];
}

void **chk_family_shared(struct chk_ctx *ctx, void (*free_fn)(void *))
{
	struct chk_state *s = state_get(ctx);
	size_t slot = ctx->cur ? family_slot(ctx->cur->family) : (size_t)-1;

	if (slot == (size_t)-1 || slot >= CHK_MAX_FAMILIES)
		return NULL;
	s->shared_free[slot] = free_fn;
	return &s->shared[slot];
}

/* The name's checks (a check ID or a family) marked in v; false when it names none. */
static bool select_name(const char *name, bool *v)
{
	const struct chk_def *d = chk_find(name);
	bool any = false;

	if (d) {
		v[chk_index(d)] = true;
		return true;
	}
	for (size_t i = 0; i < chk_catalogue_len; i++)
		if (strcmp(chk_catalogue[i].family, name) == 0)
			v[i] = any = true;
	return any;
}

long chk_select(const char *const *only, size_t n_only, const char *const *skip, size_t n_skip,
		bool *off, const char **bad)
{
	bool *kept = ia_xcalloc(chk_catalogue_len ? chk_catalogue_len : 1, sizeof(*kept));
	long n = 0;

	memset(off, 0, chk_catalogue_len * sizeof(*off));
	for (size_t i = 0; i < n_only + n_skip; i++) {
		const char *name = i < n_only ? only[i] : skip[i - n_only];

		if (strcmp(name, "input") == 0 || !select_name(name, i < n_only ? kept : off)) {
			*bad = name;
			free(kept);
			return -1;
		}
	}
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		if (n_only && !kept[i])
			off[i] = true;
		if (strcmp(chk_catalogue[i].family, "input") == 0)
			off[i] = false;
		n += off[i];
	}
	free(kept);
	return n;
}

bool chk_is_off(const struct chk_ctx *ctx, const char *id)
{
	const struct chk_def *d = chk_find(id);

	return d && ctx->opts && ctx->opts->off && ctx->opts->off[chk_index(d)];
}

/* Says in the report which checks are turned off: the families whole, then the other checks. */
static void report_off(struct chk_ctx *ctx)
{
	const bool *off = ctx->opts ? ctx->opts->off : NULL;
	struct ia_buf b = IA_BUF_INIT(CHK_MAX_TEXT);
	size_t n = 0, nf;
	const char *const *fams = chk_families(&nf);

	if (!off || !ctx->rpt)
		return;
	for (size_t f = 0; f < nf; f++) {
		bool all = true, any = false;

		for (size_t i = 0; i < chk_catalogue_len; i++)
			if (strcmp(chk_catalogue[i].family, fams[f]) == 0) {
				all = all && off[i];
				any = any || off[i];
			}
		for (size_t i = 0; any && i < chk_catalogue_len; i++)
			if (strcmp(chk_catalogue[i].family, fams[f]) == 0 && off[i] && !all)
				ia_buf_addf(&b, "%s%s", b.len ? ", " : "", chk_catalogue[i].id);
		if (all && any)
			ia_buf_addf(&b, "%sthe %s family", b.len ? ", " : "", fams[f]);
	}
	for (size_t i = 0; i < chk_catalogue_len; i++)
		n += off[i];
	if (n)
		fnd_add_gap(ctx->rpt, "checks", "", 0, "%zu checks not run (%s): %s", n,
			    ctx->opts->off_why ? ctx->opts->off_why : "turned off",
			    b.data ? b.data : "(list too long)");
	ia_buf_release(&b);
}

void chk_run_one(struct chk_ctx *ctx, const struct chk_def *def)
{
	struct chk_state *s = state_get(ctx);
	size_t idx = chk_index(def);
	const struct chk_def *prev = ctx->cur;
	size_t slot = family_slot(def->family);
	double t0 = ia_now_seconds();

	if (idx != (size_t)-1 && ctx->opts && ctx->opts->off && ctx->opts->off[idx]) {
		/* not run: its clauses are NOT EXAMINED with the reason (report_off lists them) */
		chk_gap_for(ctx, def, false, NULL, 0,
			    ctx->opts->off_why ? ctx->opts->off_why : "turned off");
		return;
	}
	ctx->cur = def;
	if (!ctx->tgt || !ctx->facts)
		/* every family reads the index or the facts: none runs without them */
		chk_gap(ctx, NULL, 0, "not run: no image %s", ctx->tgt ? "facts" : "index");
	else if (def->run)
		def->run(ctx);
	if (idx != (size_t)-1) {
		s->ran[idx] = true;
		if (s->over[idx] && ctx->rpt) {
			char title[160];

			snprintf(title, sizeof(title),
				 "%zu more findings of this check not listed (limit of %u per "
				 "check)",
				 s->over[idx], (unsigned)IA_MAX_FINDINGS_PER_CHECK);
			fnd_add(ctx->rpt, def->id, def->clause_list, chk_severity(ctx->opts, def),
				title, "", 0, "", def->remediation);
			s->over[idx] = 0;
		}
	}
	if (slot != (size_t)-1)
		s->family_seconds[slot] += ia_now_seconds() - t0;
	ctx->cur = prev;
}

void chk_run_all(struct chk_ctx *ctx)
{
	struct chk_state *s = state_get(ctx);

	/* no OS identified (an empty or wrong directory): nothing is examined, only what could
	 * not be read of the target is reported (the input family) */
	s->unidentified = ctx->tgt && ctx->facts && !inv_identified(ctx->facts);
	s->all = true;
	if (s->unidentified && ctx->rpt)
		fnd_add_gap(ctx->rpt, "target", "", 0,
			    "no operating system identified (no os-release or release file, no "
			    "package database): no check examined it");
	else
		report_off(ctx);
	for (size_t i = 0; i < chk_catalogue_len; i++)
		if (!s->unidentified || strcmp(chk_catalogue[i].family, "input") == 0) {
			if (ctx->before_check)
				ctx->before_check(ctx->before_check_arg, &chk_catalogue[i]);
			chk_run_one(ctx, &chk_catalogue[i]);
		}
}
