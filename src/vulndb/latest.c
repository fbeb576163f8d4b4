/* latest.c — the latest release of each software series: data/eol/latest.tsv, release numbers */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/datafile.h"
#include "util/limits.h"
#include "util/lines.h"
#include "util/pool.h"
#include "util/str.h"
#include "util/xalloc.h"
#include "vulndb/eol.h"
#include "vulndb/latest.h"
#include "util/banned.h"

#define LATEST_COLUMNS 5

struct vdb_latest_table {
	struct vdb_latest *v;
	size_t n, cap;
	struct ia_pool pool;
	char data_date[11]; /* "# data-date: YYYY-MM-DD", "" */
};

const char *vdb_latest_data_date(const struct vdb_latest_table *t)
{
	return t ? t->data_date : "";
}

/* A text field of a row: non-empty, at most 200 bytes, no tab or line break. */
static bool text_ok(const char *s)
{
	size_t n = s ? strnlen(s, 201) : 0;

	return n > 0 && n <= 200 && ia_is_text(s, n) && !memchr(s, '\t', n);
}

int vdb_latest_replace(struct vdb_latest_table *t, const char *key, const struct vdb_latest *v,
		       size_t n, struct ia_err *err)
{
	size_t keep = 0;

	if (!t || !key)
		return -EINVAL;
	if (n > IA_MAX_EOL_ROWS)
		return ia_err_set(err, -EINVAL, key, 0, "more than %u rows (IA_MAX_EOL_ROWS)",
				  (unsigned)IA_MAX_EOL_ROWS);
	for (size_t i = 0; i < n; i++)
		if (!v[i].key || strcmp(v[i].key, key) != 0 || !text_ok(v[i].cycle) ||
		    !text_ok(v[i].latest) || !text_ok(v[i].source) || !v[i].date ||
		    (*v[i].date && !(strlen(v[i].date) == 10 && ia_is_day_form(v[i].date, 10))))
			return ia_err_set(err, -EINVAL, v[i].source ? v[i].source : key, 0,
					  "latest-release row %zu of %s: an empty, over-long or "
					  "malformed field",
					  i + 1, key);
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) != 0)
			t->v[keep++] = t->v[i];
	t->n = keep;
	for (size_t i = 0; i < n; i++) {
		struct vdb_latest *d;

		ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
		d = &t->v[t->n++];
		d->key = ia_pool_strdup(&t->pool, v[i].key);
		d->cycle = ia_pool_strdup(&t->pool, v[i].cycle);
		d->latest = ia_pool_strdup(&t->pool, v[i].latest);
		d->date = ia_pool_strdup(&t->pool, v[i].date);
		d->source = ia_pool_strdup(&t->pool, v[i].source);
	}
	return 0;
}

void vdb_latest_free(struct vdb_latest_table *t)
{
	if (!t)
		return;
	free(t->v);
	ia_pool_release(&t->pool);
	free(t);
}

/* key, cycle, latest, date ("-" or a day), source; none empty, each at most 200 bytes. */
static int parse_row(struct vdb_latest_table *t, const char *line, size_t n, struct vdb_latest *e)
{
	const char *col[LATEST_COLUMNS];
	size_t len[LATEST_COLUMNS];

	if (ia_tsv_fields(line, n, col, len, LATEST_COLUMNS, 200) < 0)
		return -1;
	if (!ia_eq(col[3], len[3], "-") && !ia_is_day_form(col[3], len[3]))
		return -1;
	e->key = ia_pool_strndup(&t->pool, col[0], len[0]);
	e->cycle = ia_pool_strndup(&t->pool, col[1], len[1]);
	e->latest = ia_pool_strndup(&t->pool, col[2], len[2]);
	e->date = ia_eq(col[3], len[3], "-") ? "" : ia_pool_strndup(&t->pool, col[3], len[3]);
	e->source = ia_pool_strndup(&t->pool, col[4], len[4]);
	return 0;
}

static int latest_row(void *arg, const char *line, size_t n)
{
	struct vdb_latest_table *t = arg;

	ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
	if (parse_row(t, line, n, &t->v[t->n]) < 0)
		return -1;
	t->n++;
	return 0;
}

int vdb_latest_parse(const char *name, const char *data, size_t len, struct vdb_latest_table **ret,
		     struct ia_err *err)
{
	struct vdb_latest_table *t = ia_xcalloc(1, sizeof(*t));
	int r;

	vdb_eol_find_data_date(data ? data : "", data ? len : 0, t->data_date);
	r = vdb_tsv_rows(name, data, len, LATEST_COLUMNS, "key, cycle, latest, date, source",
			 latest_row, t, err);
	if (r < 0) {
		vdb_latest_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

int vdb_latest_load(struct vdb_latest_table **ret, struct ia_err *err)
{
	static const char rel[] = "eol/latest.tsv";
	struct ia_buf b = IA_BUF_INIT(IA_MAX_EOL_FILE);
	int r = ia_data_read(rel, IA_MAX_EOL_FILE, &b, err);

	if (r == 0)
		r = vdb_latest_parse(rel, b.data, b.len, ret, err);
	ia_buf_release(&b);
	return r;
}

const struct vdb_latest *vdb_latest_find(const struct vdb_latest_table *t, const char *key,
					 const char *cycle)
{
	for (size_t i = 0; t && key && cycle && i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0 && strcmp(t->v[i].cycle, cycle) == 0)
			return &t->v[i];
	return NULL;
}

/* true for digits separated by single dots, at most 64 bytes. */
static bool release_number(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(s[i] == '.' && s[i + 1] != '.'))
			return false;
	return true;
}

/* Two runs of digits as numbers: -1, 0 or 1. */
static int digits_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c;

	while (la > 1 && *a == '0')
		a++, la--;
	while (lb > 1 && *b == '0')
		b++, lb--;
	if (la != lb)
		return la < lb ? -1 : 1;
	c = memcmp(a, b, la);
	return c < 0 ? -1 : c > 0;
}

int vdb_release_cmp(const char *a, const char *b, int *cmp)
{
	if (!a || !b || !cmp || !release_number(a) || !release_number(b))
		return -EINVAL;
	while (*a || *b) {
		const char *pa = *a ? a : "0", *pb = *b ? b : "0"; /* a missing part is 0 */
		size_t la = strcspn(pa, "."), lb = strcspn(pb, ".");
		int c = digits_cmp(pa, la, pb, lb);

		if (c) {
			*cmp = c;
			return 0;
		}
		if (*a)
			a += la + (a[la] == '.');
		if (*b)
			b += lb + (b[lb] == '.');
	}
	*cmp = 0;
	return 0;
}
