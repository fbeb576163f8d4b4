/* clauses.h — the clause catalogue (data/clauses.txt): clause IDs, modes, titles, source documents
 */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_CLAUSES_H
#define IA_CHECK_CLAUSES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/pool.h"

/*
 * The clauses of the specifications imgaudit audits against are data:
 * data/clauses.txt (format in data/README.md):
 *
 *   # comment
 *   source: jdcloud | JD Cloud Marketplace, "Image from ..." | jdcloud-image-security-spec.txt
 *   JD-3.1b | S+L | no weak default passwords
 *
 * A "source:" line (key | title | document file names, comma-separated) opens
 * the clauses of one specification; each clause line (ID | mode | title)
 * belongs to the source above it. IDs are unique (compared as chk_clauses_name
 * does: case-insensitive, an en dash as '-'), hold no space or comma, and are
 * at most IA_MAX_CLAUSE_ID bytes. Text is UTF-8 without control bytes.
 * Sizes and counts are bounded by IA_MAX_CLAUSE_* (util/limits.h).
 */

struct chk_csource {
	const char *key, *title;
	const char **docs; /* document file names */
	size_t n_docs;
	unsigned line;
};

struct chk_cclause {
	const char *id, *title;
	unsigned mode; /* CHK_MODE_* of checks/profile.h */
	size_t source; /* index into the catalogue's sources */
	unsigned line;
};

struct chk_ccat {
	struct chk_csource *sources;
	size_t n_sources, cap_sources;
	struct chk_cclause *clauses;
	size_t n_clauses, cap_clauses;
	struct ia_pool pool; /* every string above */
};

/* Parses a catalogue from bytes; path names it in errors. Returns 0 with *ret
 * set (free with chk_ccat_free), -IA_ECORRUPT for a malformed line or
 * -IA_ETOOBIG past a limit (err has path, line and what was wrong). */
int chk_ccat_parse(const char *path, const char *data, size_t len, struct chk_ccat **ret,
		   struct ia_err *err);
/* Reads and parses clauses.txt of the data directory (ia_data_read). Same returns, or the
 * read's error (-ENOENT...). */
int chk_ccat_load(struct chk_ccat **ret, struct ia_err *err);
void chk_ccat_free(struct chk_ccat *cat); /* NULL-safe */
/* The clause with that ID (chk_clauses_name equality), or NULL. */
const struct chk_cclause *chk_ccat_find(const struct chk_ccat *cat, const char *id);

/* Parses a mode ("S", "S+L", "M"...) into CHK_MODE_* bits; -1 when empty or not S, L, M, '+'. */
int chk_mode_parse(const char *s, size_t n, unsigned *out);
/* "S", "S+L", "S+L+M"...: static text for the bits. */
const char *chk_mode_name(unsigned mode);

#endif
