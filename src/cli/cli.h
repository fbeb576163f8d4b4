/* cli.h — what the subcommands share: exit codes, option tables, the audit pipeline */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CLI_H
#define IA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "facts/facts.h"
#include "target/target.h"

enum cli_exit {
	CLI_PASS = 0,  /* the audit passed */
	CLI_FAIL = 1,  /* it found failing findings */
	CLI_ERROR = 2, /* it could not audit (the message says why) */
};

/* One option of a subcommand: the table drives getopt_long and --help alike. */
struct cli_opt {
	const char *name; /* long name */
	int short_name;   /* letter, or a value >= 256 for long-only options */
	const char *arg;  /* argument placeholder, NULL for flags */
	const char *help;
};

/* Parses argv with the table; calls handle(id, optarg, ctx) for each option. Returns the index
 * of the first operand, or -1 after printing a usage error. --help prints help and exits 0. */
int cli_parse(int argc, char **argv, const char *usage, const struct cli_opt *opts,
	      int (*handle)(int id, const char *arg, void *ctx), void *ctx);
/* Checks that argv[first..argc) holds min to max operands (what: "TARGET", "TARGET [PATH]");
 * else prints what is missing or which words are too many and returns -1. */
int cli_operands(int argc, char **argv, int first, int min, int max, const char *what);
void cli_print_help(FILE *out, const char *usage, const struct cli_opt *opts);

/* Prints "imgaudit: " + message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_error_err(const char *what, const struct ia_err *err);

/* Prints "cannot audit 'SPEC': why". */
void cli_open_error(const char *spec, const struct ia_err *err);
/* Appends --exclude GLOB to a list (tgt_opts.excludes); -1 after a message when it is empty. */
int cli_add_exclude(const char ***v, size_t *n, size_t *cap, const char *glob);
/* Opens the target; on failure prints why and returns CLI_ERROR. */
int cli_open_target(const char *spec, const struct tgt_opts *opts, struct tgt **t);
/* Opens the target and collects the facts (chk_audit_open); on failure prints why and returns
 * CLI_ERROR. f is initialised either way (inv_facts_release is safe on it). */
int cli_open(const char *spec, const struct tgt_opts *opts, struct tgt **t, struct inv_facts *f);

/* Once the target and the output are open: no filesystem change for the rest of the run
 * (util/sandbox.h); where the kernel cannot enforce it, the run goes on. */
void cli_sandbox(void);
/* The same, but writes stay allowed beneath dir (NULL: nowhere). */
void cli_sandbox_but(const char *dir);
/* The same, writes allowed beneath each of the n dirs (NULL entries skipped). */
void cli_sandbox_dirs(const char *const *dirs, size_t n);

/* --color auto: false when NO_COLOR is set and not empty, or TERM is "dumb". */
bool cli_color_allowed(void);

/* Opens -o FILE (or stdout for NULL / "-"); returns NULL after printing why. */
FILE *cli_output(const char *path);
int cli_close_output(FILE *out, const char *path);

int cmd_scan(int argc, char **argv);
int cmd_inventory(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_clauses(int argc, char **argv);
int cmd_files(int argc, char **argv);
int cmd_diff(int argc, char **argv);

int cmd_db(int argc, char **argv);

/* The vulnerability database path: opt (--db), else $IMGAUDIT_DB (*named true: the user named
 * it), else the default path (*named false). Returns 0, or -ENOENT / -ENAMETOOLONG. */
int cli_vulndb_path(const char *opt, char *buf, size_t n, bool *named);

#endif
