/* containers.c — checks of the containers family */
/* SPDX-License-Identifier: Apache-2.0 */
#include "checks/families.h"

const struct chk_def chk_defs_containers[] = {
	{0},
};
const size_t chk_defs_containers_len = 0;
