/* main.c — imgaudit's entry point: the command table */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <locale.h>
#include <string.h>

#include "config.h"
#include "util/banned.h"

struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

static const struct cli_cmd commands[] = {
	{"scan", cmd_scan, "audit an image and print the verdict with every finding"},
	{"inventory", cmd_inventory, "print the OS identity and the installed packages"},
	{"files", cmd_files, "list the entries of an image's index (after its layers)"},
	{"checks", cmd_checks, "list the check catalogue"},
	{"clauses", cmd_clauses, "list the specifications' clauses with the checks serving each"},
	{"diff", cmd_diff, "compare two JSON reports: new, fixed and still open findings"},
	{"db", cmd_db, "import vulnerability feeds into the offline database, show its sources"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	fputs("usage: imgaudit COMMAND [options] [TARGET]\n\n"
	      "Audits a Linux system image (a root filesystem directory, the live host /, a\n"
	      "docker-save archive, an OCI image layout, or - for an archive on standard input)\n"
	      "before it is published. Image references (debian:12) are not pulled: save one\n"
	      "first (docker save IMAGE -o image.tar, or skopeo copy docker://REF\n"
	      "docker-archive:image.tar). Options may follow TARGET; -- ends them.\n\nCommands:\n",
	      out);
	for (const struct cli_cmd *c = commands; c->name; c++)
		fprintf(out, "  %-12s %s\n", c->name, c->help);
	fputs("\nimgaudit COMMAND --help shows a command's options; imgaudit -V, --version the\n"
	      "version.\n"
	      "Exit status: 0 passed, 1 failing findings, 2 could not audit.\n",
	      out);
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	if (argc < 2) {
		usage(stderr);
		return CLI_ERROR;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_PASS;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("imgaudit %s\n", IA_VERSION);
		return CLI_PASS;
	}
	for (const struct cli_cmd *c = commands; c->name; c++) {
		if (strcmp(argv[1], c->name) == 0)
			return c->run(argc - 1, argv + 1);
	}
	fprintf(stderr, "imgaudit: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return CLI_ERROR;
}
