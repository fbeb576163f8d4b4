/* test_agents.c — unit tests of the agents family (AGENT-001, AGENT-002): each cloud's endpoint
 * security agent installed and enabled at boot, or missing, and what each profile makes of it */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cleanup.h"

static char *base_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	return root;
}

static void run_both(struct fx *x)
{
	fx_run(x, "AGENT-001");
	fx_run(x, "AGENT-002");
}

/* Neither agent: each check reports its own cloud's agent as missing. */
static void test_absent(void **state)
{
	_cleanup_free_ char *root = base_root();
	struct fx x;

	(void)state;
	fx_open(&x, root);
	run_both(&x);
	assert_int_equal(fx_count(&x, "AGENT-001"), 1);
	assert_non_null(strstr(fx_find(&x, "AGENT-001", NULL)->title, "jdcloudhids"));
	assert_non_null(strstr(fx_find(&x, "AGENT-001", NULL)->title, "not installed"));
	assert_int_equal(fx_count(&x, "AGENT-002"), 1);
	assert_non_null(strstr(fx_find(&x, "AGENT-002", NULL)->title, "AliYunDun"));
	fx_close(&x);
	t_rmtree(root);
}

/* Aegis installed and enabled by systemd; the JD agent installed by SysV but not enabled, then
 * enabled by an rc link. */
static void test_installed(void **state)
{
	_cleanup_free_ char *root = base_root();
	struct fx x;

	(void)state;
	t_write(root, "usr/local/aegis/aegis_client/aegis_11_91/AliYunDun", "\177ELF", 0755);
	t_write(root, "etc/systemd/system/aegis.service", "[Service]\nExecStart=/x\n", 0644);
	t_symlink(root, "etc/systemd/system/multi-user.target.wants/aegis.service",
		  "/etc/systemd/system/aegis.service");
	t_write(root, "usr/local/jdcloud/bin/jdcloudhids", "\177ELF", 0755);
	t_write(root, "etc/init.d/jdcloudhids", "#!/bin/sh\n", 0755);
	fx_open(&x, root);
	run_both(&x);
	fx_clean(&x, "AGENT-002");
	assert_int_equal(fx_count(&x, "AGENT-001"), 1);
	assert_string_equal(fx_find(&x, "AGENT-001", NULL)->path,
			    "/usr/local/jdcloud/bin/jdcloudhids");
	assert_non_null(strstr(fx_find(&x, "AGENT-001", NULL)->title, "not enabled at boot"));
	fx_close(&x);

	t_symlink(root, "etc/rc2.d/S01jdcloudhids", "../init.d/jdcloudhids");
	fx_open(&x, root);
	run_both(&x);
	fx_clean(&x, "AGENT-001");
	fx_clean(&x, "AGENT-002");
	fx_close(&x);
	t_rmtree(root);
}

/* JD Cloud's agent by the names its own documentation gives: the jcloudhids program, and its
 * Jdog-Monitor plug-in's processes and service enabled at boot. */
static void test_jd_documented(void **state)
{
	_cleanup_free_ char *root = base_root();
	struct fx x;

	(void)state;
	t_write(root, "usr/local/share/jcloud/jdog-monitor/bin/jdog-watchdog", "\177ELF", 0755);
	t_write(root, "etc/systemd/system/jdog_service.service", "[Service]\nExecStart=/x\n", 0644);
	t_symlink(root, "etc/systemd/system/multi-user.target.wants/jdog_service.service",
		  "/etc/systemd/system/jdog_service.service");
	fx_open(&x, root);
	fx_run(&x, "AGENT-001");
	fx_clean(&x, "AGENT-001");
	fx_close(&x);
	t_rmtree(root);
}

/* An AliYunDun outside the agent's directory is not the agent. */
static void test_wrong_place(void **state)
{
	_cleanup_free_ char *root = base_root();
	struct fx x;

	(void)state;
	t_write(root, "tmp/AliYunDun", "fake", 0755);
	t_write(root, "etc/systemd/system/aegis.service", "[Service]\nExecStart=/x\n", 0644);
	t_symlink(root, "etc/systemd/system/multi-user.target.wants/aegis.service",
		  "/etc/systemd/system/aegis.service");
	fx_open(&x, root);
	fx_run(&x, "AGENT-002");
	assert_int_equal(fx_count(&x, "AGENT-002"), 1);
	assert_non_null(strstr(fx_find(&x, "AGENT-002", NULL)->title, "not installed"));
	fx_close(&x);
	t_rmtree(root);
}

static const struct fnd_clause *clause(const struct fnd_report *r, const char *id)
{
	for (size_t i = 0; i < r->n_clauses; i++)
		if (strcmp(r->clauses[i].id, id) == 0)
			return &r->clauses[i];
	return NULL;
}

/* Each profile requires its own cloud's agent: jdcloud fails JD-1.1f without the JD agent and
 * has no Aegis clause; aliyun fails AY-1.1.3 without Aegis; with it, AY-1.1.3 passes while the
 * JD agent's absence decides nothing there; sysreq and jike have neither clause. */
static void test_profiles(void **state)
{
	_cleanup_free_ char *root = base_root();
	struct chk_audit_result r;
	const struct fnd_finding *f;

	(void)state;
	fx_audit(&r, root, "jdcloud", NULL);
	assert_int_equal(clause(&r.report, "JD-1.1f")->verdict, FND_FAIL);
	assert_null(clause(&r.report, "AY-1.1.3"));
	f = fx_find_in(&r.report, "AGENT-002", NULL);
	assert_true(f && f->outside);
	chk_audit_release(&r);

	fx_audit(&r, root, "aliyun", NULL);
	assert_int_equal(clause(&r.report, "AY-1.1.3")->verdict, FND_FAIL);
	assert_null(clause(&r.report, "JD-1.1f"));
	chk_audit_release(&r);

	t_write(root, "usr/local/aegis/aegis_update/AliYunDunUpdate", "\177ELF", 0755);
	t_write(root, "etc/init.d/aegis", "#!/bin/sh\n", 0755);
	t_symlink(root, "etc/rc3.d/S80aegis", "../init.d/aegis");
	fx_audit(&r, root, "aliyun", NULL);
	assert_int_equal(clause(&r.report, "AY-1.1.3")->verdict, FND_PASS);
	assert_non_null(strstr(clause(&r.report, "AY-1.1.3")->why, "/etc/rc3.d/S80aegis"));
	f = fx_find_in(&r.report, "AGENT-001", NULL);
	assert_true(f && f->outside);
	chk_audit_release(&r);

	for (int i = 0; i < 2; i++) {
		fx_audit(&r, root, i ? "jike" : "sysreq", NULL);
		assert_null(clause(&r.report, "JD-1.1f"));
		assert_null(clause(&r.report, "AY-1.1.3"));
		chk_audit_release(&r);
	}
	t_rmtree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent),        cmocka_unit_test(test_installed),
		cmocka_unit_test(test_jd_documented), cmocka_unit_test(test_wrong_place),
		cmocka_unit_test(test_profiles),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
