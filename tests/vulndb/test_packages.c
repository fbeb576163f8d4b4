/* test_packages.c — unit tests of vulndb/packages: the real bookworm-security index in every
 * compression apt uses, malformed stanzas, limits and damaged compressed data */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "util/err.h"
#include "util/limits.h"
#include "vulndb/packages.h"

#define SECURITY_GZ "debian-apt/bookworm-security_main_amd64_Packages.gz"

static const struct vdb_apt_pkg *find(const struct vdb_apt_index *idx, const char *name)
{
	for (size_t i = 0; i < idx->n; i++)
		if (strcmp(idx->v[i].name, name) == 0)
			return &idx->v[i];
	return NULL;
}

/* The real index: every stanza kept (zcat | grep -c ^Package: says 3028), fields as written. */
static void check_security_index(const struct vdb_apt_index *idx)
{
	const struct vdb_apt_pkg *p;

	assert_int_equal(idx->n, 3028);
	assert_int_equal(idx->skipped, 0);
	assert_int_equal(idx->problems.len, 0);
	p = find(idx, "libapt-pkg6.0");
	assert_non_null(p);
	assert_string_equal(p->version, "2.6.2");
	assert_string_equal(p->arch, "amd64");
	assert_string_equal(p->source, "apt");
	assert_string_equal(p->source_version, "2.6.2");
	p = find(idx, "telnet");
	assert_non_null(p);
	assert_string_equal(p->source, "inetutils");
	assert_string_equal(p->source_version, "2:2.4-2+deb12u3");
	assert_string_not_equal(p->version, p->source_version);
	p = find(idx, "tzdata");
	assert_non_null(p);
	assert_string_equal(p->arch, "all");
	assert_string_equal(p->source, "tzdata");
}

static void test_real_gzip(void **state)
{
	struct vdb_apt_index idx;
	struct ia_err err = {0};
	char *path = t_data(SECURITY_GZ);

	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_read_file(&idx, path, &err), 0);
	assert_string_equal(idx.format, "gzip");
	check_security_index(&idx);
	vdb_apt_index_release(&idx);
	free(path);
}

/* The same index recompressed by each tool apt can store lists with (and plain). */
static void test_real_other_compressions(void **state)
{
	static const struct {
		const char *tool, *format;
	} z[] = {{"cat", "plain"}, {"xz", "xz"},        {"bzip2", "bzip2"},
		 {"lz4", "lz4"},   {"zstd -q", "zstd"}, {"xz --format=lzma", "lzma"}};
	char *dir = t_mkdtemp(), *gz = t_data(SECURITY_GZ);

	for (size_t i = 0; i < sizeof(z) / sizeof(z[0]); i++) {
		struct vdb_apt_index idx;
		struct ia_err err = {0};
		char out[4200];
		int fd;

		snprintf(out, sizeof(out), "%s/Packages.%zu", dir, i);
		T_REQUIRE(t_sh("command -v %s >/dev/null", z[i].tool) == 0,
			  "compression tool missing (scripts/setup.sh)");
		assert_int_equal(t_sh("zcat '%s' | %s > '%s'", gz, z[i].tool, out), 0);
		vdb_apt_index_init(&idx);
		fd = open(out, O_RDONLY);
		assert_true(fd >= 0);
		assert_int_equal(vdb_apt_index_read_fd(&idx, out, fd, &err), 0);
		close(fd);
		assert_string_equal(idx.format, z[i].format);
		check_security_index(&idx);
		vdb_apt_index_release(&idx);
	}
	t_rmtree(dir);
	free(dir);
	free(gz);
}

static const char *problem_at(const struct vdb_apt_index *idx, unsigned line)
{
	for (size_t i = 0; i < idx->problems.len; i++)
		if (idx->problems.v[i].line == line)
			return idx->problems.v[i].msg;
	return NULL;
}

/* Each bad stanza is skipped with a problem at its first line; the good ones around it stay. */
static void test_malformed_stanzas(void **state)
{
	static const char text[] =
		"Package: good1\nVersion: 1.0-1\nArchitecture: amd64\n"
		"Description: x\n long\n .\n more\n\n"                   /* 1 */
		"Package: nover\nArchitecture: amd64\n\n"                /* 9 */
		"Package: badver\nVersion: 1.0 2\nArchitecture: all\n\n" /* 12 */
		"Package: Upper\nVersion: 1\nArchitecture: all\n\n"      /* 16 */
		"Package: dup\nVersion: 1\nVersion: 2\nArchitecture: all\n\n"
		/* 20 */
		"Package: ctl\nVersion: 1\x01\nArchitecture: all\n\n" /* 25 */
		"Package: src\nVersion: 1\nArchitecture: all\nSource: a (b\n\n"
		/* 29 */
		" orphan\nPackage: cont\nVersion: 1\nArchitecture: all\n\n"   /* 34 */
		"Package: noarch\nVersion: 1\n\n"                             /* 39 */
		"Version: 1\nArchitecture: all\n\n"                           /* 42 */
		"Package: epochbad\nVersion: x:1\nArchitecture: all\n\n"      /* 45 */
		"junk line\nPackage: junk\nVersion: 1\nArchitecture: all\n\n" /* 49 */
		"Package: good2\nSource: s2 (2:3-4)\nVersion: 3-4+b1\n"
		"Architecture: all\n"; /* 54, no blank line at the end */
	struct vdb_apt_index idx;
	struct ia_err err = {0};

	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "t/Packages", text, sizeof(text) - 1, &err), 0);
	assert_int_equal(idx.n, 2);
	assert_string_equal(idx.v[0].name, "good1");
	assert_int_equal(idx.v[0].line, 1);
	assert_string_equal(idx.v[1].name, "good2");
	assert_string_equal(idx.v[1].source, "s2");
	assert_string_equal(idx.v[1].source_version, "2:3-4");
	assert_int_equal(idx.v[1].line, 54);
	assert_int_equal(idx.skipped, 11);
	assert_int_equal(idx.problems.len, 11);
	assert_non_null(strstr(problem_at(&idx, 9), "no Version field"));
	assert_non_null(strstr(problem_at(&idx, 12), "invalid version"));
	assert_non_null(strstr(problem_at(&idx, 16), "invalid package name \"Upper\""));
	assert_non_null(strstr(problem_at(&idx, 22), "duplicate field \"Version\""));
	assert_non_null(strstr(problem_at(&idx, 26), "control bytes"));
	assert_non_null(strstr(problem_at(&idx, 29), "invalid Source field"));
	assert_non_null(strstr(problem_at(&idx, 34), "continuation line without a field"));
	assert_non_null(strstr(problem_at(&idx, 39), "no Architecture field"));
	assert_non_null(strstr(problem_at(&idx, 42), "no Package field"));
	assert_non_null(strstr(problem_at(&idx, 45), "invalid version"));
	assert_non_null(strstr(problem_at(&idx, 49), "not a \"Field: value\" line"));
	assert_string_equal(idx.problems.v[0].path, "t/Packages");
	assert_string_equal(idx.problems.v[0].area, VDB_APT_AREA);
	vdb_apt_index_release(&idx);
}

/* A line over IA_MAX_LINE skips its stanza only. */
static void test_long_line(void **state)
{
	struct ia_buf b = IA_BUF_INIT(4u << 20);
	struct vdb_apt_index idx;
	struct ia_err err = {0};

	assert_int_equal(
		ia_buf_adds(&b, "Package: a\nVersion: 1\nArchitecture: all\nDescription: "), 0);
	for (size_t i = 0; i < IA_MAX_LINE + 10; i++)
		assert_int_equal(ia_buf_addc(&b, 'x'), 0);
	assert_int_equal(ia_buf_adds(&b, "\n\nPackage: b\nVersion: 2\nArchitecture: all\n\n"), 0);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "long", b.data, b.len, &err), 0);
	assert_int_equal(idx.n, 1);
	assert_string_equal(idx.v[0].name, "b");
	assert_int_equal(idx.skipped, 1);
	assert_non_null(strstr(idx.problems.v[0].msg, "IA_MAX_LINE"));
	vdb_apt_index_release(&idx);
	ia_buf_release(&b);
}

/* Garbage and empty input; a flood of bad stanzas keeps IA_MAX_FILE_PROBLEMS problems + 1. */
static void test_garbage(void **state)
{
	struct vdb_apt_index idx;
	struct ia_err err = {0};
	struct ia_buf b = IA_BUF_INIT(1 << 24);

	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "g",
					     "\x7f"
					     "ELF\x02\x01\n\nzz\n",
					     11, &err),
			 -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "not an apt Packages index"));
	assert_int_equal(idx.n, 0);
	vdb_apt_index_release(&idx);

	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "empty", "", 0, &err), 0);
	assert_int_equal(idx.n, 0);
	vdb_apt_index_release(&idx);

	for (int i = 0; i < 1000; i++)
		assert_int_equal(ia_buf_adds(&b, "Package: x\nVersion: -\nArchitecture: all\n\n"),
				 0);
	assert_int_equal(ia_buf_adds(&b, "Package: ok\nVersion: 1\nArchitecture: all\n"), 0);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "flood", b.data, b.len, &err), 0);
	assert_int_equal(idx.n, 1);
	assert_int_equal(idx.skipped, 1000);
	assert_int_equal(idx.problems.len, IA_MAX_FILE_PROBLEMS + 1);
	assert_non_null(strstr(idx.problems.v[IA_MAX_FILE_PROBLEMS].msg, "950 more problems"));
	vdb_apt_index_release(&idx);
	ia_buf_release(&b);
}

/* Past IA_MAX_APT_INDEX_PACKAGES stanzas: -IA_ETOOBIG naming the limit, the ones before kept. */
static void test_too_many_stanzas(void **state)
{
	struct ia_buf b = IA_BUF_INIT(64u << 20);
	struct vdb_apt_index idx;
	struct ia_err err = {0};

	for (unsigned i = 0; i <= IA_MAX_APT_INDEX_PACKAGES; i++)
		assert_int_equal(ia_buf_adds(&b, "Package: a\nVersion: 1\nArchitecture: all\n\n"),
				 0);
	vdb_apt_index_init(&idx);
	assert_int_equal(vdb_apt_index_parse(&idx, "many", b.data, b.len, &err), -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_APT_INDEX_PACKAGES"));
	assert_int_equal(idx.n, IA_MAX_APT_INDEX_PACKAGES);
	vdb_apt_index_release(&idx);
	ia_buf_release(&b);
}

/* Damaged compressed data is an error; a decompression past the bound stops there. */
static void test_damaged_and_bomb(void **state)
{
	char *path = t_data(SECURITY_GZ), *gz;
	size_t len;
	struct ia_buf out = IA_BUF_INIT(IA_MAX_APT_INDEX);
	struct ia_err err = {0};
	const char *fmt = NULL;

	gz = t_slurp(path, &len);
	assert_int_equal(vdb_apt_decompress("cut.gz", gz, len / 2, 0, &out, &fmt, &err),
			 -IA_ECORRUPT);
	assert_string_equal(fmt, "gzip");
	assert_string_equal(err.path, "cut.gz");
	assert_non_null(strstr(err.msg, "cannot decompress"));
	assert_int_equal(out.len, 0);
	/* the same bytes with a bound below their size */
	memset(&err, 0, sizeof(err));
	assert_int_equal(vdb_apt_decompress("small", gz, len, 100000, &out, NULL, &err),
			 -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_APT_INDEX"));
	assert_int_equal(out.len, 0);
	/* exactly its size is fine (zcat | wc -c) */
	assert_int_equal(vdb_apt_decompress("whole", gz, len, 0, &out, NULL, &err), 0);
	assert_true(out.len > 100000);
	size_t whole = out.len;
	assert_int_equal(vdb_apt_decompress("exact", gz, len, whole, &out, NULL, &err), 0);
	assert_int_equal(out.len, whole);
	assert_int_equal(vdb_apt_decompress("one less", gz, len, whole - 1, &out, NULL, &err),
			 -IA_ETOOBIG);
	ia_buf_release(&out);
	free(gz);
	free(path);
}

/* A callback's non-zero value stops the parse and is returned. */
static int stop_at_two(void *arg, const struct vdb_apt_pkg *p)
{
	return ++*(int *)arg == 2 ? 7 : 0;
}

static void test_callback_stops(void **state)
{
	static const char t[] = "Package: a\nVersion: 1\nArchitecture: all\n\n"
				"Package: b\nVersion: 1\nArchitecture: all\n\n"
				"Package: c\nVersion: 1\nArchitecture: all\n\n";
	int n = 0;

	assert_int_equal(
		vdb_apt_parse_text("t", t, sizeof(t) - 1, stop_at_two, &n, NULL, NULL, NULL), 7);
	assert_int_equal(n, 2);
	assert_int_equal(vdb_apt_parse_text("t", t, 3, NULL, NULL, NULL, NULL, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_gzip),
		cmocka_unit_test(test_real_other_compressions),
		cmocka_unit_test(test_malformed_stanzas),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_too_many_stanzas),
		cmocka_unit_test(test_damaged_and_bomb),
		cmocka_unit_test(test_callback_stops),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
