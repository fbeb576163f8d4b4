/* test_clauses.c — unit tests of the clause catalogue: the shipped file, malformed lines, limits */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/clauses.h"
#include "checks/profile.h"
#include "util/err.h"
#include "util/limits.h"

#define SRC "source: jd | JD Cloud spec | a.txt\n"

static struct chk_ccat *parse_ok(const char *text)
{
	struct chk_ccat *cat = NULL;
	struct ia_err err = {0};

	if (chk_ccat_parse("t.txt", text, strlen(text), &cat, &err) != 0)
		fail_msg("parse failed: %s (line %u)", err.msg, err.line);
	return cat;
}

/* Parses text expecting code, at line, with needle in the message. */
static void parse_bad(const char *text, size_t len, int code, unsigned line, const char *needle)
{
	struct chk_ccat *cat = NULL;
	struct ia_err err = {0};

	assert_int_equal(chk_ccat_parse("t.txt", text, len, &cat, &err), code);
	assert_null(cat);
	assert_int_equal(err.line, line);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' lacks '%s'", err.msg, needle);
}

static void test_shipped_catalogue(void **state)
{
	struct chk_ccat *cat = NULL;
	struct ia_err err = {0};
	const struct chk_cclause *c;

	assert_int_equal(chk_ccat_load(&cat, &err), 0);
	/* the four specifications of the built-in profiles, each with its document */
	assert_int_equal(cat->n_sources, 4);
	assert_string_equal(cat->sources[0].key, "jdcloud");
	assert_string_equal(cat->sources[0].docs[0], "jdcloud-image-security-spec.txt");
	assert_string_equal(cat->sources[2].key, "sysreq");
	assert_int_equal(cat->sources[2].n_docs, 2);
	assert_string_equal(cat->sources[2].docs[1], "system-requirements-v65.txt");
	assert_int_equal(cat->n_clauses, 82);
	c = chk_ccat_find(cat, "jd-3.1B");
	assert_non_null(c);
	assert_string_equal(c->id, "JD-3.1b");
	assert_string_equal(c->title, "no weak default passwords");
	assert_int_equal(c->mode, CHK_MODE_S | CHK_MODE_L);
	assert_string_equal(cat->sources[c->source].key, "jdcloud");
	/* an en dash finds the ASCII ID */
	c = chk_ccat_find(cat, "SR-6.1\xe2\x80\x93"
			       "6.2");
	assert_non_null(c);
	assert_int_equal(c->mode, CHK_MODE_S);
	assert_string_equal(cat->sources[c->source].key, "sysreq");
	assert_null(chk_ccat_find(cat, "JD-9.9"));
	/* every clause named by a check is in the catalogue */
	for (size_t i = 0; i < chk_catalogue_len; i++) {
		for (const char *const *id = chk_catalogue[i].clauses; *id; id++)
			if (!chk_ccat_find(cat, *id))
				fail_msg("check %s names clause %s, not in data/clauses.txt",
					 chk_catalogue[i].id, *id);
	}
	chk_ccat_free(cat);
}

static void test_well_formed(void **state)
{
	struct chk_ccat *cat;

	cat = parse_ok("# comment\n"
		       "source: jd | JD Cloud spec | a.txt\n"
		       "  JD-1 | S+L | first  \n"
		       "source: sr | System requirements | b.md,  b-v65.txt \n"
		       "SR-2 | M | second\n"
		       "SR-3 | S + L + M | third");
	assert_int_equal(cat->n_sources, 2);
	assert_int_equal(cat->sources[1].n_docs, 2);
	assert_string_equal(cat->sources[1].docs[0], "b.md");
	assert_string_equal(cat->sources[1].docs[1], "b-v65.txt");
	assert_int_equal(cat->n_clauses, 3);
	assert_string_equal(cat->clauses[0].title, "first");
	assert_int_equal(cat->clauses[0].source, 0);
	assert_int_equal(cat->clauses[1].source, 1);
	assert_int_equal(cat->clauses[1].mode, CHK_MODE_M);
	assert_int_equal(cat->clauses[2].mode, CHK_MODE_S | CHK_MODE_L | CHK_MODE_M);
	assert_int_equal(cat->clauses[2].line, 6);
	assert_string_equal(chk_mode_name(cat->clauses[2].mode), "S+L+M");
	assert_string_equal(chk_mode_name(CHK_MODE_S | CHK_MODE_M), "S+M");
	chk_ccat_free(cat);
}

static void test_malformed(void **state)
{
	static const struct {
		const char *text;
		unsigned line;
		const char *needle;
	} cases[] = {
		{"JD-1 | S | before any source\n", 1, "before any 'source:'"},
		{SRC "JD-1 | S | one\nJD-1 | S | again\n", 3, "listed twice (line 2)"},
		/* the same ID written with an en dash and another case */
		{SRC "SR-6.1-6.2 | S | one\nsr-6.1\xe2\x80\x93"
		     "6.2 | S | two\n",
		 3, "listed twice"},
		{SRC "JD-1 | X | bad mode\n", 2, "mode 'X'"},
		{SRC "JD-1 |  | no mode\n", 2, "mode ''"},
		{SRC "JD-1 | S\n", 2, "found fewer"},
		{SRC "JD-1 | S | title | extra\n", 2, "more than 3 fields"},
		{SRC " | S | no ID\n", 2, "empty clause ID"},
		{SRC "JD-1 | S | \n", 2, "empty clause title"},
		{SRC "JD 1 | S | space in ID\n", 2, "holds a space or a comma"},
		{SRC "JD-1,JD-2 | S | comma in ID\n", 2, "holds a space or a comma"},
		{SRC "JD-1 | S | bell \a here\n", 2, "control bytes"},
		{SRC "JD-1 | S | bad \xff utf-8\n", 2, "invalid UTF-8"},
		{SRC "just words\n", 2, "expected 'source:"},
		{SRC "title: not a header\n", 2, "expected 'source:"},
		{"source: jd | only a title\n", 1, "expected 'source: key"},
		{"source: JD | upper case | a.txt\n", 1, "lower-case letters"},
		{"source: jd | t | a.txt,\n", 1, "empty document name"},
		{"source: jd | t | a.txt\nsource: jd | t | b.txt\n", 2, "listed twice (line 1)"},
		{"source: jd | t | a.txt\n", 0, "no clause"},
		{"# nothing but comments\n", 0, "no clause"},
		{"", 0, "no clause"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct chk_ccat *cat = NULL;
		struct ia_err err = {0};
		int r = chk_ccat_parse("t.txt", cases[i].text, strlen(cases[i].text), &cat, &err);

		if (r != -IA_ECORRUPT || err.line != cases[i].line ||
		    !strstr(err.msg, cases[i].needle))
			fail_msg("case %zu: r=%d line %u '%s', want corrupt at %u with '%s'", i, r,
				 err.line, err.msg, cases[i].line, cases[i].needle);
		assert_null(cat);
	}
	/* a NUL inside a line is a control byte, not the end of the file */
	parse_bad(SRC "JD-1 | S | a\0b\n", sizeof(SRC "JD-1 | S | a\0b\n") - 1, -IA_ECORRUPT, 2,
		  "control bytes");
}

static void test_limits(void **state)
{
	char *text, *p;
	size_t n;

	/* ID and title lengths: at the limit read, one past it refused */
	n = strlen(SRC) + IA_MAX_CLAUSE_ID + IA_MAX_CLAUSE_TITLE + 16;
	text = malloc(n);
	assert_non_null(text);
	p = text + sprintf(text, SRC);
	memset(p, 'A', IA_MAX_CLAUSE_ID);
	p += IA_MAX_CLAUSE_ID;
	p += sprintf(p, " | S | ");
	memset(p, 't', IA_MAX_CLAUSE_TITLE);
	p[IA_MAX_CLAUSE_TITLE] = '\0';
	chk_ccat_free(parse_ok(text));
	strcat(text, "t");
	parse_bad(text, strlen(text), -IA_ETOOBIG, 2, "clause title longer than 1024 bytes");
	text[strlen(SRC) + IA_MAX_CLAUSE_ID] = 'A'; /* the ID runs into the separator's space */
	parse_bad(text, strlen(text), -IA_ETOOBIG, 2, "clause ID longer than 63 bytes");
	free(text);

	/* clause count: IA_MAX_CLAUSES read, one more refused at its line */
	n = strlen(SRC) + (size_t)(IA_MAX_CLAUSES + 1) * 24;
	text = malloc(n);
	assert_non_null(text);
	p = text + sprintf(text, SRC);
	for (unsigned i = 0; i < IA_MAX_CLAUSES; i++)
		p += sprintf(p, "C-%u | S | t\n", i);
	{
		struct chk_ccat *cat = parse_ok(text);

		assert_int_equal(cat->n_clauses, IA_MAX_CLAUSES);
		chk_ccat_free(cat);
	}
	sprintf(p, "C-last | S | t\n");
	parse_bad(text, strlen(text), -IA_ETOOBIG, IA_MAX_CLAUSES + 2, "more than 4096 clauses");
	free(text);

	/* source count */
	n = (size_t)(IA_MAX_CLAUSE_SOURCES + 1) * 32 + 32;
	text = malloc(n);
	assert_non_null(text);
	p = text;
	for (unsigned i = 0; i <= IA_MAX_CLAUSE_SOURCES; i++)
		p += sprintf(p, "source: s%u | t | d\n", i);
	sprintf(p, "C-1 | S | t\n");
	parse_bad(text, strlen(text), -IA_ETOOBIG, IA_MAX_CLAUSE_SOURCES + 1,
		  "more than 256 sources");
	free(text);

	/* the file: one byte past IA_MAX_CLAUSE_FILE refused before any line is read */
	n = IA_MAX_CLAUSE_FILE + 1;
	text = malloc(n);
	assert_non_null(text);
	memset(text, '#', n);
	parse_bad(text, n, -IA_ETOOBIG, 0, "larger than");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_catalogue),
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
