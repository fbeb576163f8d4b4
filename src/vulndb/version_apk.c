/* version_apk.c — Alpine versions: digit{.digit}{letter}{_suffix{N}}{~hash}{-rN} as apk-tools 3 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version.h"
#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * The version is read as a sequence of tokens, each allowed only after
 * certain others (the order of enum tok): the first number, ".number"s, one
 * letter, "_suffix" with an optional number (repeatable), "~hash" (lowercase
 * hex), "-rN". Two versions compare token by token while their token types
 * agree; numbers by value, except that after a '.' a number with a leading
 * zero compares as a string ("1.01" < "1.1"), letters by byte, suffixes by
 * rank (alpha < beta < pre < rc < none < cvs < svn < git < hg < p), hashes
 * as strings. Where the types first differ, a pre-release suffix is older,
 * otherwise the version whose next token comes later in the grammar (the end
 * being the last) is older: "1.0" < "1.0.1", "1.0_rc1" < "1.0" < "1.0-r1".
 * An invalid tail is a token after the end and sorts first, as apk does.
 * Numbers compare at any length; apk's uint64 wraps past 20 digits.
 */
enum tok {
	T_INITIAL_DIGIT,
	T_DIGIT,
	T_LETTER,
	T_SUFFIX,
	T_SUFFIX_NO,
	T_HASH,
	T_REVISION_NO,
	T_END,
	T_INVALID,
};

enum suffix {
	S_INVALID = -1,
	S_ALPHA,
	S_BETA,
	S_PRE,
	S_RC,
	S_NONE,
	S_CVS,
	S_SVN,
	S_GIT,
	S_HG,
	S_P,
};

static const char *const suffix_names[] = {
	[S_ALPHA] = "alpha", [S_BETA] = "beta", [S_PRE] = "pre", [S_RC] = "rc", [S_CVS] = "cvs",
	[S_SVN] = "svn",     [S_GIT] = "git",   [S_HG] = "hg",   [S_P] = "p",
};

struct tok_state {
	enum tok type;
	int suffix;
	const char *val; /* the token's text: digits, letter, suffix name or hash */
	size_t len;
	const char *why; /* for T_INVALID: what went wrong */
	int bad;         /* the byte concerned, -1 if none */
};

struct cursor {
	const char *s;
	size_t n, i;
};

static int suffix_of(const char *s, size_t n)
{
	for (int k = S_ALPHA; k <= S_P; k++)
		if (suffix_names[k] && strlen(suffix_names[k]) == n &&
		    memcmp(suffix_names[k], s, n) == 0)
			return k;
	return S_INVALID;
}

static void invalid(struct tok_state *t, const char *why, int bad)
{
	t->type = T_INVALID;
	t->why = why;
	t->bad = bad;
}

static void digits(struct tok_state *t, struct cursor *c, enum tok type, const char *why)
{
	size_t st = c->i;

	while (c->i < c->n && vdb_isdigit(c->s[c->i]))
		c->i++;
	t->val = c->s + st;
	t->len = c->i - st;
	t->type = type;
	if (t->len == 0)
		invalid(t, why, (int)vdb_at(c->s, c->n, c->i));
}

static void tok_first(struct tok_state *t, struct cursor *c)
{
	t->bad = -1;
	digits(t, c, T_INITIAL_DIGIT, "does not start with a digit");
}

static bool is_hex(int ch)
{
	return vdb_isdigit(ch) || (ch >= 'a' && ch <= 'f');
}

static void tok_next(struct tok_state *t, struct cursor *c)
{
	int ch;

	if (c->i >= c->n) {
		t->type = T_END;
		return;
	}
	ch = (unsigned char)c->s[c->i];
	if (ch >= 'a' && ch <= 'z') {
		if (t->type > T_DIGIT)
			return invalid(t, "a letter may only follow a number", ch);
		t->val = c->s + c->i++;
		t->len = 1;
		t->type = T_LETTER;
	} else if (ch == '.' || vdb_isdigit(ch)) {
		if (ch == '.' && t->type > T_DIGIT)
			return invalid(t, "'.' may only follow a number", -1);
		if (ch == '.')
			c->i++;
		if (t->type == T_INITIAL_DIGIT || t->type == T_DIGIT)
			digits(t, c, T_DIGIT, "no digit after '.'");
		else if (t->type == T_SUFFIX)
			digits(t, c, T_SUFFIX_NO, "no digit after the suffix");
		else
			invalid(t, "misplaced digit", ch);
	} else if (ch == '_') {
		size_t st;

		if (t->type > T_SUFFIX_NO)
			return invalid(t, "a suffix may not follow a hash or revision", -1);
		st = ++c->i;
		while (c->i < c->n && c->s[c->i] >= 'a' && c->s[c->i] <= 'z')
			c->i++;
		t->val = c->s + st;
		t->len = c->i - st;
		t->suffix = suffix_of(t->val, t->len);
		if (t->suffix == S_INVALID)
			return invalid(t, "unknown suffix", -1);
		t->type = T_SUFFIX;
	} else if (ch == '~') {
		size_t st;

		if (t->type >= T_HASH)
			return invalid(t, "'~' may not follow a hash or revision", -1);
		st = ++c->i;
		while (c->i < c->n && is_hex((unsigned char)c->s[c->i]))
			c->i++;
		t->val = c->s + st;
		t->len = c->i - st;
		if (t->len == 0)
			return invalid(t, "no lowercase hex digit after '~'", -1);
		t->type = T_HASH;
	} else if (ch == '-') {
		if (t->type >= T_REVISION_NO)
			return invalid(t, "a second revision", -1);
		if (vdb_at(c->s, c->n, c->i + 1) != 'r')
			return invalid(t, "'-' not followed by 'r'", -1);
		c->i += 2;
		digits(t, c, T_REVISION_NO, "no digit after '-r'");
	} else {
		invalid(t, "unexpected character", ch);
	}
}

static int sign(int r)
{
	return r < 0 ? -1 : r > 0;
}

static int tok_cmp(const struct tok_state *a, const struct tok_state *b)
{
	switch (a->type) {
	case T_DIGIT:
		if (a->val[0] == '0' || b->val[0] == '0')
			return vdb_cmp_bytes(a->val, a->len, b->val, b->len);
		return vdb_cmp_digits(a->val, a->len, b->val, b->len);
	case T_INITIAL_DIGIT:
	case T_SUFFIX_NO:
	case T_REVISION_NO:
		return vdb_cmp_digits(a->val, a->len, b->val, b->len);
	case T_LETTER:
		return sign((unsigned char)a->val[0] - (unsigned char)b->val[0]);
	case T_SUFFIX:
		return sign(a->suffix - b->suffix);
	default:
		return vdb_cmp_bytes(a->val, a->len, b->val, b->len);
	}
}

/* apk_version_compare_fuzzy: token by token while the types agree, then by the types. */
static int apk_order(const char *a, size_t alen, const char *b, size_t blen, bool fuzzy)
{
	struct cursor ca = {a, alen, 0}, cb = {b, blen, 0};
	struct tok_state ta = {0}, tb = {0};

	for (tok_first(&ta, &ca), tok_first(&tb, &cb); ta.type == tb.type && ta.type < T_END;
	     tok_next(&ta, &ca), tok_next(&tb, &cb)) {
		int r = tok_cmp(&ta, &tb);

		if (r)
			return r;
	}
	if (ta.type == tb.type)
		return 0;
	if (tb.type == T_END && fuzzy)
		return 0;
	if (ta.type == T_SUFFIX && ta.suffix < S_NONE)
		return -1;
	if (tb.type == T_SUFFIX && tb.suffix < S_NONE)
		return 1;
	return ta.type > tb.type ? -1 : 1;
}

int vdb_apk_compare(const char *a, size_t alen, const char *b, size_t blen, bool fuzzy,
		    int *ret_cmp)
{
	if (!a || !b || !ret_cmp)
		return -EINVAL;
	if (alen > IA_MAX_VERSION || blen > IA_MAX_VERSION)
		return -IA_ETOOBIG;
	*ret_cmp = apk_order(a, alen, b, blen, fuzzy);
	return 0;
}

static int apk_check(const char *v, size_t n, char *why, size_t whylen)
{
	struct cursor c = {v, n, 0};
	struct tok_state t = {0};
	char b[16];

	for (tok_first(&t, &c); t.type < T_END; tok_next(&t, &c))
		;
	if (t.type == T_END)
		return 0;
	if (t.why && strcmp(t.why, "unknown suffix") == 0)
		vdb_why(why, whylen, "unknown suffix '_%.*s'", (int)(t.len > 20 ? 20 : t.len),
			t.val);
	else if (t.bad > 0)
		vdb_why(why, whylen, "%s (%s at offset %zu)", t.why, vdb_show_byte(t.bad, b), c.i);
	else
		vdb_why(why, whylen, "%s (at offset %zu)", t.why, c.i);
	return -1;
}

static int apk_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	return apk_order(a, an, b, bn, false);
}

const struct vdb_ver_ops vdb_ver_apk = {apk_check, apk_cmp};
