/* internal.h — helpers shared by the collectors of facts/ and rpm/ (not for other modules) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_INTERNAL_H
#define IA_FACTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"

struct tgt;

#define INV_AREA_OS "os"
#define INV_AREA_DPKG "packages (dpkg)"
#define INV_AREA_APK "packages (apk)"
#define INV_AREA_RPM "packages (rpm)"
#define INV_AREA_ACCOUNTS "accounts"

/* Bits of inv_facts.collected. */
enum {
	INV_DONE_OS = 1u << 0,
	INV_DONE_DPKG = 1u << 1,
	INV_DONE_APK = 1u << 2,
	INV_DONE_RPM = 1u << 3,
	INV_DONE_ACCOUNTS = 1u << 4,
};

/*
 * Problems of one file: at most IA_MAX_FILE_PROBLEMS are recorded, then
 * inv_fp_finish adds one that counts the rest. n is how many were found.
 */
struct inv_fp {
	struct inv_facts *f;
	const char *area;
	const char *path;
	size_t n;
};

void inv_fp_init(struct inv_fp *fp, struct inv_facts *f, const char *area, const char *path);
void inv_fp_add(struct inv_fp *fp, unsigned line, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Adds the "N more problems" line when needed; returns 0 when none was found, else
 * -IA_ECORRUPT. */
int inv_fp_finish(struct inv_fp *fp);

/* The problem of a line over IA_MAX_LINE (code as ia_lines_next returned it). */
void inv_fp_long_line(struct inv_fp *fp, unsigned line, int code);

/* A (pointer, length) slice of a file's bytes. */
struct inv_span {
	const char *p;
	size_t n;
};

/* s copied into f's pool as a C string ("" when s.p is NULL). */
char *inv_span_dup(struct inv_facts *f, struct inv_span s);

/* Records a database found (at most IA_ARRAY_SIZE(f->dbs); the rest are not listed). */
void inv_add_db(struct inv_facts *f, enum inv_db kind, const char *path, bool ok);

/*
 * Reads an image file for a collector. Returns 1 with the bytes in out, 0 when the
 * file does not exist (nothing recorded), or a negative code after recording a problem
 * under area (unreadable, not a regular file, over max bytes).
 */
int inv_read(const struct tgt *t, struct inv_facts *f, const char *area, const char *path,
	     size_t max, struct ia_buf *out);

/* Lowercase hex of n bytes into out (2n+1 bytes). */
void inv_hex(const unsigned char *b, size_t n, char *out);

#endif
