/* err.h — error codes and the caller-owned error record that carries path and line */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_ERR_H
#define IA_ERR_H

#include <stddef.h>

/*
 * Functions return 0 or a negative code: -errno for system failures, or one
 * of the project codes below for what callers handle. Details travel in a
 * caller-owned struct ia_err, which may be NULL when the caller does not care.
 */
enum {
	IA_ECORRUPT = 1000, /* bad data in the image */
	IA_ETOOBIG,         /* a limit of util/limits.h was hit */
	IA_EUNSUPPORTED,    /* a format or feature imgaudit does not read */
	IA_EESCAPE,         /* a path tried to leave the image root */
};

struct ia_err {
	int code;       /* 0 or a negative code */
	char path[512]; /* file concerned (inside the image), "" if none */
	unsigned line;  /* 1-based line in that file, 0 if none */
	char msg[512];  /* lowercase, no trailing period */
};

/* Records an error and returns code. err may be NULL; then only code is returned. */
int ia_err_set(struct ia_err *err, int code, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Marks bad image data at the line of source that found it. Evaluates to IA_ECORRUPT (negative). */
#define IA_CORRUPT(err, path, line, ...)                                                           \
	ia_err_set((err), -IA_ECORRUPT, (path), (line), __VA_ARGS__)

/* Short text for a code: "corrupt data", "limit exceeded", strerror for -errno. */
const char *ia_strerror(int code);

/* "path:line: msg" into buf (size n); returns buf. */
const char *ia_err_format(const struct ia_err *err, char *buf, size_t n);

#endif
