/* leftovers.c — checks of the leftovers family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_leftovers[] = {
	{0},
};
const size_t chk_defs_leftovers_len = 0;
