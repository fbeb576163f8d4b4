/* fuzz_dpkg.c — fuzz harness: dpkg status and status.d stanza parser */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inv_facts f;

	inv_facts_init(&f);
	inv_dpkg_parse_status(&f, "/var/lib/dpkg/status", (const char *)data, size);
	inv_dpkg_parse_status_d(&f, "/var/lib/dpkg/status.d/x", (const char *)data, size);
	/* lookups over whatever was kept */
	for (size_t i = 0; i < f.n_files; i++)
		(void)inv_owner(&f, f.files[i].path);
	inv_facts_release(&f);
	return 0;
}
