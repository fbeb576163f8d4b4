/* facts.c — the inventory: init/release, running the collectors, adding packages and files, lookups
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/problem.h"

#include "util/banned.h"

void inv_facts_init(struct inv_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->os.id = f->os.id_like = f->os.version_id = f->os.version = "";
	f->os.codename = f->os.name = f->os.pretty_name = f->os.family = "";
	f->os.cpe = f->os.source = "";
	f->pam.entry = f->pam.other = "";
	f->pam.defs_minlen = -1;
}

void inv_facts_release(struct inv_facts *f)
{
	if (!f)
		return;
	ia_pool_release(&f->pool);
	free(f->pkgs);
	free(f->files);
	free(f->accounts);
	free(f->groups);
	ia_hmap_release(&f->pkg_by_name);
	ia_hmap_release(&f->file_by_path);
	ia_hmap_release(&f->acct_by_name);
	ia_hmap_release(&f->acct_by_uid);
	ia_hmap_release(&f->grp_by_gid);
	ia_problems_release(&f->problems);
	free(f->sysctl.v);
	ia_problems_release(&f->sysctl.issues);
	inv_sources_release(&f->sources);
	ia_problems_release(&f->pam.issues);
	inv_svc_release(&f->svc);
	inv_software_release(&f->software);
	inv_facts_init(f);
}

int inv_collect(const struct tgt *t, struct inv_facts *f)
{
	static const struct {
		unsigned bit;
		int (*fn)(const struct tgt *, struct inv_facts *);
	} collectors[] = {
		{INV_DONE_OS, inv_collect_os},
		{INV_DONE_DPKG, inv_collect_dpkg},
		{INV_DONE_APK, inv_collect_apk},
		{INV_DONE_RPM, inv_collect_rpm},
		{INV_DONE_ACCOUNTS, inv_collect_accounts},
		{INV_DONE_SYSCTL, inv_collect_sysctl},
		{INV_DONE_SOURCES, inv_collect_sources},
		{INV_DONE_PAM, inv_collect_pam},
		{INV_DONE_SVC, inv_collect_svc},
		{INV_DONE_SOFTWARE, inv_collect_software},
	};
	int ret = 0;

	for (size_t i = 0; i < IA_ARRAY_SIZE(collectors); i++) {
		int r;

		if (f->collected & collectors[i].bit)
			continue;
		f->collected |= collectors[i].bit;
		r = collectors[i].fn(t, f);
		/* what the image holds (not a regular file, too big, loops, corrupt) is a
		 * problem the collector recorded; only failures of the host count */
		if ((r == -EIO || r == -ENOMEM) && ret == 0)
			ret = r;
	}
	return ret;
}

/* ---- problems of one file ---- */

void inv_fp_init(struct inv_fp *fp, struct inv_facts *f, const char *area, const char *path)
{
	fp->f = f;
	fp->area = area;
	fp->path = path;
	fp->n = 0;
}

void inv_fp_raise(struct inv_fp *fp, struct ia_src src, unsigned line, int code, const char *fmt,
		  ...)
{
	char msg[768];
	va_list ap;

	if (fp->n++ >= IA_MAX_FILE_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_problem_raise(&fp->f->problems, src, fp->area, fp->path, line, code, "%s", msg);
}

void inv_fp_add_err(struct inv_fp *fp, const struct ia_err *err)
{
	if (fp->n++ >= IA_MAX_FILE_PROBLEMS)
		return;
	ia_problem_raise(&fp->f->problems, err->src, fp->area, err->path[0] ? err->path : fp->path,
			 err->line, err->code, "%s",
			 err->msg[0] ? err->msg : ia_strerror(err->code));
}

int inv_fp_finish(struct inv_fp *fp)
{
	if (fp->n > IA_MAX_FILE_PROBLEMS)
		ia_problem_add(
			&fp->f->problems, fp->area, fp->path, 0, -IA_ETOOBIG,
			"%zu more problems in this file not listed (limit IA_MAX_FILE_PROBLEMS)",
			fp->n - IA_MAX_FILE_PROBLEMS);
	return fp->n ? -IA_ECORRUPT : 0;
}

void inv_fp_long_line_at(struct inv_fp *fp, struct ia_src src, unsigned line, int code)
{
	inv_fp_raise(fp, src, line, code, "line longer than %u bytes (limit IA_MAX_LINE)",
		     (unsigned)IA_MAX_LINE);
}

char *inv_span_dup(struct inv_facts *f, struct inv_span s)
{
	return ia_pool_strndup(&f->pool, s.p ? s.p : "", s.p ? s.n : 0);
}

void inv_add_db(struct inv_facts *f, enum inv_db kind, const char *path, bool ok)
{
	if (f->n_dbs >= IA_ARRAY_SIZE(f->dbs))
		return;
	f->dbs[f->n_dbs] = ia_pool_strdup(&f->pool, path);
	f->db_kinds[f->n_dbs] = kind;
	f->db_ok[f->n_dbs] = ok;
	f->n_dbs++;
}

int inv_read(const struct tgt *t, struct inv_facts *f, const char *area, const char *path,
	     size_t max, struct ia_buf *out)
{
	struct ia_err err = {0};
	int r = tgt_read(t, path, max, out, NULL, &err);

	if (r == 0)
		return 1;
	if (r == -ENOENT || r == -ENOTDIR)
		return 0;
	if (!err.path[0])
		ia_err_set(&err, r, path, 0, "cannot read: %s", ia_strerror(r));
	if (r == -IA_ETOOBIG && max == IA_MAX_TEXT_FILE) {
		char msg[sizeof(err.msg)];

		/* name the limit: a sparse 2 GB status is refused by its size, nothing read */
		snprintf(msg, sizeof(msg), "%s", err.msg);
		snprintf(err.msg, sizeof(err.msg), "%.*s (limit IA_MAX_TEXT_FILE), not read",
			 (int)sizeof(err.msg) - 40, msg);
	}
	ia_problem_add_err(&f->problems, area, &err);
	return r;
}

/* ---- packages and files ---- */

static const char *pdup(struct inv_facts *f, const char *s, const char *dflt)
{
	if (!s)
		s = dflt ? dflt : "";
	return ia_pool_strdup(&f->pool, s);
}

size_t inv_add_pkg(struct inv_facts *f, const struct inv_pkg *p)
{
	struct inv_pkg *n;

	if (f->n_pkgs >= IA_MAX_PACKAGES) {
		ia_problem_add(
			&f->problems, "packages", p->db_path ? p->db_path : "", p->db_line,
			-IA_ETOOBIG,
			"more than %u packages (limit IA_MAX_PACKAGES); the rest are not listed",
			(unsigned)IA_MAX_PACKAGES);
		return SIZE_MAX;
	}
	ia_grow(&f->pkgs, sizeof(*f->pkgs), f->n_pkgs + 1, &f->cap_pkgs);
	n = &f->pkgs[f->n_pkgs];
	*n = *p;
	n->name = pdup(f, p->name, NULL);
	n->version = pdup(f, p->version, NULL);
	n->arch = pdup(f, p->arch, NULL);
	n->source = p->source && p->source[0] ? pdup(f, p->source, NULL) : n->name;
	n->source_version = p->source_version && p->source_version[0]
				    ? pdup(f, p->source_version, NULL)
				    : n->version;
	n->rpm_version = pdup(f, p->rpm_version, NULL);
	n->rpm_release = pdup(f, p->rpm_release, NULL);
	n->vendor = pdup(f, p->vendor, NULL);
	n->packager = pdup(f, p->packager, NULL);
	n->state = p->state && p->state[0] ? pdup(f, p->state, NULL) : "installed";
	n->db_path = pdup(f, p->db_path, NULL);
	n->first_file = f->n_files;
	n->n_files = 0;
	uint32_t dummy;
	if (!ia_hmap_get(&f->pkg_by_name, n->name, strlen(n->name), &dummy))
		ia_hmap_put(&f->pkg_by_name, n->name, (uint32_t)f->n_pkgs);
	return f->n_pkgs++;
}

/*
 * Normalises an image path (n bytes, up to a NUL) into the pool: leading "/", no "//", no "./"
 * or "/." parts, ".." removing the component before it (lexically, never above "/"), no
 * trailing "/". Returns its length in *outn. Linear: each byte is copied once and removed at
 * most once.
 */
static char *norm_path(struct inv_facts *f, const char *s, size_t n, size_t *outn)
{
	char *d = ia_pool_alloc(&f->pool, n + 2);
	size_t o = 0, i = 0;

	d[o++] = '/';
	while (i < n) {
		size_t j = i;

		while (j < n && s[j] != '/')
			j++;
		/* component s[i..j) */
		if (j - i == 0 || (j - i == 1 && s[i] == '.')) {
			/* skip */
		} else if (j - i == 2 && s[i] == '.' && s[i + 1] == '.') {
			while (o > 1 && d[o - 1] != '/')
				o--;
			if (o > 1)
				o--;
		} else {
			if (o > 1)
				d[o++] = '/';
			memcpy(d + o, s + i, j - i);
			o += j - i;
		}
		i = j + 1;
	}
	d[o] = '\0';
	*outn = o;
	return d;
}

void inv_add_file(struct inv_facts *f, size_t pkg, const char *path, size_t path_len,
		  const char *digest, enum inv_digest algo, uint32_t mode, unsigned flags)
{
	struct inv_pkg *p;
	struct inv_file *fl;
	const char *nul;
	char *np;
	size_t n, cost;
	uint32_t dummy;

	if (pkg >= f->n_pkgs)
		return;
	p = &f->pkgs[pkg];
	if (p->n_files && p->first_file + p->n_files != f->n_files)
		abort(); /* programming error: files of another package came in between */
	if (f->n_files >= IA_MAX_PKG_FILES) {
		if (!f->files_limit_hit)
			ia_problem_add(&f->problems, "packages", p->db_path, 0, -IA_ETOOBIG,
				       "more than %u package files (limit IA_MAX_PKG_FILES); "
				       "the rest are not listed",
				       (unsigned)IA_MAX_PKG_FILES);
		f->files_limit_hit = true;
		return;
	}
	if (f->paths_limit_hit)
		return;
	nul = memchr(path, '\0', path_len);
	if (nul)
		path_len = (size_t)(nul - path);
	/* a path costs at most path_len + 2 bytes once normalised (leading "/", NUL) */
	if (f->path_bytes + 2 > IA_MAX_PKG_PATH_BYTES ||
	    path_len > IA_MAX_PKG_PATH_BYTES - f->path_bytes - 2) {
		ia_problem_add(&f->problems, "packages", p->db_path, 0, -IA_ETOOBIG,
			       "more than %u bytes of package file paths (limit "
			       "IA_MAX_PKG_PATH_BYTES); the rest are not listed",
			       (unsigned)IA_MAX_PKG_PATH_BYTES);
		f->paths_limit_hit = true;
		return;
	}
	np = norm_path(f, path, path_len, &n);
	cost = path_len + 2;
	f->path_bytes += cost;
	if (n > IA_MAX_PATH) {
		if (!f->long_path_db || strcmp(f->long_path_db, p->db_path) != 0)
			ia_problem_add(
				&f->problems, "packages", p->db_path, 0, -IA_ETOOBIG,
				"package \"%.64s\": a file path of %zu bytes (limit IA_MAX_PATH "
				"%u) is not listed",
				p->name, n, (unsigned)IA_MAX_PATH);
		f->long_path_db = p->db_path;
		return;
	}
	if (!p->n_files)
		p->first_file = f->n_files;
	ia_grow(&f->files, sizeof(*f->files), f->n_files + 1, &f->cap_files);
	fl = &f->files[f->n_files];
	fl->path = np;
	fl->digest = NULL;
	if (digest && algo != INV_DIGEST_NONE) {
		char *d = ia_pool_strdup(&f->pool, digest);

		for (char *c = d; *c; c++)
			if (*c >= 'A' && *c <= 'F')
				*c = (char)(*c - 'A' + 'a');
		fl->digest = d;
	}
	fl->algo = fl->digest ? (uint8_t)algo : INV_DIGEST_NONE;
	fl->flags = (uint8_t)flags;
	fl->mode = mode;
	fl->pkg = (uint32_t)pkg;
	if (!ia_hmap_get(&f->file_by_path, fl->path, n, &dummy))
		ia_hmap_put(&f->file_by_path, fl->path, (uint32_t)f->n_files);
	p->n_files++;
	f->n_files++;
}

/* ---- lookups ---- */

const struct inv_pkg *inv_pkg_find(const struct inv_facts *f, const char *name)
{
	uint32_t i;

	if (!name || !ia_hmap_get(&f->pkg_by_name, name, strlen(name), &i))
		return NULL;
	return &f->pkgs[i];
}

bool inv_pkg_on_disk(const struct inv_pkg *p)
{
	return !(p->db == INV_DB_DPKG && p->state && strcmp(p->state, "config-files") == 0);
}

bool inv_identified(const struct inv_facts *f)
{
	return f->os.known || f->n_dbs > 0;
}

static bool usr_merged_dir(const char *s)
{
	/* s follows a "/": bin, sbin, lib, lib32, lib64, libx32, then "/" or end */
	static const char *const dirs[] = {"bin", "sbin", "lib", "lib32", "lib64", "libx32"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(dirs); i++) {
		size_t n = strlen(dirs[i]);

		if (strncmp(s, dirs[i], n) == 0 && (s[n] == '/' || s[n] == '\0'))
			return true;
	}
	return false;
}

const struct inv_file *inv_file_find(const struct inv_facts *f, const char *path)
{
	char alt[IA_MAX_PATH + 8];
	uint32_t i;
	size_t n;

	if (!path)
		return NULL;
	n = strlen(path);
	if (ia_hmap_get(&f->file_by_path, path, n, &i))
		return &f->files[i];
	if (n > IA_MAX_PATH)
		return NULL;
	if (strncmp(path, "/usr/", 5) == 0 && usr_merged_dir(path + 5)) {
		if (ia_hmap_get(&f->file_by_path, path + 4, n - 4, &i))
			return &f->files[i];
	} else if (path[0] == '/' && usr_merged_dir(path + 1)) {
		memcpy(alt, "/usr", 4);
		memcpy(alt + 4, path, n + 1);
		if (ia_hmap_get(&f->file_by_path, alt, n + 4, &i))
			return &f->files[i];
	}
	return NULL;
}

const struct inv_pkg *inv_owner(const struct inv_facts *f, const char *path)
{
	const struct inv_file *fl = inv_file_find(f, path);

	return fl ? &f->pkgs[fl->pkg] : NULL;
}

const struct inv_account *inv_account_by_name(const struct inv_facts *f, const char *name)
{
	uint32_t i;

	if (!name || !ia_hmap_get(&f->acct_by_name, name, strlen(name), &i))
		return NULL;
	return &f->accounts[i];
}

const struct inv_account *inv_account_by_uid(const struct inv_facts *f, uint32_t uid)
{
	char key[16];
	uint32_t i;
	int n = snprintf(key, sizeof(key), "%u", uid);

	if (!ia_hmap_get(&f->acct_by_uid, key, (size_t)n, &i))
		return NULL;
	return &f->accounts[i];
}

const struct inv_group *inv_group_by_gid(const struct inv_facts *f, uint32_t gid)
{
	char key[16];
	uint32_t i;
	int n = snprintf(key, sizeof(key), "%u", gid);

	if (!ia_hmap_get(&f->grp_by_gid, key, (size_t)n, &i))
		return NULL;
	return &f->groups[i];
}
