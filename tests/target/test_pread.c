/* test_pread.c — ranges of file bytes (tgt_pread), private copies (tgt_open_entry), reads
 * through a directory cache (tgt_dircache), and no temporary storage left once an archive is
 * open */
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

/* The bytes of path read through d (tgt_pread_in), NUL-ended in buf; the count or -errno. */
static ssize_t read_via(struct tgt *t, struct tgt_dircache *d, const char *path, char *buf,
			size_t cap)
{
	const struct tgt_entry *e;
	ssize_t n;

	assert_int_equal(tgt_lookup(t, path, 0, &e), 0);
	n = tgt_pread_in(t, e, buf, cap - 1, 0, d);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* Files read in index order through one cache: neighbours, another directory, the root's own
 * files, opens (tgt_open_entry_in) as well as reads; a directory swapped for a symlink to
 * outside the root after the index was made is not followed, cached or not. */
static void test_dircache(void **state)
{
	char *root = t_mkdtemp(), *outside = t_mkdtemp(), *moved;
	struct tgt_opts o = {.kind = TGT_DIR};
	struct tgt_dircache d;
	const struct tgt_entry *e;
	struct tgt *t;
	char buf[64];
	int fd;

	(void)state;
	t_write(root, "top", "top", 0644);
	t_write(root, "a/one", "a-one", 0644);
	t_write(root, "a/two", "a-two", 0644);
	t_write(root, "b/c/three", "three", 0644);
	t_write(root, "b/four", "four", 0644);
	t_write(root, "s/five", "five", 0644);
	t_write(outside, "five", "outside", 0644);
	assert_int_equal(tgt_open(root, &o, &t, NULL), 0);
	tgt_dircache_init(&d);
	assert_int_equal(read_via(t, &d, "/a/one", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "a-one");
	assert_int_equal(read_via(t, &d, "/a/two", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "a-two");
	assert_string_equal(d.dir, "a");
	assert_int_equal(read_via(t, &d, "/b/c/three", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "three");
	assert_int_equal(read_via(t, &d, "/b/four", buf, sizeof(buf)), 4);
	assert_string_equal(buf, "four");
	assert_int_equal(read_via(t, &d, "/top", buf, sizeof(buf)), 3);
	assert_string_equal(buf, "top");
	assert_string_equal(d.dir, "");
	assert_int_equal(tgt_lookup(t, "/a/two", 0, &e), 0);
	fd = tgt_open_entry_in(t, e, &d);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof(buf)), 5);
	close(fd);
	/* /s becomes a symlink to a directory outside the root: never followed */
	assert_true(asprintf(&moved, "%s/s-moved", root) > 0);
	assert_int_equal(t_sh("mv '%s/s' '%s' && ln -s '%s' '%s/s'", root, moved, outside, root),
			 0);
	assert_true(read_via(t, &d, "/s/five", buf, sizeof(buf)) < 0);
	assert_true(read_via(t, NULL, "/s/five", buf, sizeof(buf)) < 0);
	tgt_dircache_done(&d);
	assert_int_equal(d.fd, -1);
	tgt_free(t);
	t_rmtree(root);
	t_rmtree(outside);
	free(root);
	free(outside);
	free(moved);
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
		cmocka_unit_test(test_dircache),
		cmocka_unit_test(test_archive_ranges_and_no_spool_left),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
