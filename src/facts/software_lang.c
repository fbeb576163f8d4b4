/* software_lang.c — language packages outside the package managers: npm package.json, Python
 * dist-info/egg-info, Composer installed.json, jars (manifest, pom.properties, nested jars),
 * Go build information */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts/facts.h"
#include "facts/software_int.h"
#include "target/target.h"

#include "util/banned.h"

/* Values of Composer's installed.json: ~50 per package, a large Magento site holds ~600
 * packages; each costs jansson ~250 bytes. */
#define SW_MAX_JSON_VALUES 500000u

/* ---- JSON ---- */

/* 0, or 1 when nested deeper than max_depth, 2 with more than max_values values (checked
 * before jansson builds them). */
static int json_prescan(const char *data, size_t n, unsigned max_depth, size_t max_values)
{
	unsigned depth = 0;
	size_t values = 0;
	bool str = false;

	for (size_t i = 0; i < n; i++) {
		char ch = data[i];

		if (str) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				str = false;
			continue;
		}
		if (ch == '"') {
			str = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > max_depth)
				return 1;
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
		if ((ch == '[' || ch == '{' || ch == ',' || ch == ':') && ++values > max_values)
			return 2;
	}
	return 0;
}

/* c->buf parsed; NULL after an issue naming path. */
static json_t *load_json(struct sw_ctx *c, const char *path, size_t max_values)
{
	json_error_t je;
	json_t *j;
	int pre = json_prescan(c->buf.data, c->buf.len, IA_MAX_JSON_DEPTH, max_values);

	if (pre) {
		sw_issue(c, path, -IA_ETOOBIG, "not read: JSON %s",
			 pre == 1 ? "nested deeper than IA_MAX_JSON_DEPTH" : "of too many values");
		return NULL;
	}
	j = json_loadb(c->buf.data, c->buf.len, 0, &je);
	if (!j)
		sw_issue(c, path, -IA_ECORRUPT, "malformed JSON at line %d: %.120s", je.line,
			 je.text);
	return j;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- npm: node_modules/NAME/package.json, node_modules/@scope/NAME/package.json ---- */

static bool npm_package_json(const char *path)
{
	const char *end = path + strlen(path) - strlen("/package.json");
	const char *d = end, *nm;

	/* d: start of the package directory's name */
	while (d > path && d[-1] != '/')
		d--;
	if (d <= path)
		return false;
	nm = d - 1; /* the '/' before it */
	if (nm - path >= 13 && memcmp(nm - 13, "/node_modules", 13) == 0)
		return true;
	/* @scope/NAME */
	const char *s = nm;

	while (s > path && s[-1] != '/')
		s--;
	return s > path && *s == '@' && s - 1 - path >= 13 &&
	       memcmp(s - 14, "/node_modules", 13) == 0;
}

static void npm_file(struct sw_ctx *c, const struct tgt_entry *e)
{
	json_t *j;
	const char *name, *version;
	char dir[IA_MAX_PATH];

	if (sw_read(c, e->path, IA_MAX_SW_FILE) <= 0)
		return;
	j = load_json(c, e->path, IA_MAX_JSON_VALUES);
	if (!j)
		return;
	name = json_is_object(j) ? jstr(j, "name") : NULL;
	version = json_is_object(j) ? jstr(j, "version") : NULL;
	if (!name || !name[0]) {
		sw_issue(c, e->path, -IA_ECORRUPT, "package.json without a \"name\" string");
	} else {
		struct sw_comp comp = {.name = name,
				       .version = version ? version : "",
				       .ecosystem = "npm",
				       .path = e->path,
				       .how = version ? "\"version\" in package.json"
						      : "package.json has no \"version\"",
				       .dir = dir,
				       .kind = INV_COMP_LIBRARY};

		sw_dirname(e->path, dir, sizeof(dir));
		sw_add(c, &comp);
	}
	json_decref(j);
}

/* ---- Composer: vendor/composer/installed.json (v1: an array; v2: {"packages": [...]}) ---- */

static void composer_file(struct sw_ctx *c, const struct tgt_entry *e)
{
	json_t *j, *pkgs, *p;
	size_t i;
	char dir[IA_MAX_PATH];

	if (sw_read(c, e->path, IA_MAX_SW_JSON) <= 0)
		return;
	j = load_json(c, e->path, SW_MAX_JSON_VALUES);
	if (!j)
		return;
	pkgs = json_is_array(j) ? j : json_object_get(j, "packages");
	if (!json_is_array(pkgs)) {
		sw_issue(c, e->path, -IA_ECORRUPT,
			 "installed.json is neither an array nor holds a \"packages\" array");
		json_decref(j);
		return;
	}
	/* the project: the directory above vendor/composer */
	sw_dirname(e->path, dir, sizeof(dir));
	sw_dirname(dir, dir, sizeof(dir));
	sw_dirname(dir, dir, sizeof(dir));
	json_array_foreach(pkgs, i, p)
	{
		const char *name = jstr(p, "name"), *version = jstr(p, "version");
		struct sw_comp comp = {.name = name,
				       .version = version ? version : "",
				       .ecosystem = "Packagist",
				       .path = e->path,
				       .how = "\"version\" in vendor/composer/installed.json",
				       .dir = dir,
				       .kind = INV_COMP_LIBRARY};

		if (!name || !name[0]) {
			sw_issue(c, e->path, 0, "package %zu of installed.json has no \"name\"", i);
			continue;
		}
		sw_add(c, &comp);
	}
	json_decref(j);
}

/* ---- Python: NAME-VER.dist-info/METADATA, NAME.egg-info/PKG-INFO or NAME.egg-info ---- */

static void python_file(struct sw_ctx *c, const struct tgt_entry *e, const char *how)
{
	char name[256], version[IA_MAX_VERSION], dir[IA_MAX_PATH];
	const char *hdr_end;
	size_t n;

	if (sw_head(c, e, IA_MAX_SW_HEAD) < 0)
		return;
	/* the headers end at the first empty line; the description follows */
	hdr_end = sw_find(c->buf.data, c->buf.len, "\n\n");
	n = hdr_end ? (size_t)(hdr_end - c->buf.data) : c->buf.len;
	if (!sw_header(c->buf.data, n, "Name:", name, sizeof(name))) {
		sw_issue(c, e->path, -IA_ECORRUPT, "package metadata without a Name: header");
		return;
	}
	if (!sw_header(c->buf.data, n, "Version:", version, sizeof(version)))
		version[0] = '\0';
	sw_dirname(e->path, dir, sizeof(dir));
	struct sw_comp comp = {.name = name,
			       .version = version,
			       .ecosystem = "PyPI",
			       .path = e->path,
			       .how = how,
			       .dir = dir,
			       .kind = INV_COMP_LIBRARY};
	sw_add(c, &comp);
}

/* ---- jars, wars and ears (libarchive), jars nested in them ---- */

struct jar_walk {
	struct sw_ctx *c;
	uint64_t bytes; /* decompressed bytes read from the top-level archive */
	bool stopped;   /* a limit was hit: the rest of the archive is not read */
};

/* A manifest header's value, continuation lines (starting with a space) joined. */
static bool manifest_get(const char *m, size_t len, const char *key, char *out, size_t outn)
{
	size_t kn = strlen(key), o = 0;
	const char *p = m, *end = m + len;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		if (!e)
			e = end;
		if ((size_t)(e - p) > kn + 1 && strncasecmp(p, key, kn) == 0 && p[kn] == ':') {
			const char *q = p + kn + 1;

			for (;;) {
				const char *ee = e;

				while (q < ee && *q == ' ' && o == 0)
					q++;
				if (ee > q && ee[-1] == '\r')
					ee--;
				while (q < ee && o + 1 < outn)
					out[o++] = *q++;
				if (e >= end || e + 1 >= end || e[1] != ' ')
					break;
				q = e + 2;
				e = memchr(q, '\n', (size_t)(end - q));
				if (!e)
					e = end;
			}
			out[o] = '\0';
			return o > 0;
		}
		p = e + 1;
	}
	return false;
}

/* "commons-text-1.9.jar" -> "commons-text", "1.9" */
static bool name_version_of_file(const char *base, char *name, size_t nn, char *ver, size_t vn)
{
	const char *dot = strrchr(base, '.');
	size_t len = dot ? (size_t)(dot - base) : strlen(base);

	for (size_t i = 1; i + 1 < len; i++)
		if (base[i] == '-' && base[i + 1] >= '0' && base[i + 1] <= '9') {
			snprintf(name, nn, "%.*s", (int)i, base);
			snprintf(ver, vn, "%.*s", (int)(len - i - 1), base + i + 1);
			return true;
		}
	snprintf(name, nn, "%.*s", (int)len, base);
	ver[0] = '\0';
	return false;
}

/* Reads the current member's data into b (at most max bytes): 0, 1 when over max, or <0. */
static int member_read(struct jar_walk *w, struct archive *a, struct ia_buf *b, size_t max)
{
	char chunk[65536];

	ia_buf_reset(b);
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, sizeof(chunk));

		if (n < 0)
			return -IA_ECORRUPT;
		if (n == 0)
			break;
		w->bytes += (uint64_t)n;
		if (w->bytes > IA_MAX_JAR_BYTES)
			return -IA_ETOOBIG;
		if (b->len + (size_t)n > max)
			return 1;
		if (ia_buf_add(b, chunk, (size_t)n) < 0)
			return 1;
	}
	if (!b->data)
		ia_buf_adds(b, "");
	return 0;
}

static void jar_read(struct jar_walk *w, struct archive *a, const char *where, const char *outer,
		     int depth);

/* One archive's evidence: pom.properties found (Maven), else the manifest, else the file name. */
struct jar_found {
	bool pom;
	char mf_title[256], mf_version[IA_MAX_VERSION], mf_vendor[128];
	bool catalina;
	char server_number[IA_MAX_VERSION];
};

static void jar_pom(struct jar_walk *w, const char *where, const char *member, const char *data,
		    size_t len, const char *outer)
{
	char g[256], a[256], v[IA_MAX_VERSION], name[600], path[IA_MAX_PATH + 64];

	if (!sw_header(data, len, "groupId=", g, sizeof(g)) ||
	    !sw_header(data, len, "artifactId=", a, sizeof(a)) ||
	    !sw_header(data, len, "version=", v, sizeof(v))) {
		snprintf(path, sizeof(path), "%s!/%s", where, member);
		sw_issue(w->c, path, -IA_ECORRUPT,
			 "pom.properties without groupId, artifactId and version");
		return;
	}
	snprintf(name, sizeof(name), "%s:%s", g, a);
	snprintf(path, sizeof(path), "%s!/%s", where, member);
	struct sw_comp comp = {.name = name,
			       .version = v,
			       .ecosystem = "Maven",
			       .path = path,
			       .how = "version in META-INF/maven/.../pom.properties",
			       .parent = outer,
			       .dir = where,
			       .kind = INV_COMP_LIBRARY};
	sw_add(w->c, &comp);
}

static void jar_member(struct jar_walk *w, struct archive *a, const char *where, const char *member,
		       const char *outer, int depth, struct jar_found *jf)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_NESTED_JAR + 1);
	char path[IA_MAX_PATH + 64];
	bool manifest = strcmp(member, "META-INF/MANIFEST.MF") == 0;
	bool pom =
		strncmp(member, "META-INF/maven/", 15) == 0 && sw_ends(member, "/pom.properties");
	bool serverinfo = strcmp(member, "org/apache/catalina/util/ServerInfo.properties") == 0;
	bool nested = sw_ends(member, ".jar") || sw_ends(member, ".war");
	int r;

	if (!manifest && !pom && !serverinfo && !nested)
		return;
	snprintf(path, sizeof(path), "%s!/%s", where, member);
	if (nested && depth + 1 >= IA_MAX_JAR_DEPTH) {
		sw_issue(w->c, path, 0,
			 "archive nested more than %d deep (limit IA_MAX_JAR_DEPTH) not read",
			 IA_MAX_JAR_DEPTH);
		return;
	}
	r = member_read(w, a, &b, nested ? IA_MAX_NESTED_JAR : IA_MAX_SW_FILE);
	if (r == -IA_ETOOBIG) {
		sw_issue(w->c, path, r,
			 "archive not read further: more than %u bytes decompressed (limit "
			 "IA_MAX_JAR_BYTES)",
			 (unsigned)IA_MAX_JAR_BYTES);
		w->stopped = true;
	} else if (r < 0) {
		sw_issue(w->c, path, r, "member not read: %s", archive_error_string(a));
	} else if (r == 1) {
		sw_issue(w->c, path, -IA_ETOOBIG, "member larger than %u bytes not read (limit %s)",
			 nested ? (unsigned)IA_MAX_NESTED_JAR : (unsigned)IA_MAX_SW_FILE,
			 nested ? "IA_MAX_NESTED_JAR" : "IA_MAX_SW_FILE");
	} else if (manifest) {
		if (!manifest_get(b.data, b.len, "Implementation-Title", jf->mf_title,
				  sizeof(jf->mf_title)) &&
		    !manifest_get(b.data, b.len, "Bundle-SymbolicName", jf->mf_title,
				  sizeof(jf->mf_title)))
			jf->mf_title[0] = '\0';
		if (!manifest_get(b.data, b.len, "Implementation-Version", jf->mf_version,
				  sizeof(jf->mf_version)) &&
		    !manifest_get(b.data, b.len, "Bundle-Version", jf->mf_version,
				  sizeof(jf->mf_version)))
			jf->mf_version[0] = '\0';
		char *semi = strchr(jf->mf_title, ';'); /* Bundle-SymbolicName: x;singleton:=true */
		if (semi)
			*semi = '\0';
	} else if (pom) {
		jf->pom = true;
		jar_pom(w, where, member, b.data, b.len, outer);
	} else if (serverinfo) {
		if (!sw_header(b.data, b.len, "server.number=", jf->server_number,
			       sizeof(jf->server_number)))
			jf->server_number[0] = '\0';
	} else if (nested) {
		struct archive *in = archive_read_new();

		if (!in) {
			w->stopped = true;
		} else {
			archive_read_support_format_zip(in);
			if (archive_read_open_memory(in, b.data, b.len) != ARCHIVE_OK)
				sw_issue(w->c, path, -IA_ECORRUPT, "not read as a zip archive: %s",
					 archive_error_string(in));
			else
				jar_read(w, in, path, where, depth + 1);
			archive_read_free(in);
		}
	}
	ia_buf_release(&b);
}

static void jar_read(struct jar_walk *w, struct archive *a, const char *where, const char *outer,
		     int depth)
{
	struct archive_entry *ae;
	struct jar_found jf = {0};
	size_t members = 0;
	const char *base = strrchr(where, '/');
	int r;

	base = base ? base + 1 : where;
	jf.catalina = strcmp(base, "catalina.jar") == 0;
	while (!w->stopped && (r = archive_read_next_header(a, &ae)) != ARCHIVE_EOF) {
		const char *name;

		if (r < ARCHIVE_WARN) {
			sw_issue(w->c, where, -IA_ECORRUPT, "archive not read to its end: %s",
				 archive_error_string(a));
			break;
		}
		if (++members > IA_MAX_JAR_MEMBERS) {
			sw_issue(w->c, where, -IA_ETOOBIG,
				 "more than %u members (limit IA_MAX_JAR_MEMBERS); the rest "
				 "not read",
				 (unsigned)IA_MAX_JAR_MEMBERS);
			break;
		}
		name = archive_entry_pathname(ae);
		if (!name || archive_entry_filetype(ae) != AE_IFREG)
			continue;
		jar_member(w, a, where, name, outer, depth, &jf);
	}
	if (jf.catalina && (jf.server_number[0] || jf.mf_version[0])) {
		char dir[IA_MAX_PATH];
		struct sw_comp comp = {
			.name = "tomcat",
			.version = jf.server_number[0] ? jf.server_number : jf.mf_version,
			.ecosystem = "generic",
			.path = where,
			.how = jf.server_number[0]
				       ? "server.number in catalina.jar's ServerInfo.properties"
				       : "Implementation-Version in catalina.jar's MANIFEST.MF",
			.dir = dir,
			.kind = INV_COMP_SERVER};

		sw_dirname(where, dir, sizeof(dir));
		sw_dirname(dir, dir, sizeof(dir));
		sw_add(w->c, &comp);
		return;
	}
	if (jf.pom)
		return;
	char name[256], version[IA_MAX_VERSION], dir[IA_MAX_PATH];
	const char *how;

	if (jf.mf_title[0]) {
		snprintf(name, sizeof(name), "%s", jf.mf_title);
		snprintf(version, sizeof(version), "%s", jf.mf_version);
		how = jf.mf_version[0] ? "Implementation-Version or Bundle-Version in MANIFEST.MF"
				       : "MANIFEST.MF names no version";
	} else if (name_version_of_file(base, name, sizeof(name), version, sizeof(version))) {
		how = "the archive's file name";
	} else {
		how = "no pom.properties, manifest version or versioned file name";
	}
	sw_dirname(where, dir, sizeof(dir));
	struct sw_comp comp = {.name = name,
			       .version = version,
			       .ecosystem = "generic",
			       .path = where,
			       .how = how,
			       .parent = outer,
			       .dir = dir,
			       .kind = INV_COMP_LIBRARY};
	sw_add(w->c, &comp);
}

static void jar_file(struct sw_ctx *c, const struct tgt_entry *e)
{
	struct jar_walk w = {.c = c};
	struct archive *a;
	int fd = tgt_open_entry(c->t, e);

	if (fd < 0) {
		sw_issue(c, e->path, fd, "not read: %s", ia_strerror(fd));
		return;
	}
	a = archive_read_new();
	if (!a) {
		close(fd);
		return;
	}
	archive_read_support_format_zip(a);
	if (archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK)
		sw_issue(c, e->path, -IA_ECORRUPT, "not read as a zip archive: %s",
			 archive_error_string(a));
	else
		jar_read(&w, a, e->path, "", 0);
	archive_read_free(a);
	close(fd);
}

/* ---- Go build information (.go.buildinfo, Go >= 1.18 inline format) ---- */

static uint64_t rd(const unsigned char *p, int n, bool be)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[be ? n - 1 - i : i] << (8 * i);
	return v;
}

/* Offset and size of the .go.buildinfo section of ELF e; false when none. */
static bool elf_buildinfo(struct sw_ctx *c, const struct tgt_entry *e, uint64_t *off,
			  uint64_t *size)
{
	unsigned char h[64], sh[64];
	bool is64, be;
	uint64_t shoff, shstr_off = 0;
	unsigned shentsize, shnum, shstrndx;

	if (tgt_pread(c->t, e, h, sizeof(h), 0) != (ssize_t)sizeof(h) || memcmp(h,
										"\x7f"
										"ELF",
										4) != 0)
		return false;
	is64 = h[4] == 2;
	be = h[5] == 2;
	shoff = is64 ? rd(h + 40, 8, be) : rd(h + 32, 4, be);
	shentsize = (unsigned)rd(h + (is64 ? 58 : 46), 2, be);
	shnum = (unsigned)rd(h + (is64 ? 60 : 48), 2, be);
	shstrndx = (unsigned)rd(h + (is64 ? 62 : 50), 2, be);
	if (shnum == 0 || shnum > IA_MAX_ELF_SECTIONS || shstrndx >= shnum ||
	    shentsize < (is64 ? 64u : 40u) || shentsize > 256)
		return false;
	/* the section names' string table */
	if (tgt_pread(c->t, e, sh, is64 ? 64 : 40, shoff + (uint64_t)shstrndx * shentsize) !=
	    (is64 ? 64 : 40))
		return false;
	shstr_off = is64 ? rd(sh + 24, 8, be) : rd(sh + 16, 4, be);
	for (unsigned i = 0; i < shnum; i++) {
		char nm[16];

		if (tgt_pread(c->t, e, sh, is64 ? 64 : 40, shoff + (uint64_t)i * shentsize) !=
		    (is64 ? 64 : 40))
			return false;
		uint64_t name = rd(sh, 4, be);

		if (tgt_pread(c->t, e, nm, 14, shstr_off + name) != 14 ||
		    memcmp(nm, ".go.buildinfo", 14) != 0)
			continue;
		*off = is64 ? rd(sh + 24, 8, be) : rd(sh + 16, 4, be);
		*size = is64 ? rd(sh + 32, 8, be) : rd(sh + 20, 4, be);
		return true;
	}
	return false;
}

/* An unsigned varint at *p (end e): the value, *p moved past it; false when malformed. */
static bool uvarint(const unsigned char **p, const unsigned char *e, uint64_t *v)
{
	*v = 0;
	for (int s = 0; *p < e && s < 64; s += 7) {
		unsigned char b = *(*p)++;

		*v |= (uint64_t)(b & 0x7f) << s;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

static void go_line(struct sw_ctx *c, const char *path, const char *line, size_t n, char *main_mod,
		    size_t mn, const char *gover)
{
	char f[3][512];
	size_t k = 0, o = 0;

	/* "mod\tPATH\tVERSION\tSUM" or "dep\tPATH\tVERSION\tSUM" ("=>" lines replace the last) */
	bool mod = n > 4 && memcmp(line, "mod\t", 4) == 0;
	bool dep = n > 4 && memcmp(line, "dep\t", 4) == 0;

	if (!mod && !dep)
		return;
	for (size_t i = 4; i < n && k < 3; i++) {
		if (line[i] == '\t') {
			f[k][o] = '\0';
			k++;
			o = 0;
		} else if (o + 1 < sizeof(f[0])) {
			f[k][o++] = line[i];
		}
	}
	if (k < 3)
		f[k][o] = '\0';
	for (size_t i = k + 1; i < 3; i++)
		f[i][0] = '\0';
	if (!f[0][0])
		return;
	if (mod)
		snprintf(main_mod, mn, "%s", f[0]);
	char dir[IA_MAX_PATH];
	struct sw_comp comp = {.name = f[0],
			       .version = f[1],
			       .ecosystem = "Go",
			       .path = path,
			       .how = mod ? "main module in the binary's Go build information"
					  : "dependency in the binary's Go build information",
			       .parent = mod ? "" : main_mod,
			       .dir = dir,
			       .kind = INV_COMP_LIBRARY};
	sw_dirname(path, dir, sizeof(dir));
	(void)gover;
	sw_add(c, &comp);
}

static void go_file(struct sw_ctx *c, const struct tgt_entry *e)
{
	uint64_t off = 0, size = 0, len;
	const unsigned char *p, *end;
	char gover[64], main_mod[512] = "";

	if (!(e->mode & 0111) || e->size < 64 || !elf_buildinfo(c, e, &off, &size))
		return;
	if (size < 32 || size > IA_MAX_GO_BUILDINFO) {
		sw_issue(c, e->path, size < 32 ? -IA_ECORRUPT : -IA_ETOOBIG,
			 "Go build information of %llu bytes not read (limit IA_MAX_GO_BUILDINFO)",
			 (unsigned long long)size);
		return;
	}
	ia_buf_reset(&c->buf);
	int ret = 0;
	unsigned char *b = (unsigned char *)ia_buf_reserve(&c->buf, (size_t)size + 1, &ret);

	if (!b || tgt_pread(c->t, e, b, (size_t)size, off) != (ssize_t)size) {
		sw_issue(c, e->path, -EIO, "Go build information not read");
		return;
	}
	if (memcmp(b, "\xff Go buildinf:", 14) != 0) {
		sw_issue(c, e->path, -IA_ECORRUPT, ".go.buildinfo without its magic");
		return;
	}
	if (!(b[15] & 2)) {
		sw_issue(c, e->path, 0,
			 "Go build information in the pointer format of Go before 1.18 is not "
			 "read: its modules are not listed");
		return;
	}
	p = b + 32;
	end = b + size;
	if (!uvarint(&p, end, &len) || len > (uint64_t)(end - p) || len >= sizeof(gover)) {
		sw_issue(c, e->path, -IA_ECORRUPT, "malformed Go build information");
		return;
	}
	snprintf(gover, sizeof(gover), "%.*s", (int)len, (const char *)p);
	p += len;
	if (!uvarint(&p, end, &len) || len > (uint64_t)(end - p)) {
		sw_issue(c, e->path, -IA_ECORRUPT, "malformed Go build information");
		return;
	}
	/* the toolchain's standard library: OSV's Go ecosystem calls it "stdlib" */
	char dir[IA_MAX_PATH];
	struct sw_comp std = {.name = "stdlib",
			      .version = strncmp(gover, "go", 2) == 0 ? gover + 2 : gover,
			      .ecosystem = "Go",
			      .path = e->path,
			      .how = "Go toolchain version in the binary's Go build information",
			      .dir = dir,
			      .kind = INV_COMP_LIBRARY};
	sw_dirname(e->path, dir, sizeof(dir));
	sw_add(c, &std);
	/* modinfo: 16 bytes of sentinel, lines, 16 bytes of sentinel */
	const char *mi = (const char *)p, *me = (const char *)p + len;

	if (len >= 32) {
		mi += 16;
		me -= 16;
	}
	while (mi < me) {
		const char *nl = memchr(mi, '\n', (size_t)(me - mi));

		if (!nl)
			nl = me;
		go_line(c, e->path, mi, (size_t)(nl - mi), main_mod, sizeof(main_mod), gover);
		mi = nl + 1;
	}
}

/* ---- dispatch ---- */

void sw_lang_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	if (strcmp(base, "package.json") == 0) {
		if (npm_package_json(e->path))
			npm_file(c, e);
	} else if (strcmp(base, "installed.json") == 0) {
		if (sw_ends(e->path, "/vendor/composer/installed.json"))
			composer_file(c, e);
	} else if (strcmp(base, "METADATA") == 0) {
		char dir[IA_MAX_PATH];

		sw_dirname(e->path, dir, sizeof(dir));
		if (sw_ends(dir, ".dist-info"))
			python_file(c, e, "Version: in the dist-info's METADATA");
	} else if (strcmp(base, "PKG-INFO") == 0) {
		char dir[IA_MAX_PATH];

		sw_dirname(e->path, dir, sizeof(dir));
		if (sw_ends(dir, ".egg-info"))
			python_file(c, e, "Version: in the egg-info's PKG-INFO");
	} else if (sw_ends(base, ".egg-info")) {
		python_file(c, e, "Version: in the .egg-info file");
	} else if (sw_ends(base, ".jar") || sw_ends(base, ".war") || sw_ends(base, ".ear")) {
		jar_file(c, e);
	} else {
		go_file(c, e);
	}
}
