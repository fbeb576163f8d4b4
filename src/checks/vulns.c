/* vulns.c — checks of the vulns family: installed OS packages against the distribution's advisories
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "checks/families.h"
#include "facts/facts.h"
#include "vulndb/db.h"

#include "util/banned.h"

/*
 * OS packages are matched only with their distribution's own advisories (the Debian tracker,
 * Alpine secdb, the distributions' OSV records), keyed by the release and by the package name
 * the distribution's feed uses (Debian and Ubuntu: the source package, compared at its source
 * version; Alpine: the origin; rpm distributions: the binary package), so a backported fix is
 * judged by the distribution's fixed version, never by an upstream range.
 */

struct os_key {
	const char *eco; /* ecosystem key of vulndb */
	char rel[64];    /* release */
	enum inv_db db;  /* the package database of that distribution */
	const char *fix; /* the fix command's verb */
};

static const char *const debian_codenames[][2] = {
	{"buster", "10"}, {"bullseye", "11"}, {"bookworm", "12"},
	{"trixie", "13"}, {"forky", "14"},    {"sid", "sid"},
};

/* The first n dot-separated parts of v. */
static void major(const char *v, int parts, char *out, size_t n)
{
	size_t l = 0;

	for (int p = 0; v[l] && p < parts; p++) {
		if (p)
			l++;
		l += strcspn(v + l, ".");
	}
	snprintf(out, n, "%.*s", (int)l, v);
}

/* The distribution of the image as vulndb keys it; false for one imgaudit has no feed for. */
static bool os_key_of(const struct inv_os *os, struct os_key *k)
{
	const char *id = os->id;

	k->rel[0] = 0;
	if (strcmp(id, "debian") == 0) {
		*k = (struct os_key){"debian", "", INV_DB_DPKG, "apt-get install --only-upgrade"};
		if (os->version_id[0])
			major(os->version_id, 1, k->rel, sizeof(k->rel));
		for (size_t i = 0; !k->rel[0] && i < IA_ARRAY_SIZE(debian_codenames); i++)
			if (strcmp(os->codename, debian_codenames[i][0]) == 0)
				snprintf(k->rel, sizeof(k->rel), "%s", debian_codenames[i][1]);
	} else if (strcmp(id, "ubuntu") == 0) {
		*k = (struct os_key){"ubuntu", "", INV_DB_DPKG, "apt-get install --only-upgrade"};
		major(os->version_id, 2, k->rel, sizeof(k->rel));
	} else if (strcmp(id, "alpine") == 0) {
		*k = (struct os_key){"alpine", "", INV_DB_APK, "apk upgrade"};
		major(os->version_id, 2, k->rel, sizeof(k->rel));
	} else if (strcmp(id, "almalinux") == 0 || strcmp(id, "rocky") == 0 ||
		   strcmp(id, "rhel") == 0) {
		*k = (struct os_key){strcmp(id, "rhel") == 0 ? "redhat" : id, "", INV_DB_RPM,
				     "dnf update"};
		major(os->version_id, 1, k->rel, sizeof(k->rel));
	} else {
		return false;
	}
	return k->rel[0] != 0;
}

/* A group of installed packages built from one source at one version (dpkg), or one package. */
struct group {
	const struct inv_pkg *first;
	const char *key, *version; /* the name and version the feed is keyed by */
	size_t *idx;               /* the packages of the group */
	size_t n;
};

struct run {
	struct chk_ctx *ctx;
	struct os_key os;
	bool fixed_pass; /* VULN-001: fixed ones; VULN-002: the rest */
	const struct group *g;
	struct ia_buf seen; /* advisories reported for this group, "\n"-separated */
	struct ia_buf bins; /* the group's package names, space-separated */
	size_t found;
};

static enum fnd_sev sev_of(const char *s, bool fixed, bool count_unfixed)
{
	if (!fixed && !count_unfixed)
		return FND_SEV_INFO;
	if (strcmp(s, "critical") == 0)
		return FND_SEV_CRITICAL;
	if (strcmp(s, "high") == 0 || strcmp(s, "important") == 0)
		return FND_SEV_HIGH;
	if (strcmp(s, "low") == 0 || strcmp(s, "negligible") == 0 || strcmp(s, "unimportant") == 0)
		return FND_SEV_LOW;
	/* medium, and unknown ("not yet assigned"): a fix exists, it counts as medium */
	return FND_SEV_MEDIUM;
}

static int on_match(const struct vdb_match *m, void *arg)
{
	struct run *r = arg;
	const struct inv_pkg *p = r->g->first;
	bool fixed = strcmp(m->status, "fixed") == 0;
	char key[300], cmp[400], fix[IA_MAX_EVIDENCE], value[300];
	const char *bound = fixed ? m->fixed : m->last_affected;

	if (fixed != r->fixed_pass)
		return 0;
	snprintf(key, sizeof(key), "\n%s\n", m->advisory);
	if (r->seen.data && strstr(r->seen.data, key))
		return 0; /* the same advisory from another range or source */
	ia_buf_adds(&r->seen, key + 1);
	r->found++;
	if (bound[0])
		snprintf(cmp, sizeof(cmp), "%s %s %s %s (%s)", r->g->version,
			 m->cmp < 0    ? "<"
			 : m->cmp == 0 ? "="
				       : ">",
			 fixed ? "fixed" : "last affected", bound, vdb_eco_name(m->comparator));
	else
		snprintf(cmp, sizeof(cmp), "every version of %s:%s is affected (no fix released)",
			 m->ecosystem, m->release);
	snprintf(fix, sizeof(fix), "%s %s", r->os.fix, r->bins.data ? r->bins.data : p->name);
	snprintf(value, sizeof(value), "%s %s", r->g->key, r->g->version);
	const struct chk_detail d[] = {
		{"advisory", m->advisory},
		{"source", m->source},
		{"aliases", m->aliases},
		{"summary", m->summary},
		{"severity", m->severity},
		{"cvss", m->cvss},
		{"status", m->status},
		{"ecosystem", m->ecosystem},
		{"release", m->release},
		{"package", m->package},
		{"binary_packages", r->bins.data ? r->bins.data : p->name},
		{"installed", r->g->version},
		{"introduced", m->introduced},
		{"fixed", m->fixed},
		{"last_affected", m->last_affected},
		{"comparator", vdb_eco_name(m->comparator)},
		{"comparison", cmp},
		{"fix_command", fixed ? fix : ""},
	};
	enum fnd_sev sev = sev_of(m->severity, fixed, r->ctx->opts->count_unfixed);

	if (fixed)
		chk_report_detail(
			r->ctx, sev, d, IA_ARRAY_SIZE(d), p->db_path, p->db_line, value, fix,
			"%s (%s): %s %s is older than the fixed %s (%s), severity %s", m->advisory,
			m->source, m->package, r->g->version, m->fixed, vdb_eco_name(m->comparator),
			m->severity[0] ? m->severity : "unknown");
	else
		chk_report_detail(r->ctx, sev, d, IA_ARRAY_SIZE(d), p->db_path, p->db_line, value,
				  "no fix is released by the distribution yet: follow the advisory",
				  "%s (%s): %s %s is affected and %s:%s has no fix (status %s, "
				  "severity %s)",
				  m->advisory, m->source, m->package, r->g->version, m->ecosystem,
				  m->release, m->status, m->severity[0] ? m->severity : "unknown");
	return 0;
}

/* Order of packages in groups: by feed key, then version, then name. */
static const struct inv_pkg *sort_pkgs;
static bool sort_source;

static const char *pkg_key(const struct inv_pkg *p)
{
	return sort_source ? p->source : p->name;
}

static const char *pkg_ver(const struct inv_pkg *p)
{
	return sort_source ? p->source_version : p->version;
}

static int cmp_idx(const void *a, const void *b)
{
	const struct inv_pkg *x = &sort_pkgs[*(const size_t *)a],
			     *y = &sort_pkgs[*(const size_t *)b];
	int c = strcmp(pkg_key(x), pkg_key(y));

	if (!c)
		c = strcmp(pkg_ver(x), pkg_ver(y));
	return c ? c : strcmp(x->name, y->name);
}

static void match_group(struct run *r, struct group *g)
{
	const struct inv_facts *f = r->ctx->facts;
	struct ia_err err = {0};
	size_t bad = 0;
	int rc;

	r->g = g;
	ia_buf_reset(&r->seen);
	ia_buf_reset(&r->bins);
	ia_buf_adds(&r->seen, "\n");
	for (size_t i = 0; i < g->n; i++)
		ia_buf_addf(&r->bins, "%s%s", i ? " " : "", f->pkgs[g->idx[i]].name);
	rc = vdb_match(r->ctx->opts->vulndb, r->os.eco, r->os.rel, g->key, g->version, on_match, r,
		       &bad, &err);
	if (rc < 0)
		chk_gap(r->ctx, g->first->db_path, g->first->db_line,
			"%s %s was not matched against the advisories: %s", g->key, g->version,
			err.msg[0] ? err.msg : ia_strerror(rc));
	if (bad) {
		enum vdb_eco e = VDB_ECO_DPKG;

		(void)vdb_eco_comparator(r->os.eco, &e);
		chk_gap(r->ctx, NULL, 0,
			"%zu advisory entries of %s in the vulnerability database hold a version "
			"the "
			"%s comparator refuses: not matched",
			bad, g->key, vdb_eco_name(e));
	}
}

/* Matches every installed package of the distribution's database, in groups. */
static size_t match_all(struct run *r)
{
	const struct inv_facts *f = r->ctx->facts;
	size_t *idx = ia_xreallocarray(NULL, f->n_pkgs + 1, sizeof(*idx)), n = 0, groups = 0;

	for (size_t i = 0; i < f->n_pkgs; i++)
		if (f->pkgs[i].db == r->os.db && inv_pkg_on_disk(&f->pkgs[i]))
			idx[n++] = i;
	sort_pkgs = f->pkgs;
	sort_source = r->os.db != INV_DB_RPM;
	qsort(idx, n, sizeof(*idx), cmp_idx);
	for (size_t i = 0; i < n;) {
		const struct inv_pkg *p = &f->pkgs[idx[i]];
		struct group g = {p, pkg_key(p), pkg_ver(p), idx + i, 1};

		while (i + g.n < n && strcmp(pkg_key(&f->pkgs[idx[i + g.n]]), g.key) == 0 &&
		       strcmp(pkg_ver(&f->pkgs[idx[i + g.n]]), g.version) == 0)
			g.n++;
		match_group(r, &g);
		groups++;
		i += g.n;
	}
	free(idx);
	return groups;
}

static void run_vulns(struct chk_ctx *ctx, bool fixed_pass)
{
	const struct inv_facts *f = ctx->facts;
	struct run r = {.ctx = ctx, .fixed_pass = fixed_pass};
	int64_t entries;
	size_t groups;

	if (!ctx->opts || !ctx->opts->vulndb) {
		chk_gap(ctx, NULL, 0,
			"no vulnerability database (imgaudit db import FEED..., then scan --db "
			"FILE "
			"or IMGAUDIT_DB)");
		return;
	}
	if (!f->n_pkgs && !f->n_dbs) {
		chk_absent(ctx, "no package database on this image: no OS packages to match");
		return;
	}
	if (!os_key_of(&f->os, &r.os)) {
		chk_gap(ctx, NULL, 0,
			"no advisory source for the OS '%s %s': its packages were not matched",
			f->os.id[0] ? f->os.id : "unknown", f->os.version_id);
		return;
	}
	entries = vdb_release_entries(ctx->opts->vulndb, r.os.eco, r.os.rel, NULL);
	if (entries <= 0) {
		chk_gap(ctx, NULL, 0,
			"the vulnerability database holds no advisories for %s:%s (import its "
			"distribution's feed): not examined, never clean",
			r.os.eco, r.os.rel);
		return;
	}
	ia_buf_init(&r.seen, 1024 * 1024);
	ia_buf_init(&r.bins, IA_MAX_EVIDENCE - 64);
	groups = match_all(&r);
	ia_buf_release(&r.seen);
	ia_buf_release(&r.bins);
	chk_note(ctx, "%zu %s matched against %lld advisory entries for %s:%s: %zu %s", groups,
		 r.os.db == INV_DB_RPM ? "packages" : "source packages", (long long)entries,
		 r.os.eco, r.os.rel, r.found,
		 fixed_pass ? "fixed vulnerabilities still installed"
			    : "vulnerabilities without a fix from the distribution");
}

static void run_fixed(struct chk_ctx *ctx)
{
	run_vulns(ctx, true);
}

static void run_unfixed(struct chk_ctx *ctx)
{
	run_vulns(ctx, false);
}

static const struct chk_def vulns_checks[] = {
	{
		.id = "VULN-001",
		.title = "installed OS packages with a vulnerability their distribution has fixed",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-1.1c", "JD-1.3", "JD-4.1a-c", "AY-1.1.1", "AY-1.3",
				       "SR-3.4"),
		.examines =
			"the installed dpkg, apk and rpm packages against the distribution's "
			"own advisories in the vulnerability database (scan --db): Debian "
			"security tracker, Alpine secdb, OSV records of Debian, Ubuntu, Alpine, "
			"AlmaLinux, Rocky and Red Hat; keyed by release and source package, "
			"compared with the distribution's version order; each finding's severity "
			"is the advisory's (unknown counts as medium)",
		.remediation = "upgrade the package to the distribution's fixed version",
		.run = run_fixed,
	},
	{
		.id = "VULN-002",
		.title = "vulnerabilities the distribution has not fixed (open, no-DSA, ignored, "
			 "postponed)",
		.severity = FND_SEV_INFO,
		.clauses = CHK_CLAUSES("JD-1.1c", "JD-1.3", "JD-4.1a-c", "AY-1.1.1", "AY-1.3",
				       "SR-3.4"),
		.examines = "the same match as VULN-001 for advisories without a fixed version: "
			    "listed with the distribution's status and severity as info (nothing "
			    "to install fixes them); scan --count-unfixed gives them their "
			    "advisory's severity",
		.remediation = "no fix is released: follow the advisory, remove the package if "
			       "it is not needed",
		.run = run_unfixed,
	},
};

const struct chk_family chk_family_vulns = {
	.name = "vulns",
	.checks = vulns_checks,
	.n_checks = IA_ARRAY_SIZE(vulns_checks),
};
