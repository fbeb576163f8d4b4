/* kernel.c — checks of the kernel family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_kernel[] = {
	{0},
};
const size_t chk_defs_kernel_len = 0;
