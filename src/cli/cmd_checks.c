/* cmd_checks.c — `imgaudit checks`: the check catalogue */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <string.h>

#include "checks/check.h"
#include "report/jsonw.h"
#include "util/banned.h"

static const struct cli_opt checks_opts[] = {
	{"format", 'f', "FORMAT", "table (default), json, or markdown (docs/checks.md)"},
	{NULL, 0, NULL, NULL},
};

static const char checks_usage[] =
	"usage: imgaudit checks [options]\n\n"
	"Lists every check: its stable ID, default severity, title and the clauses it serves.";

enum checks_fmt { FMT_TABLE, FMT_JSON, FMT_MARKDOWN };

static int checks_opt(int id, const char *arg, void *ctx)
{
	enum checks_fmt *fmt = ctx;

	if (id == 'f' && strcmp(arg, "table") == 0)
		*fmt = FMT_TABLE;
	else if (id == 'f' && strcmp(arg, "json") == 0)
		*fmt = FMT_JSON;
	else if (id == 'f' && strcmp(arg, "markdown") == 0)
		*fmt = FMT_MARKDOWN;
	else {
		cli_error("unknown format '%s' (table, json, markdown)", arg);
		return -1;
	}
	return 0;
}

int cmd_checks(int argc, char **argv)
{
	enum checks_fmt fmt = FMT_TABLE;
	int first = cli_parse(argc, argv, checks_usage, checks_opts, checks_opt, &fmt);

	if (first < 0)
		return CLI_ERROR;
	if (cli_operands(argc, argv, first, 0, 0, "") < 0)
		return CLI_ERROR;
	if (fmt == FMT_MARKDOWN)
		return chk_catalogue_write_markdown(stdout) < 0 || fflush(stdout) ? CLI_ERROR
										  : CLI_PASS;
	if (fmt == FMT_JSON) {
		struct jw w;

		jw_init(&w, stdout);
		jw_arr(&w);
		for (size_t i = 0; i < chk_catalogue_len; i++) {
			const struct chk_def *d = &chk_catalogue[i];

			jw_obj(&w);
			jw_kstr(&w, "id", d->id);
			jw_kstr(&w, "family", d->family);
			jw_kstr(&w, "title", d->title);
			jw_kstr(&w, "severity", fnd_sev_name(d->severity));
			jw_key(&w, "clauses"); /* an array, as in the findings of a scan */
			jw_arr(&w);
			for (size_t k = 0; d->clauses && d->clauses[k]; k++)
				jw_str(&w, d->clauses[k]);
			jw_end_arr(&w);
			jw_kstr(&w, "examines", d->examines);
			jw_kstr(&w, "remediation", d->remediation);
			jw_end_obj(&w);
		}
		jw_end_arr(&w);
		return jw_finish(&w) < 0 ? CLI_ERROR : CLI_PASS;
	}
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];

		printf("%-9s %-8s %s [%s]\n", d->id, fnd_sev_name(d->severity), d->title,
		       d->clause_list);
	}
	return fflush(stdout) ? CLI_ERROR : CLI_PASS;
}
