/* profile.c — loading profiles and turning findings into per-clause verdicts */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks/clauses.h"
#include "checks/profile.h"
#include "checks/state.h"
#include "util/datafile.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/banned.h"

/* Bytes of a profile file (the built-in ones are under 16 KB); profiles are the user's files,
 * not the image's, but a wrong path (a disk image) must not be read whole. */
#define CHK_MAX_PROFILE_FILE (1024u * 1024)
/* Clauses in one profile. */
#define CHK_MAX_PROFILE_CLAUSES 4096
/* Characters of a why text built for one clause. */
#define CHK_MAX_WHY 2048

static const char *const builtin[] = {"jdcloud", "aliyun", "sysreq", "jike"};

const char *const *chk_profile_names(size_t *n)
{
	*n = IA_ARRAY_SIZE(builtin);
	return builtin;
}

/* ---- parsing ---- */

void chk_profile_free(struct chk_profile *p)
{
	if (!p)
		return;
	free(p->clauses);
	ia_pool_release(&p->pool);
	free(p);
}

static struct chk_profile *profile_new(void)
{
	struct chk_profile *p = ia_xcalloc(1, sizeof(*p));

	p->name = "";
	p->title = "";
	p->gate = FND_SEV_MEDIUM;
	return p;
}

/* A list "A, B C" as "A B C" in the pool. */
static const char *list_dup(struct ia_pool *pool, const char *s, size_t n)
{
	char *out = ia_pool_alloc(pool, n + 1);
	size_t o = 0;
	bool sep = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ',' || s[i] == ' ' || s[i] == '\t') {
			sep = o > 0;
			continue;
		}
		if (sep)
			out[o++] = ' ';
		sep = false;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

static bool checks_known(const char *list, const char **bad, size_t *badn)
{
	const char *p = list;

	while (*p) {
		const char *s;
		char id[64];
		size_t n;

		while (*p == ' ')
			p++;
		s = p;
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - s);
		if (!n)
			break;
		if (n >= sizeof(id) || (memcpy(id, s, n), id[n] = '\0', !chk_find(id))) {
			*bad = s;
			*badn = n;
			return false;
		}
	}
	return true;
}

static int parse_options(struct chk_profile *p, struct chk_pclause *c, const char *path,
			 unsigned line, const char *s, size_t n, struct ia_err *err)
{
	while (n) {
		const char *item = s, *k, *v;
		size_t len, kn, vn;
		const char *semi = memchr(s, ';', n);

		len = semi ? (size_t)(semi - s) : n;
		s += len;
		n -= len;
		if (semi) {
			s++;
			n--;
		}
		ia_trim(&item, &len);
		if (!len)
			continue;
		if (!ia_split(item, len, '=', &k, &kn, &v, &vn))
			return IA_CORRUPT(err, path, line, "option '%.*s' is not key=value",
					  (int)(len > 64 ? 64 : len), item);
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (ia_eq(k, kn, "same")) {
			c->same = list_dup(&p->pool, v, vn);
		} else if (ia_eq(k, kn, "checks")) {
			const char *bad;
			size_t badn;

			c->checks = list_dup(&p->pool, v, vn);
			if (!checks_known(c->checks, &bad, &badn))
				return IA_CORRUPT(err, path, line, "unknown check '%.*s'",
						  (int)(badn > 64 ? 64 : badn), bad);
		} else if (ia_eq(k, kn, "needs")) {
			c->needs = ia_pool_strndup(&p->pool, v, vn);
		} else if (ia_eq(k, kn, "guide")) {
			c->guide = ia_pool_strndup(&p->pool, v, vn);
		} else if (ia_eq(k, kn, "part")) {
			c->part = ia_pool_strndup(&p->pool, v, vn);
		} else {
			return IA_CORRUPT(err, path, line, "unknown option '%.*s'",
					  (int)(kn > 64 ? 64 : kn), k);
		}
	}
	return 0;
}

/* Splits at the next '|': field [*s, *s+*n), rest after it. */
static bool next_field(const char **rest, size_t *restn, const char **s, size_t *n)
{
	const char *bar;

	if (*restn == 0 && !*rest)
		return false;
	*s = *rest;
	bar = memchr(*rest, '|', *restn);
	if (bar) {
		*n = (size_t)(bar - *rest);
		*restn -= *n + 1;
		*rest = bar + 1;
	} else {
		*n = *restn;
		*rest = NULL;
		*restn = 0;
	}
	ia_trim(s, n);
	return true;
}

static int parse_clause(struct chk_profile *p, const char *path, unsigned line, const char *l,
			size_t n, struct ia_err *err)
{
	const char *rest = l, *f[4] = {0};
	size_t restn = n, fn[4] = {0}, nf = 0;
	struct chk_pclause c = {0};

	while (nf < 4 && rest && next_field(&rest, &restn, &f[nf], &fn[nf]))
		nf++;
	if (rest)
		return IA_CORRUPT(err, path, line, "more than 4 fields separated by '|'");
	if (nf < 3 || !fn[0] || !fn[2])
		return IA_CORRUPT(err, path, line, "expected 'ID | mode | requirement | options'");
	for (size_t i = 0; i < fn[0]; i++)
		if (f[0][i] == ' ' || f[0][i] == '\t')
			return IA_CORRUPT(err, path, line, "clause ID '%.*s' contains a space",
					  (int)(fn[0] > 64 ? 64 : fn[0]), f[0]);
	if (!ia_is_text(f[2], fn[2]) || !ia_is_text(f[0], fn[0]))
		return IA_CORRUPT(err, path, line, "clause holds control bytes or invalid UTF-8");
	if (chk_mode_parse(f[1], fn[1], &c.mode) < 0)
		return IA_CORRUPT(err, path, line, "mode '%.*s' is not S, L, M or a '+' of them",
				  (int)(fn[1] > 16 ? 16 : fn[1]), f[1]);
	c.id = ia_pool_strndup(&p->pool, f[0], fn[0]);
	c.title = ia_pool_strndup(&p->pool, f[2], fn[2]);
	c.same = c.checks = c.needs = c.guide = c.part = "";
	c.line = line;
	if (nf == 4 && parse_options(p, &c, path, line, f[3], fn[3], err) < 0)
		return err ? err->code : -IA_ECORRUPT;
	for (size_t i = 0; i < p->n_clauses; i++)
		if (strcmp(p->clauses[i].id, c.id) == 0)
			return IA_CORRUPT(err, path, line, "clause '%s' listed twice (line %u)",
					  c.id, p->clauses[i].line);
	if (p->n_clauses >= CHK_MAX_PROFILE_CLAUSES)
		return ia_err_set(err, -IA_ETOOBIG, path, line, "more than %u clauses",
				  CHK_MAX_PROFILE_CLAUSES);
	ia_grow(&p->clauses, sizeof(*p->clauses), p->n_clauses + 1, &p->cap_clauses);
	p->clauses[p->n_clauses++] = c;
	return 0;
}

static int parse_into(struct chk_profile *p, const char *path, const char *data, size_t len,
		      struct ia_err *err)
{
	struct ia_lines c;
	const char *l;
	size_t n;
	int r;
	bool have_name = false;

	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next_entry(&c, path, &l, &n, err)) > 0) {
		const char *k, *v;
		size_t kn, vn;

		if (!memchr(l, '|', n) && ia_split(l, n, ':', &k, &kn, &v, &vn)) {
			ia_trim(&k, &kn);
			ia_trim(&v, &vn);
			if (!ia_is_text(v, vn))
				return IA_CORRUPT(err, path, c.lineno,
						  "value holds control bytes or invalid UTF-8");
			if (ia_eq(k, kn, "name")) {
				if (!vn)
					return IA_CORRUPT(err, path, c.lineno, "empty name");
				p->name = ia_pool_strndup(&p->pool, v, vn);
				have_name = true;
			} else if (ia_eq(k, kn, "title")) {
				p->title = ia_pool_strndup(&p->pool, v, vn);
			} else if (ia_eq(k, kn, "gate")) {
				char sev[16];
				enum fnd_sev s;

				if (vn >= sizeof(sev))
					vn = sizeof(sev) - 1;
				memcpy(sev, v, vn);
				sev[vn] = '\0';
				if (fnd_sev_parse(sev, &s) < 0)
					return IA_CORRUPT(err, path, c.lineno,
							  "gate '%s' is not a severity", sev);
				p->gate = s;
			} else {
				return IA_CORRUPT(err, path, c.lineno, "unknown header '%.*s'",
						  (int)(kn > 64 ? 64 : kn), k);
			}
			continue;
		}
		r = parse_clause(p, path, c.lineno, l, n, err);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	if (!have_name)
		return IA_CORRUPT(err, path, 0, "no 'name:' line");
	return 0;
}

int chk_profile_parse(const char *path, const char *data, size_t len, struct chk_profile **ret,
		      struct ia_err *err)
{
	struct chk_profile *p = profile_new();
	int r = parse_into(p, path, data, len, err);

	if (r < 0) {
		chk_profile_free(p);
		return r;
	}
	*ret = p;
	return 0;
}

static int load_file(const char *path, const char *display, struct chk_profile *p,
		     struct ia_err *err, bool builtin_name)
{
	struct ia_buf b = IA_BUF_INIT(CHK_MAX_PROFILE_FILE);
	int r;

	if (builtin_name)
		r = ia_data_read(path, CHK_MAX_PROFILE_FILE, &b, err);
	else
		r = ia_host_file_read(path, display, CHK_MAX_PROFILE_FILE, &b, err);
	if (r == 0)
		r = parse_into(p, display, b.data, b.len, err);
	ia_buf_release(&b);
	return r;
}

int chk_profile_load(const char *name_or_path, struct chk_profile **ret, struct ia_err *err)
{
	struct chk_profile *p;
	size_t len = name_or_path ? strlen(name_or_path) : 0;
	char rel[128];
	int r = 0;

	if (!len)
		return ia_err_set(err, -ENOENT, "", 0, "no profile named");
	p = profile_new();
	if (strchr(name_or_path, '/') || (len > 4 && strcmp(name_or_path + len - 4, ".txt") == 0)) {
		r = load_file(name_or_path, name_or_path, p, err, false);
	} else if (strcmp(name_or_path, "all") == 0) {
		for (size_t i = 0; i < IA_ARRAY_SIZE(builtin) && r == 0; i++) {
			snprintf(rel, sizeof(rel), "profiles/%s.txt", builtin[i]);
			r = load_file(rel, rel, p, err, true);
		}
		p->name = "all";
		p->title = "every clause of jdcloud, aliyun, sysreq and jike";
		/* the default review gates at medium, as most specifications do; a review for
		 * one marketplace names its profile and gets that profile's own gate */
		p->gate = FND_SEV_MEDIUM;
	} else {
		size_t i;

		for (i = 0; i < IA_ARRAY_SIZE(builtin); i++)
			if (strcmp(builtin[i], name_or_path) == 0)
				break;
		if (i == IA_ARRAY_SIZE(builtin)) {
			chk_profile_free(p);
			return ia_err_set(
				err, -ENOENT, "", 0,
				"unknown profile '%s' (jdcloud, aliyun, sysreq, jike, all)",
				name_or_path);
		}
		snprintf(rel, sizeof(rel), "profiles/%s.txt", builtin[i]);
		r = load_file(rel, rel, p, err, true);
	}
	if (r < 0) {
		chk_profile_free(p);
		return r;
	}
	*ret = p;
	return 0;
}

/* ---- verdicts ---- */

#define ID_MAX 64

/*
 * The next ID of the space-separated list at *p, copied into id (ID_MAX bytes): true with
 * *p past it, false at the end of the list. A word too long for id is skipped.
 */
static bool next_id(const char **p, char id[ID_MAX])
{
	for (;;) {
		const char *s;
		size_t n;

		while (**p == ' ')
			(*p)++;
		if (!**p)
			return false;
		s = *p;
		while (**p && **p != ' ')
			(*p)++;
		n = (size_t)(*p - s);
		if (n < ID_MAX) {
			memcpy(id, s, n);
			id[n] = '\0';
			return true;
		}
	}
}

/* Does clause list `clauses` name the profile clause c (its ID or one of its same= IDs)? */
static bool names_clause(const char *clauses, const struct chk_pclause *c)
{
	const char *p = c->same;
	char id[ID_MAX];

	if (chk_clauses_name(clauses, c->id))
		return true;
	while (next_id(&p, id))
		if (chk_clauses_name(clauses, id))
			return true;
	return false;
}

static bool serves(const struct chk_def *d, const struct chk_pclause *c)
{
	return names_clause(d->clause_list, c) || chk_clauses_name(c->checks, d->id);
}

static bool is_input(const struct chk_def *d)
{
	return d->family && strcmp(d->family, "input") == 0;
}

bool chk_profile_serves(const struct chk_pclause *c, const struct chk_def *d)
{
	return !is_input(d) && serves(d, c);
}

static void why_add(struct ia_buf *b, const char *sep, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void why_add(struct ia_buf *b, const char *sep, const char *fmt, ...)
{
	va_list ap;
	size_t keep = b->len;

	if (b->len && ia_buf_adds(b, sep) < 0)
		return;
	va_start(ap, fmt);
	if (ia_buf_vaddf(b, fmt, ap) < 0) {
		/* too long: end with an ellipsis once */
		b->len = keep;
		if (b->data)
			b->data[keep] = '\0';
		if (b->len + 4 <= b->max &&
		    !(b->len >= 3 && strcmp(b->data + b->len - 3, "...") == 0))
			ia_buf_adds(b, " ...");
	}
	va_end(ap);
}

/* What the checks serving one clause did, gathered for its verdict. */
struct tally {
	size_t n_ran;         /* serving checks that ran */
	size_t n_examined;    /* of those, the ones that did not find their subject absent */
	size_t n_gaps;        /* gaps of serving checks (and of INPUT for the clause's files) */
	size_t n_info;        /* informational findings */
	size_t n_waived;      /* findings a waiver waives */
	const char *below[4]; /* checks with findings below the gate (first few) */
	size_t n_below_ids;
	struct ia_buf gaps;     /* the first gaps, "ID: why; ..." */
	struct ia_buf unserved; /* same= clauses no check serves yet, "SR-2.2, SR-2.3" */
};

static bool absent_noted(const struct chk_state *s, const struct chk_def *d)
{
	for (size_t i = 0; s && i < s->n_notes; i++)
		if (s->notes[i].def == d && s->notes[i].absent)
			return true;
	return false;
}

/* The serving checks: listed on the clause, and which ran or found nothing to examine. */
static void tally_checks(const struct chk_pclause *c, const struct chk_state *s,
			 struct fnd_clause *out, struct tally *t)
{
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];

		if (!serves(d, c) || is_input(d))
			continue;
		out->checks =
			ia_xreallocarray(out->checks, out->n_checks + 1, sizeof(*out->checks));
		out->checks[out->n_checks++] = d->id;
		if (!s || i >= s->n || !s->ran[i])
			continue;
		t->n_ran++;
		if (!absent_noted(s, d))
			t->n_examined++;
	}
}

/* The clauses of c's same= list that no check serves yet: a clause that covers them (SR-2.1,
 * "hardened OS", covers SR-2.2 to SR-2.11) is examined only in part while they are not. */
static void tally_parts(const struct chk_pclause *c, struct tally *t)
{
	const char *p = c->same;
	char id[ID_MAX];

	while (next_id(&p, id)) {
		bool served = false;

		for (size_t i = 0; i < chk_catalogue_len && !served; i++)
			served = !is_input(&chk_catalogue[i]) &&
				 chk_clauses_name(chk_catalogue[i].clause_list, id);
		if (!served)
			why_add(&t->unserved, ", ", "%s", id);
	}
}

/* The findings counted against the clause: at or above the gate, below it, informational. */
static void tally_findings(const struct chk_pclause *c, const struct fnd_report *r,
			   const struct chk_def *const *defs, enum fnd_sev gate,
			   struct fnd_clause *out, struct tally *t)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fnd_finding *f = &r->findings[i];
		const struct chk_def *d = defs[i];
		size_t k;

		if (!d || is_input(d))
			continue;
		if (!names_clause(f->clauses, c) && !chk_clauses_name(c->checks, d->id))
			continue;
		if (f->waiver) { /* listed with its waiver; counts against nothing */
			t->n_waived++;
		} else if (f->severity == FND_SEV_INFO) {
			t->n_info++;
		} else if (f->severity >= gate) {
			out->n_findings++;
		} else {
			out->n_below++;
			for (k = 0; k < t->n_below_ids && strcmp(t->below[k], d->id) != 0; k++)
				;
			if (k == t->n_below_ids && k < IA_ARRAY_SIZE(t->below))
				t->below[t->n_below_ids++] = d->id;
		}
	}
}

/* The first reasons of a clause's gaps, each with the checks that gave it ("FS-001, FS-002:
 * turned off: scan --only malware"). */
#define GAP_REASONS 3
#define GAP_REASON_IDS 8
struct gap_reason {
	const char *why;
	const char *ids[GAP_REASON_IDS];
	size_t n_ids;
};

/* Adds the gap of check id to the reason that is its own; false when there are GAP_REASONS
 * other reasons already. */
static bool reason_add(struct gap_reason *r, size_t *n, const char *id, const char *why)
{
	size_t k = 0;

	while (k < *n && strcmp(r[k].why, why) != 0)
		k++;
	if (k == *n) {
		if (*n == GAP_REASONS)
			return false;
		r[(*n)++] = (struct gap_reason){.why = why};
	}
	for (size_t j = 0; j < r[k].n_ids && j < GAP_REASON_IDS; j++)
		if (strcmp(r[k].ids[j], id) == 0)
			return true;
	if (r[k].n_ids < GAP_REASON_IDS)
		r[k].ids[r[k].n_ids] = id;
	r[k].n_ids++;
	return true;
}

static void tally_gaps(const struct chk_pclause *c, const struct chk_state *s, struct tally *t)
{
	struct gap_reason r[GAP_REASONS];
	size_t n = 0;
	bool more = false;

	for (size_t i = 0; s && i < s->n_gaps; i++) {
		const struct chk_gap_rec *g = &s->gaps[i];

		if (!names_clause(g->clauses, c) && !chk_clauses_name(c->checks, g->def->id))
			continue;
		t->n_gaps++;
		if (!reason_add(r, &n, g->def->id, g->why ? g->why : ""))
			more = true;
	}
	for (size_t k = 0; k < n; k++) {
		struct ia_buf ids = IA_BUF_INIT(CHK_MAX_WHY);

		for (size_t j = 0; j < r[k].n_ids && j < GAP_REASON_IDS; j++)
			ia_buf_addf(&ids, "%s%s", j ? ", " : "", r[k].ids[j]);
		if (r[k].n_ids > GAP_REASON_IDS)
			ia_buf_adds(&ids, " and more");
		why_add(&t->gaps, "; ", "%s: %s", ids.data ? ids.data : "", r[k].why);
		ia_buf_release(&ids);
	}
	if (more)
		why_add(&t->gaps, "; ", "and more (see what was not examined)");
}

/* The notes any verdict carries: findings below the gate, informational ones, modes. */
static void why_notes(struct ia_buf *why, const struct chk_pclause *c, const struct fnd_clause *out,
		      const struct tally *t, enum fnd_sev gate)
{
	if (out->n_below) {
		why_add(why, "; ",
			"%zu finding%s below the gate (%s) listed as notes, not failing:",
			out->n_below, out->n_below == 1 ? "" : "s", fnd_sev_name(gate));
		for (size_t i = 0; i < t->n_below_ids; i++)
			why_add(why, i ? ", " : " ", "%s", t->below[i]);
	}
	if (t->n_info)
		why_add(why, "; ", "%zu informational finding%s", t->n_info,
			t->n_info == 1 ? "" : "s");
	if (t->n_waived)
		why_add(why, "; ", "%zu finding%s waived (see the waivers)", t->n_waived,
			t->n_waived == 1 ? "" : "s");
	if ((c->mode & CHK_MODE_L) && out->verdict != FND_NOT_EXAMINED)
		why_add(why, "; ", "static evidence only: the running system was not probed");
	if ((c->mode & CHK_MODE_M) && *c->guide)
		why_add(why, "; ", "manual: %s", c->guide);
}

/* PASS or NOT APPLICABLE (na): what the serving checks examined, or why there was nothing. */
static void why_examined(struct ia_buf *why, const struct chk_pclause *c, const struct chk_state *s,
			 const struct fnd_clause *out, enum fnd_sev gate, bool na)
{
	size_t k = 0;

	for (size_t i = 0; i < out->n_checks && !na; i++) {
		const struct chk_def *d = chk_find(out->checks[i]);

		if (d && !absent_noted(s, d) && s->ran[chk_index(d)]) {
			why_add(why, k ? ", " : "; ", "%s%s", k ? "" : "examined by ", d->id);
			k++;
		}
	}
	if (!na)
		why_add(why, k ? "" : "; ", "%snothing at or above %s", k ? ": " : "",
			fnd_sev_name(gate));
	for (size_t i = 0; s && i < s->n_notes; i++) {
		const struct chk_note_rec *nr = &s->notes[i];

		if (!serves(nr->def, c) || (!nr->absent && na))
			continue;
		if (nr->absent && !na)
			why_add(why, "; ", "not applicable (%s): %s", nr->def->id, nr->text);
		else
			why_add(why, "; ", "%s: %s", nr->def->id, nr->text);
	}
}

/* NOT EXAMINED because no serving check ran: why. */
static void why_not_run(struct ia_buf *why, const struct chk_pclause *c,
			const struct fnd_clause *out, bool unidentified)
{
	if (unidentified)
		why_add(why, " ", "no operating system identified in the target: not examined");
	else if (out->n_checks)
		why_add(why, " ", "its checks did not run");
	else if (*c->needs)
		why_add(why, " ", "no check serves it yet: needs %s", c->needs);
	else if (c->mode == CHK_MODE_L)
		why_add(why, " ", "needs the running system (live mode)");
	else
		why_add(why, " ", "no check serves it yet");
}

static void verdict(const struct chk_pclause *c, struct chk_ctx *ctx,
		    const struct chk_def *const *defs, struct fnd_clause *out, enum fnd_sev gate)
{
	const struct chk_state *s = ctx->state;
	struct ia_buf why = IA_BUF_INIT(CHK_MAX_WHY);
	struct tally t = {.gaps = IA_BUF_INIT(CHK_MAX_WHY), .unserved = IA_BUF_INIT(CHK_MAX_WHY)};
	bool unidentified = s && s->unidentified;

	*out = (struct fnd_clause){.id = c->id, .title = c->title};
	if (c->mode == CHK_MODE_M) {
		out->verdict = FND_MANUAL;
		why_add(&why, " ", "%s",
			*c->guide ? c->guide
				  : "organisational requirement: a reviewer must confirm it");
		out->why = ia_buf_detach(&why, NULL);
		return;
	}
	tally_checks(c, s, out, &t);
	tally_findings(c, ctx->rpt, defs, gate, out, &t);
	tally_gaps(c, s, &t);
	tally_parts(c, &t);
	if (out->n_findings) {
		out->verdict = FND_FAIL;
		why_add(&why, " ", "%zu finding%s at or above %s", out->n_findings,
			out->n_findings == 1 ? "" : "s", fnd_sev_name(gate));
		if (t.n_gaps)
			why_add(&why, "; ", "also not examined: %s", t.gaps.data);
	} else if (unidentified || (t.n_ran == 0 && !t.n_gaps)) {
		out->verdict = FND_NOT_EXAMINED;
		why_not_run(&why, c, out, unidentified);
	} else if (t.n_gaps) {
		out->verdict = FND_NOT_EXAMINED;
		why_add(&why, " ", "%s", t.gaps.data);
	} else if (t.unserved.len) {
		out->verdict = FND_NOT_EXAMINED;
		why_add(&why, " ", "examined only in part: no check serves %s yet%s%s",
			t.unserved.data, *c->needs ? "; needs " : "", c->needs);
		why_examined(&why, c, s, out, gate, false);
	} else if (*c->part) {
		out->verdict = FND_NOT_EXAMINED;
		why_add(&why, " ", "examined only in part: no check examines %s yet", c->part);
		why_examined(&why, c, s, out, gate, false);
	} else {
		out->verdict =
			t.n_examined || out->n_below || t.n_info ? FND_PASS : FND_NOT_APPLICABLE;
		why_examined(&why, c, s, out, gate, out->verdict == FND_NOT_APPLICABLE);
	}
	why_notes(&why, c, out, &t, gate);
	ia_buf_release(&t.gaps);
	ia_buf_release(&t.unserved);
	out->why = ia_buf_detach(&why, NULL);
}

/* Marks the findings of checks that serve no clause of p: reported, deciding nothing. */
static size_t mark_outside(const struct chk_profile *p, struct fnd_report *r,
			   const struct chk_def *const *defs)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_findings; i++) {
		struct fnd_finding *f = &r->findings[i];
		const struct chk_def *d = defs[i];

		f->outside = true;
		for (size_t j = 0; j < p->n_clauses && f->outside; j++)
			if (names_clause(f->clauses, &p->clauses[j]) ||
			    (d && chk_clauses_name(p->clauses[j].checks, d->id)))
				f->outside = false;
		n += f->outside;
	}
	return n;
}

void chk_profile_apply(const struct chk_profile *p, struct chk_ctx *ctx)
{
	struct fnd_report *r = ctx->rpt;
	/* each finding's check, looked up once rather than once per clause */
	const struct chk_def **defs = ia_xcalloc(r->n_findings ? r->n_findings : 1, sizeof(*defs));

	for (size_t i = 0; i < r->n_findings; i++)
		defs[i] = chk_find(r->findings[i].check);
	for (size_t i = 0; i < r->n_clauses; i++) {
		free(r->clauses[i].why);
		free(r->clauses[i].checks);
	}
	r->n_clauses = 0;
	for (size_t i = 0; i < p->n_clauses; i++) {
		ia_grow(&r->clauses, sizeof(*r->clauses), r->n_clauses + 1, &r->cap_clauses);
		verdict(&p->clauses[i], ctx, defs, &r->clauses[r->n_clauses++], p->gate);
	}
	r->n_outside = mark_outside(p, r, defs);
	free(defs);
	r->profile = p->name;
	r->fail_at = p->gate;
}
