/* version_semver.c — SemVer 2.0.0 precedence, versions read as npm's semver reads them */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] (semver.org, section 9-11): numbers
 * without leading zeros; pre-release identifiers dot-separated, [0-9A-Za-z-]+,
 * numeric ones without leading zeros; build identifiers alike (leading zeros
 * allowed) and ignored in comparisons. As npm's semver (its clean()): spaces
 * around the version, then leading '=' and 'v' characters and spaces after
 * them are dropped ("=v1.2.3", "= 1.2.3"); a major,
 * minor or patch above 2^53-1 is refused (npm: "Invalid major version").
 * Numeric pre-release identifiers compare exactly at any length (npm turns
 * those past 2^53 into rounded floats).
 */
struct semver {
	const char *core[3];
	size_t coren[3];
	const char *pre; /* NULL when none */
	size_t pren;
};

static bool ident_char(int c)
{
	return vdb_isdigit(c) || vdb_isalpha(c) || c == '-';
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!vdb_isdigit(s[i]))
			return false;
	return true;
}

/* Dot-separated identifiers in s[0..n); numeric ones may not have leading zeros when strict. */
static int idents(const char *s, size_t n, bool strict, const char *what, char *why, size_t whylen)
{
	size_t st = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!ident_char((unsigned char)s[i])) {
				char b[16];

				vdb_why(why, whylen, "%s holds %s", what,
					vdb_show_byte((unsigned char)s[i], b));
				return -1;
			}
			continue;
		}
		if (i == st) {
			vdb_why(why, whylen, "empty %s identifier", what);
			return -1;
		}
		if (strict && i - st > 1 && s[st] == '0' && all_digits(s + st, i - st)) {
			vdb_why(why, whylen, "numeric %s identifier with a leading zero", what);
			return -1;
		}
		st = i + 1;
	}
	return 0;
}

static int semver_parse(const char *v, size_t n, struct semver *p, char *why, size_t whylen)
{
	static const char *const names[] = {"major", "minor", "patch"};
	size_t i = 0, e = n;

	while (i < e && v[i] == ' ')
		i++;
	while (e > i && v[e - 1] == ' ')
		e--;
	while (i < e && (v[i] == '=' || v[i] == 'v'))
		i++;
	while (i < e && v[i] == ' ')
		i++;
	for (int k = 0; k < 3; k++) {
		size_t st = i;

		while (i < e && vdb_isdigit(v[i]))
			i++;
		if (i == st) {
			vdb_why(why, whylen, "no %s version number", names[k]);
			return -1;
		}
		if (i - st > 1 && v[st] == '0') {
			vdb_why(why, whylen, "%s version number with a leading zero", names[k]);
			return -1;
		}
		if (vdb_cmp_digits(v + st, i - st, "9007199254740991", 16) > 0) {
			vdb_why(why, whylen, "%s version number above 2^53-1", names[k]);
			return -1;
		}
		p->core[k] = v + st;
		p->coren[k] = i - st;
		if (k < 2) {
			if (i >= e || v[i] != '.') {
				vdb_why(why, whylen, "no '.' after the %s version number",
					names[k]);
				return -1;
			}
			i++;
		}
	}
	p->pre = NULL;
	p->pren = 0;
	if (i < e && v[i] == '-') {
		size_t st = ++i;

		while (i < e && v[i] != '+')
			i++;
		if (idents(v + st, i - st, true, "pre-release", why, whylen))
			return -1;
		p->pre = v + st;
		p->pren = i - st;
	}
	if (i < e && v[i] == '+') {
		i++;
		if (idents(v + i, e - i, false, "build", why, whylen))
			return -1;
		i = e;
	}
	if (i < e) {
		char b[16];

		vdb_why(why, whylen, "%s after the version", vdb_show_byte((unsigned char)v[i], b));
		return -1;
	}
	return 0;
}

static int semver_check(const char *v, size_t n, char *why, size_t whylen)
{
	struct semver p;

	return semver_parse(v, n, &p, why, whylen);
}

static int semver_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct semver x, y;
	char why[8];
	size_t i = 0, j = 0;

	if (semver_parse(a, an, &x, why, sizeof(why)) || semver_parse(b, bn, &y, why, sizeof(why)))
		return 0; /* not reached: both were checked */
	for (int k = 0; k < 3; k++) {
		int r = vdb_cmp_digits(x.core[k], x.coren[k], y.core[k], y.coren[k]);

		if (r)
			return r;
	}
	if (!x.pre || !y.pre)
		return x.pre ? -1 : (y.pre ? 1 : 0);
	/* pre-release identifiers one by one: numeric below alphanumeric, a longer list newer */
	for (;;) {
		size_t si = i, sj = j;
		bool na, nb;
		int r;

		if (i >= x.pren && j >= y.pren)
			return 0;
		if (i >= x.pren)
			return -1;
		if (j >= y.pren)
			return 1;
		while (i < x.pren && x.pre[i] != '.')
			i++;
		while (j < y.pren && y.pre[j] != '.')
			j++;
		na = all_digits(x.pre + si, i - si);
		nb = all_digits(y.pre + sj, j - sj);
		if (na && nb)
			r = vdb_cmp_digits(x.pre + si, i - si, y.pre + sj, j - sj);
		else if (na != nb)
			r = na ? -1 : 1;
		else
			r = vdb_cmp_bytes(x.pre + si, i - si, y.pre + sj, j - sj);
		if (r)
			return r;
		i++;
		j++;
	}
}

const struct vdb_ver_ops vdb_ver_semver = {semver_check, semver_cmp};
