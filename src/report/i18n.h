/* i18n.h — the report's texts in another language (data/i18n/LANG.txt) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_REPORT_I18N_H
#define IA_REPORT_I18N_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* KEY<TAB>TEXT: a clause ID and its title, or an English phrase of the report and its
 * translation. English needs no file. */
struct rpt_i18n {
	struct ia_buf text; /* the file; keys and texts point into it */
	struct {
		const char *key, *text;
	} * v;
	size_t n, cap;
};

/* "en" (nothing to load) or "zh". Returns 0, or -EINVAL (unknown language) / the read error
 * with err filled. t is initialised either way: call rpt_i18n_release. */
int rpt_i18n_load(const char *lang, struct rpt_i18n *t, struct ia_err *err);
/* The text of key, or key itself when there is none. */
const char *rpt_tr(const struct rpt_i18n *t, const char *key);
/* The text of key, or fallback. */
const char *rpt_tr_or(const struct rpt_i18n *t, const char *key, const char *fallback);
void rpt_i18n_release(struct rpt_i18n *t);

#endif
