/* pairs.h — where any of a few literal two-byte starts occur in a buffer, 16 positions at a time:
 * the prefilter of the secret scan and of the marker search of the content pass */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_UTIL_PAIRS_H
#define IA_UTIL_PAIRS_H

#include <stddef.h>
#include <stdint.h>

/* The starts a set can hold. */
#define IA_PAIRS_MAX 32

/* A set of two-byte starts; filled by ia_pairs_init, then read only (any thread). */
struct ia_pairs {
	size_t n;
	/* each start's bytes repeated 16 times, compared with 16 positions at once */
	_Alignas(16) unsigned char first[IA_PAIRS_MAX][16];
	_Alignas(16) unsigned char second[IA_PAIRS_MAX][16];
	uint64_t bits[1024]; /* the same starts as a 64 Kbit table, for the last bytes */
};

/* Fills s with the first two bytes of each of the n strings (at most IA_PAIRS_MAX, each at
 * least two bytes long; more are left out). */
void ia_pairs_init(struct ia_pairs *s, const char *const *starts, size_t n);

/*
 * Calls fn(arg, pos) for each position pos of the n bytes at b where one of s's starts begins
 * (both bytes inside the n), in increasing order, skipping positions before the last value fn
 * returned: fn returns where the search goes on (pos + 1 to go on at the next byte, past a
 * match to skip it, SIZE_MAX to stop).
 */
void ia_pairs_scan(const struct ia_pairs *s, const unsigned char *b, size_t n,
		   size_t (*fn)(void *arg, size_t pos), void *arg);

#endif
