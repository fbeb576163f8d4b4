/* jsonw.c — streaming JSON writer */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/jsonw.h"
#include "util/escape.h"

#include <inttypes.h>

#include "util/banned.h"

#define JW_MAX_DEPTH ((int)(sizeof(((struct jw *)0)->first) / sizeof(bool)) - 1)

void jw_init(struct jw *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->first[0] = true;
}

static void indent(struct jw *w)
{
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Separator and indentation before a value or key. */
static void before_value(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			fputc(',', w->out);
		indent(w);
	}
	w->first[w->depth] = false;
}

static void open_nested(struct jw *w, char c)
{
	before_value(w);
	fputc(c, w->out);
	if (w->depth >= JW_MAX_DEPTH) {
		w->err = -IA_ETOOBIG;
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
}

static void close_nested(struct jw *w, char c)
{
	bool empty = w->first[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (!empty)
		indent(w);
	fputc(c, w->out);
}

void jw_obj(struct jw *w)
{
	open_nested(w, '{');
}

void jw_arr(struct jw *w)
{
	open_nested(w, '[');
}

void jw_end_obj(struct jw *w)
{
	close_nested(w, '}');
}

void jw_end_arr(struct jw *w)
{
	close_nested(w, ']');
}

static void put_string(struct jw *w, const char *s, size_t n)
{
	struct ia_buf b = IA_BUF_INIT((size_t)IA_MAX_LINE * 8);

	if (ia_escape_json(&b, s, n) < 0)
		w->err = -IA_ETOOBIG;
	fputc('"', w->out);
	if (b.data)
		fwrite(b.data, 1, b.len, w->out);
	fputc('"', w->out);
	ia_buf_release(&b);
}

void jw_key(struct jw *w, const char *k)
{
	before_value(w);
	put_string(w, k, strlen(k));
	fputs(": ", w->out);
	w->after_key = true;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	before_value(w);
	put_string(w, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void jw_int(struct jw *w, int64_t v)
{
	before_value(w);
	fprintf(w->out, "%" PRId64, v);
}

void jw_bool(struct jw *w, bool v)
{
	before_value(w);
	fputs(v ? "true" : "false", w->out);
}

void jw_null(struct jw *w)
{
	before_value(w);
	fputs("null", w->out);
}

void jw_kstr(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void jw_kbool(struct jw *w, const char *k, bool v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

int jw_finish(struct jw *w)
{
	fputc('\n', w->out);
	if (w->err)
		return w->err;
	return ferror(w->out) ? -EIO : 0;
}
