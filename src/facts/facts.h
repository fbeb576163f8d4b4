/* facts.h — what an image is: OS identity, packages and the files they own, accounts */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_H
#define IA_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts/svc.h"
#include "util/hmap.h"
#include "util/limits.h"
#include "util/pool.h"
#include "util/problem.h"
#include "facts/software.h"

struct tgt;

/* OS identity, normalised. Strings are never NULL ("" when unknown); they live in facts->pool. */
struct inv_os {
	const char *id;          /* os-release ID: "debian", "alpine", "rhel", "centos", ... */
	const char *id_like;     /* as written: "rhel fedora" */
	const char *version_id;  /* "12", "3.18.4", "8.8" */
	const char *version;     /* VERSION, free text */
	const char *codename;    /* "bookworm", "" */
	const char *name;        /* NAME */
	const char *pretty_name; /* PRETTY_NAME, or built from the fallback file */
	const char *family;      /* "debian", "alpine", "rhel", "suse", "arch", "" */
	const char *cpe;         /* CPE_NAME or "" */
	const char *source;      /* image path the identity came from, "" when unknown */
	bool known;              /* identity established */
	bool vuln_data;          /* imgaudit has advisory data for this OS (set by vulndb) */
};

enum inv_db {
	INV_DB_DPKG = 1,
	INV_DB_APK,
	INV_DB_RPM,
};

enum inv_digest {
	INV_DIGEST_NONE = 0,
	INV_DIGEST_MD5,
	INV_DIGEST_SHA1,
	INV_DIGEST_SHA256,
	INV_DIGEST_SHA512,
};

#define INV_FILE_CONFIG 1u /* a configuration file (dpkg conffile, rpm %config) */

struct inv_file {
	const char *path;   /* image path, normalised */
	const char *digest; /* lowercase hex, or NULL when the database records none */
	uint8_t algo;       /* enum inv_digest */
	uint8_t flags;      /* INV_FILE_* */
	uint32_t mode;      /* as recorded (rpm), 0 when unknown */
	uint32_t pkg;       /* index into facts->pkgs */
};

struct inv_pkg {
	const char *name;
	const char *version;        /* full version as the ecosystem writes it: dpkg "1:2.3-4",
				     * apk "1.2.3-r0", rpm "[E:]V-R" */
	const char *arch;           /* "" if none */
	const char *source;         /* source package name (= name when the db names none) */
	const char *source_version; /* (= version when the db names none) */
	int64_t epoch;              /* rpm epoch, -1 when absent; dpkg/apk -1 */
	const char *rpm_version;    /* rpm V, "" otherwise */
	const char *rpm_release;    /* rpm R, "" otherwise */
	const char *vendor;         /* rpm vendor / dpkg Maintainer / apk maintainer, "" */
	const char *packager;       /* rpm Packager, "" otherwise */
	int64_t install_time;       /* seconds, 0 unknown */
	int64_t build_time;         /* seconds, 0 unknown (apk t:, rpm BUILDTIME) */
	const char *state;          /* "installed"; for dpkg the state word of Status: when it is
				     * another ("config-files", "half-installed", "unpacked",
				     * "half-configured", "triggers-awaited", "triggers-pending").
				     * dpkg packages are listed as `dpkg-query -W` lists them (every
				     * state but not-installed); see inv_pkg_on_disk(). NULL in
				     * inv_add_pkg means "installed". */
	const char *db_path;        /* image path of the database it came from */
	unsigned db_line;           /* line of its stanza in a text database, 0 otherwise */
	enum inv_db db;
	size_t first_file; /* its files are facts->files[first_file .. first_file+n_files) */
	size_t n_files;
};

struct inv_account {
	const char *name;
	uint32_t uid, gid;
	const char *gecos, *home, *shell;
	const char *passwd;  /* second field of passwd ("x", "*", "", or a hash) */
	const char *hash;    /* shadow's second field, NULL when shadow has no line */
	int64_t last_change; /* shadow fields, -1 when empty */
	int64_t max_days, expire;
	unsigned passwd_line, shadow_line;
	const char *passwd_path, *shadow_path;
};

struct inv_group {
	const char *name;
	uint32_t gid;
	const char *passwd;  /* group's second field */
	const char *gshadow; /* gshadow's second field, NULL when absent */
	const char **members;
	size_t n_members;
	unsigned line;
};

/*
 * One assignment of a sysctl file, in the order systemd-sysctl applies them (so the last one
 * naming a key wins): *.conf of /etc/sysctl.d, /usr/local/lib/sysctl.d, /usr/lib/sysctl.d and
 * /lib/sysctl.d (an earlier directory hides a file of the same name, a link to /dev/null masks
 * it) in file-name order, then /etc/sysctl.conf unless one of those was it. key as written
 * ('/' turned into '.'; it may be a glob such as "net.ipv4.conf.*.rp_filter"), value trimmed.
 */
struct inv_sysctl_set {
	const char *key, *value, *path;
	unsigned line;
};

struct inv_sysctl {
	struct inv_sysctl_set *v;
	size_t n, cap;
	bool full; /* IA_MAX_CONFIG_SETTINGS reached */
	/* What could not be read in these files (area ""): code 0 for a line skipped, the error
	 * of a file not read otherwise. The checks that read the fact report them as their gaps,
	 * once per audit (chk_fact_issues). */
	struct ia_problems issues;
};

/* Package sources: one repository a line or stanza (facts/sources.c). */
enum inv_repo_kind { INV_REPO_APT = 1, INV_REPO_YUM, INV_REPO_APK };

struct inv_repo {
	enum inv_repo_kind kind;
	char *uri;        /* apt URI, yum baseurl/mirrorlist/metalink, apk line */
	char *suite;      /* apt: the first suite; yum: the repo id; apk: "" */
	char *components; /* apt: space-separated; apk: the last path component */
	char *path;
	unsigned line;
	bool src; /* apt deb-src only */
	bool enabled;
	char *unsigned_why; /* how signature checking is turned off, or NULL */
	unsigned unsigned_line;
};

/*
 * The repositories of apt (sources.list, and in sources.list.d the one-line *.list and the
 * deb822 *.sources files), yum/dnf (*.repo, yum.conf, dnf.conf) and apk (/etc/apk/repositories).
 */
struct inv_sources {
	struct inv_repo *v;
	size_t n, cap;
	bool any_config; /* some source file of a package manager exists */
	/* yum/dnf [main] gpgcheck: -1 unset, 0 off, 1 on, and where */
	int main_gpgcheck;
	char main_path[IA_MAX_PATH];
	unsigned main_line;
	bool full;                 /* IA_MAX_CONFIG_SETTINGS repositories kept; the rest dropped */
	struct inv_repo spare;     /* where a repository past the limit is parsed */
	struct ia_problems issues; /* as inv_sysctl.issues */
};

/* The password policy of passwd: its PAM password stack and login.defs (facts/pam.c). */

/* A password-quality policy as pam_pwquality / pam_cracklib / pam_unix / login.defs state it. */
struct inv_pwpolicy {
	int minlen; /* as set (pwquality/cracklib count credits against it) */
	int dcredit, ucredit, lcredit, ocredit;
	int minclass;
	int enforcing;       /* pwquality's "enforcing": 0 only warns (defaults set 1) */
	bool quality_module; /* pam_pwquality or pam_cracklib is in the stack */
};

/* The settings of a policy, in the order of struct inv_pwpolicy (inv_pwpolicy_value). */
enum {
	INV_PW_MINLEN,
	INV_PW_DCREDIT,
	INV_PW_UCREDIT,
	INV_PW_LCREDIT,
	INV_PW_OCREDIT,
	INV_PW_MINCLASS,
	INV_PW_ENFORCING,
	INV_PW_N
};

/* Where a setting was made: image path and line (0: a module default). */
struct inv_pw_src {
	const char *path;
	unsigned line;
};

/* One module's policy with the source of each setting. */
struct inv_pw_mod {
	bool found;
	const char *module; /* "pam_pwquality", "pam_cracklib", "pam_unix", "login.defs" */
	struct inv_pwpolicy p;
	struct inv_pw_src rule;         /* the PAM line (or login.defs) */
	struct inv_pw_src at[INV_PW_N]; /* line 0: the module's default */
	bool enforcing;                 /* control and "enforcing" let a rejection stand */
};

/*
 * The password stack of the PAM service passwd(1) uses, includes followed inside the image
 * (IA_MAX_PAM_DEPTH, IA_MAX_PAM_FILES, IA_MAX_PAM_RULES), and login.defs. Strings are in the
 * facts' pool or literals; never NULL once inv_facts_init ran.
 */
struct inv_pam {
	bool have_pam;             /* /etc/pam.d or one of the stack files exists */
	const char *entry;         /* service file the walk started from ("" when none) */
	struct inv_pw_mod quality; /* first enforcing pam_pwquality / pam_cracklib */
	struct inv_pw_mod lax;     /* first quality module that does not enforce */
	struct inv_pw_mod unix_;   /* first pam_unix password rule */
	struct inv_pw_mod defs;    /* login.defs, the policy without PAM */
	const char *other;         /* a quality module not evaluated (pam_passwdqc), or "" */
	struct inv_pw_src other_at;
	int defs_minlen; /* PASS_MIN_LEN set in login.defs (-1: not set) */
	unsigned defs_line;
	struct ia_problems issues; /* as inv_sysctl.issues */
};

struct inv_facts {
	struct ia_pool pool; /* owns every string below; the arrays are heap (both freed
			      * by inv_facts_release) */
	struct inv_os os;
	struct inv_pkg *pkgs;
	size_t n_pkgs, cap_pkgs;
	struct inv_file *files; /* files of all packages, grouped by package */
	size_t n_files, cap_files;
	struct inv_account *accounts;
	size_t n_accounts, cap_accounts;
	struct inv_group *groups;
	size_t n_groups, cap_groups;
	/* package databases found: paths, and whether each was read whole */
	const char *dbs[8];
	enum inv_db db_kinds[8];
	bool db_ok[8];
	size_t n_dbs;
	struct ia_problems problems; /* malformed files: path, line, message */
	struct inv_sysctl sysctl;    /* kernel settings kept in sysctl files */
	struct inv_sources sources;  /* package repositories */
	struct inv_pam pam;          /* the password policy of passwd */
	struct inv_svc svc;          /* service configurations (facts/svc.h) */
	struct inv_software
		software; /* software outside the package managers (facts/software*.c) */
	/* lookup maps, kept by inv_add_pkg/inv_add_file and the account parsers (keys in pool) */
	struct ia_hmap pkg_by_name;  /* first package of each name */
	struct ia_hmap file_by_path; /* first package file of each path (index into files) */
	struct ia_hmap acct_by_name, acct_by_uid, grp_by_gid; /* first of each (as getpw* finds) */
	unsigned collected;                                   /* collectors that ran (internal) */
	bool files_limit_hit; /* IA_MAX_PKG_FILES reached, recorded once as a problem */
	bool paths_limit_hit; /* IA_MAX_PKG_PATH_BYTES reached, recorded once as a problem */
	bool accounts_full, groups_full; /* IA_MAX_ACCOUNTS reached (reported once) */
	size_t path_bytes;        /* bytes of package file paths kept (IA_MAX_PKG_PATH_BYTES) */
	size_t n_members;         /* group members kept (IA_MAX_GROUP_MEMBERS) */
	const char *long_path_db; /* database of the last path over IA_MAX_PATH reported */
};

/* Zeroes facts. */
void inv_facts_init(struct inv_facts *f);
/* Frees everything f holds (pool, arrays, maps, problems) and zeroes it. NULL-safe. */
void inv_facts_release(struct inv_facts *f);

/*
 * Runs every collector once on t: OS identity, dpkg, apk (and rpm where
 * built), accounts. A malformed file is a problem in f->problems (the
 * collector keeps what it could read); never a crash, never a silent empty
 * inventory. Returns 0, or a negative code only for failures of the host (-EIO).
 */
int inv_collect(const struct tgt *t, struct inv_facts *f);

/* Lookups, after inv_collect. */
const struct inv_pkg *inv_pkg_find(const struct inv_facts *f, const char *name);
/*
 * The package that owns image path, or NULL. Directories shared by packages
 * answer the first package that listed them. Paths are recorded as the
 * database lists them; on merged-/usr images dpkg lists "/bin/ls" for a file
 * that lives at "/usr/bin/ls", so when the exact path is not found the other
 * spelling is tried too: "/usr/{bin,sbin,lib*}/..." <-> "/{bin,sbin,lib*}/...".
 */
const struct inv_pkg *inv_owner(const struct inv_facts *f, const char *path);
/* The file record of path (same lookup rules as inv_owner), or NULL. */
const struct inv_file *inv_file_find(const struct inv_facts *f, const char *path);
/* false for a dpkg package whose state is "config-files" (only its conffiles are left on disk);
 * true otherwise. Checks of installed software (vulnerabilities, end of life) skip the rest. */
bool inv_pkg_on_disk(const struct inv_pkg *p);
/* true when an operating system was identified in the target: an os-release or release file,
 * or a package database. Without one the target is not examined (an empty or wrong directory). */
bool inv_identified(const struct inv_facts *f);
const struct inv_account *inv_account_by_name(const struct inv_facts *f, const char *name);
const struct inv_account *inv_account_by_uid(const struct inv_facts *f, uint32_t uid);
const struct inv_group *inv_group_by_gid(const struct inv_facts *f, uint32_t gid);

/*
 * Collectors, each on bytes (for tests and fuzzing) and usable alone. path is the image
 * path used in problems. They append to f. A malformed part is a problem in f->problems
 * (area "os", "packages (dpkg)", "packages (apk)", "accounts") with path and line, the rest
 * is kept; at most IA_MAX_FILE_PROBLEMS problems per file, then one that counts the rest.
 * Return 0 when the file was read whole, -IA_ECORRUPT when something in it was skipped
 * (each skip is a problem), -IA_ETOOBIG when a limit stopped it.
 * inv_os_parse_release fills f->os from an os-release file (it replaces what is there).
 */
int inv_os_parse_release(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_dpkg_parse_status(struct inv_facts *f, const char *path, const char *data, size_t len);
/* One file of /var/lib/dpkg/status.d/ (distroless): stanzas like status, Status: optional
 * (absent = installed), the last stanza needs no blank line after it. */
int inv_dpkg_parse_status_d(struct inv_facts *f, const char *path, const char *data, size_t len);
/*
 * The one-line and lsb-style release files used when os-release is absent; which one is
 * told by path's last component: debian_version, lsb-release, alpine-release,
 * redhat-release, centos-release, fedora-release, oracle-release, rocky-release,
 * almalinux-release, system-release, SuSE-release. Fills f->os when it is not known yet
 * (lsb-release may also complete an Ubuntu codename). Returns 0, or -IA_EUNSUPPORTED
 * for another file name. A file it cannot read is a problem in f->problems.
 */
int inv_os_parse_fallback(struct inv_facts *f, const char *path, const char *data, size_t len);
/* The family of an os-release ID (or, failing that, of an ID_LIKE word list): "debian",
 * "alpine", "rhel", "suse", "arch" or "" (static strings). */
const char *inv_os_family(const char *id, const char *id_like);
int inv_apk_parse_installed(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_accounts_parse_passwd(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_accounts_parse_shadow(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_accounts_parse_group(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_accounts_parse_gshadow(struct inv_facts *f, const char *path, const char *data, size_t len);

/* Internal registration of collectors that read the target (one file per database in facts/). */
int inv_collect_os(const struct tgt *t, struct inv_facts *f);
int inv_collect_dpkg(const struct tgt *t, struct inv_facts *f);
int inv_collect_apk(const struct tgt *t, struct inv_facts *f);
int inv_collect_rpm(const struct tgt *t, struct inv_facts *f);
int inv_collect_accounts(const struct tgt *t, struct inv_facts *f);
int inv_collect_sysctl(const struct tgt *t, struct inv_facts *f);
int inv_collect_sources(const struct tgt *t, struct inv_facts *f);
int inv_collect_pam(const struct tgt *t, struct inv_facts *f);
int inv_collect_svc(const struct tgt *t, struct inv_facts *f);
void inv_svc_release(struct inv_svc *s);
int inv_collect_software(const struct tgt *t, struct inv_facts *f);

/* Defaults of a module: "pwquality", "cracklib", "unix" (pam_unix minlen 6), "login.defs". */
void inv_pwpolicy_defaults(struct inv_pwpolicy *p, const char *module);
/* Applies "key = value" lines of pwquality.conf; unknown keys and bad lines are ignored. */
void inv_pwpolicy_conf(struct inv_pwpolicy *p, const char *data, size_t len);
/* Applies module arguments ("retry=3 minlen=12 ucredit=-1"). */
void inv_pwpolicy_args(struct inv_pwpolicy *p, const char *args, size_t len);
/* The shortest password the policy accepts (credits subtracted, pwquality's floor of 6). */
int inv_pwpolicy_min_length(const struct inv_pwpolicy *p);
/* How many of the four character classes the policy demands of every password. */
int inv_pwpolicy_classes(const struct inv_pwpolicy *p);
/* The setting k (INV_PW_MINLEN ...) of p. */
int inv_pwpolicy_value(const struct inv_pwpolicy *p, int k);
void inv_repo_release(struct inv_repo *r);
void inv_sources_release(struct inv_sources *rs);

/* Adds a package (strings copied into the pool; NULL strings become ""; source and
 * source_version default to name and version; first_file/n_files ignored); returns its
 * index, or SIZE_MAX when IA_MAX_PACKAGES packages are there already (recorded as a problem
 * naming p->db_path). */
size_t inv_add_pkg(struct inv_facts *f, const struct inv_pkg *p);
/*
 * Adds a file of package pkg (strings copied); files must be added package by package
 * (a package's files are contiguous: only the most recently started package may get more).
 * path is normalised: a leading "/" added, "./" and trailing "/" or "/." dropped, "//"
 * collapsed, so dpkg's "/." is "/"; ".." removes the component before it, lexically, and
 * stops at "/" ("/usr/../etc/x" is "/etc/x", "/../x" is "/x"); a NUL ends the path.
 * digest may be NULL. A path longer than IA_MAX_PATH once normalised is dropped (one
 * problem per database). Past IA_MAX_PKG_FILES files, or IA_MAX_PKG_PATH_BYTES bytes of
 * paths, it records one problem and drops the rest.
 */
void inv_add_file(struct inv_facts *f, size_t pkg, const char *path, size_t path_len,
		  const char *digest, enum inv_digest algo, uint32_t mode, unsigned flags);

#endif
