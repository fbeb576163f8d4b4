/* updates.h — the updates family's parts in their own files: UPD-001 for rpm and apk images */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef CHK_UPDATES_H
#define CHK_UPDATES_H

#include "checks/check.h"

/* UPD-001 on an image whose packages are rpm: against rpm repository metadata (updates_rpm.c). */
void upd_rpm_run(struct chk_ctx *ctx);

/* UPD-001 on an image whose packages are apk: against an APKINDEX (updates_apk.c). */
void upd_apk_run(struct chk_ctx *ctx);

#endif
