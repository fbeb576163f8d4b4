/* err.h — error codes and the caller-owned error record that carries path, line and source */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_ERR_H
#define IA_ERR_H

#include <stddef.h>

#include "util/limits.h"

/*
 * Functions return 0 or a negative code: -errno for system failures, or one
 * of the project codes below for what callers handle. Details travel in a
 * caller-owned struct ia_err, which may be NULL when the caller does not care.
 *
 * "Could not read" has one channel: a parser raises it into a struct ia_err
 * (IA_CORRUPT for bad image data, ia_err_set for the other codes), the
 * collector records the error as a problem (util/problem.h, ia_problem_add_err),
 * and the audit turns each problem into a NOT EXAMINED entry of the report
 * (struct fnd_gap). Every step keeps the image file, the line in it, the reason
 * and where in imgaudit's source the error was raised (struct ia_src), so a
 * report a user sends says which code refused the input.
 */
enum {
	IA_ECORRUPT = 1000, /* bad data in the image */
	IA_ETOOBIG,         /* a limit of util/limits.h was hit */
	IA_EUNSUPPORTED,    /* a format or feature imgaudit does not read */
	IA_EESCAPE,         /* a path tried to leave the image root */
};

/* Where in imgaudit's source something was raised: __FILE__ and __LINE__ (IA_HERE). */
struct ia_src {
	const char *file; /* a string literal (__FILE__), NULL when unknown */
	unsigned line;
};

#define IA_HERE ((struct ia_src){__FILE__, __LINE__})

struct ia_err {
	int code;                   /* 0 or a negative code */
	char path[IA_MAX_PATH + 1]; /* file concerned (inside the image), "" if none; a longer
				     * one (a host path) is cut and ends in "..." */
	unsigned line;              /* 1-based line in that file, 0 if none */
	char msg[512];              /* lowercase, no trailing period */
	struct ia_src src;          /* where it was raised */
};

/* Records an error raised at src and returns code. err may be NULL; then only code is
 * returned. */
int ia_err_raise(struct ia_err *err, struct ia_src src, int code, const char *path, unsigned line,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Records an error (raised here) and returns code. */
#define ia_err_set(err, code, path, line, ...)                                                     \
	ia_err_raise((err), IA_HERE, (code), (path), (line), __VA_ARGS__)

/*
 * Marks bad image data at the line of source that found it, as SQLite's CORRUPT_BKPT does:
 * the error records __FILE__ and __LINE__, which the report shows beside the file and line
 * of the image. Evaluates to -IA_ECORRUPT.
 */
#define IA_CORRUPT(err, path, line, ...)                                                           \
	ia_err_raise((err), IA_HERE, -IA_ECORRUPT, (path), (line), __VA_ARGS__)

/*
 * Puts what the caller was doing before err's message: "CONTEXT: message" (the message
 * ia_strerror(code) when it had none). Code, path, line and source stay as raised.
 */
void ia_err_prefix(struct ia_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Short text for a code: "corrupt data", "limit exceeded", strerror for -errno. */
const char *ia_strerror(int code);

/* "path:line: msg" into buf (size n); returns buf. */
const char *ia_err_format(const struct ia_err *err, char *buf, size_t n);

/*
 * The source file of src relative to the project ("src/facts/dpkg.c"), whatever directory
 * the build ran in; "" when unknown. Points into src.file.
 */
const char *ia_src_file(struct ia_src src);

#endif
