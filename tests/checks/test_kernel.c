/* test_kernel.c — unit tests of the kernel family (KERN-001..006): sysctl precedence and values */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_all(struct fx *x)
{
	for (int i = 1; i <= 6; i++) {
		char id[16];

		snprintf(id, sizeof(id), "KERN-%03d", i);
		fx_run(x, id);
	}
}

static char *root_with_accounts(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, NULL, NULL, NULL);
	return root;
}

/* Nothing set: only the unsafe kernel default of accept_redirects is reported, at info. */
static void test_defaults(void **state)
{
	char *root = root_with_accounts();
	struct fx x;

	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 1);
	assert_string_equal(x.r.findings[0].check, "KERN-006");
	assert_int_equal(x.r.findings[0].severity, FND_SEV_INFO);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_unsafe_values(void **state)
{
	char *root = root_with_accounts();
	struct fx x;

	t_write(root, "etc/sysctl.conf",
		"# comment\n; another\nnet.ipv4.ip_forward=1\n"
		"  kernel/randomize_va_space =   0  \n"
		"-fs.suid_dumpable = 1\nkernel.kptr_restrict = 0\n"
		"net.ipv4.conf.*.accept_redirects = 1\n"
		"net.ipv6.conf.all.accept_redirects = "
		"0\nnet.ipv6.conf.default.accept_redirects=0\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "KERN-001"), 1);
	assert_int_equal(fx_find(&x, "KERN-001", "/etc/sysctl.conf")->line, 3);
	assert_int_equal(fx_count(&x, "KERN-002"), 2); /* the glob sets all and default */
	assert_int_equal(fx_count(&x, "KERN-003"), 1);
	assert_int_equal(fx_count(&x, "KERN-004"), 1);
	assert_string_equal(fx_find(&x, "KERN-004", NULL)->value, "kernel.randomize_va_space = 0");
	assert_int_equal(fx_count(&x, "KERN-005"), 1);
	fx_clean(&x, "KERN-006"); /* every redirects key is set */
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Safe values and suid_dumpable=2 (systemd-coredump's) give nothing. */
static void test_safe_values(void **state)
{
	char *root = root_with_accounts();
	struct fx x;

	t_write(root, "usr/lib/sysctl.d/50-coredump.conf",
		"kernel.core_pattern=|/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n"
		"fs.suid_dumpable=2\n",
		0644);
	t_write(root, "etc/sysctl.d/60-hardening.conf",
		"net.ipv4.conf.all.accept_redirects=0\nnet.ipv4.conf.default.accept_redirects=0\n"
		"net.ipv6.conf.all.accept_redirects=0\nnet.ipv6.conf.default.accept_redirects=0\n"
		"kernel.kptr_restrict=2\nkernel.randomize_va_space=2\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* systemd-sysctl order: file names sorted across directories, /etc hides /usr/lib of the same
 * name, a link to /dev/null masks, /etc/sysctl.conf last. */
static void test_precedence(void **state)
{
	char *root = root_with_accounts();
	struct fx x;

	t_write(root, "usr/lib/sysctl.d/10-a.conf", "net.ipv4.ip_forward = 1\n", 0644);
	t_write(root, "etc/sysctl.d/10-a.conf", "net.ipv4.ip_forward = 0\n", 0644);
	t_write(root, "usr/lib/sysctl.d/20-b.conf", "kernel.randomize_va_space = 1\n", 0644);
	t_symlink(root, "etc/sysctl.d/20-b.conf", "/dev/null");
	t_write(root, "usr/lib/sysctl.d/30-c.conf", "fs.suid_dumpable = 1\n", 0644);
	t_write(root, "etc/sysctl.conf", "fs.suid_dumpable = 0\n", 0644);
	t_write(root, "etc/sysctl.d/README", "net.ipv4.ip_forward = 1\n", 0644); /* not *.conf */
	fx_open(&x, root);
	run_all(&x);
	fx_clean(&x, "KERN-001");
	fx_clean(&x, "KERN-004");
	fx_clean(&x, "KERN-005");
	fx_close(&x);

	/* the later name wins */
	t_write(root, "etc/sysctl.d/99-z.conf", "net.ipv4.ip_forward = 1\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_non_null(fx_find(&x, "KERN-001", "/etc/sysctl.d/99-z.conf"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Missing '=', a word for a number, binary garbage: gaps reported once, the rest still read. */
static void test_malformed(void **state)
{
	char *root = root_with_accounts();
	struct fx x;

	t_write(root, "etc/sysctl.d/10-bad.conf",
		"net.ipv4.ip_forward\nkernel.randomize_va_space = off\n\x01\x02\x03\n"
		"fs.suid_dumpable = 1\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_gaps(&x, "KERN-001"), 3);
	for (int i = 2; i <= 6; i++) {
		char id[16];

		snprintf(id, sizeof(id), "KERN-%03d", i);
		assert_int_equal(fx_gaps(&x, id), 0);
	}
	fx_clean(&x, "KERN-004");
	assert_int_equal(fx_count(&x, "KERN-005"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The real Debian 12 root: its 99-protect-links.conf sets nothing these checks report. */
static void test_debian_base(void **state)
{
	char *root = t_debian_root("base");
	struct fx x;

	T_REQUIRE(root, "no debootstrapped root here");
	fx_open(&x, root);
	run_all(&x);
	for (int i = 1; i <= 5; i++) {
		char id[16];

		snprintf(id, sizeof(id), "KERN-%03d", i);
		fx_clean(&x, id);
		assert_int_equal(fx_gaps(&x, id), 0);
	}
	assert_int_equal(fx_count(&x, "KERN-006"), 1);
	fx_close(&x);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),    cmocka_unit_test(test_unsafe_values),
		cmocka_unit_test(test_safe_values), cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_malformed),   cmocka_unit_test(test_debian_base),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
