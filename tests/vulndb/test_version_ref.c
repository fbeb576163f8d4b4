/* test_version_ref.c — vulndb's dpkg and rpm comparators against dpkg and rpm themselves */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "vulndb/version.h"

/*
 * Usage: test_version_ref dpkg|rpm. Generates pairs of versions (a fixed seed,
 * or IA_VERCMP_SEED), mostly close to each other (one edit apart) so that
 * every rule is reached, asks the real tool for each verdict and fails at the
 * first pair where vulndb disagrees: `dpkg --compare-versions` (exit 2 when
 * dpkg refuses a version: vulndb must refuse it too), rpm's rpm.vercmp
 * through `rpm --eval` (one process for all pairs). Exits 77 (skipped) when
 * the tool cannot run here.
 */
#define PAIRS_DPKG 1500
#define PAIRS_RPM 20000

static const char *tool;
static uint64_t seed = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static const char *pick(const char *const *v, size_t n)
{
	return v[rnd() % n];
}

#define PICK(v) pick(v, sizeof(v) / sizeof((v)[0]))

static const char *const dpkg_epochs[] = {"", "", "", "", "1:", "0:", "2:", "00:", "10:", "+1:"};
static const char *const dpkg_first[] = {"0", "1", "2", "9", "10", "01", "1.0", "2:"};
static const char *const dpkg_up[] = {
	"0",    "1",  "2",  "9",   "10",   "01",      "00",     "123456789012345678901234567890",
	".",    ".",  "+",  "~",   "~~",   "a",       "b",      "z",
	"A",    "Z",  "rc", "bpo", "dfsg", "deb12u1", "ubuntu", "+git20240101",
	"~rc1", ".0", "-",  ":"};
static const char *const dpkg_rev[] = {
	"0", "1",  "2",       "10",    "01",  ".",        "+",
	"~", "a",  "deb12u1", "bpo11", "+b1", "~bpo12+1", "ubuntu0.22.04.1",
	"Z", "0.1"};
static const char *const dpkg_mut[] = {"",   "~",   "~1",       "+1", ".0", "0", "a",
				       "-1", "+b1", "~bpo12+1", "-0", "1:", "~~"};

static const char *const rpm_toks[] = {
	"0",   "1",    "2", "9", "10", "01",  "00",  "123456789012345678901234567890",
	".",   ".",    "_", "+", "~",  "^",   "-",   "a",
	"b",   "z",    "A", "Z", "rc", "git", "el7", "el7_9",
	"el8", "fc39", "α", "%", "1:", ":"};
static const char *const rpm_mut[] = {"",   "~",      "^",  "^git1", "~rc1", ".0", "0", "a",
				      "-1", "-1.el7", "_9", ".1",    "1:",   "0:", ":", "-"};

static void gen_dpkg(char *out, size_t size)
{
	int n = 1 + (int)(rnd() % 6);

	snprintf(out, size, "%s%s", PICK(dpkg_epochs), rnd() % 8 ? PICK(dpkg_first) : "");
	for (int i = 0; i < n; i++)
		strncat(out, PICK(dpkg_up), size - strlen(out) - 1);
	if (rnd() % 3) {
		strncat(out, "-", size - strlen(out) - 1);
		n = 1 + (int)(rnd() % 3);
		for (int i = 0; i < n; i++)
			strncat(out, PICK(dpkg_rev), size - strlen(out) - 1);
	}
}

static void gen_rpm(char *out, size_t size)
{
	int n = 1 + (int)(rnd() % 8);

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		strncat(out, PICK(rpm_toks), size - strlen(out) - 1);
}

/* b is a (mostly) one edit away from a: a suffix added, or a different random version. */
static void gen_pair(bool rpm, char *a, char *b, size_t size)
{
	(rpm ? gen_rpm : gen_dpkg)(a, size);
	switch (rnd() % 4) {
	case 0:
		(rpm ? gen_rpm : gen_dpkg)(b, size);
		break;
	case 1:
		snprintf(b, size, "%s", a);
		break;
	default:
		snprintf(b, size, "%s%s", a, rpm ? PICK(rpm_mut) : PICK(dpkg_mut));
		if (rnd() % 2 && strlen(b) > 1)
			b[rnd() % strlen(b)] = rpm ? *PICK(rpm_toks) : *PICK(dpkg_up);
	}
}

/* the pairs issue 9 names, and those scanners have got wrong */
static const char *const edges[][2] = {
	{"1:1.0", "1.0"},
	{"1:1.0", "2.0"},
	{"0:1.0", "1.0"},
	{"1.2.3~bpo11+1", "1.2.3"},
	{"2.36-9+deb12u4~bpo11+1", "2.36-9+deb12u4"},
	{"1.6-r0", "1.6_rc1-r0"},
	{"1.0-1.el7", "1.0-1.el7_9"},
	{"1.0^git1", "1.0"},
	{"1.0~rc1", "1.0"},
	{"1.0", "1.0-1"},
	{"1.0", "1.0-0"},
	{"1.0a", "1.0+"},
	{"1.0", "1.0."},
	{"1.999999999999999999999999", "1.1000000000000000000000000"},
	{"::", "1"},
	{"1::2", "1:1:2"},
	{"a:1", "1"},
	{"1:", "1"},
};

static void run(bool rpm)
{
	char *dir = t_mkdtemp(), in[4096], out[4096], *text, *save = NULL, *line;
	size_t pairs = rpm ? PAIRS_RPM : PAIRS_DPKG, total = 0, refused = 0;
	char(*a)[96] = calloc(pairs + 32, 96), (*b)[96] = calloc(pairs + 32, 96);
	FILE *f;

	assert_non_null(a);
	assert_non_null(b);
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++, total++) {
		snprintf(a[total], 96, "%s", edges[i][0]);
		snprintf(b[total], 96, "%s", edges[i][1]);
	}
	for (size_t i = 0; i < pairs; i++) {
		gen_pair(rpm, a[total], b[total], 96);
		/* dpkg reads a leading '-' as an option; rpm.vercmp refuses "" */
		if (a[total][0] == '-' || b[total][0] == '-' || !a[total][0] || !b[total][0])
			continue;
		total++;
	}
	snprintf(in, sizeof(in), "%s/pairs", dir);
	snprintf(out, sizeof(out), "%s/verdicts", dir);
	f = fopen(in, "w");
	assert_non_null(f);
	for (size_t i = 0; i < total; i++)
		fprintf(f, "%s\t%s\n", a[i], b[i]);
	fclose(f);
	if (rpm)
		assert_int_equal(
			t_sh("rpm --eval \"%%{lua: local o = io.open('%s', 'w'); "
			     "for l in io.lines('%s') do "
			     "local a, b = l:match('^([^\\t]*)\\t(.*)$'); "
			     "o:write(rpm.vercmp(a, b), '\\n') end; o:close()}\" >/dev/null",
			     out, in),
			0);
	else
		assert_int_equal(t_sh("bash -c 'while IFS=$(printf \"\\t\") read -r a b; do "
				      "dpkg --compare-versions \"$a\" lt \"$b\" 2>/dev/null; r=$?; "
				      "if [ $r = 0 ]; then echo -1; elif [ $r = 1 ]; then "
				      "dpkg --compare-versions \"$a\" eq \"$b\" 2>/dev/null && "
				      "echo 0 || echo 1; "
				      "else echo E; fi; done' < '%s' > '%s'",
				      in, out),
				 0);
	text = t_slurp(out, NULL);
	line = strtok_r(text, "\n", &save);
	for (size_t i = 0; i < total; i++, line = strtok_r(NULL, "\n", &save)) {
		struct ia_err err = {0};
		int c = 9, r;

		if (!line)
			fail_msg("%s gave %zu verdicts for %zu pairs", tool, i, total);
		r = vdb_vercmp(rpm ? VDB_ECO_RPM : VDB_ECO_DPKG, a[i], b[i], &c, &err);
		if (!strcmp(line, "E")) {
			if (r != -IA_ECORRUPT)
				fail_msg("dpkg refuses '%s' or '%s', vulndb compared them (%d)",
					 a[i], b[i], c);
			refused++;
			continue;
		}
		if (r != 0)
			fail_msg("%s compares '%s' and '%s' (%s), vulndb refused: %s", tool, a[i],
				 b[i], line, err.msg);
		if (c != atoi(line))
			fail_msg("'%s' vs '%s': %s says %s, vulndb %d (seed %llu)", a[i], b[i],
				 tool, line, c, (unsigned long long)seed);
	}
	print_message("%s: %zu pairs agree with %s (%zu refused by both)\n", rpm ? "rpm" : "dpkg",
		      total, tool, refused);
	assert_true(total - refused > pairs / 2);
	free(text);
	free(a);
	free(b);
	t_rmtree(dir);
	free(dir);
}

static void test_against_tool(void **state)
{
	run(!strcmp(tool, "rpm"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_against_tool)};
	const char *s = getenv("IA_VERCMP_SEED");

	if (argc != 2 || (strcmp(argv[1], "dpkg") && strcmp(argv[1], "rpm"))) {
		fprintf(stderr, "usage: test_version_ref dpkg|rpm\n");
		return 2;
	}
	tool = argv[1];
	if (s)
		seed = strtoull(s, NULL, 0) | 1;
	if (!strcmp(tool, "rpm") && system("rpm --eval '%{lua: print(rpm.vercmp(\"1\", \"2\"))}' "
					   "2>/dev/null | grep -qx -- -1") != 0) {
		printf("skipped: rpm cannot run here (package rpm, scripts/setup.sh)\n");
		return 77;
	}
	if (!strcmp(tool, "dpkg") && system("dpkg --compare-versions 1 lt 2 2>/dev/null") != 0) {
		printf("skipped: dpkg cannot run here\n");
		return 77;
	}
	return T_RUN_GROUP(tests, NULL, NULL);
}
