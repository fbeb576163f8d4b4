/* fuzz_apk.c — fuzz harness: apk installed database parser */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inv_facts f;

	inv_facts_init(&f);
	inv_apk_parse_installed(&f, "/lib/apk/db/installed", (const char *)data, size);
	for (size_t i = 0; i < f.n_files; i++)
		(void)inv_owner(&f, f.files[i].path);
	inv_facts_release(&f);
	return 0;
}
