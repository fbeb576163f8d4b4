/* cmd_scan.c — `imgaudit scan TARGET`: the audit, with one verdict */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "report/report.h"
#include "util/xalloc.h"

enum {
	OPT_FAIL_AT = 256,
	OPT_SEVERITY,
	OPT_COLOR,
};

static const struct cli_opt scan_opts[] = {
	{"type", 't', "KIND", "target kind: dir, host, docker-archive, oci-dir, oci-archive "
			      "(default: detected)"},
	{"format", 'f', "FORMAT", "table (default) or json"},
	{"output", 'o', "FILE", "write the report to FILE instead of standard output"},
	{"fail-at", OPT_FAIL_AT, "SEVERITY", "fail on findings at or above SEVERITY (default medium)"},
	{"severity", OPT_SEVERITY, "ID=SEVERITY", "override the severity of check ID (repeatable)"},
	{"color", OPT_COLOR, "WHEN", "auto (default), always or never"},
	{NULL, 0, NULL, NULL},
};

static const char scan_usage[] =
	"usage: imgaudit scan [options] TARGET\n\n"
	"Audits TARGET (a root filesystem directory, / for the live host, a docker-save archive, or\n"
	"an OCI image layout as directory or tar) and prints every finding with its evidence,\n"
	"clauses and fix. Exit status: 0 the audit passed, 1 it found failing findings, 2 it could\n"
	"not audit.";

struct scan_args {
	enum tgt_kind kind;
	bool json;
	const char *output;
	enum rpt_sev fail_at;
	int color;            /* -1 auto, 0 never, 1 always */
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
				  "oci-archive)", arg);
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
		if (rpt_sev_parse(arg, &a->fail_at) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)", arg);
			return -1;
		}
		return 0;
	case OPT_SEVERITY: {
		const char *eq = strchr(arg, '=');
		struct chk_override *o;
		char id_buf[64];

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(id_buf)) {
			cli_error("--severity wants ID=SEVERITY, not '%s'", arg);
			return -1;
		}
		snprintf(id_buf, sizeof(id_buf), "%.*s", (int)(eq - arg), arg);
		if (!chk_find(id_buf)) {
			cli_error("unknown check '%s' (see imgaudit checks)", id_buf);
			return -1;
		}
		ia_grow(&a->overrides, sizeof(*a->overrides), a->n_overrides + 1, &a->cap_overrides);
		o = &a->overrides[a->n_overrides];
		if (rpt_sev_parse(eq + 1, &o->severity) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)", eq + 1);
			return -1;
		}
		o->id = chk_find(id_buf)->id;
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

int cmd_scan(int argc, char **argv)
{
	struct scan_args a = {.kind = TGT_AUTO, .fail_at = RPT_SEV_MEDIUM, .color = -1};
	struct chk_opts copts = {0};
	struct chk_ctx ctx = {0};
	struct rpt_report rpt;
	struct inv_facts facts;
	struct tgt *t = NULL;
	FILE *out;
	int first, ret;

	first = cli_parse(argc, argv, scan_usage, scan_opts, scan_opt, &a);
	if (first < 0) {
		free(a.overrides);
		return CLI_ERROR;
	}
	if (argc - first != 1) {
		cli_error("scan takes one TARGET (see imgaudit scan --help)");
		free(a.overrides);
		return CLI_ERROR;
	}
	ret = cli_open(argv[first], a.kind, &t, &facts);
	if (ret != CLI_PASS) {
		free(a.overrides);
		return ret;
	}

	rpt_init(&rpt);
	rpt.fail_at = a.fail_at;
	copts.overrides = a.overrides;
	copts.n_overrides = a.n_overrides;
	ctx.tgt = t;
	ctx.facts = &facts;
	ctx.rpt = &rpt;
	ctx.opts = &copts;
	chk_run_all(&ctx);
	rpt_sort(&rpt);

	out = cli_output(a.output);
	if (!out) {
		ret = CLI_ERROR;
		goto done;
	}
	if (a.json)
		ret = rpt_write_json(out, &rpt, t, &facts);
	else
		ret = rpt_write_table(out, &rpt, t, &facts,
				      a.color == 1 || (a.color == -1 && out == stdout &&
						       isatty(STDOUT_FILENO)));
	if (cli_close_output(out, a.output) < 0 || ret < 0)
		ret = CLI_ERROR;
	else
		ret = rpt_failed(&rpt) ? CLI_FAIL : CLI_PASS;
done:
	rpt_release(&rpt);
	inv_facts_release(&facts);
	tgt_free(t);
	free(a.overrides);
	return ret;
}
