/* test_version.c — unit tests of vulndb/version: every vector file, reported edge cases, hostile
 * input */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/limits.h"
#include "vectors.h"
#include "vulndb/version.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct edge {
	const char *a, *b;
	int want;
};

static void run_edges(enum vdb_eco eco, const struct edge *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char where[64];

		snprintf(where, sizeof(where), "%s edge %zu", vdb_eco_name(eco), i);
		t_expect_cmp(eco, e[i].a, e[i].b, e[i].want, where);
	}
}

/* Refused with -IA_ECORRUPT and a message naming the ecosystem and holding reason. */
static void expect_bad(enum vdb_eco eco, const char *v, const char *reason)
{
	struct ia_err err = {0};
	int c = 42;

	assert_int_equal(vdb_vercmp(eco, v, "1", &c, &err), -IA_ECORRUPT);
	assert_int_equal(c, 42); /* untouched on failure */
	if (!strstr(err.msg, reason) ||
	    strncmp(err.msg, vdb_eco_name(eco), strlen(vdb_eco_name(eco))))
		fail_msg("%s '%s': message '%s' lacks '%s'", vdb_eco_name(eco), v, err.msg, reason);
	/* the same from the other side */
	assert_int_equal(vdb_vercmp(eco, "1", v, &c, NULL), -IA_ECORRUPT);
}

static void test_eco_names(void **state)
{
	enum vdb_eco e;

	for (int i = 0; i < VDB_ECO_COUNT; i++) {
		assert_int_equal(vdb_eco_parse(vdb_eco_name((enum vdb_eco)i), &e), 0);
		assert_int_equal(e, i);
	}
	assert_int_equal(vdb_eco_parse("npm", &e), 0);
	assert_int_equal(e, VDB_ECO_SEMVER);
	assert_int_equal(vdb_eco_parse("pypi", &e), 0);
	assert_int_equal(e, VDB_ECO_PEP440);
	assert_int_equal(vdb_eco_parse("deb", &e), 0);
	assert_int_equal(e, VDB_ECO_DPKG);
	e = VDB_ECO_MAVEN;
	assert_int_equal(vdb_eco_parse("cargo", &e), -EINVAL);
	assert_int_equal(vdb_eco_parse("", &e), -EINVAL);
	assert_int_equal(e, VDB_ECO_MAVEN);
	assert_string_equal(vdb_eco_name(VDB_ECO_COUNT), "?");
	assert_string_equal(vdb_eco_name(VDB_ECO_APK), "apk");
}

/* 617 pairs of real Debian versions with the verdict of dpkg 1.21.22 */
static void test_dpkg_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_DPKG, "version-compare/dpkg_compare_versions.tsv", &c);
	print_message("dpkg: %u pairs\n", c.cmp);
	assert_int_equal(c.cmp, 617);
}

/* rpm's own rpmvercmp.at cases (through claircore) */
static void test_rpm_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_RPM, "version-compare/claircore_rpmvercmp.txt", &c);
	print_message("rpm: %u pairs\n", c.cmp);
	assert_int_equal(c.cmp, 113);
}

/* apk-tools' own test data: comparisons, fuzzy constraints, validity */
static void test_apk_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_APK, "version-compare/apk-tools_version.data", &c);
	print_message("apk: %u comparisons, %u fuzzy, %u valid, %u invalid\n", c.cmp, c.fuzzy,
		      c.valid, c.invalid);
	assert_int_equal(c.cmp, 738);
	assert_int_equal(c.fuzzy, 16);
	assert_int_equal(c.valid, 6);
	assert_int_equal(c.invalid, 25);
}

static void test_semver_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_SEMVER, "version-compare/imgaudit_semver.txt", &c);
	print_message("semver: %u pairs, %u valid, %u invalid\n", c.cmp, c.valid, c.invalid);
	assert_true(c.cmp >= 700);
	assert_true(c.invalid >= 25);
}

static void test_pep440_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_PEP440, "version-compare/imgaudit_pep440.txt", &c);
	print_message("pep440: %u pairs, %u valid, %u invalid\n", c.cmp, c.valid, c.invalid);
	assert_true(c.cmp >= 1000);
	assert_true(c.invalid >= 25);
}

static void test_maven_vectors(void **state)
{
	struct t_vec_count c;

	t_run_vectors(VDB_ECO_MAVEN, "version-compare/imgaudit_maven.txt", &c);
	print_message("maven: %u pairs\n", c.cmp);
	assert_true(c.cmp >= 600);
}

/* The cases scanners have got wrong, each checked with dpkg 1.21.22 */
static void test_dpkg_edges(void **state)
{
	static const struct edge e[] = {
		{"1:1.0", "2.0", 1},            /* an epoch beats any upstream */
		{"0:1.0", "1.0", 0},            /* epoch 0 is no epoch */
		{"00:1.0-1", "1.0-1", 0},       /* epochs by value */
		{"+1:2", "1:2", 0},             /* dpkg reads the epoch with strtol */
		{"1.2.3~bpo11+1", "1.2.3", -1}, /* backports sort before the release */
		{"7.4.33-1~bpo11+1", "7.4.33-1", -1},
		{"2.36-9+deb12u4", "2.36-9+deb12u10", -1},
		{"1.0~~", "1.0~~a", -1}, /* Debian policy 5.6.12 */
		{"1.0~~a", "1.0~", -1},
		{"1.0~", "1.0", -1},
		{"1.0", "1.0a", -1},
		{"1.0a", "1.0+", -1}, /* letters before other characters */
		{"1.0+", "1.0.", -1},
		{"1.0-1", "1.0", 1},
		{"1.0", "1.0-0", 0}, /* no revision is revision "0" */
		{"1.0+dfsg-1", "1.0-1", 1},
		{"1.0-1-1", "1.0-1", 1}, /* the revision follows the last '-' */
		{"1:2:3-4", "1:2:3-5", -1},
		{"1.000000000000000000000000000001", "1.1", 0}, /* digit runs of any length */
		{"1.99999999999999999999999", "1.100000000000000000000000", -1},
		{"2147483647:1", "2147483646:9", 1},
		{" 1.0 ", "1.0", 0}, /* dpkg trims spaces */
		{"v1.0", "1.0", 1},  /* dpkg only warns about a non-digit start */
	};

	run_edges(VDB_ECO_DPKG, e, N(e));
	expect_bad(VDB_ECO_DPKG, "::", "epoch in version is empty");
	expect_bad(VDB_ECO_DPKG, ":1", "epoch in version is empty");
	expect_bad(VDB_ECO_DPKG, "a:1", "epoch in version is empty");
	expect_bad(VDB_ECO_DPKG, "1a:1", "epoch in version is not number");
	expect_bad(VDB_ECO_DPKG, "1:", "nothing after colon");
	expect_bad(VDB_ECO_DPKG, "-1:2", "epoch in version is negative");
	expect_bad(VDB_ECO_DPKG, "2147483648:1", "epoch in version is too big");
	expect_bad(VDB_ECO_DPKG, "99999999999999999999999:1", "epoch in version is too big");
	expect_bad(VDB_ECO_DPKG, "1.0-", "revision number is empty");
	expect_bad(VDB_ECO_DPKG, "-1", "version number is empty");
	expect_bad(VDB_ECO_DPKG, "1:-1", "version number is empty");
	expect_bad(VDB_ECO_DPKG, "1.0 beta", "embedded spaces");
	expect_bad(VDB_ECO_DPKG, "   ", "version string is empty");
}

/* checked with rpm 4.18's rpm.vercmp */
static void test_rpm_edges(void **state)
{
	static const struct edge e[] = {
		{"1:1.0-1", "2.0-1", 1},
		{"0:1.0-1", "1.0-1", 0},  /* a missing epoch is 0 */
		{"1:1.0-1", "1.0-1", 1},  /* ... on either side */
		{":1.0-1", "0:1.0-1", 0}, /* an empty epoch too */
		{"01:1.0", "1:1.0", 0},
		{"1.0-1.el7", "1.0-1.el7_9", -1},
		{"3.10.0-1160.el7", "3.10.0-1160.2.1.el7", -1},
		{"1.0-1.el8", "1.0-1.el8_4", -1},
		{"1.0^git1", "1.0", 1},
		{"1.0^git1", "1.0.1", -1},
		{"1.0~rc1", "1.0", -1},
		{"1.0~rc1^git1", "1.0~rc1", 1},
		{"1.0", "1.0-1", -1}, /* a missing release is older (rpmverCmp) */
		{"1.0-", "1.0", 1},   /* an empty release is still a release */
		{"1.0a", "1.0", 1},
		{"1.0", "1.0.0", -1},
		{"1.0", "1_0", 0},
		{"1.1.α", "1.1.β", 0}, /* non-ASCII bytes only separate */
		{"1.99999999999999999999999", "1.100000000000000000000000", -1},
		{"2:1.0", "10:0.1", -1},
		{"a:1", "1", -1}, /* not an epoch: the version "a:1" */
	};

	run_edges(VDB_ECO_RPM, e, N(e));
}

static void test_apk_edges(void **state)
{
	static const struct edge e[] = {
		{"1.6-r0", "1.6_rc1-r0", 1},
		{"1.6_rc1-r0", "1.6_rc1-r1", -1},
		{"1.6_alpha", "1.6_beta", -1},
		{"1.6_beta", "1.6_pre", -1},
		{"1.6_pre", "1.6_rc", -1},
		{"1.6_rc", "1.6", -1},
		{"1.6", "1.6-r1", -1},
		{"1.6-r1", "1.6_cvs", -1},
		{"1.6_cvs", "1.6_svn", -1},
		{"1.6_svn", "1.6_git", -1},
		{"1.6_git", "1.6_hg", -1},
		{"1.6_hg", "1.6_p", -1},
		{"1.6_p", "1.6a", -1},
		{"1.6a", "1.6.1", -1},
		{"1.6_git20240101", "1.6_git20240102", -1},
		{"1.2.01", "1.2.1", -1}, /* a leading zero after '.' compares as a string */
		{"1.2.10", "1.2.9", 1},
		{"0.1_pre2~1234abcd", "0.1_pre2", 1},
		{"1.99999999999999999999999", "1.100000000000000000000000", -1},
		{"3.6.9", "3.6", 1},
	};

	char big[IA_MAX_VERSION + 1];
	int c;

	run_edges(VDB_ECO_APK, e, N(e));
	expect_bad(VDB_ECO_APK, "1.6_rc1x", "a letter may only follow a number");
	expect_bad(VDB_ECO_APK, "1.6_foo1", "unknown suffix '_foo'");
	expect_bad(VDB_ECO_APK, "1.6-r", "no digit after '-r'");
	expect_bad(VDB_ECO_APK, "1.6-1", "'-' not followed by 'r'");
	expect_bad(VDB_ECO_APK, "v1.6", "does not start with a digit");
	expect_bad(VDB_ECO_APK, "1.6 ", "unexpected character");
	/* apk's fuzzy match: 3.6.9 matches ~3.6, 3.7 does not */
	assert_int_equal(vdb_apk_compare("3.6.9", 5, "3.6", 3, true, &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(vdb_apk_compare("3.7", 3, "3.6", 3, true, &c), 0);
	assert_int_equal(c, 1);
	assert_int_equal(vdb_apk_compare("3.6.9", 5, "3.6", 3, false, &c), 0);
	assert_int_equal(c, 1);
	/* apk orders invalid versions too (an invalid token before any other); never past the
	 * limit */
	assert_int_equal(vdb_apk_compare("1.0bc", 5, "1.0", 3, false, &c), 0);
	assert_int_equal(c, 1); /* the letter 'b' decides before the invalid 'c' is reached */
	assert_int_equal(vdb_apk_compare("1.0_foo", 7, "1.0", 3, false, &c), 0);
	assert_int_equal(c, -1);
	memset(big, '1', sizeof(big));
	c = 5;
	assert_int_equal(vdb_apk_compare(big, sizeof(big), "1", 1, false, &c), -IA_ETOOBIG);
	assert_int_equal(vdb_apk_compare("1", 1, big, sizeof(big), true, &c), -IA_ETOOBIG);
	assert_int_equal(c, 5);
	assert_int_equal(vdb_apk_compare(NULL, 0, "1", 1, false, &c), -EINVAL);
}

static void test_semver_edges(void **state)
{
	static const struct edge e[] = {
		{" 1.2.3 ", "1.2.3", 0},
		{"= 1.2.3", "1.2.3", 0}, /* as npm's semver.clean */
		{"v1.2.3-rc.1", "1.2.3-rc.2", -1},
		{"1.2.3-rc.1+b.2", "1.2.3-rc.1+b.1", 0},
	};

	run_edges(VDB_ECO_SEMVER, e, N(e));
	expect_bad(VDB_ECO_SEMVER, "1.2", "no '.' after the minor version number");
	expect_bad(VDB_ECO_SEMVER, "01.2.3", "major version number with a leading zero");
	expect_bad(VDB_ECO_SEMVER, "1.2.3-01", "leading zero");
	expect_bad(VDB_ECO_SEMVER, "1.2.3 x", "after the version");
	expect_bad(VDB_ECO_SEMVER, "9007199254740992.0.0", "above 2^53-1");
}

static void test_pep440_edges(void **state)
{
	static const struct edge e[] = {
		{" 1.0a1 ", "1.0a1", 0},
		{"1.0.DEV1", "1.0a1", -1},
		{"1.0+LOCAL", "1.0+local", 0},
		{"1!0.1", "2.0", 1},
	};

	run_edges(VDB_ECO_PEP440, e, N(e));
	expect_bad(VDB_ECO_PEP440, "1.0+", "bad local version label");
	expect_bad(VDB_ECO_PEP440, "1.0 a1", "unexpected byte 0x20 at offset 3");
	expect_bad(VDB_ECO_PEP440, "latest", "no release number");
}

static void test_maven_edges(void **state)
{
	static const struct edge e[] = {
		{"1-ga-1", "1-1", -1}, /* Maven 3.8 keeps the list; its documentation says equal */
		{"1.0.0000000000", "1", 0},
		{"1.0000000001", "1.2147483648", -1},
		{"1.999999999.1", "1.0000000000.1", -1}, /* Java's classes: 10 zeros are a Long */
		/* Maven 3.8.7's order is not transitive (found by fuzz/vulndb): a cycle */
		{"1", "1.0.0-0.0.0.0-alpha.1", 1},
		{"1.0.0-0.0.0.0-alpha.1", "1.0#.0-0.0", 1},
		{"1.0#.0-0.0", "1", 1},
	};

	run_edges(VDB_ECO_MAVEN, e, N(e));
	expect_bad(VDB_ECO_MAVEN, "1.0-β", "non-ASCII byte 0xce");
}

/* Every ecosystem refuses the same hostile input the same way. */
static void test_malformed(void **state)
{
	static const char *const long_ok[VDB_ECO_COUNT] = {"1", "1", "1", NULL, "1", "1"};
	char big[IA_MAX_VERSION + 2];
	struct ia_err err;
	int c = 7;

	for (int i = 0; i < VDB_ECO_COUNT; i++) {
		enum vdb_eco eco = (enum vdb_eco)i;
		char a[IA_MAX_VERSION + 1], b[IA_MAX_VERSION + 1];

		/* empty */
		memset(&err, 0, sizeof(err));
		assert_int_equal(vdb_vercmp(eco, "", "1.0.0", &c, &err), -IA_ECORRUPT);
		assert_non_null(strstr(err.msg, "is empty"));
		/* over-long by one byte */
		memset(big, '1', sizeof(big));
		big[IA_MAX_VERSION + 1] = '\0';
		assert_int_equal(vdb_vercmp(eco, big, "1.0.0", &c, &err), -IA_ETOOBIG);
		assert_non_null(strstr(err.msg, "IA_MAX_VERSION"));
		assert_int_equal(vdb_version_check(eco, big, SIZE_MAX, &err), -IA_ETOOBIG);
		/* NUL inside */
		assert_int_equal(vdb_vercmp_n(eco, "1\0.0", 4, "1.0.0", 5, &c, &err), -IA_ECORRUPT);
		assert_non_null(strstr(err.msg, "NUL byte at offset 1"));
		/* control bytes, shown escaped */
		assert_int_equal(vdb_vercmp(eco, "1.0.0\x1b[31m", "1.0.0", &c, &err), -IA_ECORRUPT);
		assert_non_null(strstr(err.msg, "control byte 0x1b at offset 5"));
		assert_non_null(strstr(err.msg, "'1.0.0\\x1b[31m'"));
		assert_null(strchr(err.msg, 0x1b));
		assert_int_equal(vdb_vercmp(eco, "1.0.0\n", "1.0.0", &c, &err), -IA_ECORRUPT);
		assert_int_equal(vdb_vercmp(eco, "1.0.0", "\x7f", &c, &err), -IA_ECORRUPT);
		assert_int_equal(c, 7);
		/* bad arguments */
		assert_int_equal(vdb_vercmp(eco, NULL, "1", &c, &err), -EINVAL);
		assert_int_equal(vdb_vercmp(eco, "1.0.0", "1.0.0", NULL, &err), -EINVAL);
		/* exactly IA_MAX_VERSION bytes is fine; huge digit runs compare by value */
		if (long_ok[i]) {
			memset(a, '9', IA_MAX_VERSION);
			a[IA_MAX_VERSION] = '\0';
			memset(b, '0', IA_MAX_VERSION);
			b[0] = '1';
			b[IA_MAX_VERSION] = '\0';
			a[IA_MAX_VERSION - 1] = '\0'; /* 255 nines < 1 and 255 zeros */
			t_expect_cmp(eco, a, b, -1, vdb_eco_name(eco));
		}
	}
	assert_int_equal(vdb_vercmp(VDB_ECO_COUNT, "1", "1", &c, &err), -EINVAL);
	assert_int_equal(vdb_vercmp((enum vdb_eco) - 1, "1", "1", &c, NULL), -EINVAL);
	t_expect_cmp(VDB_ECO_SEMVER, "1.0.0-99999999999999999999999999999999999999",
		     "1.0.0-100000000000000000000000000000000000000", -1, "semver digits");
	/* a long message is cut, not overflowed */
	memset(big, 'x', IA_MAX_VERSION);
	big[IA_MAX_VERSION] = '\0';
	assert_int_equal(vdb_vercmp(VDB_ECO_APK, big, "1", &c, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "..."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eco_names),      cmocka_unit_test(test_dpkg_vectors),
		cmocka_unit_test(test_rpm_vectors),    cmocka_unit_test(test_apk_vectors),
		cmocka_unit_test(test_semver_vectors), cmocka_unit_test(test_pep440_vectors),
		cmocka_unit_test(test_maven_vectors),  cmocka_unit_test(test_dpkg_edges),
		cmocka_unit_test(test_rpm_edges),      cmocka_unit_test(test_apk_edges),
		cmocka_unit_test(test_semver_edges),   cmocka_unit_test(test_pep440_edges),
		cmocka_unit_test(test_maven_edges),    cmocka_unit_test(test_malformed),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
