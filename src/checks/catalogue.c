/* catalogue.c — the check catalogue: every family's table joined, lookup, Markdown docs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "checks/check.h"
#include "checks/families.h"
#include "util/banned.h"

struct family {
	const char *name;
	const struct chk_def *defs;
	const size_t *len;
};

/* Family order is catalogue order: docs, `imgaudit checks` and the runs follow it. */
static const struct family families[] = {
	{"input", chk_defs_input, &chk_defs_input_len},
	{"accounts", chk_defs_accounts, &chk_defs_accounts_len},
	{"files", chk_defs_files, &chk_defs_files_len},
	{"logging", chk_defs_logging, &chk_defs_logging_len},
	{"trust", chk_defs_trust, &chk_defs_trust_len},
	{"leftovers", chk_defs_leftovers, &chk_defs_leftovers_len},
	{"containers", chk_defs_containers, &chk_defs_containers_len},
	{"kernel", chk_defs_kernel, &chk_defs_kernel_len},
};

/* Checks in the whole catalogue: a property of the code, not of an image. */
#define CHK_MAX_CHECKS 1024

static struct chk_def storage[CHK_MAX_CHECKS];
const struct chk_def *chk_catalogue = storage;
size_t chk_catalogue_len;

__attribute__((constructor)) static void catalogue_build(void)
{
	size_t n = 0;

	for (size_t f = 0; f < IA_ARRAY_SIZE(families); f++) {
		for (size_t i = 0; i < *families[f].len; i++) {
			if (n >= CHK_MAX_CHECKS)
				abort(); /* a build error: raise CHK_MAX_CHECKS */
			storage[n++] = families[f].defs[i];
		}
	}
	chk_catalogue_len = n;
}

const struct chk_def *chk_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < chk_catalogue_len; i++)
		if (strcasecmp(chk_catalogue[i].id, id) == 0)
			return &chk_catalogue[i];
	return NULL;
}

const char *const *chk_families(size_t *n)
{
	static const char *const names[] = {
		"input", "accounts",  "files",      "logging",
		"trust", "leftovers", "containers", "kernel",
	};

	_Static_assert(IA_ARRAY_SIZE(names) == IA_ARRAY_SIZE(families), "one name per family");
	*n = IA_ARRAY_SIZE(names);
	return names;
}

/* Markdown table cells: a '|' would end the cell, a newline the row. */
static void md_cell(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

int chk_catalogue_write_markdown(FILE *out)
{
	fputs("# imgaudit checks\n\n"
	      "<!-- generated from the catalogue (src/checks/*.c): the test checks-engine fails"
	      " when this file is stale; regenerate with\n"
	      "     imgaudit checks --format markdown > docs/checks.md -->\n\n"
	      "Every check has a stable ID, a default severity (`--severity ID=LEVEL` overrides"
	      " it) and the clause IDs it serves (the catalogue `data/clauses.txt`; `imgaudit"
	      " clauses` lists each clause with its checks).\n",
	      out);
	for (size_t f = 0; f < IA_ARRAY_SIZE(families); f++) {
		if (*families[f].len == 0)
			continue;
		fprintf(out, "\n## %s\n\n", families[f].name);
		fputs("| ID | severity | clauses | title | examines | remediation |\n"
		      "|---|---|---|---|---|---|\n",
		      out);
		for (size_t i = 0; i < *families[f].len; i++) {
			const struct chk_def *d = &families[f].defs[i];

			fprintf(out, "| %s | %s | ", d->id, fnd_sev_name(d->severity));
			md_cell(out, d->clauses);
			fputs(" | ", out);
			md_cell(out, d->title);
			fputs(" | ", out);
			md_cell(out, d->examines);
			fputs(" | ", out);
			md_cell(out, d->remediation);
			fputs(" |\n", out);
		}
	}
	return ferror(out) ? -EIO : 0;
}
