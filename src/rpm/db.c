/* db.c — dispatch over the three rpm database readers */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
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
