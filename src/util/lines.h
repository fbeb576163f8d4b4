/* lines.h — a line cursor over text from an image that knows its line number */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_LINES_H
#define IA_LINES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Iterates over the lines of a buffer (not NUL-terminated; embedded NULs are
 * data). A line excludes its "\n" (and a "\r" before it). Lines longer than
 * IA_MAX_LINE are reported as too long, never split.
 */
struct ia_lines {
	const char *p;
	const char *end;
	unsigned lineno; /* number of the line last returned, 1-based */
};

void ia_lines_init(struct ia_lines *c, const char *data, size_t len);
/*
 * Returns 1 and sets *line and *len for the next line, 0 at the end, or
 * -IA_ETOOBIG for a line over IA_MAX_LINE (the cursor skips past it, so the
 * caller may report and go on).
 */
int ia_lines_next(struct ia_lines *c, const char **line, size_t *len);

struct ia_err;
/*
 * For data files in a line format (profiles, the clause catalogue): the next
 * line that is neither blank nor a '#' comment, trimmed. Returns 1, 0 at the
 * end, or -IA_ETOOBIG for a line over IA_MAX_LINE with err naming path and
 * the line.
 */
int ia_lines_next_entry(struct ia_lines *c, const char *path, const char **line, size_t *len,
			struct ia_err *err);

/* Helpers on (pointer, length) strings. */
void ia_trim(const char **s, size_t *n);
bool ia_starts_with(const char *s, size_t n, const char *prefix);
/* true when the n bytes at s equal the C string lit */
bool ia_eq(const char *s, size_t n, const char *lit);
/* true when every byte is printable UTF-8 text or tab (no NUL, no control bytes) */
bool ia_is_text(const char *s, size_t n);

#endif
