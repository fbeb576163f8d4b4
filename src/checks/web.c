/* web.c — checks of the web family: nginx and PHP as their configuration files will serve, and
 * what lies in the web roots (default pages, phpinfo, version-control and backup files) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings come from the nginx and PHP facts (facts/svc_web.c): nginx.conf with its
 * include files, each block a context with its parent, so that a directive is looked up where
 * nginx looks it up (the block, then the blocks around it). add_header follows nginx's rule: a
 * block with any add_header of its own inherits none from the blocks around it. Apache httpd
 * and Tomcat's configuration are not read yet: an image with them is not examined by these
 * checks (a gap says so) rather than passed.
 */

static void evf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void evf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

static const struct inv_conf *ngx(struct chk_ctx *ctx)
{
	return &ctx->facts->svc.nginx;
}

/* The first directive key directly in block b (-1: the main context). */
static const struct inv_conf_dir *at(const struct inv_conf *c, const char *key, int b)
{
	return inv_conf_first(c, key, b);
}

/* key as nginx finds it for block b: in b, else in the blocks around it. */
static const struct inv_conf_dir *inherited(const struct inv_conf *c, const char *key, int b)
{
	for (int x = b;; x = c->ctx[x].parent) {
		const struct inv_conf_dir *d = at(c, key, x);

		if (d || x < 0)
			return d;
	}
}

static bool is_block(const struct inv_conf *c, int b, const char *kind)
{
	return b >= 0 && strcmp(c->ctx[b].kind, kind) == 0;
}

/* Whether the image has a web server this family does not read yet; says so as a gap. */
static void unread_servers(struct chk_ctx *ctx)
{
	static const char *const confs[] = {"/etc/apache2/apache2.conf",
					    "/etc/httpd/conf/httpd.conf"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(confs); i++)
		if (fam_file(ctx, confs[i], NULL))
			chk_gap(ctx, NULL, 0,
				"Apache httpd configuration (%s) not examined: imgaudit does not "
				"read it yet",
				confs[i]);
}

/* nginx present (its issues reported); false when there is none (not said). */
static bool ngx_ready(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool unread = false;

	if (!c->found)
		return false;
	if (c->issues.len && !chk_fact_issues(ctx, &c->issues)) {
		for (size_t i = 0; i < c->issues.len; i++)
			unread |= c->issues.v[i].code != 0;
		chk_gap(ctx, unread ? c->main : NULL, 0,
			"nginx configuration read in part: %zu problem(s), listed under the first "
			"web check",
			c->issues.len);
	}
	return true;
}

static bool php_ready(struct chk_ctx *ctx)
{
	const struct inv_conf *c = &ctx->facts->svc.php;

	if (!c->found)
		return false;
	if (c->issues.len && !chk_fact_issues(ctx, &c->issues))
		chk_gap(ctx, NULL, 0,
			"PHP configuration read in part: %zu problem(s), listed under the first "
			"web check",
			c->issues.len);
	return true;
}

static void none(struct chk_ctx *ctx, bool any)
{
	unread_servers(ctx);
	if (!any)
		chk_absent(ctx, "no nginx or PHP configuration on this image");
}

/* A PHP ini boolean that is on: "1", "On", "Yes", "True" in any case (PHP's own reading). */
static bool php_on(const char *v)
{
	return strcasecmp(v, "1") == 0 || strcasecmp(v, "on") == 0 || strcasecmp(v, "yes") == 0 ||
	       strcasecmp(v, "true") == 0;
}

/* ---- WEB-001: version disclosure ---- */

static void run_version(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = false;

	if (ngx_ready(ctx)) {
		any = true;
		for (int b = -1; b < (int)c->n_ctx; b++) {
			const struct inv_conf_dir *d;
			char ev[IA_MAX_EVIDENCE];

			if (b >= 0 && !is_block(c, b, "http") && !is_block(c, b, "server") &&
			    !is_block(c, b, "location"))
				continue;
			d = at(c, "server_tokens", b);
			if (is_block(c, b, "http") && !d) {
				/* nginx's default is on, unless the main context sets it */
				if (inherited(c, "server_tokens", b))
					continue;
				chk_report(ctx, c->ctx[b].path, c->ctx[b].line,
					   "server_tokens not set (default on)", NULL,
					   "nginx sends its version in the Server header and error "
					   "pages: server_tokens not set (default on)");
				continue;
			}
			if (!d || strcmp(d->value, "off") == 0)
				continue;
			evf(ev, sizeof(ev), "server_tokens %s", d->value);
			chk_report(
				ctx, d->path, d->line, ev, NULL,
				"nginx sends its version in the Server header and error pages: %s",
				ev);
		}
	}
	if (php_ready(ctx)) {
		const struct inv_conf *p = &ctx->facts->svc.php;

		any = true;
		for (size_t s = 0; s < p->n_ctx; s++) {
			const struct inv_conf_dir *d = inv_conf_last(p, "expose_php", (int)s);

			/* php.ini-production sets Off; PHP's default without a php.ini is On */
			if (!d || !php_on(d->value))
				continue;
			chk_report(ctx, d->path, d->line, "expose_php = On", NULL,
				   "PHP (%s) sends X-Powered-By with its version: expose_php = %s",
				   p->ctx[s].args, d->value);
		}
	}
	none(ctx, any);
}

/* ---- WEB-002: security headers ---- */

static const char *const wanted[] = {"Content-Security-Policy", "X-Content-Type-Options",
				     "X-Frame-Options", "Referrer-Policy",
				     "Strict-Transport-Security"};

/* The block whose add_header lines apply to b (b, or the nearest block around it with any),
 * -2 when none has one. */
static int header_block(const struct inv_conf *c, int b)
{
	for (int x = b;; x = c->ctx[x].parent) {
		if (at(c, "add_header", x))
			return x;
		if (x < 0)
			return -2;
	}
}

static bool has_header(const struct inv_conf *c, int hb, const char *name)
{
	size_t nl = strlen(name);

	if (hb == -2)
		return false;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].ctx == hb && strcasecmp(c->v[i].key, "add_header") == 0 &&
		    strncasecmp(c->v[i].value, name, nl) == 0 &&
		    (c->v[i].value[nl] == ' ' || !c->v[i].value[nl]))
			return true;
	/* CSP frame-ancestors stands for X-Frame-Options */
	if (strcmp(name, "X-Frame-Options") == 0)
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].ctx == hb && strcasecmp(c->v[i].key, "add_header") == 0 &&
			    strncasecmp(c->v[i].value, "Content-Security-Policy", 23) == 0 &&
			    strstr(c->v[i].value, "frame-ancestors"))
				return true;
	return false;
}

/* Whether server block s listens with TLS. */
static bool server_tls(const struct inv_conf *c, int s)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];

		if (d->ctx != s)
			continue;
		if (strcmp(d->key, "listen") == 0 &&
		    (strstr(d->value, " ssl") || strncmp(d->value, "443", 3) == 0))
			return true;
		if (strcmp(d->key, "ssl") == 0 && strcmp(d->value, "on") == 0)
			return true;
	}
	return false;
}

/* The server block around b, or -1. */
static int server_of(const struct inv_conf *c, int b)
{
	while (b >= 0 && !is_block(c, b, "server"))
		b = c->ctx[b].parent;
	return b;
}

static void headers_of(struct chk_ctx *ctx, const struct inv_conf *c, int b, int server_hb)
{
	int hb = header_block(c, b), s = server_of(c, b);
	bool tls = s >= 0 && server_tls(c, s);
	char miss[IA_MAX_EVIDENCE] = "", ev[IA_MAX_EVIDENCE];
	size_t ml = 0;
	bool dropped = false;

	for (size_t i = 0; i < IA_ARRAY_SIZE(wanted); i++) {
		if (i == 4 && !tls)
			continue; /* HSTS only means something over TLS */
		if (has_header(c, hb, wanted[i]))
			continue;
		if (server_hb != -3 && has_header(c, server_hb, wanted[i]))
			dropped = true;
		ml += (size_t)snprintf(miss + ml, sizeof(miss) - ml, "%s%s", ml ? ", " : "",
				       wanted[i]);
		if (ml >= sizeof(miss))
			ml = sizeof(miss) - 1;
	}
	if (!ml || (server_hb != -3 && !dropped))
		return;
	if (server_hb != -3) {
		evf(ev, sizeof(ev), "location %s: its own add_header lines drop the server's %s",
		    c->ctx[b].args, miss);
		chk_report(ctx, c->ctx[b].path, c->ctx[b].line, ev, NULL,
			   "nginx does not send security headers in %s", ev);
		return;
	}
	evf(ev, sizeof(ev), "server %s: no add_header for %s",
	    at(c, "server_name", b) ? at(c, "server_name", b)->value : "(no server_name)", miss);
	chk_report(ctx, c->ctx[b].path, c->ctx[b].line, ev, NULL,
		   "nginx does not send security headers: %s", ev);
}

static void run_headers(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	for (int b = 0; any && b < (int)c->n_ctx; b++) {
		if (is_block(c, b, "server") && is_block(c, c->ctx[b].parent, "http")) {
			headers_of(ctx, c, b, -3);
		} else if (is_block(c, b, "location") && at(c, "add_header", b)) {
			int s = server_of(c, b);

			if (s >= 0)
				headers_of(ctx, c, b, header_block(c, c->ctx[b].parent));
		}
	}
	none(ctx, any);
}

/* ---- WEB-003: directory listings ---- */

static void run_autoindex(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	for (size_t i = 0; any && i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];
		char ev[IA_MAX_EVIDENCE];

		if (strcmp(d->key, "autoindex") != 0 || strcmp(d->value, "on") != 0)
			continue;
		evf(ev, sizeof(ev), "autoindex on%s%s", d->ctx >= 0 ? " in " : "",
		    d->ctx >= 0 ? c->ctx[d->ctx].kind : "");
		chk_report(ctx, d->path, d->line, ev, NULL,
			   "nginx lists the files of directories without an index: %s", ev);
	}
	none(ctx, any);
}

/* ---- WEB-004: TLS protocols and ciphers ---- */

static bool weak_cipher(const char *list, char *out, size_t cap)
{
	static const char *const bad[] = {"RC4",   "DES",   "MD5", "NULL",  "EXPORT", "EXP-",
					  "aNULL", "eNULL", "ADH", "AECDH", "SEED",   "IDEA"};
	const char *p = list;
	size_t o = 0;

	out[0] = '\0';
	while (*p) {
		size_t n = strcspn(p, ": ,");

		if (n && p[0] != '!' && p[0] != '-')
			for (size_t i = 0; i < IA_ARRAY_SIZE(bad); i++) {
				char tok[128];

				evf(tok, sizeof(tok), "%.*s", (int)n, p);
				if (strstr(tok, bad[i]) && o + n + 2 < cap) {
					o += (size_t)snprintf(out + o, cap - o, "%s%s",
							      o ? ":" : "", tok);
					break;
				}
			}
		p += n;
		while (*p == ':' || *p == ' ' || *p == ',')
			p++;
	}
	return o > 0;
}

static void run_tls(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	for (int s = 0; any && s < (int)c->n_ctx; s++) {
		const struct inv_conf_dir *pr, *ci;
		char ev[IA_MAX_EVIDENCE], weak[256];
		const char *path;
		unsigned line;

		if (!is_block(c, s, "server") || !server_tls(c, s))
			continue;
		pr = inherited(c, "ssl_protocols", s);
		path = pr ? pr->path : c->ctx[s].path;
		line = pr ? pr->line : c->ctx[s].line;
		/* nginx 1.22's default (Debian 12) still allows TLSv1 and TLSv1.1 */
		if (!pr || strstr(pr->value, "SSLv") || strstr(pr->value, "TLSv1 ") ||
		    strstr(pr->value, "TLSv1.1") ||
		    (strlen(pr->value) >= 5 &&
		     strcmp(pr->value + strlen(pr->value) - 5, "TLSv1") == 0)) {
			evf(ev, sizeof(ev), "ssl_protocols %s",
			    pr ? pr->value : "not set (default TLSv1 TLSv1.1 TLSv1.2 TLSv1.3)");
			chk_report(ctx, path, line, ev, NULL,
				   "nginx server at %s line %u accepts obsolete TLS versions: %s",
				   c->ctx[s].path, c->ctx[s].line, ev);
		}
		ci = inherited(c, "ssl_ciphers", s);
		if (ci && weak_cipher(ci->value, weak, sizeof(weak))) {
			evf(ev, sizeof(ev), "ssl_ciphers %s", ci->value);
			chk_report(ctx, ci->path, ci->line, ev, NULL,
				   "nginx offers weak TLS ciphers: %s", weak);
		}
	}
	none(ctx, any);
}

/* ---- web roots: WEB-005 default content, WEB-006 artefacts ---- */

#define MAX_ROOTS 64

struct roots {
	char v[MAX_ROOTS][IA_MAX_PATH];
	size_t n;
};

/* true when a (an bytes) is b or under it */
static bool under(const char *a, size_t an, const char *b)
{
	size_t bl = strlen(b);

	return an >= bl && strncmp(a, b, bl) == 0 && (an == bl || a[bl] == '/' || bl == 1);
}

/* Adds p unless a listed root holds it; drops the listed roots it holds. */
static void add_root(struct roots *r, const char *p)
{
	size_t pl = strlen(p), o = 0;

	while (pl > 1 && p[pl - 1] == '/')
		pl--;
	for (size_t i = 0; i < r->n; i++)
		if (under(p, pl, r->v[i]))
			return;
	for (size_t i = 0; i < r->n; i++) {
		char tmp[IA_MAX_PATH];

		evf(tmp, sizeof(tmp), "%.*s", (int)pl, p);
		if (!under(r->v[i], strlen(r->v[i]), tmp))
			memmove(r->v[o++], r->v[i], IA_MAX_PATH);
	}
	r->n = o;
	if (r->n < MAX_ROOTS)
		evf(r->v[r->n++], IA_MAX_PATH, "%.*s", (int)pl, p);
}

static void web_roots(struct chk_ctx *ctx, struct roots *r)
{
	static const char *const fixed[] = {"/var/www", "/srv/www"};
	const struct inv_conf *c = ngx(ctx);

	r->n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, "root") == 0 && c->v[i].value[0] == '/')
			add_root(r, c->v[i].value);
	for (size_t i = 0; i < IA_ARRAY_SIZE(fixed); i++) {
		const struct tgt_entry *e;

		if (tgt_lookup(ctx->tgt, fixed[i], 0, &e) == 0 && S_ISDIR(e->mode))
			add_root(r, fixed[i]);
	}
}

/* The default pages of packages, by a phrase of their text. */
static const struct {
	const char *phrase, *what;
} default_pages[] = {
	{"<title>Welcome to nginx!</title>", "nginx's default page"},
	{"Apache2 Debian Default Page", "Apache's Debian default page"},
	{"Apache2 Ubuntu Default Page", "Apache's Ubuntu default page"},
	{"<h1>It works!</h1>", "Apache's default page"},
	{"you've setup Tomcat successfully", "Tomcat's default page"},
	{"Test Page for the Apache HTTP Server", "Apache's RHEL test page"},
};

static void default_file(struct chk_ctx *ctx, const struct tgt_entry *e)
{
	const char *base = fam_basename(e->path);
	size_t bl = strlen(base);
	char head[8192 + 1];
	ssize_t n;

	if (!S_ISREG(e->mode))
		return;
	if (bl > 4 && strcmp(base + bl - 4, ".php") == 0) {
		n = tgt_pread(ctx->tgt, e, head, sizeof(head) - 1, 0);
		if (n > 0) {
			head[n] = '\0';
			if (e->size < 4096 && strstr(head, "phpinfo("))
				chk_report(ctx, e->path, 0, "phpinfo()", NULL,
					   "phpinfo page in a web root: %s shows the PHP "
					   "configuration and environment to anyone",
					   e->path);
		}
		return;
	}
	if (bl < 5 || (strncmp(base, "index.", 6) != 0))
		return;
	n = tgt_pread(ctx->tgt, e, head, sizeof(head) - 1, 0);
	if (n <= 0)
		return;
	head[n] = '\0';
	for (size_t i = 0; i < IA_ARRAY_SIZE(default_pages); i++)
		if (strstr(head, default_pages[i].phrase)) {
			chk_report(ctx, e->path, 0, default_pages[i].phrase, NULL,
				   "default page left in a web root: %s (%s)", e->path,
				   default_pages[i].what);
			return;
		}
}

static void tomcat_apps(struct chk_ctx *ctx)
{
	static const char *const apps[] = {"examples", "docs", "manager", "host-manager"};
	size_t b, e;

	if (tgt_subtree(ctx->tgt, "/var/lib", &b, &e) < 0)
		return;
	for (size_t i = b; i < e; i++) {
		const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
		const char *p = ent->path + strlen("/var/lib/");

		/* /var/lib/tomcatN/webapps/APP */
		if (strncmp(p, "tomcat", 6) != 0)
			continue;
		if (S_ISREG(ent->mode) && strstr(p, "/webapps/ROOT/index.") &&
		    !strchr(strstr(p, "/webapps/ROOT/index.") + 14, '/'))
			default_file(ctx, ent);
		if (!S_ISDIR(ent->mode))
			continue;
		for (size_t a = 0; a < IA_ARRAY_SIZE(apps); a++) {
			const char *w = strstr(p, "/webapps/");

			if (w && strcmp(w + 9, apps[a]) == 0)
				chk_report(ctx, ent->path, 0, apps[a], NULL,
					   "Tomcat sample or administration application deployed: "
					   "%s",
					   ent->path);
		}
	}
}

static void run_defaults(struct chk_ctx *ctx)
{
	struct roots *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	web_roots(ctx, r);
	for (size_t k = 0; k < r->n; k++) {
		size_t b, e;

		if (tgt_subtree(ctx->tgt, r->v[k], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++)
			default_file(ctx, tgt_at(ctx->tgt, i));
	}
	tomcat_apps(ctx);
	if (r->n)
		chk_note(ctx, "%zu web root(s) read", r->n);
	else if (!ngx(ctx)->found)
		chk_absent(ctx, "no web root (/var/www, /srv/www, an nginx root) on this image");
	free(r);
}

static bool artefact(const char *base, bool dir)
{
	static const char *const dirs[] = {".git", ".svn", ".hg", ".bzr", "CVS", "_darcs"};
	static const char *const files[] = {".DS_Store", ".gitignore", ".env", "Thumbs.db"};
	static const char *const suffixes[] = {"~",    ".bak",  ".swp", ".swo",
					       ".old", ".orig", ".save"};
	size_t bl = strlen(base);

	for (size_t i = 0; dir && i < IA_ARRAY_SIZE(dirs); i++)
		if (strcmp(base, dirs[i]) == 0)
			return true;
	if (dir)
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(files); i++)
		if (strcmp(base, files[i]) == 0)
			return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(suffixes); i++) {
		size_t sl = strlen(suffixes[i]);

		if (bl > sl && strcmp(base + bl - sl, suffixes[i]) == 0)
			return true;
	}
	return false;
}

static void run_artefacts(struct chk_ctx *ctx)
{
	struct roots *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	web_roots(ctx, r);
	for (size_t k = 0; k < r->n; k++) {
		size_t b, e;

		if (tgt_subtree(ctx->tgt, r->v[k], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
			bool dir = S_ISDIR(ent->mode);
			size_t sb, se;

			if (!artefact(fam_basename(ent->path), dir))
				continue;
			chk_report(ctx, ent->path, 0, fam_basename(ent->path), NULL,
				   "%s in a web root: %s",
				   dir ? "version-control data" : "editor, backup or metadata file",
				   ent->path);
			/* what the directory holds is the same finding */
			if (dir && tgt_subtree(ctx->tgt, ent->path, &sb, &se) == 0 && se > 0)
				i = se - 1;
		}
	}
	if (r->n)
		chk_note(ctx, "%zu web root(s) read", r->n);
	else
		chk_absent(ctx, "no web root (/var/www, /srv/www, an nginx root) on this image");
	free(r);
}

/* ---- WEB-007: PHP settings ---- */

static void run_php(struct chk_ctx *ctx)
{
	static const char *const keys[] = {"display_errors", "allow_url_include",
					   "display_startup_errors"};
	const struct inv_conf *p = &ctx->facts->svc.php;

	if (!php_ready(ctx)) {
		chk_absent(ctx, "no php.ini of a served PHP (fpm, apache2, cgi) on this image");
		return;
	}
	for (size_t s = 0; s < p->n_ctx; s++)
		for (size_t k = 0; k < IA_ARRAY_SIZE(keys); k++) {
			const struct inv_conf_dir *d = inv_conf_last(p, keys[k], (int)s);
			char ev[IA_MAX_EVIDENCE];

			if (!d || !(php_on(d->value) || strcasecmp(d->value, "stdout") == 0 ||
				    strcasecmp(d->value, "stderr") == 0))
				continue;
			evf(ev, sizeof(ev), "%s = %s", keys[k], d->value);
			chk_report(ctx, d->path, d->line, ev, NULL, "PHP (%s): %s%s",
				   p->ctx[s].args, ev,
				   k == 1 ? ": include() can run code from a URL"
					  : ": errors with paths and queries go to visitors");
		}
}

#define NGINX_FILES "/etc/nginx/nginx.conf and its include files (blocks inherited as nginx does)"

static const struct chk_def web_checks[] = {
	{
		.id = "WEB-001",
		.title = "web server discloses its version",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.11"),
		.examines = "nginx server_tokens (default on) in " NGINX_FILES
			    "; PHP expose_php in php.ini and conf.d of fpm, apache2, cgi",
		.remediation = "Set server_tokens off; in the http block of nginx.conf, and "
			       "expose_php = Off in php.ini",
		.run = run_version,
	},
	{
		.id = "WEB-002",
		.title = "HTTP security headers not sent",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.4"),
		.examines = "add_header of each nginx server (and of locations with their own, "
			    "which inherit none): Content-Security-Policy, X-Content-Type-Options, "
			    "X-Frame-Options (or CSP frame-ancestors), Referrer-Policy, and "
			    "Strict-Transport-Security for TLS servers, in " NGINX_FILES,
		.remediation = "Add to the server block (and repeat in every location that has its "
			       "own add_header): add_header Content-Security-Policy \"default-src "
			       "'self'\" always; add_header X-Content-Type-Options nosniff always; "
			       "add_header X-Frame-Options DENY always; add_header Referrer-Policy "
			       "strict-origin-when-cross-origin always; add_header "
			       "Strict-Transport-Security \"max-age=31536000\" always;",
		.run = run_headers,
	},
	{
		.id = "WEB-003",
		.title = "directory listing enabled",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.2"),
		.examines = "nginx autoindex in " NGINX_FILES,
		.remediation = "Remove autoindex on; (nginx's default is off)",
		.run = run_autoindex,
	},
	{
		.id = "WEB-004",
		.title = "obsolete TLS versions or weak ciphers in a web server",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.3", "SR-5.3"),
		.examines =
			"ssl_protocols (nginx 1.22's default allows TLSv1 and TLSv1.1) and "
			"ssl_ciphers of each nginx server that listens with ssl, in " NGINX_FILES,
		.remediation = "Set ssl_protocols TLSv1.2 TLSv1.3; and leave ssl_ciphers at its "
			       "default or a modern list (no RC4, DES, 3DES, MD5, NULL, EXPORT)",
		.run = run_tls,
	},
	{
		.id = "WEB-005",
		.title = "default or sample content in a web root",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.5"),
		.examines =
			"index.* pages of nginx, Apache and Tomcat packages, phpinfo() pages "
			"under /var/www, /srv/www and nginx roots; Tomcat "
			"examples, docs, manager and host-manager under /var/lib/tomcat*/webapps",
		.remediation = "Remove the default pages, phpinfo files and sample or "
			       "administration applications from the image; deploy only the "
			       "application",
		.run = run_defaults,
	},
	{
		.id = "WEB-006",
		.title = "version-control, backup or editor files in a web root",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = ".git, .svn, .hg, .bzr, CVS, _darcs directories; .DS_Store, .env, "
			    ".gitignore, Thumbs.db; *~, *.bak, *.swp, *.swo, *.old, *.orig, *.save "
			    "under /var/www, /srv/www and nginx roots",
		.remediation = "Deploy from a clean export (git archive), not a working copy; "
			       "remove backup and editor files from the web root",
		.run = run_artefacts,
	},
	{
		.id = "WEB-007",
		.title = "PHP shows errors to visitors or includes code from URLs",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.2"),
		.examines = "display_errors, display_startup_errors, allow_url_include in php.ini "
			    "and conf.d/*.ini of fpm, apache2 and cgi (the last value wins)",
		.remediation = "Set display_errors = Off, display_startup_errors = Off and "
			       "allow_url_include = Off (php.ini-production's values); log errors "
			       "instead",
		.run = run_php,
	},
};
const struct chk_family chk_family_web = {
	.name = "web",
	.checks = web_checks,
	.n_checks = IA_ARRAY_SIZE(web_checks),
};
