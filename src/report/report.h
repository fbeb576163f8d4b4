/* report.h — findings, what was not examined, and the outputs (JSON, terminal table) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_H
#define IA_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "findings/findings.h"
#include "util/err.h"

struct inv_facts;
struct rpt_i18n;

/*
 * Outputs. t is the summary of the target the pipeline made (checks/audit.h): a report never
 * reads the image. Every string that came from the image is escaped. Return 0 or -errno.
 */
int rpt_write_json(FILE *out, const struct fnd_report *r, const struct fnd_target *t,
		   const struct inv_facts *f);
/* The table's last line alone: the result and why (scan -q, and -o FILE on the terminal). */
int rpt_write_result(FILE *out, const struct fnd_report *r, bool color);
int rpt_write_table(FILE *out, const struct fnd_report *r, const struct fnd_target *t,
		    const struct inv_facts *f, bool color);
/* The inventory: table (an "# os:" and a "# packages:" line, then one package a line: name,
 * version, architecture, source, tab-separated) or JSON (docs/json-report.md). */
int rpt_write_inventory_table(FILE *out, const struct inv_facts *f);
int rpt_write_inventory_json(FILE *out, const struct fnd_target *t, const struct inv_facts *f);

/* The formats of `scan` (--format): rpt_write writes any of them. */
enum rpt_format {
	RPT_FMT_TABLE = 0,
	RPT_FMT_JSON,
	RPT_FMT_SARIF,
	RPT_FMT_JUNIT,
	RPT_FMT_CYCLONEDX,
	RPT_FMT_SPDX,
	RPT_FMT_HTML,
};
#define RPT_FORMAT_NAMES "table, json, sarif, junit, cyclonedx, spdx, html"

/* 0 and the format, or -EINVAL for a name that is none of RPT_FORMAT_NAMES. */
int rpt_format_parse(const char *name, enum rpt_format *out);

/*
 * Everything one audit's outputs render (the CLI fills it once; every format renders the same
 * model). Strings and arrays are the caller's.
 */
/* One check of the catalogue as the outputs describe it (SARIF rules); the report cannot read
 * the catalogue (checks/ is above it), so the CLI hands it over. */
struct rpt_rule {
	const char *id, *title, *family, *examines, *remediation;
	const char *const *clauses; /* NULL-terminated */
	enum fnd_sev severity;      /* the default */
};

struct rpt_ctx {
	const struct fnd_report *r;
	const struct fnd_target *t;
	const struct inv_facts *f;
	const struct rpt_rule *rules; /* the catalogue, for SARIF */
	size_t n_rules;
	const struct rpt_i18n *tr; /* html: the texts of --lang (report/i18n.h); NULL: English */
	bool color;                /* table: ANSI colours */
	int64_t now; /* seconds since the epoch: the SBOMs' creation time and serial */
};

/* Writes the report in format fmt. Returns 0 or -errno. */
int rpt_write(FILE *out, enum rpt_format fmt, const struct rpt_ctx *c);

/* SARIF 2.1.0 (docs/sarif.md): one run, the catalogue as rules, one result per finding. */
int rpt_write_sarif(FILE *out, const struct rpt_ctx *c);
/* JUnit XML: one test case per clause of the profile; failures carry the findings. */
int rpt_write_junit(FILE *out, const struct rpt_ctx *c);
/* SBOMs of the inventory: CycloneDX 1.5 JSON and SPDX 2.3 JSON. */
int rpt_write_cyclonedx(FILE *out, const struct rpt_ctx *c);
int rpt_write_spdx(FILE *out, const struct rpt_ctx *c);
/* One self-contained HTML file (docs/formats.md): result and clause verdicts first, findings by
 * clause, SVG charts, what was not examined, waivers, the inventory. */
int rpt_write_html(FILE *out, const struct rpt_ctx *c);

/* 2: result.passed follows the profile's clause verdicts (result.status pass, fail or
 * incomplete; incomplete fails unless accepted), clauses[].verdict may be NOT APPLICABLE and
 * clauses[].findings counts only findings at or above the gate */
#define RPT_SCHEMA_VERSION 2

#endif
