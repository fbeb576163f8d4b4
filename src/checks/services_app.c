/* services_app.c — the database connections applications are configured with: the user
 * (superusers: SVC-010) and whether the password is empty or weak (SVC-011), never quoted */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>

#include "checks/fam_util.h"
#include "checks/services_app.h"
#include "checks/weakpw.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The files applications keep their database connection in, by name anywhere in the image
 * (sample, test and documentation copies left out): wp-config.php (define DB_USER,
 * DB_PASSWORD), .env and .env.* (DB_USERNAME, DB_USER, DB_PASSWORD, ..._URL), Spring's
 * application*.properties and application*.yml (spring.datasource.username/password,
 * spring.data.mongodb.*), Django's settings.py (DATABASES 'USER', 'PASSWORD'), Rails'
 * database.yml (username, password); in all of them a URL scheme://user:password@host of
 * MongoDB, PostgreSQL, MySQL or MariaDB. A value that names an environment variable or a
 * placeholder ("${DB_PASSWORD}", env('X'), os.environ) is not a literal and is not judged.
 */

enum item_kind { IT_USER, IT_PW };

struct item {
	enum item_kind kind;
	char key[96];
	char group[96]; /* what pairs a user with its password: the YAML/properties parent */
	char value[256];
	bool literal;
	unsigned line;
};

struct app_file {
	const char *path;
	struct item v[IA_MAX_APP_ITEMS];
	size_t n;
};

static void evf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void evf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

/* Whether a value is written out (not a variable, a placeholder or code reading one). */
static bool literal(const char *v)
{
	return !(v[0] == '$' || strstr(v, "${") || strstr(v, "%(") || strstr(v, "env(") ||
		 strstr(v, "getenv") || strstr(v, "environ") || strstr(v, "ENV[") ||
		 strstr(v, "<%="));
}

static void add(struct app_file *af, enum item_kind k, const char *key, size_t kn,
		const char *group, const char *v, size_t vn, unsigned line)
{
	struct item *it;

	if (af->n >= IA_MAX_APP_ITEMS)
		return;
	it = &af->v[af->n++];
	it->kind = k;
	evf(it->key, sizeof(it->key), "%.*s", (int)kn, key);
	evf(it->group, sizeof(it->group), "%s", group);
	evf(it->value, sizeof(it->value), "%.*s", (int)vn, v);
	it->literal = literal(it->value);
	it->line = line;
}

/* A value unquoted ('x', "x") and trimmed, a trailing comment or ';' of its format dropped. */
static void unquote(const char **v, size_t *vn)
{
	ia_trim(v, vn);
	if (*vn >= 2 && ((*v)[0] == '"' || (*v)[0] == '\'')) {
		const char *e = memchr(*v + 1, (*v)[0], *vn - 1);

		if (e) {
			*vn = (size_t)(e - *v - 1);
			(*v)++;
			return;
		}
	}
	for (size_t i = 0; i < *vn; i++)
		if ((*v)[i] == '#' && (i == 0 || (*v)[i - 1] == ' ')) {
			*vn = i;
			break;
		}
	ia_trim(v, vn);
}

/* scheme://user:password@host in s: user and password items (group "url:LINE"). */
static void url(struct app_file *af, const char *s, size_t n, unsigned line)
{
	static const char *const schemes[] = {"mongodb://",    "mongodb+srv://", "postgres://",
					      "postgresql://", "mysql://",       "mariadb://"};

	for (size_t k = 0; k < IA_ARRAY_SIZE(schemes); k++) {
		size_t sl = strlen(schemes[k]);
		char g[32];

		for (size_t i = 0; i + sl < n; i++) {
			const char *u, *at, *colon, *end;

			if (strncasecmp(s + i, schemes[k], sl) != 0)
				continue;
			u = s + i + sl;
			end = u + strcspn(u, "/ \t\"'?,;");
			if (end > s + n)
				end = s + n;
			at = memchr(u, '@', (size_t)(end - u));
			if (!at)
				continue;
			colon = memchr(u, ':', (size_t)(at - u));
			evf(g, sizeof(g), "url:%u:%zu", line, i);
			add(af, IT_USER, schemes[k], sl - 3, g, u,
			    (size_t)((colon ? colon : at) - u), line);
			if (colon)
				add(af, IT_PW, schemes[k], sl - 3, g, colon + 1,
				    (size_t)(at - colon - 1), line);
		}
	}
}

/* The last component of a dotted key ("spring.datasource.username" -> "username"). */
static const char *last_part(const char *k)
{
	const char *d = strrchr(k, '.');

	return d ? d + 1 : k;
}

/* A dotted key (properties, flattened YAML) naming a database user or password. */
static void dotted(struct app_file *af, const char *key, const char *v, size_t vn, unsigned line,
		   bool any_parent)
{
	const char *lp = last_part(key);
	char group[96];
	bool db = any_parent || strstr(key, "datasource") || strstr(key, "mongodb") ||
		  strstr(key, "database") || strstr(key, "r2dbc") || strstr(key, "flyway") ||
		  strstr(key, "liquibase");

	evf(group, sizeof(group), "%.*s", (int)(lp - key), key);
	if (db && (strcmp(lp, "username") == 0 || strcmp(lp, "user") == 0))
		add(af, IT_USER, key, strlen(key), group, v, vn, line);
	else if (db && strcmp(lp, "password") == 0)
		add(af, IT_PW, key, strlen(key), group, v, vn, line);
}

/* ---- the formats, a line at a time ---- */

struct yaml_state {
	char key[8][96]; /* the path of keys by indentation level */
	size_t ind[8];
	size_t depth;
};

static void line_yaml(struct app_file *af, struct yaml_state *y, const char *l, size_t n,
		      size_t ind, unsigned line, bool any_parent)
{
	const char *k, *v;
	size_t kn, vn;
	char path[512];
	size_t o = 0;

	if (l[0] == '#' || l[0] == '-' || !ia_split(l, n, ':', &k, &kn, &v, &vn))
		return;
	ia_trim(&k, &kn);
	unquote(&v, &vn);
	while (y->depth && y->ind[y->depth - 1] >= ind)
		y->depth--;
	for (size_t i = 0; i < y->depth; i++)
		o += (size_t)snprintf(path + o, sizeof(path) - o, "%s.", y->key[i]);
	if (o >= sizeof(path))
		return;
	evf(path + o, sizeof(path) - o, "%.*s", (int)kn, k);
	if (vn == 0 && y->depth < IA_ARRAY_SIZE(y->key)) {
		evf(y->key[y->depth], sizeof(y->key[0]), "%.*s", (int)kn, k);
		y->ind[y->depth++] = ind;
		return;
	}
	dotted(af, path, v, vn, line, any_parent);
}

static void line_props(struct app_file *af, const char *l, size_t n, unsigned line)
{
	const char *k, *v;
	size_t kn, vn;
	char key[256];

	if (l[0] == '#' || l[0] == '!')
		return;
	if (!ia_split(l, n, '=', &k, &kn, &v, &vn) && !ia_split(l, n, ':', &k, &kn, &v, &vn))
		return;
	ia_trim(&k, &kn);
	ia_trim(&v, &vn);
	evf(key, sizeof(key), "%.*s", (int)kn, k);
	dotted(af, key, v, vn, line, false);
}

static void line_env(struct app_file *af, const char *l, size_t n, unsigned line)
{
	static const char *const users[] = {
		"DB_USERNAME", "DB_USER",       "DATABASE_USER", "DATABASE_USERNAME",
		"MYSQL_USER",  "POSTGRES_USER", "MONGO_USER",    "MONGO_INITDB_ROOT_USERNAME"};
	static const char *const pws[] = {"DB_PASSWORD",    "DATABASE_PASSWORD",
					  "MYSQL_PASSWORD", "POSTGRES_PASSWORD",
					  "MONGO_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD"};
	const char *k, *v;
	size_t kn, vn;

	if (l[0] == '#')
		return;
	if (n > 7 && strncmp(l, "export ", 7) == 0) {
		l += 7;
		n -= 7;
	}
	if (!ia_split(l, n, '=', &k, &kn, &v, &vn))
		return;
	ia_trim(&k, &kn);
	unquote(&v, &vn);
	for (size_t i = 0; i < IA_ARRAY_SIZE(users); i++)
		if (kn == strlen(users[i]) && strncmp(k, users[i], kn) == 0)
			add(af, IT_USER, k, kn, "", v, vn, line);
	for (size_t i = 0; i < IA_ARRAY_SIZE(pws); i++)
		if (kn == strlen(pws[i]) && strncmp(k, pws[i], kn) == 0)
			add(af, IT_PW, k, kn, "", v, vn, line);
}

/* name, then a quoted value after sep (',' for PHP define, ':' for a Python dict). */
static void quoted_after(struct app_file *af, const char *l, size_t n, unsigned line,
			 const char *name, char sep, enum item_kind kind)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i + nl + 2 < n; i++) {
		const char *p, *e, *end = l + n;
		char q;

		if ((l[i] != '\'' && l[i] != '"') || strncmp(l + i + 1, name, nl) != 0 ||
		    l[i + 1 + nl] != l[i])
			continue;
		p = l + i + nl + 2;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != sep)
			continue;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || (*p != '\'' && *p != '"'))
			continue; /* not a literal: a variable, a call */
		q = *p++;
		e = memchr(p, q, (size_t)(end - p));
		if (e)
			add(af, kind, name, nl, "", p, (size_t)(e - p), line);
		return;
	}
}

enum fmt { F_WP, F_ENV, F_PROPS, F_YAML, F_RAILS, F_DJANGO };

static void parse(struct app_file *af, enum fmt f, const struct ia_buf *b)
{
	struct yaml_state y = {0};
	const char *p = b->data ? b->data : "", *end = p + b->len;
	unsigned line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *l = p;
		size_t n = (size_t)((nl ? nl : end) - p), ind = 0;

		p = nl ? nl + 1 : end;
		line++;
		while (ind < n && (l[ind] == ' ' || l[ind] == '\t'))
			ind++;
		l += ind;
		n -= ind;
		while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
			n--;
		if (!n)
			continue;
		url(af, l, n, line);
		if (f == F_WP) {
			quoted_after(af, l, n, line, "DB_USER", ',', IT_USER);
			quoted_after(af, l, n, line, "DB_PASSWORD", ',', IT_PW);
		} else if (f == F_DJANGO) {
			quoted_after(af, l, n, line, "USER", ':', IT_USER);
			quoted_after(af, l, n, line, "PASSWORD", ':', IT_PW);
		} else if (f == F_ENV) {
			line_env(af, l, n, line);
		} else if (f == F_PROPS) {
			line_props(af, l, n, line);
		} else {
			line_yaml(af, &y, l, n, ind, line, f == F_RAILS);
		}
	}
}

/* The format of a file by its name, or -1 when it is not one read here. */
static int format_of(const char *path)
{
	const char *b = fam_basename(path);
	size_t bl = strlen(b);

	if (strstr(path, "/test/") || strstr(path, "/tests/") || strstr(path, "/example/") ||
	    strstr(path, "/examples/") || strstr(path, "/sample/") || strstr(path, "/samples/") ||
	    strncmp(path, "/usr/share/doc/", 15) == 0 || strncmp(path, "/proc/", 6) == 0 ||
	    strncmp(path, "/sys/", 5) == 0)
		return -1;
	if (strcmp(b, "wp-config.php") == 0)
		return F_WP;
	if (strcmp(b, ".env") == 0 ||
	    (strncmp(b, ".env.", 5) == 0 && !strstr(b, "example") && !strstr(b, "sample") &&
	     !strstr(b, "dist") && !strstr(b, "template")))
		return F_ENV;
	if (strncmp(b, "application", 11) == 0 && bl > 11 && (b[11] == '.' || b[11] == '-')) {
		if (bl > 11 + 11 && strcmp(b + bl - 11, ".properties") == 0)
			return F_PROPS;
		if (strcmp(b + bl - 4, ".yml") == 0 || strcmp(b + bl - 5, ".yaml") == 0)
			return F_YAML;
	}
	if (strcmp(b, "database.yml") == 0)
		return F_RAILS;
	if (strcmp(b, "settings.py") == 0)
		return F_DJANGO;
	return -1;
}

static bool superuser(const char *u)
{
	static const char *const su[] = {"root", "sa", "postgres", "system", "admin"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(su); i++)
		if (strcasecmp(u, su[i]) == 0)
			return true;
	return false;
}

/* The user item paired with password item p: the one in its group, by order. */
static const struct item *user_of(const struct app_file *af, size_t p)
{
	size_t nth = 0, seen = 0;

	for (size_t i = 0; i < p; i++)
		nth += af->v[i].kind == IT_PW && strcmp(af->v[i].group, af->v[p].group) == 0;
	for (size_t i = 0; i < af->n; i++)
		if (af->v[i].kind == IT_USER && strcmp(af->v[i].group, af->v[p].group) == 0 &&
		    seen++ == nth)
			return &af->v[i];
	return NULL;
}

static void judge(struct chk_ctx *ctx, const struct app_file *af, bool want_pw)
{
	for (size_t i = 0; i < af->n; i++) {
		const struct item *it = &af->v[i], *u;
		char ev[IA_MAX_EVIDENCE];
		const char *why;

		if (!want_pw && it->kind == IT_USER && it->literal && superuser(it->value)) {
			evf(ev, sizeof(ev), "%s %s", it->key, it->value);
			chk_report(ctx, af->path, it->line, ev, NULL,
				   "application connects to its database as the superuser: %s", ev);
		}
		if (!want_pw || it->kind != IT_PW || !it->literal)
			continue;
		u = user_of(af, i);
		why = chk_weak_password(u && u->literal ? u->value : NULL, it->value);
		if (!why)
			continue;
		evf(ev, sizeof(ev), "%s%s%s: %s", it->key, u ? " of user " : "", u ? u->value : "",
		    why);
		chk_report(ctx, af->path, it->line, ev, NULL,
			   "database password in an application configuration is weak: %s", ev);
	}
}

void chk_run_app_db(struct chk_ctx *ctx, bool want_pw)
{
	size_t files = 0, n = tgt_count(ctx->tgt);
	struct app_file *af = calloc(1, sizeof(*af));
	struct ia_buf b = IA_BUF_INIT(IA_MAX_APP_FILE);

	if (!af)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		int f;

		if (!S_ISREG(e->mode) || (f = format_of(e->path)) < 0)
			continue;
		if (files >= IA_MAX_APP_FILES) {
			chk_gap(ctx, NULL, 0,
				"application configurations past %d not examined (%s and later)",
				IA_MAX_APP_FILES, e->path);
			break;
		}
		files++;
		if (f == F_DJANGO && e->size > IA_MAX_APP_FILE)
			continue;
		if (fam_read(ctx, e->path, IA_MAX_APP_FILE, &b) < 0)
			continue;
		if (f == F_DJANGO && !(b.data && memmem(b.data, b.len, "DATABASES", 9)))
			continue;
		memset(af, 0, sizeof(*af));
		af->path = e->path;
		parse(af, (enum fmt)f, &b);
		judge(ctx, af, want_pw);
	}
	if (files)
		chk_note(ctx, "%zu application configuration file(s) read", files);
	else
		chk_absent(ctx,
			   "no application database configuration (wp-config.php, .env, "
			   "application.properties/yml, settings.py, database.yml) on this image");
	ia_buf_release(&b);
	free(af);
}
