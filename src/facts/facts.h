/* facts.h — what an image is: OS identity, packages and the files they own, accounts */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_H
#define IA_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/pool.h"
#include "util/problem.h"

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

#define INV_FILE_CONFIG 1u   /* a configuration file (dpkg conffile, rpm %config) */

struct inv_file {
	const char *path;        /* image path, normalised */
	const char *digest;      /* lowercase hex, or NULL when the database records none */
	uint8_t algo;            /* enum inv_digest */
	uint8_t flags;           /* INV_FILE_* */
	uint32_t mode;           /* as recorded (rpm), 0 when unknown */
	uint32_t pkg;            /* index into facts->pkgs */
};

struct inv_pkg {
	const char *name;
	const char *version;     /* full version as the ecosystem writes it: dpkg "1:2.3-4",
				  * apk "1.2.3-r0", rpm "[E:]V-R" */
	const char *arch;        /* "" if none */
	const char *source;      /* source package name (= name when the db names none) */
	const char *source_version; /* (= version when the db names none) */
	int64_t epoch;           /* rpm epoch, -1 when absent; dpkg/apk -1 */
	const char *rpm_version; /* rpm V, "" otherwise */
	const char *rpm_release; /* rpm R, "" otherwise */
	const char *vendor;      /* rpm vendor / dpkg Maintainer / apk maintainer, "" */
	int64_t install_time;    /* seconds, 0 unknown */
	const char *db_path;     /* image path of the database it came from */
	unsigned db_line;        /* line of its stanza in a text database, 0 otherwise */
	enum inv_db db;
	size_t first_file;       /* its files are facts->files[first_file .. first_file+n_files) */
	size_t n_files;
};

struct inv_account {
	const char *name;
	uint32_t uid, gid;
	const char *gecos, *home, *shell;
	const char *passwd;      /* second field of passwd ("x", "*", "", or a hash) */
	const char *hash;        /* shadow's second field, NULL when shadow has no line */
	int64_t last_change;     /* shadow fields, -1 when empty */
	int64_t max_days, expire;
	unsigned passwd_line, shadow_line;
	const char *passwd_path, *shadow_path;
};

struct inv_group {
	const char *name;
	uint32_t gid;
	const char *passwd;      /* group's second field */
	const char *gshadow;     /* gshadow's second field, NULL when absent */
	const char **members;
	size_t n_members;
	unsigned line;
};

struct inv_facts {
	struct ia_pool pool;     /* owns every string and array below */
	struct inv_os os;
	struct inv_pkg *pkgs;
	size_t n_pkgs, cap_pkgs;
	struct inv_file *files;  /* files of all packages, grouped by package */
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
};

/* Zeroes facts. */
void inv_facts_init(struct inv_facts *f);
void inv_facts_release(struct inv_facts *f);

/*
 * Runs every collector once on t: OS identity, dpkg, apk (and rpm where
 * built), accounts. A malformed file is a problem in f->problems (the
 * collector keeps what it could read); never a crash, never a silent empty
 * inventory. Returns 0, or a negative code only for failures of the host.
 */
int inv_collect(const struct tgt *t, struct inv_facts *f);

/* Lookups, after inv_collect. */
const struct inv_pkg *inv_pkg_find(const struct inv_facts *f, const char *name);
/* The package that owns image path, or NULL. */
const struct inv_pkg *inv_owner(const struct inv_facts *f, const char *path);
const struct inv_account *inv_account_by_name(const struct inv_facts *f, const char *name);
const struct inv_account *inv_account_by_uid(const struct inv_facts *f, uint32_t uid);
const struct inv_group *inv_group_by_gid(const struct inv_facts *f, uint32_t gid);

/* Collectors, each on bytes (for tests and fuzzing) and usable alone. path is the image
 * path used in problems. They append to f. */
int inv_os_parse_release(struct inv_facts *f, const char *path, const char *data, size_t len);
int inv_dpkg_parse_status(struct inv_facts *f, const char *path, const char *data, size_t len);
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

/* Adds a package (strings copied into the pool); returns its index. */
size_t inv_add_pkg(struct inv_facts *f, const struct inv_pkg *p);
/* Adds a file of package pkg (strings copied); files must be added package by package. */
void inv_add_file(struct inv_facts *f, size_t pkg, const char *path, size_t path_len,
		  const char *digest, enum inv_digest algo, uint32_t mode, unsigned flags);

#endif
