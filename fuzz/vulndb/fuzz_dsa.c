/* fuzz_dsa.c — fuzz harness: Debian's DSA and DLA lists imported into an in-memory database */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "vulndb/db.h"

/*
 * The input is a DSA or DLA list (data/DSA/list of the security tracker: "[DD Mon YYYY]
 * DSA-N-R pkg - text", then "{CVE-...}" and "[release] - pkg version" lines), plain text as
 * `db import` or `db update` reads it. Whatever it holds, the import either stores it or
 * refuses it whole (the database then holds no source), and matching afterwards works.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(const struct vdb_match *m, void *arg)
{
	(void)m;
	++*(size_t *)arg;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdb *db = NULL;
	struct vdb_import_result res;
	struct vdb_source *v = NULL;
	size_t n = 0, hits = 0;
	int r;

	if (vdb_open(":memory:", true, &db, NULL) < 0)
		abort();
	r = vdb_import_mem(db, "DSA-list", (const char *)data, size, &res, NULL);
	if (vdb_sources(db, &v, &n, NULL) < 0 || (r < 0 && n != 0) || (r == 0 && n != 1))
		abort();
	vdb_sources_free(v, n);
	(void)vdb_match(db, "debian", "12", "openssl", "3.0.11-1~deb12u1", count, &hits, NULL,
			NULL);
	vdb_close(db);
	return 0;
}
