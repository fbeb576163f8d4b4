/* image.c — container images: docker-save archives and OCI layouts (directory or tar), configs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <jansson.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "target/internal.h"
#include "util/str.h"
#include "util/banned.h"

#define STREAM_BUF (128u * 1024)

static const char *const index_types[] = {
	"application/vnd.oci.image.index.v1+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
};

/* ---- where blobs come from: an OCI directory, or a plain tar indexed in one pass ---- */

struct member {
	const char *name;   /* normalised image-style path ("/manifest.json"), in s->pool */
	const char *link;   /* symlink target as stored, hard link target normalised, or NULL */
	uint64_t off, size; /* the member's data in s->fd */
	char type;          /* 'f' regular file, 'l' symlink, 'h' hard link, 'o' anything else */
	bool placed;        /* off verified against the member's header block */
};

struct csrc {
	const char *spec;
	int dirfd; /* OCI directory, or -1 */
	int fd;    /* the plain tar (the archive or its decompressed copy), or -1 */
	struct member *m;
	size_t n, cap;
	struct ia_hmap map; /* name -> index into m; a later member of one name replaces it */
	struct ia_pool pool;
	bool has_manifest, has_layout, has_index;
};

static void csrc_release(struct csrc *s)
{
	free(s->m);
	s->m = NULL;
	s->n = s->cap = 0;
	ia_hmap_release(&s->map);
	ia_pool_release(&s->pool);
	if (s->dirfd >= 0)
		close(s->dirfd);
	s->dirfd = -1;
}

static bool magic_compressed(const unsigned char *h, size_t n)
{
	static const unsigned char gz[] = {0x1f, 0x8b}, zst[] = {0x28, 0xb5, 0x2f, 0xfd},
				   xz[] = {0xfd, '7', 'z', 'X'}, bz[] = {'B', 'Z', 'h'};

	return (n >= 2 && memcmp(h, gz, 2) == 0) || (n >= 4 && memcmp(h, zst, 4) == 0) ||
	       (n >= 4 && memcmp(h, xz, 4) == 0) || (n >= 3 && memcmp(h, bz, 3) == 0);
}

/*
 * A compressed outer archive (`docker save | gzip`): decompressed once into an unlinked spool
 * file, bounded by the image size and the ratio limits. *ret: the file (kept by t).
 */
static int outer_decompress(struct tgt *t, int fd, int *ret, struct ia_err *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	uint64_t total = 0;
	int out = -1, r = 0;

	if (!a)
		return ia_err_set(err, -ENOMEM, t->spec, 0, "cannot make an archive reader");
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_fd(a, fd, STREAM_BUF) != ARCHIVE_OK ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK) {
		r = IA_CORRUPT(err, t->spec, 0, "cannot decompress the archive: %s",
			       archive_error_string(a) ? archive_error_string(a) : "error");
		goto done;
	}
	out = t->outerfd;
	t->outerfd = -1; /* kept by t from here (tgt_keep_fd) */
	for (;;) {
		const void *buf;
		size_t size;
		la_int64_t off;
		int64_t raw;
		int k = archive_read_data_block(a, &buf, &size, &off);

		if (k == ARCHIVE_EOF)
			break;
		if (k != ARCHIVE_OK && k != ARCHIVE_WARN) {
			r = IA_CORRUPT(err, t->spec, 0, "cannot decompress the archive: %s",
				       archive_error_string(a) ? archive_error_string(a) : "error");
			goto done;
		}
		if (off < 0 || (uint64_t)off > t->lim.max_image_size ||
		    size > t->lim.max_image_size - (uint64_t)off) {
			r = ia_err_set(
				err, -IA_ETOOBIG, t->spec, 0,
				"archive decompresses past the image size limit of %llu bytes "
				"(IA_MAX_IMAGE_SIZE)",
				(unsigned long long)t->lim.max_image_size);
			goto done;
		}
		total = (uint64_t)off + size > total ? (uint64_t)off + size : total;
		raw = archive_filter_bytes(a, -1);
		if (total > t->lim.ratio_grace && raw >= 0 &&
		    total / t->lim.max_ratio > (uint64_t)raw) {
			r = ia_err_set(
				err, -IA_ETOOBIG, t->spec, 0,
				"decompression bomb: the archive inflates %lld bytes to over %llu "
				"(ratio above IA_MAX_RATIO %u)",
				(long long)raw, (unsigned long long)total, t->lim.max_ratio);
			goto done;
		}
		r = tgt_pwrite_full(out, buf, size, (uint64_t)off);
		if (r < 0) {
			ia_err_set(err, r, t->spec, 0, "cannot spool the archive: %s",
				   strerror(-r));
			goto done;
		}
	}
	if (ftruncate(out, (off_t)total) != 0) {
		r = ia_err_set(err, -errno, t->spec, 0, "cannot spool the archive: %s",
			       strerror(errno));
		goto done;
	}
	tgt_keep_fd(t, out);
	*ret = out;
	out = -1;
done:
	if (out >= 0)
		close(out);
	archive_read_free(a);
	return r;
}

/* One pass over the headers of the plain tar s->fd: the member index. Bodies are skipped. */
static int tar_index(struct tgt *t, struct csrc *s, struct ia_err *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	char path[IA_MAX_PATH + 1], lpath[IA_MAX_PATH + 1];
	locale_t loc;
	int r = 0;

	if (!a)
		return ia_err_set(err, -ENOMEM, t->spec, 0, "cannot make an archive reader");
	loc = tgt_names_utf8();
	archive_read_support_format_tar(a);
	if (archive_read_open_fd(a, s->fd, 65536) != ARCHIVE_OK) {
		r = ia_err_set(err, t->sniff_kind ? -IA_EUNSUPPORTED : -IA_ECORRUPT, t->spec, 0,
			       "not a docker-save archive or an OCI layout tar: %s",
			       archive_error_string(a) ? archive_error_string(a) : "error");
		goto done;
	}
	for (;;) {
		struct member *m;
		long n;
		int k = archive_read_next_header(a, &ae);
		unsigned type;

		if (k == ARCHIVE_EOF)
			break;
		if (k != ARCHIVE_OK && k != ARCHIVE_WARN) {
			if (s->n == 0 && t->sniff_kind)
				r = ia_err_set(err, -IA_EUNSUPPORTED, t->spec, 0,
					       "not a docker-save archive or an OCI layout tar: %s",
					       archive_error_string(a) ? archive_error_string(a)
								       : "error");
			else
				r = IA_CORRUPT(err, t->spec, 0,
					       "corrupt archive after %zu members: %s", s->n,
					       archive_error_string(a) ? archive_error_string(a)
								       : "error");
			goto done;
		}
		if (s->n >= IA_MAX_ARCHIVE_MEMBERS) {
			r = ia_err_set(
				err, -IA_ETOOBIG, t->spec, 0,
				"more than IA_MAX_ARCHIVE_MEMBERS (%u) members in the archive",
				IA_MAX_ARCHIVE_MEMBERS);
			goto done;
		}
		if (k == ARCHIVE_WARN) {
			/* its header may not say what the archive declared: not used as read */
			char q[TGT_QUOTE_SIZE];
			const char *name = archive_entry_pathname(ae);

			ia_problem_add(&t->problems, "index", tgt_quote_name(name ? name : "", q),
				       0, -IA_ECORRUPT,
				       "archive member refused: its header was read with a "
				       "warning: %.256s",
				       archive_error_string(a) ? archive_error_string(a)
							       : "(no text)");
			continue;
		}
		/* a member no normalised name reaches cannot be named by a manifest either */
		n = tgt_norm_name(archive_entry_pathname(ae), path);
		if (n < 0)
			continue;
		ia_grow(&s->m, sizeof(*s->m), s->n + 1, &s->cap);
		m = &s->m[s->n];
		memset(m, 0, sizeof(*m));
		m->name = ia_pool_strndup(&s->pool, path, (size_t)n);
		type = archive_entry_filetype(ae);
		if (archive_entry_hardlink(ae)) {
			long ln = tgt_norm_name(archive_entry_hardlink(ae), lpath);

			m->type = 'h';
			m->link = ln < 0 ? NULL : ia_pool_strndup(&s->pool, lpath, (size_t)ln);
		} else if (type == AE_IFLNK) {
			m->type = 'l';
			m->link = archive_entry_symlink(ae)
					  ? ia_pool_strdup(&s->pool, archive_entry_symlink(ae))
					  : NULL;
		} else if (type == AE_IFREG) {
			int64_t off = archive_filter_bytes(a, 0);
			la_int64_t size = archive_entry_size(ae);
			unsigned char blk[512];

			m->type = 'f';
			if (off >= 512 && size >= 0 && archive_entry_sparse_count(ae) == 0 &&
			    tgt_pread_full(s->fd, blk, sizeof(blk), (uint64_t)off - 512) == 512 &&
			    tgt_tar_header_ok(blk, (uint64_t)size)) {
				m->off = (uint64_t)off;
				m->size = (uint64_t)size;
				m->placed = true;
			}
		} else {
			m->type = 'o';
		}
		if (strcmp(m->name, "/manifest.json") == 0)
			s->has_manifest = true;
		else if (strcmp(m->name, "/oci-layout") == 0)
			s->has_layout = true;
		else if (strcmp(m->name, "/index.json") == 0)
			s->has_index = true;
		ia_hmap_put(&s->map, m->name, (uint32_t)s->n);
		s->n++;
	}
done:
	archive_read_free(a);
	tgt_names_done(loc);
	return r;
}

/* "dir" + "/" + rel, with "." and ".." collapsed lexically; a ".." above the top is refused. */
static long join_link(const char *dir, const char *rel, char out[IA_MAX_PATH + 1])
{
	char buf[IA_MAX_PATH * 2 + 2], col[IA_MAX_PATH * 2 + 2];
	size_t o = 0;
	char *p = buf, *c;
	int len = snprintf(buf, sizeof(buf), "%s/%s", dir, rel);

	if (len < 0 || (size_t)len >= sizeof(buf))
		return -ENAMETOOLONG;
	while ((c = strsep(&p, "/"))) {
		size_t cl = strlen(c);

		if (!*c || strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			if (o == 0)
				return -IA_EESCAPE;
			while (o > 0 && col[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		if (o + cl + 2 >= sizeof(col))
			return -ENAMETOOLONG;
		if (o)
			col[o++] = '/';
		memcpy(col + o, c, cl);
		o += cl;
	}
	col[o] = '\0';
	return tgt_norm_name(col, out);
}

/* The regular-file member called name (relative), following links between members. */
static int tar_find(struct csrc *s, const char *name, const struct member **ret, struct ia_err *err)
{
	char want[IA_MAX_PATH + 1];
	long wn = tgt_norm_name(name, want);

	if (wn < 0)
		return IA_CORRUPT(err, name, 0, "bad member name in the manifest");
	for (unsigned hop = 0; hop <= IA_MAX_MEMBER_HOPS; hop++) {
		const struct member *m;
		uint32_t i;

		if (!ia_hmap_get(&s->map, want, (size_t)wn, &i))
			return ia_err_set(err, -ENOENT, name, 0, "not in the archive");
		m = &s->m[i];
		if (m->type == 'f') {
			if (!m->placed)
				return ia_err_set(err, -IA_EUNSUPPORTED, name, 0,
						  "member stored in a form that cannot be read in "
						  "place (sparse?)");
			*ret = m;
			return 0;
		}
		if (m->type == 'h' && m->link) {
			/* normalised when indexed ("/dir/name"): taken as it is */
			wn = (long)strlen(m->link);
			memcpy(want, m->link, (size_t)wn + 1);
		} else if (m->type == 'l' && m->link) {
			/* relative to the member's directory; resolved by name, never leaving the
			 * tar */
			char dir[IA_MAX_PATH + 1];

			if (m->link[0] == '/')
				return ia_err_set(err, -IA_EESCAPE, name, 0,
						  "absolute symlink member");
			memcpy(dir, want, (size_t)wn + 1);
			*strrchr(dir, '/') = '\0';
			wn = join_link(dir, m->link, want);
		} else if (m->type == 'h') {
			return ia_err_set(err, -IA_EESCAPE, name, 0,
					  "link member leaves the archive");
		} else {
			return IA_CORRUPT(err, name, 0, "member is not a file");
		}
		if (wn < 0)
			return ia_err_set(err, wn == -ENAMETOOLONG ? -ENAMETOOLONG : -IA_EESCAPE,
					  name, 0,
					  wn == -ENAMETOOLONG ? "member name too long"
							      : "link member leaves the archive");
	}
	return ia_err_set(err, -ELOOP, name, 0, "too many links between archive members");
}

/* A file of an OCI layout directory. Symlinks are followed as skopeo follows them, but only
 * inside the layout (RESOLVE_BENEATH: no absolute target, no ".." above it); kernels without
 * openat2 refuse them. */
static int dir_open(struct csrc *s, const char *name, struct ia_err *err)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};
	long fd = syscall(SYS_openat2, s->dirfd, name, &how, sizeof(how));
	struct stat st;

	if (fd < 0 && errno == ENOSYS)
		fd = openat(s->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int r = -errno;

		return ia_err_set(err, r, name, 0, "cannot open: %s", strerror(errno));
	}
	if (fstat((int)fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close((int)fd);
		return IA_CORRUPT(err, name, 0, "not a regular file");
	}
	if (fcntl((int)fd, F_SETFL, 0) != 0) { /* reads want blocking */
		int r = -errno;

		close((int)fd);
		return ia_err_set(err, r, name, 0, "cannot set the descriptor's flags: %s",
				  strerror(-r));
	}
	return (int)fd;
}

/*
 * Where the bytes of blob or member name are: *fd (owned by the caller when *owned), at
 * [*off, *off + *len).
 */
static int csrc_locate(struct csrc *s, const char *name, int *fd, uint64_t *off, uint64_t *len,
		       bool *owned, struct ia_err *err)
{
	if (s->dirfd >= 0) {
		struct stat st;
		int f = dir_open(s, name, err);

		if (f < 0)
			return f;
		if (fstat(f, &st) != 0) {
			int r = -errno;

			close(f);
			return ia_err_set(err, r, name, 0, "cannot stat: %s", strerror(-r));
		}
		*fd = f;
		*off = 0;
		*len = (uint64_t)st.st_size;
		*owned = true;
		return 0;
	} else {
		const struct member *m;
		int r = tar_find(s, name, &m, err);

		if (r < 0)
			return r;
		*fd = s->fd;
		*off = m->off;
		*len = m->size;
		*owned = false;
		return 0;
	}
}

/* Reads member name whole (at most max bytes) into out. */
static int csrc_read(struct csrc *s, const char *name, size_t max, struct ia_buf *out,
		     struct ia_err *err)
{
	uint64_t off, len;
	bool owned;
	int fd, r;
	char *p;
	ssize_t n;

	ia_buf_release(out);
	ia_buf_init(out, max);
	r = csrc_locate(s, name, &fd, &off, &len, &owned, err);
	if (r < 0)
		return r;
	if (len > max) {
		r = ia_err_set(err, -IA_ETOOBIG, name, 0,
			       "larger than IA_MAX_JSON_FILE (%zu bytes)", max);
		goto done;
	}
	p = ia_buf_reserve(out, (size_t)len, &r);
	if (!p) {
		ia_err_set(err, r, name, 0, "cannot read: %s", ia_strerror(r));
		goto done;
	}
	n = tgt_pread_full(fd, p, (size_t)len, off);
	if (n < 0 || (uint64_t)n != len) {
		r = ia_err_set(err, n < 0 ? (int)n : -IA_ECORRUPT, name, 0, "read error: %s",
			       n < 0 ? strerror((int)-n) : "file shorter than its size");
		goto done;
	}
	ia_buf_commit(out, (size_t)len);
	r = 0;
done:
	if (owned)
		close(fd);
	return r;
}

/* ---- digests and JSON ---- */

static void md_hex(const unsigned char md[32], char hex[65])
{
	ia_hex_encode(md, 32, hex);
}

/* Returns false when OpenSSL could not compute it (hex is then empty). */
static bool sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int len = 0;

	if (!EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) || len != sizeof(md)) {
		hex[0] = '\0';
		return false;
	}
	md_hex(md, hex);
	return true;
}

static bool is_hex64(const char *s, size_t n)
{
	return n == 64 && ia_is_hex(s, n, true);
}

/* The hex of a well-formed "sha256:<64 hex>" digest, or NULL. */
static const char *sha256_of(const char *digest)
{
	if (!digest || strncmp(digest, "sha256:", 7) != 0 ||
	    !is_hex64(digest + 7, strlen(digest + 7)))
		return NULL;
	return digest + 7;
}

/* "sha256:<hex>" -> "blobs/sha256/<hex>" and the hex. */
static int digest_blob(const char *digest, char name[96], char hex[65], struct ia_err *err)
{
	if (!digest || strncmp(digest, "sha256:", 7) != 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0, "unsupported digest '%.80s'",
				  digest ? digest : "(none)");
	if (!sha256_of(digest))
		return IA_CORRUPT(err, "", 0, "malformed digest '%.80s'", digest);
	memcpy(hex, digest + 7, 65);
	snprintf(name, 96, "blobs/sha256/%s", hex);
	return 0;
}

int tgt_json_prescan(const char *data, size_t n, unsigned max_depth, size_t max_values)
{
	unsigned depth = 0;
	size_t values = 0;
	bool str = false;

	for (size_t i = 0; i < n; i++) {
		char c = data[i];

		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"') {
			str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max_depth)
				return 1;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
		/* every container, and every member or element after the first of one, and
		 * every key, costs jansson a node */
		if ((c == '[' || c == '{' || c == ',' || c == ':') && ++values > max_values)
			return 2;
	}
	return 0;
}

/* Parses JSON text (bytes, n) from the image named name, nested at most IA_MAX_JSON_DEPTH and
 * holding at most IA_MAX_JSON_VALUES values. */
static int parse_json(const char *data, size_t n, const char *name, json_t **ret,
		      struct ia_err *err)
{
	json_error_t je;
	json_t *j;
	int pre = tgt_json_prescan(data, n, IA_MAX_JSON_DEPTH, IA_MAX_JSON_VALUES);

	if (pre == 1)
		return ia_err_set(err, -IA_ETOOBIG, name, 0,
				  "JSON nested deeper than IA_MAX_JSON_DEPTH");
	if (pre == 2)
		return ia_err_set(err, -IA_ETOOBIG, name, 0,
				  "JSON of more than IA_MAX_JSON_VALUES (%u) values",
				  IA_MAX_JSON_VALUES);
	j = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		return IA_CORRUPT(err, name, je.line > 0 ? (unsigned)je.line : 0, "bad JSON: %s",
				  je.text);
	*ret = j;
	return 0;
}

/* Reads and parses member name; when hex is set, its sha256 must match. */
static int read_json(struct csrc *s, const char *name, const char *hex, json_t **ret,
		     char got_hex[65], struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_JSON_FILE);
	char h[65];
	int r = csrc_read(s, name, IA_MAX_JSON_FILE, &b, err);

	if (r < 0)
		goto done;
	if (!sha256_hex(b.data ? b.data : "", b.len, h)) {
		r = ia_err_set(err, -EIO, name, 0, "cannot compute its sha256 digest (OpenSSL)");
		goto done;
	}
	if (got_hex)
		memcpy(got_hex, h, 65);
	if (hex && strcmp(h, hex) != 0) {
		r = IA_CORRUPT(err, name, 0, "sha256 mismatch: expected %s, content has %s", hex,
			       h);
		goto done;
	}
	r = parse_json(b.data ? b.data : "", b.len, name, ret, err);
done:
	ia_buf_release(&b);
	return r;
}

/* ---- image config ---- */

static char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return ia_xstrdup(json_is_string(v) ? json_string_value(v) : "");
}

static char **jstrs(json_t *arr, size_t *n)
{
	char **v;
	size_t i, k = 0;

	*n = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return NULL;
	v = ia_xcalloc(json_array_size(arr), sizeof(*v));
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *e = json_array_get(arr, i);

		if (json_is_string(e))
			v[k++] = ia_xstrdup(json_string_value(e));
	}
	*n = k;
	return v;
}

static char **jkeys(json_t *obj, size_t *n, bool with_values)
{
	const char *key;
	json_t *val;
	char **v;
	size_t k = 0;

	*n = 0;
	if (!json_is_object(obj) || json_object_size(obj) == 0)
		return NULL;
	v = ia_xcalloc(json_object_size(obj), sizeof(*v));
	json_object_foreach(obj, key, val)
	{
		if (with_values) {
			const char *sv = json_is_string(val) ? json_string_value(val) : "";
			size_t kn = strlen(key), vn = strlen(sv);
			char *kv = ia_xmalloc(kn + vn + 2);

			memcpy(kv, key, kn);
			kv[kn] = '=';
			memcpy(kv + kn + 1, sv, vn + 1);
			v[k++] = kv;
		} else {
			v[k++] = ia_xstrdup(key);
		}
	}
	*n = k;
	return v;
}

/* The number of the two decimal digits at s, or -1. */
static int two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* RFC 3339 ("2024-01-02T03:04:05.5Z", "...+01:00") to seconds; 0 when unparseable. */
static int64_t parse_rfc3339(const char *s)
{
	struct tm tm = {0};
	int y1, y2, mo, d, h, mi, sec, oh, om;
	int64_t ts;
	const char *p;

	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
		return 0;
	y1 = two_digits(s);
	y2 = two_digits(s + 2);
	mo = two_digits(s + 5);
	d = two_digits(s + 8);
	h = two_digits(s + 11);
	mi = two_digits(s + 14);
	sec = two_digits(s + 17);
	if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || sec < 0 || sec > 60)
		return 0;
	tm.tm_year = y1 * 100 + y2 - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	ts = (int64_t)timegm(&tm);
	p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p == 'Z' || *p == 'z')
		return p[1] ? 0 : ts;
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		oh = two_digits(p + 1);
		om = two_digits(p + 4);
		if (oh < 0 || om < 0)
			return 0;
		return *p == '+' ? ts - (oh * 3600 + om * 60) : ts + (oh * 3600 + om * 60);
	}
	return 0;
}

void tgt_config_free(struct tgt_image_config *c)
{
	char **lists[] = {c ? c->env : NULL, c ? c->exposed_ports : NULL, c ? c->entrypoint : NULL,
			  c ? c->cmd : NULL, c ? c->labels : NULL,        c ? c->history : NULL};
	size_t ns[] = {c ? c->n_env : 0, c ? c->n_exposed_ports : 0, c ? c->n_entrypoint : 0,
		       c ? c->n_cmd : 0, c ? c->n_labels : 0,        c ? c->n_history : 0};

	if (!c)
		return;
	for (size_t l = 0; l < IA_ARRAY_SIZE(lists); l++) {
		for (size_t i = 0; i < ns[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	free(c->ref);
	free(c->user);
	free(c->created);
	free(c->os);
	free(c->architecture);
	free(c->config_digest);
	free(c);
}

static struct tgt_image_config *config_from_json(json_t *j)
{
	struct tgt_image_config *c = ia_xcalloc(1, sizeof(*c));
	json_t *cfg = json_object_get(j, "config");
	json_t *hist = json_object_get(j, "history");

	if (!json_is_object(cfg))
		cfg = json_object_get(j, "container_config"); /* very old docker */
	c->ref = ia_xstrdup("");
	c->config_digest = ia_xstrdup("");
	c->user = jstr(cfg, "User");
	c->created = jstr(j, "created");
	c->created_ts = parse_rfc3339(c->created);
	c->os = jstr(j, "os");
	c->architecture = jstr(j, "architecture");
	c->env = jstrs(json_object_get(cfg, "Env"), &c->n_env);
	c->exposed_ports = jkeys(json_object_get(cfg, "ExposedPorts"), &c->n_exposed_ports, false);
	c->entrypoint = jstrs(json_object_get(cfg, "Entrypoint"), &c->n_entrypoint);
	c->cmd = jstrs(json_object_get(cfg, "Cmd"), &c->n_cmd);
	c->labels = jkeys(json_object_get(cfg, "Labels"), &c->n_labels, true);
	if (json_is_array(hist) && json_array_size(hist) > 0) {
		size_t i;
		json_t *h;

		c->history = ia_xcalloc(json_array_size(hist), sizeof(*c->history));
		json_array_foreach(hist, i, h) c->history[c->n_history++] = jstr(h, "created_by");
	}
	return c;
}

/* The config of parsed JSON j (member name), or IA_ECORRUPT when it is not an object. */
static int config_new(json_t *j, const char *name, struct tgt_image_config **ret,
		      struct ia_err *err)
{
	if (!json_is_object(j))
		return IA_CORRUPT(err, name, 0, "image config is not an object");
	*ret = config_from_json(j);
	return 0;
}

int tgt_parse_config(const char *data, size_t n, struct tgt_image_config **ret, struct ia_err *err)
{
	json_t *j;
	int r;

	if (n > IA_MAX_JSON_FILE)
		return ia_err_set(err, -IA_ETOOBIG, "config", 0, "larger than IA_MAX_JSON_FILE");
	r = parse_json(data, n, "config", &j, err);
	if (r < 0)
		return r;
	r = config_new(j, "config", ret, err);
	json_decref(j);
	return r;
}

/* ---- layers ---- */

/* A layer blob at [off, off + len) of fd, read by pread. */
struct lstream {
	int fd;
	uint64_t off, len, pos;
	char *buf;
	size_t chunk;
};

/*
 * The sha256 of [off, off + len) of fd, computed on a second thread while the layer is
 * decompressed and indexed on the first: both read the same bytes (pread is thread-safe, and
 * the second read comes from the page cache), so the digest costs no time of its own on a
 * machine with two cores.
 */
struct hash_job {
	int fd;
	uint64_t off, len;
	/* hash the bytes once decompressed (a docker-save layer compared with rootfs.diff_ids),
	 * at most limit of them; stop: set when the layer failed, the hash is not wanted */
	bool decompressed;
	uint64_t limit;
	_Atomic bool stop;
	int ret; /* 0, or -errno / -IA_ECORRUPT for a short file or one that cannot be read */
	unsigned char md[32];
	pthread_t th;
	bool threaded;
};

/* libarchive's source for the decompressed hash: the job's range, read by pread */
struct hash_src {
	struct hash_job *j;
	uint64_t pos;
	char *buf;
	size_t cap;
};

static la_ssize_t hash_src_read(struct archive *a, void *ud, const void **out)
{
	struct hash_src *h = ud;
	size_t want = h->j->len - h->pos < h->cap ? (size_t)(h->j->len - h->pos) : h->cap;
	ssize_t n = want ? tgt_pread_full(h->j->fd, h->buf, want, h->j->off + h->pos) : 0;

	if (n < 0 || (want && n == 0)) {
		archive_set_error(a, EIO, "cannot read the layer");
		return -1;
	}
	h->pos += (uint64_t)n;
	*out = h->buf;
	return n;
}

static void hash_decompressed(struct hash_job *j, EVP_MD_CTX *md, char *buf, size_t cap)
{
	struct archive *a = archive_read_new();
	struct archive_entry *ae;
	struct hash_src h = {j, 0, malloc(cap), cap};
	uint64_t total = 0;

	if (!a) {
		j->ret = -ENOMEM;
		free(h.buf);
		return;
	}
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_format_raw(a);
	if (!h.buf || archive_read_open2(a, &h, NULL, hash_src_read, NULL, NULL) != ARCHIVE_OK ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK) {
		j->ret = -IA_ECORRUPT;
		goto done;
	}
	for (;;) {
		la_ssize_t n = archive_read_data(a, buf, cap);

		if (n == 0)
			break;
		if (n < 0) {
			j->ret = -IA_ECORRUPT;
			goto done;
		}
		total += (uint64_t)n;
		if (j->stop || total > j->limit) {
			j->ret = -ECANCELED;
			goto done;
		}
		if (!EVP_DigestUpdate(md, buf, (size_t)n)) {
			j->ret = -EIO;
			goto done;
		}
	}
done:
	archive_read_free(a);
	free(h.buf);
}

static void *hash_range(void *arg)
{
	struct hash_job *j = arg;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t cap = 1u << 20;
	char *buf = malloc(cap);
	uint64_t pos = 0;
	unsigned int mdlen = 0;

	j->ret = 0;
	if (!md || !buf || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		j->ret = -ENOMEM;
		goto done;
	}
	if (j->decompressed)
		hash_decompressed(j, md, buf, cap);
	while (!j->decompressed && pos < j->len && !j->stop) {
		size_t want = j->len - pos < cap ? (size_t)(j->len - pos) : cap;
		ssize_t n = tgt_pread_full(j->fd, buf, want, j->off + pos);

		if (n <= 0) {
			j->ret = n < 0 ? (int)n : -IA_ECORRUPT;
			goto done;
		}
		if (!EVP_DigestUpdate(md, buf, (size_t)n)) {
			j->ret = -EIO;
			goto done;
		}
		pos += (uint64_t)n;
	}
	if (j->ret == 0 && (!EVP_DigestFinal_ex(md, j->md, &mdlen) || mdlen != sizeof(j->md)))
		j->ret = -EIO;
done:
	EVP_MD_CTX_free(md);
	free(buf);
	return NULL;
}

static void hash_start(struct hash_job *j)
{
	j->threaded = pthread_create(&j->th, NULL, hash_range, j) == 0;
	if (!j->threaded)
		hash_range(j); /* no second thread to be had: hash here */
}

static void hash_wait(struct hash_job *j)
{
	if (j->threaded)
		pthread_join(j->th, NULL);
	j->threaded = false;
}

static long lstream_read(void *ctx, const void **out)
{
	struct lstream *ls = ctx;
	size_t want = ls->len - ls->pos < ls->chunk ? (size_t)(ls->len - ls->pos) : ls->chunk;
	ssize_t n;

	if (want == 0)
		return 0;
	n = tgt_pread_full(ls->fd, ls->buf, want, ls->off + ls->pos);
	if (n < 0)
		return (long)n;
	if (n == 0)
		return -IA_ECORRUPT; /* the file is shorter than the member says */
	ls->pos += (uint64_t)n;
	*out = ls->buf;
	return (long)n;
}

static int64_t lstream_skip(void *ctx, int64_t n)
{
	struct lstream *ls = ctx;
	uint64_t left = ls->len - ls->pos;
	uint64_t k = n < 0 ? 0 : (uint64_t)n < left ? (uint64_t)n : left;

	ls->pos += k;
	return (int64_t)k;
}

/*
 * Applies layer blob or member name as layer number idx. want_hex: the digest its bytes must
 * have (OCI, docker blobs/, a docker-save member named by its digest), or NULL; diff_id: the
 * config's rootfs.diff_ids entry (hex) for a docker-save layer, or NULL; want_size: the size
 * the descriptor declares, or -1. A digest that does not match fails the open (-IA_ECORRUPT,
 * err names the layer), as it fails docker load; a layer with no digest to compare is a
 * problem; a bomb or a limit fails.
 *
 * Integrity, and what it costs: a compressed blob is read whole to be decompressed, so it is
 * hashed too, on a second thread while the first decompresses it (hash_job); a compressed
 * docker-save layer known only by its diff_id (a legacy member name that is no digest) is
 * decompressed a second time on that thread to hash its tar. An uncompressed layer is read in
 * place and its bodies are skipped; hashing it would read every byte once more at ~1.5 GB/s,
 * 4x the time of the rest of the audit. It is hashed only with verify_layers; otherwise a note
 * says so. Runtimes (docker load, containerd) verify these digests themselves and refuse a
 * layer that does not match, and the config that names the diff_ids is always verified.
 */
static int apply_member(struct tgt *t, struct csrc *s, uint32_t idx, const char *name,
			const char *want_hex, const char *diff_id, int64_t want_size,
			struct ia_err *err)
{
	struct lstream ls = {-1, 0, 0, 0, NULL, STREAM_BUF};
	struct tgt_layer_src src = {&ls, lstream_read, NULL, -1, 0, 0};
	struct hash_job job = {0};
	unsigned char head[6];
	bool owned, plain, hash;
	const char *expect;
	char hex[65];
	uint64_t raw = 0;
	ssize_t hn;
	int r;

	r = csrc_locate(s, name, &ls.fd, &ls.off, &ls.len, &owned, err);
	if (r < 0)
		return r;
	{
		/* the same blob listed again (by member, or by file of a layout) */
		struct tgt_applied id = {0, ls.off};
		struct stat st;

		if (owned && fstat(ls.fd, &st) == 0)
			id = (struct tgt_applied){(uint64_t)st.st_dev, (uint64_t)st.st_ino};
		t->layer_repeat = false;
		for (size_t i = 0; i < t->n_applied; i++)
			if (t->applied[i].a == id.a && t->applied[i].b == id.b)
				t->layer_repeat = true;
		if (!t->layer_repeat) {
			ia_grow(&t->applied, sizeof(*t->applied), t->n_applied + 1,
				&t->applied_cap);
			t->applied[t->n_applied++] = id;
		}
	}
	if (want_size >= 0 && (uint64_t)want_size != ls.len)
		ia_problem_add(&t->problems, "index", name, 0, -IA_ECORRUPT,
			       "layer blob holds %llu bytes, its descriptor says %lld",
			       (unsigned long long)ls.len, (long long)want_size);
	hn = tgt_pread_full(ls.fd, head, sizeof(head), ls.off);
	plain = hn >= 0 && !magic_compressed(head, (size_t)(hn > 0 ? hn : 0));
	/* the digest of the blob as stored, or else of its tar (the same bytes when plain) */
	expect = want_hex ? want_hex : diff_id;
	job.decompressed = !want_hex && diff_id && !plain;
	job.limit = t->lim.max_image_size;
	hash = expect && (!plain || t->lim.verify_layers);
	if (plain) {
		if (owned)
			tgt_keep_fd(t, ls.fd); /* bodies are read from it until tgt_free */
		owned = false;
		src.fd = ls.fd;
		src.base = ls.off;
		src.len = ls.len;
		/* small reads: mostly headers are wanted, bodies are skipped (the hash, when
		 * wanted, reads every byte on its own thread) */
		ls.chunk = 16384;
		src.skip = lstream_skip;
	}
	if (hash) {
		job.fd = ls.fd;
		job.off = ls.off;
		job.len = ls.len;
		hash_start(&job);
	}
	ls.buf = ia_xmalloc(ls.chunk);
	t->cur_layer = idx;
	r = tgt_apply_layer(t, name, &src, &raw, err);
	if (!t->layer_repeat)
		t->raw_distinct += raw;
	if (r < 0)
		job.stop = true;
	hash_wait(&job);
	if (r < 0)
		goto done;
	if (!expect) {
		ia_problem_add(&t->problems, "index", name, 0, -IA_EUNSUPPORTED,
			       "layer digest cannot be verified: its name is no digest and "
			       "rootfs.diff_ids has no entry for it");
		goto done;
	}
	if (!hash) {
		ia_problem_add(&t->notes, "index", name, 0, 0,
			       "layer digest not verified: uncompressed layer read in place "
			       "(scan --verify-layers hashes it)");
		goto done;
	}
	if (job.ret < 0) {
		ia_problem_add(&t->problems, "index", name, 0, job.ret,
			       "layer digest not verified: it could not be computed: %s",
			       ia_strerror(job.ret));
		goto done;
	}
	md_hex(job.md, hex);
	if (strcmp(hex, expect) != 0)
		r = ia_err_set(
			err, -IA_ECORRUPT, name, 0,
			want_hex ? "layer digest mismatch: expected sha256:%s, content has "
				   "sha256:%s"
				 : "layer does not match rootfs.diff_ids: expected sha256:%s, "
				   "its tar has sha256:%s",
			expect, hex);
done:
	if (owned)
		close(ls.fd);
	free(ls.buf);
	return r;
}

static int set_config(struct tgt *t, json_t *j, const char *hex, const char *name,
		      struct ia_err *err)
{
	int r = config_new(j, name, &t->config, err);

	if (r < 0)
		return r;
	if (hex) {
		char d[sizeof("sha256:") + 64];

		snprintf(d, sizeof(d), "sha256:%.64s", hex);
		free(t->config->config_digest);
		t->config->config_digest = ia_xstrdup(d);
	}
	return 0;
}

/* A manifest's layer list (name: the manifest) holds at most IA_MAX_LAYERS layers. */
static int check_layers(json_t *layers, const char *name, struct ia_err *err)
{
	if (json_array_size(layers) > IA_MAX_LAYERS)
		return ia_err_set(err, -IA_ETOOBIG, name, 0,
				  "%zu layers, more than IA_MAX_LAYERS (%d)",
				  json_array_size(layers), IA_MAX_LAYERS);
	return 0;
}

static void set_ref(struct tgt *t, const char *ref)
{
	if (!t->config || !ref)
		return;
	free(t->config->ref);
	t->config->ref = ia_xstrdup(ref);
}

/* The hex digest a docker-save member name carries: "<hex>.json", "blobs/sha256/<hex>". */
static const char *name_hex(const char *name, char hex[65])
{
	const char *b = strrchr(name, '/');
	size_t n;

	b = b ? b + 1 : name;
	n = strlen(b);
	if (n == 69 && strcmp(b + 64, ".json") == 0)
		n = 64;
	if (!is_hex64(b, n))
		return NULL;
	memcpy(hex, b, 64);
	hex[64] = '\0';
	return hex;
}

static bool is_index_type(const char *mt);

/* Whether OCI manifest man (parsed) is the image of manifest.json: the same config digest, and
 * layers that are the same archive members in the same order. */
static bool same_image(struct csrc *s, json_t *man, const char *cfg_hex, json_t *layers)
{
	json_t *ol = json_object_get(man, "layers");
	const char *cd = sha256_of(
		json_string_value(json_object_get(json_object_get(man, "config"), "digest")));
	struct ia_err ignore = {0};

	if (!cd || strcmp(cd, cfg_hex) != 0 || !json_is_array(ol) ||
	    json_array_size(ol) != json_array_size(layers))
		return false;
	for (size_t i = 0; i < json_array_size(ol); i++) {
		const char *lname = json_string_value(json_array_get(layers, i));
		const struct member *a, *b;
		char name[96], hex[65];

		if (!lname ||
		    digest_blob(json_string_value(json_object_get(json_array_get(ol, i), "digest")),
				name, hex, &ignore) < 0 ||
		    tar_find(s, lname, &a, &ignore) < 0 || tar_find(s, name, &b, &ignore) < 0 ||
		    a != b)
			return false;
	}
	return true;
}

/*
 * Docker >= 25 writes index.json beside manifest.json, for the same images. When the archive
 * holds both, the image manifest.json names (config cfg_hex, layers) must be one index.json
 * leads to (through one nested index at most); otherwise the two describe different images and
 * the archive is refused, never audited on one of them without a word.
 */
static int index_agrees(struct csrc *s, const char *cfg_hex, json_t *layers, struct ia_err *err)
{
	json_t *index = NULL, *lists[1 + IA_MAX_INDEX_MANIFESTS] = {NULL};
	size_t n_lists = 0, seen = 0;
	bool found = false;
	int r = read_json(s, "index.json", NULL, &index, NULL, err);

	if (r < 0)
		return r;
	lists[n_lists++] = json_incref(json_object_get(index, "manifests"));
	for (size_t l = 0; l < n_lists && !found; l++) {
		json_t *desc;
		size_t i;

		json_array_foreach(lists[l], i, desc)
		{
			json_t *j = NULL;
			char name[96], hex[65];

			if (++seen > IA_MAX_INDEX_MANIFESTS) {
				r = ia_err_set(err, -IA_ETOOBIG, "index.json", 0,
					       "more than IA_MAX_INDEX_MANIFESTS (%d) manifests",
					       IA_MAX_INDEX_MANIFESTS);
				goto done;
			}
			r = digest_blob(json_string_value(json_object_get(desc, "digest")), name,
					hex, err);
			if (r == 0)
				r = read_json(s, name, hex, &j, NULL, err);
			if (r < 0)
				goto done;
			if (is_index_type(json_string_value(json_object_get(desc, "mediaType")))) {
				if (l == 0 && n_lists < IA_ARRAY_SIZE(lists))
					lists[n_lists++] =
						json_incref(json_object_get(j, "manifests"));
			} else if (same_image(s, j, cfg_hex, layers)) {
				found = true;
			}
			json_decref(j);
			if (found)
				break;
		}
	}
	if (!found)
		r = ia_err_set(err, -IA_ECORRUPT, "index.json", 0,
			       "manifest.json and index.json describe different images: refused "
			       "(--kind docker-archive or oci-archive audits the one named)");
done:
	for (size_t l = 0; l < n_lists; l++)
		json_decref(lists[l]);
	json_decref(index);
	return r;
}

static int open_docker(struct tgt *t, struct csrc *s, struct ia_err *err)
{
	json_t *man = NULL, *cfg = NULL, *img, *layers, *tags, *diff_ids;
	char hex[65], got[65];
	const char *cname, *want;
	int r;

	r = read_json(s, "manifest.json", NULL, &man, NULL, err);
	if (r < 0)
		return r;
	if (!json_is_array(man) || json_array_size(man) == 0 ||
	    !json_is_object(img = json_array_get(man, 0))) {
		r = IA_CORRUPT(err, "manifest.json", 0, "not an array of images");
		goto done;
	}
	if (json_array_size(man) > 1)
		ia_problem_add(&t->problems, "index", "manifest.json", 0, -IA_EUNSUPPORTED,
			       "the archive holds %zu images: only the first is audited",
			       json_array_size(man));
	cname = json_string_value(json_object_get(img, "Config"));
	layers = json_object_get(img, "Layers");
	if (!cname || !json_is_array(layers)) {
		r = IA_CORRUPT(err, "manifest.json", 0, "image without Config or Layers");
		goto done;
	}
	r = check_layers(layers, "manifest.json", err);
	if (r < 0)
		goto done;
	want = name_hex(cname, hex);
	r = read_json(s, cname, want, &cfg, got, err);
	if (r < 0)
		goto done;
	r = set_config(t, cfg, got, cname, err);
	if (r < 0)
		goto done;
	/* both descriptions of a sniffed archive must agree; a kind the user named is theirs */
	if (t->sniff_kind && s->has_index) {
		r = index_agrees(s, got, layers, err);
		if (r < 0)
			goto done;
	}
	tags = json_object_get(img, "RepoTags");
	set_ref(t, json_string_value(json_array_get(tags, 0)));
	t->config->n_layers = json_array_size(layers);
	diff_ids = json_object_get(json_object_get(cfg, "rootfs"), "diff_ids");
	for (size_t i = 0; i < json_array_size(layers); i++) {
		const char *lname = json_string_value(json_array_get(layers, i));
		const char *did = sha256_of(json_string_value(json_array_get(diff_ids, i)));
		char lhex[65];

		if (!lname) {
			r = IA_CORRUPT(err, "manifest.json", 0, "layer %zu is not a name", i);
			goto done;
		}
		r = apply_member(t, s, (uint32_t)i + 1, lname, name_hex(lname, lhex), did, -1, err);
		if (r < 0)
			goto done;
	}
done:
	json_decref(man);
	json_decref(cfg);
	return r;
}

static bool is_index_type(const char *mt)
{
	for (size_t i = 0; mt && i < IA_ARRAY_SIZE(index_types); i++)
		if (strcmp(mt, index_types[i]) == 0)
			return true;
	return false;
}

/* Picks linux/amd64, else the only manifest, else the first (with a problem). */
static json_t *pick(struct tgt *t, json_t *manifests, const char *where)
{
	size_t i, n = json_array_size(manifests);
	json_t *m;

	if (n == 1)
		return json_array_get(manifests, 0);
	json_array_foreach(manifests, i, m)
	{
		json_t *p = json_object_get(m, "platform");
		const char *os = json_string_value(json_object_get(p, "os"));
		const char *arch = json_string_value(json_object_get(p, "architecture"));

		if (os && arch && strcmp(os, "linux") == 0 && strcmp(arch, "amd64") == 0)
			return m;
	}
	if (n > 1)
		ia_problem_add(&t->problems, "index", where, 0, -IA_EUNSUPPORTED,
			       "%zu manifests and none for linux/amd64: the first is audited", n);
	return json_array_get(manifests, 0);
}

static const char *ref_of(json_t *desc)
{
	json_t *ann = json_object_get(desc, "annotations");
	const char *r =
		json_string_value(json_object_get(ann, "org.opencontainers.image.ref.name"));

	return r ? r : json_string_value(json_object_get(ann, "io.containerd.image.name"));
}

static int open_oci(struct tgt *t, struct csrc *s, struct ia_err *err)
{
	json_t *layout = NULL, *index = NULL, *nested = NULL, *man = NULL, *cfg = NULL;
	json_t *desc, *layers;
	char name[96], hex[65];
	const char *ref;
	int r;

	r = read_json(s, "oci-layout", NULL, &layout, NULL, err);
	if (r < 0)
		goto done;
	if (!json_is_string(json_object_get(layout, "imageLayoutVersion"))) {
		r = IA_CORRUPT(err, "oci-layout", 0, "no imageLayoutVersion");
		goto done;
	}
	r = read_json(s, "index.json", NULL, &index, NULL, err);
	if (r < 0)
		goto done;
	desc = pick(t, json_object_get(index, "manifests"), "index.json");
	if (!json_is_object(desc)) {
		r = IA_CORRUPT(err, "index.json", 0, "no manifests");
		goto done;
	}
	ref = ref_of(desc);
	r = digest_blob(json_string_value(json_object_get(desc, "digest")), name, hex, err);
	if (r < 0)
		goto done;
	if (is_index_type(json_string_value(json_object_get(desc, "mediaType")))) {
		r = read_json(s, name, hex, &nested, NULL, err);
		if (r < 0)
			goto done;
		desc = pick(t, json_object_get(nested, "manifests"), name);
		if (!json_is_object(desc)) {
			r = IA_CORRUPT(err, name, 0, "image index without manifests");
			goto done;
		}
		if (is_index_type(json_string_value(json_object_get(desc, "mediaType")))) {
			r = ia_err_set(err, -IA_EUNSUPPORTED, name, 0,
				       "image index nested more than one level");
			goto done;
		}
		if (!ref)
			ref = ref_of(desc);
		r = digest_blob(json_string_value(json_object_get(desc, "digest")), name, hex, err);
		if (r < 0)
			goto done;
	}
	r = read_json(s, name, hex, &man, NULL, err);
	if (r < 0)
		goto done;
	layers = json_object_get(man, "layers");
	if (!json_is_array(layers)) {
		r = IA_CORRUPT(err, name, 0, "manifest without layers");
		goto done;
	}
	r = check_layers(layers, name, err);
	if (r < 0)
		goto done;
	r = digest_blob(
		json_string_value(json_object_get(json_object_get(man, "config"), "digest")), name,
		hex, err);
	if (r < 0)
		goto done;
	r = read_json(s, name, hex, &cfg, NULL, err);
	if (r < 0)
		goto done;
	r = set_config(t, cfg, hex, name, err);
	if (r < 0)
		goto done;
	set_ref(t, ref);
	t->config->n_layers = json_array_size(layers);
	for (size_t i = 0; i < json_array_size(layers); i++) {
		json_t *l = json_array_get(layers, i);

		r = digest_blob(json_string_value(json_object_get(l, "digest")), name, hex, err);
		if (r < 0)
			goto done;
		json_t *jsz = json_object_get(l, "size");

		r = apply_member(t, s, (uint32_t)i + 1, name, hex, NULL,
				 json_is_integer(jsz) && json_integer_value(jsz) >= 0
					 ? (int64_t)json_integer_value(jsz)
					 : -1,
				 err);
		if (r < 0)
			goto done;
	}
done:
	json_decref(layout);
	json_decref(index);
	json_decref(nested);
	json_decref(man);
	json_decref(cfg);
	return r;
}

int tgt_open_container(struct tgt *t, struct ia_err *err)
{
	struct csrc s = {t->spec, -1, -1, NULL, 0, 0, {0}, {0}, false, false, false};
	int r = tgt_spool_init(t, err);

	if (r < 0)
		return r;
	if (t->kind == TGT_OCI_DIR) {
		s.dirfd = open(t->spec, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (s.dirfd < 0) {
			r = -errno;
			return ia_err_set(err, r, t->spec, 0, "cannot open directory: %s",
					  strerror(-r));
		}
	} else {
		unsigned char head[6];
		ssize_t hn;
		int fd = strcmp(t->spec, "-") == 0 ? tgt_spool_stdin(t, err)
						   : open(t->spec, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		struct stat st;

		if (fd < 0 && strcmp(t->spec, "-") == 0)
			return fd;
		if (fd < 0) {
			r = -errno;
			return ia_err_set(err, r, t->spec, 0, "cannot open: %s", strerror(-r));
		}
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return ia_err_set(
				err, -IA_EUNSUPPORTED, t->spec, 0,
				"a directory is not an archive: use -t oci-dir for an OCI "
				"layout directory, -t dir for a root filesystem, or no -t");
		}
		tgt_keep_fd(t, fd); /* bodies of uncompressed layers are read from it */
		s.fd = fd;
		hn = tgt_pread_full(fd, head, sizeof(head), 0);
		if (hn > 0 && magic_compressed(head, (size_t)hn)) {
			r = outer_decompress(t, fd, &s.fd, err);
			if (r < 0)
				goto done;
		}
		r = tar_index(t, &s, err);
		if (r < 0)
			goto done;
		if (t->sniff_kind) {
			if (!s.has_manifest && !s.has_layout) {
				r = ia_err_set(err, -IA_EUNSUPPORTED, t->spec, 0,
					       "not a docker-save archive or an OCI layout tar "
					       "(no manifest.json or oci-layout in it)");
				goto done;
			}
			t->kind = s.has_manifest ? TGT_DOCKER_ARCHIVE : TGT_OCI_ARCHIVE;
		}
	}
	r = t->kind == TGT_DOCKER_ARCHIVE ? open_docker(t, &s, err) : open_oci(t, &s, err);
done:
	csrc_release(&s);
	if (r < 0)
		return r;
	tgt_index_finish_layers(t);
	return 0;
}

/* ---- for fuzzers and tests ---- */

struct memsrc {
	const char *p;
	size_t n;
	bool done;
};

static long mem_read(void *ctx, const void **out)
{
	struct memsrc *m = ctx;

	if (m->done)
		return 0;
	m->done = true;
	*out = m->p;
	return (long)m->n;
}

int tgt_open_layer_mem(const void *data, size_t n, const struct tgt_opts *opts, struct tgt **ret,
		       struct ia_err *err)
{
	struct tgt *t = tgt_new(TGT_DOCKER_ARCHIVE, "<memory>", opts);
	struct memsrc m = {data, n, false};
	struct tgt_layer_src src = {&m, mem_read, NULL, -1, 0, 0};
	int r = tgt_spool_init(t, err);

	*ret = NULL;
	if (r < 0) {
		tgt_free(t);
		return r;
	}
	t->cur_layer = 1;
	r = tgt_apply_layer(t, "layer", &src, NULL, err);
	tgt_index_finish_layers(t);
	*ret = t;
	return r;
}
