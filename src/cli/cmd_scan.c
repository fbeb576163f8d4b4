/* cmd_scan.c — `imgaudit scan TARGET`: the audit, with one verdict */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <stdint.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "checks/profile.h"
#include "report/report.h"
#include "util/xalloc.h"

enum {
	OPT_FAIL_AT = 256,
	OPT_SEVERITY,
	OPT_COLOR,
	OPT_PROFILE,
	OPT_PASSWORD_BUDGET,
	OPT_MAX_AGE,
	OPT_ALLOW_BASE,
	OPT_TIMINGS,
	OPT_VERIFY_LAYERS,
	OPT_ACCEPT_INCOMPLETE,
};

static const struct cli_opt scan_opts[] = {
	{"type", 't', "KIND",
	 "target kind: dir, host, docker-archive, oci-dir, oci-archive "
	 "(default: detected)"},
	{"format", 'f', "FORMAT", "table (default) or json"},
	{"output", 'o', "FILE", "write the report to FILE instead of standard output"},
	{"profile", OPT_PROFILE, "NAME|FILE",
	 "verdict per clause of a profile: jdcloud, aliyun, "
	 "sysreq, jike, all (default), or a profile file"},
	{"fail-at", OPT_FAIL_AT, "SEVERITY",
	 "fail on findings at or above SEVERITY (default: the "
	 "profile's gate)"},
	{"accept-incomplete", OPT_ACCEPT_INCOMPLETE, NULL,
	 "exit 0 when no clause fails although some were not examined (default: exit 1)"},
	{"severity", OPT_SEVERITY, "ID=SEVERITY", "override the severity of check ID (repeatable)"},
	{"password-budget", OPT_PASSWORD_BUDGET, "SECONDS",
	 "time the weak-password test may "
	 "spend (default 5; 0 turns it off)"},
	{"max-age", OPT_MAX_AGE, "DAYS",
	 "maximum age of a container image (default 90; 0 turns "
	 "the check off)"},
	{"allow-base", OPT_ALLOW_BASE, "REF",
	 "an allowed base image reference or prefix "
	 "(repeatable; none: not checked)"},
	{"color", OPT_COLOR, "WHEN", "auto (default), always or never"},
	{"verify-layers", OPT_VERIFY_LAYERS, NULL,
	 "also hash uncompressed layers against their "
	 "digests (compressed ones always are)"},
	{"timings", OPT_TIMINGS, NULL,
	 "print the time of each stage and check family on standard "
	 "error"},
	{NULL, 0, NULL, NULL},
};

static const char scan_usage[] =
	"usage: imgaudit scan [options] TARGET\n\n"
	"Audits TARGET (a root filesystem directory, / for the live host, a docker-save archive, "
	"or\n"
	"an OCI image layout as directory or tar) and prints every finding with its evidence,\n"
	"clauses and fix, and a verdict per clause of the profile. The result is pass, fail (a "
	"clause\n"
	"fails) or incomplete (none fails, but a clause a check should serve was not examined).\n"
	"Exit status: 0 pass (or incomplete with --accept-incomplete), 1 fail or incomplete, 2 "
	"it\n"
	"could not audit.";

struct scan_args {
	enum tgt_kind kind;
	bool json;
	const char *output;
	enum fnd_sev fail_at;
	bool fail_at_set;
	const char *profile;
	double password_budget;
	int64_t max_age;
	const char **bases;
	size_t n_bases, cap_bases;
	int color; /* -1 auto, 0 never, 1 always */
	bool timings;
	bool verify_layers;
	bool accept_incomplete;
	struct chk_override *overrides;
	size_t n_overrides, cap_overrides;
};

static int scan_opt(int id, const char *arg, void *ctx)
{
	struct scan_args *a = ctx;

	switch (id) {
	case 't':
		if (tgt_kind_parse(arg, &a->kind) < 0) {
			cli_error("unknown target kind '%s' (dir, host, docker-archive, oci-dir, "
				  "oci-archive)",
				  arg);
			return -1;
		}
		return 0;
	case 'f':
		if (strcmp(arg, "json") == 0)
			a->json = true;
		else if (strcmp(arg, "table") == 0)
			a->json = false;
		else {
			cli_error("unknown format '%s' (table, json)", arg);
			return -1;
		}
		return 0;
	case 'o':
		a->output = arg;
		return 0;
	case OPT_FAIL_AT:
		if (fnd_sev_parse(arg, &a->fail_at) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)", arg);
			return -1;
		}
		a->fail_at_set = true;
		return 0;
	case OPT_PROFILE:
		a->profile = arg;
		return 0;
	case OPT_PASSWORD_BUDGET:
	case OPT_MAX_AGE: {
		char *end;
		double v = strtod(arg, &end);

		if (end == arg || *end || v < 0 || v > 1e6) {
			cli_error("--%s wants a number from 0 to 1000000, not '%s'",
				  id == OPT_MAX_AGE ? "max-age" : "password-budget", arg);
			return -1;
		}
		if (id == OPT_MAX_AGE)
			a->max_age = v == 0 ? -1 : (int64_t)v;
		else
			a->password_budget = v == 0 ? -1 : v;
		return 0;
	}
	case OPT_TIMINGS:
		a->timings = true;
		return 0;
	case OPT_VERIFY_LAYERS:
		a->verify_layers = true;
		return 0;
	case OPT_ACCEPT_INCOMPLETE:
		a->accept_incomplete = true;
		return 0;
	case OPT_ALLOW_BASE:
		ia_grow(&a->bases, sizeof(*a->bases), a->n_bases + 1, &a->cap_bases);
		a->bases[a->n_bases++] = arg;
		return 0;
	case OPT_SEVERITY: {
		const char *eq = strchr(arg, '=');
		const struct chk_def *def;
		struct chk_override *o;
		char id_buf[64];

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(id_buf)) {
			cli_error("--severity wants ID=SEVERITY, not '%s'", arg);
			return -1;
		}
		snprintf(id_buf, sizeof(id_buf), "%.*s", (int)(eq - arg), arg);
		def = chk_find(id_buf);
		if (!def) {
			cli_error("unknown check '%s' (see imgaudit checks)", id_buf);
			return -1;
		}
		ia_grow(&a->overrides, sizeof(*a->overrides), a->n_overrides + 1,
			&a->cap_overrides);
		o = &a->overrides[a->n_overrides];
		if (fnd_sev_parse(eq + 1, &o->severity) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)",
				  eq + 1);
			return -1;
		}
		o->id = def->id;
		a->n_overrides++;
		return 0;
	}
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			a->color = -1;
		else if (strcmp(arg, "always") == 0)
			a->color = 1;
		else if (strcmp(arg, "never") == 0)
			a->color = 0;
		else {
			cli_error("--color wants auto, always or never, not '%s'", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The index and facts are built together by cli_open; the checks by family. */
static void print_timings(const struct chk_ctx *ctx, double open_s, double checks_s)
{
	size_t n;
	const char *const *fams = chk_families(&n);

	fprintf(stderr, "timing: %-22s %8.4f s\n", "index and facts", open_s);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "timing: %-22s %8.4f s\n", fams[i],
			chk_family_seconds(ctx, fams[i]));
	fprintf(stderr, "timing: %-22s %8.4f s\n", "all checks", checks_s);
}

int cmd_scan(int argc, char **argv)
{
	double t0, t1;
	struct scan_args a = {.kind = TGT_AUTO, .color = -1, .profile = "all"};
	struct chk_profile *profile = NULL;
	struct ia_err err = {0};
	struct chk_opts copts = {0};
	struct chk_ctx ctx = {0};
	struct fnd_report rpt;
	struct inv_facts facts;
	struct tgt *t = NULL;
	FILE *out = NULL;
	int first, ret = CLI_ERROR;

	fnd_init(&rpt);
	inv_facts_init(&facts);
	first = cli_parse(argc, argv, scan_usage, scan_opts, scan_opt, &a);
	if (first < 0)
		goto done;
	if (argc - first != 1) {
		cli_error("scan takes one TARGET (see imgaudit scan --help)");
		goto done;
	}
	if (chk_profile_load(a.profile, &profile, &err) < 0) {
		char what[300];

		snprintf(what, sizeof(what), "cannot load profile '%s'", a.profile);
		if (!err.msg[0])
			ia_err_set(&err, err.code, NULL, 0,
				   "no such profile (built in: jdcloud, "
				   "aliyun, sysreq, jike, all)");
		cli_error_err(what, &err);
		goto done;
	}
	if (a.fail_at_set)
		profile->gate = a.fail_at; /* the user's gate replaces the profile's */

	struct tgt_opts topts = {.kind = a.kind, .verify_layers = a.verify_layers};

	t0 = now_seconds();
	if (cli_open(argv[first], &topts, &t, &facts) != CLI_PASS)
		goto done;
	t1 = now_seconds();
	out = cli_output(a.output);
	if (!out)
		goto done;
	cli_sandbox();

	copts.overrides = a.overrides;
	copts.n_overrides = a.n_overrides;
	copts.password_budget = a.password_budget;
	copts.max_image_age_days = a.max_age;
	copts.base_images = a.bases;
	copts.n_base_images = a.n_bases;
	ctx.tgt = t;
	ctx.facts = &facts;
	ctx.rpt = &rpt;
	ctx.opts = &copts;
	chk_run_all(&ctx);
	if (a.timings)
		print_timings(&ctx, t1 - t0, now_seconds() - t1);
	chk_profile_apply(profile, &ctx); /* the verdicts, and rpt.fail_at = the gate */
	chk_ctx_release(&ctx);
	fnd_sort(&rpt);
	rpt.accept_incomplete = a.accept_incomplete;

	if (a.json)
		ret = rpt_write_json(out, &rpt, t, &facts);
	else
		ret = rpt_write_table(
			out, &rpt, t, &facts,
			a.color == 1 || (a.color == -1 && out == stdout && isatty(STDOUT_FILENO)));
	if (cli_close_output(out, a.output) < 0 || ret < 0)
		ret = CLI_ERROR;
	else
		ret = fnd_failed(&rpt) ? CLI_FAIL : CLI_PASS;
	if (ret == CLI_FAIL && fnd_status(&rpt) == FND_STATUS_INCOMPLETE && (a.json || a.output))
		cli_error("incomplete: no clause of profile %s fails, but some were not examined "
			  "(see the clauses); --accept-incomplete accepts that",
			  rpt.profile);
done:
	fnd_release(&rpt);
	inv_facts_release(&facts);
	tgt_free(t);
	chk_profile_free(profile);
	free(a.overrides);
	free(a.bases);
	return ret;
}
