/* test_apk.c — apk installed database: real samples, checksums, hostile entries */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "facts/facts.h"
#include "util/buf.h"
#include "util/limits.h"

static size_t count_lines_with(const char *data, const char *prefix)
{
	size_t n = 0, pl = strlen(prefix);

	for (const char *p = data; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		n += strncmp(p, prefix, pl) == 0;
	return n;
}

static unsigned line_of(const char *data, const char *needle)
{
	const char *hit = strstr(data, needle);
	unsigned line = 1;

	assert_non_null(hit);
	for (const char *p = data; p < hit; p++)
		line += *p == '\n';
	return line;
}

static void check_sample(const char *file, size_t want_pkgs, bool want_problem)
{
	char *path = t_data(file);
	size_t len, sha1 = 0;
	char *data = t_slurp(path, &len);
	struct inv_facts f;

	inv_facts_init(&f);
	int r = inv_apk_parse_installed(&f, "/lib/apk/db/installed", data, len);
	assert_int_equal(r, want_problem ? -IA_ECORRUPT : 0);
	assert_int_equal(f.n_pkgs, want_pkgs);
	/* every Z: line became the SHA1 of a file, in hex */
	for (size_t i = 0; i < f.n_files; i++)
		if (f.files[i].algo == INV_DIGEST_SHA1) {
			assert_int_equal(strlen(f.files[i].digest), 40);
			sha1++;
		}
	assert_int_equal(sha1, count_lines_with(data, "Z:Q1"));
	/* every package has a version and its origin as source */
	for (size_t i = 0; i < f.n_pkgs; i++) {
		assert_true(f.pkgs[i].version[0] != '\0');
		assert_true(f.pkgs[i].source[0] != '\0');
		assert_int_equal(f.pkgs[i].db, INV_DB_APK);
	}
	if (want_problem) {
		assert_int_equal(f.problems.len, 1);
		assert_string_equal(f.problems.v[0].area, "packages (apk)");
		assert_int_equal(f.problems.v[0].line,
				 line_of(data, "P:invalidPackageWithoutAVersion"));
	}
	inv_facts_release(&f);
	free(data);
	free(path);
}

/* tests/data/README.md: osv-scalibr 15 packages; trivy 16 entries, one without V:. */
static void test_osv_scalibr_sample(void **state)
{
	check_sample("alpine/apk-installed/osv-scalibr_installed", 15, false);
}

static void test_trivy_sample_invalid_entry(void **state)
{
	check_sample("alpine/apk-installed/trivy_installed", 15, true);
}

static void test_fields_files_and_checksum(void **state)
{
	unsigned char sha[SHA_DIGEST_LENGTH];
	unsigned char b64[64];
	char hex[41], text[1024];
	const struct inv_pkg *p;
	const struct inv_file *fl;
	struct inv_facts f;

	SHA1((const unsigned char *)"hello\n", 6, sha);
	EVP_EncodeBlock(b64, sha, sizeof(sha));
	for (size_t i = 0; i < sizeof(sha); i++)
		snprintf(hex + 2 * i, 3, "%02x", sha[i]);
	snprintf(text, sizeof(text),
		 "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl-src\nm:Someone <s@x>\nt:1683642107\n"
		 "F:etc\nR:motd\na:0:0:640\nZ:Q1%s\nF:usr/bin\nR:ldd\n\n",
		 b64);
	inv_facts_init(&f);
	assert_int_equal(inv_apk_parse_installed(&f, "/lib/apk/db/installed", text, strlen(text)),
			 0);
	p = inv_pkg_find(&f, "musl");
	assert_non_null(p);
	assert_string_equal(p->version, "1.2.4-r2");
	assert_string_equal(p->arch, "x86_64");
	assert_string_equal(p->source, "musl-src");
	assert_string_equal(p->source_version, "1.2.4-r2");
	assert_string_equal(p->vendor, "Someone <s@x>");
	assert_int_equal(p->build_time, 1683642107);
	fl = inv_file_find(&f, "/etc/motd");
	assert_non_null(fl);
	assert_string_equal(fl->digest, hex);
	assert_int_equal(fl->mode, 0640);
	assert_ptr_equal(inv_owner(&f, "/usr/bin/ldd"), p);
	assert_ptr_equal(inv_owner(&f, "/etc"), p);
	assert_null(inv_owner(&f, "/etc/passwd"));
	inv_facts_release(&f);
}

static void test_hostile_entries(void **state)
{
	const char text[] = "V:1.0\n" /* 1: no P */
			    "\n"
			    "P:ok\nV:1\nF:etc\nR:x\nZ:Q1notbase64!!\n" /* 3..7: bad checksum */
			    "\n"
			    "P:ctl\nV:1\x1b\n" /* 9 */
			    "\n"
			    "P:zfirst\nV:2\nZ:Q1AAAA\n" /* 12..14: Z without file */
			    "\n"
			    "garbage line\n" /* 16 */
			    "\n";
	struct inv_facts f;
	unsigned lines = 0;

	inv_facts_init(&f);
	assert_int_equal(
		inv_apk_parse_installed(&f, "/lib/apk/db/installed", text, sizeof(text) - 1),
		-IA_ECORRUPT);
	for (size_t i = 0; i < f.problems.len; i++)
		lines |= 1u << f.problems.v[i].line;
	assert_true(lines & (1u << 1));
	assert_true(lines & (1u << 7));
	assert_true(lines & (1u << 10));
	assert_true(lines & (1u << 14));
	assert_true(lines & (1u << 16));
	assert_non_null(inv_pkg_find(&f, "ok"));
	assert_null(inv_file_find(&f, "/etc/x")->digest);
	assert_non_null(inv_pkg_find(&f, "zfirst"));
	inv_facts_release(&f);
}

static void test_garbage_is_a_problem(void **state)
{
	char *data = malloc(1 << 20);
	struct inv_facts f;
	uint32_t x = 12345;

	for (size_t i = 0; i < (1 << 20); i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (char)(x >> 24);
	}
	inv_facts_init(&f);
	assert_int_equal(inv_apk_parse_installed(&f, "/lib/apk/db/installed", data, 1 << 20),
			 -IA_ECORRUPT);
	assert_true(f.problems.len >= 1 && f.problems.len <= IA_MAX_FILE_PROBLEMS + 2);
	inv_facts_release(&f);
	free(data);

	inv_facts_init(&f);
	assert_int_equal(inv_apk_parse_installed(&f, "/lib/apk/db/installed", "", 0), 0);
	assert_int_equal(f.problems.len, 0);
	inv_facts_release(&f);
}

/* Regression (review): one "F:" line of a 4,000-byte directory then "R:x" lines cost 4 KB of
 * path each: 1 MB of database made 1 GB of paths. Paths now stop at IA_MAX_PKG_PATH_BYTES. */
static void test_path_bytes_bounded(void **state)
{
	struct ia_buf b = IA_BUF_INIT(4u << 20);
	struct inv_facts f;
	size_t lines = IA_MAX_PKG_PATH_BYTES / 4000 + 1000;
	int r;

	assert_int_equal(ia_buf_adds(&b, "P:big\nV:1-r0\nF:"), 0);
	for (int i = 0; i < 4000; i++)
		assert_int_equal(ia_buf_addc(&b, 'd'), 0);
	assert_int_equal(ia_buf_addc(&b, '\n'), 0);
	for (size_t i = 0; i < lines; i++)
		assert_int_equal(ia_buf_adds(&b, "R:x\n"), 0);
	assert_int_equal(ia_buf_adds(&b, "\n"), 0);
	inv_facts_init(&f);
	r = inv_apk_parse_installed(&f, "/lib/apk/db/installed", b.data, b.len);
	(void)r;
	assert_int_equal(f.n_pkgs, 1);
	assert_true(f.paths_limit_hit);
	assert_true(f.n_files < lines);
	assert_true(f.path_bytes <= IA_MAX_PKG_PATH_BYTES);
	assert_int_equal(f.problems.len, 1);
	assert_non_null(strstr(f.problems.v[0].msg, "IA_MAX_PKG_PATH_BYTES"));
	inv_facts_release(&f);
	ia_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osv_scalibr_sample),
		cmocka_unit_test(test_trivy_sample_invalid_entry),
		cmocka_unit_test(test_fields_files_and_checksum),
		cmocka_unit_test(test_hostile_entries),
		cmocka_unit_test(test_garbage_is_a_problem),
		cmocka_unit_test(test_path_bytes_bounded),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
