/* secrets.c — the secrets family: cloud keys, API tokens, database URLs with passwords and private
 * keys in file contents (one literal-prefiltered pass), and credential files by name */
/* SPDX-License-Identifier: Apache-2.0 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/limits.h"

#include "checks/check.h"
#include "checks/fam_util.h"
#include "checks/malware.h"
#include "checks/secrets.h"
#include "checks/tls.h"
#include "target/target.h"

#include "util/banned.h"

/*
 * The content scan (SEC-001) reads every regular file outside what the distribution's packages
 * own wholesale (/usr except /usr/local, /bin, /sbin, /lib*, the package databases and caches;
 * /proc, /sys, /dev, /run, /boot) up to IA_MAX_SECRET_SCAN bytes, whole, in the content pass
 * the integrity and malware families read with (malware.h), and looks, at each position,
 * whether the two bytes there start one of a handful of literal prefixes (one bit of a 64 Kbit
 * table); only there a validator reads on. No regular expression engine: the patterns are fixed
 * prefixes with fixed alphabets and lengths, which this does at memory speed (bench/secrets.sh).
 *
 * Not secrets: documentation and test values (AKIAIOSFODNN7EXAMPLE, the Azurite account key,
 * values holding EXAMPLE, TEST, DUMMY, FAKE, SAMPLE or too few distinct characters),
 * placeholders in URLs (${VAR}, <password>, ***), and third-party packages' own test and
 * example directories (node_modules, site-packages, vendor: test/, tests/, testdata/, fixtures/,
 * examples/, docs/). A finding names the file, the line and a redacted form of the value:
 * the prefix and its length, never the secret.
 */

/* ---- scope ---- */

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

static bool in_scope(const char *path)
{
	static const char *const skip[] = {"/proc",          "/sys",           "/dev",
					   "/run",           "/boot",          "/bin",
					   "/sbin",          "/lib",           "/lib32",
					   "/lib64",         "/libx32",        "/var/lib/dpkg",
					   "/var/lib/apt",   "/var/cache/apt", "/var/lib/rpm",
					   "/var/cache/dnf", "/var/cache/yum", "/lib/apk",
					   "/var/cache/apk", "/etc/ssl/certs", "/etc/pki/ca-trust"};

	if (under(path, "/usr") && !under(path, "/usr/local"))
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(skip); i++)
		if (under(path, skip[i]))
			return false;
	return true;
}

bool chk_secrets_vendored_test(const char *path)
{
	static const char *const pkg[] = {"/node_modules/", "/site-packages/", "/dist-packages/",
					  "/vendor/"};
	static const char *const dirs[] = {"/test/",     "/tests/",    "/testdata/", "/__tests__/",
					   "/fixtures/", "/examples/", "/docs/",     "/doc/"};
	const char *p = NULL;

	for (size_t i = 0; i < IA_ARRAY_SIZE(pkg) && !p; i++)
		p = strstr(path, pkg[i]);
	if (!p)
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(dirs); i++)
		if (strstr(p, dirs[i]))
			return true;
	return false;
}

/* ---- credential files by name (SEC-002) ---- */

enum cred_kind {
	CRED_NONE,
	CRED_NETRC,
	CRED_GITCRED,
	CRED_DOCKER,
	CRED_PGPASS,
	CRED_KUBE,
	CRED_ENV
};

static enum cred_kind cred_kind(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	if (strcmp(b, ".netrc") == 0 || strcmp(b, "_netrc") == 0)
		return CRED_NETRC;
	if (strcmp(b, ".git-credentials") == 0)
		return CRED_GITCRED;
	if (strcmp(b, "config.json") == 0 && strstr(path, "/.docker/"))
		return CRED_DOCKER;
	if (strcmp(b, ".pgpass") == 0)
		return CRED_PGPASS;
	if ((strcmp(b, "config") == 0 && strstr(path, "/.kube/")) || strcmp(b, "kubeconfig") == 0 ||
	    strcmp(b, "admin.conf") == 0 || strcmp(b, "kubelet.conf") == 0)
		return strstr(path, "/.kube/") || under(path, "/etc/kubernetes") ? CRED_KUBE
										 : CRED_NONE;
	if (strcmp(b, ".env") == 0 ||
	    (strncmp(b, ".env.", 5) == 0 && !strstr(b, "example") && !strstr(b, "sample") &&
	     !strstr(b, "template") && !strstr(b, "dist")))
		return CRED_ENV;
	return CRED_NONE;
}

bool chk_secrets_cred_file(const char *path)
{
	return cred_kind(path) != CRED_NONE;
}

/* ---- SEC-001 ---- */

/* One secret found in a file, kept until SEC-001 reports it (the value redacted already). */
struct sec_rec {
	const char *what; /* static */
	unsigned line;
	bool key; /* a private key */
	char value[128];
};

struct chk_sec_found {
	size_t n;    /* secrets found (those a key or ELF file holds left out) */
	size_t kept; /* of them in rec, in file order: at most IA_MAX_TLS_LISTED */
	struct sec_rec *rec;
};

/* What the scan of one file holds: its bytes, how far lines are counted, what it found. */
struct sec_run {
	const unsigned char *block;
	unsigned line;   /* line number at line_off */
	size_t line_off; /* offset in block counted up to */
	bool key_file;   /* the tls family reads this file's keys */
	bool elf;        /* the file is an ELF program or library */
	struct chk_sec_found *found;
};

static void redact(char *out, size_t cap, const unsigned char *v, size_t len, size_t show)
{
	size_t o = 0;

	if (show > len)
		show = len;
	if (show > 48)
		show = 48;
	for (size_t i = 0; i < show && o + 1 < cap; i++)
		out[o++] = (v[i] >= 0x20 && v[i] < 0x7f) ? (char)v[i] : '?';
	snprintf(out + o, cap - o, "%s[%zu chars redacted]", show ? "" : "", len - show);
}

static void on_hit(void *arg, const struct chk_secret_hit *h)
{
	struct sec_run *r = arg;
	struct chk_sec_found *f = r->found;
	struct sec_rec *rec;
	bool key = strcmp(h->what, "private key") == 0;

	if (key && r->key_file)
		return; /* TLS-006 (or LEFT-010 for SSH host keys) reports it */
	if (key && r->elf)
		return; /* the self-test vectors of a crypto library (GnuTLS, OpenSSL FIPS) */
	for (; r->line_off < h->off; r->line_off++)
		r->line += r->block[r->line_off] == '\n';
	if (!f)
		f = r->found = ia_xcalloc(1, sizeof(*f));
	if (f->n++ >= IA_MAX_TLS_LISTED)
		return; /* counted: SEC-001 lists IA_MAX_TLS_LISTED in all */
	f->rec = ia_xreallocarray(f->rec, f->kept + 1, sizeof(*f->rec));
	rec = &f->rec[f->kept++];
	*rec = (struct sec_rec){.what = h->what, .line = r->line, .key = key};
	if (key)
		snprintf(rec->value, sizeof(rec->value), "%.*s", (int)(h->len < 60 ? h->len : 60),
			 (const char *)r->block + h->off);
	else if (h->show == 0 && h->off > 0 && r->block[h->off - 1] == ':') {
		/* a URL: its scheme and user, up to the password */
		size_t st = h->off - 1;
		char tail[48];

		while (st > 0 && h->off - st < 60 && !strchr(" \t\n\"'=`", r->block[st - 1]))
			st--;
		redact(tail, sizeof(tail), r->block + h->off, h->len, 0);
		snprintf(rec->value, sizeof(rec->value), "%.*s%s@…", (int)(h->off - st),
			 (const char *)r->block + st, tail);
		for (char *c = rec->value; *c; c++)
			if ((unsigned char)*c < 0x20)
				*c = '?';
	} else
		redact(rec->value, sizeof(rec->value), r->block + h->off, h->len, h->show);
}

struct chk_sec_found *chk_secrets_file(const char *path, const void *buf, size_t n)
{
	struct sec_run r = {.block = buf, .line = 1};

	r.key_file = chk_tls_candidate(path) ||
		     (under(path, "/etc/ssh") && strncmp(fam_basename(path), "ssh_host_", 9) == 0);
	r.elf = n >= 4 && memcmp(buf, "\177ELF", 4) == 0;
	chk_secrets_scan(buf, n, n, on_hit, &r);
	return r.found;
}

void chk_secrets_found_free(struct chk_sec_found *f)
{
	if (!f)
		return;
	free(f->rec);
	free(f);
}

/* What SEC-001 does with one entry of the index, in index order: files counts those read. */
enum sec_pick { PICK_NO, PICK_READ, PICK_BIG, PICK_OVER };

static enum sec_pick pick(const struct tgt_entry *e, size_t *files)
{
	if (!S_ISREG(e->mode) || !e->size || !in_scope(e->path) ||
	    chk_secrets_vendored_test(e->path) ||
	    (chk_secrets_cred_file(e->path) && cred_kind(e->path) != CRED_ENV))
		return PICK_NO;
	if (*files >= IA_MAX_SECRET_FILES)
		return PICK_OVER;
	if (e->size > IA_MAX_SECRET_SCAN)
		return PICK_BIG;
	++*files;
	return PICK_READ;
}

size_t *chk_secrets_list(const struct tgt *t, size_t *n)
{
	size_t *v = NULL, cap = 0, files = 0;

	*n = 0;
	for (size_t i = 0, count = tgt_count(t); i < count; i++) {
		if (pick(tgt_at(t, i), &files) != PICK_READ)
			continue;
		ia_grow(&v, sizeof(*v), *n + 1, &cap);
		v[(*n)++] = i;
	}
	return v;
}

static void report_found(struct chk_ctx *ctx, const char *path, const struct chk_sec_found *f,
			 size_t *listed)
{
	char fix[FAM_MAX_FIX];

	for (size_t k = 0; k < f->kept; k++) {
		const struct sec_rec *rec = &f->rec[k];

		if (++*listed > IA_MAX_TLS_LISTED)
			continue;
		if (rec->key)
			fam_fix(fix,
				"Remove the private key from %s and provision it per instance at "
				"deployment "
				"(a secret store or a mounted file, mode 600)",
				path);
		else
			fam_fix(fix,
				"Revoke and rotate this credential now (it is in every copy of the "
				"image), remove it from %s and inject it at run time (secret "
				"store, "
				"environment at deployment, instance role)",
				path);
		chk_report(ctx, path, rec->line, rec->value, fix, "%s in %s", rec->what, path);
	}
	*listed += f->n - f->kept;
}

/* A file over IA_MAX_SECRET_SCAN: listed (the first IA_MAX_SECRET_BIG_LISTED) as not examined,
 * without failing a gate (it was not unreadable, only too big to be read for this). */
static void report_big(struct chk_ctx *ctx, const struct tgt_entry *e, size_t big)
{
	if (big > IA_MAX_SECRET_BIG_LISTED)
		return;
	chk_gap_clauses(ctx, ctx->cur->clause_list, false, e->path, 0,
			"file not scanned for secrets: %llu bytes, over the %u MiB limit of the "
			"secret scan",
			(unsigned long long)e->size, IA_MAX_SECRET_SCAN >> 20);
}

/* SEC-001: the files are read in the content pass shared with the integrity and malware
 * families (malware.h: each file read once, on every core); what it found in each is
 * reported here in index order, so the findings do not depend on which thread read what. */
static void run_content(struct chk_ctx *ctx)
{
	struct chk_mal *m = chk_mal_secrets(ctx);
	size_t files = 0, over = 0, big = 0, listed = 0;

	if (!m) {
		chk_gap(ctx, NULL, 0, "secret scan not run: out of memory");
		return;
	}
	for (size_t i = 0, n = tgt_count(ctx->tgt); i < n; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const struct chk_sec_found *f;
		int code;

		switch (pick(e, &files)) {
		case PICK_NO:
			continue;
		case PICK_OVER:
			over++;
			continue;
		case PICK_BIG:
			report_big(ctx, e, ++big);
			continue;
		case PICK_READ:
			break;
		}
		if (!chk_mal_secret_of(m, e, &code, &f))
			code = -EIO; /* not in the pass: cannot happen */
		if (code < 0)
			chk_gap(ctx, e->path, 0, "file not scanned for secrets: %s",
				ia_strerror(code));
		else if (f)
			report_found(ctx, e->path, f, &listed);
	}
	if (big > IA_MAX_SECRET_BIG_LISTED)
		chk_gap_clauses(ctx, ctx->cur->clause_list, false, "/", 0,
				"%zu more files not scanned for secrets: over the %u MiB limit of "
				"the secret scan",
				big - IA_MAX_SECRET_BIG_LISTED, IA_MAX_SECRET_SCAN >> 20);
	if (over)
		chk_gap(ctx, NULL, 0, "%zu files not scanned for secrets (more than %u)", over,
			IA_MAX_SECRET_FILES);
	if (listed > IA_MAX_TLS_LISTED)
		chk_report(ctx, "/", 0, "", NULL, "%zu more secrets not listed",
			   listed - IA_MAX_TLS_LISTED);
	/* no time here: the note is part of the clause verdicts, which two audits of one image
	 * give alike (bench/secrets.sh measures the speed) */
	chk_note(ctx, "%zu files (%llu bytes) outside /usr scanned for secrets", files,
		 chk_mal_secret_bytes(m));
}

/* ---- SEC-002: credential files ---- */

static bool has_value(const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '"' || *v == '\'')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '"' || v[n - 1] == '\'' || v[n - 1] == ','))
		n--;
	return n && !chk_secrets_not_secret(v, n) && !(n == 2 && memcmp(v, "{}", 2) == 0);
}

static bool ci_has(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= n; i++)
		if (strncasecmp(s + i, word, w) == 0)
			return true;
	return false;
}

static bool secret_name(const char *k, size_t n)
{
	static const char *const words[] = {"PASSWORD",    "PASSWD",     "SECRET",
					    "TOKEN",       "API_KEY",    "APIKEY",
					    "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(words); i++)
		if (ci_has(k, n, words[i]))
			return true;
	return false;
}

/* What line l (length n) of a credential file of kind k holds, or NULL. */
static const char *cred_line(enum cred_kind k, const char *l, size_t n, bool *in_auths)
{
	const char *p;

	switch (k) {
	case CRED_NETRC:
		for (p = l; (p = strstr(p, "password")) != NULL && (size_t)(p - l) < n; p += 8)
			if ((p == l || p[-1] == ' ' || p[-1] == '\t') &&
			    has_value(p + 8, n - (size_t)(p + 8 - l)))
				return "password in .netrc";
		return NULL;
	case CRED_GITCRED:
		p = memchr(l, '@', n);
		return p && memchr(l, ':', (size_t)(p - l)) && strstr(l, "://")
			       ? "stored git credential (URL with a password or token)"
			       : NULL;
	case CRED_DOCKER:
		if (strstr(l, "\"auths\""))
			*in_auths = true;
		p = strstr(l, "\"auth\"");
		if (!p)
			p = strstr(l, "\"identitytoken\"");
		if (p && (p = strchr(p + 6, ':')) != NULL)
			return has_value(p + 1, n - (size_t)(p + 1 - l))
				       ? "registry credential in docker config.json"
				       : NULL;
		return NULL;
	case CRED_PGPASS: {
		unsigned colons = 0;

		if (n && l[0] == '#')
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (l[i] == ':' && (i == 0 || l[i - 1] != '\\') && ++colons == 4)
				return has_value(l + i + 1, n - i - 1) ? "password in .pgpass"
								       : NULL;
		return NULL;
	}
	case CRED_KUBE: {
		static const char *const keys[] = {"token:", "client-key-data:", "password:"};

		for (size_t i = 0; i < IA_ARRAY_SIZE(keys); i++) {
			size_t kl = strlen(keys[i]);

			if (n > kl && strncmp(l, keys[i], kl) == 0 && has_value(l + kl, n - kl))
				return "credential in a kubeconfig";
		}
		return NULL;
	}
	case CRED_ENV: {
		const char *eq;

		if (n && l[0] == '#')
			return NULL;
		if (n > 7 && strncmp(l, "export ", 7) == 0) {
			l += 7;
			n -= 7;
		}
		eq = memchr(l, '=', n);
		/* a token or URL SEC-001 recognises is SEC-001's */
		if (!eq || !secret_name(l, (size_t)(eq - l)) ||
		    chk_secrets_scan((const unsigned char *)l, n, n, NULL, NULL))
			return NULL;
		return has_value(eq + 1, n - (size_t)(eq + 1 - l)) ? "secret in a .env file" : NULL;
	}
	default:
		return NULL;
	}
}

static void run_cred_files(struct chk_ctx *ctx)
{
	size_t seen = 0, listed = 0;

	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		enum cred_kind k;
		struct fam_text t = {0};
		const char *l;
		size_t n;
		bool auths = false;

		if (!S_ISREG(e->mode) || !in_scope(e->path) || chk_secrets_vendored_test(e->path))
			continue;
		k = cred_kind(e->path);
		if (k == CRED_NONE)
			continue;
		seen++;
		if (!fam_text_open(ctx, &t, e->path, IA_MAX_SECRET_FILE)) {
			fam_text_close(&t);
			continue;
		}
		while (fam_next_line(ctx, &t, &l, &n)) {
			char buf[1024], v[96], fix[FAM_MAX_FIX];
			const char *what;

			if (n >= sizeof(buf))
				continue;
			memcpy(buf, l, n);
			buf[n] = 0;
			what = cred_line(k, buf, n, &auths);
			if (!what || ++listed > IA_MAX_TLS_LISTED)
				continue;
			snprintf(v, sizeof(v), "mode %04o, value redacted", e->mode & 07777);
			chk_report(
				ctx, e->path, t.c.lineno, v,
				fam_fix(fix,
					"Rotate the credential and remove %s from the image; give "
					"it at run time (secret store, mounted file, credential "
					"helper)",
					e->path),
				"%s: %s", what, e->path);
		}
		fam_text_close(&t);
	}
	if (listed > IA_MAX_TLS_LISTED)
		chk_report(ctx, "/", 0, "", NULL, "%zu more stored credentials not listed",
			   listed - IA_MAX_TLS_LISTED);
	if (!seen)
		chk_absent(ctx, "no .netrc, .git-credentials, docker config.json, .pgpass, "
				"kubeconfig or .env file outside /usr");
	else
		chk_note(ctx, "%zu credential files read", seen);
}

static const struct chk_def secrets_checks[] = {
	{
		.id = "SEC-001",
		.title = "cloud key, API token, database password or private key in a file",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-4.4", "JK-KEYS", "JD-4.1g"),
		.examines =
			"the contents of every regular file up to 16 MiB outside /usr (except "
			"/usr/local), /bin, /sbin, /lib*, package databases and caches and the "
			"trust store, from the read integrity and MAL-001 share (bigger files are "
			"listed as not examined): AWS "
			"(AKIA/ASIA key IDs, aws_secret_access_key), Alibaba Cloud (LTAI), Tencent "
			"Cloud (AKID), JD Cloud (JDC_) AccessKey IDs, GCP service account keys, "
			"Azure storage account keys, GitHub, GitLab, Slack and Stripe live tokens, "
			"database and broker URLs with a password, PEM private keys in files that "
			"are not key files (TLS-006 reports those); documentation and test values "
			"are not reported",
		.remediation =
			"Revoke and rotate the credential, remove it from the image and give "
			"it at run time (secret store, instance role, mounted secret)",
		.run = run_content,
	},
	{
		.id = "SEC-002",
		.title = "credential file with a stored password or token",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-4.4", "JD-4.1g"),
		.examines =
			".netrc, .git-credentials, .docker/config.json (auths), .pgpass, "
			"kubeconfigs (.kube/config, /etc/kubernetes/*.conf) and .env files (keys "
			"naming a password, secret, token or key; .env.example and the like "
			"skipped) outside /usr",
		.remediation = "Remove the file from the image (or the credential from it) and "
			       "rotate the credential; use a credential helper or a secret mounted "
			       "at run time",
		.run = run_cred_files,
	},
};

const struct chk_family chk_family_secrets = {
	.name = "secrets",
	.checks = secrets_checks,
	.n_checks = IA_ARRAY_SIZE(secrets_checks),
};
