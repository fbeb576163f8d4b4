/* db.c — dispatch over the three rpm database readers, and what they share */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "rpm/rpm.h"
#include "util/banned.h"

const char *rpm_db_kind_name(enum rpm_db_kind kind)
{
	switch (kind) {
	case RPM_DB_SQLITE:
		return "sqlite";
	case RPM_DB_NDB:
		return "ndb";
	case RPM_DB_BDB:
		return "bdb";
	}
	return "unknown";
}

int rpm_db_read(enum rpm_db_kind kind, uint8_t *data, size_t len, const struct rpm_sink *sink,
		struct ia_err *err)
{
	switch (kind) {
	case RPM_DB_SQLITE:
		return rpm_sqlite_read(data, len, sink, err);
	case RPM_DB_NDB:
		return rpm_ndb_read(data, len, sink, err);
	case RPM_DB_BDB:
		return rpm_bdb_read(data, len, sink, err);
	}
	return ia_err_set(err, -IA_EUNSUPPORTED, sink->path, 0, "unknown rpm database kind");
}

int rpm_db_extent(enum rpm_db_kind kind, const uint8_t *head, size_t n, uint64_t size,
		  const char *path, uint64_t *extent, struct ia_err *err)
{
	switch (kind) {
	case RPM_DB_SQLITE:
		return rpm_sqlite_extent(head, n, size, path, extent, err);
	case RPM_DB_NDB:
		return rpm_ndb_extent(head, n, size, path, extent, err);
	case RPM_DB_BDB:
		return rpm_bdb_extent(head, n, size, path, extent, err);
	}
	return ia_err_set(err, -IA_EUNSUPPORTED, path, 0, "unknown rpm database kind");
}

void rpm_sink_raise(const struct rpm_sink *sink, struct ia_src src, int code, const char *fmt, ...)
{
	struct ia_err err = {0};
	char msg[400];
	va_list ap;

	if (!sink->bad)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ia_err_raise(&err, src, code, sink->path, 0, "%s", msg);
	sink->bad(sink->ctx, &err);
}
