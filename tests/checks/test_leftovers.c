/* test_leftovers.c — unit tests of the leftovers family (LEFT-001..009) on fixture roots */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_all(struct fx *x, const char *root)
{
	fx_open(x, root);
	for (int i = 1; i <= 9; i++) {
		char id[16];

		snprintf(id, sizeof(id), "LEFT-%03d", i);
		fx_run(x, id);
	}
}

static char *clean_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, "alice:x:1000:1000::/home/alice:/bin/zsh\n", NULL, NULL);
	t_mkdir(root, "tmp/.X11-unix", 01777);
	t_mkdir(root, "var/tmp", 01777);
	t_write(root, "var/log/wtmp", "", 0664);
	t_write(root, "var/log/lastlog", "sparse-records", 0664);
	t_write(root, "etc/machine-id", "", 0444);
	t_mkdir(root, "var/cache/apt/archives/partial", 0700);
	t_write(root, "var/cache/apt/archives/lock", "", 0640);
	t_write(root, "home/alice/.bash_history", "", 0600);
	t_write(root, "var/www/html/app/schema.sql", "CREATE TABLE t (id int);\n", 0644);
	t_mkdir(root, "var/lib/cloud/instances", 0755);
	return root;
}

/* A cleaned image: nothing to report. */
static void test_clean(void **state)
{
	char *root = clean_root();
	struct fx x;

	run_all(&x, root);
	assert_int_equal(x.r.n_findings, 0);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_dirty(void **state)
{
	char *root = clean_root();
	struct fx x;

	t_write(root, "root/.bash_history", "curl -u admin:secret http://x\n", 0600);
	t_write(root, "home/alice/.zsh_history", ": 1700000000:0;ls\n", 0600);
	t_write(root, "home/alice/.mysql_history", "select 1;\n", 0600);
	t_write(root, "tmp/build.sh", "make\n", 0755);
	t_write(root, "var/tmp/x/y.o", "obj", 0644);
	t_write(root, "var/cache/apt/archives/curl_7.88.1-10_amd64.deb", "!<arch>\n", 0644);
	t_write(root, "var/cache/apt/pkgcache.bin", "cache", 0644);
	t_write(root, "var/log/dpkg.log", "2026-11-25 install curl\n", 0644);
	t_write(root, "var/lib/cloud/instances/i-0abc/sem/config_ssh", "x", 0644);
	t_symlink(root, "var/lib/cloud/instance", "/var/lib/cloud/instances/i-0abc");
	t_write(root, "var/lib/dhcp/dhclient.eth0.leases", "lease {}\n", 0644);
	t_write(root, "etc/machine-id", "3f1d2c0a9b8e4d7c6b5a49382716f0e1\n", 0444);
	t_write(root, "root/.ssh/known_hosts", "github.com ssh-ed25519 AAAA\n", 0644);
	t_write(root, "root/backup.sql", "-- MySQL dump 10.13  Distrib 8.0.35\n", 0600);
	t_write(root, "var/www/html/db.sql.gz", "\x1f\x8b", 0644);
	t_write(root, "srv/app/dump.pg", "PGDMP", 0644); /* no dump extension: not looked at */
	t_write(root, "srv/app/prod.dump", "PGDMP\x01\x0e", 0644);
	t_mkdir(root, "home/alice/testdata", 0755);
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-001"), 3);
	assert_non_null(fx_find(&x, "LEFT-001", "/root/.bash_history"));
	assert_int_equal(fx_count(&x, "LEFT-002"), 2);
	assert_non_null(fx_find(&x, "LEFT-002", "/var/tmp/x/y.o"));
	assert_int_equal(fx_count(&x, "LEFT-003"), 1);
	assert_non_null(fx_find(&x, "LEFT-003", "/var/cache/apt"));
	assert_int_equal(fx_count(&x, "LEFT-004"), 1); /* dpkg.log; lastlog is not a log */
	assert_int_equal(fx_count(&x, "LEFT-005"), 1);
	assert_int_equal(fx_count(&x, "LEFT-006"), 1);
	assert_int_equal(fx_count(&x, "LEFT-007"), 1);
	assert_string_equal(fx_find(&x, "LEFT-007", NULL)->value,
			    "3f1d2c0a9b8e4d7c6b5a49382716f0e1");
	assert_int_equal(fx_count(&x, "LEFT-008"), 1);
	assert_int_equal(fx_count(&x, "LEFT-009"), 4);
	assert_string_equal(fx_find(&x, "LEFT-009", "/root/backup.sql")->value, "MySQL dump");
	assert_string_equal(fx_find(&x, "LEFT-009", "/srv/app/prod.dump")->value,
			    "PostgreSQL dump");
	assert_non_null(fx_find(&x, "LEFT-009", "/home/alice/testdata"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* "uninitialized" is systemd's first-boot marker, not a baked ID. */
static void test_machine_id(void **state)
{
	char *root = clean_root();
	struct fx x;

	t_write(root, "etc/machine-id", "uninitialized\n", 0444);
	t_write(root, "var/lib/dbus/machine-id", "\x01\x02\x03", 0444);
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-007"), 1);
	assert_non_null(fx_find(&x, "LEFT-007", "/var/lib/dbus/machine-id"));
	assert_string_equal(fx_find(&x, "LEFT-007", NULL)->value, "");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* Many files: the first 20 one by one, then one finding with the count. */
static void test_many(void **state)
{
	char *root = clean_root();
	struct fx x;

	for (int i = 0; i < 30; i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "tmp/f%02d", i);
		t_write(root, rel, "x", 0644);
	}
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-002"), 21);
	assert_non_null(fx_find(&x, "LEFT-002", "/tmp"));
	assert_string_equal(fx_find(&x, "LEFT-002", "/tmp")->value, "30 files, 30 bytes");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The real Debian root: debootstrap leaves its .deb files and logs behind. */
static void test_debian_minbase(void **state)
{
	char *root = NULL;
	size_t n = 0;
	FILE *p = popen("\"$IA_SOURCE_ROOT\"/tests/fixtures/debootstrap-root.sh minbase", "r");
	struct fx x;
	int st;

	assert_non_null(p);
	if (getline(&root, &n, p) > 0)
		root[strcspn(root, "\n")] = '\0';
	st = pclose(p);
	T_REQUIRE(st == 0 && root && root[0], "no debootstrapped root here");
	run_all(&x, root);
	assert_non_null(fx_find(&x, "LEFT-004", "/var/log/dpkg.log"));
	assert_non_null(fx_find(&x, "LEFT-003", "/var/cache/apt")); /* the .deb files */
	assert_int_equal(fx_count(&x, "LEFT-001"), 0);
	assert_int_equal(fx_count(&x, "LEFT-005"), 0);
	assert_int_equal(fx_count(&x, "LEFT-009"), 0);
	fx_close(&x);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),      cmocka_unit_test(test_dirty),
		cmocka_unit_test(test_machine_id), cmocka_unit_test(test_many),
		cmocka_unit_test(test_debian_minbase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
