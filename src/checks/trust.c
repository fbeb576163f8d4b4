/* trust.c — checks of the trust family: package sources, security repository, signature checks */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The sources are read once per audit into a list of repositories that the
 * family's checks share: apt (sources.list, and in sources.list.d the one-line
 * *.list and the deb822 *.sources files), yum/dnf (*.repo, yum.conf, dnf.conf)
 * and apk (/etc/apk/repositories). The first check that needs them (PKG-001 in
 * catalogue order) reads them and alone records what could not be read, so a
 * bad file is reported once.
 */

enum repo_kind { REPO_APT = 1, REPO_YUM, REPO_APK };

struct repo {
	enum repo_kind kind;
	char *uri;        /* apt URI, yum baseurl/mirrorlist/metalink, apk line */
	char *suite;      /* apt: the first suite; yum: the repo id; apk: "" */
	char *components; /* apt: space-separated; apk: the last path component */
	char *path;
	unsigned line;
	bool src; /* apt deb-src only */
	bool enabled;
	char *unsigned_why; /* how signature checking is turned off, or NULL */
	unsigned unsigned_line;
};

struct repos {
	struct repo *v;
	size_t n, cap;
	bool any_config; /* some source file of a package manager exists */
	/* yum/dnf [main] gpgcheck: -1 unset, 0 off, 1 on, and where */
	int main_gpgcheck;
	char main_path[IA_MAX_PATH];
	unsigned main_line;
};

static struct repo *repo_add(struct repos *rs, enum repo_kind kind, const char *path, unsigned line)
{
	struct repo *r;

	ia_grow(&rs->v, sizeof(*rs->v), rs->n + 1, &rs->cap);
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->path = ia_xstrdup(path);
	r->line = line;
	r->enabled = true;
	r->uri = ia_xstrdup("");
	r->suite = ia_xstrdup("");
	r->components = ia_xstrdup("");
	return r;
}

static void repos_release(struct repos *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].uri);
		free(rs->v[i].suite);
		free(rs->v[i].components);
		free(rs->v[i].path);
		free(rs->v[i].unsigned_why);
	}
	free(rs->v);
}

static void repos_free(void *rs)
{
	repos_release(rs);
	free(rs);
}

static void set_str(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = ia_xstrndup(s, n);
}

/* Next space-separated word of [*p, end); false at the end. */
static bool next_word(const char **p, const char *end, const char **w, size_t *wn)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p >= end)
		return false;
	*w = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	*wn = (size_t)(*p - *w);
	return true;
}

static bool truthy(const char *v, size_t n)
{
	return ia_eq(v, n, "yes") || ia_eq(v, n, "true") || ia_eq(v, n, "1") ||
	       ia_eq(v, n, "Yes") || ia_eq(v, n, "True") || ia_eq(v, n, "on");
}

static bool falsy(const char *v, size_t n)
{
	return ia_eq(v, n, "no") || ia_eq(v, n, "false") || ia_eq(v, n, "0") || ia_eq(v, n, "No") ||
	       ia_eq(v, n, "False") || ia_eq(v, n, "off");
}

static struct fam_text *text_open(struct chk_ctx *ctx, struct repos *rs, const char *path,
				  struct ia_buf *b, struct fam_text *t)
{
	if (fam_read(ctx, path, FAM_MAX_CONF, b) < 0)
		return NULL;
	rs->any_config = true;
	fam_text_init(t, path, b);
	return t;
}

/* ---- apt ---- */

/* "deb [opt=v ...] uri suite [component...]" */
static void apt_line(struct repos *rs, const char *path, unsigned line, const char *l, size_t n)
{
	const char *p = l, *end = l + n, *w, *hash;
	size_t wn;
	struct repo *r;
	struct ia_buf comps = IA_BUF_INIT(IA_MAX_LINE);
	bool src;

	if ((hash = memchr(l, '#', n)))
		end = hash;
	if (!next_word(&p, end, &w, &wn))
		return;
	if (ia_eq(w, wn, "deb"))
		src = false;
	else if (ia_eq(w, wn, "deb-src"))
		src = true;
	else
		return;
	r = repo_add(rs, REPO_APT, path, line);
	r->src = src;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p)), *o = p + 1;

		if (!close)
			close = end;
		while (next_word(&o, close, &w, &wn)) {
			if ((ia_eq(w, wn, "trusted=yes") || ia_eq(w, wn, "allow-insecure=yes") ||
			     ia_eq(w, wn, "allow-weak=yes")) &&
			    !r->unsigned_why) {
				r->unsigned_why = ia_xstrndup(w, wn);
				r->unsigned_line = line;
			}
		}
		p = close < end ? close + 1 : end;
	}
	if (next_word(&p, end, &w, &wn))
		set_str(&r->uri, w, wn);
	if (next_word(&p, end, &w, &wn))
		set_str(&r->suite, w, wn);
	while (next_word(&p, end, &w, &wn)) {
		ia_buf_addf(&comps, "%s%.*s", comps.len ? " " : "", (int)wn, w);
	}
	set_str(&r->components, comps.data ? comps.data : "", comps.len);
	ia_buf_release(&comps);
}

static void apt_list(struct chk_ctx *ctx, struct repos *rs, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	const char *l;
	size_t n;

	if (text_open(ctx, rs, path, &b, &t))
		while (fam_next_line(ctx, &t, &l, &n))
			if (n && l[0] != '#')
				apt_line(rs, path, t.c.lineno, l, n);
	ia_buf_release(&b);
}

/* One deb822 stanza, fields gathered. */
struct stanza {
	char types[64], uris[1024], suites[512], comps[512];
	bool enabled, unsigned_set;
	char why[64];
	unsigned line, why_line;
};

static void stanza_field(char *dst, size_t cap, const char *v, size_t vn)
{
	if (vn >= cap)
		vn = cap - 1;
	memcpy(dst, v, vn);
	dst[vn] = '\0';
}

/* Emits one repo per (type, URI) of a stanza. */
static void stanza_flush(struct repos *rs, const char *path, struct stanza *s)
{
	const char *tp = s->types, *tend = s->types + strlen(s->types), *t;
	size_t tn;

	if (!s->line)
		return;
	while (next_word(&tp, tend, &t, &tn)) {
		const char *up = s->uris, *uend = s->uris + strlen(s->uris), *u;
		size_t un;
		bool src = ia_eq(t, tn, "deb-src");

		if (!src && !ia_eq(t, tn, "deb"))
			continue;
		while (next_word(&up, uend, &u, &un)) {
			struct repo *r = repo_add(rs, REPO_APT, path, s->line);
			const char *sp = s->suites, *send = s->suites + strlen(s->suites), *sw;
			size_t sn;

			r->src = src;
			r->enabled = s->enabled;
			set_str(&r->uri, u, un);
			if (next_word(&sp, send, &sw, &sn))
				set_str(&r->suite, sw, sn);
			set_str(&r->components, s->comps, strlen(s->comps));
			if (s->unsigned_set) {
				r->unsigned_why = ia_xstrdup(s->why);
				r->unsigned_line = s->why_line;
			}
		}
	}
	memset(s, 0, sizeof(*s));
}

static void apt_sources(struct chk_ctx *ctx, struct repos *rs, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	struct stanza *s = ia_xcalloc(1, sizeof(*s));
	const char *l;
	size_t n;

	if (!text_open(ctx, rs, path, &b, &t))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n)) {
		const char *k, *v;
		size_t kn, vn;

		if (n == 0) {
			stanza_flush(rs, path, s);
			continue;
		}
		if (l[0] == '#' || t.indented || !ia_split(l, n, ':', &k, &kn, &v, &vn))
			continue;
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (!s->line) {
			s->line = t.c.lineno;
			s->enabled = true;
		}
		if (kn == 5 && strncasecmp(k, "Types", 5) == 0)
			stanza_field(s->types, sizeof(s->types), v, vn);
		else if (kn == 4 && strncasecmp(k, "URIs", 4) == 0)
			stanza_field(s->uris, sizeof(s->uris), v, vn);
		else if (kn == 6 && strncasecmp(k, "Suites", 6) == 0)
			stanza_field(s->suites, sizeof(s->suites), v, vn);
		else if (kn == 10 && strncasecmp(k, "Components", 10) == 0)
			stanza_field(s->comps, sizeof(s->comps), v, vn);
		else if (kn == 7 && strncasecmp(k, "Enabled", 7) == 0)
			s->enabled = !falsy(v, vn);
		else if (((kn == 7 && strncasecmp(k, "Trusted", 7) == 0) ||
			  (kn == 14 && strncasecmp(k, "Allow-Insecure", 14) == 0) ||
			  (kn == 10 && strncasecmp(k, "Allow-Weak", 10) == 0)) &&
			 truthy(v, vn) && !s->unsigned_set) {
			s->unsigned_set = true;
			snprintf(s->why, sizeof(s->why), "%.*s: %.*s", (int)(kn > 20 ? 20 : kn), k,
				 (int)(vn > 20 ? 20 : vn), v);
			s->why_line = t.c.lineno;
		}
	}
	stanza_flush(rs, path, s);
done:
	free(s);
	ia_buf_release(&b);
}

static void apt_dir_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 5 && strcmp(e->path + n - 5, ".list") == 0)
		apt_list(ctx, arg, e->path);
	else if (n > 8 && strcmp(e->path + n - 8, ".sources") == 0)
		apt_sources(ctx, arg, e->path);
}

/* ---- yum / dnf ---- */

static void yum_file(struct chk_ctx *ctx, struct repos *rs, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	const char *l;
	size_t n;
	struct repo *r = NULL;
	bool in_main = false, in_url = false;
	int gpg = -1;
	unsigned gpg_line = 0;

	if (!text_open(ctx, rs, path, &b, &t))
		goto done;
	for (;;) {
		int more = fam_next_line(ctx, &t, &l, &n);
		const char *k, *v;
		size_t kn, vn;

		if (!more || (n && l[0] == '[')) {
			/* close the section */
			if (r && gpg == 0 && !r->unsigned_why) {
				r->unsigned_why = ia_xstrdup("gpgcheck=0");
				r->unsigned_line = gpg_line;
			} else if (r && gpg < 0 && rs->main_gpgcheck <= 0 && !r->unsigned_why) {
				r->unsigned_why =
					ia_xstrdup(rs->main_gpgcheck == 0
							   ? "gpgcheck=0 in [main]"
							   : "gpgcheck not set (off by default)");
				r->unsigned_line = rs->main_gpgcheck == 0 ? rs->main_line : r->line;
			}
			if (!more)
				break;
			in_main = ia_eq(l, n, "[main]");
			r = NULL;
			gpg = -1;
			in_url = false;
			if (!in_main && n > 2 && l[n - 1] == ']') {
				r = repo_add(rs, REPO_YUM, path, t.c.lineno);
				set_str(&r->suite, l + 1, n - 2);
			}
			continue;
		}
		if (n == 0 || l[0] == '#' || l[0] == ';')
			continue;
		if (t.indented && in_url && r && !r->uri[0]) {
			set_str(&r->uri, l, n); /* baseurl continued on the next line */
			continue;
		}
		in_url = false;
		if (!ia_split(l, n, '=', &k, &kn, &v, &vn))
			continue;
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (ia_eq(k, kn, "gpgcheck")) {
			int val = falsy(v, vn) ? 0 : 1;

			if (in_main) {
				rs->main_gpgcheck = val;
				snprintf(rs->main_path, sizeof(rs->main_path), "%s", path);
				rs->main_line = t.c.lineno;
			} else {
				gpg = val;
				gpg_line = t.c.lineno;
			}
		} else if (r && ia_eq(k, kn, "enabled")) {
			r->enabled = !falsy(v, vn);
		} else if (r && (ia_eq(k, kn, "baseurl") || ia_eq(k, kn, "mirrorlist") ||
				 ia_eq(k, kn, "metalink"))) {
			const char *p = v, *end = v + vn, *w;
			size_t wn;

			if (!r->uri[0] && next_word(&p, end, &w, &wn)) {
				/* a comma-separated list: keep the first URL */
				const char *c = memchr(w, ',', wn);

				set_str(&r->uri, w, c ? (size_t)(c - w) : wn);
			}
			in_url = ia_eq(k, kn, "baseurl");
		}
	}
done:
	ia_buf_release(&b);
}

static void yum_dir_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 5 && strcmp(e->path + n - 5, ".repo") == 0)
		yum_file(ctx, arg, e->path);
}

/* ---- apk ---- */

static void apk_file(struct chk_ctx *ctx, struct repos *rs, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	const char *l;
	size_t n;

	if (!text_open(ctx, rs, path, &b, &t))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n)) {
		const char *p = l, *end = l + n, *w, *slash;
		size_t wn;
		struct repo *r;

		if (n == 0 || l[0] == '#')
			continue;
		if (!next_word(&p, end, &w, &wn))
			continue;
		if (w[0] == '@' && !next_word(&p, end, &w, &wn)) /* "@tag url" */
			continue;
		r = repo_add(rs, REPO_APK, path, t.c.lineno);
		while (wn > 1 && w[wn - 1] == '/')
			wn--;
		set_str(&r->uri, w, wn);
		slash = memrchr(w, '/', wn);
		if (slash)
			set_str(&r->components, slash + 1, (size_t)(w + wn - slash - 1));
	}
done:
	ia_buf_release(&b);
}

static void repos_load(struct chk_ctx *ctx, struct repos *rs)
{
	rs->main_gpgcheck = -1;
	apt_list(ctx, rs, "/etc/apt/sources.list");
	fam_children(ctx, "/etc/apt/sources.list.d", apt_dir_entry, rs);
	/* [main] first so that repos without their own gpgcheck inherit it */
	yum_file(ctx, rs, "/etc/yum.conf");
	yum_file(ctx, rs, "/etc/dnf/dnf.conf");
	fam_children(ctx, "/etc/yum.repos.d", yum_dir_entry, rs);
	apk_file(ctx, rs, "/etc/apk/repositories");
}

/* The repositories of the image, read by the first check that asks (owned by ctx->state). */
static const struct repos *repos_get(struct chk_ctx *ctx)
{
	struct repos *rs = chk_memo_get(ctx, "trust.repos");

	if (rs)
		return rs;
	rs = ia_xcalloc(1, sizeof(*rs));
	repos_load(ctx, rs);
	chk_memo_put(ctx, "trust.repos", rs, repos_free);
	return rs;
}

/* ---- PKG-001: a security update source ---- */

static bool apt_is_security(const struct repo *r)
{
	size_t sl = strlen(r->suite);

	return (sl > 9 && strcmp(r->suite + sl - 9, "-security") == 0) ||
	       (sl > 8 && strcmp(r->suite + sl - 8, "/updates") == 0) ||
	       strstr(r->uri, "debian-security") || strstr(r->uri, "security.debian.org") ||
	       strstr(r->uri, "security.ubuntu.com");
}

static bool has_db(const struct inv_facts *f, enum inv_db kind)
{
	for (size_t i = 0; i < f->n_dbs && i < IA_ARRAY_SIZE(f->db_kinds); i++)
		if (f->db_kinds[i] == kind)
			return true;
	return false;
}

static void run_security_repo(struct chk_ctx *ctx)
{
	const struct repos *rs;
	const struct inv_os *os = &ctx->facts->os;
	bool apt = false, apt_sec = false, yum = false, apk = false, apk_main = false;
	bool debian_like = strcmp(os->id, "debian") == 0 || strcmp(os->id, "ubuntu") == 0;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct repo *r = &rs->v[i];

		if (!r->enabled || r->src)
			continue;
		if (r->kind == REPO_APT) {
			apt = true;
			apt_sec |= apt_is_security(r);
			/* Debian unstable has no security suite */
			if (strcmp(r->suite, "sid") == 0 || strcmp(r->suite, "unstable") == 0)
				apt_sec = true;
		} else if (r->kind == REPO_YUM) {
			yum = true;
		} else {
			apk = true;
			apk_main |= strcmp(r->components, "main") == 0;
		}
	}
	if (apt && !apt_sec && debian_like)
		chk_report(ctx, "/etc/apt", 0, "", NULL,
			   "no security repository in the apt sources (%s-security): security "
			   "updates cannot be installed",
			   os->codename[0] ? os->codename : os->id);
	else if (!apt && has_db(ctx->facts, INV_DB_DPKG) && debian_like)
		chk_report(ctx, "/etc/apt/sources.list", 0, "", NULL,
			   "no apt source is configured: security updates cannot be installed");
	if (apk && !apk_main)
		chk_report(ctx, "/etc/apk/repositories", 0, "", NULL,
			   "no Alpine main repository configured: security fixes are published "
			   "there");
	else if (!apk && has_db(ctx->facts, INV_DB_APK))
		chk_report(ctx, "/etc/apk/repositories", 0, "", NULL,
			   "no apk repository is configured: security updates cannot be installed");
	if (!yum && has_db(ctx->facts, INV_DB_RPM) && fam_file(ctx, "/usr/bin/rpm", NULL) &&
	    (fam_file(ctx, "/usr/bin/yum", NULL) || fam_file(ctx, "/usr/bin/dnf", NULL) ||
	     fam_file(ctx, "/usr/bin/microdnf", NULL)))
		chk_report(ctx, "/etc/yum.repos.d", 0, "", NULL,
			   "no enabled yum/dnf repository: security updates cannot be installed");
	if (!rs->any_config && !ctx->facts->n_dbs)
		chk_absent(ctx, "no package manager on this image");
}

/* ---- PKG-002: signature checking disabled in the configuration ---- */

/* apt.conf options that let unsigned or insecure repositories through */
static const char *const apt_unsafe_opts[] = {
	"AllowUnauthenticated",
	"AllowInsecureRepositories",
	"AllowDowngradeToInsecureRepositories",
	"AllowWeakRepositories",
};

static void apt_conf_file(struct chk_ctx *ctx, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	const char *l;
	size_t n;

	if (fam_read(ctx, path, FAM_MAX_CONF, &b) < 0)
		goto done;
	fam_text_init(&t, path, &b);
	while (fam_next_line(ctx, &t, &l, &n)) {
		if (n == 0 || l[0] == '#' || ia_starts_with(l, n, "//"))
			continue;
		for (size_t i = 0; i < IA_ARRAY_SIZE(apt_unsafe_opts); i++) {
			size_t ol = strlen(apt_unsafe_opts[i]);
			const char *hit = memmem(l, n, apt_unsafe_opts[i], ol), *v;
			size_t vn;

			if (!hit)
				continue;
			/* the value follows: "true"; or true; */
			v = hit + ol;
			vn = (size_t)(l + n - v);
			while (vn && (*v == ' ' || *v == '\t' || *v == '"')) {
				v++;
				vn--;
			}
			for (size_t j = 0; j < vn; j++)
				if (v[j] == '"' || v[j] == ';' || v[j] == ' ') {
					vn = j;
					break;
				}
			if (truthy(v, vn)) {
				char q[IA_MAX_EVIDENCE + 1];

				chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
					   "apt configuration allows unauthenticated packages (%s)",
					   apt_unsafe_opts[i]);
			}
		}
	}
done:
	ia_buf_release(&b);
}

static void apt_conf_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	if (S_ISREG(e->mode) || S_ISLNK(e->mode))
		apt_conf_file(ctx, e->path);
}

static void run_signatures(struct chk_ctx *ctx)
{
	const struct repos *rs;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct repo *r = &rs->v[i];

		if (!r->enabled || !r->unsigned_why)
			continue;
		chk_report(ctx, r->path, r->unsigned_line, r->unsigned_why, NULL,
			   "signature checking is off for repository %s%s%s (%s)",
			   r->kind == REPO_YUM ? r->suite : r->uri, r->kind == REPO_YUM ? " " : "",
			   r->kind == REPO_YUM ? r->uri : "", r->unsigned_why);
	}
	apt_conf_file(ctx, "/etc/apt/apt.conf");
	fam_children(ctx, "/etc/apt/apt.conf.d", apt_conf_entry, NULL);
}

/* ---- PKG-003: packages installed at build time without signature checks ---- */

static const char *const history_unsafe[] = {
	"--allow-unauthenticated",
	"--allow-insecure-repositories",
	"--force-yes",
	"--allow-untrusted",
	"--nogpgcheck",
	"--nosignature",
	"--no-gpg-checks",
	"trusted=yes",
	"gpgcheck=0",
	"AllowUnauthenticated",
};

static void run_history(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = tgt_config(ctx->tgt);
	if (!c) {
		chk_absent(ctx, "not a container image: no build history to examine");
		return;
	}
	for (size_t i = 0; i < c->n_history; i++) {
		const char *h = c->history[i];

		for (size_t j = 0; j < IA_ARRAY_SIZE(history_unsafe); j++) {
			char q[IA_MAX_EVIDENCE + 1];

			if (!strstr(h, history_unsafe[j]))
				continue;
			chk_report(
				ctx, "", 0, fam_quote(q, h, strlen(h)), NULL,
				"build step %zu installed software with signature checks off (%s)",
				i + 1, history_unsafe[j]);
			break;
		}
	}
	if (!c->n_history)
		chk_gap(ctx, NULL, 0,
			"the image records no build history: its build steps cannot be "
			"examined");
}

/* ---- PKG-004: repositories that are not the distribution's ---- */

/* Hosts of the distributions' own archives (a suffix match on a dot boundary). */
static const char *const official_hosts[] = {
	"debian.org", "ubuntu.com",        "alpinelinux.org", "centos.org",
	"redhat.com", "fedoraproject.org", "rockylinux.org",  "almalinux.org",
	"oracle.com", "amazonlinux.com",   "amazonaws.com",   "opensuse.org",
	"suse.com",   "archlinux.org",
};

/* Archive names that mirrors use as the last path component. */
static const char *const mirror_dirs[] = {
	"debian",       "debian-security", "ubuntu",    "ubuntu-ports", "centos", "centos-stream",
	"centos-vault", "rocky",           "almalinux", "fedora",       "alpine",
};

static const char *const apt_components[] = {
	"main", "contrib", "non-free", "non-free-firmware", "restricted", "universe", "multiverse",
};

/* Host of a URL, or NULL for local sources (file:, cdrom:, paths). */
static bool url_host(const char *uri, const char **h, size_t *hn)
{
	const char *p = strstr(uri, "://"), *e;

	if (!p || strncmp(uri, "file:", 5) == 0)
		return false;
	p += 3;
	e = p + strcspn(p, "/:?");
	if (memchr(p, '@', (size_t)(e - p))) /* user@host */
		p = (const char *)memchr(p, '@', (size_t)(e - p)) + 1;
	*h = p;
	*hn = (size_t)(e - p);
	return *hn > 0;
}

static bool host_official(const char *h, size_t hn)
{
	if (hn >= 9 && (memmem(h, hn, "launchpad", 9)))
		return false; /* PPAs: third parties on Ubuntu's infrastructure */
	for (size_t i = 0; i < IA_ARRAY_SIZE(official_hosts); i++) {
		size_t ol = strlen(official_hosts[i]);

		if (hn >= ol && strncasecmp(h + hn - ol, official_hosts[i], ol) == 0 &&
		    (hn == ol || h[hn - ol - 1] == '.'))
			return true;
	}
	return false;
}

/* true when some path component of uri names a distribution archive */
static bool path_names_archive(const char *uri, bool last_only)
{
	const char *p = strstr(uri, "://");
	char comp[64];

	p = p ? p + 3 : uri;
	p = strchr(p, '/');
	while (p && *p) {
		size_t n;

		p++;
		n = strcspn(p, "/?");
		if (n && n < sizeof(comp)) {
			bool last;

			memcpy(comp, p, n);
			comp[n] = '\0';
			last = p[n] == '\0' || (p[n] == '/' && p[n + 1] == '\0');
			for (size_t i = 0; i < IA_ARRAY_SIZE(mirror_dirs); i++)
				if (strcmp(comp, mirror_dirs[i]) == 0 && (!last_only || last))
					return true;
		}
		p += n;
		if (*p != '/')
			break;
	}
	return false;
}

static bool apt_components_official(const char *comps)
{
	const char *p = comps, *end = comps + strlen(comps), *w;
	size_t wn;

	while (next_word(&p, end, &w, &wn)) {
		bool ok = false;

		for (size_t i = 0; i < IA_ARRAY_SIZE(apt_components) && !ok; i++)
			ok = ia_eq(w, wn, apt_components[i]);
		if (!ok)
			return false;
	}
	return true;
}

static bool repo_official(const struct repo *r)
{
	const char *h;
	size_t hn;

	if (!url_host(r->uri, &h, &hn))
		return true; /* local media or a path: nothing downloaded */
	if (strstr(r->uri, "epel") || strstr(r->suite, "epel"))
		return false; /* EPEL is the Fedora project's, not the distribution's */
	switch (r->kind) {
	case REPO_APT:
		if (!apt_components_official(r->components))
			return false;
		return host_official(h, hn) ||
		       (path_names_archive(r->uri, true) && !memmem(h, hn, "launchpad", 9));
	case REPO_YUM:
		return host_official(h, hn) || path_names_archive(r->uri, false);
	case REPO_APK:
		return (host_official(h, hn) || path_names_archive(r->uri, false)) &&
		       (strcmp(r->components, "main") == 0 ||
			strcmp(r->components, "community") == 0 ||
			strcmp(r->components, "testing") == 0);
	}
	return true;
}

static void run_third_party(struct chk_ctx *ctx)
{
	const struct repos *rs;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct repo *r = &rs->v[i];

		if (!r->enabled || !r->uri[0] || repo_official(r))
			continue;
		chk_report(ctx, r->path, r->line, r->uri, NULL,
			   "package repository not run by the distribution: %s%s%s", r->uri,
			   r->suite[0] ? " " : "", r->suite);
	}
}

#define SOURCES                                                                                    \
	"/etc/apt/sources.list, /etc/apt/sources.list.d/*.list and *.sources, /etc/yum.conf, "     \
	"/etc/dnf/dnf.conf, /etc/yum.repos.d/*.repo, /etc/apk/repositories"

static const struct chk_def trust_checks[] = {
	{
		.id = "PKG-001",
		.title = "no security update repository configured",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1a"),
		.examines = SOURCES "; the OS identity and package databases",
		.remediation =
			"Add the distribution's security repository, e.g. for Debian 12: deb "
			"http://security.debian.org/debian-security bookworm-security main",
		.run = run_security_repo,
	},
	{
		.id = "PKG-002",
		.title = "package signature checking disabled",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1a", "JK-SIGN"),
		.examines = SOURCES
		" (trusted=yes, allow-insecure=yes, Trusted:, Allow-Insecure:, gpgcheck=0 or "
		"unset); /etc/apt/apt.conf and apt.conf.d (AllowUnauthenticated, "
		"AllowInsecureRepositories, AllowDowngradeToInsecureRepositories)",
		.remediation =
			"Remove trusted=yes / Trusted: yes and the Allow* options, set gpgcheck=1, "
			"and install the repository's signing key (signed-by= / gpgkey=)",
		.run = run_signatures,
	},
	{
		.id = "PKG-003",
		.title = "software installed at build time without signature checks",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JK-SIGN"),
		.examines = "container image history (Dockerfile RUN lines): "
			    "--allow-unauthenticated, --force-yes, --allow-untrusted, "
			    "--nogpgcheck, --nosignature, trusted=yes, gpgcheck=0",
		.remediation = "Rebuild without the option: install the repository's signing key "
			       "and let the package manager verify every package",
		.run = run_history,
	},
	{
		.id = "PKG-004",
		.title = "package repository not run by the distribution",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-2.1d"),
		.examines = SOURCES
		": host of each enabled repository against the distributions' archive hosts and "
		"mirror layouts (/debian, /ubuntu, /centos, /alpine/vX/main ...), apt components",
		.remediation = "Remove third-party repositories from the image, or document why "
			       "each is trusted and pin its signing key",
		.run = run_third_party,
	},
};
const struct chk_family chk_family_trust = {
	.name = "trust",
	.checks = trust_checks,
	.n_checks = IA_ARRAY_SIZE(trust_checks),
};
