/* accounts.h — pure helpers of the accounts family: hash schemes, password policy, guesses */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_ACCOUNTS_H
#define IA_CHECK_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum chk_hash {
	CHK_HASH_EMPTY = 0,     /* "": no password at all */
	CHK_HASH_LOCKED,        /* "*", "!", "!!", "*LK*": no password login */
	CHK_HASH_DES,           /* 13 characters of [./0-9A-Za-z] */
	CHK_HASH_BSDI,          /* "_" extended DES */
	CHK_HASH_MD5,           /* $1$ */
	CHK_HASH_NT,            /* $3$ */
	CHK_HASH_SUNMD5,        /* $md5 */
	CHK_HASH_SHA1,          /* $sha1$ */
	CHK_HASH_SHA256,        /* $5$ */
	CHK_HASH_SHA512,        /* $6$ */
	CHK_HASH_BCRYPT,        /* $2a$ $2b$ $2y$ $2x$ */
	CHK_HASH_SCRYPT,        /* $7$ */
	CHK_HASH_YESCRYPT,      /* $y$ */
	CHK_HASH_GOST_YESCRYPT, /* $gy$ */
	CHK_HASH_UNKNOWN_CRYPT, /* another "$id$" */
	CHK_HASH_PLAIN,         /* not a crypt string: a password stored as it is */
};

/*
 * The scheme of a shadow (or passwd) password field. A leading '!' (locked by
 * passwd -l) is skipped and *locked set; "*"-prefixed and "!" alone are
 * CHK_HASH_LOCKED. locked may be NULL.
 */
enum chk_hash chk_hash_scheme(const char *field, bool *locked);
const char *chk_hash_name(enum chk_hash h); /* "yescrypt", "DES", ... (static) */
/* DES, BSDi, MD5, NT, SunMD5 and plaintext fail JK-HASH. */
bool chk_hash_weak(enum chk_hash h);

/*
 * true when guess hashes to hash (libcrypt crypt_rn with hash as setting).
 * data is scratch space from chk_crypt_scratch (one per thread), freed with free().
 */
void *chk_crypt_scratch(void);
bool chk_password_matches(void *scratch, const char *hash, const char *guess);

/*
 * What one guess against a hash costs, read from its cost parameters before any
 * hashing: bcrypt's cost, the rounds= of SHA-256/512 crypt, SunMD5 and SHA-1 crypt,
 * the N, r, p (and t) of yescrypt, gost-yescrypt and scrypt, the count of BSDi DES.
 * work is in units of the scheme's own cost model (2^cost, rounds, N x r x p ...),
 * comparable only with the work of another hash of the same scheme, such as the
 * reference setting of chk_hash_cost_ref; DES, MD5 crypt and NT have a fixed, small
 * cost (work 1). memory is the bytes one guess needs (scrypt, yescrypt; else 0).
 */
struct chk_hash_cost {
	double work;
	uint64_t memory;
	char what[64]; /* "bcrypt cost 31", "SHA-512 crypt rounds=999999999" */
};
/* Fills c for hash (a leading '!' skipped); -1 when its parameters cannot be read (or
 * name yescrypt upgrades or a ROM), in which case no guess should be hashed. */
int chk_hash_cost(const char *hash, struct chk_hash_cost *c);
/* A setting of scheme h at a low cost, for timing one guess of that scheme (static); NULL
 * for the schemes of fixed cost. */
const char *chk_hash_cost_ref(enum chk_hash h);

/*
 * Guesses derived from an account name ("admin" → admin, admin123, Admin@123, ...),
 * written as NUL-separated strings into out (at most max bytes); returns their count.
 */
size_t chk_name_guesses(const char *name, char *out, size_t max);

/* The password policy itself is a fact: struct inv_pam (facts/facts.h, facts/pam.c). */

#endif
