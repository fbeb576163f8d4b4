/* eol_db.c — the shipped end-of-life tables with the newer series db update stored in the database
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "util/pool.h"
#include "vulndb/db_internal.h"
#include "vulndb/latest.h"

#include "util/banned.h"

/* One source's rows, gathered before they replace the shipped rows of their key. */
struct eol_group {
	int64_t id, date;
	char *source; /* "endoflife.date php of 2026-11-30, from the vulnerability database" */
	struct vdb_eol *v;
	size_t n, cap;
	struct ia_pool pool;
};

static void group_reset(struct eol_group *g)
{
	free(g->v);
	ia_pool_release(&g->pool);
	memset(g, 0, sizeof(*g));
}

/* The group's rows replace the shipped ones of their key when its data is newer (by day). */
static int group_apply(struct vdb_eol_table *t, struct eol_group *g, struct ia_err *err)
{
	const char *shipped = vdb_eol_data_date(t);
	char day[11];

	if (g->n == 0)
		return 0;
	vdb_eol_day(g->date, day);
	if (*shipped && strcmp(day, shipped) <= 0)
		return 0; /* the shipped table is as new or newer */
	return vdb_eol_replace(t, g->v[0].key, g->v, g->n, err);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* How a row names its source: "eol:endoflife.date:php" -> "endoflife.date php of DAY, from the
 * vulnerability database". */
static char *source_text(struct ia_pool *pool, const char *name, int64_t date)
{
	char buf[300], day[11];
	const char *p = strncmp(name, "eol:", 4) == 0 ? name + 4 : name;
	size_t n = strcspn(p, ":");

	snprintf(buf, sizeof(buf), "%.*s %.100s%s of %s, from the vulnerability database", (int)n,
		 p, p[n] ? p + n + 1 : "", strncmp(p, "distro-info-data:", 17) == 0 ? ".csv" : "",
		 vdb_eol_day(date, day));
	return ia_pool_strdup(pool, buf);
}

static int overlay(struct vdb *db, bool os, struct vdb_eol_table *t, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	struct eol_group g = {0};
	int r = 0, rc;

	if (sqlite3_prepare_v2(
		    db->sq,
		    "SELECT s.id, s.name, s.data_date, r.key, r.name, r.cycle, r.codename,"
		    " r.released, r.eol, r.lts, r.extended FROM eol_rows r JOIN sources s"
		    " ON s.id = r.source WHERE r.os = ?1 ORDER BY s.data_date, s.id,"
		    " r.rowid",
		    -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	sqlite3_bind_int(st, 1, os);
	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *eol = col(st, 8);
		struct vdb_eol *e;

		if (g.n && id != g.id) {
			r = group_apply(t, &g, err);
			group_reset(&g);
			if (r)
				break;
		}
		if (!g.n) {
			g.id = id;
			g.date = sqlite3_column_int64(st, 2);
			g.source = source_text(&g.pool, col(st, 1), g.date);
		}
		if (g.n >= IA_MAX_EOL_CYCLES) {
			r = ia_err_set(err, -IA_ETOOBIG, "", 0,
				       "vulnerability database: source %s holds more than %u "
				       "end-of-life series (IA_MAX_EOL_CYCLES)",
				       col(st, 1), IA_MAX_EOL_CYCLES);
			break;
		}
		ia_grow(&g.v, sizeof(*g.v), g.n + 1, &g.cap);
		e = &g.v[g.n++];
		*e = (struct vdb_eol){
			.key = ia_pool_strdup(&g.pool, col(st, 3)),
			.name = ia_pool_strdup(&g.pool, col(st, 4)),
			.cycle = ia_pool_strdup(&g.pool, col(st, 5)),
			.codename = ia_pool_strdup(&g.pool, col(st, 6)),
			.released = ia_pool_strdup(&g.pool, col(st, 7)),
			.ended = strcmp(eol, "ended") == 0,
			.security_eol = ia_pool_strdup(&g.pool, strcmp(eol, "ended") ? eol : ""),
			.eol = ia_pool_strdup(&g.pool, col(st, 9)),
			.extended = ia_pool_strdup(&g.pool, col(st, 10)),
			.source = g.source,
		};
	}
	if (!r && rc != SQLITE_DONE)
		r = ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
			       sqlite3_errmsg(db->sq));
	if (!r)
		r = group_apply(t, &g, err);
	group_reset(&g);
	sqlite3_finalize(st);
	return r;
}

int vdb_eol_load_db(struct vdb *db, bool os, struct vdb_eol_table **ret, struct ia_err *err)
{
	struct vdb_eol_table *t = NULL;
	int r = vdb_eol_load(os, &t, err);

	if (r < 0)
		return r;
	if (db && db->schema >= 4 && (r = overlay(db, os, t, err)) < 0) {
		vdb_eol_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

/* ---- the latest release of each series (COMP-005) ---- */

/* One source's latest releases, gathered before they replace the shipped ones of their key. */
struct latest_group {
	int64_t id, date;
	char *source;
	struct vdb_latest *v;
	size_t n, cap;
	struct ia_pool pool;
	char key[IA_MAX_EOL_FIELD + 1];
};

static int latest_apply(struct vdb_latest_table *t, struct latest_group *g, struct ia_err *err)
{
	const char *shipped = vdb_latest_data_date(t);
	char day[11];

	if (!g->key[0])
		return 0;
	vdb_eol_day(g->date, day);
	if (*shipped && strcmp(day, shipped) <= 0)
		return 0;
	return vdb_latest_replace(t, g->key, g->v, g->n, err);
}

static void latest_reset(struct latest_group *g)
{
	free(g->v);
	ia_pool_release(&g->pool);
	memset(g, 0, sizeof(*g));
}

static int latest_overlay(struct vdb *db, struct vdb_latest_table *t, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	struct latest_group g = {0};
	int r = 0, rc;

	if (sqlite3_prepare_v2(db->sq,
			       "SELECT s.id, s.name, s.data_date, r.key, r.cycle, r.latest,"
			       " r.latest_date FROM eol_rows r JOIN sources s ON s.id = r.source"
			       " WHERE r.os = 0 ORDER BY s.data_date, s.id, r.rowid",
			       -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (g.key[0] && id != g.id) {
			r = latest_apply(t, &g, err);
			latest_reset(&g);
			if (r)
				break;
		}
		if (!g.key[0]) {
			g.id = id;
			g.date = sqlite3_column_int64(st, 2);
			g.source = source_text(&g.pool, col(st, 1), g.date);
			snprintf(g.key, sizeof(g.key), "%s", col(st, 3));
			if (!g.key[0])
				snprintf(g.key, sizeof(g.key), "?"); /* refused by the replace */
		}
		if (!*col(st, 5))
			continue; /* a series without a latest release: none known */
		if (g.n >= IA_MAX_EOL_CYCLES) {
			r = ia_err_set(err, -IA_ETOOBIG, "", 0,
				       "vulnerability database: source %s holds more than %u "
				       "end-of-life series (IA_MAX_EOL_CYCLES)",
				       col(st, 1), IA_MAX_EOL_CYCLES);
			break;
		}
		ia_grow(&g.v, sizeof(*g.v), g.n + 1, &g.cap);
		g.v[g.n++] = (struct vdb_latest){
			.key = ia_pool_strdup(&g.pool, col(st, 3)),
			.cycle = ia_pool_strdup(&g.pool, col(st, 4)),
			.latest = ia_pool_strdup(&g.pool, col(st, 5)),
			.date = ia_pool_strdup(&g.pool, col(st, 6)),
			.source = g.source,
		};
	}
	if (!r && rc != SQLITE_DONE)
		r = ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
			       sqlite3_errmsg(db->sq));
	if (!r)
		r = latest_apply(t, &g, err);
	latest_reset(&g);
	sqlite3_finalize(st);
	return r;
}

int vdb_latest_load_db(struct vdb *db, struct vdb_latest_table **ret, struct ia_err *err)
{
	struct vdb_latest_table *t = NULL;
	int r = vdb_latest_load(&t, err);

	if (r < 0)
		return r;
	if (db && db->schema >= 4 && (r = latest_overlay(db, t, err)) < 0) {
		vdb_latest_free(t);
		return r;
	}
	*ret = t;
	return 0;
}
