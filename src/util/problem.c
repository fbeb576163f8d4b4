/* problem.c — the problem list */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/problem.h"
#include "util/limits.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/banned.h"

void ia_problem_raise(struct ia_problems *ps, struct ia_src src, const char *area, const char *path,
		      unsigned line, int code, const char *fmt, ...)
{
	struct ia_problem *p;
	va_list ap;
	char msg[1024];

	if (ps->len >= IA_MAX_PROBLEMS) {
		ps->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_grow(&ps->v, sizeof(*ps->v), ps->len + 1, &ps->cap);
	p = &ps->v[ps->len++];
	p->area = ia_xstrdup(area ? area : "");
	p->path = ia_xstrdup(path ? path : "");
	p->line = line;
	p->code = code;
	p->msg = ia_xstrdup(msg);
	p->src = src;
}

void ia_problem_add_err(struct ia_problems *ps, const char *area, const struct ia_err *err)
{
	ia_problem_raise(ps, err->src, area, err->path, err->line, err->code, "%s",
			 err->msg[0] ? err->msg : ia_strerror(err->code));
}

void ia_problems_release(struct ia_problems *ps)
{
	if (!ps)
		return;
	for (size_t i = 0; i < ps->len; i++) {
		free(ps->v[i].area);
		free(ps->v[i].path);
		free(ps->v[i].msg);
	}
	free(ps->v);
	ps->v = NULL;
	ps->len = ps->cap = ps->dropped = 0;
}
