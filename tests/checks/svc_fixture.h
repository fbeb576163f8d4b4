/* svc_fixture.h — the services root of the service check tests (tests/fixtures/services-root.sh) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TEST_SVC_FIXTURE_H
#define IA_TEST_SVC_FIXTURE_H

#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/*
 * Copies program prog of the services root src ("usr/sbin/sshd") into work/bin with the
 * libraries it loads (resolved in the root, through the root's dynamic loader) in work/lib, all
 * readable by every user, so that the root's own build runs from work as an unprivileged user
 * (the cache under a private home is out of its reach):
 *   work/lib/ld-linux-x86-64.so.2 --library-path work/lib work/bin/NAME
 * false (the caller skips) when prog is not in the root.
 */
static inline bool t_root_prog(const char *src, const char *work, const char *prog)
{
	char bin[4096];

	snprintf(bin, sizeof(bin), "%s/%s", src, prog);
	if (access(bin, X_OK) != 0)
		return false;
	assert_int_equal(
		t_sh("set -e; S='%s'; W='%s'; L=$S/lib/x86_64-linux-gnu; mkdir -p $W/bin $W/lib; "
		     "cp '%s' $W/bin/; $L/ld-linux-x86-64.so.2 --library-path "
		     "$L:$S/usr/lib/x86_64-linux-gnu --list '%s' | awk '$2 == \"=>\" { print $3 }' "
		     "| while read -r f; do cp -L \"$f\" $W/lib/; done; "
		     "cp -L $L/ld-linux-x86-64.so.2 $W/lib/; chmod -R a+rX $W/bin $W/lib; "
		     "chmod 755 $W",
		     src, work, bin, bin),
		0);
	return true;
}

/* The shell words that run a program t_root_prog copied into $W (a shell variable of the script
 * holding work), as nobody when the test runs as root (sshd then needs neither /run/sshd nor an
 * sshd user on this machine). */
#define T_ROOT_RUN(name)                                                                           \
	"$( [ \"$(id -u)\" = 0 ] && echo setpriv --reuid=65534 --regid=65534 --clear-groups ) "    \
	"$W/lib/ld-linux-x86-64.so.2 --library-path $W/lib $W/bin/" name

#endif
