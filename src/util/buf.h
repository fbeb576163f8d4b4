/* buf.h — a growable byte buffer with a maximum size */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_BUF_H
#define IA_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Every buffer has a maximum (like curl's dynbuf). data is always
 * NUL-terminated when non-NULL, so text can be used as a C string; len
 * excludes the NUL. An append past max fails with -IA_ETOOBIG and leaves the
 * buffer as it was.
 */
struct ia_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

#define IA_BUF_INIT(maxbytes)                                                                      \
	{                                                                                          \
		NULL, 0, 0, (maxbytes)                                                             \
	}

void ia_buf_init(struct ia_buf *b, size_t max);
/* Frees the storage; the buffer can be used again (same max). NULL-safe. */
void ia_buf_release(struct ia_buf *b);
/* Empties without freeing. */
void ia_buf_reset(struct ia_buf *b);
int ia_buf_add(struct ia_buf *b, const void *p, size_t n);
int ia_buf_adds(struct ia_buf *b, const char *s);
int ia_buf_addc(struct ia_buf *b, char c);
int ia_buf_addf(struct ia_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ia_buf_vaddf(struct ia_buf *b, const char *fmt, va_list ap);
/* Makes room for n more bytes; returns a pointer to write them, then call ia_buf_commit. */
char *ia_buf_reserve(struct ia_buf *b, size_t n, int *ret);
void ia_buf_commit(struct ia_buf *b, size_t n);
/* Hands the storage to the caller (never NULL; "" for an empty buffer) and resets b. */
char *ia_buf_detach(struct ia_buf *b, size_t *len);

#endif
