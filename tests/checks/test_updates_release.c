/* test_updates_release.c — UPD-001: the image's own apt lists against the SHA256 their suite's
 * Release file (kept beside them by apt) lists, said in the findings' evidence */
/* SPDX-License-Identifier: Apache-2.0 */
#include "chk_fixture.h"

#include <stdio.h>

#define SECURITY_GZ "debian-apt/bookworm-security_main_amd64_Packages.gz"
#define LISTS "var/lib/apt/lists/"
#define PREFIX "deb.debian.org_debian-security_dists_bookworm-security_"

/* A small root: the minbase dpkg status of tests/data and a Debian 12 os-release. */
static char *small_root(void)
{
	char *root = t_mkdtemp(), *st = t_data("dpkg/debian12-minbase-rootfs/var/lib/dpkg/status");
	char *data;
	size_t len;

	data = t_slurp(st, &len);
	t_write(root, "var/lib/dpkg/status", data, 0644);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n",
		0644);
	t_mkdir(root, "var/lib/apt/lists", 0755);
	free(data);
	free(st);
	return root;
}

static bool gap_says(const struct fx *x, const char *what)
{
	for (size_t i = 0; i < x->r.n_gaps; i++)
		if (strstr(x->r.gaps[i].reason, what))
			return true;
	return false;
}

/* The real list (lz4, as apt stores it) beside the real InRelease: matched; the same list with
 * one version changed: not matching, a gap; without a Release file: not checked. */
static void test_release_hash(void **state)
{
	char *root = small_root(), *gz = t_data(SECURITY_GZ),
	     *rel = t_data("debian-apt/bookworm-security_InRelease");
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(t_sh("command -v lz4 >/dev/null") == 0, "lz4 missing (scripts/setup.sh)");
	assert_int_equal(t_sh("zcat '%s' | lz4 -q > '%s/" LISTS PREFIX
			      "main_binary-amd64_Packages.lz4'",
			      gz, root),
			 0);
	assert_int_equal(t_sh("cp '%s' '%s/" LISTS PREFIX "InRelease'", rel, root), 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(
		f->value,
		"; image lists vs Release SHA256: 1 matched, 0 not matching, 0 not checked"));
	fx_close(&x);

	/* changed after apt downloaded it: still read (apt would), but said and a gap */
	assert_int_equal(t_sh("zcat '%s' | sed '1,/^Version:/ s/^Version: .*/&9/' | lz4 -q -f > "
			      "'%s/" LISTS PREFIX "main_binary-amd64_Packages.lz4'",
			      gz, root),
			 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	assert_true(gap_says(&x, "its SHA256 does not match the main/binary-amd64/Packages"));
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value, "0 matched, 1 not matching, 0 not checked"));
	fx_close(&x);

	/* a suite with a slash (Debian 10's "buster/updates"): its Release file found too */
	assert_int_equal(t_sh("cd '%s/" LISTS "' && rm -f *_Packages.lz4 && zcat '%s' | lz4 -q > "
			      "security.debian.org_dists_bookworm_updates_main_binary-amd64_"
			      "Packages.lz4 && cp '%s' "
			      "security.debian.org_dists_bookworm_updates_InRelease",
			      root, gz, rel),
			 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value, "1 matched, 0 not matching, 0 not checked"));
	fx_close(&x);
	assert_int_equal(
		t_sh("cd '%s/" LISTS
		     "' && mv security.debian.org_dists_bookworm_updates_main_binary-amd64_"
		     "Packages.lz4 " PREFIX "main_binary-amd64_Packages.lz4 && rm "
		     "security.debian.org_dists_bookworm_updates_InRelease",
		     root),
		0);

	/* no Release file beside it */
	assert_int_equal(t_sh("rm '%s/" LISTS PREFIX "InRelease'", root), 0);
	fx_open(&x, root);
	fx_run(&x, "UPD-001");
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value, "0 matched, 0 not matching, 1 not checked"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
	free(gz);
	free(rel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_hash),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
