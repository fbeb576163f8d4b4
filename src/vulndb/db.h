/* db.h — the offline vulnerability database: one SQLite file, its importers and the match API */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_DB_H
#define VDB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "vulndb/packages.h"
#include "vulndb/version.h"

/*
 * The database never reads an image. It holds, per imported feed (a "source"), advisories
 * (ID, aliases, summary, severity) and their affected entries keyed by (ecosystem, release,
 * package):
 *  - ecosystem: "debian", "ubuntu", "alpine", "almalinux", "rocky", "redhat" for the
 *    distributions, "npm", "pypi", "maven", "go", "packagist", "crates.io", "rubygems" for
 *    the language ecosystems (lower case, as vdb_eco_key() spells them), "nodejs" for the
 *    Node.js runtime (package "node", the Node.js security WG's core advisories);
 *  - release: the distribution's release as os-release's VERSION_ID major part says it
 *    ("12", "22.04", "3.18", "9"); "" for the language ecosystems;
 *  - package: PyPI names as PEP 503 normalises them ("pyyaml"), Maven's "groupId:artifactId",
 *    Go's module path ("stdlib" for the toolchain); for the distributions the name its own
 *    feed uses: the SOURCE package for
 *    Debian and Ubuntu (tracker, OSV), the origin for Alpine (secdb), the binary rpm name for
 *    AlmaLinux, Rocky and Red Hat (their OSV records list binaries).
 * Each entry is one range: introduced (empty: from the first version), fixed and/or
 * last_affected (empty: unbounded), and the distribution's status: "fixed" when a fixed
 * version exists, else "open", "no-dsa", "ignored", "postponed", "end-of-life" or
 * "undetermined" as the feed says.
 */
struct vdb;

/* Schema of the file. A file of schema 1 to 3 is read as it is by a scan and upgraded in place
 * when opened for writing; a newer file is refused with a message naming both. */
#define VDB_SCHEMA_VERSION 4

/*
 * The default database path: $XDG_DATA_HOME/imgaudit/vuln.db, else
 * $HOME/.local/share/imgaudit/vuln.db. Returns 0, -ENOENT when neither variable is set,
 * -ENAMETOOLONG when it does not fit in n bytes.
 */
int vdb_default_path(char *buf, size_t n);

/*
 * Opens the database at path. For a scan (write false) it is opened read-only as an
 * immutable file (no journal, no lock, nothing created beside it): -ENOENT when it does not
 * exist. With write the file is created when missing (its directory must exist) with the
 * schema. Either way a file that is not such a database (another schema version, not SQLite)
 * is refused with err saying why. Returns 0 with *ret set, or a negative code.
 */
int vdb_open(const char *path, bool write, struct vdb **ret, struct ia_err *err);
void vdb_close(struct vdb *db); /* NULL-safe */
/* The schema version of the open file (1 read as it is, or VDB_SCHEMA_VERSION). */
int vdb_schema(const struct vdb *db);

/* What one import did. */
struct vdb_import_result {
	char format[32];    /* "osv", "osv-zip", "osv-dir", "debian-tracker", "alpine-secdb", ... */
	char source[160];   /* the source name it replaced or created */
	size_t advisories;  /* advisories stored */
	size_t affected;    /* affected entries (ranges) stored */
	size_t packages;    /* binary packages stored from an apt Packages index */
	size_t skipped;     /* entries left out (GIT ranges, unknown ecosystems, bad versions) */
	char skip_why[200]; /* the first reason an entry was left out */
	/* an apt index: how it was checked against its Release file ("InRelease signature good
	 * (key FPR); SHA256 matches main/binary-amd64/Packages", "not verified: ...") */
	char verified[600];
};

/*
 * Imports the feed at path (a file, or a directory of OSV records), its format detected from
 * its content: OSV JSON (one record, a JSON array of records, a directory of *.json, a zip
 * dump), the Debian security tracker JSON, Alpine secdb JSON or YAML, the Node.js security
 * WG's vuln/core and vuln/npm records (a record N.json, a directory's index.json, the directory
 * vuln/core or vuln/npm itself or vuln/ holding them, deps/ left out; node-semver
 * ranges stored as intervals, import_nodejs.c), Debian's DSA or DLA list (data/DSA/list,
 * data/DLA/list of the security tracker, plain or gzip). The whole feed is one
 * transaction: it replaces what an earlier import of the same source held, and a malformed
 * feed (bad JSON, wrong types, over a limit of util/limits.h) is rejected with err naming the
 * file (and member) and what was wrong, leaving the database as it was. Entries imgaudit
 * cannot use (GIT ranges, unknown ecosystems, versions its comparator refuses) are counted in
 * res->skipped, not stored. Returns 0 or a negative code.
 */
int vdb_import(struct vdb *db, const char *path, struct vdb_import_result *res, struct ia_err *err);

/* The same for a JSON or YAML feed, a plain DSA or DLA list or a distro-info-data CSV held in
 * memory (not a directory, zip or apt index), named name in errors and in its source name: for
 * the fuzz harnesses and callers that downloaded a feed. */
int vdb_import_mem(struct vdb *db, const char *name, const char *data, size_t len,
		   struct vdb_import_result *res, struct ia_err *err);

/* What vdb_import_opts needs beside the feed. */
struct vdb_import_opts {
	/* An apt Packages index names no suite: the suite it belongs to ("bookworm-security"),
	 * or NULL to take it from release_file. */
	const char *suite;
	/* A file of OpenPGP public keys (Debian's debian-archive-keyring.gpg) the signature of an
	 * InRelease release_file is checked against with gpgv; NULL: not checked ("not
	 * verified"). */
	const char *keyring;
	/* An apt Release or InRelease file of that suite: the suite is its Codename (or Suite)
	 * that ends in "-security", else its Codename; the data's date is its Date. Its
	 * signature is checked against keyring, and the index must be one of its SHA256 entries
	 * (as stored, or decompressed): a bad signature or no matching entry refuses the index
	 * (release.h). */
	const char *release_file;
};

/*
 * vdb_import, also for an apt Packages index of a security suite (plain, gzip, xz, bzip2,
 * lz4, zstd; told by its content: compressed, or text starting with "Package:"), which is
 * stored as the source "apt:SUITE:NAME" (NAME: the file's name without its compression
 * suffix), replacing an earlier import of the same; its suite comes from o (an index without
 * one is refused naming the options). o may be NULL. For the missing security updates
 * (UPD-001) when the image holds no index of its own (vdb_apt_index_stored).
 */
int vdb_import_opts(struct vdb *db, const char *path, const struct vdb_import_opts *o,
		    struct vdb_import_result *res, struct ia_err *err);

/*
 * Appends to idx the binary packages of every apt index of suite stored in the database
 * (at most IA_MAX_APT_INDEX_PACKAGES; a stored version dpkg refuses is skipped as a problem
 * of idx, as the index reader does). Returns the number of packages appended (0: the
 * database holds no index of suite, or a file of schema 1) or a negative code with err.
 */
int64_t vdb_apt_index_stored(struct vdb *db, const char *suite, struct vdb_apt_index *idx,
			     struct ia_err *err);

/* One source of the database. Strings owned by the array (vdb_sources_free). */
struct vdb_source {
	char *name;          /* "debian-tracker:bookworm.json", "osv:Debian.zip", ... */
	char *kind;          /* format, as vdb_import_result.format */
	int64_t data_date;   /* seconds: the newest modification the feed records, else its file's
			      * modification time */
	int64_t imported_at; /* seconds */
	int64_t advisories, affected; /* affected: for an apt index (kind "apt-index"), its
				       * packages */
	char *releases; /* "debian:12 debian:11", the (ecosystem:release) pairs it covers; the
			 * suite of an apt index; the product key of an EOL source */
	/* apt indexes: how their Release file was checked ("InRelease signature good (key
	 * FPR), SHA256 matched", "not verified: ...", ""); "" for the other kinds */
	char *verified;
};

/* The sources, oldest import first. Returns 0 or a negative code. */
int vdb_sources(struct vdb *db, struct vdb_source **ret, size_t *n, struct ia_err *err);
void vdb_sources_free(struct vdb_source *v, size_t n);

/* The comparator of an ecosystem key ("debian" -> dpkg, "npm" -> semver ...): 0 with *ret, or
 * -IA_EUNSUPPORTED when imgaudit has no exact comparator for it (rubygems). */
int vdb_eco_comparator(const char *ecosystem, enum vdb_eco *ret);

/* One advisory entry that matched an installed version. Strings valid during the callback. */
struct vdb_match {
	const char *advisory; /* "CVE-2023-1234", "DSA-5500-1", "GHSA-..." */
	const char *source;   /* the source name */
	const char *aliases;  /* space-separated, "" when none */
	const char *summary;
	const char *severity;  /* "critical", "high", "medium", "low", "unimportant", "" unknown */
	const char *cvss;      /* CVSS vector or score as the feed gives it, "" when none */
	const char *published; /* the day the advisory was published, "YYYY-MM-DD"; "" unknown */
	const char *status;    /* "fixed", "open", "no-dsa", "ignored", ... */
	const char *introduced, *fixed, *last_affected; /* "" when absent */
	const char *ecosystem, *release, *package;
	enum vdb_eco comparator;
	int cmp; /* sign of vdb_vercmp(installed, fixed) (or last_affected when not fixed) */
	/* Debian and Ubuntu CVEs: the DSAs and DLAs that fixed it in this release for this
	 * package ("DSA-5380-1 DLA-3380-1", from imported DSA/DLA lists); "" none */
	const char *debian_advisories;
};

/*
 * Calls cb for every entry of (ecosystem, release, package) whose range holds version, compared
 * with the ecosystem's comparator. Returns 0, what cb returned when it was not 0,
 * -IA_ECORRUPT when version cannot be parsed (err: "dpkg version '...' is not valid: ..."),
 * -IA_EUNSUPPORTED when the ecosystem has no comparator, or another negative code. An entry of
 * the database whose own version does not parse is not a match; it is counted in *bad when bad
 * is not NULL.
 */
int vdb_match(struct vdb *db, const char *ecosystem, const char *release, const char *package,
	      const char *version, int (*cb)(const struct vdb_match *m, void *arg), void *arg,
	      size_t *bad, struct ia_err *err);

struct vdb_eol_table;
/*
 * vdb_eol_load (os or software table) with the end-of-life series the database holds (db update's
 * endoflife.date and distro-info-data downloads; db may be NULL: the shipped table alone): the
 * rows of a key are replaced by a source's rows for it when that source's data is newer than
 * the shipped table's (vdb_eol_data_date; the day after it, compared as days). Each row
 * replaced names its source and date ("endoflife.date php of 2026-11-30, from the vulnerability
 * database"). A file of schema under 4 holds none. A stored row that is malformed is an error
 * (err names the source). Returns 0 with *ret, or a negative code.
 */
int vdb_eol_load_db(struct vdb *db, bool os, struct vdb_eol_table **ret, struct ia_err *err);

struct vdb_latest_table;
/* The same for data/eol/latest.tsv (vulndb/latest.h): a product's latest releases from the
 * database's endoflife.date source when its data is newer than the file's data-date. */
int vdb_latest_load_db(struct vdb *db, struct vdb_latest_table **ret, struct ia_err *err);

/* Affected entries the database holds for (ecosystem, release): 0 means it knows no advisory
 * for that release (the caller must not call its packages clean). Negative on error. */
int64_t vdb_release_entries(struct vdb *db, const char *ecosystem, const char *release,
			    struct ia_err *err);

#endif
