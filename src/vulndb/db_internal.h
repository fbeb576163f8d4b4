/* db_internal.h — what the importers share with the database: one import in progress */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_DB_INTERNAL_H
#define VDB_DB_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>

#include "vulndb/db.h"
#include "vulndb/eol.h"

struct vdb {
	sqlite3 *sq;
	bool write;
	int schema; /* the file's schema version: 1 (read as it is) or VDB_SCHEMA_VERSION */
	sqlite3_stmt *match; /* the match query, prepared once */
	sqlite3_stmt *adv;   /* the advisory of a matching entry */
	sqlite3_stmt *dsa;   /* the DSAs/DLAs naming a CVE; NULL when the file holds none */
	sqlite3_stmt *count; /* vdb_release_entries */
};

/* One import in progress (db.c): the transaction is open, the source's old rows deleted. */
struct vdb_imp {
	struct vdb *db;
	const char *path; /* the feed, as the user named it (errors name it) */
	char member[256]; /* the record being read inside a directory or zip, "" otherwise */
	int64_t source_id;
	int64_t data_date; /* newest "modified" seen, seconds; 0 none */
	sqlite3_stmt *ins_adv, *ins_aff, *ins_pub;
	struct vdb_import_result *res;
	size_t rows; /* affected rows of this import (IA_MAX_VULN_ROWS) */
};

/* "FEED" or "FEED: MEMBER" for error messages. */
const char *vdb_imp_where(const struct vdb_imp *im, char *buf, size_t n);

/*
 * Stores an advisory of this source (once per name: a second call with the same name returns
 * the first one's id and keeps its texts). Strings may be NULL (""); each is cut to
 * IA_MAX_VULN_TEXT bytes. Returns 0 with *id, or a negative code with err.
 */
int vdb_imp_advisory(struct vdb_imp *im, const char *name, const char *aliases, const char *summary,
		     const char *severity, const char *cvss, int64_t *id, struct ia_err *err);

/* Records the day advisory adv was published ("YYYY-MM-DD", the first 10 bytes of an RFC 3339
 * time; anything else is not stored). Returns 0 or a negative code with err. */
int vdb_imp_published(struct vdb_imp *im, int64_t adv, const char *when, struct ia_err *err);

/*
 * Stores one affected range of advisory adv. Versions "" are absent; introduced "0" is the
 * first version. A version the ecosystem's comparator refuses is not stored: the entry is
 * counted as skipped with the reason. Past IA_MAX_VULN_ROWS rows the import fails
 * (-IA_ETOOBIG). Returns 0 or a negative code with err.
 */
int vdb_imp_affected(struct vdb_imp *im, int64_t adv, const char *ecosystem, const char *release,
		     const char *package, const char *status, const char *introduced,
		     const char *fixed, const char *last_affected, struct ia_err *err);

/* Counts an entry left out, keeping the first reason. */
void vdb_imp_skip(struct vdb_imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Raises a malformed-feed error naming the feed (and member): "FEED: what". */
int vdb_imp_bad(struct vdb_imp *im, struct ia_err *err, struct ia_src src, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define VDB_BAD(im, err, ...) vdb_imp_bad((im), (err), IA_HERE, __VA_ARGS__)

/* The string member key of object o: NULL when absent or null; *bad set when it is present
 * but not a string. */
const char *vdb_json_str(json_t *o, const char *key, bool *bad);

/*
 * Parses JSON text of a feed after counting its values (IA_MAX_VULN_JSON_VALUES) and depth
 * (IA_MAX_JSON_DEPTH): jansson builds every value. Returns 0 with *ret, or a negative code.
 */
int vdb_json_parse(struct vdb_imp *im, const char *data, size_t n, json_t **ret,
		   struct ia_err *err);

/* Stores one row of a DSA or DLA list: advisory name fixes cve in release (number) for
 * source package pkg at version fixed (counted against IA_MAX_VULN_ROWS). 0 or negative. */
int vdb_imp_dsa(struct vdb_imp *im, const char *name, const char *cve, const char *release,
		const char *pkg, const char *fixed, struct ia_err *err);
/* Whether text starts as a DSA or DLA list ("[29 Mar 2023] DSA-5380-1 ..."). */
bool vdb_dsa_list_text(const char *d, size_t n);
/* Imports a DSA or DLA list (the text, n bytes). */
int vdb_import_dsa_list(struct vdb_imp *im, const char *d, size_t n, struct ia_err *err);

/* End-of-life feeds (import_eol.c). The key of an endoflife.date product ("apache-http-server"
 * -> "httpd", *os false), NULL for a product the tables do not cover. */
const char *vdb_eol_product_key(const char *product, bool *os);
/* Whether j is endoflife.date's API answer for one product ({"result": {"name", "releases"}}). */
bool vdb_eol_api_json(json_t *j);
int vdb_import_eol_api(struct vdb_imp *im, json_t *root, const char *key, bool os,
		       struct ia_err *err);
/* 1 for distro-info-data's debian.csv, 2 for ubuntu.csv (by their header line; *key "debian" or
 * "ubuntu"), 0 for anything else. */
int vdb_distro_info_kind(const char *d, size_t n, const char **key);
int vdb_import_distro_info(struct vdb_imp *im, const char *d, size_t n, struct ia_err *err);
/* Stores one end-of-life series (import.c): e's key, name, cycle, codename, released,
 * security_eol (the "eol" column; "ended" when e->ended), extended; lts (Debian LTS's end, "");
 * latest and its day ("" none). Counted against IA_MAX_EOL_CYCLES. 0 or negative. */
int vdb_imp_eol(struct vdb_imp *im, bool os, const struct vdb_eol *e, const char *lts,
		const char *latest, const char *latest_date, struct ia_err *err);

/* The importers. Each reads hostile input: types checked, counts bounded. */
int vdb_import_osv(struct vdb_imp *im, json_t *rec, struct ia_err *err);
int vdb_import_debian_tracker(struct vdb_imp *im, json_t *root, struct ia_err *err);
int vdb_import_secdb(struct vdb_imp *im, json_t *root, struct ia_err *err);
/* The Node.js security WG's records (import_nodejs.c): vdb_nodejs_kind is 1 for a core record,
 * 2 for an npm record, 3 and 4 for an index.json of them (number -> record), 0 otherwise;
 * single_id is the number of a single record (its file name). */
int vdb_nodejs_kind(json_t *j);
int vdb_import_nodejs(struct vdb_imp *im, json_t *root, const char *single_id, struct ia_err *err);
/* YAML (the secdb subset: mappings, sequences, scalars; no aliases, no tags) to JSON with every
 * scalar a string, nested at most IA_MAX_JSON_DEPTH, at most IA_MAX_VULN_JSON_VALUES values. */
int vdb_yaml_to_json(struct vdb_imp *im, const char *data, size_t n, json_t **ret,
		     struct ia_err *err);

/* The OSV ecosystem string ("Debian:12", "Alpine:v3.18", "Ubuntu:22.04:LTS", "PyPI") as
 * (ecosystem key, release): 0, or -IA_EUNSUPPORTED for one imgaudit does not match. */
int vdb_osv_ecosystem(const char *s, char *eco, size_t eco_n, char *rel, size_t rel_n);

/* A Debian codename ("bookworm") as its release number ("12"); "sid" stays "sid"; NULL for
 * an unknown name. */
const char *vdb_debian_release(const char *codename);

/* RFC 3339 time ("2023-04-02T10:11:12Z", fractional seconds and offsets read) as seconds;
 * -1 when it does not parse. */
int64_t vdb_parse_time(const char *s);

#endif
