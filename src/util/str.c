/* str.c — strict number parsing */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/str.h"
#include "util/err.h"
#include "util/lines.h"

#include <stdio.h>
#include <string.h>
#include "util/banned.h"

static int parse_base(const char *s, size_t n, unsigned base, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -IA_ECORRUPT;
	for (size_t i = 0; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return -IA_ECORRUPT;
		d = (unsigned)(s[i] - '0');
		if (d >= base)
			return -IA_ECORRUPT;
		if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v))
			return -IA_ETOOBIG;
	}
	if (v > max)
		return -IA_ETOOBIG;
	*out = v;
	return 0;
}

int ia_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	return parse_base(s, n, 10, max, out);
}

int ia_parse_octal(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	return parse_base(s, n, 8, max, out);
}

int ia_parse_i64(const char *s, size_t n, int64_t min, int64_t max, int64_t *out)
{
	uint64_t u;
	int ret;
	bool neg = n > 0 && s[0] == '-';

	ret = parse_base(s + neg, n - neg, 10, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX,
			 &u);
	if (ret)
		return ret;
	int64_t v = neg ? (int64_t)(0 - u) : (int64_t)u;
	if (v < min || v > max)
		return -IA_ETOOBIG;
	*out = v;
	return 0;
}

bool ia_split(const char *s, size_t n, char sep, const char **a, size_t *an, const char **b,
	      size_t *bn)
{
	const char *p = memchr(s, sep, n);

	if (!p)
		return false;
	*a = s;
	*an = (size_t)(p - s);
	*b = p + 1;
	*bn = n - *an - 1;
	return true;
}

void ia_mode_str(unsigned mode, char out[8])
{
	snprintf(out, 8, "%04o", mode & 07777);
}

void ia_hex_encode(const unsigned char *b, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * n] = '\0';
}

bool ia_is_hex(const char *s, size_t n, bool lower_only)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'F' && !lower_only)
			continue;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

bool ia_next_word(const char **p, const char *end, const char **w, size_t *wn)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p >= end)
		return false;
	*w = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	*wn = (size_t)(*p - *w);
	return true;
}

bool ia_yes(const char *v, size_t n)
{
	return ia_eq(v, n, "yes") || ia_eq(v, n, "true") || ia_eq(v, n, "1") ||
	       ia_eq(v, n, "Yes") || ia_eq(v, n, "True") || ia_eq(v, n, "on");
}

bool ia_no(const char *v, size_t n)
{
	return ia_eq(v, n, "no") || ia_eq(v, n, "false") || ia_eq(v, n, "0") || ia_eq(v, n, "No") ||
	       ia_eq(v, n, "False") || ia_eq(v, n, "off");
}

int ia_tsv_fields(const char *line, size_t n, const char **col, size_t *len, size_t ncols,
		  size_t max_len)
{
	const char *p = line, *end = line + n;
	size_t k = 0;

	while (k < ncols) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));

		col[k] = p;
		len[k] = (size_t)((tab ? tab : end) - p);
		if (!len[k] || len[k] > max_len)
			return -1;
		k++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return k == ncols && p + len[k - 1] == end ? 0 : -1;
}

bool ia_is_day_form(const char *s, size_t n)
{
	static const char pat[] = "dddd-dd-dd";

	if (n != 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return false;
	return true;
}
