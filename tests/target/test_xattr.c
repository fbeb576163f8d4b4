/* test_xattr.c — extended attributes through the target interface: directories, layers, limits */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "util/common.h"

#include "target/internal.h"
#include "target/target.h"
#include "util/limits.h"

/* security.capability v2: cap_net_raw (13) permitted, effective */
static const unsigned char cap_net_raw[20] = {0x01, 0, 0, 0x02, 0, 0x20, 0, 0, 0, 0,
					      0,    0, 0, 0,    0, 0,    0, 0, 0, 0};

static const struct tgt_entry *entry(struct tgt *t, const char *path)
{
	const struct tgt_entry *e = NULL;

	assert_int_equal(tgt_lookup(t, path, TGT_NOFOLLOW, &e), 0);
	return e;
}

static bool has_name(const struct tgt_xattrs *x, const char *name)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->v[i].name, name) == 0)
			return true;
	return false;
}

static void test_dir(void **state)
{
	char *root = t_mkdtemp(), *host = t_mkdtemp(), p[4096], buf[64];
	struct tgt_xattrs x = {0};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	bool root_user = geteuid() == 0;

	t_write(root, "f", "x", 0755);
	t_mkdir(root, "d", 0755);
	t_write(root, "d/inner", "y", 0644);
	t_symlink(root, "l", "f");
	snprintf(p, sizeof(p), "%s/f", root);
	T_REQUIRE(setxattr(p, "user.a", "1", 1, 0) == 0,
		  "the filesystem of $TMPDIR keeps no user extended attributes");
	if (root_user)
		assert_int_equal(setxattr(p, "security.capability", cap_net_raw, 20, 0), 0);
	snprintf(p, sizeof(p), "%s/d/inner", root);
	assert_int_equal(setxattr(p, "user.inner", "in", 2, 0), 0);
	snprintf(p, sizeof(p), "%s/l", root);
	if (root_user)
		assert_int_equal(lsetxattr(p, "trusted.link", "L", 1, 0), 0);
	/* what a symlink swapped in after the walk would reach */
	t_write(host, "inner", "secret", 0644);
	snprintf(p, sizeof(p), "%s/inner", host);
	assert_int_equal(setxattr(p, "user.host", "h", 1, 0), 0);

	assert_int_equal(tgt_open(root, NULL, &t, &err), 0);
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/f"), &x), 0);
	assert_true(has_name(&x, "user.a"));
	assert_int_equal(has_name(&x, "security.capability"), root_user);
	assert_int_equal(tgt_xattr_get(t, entry(t, "/f"), "user.a", buf, sizeof(buf)), 1);
	assert_int_equal(buf[0], '1');
	assert_int_equal(tgt_xattr_get(t, entry(t, "/f"), "user.none", buf, sizeof(buf)), -ENODATA);
	if (root_user) {
		assert_int_equal(tgt_xattr_get(t, entry(t, "/f"), "security.capability", buf, 19),
				 -ERANGE);
		assert_int_equal(
			tgt_xattr_get(t, entry(t, "/f"), "security.capability", buf, sizeof(buf)),
			20);
		assert_memory_equal(buf, cap_net_raw, 20);
	}
	/* the symlink's own attributes, never its target's */
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/l"), &x), 0);
	assert_false(has_name(&x, "user.a"));
	assert_int_equal(has_name(&x, "trusted.link"), root_user);
	assert_int_equal(tgt_xattr_get(t, entry(t, "/d/inner"), "user.inner", buf, sizeof(buf)), 2);
	/* d replaced by a symlink out of the root after the walk: nothing is read through it */
	assert_int_equal(t_sh("rm -rf '%s/d' && ln -s '%s' '%s/d'", root, host, root), 0);
	assert_true(tgt_xattr_get(t, entry(t, "/d/inner"), "user.host", buf, sizeof(buf)) < 0);
	assert_true(tgt_xattr_get(t, entry(t, "/d/inner"), "user.inner", buf, sizeof(buf)) < 0);
	tgt_xattrs_release(&x);
	tgt_free(t);
	t_rmtree(root);
	t_rmtree(host);
	free(root);
	free(host);
}

/* One member of a test layer with n attributes user.aN of vlen bytes (and a capability). */
struct xent {
	const char *name;
	const char *hardlink;
	unsigned n_attrs;
	size_t vlen;
	bool cap;
};

static void *mktar(const struct xent *v, size_t n, size_t *len)
{
	size_t cap = 16u << 20;
	void *buf = malloc(cap);
	struct archive *a = archive_write_new();
	char *val = calloc(1, 1u << 17);

	archive_write_set_format_pax(a);
	archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open_memory(a, buf, cap, len), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();

		archive_entry_set_pathname(ae, v[i].name);
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0755);
		if (v[i].hardlink)
			archive_entry_set_hardlink(ae, v[i].hardlink);
		else
			archive_entry_set_size(ae, 1);
		for (unsigned k = 0; k < v[i].n_attrs; k++) {
			char nm[32];

			snprintf(nm, sizeof(nm), "user.a%u", k);
			archive_entry_xattr_add_entry(ae, nm, val, v[i].vlen);
		}
		if (v[i].cap)
			archive_entry_xattr_add_entry(ae, "security.capability", cap_net_raw, 20);
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		if (!v[i].hardlink)
			archive_write_data(a, "x", 1);
		archive_entry_free(ae);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	free(val);
	return buf;
}

static bool problem_at(const struct tgt *t, const char *path)
{
	const struct ia_problems *ps = tgt_problems(t);

	for (size_t i = 0; i < ps->len; i++)
		if (strcmp(ps->v[i].path, path) == 0 && strstr(ps->v[i].msg, "IA_MAX_XATTR"))
			return true;
	return false;
}

static void test_layer(void **state)
{
	const struct xent v[] = {
		{"usr/bin/ping", NULL, 0, 0, true},
		{"usr/bin/ping2", "usr/bin/ping", 0, 0, false},
		{"plain", NULL, 0, 0, false},
		{"two", NULL, 2, 3, false},
		{"many", NULL, IA_MAX_XATTRS + 1, 1, false},
		{"huge", NULL, 1, IA_MAX_XATTR_VALUE + 1, false},
		{"after", NULL, 0, 0, true},
	};
	struct tgt_xattrs x = {0};
	struct ia_err err = {0};
	unsigned char buf[64];
	struct tgt *t = NULL;
	size_t len;
	void *tar = mktar(v, IA_ARRAY_SIZE(v), &len);

	assert_int_equal(tgt_open_layer_mem(tar, len, NULL, &t, &err), 0);
	free(tar);
	assert_int_equal(tgt_xattr_get(t, entry(t, "/usr/bin/ping"), "security.capability", buf,
				       sizeof(buf)),
			 20);
	assert_memory_equal(buf, cap_net_raw, 20);
	/* a hard link is the same inode: its target's attributes */
	assert_int_equal(tgt_xattr_get(t, entry(t, "/usr/bin/ping2"), "security.capability", buf,
				       sizeof(buf)),
			 20);
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/plain"), &x), 0);
	assert_int_equal(x.n, 0);
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/two"), &x), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.v[1].len, 3);
	/* past the limits: a problem at the open, and the same code again at every read */
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/many"), &x), -IA_ETOOBIG);
	assert_int_equal(x.n, 0);
	assert_true(problem_at(t, "/many"));
	assert_int_equal(tgt_xattr_get(t, entry(t, "/huge"), "user.a0", buf, sizeof(buf)),
			 -IA_ETOOBIG);
	assert_true(problem_at(t, "/huge"));
	/* and the audit goes on */
	assert_int_equal(
		tgt_xattr_get(t, entry(t, "/after"), "security.capability", buf, sizeof(buf)), 20);
	tgt_xattrs_release(&x);
	tgt_free(t);
}

static void test_add_bounds(void **state)
{
	struct tgt_xattrs x = {0};
	static char big[IA_MAX_XATTR_VALUE + 1];
	char name[IA_MAX_XATTR_NAME + 2];

	memset(name, 'n', sizeof(name));
	assert_int_equal(tgt_xattrs_add(&x, "", 0, "v", 1), -IA_ECORRUPT);
	assert_int_equal(tgt_xattrs_add(&x, "a\0b", 3, "v", 1), -IA_ECORRUPT);
	assert_int_equal(tgt_xattrs_add(&x, name, IA_MAX_XATTR_NAME + 1, "v", 1), -IA_ETOOBIG);
	assert_int_equal(tgt_xattrs_add(&x, name, IA_MAX_XATTR_NAME, "v", 1), 0);
	assert_int_equal(tgt_xattrs_add(&x, "v", 1, big, sizeof(big)), -IA_ETOOBIG);
	for (unsigned i = 0; i < IA_MAX_XATTR_BYTES / IA_MAX_XATTR_VALUE - 1; i++) {
		char nm[8];

		snprintf(nm, sizeof(nm), "v%u", i);
		assert_int_equal(tgt_xattrs_add(&x, nm, strlen(nm), big, IA_MAX_XATTR_VALUE), 0);
	}
	/* the total: one more full value does not fit */
	assert_int_equal(tgt_xattrs_add(&x, "w", 1, big, IA_MAX_XATTR_VALUE), -IA_ETOOBIG);
	/* a name again replaces its value */
	assert_int_equal(tgt_xattrs_add(&x, "v0", 2, "z", 1), 0);
	assert_int_equal(x.n, IA_MAX_XATTR_BYTES / IA_MAX_XATTR_VALUE);
	assert_int_equal(x.v[1].len, 1);
	tgt_xattrs_release(&x);
	assert_int_equal(x.n, 0);
}

/* XFS attribute forks in node form (a da-btree over several leaves), made by xfs_db on a small
 * filesystem: every attribute is read, whichever leaf holds it. */
static void test_xfs_node(void **state)
{
	char *dir = t_mkdtemp(), img[4096], buf[64];
	struct tgt_opts o = {.kind = TGT_DISK};
	struct tgt_xattrs x = {0};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	unsigned users = 0;

	T_REQUIRE(t_sh("command -v mkfs.xfs && command -v xfs_db") == 0,
		  "xfsprogs missing (scripts/setup.sh installs it)");
	snprintf(img, sizeof(img), "%s/n.xfs", dir);
	assert_int_equal(
		t_sh("cd '%s' && printf 'x\\n0 0\\nd--755 0 0\\nf ---755 0 0 /bin/true\\n$\\n' >p "
		     "&& "
		     "truncate -s 300M n.xfs && mkfs.xfs -q -f -p p n.xfs && { echo 'path /f'; "
		     "echo 'attr_set -s -v 20 capability'; "
		     "echo 'write a.sfattr.list[0].value "
		     "#0100000200200000000000000000000000000000'; "
		     "for i in $(seq 1 40); do echo \"attr_set -u -v 700 n$i\"; done; } "
		     "| xfs_db -x n.xfs >/dev/null",
		     dir),
		0);
	assert_int_equal(t_sh("xfs_db -c 'path /f' -c 'ablock 0' -c 'print hdr.info.hdr.magic' "
			      "'%s' | grep -q 0x3ebe",
			      img),
			 0); /* a node */
	assert_int_equal(tgt_open(img, &o, &t, &err), 0);
	assert_int_equal(tgt_xattrs_read(t, entry(t, "/f"), &x), 0);
	assert_int_equal(x.n, 41);
	for (size_t i = 0; i < x.n; i++)
		users += strncmp(x.v[i].name, "user.n", 6) == 0 && x.v[i].len == 700;
	assert_int_equal(users, 40);
	assert_int_equal(tgt_xattr_get(t, entry(t, "/f"), "security.capability", buf, sizeof(buf)),
			 20);
	tgt_xattrs_release(&x);
	tgt_free(t);
	t_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_layer),
		cmocka_unit_test(test_add_bounds),
		cmocka_unit_test(test_xfs_node),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
