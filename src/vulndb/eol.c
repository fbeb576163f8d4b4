/* eol.c — the end-of-life tables of data/eol/: loading, series lookup, state at a date */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/datafile.h"
#include "util/limits.h"
#include "util/lines.h"
#include "util/pool.h"
#include "util/str.h"
#include "util/xalloc.h"
#include "vulndb/eol.h"
#include "util/banned.h"

#define EOL_COLUMNS 9

struct vdb_eol_table {
	struct vdb_eol *v;
	size_t n, cap;
	struct ia_pool pool;
	char data_date[11]; /* "# data-date: YYYY-MM-DD", "" */
};

void vdb_eol_find_data_date(const char *data, size_t len, char out[11])
{
	static const char tag[] = "# data-date: ";
	const char *p = data, *end = data + len;

	out[0] = 0;
	while (p && p < end) {
		size_t left = (size_t)(end - p);

		if (left >= sizeof(tag) - 1 + 10 && memcmp(p, tag, sizeof(tag) - 1) == 0 &&
		    ia_is_day_form(p + sizeof(tag) - 1, 10)) {
			memcpy(out, p + sizeof(tag) - 1, 10);
			out[10] = 0;
			return;
		}
		if (*p != '#')
			return; /* the comment lines at the head are over */
		p = memchr(p, '\n', left);
		if (p)
			p++;
	}
}

const char *vdb_eol_data_date(const struct vdb_eol_table *t)
{
	return t ? t->data_date : "";
}

/* A text field of a row: non-empty, at most 200 bytes, no tab or line break. */
static bool field_ok(const char *s)
{
	size_t n = s ? strnlen(s, 201) : 0;

	return n > 0 && n <= 200 && ia_is_text(s, n) && !memchr(s, '\t', n);
}

static bool day_ok(const char *s)
{
	return s && (!*s || (strlen(s) == 10 && ia_is_day_form(s, 10)));
}

int vdb_eol_replace(struct vdb_eol_table *t, const char *key, const struct vdb_eol *v, size_t n,
		    struct ia_err *err)
{
	size_t keep = 0;

	if (!t || !key)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		const struct vdb_eol *e = &v[i];

		if (!e->key || strcmp(e->key, key) != 0 || !field_ok(e->name) ||
		    !field_ok(e->cycle) || !field_ok(e->source) ||
		    (e->codename && *e->codename && !field_ok(e->codename)) ||
		    !day_ok(e->released) || !day_ok(e->eol) || !day_ok(e->security_eol) ||
		    !day_ok(e->extended))
			return ia_err_set(err, -EINVAL, e->source ? e->source : key, 0,
					  "end-of-life row %zu of %s: an empty, over-long or "
					  "malformed field",
					  i + 1, key);
	}
	if (n > IA_MAX_EOL_ROWS)
		return ia_err_set(err, -EINVAL, key, 0, "more than %u rows (IA_MAX_EOL_ROWS)",
				  (unsigned)IA_MAX_EOL_ROWS);
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) != 0)
			t->v[keep++] = t->v[i];
	t->n = keep;
	for (size_t i = 0; i < n; i++) {
		const struct vdb_eol *e = &v[i];
		struct vdb_eol *d;

		ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
		d = &t->v[t->n++];
		d->key = ia_pool_strdup(&t->pool, e->key);
		d->name = ia_pool_strdup(&t->pool, e->name);
		d->cycle = ia_pool_strdup(&t->pool, e->cycle);
		d->codename = ia_pool_strdup(&t->pool, e->codename ? e->codename : "");
		d->released = ia_pool_strdup(&t->pool, e->released);
		d->security_eol = ia_pool_strdup(&t->pool, e->security_eol);
		d->eol = *e->eol ? ia_pool_strdup(&t->pool, e->eol) : d->security_eol;
		d->ended = e->ended;
		d->extended = ia_pool_strdup(&t->pool, e->extended);
		d->source = ia_pool_strdup(&t->pool, e->source);
	}
	return 0;
}

void vdb_eol_free(struct vdb_eol_table *t)
{
	if (!t)
		return;
	free(t->v);
	ia_pool_release(&t->pool);
	free(t);
}

/* A date column: a day, "-" (none) or "ended" (allowed when ended may be set). */
static int date_col(const char *s, size_t n, bool *ended, const char **out, struct ia_pool *pool)
{
	if (ia_eq(s, n, "-")) {
		*out = "";
		return 0;
	}
	if (ended && ia_eq(s, n, "ended")) {
		*ended = true;
		*out = "";
		return 0;
	}
	if (!ia_is_day_form(s, n))
		return -1;
	*out = ia_pool_strndup(pool, s, n);
	return 0;
}

static int parse_row(struct vdb_eol_table *t, const char *line, size_t n, struct vdb_eol *e)
{
	const char *col[EOL_COLUMNS], *lts;
	size_t len[EOL_COLUMNS];

	if (ia_tsv_fields(line, n, col, len, EOL_COLUMNS, 200) < 0)
		return -1;
	memset(e, 0, sizeof(*e));
	e->key = ia_pool_strndup(&t->pool, col[0], len[0]);
	e->name = ia_pool_strndup(&t->pool, col[1], len[1]);
	e->cycle = ia_pool_strndup(&t->pool, col[2], len[2]);
	e->codename = ia_eq(col[3], len[3], "-") ? "" : ia_pool_strndup(&t->pool, col[3], len[3]);
	e->source = ia_pool_strndup(&t->pool, col[8], len[8]);
	if (date_col(col[4], len[4], NULL, &e->released, &t->pool) < 0 ||
	    date_col(col[5], len[5], &e->ended, &e->security_eol, &t->pool) < 0 ||
	    date_col(col[6], len[6], NULL, &lts, &t->pool) < 0 ||
	    date_col(col[7], len[7], NULL, &e->extended, &t->pool) < 0)
		return -1;
	e->eol = *lts ? lts : e->security_eol;
	return 0;
}

int vdb_tsv_rows(const char *name, const char *data, size_t len, int ncols, const char *names,
		 int (*row)(void *arg, const char *line, size_t n), void *arg, struct ia_err *err)
{
	struct ia_lines c;
	const char *line;
	size_t n, rows = 0;
	int r;

	ia_lines_init(&c, data ? data : "", data ? len : 0);
	while ((r = ia_lines_next_entry(&c, name, &line, &n, err)) == 1) {
		if (rows++ >= IA_MAX_EOL_ROWS)
			return ia_err_set(err, -IA_ETOOBIG, name, c.lineno,
					  "more than %u rows (IA_MAX_EOL_ROWS)",
					  (unsigned)IA_MAX_EOL_ROWS);
		if (row(arg, line, n) < 0)
			return IA_CORRUPT(err, name, c.lineno,
					  "not a row of %d tab-separated columns (%s)", ncols,
					  names);
	}
	return r;
}

static int eol_row(void *arg, const char *line, size_t n)
{
	struct vdb_eol_table *t = arg;

	ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
	if (parse_row(t, line, n, &t->v[t->n]) < 0)
		return -1;
	t->n++;
	return 0;
}

int vdb_eol_parse(const char *name, const char *data, size_t len, struct vdb_eol_table **ret,
		  struct ia_err *err)
{
	struct vdb_eol_table *t = ia_xcalloc(1, sizeof(*t));
	int r;

	vdb_eol_find_data_date(data ? data : "", data ? len : 0, t->data_date);
	r = vdb_tsv_rows(name, data, len, EOL_COLUMNS,
			 "key, name, cycle, codename, released, eol, lts, extended, source",
			 eol_row, t, err);
	if (r < 0) {
		vdb_eol_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

static int load_one(const char *rel, struct vdb_eol_table **ret, struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_EOL_FILE);
	int r = ia_data_read(rel, IA_MAX_EOL_FILE, &b, err);

	if (r == 0)
		r = vdb_eol_parse(rel, b.data, b.len, ret, err);
	ia_buf_release(&b);
	return r;
}

/* Appends copies of more's rows to t (their strings into t's pool). */
static int append_rows(struct vdb_eol_table *t, const struct vdb_eol_table *more, const char *rel,
		       struct ia_err *err)
{
	for (size_t i = 0; i < more->n; i++) {
		const struct vdb_eol *s = &more->v[i];
		struct vdb_eol *d;

		if (t->n >= IA_MAX_EOL_ROWS)
			return ia_err_set(err, -IA_ETOOBIG, rel, 0,
					  "more than %u rows (IA_MAX_EOL_ROWS)",
					  (unsigned)IA_MAX_EOL_ROWS);
		ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
		d = &t->v[t->n++];
		*d = *s;
		d->key = ia_pool_strdup(&t->pool, s->key);
		d->name = ia_pool_strdup(&t->pool, s->name);
		d->cycle = ia_pool_strdup(&t->pool, s->cycle);
		d->codename = ia_pool_strdup(&t->pool, s->codename);
		d->released = ia_pool_strdup(&t->pool, s->released);
		d->security_eol = ia_pool_strdup(&t->pool, s->security_eol);
		d->eol = s->eol == s->security_eol ? d->security_eol
						   : ia_pool_strdup(&t->pool, s->eol);
		d->extended = ia_pool_strdup(&t->pool, s->extended);
		d->source = ia_pool_strdup(&t->pool, s->source);
	}
	return 0;
}

/* The OS table is os.tsv (generated) followed by os-vendor.tsv (written from the vendors'
 * lifecycle pages for what the generated sources lack). */
int vdb_eol_load(bool os, struct vdb_eol_table **ret, struct ia_err *err)
{
	struct vdb_eol_table *t = NULL, *more = NULL;
	int r = load_one(os ? "eol/os.tsv" : "eol/software.tsv", &t, err);

	if (r < 0 || !os) {
		*ret = t;
		return r;
	}
	r = load_one("eol/os-vendor.tsv", &more, err);
	if (r == 0)
		r = append_rows(t, more, "eol/os-vendor.tsv", err);
	vdb_eol_free(more);
	if (r < 0) {
		vdb_eol_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

bool vdb_eol_has(const struct vdb_eol_table *t, const char *key)
{
	for (size_t i = 0; t && key && i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return true;
	return false;
}

static bool cycle_sep(char c)
{
	return c == '.' || c == '-' || c == '+' || c == '~' || c == '_';
}

/* true for "1", "0.12", "2018.03": digits separated by single dots. */
static bool dotted(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s != '.' || !digit)
			return false;
		else
			digit = false;
	}
	return digit;
}

/* Compares dotted numeric versions ("0.12" < "1"): -1, 0, 1, or 2 when either is not one. */
static int numcmp(const char *a, const char *b)
{
	for (;;) {
		unsigned long x = 0, y = 0;
		size_t i = 0, j = 0;

		if (!(*a >= '0' && *a <= '9') || !(*b >= '0' && *b <= '9'))
			return 2;
		for (; a[i] >= '0' && a[i] <= '9' && i < 9; i++)
			x = x * 10 + (unsigned long)(a[i] - '0');
		for (; b[j] >= '0' && b[j] <= '9' && j < 9; j++)
			y = y * 10 + (unsigned long)(b[j] - '0');
		if (x != y)
			return x < y ? -1 : 1;
		a += i;
		b += j;
		if (!*a || !*b)
			return !*a && !*b ? 0 : (!*a ? -1 : 1);
		if (*a != '.' || *b != '.')
			return 2;
		a++;
		b++;
	}
}

/* The oldest series of key when version is older than every one of them, else NULL. */
static const struct vdb_eol *older_than_all(const struct vdb_eol_table *t, const char *key,
					    const char *version)
{
	const struct vdb_eol *oldest = NULL;
	char major[32];
	size_t n = strcspn(version, "-+~_ ");

	if (n >= sizeof(major))
		return NULL;
	memcpy(major, version, n);
	major[n] = '\0';
	if (!dotted(major))
		return NULL;
	for (size_t i = 0; i < t->n; i++) {
		const struct vdb_eol *e = &t->v[i];

		if (strcmp(e->key, key) != 0)
			continue;
		if (!dotted(e->cycle) || numcmp(major, e->cycle) != -1)
			return NULL;
		if (!oldest || numcmp(e->cycle, oldest->cycle) == -1)
			oldest = e;
	}
	return oldest;
}

int vdb_eol_lookup(const struct vdb_eol_table *t, const char *key, const char *version,
		   const struct vdb_eol **ret)
{
	const struct vdb_eol *best = NULL;
	size_t best_len = 0, vl;
	bool known = false;

	if (!t || !key || !version || !ret)
		return -EINVAL;
	/* Java's old scheme: 1.8.0_392 is Java 8 */
	if (strcmp(key, "openjdk") == 0 && strncmp(version, "1.", 2) == 0 && version[2] >= '5' &&
	    version[2] <= '8')
		version += 2;
	vl = strlen(version);
	for (size_t i = 0; i < t->n; i++) {
		const struct vdb_eol *e = &t->v[i];
		size_t cl = strlen(e->cycle);

		if (strcmp(e->key, key) != 0)
			continue;
		known = true;
		if (cl > vl || memcmp(e->cycle, version, cl) != 0)
			continue;
		if (cl < vl && !cycle_sep(version[cl]))
			continue;
		if (cl > best_len) {
			best = e;
			best_len = cl;
		}
	}
	if (!known)
		return -ENOENT;
	if (!best) {
		best = older_than_all(t, key, version);
		if (!best || (!best->ended && !*best->eol))
			return -ESRCH;
		*ret = best;
		return 1;
	}
	*ret = best;
	return 0;
}

enum vdb_eol_state vdb_eol_state(const struct vdb_eol *e, const char *day)
{
	if (e->ended)
		return VDB_EOL_ENDED;
	if (*e->eol && strcmp(day, e->eol) > 0)
		return VDB_EOL_ENDED;
	return VDB_EOL_SUPPORTED;
}

const char *vdb_eol_day(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		memcpy(out, "0000-00-00", 11);
	return out;
}
