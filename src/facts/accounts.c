/* accounts.c — accounts and groups: /etc/passwd, /etc/shadow, /etc/group, /etc/gshadow */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

#define MAX_FIELDS 10

/* Splits a line at ':' into at most MAX_FIELDS fields; returns the count (MAX_FIELDS + 1 when
 * there are more). */
static size_t split_fields(const char *s, size_t n, struct inv_span *out)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (k >= MAX_FIELDS)
			return MAX_FIELDS + 1;
		out[k++] = (struct inv_span){s + start, i - start};
		start = i + 1;
	}
	return k;
}

static bool valid_name(struct inv_span s)
{
	if (!s.n || s.n > 256)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if (c <= ' ' || c == 0x7f || c == ',')
			return false;
	}
	return true;
}

/* The lines of a colon file: calls fn for each non-empty, non-comment text line. */
static int each_line(struct inv_facts *f, const char *path, const char *data, size_t len,
		     void (*fn)(struct inv_facts *f, struct inv_fp *fp, unsigned line,
				const struct inv_span *fl, size_t nf, void *ctx),
		     void *ctx)
{
	struct ia_lines c;
	struct inv_fp fp;
	struct inv_span fl[MAX_FIELDS];
	const char *line;
	size_t n, nf;
	int r;

	inv_fp_init(&fp, f, INV_AREA_ACCOUNTS, path);
	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next(&c, &line, &n)) != 0) {
		if (r < 0) {
			inv_fp_long_line(&fp, c.lineno, r);
			continue;
		}
		if (!n || line[0] == '#')
			continue;
		/* NIS compat entries ("+", "-name") name no local account */
		if (line[0] == '+' || line[0] == '-')
			continue;
		if (!ia_is_text(line, n)) {
			inv_fp_add(&fp, c.lineno, -IA_ECORRUPT, "control bytes in the line");
			continue;
		}
		nf = split_fields(line, n, fl);
		fn(f, &fp, c.lineno, fl, nf, ctx);
	}
	return inv_fp_finish(&fp);
}

static int parse_id(struct inv_span s, uint32_t *out)
{
	uint64_t v;
	int r = ia_parse_u64(s.p, s.n, UINT32_MAX, &v);

	if (r == 0)
		*out = (uint32_t)v;
	return r;
}

static void put_u32(struct inv_facts *f, struct ia_hmap *m, uint32_t key, uint32_t val)
{
	char k[16];
	int n = snprintf(k, sizeof(k), "%u", key);
	uint32_t dummy;

	if (!ia_hmap_get(m, k, (size_t)n, &dummy))
		ia_hmap_put(m, ia_pool_strndup(&f->pool, k, (size_t)n), val);
}

/* ---- passwd ---- */

static void passwd_line(struct inv_facts *f, struct inv_fp *fp, unsigned line,
			const struct inv_span *fl, size_t nf, void *ctx)
{
	struct inv_account *a;
	uint32_t uid, gid, dummy;
	const char *path = ctx;

	if (nf != 7) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "%zu fields where passwd has 7",
			   nf > MAX_FIELDS ? (size_t)MAX_FIELDS + 1 : nf);
		return;
	}
	if (!valid_name(fl[0])) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "invalid user name");
		return;
	}
	if (parse_id(fl[2], &uid) != 0 || parse_id(fl[3], &gid) != 0) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "user \"%.*s\": %s is not a number up to %u",
			   (int)fl[0].n, fl[0].p, parse_id(fl[2], &uid) ? "uid" : "gid",
			   UINT32_MAX);
		return;
	}
	if (f->n_accounts >= IA_MAX_ACCOUNTS) {
		if (!f->accounts_full)
			inv_fp_add(fp, line, -IA_ETOOBIG,
				   "more than %u accounts (limit "
				   "IA_MAX_ACCOUNTS); the rest are not read",
				   (unsigned)IA_MAX_ACCOUNTS);
		f->accounts_full = true;
		return;
	}
	ia_grow(&f->accounts, sizeof(*f->accounts), f->n_accounts + 1, &f->cap_accounts);
	a = &f->accounts[f->n_accounts];
	memset(a, 0, sizeof(*a));
	a->name = inv_span_dup(f, fl[0]);
	a->passwd = inv_span_dup(f, fl[1]);
	a->uid = uid;
	a->gid = gid;
	a->gecos = inv_span_dup(f, fl[4]);
	a->home = inv_span_dup(f, fl[5]);
	a->shell = inv_span_dup(f, fl[6]);
	a->hash = NULL;
	a->last_change = a->max_days = a->expire = -1;
	a->passwd_line = line;
	a->passwd_path = path;
	if (!ia_hmap_get(&f->acct_by_name, a->name, fl[0].n, &dummy))
		ia_hmap_put(&f->acct_by_name, a->name, (uint32_t)f->n_accounts);
	put_u32(f, &f->acct_by_uid, uid, (uint32_t)f->n_accounts);
	f->n_accounts++;
}

int inv_accounts_parse_passwd(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	return each_line(f, path, data, len, passwd_line, ia_pool_strdup(&f->pool, path));
}

/* ---- shadow ---- */

static int64_t days(struct inv_fp *fp, unsigned line, struct inv_span s, const char *what,
		    bool *bad)
{
	int64_t v;

	if (!s.n)
		return -1;
	if (ia_parse_i64(s.p, s.n, -1, INT32_MAX, &v) != 0) {
		if (!*bad)
			inv_fp_add(fp, line, -IA_ECORRUPT, "%s is not a number of days", what);
		*bad = true;
		return -1;
	}
	return v;
}

static void shadow_line(struct inv_facts *f, struct inv_fp *fp, unsigned line,
			const struct inv_span *fl, size_t nf, void *ctx)
{
	struct inv_account *a;
	uint32_t i;
	bool bad = false;

	if (nf != 9) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "%zu fields where shadow has 9",
			   nf > MAX_FIELDS ? (size_t)MAX_FIELDS + 1 : nf);
		return;
	}
	if (!valid_name(fl[0])) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "invalid user name");
		return;
	}
	if (!ia_hmap_get(&f->acct_by_name, fl[0].p, fl[0].n, &i))
		return; /* no passwd line: no account to describe */
	a = &f->accounts[i];
	if (a->hash)
		return; /* the first shadow line of a name is the one used */
	a->hash = inv_span_dup(f, fl[1]);
	a->last_change = days(fp, line, fl[2], "last change", &bad);
	a->max_days = days(fp, line, fl[4], "maximum age", &bad);
	a->expire = days(fp, line, fl[7], "expiry date", &bad);
	a->shadow_line = line;
	a->shadow_path = ctx;
}

int inv_accounts_parse_shadow(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	return each_line(f, path, data, len, shadow_line, ia_pool_strdup(&f->pool, path));
}

/* ---- group ---- */

static void group_line(struct inv_facts *f, struct inv_fp *fp, unsigned line,
		       const struct inv_span *fl, size_t nf, void *ctx)
{
	struct inv_group *g;
	uint32_t gid;
	size_t nm = 0;

	(void)ctx;
	if (nf != 4) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "%zu fields where group has 4",
			   nf > MAX_FIELDS ? (size_t)MAX_FIELDS + 1 : nf);
		return;
	}
	if (!valid_name(fl[0])) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "invalid group name");
		return;
	}
	if (parse_id(fl[2], &gid) != 0) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "group \"%.*s\": gid is not a number up to %u",
			   (int)fl[0].n, fl[0].p, UINT32_MAX);
		return;
	}
	if (f->n_groups >= IA_MAX_ACCOUNTS) {
		if (!f->groups_full)
			inv_fp_add(fp, line, -IA_ETOOBIG,
				   "more than %u groups (limit "
				   "IA_MAX_ACCOUNTS); the rest are not read",
				   (unsigned)IA_MAX_ACCOUNTS);
		f->groups_full = true;
		return;
	}
	ia_grow(&f->groups, sizeof(*f->groups), f->n_groups + 1, &f->cap_groups);
	g = &f->groups[f->n_groups];
	memset(g, 0, sizeof(*g));
	g->name = inv_span_dup(f, fl[0]);
	g->passwd = inv_span_dup(f, fl[1]);
	g->gid = gid;
	g->gshadow = NULL;
	g->line = line;
	/* members: "a,b,c"; empty ones (",,,") are not members and cost nothing */
	for (size_t i = 0; i < fl[3].n; i++)
		if (fl[3].p[i] != ',' && (i + 1 == fl[3].n || fl[3].p[i + 1] == ','))
			nm++;
	if (nm > IA_MAX_GROUP_MEMBERS - f->n_members) {
		inv_fp_add(fp, line, -IA_ETOOBIG,
			   "group \"%.*s\": members past %u in all groups (limit "
			   "IA_MAX_GROUP_MEMBERS) are not read",
			   (int)(fl[0].n > 64 ? 64 : fl[0].n), fl[0].p,
			   (unsigned)IA_MAX_GROUP_MEMBERS);
		nm = IA_MAX_GROUP_MEMBERS - f->n_members;
	}
	g->members = nm ? ia_pool_alloc(&f->pool, nm * sizeof(*g->members)) : NULL;
	g->n_members = 0;
	for (size_t i = 0, start = 0; nm && i <= fl[3].n && g->n_members < nm; i++) {
		if (i < fl[3].n && fl[3].p[i] != ',')
			continue;
		if (i > start)
			g->members[g->n_members++] =
				ia_pool_strndup(&f->pool, fl[3].p + start, i - start);
		start = i + 1;
	}
	f->n_members += g->n_members;
	put_u32(f, &f->grp_by_gid, gid, (uint32_t)f->n_groups);
	f->n_groups++;
}

int inv_accounts_parse_group(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	return each_line(f, path, data, len, group_line, NULL);
}

/* ---- gshadow ---- */

static void gshadow_line(struct inv_facts *f, struct inv_fp *fp, unsigned line,
			 const struct inv_span *fl, size_t nf, void *ctx)
{
	struct ia_hmap *by_name = ctx;
	uint32_t i;

	if (nf != 4) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "%zu fields where gshadow has 4",
			   nf > MAX_FIELDS ? (size_t)MAX_FIELDS + 1 : nf);
		return;
	}
	if (!valid_name(fl[0])) {
		inv_fp_add(fp, line, -IA_ECORRUPT, "invalid group name");
		return;
	}
	if (ia_hmap_get(by_name, fl[0].p, fl[0].n, &i) && !f->groups[i].gshadow)
		f->groups[i].gshadow = inv_span_dup(f, fl[1]);
}

int inv_accounts_parse_gshadow(struct inv_facts *f, const char *path, const char *data, size_t len)
{
	struct ia_hmap by_name = {0};
	uint32_t dummy;
	int r;

	for (size_t i = 0; i < f->n_groups; i++)
		if (!ia_hmap_get(&by_name, f->groups[i].name, strlen(f->groups[i].name), &dummy))
			ia_hmap_put(&by_name, f->groups[i].name, (uint32_t)i);
	r = each_line(f, path, data, len, gshadow_line, &by_name);
	ia_hmap_release(&by_name);
	return r;
}

/* ---- the collector ---- */

int inv_collect_accounts(const struct tgt *t, struct inv_facts *f)
{
	static const struct {
		const char *path;
		int (*parse)(struct inv_facts *, const char *, const char *, size_t);
	} files[] = {
		{"/etc/passwd", inv_accounts_parse_passwd},
		{"/etc/shadow", inv_accounts_parse_shadow},
		{"/etc/group", inv_accounts_parse_group},
		{"/etc/gshadow", inv_accounts_parse_gshadow},
	};
	struct ia_buf b = IA_BUF_INIT(IA_MAX_TEXT_FILE);

	for (size_t i = 0; i < IA_ARRAY_SIZE(files); i++)
		if (inv_read(t, f, INV_AREA_ACCOUNTS, files[i].path, IA_MAX_TEXT_FILE, &b) == 1)
			files[i].parse(f, files[i].path, b.data, b.len);
	ia_buf_release(&b);
	return 0;
}
