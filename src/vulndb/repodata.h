/* repodata.h — rpm repository metadata (repodata/: repomd.xml, primary.xml, updateinfo.xml): the
 * packages a repository offers and the advisories that name them */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_REPODATA_H
#define VDB_REPODATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/pool.h"
#include "util/problem.h"

/*
 * A yum/dnf repository describes itself in repodata/repomd.xml: one <data type="..."> per
 * metadata file with its <location href="repodata/HASH-primary.xml.gz"/>. Read here:
 *  - primary.xml: one <package type="rpm"> per package offered, with <name>, <arch> and
 *    <version epoch ver rel/> (the rest is not kept);
 *  - updateinfo.xml: one <update type="security|bugfix|enhancement|newpackage"> per advisory,
 *    with <id>, <title>, <severity>, <issued date/> and the packages it ships
 *    (<pkglist><collection><package name epoch version release arch/>).
 * yum's and dnf's SQLite forms (primary_db) are not read.
 *
 * The input is hostile (an image's dnf/yum cache, a directory a user names): the XML is read
 * by expat, streaming, with no DOCTYPE allowed (no entity can be declared, hence none
 * expanded); depth at most IA_MAX_XML_DEPTH, an element's text at most IA_MAX_XML_TEXT bytes;
 * the files are decompressed as apt indexes are (vdb_apt_decompress: gzip, xz, bzip2, zstd,
 * lz4 or plain, told by their first bytes), at most IA_MAX_APT_INDEX bytes of text from at
 * most IA_MAX_APT_INDEX_FILE bytes as stored; at most IA_MAX_RPM_REPO_PACKAGES packages,
 * IA_MAX_RPM_ADVISORIES advisories and IA_MAX_RPM_ADVISORY_PACKAGES advisory packages in
 * one vdb_rpm_repo. A package or advisory with a missing or invalid field (a name or arch
 * with bytes rpm does not allow, a version rpm's comparator refuses, an epoch that is not a
 * number) is skipped with a problem (path, line), never the file; XML that is not
 * well-formed stops the file with an error (the packages before it are kept).
 */

/* One package: name, arch, epoch (0 when absent, as rpm compares), version, release. */
struct vdb_rpm_nevra {
	const char *name, *arch, *version, *release;
	int64_t epoch;
	unsigned line; /* line of its element in the decompressed text */
};

/* One advisory of updateinfo.xml; strings never NULL ("" when absent). */
struct vdb_rpm_advisory {
	const char *id;       /* "RHSA-2024:1234", "ALSA-2024:1234", "FEDORA-2024-0a1b2c" */
	const char *type;     /* "security", "bugfix", "enhancement", "newpackage", ... */
	const char *severity; /* "Critical", "Important", "Moderate", "Low", "" */
	const char *title;
	const char *issued; /* its <issued date="...">, as written */
	const char *repo;   /* the name of the repository it came from */
};

/* One package an advisory ships: advisory is its index in vdb_rpm_repo.advs. */
struct vdb_rpm_fix {
	struct vdb_rpm_nevra pkg;
	size_t advisory;
};

/* One module stream of a modules.yaml (document: modulemd), or a module's default stream
 * (document: modulemd-defaults: is_default set, no artifacts). */
struct vdb_rpm_module {
	const char *name, *stream;
	bool is_default;
};

/* One package a module stream ships (data.artifacts.rpms): its NEVRA as modulemd writes it
 * ("name-epoch:version-release.arch"); module is its index in vdb_rpm_repo.modules. */
struct vdb_rpm_artifact {
	const char *nevra;
	size_t module;
};

/* Everything read from one or more repositories. */
struct vdb_rpm_repo {
	struct vdb_rpm_nevra *pkgs;
	size_t n_pkgs, cap_pkgs;
	struct vdb_rpm_advisory *advs;
	size_t n_advs, cap_advs;
	struct vdb_rpm_fix *fixes;
	size_t n_fixes, cap_fixes;
	struct vdb_rpm_module *modules; /* from modules.yaml (modular repositories) */
	size_t n_modules, cap_modules;
	struct vdb_rpm_artifact *artifacts;
	size_t n_artifacts, cap_artifacts;
	size_t n_repos;              /* repositories whose primary was read */
	size_t n_updateinfo;         /* of which with an updateinfo read */
	struct ia_pool pool;         /* the strings */
	struct ia_problems problems; /* what was skipped (VDB_RPM_AREA) */
};

/* Area of the problems recorded ("rpm repository"). */
#define VDB_RPM_AREA "rpm repository"

void vdb_rpm_repo_init(struct vdb_rpm_repo *r);
/* Frees everything r holds and zeroes it. NULL-safe. */
void vdb_rpm_repo_release(struct vdb_rpm_repo *r);

/*
 * The hrefs of the primary (XML), updateinfo and modules metadata of a repomd.xml (data, len;
 * name for errors) into primary, updateinfo and modules (cap bytes each; "" when the repomd
 * names none). Returns
 * 0, or -IA_ECORRUPT (not well-formed, a DOCTYPE, too deep, an href over cap) with err set.
 */
int vdb_rpm_repomd_parse(const char *name, const void *data, size_t len, char *primary,
			 char *updateinfo, char *modules, size_t cap, struct ia_err *err);

/*
 * Decompresses and reads a primary.xml (as stored: data, len) into r's packages. Returns 0
 * (skipped packages are problems), -IA_ETOOBIG (a limit; the packages before it are kept),
 * -IA_ECORRUPT (not well-formed, not a primary) or another negative code, err set.
 */
int vdb_rpm_primary_parse(struct vdb_rpm_repo *r, const char *name, const void *data, size_t len,
			  struct ia_err *err);

/* The same for an updateinfo.xml into r's advisories and fixes (repo names the repository). */
int vdb_rpm_updateinfo_parse(struct vdb_rpm_repo *r, const char *name, const char *repo,
			     const void *data, size_t len, struct ia_err *err);

/*
 * Decompresses and reads a modules.yaml (modulemd v2 documents and modulemd-defaults) into r's
 * modules and artifacts, with libyaml's event parser: aliases are not followed, nesting at
 * most IA_MAX_XML_DEPTH, at most IA_MAX_RPM_MODULES streams and IA_MAX_RPM_MODULE_ARTIFACTS
 * artifacts. Returns 0 or a negative code with err set (the documents before it kept).
 */
int vdb_rpm_modules_parse(struct vdb_rpm_repo *r, const char *name, const void *data, size_t len,
			  struct ia_err *err);

/* "name-epoch:version-release.arch" of p (as modulemd names artifacts) into out. */
bool vdb_rpm_nevra(const struct vdb_rpm_nevra *p, char *out, size_t cap);

/*
 * Reads the file at path (a path of the caller's world: the image's or the host's) whole into
 * out (reset first), at most max bytes. Returns 0, -ENOENT when there is none, or another
 * negative code with err set.
 */
typedef int (*vdb_rpm_read_fn)(void *arg, const char *path, size_t max, struct ia_buf *out,
			       struct ia_err *err);

/*
 * Reads one repository from its repomd.xml at repomd (read through fn): the primary, the
 * updateinfo and the modules (modules.yaml) it names. An href is looked up beside the repodata
 * directory (DIR/repodata/ repomd.xml names DIR/repodata/HASH-primary.xml.gz, as dnf's cache and a
 * repository keep them), else by its last component beside repomd.xml (yum's cache); an href with a
 * ".." component or an absolute one is refused. repo names the repository in advisories. Returns 0
 * (r->n_repos counted; the updateinfo's absence is no error: r->n_updateinfo says), or a
 * negative code with err set (no primary.xml: -IA_EUNSUPPORTED when the repomd names only a
 * primary_db, else -ENOENT).
 */
int vdb_rpm_repo_load(struct vdb_rpm_repo *r, const char *repomd, const char *repo,
		      vdb_rpm_read_fn fn, void *arg, struct ia_err *err);

/* The same for a directory of the host (scan --security-index DIR): DIR/repodata/repomd.xml,
 * or DIR/repomd.xml when DIR is the repodata directory itself. */
int vdb_rpm_repo_read_dir(struct vdb_rpm_repo *r, const char *dir, struct ia_err *err);

/* "E:V-R" (epoch always written) of p into out (cap bytes); false when it does not fit. */
bool vdb_rpm_evr(const struct vdb_rpm_nevra *p, char *out, size_t cap);

#endif
