/* software_int.h — what the readers of facts/software*.c share (not for other modules) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_SOFTWARE_INT_H
#define IA_FACTS_SOFTWARE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "facts/facts.h"
#include "util/buf.h"

struct tgt;
struct tgt_entry;

#define SW_AREA "software"

/* The walk's state: the target, the facts, and one scratch buffer for the readers. */
struct sw_ctx {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_software *s;
	struct ia_buf buf; /* scratch, IA_MAX_SW_JSON at most */
};

/* A component to add; NULL strings are "". dir is the installation or application directory. */
struct sw_comp {
	const char *name, *version, *ecosystem, *path, *how, *parent, *dir;
	enum inv_comp_kind kind;
};

/* Adds c (strings copied). Past IA_MAX_COMPONENTS one issue says so and the rest are dropped.
 * A JavaScript library already listed with the same name and version in the same directory
 * (jquery.js and jquery.min.js) is not listed again. */
void sw_add(struct sw_ctx *c, const struct sw_comp *comp);
/* Records what could not be read (area SW_AREA). */
void sw_issue(struct sw_ctx *c, const char *path, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Reads an image file whole, at most max bytes, into c->buf (NUL-terminated): 1, 0 when it does
 * not exist, or a negative code after recording an issue (over max, not a regular file).
 */
int sw_read(struct sw_ctx *c, const char *path, size_t max);
/* Reads the first n bytes of e into c->buf (NUL-terminated, NUL bytes kept). 0 or -errno. */
int sw_head(struct sw_ctx *c, const struct tgt_entry *e, size_t n);
/* true when a package of the image owns path. */
bool sw_owned(const struct sw_ctx *c, const char *path);

/*
 * The version written after marker in data (first occurrence within len bytes): spaces, quotes,
 * '=', ':', '(' and a 'v' before a digit are skipped; the version is the run of letters, digits
 * and ".+-_~" that follows and holds a digit. Copies it into out (NUL-terminated) and returns
 * true; false when the marker is absent or no version follows.
 */
bool sw_version_after(const char *data, size_t len, const char *marker, char *out, size_t outn);
/* Like sw_version_after, the value of a "Key: value" header line (line start may hold " * ",
 * "\t" or "#"); the value to the end of the line, trimmed. */
bool sw_header(const char *data, size_t len, const char *key, char *out, size_t outn);
/* memmem bounded to len. */
const char *sw_find(const char *data, size_t len, const char *needle);
/* The directory of path (copied into out); "/" for a top-level name. */
void sw_dirname(const char *path, char *out, size_t outn);
/* true when s ends with suffix. */
bool sw_ends(const char *s, const char *suffix);

/* The readers, each given a regular file no package owns (base: its last component). */
void sw_server_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base);
void sw_lang_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base);
void sw_web_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base);

#endif
