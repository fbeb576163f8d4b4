/* secscan.c — the secret scan of SEC-001: literal two-byte prefilter (util/pairs.h), then a
 * validator per prefix (cloud keys, tokens, database URLs, private keys); no I/O, no dependency */
/* SPDX-License-Identifier: Apache-2.0 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/common.h"

#include "checks/secrets.h"
#include "util/pairs.h"

#include "util/banned.h"

/* ---- placeholders and test values ---- */

static bool ci_has(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= n; i++)
		if (strncasecmp(s + i, word, w) == 0)
			return true;
	return false;
}

/* A value that is no real secret: a documentation or test value, or a placeholder. */
bool chk_secrets_not_secret(const char *s, size_t n)
{
	static const char *const words[] = {"example", "dummy",      "sample",
					    "fake",    "test",       "changeit_placeholder",
					    "xxxx",    "0123456789", "abcdef12"};
	bool seen[256] = {false};
	unsigned distinct = 0;

	if (!n)
		return true;
	if (strchr("$<{%*[(", s[0]) || (n >= 2 && s[0] == '.' && s[1] == '.'))
		return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(words); i++)
		if (ci_has(s, n, words[i]))
			return true;
	for (size_t i = 0; i < n; i++)
		if (!seen[(unsigned char)s[i]]) {
			seen[(unsigned char)s[i]] = true;
			distinct++;
		}
	return n >= 8 && distinct < 5;
}

/* Known published values (documentation, local emulators). */
static bool published(const char *s, size_t n)
{
	static const char *const known[] = {
		"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		/* Azurite and the Azure storage emulator's well-known account key */
		"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
		"K1SZFPTOtr/KBHBeksoGMGw=="};

	for (size_t i = 0; i < IA_ARRAY_SIZE(known); i++)
		if (strlen(known[i]) == n && memcmp(known[i], s, n) == 0)
			return true;
	return false;
}

/* A password written as its own name in documentation ("mysql://root:password@localhost"). */
static bool placeholder(const char *s, size_t n)
{
	static const char *const words[] = {
		"password", "passwd",        "pass",         "pwd",
		"secret",   "mypassword",    "yourpassword", "your_password",
		"changeme", "your-password", "pw",           "p"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return true;
	return false;
}

/* ---- the content scan ---- */

struct sec_hit {
	const char *what;  /* "AWS access key ID" */
	size_t off, len;   /* of the secret in the block */
	size_t show;       /* bytes of it that may be shown (a public prefix) */
	const char *extra; /* shown instead of the value (a URL's scheme and user), or NULL */
};

static bool is_an(unsigned char c)
{
	return isalnum(c);
}

/* Length of the run of bytes at p (at most max) in the class. */
static size_t run(const unsigned char *p, const unsigned char *end, size_t max,
		  bool (*in)(unsigned char))
{
	size_t n = 0;

	while (p + n < end && n < max && in(p[n]))
		n++;
	return n;
}

static bool cls_upnum(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static bool cls_an(unsigned char c)
{
	return isalnum(c);
}
static bool cls_an_(unsigned char c)
{
	return isalnum(c) || c == '_';
}
static bool cls_an_dash(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-';
}
static bool cls_hexup(unsigned char c)
{
	return (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9');
}
static bool cls_b64(unsigned char c)
{
	return isalnum(c) || c == '+' || c == '/';
}
static bool cls_url_user(unsigned char c)
{
	return isalnum(c) || strchr("._-%~", c);
}
static bool cls_url_pass(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("@/ \"'<>`", c);
}

/* A token of a fixed prefix then [min,max] bytes of a class, bounded on both sides. */
static bool token(const unsigned char *b, const unsigned char *p, const unsigned char *end,
		  const char *prefix, bool (*in)(unsigned char), size_t min, size_t max,
		  size_t *len)
{
	size_t pl = strlen(prefix), n;

	if ((size_t)(end - p) < pl + min || memcmp(p, prefix, pl) != 0)
		return false;
	if (p > b && (is_an(p[-1]) || p[-1] == '_'))
		return false;
	n = run(p + pl, end, max + 1, in);
	if (n < min || n > max)
		return false;
	if (p + pl + n < end && is_an(p[pl + n]))
		return false;
	*len = pl + n;
	return true;
}

/* The secret of "key = value", "key: value" or "key": "value" after a key at p (its length kl). */
static bool assigned(const unsigned char *p, const unsigned char *end, size_t kl,
		     bool (*in)(unsigned char), size_t want, size_t *voff)
{
	const unsigned char *q = p + kl;

	while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\''))
		q++;
	if (q >= end || (*q != '=' && *q != ':'))
		return false;
	q++;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\''))
		q++;
	if (run(q, end, want + 1, in) != want)
		return false;
	*voff = (size_t)(q - p);
	return true;
}

/* true when a PEM body follows a BEGIN line at p: a line break (or a JSON-escaped one) and
 * base64 or a header; a BEGIN line alone is a string in a program (ssh, GnuTLS), not a key. */
static bool pem_body(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;

	if (p < end && *p == '\r')
		p++;
	if (end - p >= 2 && p[0] == '\\' && p[1] == 'n')
		p += 2;
	else if (p < end && *p == '\n')
		p++;
	else
		return false;
	if (end - p >= 10 && memcmp(p, "Proc-Type:", 10) == 0)
		return true;
	while (p + n < end && n < 16 && (isalnum(p[n]) || p[n] == '+' || p[n] == '/'))
		n++;
	return n == 16;
}

/* A PEM private key's BEGIN line with a body after it at p; its length (0: none). */
static size_t match_pem(const unsigned char *p, const unsigned char *end, struct sec_hit *h)
{
	const unsigned char *q = p + 11;
	size_t k = 0;

	if (end - p <= 16 || memcmp(p, "-----BEGIN ", 11) != 0)
		return 0;
	while (q + k < end && k < 40 && (isupper(q[k]) || q[k] == ' ' || q[k] == '#'))
		k++;
	if (k < 11 || q + k + 5 > end || memcmp(q + k - 11, "PRIVATE KEY", 11) != 0 ||
	    memcmp(q + k, "-----", 5) != 0 || !pem_body(q + k + 5, end))
		return 0;
	h->what = "private key";
	h->show = 11 + k + 5; /* the BEGIN line is no secret */
	return 11 + k + 5;
}

/* scheme://user:password@host of a database or broker URL, at the "://" at p; the password's
 * length (0: none). */
static size_t match_url(const unsigned char *b, const unsigned char *p, const unsigned char *end,
			struct sec_hit *h)
{
	static const char *const schemes[] = {"postgres",   "postgresql",     "mysql", "mariadb",
					      "mongodb",    "mongodb+srv",    "redis", "rediss",
					      "amqp",       "amqps",          "mssql", "sqlserver",
					      "jdbc:mysql", "jdbc:postgresql"};
	const unsigned char *q = p + 3, *s = p;
	size_t ul, pl;
	bool ok = false;

	if (end - p <= 3 || p[1] != '/' || p[2] != '/')
		return 0;
	while (s > b && (is_an(s[-1]) || s[-1] == '+' || s[-1] == ':') && p - s < 20)
		s--;
	for (size_t i = 0; i < IA_ARRAY_SIZE(schemes) && !ok; i++)
		ok = (size_t)(p - s) == strlen(schemes[i]) &&
		     strncasecmp((const char *)s, schemes[i], (size_t)(p - s)) == 0;
	if (!ok)
		return 0;
	ul = run(q, end, 128, cls_url_user);
	if (q + ul >= end || q[ul] != ':')
		return 0;
	pl = run(q + ul + 1, end, 256, cls_url_pass);
	if (!pl || q + ul + 1 + pl >= end || q[ul + 1 + pl] != '@')
		return 0;
	if (chk_secrets_not_secret((const char *)q + ul + 1, pl) ||
	    placeholder((const char *)q + ul + 1, pl))
		return 0;
	h->what = "database URL with a password";
	h->off = (size_t)(q + ul + 1 - b);
	h->show = 0;
	return pl;
}

/* "private_key": "-----BEGIN … of a GCP service account key file at p; 27 or 0. */
static size_t match_gcp(const unsigned char *b, const unsigned char *p, const unsigned char *end,
			struct sec_hit *h)
{
	const unsigned char *q = p + 13;

	if (end - p <= 14 || memcmp(p, "\"private_key\"", 13) != 0)
		return 0;
	while (q < end && (*q == ' ' || *q == ':' || *q == '\t'))
		q++;
	if (end - q < 28 || memcmp(q, "\"-----BEGIN ", 12) != 0)
		return 0;
	h->what = "GCP service account key";
	h->off = (size_t)(q + 1 - b);
	h->show = 0;
	return 27;
}

/* Validates a candidate at p; fills h and returns true on a secret. */
static bool match_at(const unsigned char *b, const unsigned char *p, const unsigned char *end,
		     struct sec_hit *h)
{
	size_t n = 0, v = 0;

	memset(h, 0, sizeof(*h));
	h->off = (size_t)(p - b);
	switch (p[0]) {
	case 'A':
		if (token(b, p, end, "AKIA", cls_upnum, 16, 16, &n) ||
		    token(b, p, end, "ASIA", cls_upnum, 16, 16, &n)) {
			h->what = p[1] == 'K' ? "AWS access key ID" : "AWS temporary access key ID";
			h->show = 4;
		} else if (token(b, p, end, "AKID", cls_an, 32, 32, &n)) {
			h->what = "Tencent Cloud SecretId";
			h->show = 4;
		} else if (end - p > 11 && memcmp(p, "AccountKey=", 11) == 0 &&
			   run(p + 11, end, 87, cls_b64) == 86 && end - p >= 99 && p[97] == '=' &&
			   p[98] == '=') {
			h->what = "Azure storage account key";
			h->off += 11;
			n = 88;
		} else if (end - p > 21 && memcmp(p, "AWS_SECRET_ACCESS_KEY", 21) == 0 &&
			   assigned(p, end, 21, cls_b64, 40, &v)) {
			h->what = "AWS secret access key";
			h->off += v;
			n = 40;
		}
		break;
	case 'a':
		if (end - p > 21 && memcmp(p, "aws_secret_access_key", 21) == 0 &&
		    assigned(p, end, 21, cls_b64, 40, &v)) {
			h->what = "AWS secret access key";
			h->off += v;
			n = 40;
		}
		break;
	case 'L':
		if (token(b, p, end, "LTAI", cls_an, 12, 30, &n)) {
			h->what = "Alibaba Cloud AccessKey ID";
			h->show = 4;
		}
		break;
	case 'J':
		if (token(b, p, end, "JDC_", cls_hexup, 28, 28, &n)) {
			h->what = "JD Cloud AccessKey ID";
			h->show = 4;
		}
		break;
	case 'g':
		if (token(b, p, end, "ghp_", cls_an, 36, 36, &n) ||
		    token(b, p, end, "gho_", cls_an, 36, 36, &n) ||
		    token(b, p, end, "ghu_", cls_an, 36, 36, &n) ||
		    token(b, p, end, "ghs_", cls_an, 36, 36, &n) ||
		    token(b, p, end, "ghr_", cls_an, 36, 36, &n)) {
			h->what = "GitHub token";
			h->show = 4;
		} else if (token(b, p, end, "github_pat_", cls_an_, 82, 82, &n)) {
			h->what = "GitHub fine-grained token";
			h->show = 11;
		} else if (token(b, p, end, "glpat-", cls_an_dash, 20, 20, &n)) {
			h->what = "GitLab personal access token";
			h->show = 6;
		}
		break;
	case 'x':
		if (end - p > 5 && memcmp(p, "xox", 3) == 0 && strchr("abprs", p[3]) &&
		    p[4] == '-' && (p == b || !is_an(p[-1]))) {
			n = 5 + run(p + 5, end, 255, cls_an_dash);
			if (n >= 5 + 20) {
				h->what = "Slack token";
				h->show = 5;
			}
		}
		break;
	case 's':
	case 'r':
		if (token(b, p, end, "sk_live_", cls_an, 24, 99, &n) ||
		    token(b, p, end, "rk_live_", cls_an, 24, 99, &n)) {
			h->what = "Stripe live secret key";
			h->show = 8;
		}
		break;
	case '-':
		n = match_pem(p, end, h);
		break;
	case ':':
		n = match_url(b, p, end, h);
		break;
	case '"':
		n = match_gcp(b, p, end, h);
		break;
	default:
		break;
	}
	if (!h->what)
		return false;
	h->len = n;
	if (h->show < n && strcmp(h->what, "database URL with a password") != 0) {
		const char *val = (const char *)b + h->off;

		if (published(val, n) || chk_secrets_not_secret(val + h->show, n - h->show))
			return false;
	}
	return true;
}

/* The two-byte starts of the prefixes match_at knows. */
static const char *const sec_starts[] = {"AK", "AS", "Ac", "AW", "aw", "LT", "JD", "gh",
					 "gi", "gl", "xo", "sk", "rk", "--", ":/", "\"p"};
static struct ia_pairs sec_pairs;

static void pairs_fill(void)
{
	ia_pairs_init(&sec_pairs, sec_starts, IA_ARRAY_SIZE(sec_starts));
}

/* One scan: its bytes, what it reports, what it found. */
struct sec_scan {
	const unsigned char *b, *end;
	size_t report_below, found;
	void (*fn)(void *arg, const struct chk_secret_hit *hit);
	void *arg;
};

/* Validates the candidate at pos; counts and reports it; returns the first offset a next
 * secret may start at (ia_pairs_scan). */
static size_t candidate(void *arg, size_t pos)
{
	struct sec_scan *sc = arg;
	struct sec_hit h;

	if (!match_at(sc->b, sc->b + pos, sc->end, &h) || h.off >= sc->report_below)
		return pos + 1;
	sc->found++;
	if (sc->fn) {
		struct chk_secret_hit x = {
			.what = h.what, .off = h.off, .len = h.len, .show = h.show};

		sc->fn(sc->arg, &x);
	}
	/* on past the match */
	return h.off + h.len > pos + 1 ? h.off + h.len : pos + 1;
}

size_t chk_secrets_scan(const unsigned char *b, size_t n, size_t report_below,
			void (*fn)(void *arg, const struct chk_secret_hit *hit), void *arg)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sec_scan sc = {b, b + n, report_below, 0, fn, arg};

	/* filled once: the shared content pass scans files on several threads at once */
	pthread_once(&once, pairs_fill);
	ia_pairs_scan(&sec_pairs, b, n, candidate, &sc);
	return sc.found;
}
