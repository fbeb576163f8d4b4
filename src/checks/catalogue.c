/* catalogue.c — the check catalogue: every family's table joined, lookup, Markdown docs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "checks/check.h"
#include "checks/families.h"
#include "util/hmap.h"
#include "util/banned.h"

/* Family order is catalogue order: docs, `imgaudit checks` and the runs follow it. */
#define CHK_FAMILY_REF(name) &chk_family_##name,
static const struct chk_family *const families[] = {CHK_FAMILIES(CHK_FAMILY_REF)};
#undef CHK_FAMILY_REF

/* Checks in the whole catalogue: a property of the code, not of an image. */
#define CHK_MAX_CHECKS 1024
/* Bytes of one check's clause list joined by spaces. */
#define CHK_MAX_CLAUSE_LIST 512
/* Bytes of one check ID ("SEC-001"). */
#define CHK_MAX_ID 32

static struct chk_def storage[CHK_MAX_CHECKS];
static char clause_lists[CHK_MAX_CHECKS][CHK_MAX_CLAUSE_LIST];
/* chk_find's index: the IDs in upper case -> catalogue position (the profile verdicts look a
 * check up per finding and clause: a thousand findings made the linear search with
 * strcasecmp a fifth of an audit) */
static char upper_ids[CHK_MAX_CHECKS][CHK_MAX_ID];
static struct ia_hmap by_id;

/* id in upper case into out (CHK_MAX_ID bytes); false when it does not fit. */
static bool upper_id(const char *id, char *out)
{
	size_t i = 0;

	for (; id[i]; i++) {
		if (i + 1 >= CHK_MAX_ID)
			return false;
		out[i] = (id[i] >= 'a' && id[i] <= 'z') ? (char)(id[i] - 'a' + 'A') : id[i];
	}
	out[i] = '\0';
	return true;
}
const struct chk_def *chk_catalogue = storage;
size_t chk_catalogue_len;

/* The clause IDs of def joined by spaces into out; a build error (abort) when they do not fit. */
static void join_clauses(const struct chk_def *def, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (const char *const *c = def->clauses; c && *c; c++) {
		int n = snprintf(out + len, size - len, "%s%s", len ? " " : "", *c);

		if (n < 0 || (size_t)n >= size - len)
			abort(); /* a build error: raise CHK_MAX_CLAUSE_LIST */
		len += (size_t)n;
	}
}

__attribute__((constructor)) static void catalogue_build(void)
{
	size_t n = 0;

	for (size_t f = 0; f < IA_ARRAY_SIZE(families); f++) {
		for (size_t i = 0; i < families[f]->n_checks; i++) {
			if (n >= CHK_MAX_CHECKS)
				abort(); /* a build error: raise CHK_MAX_CHECKS */
			storage[n] = families[f]->checks[i];
			storage[n].family = families[f]->name;
			join_clauses(&storage[n], clause_lists[n], sizeof(clause_lists[n]));
			storage[n].clause_list = clause_lists[n];
			if (!upper_id(storage[n].id, upper_ids[n]))
				abort(); /* a build error: raise CHK_MAX_ID */
			if (!ia_hmap_get(&by_id, upper_ids[n], strlen(upper_ids[n]),
					 &(uint32_t){0}))
				ia_hmap_put(&by_id, upper_ids[n], (uint32_t)n); /* the first wins */
			n++;
		}
	}
	chk_catalogue_len = n;
}

const struct chk_def *chk_find(const char *id)
{
	char up[CHK_MAX_ID];
	uint32_t i;

	if (!id || !upper_id(id, up) || !ia_hmap_get(&by_id, up, strlen(up), &i))
		return NULL;
	return &chk_catalogue[i];
}

const char *const *chk_families(size_t *n)
{
#define CHK_FAMILY_NAME(name) #name,
	static const char *const names[] = {CHK_FAMILIES(CHK_FAMILY_NAME)};
#undef CHK_FAMILY_NAME

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
	for (size_t f = 0, at = 0; f < IA_ARRAY_SIZE(families); at += families[f]->n_checks, f++) {
		if (families[f]->n_checks == 0)
			continue;
		fprintf(out, "\n## %s\n\n", families[f]->name);
		fputs("| ID | severity | clauses | title | examines | remediation |\n"
		      "|---|---|---|---|---|---|\n",
		      out);
		for (size_t i = 0; i < families[f]->n_checks; i++) {
			const struct chk_def *d = &chk_catalogue[at + i];

			fprintf(out, "| %s | %s | ", d->id, fnd_sev_name(d->severity));
			md_cell(out, d->clause_list);
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
