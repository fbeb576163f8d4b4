/* xalloc.h — allocation that aborts on exhaustion (array sizes overflow-checked) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_XALLOC_H
#define IA_XALLOC_H

#include <stddef.h>
#include <stdint.h>

/* Out of memory is not recoverable for an auditor: these print and abort. */
void *ia_xmalloc(size_t n);
void *ia_xcalloc(size_t nmemb, size_t size);
void *ia_xrealloc(void *p, size_t n);
/* realloc for an array of nmemb elements of size bytes, overflow-checked */
void *ia_xreallocarray(void *p, size_t nmemb, size_t size);
char *ia_xstrdup(const char *s);
char *ia_xstrndup(const char *s, size_t n);

/* Grows *arr (element size sz) so that it holds at least need elements; *cap is updated. */
void ia_grow(void *arr, size_t sz, size_t need, size_t *cap);

#endif
