/* test_latest.c — the latest release of each software series (data/eol/latest.tsv): the shipped
 * table, malformed tables refused with file and line, release numbers compared */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/limits.h"
#include "vulndb/eol.h"
#include "vulndb/latest.h"

/* The shipped table: every row's series is a series of software.tsv, and its latest release
 * belongs to that series. */
static void test_shipped(void **state)
{
	struct vdb_latest_table *t = NULL;
	struct vdb_eol_table *eol = NULL;
	struct ia_err err = {0};
	const struct vdb_latest *l;
	const struct vdb_eol *e;

	if (vdb_latest_load(&t, &err) < 0)
		fail_msg("latest.tsv: %s", err.msg);
	assert_int_equal(vdb_eol_load(false, &eol, &err), 0);
	l = vdb_latest_find(t, "php", "5.6");
	assert_non_null(l);
	assert_string_equal(l->latest, "5.6.40");
	assert_string_equal(l->date, "2019-01-10");
	assert_string_equal(l->source, "endoflife.date php@a70eca33");
	l = vdb_latest_find(t, "nodejs", "8");
	assert_string_equal(l->latest, "8.17.0");
	assert_int_equal(vdb_eol_lookup(eol, "nodejs", l->latest, &e), 0);
	assert_string_equal(e->cycle, "8");
	assert_null(vdb_latest_find(t, "php", "4.4"));
	assert_null(vdb_latest_find(t, "wordpress", "6.1"));
	vdb_latest_free(t);
	vdb_eol_free(eol);
}

static void test_malformed(void **state)
{
	struct vdb_latest_table *t = NULL;
	struct ia_err err = {0};
	static const char ok[] = "# comment\nphp\t8.1\t8.1.33\t2025-07-03\tendoflife.date x\n";
	static const char four[] = "php\t8.1\t8.1.33\t2025-07-03\n";
	static const char badday[] = "php\t8.1\t8.1.33\t2025-7-3\tsrc\n";
	static const char empty[] = "php\t\t8.1.33\t-\tsrc\n";
	static const char six[] = "php\t8.1\t8.1.33\t-\tsrc\textra\n";

	assert_int_equal(vdb_latest_parse("t.tsv", ok, sizeof(ok) - 1, &t, &err), 0);
	assert_string_equal(vdb_latest_find(t, "php", "8.1")->latest, "8.1.33");
	vdb_latest_free(t);
	assert_true(vdb_latest_parse("t.tsv", four, sizeof(four) - 1, &t, &err) < 0);
	assert_non_null(strstr(err.msg, "5 tab-separated columns"));
	assert_int_equal(err.line, 1);
	assert_true(vdb_latest_parse("t.tsv", badday, sizeof(badday) - 1, &t, &err) < 0);
	assert_true(vdb_latest_parse("t.tsv", empty, sizeof(empty) - 1, &t, &err) < 0);
	assert_true(vdb_latest_parse("t.tsv", six, sizeof(six) - 1, &t, &err) < 0);
	/* over IA_MAX_EOL_ROWS */
	{
		size_t n = (size_t)IA_MAX_EOL_ROWS + 1, len = 0;
		char *big = malloc(n * 16 + 1);

		for (size_t i = 0; i < n; i++)
			len += (size_t)sprintf(big + len, "k\t%zu\t1\t-\ts\n", i % 100000);
		assert_true(vdb_latest_parse("big.tsv", big, len, &t, &err) < 0);
		assert_non_null(strstr(err.msg, "IA_MAX_EOL_ROWS"));
		free(big);
	}
}

static void test_release_cmp(void **state)
{
	static const struct {
		const char *a, *b;
		int want; /* 2: not compared */
	} v[] = {
		{"8.1.3", "8.17.0", -1},
		{"8.17.0", "8.17.0", 0},
		{"6.0.53.0", "6.0.53", 0},
		{"6.0.53", "6.0.53.0", 0},
		{"6.0.53.1", "6.0.53", 1},
		{"1.10.3", "1.9.15", 1},
		{"010.1", "10.1", 0},
		{"2", "10", -1},
		{"1.8.0_372", "8.0.1", 2},
		{"26.0.2+10", "26.0.2", 2},
		{"X3.2", "3.2", 2},
		{"1..2", "1.2", 2},
		{"1.2.", "1.2", 2},
		{"", "1", 2},
		{".1", "1", 2},
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int c = 7, r = vdb_release_cmp(v[i].a, v[i].b, &c);

		if (v[i].want == 2) {
			if (r != -EINVAL)
				fail_msg("%s vs %s: compared (%d)", v[i].a, v[i].b, c);
		} else if (r != 0 || c != v[i].want) {
			fail_msg("%s vs %s: %d (r %d), want %d", v[i].a, v[i].b, c, r, v[i].want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_release_cmp),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
