/* software.c — software outside the package managers: the collector's walk, the component list,
 * and servers and runtimes installed by hand (PHP, MySQL, Tomcat, nginx, httpd, Node.js, ...) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <sys/stat.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "facts/software_int.h"
#include "target/target.h"
#include "util/hmap.h"

#include "util/banned.h"

const char *inv_comp_kind_name(enum inv_comp_kind k)
{
	switch (k) {
	case INV_COMP_SERVER:
		return "server";
	case INV_COMP_LIBRARY:
		return "library";
	case INV_COMP_WEBAPP:
		return "webapp";
	case INV_COMP_PLUGIN:
		return "plugin";
	case INV_COMP_THEME:
		return "theme";
	case INV_COMP_JSLIB:
		return "jslib";
	}
	return "?";
}

void inv_software_release(struct inv_software *s)
{
	free(s->v);
	ia_problems_release(&s->issues);
	if (s->seen) {
		ia_hmap_release(s->seen);
		free(s->seen);
	}
	memset(s, 0, sizeof(*s));
}

/* ---- helpers of the readers ---- */

void sw_issue(struct sw_ctx *c, const char *path, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_add(&c->s->issues, SW_AREA, path, 0, code, "%s", msg);
}

static const char *sw_dup(struct sw_ctx *c, const char *s)
{
	return ia_pool_strdup(&c->f->pool, s ? s : "");
}

void sw_add(struct sw_ctx *c, const struct sw_comp *in)
{
	struct inv_software *s = c->s;
	struct inv_component *o;

	if (s->full)
		return;
	if (s->n >= IA_MAX_COMPONENTS) {
		s->full = true;
		sw_issue(c, in->path ? in->path : "", -IA_ETOOBIG,
			 "more than %u components (limit IA_MAX_COMPONENTS); the rest are not "
			 "listed",
			 (unsigned)IA_MAX_COMPONENTS);
		return;
	}
	if (in->kind == INV_COMP_JSLIB || in->kind == INV_COMP_SERVER) {
		/* one library or server per name, version and directory */
		struct ia_buf k = IA_BUF_INIT(3 * IA_MAX_PATH);
		uint32_t dummy;
		bool dup;

		ia_buf_addf(&k, "%d|%s|%s|%s", (int)in->kind, in->name ? in->name : "",
			    in->version ? in->version : "", in->dir ? in->dir : "");
		if (!s->seen)
			s->seen = ia_xcalloc(1, sizeof(*s->seen));
		dup = k.data && ia_hmap_get(s->seen, k.data, k.len, &dummy);
		if (!dup && k.data)
			ia_hmap_put(s->seen, ia_pool_strdup(&c->f->pool, k.data), 1);
		ia_buf_release(&k);
		if (dup)
			return;
	}
	ia_grow(&s->v, sizeof(*s->v), s->n + 1, &s->cap);
	o = &s->v[s->n++];
	o->name = sw_dup(c, in->name);
	o->version = sw_dup(c, in->version);
	o->ecosystem = sw_dup(c, in->ecosystem ? in->ecosystem : "generic");
	o->kind = in->kind;
	o->path = sw_dup(c, in->path);
	o->how = sw_dup(c, in->how);
	o->parent = sw_dup(c, in->parent);
	o->dir = sw_dup(c, in->dir);
}

int sw_read(struct sw_ctx *c, const char *path, size_t max)
{
	struct ia_err err = {0};
	int r;

	ia_buf_reset(&c->buf);
	r = tgt_read(c->t, path, max, &c->buf, NULL, &err);
	if (r == 0) {
		if (!c->buf.data) /* an empty file */
			ia_buf_adds(&c->buf, "");
		return c->buf.data ? 1 : -ENOMEM;
	}
	if (r == -ENOENT || r == -ENOTDIR)
		return 0;
	if (r == -IA_ETOOBIG)
		sw_issue(c, path, r, "not read: larger than %zu bytes", max);
	else
		sw_issue(c, path, r, "not read: %s", err.msg[0] ? err.msg : ia_strerror(r));
	return r;
}

int sw_head(struct sw_ctx *c, const struct tgt_entry *e, size_t n)
{
	int ret = 0;
	char *p;
	ssize_t got;

	ia_buf_reset(&c->buf);
	p = ia_buf_reserve(&c->buf, n + 1, &ret);
	if (!p)
		return ret;
	got = tgt_pread(c->t, e, p, n, 0);
	if (got < 0)
		return (int)got;
	ia_buf_commit(&c->buf, (size_t)got);
	c->buf.data[c->buf.len] = '\0';
	return 0;
}

bool sw_owned(const struct sw_ctx *c, const char *path)
{
	return inv_owner(c->f, path) != NULL;
}

const char *sw_find(const char *data, size_t len, const char *needle)
{
	return memmem(data, len, needle, strlen(needle));
}

static bool vchar(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '.' || ch == '+' || ch == '-' || ch == '_' || ch == '~';
}

/* The version at p (end: e) into out: true when one holding a digit was found. */
static bool take_version(const char *p, const char *e, char *out, size_t outn)
{
	size_t n = 0;
	bool digit = false;

	while (p < e && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'' || *p == '=' ||
			 *p == ':' || *p == '('))
		p++;
	if (p + 1 < e && (*p == 'v' || *p == 'V') && p[1] >= '0' && p[1] <= '9')
		p++;
	while (p < e && vchar(*p) && n + 1 < outn) {
		digit |= *p >= '0' && *p <= '9';
		out[n++] = *p++;
	}
	while (n && (out[n - 1] == '.' || out[n - 1] == '-'))
		n--; /* "1.2.3." at the end of a sentence */
	out[n] = '\0';
	return digit && n > 0 && (p >= e || !vchar(*p));
}

bool sw_version_after(const char *data, size_t len, const char *marker, char *out, size_t outn)
{
	const char *m = sw_find(data, len, marker);

	if (!m)
		return false;
	m += strlen(marker);
	/* a version within the same line */
	const char *e = memchr(m, '\n', (size_t)(data + len - m));

	return take_version(m, e ? e : data + len, out, outn);
}

bool sw_header(const char *data, size_t len, const char *key, char *out, size_t outn)
{
	size_t kn = strlen(key);
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *q = p;

		if (!e)
			e = end;
		while (q < e && (*q == ' ' || *q == '\t' || *q == '*' || *q == '#'))
			q++;
		if ((size_t)(e - q) > kn && strncasecmp(q, key, kn) == 0) {
			size_t n = 0;

			q += kn;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			while (e > q && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
				e--;
			while (q < e && n + 1 < outn)
				out[n++] = *q++;
			out[n] = '\0';
			if (n)
				return true;
		}
		p = e + 1;
	}
	return false;
}

void sw_dirname(const char *path, char *out, size_t outn)
{
	const char *s = strrchr(path, '/');
	size_t n = s ? (size_t)(s - path) : 0;

	if (n == 0) {
		snprintf(out, outn, "/");
		return;
	}
	if (n >= outn)
		n = outn - 1;
	memmove(out, path, n); /* out may be path */
	out[n] = '\0';
}

bool sw_ends(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* ---- servers and runtimes installed by hand ---- */

/* The installation directory of a file: the path before its last "/bin/", "/sbin/",
 * "/include/", "/lib/" or "/libexec/" component, else its directory. */
static void install_dir(const char *path, char *out, size_t outn)
{
	static const char *const parts[] = {"/bin/", "/sbin/", "/include/", "/lib/", "/libexec/"};
	const char *best = NULL;

	for (size_t i = 0; i < IA_ARRAY_SIZE(parts); i++) {
		const char *p = path, *q;

		while ((q = strstr(p, parts[i])) != NULL) {
			if (!best || q > best)
				best = q;
			p = q + 1;
		}
	}
	if (best && best > path)
		snprintf(out, outn, "%.*s", (int)(best - path), path);
	else if (best)
		snprintf(out, outn, "/");
	else
		sw_dirname(path, out, outn);
}

static void add_server(struct sw_ctx *c, const char *name, const char *version, const char *path,
		       const char *dir, const char *how)
{
	struct sw_comp comp = {.name = name,
			       .version = version,
			       .ecosystem = "generic",
			       .path = path,
			       .how = how,
			       .dir = dir,
			       .kind = INV_COMP_SERVER};

	sw_add(c, &comp);
}

/* A version header file (#define NAME "1.2.3") or a file whose text holds a marker. */
struct text_rule {
	const char *base;   /* file name */
	const char *suffix; /* the path must end with it ("" none) */
	const char *name;   /* component */
	const char *marker; /* the version follows it */
	const char *how;
};

static const struct text_rule text_rules[] = {
	{"php_version.h", "/php/main/php_version.h", "php", "#define PHP_VERSION ",
	 "PHP_VERSION in main/php_version.h"},
	{"mysql_version.h", "", "mysql", "#define MYSQL_SERVER_VERSION",
	 "MYSQL_SERVER_VERSION in mysql_version.h"},
	{"INFO_SRC", "/docs/INFO_SRC", "mysql", "MySQL source ", "docs/INFO_SRC"},
	{"RELEASE-NOTES", "", "tomcat", "Apache Tomcat Version ", "RELEASE-NOTES"},
	{"VERSION.txt", "", "jetty", "jetty-", "VERSION.txt"},
	{"version.h", "/proftpd/version.h", "proftpd", "#define PROFTPD_VERSION_TEXT",
	 "PROFTPD_VERSION_TEXT in include/proftpd/version.h"},
	{"patchlevel.h", "", "python", "#define PY_VERSION ", "PY_VERSION in patchlevel.h"},
	{"release", "", "openjdk", "JAVA_VERSION=", "JAVA_VERSION in the JDK's release file"},
};

/* The version of a numbered header: #define A 2 / #define B 4 / #define C 57 -> "2.4.57". */
static bool numbered(const char *data, size_t len, const char *const keys[3], char *out,
		     size_t outn)
{
	char v[3][16];

	for (int i = 0; i < 3; i++) {
		const char *m = sw_find(data, len, keys[i]);
		size_t n = 0;

		if (!m)
			return false;
		m += strlen(keys[i]);
		while (m < data + len && (*m == ' ' || *m == '\t'))
			m++;
		while (m < data + len && *m >= '0' && *m <= '9' && n + 1 < sizeof(v[i]))
			v[i][n++] = *m++;
		v[i][n] = '\0';
		if (!n)
			return false;
	}
	snprintf(out, outn, "%s.%s.%s", v[0], v[1], v[2]);
	return true;
}

static void text_files(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	char v[IA_MAX_VERSION], dir[IA_MAX_PATH];

	for (size_t i = 0; i < IA_ARRAY_SIZE(text_rules); i++) {
		const struct text_rule *r = &text_rules[i];
		const char *name = r->name;

		if (strcmp(base, r->base) != 0 || !sw_ends(e->path, r->suffix))
			continue;
		if (sw_head(c, e, IA_MAX_SW_HEAD) < 0 ||
		    !sw_version_after(c->buf.data, c->buf.len, r->marker, v, sizeof(v)))
			continue;
		if (strcmp(name, "mysql") == 0 && strstr(v, "MariaDB"))
			name = "mariadb";
		if (strcmp(name, "openjdk") == 0 && !sw_find(c->buf.data, c->buf.len, "JAVA_"))
			continue;
		if (strcmp(base, "RELEASE-NOTES") == 0 || strcmp(base, "VERSION.txt") == 0 ||
		    strcmp(base, "release") == 0)
			sw_dirname(e->path, dir, sizeof(dir));
		else
			install_dir(e->path, dir, sizeof(dir));
		add_server(c, name, v, e->path, dir, r->how);
		return;
	}
	if (strcmp(base, "node_version.h") == 0 && sw_ends(e->path, "/node/node_version.h")) {
		static const char *const keys[3] = {"#define NODE_MAJOR_VERSION",
						    "#define NODE_MINOR_VERSION",
						    "#define NODE_PATCH_VERSION"};

		if (sw_head(c, e, IA_MAX_SW_HEAD) == 0 &&
		    numbered(c->buf.data, c->buf.len, keys, v, sizeof(v))) {
			install_dir(e->path, dir, sizeof(dir));
			add_server(c, "node.js", v, e->path, dir,
				   "NODE_*_VERSION in include/node/node_version.h");
		}
	} else if (strcmp(base, "ap_release.h") == 0) {
		static const char *const keys[3] = {"#define AP_SERVER_MAJORVERSION_NUMBER",
						    "#define AP_SERVER_MINORVERSION_NUMBER",
						    "#define AP_SERVER_PATCHLEVEL_NUMBER"};

		if (sw_head(c, e, IA_MAX_SW_HEAD) == 0 &&
		    numbered(c->buf.data, c->buf.len, keys, v, sizeof(v))) {
			install_dir(e->path, dir, sizeof(dir));
			add_server(c, "httpd", v, e->path, dir,
				   "AP_SERVER_*_NUMBER in include/ap_release.h");
		}
	}
}

/* Executables whose own bytes name their version. */
struct bin_rule {
	const char *prefix; /* file name, or its start when it ends in '*' */
	const char *name;
	const char *marker; /* the version follows it; NULL: listed without a version */
};

static const struct bin_rule bin_rules[] = {
	{"php*", "php", "X-Powered-By: PHP/"},
	{"nginx", "nginx", "nginx version: nginx/"},
	{"openresty", "nginx", "nginx version: openresty/"},
	{"httpd", "httpd", "Apache/"},
	{"apache2", "httpd", "Apache/"},
	{"node", "node.js", "/download/release/v"},
	{"nodejs", "node.js", "/download/release/v"},
	{"mysqld", "mysql", NULL},
	{"mariadbd", "mariadb", NULL},
	{"proftpd", "proftpd", "ProFTPD "},
	{"redis-server", "redis", NULL},
};

static bool bin_name(const char *base, const char *pat)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '*') {
		/* php, php5, php7.4, php-fpm, php-cgi, php-fpm8.2: the name then digits, '.', '-'
		 */
		if (strncmp(base, pat, n - 1) != 0)
			return false;
		for (const char *p = base + n - 1; *p; p++)
			if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == 'f' ||
			      *p == 'p' || *p == 'm' || *p == 'c' || *p == 'g' || *p == 'i'))
				return false;
		return true;
	}
	return strcmp(base, pat) == 0;
}

/* Searches e's first IA_MAX_SW_SCAN bytes for marker followed by a version, chunk by chunk
 * (chunks overlap by the marker's length plus the longest version kept). */
static bool scan_binary(struct sw_ctx *c, const struct tgt_entry *e, const char *marker, char *v,
			size_t vn)
{
	enum { CHUNK = 1u << 20 };
	size_t ml = strlen(marker), keep = ml + 64;
	uint64_t off = 0, limit = e->size < IA_MAX_SW_SCAN ? e->size : IA_MAX_SW_SCAN;
	char *b = ia_xmalloc(CHUNK + 1);
	bool found = false;

	while (off < limit && !found) {
		size_t want = (size_t)(limit - off < CHUNK ? limit - off : CHUNK);
		ssize_t got = tgt_pread(c->t, e, b, want, off);
		const char *p = b;

		if (got <= 0)
			break;
		while (!found && (p = memmem(p, (size_t)(b + got - p), marker, ml)) != NULL) {
			found = take_version(p + ml, b + got, v, vn) && v[0] >= '0' && v[0] <= '9';
			p += ml;
		}
		if ((size_t)got < want || (uint64_t)got <= keep)
			break;
		off += (uint64_t)got - keep;
	}
	free(b);
	return found;
}

static void binaries(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	char v[64], dir[IA_MAX_PATH], how[160];

	if (!(e->mode & 0111) || e->size < 16)
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(bin_rules); i++) {
		const struct bin_rule *r = &bin_rules[i];

		if (!bin_name(base, r->prefix))
			continue;
		install_dir(e->path, dir, sizeof(dir));
		v[0] = '\0';
		if (r->marker && scan_binary(c, e, r->marker, v, sizeof(v)))
			snprintf(how, sizeof(how), "\"%s\" string in the binary", r->marker);
		else
			snprintf(how, sizeof(how), "binary found; its version could not be read");
		add_server(c, r->name, v, e->path, dir, how);
		return;
	}
}

void sw_server_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	text_files(c, e, base);
	binaries(c, e, base);
}

/* ---- the walk ---- */

/* A server listed without a version where the same installation gave one is dropped. */
static void drop_unversioned(struct inv_software *s)
{
	size_t o = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct inv_component *a = &s->v[i];
		bool drop = false;

		if (a->kind == INV_COMP_SERVER && !a->version[0])
			for (size_t j = 0; j < s->n && !drop; j++)
				drop = j != i && s->v[j].kind == INV_COMP_SERVER &&
				       s->v[j].version[0] && strcmp(s->v[j].name, a->name) == 0 &&
				       strcmp(s->v[j].dir, a->dir) == 0;
		if (!drop)
			s->v[o++] = *a;
	}
	s->n = o;
}

int inv_collect_software(const struct tgt *t, struct inv_facts *f)
{
	struct sw_ctx c = {.t = t, .f = f, .s = &f->software};

	ia_buf_init(&c.buf, IA_MAX_SW_JSON + 1);
	for (size_t i = 0, n = tgt_count(t); i < n && !f->software.full; i++) {
		const struct tgt_entry *e = tgt_at(t, i);
		const char *base;

		if (!S_ISREG(e->mode))
			continue;
		base = strrchr(e->path, '/');
		base = base ? base + 1 : e->path;
		if (sw_owned(&c, e->path))
			continue;
		sw_server_file(&c, e, base);
		sw_lang_file(&c, e, base);
		sw_web_file(&c, e, base);
	}
	drop_unversioned(&f->software);
	ia_buf_release(&c.buf);
	return 0;
}
