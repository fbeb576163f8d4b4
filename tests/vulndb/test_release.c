/* test_release.c — apt Release/InRelease files: the real bookworm-security InRelease verified with
 * gpgv against Debian's archive keyring (good, bad, unknown key, unsigned, unchecked), its
 * SHA256 entries, hostile Release text, and the import that refuses what does not verify */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "vulndb/db.h"
#include "vulndb/release.h"

/* Debian's archive keys as the debian-archive-keyring package installs them. */
#define KEYRING "/usr/share/keyrings/debian-archive-keyring.gpg"
#define INRELEASE "debian-apt/bookworm-security_InRelease"
#define SEC_GZ "debian-apt/bookworm-security_main_amd64_Packages.gz"

static void need_gpgv(void)
{
	T_REQUIRE(t_sh("command -v gpgv >/dev/null") == 0, "gpgv missing (scripts/setup.sh)");
	T_REQUIRE(access(KEYRING, R_OK) == 0, "debian-archive-keyring missing (scripts/setup.sh)");
}

static void test_header_and_hashes(void **state)
{
	char *p = t_data(INRELEASE), *d, hex[65];
	size_t n;
	struct vdb_release_hdr h;
	uint64_t size = 0;

	d = t_slurp(p, &n);
	vdb_release_header(d, n, &h);
	assert_string_equal(h.codename, "bookworm-security");
	assert_string_equal(h.suite, "oldstable-security");
	assert_int_equal(h.date, 1795480473); /* Tue, 24 Nov 2026 00:34:33 UTC */
	assert_int_equal(vdb_release_sha256_mem(d, n, "main/binary-amd64/Packages", hex, &size), 0);
	assert_int_equal(strlen(hex), 64);
	assert_true(size > 1000000);
	assert_int_equal(vdb_release_sha256_mem(d, n, "main/binary-amd64/Packages.bz3", hex, &size),
			 -ENOENT);
	free(d);
	free(p);
	/* hostile text: a line of 2 MB, short and non-hex hashes, sizes that do not parse, a hash
	 * list outside SHA256, NUL bytes: skipped, never read past */
	struct ia_buf b = IA_BUF_INIT(8 << 20);

	ia_buf_adds(&b, "Codename: x-security\nSHA256:\n ");
	for (int i = 0; i < 2 << 20; i++)
		ia_buf_addc(&b, 'a');
	ia_buf_adds(&b, "\n abc 12 main/Packages\n");
	ia_buf_adds(
		&b,
		" zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz 1 a/Packages\n");
	ia_buf_adds(&b, " 0000000000000000000000000000000000000000000000000000000000000000 x "
			"b/Packages\n");
	ia_buf_adds(&b, " 0000000000000000000000000000000000000000000000000000000000000000 "
			"99999999999999999999999 c/Packages\n");
	ia_buf_adds(&b,
		    "MD5Sum:\n 0000000000000000000000000000000000000000000000000000000000000000 "
		    "5 d/Packages\n");
	ia_buf_add(&b, "\0\0\0", 3);
	assert_int_equal(vdb_release_sha256_mem(b.data, b.len, "main/Packages", hex, &size),
			 -ENOENT);
	assert_int_equal(vdb_release_sha256_mem(b.data, b.len, "a/Packages", hex, &size), -ENOENT);
	assert_int_equal(vdb_release_sha256_mem(b.data, b.len, "b/Packages", hex, &size), -ENOENT);
	assert_int_equal(vdb_release_sha256_mem(b.data, b.len, "c/Packages", hex, &size), -ENOENT);
	assert_int_equal(vdb_release_sha256_mem(b.data, b.len, "d/Packages", hex, &size), -ENOENT);
	vdb_release_header(b.data, b.len, &h);
	assert_string_equal(h.codename, "x-security");
	ia_buf_release(&b);
}

static void test_signature(void **state)
{
	char *p = t_data(INRELEASE), *dir = t_mkdtemp(), *d, *q;
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	struct ia_err err = {0};
	struct vdb_sig sig;
	char buf[300];
	size_t n;

	need_gpgv();
	/* good: two signatures by keys of the keyring; text is what they sign */
	assert_int_equal(vdb_release_verify(p, KEYRING, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_GOOD);
	assert_string_equal(sig.keys, "ED541312A33F1128F10B1C6C54404762BBB6E853 "
				      "B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8");
	assert_true(strncmp(text.data, "Origin: Debian\n", 15) == 0);
	assert_null(memmem(text.data, text.len, "PGP", 3));
	assert_string_equal(
		vdb_sig_text(&sig, buf, sizeof(buf)),
		"InRelease signature good (key ED541312A33F1128F10B1C6C54404762BBB6E853 "
		"B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8)");
	/* no keyring: not checked, the whole file */
	assert_int_equal(vdb_release_verify(p, NULL, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_UNCHECKED);
	assert_non_null(strstr(vdb_sig_text(&sig, buf, sizeof(buf)), "not verified: no keyring"));
	/* a keyring without the keys: unknown key */
	t_write(dir, "empty.gpg", "", 0644);
	assert_true(asprintf(&q, "%s/empty.gpg", dir) > 0);
	assert_int_equal(vdb_release_verify(p, q, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_UNKNOWN_KEY);
	assert_string_equal(sig.keys, "54404762BBB6E853 BDE6D2B9216EC7A8");
	free(q);
	/* a keyring that does not exist: an error, not a silent "not verified" */
	assert_true(vdb_release_verify(p, "no-such.gpg", &text, &sig, &err) < 0);
	/* changed after signing: bad */
	d = t_slurp(p, &n);
	q = strstr(d, "Date: Tue");
	assert_non_null(q);
	memcpy(q + 6, "Wed", 3);
	t_write(dir, "InRelease", d, 0644);
	free(d);
	assert_true(asprintf(&q, "%s/InRelease", dir) > 0);
	assert_int_equal(vdb_release_verify(q, KEYRING, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_BAD);
	assert_non_null(strstr(sig.why, "BAD signature by key 54404762BBB6E853"));
	free(q);
	/* armour without a valid signature: bad */
	t_write(dir, "Armour",
		"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nCodename: x\n"
		"-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n",
		0644);
	assert_true(asprintf(&q, "%s/Armour", dir) > 0);
	assert_int_equal(vdb_release_verify(q, KEYRING, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_BAD);
	free(q);
	/* a plain Release file: unsigned */
	t_write(dir, "Release", "Codename: bookworm-security\n", 0644);
	assert_true(asprintf(&q, "%s/Release", dir) > 0);
	assert_int_equal(vdb_release_verify(q, KEYRING, &text, &sig, &err), 0);
	assert_int_equal(sig.state, VDB_SIG_UNSIGNED);
	free(q);
	ia_buf_release(&text);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* db import --release --keyring: the real index imported as verified; an index whose hash sits
 * after the signature (outside the signed text) refused when the signature is checked. */
/* A private directory under tmp is empty again after a verification. */
static void assert_empty_dir(const char *tmp)
{
	assert_int_equal(t_sh("test -z \"$(ls -A '%s')\"", tmp), 0);
}

/* The bytes of an image's Release file, verified in memory: an InRelease against several
 * keyrings, the debootstrapped root's real Release with its detached Release.gpg (good; one
 * byte changed: bad), a Release without a signature, sizes over the bounds, garbage. */
static void test_signature_mem(void **state)
{
	char *p = t_data(INRELEASE), *tmp = t_mkdtemp(), *kdir = t_mkdtemp(),
	     *root = t_debian_root("minbase"), *d, *empty, *rel, *gpg, buf[300];
	const char *both[2], *one[1] = {KEYRING};
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	struct vdb_gpgv g = {.keyrings = both, .n_keyrings = 2, .tmpdir = tmp};
	struct ia_err err = {0};
	struct vdb_sig sig;
	size_t n, rn, gn;

	need_gpgv();
	t_write(kdir, "empty.gpg", "", 0644);
	assert_true(asprintf(&empty, "%s/empty.gpg", kdir) > 0);
	both[0] = empty;
	both[1] = KEYRING;
	d = t_slurp(p, &n);
	/* a keyring without the keys beside Debian's: good, the signed text only */
	assert_int_equal(vdb_release_verify_mem("InRelease", d, n, NULL, 0, &g, &text, &sig, &err),
			 0);
	assert_int_equal(sig.state, VDB_SIG_GOOD);
	assert_true(strncmp(text.data, "Origin: Debian\n", 15) == 0);
	assert_null(memmem(text.data, text.len, "PGP", 3));
	assert_empty_dir(tmp);
	/* only the empty one: unknown keys */
	g.n_keyrings = 1;
	assert_int_equal(vdb_release_verify_mem("InRelease", d, n, NULL, 0, &g, &text, &sig, &err),
			 0);
	assert_int_equal(sig.state, VDB_SIG_UNKNOWN_KEY);
	/* none: not checked; a Release text without armour: unsigned */
	g.n_keyrings = 0;
	assert_int_equal(vdb_release_verify_mem("InRelease", d, n, NULL, 0, &g, &text, &sig, &err),
			 0);
	assert_int_equal(sig.state, VDB_SIG_UNCHECKED);
	assert_int_equal(text.len, n);
	assert_int_equal(vdb_release_verify_mem("Release", "Codename: x\n", 12, NULL, 0, &g, &text,
						&sig, &err),
			 0);
	assert_int_equal(sig.state, VDB_SIG_UNSIGNED);
	/* over the bounds: errors, nothing run */
	g.keyrings = one;
	g.n_keyrings = 1;
	assert_int_equal(vdb_release_verify_mem("big", d, IA_MAX_APT_RELEASE_FILE + 1, NULL, 0, &g,
						&text, &sig, &err),
			 -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "larger than"));
	assert_int_equal(vdb_release_verify_mem("big", d, n, d, IA_MAX_APT_RELEASE_SIG + 1, &g,
						&text, &sig, &err),
			 -IA_ETOOBIG);
	/* binary garbage behind the armour line: bad, said */
	memcpy(d + 40, "\0\xff\x01\x80garbage\0", 12);
	assert_int_equal(vdb_release_verify_mem("InRelease", d, n, NULL, 0, &g, &text, &sig, &err),
			 0);
	assert_int_equal(sig.state, VDB_SIG_BAD);
	free(d);
	assert_empty_dir(tmp);
	if (root) {
		/* the root's Release and Release.gpg, as debootstrap fetched them */
		assert_true(asprintf(&rel,
				     "%s/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_"
				     "Release",
				     root) > 0);
		assert_true(asprintf(&gpg, "%s.gpg", rel) > 0);
		d = t_slurp(rel, &rn);
		free(rel);
		rel = t_slurp(gpg, &gn);
		assert_int_equal(
			vdb_release_verify_mem("Release", d, rn, rel, gn, &g, &text, &sig, &err),
			0);
		assert_int_equal(sig.state, VDB_SIG_GOOD);
		assert_int_equal(text.len, rn);
		assert_non_null(strstr(vdb_sig_text(&sig, buf, sizeof(buf)),
				       "Release.gpg signature good (key "));
		d[rn / 2] ^= 1;
		assert_int_equal(
			vdb_release_verify_mem("Release", d, rn, rel, gn, &g, &text, &sig, &err),
			0);
		assert_int_equal(sig.state, VDB_SIG_BAD);
		assert_non_null(
			strstr(vdb_sig_text(&sig, buf, sizeof(buf)), "Release.gpg signature BAD"));
		assert_empty_dir(tmp);
		free(d);
		free(rel);
		free(gpg);
	}
	ia_buf_release(&text);
	t_rmtree(tmp);
	t_rmtree(kdir);
	free(tmp);
	free(kdir);
	free(empty);
	free(root);
	free(p);
}

static void test_import(void **state)
{
	char *rel = t_data(INRELEASE), *gz = t_data(SEC_GZ), *dir = t_mkdtemp(), *d, *q, *pk;
	static const char tiny[] = "Package: x\nVersion: 1\nArchitecture: all\n\n";
	struct vdb_import_opts o = {.release_file = rel, .keyring = KEYRING};
	struct vdb_import_result res;
	struct ia_err err = {0};
	struct vdb *db = NULL;
	struct vdb_source *v;
	char hex[65];
	size_t n;

	need_gpgv();
	assert_int_equal(vdb_open(":memory:", true, &db, &err), 0);
	if (vdb_import_opts(db, gz, &o, &res, &err) < 0)
		fail_msg("import: %s", err.msg);
	assert_string_equal(res.verified,
			    "InRelease signature good (key "
			    "ED541312A33F1128F10B1C6C54404762BBB6E853 "
			    "B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8); SHA256 matches "
			    "main/binary-amd64/Packages");
	assert_int_equal(vdb_sources(db, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].verified, res.verified);
	vdb_sources_free(v, n);
	/* a hash list appended after the signature */
	d = t_slurp(rel, &n);
	vdb_sha256_mem(tiny, sizeof(tiny) - 1, hex);
	{
		struct ia_buf b = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);

		ia_buf_add(&b, d, n);
		ia_buf_addf(&b, "SHA256:\n %s %zu main/binary-amd64/Packages\n", hex,
			    sizeof(tiny) - 1);
		t_write(dir, "InRelease", b.data, 0644);
		ia_buf_release(&b);
	}
	free(d);
	t_write(dir, "x_Packages", tiny, 0644);
	assert_true(asprintf(&q, "%s/InRelease", dir) > 0);
	assert_true(asprintf(&pk, "%s/x_Packages", dir) > 0);
	o.release_file = q;
	assert_int_equal(vdb_import_opts(db, pk, &o, &res, &err), -IA_ECORRUPT);
	assert_non_null(strstr(err.msg, "matches no Packages entry"));
	/* without the keyring the whole file is read: imported, and said to be not verified */
	o.keyring = NULL;
	assert_int_equal(vdb_import_opts(db, pk, &o, &res, &err), 0);
	assert_non_null(strstr(res.verified, "not verified: no keyring given"));
	free(q);
	free(pk);
	/* bookworm-updates, signed by the archive's keys rather than the security team's */
	free(rel);
	free(gz);
	rel = t_data("debian-apt/bookworm-updates_InRelease");
	gz = t_data("debian-apt/bookworm-updates_main_amd64_Packages.gz");
	o = (struct vdb_import_opts){.release_file = rel, .keyring = KEYRING};
	if (vdb_import_opts(db, gz, &o, &res, &err) < 0)
		fail_msg("import: %s", err.msg);
	assert_int_equal(res.packages, 38);
	assert_string_equal(res.source,
			    "apt:bookworm-updates:bookworm-updates_main_amd64_Packages");
	assert_string_equal(res.verified,
			    "InRelease signature good (key "
			    "4CB50190207B4758A3F73A796ED0E7B82643E131 "
			    "B8E5F13176D2A7A75220028078DBA3BC47EF2265); SHA256 matches "
			    "main/binary-amd64/Packages");
	vdb_close(db);
	free(rel);
	free(gz);
	t_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_and_hashes),
		cmocka_unit_test(test_signature),
		cmocka_unit_test(test_signature_mem),
		cmocka_unit_test(test_import),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
