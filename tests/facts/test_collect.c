/* test_collect.c — inv_collect on directory roots: crafted ones and a real Debian 12 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "facts/facts.h"
#include "target/target.h"
#include "util/buf.h"
#include "util/limits.h"

static void collect(const char *root, struct tgt **t, struct inv_facts *f)
{
	struct ia_err err = {0};
	struct tgt_opts o = {TGT_DIR};

	assert_int_equal(tgt_open(root, &o, t, &err), 0);
	inv_facts_init(f);
	assert_int_equal(inv_collect(*t, f), 0);
}

static const char status[] = "Package: coreutils\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Version: 9.1-1\n"
			     "Conffiles:\n"
			     " /etc/default/cu 11111111111111111111111111111111\n"
			     "\n"
			     "Package: libc6\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Multi-Arch: same\n"
			     "Source: glibc\n"
			     "Version: 2.36-9\n"
			     "\n";

static void test_crafted_debian_root(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t;
	struct inv_facts f;
	const struct inv_file *fl;

	t_write(root, "usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_symlink(root, "etc/os-release", "../usr/lib/os-release");
	t_mkdir(root, "usr/bin", 0755);
	t_symlink(root, "bin", "usr/bin");
	t_write(root, "usr/bin/ls", "ELF", 0755);
	t_write(root, "var/lib/dpkg/status", status, 0644);
	t_write(root, "var/lib/dpkg/info/coreutils.list",
		"/.\n/bin\n/bin/ls\n/etc\n/etc/default\n/etc/default/cu\n", 0644);
	t_write(root, "var/lib/dpkg/info/coreutils.md5sums",
		"0123456789abcdef0123456789abcdef  bin/ls\n", 0644);
	t_write(root, "var/lib/dpkg/info/libc6:amd64.list",
		"/.\n/usr/lib/x86_64-linux-gnu/libc.so.6\n", 0644);
	t_write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", 0644);
	t_write(root, "etc/shadow", "root:*:19000:0:99999:7:::\n", 0640);
	t_write(root, "etc/group", "root:x:0:\n", 0644);
	collect(root, &t, &f);

	assert_int_equal(f.problems.len, 0);
	assert_true(f.os.known);
	assert_string_equal(f.os.id, "debian");
	assert_string_equal(f.os.codename, "bookworm");
	assert_string_equal(f.os.source, "/etc/os-release");
	assert_int_equal(f.n_pkgs, 2);
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], "/var/lib/dpkg/status");
	assert_true(f.db_ok[0]);
	/* listed as /bin/ls on a merged-/usr root: found by both names, with its md5 */
	fl = inv_file_find(&f, "/usr/bin/ls");
	assert_non_null(fl);
	assert_string_equal(fl->path, "/bin/ls");
	assert_string_equal(fl->digest, "0123456789abcdef0123456789abcdef");
	assert_string_equal(inv_owner(&f, "/bin/ls")->name, "coreutils");
	/* the conffile from the list, flagged, with the digest of Conffiles */
	fl = inv_file_find(&f, "/etc/default/cu");
	assert_true(fl->flags & INV_FILE_CONFIG);
	assert_string_equal(fl->digest, "11111111111111111111111111111111");
	/* "/." is the root */
	assert_non_null(inv_file_find(&f, "/"));
	/* multi-arch list name */
	assert_string_equal(inv_owner(&f, "/usr/lib/x86_64-linux-gnu/libc.so.6")->name, "libc6");
	assert_string_equal(inv_owner(&f, "/lib/x86_64-linux-gnu/libc.so.6")->name, "libc6");
	assert_null(inv_owner(&f, "/usr/bin/nothing"));
	assert_string_equal(inv_account_by_name(&f, "root")->hash, "*");
	assert_non_null(inv_group_by_gid(&f, 0));
	/* collectors run once */
	assert_int_equal(inv_collect(t, &f), 0);
	assert_int_equal(f.n_pkgs, 2);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

static void test_distroless_status_d(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t;
	struct inv_facts f;
	const struct inv_pkg *p;

	t_write(root, "etc/os-release",
		"PRETTY_NAME=\"Distroless\"\nID=\"debian\"\nVERSION_ID=\"11\"\n", 0644);
	t_write(root, "var/lib/dpkg/status.d/libssl1.1",
		"Package: libssl1.1\nVersion: 1.1.1n-0+deb11u5\nArchitecture: amd64\nSource: "
		"openssl\n",
		0644);
	t_write(root, "var/lib/dpkg/status.d/libssl1.1.md5sums",
		"0123456789abcdef0123456789abcdef  usr/lib/x86_64-linux-gnu/libssl.so.1.1\n", 0644);
	t_write(root, "var/lib/dpkg/status.d/base",
		"Package: base-files\nVersion: 11.1+deb11u8\n\n", 0644);
	t_write(root, "var/lib/dpkg/status.d/junk", "\x01\x02garbage\n", 0644);
	collect(root, &t, &f);

	assert_string_equal(f.os.codename, "bullseye");
	assert_int_equal(f.n_pkgs, 2);
	p = inv_pkg_find(&f, "libssl1.1");
	assert_non_null(p);
	assert_string_equal(p->source, "openssl");
	assert_string_equal(inv_owner(&f, "/usr/lib/x86_64-linux-gnu/libssl.so.1.1")->name,
			    "libssl1.1");
	assert_non_null(inv_pkg_find(&f, "base-files"));
	/* the garbage file is a problem, the database not read whole */
	assert_true(f.problems.len >= 1);
	assert_string_equal(f.problems.v[0].path, "/var/lib/dpkg/status.d/junk");
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], "/var/lib/dpkg/status.d");
	assert_false(f.db_ok[0]);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

static void test_alpine_root_and_fallback(void **state)
{
	char *root = t_mkdtemp();
	char *apk = t_data("alpine/apk-installed/osv-scalibr_installed");
	char *data = t_slurp(apk, NULL);
	struct tgt *t;
	struct inv_facts f;

	/* no os-release: alpine-release names the system */
	t_write(root, "etc/alpine-release", "3.18.4\n", 0644);
	t_write(root, "lib/apk/db/installed", data, 0644);
	collect(root, &t, &f);
	assert_string_equal(f.os.id, "alpine");
	assert_string_equal(f.os.source, "/etc/alpine-release");
	assert_int_equal(f.n_pkgs, 15);
	assert_int_equal(f.db_kinds[0], INV_DB_APK);
	assert_true(f.db_ok[0]);
	assert_string_equal(inv_owner(&f, "/etc/motd")->name, "alpine-baselayout");
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
	free(data);
	free(apk);
}

/* An unreadable database is a problem, not "0 packages". */
static void test_status_is_a_directory(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t;
	struct inv_facts f;

	t_mkdir(root, "var/lib/dpkg/status", 0755);
	collect(root, &t, &f);
	assert_int_equal(f.n_pkgs, 0);
	assert_true(f.problems.len >= 1);
	assert_string_equal(f.problems.v[0].area, "packages (dpkg)");
	assert_int_equal(f.n_dbs, 1);
	assert_false(f.db_ok[0]);
	assert_false(f.os.known);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

static long peak_rss_kb(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* root/rel: head (n bytes) then a hole up to size bytes (0 on disk). */
static void sparse_file(const char *root, const char *rel, const void *head, size_t n, off_t size)
{
	char *path;
	int fd;

	t_write(root, rel, "", 0644);
	if (asprintf(&path, "%s/%s", root, rel) < 0)
		abort();
	fd = open(path, O_WRONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, head, n), (ssize_t)n);
	assert_int_equal(ftruncate(fd, size), 0);
	close(fd);
	free(path);
}

static bool has_problem_at_path(const struct inv_facts *f, const char *path, const char *needle)
{
	for (size_t i = 0; i < f->problems.len; i++)
		if (strcmp(f->problems.v[i].path, path) == 0 &&
		    strstr(f->problems.v[i].msg, needle))
			return true;
	return false;
}

/*
 * Regression (issue 14): a sparse 1 GiB - 1 /var/lib/rpm/Packages (nothing on disk) was read
 * whole, 1 GB of memory and seconds, before its magic number was looked at. The head is
 * checked first and only the bytes the database's structure spans are read. Peak memory is
 * measured around each collect (this test runs first, so the peak before it is small).
 */
static void test_sparse_databases_are_not_read_whole(void **state)
{
	const off_t gib = 1024 * 1024 * 1024;
	static const struct {
		const char *rel, *needle;
		bool bdb_head;
	} cases[] = {
		{"var/lib/rpm/Packages", "not a hash database", false},
		{"var/lib/rpm/rpmdb.sqlite", "no SQLite header", false},
		{"usr/lib/sysimage/rpm/Packages.db", "no \"RpmP\" header", false},
		/* a valid metadata page saying the database is one 4096-byte page, then 1 GB of
		 * hole: only that page is read */
		{"var/lib/rpm/Packages", NULL, true},
	};
	uint8_t meta[512] = {0};

	(void)state;
	meta[12] = 0x61, meta[13] = 0x15, meta[14] = 0x06; /* hash magic 0x061561, LE */
	meta[16] = 9;                                      /* version */
	meta[21] = 0x10;                                   /* page size 4096 */
	meta[25] = 8;                                      /* P_HASHMETA */
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *root = t_mkdtemp();
		char *img = NULL;
		struct tgt *t;
		struct inv_facts f;
		struct timespec t0, t1;
		long before;

		if (cases[k].bdb_head)
			sparse_file(root, cases[k].rel, meta, sizeof(meta), gib - 1);
		else
			sparse_file(root, cases[k].rel, "", 0, gib - 1);
		if (asprintf(&img, "/%s", cases[k].rel) < 0)
			abort();
		before = peak_rss_kb();
		clock_gettime(CLOCK_MONOTONIC, &t0);
		collect(root, &t, &f);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		print_message("%s: peak +%ld KB, %.2f s\n", cases[k].rel, peak_rss_kb() - before,
			      (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
		assert_true(peak_rss_kb() - before < 64 * 1024);
		assert_true(t1.tv_sec - t0.tv_sec < 2);
		assert_int_equal(f.n_dbs, 1);
		assert_string_equal(f.dbs[0], img);
		if (cases[k].needle) {
			assert_true(has_problem_at_path(&f, img, cases[k].needle));
			assert_false(f.db_ok[0]);
		}
		assert_int_equal(f.n_pkgs, 0);
		inv_facts_release(&f);
		tgt_free(t);
		t_rmtree(root);
		free(root);
		free(img);
	}
}

/* A 2 GB sparse dpkg status is refused by its size before a byte is read. */
static void test_sparse_dpkg_status_refused(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t;
	struct inv_facts f;
	long before = peak_rss_kb();

	(void)state;
	sparse_file(root, "var/lib/dpkg/status", "Package: a\n", 11, 2048ll * 1024 * 1024);
	collect(root, &t, &f);
	assert_true(peak_rss_kb() - before < 64 * 1024);
	assert_true(has_problem_at_path(&f, "/var/lib/dpkg/status", "(limit IA_MAX_TEXT_FILE)"));
	assert_int_equal(f.n_dbs, 1);
	assert_false(f.db_ok[0]);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

/* A real Debian 12 minbase: package for package and version for version what dpkg-query
 * says; owners and md5 digests agree with the files on disk. */
static void test_debian12_minbase(void **state)
{
	char *root = t_debian_root("minbase"), *out, *outp;
	struct tgt *t;
	struct inv_facts f;
	size_t len, rows = 0;
	char *s, *line;

	T_REQUIRE(root, "no debootstrapped root here (building one needs root)");
	T_REQUIRE(t_sh("command -v dpkg-query >/dev/null") == 0, "no dpkg-query");
	collect(root, &t, &f);
	assert_int_equal(f.problems.len, 0);
	assert_string_equal(f.os.id, "debian");
	assert_string_equal(f.os.version_id, "12");
	assert_string_equal(f.os.codename, "bookworm");
	assert_string_equal(f.os.family, "debian");

	outp = t_mkdtemp();
	assert_int_equal(t_sh("dpkg-query --admindir='%s/var/lib/dpkg' -W -f "
			      "'${Package}\\t${Version}\\n' > '%s/q'",
			      root, outp),
			 0);
	if (asprintf(&line, "%s/q", outp) < 0)
		abort();
	out = t_slurp(line, &len);
	free(line);
	for (s = out; (line = strsep(&s, "\n"));) {
		char *name = strsep(&line, "\t");
		const struct inv_pkg *p;

		if (!name[0])
			continue;
		p = inv_pkg_find(&f, name);
		if (!p)
			fail_msg("dpkg-query lists %s, the inventory does not", name);
		assert_string_equal(p->version, line);
		rows++;
	}
	assert_int_equal(rows, f.n_pkgs);

	/* /usr/bin/ls: owned by coreutils, whose md5sums match the file */
	const struct inv_file *fl = inv_file_find(&f, "/usr/bin/ls");
	assert_non_null(fl);
	assert_string_equal(f.pkgs[fl->pkg].name, "coreutils");
	assert_int_equal(fl->algo, INV_DIGEST_MD5);
	{
		char *ls;
		size_t n;
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned mdn;
		char hex[33];

		if (asprintf(&ls, "%s/usr/bin/ls", root) < 0)
			abort();
		char *bytes = t_slurp(ls, &n);
		EVP_Digest(bytes, n, md, &mdn, EVP_md5(), NULL);
		for (unsigned i = 0; i < mdn; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		assert_string_equal(fl->digest, hex);
		free(bytes);
		free(ls);
	}
	assert_string_equal(inv_owner(&f, "/usr/bin/dpkg")->name, "dpkg");
	assert_non_null(inv_account_by_name(&f, "root"));
	assert_non_null(inv_account_by_name(&f, "root")->hash);
	free(out);
	t_rmtree(outp);
	free(outp);
	inv_facts_release(&f);
	tgt_free(t);
	free(root);
}

static bool has_problem(const struct inv_facts *f, const char *needle)
{
	for (size_t i = 0; i < f->problems.len; i++)
		if (strstr(f->problems.v[i].msg, needle))
			return true;
	return false;
}

static size_t add_test_pkg(struct inv_facts *f, const char *name)
{
	struct inv_pkg p = {.name = name, .version = "1", .db = INV_DB_RPM, .db_path = "/db"};

	return inv_add_pkg(f, &p);
}

/* Regression (review): ".." in a database path was kept ("/usr/share/../../etc/shadow"), so
 * the inventory named paths no image lookup finds; a NUL inside a path made the map key
 * (strlen) and the lookup length disagree. */
static void test_add_file_dotdot_and_nul(void **state)
{
	struct inv_facts f;
	size_t k;

	inv_facts_init(&f);
	k = add_test_pkg(&f, "evil");
	inv_add_file(&f, k, "/usr/share/../../etc/shadow", 27, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, "../../../../x/./y//", 19, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, "/..", 3, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, "/a/b..c/..d/..", 14, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, "/bin/sh\0/etc/passwd", 19, NULL, INV_DIGEST_NONE, 0, 0);
	assert_int_equal(f.n_files, 5);
	assert_string_equal(f.files[0].path, "/etc/shadow");
	assert_string_equal(f.files[1].path, "/x/y");
	assert_string_equal(f.files[2].path, "/");
	assert_string_equal(f.files[3].path, "/a/b..c");
	assert_string_equal(f.files[4].path, "/bin/sh");
	assert_string_equal(inv_owner(&f, "/etc/shadow")->name, "evil");
	assert_string_equal(inv_owner(&f, "/bin/sh")->name, "evil");
	assert_null(inv_owner(&f, "/etc/passwd"));
	assert_int_equal(f.problems.len, 0);
	inv_facts_release(&f);
}

/* Regression (review): paths over IA_MAX_PATH were kept (a 1 MB dpkg .list line is one path);
 * now dropped with one problem per database. */
static void test_add_file_over_max_path(void **state)
{
	struct inv_facts f;
	size_t k, n = IA_MAX_PATH + 100;
	char *long_path = malloc(n);

	memset(long_path, 'a', n);
	long_path[0] = '/';
	inv_facts_init(&f);
	k = add_test_pkg(&f, "long");
	inv_add_file(&f, k, long_path, n, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, long_path, n - 1, NULL, INV_DIGEST_NONE, 0, 0);
	inv_add_file(&f, k, "/ok", 3, NULL, INV_DIGEST_NONE, 0, 0);
	assert_int_equal(f.n_files, 1);
	assert_string_equal(f.files[0].path, "/ok");
	assert_int_equal(f.problems.len, 1);
	assert_non_null(strstr(f.problems.v[0].msg, "IA_MAX_PATH"));
	inv_facts_release(&f);
	free(long_path);
}

/* Regression (review): a status naming one package many times read and parsed its .list once
 * per stanza (200,000 stanzas x a 64 MB list = hours) and gave every stanza the files. */
static void test_dpkg_package_listed_again(void **state)
{
	char *root = t_mkdtemp();
	struct ia_buf st = IA_BUF_INIT(1u << 20);
	struct tgt *t;
	struct inv_facts f;

	for (int i = 0; i < 300; i++)
		assert_int_equal(ia_buf_adds(&st, "Package: dup\nStatus: install ok installed\n"
						  "Version: 1.0\n\n"),
				 0);
	t_write(root, "var/lib/dpkg/status", st.data, 0644);
	t_write(root, "var/lib/dpkg/info/dup.list", "/.\n/usr\n/usr/bin/dup\n", 0644);
	collect(root, &t, &f);
	assert_int_equal(f.n_pkgs, 300);
	assert_int_equal(f.pkgs[0].n_files, 3);
	assert_int_equal(f.n_files, 3);
	assert_int_equal(f.pkgs[1].n_files, 0);
	assert_true(has_problem(&f, "listed again"));
	assert_true(has_problem(&f, "more stanzas of packages listed again"));
	assert_true(f.problems.len <= 52);
	inv_facts_release(&f);
	tgt_free(t);
	ia_buf_release(&st);
	t_rmtree(root);
	free(root);
}

/* Regression (review): a package name too long for a file name was cut by snprintf into an
 * info path of another file; now no info file is looked up for it. */
static void test_dpkg_long_name_reads_no_other_file(void **state)
{
	char *root = t_mkdtemp();
	struct ia_buf st = IA_BUF_INIT(1u << 20);
	struct tgt *t;
	struct inv_facts f;

	assert_int_equal(ia_buf_adds(&st, "Package: "), 0);
	for (int i = 0; i < IA_MAX_PATH; i++)
		assert_int_equal(ia_buf_addc(&st, 'a'), 0);
	assert_int_equal(ia_buf_adds(&st, "\nStatus: install ok installed\nVersion: 1\n\n"), 0);
	t_write(root, "var/lib/dpkg/status", st.data, 0644);
	collect(root, &t, &f);
	assert_int_equal(f.n_pkgs, 1);
	assert_int_equal(f.n_files, 0);
	assert_int_equal(f.problems.len, 0); /* no "cannot read" of a cut path */
	inv_facts_release(&f);
	tgt_free(t);
	ia_buf_release(&st);
	t_rmtree(root);
	free(root);
}

/* sysctl settings: systemd-sysctl's order and precedence, what could not be read kept aside. */
static void test_sysctl_fact(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t = NULL;
	struct inv_facts f;
	const struct inv_sysctl *s = &f.sysctl;

	(void)state;
	t_write(root, "etc/sysctl.d/20-b.conf", "net.ipv4.ip_forward = 1\n", 0644);
	t_write(root, "usr/lib/sysctl.d/20-b.conf", "net.ipv4.ip_forward = 0\n", 0644); /* hidden */
	t_write(root, "usr/lib/sysctl.d/10-a.conf",
		"# comment\nkernel/kptr_restrict=1\n-fs.suid_dumpable = 2\nno equals sign\n"
		"bad\x01line = 3\n",
		0644);
	t_mkdir(root, "lib/sysctl.d", 0755);
	t_write(root, "lib/sysctl.d/30-masked.conf", "kernel.kptr_restrict = 0\n", 0644);
	t_symlink(root, "etc/sysctl.d/30-masked.conf", "/dev/null"); /* masks the one above */
	t_write(root, "etc/sysctl.conf", "kernel.randomize_va_space=2\n", 0644);
	collect(root, &t, &f);
	/* 10-a.conf, then 20-b.conf (the /etc one), then sysctl.conf; the masked file not read */
	assert_int_equal(s->n, 4);
	assert_string_equal(s->v[0].key, "kernel.kptr_restrict");
	assert_string_equal(s->v[0].value, "1");
	assert_string_equal(s->v[0].path, "/usr/lib/sysctl.d/10-a.conf");
	assert_int_equal(s->v[0].line, 2);
	assert_string_equal(s->v[1].key, "fs.suid_dumpable");
	assert_string_equal(s->v[2].path, "/etc/sysctl.d/20-b.conf");
	assert_string_equal(s->v[2].value, "1");
	assert_string_equal(s->v[3].path, "/etc/sysctl.conf");
	/* the line without '=' and the binary line, each with its line; neither fails the gate */
	assert_int_equal(s->issues.len, 2);
	assert_int_equal(s->issues.v[0].line, 4);
	assert_int_equal(s->issues.v[0].code, 0);
	assert_int_equal(s->issues.v[1].line, 5);
	assert_non_null(strstr(s->issues.v[1].msg, "not text"));
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

/* Package sources: apt one-line and deb822, yum with [main], apk; a source file that cannot be
 * read is kept as an issue with its error. */
static void test_sources_fact(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t = NULL;
	struct inv_facts f;
	const struct inv_sources *s = &f.sources;

	(void)state;
	t_write(root, "etc/apt/sources.list",
		"deb http://deb.debian.org/debian bookworm main contrib\n"
		"deb [trusted=yes] http://example.org/x stable main\n",
		0644);
	t_write(root, "etc/apt/sources.list.d/d.sources",
		"Types: deb deb-src\nURIs: http://security.debian.org/debian-security\n"
		"Suites: bookworm-security\nComponents: main\n",
		0644);
	t_write(root, "etc/yum.conf", "[main]\ngpgcheck=0\n", 0644);
	t_write(root, "etc/yum.repos.d/r.repo", "[r]\nbaseurl=http://mirror.example/r\n", 0644);
	t_mkdir(root, "etc/apk/repositories", 0755); /* not a regular file */
	collect(root, &t, &f);
	assert_true(s->any_config);
	assert_int_equal(s->n, 5);
	assert_int_equal(s->v[0].kind, INV_REPO_APT);
	assert_string_equal(s->v[0].suite, "bookworm");
	assert_string_equal(s->v[0].components, "main contrib");
	assert_null(s->v[0].unsigned_why);
	assert_string_equal(s->v[1].unsigned_why, "trusted=yes");
	assert_true(s->v[2].src == false && s->v[3].src == true);
	assert_string_equal(s->v[3].suite, "bookworm-security");
	assert_int_equal(s->v[4].kind, INV_REPO_YUM);
	assert_string_equal(s->v[4].uri, "http://mirror.example/r");
	assert_string_equal(s->v[4].unsigned_why, "gpgcheck=0 in [main]");
	assert_int_equal(s->main_gpgcheck, 0);
	assert_int_equal(s->issues.len, 1);
	assert_string_equal(s->issues.v[0].path, "/etc/apk/repositories");
	assert_true(s->issues.v[0].code != 0);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

/* The PAM password policy: passwd's stack with its includes followed, pwquality.conf under the
 * module's arguments, and what could not be followed (a cycle, an absent include, a line
 * without a module, a binary line) kept as issues with their file and line. */
static void test_pam_fact(void **state)
{
	char *root = t_mkdtemp();
	struct tgt *t = NULL;
	struct inv_facts f;
	const struct inv_pam *p = &f.pam;

	(void)state;
	t_write(root, "etc/pam.d/passwd",
		"#%PAM-1.0\n@include common-password\n@include absent-file\npassword\n", 0644);
	t_write(root, "etc/pam.d/common-password",
		"password requisite pam_pwquality.so retry=3 minlen=10\n"
		"password include loop\n"
		"password [success=1 default=ignore] pam_unix.so obscure sha512 minlen=7\n"
		"bad\x01line\n",
		0644);
	t_write(root, "etc/pam.d/loop", "@include common-password\n", 0644);
	t_write(root, "etc/security/pwquality.conf", "# c\nminclass = 3\n", 0644);
	t_write(root, "etc/login.defs", "PASS_MIN_LEN 9\n\x01junk\n", 0644);
	collect(root, &t, &f);
	assert_true(p->have_pam);
	assert_string_equal(p->entry, "/etc/pam.d/passwd");
	assert_true(p->quality.found && p->quality.enforcing);
	assert_string_equal(p->quality.module, "pam_pwquality");
	assert_string_equal(p->quality.rule.path, "/etc/pam.d/common-password");
	assert_int_equal(p->quality.rule.line, 1);
	assert_int_equal(p->quality.p.minlen, 10);
	assert_int_equal(p->quality.at[INV_PW_MINLEN].line, 1);
	assert_int_equal(inv_pwpolicy_classes(&p->quality.p), 3);
	assert_string_equal(p->quality.at[INV_PW_MINCLASS].path, "/etc/security/pwquality.conf");
	assert_int_equal(p->quality.at[INV_PW_MINCLASS].line, 2);
	assert_true(p->unix_.found);
	assert_int_equal(p->unix_.p.minlen, 7);
	assert_int_equal(p->unix_.rule.line, 3);
	assert_false(p->lax.found);
	assert_int_equal(p->defs_minlen, 9);
	assert_int_equal(p->defs_line, 1);
	/* in walk order; login.defs' binary line is not one: with PAM its lines decide nothing */
	assert_int_equal(p->issues.len, 4);
	assert_string_equal(p->issues.v[0].path, "/etc/pam.d/loop");
	assert_int_equal(p->issues.v[0].line, 1);
	assert_non_null(strstr(p->issues.v[0].msg, "(a cycle)"));
	assert_string_equal(p->issues.v[1].path, "/etc/pam.d/common-password");
	assert_int_equal(p->issues.v[1].line, 4);
	assert_non_null(strstr(p->issues.v[1].msg, "not text"));
	assert_string_equal(p->issues.v[2].path, "/etc/pam.d/passwd");
	assert_int_equal(p->issues.v[2].line, 3);
	assert_non_null(strstr(p->issues.v[2].msg, "/etc/pam.d/absent-file, which is not in"));
	assert_int_equal(p->issues.v[3].line, 4);
	assert_non_null(strstr(p->issues.v[3].msg, "no control or module"));
	for (size_t i = 0; i < p->issues.len; i++)
		assert_int_equal(p->issues.v[i].code, 0); /* none fails a profile's gate */
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);

	/* no PAM: login.defs is the policy, and its unreadable lines are reported */
	root = t_mkdtemp();
	t_write(root, "etc/login.defs", "PASS_MIN_LEN\tx\n\x01junk\nPASS_MIN_LEN 12\n", 0644);
	collect(root, &t, &f);
	assert_false(p->have_pam);
	assert_string_equal(p->entry, "");
	assert_true(p->defs.found);
	assert_int_equal(p->defs_minlen, 12);
	assert_int_equal(p->defs_line, 3);
	assert_int_equal(p->issues.len, 1);
	assert_string_equal(p->issues.v[0].path, "/etc/login.defs");
	assert_int_equal(p->issues.v[0].line, 2);
	inv_facts_release(&f);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: it measures the peak memory of the process */
		cmocka_unit_test(test_sparse_databases_are_not_read_whole),
		cmocka_unit_test(test_sparse_dpkg_status_refused),
		cmocka_unit_test(test_crafted_debian_root),
		cmocka_unit_test(test_add_file_dotdot_and_nul),
		cmocka_unit_test(test_add_file_over_max_path),
		cmocka_unit_test(test_dpkg_package_listed_again),
		cmocka_unit_test(test_dpkg_long_name_reads_no_other_file),
		cmocka_unit_test(test_distroless_status_d),
		cmocka_unit_test(test_alpine_root_and_fallback),
		cmocka_unit_test(test_status_is_a_directory),
		cmocka_unit_test(test_debian12_minbase),
		cmocka_unit_test(test_sysctl_fact),
		cmocka_unit_test(test_sources_fact),
		cmocka_unit_test(test_pam_fact),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
