/* fuzz_apkindex.c — fuzz harness: vulndb's APKINDEX reader (the tar.gz and its text) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vulndb/apkindex.h"
#include "vulndb/version.h"

/*
 * The input is read as an APKINDEX.tar.gz and as APKINDEX text. Whatever it holds, every
 * package kept has a name, an arch, an origin and a version apk's comparator accepts, and no
 * read goes past the input; any violation aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdb_apk_index idx;
	struct ia_err err = {0};

	vdb_apk_index_init(&idx);
	(void)vdb_apk_index_parse(&idx, "fuzz", data, size, &err);
	(void)vdb_apk_index_parse_text(&idx, "fuzz", (const char *)data, size, &err);
	for (size_t i = 0; i < idx.n; i++) {
		const struct vdb_apk_pkg *p = &idx.v[i];

		if (!*p->name || !*p->arch || !*p->origin ||
		    vdb_version_check(VDB_ECO_APK, p->version, strlen(p->version), NULL) < 0)
			abort();
	}
	if (strlen(idx.description) >= sizeof(idx.description))
		abort();
	vdb_apk_index_release(&idx);
	return 0;
}
