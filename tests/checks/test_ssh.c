/* test_ssh.c — unit tests of the ssh family (SSH-001..007): sshd_config as sshd reads it */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "svc_fixture.h"

static void run_all(struct fx *x)
{
	fx_run_family(x, "SSH", 7);
}

static char *root_with_sshd(const char *config)
{
	char *root = fx_debian_root();

	if (config)
		t_write(root, "etc/ssh/sshd_config", config, 0644);
	return root;
}

/* No sshd: nothing to examine, nothing found, no gap. */
static void test_absent(void **state)
{
	char *root = root_with_sshd(NULL);
	struct fx x;

	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/*
 * Debian 12's openssh-server as its postinst leaves it (the services root): sshd_config sets
 * KbdInteractiveAuthentication no and UsePAM yes and leaves the rest to OpenSSH's defaults. A
 * reviewer expects: root may log in with a key (PermitRootLogin prohibit-password, the
 * default: SSH-002, low), passwords are accepted alone (PasswordAuthentication yes by default:
 * SSH-003), no second factor (SSH-006), logins from every address for every account (SSH-007).
 * Not: root with a password, empty passwords, weak algorithms (9.2's defaults are modern).
 */
static void test_debian_default(void **state)
{
	char *root = t_services_root();
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(x.r.n_findings, 4);
	f = fx_find(&x, "SSH-002", "/etc/ssh/sshd_config");
	assert_non_null(f);
	assert_int_equal(f->line, 0);
	assert_string_equal(f->value, "PermitRootLogin prohibit-password (default)");
	f = fx_find(&x, "SSH-003", "/etc/ssh/sshd_config");
	assert_non_null(f);
	assert_string_equal(f->value, "PasswordAuthentication yes (default)");
	assert_non_null(fx_find(&x, "SSH-006", "/etc/ssh/sshd_config"));
	f = fx_find(&x, "SSH-007", "/etc/ssh/sshd_config");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "for every account"));
	fx_close(&x);
	free(root);
}

/* The same files hardened through a drop-in of sshd_config.d (read first through the Include
 * at the top of Debian's sshd_config, so its values win): nothing found. */
static void test_debian_hardened(void **state)
{
	char *root = t_services_slice("etc");
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	t_write(root, "etc/ssh/sshd_config.d/10-hardening.conf",
		"PermitRootLogin no\n"
		"PasswordAuthentication no\n"
		"KbdInteractiveAuthentication yes\n"
		"AuthenticationMethods publickey,keyboard-interactive\n"
		"ListenAddress 10.1.2.3\n"
		"AllowGroups sshusers\n",
		0644);
	t_write(root, "etc/pam.d/sshd",
		"auth required pam_google_authenticator.so\n@include common-account\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/* sshd's order: Include read in place, the first value wins, Match blocks are contexts that an
 * included file ends; a Match block setting a weaker value is reported with its criteria. */
static void test_include_match(void **state)
{
	char *root = root_with_sshd("# comment\n"
				    "Include sshd_config.d/*.conf\n"
				    "PermitRootLogin yes\n" /* ignored: the drop-in said no */
				    "PasswordAuthentication=no\n"
				    "Match User backup\n"
				    "  Include /etc/ssh/match.d/backup\n"
				    "Match Address 10.0.0.0/8\n"
				    "  PermitRootLogin yes\n"
				    "  PasswordAuthentication yes\n");
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/ssh/sshd_config.d/50-a.conf", "permitrootlogin \"no\"\n", 0644);
	/* a Match here would end with the file: the global lines after the Include stay global */
	t_write(root, "etc/ssh/sshd_config.d/60-b.conf",
		"Match Group x\nPermitEmptyPasswords yes\n", 0644);
	t_write(root, "etc/ssh/match.d/backup", "PermitEmptyPasswords yes\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	/* root: the global value is the drop-in's no; the Match Address block sets yes */
	assert_int_equal(fx_count(&x, "SSH-001"), 1);
	f = fx_find(&x, "SSH-001", "/etc/ssh/sshd_config");
	assert_int_equal(f->line, 8);
	assert_non_null(strstr(f->value, "in Match Address 10.0.0.0/8"));
	assert_int_equal(fx_count(&x, "SSH-002"), 0);
	/* passwords: no globally, yes in the Match Address block */
	assert_int_equal(fx_count(&x, "SSH-003"), 1);
	assert_int_equal(fx_find(&x, "SSH-003", NULL)->line, 9);
	/* empty passwords: only inside the two Match blocks (Group x, User backup) */
	assert_int_equal(fx_count(&x, "SSH-004"), 2);
	assert_non_null(fx_find(&x, "SSH-004", "/etc/ssh/match.d/backup"));
	f = fx_find(&x, "SSH-004", "/etc/ssh/sshd_config.d/60-b.conf");
	assert_non_null(f);
	assert_non_null(strstr(f->value, "Match Group x"));
	fx_done(&x, root);
}

/* Match blocks as sshd applies them: the first matching block's value wins, so a block whose
 * criteria include an earlier block's (or any block after Match All) never applies that
 * keyword; "Address *" matches every connection; a block loosening a setting is reported with
 * its line. */
static void test_match_order(void **state)
{
	char *root = root_with_sshd("PasswordAuthentication no\n"
				    "Match All\n"
				    "  PermitRootLogin no\n"
				    "Match User admin Address 10.0.0.0/8\n"
				    "  PermitRootLogin yes\n"
				    "  PermitEmptyPasswords yes\n"
				    "Match Address *\n"
				    "  PasswordAuthentication yes\n"
				    "Match User bob\n"
				    "  PasswordAuthentication yes\n"
				    "  PermitEmptyPasswords yes\n"
				    "Match User bob Group staff\n"
				    "  PermitEmptyPasswords yes\n");
	const struct fnd_finding *f;
	struct fx x;

	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	/* Match All's no wins over the admin block's yes */
	assert_int_equal(fx_count(&x, "SSH-001"), 0);
	/* nor the global default's prohibit-password: Match All says no for every connection */
	assert_int_equal(fx_count(&x, "SSH-002"), 0);
	/* Address * loosens passwords for every connection (line 8); bob's block never applies */
	assert_int_equal(fx_count(&x, "SSH-003"), 1);
	f = fx_find(&x, "SSH-003", NULL);
	assert_int_equal(f->line, 8);
	assert_non_null(strstr(f->value, "in Match Address *, /etc/ssh/sshd_config line 7"));
	/* empty passwords: admin's block and bob's; bob+staff is covered by bob's */
	assert_int_equal(fx_count(&x, "SSH-004"), 2);
	fx_done(&x, root);
}

static void test_weak_algorithms(void **state)
{
	char *root = root_with_sshd("Ciphers +aes128-cbc,3des-cbc\n"
				    "MACs hmac-sha2-256,hmac-sha1,umac-64@openssh.com\n"
				    "KexAlgorithms -diffie-hellman-group14-sha1\n"
				    "HostKeyAlgorithms ssh-ed25519,ssh-rsa\n");
	const struct fnd_finding *f;
	struct fx x;

	fx_open(&x, root);
	fx_run(&x, "SSH-005");
	assert_int_equal(fx_count(&x, "SSH-005"), 3);
	f = fx_find(&x, "SSH-005", NULL);
	assert_int_equal(f->line, 1);
	assert_non_null(strstr(f->title, "aes128-cbc,3des-cbc"));
	assert_null(strstr(x.r.findings[1].title, "hmac-sha2-256"));
	assert_non_null(strstr(x.r.findings[1].title, "hmac-sha1,umac-64@openssh.com"));
	assert_non_null(strstr(x.r.findings[2].title, "ssh-rsa"));
	fx_done(&x, root);
}

/* A one-time-password module in PAM that a key login skips is no second factor; two methods
 * required are one. */
static void test_second_factor(void **state)
{
	char *root = root_with_sshd("UsePAM yes\n");
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/pam.d/sshd", "@include common-auth\n", 0644);
	t_write(root, "etc/pam.d/common-auth",
		"auth [success=1 default=ignore] pam_unix.so nullok\n"
		"auth required pam_u2f.so cue\n",
		0644);
	fx_open(&x, root);
	fx_run(&x, "SSH-006");
	f = fx_find(&x, "SSH-006", "/etc/ssh/sshd_config");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "/etc/pam.d/common-auth line 2 is skipped"));
	fx_close(&x);
	t_write(root, "etc/ssh/sshd_config",
		"UsePAM yes\nAuthenticationMethods publickey,keyboard-interactive:pam\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "SSH-006");
	fx_run(&x, "SSH-003");
	fx_clean(&x, "SSH-006");
	fx_clean(&x, "SSH-003");
	fx_close(&x);
	/* one list of a single method lets that method alone in */
	t_write(root, "etc/ssh/sshd_config", "AuthenticationMethods publickey,password password\n",
		0644);
	fx_open(&x, root);
	fx_run(&x, "SSH-006");
	fx_run(&x, "SSH-003");
	assert_int_equal(fx_count(&x, "SSH-006"), 1);
	assert_int_equal(fx_count(&x, "SSH-003"), 1);
	fx_done(&x, root);
}

static void test_access(void **state)
{
	char *root = root_with_sshd("AllowUsers alice@10.0.0.0/8 bob@192.168.1.*\n");
	struct fx x;

	fx_open(&x, root);
	fx_run(&x, "SSH-007");
	fx_clean(&x, "SSH-007");
	fx_close(&x);
	t_write(root, "etc/ssh/sshd_config", "AllowUsers alice bob@*\nListenAddress 0.0.0.0\n",
		0644);
	fx_open(&x, root);
	fx_run(&x, "SSH-007");
	assert_int_equal(fx_count(&x, "SSH-007"), 1);
	assert_int_equal(fx_find(&x, "SSH-007", "/etc/ssh/sshd_config")->line, 1);
	fx_done(&x, root);
}

/* Include cycles, nesting past the bound, binary garbage, an unterminated quote and a file over
 * the size bound: every check still runs, each problem is a gap naming the file and line, and
 * what could be read is still judged. */
static void test_malformed(void **state)
{
	char *root = root_with_sshd("Include loop.conf\n"
				    "PermitRootLogin \"yes\n"
				    "Include deep/d0\n"
				    "Include big.conf\n"
				    "Include /etc/ssh/*/x.conf\n"
				    "PermitEmptyPasswords  \t yes\t# trailing comment\n");
	char *big = malloc((5u << 20) + 1);
	struct fx x;

	assert_non_null(big);
	memset(big, '#', 5u << 20);
	big[(5u << 20) - 1] = '\n';
	big[5u << 20] = '\0';
	t_write(root, "etc/ssh/big.conf", big, 0644);
	free(big);
	t_write(root, "etc/ssh/loop.conf", "Include /etc/ssh/loop.conf\n\x01\x02garbage\x7f\n",
		0644);
	for (int i = 0; i < 20; i++) {
		char rel[64], body[64];

		snprintf(rel, sizeof(rel), "etc/ssh/deep/d%d", i);
		snprintf(body, sizeof(body), "Include deep/d%d\n", i + 1);
		t_write(root, rel, body, 0644);
	}
	fx_open(&x, root);
	run_all(&x);
	/* the cycle, the garbage line, the quote, the depth, the big file, the wildcard directory
	 */
	assert_int_equal(fx_gaps(&x, "SSH-001"), 6);
	for (int i = 2; i <= 7; i++) {
		char id[16];

		snprintf(id, sizeof(id), "SSH-%03d", i);
		assert_int_equal(fx_gaps(&x, id), 1);
	}
	assert_int_equal(fx_count(&x, "SSH-001"), 0);
	assert_int_equal(fx_count(&x, "SSH-004"), 1);
	assert_int_equal(fx_find(&x, "SSH-004", "/etc/ssh/sshd_config")->line, 6);
	assert_string_equal(fx_find(&x, "SSH-004", NULL)->value, "PermitEmptyPasswords yes");
	fx_done(&x, root);
}

/*
 * The static verdict against the running server: Debian's sshd of the services root (copied
 * with its libraries, run as nobody without re-exec, a host key made here) on two loopback
 * ports, passwords off globally and on in a Match LocalPort block for the second. SSH-003 finds
 * the Match block alone; the client asking for the "none" method is offered publickey on the
 * first port and publickey,password on the second, as the static verdict says.
 */
static void test_live_sshd(void **state)
{
	char *src = t_services_root(), *root, *work, *conf, *script, *out, path[4096];
	int port = 20000 + (int)((getpid() + 13) % 20000) + 1;
	const struct fnd_finding *f;
	size_t n;
	struct fx x;

	T_REQUIRE(src, "no services root here (tests/fixtures/services-root.sh)");
	T_REQUIRE(t_sh("command -v ssh && command -v ssh-keygen && command -v setpriv") == 0,
		  "no ssh, ssh-keygen or setpriv on this machine");
	work = t_mkdtemp();
	T_REQUIRE(t_root_prog(src, work, "usr/sbin/sshd"), "no sshd in the services root");
	root = fx_debian_root();
	assert_true(asprintf(&conf,
			     "Port %d\nPort %d\nListenAddress 127.0.0.1\nHostKey %s/key\n"
			     "PidFile none\nUsePAM no\nKbdInteractiveAuthentication no\n"
			     "PasswordAuthentication no\nMatch LocalPort %d\n"
			     "  PasswordAuthentication yes\n",
			     port, port + 1, work, port + 1) > 0);
	t_write(root, "etc/ssh/sshd_config", conf, 0644);
	t_write(work, "sshd_config", conf, 0644);
	free(conf);
	fx_open(&x, root);
	fx_run(&x, "SSH-003");
	assert_int_equal(fx_count(&x, "SSH-003"), 1);
	f = fx_find(&x, "SSH-003", NULL);
	assert_int_equal(f->line, 10);
	fx_close(&x);
	assert_true(
		asprintf(
			&script,
			"set -e; W='%s'; ssh-keygen -q -t ed25519 -N '' -f $W/key\n"
			"[ \"$(id -u)\" = 0 ] && chown 65534 $W/key\n"
			"setsid " T_ROOT_RUN(
				"sshd") " -D -r -e -f $W/sshd_config >$W/log 2>&1 &\n"
					"pid=$!\ntrap 'kill $pid 2>/dev/null; wait $pid "
					"2>/dev/null' EXIT\n"
					"for i in $(seq 100); do (exec "
					"3<>/dev/tcp/127.0.0.1/%d) 2>/dev/null "
					"&& break; sleep 0.1; done\n"
					"for p in %d %d; do timeout 10 ssh -p $p -o "
					"PreferredAuthentications=none "
					"-o StrictHostKeyChecking=no -o "
					"UserKnownHostsFile=/dev/null -o BatchMode=yes "
					"-F /dev/null -v probe@127.0.0.1 true 2>&1 | tr -d '\\r' | "
					"grep 'can continue' > $W/$p "
					"|| true; done\n",
			work, port + 1, port, port + 1) > 0);
	t_write(work, "probe.sh", script, 0644);
	free(script);
	assert_int_equal(t_sh("bash '%s/probe.sh'", work), 0);
	snprintf(path, sizeof(path), "%s/%d", work, port);
	out = t_slurp(path, &n);
	assert_non_null(strstr(out, "can continue: publickey\n"));
	free(out);
	snprintf(path, sizeof(path), "%s/%d", work, port + 1);
	out = t_slurp(path, &n);
	assert_non_null(strstr(out, "can continue: publickey,password\n"));
	free(out);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent),          cmocka_unit_test(test_debian_default),
		cmocka_unit_test(test_debian_hardened), cmocka_unit_test(test_include_match),
		cmocka_unit_test(test_match_order),     cmocka_unit_test(test_weak_algorithms),
		cmocka_unit_test(test_second_factor),   cmocka_unit_test(test_access),
		cmocka_unit_test(test_malformed),       cmocka_unit_test(test_live_sshd),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
