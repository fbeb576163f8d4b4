/* ssh.c — checks of the ssh family: how sshd will accept logins, from its configuration files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings come from the sshd fact (facts/svc_sshd.c): sshd_config with its Include files
 * read in place and Match blocks as contexts. As sshd applies them, the first value of a
 * keyword wins; a Match block's first value wins for the connections it matches, unless an
 * earlier block setting the keyword matches them too (the first matching block wins: a block
 * whose criteria include all of an earlier one's, or any block after "Match All", never applies
 * that keyword). A Match block that loosens a setting is reported with its criteria and line. A
 * keyword not set takes OpenSSH's default (OpenSSH 9.2, Debian 12: PermitRootLogin
 * prohibit-password, PasswordAuthentication yes, KbdInteractiveAuthentication yes, UsePAM no).
 */

#define SSHD_FILES                                                                                 \
	"/etc/ssh/sshd_config and its Include files, Match blocks (the first block that matches "  \
	"a "                                                                                       \
	"connection wins)"

/* One keyword's value for the global section or a Match block. */
struct sv {
	const char *value; /* as set, or the default */
	const char *path;  /* where, or the main file for a default */
	unsigned line;     /* 0 for a default */
	int ctx;           /* -1 global, else the Match block */
};

static const char *const aliases[][2] = {
	{"KbdInteractiveAuthentication", "ChallengeResponseAuthentication"},
	{"PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes"},
};

/* The first directive of key (or its old alias) in context ctx, or NULL. */
static const struct inv_conf_dir *first(const struct inv_conf *c, const char *key, int ctx)
{
	const struct inv_conf_dir *d = NULL;

	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *x = &c->v[i];
		bool match = strcasecmp(x->key, key) == 0;

		for (size_t a = 0; !match && a < IA_ARRAY_SIZE(aliases); a++)
			match = strcasecmp(key, aliases[a][0]) == 0 &&
				strcasecmp(x->key, aliases[a][1]) == 0;
		if (match && x->ctx == ctx) {
			d = x;
			break;
		}
	}
	return d;
}

/* The global value of key (its default when not set). */
static struct sv global(const struct inv_conf *c, const char *key, const char *dflt)
{
	const struct inv_conf_dir *d = first(c, key, -1);
	struct sv v = {dflt, c->main, 0, -1};

	if (d) {
		v.value = d->value;
		v.path = d->path;
		v.line = d->line;
	}
	return v;
}

/* The criteria of a Match line as (name, value) pairs, "All" and "Name *" dropped (they match
 * every connection); false when there are more than cap. */
struct crit {
	const char *w[2];
	size_t n[2];
};

static bool criteria(const char *args, struct crit *out, size_t cap, size_t *n)
{
	const char *p = args, *end = args + strlen(args), *w;
	size_t wn;

	*n = 0;
	while (ia_next_word(&p, end, &w, &wn)) {
		struct crit cr = {{w, NULL}, {wn, 0}};

		if (wn == 3 && strncasecmp(w, "all", 3) == 0)
			continue;
		if (!ia_next_word(&p, end, &cr.w[1], &cr.n[1]))
			return false;
		if (cr.n[1] == 1 && cr.w[1][0] == '*')
			continue;
		if (*n >= cap)
			return false;
		out[(*n)++] = cr;
	}
	return true;
}

/* Whether every connection Match block m matches is matched by the earlier block j: each of
 * j's criteria is one of m's (as written; "Match All" covers every block). */
static bool covers(const struct inv_conf *c, int j, int m)
{
	struct crit cj[16], cm[16];
	size_t nj, nm;

	if (!criteria(c->ctx[j].args, cj, 16, &nj) || !criteria(c->ctx[m].args, cm, 16, &nm))
		return false;
	for (size_t a = 0; a < nj; a++) {
		bool found = false;

		for (size_t b = 0; b < nm && !found; b++)
			found = cj[a].n[0] == cm[b].n[0] && cj[a].n[1] == cm[b].n[1] &&
				strncasecmp(cj[a].w[0], cm[b].w[0], cj[a].n[0]) == 0 &&
				memcmp(cj[a].w[1], cm[b].w[1], cj[a].n[1]) == 0;
		if (!found)
			return false;
	}
	return true;
}

/* The directive of key in Match block m that sshd applies for some connection: NULL when the
 * block does not set it, or when an earlier block that sets it matches every connection m
 * matches (sshd takes the first matching block's value: m's never applies). */
static const struct inv_conf_dir *effective(const struct inv_conf *c, const char *key, int m)
{
	const struct inv_conf_dir *d = first(c, key, m);

	for (int j = 0; d && j < m; j++)
		if (first(c, key, j) && covers(c, j, m))
			return NULL;
	return d;
}

/* Whether a Match block matching every connection (Match All, Address *) sets key: the global
 * value then never applies. */
static bool global_overridden(const struct inv_conf *c, const char *key)
{
	for (size_t m = 0; m < c->n_ctx; m++) {
		struct crit cr[16];
		size_t n;

		if (first(c, key, (int)m) && criteria(c->ctx[m].args, cr, 16, &n) && n == 0)
			return true;
	}
	return false;
}

/* The value in Match block m, or the global one when the block does not set it (or never
 * applies, see effective). */
static struct sv in_match(const struct inv_conf *c, const char *key, const char *dflt, int m)
{
	const struct inv_conf_dir *d = effective(c, key, m);
	struct sv v = global(c, key, dflt);

	if (d) {
		v.value = d->value;
		v.path = d->path;
		v.line = d->line;
		v.ctx = m;
	}
	return v;
}

/* "PermitRootLogin yes" or "PermitRootLogin prohibit-password (default)" with the Match block. */
static const char *sv_text(const struct inv_conf *c, const struct sv *v, const char *key, char *out,
			   size_t cap)
{
	if (v->ctx >= 0)
		snprintf(out, cap,
			 "%s %s (in Match %s, %s line %u; for the connections it matches)", key,
			 v->value, c->ctx[v->ctx].args, c->ctx[v->ctx].path, c->ctx[v->ctx].line);
	else
		snprintf(out, cap, "%s %s%s", key, v->value, v->line ? "" : " (default)");
	return out;
}

/*
 * Whether there is an sshd to examine: false (the check says why, or records a gap) when
 * not. What could not be read in its files is a gap of every check of the family: the first
 * that runs lists them, the others say so in one line.
 */
static bool sshd_ready(struct chk_ctx *ctx, const struct inv_conf **out)
{
	const struct inv_conf *c = &ctx->facts->svc.sshd;

	*out = c;
	if (!c->found) {
		if (fam_file(ctx, "/usr/sbin/sshd", NULL))
			chk_absent(ctx, "/usr/sbin/sshd is installed but /etc/ssh/sshd_config is "
					"absent: sshd does not start without it");
		else
			chk_absent(ctx, "no OpenSSH server configuration (/etc/ssh/sshd_config) "
					"on this image");
		return false;
	}
	if (c->issues.len && !chk_fact_issues(ctx, &c->issues)) {
		bool unread = false;

		for (size_t i = 0; i < c->issues.len; i++)
			unread |= c->issues.v[i].code != 0;
		chk_gap(ctx, unread ? c->main : NULL, 0,
			"sshd configuration read in part: %zu problem(s), listed under the "
			"first ssh check",
			c->issues.len);
	}
	chk_note(ctx, "%s and %u file(s) it includes read", c->main, c->files ? c->files - 1 : 0);
	return true;
}

/* Calls fn for the global section, then for each Match block that sets key. */
static void each_scope(struct chk_ctx *ctx, const struct inv_conf *c, const char *key,
		       const char *dflt,
		       void (*fn)(struct chk_ctx *, const struct inv_conf *, const struct sv *))
{
	struct sv g = global(c, key, dflt);

	if (!global_overridden(c, key))
		fn(ctx, c, &g);
	for (size_t m = 0; m < c->n_ctx; m++)
		if (effective(c, key, (int)m)) {
			struct sv v = in_match(c, key, dflt, (int)m);

			fn(ctx, c, &v);
		}
}

/* ---- SSH-001, SSH-002: root login ---- */

static bool root_key_only(const char *v)
{
	return strcasecmp(v, "prohibit-password") == 0 || strcasecmp(v, "without-password") == 0 ||
	       strcasecmp(v, "forced-commands-only") == 0;
}

static void root_password(struct chk_ctx *ctx, const struct inv_conf *c, const struct sv *v)
{
	char ev[IA_MAX_EVIDENCE];

	if (strcasecmp(v->value, "yes") != 0)
		return;
	chk_report(ctx, v->path, v->line, sv_text(c, v, "PermitRootLogin", ev, sizeof(ev)), NULL,
		   "sshd lets root log in with a password: %s", ev);
}

static void run_root_password(struct chk_ctx *ctx)
{
	const struct inv_conf *c;

	if (sshd_ready(ctx, &c))
		each_scope(ctx, c, "PermitRootLogin", "prohibit-password", root_password);
}

static void root_key(struct chk_ctx *ctx, const struct inv_conf *c, const struct sv *v)
{
	char ev[IA_MAX_EVIDENCE];

	if (!root_key_only(v->value))
		return;
	chk_report(ctx, v->path, v->line, sv_text(c, v, "PermitRootLogin", ev, sizeof(ev)), NULL,
		   "sshd lets root log in with a key: %s; administrators are not named", ev);
}

static void run_root_key(struct chk_ctx *ctx)
{
	const struct inv_conf *c;

	if (sshd_ready(ctx, &c))
		each_scope(ctx, c, "PermitRootLogin", "prohibit-password", root_key);
}

/* ---- SSH-003: passwords ---- */

/* Whether AuthenticationMethods lets one of the methods in `methods` succeed alone. */
static bool methods_allow_alone(const char *am, const char *const *methods, size_t n)
{
	const char *p = am, *end = am + strlen(am), *w;
	size_t wn;

	if (!am[0] || strcasecmp(am, "any") == 0)
		return true;
	while (ia_next_word(&p, end, &w, &wn)) {
		if (memchr(w, ',', wn))
			continue; /* a list of two or more methods */
		for (size_t i = 0; i < n; i++) {
			size_t ml = strlen(methods[i]);

			if (wn >= ml && strncasecmp(w, methods[i], ml) == 0 &&
			    (wn == ml || w[ml] == ':'))
				return true;
		}
	}
	return false;
}

static void run_password(struct chk_ctx *ctx)
{
	static const char *const pw[] = {"password"}, *const kbd[] = {"keyboard-interactive"};
	const struct inv_conf *c;
	int n_scopes;

	if (!sshd_ready(ctx, &c))
		return;
	n_scopes = (int)c->n_ctx;
	for (int m = -1; m < n_scopes; m++) {
		struct sv pa = m < 0 ? global(c, "PasswordAuthentication", "yes")
				     : in_match(c, "PasswordAuthentication", "yes", m);
		struct sv kb = m < 0 ? global(c, "KbdInteractiveAuthentication", "yes")
				     : in_match(c, "KbdInteractiveAuthentication", "yes", m);
		struct sv am = m < 0 ? global(c, "AuthenticationMethods", "any")
				     : in_match(c, "AuthenticationMethods", "any", m);
		struct sv pam = global(c, "UsePAM", "no");
		char ev[IA_MAX_EVIDENCE];

		/* a Match block that changes none of them repeats the global verdict; the global
		 * one never applies when blocks matching every connection set them */
		if (m >= 0 && pa.ctx < 0 && kb.ctx < 0 && am.ctx < 0)
			continue;
		if (m < 0 && ((global_overridden(c, "PasswordAuthentication") &&
			       global_overridden(c, "KbdInteractiveAuthentication")) ||
			      global_overridden(c, "AuthenticationMethods")))
			continue;
		if (ia_yes(pa.value, strlen(pa.value)) &&
		    methods_allow_alone(am.value, pw, IA_ARRAY_SIZE(pw)))
			chk_report(ctx, pa.path, pa.line,
				   sv_text(c, &pa, "PasswordAuthentication", ev, sizeof(ev)), NULL,
				   "sshd accepts a password alone: %s", ev);
		else if (ia_yes(kb.value, strlen(kb.value)) &&
			 ia_yes(pam.value, strlen(pam.value)) &&
			 methods_allow_alone(am.value, kbd, IA_ARRAY_SIZE(kbd)))
			chk_report(ctx, kb.path, kb.line,
				   sv_text(c, &kb, "KbdInteractiveAuthentication", ev, sizeof(ev)),
				   NULL,
				   "sshd accepts a password alone through PAM: %s with UsePAM yes",
				   ev);
	}
}

/* ---- SSH-004: empty passwords ---- */

static void empty_pw(struct chk_ctx *ctx, const struct inv_conf *c, const struct sv *v)
{
	char ev[IA_MAX_EVIDENCE];

	if (!ia_yes(v->value, strlen(v->value)))
		return;
	chk_report(ctx, v->path, v->line, sv_text(c, v, "PermitEmptyPasswords", ev, sizeof(ev)),
		   NULL, "sshd lets accounts with an empty password log in: %s", ev);
}

static void run_empty(struct chk_ctx *ctx)
{
	const struct inv_conf *c;

	if (sshd_ready(ctx, &c))
		each_scope(ctx, c, "PermitEmptyPasswords", "no", empty_pw);
}

/* ---- SSH-005: weak algorithms ---- */

/* An algorithm of an obsolete primitive: CBC or RC4 ciphers, MD5, SHA-1, 64-bit MACs, 1024-bit
 * DH groups, DSA keys, RSA signatures with SHA-1 (ssh-rsa). */
static bool weak_alg(const char *a, size_t n)
{
	static const char *const parts[] = {"-cbc",    "arcfour", "3des",    "md5",     "sha1",
					    "umac-64", "ripemd",  "ssh-dss", "group1-", "cbc@"};
	char s[128];

	if (n == 0 || n >= sizeof(s))
		return false;
	for (size_t i = 0; i < n; i++)
		s[i] = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
	s[n] = '\0';
	if (strcmp(s, "none") == 0 || strcmp(s, "ssh-rsa") == 0 ||
	    strcmp(s, "ssh-rsa-cert-v01@openssh.com") == 0)
		return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(parts); i++)
		if (strstr(s, parts[i]))
			return true;
	return false;
}

static void weak_list(struct chk_ctx *ctx, const struct inv_conf *c, const struct sv *v,
		      const char *key)
{
	const char *p = v->value;
	char weak[IA_MAX_EVIDENCE] = "", ev[IA_MAX_EVIDENCE];
	size_t wl = 0;

	if (v->line == 0 || p[0] == '-')
		return; /* the default, or algorithms removed from it */
	if (p[0] == '+' || p[0] == '^')
		p++;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (weak_alg(p, n) && wl + n + 2 < sizeof(weak))
			wl += (size_t)snprintf(weak + wl, sizeof(weak) - wl, "%s%.*s",
					       wl ? "," : "", (int)n, p);
		p += n + (p[n] == ',');
	}
	if (!wl)
		return;
	chk_report(ctx, v->path, v->line, sv_text(c, v, key, ev, sizeof(ev)), NULL,
		   "sshd offers weak %s: %s", key, weak);
}

static void run_weak_algs(struct chk_ctx *ctx)
{
	static const char *const keys[] = {"Ciphers",
					   "MACs",
					   "KexAlgorithms",
					   "HostKeyAlgorithms",
					   "PubkeyAcceptedAlgorithms",
					   "CASignatureAlgorithms",
					   "HostbasedAcceptedAlgorithms"};
	const struct inv_conf *c;

	if (!sshd_ready(ctx, &c))
		return;
	for (size_t k = 0; k < IA_ARRAY_SIZE(keys); k++) {
		struct sv g = global(c, keys[k], "");

		if (!global_overridden(c, keys[k]))
			weak_list(ctx, c, &g, keys[k]);
		for (size_t m = 0; m < c->n_ctx; m++)
			if (effective(c, keys[k], (int)m)) {
				struct sv v = in_match(c, keys[k], "", (int)m);

				weak_list(ctx, c, &v, keys[k]);
			}
	}
}

/* ---- SSH-006: second factor ---- */

/* true when every method list of AuthenticationMethods names two methods or more. */
static bool two_factors(const char *am)
{
	const char *p = am, *end = am + strlen(am), *w;
	size_t wn;
	bool any = false;

	if (strcasecmp(am, "any") == 0)
		return false;
	while (ia_next_word(&p, end, &w, &wn)) {
		if (!memchr(w, ',', wn))
			return false;
		any = true;
	}
	return any;
}

/* The one-time-password or hardware-token module in sshd's PAM auth stack, or NULL. */
static const struct inv_conf_dir *pam_second_factor(const struct inv_facts *f)
{
	static const char *const mods[] = {"pam_google_authenticator.so",
					   "pam_u2f.so",
					   "pam_oath.so",
					   "pam_duo.so",
					   "pam_yubico.so",
					   "pam_radius_auth.so",
					   "pam_totp.so"};
	const struct inv_conf *pam = &f->svc.sshd_pam;

	for (size_t i = 0; i < pam->n; i++) {
		if (strcmp(pam->v[i].key, "auth") != 0)
			continue;
		for (size_t k = 0; k < IA_ARRAY_SIZE(mods); k++)
			if (strstr(pam->v[i].value, mods[k]))
				return &pam->v[i];
	}
	return NULL;
}

static void run_second_factor(struct chk_ctx *ctx)
{
	const struct inv_conf *c;
	const struct inv_conf_dir *otp;
	struct sv am;
	char ev[IA_MAX_EVIDENCE];

	if (!sshd_ready(ctx, &c))
		return;
	if (ctx->facts->svc.sshd_pam.issues.len)
		chk_fact_issues(ctx, &ctx->facts->svc.sshd_pam.issues);
	am = global(c, "AuthenticationMethods", "any");
	otp = pam_second_factor(ctx->facts);
	sv_text(c, &am, "AuthenticationMethods", ev, sizeof(ev));
	if (two_factors(am.value)) {
		chk_note(ctx, "%s: every login needs two methods%s%s", ev,
			 otp ? "; PAM auth stack has " : "", otp ? otp->value : "");
		return;
	}
	if (otp)
		chk_report(ctx, am.path, am.line, ev, NULL,
			   "no second factor for SSH logins: %s; the one-time-password module of "
			   "%s line %u is skipped by a login with a key",
			   ev, otp->path, otp->line);
	else
		chk_report(ctx, am.path, am.line, ev, NULL,
			   "no second factor for SSH logins: %s, and no one-time-password or "
			   "token module in /etc/pam.d/sshd",
			   ev);
}

/* ---- SSH-007: who may log in from where ---- */

static bool wildcard_addr(const char *v)
{
	const char *p = v;
	size_t n;

	/* "0.0.0.0", "::", "*", with an optional ":port", "[::]:22" or "rdomain" words */
	n = strcspn(p, " ");
	return (n >= 7 && strncmp(p, "0.0.0.0", 7) == 0) || (n >= 2 && strncmp(p, "::", 2) == 0) ||
	       (n >= 4 && strncmp(p, "[::]", 4) == 0) || p[0] == '*' || n == 0;
}

static void run_access(struct chk_ctx *ctx)
{
	const struct inv_conf *c;
	const struct inv_conf_dir *au = NULL, *ag = NULL;
	bool listen_specific = false, listen_any = false, users_by_host = true;
	char ev[IA_MAX_EVIDENCE];

	if (!sshd_ready(ctx, &c))
		return;
	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];

		if (d->ctx != -1)
			continue;
		if (strcasecmp(d->key, "ListenAddress") == 0) {
			if (wildcard_addr(d->value))
				listen_any = true;
			else
				listen_specific = true;
		} else if (strcasecmp(d->key, "AllowUsers") == 0) {
			const char *p = d->value, *end = p + strlen(p), *w;
			size_t wn;

			if (!au)
				au = d;
			while (ia_next_word(&p, end, &w, &wn)) {
				const char *at = memchr(w, '@', wn);

				if (!at || (size_t)(at - w) + 1 == wn ||
				    (wn - (size_t)(at - w) == 2 && at[1] == '*'))
					users_by_host = false;
			}
		} else if (strcasecmp(d->key, "AllowGroups") == 0 && !ag) {
			ag = d;
		}
	}
	if (listen_specific && !listen_any) {
		chk_note(ctx, "sshd listens on chosen addresses only (ListenAddress)");
		return;
	}
	if (au && users_by_host && !ag) {
		chk_note(ctx,
			 "AllowUsers names the hosts each account may log in from (%s line %u)",
			 au->path, au->line);
		return;
	}
	snprintf(ev, sizeof(ev), "ListenAddress %s; AllowUsers %s; AllowGroups %s",
		 listen_any ? "on every address" : "not set (every address)",
		 au ? au->value : "not set", ag ? ag->value : "not set");
	chk_report(ctx, au ? au->path : c->main, au ? au->line : 0, ev, NULL,
		   "sshd accepts logins from every address%s: %s",
		   au || ag ? "" : " for every account", ev);
}

static const struct chk_def ssh_checks[] = {
	{
		.id = "SSH-001",
		.title = "root may log in over SSH with a password",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-6.1-6.2", "SR-6.3"),
		.examines = "PermitRootLogin in " SSHD_FILES,
		.remediation = "Set PermitRootLogin no in /etc/ssh/sshd_config (before any Include "
			       "or Match: sshd takes the first value); administrators log in with "
			       "their own accounts and use sudo",
		.run = run_root_password,
	},
	{
		.id = "SSH-002",
		.title = "root may log in over SSH with a key",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-6.1-6.2"),
		.examines = "PermitRootLogin in " SSHD_FILES
			    " (OpenSSH's default prohibit-password counts)",
		.remediation = "Set PermitRootLogin no in /etc/ssh/sshd_config; administrators log "
			       "in with their own accounts and use sudo",
		.run = run_root_key,
	},
	{
		.id = "SSH-003",
		.title = "SSH login with a password alone",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-6.4"),
		.examines = "PasswordAuthentication (default yes), KbdInteractiveAuthentication "
			    "with UsePAM, AuthenticationMethods in " SSHD_FILES,
		.remediation =
			"Set PasswordAuthentication no and KbdInteractiveAuthentication no in "
			"/etc/ssh/sshd_config (or AuthenticationMethods "
			"publickey,keyboard-interactive with a one-time-password PAM module)",
		.run = run_password,
	},
	{
		.id = "SSH-004",
		.title = "SSH login with an empty password allowed",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-6.4"),
		.examines = "PermitEmptyPasswords in " SSHD_FILES,
		.remediation =
			"Set PermitEmptyPasswords no (or remove the line: no is the default)",
		.run = run_empty,
	},
	{
		.id = "SSH-005",
		.title = "weak SSH algorithms offered",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-5.3"),
		.examines = "Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms, "
			    "PubkeyAcceptedAlgorithms, CASignatureAlgorithms, "
			    "HostbasedAcceptedAlgorithms in " SSHD_FILES
			    ": CBC, RC4, 3DES, MD5, SHA-1, umac-64, DSA, ssh-rsa, DH group 1",
		.remediation =
			"Remove the line to use OpenSSH's defaults, or list only modern "
			"algorithms (Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh."
			"com,aes128-gcm@openssh.com,aes256-ctr; MACs "
			"hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com)",
		.run = run_weak_algs,
	},
	{
		.id = "SSH-006",
		.title = "no second factor for SSH logins",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-6.4"),
		.examines =
			"AuthenticationMethods in " SSHD_FILES
			"; one-time-password and token modules (pam_google_authenticator, "
			"pam_u2f, pam_oath, pam_duo, pam_yubico) in /etc/pam.d/sshd and what it "
			"includes",
		.remediation =
			"Install a second factor (libpam-google-authenticator or "
			"libpam-u2f), add it to /etc/pam.d/sshd and set AuthenticationMethods "
			"publickey,keyboard-interactive with KbdInteractiveAuthentication yes",
		.run = run_second_factor,
	},
	{
		.id = "SSH-007",
		.title = "SSH logins not limited to chosen addresses",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-6.3"),
		.examines = "ListenAddress, AllowUsers (user@host), AllowGroups in " SSHD_FILES,
		.remediation =
			"Limit where administrators log in from: ListenAddress on the "
			"management network only, or AllowUsers user@10.0.0.0/8 entries (and a "
			"host firewall allowing port 22 from those networks only)",
		.run = run_access,
	},
};
const struct chk_family chk_family_ssh = {
	.name = "ssh",
	.checks = ssh_checks,
	.n_checks = IA_ARRAY_SIZE(ssh_checks),
};
