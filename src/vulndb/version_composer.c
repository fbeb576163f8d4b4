/* version_composer.c — Composer (Packagist) version order: Composer's normalisation, then PHP's
 * version_compare */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * Composer compares normalised versions with PHP's version_compare. Normalised here as
 * Composer's VersionParser::normalize does for releases: a leading 'v' dropped, build metadata
 * after '+' dropped, the numeric part padded to four numbers ("2.3" is 2.3.0.0, so 2.3 equals
 * 2.3.0), "-stable" dropped. What follows the numbers is read as version_compare reads it:
 * '-', '_', '+' and '.' separate parts, a change between digits and letters starts a new part,
 * and parts compare as numbers, or by their form: dev < alpha = a < beta = b < RC < a number <
 * patch = pl = p (PHP matches "patch" by its prefix "p"). When one version has a part more,
 * that part decides against a number: 1.0.0.0-beta1 < 1.0.0.0 < 1.0.0.0-p1.
 * Refused (NOT EXAMINED by the callers, never guessed): development branches ("dev-main",
 * "1.x-dev": not releases), more than four numbers, words other than those forms, any byte
 * other than letters, digits and . - _ +.
 */

/* The order of a part that is a word, -1 for none of version_compare's forms. */
static int form(const char *s, size_t n)
{
	static const struct {
		const char *w;
		int order;
	} forms[] = {
		{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2},  {"b", 2},
		{"rc", 3},  {"pl", 5},    {"p", 5}, {"patch", 5},
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i].w) == n && vdb_cmp_bytes_nocase(s, n, forms[i].w, n) == 0)
			return forms[i].order;
	return -1;
}

/* A version split: up to four numbers, then the parts of its tail. */
struct cver {
	const char *num[4];
	size_t numn[4];
	const char *tail; /* after the numbers and their separator, "" when none */
	size_t tailn;
};

static bool sep(int c)
{
	return c == '.' || c == '-' || c == '_' || c == '+';
}

static int parse(const char *v, size_t n, struct cver *c, char *why, size_t whylen)
{
	size_t i = 0, k = 0;
	char b[16];

	memset(c, 0, sizeof(*c));
	for (size_t j = 0; j < n; j++)
		if (v[j] == '+') {
			n = j; /* build metadata */
			break;
		}
	if (n >= 4 && strncmp(v, "dev-", 4) == 0) {
		vdb_why(why, whylen, "a development branch, not a release");
		return -1;
	}
	if (n >= 4 && vdb_cmp_bytes_nocase(v + n - 4, 4, "-dev", 4) == 0) {
		vdb_why(why, whylen, "a development version, not a release");
		return -1;
	}
	if (i < n && (v[i] == 'v' || v[i] == 'V'))
		i++;
	while (i < n && vdb_isdigit(v[i])) {
		size_t s = i;

		if (k == 4) {
			vdb_why(why, whylen, "more than four numbers");
			return -1;
		}
		while (i < n && vdb_isdigit(v[i]))
			i++;
		c->num[k] = v + s;
		c->numn[k++] = i - s;
		if (i + 1 < n && v[i] == '.' && vdb_isdigit(v[i + 1]))
			i++;
		else
			break;
	}
	if (k == 0) {
		vdb_why(why, whylen, "no leading number");
		return -1;
	}
	for (; k < 4; k++)
		c->num[k] = "0", c->numn[k] = 1;
	if (i < n && sep(v[i]))
		i++;
	c->tail = v + i;
	c->tailn = n - i;
	/* "-stable" is a release */
	if (c->tailn == 6 && vdb_cmp_bytes_nocase(c->tail, 6, "stable", 6) == 0)
		c->tailn = 0;
	for (size_t j = 0; j < c->tailn;) {
		int ch = (unsigned char)c->tail[j];
		size_t s = j;

		if (sep(ch)) {
			j++;
			continue;
		}
		if (vdb_isdigit(ch)) {
			while (j < c->tailn && vdb_isdigit(c->tail[j]))
				j++;
			continue;
		}
		if (!vdb_isalpha(ch)) {
			vdb_why(why, whylen, "unexpected %s", vdb_show_byte(ch, b));
			return -1;
		}
		while (j < c->tailn && vdb_isalpha(c->tail[j]))
			j++;
		if (form(c->tail + s, j - s) < 0) {
			vdb_why(why, whylen, "'%.*s' is no stability Composer knows", (int)(j - s),
				c->tail + s);
			return -1;
		}
	}
	return 0;
}

static int composer_check(const char *v, size_t n, char *why, size_t whylen)
{
	struct cver c;

	return parse(v, n, &c, why, whylen);
}

/* The next part of a tail at *i: its span; false at the end. */
static bool next_part(const char *t, size_t n, size_t *i, const char **p, size_t *pn)
{
	while (*i < n && sep(t[*i]))
		(*i)++;
	if (*i >= n)
		return false;
	*p = t + *i;
	if (vdb_isdigit(t[*i]))
		while (*i < n && vdb_isdigit(t[*i]))
			(*i)++;
	else
		while (*i < n && vdb_isalpha(t[*i]))
			(*i)++;
	*pn = (size_t)(t + *i - *p);
	return true;
}

/* A part's order against a number's (4). */
static int part_order(const char *p, size_t n)
{
	return vdb_isdigit(p[0]) ? 4 : form(p, n);
}

static int composer_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct cver x, y;
	char why[8];
	size_t i = 0, j = 0;
	const char *p, *q;
	size_t pn, qn;

	if (parse(a, an, &x, why, sizeof(why)) < 0 || parse(b, bn, &y, why, sizeof(why)) < 0)
		return 0; /* unreachable: version.c checked both */
	for (int k = 0; k < 4; k++) {
		int c = vdb_cmp_digits(x.num[k], x.numn[k], y.num[k], y.numn[k]);

		if (c)
			return c;
	}
	for (;;) {
		bool hp = next_part(x.tail, x.tailn, &i, &p, &pn);
		bool hq = next_part(y.tail, y.tailn, &j, &q, &qn);
		int c;

		if (!hp && !hq)
			return 0;
		if (!hq) /* a's extra part against a number */
			return vdb_isdigit(p[0]) ? 1 : (part_order(p, pn) < 4 ? -1 : 1);
		if (!hp)
			return vdb_isdigit(q[0]) ? -1 : (part_order(q, qn) < 4 ? 1 : -1);
		if (vdb_isdigit(p[0]) && vdb_isdigit(q[0]))
			c = vdb_cmp_digits(p, pn, q, qn);
		else
			c = part_order(p, pn) - part_order(q, qn);
		if (c)
			return c < 0 ? -1 : 1;
	}
}

const struct vdb_ver_ops vdb_ver_composer = {composer_check, composer_cmp};
