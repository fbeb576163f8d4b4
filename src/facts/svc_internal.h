/* svc_internal.h — what the service configuration parsers of facts/svc_*.c share */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_SVC_INTERNAL_H
#define IA_FACTS_SVC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "facts/svc.h"
#include "util/limits.h"

struct tgt;

/* The files being read, outermost first: a file already here is an include cycle. */
struct svc_stack {
	const char *path[IA_MAX_SVC_INCLUDE_DEPTH + 1];
	size_t depth;
};

/* Appends a directive (strings copied into f's pool). false when the conf is full (recorded). */
bool svc_add(struct inv_facts *f, struct inv_conf *c, const char *key, size_t kn, const char *value,
	     size_t vn, const char *path, unsigned line, int ctx);
/* Appends a context; returns its index (-1 when full, recorded). */
int svc_add_ctx(struct inv_facts *f, struct inv_conf *c, const char *kind, const char *args,
		size_t an, const char *path, unsigned line);

/*
 * Before reading path as an include of a file on st: false, with an issue recorded at the
 * including file's line, when it would be a cycle, too deep or one file too many; else pushes
 * it (svc_pop after reading).
 */
bool svc_push(struct inv_conf *c, struct svc_stack *st, const char *path, const char *from,
	      unsigned line);
void svc_pop(struct svc_stack *st);

/*
 * Calls fn(path, arg) for each image path pattern matches, in name order: a '*', '?' or '['
 * only in the last component (glob(3) as daemons use it; a wildcard in a directory component
 * is recorded as an include not followed, returns -1). A pattern without a wildcard is given
 * to fn as it is when it exists. Returns the number of paths.
 */
int svc_glob(const struct tgt *t, struct inv_conf *c, const char *pattern, const char *from,
	     unsigned line, void (*fn)(const char *path, void *arg), void *arg);

/*
 * Splits a line into words as sshd and mosquitto do: blanks separate, "double" and 'single'
 * quotes group, a backslash escapes the next byte, a '#' starting a word ends the line when
 * hash_ends (sshd; redis and mosquitto take it as part of the value). The
 * words are written to out joined by one space; returns the count (0 for a blank or comment
 * line), -1 for an unterminated quote. *first receives the length of the first word.
 */
int svc_words(const char *s, size_t n, char *out, size_t cap, size_t *first, bool hash_ends);

/* Reads path as text for c (IA_MAX_SVC_FILE bytes; what cannot be read recorded in c->issues)
 * and calls fn for each non-blank line, trimmed (ind: the blanks it began with); path is given as a
 * string of f's pool. Returns 0, -ENOENT (nothing recorded) or the error recorded. */
int svc_lines(const struct tgt *t, struct inv_facts *f, struct inv_conf *c, const char *path,
	      void (*fn)(void *arg, const char *path, unsigned line, const char *l, size_t n,
			 size_t ind),
	      void *arg);

/* Joins a relative include name to dir ("/etc/ssh") into out; an absolute one is copied. */
void svc_join(char *out, size_t cap, const char *dir, const char *name);

/* The collectors of each service (facts/svc_*.c). */
void inv_svc_sshd(const struct tgt *t, struct inv_facts *f);
void inv_svc_net(const struct tgt *t, struct inv_facts *f); /* redis, mosquitto, memcached */
void inv_svc_db(const struct tgt *t, struct inv_facts *f);
void inv_svc_nginx(const struct tgt *t, struct inv_facts *f);
void inv_svc_httpd(const struct tgt *t, struct inv_facts *f);
void inv_svc_php(const struct tgt *t, struct inv_facts *f); /* mysql, postgres, mongodb, elastic */

#endif
