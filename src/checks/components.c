/* components.c — checks of the components family: software outside the package managers
 * (servers installed by hand, language packages, web applications, JavaScript libraries) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <time.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "vulndb/eol.h"

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

/*
 * imgaudit carries no vulnerability feed for components yet: every one of them is NOT
 * EXAMINED for vulnerabilities, listed with its version and evidence (never a PASS). Returns
 * how many there were.
 */
static size_t not_examined(struct chk_ctx *ctx, comp_filter keep, const char *what)
{
	const struct inv_software *s = &ctx->facts->software;
	size_t n = 0;
	char label[600];

	chk_fact_issues(ctx, &s->issues);
	for (size_t i = 0; i < s->n; i++) {
		const struct inv_component *c = &s->v[i];

		if (!keep(c))
			continue;
		if (++n > COMP_MAX_LISTED)
			continue;
		comp_label(c, label, sizeof(label));
		chk_gap_clauses(ctx, ctx->cur->clause_list, false, c->path, 0,
				"%s: not examined for vulnerabilities: no advisory feed in this "
				"build covers it (version read from %s)",
				label, c->how);
	}
	if (n > COMP_MAX_LISTED)
		chk_gap(ctx, NULL, 0, "%zu more %s not examined for vulnerabilities (%zu in all)",
			n - COMP_MAX_LISTED, what, n);
	if (n == 0)
		chk_absent(ctx, "no %s outside the package managers on this image", what);
	return n;
}

/* ---- COMP-001: third-party software and language packages ---- */

static void run_third_party(struct chk_ctx *ctx)
{
	not_examined(ctx, is_third_party, "servers, runtimes or language packages");
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
	if (vdb_eol_load(false, &t, &err) < 0) {
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
	not_examined(ctx, is_web, "web applications, plugins or themes");
}

/* ---- COMP-004: JavaScript libraries in web roots ---- */

static void run_jslib(struct chk_ctx *ctx)
{
	not_examined(ctx, is_jslib, "JavaScript libraries in web roots");
}

static const struct chk_def components_checks[] = {
	{
		.id = "COMP-001",
		.title = "servers, runtimes and language packages outside the package managers "
			 "without known vulnerabilities",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-2.1a", "SR-3.4"),
		.examines =
			"software no package owns: PHP, MySQL/MariaDB, Tomcat, nginx, httpd, "
			"Node.js, Jetty, ProFTPD, Redis, OpenJDK, Python under /opt, /usr/local "
			"or a web root (their version files and binaries); npm package.json, "
			"Python dist-info/egg-info, jars (pom.properties, manifests, nested "
			"jars), Composer installed.json, Go build information",
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
			    "(endoflife.date); a product or version it does not list is not "
			    "examined",
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
			"versioned from their own files",
		.remediation = "update the application and its plugins and themes to their latest "
			       "secure releases",
		.run = run_web,
	},
	{
		.id = "COMP-004",
		.title = "JavaScript libraries in web roots without known vulnerabilities",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JK-JSLIB", "SR-3.4"),
		.examines = "jQuery, jQuery UI, jQuery Migrate, Bootstrap, AngularJS, lodash, "
			    "moment, Underscore, Backbone, Vue, React, Handlebars, Knockout, D3, "
			    "DOMPurify, TinyMCE files under /var/www, /srv, /opt, /usr/local and "
			    "other web roots, versioned from their banners",
		.remediation = "update the library to its current release, or serve it from a "
			       "maintained package",
		.run = run_jslib,
	},
};

const struct chk_family chk_family_components = {
	.name = "components",
	.checks = components_checks,
	.n_checks = IA_ARRAY_SIZE(components_checks),
};
