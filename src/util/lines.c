/* lines.c — line cursor */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/lines.h"
#include "util/err.h"
#include "util/limits.h"

#include <string.h>
#include "util/banned.h"

void ia_lines_init(struct ia_lines *c, const char *data, size_t len)
{
	c->p = data;
	c->end = data + len;
	c->lineno = 0;
}

int ia_lines_next(struct ia_lines *c, const char **line, size_t *len)
{
	const char *nl;
	size_t n;

	if (c->p >= c->end)
		return 0;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	n = nl ? (size_t)(nl - c->p) : (size_t)(c->end - c->p);
	c->lineno++;
	*line = c->p;
	c->p = nl ? nl + 1 : c->end;
	if (n > IA_MAX_LINE)
		return -IA_ETOOBIG;
	if (n && (*line)[n - 1] == '\r')
		n--;
	*len = n;
	return 1;
}

void ia_trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

bool ia_starts_with(const char *s, size_t n, const char *prefix)
{
	size_t pn = strlen(prefix);

	return n >= pn && memcmp(s, prefix, pn) == 0;
}

bool ia_eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

bool ia_is_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\t')
			return false;
		if (c == 0x7f)
			return false;
	}
	return true;
}

int ia_lines_next_entry(struct ia_lines *c, const char *path, const char **line, size_t *len,
			struct ia_err *err)
{
	int r;

	while ((r = ia_lines_next(c, line, len)) != 0) {
		if (r < 0)
			return ia_err_set(err, r, path, c->lineno, "line longer than %u bytes",
					  (unsigned)IA_MAX_LINE);
		ia_trim(line, len);
		if (*len && (*line)[0] != '#')
			return 1;
	}
	return 0;
}
