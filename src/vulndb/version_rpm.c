/* version_rpm.c — RPM versions: [epoch:]version[-release] ordered as rpm 4.18's rpmverCmp */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * rpmvercmp: the strings are split into runs of ASCII letters and runs of
 * digits; everything else separates runs and only '~' (before anything, even
 * the end) and '^' (after the end, before anything else) count. A digit run is
 * newer than a letter run; digit runs compare by value (any length), letter
 * runs bytewise. Leftover separators do not count; a leftover run makes its
 * string newer.
 */
static int rpmvercmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	if (vdb_cmp_bytes(a, an, b, bn) == 0)
		return 0;
	while (i < an || j < bn) {
		size_t si, sj;
		bool num;
		int r;

		while (i < an && !vdb_isdigit(a[i]) && !vdb_isalpha(a[i]) && a[i] != '~' &&
		       a[i] != '^')
			i++;
		while (j < bn && !vdb_isdigit(b[j]) && !vdb_isalpha(b[j]) && b[j] != '~' &&
		       b[j] != '^')
			j++;
		if (vdb_at(a, an, i) == '~' || vdb_at(b, bn, j) == '~') {
			if (vdb_at(a, an, i) != '~')
				return 1;
			if (vdb_at(b, bn, j) != '~')
				return -1;
			i++;
			j++;
			continue;
		}
		if (vdb_at(a, an, i) == '^' || vdb_at(b, bn, j) == '^') {
			if (i == an)
				return -1;
			if (j == bn)
				return 1;
			if (a[i] != '^')
				return 1;
			if (b[j] != '^')
				return -1;
			i++;
			j++;
			continue;
		}
		if (i == an || j == bn)
			break;
		si = i;
		sj = j;
		num = vdb_isdigit(a[i]);
		if (num) {
			while (i < an && vdb_isdigit(a[i]))
				i++;
			while (j < bn && vdb_isdigit(b[j]))
				j++;
		} else {
			while (i < an && vdb_isalpha(a[i]))
				i++;
			while (j < bn && vdb_isalpha(b[j]))
				j++;
		}
		if (j == sj)
			return num ? 1 : -1;
		r = num ? vdb_cmp_digits(a + si, i - si, b + sj, j - sj)
			: vdb_cmp_bytes(a + si, i - si, b + sj, j - sj);
		if (r)
			return r;
	}
	if (i == an && j == bn)
		return 0;
	return i == an ? -1 : 1;
}

/* rpm's parseEVR: the epoch is the leading digits when a ':' follows them ("" means 0), the
 * release what follows the last '-' after them. A missing epoch is 0; a missing release is
 * older than any release (rpmverCmp's compare_values). */
struct rpm_evr {
	const char *e, *v, *r; /* e, r NULL when missing */
	size_t en, vn, rn;
};

static void parse_evr(const char *s, size_t n, struct rpm_evr *p)
{
	size_t d = 0, hyphen = SIZE_MAX, vs;

	while (d < n && vdb_isdigit(s[d]))
		d++;
	for (size_t i = d; i < n; i++)
		if (s[i] == '-')
			hyphen = i;
	if (d < n && s[d] == ':') {
		p->e = d ? s : "0";
		p->en = d ? d : 1;
		vs = d + 1;
	} else {
		p->e = NULL;
		p->en = 0;
		vs = 0;
	}
	p->v = s + vs;
	p->vn = (hyphen == SIZE_MAX ? n : hyphen) - vs;
	p->r = hyphen == SIZE_MAX ? NULL : s + hyphen + 1;
	p->rn = hyphen == SIZE_MAX ? 0 : n - hyphen - 1;
}

static int rpm_check(const char *v, size_t n, char *why, size_t whylen)
{
	return 0; /* rpm reads every non-empty string as an EVR; version.c refused the rest */
}

static int rpm_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct rpm_evr x, y;
	int r;

	parse_evr(a, an, &x);
	parse_evr(b, bn, &y);
	r = rpmvercmp(x.e ? x.e : "0", x.e ? x.en : 1, y.e ? y.e : "0", y.e ? y.en : 1);
	if (r)
		return r;
	r = rpmvercmp(x.v, x.vn, y.v, y.vn);
	if (r)
		return r;
	if (!x.r || !y.r)
		return x.r ? 1 : (y.r ? -1 : 0);
	return rpmvercmp(x.r, x.rn, y.r, y.rn);
}

const struct vdb_ver_ops vdb_ver_rpm = {rpm_check, rpm_cmp};
