/* target.c — opening a target, the sorted entry index, path resolution inside the image, reading */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <dirent.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "target/disk.h"
#include "target/internal.h"
#include "target/target.h"
#include "util/datafile.h"
#include "util/banned.h"

static const char *const kind_names[] = {
	[TGT_AUTO] = "auto",       [TGT_DIR] = "dir",
	[TGT_HOST] = "host",       [TGT_DOCKER_ARCHIVE] = "docker-archive",
	[TGT_OCI_DIR] = "oci-dir", [TGT_OCI_ARCHIVE] = "oci-archive",
	[TGT_DISK] = "disk",
};

const char *tgt_kind_name(enum tgt_kind kind)
{
	if ((unsigned)kind >= IA_ARRAY_SIZE(kind_names))
		return "unknown";
	return kind_names[kind];
}

int tgt_kind_parse(const char *name, enum tgt_kind *out)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(kind_names); i++) {
		if (name && strcmp(name, kind_names[i]) == 0) {
			*out = (enum tgt_kind)i;
			return 0;
		}
	}
	return -EINVAL;
}

struct tgt *tgt_new(enum tgt_kind kind, const char *spec, const struct tgt_opts *opts)
{
	struct tgt *t = ia_xcalloc(1, sizeof(*t));

	t->kind = kind;
	t->spec = ia_xstrdup(spec);
	t->rootfd = -1;
	t->packfd = -1;
	t->outerfd = -1;
	t->stdinfd = -1;
	t->next_blob = 1;
	t->next_file_id = 1;
	t->lim.max_file_size = opts && opts->max_file_size ? opts->max_file_size : IA_MAX_FILE_SIZE;
	t->lim.max_image_size =
		opts && opts->max_image_size ? opts->max_image_size : IA_MAX_IMAGE_SIZE;
	t->lim.ratio_grace = opts && opts->ratio_grace ? opts->ratio_grace : IA_RATIO_GRACE;
	t->lim.max_ratio = opts && opts->max_ratio ? opts->max_ratio : IA_MAX_RATIO;
	t->lim.max_entries = opts && opts->max_entries ? opts->max_entries : IA_MAX_ENTRIES;
	t->lim.verify_layers = opts && opts->verify_layers;
	t->counters = opts ? opts->counters : NULL;
	if (opts && opts->n_excludes) {
		t->excl = ia_xcalloc(opts->n_excludes, sizeof(*t->excl));
		t->excl_hits = ia_xcalloc(opts->n_excludes, sizeof(*t->excl_hits));
		for (size_t i = 0; i < opts->n_excludes; i++)
			t->excl[i] = ia_xstrdup(opts->excludes[i]);
		t->n_excl = opts->n_excludes;
	}
	return t;
}

static bool excl_match(const char *pat, const char *path, size_t n)
{
	char buf[IA_MAX_PATH + 1];
	const char *s;

	if (n > IA_MAX_PATH)
		return false;
	memcpy(buf, path, n);
	buf[n] = '\0';
	if (strchr(pat, '/'))
		return fnmatch(pat, buf, 0) == 0;
	s = strrchr(buf, '/');
	return fnmatch(pat, s ? s + 1 : buf, 0) == 0;
}

bool tgt_excluded(struct tgt *t, const char *path, bool tree)
{
	size_t n = strlen(path);

	if (!t->n_excl || n < 2)
		return false; /* never the root */
	for (size_t i = 0; i < t->n_excl; i++)
		if (excl_match(t->excl[i], path, n)) {
			t->excl_hits[i]++;
			return true;
		}
	if (!tree)
		return false;
	for (size_t k = 1; k < n; k++) {
		if (path[k] != '/')
			continue;
		for (size_t i = 0; i < t->n_excl; i++)
			if (excl_match(t->excl[i], path, k))
				return true;
	}
	return false;
}

/* One note per --exclude pattern: what it left out of the audit. */
static void excl_notes(struct tgt *t)
{
	for (size_t i = 0; i < t->n_excl; i++)
		ia_problem_add(&t->notes, "exclude", t->excl[i], 0, 0,
			       "excluded (--exclude): %llu entr%s matched, with what lies below "
			       "them; not examined",
			       (unsigned long long)t->excl_hits[i],
			       t->excl_hits[i] == 1 ? "y" : "ies");
}

void tgt_keep_fd(struct tgt *t, int fd)
{
	ia_grow(&t->srcfds, sizeof(*t->srcfds), t->n_srcfds + 1, &t->srcfds_cap);
	t->srcfds[t->n_srcfds++] = fd;
}

/* An unlinked file of the spool directory: O_TMPFILE, or created and unlinked at once. */
static int spool_file(int dirfd, const char *name)
{
	int fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0)
		return fd;
	fd = openat(dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0)
		unlinkat(dirfd, name, 0);
	return fd;
}

/*
 * The spool directory lives only while its two files are made: both are unlinked at once and
 * the directory removed before this returns, so that nothing is left behind when the process
 * dies during the open (a signal, a timeout, a crash). SIGTERM, SIGINT, SIGHUP and SIGQUIT are
 * held back for those few system calls and delivered after the directory is gone.
 */
int tgt_spool_init(struct tgt *t, struct ia_err *err)
{
	const char *tmp = getenv("TMPDIR");
	struct ia_buf b = IA_BUF_INIT(IA_MAX_PATH);
	sigset_t hold, old;
	int dirfd = -1, r = 0;
	bool made = false;

	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	if (ia_buf_addf(&b, "%s/imgaudit-spool.XXXXXX", tmp) < 0) {
		ia_buf_release(&b);
		return ia_err_set(err, -ENAMETOOLONG, "", 0, "temporary directory name too long");
	}
	sigemptyset(&hold);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &hold, &old);
	if (!mkdtemp(b.data)) {
		r = -errno;
		ia_err_set(err, r, "", 0, "cannot create a spool directory in '%s': %s", tmp,
			   strerror(errno));
		goto done;
	}
	made = true;
	dirfd = open(b.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dirfd < 0) {
		r = ia_err_set(err, -errno, "", 0, "cannot open the spool directory: %s",
			       strerror(errno));
		goto done;
	}
	/* one file for all bodies (creating thousands of files is slow on disk filesystems),
	 * and one for a decompressed copy of a compressed archive */
	t->packfd = spool_file(dirfd, "pack");
	t->outerfd = t->packfd >= 0 ? spool_file(dirfd, "outer") : -1;
	if (t->outerfd < 0)
		r = ia_err_set(err, -errno, "", 0, "cannot create the spool file: %s",
			       strerror(errno));
	/* and one for an archive read from standard input (target "-") */
	if (!r && strcmp(t->spec, "-") == 0) {
		t->stdinfd = spool_file(dirfd, "stdin");
		if (t->stdinfd < 0)
			r = ia_err_set(err, -errno, "", 0, "cannot create the spool file: %s",
				       strerror(errno));
	}
done:
	if (dirfd >= 0)
		close(dirfd);
	if (made)
		rmdir(b.data);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	ia_buf_release(&b);
	return r;
}

int tgt_spool_stdin(struct tgt *t, struct ia_err *err)
{
	uint64_t done = 0;
	int fd = t->stdinfd; /* made by tgt_spool_init; the caller keeps it */

	t->stdinfd = -1;
	if (fd < 0)
		return ia_err_set(err, -EBADF, "-", 0, "no spool file for standard input");
	for (;;) {
		char buf[65536];
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
		int w;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			w = -errno;
			close(fd);
			return ia_err_set(err, w, "-", 0, "cannot read standard input: %s",
					  strerror(-w));
		}
		if (n == 0)
			break;
		if ((uint64_t)n > t->lim.max_image_size - done) {
			close(fd);
			return ia_err_set(
				err, -IA_ETOOBIG, "-", 0,
				"standard input holds more than %llu bytes (IA_MAX_IMAGE_SIZE)",
				(unsigned long long)t->lim.max_image_size);
		}
		w = tgt_pwrite_full(fd, buf, (size_t)n, done);
		if (w < 0) {
			close(fd);
			return ia_err_set(err, w, "-", 0, "cannot spool standard input: %s",
					  ia_strerror(w));
		}
		done += (uint64_t)n;
	}
	if (done == 0) {
		close(fd);
		return ia_err_set(
			err, -IA_EUNSUPPORTED, "-", 0,
			"standard input is empty (pipe an archive into it, e.g. docker save "
			"IMAGE | imgaudit scan -)");
	}
	return fd;
}

static void spool_remove(struct tgt *t)
{
	if (t->packfd >= 0)
		close(t->packfd);
	t->packfd = -1;
	if (t->outerfd >= 0)
		close(t->outerfd);
	t->outerfd = -1;
	if (t->stdinfd >= 0)
		close(t->stdinfd);
	t->stdinfd = -1;
	for (size_t i = 0; i < t->n_srcfds; i++)
		close(t->srcfds[i]);
	t->n_srcfds = 0;
}

void tgt_free(struct tgt *t)
{
	if (!t)
		return;
	spool_remove(t);
	if (t->rootfd >= 0)
		close(t->rootfd);
	free(t->spec);
	for (size_t i = 0; i < t->n_excl; i++)
		free(t->excl[i]);
	free(t->excl);
	free(t->excl_hits);
	free(t->v);
	free(t->layer_of);
	free(t->blobs);
	free(t->srcfds);
	free(t->wo);
	free(t->applied);
	free(t->xrecs);
	ia_hmap_release(&t->wo_self);
	ia_hmap_release(&t->wo_any);
	ia_hmap_release(&t->map);
	ia_pool_release(&t->pool);
	ia_problems_release(&t->problems);
	ia_problems_release(&t->notes);
	tgt_config_free(t->config);
	tgt_disk_free(t->disk);
	free(t);
}

enum tgt_kind tgt_get_kind(const struct tgt *t)
{
	return t->kind;
}

const char *tgt_spec(const struct tgt *t)
{
	return t->spec;
}

const struct tgt_image_config *tgt_config(const struct tgt *t)
{
	return t->config;
}

const struct ia_problems *tgt_problems(const struct tgt *t)
{
	return &t->problems;
}

const struct ia_problems *tgt_notes(const struct tgt *t)
{
	return &t->notes;
}

size_t tgt_count(const struct tgt *t)
{
	return t->len;
}

const struct tgt_entry *tgt_at(const struct tgt *t, size_t i)
{
	return i < t->len ? &t->v[i] : NULL;
}

/* ---- the index ---- */

static inline int rank(unsigned char c)
{
	return c == 0 ? 0 : c == '/' ? 1 : c + 1;
}

int tgt_path_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return rank(*x) - rank(*y);
}

static int entry_cmp(const void *a, const void *b)
{
	return tgt_path_cmp(((const struct tgt_entry *)a)->path,
			    ((const struct tgt_entry *)b)->path);
}

size_t tgt_push(struct tgt *t, const char *path, size_t plen, const char *link)
{
	struct tgt_entry *e;

	ia_grow(&t->v, sizeof(*t->v), t->len + 1, &t->cap);
	e = &t->v[t->len];
	memset(e, 0, sizeof(*e));
	e->path = ia_pool_strndup(&t->pool, path, plen);
	e->link = link ? ia_pool_strdup(&t->pool, link) : NULL;
	e->nlink = 1;
	IA_COUNT(t->counters, entries, 1);
	return t->len++;
}

void tgt_index_finish(struct tgt *t)
{
	qsort(t->v, t->len, sizeof(*t->v), entry_cmp);
	ia_hmap_release(&t->map);
	for (size_t i = 0; i < t->len; i++)
		ia_hmap_put(&t->map, t->v[i].path, (uint32_t)i);
}

static bool find_exact(const struct tgt *t, const char *p, size_t n, size_t *idx)
{
	uint32_t v;

	if (!ia_hmap_get(&t->map, p, n, &v))
		return false;
	*idx = v;
	return true;
}

int tgt_subtree(const struct tgt *t, const char *dir, size_t *begin, size_t *end)
{
	size_t n = strlen(dir), idx, lo, hi;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!find_exact(t, dir, n, &idx))
		return -ENOENT;
	*begin = idx + 1;
	if (n == 1 && dir[0] == '/') {
		*end = t->len;
		return 0;
	}
	/* first index after idx whose path does not start with "dir/" */
	lo = idx + 1;
	hi = t->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = t->v[mid].path;

		if (strncmp(p, dir, n) == 0 && p[n] == '/')
			lo = mid + 1;
		else
			hi = mid;
	}
	*end = lo;
	return 0;
}

/* ---- path resolution ---- */

int tgt_lookup(const struct tgt *t, const char *path, unsigned flags, const struct tgt_entry **ret)
{
	/* todo: what is left to resolve; cur: the canonical path resolved so far */
	char todo[IA_MAX_PATH + 1], cur[IA_MAX_PATH + 1];
	size_t tlen = strlen(path), tpos = 0, clen = 1;
	unsigned hops = 0;
	bool want_dir = false;
	size_t idx = 0;

	if (tlen > IA_MAX_PATH)
		return -ENAMETOOLONG;
	memcpy(todo, path, tlen + 1);
	if (tlen > 0 && todo[tlen - 1] == '/')
		want_dir = true;
	cur[0] = '/';
	cur[1] = '\0';
	if (!find_exact(t, "/", 1, &idx))
		return -ENOENT;

	for (;;) {
		size_t s, n;
		bool last;

		while (tpos < tlen && todo[tpos] == '/')
			tpos++;
		if (tpos >= tlen)
			break;
		s = tpos;
		while (tpos < tlen && todo[tpos] != '/')
			tpos++;
		n = tpos - s;
		{
			size_t q = tpos;

			while (q < tlen && todo[q] == '/')
				q++;
			last = q >= tlen;
		}
		if (n == 1 && todo[s] == '.')
			continue;
		if (n == 2 && todo[s] == '.' && todo[s + 1] == '.') {
			/* ".." of the root is the root */
			while (clen > 1 && cur[clen - 1] != '/')
				clen--;
			if (clen > 1)
				clen--;
			cur[clen] = '\0';
			if (!find_exact(t, cur, clen, &idx))
				return -ENOENT;
			continue;
		}
		if (n > IA_MAX_NAME)
			return -ENAMETOOLONG;
		size_t base = clen == 1 ? 0 : clen;

		if (base + 1 + n > IA_MAX_PATH)
			return -ENAMETOOLONG;
		cur[base] = '/';
		memcpy(cur + base + 1, todo + s, n);
		cur[base + 1 + n] = '\0';
		if (!find_exact(t, cur, base + 1 + n, &idx))
			return -ENOENT;
		const struct tgt_entry *e = &t->v[idx];

		if (S_ISLNK(e->mode) && e->link && (!last || want_dir || !(flags & TGT_NOFOLLOW))) {
			size_t llen = strlen(e->link), rest = tlen - tpos;

			if (++hops > IA_MAX_SYMLINK_HOPS)
				return -ELOOP;
			if (llen == 0)
				return -ENOENT;
			if (llen + rest > IA_MAX_PATH)
				return -ENAMETOOLONG;
			/* todo = link + rest */
			memmove(todo + llen, todo + tpos, rest);
			memcpy(todo, e->link, llen);
			tlen = llen + rest;
			todo[tlen] = '\0';
			tpos = 0;
			/* back to the symlink's directory, or to the root for an absolute link */
			clen = base == 0 ? 1 : base;
			if (e->link[0] == '/')
				clen = 1;
			cur[clen] = '\0';
			if (!find_exact(t, cur, clen, &idx))
				return -ENOENT;
			continue;
		}
		if (!last && !S_ISDIR(e->mode))
			return -ENOTDIR;
		clen = base + 1 + n;
	}
	if (want_dir && !S_ISDIR(t->v[idx].mode))
		return -ENOTDIR;
	*ret = &t->v[idx];
	return 0;
}

/* ---- reading ---- */

ssize_t tgt_pread_full(int fd, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t k = pread(fd, (char *)buf + done, n - done, (off_t)(off + done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			break;
		done += (size_t)k;
	}
	return (ssize_t)done;
}

int tgt_pwrite_full(int fd, const void *buf, size_t n, uint64_t off)
{
	for (size_t done = 0; done < n;) {
		ssize_t k = pwrite(fd, (const char *)buf + done, n - done, (off_t)(off + done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		done += (size_t)k;
	}
	return 0;
}

/* Where the bytes of an archive entry are, or NULL when they were not kept. */
static const struct tgt_blob *blob_of(const struct tgt *t, const struct tgt_entry *e)
{
	return e->blob != 0 && e->blob < t->next_blob ? &t->blobs[e->blob] : NULL;
}

int tgt_open_in_root(int rootfd, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)flags | O_NOFOLLOW | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS,
	};
	long fd;

	if (!*rel)
		rel = ".";
	fd = syscall(SYS_openat2, rootfd, rel, &how, sizeof(how));
	if (fd >= 0)
		return (int)fd;
	if (errno != ENOSYS)
		return -errno;
	/* kernels before 5.6: component by component, never following a symlink */
	{
		char buf[IA_MAX_PATH + 1];
		size_t n = strlen(rel);
		int dfd = dup(rootfd);
		char *p = buf, *slash;

		if (n > IA_MAX_PATH || dfd < 0) {
			if (dfd >= 0)
				close(dfd);
			return n > IA_MAX_PATH ? -ENAMETOOLONG : -errno;
		}
		memcpy(buf, rel, n + 1);
		while ((slash = strchr(p, '/'))) {
			int nfd;

			*slash = '\0';
			if (strcmp(p, "..") == 0) {
				close(dfd);
				return -EXDEV;
			}
			nfd = openat(dfd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			close(dfd);
			if (nfd < 0)
				return -errno;
			dfd = nfd;
			p = slash + 1;
		}
		if (strcmp(p, "..") == 0) {
			close(dfd);
			return -EXDEV;
		}
		fd = openat(dfd, p, (int)how.flags);
		close(dfd);
		return fd >= 0 ? (int)fd : -errno;
	}
}

/* A file of a directory target opened to be read (non-blocking: a FIFO swapped in cannot hang
 * the open). */
static int open_in_root(int rootfd, const char *rel)
{
	return tgt_open_in_root(rootfd, rel, O_RDONLY | O_NOCTTY | O_NONBLOCK);
}

static int open_in_dir(int rootfd, const char *path, struct tgt_dircache *d);

static ssize_t pread_entry(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
			   uint64_t off, struct tgt_dircache *d)
{
	if (!S_ISREG(e->mode))
		return S_ISDIR(e->mode) ? -EISDIR : -EINVAL;
	if (t->disk)
		return tgt_disk_pread(t, e, buf, n, off);
	if (t->packfd >= 0) {
		const struct tgt_blob *b = blob_of(t, e);

		if (!b)
			return -ENOENT;
		if (off >= b->len)
			return 0;
		if (n > b->len - off)
			n = (size_t)(b->len - off);
		return tgt_pread_full(b->fd, buf, n, b->off + off);
	}
	if (t->rootfd < 0 || e->path[0] != '/' || e->path[1] == '\0')
		return -ENOENT;
	{
		_cleanup_close_ int fd = d ? open_in_dir(t->rootfd, e->path, d)
					   : open_in_root(t->rootfd, e->path + 1);
		struct stat st;

		if (fd < 0)
			return fd;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
			return -EINVAL;
		if (off >= (uint64_t)st.st_size)
			return 0;
		/* O_NONBLOCK, kept: it has no effect on a regular file (open(2)) */
		return tgt_pread_full(fd, buf, n, off);
	}
}

/* A disk entry's bytes copied into a memfd (bounded by the file size limit). */
static int disk_entry_copy(const struct tgt *t, const struct tgt_entry *e)
{
	int fd;

	if (e->size > t->lim.max_file_size)
		return -IA_ETOOBIG;
	fd = memfd_create("imgaudit-entry", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (uint64_t done = 0; done < e->size;) {
		char buf[65536];
		size_t want = e->size - done < sizeof(buf) ? e->size - done : sizeof(buf);
		ssize_t n = tgt_disk_pread(t, e, buf, want, done);
		int w = n <= 0 ? (n < 0 ? (int)n : -EIO)
			       : tgt_pwrite_full(fd, buf, (size_t)n, done);

		if (w < 0) {
			close(fd);
			return w;
		}
		done += (uint64_t)n;
	}
	return fd;
}

ssize_t tgt_pread(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n, uint64_t off)
{
	return tgt_pread_in(t, e, buf, n, off, NULL);
}

ssize_t tgt_pread_in(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
		     uint64_t off, struct tgt_dircache *d)
{
	ssize_t k = pread_entry(t, e, buf, n, off, d);

	if (k > 0)
		IA_COUNT(t->counters, bytes, k);
	return k;
}

_Static_assert(sizeof(((struct tgt_dircache *)0)->dir) == IA_MAX_PATH + 1,
	       "tgt_dircache holds a path of IA_MAX_PATH");

void tgt_dircache_init(struct tgt_dircache *d)
{
	d->fd = -1;
	d->len = 0;
	d->dir[0] = '\0';
}

void tgt_dircache_done(struct tgt_dircache *d)
{
	if (d->fd >= 0)
		close(d->fd);
	tgt_dircache_init(d);
}

/* Opens the file at path (absolute in the root) through d: its directory from d when it is the
 * one d holds, else resolved in the root and kept in d; the file by its name in it. */
static int open_in_dir(int rootfd, const char *path, struct tgt_dircache *d)
{
	const char *slash = strrchr(path, '/');
	size_t len = (size_t)(slash - path) - (slash > path); /* without the leading '/' */
	const char *dir = slash > path ? path + 1 : "";

	if (len >= sizeof(d->dir))
		return open_in_root(rootfd, path + 1);
	if (d->fd < 0 || d->len != len || memcmp(d->dir, dir, len) != 0) {
		tgt_dircache_done(d);
		memcpy(d->dir, dir, len);
		d->dir[len] = '\0';
		d->fd = tgt_open_in_root(rootfd, d->dir, O_PATH | O_DIRECTORY);
		if (d->fd < 0) {
			int r = d->fd;

			tgt_dircache_init(d);
			return r;
		}
		d->len = len;
	}
	/* one component, resolved inside d's directory: ".." stays in it (then no regular file) */
	return tgt_open_in_root(d->fd, slash + 1, O_RDONLY | O_NOCTTY | O_NONBLOCK);
}

int tgt_open_entry(const struct tgt *t, const struct tgt_entry *e)
{
	return tgt_open_entry_in(t, e, NULL);
}

int tgt_open_entry_in(const struct tgt *t, const struct tgt_entry *e, struct tgt_dircache *d)
{
	int fd;
	struct stat st;

	if (!S_ISREG(e->mode))
		return S_ISDIR(e->mode) ? -EISDIR : -EINVAL;
	if (t->disk) {
		fd = disk_entry_copy(t, e);
		if (fd < 0)
			return fd;
	} else if (t->packfd >= 0) {
		const struct tgt_blob *b = blob_of(t, e);

		if (!b)
			return -ENOENT;
		/* a private copy of the body in memory: nothing is created on disk after the open;
		 * written by offset, so the descriptor is left at its start */
		fd = memfd_create("imgaudit-entry", MFD_CLOEXEC);
		if (fd < 0)
			return -errno;
		for (uint64_t done = 0; done < b->len;) {
			char buf[65536];
			size_t want = b->len - done < sizeof(buf) ? b->len - done : sizeof(buf);
			ssize_t n = tgt_pread_full(b->fd, buf, want, b->off + done);
			int w = n <= 0 ? (n < 0 ? (int)n : -EIO)
				       : tgt_pwrite_full(fd, buf, (size_t)n, done);

			if (w < 0) {
				close(fd);
				return w;
			}
			done += (uint64_t)n;
		}
	} else if (t->rootfd >= 0) {
		if (e->path[0] != '/' || e->path[1] == '\0')
			return -EINVAL;
		fd = d ? open_in_dir(t->rootfd, e->path, d) : open_in_root(t->rootfd, e->path + 1);
		if (fd < 0)
			return fd;
	} else {
		return -ENOENT;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	/* opened non-blocking so that a FIFO swapped in cannot hang the open; the flag stays, it
	 * has no effect on a regular file (open(2)) */
	IA_COUNT(t->counters, bytes, st.st_size); /* the caller reads it: counted once here */
	return fd;
}

int tgt_read(const struct tgt *t, const char *path, size_t max, struct ia_buf *out,
	     const struct tgt_entry **ent, struct ia_err *err)
{
	const struct tgt_entry *e = NULL;
	struct stat st;
	int r, fd;

	ia_buf_reset(out);
	r = tgt_lookup(t, path, 0, &e);
	if (r < 0)
		return ia_err_set(err, r, path, 0, "cannot resolve: %s", ia_strerror(r));
	if (ent)
		*ent = e;
	if (!S_ISREG(e->mode)) {
		r = S_ISDIR(e->mode) ? -EISDIR : -EINVAL;
		return ia_err_set(err, r, path, 0, "not a regular file");
	}
	if (e->size > max || (out->max && e->size > out->max))
		return ia_err_set(err, -IA_ETOOBIG, path, 0, "file of %llu bytes exceeds %zu",
				  (unsigned long long)e->size, max);
	if (t->disk) {
		ssize_t n;
		char *p = ia_buf_reserve(out, (size_t)e->size, &r);

		if (!p)
			return ia_err_set(err, r, path, 0, "file too big for the buffer");
		n = tgt_disk_pread(t, e, p, (size_t)e->size, 0);
		if (n < 0 || (uint64_t)n != e->size)
			return ia_err_set(err, n < 0 ? (int)n : -EIO, path, 0,
					  "cannot read the file's bytes from the disk image");
		ia_buf_commit(out, (size_t)e->size);
		IA_COUNT(t->counters, bytes, e->size);
		return 0;
	}
	if (t->packfd >= 0) {
		const struct tgt_blob *b = blob_of(t, e);
		ssize_t n;
		char *p;

		if (!b)
			return ia_err_set(err, -ENOENT, path, 0, "file bytes not kept");
		p = ia_buf_reserve(out, b->len, &r);
		if (!p)
			return ia_err_set(err, r, path, 0, "file too big for the buffer");
		n = tgt_pread_full(b->fd, p, b->len, b->off);
		if (n < 0 || (uint64_t)n != b->len)
			return ia_err_set(err, n < 0 ? (int)n : -EIO, path, 0,
					  "cannot read the file's bytes");
		ia_buf_commit(out, b->len);
		IA_COUNT(t->counters, bytes, b->len);
		return 0;
	}
	fd = tgt_open_entry(t, e);
	if (fd < 0)
		return ia_err_set(err, fd, path, 0, "cannot open: %s", ia_strerror(fd));
	if (fstat(fd, &st) != 0 || (uint64_t)st.st_size > max) {
		close(fd);
		return ia_err_set(err, -IA_ETOOBIG, path, 0, "file exceeds %zu bytes", max);
	}
	r = ia_fd_read_all(fd, max, out);
	close(fd);
	if (r == -IA_ETOOBIG)
		return ia_err_set(err, r, path, 0, "file exceeds %zu bytes", max);
	if (r < 0)
		return ia_err_set(err, r, path, 0, "read error: %s", strerror(-r));
	return 0;
}

/* ---- opening ---- */

/* A regular file is taken for an archive; which kind is decided by its members (sniff). */
/* The reference without a transport prefix ("docker://debian:12" -> "debian:12"). */
static const char *ref_of(const char *spec)
{
	return strncmp(spec, "docker://", 9) == 0 ? spec + 9 : spec;
}

/* true when spec (a path that does not exist) reads like an image reference: [HOST/]NAME[:TAG]
 * or NAME@sha256:..., with or without "docker://"; a relative path it could also be gets the
 * same hint, which is phrased for both. */
static bool looks_like_ref(const char *spec)
{
	const char *r = ref_of(spec);

	if (r != spec)
		return true;
	if (!*r || r[0] == '/' || r[0] == '.' || strlen(r) > 255)
		return false;
	for (const char *p = r; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("._-/:@", *p)))
			return false;
	return strchr(r, ':') || strchr(r, '@');
}

/* Whether the regular file spec holds a disk image (by its content, never its name). */
static bool is_disk(const char *spec)
{
	unsigned char head[8192], tail[512];
	_cleanup_close_ int fd = open(spec, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	ssize_t n;

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	n = tgt_pread_full(fd, head, sizeof(head), 0);
	if (n <= 0)
		return false;
	if (st.st_size < 512 || tgt_pread_full(fd, tail, sizeof(tail),
					       (uint64_t)st.st_size - 512) != (ssize_t)sizeof(tail))
		return tgt_disk_sniff(head, (size_t)n, NULL);
	return tgt_disk_sniff(head, (size_t)n, tail);
}

static int detect(const char *spec, enum tgt_kind *kind, bool *sniff, struct ia_err *err)
{
	struct stat st;

	if (strcmp(spec, "/") == 0) {
		*kind = TGT_HOST;
		return 0;
	}
	if (strcmp(spec, "-") == 0) {
		*kind = TGT_DOCKER_ARCHIVE; /* or an OCI layout tar: told by its members */
		*sniff = true;
		return 0;
	}
	if (stat(spec, &st) != 0) {
		int r = -errno;

		if (r == -ENOENT && looks_like_ref(spec))
			return ia_err_set(
				err, r, spec, 0,
				"no such file or directory; if this names a registry image: "
				"imgaudit "
				"does not pull images, save it as an archive first and audit that: "
				"docker save %s -o image.tar, or skopeo copy docker://%s "
				"docker-archive:image.tar (or oci:DIR for an OCI layout directory)",
				ref_of(spec), ref_of(spec));
		return ia_err_set(err, r, spec, 0, "cannot open target: %s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		struct stat root;
		int fd = open(spec, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		bool oci = false;

		if (fd >= 0) {
			struct stat ol;

			/* of any type: a symlink (skopeo follows it) or anything else makes the
			 * directory a layout, read as one or refused, never audited as a root */
			oci = fstatat(fd, "oci-layout", &ol, AT_SYMLINK_NOFOLLOW) == 0;
			close(fd);
		}
		if (stat("/", &root) == 0 && root.st_dev == st.st_dev && root.st_ino == st.st_ino)
			*kind = TGT_HOST;
		else
			*kind = oci ? TGT_OCI_DIR : TGT_DIR;
		return 0;
	}
	if (S_ISREG(st.st_mode) && is_disk(spec)) {
		*kind = TGT_DISK;
		return 0;
	}
	if (S_ISREG(st.st_mode)) {
		*kind = TGT_DOCKER_ARCHIVE;
		*sniff = true;
		return 0;
	}
	return ia_err_set(err, -IA_EUNSUPPORTED, spec, 0,
			  "not a directory, a docker-save archive or an OCI layout");
}

int tgt_open(const char *spec, const struct tgt_opts *opts, struct tgt **ret, struct ia_err *err)
{
	enum tgt_kind kind = opts ? opts->kind : TGT_AUTO;
	struct tgt *t;
	bool sniff = false;
	int r;

	if (!spec || !*spec)
		return ia_err_set(err, -EINVAL, "", 0, "no target named");
	if (kind == TGT_AUTO) {
		r = detect(spec, &kind, &sniff, err);
		if (r < 0)
			return r;
	}
	t = tgt_new(kind, spec, opts);
	t->sniff_kind = sniff;
	switch (kind) {
	case TGT_DIR:
	case TGT_HOST:
		r = tgt_walk_dir(t, err);
		break;
	case TGT_DOCKER_ARCHIVE:
	case TGT_OCI_DIR:
	case TGT_OCI_ARCHIVE:
		r = tgt_open_container(t, err);
		break;
	case TGT_DISK:
		r = tgt_open_disk(t, opts ? opts->backing_dir : NULL, err);
		break;
	default:
		r = ia_err_set(err, -EINVAL, spec, 0, "unknown target kind");
		break;
	}
	if (r < 0) {
		tgt_free(t);
		return r;
	}
	excl_notes(t);
	*ret = t;
	return 0;
}
