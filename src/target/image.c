/* image.c — container images: docker-save archives and OCI layouts (directory or tar), configs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <jansson.h>
#include <linux/openat2.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "target/internal.h"
#include "util/banned.h"

#define STREAM_BUF (128u * 1024)
/* symlinked members of a docker-save tar followed while finding one (old docker shares layers so) */
#define MEMBER_HOPS 8

static const char *const index_types[] = {
	"application/vnd.oci.image.index.v1+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
};

/* ---- where blobs come from: an OCI directory or a tar ---- */

struct csrc {
	const char *spec;
	int dirfd;            /* OCI directory, or -1 */
	struct archive *a;    /* the tar, positioned at a member; NULL when closed */
};

static void csrc_close_tar(struct csrc *s)
{
	if (s->a)
		archive_read_free(s->a);
	s->a = NULL;
}

/* Positions s->a at the member called name (relative, normalised by tgt_norm_name). */
static int tar_seek(struct csrc *s, const char *name, struct ia_err *err)
{
	char want[IA_MAX_PATH + 1], got[IA_MAX_PATH + 1];
	long wn = tgt_norm_name(name, want);

	if (wn < 0)
		return ia_err_set(err, -IA_ECORRUPT, name, 0, "bad member name in the manifest");
	for (unsigned hop = 0; hop <= MEMBER_HOPS; hop++) {
		struct archive_entry *ae;
		bool found = false;

		csrc_close_tar(s);
		s->a = archive_read_new();
		archive_read_support_filter_gzip(s->a);
		archive_read_support_filter_zstd(s->a);
		archive_read_support_filter_xz(s->a);
		archive_read_support_filter_bzip2(s->a);
		archive_read_support_format_tar(s->a);
		if (archive_read_open_filename(s->a, s->spec, 65536) != ARCHIVE_OK)
			return ia_err_set(err, -IA_ECORRUPT, s->spec, 0, "cannot read the archive: %s",
					  archive_error_string(s->a) ? archive_error_string(s->a)
								     : "error");
		for (size_t i = 0; i < IA_MAX_LAYER_ENTRIES; i++) {
			int r = archive_read_next_header(s->a, &ae);

			if (r == ARCHIVE_EOF)
				break;
			if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
				return ia_err_set(err, -IA_ECORRUPT, s->spec, 0, "corrupt archive: %s",
						  archive_error_string(s->a)
							  ? archive_error_string(s->a)
							  : "error");
			if (tgt_norm_name(archive_entry_pathname(ae), got) != wn ||
			    memcmp(got, want, (size_t)wn) != 0)
				continue;
			found = true;
			break;
		}
		if (!found)
			return ia_err_set(err, -ENOENT, name, 0, "not in the archive");
		if (archive_entry_hardlink(ae)) {
			wn = tgt_norm_name(archive_entry_hardlink(ae), want);
		} else if (archive_entry_filetype(ae) == AE_IFLNK && archive_entry_symlink(ae)) {
			/* relative to the member's directory; resolved by name, never leaving the tar */
			char buf[IA_MAX_PATH * 2 + 2];
			char *slash = strrchr(want, '/');
			const char *l = archive_entry_symlink(ae);
			int len;

			*slash = '\0';
			if (l[0] == '/')
				return ia_err_set(err, -IA_EESCAPE, name, 0, "absolute symlink member");
			len = snprintf(buf, sizeof(buf), "%s/%s", want + 1, l);
			if (len < 0 || (size_t)len >= sizeof(buf))
				return ia_err_set(err, -ENAMETOOLONG, name, 0, "member name too long");
			/* collapse "dir/../x" lexically; a ".." above the top is refused */
			{
				char out[IA_MAX_PATH * 2 + 2];
				size_t o = 0;
				char *p = buf, *c;

				while ((c = strsep(&p, "/"))) {
					if (!*c || strcmp(c, ".") == 0)
						continue;
					if (strcmp(c, "..") == 0) {
						if (o == 0)
							return ia_err_set(err, -IA_EESCAPE, name, 0,
									  "symlink member leaves "
									  "the archive");
						while (o > 0 && out[o - 1] != '/')
							o--;
						if (o > 0)
							o--;
						continue;
					}
					if (o + strlen(c) + 2 >= sizeof(out))
						return ia_err_set(err, -ENAMETOOLONG, name, 0,
								  "member name too long");
					if (o)
						out[o++] = '/';
					memcpy(out + o, c, strlen(c));
					o += strlen(c);
				}
				out[o] = '\0';
				wn = tgt_norm_name(out, want);
			}
		} else if (archive_entry_filetype(ae) == AE_IFREG) {
			return 0;
		} else {
			return ia_err_set(err, -IA_ECORRUPT, name, 0, "member is not a file");
		}
		if (wn < 0)
			return ia_err_set(err, -IA_EESCAPE, name, 0, "link member leaves the archive");
	}
	return ia_err_set(err, -ELOOP, name, 0, "too many links between archive members");
}

static int dir_open(struct csrc *s, const char *name, struct ia_err *err)
{
	struct open_how how = {
		.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS,
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
		return ia_err_set(err, -IA_ECORRUPT, name, 0, "not a regular file");
	}
	fcntl((int)fd, F_SETFL, 0);
	return (int)fd;
}

/* Reads member name whole (at most max bytes) into out. */
static int csrc_read(struct csrc *s, const char *name, size_t max, struct ia_buf *out,
		     struct ia_err *err)
{
	int r;

	ia_buf_release(out);
	ia_buf_init(out, max);
	if (s->dirfd >= 0) {
		int fd = dir_open(s, name, err);

		if (fd < 0)
			return fd;
		for (;;) {
			char chunk[16384];
			ssize_t n = read(fd, chunk, sizeof(chunk));

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				r = -errno;
				close(fd);
				return ia_err_set(err, r, name, 0, "read error: %s", strerror(-r));
			}
			if (n == 0)
				break;
			if (ia_buf_add(out, chunk, (size_t)n) < 0) {
				close(fd);
				return ia_err_set(err, -IA_ETOOBIG, name, 0,
						  "larger than IA_MAX_JSON_FILE (%zu bytes)", max);
			}
		}
		close(fd);
		return 0;
	}
	r = tar_seek(s, name, err);
	if (r < 0)
		return r;
	for (;;) {
		char chunk[16384];
		la_ssize_t n = archive_read_data(s->a, chunk, sizeof(chunk));

		if (n < 0)
			return ia_err_set(err, -IA_ECORRUPT, name, 0, "cannot read: %s",
					  archive_error_string(s->a) ? archive_error_string(s->a)
								     : "error");
		if (n == 0)
			break;
		if (ia_buf_add(out, chunk, (size_t)n) < 0)
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "larger than IA_MAX_JSON_FILE (%zu bytes)", max);
	}
	csrc_close_tar(s);
	return 0;
}

/* ---- digests and JSON ---- */

static void sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int len = 0;

	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

static bool is_hex64(const char *s, size_t n)
{
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* "sha256:<hex>" -> "blobs/sha256/<hex>" and the hex. */
static int digest_blob(const char *digest, char name[96], char hex[65], struct ia_err *err)
{
	if (!digest || strncmp(digest, "sha256:", 7) != 0)
		return ia_err_set(err, -IA_EUNSUPPORTED, "", 0, "unsupported digest '%.80s'",
				  digest ? digest : "(none)");
	if (!is_hex64(digest + 7, strlen(digest + 7)))
		return ia_err_set(err, -IA_ECORRUPT, "", 0, "malformed digest '%.80s'", digest);
	memcpy(hex, digest + 7, 65);
	snprintf(name, 96, "blobs/sha256/%s", hex);
	return 0;
}

bool tgt_json_too_deep(const char *data, size_t n, unsigned max)
{
	unsigned depth = 0;
	bool str = false;

	for (size_t i = 0; i < n; i++) {
		char c = data[i];

		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = false;
		} else if (c == '"') {
			str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max)
				return true;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return false;
}

/* Reads and parses member name; when hex is set, its sha256 must match. */
static int read_json(struct csrc *s, const char *name, const char *hex, json_t **ret,
		     char got_hex[65], struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_JSON_FILE);
	char h[65];
	json_error_t je;
	json_t *j;
	int r = csrc_read(s, name, IA_MAX_JSON_FILE, &b, err);

	if (r < 0)
		goto done;
	sha256_hex(b.data ? b.data : "", b.len, h);
	if (got_hex)
		memcpy(got_hex, h, 65);
	if (hex && strcmp(h, hex) != 0) {
		r = ia_err_set(err, -IA_ECORRUPT, name, 0,
			       "sha256 mismatch: expected %s, content has %s", hex, h);
		goto done;
	}
	if (tgt_json_too_deep(b.data ? b.data : "", b.len, IA_MAX_JSON_DEPTH)) {
		r = ia_err_set(err, -IA_ETOOBIG, name, 0, "JSON nested deeper than IA_MAX_JSON_DEPTH");
		goto done;
	}
	j = json_loadb(b.data ? b.data : "", b.len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		r = IA_CORRUPT(err, name, je.line > 0 ? (unsigned)je.line : 0, "bad JSON: %s", je.text);
		goto done;
	}
	*ret = j;
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
	json_object_foreach(obj, key, val) {
		if (with_values) {
			struct ia_buf b = IA_BUF_INIT(IA_MAX_JSON_FILE);

			ia_buf_addf(&b, "%s=%s", key, json_is_string(val) ? json_string_value(val) : "");
			v[k++] = ia_buf_detach(&b, NULL);
		} else {
			v[k++] = ia_xstrdup(key);
		}
	}
	*n = k;
	return v;
}

static int two(const char *s)
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

	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' &&
							      s[10] != ' ') ||
	    s[13] != ':' || s[16] != ':')
		return 0;
	y1 = two(s);
	y2 = two(s + 2);
	mo = two(s + 5);
	d = two(s + 8);
	h = two(s + 11);
	mi = two(s + 14);
	sec = two(s + 17);
	if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || sec < 0 || sec > 60)
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
		oh = two(p + 1);
		om = two(p + 4);
		if (oh < 0 || om < 0)
			return 0;
		return *p == '+' ? ts - (oh * 3600 + om * 60) : ts + (oh * 3600 + om * 60);
	}
	return 0;
}

void tgt_config_free(struct tgt_image_config *c)
{
	char **lists[] = {c ? c->env : NULL, c ? c->exposed_ports : NULL,
			  c ? c->entrypoint : NULL, c ? c->cmd : NULL,
			  c ? c->labels : NULL, c ? c->history : NULL};
	size_t ns[] = {c ? c->n_env : 0, c ? c->n_exposed_ports : 0, c ? c->n_entrypoint : 0,
		       c ? c->n_cmd : 0, c ? c->n_labels : 0, c ? c->n_history : 0};

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
		json_array_foreach(hist, i, h)
			c->history[c->n_history++] = jstr(h, "created_by");
	}
	return c;
}

int tgt_parse_config(const char *data, size_t n, struct tgt_image_config **ret, struct ia_err *err)
{
	json_error_t je;
	json_t *j;

	if (n > IA_MAX_JSON_FILE)
		return ia_err_set(err, -IA_ETOOBIG, "config", 0, "larger than IA_MAX_JSON_FILE");
	if (tgt_json_too_deep(data, n, IA_MAX_JSON_DEPTH))
		return ia_err_set(err, -IA_ETOOBIG, "config", 0,
				  "JSON nested deeper than IA_MAX_JSON_DEPTH");
	j = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		return IA_CORRUPT(err, "config", je.line > 0 ? (unsigned)je.line : 0, "bad JSON: %s",
				  je.text);
	if (!json_is_object(j)) {
		json_decref(j);
		return IA_CORRUPT(err, "config", 0, "image config is not an object");
	}
	*ret = config_from_json(j);
	json_decref(j);
	return 0;
}

/* ---- layers ---- */

struct lstream {
	struct csrc *s;
	int fd;               /* OCI directory: the blob; else -1 (read from s->a) */
	EVP_MD_CTX *md;
	unsigned char head[4];
	size_t nhead;
	char *buf;
};

static long lstream_read(void *ctx, const void **out)
{
	struct lstream *ls = ctx;
	ssize_t n;

	if (ls->fd >= 0) {
		do
			n = read(ls->fd, ls->buf, STREAM_BUF);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return -errno;
	} else {
		n = archive_read_data(ls->s->a, ls->buf, STREAM_BUF);
		if (n < 0)
			return -IA_ECORRUPT;
	}
	for (ssize_t i = 0; i < n && ls->nhead < sizeof(ls->head); i++)
		ls->head[ls->nhead++] = (unsigned char)ls->buf[i];
	EVP_DigestUpdate(ls->md, ls->buf, (size_t)n);
	*out = ls->buf;
	return (long)n;
}

static bool compressed(const struct lstream *ls)
{
	static const unsigned char gz[] = {0x1f, 0x8b}, zst[] = {0x28, 0xb5, 0x2f, 0xfd},
				   xz[] = {0xfd, '7', 'z', 'X'}, bz[] = {'B', 'Z', 'h'};

	return (ls->nhead >= 2 && memcmp(ls->head, gz, 2) == 0) ||
	       (ls->nhead >= 4 && memcmp(ls->head, zst, 4) == 0) ||
	       (ls->nhead >= 4 && memcmp(ls->head, xz, 4) == 0) ||
	       (ls->nhead >= 3 && memcmp(ls->head, bz, 3) == 0);
}

/*
 * Applies layer member name as layer number idx. want_hex: the digest its
 * bytes must have (OCI, docker blobs/), or NULL; diff_id: for an uncompressed
 * docker-save layer, the config's rootfs.diff_ids entry (hex), or NULL.
 * A mismatch is a problem; a bomb or a limit fails.
 */
static int apply_member(struct tgt *t, struct csrc *s, uint32_t idx, const char *name,
			const char *want_hex, const char *diff_id, struct ia_err *err)
{
	struct lstream ls = {s, -1, NULL, {0}, 0, NULL};
	struct tgt_layer_src src = {&ls, lstream_read};
	unsigned char md[32];
	unsigned int mdlen = 0;
	char hex[65];
	uint64_t raw = 0;
	int r;

	if (s->dirfd >= 0) {
		ls.fd = dir_open(s, name, err);
		if (ls.fd < 0)
			return ls.fd;
	} else {
		r = tar_seek(s, name, err);
		if (r < 0)
			return r;
	}
	ls.md = EVP_MD_CTX_new();
	ls.buf = ia_xmalloc(STREAM_BUF);
	if (!ls.md || !EVP_DigestInit_ex(ls.md, EVP_sha256(), NULL)) {
		r = ia_err_set(err, -ENOMEM, name, 0, "cannot hash");
		goto done;
	}
	t->cur_layer = idx;
	r = tgt_apply_layer(t, name, &src, &raw, err);
	if (r < 0)
		goto done;
	/* the rest of the blob, so the digest covers all of it (a tar ends before its padding) */
	for (;;) {
		const void *p;
		long n = lstream_read(&ls, &p);

		if (n <= 0)
			break;
		raw += (uint64_t)n;
		if (raw > t->lim.max_image_size) {
			r = ia_err_set(err, -IA_ETOOBIG, name, 0, "layer blob larger than the image limit");
			goto done;
		}
	}
	EVP_DigestFinal_ex(ls.md, md, &mdlen);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	if (want_hex && strcmp(hex, want_hex) != 0)
		ia_problem_add(&t->problems, "index", name, 0, -IA_ECORRUPT,
			       "layer digest mismatch: expected sha256:%s, content has sha256:%s",
			       want_hex, hex);
	else if (!want_hex && diff_id && !compressed(&ls) && strcmp(hex, diff_id) != 0)
		ia_problem_add(&t->problems, "index", name, 0, -IA_ECORRUPT,
			       "layer does not match rootfs.diff_ids: expected sha256:%s, content "
			       "has sha256:%s",
			       diff_id, hex);
done:
	if (ls.fd >= 0)
		close(ls.fd);
	csrc_close_tar(s);
	EVP_MD_CTX_free(ls.md);
	free(ls.buf);
	return r;
}

static int set_config(struct tgt *t, json_t *j, const char *hex, const char *name,
		      struct ia_err *err)
{
	if (!json_is_object(j))
		return IA_CORRUPT(err, name, 0, "image config is not an object");
	t->config = config_from_json(j);
	free(t->config->config_digest);
	t->config->config_digest = ia_xstrdup("");
	if (hex) {
		struct ia_buf b = IA_BUF_INIT(128);

		ia_buf_addf(&b, "sha256:%s", hex);
		free(t->config->config_digest);
		t->config->config_digest = ia_buf_detach(&b, NULL);
	}
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
	if (json_array_size(layers) > IA_MAX_LAYERS) {
		r = ia_err_set(err, -IA_ETOOBIG, "manifest.json", 0,
			       "%zu layers, more than IA_MAX_LAYERS (%d)", json_array_size(layers),
			       IA_MAX_LAYERS);
		goto done;
	}
	want = name_hex(cname, hex);
	r = read_json(s, cname, want, &cfg, got, err);
	if (r < 0)
		goto done;
	r = set_config(t, cfg, got, cname, err);
	if (r < 0)
		goto done;
	tags = json_object_get(img, "RepoTags");
	set_ref(t, json_string_value(json_array_get(tags, 0)));
	t->config->n_layers = json_array_size(layers);
	diff_ids = json_object_get(json_object_get(cfg, "rootfs"), "diff_ids");
	for (size_t i = 0; i < json_array_size(layers); i++) {
		const char *lname = json_string_value(json_array_get(layers, i));
		const char *did = json_string_value(json_array_get(diff_ids, i));
		char lhex[65];

		if (!lname) {
			r = IA_CORRUPT(err, "manifest.json", 0, "layer %zu is not a name", i);
			goto done;
		}
		if (did && (strncmp(did, "sha256:", 7) != 0 || !is_hex64(did + 7, strlen(did + 7))))
			did = NULL;
		r = apply_member(t, s, (uint32_t)i + 1, lname, name_hex(lname, lhex),
				 did ? did + 7 : NULL, err);
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
	json_array_foreach(manifests, i, m) {
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
	const char *r = json_string_value(json_object_get(ann, "org.opencontainers.image.ref.name"));

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
	if (json_array_size(layers) > IA_MAX_LAYERS) {
		r = ia_err_set(err, -IA_ETOOBIG, name, 0, "%zu layers, more than IA_MAX_LAYERS (%d)",
			       json_array_size(layers), IA_MAX_LAYERS);
		goto done;
	}
	r = digest_blob(json_string_value(json_object_get(json_object_get(man, "config"), "digest")),
			name, hex, err);
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
		r = apply_member(t, s, (uint32_t)i + 1, name, hex, NULL, err);
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
	struct csrc s = {t->spec, -1, NULL};
	int r;

	if (t->kind == TGT_OCI_DIR) {
		s.dirfd = open(t->spec, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (s.dirfd < 0) {
			r = -errno;
			return ia_err_set(err, r, t->spec, 0, "cannot open directory: %s",
					  strerror(-r));
		}
	}
	r = tgt_spool_init(t, err);
	if (r >= 0)
		r = t->kind == TGT_DOCKER_ARCHIVE ? open_docker(t, &s, err) : open_oci(t, &s, err);
	csrc_close_tar(&s);
	if (s.dirfd >= 0)
		close(s.dirfd);
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
	struct tgt_layer_src src = {&m, mem_read};
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
