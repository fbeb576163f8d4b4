/* cmd_scan.c — `imgaudit scan TARGET`: the audit, with one verdict */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/audit.h"
#include "checks/check.h"
#include "report/report.h"
#include "util/xalloc.h"
#include "util/banned.h"

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
	{"exclude", 'x', "GLOB",
	 "leave paths matching GLOB out of the audit (a GLOB with a / is matched against the "
	 "whole path, * also matching /; one without against the name); a directory with all "
	 "below it; the report lists each GLOB and how many entries it left out (repeatable)"},
	{"quiet", 'q', NULL,
	 "print only the one-line result (with -o FILE: nothing; the report still goes to FILE); "
	 "-qq prints nothing; the exit status is the same"},
	{"color", OPT_COLOR, "WHEN",
	 "auto (default: on a terminal, unless NO_COLOR is set or TERM=dumb), always or never"},
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
	"an OCI image layout as directory or tar, - for an archive on standard input; image\n"
	"references are not pulled: docker save IMAGE -o image.tar first) and prints every\n"
	"finding with its evidence, clauses and fix, and a verdict per clause of the profile.\n"
	"The result is pass, fail (a clause fails) or incomplete (none fails, but a clause a\n"
	"check should serve was not examined). Exit status: 0 pass (or incomplete with\n"
	"--accept-incomplete), 1 fail or incomplete, 2 it could not audit.";

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
	int quiet; /* -q: the result line only; -qq: nothing */
	bool verify_layers;
	bool accept_incomplete;
	struct chk_override *overrides;
	size_t n_overrides, cap_overrides;
	const char **excludes;
	size_t n_excludes, cap_excludes;
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
	case 'x':
		return cli_add_exclude(&a->excludes, &a->n_excludes, &a->cap_excludes, arg);
	case 'q':
		a->quiet++;
		return 0;
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

/* The index and facts are built together (chk_audit_open); the checks by family. */
static void print_timings(const struct chk_audit_result *r)
{
	size_t n;
	const char *const *fams = chk_families(&n);

	fprintf(stderr, "timing: %-22s %8.4f s\n", "index and facts", r->open_seconds);
	for (size_t i = 0; i < n && i < CHK_MAX_FAMILIES; i++)
		fprintf(stderr, "timing: %-22s %8.4f s\n", fams[i], r->family_seconds[i]);
	fprintf(stderr, "timing: %-22s %8.4f s\n", "all checks", r->checks_seconds);
}

struct scan_out {
	const char *path;
	FILE *out;
};

/* Once the target is open: the output opened, then no more writes to the filesystem. */
static int scan_ready(void *arg)
{
	struct scan_out *so = arg;

	so->out = cli_output(so->path);
	if (!so->out)
		return -EIO;
	cli_sandbox();
	return 0;
}

/* Says why an audit stopped (the ready hook has said it already). */
static void audit_error(const struct scan_args *a, const char *spec, struct chk_audit_result *r)
{
	char what[300];

	switch (r->stage) {
	case CHK_AUDIT_PROFILE:
		snprintf(what, sizeof(what), "cannot load profile '%s'", a->profile);
		if (!r->err.msg[0])
			ia_err_set(&r->err, r->err.code, NULL, 0,
				   "no such profile (built in: jdcloud, "
				   "aliyun, sysreq, jike, all)");
		cli_error_err(what, &r->err);
		break;
	case CHK_AUDIT_OPEN:
		cli_open_error(spec, &r->err);
		break;
	case CHK_AUDIT_COLLECT:
		cli_error("%s", r->err.msg);
		break;
	case CHK_AUDIT_READY:
	case CHK_AUDIT_DONE:
		break;
	}
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a = {.kind = TGT_AUTO, .color = -1, .profile = "all"};
	struct scan_out so = {0};
	struct chk_audit_result r = {0};
	int first, ret = CLI_ERROR;

	first = cli_parse(argc, argv, scan_usage, scan_opts, scan_opt, &a);
	if (first < 0)
		goto done;
	if (cli_operands(argc, argv, first, 1, 1, "TARGET") < 0) {
		goto done;
	}
	so.path = a.output;

	struct chk_audit_opts o = {
		.target = argv[first],
		.tgt = {.kind = a.kind,
			.verify_layers = a.verify_layers,
			.excludes = a.excludes,
			.n_excludes = a.n_excludes},
		.profile = a.profile,
		.gate_set = a.fail_at_set, /* the user's gate replaces the profile's */
		.gate = a.fail_at,
		.checks =
			{
				.overrides = a.overrides,
				.n_overrides = a.n_overrides,
				.password_budget = a.password_budget,
				.max_image_age_days = a.max_age,
				.base_images = a.bases,
				.n_base_images = a.n_bases,
			},
		.accept_incomplete = a.accept_incomplete,
		.ready = scan_ready,
		.ready_arg = &so,
	};

	if (chk_audit(&o, &r) < 0) {
		audit_error(&a, argv[first], &r);
		goto done;
	}
	if (a.timings)
		print_timings(&r);
	bool to_file = a.output && strcmp(a.output, "-") != 0;
	bool tty_color =
		a.color == 1 || (a.color == -1 && isatty(STDOUT_FILENO) && cli_color_allowed());

	if (!to_file && a.quiet)
		ret = a.quiet == 1 ? rpt_write_result(so.out, &r.report, tty_color) : 0;
	else if (a.json)
		ret = rpt_write_json(so.out, &r.report, &r.target, &r.facts);
	else
		ret = rpt_write_table(so.out, &r.report, &r.target, &r.facts,
				      a.color == 1 ||
					      (a.color == -1 && so.out == stdout &&
					       isatty(STDOUT_FILENO) && cli_color_allowed()));
	if (cli_close_output(so.out, a.output) < 0 || ret < 0)
		ret = CLI_ERROR;
	else
		ret = fnd_failed(&r.report) ? CLI_FAIL : CLI_PASS;
	so.out = NULL;
	if (ret != CLI_ERROR && to_file && !a.quiet &&
	    (rpt_write_result(stdout, &r.report, tty_color) < 0 || fflush(stdout) != 0))
		ret = CLI_ERROR; /* the report went to FILE: its result on the terminal */
	if (ret == CLI_FAIL && fnd_status(&r.report) == FND_STATUS_INCOMPLETE &&
	    (a.json || a.output))
		cli_error("incomplete: no clause of profile %s fails, but some were not examined "
			  "(see the clauses); --accept-incomplete accepts that",
			  r.report.profile);
done:
	if (so.out)
		cli_close_output(so.out, a.output);
	chk_audit_release(&r);
	free(a.overrides);
	free(a.bases);
	free(a.excludes);
	return ret;
}
