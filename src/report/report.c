/* report.c — what the outputs share: the format names, the dispatch, package database names */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "facts/facts.h"

#include <errno.h>
#include <stdarg.h>
#include <strings.h>

#include "util/escape.h"

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
	[RPT_FMT_TABLE] = "table", [RPT_FMT_JSON] = "json",           [RPT_FMT_SARIF] = "sarif",
	[RPT_FMT_JUNIT] = "junit", [RPT_FMT_CYCLONEDX] = "cyclonedx", [RPT_FMT_SPDX] = "spdx",
	[RPT_FMT_HTML] = "html",
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
	case RPT_FMT_SARIF:
		return rpt_write_sarif(out, c);
	case RPT_FMT_JUNIT:
		return rpt_write_junit(out, c);
	case RPT_FMT_CYCLONEDX:
		return rpt_write_cyclonedx(out, c);
	case RPT_FMT_SPDX:
		return rpt_write_spdx(out, c);
	case RPT_FMT_HTML:
		return rpt_write_html(out, c);
	}
	return -EINVAL;
}

int rpt_pct_encode(struct ia_buf *b, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr(keep, *p);

		if (plain ? ia_buf_addc(b, (char)*p) < 0
			  : ia_buf_addf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]) < 0)
			return -IA_ETOOBIG;
	}
	return 0;
}

int rpt_markup_escape(struct ia_buf *b, const char *s)
{
	struct ia_buf t = IA_BUF_INIT(8 * IA_MAX_LINE);
	int ret = ia_escape_term(&t, s, strlen(s));

	for (size_t i = 0; ret == 0 && i < t.len; i++) {
		switch (t.data[i]) {
		case '&':
			ret = ia_buf_adds(b, "&amp;");
			break;
		case '<':
			ret = ia_buf_adds(b, "&lt;");
			break;
		case '>':
			ret = ia_buf_adds(b, "&gt;");
			break;
		case '"':
			ret = ia_buf_adds(b, "&quot;");
			break;
		case '\'':
			ret = ia_buf_adds(b, "&#39;");
			break;
		case '\xef':
			/* U+FFFE and U+FFFF are valid UTF-8 but no XML character */
			if (i + 2 < t.len && t.data[i + 1] == '\xbf' &&
			    (t.data[i + 2] == '\xbe' || t.data[i + 2] == '\xbf')) {
				ret = ia_buf_addf(b, "\\u{%s}",
						  t.data[i + 2] == '\xbe' ? "fffe" : "ffff");
				i += 2;
				break;
			}
			ret = ia_buf_addc(b, t.data[i]);
			break;
		default:
			ret = ia_buf_addc(b, t.data[i]);
		}
	}
	ia_buf_release(&t);
	return ret < 0 ? -IA_ETOOBIG : 0;
}

const struct fnd_waiver *rpt_waiver_of(const struct fnd_report *r, const struct fnd_finding *f)
{
	return f->waiver && f->waiver <= r->waivers.n ? &r->waivers.v[f->waiver - 1] : NULL;
}
