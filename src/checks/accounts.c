/* accounts.c — checks of the accounts family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_accounts[] = {
	{0},
};
const size_t chk_defs_accounts_len = 0;
