/* test_files.c — tests of the files family on small roots built here and on a debootstrapped root
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "util/cleanup.h"
#include "chk_fixture.h"

#include "checks/files_caps.h"
#include "checks/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

static void run_files(struct fx *x)
{
	for (size_t i = 0; i < chk_catalogue_len; i++)
		if (strcmp(chk_catalogue[i].family, "files") == 0)
			chk_run_one(&x->ctx, &chk_catalogue[i]);
}

/* A tidy Debian-like root: every files check passes. */
static char *good_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, "alice:x:1000:1000::/home/alice:/bin/bash\n", "alice:!:1:0:99999:7:::\n",
		    "alice:x:1000:\n");
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	chmod(root, 0755);
	t_mkdir(root, "etc", 0755);
	t_mkdir(root, "tmp", 01777);
	t_mkdir(root, "tmp/build", 0777);
	t_write(root, "tmp/scratch", "x", 0666);
	t_mkdir(root, "var/tmp", 01777);
	t_mkdir(root, "root", 0700);
	t_write(root, "usr/bin/passwd", "", 04755);
	t_write(root, "usr/bin/crontab", "", 02755);
	t_write(root, "etc/sudoers", "root ALL=(ALL:ALL) ALL\n", 0440);
	t_write(root, "etc/sudoers.d/README", "#\n", 0440);
	t_mkdir(root, "home/alice", 0750);
	t_mkdir(root, "home/alice/.ssh", 0700);
	t_write(root, "home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAA x\n", 0600);
	t_write(root, "home/alice/.ssh/id_ed25519", "key", 0600);
	t_write(root, "etc/ssh/ssh_host_ed25519_key", "key", 0600);
	assert_int_equal(t_sh("chown -R 1000:1000 '%s/home/alice'", root), 0);
	return root;
}

static void test_good_root_passes(void **state)
{
	char *root = good_root();
	struct fx x;

	fx_open(&x, root);
	run_files(&x);
	for (size_t i = 0; i < x.r.n_findings; i++)
		fail_msg("unexpected %s: %s", x.r.findings[i].check, x.r.findings[i].title);
	assert_int_equal(fx_gaps(&x, "FS-003"), 0);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_world_writable(void **state)
{
	char *root = good_root();
	const struct fnd_finding *f;
	struct fx x;

	t_mkdir(root, "srv/share", 0777);
	t_mkdir(root, "srv/drop", 01777);
	t_mkdir(root, "var/tmp", 0777); /* lost its sticky bit */
	t_write(root, "etc/app.conf", "x", 0666);
	t_symlink(root, "srv/link", "/etc");
	fx_open(&x, root);
	fx_run(&x, "FS-001");
	fx_run(&x, "FS-002");
	assert_int_equal(fx_count(&x, "FS-001"), 3);
	f = fx_find(&x, "FS-001", "/srv/share");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "without the sticky bit"));
	assert_non_null(strstr(f->value, "0777"));
	assert_non_null(strstr(fx_find(&x, "FS-001", "/srv/drop")->title, "sticky bit set"));
	assert_non_null(fx_find(&x, "FS-001", "/var/tmp"));
	assert_int_equal(fx_count(&x, "FS-002"), 1);
	assert_non_null(fx_find(&x, "FS-002", "/etc/app.conf"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_suid(void **state)
{
	char *root = good_root();
	struct fx x;

	t_write(root, "usr/local/bin/rootme", "", 04755);
	t_write(root, "opt/tool/helper", "", 02711);
	fx_open(&x, root);
	fx_run(&x, "FS-003");
	assert_int_equal(fx_count(&x, "FS-003"), 2);
	assert_non_null(strstr(fx_find(&x, "FS-003", "/usr/local/bin/rootme")->title, "setuid"));
	assert_non_null(strstr(fx_find(&x, "FS-003", "/opt/tool/helper")->title, "setgid"));
	fx_close(&x);

	/* no OS identity: nothing to compare with, said as a gap, never a pass */
	t_write(root, "etc/os-release", "NAME=mystery\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "FS-003");
	assert_int_equal(fx_count(&x, "FS-003"), 0);
	assert_int_equal(fx_gaps(&x, "FS-003"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* security.capability values as the kernel stores them (little-endian). */
static void caps_v2(unsigned char v[20], uint64_t permitted, uint64_t inheritable, bool eff)
{
	uint32_t w[5] = {0x02000000u | (eff ? 1u : 0u), (uint32_t)permitted, (uint32_t)inheritable,
			 (uint32_t)(permitted >> 32), (uint32_t)(inheritable >> 32)};

	for (int i = 0; i < 5; i++)
		for (int b = 0; b < 4; b++)
			v[i * 4 + b] = (unsigned char)(w[i] >> (8 * b));
}

static void test_caps_decode(void **state)
{
	unsigned char v[24];
	struct chk_caps c;
	const char *why;
	char text[256];

	caps_v2(v, 1ull << 13, 0, true);
	assert_int_equal(chk_caps_decode(v, 20, &c, &why), 0);
	assert_int_equal(c.version, 2);
	chk_caps_text(&c, text, sizeof(text));
	assert_string_equal(text, "cap_net_raw=ep");
	assert_int_equal(chk_caps_dangerous(c.permitted), 0);
	/* cap_setuid, cap_sys_admin and cap_bpf (bit 39, in the second word); inheritable too */
	caps_v2(v, 1ull << 7 | 1ull << 21 | 1ull << 39, 1ull << 7 | 1ull << 10, false);
	assert_int_equal(chk_caps_decode(v, 20, &c, &why), 0);
	chk_caps_text(&c, text, sizeof(text));
	assert_string_equal(text, "cap_setuid=ip cap_sys_admin,cap_bpf=p cap_net_bind_service=i");
	assert_int_equal(chk_caps_dangerous(c.permitted), 1ull << 7 | 1ull << 21 | 1ull << 39);
	/* v3: the namespace root it is valid for */
	caps_v2(v, 1ull << 12, 0, true);
	v[3] = 3;
	memcpy(v + 20, "\xe8\x03\x00\x00", 4);
	assert_int_equal(chk_caps_decode(v, 24, &c, &why), 0);
	chk_caps_text(&c, text, sizeof(text));
	assert_string_equal(text, "cap_net_admin=ep [rootid=1000]");
	/* v1: one word */
	assert_int_equal(
		chk_caps_decode("\x01\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00", 12, &c, &why),
		0);
	assert_int_equal(c.permitted, 1);
	/* malformed: sizes that do not match the revision, an unknown revision */
	assert_int_equal(chk_caps_decode(v, 20, &c, &why), -1);
	assert_int_equal(chk_caps_decode(v, 3, &c, &why), -1);
	v[3] = 9;
	assert_int_equal(chk_caps_decode(v, 24, &c, &why), -1);
	assert_int_equal(chk_cap_bit("CAP_NET_RAW", 11), 13);
	assert_int_equal(chk_cap_bit("cap_nothing", 11), -1);
}

static void set_caps(const char *root, const char *rel, const void *v, size_t n)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(setxattr(p, "security.capability", v, n, 0), 0);
}

static void test_file_caps(void **state)
{
	char *root = good_root();
	unsigned char v[20];
	struct fx x;

	if (geteuid() != 0) {
		t_rmtree(root);
		free(root);
	}
	T_REQUIRE(geteuid() == 0, "setting security.capability needs root (CAP_SETFCAP)");
	t_write(root, "usr/bin/ping", "", 0755);
	t_write(root, "usr/bin/arping", "", 0755);
	t_write(root, "usr/local/bin/sniff", "", 0755);
	t_write(root, "opt/x/rootish", "", 0755);
	t_write(root, "opt/x/nothing", "", 0755);
	caps_v2(v, 1ull << 13, 0, true);
	set_caps(root, "usr/bin/ping", v, 20);        /* Debian's default: not reported */
	set_caps(root, "usr/local/bin/sniff", v, 20); /* the same, elsewhere: medium */
	caps_v2(v, 1ull << 13 | 1ull << 1, 0, true);  /* ping's and cap_dac_override */
	set_caps(root, "usr/bin/arping", v, 20);      /* more than its default: high */
	caps_v2(v, 1ull << 7, 0, true);
	set_caps(root, "opt/x/rootish", v, 20); /* cap_setuid: high */
	caps_v2(v, 0, 0, true);
	set_caps(root, "opt/x/nothing", v, 20); /* no capability: grants nothing */
	t_write(root, "opt/x/inert", "", 0644);
	caps_v2(v, 1ull << 7, 0, true);
	set_caps(root, "opt/x/inert", v, 20); /* cap_setuid on a file no one may execute */
	fx_open(&x, root);
	fx_run(&x, "FS-010");
	assert_int_equal(fx_count(&x, "FS-010"), 3);
	assert_null(fx_find(&x, "FS-010", "/opt/x/inert"));
	/* ping, arping, sniff and rootish; not the file no one may execute */
	assert_non_null(fx_note(&x, "FS-010",
				"executable files read: 4 with capabilities, 1 of them in "
				"data/caps/debian.txt"));
	assert_non_null(fx_note(&x, "FS-010", "regular files without an execute bit not read"));
	assert_null(fx_find(&x, "FS-010", "/usr/bin/ping"));
	assert_null(fx_find(&x, "FS-010", "/opt/x/nothing"));
	assert_int_equal(fx_find(&x, "FS-010", "/usr/local/bin/sniff")->severity, FND_SEV_MEDIUM);
	assert_string_equal(fx_find(&x, "FS-010", "/usr/local/bin/sniff")->value, "cap_net_raw=ep");
	assert_int_equal(fx_find(&x, "FS-010", "/usr/bin/arping")->severity, FND_SEV_HIGH);
	assert_int_equal(fx_find(&x, "FS-010", "/opt/x/rootish")->severity, FND_SEV_HIGH);
	assert_non_null(strstr(fx_find(&x, "FS-010", "/opt/x/rootish")->title, "cap_setuid"));
	assert_int_equal(fx_gaps(&x, "FS-010"), 0);
	fx_close(&x);

	/* no default set for the family: compared with nothing, a gap, never a pass */
	t_write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "FS-010");
	assert_int_equal(fx_count(&x, "FS-010"), 0);
	assert_int_equal(fx_gaps(&x, "FS-010"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_key_permissions(void **state)
{
	char *root = good_root();
	struct fx x;

	t_mkdir(root, "etc", 0775);
	t_write(root, "etc/shadow", "root:*:1:0:99999:7:::\n", 0644);
	t_write(root, "etc/shadow-", "root:*:1:0:99999:7:::\n", 0666);
	t_write(root, "etc/sudoers.d/app", "app ALL=NOPASSWD: ALL\n", 0666);
	t_mkdir(root, "root", 0755);
	t_mkdir(root, "home/alice/.ssh", 0777);
	t_write(root, "home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAA x\n", 0666);
	t_write(root, "home/alice/.ssh/id_ed25519", "key", 0644);
	t_write(root, "etc/ssh/ssh_host_rsa_key", "key", 0640);
	t_mkdir(root, "usr/bin", 0755);
	assert_int_equal(t_sh("chown 1000 '%s/usr/bin'", root), 0);
	assert_int_equal(t_sh("chown 0:0 '%s/home/alice'", root), 0);
	assert_int_equal(t_sh("chmod 0777 '%s/home/alice'", root), 0);
	fx_open(&x, root);
	run_files(&x);
	assert_non_null(fx_find(&x, "FS-004", "/etc"));
	assert_non_null(strstr(fx_find(&x, "FS-004", "/usr/bin")->title, "uid 1000"));
	assert_non_null(strstr(fx_find(&x, "FS-005", "/etc/shadow")->title, "everyone"));
	/* each fix names its own file and command, not a placeholder or the file next to it */
	assert_string_equal(fx_find(&x, "FS-005", "/etc/shadow")->remediation,
			    "chmod o-rwx /etc/shadow");
	for (size_t i = 0; i < x.r.n_findings; i++) {
		const struct fnd_finding *f = &x.r.findings[i];

		if (strcmp(f->path, "/etc/shadow-") == 0)
			assert_non_null(strstr(f->remediation, "/etc/shadow-"));
		assert_null(strstr(f->remediation, " DIR"));
		assert_null(strstr(f->remediation, " FILE"));
		assert_null(strstr(f->remediation, " HOME"));
	}
	assert_string_equal(fx_find(&x, "FS-004", "/usr/bin")->remediation, "chown root /usr/bin");
	assert_string_equal(fx_find(&x, "FS-006", "/etc/sudoers.d/app")->remediation,
			    "chmod go-w /etc/sudoers.d/app");
	assert_string_equal(fx_find(&x, "FS-008", "/home/alice/.ssh/id_ed25519")->remediation,
			    "chmod 600 /home/alice/.ssh/id_ed25519");
	assert_non_null(fx_find(&x, "FS-006", "/etc/sudoers.d/app"));
	assert_non_null(strstr(fx_find(&x, "FS-007", "/root")->title, "open to every user"));
	assert_non_null(fx_find(&x, "FS-007", "/home/alice"));
	assert_non_null(fx_find(&x, "FS-008", "/home/alice/.ssh"));
	assert_non_null(fx_find(&x, "FS-008", "/home/alice/.ssh/authorized_keys"));
	assert_non_null(fx_find(&x, "FS-008", "/home/alice/.ssh/id_ed25519"));
	/* group-readable host key owned by root's group is not ssh_keys: reported */
	assert_non_null(fx_find(&x, "FS-008", "/etc/ssh/ssh_host_rsa_key"));
	assert_null(fx_find(&x, "FS-008", "/etc/ssh/ssh_host_ed25519_key"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_unowned(void **state)
{
	char *root = good_root();
	struct fx x;

	t_write(root, "opt/from-tarball", "x", 0644);
	t_write(root, "opt/odd-group", "x", 0644);
	assert_int_equal(t_sh("chown 4242:4242 '%s/opt/from-tarball'", root), 0);
	assert_int_equal(t_sh("chown 0:777 '%s/opt/odd-group'", root), 0);
	fx_open(&x, root);
	fx_run(&x, "FS-009");
	assert_int_equal(fx_count(&x, "FS-009"), 2);
	assert_non_null(strstr(fx_find(&x, "FS-009", "/opt/from-tarball")->title, "uid 4242"));
	assert_non_null(strstr(fx_find(&x, "FS-009", "/opt/odd-group")->title, "gid 777"));
	fx_close(&x);

	/* no passwd at all (a scratch image): not applicable, no flood of findings */
	assert_int_equal(t_sh("rm '%s/etc/passwd'", root), 0);
	fx_open(&x, root);
	fx_run(&x, "FS-009");
	fx_clean(&x, "FS-009");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The real Debian 12 root: its default SUID set and permissions pass every files check. */
static void test_debian_base(void **state)
{
	_cleanup_free_ char *path = t_debian_root("base");
	struct fx x;

	T_REQUIRE(path, "no debootstrapped root can be built here");
	fx_open(&x, path);
	assert_string_equal(x.f.os.family, "debian");
	run_files(&x);
	for (size_t i = 0; i < x.r.n_findings; i++)
		print_message("%s %s\n", x.r.findings[i].check, x.r.findings[i].title);
	fx_all_clean(&x);
	/* not a pass by absence: the root's setuid/setgid programs (passwd, su, sudo, mount,
	 * unix_chkpwd, ssh-keysign, crontab, ...) were compared with debian.txt */
	assert_non_null(fx_note(&x, "FS-003", "setuid/setgid files compared"));
	fx_close(&x);
}

/* The default SUID sets: absolute paths, one a line, no duplicates, each file non-trivial. */
static void test_suid_lists(void **state)
{
	static const char *const lists[] = {"debian", "rhel", "alpine", "suse"};

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char rel[64], *path, *data, *line, *save = NULL;
		size_t len, n = 0;
		char **seen = NULL;

		snprintf(rel, sizeof(rel), "data/suid/%s.txt", lists[i]);
		assert_true(asprintf(&path, "%s/%s", getenv("IA_SOURCE_ROOT"), rel) > 0);
		data = t_slurp(path, &len);
		assert_non_null(data);
		for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == '#')
				continue;
			if (line[0] != '/' || strpbrk(line, " \t\r"))
				fail_msg("%s: not a bare absolute path: '%s'", rel, line);
			for (size_t j = 0; j < n; j++)
				if (strcmp(seen[j], line) == 0)
					fail_msg("%s: listed twice: %s", rel, line);
			seen = realloc(seen, (n + 1) * sizeof(*seen));
			assert_non_null(seen);
			seen[n++] = line;
		}
		assert_true(n >= 10);
		free(seen);
		free(data);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_root_passes),
		cmocka_unit_test(test_world_writable),
		cmocka_unit_test(test_suid),
		cmocka_unit_test(test_caps_decode),
		cmocka_unit_test(test_file_caps),
		cmocka_unit_test(test_key_permissions),
		cmocka_unit_test(test_unowned),
		cmocka_unit_test(test_debian_base),
		cmocka_unit_test(test_suid_lists),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
