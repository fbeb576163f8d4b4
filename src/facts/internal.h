/* internal.h — helpers shared by the collectors of facts/ (not for other modules) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_INTERNAL_H
#define IA_FACTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"
#include "rpm/rpm.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/lines.h"

struct tgt;
struct tgt_entry;

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
	INV_DONE_SYSCTL = 1u << 5,
	INV_DONE_SOURCES = 1u << 6,
	INV_DONE_PAM = 1u << 7,
	INV_DONE_SVC = 1u << 8,
	INV_DONE_SOFTWARE = 1u << 9,
};

/*
 * A configuration file of the image read line by line, what could not be read kept in issues
 * (area ""; code 0 for a line, the error for the file): the file itself when it cannot be read
 * or is over max bytes, and lines that are not text or too long (the first three one by one,
 * then one count).
 */
struct inv_text {
	struct ia_buf b;
	struct ia_lines c; /* c.lineno: the line last returned */
	struct ia_problems *issues;
	const char *path;
	unsigned bad;
	bool indented; /* the line last returned began with a space or tab */
};

/* Reads path: 0, -ENOENT when there is no such file (nothing recorded), or the error recorded
 * in issues. Close it after 0. */
int inv_text_open(struct inv_text *x, const struct tgt *t, struct ia_problems *issues,
		  const char *path, size_t max);
/* The next text line, trimmed: 1, or 0 at the end. */
int inv_text_next(struct inv_text *x, const char **line, size_t *len);
void inv_text_close(struct inv_text *x); /* safe after any inv_text_open */

/* Calls fn(t, entry, arg) for every direct child of directory dir in the index, in name
 * order. */
void inv_children(const struct tgt *t, const char *dir,
		  void (*fn)(const struct tgt *, const struct tgt_entry *, void *), void *arg);

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
/* Records a problem of the file raised at src (inv_fp_add raises it here). */
void inv_fp_raise(struct inv_fp *fp, struct ia_src src, unsigned line, int code, const char *fmt,
		  ...) __attribute__((format(printf, 5, 6)));
#define inv_fp_add(fp, line, code, ...) inv_fp_raise((fp), IA_HERE, (line), (code), __VA_ARGS__)
/* Records an error a reader raised into err (path as err has it, or fp's when empty). */
void inv_fp_add_err(struct inv_fp *fp, const struct ia_err *err);
/* Adds the "N more problems" line when needed; returns 0 when none was found, else
 * -IA_ECORRUPT. */
int inv_fp_finish(struct inv_fp *fp);

/* The problem of a line over IA_MAX_LINE (code as ia_lines_next returned it), raised at the
 * caller. */
void inv_fp_long_line_at(struct inv_fp *fp, struct ia_src src, unsigned line, int code);
#define inv_fp_long_line(fp, line, code) inv_fp_long_line_at((fp), IA_HERE, (line), (code))

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

/* rpm (facts/rpm.c): the headers the rpm/ reader hands over, into the inventory */
/*
 * Adds the package of h (parsed from the database at image path db_path)
 * and its files to f: version "[E:]V-R", source name and "V-R" from
 * SOURCERPM, digests with their algorithm, %config flags. Returns the
 * package index, or -IA_ETOOBIG when a file path exceeds IA_MAX_PATH or the
 * inventory limits are hit (err filled; nothing is added then).
 */
int inv_rpm_add_header(const struct rpm_hdr *h, struct inv_facts *f, const char *db_path,
		       struct ia_err *err);

/*
 * Reads a whole rpm database from bytes into f: every header becomes a
 * package; every unreadable record and a database that cannot be read at
 * all become problems (area "packages (rpm)") naming path. Records path in
 * f->dbs with db_ok set only when nothing was lost. Returns the number of
 * packages added, or a negative code when the database could not be read
 * (the problem is recorded too).
 */
int inv_rpm_parse_db(struct inv_facts *f, const char *path, enum rpm_db_kind kind, uint8_t *data,
		     size_t len);

#endif
