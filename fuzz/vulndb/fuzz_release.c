/* fuzz_release.c — fuzz harness: apt Release/InRelease text (header fields, SHA256 lists) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vulndb/release.h"

/*
 * The input is a Release or InRelease file as a user names it, a server sends it or an image's
 * apt lists keep it. Whatever it holds: the header fields are NUL-terminated and within their
 * arrays, every SHA256 entry delivered has 64 lowercase hex digits and a path inside the input,
 * and the index matcher finds an entry only when its hash is the data's; any violation aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ctx {
	const char *base;
	size_t size, n;
};

static int entry(void *arg, const char *hex, uint64_t sz, const char *path, size_t plen)
{
	struct ctx *c = arg;

	(void)sz;
	if (strlen(hex) != 64 || strspn(hex, "0123456789abcdef") != 64 || plen == 0 ||
	    path < c->base || path + plen > c->base + c->size)
		abort();
	c->n++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *t = (const char *)data;
	struct vdb_release_hdr h;
	struct ctx c = {t, size, 0};
	char hex[65], path[600];
	uint64_t sz = 0;
	static const char pk[] = "Package: a\nVersion: 1\nArchitecture: all\n\n";

	vdb_release_header(t, size, &h);
	if (strnlen(h.codename, sizeof(h.codename)) == sizeof(h.codename) ||
	    strnlen(h.suite, sizeof(h.suite)) == sizeof(h.suite))
		abort();
	(void)vdb_release_sha256_each(t, size, entry, &c);
	if (vdb_release_sha256_mem(t, size, "main/binary-amd64/Packages", hex, &sz) == 0 &&
	    strlen(hex) != 64)
		abort();
	/* the tiny index is listed only when the input holds its very hash */
	if (vdb_release_match_index(t, size, pk, sizeof(pk) - 1, NULL, 0, path, sizeof(path)) ==
		    1 &&
	    !memmem(t, size, "8ff00b067393291b", 16))
		abort();
	return 0;
}
