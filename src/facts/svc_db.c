/* svc_db.c — database servers' configurations as facts: MySQL/MariaDB option files (!include,
 * !includedir, [sections]), PostgreSQL clusters (postgresql.conf with include*, pg_hba.conf),
 * and the YAML of MongoDB and Elasticsearch */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

struct db_rd {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
	int ctx;
	bool hba; /* reading pg_hba.conf (its include lines), not postgresql.conf */
	const char *from;
	unsigned from_line;
	char dir[IA_MAX_PATH]; /* directory of the file being read (postgresql.conf includes) */
	/* YAML: the keys of the open mappings and their indentation */
	char ykey[IA_MAX_JSON_DEPTH][128];
	size_t yind[IA_MAX_JSON_DEPTH];
	size_t ydepth;
};

static void db_read(struct db_rd *r, const char *path,
		    void (*fn)(void *, const char *, unsigned, const char *, size_t, size_t))
{
	if (!svc_push(r->c, &r->st, path, r->from ? r->from : "", r->from_line))
		return;
	svc_lines(r->t, r->f, r->c, path, fn, r);
	svc_pop(&r->st);
}

/* ---- MySQL / MariaDB option files ---- */

static void my_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		    size_t ind);

static void my_include(const char *path, void *arg)
{
	struct db_rd *r = arg;
	int saved = r->ctx;

	/* an included file starts outside any [section] */
	r->ctx = -1;
	db_read(r, path, my_line);
	r->ctx = saved;
}

static void my_line(void *arg, const char *path, unsigned line, const char *l, size_t n, size_t ind)
{
	struct db_rd *r = arg;
	const char *k = l, *v = NULL;
	size_t kn = n, vn = 0;
	char key[256];

	if (l[0] == '#' || l[0] == ';')
		return;
	if (l[0] == '[') {
		const char *close = memchr(l, ']', n);
		int x;

		if (!close) {
			ia_problem_add(&r->c->issues, "", path, line, 0,
				       "line not examined: '[' without ']'");
			return;
		}
		x = svc_add_ctx(r->f, r->c, "section", l + 1, (size_t)(close - l - 1), path, line);
		r->ctx = x < 0 ? r->ctx : x;
		return;
	}
	if (l[0] == '!') {
		bool dir = ia_starts_with(l, n, "!includedir");
		size_t skip = dir ? 11 : ia_starts_with(l, n, "!include") ? 8 : 0;
		char name[IA_MAX_PATH], pat[IA_MAX_PATH + 16];
		const char *a = l + skip;
		size_t an = n - skip;

		if (!skip)
			return;
		ia_trim(&a, &an);
		snprintf(name, sizeof(name), "%.*s", (int)an, a);
		while (strlen(name) > 1 && name[strlen(name) - 1] == '/')
			name[strlen(name) - 1] = '\0';
		r->from = path;
		r->from_line = line;
		if (dir) {
			snprintf(pat, sizeof(pat), "%s/*.cnf", name);
			svc_glob(r->t, r->c, pat, path, line, my_include, r);
		} else {
			my_include(name, r);
		}
		return;
	}
	if (ia_split(l, n, '=', &k, &kn, &v, &vn)) {
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		/* a comment after the value, outside quotes */
		if (vn && v[0] != '"' && v[0] != '\'') {
			const char *h = memchr(v, '#', vn);

			if (h && (h == v || h[-1] == ' ' || h[-1] == '\t')) {
				vn = (size_t)(h - v);
				ia_trim(&v, &vn);
			}
		}
		if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
			v++;
			vn -= 2;
		}
	}
	if (kn == 0 || kn >= sizeof(key))
		return;
	/* option names: '_' and '-' are one, case does not matter, "loose-" only hides errors */
	for (size_t i = 0; i < kn; i++)
		key[i] = k[i] == '_' ? '-' : (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
	key[kn] = '\0';
	if (strncmp(key, "loose-", 6) == 0)
		memmove(key, key + 6, kn - 5);
	svc_add(r->f, r->c, key, strlen(key), v, vn, path, line, r->ctx);
}

/* ---- PostgreSQL ---- */

static void pg_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		    size_t ind);
static void hba_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		     size_t ind);

static void pg_include(const char *path, void *arg)
{
	struct db_rd *r = arg;
	char saved[IA_MAX_PATH];
	const char *slash = strrchr(path, '/');

	memcpy(saved, r->dir, sizeof(saved));
	snprintf(r->dir, sizeof(r->dir), "%.*s", (int)(slash ? slash - path : 0), path);
	db_read(r, path, r->hba ? hba_line : pg_line);
	memcpy(r->dir, saved, sizeof(saved));
}

/* The value of a postgresql.conf line: 'quoted' ('' a quote) or one word; comments cut. */
static void pg_value(const char *v, size_t vn, char *out, size_t cap)
{
	size_t o = 0, i = 0;

	if (vn && v[0] == '\'') {
		for (i = 1; i < vn && o + 1 < cap; i++) {
			if (v[i] == '\'') {
				if (i + 1 < vn && v[i + 1] == '\'')
					i++;
				else
					break;
			}
			out[o++] = v[i];
		}
	} else {
		for (; i < vn && v[i] != '#' && v[i] != ' ' && v[i] != '\t' && o + 1 < cap; i++)
			out[o++] = v[i];
	}
	out[o] = '\0';
}

static void pg_line(void *arg, const char *path, unsigned line, const char *l, size_t n, size_t ind)
{
	struct db_rd *r = arg;
	const char *k = l, *v;
	size_t kn = 0, vn;
	char key[128], val[4096];

	if (l[0] == '#')
		return;
	while (kn < n && l[kn] != ' ' && l[kn] != '\t' && l[kn] != '=')
		kn++;
	v = l + kn;
	vn = n - kn;
	ia_trim(&v, &vn);
	if (vn && v[0] == '=') {
		v++;
		vn--;
		ia_trim(&v, &vn);
	}
	if (kn == 0 || kn >= sizeof(key))
		return;
	for (size_t i = 0; i < kn; i++)
		key[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
	key[kn] = '\0';
	pg_value(v, vn, val, sizeof(val));
	if (strcmp(key, "include") == 0 || strcmp(key, "include_if_exists") == 0 ||
	    strcmp(key, "include_dir") == 0) {
		char p[IA_MAX_PATH], pat[IA_MAX_PATH + 16];

		svc_join(p, sizeof(p), r->dir, val);
		r->from = path;
		r->from_line = line;
		if (strcmp(key, "include_dir") == 0) {
			snprintf(pat, sizeof(pat), "%s/*.conf", p);
			svc_glob(r->t, r->c, pat, path, line, pg_include, r);
		} else {
			const struct tgt_entry *e;

			if (tgt_lookup(r->t, p, 0, &e) < 0 && strcmp(key, "include") == 0)
				ia_problem_add(&r->c->issues, "", path, line, 0,
					       "include %s: no such file in the image (the server "
					       "refuses to start)",
					       p);
			else
				pg_include(p, r);
		}
		return;
	}
	svc_add(r->f, r->c, key, kn, val, strlen(val), path, line, r->ctx);
}

static void hba_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		     size_t ind)
{
	struct db_rd *r = arg;
	char w[8192];
	size_t kn;
	const char *v;

	if (l[0] == '#')
		return;
	if (n >= sizeof(w) || svc_words(l, n, w, sizeof(w), &kn, true) <= 0) {
		ia_problem_add(&r->c->issues, "", path, line, 0, "line not examined: malformed");
		return;
	}
	v = w[kn] ? w + kn + 1 : w + kn;
	if ((kn == 7 && memcmp(w, "include", 7) == 0) ||
	    (kn == 17 && memcmp(w, "include_if_exists", 17) == 0)) {
		char p[IA_MAX_PATH];

		svc_join(p, sizeof(p), r->dir, v);
		r->from = path;
		r->from_line = line;
		pg_include(p, r);
		return;
	}
	svc_add(r->f, r->c, w, kn, v, strlen(v), path, line, r->ctx);
}

struct pg_clusters {
	char v[32][IA_MAX_PATH];
	size_t n;
};

static void pg_cluster_dir(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	struct pg_clusters *cl = arg;

	if (S_ISDIR(e->mode) && cl->n < IA_ARRAY_SIZE(cl->v))
		snprintf(cl->v[cl->n++], IA_MAX_PATH, "%s", e->path);
}

static void pg_version_dir(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	if (S_ISDIR(e->mode))
		inv_children(t, e->path, pg_cluster_dir, arg);
}

static void pg_cluster(const struct tgt *t, struct inv_facts *f, const char *dir)
{
	struct db_rd r = {.t = t, .f = f, .c = &f->svc.postgres};
	char conf[IA_MAX_PATH + 32], hba[IA_MAX_PATH + 32];
	const struct inv_conf_dir *h = NULL;
	const struct tgt_entry *e;
	int ctx;

	snprintf(conf, sizeof(conf), "%s/postgresql.conf", dir);
	if (tgt_lookup(t, conf, 0, &e) < 0)
		return;
	ctx = svc_add_ctx(f, &f->svc.postgres, "cluster", dir, strlen(dir), conf, 0);
	if (ctx < 0)
		return;
	r.ctx = ctx;
	if (!f->svc.postgres.found) {
		f->svc.postgres.found = true;
		f->svc.postgres.main = ia_pool_strdup(&f->pool, conf);
	}
	pg_include(conf, &r);
	for (size_t i = 0; i < f->svc.postgres.n; i++)
		if (f->svc.postgres.v[i].ctx == ctx &&
		    strcmp(f->svc.postgres.v[i].key, "hba_file") == 0)
			h = &f->svc.postgres.v[i];
	if (h && h->value[0] == '/')
		snprintf(hba, sizeof(hba), "%s", h->value);
	else
		snprintf(hba, sizeof(hba), "%s/pg_hba.conf", dir);
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.f = f;
	r.c = &f->svc.pg_hba;
	r.hba = true;
	r.ctx = svc_add_ctx(f, r.c, "cluster", dir, strlen(dir), hba, 0);
	if (r.ctx < 0 || tgt_lookup(t, hba, 0, &e) < 0)
		return;
	if (!r.c->found) {
		r.c->found = true;
		r.c->main = ia_pool_strdup(&f->pool, hba);
	}
	pg_include(hba, &r);
}

/* ---- YAML (mongod.conf, elasticsearch.yml): block mappings as dotted keys ---- */

static void yaml_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		      size_t ind)
{
	struct db_rd *r = arg;
	const char *colon, *v;
	size_t kn, vn;
	char key[512];
	size_t o = 0;

	if (l[0] == '#' || ia_eq(l, n, "---") || ia_eq(l, n, "..."))
		return;
	if (l[0] == '-') {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: YAML sequence items are not read");
		return;
	}
	colon = NULL;
	for (size_t i = 0; i < n; i++)
		if (l[i] == ':' && (i + 1 == n || l[i + 1] == ' ' || l[i + 1] == '\t')) {
			colon = l + i;
			break;
		}
	if (!colon) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: not a \"key: value\" line");
		return;
	}
	kn = (size_t)(colon - l);
	v = colon + 1;
	vn = n - kn - 1;
	ia_trim(&v, &vn);
	if (vn && v[0] != '"' && v[0] != '\'') {
		const char *h = memchr(v, '#', vn);

		if (h && (h == v || h[-1] == ' '))
			vn = (size_t)(h - v);
		ia_trim(&v, &vn);
	}
	if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
		v++;
		vn -= 2;
	}
	if (vn && (v[0] == '{' || v[0] == '[')) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: YAML flow collections are not read");
		return;
	}
	while (r->ydepth && r->yind[r->ydepth - 1] >= ind)
		r->ydepth--;
	for (size_t d = 0; d < r->ydepth; d++)
		o += (size_t)snprintf(key + o, sizeof(key) - o, "%s.", r->ykey[d]);
	if (o + kn >= sizeof(key) || kn >= sizeof(r->ykey[0]))
		return;
	memcpy(key + o, l, kn);
	key[o + kn] = '\0';
	if (vn == 0) {
		if (r->ydepth >= IA_ARRAY_SIZE(r->ykey)) {
			ia_problem_add(&r->c->issues, "", path, line, 0,
				       "line not examined: nested deeper than %zu mappings",
				       IA_ARRAY_SIZE(r->ykey));
			return;
		}
		snprintf(r->ykey[r->ydepth], sizeof(r->ykey[0]), "%.*s", (int)kn, l);
		r->yind[r->ydepth++] = ind;
		return;
	}
	svc_add(r->f, r->c, key, o + kn, v, vn, path, line, -1);
}

static void yaml_file(const struct tgt *t, struct inv_facts *f, struct inv_conf *c,
		      const char *path)
{
	struct db_rd *r;
	const struct tgt_entry *e;

	if (tgt_lookup(t, path, 0, &e) < 0)
		return;
	r = calloc(1, sizeof(*r));
	if (!r)
		abort();
	r->t = t;
	r->f = f;
	r->c = c;
	c->found = true;
	c->main = path;
	db_read(r, path, yaml_line);
	free(r);
}

void inv_svc_db(const struct tgt *t, struct inv_facts *f)
{
	struct db_rd *r = calloc(1, sizeof(*r));
	struct pg_clusters cl = {0};
	const struct tgt_entry *e;

	if (!r)
		abort();
	r->t = t;
	r->f = f;
	r->c = &f->svc.mysql;
	r->ctx = -1;
	/* mysqld reads /etc/my.cnf, then /etc/mysql/my.cnf (Debian: a link to mariadb.cnf or
	 * mysql.cnf), each with what it includes */
	for (size_t i = 0; i < 2; i++) {
		const char *p = i ? "/etc/mysql/my.cnf" : "/etc/my.cnf";

		if (tgt_lookup(t, p, 0, &e) < 0)
			continue;
		if (!r->c->found) {
			r->c->found = true;
			r->c->main = p;
		}
		r->ctx = -1;
		db_read(r, p, my_line);
	}
	free(r);
	inv_children(t, "/etc/postgresql", pg_version_dir, &cl);
	if (tgt_lookup(t, "/var/lib/pgsql/data/postgresql.conf", 0, &e) == 0 &&
	    cl.n < IA_ARRAY_SIZE(cl.v))
		snprintf(cl.v[cl.n++], IA_MAX_PATH, "/var/lib/pgsql/data");
	for (size_t i = 0; i < cl.n; i++)
		pg_cluster(t, f, cl.v[i]);
	yaml_file(t, f, &f->svc.mongodb, "/etc/mongod.conf");
	yaml_file(t, f, &f->svc.elastic, "/etc/elasticsearch/elasticsearch.yml");
}
