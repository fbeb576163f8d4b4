/* term.h — what the report's writers share: terminal escaping of image strings, names */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_TERM_H
#define IA_REPORT_TERM_H

#include "facts/facts.h"
#include "util/buf.h"

/* Appends s escaped for a terminal (ia_escape_term); "-" for NULL or "". */
void rpt_term_field(struct ia_buf *b, const char *s);
/* "Debian GNU/Linux 12 (bookworm) [debian 12, family debian]" or "unknown". */
void rpt_term_os(struct ia_buf *b, const struct inv_os *os);

/* Appends "path" or "path:line" escaped. */
void rpt_term_location(struct ia_buf *b, const char *path, unsigned line);
/* "dpkg", "apk", "rpm". */
const char *rpt_db_name(enum inv_db db);

#endif
