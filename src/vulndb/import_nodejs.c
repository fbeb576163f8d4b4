/* import_nodejs.c — the Node.js security WG's advisories (vuln/core, vuln/npm): node-semver ranges
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>

#include "vulndb/db_internal.h"

#include "util/banned.h"

/*
 * nodejs/security-wg keeps two kinds of records, each directory also as one index.json that
 * maps the record's number to it:
 *  - vuln/core/N.json, the Node.js runtime: "vulnerable" and "patched" are node-semver range
 *    expressions ("8.x || 7.x", "^8.1.4 || ^7.10.1"); a version is affected when it satisfies
 *    "vulnerable" and not "patched". Stored as ecosystem "nodejs", package "node", advisory
 *    NSWG-CORE-N with its CVEs as aliases. Records that affect only Windows or macOS
 *    ("affectedEnvironments") are left out: imgaudit audits Linux images.
 *  - vuln/npm/N.json, npm modules (the former Node Security Project): "module_name",
 *    "vulnerable_versions", "patched_versions"; stored as ecosystem "npm", advisory NSWG-NPM-N.
 * Each range expression is turned into intervals: the "vulnerable" set minus the "patched"
 * set, every interval stored as introduced (inclusive), fixed (exclusive end) or last_affected
 * (inclusive end). An interval's end is a fixed version ("fixed" status) only when it lies in
 * the patched set; else the smallest patched version above it is given as fixed beside an
 * inclusive last_affected, and an interval without any patched version above it is "open".
 * ">V" is stored exactly as ">= the least version after V" (V.patch+1-0, or V-pre.0).
 */

/* One bound of an interval: a SemVer version, inclusive or exclusive; v[0] == 0: unbounded. */
struct nj_bound {
	char v[IA_MAX_NSWG_VERSION];
	bool incl;
};

struct nj_ival {
	struct nj_bound lo, hi; /* lo is always inclusive */
};

struct nj_set {
	struct nj_ival v[IA_MAX_NSWG_INTERVALS];
	size_t n;
};

/* A partial version of a range: up to three numbers (x, X, * stop it), a tail when all three
 * are given ("-beta.1+build"). */
struct nj_part {
	int n; /* numbers given */
	unsigned long long num[3];
	char tail[IA_MAX_NSWG_VERSION];
};

static int nj_cmp(const char *a, const char *b, int *c)
{
	return vdb_vercmp(VDB_ECO_SEMVER, a, b, c, NULL);
}

/* Parses s (len bytes) as a partial version. Returns 0 or -1. */
static int nj_parse(const char *s, size_t len, struct nj_part *p)
{
	size_t i = 0;

	memset(p, 0, sizeof(*p));
	if (i < len && (s[i] == 'v' || s[i] == '='))
		i++;
	if (len == i)
		return -1;
	while (p->n < 3 && i < len) {
		if (s[i] == 'x' || s[i] == 'X' || s[i] == '*') {
			i++;
			break;
		}
		if (!isdigit((unsigned char)s[i]))
			return -1;
		unsigned long long v = 0;
		size_t d = 0;

		while (i < len && isdigit((unsigned char)s[i])) {
			if (++d > 15)
				return -1;
			v = v * 10 + (unsigned)(s[i++] - '0');
		}
		p->num[p->n++] = v;
		if (i < len && s[i] == '.' && p->n < 3)
			i++;
		else
			break;
	}
	if (i < len) {
		if (p->n < 3 || (s[i] != '-' && s[i] != '+') || len - i >= sizeof(p->tail))
			return i + 2 == len && s[i] == '.' && strchr("xX*", s[i + 1]) ? 0 : -1;
		memcpy(p->tail, s + i, len - i);
		p->tail[len - i] = 0;
	}
	return 0;
}

/* "A.B.C" then tail; one that does not fit is "!", which no comparator takes (the interval is
 * then skipped, never widened). */
static void nj_fmt(char *out, unsigned long long a, unsigned long long b, unsigned long long c,
		   const char *tail)
{
	char t[3 * 24 + 2 * IA_MAX_NSWG_VERSION];
	int n = snprintf(t, sizeof(t), "%llu.%llu.%llu%s", a, b, c, tail);

	if (n < 0 || n >= IA_MAX_NSWG_VERSION)
		snprintf(out, IA_MAX_NSWG_VERSION, "!");
	else
		memcpy(out, t, (size_t)n + 1);
}

/* The least version after p (all three numbers given): A.B.(C+1)-0, or with a prerelease
 * A.B.C-pre.0 (build metadata dropped). */
static void nj_next(const struct nj_part *p, char *out)
{
	char pre[IA_MAX_NSWG_VERSION + 2];
	size_t l = strcspn(p->tail, "+");

	if (l) {
		snprintf(pre, sizeof(pre), "%.*s.0", (int)l, p->tail);
		nj_fmt(out, p->num[0], p->num[1], p->num[2], pre);
	} else {
		nj_fmt(out, p->num[0], p->num[1], p->num[2] + 1, "-0");
	}
}

/* The end (exclusive) of a partial version's x-range: 1 -> 2.0.0-0, 1.2 -> 1.3.0-0. */
static void nj_xend(const struct nj_part *p, char *out)
{
	if (p->n == 1)
		nj_fmt(out, p->num[0] + 1, 0, 0, "-0");
	else
		nj_fmt(out, p->num[0], p->num[1] + 1, 0, "-0");
}

static void set_lo(struct nj_ival *iv, const char *v)
{
	int c;

	if (iv->lo.v[0] && nj_cmp(v, iv->lo.v, &c) == 0 && c <= 0)
		return;
	snprintf(iv->lo.v, sizeof(iv->lo.v), "%s", v);
	iv->lo.incl = true;
}

static void set_hi(struct nj_ival *iv, const char *v, bool incl)
{
	int c;

	if (iv->hi.v[0] && nj_cmp(v, iv->hi.v, &c) == 0 && (c > 0 || (c == 0 && incl)))
		return;
	snprintf(iv->hi.v, sizeof(iv->hi.v), "%s", v);
	iv->hi.incl = incl;
}

/* One comparator ("^1.2.3", ">= 1.0", "1.x", "<=2.2.4") narrowing iv. Returns 0 or -1. */
static int nj_comparator(const char *s, size_t len, struct nj_ival *iv)
{
	char op[3] = "", full[IA_MAX_NSWG_VERSION], end[IA_MAX_NSWG_VERSION];
	struct nj_part p;
	size_t o = 0;

	while (o < 2 && o < len && strchr("<>=^~", s[o]))
		op[o] = s[o], o++;
	op[o] = 0;
	if (strcmp(op, "=") == 0)
		op[0] = 0;
	if (op[0] == '~' && o < len && s[o] == '>')
		o++; /* "~>" is "~" */
	if (len - o == 1 && s[o] == '*' && !op[0])
		return 0;
	if (nj_parse(s + o, len - o, &p) < 0)
		return -1;
	if (p.n == 0)
		return op[0] ? -1 : 0; /* "x": any */
	nj_fmt(full, p.num[0], p.n > 1 ? p.num[1] : 0, p.n > 2 ? p.num[2] : 0, p.tail);
	if (!op[0]) {
		set_lo(iv, full);
		if (p.n == 3)
			set_hi(iv, full, true);
		else
			nj_xend(&p, end), set_hi(iv, end, false);
	} else if (strcmp(op, ">=") == 0) {
		set_lo(iv, full);
	} else if (strcmp(op, ">") == 0) {
		if (p.n == 3)
			nj_next(&p, end);
		else
			nj_xend(&p, end);
		set_lo(iv, end);
	} else if (strcmp(op, "<") == 0) {
		nj_fmt(end, p.num[0], p.n > 1 ? p.num[1] : 0, p.n > 2 ? p.num[2] : 0,
		       p.n == 3 ? p.tail : "-0");
		set_hi(iv, end, false);
	} else if (strcmp(op, "<=") == 0) {
		if (p.n == 3)
			set_hi(iv, full, true);
		else
			nj_xend(&p, end), set_hi(iv, end, false);
	} else if (strcmp(op, "^") == 0) {
		set_lo(iv, full);
		if (p.num[0] > 0 || p.n == 1)
			nj_fmt(end, p.num[0] + 1, 0, 0, "-0");
		else if (p.num[1] > 0 || p.n == 2)
			nj_fmt(end, 0, p.num[1] + 1, 0, "-0");
		else
			nj_fmt(end, 0, 0, p.num[2] + 1, "-0");
		set_hi(iv, end, false);
	} else if (strcmp(op, "~") == 0) {
		set_lo(iv, full);
		if (p.n == 1)
			nj_fmt(end, p.num[0] + 1, 0, 0, "-0");
		else
			nj_fmt(end, p.num[0], p.num[1] + 1, 0, "-0");
		set_hi(iv, end, false);
	} else {
		return -1;
	}
	return 0;
}

/* Whether iv holds no version. */
static bool nj_empty(const struct nj_ival *iv)
{
	int c;

	if (!iv->lo.v[0] || !iv->hi.v[0])
		return false;
	if (nj_cmp(iv->lo.v, iv->hi.v, &c) < 0)
		return false; /* stored, and counted as skipped by vdb_imp_affected */
	return c > 0 || (c == 0 && !iv->hi.incl);
}

static int nj_add(struct nj_set *set, const struct nj_ival *iv)
{
	if (nj_empty(iv))
		return 0;
	if (set->n >= IA_MAX_NSWG_INTERVALS)
		return -1;
	set->v[set->n++] = *iv;
	return 0;
}

/*
 * A range expression ("a b || c") as intervals. Returns 0, or -1 with why set (not a range
 * imgaudit reads, or over IA_MAX_NSWG_INTERVALS).
 */
static int nj_range(const char *expr, struct nj_set *set, const char **why)
{
	const char *p = expr;

	set->n = 0;
	for (;;) {
		const char *alt_end = strstr(p, "||");
		size_t alen = alt_end ? (size_t)(alt_end - p) : strlen(p);
		struct nj_ival iv = {0};
		size_t i = 0;

		while (i < alen) {
			char tok[2 * IA_MAX_NSWG_VERSION];
			size_t t = 0;

			while (i < alen && isspace((unsigned char)p[i]))
				i++;
			if (i >= alen)
				break;
			/* an operator, then (after optional spaces) a version */
			while (i < alen && strchr("<>=^~", p[i]) && t + 1 < sizeof(tok))
				tok[t++] = p[i++];
			while (t && i < alen && isspace((unsigned char)p[i]))
				i++;
			while (i < alen && !isspace((unsigned char)p[i]) && t + 1 < sizeof(tok))
				tok[t++] = p[i++];
			if (i < alen && !isspace((unsigned char)p[i])) {
				*why = "a version of the range is too long";
				return -1;
			}
			if (nj_comparator(tok, t, &iv) < 0) {
				*why = "a comparator of the range is not node-semver imgaudit "
				       "reads";
				return -1;
			}
		}
		if (nj_add(set, &iv) < 0) {
			*why = "more intervals than IA_MAX_NSWG_INTERVALS";
			return -1;
		}
		if (!alt_end)
			return 0;
		p = alt_end + 2;
	}
}

/* a minus b into out (up to two pieces). Returns 0 or -1. */
static int nj_minus(const struct nj_ival *a, const struct nj_ival *b, struct nj_set *out)
{
	struct nj_ival left = *a, right = *a;
	int c;

	/* no overlap: b ends before a starts, or b starts after a ends */
	if (b->hi.v[0] && a->lo.v[0] && nj_cmp(b->hi.v, a->lo.v, &c) == 0 &&
	    (c < 0 || (c == 0 && !b->hi.incl)))
		return nj_add(out, a);
	if (b->lo.v[0] && a->hi.v[0] && nj_cmp(b->lo.v, a->hi.v, &c) == 0 &&
	    (c > 0 || (c == 0 && !a->hi.incl)))
		return nj_add(out, a);
	if (b->lo.v[0]) {
		snprintf(left.hi.v, sizeof(left.hi.v), "%s", b->lo.v);
		left.hi.incl = false;
		if (nj_add(out, &left) < 0)
			return -1;
	}
	if (b->hi.v[0]) {
		if (b->hi.incl) {
			struct nj_part p;

			if (nj_parse(b->hi.v, strlen(b->hi.v), &p) < 0 || p.n != 3)
				return -1;
			nj_next(&p, right.lo.v);
		} else {
			snprintf(right.lo.v, sizeof(right.lo.v), "%s", b->hi.v);
		}
		right.lo.incl = true;
		if (nj_add(out, &right) < 0)
			return -1;
	}
	return 0;
}

/* Whether v lies in set. */
static bool nj_in(const struct nj_set *set, const char *v)
{
	int c;

	for (size_t i = 0; i < set->n; i++) {
		const struct nj_ival *iv = &set->v[i];

		if (iv->lo.v[0] && (nj_cmp(v, iv->lo.v, &c) < 0 || c < 0))
			continue;
		if (iv->hi.v[0] &&
		    (nj_cmp(v, iv->hi.v, &c) < 0 || c > 0 || (c == 0 && !iv->hi.incl)))
			continue;
		return true;
	}
	return false;
}

/* The least lower bound of patched above v, or NULL. */
static const char *nj_patched_above(const struct nj_set *patched, const char *v)
{
	const char *best = NULL;
	int c;

	for (size_t i = 0; i < patched->n; i++) {
		const char *lo = patched->v[i].lo.v;

		if (!lo[0] || nj_cmp(lo, v, &c) < 0 || c <= 0)
			continue;
		if (!best || (nj_cmp(lo, best, &c) == 0 && c < 0))
			best = lo;
	}
	return best;
}

/* The sets of one record's ranges (some KiB: allocated, not on the stack). */
struct nj_sets {
	struct nj_set vuln, pat, cur, next;
};

static int nj_store_in(struct vdb_imp *im, struct nj_sets *w, int64_t adv, const char *eco,
		       const char *pkg, const char *vulnerable, const char *patched,
		       struct ia_err *err);

static int nj_store(struct vdb_imp *im, int64_t adv, const char *eco, const char *pkg,
		    const char *vulnerable, const char *patched, struct ia_err *err)
{
	struct nj_sets *w = ia_xcalloc(1, sizeof(*w));
	int r = nj_store_in(im, w, adv, eco, pkg, vulnerable, patched, err);

	free(w);
	return r;
}

static int nj_store_in(struct vdb_imp *im, struct nj_sets *w, int64_t adv, const char *eco,
		       const char *pkg, const char *vulnerable, const char *patched,
		       struct ia_err *err)
{
	struct nj_set *vuln = &w->vuln, *pat = &w->pat, *cur = &w->cur, *next = &w->next;
	const char *why = NULL;
	int r;

	if (nj_range(vulnerable, vuln, &why) < 0 || (patched && nj_range(patched, pat, &why) < 0)) {
		vdb_imp_skip(im, "%s of %.100s: %s", im->member, pkg, why);
		return 0;
	}
	if (!patched)
		pat->n = 0;
	*cur = *vuln;
	for (size_t j = 0; j < pat->n; j++) {
		next->n = 0;
		for (size_t i = 0; i < cur->n; i++)
			if (nj_minus(&cur->v[i], &pat->v[j], next) < 0) {
				vdb_imp_skip(im,
					     "%s of %.100s: more intervals than "
					     "IA_MAX_NSWG_INTERVALS",
					     im->member, pkg);
				return 0;
			}
		*cur = *next;
	}
	for (size_t i = 0; i < cur->n; i++) {
		const struct nj_ival *iv = &cur->v[i];
		const char *hi = iv->hi.v, *fix = NULL;

		size_t hl = strlen(hi);

		if (hi[0] && !iv->hi.incl && nj_in(pat, hi))
			r = vdb_imp_affected(im, adv, eco, "", pkg, "fixed", iv->lo.v, hi, "", err);
		else if (hl > 2 && !iv->hi.incl && strcmp(hi + hl - 2, "-0") == 0 &&
			 (fix = nj_patched_above(pat, hi)) && strlen(fix) == hl - 2 &&
			 strncmp(fix, hi, hl - 2) == 0)
			/* "<2" ends at 2.0.0-0 and "2.0.0" is patched: only 2.0.0's prereleases
			 * lie between, counted as affected */
			r = vdb_imp_affected(im, adv, eco, "", pkg, "fixed", iv->lo.v, fix, "",
					     err);
		else if (hi[0] && iv->hi.incl && (fix = nj_patched_above(pat, hi)))
			r = vdb_imp_affected(im, adv, eco, "", pkg, "fixed", iv->lo.v, fix, hi,
					     err);
		else if (hi[0] && !iv->hi.incl)
			r = vdb_imp_affected(im, adv, eco, "", pkg, "open", iv->lo.v, hi, "", err);
		else
			r = vdb_imp_affected(im, adv, eco, "", pkg, "open", iv->lo.v, "", hi, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static const char *score_word(double s)
{
	return s >= 9 ? "critical" : s >= 7 ? "high" : s >= 4 ? "medium" : s > 0 ? "low" : "";
}

/* CVE IDs of the array a joined by spaces into b; false when a is not an array of strings. */
static bool nj_cves(json_t *a, struct ia_buf *b)
{
	json_t *v;
	size_t i;

	if (!a || json_is_null(a))
		return true;
	if (!json_is_array(a))
		return false;
	json_array_foreach(a, i, v)
	{
		if (!json_is_string(v))
			return false;
		if (b->len < IA_MAX_VULN_TEXT)
			ia_buf_addf(b, "%s%s", b->len ? " " : "", json_string_value(v));
	}
	return true;
}

/* Whether the record's affectedEnvironments include Linux ("all", "linux", or none given). */
static bool nj_linux(json_t *rec)
{
	json_t *a = json_object_get(rec, "affectedEnvironments"), *v;
	size_t i;

	if (!json_is_array(a) || json_array_size(a) == 0)
		return true;
	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);

		if (s && (strcmp(s, "all") == 0 || strcmp(s, "linux") == 0))
			return true;
	}
	return false;
}

/* One record numbered id. */
static int nj_record(struct vdb_imp *im, const char *id, json_t *rec, bool core, struct ia_err *err)
{
	struct ia_buf cves = IA_BUF_INIT(2 * IA_MAX_VULN_TEXT);
	char name[64], summary[IA_MAX_VULN_TEXT], sev[32] = "";
	bool bad = false;
	const char *vuln, *pat, *text, *cvss = NULL, *module = "node";
	int64_t adv;
	int r;

	if (!json_is_object(rec))
		return VDB_BAD(im, err, "record %.40s is not a JSON object", id);
	vuln = vdb_json_str(rec, core ? "vulnerable" : "vulnerable_versions", &bad);
	pat = vdb_json_str(rec, core ? "patched" : "patched_versions", &bad);
	text = vdb_json_str(rec, core ? "description" : "title", &bad);
	if (!text)
		text = vdb_json_str(rec, "overview", &bad);
	if (!core) {
		json_t *sc = json_object_get(rec, "cvss_score");

		const char *upd = vdb_json_str(rec, "updated_at", &bad);
		char day[40];
		int64_t t;

		module = vdb_json_str(rec, "module_name", &bad);
		cvss = vdb_json_str(rec, "cvss_vector", &bad);
		/* the data's date: the newest change of a record ("2020-07-13"); the core records
		 * carry none, their file's time stands for it */
		if (upd && strlen(upd) == 10) {
			snprintf(day, sizeof(day), "%sT00:00:00Z", upd);
			if ((t = vdb_parse_time(day)) > im->data_date)
				im->data_date = t;
		}
		if (json_is_number(sc))
			snprintf(sev, sizeof(sev), "%s", score_word(json_number_value(sc)));
	} else {
		const char *s = vdb_json_str(rec, "severity", &bad);

		if (s && strcmp(s, "unknown") != 0)
			snprintf(sev, sizeof(sev), "%.20s", s);
	}
	if (bad || !vuln || !module ||
	    !nj_cves(json_object_get(rec, core ? "cve" : "cves"), &cves)) {
		ia_buf_release(&cves);
		return VDB_BAD(im, err,
			       "record %.40s: %s must be strings (and the CVEs an array of "
			       "strings)",
			       id,
			       core ? "vulnerable, patched, description and severity"
				    : "module_name, vulnerable_versions, patched_versions, title "
				      "and cvss_vector");
	}
	if (strlen(id) > 20 || strspn(id, "0123456789") != strlen(id)) {
		ia_buf_release(&cves);
		return VDB_BAD(im, err, "record number '%.40s' is not a number", id);
	}
	snprintf(im->member, sizeof(im->member), "record %s", id);
	if (core && !nj_linux(rec)) {
		vdb_imp_skip(im, "NSWG-CORE-%s affects only other systems than Linux", id);
		ia_buf_release(&cves);
		return 0;
	}
	snprintf(name, sizeof(name), "NSWG-%s-%s", core ? "CORE" : "NPM", id);
	snprintf(summary, sizeof(summary), "%s (patched: %s)", text ? text : "",
		 pat && pat[0] ? pat : "none");
	r = vdb_imp_advisory(im, name, cves.data ? cves.data : "", summary, sev, cvss ? cvss : "",
			     &adv, err);
	ia_buf_release(&cves);
	if (!r)
		r = nj_store(im, adv, core ? "nodejs" : "npm", module, vuln,
			     pat && pat[0] ? pat : NULL, err);
	return r;
}

/* 1: a core record, 2: an npm record, 0: neither. */
static int nj_rec_kind(json_t *j)
{
	if (!json_is_object(j))
		return 0;
	if (json_object_get(j, "vulnerable") && json_object_get(j, "patched"))
		return 1;
	if (json_object_get(j, "module_name") && json_object_get(j, "vulnerable_versions"))
		return 2;
	return 0;
}

int vdb_nodejs_kind(json_t *j)
{
	const char *k;
	json_t *v;
	int r = nj_rec_kind(j);

	if (r || !json_is_object(j))
		return r;
	json_object_foreach(j, k, v)
	{
		(void)k;
		r = nj_rec_kind(v);
		return r ? r + 2 : 0;
	}
	return 0;
}

int vdb_import_nodejs(struct vdb_imp *im, json_t *root, const char *single_id, struct ia_err *err)
{
	int kind = vdb_nodejs_kind(root);
	const char *k;
	json_t *v;
	int r = 0;

	if (kind == 1 || kind == 2)
		return nj_record(im, single_id, root, kind == 1, err);
	if (kind == 0)
		return VDB_BAD(im, err, "not a Node.js security WG record or index");
	if (json_object_size(root) > IA_MAX_VULN_FEED_MEMBERS)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "more than %u records (IA_MAX_VULN_FEED_MEMBERS)",
				  IA_MAX_VULN_FEED_MEMBERS);
	json_object_foreach(root, k, v)
	{
		if (vdb_nodejs_kind(v) != (kind == 3 ? 1 : 2))
			return VDB_BAD(im, err,
				       "record %.40s is not a Node.js security WG %s record", k,
				       kind == 3 ? "core" : "npm");
		if ((r = nj_record(im, k, v, kind == 3, err)) < 0)
			return r;
	}
	im->member[0] = 0;
	return 0;
}
