/* fuzz_bdb.c — fuzz harness: the bdb rpmdb reader, every blob through the header parser */
/* SPDX-License-Identifier: Apache-2.0 */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_rpm_run(RPM_DB_BDB, data, size);
	return 0;
}
