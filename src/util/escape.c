/* escape.c — output escaping */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/escape.h"

#include <stdio.h>

size_t ia_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return len;
}

int ia_escape_json(struct ia_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int ret = 0;

	while (i < n && !ret) {
		unsigned char c = u[i];
		size_t l;

		switch (c) {
		case '"':
			ret = ia_buf_adds(b, "\\\"");
			i++;
			continue;
		case '\\':
			ret = ia_buf_adds(b, "\\\\");
			i++;
			continue;
		case '\n':
			ret = ia_buf_adds(b, "\\n");
			i++;
			continue;
		case '\t':
			ret = ia_buf_adds(b, "\\t");
			i++;
			continue;
		case '\r':
			ret = ia_buf_adds(b, "\\r");
			i++;
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			ret = ia_buf_addf(b, "\\u%04x", c);
			i++;
			continue;
		}
		l = ia_utf8_len(u + i, n - i);
		if (!l) {
			ret = ia_buf_addf(b, "\\u%04x", c);
			i++;
			continue;
		}
		ret = ia_buf_add(b, s + i, l);
		i += l;
	}
	return ret;
}

int ia_escape_term(struct ia_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int ret = 0;

	while (i < n && !ret) {
		unsigned char c = u[i];
		size_t l;

		if (c == '\\') {
			ret = ia_buf_adds(b, "\\\\");
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			ret = ia_buf_addf(b, "\\x%02x", c);
			i++;
			continue;
		}
		l = ia_utf8_len(u + i, n - i);
		/* C1 controls (U+0080..U+009F) act as escapes on some terminals */
		if (!l || (l == 2 && c == 0xc2 && u[i + 1] < 0xa0)) {
			ret = ia_buf_addf(b, "\\x%02x", c);
			i++;
			continue;
		}
		ret = ia_buf_add(b, s + i, l);
		i += l;
	}
	return ret;
}
