/* test_logging.c — unit tests of the logging family (LOG-001..006) on fixture roots and real Debian
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/limits.h"

/* A root with accounts and the login records Debian creates. */
static char *base_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "var/log/wtmp", "", 0664);
	t_write(root, "var/log/btmp", "", 0660);
	t_write(root, "var/log/lastlog", "", 0664);
	return root;
}

static void test_syslog(void **state)
{
	char *root = base_root();
	struct fx x;

	/* nothing logs */
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	assert_int_equal(fx_count(&x, "LOG-001"), 1);
	fx_close(&x);

	/* rsyslog installed (binary) but not enabled */
	t_write(root, "usr/sbin/rsyslogd",
		"\x7f"
		"ELF",
		0755);
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	assert_non_null(fx_find(&x, "LOG-001", "/usr/sbin/rsyslogd"));
	fx_close(&x);

	/* enabled through a systemd wants link */
	t_symlink(root, "etc/systemd/system/multi-user.target.wants/rsyslog.service",
		  "/lib/systemd/system/rsyslog.service");
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	fx_clean(&x, "LOG-001");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_journald(void **state)
{
	char *root = base_root();
	struct fx x;

	t_write(root, "usr/lib/systemd/systemd-journald",
		"\x7f"
		"ELF",
		0755);
	/* Storage=auto without /var/log/journal: volatile */
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	assert_int_equal(fx_count(&x, "LOG-001"), 1);
	fx_close(&x);

	t_mkdir(root, "var/log/journal", 02755);
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	fx_clean(&x, "LOG-001");
	fx_close(&x);

	/* a drop-in turns it volatile again: reported with its line */
	t_write(root, "etc/systemd/journald.conf", "[Journal]\n#Storage=auto\n", 0644);
	t_write(root, "etc/systemd/journald.conf.d/10-mem.conf",
		"# odd whitespace\n[Journal]\n   Storage =  volatile  \n", 0644);
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	assert_non_null(fx_find(&x, "LOG-001", "/etc/systemd/journald.conf.d/10-mem.conf"));
	assert_int_equal(fx_find(&x, "LOG-001", NULL)->line, 3);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_login_records(void **state)
{
	char *root = t_mkdtemp();
	struct fx x;

	fx_accounts(root, NULL, NULL, NULL);
	t_mkdir(root, "var/log", 0755);
	fx_open(&x, root);
	fx_run(&x, "LOG-002");
	/* wtmp and btmp missing; lastlog is not required */
	assert_int_equal(fx_count(&x, "LOG-002"), 2);
	fx_close(&x);

	/* tmpfiles.d creates them at boot: no finding */
	t_write(root, "usr/lib/tmpfiles.d/systemd.conf",
		"f /var/log/wtmp 0664 root utmp -\nf /var/log/btmp 0660 root utmp -\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "LOG-002");
	fx_clean(&x, "LOG-002");
	fx_close(&x);

	/* a binary line in tmpfiles.d is reported once, though wtmp and btmp are both looked for */
	t_write(root, "usr/lib/tmpfiles.d/systemd.conf", "\x01\x02 garbage\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "LOG-002");
	assert_int_equal(fx_count(&x, "LOG-002"), 2);
	assert_int_equal(fx_gaps(&x, "LOG-002"), 1);
	fx_close(&x);

	/* linked to /dev/null: discarded */
	t_symlink(root, "var/log/wtmp", "/dev/null");
	fx_open(&x, root);
	fx_run(&x, "LOG-002");
	assert_non_null(fx_find(&x, "LOG-002", "/var/log/wtmp"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_login_modes(void **state)
{
	char *root = base_root();
	struct fx x;

	fx_open(&x, root);
	fx_run(&x, "LOG-003");
	fx_clean(&x, "LOG-003");
	fx_close(&x);

	t_write(root, "var/log/btmp", "", 0644);
	t_write(root, "var/log/wtmp", "", 0666);
	fx_open(&x, root);
	fx_run(&x, "LOG-003");
	assert_int_equal(fx_count(&x, "LOG-003"), 2);
	assert_string_equal(fx_find(&x, "LOG-003", "/var/log/btmp")->value, "0644");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_sudo(void **state)
{
	char *root = base_root();
	struct fx x;

	/* no sudo: nothing to examine */
	fx_open(&x, root);
	fx_run(&x, "LOG-004");
	fx_clean(&x, "LOG-004");
	fx_close(&x);

	t_write(root, "etc/sudoers",
		"Defaults\tenv_reset\nDefaults secure_path=\"/usr/bin:/bin\", use_pty\n"
		"root ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n",
		0440);
	fx_open(&x, root);
	fx_run(&x, "LOG-004");
	fx_clean(&x, "LOG-004");
	fx_close(&x);

	/* !syslog in an included file; a file with a dot is ignored by sudo */
	t_write(root, "etc/sudoers.d/README.txt", "Defaults !log_allowed\n", 0440);
	t_write(root, "etc/sudoers.d/quiet", "# hush\nDefaults:deploy  env_keep+=HOME, !syslog\n",
		0440);
	fx_open(&x, root);
	fx_run(&x, "LOG-004");
	assert_non_null(fx_find(&x, "LOG-004", "/etc/sudoers.d/quiet"));
	assert_int_equal(fx_find(&x, "LOG-004", NULL)->line, 2);
	fx_close(&x);

	/* a log file set keeps the logging */
	t_write(root, "etc/sudoers.d/zlog", "Defaults logfile=/var/log/sudo.log\n", 0440);
	fx_open(&x, root);
	fx_run(&x, "LOG-004");
	fx_clean(&x, "LOG-004");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_audit(void **state)
{
	char *root = base_root();
	struct fx x;

	fx_open(&x, root);
	fx_run(&x, "LOG-005");
	fx_run(&x, "LOG-006");
	assert_int_equal(fx_count(&x, "LOG-005"), 1);
	fx_clean(&x, "LOG-006"); /* LOG-005 covers it */
	fx_close(&x);

	t_write(root, "sbin/auditd",
		"\x7f"
		"ELF",
		0755);
	t_write(root, "etc/audit/audit.rules", "-D\n-b 8192\n-f 1\n", 0640);
	fx_open(&x, root);
	fx_run(&x, "LOG-005");
	fx_run(&x, "LOG-006");
	assert_int_equal(fx_count(&x, "LOG-005"), 1); /* not enabled */
	assert_int_equal(fx_count(&x, "LOG-006"), 1);
	assert_non_null(strstr(fx_find(&x, "LOG-006", NULL)->value, "/etc/shadow"));
	fx_close(&x);

	t_symlink(root, "etc/systemd/system/multi-user.target.wants/auditd.service",
		  "/lib/systemd/system/auditd.service");
	t_write(root, "etc/audit/rules.d/30-identity.rules",
		"-w /etc/passwd -p wa -k identity\n-w /etc/group -p wa\n"
		"-a always,exit -F arch=b64 -F path=/etc/shadow -F perm=wa -k identity\n"
		"-w /etc/gshadow -p r\n" /* read-only watch does not count */
		"-w /var/log/ -p wa -k logins\n",
		0640);
	fx_open(&x, root);
	fx_run(&x, "LOG-005");
	fx_run(&x, "LOG-006");
	fx_clean(&x, "LOG-005");
	assert_int_equal(fx_count(&x, "LOG-006"), 1);
	assert_string_equal(fx_find(&x, "LOG-006", NULL)->value, "/etc/gshadow");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Binary garbage and a huge line in the files read: gaps with the path, no crash. */
static void test_malformed(void **state)
{
	char *root = base_root();
	char *big = malloc(IA_MAX_LINE + 100);
	struct fx x;

	memset(big, 'D', IA_MAX_LINE + 99);
	big[IA_MAX_LINE + 99] = '\0';
	t_write(root, "etc/sudoers", big, 0440);
	t_write(root, "etc/audit/audit.rules", "\x01\x02\xff garbage\n-w /etc/passwd\n", 0640);
	t_write(root, "sbin/auditd", "x", 0755);
	t_mkdir(root, "etc/systemd/journald.conf", 0755); /* a directory where a file belongs */
	t_write(root, "usr/lib/systemd/systemd-journald", "x", 0755);
	fx_open(&x, root);
	fx_run(&x, "LOG-001");
	fx_run(&x, "LOG-004");
	fx_run(&x, "LOG-006");
	assert_true(fx_gaps(&x, "LOG-004") >= 1);
	assert_true(fx_gaps(&x, "LOG-006") >= 1);
	assert_true(fx_gaps(&x, "LOG-001") >= 1);
	assert_int_equal(fx_count(&x, "LOG-001"), 1); /* the audit went on */
	fx_close(&x);
	free(big);
	t_rmtree(root);
	free(root);
}

/* The real Debian 12 root with rsyslog, sudo and auditd. */
static void test_debian_base(void **state)
{
	char *root = t_debian_root("base");
	struct fx x;

	T_REQUIRE(root, "no debootstrapped root here");
	fx_open(&x, root);
	for (int i = 1; i <= 6; i++) {
		char id[16];

		snprintf(id, sizeof(id), "LOG-%03d", i);
		fx_run(&x, id);
	}
	fx_clean(&x, "LOG-001"); /* rsyslog is enabled */
	fx_clean(&x, "LOG-002");
	fx_clean(&x, "LOG-003");
	fx_clean(&x, "LOG-004");                      /* Debian's sudoers logs */
	fx_clean(&x, "LOG-005");                      /* auditd enabled */
	assert_int_equal(fx_count(&x, "LOG-006"), 1); /* Debian ships no watches */
	fx_close(&x);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_syslog),        cmocka_unit_test(test_journald),
		cmocka_unit_test(test_login_records), cmocka_unit_test(test_login_modes),
		cmocka_unit_test(test_sudo),          cmocka_unit_test(test_audit),
		cmocka_unit_test(test_malformed),     cmocka_unit_test(test_debian_base),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
