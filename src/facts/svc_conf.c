/* svc_conf.c — service configurations as facts: directives with their file, line and context,
 * includes by glob inside the image, word splitting, and the collector that runs each service's */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fnmatch.h>
#include <strings.h>

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/xalloc.h"

#include "util/banned.h"

bool svc_add(struct inv_facts *f, struct inv_conf *c, const char *key, size_t kn, const char *value,
	     size_t vn, const char *path, unsigned line, int ctx)
{
	struct inv_conf_dir *d;

	if (c->n >= IA_MAX_CONFIG_SETTINGS) {
		if (!c->full)
			ia_problem_add(&c->issues, "", path, line, -IA_ETOOBIG,
				       "settings past IA_MAX_CONFIG_SETTINGS (%u) not examined",
				       IA_MAX_CONFIG_SETTINGS);
		c->full = true;
		return false;
	}
	ia_grow(&c->v, sizeof(*c->v), c->n + 1, &c->cap);
	d = &c->v[c->n++];
	d->key = ia_pool_strndup(&f->pool, key, kn);
	d->value = ia_pool_strndup(&f->pool, value ? value : "", value ? vn : 0);
	d->path = ia_pool_strdup(&f->pool, path);
	d->line = line;
	d->ctx = ctx;
	return true;
}

int svc_add_ctx(struct inv_facts *f, struct inv_conf *c, const char *kind, const char *args,
		size_t an, const char *path, unsigned line)
{
	struct inv_conf_ctx *x;

	if (c->n_ctx >= IA_MAX_CONFIG_SETTINGS) {
		if (!c->full)
			ia_problem_add(&c->issues, "", path, line, -IA_ETOOBIG,
				       "settings past IA_MAX_CONFIG_SETTINGS (%u) not examined",
				       IA_MAX_CONFIG_SETTINGS);
		c->full = true;
		return -1;
	}
	ia_grow(&c->ctx, sizeof(*c->ctx), c->n_ctx + 1, &c->cap_ctx);
	x = &c->ctx[c->n_ctx];
	x->kind = ia_pool_strdup(&f->pool, kind);
	x->args = ia_pool_strndup(&f->pool, args ? args : "", args ? an : 0);
	x->path = ia_pool_strdup(&f->pool, path);
	x->line = line;
	x->parent = -1;
	return (int)c->n_ctx++;
}

static bool in_ctx(const struct inv_conf_dir *d, int ctx)
{
	return ctx == -2 || d->ctx == ctx;
}

const struct inv_conf_dir *inv_conf_first(const struct inv_conf *c, const char *key, int ctx)
{
	for (size_t i = 0; i < c->n; i++)
		if (in_ctx(&c->v[i], ctx) && strcasecmp(c->v[i].key, key) == 0)
			return &c->v[i];
	return NULL;
}

const struct inv_conf_dir *inv_conf_last(const struct inv_conf *c, const char *key, int ctx)
{
	for (size_t i = c->n; i-- > 0;)
		if (in_ctx(&c->v[i], ctx) && strcasecmp(c->v[i].key, key) == 0)
			return &c->v[i];
	return NULL;
}

bool svc_push(struct inv_conf *c, struct svc_stack *st, const char *path, const char *from,
	      unsigned line)
{
	for (size_t i = 0; i < st->depth; i++)
		if (strcmp(st->path[i], path) == 0) {
			ia_problem_add(&c->issues, "", from, line, 0,
				       "include not followed: %s is already being read (a cycle)",
				       path);
			return false;
		}
	if (st->depth >= IA_MAX_SVC_INCLUDE_DEPTH) {
		ia_problem_add(&c->issues, "", from, line, 0,
			       "include not followed: %s nested deeper than %d files", path,
			       IA_MAX_SVC_INCLUDE_DEPTH);
		return false;
	}
	if (c->files >= IA_MAX_SVC_FILES) {
		ia_problem_add(&c->issues, "", from, line, 0,
			       "include not followed: %s is past IA_MAX_SVC_FILES (%d) files", path,
			       IA_MAX_SVC_FILES);
		return false;
	}
	st->path[st->depth++] = path;
	c->files++;
	return true;
}

void svc_pop(struct svc_stack *st)
{
	if (st->depth)
		st->depth--;
}

void svc_join(char *out, size_t cap, const char *dir, const char *name)
{
	if (name[0] == '/')
		snprintf(out, cap, "%s", name);
	else
		snprintf(out, cap, "%s/%s", dir, name);
}

int svc_glob(const struct tgt *t, struct inv_conf *c, const char *pattern, const char *from,
	     unsigned line, void (*fn)(const char *path, void *arg), void *arg)
{
	const char *slash = strrchr(pattern, '/');
	char dir[IA_MAX_PATH];
	const struct tgt_entry *e;
	size_t b, end, dl;
	int n = 0;

	if (!slash || (size_t)(slash - pattern) >= sizeof(dir))
		return 0;
	dl = (size_t)(slash - pattern);
	memcpy(dir, pattern, dl);
	dir[dl] = '\0';
	if (strpbrk(dir, "*?[")) {
		ia_problem_add(&c->issues, "", from, line, 0,
			       "include not followed: %s has a wildcard in a directory", pattern);
		return -1;
	}
	if (!strpbrk(slash + 1, "*?[")) {
		if (tgt_lookup(t, pattern, 0, &e) < 0)
			return 0;
		fn(pattern, arg);
		return 1;
	}
	if (dl == 0)
		snprintf(dir, sizeof(dir), "/");
	if (tgt_lookup(t, dir, 0, &e) < 0 || !S_ISDIR(e->mode) ||
	    tgt_subtree(t, e->path, &b, &end) < 0)
		return 0;
	dl = strlen(e->path) == 1 ? 0 : strlen(e->path);
	for (size_t i = b; i < end; i++) {
		const char *p = tgt_at(t, i)->path, *name = p + dl + 1;
		char full[IA_MAX_PATH];

		if (strchr(name, '/') || name[0] == '.' ||
		    fnmatch(slash + 1, name, FNM_PERIOD) != 0)
			continue;
		/* the pattern's directory as written (it may be a symlink to e) */
		snprintf(full, sizeof(full), "%.*s/%s", (int)(slash - pattern), pattern, name);
		fn(full, arg);
		n++;
	}
	return n;
}

int svc_words(const char *s, size_t n, char *out, size_t cap, size_t *first, bool hash_ends)
{
	size_t i = 0, o = 0;
	int words = 0;

	*first = 0;
	if (cap == 0)
		return -1;
	while (i < n) {
		char q = 0;

		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= n || (s[i] == '#' && hash_ends))
			break;
		if (words && o + 1 < cap)
			out[o++] = ' ';
		for (; i < n; i++) {
			char ch = s[i];

			if (q) {
				if (ch == q) {
					q = 0;
					continue;
				}
			} else if (ch == '"' || ch == '\'') {
				q = ch;
				continue;
			} else if (ch == ' ' || ch == '\t' || ch == '\r') {
				break;
			}
			if (ch == '\\' && q != '\'' && i + 1 < n)
				ch = s[++i];
			if (o + 1 < cap)
				out[o++] = ch;
		}
		if (q) {
			out[o] = '\0';
			return -1;
		}
		if (words++ == 0)
			*first = o;
	}
	out[o] = '\0';
	return words;
}

int svc_lines(const struct tgt *t, struct inv_facts *f, struct inv_conf *c, const char *path,
	      void (*fn)(void *arg, const char *path, unsigned line, const char *l, size_t n,
			 size_t ind),
	      void *arg)
{
	struct inv_text x;
	const char *l;
	size_t n;
	char *p = ia_pool_strdup(&f->pool, path); /* directives keep it */
	int r = inv_text_open(&x, t, &c->issues, p, IA_MAX_SVC_FILE);

	if (r < 0)
		return r;
	while (inv_text_next(&x, &l, &n)) {
		size_t ind = 0;

		/* the blanks inv_text_next trimmed off the start of the line */
		while (l - ind > x.b.data &&
		       (l[-1 - (ptrdiff_t)ind] == ' ' || l[-1 - (ptrdiff_t)ind] == '\t'))
			ind++;
		if (n)
			fn(arg, p, x.c.lineno, l, n, ind);
	}
	inv_text_close(&x);
	return 0;
}

/* ---- the collector ---- */

static void conf_release(struct inv_conf *c)
{
	free(c->v);
	free(c->ctx);
	ia_problems_release(&c->issues);
	memset(c, 0, sizeof(*c));
}

void inv_svc_release(struct inv_svc *s)
{
	struct inv_conf *all[] = {&s->sshd,    &s->sshd_pam, &s->redis,  &s->mosquitto,
				  &s->mysql,   &s->postgres, &s->pg_hba, &s->memcached,
				  &s->mongodb, &s->elastic,  &s->nginx,  &s->php,
				  &s->httpd};

	for (size_t i = 0; i < IA_ARRAY_SIZE(all); i++)
		conf_release(all[i]);
}

int inv_collect_svc(const struct tgt *t, struct inv_facts *f)
{
	inv_svc_sshd(t, f);
	inv_svc_net(t, f);
	inv_svc_db(t, f);
	inv_svc_nginx(t, f);
	inv_svc_php(t, f);
	inv_svc_httpd(t, f);
	return 0;
}
