/* str.h — strict number parsing and small string helpers */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_STR_H
#define IA_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parses all n bytes as a decimal unsigned number no larger than max.
 * No sign, no spaces, no empty string. Returns 0 or -IA_ECORRUPT / -IA_ETOOBIG;
 * *out is untouched on failure.
 */
int ia_parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out);
/* The same in base 8 (tar headers, modes). */
int ia_parse_octal(const char *s, size_t n, uint64_t max, uint64_t *out);
/* Optional leading '-' then decimal, within [min, max]. */
int ia_parse_i64(const char *s, size_t n, int64_t min, int64_t max, int64_t *out);

/* Splits s (n bytes) at the first sep; returns false when sep is absent. */
bool ia_split(const char *s, size_t n, char sep, const char **a, size_t *an, const char **b,
	      size_t *bn);

/*
 * Splits line (n bytes) at tabs into exactly ncols fields, each non-empty and at most max_len
 * bytes: col[i] and len[i] point into line. Returns 0, or -1 when the line is not such a row
 * (a field missing, empty, too long, or more fields than ncols).
 */
int ia_tsv_fields(const char *line, size_t n, const char **col, size_t *len, size_t ncols,
		  size_t max_len);
/* Whether s (n bytes) has the form of a day, "YYYY-MM-DD" (digits; the day is not checked). */
bool ia_is_day_form(const char *s, size_t n);

/* "%04o"-style mode text of a full st_mode's permission bits (incl. setuid/setgid/sticky). */
void ia_mode_str(unsigned mode, char out[8]);

/* The next space- or tab-separated word of [*p, end): true with *w, *wn set and *p after it. */
bool ia_next_word(const char **p, const char *end, const char **w, size_t *wn);
/* A configuration boolean: yes/true/1/on (and Yes, True), no/false/0/off (and No, False). */
bool ia_yes(const char *v, size_t n);
bool ia_no(const char *v, size_t n);

/* Writes the n bytes of b as 2n lowercase hex digits and a NUL to out (2n + 1 bytes). */
void ia_hex_encode(const unsigned char *b, size_t n, char *out);
/* true when the n bytes of s are all hex digits (lower_only: 0-9 and a-f only) and n > 0. */
bool ia_is_hex(const char *s, size_t n, bool lower_only);

#endif
