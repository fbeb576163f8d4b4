/* persistence.c — the persistence family: what makes a backdoor survive a reboot or a login —
 * cron, systemd units, init scripts, shell startup files, preloading, PAM and NSS modules, kernel
 * modules, sudoers — and executables hidden in temporary and dot directories */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/banned.h"

/*
 * Behaviours, not samples: a command line is suspicious when it opens a shell to the network
 * (/dev/tcp, nc -e, socat exec:, an interactive shell redirected to a socket, python/perl/php
 * socket one-liners), pipes a download or a base64 decode into an interpreter, runs a program
 * from /tmp, /var/tmp or /dev/shm, or (for cron entries and unit Exec lines, where a program
 * path is a single word) runs one from a hidden directory or named like a kernel thread. Every
 * finding quotes the line with its file and line number.
 */

#define PER_RULE_HIDDEN 1u   /* a program in a dot-directory or named like a kernel thread */
#define PER_RULES_SCRIPT 0u  /* shell scripts: rc files use dot-files legitimately */
#define PER_RULES_COMMAND 1u /* cron entries and unit Exec lines */

/* Bytes of one file read as text here (a crontab, a unit, a script, sudoers). */
#define PER_MAX_FILE (4u * 1024 * 1024)
/* Files of one directory of scripts or units examined (real: a few hundred). */
#define PER_MAX_DIR_FILES 20000u

static bool has(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return true;
	return false;
}

/* Where needle occurs in (s, n), or NULL. */
static const char *find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/* After a '|' of (s, n): the interpreter it feeds, when it is one. */
static bool pipes_to_shell(const char *s, size_t n)
{
	static const char *const interp[] = {"sh",  "bash",   "dash",    "zsh",  "ksh",
					     "ash", "python", "python3", "perl", "php"};

	for (const char *p = s; (p = memchr(p, '|', (size_t)(s + n - p)));) {
		const char *w, *e = s + n;
		size_t wn;

		p++;
		if (p < e && *p == '|') { /* || */
			p++;
			continue;
		}
		while (p < e && isspace((unsigned char)*p))
			p++;
		if ((size_t)(e - p) > 5 && strncmp(p, "sudo ", 5) == 0)
			p += 5;
		w = p;
		/* the word ends at a quote too: bash -c 'curl ... | sh' */
		while (p < e && !isspace((unsigned char)*p) && !strchr(";)'\"`", *p))
			p++;
		wn = (size_t)(p - w);
		for (const char *q = w; q < w + wn; q++) /* the basename of /bin/bash */
			if (*q == '/') {
				wn -= (size_t)(q + 1 - w);
				w = q + 1;
			}
		for (size_t i = 0; i < IA_ARRAY_SIZE(interp); i++)
			if (wn == strlen(interp[i]) && memcmp(w, interp[i], wn) == 0)
				return true;
	}
	return false;
}

/* Names of kernel threads a disguised process takes ("[kworker/0:1]", "kswapd0"): the name alone
 * or followed by a digit, '/' or ':'. */
static bool kthread_name(const char *b, size_t n)
{
	static const char *const names[] = {"kworker",    "kthreadd",  "ksoftirqd", "kswapd",
					    "kblockd",    "migration", "rcu_sched", "kdevtmpfs",
					    "khugepaged", "kauditd"};

	if (n && b[0] == '[')
		return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++) {
		size_t k = strlen(names[i]);

		if (n >= k && strncmp(b, names[i], k) == 0 &&
		    (n == k || isdigit((unsigned char)b[k]) || b[k] == '/' || b[k] == ':'))
			return true;
	}
	return false;
}

static bool tmp_prog(const char *w, size_t n)
{
	static const char *const dirs[] = {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(dirs); i++)
		if (n > strlen(dirs[i]) && strncmp(w, dirs[i], strlen(dirs[i])) == 0)
			return true;
	return false;
}

/* A "/." component of an absolute path that is not "/." or "/.." itself. */
static bool hidden_prog(const char *w, size_t n)
{
	if (!n || w[0] != '/')
		return false;
	for (size_t i = 0; i + 2 < n; i++)
		if (w[i] == '/' && w[i + 1] == '.' && w[i + 2] != '/' && w[i + 2] != '.')
			return true;
	return false;
}

/* Words that only run the next word: the program is after them. */
static bool wrapper(const char *w, size_t n)
{
	static const char *const wr[] = {"sudo", "nohup",   "exec",   "setsid",  "nice",
					 "env",  "sh",      "bash",   "/bin/sh", "/bin/bash",
					 "-c",   "timeout", "ionice", "chroot",  "su"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(wr); i++)
		if (n == strlen(wr[i]) && memcmp(w, wr[i], n) == 0)
			return true;
	return n && memchr(w, '=', n) && w[0] != '/'; /* VAR=value */
}

/* Looks at every word in command position of (s, n): the program each command runs. */
static const char *program_rule(const char *s, size_t n, unsigned rules)
{
	const char *p = s, *e = s + n;
	bool cmd = true;

	while (p < e) {
		const char *w;
		size_t wn;

		while (p < e && (isspace((unsigned char)*p) || strchr(";|&()`'\"", *p))) {
			if (strchr(";|&(`", *p))
				cmd = true;
			p++;
		}
		w = p;
		while (p < e && !isspace((unsigned char)*p) && !strchr(";|&()`'\"", *p))
			p++;
		wn = (size_t)(p - w);
		if (!wn || !cmd)
			continue;
		if (wrapper(w, wn))
			continue;
		cmd = false;
		if (tmp_prog(w, wn))
			return "runs a program from a temporary directory";
		if ((rules & PER_RULE_HIDDEN) && hidden_prog(w, wn))
			return "runs a program from a hidden directory";
		if (rules & PER_RULE_HIDDEN) {
			const char *b = w;

			for (const char *q = w; q < w + wn && *q != '['; q++)
				if (*q == '/' && q + 1 < w + wn)
					b = q + 1; /* "[kworker/0:1]" keeps its own '/' */
			if (kthread_name(b, (size_t)(w + wn - b)))
				return "runs a program named like a kernel thread";
		}
	}
	return NULL;
}

/* true when word occurs in (s, n) as a word of its own (not "rsync" for "nc"). */
static bool word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	for (size_t i = 0; i + k <= n; i++) {
		bool before = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' ||
					  s[i - 1] == '-' || s[i - 1] == '.');
		bool after = i + k == n || !(isalnum((unsigned char)s[i + k]) || s[i + k] == '_');

		if (before && after && strncmp(s + i, w, k) == 0)
			return true;
	}
	return false;
}

/* Why the command line (s, n) is suspicious, or NULL. */
static const char *suspicious(const char *s, size_t n, unsigned rules)
{
	bool interp = word(s, n, "python") || word(s, n, "python3") || word(s, n, "perl") ||
		      word(s, n, "php") || word(s, n, "ruby") || word(s, n, "lua");

	if (find(s, n, "/dev/tcp/") || find(s, n, "/dev/udp/"))
		return "opens a shell to the network (/dev/tcp)";
	if ((word(s, n, "nc") || word(s, n, "ncat") || word(s, n, "netcat")) &&
	    (find(s, n, " -e ") || find(s, n, " -c ") || find(s, n, "/bin/sh") ||
	     find(s, n, "/bin/bash")))
		return "opens a shell to the network (netcat)";
	if (word(s, n, "socat") && (has(s, n, "exec:") || has(s, n, "system:")))
		return "opens a shell to the network (socat)";
	if (interp && (has(s, n, "socket") || has(s, n, "fsockopen") || has(s, n, "TCPSocket")) &&
	    (has(s, n, "subprocess") || has(s, n, "pty.spawn") || has(s, n, "dup2") ||
	     has(s, n, "exec") || has(s, n, "/bin/sh") || has(s, n, "popen")))
		return "opens a shell to the network (socket one-liner)";
	if ((word(s, n, "curl") || word(s, n, "wget") || word(s, n, "fetch")) &&
	    pipes_to_shell(s, n))
		return "pipes a download into an interpreter";
	if (word(s, n, "base64") && (has(s, n, " -d") || has(s, n, "--decode")) &&
	    pipes_to_shell(s, n))
		return "pipes base64-decoded text into an interpreter";
	return program_rule(s, n, rules);
}

/* Reports every suspicious line of the text file at path. */
static void scan_text(struct chk_ctx *ctx, const char *path, unsigned rules, const char *what)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	char q[IA_MAX_EVIDENCE + 1];

	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		const char *why;

		if (!n || l[0] == '#')
			continue;
		if (!(why = suspicious(l, n, rules)))
			continue;
		chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL, "%s %s:%u %s", what,
			   path, t.c.lineno, why);
	}
out:
	fam_text_close(&t);
}

/* Every regular file (or link to one) below dir, depth 1 unless deep, through fn. */
static size_t each_file(struct chk_ctx *ctx, const char *dir, bool deep,
			void (*fn)(struct chk_ctx *, const char *, void *), void *arg)
{
	size_t b, e, n = 0, dl = strlen(dir);

	if (tgt_subtree(ctx->tgt, dir, &b, &e) < 0)
		return 0;
	for (size_t i = b; i < e && n < PER_MAX_DIR_FILES; i++) {
		const struct tgt_entry *ent = tgt_at(ctx->tgt, i), *r;

		if (!deep && strchr(ent->path + dl + 1, '/'))
			continue;
		if (!fam_file(ctx, ent->path, &r))
			continue;
		n++;
		fn(ctx, ent->path, arg);
	}
	return n;
}

/* What scan_one reads a file as: its rules and the words a finding calls it. */
struct per_scan {
	unsigned rules;
	const char *what;
};

static void scan_one(struct chk_ctx *ctx, const char *path, void *arg)
{
	const struct per_scan *a = arg;

	scan_text(ctx, path, a->rules, a->what);
}

static const struct per_scan cron_script = {PER_RULES_SCRIPT, "cron script"};
static const struct per_scan boot_script = {PER_RULES_SCRIPT, "boot script"};
static const struct per_scan shell_rc = {PER_RULES_SCRIPT, "shell startup file"};

/* ---- PER-001 cron ---- */

/* Fields before the command: a user crontab's five times (or one @word), a system crontab's and
 * cron.d's user after them, anacrontab's period, delay and job name. */
enum cron_kind { CRON_USER, CRON_SYSTEM, CRON_ANACRON };

/* The command of a crontab line, or NULL (an assignment, a malformed line). */
static const char *cron_command(const char *l, size_t n, enum cron_kind kind, size_t *cn)
{
	const char *p = l, *e = l + n;
	int fields = kind == CRON_ANACRON ? 3 : (l[0] == '@' ? 1 : 5) + (kind == CRON_SYSTEM);

	if (!isdigit((unsigned char)l[0]) && l[0] != '*' && l[0] != '@')
		return NULL;
	for (int f = 0; f < fields; f++) {
		while (p < e && !isspace((unsigned char)*p))
			p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
	}
	*cn = (size_t)(e - p);
	return p < e ? p : NULL;
}

static void scan_crontab(struct chk_ctx *ctx, const char *path, void *arg)
{
	enum cron_kind kind = *(const enum cron_kind *)arg;
	struct fam_text t = {0};
	const char *l, *cmd;
	size_t n, cn;
	char q[IA_MAX_EVIDENCE + 1];

	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		const char *why;

		if (!n || l[0] == '#' || !(cmd = cron_command(l, n, kind, &cn)))
			continue;
		if ((why = suspicious(cmd, cn, PER_RULES_COMMAND)))
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
				   "cron entry %s:%u %s", path, t.c.lineno, why);
	}
out:
	fam_text_close(&t);
}

static void run_cron(struct chk_ctx *ctx)
{
	static const char *const script_dirs[] = {"/etc/cron.hourly", "/etc/cron.daily",
						  "/etc/cron.weekly", "/etc/cron.monthly"};
	enum cron_kind sys = CRON_SYSTEM, user = CRON_USER, ana = CRON_ANACRON;

	if (fam_file(ctx, "/etc/crontab", NULL))
		scan_crontab(ctx, "/etc/crontab", &sys);
	if (fam_file(ctx, "/etc/anacrontab", NULL))
		scan_crontab(ctx, "/etc/anacrontab", &ana);
	each_file(ctx, "/etc/cron.d", false, scan_crontab, &sys);
	/* user crontabs: Debian's crontabs/USER, Red Hat's cron/USER; at jobs are scripts */
	each_file(ctx, "/var/spool/cron/crontabs", false, scan_crontab, &user);
	each_file(ctx, "/var/spool/cron", false, scan_crontab, &user);
	each_file(ctx, "/var/spool/cron/atjobs", false, scan_one, (void *)&cron_script);
	for (size_t i = 0; i < IA_ARRAY_SIZE(script_dirs); i++)
		each_file(ctx, script_dirs[i], false, scan_one, (void *)&cron_script);
}

/* ---- PER-002 systemd units ---- */

static const char *const unit_dirs[] = {
	"/etc/systemd/system",           "/usr/lib/systemd/system", "/lib/systemd/system",
	"/usr/local/lib/systemd/system", "/etc/systemd/user",       "/usr/lib/systemd/user",
	"/run/systemd/system",
};

static bool exec_key(const char *l, size_t n, size_t *vo)
{
	const char *eq = memchr(l, '=', n);

	if (!eq || n < 5 || strncmp(l, "Exec", 4) != 0)
		return false;
	*vo = (size_t)(eq + 1 - l);
	return true;
}

static void scan_unit(struct chk_ctx *ctx, const char *path, void *arg)
{
	struct fam_text t = {0};
	const char *l;
	size_t n, vo;
	char q[IA_MAX_EVIDENCE + 1];

	(void)arg;
	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		const char *v, *why;
		size_t vn;

		if (!exec_key(l, n, &vo))
			continue;
		v = l + vo;
		vn = n - vo;
		while (vn && strchr("-@:+! \t", *v)) { /* ExecStart= prefixes */
			v++;
			vn--;
		}
		if ((why = suspicious(v, vn, PER_RULES_COMMAND)))
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
				   "systemd unit %s:%u %s", path, t.c.lineno, why);
	}
out:
	fam_text_close(&t);
}

/* Every unit file of the unit directories, once: a link to a unit in one of them (a *.wants
 * link, an alias) is read where the unit lives. */
static void each_unit(struct chk_ctx *ctx, void (*fn)(struct chk_ctx *, const char *, void *))
{
	for (size_t d = 0; d < IA_ARRAY_SIZE(unit_dirs); d++) {
		size_t b, e, n = 0;

		if (tgt_subtree(ctx->tgt, unit_dirs[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e && n < PER_MAX_DIR_FILES; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i), *r;
			bool inside = false;

			if (!fam_file(ctx, ent->path, &r))
				continue;
			for (size_t k = 0; S_ISLNK(ent->mode) && k < IA_ARRAY_SIZE(unit_dirs); k++)
				inside |=
					strncmp(r->path, unit_dirs[k], strlen(unit_dirs[k])) == 0 &&
					r->path[strlen(unit_dirs[k])] == '/';
			if (inside)
				continue;
			n++;
			fn(ctx, ent->path, NULL);
		}
	}
}

static void run_units(struct chk_ctx *ctx)
{
	each_unit(ctx, scan_unit);
	/* user units in homes */
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		char d[IA_MAX_PATH];

		if (!a->home || a->home[0] != '/' || strcmp(a->home, "/") == 0 ||
		    snprintf(d, sizeof(d), "%s/.config/systemd/user", a->home) >= (int)sizeof(d))
			continue;
		each_file(ctx, d, true, scan_unit, NULL);
	}
}

/* ---- PER-010 systemd timers ---- */

/* The [Timer] keys that start the unit, and Unit= naming it. */
static const char *const timer_keys[] = {
	"OnCalendar",  "OnBootSec",       "OnStartupSec",
	"OnActiveSec", "OnUnitActiveSec", "OnUnitInactiveSec",
};

/* The key of a "Key=value" line when it is one of keys; *vo gets the value's offset. */
static const char *key_of(const char *l, size_t n, const char *const *keys, size_t nk, size_t *vo)
{
	const char *eq = memchr(l, '=', n);
	size_t kn;

	if (!eq)
		return NULL;
	kn = (size_t)(eq - l);
	while (kn && (l[kn - 1] == ' ' || l[kn - 1] == '\t'))
		kn--;
	for (size_t i = 0; i < nk; i++)
		if (strlen(keys[i]) == kn && strncmp(l, keys[i], kn) == 0) {
			*vo = (size_t)(eq + 1 - l);
			return keys[i];
		}
	return NULL;
}

/* The first suspicious Exec line of the service at path: its line number, quote and why. */
static bool service_exec(struct chk_ctx *ctx, const char *path, unsigned *line,
			 char q[IA_MAX_EVIDENCE + 1], const char **why)
{
	struct fam_text t = {0};
	const char *l;
	size_t n, vo;
	bool found = false;

	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (!found && fam_next_line(ctx, &t, &l, &n) > 0) {
		const char *v;
		size_t vn;

		if (!exec_key(l, n, &vo))
			continue;
		v = l + vo;
		vn = n - vo;
		while (vn && strchr("-@:+! \t", *v)) {
			v++;
			vn--;
		}
		if ((*why = suspicious(v, vn, PER_RULES_COMMAND))) {
			*line = t.c.lineno;
			fam_quote(q, l, n);
			found = true;
		}
	}
out:
	fam_text_close(&t);
	return found;
}

/* Where the service name lives: the timer's own directory first, then the unit directories in
 * systemd's order; a template instance (a@x.service) falls back to its template (a@.service). */
static bool find_service(struct chk_ctx *ctx, const char *timer, const char *name, char *out,
			 size_t cap)
{
	char tmpl[IA_MAX_PATH];
	const char *at = strchr(name, '@'), *dot = strrchr(name, '.');
	const char *cand[2] = {name, NULL};
	size_t dl = (size_t)(fam_basename(timer) - timer);

	if (at && dot && dot > at + 1 &&
	    snprintf(tmpl, sizeof(tmpl), "%.*s%s", (int)(at + 1 - name), name, dot) <
		    (int)sizeof(tmpl))
		cand[1] = tmpl;
	for (size_t c = 0; c < 2 && cand[c]; c++) {
		if (snprintf(out, cap, "%.*s%s", (int)dl, timer, cand[c]) < (int)cap &&
		    fam_file(ctx, out, NULL))
			return true;
		for (size_t d = 0; d < IA_ARRAY_SIZE(unit_dirs); d++)
			if (snprintf(out, cap, "%s/%s", unit_dirs[d], cand[c]) < (int)cap &&
			    fam_file(ctx, out, NULL))
				return true;
	}
	return false;
}

static void scan_timer(struct chk_ctx *ctx, const char *path, void *arg)
{
	struct fam_text t = {0};
	const char *l, *key, *trig = NULL, *why;
	size_t n, vo, bn = strlen(fam_basename(path));
	unsigned trig_line = 0, sline = 0;
	char unit[256] = "", svc[IA_MAX_PATH], tq[IA_MAX_EVIDENCE + 1] = "",
	     sq[IA_MAX_EVIDENCE + 1];
	char v[IA_MAX_EVIDENCE + 1], chain[2 * IA_MAX_EVIDENCE + IA_MAX_PATH + 16];
	static const char *const unit_key[] = {"Unit"};
	bool in_timer = false;

	(void)arg;
	if (bn < 7 || strcmp(path + strlen(path) - 6, ".timer") != 0)
		return;
	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		ia_trim(&l, &n);
		if (n && l[0] == '[') {
			in_timer = n == 7 && strncmp(l, "[Timer]", 7) == 0;
			continue;
		}
		if (!in_timer)
			continue;
		if ((key = key_of(l, n, timer_keys, IA_ARRAY_SIZE(timer_keys), &vo)) && !trig) {
			trig = key;
			trig_line = t.c.lineno;
			fam_quote(tq, l, n);
		} else if (key_of(l, n, unit_key, 1, &vo) && n - vo < sizeof(unit)) {
			const char *u = l + vo;
			size_t un = n - vo;

			ia_trim(&u, &un);
			memcpy(unit, u, un);
			unit[un] = '\0';
		}
	}
	if (!trig)
		goto out; /* no time trigger: started by nothing here */
	if (!unit[0] && bn - 6 + 9 < sizeof(unit))
		snprintf(unit, sizeof(unit), "%.*s.service", (int)(bn - 6), fam_basename(path));
	if (!unit[0] || strchr(unit, '/') || !find_service(ctx, path, unit, svc, sizeof(svc)) ||
	    !service_exec(ctx, svc, &sline, sq, &why))
		goto out;
	snprintf(chain, sizeof(chain), "%s -> %s:%u %s", tq, svc, sline, sq);
	chk_report(ctx, path, trig_line, fam_quote(v, chain, strlen(chain)), NULL,
		   "systemd timer %s:%u (%s) starts %s, whose line %u %s", path, trig_line, trig,
		   svc, sline, why);
out:
	fam_text_close(&t);
}

static void run_timers(struct chk_ctx *ctx)
{
	each_unit(ctx, scan_timer);
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];
		char d[IA_MAX_PATH];

		if (!a->home || a->home[0] != '/' || strcmp(a->home, "/") == 0 ||
		    snprintf(d, sizeof(d), "%s/.config/systemd/user", a->home) >= (int)sizeof(d))
			continue;
		each_file(ctx, d, true, scan_timer, NULL);
	}
}

/* ---- PER-003 rc.local and init scripts ---- */

static void run_initscripts(struct chk_ctx *ctx)
{
	static const char *const files[] = {"/etc/rc.local", "/etc/rc.d/rc.local"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(files); i++)
		if (fam_file(ctx, files[i], NULL))
			scan_text(ctx, files[i], PER_RULES_SCRIPT, "boot script");
	each_file(ctx, "/etc/init.d", false, scan_one, (void *)&boot_script);
	each_file(ctx, "/etc/rc.d/init.d", false, scan_one, (void *)&boot_script);
	each_file(ctx, "/etc/local.d", false, scan_one, (void *)&boot_script);
}

/* ---- PER-004 shell startup files ---- */

static void run_shellrc(struct chk_ctx *ctx)
{
	static const char *const sys[] = {"/etc/profile", "/etc/bash.bashrc", "/etc/bashrc",
					  "/etc/zsh/zshrc", "/etc/zshrc"};
	static const char *const user[] = {".bashrc",  ".bash_profile", ".bash_login",
					   ".profile", ".zshrc",        ".bash_logout"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(sys); i++)
		if (fam_file(ctx, sys[i], NULL))
			scan_text(ctx, sys[i], PER_RULES_SCRIPT, "shell startup file");
	struct ia_hmap homes = {0};
	uint32_t dummy;

	each_file(ctx, "/etc/profile.d", false, scan_one, (void *)&shell_rc);
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		/* a home shared by several accounts is read once */
		if (!a->home || a->home[0] != '/' || strcmp(a->home, "/") == 0 ||
		    ia_hmap_get(&homes, a->home, strlen(a->home), &dummy))
			continue;
		ia_hmap_put(&homes, a->home, 0);
		for (size_t k = 0; k < IA_ARRAY_SIZE(user); k++) {
			char p[IA_MAX_PATH];

			if (snprintf(p, sizeof(p), "%s/%s", a->home, user[k]) < (int)sizeof(p) &&
			    fam_file(ctx, p, NULL))
				scan_text(ctx, p, PER_RULES_SCRIPT, "shell startup file");
		}
	}
	ia_hmap_release(&homes);
}

/* ---- PER-005 preloading ---- */

static void preload_lines(struct chk_ctx *ctx, const char *path, bool every)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	char q[IA_MAX_EVIDENCE + 1];

	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		if (!n || l[0] == '#')
			continue;
		if (every)
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
				   "%s:%u preloads a library into every program", path, t.c.lineno);
		else if (find(l, n, "LD_PRELOAD") || find(l, n, "LD_AUDIT"))
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL, "%s:%u sets %s",
				   path, t.c.lineno,
				   find(l, n, "LD_PRELOAD") ? "LD_PRELOAD" : "LD_AUDIT");
	}
out:
	fam_text_close(&t);
}

static void preload_one(struct chk_ctx *ctx, const char *path, void *arg)
{
	(void)arg;
	preload_lines(ctx, path, false);
}

static void run_preload(struct chk_ctx *ctx)
{
	static const char *const env[] = {"/etc/environment", "/etc/profile", "/etc/bash.bashrc",
					  "/etc/security/pam_env.conf", "/etc/default/locale"};

	if (fam_file(ctx, "/etc/ld.so.preload", NULL))
		preload_lines(ctx, "/etc/ld.so.preload", true);
	for (size_t i = 0; i < IA_ARRAY_SIZE(env); i++)
		if (fam_file(ctx, env[i], NULL))
			preload_lines(ctx, env[i], false);
	each_file(ctx, "/etc/profile.d", false, preload_one, NULL);
	each_file(ctx, "/etc/environment.d", false, preload_one, NULL);
	each_unit(ctx, preload_one);
}

/* ---- PER-006 PAM and NSS modules, PER-007 kernel modules: owned by no package ---- */

/* true when the facts can tell owners; else a gap says why not. */
static bool can_tell_owner(struct chk_ctx *ctx)
{
	const struct inv_facts *f = ctx->facts;

	if (!f->n_dbs) {
		chk_gap(ctx, NULL, 0,
			"no package database in this image: whether a module belongs to a package "
			"cannot be told");
		return false;
	}
	for (size_t i = 0; i < f->n_dbs; i++)
		if (!f->db_ok[i]) {
			chk_gap(ctx, f->dbs[i], 0,
				"package database not read whole: the owner of a module cannot be "
				"told");
			return false;
		}
	return true;
}

static bool in_lib_dir(const char *p)
{
	const char *q = strncmp(p, "/usr/", 5) == 0 ? p + 4 : p;

	if (strncmp(p, "/usr/local/lib", 14) == 0)
		return true;
	return strncmp(q, "/lib", 4) == 0 && strchr(q + 1, '/');
}

static bool module_name(const char *b, const char *prefix)
{
	size_t pl = strlen(prefix);

	return strncmp(b, prefix, pl) == 0 && strstr(b + pl, ".so") != NULL;
}

static bool kernel_module_name(const char *b)
{
	static const char *const ext[] = {".ko", ".ko.xz", ".ko.zst", ".ko.gz"};
	size_t bl = strlen(b);

	for (size_t i = 0; i < IA_ARRAY_SIZE(ext); i++)
		if (bl > strlen(ext[i]) && strcmp(b + bl - strlen(ext[i]), ext[i]) == 0)
			return true;
	return false;
}

/* Unowned PAM modules referenced by absolute path from /etc/pam.d. */
static void pam_references(struct chk_ctx *ctx, const char *path, void *arg)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	char q[IA_MAX_EVIDENCE + 1];

	(void)arg;
	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0) {
		const char *m = find(l, n, " /"), *e;
		char mod[IA_MAX_PATH];
		const struct tgt_entry *ent;

		if (!n || l[0] == '#' || !m)
			continue;
		m++;
		e = m;
		while (e < l + n && !isspace((unsigned char)*e))
			e++;
		if ((size_t)(e - m) >= sizeof(mod) || !find(m, (size_t)(e - m), ".so"))
			continue;
		memcpy(mod, m, (size_t)(e - m));
		mod[e - m] = '\0';
		if (tgt_lookup(ctx->tgt, mod, 0, &ent) == 0 && !inv_owner(ctx->facts, mod) &&
		    !inv_owner(ctx->facts, ent->path))
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
				   "%s:%u loads the PAM module %s, which no package owns", path,
				   t.c.lineno, mod);
	}
out:
	fam_text_close(&t);
}

/* Regular files in system library directories named prefix*.so*, owned by no package. */
static size_t unowned_libs(struct chk_ctx *ctx, bool kernel)
{
	size_t seen = 0;

	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *b = fam_basename(e->path), *what;
		char v[96], m[8];

		if (!S_ISREG(e->mode))
			continue;
		if (kernel)
			what = kernel_module_name(b) ? "kernel module" : NULL;
		else
			what = !in_lib_dir(e->path)        ? NULL
			       : module_name(b, "pam_")    ? "PAM module"
			       : module_name(b, "libnss_") ? "NSS library"
							   : NULL;
		if (!what)
			continue;
		seen++;
		if (inv_owner(ctx->facts, e->path))
			continue;
		ia_mode_str(e->mode, m);
		snprintf(v, sizeof(v), "%llu bytes, mode %s uid %u", (unsigned long long)e->size, m,
			 e->uid);
		chk_report(ctx, e->path, 0, v, NULL, "%s %s is owned by no package: %s", what,
			   e->path,
			   kernel ? "loaded into the kernel, it runs with every privilege"
				  : "every login or name lookup would run it");
	}
	return seen;
}

static void run_pam_nss(struct chk_ctx *ctx)
{
	if (!can_tell_owner(ctx))
		return;
	unowned_libs(ctx, false);
	each_file(ctx, "/etc/pam.d", false, pam_references, NULL);
}

static void run_kmod(struct chk_ctx *ctx)
{
	if (!can_tell_owner(ctx))
		return;
	if (!unowned_libs(ctx, true))
		chk_note(ctx, "no kernel module in this image");
}

/* ---- PER-008 sudoers ---- */

/* "NOPASSWD:" followed, in the same rule, by the command list ALL. */
static bool nopasswd_all(const char *l, size_t n)
{
	const char *p = find(l, n, "NOPASSWD:"), *e = l + n;

	if (!p)
		return false;
	p += strlen("NOPASSWD:");
	while (p < e && isspace((unsigned char)*p))
		p++;
	while ((size_t)(e - p) >= 3) { /* other tags: "NOPASSWD: SETENV: ALL" */
		if (strncmp(p, "ALL", 3) == 0 &&
		    (e - p == 3 || isspace((unsigned char)p[3]) || p[3] == ','))
			return true;
		if (!isupper((unsigned char)*p))
			return false;
		while (p < e && *p != ':' && !isspace((unsigned char)*p) && *p != ',')
			p++;
		if (p >= e || *p != ':')
			return false;
		p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
	}
	return false;
}

static void scan_sudoers(struct chk_ctx *ctx, const char *path, void *arg)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	char q[IA_MAX_EVIDENCE + 1];

	(void)arg;
	if (!fam_text_open(ctx, &t, path, PER_MAX_FILE))
		goto out;
	while (fam_next_line(ctx, &t, &l, &n) > 0)
		if (n && l[0] != '#' && nopasswd_all(l, n))
			chk_report(ctx, path, t.c.lineno, fam_quote(q, l, n), NULL,
				   "%s:%u grants every command as root without a password", path,
				   t.c.lineno);
out:
	fam_text_close(&t);
}

static void run_sudoers(struct chk_ctx *ctx)
{
	bool any = fam_file(ctx, "/etc/sudoers", NULL);

	if (any)
		scan_sudoers(ctx, "/etc/sudoers", NULL);
	any |= each_file(ctx, "/etc/sudoers.d", false, scan_sudoers, NULL) > 0;
	if (!any)
		chk_absent(ctx, "no sudo configuration in this image");
}

/* ---- PER-009 hidden executables ---- */

/* Dot-directories of developer tools that hold programs by design. */
static bool tool_dotdir(const char *c, size_t n)
{
	static const char *const dirs[] = {
		".cargo",    ".rustup", ".local",  ".cache",         ".npm", ".nvm",
		".pyenv",    ".rbenv",  ".sdkman", ".vscode-server", ".m2",  ".gradle",
		".build-id", ".git",    ".venv",   ".bun",           ".deno"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(dirs); i++)
		if (n == strlen(dirs[i]) && memcmp(c, dirs[i], n) == 0)
			return true;
	return false;
}

/* Where path is hidden: 1 in a temporary directory or /dev, 2 in a dot-directory or a dot-file
 * that is no tool's, 0 not hidden. */
static int hidden_place(const char *path)
{
	static const char *const tmp[] = {"/tmp/", "/var/tmp/", "/dev/", "/run/shm/"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(tmp); i++)
		if (strncmp(path, tmp[i], strlen(tmp[i])) == 0)
			return 1;
	for (const char *p = strstr(path, "/."); p; p = strstr(p + 1, "/.")) {
		const char *c = p + 1, *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);

		if (n > 1 && !(n == 2 && c[1] == '.') && !tool_dotdir(c, n))
			return 2;
	}
	return 0;
}

static void run_hidden(struct chk_ctx *ctx)
{
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		unsigned char h[4];
		int place;
		bool elf, script;
		char v[96], m[8];

		if (!S_ISREG(e->mode) || !(place = hidden_place(e->path)))
			continue;
		if (tgt_pread(ctx->tgt, e, h, sizeof(h), 0) != (ssize_t)sizeof(h))
			continue;
		elf = memcmp(h, "\177ELF", 4) == 0;
		script = h[0] == '#' && h[1] == '!' && (e->mode & 0111);
		/* in dot-directories only programs in ELF form: scripts there are configuration
		 * hooks (git, shells) far more often than droppers */
		if (!elf && !(script && place == 1))
			continue;
		ia_mode_str(e->mode, m);
		snprintf(v, sizeof(v), "%s, %llu bytes, mode %s uid %u", elf ? "ELF" : "script",
			 (unsigned long long)e->size, m, e->uid);
		chk_report(ctx, e->path, 0, v, NULL, "%s %s is hidden in %s",
			   elf ? "ELF program" : "executable script", e->path,
			   place == 1 ? "a temporary directory or /dev" : "a dot-directory");
	}
}

#define PER_CLAUSES CHK_CLAUSES("JD-1.1b")

static const struct chk_def persistence_checks[] = {
	{
		.id = "PER-001",
		.title = "cron entry that opens a shell to the network, pipes a download into a "
			 "shell or runs a hidden or temporary program",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines =
			"/etc/crontab, /etc/cron.d, /etc/anacrontab, /var/spool/cron(/crontabs), "
			"at jobs and the scripts of /etc/cron.{hourly,daily,weekly,monthly}",
		.remediation = "remove the entry and find out how it got there",
		.run = run_cron,
	},
	{
		.id = "PER-002",
		.title = "systemd unit whose Exec line opens a shell to the network, pipes a "
			 "download "
			 "into a shell or runs a hidden, temporary or kernel-thread-named program",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines = "Exec*= lines of every unit (services started by timers too) in "
			    "/etc/systemd, /usr/lib/systemd, /lib/systemd, /run/systemd and users' "
			    "~/.config/systemd/user",
		.remediation =
			"remove the unit and its *.wants links and find out how it got there",
		.run = run_units,
	},
	{
		.id = "PER-003",
		.title =
			"boot script (rc.local, init.d) that opens a shell to the network, pipes a "
			"download into a shell or runs a temporary program",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines = "/etc/rc.local, /etc/rc.d/rc.local, /etc/init.d, /etc/rc.d/init.d, "
			    "/etc/local.d",
		.remediation = "remove the lines and find out how they got there",
		.run = run_initscripts,
	},
	{
		.id = "PER-004",
		.title = "shell startup file that opens a shell to the network, pipes a download "
			 "into a shell or runs a temporary program",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines =
			"/etc/profile, /etc/profile.d, /etc/bash.bashrc, /etc/bashrc, zshrc, and "
			".bashrc, .bash_profile, .bash_login, .profile, .zshrc of every home",
		.remediation = "remove the lines and find out how they got there",
		.run = run_shellrc,
	},
	{
		.id = "PER-005",
		.title = "library preloaded into programs (/etc/ld.so.preload, LD_PRELOAD, "
			 "LD_AUDIT)",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines =
			"/etc/ld.so.preload; LD_PRELOAD and LD_AUDIT in /etc/environment, "
			"environment.d, pam_env.conf, profile files and unit Environment= lines",
		.remediation = "remove the preload and the library it names, unless it is a "
			       "documented part of the image",
		.run = run_preload,
	},
	{
		.id = "PER-006",
		.title = "PAM module or NSS library owned by no package",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines = "pam_*.so and libnss_*.so* files in system library directories and PAM "
			    "modules /etc/pam.d loads by path, against the package databases",
		.remediation = "remove the module and the configuration that loads it, or install "
			       "it from a package",
		.run = run_pam_nss,
	},
	{
		.id = "PER-007",
		.title = "kernel module owned by no package",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines = "every *.ko, *.ko.xz, *.ko.zst, *.ko.gz file, against the package "
			    "databases",
		.remediation = "remove the module, or build it from a package (dkms) the image "
			       "records",
		.run = run_kmod,
	},
	{
		.id = "PER-008",
		.title = "sudoers rule granting every command without a password (NOPASSWD: ALL)",
		.severity = FND_SEV_MEDIUM,
		.clauses = PER_CLAUSES,
		.examines = "/etc/sudoers and /etc/sudoers.d",
		.remediation = "require a password, or list the commands the account needs",
		.run = run_sudoers,
	},
	{
		.id = "PER-009",
		.title = "executable hidden in /tmp, /var/tmp, /dev or a dot-directory",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines = "regular files under /tmp, /var/tmp, /dev, /run/shm (ELF programs and "
			    "executable scripts) and ELF programs in dot-directories and dot-files "
			    "(not developer tools' .cargo, .local, .cache, .nvm ...)",
		.remediation = "remove the file and find out how it got there",
		.run = run_hidden,
	},
	{
		.id = "PER-010",
		.title = "systemd timer that starts a service whose Exec line opens a shell to the "
			 "network, pipes a download into a shell or runs a hidden, temporary or "
			 "kernel-thread-named program",
		.severity = FND_SEV_HIGH,
		.clauses = PER_CLAUSES,
		.examines =
			"*.timer units with a time trigger (OnCalendar=, OnBootSec=, "
			"OnStartupSec=, OnActiveSec=, OnUnitActiveSec=, OnUnitInactiveSec=) in "
			"the unit directories and users' ~/.config/systemd/user, and the Exec*= "
			"lines of the service each starts (Unit=, else the timer's name; a "
			"template instance through its template): the finding names the timer "
			"and trigger line, and the service file and line",
		.remediation = "disable and remove the timer and its service (systemctl disable "
			       "--now NAME.timer) and find out how they got there",
		.run = run_timers,
	},
};
const struct chk_family chk_family_persistence = {
	.name = "persistence",
	.checks = persistence_checks,
	.n_checks = IA_ARRAY_SIZE(persistence_checks),
};
