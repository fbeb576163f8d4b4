/* import_dsa.c — Debian's DSA and DLA lists (security-tracker data/DSA/list, data/DLA/list) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <time.h>

#include "vulndb/db_internal.h"

#include "util/banned.h"

/*
 * The lists name, per advisory, the CVEs it fixes and the fixed version per release:
 *
 *   [29 Mar 2023] DSA-5380-1 xorg-server - security update
 *   	{CVE-2023-1393}
 *   	[bullseye] - xorg-server 2:1.20.11-1+deb11u6
 *
 * Stored as (advisory, CVE, release, source package, fixed version) rows, so that a CVE
 * matched from the tracker or OSV names the DSA or DLA that fixed it in that release.
 * Advisories without CVEs (regression updates) and release lines without a version
 * (<not-affected>, <unfixed>, <end-of-life>) give no row; unknown codenames and malformed lines
 * are counted as skipped.
 */

bool vdb_dsa_list_text(const char *d, size_t n)
{
	/* "[DD Mon YYYY] D?A-" */
	size_t i = 1;

	if (!d || n < 20 || d[0] != '[')
		return false;
	while (i < 3 && d[i] >= '0' && d[i] <= '9')
		i++;
	if (i == 1 || d[i] != ' ')
		return false;
	while (i < 16 && d[i] != ']')
		i++;
	return i < 16 && (strncmp(d + i, "] DSA-", 6) == 0 || strncmp(d + i, "] DLA-", 6) == 0);
}

struct dsa {
	char name[64], pkg[IA_MAX_VULN_ID + 1];
	char cves[4096]; /* space-separated */
	int64_t adv;     /* advisory row, 0 until stored */
};

/* "[date] NAME PKG - title" or "... -- title": name and package, false when not a header. */
static bool header(const char *l, struct dsa *a)
{
	const char *p = strchr(l, ']'), *n, *k;
	size_t nl, kl;

	if (l[0] != '[' || !p || p[1] != ' ')
		return false;
	n = p + 2;
	nl = strcspn(n, " ");
	if (nl < 5 || nl >= sizeof(a->name) || (strncmp(n, "DSA-", 4) && strncmp(n, "DLA-", 4)))
		return false;
	k = n + nl + strspn(n + nl, " ");
	kl = strcspn(k, " ");
	if (!kl || kl > IA_MAX_VULN_ID)
		return false;
	snprintf(a->name, sizeof(a->name), "%.*s", (int)nl, n);
	snprintf(a->pkg, sizeof(a->pkg), "%.*s", (int)kl, k);
	a->cves[0] = 0;
	a->adv = 0;
	return true;
}

/* "\t[codename] - pkg version": one row per CVE of the advisory. */
static int release_line(struct vdb_imp *im, struct dsa *a, const char *l, struct ia_err *err)
{
	char code[64], pkg[IA_MAX_VULN_ID + 1], ver[IA_MAX_VERSION + 1];
	const char *p = l + 1, *e = strchr(p, ']'), *rel;
	size_t pl, vl;

	if (!e || (size_t)(e - p) >= sizeof(code) || strncmp(e, "] - ", 4) != 0) {
		vdb_imp_skip(im,
			     "%s: a release line that does not read [codename] - package version",
			     a->name);
		return 0;
	}
	snprintf(code, sizeof(code), "%.*s", (int)(e - p), p);
	e += 4;
	pl = strcspn(e, " ");
	vl = e[pl] ? strcspn(e + pl + 1, " \t") : 0;
	if (!pl || pl > IA_MAX_VULN_ID || !vl || vl > IA_MAX_VERSION)
		return 0;
	snprintf(pkg, sizeof(pkg), "%.*s", (int)pl, e);
	snprintf(ver, sizeof(ver), "%.*s", (int)vl, e + pl + 1);
	if (ver[0] == '<')
		return 0; /* <not-affected>, <unfixed>, <end-of-life>: no fix to name */
	if (!(rel = vdb_debian_release(code))) {
		vdb_imp_skip(im, "%s: unknown release '%s'", a->name, code);
		return 0;
	}
	for (const char *c = a->cves; *c;) {
		size_t cl = strcspn(c, " ");
		char cve[64];

		snprintf(cve, sizeof(cve), "%.*s", (int)(cl < 63 ? cl : 63), c);
		if (cl && cl < 64 && strncmp(cve, "CVE-", 4) == 0) {
			int r = vdb_imp_dsa(im, a->name, cve, rel, pkg, ver, err);

			if (r < 0)
				return r;
		}
		c += cl + strspn(c + cl, " ");
	}
	return 0;
}

int vdb_import_dsa_list(struct vdb_imp *im, const char *d, size_t n, struct ia_err *err)
{
	struct dsa a = {0};
	bool have = false;
	size_t pos = 0;
	unsigned line = 0;
	int r = 0;

	while (!r && pos < n) {
		const char *nl = memchr(d + pos, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - (d + pos)) : n - pos;
		char l[8192];

		line++;
		if (len >= sizeof(l))
			return VDB_BAD(im, err, "line %u longer than %zu bytes", line,
				       sizeof(l) - 1);
		memcpy(l, d + pos, len);
		l[len] = 0;
		pos += len + 1;
		if (memchr(l, 0, len))
			return VDB_BAD(im, err, "line %u holds a NUL byte", line);
		if (l[0] == '[') {
			struct tm tm = {0};
			const char *e = strptime(l + 1, "%d %b %Y]", &tm);
			int64_t t = e ? (int64_t)timegm(&tm) : -1;

			if (t > im->data_date)
				im->data_date = t; /* the newest advisory: the date of the data */
			have = header(l, &a);
			if (!have)
				vdb_imp_skip(im, "line %u: not an advisory header", line);
		} else if (have && l[0] == '\t' && l[1] == '{') {
			const char *e = strchr(l, '}');

			snprintf(a.cves, sizeof(a.cves), "%.*s", e ? (int)(e - l - 2) : 0, l + 2);
		} else if (have && l[0] == '\t' && l[1] == '[') {
			r = release_line(im, &a, l + 1, err);
		}
	}
	return r;
}
