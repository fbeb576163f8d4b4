/* test_trust.c — unit tests of the trust family (PKG-001..004): sources, signatures, third parties
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char debian_os[] = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian "
				"GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"
				"ID=debian\n";

static char *debian_root(const char *sources_list)
{
	char *root = t_mkdtemp();

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", debian_os, 0644);
	t_write(root, "var/lib/dpkg/status",
		"Package: base-files\nStatus: install ok installed\nArchitecture: amd64\n"
		"Version: 12.4+deb12u5\n\n",
		0644);
	if (sources_list)
		t_write(root, "etc/apt/sources.list", sources_list, 0644);
	return root;
}

static void run(struct fx *x, const char *root)
{
	fx_open(x, root);
	fx_run(x, "PKG-001");
	fx_run(x, "PKG-002");
	fx_run(x, "PKG-003");
	fx_run(x, "PKG-004");
}

static void test_apt_security(void **state)
{
	char *root = debian_root("deb http://deb.debian.org/debian bookworm main\n");
	struct fx x;

	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-001"), 1);
	fx_clean(&x, "PKG-002");
	fx_clean(&x, "PKG-004");
	fx_close(&x);

	/* the deb822 form, as in Debian's container images */
	t_write(root, "etc/apt/sources.list.d/debian.sources",
		"Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm "
		"bookworm-updates\n"
		"Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
		"Types: deb\nURIs: http://deb.debian.org/debian-security\n"
		"Suites: bookworm-security\nComponents: main\n"
		"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
		0644);
	run(&x, root);
	fx_all_clean(&x);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_no_sources(void **state)
{
	char *root = debian_root(NULL);
	struct fx x;

	run(&x, root);
	assert_non_null(fx_find(&x, "PKG-001", "/etc/apt/sources.list"));
	fx_close(&x);

	/* a security suite that is disabled does not count */
	t_write(root, "etc/apt/sources.list.d/x.sources",
		"Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: "
		"bookworm-security\n"
		"Components: main\nEnabled: no\n",
		0644);
	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-001"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_apt_signatures(void **state)
{
	char *root = debian_root(
		"deb http://deb.debian.org/debian bookworm main\n"
		"deb http://security.debian.org/debian-security bookworm-security main\n"
		"deb [arch=amd64 trusted=yes] http://repo.example.com/apt stable main # "
		"internal\n");
	struct fx x;

	t_write(root, "etc/apt/apt.conf.d/99insecure",
		"// comment\nAPT::Get::AllowUnauthenticated \"true\";\n"
		"Acquire { AllowInsecureRepositories \"false\"; };\n",
		0644);
	t_write(root, "etc/apt/sources.list.d/weak.sources",
		"Types: deb\nURIs: https://mirror.example.org/debian\nSuites: bookworm\n"
		"Components: main contrib\nTrusted: yes\n",
		0644);
	run(&x, root);
	fx_clean(&x, "PKG-001");
	assert_int_equal(fx_count(&x, "PKG-002"), 3);
	assert_int_equal(fx_find(&x, "PKG-002", "/etc/apt/sources.list")->line, 3);
	assert_int_equal(fx_find(&x, "PKG-002", "/etc/apt/apt.conf.d/99insecure")->line, 2);
	assert_int_equal(fx_find(&x, "PKG-002", "/etc/apt/sources.list.d/weak.sources")->line, 5);
	/* repo.example.com is a third party; a mirror with /debian and Debian's components not */
	assert_int_equal(fx_count(&x, "PKG-004"), 1);
	assert_string_equal(fx_find(&x, "PKG-004", NULL)->value, "http://repo.example.com/apt");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_third_party_apt(void **state)
{
	char *root = debian_root(
		"deb http://deb.debian.org/debian bookworm main\n"
		"deb http://security.debian.org/debian-security bookworm-security main\n"
		"deb http://mirrors.example.edu/debian/ bookworm main non-free-firmware\n"
		"deb [signed-by=/etc/apt/keyrings/docker.asc] "
		"https://download.docker.com/linux/debian "
		"bookworm stable\n"
		"deb https://ppa.launchpadcontent.net/deadsnakes/ppa/ubuntu jammy main\n"
		"deb cdrom:[Debian 12]/ bookworm main\n");
	struct fx x;

	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-004"), 2);
	assert_non_null(fx_find(&x, "PKG-004", NULL));
	fx_clean(&x, "PKG-002");
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_yum(void **state)
{
	char *root = t_mkdtemp();
	struct fx x;

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release",
		"ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"
		"VERSION_ID=\"9.3\"\n",
		0644);
	t_write(root, "etc/dnf/dnf.conf", "[main]\ngpgcheck=1\ninstallonly_limit=3\n", 0644);
	t_write(root, "etc/yum.repos.d/rocky.repo",
		"[baseos]\nname=Rocky Linux $releasever - BaseOS\n"
		"mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=BaseOS-"
		"$releasever\nenabled=1\n\n"
		"[devel]\nname=devel\nbaseurl=http://dl.rockylinux.org/$contentdir/$releasever/"
		"devel/\n"
		"gpgcheck=0\nenabled=0\n",
		0644);
	t_write(root, "etc/yum.repos.d/vendor.repo",
		"[vendor]\nname=Vendor\nbaseurl=\n  https://rpm.vendor.example.com/el9/\n"
		"gpgcheck = 0\n\n[epel]\nname=EPEL\n"
		"metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-9&arch=$basearch\n",
		0644);
	run(&x, root);
	/* vendor: gpgcheck=0 (line 5); epel inherits gpgcheck=1; devel is disabled */
	assert_int_equal(fx_count(&x, "PKG-002"), 1);
	assert_int_equal(fx_find(&x, "PKG-002", "/etc/yum.repos.d/vendor.repo")->line, 5);
	assert_int_equal(fx_count(&x, "PKG-004"), 2); /* vendor and EPEL */
	assert_string_equal(fx_find(&x, "PKG-004", "/etc/yum.repos.d/vendor.repo")->value,
			    "https://rpm.vendor.example.com/el9/");
	fx_close(&x);

	/* no [main] gpgcheck: repos without their own are unchecked (yum and dnf default off) */
	t_write(root, "etc/dnf/dnf.conf", "[main]\nbest=True\n", 0644);
	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-002"), 3);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

static void test_apk(void **state)
{
	char *root = t_mkdtemp();
	struct fx x;

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=alpine\nVERSION_ID=3.18.4\n", 0644);
	t_write(root, "etc/apk/repositories",
		"https://dl-cdn.alpinelinux.org/alpine/v3.18/main\n"
		"https://mirror.example.net/alpine/v3.18/community/\n"
		"@edge https://dl-cdn.alpinelinux.org/alpine/edge/testing\n"
		"# https://old.example.com/x\n"
		"https://packages.example.com/alpine/v3.18/custom\n",
		0644);
	run(&x, root);
	fx_clean(&x, "PKG-001");
	assert_int_equal(fx_count(&x, "PKG-004"), 1);
	assert_int_equal(fx_find(&x, "PKG-004", NULL)->line, 5);
	fx_close(&x);

	t_write(root, "etc/apk/repositories",
		"https://dl-cdn.alpinelinux.org/alpine/v3.18/"
		"community\n",
		0644);
	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-001"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* A docker-save archive whose history installed packages without checks. */
static void test_history(void **state)
{
	char *root = debian_root("deb http://deb.debian.org/debian bookworm main\n"
				 "deb http://deb.debian.org/debian-security bookworm-security "
				 "main\n");
	char *work = t_mkdtemp();
	char *path;
	struct fx x;

	path = fx_docker_save(
		work, root,
		"{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-11-01T00:00:00Z\","
		"\"config\":{\"User\":\"app\"},\"history\":["
		"{\"created_by\":\"/bin/sh -c #(nop) ADD file:abc in / \"},"
		"{\"created_by\":\"RUN /bin/sh -c apt-get install -y --allow-unauthenticated "
		"curl\"},"
		"{\"created_by\":\"RUN /bin/sh -c apk add --allow-untrusted /tmp/x.apk\"}],"
		"\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:@DIFF@\"]}}",
		"t:1");
	fx_open_as(&x, path, TGT_AUTO);
	free(path);
	fx_run(&x, "PKG-003");
	fx_run(&x, "PKG-001");
	assert_int_equal(fx_count(&x, "PKG-003"), 2);
	fx_clean(&x, "PKG-001");
	fx_close(&x);

	/* a directory has no history: nothing reported */
	fx_open(&x, root);
	fx_run(&x, "PKG-003");
	fx_clean(&x, "PKG-003");
	fx_close(&x);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
}

static void test_malformed(void **state)
{
	char *root = debian_root("deb\n[trusted=yes\ndeb [trusted=yes http://x.example/ bookworm\n"
				 "\x01\x02garbage\xff\n"
				 "deb http://security.debian.org/debian-security bookworm-security "
				 "main\n");
	struct fx x;

	t_mkdir(root, "etc/apt/sources.list.d/dir.list", 0755);
	t_write(root, "etc/yum.repos.d/bad.repo", "[unterminated\nbaseurl\n=\n[]\n", 0644);
	run(&x, root);
	assert_true(fx_gaps(&x, "PKG-001") >= 2); /* the binary line and the directory */
	assert_int_equal(fx_gaps(&x, "PKG-004"), 0);
	assert_int_equal(fx_count(&x, "PKG-001"), 0); /* the security line is still read */
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

/* The real Debian 12 root: debootstrap writes no security source. */
static void test_debian_base(void **state)
{
	char *root = t_debian_root("base");
	struct fx x;

	T_REQUIRE(root, "no debootstrapped root here");
	run(&x, root);
	assert_int_equal(fx_count(&x, "PKG-001"), 1);
	fx_clean(&x, "PKG-002");
	fx_clean(&x, "PKG-004");
	fx_close(&x);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apt_security),
		cmocka_unit_test(test_no_sources),
		cmocka_unit_test(test_apt_signatures),
		cmocka_unit_test(test_third_party_apt),
		cmocka_unit_test(test_yum),
		cmocka_unit_test(test_apk),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_debian_base),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
