/* testlib.c — test helpers */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

unsigned t_skipped;

int t_exit_status(int failed)
{
	if (failed)
		return 1; /* cmocka printed which; the count could wrap past 255 */
	if (t_skipped) {
		fprintf(stderr, "%u test%s skipped: exit 77 (meson: SKIP)\n", t_skipped,
			t_skipped == 1 ? "" : "s");
		return 77;
	}
	return 0;
}

char *t_data(const char *rel)
{
	const char *src = getenv("IA_SOURCE_ROOT");
	char *p;

	if (!src)
		fail_msg("IA_SOURCE_ROOT is not set (run the tests through meson test)");
	if (asprintf(&p, "%s/tests/data/%s", src, rel) < 0)
		abort();
	return p;
}

char *t_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = (cap + 65536) * 2;
			data = realloc(data, cap);
			assert_non_null(data);
		}
		size_t r = fread(data + n, 1, 65536, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

char *t_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char *p;

	if (asprintf(&p, "%s/iatest.XXXXXX", tmp ? tmp : "/tmp") < 0)
		abort();
	if (!mkdtemp(p))
		fail_msg("mkdtemp: %s", strerror(errno));
	return p;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(p, 0700), rmdir(p);
	else
		unlink(p);
	return 0;
}

static int chmod_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D || flag == FTW_DP || flag == FTW_DNR)
		chmod(p, 0700);
	(void)st;
	return 0;
}

void t_rmtree(const char *path)
{
	if (!path)
		return;
	nftw(path, chmod_one, 64, FTW_PHYS);
	nftw(path, rm_one, 64, FTW_DEPTH | FTW_PHYS);
}

static void mkparents(const char *root, const char *rel)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	for (char *s = buf + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(buf, 0755);
		*s = '/';
	}
}

void t_write(const char *root, const char *rel, const char *data, unsigned mode)
{
	char buf[PATH_MAX];
	FILE *f;

	mkparents(root, rel);
	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	f = fopen(buf, "wb");
	if (!f)
		fail_msg("cannot create %s: %s", buf, strerror(errno));
	fwrite(data, 1, strlen(data), f);
	fclose(f);
	chmod(buf, mode);
}

void t_mkdir(const char *root, const char *rel, unsigned mode)
{
	char buf[PATH_MAX];

	mkparents(root, rel);
	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	mkdir(buf, mode);
	chmod(buf, mode);
}

void t_symlink(const char *root, const char *rel, const char *target)
{
	char buf[PATH_MAX];

	mkparents(root, rel);
	snprintf(buf, sizeof(buf), "%s/%s", root, rel);
	if (symlink(target, buf) != 0)
		fail_msg("symlink %s: %s", buf, strerror(errno));
}

int t_sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

char *t_debian_root(const char *flavour)
{
	char *cmd, *root = NULL;
	size_t n = 0;
	FILE *p;
	int st;

	if (asprintf(&cmd, "\"$IA_SOURCE_ROOT\"/tests/fixtures/debootstrap-root.sh %s 2>/dev/null",
		     flavour) < 0)
		abort();
	p = popen(cmd, "r");
	free(cmd);
	if (!p)
		return NULL;
	if (getline(&root, &n, p) > 0)
		root[strcspn(root, "\n")] = '\0';
	st = pclose(p);
	if (st != 0 || !root || !root[0]) {
		free(root);
		/* 77: this machine cannot build one (not root, no debootstrap, no mirror): skip;
		 * anything else is a failure of the fixture, never a skip */
		if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
			return NULL;
		fail_msg("tests/fixtures/debootstrap-root.sh %s failed (status %d)", flavour, st);
	}
	return root;
}

void t_lines_add(struct t_lines *l, char *s)
{
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	assert_non_null(l->v);
	l->v[l->n++] = s;
}

void t_lines_free(struct t_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void t_lines_assert_same(const char *what, struct t_lines *got, struct t_lines *want)
{
	qsort(got->v, got->n, sizeof(*got->v), cmp_line);
	qsort(want->v, want->n, sizeof(*want->v), cmp_line);
	for (size_t i = 0; i < got->n && i < want->n; i++)
		if (strcmp(got->v[i], want->v[i]))
			fail_msg("%s: line %zu differs:\n got  %s\n want %s", what, i, got->v[i],
				 want->v[i]);
	if (got->n != want->n)
		fail_msg("%s: %zu lines, want %zu", what, got->n, want->n);
}
