/* apk.c — Alpine packages: /lib/apk/db/installed (P V A o m t, F/R/Z/a/M file lines) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

static const char *const apk_dbs[] = {"/lib/apk/db/installed", "/usr/lib/apk/db/installed"};

/* One file of a package: its directory (F:) and name (R:), checksum (Z:) and mode (a:, M:). */
struct apk_file {
	struct inv_span dir, name; /* name.n == 0: the directory itself */
	char digest[65];
	uint8_t algo;
	uint32_t mode;
	bool set;
};

/* A package entry: its fields, and the lines it spans (its files are read from them in a second
 * pass once the package is added, one at a time, so that no per-package file list is built:
 * millions of "R:" lines cost what the facts keep of them, bounded by IA_MAX_PKG_FILES and
 * IA_MAX_PKG_PATH_BYTES, and nothing more). */
struct entry {
	unsigned line;
	const char *start, *end;
	struct inv_span P, V, A, o, m, t;
	bool bad;
};

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes padded base64 of exactly want bytes; false when malformed. */
static bool b64_decode(const char *s, size_t n, unsigned char *out, size_t want)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	while (n && s[n - 1] == '=')
		n--;
	for (size_t i = 0; i < n; i++) {
		int v = b64val(s[i]);

		if (v < 0)
			return false;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= want)
				return false;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	return o == want;
}

/* "Q1<base64 sha1>" or "Q2<base64 sha256>" -> hex; false when neither. */
static bool apk_checksum(struct inv_span z, char hex[65], uint8_t *algo)
{
	unsigned char raw[32];

	if (z.n > 2 && z.p[0] == 'Q' && z.p[1] == '1' && b64_decode(z.p + 2, z.n - 2, raw, 20)) {
		ia_hex_encode(raw, 20, hex);
		*algo = INV_DIGEST_SHA1;
		return true;
	}
	if (z.n > 2 && z.p[0] == 'Q' && z.p[1] == '2' && b64_decode(z.p + 2, z.n - 2, raw, 32)) {
		ia_hex_encode(raw, 32, hex);
		*algo = INV_DIGEST_SHA256;
		return true;
	}
	return false;
}

static bool printable_word(struct inv_span s)
{
	if (!s.n)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] <= ' ' || s.p[i] == 0x7f)
			return false;
	return true;
}

/* "uid:gid:mode" (mode octal) -> permission bits; 0 when malformed */
static uint32_t acl_mode(struct inv_span s)
{
	const char *a, *b, *c2, *d;
	size_t an, bn, cn, dn;
	uint64_t m;

	if (!ia_split(s.p, s.n, ':', &a, &an, &b, &bn) || !ia_split(b, bn, ':', &c2, &cn, &d, &dn))
		return 0;
	if (ia_parse_octal(d, dn, 07777, &m) != 0)
		return 0;
	return (uint32_t)m;
}

/* Adds the file af of package idx (when one is pending). */
static void add_file(struct inv_facts *f, struct inv_fp *fp, const struct entry *e, size_t idx,
		     const struct apk_file *af)
{
	char buf[IA_MAX_PATH + 2];
	size_t n = af->dir.n + 1 + af->name.n;

	if (!af->set)
		return;
	if (n > IA_MAX_PATH) {
		inv_fp_add(fp, e->line, -IA_ETOOBIG, "package \"%s\": a path over %u bytes",
			   f->pkgs[idx].name, (unsigned)IA_MAX_PATH);
		return;
	}
	memcpy(buf, af->dir.p ? af->dir.p : "", af->dir.n);
	buf[af->dir.n] = '/';
	memcpy(buf + af->dir.n + 1, af->name.p ? af->name.p : "", af->name.n);
	inv_add_file(f, idx, buf, n, af->algo ? af->digest : NULL, af->algo, af->mode, 0);
}

/* The second pass over an entry's lines: its files, each added once its Z:/a:/M: lines are read. */
static void add_files(struct inv_facts *f, struct inv_fp *fp, const struct entry *e, size_t idx)
{
	struct ia_lines c;
	struct apk_file cur = {0};
	struct inv_span dir = {"", 0}; /* a file before any F: lies in the root directory */
	const char *line;
	size_t n;
	int r;

	ia_lines_init(&c, e->start, (size_t)(e->end - e->start));
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		unsigned lineno = e->line + c.lineno - 1;

		if (f->files_limit_hit || f->paths_limit_hit)
			return; /* recorded once by inv_add_file; the rest would be dropped */
		if (r < 0 || n < 2 || line[1] != ':' || !ia_is_text(line, n))
			continue; /* reported by the first pass */
		struct inv_span v = {line + 2, n - 2};

		switch (line[0]) {
		case 'F':
		case 'R':
			add_file(f, fp, e, idx, &cur);
			memset(&cur, 0, sizeof(cur));
			if (line[0] == 'F')
				dir = v;
			cur.dir = dir;
			if (line[0] == 'R')
				cur.name = v;
			cur.set = true;
			break;
		case 'Z':
			if (!cur.set || !apk_checksum(v, cur.digest, &cur.algo))
				inv_fp_add(fp, lineno, -IA_ECORRUPT,
					   cur.set ? "checksum is not Q1/Q2 base64"
						   : "Z: line without an F: or R: line before it");
			break;
		case 'a':
		case 'M':
			if (cur.set)
				cur.mode = acl_mode(v);
			break;
		default:
			break;
		}
	}
	add_file(f, fp, e, idx, &cur);
}

/* Adds the package of entry e, then its files: 0, 1 when skipped, -IA_ETOOBIG at the package
 * limit. */
static int add_entry_package(struct inv_facts *f, struct inv_fp *fp, const char *path,
			     struct entry *e)
{
	struct inv_pkg p = {0};
	size_t idx;
	uint64_t t;

	if (!e->P.p || !printable_word(e->P)) {
		inv_fp_add(fp, e->line, -IA_ECORRUPT, "entry without a valid P: (package name)");
		return 1;
	}
	if (!e->V.p || !printable_word(e->V)) {
		inv_fp_add(fp, e->line, -IA_ECORRUPT, "package \"%.*s\": %s V: (version)",
			   (int)(e->P.n > 128 ? 128 : e->P.n), e->P.p, e->V.p ? "invalid" : "no");
		return 1;
	}
	p.name = inv_span_dup(f, e->P);
	p.version = inv_span_dup(f, e->V);
	p.arch = inv_span_dup(f, e->A);
	p.source = e->o.p && printable_word(e->o) ? inv_span_dup(f, e->o) : NULL;
	p.vendor = inv_span_dup(f, e->m);
	p.epoch = -1;
	if (e->t.p && ia_parse_u64(e->t.p, e->t.n, INT64_MAX, &t) == 0)
		p.build_time = (int64_t)t;
	p.db = INV_DB_APK;
	p.db_path = path;
	p.db_line = e->line;
	idx = inv_add_pkg(f, &p);
	if (idx == SIZE_MAX)
		return -IA_ETOOBIG;
	add_files(f, fp, e, idx);
	return 0;
}

int inv_apk_parse_installed(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	struct ia_lines c;
	struct inv_fp fp;
	struct entry e = {0};
	bool in = false;
	size_t seen = 0;
	const char *line = NULL;
	size_t n = 0;
	int r, ret = 0;

	inv_fp_init(&fp, f, INV_AREA_APK, path);
	ia_lines_init(&c, data, len);
	for (;;) {
		const char *at = c.p;

		r = ia_lines_next(&c, &line, &n);
		if (r < 0) {
			if (!e.bad)
				inv_fp_long_line(&fp, c.lineno, r);
			e.bad = true;
			if (!in) {
				in = true;
				e.line = c.lineno;
				e.start = at;
			}
			e.end = c.p;
			continue;
		}
		if (r == 0 || n == 0) {
			if (in) {
				seen++;
				ret = add_entry_package(f, &fp, path, &e);
				if (ret > 0)
					ret = 0;
			}
			memset(&e, 0, sizeof(e));
			in = false;
			if (r == 0 || ret < 0)
				break;
			continue;
		}
		if (!in) {
			in = true;
			e.line = c.lineno;
			e.start = at;
		}
		e.end = c.p;
		if (n < 2 || line[1] != ':' || !ia_is_text(line, n)) {
			if (!e.bad)
				inv_fp_add(&fp, c.lineno, -IA_ECORRUPT, "not an \"X:value\" line");
			e.bad = true;
			continue;
		}
		struct inv_span v = {line + 2, n - 2};

		switch (line[0]) {
		case 'P':
			e.P = v;
			break;
		case 'V':
			e.V = v;
			break;
		case 'A':
			e.A = v;
			break;
		case 'o':
			e.o = v;
			break;
		case 'm':
			e.m = v;
			break;
		case 't':
			e.t = v;
			break;
		default:
			break; /* files: the second pass (add_files); C S I T U L c D p ... not
				  needed */
		}
	}
	if (!ret && len && !seen)
		inv_fp_add(&fp, 0, -IA_ECORRUPT, "no package entry in a non-empty database");
	r = inv_fp_finish(&fp);
	return ret ? ret : r;
}

int inv_collect_apk(const struct tgt *t, struct inv_facts *f)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_TEXT_FILE);
	int ret = 0;

	for (size_t i = 0; i < IA_ARRAY_SIZE(apk_dbs); i++) {
		size_t before = f->problems.len;
		int r = inv_read(t, f, INV_AREA_APK, apk_dbs[i], IA_MAX_TEXT_FILE, &b);

		if (r == 0)
			continue;
		if (r == 1)
			r = inv_apk_parse_installed(f, apk_dbs[i], b.data, b.len);
		inv_add_db(f, INV_DB_APK, apk_dbs[i], r == 0 && f->problems.len == before);
		if (r < 0 && r != -IA_ECORRUPT && r != -IA_ETOOBIG)
			ret = r;
		break; /* /lib is often /usr/lib: one database */
	}
	ia_buf_release(&b);
	return ret;
}
