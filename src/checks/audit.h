/* audit.h — the audit pipeline as one call: profile, open, collect, checks, verdicts, sort */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_AUDIT_H
#define IA_CHECK_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "checks/check.h"
#include "checks/profile.h"
#include "facts/facts.h"
#include "findings/findings.h"
#include "target/target.h"
#include "util/err.h"

/* What one audit is asked to do. Strings and arrays are the caller's. */
struct chk_audit_opts {
	const char *target;     /* what to audit: a path, "/" for the host (tgt_open) */
	struct tgt_opts tgt;    /* kind, limits, verify_layers */
	const char *profile;    /* built-in name or profile file; NULL takes "all" */
	bool gate_set;          /* gate replaces the profile's gate */
	enum fnd_sev gate;      /* with gate_set */
	struct chk_opts checks; /* severity overrides, budgets, allowed base images */
	bool accept_incomplete; /* an INCOMPLETE result passes (fnd_report.accept_incomplete) */
	/* The waivers (findings/waivers.h), moved into the report before the verdicts (emptied
	 * here); NULL: none. */
	struct fnd_waivers *waivers;
	/*
	 * Called once, after the target is open and its facts collected and before the first
	 * check reads it: the CLI opens its output and restricts the process from writing here
	 * (util/sandbox.h), so that nothing the image makes the checks do can write. A negative
	 * return stops the audit (stage CHK_AUDIT_READY). NULL: nothing.
	 */
	int (*ready)(void *arg);
	void *ready_arg;
	/* Progress: called with what the audit starts doing ("reading the image", "checks:
	 * FAMILY"; static strings); NULL: nothing. */
	void (*progress)(void *arg, const char *stage);
	void *progress_arg;
};

/* Where an audit stopped (chk_audit_result.stage). */
enum chk_audit_stage {
	CHK_AUDIT_DONE = 0,
	CHK_AUDIT_PROFILE, /* the profile could not be loaded (err says why; -ENOENT: unknown) */
	CHK_AUDIT_OPEN,    /* the target could not be opened (err) */
	CHK_AUDIT_COLLECT, /* the facts could not be collected (a failure of the host) */
	CHK_AUDIT_READY,   /* the ready hook refused */
};

/* What one audit gives. Release with chk_audit_release. */
struct chk_audit_result {
	enum chk_audit_stage stage;        /* CHK_AUDIT_DONE when the report is whole */
	struct ia_err err;                 /* why it stopped, when it did */
	struct fnd_report report;          /* findings, gaps, clause verdicts (sorted) */
	struct fnd_target target;          /* what the outputs say of the target */
	struct inv_facts facts;            /* the inventory the checks read */
	struct ia_problems index_problems; /* entries the index skipped (tgt_problems) */
	struct chk_profile *profile;       /* the report borrows clause IDs and titles from it */
	/* seconds: open and collect, all checks, and each family (chk_families order) */
	double open_seconds, checks_seconds;
	double family_seconds[CHK_MAX_FAMILIES];
};

/*
 * Runs one audit: loads the profile (the gate replaced when asked), opens the target and
 * collects its facts (chk_audit_open), calls the ready hook, runs every check, gives each
 * clause of the profile its verdict and sorts the findings. The target is closed before it
 * returns: the result holds all an output needs. Returns 0 (the report is whole; whether it
 * passed is fnd_failed), or a negative code with r->stage and r->err saying where and why.
 * r is initialised either way: call chk_audit_release.
 */
int chk_audit(const struct chk_audit_opts *o, struct chk_audit_result *r);
void chk_audit_release(struct chk_audit_result *r); /* NULL-safe */

/*
 * The open-and-collect step of chk_audit, for the inventory and the tests that run one
 * check: opens spec with opts and collects the facts into f (initialised here either way).
 * Returns 0, or a negative code with err filled and *t NULL (stage in *stage when given:
 * CHK_AUDIT_OPEN or CHK_AUDIT_COLLECT).
 */
int chk_audit_open(const char *spec, const struct tgt_opts *opts, struct tgt **t,
		   struct inv_facts *f, enum chk_audit_stage *stage, struct ia_err *err);

/* Fills out (released first by the caller; zeroed here) with what the outputs print of t. */
void chk_target_summary(const struct tgt *t, struct fnd_target *out);

#endif
