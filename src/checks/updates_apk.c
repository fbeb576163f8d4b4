/* updates_apk.c — UPD-001 on apk images: installed packages against an APKINDEX (the release's
 * repositories); Alpine has no separate security repository, so every newer version is an
 * update, marked a security fix when the Alpine secdb of the vulnerability database says so */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/updates.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/pool.h"
#include "util/xalloc.h"
#include "vulndb/apkindex.h"
#include "vulndb/db.h"
#include "vulndb/version.h"

#include "util/banned.h"

/* Bytes of the lists in a note or a finding (indexes read, advisories of one update). */
#define APK_MAX_LIST 2048

/* Where apk keeps its copy of each repository's index (APKINDEX.HASH.tar.gz). */
static const char *const apk_caches[] = {"/var/cache/apk", "/etc/apk/cache"};

struct apk_state {
	struct vdb_apk_index idx;
	struct ia_buf names;
	size_t n_seen;
};

static void index_done(struct chk_ctx *ctx, struct apk_state *s, const char *name, int r,
		       const struct ia_err *err, size_t from)
{
	upd_source_done(ctx, &s->idx.problems, from, "APKINDEX", &s->names, name, r, err);
}

static void cache_child(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct apk_state *s = arg;
	const char *base = fam_basename(e->path);
	size_t n = strlen(base);
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APKINDEX_FILE);
	struct ia_err err = {0};
	size_t from = s->idx.problems.len;
	int r;

	if (strncmp(base, "APKINDEX.", 9) != 0 || n < 16 || strcmp(base + n - 7, ".tar.gz") != 0 ||
	    !S_ISREG(e->mode))
		return;
	if (++s->n_seen > IA_MAX_APK_INDEXES) {
		if (s->n_seen == IA_MAX_APK_INDEXES + 1)
			chk_gap(ctx, e->path, 0,
				"more than %u cached APKINDEX files (IA_MAX_APK_INDEXES): the rest "
				"not read",
				(unsigned)IA_MAX_APK_INDEXES);
		return;
	}
	r = fam_read(ctx, e->path, IA_MAX_APKINDEX_FILE, &raw);
	if (r == 0) {
		r = vdb_apk_index_parse(&s->idx, e->path, raw.data ? raw.data : "", raw.len, &err);
		index_done(ctx, s, e->path, r, &err, from);
	}
	ia_buf_release(&raw);
}

static void read_indexes(struct chk_ctx *ctx, struct apk_state *s)
{
	const struct chk_opts *o = ctx->opts;

	for (size_t i = 0; o && i < o->n_security_indexes; i++) {
		const char *path = o->security_indexes[i];
		struct ia_err err = {0};
		size_t from = s->idx.problems.len;
		struct stat st;
		int r;

		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			chk_gap(ctx, NULL, 0,
				"--security-index %s: the image's packages are apk, and this is no "
				"APKINDEX.tar.gz file",
				path);
			continue;
		}
		r = vdb_apk_index_read_file(&s->idx, path, &err);
		index_done(ctx, s, path, r, &err, from);
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(apk_caches); i++)
		(void)fam_children(ctx, apk_caches[i], cache_child, s);
}

static const char *key_of(struct ia_pool *pool, const char *name, const char *arch)
{
	char buf[2 * IA_MAX_NAME + 2];

	snprintf(buf, sizeof(buf), "%s:%s", name, arch);
	return ia_pool_strdup(pool, buf);
}

/* The candidate of each name and arch: the highest version of the indexes. */
static void build_best(const struct vdb_apk_index *idx, struct ia_pool *pool, struct ia_hmap *best)
{
	for (size_t i = 0; i < idx->n; i++) {
		const struct vdb_apk_pkg *p = &idx->v[i];
		const char *key = key_of(pool, p->name, p->arch);
		uint32_t j;
		int c = 0;

		if (ia_hmap_get(best, key, strlen(key), &j) &&
		    (vdb_vercmp(VDB_ECO_APK, p->version, idx->v[j].version, &c, NULL) < 0 ||
		     c <= 0))
			continue;
		ia_hmap_put(best, key, (uint32_t)i);
	}
}

/* The Alpine secdb of the vulnerability database for the image's release, when it has one. */
struct secdb {
	struct vdb *db;
	char rel[32];
};

/* The advisories the candidate fixes: secdb entries affecting the installed version whose
 * fixed version the candidate reaches. */
struct fixes {
	const char *cand;
	char ids[APK_MAX_LIST]; /* space-separated */
	size_t o, n;
	char head[300]; /* the first APK_TITLE_IDS, for the title */
	size_t ho;
};

/* Advisory IDs named in a finding's title (all of them in its details). */
#define APK_TITLE_IDS 6

/* true when the space-separated list holds the word w. */
static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static int on_fix(const struct vdb_match *m, void *arg)
{
	struct fixes *f = arg;
	int c = 0;

	if (!*m->fixed || vdb_vercmp(VDB_ECO_APK, m->fixed, f->cand, &c, NULL) < 0 || c > 0)
		return 0;
	if (f->o && has_word(f->ids, m->advisory))
		return 0;
	if (f->o + strlen(m->advisory) + 3 < sizeof(f->ids))
		f->o += (size_t)snprintf(f->ids + f->o, sizeof(f->ids) - f->o, "%s%s",
					 f->o ? " " : "", m->advisory);
	if (f->n < APK_TITLE_IDS && f->ho + strlen(m->advisory) + 3 < sizeof(f->head))
		f->ho += (size_t)snprintf(f->head + f->ho, sizeof(f->head) - f->ho, "%s%s",
					  f->ho ? " " : "", m->advisory);
	f->n++;
	return 0;
}

static void report_update(struct chk_ctx *ctx, const struct secdb *sd, const struct inv_pkg *p,
			  const struct vdb_apk_pkg *c)
{
	struct fixes f = {.cand = c->version};
	char value[IA_MAX_EVIDENCE + 1], fix[FAM_MAX_FIX];
	struct ia_err err = {0};

	if (sd->db &&
	    vdb_match(sd->db, "alpine", sd->rel, p->source, p->version, on_fix, &f, NULL, &err) < 0)
		chk_gap(ctx, p->db_path, p->db_line, "%s not matched with the Alpine secdb: %s",
			p->name, err.msg);
	char cmp[IA_MAX_EVIDENCE];

	fam_fix(fix, "apk upgrade %s", p->name);
	snprintf(cmp, sizeof(cmp), "%.100s < candidate %.100s (apk)", p->version, c->version);
	struct chk_detail d[] = {
		{"source", f.n ? "alpine-secdb" : "APKINDEX"},
		{"package", p->source},
		{"installed", p->version},
		{"comparator", "apk"},
		{"comparison", cmp},
		{"fix_command", fix},
		{"advisory", f.ids}, /* last: only when the secdb names one */
	};
	snprintf(value, sizeof(value), "installed %.100s, candidate %.100s (origin %.100s)%s",
		 p->version, c->version, p->source,
		 f.n ? "" : "; Alpine has no separate security repository");
	if (f.n)
		chk_report_detail(
			ctx, FND_SEV_HIGH, d, IA_ARRAY_SIZE(d), p->db_path, p->db_line, value, fix,
			"security update not installed: %s %s -> %s (fixes %s%s%.0zu%s, "
			"Alpine secdb)",
			p->name, p->version, c->version, f.head, f.n > APK_TITLE_IDS ? " and " : "",
			f.n > APK_TITLE_IDS ? f.n - APK_TITLE_IDS : 0,
			f.n > APK_TITLE_IDS ? " more" : "");
	else
		chk_report_detail(
			ctx, sd->db ? FND_SEV_LOW : FND_SEV_HIGH, d, IA_ARRAY_SIZE(d) - 1,
			p->db_path, p->db_line, value, fix, "update available: %s %s -> %s (%s)",
			p->name, p->version, c->version,
			sd->db ? "no advisory of the Alpine secdb names it"
			       : "Alpine has no separate security repository and no "
				 "secdb was given to tell security fixes: counted as one");
}

/* The vulnerability database's Alpine secdb for the image's release (3.18 of 3.18.4). */
static void secdb_of(struct chk_ctx *ctx, struct secdb *sd)
{
	const struct inv_os *os = &ctx->facts->os;
	struct vdb *db = ctx->opts ? ctx->opts->vulndb : NULL;
	size_t l = strcspn(os->version_id, ".");

	if (os->version_id[l])
		l += 1 + strcspn(os->version_id + l + 1, ".");
	snprintf(sd->rel, sizeof(sd->rel), "%.*s", (int)(l < 31 ? l : 31), os->version_id);
	if (db && strcmp(os->id, "alpine") == 0 && sd->rel[0] &&
	    vdb_release_entries(db, "alpine", sd->rel, NULL) > 0)
		sd->db = db;
}

static void compare(struct chk_ctx *ctx, struct apk_state *s)
{
	const struct inv_facts *f = ctx->facts;
	struct ia_pool pool = {0};
	struct ia_hmap best = {0};
	struct secdb sd = {0};
	size_t n = 0, missing = 0;

	build_best(&s->idx, &pool, &best);
	secdb_of(ctx, &sd);
	for (size_t i = 0; i < f->n_pkgs; i++) {
		const struct inv_pkg *p = &f->pkgs[i];
		const char *key;
		uint32_t j;
		int c = 0;

		if (p->db != INV_DB_APK || !inv_pkg_on_disk(p))
			continue;
		n++;
		key = key_of(&pool, p->name, p->arch);
		if (!ia_hmap_get(&best, key, strlen(key), &j)) {
			key = key_of(&pool, p->name, "noarch");
			if (!ia_hmap_get(&best, key, strlen(key), &j))
				continue;
		}
		if (vdb_vercmp(VDB_ECO_APK, p->version, s->idx.v[j].version, &c, NULL) < 0) {
			chk_gap(ctx, p->db_path, p->db_line, "%s not compared: version %s", p->name,
				p->version);
			continue;
		}
		if (c < 0) {
			report_update(ctx, &sd, p, &s->idx.v[j]);
			missing++;
		}
	}
	chk_note(ctx,
		 "%zu installed apk packages compared with %zu packages of %zu APKINDEX file(s)%s "
		 "(signatures not verified; the last one's DESCRIPTION: %s): %s; security fixes "
		 "told "
		 "by %s",
		 n, s->idx.n, s->idx.n_indexes, s->idx.unsigned_ ? ", one without a signature" : "",
		 s->idx.description[0] ? s->idx.description : "none",
		 s->names.data ? s->names.data : "",
		 sd.db ? "the Alpine secdb of the vulnerability database" : "nothing (no secdb)");
	if (missing)
		chk_note(ctx, "fix: apk upgrade");
	ia_hmap_release(&best);
	ia_pool_release(&pool);
}

void upd_apk_run(struct chk_ctx *ctx)
{
	struct apk_state s = {.names = IA_BUF_INIT(APK_MAX_LIST)};

	vdb_apk_index_init(&s.idx);
	read_indexes(ctx, &s);
	if (!s.idx.n_indexes)
		chk_gap(ctx, NULL, 0,
			"no APKINDEX: the image's apk cache (/var/cache/apk/APKINDEX.*.tar.gz) "
			"holds none read and none was given (scan --security-index "
			"APKINDEX.tar.gz, the index of the release's repository)");
	else
		compare(ctx, &s);
	ia_buf_release(&s.names);
	vdb_apk_index_release(&s.idx);
}
