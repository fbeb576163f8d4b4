/* logging.c — checks of the logging family: system logger, login records, sudo and audit logging */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/* Container images log to standard output and start no init: the boot-time logging checks
 * do not apply to them. Returns true (and says so) for a container image. */
static bool container_image(struct chk_ctx *ctx)
{
	if (!tgt_config(ctx->tgt))
		return false;
	chk_absent(ctx, "container image: no init system and no boot-time logging; containers log "
			"to standard output");
	return true;
}

/* ---- LOG-001: a system logger ---- */

struct syslogd {
	const char *name;       /* for titles */
	const char *pkgs[3];    /* packages that install it */
	const char *bins[3];    /* its daemon binary */
	const char *units[2];   /* systemd units */
	const char *scripts[3]; /* sysvinit / OpenRC scripts */
};

static const struct syslogd syslogds[] = {
	{"rsyslog",
	 {"rsyslog"},
	 {"/usr/sbin/rsyslogd", "/sbin/rsyslogd"},
	 {"rsyslog.service"},
	 {"rsyslog"}},
	{"syslog-ng",
	 {"syslog-ng-core", "syslog-ng"},
	 {"/usr/sbin/syslog-ng", "/sbin/syslog-ng"},
	 {"syslog-ng.service"},
	 {"syslog-ng"}},
	{"sysklogd",
	 {"sysklogd", "inetutils-syslogd"},
	 {"/usr/sbin/syslogd", "/sbin/syslogd"},
	 {"syslogd.service", "inetutils-syslogd.service"},
	 {"sysklogd", "inetutils-syslogd", "syslog"}},
};

/* journald's Storage= as the image configures it: "auto" when nothing sets it. path/line say
 * where it was set. */
struct journald_storage {
	char value[32];
	char path[IA_MAX_PATH];
	unsigned line;
};

static void journald_conf(struct chk_ctx *ctx, const char *path, struct journald_storage *st)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	bool in_journal = false;

	if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n)) {
		const char *k, *v;
		size_t kn, vn;

		if (n == 0 || l[0] == '#' || l[0] == ';')
			continue;
		if (l[0] == '[') {
			in_journal = ia_eq(l, n, "[Journal]");
			continue;
		}
		if (!in_journal || !ia_split(l, n, '=', &k, &kn, &v, &vn))
			continue;
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (!ia_eq(k, kn, "Storage") || vn >= sizeof(st->value))
			continue;
		memcpy(st->value, v, vn);
		st->value[vn] = '\0';
		snprintf(st->path, sizeof(st->path), "%s", path);
		st->line = t.c.lineno;
	}
done:
	fam_text_close(&t);
}

static void journald_dropin(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 5 && strcmp(e->path + n - 5, ".conf") == 0)
		journald_conf(ctx, e->path, arg);
}

/* Whether journald is on the image and keeps logs on disk. */
static bool journald_persistent(struct chk_ctx *ctx, struct journald_storage *st)
{
	const struct tgt_entry *e;

	snprintf(st->value, sizeof(st->value), "auto");
	st->path[0] = '\0';
	st->line = 0;
	if (!fam_file(ctx, "/usr/lib/systemd/systemd-journald", NULL) &&
	    !fam_file(ctx, "/lib/systemd/systemd-journald", NULL))
		return false;
	/* The main file, then drop-ins (vendor directory first; later settings win). */
	journald_conf(ctx, "/etc/systemd/journald.conf", st);
	fam_children(ctx, "/usr/lib/systemd/journald.conf.d", journald_dropin, st);
	fam_children(ctx, "/etc/systemd/journald.conf.d", journald_dropin, st);
	if (strcmp(st->value, "persistent") == 0)
		return true;
	/* auto: persistent when /var/log/journal exists */
	return strcmp(st->value, "auto") == 0 &&
	       tgt_lookup(ctx->tgt, "/var/log/journal", 0, &e) == 0 && S_ISDIR(e->mode);
}

static const char *syslogd_enabled(struct chk_ctx *ctx, const struct syslogd *d)
{
	const char *where;

	for (size_t i = 0; i < IA_ARRAY_SIZE(d->units) && d->units[i]; i++)
		if ((where = fam_unit_enabled(ctx, d->units[i])))
			return where;
	for (size_t i = 0; i < IA_ARRAY_SIZE(d->scripts) && d->scripts[i]; i++)
		if ((where = fam_initscript_enabled(ctx, d->scripts[i])))
			return where;
	return NULL;
}

/* Evidence that d is installed: a package or its binary. */
static const char *syslogd_installed(struct chk_ctx *ctx, const struct syslogd *d)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(d->pkgs) && d->pkgs[i]; i++) {
		const struct inv_pkg *p = inv_pkg_find(ctx->facts, d->pkgs[i]);

		if (p)
			return p->db_path;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(d->bins) && d->bins[i]; i++) {
		const struct tgt_entry *e;

		/* busybox's syslogd applet counts only through OpenRC's "syslog" service */
		if (tgt_lookup(ctx->tgt, d->bins[i], TGT_NOFOLLOW, &e) == 0 &&
		    (S_ISREG(e->mode) || (S_ISLNK(e->mode) && e->link &&
					  strcmp(fam_basename(e->link), "busybox") != 0)))
			return d->bins[i];
	}
	return NULL;
}

static void run_syslog(struct chk_ctx *ctx)
{
	struct journald_storage st;
	const char *installed = NULL, *which = NULL;

	if (container_image(ctx))
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(syslogds); i++) {
		const char *where = syslogd_enabled(ctx, &syslogds[i]);

		if (where) {
			chk_note(ctx, "%s enabled at boot (%s)", syslogds[i].name, where);
			return;
		}
	}
	/* Alpine: busybox syslogd through OpenRC's "syslog" service */
	if (fam_file(ctx, "/etc/init.d/syslog", NULL) && fam_initscript_enabled(ctx, "syslog")) {
		chk_note(ctx, "syslog (OpenRC) enabled at boot");
		return;
	}
	if (journald_persistent(ctx, &st)) {
		chk_note(ctx, "systemd-journald keeps logs on disk (Storage=%s)", st.value);
		return;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(syslogds) && !installed; i++) {
		installed = syslogd_installed(ctx, &syslogds[i]);
		which = syslogds[i].name;
	}
	if (installed) {
		chk_report(ctx, installed, 0, which, NULL,
			   "%s is installed but not enabled at boot, and journald does not keep "
			   "logs on disk",
			   which);
		return;
	}
	if (st.path[0]) {
		chk_report(ctx, st.path, st.line, st.value, NULL,
			   "no syslog daemon, and journald keeps no logs on disk (Storage=%s)",
			   st.value);
		return;
	}
	chk_report(ctx, "", 0, "", NULL,
		   "no syslog daemon enabled at boot and no persistent journal (/var/log/journal "
		   "absent)");
}

/* ---- LOG-002 / LOG-003: login records ---- */

struct login_record {
	const char *path;
	bool required;      /* its absence is a finding (lastlog is obsolete on newer systems) */
	unsigned forbidden; /* permission bits that must not be set */
	const char *why;
	const char *mode; /* the mode it should have (group utmp) */
};

static const struct login_record login_records[] = {
	{"/var/log/wtmp", true, 0002, "others could forge or erase login history", "0664"},
	{"/var/log/btmp", true, 0007,
	 "failed logins often hold passwords typed as user names; others could read them", "0660"},
	{"/var/log/lastlog", false, 0002, "others could forge last-login times", "0664"},
};

/* Which of the missing login records (want) a tmpfiles.d line creates at boot (created), one
 * per login_records entry. */
struct tmpfiles_hit {
	bool want[IA_ARRAY_SIZE(login_records)];
	bool created[IA_ARRAY_SIZE(login_records)];
};

/* true when every record wanted is created: the files left need not be read. */
static bool tmpfiles_done(const struct tmpfiles_hit *h)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(login_records); i++)
		if (h->want[i] && !h->created[i])
			return false;
	return true;
}

static void tmpfiles_scan(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct tmpfiles_hit *h = arg;
	struct fam_text t = {0};
	const char *l;
	size_t n;

	if (tmpfiles_done(h) || !S_ISREG(e->mode) || !fam_text_open(ctx, &t, e->path, FAM_MAX_CONF))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n)) {
		/* "f /var/log/wtmp 0664 root utmp -": type, then path */
		const char *p = l, *w;
		size_t wn;

		if (n == 0 || l[0] == '#')
			continue;
		while (p < l + n && *p != ' ' && *p != '\t')
			p++;
		while (p < l + n && (*p == ' ' || *p == '\t'))
			p++;
		w = p;
		while (p < l + n && *p != ' ' && *p != '\t')
			p++;
		wn = (size_t)(p - w);
		for (size_t i = 0; i < IA_ARRAY_SIZE(login_records); i++)
			if (h->want[i] && ia_eq(w, wn, login_records[i].path))
				h->created[i] = true;
		if (tmpfiles_done(h))
			break;
	}
done:
	fam_text_close(&t);
}

/* Reads tmpfiles.d once for every required login record that is missing, until a line
 * creating each was found. */
static void tmpfiles_load(struct chk_ctx *ctx, struct tmpfiles_hit *h)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(login_records); i++) {
		const struct tgt_entry *e;

		h->want[i] = login_records[i].required &&
			     tgt_lookup(ctx->tgt, login_records[i].path, TGT_NOFOLLOW, &e) < 0;
	}
	fam_children(ctx, "/usr/lib/tmpfiles.d", tmpfiles_scan, h);
	fam_children(ctx, "/lib/tmpfiles.d", tmpfiles_scan, h);
	fam_children(ctx, "/etc/tmpfiles.d", tmpfiles_scan, h);
}

/* The fix for one login record: remove what is there (first, when not NULL), then create
 * it as a regular file with its mode and group, or keep the tmpfiles.d entry that does. */
static const char *fix_of(char fix[FAM_MAX_FIX], const char *first, const struct login_record *r)
{
	snprintf(fix, FAM_MAX_FIX,
		 "%s%s%sinstall -m %s -g utmp /dev/null %s, or keep the tmpfiles.d entry that "
		 "creates it at boot; never link it to /dev/null",
		 first ? first : "", first ? r->path : "", first ? "; " : "", r->mode, r->path);
	return fix;
}

static void run_login_records(struct chk_ctx *ctx)
{
	struct tmpfiles_hit tmpfiles = {0};
	bool tmpfiles_read = false;

	if (container_image(ctx))
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(login_records); i++) {
		const struct login_record *r = &login_records[i];
		const struct tgt_entry *e;
		int rc = tgt_lookup(ctx->tgt, r->path, TGT_NOFOLLOW, &e);
		char fix[FAM_MAX_FIX];

		if (rc == 0 && S_ISLNK(e->mode)) {
			const struct tgt_entry *to;

			if (tgt_lookup(ctx->tgt, r->path, 0, &to) == 0 && S_ISREG(to->mode))
				continue;
			chk_report(ctx, r->path, 0, e->link ? e->link : "", fix_of(fix, "rm ", r),
				   "%s is a symlink to %s: login records are discarded", r->path,
				   e->link ? e->link : "nothing");
		} else if (rc == 0 && !S_ISREG(e->mode)) {
			chk_report(ctx, r->path, 0, "", fix_of(fix, "rm -r ", r),
				   "%s is not a regular file: login records cannot be kept",
				   r->path);
		} else if (rc < 0 && r->required) {
			if (!tmpfiles_read) {
				tmpfiles_load(ctx, &tmpfiles);
				tmpfiles_read = true;
			}
			if (tmpfiles.created[i])
				continue;
			chk_report(ctx, r->path, 0, "", fix_of(fix, NULL, r),
				   "%s is missing and no tmpfiles.d entry creates it at boot",
				   r->path);
		}
	}
}

static void run_login_modes(struct chk_ctx *ctx)
{
	if (container_image(ctx))
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(login_records); i++) {
		const struct login_record *r = &login_records[i];
		const struct tgt_entry *e;
		char mode[8], fix[160];

		if (tgt_lookup(ctx->tgt, r->path, 0, &e) < 0 || !S_ISREG(e->mode))
			continue;
		if (!(e->mode & r->forbidden))
			continue;
		ia_mode_str(e->mode, mode);
		snprintf(fix, sizeof(fix), "chmod %s %s; chgrp utmp %s", r->mode, r->path, r->path);
		chk_report(ctx, r->path, 0, mode, fix, "%s has mode %s: %s", r->path, mode, r->why);
	}
}

/* ---- LOG-004: sudo logging ---- */

struct sudo_state {
	char off_path[IA_MAX_PATH]; /* where the last logging-off default was seen */
	unsigned off_line;
	char off_value[64];
	bool syslog_off, logfile_on, allowed_off, denied_off;
	char dirs[4][IA_MAX_PATH]; /* @includedir directories named by /etc/sudoers */
	size_t n_dirs;
};

static void sudo_off(struct sudo_state *s, const char *path, unsigned line, const char *what)
{
	snprintf(s->off_path, sizeof(s->off_path), "%s", path);
	s->off_line = line;
	snprintf(s->off_value, sizeof(s->off_value), "%s", what);
}

/* One "Defaults..." line: its comma-separated settings. */
static void sudo_defaults(struct sudo_state *s, const char *path, unsigned line, const char *l,
			  size_t n)
{
	const char *p = l, *end = l + n;

	/* skip "Defaults" and a binding (":user", "@host", ">runas", "!cmd") */
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	while (p < end) {
		const char *a;
		size_t an;
		bool quoted = false;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		a = p;
		while (p < end && (quoted || *p != ',')) {
			if (*p == '"')
				quoted = !quoted;
			p++;
		}
		an = (size_t)(p - a);
		ia_trim(&a, &an);
		if (ia_eq(a, an, "!syslog")) {
			s->syslog_off = true;
			sudo_off(s, path, line, "!syslog");
		} else if (ia_starts_with(a, an, "syslog")) {
			s->syslog_off = false;
		} else if (ia_starts_with(a, an, "logfile")) {
			s->logfile_on = true;
		} else if (ia_eq(a, an, "!logfile")) {
			s->logfile_on = false;
		} else if (ia_eq(a, an, "!log_allowed")) {
			s->allowed_off = true;
			sudo_off(s, path, line, "!log_allowed");
		} else if (ia_eq(a, an, "!log_denied")) {
			s->denied_off = true;
			sudo_off(s, path, line, "!log_denied");
		}
	}
}

static void sudo_file(struct chk_ctx *ctx, const char *path, struct sudo_state *s, bool top);

static void sudo_dir_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	const char *base = fam_basename(e->path);
	size_t bl = strlen(base);

	/* sudo skips names that hold a '.' or end in '~' */
	if (strchr(base, '.') || (bl && base[bl - 1] == '~') || !S_ISREG(e->mode))
		return;
	sudo_file(ctx, e->path, arg, false);
}

static void sudo_file(struct chk_ctx *ctx, const char *path, struct sudo_state *s, bool top)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;

	if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n)) {
		bool inc = ia_starts_with(l, n, "@include") || ia_starts_with(l, n, "#include");

		if (inc && top) {
			/* includes are followed one level deep, from /etc/sudoers only */
			bool dir = ia_starts_with(l, n, "@includedir") ||
				   ia_starts_with(l, n, "#includedir");
			const char *a = l + (dir ? 11 : 8);
			size_t an = n - (dir ? 11 : 8);
			char p[IA_MAX_PATH];

			ia_trim(&a, &an);
			if (an == 0 || an >= sizeof(p) || a[0] != '/')
				continue;
			memcpy(p, a, an);
			p[an] = '\0';
			if (dir)
				fam_children(ctx, p, sudo_dir_entry, s);
			else
				sudo_file(ctx, p, s, false);
			continue;
		}
		if (ia_starts_with(l, n, "Defaults"))
			sudo_defaults(s, path, t.c.lineno, l, n);
	}
done:
	fam_text_close(&t);
}

static void run_sudo(struct chk_ctx *ctx)
{
	struct sudo_state *s;

	if (!fam_file(ctx, "/etc/sudoers", NULL)) {
		chk_absent(ctx, "sudo is not configured on this image (no /etc/sudoers)");
		return;
	}
	s = ia_xcalloc(1, sizeof(*s));
	sudo_file(ctx, "/etc/sudoers", s, true);
	if (s->syslog_off && !s->logfile_on)
		chk_report(ctx, s->off_path, s->off_line, s->off_value, NULL,
			   "sudo logging to syslog is disabled and no log file is set");
	else if (s->allowed_off || s->denied_off)
		chk_report(ctx, s->off_path, s->off_line, s->off_value, NULL,
			   "sudo does not log %s commands",
			   s->allowed_off && s->denied_off ? "allowed or denied"
			   : s->allowed_off                ? "allowed"
							   : "denied");
	free(s);
}

/* ---- LOG-005 / LOG-006: the audit daemon and its rules ---- */

static const char *auditd_installed(struct chk_ctx *ctx)
{
	static const char *const pkgs[] = {"auditd", "audit"};
	static const char *const bins[] = {"/usr/sbin/auditd", "/sbin/auditd"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(pkgs); i++) {
		const struct inv_pkg *p = inv_pkg_find(ctx->facts, pkgs[i]);

		if (p)
			return p->db_path;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(bins); i++)
		if (fam_file(ctx, bins[i], NULL))
			return bins[i];
	return NULL;
}

static void run_auditd(struct chk_ctx *ctx)
{
	const char *inst;

	if (container_image(ctx))
		return;
	inst = auditd_installed(ctx);
	if (!inst) {
		chk_report(ctx, "", 0, "", NULL,
			   "no audit daemon: changes to accounts and logins are not audited");
		return;
	}
	if (fam_unit_enabled(ctx, "auditd.service") || fam_initscript_enabled(ctx, "auditd"))
		return;
	chk_report(ctx, inst, 0, "auditd", NULL, "auditd is installed but not enabled at boot");
}

/* What must be watched for writes: identity files and login records. */
static const char *const audit_required[] = {
	"/etc/passwd",  "/etc/shadow",   "/etc/group",
	"/etc/gshadow", "/var/log/wtmp", "/var/log/btmp",
};

struct audit_state {
	bool watched[IA_ARRAY_SIZE(audit_required)];
	size_t n_rules;
};

/* true when a watch on w (a file or directory, perms p) covers writes to path */
static bool audit_covers(const char *w, size_t wn, const char *perm, size_t pn, const char *path)
{
	size_t pl = strlen(path);
	bool writes = pn == 0 || memchr(perm, 'w', pn) || memchr(perm, 'a', pn);

	while (wn > 1 && w[wn - 1] == '/')
		wn--;
	if (!writes)
		return false;
	if (wn == pl && memcmp(w, path, pl) == 0)
		return true;
	return wn < pl && memcmp(w, path, wn) == 0 && path[wn] == '/';
}

/* One rule: "-w PATH [-p PERMS]" or "-a LIST,ACTION ... -F path=X|dir=X [-F perm=P]". */
static void audit_rule(struct audit_state *s, const char *l, size_t n)
{
	const char *watch = NULL, *perm = "";
	size_t watch_n = 0, perm_n = 0;
	bool never = false;
	const char *p = l, *end = l + n;

	while (p < end) {
		const char *opt, *arg;
		size_t on, an;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		opt = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		on = (size_t)(p - opt);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		arg = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		an = (size_t)(p - arg);
		if (ia_eq(opt, on, "-w")) {
			watch = arg, watch_n = an;
		} else if (ia_eq(opt, on, "-p")) {
			perm = arg, perm_n = an;
		} else if (ia_eq(opt, on, "-a") || ia_eq(opt, on, "-A")) {
			never = memmem(arg, an, "never", 5) != NULL;
		} else if (ia_eq(opt, on, "-F")) {
			if (ia_starts_with(arg, an, "path="))
				watch = arg + 5, watch_n = an - 5;
			else if (ia_starts_with(arg, an, "dir="))
				watch = arg + 4, watch_n = an - 4;
			else if (ia_starts_with(arg, an, "perm="))
				perm = arg + 5, perm_n = an - 5;
		} else if (on && opt[0] == '-') {
			p = arg; /* an option without argument, or one we do not read */
		}
	}
	if (!watch || never)
		return;
	s->n_rules++;
	for (size_t i = 0; i < IA_ARRAY_SIZE(audit_required); i++)
		if (audit_covers(watch, watch_n, perm, perm_n, audit_required[i]))
			s->watched[i] = true;
}

static void audit_rules_file(struct chk_ctx *ctx, const char *path, struct audit_state *s)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;

	if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF))
		goto done;
	while (fam_next_line(ctx, &t, &l, &n))
		if (n && l[0] == '-')
			audit_rule(s, l, n);
done:
	fam_text_close(&t);
}

static void audit_rules_entry(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	size_t n = strlen(e->path);

	if (n > 6 && strcmp(e->path + n - 6, ".rules") == 0 && S_ISREG(e->mode))
		audit_rules_file(ctx, e->path, arg);
}

static void run_audit_rules(struct chk_ctx *ctx)
{
	struct audit_state s = {0};
	struct ia_buf missing = IA_BUF_INIT(IA_MAX_EVIDENCE);

	if (container_image(ctx))
		return;
	if (!auditd_installed(ctx)) {
		chk_absent(ctx, "no audit daemon on this image (LOG-005 reports it)");
		return;
	}
	/* augenrules compiles rules.d into audit.rules at boot; either may hold the rules */
	audit_rules_file(ctx, "/etc/audit/audit.rules", &s);
	fam_children(ctx, "/etc/audit/rules.d", audit_rules_entry, &s);
	for (size_t i = 0; i < IA_ARRAY_SIZE(audit_required); i++)
		if (!s.watched[i])
			ia_buf_addf(&missing, "%s%s", missing.len ? " " : "", audit_required[i]);
	if (missing.len)
		chk_report(ctx, "/etc/audit/rules.d", 0, missing.data, NULL,
			   "audit rules do not watch writes to %s", missing.data);
	ia_buf_release(&missing);
}

static const struct chk_def logging_checks[] = {
	{
		.id = "LOG-001",
		.title = "no system logger keeps logs across reboots",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1g"),
		.examines =
			"syslog daemons (rsyslog, syslog-ng, sysklogd, busybox syslog) installed "
			"and enabled at boot (systemd *.wants links, rc?.d, OpenRC runlevels); "
			"journald Storage= in journald.conf and drop-ins, /var/log/journal",
		.remediation =
			"Install and enable a syslog daemon (apt-get install rsyslog; systemctl "
			"enable rsyslog), or make journald persistent: Storage=persistent in "
			"/etc/systemd/journald.conf or mkdir /var/log/journal",
		.run = run_syslog,
	},
	{
		.id = "LOG-002",
		.title = "login records (wtmp, btmp) missing or discarded",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-3.1g", "JK-AUDIT"),
		.examines = "/var/log/wtmp, /var/log/btmp, /var/log/lastlog: type and symlinks; "
			    "tmpfiles.d entries that create them at boot",
		.remediation =
			"Create them as regular files (install -m 0664 -g utmp /dev/null "
			"/var/log/wtmp; install -m 0660 -g utmp /dev/null /var/log/btmp), or keep "
			"the tmpfiles.d entries that create them; never link them to /dev/null",
		.run = run_login_records,
	},
	{
		.id = "LOG-003",
		.title = "login records with unsafe permissions",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1g", "JK-AUDIT"),
		.examines = "modes of /var/log/wtmp, /var/log/lastlog (not world-writable) and "
			    "/var/log/btmp (no access for others)",
		.remediation = "chmod 0664 /var/log/wtmp /var/log/lastlog; chmod 0660 "
			       "/var/log/btmp; chgrp utmp on all three",
		.run = run_login_modes,
	},
	{
		.id = "LOG-004",
		.title = "sudo logging disabled",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1g", "SR-6.5"),
		.examines = "Defaults lines of /etc/sudoers and the files it includes (!syslog "
			    "without logfile, !log_allowed, !log_denied)",
		.remediation =
			"Remove the Defaults that turn logging off (!syslog, !log_allowed, "
			"!log_denied) with visudo, or set Defaults logfile=/var/log/sudo.log",
		.run = run_sudo,
	},
	{
		.id = "LOG-005",
		.title = "no audit daemon enabled",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JK-AUDIT", "SR-6.5"),
		.examines = "auditd package or binary; auditd.service enabled at boot or its init "
			    "script linked",
		.remediation = "Install and enable auditd (apt-get install auditd / dnf install "
			       "audit; systemctl enable auditd)",
		.run = run_auditd,
	},
	{
		.id = "LOG-006",
		.title = "audit rules miss identity files or login records",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JK-AUDIT", "SR-6.5"),
		.examines = "/etc/audit/audit.rules and /etc/audit/rules.d/*.rules: -w watches and "
			    "-F path=/dir= rules with write permission on /etc/passwd, shadow, "
			    "group, gshadow, /var/log/wtmp, btmp",
		.remediation = "Add rules to /etc/audit/rules.d/50-identity.rules, e.g. -w "
			       "/etc/passwd -p wa -k identity (likewise /etc/shadow, /etc/group, "
			       "/etc/gshadow) and -w /var/log/wtmp -p wa -k logins (likewise "
			       "/var/log/btmp), then augenrules --load",
		.run = run_audit_rules,
	},
};
const struct chk_family chk_family_logging = {
	.name = "logging",
	.checks = logging_checks,
	.n_checks = IA_ARRAY_SIZE(logging_checks),
};
