/* escape.h — escaping strings from an image before they reach any output */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_ESCAPE_H
#define IA_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * Strings from an image may hold control bytes, terminal escapes, invalid
 * UTF-8 or quotes. Every output escapes them:
 *  - ia_escape_json: the inside of a JSON string (quotes, backslash, control
 *    bytes as \u00XX; invalid UTF-8 bytes as \u00XX of the byte, so output is
 *    always valid UTF-8 and the byte is still visible; the format characters of
 *    ia_is_hiding_format_char as \uXXXX, the same string once decoded);
 *  - ia_escape_term: for a terminal: control bytes, DEL, C1 controls and invalid
 *    UTF-8 as \xHH, the format characters of ia_is_hiding_format_char as \u{X}
 *    (hex code point), backslash doubled; other valid UTF-8 kept.
 * Both append to b and return 0 or -IA_ETOOBIG.
 */
int ia_escape_json(struct ia_buf *b, const char *s, size_t n);
int ia_escape_term(struct ia_buf *b, const char *s, size_t n);

/*
 * True for the Unicode format characters (category Cf) that reorder or hide text
 * when printed: the bidirectional controls U+202A..U+202E, U+2066..U+2069, U+200E,
 * U+200F, U+061C, and the invisible ones (zero-width space and joiners, word joiner,
 * soft hyphen, byte-order mark, tag characters...). "evil\u{202e}txt.exe" must not
 * show as "evilexe.txt" to a reviewer.
 */
bool ia_is_hiding_format_char(unsigned cp);

/* Length of a valid UTF-8 sequence starting at s (1..4), or 0 when invalid. */
size_t ia_utf8_len(const unsigned char *s, size_t n);

#endif
