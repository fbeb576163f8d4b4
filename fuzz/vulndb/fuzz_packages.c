/* fuzz_packages.c — fuzz harness: vulndb's apt Packages index reader (decompression and stanzas) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vulndb/packages.h"
#include "vulndb/version.h"

/*
 * The input is an index as stored (any compression, or plain). Whatever it holds, every
 * package delivered has a valid name, architecture and a version dpkg's comparator accepts,
 * and the parse never reads past the input; any violation aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdb_apt_index idx;
	struct ia_err err = {0};

	vdb_apt_index_init(&idx);
	(void)vdb_apt_index_parse(&idx, "fuzz", data, size, &err);
	for (size_t i = 0; i < idx.n; i++) {
		const struct vdb_apt_pkg *p = &idx.v[i];

		if (!*p->name || !*p->arch || !*p->source ||
		    vdb_version_check(VDB_ECO_DPKG, p->version, strlen(p->version), NULL) < 0 ||
		    vdb_version_check(VDB_ECO_DPKG, p->source_version, strlen(p->source_version),
				      NULL) < 0)
			abort();
	}
	vdb_apt_index_release(&idx);
	return 0;
}
