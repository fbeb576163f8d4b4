/* input.c — the input family: files imgaudit could not read become findings and gaps */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/banned.h"

/* The clauses whose evidence lives in the files of an area (struct ia_problem.area). */
struct area_clauses {
	const char *prefix;
	const char *clauses;
};

static const struct area_clauses areas[] = {
	{"accounts", "JD-3.1b JD-3.1c JD-4.1f JK-HASH SR-6.1-6.2 JD-3.1e"},
	{"packages", "JD-1.1c JD-1.1e JD-1.3 JD-2.1a JD-4.1a-c JD-4.1e JD-3.1d SR-3.3 SR-7.1"},
	{"os", "JD-1.1d JD-1.1c JD-1.1e JD-3.1d"},
	{"index", "JD-3.1d JD-3.1e JD-3.1f JD-1.1b JD-4.1e JD-4.1g"},
	{"image", "JD-3.1d JD-3.1e JD-3.1f JD-1.1b JD-4.1e JD-4.1g"},
};

static const char *clauses_of(const char *area)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(areas); i++)
		if (area && strncmp(area, areas[i].prefix, strlen(areas[i].prefix)) == 0)
			return areas[i].clauses;
	return "";
}

static bool is_malformed(int code)
{
	return code == -IA_ECORRUPT;
}

/* A problem of the kind this check reports (malformed or not read) as a finding and a gap that
 * carries the problem's source line on to the report. */
static void report_problem(struct chk_ctx *ctx, const struct ia_problem *p, bool malformed)
{
	const char *clauses = clauses_of(p->area);

	if (is_malformed(p->code) != malformed)
		return;
	chk_report_clauses(ctx, clauses, p->path, p->line, p->msg, NULL, "%s: %s%s%s",
			   malformed ? "malformed file" : "not read",
			   p->area && *p->area ? p->area : "image", p->msg && *p->msg ? ": " : "",
			   p->msg ? p->msg : "");
	chk_gap_clauses_at(ctx, p->src, clauses, true, p->path, p->line, "%s (%s)",
			   p->msg ? p->msg : "", p->area && *p->area ? p->area : "image");
}

static void run_problems(struct chk_ctx *ctx, bool malformed)
{
	const struct ia_problems *lists[2] = {
		tgt_problems(ctx->tgt),
		&ctx->facts->problems,
	};

	for (size_t l = 0; l < 2; l++) {
		if (!lists[l])
			continue;
		for (size_t i = 0; i < lists[l]->len; i++)
			report_problem(ctx, &lists[l]->v[i], malformed);
		if (lists[l]->dropped && malformed)
			chk_report(ctx, "", 0, "", NULL,
				   "%zu more problems were not recorded (limit IA_MAX_PROBLEMS)",
				   lists[l]->dropped);
	}
}

static void run_malformed(struct chk_ctx *ctx)
{
	run_problems(ctx, true);
}

static void run_unread(struct chk_ctx *ctx)
{
	run_problems(ctx, false);
}

const struct chk_def chk_defs_input[] = {
	{
		.id = "INPUT-001",
		.family = "input",
		.title = "malformed file in the image",
		.severity = FND_SEV_MEDIUM,
		.clauses = "JD-3.1b JD-3.1c JD-4.1f JK-HASH SR-6.1-6.2 JD-1.1c JD-1.1d JD-1.1e "
			   "JD-3.1d JD-3.1e JD-3.1f",
		.examines = "the problems recorded while reading the image and its databases "
			    "(path, line, message)",
		.remediation = "repair or remove the malformed file; what it holds was not audited",
		.run = run_malformed,
	},
	{
		.id = "INPUT-002",
		.family = "input",
		.title =
			"file or entry not read (over a limit, refused, unsupported or unreadable)",
		.severity = FND_SEV_MEDIUM,
		.clauses = "JD-3.1d JD-3.1e JD-3.1f JD-1.1b JD-1.1c",
		.examines =
			"entries skipped while opening the image and files the collectors could "
			"not read",
		.remediation = "check the entry named; an archive member that leaves the root or "
			       "exceeds a limit is refused on purpose",
		.run = run_unread,
	},
};
const size_t chk_defs_input_len = IA_ARRAY_SIZE(chk_defs_input);
