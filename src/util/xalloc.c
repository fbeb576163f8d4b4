/* xalloc.c — aborting allocators */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/banned.h"

static void oom(size_t n)
{
	fprintf(stderr, "imgaudit: out of memory allocating %zu bytes\n", n);
	abort();
}

void *ia_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *ia_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom(nmemb * size);
	return p;
}

void *ia_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

void *ia_xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (__builtin_mul_overflow(nmemb, size, &n))
		oom(SIZE_MAX);
	return ia_xrealloc(p, n);
}

char *ia_xstrdup(const char *s)
{
	return ia_xstrndup(s, strlen(s));
}

char *ia_xstrndup(const char *s, size_t n)
{
	char *p = ia_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void ia_grow(void *arr, size_t sz, size_t need, size_t *cap)
{
	void **pp = arr;
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (__builtin_mul_overflow(ncap, 2, &ncap))
			oom(SIZE_MAX);
	}
	*pp = ia_xreallocarray(*pp, ncap, sz);
	*cap = ncap;
}
