/* eol_db.c — the shipped end-of-life tables with the newer series db update stored in the database
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "util/pool.h"
#include "vulndb/db_internal.h"
#include "vulndb/latest.h"

#include "util/banned.h"

/*
 * The rows of eol_rows one source stored, gathered before they replace the shipped rows of their
 * key (when the source's data is newer, by day). overlay_rows walks them grouped by source and
 * hands each group to its table's add and apply.
 */
struct src_group {
	int64_t id, date;
	char *source; /* "endoflife.date php of 2026-11-30, from the vulnerability database" */
	size_t rows;  /* rows of this source seen (bounded by IA_MAX_EOL_CYCLES) */
	struct ia_pool pool;
};

struct overlay_ops {
	/* the row at st (columns 0-2: source id, name, data_date) into the group */
	void (*add)(void *arg, struct src_group *g, sqlite3_stmt *st);
	/* the group's rows over the shipped ones of their key, then forgotten */
	int (*apply)(void *arg, struct src_group *g, struct ia_err *err);
	void (*reset)(void *arg);
};

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

/* true when a group dated date replaces a table whose shipped data is of the day shipped */
static bool newer(int64_t date, const char *shipped)
{
	char day[11];

	vdb_eol_day(date, day);
	return !*shipped || strcmp(day, shipped) > 0;
}

static void group_flush(const struct overlay_ops *ops, void *arg, struct src_group *g, int *r,
			struct ia_err *err)
{
	if (g->rows && !*r)
		*r = ops->apply(arg, g, err);
	ops->reset(arg);
	ia_pool_release(&g->pool);
	memset(g, 0, sizeof(*g));
}

/* Runs sql (os bound as ?1 when not negative) over eol_rows ordered by source, one group per
 * source. */
static int overlay_rows(struct vdb *db, const char *sql, int os, const struct overlay_ops *ops,
			void *arg, struct ia_err *err)
{
	sqlite3_stmt *st = NULL;
	struct src_group g = {0};
	int r = 0, rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK)
		return ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
				  sqlite3_errmsg(db->sq));
	if (os >= 0)
		sqlite3_bind_int(st, 1, os);
	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (g.rows && id != g.id)
			group_flush(ops, arg, &g, &r, err);
		if (r)
			break;
		if (!g.rows) {
			g.id = id;
			g.date = sqlite3_column_int64(st, 2);
			g.source = source_text(&g.pool, col(st, 1), g.date);
		}
		if (g.rows++ >= IA_MAX_EOL_CYCLES) {
			r = ia_err_set(err, -IA_ETOOBIG, "", 0,
				       "vulnerability database: source %s holds more than %u "
				       "end-of-life series (IA_MAX_EOL_CYCLES)",
				       col(st, 1), IA_MAX_EOL_CYCLES);
			break;
		}
		ops->add(arg, &g, st);
	}
	if (!r && rc != SQLITE_DONE)
		r = ia_err_set(err, -EIO, "", 0, "vulnerability database: %s",
			       sqlite3_errmsg(db->sq));
	group_flush(ops, arg, &g, &r, err);
	sqlite3_finalize(st);
	return r;
}

/* ---- the end-of-life series (UPD-002, COMP-002) ---- */

struct eol_rows {
	struct vdb_eol_table *t;
	struct vdb_eol *v;
	size_t n, cap;
};

static void eol_add(void *arg, struct src_group *g, sqlite3_stmt *st)
{
	struct eol_rows *e = arg;
	const char *eol = col(st, 8);

	ia_grow(&e->v, sizeof(*e->v), e->n + 1, &e->cap);
	e->v[e->n++] = (struct vdb_eol){
		.key = ia_pool_strdup(&g->pool, col(st, 3)),
		.name = ia_pool_strdup(&g->pool, col(st, 4)),
		.cycle = ia_pool_strdup(&g->pool, col(st, 5)),
		.codename = ia_pool_strdup(&g->pool, col(st, 6)),
		.released = ia_pool_strdup(&g->pool, col(st, 7)),
		.ended = strcmp(eol, "ended") == 0,
		.security_eol = ia_pool_strdup(&g->pool, strcmp(eol, "ended") ? eol : ""),
		.eol = ia_pool_strdup(&g->pool, col(st, 9)),
		.extended = ia_pool_strdup(&g->pool, col(st, 10)),
		.source = g->source,
	};
}

/* The group's rows replace the shipped ones of their key when its data is newer (by day). */
static int eol_apply(void *arg, struct src_group *g, struct ia_err *err)
{
	struct eol_rows *e = arg;

	if (!e->n || !newer(g->date, vdb_eol_data_date(e->t)))
		return 0; /* the shipped table is as new or newer */
	return vdb_eol_replace(e->t, e->v[0].key, e->v, e->n, err);
}

static void eol_reset(void *arg)
{
	struct eol_rows *e = arg;

	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

int vdb_eol_load_db(struct vdb *db, bool os, struct vdb_eol_table **ret, struct ia_err *err)
{
	static const struct overlay_ops ops = {eol_add, eol_apply, eol_reset};
	struct vdb_eol_table *t = NULL;
	struct eol_rows e = {0};
	int r = vdb_eol_load(os, &t, err);

	if (r < 0)
		return r;
	e.t = t;
	if (db && db->schema >= 4 &&
	    (r = overlay_rows(
		     db,
		     "SELECT s.id, s.name, s.data_date, r.key, r.name, r.cycle, r.codename,"
		     " r.released, r.eol, r.lts, r.extended FROM eol_rows r JOIN sources s"
		     " ON s.id = r.source WHERE r.os = ?1 ORDER BY s.data_date, s.id,"
		     " r.rowid",
		     os, &ops, &e, err)) < 0) {
		vdb_eol_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

/* ---- the latest release of each series (COMP-005) ---- */

struct latest_rows {
	struct vdb_latest_table *t;
	struct vdb_latest *v;
	size_t n, cap;
	char key[IA_MAX_EOL_FIELD + 1]; /* of the source's first row: a series without a latest
					   release is left out, its key is not */
};

static void latest_add(void *arg, struct src_group *g, sqlite3_stmt *st)
{
	struct latest_rows *l = arg;

	if (!l->key[0])
		snprintf(l->key, sizeof(l->key), "%s", *col(st, 3) ? col(st, 3) : "?");
	if (!*col(st, 5))
		return; /* a series without a latest release: none known */
	ia_grow(&l->v, sizeof(*l->v), l->n + 1, &l->cap);
	l->v[l->n++] = (struct vdb_latest){
		.key = ia_pool_strdup(&g->pool, col(st, 3)),
		.cycle = ia_pool_strdup(&g->pool, col(st, 4)),
		.latest = ia_pool_strdup(&g->pool, col(st, 5)),
		.date = ia_pool_strdup(&g->pool, col(st, 6)),
		.source = g->source,
	};
}

static int latest_apply(void *arg, struct src_group *g, struct ia_err *err)
{
	struct latest_rows *l = arg;

	if (!l->key[0] || !newer(g->date, vdb_latest_data_date(l->t)))
		return 0;
	/* "?": a key the replace refuses */
	return vdb_latest_replace(l->t, l->key, l->v, l->n, err);
}

static void latest_reset(void *arg)
{
	struct latest_rows *l = arg;

	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	l->key[0] = '\0';
}

int vdb_latest_load_db(struct vdb *db, struct vdb_latest_table **ret, struct ia_err *err)
{
	static const struct overlay_ops ops = {latest_add, latest_apply, latest_reset};
	struct vdb_latest_table *t = NULL;
	struct latest_rows l = {0};
	int r = vdb_latest_load(&t, err);

	if (r < 0)
		return r;
	l.t = t;
	if (db && db->schema >= 4 &&
	    (r = overlay_rows(db,
			      "SELECT s.id, s.name, s.data_date, r.key, r.cycle, r.latest,"
			      " r.latest_date FROM eol_rows r JOIN sources s ON s.id = r.source"
			      " WHERE r.os = 0 ORDER BY s.data_date, s.id, r.rowid",
			      -1, &ops, &l, err)) < 0) {
		vdb_latest_free(t);
		return r;
	}
	*ret = t;
	return 0;
}
