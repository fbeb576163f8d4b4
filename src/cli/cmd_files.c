/* cmd_files.c — `imgaudit files TARGET [PATH]`: the entry index, as every check sees it */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/escape.h"
#include "util/limits.h"
#include "util/banned.h"

static const struct cli_opt files_opts[] = {
	{"type", 't', "KIND",
	 "target kind: dir, host, docker-archive, oci-dir, oci-archive, disk "
	 "(default: detected)"},
	{"backing-dir", 300, "DIR", "disk images: open a qcow2 backing file only inside DIR"},
	{"output", 'o', "FILE", "write to FILE instead of standard output"},
	{"exclude", 'x', "GLOB",
	 "leave out paths matching GLOB (a GLOB with a / is matched against the whole path, "
	 "* also matching /; one without against the name); a directory with all below it "
	 "(repeatable)"},
	{NULL, 0, NULL, NULL},
};

static const char files_usage[] =
	"usage: imgaudit files [options] TARGET [PATH]\n\n"
	"Lists the entries of TARGET's index (all of them, or PATH and what is below it), one a\n"
	"line: type and permissions, owner uid, group gid, size of regular files, path, and the\n"
	"target of symlinks. Archives show the result of applying their layers.";

struct files_args {
	enum tgt_kind kind;
	const char *output;
	const char *backing_dir;
	const char **excludes;
	size_t n_excludes, cap_excludes;
};

static int files_opt(int id, const char *arg, void *ctx)
{
	struct files_args *a = ctx;

	if (id == 't') {
		if (tgt_kind_parse(arg, &a->kind) < 0) {
			cli_error("unknown target kind '%s'", arg);
			return -1;
		}
		return 0;
	}
	if (id == 'o') {
		a->output = arg;
		return 0;
	}
	if (id == 300) {
		a->backing_dir = arg;
		return 0;
	}
	if (id == 'x')
		return cli_add_exclude(&a->excludes, &a->n_excludes, &a->cap_excludes, arg);
	return -1;
}

static char type_char(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return 'd';
	case S_IFLNK:
		return 'l';
	case S_IFCHR:
		return 'c';
	case S_IFBLK:
		return 'b';
	case S_IFIFO:
		return 'p';
	case S_IFSOCK:
		return 's';
	default:
		return '-';
	}
}

static void perm_string(uint32_t m, char out[11])
{
	const char *rwx = "rwxrwxrwx";

	out[0] = type_char(m);
	for (int i = 0; i < 9; i++)
		out[1 + i] = (m & (0400u >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = (m & 0010) ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = (m & 0001) ? 't' : 'T';
	out[10] = '\0';
}

static void print_entry(FILE *out, const struct tgt_entry *e, struct ia_buf *b)
{
	char perm[11];

	perm_string(e->mode, perm);
	ia_buf_reset(b);
	if (ia_escape_term(b, e->path, strlen(e->path)) < 0 ||
	    (e->link &&
	     (ia_buf_adds(b, " -> ") < 0 || ia_escape_term(b, e->link, strlen(e->link)) < 0))) {
		ia_buf_reset(b); /* cannot happen with the buffer's size; said if it does */
		if (ia_buf_adds(b, "(name too long to show)") < 0)
			return;
	}
	if (S_ISREG(e->mode))
		fprintf(out, "%s %" PRIu32 " %" PRIu32 " %" PRIu64 " %s\n", perm, e->uid, e->gid,
			e->size, b->data);
	else
		fprintf(out, "%s %" PRIu32 " %" PRIu32 " - %s\n", perm, e->uid, e->gid, b->data);
}

int cmd_files(int argc, char **argv)
{
	struct files_args a = {.kind = TGT_AUTO};
	struct tgt_opts o = {0};
	struct ia_buf b = IA_BUF_INIT(16 * IA_MAX_PATH + 64);
	const struct tgt_entry *top = NULL;
	struct tgt *t = NULL;
	FILE *out;
	size_t begin = 0, end;
	int first, ret;

	first = cli_parse(argc, argv, files_usage, files_opts, files_opt, &a);
	if (first < 0)
		return CLI_ERROR;
	if (cli_operands(argc, argv, first, 1, 2, "TARGET [PATH]") < 0) {
		free(a.excludes);
		return CLI_ERROR;
	}
	o.kind = a.kind;
	o.backing_dir = a.backing_dir;
	o.excludes = a.excludes;
	o.n_excludes = a.n_excludes;
	ret = cli_open_target(argv[first], &o, &t);
	free(a.excludes); /* the target keeps its own copy */
	if (ret != CLI_PASS)
		return CLI_ERROR;
	end = tgt_count(t);
	if (argc - first == 2) {
		/* PATH itself, then what is below it when it is a directory */
		if (tgt_lookup(t, argv[first + 1], TGT_NOFOLLOW, &top) < 0) {
			cli_error("no '%s' in the image", argv[first + 1]);
			tgt_free(t);
			return CLI_ERROR;
		}
		if (!S_ISDIR(top->mode) || tgt_subtree(t, top->path, &begin, &end) < 0)
			begin = end = 0;
	}
	out = cli_output(a.output);
	if (!out) {
		tgt_free(t);
		return CLI_ERROR;
	}
	cli_sandbox();
	if (top)
		print_entry(out, top, &b);
	for (size_t i = begin; i < end; i++)
		print_entry(out, tgt_at(t, i), &b);
	ret = cli_close_output(out, a.output) < 0 ? CLI_ERROR : CLI_PASS;
	ia_buf_release(&b);
	tgt_free(t);
	return ret;
}
