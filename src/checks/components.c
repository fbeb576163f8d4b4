/* components.c — checks of the components family: software outside the package managers
 * (servers installed by hand, language packages, web applications, JavaScript libraries) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <time.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "vulndb/db.h"
#include "vulndb/eol.h"
#include "vulndb/latest.h"

#include "util/banned.h"

/* Components listed one by one in the gaps of one check; past it, one gap counts the rest. */
#define COMP_MAX_LISTED 100

/* A component as a reviewer reads it: "wordpress 6.1.9 (webapp, generic)". */
static void comp_label(const struct inv_component *c, char *out, size_t n)
{
	snprintf(out, n, "%s %s (%s, %s)", c->name,
		 c->version[0] ? c->version : "(version unknown)", inv_comp_kind_name(c->kind),
		 c->ecosystem);
}

typedef bool (*comp_filter)(const struct inv_component *c);

static bool is_third_party(const struct inv_component *c)
{
	return c->kind == INV_COMP_SERVER || c->kind == INV_COMP_LIBRARY;
}

static bool is_web(const struct inv_component *c)
{
	return c->kind == INV_COMP_WEBAPP || c->kind == INV_COMP_PLUGIN ||
	       c->kind == INV_COMP_THEME;
}

static bool is_jslib(const struct inv_component *c)
{
	return c->kind == INV_COMP_JSLIB;
}

/* ---- matching components against the vulnerability database ---- */

/*
 * Language packages and bundled JavaScript libraries are matched against the upstream ranges
 * of the vulnerability database (OSV's npm, PyPI, Maven, Go and Packagist records, the Node.js
 * security WG's npm advisories), the Node.js runtime against the Node.js security WG's core
 * advisories. Everything else (web applications, plugins, themes, servers no feed covers) and
 * every component whose ecosystem the database holds nothing for, whose version is unknown or
 * does not parse, is NOT EXAMINED for vulnerabilities: a gap naming it, never clean.
 */

/* The database's ecosystem key and package name of a component; false when no feed covers
 * it. name is normalised as the feed writes it (PyPI: PEP 503). */
static bool comp_key(const struct inv_component *c, const char **eco, char *name, size_t n)
{
	static const char *const map[][2] = {
		{"npm", "npm"}, {"PyPI", "pypi"},           {"Maven", "maven"},
		{"Go", "go"},   {"Packagist", "packagist"},
	};

	*eco = NULL;
	if (c->kind == INV_COMP_SERVER && strcmp(c->name, "node.js") == 0) {
		*eco = "nodejs";
		snprintf(name, n, "node");
		return true;
	}
	if (c->kind != INV_COMP_LIBRARY && c->kind != INV_COMP_JSLIB)
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(map); i++)
		if (strcmp(c->ecosystem, map[i][0]) == 0)
			*eco = map[i][1];
	if (!*eco)
		return false;
	if (strcmp(*eco, "pypi") == 0) {
		size_t o = 0;

		for (const char *p = c->name; *p && o + 1 < n; p++) {
			if (*p == '-' || *p == '_' || *p == '.') {
				if (o && name[o - 1] == '-')
					continue;
				name[o++] = '-';
			} else {
				name[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			}
		}
		name[o] = 0;
	} else {
		snprintf(name, n, "%s", c->name);
	}
	return true;
}

/* What one component's match keeps. */
struct comp_run {
	struct chk_ctx *ctx;
	const struct inv_component *c;
	const char *eco, *pkg;
	const char *ver;    /* the version compared: c->version, or the Go toolchain's as SemVer */
	struct ia_buf seen; /* "\n"-separated advisory IDs and aliases reported for c */
	size_t found;
};

/* Whether the advisory (or one of its aliases) was reported for this component already;
 * records it otherwise. */
static bool comp_seen(struct comp_run *r, const struct vdb_match *m)
{
	char key[300];
	const char *a = m->aliases;

	snprintf(key, sizeof(key), "\n%s\n", m->advisory);
	if (strstr(r->seen.data, key))
		return true;
	while (*a) {
		size_t l = strcspn(a, " ");

		if (l && l < sizeof(key) - 3) {
			snprintf(key, sizeof(key), "\n%.*s\n", (int)l, a);
			if (strstr(r->seen.data, key))
				return true;
		}
		a += l + (a[l] == ' ');
	}
	ia_buf_addf(&r->seen, "%s\n", m->advisory);
	for (a = m->aliases; *a;) {
		size_t l = strcspn(a, " ");

		if (l)
			ia_buf_addf(&r->seen, "%.*s\n", (int)l, a);
		a += l + (a[l] == ' ');
	}
	return false;
}

/* The command or step that installs the fixed version. */
static void comp_fix(const struct comp_run *r, const char *fixed, char *out, size_t n)
{
	const struct inv_component *c = r->c;

	if (strcmp(r->eco, "nodejs") == 0)
		snprintf(out, n, "upgrade Node.js in %s to %s or later", c->dir, fixed);
	else if (c->kind == INV_COMP_JSLIB)
		snprintf(out, n, "replace %s with %s %s or later (npm install %s@%s)", c->path,
			 c->name, fixed, c->name, fixed);
	else if (strcmp(r->eco, "npm") == 0)
		snprintf(out, n, "npm install %s@%s (in %s)", c->name, fixed, c->dir);
	else if (strcmp(r->eco, "pypi") == 0)
		snprintf(out, n, "pip install '%s>=%s'", c->name, fixed);
	else if (strcmp(r->eco, "maven") == 0)
		snprintf(out, n,
			 "depend on %s:%s or later (pom.xml or build.gradle) and rebuild %s",
			 c->name, fixed, c->parent[0] ? c->parent : c->path);
	else if (strcmp(r->eco, "go") == 0 && strcmp(c->name, "stdlib") == 0)
		snprintf(out, n, "rebuild %s with Go %s or later", c->path, fixed);
	else if (strcmp(r->eco, "go") == 0)
		snprintf(out, n, "go get %s@v%s, then rebuild %s", c->name,
			 fixed[0] == 'v' ? fixed + 1 : fixed, c->path);
	else
		snprintf(out, n, "composer require '%s:^%s'", c->name, fixed);
}

/* The affected range as a reviewer reads it: ">=1.4.0, <3.0.0", "<=2.2.4", "every version". */
static void comp_range(const struct vdb_match *m, char *out, size_t n)
{
	bool intro = m->introduced[0] && strcmp(m->introduced, "0") != 0;
	const char *op = m->fixed[0] ? "<" : "<=",
		   *bound = m->fixed[0] ? m->fixed : m->last_affected;

	if (intro && bound[0])
		snprintf(out, n, ">=%s, %s%s", m->introduced, op, bound);
	else if (intro)
		snprintf(out, n, ">=%s", m->introduced);
	else if (bound[0])
		snprintf(out, n, "%s%s", op, bound);
	else
		snprintf(out, n, "every version");
}

static int comp_on_match(const struct vdb_match *m, void *arg)
{
	struct comp_run *r = arg;
	const struct inv_component *c = r->c;
	bool fixed = strcmp(m->status, "fixed") == 0 && m->fixed[0];
	const char *bound = m->fixed[0] ? m->fixed : m->last_affected;
	char cmp[400], fix[IA_MAX_EVIDENCE], value[400], range[300];

	if (comp_seen(r, m))
		return 0;
	r->found++;
	comp_range(m, range, sizeof(range));
	if (bound[0])
		snprintf(cmp, sizeof(cmp), "%s %s %s %s (%s)", r->ver,
			 m->cmp < 0    ? "<"
			 : m->cmp == 0 ? "="
				       : ">",
			 m->fixed[0] ? "fixed" : "last affected", bound,
			 vdb_eco_name(m->comparator));
	else
		snprintf(cmp, sizeof(cmp), "%s is at or after introduced %s (%s), no fix released",
			 r->ver, m->introduced, vdb_eco_name(m->comparator));
	if (fixed)
		comp_fix(r, m->fixed, fix, sizeof(fix));
	else
		snprintf(fix, sizeof(fix),
			 "no fixed version is known: follow the advisory, or remove %s", c->name);
	snprintf(value, sizeof(value), "%s %s", c->name, c->version);
	const struct chk_detail d[] = {
		{"advisory", m->advisory},
		{"source", m->source},
		{"aliases", m->aliases},
		{"summary", m->summary},
		{"severity", m->severity},
		{"cvss", m->cvss},
		{"published", m->published},
		{"status", fixed ? "fixed" : m->status},
		{"ecosystem", m->ecosystem},
		{"package", m->package},
		{"component_kind", inv_comp_kind_name(c->kind)},
		{"installed", c->version},
		{"version_from", c->how},
		{"affected_range", range},
		{"introduced", m->introduced},
		{"fixed", m->fixed},
		{"last_affected", m->last_affected},
		{"comparator", vdb_eco_name(m->comparator)},
		{"comparison", cmp},
		{"fix_command", fixed ? fix : ""},
	};
	enum fnd_sev sev = fam_vuln_sev(m->severity, fixed, r->ctx->opts->count_unfixed);

	if (fixed)
		chk_report_detail(
			r->ctx, sev, d, IA_ARRAY_SIZE(d), c->path, 0, value, fix,
			"%s (%s): %s %s (%s) is older than the fixed %s (%s), severity %s",
			m->advisory, m->source, c->name, c->version, m->ecosystem, m->fixed,
			vdb_eco_name(m->comparator), m->severity[0] ? m->severity : "unknown");
	else
		chk_report_detail(r->ctx, sev, d, IA_ARRAY_SIZE(d), c->path, 0, value, fix,
				  "%s (%s): %s %s (%s) is affected (%s) and no fixed version is "
				  "known, severity %s",
				  m->advisory, m->source, c->name, c->version, m->ecosystem, range,
				  m->severity[0] ? m->severity : "unknown");
	return 0;
}

/* Counts of one run over the components, and the database's entries per ecosystem (counted
 * once per run, not once per component). */
struct comp_tally {
	size_t matched, found, unexamined, listed;
	const char *eco[8];
	int64_t eco_entries[8];
	size_t n_eco;
};

/* Affected entries the database holds for eco (language ecosystems: release ""). */
static int64_t comp_entries(struct vdb *db, struct comp_tally *t, const char *eco,
			    struct ia_err *err)
{
	int64_t n;

	for (size_t i = 0; i < t->n_eco; i++)
		if (strcmp(t->eco[i], eco) == 0)
			return t->eco_entries[i];
	n = vdb_release_entries(db, eco, "", err);
	if (t->n_eco < IA_ARRAY_SIZE(t->eco)) {
		t->eco[t->n_eco] = eco;
		t->eco_entries[t->n_eco++] = n;
	}
	return n;
}

/* What no feed covers, as a reviewer reads it. */
static const char *comp_uncovered(const struct inv_component *c)
{
	switch (c->kind) {
	case INV_COMP_SERVER:
		return "this server or runtime";
	case INV_COMP_WEBAPP:
		return "web applications";
	case INV_COMP_PLUGIN:
		return "web application plugins";
	case INV_COMP_THEME:
		return "web application themes";
	case INV_COMP_LIBRARY:
		return "a library known only by its manifest or file name (no package ecosystem)";
	case INV_COMP_JSLIB:
		break;
	}
	return "this kind of component";
}

/* One component not examined for vulnerabilities, with the reason (listed up to
 * COMP_MAX_LISTED per check; the rest counted). */
static void comp_unexamined(struct chk_ctx *ctx, struct comp_tally *t,
			    const struct inv_component *c, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void comp_unexamined(struct chk_ctx *ctx, struct comp_tally *t,
			    const struct inv_component *c, const char *fmt, ...)
{
	char label[600], why[600];
	va_list ap;

	t->unexamined++;
	if (++t->listed > COMP_MAX_LISTED)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	comp_label(c, label, sizeof(label));
	chk_gap_clauses(ctx, ctx->cur->clause_list, false, c->path, 0,
			"%s: not examined for vulnerabilities: %s (version read from %s)", label,
			why, c->how);
}

/* The run of 1 to 9 digits at *p, advanced past it; false when there is none. */
static bool go_num(const char **p, size_t *len)
{
	const char *s = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	*len = (size_t)(*p - s);
	return *len > 0 && *len <= 9;
}

/*
 * The Go toolchain's version as the Go vulnerability database writes the standard library's
 * (SemVer, as golang/vulndb converts them): "1.20" (a .0 release before Go 1.21) is 1.20.0,
 * "1.21rc2" 1.21.0-rc.2, "1.9beta1" 1.9.0-beta.1; anything else as it is.
 */
static const char *go_semver(const char *v, char *out, size_t n)
{
	const char *p = v, *maj = v, *min, *kind, *pre;
	size_t lmaj, lmin, lkind = 0, lpre;

	if (!go_num(&p, &lmaj) || *p++ != '.')
		return v;
	min = p;
	if (!go_num(&p, &lmin))
		return v;
	if (!*p) {
		snprintf(out, n, "%.*s.%.*s.0", (int)lmaj, maj, (int)lmin, min);
		return out;
	}
	kind = p;
	if (strncmp(p, "rc", 2) == 0)
		lkind = 2;
	else if (strncmp(p, "beta", 4) == 0)
		lkind = 4;
	p += lkind;
	pre = p;
	if (!lkind || !go_num(&p, &lpre) || *p)
		return v;
	snprintf(out, n, "%.*s.%.*s.0-%.*s.%.*s", (int)lmaj, maj, (int)lmin, min, (int)lkind, kind,
		 (int)lpre, pre);
	return out;
}

/* One component against the database, or the reason it is not examined. */
static void comp_match(struct chk_ctx *ctx, struct comp_tally *t, const struct inv_component *c)
{
	struct vdb *db = ctx->opts ? ctx->opts->vulndb : NULL;
	struct comp_run r = {.ctx = ctx, .c = c};
	struct ia_err err = {0};
	char pkg[512], gover[80];
	size_t bad = 0;
	int64_t entries;
	int rc;

	if (!comp_key(c, &r.eco, pkg, sizeof(pkg))) {
		comp_unexamined(ctx, t, c, "no advisory feed imgaudit reads covers %s",
				comp_uncovered(c));
		return;
	}
	if (!db) {
		comp_unexamined(ctx, t, c,
				"no vulnerability database (imgaudit db import FEED..., then scan "
				"--db FILE or IMGAUDIT_DB)");
		return;
	}
	if (!c->version[0]) {
		comp_unexamined(ctx, t, c, "its version could not be read");
		return;
	}
	entries = comp_entries(db, t, r.eco, &err);
	if (entries <= 0) {
		comp_unexamined(ctx, t, c,
				entries < 0 ? "the vulnerability database could not be read"
					    : "the vulnerability database holds no %s advisories "
					      "(import them: OSV's %s data%s)",
				r.eco, c->ecosystem,
				strcmp(r.eco, "nodejs") == 0 || strcmp(r.eco, "npm") == 0
					? ", or the Node.js security WG's vuln/ directory"
					: "");
		return;
	}
	r.pkg = pkg;
	ia_buf_init(&r.seen, 1024 * 1024);
	ia_buf_adds(&r.seen, "\n");
	r.ver = c->version;
	if (strcmp(r.eco, "go") == 0 && strcmp(c->name, "stdlib") == 0)
		r.ver = go_semver(c->version, gover, sizeof(gover));
	rc = vdb_match(db, r.eco, "", pkg, r.ver, comp_on_match, &r, &bad, &err);
	ia_buf_release(&r.seen);
	if (rc == -IA_EUNSUPPORTED) {
		comp_unexamined(ctx, t, c, "imgaudit has no exact version comparator for %s",
				c->ecosystem);
		return;
	}
	if (rc < 0) {
		comp_unexamined(ctx, t, c, "%s", err.msg[0] ? err.msg : ia_strerror(rc));
		return;
	}
	if (bad)
		chk_gap(ctx, NULL, 0,
			"%zu advisory entries of %s %s in the vulnerability database hold a "
			"version "
			"the comparator refuses: not matched",
			bad, c->ecosystem, pkg);
	t->matched++;
	t->found += r.found;
}

/* Matches the components keep() selects; says what was examined and what not. */
static void comp_run_all(struct chk_ctx *ctx, comp_filter keep, const char *what)
{
	const struct inv_software *s = &ctx->facts->software;
	struct comp_tally t = {0};
	size_t n = 0;

	chk_fact_issues(ctx, &s->issues);
	for (size_t i = 0; i < s->n; i++) {
		if (!keep(&s->v[i]))
			continue;
		n++;
		comp_match(ctx, &t, &s->v[i]);
	}
	if (t.listed > COMP_MAX_LISTED)
		chk_gap(ctx, NULL, 0, "%zu more %s not examined for vulnerabilities (%zu in all)",
			t.listed - COMP_MAX_LISTED, what, t.unexamined);
	if (n == 0)
		chk_absent(ctx, "no %s outside the package managers on this image", what);
	else if (t.matched)
		chk_note(ctx,
			 "%zu of %zu %s matched against the vulnerability database: %zu "
			 "vulnerabilities",
			 t.matched, n, what, t.found);
}

/* ---- COMP-001: third-party software and language packages ---- */

static void run_third_party(struct chk_ctx *ctx)
{
	comp_run_all(ctx, is_third_party, "servers, runtimes or language packages");
}

/* ---- COMP-002: series past their end of life ---- */

/* The end-of-life table's key of a server component (names as facts/software.c gives them). */
static const char *eol_key(const char *name)
{
	return strcmp(name, "node.js") == 0 ? "nodejs" : name;
}

/* One server or runtime against the table: a finding when its series ended, a note when it is
 * supported, a gap when its version or its product is not known. */
static void eol_one(struct chk_ctx *ctx, const struct vdb_eol_table *t,
		    const struct inv_component *c, const char *today)
{
	const struct vdb_eol *e = NULL;
	char label[600], value[256];
	int r;

	comp_label(c, label, sizeof(label));
	if (!c->version[0]) {
		chk_gap_clauses(
			ctx, ctx->cur->clause_list, false, c->path, 0,
			"%s: its series is not examined: the version could not be read (%s)", label,
			c->how);
		return;
	}
	r = vdb_eol_lookup(t, eol_key(c->name), c->version, &e);
	if (r == -ENOENT || r == -ESRCH || r < 0) {
		chk_gap_clauses(ctx, ctx->cur->clause_list, false, c->path, 0,
				"%s: its series is not examined: %s", label,
				r == -ENOENT ? "no end-of-life data for this product"
					     : "the version belongs to no series the end-of-life "
					       "data lists");
		return;
	}
	if (vdb_eol_state(e, today) == VDB_EOL_SUPPORTED) {
		chk_note(ctx, "%s %s: series %s supported%s%s (%s)", c->name, c->version, e->cycle,
			 e->eol[0] ? " until " : "", e->eol, e->source);
		return;
	}
	char when[64];

	if (e->eol[0])
		snprintf(when, sizeof(when), "%s%s", r == 1 ? "no later than " : "", e->eol);
	else
		snprintf(when, sizeof(when), "at a date not given");
	snprintf(value, sizeof(value), "%s %s: series %s%s, end of life %s (%s)", c->name,
		 c->version, e->cycle, r == 1 ? " (the oldest listed; this version is older)" : "",
		 when, e->source);
	chk_report(ctx, c->path, 0, value, NULL,
		   "%s %s%s%s is past its end of life: %s %s %s ended %s (version read from %s)",
		   c->name, c->version, c->dir[0] ? " in " : "", c->dir, e->name,
		   r == 1 ? "series older than" : "series", e->cycle, when, c->how);
}

static void run_eol(struct chk_ctx *ctx)
{
	const struct inv_software *s = &ctx->facts->software;
	struct vdb_eol_table *t = NULL;
	struct ia_err err = {0};
	char today[11];
	int64_t now = ctx->opts && ctx->opts->now ? ctx->opts->now : (int64_t)time(NULL);
	size_t n = 0;

	chk_fact_issues(ctx, &s->issues);
	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].kind == INV_COMP_SERVER;
	if (n == 0) {
		chk_absent(ctx, "no server or runtime installed outside the package managers");
		return;
	}
	if (vdb_eol_load_db(ctx->opts ? ctx->opts->vulndb : NULL, false, &t, &err) < 0) {
		chk_gap(ctx, NULL, 0,
			"%zu servers or runtimes not examined: end-of-life data not "
			"read: %s",
			n, err.msg);
		return;
	}
	vdb_eol_day(now, today);
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == INV_COMP_SERVER)
			eol_one(ctx, t, &s->v[i], today);
	vdb_eol_free(t);
}

/* ---- COMP-003: web applications, their plugins and themes ---- */

static void run_web(struct chk_ctx *ctx)
{
	comp_run_all(ctx, is_web, "web applications, plugins or themes");
}

/* ---- COMP-004: JavaScript libraries in web roots ---- */

static void run_jslib(struct chk_ctx *ctx)
{
	comp_run_all(ctx, is_jslib, "JavaScript libraries in web roots");
}

/* ---- COMP-005: the latest release of each series (informational) ---- */

static void latest_one(struct chk_ctx *ctx, const struct vdb_eol_table *eol,
		       const struct vdb_latest_table *lt, const struct inv_component *c)
{
	const struct vdb_eol *e = NULL;
	const struct vdb_latest *l;
	char label[600], value[300], fix[300];
	int r, cmp = 0;

	comp_label(c, label, sizeof(label));
	if (!c->version[0]) {
		chk_gap(ctx, c->path, 0,
			"%s: not compared with its series' latest release: the version could not "
			"be read (%s)",
			label, c->how);
		return;
	}
	r = vdb_eol_lookup(eol, eol_key(c->name), c->version, &e);
	l = r == 0 ? vdb_latest_find(lt, e->key, e->cycle) : NULL;
	if (!l) {
		chk_gap(ctx, c->path, 0, "%s: not compared with its series' latest release: %s",
			label,
			r == -ENOENT ? "no release data for this product"
				     : "the release data lists no latest release for its series");
		return;
	}
	if (vdb_release_cmp(c->version, l->latest, &cmp) < 0) {
		chk_gap(ctx, c->path, 0,
			"%s: not compared with its series' latest release %s: the versions are not "
			"both plain release numbers",
			label, l->latest);
		return;
	}
	if (cmp >= 0) {
		chk_note(ctx, "%s %s: the latest release of series %s known to %s (%s)", c->name,
			 c->version, l->cycle, l->source, l->latest);
		return;
	}
	snprintf(value, sizeof(value), "%s %s < %s (latest of series %s, %s)", c->name, c->version,
		 l->latest, l->cycle, l->source);
	snprintf(fix, sizeof(fix), "update %s%s%s to %s, the latest release of its series %s",
		 c->name, c->dir[0] ? " in " : "", c->dir, l->latest, l->cycle);
	chk_report(ctx, c->path, 0, value, fix,
		   "%s %s is behind the latest release of its series %s: %s%s%s (version read "
		   "from %s)",
		   c->name, c->version, l->cycle, l->latest, l->date[0] ? " of " : "", l->date,
		   c->how);
}

static void run_latest(struct chk_ctx *ctx)
{
	const struct inv_software *s = &ctx->facts->software;
	struct vdb_eol_table *eol = NULL;
	struct vdb_latest_table *lt = NULL;
	struct ia_err err = {0};
	size_t servers = 0, others = 0;

	chk_fact_issues(ctx, &s->issues);
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].kind == INV_COMP_SERVER)
			servers++;
		else
			others++;
	}
	if (others)
		chk_gap(ctx, NULL, 0,
			"%zu language packages, JavaScript libraries, web applications, plugins or "
			"themes: not compared with the latest release of their series (imgaudit "
			"has release data for servers and runtimes only)",
			others);
	if (!servers) {
		if (!others)
			chk_absent(ctx, "no software outside the package managers on this image");
		return;
	}
	if (vdb_eol_load_db(ctx->opts ? ctx->opts->vulndb : NULL, false, &eol, &err) < 0 ||
	    vdb_latest_load_db(ctx->opts ? ctx->opts->vulndb : NULL, &lt, &err) < 0) {
		chk_gap(ctx, NULL, 0,
			"%zu servers or runtimes not compared with their series' latest release: "
			"release data not read: %s",
			servers, err.msg);
		vdb_eol_free(eol);
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].kind == INV_COMP_SERVER)
			latest_one(ctx, eol, lt, &s->v[i]);
	vdb_latest_free(lt);
	vdb_eol_free(eol);
}

static const struct chk_def components_checks[] = {
	{
		.id = "COMP-001",
		.title = "servers, runtimes and language packages outside the package managers "
			 "without known vulnerabilities",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-2.1a", "JD-4.1a-c", "SR-3.4"),
		.examines =
			"software no package owns: PHP, MySQL/MariaDB, Tomcat, nginx, httpd, "
			"Node.js, Jetty, ProFTPD, Redis, OpenJDK, Python under /opt, /usr/local "
			"or a web root (their version files and binaries); npm package.json, "
			"Python dist-info/egg-info, jars (pom.properties, manifests, nested "
			"jars), Composer installed.json, Go build information. Language packages "
			"are matched against the upstream ranges of the vulnerability database "
			"(scan --db: OSV's npm, PyPI, Maven, Go and Packagist records, the "
			"Node.js security WG's npm advisories) with their ecosystem's comparator "
			"(SemVer for npm and Go, PEP 440, Maven, Composer), the Node.js runtime "
			"against the "
			"Node.js security WG's core advisories; each finding has its advisory's "
			"severity (unknown counts as medium; without a fixed version: info unless "
			"--count-unfixed). Servers no feed covers, ecosystems the database holds "
			"nothing for and versions that do not parse (development branches among "
			"them) are NOT EXAMINED, each listed",
		.remediation =
			"update the component to a release without known vulnerabilities, or "
			"install it from the distribution's packages so that security updates "
			"reach it",
		.run = run_third_party,
	},
	{
		.id = "COMP-002",
		.title = "no server or runtime series past its end of life",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-2.1b"),
		.examines = "the series of each server or runtime found outside the package "
			    "managers against the end-of-life dates of data/eol/software.tsv "
			    "(endoflife.date), or the newer series db update stored in the "
			    "vulnerability database (scan --db); a product or version they do not "
			    "list is not examined",
		.remediation = "move to a maintained series of the software",
		.run = run_eol,
	},
	{
		.id = "COMP-003",
		.title = "web applications, plugins and themes without known vulnerabilities",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("AY-2.2.2a", "AY-2.2.2b", "AY-2.2.2c", "JD-2.1a", "SR-3.4"),
		.examines =
			"WordPress (core, plugins, themes), Drupal, Joomla, phpMyAdmin, Magento, "
			"Discuz!, MediaWiki, Roundcube, phpBB, Nextcloud wherever they sit, "
			"versioned from their own files; no feed imgaudit reads covers them, so "
			"each is NOT EXAMINED for vulnerabilities, listed with its version",
		.remediation = "update the application and its plugins and themes to their latest "
			       "secure releases",
		.run = run_web,
	},
	{
		.id = "COMP-004",
		.title = "JavaScript libraries in web roots without known vulnerabilities",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JK-JSLIB", "JD-4.1a-c", "SR-3.4"),
		.examines = "jQuery, jQuery UI, jQuery Migrate, Bootstrap, AngularJS, lodash, "
			    "moment, Underscore, Backbone, Vue, React, Handlebars, Knockout, D3, "
			    "DOMPurify, TinyMCE files under /var/www, /srv, /opt, /usr/local and "
			    "other web roots, versioned from their banners, matched by their npm "
			    "name against the npm advisories of the vulnerability database (scan "
			    "--db) as COMP-001 matches npm packages",
		.remediation = "update the library to its current release, or serve it from a "
			       "maintained package",
		.run = run_jslib,
	},
	{
		.id = "COMP-005",
		.title = "servers and runtimes on the latest release of their series",
		.severity = FND_SEV_INFO,
		.clauses = CHK_CLAUSES("JD-2.1c"),
		.examines = "the version of each server or runtime found outside the package "
			    "managers against the latest release of its series that "
			    "data/eol/latest.tsv (endoflife.date, as of its date) records, or the "
			    "newer endoflife.date data db update stored in the vulnerability "
			    "database, compared "
			    "as release numbers; informational. Language packages, JavaScript "
			    "libraries and web applications have no release data: NOT EXAMINED",
		.remediation = "update to the latest release of the series",
		.run = run_latest,
	},
};

const struct chk_family chk_family_components = {
	.name = "components",
	.checks = components_checks,
	.n_checks = IA_ARRAY_SIZE(components_checks),
};
