/* test_eol.c — unit tests of vulndb/eol: the shipped tables, series lookup, dates, malformed
 * tables */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "vulndb/eol.h"

static struct vdb_eol_table *os_t, *sw_t;

static int setup(void **state)
{
	struct ia_err err = {0};

	if (vdb_eol_load(true, &os_t, &err) < 0 || vdb_eol_load(false, &sw_t, &err) < 0) {
		fprintf(stderr, "cannot load the tables: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	vdb_eol_free(os_t);
	vdb_eol_free(sw_t);
	return 0;
}

static const struct vdb_eol *get(const struct vdb_eol_table *t, const char *key, const char *v)
{
	const struct vdb_eol *e = NULL;

	if (vdb_eol_lookup(t, key, v, &e) != 0)
		fail_msg("%s %s not found", key, v);
	return e;
}

/* distro-info-data: Debian 6 squeeze ended (security 2014-05-31, LTS 2016-02-29). */
static void test_debian(void **state)
{
	const struct vdb_eol *e = get(os_t, "debian", "6.0.10");

	assert_string_equal(e->cycle, "6");
	assert_string_equal(e->codename, "Squeeze");
	assert_string_equal(e->security_eol, "2014-05-31");
	assert_string_equal(e->eol, "2016-02-29");
	assert_non_null(strstr(e->source, "distro-info-data"));
	assert_int_equal(vdb_eol_state(e, "2026-12-01"), VDB_EOL_ENDED);
	assert_int_equal(vdb_eol_state(e, "2016-02-29"), VDB_EOL_SUPPORTED);
	assert_int_equal(vdb_eol_state(e, "2016-03-01"), VDB_EOL_ENDED);
	assert_ptr_equal(get(os_t, "debian", "6"), e);
	/* Debian 12: the security team's support ended 2026-07-11, LTS runs to 2028-06-30 */
	e = get(os_t, "debian", "12");
	assert_string_equal(e->security_eol, "2026-07-11");
	assert_string_equal(e->eol, "2028-06-30");
	assert_int_equal(vdb_eol_state(e, "2026-12-01"), VDB_EOL_SUPPORTED);
	assert_int_equal(vdb_eol_state(e, "2028-07-01"), VDB_EOL_ENDED);
	assert_string_equal(get(os_t, "debian", "12.15")->cycle, "12");
}

static void test_other_os(void **state)
{
	const struct vdb_eol *e = get(os_t, "ubuntu", "22.04");

	assert_string_equal(e->eol, "2027-06-01");
	assert_string_equal(e->extended, "2032-04-21");
	assert_string_equal(get(os_t, "alpine", "3.18.4")->cycle, "3.18");
	assert_string_equal(get(os_t, "alpine", "3.1.4")->cycle, "3.1");
	e = get(os_t, "centos", "7");
	assert_string_equal(e->eol, "2024-06-30");
	assert_non_null(strstr(e->source, "endoflife.date centos@"));
	assert_string_equal(get(os_t, "rhel", "8.8")->cycle, "8");
	assert_string_equal(get(os_t, "amzn", "2")->cycle, "2");
	assert_string_equal(get(os_t, "amzn", "2023")->cycle, "2023");
	assert_string_equal(get(os_t, "sles", "15.6")->eol, "2025-12-31");
	/* CentOS 4 is not in the data, older than CentOS 5 (ended 2017-03-31) */
	assert_int_equal(vdb_eol_lookup(os_t, "centos", "4.9", &e), 1);
	assert_string_equal(e->cycle, "5");
	assert_int_equal(vdb_eol_state(e, "2026-01-01"), VDB_EOL_ENDED);
	assert_int_equal(vdb_eol_lookup(os_t, "centos", "99", &e), -ESRCH);
	assert_int_equal(vdb_eol_lookup(os_t, "debian", "0.9x", &e), -ESRCH);
	assert_int_equal(vdb_eol_lookup(os_t, "openEuler", "22.03", &e), -ENOENT);
	assert_int_equal(vdb_eol_lookup(os_t, "debian", "", &e), -ESRCH);
	/* os-vendor.tsv, read after os.tsv: Alibaba Cloud Linux; openEuler and Kylin not covered */
	assert_true(vdb_eol_has(os_t, "alinux"));
	assert_false(vdb_eol_has(os_t, "openeuler"));
	assert_false(vdb_eol_has(os_t, "kylin"));
	e = get(os_t, "alinux", "2.1903");
	assert_string_equal(e->cycle, "2");
	assert_string_equal(e->eol, "2024-03-31");
	assert_string_equal(e->extended, "2026-03-31");
	assert_int_equal(vdb_eol_state(e, "2024-04-01"), VDB_EOL_ENDED);
	e = get(os_t, "alinux", "3");
	assert_string_equal(e->eol, "2031-03-31");
	assert_string_equal(e->released, "2021-04-15");
	assert_non_null(strstr(e->source, "Alibaba Cloud"));
	assert_int_equal(vdb_eol_state(e, "2026-12-01"), VDB_EOL_SUPPORTED);
	assert_true(vdb_eol_has(os_t, "rocky"));
}

static void test_software(void **state)
{
	const struct vdb_eol *e = get(sw_t, "php", "5.6.40");

	assert_string_equal(e->cycle, "5.6");
	assert_string_equal(e->eol, "2018-12-31");
	assert_string_equal(get(sw_t, "tomcat", "6.0.53")->cycle, "6");
	assert_string_equal(get(sw_t, "tomcat", "8.5.100")->cycle, "8.5");
	/* Node.js 0.x is older than endoflife.date's oldest series (1, ended): ended too */
	assert_int_equal(vdb_eol_lookup(sw_t, "nodejs", "0.12.18", &e), 1);
	assert_string_equal(e->cycle, "1");
	assert_int_equal(vdb_eol_state(e, "2015-01-01"), VDB_EOL_ENDED);
	e = get(sw_t, "nodejs", "3.3.1"); /* endoflife.date: eol true, no date */
	assert_true(e->ended);
	assert_int_equal(vdb_eol_state(e, "2015-01-01"), VDB_EOL_ENDED);
	assert_string_equal(get(sw_t, "openjdk", "1.8.0_392")->cycle, "8");
	assert_string_equal(get(sw_t, "openjdk", "17.0.9")->cycle, "17");
	assert_string_equal(get(sw_t, "python", "3.10.12")->cycle, "3.10");
	assert_string_equal(get(sw_t, "python", "3.1.5")->cycle, "3.1");
	assert_string_equal(get(sw_t, "mysql", "5.5.62")->cycle, "5.5");
	/* MySQL 5.1: older than the oldest series listed (5.5, ended 2018-12-31) */
	assert_int_equal(vdb_eol_lookup(sw_t, "mysql", "5.1.73", &e), 1);
	assert_string_equal(e->eol, "2018-12-31");
	assert_string_equal(get(sw_t, "httpd", "2.4.57")->cycle, "2.4");
	assert_string_equal(get(sw_t, "postgresql", "9.6.24")->cycle, "9.6");
	assert_string_equal(get(sw_t, "postgresql", "14.10")->cycle, "14");
	assert_int_equal(vdb_eol_lookup(sw_t, "php", "x5.6", &e), -ESRCH);
	assert_int_equal(vdb_eol_lookup(sw_t, "php", "56", &e), -ESRCH);
	assert_int_equal(vdb_eol_lookup(sw_t, "cobol", "1", &e), -ENOENT);
	assert_int_equal(vdb_eol_lookup(sw_t, NULL, "1", &e), -EINVAL);
	for (const char *const *k =
		     (const char *const[]){"php", "mysql", "mariadb", "postgresql", "redis",
					   "mongodb", "tomcat", "nginx", "httpd", "nodejs",
					   "python", "openjdk", "jetty", "proftpd", "elasticsearch",
					   NULL};
	     *k; k++)
		if (!vdb_eol_has(sw_t, *k))
			fail_msg("software table lacks %s", *k);
}

static void expect_bad(const char *text, unsigned line, const char *what)
{
	struct vdb_eol_table *t = NULL;
	struct ia_err err = {0};

	assert_int_equal(vdb_eol_parse("t.tsv", text, strlen(text), &t, &err), -IA_ECORRUPT);
	assert_null(t);
	assert_int_equal(err.line, line);
	if (!strstr(err.msg, what))
		fail_msg("'%s' lacks '%s'", err.msg, what);
}

static void test_malformed(void **state)
{
	struct vdb_eol_table *t = NULL;
	struct ia_err err = {0};
	struct ia_buf b = IA_BUF_INIT(8u << 20);
	const struct vdb_eol *e;
	const char *ended = "x\tX\t1\t-\t-\tended\t-\t-\ts\n";

	expect_bad("# c\nx\tX\t1\t-\t-\t-\t-\t-\n", 2, "9 tab-separated columns");
	expect_bad("x\tX\t1\t-\t-\t-\t-\t-\ts\textra\n", 1, "columns");
	expect_bad("x\tX\t1\t-\t2020-1-01\t-\t-\t-\ts\n", 1, "columns");
	expect_bad("x\tX\t1\t-\t-\tended\t-\tended\ts\n", 1, "columns");
	expect_bad("x\tX\t\t-\t-\t-\t-\t-\ts\n", 1, "columns");
	assert_int_equal(vdb_eol_parse("t", ended, strlen(ended), &t, &err), 0);
	assert_int_equal(vdb_eol_lookup(t, "x", "1.2", &e), 0);
	assert_true(e->ended);
	vdb_eol_free(t);
	for (unsigned i = 0; i <= IA_MAX_EOL_ROWS; i++)
		assert_int_equal(ia_buf_adds(&b, "x\tX\t1\t-\t-\t-\t-\t-\ts\n"), 0);
	t = NULL;
	assert_int_equal(vdb_eol_parse("big", b.data, b.len, &t, &err), -IA_ETOOBIG);
	assert_null(t);
	assert_non_null(strstr(err.msg, "IA_MAX_EOL_ROWS"));
	ia_buf_release(&b);
}

static void test_day(void **state)
{
	char d[11];

	assert_string_equal(vdb_eol_day(0, d), "1970-01-01");
	assert_string_equal(vdb_eol_day(1764633600, d), "2025-12-02");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian),   cmocka_unit_test(test_other_os),
		cmocka_unit_test(test_software), cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_day),
	};

	return T_RUN_GROUP(tests, setup, teardown);
}
