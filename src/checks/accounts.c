/* accounts.c — the accounts family: empty and weak passwords, hash schemes, UID 0, admin and
 * test accounts, password-quality policy */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <crypt.h>
#include <strings.h>
#include <time.h>

#include "checks/accounts.h"
#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/profile.h"
#include "facts/facts.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/banned.h"

/* ---- hash schemes ---- */

static bool crypt64(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '/';
}

enum chk_hash chk_hash_scheme(const char *f, bool *locked)
{
	size_t n;

	if (locked)
		*locked = false;
	if (!f || !*f)
		return CHK_HASH_EMPTY;
	if (*f == '*')
		return CHK_HASH_LOCKED;
	if (*f == '!') {
		while (*f == '!')
			f++;
		if (locked)
			*locked = true;
		if (!*f || *f == '*')
			return CHK_HASH_LOCKED;
	}
	n = strlen(f);
	if (f[0] == '$') {
		static const struct {
			const char *prefix;
			enum chk_hash h;
		} ids[] = {
			{"$y$", CHK_HASH_YESCRYPT}, {"$gy$", CHK_HASH_GOST_YESCRYPT},
			{"$7$", CHK_HASH_SCRYPT},   {"$6$", CHK_HASH_SHA512},
			{"$5$", CHK_HASH_SHA256},   {"$2a$", CHK_HASH_BCRYPT},
			{"$2b$", CHK_HASH_BCRYPT},  {"$2y$", CHK_HASH_BCRYPT},
			{"$2x$", CHK_HASH_BCRYPT},  {"$1$", CHK_HASH_MD5},
			{"$3$", CHK_HASH_NT},       {"$sha1$", CHK_HASH_SHA1},
			{"$md5", CHK_HASH_SUNMD5},
		};

		for (size_t i = 0; i < IA_ARRAY_SIZE(ids); i++)
			if (strncmp(f, ids[i].prefix, strlen(ids[i].prefix)) == 0)
				return ids[i].h;
		if (n >= 3 && strchr(f + 1, '$'))
			return CHK_HASH_UNKNOWN_CRYPT;
		return CHK_HASH_PLAIN;
	}
	if (f[0] == '_' && n == 20) {
		for (size_t i = 1; i < n; i++)
			if (!crypt64(f[i]))
				return CHK_HASH_PLAIN;
		return CHK_HASH_BSDI;
	}
	if (n == 13) {
		for (size_t i = 0; i < n; i++)
			if (!crypt64(f[i]))
				return CHK_HASH_PLAIN;
		return CHK_HASH_DES;
	}
	return CHK_HASH_PLAIN;
}

const char *chk_hash_name(enum chk_hash h)
{
	static const char *const names[] = {
		[CHK_HASH_EMPTY] = "empty",
		[CHK_HASH_LOCKED] = "locked",
		[CHK_HASH_DES] = "DES",
		[CHK_HASH_BSDI] = "BSDi extended DES",
		[CHK_HASH_MD5] = "MD5 crypt",
		[CHK_HASH_NT] = "NT hash",
		[CHK_HASH_SUNMD5] = "Sun MD5",
		[CHK_HASH_SHA1] = "SHA-1 crypt",
		[CHK_HASH_SHA256] = "SHA-256 crypt",
		[CHK_HASH_SHA512] = "SHA-512 crypt",
		[CHK_HASH_BCRYPT] = "bcrypt",
		[CHK_HASH_SCRYPT] = "scrypt",
		[CHK_HASH_YESCRYPT] = "yescrypt",
		[CHK_HASH_GOST_YESCRYPT] = "gost-yescrypt",
		[CHK_HASH_UNKNOWN_CRYPT] = "unknown crypt scheme",
		[CHK_HASH_PLAIN] = "plaintext (not a hash)",
	};

	return (unsigned)h < IA_ARRAY_SIZE(names) ? names[h] : "?";
}

bool chk_hash_weak(enum chk_hash h)
{
	return h == CHK_HASH_DES || h == CHK_HASH_BSDI || h == CHK_HASH_MD5 || h == CHK_HASH_NT ||
	       h == CHK_HASH_SUNMD5 || h == CHK_HASH_PLAIN;
}

void *chk_crypt_scratch(void)
{
	return ia_xcalloc(1, sizeof(struct crypt_data));
}

bool chk_password_matches(void *scratch, const char *hash, const char *guess)
{
	const char *out;

	out = crypt_rn(guess, hash, scratch, (int)sizeof(struct crypt_data));
	return out && out[0] != '*' && strcmp(out, hash) == 0;
}

/* ---- guesses ---- */

static size_t put(char *out, size_t max, size_t *o, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (!la || la + lb + 1 > max - *o)
		return 0;
	memcpy(out + *o, a, la);
	memcpy(out + *o + la, b, lb);
	out[*o + la + lb] = '\0';
	*o += la + lb + 1;
	return 1;
}

size_t chk_name_guesses(const char *name, char *out, size_t max)
{
	static const char *const suffixes[] = {
		"", "1", "12", "123", "1234", "12345", "123456", "!", "@123", "#123", "123!",
		"01", "001", "2023", "2024", "2025", "2026", "@2024", "@2025", "pass", "pwd",
	};
	char cap[64], rev[64], twice[128];
	size_t n = 0, o = 0, len = name ? strlen(name) : 0;

	if (!len || len >= sizeof(cap))
		return 0;
	memcpy(cap, name, len + 1);
	if (cap[0] >= 'a' && cap[0] <= 'z')
		cap[0] = (char)(cap[0] - 'a' + 'A');
	for (size_t i = 0; i < len; i++)
		rev[i] = name[len - 1 - i];
	rev[len] = '\0';
	snprintf(twice, sizeof(twice), "%s%s", name, name);
	for (size_t i = 0; i < IA_ARRAY_SIZE(suffixes); i++)
		n += put(out, max, &o, name, suffixes[i]);
	n += put(out, max, &o, cap, "");
	n += put(out, max, &o, cap, "123");
	n += put(out, max, &o, cap, "@123");
	n += put(out, max, &o, cap, "123!");
	n += put(out, max, &o, cap, "@2024");
	n += put(out, max, &o, rev, "");
	n += put(out, max, &o, twice, "");
	return n;
}

/* ---- password policy ---- */

void chk_pwpolicy_defaults(struct chk_pwpolicy *p, const char *module)
{
	memset(p, 0, sizeof(*p));
	if (strcmp(module, "pwquality") == 0) {
		p->minlen = 8; /* libpwquality's default; credits 0 */
		p->quality_module = true;
	} else if (strcmp(module, "cracklib") == 0) {
		p->minlen = 9; /* pam_cracklib's defaults: minlen 9, one credit per class */
		p->dcredit = p->ucredit = p->lcredit = p->ocredit = 1;
		p->quality_module = true;
	} else if (strcmp(module, "unix") == 0) {
		p->minlen = 6; /* pam_unix minlen default */
	} else {
		p->minlen = 5; /* shadow's PASS_MIN_LEN default */
	}
}

static void set_key(struct chk_pwpolicy *p, const char *k, size_t kn, const char *v, size_t vn)
{
	int64_t x;
	int *dst = NULL;

	if (ia_eq(k, kn, "minlen"))
		dst = &p->minlen;
	else if (ia_eq(k, kn, "dcredit"))
		dst = &p->dcredit;
	else if (ia_eq(k, kn, "ucredit"))
		dst = &p->ucredit;
	else if (ia_eq(k, kn, "lcredit"))
		dst = &p->lcredit;
	else if (ia_eq(k, kn, "ocredit"))
		dst = &p->ocredit;
	else if (ia_eq(k, kn, "minclass"))
		dst = &p->minclass;
	else if (ia_eq(k, kn, "PASS_MIN_LEN"))
		dst = &p->minlen;
	if (dst && ia_parse_i64(v, vn, -1000, 1000, &x) == 0)
		*dst = (int)x;
}

void chk_pwpolicy_conf(struct chk_pwpolicy *p, const char *data, size_t len)
{
	struct ia_lines c;
	const char *l, *k, *v;
	size_t n, kn, vn;
	int r;

	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next(&c, &l, &n)) != 0) {
		if (r < 0)
			continue;
		ia_trim(&l, &n);
		if (!n || l[0] == '#')
			continue;
		if (!ia_split(l, n, '=', &k, &kn, &v, &vn)) {
			/* login.defs: "KEY value" */
			size_t i = 0;

			while (i < n && l[i] != ' ' && l[i] != '\t')
				i++;
			k = l;
			kn = i;
			v = l + i;
			vn = n - i;
		}
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		set_key(p, k, kn, v, vn);
	}
}

void chk_pwpolicy_args(struct chk_pwpolicy *p, const char *args, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t s, e;
		const char *k, *v;
		size_t kn, vn;

		while (i < len && (args[i] == ' ' || args[i] == '\t'))
			i++;
		s = i;
		while (i < len && args[i] != ' ' && args[i] != '\t')
			i++;
		e = i;
		if (e > s && ia_split(args + s, e - s, '=', &k, &kn, &v, &vn))
			set_key(p, k, kn, v, vn);
	}
}

int chk_pwpolicy_min_length(const struct chk_pwpolicy *p)
{
	int m = p->minlen;

	if (p->quality_module) {
		const int credits[4] = {p->dcredit, p->ucredit, p->lcredit, p->ocredit};

		for (int i = 0; i < 4; i++)
			if (credits[i] > 0)
				m -= credits[i];
		if (m < 6)
			m = 6; /* both modules refuse anything shorter than 6 */
	}
	return m;
}

int chk_pwpolicy_classes(const struct chk_pwpolicy *p)
{
	int neg = 0, c;

	if (!p->quality_module)
		return 0;
	neg = (p->dcredit < 0) + (p->ucredit < 0) + (p->lcredit < 0) + (p->ocredit < 0);
	c = p->minclass > neg ? p->minclass : neg;
	return c > 4 ? 4 : c;
}

/* ---- the checks ---- */

/* Bytes of the weak-password list read from the data directory. */
#define ACC_MAX_WORDLIST (1024u * 1024)

static bool login_shell(const struct inv_account *a)
{
	static const char *const nologin[] = {
		"/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false",
		"/bin/sync", "/usr/bin/nologin", "/sbin/halt", "/sbin/shutdown",
	};
	const char *s = a->shell ? a->shell : "";

	if (!*s)
		return true; /* an empty shell field means /bin/sh */
	for (size_t i = 0; i < IA_ARRAY_SIZE(nologin); i++)
		if (strcmp(s, nologin[i]) == 0)
			return false;
	return true;
}

/* The field that holds the account's password: shadow's when passwd says "x". */
static const char *pw_field(const struct inv_account *a, const char **path, unsigned *line)
{
	if (a->passwd && strcmp(a->passwd, "x") != 0) {
		*path = a->passwd_path;
		*line = a->passwd_line;
		return a->passwd;
	}
	if (a->hash) {
		*path = a->shadow_path;
		*line = a->shadow_line;
		return a->hash;
	}
	*path = a->passwd_path;
	*line = a->passwd_line;
	return NULL;
}

static bool have_accounts(struct chk_ctx *ctx)
{
	if (!ctx->facts || ctx->facts->n_accounts == 0) {
		chk_absent(ctx, "no accounts in /etc/passwd (no passwd file in this image)");
		return false;
	}
	return true;
}

static void run_empty(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		const char *path, *f;
		unsigned line;

		f = pw_field(a, &path, &line);
		if (f && *f == '\0')
			chk_report(ctx, path, line, a->name, NULL,
				   "account '%s' has an empty password field%s", a->name,
				   login_shell(a) ? " and a login shell" : "");
	}
}

static void run_scheme(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		const char *path, *f;
		unsigned line;
		enum chk_hash h;

		f = pw_field(a, &path, &line);
		h = chk_hash_scheme(f, NULL);
		if (f && chk_hash_weak(h))
			/* the value is the scheme, never the hash or the plaintext itself */
			chk_report(ctx, path, line, chk_hash_name(h), NULL,
				   "account '%s' stores its password as %s", a->name, chk_hash_name(h));
	}
}

static void run_uid0(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		if (a->uid == 0 && strcmp(a->name, "root") != 0)
			chk_report(ctx, a->passwd_path, a->passwd_line, a->name, NULL,
				   "account '%s' has UID 0 (a second root)", a->name);
	}
}

static void run_admin_name(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		if (strcasecmp(a->name, "admin") == 0 || strcasecmp(a->name, "administrator") == 0)
			chk_report(ctx, a->passwd_path, a->passwd_line, a->name, NULL,
				   "account named '%s': administrators need personal accounts",
				   a->name);
	}
}

static bool test_name(const char *name)
{
	static const char *const prefixes[] = {"test", "demo", "guest", "sample", "temp"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(prefixes); i++)
		if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

static void run_test_accounts(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		const char *path, *f;
		unsigned line;
		enum chk_hash h;
		bool shell, pass;

		if (!test_name(a->name))
			continue;
		f = pw_field(a, &path, &line);
		h = chk_hash_scheme(f, NULL);
		shell = login_shell(a);
		pass = f && h != CHK_HASH_LOCKED;
		if (shell || pass)
			chk_report(ctx, a->passwd_path, a->passwd_line, a->name, NULL,
				   "test account '%s' has %s", a->name,
				   shell && pass ? "a login shell and a password"
				   : shell     ? "a login shell"
					       : "a password");
	}
}

/* -- weak passwords -- */

struct acc_job {
	const struct inv_account *a;
	const char *hash, *path;
	unsigned line;
	int prio;                /* 0: login shell and UID 0, 1: login shell, 2: others */
};

static int cmp_job(const void *x, const void *y)
{
	const struct acc_job *a = x, *b = y;

	if (a->prio != b->prio)
		return a->prio - b->prio;
	return (a < b) ? -1 : (a > b);
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Tries guesses (NUL-separated, n of them) against job; returns 1 on a match (*hit set),
 * 0 when none matched, -1 when the deadline passed first. */
static int try_list(void *scratch, const struct acc_job *j, const char *list, size_t n,
		    struct ia_hmap *seen, double deadline, const char **hit, size_t *tried)
{
	const char *g = list;

	for (size_t i = 0; i < n; i++, g += strlen(g) + 1) {
		size_t gl = strlen(g);
		uint32_t dummy;

		if (!gl || ia_hmap_get(seen, g, gl, &dummy))
			continue;
		ia_hmap_put(seen, g, 0);
		if (mono() > deadline)
			return -1;
		(*tried)++;
		if (chk_password_matches(scratch, j->hash, g)) {
			*hit = g;
			return 1;
		}
	}
	return 0;
}

static void run_weak(struct chk_ctx *ctx)
{
	double budget = ctx->opts ? ctx->opts->password_budget : 0;
	struct ia_buf words = IA_BUF_INIT(ACC_MAX_WORDLIST);
	struct acc_job *jobs = NULL;
	size_t n_jobs = 0, n_words = 0, done = 0, tried = 0;
	struct ia_err err = {0};
	void *scratch = NULL;
	double t0, deadline;
	bool out_of_time = false;

	if (!have_accounts(ctx))
		return;
	if (budget == 0)
		budget = CHK_PASSWORD_BUDGET_DEFAULT;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		const char *path, *f;
		unsigned line;
		bool locked;
		enum chk_hash h;

		f = pw_field(a, &path, &line);
		h = chk_hash_scheme(f, &locked);
		if (locked || h == CHK_HASH_EMPTY || h == CHK_HASH_LOCKED || h == CHK_HASH_PLAIN ||
		    h == CHK_HASH_UNKNOWN_CRYPT)
			continue;
		jobs = ia_xreallocarray(jobs, n_jobs + 1, sizeof(*jobs));
		jobs[n_jobs++] = (struct acc_job){
			.a = a, .hash = f, .path = path, .line = line,
			.prio = login_shell(a) ? (a->uid == 0 ? 0 : 1) : 2,
		};
	}
	if (!n_jobs) {
		chk_absent(ctx, "no account has a password hash that allows a login");
		goto done;
	}
	if (budget < 0) {
		chk_gap(ctx, NULL, 0, "weak-password test skipped (--password-budget < 0): %zu "
				      "password hashes not tested", n_jobs);
		goto done;
	}
	if (chk_data_read("passwords/common.txt", ACC_MAX_WORDLIST, &words, &err) < 0) {
		chk_gap(ctx, NULL, 0, "weak-password list not available: %s", err.msg);
		goto done;
	}
	/* the list as NUL-separated words, comments and blank lines dropped */
	{
		char *w = words.data, *o = words.data;
		struct ia_lines c;
		const char *l;
		size_t n;

		ia_lines_init(&c, w, words.len);
		while (ia_lines_next(&c, &l, &n) > 0) {
			if (!n || l[0] == '#')
				continue;
			memmove(o, l, n);
			o[n] = '\0';
			o += n + 1;
			n_words++;
		}
	}
	qsort(jobs, n_jobs, sizeof(*jobs), cmp_job);
	scratch = chk_crypt_scratch();
	t0 = mono();
	deadline = t0 + budget;
	for (size_t i = 0; i < n_jobs && !out_of_time; i++) {
		struct acc_job *j = &jobs[i];
		struct ia_hmap seen = {0};
		char derived[2048];
		size_t nd = chk_name_guesses(j->a->name, derived, sizeof(derived));
		const char *hit = NULL;
		int r;

		r = try_list(scratch, j, derived, nd, &seen, deadline, &hit, &tried);
		if (r == 0)
			r = try_list(scratch, j, words.data, n_words, &seen, deadline, &hit, &tried);
		if (r == 1) {
			/* evidence: the scheme and that a listed guess matched; quoting the
			 * password itself would publish it in every report */
			chk_report(ctx, j->path, j->line, chk_hash_name(chk_hash_scheme(j->hash, NULL)),
				   NULL, "account '%s' has a weak password (a guess of %zu characters "
				   "from the weak-password list matched its %s hash)",
				   j->a->name, strlen(hit), chk_hash_name(chk_hash_scheme(j->hash, NULL)));
		}
		ia_hmap_release(&seen);
		if (r < 0)
			out_of_time = true;
		else
			done++;
	}
	if (out_of_time) {
		struct ia_buf names = IA_BUF_INIT(1024);

		for (size_t i = done; i < n_jobs; i++)
			if (ia_buf_addf(&names, "%s%s", i > done ? ", " : "", jobs[i].a->name) < 0)
				break;
		chk_gap(ctx, NULL, 0,
			"weak-password budget of %.1f s spent after %zu guesses: %zu of %zu accounts "
			"not fully tested (%s); raise --password-budget",
			budget, tried, n_jobs - done, n_jobs, names.data ? names.data : "");
		ia_buf_release(&names);
	} else {
		chk_note(ctx,
			 "%zu password hashes tested against %zu listed and name-derived guesses "
			 "(%zu hashes computed in %.2f s of a %.1f s budget)",
			 n_jobs, n_words, tried, mono() - t0, budget);
	}
done:
	free(scratch);
	free(jobs);
	ia_buf_release(&words);
}

/* -- password policy -- */

static const char *const pam_files[] = {
	"/etc/pam.d/common-password", /* Debian, Ubuntu, SUSE */
	"/etc/pam.d/system-auth",     /* RHEL, Fedora */
	"/etc/pam.d/password-auth",
	"/etc/pam.d/passwd",
	"/etc/pam.d/base-password",   /* Alpine linux-pam */
};

struct policy_result {
	struct chk_pwpolicy p;
	const char *module;      /* "pam_pwquality", "pam_cracklib", "pam_unix", "login.defs" */
	char path[IA_MAX_PATH];
	unsigned line;
	bool found;
};

/* Finds a "password" line for module in a PAM file; returns its args. */
static bool pam_module_line(const char *l, size_t n, const char *module, const char **args,
			    size_t *argn)
{
	size_t i = 0, s;

	if (n && l[0] == '-') {
		l++;
		n--;
	}
	if (!ia_starts_with(l, n, "password") || n < 9 || (l[8] != ' ' && l[8] != '\t'))
		return false;
	i = 8;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i < n && l[i] == '[') {
		while (i < n && l[i] != ']')
			i++;
		i++;
	} else {
		while (i < n && l[i] != ' ' && l[i] != '\t')
			i++;
	}
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	s = i;
	while (i < n && l[i] != ' ' && l[i] != '\t')
		i++;
	{
		const char *m = l + s;
		size_t mn = i - s;
		const char *slash = memrchr(m, '/', mn);

		if (slash) {
			mn -= (size_t)(slash + 1 - m);
			m = slash + 1;
		}
		if (!ia_eq(m, mn, module))
			return false;
	}
	*args = l + i;
	*argn = n - i;
	return true;
}

static void find_policy(struct chk_ctx *ctx, struct policy_result *res, bool *have_pam)
{
	static const char *const modules[] = {"pam_pwquality.so", "pam_cracklib.so", "pam_unix.so"};
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);

	*have_pam = false;
	for (size_t m = 0; m < IA_ARRAY_SIZE(modules) && !res->found; m++) {
		for (size_t f = 0; f < IA_ARRAY_SIZE(pam_files) && !res->found; f++) {
			struct fam_text t;
			const char *l, *args;
			size_t n, an;

			if (fam_read(ctx, pam_files[f], FAM_MAX_CONF, &b) < 0)
				continue;
			*have_pam = true;
			fam_text_init(&t, pam_files[f], &b);
			while (fam_next_line(ctx, &t, &l, &n) > 0) {
				if (n && l[0] == '#')
					continue;
				if (!pam_module_line(l, n, modules[m], &args, &an))
					continue;
				res->found = true;
				res->line = t.c.lineno;
				snprintf(res->path, sizeof(res->path), "%s", pam_files[f]);
				if (m == 0) {
					res->module = "pam_pwquality";
					chk_pwpolicy_defaults(&res->p, "pwquality");
				} else if (m == 1) {
					res->module = "pam_cracklib";
					chk_pwpolicy_defaults(&res->p, "cracklib");
				} else {
					res->module = "pam_unix";
					chk_pwpolicy_defaults(&res->p, "unix");
				}
				if (m == 0) {
					/* pwquality.conf, then its .d, then the module's arguments */
					struct ia_buf c = IA_BUF_INIT(FAM_MAX_CONF);
					size_t sb, se;

					if (fam_read(ctx, "/etc/security/pwquality.conf", FAM_MAX_CONF,
						     &c) == 0)
						chk_pwpolicy_conf(&res->p, c.data, c.len);
					if (tgt_subtree(ctx->tgt, "/etc/security/pwquality.conf.d", &sb,
							&se) == 0) {
						for (size_t i = sb; i < se; i++) {
							const struct tgt_entry *e = tgt_at(ctx->tgt, i);
							size_t pl = strlen(e->path);

							if (!S_ISREG(e->mode) || pl < 5 ||
							    strcmp(e->path + pl - 5, ".conf") != 0)
								continue;
							if (fam_read(ctx, e->path, FAM_MAX_CONF, &c) == 0)
								chk_pwpolicy_conf(&res->p, c.data, c.len);
						}
					}
					ia_buf_release(&c);
				}
				chk_pwpolicy_args(&res->p, args, an);
				break;
			}
		}
	}
	if (!res->found && fam_read(ctx, "/etc/login.defs", FAM_MAX_CONF, &b) == 0 && !*have_pam) {
		res->found = true;
		res->module = "login.defs";
		snprintf(res->path, sizeof(res->path), "/etc/login.defs");
		chk_pwpolicy_defaults(&res->p, "login.defs");
		chk_pwpolicy_conf(&res->p, b.data, b.len);
	}
	ia_buf_release(&b);
}

static void run_policy(struct chk_ctx *ctx, bool length)
{
	struct policy_result res = {0};
	bool have_pam;
	int v;

	if (!ctx->tgt) {
		chk_gap(ctx, NULL, 0, "no image index");
		return;
	}
	find_policy(ctx, &res, &have_pam);
	if (!res.found) {
		chk_report(ctx, have_pam ? "/etc/pam.d" : "", 0, "", NULL,
			   "no password-quality policy: no pam_pwquality, pam_cracklib or pam_unix "
			   "password rule%s",
			   have_pam ? "" : " and no /etc/login.defs");
		return;
	}
	if (length) {
		char val[64];

		v = chk_pwpolicy_min_length(&res.p);
		snprintf(val, sizeof(val), "minlen=%d", res.p.minlen);
		if (v < 8)
			chk_report(ctx, res.path, res.line, val, NULL,
				   "%s accepts passwords of %d characters (at least 8 required)",
				   res.module, v);
		else
			chk_note(ctx, "%s (%s:%u) demands at least %d characters", res.module,
				 res.path, res.line, v);
	} else {
		char val[128];

		v = chk_pwpolicy_classes(&res.p);
		snprintf(val, sizeof(val), "minclass=%d dcredit=%d ucredit=%d lcredit=%d ocredit=%d",
			 res.p.minclass, res.p.dcredit, res.p.ucredit, res.p.lcredit, res.p.ocredit);
		if (v < 4)
			chk_report(ctx, res.path, res.line, val, NULL,
				   "%s demands %d of the 4 character classes (upper, lower, digit, "
				   "special)",
				   res.module, v);
		else
			chk_note(ctx, "%s (%s:%u) demands all four character classes", res.module,
				 res.path, res.line);
	}
}

static void run_policy_length(struct chk_ctx *ctx)
{
	run_policy(ctx, true);
}

static void run_policy_classes(struct chk_ctx *ctx)
{
	run_policy(ctx, false);
}

const struct chk_def chk_defs_accounts[] = {
	{
		.id = "ACC-001",
		.family = "accounts",
		.title = "account with an empty password field",
		.severity = RPT_SEV_HIGH,
		.clauses = "JD-3.1b JK-HASH",
		.examines = "the password field of /etc/passwd and /etc/shadow",
		.remediation = "lock the account (passwd -l NAME) or set a strong password",
		.run = run_empty,
	},
	{
		.id = "ACC-002",
		.family = "accounts",
		.title = "account with a weak password (common or derived from the account name)",
		.severity = RPT_SEV_CRITICAL,
		.clauses = "JD-3.1b",
		.examines = "shadow hashes (yescrypt, SHA-512/256 crypt, bcrypt, MD5 crypt, DES) "
			    "against data/passwords/common.txt and name-derived guesses, within "
			    "--password-budget seconds",
		.remediation = "set a strong password (passwd NAME) or lock the account",
		.run = run_weak,
	},
	{
		.id = "ACC-003",
		.family = "accounts",
		.title = "password stored with a weak scheme (DES, MD5, NT) or in plaintext",
		.severity = RPT_SEV_MEDIUM,
		.clauses = "JK-HASH",
		.examines = "the scheme of each password hash in /etc/shadow and /etc/passwd",
		.remediation = "set ENCRYPT_METHOD YESCRYPT (or SHA512) in /etc/login.defs and the "
			       "pam_unix option, then set the password again",
		.run = run_scheme,
	},
	{
		.id = "ACC-004",
		.family = "accounts",
		.title = "account other than root with UID 0",
		.severity = RPT_SEV_HIGH,
		.clauses = "SR-6.1-6.2",
		.examines = "UIDs in /etc/passwd",
		.remediation = "remove the account or give it its own UID; use sudo for "
			       "administration",
		.run = run_uid0,
	},
	{
		.id = "ACC-005",
		.family = "accounts",
		.title = "account named admin or administrator",
		.severity = RPT_SEV_MEDIUM,
		.clauses = "SR-6.1-6.2",
		.examines = "account names in /etc/passwd",
		.remediation = "replace the shared account with personal administrator accounts",
		.run = run_admin_name,
	},
	{
		.id = "ACC-006",
		.family = "accounts",
		.title = "test, demo or guest account with a login shell or a password",
		.severity = RPT_SEV_MEDIUM,
		.clauses = "JD-4.1f",
		.examines = "accounts whose name starts with test, demo, guest, sample or temp",
		.remediation = "remove the account (userdel -r NAME)",
		.run = run_test_accounts,
	},
	{
		.id = "ACC-007",
		.family = "accounts",
		.title = "password policy accepts passwords shorter than 8 characters",
		.severity = RPT_SEV_MEDIUM,
		.clauses = "JD-3.1c",
		.examines = "pam_pwquality / pam_cracklib / pam_unix arguments in /etc/pam.d, "
			    "/etc/security/pwquality.conf(.d), /etc/login.defs PASS_MIN_LEN",
		.remediation = "install libpam-pwquality and set minlen = 8 (or more) in "
			       "/etc/security/pwquality.conf",
		.run = run_policy_length,
	},
	{
		.id = "ACC-008",
		.family = "accounts",
		.title = "password policy does not demand upper, lower, digit and special characters",
		.severity = RPT_SEV_MEDIUM,
		.clauses = "JD-3.1c",
		.examines = "minclass and the credits of pam_pwquality / pam_cracklib",
		.remediation = "set minclass = 4 in /etc/security/pwquality.conf (or dcredit, "
			       "ucredit, lcredit and ocredit = -1)",
		.run = run_policy_classes,
	},
};
const size_t chk_defs_accounts_len = IA_ARRAY_SIZE(chk_defs_accounts);
