/* cmd_inventory.c — `imgaudit inventory TARGET`: the OS, the installed packages and other software
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <string.h>

#include "checks/audit.h"
#include "report/report.h"
#include "util/banned.h"

static const struct cli_opt inv_opts[] = {
	{"type", 't', "KIND",
	 "target kind: dir, host, docker-archive, oci-dir, oci-archive, disk "
	 "(default: detected)"},
	{"backing-dir", 300, "DIR", "disk images: open a qcow2 backing file only inside DIR"},
	{"format", 'f', "FORMAT",
	 "table (default: one package a line, tab-separated name, "
	 "version, architecture, source; then one component a line: name, version, ecosystem, "
	 "kind, evidence, how) or json"},
	{"output", 'o', "FILE", "write to FILE instead of standard output"},
	{NULL, 0, NULL, NULL},
};

static const char inv_usage[] =
	"usage: imgaudit inventory [options] TARGET\n\n"
	"Prints the OS identity of TARGET, every installed package (dpkg, apk, rpm) and the\n"
	"software outside the package managers (servers and runtimes installed by hand, npm, "
	"PyPI,\n"
	"Maven, Composer and Go packages, web applications with their plugins and themes,\n"
	"JavaScript libraries in web roots), each with the file its version was read from.\n"
	"Files imgaudit could not read are reported on standard error; exit status 1 when one is\n"
	"a package database or release file (what could not be read of other software is a\n"
	"warning there and in the JSON's components.issues).";

struct inv_args {
	enum tgt_kind kind;
	bool json;
	const char *output;
	const char *backing_dir;
};

static int inv_opt(int id, const char *arg, void *ctx)
{
	struct inv_args *a = ctx;

	switch (id) {
	case 't':
		if (tgt_kind_parse(arg, &a->kind) < 0) {
			cli_error("unknown target kind '%s'", arg);
			return -1;
		}
		return 0;
	case 'f':
		if (strcmp(arg, "json") && strcmp(arg, "table")) {
			cli_error("unknown format '%s' (table, json)", arg);
			return -1;
		}
		a->json = strcmp(arg, "json") == 0;
		return 0;
	case 'o':
		a->output = arg;
		return 0;
	case 300:
		a->backing_dir = arg;
		return 0;
	}
	return -1;
}

int cmd_inventory(int argc, char **argv)
{
	struct inv_args a = {.kind = TGT_AUTO};
	struct inv_facts facts;
	struct tgt *t = NULL;
	FILE *out;
	int first, ret;

	first = cli_parse(argc, argv, inv_usage, inv_opts, inv_opt, &a);
	if (first < 0)
		return CLI_ERROR;
	if (cli_operands(argc, argv, first, 1, 1, "TARGET") < 0) {
		return CLI_ERROR;
	}
	struct tgt_opts topts = {.kind = a.kind, .backing_dir = a.backing_dir};

	ret = cli_open(argv[first], &topts, &t, &facts);
	if (ret != CLI_PASS)
		return ret;
	out = cli_output(a.output);
	if (!out) {
		ret = CLI_ERROR;
		goto done;
	}
	cli_sandbox();
	if (a.json) {
		struct fnd_target ts;

		chk_target_summary(t, &ts);
		ret = rpt_write_inventory_json(out, &ts, &facts);
		fnd_target_release(&ts);
	} else {
		ret = rpt_write_inventory_table(out, &facts);
	}
	if (cli_close_output(out, a.output) < 0 || ret < 0) {
		ret = CLI_ERROR;
		goto done;
	}
	ret = CLI_PASS;
	/* what could not be read is never silent; a package database or release file that could
	 * not be read makes the inventory incomplete (exit 1), an entry the index skipped does not
	 */
	const struct ia_problems *lists[] = {&facts.problems, tgt_problems(t)};
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; lists[l] && i < lists[l]->len; i++) {
			const struct ia_problem *p = &lists[l]->v[i];
			struct ia_err e = {.code = p->code, .line = p->line};

			snprintf(e.path, sizeof(e.path), "%s", p->path);
			snprintf(e.msg, sizeof(e.msg), "%s", p->msg);
			cli_error_err(p->area, &e);
			if (l == 0)
				ret = CLI_FAIL;
		}
	}
	/* software outside the package managers: said, the inventory of packages stands */
	for (size_t i = 0; i < facts.software.issues.len; i++) {
		const struct ia_problem *p = &facts.software.issues.v[i];
		struct ia_err e = {.code = p->code, .line = p->line};

		snprintf(e.path, sizeof(e.path), "%s", p->path);
		snprintf(e.msg, sizeof(e.msg), "%s", p->msg);
		cli_error_err("warning: software", &e);
	}
done:
	inv_facts_release(&facts);
	tgt_free(t);
	return ret;
}
