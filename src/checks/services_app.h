/* services_app.h — the application database connection checks of the services family */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECKS_SERVICES_APP_H
#define IA_CHECKS_SERVICES_APP_H

#include <stdbool.h>

#include "checks/check.h"

/* Reads the applications' database connection settings in the image (services_app.c) and
 * reports superuser connections (want_pw false: SVC-010) or weak passwords (true: SVC-011). */
void chk_run_app_db(struct chk_ctx *ctx, bool want_pw);

#endif
