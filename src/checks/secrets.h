/* secrets.h — the secret scan of the secrets family, for the content pass, its tests and
 * bench/secrets.sh */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_SECRETS_H
#define IA_CHECK_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

/* One secret found by chk_secrets_scan: offsets into the scanned bytes. */
struct chk_secret_hit {
	const char *what; /* "AWS access key ID", "private key", ... (static) */
	size_t off, len;  /* the secret's bytes */
	size_t show;      /* how many of its first bytes may be shown (a public prefix) */
};

/*
 * Scans n bytes for the secrets SEC-001 knows; calls fn (may be NULL) for each one starting
 * before report_below (blocks overlap: a match starting later is the next block's). Returns the
 * number found.
 */
size_t chk_secrets_scan(const unsigned char *b, size_t n, size_t report_below,
			void (*fn)(void *arg, const struct chk_secret_hit *hit), void *arg);

/* true for a value that is no real secret: a documentation or test value (EXAMPLE, TEST, DUMMY,
 * FAKE, SAMPLE, xxxx…), a placeholder (${VAR}, <password>, ***) or too few distinct characters. */
bool chk_secrets_not_secret(const char *s, size_t n);

/* true for a path in a third-party package's own tests and examples (node_modules,
 * site-packages, dist-packages, vendor: test/, tests/, testdata/, fixtures/, examples/, docs/):
 * their keys and tokens are test vectors. */
bool chk_secrets_vendored_test(const char *path);

/* true for a credential file SEC-002 reads by its name (.netrc, .pgpass, .env, ...). */
bool chk_secrets_cred_file(const char *path);

/*
 * SEC-001 reads its files in the content pass it shares with the integrity and malware
 * families (malware.h): chk_secrets_list gives the index positions of the files it reads (in
 * index order, caller frees: regular files outside what the distribution's packages own, at
 * most IA_MAX_SECRET_SCAN bytes, the first IA_MAX_SECRET_FILES); the pass calls
 * chk_secrets_file on any thread with the bytes of one of them, which gives what it found
 * (NULL: nothing), freed with chk_secrets_found_free.
 */
struct tgt;
struct chk_sec_found;

size_t *chk_secrets_list(const struct tgt *t, size_t *n);
struct chk_sec_found *chk_secrets_file(const char *path, const void *buf, size_t n);
void chk_secrets_found_free(struct chk_sec_found *f);

#endif
