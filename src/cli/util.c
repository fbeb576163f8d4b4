/* util.c — option parsing from tables, errors, output files, the open-and-collect step */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "checks/audit.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/sandbox.h"
#include "util/xalloc.h"
#include "util/banned.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("imgaudit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_error_err(const char *what, const struct ia_err *err)
{
	char msg[sizeof(err->path) + sizeof(err->msg) + 16]; /* the whole path and message */
	struct ia_buf b = IA_BUF_INIT(8 * sizeof(msg));      /* escaping grows text up to 8x */

	ia_err_format(err, msg, sizeof(msg));
	if (ia_escape_term(&b, msg, strlen(msg)) < 0)
		ia_buf_reset(&b);
	cli_error("%s: %s", what, b.len ? b.data : "(message too long to show)");
	ia_buf_release(&b);
}

/* Prints text from column col, wrapped at word boundaries before column width. */
static void print_wrapped(FILE *out, const char *text, int col, int width)
{
	int pos = col;

	while (*text) {
		size_t w = strcspn(text, " ");

		if (pos > col && pos + 1 + (int)w > width) {
			fprintf(out, "\n%*s", col, "");
			pos = col;
		} else if (pos > col) {
			fputc(' ', out);
			pos++;
		}
		fwrite(text, 1, w, out);
		pos += (int)w;
		text += w;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

void cli_print_help(FILE *out, const char *usage, const struct cli_opt *opts)
{
	enum { COL = 32, WIDTH = 100 };

	fprintf(out, "%s\n\nOptions:\n", usage);
	for (const struct cli_opt *o = opts; o->name; o++) {
		char left[64];
		int n;

		if (o->short_name < 256)
			n = snprintf(left, sizeof(left), "  -%c, --%s%s%s", o->short_name, o->name,
				     o->arg ? " " : "", o->arg ? o->arg : "");
		else
			n = snprintf(left, sizeof(left), "      --%s%s%s", o->name,
				     o->arg && o->arg[0] != '[' ? " " : "", o->arg ? o->arg : "");
		if (n + 1 > COL)
			fprintf(out, "%s\n%*s", left, COL, "");
		else
			fprintf(out, "%-*s", COL, left);
		print_wrapped(out, o->help, COL, WIDTH);
	}
	fprintf(out, "%-*s%s\n", COL, "  -h, --help", "show this help");
}

int cli_parse(int argc, char **argv, const char *usage, const struct cli_opt *opts,
	      int (*handle)(int id, const char *arg, void *ctx), void *ctx)
{
	size_t n = 0;
	struct option *lo;
	/* ':' first: a missing argument is told apart from an unknown option; no '+': options may
	 * follow the operands, as in GNU tools ("scan DIR --format json"), and "--" ends them */
	char shorts[128] = ":h";
	size_t sl = 2;
	int c;

	while (opts[n].name)
		n++;
	lo = ia_xcalloc(n + 2, sizeof(*lo));
	for (size_t i = 0; i < n; i++) {
		lo[i].name = opts[i].name;
		/* an argument shown as "[=X]" is optional (--clamav[=DIR]) */
		lo[i].has_arg = !opts[i].arg            ? no_argument
				: opts[i].arg[0] == '[' ? optional_argument
							: required_argument;
		lo[i].val = opts[i].short_name;
		if (opts[i].short_name < 256 && sl + 3 < sizeof(shorts)) {
			shorts[sl++] = (char)opts[i].short_name;
			if (opts[i].arg)
				shorts[sl++] = ':';
		}
	}
	shorts[sl] = '\0';
	lo[n].name = "help";
	lo[n].val = 'h';
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h') {
			cli_print_help(stdout, usage, opts);
			free(lo);
			exit(CLI_PASS);
		}
		if (c == ':') {
			cli_error("option '%s' needs a value (see imgaudit %s --help)",
				  argv[optind - 1], argv[0]);
			free(lo);
			return -1;
		}
		if (c == '?') {
			if (optopt && optopt < 256)
				cli_error("unknown option '-%c' (see imgaudit %s --help)", optopt,
					  argv[0]);
			else
				cli_error("unknown option '%s' (see imgaudit %s --help)",
					  argv[optind - 1], argv[0]);
			free(lo);
			return -1;
		}
		if (handle(c, optarg, ctx) < 0) {
			free(lo);
			return -1;
		}
	}
	free(lo);
	return optind;
}

int cli_operands(int argc, char **argv, int first, int min, int max, const char *what)
{
	int n = argc - first;
	struct ia_buf b = IA_BUF_INIT(4096);

	if (n >= min && n <= max)
		return 0;
	if (n < min) {
		cli_error(
			"%s: %s missing (usage: imgaudit %s [options] %s; see imgaudit %s --help)",
			argv[0], what, argv[0], what, argv[0]);
		return -1;
	}
	/* the words past the last one it takes: a misplaced value or a word too many */
	for (int i = first + max; i < argc; i++) {
		if ((i > first + max && ia_buf_adds(&b, "', '") < 0) ||
		    ia_escape_term(&b, argv[i], strlen(argv[i])) < 0) {
			ia_buf_reset(&b); /* too long to quote: "..." */
			break;
		}
	}
	if (max == 0)
		cli_error("%s takes no operand, but got '%s' (see imgaudit %s --help)", argv[0],
			  b.len ? b.data : "...", argv[0]);
	else
		cli_error("%s takes %s, but got %d word%s more: '%s' (an option's value follows "
			  "its option, e.g. --format json; see imgaudit %s --help)",
			  argv[0], what, n - max, n - max == 1 ? "" : "s", b.len ? b.data : "...",
			  argv[0]);
	ia_buf_release(&b);
	return -1;
}

void cli_open_error(const char *spec, const struct ia_err *err)
{
	char what[300];
	struct ia_buf b = IA_BUF_INIT(1024);

	if (ia_escape_term(&b, spec, strlen(spec)) < 0)
		ia_buf_reset(&b);
	snprintf(what, sizeof(what), "cannot audit '%s'", b.len ? b.data : "...");
	ia_buf_release(&b);
	cli_error_err(what, err);
}

int cli_add_exclude(const char ***v, size_t *n, size_t *cap, const char *glob)
{
	if (!*glob) {
		cli_error("--exclude wants a pattern, not an empty word");
		return -1;
	}
	ia_grow(v, sizeof(**v), *n + 1, cap);
	(*v)[(*n)++] = glob;
	return 0;
}

int cli_open_target(const char *spec, const struct tgt_opts *opts, struct tgt **t)
{
	struct ia_err err = {0};
	int ret = tgt_open(spec, opts, t, &err);

	if (ret < 0) {
		if (!err.code)
			ia_err_set(&err, ret, NULL, 0, "%s", ia_strerror(ret));
		cli_open_error(spec, &err);
		return CLI_ERROR;
	}
	return CLI_PASS;
}

int cli_open(const char *spec, const struct tgt_opts *opts, struct tgt **t, struct inv_facts *f)
{
	enum chk_audit_stage stage = CHK_AUDIT_DONE;
	struct ia_err err = {0};

	if (chk_audit_open(spec, opts, t, f, &stage, &err) == 0)
		return CLI_PASS;
	if (stage == CHK_AUDIT_OPEN)
		cli_open_error(spec, &err);
	else
		cli_error("%s", err.msg);
	return CLI_ERROR;
}

bool cli_color_allowed(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

void cli_sandbox(void)
{
	cli_sandbox_but(NULL);
}

void cli_sandbox_but(const char *dir)
{
	const char *w[1] = {dir};

	cli_sandbox_dirs(w, 1);
}

void cli_sandbox_dirs(const char *const *dirs, size_t n)
{
	int r = ia_sandbox_no_writes(dirs, n);

	if (r < 0 && r != -EOPNOTSUPP)
		cli_error("warning: cannot restrict this process from writing: %s", strerror(-r));
}

FILE *cli_output(const char *path)
{
	FILE *out;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	out = fopen(path, "we");
	if (!out)
		cli_error("cannot write '%s': %s", path, strerror(errno));
	return out;
}

int cli_close_output(FILE *out, const char *path)
{
	int bad = ferror(out);

	if (out == stdout)
		bad |= fflush(out) != 0;
	else
		bad |= fclose(out) != 0;
	if (bad) {
		cli_error("error writing '%s'", path ? path : "standard output");
		return -EIO;
	}
	return 0;
}
