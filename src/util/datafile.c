/* datafile.c — reading whole files of the host: imgaudit's data files and the user's own */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/datafile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util/banned.h"

/* Bytes read per read(2) call. */
#define READ_CHUNK 65536u

int ia_fd_read_all(int fd, size_t max, struct ia_buf *out)
{
	size_t start = out->len;

	for (;;) {
		size_t got = out->len - start, want = READ_CHUNK;
		char *p;
		ssize_t n;
		int r;

		if (got >= max) {
			char c;

			/* at the cap: one more byte means the file holds more (or grew past it) */
			do
				n = read(fd, &c, 1);
			while (n < 0 && errno == EINTR);
			if (n < 0)
				return -errno;
			return n > 0 ? -IA_ETOOBIG : 0;
		}
		if (want > max - got)
			want = max - got;
		p = ia_buf_reserve(out, want, &r);
		if (!p)
			return r < 0 ? r : -IA_ETOOBIG;
		n = read(fd, p, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return 0;
		ia_buf_commit(out, (size_t)n);
	}
}

int ia_host_file_read(const char *path, const char *name, size_t max, struct ia_buf *out,
		      struct ia_err *err)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	int r;

	if (max > IA_MAX_DATA_FILE)
		max = IA_MAX_DATA_FILE;
	ia_buf_reset(out);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return ia_err_set(err, -errno, name, 0, "cannot open '%s': %s", path,
				  strerror(errno));
	if (fstat(fd, &st) < 0)
		return ia_err_set(err, -errno, name, 0, "cannot stat '%s'", path);
	if (!S_ISREG(st.st_mode))
		return ia_err_set(err, -EINVAL, name, 0, "'%s' is not a regular file", path);
	if ((uint64_t)st.st_size > max)
		return ia_err_set(err, -IA_ETOOBIG, name, 0, "'%s' is larger than %zu bytes", path,
				  max);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	r = ia_fd_read_all(fd, max, out);
	if (r == -IA_ETOOBIG)
		return ia_err_set(err, r, name, 0, "'%s' is larger than %zu bytes", path, max);
	if (r < 0)
		return ia_err_set(err, r, name, 0, "cannot read '%s': %s", path, strerror(-r));
	if (!out->data)
		ia_buf_adds(out, "");
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *data_dir(void)
{
	const char *env = getenv("IMGAUDIT_DATADIR");

	if (env && *env)
		return env;
	if (is_dir(IA_SRC_DATADIR))
		return IA_SRC_DATADIR;
	return IA_DATADIR;
}

/* true when rel stays inside the data directory: relative, no ".." component */
static bool rel_inside(const char *rel)
{
	const char *p = rel;

	if (!*rel || *rel == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		p += strspn(p, "/");
	}
	return true;
}

int ia_data_read(const char *rel, size_t max, struct ia_buf *out, struct ia_err *err)
{
	_cleanup_free_ char *path = NULL;
	struct ia_buf tmp = IA_BUF_INIT(max);
	int r;

	if (!rel_inside(rel))
		return ia_err_set(err, -EINVAL, rel, 0, "not a data file name");
	if (asprintf(&path, "%s/%s", data_dir(), rel) < 0) {
		path = NULL;
		return ia_err_set(err, -ENOMEM, rel, 0, "out of memory");
	}
	r = ia_host_file_read(path, rel, max, &tmp, err);
	if (r < 0) {
		ia_buf_release(&tmp);
		return r;
	}
	ia_buf_release(out);
	*out = tmp;
	return 0;
}
