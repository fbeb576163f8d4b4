/* repodata.c — rpm repository metadata: repomd.xml, primary.xml and updateinfo.xml read with
 * expat, bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/common.h"
#include "util/datafile.h"
#include "util/lines.h"
#include "util/xalloc.h"
#include "vulndb/packages.h"
#include "vulndb/repodata.h"
#include "vulndb/version.h"
#include "util/banned.h"

enum doc_kind { DOC_REPOMD, DOC_PRIMARY, DOC_UPDATEINFO };

/* What the element being read is, for its text. */
enum text_to { TXT_NONE, TXT_NAME, TXT_ARCH, TXT_ID, TXT_TITLE, TXT_SEVERITY };

struct xst {
	XML_Parser p;
	enum doc_kind kind;
	const char *name; /* the file, for problems */
	const char *repo;
	struct vdb_rpm_repo *r;
	struct ia_err *err;
	int code;        /* first fatal error (0 none) */
	unsigned depth;  /* of the element being read (1 = the root) */
	bool item;       /* inside a <package> (primary) or <update> (updateinfo) */
	bool bad;        /* the item was spoiled (a problem recorded) */
	size_t n_logged; /* problems of this file */
	enum text_to to; /* text being collected */
	char text[IA_MAX_XML_TEXT + 1];
	size_t tlen;
	bool tlong;
	/* the item */
	char name_[IA_MAX_XML_TEXT + 1], arch[IA_MAX_XML_TEXT + 1];
	char id[IA_MAX_XML_TEXT + 1], title[IA_MAX_XML_TEXT + 1], sev[IA_MAX_XML_TEXT + 1];
	const char *version, *release, *type, *issued; /* in r's pool */
	int64_t epoch;
	unsigned line;
	size_t fix_from; /* the update's first fix */
	/* repomd */
	char *primary, *updateinfo, *modules;
	size_t cap;
	bool in_primary, in_updateinfo, in_modules;
};

static void fatal(struct xst *s, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fatal(struct xst *s, int code, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	if (s->code)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->code = code;
	ia_err_set(s->err, code, s->name, (unsigned)XML_GetCurrentLineNumber(s->p), "%s", msg);
	XML_StopParser(s->p, XML_FALSE);
}

static void problem(struct xst *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct xst *s, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	s->bad = true;
	if (++s->n_logged > IA_MAX_FILE_PROBLEMS) {
		if (s->n_logged == IA_MAX_FILE_PROBLEMS + 1)
			ia_problem_add(&s->r->problems, VDB_RPM_AREA, s->name, s->line,
				       -IA_ECORRUPT, "more problems in this file not listed");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_add(&s->r->problems, VDB_RPM_AREA, s->name, s->line, -IA_ECORRUPT, "%s", msg);
}

/* The value of attribute key, or NULL. */
static const char *attr(const XML_Char **a, const char *key)
{
	for (size_t i = 0; a[i] && a[i + 1]; i += 2)
		if (strcmp(a[i], key) == 0)
			return a[i + 1];
	return NULL;
}

/* rpm's name characters (and an arch's): letters, digits and ._+-^~ (no spaces, no controls). */
static bool rpm_token(const char *s, bool arch)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > IA_MAX_NAME)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(isalnum(c) || c == '_' || (!arch && strchr(".+-^~", c))))
			return false;
	}
	return true;
}

/* "" or digits: the epoch (0 when absent). */
static bool parse_epoch(const char *s, int64_t *out)
{
	int64_t v = 0;

	*out = 0;
	if (!s || !*s)
		return true;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > (INT32_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* A version or release rpm's comparator takes, kept in the pool; NULL when invalid. */
static const char *keep_ver(struct xst *s, const char *v)
{
	struct ia_err e = {0};

	if (!v || !*v || strlen(v) > IA_MAX_VERSION || strchr(v, '-') ||
	    vdb_version_check(VDB_ECO_RPM, v, strlen(v), &e) < 0)
		return NULL;
	return ia_pool_strdup(&s->r->pool, v);
}

/* A package's version attributes (epoch ver rel, or epoch version release). */
static void read_evr(struct xst *s, const char *epoch, const char *ver, const char *rel)
{
	if (!parse_epoch(epoch, &s->epoch))
		problem(s, "package skipped: epoch \"%.32s\" is not a number", epoch);
	else if (!(s->version = keep_ver(s, ver)))
		problem(s, "package skipped: invalid version \"%.64s\"", ver ? ver : "");
	else if (!(s->release = keep_ver(s, rel)))
		problem(s, "package skipped: invalid release \"%.64s\"", rel ? rel : "");
}

static void collect(struct xst *s, enum text_to to)
{
	s->to = to;
	s->tlen = 0;
	s->tlong = false;
}

static void on_repomd_start(struct xst *s, const char *el, const XML_Char **a)
{
	const char *href, *type;
	char *dst;

	if (s->depth == 1 && strcmp(el, "repomd") != 0)
		fatal(s, -IA_ECORRUPT, "not a repomd.xml: its root element is <%.32s>", el);
	if (s->depth == 2 && strcmp(el, "data") == 0) {
		type = attr(a, "type");
		s->in_primary = type && strcmp(type, "primary") == 0;
		s->in_updateinfo = type && strcmp(type, "updateinfo") == 0;
		s->in_modules = type && strcmp(type, "modules") == 0;
	}
	if (s->depth != 3 || strcmp(el, "location") != 0 ||
	    !(s->in_primary || s->in_updateinfo || s->in_modules))
		return;
	dst = s->in_primary ? s->primary : s->in_updateinfo ? s->updateinfo : s->modules;
	href = attr(a, "href");
	if (!href || !*href || strlen(href) >= s->cap || !ia_is_text(href, strlen(href)))
		fatal(s, -IA_ECORRUPT, "a <location> without a usable href");
	else if (!*dst)
		snprintf(dst, s->cap, "%s", href);
}

static void on_primary_start(struct xst *s, const char *el, const XML_Char **a)
{
	if (s->depth == 1 && strcmp(el, "metadata") != 0)
		fatal(s, -IA_ECORRUPT, "not a primary.xml: its root element is <%.32s>", el);
	if (s->depth == 2 && strcmp(el, "package") == 0) {
		const char *t = attr(a, "type");

		s->item = !t || strcmp(t, "rpm") == 0;
		s->bad = false;
		s->name_[0] = s->arch[0] = '\0';
		s->version = s->release = NULL;
		s->epoch = 0;
		s->line = (unsigned)XML_GetCurrentLineNumber(s->p);
		return;
	}
	if (!s->item || s->depth != 3 || s->bad)
		return;
	if (strcmp(el, "name") == 0)
		collect(s, TXT_NAME);
	else if (strcmp(el, "arch") == 0)
		collect(s, TXT_ARCH);
	else if (strcmp(el, "version") == 0)
		read_evr(s, attr(a, "epoch"), attr(a, "ver"), attr(a, "rel"));
}

static void on_update_start(struct xst *s, const XML_Char **a)
{
	const char *t = attr(a, "type");

	if (s->r->n_advs >= IA_MAX_RPM_ADVISORIES) {
		fatal(s, -IA_ETOOBIG, "more than %u advisories (IA_MAX_RPM_ADVISORIES)",
		      (unsigned)IA_MAX_RPM_ADVISORIES);
		return;
	}
	s->item = true;
	s->bad = false;
	s->id[0] = s->title[0] = s->sev[0] = '\0';
	s->type = ia_pool_strdup(&s->r->pool,
				 t && strlen(t) < 64 && ia_is_text(t, strlen(t)) ? t : "");
	s->issued = "";
	s->line = (unsigned)XML_GetCurrentLineNumber(s->p);
	s->fix_from = s->r->n_fixes;
}

static void add_fix(struct xst *s, const XML_Char **a)
{
	const char *name = attr(a, "name"), *arch = attr(a, "arch");
	struct vdb_rpm_fix *f;
	bool was_bad = s->bad;

	s->bad = false;
	s->line = (unsigned)XML_GetCurrentLineNumber(s->p);
	if (!rpm_token(name, false) || !rpm_token(arch, true)) {
		problem(s, "advisory package skipped: invalid name or arch \"%.64s\"",
			name ? name : "");
	} else {
		read_evr(s, attr(a, "epoch"), attr(a, "version"), attr(a, "release"));
	}
	if (!s->bad) {
		if (s->r->n_fixes >= IA_MAX_RPM_ADVISORY_PACKAGES) {
			fatal(s, -IA_ETOOBIG,
			      "more than %u advisory packages (IA_MAX_RPM_ADVISORY_PACKAGES)",
			      (unsigned)IA_MAX_RPM_ADVISORY_PACKAGES);
			return;
		}
		ia_grow(&s->r->fixes, sizeof(*s->r->fixes), s->r->n_fixes + 1, &s->r->cap_fixes);
		f = &s->r->fixes[s->r->n_fixes++];
		f->pkg = (struct vdb_rpm_nevra){
			.name = ia_pool_strdup(&s->r->pool, name),
			.arch = ia_pool_strdup(&s->r->pool, arch),
			.version = s->version,
			.release = s->release,
			.epoch = s->epoch,
			.line = s->line,
		};
		f->advisory = s->r->n_advs; /* the update being read: added at its end */
	}
	s->bad = was_bad;
}

static void on_updateinfo_start(struct xst *s, const char *el, const XML_Char **a)
{
	if (s->depth == 1 && strcmp(el, "updates") != 0)
		fatal(s, -IA_ECORRUPT, "not an updateinfo.xml: its root element is <%.32s>", el);
	if (s->depth == 2 && strcmp(el, "update") == 0) {
		on_update_start(s, a);
		return;
	}
	if (!s->item)
		return;
	if (s->depth == 3 && strcmp(el, "id") == 0)
		collect(s, TXT_ID);
	else if (s->depth == 3 && strcmp(el, "title") == 0)
		collect(s, TXT_TITLE);
	else if (s->depth == 3 && strcmp(el, "severity") == 0)
		collect(s, TXT_SEVERITY);
	else if (s->depth == 3 && strcmp(el, "issued") == 0) {
		const char *d = attr(a, "date");

		if (d && ia_is_text(d, strlen(d)) && strlen(d) < 64)
			s->issued = ia_pool_strdup(&s->r->pool, d);
	} else if (s->depth == 5 && strcmp(el, "package") == 0)
		add_fix(s, a);
}

static void XMLCALL on_start(void *arg, const XML_Char *el, const XML_Char **a)
{
	struct xst *s = arg;

	if (s->code)
		return;
	if (++s->depth > IA_MAX_XML_DEPTH) {
		fatal(s, -IA_ECORRUPT, "elements nested deeper than %u (IA_MAX_XML_DEPTH)",
		      (unsigned)IA_MAX_XML_DEPTH);
		return;
	}
	s->to = TXT_NONE;
	if (s->kind == DOC_REPOMD)
		on_repomd_start(s, el, a);
	else if (s->kind == DOC_PRIMARY)
		on_primary_start(s, el, a);
	else
		on_updateinfo_start(s, el, a);
}

static void XMLCALL on_text(void *arg, const XML_Char *t, int len)
{
	struct xst *s = arg;

	if (s->to == TXT_NONE || len <= 0)
		return;
	if (s->tlen + (size_t)len > IA_MAX_XML_TEXT) {
		s->tlong = true;
		return;
	}
	memcpy(s->text + s->tlen, t, (size_t)len);
	s->tlen += (size_t)len;
}

/* The collected text, trimmed, into dst (IA_MAX_XML_TEXT + 1 bytes). false when too long or
 * not text. */
static bool take_text(struct xst *s, char *dst)
{
	const char *p = s->text;
	size_t n = s->tlen;

	ia_trim(&p, &n);
	if (s->tlong || !ia_is_text(p, n))
		return false;
	memcpy(dst, p, n);
	dst[n] = '\0';
	return true;
}

static void end_text(struct xst *s)
{
	static const char *const what[] = {"", "name", "arch", "id", "title", "severity"};
	char *dst = NULL;

	switch (s->to) {
	case TXT_NAME:
		dst = s->name_;
		break;
	case TXT_ARCH:
		dst = s->arch;
		break;
	case TXT_ID:
		dst = s->id;
		break;
	case TXT_TITLE:
		dst = s->title;
		break;
	case TXT_SEVERITY:
		dst = s->sev;
		break;
	case TXT_NONE:
		return;
	}
	if (!take_text(s, dst)) {
		if (s->to == TXT_TITLE)
			snprintf(dst, IA_MAX_XML_TEXT + 1,
				 "(title not kept: too long or not text)");
		else if (s->to == TXT_SEVERITY)
			dst[0] = '\0';
		else
			problem(s, "%s skipped: its <%s> is too long or not text",
				s->kind == DOC_PRIMARY ? "package" : "advisory", what[s->to]);
	}
	s->to = TXT_NONE;
}

static void end_package(struct xst *s)
{
	struct vdb_rpm_nevra *p;

	s->item = false;
	if (s->bad)
		return;
	if (!rpm_token(s->name_, false) || !rpm_token(s->arch, true) || !s->version) {
		problem(s, "package skipped: no valid <name>, <arch> or <version> (\"%.64s\")",
			s->name_);
		return;
	}
	if (s->r->n_pkgs >= IA_MAX_RPM_REPO_PACKAGES) {
		fatal(s, -IA_ETOOBIG, "more than %u packages (IA_MAX_RPM_REPO_PACKAGES)",
		      (unsigned)IA_MAX_RPM_REPO_PACKAGES);
		return;
	}
	ia_grow(&s->r->pkgs, sizeof(*s->r->pkgs), s->r->n_pkgs + 1, &s->r->cap_pkgs);
	p = &s->r->pkgs[s->r->n_pkgs++];
	*p = (struct vdb_rpm_nevra){
		.name = ia_pool_strdup(&s->r->pool, s->name_),
		.arch = ia_pool_strdup(&s->r->pool, s->arch),
		.version = s->version,
		.release = s->release,
		.epoch = s->epoch,
		.line = s->line,
	};
}

static void end_update(struct xst *s)
{
	struct vdb_rpm_advisory *a;

	s->item = false;
	if (!s->id[0]) {
		if (!s->bad)
			problem(s, "advisory skipped: no <id>");
		s->r->n_fixes = s->fix_from;
		return;
	}
	ia_grow(&s->r->advs, sizeof(*s->r->advs), s->r->n_advs + 1, &s->r->cap_advs);
	a = &s->r->advs[s->r->n_advs++];
	*a = (struct vdb_rpm_advisory){
		.id = ia_pool_strdup(&s->r->pool, s->id),
		.type = s->type,
		.severity = ia_pool_strdup(&s->r->pool, s->sev),
		.title = ia_pool_strdup(&s->r->pool, s->title),
		.issued = s->issued,
		.repo = ia_pool_strdup(&s->r->pool, s->repo ? s->repo : ""),
	};
}

static void XMLCALL on_end(void *arg, const XML_Char *el)
{
	struct xst *s = arg;

	if (s->code)
		return;
	end_text(s);
	if (s->depth == 2 && s->item && s->kind == DOC_PRIMARY && strcmp(el, "package") == 0)
		end_package(s);
	else if (s->depth == 2 && s->item && s->kind == DOC_UPDATEINFO && strcmp(el, "update") == 0)
		end_update(s);
	else if (s->depth == 2 && s->kind == DOC_REPOMD)
		s->in_primary = s->in_updateinfo = s->in_modules = false;
	s->depth--;
}

static void XMLCALL on_doctype(void *arg, const XML_Char *name, const XML_Char *sys,
			       const XML_Char *pub, int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	fatal(arg, -IA_ECORRUPT, "a DOCTYPE declaration: refused (no entity is expanded)");
}

/* Parses the XML text data, len with the handlers of kind. */
static int parse_xml(struct xst *s, const char *data, size_t len)
{
	XML_Parser p;
	enum XML_Status st;

	if (len > INT_MAX)
		return ia_err_set(s->err, -IA_ETOOBIG, s->name, 0, "larger than %d bytes", INT_MAX);
	p = XML_ParserCreate("UTF-8");
	if (!p)
		return ia_err_set(s->err, -ENOMEM, s->name, 0, "cannot make an XML parser");
	s->p = p;
	XML_SetUserData(p, s);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	st = XML_Parse(p, data, (int)len, 1);
	if (st != XML_STATUS_OK && !s->code)
		fatal(s, -IA_ECORRUPT, "not well-formed XML: %s",
		      XML_ErrorString(XML_GetErrorCode(p)));
	if (s->kind == DOC_UPDATEINFO && s->item) /* an advisory cut short: not kept */
		s->r->n_fixes = s->fix_from;
	XML_ParserFree(p);
	s->p = NULL;
	return s->code;
}

void vdb_rpm_repo_init(struct vdb_rpm_repo *r)
{
	memset(r, 0, sizeof(*r));
}

void vdb_rpm_repo_release(struct vdb_rpm_repo *r)
{
	if (!r)
		return;
	free(r->pkgs);
	free(r->advs);
	free(r->fixes);
	free(r->modules);
	free(r->artifacts);
	ia_pool_release(&r->pool);
	ia_problems_release(&r->problems);
	vdb_rpm_repo_init(r);
}

int vdb_rpm_repomd_parse(const char *name, const void *data, size_t len, char *primary,
			 char *updateinfo, char *modules, size_t cap, struct ia_err *err)
{
	struct vdb_rpm_repo scratch;
	struct xst *s = ia_xcalloc(1, sizeof(*s));
	int r;

	vdb_rpm_repo_init(&scratch);
	primary[0] = updateinfo[0] = modules[0] = '\0';
	*s = (struct xst){.kind = DOC_REPOMD,
			  .name = name,
			  .r = &scratch,
			  .err = err,
			  .primary = primary,
			  .updateinfo = updateinfo,
			  .modules = modules,
			  .cap = cap};
	r = parse_xml(s, data, len);
	free(s);
	vdb_rpm_repo_release(&scratch);
	return r;
}

/* Decompresses data (as stored) and parses it as kind into r. */
static int parse_file(struct vdb_rpm_repo *r, enum doc_kind kind, const char *name,
		      const char *repo, const void *data, size_t len, struct ia_err *err)
{
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_INDEX);
	struct xst *s;
	int rc = vdb_apt_decompress(name, data, len, 0, &text, NULL, err);

	if (rc < 0) {
		ia_buf_release(&text);
		return rc;
	}
	s = ia_xcalloc(1, sizeof(*s));
	*s = (struct xst){.kind = kind, .name = name, .repo = repo, .r = r, .err = err};
	rc = parse_xml(s, text.data ? text.data : "", text.len);
	free(s);
	ia_buf_release(&text);
	return rc;
}

int vdb_rpm_primary_parse(struct vdb_rpm_repo *r, const char *name, const void *data, size_t len,
			  struct ia_err *err)
{
	return parse_file(r, DOC_PRIMARY, name, NULL, data, len, err);
}

int vdb_rpm_updateinfo_parse(struct vdb_rpm_repo *r, const char *name, const char *repo,
			     const void *data, size_t len, struct ia_err *err)
{
	return parse_file(r, DOC_UPDATEINFO, name, repo, data, len, err);
}

/* An href the loader may follow: relative, no ".." component. */
static bool safe_href(const char *h)
{
	const char *p = h;

	if (!*h || *h == '/')
		return false;
	while (p) {
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || !p[2]))
			return false;
		p = strchr(p, '/');
		p = p ? p + 1 : NULL;
	}
	return true;
}

/* Reads the file an href names: beside the repodata directory, else beside repomd.xml. */
static int read_href(const char *repomd, const char *href, vdb_rpm_read_fn fn, void *arg,
		     struct ia_buf *out, char *path, size_t cap, struct ia_err *err)
{
	const char *slash = strrchr(repomd, '/');
	size_t dl = slash ? (size_t)(slash - repomd) : 0; /* repomd's directory */
	const char *base = strrchr(href, '/');
	size_t pl = dl;
	int r;

	if (!safe_href(href))
		return ia_err_set(err, -IA_ECORRUPT, repomd, 0,
				  "href \"%.100s\" leaves the repository: not followed", href);
	while (pl > 0 && repomd[pl - 1] != '/')
		pl--; /* the parent of repomd's directory ends at pl (its '/' included) */
	if (pl > 0 && (size_t)snprintf(path, cap, "%.*s%s", (int)pl, repomd, href) < cap) {
		r = fn(arg, path, IA_MAX_APT_INDEX_FILE, out, err);
		if (r != -ENOENT)
			return r;
	}
	if ((size_t)snprintf(path, cap, "%.*s/%s", (int)dl, repomd, base ? base + 1 : href) >= cap)
		return ia_err_set(err, -ENAMETOOLONG, repomd, 0, "href too long");
	return fn(arg, path, IA_MAX_APT_INDEX_FILE, out, err);
}

int vdb_rpm_repo_load(struct vdb_rpm_repo *r, const char *repomd, const char *repo,
		      vdb_rpm_read_fn fn, void *arg, struct ia_err *err)
{
	char primary[1024], updateinfo[1024], modules[1024], path[4096];
	struct ia_buf b = IA_BUF_INIT(IA_MAX_APT_INDEX_FILE);
	int rc = fn(arg, repomd, IA_MAX_REPOMD_FILE, &b, err);

	if (rc == 0)
		rc = vdb_rpm_repomd_parse(repomd, b.data ? b.data : "", b.len, primary, updateinfo,
					  modules, sizeof(primary), err);
	if (rc == 0 && !primary[0]) {
		bool db = b.data && memmem(b.data, b.len, "\"primary_db\"", 12);

		rc = ia_err_set(
			err, db ? -IA_EUNSUPPORTED : -ENOENT, repomd, 0,
			db ? "the repository's metadata is SQLite only (primary_db): not read"
			   : "names no primary metadata");
	}
	if (rc == 0)
		rc = read_href(repomd, primary, fn, arg, &b, path, sizeof(path), err);
	if (rc == -ENOENT && !err->msg[0])
		ia_err_set(err, rc, repomd, 0, "%s not found beside it", primary);
	if (rc == 0)
		rc = vdb_rpm_primary_parse(r, path, b.data ? b.data : "", b.len, err);
	if (rc == 0 || rc == -IA_ETOOBIG)
		r->n_repos++;
	if (rc == 0 && updateinfo[0]) {
		rc = read_href(repomd, updateinfo, fn, arg, &b, path, sizeof(path), err);
		if (rc == -ENOENT && !err->msg[0])
			ia_err_set(err, rc, repomd, 0, "%s not found beside it", updateinfo);
		if (rc == 0)
			rc = vdb_rpm_updateinfo_parse(r, path, repo, b.data ? b.data : "", b.len,
						      err);
		if (rc == 0 || rc == -IA_ETOOBIG)
			r->n_updateinfo++;
	}
	if (rc == 0 && modules[0]) {
		rc = read_href(repomd, modules, fn, arg, &b, path, sizeof(path), err);
		if (rc == -ENOENT && !err->msg[0])
			ia_err_set(err, rc, repomd, 0, "%s not found beside it", modules);
		if (rc == 0)
			rc = vdb_rpm_modules_parse(r, path, b.data ? b.data : "", b.len, err);
	}
	ia_buf_release(&b);
	return rc;
}

static int host_read(void *arg, const char *path, size_t max, struct ia_buf *out,
		     struct ia_err *err)
{
	struct stat st;

	(void)arg;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return -ENOENT;
	return ia_host_file_read(path, path, max, out, err);
}

int vdb_rpm_repo_read_dir(struct vdb_rpm_repo *r, const char *dir, struct ia_err *err)
{
	char repomd[4096];
	struct stat st;
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	snprintf(repomd, sizeof(repomd), "%.*s/repodata/repomd.xml", (int)n, dir);
	if (stat(repomd, &st) < 0)
		snprintf(repomd, sizeof(repomd), "%.*s/repomd.xml", (int)n, dir);
	if (stat(repomd, &st) < 0)
		return ia_err_set(err, -ENOENT, dir, 0,
				  "no repodata/repomd.xml in it: not an rpm repository");
	return vdb_rpm_repo_load(r, repomd, dir, host_read, NULL, err);
}

bool vdb_rpm_evr(const struct vdb_rpm_nevra *p, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%" PRId64 ":%s-%s", p->epoch, p->version, p->release);

	return n > 0 && (size_t)n < cap;
}
