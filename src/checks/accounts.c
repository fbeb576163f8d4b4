/* accounts.c — the accounts family: empty and weak passwords, hash schemes, UID 0, admin and
 * test accounts, password-quality policy */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <crypt.h>
#include <limits.h>
#include <strings.h>
#include <time.h>

#include "checks/accounts.h"
#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/profile.h"
#include "checks/state.h"
#include "facts/facts.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/datafile.h"
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
		"",     "1",    "12",   "123",   "1234",  "12345", "123456",
		"!",    "@123", "#123", "123!",  "01",    "001",   "2023",
		"2024", "2025", "2026", "@2024", "@2025", "pass",  "pwd",
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

/* ---- the checks ---- */

/* Bytes of the weak-password list read from the data directory. */
#define ACC_MAX_WORDLIST (1024u * 1024)

static bool login_shell(const struct inv_account *a)
{
	static const char *const nologin[] = {
		"/usr/sbin/nologin", "/sbin/nologin",    "/bin/false", "/usr/bin/false",
		"/bin/sync",         "/usr/bin/nologin", "/sbin/halt", "/sbin/shutdown",
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
	if (ctx->facts->n_accounts == 0) {
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

		char fix[FAM_MAX_FIX];

		f = pw_field(a, &path, &line);
		if (f && *f == '\0')
			chk_report(ctx, path, line, a->name,
				   fam_fix(fix,
					   "lock the account (passwd -l %s) or set a strong "
					   "password (passwd %s)",
					   a->name),
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

		char fix[FAM_MAX_FIX];

		f = pw_field(a, &path, &line);
		h = chk_hash_scheme(f, NULL);
		if (f && chk_hash_weak(h))
			/* the value is the scheme, never the hash or the plaintext itself */
			chk_report(ctx, path, line, chk_hash_name(h),
				   fam_fix(fix,
					   "set ENCRYPT_METHOD YESCRYPT (or SHA512) in "
					   "/etc/login.defs and the pam_unix option, then set "
					   "the password again: passwd %s",
					   a->name),
				   "account '%s' stores its password as %s", a->name,
				   chk_hash_name(h));
	}
}

static void run_uid0(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		char fix[FAM_MAX_FIX];

		if (a->uid == 0 && strcmp(a->name, "root") != 0)
			chk_report(ctx, a->passwd_path, a->passwd_line, a->name,
				   fam_fix(fix,
					   "remove the account (userdel %s) or give it a UID of "
					   "its own (usermod -u with a free UID); use sudo for "
					   "administration",
					   a->name),
				   "account '%s' has UID 0 (a second root)", a->name);
	}
}

static void run_admin_name(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		char fix[FAM_MAX_FIX];

		if (strcasecmp(a->name, "admin") == 0 || strcasecmp(a->name, "administrator") == 0)
			chk_report(ctx, a->passwd_path, a->passwd_line, a->name,
				   fam_fix(fix,
					   "give each administrator a personal account, then "
					   "remove the shared one (userdel -r %s)",
					   a->name),
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

/* What an account's password field allows, in words; NULL when it allows no password login
 * (locked: "*", "!", or a hash behind "!"). */
static const char *password_state(const char *f)
{
	bool locked = false;
	enum chk_hash h;

	if (!f)
		return NULL;
	if (*f == '\0')
		return "an empty password field (no password needed)";
	h = chk_hash_scheme(f, &locked);
	if (h == CHK_HASH_LOCKED || locked)
		return NULL;
	return h == CHK_HASH_PLAIN ? "a password stored in plaintext" : "a password hash";
}

static void run_test_accounts(struct chk_ctx *ctx)
{
	if (!have_accounts(ctx))
		return;
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		const char *path, *f, *pw;
		char fix[FAM_MAX_FIX];
		unsigned line;
		bool shell;

		if (!test_name(a->name))
			continue;
		f = pw_field(a, &path, &line);
		pw = password_state(f);
		shell = login_shell(a);
		if (!shell && !pw)
			continue;
		/* the same words as ACC-001 for the same field: never "a password" for an empty one
		 */
		chk_report(ctx, a->passwd_path, a->passwd_line, a->name,
			   fam_fix(fix, "remove the account (userdel -r %s)", a->name),
			   "test account '%s' has %s%s%s", a->name, shell ? "a login shell" : "",
			   shell && pw ? " and " : "", pw ? pw : "");
	}
}

/* -- weak passwords -- */

struct acc_job {
	const struct inv_account *a;
	const char *hash, *path;
	unsigned line;
	int prio; /* 0: login shell and UID 0, 1: login shell, 2: others */
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
 * 0 when none matched, -1 when the next guess (per_guess seconds) would pass the deadline. */
static int try_list(void *scratch, const struct acc_job *j, const char *list, size_t n,
		    struct ia_hmap *seen, double deadline, double per_guess, const char **hit,
		    size_t *tried)
{
	const char *g = list;

	for (size_t i = 0; i < n; i++, g += strlen(g) + 1) {
		size_t gl = strlen(g);
		uint32_t dummy;

		if (!gl || ia_hmap_get(seen, g, gl, &dummy))
			continue;
		ia_hmap_put(seen, g, 0);
		if (mono() + per_guess > deadline)
			return -1;
		(*tried)++;
		if (chk_password_matches(scratch, j->hash, g)) {
			*hit = g;
			return 1;
		}
	}
	return 0;
}

/*
 * Seconds one guess of scheme h takes at its reference setting (chk_hash_cost_ref), timed
 * once per audit (cache, by scheme): the fastest of 5 runs, since a busy machine only ever
 * makes a run slower (the first warms the caches). 0 for the schemes of fixed cost.
 */
static double ref_seconds(void *scratch, enum chk_hash h, double *cache)
{
	const char *ref = chk_hash_cost_ref(h);
	double best = 0;

	if (!ref)
		return 0;
	if (cache[h] > 0)
		return cache[h];
	for (int i = 0; i < 5; i++) {
		double t0 = mono(), t;

		(void)chk_password_matches(scratch, ref, "calibration");
		t = mono() - t0;
		if (i == 0 || t < best)
			best = t;
	}
	cache[h] = best > 0 ? best : 1e-9;
	return cache[h];
}

/*
 * Seconds one guess against j's hash would take, from its cost parameters and the timed
 * reference of its scheme, before any guess is hashed; -1 (why says it, cost named) when
 * the hash must not be hashed at all: parameters that cannot be read, or more memory per
 * guess than IA_MAX_CRYPT_MEMORY.
 */
static double guess_seconds(void *scratch, const struct acc_job *j, double *cache, char *why,
			    size_t whyn)
{
	enum chk_hash h = chk_hash_scheme(j->hash, NULL);
	struct chk_hash_cost hc, rc;
	const char *ref = chk_hash_cost_ref(h);

	if (chk_hash_cost(j->hash, &hc) < 0) {
		snprintf(why, whyn, "the cost parameters of its %s hash cannot be read",
			 chk_hash_name(h));
		return -1;
	}
	if (hc.memory > IA_MAX_CRYPT_MEMORY) {
		snprintf(why, whyn,
			 "one guess of its hash (%s) needs %llu MiB of memory (limit "
			 "IA_MAX_CRYPT_MEMORY, %llu MiB)",
			 hc.what, (unsigned long long)(hc.memory >> 20),
			 (unsigned long long)(IA_MAX_CRYPT_MEMORY >> 20));
		return -1;
	}
	snprintf(why, whyn, "%s", hc.what);
	if (!ref || chk_hash_cost(ref, &rc) < 0 || rc.work <= 0)
		return 0;
	return ref_seconds(scratch, h, cache) * hc.work / rc.work;
}

/* The accounts whose hash allows a login and can be guessed at, as jobs (*jobs, malloc'd). */
static size_t weak_jobs(struct chk_ctx *ctx, struct acc_job **jobs)
{
	size_t n_jobs = 0;

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
		*jobs = ia_xreallocarray(*jobs, n_jobs + 1, sizeof(**jobs));
		(*jobs)[n_jobs++] = (struct acc_job){
			.a = a,
			.hash = f,
			.path = path,
			.line = line,
			.prio = login_shell(a) ? (a->uid == 0 ? 0 : 1) : 2,
		};
	}
	return n_jobs;
}

/* The word list rewritten in place as NUL-separated words, comments and blank lines dropped;
 * returns the number of words. */
static size_t words_in_place(struct ia_buf *words)
{
	char *o = words->data;
	struct ia_lines c;
	const char *l;
	size_t n, n_words = 0;

	ia_lines_init(&c, words->data, words->len);
	while (ia_lines_next(&c, &l, &n) > 0) {
		if (!n || l[0] == '#')
			continue;
		memmove(o, l, n);
		o[n] = '\0';
		o += n + 1;
		n_words++;
	}
	return n_words;
}

static void run_weak(struct chk_ctx *ctx)
{
	double budget = ctx->opts ? ctx->opts->password_budget : 0;
	struct ia_buf words = IA_BUF_INIT(ACC_MAX_WORDLIST);
	struct acc_job *jobs = NULL;
	size_t n_jobs = 0, n_words = 0, done = 0, tried = 0, costly = 0, stop = 0;
	struct ia_err err = {0};
	void *scratch = NULL;
	double t0, deadline, calib[CHK_HASH_PLAIN + 1] = {0};
	bool out_of_time = false;

	if (!have_accounts(ctx))
		return;
	if (budget == 0)
		budget = CHK_PASSWORD_BUDGET_DEFAULT;
	n_jobs = weak_jobs(ctx, &jobs);
	if (!n_jobs) {
		chk_absent(ctx, "no account has a password hash that allows a login");
		goto done;
	}
	if (budget < 0) {
		chk_gap(ctx, NULL, 0,
			"weak-password test turned off (--password-budget 0): %zu "
			"password hashes not tested",
			n_jobs);
		goto done;
	}
	if (ia_data_read("passwords/common.txt", ACC_MAX_WORDLIST, &words, &err) < 0) {
		chk_gap(ctx, NULL, 0, "weak-password list not available: %s", err.msg);
		goto done;
	}
	n_words = words_in_place(&words);
	qsort(jobs, n_jobs, sizeof(*jobs), cmp_job);
	scratch = chk_crypt_scratch();
	t0 = mono();
	deadline = t0 + budget;
	for (size_t i = 0; i < n_jobs && !out_of_time; i++) {
		struct acc_job *j = &jobs[i];
		struct ia_hmap seen = {0};
		char derived[2048], cost[256];
		size_t nd = chk_name_guesses(j->a->name, derived, sizeof(derived));
		const char *hit = NULL;
		double per_guess = guess_seconds(scratch, j, calib, cost, sizeof(cost));
		int r;

		/* a hash too costly for what is left of the budget is not hashed at all: the
		 * deadline is only looked at between guesses, and one bcrypt cost 31 guess
		 * takes a day */
		if (per_guess < 0 || mono() + per_guess > deadline) {
			if (per_guess >= 0)
				snprintf(cost + strlen(cost), sizeof(cost) - strlen(cost),
					 ": one guess would take about %.3g s, more than the "
					 "%.2f s left of the %.1f s --password-budget",
					 per_guess, deadline - mono(), budget);
			chk_gap(ctx, NULL, 0, "account '%s' (%s:%u) not tested: %s", j->a->name,
				j->path, j->line, cost);
			costly++;
			continue;
		}
		r = try_list(scratch, j, derived, nd, &seen, deadline, per_guess, &hit, &tried);
		if (r == 0)
			r = try_list(scratch, j, words.data, n_words, &seen, deadline, per_guess,
				     &hit, &tried);
		if (r == 1) {
			char fix[FAM_MAX_FIX];

			/* evidence: the scheme and that a listed guess matched; quoting the
			 * password itself would publish it in every report */
			chk_report(ctx, j->path, j->line,
				   chk_hash_name(chk_hash_scheme(j->hash, NULL)),
				   fam_fix(fix,
					   "set a strong password (passwd %s) or lock the "
					   "account (passwd -l %s)",
					   j->a->name),
				   "account '%s' has a weak password (a guess of %zu characters "
				   "from the weak-password list matched its %s hash)",
				   j->a->name, strlen(hit),
				   chk_hash_name(chk_hash_scheme(j->hash, NULL)));
		}
		ia_hmap_release(&seen);
		if (r < 0) {
			out_of_time = true;
			stop = i;
		} else {
			done++;
		}
	}
	if (out_of_time) {
		struct ia_buf names = IA_BUF_INIT(1024);

		for (size_t i = stop; i < n_jobs; i++)
			if (ia_buf_addf(&names, "%s%s", i > stop ? ", " : "", jobs[i].a->name) < 0)
				break;
		chk_gap(ctx, NULL, 0,
			"weak-password budget of %.1f s spent after %zu guesses: %zu of %zu "
			"accounts "
			"not fully tested (%s); raise --password-budget",
			budget, tried, n_jobs - stop, n_jobs, names.data ? names.data : "");
		ia_buf_release(&names);
	} else if (done) {
		chk_note(ctx,
			 "%zu password hashes tested against %zu listed and name-derived guesses "
			 "(%zu hashes computed in %.2f s of a %.1f s budget)%s",
			 done, n_words, tried, mono() - t0, budget,
			 costly ? "; the others were too costly to hash" : "");
	}
done:
	free(scratch);
	free(jobs);
	ia_buf_release(&words);
}

/* The value and evidence of the setting k of m. */
static const struct inv_pw_src *pw_at(const struct inv_pw_mod *m, int k)
{
	return m->at[k].line ? &m->at[k] : &m->rule;
}

/* The policy of passwd without PAM: login.defs' PASS_MIN_LEN, no character classes. */
static void policy_without_pam(struct chk_ctx *ctx, const struct inv_pam *f, bool length)
{
	int v = f->defs.p.minlen;
	char val[160];

	if (length) {
		snprintf(val, sizeof(val), "PASS_MIN_LEN %d%s", v,
			 f->defs_minlen < 0 ? " (default)" : "");
		if (v < 8)
			chk_report(ctx, "/etc/login.defs", f->defs_line, val, NULL,
				   "no PAM: passwd takes the minimum length from "
				   "login.defs, which accepts passwords of %d characters "
				   "(at least 8 required)",
				   v);
		else
			chk_note(ctx,
				 "no PAM: /etc/login.defs:%u demands at least %d "
				 "characters",
				 f->defs_line, v);
	} else {
		chk_report(ctx, "/etc/login.defs", f->defs_line, "no PAM", NULL,
			   "no PAM: passwd checks no character classes (login.defs has no "
			   "such setting)");
	}
}

/* ACC-007: the minimum length of the module that demands more, pam_pwquality/cracklib or
 * pam_unix. */
static void policy_length(struct chk_ctx *ctx, const struct inv_pam *f, const struct inv_pw_mod *q,
			  const struct inv_pw_mod *u)
{
	int lq = q ? inv_pwpolicy_min_length(&q->p) : 0;
	int lu = u ? u->p.minlen : 0;
	/* the module that demands more (with q NULL and pam_unix minlen=0, "lq >= lu" alone
	 * chose the missing q: gcc's -Wnull-dereference saw it) */
	bool use_q = q && (!u || lq >= lu);
	const struct inv_pw_mod *d = use_q ? q : u;
	const struct inv_pw_src *at;
	int v = use_q ? lq : lu;
	char val[160];

	if (!d)
		return; /* not reached: the caller returned when neither q nor u is set */
	at = pw_at(d, INV_PW_MINLEN);

	snprintf(val, sizeof(val), "minlen=%d%s", d->p.minlen,
		 d->at[INV_PW_MINLEN].line ? "" : " (module default)");
	if (v < 8)
		chk_report(ctx, at->path, at->line, val, NULL,
			   "%s (%s:%u) accepts passwords of %d characters (at least 8 "
			   "required)%s",
			   d->module, d->rule.path, d->rule.line, v,
			   !q && f->lax.found ? "; the quality module of the stack does not "
						"enforce"
					      : "");
	else
		chk_note(ctx,
			 "%s (%s:%u, in the password stack of %s) demands at least %d "
			 "characters",
			 d->module, at->path, at->line, f->entry, v);
}

/* ACC-008: the character classes the enforcing quality module q demands (none without one). */
static void policy_classes(struct chk_ctx *ctx, const struct inv_pam *f, const struct inv_pw_mod *q,
			   const struct inv_pw_mod *u)
{
	int v;
	const struct inv_pw_src *at;
	char val[160];

	if (!q) {
		const struct inv_pw_mod *lax = f->lax.found ? &f->lax : u;

		chk_report(
			ctx, lax->rule.path, lax->rule.line, lax->module, NULL,
			"no enforcing pam_pwquality or pam_cracklib in the password stack of %s: "
			"no character classes demanded%s",
			f->entry,
			f->lax.found ? " (the quality module there does not enforce: "
				       "optional, default=ignore or enforcing=0)"
				     : "");
		return;
	}
	v = inv_pwpolicy_classes(&q->p);
	at = &q->rule;
	/* the setting that decides: minclass when it counts, else the last credit set */
	if (q->at[INV_PW_MINCLASS].line && q->p.minclass >= v)
		at = &q->at[INV_PW_MINCLASS];
	else
		for (int k = INV_PW_DCREDIT; k <= INV_PW_OCREDIT; k++)
			if (q->at[k].line && inv_pwpolicy_value(&q->p, k) < 0)
				at = &q->at[k];
	snprintf(val, sizeof(val), "minclass=%d dcredit=%d ucredit=%d lcredit=%d ocredit=%d",
		 q->p.minclass, q->p.dcredit, q->p.ucredit, q->p.lcredit, q->p.ocredit);
	if (v < 4)
		chk_report(ctx, at->path, at->line, val, NULL,
			   "%s (%s:%u) demands %d of the 4 character classes (upper, lower, "
			   "digit, special)",
			   q->module, q->rule.path, q->rule.line, v);
	else
		chk_note(ctx,
			 "%s (%s:%u, in the password stack of %s) demands all four "
			 "character classes",
			 q->module, at->path, at->line, f->entry);
}

/* ACC-007 (length) and ACC-008 (classes): the password policy of the PAM stack or login.defs,
 * from the PAM fact (facts/pam.c). The first of the two that runs reports what could not be
 * read in the stack as its gaps (chk_fact_issues), so a broken include is reported once. */
static void run_policy(struct chk_ctx *ctx, bool length)
{
	const struct inv_pam *f;
	const struct inv_pw_mod *q, *u;

	f = &ctx->facts->pam;
	chk_fact_issues(ctx, &f->issues);
	q = f->quality.found ? &f->quality : NULL;
	u = f->unix_.found ? &f->unix_ : NULL;
	if (f->have_pam && f->defs_minlen >= 0)
		chk_note(ctx,
			 "/etc/login.defs:%u PASS_MIN_LEN %d is not used: passwd changes "
			 "passwords through PAM",
			 f->defs_line, f->defs_minlen);
	if (f->other[0]) {
		char qt[IA_MAX_EVIDENCE + 1];

		chk_gap_clauses(ctx, ctx->cur->clause_list, false, f->other_at.path,
				f->other_at.line,
				"%s in the password stack: its policy is not evaluated",
				fam_quote(qt, f->other, strlen(f->other)));
	}
	if (!f->have_pam && !f->defs.found) {
		chk_report(ctx, "", 0, "", NULL,
			   "no password-quality policy: no PAM configuration (/etc/pam.d) and no "
			   "/etc/login.defs");
		return;
	}
	if (!f->have_pam) {
		policy_without_pam(ctx, f, length);
		return;
	}
	if (!q && !u) {
		const struct inv_pw_src *at = f->lax.found ? &f->lax.rule : NULL;

		chk_report(ctx,
			   at            ? at->path
			   : f->entry[0] ? f->entry
					 : "/etc/pam.d",
			   at ? at->line : 0, at ? f->lax.module : "", NULL,
			   "no password-quality rule in the password stack of %s: no enforcing "
			   "pam_pwquality or pam_cracklib and no pam_unix%s",
			   f->entry[0] ? f->entry : "/etc/pam.d",
			   at ? " (the quality module there does not enforce: optional, "
				"default=ignore or enforcing=0)"
			      : "");
		return;
	}
	if (length)
		policy_length(ctx, f, q, u);
	else
		policy_classes(ctx, f, q, u);
}

static void run_policy_length(struct chk_ctx *ctx)
{
	run_policy(ctx, true);
}

static void run_policy_classes(struct chk_ctx *ctx)
{
	run_policy(ctx, false);
}

static const struct chk_def accounts_checks[] = {
	{
		.id = "ACC-001",
		.title = "account with an empty password field",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1b", "JK-HASH"),
		.examines = "the password field of /etc/passwd and /etc/shadow",
		.remediation = "lock the account (passwd -l NAME) or set a strong password",
		.run = run_empty,
	},
	{
		.id = "ACC-002",
		.title = "account with a weak password (common or derived from the account name)",
		.severity = FND_SEV_CRITICAL,
		.clauses = CHK_CLAUSES("JD-3.1b"),
		.examines = "shadow hashes (yescrypt, SHA-512/256 crypt, bcrypt, MD5 crypt, DES) "
			    "against data/passwords/common.txt and name-derived guesses, within "
			    "--password-budget seconds",
		.remediation = "set a strong password (passwd NAME) or lock the account",
		.run = run_weak,
	},
	{
		.id = "ACC-003",
		.title = "password stored with a weak scheme (DES, MD5, NT) or in plaintext",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JK-HASH"),
		.examines = "the scheme of each password hash in /etc/shadow and /etc/passwd",
		.remediation = "set ENCRYPT_METHOD YESCRYPT (or SHA512) in /etc/login.defs and the "
			       "pam_unix option, then set the password again",
		.run = run_scheme,
	},
	{
		.id = "ACC-004",
		.title = "account other than root with UID 0",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-6.1-6.2"),
		.examines = "UIDs in /etc/passwd",
		.remediation =
			"remove the account or give it its own UID; use sudo for administration",
		.run = run_uid0,
	},
	{
		.id = "ACC-005",
		.title = "account named admin or administrator",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-6.1-6.2"),
		.examines = "account names in /etc/passwd",
		.remediation = "replace the shared account with personal administrator accounts",
		.run = run_admin_name,
	},
	{
		.id = "ACC-006",
		.title = "test, demo or guest account with a login shell or a password",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1f"),
		.examines = "accounts whose name starts with test, demo, guest, sample or temp",
		.remediation = "remove the account (userdel -r NAME)",
		.run = run_test_accounts,
	},
	{
		.id = "ACC-007",
		.title = "password policy accepts passwords shorter than 8 characters",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1c"),
		.examines = "pam_pwquality / pam_cracklib / pam_unix arguments in /etc/pam.d, "
			    "/etc/security/pwquality.conf(.d), /etc/login.defs PASS_MIN_LEN",
		.remediation = "install libpam-pwquality and set minlen = 8 (or more) in "
			       "/etc/security/pwquality.conf",
		.run = run_policy_length,
	},
	{
		.id = "ACC-008",
		.title = "password policy does not demand upper, lower, digit and special "
			 "characters",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1c"),
		.examines = "minclass and the credits of pam_pwquality / pam_cracklib",
		.remediation = "set minclass = 4 in /etc/security/pwquality.conf (or dcredit, "
			       "ucredit, lcredit and ocredit = -1)",
		.run = run_policy_classes,
	},
};
const struct chk_family chk_family_accounts = {
	.name = "accounts",
	.checks = accounts_checks,
	.n_checks = IA_ARRAY_SIZE(accounts_checks),
};
