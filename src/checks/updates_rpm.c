/* updates_rpm.c — UPD-001 on rpm images: installed packages against repository metadata
 * (primary.xml for what is offered, updateinfo.xml for which updates are security fixes) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/updates.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/pool.h"
#include "util/xalloc.h"
#include "vulndb/repodata.h"
#include "vulndb/version.h"

#include "util/banned.h"

/* Bytes of the note listing every advisory to install. */
#define RPM_MAX_FIX_ALL 4096
/* Advisories named in one finding (the rest counted). */
#define RPM_MAX_ADV_LISTED 8

/* The caches dnf (4 and 5) keeps repository metadata in: CACHE/REPOID-HASH/repodata/. */
static const char *const dnf_caches[] = {"/var/cache/dnf", "/var/cache/libdnf5"};
/* yum's: /var/cache/yum/BASEARCH/RELEASEVER/REPOID/repomd.xml. */
#define YUM_CACHE "/var/cache/yum"

struct rpm_state {
	struct vdb_rpm_repo repo;
	size_t n_seen; /* repomd.xml found in the image */
	struct ia_buf names;
};

/* Reads an image file for the loader: -ENOENT untold, other failures in err. */
static int image_read(void *arg, const char *path, size_t max, struct ia_buf *out,
		      struct ia_err *err)
{
	struct chk_ctx *ctx = arg;
	int r = tgt_read(ctx->tgt, path, max, out, NULL, err);

	if (r == -ENOENT || r == -ENOTDIR)
		return -ENOENT;
	if (r < 0 && !err->msg[0])
		ia_err_set(err, r, path, 0, "%s", ia_strerror(r));
	return r;
}

void upd_source_done(struct chk_ctx *ctx, const struct ia_problems *probs, size_t from,
		     const char *what, struct ia_buf *names, const char *name, int r,
		     const struct ia_err *err)
{
	for (size_t i = from; i < probs->len; i++) {
		const struct ia_problem *p = &probs->v[i];

		chk_gap(ctx, p->path, p->line, "%s: %s", what, p->msg);
	}
	if (r < 0)
		chk_gap_err(ctx, err);
	if (r < 0 && r != -IA_ETOOBIG)
		return;
	if (names->len)
		(void)ia_buf_adds(names, ", ");
	if (ia_buf_adds(names, name) < 0)
		(void)ia_buf_adds(names, "...");
}

static void repo_done(struct chk_ctx *ctx, struct rpm_state *s, const char *name, int r,
		      const struct ia_err *err, size_t from)
{
	upd_source_done(ctx, &s->repo.problems, from, "rpm repository", &s->names, name, r, err);
}

static void load_image_repo(struct chk_ctx *ctx, struct rpm_state *s, const char *repomd,
			    const char *repo)
{
	struct ia_err err = {0};
	size_t from = s->repo.problems.len;
	int r;

	const struct tgt_entry *e;

	if (tgt_lookup(ctx->tgt, repomd, 0, &e) < 0)
		return;
	if (++s->n_seen > IA_MAX_RPM_REPOS) {
		if (s->n_seen == IA_MAX_RPM_REPOS + 1)
			chk_gap(ctx, repomd, 0,
				"more than %u cached repositories (IA_MAX_RPM_REPOS): the rest "
				"not read",
				(unsigned)IA_MAX_RPM_REPOS);
		return;
	}
	r = vdb_rpm_repo_load(&s->repo, repomd, repo, image_read, ctx, &err);
	repo_done(ctx, s, repomd, r, &err, from);
}

static void dnf_child(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	char repomd[IA_MAX_PATH];

	if (!S_ISDIR(e->mode) || (size_t)snprintf(repomd, sizeof(repomd), "%s/repodata/repomd.xml",
						  e->path) >= sizeof(repomd))
		return;
	load_image_repo(ctx, arg, repomd, fam_basename(e->path));
}

/* yum: three levels under YUM_CACHE; the repository is the third. */
struct yum_walk {
	struct rpm_state *s;
	unsigned level;
};

static void yum_child(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct yum_walk *w = arg, next = {w->s, w->level + 1};
	char repomd[IA_MAX_PATH];

	if (!S_ISDIR(e->mode))
		return;
	if (w->level < 2) {
		(void)fam_children(ctx, e->path, yum_child, &next);
		return;
	}
	if ((size_t)snprintf(repomd, sizeof(repomd), "%s/repomd.xml", e->path) < sizeof(repomd))
		load_image_repo(ctx, w->s, repomd, fam_basename(e->path));
}

/* The repositories given (scan --security-index DIR) and those cached in the image. */
static void read_repos(struct chk_ctx *ctx, struct rpm_state *s)
{
	const struct chk_opts *o = ctx->opts;
	struct yum_walk w = {s, 0};

	for (size_t i = 0; o && i < o->n_security_indexes; i++) {
		const char *dir = o->security_indexes[i];
		struct ia_err err = {0};
		size_t from = s->repo.problems.len;
		struct stat st;
		int r;

		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			chk_gap(ctx, NULL, 0,
				"--security-index %s: the image's packages are rpm, and this is no "
				"rpm repository directory (one holding repodata/repomd.xml)",
				dir);
			continue;
		}
		r = vdb_rpm_repo_read_dir(&s->repo, dir, &err);
		repo_done(ctx, s, dir, r, &err, from);
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(dnf_caches); i++)
		(void)fam_children(ctx, dnf_caches[i], dnf_child, s);
	(void)fam_children(ctx, YUM_CACHE, yum_child, &w);
}

/* "E:V-R" of an installed package (epoch 0 when it has none). */
static bool installed_evr(const struct inv_pkg *p, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%lld:%s-%s", (long long)(p->epoch < 0 ? 0 : p->epoch),
			 p->rpm_version, p->rpm_release);

	return *p->rpm_version && *p->rpm_release && n > 0 && (size_t)n < cap;
}

/* "[E:]V-R" as dnf writes it (the epoch only when not 0). */
static const char *show_evr(const struct vdb_rpm_nevra *p, char *out, size_t cap)
{
	if (p->epoch)
		snprintf(out, cap, "%lld:%s-%s", (long long)p->epoch, p->version, p->release);
	else
		snprintf(out, cap, "%s-%s", p->version, p->release);
	return out;
}

static int evr_cmp(const char *a, const char *b)
{
	int c = 0;

	return vdb_vercmp(VDB_ECO_RPM, a, b, &c, NULL) < 0 ? 0 : c;
}

static const char *na_key(struct ia_pool *pool, const char *name, const char *arch)
{
	char buf[2 * IA_MAX_NAME + 2];

	snprintf(buf, sizeof(buf), "%s.%s", name, arch);
	return ia_pool_strdup(pool, buf);
}

/* What the comparison needs: the candidate of each name.arch (the highest EVR offered) and the
 * security advisories' packages sorted by name.arch. */
struct rpm_match {
	struct ia_pool pool;
	struct ia_hmap best;  /* "name.arch" -> index into repo.pkgs */
	struct ia_hmap first; /* "name.arch" -> index into sec[] of its first entry */
	size_t *sec;          /* indices into repo.fixes of security advisories, sorted */
	size_t n_sec;
	const struct vdb_rpm_repo *repo;
};

static const struct vdb_rpm_repo *sort_repo;

static int na_cmp(const struct vdb_rpm_nevra *x, const struct vdb_rpm_nevra *y)
{
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->arch, y->arch);
}

static int by_na(const void *a, const void *b)
{
	return na_cmp(&sort_repo->fixes[*(const size_t *)a].pkg,
		      &sort_repo->fixes[*(const size_t *)b].pkg);
}

static void build_match(struct rpm_match *m, const struct vdb_rpm_repo *repo,
			const struct upd_modfilter *mf)
{
	char a[IA_MAX_VERSION * 2 + 32], b[IA_MAX_VERSION * 2 + 32];

	m->repo = repo;
	for (size_t i = 0; i < repo->n_pkgs; i++) {
		const struct vdb_rpm_nevra *p = &repo->pkgs[i];
		const char *key;
		uint32_t j;

		if (upd_mod_hidden(mf, p))
			continue;
		key = na_key(&m->pool, p->name, p->arch);
		if (ia_hmap_get(&m->best, key, strlen(key), &j) &&
		    (!vdb_rpm_evr(p, a, sizeof(a)) || !vdb_rpm_evr(&repo->pkgs[j], b, sizeof(b)) ||
		     evr_cmp(a, b) <= 0))
			continue;
		ia_hmap_put(&m->best, key, (uint32_t)i);
	}
	m->sec = ia_xreallocarray(NULL, repo->n_fixes + 1, sizeof(*m->sec));
	for (size_t i = 0; i < repo->n_fixes; i++)
		if (strcasecmp(repo->advs[repo->fixes[i].advisory].type, "security") == 0 &&
		    !upd_mod_hidden(mf, &repo->fixes[i].pkg))
			m->sec[m->n_sec++] = i;
	sort_repo = repo;
	qsort(m->sec, m->n_sec, sizeof(*m->sec), by_na);
	for (size_t i = m->n_sec; i-- > 0;) {
		const struct vdb_rpm_nevra *p = &repo->fixes[m->sec[i]].pkg;

		ia_hmap_put(&m->first, na_key(&m->pool, p->name, p->arch), (uint32_t)i);
	}
}

static void release_match(struct rpm_match *m)
{
	free(m->sec);
	ia_hmap_release(&m->best);
	ia_hmap_release(&m->first);
	ia_pool_release(&m->pool);
}

/* The security advisories of one installed package: those shipping a version newer than the
 * installed one and not newer than the candidate (fixed by installing the candidate), and
 * whether one ships a version no repository offers yet. */
struct pkg_advs {
	const struct vdb_rpm_advisory *v[RPM_MAX_ADV_LISTED];
	size_t n, more;
	const struct vdb_rpm_fix *pending; /* one advisory package newer than the candidate */
};

static bool listed(const struct pkg_advs *pa, const struct vdb_rpm_advisory *a)
{
	for (size_t i = 0; i < pa->n; i++)
		if (strcmp(pa->v[i]->id, a->id) == 0)
			return true;
	return false;
}

static void find_advs(const struct rpm_match *m, const char *key, const char *inst,
		      const char *cand, struct pkg_advs *pa)
{
	char f[IA_MAX_VERSION * 2 + 32];
	uint32_t j;

	memset(pa, 0, sizeof(*pa));
	if (!ia_hmap_get(&m->first, key, strlen(key), &j))
		return;
	for (size_t i = j; i < m->n_sec; i++) {
		const struct vdb_rpm_fix *fx = &m->repo->fixes[m->sec[i]];
		const struct vdb_rpm_advisory *a = &m->repo->advs[fx->advisory];
		const struct vdb_rpm_nevra *p = &fx->pkg;

		if (i > j && na_cmp(p, &m->repo->fixes[m->sec[j]].pkg) != 0)
			break;
		if (!vdb_rpm_evr(p, f, sizeof(f)) || evr_cmp(f, inst) <= 0)
			continue;
		if (!cand || evr_cmp(f, cand) > 0) {
			pa->pending = pa->pending ? pa->pending : fx;
			continue;
		}
		if (listed(pa, a))
			continue;
		if (pa->n < RPM_MAX_ADV_LISTED)
			pa->v[pa->n++] = a;
		else
			pa->more++;
	}
}

static int sev_rank(const char *s)
{
	static const char *const order[] = {"low", "moderate", "important", "critical"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(order); i++)
		if (strcasecmp(s, order[i]) == 0)
			return (int)i + 1;
	return 0;
}

struct rpm_out {
	char fixall[RPM_MAX_FIX_ALL];
	size_t o;
	bool cut;
	size_t n_missing, n_pending;
	char pending[160]; /* the first package whose fix is not offered */
};

static void add_fixall(struct rpm_out *out, const struct pkg_advs *pa)
{
	for (size_t i = 0; i < pa->n; i++) {
		char w[IA_MAX_XML_TEXT + 16];

		if (out->o && strstr(out->fixall, pa->v[i]->id))
			continue;
		if (!fam_shell_word(w, sizeof(w), pa->v[i]->id) ||
		    out->o + strlen(w) + 12 >= sizeof(out->fixall)) {
			out->cut = true;
			continue;
		}
		out->o += (size_t)snprintf(out->fixall + out->o, sizeof(out->fixall) - out->o,
					   " --advisory=%s", w);
	}
}

static void report_pkg(struct chk_ctx *ctx, const struct inv_pkg *p, const struct vdb_rpm_nevra *c,
		       const struct pkg_advs *pa, struct rpm_out *out)
{
	char advs[IA_MAX_EVIDENCE], ids[IA_MAX_EVIDENCE], value[IA_MAX_EVIDENCE + 1];
	char fix[FAM_MAX_FIX], cv[600];
	char na[2 * IA_MAX_NAME + 2];
	const char *sev = "";
	size_t o = 0, io = 0;

	for (size_t i = 0; i < pa->n && io < sizeof(ids); i++)
		io += (size_t)snprintf(ids + io, sizeof(ids) - io, "%s%s", i ? " " : "",
				       pa->v[i]->id);
	if (pa->more && io < sizeof(ids))
		snprintf(ids + io, sizeof(ids) - io, " and %zu more", pa->more);
	for (size_t i = 0; i < pa->n; i++) {
		if (sev_rank(pa->v[i]->severity) > sev_rank(sev))
			sev = pa->v[i]->severity;
		o += (size_t)snprintf(advs + o, o < sizeof(advs) ? sizeof(advs) - o : 0,
				      "%s%s%s%s%s", i ? ", " : "", pa->v[i]->id,
				      *pa->v[i]->severity ? " (" : "", pa->v[i]->severity,
				      *pa->v[i]->severity ? ")" : "");
		if (o >= sizeof(advs))
			break;
	}
	if (pa->more && o < sizeof(advs))
		snprintf(advs + o, sizeof(advs) - o, " and %zu more", pa->more);
	snprintf(na, sizeof(na), "%s.%s", p->name, p->arch);
	show_evr(c, cv, sizeof(cv));
	snprintf(value, sizeof(value),
		 "installed %.100s, candidate %.100s; security advisories: %.250s", p->version, cv,
		 advs);
	char cmp[IA_MAX_EVIDENCE], src[IA_MAX_EVIDENCE];

	if (pa->n == 1 && !pa->more)
		fam_fix(fix, "dnf update --advisory=%s", pa->v[0]->id);
	else
		fam_fix(fix, "dnf update %s", na);
	snprintf(cmp, sizeof(cmp), "%.100s < candidate %.100s (rpm)", p->version, cv);
	snprintf(src, sizeof(src), "rpm repository %.200s", pa->v[0]->repo);
	struct chk_detail d[] = {
		{"advisory", ids},     {"severity", *sev ? sev : "unknown"},
		{"source", src},       {"installed", p->version},
		{"comparator", "rpm"}, {"comparison", cmp},
		{"fix_command", fix},
	};
	chk_report_detail(ctx, FND_SEV_HIGH, d, IA_ARRAY_SIZE(d), p->db_path, p->db_line, value,
			  fix, "security update not installed: %s %s -> %s (%s%s%s)", na,
			  p->version, cv, ids, *sev ? "; severity " : "", sev);
	add_fixall(out, pa);
	out->n_missing++;
}

static void compare_one(struct chk_ctx *ctx, struct rpm_match *m, const struct inv_pkg *p,
			struct rpm_out *out)
{
	char inst[IA_MAX_VERSION * 2 + 32], cand[IA_MAX_VERSION * 2 + 32];
	const struct vdb_rpm_nevra *c = NULL;
	const char *key = na_key(&m->pool, p->name, p->arch);
	struct pkg_advs pa;
	uint32_t j;

	if (!installed_evr(p, inst, sizeof(inst)))
		return;
	if (ia_hmap_get(&m->best, key, strlen(key), &j)) {
		c = &m->repo->pkgs[j];
		if (!vdb_rpm_evr(c, cand, sizeof(cand)) || evr_cmp(cand, inst) <= 0)
			c = NULL;
	}
	find_advs(m, key, inst, c ? cand : NULL, &pa);
	if (pa.pending && !out->n_pending++) {
		char v[600];

		snprintf(out->pending, sizeof(out->pending), "%.40s.%.16s: %.40s names %.40s",
			 p->name, p->arch, m->repo->advs[pa.pending->advisory].id,
			 show_evr(&pa.pending->pkg, v, sizeof(v)));
	}
	if (c && pa.n)
		report_pkg(ctx, p, c, &pa, out);
}

static int by_name(const void *a, const void *b)
{
	const struct inv_pkg *const *x = a, *const *y = b;
	int c = strcmp((*x)->name, (*y)->name);

	return c ? c : strcmp((*x)->arch, (*y)->arch);
}

static void compare(struct chk_ctx *ctx, struct rpm_state *s)
{
	const struct inv_facts *f = ctx->facts;
	struct rpm_match m = {0};
	struct rpm_out *out = ia_xcalloc(1, sizeof(*out));
	const struct inv_pkg **v = ia_xreallocarray(NULL, f->n_pkgs + 1, sizeof(*v));
	struct upd_modfilter *mf = upd_mod_filter(ctx, &s->repo);
	size_t n = 0, n_rpm = 0;

	build_match(&m, &s->repo, mf);
	for (size_t i = 0; i < f->n_pkgs; i++)
		if (f->pkgs[i].db == INV_DB_RPM && inv_pkg_on_disk(&f->pkgs[i]))
			v[n++] = &f->pkgs[i];
	n_rpm = n;
	qsort(v, n, sizeof(*v), by_name);
	for (size_t i = 0; i < n; i++)
		compare_one(ctx, &m, v[i], out);
	chk_note(ctx,
		 "%zu installed rpm packages (name.arch) compared with %zu packages and %zu "
		 "advisories of %zu repositories (%zu with updateinfo): %s",
		 n_rpm, s->repo.n_pkgs, s->repo.n_advs, s->repo.n_repos, s->repo.n_updateinfo,
		 s->names.data ? s->names.data : "");
	if (out->n_pending)
		chk_note(ctx,
			 "%zu installed packages are named by a security advisory whose fixed "
			 "version no repository read offers yet (%s%s)",
			 out->n_pending, out->pending, out->n_pending > 1 ? ", ..." : "");
	if (out->n_missing)
		chk_note(ctx, "fix: dnf update%s%s", out->fixall,
			 out->cut ? " ... (list cut; or dnf update --security)" : "");
	if (mf)
		chk_note(ctx,
			 "module streams: %zu active of %zu (enabled in /etc/dnf/modules.d, else "
			 "the default stream); the packages of the others are not offered, as dnf "
			 "filters them",
			 upd_mod_active(mf), s->repo.n_modules);
	upd_mod_free(mf);
	free(v);
	free(out);
	release_match(&m);
}

void upd_rpm_run(struct chk_ctx *ctx)
{
	struct rpm_state s = {.names = IA_BUF_INIT(RPM_MAX_FIX_ALL)};

	vdb_rpm_repo_init(&s.repo);
	read_repos(ctx, &s);
	if (!s.repo.n_repos)
		chk_gap(ctx, NULL, 0,
			"no rpm repository metadata: the image's dnf/yum cache "
			"(/var/cache/dnf/*/repodata/repomd.xml, /var/cache/yum/*/*/*/repomd.xml) "
			"holds none read and none was given (scan --security-index DIR, a "
			"repository directory holding repodata/repomd.xml)");
	else if (!s.repo.n_updateinfo)
		chk_gap(ctx, NULL, 0,
			"the rpm repositories read (%s) hold no updateinfo: security updates "
			"cannot be told from other updates",
			s.names.data ? s.names.data : "");
	else
		compare(ctx, &s);
	ia_buf_release(&s.names);
	vdb_rpm_repo_release(&s.repo);
}
