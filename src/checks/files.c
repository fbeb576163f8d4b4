/* files.c — the files family: world-writable entries, SUID/SGID programs, owner and mode of
 * key files and directories, SSH keys, files owned by no user or group */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/files_caps.h"
#include "checks/profile.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/datafile.h"
#include "util/banned.h"

/* Bytes of one default SUID list of data/suid. */
#define FS_MAX_SUID_LIST (256u * 1024)

/* Shared temporary directories: world-writable by design, with the sticky bit. */
static const char *const tmp_dirs[] = {
	"/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock", "/dev/mqueue",
};

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* 1: a shared tmp dir itself, 2: inside one, 0: elsewhere */
static int tmp_place(const char *path)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(tmp_dirs); i++) {
		if (strcmp(path, tmp_dirs[i]) == 0)
			return 1;
		if (under(path, tmp_dirs[i]))
			return 2;
	}
	return 0;
}

static void modeval(char out[64], const struct tgt_entry *e)
{
	char m[8];

	ia_mode_str(e->mode, m);
	snprintf(out, 64, "mode %s uid %u gid %u", m, e->uid, e->gid);
}

static void run_ww_dirs(struct chk_ctx *ctx)
{
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		int place;
		char v[64], fix[FAM_MAX_FIX];

		if (!S_ISDIR(e->mode) || !(e->mode & S_IWOTH))
			continue;
		place = tmp_place(e->path);
		if (place == 2 || (place == 1 && (e->mode & S_ISVTX)))
			continue;
		modeval(v, e);
		chk_report(ctx, e->path, 0, v,
			   fam_fix(fix,
				   "chmod o-w %s (or chmod 1777 %s if it is a shared "
				   "temporary directory)",
				   e->path),
			   "world-writable directory %s%s", e->path,
			   (e->mode & S_ISVTX) ? " (sticky bit set)"
					       : " without the sticky bit: anyone can delete or "
						 "replace its files");
	}
}

static void run_ww_files(struct chk_ctx *ctx)
{
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		char v[64], fix[FAM_MAX_FIX];

		if (!S_ISREG(e->mode) || !(e->mode & S_IWOTH) || tmp_place(e->path))
			continue;
		modeval(v, e);
		chk_report(ctx, e->path, 0, v, fam_fix(fix, "chmod o-w %s", e->path),
			   "world-writable file %s", e->path);
	}
}

static void run_suid(struct chk_ctx *ctx)
{
	const char *family = ctx->facts->os.family;
	struct ia_buf list = IA_BUF_INIT(FS_MAX_SUID_LIST);
	struct ia_hmap known = {0};
	struct ia_err err = {0};
	size_t n_special = 0;
	char rel[64];

	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);

		if (S_ISREG(e->mode) && (e->mode & (S_ISUID | S_ISGID)))
			n_special++;
	}
	if (!n_special) {
		chk_note(ctx, "no setuid or setgid file in this image");
		return;
	}
	if (!family || !*family) {
		chk_gap(ctx, NULL, 0,
			"%zu setuid/setgid files not compared: the OS family is unknown, so no "
			"default set applies",
			n_special);
		return;
	}
	snprintf(rel, sizeof(rel), "suid/%s.txt", family);
	if (ia_data_read(rel, FS_MAX_SUID_LIST, &list, &err) < 0) {
		chk_gap(ctx, NULL, 0,
			"%zu setuid/setgid files not compared: no default set for "
			"OS family '%s' (%s)",
			n_special, family, err.msg);
		ia_buf_release(&list);
		return;
	}
	{
		struct ia_lines c;
		const char *l;
		size_t n;

		ia_lines_init(&c, list.data, list.len);
		while (ia_lines_next(&c, &l, &n) > 0) {
			ia_trim(&l, &n);
			if (!n || l[0] == '#')
				continue;
			/* the list is ours: terminate each path in place for the map's keys */
			((char *)l)[n] = '\0';
			ia_hmap_put(&known, l, 0);
		}
	}
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		uint32_t dummy;
		char v[64], fix[FAM_MAX_FIX];

		if (!S_ISREG(e->mode) || !(e->mode & (S_ISUID | S_ISGID)))
			continue;
		if (ia_hmap_get(&known, e->path, strlen(e->path), &dummy))
			continue;
		modeval(v, e);
		chk_report(ctx, e->path, 0, v,
			   fam_fix(fix,
				   "chmod u-s,g-s %s, or remove the program if it is not needed",
				   e->path),
			   "%s%s program %s is not in %s's default set",
			   (e->mode & S_ISUID) ? "setuid" : "",
			   (e->mode & S_ISUID) && (e->mode & S_ISGID) ? "+setgid"
			   : (e->mode & S_ISGID)                      ? "setgid"
								      : "",
			   e->path, family);
	}
	chk_note(ctx, "%zu setuid/setgid files compared with data/suid/%s.txt", n_special, family);
	ia_hmap_release(&known);
	ia_buf_release(&list);
}

/* Looks path up (following symlinks); NULL when absent. */
static const struct tgt_entry *look(struct chk_ctx *ctx, const char *path)
{
	const struct tgt_entry *e = NULL;

	if (tgt_lookup(ctx->tgt, path, 0, &e) < 0)
		return NULL;
	return e;
}

static bool group_named(struct chk_ctx *ctx, uint32_t gid, const char *name)
{
	const struct inv_group *g = inv_group_by_gid(ctx->facts, gid);

	return g && g->name && strcmp(g->name, name) == 0;
}

/* Reports e at path when it is not owned by root or is writable by group or others. */
static void root_only_writable(struct chk_ctx *ctx, const char *path, const struct tgt_entry *e,
			       const char *what)
{
	char v[64], fix[FAM_MAX_FIX];

	if (!e)
		return;
	modeval(v, e);
	if (e->uid != 0)
		chk_report(ctx, path, 0, v, fam_fix(fix, "chown root %s", path),
			   "%s %s is owned by uid %u, not root", what, path, e->uid);
	if (e->mode & (S_IWGRP | S_IWOTH))
		chk_report(ctx, path, 0, v, fam_fix(fix, "chmod go-w %s", path),
			   "%s %s is writable by %s", what, path,
			   (e->mode & S_IWOTH) ? "everyone" : "its group");
}

static void run_system_dirs(struct chk_ctx *ctx)
{
	static const char *const dirs[] = {
		"/",
		"/etc",
		"/bin",
		"/sbin",
		"/usr",
		"/usr/bin",
		"/usr/sbin",
		"/usr/lib",
		"/lib",
		"/lib64",
		"/usr/local/bin",
		"/usr/local/sbin",
		"/boot",
		"/etc/ssh",
		"/etc/pam.d",
		"/etc/cron.d",
		"/etc/systemd/system",
	};

	for (size_t i = 0; i < IA_ARRAY_SIZE(dirs); i++)
		root_only_writable(ctx, dirs[i], look(ctx, dirs[i]), "directory");
}

static void run_account_files(struct chk_ctx *ctx)
{
	static const char *const secret[] = {"/etc/shadow", "/etc/gshadow", "/etc/shadow-",
					     "/etc/gshadow-"};
	static const char *const pub[] = {"/etc/passwd", "/etc/group", "/etc/passwd-",
					  "/etc/group-"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(pub); i++)
		root_only_writable(ctx, pub[i], look(ctx, pub[i]), "file");
	for (size_t i = 0; i < IA_ARRAY_SIZE(secret); i++) {
		const struct tgt_entry *e = look(ctx, secret[i]);
		char v[64], fix[FAM_MAX_FIX];

		if (!e)
			continue;
		root_only_writable(ctx, secret[i], e, "file");
		modeval(v, e);
		if (e->mode & S_IROTH)
			chk_report(ctx, secret[i], 0, v, fam_fix(fix, "chmod o-rwx %s", secret[i]),
				   "%s is readable by everyone: password hashes exposed",
				   secret[i]);
		else if ((e->mode & S_IRGRP) && e->gid != 0 && !group_named(ctx, e->gid, "shadow"))
			chk_report(ctx, secret[i], 0, v,
				   fam_fix(fix,
					   "chgrp shadow %s (chgrp root %s where there is no "
					   "shadow group)",
					   secret[i]),
				   "%s is readable by group %u, which is neither root nor shadow",
				   secret[i], e->gid);
	}
}

static void run_sudoers(struct chk_ctx *ctx)
{
	const struct tgt_entry *e;
	size_t b, end;

	e = look(ctx, "/etc/sudoers");
	root_only_writable(ctx, "/etc/sudoers", e, "file");
	if (e && (e->mode & S_IROTH)) {
		char v[64];

		modeval(v, e);
		chk_report(ctx, "/etc/sudoers", 0, v, "chmod 440 /etc/sudoers",
			   "/etc/sudoers is readable by everyone");
	}
	e = look(ctx, "/etc/sudoers.d");
	root_only_writable(ctx, "/etc/sudoers.d", e, "directory");
	if (e && S_ISDIR(e->mode) && tgt_subtree(ctx->tgt, "/etc/sudoers.d", &b, &end) == 0)
		for (size_t i = b; i < end; i++) {
			const struct tgt_entry *f = tgt_at(ctx->tgt, i);

			if (S_ISREG(f->mode) || S_ISDIR(f->mode))
				root_only_writable(ctx, f->path, f, "sudoers file");
		}
	if (!look(ctx, "/etc/sudoers") && !e)
		chk_absent(ctx, "no sudo configuration in this image");
}

/* "chown USER PATH" with both as shell words, or NULL. */
static const char *chown_fix(char fix[FAM_MAX_FIX], const char *user, const char *path)
{
	char u[256], p[FAM_MAX_FIX];

	if (!fam_shell_word(u, sizeof(u), user) || !fam_shell_word(p, sizeof(p), path))
		return NULL;
	if (snprintf(fix, FAM_MAX_FIX, "chown %s %s", u, p) >= FAM_MAX_FIX)
		return NULL;
	return fix;
}

static void run_homes(struct chk_ctx *ctx)
{
	const struct tgt_entry *e;
	char v[64], fix[FAM_MAX_FIX];

	e = look(ctx, "/root");
	if (e && S_ISDIR(e->mode)) {
		modeval(v, e);
		if (e->uid != 0)
			chk_report(ctx, "/root", 0, v, "chown root:root /root",
				   "/root is owned by uid %u, not root", e->uid);
		if (e->mode & (S_IWGRP | S_IWOTH))
			chk_report(ctx, "/root", 0, v, "chmod 700 /root",
				   "/root is writable by group or others");
		else if (e->mode & S_IRWXO)
			chk_report(ctx, "/root", 0, v, "chmod 700 /root",
				   "/root is open to every user");
	}
	for (size_t i = 0; i < ctx->facts->n_accounts; i++) {
		const struct inv_account *a = &ctx->facts->accounts[i];

		if (a->uid == 0 || !a->home || !*a->home || strcmp(a->home, "/") == 0 ||
		    (a->uid < 1000 && !under(a->home, "/home")) || a->uid == 65534)
			continue; /* system accounts have system directories as home */
		e = look(ctx, a->home);
		if (!e || !S_ISDIR(e->mode))
			continue;
		modeval(v, e);
		if (e->uid != a->uid && e->uid != 0)
			chk_report(ctx, a->home, 0, v, chown_fix(fix, a->name, a->home),
				   "home directory of '%s' is owned by uid %u, not by the user",
				   a->name, e->uid);
		if (e->mode & (S_IWGRP | S_IWOTH))
			chk_report(ctx, a->home, 0, v, fam_fix(fix, "chmod go-w %s", a->home),
				   "home directory of '%s' is writable by %s", a->name,
				   (e->mode & S_IWOTH) ? "everyone" : "its group");
	}
}

static bool private_key_name(const char *path)
{
	static const char *const names[] = {"id_rsa",     "id_dsa",      "id_ecdsa",
					    "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
					    "identity"};
	const char *b = fam_basename(path);
	size_t bl = strlen(b);

	if (under(path, "/etc/ssh") && strncmp(b, "ssh_host_", 9) == 0 && bl > 4 &&
	    strcmp(b + bl - 4, "_key") == 0)
		return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++)
		if (strcmp(b, names[i]) == 0)
			return strstr(path, "/.ssh/") != NULL;
	return false;
}

static void run_ssh(struct chk_ctx *ctx)
{
	size_t seen = 0;

	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *b = fam_basename(e->path);
		char v[64], fix[FAM_MAX_FIX];

		if (S_ISDIR(e->mode) && strcmp(b, ".ssh") == 0) {
			seen++;
			modeval(v, e);
			if (e->mode & (S_IWGRP | S_IWOTH))
				chk_report(ctx, e->path, 0, v,
					   fam_fix(fix, "chmod 700 %s", e->path),
					   "%s is writable by %s", e->path,
					   (e->mode & S_IWOTH) ? "everyone" : "its group");
			else if (e->mode & S_IRWXO)
				chk_report(ctx, e->path, 0, v,
					   fam_fix(fix, "chmod 700 %s", e->path),
					   "%s is open to every user", e->path);
		} else if (S_ISREG(e->mode) && strstr(e->path, "/.ssh/") &&
			   (strcmp(b, "authorized_keys") == 0 ||
			    strcmp(b, "authorized_keys2") == 0)) {
			seen++;
			modeval(v, e);
			if (e->mode & (S_IWGRP | S_IWOTH))
				chk_report(
					ctx, e->path, 0, v, fam_fix(fix, "chmod 600 %s", e->path),
					"%s is writable by %s: anyone able to write it can log in",
					e->path, (e->mode & S_IWOTH) ? "everyone" : "its group");
		} else if (S_ISREG(e->mode) && private_key_name(e->path)) {
			bool host_group = under(e->path, "/etc/ssh") &&
					  group_named(ctx, e->gid, "ssh_keys") &&
					  !(e->mode & (S_IWGRP | S_IRWXO));

			seen++;
			modeval(v, e);
			if ((e->mode & (S_IRWXG | S_IRWXO)) && !host_group)
				chk_report(ctx, e->path, 0, v,
					   fam_fix(fix, "chmod 600 %s", e->path),
					   "private key %s is accessible to %s", e->path,
					   (e->mode & S_IRWXO) ? "every user" : "its group");
		}
	}
	if (!seen)
		chk_absent(ctx,
			   "no .ssh directory, authorized_keys or SSH private key in this image");
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void run_unowned(struct chk_ctx *ctx)
{
	const struct inv_facts *f = ctx->facts;
	uint32_t *uids = NULL, *gids = NULL;

	if (!f->n_accounts || !f->n_groups) {
		chk_absent(ctx, "no /etc/passwd or /etc/group: file owners cannot be named, as in "
				"images without accounts");
		return;
	}
	uids = ia_xreallocarray(NULL, f->n_accounts, sizeof(*uids));
	gids = ia_xreallocarray(NULL, f->n_groups, sizeof(*gids));
	for (size_t i = 0; i < f->n_accounts; i++)
		uids[i] = f->accounts[i].uid;
	for (size_t i = 0; i < f->n_groups; i++)
		gids[i] = f->groups[i].gid;
	qsort(uids, f->n_accounts, sizeof(*uids), cmp_u32);
	qsort(gids, f->n_groups, sizeof(*gids), cmp_u32);
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		bool nou = !bsearch(&e->uid, uids, f->n_accounts, sizeof(*uids), cmp_u32);
		bool nog = !bsearch(&e->gid, gids, f->n_groups, sizeof(*gids), cmp_u32);
		char v[64], fix[FAM_MAX_FIX];
		const char *fx;

		if (!nou && !nog)
			continue;
		modeval(v, e);
		fx = fam_fix(fix,
			     nou && nog
				     ? "chown root:root %s (or to the account that should own it), "
				       "or remove it"
			     : nou ? "chown root %s (or to the account that should own it), or "
				     "remove it"
				   : "chgrp root %s (or to the group that should own it), or "
				     "remove it",
			     e->path);
		if (nou && nog)
			chk_report(ctx, e->path, 0, v, fx,
				   "%s is owned by uid %u and gid %u, which do not exist", e->path,
				   e->uid, e->gid);
		else if (nou)
			chk_report(ctx, e->path, 0, v, fx,
				   "%s is owned by uid %u, a user that does not exist", e->path,
				   e->uid);
		else
			chk_report(ctx, e->path, 0, v, fx,
				   "%s has gid %u, a group that does not exist", e->path, e->gid);
	}
	free(uids);
	free(gids);
}

static const struct chk_def files_checks[] = {
	{
		.id = "FS-001",
		.title = "world-writable directory outside /tmp and /var/tmp",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1f"),
		.examines = "every directory of the image index (mode o+w), with or without the "
			    "sticky bit; /tmp, /var/tmp, /dev/shm, /run/lock need the sticky bit",
		.remediation = "chmod o-w DIR (or chmod 1777 for a shared temporary directory)",
		.run = run_ww_dirs,
	},
	{
		.id = "FS-002",
		.title = "world-writable file outside /tmp and /var/tmp",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1f"),
		.examines = "every regular file of the image index (mode o+w)",
		.remediation = "chmod o-w FILE",
		.run = run_ww_files,
	},
	{
		.id = "FS-003",
		.title = "setuid or setgid program not in the distribution's default set",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1d"),
		.examines = "setuid/setgid regular files against data/suid/<os family>.txt",
		.remediation = "chmod u-s,g-s FILE, or remove the program if it is not needed",
		.run = run_suid,
	},
	{
		.id = "FS-004",
		.title = "system directory not owned by root or writable by group or others",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1e"),
		.examines = "owner and mode of /, /etc, /bin, /sbin, /usr, /usr/bin, /usr/sbin, "
			    "/usr/lib, /lib, /boot, /etc/ssh, /etc/pam.d, /etc/cron.d and others",
		.remediation = "chown root:root DIR && chmod 755 DIR",
		.run = run_system_dirs,
	},
	{
		.id = "FS-005",
		.title = "account database with a wrong owner or mode (/etc/shadow, gshadow, "
			 "passwd, group)",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1e", "JK-HASH"),
		.examines = "owner and mode of /etc/shadow, /etc/gshadow, /etc/passwd, /etc/group "
			    "and their backups",
		.remediation = "chown root:shadow /etc/shadow /etc/gshadow && chmod 640 "
			       "/etc/shadow /etc/gshadow; chmod 644 /etc/passwd /etc/group",
		.run = run_account_files,
	},
	{
		.id = "FS-006",
		.title = "sudoers file or directory not owned by root or writable by others",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1e"),
		.examines = "owner and mode of /etc/sudoers, /etc/sudoers.d and its files",
		.remediation = "chown root:root /etc/sudoers /etc/sudoers.d/* && chmod 440 "
			       "/etc/sudoers /etc/sudoers.d/*",
		.run = run_sudoers,
	},
	{
		.id = "FS-007",
		.title = "/root or a home directory with a wrong owner or open permissions",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1e"),
		.examines = "owner and mode of /root and the home directories of user accounts",
		.remediation = "chmod 700 /root; chown USER HOME && chmod go-w HOME",
		.run = run_homes,
	},
	{
		.id = "FS-008",
		.title = ".ssh directory, authorized_keys or private key open to other users",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1e", "JK-KEYS"),
		.examines = "every .ssh directory, authorized_keys, id_* private keys and "
			    "/etc/ssh/ssh_host_*_key",
		.remediation =
			"chmod 700 ~/.ssh; chmod 600 ~/.ssh/authorized_keys and private keys",
		.run = run_ssh,
	},
	{
		.id = "FS-009",
		.title = "file owned by no existing user or group",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-3.1e"),
		.examines = "uid and gid of every index entry against /etc/passwd and /etc/group",
		.remediation = "chown the file to an existing user and group, or remove it",
		.run = run_unowned,
	},
	{
		.id = "FS-010",
		.title = "file capabilities not in the distribution's default set",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-3.1d"),
		.examines =
			"security.capability of every regular file with an execute bit (v1, v2, "
			"v3; the kernel gives them when the file is executed) against "
			"data/caps/<os family>.txt; high severity for capabilities that amount to "
			"root (cap_setuid, cap_setgid, cap_sys_admin, cap_dac_override, "
			"cap_sys_ptrace, cap_sys_module ...)",
		.remediation = "setcap -r FILE, or remove the program if it is not needed",
		.run = chk_run_file_caps,
	},
};
const struct chk_family chk_family_files = {
	.name = "files",
	.checks = files_checks,
	.n_checks = IA_ARRAY_SIZE(files_checks),
};
