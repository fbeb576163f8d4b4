/* svc_web.c — web servers' configurations as facts: nginx.conf with its include files (every
 * block a context with its parent), and the php.ini of each served PHP (fpm, apache2, cgi) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

#define NGINX_PREFIX "/etc/nginx"
#define NGINX_CONF "/etc/nginx/nginx.conf"

struct ngx_rd {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
	int ctx;        /* the block the directives are in, -1 the main context */
	unsigned depth; /* blocks open */
};

/* A lexer over one file's bytes. */
struct ngx_lex {
	const char *p, *end;
	unsigned line;
	char tok[IA_MAX_NGX_TOKEN];
	size_t tn;
	bool cut;
};

enum { T_END, T_WORD, T_SEMI, T_OPEN, T_CLOSE, T_BAD };

static int ngx_next(struct ngx_lex *x)
{
	x->tn = 0;
	x->cut = false;
	for (;;) {
		while (x->p < x->end &&
		       (*x->p == ' ' || *x->p == '\t' || *x->p == '\r' || *x->p == '\n')) {
			if (*x->p == '\n')
				x->line++;
			x->p++;
		}
		if (x->p >= x->end)
			return T_END;
		if (*x->p != '#')
			break;
		while (x->p < x->end && *x->p != '\n')
			x->p++;
	}
	if (*x->p == ';' || *x->p == '{' || *x->p == '}') {
		char ch = *x->p++;

		return ch == ';' ? T_SEMI : ch == '{' ? T_OPEN : T_CLOSE;
	}
	if ((unsigned char)*x->p < 0x20 && *x->p != '\t')
		return T_BAD;
	if (*x->p == '"' || *x->p == '\'') {
		char q = *x->p++;

		while (x->p < x->end && *x->p != q) {
			char ch = *x->p++;

			if (ch == '\\' && x->p < x->end)
				ch = *x->p++;
			if (ch == '\n')
				x->line++;
			if (x->tn + 1 < sizeof(x->tok))
				x->tok[x->tn++] = ch;
			else
				x->cut = true;
		}
		if (x->p >= x->end)
			return T_BAD;
		x->p++;
	} else {
		while (x->p < x->end && !strchr(" \t\r\n;{}", *x->p)) {
			char ch = *x->p++;

			if (ch == '\\' && x->p < x->end)
				ch = *x->p++;
			if ((unsigned char)ch < 0x20 && ch != '\t')
				return T_BAD;
			if (x->tn + 1 < sizeof(x->tok))
				x->tok[x->tn++] = ch;
			else
				x->cut = true;
		}
	}
	x->tok[x->tn] = '\0';
	return T_WORD;
}

static void ngx_file(struct ngx_rd *r, const char *path);

static void ngx_include_one(const char *path, void *arg)
{
	struct ngx_rd *r = arg;

	if (!svc_push(r->c, &r->st, path, r->st.depth ? r->st.path[r->st.depth - 1] : "", 0))
		return;
	ngx_file(r, path);
	svc_pop(&r->st);
}

/* One file: directives into the current block; a '}' closing a block this file did not open
 * is an error nginx refuses ("unexpected }"). */
static void ngx_parse(struct ngx_rd *r, const char *path, const char *data, size_t len)
{
	struct ngx_lex x = {.p = data, .end = data + len, .line = 1};
	char name[256], value[IA_MAX_NGX_VALUE];
	size_t vn = 0;
	unsigned at = 0, opened = 0;
	int tk;
	bool have = false;

	while ((tk = ngx_next(&x)) != T_END) {
		if (tk == T_BAD) {
			ia_problem_add(&r->c->issues, "", path, x.line, 0,
				       "rest of the file not examined: control bytes or an "
				       "unterminated quote (nginx refuses it)");
			break;
		}
		if (tk == T_WORD) {
			if (x.cut)
				ia_problem_add(&r->c->issues, "", path, x.line, 0,
					       "a word longer than %d bytes was cut",
					       IA_MAX_NGX_TOKEN);
			if (!have) {
				size_t k = x.tn < sizeof(name) - 1 ? x.tn : sizeof(name) - 1;

				memcpy(name, x.tok, k);
				name[k] = '\0';
				have = true;
				at = x.line;
				vn = 0;
				value[0] = '\0';
			} else if (vn + x.tn + 2 < sizeof(value)) {
				if (vn)
					value[vn++] = ' ';
				memcpy(value + vn, x.tok, x.tn + 1);
				vn += x.tn;
			}
			continue;
		}
		if (tk == T_CLOSE) {
			if (have || opened == 0) {
				ia_problem_add(&r->c->issues, "", path, x.line, 0,
					       "unexpected '}' (nginx refuses the file)");
				if (opened == 0)
					break;
			}
			have = false;
			opened--;
			r->depth--;
			r->ctx = r->ctx >= 0 ? r->c->ctx[r->ctx].parent : -1;
			continue;
		}
		if (!have) {
			ia_problem_add(&r->c->issues, "", path, x.line, 0, "unexpected '%c'",
				       tk == T_SEMI ? ';' : '{');
			continue;
		}
		have = false;
		if (tk == T_OPEN) {
			int b;

			if (r->depth >= IA_MAX_SVC_BLOCK_DEPTH) {
				ia_problem_add(
					&r->c->issues, "", path, at, 0,
					"rest of the file not examined: blocks nested deeper "
					"than %d",
					IA_MAX_SVC_BLOCK_DEPTH);
				break;
			}
			b = svc_add_ctx(r->f, r->c, name, value, vn, path, at);
			if (b < 0)
				break;
			r->c->ctx[b].parent = r->ctx;
			r->ctx = b;
			r->depth++;
			opened++;
			continue;
		}
		if (strcmp(name, "include") == 0) {
			char pat[IA_MAX_PATH];

			svc_join(pat, sizeof(pat), NGINX_PREFIX, value);
			svc_glob(r->t, r->c, pat, path, at, ngx_include_one, r);
			continue;
		}
		svc_add(r->f, r->c, name, strlen(name), value, vn, path, at, r->ctx);
	}
	if (have)
		ia_problem_add(&r->c->issues, "", path, at, 0,
			       "directive %s without ';' at the end of the file", name);
	/* blocks this file left open: nginx refuses it; close them here */
	while (opened-- > 0) {
		ia_problem_add(&r->c->issues, "", path, x.line, 0,
			       "a block is not closed at the end of the file");
		r->depth--;
		r->ctx = r->ctx >= 0 ? r->c->ctx[r->ctx].parent : -1;
	}
}

static void ngx_file(struct ngx_rd *r, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_SVC_FILE);
	struct ia_err err = {0};
	char *p = ia_pool_strdup(&r->f->pool, path);
	int rc = tgt_read(r->t, path, IA_MAX_SVC_FILE, &b, NULL, &err);

	if (rc == -IA_ETOOBIG)
		ia_problem_add(&r->c->issues, "", p, 0, rc,
			       "file not examined: larger than %u bytes", IA_MAX_SVC_FILE);
	else if (rc < 0 && rc != -ENOENT)
		ia_problem_add(&r->c->issues, "", p, 0, rc, "file not examined: %s",
			       ia_strerror(rc));
	else if (rc == 0)
		ngx_parse(r, p, b.data ? b.data : "", b.len);
	ia_buf_release(&b);
}

void inv_svc_nginx(const struct tgt *t, struct inv_facts *f)
{
	struct ngx_rd r = {.t = t, .f = f, .c = &f->svc.nginx, .ctx = -1};
	const struct tgt_entry *e;

	if (tgt_lookup(t, NGINX_CONF, 0, &e) < 0)
		return;
	r.c->found = true;
	r.c->main = NGINX_CONF;
	svc_push(r.c, &r.st, NGINX_CONF, "", 0);
	ngx_file(&r, NGINX_CONF);
}

/* ---- php.ini: one context per SAPI directory ("/etc/php/8.2/fpm"), php.ini then conf.d ---- */

struct php_rd {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	int ctx;
};

static void php_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		     size_t ind)
{
	struct php_rd *r = arg;
	const char *k, *v;
	size_t kn, vn;

	if (l[0] == ';' || l[0] == '#' || l[0] == '[')
		return;
	if (!ia_split(l, n, '=', &k, &kn, &v, &vn)) {
		ia_problem_add(&r->c->issues, "", path, line, 0, "line ignored by PHP: no '='");
		return;
	}
	ia_trim(&k, &kn);
	ia_trim(&v, &vn);
	if (vn && v[0] == '"') {
		const char *q = memchr(v + 1, '"', vn - 1);

		vn = q ? (size_t)(q - v - 1) : vn - 1;
		v++;
	} else {
		const char *sc = memchr(v, ';', vn);

		if (sc)
			vn = (size_t)(sc - v);
		ia_trim(&v, &vn);
	}
	svc_add(r->f, r->c, k, kn, v, vn, path, line, r->ctx);
}

struct php_scan {
	const struct tgt *t;
	struct inv_facts *f;
};

static void php_conf_d(const char *path, void *arg)
{
	struct php_rd *r = arg;

	svc_lines(r->t, r->f, r->c, path, php_line, r);
}

static void php_sapi(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	struct php_scan *s = arg;
	struct inv_conf *c = &s->f->svc.php;
	const char *name = strrchr(e->path, '/');
	char ini[IA_MAX_PATH + 16], pat[IA_MAX_PATH + 16];
	struct php_rd r = {t, s->f, c, -1};
	const struct tgt_entry *x;

	/* the SAPIs that serve requests; cli does not */
	if (!name || !S_ISDIR(e->mode) ||
	    (strcmp(name, "/fpm") != 0 && strcmp(name, "/apache2") != 0 &&
	     strcmp(name, "/cgi") != 0))
		return;
	snprintf(ini, sizeof(ini), "%s/php.ini", e->path);
	if (tgt_lookup(t, ini, 0, &x) < 0)
		return;
	r.ctx = svc_add_ctx(s->f, c, "sapi", e->path, strlen(e->path), ini, 0);
	if (r.ctx < 0)
		return;
	if (!c->found) {
		c->found = true;
		c->main = ia_pool_strdup(&s->f->pool, ini);
	}
	c->files++;
	svc_lines(t, s->f, c, ini, php_line, &r);
	snprintf(pat, sizeof(pat), "%s/conf.d/*.ini", e->path);
	svc_glob(t, c, pat, ini, 0, php_conf_d, &r);
}

static void php_version(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	if (S_ISDIR(e->mode))
		inv_children(t, e->path, php_sapi, arg);
}

void inv_svc_php(const struct tgt *t, struct inv_facts *f)
{
	struct php_scan s = {t, f};

	inv_children(t, "/etc/php", php_version, &s);
}
