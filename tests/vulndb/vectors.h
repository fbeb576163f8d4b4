/* vectors.h — reads the version-comparison vector files of tests/data/version-compare */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef T_VECTORS_H
#define T_VECTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "vulndb/version.h"

/* What the vectors of one run checked, by kind. */
struct t_vec_count {
	unsigned cmp;     /* ordered pairs compared (both directions count once) */
	unsigned valid;   /* versions that must be valid */
	unsigned invalid; /* versions that must be refused */
	unsigned fuzzy;   /* apk constraints with '~' */
};

/*
 * Runs every vector of tests/data/version-compare/NAME (formats in its README.md) against
 * eco's comparator, failing the test at the first vector that does not hold, with its line.
 * A .tsv file holds "a<TAB>b<TAB>op" lines instead of "a op b".
 * Comparisons check a against b, b against a (antisymmetry) and each against itself.
 */
void t_run_vectors(enum vdb_eco eco, const char *name, struct t_vec_count *count);
/* Asserts vdb_vercmp(eco, a, b) succeeds with the sign of want, and the same reversed. */
void t_expect_cmp(enum vdb_eco eco, const char *a, const char *b, int want, const char *where);

#endif
