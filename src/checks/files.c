/* files.c — checks of the files family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_files[] = {
	{0},
};
const size_t chk_defs_files_len = 0;
