/* input.c — checks of the input family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_input[] = {
	{0},
};
const size_t chk_defs_input_len = 0;
