/* profile.h — profiles (a specification's clauses, the checks serving them, its gate) and verdicts
 */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_PROFILE_H
#define IA_CHECK_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "checks/check.h"
#include "findings/findings.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/pool.h"

/*
 * A profile is data: data/profiles/NAME.txt, or a file of the user's in the
 * same format (docs in data/profiles/README.md):
 *
 *   name: jdcloud
 *   title: JD Cloud image security specification
 *   gate: medium
 *   # ID | mode | requirement | options
 *   JD-3.1b | S+L | no weak default passwords |
 *   AY-1.1.4 | S | no release out of maintenance | same=JD-1.1d
 *   SR-1.x | M | production separated from test | guide=confirm that ...
 *
 * mode is S, L, M or a '+' combination. options, separated by ';':
 *   same=ID,ID    the checks serving these clauses serve this one too
 *   checks=ID,ID  check IDs that serve it besides those naming it
 *   needs=TEXT    what is missing while no check serves it (NOT EXAMINED why)
 *   guide=TEXT    what a reviewer must check (M mode)
 *   part=TEXT     what of the clause no check examines yet, though checks serve the rest:
 *                 the clause is NOT EXAMINED "in part" unless it fails
 *
 * The profile "all" (the default) is every clause of the four built-in
 * profiles in the order jdcloud, aliyun, sysreq, jike, gated at medium.
 */

enum {
	CHK_MODE_S = 1u, /* decidable from a static image */
	CHK_MODE_L = 2u, /* needs the running system */
	CHK_MODE_M = 4u, /* organisational: manual */
};

struct chk_pclause {
	const char *id, *title;           /* in the profile's pool */
	unsigned mode;                    /* CHK_MODE_* */
	const char *same;                 /* space-separated clause IDs, "" */
	const char *checks;               /* space-separated check IDs, "" */
	const char *needs, *guide, *part; /* "" when absent */
	unsigned line;                    /* line in the profile file */
};

struct chk_profile {
	const char *name, *title;
	enum fnd_sev gate; /* a failing finding at or above it fails the gate */
	struct chk_pclause *clauses;
	size_t n_clauses, cap_clauses;
	struct ia_pool pool; /* every string above */
};

/*
 * Loads a profile: a built-in name ("jdcloud", "aliyun", "sysreq", "jike",
 * "all"), or a path (anything containing '/' or ending in ".txt"). Returns 0
 * with *ret set (free with chk_profile_free), -ENOENT for an unknown name or
 * missing file, -IA_ECORRUPT for a malformed file (err has path and line).
 */
int chk_profile_load(const char *name_or_path, struct chk_profile **ret, struct ia_err *err);
/* Parses a profile from bytes; path names it in errors. Same returns. */
int chk_profile_parse(const char *path, const char *data, size_t len, struct chk_profile **ret,
		      struct ia_err *err);
void chk_profile_free(struct chk_profile *p); /* NULL-safe */

/* Names of the built-in profiles (static), "all" excluded; *n receives the count. */
const char *const *chk_profile_names(size_t *n);

/*
 * Fills ctx->rpt with one verdict per clause of p (replacing earlier ones),
 * from the findings in the report and what chk_run_all recorded in ctx->state.
 * The gate is p->gate (the user's --fail-at replaces it):
 *  - M mode only: MANUAL, why = the guidance;
 *  - FAIL when a finding at or above the gate of a serving check names the
 *    clause; INPUT findings never FAIL a clause, their gaps make it NOT EXAMINED;
 *  - NOT EXAMINED when no OS was identified, no serving check ran (why = the
 *    profile's needs= text), or a serving check recorded a gap (a file it could
 *    not read, an option that turned it off);
 *  - NOT APPLICABLE when every serving check that ran found its subject absent
 *    (chk_absent: "no sshd"), why = those reasons;
 *  - PASS otherwise, why = which checks examined it and their notes.
 * Findings below the gate (above info) never fail a clause: why lists them as notes
 * and n_below counts them. Findings that serve no clause of p are marked outside.
 * Sets r->profile, r->fail_at = p->gate and r->n_outside; fnd_status gives the result.
 * The report borrows clause IDs and titles from p: keep p until it is written.
 */
void chk_profile_apply(const struct chk_profile *p, struct chk_ctx *ctx);

/* Does check d serve clause c: it names c or a clause of c's same=, or c's checks= names it
 * (INPUT checks serve no clause: their gaps are counted, not their findings)? */
bool chk_profile_serves(const struct chk_pclause *c, const struct chk_def *d);

#endif
