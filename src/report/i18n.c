/* i18n.c — the report's texts in another language, read from data/i18n/LANG.txt */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/i18n.h"

#include "util/datafile.h"
#include "util/xalloc.h"

#include "util/banned.h"

int rpt_i18n_load(const char *lang, struct rpt_i18n *t, struct ia_err *err)
{
	char rel[32];
	int ret;

	memset(t, 0, sizeof(*t));
	ia_buf_init(&t->text, IA_MAX_I18N_FILE);
	if (!lang || strcmp(lang, "en") == 0)
		return 0;
	if (strcmp(lang, "zh") != 0) {
		ia_err_set(err, -EINVAL, NULL, 0, "unknown language '%s' (en, zh)", lang);
		return -EINVAL;
	}
	snprintf(rel, sizeof(rel), "i18n/%s.txt", lang);
	ret = ia_data_read(rel, IA_MAX_I18N_FILE, &t->text, err);
	if (ret < 0)
		return ret;
	/* KEY<TAB>TEXT lines; '#' comments; the text is cut in place */
	for (char *p = t->text.data; p && *p;) {
		char *nl = strchr(p, '\n'), *tab;

		if (nl)
			*nl = '\0';
		tab = strchr(p, '\t');
		if (*p != '#' && tab && tab != p && tab[1]) {
			if (t->n == IA_MAX_I18N_ENTRIES) {
				ia_err_set(err, -IA_ETOOBIG, rel, 0, "more than %u entries",
					   IA_MAX_I18N_ENTRIES);
				return -IA_ETOOBIG;
			}
			*tab = '\0';
			ia_grow(&t->v, sizeof(*t->v), t->n + 1, &t->cap);
			t->v[t->n].key = p;
			t->v[t->n].text = tab + 1;
			t->n++;
		}
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

const char *rpt_tr(const struct rpt_i18n *t, const char *key)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return t->v[i].text;
	return key;
}

const char *rpt_tr_or(const struct rpt_i18n *t, const char *key, const char *fallback)
{
	const char *s = rpt_tr(t, key);

	return s == key ? fallback : s;
}

void rpt_i18n_release(struct rpt_i18n *t)
{
	if (!t)
		return;
	ia_buf_release(&t->text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
