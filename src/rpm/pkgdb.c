/* pkgdb.c — an rpm database in memory into the inventory: headers to packages and files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "facts/facts.h"
#include "facts/internal.h"
#include "rpm/rpm.h"
#include "util/banned.h"

static enum inv_digest digest_kind(uint32_t algo)
{
	switch (algo) {
	case RPM_HASH_MD5:
		return INV_DIGEST_MD5;
	case RPM_HASH_SHA1:
		return INV_DIGEST_SHA1;
	case RPM_HASH_SHA256:
		return INV_DIGEST_SHA256;
	case RPM_HASH_SHA512:
		return INV_DIGEST_SHA512;
	default: /* SHA384, SHA224: recorded by no inv_digest */
		return INV_DIGEST_NONE;
	}
}

static bool is_lower_hex(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* "name-ver-rel.src.rpm" -> name and "ver-rel"; false when it has not that shape. */
static bool split_sourcerpm(const char *s, size_t *name_len, const char **vr, size_t *vr_len)
{
	size_t n = strlen(s);
	size_t rel_dash, ver_dash;

	if (n > 8 && !memcmp(s + n - 8, ".src.rpm", 8))
		n -= 8;
	else if (n > 10 && !memcmp(s + n - 10, ".nosrc.rpm", 10))
		n -= 10;
	else
		return false;
	rel_dash = n;
	while (rel_dash > 0 && s[rel_dash - 1] != '-')
		rel_dash--;
	if (rel_dash < 2)
		return false;
	ver_dash = rel_dash - 1;
	while (ver_dash > 0 && s[ver_dash - 1] != '-')
		ver_dash--;
	if (ver_dash < 2 || ver_dash == rel_dash - 1)
		return false;
	*name_len = ver_dash - 1;
	*vr = s + ver_dash;
	*vr_len = n - ver_dash;
	return true;
}

int rpm_hdr_to_facts(const struct rpm_hdr *h, struct inv_facts *f, const char *db_path,
		     struct ia_err *err)
{
	struct ia_buf ver = IA_BUF_INIT(IA_MAX_RPM_HEADER_DATA);
	char *src = NULL, *srcver = NULL;
	struct inv_pkg p = {0};
	enum inv_digest algo = digest_kind(h->digest_algo);
	char path[IA_MAX_PATH + 1];
	size_t idx, name_len, vr_len, total = 0, *dir_len = NULL;
	const char *vr;

	if (f->n_pkgs >= IA_MAX_PACKAGES)
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "more than IA_MAX_PACKAGES (%u) packages", IA_MAX_PACKAGES);
	if (f->n_files + h->n_files > IA_MAX_PKG_FILES)
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "package %.64s: files past IA_MAX_PKG_FILES (%u)", h->name,
				  IA_MAX_PKG_FILES);
	/* Directory lengths once each, capped: thousands of files sharing one huge dirname must
	 * not cost strlen(dirname) per file. Base names are distinct strings of the store. */
	if (h->dirs) {
		dir_len = ia_xcalloc(h->n_dirs, sizeof(*dir_len));
		for (uint32_t i = 0; i < h->n_dirs; i++)
			dir_len[i] = strnlen(h->dirs[i], IA_MAX_PATH + 1);
	}
	for (uint32_t i = 0; i < h->n_files; i++) {
		size_t dn = dir_len ? dir_len[h->dir_idx[i]] : 0;
		size_t bn = strnlen(h->bases[i], IA_MAX_PATH + 1);

		if (dn + bn > IA_MAX_PATH) {
			free(dir_len);
			return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
					  "package %.64s: a file path longer than IA_MAX_PATH (%u)",
					  h->name, IA_MAX_PATH);
		}
		total += dn + bn + 2;
	}
	/* what inv_add_file would charge: the whole package or nothing */
	if (f->path_bytes > IA_MAX_PKG_PATH_BYTES ||
	    total > IA_MAX_PKG_PATH_BYTES - f->path_bytes) {
		free(dir_len);
		return ia_err_set(
			err, -IA_ETOOBIG, db_path, 0,
			"package %.64s: %u file paths of %zu bytes past IA_MAX_PKG_PATH_BYTES "
			"(%u)",
			h->name, h->n_files, total, IA_MAX_PKG_PATH_BYTES);
	}

	if (h->epoch >= 0)
		(void)ia_buf_addf(&ver, "%lld:", (long long)h->epoch);
	if (ia_buf_addf(&ver, "%s-%s", h->version, h->release) < 0) {
		ia_buf_release(&ver);
		free(dir_len);
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0, "package %.64s: version too long",
				  h->name);
	}
	p.name = h->name;
	p.version = ver.data;
	p.arch = h->arch ? h->arch : "";
	p.epoch = h->epoch;
	p.rpm_version = h->version;
	p.rpm_release = h->release;
	p.vendor = h->vendor ? h->vendor : "";
	p.packager = h->packager ? h->packager : "";
	p.install_time = h->install_time;
	p.build_time = h->build_time;
	p.db_path = db_path;
	p.db = INV_DB_RPM;
	if (h->sourcerpm && split_sourcerpm(h->sourcerpm, &name_len, &vr, &vr_len)) {
		src = ia_xstrndup(h->sourcerpm, name_len);
		srcver = ia_xstrndup(vr, vr_len);
		p.source = src;
		p.source_version = srcver;
	} else {
		p.source = h->name;
		p.source_version = ver.data;
	}
	idx = inv_add_pkg(f, &p);
	free(src);
	free(srcver);
	ia_buf_release(&ver);
	if (idx == SIZE_MAX) {
		free(dir_len);
		return ia_err_set(err, -IA_ETOOBIG, db_path, 0,
				  "more than IA_MAX_PACKAGES (%u) packages", IA_MAX_PACKAGES);
	}

	for (uint32_t i = 0; i < h->n_files; i++) {
		const char *d = h->dirs ? h->dirs[h->dir_idx[i]] : "";
		const char *dig = h->digests ? h->digests[i] : NULL;
		size_t dn = dir_len ? dir_len[h->dir_idx[i]] : 0, bn = strlen(h->bases[i]);
		unsigned flags = 0;

		memcpy(path, d, dn);
		memcpy(path + dn, h->bases[i], bn);
		path[dn + bn] = '\0';
		if (dig && (algo == INV_DIGEST_NONE || !is_lower_hex(dig)))
			dig = NULL;
		if (h->fflags && (h->fflags[i] & RPMFILE_CONFIG))
			flags |= INV_FILE_CONFIG;
		inv_add_file(f, idx, path, dn + bn, dig, dig ? algo : INV_DIGEST_NONE,
			     h->modes ? h->modes[i] : 0, flags);
	}
	free(dir_len);
	return (int)idx;
}

struct collect_ctx {
	struct inv_facts *f;
	const char *path;
	int added;
	int bad;
};

static void on_bad(void *vctx, const struct ia_err *err)
{
	struct collect_ctx *c = vctx;

	/* a database of garbage must not fill the whole problem list by itself */
	if (++c->bad <= IA_MAX_FILE_PROBLEMS)
		ia_problem_add_err(&c->f->problems, INV_AREA_RPM, err);
}

static void on_blob(void *vctx, const uint8_t *blob, size_t len, uint64_t recno)
{
	struct collect_ctx *c = vctx;
	struct ia_err err = {0};
	struct rpm_hdr h;

	if (rpm_header_parse(blob, len, c->path, recno, &h, &err) < 0) {
		on_bad(c, &err);
		return;
	}
	if (rpm_hdr_to_facts(&h, c->f, c->path, &err) < 0)
		on_bad(c, &err);
	else
		c->added++;
	rpm_hdr_release(&h);
}

int inv_rpm_parse_db(struct inv_facts *f, const char *path, enum rpm_db_kind kind, uint8_t *data,
		     size_t len)
{
	struct collect_ctx c = {.f = f, .path = path};
	struct rpm_sink sink = {.path = path, .blob = on_blob, .bad = on_bad, .ctx = &c};
	struct ia_err err = {0};
	int r;

	r = rpm_db_read(kind, data, len, &sink, &err);
	if (c.bad > IA_MAX_FILE_PROBLEMS)
		ia_problem_add(&f->problems, INV_AREA_RPM, path, 0, -IA_ECORRUPT,
			       "%d more records could not be read (IA_MAX_FILE_PROBLEMS)",
			       c.bad - IA_MAX_FILE_PROBLEMS);
	if (r < 0) {
		ia_err_prefix(&err, "%s database (%d packages read)", rpm_db_kind_name(kind),
			      c.added);
		ia_problem_add_err(&f->problems, INV_AREA_RPM, &err);
	}
	inv_add_db(f, INV_DB_RPM, path, r >= 0 && c.bad == 0);
	return r < 0 ? r : c.added;
}
