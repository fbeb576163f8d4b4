/* test_accounts.c — passwd, shadow, group and gshadow parsers: lookups and malformed lines */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "util/limits.h"

static unsigned problem_lines(const struct inv_facts *f, const char *path)
{
	unsigned lines = 0;

	for (size_t i = 0; i < f->problems.len; i++)
		if (strcmp(f->problems.v[i].path, path) == 0) {
			assert_string_equal(f->problems.v[i].area, "accounts");
			assert_true(f->problems.v[i].line < 32);
			lines |= 1u << f->problems.v[i].line;
		}
	return lines;
}

static const char passwd[] =
	"root:x:0:0:root:/root:/bin/bash\n"                 /* 1 */
	"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" /* 2 */
	"short:x:5:5\n"                                     /* 3: 4 fields */
	"nonnum:x:abc:5:g:/h:/bin/sh\n"                     /* 4 */
	"huge:x:4294967296:5:g:/h:/bin/sh\n"                /* 5: over 32 bits */
	"\n"                                                /* 6 */
	"+::::::\n"                                         /* 7: NIS, skipped */
	"toor:x:0:0::/root:/bin/sh\n"                       /* 8: second uid 0 */
	"too:many:1:1:a:b:c:d:e:f:g:h\n"                    /* 9 */
	"neg:x:-1:5:g:/h:/bin/sh\n"                         /* 10 */
	"web:*:33:33:www:/var/www:/usr/sbin/nologin";       /* 11: no final newline */

static const char shadow[] = "root:$6$salt$hash:19000:0:99999:7:::\n" /* 1 */
			     "daemon:*:19000:0:99999:7:::\n"          /* 2 */
			     "web::x:0:99999:7:::\n"                  /* 3: bad last change */
			     "toor:!:19000\n"                         /* 4: 3 fields */
			     "ghost:$1$x$y:1:0:99999:7:::\n";         /* 5: no passwd line */

static void test_passwd_and_shadow(void **state)
{
	struct inv_facts f;
	const struct inv_account *a;

	inv_facts_init(&f);
	assert_int_equal(inv_accounts_parse_passwd(&f, "/etc/passwd", passwd, sizeof(passwd) - 1),
			 -IA_ECORRUPT);
	assert_int_equal(problem_lines(&f, "/etc/passwd"),
			 (1u << 3) | (1u << 4) | (1u << 5) | (1u << 9) | (1u << 10));
	assert_int_equal(f.n_accounts, 4);
	a = inv_account_by_name(&f, "root");
	assert_non_null(a);
	assert_int_equal(a->uid, 0);
	assert_string_equal(a->shell, "/bin/bash");
	assert_int_equal(a->passwd_line, 1);
	assert_string_equal(a->passwd_path, "/etc/passwd");
	/* uid 0 twice: the first is what getpwuid finds */
	assert_ptr_equal(inv_account_by_uid(&f, 0), a);
	a = inv_account_by_name(&f, "web");
	assert_non_null(a);
	assert_int_equal(a->passwd_line, 11);
	assert_null(a->hash);
	assert_null(inv_account_by_uid(&f, 12345));
	assert_null(inv_account_by_name(&f, "huge"));

	assert_int_equal(inv_accounts_parse_shadow(&f, "/etc/shadow", shadow, sizeof(shadow) - 1),
			 -IA_ECORRUPT);
	assert_int_equal(problem_lines(&f, "/etc/shadow"), (1u << 3) | (1u << 4));
	a = inv_account_by_name(&f, "root");
	assert_string_equal(a->hash, "$6$salt$hash");
	assert_int_equal(a->last_change, 19000);
	assert_int_equal(a->max_days, 99999);
	assert_int_equal(a->expire, -1);
	assert_int_equal(a->shadow_line, 1);
	assert_string_equal(a->shadow_path, "/etc/shadow");
	/* a bad number does not hide the hash, which is what the checks need */
	a = inv_account_by_name(&f, "web");
	assert_string_equal(a->hash, "");
	assert_int_equal(a->last_change, -1);
	assert_null(inv_account_by_name(&f, "toor")->hash);
	assert_null(inv_account_by_name(&f, "ghost"));
	inv_facts_release(&f);
}

static void test_group_and_gshadow(void **state)
{
	const char group[] = "root:x:0:\n"
			     "sudo:x:27:alice,bob\n"
			     "bad:x:notanumber:\n" /* 3 */
			     "adm:x:4:syslog,,alice,\n"
			     "three:x:5\n"; /* 5 */
	const char gshadow[] = "root:*::\n"
			       "sudo:!::alice,bob\n"
			       "broken\n"; /* 3 */
	struct inv_facts f;
	const struct inv_group *g;

	inv_facts_init(&f);
	assert_int_equal(inv_accounts_parse_group(&f, "/etc/group", group, sizeof(group) - 1),
			 -IA_ECORRUPT);
	assert_int_equal(problem_lines(&f, "/etc/group"), (1u << 3) | (1u << 5));
	assert_int_equal(f.n_groups, 3);
	g = inv_group_by_gid(&f, 27);
	assert_non_null(g);
	assert_string_equal(g->name, "sudo");
	assert_int_equal(g->n_members, 2);
	assert_string_equal(g->members[0], "alice");
	assert_string_equal(g->members[1], "bob");
	assert_int_equal(g->line, 2);
	g = inv_group_by_gid(&f, 4);
	assert_int_equal(g->n_members, 2); /* empty members are no members */
	assert_int_equal(inv_group_by_gid(&f, 0)->n_members, 0);
	assert_int_equal(
		inv_accounts_parse_gshadow(&f, "/etc/gshadow", gshadow, sizeof(gshadow) - 1),
		-IA_ECORRUPT);
	assert_int_equal(problem_lines(&f, "/etc/gshadow"), 1u << 3);
	assert_string_equal(inv_group_by_gid(&f, 27)->gshadow, "!");
	assert_null(inv_group_by_gid(&f, 4)->gshadow);
	inv_facts_release(&f);
}

static void test_hostile_bytes(void **state)
{
	size_t big = IA_MAX_LINE + 10;
	char *text = malloc(big + 100);
	struct inv_facts f;
	size_t n;

	memset(text, 'a', big);
	n = big;
	n += (size_t)snprintf(text + n, 100,
			      "\nctl:x:1:1:\x1b[2J:/h:/bin/sh\nok:x:2:2::/h:/bin/sh\n");
	inv_facts_init(&f);
	assert_int_equal(inv_accounts_parse_passwd(&f, "/etc/passwd", text, n), -IA_ECORRUPT);
	assert_int_equal(problem_lines(&f, "/etc/passwd"), (1u << 1) | (1u << 2));
	assert_int_equal(f.n_accounts, 1);
	assert_non_null(inv_account_by_name(&f, "ok"));
	inv_facts_release(&f);
	free(text);
}

/* The accounts of a real Debian 12 root parse without a problem, and agree with getent. */
static void test_debian_root(void **state)
{
	char *root = NULL, *path, *data;
	size_t len, lines = 0;
	struct inv_facts f;

	root = t_debian_root("minbase");
	T_REQUIRE(root, "no debootstrapped root here (building one needs root)");
	if (asprintf(&path, "%s/etc/passwd", root) < 0)
		abort();
	data = t_slurp(path, &len);
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	inv_facts_init(&f);
	assert_int_equal(inv_accounts_parse_passwd(&f, "/etc/passwd", data, len), 0);
	assert_int_equal(f.n_accounts, lines);
	assert_int_equal(inv_account_by_name(&f, "root")->uid, 0);
	assert_string_equal(inv_account_by_uid(&f, 65534)->name, "nobody");
	inv_facts_release(&f);
	free(data);
	free(path);
	free(root);
}

/* Regression (review): members were counted by commas, so "g:x:1:,,,,..." cost 8 bytes of
 * pointers per comma; and nothing bounded members in all: 64 MB of "a,a,a" became 500 MB. */
static void test_group_members_bounded(void **state)
{
	struct ia_buf b = IA_BUF_INIT(8u << 20);
	struct inv_facts f;
	size_t total = 0;

	assert_int_equal(ia_buf_adds(&b, "commas:x:1:"), 0);
	for (int i = 0; i < 500000; i++)
		assert_int_equal(ia_buf_addc(&b, ','), 0);
	assert_int_equal(ia_buf_adds(&b, "\n"), 0);
	for (int g = 0; g < 3; g++) {
		assert_int_equal(ia_buf_addf(&b, "many%d:x:%d:", g, 10 + g), 0);
		for (int i = 0; i < 400000; i++)
			assert_int_equal(ia_buf_adds(&b, i ? ",a" : "a"), 0);
		assert_int_equal(ia_buf_adds(&b, "\n"), 0);
	}
	inv_facts_init(&f);
	inv_accounts_parse_group(&f, "/etc/group", b.data, b.len);
	assert_int_equal(f.n_groups, 4);
	assert_int_equal(f.groups[0].n_members, 0);
	assert_null(f.groups[0].members);
	assert_int_equal(f.groups[1].n_members, 400000);
	assert_string_equal(f.groups[1].members[399999], "a");
	for (size_t i = 0; i < f.n_groups; i++)
		total += f.groups[i].n_members;
	assert_int_equal(total, IA_MAX_GROUP_MEMBERS);
	assert_int_equal(f.problems.len, 1);
	assert_non_null(strstr(f.problems.v[0].msg, "IA_MAX_GROUP_MEMBERS"));
	assert_int_equal(f.problems.v[0].line, 4);
	inv_facts_release(&f);
	ia_buf_release(&b);
}

/* Past IA_MAX_ACCOUNTS accounts (and groups) the rest is not read, and that is said once. */
static void test_account_limit_said_once(void **state)
{
	struct ia_buf b = IA_BUF_INIT(64u * 1024 * 1024);
	struct inv_facts f;

	for (unsigned i = 0; i < IA_MAX_ACCOUNTS + 50; i++)
		assert_int_equal(ia_buf_addf(&b, "u%u:x:%u:%u::/home/u:/bin/sh\n", i, i, i), 0);
	inv_facts_init(&f);
	inv_accounts_parse_passwd(&f, "/etc/passwd", b.data, b.len);
	assert_int_equal(f.n_accounts, IA_MAX_ACCOUNTS);
	assert_int_equal(f.problems.len, 1);
	assert_int_equal(f.problems.v[0].code, -IA_ETOOBIG);
	assert_int_equal(f.problems.v[0].line, IA_MAX_ACCOUNTS + 1);
	inv_facts_release(&f);
	ia_buf_reset(&b);
	for (unsigned i = 0; i < IA_MAX_ACCOUNTS + 50; i++)
		assert_int_equal(ia_buf_addf(&b, "g%u:x:%u:\n", i, i), 0);
	inv_facts_init(&f);
	inv_accounts_parse_group(&f, "/etc/group", b.data, b.len);
	assert_int_equal(f.n_groups, IA_MAX_ACCOUNTS);
	assert_int_equal(f.problems.len, 1);
	inv_facts_release(&f);
	ia_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passwd_and_shadow),
		cmocka_unit_test(test_group_and_gshadow),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_group_members_bounded),
		cmocka_unit_test(test_account_limit_said_once),
		cmocka_unit_test(test_debian_root),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
