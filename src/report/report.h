/* report.h — findings, what was not examined, and the outputs (JSON, terminal table) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_H
#define IA_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

struct tgt;
struct inv_facts;

enum rpt_sev {
	RPT_SEV_INFO = 0,
	RPT_SEV_LOW,
	RPT_SEV_MEDIUM,
	RPT_SEV_HIGH,
	RPT_SEV_CRITICAL,
};

const char *rpt_sev_name(enum rpt_sev s);            /* "info" ... "critical" */
int rpt_sev_parse(const char *s, enum rpt_sev *out); /* 0 or -EINVAL */

/* One finding: a fact a reviewer can verify. Strings are owned by the report. */
struct rpt_finding {
	const char *check;   /* stable check ID (static, from the catalogue) */
	const char *clauses; /* space-separated clause IDs (static) */
	enum rpt_sev severity;
	char *title;       /* what was found, specific to this instance */
	char *path;        /* evidence: image path, "" if none */
	unsigned line;     /* evidence: 1-based line, 0 if none */
	char *value;       /* evidence: the value seen, "" if none (escaped on output) */
	char *remediation; /* what to run or change */
};

/* Something that could not be examined, and why: never reported as passed. */
struct rpt_gap {
	char *area; /* "packages (dpkg)", "check FS-001", ... */
	char *path; /* "" if none */
	unsigned line;
	char *reason;
};

/* The verdict on one clause of a profile (filled by checks/profile.c). */
enum rpt_verdict {
	RPT_PASS = 0,     /* every serving check ran and found nothing failing */
	RPT_FAIL,         /* findings listed */
	RPT_NOT_EXAMINED, /* could not be examined, or no check serves it yet: why says so */
	RPT_MANUAL,       /* organisational (M mode): what a reviewer must check */
};

struct rpt_clause {
	const char *id;    /* "JD-3.1f" (static) */
	const char *title; /* the requirement (static) */
	enum rpt_verdict verdict;
	char *why;           /* reason for PASS-by-absence, NOT EXAMINED, or MANUAL guidance */
	const char **checks; /* IDs of the checks that served it (static strings) */
	size_t n_checks;
	size_t n_findings; /* failing findings counted against it */
};

struct rpt_report {
	struct rpt_finding *findings;
	size_t n_findings, cap_findings;
	size_t dropped_findings; /* past IA_MAX_FINDINGS */
	struct rpt_gap *gaps;
	size_t n_gaps, cap_gaps;
	enum rpt_sev fail_at;       /* a finding at or above this severity fails the audit */
	const char *profile;        /* profile name, NULL when none was applied */
	struct rpt_clause *clauses; /* per-clause verdicts of the profile, in its order */
	size_t n_clauses, cap_clauses;
	bool gate_failed; /* the profile's gate failed (set with the verdicts) */
};

const char *rpt_verdict_name(enum rpt_verdict v); /* "PASS", "FAIL", "NOT EXAMINED", "MANUAL" */

void rpt_init(struct rpt_report *r);
void rpt_release(struct rpt_report *r);

/* Adds a finding (strings copied; NULL means ""); returns it, or NULL when over the limit. */
struct rpt_finding *rpt_add(struct rpt_report *r, const char *check, const char *clauses,
			    enum rpt_sev sev, const char *title, const char *path, unsigned line,
			    const char *value, const char *remediation);
void rpt_add_gap(struct rpt_report *r, const char *area, const char *path, unsigned line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sorts findings: severity (highest first), then check ID, then path, then line. */
void rpt_sort(struct rpt_report *r);
/* true when some finding reaches r->fail_at, or a profile's gate failed */
bool rpt_failed(const struct rpt_report *r);

/* Outputs. Every string that came from the image is escaped. Return 0 or -errno. */
int rpt_write_json(FILE *out, const struct rpt_report *r, const struct tgt *t,
		   const struct inv_facts *f);
int rpt_write_table(FILE *out, const struct rpt_report *r, const struct tgt *t,
		    const struct inv_facts *f, bool color);
/* The inventory: table (an "# os:" and a "# packages:" line, then one package a line: name,
 * version, architecture, source, tab-separated) or JSON (docs/json-report.md). */
int rpt_write_inventory_table(FILE *out, const struct inv_facts *f);
int rpt_write_inventory_json(FILE *out, const struct tgt *t, const struct inv_facts *f);

#define RPT_SCHEMA_VERSION 1

#endif
