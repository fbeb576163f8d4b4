/* clauses.c — the clause catalogue: parsing data/clauses.txt, lookup, modes */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "checks/clauses.h"
#include "checks/profile.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/limits.h"
#include "util/lines.h"
#include "util/datafile.h"
#include "util/banned.h"

int chk_mode_parse(const char *s, size_t n, unsigned *out)
{
	unsigned m = 0;

	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 'S':
			m |= CHK_MODE_S;
			break;
		case 'L':
			m |= CHK_MODE_L;
			break;
		case 'M':
			m |= CHK_MODE_M;
			break;
		case '+':
		case ' ':
			break;
		default:
			return -1;
		}
	}
	if (!m)
		return -1;
	*out = m;
	return 0;
}

const char *chk_mode_name(unsigned mode)
{
	static const char *const names[] = {"", "S", "L", "S+L", "M", "S+M", "L+M", "S+L+M"};

	return names[mode & 7u];
}

void chk_ccat_free(struct chk_ccat *cat)
{
	if (!cat)
		return;
	free(cat->sources);
	free(cat->clauses);
	ia_pool_release(&cat->pool);
	free(cat);
}

const struct chk_cclause *chk_ccat_find(const struct chk_ccat *cat, const char *id)
{
	for (size_t i = 0; cat && id && i < cat->n_clauses; i++)
		if (chk_clauses_name(cat->clauses[i].id, id))
			return &cat->clauses[i];
	return NULL;
}

/* Up to max fields separated by '|', each trimmed; returns the count, or max + 1 when there are
 * more. */
static size_t split_fields(const char *s, size_t n, const char **f, size_t *fn, size_t max)
{
	size_t nf = 0;

	for (;;) {
		const char *bar = memchr(s, '|', n);
		size_t len = bar ? (size_t)(bar - s) : n;

		if (nf == max)
			return max + 1;
		f[nf] = s;
		fn[nf] = len;
		ia_trim(&f[nf], &fn[nf]);
		nf++;
		if (!bar)
			return nf;
		n -= len + 1;
		s = bar + 1;
	}
}

static int check_text(const char *path, unsigned line, const char *what, const char *s, size_t n,
		      size_t max, struct ia_err *err)
{
	if (!n)
		return IA_CORRUPT(err, path, line, "empty %s", what);
	if (n > max)
		return ia_err_set(err, -IA_ETOOBIG, path, line, "%s longer than %zu bytes", what,
				  max);
	if (!ia_is_text(s, n))
		return IA_CORRUPT(err, path, line, "%s holds control bytes", what);
	/* ia_is_text lets any byte >= 0x80 pass: the catalogue is UTF-8 */
	for (size_t i = 0, k; i < n; i += k)
		if (!(k = ia_utf8_len((const unsigned char *)s + i, n - i)))
			return IA_CORRUPT(err, path, line, "%s holds invalid UTF-8", what);
	return 0;
}

static int parse_source(struct chk_ccat *cat, const char *path, unsigned line, const char *s,
			size_t n, struct ia_err *err)
{
	const char *f[3], *d;
	size_t fn[3], nf = split_fields(s, n, f, fn, 3), dn;
	struct chk_csource src = {0};
	int r;

	if (nf != 3)
		return IA_CORRUPT(err, path, line,
				  "expected 'source: key | title | document, document'");
	if ((r = check_text(path, line, "source key", f[0], fn[0], IA_MAX_CLAUSE_ID, err)) < 0 ||
	    (r = check_text(path, line, "source title", f[1], fn[1], IA_MAX_CLAUSE_TITLE, err)) <
		    0 ||
	    (r = check_text(path, line, "document list", f[2], fn[2], IA_MAX_CLAUSE_TITLE, err)) <
		    0)
		return r;
	for (size_t i = 0; i < fn[0]; i++)
		if (!((f[0][i] >= 'a' && f[0][i] <= 'z') || (f[0][i] >= '0' && f[0][i] <= '9') ||
		      f[0][i] == '-' || f[0][i] == '_'))
			return IA_CORRUPT(err, path, line,
					  "source key '%.*s' is not lower-case letters, digits, "
					  "'-' or '_'",
					  (int)fn[0], f[0]);
	for (size_t i = 0; i < cat->n_sources; i++)
		if (ia_eq(f[0], fn[0], cat->sources[i].key))
			return IA_CORRUPT(err, path, line, "source '%s' listed twice (line %u)",
					  cat->sources[i].key, cat->sources[i].line);
	if (cat->n_sources >= IA_MAX_CLAUSE_SOURCES)
		return ia_err_set(err, -IA_ETOOBIG, path, line, "more than %u sources",
				  (unsigned)IA_MAX_CLAUSE_SOURCES);
	src.key = ia_pool_strndup(&cat->pool, f[0], fn[0]);
	src.title = ia_pool_strndup(&cat->pool, f[1], fn[1]);
	src.line = line;
	/* documents: comma-separated, none empty; the count is bounded by the field's length */
	src.docs = ia_pool_alloc(&cat->pool, (fn[2] / 2 + 1) * sizeof(*src.docs));
	d = f[2];
	dn = fn[2];
	for (;;) {
		const char *comma = memchr(d, ',', dn), *doc = d;
		size_t len = comma ? (size_t)(comma - d) : dn;

		ia_trim(&doc, &len);
		if (!len)
			return IA_CORRUPT(err, path, line, "empty document name in the list");
		src.docs[src.n_docs++] = ia_pool_strndup(&cat->pool, doc, len);
		if (!comma)
			break;
		dn -= (size_t)(comma - d) + 1;
		d = comma + 1;
	}
	ia_grow(&cat->sources, sizeof(*cat->sources), cat->n_sources + 1, &cat->cap_sources);
	cat->sources[cat->n_sources++] = src;
	return 0;
}

static int parse_clause(struct chk_ccat *cat, const char *path, unsigned line, const char *s,
			size_t n, struct ia_err *err)
{
	const char *f[3];
	size_t fn[3], nf = split_fields(s, n, f, fn, 3);
	struct chk_cclause c = {0};
	const struct chk_cclause *dup;
	int r;

	if (nf != 3)
		return IA_CORRUPT(err, path, line, "expected 'ID | mode | title', %s",
				  nf > 3 ? "found more than 3 fields" : "found fewer");
	if ((r = check_text(path, line, "clause ID", f[0], fn[0], IA_MAX_CLAUSE_ID, err)) < 0 ||
	    (r = check_text(path, line, "clause title", f[2], fn[2], IA_MAX_CLAUSE_TITLE, err)) < 0)
		return r;
	for (size_t i = 0; i < fn[0]; i++)
		if (f[0][i] == ' ' || f[0][i] == '\t' || f[0][i] == ',')
			return IA_CORRUPT(err, path, line,
					  "clause ID '%.*s' holds a space or a comma", (int)fn[0],
					  f[0]);
	if (chk_mode_parse(f[1], fn[1], &c.mode) < 0)
		return IA_CORRUPT(err, path, line, "mode '%.*s' is not S, L, M or a '+' of them",
				  (int)(fn[1] > 16 ? 16 : fn[1]), f[1]);
	if (!cat->n_sources)
		return IA_CORRUPT(err, path, line, "clause before any 'source:' line");
	c.id = ia_pool_strndup(&cat->pool, f[0], fn[0]);
	if ((dup = chk_ccat_find(cat, c.id)))
		return IA_CORRUPT(err, path, line, "clause '%s' listed twice (line %u)", c.id,
				  dup->line);
	if (cat->n_clauses >= IA_MAX_CLAUSES)
		return ia_err_set(err, -IA_ETOOBIG, path, line, "more than %u clauses",
				  (unsigned)IA_MAX_CLAUSES);
	c.title = ia_pool_strndup(&cat->pool, f[2], fn[2]);
	c.source = cat->n_sources - 1;
	c.line = line;
	ia_grow(&cat->clauses, sizeof(*cat->clauses), cat->n_clauses + 1, &cat->cap_clauses);
	cat->clauses[cat->n_clauses++] = c;
	return 0;
}

static int parse_into(struct chk_ccat *cat, const char *path, const char *data, size_t len,
		      struct ia_err *err)
{
	struct ia_lines c;
	const char *l;
	size_t n;
	int r;

	if (len > IA_MAX_CLAUSE_FILE)
		return ia_err_set(err, -IA_ETOOBIG, path, 0, "larger than %u bytes",
				  (unsigned)IA_MAX_CLAUSE_FILE);
	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next_entry(&c, path, &l, &n, err)) > 0) {
		if (ia_starts_with(l, n, "source:"))
			r = parse_source(cat, path, c.lineno, l + 7, n - 7, err);
		else if (memchr(l, '|', n))
			r = parse_clause(cat, path, c.lineno, l, n, err);
		else
			r = IA_CORRUPT(err, path, c.lineno,
				       "expected 'source: key | title | documents' or "
				       "'ID | mode | title'");
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	if (!cat->n_clauses)
		return IA_CORRUPT(err, path, 0, "no clause");
	return 0;
}

int chk_ccat_parse(const char *path, const char *data, size_t len, struct chk_ccat **ret,
		   struct ia_err *err)
{
	struct chk_ccat *cat = ia_xcalloc(1, sizeof(*cat));
	int r = parse_into(cat, path, data, len, err);

	if (r < 0) {
		chk_ccat_free(cat);
		return r;
	}
	*ret = cat;
	return 0;
}

int chk_ccat_load(struct chk_ccat **ret, struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_CLAUSE_FILE);
	int r = ia_data_read("clauses.txt", IA_MAX_CLAUSE_FILE, &b, err);

	if (r == 0)
		r = chk_ccat_parse("clauses.txt", b.data, b.len, ret, err);
	ia_buf_release(&b);
	return r;
}
