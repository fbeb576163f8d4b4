/* svc_httpd.c — Apache httpd's configuration as facts: apache2.conf (or httpd.conf) with its
 * Include files, sections as contexts, <IfModule>/<IfDefine> decided, Define and ${VAR} expanded */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * httpd reads its main file line by line: a line ending in a backslash continues on the next,
 * a '#' starting a line makes it a comment (elsewhere it is part of the value), "<Name args>"
 * opens a section that "</Name>" in the same file closes; Include of a directory reads every
 * file in it and in its subdirectories. <IfModule>, <IfDefine>, <IfFile> are
 * decided here as httpd decides them at start (a module is loaded by a LoadModule read before,
 * or built in; a name is defined by a Define read before, or by the envvars file Debian's
 * apache2ctl reads); a section whose condition is false is skipped. <IfVersion>, <IfDirective>
 * and <IfSection> are taken as true (this httpd is 2.4 and knows its directives). Every other
 * section (<VirtualHost>, <Directory>, <Location>, <Files>, <If>...) is a context with its
 * parent. Define sets a variable that ${NAME} expands to in later lines.
 */

struct httpd_var {
	const char *name, *value;
};

struct httpd_rd {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
	char root[IA_MAX_PATH]; /* ServerRoot */
	int ctx;                /* the section the directives are in, -1 none */
	unsigned depth;         /* sections open (contexts and true conditions) */
	unsigned skip;          /* > 0: inside a false condition, this many sections deep */
	unsigned dir_depth;     /* directories being included */
	struct httpd_var vars[IA_MAX_HTTPD_VARS];
	size_t n_vars;
	const char *mods[IA_MAX_HTTPD_MODS];
	size_t n_mods;
	/* the logical line being joined (a backslash at the end of a line) */
	char cont[IA_MAX_HTTPD_LINE];
	size_t cn;
	unsigned cont_line;
	bool cont_cut;
};

/* What a section in this file opened: its name, and whether it is a context. */
struct httpd_open {
	char name[32];
	bool is_ctx;
	bool skipped; /* opened while skipping (only counted) */
};

struct httpd_file {
	struct httpd_rd *r;
	struct httpd_open open[IA_MAX_SVC_BLOCK_DEPTH];
	unsigned n_open;
	bool stop; /* rest of the file not examined */
};

static const char *const builtin_mods[] = {"core",       "so",    "watchdog", "http",
					   "log_config", "logio", "version",  "unixd"};

/* "mod_rewrite.c", "rewrite_module" -> "rewrite" (n bytes at out). */
static void mod_base(const char *m, char *out, size_t cap)
{
	size_t n = strlen(m);

	if (n > 6 && strncmp(m, "mod_", 4) == 0 && strcmp(m + n - 2, ".c") == 0)
		snprintf(out, cap, "%.*s", (int)(n - 6), m + 4);
	else if (n > 7 && strcmp(m + n - 7, "_module") == 0)
		snprintf(out, cap, "%.*s", (int)(n - 7), m);
	else
		snprintf(out, cap, "%s", m);
}

static bool mod_loaded(const struct httpd_rd *r, const char *m)
{
	char b[128], x[128];

	mod_base(m, b, sizeof(b));
	for (size_t i = 0; i < IA_ARRAY_SIZE(builtin_mods); i++)
		if (strcmp(b, builtin_mods[i]) == 0)
			return true;
	for (size_t i = 0; i < r->n_mods; i++) {
		mod_base(r->mods[i], x, sizeof(x));
		if (strcmp(b, x) == 0)
			return true;
	}
	return false;
}

static const struct httpd_var *var_find(const struct httpd_rd *r, const char *name, size_t n)
{
	for (size_t i = r->n_vars; i-- > 0;)
		if (strlen(r->vars[i].name) == n && strncmp(r->vars[i].name, name, n) == 0)
			return &r->vars[i];
	return NULL;
}

static void var_set(struct httpd_rd *r, const char *name, const char *value, const char *path,
		    unsigned line)
{
	if (r->n_vars >= IA_MAX_HTTPD_VARS) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "Define not examined: more than %d variables", IA_MAX_HTTPD_VARS);
		return;
	}
	r->vars[r->n_vars].name = ia_pool_strdup(&r->f->pool, name);
	r->vars[r->n_vars].value = ia_pool_strdup(&r->f->pool, value);
	r->n_vars++;
}

static void var_unset(struct httpd_rd *r, const char *name)
{
	size_t o = 0;

	for (size_t i = 0; i < r->n_vars; i++)
		if (strcmp(r->vars[i].name, name) != 0)
			r->vars[o++] = r->vars[i];
	r->n_vars = o;
}

/* ${NAME} expanded into out; an undefined name is left as written (httpd warns and does the
 * same). false when the result does not fit. */
static bool expand(const struct httpd_rd *r, const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		const char *end;
		const struct httpd_var *v;

		if (s[i] == '$' && i + 1 < n && s[i + 1] == '{' &&
		    (end = memchr(s + i + 2, '}', n - i - 2)) != NULL &&
		    (v = var_find(r, s + i + 2, (size_t)(end - s - i - 2))) != NULL) {
			size_t vl = strlen(v->value);

			if (o + vl >= cap)
				return false;
			memcpy(out + o, v->value, vl);
			o += vl;
			i = (size_t)(end - s) + 1;
			continue;
		}
		if (o + 1 >= cap)
			return false;
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return true;
}

static void httpd_file(struct httpd_rd *r, const char *path, const char *from, unsigned line);

struct inc_arg {
	struct httpd_rd *r;
	const char *from;
	unsigned line;
};

static void include(struct httpd_rd *r, const char *arg, bool optional, const char *path,
		    unsigned line);

static void include_one(const char *path, void *arg)
{
	struct inc_arg *a = arg;
	const struct tgt_entry *e;

	/* a directory is read as httpd reads it: every file in it and its subdirectories, in name
	 * order (IA_MAX_SVC_INCLUDE_DEPTH directories deep at most) */
	if (tgt_lookup(a->r->t, path, 0, &e) == 0 && S_ISDIR(e->mode)) {
		if (a->r->dir_depth >= IA_MAX_SVC_INCLUDE_DEPTH) {
			ia_problem_add(&a->r->c->issues, "", a->from, a->line, 0,
				       "include not followed: %s nested deeper than %d directories",
				       path, IA_MAX_SVC_INCLUDE_DEPTH);
			return;
		}
		a->r->dir_depth++;
		include(a->r, path, true, a->from, a->line);
		a->r->dir_depth--;
		return;
	}
	httpd_file(a->r, path, a->from, a->line);
}

static void include(struct httpd_rd *r, const char *arg, bool optional, const char *path,
		    unsigned line)
{
	char pat[IA_MAX_PATH];
	const struct tgt_entry *e;
	struct inc_arg a = {r, path, line};
	int n;

	svc_join(pat, sizeof(pat), r->root, arg);
	/* Include of a directory: every file in it */
	if (!strpbrk(pat, "*?[") && tgt_lookup(r->t, pat, 0, &e) == 0 && S_ISDIR(e->mode) &&
	    strlen(pat) + 2 < sizeof(pat))
		memcpy(pat + strlen(pat), "/*", 3);
	n = svc_glob(r->t, r->c, pat, path, line, include_one, &a);
	if (n == 0 && !optional && !strpbrk(arg, "*?["))
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "Include %s: no such file in the image (httpd refuses to start)",
			       arg);
}

/* A section's condition: true, false, or -1 when it is not a condition (a context). */
static int condition(struct httpd_rd *r, const char *name, const char *args)
{
	bool neg = args[0] == '!';
	const char *a = neg ? args + 1 : args;
	bool v;

	if (strcasecmp(name, "IfModule") == 0) {
		v = mod_loaded(r, a);
	} else if (strcasecmp(name, "IfDefine") == 0) {
		v = var_find(r, a, strlen(a)) != NULL;
	} else if (strcasecmp(name, "IfFile") == 0) {
		const struct tgt_entry *e;
		char p[IA_MAX_PATH];

		svc_join(p, sizeof(p), r->root, a);
		v = tgt_lookup(r->t, p, 0, &e) == 0;
	} else if (strcasecmp(name, "IfVersion") == 0 || strcasecmp(name, "IfDirective") == 0 ||
		   strcasecmp(name, "IfSection") == 0) {
		return 1;
	} else {
		return -1;
	}
	return neg ? !v : v;
}

static void section_open(struct httpd_file *hf, const char *path, unsigned line, const char *l,
			 size_t n)
{
	struct httpd_rd *r = hf->r;
	char words[IA_MAX_HTTPD_LINE];
	size_t nl = 0, first;
	struct httpd_open *o;
	int cond;

	while (nl < n && l[nl] != ' ' && l[nl] != '\t' && l[nl] != '>')
		nl++;
	if (n == 0 || l[n - 1] != '>') {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "rest of the file not examined: section without '>' (httpd "
			       "refuses to start)");
		hf->stop = true;
		return;
	}
	if (hf->n_open >= IA_MAX_SVC_BLOCK_DEPTH || r->depth + r->skip >= IA_MAX_SVC_BLOCK_DEPTH) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "rest of the file not examined: sections nested deeper than %d",
			       IA_MAX_SVC_BLOCK_DEPTH);
		hf->stop = true;
		return;
	}
	o = &hf->open[hf->n_open++];
	snprintf(o->name, sizeof(o->name), "%.*s", (int)nl, l);
	o->is_ctx = false;
	o->skipped = r->skip > 0;
	if (r->skip) {
		r->skip++;
		return;
	}
	if (svc_words(l + nl, n - 1 - nl, words, sizeof(words), &first, false) < 0)
		words[0] = '\0';
	cond = condition(r, o->name, words);
	if (cond == 0) {
		r->skip = 1;
		return;
	}
	r->depth++;
	if (cond == 1)
		return;
	{
		int b = svc_add_ctx(r->f, r->c, o->name, words, strlen(words), path, line);

		if (b < 0) {
			hf->stop = true;
			return;
		}
		r->c->ctx[b].parent = r->ctx;
		r->ctx = b;
		o->is_ctx = true;
	}
}

static void section_close(struct httpd_file *hf, const char *path, unsigned line, const char *l,
			  size_t n)
{
	struct httpd_rd *r = hf->r;
	struct httpd_open *o;
	size_t nl = 0;

	while (2 + nl < n && l[2 + nl] != '>' && l[2 + nl] != ' ')
		nl++;
	if (hf->n_open == 0) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "%.*s without a section open in this file (httpd refuses to start)",
			       (int)n, l);
		hf->stop = true;
		return;
	}
	o = &hf->open[hf->n_open - 1];
	if (strlen(o->name) != nl || strncasecmp(o->name, l + 2, nl) != 0)
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "%.*s closes <%s> (httpd refuses to start)", (int)n, l, o->name);
	hf->n_open--;
	if (r->skip) {
		r->skip--;
		return;
	}
	r->depth--;
	if (o->is_ctx)
		r->ctx = r->ctx >= 0 ? r->c->ctx[r->ctx].parent : -1;
}

/* One logical line. */
static void httpd_logical(struct httpd_file *hf, const char *path, unsigned line, const char *raw,
			  size_t rn)
{
	struct httpd_rd *r = hf->r;
	char *l = malloc(IA_MAX_HTTPD_LINE), *words = malloc(IA_MAX_HTTPD_LINE);
	size_t n, first;
	int nw;

	if (!l || !words)
		abort();
	if (!expand(r, raw, rn, l, IA_MAX_HTTPD_LINE)) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: longer than %d bytes with variables expanded",
			       IA_MAX_HTTPD_LINE);
		goto out;
	}
	n = strlen(l);
	if (n >= 2 && l[0] == '<' && l[1] == '/') {
		section_close(hf, path, line, l, n);
		goto out;
	}
	if (l[0] == '<') {
		section_open(hf, path, line, l + 1, n - 1);
		goto out;
	}
	if (r->skip)
		goto out;
	nw = svc_words(l, n, words, IA_MAX_HTTPD_LINE, &first, false);
	if (nw < 0) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: unterminated quote (httpd refuses to start)");
		goto out;
	}
	if (nw == 0)
		goto out;
	{
		const char *key = words, *val = words + first + (nw > 1);
		char k[64];

		snprintf(k, sizeof(k), "%.*s", (int)first, words);
		if (strcasecmp(k, "Include") == 0 || strcasecmp(k, "IncludeOptional") == 0) {
			if (nw > 1)
				include(r, val, k[7] != '\0', path, line);
			goto out;
		}
		if (strcasecmp(k, "Define") == 0 && nw > 1) {
			const char *sp = strchr(val, ' ');
			char name[256];

			snprintf(name, sizeof(name), "%.*s",
				 (int)(sp ? (size_t)(sp - val) : strlen(val)), val);
			var_set(r, name, sp ? sp + 1 : "", path, line);
		} else if (strcasecmp(k, "UnDefine") == 0 && nw > 1) {
			var_unset(r, val);
		} else if (strcasecmp(k, "LoadModule") == 0 && nw > 1 &&
			   r->n_mods < IA_MAX_HTTPD_MODS) {
			const char *sp = strchr(val, ' ');

			r->mods[r->n_mods++] = ia_pool_strndup(
				&r->f->pool, val, sp ? (size_t)(sp - val) : strlen(val));
		} else if (strcasecmp(k, "ServerRoot") == 0 && nw > 1 && val[0] == '/' &&
			   r->ctx < 0) {
			snprintf(r->root, sizeof(r->root), "%s", val);
			while (strlen(r->root) > 1 && r->root[strlen(r->root) - 1] == '/')
				r->root[strlen(r->root) - 1] = '\0';
		}
		svc_add(r->f, r->c, key, first, val, strlen(val), path, line, r->ctx);
	}
out:
	free(l);
	free(words);
}

static void httpd_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		       size_t ind)
{
	struct httpd_file *hf = arg;
	struct httpd_rd *r = hf->r;
	bool more;

	(void)ind;
	if (hf->stop)
		return;
	if (r->cn == 0 && l[0] == '#')
		return;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)l[i] < 0x20 && l[i] != '\t' && l[i] != '\r') {
			ia_problem_add(&r->c->issues, "", path, line, 0,
				       "rest of the file not examined: control bytes (not a "
				       "configuration file)");
			hf->stop = true;
			r->cn = 0;
			return;
		}
	more = n && l[n - 1] == '\\';
	if (more)
		n--;
	if (r->cn == 0)
		r->cont_line = line;
	if (r->cn + n + 1 >= sizeof(r->cont)) {
		r->cont_cut = true;
	} else {
		memcpy(r->cont + r->cn, l, n);
		r->cn += n;
		if (more)
			r->cont[r->cn++] = ' ';
	}
	if (more)
		return;
	if (r->cont_cut)
		ia_problem_add(&r->c->issues, "", path, r->cont_line, 0,
			       "line not examined: longer than %d bytes", IA_MAX_HTTPD_LINE);
	else
		httpd_logical(hf, path, r->cont_line, r->cont, r->cn);
	r->cn = 0;
	r->cont_cut = false;
}

static void httpd_file(struct httpd_rd *r, const char *path, const char *from, unsigned line)
{
	struct httpd_file *hf;
	unsigned saved_depth = r->depth;

	if (!svc_push(r->c, &r->st, path, from, line))
		return;
	hf = calloc(1, sizeof(*hf));
	if (!hf)
		abort();
	hf->r = r;
	r->cn = 0;
	svc_lines(r->t, r->f, r->c, path, httpd_line, hf);
	if (r->cn)
		ia_problem_add(&r->c->issues, "", path, r->cont_line, 0,
			       "a line continued with '\\' at the end of the file");
	r->cn = 0;
	/* sections this file left open: httpd refuses it; close them here */
	if (hf->n_open)
		ia_problem_add(&r->c->issues, "", path, 0, 0,
			       "<%s> not closed at the end of the file (httpd refuses to start)",
			       hf->open[hf->n_open - 1].name);
	while (hf->n_open) {
		struct httpd_open *o = &hf->open[--hf->n_open];

		if (r->skip) {
			r->skip--;
			continue;
		}
		r->depth--;
		if (o->is_ctx)
			r->ctx = r->ctx >= 0 ? r->c->ctx[r->ctx].parent : -1;
	}
	(void)saved_depth;
	free(hf);
	svc_pop(&r->st);
}

/* Debian's /etc/apache2/envvars: "export NAME=value" lines as apache2ctl sets them ($SUFFIX
 * empty: the default instance). */
static void envvars_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
			 size_t ind)
{
	struct httpd_rd *r = arg;
	const char *k, *v;
	size_t kn, vn;
	char name[128], value[IA_MAX_PATH], *s;

	(void)path;
	(void)line;
	(void)ind;
	if (n < 8 || strncmp(l, "export ", 7) != 0 ||
	    !ia_split(l + 7, n - 7, '=', &k, &kn, &v, &vn))
		return;
	ia_trim(&k, &kn);
	ia_trim(&v, &vn);
	if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
		v++;
		vn -= 2;
	}
	if (kn == 0 || kn >= sizeof(name) || vn >= sizeof(value) || memchr(k, '$', kn) ||
	    r->n_vars >= IA_MAX_HTTPD_VARS)
		return;
	snprintf(name, sizeof(name), "%.*s", (int)kn, k);
	snprintf(value, sizeof(value), "%.*s", (int)vn, v);
	while ((s = strstr(value, "$SUFFIX")) != NULL)
		memmove(s, s + 7, strlen(s + 7) + 1);
	if (strchr(value, '$') || strchr(value, '`'))
		return;
	var_set(r, name, value, path, line);
}

void inv_svc_httpd(const struct tgt *t, struct inv_facts *f)
{
	static const struct {
		const char *conf, *root;
	} mains[] = {{"/etc/apache2/apache2.conf", "/etc/apache2"},
		     {"/etc/httpd/conf/httpd.conf", "/etc/httpd"}};
	struct httpd_rd *r;
	const struct tgt_entry *e;
	size_t m;

	for (m = 0; m < IA_ARRAY_SIZE(mains); m++)
		if (tgt_lookup(t, mains[m].conf, 0, &e) == 0)
			break;
	if (m == IA_ARRAY_SIZE(mains))
		return;
	r = calloc(1, sizeof(*r));
	if (!r)
		abort();
	r->t = t;
	r->f = f;
	r->c = &f->svc.httpd;
	r->ctx = -1;
	snprintf(r->root, sizeof(r->root), "%s", mains[m].root);
	r->c->found = true;
	r->c->main = mains[m].conf;
	if (m == 0) {
		struct inv_conf scratch = {0};

		svc_lines(t, f, &scratch, "/etc/apache2/envvars", envvars_line, r);
		ia_problems_release(&scratch.issues);
	}
	httpd_file(r, mains[m].conf, "", 0);
	free(r);
}
