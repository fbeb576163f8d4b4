/* problem.h — what could not be read or examined, with path and line */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_PROBLEM_H
#define IA_PROBLEM_H

#include <stddef.h>

#include "util/err.h"

/*
 * Modules never print. What they could not read (a malformed database, an
 * archive entry that tries to leave the root, a limit hit) they record here;
 * the audit turns each into a finding and a "not examined" entry (the channel
 * of util/err.h). At most IA_MAX_PROBLEMS are kept; `dropped` counts the rest.
 */
struct ia_problem {
	char *area;        /* what it concerns: "index", "packages (dpkg)", "os", "accounts" ... */
	char *path;        /* file inside the image, "" if none */
	unsigned line;     /* 1-based, 0 if none */
	int code;          /* negative IA_E* or -errno */
	char *msg;         /* lowercase, no trailing period */
	struct ia_src src; /* where in imgaudit's source it was raised */
};

struct ia_problems {
	struct ia_problem *v;
	size_t len, cap;
	size_t dropped;
};

/* Records an ia_err (path, line, message, code, source) under area: how a parser's error
 * reaches the report. */
void ia_problem_add_err(struct ia_problems *ps, const char *area, const struct ia_err *err);
/* Records a problem raised at src (ia_problem_add raises it here). */
void ia_problem_raise(struct ia_problems *ps, struct ia_src src, const char *area, const char *path,
		      unsigned line, int code, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
#define ia_problem_add(ps, area, path, line, code, ...)                                            \
	ia_problem_raise((ps), IA_HERE, (area), (path), (line), (code), __VA_ARGS__)
void ia_problems_release(struct ia_problems *ps);

#endif
