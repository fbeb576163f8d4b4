/* check.h — the check catalogue and how a check reports what it found */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_H
#define IA_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

struct tgt;
struct inv_facts;
struct chk_def;

/* What a user sets: severity overrides per check ID. */
struct chk_override {
	const char *id;
	enum rpt_sev severity;
};

struct chk_opts {
	const struct chk_override *overrides;
	size_t n_overrides;
};

/* What a check gets: the target (index, file bytes), the facts, and the report. */
struct chk_ctx {
	const struct tgt *tgt;
	const struct inv_facts *facts;
	struct rpt_report *rpt;
	const struct chk_opts *opts;
	const struct chk_def *cur;    /* the check running now */
};

/*
 * One entry of the catalogue. The catalogue is data: checks/catalogue.c
 * holds every check in one table; `imgaudit checks` prints it and the docs
 * are tested against it.
 */
struct chk_def {
	const char *id;               /* stable: "FS-001" */
	const char *family;           /* "accounts", "files", ... */
	const char *title;            /* what it looks for */
	enum rpt_sev severity;        /* default */
	const char *clauses;          /* space-separated clause IDs of spec/CLAUSES.md */
	const char *examines;         /* what it reads */
	const char *remediation;      /* default fix */
	void (*run)(struct chk_ctx *ctx);
};

extern const struct chk_def chk_catalogue[];
extern const size_t chk_catalogue_len;

const struct chk_def *chk_find(const char *id);

/* Runs every check of the catalogue. */
void chk_run_all(struct chk_ctx *ctx);

/*
 * Reports a finding of the running check: severity from the catalogue or the
 * user's override; remediation NULL takes the catalogue's. title is a
 * printf format.
 */
void chk_report(struct chk_ctx *ctx, const char *path, unsigned line, const char *value,
		const char *remediation, const char *title_fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Records that the running check could not examine something. */
void chk_gap(struct chk_ctx *ctx, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
