/* jsonw.h — a small streaming JSON writer whose strings are always escaped */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_JSONW_H
#define IA_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/limits.h"

/*
 * Writes indented JSON to a FILE. Strings go through ia_escape_json: output
 * is valid UTF-8 whatever the image holds (a byte that is not UTF-8 appears as
 * the code point of the same value, \u00XX). Nesting is bounded.
 */
struct jw {
	FILE *out;
	int depth;
	bool first[32]; /* no element written yet at this depth */
	bool after_key;
	int err;
};

void jw_init(struct jw *w, FILE *out);
void jw_obj(struct jw *w); /* { */
void jw_arr(struct jw *w); /* [ */
void jw_end_obj(struct jw *w);
void jw_end_arr(struct jw *w);
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* key + value shorthands */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, int64_t v);
void jw_kbool(struct jw *w, const char *k, bool v);
/* Finishes with a newline; returns 0 or -EIO. */
int jw_finish(struct jw *w);

#endif
