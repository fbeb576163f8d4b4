/* fuzz_osrelease.c — fuzz harness: os-release and the release-file fallbacks */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fallbacks[] = {
		"/etc/debian_version", "/etc/lsb-release",  "/etc/alpine-release",
		"/etc/redhat-release", "/etc/SuSE-release", "/etc/system-release",
	};
	struct inv_facts f;

	inv_facts_init(&f);
	inv_os_parse_release(&f, "/etc/os-release", (const char *)data, size);
	inv_facts_release(&f);
	for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		inv_facts_init(&f);
		inv_os_parse_fallback(&f, fallbacks[i], (const char *)data, size);
		inv_facts_release(&f);
	}
	return 0;
}
