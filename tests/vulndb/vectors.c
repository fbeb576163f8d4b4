/* vectors.c — reads the version-comparison vector files of tests/data/version-compare */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "vectors.h"

static int sgn(int x)
{
	return x < 0 ? -1 : x > 0;
}

void t_expect_cmp(enum vdb_eco eco, const char *a, const char *b, int want, const char *where)
{
	struct ia_err err = {0};
	int c = 99, r;

	r = vdb_vercmp(eco, a, b, &c, &err);
	if (r != 0)
		fail_msg("%s: %s '%s' vs '%s': error %d: %s", where, vdb_eco_name(eco), a, b, r,
			 err.msg);
	if (c != want)
		fail_msg("%s: %s '%s' vs '%s' gave %d, want %d", where, vdb_eco_name(eco), a, b, c,
			 want);
	r = vdb_vercmp(eco, b, a, &c, &err);
	if (r != 0 || c != -want)
		fail_msg("%s: %s '%s' vs '%s' (reversed) gave %d (rc %d), want %d", where,
			 vdb_eco_name(eco), b, a, c, r, -want);
	for (int k = 0; k < 2; k++) {
		const char *v = k ? b : a;

		if (vdb_vercmp(eco, v, v, &c, &err) != 0 || c != 0)
			fail_msg("%s: %s '%s' is not equal to itself", where, vdb_eco_name(eco), v);
	}
}

static void expect_valid(enum vdb_eco eco, const char *v, bool valid, const char *where)
{
	struct ia_err err = {0};
	int r = vdb_version_check(eco, v, strlen(v), &err);

	if (valid && r != 0)
		fail_msg("%s: %s '%s' refused: %s", where, vdb_eco_name(eco), v, err.msg);
	if (!valid && r != -IA_ECORRUPT)
		fail_msg("%s: %s '%s' accepted (rc %d), must be refused", where, vdb_eco_name(eco),
			 v, r);
	if (!valid && !strstr(err.msg, "is not valid") && !strstr(err.msg, "is empty"))
		fail_msg("%s: refusal of '%s' does not say why: '%s'", where, v, err.msg);
}

/* apk-tools' constraint check: op is a mix of '<', '>', '=', '~'; '!' in front negates. */
static void expect_apk(const char *a, const char *op, const char *b, const char *where,
		       struct t_vec_count *count)
{
	bool neg = op[0] == '!', fuzzy = false, ok;
	unsigned mask = 0, res;
	int c;

	for (const char *p = op + neg; *p; p++) {
		switch (*p) {
		case '<':
			mask |= 1;
			break;
		case '=':
			mask |= 2;
			break;
		case '>':
			mask |= 4;
			break;
		case '~':
			mask |= 2;
			fuzzy = true;
			break;
		default:
			fail_msg("%s: unknown operator '%s'", where, op);
		}
	}
	assert_int_equal(vdb_apk_compare(a, strlen(a), b, strlen(b), fuzzy, &c), 0);
	res = c < 0 ? 1 : c == 0 ? 2 : 4;
	ok = (res & mask) != 0;
	if (ok == neg)
		fail_msg("%s: apk '%s %s %s' does not hold (compare gave %d)", where, a, op, b, c);
	if (fuzzy) {
		count->fuzzy++;
		return;
	}
	/* the strict entry point agrees where both are valid, and refuses the others */
	{
		struct ia_err err = {0};
		bool va = vdb_version_check(VDB_ECO_APK, a, strlen(a), NULL) == 0;
		bool vb = vdb_version_check(VDB_ECO_APK, b, strlen(b), NULL) == 0;
		int r = vdb_vercmp(VDB_ECO_APK, a, b, &c, &err);

		if (va && vb && (r != 0 || sgn(c) != (res == 1 ? -1 : res == 2 ? 0 : 1)) && !neg)
			fail_msg("%s: vdb_vercmp disagrees with apk on '%s %s %s'", where, a, op,
				 b);
		if (!(va && vb) && r != -IA_ECORRUPT)
			fail_msg("%s: '%s' or '%s' is invalid but was compared", where, a, b);
	}
	count->cmp++;
}

static int op_sign(const char *op)
{
	if (!strcmp(op, "<"))
		return -1;
	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return 0;
	if (!strcmp(op, ">"))
		return 1;
	return 2;
}

void t_run_vectors(enum vdb_eco eco, const char *name, struct t_vec_count *count)
{
	char *path = t_data(name), *text = t_slurp(path, NULL), *save = NULL;
	unsigned lineno = 0;
	bool tsv = strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".tsv"); /* a, b, op */

	memset(count, 0, sizeof(*count));
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tok[128], *hash, *s2 = NULL, where[300];
		size_t n = 0;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", name, lineno);
		if ((hash = strchr(line, '#')))
			*hash = '\0';
		for (char *t = strtok_r(line, " \t", &s2); t; t = strtok_r(NULL, " \t", &s2)) {
			if (n == 128)
				fail_msg("%s: more than 128 versions on one line", where);
			tok[n++] = t;
		}
		if (n == 0)
			continue;
		if (tsv && n != 3)
			fail_msg("%s: cannot read this vector", where);
		if (!strcmp(tok[0], "order") || !strcmp(tok[0], "same")) {
			bool same = tok[0][0] == 's';

			for (size_t i = 1; i < n; i++)
				for (size_t j = i + 1; j < n; j++) {
					t_expect_cmp(eco, tok[i], tok[j], same ? 0 : -1, where);
					count->cmp++;
				}
		} else if (n == 1) {
			bool valid = tok[0][0] != '!';

			expect_valid(eco, tok[0] + !valid, valid, where);
			if (valid)
				count->valid++;
			else
				count->invalid++;
		} else if (n == 3 && tsv) {
			t_expect_cmp(eco, tok[0], tok[1], op_sign(tok[2]), where);
			count->cmp++;
		} else if (n == 3 && eco == VDB_ECO_APK) {
			expect_apk(tok[0], tok[1], tok[2], where, count);
		} else if (n == 3 && op_sign(tok[1]) != 2) {
			t_expect_cmp(eco, tok[0], tok[2], op_sign(tok[1]), where);
			count->cmp++;
		} else {
			fail_msg("%s: cannot read this vector", where);
		}
	}
	free(text);
	free(path);
}
