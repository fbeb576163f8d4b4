/* fuzz_secrets.c — fuzz harness: the secret scan of SEC-001 (checks/secscan.c) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void hit(void *arg, const struct chk_secret_hit *h)
{
	size_t size = *(const size_t *)arg;

	/* every match lies inside the bytes scanned, its shown prefix inside the match */
	if (!h->what || h->off > size || h->len > size - h->off || h->show > h->len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes: a read past them (the prefilter reads 17 bytes at a time)
	 * is an AddressSanitizer report, whatever buffer the caller gave */
	uint8_t *b = malloc(size ? size : 1);

	if (!b)
		return 0;
	memcpy(b, data, size);
	chk_secrets_scan(b, size, size, hit, &size);
	/* as a block whose tail is the next block's */
	chk_secrets_scan(b, size, size / 2, hit, &size);
	free(b);
	return 0;
}
