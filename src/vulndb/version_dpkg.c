/* version_dpkg.c — Debian versions: [epoch:]upstream[-revision] ordered as dpkg orders them */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <limits.h>

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * Parsing follows dpkg's parseversion(): surrounding blanks trimmed, the epoch
 * is what strtol reads before the first ':' (a sign is allowed, as there),
 * the revision follows the last '-'. What dpkg refuses is refused here with
 * dpkg's own words; what it only warns about (an upstream version not starting
 * with a digit, characters outside [A-Za-z0-9.+~:-]) is compared, as dpkg
 * does for its status database and `dpkg --compare-versions`.
 */
struct dpkg_ver {
	long epoch;
	const char *up, *rev;
	size_t upn, revn;
};

static int dpkg_parse(const char *v, size_t n, struct dpkg_ver *out, char *why, size_t whylen)
{
	size_t s = 0, e = n, colon = SIZE_MAX, hyphen = SIZE_MAX;

	while (s < e && v[s] == ' ')
		s++;
	while (e > s && v[e - 1] == ' ')
		e--;
	if (s == e) {
		vdb_why(why, whylen, "version string is empty");
		return -1;
	}
	for (size_t i = s; i < e; i++) {
		if (v[i] == ' ') {
			vdb_why(why, whylen, "version string has embedded spaces");
			return -1;
		}
		if (v[i] == ':' && colon == SIZE_MAX)
			colon = i;
	}
	out->epoch = 0;
	if (colon != SIZE_MAX) {
		size_t i = s, digits;
		bool neg = false;
		unsigned long long val = 0;

		if (v[i] == '+' || v[i] == '-')
			neg = v[i++] == '-';
		digits = i;
		while (i < colon && vdb_isdigit(v[i])) {
			if (val <= (unsigned long long)INT_MAX)
				val = val * 10 + (unsigned)(v[i] - '0');
			i++;
		}
		if (i == digits) {
			vdb_why(why, whylen, "epoch in version is empty");
			return -1;
		}
		if (i != colon) {
			vdb_why(why, whylen, "epoch in version is not number");
			return -1;
		}
		if (neg && val != 0) {
			vdb_why(why, whylen, "epoch in version is negative");
			return -1;
		}
		if (val > (unsigned long long)INT_MAX) {
			vdb_why(why, whylen, "epoch in version is too big");
			return -1;
		}
		if (colon + 1 == e) {
			vdb_why(why, whylen, "nothing after colon in version number");
			return -1;
		}
		out->epoch = (long)val;
		s = colon + 1;
	}
	for (size_t i = s; i < e; i++)
		if (v[i] == '-')
			hyphen = i;
	out->up = v + s;
	out->upn = (hyphen == SIZE_MAX ? e : hyphen) - s;
	out->rev = hyphen == SIZE_MAX ? v + e : v + hyphen + 1;
	out->revn = hyphen == SIZE_MAX ? 0 : e - hyphen - 1;
	if (hyphen != SIZE_MAX && out->revn == 0) {
		vdb_why(why, whylen, "revision number is empty");
		return -1;
	}
	if (out->upn == 0) {
		vdb_why(why, whylen, "version number is empty");
		return -1;
	}
	return 0;
}

/* dpkg's weight of a non-digit: '~' before the end, the end (0), letters, then the rest. */
static int order(int c)
{
	if (vdb_isdigit(c))
		return 0;
	if (vdb_isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

/* dpkg's verrevcmp: alternating runs of non-digits (by order()) and digits (by value). */
static int verrevcmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an || j < bn) {
		int first_diff = 0;

		while ((i < an && !vdb_isdigit(a[i])) || (j < bn && !vdb_isdigit(b[j]))) {
			int ac = order(vdb_at(a, an, i)), bc = order(vdb_at(b, bn, j));

			if (ac != bc)
				return ac - bc;
			i++;
			j++;
		}
		while (i < an && a[i] == '0')
			i++;
		while (j < bn && b[j] == '0')
			j++;
		while (i < an && j < bn && vdb_isdigit(a[i]) && vdb_isdigit(b[j])) {
			if (!first_diff)
				first_diff = a[i] - b[j];
			i++;
			j++;
		}
		if (i < an && vdb_isdigit(a[i]))
			return 1;
		if (j < bn && vdb_isdigit(b[j]))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

static int dpkg_check(const char *v, size_t n, char *why, size_t whylen)
{
	struct dpkg_ver p;

	return dpkg_parse(v, n, &p, why, whylen);
}

static int dpkg_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	struct dpkg_ver x, y;
	char why[8];
	int r;

	if (dpkg_parse(a, an, &x, why, sizeof(why)) || dpkg_parse(b, bn, &y, why, sizeof(why)))
		return 0; /* not reached: both were checked */
	if (x.epoch != y.epoch)
		return x.epoch < y.epoch ? -1 : 1;
	r = verrevcmp(x.up, x.upn, y.up, y.upn);
	if (r)
		return r;
	return verrevcmp(x.rev, x.revn, y.rev, y.revn);
}

const struct vdb_ver_ops vdb_ver_dpkg = {dpkg_check, dpkg_cmp};
