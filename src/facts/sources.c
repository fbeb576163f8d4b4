/* sources.c — the package sources of the image as a fact: apt (sources.list, *.list and deb822
 * *.sources), yum/dnf (*.repo, yum.conf, dnf.conf) and apk (/etc/apk/repositories) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

static struct inv_repo *repo_add(struct inv_sources *rs, enum inv_repo_kind kind, const char *path,
				 unsigned line)
{
	struct inv_repo *r;

	if (rs->n >= IA_MAX_CONFIG_SETTINGS) {
		if (!rs->full)
			ia_problem_add(&rs->issues, "", path, line, -IA_ETOOBIG,
				       "repositories past IA_MAX_CONFIG_SETTINGS (%u) not examined",
				       IA_MAX_CONFIG_SETTINGS);
		rs->full = true;
		/* parsed into the spare, then dropped */
		inv_repo_release(&rs->spare);
		r = &rs->spare;
		r->uri = ia_xstrdup("");
		r->suite = ia_xstrdup("");
		r->components = ia_xstrdup("");
		r->path = ia_xstrdup(path);
		return r;
	}

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

static void set_str(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = ia_xstrndup(s, n);
}

/* Opens a source file; false when it is absent or could not be read (an issue then). */
static bool text_open(const struct tgt *tg, struct inv_sources *rs, const char *path,
		      struct inv_text *t)
{
	if (inv_text_open(t, tg, &rs->issues, path, IA_MAX_TEXT_FILE) < 0)
		return false;
	rs->any_config = true;
	return true;
}

/* ---- apt ---- */

/* "deb [opt=v ...] uri suite [component...]" */
static void apt_line(struct inv_sources *rs, const char *path, unsigned line, const char *l,
		     size_t n)
{
	const char *p = l, *end = l + n, *w, *hash;
	size_t wn;
	struct inv_repo *r;
	struct ia_buf comps = IA_BUF_INIT(IA_MAX_LINE);
	bool src;

	if ((hash = memchr(l, '#', n)))
		end = hash;
	if (!ia_next_word(&p, end, &w, &wn))
		return;
	if (ia_eq(w, wn, "deb"))
		src = false;
	else if (ia_eq(w, wn, "deb-src"))
		src = true;
	else
		return;
	r = repo_add(rs, INV_REPO_APT, path, line);
	r->src = src;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p)), *o = p + 1;

		if (!close)
			close = end;
		while (ia_next_word(&o, close, &w, &wn)) {
			if ((ia_eq(w, wn, "trusted=yes") || ia_eq(w, wn, "allow-insecure=yes") ||
			     ia_eq(w, wn, "allow-weak=yes")) &&
			    !r->unsigned_why) {
				r->unsigned_why = ia_xstrndup(w, wn);
				r->unsigned_line = line;
			}
		}
		p = close < end ? close + 1 : end;
	}
	if (ia_next_word(&p, end, &w, &wn))
		set_str(&r->uri, w, wn);
	if (ia_next_word(&p, end, &w, &wn))
		set_str(&r->suite, w, wn);
	while (ia_next_word(&p, end, &w, &wn)) {
		ia_buf_addf(&comps, "%s%.*s", comps.len ? " " : "", (int)wn, w);
	}
	set_str(&r->components, comps.data ? comps.data : "", comps.len);
	ia_buf_release(&comps);
}

static void apt_list(const struct tgt *tg, struct inv_sources *rs, const char *path)
{
	struct inv_text t;
	const char *l;
	size_t n;

	if (text_open(tg, rs, path, &t))
		while (inv_text_next(&t, &l, &n))
			if (n && l[0] != '#')
				apt_line(rs, path, t.c.lineno, l, n);
	inv_text_close(&t);
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
static void stanza_flush(struct inv_sources *rs, const char *path, struct stanza *s)
{
	const char *tp = s->types, *tend = s->types + strlen(s->types), *t;
	size_t tn;

	if (!s->line)
		return;
	while (ia_next_word(&tp, tend, &t, &tn)) {
		const char *up = s->uris, *uend = s->uris + strlen(s->uris), *u;
		size_t un;
		bool src = ia_eq(t, tn, "deb-src");

		if (!src && !ia_eq(t, tn, "deb"))
			continue;
		while (ia_next_word(&up, uend, &u, &un)) {
			struct inv_repo *r = repo_add(rs, INV_REPO_APT, path, s->line);
			const char *sp = s->suites, *send = s->suites + strlen(s->suites), *sw;
			size_t sn;

			r->src = src;
			r->enabled = s->enabled;
			set_str(&r->uri, u, un);
			if (ia_next_word(&sp, send, &sw, &sn))
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

static void apt_sources(const struct tgt *tg, struct inv_sources *rs, const char *path)
{
	struct inv_text t;
	struct stanza *s = ia_xcalloc(1, sizeof(*s));
	const char *l;
	size_t n;

	if (!text_open(tg, rs, path, &t))
		goto done;
	while (inv_text_next(&t, &l, &n)) {
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
			s->enabled = !ia_no(v, vn);
		else if (((kn == 7 && strncasecmp(k, "Trusted", 7) == 0) ||
			  (kn == 14 && strncasecmp(k, "Allow-Insecure", 14) == 0) ||
			  (kn == 10 && strncasecmp(k, "Allow-Weak", 10) == 0)) &&
			 ia_yes(v, vn) && !s->unsigned_set) {
			s->unsigned_set = true;
			snprintf(s->why, sizeof(s->why), "%.*s: %.*s", (int)(kn > 20 ? 20 : kn), k,
				 (int)(vn > 20 ? 20 : vn), v);
			s->why_line = t.c.lineno;
		}
	}
	stanza_flush(rs, path, s);
done:
	free(s);
	inv_text_close(&t);
}

static void apt_dir_entry(const struct tgt *tg, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 5 && strcmp(e->path + n - 5, ".list") == 0)
		apt_list(tg, arg, e->path);
	else if (n > 8 && strcmp(e->path + n - 8, ".sources") == 0)
		apt_sources(tg, arg, e->path);
}

/* ---- yum / dnf ---- */

static void yum_file(const struct tgt *tg, struct inv_sources *rs, const char *path)
{
	struct inv_text t;
	const char *l;
	size_t n;
	struct inv_repo *r = NULL;
	bool in_main = false, in_url = false;
	int gpg = -1;
	unsigned gpg_line = 0;

	if (!text_open(tg, rs, path, &t))
		goto done;
	for (;;) {
		int more = inv_text_next(&t, &l, &n);
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
				r = repo_add(rs, INV_REPO_YUM, path, t.c.lineno);
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
			int val = ia_no(v, vn) ? 0 : 1;

			if (in_main) {
				rs->main_gpgcheck = val;
				snprintf(rs->main_path, sizeof(rs->main_path), "%s", path);
				rs->main_line = t.c.lineno;
			} else {
				gpg = val;
				gpg_line = t.c.lineno;
			}
		} else if (r && ia_eq(k, kn, "enabled")) {
			r->enabled = !ia_no(v, vn);
		} else if (r && (ia_eq(k, kn, "baseurl") || ia_eq(k, kn, "mirrorlist") ||
				 ia_eq(k, kn, "metalink"))) {
			const char *p = v, *end = v + vn, *w;
			size_t wn;

			if (!r->uri[0] && ia_next_word(&p, end, &w, &wn)) {
				/* a comma-separated list: keep the first URL */
				const char *c = memchr(w, ',', wn);

				set_str(&r->uri, w, c ? (size_t)(c - w) : wn);
			}
			in_url = ia_eq(k, kn, "baseurl");
		}
	}
done:
	inv_text_close(&t);
}

static void yum_dir_entry(const struct tgt *tg, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 5 && strcmp(e->path + n - 5, ".repo") == 0)
		yum_file(tg, arg, e->path);
}

/* ---- apk ---- */

static void apk_file(const struct tgt *tg, struct inv_sources *rs, const char *path)
{
	struct inv_text t;
	const char *l;
	size_t n;

	if (!text_open(tg, rs, path, &t))
		goto done;
	while (inv_text_next(&t, &l, &n)) {
		const char *p = l, *end = l + n, *w, *slash;
		size_t wn;
		struct inv_repo *r;

		if (n == 0 || l[0] == '#')
			continue;
		if (!ia_next_word(&p, end, &w, &wn))
			continue;
		if (w[0] == '@' && !ia_next_word(&p, end, &w, &wn)) /* "@tag url" */
			continue;
		r = repo_add(rs, INV_REPO_APK, path, t.c.lineno);
		while (wn > 1 && w[wn - 1] == '/')
			wn--;
		set_str(&r->uri, w, wn);
		slash = memrchr(w, '/', wn);
		if (slash)
			set_str(&r->components, slash + 1, (size_t)(w + wn - slash - 1));
	}
done:
	inv_text_close(&t);
}

static void sources_load(const struct tgt *tg, struct inv_sources *rs)
{
	rs->main_gpgcheck = -1;
	apt_list(tg, rs, "/etc/apt/sources.list");
	inv_children(tg, "/etc/apt/sources.list.d", apt_dir_entry, rs);
	/* [main] first so that repos without their own gpgcheck inherit it */
	yum_file(tg, rs, "/etc/yum.conf");
	yum_file(tg, rs, "/etc/dnf/dnf.conf");
	inv_children(tg, "/etc/yum.repos.d", yum_dir_entry, rs);
	apk_file(tg, rs, "/etc/apk/repositories");
}

void inv_repo_release(struct inv_repo *r)
{
	free(r->uri);
	free(r->suite);
	free(r->components);
	free(r->path);
	free(r->unsigned_why);
	memset(r, 0, sizeof(*r));
}

void inv_sources_release(struct inv_sources *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		inv_repo_release(&rs->v[i]);
	free(rs->v);
	inv_repo_release(&rs->spare);
	ia_problems_release(&rs->issues);
	memset(rs, 0, sizeof(*rs));
}

int inv_collect_sources(const struct tgt *t, struct inv_facts *f)
{
	sources_load(t, &f->sources);
	return 0;
}
