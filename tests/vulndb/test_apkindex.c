/* test_apkindex.c — unit tests of vulndb/apkindex: APKINDEX stanzas and APKINDEX.tar.gz as
 * abuild packs it, hostile ones */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/limits.h"
#include "vulndb/apkindex.h"

/* The stanzas: the good ones kept (origin defaulting to the name), each bad one a problem at
 * its first line; a text with no valid stanza is no APKINDEX. */
static void test_text(void **state)
{
	const char *t = "C:Q1abc=\nP:zlib\nV:1.2.13-r1\nA:x86_64\nT:compression\n\n"
			"P:musl\nV:1.2.4-r0\nA:x86_64\no:musl\n\n"
			"P:bad\nV:1.0_rc1x\nA:x86_64\n\n"
			"P:dup\nV:1-r0\nV:2-r0\nA:x86_64\n\n"
			"P:ctl\nV:1-r0\nA:x86\x01_64\n\n"
			"garbage line\nP:x\n\n"
			"P:noarch-pkg\nV:2-r0\nA:noarch\n";
	struct vdb_apk_index idx;
	struct ia_err err = {0};

	vdb_apk_index_init(&idx);
	assert_int_equal(vdb_apk_index_parse_text(&idx, "t", t, strlen(t), &err), 0);
	assert_int_equal(idx.n, 3);
	assert_string_equal(idx.v[0].name, "zlib");
	assert_string_equal(idx.v[0].origin, "zlib");
	assert_int_equal(idx.v[0].line, 1);
	assert_string_equal(idx.v[1].version, "1.2.4-r0");
	assert_string_equal(idx.v[2].arch, "noarch");
	assert_int_equal(idx.problems.len, 4);
	assert_int_equal(idx.problems.v[0].line, 12);
	assert_non_null(strstr(idx.problems.v[0].msg, "invalid or no V:"));
	assert_non_null(strstr(idx.problems.v[1].msg, "duplicate V:"));
	assert_non_null(strstr(idx.problems.v[2].msg, "control bytes"));
	assert_non_null(strstr(idx.problems.v[3].msg, "not an \"X:value\" line"));
	assert_int_equal(vdb_apk_index_parse_text(&idx, "t", "hello\n", 6, &err), -IA_ECORRUPT);
	vdb_apk_index_release(&idx);
}

/* Packs dir's files (names in order) as one gzip tar member into out (appending). */
static void pack(const char *dir, const char *names, const char *out, bool cut)
{
	assert_int_equal(t_sh("cd '%s' && tar --format=ustar -b1 -cf - %s | %s gzip -n >> '%s'",
			      dir, names, cut ? "head -c -1024 |" : "", out),
			 0);
}

/* abuild's form (signature member, then the index member) and an unsigned one; what is not a
 * gzip tar, has no APKINDEX, too many entries or an entry past IA_MAX_APKINDEX. */
static void test_archive(void **state)
{
	char *dir = t_mkdtemp(), *out, *data;
	struct vdb_apk_index idx;
	struct ia_err err = {0};
	size_t len;

	assert_true(asprintf(&out, "%s/APKINDEX.tar.gz", dir) > 0);
	t_write(dir, ".SIGN.RSA.k.rsa.pub", "sig", 0644);
	t_write(dir, "DESCRIPTION", "v3.18.4-1-gtest\n", 0644);
	t_write(dir, "APKINDEX", "P:zlib\nV:1.2.13-r1\nA:x86_64\n\n", 0644);
	pack(dir, ".SIGN.RSA.k.rsa.pub", out, true);
	pack(dir, "DESCRIPTION APKINDEX", out, false);
	vdb_apk_index_init(&idx);
	assert_int_equal(vdb_apk_index_read_file(&idx, out, &err), 0);
	assert_int_equal(idx.n, 1);
	assert_int_equal(idx.n_indexes, 1);
	assert_false(idx.unsigned_);
	assert_string_equal(idx.description, "v3.18.4-1-gtest");
	unlink(out);
	pack(dir, "APKINDEX", out, false);
	assert_int_equal(vdb_apk_index_read_file(&idx, out, &err), 0);
	assert_true(idx.unsigned_);
	assert_int_equal(idx.n, 2);
	/* not gzip, no APKINDEX entry */
	assert_true(vdb_apk_index_parse(&idx, "x", "P:zlib\n", 7, &err) < 0);
	unlink(out);
	pack(dir, "DESCRIPTION", out, false);
	data = t_slurp(out, &len);
	assert_int_equal(vdb_apk_index_parse(&idx, "x", data, len, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "no APKINDEX entry"));
	free(data);
	/* more than IA_MAX_APKINDEX_ENTRIES entries */
	unlink(out);
	assert_int_equal(t_sh("cd '%s' && mkdir m && cd m && for i in $(seq 1 %u); do : > f$i; "
			      "done && tar -czf '%s' .",
			      dir, (unsigned)IA_MAX_APKINDEX_ENTRIES + 1, out),
			 0);
	assert_int_equal(vdb_apk_index_read_file(&idx, out, &err), -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_APKINDEX_ENTRIES"));
	/* an entry past IA_MAX_APKINDEX is refused from its header, not inflated */
	unlink(out);
	assert_int_equal(t_sh("cd '%s' && truncate -s %u big && tar -czf '%s' big APKINDEX", dir,
			      (unsigned)IA_MAX_APKINDEX + 1, out),
			 0);
	assert_int_equal(vdb_apk_index_read_file(&idx, out, &err), -IA_ETOOBIG);
	assert_int_equal(idx.n, 2);
	vdb_apk_index_release(&idx);
	t_rmtree(dir);
	free(dir);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_archive),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
