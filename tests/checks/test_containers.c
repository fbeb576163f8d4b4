/* test_containers.c — unit tests of the containers family (CTR-001..006) on docker-save archives */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Packs root as a one-layer docker-save archive in work with the given config fields (JSON
 * fragments); returns the archive path (caller frees). */
static char *pack(const char *work, const char *root, const char *created, const char *user,
		  const char *ports, const char *labels)
{
	char *cfg, *path;

	assert_true(asprintf(&cfg,
			     "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"%s\","
			     "\"config\":{\"User\":\"%s\",\"ExposedPorts\":{%s},\"Labels\":{%s}},"
			     "\"history\":[{\"created_by\":\"ADD file:x in /\"}],"
			     "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:@DIFF@\"]}}",
			     created, user, ports, labels) > 0);
	path = fx_docker_save(work, root, cfg, "app:1");
	free(cfg);
	return path;
}

static void open_image(struct fx *x, const char *path)
{
	fx_open_as(x, path, TGT_AUTO);
	assert_non_null(tgt_config(x->t));
}

static void run_all(struct fx *x)
{
	for (int i = 1; i <= 6; i++) {
		char id[16];

		snprintf(id, sizeof(id), "CTR-%03d", i);
		fx_run(x, id);
	}
}

static char *small_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, "app:x:10001:10001::/home/app:/usr/sbin/nologin\n", NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644);
	t_write(root, "usr/bin/app",
		"\x7f"
		"ELF",
		0755);
	return root;
}

static void test_good_image(void **state)
{
	char *root = small_root(), *work = t_mkdtemp(), *img;
	static const char *const allowed[] = {"debian", "gcr.io/distroless/"};
	struct fx x;

	img = pack(work, root, "2026-11-20T10:00:00Z", "app", "\"8080/tcp\":{}",
		   "\"org.opencontainers.image.base.name\":\"docker.io/library/debian:12-slim\"");
	open_image(&x, img);
	x.o.now = 1795600000; /* 2026-11-25 */
	x.o.base_images = allowed;
	x.o.n_base_images = 2;
	run_all(&x);
	fx_all_clean(&x);
	fx_close(&x);
	free(img);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
}

static void test_bad_image(void **state)
{
	char *root = small_root(), *work = t_mkdtemp(), *img;
	static const char *const allowed[] = {"gcr.io/distroless"};
	struct fx x;

	t_write(root, "var/lib/dpkg/status",
		"Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\n"
		"Version: 1:9.2p1-2+deb12u3\n\n"
		"Package: gcc\nStatus: install ok installed\nArchitecture: amd64\n"
		"Version: 4:12.2.0-3\n\n",
		0644);
	t_write(root, "usr/sbin/sshd",
		"\x7f"
		"ELF",
		0755);
	t_write(root, "usr/local/bin/tcpdump",
		"\x7f"
		"ELF",
		0755); /* outside any package */
	t_write(root, "bin/busybox",
		"\x7f"
		"ELF",
		0755);
	t_symlink(root, "usr/bin/nc", "/bin/busybox"); /* a busybox applet: not reported */
	t_symlink(root, "etc/systemd/system/multi-user.target.wants/ssh.service",
		  "/lib/systemd/system/ssh.service");
	img = pack(work, root, "2024-01-01T00:00:00Z", "0:0",
		   "\"22/tcp\":{},\"8080/tcp\":{},"
		   "\"23/udp\":{}",
		   "\"org.opencontainers.image.base.name\":\"ubuntu:22.04\"");
	open_image(&x, img);
	x.o.now = 1795600000;
	x.o.base_images = allowed;
	x.o.n_base_images = 1;
	run_all(&x);
	assert_int_equal(fx_count(&x, "CTR-001"), 1);
	assert_string_equal(fx_find(&x, "CTR-001", NULL)->value, "0:0");
	assert_int_equal(fx_count(&x, "CTR-002"), 1);
	assert_string_equal(fx_find(&x, "CTR-002", NULL)->value, "22/tcp");
	assert_int_equal(fx_count(&x, "CTR-003"), 1);
	assert_int_equal(fx_count(&x, "CTR-004"), 1);
	assert_string_equal(fx_find(&x, "CTR-004", NULL)->value, "ubuntu:22.04");
	assert_int_equal(fx_count(&x, "CTR-005"), 2);
	assert_non_null(fx_find(&x, "CTR-005", "/usr/local/bin/tcpdump"));
	assert_string_equal(fx_find(&x, "CTR-005", "/var/lib/dpkg/status")->value,
			    "gcc 4:12.2.0-3");
	assert_int_equal(fx_count(&x, "CTR-006"), 2); /* the package and the enabled unit */
	fx_close(&x);

	/* a larger maximum age passes; a negative one turns the check off */
	open_image(&x, img);
	x.o.now = 1795600000;
	x.o.max_image_age_days = 5000;
	fx_run(&x, "CTR-003");
	fx_clean(&x, "CTR-003");
	fx_close(&x);

	/* --max-age 0 and no --allow-base: not examined, saying which option, never a PASS */
	open_image(&x, img);
	x.o.now = 1795600000;
	x.o.max_image_age_days = -1;
	fx_run(&x, "CTR-003");
	fx_run(&x, "CTR-004");
	assert_int_equal(x.r.n_findings, 0);
	assert_int_equal(fx_gaps(&x, "CTR-003"), 1);
	assert_int_equal(fx_gaps(&x, "CTR-004"), 1);
	for (size_t i = 0; i < x.r.n_gaps; i++)
		assert_true(strstr(x.r.gaps[i].reason, "--max-age 0") ||
			    strstr(x.r.gaps[i].reason, "--allow-base"));
	fx_close(&x);
	free(img);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
}

/* Reproducible builds record the epoch; no base label with an allow-list: gaps, not findings. */
static void test_unknown(void **state)
{
	char *root = small_root(), *work = t_mkdtemp(), *img;
	static const char *const allowed[] = {"debian"};
	struct fx x;

	img = pack(work, root, "1970-01-01T00:00:00Z", "app", "", "");
	open_image(&x, img);
	x.o.base_images = allowed;
	x.o.n_base_images = 1;
	run_all(&x);
	assert_int_equal(x.r.n_findings, 0);
	assert_int_equal(fx_gaps(&x, "CTR-003"), 1);
	assert_int_equal(fx_gaps(&x, "CTR-004"), 1);
	fx_close(&x);
	free(img);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
}

/* A directory is no container image: only CTR-005 applies; sshd there is no finding. */
static void test_directory(void **state)
{
	char *root = small_root();
	struct fx x;

	t_write(root, "usr/sbin/sshd",
		"\x7f"
		"ELF",
		0755);
	t_write(root, "usr/bin/gdb",
		"\x7f"
		"ELF",
		0755);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 1);
	assert_non_null(fx_find(&x, "CTR-005", "/usr/bin/gdb"));
	/* a directory may be a VM's root, which needs its sshd: SR-3.5 is left not examined */
	assert_int_equal(fx_gaps(&x, "CTR-006"), 1);
	fx_close(&x);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image),
		cmocka_unit_test(test_bad_image),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_directory),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
