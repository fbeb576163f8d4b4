/* os.c — OS identity: os-release, then the distribution's own release files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

/* ---- family ---- */

static bool ieq(const char *a, size_t an, const char *b)
{
	return strlen(b) == an && strncasecmp(a, b, an) == 0;
}

static const char *family_of_word(const char *w, size_t n)
{
	static const struct {
		const char *id;
		const char *family;
	} tab[] = {
		{"debian", "debian"},
		{"ubuntu", "debian"},
		{"raspbian", "debian"},
		{"linuxmint", "debian"},
		{"kali", "debian"},
		{"devuan", "debian"},
		{"pop", "debian"},
		{"elementary", "debian"},
		{"neon", "debian"},
		{"deepin", "debian"},
		{"alpine", "alpine"},
		{"postmarketos", "alpine"},
		{"rhel", "rhel"},
		{"centos", "rhel"},
		{"rocky", "rhel"},
		{"almalinux", "rhel"},
		{"ol", "rhel"},
		{"fedora", "rhel"},
		{"amzn", "rhel"},
		{"alinux", "rhel"},
		{"anolis", "rhel"},
		{"openeuler", "rhel"},
		{"kylin", "rhel"},
		{"scientific", "rhel"},
		{"circle", "rhel"},
		{"eurolinux", "rhel"},
		{"cloudlinux", "rhel"},
		{"virtuozzo", "rhel"},
		{"opencloudos", "rhel"},
		{"tencentos", "rhel"},
		{"sles", "suse"},
		{"sles_sap", "suse"},
		{"sled", "suse"},
		{"opensuse", "suse"},
		{"opensuse-leap", "suse"},
		{"opensuse-tumbleweed", "suse"},
		{"opensuse-microos", "suse"},
		{"sle-micro", "suse"},
		{"sl-micro", "suse"},
		{"sle-micro-rancher", "suse"},
		{"suse", "suse"},
		{"arch", "arch"},
		{"manjaro", "arch"},
	};

	for (size_t i = 0; i < IA_ARRAY_SIZE(tab); i++)
		if (ieq(w, n, tab[i].id))
			return tab[i].family;
	return "";
}

const char *inv_os_family(const char *id, const char *id_like)
{
	const char *fam = id ? family_of_word(id, strlen(id)) : "";
	const char *s = id_like;

	if (fam[0] || !s)
		return fam;
	/* ID_LIKE lists the closest first */
	while (*s) {
		size_t n;

		while (*s == ' ' || *s == '\t')
			s++;
		n = strcspn(s, " \t");
		if (!n)
			break;
		fam = family_of_word(s, n);
		if (fam[0])
			return fam;
		s += n;
	}
	return "";
}

/* ---- Debian and Ubuntu codenames ---- */

static const char *debian_codename(const char *version_id)
{
	static const char *const names[] = {
		[4] = "etch",      [5] = "lenny",   [6] = "squeeze", [7] = "wheezy",
		[8] = "jessie",    [9] = "stretch", [10] = "buster", [11] = "bullseye",
		[12] = "bookworm", [13] = "trixie", [14] = "forky",  [15] = "duke",
	};
	unsigned major = 0;
	const char *p = version_id;

	if (!isdigit((unsigned char)*p))
		return "";
	while (isdigit((unsigned char)*p) && major < 1000)
		major = major * 10 + (unsigned)(*p++ - '0');
	if (major < IA_ARRAY_SIZE(names) && names[major])
		return names[major];
	return "";
}

/* "16.04.7 LTS (Xenial Xerus)" or "14.04.6 LTS, Trusty Tahr" -> "xenial" / "trusty" */
static const char *ubuntu_codename(struct inv_facts *f, const char *version)
{
	const char *p = strchr(version, '(');
	char w[64];
	size_t n = 0;

	if (!p) {
		p = strchr(version, ',');
		if (!p)
			return "";
	}
	p++;
	while (*p == ' ')
		p++;
	while (isalpha((unsigned char)p[n]) && n < sizeof(w) - 1) {
		w[n] = (char)tolower((unsigned char)p[n]);
		n++;
	}
	w[n] = '\0';
	return n ? ia_pool_strdup(&f->pool, w) : "";
}

/* ---- shell-style KEY=value ---- */

struct kv {
	const char *key;
	size_t keyn;
	char *val; /* unquoted, in the pool */
};

/*
 * Parses one KEY=value line the way a POSIX shell would assign it: "..." with
 * backslash escapes of " \ $ `, '...' literal, bare words with backslash escapes.
 * Returns 1 (kv set), 0 (blank or comment) or -IA_ECORRUPT raised into err (line lineno;
 * the path left for the caller).
 */
static int parse_kv(struct inv_facts *f, const char *s, size_t n, unsigned lineno, struct kv *kv,
		    struct ia_err *err)
{
	size_t i = 0, k;
	char *out;
	size_t o = 0;

	ia_trim(&s, &n);
	if (!n || s[0] == '#')
		return 0;
	if (ia_starts_with(s, n, "export ") || ia_starts_with(s, n, "export\t")) {
		s += 7;
		n -= 7;
		ia_trim(&s, &n);
	}
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_')) {
		return IA_CORRUPT(err, "", lineno, "not a KEY=value line");
	}
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	if (i >= n || s[i] != '=') {
		return IA_CORRUPT(err, "", lineno, "not a KEY=value line");
	}
	k = i++;
	out = ia_pool_alloc(&f->pool, n - i + 1);
	while (i < n) {
		char c = s[i];

		if (c == '"') {
			i++;
			while (i < n && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < n &&
				    (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' ||
				     s[i + 1] == '`'))
					i++;
				out[o++] = s[i++];
			}
			if (i >= n) {
				return IA_CORRUPT(err, "", lineno, "unterminated double quote");
			}
			i++;
		} else if (c == '\'') {
			i++;
			while (i < n && s[i] != '\'')
				out[o++] = s[i++];
			if (i >= n) {
				return IA_CORRUPT(err, "", lineno, "unterminated single quote");
			}
			i++;
		} else if (c == '\\') {
			if (i + 1 < n)
				out[o++] = s[i + 1];
			i += 2;
		} else if (c == ' ' || c == '\t') {
			/* only a comment may follow */
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < n && s[i] != '#') {
				return IA_CORRUPT(err, "", lineno, "unquoted space in value");
			}
			break;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	if (!ia_is_text(out, o)) {
		return IA_CORRUPT(err, "", lineno, "control characters in value");
	}
	kv->key = s;
	kv->keyn = k;
	kv->val = out;
	return 1;
}

static char *lower_dup(struct inv_facts *f, const char *s)
{
	char *d = ia_pool_strdup(&f->pool, s);

	for (char *c = d; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return d;
}

int inv_os_parse_release(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	struct inv_os os = f->os;
	struct ia_lines c;
	struct inv_fp fp;
	const char *line;
	size_t n;
	int r;
	unsigned good = 0;
	const char *id = NULL, *ucode = NULL;

	inv_fp_init(&fp, f, INV_AREA_OS, path);
	os.id = os.id_like = os.version_id = os.version = os.codename = "";
	os.name = os.pretty_name = os.family = os.cpe = "";
	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		struct kv kv;
		struct ia_err err = {0};

		if (r < 0) {
			inv_fp_long_line(&fp, c.lineno, r);
			continue;
		}
		r = parse_kv(f, line, n, c.lineno, &kv, &err);
		if (r == 0)
			continue;
		if (r < 0) {
			inv_fp_add_err(&fp, &err);
			continue;
		}
		good++;
		if (ia_eq(kv.key, kv.keyn, "ID"))
			id = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "ID_LIKE"))
			os.id_like = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "VERSION_ID"))
			os.version_id = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "VERSION"))
			os.version = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "VERSION_CODENAME"))
			os.codename = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "UBUNTU_CODENAME"))
			ucode = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "NAME"))
			os.name = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "PRETTY_NAME"))
			os.pretty_name = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "CPE_NAME"))
			os.cpe = kv.val;
	}
	if (!good) {
		inv_fp_add(&fp, 0, -IA_ECORRUPT, "no KEY=value line: not an os-release file");
		return inv_fp_finish(&fp);
	}
	if (id && id[0]) {
		os.id = lower_dup(f, id);
		os.known = true;
	} else {
		inv_fp_add(&fp, 0, -IA_ECORRUPT,
			   "no ID= line; taken as \"linux\" as os-release says");
		os.id = "linux";
		os.known = false;
	}
	if (!os.codename[0] && ucode)
		os.codename = ucode;
	if (!os.codename[0] && strcmp(os.id, "debian") == 0)
		os.codename = debian_codename(os.version_id);
	if (!os.codename[0] && strcmp(os.id, "ubuntu") == 0)
		os.codename = ubuntu_codename(f, os.version);
	os.family = inv_os_family(os.id, os.id_like);
	os.source = ia_pool_strdup(&f->pool, path);
	if (!os.pretty_name[0])
		os.pretty_name = os.name;
	f->os = os;
	return inv_fp_finish(&fp);
}

/* ---- fallbacks ---- */

/* First line of data, trimmed, into the pool; NULL when empty or not text. */
static char *first_line(struct inv_facts *f, const char *data, size_t len)
{
	struct ia_lines c;
	const char *l;
	size_t n;

	ia_lines_init(&c, data, len);
	if (ia_lines_next(&c, &l, &n) != 1)
		return NULL;
	ia_trim(&l, &n);
	if (!n || !ia_is_text(l, n))
		return NULL;
	return ia_pool_strndup(&f->pool, l, n);
}

static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Leading digits-and-dots of s ("7.6.1810" of "7.6.1810 (Core)"), in the pool. */
static const char *numeric_version(struct inv_facts *f, const char *s)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]) ||
	       (s[n] == '.' && n && isdigit((unsigned char)s[n + 1])))
		n++;
	return ia_pool_strndup(&f->pool, s, n);
}

static void set_os(struct inv_facts *f, const char *path, const char *id, const char *version_id,
		   const char *codename, const char *pretty)
{
	struct inv_os *os = &f->os;

	os->id = id;
	os->id_like = "";
	os->version_id = version_id;
	os->version = pretty;
	os->codename = codename;
	os->name = pretty;
	os->pretty_name = pretty;
	os->family = inv_os_family(id, NULL);
	os->cpe = "";
	os->source = ia_pool_strdup(&f->pool, path);
	os->known = true;
}

/* "<Name> release <version> (<extra>)" of the RPM family. */
static int parse_rpm_oneliner(struct inv_facts *f, struct inv_fp *fp, const char *line)
{
	static const struct {
		const char *prefix;
		const char *id;
	} names[] = {
		{"CentOS Stream", "centos"},
		{"CentOS", "centos"},
		{"Red Hat Enterprise Linux", "rhel"},
		{"Red Hat Linux", "rhel"},
		{"Fedora", "fedora"},
		{"Oracle Linux", "ol"},
		{"Rocky Linux", "rocky"},
		{"AlmaLinux", "almalinux"},
		{"Amazon Linux", "amzn"},
		{"Alibaba Cloud Linux", "alinux"},
		{"Aliyun Linux", "alinux"},
		{"Anolis OS", "anolis"},
		{"openEuler", "openeuler"},
		{"Kylin Linux", "kylin"},
		{"Scientific Linux", "scientific"},
		{"CloudLinux", "cloudlinux"},
		{"EuroLinux", "eurolinux"},
		{"Virtuozzo", "virtuozzo"},
	};
	const char *rel = strstr(line, " release ");
	const char *id = NULL;

	for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++)
		if (strncasecmp(line, names[i].prefix, strlen(names[i].prefix)) == 0) {
			id = names[i].id;
			break;
		}
	if (!rel || !id) {
		inv_fp_add(fp, 1, -IA_ECORRUPT,
			   "not a \"<name> release <version>\" line of a known "
			   "distribution");
		return -IA_ECORRUPT;
	}
	const char *ver = numeric_version(f, rel + 9);

	if (!ver[0]) {
		inv_fp_add(fp, 1, -IA_ECORRUPT, "no version number after \"release\"");
		return -IA_ECORRUPT;
	}
	set_os(f, fp->path, id, ver, "", line);
	return 0;
}

static int parse_lsb(struct inv_facts *f, struct inv_fp *fp, const char *data, size_t len)
{
	struct ia_lines c;
	const char *line, *id = NULL, *rel = "", *code = "", *desc = "";
	size_t n;
	int r;

	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		struct kv kv;
		struct ia_err err = {0};

		if (r < 0) {
			inv_fp_long_line(fp, c.lineno, r);
			continue;
		}
		r = parse_kv(f, line, n, c.lineno, &kv, &err);
		if (r == 0)
			continue;
		if (r < 0) {
			inv_fp_add_err(fp, &err);
			continue;
		}
		if (ia_eq(kv.key, kv.keyn, "DISTRIB_ID"))
			id = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "DISTRIB_RELEASE"))
			rel = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "DISTRIB_CODENAME"))
			code = kv.val;
		else if (ia_eq(kv.key, kv.keyn, "DISTRIB_DESCRIPTION"))
			desc = kv.val;
	}
	if (!id || !id[0]) {
		inv_fp_add(fp, 0, -IA_ECORRUPT, "no DISTRIB_ID= line");
		return -IA_ECORRUPT;
	}
	id = lower_dup(f, id);
	if (f->os.known) {
		/* complete an os-release that lacked the codename (old Ubuntu) */
		if (!f->os.codename[0] && strcmp(f->os.id, id) == 0)
			f->os.codename = code;
		return 0;
	}
	set_os(f, fp->path, id, rel, code, desc[0] ? desc : id);
	return 0;
}

static int parse_debian_version(struct inv_facts *f, struct inv_fp *fp, const char *line)
{
	char *pretty;
	size_t n = strlen(line);

	pretty = ia_pool_alloc(&f->pool, n + sizeof("Debian GNU/Linux "));
	memcpy(pretty, "Debian GNU/Linux ", sizeof("Debian GNU/Linux ") - 1);
	memcpy(pretty + sizeof("Debian GNU/Linux ") - 1, line, n + 1);
	if (isdigit((unsigned char)line[0])) {
		const char *ver = numeric_version(f, line);
		size_t maj = strcspn(ver, ".");
		/* os-release's VERSION_ID is the major number (12), debian_version the point
		 * release (12.15); 3.1 and older had two-part majors */
		const char *vid = ia_pool_strndup(&f->pool, ver,
						  (maj == 1 && ver[0] < '4') ? strlen(ver) : maj);

		set_os(f, fp->path, "debian", vid, debian_codename(vid), pretty);
		f->os.version = ver;
		return 0;
	}
	/* testing/unstable: "bookworm/sid" */
	size_t w = 0;

	while (islower((unsigned char)line[w]))
		w++;
	if (!w || (line[w] != '/' && line[w] != '\0')) {
		inv_fp_add(fp, 1, -IA_ECORRUPT, "neither a version nor a codename");
		return -IA_ECORRUPT;
	}
	set_os(f, fp->path, "debian", "", ia_pool_strndup(&f->pool, line, w), pretty);
	return 0;
}

/* SuSE-release: "SUSE Linux Enterprise Server 12 (x86_64)" then VERSION = 12, PATCHLEVEL = 3 */
static int parse_suse(struct inv_facts *f, struct inv_fp *fp, const char *data, size_t len,
		      const char *first)
{
	struct ia_lines c;
	const char *line, *id;
	char ver[64] = "", patch[32] = "", code[64] = "";
	size_t n;

	if (strncasecmp(first, "openSUSE", 8) == 0)
		id = "opensuse";
	else if (strncasecmp(first, "SUSE Linux Enterprise Server", 28) == 0)
		id = "sles";
	else if (strncasecmp(first, "SUSE Linux Enterprise Desktop", 29) == 0)
		id = "sled";
	else if (strncasecmp(first, "SUSE", 4) == 0)
		id = "sles";
	else {
		inv_fp_add(fp, 1, -IA_ECORRUPT, "not a SUSE release line");
		return -IA_ECORRUPT;
	}
	ia_lines_init(&c, data, len);
	while (ia_lines_next(&c, &line, &n) > 0) {
		const char *k, *v;
		size_t kn, vn;
		char *dst = NULL;
		size_t dn = 0;

		if (!ia_split(line, n, '=', &k, &kn, &v, &vn))
			continue;
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (ia_eq(k, kn, "VERSION"))
			dst = ver, dn = sizeof(ver);
		else if (ia_eq(k, kn, "PATCHLEVEL"))
			dst = patch, dn = sizeof(patch);
		else if (ia_eq(k, kn, "CODENAME"))
			dst = code, dn = sizeof(code);
		if (dst && vn < dn && ia_is_text(v, vn)) {
			memcpy(dst, v, vn);
			dst[vn] = '\0';
		}
	}
	if (!ver[0]) {
		const char *p = first;

		while (*p && !isdigit((unsigned char)*p))
			p++;
		snprintf(ver, sizeof(ver), "%s", numeric_version(f, p));
	}
	if (!ver[0]) {
		inv_fp_add(fp, 0, -IA_ECORRUPT, "no version");
		return -IA_ECORRUPT;
	}
	char vid[100];

	if (patch[0] && strcmp(patch, "0") != 0 && !strchr(ver, '.'))
		snprintf(vid, sizeof(vid), "%s.%s", ver, patch);
	else
		snprintf(vid, sizeof(vid), "%s", ver);
	set_os(f, fp->path, id, ia_pool_strdup(&f->pool, vid), lower_dup(f, code), first);
	return 0;
}

int inv_os_parse_fallback(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	const char *base = basename_of(path);
	struct inv_fp fp;
	char *line;

	inv_fp_init(&fp, f, INV_AREA_OS, path);
	if (strcmp(base, "lsb-release") == 0) {
		parse_lsb(f, &fp, data, len);
		return inv_fp_finish(&fp);
	}
	bool known = strcmp(base, "debian_version") == 0 || strcmp(base, "alpine-release") == 0 ||
		     strcmp(base, "SuSE-release") == 0 || strcmp(base, "redhat-release") == 0 ||
		     strcmp(base, "centos-release") == 0 || strcmp(base, "fedora-release") == 0 ||
		     strcmp(base, "oracle-release") == 0 || strcmp(base, "rocky-release") == 0 ||
		     strcmp(base, "almalinux-release") == 0 || strcmp(base, "system-release") == 0;

	if (!known)
		return -IA_EUNSUPPORTED;
	if (f->os.known)
		return 0;
	line = first_line(f, data, len);
	if (!line) {
		inv_fp_add(&fp, 1, -IA_ECORRUPT, "empty or not text");
		return inv_fp_finish(&fp);
	}
	if (strcmp(base, "debian_version") == 0)
		parse_debian_version(f, &fp, line);
	else if (strcmp(base, "alpine-release") == 0) {
		const char *v = numeric_version(f, line);

		if (v[0])
			set_os(f, path, "alpine", v, "", line);
		else
			inv_fp_add(&fp, 1, -IA_ECORRUPT, "not an Alpine version");
	} else if (strcmp(base, "SuSE-release") == 0)
		parse_suse(f, &fp, data, len, line);
	else
		parse_rpm_oneliner(f, &fp, line);
	return inv_fp_finish(&fp);
}

/* ---- the collector ---- */

int inv_collect_os(const struct tgt *t, struct inv_facts *f)
{
	static const char *const release[] = {"/etc/os-release", "/usr/lib/os-release"};
	/* most specific first: an Oracle or CentOS image also has redhat-release */
	static const char *const fallbacks[] = {
		"/etc/oracle-release", "/etc/rocky-release",  "/etc/almalinux-release",
		"/etc/centos-release", "/etc/fedora-release", "/etc/redhat-release",
		"/etc/system-release", "/etc/SuSE-release",   "/etc/alpine-release",
		"/etc/lsb-release",    "/etc/debian_version",
	};
	struct ia_buf b = IA_BUF_INIT(IA_MAX_RELEASE_FILE);
	int r;

	for (size_t i = 0; i < IA_ARRAY_SIZE(release) && !f->os.known; i++) {
		r = inv_read(t, f, INV_AREA_OS, release[i], IA_MAX_RELEASE_FILE, &b);
		if (r == 1)
			inv_os_parse_release(f, release[i], b.data, b.len);
	}
	/* os-release of old Ubuntu has no codename; lsb-release has it */
	if (f->os.known && !f->os.codename[0] && strcmp(f->os.id, "ubuntu") == 0) {
		if (inv_read(t, f, INV_AREA_OS, "/etc/lsb-release", IA_MAX_RELEASE_FILE, &b) == 1)
			inv_os_parse_fallback(f, "/etc/lsb-release", b.data, b.len);
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(fallbacks) && !f->os.known; i++) {
		r = inv_read(t, f, INV_AREA_OS, fallbacks[i], IA_MAX_RELEASE_FILE, &b);
		if (r == 1)
			inv_os_parse_fallback(f, fallbacks[i], b.data, b.len);
	}
	ia_buf_release(&b);
	return 0;
}
