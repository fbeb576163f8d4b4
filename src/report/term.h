/* term.h — escaping image strings for the terminal outputs */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_TERM_H
#define IA_REPORT_TERM_H

#include "util/buf.h"

struct inv_os;

/* Appends s escaped for a terminal (ia_escape_term); "-" for NULL or "". */
void rpt_term_field(struct ia_buf *b, const char *s);
/* "Debian GNU/Linux 12 (bookworm) [debian 12, family debian]" or "unknown". */
void rpt_term_os(struct ia_buf *b, const struct inv_os *os);

#endif
