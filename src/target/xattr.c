/* xattr.c — extended attributes of index entries: the bounded list, directories, archives */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "target/disk.h"
#include "target/internal.h"
#include "target/target.h"
#include "util/banned.h"

void tgt_xattrs_release(struct tgt_xattrs *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n; i++) {
		free((char *)x->v[i].name);
		free((unsigned char *)x->v[i].value);
	}
	free(x->v);
	*x = (struct tgt_xattrs){0};
}

static void xattrs_reset(struct tgt_xattrs *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free((char *)x->v[i].name);
		free((unsigned char *)x->v[i].value);
	}
	x->n = 0;
	x->bytes = 0;
}

int tgt_xattrs_add(struct tgt_xattrs *x, const char *name, size_t nlen, const void *value,
		   size_t vlen)
{
	unsigned char *v;
	char *n;

	if (nlen == 0 || memchr(name, '\0', nlen))
		return -IA_ECORRUPT;
	/* a name given twice (libarchive's pax writer records each attribute both as
	 * LIBARCHIVE.xattr and SCHILY.xattr, and the reader returns both): the later one wins */
	for (size_t i = 0; i < x->n; i++) {
		if (strlen(x->v[i].name) != nlen || memcmp(x->v[i].name, name, nlen) != 0)
			continue;
		if (vlen > IA_MAX_XATTR_VALUE || vlen > IA_MAX_XATTR_BYTES - x->bytes + x->v[i].len)
			return -IA_ETOOBIG;
		v = ia_xmalloc(vlen ? vlen : 1);
		if (vlen)
			memcpy(v, value, vlen);
		free((unsigned char *)x->v[i].value);
		x->bytes = x->bytes - x->v[i].len + vlen;
		x->v[i].value = v;
		x->v[i].len = vlen;
		return 0;
	}
	if (x->n >= IA_MAX_XATTRS || nlen > IA_MAX_XATTR_NAME || vlen > IA_MAX_XATTR_VALUE ||
	    nlen + vlen > IA_MAX_XATTR_BYTES - x->bytes)
		return -IA_ETOOBIG;
	ia_grow(&x->v, sizeof(*x->v), x->n + 1, &x->cap);
	n = ia_xmalloc(nlen + 1);
	memcpy(n, name, nlen);
	n[nlen] = '\0';
	v = ia_xmalloc(vlen ? vlen : 1);
	if (vlen)
		memcpy(v, value, vlen);
	x->v[x->n++] = (struct tgt_xattr){n, v, vlen};
	x->bytes += nlen + vlen;
	return 0;
}

/* ---- archives: kept from the pax records while the index is built ---- */

uint32_t tgt_xattrs_keep(struct tgt *t, const struct tgt_xattrs *x, int code)
{
	size_t len = 0;
	unsigned char *p;

	if ((x->n == 0 && code == 0) || t->n_xrecs >= UINT32_MAX)
		return 0;
	if (t->n_xrecs == 0)
		t->n_xrecs = 1; /* handle 0: none */
	ia_grow(&t->xrecs, sizeof(*t->xrecs), t->n_xrecs + 1, &t->xrecs_cap);
	if (code < 0) {
		t->xrecs[t->n_xrecs] = (struct tgt_xrec){NULL, 0, 0, code};
		return (uint32_t)t->n_xrecs++;
	}
	for (size_t i = 0; i < x->n; i++)
		len += 1 + strlen(x->v[i].name) + 4 + x->v[i].len;
	p = ia_pool_alloc(&t->pool, len);
	t->xrecs[t->n_xrecs] = (struct tgt_xrec){p, (uint32_t)len, (uint32_t)x->n, 0};
	for (size_t i = 0; i < x->n; i++) {
		size_t nl = strlen(x->v[i].name);
		uint32_t vl = (uint32_t)x->v[i].len;

		*p++ = (unsigned char)nl; /* at most IA_MAX_XATTR_NAME (255) */
		memcpy(p, x->v[i].name, nl);
		p += nl;
		memcpy(p, &vl, 4);
		p += 4;
		memcpy(p, x->v[i].value, vl);
		p += vl;
	}
	return (uint32_t)t->n_xrecs++;
}

static int archive_xattrs(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out)
{
	const struct tgt_xrec *r;
	const unsigned char *p, *end;

	if (e->xattrs == 0)
		return 0;
	if (e->xattrs >= t->n_xrecs)
		return -EINVAL;
	r = &t->xrecs[e->xattrs];
	if (r->code < 0)
		return r->code;
	p = r->data;
	end = p + r->len;
	for (uint32_t i = 0; i < r->n; i++) {
		size_t nl = *p++;
		uint32_t vl;
		int k;

		memcpy(&vl, p + nl, 4);
		k = tgt_xattrs_add(out, (const char *)p, nl, p + nl + 4, vl);
		if (k < 0)
			return k;
		p += nl + 4 + vl;
	}
	return p == end ? 0 : -EINVAL;
}

/* ---- directories and the host: the file inside the root, never a symlink followed ---- */

/*
 * listxattr/getxattr on "/proc/self/fd/N" of an O_PATH descriptor read the file itself: the
 * magic link is followed to the file it stands for and no further, so a symlink's own
 * attributes are read, and a device or FIFO is never opened.
 */
static int dir_xattrs(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out)
{
	char proc[64], *names = NULL;
	_cleanup_close_ int fd = -1;
	ssize_t len;
	int r = 0;

	if (t->rootfd < 0 || e->path[0] != '/')
		return -ENOENT;
	fd = tgt_open_in_root(t->rootfd, e->path + 1, O_PATH);
	if (fd < 0)
		return fd;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	len = listxattr(proc, NULL, 0);
	if (len < 0)
		return errno == EOPNOTSUPP ? -ENOTSUP : -errno;
	if (len == 0)
		return 0;
	if ((size_t)len > IA_MAX_XATTR_BYTES)
		return -IA_ETOOBIG;
	names = ia_xmalloc((size_t)len + 1);
	len = listxattr(proc, names, (size_t)len);
	if (len < 0)
		r = errno == ERANGE ? -EAGAIN : -errno; /* changed meanwhile */
	for (ssize_t off = 0; r == 0 && off < len;) {
		const char *n = names + off;
		size_t nl = strnlen(n, (size_t)(len - off));
		unsigned char *val = NULL;
		ssize_t vl = nl < (size_t)(len - off) ? getxattr(proc, n, NULL, 0) : -1;

		if (nl == (size_t)(len - off)) {
			r = -IA_ECORRUPT; /* a name without its NUL */
			break;
		}
		off += (ssize_t)nl + 1;
		if (vl < 0 && errno == ENODATA)
			continue; /* removed meanwhile */
		if (vl < 0) {
			r = -errno;
			break;
		}
		if ((size_t)vl > IA_MAX_XATTR_VALUE) {
			r = -IA_ETOOBIG;
			break;
		}
		val = ia_xmalloc((size_t)vl + 1);
		vl = getxattr(proc, n, val, (size_t)vl);
		r = vl < 0 ? (errno == ERANGE ? -EAGAIN : -errno)
			   : tgt_xattrs_add(out, n, nl, val, (size_t)vl);
		free(val);
	}
	free(names);
	return r;
}

/* ---- the interface ---- */

int tgt_xattrs_read(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out)
{
	int r;

	xattrs_reset(out);
	if (t->disk)
		r = tgt_disk_xattrs(t, e, out);
	else if (t->rootfd >= 0)
		r = dir_xattrs(t, e, out);
	else
		r = archive_xattrs(t, e, out);
	if (r < 0)
		xattrs_reset(out);
	return r;
}

ssize_t tgt_xattr_get(const struct tgt *t, const struct tgt_entry *e, const char *name, void *buf,
		      size_t cap)
{
	struct tgt_xattrs x = {0};
	ssize_t r = tgt_xattrs_read(t, e, &x);

	if (r == 0)
		r = -ENODATA;
	for (size_t i = 0; r == -ENODATA && i < x.n; i++) {
		if (strcmp(x.v[i].name, name) != 0)
			continue;
		if (x.v[i].len > cap)
			r = -ERANGE;
		else {
			memcpy(buf, x.v[i].value, x.v[i].len);
			r = (ssize_t)x.v[i].len;
		}
	}
	tgt_xattrs_release(&x);
	return r;
}
