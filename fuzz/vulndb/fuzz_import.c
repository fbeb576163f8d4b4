/* fuzz_import.c — fuzz harness: the vulnerability feed importers (OSV, Debian tracker, secdb) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "vulndb/db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(const struct vdb_match *m, void *arg)
{
	(void)m;
	++*(size_t *)arg;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[][3] = {
		{"debian", "12", "glibc"}, {"alpine", "3.11", "musl"}, {"npm", "", "a"},
		{"almalinux", "9", "xz"},  {"pypi", "", "jinja2"},
	};
	struct vdb *db = NULL;
	struct vdb_import_result res;
	size_t n = 0;

	if (vdb_open(":memory:", true, &db, NULL) < 0)
		abort();
	if (vdb_import_mem(db, "feed", (const char *)data, size, &res, NULL) == 0) {
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			(void)vdb_match(db, keys[i][0], keys[i][1], keys[i][2], "1.0-1", count, &n,
					NULL, NULL);
	}
	vdb_close(db);
	return 0;
}
