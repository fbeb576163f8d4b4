/* test_pseudo.c — a directory target with proc, sysfs and devtmpfs mounted inside (needs root) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/target.h"

static char *root;
static const char *const fs[][2] = {{"proc", "proc"}, {"sysfs", "sys"}, {"devtmpfs", "dev"}};
static bool mounted[3];

static char *at(const char *rel)
{
	char *p;

	if (asprintf(&p, "%s/%s", root, rel) < 0)
		abort();
	return p;
}

static bool has_note(const struct tgt *t, const char *path)
{
	const struct ia_problems *ps = tgt_notes(t);

	for (size_t i = 0; i < ps->len; i++)
		if (strcmp(ps->v[i].path, path) == 0 &&
		    strcmp(ps->v[i].msg, "not walked: pseudo filesystem") == 0)
			return true;
	return false;
}

/* ROOT/proc, ROOT/sys and ROOT/dev are mounts of the host's kernel filesystems; the dpkg status
 * links to /proc/self/environ as the image did. */
static void test_pseudo_mounts_not_walked(void **state)
{
	struct tgt_opts o = {0};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	const struct tgt_entry *e;

	(void)state;
	assert_int_equal(tgt_open(root, &o, &t, &err), 0);
	assert_int_equal(tgt_get_kind(t), TGT_DIR);
	for (size_t i = 0; i < 3; i++) {
		char slash[16], self[32];

		snprintf(slash, sizeof(slash), "/%s", fs[i][1]);
		snprintf(self, sizeof(self), "/%s/self", fs[i][1]);
		if (!mounted[i])
			continue;
		/* the mount point is an entry; nothing below it */
		assert_int_equal(tgt_lookup(t, slash, 0, &e), 0);
		assert_true(S_ISDIR(e->mode));
		{
			size_t b, end;

			assert_int_equal(tgt_subtree(t, slash, &b, &end), 0);
			assert_int_equal(end - b, 0);
		}
		assert_true(has_note(t, slash));
	}
	assert_int_equal(tgt_lookup(t, "/proc/self/environ", 0, &e), -ENOENT);
	/* what the image holds is there, and little else */
	assert_int_equal(tgt_lookup(t, "/etc/passwd", 0, &e), 0);
	assert_true(tgt_count(t) < 20);
	{
		struct ia_buf b = IA_BUF_INIT(1 << 20);

		assert_int_equal(tgt_read(t, "/var/lib/dpkg/status", 1 << 20, &b, NULL, &err),
				 -ENOENT);
		ia_buf_release(&b);
	}
	tgt_free(t);
	/* a pseudo filesystem named as the target itself is refused */
	{
		char *p = at("proc");

		t = NULL;
		assert_int_equal(tgt_open(p, &o, &t, &err), -IA_EUNSUPPORTED);
		assert_null(t);
		free(p);
	}
}

static int unmount_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *p = at(fs[i][1]);

		if (mounted[i] && umount2(p, MNT_DETACH) != 0)
			printf("cannot unmount %s: %s\n", p, strerror(errno));
		mounted[i] = false;
		free(p);
	}
	t_rmtree(root);
	free(root);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pseudo_mounts_not_walked),
	};
	if (geteuid() != 0) {
		printf("SKIP: mounting proc, sysfs and devtmpfs needs root\n");
		return 77;
	}
	root = t_mkdtemp();
	t_write(root, "etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644);
	t_mkdir(root, "var/lib/dpkg", 0755);
	t_symlink(root, "var/lib/dpkg/status", "/proc/self/environ");
	for (size_t i = 0; i < 3; i++) {
		char *p = at(fs[i][1]);

		t_mkdir(root, fs[i][1], 0755);
		mounted[i] = mount(fs[i][0], p, fs[i][0], MS_NOSUID | MS_NOEXEC, NULL) == 0;
		if (!mounted[i])
			printf("cannot mount %s here: %s\n", fs[i][0], strerror(errno));
		free(p);
	}
	if (!mounted[0]) {
		unmount_all(NULL);
		printf("SKIP: proc cannot be mounted here\n");
		return 77;
	}
	return T_RUN_GROUP(tests, NULL, unmount_all);
}
