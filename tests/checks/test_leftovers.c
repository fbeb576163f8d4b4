/* test_leftovers.c — unit tests of the leftovers family (LEFT-001..011) on fixture roots */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_all(struct fx *x, const char *root)
{
	fx_open(x, root);
	for (int i = 1; i <= 12; i++) {
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
	fx_all_clean(&x);
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
	t_write(root, "opt/app/.git/config", "[remote \"origin\"]\n", 0644);
	t_write(root, "opt/app/.git/HEAD", "ref: refs/heads/main\n", 0644);
	t_mkdir(root, "srv/legacy/.svn", 0755);
	t_write(root, "var/www/html/.git/HEAD", "x\n", 0644);                  /* WEB-006's */
	t_write(root, "opt/app/node_modules/left-pad/.git/HEAD", "x\n", 0644); /* vendored */
	t_mkdir(root, "opt/app/docs/CVS", 0755); /* no Root file: not CVS's */
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
	assert_int_equal(fx_count(&x, "LEFT-012"), 2);
	assert_non_null(fx_find(&x, "LEFT-012", "/opt/app/.git"));
	assert_non_null(fx_find(&x, "LEFT-012", "/srv/legacy/.svn"));
	assert_int_equal(fx_count(&x, "LEFT-009"), 4);
	assert_string_equal(fx_find(&x, "LEFT-009", "/root/backup.sql")->value, "MySQL dump");
	assert_string_equal(fx_find(&x, "LEFT-009", "/srv/app/prod.dump")->value,
			    "PostgreSQL dump");
	assert_non_null(fx_find(&x, "LEFT-009", "/home/alice/testdata"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The cache's size is in the details, not in what the fingerprint covers: a cache that grows
 * between two audits is still the same finding (a waiver by fingerprint keeps applying). */
static void test_cache_fingerprint_stable(void **state)
{
	char *root = clean_root();
	struct fx x;
	char fp[FND_FINGERPRINT_LEN + 1];
	const struct fnd_finding *f;

	(void)state;
	t_write(root, "var/cache/apt/pkgcache.bin", "cache", 0644);
	run_all(&x, root);
	f = fx_find(&x, "LEFT-003", "/var/cache/apt");
	assert_non_null(f);
	memcpy(fp, f->fingerprint, sizeof(fp));
	assert_int_equal(f->n_details, 3);
	assert_string_equal(f->details[0].key, "files");
	assert_string_equal(f->details[0].value, "1");
	assert_string_equal(f->details[1].value, "5");
	fx_close(&x);
	t_write(root, "var/cache/apt/archives/curl_7.88.1-10_amd64.deb", "!<arch>\n", 0644);
	run_all(&x, root);
	f = fx_find(&x, "LEFT-003", "/var/cache/apt");
	assert_non_null(f);
	assert_string_equal(f->details[0].value, "2");
	assert_string_equal(f->fingerprint, fp);
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

/* Host keys: each private key is a finding with its path; .pub files and empty files are not. */
static void test_host_keys(void **state)
{
	char *root = clean_root();
	struct fx x;

	t_write(root, "etc/ssh/sshd_config", "PermitRootLogin no\n", 0644);
	t_write(root, "etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA root@build\n", 0644);
	run_all(&x, root);
	fx_clean(&x, "LEFT-010");
	fx_close(&x);

	t_write(root, "etc/ssh/ssh_host_ed25519_key",
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE "
		"KEY-----\n",
		0600);
	t_write(root, "etc/ssh/ssh_host_rsa_key", "-----BEGIN RSA PRIVATE KEY-----\n", 0600);
	t_write(root, "etc/ssh/ssh_host_ecdsa_key", "", 0600); /* empty: no key */
	t_write(root, "etc/ssh/sshd_config.d/ssh_host_x_key", "not in /etc/ssh itself", 0600);
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-010"), 2);
	assert_non_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_ed25519_key"));
	assert_non_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_rsa_key"));
	assert_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_ed25519_key.pub"));
	/* the remediation says how keys come back at first boot */
	assert_non_null(strstr(fx_find(&x, "LEFT-010", NULL)->remediation, "ssh-keygen -A"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* authorized_keys: keys are a finding (type and comment quoted, never the key); an empty
 * file, comments only, or a file outside .ssh is not. */
static void test_authorized_keys(void **state)
{
	char *root = clean_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "home/alice/.ssh/authorized_keys", "", 0600); /* cloud-init placeholder */
	t_write(root, "root/.ssh/authorized_keys",
		"# keys are installed by cloud-init at first boot\n\n   \n", 0600);
	t_write(root, "srv/keys/authorized_keys", "ssh-ed25519 AAAAC3Nz builder@ci\n", 0644);
	run_all(&x, root);
	fx_clean(&x, "LEFT-011");
	fx_close(&x);

	t_write(root, "root/.ssh/authorized_keys",
		"# builder\n"
		"no-port-forwarding,command=\"echo 'a b'\" ssh-ed25519 "
		"AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyMaterial vendor@build-host\n"
		"ecdsa-sha2-nistp256 AAAAE2VjZHNh\n",
		0600);
	t_write(root, "home/alice/.ssh/authorized_keys2", "\x01\x02garbage\nssh-rsa AAAAB3 x\n",
		0600);
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-011"), 2);
	f = fx_find(&x, "LEFT-011", "/root/.ssh/authorized_keys");
	assert_non_null(f);
	assert_int_equal(f->line, 2);
	assert_string_equal(f->value, "ssh-ed25519 ... vendor@build-host");
	assert_null(strstr(f->value, "AAAA"));
	assert_non_null(strstr(f->title, "2 keys"));
	f = fx_find(&x, "LEFT-011", "/home/alice/.ssh/authorized_keys2");
	assert_non_null(f);
	assert_int_equal(f->line, 2);
	/* the binary line is a gap of the check, not a crash and not a key */
	assert_int_equal(fx_gaps(&x, "LEFT-011"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The real Debian base root: openssh-server's postinst generated host keys there. */
static void test_debian_base_host_keys(void **state)
{
	char *root = t_debian_root("base");
	struct fx x;

	T_REQUIRE(root, "no debootstrapped root here");
	run_all(&x, root);
	assert_int_equal(fx_count(&x, "LEFT-010"), 3);
	assert_non_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_rsa_key"));
	assert_non_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_ecdsa_key"));
	assert_non_null(fx_find(&x, "LEFT-010", "/etc/ssh/ssh_host_ed25519_key"));
	fx_clean(&x, "LEFT-011");
	fx_close(&x);
	free(root);
}

/* The real Debian root: debootstrap leaves its .deb files and logs behind. */
static void test_debian_minbase(void **state)
{
	char *root = t_debian_root("minbase");
	struct fx x;

	T_REQUIRE(root, "no debootstrapped root here");
	run_all(&x, root);
	assert_non_null(fx_find(&x, "LEFT-004", "/var/log/dpkg.log"));
	assert_non_null(fx_find(&x, "LEFT-003", "/var/cache/apt")); /* the .deb files */
	fx_clean(&x, "LEFT-001");
	fx_clean(&x, "LEFT-005");
	fx_clean(&x, "LEFT-009");
	fx_clean(&x, "LEFT-012");
	fx_close(&x);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_dirty),
		cmocka_unit_test(test_machine_id),
		cmocka_unit_test(test_cache_fingerprint_stable),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_host_keys),
		cmocka_unit_test(test_authorized_keys),
		cmocka_unit_test(test_debian_minbase),
		cmocka_unit_test(test_debian_base_host_keys),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
