/* test_util.c — unit tests of util/: bounded buffer, line cursor, reader, escaping, numbers, map */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/datafile.h"
#include "util/err.h"
#include "util/escape.h"
#include "util/hmap.h"
#include "util/limits.h"
#include "util/lines.h"
#include "util/pairs.h"
#include "util/pool.h"
#include "util/problem.h"
#include "util/rd.h"
#include "util/str.h"

static void test_buf_limit(void **state)
{
	struct ia_buf b = IA_BUF_INIT(8);

	assert_int_equal(ia_buf_adds(&b, "12345678"), 0);
	assert_int_equal(ia_buf_addc(&b, 'x'), -IA_ETOOBIG);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(b.len, 8);
	ia_buf_reset(&b);
	assert_int_equal(ia_buf_addf(&b, "%d-%s", 42, "ab"), 0);
	assert_string_equal(b.data, "42-ab");
	assert_int_equal(ia_buf_addf(&b, "%s", "toolong"), -IA_ETOOBIG);
	assert_string_equal(b.data, "42-ab");
	ia_buf_release(&b);
}

/* Calendar days: exactly YYYY-MM-DD, a day that exists, from 1970-01-02 */
static void test_parse_day(void **state)
{
	(void)state;
	assert_int_equal(ia_parse_day("2026-12-02"), 1796169600);
	assert_int_equal(ia_parse_day("2024-02-29"), 1709164800);
	assert_int_equal(ia_parse_day("2026-02-29"), -1);
	assert_int_equal(ia_parse_day("2026-13-01"), -1);
	assert_int_equal(ia_parse_day("1970-01-01"), -1);
	assert_int_equal(ia_parse_day("2026-1-02"), -1);
	assert_int_equal(ia_parse_day("2026-12-02T00:00:00Z"), -1);
	assert_int_equal(ia_parse_day(""), -1);
}

/* A buffer without a limit (max SIZE_MAX) grows like any other: max + 1 does not wrap to 0 */
static void test_buf_unbounded(void **state)
{
	struct ia_buf b = IA_BUF_INIT(SIZE_MAX);
	int r;

	(void)state;
	for (int i = 0; i < 100; i++)
		assert_int_equal(ia_buf_adds(&b, "0123456789"), 0);
	assert_int_equal(b.len, 1000);
	assert_int_equal(b.data[999], '9');
	assert_int_equal(b.data[1000], '\0');
	assert_null(ia_buf_reserve(&b, SIZE_MAX - b.len, &r));
	assert_int_equal(r, -IA_ETOOBIG);
	ia_buf_release(&b);
}

static void test_lines(void **state)
{
	const char text[] = "a\r\nbb\n\nlast";
	struct ia_lines c;
	const char *l;
	size_t n;

	ia_lines_init(&c, text, sizeof(text) - 1);
	assert_int_equal(ia_lines_next(&c, &l, &n), 1);
	assert_true(ia_eq(l, n, "a"));
	assert_int_equal(ia_lines_next(&c, &l, &n), 1);
	assert_true(ia_eq(l, n, "bb"));
	assert_int_equal(c.lineno, 2);
	assert_int_equal(ia_lines_next(&c, &l, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(ia_lines_next(&c, &l, &n), 1);
	assert_true(ia_eq(l, n, "last"));
	assert_int_equal(c.lineno, 4);
	assert_int_equal(ia_lines_next(&c, &l, &n), 0);
}

static void test_lines_too_long(void **state)
{
	size_t big = IA_MAX_LINE + 10;
	char *text = malloc(big + 4);
	struct ia_lines c;
	const char *l;
	size_t n;

	memset(text, 'x', big);
	memcpy(text + big, "\nok", 3);
	ia_lines_init(&c, text, big + 3);
	assert_int_equal(ia_lines_next(&c, &l, &n), -IA_ETOOBIG);
	assert_int_equal(ia_lines_next(&c, &l, &n), 1);
	assert_true(ia_eq(l, n, "ok"));
	assert_int_equal(c.lineno, 2);
	free(text);
}

static void test_rd_bounds(void **state)
{
	const uint8_t data[] = {0, 0, 0, 5, 'a', 'b', 0, 0xff};
	struct ia_rd r;
	uint32_t v;
	uint64_t v64;
	const char *s;
	size_t n;

	ia_rd_init(&r, data, sizeof(data));
	assert_true(ia_rd_be32(&r, &v));
	assert_int_equal(v, 5);
	assert_true(ia_rd_cstr(&r, 16, &s, &n));
	assert_int_equal(n, 2);
	assert_false(ia_rd_be32(&r, &v)); /* one byte left */
	assert_int_equal(ia_rd_left(&r), 1);
	assert_false(ia_rd_be64(&r, &v64));
	assert_false(ia_rd_seek(&r, 9));
	/* unterminated string */
	ia_rd_init(&r, "abc", 3);
	assert_false(ia_rd_cstr(&r, 16, &s, &n));
	assert_int_equal(r.off, 0);
}

static void test_parse_numbers(void **state)
{
	uint64_t u;
	int64_t i;

	assert_int_equal(ia_parse_u64("123", 3, 1000, &u), 0);
	assert_int_equal(u, 123);
	assert_int_equal(ia_parse_u64("", 0, 1000, &u), -IA_ECORRUPT);
	assert_int_equal(ia_parse_u64("12a", 3, 1000, &u), -IA_ECORRUPT);
	assert_int_equal(ia_parse_u64(" 1", 2, 1000, &u), -IA_ECORRUPT);
	assert_int_equal(ia_parse_u64("1001", 4, 1000, &u), -IA_ETOOBIG);
	assert_int_equal(ia_parse_u64("99999999999999999999999", 23, UINT64_MAX, &u), -IA_ETOOBIG);
	assert_int_equal(ia_parse_octal("0755", 4, 07777, &u), 0);
	assert_int_equal(u, 0755);
	assert_int_equal(ia_parse_octal("8", 1, 07777, &u), -IA_ECORRUPT);
	assert_int_equal(ia_parse_i64("-1", 2, -1, 10, &i), 0);
	assert_int_equal(i, -1);
	assert_int_equal(ia_parse_i64("-2", 2, -1, 10, &i), -IA_ETOOBIG);
}

static void test_escape(void **state)
{
	struct ia_buf b = IA_BUF_INIT(1024);
	const char evil[] = "a\"b\\c\x1b[31m\xff\xc3\xa9\n";

	assert_int_equal(ia_escape_json(&b, evil, sizeof(evil) - 1), 0);
	assert_string_equal(b.data, "a\\\"b\\\\c\\u001b[31m\\u00ff\xc3\xa9\\n");
	ia_buf_reset(&b);
	assert_int_equal(ia_escape_term(&b, evil, sizeof(evil) - 1), 0);
	assert_string_equal(b.data, "a\"b\\\\c\\x1b[31m\\xff\xc3\xa9\\x0a");
	ia_buf_reset(&b);
	/* C1 control CSI (U+009B) is escaped for terminals */
	assert_int_equal(ia_escape_term(&b, "\xc2\x9b", 2), 0);
	assert_string_equal(b.data, "\\xc2\\x9b");
	ia_buf_release(&b);
}

/*
 * Regression (issue 14): U+202E (right-to-left override) and the other bidirectional and
 * invisible format characters reached the terminal as they were, so "evil\u202etxt.exe" showed
 * as "evilexe.txt". Valid UTF-8 around them (é, CJK, emoji) is kept.
 */
static void test_escape_format_chars(void **state)
{
	struct ia_buf b = IA_BUF_INIT(1024);
	/* U+202E, U+2066, U+200F, U+061C, U+200B, U+FEFF, U+E0041 (tag A), then é, 中, U+1F600 */
	const char s[] = "a\xe2\x80\xae"
			 "b\xe2\x81\xa6"
			 "c\xe2\x80\x8f\xd8\x9c\xe2\x80\x8b"
			 "\xef\xbb\xbf\xf3\xa0\x81\x81\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80";

	(void)state;
	assert_int_equal(ia_escape_term(&b, s, sizeof(s) - 1), 0);
	assert_string_equal(b.data, "a\\u{202e}b\\u{2066}c\\u{200f}\\u{61c}\\u{200b}\\u{feff}"
				    "\\u{e0041}\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
	ia_buf_reset(&b);
	assert_int_equal(ia_escape_json(&b, s, sizeof(s) - 1), 0);
	assert_string_equal(b.data, "a\\u202eb\\u2066c\\u200f\\u061c\\u200b\\ufeff"
				    "\\udb40\\udc41\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
	/* every bidirectional control of the issue */
	for (unsigned cp = 0x202a; cp <= 0x202e; cp++)
		assert_true(ia_is_hiding_format_char(cp));
	for (unsigned cp = 0x2066; cp <= 0x2069; cp++)
		assert_true(ia_is_hiding_format_char(cp));
	assert_false(ia_is_hiding_format_char(0x2065)); /* unassigned, not Cf */
	assert_false(ia_is_hiding_format_char('a'));
	assert_false(ia_is_hiding_format_char(0x00e9));
	ia_buf_release(&b);
}

static void test_hmap(void **state)
{
	struct ia_hmap m = {0};
	struct ia_pool p = {0};
	char key[32];
	uint32_t v;

	for (uint32_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "/k/%u", i);
		ia_hmap_put(&m, ia_pool_strdup(&p, key), i);
	}
	assert_int_equal(m.len, 5000);
	for (uint32_t i = 0; i < 5000; i += 2) {
		snprintf(key, sizeof(key), "/k/%u", i);
		assert_true(ia_hmap_del(&m, key, strlen(key)));
	}
	for (uint32_t i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "/k/%u", i);
		bool found = ia_hmap_get(&m, key, strlen(key), &v);
		assert_int_equal(found, i % 2 == 1);
		if (found)
			assert_int_equal(v, i);
	}
	assert_false(ia_hmap_get(&m, "/k/1", 3, &v)); /* prefix "/k/" is no key */
	ia_hmap_release(&m);
	ia_pool_release(&p);
}

/*
 * Regression (review): key_eq compared with strncmp, which stops at a NUL, then read k[n]:
 * a probe "ab\0cdefgh" (n = 9) whose hash collides with stored "ab" was called equal after
 * reading 6 bytes past the key. The colliding slot is forged here (the struct is public) and
 * the key lives in an exact-size allocation so ASan sees any over-read.
 */
static void test_hmap_key_with_nul_is_not_a_shorter_key(void **state)
{
	static const char probe[] = "ab\0cdefgh";
	struct ia_hmap_slot slots[2] = {{0}};
	struct ia_hmap m = {slots, 2, 1};
	char *key = malloc(3);
	uint32_t h = ia_hash(probe, sizeof(probe) - 1), v = 0;

	(void)state;
	memcpy(key, "ab", 3);
	slots[h & 1] = (struct ia_hmap_slot){key, h, 7};
	assert_false(ia_hmap_get(&m, probe, sizeof(probe) - 1, &v));
	/* the key itself still matches by its own length */
	memset(slots, 0, sizeof(slots));
	h = ia_hash("ab", 2);
	slots[h & 1] = (struct ia_hmap_slot){key, h, 7};
	assert_true(ia_hmap_get(&m, "ab", 2, &v));
	assert_int_equal(v, 7);
	free(key);
}

/* IA_CORRUPT records the line of source that raised it; the problem and its prefix keep it */
static void test_corrupt_records_source(void **state)
{
	struct ia_err err = {0};
	struct ia_problems ps = {0};
	unsigned at;
	int r;

	(void)state;
	at = __LINE__ + 1;
	r = IA_CORRUPT(&err, "/var/lib/dpkg/status", 12, "bad field %s", "X");
	assert_int_equal(r, -IA_ECORRUPT);
	assert_int_equal(err.code, -IA_ECORRUPT);
	assert_string_equal(err.path, "/var/lib/dpkg/status");
	assert_int_equal(err.line, 12);
	assert_string_equal(err.msg, "bad field X");
	assert_string_equal(err.src.file, __FILE__);
	assert_int_equal(err.src.line, at);
	assert_int_equal(IA_CORRUPT(NULL, "", 0, "x"), -IA_ECORRUPT);

	ia_err_prefix(&err, "stanza %d", 3);
	assert_string_equal(err.msg, "stanza 3: bad field X");
	assert_int_equal(err.src.line, at);
	ia_problem_add_err(&ps, "packages (dpkg)", &err);
	assert_int_equal(ps.len, 1);
	assert_int_equal(ps.v[0].line, 12);
	assert_int_equal(ps.v[0].src.line, at);
	assert_string_equal(ps.v[0].msg, "stanza 3: bad field X");
	/* a problem added directly records its own line */
	at = __LINE__ + 1;
	ia_problem_add(&ps, "index", "/x", 0, -IA_ETOOBIG, "too big");
	assert_int_equal(ps.v[1].src.line, at);
	ia_problems_release(&ps);

	/* a message-less error takes the code's text */
	memset(&err, 0, sizeof(err));
	ia_err_set(&err, -IA_ETOOBIG, "/y", 0, "%s", "");
	ia_err_prefix(&err, "cannot read");
	assert_string_equal(err.msg, "cannot read: limit exceeded");
}

/* the source file is named from the project root, wherever the build ran */
static void test_src_file(void **state)
{
	(void)state;
	assert_string_equal(ia_src_file((struct ia_src){"../src/facts/dpkg.c", 1}),
			    "src/facts/dpkg.c");
	assert_string_equal(ia_src_file((struct ia_src){"/home/u/src/imgaudit/src/rpm/bdb.c", 1}),
			    "src/rpm/bdb.c");
	assert_string_equal(ia_src_file((struct ia_src){"src/util/err.c", 1}), "src/util/err.c");
	assert_string_equal(ia_src_file((struct ia_src){"mysrc/x.c", 1}), "mysrc/x.c");
	assert_string_equal(ia_src_file((struct ia_src){NULL, 0}), "");
}

/* The iterator visits every entry once, deleted ones never. */
static void test_hmap_next(void **state)
{
	struct ia_hmap m = {0};
	struct ia_pool p = {0};
	bool seen[300] = {false};
	char key[32];
	const char *k;
	uint32_t v;
	size_t n = 0;

	(void)state;
	for (size_t pos = 0; ia_hmap_next(&m, &pos, &k, &v);)
		fail_msg("an empty map has entries");
	for (uint32_t i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%u", i);
		ia_hmap_put(&m, ia_pool_strdup(&p, key), i);
	}
	assert_true(ia_hmap_del(&m, "k7", 2));
	for (size_t pos = 0; ia_hmap_next(&m, &pos, &k, &v);) {
		assert_true(v < 300);
		assert_false(seen[v]);
		seen[v] = true;
		snprintf(key, sizeof(key), "k%u", v);
		assert_string_equal(k, key);
		n++;
	}
	assert_int_equal(n, 299);
	assert_false(seen[7]);
	ia_hmap_release(&m);
	ia_pool_release(&p);
}

static void test_hex(void **state)
{
	static const unsigned char b[] = {0x00, 0x9f, 0xa0, 0xff};
	char out[9];

	(void)state;
	ia_hex_encode(b, sizeof(b), out);
	assert_string_equal(out, "009fa0ff");
	assert_true(ia_is_hex("009fa0ff", 8, true));
	assert_true(ia_is_hex("009FA0FF", 8, false));
	assert_false(ia_is_hex("009FA0FF", 8, true));
	assert_false(ia_is_hex("00g0", 4, false));
	assert_false(ia_is_hex("", 0, false));
	assert_false(ia_is_hex("0a\0b", 4, false)); /* a NUL is no digit */
}

/* The one loader of data files: inside the data directory only, bounded, whole. */
static void test_data_read(void **state)
{
	char *dir = t_mkdtemp();
	struct ia_buf b = IA_BUF_INIT(64);
	struct ia_err err = {0};
	char path[4096];

	(void)state;
	t_write(dir, "lists/words.txt", "alpha\nbeta\n", 0644);
	t_write(dir, "big.txt", "0123456789abcdef", 0644);
	t_write(dir, "empty.txt", "", 0644);
	t_mkdir(dir, "adir", 0755);
	setenv("IMGAUDIT_DATADIR", dir, 1);
	assert_int_equal(ia_data_read("lists/words.txt", 64, &b, &err), 0);
	assert_int_equal(b.len, 11);
	assert_string_equal(b.data, "alpha\nbeta\n");
	/* exactly at the bound is whole; one byte past it is refused */
	assert_int_equal(ia_data_read("big.txt", 16, &b, &err), 0);
	assert_int_equal(b.len, 16);
	assert_int_equal(ia_data_read("big.txt", 15, &b, &err), -IA_ETOOBIG);
	assert_string_equal(err.path, "big.txt");
	/* an empty file is an empty string, not NULL */
	assert_int_equal(ia_data_read("empty.txt", 16, &b, &err), 0);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(ia_data_read("missing.txt", 16, &b, &err), -ENOENT);
	assert_int_equal(ia_data_read("adir", 16, &b, &err), -EINVAL);
	/* never outside the data directory */
	assert_int_equal(ia_data_read("../etc/passwd", 4096, &b, &err), -EINVAL);
	assert_int_equal(ia_data_read("lists/../../x", 4096, &b, &err), -EINVAL);
	assert_int_equal(ia_data_read("/etc/passwd", 4096, &b, &err), -EINVAL);
	assert_int_equal(ia_data_read("", 4096, &b, &err), -EINVAL);
	/* a host file the user names: same bounds */
	snprintf(path, sizeof(path), "%s/big.txt", dir);
	assert_int_equal(ia_host_file_read(path, "big.txt", 15, &b, &err), -IA_ETOOBIG);
	assert_int_equal(ia_host_file_read(path, "big.txt", 16, &b, &err), 0);
	assert_int_equal(b.len, 16);
	unsetenv("IMGAUDIT_DATADIR");
	ia_buf_release(&b);
	t_rmtree(dir);
	free(dir);
}

/* Regression (review): ia_err.path held 511 bytes and cut longer paths without a sign. A
 * path up to IA_MAX_PATH is kept whole; a longer one (a host path) ends in "...". */
static void test_err_path_whole_or_marked(void **state)
{
	static char path[IA_MAX_PATH + 100];
	struct ia_err err = {0};

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[IA_MAX_PATH] = '\0';
	assert_int_equal(ia_err_set(&err, -EIO, path, 0, "x"), -EIO);
	assert_string_equal(err.path, path);
	path[IA_MAX_PATH] = 'a';
	path[sizeof(path) - 1] = '\0';
	ia_err_set(&err, -EIO, path, 0, "x");
	assert_int_equal(strlen(err.path), IA_MAX_PATH);
	assert_string_equal(err.path + IA_MAX_PATH - 3, "...");
	assert_memory_equal(err.path, path, IA_MAX_PATH - 3);
}

/* What ia_pairs_scan saw: the positions it gave, and where the callback says to go on. */
struct pairs_seen {
	size_t pos[64], n;
	size_t skip;      /* go on this many bytes past each position (0: the next byte) */
	size_t stop_at_n; /* stop after this many (0: never) */
};

static size_t pairs_cb(void *arg, size_t pos)
{
	struct pairs_seen *s = arg;

	if (s->n < 64)
		s->pos[s->n] = pos;
	s->n++;
	if (s->stop_at_n && s->n == s->stop_at_n)
		return SIZE_MAX;
	return pos + 1 + s->skip;
}

/* Every start at every offset of a 16-byte block and of the tail is found once, in order, with
 * both of its bytes inside the buffer; a callback skips past a match or stops the search. */
static void test_pairs(void **state)
{
	static const char *const starts[] = {"AK", "--", "x", ":/"};
	struct ia_pairs p;
	unsigned char buf[80];

	(void)state;
	ia_pairs_init(&p, starts, 4);
	assert_int_equal(p.n, 3); /* "x" is not two bytes long */
	for (size_t len = 2; len <= 70; len++)
		for (size_t at = 0; at + 2 <= len; at++) {
			struct pairs_seen s = {.n = 0};

			memset(buf, 'a', sizeof(buf));
			memcpy(buf + at, ":/", 2);
			ia_pairs_scan(&p, buf, len, pairs_cb, &s);
			assert_int_equal(s.n, 1);
			assert_int_equal(s.pos[0], at);
			/* its second byte past the end: not a start */
			s.n = 0;
			ia_pairs_scan(&p, buf, at + 1, pairs_cb, &s);
			assert_int_equal(s.n, 0);
		}
	{ /* "-----" holds four starts; skipping two bytes past each leaves the first and last */
		struct pairs_seen all = {.n = 0}, skip = {.skip = 2}, stop = {.stop_at_n = 2};

		memset(buf, ' ', sizeof(buf));
		memcpy(buf + 14, "-----", 5); /* across the first block's end */
		memcpy(buf + 40, "AKAK", 4);
		ia_pairs_scan(&p, buf, sizeof(buf), pairs_cb, &all);
		assert_int_equal(all.n, 6);
		assert_int_equal(all.pos[0], 14);
		assert_int_equal(all.pos[3], 17);
		assert_int_equal(all.pos[4], 40);
		assert_int_equal(all.pos[5], 42);
		ia_pairs_scan(&p, buf, sizeof(buf), pairs_cb, &skip);
		assert_int_equal(skip.n, 3);
		assert_int_equal(skip.pos[0], 14);
		assert_int_equal(skip.pos[1], 17);
		assert_int_equal(skip.pos[2], 40);
		ia_pairs_scan(&p, buf, sizeof(buf), pairs_cb, &stop);
		assert_int_equal(stop.n, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_buf_unbounded),
		cmocka_unit_test(test_parse_day),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_lines_too_long),
		cmocka_unit_test(test_rd_bounds),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_format_chars),
		cmocka_unit_test(test_hmap),
		cmocka_unit_test(test_hmap_key_with_nul_is_not_a_shorter_key),
		cmocka_unit_test(test_corrupt_records_source),
		cmocka_unit_test(test_src_file),
		cmocka_unit_test(test_hmap_next),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_data_read),
		cmocka_unit_test(test_err_path_whole_or_marked),
		cmocka_unit_test(test_pairs),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
