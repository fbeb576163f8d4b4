/* vulns.c — checks of the vulns family: installed OS packages against the distribution's advisories
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "checks/families.h"
#include "checks/fam_util.h"
#include "facts/facts.h"
#include "util/pool.h"
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
		{"debian_advisories", m->debian_advisories ? m->debian_advisories : ""},
		{"source", m->source},
		{"aliases", m->aliases},
		{"summary", m->summary},
		{"severity", m->severity},
		{"cvss", m->cvss},
		{"published", m->published},
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
	enum fnd_sev sev = fam_vuln_sev(m->severity, fixed, r->ctx->opts->count_unfixed);
	const char *dsa = m->debian_advisories ? m->debian_advisories : "";

	if (fixed)
		chk_report_detail(
			r->ctx, sev, d, IA_ARRAY_SIZE(d), p->db_path, p->db_line, value, fix,
			"%s%s%s%s (%s): %s %s is older than the fixed %s (%s), severity %s",
			m->advisory, dsa[0] ? " (" : "", dsa, dsa[0] ? ")" : "", m->source,
			m->package, r->g->version, m->fixed, vdb_eco_name(m->comparator),
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

/* One match held by the pass: the strings of struct vdb_match, copied. */
struct held {
	char *s[12]; /* advisory source aliases summary severity cvss status introduced fixed
			last_affected published debian_advisories */
	int cmp;
};

/* What the match of one group gave. */
struct group_res {
	struct group g;
	char *error; /* why it was not matched; NULL when it was */
	size_t bad;  /* entries of the database whose version the comparator refuses */
	size_t first, n_held;
};

/* The one match pass of an audit, shared by VULN-001 and VULN-002 (chk_family_shared). */
struct pass {
	const void *db, *facts; /* what it was made of */
	struct os_key os;
	size_t *idx;
	struct group_res *groups;
	size_t n_groups;
	struct held *held;
	size_t n_held, cap_held;
	struct ia_pool pool; /* the strings of held */
};

static void pass_free(void *arg)
{
	struct pass *p = arg;

	if (!p)
		return;
	ia_pool_release(&p->pool);
	for (size_t i = 0; i < p->n_groups; i++)
		free(p->groups[i].error);
	free(p->held);
	free(p->groups);
	free(p->idx);
	free(p);
}

static int hold(const struct vdb_match *m, void *arg)
{
	struct pass *p = arg;
	const char *v[] = {
		m->advisory,      m->source,     m->aliases,
		m->summary,       m->severity,   m->cvss,
		m->status,        m->introduced, m->fixed,
		m->last_affected, m->published,  m->debian_advisories ? m->debian_advisories : ""};
	struct held *h;

	_Static_assert(IA_ARRAY_SIZE(v) == IA_ARRAY_SIZE(((struct held *)0)->s),
		       "every string of a match is held");

	ia_grow(&p->held, sizeof(*p->held), p->n_held + 1, &p->cap_held);
	h = &p->held[p->n_held++];
	for (size_t k = 0; k < IA_ARRAY_SIZE(v); k++)
		h->s[k] = ia_pool_strdup(&p->pool, v[k]);
	h->cmp = m->cmp;
	return 0;
}

/* Matches every installed package of the distribution's database, in groups, once. */
static struct pass *match_all(struct chk_ctx *ctx, const struct os_key *os)
{
	const struct inv_facts *f = ctx->facts;
	struct pass *p = ia_xcalloc(1, sizeof(*p));
	size_t n = 0, cap = 0;

	p->db = ctx->opts->vulndb;
	p->facts = f;
	p->os = *os;
	p->idx = ia_xreallocarray(NULL, f->n_pkgs + 1, sizeof(*p->idx));
	for (size_t i = 0; i < f->n_pkgs; i++)
		if (f->pkgs[i].db == os->db && inv_pkg_on_disk(&f->pkgs[i]))
			p->idx[n++] = i;
	sort_pkgs = f->pkgs;
	sort_source = os->db != INV_DB_RPM;
	qsort(p->idx, n, sizeof(*p->idx), cmp_idx);
	for (size_t i = 0; i < n;) {
		const struct inv_pkg *pk = &f->pkgs[p->idx[i]];
		struct group_res *gr;
		struct ia_err err = {0};
		int rc;

		ia_grow(&p->groups, sizeof(*p->groups), p->n_groups + 1, &cap);
		gr = &p->groups[p->n_groups++];
		*gr = (struct group_res){.g = {pk, pkg_key(pk), pkg_ver(pk), p->idx + i, 1}};
		while (i + gr->g.n < n &&
		       strcmp(pkg_key(&f->pkgs[p->idx[i + gr->g.n]]), gr->g.key) == 0 &&
		       strcmp(pkg_ver(&f->pkgs[p->idx[i + gr->g.n]]), gr->g.version) == 0)
			gr->g.n++;
		gr->first = p->n_held;
		rc = vdb_match(ctx->opts->vulndb, os->eco, os->rel, gr->g.key, gr->g.version, hold,
			       p, &gr->bad, &err);
		gr->n_held = p->n_held - gr->first;
		if (rc < 0)
			gr->error = ia_xstrdup(err.msg[0] ? err.msg : ia_strerror(rc));
		i += gr->g.n;
	}
	return p;
}

/* The pass of this audit: VULN-001's, taken over by VULN-002 (made here when it runs alone). */
static const struct pass *get_pass(struct chk_ctx *ctx, const struct os_key *os)
{
	void **slot = chk_family_shared(ctx, pass_free);
	struct pass *p = slot ? *slot : NULL;

	if (p && p->db == ctx->opts->vulndb && p->facts == ctx->facts)
		return p;
	p = match_all(ctx, os);
	if (slot) {
		pass_free(*slot);
		*slot = p;
	}
	return p;
}

/* Reports the matches of one group that belong to this check. */
static void report_group(struct run *r, const struct pass *p, const struct group_res *gr)
{
	const struct inv_facts *f = r->ctx->facts;

	r->g = &gr->g;
	ia_buf_reset(&r->seen);
	ia_buf_reset(&r->bins);
	ia_buf_adds(&r->seen, "\n");
	for (size_t i = 0; i < gr->g.n; i++)
		ia_buf_addf(&r->bins, "%s%s", i ? " " : "", f->pkgs[gr->g.idx[i]].name);
	if (gr->error)
		chk_gap(r->ctx, gr->g.first->db_path, gr->g.first->db_line,
			"%s %s was not matched against the advisories: %s", gr->g.key,
			gr->g.version, gr->error);
	if (gr->bad) {
		enum vdb_eco e = VDB_ECO_DPKG;

		(void)vdb_eco_comparator(r->os.eco, &e);
		chk_gap(r->ctx, NULL, 0,
			"%zu advisory entries of %s in the vulnerability database hold a version "
			"the "
			"%s comparator refuses: not matched",
			gr->bad, gr->g.key, vdb_eco_name(e));
	}
	for (size_t i = gr->first; i < gr->first + gr->n_held; i++) {
		char *const *h = p->held[i].s;
		struct vdb_match m = {
			.advisory = h[0],
			.source = h[1],
			.aliases = h[2],
			.summary = h[3],
			.severity = h[4],
			.cvss = h[5],
			.status = h[6],
			.introduced = h[7],
			.fixed = h[8],
			.last_affected = h[9],
			.published = h[10],
			.debian_advisories = h[11],
			.ecosystem = r->os.eco,
			.release = r->os.rel,
			.package = gr->g.key,
			.cmp = p->held[i].cmp,
		};

		(void)vdb_eco_comparator(r->os.eco, &m.comparator);
		on_match(&m, r);
	}
}

static void run_vulns(struct chk_ctx *ctx, bool fixed_pass)
{
	const struct inv_facts *f = ctx->facts;
	struct run r = {.ctx = ctx, .fixed_pass = fixed_pass};
	const struct pass *p;
	int64_t entries;

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
	p = get_pass(ctx, &r.os);
	ia_buf_init(&r.seen, 1024 * 1024);
	ia_buf_init(&r.bins, IA_MAX_EVIDENCE - 64);
	for (size_t i = 0; i < p->n_groups; i++)
		report_group(&r, p, &p->groups[i]);
	ia_buf_release(&r.seen);
	ia_buf_release(&r.bins);
	chk_note(ctx, "%zu %s matched against %lld advisory entries for %s:%s: %zu %s", p->n_groups,
		 r.os.db == INV_DB_RPM ? "packages" : "source packages", (long long)entries,
		 r.os.eco, r.os.rel, r.found,
		 fixed_pass ? "fixed vulnerabilities still installed"
			    : "vulnerabilities without a fix from the distribution");
	if (!chk_family_shared(ctx, pass_free))
		pass_free((struct pass *)p);
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
