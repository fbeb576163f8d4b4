/* buf.c — bounded growable buffer */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

void ia_buf_init(struct ia_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void ia_buf_release(struct ia_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void ia_buf_reset(struct ia_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *ia_buf_reserve(struct ia_buf *b, size_t n, int *ret)
{
	size_t need, ncap;

	*ret = 0;
	/* need + 1 (the terminating NUL) must not wrap: a max of SIZE_MAX means "no limit" */
	if (__builtin_add_overflow(b->len, n, &need) || need > b->max || need == SIZE_MAX) {
		*ret = -IA_ETOOBIG;
		return NULL;
	}
	if (need + 1 > b->cap) {
		ncap = b->cap ? b->cap : 64;
		while (ncap < need + 1)
			ncap = ncap > SIZE_MAX / 2 ? need + 1 : ncap * 2;
		if (b->max < SIZE_MAX && ncap > b->max + 1)
			ncap = b->max + 1;
		b->data = ia_xrealloc(b->data, ncap);
		b->cap = ncap;
	}
	return b->data + b->len;
}

void ia_buf_commit(struct ia_buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}

int ia_buf_add(struct ia_buf *b, const void *p, size_t n)
{
	int ret;
	char *dst = ia_buf_reserve(b, n, &ret);

	if (!dst)
		return ret;
	if (n)
		memcpy(dst, p, n);
	ia_buf_commit(b, n);
	return 0;
}

int ia_buf_adds(struct ia_buf *b, const char *s)
{
	return ia_buf_add(b, s, strlen(s));
}

int ia_buf_addc(struct ia_buf *b, char c)
{
	return ia_buf_add(b, &c, 1);
}

int ia_buf_vaddf(struct ia_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, ret;
	char *dst;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -IA_ECORRUPT;
	dst = ia_buf_reserve(b, (size_t)n, &ret);
	if (!dst)
		return ret;
	vsnprintf(dst, (size_t)n + 1, fmt, ap);
	ia_buf_commit(b, (size_t)n);
	return 0;
}

int ia_buf_addf(struct ia_buf *b, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = ia_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return ret;
}

char *ia_buf_detach(struct ia_buf *b, size_t *len)
{
	char *p = b->data ? b->data : ia_xstrdup("");

	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
