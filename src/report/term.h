/* term.h — what the report's writers share: terminal escaping of image strings, names */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_TERM_H
#define IA_REPORT_TERM_H

#include "facts/facts.h"
#include "findings/findings.h"
#include "util/buf.h"

/* Appends s escaped for a terminal (ia_escape_term); "-" for NULL or "". */
void rpt_term_field(struct ia_buf *b, const char *s);
/* "Debian GNU/Linux 12 (bookworm) [debian 12, family debian]" or "unknown". */
void rpt_term_os(struct ia_buf *b, const struct inv_os *os);

/* Appends "path" or "path:line" escaped. */
void rpt_term_location(struct ia_buf *b, const char *path, unsigned line);
/* The waiver that waives f, or NULL. */
const struct fnd_waiver *rpt_waiver_of(const struct fnd_report *r, const struct fnd_finding *f);

struct jw;
/* The JSON array of every waiver of the file with its line, check, fingerprint, path, reason,
 * owner, expiry, status (applied, expired, stale) and the findings it matched: the JSON
 * report's waivers.entries and the SARIF run's properties.waivers. */
void rpt_json_waiver_entries(struct jw *w, const struct fnd_report *r);

/* "dpkg", "apk", "rpm". */
const char *rpt_db_name(enum inv_db db);

/* Appends s percent-encoded: every byte but ASCII letters, digits and the bytes of keep as
 * %XX (URIs of image paths in SARIF, the parts of a package URL). Returns 0 or -IA_ETOOBIG. */
int rpt_pct_encode(struct ia_buf *b, const char *s, const char *keep);
/* Appends s escaped for XML and HTML text and attributes: first as for a terminal
 * (ia_escape_term: control bytes, invalid UTF-8 and the characters that reorder text shown as
 * \xHH and \u{X}), then & < > " ' as entities. Returns 0 or -IA_ETOOBIG. */
int rpt_markup_escape(struct ia_buf *b, const char *s);

#endif
