/* report.c — what the outputs share: the format names, the dispatch, package database names */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "facts/facts.h"

#include <errno.h>
#include <stdarg.h>
#include <strings.h>

#include "util/banned.h"

const char *rpt_db_name(enum inv_db db)
{
	switch (db) {
	case INV_DB_DPKG:
		return "dpkg";
	case INV_DB_APK:
		return "apk";
	case INV_DB_RPM:
		return "rpm";
	}
	return "unknown";
}

static const char *const format_names[] = {
	[RPT_FMT_TABLE] = "table",
	[RPT_FMT_JSON] = "json",
};

int rpt_format_parse(const char *name, enum rpt_format *out)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(format_names); i++) {
		if (format_names[i] && strcmp(name, format_names[i]) == 0) {
			*out = (enum rpt_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

int rpt_write(FILE *out, enum rpt_format fmt, const struct rpt_ctx *c)
{
	switch (fmt) {
	case RPT_FMT_TABLE:
		return rpt_write_table(out, c->r, c->t, c->f, c->color);
	case RPT_FMT_JSON:
		return rpt_write_json(out, c->r, c->t, c->f);
	}
	return -EINVAL;
}
