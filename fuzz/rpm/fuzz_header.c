/* fuzz_header.c — fuzz harness: one RPM header blob through the parser into facts */
/* SPDX-License-Identifier: Apache-2.0 */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_rpm_run(0, data, size);
	return 0;
}
