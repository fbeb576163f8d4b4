/* report.c — names the outputs share (package database names) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/term.h"
#include "facts/facts.h"

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
