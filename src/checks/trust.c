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
 * The sources come from the facts (facts/sources.c): apt, yum/dnf and apk
 * repositories. The first check that reads them (PKG-001 in catalogue order)
 * alone records what could not be read, so a bad file is reported once.
 */
static const struct inv_sources *repos_get(struct chk_ctx *ctx)
{
	(void)chk_fact_issues(ctx, &ctx->facts->sources.issues);
	return &ctx->facts->sources;
}

/* ---- PKG-001: a security update source ---- */

static bool apt_is_security(const struct inv_repo *r)
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
	const struct inv_sources *rs;
	const struct inv_os *os = &ctx->facts->os;
	bool apt = false, apt_sec = false, yum = false, apk = false, apk_main = false;
	bool debian_like = strcmp(os->id, "debian") == 0 || strcmp(os->id, "ubuntu") == 0;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct inv_repo *r = &rs->v[i];

		if (!r->enabled || r->src)
			continue;
		if (r->kind == INV_REPO_APT) {
			apt = true;
			apt_sec |= apt_is_security(r);
			/* Debian unstable has no security suite */
			if (strcmp(r->suite, "sid") == 0 || strcmp(r->suite, "unstable") == 0)
				apt_sec = true;
		} else if (r->kind == INV_REPO_YUM) {
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
	struct fam_text t = {0};
	const char *l;
	size_t n;

	if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF))
		goto done;
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
			if (ia_yes(v, vn)) {
				char q[IA_MAX_EVIDENCE + 1];

				chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
					   "apt configuration allows unauthenticated packages (%s)",
					   apt_unsafe_opts[i]);
			}
		}
	}
done:
	fam_text_close(&t);
}

static void apt_conf_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	if (S_ISREG(e->mode) || S_ISLNK(e->mode))
		apt_conf_file(ctx, e->path);
}

static void run_signatures(struct chk_ctx *ctx)
{
	const struct inv_sources *rs;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct inv_repo *r = &rs->v[i];

		if (!r->enabled || !r->unsigned_why)
			continue;
		chk_report(ctx, r->path, r->unsigned_line, r->unsigned_why, NULL,
			   "signature checking is off for repository %s%s%s (%s)",
			   r->kind == INV_REPO_YUM ? r->suite : r->uri,
			   r->kind == INV_REPO_YUM ? " " : "",
			   r->kind == INV_REPO_YUM ? r->uri : "", r->unsigned_why);
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

	while (ia_next_word(&p, end, &w, &wn)) {
		bool ok = false;

		for (size_t i = 0; i < IA_ARRAY_SIZE(apt_components) && !ok; i++)
			ok = ia_eq(w, wn, apt_components[i]);
		if (!ok)
			return false;
	}
	return true;
}

static bool repo_official(const struct inv_repo *r)
{
	const char *h;
	size_t hn;

	if (!url_host(r->uri, &h, &hn))
		return true; /* local media or a path: nothing downloaded */
	if (strstr(r->uri, "epel") || strstr(r->suite, "epel"))
		return false; /* EPEL is the Fedora project's, not the distribution's */
	switch (r->kind) {
	case INV_REPO_APT:
		if (!apt_components_official(r->components))
			return false;
		return host_official(h, hn) ||
		       (path_names_archive(r->uri, true) && !memmem(h, hn, "launchpad", 9));
	case INV_REPO_YUM:
		return host_official(h, hn) || path_names_archive(r->uri, false);
	case INV_REPO_APK:
		return (host_official(h, hn) || path_names_archive(r->uri, false)) &&
		       (strcmp(r->components, "main") == 0 ||
			strcmp(r->components, "community") == 0 ||
			strcmp(r->components, "testing") == 0);
	}
	return true;
}

static void run_third_party(struct chk_ctx *ctx)
{
	const struct inv_sources *rs;

	rs = repos_get(ctx);
	for (size_t i = 0; i < rs->n; i++) {
		const struct inv_repo *r = &rs->v[i];

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
