/* test_composer.c — the Composer (Packagist) comparator: Composer's normalisation and PHP's
 * version_compare order, development branches refused */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <string.h>

#include "util/err.h"
#include "vulndb/version.h"

/*
 * Vectors from PHP's version_compare as documented (php.net: "dev" < "alpha" = "a" < "beta" =
 * "b" < "RC" = "rc" < "#" < "pl" = "p"; a part more decides against a number) and Composer's
 * VersionParser::normalize (four numbers, leading v and +build dropped, "-stable" a release).
 */
static void test_order(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} v[] = {
		{"1.0.0", "1.0.1", -1},
		{"v2.3.5", "2.3.5", 0},
		{"2.3", "2.3.0", 0},
		{"2.3", "2.3.0.0", 0},
		{"1.2.3.4", "1.2.3", 1},
		{"10.0.0", "9.9.9", 1},
		{"1.0.0-beta1", "1.0.0", -1},
		{"1.0.0-alpha", "1.0.0-beta", -1},
		{"1.0.0-beta", "1.0.0-RC1", -1},
		{"1.0.0-RC1", "1.0.0", -1},
		{"1.0.0-rc1", "1.0.0-RC1", 0},
		{"5.0.0-BETA1", "5.0.0-beta1", 0},
		{"1.0.0-RC1", "1.0.0-RC2", -1},
		{"1.0.0-alpha", "1.0.0-a", 0},
		{"1.0.0-beta.2", "1.0.0-beta2", 0},
		{"1.0.0-beta", "1.0.0-beta1", -1},
		{"1.0.0-RC1", "1.0.0-RC1.1", -1},
		{"1.0.0", "1.0.0-p1", -1},
		{"1.0.0-pl1", "1.0.0-p1", 0},
		{"1.0.0-patch1", "1.0.0-p1", 0},
		{"1.0.0-p1", "1.0.1", -1},
		{"1.0.0+build5", "1.0.0", 0},
		{"1.0.0-stable", "1.0.0", 0},
		{"3.14.0", "3.15.0", -1},
		{"v3.15.0-RC1", "3.15.0", -1},
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int c = 7, r;
		struct ia_err err = {0};

		r = vdb_vercmp(VDB_ECO_COMPOSER, v[i].a, v[i].b, &c, &err);
		if (r != 0 || c != v[i].want)
			fail_msg("%s vs %s: %d (r %d: %s), want %d", v[i].a, v[i].b, c, r, err.msg,
				 v[i].want);
		r = vdb_vercmp(VDB_ECO_COMPOSER, v[i].b, v[i].a, &c, &err);
		if (r != 0 || c != -v[i].want)
			fail_msg("%s vs %s: %d, want %d", v[i].b, v[i].a, c, -v[i].want);
	}
}

static void test_refused(void **state)
{
	static const struct {
		const char *v, *why;
	} bad[] = {
		{"dev-main", "a development branch"},
		{"1.x-dev", "a development version"},
		{"2.0.0-DEV", "a development version"},
		{"1.2.3.4.5", "more than four numbers"},
		{"abc", "no leading number"},
		{"1.0.0-foo", "'foo' is no stability Composer knows"},
		{"1.0.0~1", "unexpected '~'"},
	};
	enum vdb_eco e;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ia_err err = {0};

		assert_int_equal(
			vdb_version_check(VDB_ECO_COMPOSER, bad[i].v, strlen(bad[i].v), &err),
			-IA_ECORRUPT);
		if (!strstr(err.msg, bad[i].why))
			fail_msg("%s: '%s' does not say '%s'", bad[i].v, err.msg, bad[i].why);
	}
	assert_int_equal(vdb_eco_parse("packagist", &e), 0);
	assert_int_equal(e, VDB_ECO_COMPOSER);
	assert_string_equal(vdb_eco_name(VDB_ECO_COMPOSER), "composer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_refused),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
