/* trust.c — checks of the trust family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_trust[] = {
	{0},
};
const size_t chk_defs_trust_len = 0;
