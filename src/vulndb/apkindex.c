/* apkindex.c — Alpine's APKINDEX.tar.gz: the tar read through libarchive, the stanzas parsed,
 * bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/datafile.h"
#include "util/lines.h"
#include "util/xalloc.h"
#include "vulndb/apkindex.h"
#include "vulndb/version.h"
#include "util/banned.h"

void vdb_apk_index_init(struct vdb_apk_index *idx)
{
	memset(idx, 0, sizeof(*idx));
}

void vdb_apk_index_release(struct vdb_apk_index *idx)
{
	if (!idx)
		return;
	free(idx->v);
	ia_pool_release(&idx->pool);
	ia_problems_release(&idx->problems);
	vdb_apk_index_init(idx);
}

struct span {
	const char *p;
	size_t n;
};

struct stanza {
	struct span name, version, arch, origin;
	unsigned line;
	bool bad, in;
};

struct ctx {
	struct vdb_apk_index *idx;
	const char *name;
	size_t n_logged, good;
};

static void problem(struct ctx *c, struct stanza *st, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct ctx *c, struct stanza *st, unsigned line, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	if (st) {
		if (st->bad)
			return;
		st->bad = true;
	}
	if (++c->n_logged > IA_MAX_FILE_PROBLEMS) {
		if (c->n_logged == IA_MAX_FILE_PROBLEMS + 1)
			ia_problem_add(&c->idx->problems, VDB_APK_AREA, c->name, line, -IA_ECORRUPT,
				       "more problems in this index not listed");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_add(&c->idx->problems, VDB_APK_AREA, c->name, line, -IA_ECORRUPT, "%s", msg);
}

/* apk's package name characters (and an arch's): letters, digits and +-._ */
static bool token(struct span s)
{
	if (!s.n || s.n > IA_MAX_NAME || !isalnum((unsigned char)s.p[0]))
		return false;
	for (size_t i = 0; i < s.n; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		if (!(isalnum(ch) || strchr("+-._", ch)))
			return false;
	}
	return true;
}

static int finish(struct ctx *c, struct stanza *st)
{
	struct ia_err verr = {0};
	struct vdb_apk_pkg *p;

	if (!st->in || st->bad)
		goto done;
	if (!token(st->name))
		problem(c, st, st->line, "package stanza skipped: no valid P: field");
	else if (!st->version.p ||
		 vdb_version_check(VDB_ECO_APK, st->version.p, st->version.n, &verr) < 0)
		problem(c, st, st->line, "package stanza skipped: invalid or no V: for %.*s",
			(int)(st->name.n > 64 ? 64 : st->name.n), st->name.p);
	else if (!token(st->arch))
		problem(c, st, st->line, "package stanza skipped: invalid or no A: for %.*s",
			(int)(st->name.n > 64 ? 64 : st->name.n), st->name.p);
	else if (st->origin.p && !token(st->origin))
		problem(c, st, st->line, "package stanza skipped: invalid o: for %.*s",
			(int)(st->name.n > 64 ? 64 : st->name.n), st->name.p);
	if (st->bad)
		goto done;
	if (c->idx->n >= IA_MAX_APKINDEX_PACKAGES)
		return -IA_ETOOBIG;
	ia_grow(&c->idx->v, sizeof(*c->idx->v), c->idx->n + 1, &c->idx->cap);
	p = &c->idx->v[c->idx->n++];
	p->name = ia_pool_strndup(&c->idx->pool, st->name.p, st->name.n);
	p->version = ia_pool_strndup(&c->idx->pool, st->version.p, st->version.n);
	p->arch = ia_pool_strndup(&c->idx->pool, st->arch.p, st->arch.n);
	p->origin =
		st->origin.p ? ia_pool_strndup(&c->idx->pool, st->origin.p, st->origin.n) : p->name;
	p->line = st->line;
	c->good++;
done:
	memset(st, 0, sizeof(*st));
	return 0;
}

static void field(struct ctx *c, struct stanza *st, const char *line, size_t n, unsigned lineno)
{
	struct span *dst = NULL, v = {line + 2, n - 2};

	if (!st->in) {
		st->in = true;
		st->line = lineno;
	}
	if (n < 2 || line[1] != ':') {
		problem(c, st, lineno, "package stanza skipped: not an \"X:value\" line");
		return;
	}
	switch (line[0]) {
	case 'P':
		dst = &st->name;
		break;
	case 'V':
		dst = &st->version;
		break;
	case 'A':
		dst = &st->arch;
		break;
	case 'o':
		dst = &st->origin;
		break;
	default:
		return;
	}
	if (!ia_is_text(v.p, v.n))
		problem(c, st, lineno, "package stanza skipped: control bytes in %c:", line[0]);
	else if (dst->p)
		problem(c, st, lineno, "package stanza skipped: duplicate %c:", line[0]);
	else
		*dst = v;
}

int vdb_apk_index_parse_text(struct vdb_apk_index *idx, const char *name, const char *data,
			     size_t len, struct ia_err *err)
{
	struct ctx c = {idx, name, 0, 0};
	struct stanza st = {0};
	struct ia_lines cur;
	const char *line;
	size_t n;
	int r;

	ia_lines_init(&cur, data ? data : "", data ? len : 0);
	while ((r = ia_lines_next(&cur, &line, &n)) != 0) {
		if (r < 0) {
			if (!st.in) {
				st.in = true;
				st.line = cur.lineno;
			}
			problem(&c, &st, cur.lineno, "package stanza skipped: line over %u bytes",
				(unsigned)IA_MAX_LINE);
			continue;
		}
		if (n == 0)
			r = finish(&c, &st);
		else
			field(&c, &st, line, n, cur.lineno);
		if (r < 0)
			break;
	}
	if (r == 0)
		r = finish(&c, &st);
	if (r == -IA_ETOOBIG)
		return ia_err_set(err, r, name, cur.lineno,
				  "more than %u packages (IA_MAX_APKINDEX_PACKAGES)",
				  (unsigned)IA_MAX_APKINDEX_PACKAGES);
	if (!c.good && len)
		return IA_CORRUPT(err, name, 0, "no valid package stanza: not an APKINDEX");
	return 0;
}

static int la_fail(struct archive *a, const char *name, struct ia_err *err)
{
	const char *m = archive_error_string(a);

	return IA_CORRUPT(err, name, 0, "not an APKINDEX.tar.gz (gzip-compressed tar): %s",
			  m ? m : "unreadable");
}

/* The data of the current entry, at most max bytes, into out. */
static int entry_data(struct archive *a, const char *name, size_t max, struct ia_buf *out,
		      struct ia_err *err)
{
	char chunk[65536];
	la_ssize_t k;

	ia_buf_reset(out);
	while ((k = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)k > max)
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "its APKINDEX is larger than %zu bytes (IA_MAX_APKINDEX)",
					  max);
		if (ia_buf_add(out, chunk, (size_t)k) < 0)
			return ia_err_set(err, -ENOMEM, name, 0, "out of memory");
	}
	return k < 0 ? la_fail(a, name, err) : 0;
}

/* The first line of DESCRIPTION ("v3.18.4-..."), when it is text. */
static void read_description(struct vdb_apk_index *idx, struct archive *a, const char *name,
			     struct ia_buf *text)
{
	struct ia_err e = {0};
	const char *nl;
	size_t n;

	if (entry_data(a, name, sizeof(idx->description) - 1, text, &e) < 0 || !text->data)
		return;
	nl = memchr(text->data, '\n', text->len);
	n = nl ? (size_t)(nl - text->data) : text->len;
	if (ia_is_text(text->data, n))
		snprintf(idx->description, sizeof(idx->description), "%.*s", (int)n, text->data);
}

static int read_tar(struct vdb_apk_index *idx, struct archive *a, const char *name,
		    struct ia_buf *text, struct ia_err *err)
{
	struct archive_entry *ae;
	bool signature = false, found = false;
	unsigned n = 0;
	int r;

	while ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK) {
		const char *p = archive_entry_pathname(ae);

		if (++n > IA_MAX_APKINDEX_ENTRIES)
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "more than %u entries (IA_MAX_APKINDEX_ENTRIES)",
					  (unsigned)IA_MAX_APKINDEX_ENTRIES);
		if (archive_entry_size(ae) > (la_int64_t)IA_MAX_APKINDEX)
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "an entry of %lld bytes: over IA_MAX_APKINDEX",
					  (long long)archive_entry_size(ae));
		if (!p)
			continue;
		if (strncmp(p, ".SIGN.", 6) == 0)
			signature = true;
		if (strcmp(p, "DESCRIPTION") == 0)
			read_description(idx, a, name, text);
		if (strcmp(p, "APKINDEX") != 0)
			continue;
		r = entry_data(a, name, IA_MAX_APKINDEX, text, err);
		if (r < 0)
			return r;
		found = true;
		break;
	}
	if (!found)
		return r == ARCHIVE_OK || r == ARCHIVE_EOF
			       ? IA_CORRUPT(err, name, 0, "no APKINDEX entry in it")
			       : la_fail(a, name, err);
	idx->unsigned_ |= !signature;
	return 0;
}

int vdb_apk_index_parse(struct vdb_apk_index *idx, const char *name, const void *data, size_t len,
			struct ia_err *err)
{
	struct archive *a = archive_read_new();
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APKINDEX);
	int r;

	if (!a)
		return ia_err_set(err, -ENOMEM, name, 0, "cannot make an archive reader");
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK)
		r = la_fail(a, name, err);
	else
		r = read_tar(idx, a, name, &text, err);
	archive_read_free(a);
	if (r == 0)
		r = vdb_apk_index_parse_text(idx, name, text.data, text.len, err);
	if (r == 0 || r == -IA_ETOOBIG)
		idx->n_indexes++;
	ia_buf_release(&text);
	return r;
}

int vdb_apk_index_read_file(struct vdb_apk_index *idx, const char *path, struct ia_err *err)
{
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APKINDEX_FILE);
	int r = ia_host_file_read(path, path, IA_MAX_APKINDEX_FILE, &raw, err);

	if (r == 0)
		r = vdb_apk_index_parse(idx, path, raw.data ? raw.data : "", raw.len, err);
	ia_buf_release(&raw);
	return r;
}
