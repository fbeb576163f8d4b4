/* version_maven.c — Maven versions ordered as Maven 3.8's ComparableVersion orders them */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/version_internal.h"
#include "util/banned.h"

/*
 * ComparableVersion reads a version (lowercased) into a list of items:
 * numbers and qualifiers, split at '.', at '-' (which opens a sub-list) and
 * at every switch between digits and letters (which opens a sub-list too; a
 * qualifier of one letter followed by a digit is a, b, m for alpha, beta,
 * milestone; a qualifier after '.' moves into a sub-list of its own, as '-'
 * would). Trailing nulls (0, "", ga, final, release, empty sub-lists) are
 * dropped from each list. Lists compare item by item, a missing item counting
 * as null: numbers by value (in Java's classes: up to 9 digits, up to 18, more;
 * a larger class is larger), a number above a sub-list above a qualifier;
 * qualifiers alpha < beta < milestone < rc = cr < snapshot < "" = ga = final =
 * release < sp < any other (those bytewise).
 *
 * A sub-list is always the last item of its list, so the tree is a chain: it
 * is kept flat (each item knows its depth) and walked without recursion.
 * Non-ASCII bytes are refused (Java lowercases and reads digits in Unicode).
 */
enum kind { K_NUM, K_STR, K_LIST };

struct item {
	unsigned char kind, cls, rank; /* cls: 0/1/2 int/long/BigInteger; rank: qualifier index */
	bool gone;                     /* removed by normalize */
	unsigned short depth;          /* the list it belongs to */
	unsigned short off, len;       /* digits, or the qualifier's text in the version */
};

/* Every byte adds at most three items ("1a" makes a number, a list, a qualifier...). */
#define MAX_ITEMS (3 * IA_MAX_VERSION + 4)

struct mver {
	const char *s;
	size_t n;
	struct item it[MAX_ITEMS];
	size_t count;
	unsigned depth; /* current list */
};

static const char *const qualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
#define RANK_RELEASE 5
#define RANK_OTHER 7

static bool is_q(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && vdb_cmp_bytes_nocase(s, n, w, n) == 0;
}

static void add(struct mver *m, enum kind k, size_t off, size_t len)
{
	struct item *it = &m->it[m->count++];

	memset(it, 0, sizeof(*it));
	it->kind = (unsigned char)k;
	it->depth = (unsigned short)m->depth;
	it->off = (unsigned short)off;
	it->len = (unsigned short)len;
	if (k == K_LIST)
		m->depth++;
}

static void add_num(struct mver *m, size_t off, size_t len)
{
	size_t z = 0, keep;

	while (z < len && m->s[off + z] == '0')
		z++;
	keep = z == len ? len : len - z; /* Java keeps an all-zero run whole */
	add(m, K_NUM, off + len - keep, keep);
	m->it[m->count - 1].cls = keep <= 9 ? 0 : keep <= 18 ? 1 : 2;
}

static void add_str(struct mver *m, size_t off, size_t len, bool followed_by_digit)
{
	const char *s = m->s + off;
	struct item *it;
	unsigned rank = RANK_OTHER;

	add(m, K_STR, off, len);
	it = &m->it[m->count - 1];
	if (followed_by_digit && len == 1) {
		int c = vdb_lower((unsigned char)s[0]);

		rank = c == 'a' ? 0 : c == 'b' ? 1 : c == 'm' ? 2 : RANK_OTHER;
	}
	if (rank == RANK_OTHER) {
		if (is_q(s, len, "ga") || is_q(s, len, "final") || is_q(s, len, "release"))
			rank = RANK_RELEASE;
		else if (is_q(s, len, "cr"))
			rank = 3;
		for (unsigned q = 0; rank == RANK_OTHER && q < 7; q++)
			if (q != RANK_RELEASE && is_q(s, len, qualifiers[q]))
				rank = q;
	}
	it->rank = (unsigned char)rank;
}

/* Is the current list empty? A list is opened by the K_LIST item just added. */
static bool list_empty(const struct mver *m)
{
	return m->count == 0 || m->it[m->count - 1].kind == K_LIST;
}

static void add_item(struct mver *m, bool digit, size_t st, size_t i)
{
	if (digit)
		add_num(m, st, i - st);
	else
		add_str(m, st, i - st, false);
}

/* ComparableVersion.parseVersion, item for item. */
static void parse(struct mver *m, const char *s, size_t n)
{
	bool digit = false;
	size_t st = 0;

	m->s = s;
	m->n = n;
	m->count = 0;
	m->depth = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '.' || c == '-') {
			if (i == st)
				add(m, K_NUM, i, 0); /* an empty item is 0 */
			else
				add_item(m, digit, st, i);
			st = i + 1;
			if (c == '-')
				add(m, K_LIST, i, 0);
		} else if (vdb_isdigit(c)) {
			if (!digit && i > st) {
				if (!list_empty(m))
					add(m, K_LIST, i, 0);
				add_str(m, st, i - st, true);
				st = i;
				add(m, K_LIST, i, 0);
			}
			digit = true;
		} else {
			if (digit && i > st) {
				add_num(m, st, i - st);
				st = i;
				add(m, K_LIST, i, 0);
			}
			digit = false;
		}
	}
	if (n > st) {
		if (!digit && !list_empty(m))
			add(m, K_LIST, n, 0);
		add_item(m, digit, st, n);
	}
}

static bool num_zero(const struct mver *m, const struct item *it)
{
	for (size_t k = 0; k < it->len; k++)
		if (m->s[it->off + k] != '0')
			return false;
	return true;
}

/* ListItem.normalize for every list, innermost first: trailing nulls go; a non-empty sub-list
 * at the end is stepped over, a non-null number or qualifier stops. */
static void normalize(struct mver *m)
{
	for (size_t d = m->depth + 1; d-- > 0;) {
		for (size_t k = m->count; k-- > 0;) {
			struct item *it = &m->it[k];
			bool null;

			if (it->depth > d || it->gone)
				continue;
			if (it->depth < d)
				break;
			if (it->kind == K_LIST) {
				null = true; /* empty unless an item of depth d+1 survived */
				for (size_t q = k + 1; q < m->count && null; q++)
					if (!m->it[q].gone && m->it[q].depth == d + 1)
						null = false;
			} else if (it->kind == K_NUM) {
				null = num_zero(m, it);
			} else {
				null = it->rank == RANK_RELEASE;
			}
			if (null)
				it->gone = true;
			else if (it->kind != K_LIST)
				break;
		}
	}
}

/* The next item of list d from position *k on (a sub-list's items are skipped), or NULL. */
static const struct item *next_in(const struct mver *m, size_t *k, unsigned d)
{
	while (*k < m->count) {
		const struct item *it = &m->it[(*k)++];

		if (it->gone || it->depth > d)
			continue;
		if (it->depth < d)
			break;
		return it;
	}
	return NULL;
}

static int sgn(int r)
{
	return r < 0 ? -1 : r > 0;
}

/* Item.compareTo(null) of a scalar: a number is newer unless 0, a qualifier by rank. */
static int scalar_vs_null(const struct mver *m, const struct item *it)
{
	if (it->kind == K_NUM)
		return num_zero(m, it) ? 0 : 1;
	return it->rank == RANK_RELEASE ? 0 : (it->rank < RANK_RELEASE ? -1 : 1);
}

/* ListItem.compareTo(null) of the sub-list opened at position k: its items in order, nested
 * sub-lists included, the first that is not null decides. */
static int list_vs_null(const struct mver *m, size_t k)
{
	for (size_t q = k + 1; q < m->count; q++) {
		const struct item *it = &m->it[q];
		int r;

		if (it->gone || it->kind == K_LIST)
			continue;
		r = scalar_vs_null(m, it);
		if (r)
			return r;
	}
	return 0;
}

static int item_vs_null(const struct mver *m, const struct item *it)
{
	return it->kind == K_LIST ? list_vs_null(m, (size_t)(it - m->it)) : scalar_vs_null(m, it);
}

static int scalar_cmp(const struct mver *ma, const struct item *a, const struct mver *mb,
		      const struct item *b)
{
	if (a->kind == K_NUM && b->kind == K_NUM) {
		if (a->cls != b->cls)
			return a->cls < b->cls ? -1 : 1;
		return vdb_cmp_digits(ma->s + a->off, a->len, mb->s + b->off, b->len);
	}
	if (a->kind == K_STR && b->kind == K_STR) {
		if (a->rank != b->rank)
			return a->rank < b->rank ? -1 : 1;
		if (a->rank != RANK_OTHER)
			return 0;
		return vdb_cmp_bytes_nocase(ma->s + a->off, a->len, mb->s + b->off, b->len);
	}
	/* number > list > qualifier */
	static const int weight[] = {[K_NUM] = 2, [K_LIST] = 1, [K_STR] = 0};
	return weight[a->kind] < weight[b->kind] ? -1 : 1;
}

static int compare(const struct mver *ma, const struct mver *mb)
{
	size_t ka = 0, kb = 0;
	unsigned da = 0, db = 0;

	for (;;) {
		const struct item *a = next_in(ma, &ka, da), *b = next_in(mb, &kb, db);
		int r;

		if (!a && !b)
			return 0;
		if (!a)
			r = -item_vs_null(mb, b);
		else if (!b)
			r = item_vs_null(ma, a);
		else if (a->kind == K_LIST && b->kind == K_LIST) {
			da++; /* both sub-lists are last: comparing them decides */
			db++;
			continue;
		} else
			r = scalar_cmp(ma, a, mb, b);
		if (r)
			return sgn(r);
	}
}

static int maven_check(const char *v, size_t n, char *why, size_t whylen)
{
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)v[i] >= 0x80) {
			vdb_why(why, whylen, "non-ASCII byte 0x%02x at offset %zu",
				(unsigned char)v[i], i);
			return -1;
		}
	}
	return 0;
}

static int maven_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	/* two flat item lists of ~6 KB each: on the stack, no allocation */
	struct mver x, y;

	parse(&x, a, an);
	parse(&y, b, bn);
	normalize(&x);
	normalize(&y);
	return compare(&x, &y);
}

const struct vdb_ver_ops vdb_ver_maven = {maven_check, maven_cmp};
