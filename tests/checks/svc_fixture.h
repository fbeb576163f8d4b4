/* svc_fixture.h — the services root of the service check tests (tests/fixtures/services-root.sh) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TEST_SVC_FIXTURE_H
#define IA_TEST_SVC_FIXTURE_H

#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/*
 * The cached Debian 12 root with the services' packages unpacked (services-root.sh), or NULL
 * when this machine cannot build one (the script exits 77: the caller skips); any other failure
 * fails the test. Caller frees; never modify it (it is shared): take a slice.
 */
static inline char *t_services_root(void)
{
	char *root = NULL;
	size_t n = 0;
	FILE *p = popen("\"$IA_SOURCE_ROOT\"/tests/fixtures/services-root.sh 2>/dev/null", "r");
	int st;

	if (!p)
		return NULL;
	if (getline(&root, &n, p) > 0)
		root[strcspn(root, "\n")] = '\0';
	st = pclose(p);
	if (st != 0 || !root || !root[0]) {
		free(root);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
			return NULL;
		fail_msg("tests/fixtures/services-root.sh failed (status %d)", st);
	}
	return root;
}

/*
 * A private copy of part of the services root to edit (a hardened variant): the
 * space-separated top-level paths in what ("etc", "etc var/lib/tomcat10"), and always
 * /var/lib/dpkg/status and /etc/os-release so that the system is identified. NULL when there
 * is no services root (skip). Caller removes it (t_rmtree) and frees it.
 */
static inline char *t_services_slice(const char *what)
{
	char *src = t_services_root(), *dst;

	if (!src)
		return NULL;
	dst = t_mkdtemp();
	assert_int_equal(
		t_sh("set -e; d='%s'; cd '%s'; for p in %s var/lib/dpkg/status etc/os-release; "
		     "do mkdir -p \"$d/$(dirname $p)\"; cp -a \"$p\" \"$d/$(dirname $p)/\"; "
		     "done; test -s \"$d/var/lib/dpkg/status\"",
		     dst, src, what),
		0);
	free(src);
	return dst;
}

#endif
