/* test_pread.c — ranges of file bytes (tgt_pread), private copies (tgt_open_entry), and no
 * temporary storage left once an archive is open */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "target/target.h"

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void check_ranges(struct tgt *t)
{
	const struct tgt_entry *e, *dir;
	char buf[16];
	int fd;

	assert_int_equal(tgt_lookup(t, "/etc/data", 0, &e), 0);
	assert_int_equal(tgt_pread(t, e, buf, 3, 4), 3);
	assert_memory_equal(buf, "456", 3);
	assert_int_equal(tgt_pread(t, e, buf, sizeof(buf), 8), 2); /* short read at the end */
	assert_memory_equal(buf, "89", 2);
	assert_int_equal(tgt_pread(t, e, buf, sizeof(buf), 10), 0);
	assert_int_equal(tgt_pread(t, e, buf, sizeof(buf), UINT64_MAX), 0);
	assert_int_equal(tgt_lookup(t, "/etc", 0, &dir), 0);
	assert_int_equal(tgt_pread(t, dir, buf, sizeof(buf), 0), -EISDIR);
	fd = tgt_open_entry(t, e);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof(buf)), 10);
	assert_memory_equal(buf, "0123456789", 10);
	close(fd);
}

static void test_dir_ranges(void **state)
{
	char *root = t_mkdtemp();
	struct tgt_opts o = {.kind = TGT_DIR};
	struct tgt *t;

	t_write(root, "etc/data", "0123456789", 0644);
	assert_int_equal(tgt_open(root, &o, &t, NULL), 0);
	check_ranges(t);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

static void test_archive_ranges_and_no_spool_left(void **state)
{
	char *root = t_mkdtemp(), *tmp = t_mkdtemp(), *out = t_mkdtemp(), *old = NULL;
	char tar[4096];
	struct tgt *t;

	t_write(root, "etc/data", "0123456789", 0644);
	snprintf(tar, sizeof(tar), "%s/image.tar", out);
	assert_int_equal(t_sh("\"$IA_SOURCE_ROOT\"/tests/fixtures/mkimage.sh '%s' '%s' >/dev/null",
			      root, tar),
			 0);
	/* the spool goes to $TMPDIR: a private one, empty again once the open returns */
	if (getenv("TMPDIR"))
		old = strdup(getenv("TMPDIR"));
	setenv("TMPDIR", tmp, 1);
	assert_int_equal(tgt_open(tar, NULL, &t, NULL), 0);
	assert_int_equal(count_entries(tmp), 0);
	check_ranges(t);
	assert_int_equal(count_entries(tmp), 0);
	tgt_free(t);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	t_rmtree(root);
	t_rmtree(tmp);
	t_rmtree(out);
	free(root);
	free(tmp);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_ranges),
		cmocka_unit_test(test_archive_ranges_and_no_spool_left),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
