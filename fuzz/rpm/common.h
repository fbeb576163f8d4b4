/* common.h — shared by the rpm fuzz harnesses: a sink that parses every blob into facts */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FUZZ_RPM_COMMON_H
#define IA_FUZZ_RPM_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "rpm/rpm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads data as a database of kind (or, kind 0, as one header blob) into fresh facts. */
static inline void fuzz_rpm_run(int kind, const uint8_t *data, size_t size)
{
	struct inv_facts f;
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		return;
	memcpy(copy, data, size);
	inv_facts_init(&f);
	if (kind) {
		/* as the collector does: the head checked, then the bytes of its extent */
		struct ia_err err = {0};
		uint64_t extent = size;

		if (rpm_db_extent((enum rpm_db_kind)kind, copy,
				  size < RPM_DB_HEAD ? size : RPM_DB_HEAD, size,
				  "/var/lib/rpm/fuzz", &extent, &err) < 0 ||
		    extent > size)
			extent = size;
		(void)inv_rpm_parse_db(&f, "/var/lib/rpm/fuzz", (enum rpm_db_kind)kind, copy,
				       (size_t)extent);
	} else {
		struct rpm_hdr h;
		struct ia_err err = {0};

		if (rpm_header_parse(copy, size, "/var/lib/rpm/fuzz", 0, &h, &err) == 0) {
			(void)inv_rpm_add_header(&h, &f, "/var/lib/rpm/fuzz", &err);
			rpm_hdr_release(&h);
		}
	}
	inv_facts_release(&f);
	free(copy);
}

#endif
