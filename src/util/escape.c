/* escape.c — output escaping */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/escape.h"

#include <stdbool.h>
#include <stdio.h>
#include "util/banned.h"

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

/* The code point of a valid UTF-8 sequence of length len (from ia_utf8_len). */
static unsigned utf8_cp(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	unsigned cp = s[0] & lead_mask[len];

	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

bool ia_is_hiding_format_char(unsigned cp)
{
	/* bidirectional controls: embeddings, overrides, isolates and marks reorder what follows */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	    cp == 0x200f || cp == 0x061c)
		return true;
	/* invisible format characters (Unicode category Cf) that make two names look alike or
	 * hide text: soft hyphen, Arabic and Syriac marks, Mongolian vowel separator, zero-width
	 * space and joiners, word joiner and invisible operators, deprecated format controls,
	 * byte-order mark, interlinear annotations, tag characters */
	return cp == 0x00ad || (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06dd || cp == 0x070f ||
	       cp == 0x08e2 || cp == 0x180e || (cp >= 0x200b && cp <= 0x200d) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0x110bd || cp == 0x110cd ||
	       (cp >= 0x13430 && cp <= 0x1343f) || (cp >= 0x1bca0 && cp <= 0x1bca3) ||
	       (cp >= 0x1d173 && cp <= 0x1d17a) || cp == 0xe0001 ||
	       (cp >= 0xe0020 && cp <= 0xe007f);
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
		if (l > 1 && ia_is_hiding_format_char(utf8_cp(u + i, l))) {
			unsigned cp = utf8_cp(u + i, l);

			/* the same string once decoded, but visible to whoever reads the raw JSON
			 */
			if (cp < 0x10000)
				ret = ia_buf_addf(b, "\\u%04x", cp);
			else
				ret = ia_buf_addf(b, "\\u%04x\\u%04x",
						  0xd800 + ((cp - 0x10000) >> 10),
						  0xdc00 + ((cp - 0x10000) & 0x3ff));
			i += l;
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
		if (l > 1 && ia_is_hiding_format_char(utf8_cp(u + i, l))) {
			ret = ia_buf_addf(b, "\\u{%x}", utf8_cp(u + i, l));
			i += l;
			continue;
		}
		ret = ia_buf_add(b, s + i, l);
		i += l;
	}
	return ret;
}
