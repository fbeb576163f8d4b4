/* updates.h — the updates family's parts in their own files: UPD-001 for rpm and apk images */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef CHK_UPDATES_H
#define CHK_UPDATES_H

#include "checks/check.h"
#include "vulndb/repodata.h"

/* UPD-001 on an image whose packages are rpm: against rpm repository metadata (updates_rpm.c). */
void upd_rpm_run(struct chk_ctx *ctx);

/*
 * dnf's modular filtering (updates_mod.c) over what repo offers: a package a module stream ships
 * (modules.yaml's artifacts) is offered only when its stream is active (enabled in the image's
 * /etc/dnf/modules.d/NAME.module, else the module's default stream), and a package no stream
 * ships is hidden when an active stream ships one of its name. NULL (nothing hidden) when no
 * repository read has modules.
 */
struct upd_modfilter;
struct upd_modfilter *upd_mod_filter(struct chk_ctx *ctx, const struct vdb_rpm_repo *repo);
bool upd_mod_hidden(const struct upd_modfilter *f, const struct vdb_rpm_nevra *p);
size_t upd_mod_active(const struct upd_modfilter *f); /* active streams */
void upd_mod_free(struct upd_modfilter *f);

/*
 * After one index or repository (name) was read with result r: its problems from index from on
 * become gaps prefixed "what: ", a failure is a gap too, and unless it failed for another reason
 * than a size limit its name is appended to names (", "-separated) for the check's note
 * (updates_rpm.c; shared with updates_apk.c).
 */
void upd_source_done(struct chk_ctx *ctx, const struct ia_problems *probs, size_t from,
		     const char *what, struct ia_buf *names, const char *name, int r,
		     const struct ia_err *err);

/* UPD-001 on an image whose packages are apk: against an APKINDEX (updates_apk.c). */
void upd_apk_run(struct chk_ctx *ctx);

#endif
