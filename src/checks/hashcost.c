/* hashcost.c — what one guess against a crypt hash costs, read from its parameters */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdio.h>

#include "checks/accounts.h"
#include "util/banned.h"

/*
 * The cost parameters are read as libxcrypt reads them (crypt-bcrypt.c, crypt-sha256.c,
 * crypt-sha512.c, alg-yescrypt-common.c, crypt-scrypt.c, crypt-des.c, crypt-sunmd5.c,
 * crypt-sha1.c). Where this reading and libxcrypt's could differ, the work is taken as the
 * larger: an estimate too high makes an account NOT EXAMINED, one too low could hang the audit.
 */

/* "./0-9A-Za-z" -> 0..63; 64 for any other byte */
static unsigned atoi64(char c)
{
	if (c == '.')
		return 0;
	if (c == '/')
		return 1;
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0') + 2;
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A') + 12;
	if (c >= 'a' && c <= 'z')
		return (unsigned)(c - 'a') + 38;
	return 64;
}

/* yescrypt's variable-length number (decode64_uint32 of alg-yescrypt-common.c); NULL when
 * malformed. */
static const char *yes_u32(const char *s, uint32_t min, uint64_t *out)
{
	uint64_t start = 0, end = 47, chars = 1, bits = 0, v = min;
	unsigned c = atoi64(*s++);

	if (c > 63)
		return NULL;
	while (c > end) {
		v += (end + 1 - start) << bits;
		start = end + 1;
		end = start + (62 - end) / 2;
		chars++;
		bits += 6;
	}
	v += (c - start) << bits;
	while (--chars) {
		c = atoi64(*s++);
		if (c > 63)
			return NULL;
		bits -= 6;
		v += (uint64_t)c << bits;
	}
	*out = v;
	return s;
}

/* "$y$" / "$gy$" parameters: work N * r * p * (passes of t), memory 128 * r * N. */
static int yescrypt_cost(const char *s, const char *name, struct chk_hash_cost *c)
{
	uint64_t flavor, nlog, r, have = 0, p = 1, t = 0;
	double passes;
	bool rw;

	if (!(s = yes_u32(s, 0, &flavor)) || flavor > 2 + (0x3fcu >> 2))
		return -1;
	rw = flavor >= 2; /* YESCRYPT_RW and its flavours; 0 and 1 are classic scrypt */
	if (!(s = yes_u32(s, 1, &nlog)) || nlog > 63)
		return -1;
	if (!(s = yes_u32(s, 1, &r)) || r > (1u << 30))
		return -1;
	if (*s != '$') {
		if (!(s = yes_u32(s, 1, &have)))
			return -1;
		if ((have & 1) && (!(s = yes_u32(s, 2, &p)) || p > (1u << 30)))
			return -1;
		if ((have & 2) && (!(s = yes_u32(s, 1, &t)) || t > (1u << 30)))
			return -1;
		if (have & ~3ull) /* g (upgrades) and a ROM: no estimate */
			return -1;
	}
	if (*s != '$')
		return -1;
	/* SMix1 runs N blocks, SMix2 a third of N (t = 0), half (t = 1) or (t - 1) x N */
	if (rw)
		passes = t == 0 ? 4.0 / 3 : t == 1 ? 1.5 : (double)t;
	else
		passes = t == 0 ? 2.0 : 1.0 + 1.5 * (double)t;
	c->work = (double)(1ull << nlog) * (double)r * (double)p * passes;
	c->memory = nlog >= 50 ? UINT64_MAX : (128ull << nlog) * r;
	if (c->memory / 128 / r != (1ull << nlog))
		c->memory = UINT64_MAX;
	snprintf(c->what, sizeof(c->what), "%s N=2^%u r=%u p=%u%s", name, (unsigned)nlog,
		 (unsigned)r, (unsigned)p, t ? " t>0" : "");
	return 0;
}

/* digits up to '$' (at most 12 of them); false when there are none or no '$' */
static bool digits(const char *s, uint64_t *v, const char **end)
{
	size_t n = 0;

	*v = 0;
	while (s[n] >= '0' && s[n] <= '9' && n < 12)
		*v = *v * 10 + (uint64_t)(s[n++] - '0');
	*end = s + n;
	return n > 0 && s[n] == '$';
}

int chk_hash_cost(const char *hash, struct chk_hash_cost *c)
{
	enum chk_hash h = chk_hash_scheme(hash, NULL);
	uint64_t v;
	const char *e;

	memset(c, 0, sizeof(*c));
	c->work = 1;
	while (*hash == '!')
		hash++;
	switch (h) {
	case CHK_HASH_BCRYPT:
		/* "$2b$NN$": cost 04..31, 2^cost rounds of the key schedule */
		if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9' ||
		    hash[6] != '$')
			return -1;
		v = (uint64_t)(hash[4] - '0') * 10 + (uint64_t)(hash[5] - '0');
		c->work = (double)(1ull << (v > 31 ? 31 : v));
		snprintf(c->what, sizeof(c->what), "bcrypt cost %u", (unsigned)v);
		return 0;
	case CHK_HASH_SHA256:
	case CHK_HASH_SHA512:
		/* "$6$rounds=N$": 1000..999,999,999 rounds, 5000 when not given */
		c->work = 5000;
		if (strncmp(hash + 3, "rounds=", 7) == 0) {
			if (!digits(hash + 10, &v, &e))
				return -1;
			c->work = (double)(v > 999999999 ? 999999999 : v < 1000 ? 1000 : v);
		}
		snprintf(c->what, sizeof(c->what), "%s rounds=%.0f", chk_hash_name(h), c->work);
		return 0;
	case CHK_HASH_YESCRYPT:
		return yescrypt_cost(hash + 3, "yescrypt", c);
	case CHK_HASH_GOST_YESCRYPT:
		return yescrypt_cost(hash + 4, "gost-yescrypt", c);
	case CHK_HASH_SCRYPT: {
		/* "$7$" N (one character, log2), r and p (five characters each, 30 bits LE) */
		uint64_t nlog = atoi64(hash[3]), rp[2] = {0, 0};

		if (nlog > 63)
			return -1;
		for (int k = 0; k < 2; k++)
			for (int i = 0; i < 5; i++) {
				unsigned d = atoi64(hash[4 + 5 * k + i]);

				if (d > 63)
					return -1;
				rp[k] |= (uint64_t)d << (6 * i);
			}
		if (!rp[0] || !rp[1])
			return -1;
		c->work = (double)(1ull << nlog) * (double)rp[0] * (double)rp[1];
		c->memory = nlog >= 50 ? UINT64_MAX : (128ull << nlog) * rp[0];
		if (c->memory / 128 / rp[0] != (1ull << nlog))
			c->memory = UINT64_MAX;
		snprintf(c->what, sizeof(c->what), "scrypt N=2^%u r=%u p=%u", (unsigned)nlog,
			 (unsigned)rp[0], (unsigned)rp[1]);
		return 0;
	}
	case CHK_HASH_BSDI:
		/* "_" then the iteration count in four characters, 24 bits LE */
		v = 0;
		for (int i = 0; i < 4; i++)
			v |= (uint64_t)atoi64(hash[1 + i]) << (6 * i);
		c->work = v ? (double)v : 1;
		snprintf(c->what, sizeof(c->what), "BSDi extended DES count %u", (unsigned)v);
		return 0;
	case CHK_HASH_SUNMD5:
		/* "$md5,rounds=N$" or "$md5$": 4096 + N rounds */
		c->work = 4096;
		if (strncmp(hash, "$md5,rounds=", 12) == 0) {
			if (!digits(hash + 12, &v, &e))
				return -1;
			c->work += (double)v;
		}
		snprintf(c->what, sizeof(c->what), "Sun MD5 rounds=%.0f", c->work - 4096);
		return 0;
	case CHK_HASH_SHA1:
		/* "$sha1$N$": N iterations of HMAC-SHA1 */
		if (!digits(hash + 6, &v, &e))
			return -1;
		c->work = v ? (double)v : 1;
		snprintf(c->what, sizeof(c->what), "SHA-1 crypt rounds=%u", (unsigned)v);
		return 0;
	default:
		/* DES, MD5 crypt, NT: a fixed, small cost */
		snprintf(c->what, sizeof(c->what), "%s", chk_hash_name(h));
		return 0;
	}
}

const char *chk_hash_cost_ref(enum chk_hash h)
{
	/* settings of each scheme at a low cost, made by crypt_gensalt */
	switch (h) {
	case CHK_HASH_BCRYPT:
		return "$2b$05$u1hSVazsqgvrmz5eGC78fO";
	case CHK_HASH_SHA256:
		return "$5$rounds=1000$a6RhK/9wUJ2kKpUO";
	case CHK_HASH_SHA512:
		return "$6$rounds=1000$upUWRFEvqkZ6.qHf";
	case CHK_HASH_YESCRYPT:
		return "$y$j75$qFK5j5Vho5esmOxTtq0ac0";
	case CHK_HASH_GOST_YESCRYPT:
		return "$gy$j75$8mHIsUS1maME/1TivM0I6.";
	case CHK_HASH_SCRYPT:
		return "$7$86..../....uOGCetzFJbqmAZwZIFgib0";
	case CHK_HASH_BSDI:
		return "_J9..fyt6u7bZivW0nOY";
	case CHK_HASH_SUNMD5:
		return "$md5,rounds=1000$tZOtHxbq$";
	case CHK_HASH_SHA1:
		return "$sha1$1000$WUs1ebkeaen.uv6UTqTw$";
	default:
		return NULL;
	}
}
