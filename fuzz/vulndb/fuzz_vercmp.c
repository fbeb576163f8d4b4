/* fuzz_vercmp.c — fuzz harness: vulndb's version comparators, every ecosystem, with their laws */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vulndb/version.h"

/*
 * The input is up to three versions separated by '\n'. For every ecosystem:
 * a version accepted alone is equal to itself; comparing a with b succeeds
 * exactly when comparing b with a does, with the opposite sign; and the order
 * is transitive over a, b, c, except Maven's: ComparableVersion itself orders
 * "1" > "1.0.0-0.0.0.0-alpha.1" > "1.0#.0-0.0" > "1" (the fuzzer found it; Maven
 * 3.8.7 agrees), and vulndb follows it. apk-tools' own lenient comparison must
 * be antisymmetric too. Any violation aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp(enum vdb_eco eco, const char *a, size_t an, const char *b, size_t bn, int *c)
{
	return vdb_vercmp_n(eco, a, an, b, bn, c, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *v[3];
	size_t n[3], parts = 0;
	const char *s = (const char *)data, *end = s + size;

	while (parts < 3) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		v[parts] = s;
		n[parts] = nl ? (size_t)(nl - s) : (size_t)(end - s);
		parts++;
		if (!nl)
			break;
		s = nl + 1;
	}
	for (size_t i = parts; i < 3; i++) {
		v[i] = v[0];
		n[i] = n[0];
	}
	for (int e = 0; e < VDB_ECO_COUNT; e++) {
		enum vdb_eco eco = (enum vdb_eco)e;
		int r[3][3], c[3][3];

		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				r[i][j] = cmp(eco, v[i], n[i], v[j], n[j], &c[i][j]);
		for (int i = 0; i < 3; i++) {
			bool ok = vdb_version_check(eco, v[i], n[i], NULL) == 0;

			if (ok != (r[i][i] == 0) || (ok && c[i][i] != 0))
				abort(); /* reflexivity */
			for (int j = 0; j < 3; j++) {
				if ((r[i][j] == 0) != (r[j][i] == 0))
					abort();
				if (r[i][j] == 0 && c[i][j] != -c[j][i])
					abort(); /* antisymmetry */
			}
		}
		for (int i = 0; i < 3 && eco != VDB_ECO_MAVEN; i++)
			for (int j = 0; j < 3; j++)
				for (int k = 0; k < 3; k++)
					if (!r[i][j] && !r[j][k] && c[i][j] <= 0 && c[j][k] <= 0 &&
					    (r[i][k] || c[i][k] > 0))
						abort(); /* transitivity */
	}
	{
		int x = 9, y = 9, rx, ry;

		rx = vdb_apk_compare(v[0], n[0], v[1], n[1], false, &x);
		ry = vdb_apk_compare(v[1], n[1], v[0], n[0], false, &y);
		if (rx != ry || (rx == 0 && x != -y))
			abort();
	}
	return 0;
}
