/* db_update.h — `imgaudit db update` (cmd_db_update.c), called by cmd_db.c */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef CLI_DB_UPDATE_H
#define CLI_DB_UPDATE_H

#include <stdbool.h>
#include <stddef.h>

/* One source of the update: the file name it is downloaded as (and named by in the database)
 * and its https:// URL. */
struct cli_update_source {
	const char *name;
	const char *url;
};

/* The built-in list of official feeds. */
const struct cli_update_source *cli_update_defaults(size_t *n);

/* A source name: letters, digits, "._-", not starting with a dot, at most 100 bytes. */
bool cli_update_name_ok(const char *name);

/*
 * Downloads each source into PATH.downloads/ (continuing a download an earlier run left cut
 * off), verifies it and imports it into the database at path in one transaction; a source that
 * fails is named on stderr and the others still update. keyring (may be NULL): the OpenPGP keys
 * an apt index's InRelease signature is checked against (vdb_import_opts). Returns CLI_PASS, or
 * CLI_ERROR when one failed or the database could not be opened.
 */
int cli_db_update(const char *path, const struct cli_update_source *v, size_t n,
		  const char *ca_file, const char *keyring);

#endif
