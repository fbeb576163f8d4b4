/* cmd_clauses.c — `imgaudit clauses`: the clause catalogue with the checks that serve each clause
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/clauses.h"
#include "checks/profile.h"
#include "report/jsonw.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum { OPT_PROFILE = 256 };

static const struct cli_opt clauses_opts[] = {
	{"profile", OPT_PROFILE, "NAME|FILE",
	 "the clauses of one profile, in its order: jdcloud, aliyun, sysreq, jike, all, or a "
	 "profile file (default: every clause of the catalogue)"},
	{"format", 'f', "FORMAT", "table (default) or json"},
	{NULL, 0, NULL, NULL},
};

static const char clauses_usage[] =
	"usage: imgaudit clauses [options]\n\n"
	"Lists the clauses of the specifications imgaudit audits against (the catalogue\n"
	"data/clauses.txt): ID, mode (S static image, L running system, M manual), title, the\n"
	"document it comes from, and the checks that serve it (the checks naming it, and those\n"
	"of the profile's same= and checks= options). Exit status 1 when the profile names a\n"
	"clause the catalogue does not hold.";

struct clauses_args {
	bool json;
	const char *profile;
};

static int clauses_opt(int id, const char *arg, void *ctx)
{
	struct clauses_args *a = ctx;

	if (id == OPT_PROFILE) {
		a->profile = arg;
		return 0;
	}
	if (id == 'f' && (strcmp(arg, "json") == 0 || strcmp(arg, "table") == 0)) {
		a->json = strcmp(arg, "json") == 0;
		return 0;
	}
	cli_error("unknown format '%s' (table, json)", arg);
	return -1;
}

/* One line of the listing: a clause of the catalogue, of the profile, or both. */
struct row {
	const char *id, *title;
	unsigned mode;
	size_t source; /* SIZE_MAX: not in the catalogue */
	const struct chk_def **checks;
	size_t n_checks;
};

static void row_checks(struct row *r, const struct chk_pclause *pc)
{
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		if (!chk_profile_serves(pc, &chk_catalogue[i]))
			continue;
		r->checks = ia_xreallocarray(r->checks, r->n_checks + 1, sizeof(*r->checks));
		r->checks[r->n_checks++] = &chk_catalogue[i];
	}
}

static const struct chk_pclause *profile_find(const struct chk_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_clauses; i++)
		if (chk_clauses_name(p->clauses[i].id, id))
			return &p->clauses[i];
	return NULL;
}

/* Text of the catalogue or a profile file on a terminal: escaped as everything printed is. */
static void put_term(const char *s)
{
	struct ia_buf b = IA_BUF_INIT(16384);

	if (ia_escape_term(&b, s, strlen(s)) == 0 && b.data)
		fputs(b.data, stdout);
	else
		fputs("(text too long)", stdout);
	ia_buf_release(&b);
}

static void print_table(const struct chk_ccat *cat, const struct row *rows, size_t n)
{
	size_t prev = SIZE_MAX - 1, served = 0, manual = 0;

	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		if (r->source != prev) {
			prev = r->source;
			if (r->source == SIZE_MAX) {
				fputs("(not in the clause catalogue)\n", stdout);
			} else {
				const struct chk_csource *s = &cat->sources[r->source];

				put_term(s->key);
				fputs(": ", stdout);
				put_term(s->title);
				fputs(" (", stdout);
				for (size_t d = 0; d < s->n_docs; d++) {
					if (d)
						fputs(", ", stdout);
					put_term(s->docs[d]);
				}
				fputs(")\n", stdout);
			}
		}
		fputs("  ", stdout);
		put_term(r->id);
		printf("%*s%-6s ", r->id && strlen(r->id) < 12 ? (int)(12 - strlen(r->id)) : 1, "",
		       chk_mode_name(r->mode));
		put_term(r->title);
		if (r->n_checks) {
			fputs(" [", stdout);
			for (size_t c = 0; c < r->n_checks; c++)
				printf("%s%s", c ? " " : "", r->checks[c]->id);
			fputs("]\n", stdout);
			served++;
		} else if (r->mode == CHK_MODE_M) {
			fputs(" [manual]\n", stdout);
			manual++;
		} else {
			fputs(" [no check yet]\n", stdout);
		}
	}
	printf("%zu clauses: %zu served by checks, %zu manual, %zu without a check yet\n", n,
	       served, manual, n - served - manual);
}

static void print_json(const struct chk_ccat *cat, const char *profile, const struct row *rows,
		       size_t n, struct jw *w)
{
	jw_obj(w);
	jw_key(w, "profile");
	if (profile)
		jw_str(w, profile);
	else
		jw_null(w);
	jw_key(w, "sources");
	jw_arr(w);
	for (size_t i = 0; i < cat->n_sources; i++) {
		const struct chk_csource *s = &cat->sources[i];

		jw_obj(w);
		jw_kstr(w, "key", s->key);
		jw_kstr(w, "title", s->title);
		jw_key(w, "documents");
		jw_arr(w);
		for (size_t d = 0; d < s->n_docs; d++)
			jw_str(w, s->docs[d]);
		jw_end_arr(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_key(w, "clauses");
	jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		static const char *const modes[] = {"S", "L", "M"};

		jw_obj(w);
		jw_kstr(w, "id", r->id);
		jw_key(w, "source");
		if (r->source == SIZE_MAX)
			jw_null(w);
		else
			jw_str(w, cat->sources[r->source].key);
		jw_key(w, "mode");
		jw_arr(w);
		for (unsigned m = 0; m < 3; m++)
			if (r->mode & (1u << m))
				jw_str(w, modes[m]);
		jw_end_arr(w);
		jw_kstr(w, "title", r->title);
		jw_key(w, "checks");
		jw_arr(w);
		for (size_t c = 0; c < r->n_checks; c++)
			jw_str(w, r->checks[c]->id);
		jw_end_arr(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
}

int cmd_clauses(int argc, char **argv)
{
	struct clauses_args a = {0};
	struct chk_ccat *cat = NULL;
	struct chk_profile *prof = NULL;
	struct ia_err err = {0};
	struct row *rows = NULL;
	size_t n = 0, missing = 0;
	int first = cli_parse(argc, argv, clauses_usage, clauses_opts, clauses_opt, &a);
	int ret = CLI_ERROR;

	if (first < 0)
		return CLI_ERROR;
	if (first != argc) {
		cli_error("clauses takes no operand (a profile is given with --profile)");
		return CLI_ERROR;
	}
	if (chk_ccat_load(&cat, &err) < 0) {
		cli_error_err("cannot read the clause catalogue", &err);
		return CLI_ERROR;
	}
	/* the checks serving a clause follow a profile's same= and checks=; without --profile,
	 * those of "all", the scan's default */
	if (chk_profile_load(a.profile ? a.profile : "all", &prof, &err) < 0) {
		cli_error_err("cannot load the profile", &err);
		goto out;
	}
	if (a.profile) {
		rows = ia_xcalloc(prof->n_clauses + 1, sizeof(*rows));
		for (size_t i = 0; i < prof->n_clauses; i++) {
			const struct chk_pclause *pc = &prof->clauses[i];
			const struct chk_cclause *cc = chk_ccat_find(cat, pc->id);
			struct row *r = &rows[n++];

			r->id = cc ? cc->id : pc->id;
			r->title = cc ? cc->title : pc->title;
			r->mode = cc ? cc->mode : pc->mode;
			r->source = cc ? cc->source : SIZE_MAX;
			row_checks(r, pc);
			if (!cc) {
				struct ia_buf b = IA_BUF_INIT(256);

				ia_escape_term(&b, pc->id, strlen(pc->id));
				cli_error("profile %s line %u: clause %s is not in the clause "
					  "catalogue",
					  a.profile, pc->line, b.data ? b.data : "");
				ia_buf_release(&b);
				missing++;
			}
		}
	} else {
		rows = ia_xcalloc(cat->n_clauses + 1, sizeof(*rows));
		for (size_t i = 0; i < cat->n_clauses; i++) {
			const struct chk_cclause *cc = &cat->clauses[i];
			const struct chk_pclause *pc = profile_find(prof, cc->id);
			struct chk_pclause bare = {.id = cc->id, .same = "", .checks = ""};
			struct row *r = &rows[n++];

			r->id = cc->id;
			r->title = cc->title;
			r->mode = cc->mode;
			r->source = cc->source;
			row_checks(r, pc ? pc : &bare);
		}
	}
	if (a.json) {
		struct jw w;

		jw_init(&w, stdout);
		print_json(cat, a.profile ? prof->name : NULL, rows, n, &w);
		if (jw_finish(&w) < 0)
			goto out;
	} else {
		print_table(cat, rows, n);
		if (fflush(stdout))
			goto out;
	}
	ret = missing ? CLI_FAIL : CLI_PASS;
out:
	for (size_t i = 0; i < n; i++)
		free(rows[i].checks);
	free(rows);
	chk_profile_free(prof);
	chk_ccat_free(cat);
	return ret;
}
