/* testlib.h — helpers shared by the unit tests: fixture roots, test data, temp dirs */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TESTLIB_H
#define IA_TESTLIB_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/buf.h"

/* The path of tests/data/rel in the source tree (tests/data/README.md). Caller frees. */
char *t_data(const char *rel);
/* Reads a host file whole (test inputs only); aborts the test when missing. Caller frees. */
char *t_slurp(const char *path, size_t *len);
/* A fresh private temp directory; caller removes it with t_rmtree. */
char *t_mkdtemp(void);
/* Removes a directory tree (never follows symlinks). */
void t_rmtree(const char *path);
/* Creates root/rel (parents made 0755) holding data with mode. */
void t_write(const char *root, const char *rel, const char *data, unsigned mode);
void t_mkdir(const char *root, const char *rel, unsigned mode);
void t_symlink(const char *root, const char *rel, const char *target);
/* The cached debootstrapped Debian 12 root (tests/fixtures/debootstrap-root.sh FLAVOUR:
 * "minbase" or "base"), or NULL when this machine cannot build one (the script exits 77: not
 * root, no debootstrap; the caller skips); any other failure fails the test. Caller frees. */
char *t_debian_root(const char *flavour);
/* A list of owned strings (lines of a listing to compare). Zero-initialise. */
struct t_lines {
	char **v;
	size_t n;
};
void t_lines_add(struct t_lines *l, char *s); /* takes s */
void t_lines_free(struct t_lines *l);
/* Sorts both lists and fails the test at the first line that differs, or on the counts. */
void t_lines_assert_same(const char *what, struct t_lines *got, struct t_lines *want);

/* Runs a shell command; returns its exit status. */
int t_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Skips the test (cmocka skip) with a message when cond is false. Only for what this machine
 * cannot provide, as the README says (no debootstrapped root without root, a tool of
 * scripts/setup.sh missing, a kernel without Landlock); never for a fault of the code.
 */
#define T_REQUIRE(cond, why)                                                                       \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			print_message("skipped: %s\n", why);                                       \
			t_skipped++;                                                               \
			skip();                                                                    \
		}                                                                                  \
	} while (0)
/* Tests of this executable skipped by T_REQUIRE so far. */
extern unsigned t_skipped;
/*
 * Every test executable ends with `return T_RUN_GROUP(tests, setup, teardown);`. cmocka's own
 * result counts failures only, so a skipped test would exit 0 and count as passed. This exits
 * with the failure count when a test failed, else 77 (meson's "skipped") when any test was
 * skipped, else 0: an executable with one skipped test shows as SKIPPED in the summary (its log
 * names the test and why), so no test that did not run is counted as passed.
 * tests/conventions.sh checks that no test executable bypasses it.
 */
#define T_RUN_GROUP(tests, setup, teardown)                                                        \
	t_exit_status(cmocka_run_group_tests(tests, setup, teardown))
int t_exit_status(int failed);

#endif
