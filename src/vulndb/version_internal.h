/* version_internal.h — what the per-ecosystem comparators of vulndb/version share */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_VERSION_INTERNAL_H
#define VDB_VERSION_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One ecosystem's comparator. version.c has already refused NULL, empty,
 * over-long (IA_MAX_VERSION) versions and NUL or control bytes.
 *  - check: 0 when v is a valid version, else -1 with a short reason written
 *    to why (lowercase, no period, at most whylen bytes with its NUL);
 *  - cmp: <0, 0, >0 for two versions check accepted.
 */
struct vdb_ver_ops {
	int (*check)(const char *v, size_t n, char *why, size_t whylen);
	int (*cmp)(const char *a, size_t an, const char *b, size_t bn);
};

extern const struct vdb_ver_ops vdb_ver_dpkg, vdb_ver_rpm, vdb_ver_apk, vdb_ver_semver,
	vdb_ver_pep440, vdb_ver_maven, vdb_ver_composer;

/* Byte i of s (n bytes), 0 past the end: the comparators walk spans as C strings. */
static inline unsigned char vdb_at(const char *s, size_t n, size_t i)
{
	return i < n ? (unsigned char)s[i] : 0;
}

static inline bool vdb_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool vdb_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int vdb_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Compares two runs of decimal digits as numbers of any size: leading zeros skipped, then the
 * longer is larger, then bytewise. Returns -1, 0 or 1. */
int vdb_cmp_digits(const char *a, size_t an, const char *b, size_t bn);
/* Compares two byte spans as memcmp then length (a prefix is smaller). Returns -1, 0 or 1. */
int vdb_cmp_bytes(const char *a, size_t an, const char *b, size_t bn);
/* The same, ASCII case-insensitively. */
int vdb_cmp_bytes_nocase(const char *a, size_t an, const char *b, size_t bn);
/* Formats a reason into why (snprintf; never fails). */
void vdb_why(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A byte of a version for a reason: "'x'" or "byte 0xHH", into buf of 16. */
const char *vdb_show_byte(int c, char buf[16]);

#endif
