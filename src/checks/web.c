/* web.c — checks of the web family: nginx and PHP as their configuration files will serve, and
 * what lies in the web roots (default pages, phpinfo, version-control and backup files) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/weakpw.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings come from the nginx and PHP facts (facts/svc_web.c): nginx.conf with its
 * include files, each block a context with its parent, so that a directive is looked up where
 * nginx looks it up (the block, then the blocks around it). add_header follows nginx's rule: a
 * block with any add_header of its own inherits none from the blocks around it. Apache httpd's
 * come from facts/svc_httpd.c (apache2.conf or httpd.conf with its includes, <IfModule> and
 * <IfDefine> decided): each <VirtualHost> is judged with the server-wide directives it inherits
 * (the main server when there is none).
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

/*
 * The configuration c of a web server (what: its name) is present, and its parsing problems
 * are reported once: a gap naming the main file when one was not read (name_file), the
 * problems listed under the first web check. false when there is none (not said).
 */
static bool conf_ready(struct chk_ctx *ctx, const struct inv_conf *c, const char *what,
		       bool name_file)
{
	bool unread = false;

	if (!c->found)
		return false;
	if (c->issues.len && !chk_fact_issues(ctx, &c->issues)) {
		for (size_t i = 0; i < c->issues.len; i++)
			unread |= c->issues.v[i].code != 0;
		chk_gap(ctx, name_file && unread ? c->main : NULL, 0,
			"%s configuration read in part: %zu problem(s), listed under the first "
			"web check",
			what, c->issues.len);
	}
	return true;
}

static bool ngx_ready(struct chk_ctx *ctx)
{
	return conf_ready(ctx, ngx(ctx), "nginx", true);
}

static bool php_ready(struct chk_ctx *ctx)
{
	return conf_ready(ctx, &ctx->facts->svc.php, "PHP", false);
}

static void none(struct chk_ctx *ctx, bool any)
{
	if (!any)
		chk_absent(ctx, "no nginx, Apache httpd or PHP configuration on this image");
}

/* ---- Apache httpd ---- */

static const struct inv_conf *ht(struct chk_ctx *ctx)
{
	return &ctx->facts->svc.httpd;
}

static bool ht_ready(struct chk_ctx *ctx)
{
	return conf_ready(ctx, ht(ctx), "Apache httpd", true);
}

static bool ht_is(const struct inv_conf *c, int b, const char *kind)
{
	return b >= 0 && strcasecmp(c->ctx[b].kind, kind) == 0;
}

/* The servers httpd answers with: each <VirtualHost>, or the main server (-1) when none. The
 * count; their contexts in out. */
static size_t ht_servers(const struct inv_conf *c, int *out, size_t cap)
{
	size_t n = 0;

	for (size_t b = 0; b < c->n_ctx && n < cap; b++)
		if (ht_is(c, (int)b, "VirtualHost"))
			out[n++] = (int)b;
	if (n == 0)
		out[n++] = -1;
	return n;
}

/* A server-wide directive as server s (-1: the main server) has it: its own last, else the
 * main server's last. */
static const struct inv_conf_dir *ht_server(const struct inv_conf *c, const char *key, int s)
{
	const struct inv_conf_dir *d = s >= 0 ? inv_conf_last(c, key, s) : NULL;

	return d ? d : inv_conf_last(c, key, -1);
}

/* Whether a LoadModule of name ("php", "cgid") is read (a prefix: "php" matches php7, php8). */
static const struct inv_conf_dir *ht_module(const struct inv_conf *c, const char *name)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i < c->n; i++)
		if (strcasecmp(c->v[i].key, "LoadModule") == 0 &&
		    strncmp(c->v[i].value, name, nl) == 0 &&
		    (strncmp(c->v[i].value + nl, "_module", 7) == 0 ||
		     (c->v[i].value[nl] >= '0' && c->v[i].value[nl] <= '9')))
			return &c->v[i];
	return NULL;
}

static bool ht_tls(const struct inv_conf *c, int s)
{
	const struct inv_conf_dir *d = ht_server(c, "SSLEngine", s);

	return d && strcasecmp(d->value, "on") == 0;
}

/* Where a server is: its <VirtualHost> line, or the main file. */
static void ht_where(struct chk_ctx *ctx, int s, const char **path, unsigned *line, char *name,
		     size_t cap)
{
	const struct inv_conf *c = ht(ctx);

	*path = s >= 0 ? c->ctx[s].path : c->main;
	*line = s >= 0 ? c->ctx[s].line : 0;
	if (s >= 0)
		evf(name, cap, "<VirtualHost %s>", c->ctx[s].args);
	else
		evf(name, cap, "the main server");
}

/* A PHP ini boolean that is on: "1", "On", "Yes", "True" in any case (PHP's own reading). */
static bool php_on(const char *v)
{
	return strcasecmp(v, "1") == 0 || strcasecmp(v, "on") == 0 || strcasecmp(v, "yes") == 0 ||
	       strcasecmp(v, "true") == 0;
}

/* ---- WEB-001: version disclosure ---- */

static void ht_version(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ht(ctx);
	const struct inv_conf_dir *d = inv_conf_last(c, "ServerTokens", -1);
	char ev[IA_MAX_EVIDENCE];

	/* ServerTokens is server-wide (the last one wins); Full by default */
	if (!d)
		chk_report(ctx, c->main, 0, "ServerTokens not set (default Full)", NULL,
			   "Apache httpd sends its version and modules in the Server header: "
			   "ServerTokens not set (default Full)");
	else if (strcasecmp(d->value, "Prod") != 0 && strcasecmp(d->value, "ProductOnly") != 0) {
		evf(ev, sizeof(ev), "ServerTokens %s", d->value);
		chk_report(ctx, d->path, d->line, ev, NULL,
			   "Apache httpd sends its version in the Server header: %s", ev);
	}
	/* ServerSignature: the last in each context; Off by default */
	for (int b = -1; b < (int)c->n_ctx; b++) {
		d = inv_conf_last(c, "ServerSignature", b);
		if (!d || strcasecmp(d->value, "Off") == 0)
			continue;
		evf(ev, sizeof(ev), "ServerSignature %s", d->value);
		chk_report(ctx, d->path, d->line, ev, NULL,
			   "Apache httpd signs its error pages and listings with its version: %s",
			   ev);
	}
}

static void tomcat_version(struct chk_ctx *ctx, bool *any);

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
	if (ht_ready(ctx)) {
		any = true;
		ht_version(ctx);
	}
	tomcat_version(ctx, &any);
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

/* ---- Tomcat: server.xml, tomcat-users.xml, context descriptors ---- */

struct tc_dirs {
	char v[IA_MAX_TOMCAT_DIRS][IA_MAX_PATH];
	size_t n;
};

static void tc_dir(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct tc_dirs *d = arg;
	const char *b = fam_basename(e->path);
	const struct tgt_entry *x;

	if (!S_ISDIR(e->mode) || d->n >= IA_MAX_TOMCAT_DIRS)
		return;
	if (strncmp(e->path, "/etc/", 5) == 0 && strncmp(b, "tomcat", 6) == 0)
		evf(d->v[d->n++], IA_MAX_PATH, "%s", e->path);
	else if (strncmp(e->path, "/opt/", 5) == 0 &&
		 (strncmp(b, "tomcat", 6) == 0 || strncmp(b, "apache-tomcat", 13) == 0)) {
		char conf[IA_MAX_PATH];

		evf(conf, sizeof(conf), "%s/conf", e->path);
		if (tgt_lookup(ctx->tgt, conf, 0, &x) == 0 && S_ISDIR(x->mode))
			evf(d->v[d->n++], IA_MAX_PATH, "%s", conf);
	}
}

static void tc_find(struct chk_ctx *ctx, struct tc_dirs *d)
{
	d->n = 0;
	fam_children(ctx, "/etc", tc_dir, d);
	fam_children(ctx, "/opt", tc_dir, d);
}

/* An element of an XML file outside comments: its name's start and its attributes' text. */
struct xml_el {
	const char *name, *attrs;
	size_t nn, an;
	unsigned line;
};

/* The next start tag at or after *p (comments, <? ?> and <! > skipped); false at the end, with
 * *p NULL when a comment or tag is not closed (the rest is not read: a gap of the caller). */
static bool xml_next(const char **p, const char *end, unsigned *line, struct xml_el *el)
{
	const char *s = *p;

	while (s < end) {
		const char *lt = memchr(s, '<', (size_t)(end - s)), *gt;
		char q = 0;

		if (!lt)
			break;
		for (const char *c = s; c < lt; c++)
			*line += *c == '\n';
		if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *e = memmem(lt + 4, (size_t)(end - lt - 4), "-->", 3);

			if (!e) {
				*p = NULL; /* an unterminated comment */
				return false;
			}
			for (const char *c = lt; c < e; c++)
				*line += *c == '\n';
			s = e + 3;
			continue;
		}
		for (gt = lt + 1; gt < end && (q || *gt != '>'); gt++)
			if (q ? *gt == q : (*gt == '"' || *gt == '\''))
				q = q ? 0 : *gt;
		if (gt >= end) {
			*p = NULL; /* an unterminated tag */
			return false;
		}
		s = gt + 1;
		if (lt[1] == '/' || lt[1] == '?' || lt[1] == '!')
			continue;
		el->name = lt + 1;
		el->nn = strcspn(el->name, " \t\r\n/>");
		el->attrs = el->name + el->nn;
		el->an = (size_t)(gt - el->attrs);
		el->line = *line;
		for (const char *c = lt; c < gt; c++)
			*line += *c == '\n';
		*p = s;
		return true;
	}
	*p = end;
	return false;
}

static bool xml_is(const struct xml_el *el, const char *name)
{
	return el->nn == strlen(name) && strncmp(el->name, name, el->nn) == 0;
}

/* Attribute name's value into out (cut to cap); false when absent. */
static bool xml_attr(const struct xml_el *el, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i + nl + 2 < el->an; i++) {
		const char *a = el->attrs + i, *v, *e;

		if ((a[-1] != ' ' && a[-1] != '\t' && a[-1] != '\n' && a[-1] != '\r') ||
		    strncmp(a, name, nl) != 0)
			continue;
		v = a + nl;
		while (v < el->attrs + el->an && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= el->attrs + el->an || *v != '=')
			continue;
		v++;
		while (v < el->attrs + el->an && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= el->attrs + el->an || (*v != '"' && *v != '\''))
			continue;
		e = memchr(v + 1, *v, (size_t)(el->attrs + el->an - v - 1));
		if (!e)
			return false;
		evf(out, cap, "%.*s", (int)(e - v - 1), v + 1);
		return true;
	}
	return false;
}

/* server.xml: the Server header a Connector names, and error pages with the version
 * (ErrorReportValve showServerInfo, true unless a Host's valve says false). */
static void tc_server_xml(struct chk_ctx *ctx, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct xml_el el;
	const char *p, *end;
	unsigned line = 1, host_line = 0;
	bool valve_off = false;
	char v[256], ev[IA_MAX_EVIDENCE];

	if (fam_read(ctx, path, FAM_MAX_CONF, &b) < 0)
		goto out;
	p = b.data ? b.data : "";
	end = p + b.len;
	while (xml_next(&p, end, &line, &el)) {
		if (xml_is(&el, "Connector") && xml_attr(&el, "server", v, sizeof(v)) &&
		    strpbrk(v, "0123456789")) {
			evf(ev, sizeof(ev), "Connector server=\"%s\"", v);
			chk_report(ctx, path, el.line, ev, NULL,
				   "Tomcat sends a version in the Server header: %s", ev);
		}
		if (xml_is(&el, "Host") && !host_line)
			host_line = el.line;
		if (xml_is(&el, "Valve") && xml_attr(&el, "className", v, sizeof(v)) &&
		    strstr(v, "ErrorReportValve") &&
		    xml_attr(&el, "showServerInfo", v, sizeof(v)) && strcasecmp(v, "false") == 0)
			valve_off = true;
	}
	if (!p) {
		chk_gap(ctx, path, line,
			"rest of the file not examined: a comment or tag is not closed (Tomcat "
			"refuses to start)");
		goto out;
	}
	if (!host_line)
		chk_gap(ctx, path, 0, "no <Host> element: error pages not examined");
	else if (!valve_off)
		chk_report(ctx, path, host_line, "ErrorReportValve showServerInfo not false", NULL,
			   "Tomcat's error pages show its version: no ErrorReportValve with "
			   "showServerInfo=\"false\" in %s",
			   path);
out:
	ia_buf_release(&b);
}

static void tomcat_version(struct chk_ctx *ctx, bool *any)
{
	struct tc_dirs *d = calloc(1, sizeof(*d));

	if (!d)
		abort();
	tc_find(ctx, d);
	for (size_t i = 0; i < d->n; i++) {
		char path[IA_MAX_PATH + 16];
		const struct tgt_entry *e;

		evf(path, sizeof(path), "%s/server.xml", d->v[i]);
		if (tgt_lookup(ctx->tgt, path, 0, &e) < 0)
			continue;
		*any = true;
		tc_server_xml(ctx, path);
	}
	free(d);
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

/* Whether <Directory dir> covers path (a document root). */
static bool dir_covers(const char *dir, const char *path)
{
	size_t dl = strlen(dir);

	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	return strncmp(path, dir, dl) == 0 && (path[dl] == '/' || !path[dl] || dl == 1);
}

/* Whether header directive d's value sets name ("always set X-Frame-Options DENY"). */
static bool ht_sets(const struct inv_conf_dir *d, const char *name)
{
	const char *v = d->value;
	size_t nl = strlen(name);

	if (strncasecmp(v, "always ", 7) == 0)
		v += 7;
	else if (strncasecmp(v, "onsuccess ", 10) == 0)
		v += 10;
	if (strncasecmp(v, "set ", 4) != 0 && strncasecmp(v, "append ", 7) != 0 &&
	    strncasecmp(v, "add ", 4) != 0 && strncasecmp(v, "merge ", 6) != 0 &&
	    strncasecmp(v, "setifempty ", 11) != 0)
		return false;
	v = strchr(v, ' ') + 1;
	if (strncasecmp(v, name, nl) == 0 && (v[nl] == ' ' || !v[nl]))
		return true;
	return strcmp(name, "X-Frame-Options") == 0 &&
	       strncasecmp(v, "Content-Security-Policy ", 24) == 0 && strstr(v, "frame-ancestors");
}

/* Whether Header directive d applies to the whole of server s (document root root): set
 * server-wide, in s, or in a <Directory> over the root or <Location /> of either. */
static bool ht_applies(const struct inv_conf *c, const struct inv_conf_dir *d, int s,
		       const char *root)
{
	int b = d->ctx;

	if (b == -1 || b == s)
		return true;
	if (c->ctx[b].parent != -1 && c->ctx[b].parent != s)
		return false;
	if (ht_is(c, b, "Directory"))
		return root && dir_covers(c->ctx[b].args, root);
	return ht_is(c, b, "Location") && strcmp(c->ctx[b].args, "/") == 0;
}

static void ht_headers(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ht(ctx);
	int sv[256];
	size_t ns = ht_servers(c, sv, IA_ARRAY_SIZE(sv));

	for (size_t k = 0; k < ns; k++) {
		const struct inv_conf_dir *dr = ht_server(c, "DocumentRoot", sv[k]);
		char miss[IA_MAX_EVIDENCE] = "", ev[IA_MAX_EVIDENCE], name[IA_MAX_EVIDENCE];
		size_t ml = 0;
		const char *path;
		unsigned line;

		for (size_t i = 0; i < IA_ARRAY_SIZE(wanted); i++) {
			bool have = false;

			if (i == 4 && !ht_tls(c, sv[k]))
				continue;
			for (size_t j = 0; j < c->n && !have; j++)
				have = strcasecmp(c->v[j].key, "Header") == 0 &&
				       ht_applies(c, &c->v[j], sv[k], dr ? dr->value : NULL) &&
				       ht_sets(&c->v[j], wanted[i]);
			if (have)
				continue;
			ml += (size_t)snprintf(miss + ml, sizeof(miss) - ml, "%s%s", ml ? ", " : "",
					       wanted[i]);
			if (ml >= sizeof(miss))
				ml = sizeof(miss) - 1;
		}
		if (!ml)
			continue;
		ht_where(ctx, sv[k], &path, &line, name, sizeof(name));
		evf(ev, sizeof(ev), "%s: no Header set for %s", name, miss);
		chk_report(ctx, path, line, ev, NULL,
			   "Apache httpd does not send security headers: %s", ev);
	}
}

static void run_headers(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	if (ht_ready(ctx))
		ht_headers(ctx);

	for (int b = 0; any && b < (int)c->n_ctx; b++) {
		if (is_block(c, b, "server") && is_block(c, c->ctx[b].parent, "http")) {
			headers_of(ctx, c, b, -3);
		} else if (is_block(c, b, "location") && at(c, "add_header", b)) {
			int s = server_of(c, b);

			if (s >= 0)
				headers_of(ctx, c, b, header_block(c, c->ctx[b].parent));
		}
	}
	none(ctx, any || ht(ctx)->found);
}

/* ---- WEB-003: directory listings ---- */

/* Whether an Options value turns Indexes on ("Indexes", "+Indexes", "All"). */
static bool opt_indexes(const char *v)
{
	while (*v) {
		size_t n = strcspn(v, " ");

		if ((n == 7 && strncasecmp(v, "Indexes", 7) == 0) ||
		    (n == 8 && strncasecmp(v, "+Indexes", 8) == 0) ||
		    (n == 3 && strncasecmp(v, "All", 3) == 0))
			return true;
		v += n;
		while (*v == ' ')
			v++;
	}
	return false;
}

static void ht_indexes(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ht(ctx);

	/* mod_autoindex makes the listings; without it Indexes lists nothing */
	if (!ht_module(c, "autoindex"))
		return;
	for (int b = -1; b < (int)c->n_ctx; b++) {
		const struct inv_conf_dir *d = inv_conf_last(c, "Options", b);
		char ev[IA_MAX_EVIDENCE];

		if (!d || !opt_indexes(d->value))
			continue;
		evf(ev, sizeof(ev), "Options %s%s%s%s%s", d->value, b >= 0 ? " in <" : "",
		    b >= 0 ? c->ctx[b].kind : "", b >= 0 ? " " : "", b >= 0 ? c->ctx[b].args : "");
		if (b >= 0)
			evf(ev + strlen(ev), sizeof(ev) - strlen(ev), ">");
		chk_report(ctx, d->path, d->line, ev, NULL,
			   "Apache httpd lists the files of directories without an index: %s", ev);
	}
}

static void run_autoindex(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	if (ht_ready(ctx))
		ht_indexes(ctx);

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
	none(ctx, any || ht(ctx)->found);
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

/* The protocols an SSLProtocol value leaves on: a bit each of SSLv3, TLSv1, TLSv1.1. */
static unsigned ssl_old(const char *v)
{
	static const char *const names[] = {"SSLv3", "TLSv1", "TLSv1.1"};
	unsigned on = 0;

	while (*v) {
		size_t n = strcspn(v, " ");
		char sign = (*v == '+' || *v == '-') ? *v : 0;
		const char *w = sign ? v + 1 : v;
		size_t wn = sign ? n - 1 : n;

		if (!sign)
			on = 0; /* a bare protocol starts the list anew */
		if (wn == 3 && strncasecmp(w, "all", 3) == 0)
			on = sign == '-' ? 0 : (on | 6u); /* all: TLSv1 upwards */
		for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++)
			if (wn == strlen(names[i]) && strncasecmp(w, names[i], wn) == 0)
				on = sign == '-' ? on & ~(1u << i) : on | (1u << i);
		v += n;
		while (*v == ' ')
			v++;
	}
	return on;
}

static void ht_tls_check(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ht(ctx);
	int sv[256];
	size_t ns = ht_servers(c, sv, IA_ARRAY_SIZE(sv));

	for (size_t k = 0; k < ns; k++) {
		const struct inv_conf_dir *pr = ht_server(c, "SSLProtocol", sv[k]),
					  *ci = ht_server(c, "SSLCipherSuite", sv[k]);
		char ev[IA_MAX_EVIDENCE], name[IA_MAX_EVIDENCE], weak[256];
		const char *path;
		unsigned line;

		if (!ht_tls(c, sv[k]))
			continue;
		ht_where(ctx, sv[k], &path, &line, name, sizeof(name));
		/* httpd 2.4's default is "all -SSLv3": TLSv1 and TLSv1.1 on */
		if (!pr || ssl_old(pr->value)) {
			evf(ev, sizeof(ev), "SSLProtocol %s",
			    pr ? pr->value : "not set (default all -SSLv3)");
			chk_report(ctx, pr ? pr->path : path, pr ? pr->line : line, ev, NULL,
				   "Apache httpd %s accepts obsolete TLS versions: %s", name, ev);
		}
		if (ci && weak_cipher(ci->value, weak, sizeof(weak))) {
			evf(ev, sizeof(ev), "SSLCipherSuite %s", ci->value);
			chk_report(ctx, ci->path, ci->line, ev, NULL,
				   "Apache httpd %s offers weak TLS ciphers: %s", name, weak);
		}
	}
}

static void run_tls(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ngx(ctx);
	bool any = ngx_ready(ctx);

	if (ht_ready(ctx))
		ht_tls_check(ctx);

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
	none(ctx, any || ht(ctx)->found);
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
	for (size_t i = 0; i < ht(ctx)->n; i++)
		if (strcasecmp(ht(ctx)->v[i].key, "DocumentRoot") == 0 &&
		    ht(ctx)->v[i].value[0] == '/')
			add_root(r, ht(ctx)->v[i].value);
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

/* Context descriptors (/etc/tomcat10/Catalina/localhost/manager.xml) deploying an application
 * of Tomcat's from elsewhere (Debian's tomcat10-admin and tomcat10-examples). */
static void tomcat_descriptors(struct chk_ctx *ctx)
{
	static const char *const apps[] = {"examples.xml", "docs.xml", "manager.xml",
					   "host-manager.xml"};
	struct tc_dirs *d = calloc(1, sizeof(*d));

	if (!d)
		abort();
	tc_find(ctx, d);
	for (size_t i = 0; i < d->n; i++)
		for (size_t a = 0; a < IA_ARRAY_SIZE(apps); a++) {
			char path[IA_MAX_PATH + 64];
			const struct tgt_entry *e;

			evf(path, sizeof(path), "%s/Catalina/localhost/%s", d->v[i], apps[a]);
			if (tgt_lookup(ctx->tgt, path, 0, &e) < 0 || !S_ISREG(e->mode))
				continue;
			chk_report(ctx, path, 0, apps[a], NULL,
				   "Tomcat sample or administration application deployed: %s",
				   path);
		}
	free(d);
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
	tomcat_descriptors(ctx);
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

/* ---- WEB-008: TRACE ---- */

/* Whether server s refuses TRACE with mod_rewrite: RewriteEngine on and a RewriteCond on
 * %{REQUEST_METHOD} naming TRACE, in s (rewrite rules are not inherited by default). */
static const struct inv_conf_dir *ht_rewrite_trace(const struct inv_conf *c, int s)
{
	const struct inv_conf_dir *on = inv_conf_last(c, "RewriteEngine", s);

	if (!on || strcasecmp(on->value, "on") != 0 || !ht_module(c, "rewrite"))
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].ctx == s && strcasecmp(c->v[i].key, "RewriteCond") == 0 &&
		    strstr(c->v[i].value, "REQUEST_METHOD") && strstr(c->v[i].value, "TRACE"))
			return &c->v[i];
	return NULL;
}

static void ht_trace(struct chk_ctx *ctx)
{
	const struct inv_conf *c = ht(ctx);
	int sv[256];
	size_t ns = ht_servers(c, sv, IA_ARRAY_SIZE(sv));

	for (size_t k = 0; k < ns; k++) {
		const struct inv_conf_dir *d = ht_server(c, "TraceEnable", sv[k]);
		char ev[IA_MAX_EVIDENCE], name[IA_MAX_EVIDENCE];
		const char *path;
		unsigned line;

		if ((d && strcasecmp(d->value, "off") == 0) || ht_rewrite_trace(c, sv[k]))
			continue;
		ht_where(ctx, sv[k], &path, &line, name, sizeof(name));
		evf(ev, sizeof(ev), "TraceEnable %s", d ? d->value : "not set (default on)");
		chk_report(ctx, d ? d->path : path, d ? d->line : line, ev, NULL,
			   "Apache httpd %s answers TRACE requests: %s", name, ev);
	}
}

static void run_trace(struct chk_ctx *ctx)
{
	bool any = false;

	if (ht_ready(ctx)) {
		any = true;
		ht_trace(ctx);
		/* TRACK is IIS's: httpd implements no such method and refuses it (501) */
	}
	if (ngx_ready(ctx)) {
		any = true;
		chk_note(ctx, "nginx refuses TRACE and TRACK (405) whatever its configuration");
	}
	if (!any)
		chk_absent(ctx, "no nginx or Apache httpd configuration on this image");
}

/* ---- WEB-009: script handlers no application needs ---- */

/* Whether a regular file whose name ends in one of sfx (a NULL-ended list) is under the web
 * roots; its path into found. */
static bool roots_hold(struct chk_ctx *ctx, const struct roots *r, const char *const *sfx,
		       char *found, size_t cap)
{
	for (size_t k = 0; k < r->n; k++) {
		size_t b, e;

		if (tgt_subtree(ctx->tgt, r->v[k], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
			size_t pl = strlen(ent->path);

			if (!S_ISREG(ent->mode))
				continue;
			for (size_t j = 0; sfx[j]; j++) {
				size_t sl = strlen(sfx[j]);

				if (pl > sl && strcmp(ent->path + pl - sl, sfx[j]) == 0) {
					evf(found, cap, "%s", ent->path);
					return true;
				}
			}
		}
	}
	return false;
}

/* The first directive that maps requests to PHP in httpd (with the PHP module or PHP-FPM). */
static const struct inv_conf_dir *ht_php_map(const struct inv_conf *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];
		bool h = strcasecmp(d->key, "SetHandler") == 0 ||
			 strcasecmp(d->key, "AddHandler") == 0 ||
			 strcasecmp(d->key, "AddType") == 0;

		if (!h)
			continue;
		if (strstr(d->value, "x-httpd-php") && ht_module(c, "php"))
			return d;
		if (strncmp(d->value, "proxy:", 6) == 0 && strstr(d->value, "php"))
			return d;
	}
	return NULL;
}

/* The first directive that runs CGI programs in httpd (mod_cgi or mod_cgid loaded). */
static const struct inv_conf_dir *ht_cgi_map(const struct inv_conf *c)
{
	if (!ht_module(c, "cgi") && !ht_module(c, "cgid"))
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];

		if (strcasecmp(d->key, "ScriptAlias") == 0 ||
		    strcasecmp(d->key, "ScriptAliasMatch") == 0 ||
		    ((strcasecmp(d->key, "AddHandler") == 0 ||
		      strcasecmp(d->key, "SetHandler") == 0) &&
		     strstr(d->value, "cgi-script")))
			return d;
	}
	return NULL;
}

/* Whether a CGI program (an executable file) is in a ScriptAlias directory, or a *.cgi, *.pl,
 * *.py, *.sh file under the roots. */
static bool cgi_present(struct chk_ctx *ctx, const struct inv_conf *c, const struct roots *r,
			char *found, size_t cap)
{
	static const char *const sfx[] = {".cgi", ".pl", ".py", ".sh", NULL};

	for (size_t i = 0; i < c->n; i++) {
		const char *v = c->v[i].value, *dir = strchr(v, ' ');
		size_t b, e;

		if (strcasecmp(c->v[i].key, "ScriptAlias") != 0 || !dir)
			continue;
		if (tgt_subtree(ctx->tgt, dir + 1, &b, &e) < 0)
			continue;
		for (size_t k = b; k < e; k++)
			if (S_ISREG(tgt_at(ctx->tgt, k)->mode) &&
			    (tgt_at(ctx->tgt, k)->mode & 0111)) {
				evf(found, cap, "%s", tgt_at(ctx->tgt, k)->path);
				return true;
			}
	}
	return roots_hold(ctx, r, sfx, found, cap);
}

/* nginx: a location passing PHP to FastCGI ("location ~ \.php$ { fastcgi_pass ...; }"). */
static const struct inv_conf_dir *ngx_php_map(const struct inv_conf *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];

		if (strcmp(d->key, "fastcgi_pass") == 0 && is_block(c, d->ctx, "location") &&
		    strstr(c->ctx[d->ctx].args, "php"))
			return d;
	}
	return NULL;
}

static void handler_report(struct chk_ctx *ctx, const char *server, const struct inv_conf_dir *d,
			   const char *what, const struct roots *r)
{
	char ev[IA_MAX_EVIDENCE];

	evf(ev, sizeof(ev), "%s %s", d->key, d->value);
	chk_report(ctx, d->path, d->line, ev, NULL,
		   "%s maps requests to %s while the web roots (%s%s) hold no %s file: %s", server,
		   what, r->n ? r->v[0] : "none", r->n > 1 ? ", ..." : "", what, ev);
}

static void run_handlers(struct chk_ctx *ctx)
{
	static const char *const php[] = {".php", ".phtml", ".phar", NULL};
	struct roots *r = calloc(1, sizeof(*r));
	char found[IA_MAX_PATH];
	bool any = false;

	if (!r)
		abort();
	web_roots(ctx, r);
	if (ht_ready(ctx)) {
		const struct inv_conf *c = ht(ctx);
		const struct inv_conf_dir *d;

		any = true;
		if ((d = ht_php_map(c)) != NULL && !roots_hold(ctx, r, php, found, sizeof(found)))
			handler_report(ctx, "Apache httpd", d, "PHP", r);
		if ((d = ht_cgi_map(c)) != NULL && !cgi_present(ctx, c, r, found, sizeof(found)))
			handler_report(ctx, "Apache httpd", d, "CGI", r);
	}
	if (ngx_ready(ctx)) {
		const struct inv_conf_dir *d = ngx_php_map(ngx(ctx));

		any = true;
		if (d && !roots_hold(ctx, r, php, found, sizeof(found)))
			handler_report(ctx, "nginx", d, "PHP", r);
	}
	if (!any)
		chk_absent(ctx, "no nginx or Apache httpd configuration on this image");
	else
		chk_note(ctx, "%zu web root(s) read", r->n);
	free(r);
}

/* ---- WEB-010: Tomcat users with default or weak passwords ---- */

static void tc_users(struct chk_ctx *ctx, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct xml_el el;
	const char *p, *end;
	unsigned line = 1;
	char user[128], pw[256], roles[256], ev[IA_MAX_EVIDENCE];

	if (fam_read(ctx, path, FAM_MAX_CONF, &b) < 0)
		goto out;
	p = b.data ? b.data : "";
	end = p + b.len;
	while (xml_next(&p, end, &line, &el)) {
		const char *why;

		if (!xml_is(&el, "user") || !xml_attr(&el, "username", user, sizeof(user)))
			continue;
		if (!xml_attr(&el, "password", pw, sizeof(pw)))
			pw[0] = '\0';
		if (!xml_attr(&el, "roles", roles, sizeof(roles)))
			roles[0] = '\0';
		why = chk_weak_password(user, pw);
		/* a digest ({algorithm}hex or a long hex string) is not judged here */
		if (!why ||
		    (strlen(pw) >= 32 && strspn(pw, "0123456789abcdefABCDEF$:") == strlen(pw)))
			continue;
		evf(ev, sizeof(ev), "user %s (roles %s): password %s", user,
		    roles[0] ? roles : "none", why);
		chk_report(ctx, path, el.line, ev, NULL, "Tomcat %s", ev);
	}
	if (!p)
		chk_gap(ctx, path, line,
			"rest of the file not examined: a comment or tag is not closed (Tomcat "
			"refuses to start)");
out:
	ia_buf_release(&b);
}

static void run_tomcat_users(struct chk_ctx *ctx)
{
	struct tc_dirs *d = calloc(1, sizeof(*d));
	size_t seen = 0;

	if (!d)
		abort();
	tc_find(ctx, d);
	for (size_t i = 0; i < d->n; i++) {
		char path[IA_MAX_PATH + 32];
		const struct tgt_entry *e;

		evf(path, sizeof(path), "%s/tomcat-users.xml", d->v[i]);
		if (tgt_lookup(ctx->tgt, path, 0, &e) < 0)
			continue;
		seen++;
		tc_users(ctx, path);
	}
	if (!seen)
		chk_absent(ctx, "no Tomcat tomcat-users.xml on this image");
	free(d);
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

#define HTTPD_FILES                                                                                \
	"apache2.conf or httpd.conf with its Include files (<IfModule>, <IfDefine> decided as "    \
	"httpd does)"
#define NGINX_FILES "/etc/nginx/nginx.conf and its include files (blocks inherited as nginx does)"

static const struct chk_def web_checks[] = {
	{
		.id = "WEB-001",
		.title = "web server discloses its version",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.11"),
		.examines = "nginx server_tokens (default on) in " NGINX_FILES
			    "; Apache httpd ServerTokens (default Full) and ServerSignature "
			    "in " HTTPD_FILES
			    "; PHP expose_php in php.ini and conf.d of fpm, apache2, cgi; Tomcat "
			    "server.xml Connector server= with a version, ErrorReportValve "
			    "showServerInfo (default true)",
		.remediation =
			"Set server_tokens off; in the http block of nginx.conf; ServerTokens "
			"Prod and ServerSignature Off for Apache; expose_php = Off in php.ini; "
			"a Host valve <Valve className=\"org.apache.catalina.valves."
			"ErrorReportValve\" showServerInfo=\"false\"/> in Tomcat's server.xml",
		.run = run_version,
	},
	{
		.id = "WEB-002",
		.title = "HTTP security headers not sent",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.4"),
		.examines =
			"add_header of each nginx server (and of locations with their own, "
			"which inherit none): Content-Security-Policy, X-Content-Type-Options, "
			"X-Frame-Options (or CSP frame-ancestors), Referrer-Policy, and "
			"Strict-Transport-Security for TLS servers, in " NGINX_FILES
			"; Apache httpd Header set/append/add/merge of each virtual host (server-"
			"wide, in the host, or in a <Directory> over its DocumentRoot or <Location "
			"/>) in " HTTPD_FILES,
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
		.examines =
			"nginx autoindex in " NGINX_FILES "; Apache httpd Options with Indexes "
			"(or +Indexes, All; the last Options of each section) with mod_autoindex "
			"loaded, in " HTTPD_FILES,
		.remediation =
			"Remove autoindex on; (nginx's default is off); for Apache write "
			"Options -Indexes (Debian: the <Directory /var/www/> of apache2.conf)",
		.run = run_autoindex,
	},
	{
		.id = "WEB-004",
		.title = "obsolete TLS versions or weak ciphers in a web server",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.3", "SR-5.3"),
		.examines =
			"ssl_protocols (nginx 1.22's default allows TLSv1 and TLSv1.1) and "
			"ssl_ciphers of each nginx server that listens with ssl, in " NGINX_FILES
			"; Apache httpd SSLProtocol (default all -SSLv3) and SSLCipherSuite of "
			"each "
			"virtual host with SSLEngine on, in " HTTPD_FILES,
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
			"under /var/www, /srv/www, nginx roots and Apache DocumentRoots; Tomcat "
			"examples, docs, manager and host-manager under /var/lib/tomcat*/webapps "
			"or "
			"deployed by a context descriptor in /etc/tomcat*/Catalina/localhost",
		.remediation = "Remove the default pages, phpinfo files and sample or "
			       "administration applications from the image; deploy only the "
			       "application",
		.run = run_defaults,
	},
	{
		.id = "WEB-006",
		.title = "version-control, backup or editor files in a web root",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g", "SR-8"),
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
	{
		.id = "WEB-008",
		.title = "web server answers TRACE",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.10"),
		.examines =
			"Apache httpd TraceEnable (default on) of each virtual host and the main "
			"server, or a mod_rewrite rule on %{REQUEST_METHOD} refusing TRACE in it, "
			"in " HTTPD_FILES "; nginx refuses TRACE and TRACK whatever its "
			"configuration; httpd implements no TRACK",
		.remediation = "Set TraceEnable Off in the server configuration (Debian: "
			       "/etc/apache2/conf-available/security.conf)",
		.run = run_trace,
	},
	{
		.id = "WEB-009",
		.title = "script handler mapped that no application needs",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.9"),
		.examines =
			"Apache httpd SetHandler/AddHandler/AddType of PHP (with the PHP module "
			"or a proxy to PHP-FPM) and ScriptAlias or cgi-script handlers (with "
			"mod_cgi or mod_cgid), nginx locations passing PHP to fastcgi_pass; "
			"judged against the web roots (DocumentRoot, root, /var/www, /srv/www) "
			"and ScriptAlias directories holding no such file",
		.remediation =
			"Disable the handler no application uses (a2dismod php8.2; a2disconf "
			"serve-cgi-bin; remove the location ~ \\.php$ block)",
		.run = run_handlers,
	},
	{
		.id = "WEB-010",
		.title = "Tomcat user with a default or weak password",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1b", "SR-4.2-4.3"),
		.examines =
			"<user> elements outside comments in tomcat-users.xml of /etc/tomcat*, "
			"/opt/tomcat*/conf, /opt/apache-tomcat*/conf: an empty password, the user "
			"name, one of Tomcat's sample passwords or a common one (a built-in list), "
			"or shorter than 8 characters (digests are not judged); the password is "
			"never shown",
		.remediation = "Remove the users the applications do not need; give the others a "
			       "long random password stored as a digest (CredentialHandler)",
		.run = run_tomcat_users,
	},
};
const struct chk_family chk_family_web = {
	.name = "web",
	.checks = web_checks,
	.n_checks = IA_ARRAY_SIZE(web_checks),
};
