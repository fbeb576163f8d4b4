/* families.h — the catalogue's parts: one table of checks per family, one file per family */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_FAMILIES_H
#define IA_CHECK_FAMILIES_H

#include <stddef.h>

#include "checks/check.h"

#define CHK_FAMILY(name)                                                                           \
	extern const struct chk_def chk_defs_##name[];                                             \
	extern const size_t chk_defs_##name##_len

CHK_FAMILY(accounts);   /* checks/accounts.c */
CHK_FAMILY(files);      /* checks/files.c */
CHK_FAMILY(logging);    /* checks/logging.c */
CHK_FAMILY(trust);      /* checks/trust.c: package manager sources and signatures */
CHK_FAMILY(leftovers);  /* checks/leftovers.c */
CHK_FAMILY(containers); /* checks/containers.c */
CHK_FAMILY(kernel);     /* checks/kernel.c: sysctl and boot settings kept in files */
CHK_FAMILY(input);      /* checks/input.c: files imgaudit could not read (from problems) */

#endif
