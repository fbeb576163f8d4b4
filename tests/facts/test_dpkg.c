/* test_dpkg.c — dpkg status and status.d parser on real databases and hostile input */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "util/limits.h"

#define MINBASE "dpkg/debian12-minbase-rootfs/var/lib/dpkg/status"
#define UBUNTU "dpkg/ubuntu18.04_trivy_status"

static bool has_problem_at(const struct inv_facts *f, unsigned line, const char *needle)
{
	for (size_t i = 0; i < f->problems.len; i++)
		if (f->problems.v[i].line == line &&
		    (!needle || strstr(f->problems.v[i].msg, needle)))
			return true;
	return false;
}

static const struct inv_pkg *find_arch(const struct inv_facts *f, const char *name,
				       const char *arch)
{
	for (size_t i = 0; i < f->n_pkgs; i++)
		if (strcmp(f->pkgs[i].name, name) == 0 &&
		    (!arch || strcmp(f->pkgs[i].arch, arch) == 0))
			return &f->pkgs[i];
	return NULL;
}

/*
 * Compares the parse of a status file with what real dpkg-query says about the same
 * file (package, version, architecture, source name and version, maintainer, state,
 * number of conffiles). Skips when dpkg-query is not on the host.
 */
static void check_row(const struct inv_facts *f, char **fld, size_t nconf)
{
	const struct inv_pkg *p = find_arch(f, fld[0], fld[2]);
	size_t mine = 0;

	if (!p)
		fail_msg("dpkg-query lists %s %s, the parser does not", fld[0], fld[1]);
	assert_string_equal(p->version, fld[1]);
	assert_string_equal(p->source, fld[3]);
	assert_string_equal(p->source_version, fld[4]);
	assert_string_equal(p->state, fld[5]);
	assert_string_equal(p->vendor, fld[6]);
	for (size_t i = 0; i < p->n_files; i++)
		mine += (f->files[p->first_file + i].flags & INV_FILE_CONFIG) != 0;
	assert_int_equal(mine, nconf);
}

static void compare_with_dpkg_query(const char *status, const struct inv_facts *f)
{
	char *dir = t_mkdtemp(), *out, *outp;
	size_t len, rows = 0, nconf = 0;
	char *fld[8] = {0};
	char *line, *s;

	T_REQUIRE(t_sh("command -v dpkg-query >/dev/null") == 0, "no dpkg-query on this host");
	t_mkdir(dir, "updates", 0755);
	t_mkdir(dir, "info", 0755);
	assert_int_equal(t_sh("cp '%s' '%s/status'", status, dir), 0);
	if (asprintf(&outp, "%s/out", dir) < 0)
		abort();
	assert_int_equal(
		t_sh("dpkg-query --admindir='%s' -W -f '${Package}\\t${Version}\\t"
		     "${Architecture}\\t${source:Package}\\t${source:Version}\\t"
		     "${db:Status-Status}\\t${Maintainer}\\n${Conffiles}\\n' >'%s' 2>/dev/null",
		     dir, outp),
		0);
	out = t_slurp(outp, &len);
	/* a row per package, then its conffiles each on a line that starts with a space */
	for (s = out; (line = strsep(&s, "\n"));) {
		if (!line[0])
			continue;
		if (line[0] == ' ') {
			nconf++;
			continue;
		}
		if (fld[0]) {
			check_row(f, fld, nconf);
			rows++;
		}
		nconf = 0;
		for (int k = 0; k < 7; k++)
			fld[k] = strsep(&line, "\t");
		assert_non_null(fld[6]);
	}
	if (fld[0]) {
		check_row(f, fld, nconf);
		rows++;
	}
	assert_int_equal(rows, f->n_pkgs);
	free(out);
	free(outp);
	t_rmtree(dir);
	free(dir);
}

static void test_minbase_status(void **state)
{
	char *path = t_data(MINBASE);
	size_t len;
	char *data = t_slurp(path, &len);
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", data, len), 0);
	/* tests/data/README.md: 88 installed packages */
	assert_int_equal(f.n_pkgs, 88);
	assert_int_equal(f.problems.len, 0);
	const struct inv_pkg *libc = inv_pkg_find(&f, "libc-bin");
	assert_non_null(libc);
	assert_string_equal(libc->source, "glibc");
	assert_int_equal(libc->db, INV_DB_DPKG);
	assert_true(libc->db_line > 1);
	/* its conffiles, flagged and with their md5 */
	const struct inv_file *fl = inv_file_find(&f, "/etc/ld.so.conf");
	assert_non_null(fl);
	assert_ptr_equal(&f.pkgs[fl->pkg], libc);
	assert_true(fl->flags & INV_FILE_CONFIG);
	assert_int_equal(fl->algo, INV_DIGEST_MD5);
	assert_int_equal(strlen(fl->digest), 32);
	compare_with_dpkg_query(path, &f);
	inv_facts_release(&f);
	free(data);
	free(path);
}

static void test_ubuntu_status_config_files(void **state)
{
	char *path = t_data(UBUNTU);
	size_t len, onDisk = 0;
	char *data = t_slurp(path, &len);
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", data, len), 0);
	/* the README: 91 packages, as dpkg-query -W lists them (one is config-files only) */
	assert_int_equal(f.n_pkgs, 91);
	for (size_t i = 0; i < f.n_pkgs; i++)
		onDisk += inv_pkg_on_disk(&f.pkgs[i]);
	assert_int_equal(onDisk, 90);
	compare_with_dpkg_query(path, &f);
	inv_facts_release(&f);
	free(data);
	free(path);
}

/* A status cut in the middle of a stanza: the complete stanzas are kept, the cut one is
 * reported at the line where it starts. */
static void test_truncated_status(void **state)
{
	char *path = t_data(MINBASE);
	size_t len, complete = 0;
	char *data = t_slurp(path, &len);
	size_t cut = len / 2;
	unsigned start_line = 1, line = 1;
	struct inv_facts f;

	/* move the cut off a blank line, then count what precedes it */
	while (cut < len && data[cut - 1] == '\n')
		cut++;
	for (size_t i = 0; i < cut; i++) {
		if (data[i] != '\n')
			continue;
		line++;
		if (i + 1 < cut && data[i + 1] == '\n') {
			complete++;
			start_line = line + 1;
		}
	}
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", data, cut),
			 -IA_ECORRUPT);
	assert_int_equal(f.n_pkgs, complete);
	assert_true(has_problem_at(&f, start_line, "cut short"));
	inv_facts_release(&f);
	free(data);
	free(path);
}

/*
 * Regression (issue 14): a status whose last stanza ends with a newline but no blank line
 * after it lost that package with a "cut short" problem, while dpkg-query -W lists it. Read
 * as dpkg does; without the final newline dpkg refuses the file and the stanza is dropped.
 */
static void test_status_last_stanza_without_blank_line(void **state)
{
	const char text[] = "Package: a\nStatus: install ok installed\nArchitecture: amd64\n"
			    "Maintainer: M <m@x>\nVersion: 1.0\n\n"
			    "Package: b\nStatus: install ok installed\nArchitecture: amd64\n"
			    "Maintainer: M <m@x>\nVersion: 2.0\n";
	char *dir = t_mkdtemp(), *path;
	struct inv_facts f;
	const struct inv_pkg *p;

	(void)state;
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", text, sizeof(text) - 1),
			 0);
	assert_int_equal(f.n_pkgs, 2);
	assert_int_equal(f.problems.len, 0);
	p = inv_pkg_find(&f, "b");
	assert_non_null(p);
	assert_string_equal(p->version, "2.0");
	assert_int_equal(p->db_line, 7);
	/* real dpkg-query on the same bytes lists the same two packages */
	t_write(dir, "status", text, 0644);
	if (asprintf(&path, "%s/status", dir) < 0)
		abort();
	compare_with_dpkg_query(path, &f);
	inv_facts_release(&f);

	/* no newline at the end: ends inside the Version value, the stanza is dropped */
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", text, sizeof(text) - 2),
			 -IA_ECORRUPT);
	assert_int_equal(f.n_pkgs, 1);
	assert_true(has_problem_at(&f, 7, "cut short"));
	inv_facts_release(&f);
	free(path);
	t_rmtree(dir);
	free(dir);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* 50 MB of random bytes: bounded problems, no package, no crash. */
static void test_garbage_50mb(void **state)
{
	size_t len = 50u * 1024 * 1024;
	char *data = malloc(len);
	struct inv_facts f;

	assert_non_null(data);
	for (size_t i = 0; i + 8 <= len; i += 8) {
		uint64_t v = next_rand();

		memcpy(data + i, &v, 8);
	}
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", data, len),
			 -IA_ECORRUPT);
	assert_int_equal(f.n_pkgs, 0);
	assert_true(f.problems.len >= 1);
	assert_true(f.problems.len <= IA_MAX_FILE_PROBLEMS + 2);
	inv_facts_release(&f);
	free(data);
}

/* Text that is no status file must not pass for an empty database. */
static void test_text_garbage_is_a_problem(void **state)
{
	const char text[] = "hello world\nthis is not\na dpkg database\n\n";
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", text, sizeof(text) - 1),
			 -IA_ECORRUPT);
	assert_int_equal(f.n_pkgs, 0);
	assert_true(has_problem_at(&f, 1, "Field"));
	assert_true(has_problem_at(&f, 0, "no package stanza"));
	assert_string_equal(f.problems.v[0].area, "packages (dpkg)");
	assert_string_equal(f.problems.v[0].path, "/var/lib/dpkg/status");
	inv_facts_release(&f);
}

static void test_empty_status_is_fine(void **state)
{
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", "", 0), 0);
	assert_int_equal(f.n_pkgs, 0);
	assert_int_equal(f.problems.len, 0);
	inv_facts_release(&f);
}

static void test_states_and_bad_stanzas(void **state)
{
	const char text[] = "Package: gone\n" /* 1 */
			    "Status: purge ok not-installed\n"
			    "Version: 1.0\n"
			    "\n"
			    "Package: rc\n" /* 5 */
			    "Status: deinstall ok config-files\n"
			    "Version: 2.0-1\n"
			    "Architecture: amd64\n"
			    "Conffiles:\n"
			    " /etc/rc.conf 0123456789abcdef0123456789abcdef\n"
			    " /etc/old.conf newconffile obsolete\n"
			    "\n"
			    "Package: nover\n" /* 13 */
			    "Status: install ok installed\n"
			    "\n"
			    "Package: badstatus\n" /* 16 */
			    "Status: install ok\n"
			    "Version: 1\n"
			    "\n"
			    "Package: Bad_Name\n" /* 20 */
			    "Status: install ok installed\n"
			    "Version: 1\n"
			    "\n"
			    "Package: dup\n" /* 24 */
			    "Status: install ok installed\n"
			    "Version: 1.0\n"
			    "Version: 9.9\n" /* 27 */
			    "Source: src (0.9-1)\n"
			    "Description: multi\n"
			    " line\n"
			    " .\n"
			    "\n"
			    " orphan continuation\n" /* 33 */
			    "Package: after\n"
			    "Status: install ok installed\n"
			    "Version: 3\n"
			    "\n"
			    "Package: half\n" /* 38 */
			    "Status: install reinstreq half-installed\n"
			    "Version: 1:2.3~rc1+dfsg-4\n"
			    "\n";
	struct inv_facts f;
	const struct inv_pkg *p;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/s", text, sizeof(text) - 1), -IA_ECORRUPT);
	assert_null(inv_pkg_find(&f, "gone"));
	p = inv_pkg_find(&f, "rc");
	assert_non_null(p);
	assert_string_equal(p->state, "config-files");
	assert_false(inv_pkg_on_disk(p));
	assert_int_equal(p->n_files, 2);
	assert_non_null(inv_file_find(&f, "/etc/old.conf"));
	assert_null(inv_file_find(&f, "/etc/old.conf")->digest);
	assert_string_equal(inv_file_find(&f, "/etc/rc.conf")->digest,
			    "0123456789abcdef0123456789abcdef");
	assert_null(inv_pkg_find(&f, "nover"));
	assert_true(has_problem_at(&f, 13, "Version"));
	assert_null(inv_pkg_find(&f, "badstatus"));
	assert_true(has_problem_at(&f, 16, "Status"));
	assert_true(has_problem_at(&f, 20, "name"));
	p = inv_pkg_find(&f, "dup");
	assert_non_null(p);
	assert_string_equal(p->version, "1.0");
	assert_string_equal(p->source, "src");
	assert_string_equal(p->source_version, "0.9-1");
	assert_true(has_problem_at(&f, 27, "duplicate"));
	assert_true(has_problem_at(&f, 33, "continuation"));
	/* a stray line is reported; the valid fields of its stanza still count */
	assert_non_null(inv_pkg_find(&f, "after"));
	p = inv_pkg_find(&f, "half");
	assert_non_null(p);
	assert_string_equal(p->state, "half-installed");
	assert_true(inv_pkg_on_disk(p));
	assert_string_equal(p->source, "half");
	assert_string_equal(p->source_version, "1:2.3~rc1+dfsg-4");
	inv_facts_release(&f);
}

static void test_control_bytes_and_long_line(void **state)
{
	size_t big = IA_MAX_LINE + 100;
	char *text = malloc(big + 200);
	size_t n = 0;
	struct inv_facts f;

	n += (size_t)snprintf(text + n, 200,
			      "Package: ctl\nStatus: install ok installed\n"
			      "Version: 1\x1b[31m\n\n");                      /* lines 1-4 */
	n += (size_t)snprintf(text + n, 200, "Package: long\nDescription: "); /* line 5-6 */
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)snprintf(text + n, 200,
			      "\nVersion: 1\nStatus: install ok installed\n\n"
			      "Package: ok\nStatus: install ok installed\nVersion: 2\n\n");
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/s", text, n), -IA_ECORRUPT);
	assert_true(has_problem_at(&f, 3, "control"));
	assert_true(has_problem_at(&f, 6, "IA_MAX_LINE"));
	assert_non_null(inv_pkg_find(&f, "ok"));
	assert_null(inv_pkg_find(&f, "ctl"));
	inv_facts_release(&f);
	free(text);
}

static void test_status_d_stanza_file(void **state)
{
	/* distroless: no Status, no blank line at the end */
	const char text[] = "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n"
			    "Source: openssl\nMaintainer: Debian OpenSSL Team <x@y>\n";
	struct inv_facts f;
	const struct inv_pkg *p;

	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status_d(&f, "/var/lib/dpkg/status.d/libssl3", text,
						 sizeof(text) - 1),
			 0);
	p = inv_pkg_find(&f, "libssl3");
	assert_non_null(p);
	assert_string_equal(p->source, "openssl");
	assert_string_equal(p->source_version, "3.0.11-1~deb12u2");
	assert_string_equal(p->state, "installed");
	assert_string_equal(p->db_path, "/var/lib/dpkg/status.d/libssl3");
	/* the same bytes as the status file: no Status field, refused */
	inv_facts_release(&f);
	inv_facts_init(&f);
	assert_int_equal(inv_dpkg_parse_status(&f, "/s", text, sizeof(text) - 1), -IA_ECORRUPT);
	assert_int_equal(f.n_pkgs, 0);
	inv_facts_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minbase_status),
		cmocka_unit_test(test_ubuntu_status_config_files),
		cmocka_unit_test(test_status_last_stanza_without_blank_line),
		cmocka_unit_test(test_truncated_status),
		cmocka_unit_test(test_garbage_50mb),
		cmocka_unit_test(test_text_garbage_is_a_problem),
		cmocka_unit_test(test_empty_status_is_fine),
		cmocka_unit_test(test_states_and_bad_stanzas),
		cmocka_unit_test(test_control_bytes_and_long_line),
		cmocka_unit_test(test_status_d_stanza_file),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
