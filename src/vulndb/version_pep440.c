/* version_pep440.c — Python versions (PEP 440): parsing with its normalisations, and ordering */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with PEP 440's accepted
 * spellings: any case, surrounding spaces, "alpha", "beta", "c", "pre",
 * "preview" for a, b, rc; "rev" and "r" for post; '.', '-' or '_' (or
 * nothing) before a label and between a label and its number; a missing
 * number is 0; "-N" is a post release; local segments separated by '.', '-'
 * or '_'. Ordering (PEP 440 "Summary of permitted suffixes and relative
 * ordering"): epoch, release (trailing zeros do not count), then
 * X.devN < X.aN < X.bN < X.rcN < X < X.postN, a dev release of a pre or post
 * release before it, and a local version after its public version, its
 * segments compared numerically when both are numbers, a number after a
 * string, strings case-insensitively, more segments newer.
 */
enum { PRE_A, PRE_B, PRE_RC, PRE_NONE };

struct pep440 {
	const char *epoch, *rel, *pre_n, *post_n, *dev_n, *local;
	size_t epochn, reln, pre_nn, post_nn, dev_nn, localn;
	int pre;        /* PRE_* */
	bool post, dev; /* present */
};

struct cur {
	const char *s;
	size_t n, i;
};

static bool sep(int c)
{
	return c == '.' || c == '-' || c == '_';
}

/* Matches word case-insensitively at c->i; advances on success. */
static bool word(struct cur *c, const char *w)
{
	size_t k = strlen(w);

	if (c->n - c->i < k || vdb_cmp_bytes_nocase(c->s + c->i, k, w, k) != 0)
		return false;
	c->i += k;
	return true;
}

static size_t num(struct cur *c, const char **out)
{
	size_t st = c->i;

	while (c->i < c->n && vdb_isdigit(c->s[c->i]))
		c->i++;
	*out = c->s + st;
	return c->i - st;
}

/* [sep] label [sep] [N] for one of labels (longest spellings first); on success sets *which
 * and the number (NULL when absent). A separator after the label is taken even when no number
 * follows, as PEP 440's regular expression takes it ("1.0a." is 1.0a0). */
static bool labelled(struct cur *c, const char *const *labels, const int *values, size_t count,
		     int *which, const char **n, size_t *nn)
{
	struct cur t = *c;

	if (t.i < t.n && sep(t.s[t.i]))
		t.i++;
	for (size_t k = 0; k < count; k++) {
		struct cur u = t;

		if (!word(&u, labels[k]))
			continue;
		*which = values[k];
		if (u.i < u.n && sep(u.s[u.i]))
			u.i++;
		*nn = num(&u, n);
		if (!*nn)
			*n = NULL;
		*c = u;
		return true;
	}
	return false;
}

static int pep440_parse(const char *v, size_t n, struct pep440 *p, char *why, size_t whylen)
{
	/* a label that is a prefix of another comes after it: "preview" before "pre" */
	static const char *const pre_l[] = {"preview", "alpha", "beta", "pre", "rc", "a", "b", "c"};
	static const int pre_v[] = {PRE_RC, PRE_A, PRE_B, PRE_RC, PRE_RC, PRE_A, PRE_B, PRE_RC};
	static const char *const post_l[] = {"post", "rev", "r"};
	static const int post_v[] = {1, 1, 1};
	static const char *const dev_l[] = {"dev"};
	static const int dev_v[] = {1};
	struct cur c = {v, n, 0};
	int which;
	const char *d;
	size_t dn;

	memset(p, 0, sizeof(*p));
	p->pre = PRE_NONE;
	while (c.i < c.n && c.s[c.i] == ' ')
		c.i++;
	while (c.n > c.i && c.s[c.n - 1] == ' ')
		c.n--;
	if (c.i < c.n && (c.s[c.i] == 'v' || c.s[c.i] == 'V'))
		c.i++;
	dn = num(&c, &d);
	if (dn && c.i < c.n && c.s[c.i] == '!') {
		p->epoch = d;
		p->epochn = dn;
		c.i++;
		dn = num(&c, &d);
	}
	if (!dn) {
		vdb_why(why, whylen, "no release number");
		return -1;
	}
	p->rel = d;
	while (c.i + 1 < c.n && c.s[c.i] == '.' && vdb_isdigit(c.s[c.i + 1])) {
		c.i++;
		num(&c, &d);
	}
	p->reln = (size_t)(c.s + c.i - p->rel);
	if (labelled(&c, pre_l, pre_v, 8, &which, &p->pre_n, &p->pre_nn))
		p->pre = which;
	if (c.i + 1 < c.n && c.s[c.i] == '-' && vdb_isdigit(c.s[c.i + 1])) {
		c.i++;
		p->post = true;
		p->post_nn = num(&c, &p->post_n);
	} else if (labelled(&c, post_l, post_v, 3, &which, &p->post_n, &p->post_nn)) {
		p->post = true;
	}
	if (labelled(&c, dev_l, dev_v, 1, &which, &p->dev_n, &p->dev_nn))
		p->dev = true;
	if (c.i < c.n && c.s[c.i] == '+') {
		size_t st = ++c.i;
		bool prev_sep = true;

		for (; c.i < c.n; c.i++) {
			int ch = (unsigned char)c.s[c.i];

			if (sep(ch)) {
				if (prev_sep)
					break;
				prev_sep = true;
			} else if (vdb_isdigit(ch) || vdb_isalpha(ch)) {
				prev_sep = false;
			} else {
				break;
			}
		}
		if (c.i < c.n || prev_sep) {
			vdb_why(why, whylen, "bad local version label");
			return -1;
		}
		p->local = c.s + st;
		p->localn = c.i - st;
	}
	if (c.i < c.n) {
		char b[16];

		vdb_why(why, whylen, "unexpected %s at offset %zu",
			vdb_show_byte((unsigned char)c.s[c.i], b), c.i);
		return -1;
	}
	return 0;
}

static int pep440_check(const char *v, size_t n, char *why, size_t whylen)
{
	struct pep440 p;

	return pep440_parse(v, n, &p, why, whylen);
}

/* Compares optional numbers (NULL or empty = 0). */
static int optnum(const char *a, size_t an, const char *b, size_t bn)
{
	return vdb_cmp_digits(a ? a : "0", a ? an : 1, b ? b : "0", b ? bn : 1);
}

/* Release segments N(.N)*, the shorter padded with zeros. */
static int release_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an || j < bn) {
		size_t si = i, sj = j;
		int r;

		while (i < an && a[i] != '.')
			i++;
		while (j < bn && b[j] != '.')
			j++;
		r = vdb_cmp_digits(si < an ? a + si : "0", si < an ? i - si : 1,
				   sj < bn ? b + sj : "0", sj < bn ? j - sj : 1);
		if (r)
			return r;
		if (i < an)
			i++;
		if (j < bn)
			j++;
	}
	return 0;
}

/* Rank of the pre-release part: a dev release of a final release (no pre, no post) comes
 * before its alphas; no pre-release after all of them. */
static int pre_rank(const struct pep440 *p)
{
	if (p->pre == PRE_NONE && !p->post && p->dev)
		return -1;
	return p->pre;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!vdb_isdigit(s[i]))
			return false;
	return n > 0;
}

static int local_cmp(const struct pep440 *x, const struct pep440 *y)
{
	size_t i = 0, j = 0;

	if (!x->local || !y->local)
		return x->local ? 1 : (y->local ? -1 : 0);
	for (;;) {
		size_t si = i, sj = j;
		bool na, nb;
		int r;

		if (i >= x->localn || j >= y->localn)
			return i >= x->localn ? (j >= y->localn ? 0 : -1) : 1;
		while (i < x->localn && !sep(x->local[i]))
			i++;
		while (j < y->localn && !sep(y->local[j]))
			j++;
		na = is_digits(x->local + si, i - si);
		nb = is_digits(y->local + sj, j - sj);
		if (na && nb)
			r = vdb_cmp_digits(x->local + si, i - si, y->local + sj, j - sj);
		else if (na != nb)
			r = na ? 1 : -1;
		else
			r = vdb_cmp_bytes_nocase(x->local + si, i - si, y->local + sj, j - sj);
		if (r)
			return r;
		i++;
		j++;
	}
}

static int pep440_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct pep440 x, y;
	char why[8];
	int r;

	if (pep440_parse(a, an, &x, why, sizeof(why)) || pep440_parse(b, bn, &y, why, sizeof(why)))
		return 0; /* not reached: both were checked */
	if ((r = optnum(x.epoch, x.epochn, y.epoch, y.epochn)))
		return r;
	if ((r = release_cmp(x.rel, x.reln, y.rel, y.reln)))
		return r;
	if (pre_rank(&x) != pre_rank(&y))
		return pre_rank(&x) < pre_rank(&y) ? -1 : 1;
	if (x.pre != PRE_NONE && (r = optnum(x.pre_n, x.pre_nn, y.pre_n, y.pre_nn)))
		return r;
	if (x.post != y.post)
		return x.post ? 1 : -1;
	if (x.post && (r = optnum(x.post_n, x.post_nn, y.post_n, y.post_nn)))
		return r;
	if (x.dev != y.dev)
		return x.dev ? -1 : 1;
	if (x.dev && (r = optnum(x.dev_n, x.dev_nn, y.dev_n, y.dev_nn)))
		return r;
	return local_cmp(&x, &y);
}

const struct vdb_ver_ops vdb_ver_pep440 = {pep440_check, pep440_cmp};
