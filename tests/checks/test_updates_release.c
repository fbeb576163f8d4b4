/* test_updates_release.c — UPD-001: the image's own apt lists against the SHA256 their suite's
 * Release file (kept beside them by apt) lists, and that file's signature checked with gpgv
 * against the user's keyrings (scan --keyring), said in the findings' evidence */
/* SPDX-License-Identifier: Apache-2.0 */
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "checks/state.h"

#define SECURITY_GZ "debian-apt/bookworm-security_main_amd64_Packages.gz"
#define LISTS "var/lib/apt/lists/"
#define PREFIX "deb.debian.org_debian-security_dists_bookworm-security_"
/* Debian's archive keys as the debian-archive-keyring package installs them. */
#define KEYRING "/usr/share/keyrings/debian-archive-keyring.gpg"
#define DEBIAN_KEYS                                                                                \
	"key ED541312A33F1128F10B1C6C54404762BBB6E853 B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8"

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

/* The small root with the real bookworm-security list (lz4) and its InRelease (the file at
 * tests/data, or inrelease when not NULL). */
static char *signed_root(const char *inrelease)
{
	char *root = small_root(), *gz = t_data(SECURITY_GZ),
	     *rel = t_data("debian-apt/bookworm-security_InRelease");

	assert_int_equal(t_sh("zcat '%s' | lz4 -q > '%s/" LISTS PREFIX
			      "main_binary-amd64_Packages.lz4' && cp '%s' '%s/" LISTS PREFIX
			      "InRelease'",
			      gz, root, inrelease ? inrelease : rel, root),
			 0);
	free(gz);
	free(rel);
	return root;
}

/* UPD-001 on root with these keyrings (none: NULL). */
static void run_keys(struct fx *x, const char *root, const char *const *keys, size_t n)
{
	fx_open(x, root);
	x->o.keyrings = keys;
	x->o.n_keyrings = n;
	fx_run(x, "UPD-001");
}

static void need_gpgv(void)
{
	T_REQUIRE(t_sh("command -v gpgv >/dev/null && command -v lz4 >/dev/null") == 0,
		  "gpgv or lz4 missing (scripts/setup.sh)");
	T_REQUIRE(access(KEYRING, R_OK) == 0, "debian-archive-keyring missing (scripts/setup.sh)");
}

/* The real InRelease: good with Debian's keyring (one gap-free audit, the keys in the evidence);
 * without --keyring: the note; a keyring without Debian's keys: not verified, a gap; gpgv not
 * on PATH: a note, no gap. */
static void test_release_signature(void **state)
{
	char *root = signed_root(NULL), *dir = t_mkdtemp(), *empty, *path = getenv("PATH");
	const char *debian[] = {KEYRING}, *none[1];
	const struct fnd_finding *f;
	struct fx x;

	need_gpgv();
	run_keys(&x, root, debian, 1);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value,
			       "1 matched, 0 not matching, 0 not checked; Release "
			       "signatures: 1 good (" DEBIAN_KEYS "), 0 BAD, 0 not verified"));
	assert_non_null(fx_note(&x, "UPD-001",
				"InRelease signature good (" DEBIAN_KEYS ") with the --keyring"));
	assert_non_null(fx_note(&x, "UPD-001", "its SHA256 matches main/binary-amd64/Packages as"));
	fx_close(&x);
	/* a second list of the same suite (an i386 one, here the amd64 text: not the one the
	 * InRelease lists): the InRelease verified once, counted once */
	assert_int_equal(t_sh("cd '%s/" LISTS "' && cp " PREFIX
			      "main_binary-amd64_Packages.lz4 " PREFIX
			      "main_binary-i386_Packages.lz4",
			      root),
			 0);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "its SHA256 does not match the main/binary-i386/Packages"));
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value,
			       "1 matched, 1 not matching, 0 not checked; Release "
			       "signatures: 1 good (" DEBIAN_KEYS "), 0 BAD, 0 not verified"));
	fx_close(&x);
	assert_int_equal(t_sh("rm '%s/" LISTS PREFIX "main_binary-i386_Packages.lz4'", root), 0);

	run_keys(&x, root, NULL, 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value, "; signature not verified: no --keyring given"));
	assert_non_null(
		fx_note(&x, "UPD-001", "InRelease: signature not verified: no --keyring given"));
	fx_close(&x);

	t_write(dir, "empty.gpg", "", 0644);
	assert_true(asprintf(&empty, "%s/empty.gpg", dir) > 0);
	none[0] = empty;
	run_keys(&x, root, none, 1);
	assert_true(gap_says(&x, "InRelease signature not verified: signed by keys no --keyring "
				 "holds (54404762BBB6E853 BDE6D2B9216EC7A8)"));
	assert_true(gap_says(&x, "not used: /var/lib/apt/lists/" PREFIX "InRelease, the Release "
				 "file that lists it, does not verify"));
	assert_true(gap_says(&x, "no security suite index to trust: the image's 1 list(s) were "
				 "not used"));
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	fx_close(&x);

	path = strdup(path ? path : "/usr/bin:/bin");
	setenv("PATH", dir, 1);
	run_keys(&x, root, debian, 1);
	setenv("PATH", path, 1);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_non_null(fx_note(&x, "UPD-001", "signature not verified: gpgv is not installed"));
	fx_close(&x);
	t_rmtree(root);
	t_rmtree(dir);
	free(root);
	free(dir);
	free(empty);
	free(path);
}

/* One byte of the signed text changed (the SHA256 list intact, so the list still matches it):
 * BAD, a gap for the Release file and one for its list, which is not used; with the same index
 * given by the user, its findings, and their evidence says the image's list did not verify. */
static void test_release_bad_signature(void **state)
{
	char *rel = t_data("debian-apt/bookworm-security_InRelease"), *dir = t_mkdtemp(), *d, *q,
	     *bad, *root, *gz = t_data(SECURITY_GZ);
	const char *debian[] = {KEYRING}, *idx[] = {gz};
	const struct fnd_finding *f;
	size_t n;
	struct fx x;

	need_gpgv();
	d = t_slurp(rel, &n);
	q = strstr(d, "Label: Debian-Security");
	assert_non_null(q);
	q[7] = 'd'; /* "Debian" -> "debian" */
	t_write(dir, "InRelease", d, 0644);
	assert_true(asprintf(&bad, "%s/InRelease", dir) > 0);
	root = signed_root(bad);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "InRelease signature BAD (BAD signature by key"));
	assert_true(gap_says(&x, "the lists it covers are not trusted"));
	assert_true(gap_says(&x, "not used: /var/lib/apt/lists/" PREFIX "InRelease"));
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	fx_close(&x);
	/* the same index given by the user (--security-index): its findings, the evidence says
	 * the image's list did not verify */
	fx_open(&x, root);
	x.o.keyrings = debian;
	x.o.n_keyrings = 1;
	x.o.security_indexes = idx;
	x.o.n_security_indexes = 1;
	fx_run(&x, "UPD-001");
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	f = fx_find(&x, "UPD-001", NULL);
	assert_non_null(f);
	assert_non_null(strstr(f->value, "1 matched, 0 not matching, 0 not checked; Release "
					 "signatures: 0 good, 1 BAD, 0 not verified"));
	assert_true(gap_says(&x, "InRelease signature BAD (BAD signature by key"));
	fx_close(&x);
	t_rmtree(root);
	t_rmtree(dir);
	free(root);
	free(dir);
	free(bad);
	free(d);
	free(rel);
	free(gz);
}

/* A Release without a signature: with --keyring a gap (apt would refuse it), without the
 * note; with a Release.gpg made by a key of a keyring given (gpg in a private GNUPGHOME):
 * good, the signature detached; the same Release.gpg over a changed Release: BAD. */
static void test_release_unsigned_and_detached(void **state)
{
	char *root = signed_root(NULL), *dir = t_mkdtemp(), *kr;
	const char *debian[] = {KEYRING}, *mine[2];
	struct fx x;

	need_gpgv();
	assert_int_equal(t_sh("cd '%s/" LISTS "' && gpgv --keyring " KEYRING " --output " PREFIX
			      "Release " PREFIX "InRelease 2>/dev/null && rm " PREFIX "InRelease",
			      root),
			 0);
	run_keys(&x, root, debian, 1);
	assert_true(
		gap_says(&x, "not signed: no InRelease and no Release.gpg beside this Release"));
	assert_true(gap_says(&x, "not used: "));
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	fx_close(&x);
	run_keys(&x, root, NULL, 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_non_null(fx_note(&x, "UPD-001",
				"signature not verified: no --keyring given (and it has no "
				"signature"));
	fx_close(&x);

	if (t_sh("command -v gpg >/dev/null") == 0) {
		assert_int_equal(
			t_sh("set -e; export GNUPGHOME='%s/home'; mkdir -m 700 \"$GNUPGHOME\"; "
			     "gpg -q --batch --passphrase '' --quick-gen-key 'imgaudit test "
			     "<test@example.org>' ed25519 sign never 2>/dev/null; "
			     "gpg -q --export > '%s/mine.gpg'; "
			     "gpg -q --batch --detach-sign --armor -o '%s/" LISTS PREFIX
			     "Release.gpg' '%s/" LISTS PREFIX "Release'",
			     dir, dir, root, root),
			0);
		assert_true(asprintf(&kr, "%s/mine.gpg", dir) > 0);
		mine[0] = KEYRING;
		mine[1] = kr;
		run_keys(&x, root, mine, 2);
		assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
		assert_non_null(
			fx_note(&x, "UPD-001", "Release: Release.gpg signature good (key "));
		fx_close(&x);
		assert_int_equal(t_sh("sed -i 's/^Label: Debian-Security/Label: debian-Security/' "
				      "'%s/" LISTS PREFIX "Release'",
				      root),
				 0);
		run_keys(&x, root, mine, 2);
		assert_true(gap_says(&x, "Release.gpg signature BAD"));
		fx_close(&x);
		free(kr);
	}
	t_rmtree(root);
	t_rmtree(dir);
	free(root);
	free(dir);
}

/* Hostile Release files: one over IA_MAX_APT_RELEASE_FILE (not read, said; the list not used
 * with --keyring), none at all, binary garbage after the armour line (BAD, said), garbage with
 * no armour (unsigned). */
static void test_release_hostile(void **state)
{
	char *root = signed_root(NULL);
	const char *debian[] = {KEYRING};
	struct fx x;

	need_gpgv();
	assert_int_equal(t_sh("cd '%s/" LISTS "' && head -c %u /dev/zero >> " PREFIX "InRelease",
			      root, (unsigned)IA_MAX_APT_RELEASE_FILE),
			 0);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "file not examined: larger than"));
	assert_non_null(fx_note(&x, "UPD-001", "the Release file beside it could not be read"));
	assert_true(gap_says(&x, "not used: no Release file beside it could be read and verified"));
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	fx_close(&x);
	/* no Release file at all: with --keyring the list is not used; without, it is */
	assert_int_equal(t_sh("rm '%s/" LISTS PREFIX "InRelease'", root), 0);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "not used: no Release file beside it could be read and verified"));
	assert_int_equal(fx_count(&x, "UPD-001"), 0);
	fx_close(&x);
	run_keys(&x, root, NULL, 0);
	assert_int_equal(fx_gaps(&x, "UPD-001"), 0);
	assert_int_equal(fx_count(&x, "UPD-001"), 6);
	fx_close(&x);
	assert_int_equal(t_sh("cd '%s/" LISTS "' && (echo '-----BEGIN PGP SIGNED MESSAGE-----'; "
			      "head -c 100000 /dev/urandom) > " PREFIX "InRelease",
			      root),
			 0);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "InRelease signature BAD"));
	fx_close(&x);
	assert_int_equal(t_sh("cd '%s/" LISTS "' && head -c 100000 /dev/urandom > " PREFIX
			      "InRelease",
			      root),
			 0);
	run_keys(&x, root, debian, 1);
	assert_true(gap_says(&x, "not signed"));
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_hash),
		cmocka_unit_test(test_release_signature),
		cmocka_unit_test(test_release_bad_signature),
		cmocka_unit_test(test_release_unsigned_and_detached),
		cmocka_unit_test(test_release_hostile),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
