/* dpkg.c — dpkg packages: /var/lib/dpkg/status, status.d/ (distroless), info/<pkg>.list and
 * .md5sums */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>
#include <sys/stat.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/pool.h"

#include "util/str.h"
#include "util/banned.h"

#define DPKG_DIR "/var/lib/dpkg"
#define DPKG_STATUS DPKG_DIR "/status"
#define DPKG_STATUS_D DPKG_DIR "/status.d"
#define DPKG_INFO DPKG_DIR "/info"

/* One stanza as read: spans point into the file's bytes. */
struct stanza {
	unsigned line; /* first line */
	struct inv_span package, status, version, arch, source, maintainer;
	const char *conf_begin, *conf_end; /* the Conffiles continuation lines */
	bool bad;                          /* a malformed line was reported */
};

/* Called for each valid package after inv_add_pkg, to add its files. */
struct dpkg_hook {
	void (*fn)(void *ctx, struct inv_facts *f, size_t pkg, const struct stanza *st);
	void *ctx;
};

static bool valid_name(struct inv_span s)
{
	if (!s.n || !isalnum((unsigned char)s.p[0]))
		return false;
	for (size_t i = 0; i < s.n; i++) {
		char c = s.p[i];

		if (!(islower((unsigned char)c) || isdigit((unsigned char)c) || c == '+' ||
		      c == '-' || c == '.'))
			return false;
	}
	return true;
}

static bool valid_version(struct inv_span s)
{
	if (!s.n || s.n > 256)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		char c = s.p[i];

		if (!(isalnum((unsigned char)c) || c == '.' || c == '+' || c == '~' || c == ':' ||
		      c == '-'))
			return false;
	}
	/* dpkg only warns about a version that does not start with a digit, and lists it */
	return isalnum((unsigned char)s.p[0]);
}

static bool valid_arch(struct inv_span s)
{
	if (s.n > 64)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (!(islower((unsigned char)s.p[i]) || isdigit((unsigned char)s.p[i]) ||
		      s.p[i] == '-'))
			return false;
	return true;
}

/* Next conffile line " /etc/x md5 [obsolete]" from *p (< end); false at the end. */
static bool next_conffile(const char **p, const char *end, struct inv_span *path,
			  struct inv_span *md5)
{
	while (*p < end) {
		const char *nl = memchr(*p, '\n', (size_t)(end - *p));
		const char *l = *p, *e = nl ? nl : end;
		size_t n;

		*p = nl ? nl + 1 : end;
		n = (size_t)(e - l);
		ia_trim(&l, &n);
		if (!n || l[0] != '/')
			continue;
		size_t i = 0;

		while (i < n && l[i] != ' ' && l[i] != '\t')
			i++;
		path->p = l;
		path->n = i;
		while (i < n && (l[i] == ' ' || l[i] == '\t'))
			i++;
		md5->p = l + i;
		md5->n = 0;
		while (i + md5->n < n && l[i + md5->n] != ' ' && l[i + md5->n] != '\t')
			md5->n++;
		if (md5->n != 32 || !ia_is_hex(md5->p, md5->n, false))
			md5->n = 0; /* "newconffile" or garbage: no digest */
		return true;
	}
	return false;
}

static void add_conffiles(struct inv_facts *f, size_t pkg, const struct stanza *st)
{
	const char *p = st->conf_begin;
	struct inv_span path, md5;
	char hex[33];

	while (p && next_conffile(&p, st->conf_end, &path, &md5)) {
		if (md5.n) {
			memcpy(hex, md5.p, 32);
			hex[32] = '\0';
		}
		inv_add_file(f, pkg, path.p, path.n, md5.n ? hex : NULL,
			     md5.n ? INV_DIGEST_MD5 : INV_DIGEST_NONE, 0, INV_FILE_CONFIG);
	}
}

static const char *const states[] = {
	"not-installed",   "config-files",     "half-installed",   "unpacked",
	"half-configured", "triggers-awaited", "triggers-pending", "installed",
};

/*
 * Turns a finished stanza into a package. Returns 0, 1 when it was skipped, or
 * -IA_ETOOBIG when the package limit is reached.
 */
static int finish_stanza(struct inv_facts *f, struct inv_fp *fp, const char *path,
			 struct stanza *st, bool need_status, const struct dpkg_hook *hook)
{
	struct inv_pkg p = {0};
	const char *state = "installed";
	size_t idx;

	if (!st->package.p) {
		inv_fp_add(fp, st->line, -IA_ECORRUPT, "stanza without a Package field");
		return 1;
	}
	if (!valid_name(st->package)) {
		inv_fp_add(fp, st->line, -IA_ECORRUPT, "invalid package name");
		return 1;
	}
	if (st->status.p) {
		/* "want flag state" */
		const char *s = st->status.p, *e = s + st->status.n;
		struct inv_span w[3];
		int nw = 0;

		while (s < e && nw < 4) {
			while (s < e && *s == ' ')
				s++;
			if (s >= e)
				break;
			const char *b = s;

			while (s < e && *s != ' ')
				s++;
			if (nw < 3)
				w[nw] = (struct inv_span){b, (size_t)(s - b)};
			nw++;
		}
		state = NULL;
		for (size_t i = 0; nw == 3 && i < IA_ARRAY_SIZE(states); i++)
			if (ia_eq(w[2].p, w[2].n, states[i]))
				state = states[i];
		if (!state) {
			inv_fp_add(fp, st->line, -IA_ECORRUPT,
				   "package \"%.*s\": Status is not \"want flag state\"",
				   (int)st->package.n, st->package.p);
			return 1;
		}
		if (strcmp(state, "not-installed") == 0)
			return 1; /* dpkg-query -W does not list it either */
	} else if (need_status) {
		inv_fp_add(fp, st->line, -IA_ECORRUPT, "package \"%.*s\": no Status field",
			   (int)st->package.n, st->package.p);
		return 1;
	}
	if (!st->version.p || !valid_version(st->version)) {
		inv_fp_add(fp, st->line, -IA_ECORRUPT, "package \"%.*s\": %s Version",
			   (int)st->package.n, st->package.p, st->version.p ? "invalid" : "no");
		return 1;
	}
	if (st->arch.p && !valid_arch(st->arch)) {
		inv_fp_add(fp, st->line, -IA_ECORRUPT, "package \"%.*s\": invalid Architecture",
			   (int)st->package.n, st->package.p);
		return 1;
	}
	p.name = inv_span_dup(f, st->package);
	p.version = inv_span_dup(f, st->version);
	p.arch = inv_span_dup(f, st->arch);
	p.epoch = -1;
	p.state = state;
	p.vendor = inv_span_dup(f, st->maintainer);
	p.db = INV_DB_DPKG;
	p.db_path = path;
	p.db_line = st->line;
	if (st->source.p) {
		/* "name" or "name (version)" */
		struct inv_span s = st->source;
		const char *sp = memchr(s.p, ' ', s.n);

		if (sp) {
			const char *open = memchr(sp, '(', (size_t)(s.p + s.n - sp));
			const char *close =
				open ? memchr(open, ')', (size_t)(s.p + s.n - open)) : NULL;

			if (open && close) {
				struct inv_span v = {open + 1, (size_t)(close - open - 1)};

				ia_trim(&v.p, &v.n);
				if (valid_version(v))
					p.source_version = inv_span_dup(f, v);
			}
			s.n = (size_t)(sp - s.p);
		}
		if (valid_name(s))
			p.source = inv_span_dup(f, s);
		else
			inv_fp_add(fp, st->line, -IA_ECORRUPT,
				   "package \"%s\": invalid Source; taken as the package name",
				   p.name);
	}
	idx = inv_add_pkg(f, &p);
	if (idx == SIZE_MAX)
		return -IA_ETOOBIG;
	if (hook)
		hook->fn(hook->ctx, f, idx, st);
	else
		add_conffiles(f, idx, st);
	return 0;
}

static bool field_char_ok(char c)
{
	return c > ' ' && c < 0x7f && c != ':';
}

static bool ieq_span(struct inv_span s, const char *lit)
{
	return strlen(lit) == s.n && strncasecmp(s.p, lit, s.n) == 0;
}

/*
 * One "Field: value" line of the stanza st (line lineno): the fields imgaudit reads are kept,
 * Conffiles starts the indented list that follows. A malformed line marks the stanza bad.
 */
static void read_field(struct inv_fp *fp, struct stanza *st, const char *line, size_t n,
		       unsigned lineno, bool *have_field, bool *in_conf)
{
	size_t i = 0;

	while (i < n && field_char_ok(line[i]))
		i++;
	if (i == 0 || i >= n || line[i] != ':' || line[0] == '#' || line[0] == '-') {
		if (!st->bad)
			inv_fp_add(fp, lineno, -IA_ECORRUPT, "not a \"Field: value\" line");
		st->bad = true;
		*have_field = *in_conf = false;
		return;
	}
	struct inv_span name = {line, i}, val = {line + i + 1, n - i - 1};
	struct inv_span *dst = NULL;

	ia_trim(&val.p, &val.n);
	*in_conf = false;
	*have_field = true;
	if (!ia_is_text(val.p, val.n)) {
		if (!st->bad)
			inv_fp_add(fp, lineno, -IA_ECORRUPT, "control bytes in field \"%.*s\"",
				   (int)(name.n > 64 ? 64 : name.n), name.p);
		st->bad = true;
		return;
	}
	if (ieq_span(name, "Package"))
		dst = &st->package;
	else if (ieq_span(name, "Status"))
		dst = &st->status;
	else if (ieq_span(name, "Version"))
		dst = &st->version;
	else if (ieq_span(name, "Architecture"))
		dst = &st->arch;
	else if (ieq_span(name, "Source"))
		dst = &st->source;
	else if (ieq_span(name, "Maintainer"))
		dst = &st->maintainer;
	else if (ieq_span(name, "Conffiles"))
		*in_conf = true;
	if (dst && dst->p)
		inv_fp_add(fp, lineno, -IA_ECORRUPT, "duplicate field \"%.*s\"; the first is used",
			   (int)name.n, name.p);
	else if (dst)
		*dst = val;
}

/*
 * The stanza parser, read as dpkg reads it: the last stanza needs no blank line
 * after it (dpkg-query -W lists it). status.d files need no Status; the status
 * file needs one per stanza. A status file whose last line has no newline ends
 * inside a field value (dpkg refuses the whole file: "end of file during value of
 * field"): it was cut short, and that stanza is reported and dropped.
 */
static int parse_stanzas(struct inv_facts *f, const char *path, const char *data, size_t len,
			 bool status_d, const struct dpkg_hook *hook)
{
	struct ia_lines c;
	struct inv_fp fp;
	struct stanza st = {0};
	bool in = false, in_conf = false, have_field = false;
	size_t seen = 0; /* stanzas with a Package field */
	const char *line = NULL;
	size_t n = 0;
	int r, ret = 0;

	inv_fp_init(&fp, f, INV_AREA_DPKG, path);
	ia_lines_init(&c, data, len);
	for (;;) {
		r = ia_lines_next(&c, &line, &n);
		if (r < 0) {
			if (!st.bad)
				inv_fp_long_line(&fp, c.lineno, r);
			if (!in)
				st.line = c.lineno;
			in = true;
			st.bad = true;
			have_field = in_conf = false;
			continue;
		}
		bool blank = r == 0;

		if (r == 1) {
			const char *t = line;
			size_t tn = n;

			ia_trim(&t, &tn);
			blank = tn == 0;
		}
		if (blank) {
			if (in && r == 0 && !status_d && data[len - 1] != '\n') {
				inv_fp_add(&fp, st.line, -IA_ECORRUPT,
					   "the file ends inside a field of the stanza of line %u "
					   "(no newline at the end): cut short, stanza not used",
					   st.line);
			} else if (in) {
				if (st.package.p)
					seen++;
				ret = finish_stanza(f, &fp, path, &st, !status_d, hook);
				if (ret > 0)
					ret = 0;
				if (ret < 0)
					break;
			}
			memset(&st, 0, sizeof(st));
			in = in_conf = have_field = false;
			if (r == 0)
				break;
			continue;
		}
		if (!in) {
			in = true;
			st.line = c.lineno;
		}
		if (line[0] == ' ' || line[0] == '\t') {
			if (in_conf) {
				if (!st.conf_begin)
					st.conf_begin = line;
				st.conf_end = line + n;
			} else if (!have_field && !st.bad) {
				inv_fp_add(&fp, c.lineno, -IA_ECORRUPT,
					   "continuation line without a field before it");
				st.bad = true;
			}
			continue;
		}
		read_field(&fp, &st, line, n, c.lineno, &have_field, &in_conf);
	}
	if (!ret && len && !seen)
		inv_fp_add(&fp, 0, -IA_ECORRUPT, "no package stanza in a non-empty database");
	r = inv_fp_finish(&fp);
	return ret ? ret : r;
}

int inv_dpkg_parse_status(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	return parse_stanzas(f, path, data, len, false, NULL);
}

int inv_dpkg_parse_status_d(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	return parse_stanzas(f, path, data, len, true, NULL);
}

/* ---- the collector: files from info/ ---- */

struct files_ctx {
	const struct tgt *t;
	const char *info_dir; /* DPKG_INFO, or the status.d dir for distroless */
	const char *base;     /* status.d: the stanza file's name; NULL: use the package */
	struct ia_buf list, md5;
	/* info files already read: a status naming one package 200,000 times must not read
	 * (and parse) its 64 MB list 200,000 times; the first stanza gets the files */
	struct ia_hmap seen;
	struct ia_pool seen_pool;
	size_t dups; /* stanzas whose info files were read already */
};

/* "<dir>/<a><b><c>" into used; false when it does not fit (a name too long for a file). */
static bool info_path(char *used, size_t usedn, const char *dir, const char *a, const char *b,
		      const char *c)
{
	int n = snprintf(used, usedn, "%s/%s%s%s", dir, a, b, c);

	return n > 0 && (size_t)n < usedn;
}

/*
 * Reads info file "<dir>/<stem><suffix>", stem "<pkg>:<arch>" first then "<pkg>". Returns 1
 * (read), 0 (absent), or -1 when the file was already read for an earlier stanza.
 */
static int read_info(struct files_ctx *x, struct inv_facts *f, const struct inv_pkg *p,
		     const char *suffix, struct ia_buf *out, char *used, size_t usedn)
{
	const char *stems[2][3] = {
		{x->base ? x->base : p->name, "", ""},
		{p->name, p->arch[0] ? ":" : "", p->arch},
	};
	uint32_t dummy;

	/* status.d: the stanza file's own name; otherwise "<pkg>:<arch>" then "<pkg>" */
	for (int i = x->base ? 0 : 1; i >= 0; i--) {
		if (!x->base && i == 1 && !p->arch[0])
			continue;
		if (!info_path(used, usedn, x->info_dir, stems[i][0], stems[i][1], stems[i][2]) ||
		    strlen(used) + strlen(suffix) >= usedn)
			continue;
		memcpy(used + strlen(used), suffix, strlen(suffix) + 1);
		if (ia_hmap_get(&x->seen, used, strlen(used), &dummy))
			return -1;
		if (inv_read(x->t, f, INV_AREA_DPKG, used, IA_MAX_TEXT_FILE, out) == 1) {
			ia_hmap_put(&x->seen, ia_pool_strdup(&x->seen_pool, used), 0);
			return 1;
		}
		if (x->base)
			break;
	}
	return 0;
}

struct digest {
	const char *md5; /* 32 hex + NUL, in scratch */
	bool config, used;
};

/* The digests one package's files may have: md5sums lines and conffiles, by path without "/". */
struct pkg_digests {
	struct ia_pool scratch;
	struct ia_hmap sums, conf; /* path -> index in dg */
	struct digest *dg;
	size_t n_dg, cap_dg;
};

static void digest_add(struct pkg_digests *d, struct ia_hmap *map, struct inv_span path,
		       const char *md5, bool config)
{
	ia_grow(&d->dg, sizeof(*d->dg), d->n_dg + 1, &d->cap_dg);
	d->dg[d->n_dg] = (struct digest){md5, config, false};
	ia_hmap_put(map, ia_pool_strndup(&d->scratch, path.p, path.n), (uint32_t)d->n_dg);
	d->n_dg++;
}

static void digests_release(struct pkg_digests *d)
{
	free(d->dg);
	ia_hmap_release(&d->sums);
	ia_hmap_release(&d->conf);
	ia_pool_release(&d->scratch);
}

/* md5sums (file mpath, bytes in md5): "<32 hex>  <path relative to />" lines. */
static void read_md5sums(struct inv_facts *f, const char *mpath, const struct ia_buf *md5,
			 struct pkg_digests *d)
{
	struct inv_fp fp;
	struct ia_lines c;
	const char *line;
	size_t n;
	int r;

	inv_fp_init(&fp, f, INV_AREA_DPKG, mpath);
	ia_lines_init(&c, md5->data, md5->len);
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		if (r < 0 || n < 35 || !ia_is_hex(line, 32, false) || line[32] != ' ' ||
		    !ia_is_text(line, n)) {
			if (r < 0 || n)
				inv_fp_add(&fp, c.lineno, -IA_ECORRUPT,
					   "not a \"<md5>  <path>\" line");
			continue;
		}
		struct inv_span pth = {line + 33, n - 33};

		while (pth.n && (*pth.p == ' ' || *pth.p == '*')) {
			pth.p++;
			pth.n--;
		}
		while (pth.n && *pth.p == '/') {
			pth.p++;
			pth.n--;
		}
		if (!pth.n)
			continue;
		digest_add(d, &d->sums, pth, ia_pool_strndup(&d->scratch, line, 32), false);
	}
	inv_fp_finish(&fp);
}

/* The conffiles of the stanza, keyed by their path without the leading "/". */
static void read_conffiles(const struct stanza *st, struct pkg_digests *d)
{
	const char *cp = st->conf_begin;
	struct inv_span path, md5;

	while (cp && next_conffile(&cp, st->conf_end, &path, &md5)) {
		while (path.n && path.p[0] == '/') {
			path.p++;
			path.n--;
		}
		digest_add(d, &d->conf, path,
			   md5.n ? ia_pool_strndup(&d->scratch, md5.p, 32) : NULL, true);
	}
}

/* The files of the .list (file lpath, bytes in list), each with its digest when one is known. */
static void add_listed_files(struct inv_facts *f, size_t pkg, const char *lpath,
			     const struct ia_buf *list, struct pkg_digests *d)
{
	struct inv_fp fp;
	struct ia_lines c;
	const char *line;
	size_t n;
	int r;

	inv_fp_init(&fp, f, INV_AREA_DPKG, lpath);
	ia_lines_init(&c, list->data, list->len);
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		uint32_t di;
		const char *rel;
		size_t rn;
		const struct digest *dg = NULL;

		if (r < 0 || (n && (line[0] != '/' || !ia_is_text(line, n)))) {
			inv_fp_add(&fp, c.lineno, -IA_ECORRUPT, "not an absolute path");
			continue;
		}
		if (!n)
			continue;
		rel = line + 1;
		rn = n - 1;
		if (ia_hmap_get(&d->conf, rel, rn, &di) || ia_hmap_get(&d->sums, rel, rn, &di)) {
			d->dg[di].used = true;
			dg = &d->dg[di];
		}
		inv_add_file(f, pkg, line, n, dg ? dg->md5 : NULL,
			     dg && dg->md5 ? INV_DIGEST_MD5 : INV_DIGEST_NONE, 0,
			     dg && dg->config ? INV_FILE_CONFIG : 0);
	}
	inv_fp_finish(&fp);
}

/*
 * What the list does not name: conffiles (obsolete ones, or no list at all) and, for
 * distroless status.d without lists, the md5sums entries.
 */
static void add_unlisted_files(struct inv_facts *f, size_t pkg, bool have_list,
			       struct pkg_digests *d)
{
	/* walk in insertion order: each key put at its value's index */
	const char **keys = d->n_dg ? ia_xcalloc(d->n_dg, sizeof(*keys)) : NULL;
	const struct digest *dg = d->dg;
	const struct ia_hmap *maps[] = {&d->conf, &d->sums};
	const char *k;
	uint32_t v;

	for (size_t mi = 0; mi < IA_ARRAY_SIZE(maps); mi++)
		for (size_t pos = 0; ia_hmap_next(maps[mi], &pos, &k, &v);)
			keys[v] = k;
	for (size_t i = 0; i < d->n_dg; i++) {
		if (dg[i].used || !keys[i])
			continue;
		if (!dg[i].config && have_list)
			continue; /* md5sums line for a file the list lacks: not owned */
		inv_add_file(f, pkg, keys[i], strlen(keys[i]), dg[i].md5,
			     dg[i].md5 ? INV_DIGEST_MD5 : INV_DIGEST_NONE, 0,
			     dg[i].config ? INV_FILE_CONFIG : 0);
	}
	free(keys);
}

/* The dpkg hook: the files of package pkg from its info files and its stanza's conffiles. */
static void add_files(void *ctx, struct inv_facts *f, size_t pkg, const struct stanza *st)
{
	struct files_ctx *x = ctx;
	struct pkg_digests d = {0};
	char lpath[IA_MAX_PATH], mpath[IA_MAX_PATH];
	const struct inv_pkg *p = &f->pkgs[pkg];
	bool have_list;
	int r;

	if (f->files_limit_hit || f->paths_limit_hit)
		return; /* nothing more would be kept: do not read more lists */
	r = read_info(x, f, p, ".list", &x->list, lpath, sizeof(lpath));
	if (r < 0) {
		if (x->dups++ < IA_MAX_FILE_PROBLEMS)
			ia_problem_add(&f->problems, INV_AREA_DPKG, p->db_path, st->line,
				       -IA_ECORRUPT,
				       "package \"%.64s\" listed again: %s was read for the first "
				       "stanza; not read again",
				       p->name, lpath);
		return;
	}
	have_list = r == 1;
	if (read_info(x, f, p, ".md5sums", &x->md5, mpath, sizeof(mpath)) == 1)
		read_md5sums(f, mpath, &x->md5, &d);
	read_conffiles(st, &d);
	if (have_list)
		add_listed_files(f, pkg, lpath, &x->list, &d);
	add_unlisted_files(f, pkg, have_list, &d);
	digests_release(&d);
}

int inv_collect_dpkg(const struct tgt *t, struct inv_facts *f)
{
	struct files_ctx x = {.t = t,
			      .info_dir = DPKG_INFO,
			      .list = IA_BUF_INIT(IA_MAX_TEXT_FILE),
			      .md5 = IA_BUF_INIT(IA_MAX_TEXT_FILE)};
	struct dpkg_hook hook = {add_files, &x};
	struct ia_buf b = IA_BUF_INIT(IA_MAX_TEXT_FILE);
	size_t begin, end, before;
	int r, ret = 0;

	r = inv_read(t, f, INV_AREA_DPKG, DPKG_STATUS, IA_MAX_TEXT_FILE, &b);
	if (r == 1) {
		before = f->problems.len;
		r = parse_stanzas(f, DPKG_STATUS, b.data, b.len, false, &hook);
		inv_add_db(f, INV_DB_DPKG, DPKG_STATUS, r == 0 && f->problems.len == before);
	} else if (r < 0) {
		inv_add_db(f, INV_DB_DPKG, DPKG_STATUS, false);
	}
	if (r < 0 && r != -IA_ECORRUPT)
		ret = r;

	/* distroless: status.d/<name> stanza files (and <name>.md5sums beside them) */
	const struct tgt_entry *dir;

	if (tgt_lookup(t, DPKG_STATUS_D, 0, &dir) == 0 && S_ISDIR(dir->mode) &&
	    tgt_subtree(t, DPKG_STATUS_D, &begin, &end) == 0) {
		size_t plen = strlen(DPKG_STATUS_D) + 1, files = 0;
		bool ok = true;

		x.info_dir = DPKG_STATUS_D;
		before = f->problems.len;
		for (size_t i = begin; i < end; i++) {
			const struct tgt_entry *e = tgt_at(t, i);
			const char *name;

			if (!e || strlen(e->path) <= plen)
				continue;
			name = e->path + plen;
			if (strchr(name, '/') || !S_ISREG(e->mode) || name[0] == '.')
				continue;
			size_t nn = strlen(name);

			if (nn > 8 && strcmp(name + nn - 8, ".md5sums") == 0)
				continue;
			if (++files > IA_MAX_STATUS_D_FILES) {
				ia_problem_add(&f->problems, INV_AREA_DPKG, DPKG_STATUS_D, 0,
					       -IA_ETOOBIG,
					       "more than %u files (limit IA_MAX_STATUS_D_FILES)",
					       (unsigned)IA_MAX_STATUS_D_FILES);
				ok = false;
				break;
			}
			r = inv_read(t, f, INV_AREA_DPKG, e->path, IA_MAX_TEXT_FILE, &b);
			if (r != 1) {
				ok = false;
				continue;
			}
			x.base = name;
			r = parse_stanzas(f, e->path, b.data, b.len, true, &hook);
			if (r < 0)
				ok = false;
			if (r == -IA_ETOOBIG)
				break;
		}
		inv_add_db(f, INV_DB_DPKG, DPKG_STATUS_D, ok && f->problems.len == before);
	}
	if (x.dups > IA_MAX_FILE_PROBLEMS)
		ia_problem_add(&f->problems, INV_AREA_DPKG, DPKG_STATUS, 0, -IA_ECORRUPT,
			       "%zu more stanzas of packages listed again not listed "
			       "(limit IA_MAX_FILE_PROBLEMS)",
			       x.dups - IA_MAX_FILE_PROBLEMS);
	ia_buf_release(&b);
	ia_buf_release(&x.list);
	ia_buf_release(&x.md5);
	ia_hmap_release(&x.seen);
	ia_pool_release(&x.seen_pool);
	return ret;
}
