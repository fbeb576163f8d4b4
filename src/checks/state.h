/* state.h — what the engine records while checks run (internal to checks/) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_STATE_H
#define IA_CHECK_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "checks/check.h"

/* A gap of one check: its clauses become NOT EXAMINED. */
struct chk_gap_rec {
	const struct chk_def *def;
	const char *clauses; /* static; the def's unless the check named others */
	bool unreadable;     /* a file could not be read: fails a profile's gate */
	char *why;           /* "path:line: reason" */
};

/* A note of one check: why it PASSes (absent = nothing to examine). */
struct chk_note_rec {
	const struct chk_def *def;
	bool absent;
	char *text;
};

/* Facts whose issues checks report (chk_fact_issues): one per configuration fact. */
#define CHK_MAX_FACT_ISSUES 16

struct chk_state {
	size_t n;         /* chk_catalogue_len when allocated */
	bool *ran;        /* per catalogue entry */
	size_t *reported; /* findings reported per catalogue entry */
	size_t *over;     /* findings past IA_MAX_FINDINGS_PER_CHECK */
	struct chk_gap_rec *gaps;
	size_t n_gaps, cap_gaps;
	struct chk_note_rec *notes;
	size_t n_notes, cap_notes;
	double family_seconds[CHK_MAX_FAMILIES];
	bool unidentified; /* no OS identified in the target: chk_run_all ran no check */
	bool all;          /* chk_run_all runs every check (the content pass does all parts) */
	/* values a family's checks share (chk_family_shared) and how each is freed */
	void *shared[CHK_MAX_FAMILIES];
	void (*shared_free[CHK_MAX_FAMILIES])(void *);
	/* the fact issue lists reported (chk_fact_issues) */
	const struct ia_problems *reported_issues[CHK_MAX_FACT_ISSUES];
	size_t n_reported_issues;
	struct chk_mal *mal; /* the content scan shared by integrity and malware (malware.h) */
};

/*
 * Records a gap for check def, which need not be the running check: its clauses (and
 * those a profile maps to it) become NOT EXAMINED as if def had recorded it. No report
 * entry is made: the running check reports the cause once (INPUT-002 for a directory
 * that could not be listed hides the files of every check reading under it).
 * unreadable: a file could not be read (fails a profile's gate). why is copied.
 */
void chk_gap_for(struct chk_ctx *ctx, const struct chk_def *def, bool unreadable, const char *path,
		 unsigned line, const char *why);

/* Index of def in the catalogue, or (size_t)-1 when it is not part of it. */
size_t chk_index(const struct chk_def *def);

#endif
