/* updates_apk.c — UPD-001 on apk images: installed packages against an APKINDEX */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "checks/fam_util.h"
#include "checks/updates.h"

#include "util/banned.h"

void upd_apk_run(struct chk_ctx *ctx)
{
	chk_gap(ctx, NULL, 0,
		"missing updates are not examined for apk packages yet: this image's apk packages "
		"are not");
}
