/* input.c — the input family: files imgaudit could not read become findings and gaps */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "checks/families.h"
#include "checks/state.h"
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

/*
 * Where the checks of a family read: the files their evidence and the facts they use (OS,
 * accounts, package databases) come from. An index problem at a path at, under or above one of
 * these (a directory that could not be listed, an entry refused or past a limit) hides
 * evidence from every check of the family: their clauses become NOT EXAMINED. A family not
 * listed here (files, leftovers, containers, services and web, whose application
 * configuration and web root checks look anywhere, and any new one) reads the whole tree.
 */
#define FACTS_READ                                                                                 \
	"/etc /usr/lib/os-release /var/lib/dpkg /var/lib/rpm /usr/lib/sysimage/rpm "               \
	"/usr/share/rpm /lib/apk/db /usr/lib/apk/db "
static const struct {
	const char *family;
	const char *paths; /* space-separated image paths */
} family_reads[] = {
	{"input", ""},
	{"accounts", FACTS_READ "/bin /sbin /usr/bin /usr/sbin"},
	{"kernel", FACTS_READ "/lib/sysctl.d /usr/lib/sysctl.d /usr/local/lib/sysctl.d"},
	{"logging", FACTS_READ "/lib /usr/lib /sbin /usr/sbin /var/log"},
	{"trust", FACTS_READ "/usr/bin"},
	{"ssh", FACTS_READ "/usr/sbin"},
};

/* true when a and b (image paths, lengths an, bn) are equal or one holds the other */
static bool on_one_branch(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n;

	while (an > 1 && a[an - 1] == '/')
		an--;
	while (bn > 1 && b[bn - 1] == '/')
		bn--;
	n = an < bn ? an : bn;
	if (memcmp(a, b, n) != 0)
		return false;
	if (an == bn)
		return true;
	/* the shorter is a whole component of the longer: "/" or followed by '/' there */
	return n == 1 || (an > bn ? a[n] : b[n]) == '/';
}

/* Whether the checks of family read at, under or above image path p. */
static bool family_reads_at(const char *family, const char *p)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(family_reads); i++) {
		const char *s = family_reads[i].paths;

		if (strcmp(family, family_reads[i].family) != 0)
			continue;
		while (*s) {
			size_t n = strcspn(s, " ");

			if (n && on_one_branch(s, n, p, strlen(p)))
				return true;
			s += n;
			s += strspn(s, " ");
		}
		return false;
	}
	return true; /* the whole tree */
}

/*
 * An index problem names a path the index lacks or lacks the contents of: every check
 * whose family reads there gets a gap (once per check and audit, hit[] by catalogue index),
 * so that its clauses cannot PASS on files it never saw.
 */
static void hide_from_readers(struct chk_ctx *ctx, const struct ia_problem *p, bool *hit)
{
	char path[IA_MAX_PATH + 2], why[512];

	if (!p->area || strcmp(p->area, "index") != 0 || !p->path || !*p->path)
		return;
	snprintf(path, sizeof(path), "%s%s", p->path[0] == '/' ? "" : "/", p->path);
	snprintf(why, sizeof(why),
		 "not in the index of the image (%s): what this check reads "
		 "there was not examined",
		 p->msg ? p->msg : "");
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];

		if (hit[i] || !family_reads_at(d->family, path))
			continue;
		hit[i] = true;
		chk_gap_for(ctx, d, true, path, 0, why);
	}
}

static bool is_malformed(int code)
{
	return code == -IA_ECORRUPT;
}

/* A problem of the kind this check reports (malformed or not read) as a finding and a gap that
 * carries the problem's source line on to the report; an index problem also hides what lies
 * at its path from the checks reading there (hit: see hide_from_readers). */
static void report_problem(struct chk_ctx *ctx, const struct ia_problem *p, bool malformed,
			   bool *hit)
{
	const char *clauses = clauses_of(p->area);

	if (is_malformed(p->code) != malformed)
		return;
	hide_from_readers(ctx, p, hit);
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
	bool *hit = ia_xcalloc(chk_catalogue_len + 1, sizeof(*hit));

	for (size_t l = 0; l < 2; l++) {
		if (!lists[l])
			continue;
		for (size_t i = 0; i < lists[l]->len; i++)
			report_problem(ctx, &lists[l]->v[i], malformed, hit);
		if (lists[l]->dropped && l == 0) {
			/* entries whose problems were not kept may lie anywhere */
			const struct ia_problem all = {.area = (char *)"index",
						       .path = (char *)"/",
						       .msg = (char *)"more index problems than "
								      "IA_MAX_PROBLEMS"};

			hide_from_readers(ctx, &all, hit);
		}
		if (lists[l]->dropped && malformed)
			chk_report(ctx, "", 0, "", NULL,
				   "%zu more problems were not recorded (limit IA_MAX_PROBLEMS)",
				   lists[l]->dropped);
	}
	free(hit);
}

static void run_malformed(struct chk_ctx *ctx)
{
	run_problems(ctx, true);
}

static void run_unread(struct chk_ctx *ctx)
{
	run_problems(ctx, false);
}

static const struct chk_def input_checks[] = {
	{
		.id = "INPUT-001",
		.title = "malformed file in the image",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1b", "JD-3.1c", "JD-4.1f", "JK-HASH", "SR-6.1-6.2",
				       "JD-1.1c", "JD-1.1d", "JD-1.1e", "JD-3.1d", "JD-3.1e",
				       "JD-3.1f"),
		.examines = "the problems recorded while reading the image and its databases "
			    "(path, line, message)",
		.remediation = "repair or remove the malformed file; what it holds was not audited",
		.run = run_malformed,
	},
	{
		.id = "INPUT-002",
		.title =
			"file or entry not read (over a limit, refused, unsupported or unreadable)",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1d", "JD-3.1e", "JD-3.1f", "JD-1.1b", "JD-1.1c"),
		.examines = "entries skipped while opening the image and files the collectors "
			    "could not read",
		.remediation = "check the entry named; an archive member that leaves the root or "
			       "exceeds a limit is refused on purpose",
		.run = run_unread,
	},
};
const struct chk_family chk_family_input = {
	.name = "input",
	.checks = input_checks,
	.n_checks = IA_ARRAY_SIZE(input_checks),
};
