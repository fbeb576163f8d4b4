/* test_target.c — unit tests of target/: directory index, lookup, hostile roots and layers, images
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/internal.h"
#include "target/target.h"
#include "util/cleanup.h"
#include "util/limits.h"

/* ---- helpers ---- */

static char *cat(const char *a, const char *b)
{
	char *p;

	if (asprintf(&p, "%s/%s", a, b) < 0)
		abort();
	return p;
}

static struct tgt *open_ok(const char *spec, enum tgt_kind kind)
{
	struct tgt_opts o = {.kind = kind};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	int r = tgt_open(spec, &o, &t, &err);

	if (r < 0)
		fail_msg("tgt_open %s: %d %s: %s", spec, r, err.path, err.msg);
	return t;
}

static const struct tgt_entry *get(struct tgt *t, const char *path)
{
	const struct tgt_entry *e = NULL;
	int r = tgt_lookup(t, path, TGT_NOFOLLOW, &e);

	if (r < 0)
		fail_msg("lookup %s: %d", path, r);
	return e;
}

static bool has_problem(const struct tgt *t, const char *path_part, const char *msg_part)
{
	const struct ia_problems *ps = tgt_problems(t);

	for (size_t i = 0; i < ps->len; i++)
		if ((!path_part || strstr(ps->v[i].path, path_part)) &&
		    (!msg_part || strstr(ps->v[i].msg, msg_part)))
			return true;
	return false;
}

static char *read_str(struct tgt *t, const char *path, int *ret)
{
	struct ia_buf b = IA_BUF_INIT(1 << 20);
	struct ia_err err = {0};

	*ret = tgt_read(t, path, 1 << 20, &b, NULL, &err);
	if (*ret < 0) {
		ia_buf_release(&b);
		return NULL;
	}
	return ia_buf_detach(&b, NULL);
}

/* one entry of a test layer: 'f' file, 'd' dir, 'l' symlink, 'h' hard link, 'z' zeros (size) */
struct tent {
	char type;
	const char *name;
	const char *data; /* file bytes, link target */
	unsigned mode;
	unsigned uid;
	size_t size; /* 'z' only */
};

static void *mktar(const struct tent *v, size_t n, bool gz, size_t *len)
{
	size_t cap = 32u << 20;
	void *buf = malloc(cap);
	struct archive *a = archive_write_new();
	static char zeros[65536];

	archive_write_set_format_pax_restricted(a);
	if (gz)
		archive_write_add_filter_gzip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open_memory(a, buf, cap, len), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		size_t size = v[i].type == 'f'   ? strlen(v[i].data)
			      : v[i].type == 'z' ? v[i].size
						 : 0;

		archive_entry_set_pathname(ae, v[i].name);
		archive_entry_set_uid(ae, v[i].uid);
		archive_entry_set_gid(ae, v[i].uid);
		archive_entry_set_mtime(ae, 1700000000, 0);
		switch (v[i].type) {
		case 'd':
			archive_entry_set_filetype(ae, AE_IFDIR);
			break;
		case 'l':
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, v[i].data);
			break;
		case 'h':
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_hardlink(ae, v[i].data);
			break;
		default:
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_size(ae, (la_int64_t)size);
		}
		archive_entry_set_perm(ae, v[i].mode ? v[i].mode : 0644);
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		if (v[i].type == 'f')
			archive_write_data(a, v[i].data, size);
		for (size_t done = 0; v[i].type == 'z' && done < size; done += sizeof(zeros))
			archive_write_data(a, zeros,
					   size - done < sizeof(zeros) ? size - done
								       : sizeof(zeros));
		archive_entry_free(ae);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return buf;
}

static struct tgt *layer(const struct tent *v, size_t n, bool gz, const struct tgt_opts *o,
			 int *ret, struct ia_err *err)
{
	size_t len;
	void *tar = mktar(v, n, gz, &len);
	struct tgt *t = NULL;

	*ret = tgt_open_layer_mem(tar, len, o, &t, err);
	free(tar);
	assert_non_null(t);
	return t;
}

static bool is_root(void)
{
	return geteuid() == 0;
}

/* ---- directory index ---- */

static void test_dir_index(void **state)
{
	char *root = t_mkdtemp(), *p;
	struct tgt *t;
	const struct tgt_entry *e, *h1, *h2;
	size_t b, end;

	t_write(root, "usr/bin/su", "su", 04755);
	t_mkdir(root, "srv/shared", 02775);
	t_mkdir(root, "tmp", 01777);
	t_write(root, "a/b", "b", 0640);
	t_write(root, "a-b", "x", 0644);
	t_write(root, "etc/hl1", "same", 0600);
	t_symlink(root, "etc/lnk", "/etc/hl1");
	p = cat(root, "etc/hl1");
	char *q = cat(root, "etc/hl2");
	assert_int_equal(link(p, q), 0);
	if (is_root()) {
		char *o = cat(root, "a/b");

		assert_int_equal(lchown(o, 1234, 4321), 0);
		free(o);
	}
	t = open_ok(root, TGT_AUTO);
	assert_int_equal(tgt_get_kind(t), TGT_DIR);
	assert_string_equal(tgt_kind_name(tgt_get_kind(t)), "dir");

	e = get(t, "/usr/bin/su");
	assert_true(S_ISREG(e->mode));
	assert_int_equal(e->mode & 07777, 04755);
	assert_int_equal(e->size, 2);
	assert_int_equal(get(t, "/srv/shared")->mode & 07777, 02775);
	assert_true(S_ISDIR(get(t, "/tmp")->mode));
	assert_int_equal(get(t, "/tmp")->mode & 07777, 01777);
	e = get(t, "/etc/lnk");
	assert_true(S_ISLNK(e->mode));
	assert_string_equal(e->link, "/etc/hl1");
	h1 = get(t, "/etc/hl1");
	h2 = get(t, "/etc/hl2");
	assert_true(h1->file_id == h2->file_id);
	assert_int_equal(h1->nlink, 2);
	assert_true(get(t, "/a-b")->file_id != h1->file_id);
	if (is_root()) {
		assert_int_equal(get(t, "/a/b")->uid, 1234);
		assert_int_equal(get(t, "/a/b")->gid, 4321);
	}
	/* order: "/" first, then a directory directly followed by its descendants */
	assert_string_equal(tgt_at(t, 0)->path, "/");
	for (size_t i = 1; i < tgt_count(t); i++)
		assert_true(tgt_path_cmp(tgt_at(t, i - 1)->path, tgt_at(t, i)->path) < 0);
	assert_int_equal(tgt_subtree(t, "/a", &b, &end), 0);
	assert_int_equal(end - b, 1);
	assert_string_equal(tgt_at(t, b)->path, "/a/b");
	assert_string_equal(tgt_at(t, end)->path, "/a-b");
	assert_int_equal(tgt_subtree(t, "/", &b, &end), 0);
	assert_int_equal(end - b, tgt_count(t) - 1);
	assert_int_equal(tgt_subtree(t, "/nope", &b, &end), -ENOENT);

	tgt_free(t);
	free(p);
	free(q);
	t_rmtree(root);
	free(root);
}

static void test_lookup(void **state)
{
	char *root = t_mkdtemp(), *s;
	struct tgt *t;
	const struct tgt_entry *e;
	int r;

	t_write(root, "etc/hostname", "image-host\n", 0644);
	t_symlink(root, "a/b/c/d/up", "../../../../../../../../../../../../etc/hostname");
	t_symlink(root, "loop1", "loop2");
	t_symlink(root, "loop2", "/loop1");
	t_symlink(root, "self", "self");
	t_symlink(root, "etcdir", "/etc/");
	t_symlink(root, "dangling", "/nowhere");
	t = open_ok(root, TGT_DIR);

	/* many ".." stay inside the root */
	s = read_str(t, "/a/b/c/d/up", &r);
	assert_int_equal(r, 0);
	assert_string_equal(s, "image-host\n");
	free(s);
	assert_int_equal(tgt_lookup(t, "/../../../etc/hostname", 0, &e), 0);
	assert_string_equal(e->path, "/etc/hostname");
	assert_int_equal(tgt_lookup(t, "etcdir/./hostname", 0, &e), 0);
	assert_string_equal(e->path, "/etc/hostname");
	/* loops end with -ELOOP, no hang */
	assert_int_equal(tgt_lookup(t, "/loop1", 0, &e), -ELOOP);
	assert_int_equal(tgt_lookup(t, "/self", 0, &e), -ELOOP);
	assert_int_equal(tgt_lookup(t, "/self", TGT_NOFOLLOW, &e), 0);
	assert_true(S_ISLNK(e->mode));
	assert_int_equal(tgt_lookup(t, "/loop1/x", TGT_NOFOLLOW, &e), -ELOOP);
	assert_int_equal(tgt_lookup(t, "/etc/hostname/x", 0, &e), -ENOTDIR);
	assert_int_equal(tgt_lookup(t, "/etc/hostname/", 0, &e), -ENOTDIR);
	assert_int_equal(tgt_lookup(t, "/dangling", 0, &e), -ENOENT);
	assert_int_equal(tgt_lookup(t, "/missing", 0, &e), -ENOENT);
	{
		char longp[IA_MAX_PATH + 10];

		memset(longp, 'a', sizeof(longp) - 1);
		longp[0] = '/';
		longp[sizeof(longp) - 1] = '\0';
		assert_int_equal(tgt_lookup(t, longp, 0, &e), -ENAMETOOLONG);
	}
	/* reading: not a regular file, over the cap */
	s = read_str(t, "/etc", &r);
	assert_null(s);
	assert_int_equal(r, -EISDIR);
	{
		struct ia_buf b = IA_BUF_INIT(1 << 20);

		assert_int_equal(tgt_read(t, "/etc/hostname", 4, &b, NULL, NULL), -IA_ETOOBIG);
		ia_buf_release(&b);
	}
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

/* The image's /etc/shadow, whatever its links say, never the host's. */
static void test_hostile_dir_abs_symlink_shadow(void **state)
{
	char *root = t_mkdtemp(), *s, *host = NULL;
	size_t hlen = 0;
	struct tgt *t;
	int r;

	t_symlink(root, "etc/shadow", "/etc/shadow");
	t_symlink(root, "etc/passwd-link", "/etc/shadow");
	t_symlink(root, "etc/rel", "../../../../etc/shadow");
	t = open_ok(root, TGT_DIR);
	s = read_str(t, "/etc/shadow", &r);
	assert_null(s);
	assert_int_equal(r, -ELOOP);
	s = read_str(t, "/etc/passwd-link", &r);
	assert_null(s);
	assert_int_equal(r, -ELOOP);
	tgt_free(t);

	/* with an image /etc/shadow of its own: the image's bytes */
	{
		char *p = cat(root, "etc/shadow");

		unlink(p);
		free(p);
	}
	t_write(root, "etc/shadow", "image-shadow\n", 0640);
	t = open_ok(root, TGT_DIR);
	if (access("/etc/shadow", R_OK) == 0)
		host = t_slurp("/etc/shadow", &hlen);
	for (int i = 0; i < 2; i++) {
		s = read_str(t, i ? "/etc/rel" : "/etc/passwd-link", &r);
		assert_int_equal(r, 0);
		assert_string_equal(s, "image-shadow\n");
		if (host)
			assert_false(strlen(s) == hlen && memcmp(s, host, hlen) == 0);
		free(s);
	}
	free(host);
	tgt_free(t);
	t_rmtree(root);
	free(root);
}

static void test_hostile_fifo_is_not_read(void **state)
{
	char *root = t_mkdtemp(), *p = cat(root, "fifo");
	struct tgt *t;
	int r;

	assert_int_equal(mkfifo(p, 0644), 0);
	t = open_ok(root, TGT_DIR);
	assert_true(S_ISFIFO(get(t, "/fifo")->mode));
	assert_null(read_str(t, "/fifo", &r));
	assert_int_equal(r, -EINVAL);
	tgt_free(t);
	free(p);
	t_rmtree(root);
	free(root);
}

/* removes a chain root/d/d/d/... one level at a time, without long paths */
static void rm_chain(const char *root)
{
	int rfd = open(root, O_RDONLY | O_DIRECTORY);

	assert_true(rfd >= 0);
	for (;;) {
		int dfd = openat(rfd, "d", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

		if (dfd < 0)
			break;
		if (renameat(dfd, "d", rfd, "n") == 0) {
			close(dfd);
			assert_int_equal(unlinkat(rfd, "d", AT_REMOVEDIR), 0);
			assert_int_equal(renameat(rfd, "n", rfd, "d"), 0);
		} else {
			close(dfd);
			assert_int_equal(unlinkat(rfd, "d", AT_REMOVEDIR), 0);
			break;
		}
	}
	close(rfd);
}

static void test_hostile_deep_chain(void **state)
{
	char *root = t_mkdtemp();
	int fd = open(root, O_RDONLY | O_DIRECTORY);
	struct tgt *t;
	size_t depth = 0;

	for (int i = 0; i < 10000; i++) {
		int nfd;

		assert_int_equal(mkdirat(fd, "d", 0755), 0);
		nfd = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = nfd;
		assert_true(fd >= 0);
	}
	close(fd);
	t = open_ok(root, TGT_DIR);
	assert_int_equal(tgt_problems(t)->len, 1);
	assert_true(has_problem(t, "/d/d/d", "IA_MAX_DEPTH"));
	for (const char *p = tgt_at(t, tgt_count(t) - 1)->path; *p; p++)
		depth += *p == '/';
	assert_int_equal(depth, IA_MAX_DEPTH);
	assert_int_equal(tgt_count(t), IA_MAX_DEPTH + 1);
	tgt_free(t);
	rm_chain(root);
	t_rmtree(root);
	free(root);
}

/* ---- layers ---- */

static void test_layer_basics(void **state)
{
	const struct tent v[] = {
		{'d', "./", NULL, 0755, 0, 0},
		{'d', "./etc/", NULL, 0755, 0, 0},
		{'f', "./etc//passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0},
		{'f', "usr/bin/tool", "tool", 04755, 1234, 0},
		{'h', "usr/bin/tool2", "usr/bin/tool", 0, 0, 0},
		{'l', "etc/shadow", "/etc/shadow", 0777, 0, 0},
		{'l', "etc/up", "../../../../etc/passwd", 0777, 0, 0},
		{'f', "deep/a/b/file", "nested", 0600, 7, 0},
	};
	struct ia_err err = {0};
	int r;
	struct tgt *t = layer(v, IA_ARRAY_SIZE(v), true, NULL, &r, &err);
	const struct tgt_entry *e;
	char *s;

	assert_int_equal(r, 0);
	assert_int_equal(tgt_problems(t)->len, 0);
	e = get(t, "/usr/bin/tool");
	assert_int_equal(e->mode & 07777, 04755);
	assert_int_equal(e->uid, 1234);
	assert_int_equal(e->gid, 1234);
	assert_int_equal(e->mtime, 1700000000);
	assert_true(get(t, "/usr/bin/tool2")->file_id == e->file_id);
	assert_int_equal(e->nlink, 2);
	s = read_str(t, "/usr/bin/tool2", &r);
	assert_string_equal(s, "tool");
	free(s);
	/* parents the tar did not list exist as directories */
	assert_true(S_ISDIR(get(t, "/deep/a")->mode));
	/* absolute symlink to itself: a loop inside the image, never the host file */
	assert_null(read_str(t, "/etc/shadow", &r));
	assert_int_equal(r, -ELOOP);
	s = read_str(t, "/etc/up", &r);
	assert_string_equal(s, "root:x:0:0::/root:/bin/sh\n");
	free(s);
	tgt_free(t);
}

/* Parents no layer lists count against the entry limit: deep paths under distinct top
 * directories would otherwise each add up to IA_MAX_DEPTH entries. */
static void test_hostile_missing_parents(void **state)
{
	const struct tent v[] = {
		{'f', "x0/a/b/c/f", "0", 0644, 0, 0},
		{'f', "x1/a/b/c/f", "1", 0644, 0, 0},
		{'f', "x2/a/b/c/f", "2", 0644, 0, 0},
		{'f', "x3/a/b/c/f", "3", 0644, 0, 0},
	};
	struct tgt_opts o = {.max_entries = 12};
	struct ia_err err = {0};
	int r;
	struct tgt *t = layer(v, IA_ARRAY_SIZE(v), true, NULL, &r, &err);
	char *s;

	/* the root, 4 files and 4 parents each */
	assert_int_equal(r, 0);
	assert_int_equal(tgt_count(t), 21);
	assert_int_equal(tgt_problems(t)->len, 0);
	tgt_free(t);

	t = layer(v, IA_ARRAY_SIZE(v), true, &o, &r, &err);
	assert_int_equal(r, 0);
	assert_int_equal(tgt_count(t), 12);
	assert_int_equal(tgt_problems(t)->len, 1);
	assert_true(has_problem(t, "/x1/a/b/c/f", "IA_MAX_ENTRIES (12)"));
	/* the first file in path order got all its parents */
	assert_true(S_ISDIR(get(t, "/x0/a/b/c")->mode));
	s = read_str(t, "/x0/a/b/c/f", &r);
	assert_string_equal(s, "0");
	free(s);
	tgt_free(t);
}

static void test_hostile_tar_escape(void **state)
{
	const struct tent v[] = {
		{'f', "../../escape", "evil", 0644, 0, 0},
		{'f', "/abs", "evil", 0644, 0, 0},
		{'f', "a/../../escape2", "evil", 0644, 0, 0},
		{'f', "ok", "fine", 0644, 0, 0},
	};
	char *dir = t_mkdtemp(), *tmp = cat(dir, "tmp"), *old = getenv("TMPDIR");
	char *oldcopy = old ? strdup(old) : NULL;
	struct ia_err err = {0};
	struct stat st;
	struct tgt *t;
	int r;

	assert_int_equal(mkdir(tmp, 0700), 0);
	setenv("TMPDIR", tmp, 1);
	t = layer(v, IA_ARRAY_SIZE(v), false, NULL, &r, &err);
	assert_int_equal(r, 0);
	assert_int_equal(tgt_count(t), 2); /* "/" and "/ok" */
	assert_non_null(get(t, "/ok"));
	assert_true(has_problem(t, "../../escape", "refused"));
	assert_true(has_problem(t, "/abs", "refused"));
	assert_true(has_problem(t, "escape2", "refused"));
	tgt_free(t);
	/* nothing appeared beside the spool, above it, or in the cwd */
	{
		char *p1 = cat(dir, "escape"), *p2 = cat(tmp, "escape");

		assert_int_not_equal(lstat(p1, &st), 0);
		assert_int_not_equal(lstat(p2, &st), 0);
		assert_int_not_equal(lstat("escape", &st), 0);
		assert_int_not_equal(lstat("../escape", &st), 0);
		free(p1);
		free(p2);
	}
	/* and the spool is gone */
	{
		DIR *d = opendir(tmp);
		struct dirent *de;
		int n = 0;

		while ((de = readdir(d)))
			n += de->d_name[0] != '.';
		closedir(d);
		assert_int_equal(n, 0);
	}
	if (oldcopy)
		setenv("TMPDIR", oldcopy, 1);
	else
		unsetenv("TMPDIR");
	free(oldcopy);
	free(tmp);
	t_rmtree(dir);
	free(dir);
}

static void test_hostile_tar_hardlink(void **state)
{
	const struct tent v[] = {
		{'f', "etc/real", "real", 0644, 0, 0},
		{'h', "etc/out", "../../../etc/passwd", 0, 0, 0},
		{'h', "etc/abs", "/etc/passwd", 0, 0, 0},
		{'h', "etc/missing", "etc/nothing-here", 0, 0, 0},
		{'h', "etc/good", "./etc/real", 0, 0, 0},
	};
	struct ia_err err = {0};
	int r;
	struct tgt *t = layer(v, IA_ARRAY_SIZE(v), false, NULL, &r, &err);
	const struct tgt_entry *e;
	char *s;

	assert_int_equal(r, 0);
	assert_int_equal(tgt_lookup(t, "/etc/out", 0, &e), -ENOENT);
	assert_int_equal(tgt_lookup(t, "/etc/abs", 0, &e), -ENOENT);
	assert_int_equal(tgt_lookup(t, "/etc/missing", 0, &e), -ENOENT);
	assert_true(has_problem(t, "/etc/out", "outside"));
	assert_true(has_problem(t, "/etc/abs", "outside"));
	assert_true(has_problem(t, "/etc/missing", "missing"));
	s = read_str(t, "/etc/good", &r);
	assert_string_equal(s, "real");
	free(s);
	tgt_free(t);
}

static void test_hostile_gzip_bomb(void **state)
{
	const struct tent v[] = {{'z', "zeros", NULL, 0644, 0, 8u << 20}};
	struct tgt_opts o = {.ratio_grace = 1u << 20};
	struct ia_err err = {0};
	int r;
	struct tgt *t = layer(v, 1, true, &o, &r, &err);

	assert_int_equal(r, -IA_ETOOBIG);
	assert_string_equal(err.path, "layer");
	assert_non_null(strstr(err.msg, "bomb"));
	tgt_free(t);

	/* under the default grace the same layer is fine and its bytes are there */
	memset(&err, 0, sizeof(err));
	t = layer(v, 1, true, NULL, &r, &err);
	if (r)
		print_message("%s: %s\n", err.path, err.msg);
	assert_int_equal(r, 0);
	assert_int_equal(get(t, "/zeros")->size, 8u << 20);
	tgt_free(t);

	/* the image size cap, uncompressed */
	o = (struct tgt_opts){.max_image_size = 1u << 20};
	t = layer(v, 1, false, &o, &r, &err);
	assert_int_equal(r, -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_IMAGE_SIZE"));
	tgt_free(t);
}

/* Long refused names: the name quoted in a problem is capped, and so are the problems of a
 * layer, with one problem counting the rest. */
static void test_hostile_long_names(void **state)
{
	enum { N = 300 };
	struct tent *v = calloc(N + 2, sizeof(*v));
	char *huge = malloc(100001), **names = calloc(N, sizeof(*names));
	const struct ia_problems *ps;
	struct ia_err err = {0};
	struct tgt *t;
	int r;
	bool counted = false;

	memset(huge, 'a', 100000);
	huge[100000] = '\0';
	v[0] = (struct tent){'f', huge, "x", 0644, 0, 0};
	for (size_t i = 0; i < N; i++) {
		/* one component longer than NAME_MAX: refused */
		names[i] = malloc(320);
		memset(names[i], 'b', 300);
		snprintf(names[i] + 300, 20, "%zu", i);
		v[i + 1] = (struct tent){'f', names[i], "y", 0644, 0, 0};
	}
	v[N + 1] = (struct tent){'f', "etc/ok", "ok", 0644, 0, 0};
	t = layer(v, N + 2, true, NULL, &r, &err);
	if (r != 0)
		fail_msg("%d %s: %s", r, err.path, err.msg);
	assert_non_null(get(t, "/etc/ok"));
	ps = tgt_problems(t);
	assert_true(ps->len <= IA_MAX_LAYER_PROBLEMS + 1);
	for (size_t i = 0; i < ps->len; i++) {
		assert_true(strlen(ps->v[i].path) <= IA_MAX_QUOTED_NAME + 32);
		assert_true(strlen(ps->v[i].msg) < 512);
		if (strstr(ps->v[i].msg, "more problems not listed")) {
			counted = true;
			/* 301 refused, IA_MAX_LAYER_PROBLEMS listed */
			assert_non_null(strstr(ps->v[i].msg, "201 more"));
		}
	}
	assert_true(counted);
	/* the 100 KB name: quoted to its first bytes and its length */
	assert_int_equal(strncmp(ps->v[0].path, "aaaa", 4), 0);
	assert_non_null(strstr(ps->v[0].path, "\u2026 100000 bytes"));
	tgt_free(t);
	for (size_t i = 0; i < N; i++)
		free(names[i]);
	free(names);
	free(huge);
	free(v);
}

static void test_layer_garbage(void **state)
{
	static const char junk[] = "this is not a tar archive at all, not even close";
	struct ia_err err = {0};
	struct tgt *t = NULL;
	int r = tgt_open_layer_mem(junk, sizeof(junk), NULL, &t, &err);

	assert_true(r < 0);
	assert_non_null(t);
	tgt_free(t);
	r = tgt_open_layer_mem("", 0, NULL, &t, &err);
	assert_int_equal(r, 0);
	assert_int_equal(tgt_count(t), 1);
	tgt_free(t);
}

/* A header libarchive reads with a warning is refused, not applied as read: a pax path over
 * 1 MB (Python's tarfile writes one; Go's archive/tar refuses it) is dropped by libarchive,
 * which falls back to the first 100 bytes of the ustar name. The entries after it are applied. */
static void test_hostile_header_warning(void **state)
{
	char *dir = t_mkdtemp(), *tar = cat(dir, "l.tar"), *buf;
	struct ia_err err = {0};
	struct tgt *t = NULL;
	FILE *f;
	long len;
	int r;

	T_REQUIRE(t_sh("command -v python3 >/dev/null") == 0, "python3");
	assert_int_equal(
		t_sh("python3 -c 'import io, sys, tarfile\n"
		     "with tarfile.open(sys.argv[1], \"w\", format=tarfile.PAX_FORMAT) as tf:\n"
		     "    for n in (\"before\", \"d/\" + \"x\" * 1000000, \"after\", "
		     "\"caf\\u00e9\"):\n"
		     "        ti = tarfile.TarInfo(n)\n"
		     "        ti.size = 2\n"
		     "        tf.addfile(ti, io.BytesIO(b\"hi\"))\n"
		     "' %s",
		     tar),
		0);
	f = fopen(tar, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 1000000);
	rewind(f);
	buf = malloc((size_t)len);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	r = tgt_open_layer_mem(buf, (size_t)len, NULL, &t, &err);
	free(buf);
	assert_int_equal(r, 0);
	/* "/", "/before", "/after", "/café": nothing under the truncated name, nor its parent
	 * "/d"; a UTF-8 pax name is read as it is, not refused in the C locale the test runs in */
	assert_int_equal(tgt_count(t), 4);
	assert_non_null(get(t, "/before"));
	assert_non_null(get(t, "/after"));
	assert_non_null(get(t, "/caf\xc3\xa9"));
	assert_int_equal(tgt_problems(t)->len, 1);
	assert_true(has_problem(t, "d/xxx", "Rejecting pax extended attribute"));
	assert_true(has_problem(t, NULL, "layer '"));
	tgt_free(t);
	unlink(tar);
	rmdir(dir);
	free(tar);
	free(dir);
	(void)state;
}

/* The same in the outer archive: a member whose header came with a warning is not indexed under
 * the name libarchive fell back to; the image is still read. */
static void test_hostile_member_warning(void **state)
{
	char *dir = t_mkdtemp(), *img = cat(dir, "img.tar");
	struct tgt *t;

	T_REQUIRE(t_sh("command -v python3 >/dev/null") == 0, "python3");
	assert_int_equal(
		t_sh("python3 -c 'import hashlib, io, json, sys, tarfile\n"
		     "def add(tf, n, b):\n"
		     "    ti = tarfile.TarInfo(n)\n"
		     "    ti.size = len(b)\n"
		     "    tf.addfile(ti, io.BytesIO(b))\n"
		     "lb = io.BytesIO()\n"
		     "with tarfile.open(fileobj=lb, mode=\"w\", format=tarfile.PAX_FORMAT) as tf:\n"
		     "    add(tf, \"ok\", b\"hi\")\n"
		     "layer = lb.getvalue()\n"
		     "cfg = json.dumps({\"architecture\": \"amd64\", \"os\": \"linux\",\n"
		     "    \"rootfs\": {\"type\": \"layers\", \"diff_ids\":\n"
		     "    [\"sha256:\" + hashlib.sha256(layer).hexdigest()]}}).encode()\n"
		     "c = hashlib.sha256(cfg).hexdigest() + \".json\"\n"
		     "man = json.dumps([{\"Config\": c, \"RepoTags\": [\"x:1\"],\n"
		     "    \"Layers\": [\"l/layer.tar\"]}]).encode()\n"
		     "with tarfile.open(sys.argv[1], \"w\", format=tarfile.PAX_FORMAT) as tf:\n"
		     "    add(tf, \"l/\" + \"y\" * 1000000, b\"zz\")\n"
		     "    add(tf, \"l/layer.tar\", layer)\n"
		     "    add(tf, c, cfg)\n"
		     "    add(tf, \"manifest.json\", man)\n"
		     "' %s",
		     img),
		0);
	t = open_ok(img, TGT_AUTO);
	assert_non_null(get(t, "/ok"));
	assert_int_equal(tgt_problems(t)->len, 1);
	assert_true(has_problem(t, "l/yyy", "Rejecting pax extended attribute"));
	assert_true(has_problem(t, NULL, "archive member refused"));
	tgt_free(t);
	unlink(img);
	rmdir(dir);
	free(img);
	free(dir);
	(void)state;
}

/* ---- docker-save and OCI ---- */

static void check_image(struct tgt *t, const char *what)
{
	const struct tgt_image_config *c = tgt_config(t);
	const struct tgt_entry *e;
	size_t b, end;
	char *s;
	int r;

	print_message("checking %s\n", what);
	assert_non_null(c);
	assert_int_equal(c->n_layers, 3);
	assert_int_equal(c->created_ts, 1767225600);
	assert_string_equal(c->os, "linux");
	assert_int_equal(c->n_cmd, 1);
	assert_string_equal(c->cmd[0], "/bin/bash");
	assert_int_equal(c->n_history, 3);
	assert_int_equal(strncmp(c->config_digest, "sha256:", 7), 0);
	assert_int_equal(tgt_problems(t)->len, 0);
	/* layer 2's whiteout: the first doc directory and its files are gone */
	assert_int_equal(tgt_lookup(t, "/usr/share/doc/aaa", 0, &e), -ENOENT);
	assert_int_equal(tgt_lookup(t, "/usr/share/doc/aaa/copyright", 0, &e), -ENOENT);
	assert_non_null(get(t, "/usr/share/doc/bbb/copyright"));
	e = get(t, "/etc/imgaudit-layer2");
	assert_int_equal(e->mode & 07777, 04755);
	assert_int_equal(e->uid, 1234);
	/* layer 3's opaque directory holds only the new file */
	assert_int_equal(tgt_subtree(t, "/etc/skel", &b, &end), 0);
	assert_int_equal(end - b, 1);
	assert_string_equal(tgt_at(t, b)->path, "/etc/skel/imgaudit-only");
	assert_int_equal(tgt_at(t, b)->gid, 1234);
	s = read_str(t, "/etc/skel/imgaudit-only", &r);
	assert_string_equal(s, "opaque\n");
	free(s);
	/* layer 1 kept owners, modes, hard links and the absolute symlink */
	if (is_root()) {
		e = get(t, "/usr/bin/owned");
		assert_int_equal(e->uid, 1234);
		assert_int_equal(e->mode & 07777, 02750);
	}
	assert_true(get(t, "/usr/bin/h1")->file_id == get(t, "/usr/bin/h2")->file_id);
	assert_int_equal(get(t, "/usr/bin/h1")->nlink, 2);
	assert_null(read_str(t, "/etc/shadow", &r));
	assert_int_equal(r, -ELOOP);
	s = read_str(t, "/usr/bin/h2", &r);
	assert_string_equal(s, "hardlinked\n");
	free(s);
}

static void test_images(void **state)
{
	const char *src = getenv("IA_SOURCE_ROOT");
	char *dir = t_mkdtemp(), *root = cat(dir, "root"), *dock = cat(dir, "img.tar");
	char *ocid = cat(dir, "oci"), *ocia = cat(dir, "oci.tar");
	bool skopeo = t_sh("command -v skopeo >/dev/null") == 0;
	struct tgt *t;

	assert_non_null(src);
	assert_int_equal(mkdir(root, 0755), 0);
	T_REQUIRE(t_sh("command -v sha256sum >/dev/null && tar --version | grep -q GNU") == 0,
		  "GNU tar and sha256sum");
	t_write(root, "usr/share/doc/aaa/copyright", "a", 0644);
	t_write(root, "usr/share/doc/bbb/copyright", "b", 0644);
	t_write(root, "etc/skel/.bashrc", "old", 0644);
	t_write(root, "usr/bin/owned", "x", 0755);
	t_write(root, "usr/bin/h1", "hardlinked\n", 0755);
	t_symlink(root, "etc/shadow", "/etc/shadow");
	{
		char *p = cat(root, "usr/bin/owned"), *h1 = cat(root, "usr/bin/h1"),
		     *h2 = cat(root, "usr/bin/h2");

		if (is_root())
			assert_int_equal(chown(p, 1234, 1234), 0);
		chmod(p, 02750);
		assert_int_equal(link(h1, h2), 0);
		free(p);
		free(h1);
		free(h2);
	}
	assert_int_equal(t_sh("'%s/tests/fixtures/mkimage.sh' '%s' '%s' --extra-layers %s%s%s%s "
			      ">/dev/null",
			      src, root, dock, skopeo ? "--oci-dir " : "", skopeo ? ocid : "",
			      skopeo ? " --oci-archive " : "", skopeo ? ocia : ""),
			 0);
	t = open_ok(dock, TGT_AUTO);
	assert_int_equal(tgt_get_kind(t), TGT_DOCKER_ARCHIVE);
	check_image(t, "docker-archive");
	assert_string_equal(tgt_config(t)->ref, "imgaudit-fixture:latest");
	tgt_free(t);
	if (!skopeo) {
		print_message("skopeo missing: OCI layouts not tested\n");
	} else {
		struct ia_err err = {0};
		struct tgt_opts o = {0};
		char *idx;
		size_t n;

		t = open_ok(ocid, TGT_AUTO);
		assert_int_equal(tgt_get_kind(t), TGT_OCI_DIR);
		check_image(t, "oci-dir");
		assert_string_equal(tgt_config(t)->ref, "latest");
		tgt_free(t);
		t = open_ok(ocia, TGT_AUTO);
		assert_int_equal(tgt_get_kind(t), TGT_OCI_ARCHIVE);
		check_image(t, "oci-archive");
		tgt_free(t);
		/* a blob that does not match its digest fails the open */
		idx = cat(ocid, "index.json");
		free(t_slurp(idx, &n));
		assert_int_equal(t_sh("cd '%s/blobs/sha256' && for f in *; do "
				      "if grep -q '\"layers\"' \"$f\"; then chmod u+w \"$f\"; "
				      "echo ' ' >> \"$f\"; fi; done",
				      ocid),
				 0);
		t = NULL;
		assert_int_equal(tgt_open(ocid, &o, &t, &err), -IA_ECORRUPT);
		assert_null(t);
		assert_non_null(strstr(err.msg, "sha256 mismatch"));
		free(idx);
	}
	t_rmtree(dir);
	free(root);
	free(dock);
	free(ocid);
	free(ocia);
	free(dir);
}

/* ---- archives built in the test: Docker >= 25 layout, digests, whiteouts, compressed outer ----
 */

static void sha_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int len = 0;

	assert_int_equal(EVP_Digest(p, n, md, &len, EVP_sha256(), NULL), 1);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* one member of an outer archive: data (len bytes), or a symlink when link is set */
struct omem {
	const char *name;
	const void *data;
	size_t len;
	const char *link;
};

static void write_outer(const char *path, const struct omem *v, size_t n, bool gz)
{
	struct archive *a = archive_write_new();

	archive_write_set_format_pax_restricted(a);
	if (gz)
		archive_write_add_filter_gzip(a);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();

		archive_entry_set_pathname(ae, v[i].name);
		archive_entry_set_mtime(ae, 1700000000, 0);
		if (v[i].link) {
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, v[i].link);
			archive_entry_set_perm(ae, 0777);
		} else {
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_perm(ae, 0644);
			archive_entry_set_size(ae, (la_int64_t)v[i].len);
		}
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		if (!v[i].link && v[i].len)
			assert_int_equal(archive_write_data(a, v[i].data, v[i].len),
					 (la_ssize_t)v[i].len);
		archive_entry_free(ae);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

#define MAX_TL 4
struct tlayer {
	void *tar;
	size_t len;
	bool gz;
	char hex[65];  /* digest of the blob as stored */
	char diff[65]; /* digest of the uncompressed tar */
};

enum { CORRUPT_NONE = -1 };

/*
 * Writes a `docker save` archive as Docker >= 25 does: blobs/sha256/<digest> for the layers,
 * the config and the OCI manifest, manifest.json naming blobs/sha256/..., index.json,
 * oci-layout and repositories. corrupt >= 0: that layer's blob gets 1024 more zero bytes after
 * the digests were taken (the tar reads the same, the digest no longer matches).
 */
static void mk_docker25(const char *path, struct tlayer *l, size_t n, int corrupt, bool outer_gz)
{
	struct omem m[MAX_TL + 8];
	char cfg[4096], man[4096], idx[1024], mf[2048], layers[1024] = "", diffs[1024] = "",
							names[1024] = "";
	char cfg_hex[65], man_hex[65], bnames[MAX_TL][96], cname[96], mname[96];
	void *blob[MAX_TL];
	size_t k = 0;

	assert_true(n <= MAX_TL);
	for (size_t i = 0; i < n; i++) {
		char *d = l[i].tar;
		size_t len = l[i].len;

		sha_hex(d, len, l[i].hex);
		if (!l[i].gz)
			memcpy(l[i].diff, l[i].hex, 65);
		snprintf(bnames[i], sizeof(bnames[i]), "blobs/sha256/%s", l[i].hex);
		snprintf(layers + strlen(layers), sizeof(layers) - strlen(layers),
			 "%s{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar%s\","
			 "\"digest\":\"sha256:%s\",\"size\":%zu}",
			 i ? "," : "", l[i].gz ? "+gzip" : "", l[i].hex, len);
		snprintf(diffs + strlen(diffs), sizeof(diffs) - strlen(diffs), "%s\"sha256:%s\"",
			 i ? "," : "", l[i].diff);
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s\"%s\"",
			 i ? "," : "", bnames[i]);
		blob[i] = d;
		if ((int)i == corrupt) {
			blob[i] = calloc(1, len + 1024);
			memcpy(blob[i], d, len);
		}
		m[k++] = (struct omem){bnames[i], blob[i], len + ((int)i == corrupt ? 1024 : 0),
				       NULL};
	}
	snprintf(
		cfg, sizeof(cfg),
		"{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
		"\"config\":{\"User\":\"app\",\"Cmd\":[\"/bin/sh\"]},"
		"\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[%s]}}",
		diffs);
	sha_hex(cfg, strlen(cfg), cfg_hex);
	snprintf(cname, sizeof(cname), "blobs/sha256/%s", cfg_hex);
	snprintf(
		man, sizeof(man),
		"{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
		"\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
		"\"digest\":\"sha256:%s\",\"size\":%zu},\"layers\":[%s]}",
		cfg_hex, strlen(cfg), layers);
	sha_hex(man, strlen(man), man_hex);
	snprintf(mname, sizeof(mname), "blobs/sha256/%s", man_hex);
	snprintf(idx, sizeof(idx),
		 "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
		 "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
		 "\"digest\":\"sha256:%s\",\"size\":%zu,\"annotations\":{"
		 "\"io.containerd.image.name\":\"docker.io/library/t25:latest\","
		 "\"org.opencontainers.image.ref.name\":\"latest\"}}]}",
		 man_hex, strlen(man));
	snprintf(mf, sizeof(mf),
		 "[{\"Config\":\"%s\",\"RepoTags\":[\"t25:latest\"],\"Layers\":[%s]}]", cname,
		 names);
	m[k++] = (struct omem){cname, cfg, strlen(cfg), NULL};
	m[k++] = (struct omem){mname, man, strlen(man), NULL};
	m[k++] = (struct omem){"index.json", idx, strlen(idx), NULL};
	m[k++] = (struct omem){"manifest.json", mf, strlen(mf), NULL};
	m[k++] = (struct omem){"oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 30, NULL};
	m[k++] = (struct omem){"repositories", "{}", 2, NULL};
	write_outer(path, m, k, outer_gz);
	if (corrupt >= 0)
		free(blob[corrupt]);
}

static bool has_note(const struct tgt *t, const char *msg_part)
{
	const struct ia_problems *ps = tgt_notes(t);

	for (size_t i = 0; i < ps->len; i++)
		if (strstr(ps->v[i].msg, msg_part))
			return true;
	return false;
}

static void free_layers(struct tlayer *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i].tar);
}

static const struct tent base_layer[] = {
	{'d', "etc/", NULL, 0755, 0, 0},
	{'f', "etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0},
	{'f', "etc/hostname", "t25\n", 0644, 0, 0},
	{'f', "usr/bin/tool", "tool-v1", 04755, 0, 0},
	{'h', "usr/bin/tool-link", "usr/bin/tool", 0, 0, 0},
	{'z', "var/big", NULL, 0644, 0, 300000},
};

static void check_t25(struct tgt *t)
{
	const struct tgt_image_config *c = tgt_config(t);
	char *s;
	int r;

	assert_int_equal(tgt_get_kind(t), TGT_DOCKER_ARCHIVE);
	assert_int_equal(c->n_layers, 1);
	assert_string_equal(c->user, "app");
	assert_string_equal(c->ref, "t25:latest");
	assert_int_equal(tgt_problems(t)->len, 0);
	s = read_str(t, "/etc/passwd", &r);
	assert_string_equal(s, "root:x:0:0::/root:/bin/sh\n");
	free(s);
	s = read_str(t, "/usr/bin/tool-link", &r);
	assert_string_equal(s, "tool-v1");
	free(s);
	assert_int_equal(get(t, "/usr/bin/tool")->mode & 07777, 04755);
	assert_int_equal(get(t, "/var/big")->size, 300000);
	/* a body read through a descriptor, not only into a buffer */
	{
		int fd = tgt_open_entry(t, get(t, "/etc/hostname"));
		char buf[16] = {0};

		assert_true(fd >= 0);
		assert_int_equal(read(fd, buf, sizeof(buf)), 4);
		assert_string_equal(buf, "t25\n");
		close(fd);
	}
}

/* Docker >= 25 writes an OCI layout and manifest.json side by side; both are readable. */
static void test_docker25_layout(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "t25.tar");
	struct tlayer l = {0};
	struct tgt_opts o = {.verify_layers = true};
	struct ia_err err = {0};
	struct tgt *t;

	l.tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &l.len);
	mk_docker25(p, &l, 1, CORRUPT_NONE, false);
	t = open_ok(p, TGT_AUTO);
	check_t25(t);
	/* read in place, not hashed by default: said so */
	assert_true(has_note(t, "layer digest not verified"));
	tgt_free(t);
	/* hashed on request: it matches, nothing noted */
	t = NULL;
	assert_int_equal(tgt_open(p, &o, &t, &err), 0);
	check_t25(t);
	assert_int_equal(tgt_notes(t)->len, 0);
	tgt_free(t);
	/* the same tar read as an OCI layout (index.json -> manifest -> config) */
	t = open_ok(p, TGT_OCI_ARCHIVE);
	assert_int_equal(tgt_config(t)->n_layers, 1);
	assert_string_equal(tgt_config(t)->ref, "latest");
	assert_int_equal(tgt_problems(t)->len, 0);
	assert_int_equal(get(t, "/var/big")->size, 300000);
	tgt_free(t);
	free_layers(&l, 1);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* An OCI layout directory whose oci-layout is a symlink (skopeo reads it) is a layout, never a
 * root filesystem of the layout's own files; a symlink leading out of it fails the open. */
static void test_oci_layout_symlink(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "t25.tar"), *oci = cat(dir, "oci");
	struct tlayer l = {0};
	struct ia_err err = {0};
	struct tgt *t = NULL;

	l.tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &l.len);
	mk_docker25(p, &l, 1, CORRUPT_NONE, false);
	assert_int_equal(t_sh("mkdir '%s' && tar -xf '%s' -C '%s' && cd '%s' && "
			      "mv oci-layout layout.real && ln -s layout.real oci-layout && "
			      "rm manifest.json repositories",
			      oci, p, oci, oci),
			 0);
	t = open_ok(oci, TGT_AUTO);
	assert_int_equal(tgt_get_kind(t), TGT_OCI_DIR);
	assert_int_equal(tgt_config(t)->n_layers, 1);
	assert_int_equal(get(t, "/var/big")->size, 300000);
	assert_int_equal(tgt_lookup(t, "/index.json", 0, &(const struct tgt_entry *){NULL}),
			 -ENOENT);
	tgt_free(t);
	/* a symlink to a file outside the layout: refused, not audited as a directory */
	assert_int_equal(t_sh("cd '%s' && rm oci-layout && cp layout.real ../outside && "
			      "ln -s ../outside oci-layout",
			      oci),
			 0);
	t = NULL;
	assert_true(tgt_open(oci, NULL, &t, &err) < 0);
	assert_null(t);
	assert_non_null(strstr(err.path, "oci-layout"));
	/* a dangling one likewise */
	assert_int_equal(t_sh("cd '%s' && rm oci-layout && ln -s nowhere oci-layout", oci), 0);
	assert_true(tgt_open(oci, NULL, &t, &err) < 0);
	assert_null(t);
	free_layers(&l, 1);
	free(p);
	free(oci);
	t_rmtree(dir);
	free(dir);
}

static void test_layer_digest_mismatch(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "bad.tar");
	struct tlayer l[2] = {{0}};
	struct tgt_opts o = {.verify_layers = true};
	struct ia_err err = {0};
	char want[96];
	struct tgt *t = NULL;
	const struct tent top[] = {{'f', "etc/motd", "hello\n", 0644, 0, 0}};

	l[0].tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &l[0].len);
	l[1].tar = mktar(top, 1, true, &l[1].len);
	l[1].gz = true;
	{
		/* the diff_id of the gzip layer is the digest of its tar */
		size_t n;
		void *plain = mktar(top, 1, false, &n);

		sha_hex(plain, n, l[1].diff);
		free(plain);
	}
	/* an uncompressed layer that does not match: found when verify_layers asks, and the
	 * open fails as docker load does, naming the layer */
	mk_docker25(p, l, 2, 0, false);
	snprintf(want, sizeof(want), "blobs/sha256/%s", l[0].hex);
	assert_int_equal(tgt_open(p, &o, &t, &err), -IA_ECORRUPT);
	assert_null(t);
	assert_non_null(strstr(err.path, want));
	assert_non_null(strstr(err.msg, "layer digest mismatch"));
	/* by default it is read in place, and the note names the layer */
	t = open_ok(p, TGT_AUTO);
	assert_int_equal(tgt_problems(t)->len, 0);
	assert_true(has_note(t, "not verified"));
	assert_non_null(strstr(tgt_notes(t)->v[0].path, l[0].hex));
	tgt_free(t);

	/* a compressed layer is hashed as it is decompressed: a mismatch always fails the open */
	mk_docker25(p, l, 2, 1, false);
	snprintf(want, sizeof(want), "blobs/sha256/%s", l[1].hex);
	t = NULL;
	memset(&err, 0, sizeof(err));
	assert_int_equal(tgt_open(p, NULL, &t, &err), -IA_ECORRUPT);
	assert_null(t);
	assert_non_null(strstr(err.path, want));
	assert_non_null(strstr(err.msg, "layer digest mismatch"));
	/* read as OCI likewise */
	o = (struct tgt_opts){.kind = TGT_OCI_ARCHIVE};
	assert_int_equal(tgt_open(p, &o, &t, &err), -IA_ECORRUPT);
	assert_null(t);
	assert_non_null(strstr(err.msg, "layer digest mismatch"));
	free_layers(l, 2);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* A path deleted by a whiteout and added again by a later layer is the later layer's. */
static void test_whiteout_then_readd(void **state)
{
	const struct tent l1[] = {
		{'d', "app/", NULL, 0755, 0, 0},           {'f', "app/old", "old", 0644, 0, 0},
		{'f', "app/keep-me-not", "x", 0644, 0, 0}, {'f', "etc/conf", "v1", 0644, 0, 0},
		{'f', "etc/other", "o", 0644, 0, 0},
	};
	const struct tent l2[] = {
		{'f', ".wh.app", "", 0644, 0, 0},
		{'f', "etc/.wh.conf", "", 0644, 0, 0},
	};
	const struct tent l3[] = {
		{'d', "app/", NULL, 0700, 1234, 0},
		{'f', "app/new", "new", 0600, 1234, 0},
		{'f', "etc/conf", "v3", 0600, 1234, 0},
	};
	const struct tent *defs[] = {l1, l2, l3};
	size_t counts[] = {IA_ARRAY_SIZE(l1), IA_ARRAY_SIZE(l2), IA_ARRAY_SIZE(l3)};
	char *dir = t_mkdtemp(), *p = cat(dir, "wo.tar");
	struct tlayer l[3] = {{0}};
	const struct tgt_entry *e;
	size_t b, end;
	struct tgt *t;
	char *s;
	int r;

	for (size_t i = 0; i < 3; i++)
		l[i].tar = mktar(defs[i], counts[i], false, &l[i].len);
	mk_docker25(p, l, 3, CORRUPT_NONE, false);
	t = open_ok(p, TGT_AUTO);
	assert_int_equal(tgt_problems(t)->len, 0);
	/* /app is the new directory: its own mode and owner, only the new file below it */
	e = get(t, "/app");
	assert_true(S_ISDIR(e->mode));
	assert_int_equal(e->mode & 07777, 0700);
	assert_int_equal(e->uid, 1234);
	assert_int_equal(tgt_subtree(t, "/app", &b, &end), 0);
	assert_int_equal(end - b, 1);
	assert_string_equal(tgt_at(t, b)->path, "/app/new");
	assert_int_equal(tgt_lookup(t, "/app/old", 0, &e), -ENOENT);
	/* /etc/conf is layer 3's file, bytes and all; its neighbour untouched */
	e = get(t, "/etc/conf");
	assert_int_equal(e->uid, 1234);
	assert_int_equal(e->mode & 07777, 0600);
	s = read_str(t, "/etc/conf", &r);
	assert_string_equal(s, "v3");
	free(s);
	s = read_str(t, "/etc/other", &r);
	assert_string_equal(s, "o");
	free(s);
	tgt_free(t);
	free_layers(l, 3);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* `docker save | gzip`: decompressed once, then read like the plain archive. */
static void test_docker_save_gzip(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "t25.tar.gz");
	struct tlayer l = {0}, z = {0};
	const struct tent zeros[] = {{'z', "zeros", NULL, 0644, 0, 8u << 20}};
	struct tgt_opts o = {.ratio_grace = 1u << 20};
	struct ia_err err = {0};
	struct tgt *t = NULL;

	l.tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &l.len);
	mk_docker25(p, &l, 1, CORRUPT_NONE, true);
	t = open_ok(p, TGT_AUTO);
	check_t25(t);
	tgt_free(t);
	t = open_ok(p, TGT_OCI_ARCHIVE);
	assert_int_equal(tgt_problems(t)->len, 0);
	assert_int_equal(get(t, "/var/big")->size, 300000);
	tgt_free(t);
	/* a compressed outer archive that inflates past the ratio: a bomb, refused */
	z.tar = mktar(zeros, 1, false, &z.len);
	mk_docker25(p, &z, 1, CORRUPT_NONE, true);
	t = NULL;
	assert_int_equal(tgt_open(p, &o, &t, &err), -IA_ETOOBIG);
	assert_null(t);
	assert_non_null(strstr(err.msg, "bomb"));
	/* under the default grace it is fine */
	t = open_ok(p, TGT_AUTO);
	assert_int_equal(get(t, "/zeros")->size, 8u << 20);
	tgt_free(t);
	/* garbage that merely starts like gzip: a clear error, no crash */
	{
		static const unsigned char junk[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'x', 'y'};
		FILE *f = fopen(p, "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
		fclose(f);
		assert_true(tgt_open(p, NULL, &t, &err) < 0);
	}
	free_layers(&l, 1);
	free_layers(&z, 1);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* Classic docker-save: a layer member that is a symlink to another (old docker shares layers
 * so) is followed; one that points out of the archive is refused; diff_ids are checked. */
static void test_docker_classic_members(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "classic.tar");
	struct tlayer l = {0};
	char cfg[1024], cfg_hex[65], cname[80], mf[512];
	struct tgt_opts o = {.verify_layers = true};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	char *s;
	int r;

	l.tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &l.len);
	sha_hex(l.tar, l.len, l.diff);
	snprintf(cfg, sizeof(cfg),
		 "{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\","
		 "\"sha256:%s\"]}}",
		 l.diff, l.diff);
	sha_hex(cfg, strlen(cfg), cfg_hex);
	snprintf(cname, sizeof(cname), "%s.json", cfg_hex);
	snprintf(mf, sizeof(mf),
		 "[{\"Config\":\"%s\",\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}]", cname);
	{
		const struct omem m[] = {
			{"aaa/layer.tar", l.tar, l.len, NULL},
			{"bbb/layer.tar", NULL, 0, "../aaa/layer.tar"},
			{cname, cfg, strlen(cfg), NULL},
			{"manifest.json", mf, strlen(mf), NULL},
		};

		write_outer(p, m, IA_ARRAY_SIZE(m), false);
	}
	assert_int_equal(tgt_open(p, &o, &t, &err), 0);
	assert_int_equal(tgt_problems(t)->len, 0);
	assert_int_equal(tgt_config(t)->n_layers, 2);
	s = read_str(t, "/etc/hostname", &r);
	assert_string_equal(s, "t25\n");
	free(s);
	tgt_free(t);
	/* a diff_id that does not match, with verify_layers: the open fails naming the layer */
	{
		char bad[1024];
		const char *zero =
			"0000000000000000000000000000000000000000000000000000000000000000";

		snprintf(bad, sizeof(bad),
			 "{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
			 "%s\"]}}",
			 zero);
		sha_hex(bad, strlen(bad), cfg_hex);
		snprintf(cname, sizeof(cname), "%s.json", cfg_hex);
		snprintf(mf, sizeof(mf), "[{\"Config\":\"%s\",\"Layers\":[\"aaa/layer.tar\"]}]",
			 cname);
		const struct omem m[] = {
			{"aaa/layer.tar", l.tar, l.len, NULL},
			{cname, bad, strlen(bad), NULL},
			{"manifest.json", mf, strlen(mf), NULL},
		};

		write_outer(p, m, IA_ARRAY_SIZE(m), false);
		t = NULL;
		assert_int_equal(tgt_open(p, &o, &t, &err), -IA_ECORRUPT);
		assert_null(t);
		assert_non_null(strstr(err.path, "aaa/layer.tar"));
		assert_non_null(strstr(err.msg, "rootfs.diff_ids"));
	}
	/* a layer member that leads out of the archive: refused with a clear error */
	{
		snprintf(mf, sizeof(mf), "[{\"Config\":\"%s\",\"Layers\":[\"bbb/layer.tar\"]}]",
			 cname);
		const struct omem m[] = {
			{"bbb/layer.tar", NULL, 0, "../../etc/passwd"},
			{cname, cfg, strlen(cfg), NULL},
			{"manifest.json", mf, strlen(mf), NULL},
		};

		write_outer(p, m, IA_ARRAY_SIZE(m), false);
		t = NULL;
		assert_true(tgt_open(p, NULL, &t, &err) < 0);
		assert_null(t);
	}
	free_layers(&l, 1);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* A docker-save gzip layer under a legacy name that is no digest ("<id>/layer.tar"): its tar is
 * compared with rootfs.diff_ids; content changed under the old diff_id fails the open; a layer
 * without any digest to compare says so. */
static void test_docker_gzip_legacy_layer(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "legacy.tar");
	const struct tent good[] = {{'f', "etc/shadow", "root:*:19000:0:99999:7:::\n", 0640, 0, 0}};
	const struct tent evil[] = {{'f', "etc/shadow", "root::19000:0:99999:7:::\n", 0640, 0, 0}};
	size_t glen, plen, elen;
	void *gz = mktar(good, 1, true, &glen), *plain = mktar(good, 1, false, &plen);
	void *egz = mktar(evil, 1, true, &elen);
	char diff[65], cfg[512], cfg_hex[65], cname[80], mf[256];
	struct ia_err err = {0};
	struct tgt *t = NULL;

	sha_hex(plain, plen, diff);
	for (int round = 0; round < 3; round++) {
		const char *ids = round == 2 ? "" : diff;

		snprintf(
			cfg, sizeof(cfg),
			"{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[%s%s%s]}}",
			*ids ? "\"sha256:" : "", ids, *ids ? "\"" : "");
		sha_hex(cfg, strlen(cfg), cfg_hex);
		snprintf(cname, sizeof(cname), "%s.json", cfg_hex);
		snprintf(mf, sizeof(mf), "[{\"Config\":\"%s\",\"Layers\":[\"x1/layer.tar\"]}]",
			 cname);
		const struct omem m[] = {
			{"x1/layer.tar", round == 1 ? egz : gz, round == 1 ? elen : glen, NULL},
			{cname, cfg, strlen(cfg), NULL},
			{"manifest.json", mf, strlen(mf), NULL},
		};

		write_outer(p, m, IA_ARRAY_SIZE(m), false);
		t = NULL;
		memset(&err, 0, sizeof(err));
		if (round == 0) {
			/* it matches: no problem and no note */
			assert_int_equal(tgt_open(p, NULL, &t, &err), 0);
			assert_int_equal(tgt_problems(t)->len, 0);
			assert_int_equal(tgt_notes(t)->len, 0);
			assert_non_null(get(t, "/etc/shadow"));
		} else if (round == 1) {
			/* recompressed with other content under the old diff_id */
			assert_int_equal(tgt_open(p, NULL, &t, &err), -IA_ECORRUPT);
			assert_null(t);
			assert_non_null(strstr(err.path, "x1/layer.tar"));
			assert_non_null(strstr(err.msg, "rootfs.diff_ids"));
		} else {
			/* no diff_id to compare with: said so */
			assert_int_equal(tgt_open(p, NULL, &t, &err), 0);
			assert_true(has_problem(t, "x1/layer.tar", "cannot be verified"));
		}
		tgt_free(t);
	}
	free(gz);
	free(plain);
	free(egz);
	free(p);
	t_rmtree(dir);
	free(dir);
}

/* Entries stored below a symlinked directory are applied through it, inside the root, as
 * runtimes (umoci, containerd; Docker for a symlink of the same layer) place them; never lost. */
static void test_hostile_symlinked_dir(void **state)
{
	const struct tent same[] = {
		{'l', "etc", "/var/x", 0777, 0, 0},
		{'f', "etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0},
		{'f', "etc/shadow", "root::19000:0:99999:7:::\n", 0640, 0, 0},
		{'l', "rel", "var/y", 0777, 0, 0},
		{'f', "rel/sub/f", "f", 0644, 0, 0},
		{'h', "etc/hl", "etc/passwd", 0, 0, 0},
		{'l', "a", "b", 0777, 0, 0},
		{'l', "b", "a", 0777, 0, 0},
		{'f', "a/lost", "x", 0644, 0, 0},
	};
	struct ia_err err = {0};
	const struct tgt_entry *e;
	struct tgt *t;
	char *txt;
	int r;

	t = layer(same, IA_ARRAY_SIZE(same), true, NULL, &r, &err);
	assert_int_equal(r, 0);
	/* where the runtime puts them, and reachable through the symlink */
	assert_true(S_ISREG(get(t, "/var/x/shadow")->mode));
	assert_true(S_ISDIR(get(t, "/var/x")->mode));
	assert_true(S_ISLNK(get(t, "/etc")->mode));
	txt = read_str(t, "/etc/shadow", &r);
	assert_string_equal(txt, "root::19000:0:99999:7:::\n");
	free(txt);
	txt = read_str(t, "/rel/sub/f", &r);
	assert_string_equal(txt, "f");
	free(txt);
	assert_non_null(get(t, "/var/y/sub/f"));
	assert_true(get(t, "/var/x/hl")->file_id == get(t, "/var/x/passwd")->file_id);
	/* nothing is left under the symlink's own path */
	assert_int_equal(tgt_lookup(t, "/etc/shadow", TGT_NOFOLLOW, &e), 0);
	assert_string_equal(e->path, "/var/x/shadow");
	/* a loop cannot be followed: refused with a problem, not lost silently */
	assert_true(has_problem(t, "/a/lost", "cannot be followed"));
	assert_int_equal(tgt_problems(t)->len, 1);
	tgt_free(t);

	/* the symlink in a lower layer: applied through it (containerd), the conflict reported;
	 * a lower symlink whited out first is not followed */
	{
		const struct tent l1[] = {{'l', "etc", "/var/x", 0777, 0, 0},
					  {'l', "opt", "/srv", 0777, 0, 0},
					  {'f', "var/x/passwd", "old", 0644, 0, 0}};
		const struct tent l2[] = {{'f', "etc/shadow", "root::1:0:99999:7:::\n", 0640, 0, 0},
					  {'f', ".wh.opt", "", 0644, 0, 0},
					  {'f', "opt/tool", "t", 0755, 0, 0},
					  {'f', "etc/.wh.passwd", "", 0644, 0, 0}};
		char *dir = t_mkdtemp(), *p = cat(dir, "sl.tar");
		struct tlayer l[2] = {{0}};

		l[0].tar = mktar(l1, IA_ARRAY_SIZE(l1), false, &l[0].len);
		l[1].tar = mktar(l2, IA_ARRAY_SIZE(l2), false, &l[1].len);
		mk_docker25(p, l, 2, CORRUPT_NONE, false);
		t = open_ok(p, TGT_AUTO);
		txt = read_str(t, "/etc/shadow", &r);
		assert_string_equal(txt, "root::1:0:99999:7:::\n");
		free(txt);
		assert_true(has_problem(t, "/var/x/shadow", "symlink '/etc' of a lower layer"));
		/* the whiteout went through the symlink too */
		assert_int_equal(tgt_lookup(t, "/var/x/passwd", 0, &e), -ENOENT);
		/* /opt was whited out before opt/tool came: a plain directory now */
		assert_true(S_ISDIR(get(t, "/opt")->mode));
		assert_true(S_ISREG(get(t, "/opt/tool")->mode));
		tgt_free(t);
		free_layers(l, 2);
		free(p);
		t_rmtree(dir);
		free(dir);
	}
}

/* An archive with manifest.json and index.json naming different images is refused, never
 * audited on one of them silently; a kind named by the user audits that one. */
static void test_manifest_index_disagree(void **state)
{
	char *dir = t_mkdtemp(), *a = cat(dir, "a.tar"), *b = cat(dir, "b.tar"),
	     *mixed = cat(dir, "mixed.tar");
	const struct tent evil[] = {{'f', "etc/shadow", "root::1:0:99999:7:::\n", 0640, 0, 0}};
	struct tlayer la = {0}, lb = {0};
	struct tgt_opts o = {.kind = TGT_DOCKER_ARCHIVE};
	struct ia_err err = {0};
	struct tgt *t = NULL;

	la.tar = mktar(base_layer, IA_ARRAY_SIZE(base_layer), false, &la.len);
	lb.tar = mktar(evil, 1, false, &lb.len);
	mk_docker25(a, &la, 1, CORRUPT_NONE, false);
	mk_docker25(b, &lb, 1, CORRUPT_NONE, false);
	/* manifest.json of image a, index.json of image b, the blobs of both */
	assert_int_equal(t_sh("cd '%s' && mkdir a b && tar -xf a.tar -C a && tar -xf b.tar -C b && "
			      "cp b/blobs/sha256/* a/blobs/sha256/ && cp b/index.json a/ && "
			      "tar -cf mixed.tar -C a .",
			      dir),
			 0);
	assert_int_equal(tgt_open(mixed, NULL, &t, &err), -IA_ECORRUPT);
	assert_null(t);
	assert_non_null(strstr(err.msg, "describe different images"));
	/* named explicitly: the user's choice */
	t = open_ok(mixed, TGT_DOCKER_ARCHIVE);
	assert_non_null(get(t, "/etc/passwd"));
	tgt_free(t);
	t = NULL;
	o.kind = TGT_OCI_ARCHIVE;
	assert_int_equal(tgt_open(mixed, &o, &t, &err), 0);
	assert_non_null(get(t, "/etc/shadow"));
	tgt_free(t);
	/* both agreeing (as Docker >= 25 writes them): read as before */
	t = open_ok(a, TGT_AUTO);
	check_t25(t);
	tgt_free(t);
	free_layers(&la, 1);
	free_layers(&lb, 1);
	free(a);
	free(b);
	free(mixed);
	t_rmtree(dir);
	free(dir);
}

/* One gzip layer listed many times: each application passes the limits of a layer, but the
 * repeats count against the whole image's ratio; distinct layers are judged as before. */
static void test_hostile_repeated_layer(void **state)
{
	const struct tent zeros[] = {{'z', "zeros", NULL, 0644, 0, 900u << 10}};
	char *dir = t_mkdtemp(), *p = cat(dir, "rep.tar");
	struct tlayer l[MAX_TL] = {{0}};
	struct tgt_opts o = {.ratio_grace = 1u << 20};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	size_t plen;
	void *plain = mktar(zeros, 1, false, &plen);

	l[0].tar = mktar(zeros, 1, true, &l[0].len);
	for (size_t i = 0; i < MAX_TL; i++) {
		/* the same bytes: one blob */
		if (i) {
			l[i].tar = malloc(l[0].len);
			memcpy(l[i].tar, l[0].tar, l[0].len);
			l[i].len = l[0].len;
		}
		l[i].gz = true;
		sha_hex(plain, plen, l[i].diff);
	}
	mk_docker25(p, l, MAX_TL, CORRUPT_NONE, false);
	assert_int_equal(tgt_open(p, &o, &t, &err), -IA_ETOOBIG);
	assert_null(t);
	assert_non_null(strstr(err.msg, "listed again"));
	/* listed once, the same layer is fine under the same limits */
	mk_docker25(p, l, 1, CORRUPT_NONE, false);
	assert_int_equal(tgt_open(p, &o, &t, &err), 0);
	assert_int_equal(get(t, "/zeros")->size, 900u << 10);
	tgt_free(t);
	free(plain);
	free_layers(l, MAX_TL);
	free(p);
	t_rmtree(dir);
	free(dir);
}

static void test_kinds_and_errors(void **state)
{
	char *dir = t_mkdtemp(), *p = cat(dir, "plain.txt"), *q = cat(dir, "missing");
	struct ia_err err = {0};
	struct tgt *t = NULL;
	enum tgt_kind k;
	static const char *names[] = {"dir", "host", "docker-archive", "oci-dir", "oci-archive"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++) {
		assert_int_equal(tgt_kind_parse(names[i], &k), 0);
		assert_string_equal(tgt_kind_name(k), names[i]);
	}
	assert_int_equal(tgt_kind_parse("vmdk", &k), -EINVAL);
	assert_int_equal(tgt_open(q, NULL, &t, &err), -ENOENT);
	assert_non_null(strstr(err.path, "missing"));
	t_write(dir, "plain.txt", "hello\n", 0644);
	assert_int_equal(tgt_open(p, NULL, &t, &err), -IA_EUNSUPPORTED);
	assert_null(t);
	/* an empty OCI layout directory: detected, then refused with a clear error */
	t_write(dir, "oci/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 0644);
	free(p);
	p = cat(dir, "oci");
	assert_true(tgt_open(p, NULL, &t, &err) < 0);
	assert_non_null(strstr(err.path, "index.json"));
	free(p);
	free(q);
	t_rmtree(dir);
	free(dir);
}

static void test_config_json(void **state)
{
	static const char cfg[] =
		"{\"architecture\":\"arm64\",\"os\":\"linux\",\"created\":\"2024-02-03T04:05:06."
		"789+01:00\","
		"\"config\":{\"User\":\"app\",\"ExposedPorts\":{\"22/tcp\":{}},\"Env\":[\"A=1\",5],"
		"\"Entrypoint\":[\"/init\"],\"Labels\":{\"k\":\"v\"}},"
		"\"history\":[{\"created_by\":\"RUN x\"},{\"empty_layer\":true}]}";
	struct tgt_image_config *c = NULL;
	struct ia_err err = {0};
	char deep[200];

	assert_int_equal(tgt_parse_config(cfg, strlen(cfg), &c, &err), 0);
	assert_string_equal(c->user, "app");
	assert_string_equal(c->architecture, "arm64");
	assert_int_equal(c->created_ts, 1706929506);
	assert_int_equal(c->n_exposed_ports, 1);
	assert_string_equal(c->exposed_ports[0], "22/tcp");
	assert_int_equal(c->n_env, 1);
	assert_string_equal(c->labels[0], "k=v");
	assert_int_equal(c->n_history, 2);
	assert_string_equal(c->history[1], "");
	assert_int_equal(c->n_cmd, 0);
	tgt_config_free(c);
	c = NULL;
	assert_int_equal(tgt_parse_config("{\"a\":", 5, &c, &err), -IA_ECORRUPT);
	assert_int_equal(err.line, 1);
	memset(deep, '[', sizeof(deep));
	assert_int_equal(tgt_parse_config(deep, sizeof(deep), &c, &err), -IA_ETOOBIG);
	assert_null(c);
	/* small JSON, many values: counted before jansson builds any of them */
	{
		size_t n = IA_MAX_JSON_VALUES, len = 0;
		char *flood = malloc(3 * n + 16);

		len += (size_t)snprintf(flood, 16, "{\"history\":[");
		for (size_t i = 0; i < n; i++)
			len += (size_t)snprintf(flood + len, 4, "%s{}", i ? "," : "");
		len += (size_t)snprintf(flood + len, 3, "]}");
		memset(&err, 0, sizeof(err));
		assert_int_equal(tgt_parse_config(flood, len, &c, &err), -IA_ETOOBIG);
		assert_null(c);
		assert_non_null(strstr(err.msg, "IA_MAX_JSON_VALUES"));
		/* as an archive's manifest.json ("[{},{},...]"): the open fails */
		{
			char *dir = t_mkdtemp(), *p = cat(dir, "flood.tar");
			struct tgt *t = NULL;

			len = 0;
			flood[len++] = '[';
			for (size_t i = 0; i < n; i++)
				len += (size_t)snprintf(flood + len, 4, "%s{}", i ? "," : "");
			flood[len++] = ']';
			write_outer(p, &(struct omem){"manifest.json", flood, len, NULL}, 1, false);
			assert_int_equal(tgt_open(p, NULL, &t, &err), -IA_ETOOBIG);
			assert_null(t);
			assert_non_null(strstr(err.msg, "IA_MAX_JSON_VALUES"));
			free(p);
			t_rmtree(dir);
			free(dir);
		}
		free(flood);
	}
	/* a document just under the bound parses */
	{
		size_t n = IA_MAX_JSON_VALUES / 2 - 8, len = 0;
		char *many = malloc(3 * n + 32);

		len += (size_t)snprintf(many, 16, "{\"history\":[");
		for (size_t i = 0; i < n; i++)
			len += (size_t)snprintf(many + len, 4, "%s{}", i ? "," : "");
		len += (size_t)snprintf(many + len, 3, "]}");
		assert_int_equal(tgt_parse_config(many, len, &c, &err), 0);
		assert_int_equal(c->n_history, n);
		tgt_config_free(c);
		free(many);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_index),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_hostile_dir_abs_symlink_shadow),
		cmocka_unit_test(test_hostile_fifo_is_not_read),
		cmocka_unit_test(test_hostile_deep_chain),
		cmocka_unit_test(test_layer_basics),
		cmocka_unit_test(test_hostile_missing_parents),
		cmocka_unit_test(test_hostile_tar_escape),
		cmocka_unit_test(test_hostile_tar_hardlink),
		cmocka_unit_test(test_hostile_gzip_bomb),
		cmocka_unit_test(test_layer_garbage),
		cmocka_unit_test(test_hostile_long_names),
		cmocka_unit_test(test_images),
		cmocka_unit_test(test_docker25_layout),
		cmocka_unit_test(test_oci_layout_symlink),
		cmocka_unit_test(test_layer_digest_mismatch),
		cmocka_unit_test(test_whiteout_then_readd),
		cmocka_unit_test(test_docker_save_gzip),
		cmocka_unit_test(test_docker_classic_members),
		cmocka_unit_test(test_docker_gzip_legacy_layer),
		cmocka_unit_test(test_hostile_symlinked_dir),
		cmocka_unit_test(test_hostile_header_warning),
		cmocka_unit_test(test_hostile_member_warning),
		cmocka_unit_test(test_manifest_index_disagree),
		cmocka_unit_test(test_hostile_repeated_layer),
		cmocka_unit_test(test_kinds_and_errors),
		cmocka_unit_test(test_config_json),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
