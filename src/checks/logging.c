/* logging.c — checks of the logging family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_logging[] = {
	{0},
};
const size_t chk_defs_logging_len = 0;
