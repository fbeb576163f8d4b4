/* updates.c — checks of the updates family: missing security updates, OS release end of life */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/updates.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/pool.h"
#include "util/xalloc.h"
#include "vulndb/db.h"
#include "vulndb/eol.h"
#include "vulndb/packages.h"
#include "vulndb/release.h"
#include "vulndb/version.h"

#include "util/banned.h"

/* ---- UPD-001: security updates not installed ---- */

/* Where apt keeps the indexes it downloaded. */
#define APT_LISTS "/var/lib/apt/lists"

/* Bytes of the fix command listing every package, in the check's note. */
#define UPD_MAX_FIX_ALL 4096

/* "NAME_Packages" or "NAME_Packages.EXT" with a compression apt stores lists in. */
static bool is_packages_list(const char *base)
{
	static const char *const ext[] = {"", ".gz", ".xz", ".lz4", ".zst", ".bz2", ".lzma"};
	const char *p = strstr(base, "_Packages");

	if (!p || !strstr(base, "security"))
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(ext); i++)
		if (strcmp(p + 9, ext[i]) == 0)
			return true;
	return false;
}

struct upd_state {
	struct vdb_apt_index idx;
	struct ia_buf names; /* the indexes read, for the note */
	size_t n_indexes;
	size_t n_lists;     /* security lists of the image seen */
	size_t n_untrusted; /* of them, not used: their Release file does not verify */
	/* the image's lists against the SHA256 their suite's Release file lists (release_check) */
	size_t rel_match, rel_mismatch, rel_unchecked;
	/* the Release files those lists use, each verified once (rel_verify) */
	struct upd_rel *rels;
	size_t n_rels;
	size_t sig_good, sig_bad, sig_unverified;
	char sig_keys[200]; /* the keys of the good signatures */
	char sig_why[120];  /* why the first not verified one was not */
};

/* One Release file of the image's lists: its signature, and the text its SHA256 lists are read
 * from (the signed text gpgv gave for a good InRelease, else the file). */
struct upd_rel {
	char path[600];
	struct vdb_sig sig;
	struct ia_buf text;
	bool gap; /* its signature does not verify with the --keyring files (a gap said why) */
};

/* Gaps for what was skipped in one index (its problems since `from`). */
static void index_gaps(struct chk_ctx *ctx, struct upd_state *s, size_t from)
{
	for (size_t i = from; i < s->idx.problems.len; i++) {
		const struct ia_problem *p = &s->idx.problems.v[i];

		chk_gap(ctx, p->path, p->line, "security index: %s", p->msg);
	}
}

static void index_done(struct chk_ctx *ctx, struct upd_state *s, const char *name, int r,
		       const struct ia_err *err, size_t from)
{
	index_gaps(ctx, s, from);
	if (r < 0) {
		chk_gap_err(ctx, err);
		if (r != -IA_ETOOBIG)
			return;
	}
	s->n_indexes++;
	if (s->names.len)
		(void)ia_buf_adds(&s->names, ", ");
	if (ia_buf_adds(&s->names, name) < 0)
		(void)ia_buf_adds(&s->names, "...");
}

/*
 * The Release file apt keeps beside a list ("HOST_dists_SUITE_main_binary-amd64_Packages[.EXT]":
 * "HOST_dists_SUITE_InRelease" or "..._Release") and the list's path in it
 * ("main/binary-amd64/Packages"; apt writes '/' as '_' in list names and escapes '_' itself).
 * The suite ends at the skip-th '_' after "_dists_" (0: the first; a suite such as
 * "buster/updates" holds one). false when there is no such split.
 */
static bool list_release(const char *base, unsigned skip, char *prefix, size_t pn, char *relpath,
			 size_t rn)
{
	const char *d = strstr(base, "_dists_"), *s, *end = strstr(base, "_Packages");
	size_t n;

	if (!d || !end || !(s = strchr(d + 7, '_')))
		return false;
	while (skip-- && s && s < end)
		s = strchr(s + 1, '_');
	if (!s || s >= end || (size_t)(s + 1 - base) >= pn)
		return false;
	snprintf(prefix, pn, "%.*s", (int)(s + 1 - base), base);
	n = (size_t)(end + 9 - (s + 1));
	if (n >= rn)
		return false;
	memcpy(relpath, s + 1, n);
	relpath[n] = 0;
	for (char *p = relpath; *p; p++)
		if (*p == '_')
			*p = '/';
	return true;
}

/* Appends the words of a (space-separated) to the list in buf, those not already there. */
static void add_words(char *buf, size_t n, const char *a)
{
	char w[80];

	for (const char *p = a; *p;) {
		size_t l = strcspn(p, " ");

		snprintf(w, sizeof(w), "%.*s", (int)(l < sizeof(w) - 1 ? l : sizeof(w) - 1), p);
		if (l && !strstr(buf, w) && strlen(buf) + l + 2 < n)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? " " : "", w);
		p += l;
		p += *p == ' ';
	}
}

/* Says what the signature of a Release file is, once: a note when it is good or when no
 * keyring (or no gpgv) let it be checked, a gap when the user's keyrings do not verify it. */
static void rel_sig_report(struct chk_ctx *ctx, struct upd_state *s, struct upd_rel *e)
{
	const bool keys = ctx->opts && ctx->opts->n_keyrings;
	const char *kind = e->sig.detached ? "Release.gpg" : "InRelease";

	e->gap = e->sig.state == VDB_SIG_BAD || e->sig.state == VDB_SIG_UNKNOWN_KEY ||
		 (e->sig.state == VDB_SIG_UNSIGNED && keys);
	switch (e->sig.state) {
	case VDB_SIG_GOOD:
		s->sig_good++;
		add_words(s->sig_keys, sizeof(s->sig_keys), e->sig.keys);
		chk_note(ctx, "%s: %s signature good (key %s) with the --keyring given", e->path,
			 kind, e->sig.keys);
		return;
	case VDB_SIG_BAD:
		s->sig_bad++;
		chk_gap(ctx, e->path, 0,
			"%s signature BAD (%s): the Release file changed after it was signed; the "
			"lists it covers are not trusted",
			kind, e->sig.why);
		return;
	case VDB_SIG_UNKNOWN_KEY:
		chk_gap(ctx, e->path, 0,
			"%s signature not verified: signed by keys no --keyring holds (%s); the "
			"lists it covers are not trusted",
			kind, e->sig.keys);
		snprintf(s->sig_why, sizeof(s->sig_why), "signed by keys no --keyring holds");
		break;
	case VDB_SIG_UNSIGNED:
		if (keys)
			chk_gap(ctx, e->path, 0,
				"not signed: no InRelease and no Release.gpg beside this Release "
				"file (apt refuses such a repository unless it is marked "
				"trusted=yes); the lists it covers are not trusted");
		else
			chk_note(ctx,
				 "%s: signature not verified: no --keyring given (and it has "
				 "no signature: no InRelease, no Release.gpg)",
				 e->path);
		snprintf(s->sig_why, sizeof(s->sig_why), "%s",
			 keys ? "not signed" : "no --keyring given");
		break;
	case VDB_SIG_UNCHECKED:
		chk_note(ctx, "%s: signature not verified: %s", e->path,
			 keys ? "gpgv is not installed (Debian package gpgv)"
			      : "no --keyring given");
		if (!*s->sig_why)
			snprintf(s->sig_why, sizeof(s->sig_why), "%s",
				 keys ? "gpgv not installed" : "no --keyring given");
		break;
	}
	s->sig_unverified++;
}

/* The bytes of the Release.gpg beside a Release file at rpath, in det; false when it has
 * none (or it cannot be read: a gap). */
static bool read_detached(struct chk_ctx *ctx, const char *rpath, struct ia_buf *det)
{
	char gpath[610];

	snprintf(gpath, sizeof(gpath), "%s.gpg", rpath);
	return fam_read(ctx, gpath, IA_MAX_APT_RELEASE_SIG, det) == 0;
}

/* Verifies the Release file rpath (its bytes raw; with the Release.gpg beside it when it is a
 * Release, not an InRelease) against the user's keyrings and keeps it in s->rels. */
static const struct upd_rel *rel_verify(struct chk_ctx *ctx, struct upd_state *s, const char *rpath,
					const struct ia_buf *raw, bool release)
{
	const struct chk_opts *o = ctx->opts;
	struct vdb_gpgv g = {.keyrings = o ? o->keyrings : NULL,
			     .n_keyrings = o ? o->n_keyrings : 0,
			     .tmpdir = o ? o->gpgv_tmp : NULL};
	struct ia_buf det = IA_BUF_INIT(IA_MAX_APT_RELEASE_SIG);
	struct upd_rel *e;
	struct ia_err err = {0};
	bool has_det = release && read_detached(ctx, rpath, &det);
	const char *data = raw->data ? raw->data : "";

	s->rels = ia_xreallocarray(s->rels, s->n_rels + 1, sizeof(*s->rels));
	e = &s->rels[s->n_rels++];
	memset(e, 0, sizeof(*e));
	snprintf(e->path, sizeof(e->path), "%s", rpath);
	ia_buf_init(&e->text, IA_MAX_APT_RELEASE_FILE);
	if (vdb_release_verify_mem(rpath, data, raw->len,
				   has_det ? (det.data ? det.data : "") : NULL, det.len, &g,
				   &e->text, &e->sig, &err) < 0) {
		/* the signature not checked for another reason: the file's own text, untrusted */
		chk_gap(ctx, rpath, 0,
			"signature not checked: %s; the lists it covers are not "
			"trusted",
			err.msg);
		s->sig_unverified++;
		snprintf(s->sig_why, sizeof(s->sig_why), "not checked");
		e->gap = true;
		ia_buf_reset(&e->text);
		(void)ia_buf_add(&e->text, data, raw->len);
	} else {
		rel_sig_report(ctx, s, e);
	}
	ia_buf_release(&det);
	return e;
}

/*
 * The Release file apt keeps beside the list base (InRelease, else Release; at the first '_'
 * after "_dists_" that has one), verified once: relpath gets the list's path in it. NULL when
 * there is none (*unread: one is there but could not be read, a gap said).
 */
static const struct upd_rel *list_rel(struct chk_ctx *ctx, struct upd_state *s, const char *base,
				      char *relpath, size_t rn, bool *unread)
{
	char prefix[256], rpath[600];
	struct ia_buf rb = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	const struct upd_rel *e = NULL;

	*unread = false;
	for (unsigned k = 0;
	     !e && !*unread && k < 4 && list_release(base, k, prefix, sizeof(prefix), relpath, rn);
	     k++)
		for (int i = 0; i < 2 && !e && !*unread; i++) {
			int r;

			snprintf(rpath, sizeof(rpath), APT_LISTS "/%s%s", prefix,
				 i ? "Release" : "InRelease");
			for (size_t j = 0; j < s->n_rels && !e; j++)
				if (strcmp(s->rels[j].path, rpath) == 0)
					e = &s->rels[j];
			if (e)
				break;
			r = fam_read(ctx, rpath, IA_MAX_APT_RELEASE_FILE, &rb);
			if (r == 0)
				e = rel_verify(ctx, s, rpath, &rb, i == 1);
			else if (r != -ENOENT)
				*unread = true;
		}
	ia_buf_release(&rb);
	return e;
}

/* With --keyring, whether the list path may be used: its Release file rel (NULL: none found)
 * verifies. A gap says why when it does not. Without --keyring every list is used. */
static bool list_trusted(struct chk_ctx *ctx, const char *path, const struct upd_rel *rel)
{
	if (!ctx->opts || !ctx->opts->n_keyrings || (rel && !rel->gap))
		return true;
	if (rel)
		chk_gap(ctx, path, 0,
			"not used: %s, the Release file that lists it, does not verify with the "
			"--keyring given; the updates it offers are not trusted",
			rel->path);
	else
		chk_gap(ctx, path, 0,
			"not used: no Release file beside it could be read and verified with the "
			"--keyring given; the updates it offers are not trusted");
	return false;
}

/* What a list's note says of its Release file's signature. */
static const char *sig_word(const struct upd_rel *e, char *buf, size_t n)
{
	if (e->sig.state == VDB_SIG_GOOD)
		snprintf(buf, n, "its signature good (key %s)", e->sig.keys);
	else
		snprintf(buf, n, "its signature not verified");
	return buf;
}

/*
 * Whether the image's list (raw, as stored) is the one its suite's Release file (kept beside it
 * by apt) lists: its decompressed text against the entry of its path, else the file as stored
 * against that path with its suffix. The Release file's signature is checked against the
 * user's keyrings (scan --keyring; rel_verify). The result is a note; a gap when the list does
 * not match or its Release file does not verify. Counted for the findings' evidence.
 */
static bool release_check(struct chk_ctx *ctx, struct upd_state *s, const char *path,
			  const struct ia_buf *raw)
{
	char relpath[256], want[65], got[65], entry[300], sw[300];
	const char *base = fam_basename(path), *ext = strstr(base, "_Packages") + 9;
	struct ia_buf t = IA_BUF_INIT(IA_MAX_APT_INDEX);
	const struct upd_rel *rel;
	struct ia_err err = {0};
	uint64_t size = 0;
	int match = -1;
	bool unread = false;

	if (!list_release(base, 0, entry, sizeof(entry), relpath, sizeof(relpath))) {
		s->rel_unchecked++;
		chk_note(ctx, "%s: not checked against a Release file (not an apt list name)",
			 path);
		return list_trusted(ctx, path, NULL);
	}
	rel = list_rel(ctx, s, base, relpath, sizeof(relpath), &unread);
	if (rel &&
	    vdb_release_sha256_mem(rel->text.data ? rel->text.data : "", rel->text.len, relpath,
				   want, &size) == 0 &&
	    vdb_apt_decompress(path, raw->data ? raw->data : "", raw->len, 0, &t, NULL, &err) ==
		    0) {
		vdb_sha256_mem(t.data ? t.data : "", t.len, got);
		match = size == t.len && strcmp(got, want) == 0;
		snprintf(entry, sizeof(entry), "%s", relpath);
	}
	if (match != 1 && rel && *ext) {
		snprintf(entry, sizeof(entry), "%s%s", relpath, ext);
		if (vdb_release_sha256_mem(rel->text.data ? rel->text.data : "", rel->text.len,
					   entry, want, &size) == 0) {
			vdb_sha256_mem(raw->data ? raw->data : "", raw->len, got);
			match = size == raw->len && strcmp(got, want) == 0;
		}
	}
	if (match == 1) {
		s->rel_match++;
		if (!rel->gap)
			chk_note(ctx, "%s: its SHA256 matches %s as %s lists it (%s)", path, entry,
				 rel->path, sig_word(rel, sw, sizeof(sw)));
	} else if (match == 0) {
		s->rel_mismatch++;
		chk_gap(ctx, path, 0,
			"its SHA256 does not match the %s that %s lists: the list changed after "
			"apt downloaded it (or the Release file is of another update); its "
			"candidates are not verified",
			entry, rel->path);
	} else {
		s->rel_unchecked++;
		chk_note(ctx, "%s: not checked against a Release file (%s)", path,
			 rel      ? "it lists no SHA256 for this index"
			 : unread ? "the Release file beside it could not be read"
				  : "no InRelease or Release beside it");
	}
	ia_buf_release(&t);
	return list_trusted(ctx, path, rel);
}

/* What the findings' evidence says of the image's lists against their Release files. */
static const char *release_word(const struct upd_state *s, char *buf, size_t n)
{
	size_t o;

	if (!s->rel_match && !s->rel_mismatch && !s->rel_unchecked)
		return "";
	o = (size_t)snprintf(
		buf, n,
		"; image lists vs Release SHA256: %zu matched, %zu not matching, %zu not checked",
		s->rel_match, s->rel_mismatch, s->rel_unchecked);
	if (!s->n_rels || o >= n)
		return buf;
	if (!s->sig_good && !s->sig_bad)
		snprintf(buf + o, n - o, "; signature not verified: %s", s->sig_why);
	else
		snprintf(buf + o, n - o,
			 "; Release signatures: %zu good%s%s%s, %zu BAD, %zu not verified%s%s%s",
			 s->sig_good, *s->sig_keys ? " (key " : "", s->sig_keys,
			 *s->sig_keys ? ")" : "", s->sig_bad, s->sig_unverified,
			 s->sig_unverified ? " (" : "", s->sig_why, s->sig_unverified ? ")" : "");
	return buf;
}

static void read_image_list(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct upd_state *s = arg;
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APT_INDEX_FILE);
	struct ia_err err = {0};
	size_t from = s->idx.problems.len;
	int r;

	if (!is_packages_list(fam_basename(e->path)) || !S_ISREG(e->mode))
		return;
	if (++s->n_lists > IA_MAX_APT_LISTS) {
		if (s->n_lists == IA_MAX_APT_LISTS + 1)
			chk_gap(ctx, e->path, 0,
				"more than %u security lists in " APT_LISTS
				" (IA_MAX_APT_LISTS): the rest not read",
				(unsigned)IA_MAX_APT_LISTS);
		return;
	}
	r = fam_read(ctx, e->path, IA_MAX_APT_INDEX_FILE, &raw);
	if (r == 0 && !release_check(ctx, s, e->path, &raw)) {
		s->n_untrusted++;
	} else if (r == 0) {
		r = vdb_apt_index_parse(&s->idx, e->path, raw.data, raw.len, &err);
		index_done(ctx, s, e->path, r, &err, from);
	}
	ia_buf_release(&raw);
}

/* Reads the indexes: the user's (host files) and the image's own security lists. */
static void read_indexes(struct chk_ctx *ctx, struct upd_state *s)
{
	const struct chk_opts *o = ctx->opts;

	for (size_t i = 0; o && i < o->n_security_indexes; i++) {
		struct ia_err err = {0};
		size_t from = s->idx.problems.len;
		int r = vdb_apt_index_read_file(&s->idx, o->security_indexes[i], &err);

		index_done(ctx, s, o->security_indexes[i], r, &err, from);
	}
	(void)fam_children(ctx, APT_LISTS, read_image_list, s);
}

/* The security suite of the image's release ("bookworm-security"): its codename, else for
 * Debian the codename of its VERSION_ID. false when neither is known. */
static bool security_suite(const struct inv_os *os, char *out, size_t n)
{
	static const char *const debian[][2] = {
		{"8", "jessie"},    {"9", "stretch"},   {"10", "buster"},
		{"11", "bullseye"}, {"12", "bookworm"}, {"13", "trixie"},
	};
	const char *code = os->codename;

	if (!code[0] && strcmp(os->id, "debian") == 0)
		for (size_t i = 0; i < IA_ARRAY_SIZE(debian); i++)
			if (strcmp(os->version_id, debian[i][0]) == 0)
				code = debian[i][1];
	if (!code[0] || strlen(code) > 40)
		return false;
	snprintf(out, n, "%s-security", code);
	return true;
}

/* No index in the image and none given: the one imported into the vulnerability database for
 * the image's security suite (db import --suite/--release). */
static void read_stored_index(struct chk_ctx *ctx, struct upd_state *s)
{
	struct vdb *db = ctx->opts ? ctx->opts->vulndb : NULL;
	struct ia_err err = {0};
	char suite[64], name[128];
	size_t from = s->idx.problems.len;
	int64_t n;

	if (!db || !security_suite(&ctx->facts->os, suite, sizeof(suite)))
		return;
	n = vdb_apt_index_stored(db, suite, &s->idx, &err);
	if (n == 0 && s->idx.problems.len == from)
		return;
	snprintf(name, sizeof(name), "the vulnerability database's index of %s", suite);
	index_done(ctx, s, name, n < 0 ? (int)n : 0, &err, from);
}

/* The architecture dpkg itself was built for (that of the dpkg package), else the commonest. */
static const char *native_arch(const struct inv_facts *f)
{
	const struct inv_pkg *d = inv_pkg_find(f, "dpkg");

	if (d && d->db == INV_DB_DPKG && *d->arch && strcmp(d->arch, "all") != 0)
		return d->arch;
	for (size_t i = 0; i < f->n_pkgs; i++)
		if (f->pkgs[i].db == INV_DB_DPKG && *f->pkgs[i].arch &&
		    strcmp(f->pkgs[i].arch, "all") != 0)
			return f->pkgs[i].arch;
	return "";
}

/* "name:arch" with arch "all" read as the native one (apt treats both alike). */
static const char *arch_key(struct ia_pool *pool, const char *name, const char *arch,
			    const char *native)
{
	char buf[IA_MAX_NAME * 2 + 2];

	snprintf(buf, sizeof(buf), "%s:%s", name, strcmp(arch, "all") == 0 ? native : arch);
	return ia_pool_strdup(pool, buf);
}

/* The candidate of each name and architecture: the highest version of the indexes (an index of
 * a foreign architecture serves the packages of that architecture). */
static void build_candidates(const struct vdb_apt_index *idx, const char *native,
			     struct ia_pool *pool, struct ia_hmap *best)
{
	for (size_t i = 0; i < idx->n; i++) {
		const struct vdb_apt_pkg *p = &idx->v[i];
		const char *key;
		uint32_t j;
		int c;

		key = arch_key(pool, p->name, p->arch, native);
		if (ia_hmap_get(best, key, strlen(key), &j) &&
		    (vdb_vercmp(VDB_ECO_DPKG, p->version, idx->v[j].version, &c, NULL) < 0 ||
		     c <= 0))
			continue;
		ia_hmap_put(best, key, (uint32_t)i);
	}
}

struct upd_list {
	const struct inv_pkg **pkg;
	const struct vdb_apt_pkg **cand;
	size_t n, cap;
};

static int by_name(const void *a, const void *b)
{
	const struct inv_pkg *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* Installed dpkg packages whose candidate is newer, collected into l. */
static void compare_installed(struct chk_ctx *ctx, const struct upd_state *s, const char *native,
			      struct ia_pool *pool, const struct ia_hmap *best, struct upd_list *l)
{
	const struct inv_facts *f = ctx->facts;

	for (size_t i = 0; i < f->n_pkgs; i++) {
		const struct inv_pkg *p = &f->pkgs[i];
		struct ia_err err = {0};
		const char *key;
		uint32_t j;
		int c;

		if (p->db != INV_DB_DPKG || !inv_pkg_on_disk(p))
			continue;
		key = arch_key(pool, p->name, *p->arch ? p->arch : native, native);
		if (!ia_hmap_get(best, key, strlen(key), &j))
			continue;
		if (vdb_vercmp(VDB_ECO_DPKG, p->version, s->idx.v[j].version, &c, &err) < 0) {
			chk_gap(ctx, p->db_path, p->db_line, "%s not compared: %s", p->name,
				err.msg);
			continue;
		}
		if (c >= 0)
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 64;
			l->pkg = ia_xreallocarray(l->pkg, l->cap, sizeof(*l->pkg));
		}
		l->pkg[l->n++] = p;
	}
	qsort(l->pkg, l->n, sizeof(*l->pkg), by_name);
}

static void report_missing(struct chk_ctx *ctx, const struct upd_state *s, const char *native,
			   struct ia_pool *pool, const struct ia_hmap *best,
			   const struct upd_list *l)
{
	char fixall[UPD_MAX_FIX_ALL];
	size_t o = (size_t)snprintf(fixall, sizeof(fixall), "apt-get install --only-upgrade");
	bool cut = false;

	for (size_t i = 0; i < l->n; i++) {
		const struct inv_pkg *p = l->pkg[i];
		const char *key = arch_key(pool, p->name, *p->arch ? p->arch : native, native);
		char fix[FAM_MAX_FIX], value[IA_MAX_EVIDENCE + 1], w[IA_MAX_NAME + 8], rel[480];
		const struct vdb_apt_pkg *c;
		uint32_t j;

		(void)ia_hmap_get(best, key, strlen(key), &j);
		c = &s->idx.v[j];
		snprintf(value, sizeof(value), "installed %s, candidate %s (source %s %s)%s",
			 p->version, c->version, c->source, c->source_version,
			 release_word(s, rel, sizeof(rel)));
		chk_report(ctx, p->db_path, p->db_line, value,
			   fam_fix(fix, "apt-get install --only-upgrade %s", p->name),
			   "security update not installed: %s %s -> %s", p->name, p->version,
			   c->version);
		if (!cut && fam_shell_word(w, sizeof(w), p->name) &&
		    o + strlen(w) + 1 < sizeof(fixall)) {
			o += (size_t)snprintf(fixall + o, sizeof(fixall) - o, " %s", w);
		} else if (!cut) {
			cut = true;
		}
	}
	chk_note(ctx,
		 "%zu installed dpkg packages compared with %zu entries of %zu security index(es): "
		 "%s",
		 ctx->facts->n_pkgs, s->idx.n, s->n_indexes, s->names.data ? s->names.data : "");
	if (l->n)
		chk_note(ctx, "fix: %s%s", fixall, cut ? " ... (list cut; see each finding)" : "");
}

static size_t count_db(const struct inv_facts *f, enum inv_db db)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n_pkgs; i++)
		n += f->pkgs[i].db == db;
	return n;
}

static void run_security_updates(struct chk_ctx *ctx)
{
	const struct inv_facts *f = ctx->facts;
	struct upd_state s = {.names = IA_BUF_INIT(UPD_MAX_FIX_ALL)};
	struct ia_pool pool = {0};
	struct ia_hmap best = {0};
	struct upd_list l = {0};
	const char *native;

	if (!count_db(f, INV_DB_DPKG)) {
		if (count_db(f, INV_DB_RPM))
			upd_rpm_run(ctx);
		else if (count_db(f, INV_DB_APK))
			upd_apk_run(ctx);
		else
			chk_absent(ctx, "no package database: no installed package to update");
		return;
	}
	native = native_arch(f);
	vdb_apt_index_init(&s.idx);
	read_indexes(ctx, &s);
	if (!s.n_indexes)
		read_stored_index(ctx, &s);
	if (!s.n_indexes && s.n_untrusted) {
		chk_gap(ctx, NULL, 0,
			"no security suite index to trust: the image's %zu list(s) were not used "
			"(no Release file verifies them with the --keyring given)",
			s.n_untrusted);
	} else if (!s.n_indexes) {
		chk_gap(ctx, NULL, 0,
			"no security suite index: the image's apt lists (" APT_LISTS
			") hold none, none was given (scan --security-index FILE) and the "
			"vulnerability database holds none for its release (db import --suite "
			"SUITE Packages.xz)");
	} else {
		build_candidates(&s.idx, native, &pool, &best);
		compare_installed(ctx, &s, native, &pool, &best, &l);
		report_missing(ctx, &s, native, &pool, &best, &l);
	}
	free(l.pkg);
	ia_hmap_release(&best);
	ia_pool_release(&pool);
	ia_buf_release(&s.names);
	vdb_apt_index_release(&s.idx);
	for (size_t i = 0; i < s.n_rels; i++)
		ia_buf_release(&s.rels[i].text);
	free(s.rels);
}

/* ---- UPD-002: the OS release out of maintenance ---- */

/* The line of the release file that names the version (VERSION_ID=, else the first), as
 * evidence: its number and text. */
static unsigned release_line(struct chk_ctx *ctx, const char *path, char *out, size_t cap)
{
	struct fam_text t = {0};
	const char *line;
	size_t n;
	unsigned found = 0;

	*out = '\0';
	if (!*path || !fam_text_open(ctx, &t, path, IA_MAX_RELEASE_FILE)) {
		fam_text_close(&t);
		return 0;
	}
	t.quiet = true;
	while (fam_next_line(ctx, &t, &line, &n) > 0) {
		bool vid = ia_starts_with(line, n, "VERSION_ID=");

		if (!n || (found && !vid))
			continue;
		snprintf(out, cap, "%.*s", (int)(n > cap - 1 ? cap - 1 : n), line);
		found = t.c.lineno;
		if (vid)
			break;
	}
	fam_text_close(&t);
	return found;
}

/* The table key of the image's OS: its os-release ID; CentOS Stream apart from CentOS. */
static const char *os_key(const struct inv_os *os)
{
	if (strcmp(os->id, "centos") == 0 && strstr(os->name, "Stream"))
		return "centos-stream";
	return os->id;
}

static void report_eol(struct chk_ctx *ctx, const struct inv_os *os, const struct vdb_eol *e,
		       bool older, const char *day)
{
	char value[IA_MAX_EVIDENCE + 1];
	unsigned line = release_line(ctx, os->source, value, sizeof(value));
	char when[64];

	if (e->ended && !*e->eol)
		snprintf(when, sizeof(when), "ended (date not published)");
	else
		snprintf(when, sizeof(when), "ended %s", e->eol);
	if (older)
		chk_report(ctx, os->source, line, value, NULL,
			   "%s %s is out of maintenance: older than %s %s, whose support %s "
			   "(source: %s; reference date %s)",
			   e->name, os->version_id, e->name, e->cycle, when, e->source, day);
	else
		chk_report(ctx, os->source, line, value, NULL,
			   "%s %s%s%s%s is out of maintenance: public security support %s%s%s "
			   "(source: %s; reference date %s)",
			   e->name, e->cycle, *e->codename ? " (" : "", e->codename,
			   *e->codename ? ")" : "", when,
			   strcmp(e->eol, e->security_eol) && *e->security_eol
				   ? ", the security team's "
				   : "",
			   strcmp(e->eol, e->security_eol) && *e->security_eol ? e->security_eol
									       : "",
			   e->source, day);
}

/* What a PASS rests on: the end of support, and whether only Debian LTS carries it now. */
static void note_maintained(struct chk_ctx *ctx, const struct vdb_eol *e, const char *day)
{
	char lts[80] = "";

	if (*e->security_eol && strcmp(e->eol, e->security_eol) != 0 &&
	    strcmp(day, e->security_eol) > 0)
		snprintf(lts, sizeof(lts), " (LTS: the security team's support ended %s)",
			 e->security_eol);
	chk_note(ctx, "%s %s is maintained on %s: public security support %s%s%s (source: %s)",
		 e->name, e->cycle, day, *e->eol ? "until " : "with no end announced", e->eol, lts,
		 e->source);
}

static void run_os_eol(struct chk_ctx *ctx)
{
	const struct inv_os *os = &ctx->facts->os;
	const struct vdb_eol *e = NULL;
	struct vdb_eol_table *t = NULL;
	struct ia_err err = {0};
	char day[11];
	int r;

	if (!os->known || !*os->id) {
		chk_gap(ctx, NULL, 0,
			"the OS release is not identified: its end of life is unknown");
		return;
	}
	vdb_eol_day(ctx->opts && ctx->opts->now ? ctx->opts->now : (int64_t)time(NULL), day);
	if (vdb_eol_load_db(ctx->opts ? ctx->opts->vulndb : NULL, true, &t, &err) < 0) {
		chk_gap(ctx, NULL, 0, "end-of-life data not read: %s", err.msg);
		return;
	}
	r = vdb_eol_lookup(t, os_key(os), os->version_id, &e);
	if (r == -ENOENT)
		chk_gap(ctx, NULL, 0,
			"no end-of-life data for %s (ID=%s) in data/eol/os.tsv or "
			"os-vendor.tsv",
			*os->pretty_name ? os->pretty_name : os->id, os->id);
	else if (r < 0)
		chk_gap(ctx, NULL, 0,
			"%s %s is not in the end-of-life data (data/eol/os.tsv, "
			"os-vendor.tsv)",
			os->id, *os->version_id ? os->version_id : "(no VERSION_ID)");
	else if (vdb_eol_state(e, day) == VDB_EOL_ENDED)
		report_eol(ctx, os, e, r == 1, day);
	else
		note_maintained(ctx, e, day);
	vdb_eol_free(t);
}

static const struct chk_def updates_checks[] = {
	{
		.id = "UPD-001",
		.title = "security updates not installed",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-1.1e"),
		.examines =
			"installed dpkg packages (/var/lib/dpkg/status) against the apt "
			"Packages index of a security suite: the image's own lists "
			"(/var/lib/apt/lists/*security*_Packages*) and those given with scan "
			"--security-index, else the index of the image's security suite "
			"imported into the vulnerability database (scan --db); the candidate "
			"of a package is the highest version "
			"of the same name and architecture (all = native) in them, as apt "
			"upgrade chooses it; each of the image's lists is compared with the "
			"SHA256 its suite's InRelease (or Release) beside it lists, and with "
			"scan --keyring that file's OpenPGP signature is checked with gpgv "
			"against the keyrings given (a bad or unverifiable one leaves the "
			"clauses NOT EXAMINED); the findings say whether they matched and "
			"verified. Installed rpm packages (name.arch) "
			"against rpm "
			"repository metadata (primary.xml, updateinfo.xml) cached in the image "
			"(/var/cache/dnf, /var/cache/libdnf5, /var/cache/yum) or given with "
			"scan --security-index DIR: a newer version offered that covers one "
			"a security advisory ships, as dnf check-update --security lists them "
			"(module streams enabled in /etc/dnf/modules.d, else default ones). "
			"Installed apk packages against APKINDEX.tar.gz files cached in the "
			"image (/var/cache/apk) or given with scan --security-index: every newer "
			"version of the same name and arch (Alpine has no separate security "
			"repository), a security update when the Alpine secdb (scan --db) says "
			"it fixes one",
		.remediation = "install the security updates (apt-get update && apt-get "
			       "upgrade; dnf update --security; apk upgrade) and rebuild the image",
		.run = run_security_updates,
	},
	{
		.id = "UPD-002",
		.title = "OS release out of maintenance",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-1.1d"),
		.examines =
			"the OS identity (/etc/os-release, else the release files) against "
			"data/eol/os.tsv (distro-info-data for Debian and Ubuntu, "
			"endoflife.date for the others) and data/eol/os-vendor.tsv (Alibaba "
			"Cloud Linux, from its vendor's lifecycle page), or the newer series db "
			"update stored in the vulnerability database, at the reference date (scan "
			"--date, "
			"default today); Debian counts until the end of Debian LTS",
		.remediation = "rebuild the image on a maintained release of the distribution",
		.run = run_os_eol,
	},
};

const struct chk_family chk_family_updates = {
	.name = "updates",
	.checks = updates_checks,
	.n_checks = IA_ARRAY_SIZE(updates_checks),
};
