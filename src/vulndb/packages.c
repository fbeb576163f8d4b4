/* packages.c — apt `Packages` indexes: decompression through libarchive, the stanza parser */
/* SPDX-License-Identifier: Apache-2.0 */
#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/common.h"
#include "util/datafile.h"
#include "util/lines.h"
#include "util/xalloc.h"
#include "vulndb/packages.h"
#include "vulndb/version.h"
#include "util/banned.h"

/* Bytes of a package or source name: Debian's longest are under 70. */
#define APT_MAX_NAME 255
/* Bytes of an architecture name ("kfreebsd-amd64", "x32"...). */
#define APT_MAX_ARCH 64

struct span {
	const char *p;
	size_t n;
};

struct stanza {
	struct span package, version, arch, source;
	unsigned line;
	bool bad; /* a problem was recorded for it already */
	bool in;  /* some line of it was seen */
};

/* Problems of one file: the first IA_MAX_FILE_PROBLEMS, then a count. */
struct plog {
	struct ia_problems *ps;
	const char *name;
	size_t n;
};

static void plog_add(struct plog *pl, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void plog_add(struct plog *pl, unsigned line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (pl->n++ >= IA_MAX_FILE_PROBLEMS || !pl->ps)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_add(pl->ps, VDB_APT_AREA, pl->name, line, -IA_ECORRUPT, "%s", msg);
}

static void plog_finish(struct plog *pl)
{
	if (pl->n > IA_MAX_FILE_PROBLEMS && pl->ps)
		ia_problem_add(pl->ps, VDB_APT_AREA, pl->name, 0, -IA_ECORRUPT,
			       "%zu more problems in this index not listed",
			       pl->n - IA_MAX_FILE_PROBLEMS);
}

static bool valid_name(struct span s)
{
	if (!s.n || s.n > APT_MAX_NAME || !isalnum((unsigned char)s.p[0]))
		return false;
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if (!(islower(c) || isdigit(c) || c == '+' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static bool valid_arch(struct span s)
{
	if (!s.n || s.n > APT_MAX_ARCH)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if (!(islower(c) || isdigit(c) || c == '-'))
			return false;
	}
	return true;
}

static bool field_char_ok(char c)
{
	return c > ' ' && c < 0x7f && c != ':';
}

static bool ieq(struct span s, const char *lit)
{
	return strlen(lit) == s.n && strncasecmp(s.p, lit, s.n) == 0;
}

static void mark_bad(struct plog *pl, struct stanza *st, unsigned line, const char *why,
		     struct span what)
{
	if (!st->bad)
		plog_add(pl, line, "package stanza skipped: %s%s%.*s%s", why, what.n ? " \"" : "",
			 (int)(what.n > 64 ? 64 : what.n), what.p ? what.p : "",
			 what.n ? "\"" : "");
	st->bad = true;
}

/* One "Field: value" line: the four fields read are kept; a malformed line spoils the stanza. */
static void read_field(struct plog *pl, struct stanza *st, const char *line, size_t n,
		       unsigned lineno)
{
	size_t i = 0;
	struct span *dst = NULL;

	while (i < n && field_char_ok(line[i]))
		i++;
	if (i == 0 || i >= n || line[i] != ':' || line[0] == '#' || line[0] == '-') {
		mark_bad(pl, st, lineno, "not a \"Field: value\" line", (struct span){0});
		return;
	}
	struct span name = {line, i}, val = {line + i + 1, n - i - 1};

	ia_trim(&val.p, &val.n);
	if (ieq(name, "Package"))
		dst = &st->package;
	else if (ieq(name, "Version"))
		dst = &st->version;
	else if (ieq(name, "Architecture"))
		dst = &st->arch;
	else if (ieq(name, "Source"))
		dst = &st->source;
	if (!dst)
		return;
	if (!ia_is_text(val.p, val.n))
		mark_bad(pl, st, lineno, "control bytes in field", name);
	else if (dst->p)
		mark_bad(pl, st, lineno, "duplicate field", name);
	else
		*dst = val;
}

/* "src" or "src (ver)" into name and version (version empty when not given). */
static bool split_source(struct span s, struct span *name, struct span *ver)
{
	const char *open = memchr(s.p, '(', s.n);

	*ver = (struct span){s.p + s.n, 0};
	if (!open) {
		*name = s;
		return !memchr(s.p, ' ', s.n) && !memchr(s.p, ')', s.n);
	}
	name->p = s.p;
	name->n = (size_t)(open - s.p);
	ia_trim(&name->p, &name->n);
	if (s.p[s.n - 1] != ')' || memchr(open + 1, '(', (size_t)(s.p + s.n - open - 1)))
		return false;
	ver->p = open + 1;
	ver->n = (size_t)(s.p + s.n - 1 - ver->p);
	ia_trim(&ver->p, &ver->n);
	return ver->n > 0 && !memchr(name->p, ' ', name->n) && !memchr(ver->p, ')', ver->n);
}

/* Checks a finished stanza and hands it to fn. Returns fn's value, or 0. */
static int finish(struct plog *pl, struct stanza *st, vdb_apt_pkg_fn fn, void *arg, size_t *skipped,
		  size_t *good)
{
	struct span sname, sver;
	struct ia_err verr = {0};
	char buf[APT_MAX_NAME * 2 + APT_MAX_ARCH + 2 * IA_MAX_VERSION + 8];
	struct vdb_apt_pkg p;
	size_t o = 0;

	if (st->bad)
		goto skip;
	if (!st->package.p) {
		mark_bad(pl, st, st->line, "no Package field", (struct span){0});
		goto skip;
	}
	if (!valid_name(st->package))
		mark_bad(pl, st, st->line, "invalid package name", st->package);
	else if (!st->version.p)
		mark_bad(pl, st, st->line, "no Version field for", st->package);
	else if (vdb_version_check(VDB_ECO_DPKG, st->version.p, st->version.n, &verr) < 0)
		mark_bad(pl, st, st->line, "invalid version", st->version);
	else if (!st->arch.p)
		mark_bad(pl, st, st->line, "no Architecture field for", st->package);
	else if (!valid_arch(st->arch))
		mark_bad(pl, st, st->line, "invalid architecture", st->arch);
	if (st->bad)
		goto skip;
	sname = st->package;
	sver = st->version;
	if (st->source.p) {
		if (!split_source(st->source, &sname, &sver) || !valid_name(sname) ||
		    (sver.n && vdb_version_check(VDB_ECO_DPKG, sver.p, sver.n, &verr) < 0)) {
			mark_bad(pl, st, st->line, "invalid Source field", st->source);
			goto skip;
		}
		if (!sver.n)
			sver = st->version;
	}
	/* every part is bounded above, so they fit buf with their NULs */
#define PUT(dst, s)                                                                                \
	do {                                                                                       \
		memcpy(buf + o, (s).p, (s).n);                                                     \
		buf[o + (s).n] = '\0';                                                             \
		(dst) = buf + o;                                                                   \
		o += (s).n + 1;                                                                    \
	} while (0)
	PUT(p.name, st->package);
	PUT(p.version, st->version);
	PUT(p.arch, st->arch);
	PUT(p.source, sname);
	PUT(p.source_version, sver);
#undef PUT
	p.line = st->line;
	(*good)++;
	return fn(arg, &p);
skip:
	if (skipped)
		(*skipped)++;
	return 0;
}

int vdb_apt_parse_text(const char *name, const char *data, size_t len, vdb_apt_pkg_fn fn, void *arg,
		       struct ia_problems *problems, size_t *skipped, struct ia_err *err)
{
	struct plog pl = {problems, name ? name : "", 0};
	struct ia_lines c;
	struct stanza st = {0};
	size_t stanzas = 0, good = 0;
	bool have_field = false;
	int ret = 0;

	if (!fn)
		return -EINVAL;
	if (skipped)
		*skipped = 0;
	ia_lines_init(&c, data ? data : "", data ? len : 0);
	for (;;) {
		const char *line = NULL;
		size_t n = 0;
		int r = ia_lines_next(&c, &line, &n);
		bool blank = r == 0;

		if (r == 1) {
			const char *t = line;
			size_t tn = n;

			ia_trim(&t, &tn);
			blank = tn == 0;
		}
		if (blank) {
			if (st.in) {
				if (++stanzas > IA_MAX_APT_INDEX_PACKAGES) {
					ret = ia_err_set(err, -IA_ETOOBIG, pl.name, st.line,
							 "more than %u package stanzas "
							 "(IA_MAX_APT_INDEX_PACKAGES)",
							 (unsigned)IA_MAX_APT_INDEX_PACKAGES);
					break;
				}
				ret = finish(&pl, &st, fn, arg, skipped, &good);
				if (ret)
					break;
			}
			memset(&st, 0, sizeof(st));
			have_field = false;
			if (r == 0)
				break;
			continue;
		}
		if (!st.in) {
			st.in = true;
			st.line = c.lineno;
		}
		if (r < 0) {
			mark_bad(&pl, &st, c.lineno, "line longer than IA_MAX_LINE",
				 (struct span){0});
			continue;
		}
		if (line[0] == ' ' || line[0] == '\t') {
			if (!have_field)
				mark_bad(&pl, &st, c.lineno, "continuation line without a field",
					 (struct span){0});
			continue;
		}
		have_field = true;
		read_field(&pl, &st, line, n, c.lineno);
	}
	plog_finish(&pl);
	if (!ret && len && !good)
		ret = IA_CORRUPT(err, pl.name, 0,
				 "no valid package stanza (%zu skipped): not an apt Packages index",
				 stanzas);
	return ret;
}

static const char *magic_format(const unsigned char *h, size_t n)
{
	static const struct {
		const char *name;
		unsigned char m[6];
		size_t n;
	} magics[] = {
		{"gzip", {0x1f, 0x8b}, 2},
		{"xz", {0xfd, '7', 'z', 'X', 'Z', 0}, 6},
		{"lzma", {0x5d, 0, 0}, 3},
		{"bzip2", {'B', 'Z', 'h'}, 3},
		{"lz4", {0x04, 0x22, 0x4d, 0x18}, 4},
		{"zstd", {0x28, 0xb5, 0x2f, 0xfd}, 4},
	};

	for (size_t i = 0; i < IA_ARRAY_SIZE(magics); i++)
		if (n >= magics[i].n && memcmp(h, magics[i].m, magics[i].n) == 0)
			return magics[i].name;
	return "plain";
}

static int la_fail(struct archive *a, const char *name, struct ia_err *err)
{
	const char *s = archive_error_string(a);

	return IA_CORRUPT(err, name, 0, "cannot decompress the index: %s", s ? s : "damaged data");
}

/* libarchive's raw format over data: the single stream's bytes appended to out (<= max). */
static int la_inflate(struct archive *a, const char *name, const void *data, size_t len, size_t max,
		      struct ia_buf *out, struct ia_err *err)
{
	struct archive_entry *ae;

	archive_read_support_filter_gzip(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_lz4(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK)
		return la_fail(a, name, err);
	for (;;) {
		char *dst;
		int r;
		la_ssize_t k;

		if (out->len >= max) {
			char probe;

			k = archive_read_data(a, &probe, 1);
			if (k == 0)
				return 0;
			if (k < 0)
				return la_fail(a, name, err);
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "index decompresses past %zu bytes (IA_MAX_APT_INDEX)",
					  max);
		}
		size_t want = max - out->len < 65536 ? max - out->len : 65536;

		dst = ia_buf_reserve(out, want, &r);
		if (!dst)
			return ia_err_set(err, r, name, 0, "cannot decompress the index: %s",
					  ia_strerror(r));
		k = archive_read_data(a, dst, want);
		if (k < 0)
			return la_fail(a, name, err);
		if (k == 0)
			return 0;
		ia_buf_commit(out, (size_t)k);
	}
}

int vdb_apt_decompress(const char *name, const void *data, size_t len, size_t max,
		       struct ia_buf *out, const char **format, struct ia_err *err)
{
	const char *fmt = magic_format(data, data ? len : 0);
	struct archive *a;
	int r;

	name = name ? name : "";
	if (!max || max > IA_MAX_APT_INDEX)
		max = IA_MAX_APT_INDEX;
	ia_buf_reset(out);
	if (format)
		*format = fmt;
	if (strcmp(fmt, "plain") == 0) {
		if (len > max)
			return ia_err_set(err, -IA_ETOOBIG, name, 0,
					  "index larger than %zu bytes (IA_MAX_APT_INDEX)", max);
		r = ia_buf_add(out, data, len);
		return r < 0 ? ia_err_set(err, r, name, 0, "cannot read the index: %s",
					  ia_strerror(r))
			     : 0;
	}
	a = archive_read_new();
	if (!a)
		return ia_err_set(err, -ENOMEM, name, 0, "cannot make an archive reader");
	r = la_inflate(a, name, data, len, max, out, err);
	archive_read_free(a);
	if (r < 0)
		ia_buf_reset(out);
	return r;
}

void vdb_apt_index_init(struct vdb_apt_index *idx)
{
	memset(idx, 0, sizeof(*idx));
	idx->format = "plain";
}

void vdb_apt_index_release(struct vdb_apt_index *idx)
{
	if (!idx)
		return;
	free(idx->v);
	ia_pool_release(&idx->pool);
	ia_problems_release(&idx->problems);
	vdb_apt_index_init(idx);
}

static int index_add(void *arg, const struct vdb_apt_pkg *p);

int vdb_apt_index_add(struct vdb_apt_index *idx, const struct vdb_apt_pkg *p)
{
	return index_add(idx, p);
}

static int index_add(void *arg, const struct vdb_apt_pkg *p)
{
	struct vdb_apt_index *idx = arg;
	struct vdb_apt_pkg *q;

	if (idx->n == idx->cap) {
		size_t cap = idx->cap ? idx->cap * 2 : 256;

		idx->v = ia_xreallocarray(idx->v, cap, sizeof(*idx->v));
		idx->cap = cap;
	}
	q = &idx->v[idx->n++];
	q->name = ia_pool_strdup(&idx->pool, p->name);
	q->version = ia_pool_strdup(&idx->pool, p->version);
	q->arch = ia_pool_strdup(&idx->pool, p->arch);
	q->source =
		strcmp(p->source, p->name) == 0 ? q->name : ia_pool_strdup(&idx->pool, p->source);
	q->source_version = strcmp(p->source_version, p->version) == 0
				    ? q->version
				    : ia_pool_strdup(&idx->pool, p->source_version);
	q->line = p->line;
	return 0;
}

int vdb_apt_index_parse(struct vdb_apt_index *idx, const char *name, const void *data, size_t len,
			struct ia_err *err)
{
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_INDEX);
	size_t skipped = 0;
	int r = vdb_apt_decompress(name, data, len, 0, &text, &idx->format, err);

	if (r == 0)
		r = vdb_apt_parse_text(name, text.data, text.len, index_add, idx, &idx->problems,
				       &skipped, err);
	idx->skipped += skipped;
	ia_buf_release(&text);
	return r;
}

int vdb_apt_index_read_fd(struct vdb_apt_index *idx, const char *name, int fd, struct ia_err *err)
{
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APT_INDEX_FILE);
	int r = ia_fd_read_all(fd, IA_MAX_APT_INDEX_FILE, &raw);

	if (r == -IA_ETOOBIG)
		r = ia_err_set(err, r, name, 0,
			       "index larger than %u bytes as stored (IA_MAX_APT_INDEX_FILE)",
			       (unsigned)IA_MAX_APT_INDEX_FILE);
	else if (r < 0)
		r = ia_err_set(err, r, name, 0, "cannot read the index: %s", ia_strerror(r));
	else
		r = vdb_apt_index_parse(idx, name, raw.data, raw.len, err);
	ia_buf_release(&raw);
	return r;
}

int vdb_apt_index_read_file(struct vdb_apt_index *idx, const char *path, struct ia_err *err)
{
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APT_INDEX_FILE);
	int r = ia_host_file_read(path, path, IA_MAX_APT_INDEX_FILE, &raw, err);

	if (r == 0)
		r = vdb_apt_index_parse(idx, path, raw.data, raw.len, err);
	ia_buf_release(&raw);
	return r;
}
