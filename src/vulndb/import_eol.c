/* import_eol.c — end-of-life feeds of db update: endoflife.date's API JSON, distro-info-data CSV */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "util/lines.h"
#include "util/str.h"
#include "vulndb/db_internal.h"

#include "util/banned.h"

/*
 * Two feeds refresh the shipped tables of data/eol (vulndb/eol.h), stored as rows of eol_rows:
 *  - endoflife.date's API (v1), one product a file: {"generated_at": ..., "result": {"name":
 *    "php", "label": "PHP", "releases": [{"name": "8.4", "codename", "releaseDate", "isEol",
 *    "eolFrom", "eoesFrom", "latest": {"name", "date"}}...]}}; the product names the key as
 *    scripts/eol-data.py maps them (a product imgaudit has no key for is refused);
 *  - distro-info-data's debian.csv and ubuntu.csv (version,codename,series,created,release,
 *    eol,eol-lts,eol-elts or eol-server,eol-esm), read as the script reads them.
 * Hostile input: every field type-checked and bounded (IA_MAX_EOL_FIELD, IA_MAX_EOL_CYCLES),
 * dates must be days; anything else refuses the whole file.
 */

static const struct {
	const char *product, *key;
	bool os;
} products[] = {
	{"centos", "centos", true},
	{"centos-stream", "centos-stream", true},
	{"rhel", "rhel", true},
	{"alpine-linux", "alpine", true},
	{"amazon-linux", "amzn", true},
	{"sles", "sles", true},
	{"opensuse", "opensuse-leap", true},
	{"rocky-linux", "rocky", true},
	{"almalinux", "almalinux", true},
	{"fedora", "fedora", true},
	{"oracle-linux", "ol", true},
	{"php", "php", false},
	{"mysql", "mysql", false},
	{"mariadb", "mariadb", false},
	{"postgresql", "postgresql", false},
	{"redis", "redis", false},
	{"mongodb", "mongodb", false},
	{"tomcat", "tomcat", false},
	{"nginx", "nginx", false},
	{"apache-http-server", "httpd", false},
	{"nodejs", "nodejs", false},
	{"python", "python", false},
	{"eclipse-temurin", "openjdk", false},
	{"eclipse-jetty", "jetty", false},
	{"proftpd", "proftpd", false},
	{"elasticsearch", "elasticsearch", false},
};

const char *vdb_eol_product_key(const char *product, bool *os)
{
	for (size_t i = 0; product && i < IA_ARRAY_SIZE(products); i++)
		if (strcmp(products[i].product, product) == 0) {
			*os = products[i].os;
			return products[i].key;
		}
	return NULL;
}

/* A text field: printable, no tab, at most IA_MAX_EOL_FIELD bytes. */
static bool text_ok(const char *s, size_t n)
{
	return n <= IA_MAX_EOL_FIELD && ia_is_text(s, n) && !memchr(s, '\t', n);
}

/* A date field: "" or a day. */
static bool date_ok(const char *s, size_t n)
{
	return n == 0 || (n == 10 && ia_is_day_form(s, 10));
}

bool vdb_eol_api_json(json_t *j)
{
	json_t *res = json_object_get(j, "result");

	return json_is_object(res) && json_is_array(json_object_get(res, "releases")) &&
	       json_is_string(json_object_get(res, "name"));
}

/* The string member key of o ("" when absent or null); *bad when it is another type or out
 * of bounds. */
static const char *str_of(json_t *o, const char *key, bool *bad)
{
	const char *s = vdb_json_str(o, key, bad);

	if (s && !text_ok(s, strlen(s)))
		*bad = true;
	return s && !*bad ? s : "";
}

/* A date member: "" (absent, null or false) or a day; *bad otherwise. */
static const char *date_of(json_t *o, const char *key, bool *bad)
{
	json_t *v = json_object_get(o, key);
	const char *s;

	if (!v || json_is_null(v) || json_is_boolean(v))
		return "";
	s = json_string_value(v);
	if (!s || !date_ok(s, strlen(s))) {
		*bad = true;
		return "";
	}
	return s;
}

int vdb_import_eol_api(struct vdb_imp *im, json_t *root, const char *key, bool os,
		       struct ia_err *err)
{
	json_t *res = json_object_get(root, "result"), *rels, *rel;
	const char *label, *gen;
	bool bad = false;
	size_t i;

	rels = json_object_get(res, "releases");
	label = str_of(res, "label", &bad);
	if (bad || !*label)
		label = key;
	bad = false;
	gen = vdb_json_str(root, "generated_at", &bad);
	if (gen && vdb_parse_time(gen) > 0)
		im->data_date = vdb_parse_time(gen);
	if (json_array_size(rels) > IA_MAX_EOL_CYCLES)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "more than %u releases (IA_MAX_EOL_CYCLES)", IA_MAX_EOL_CYCLES);
	json_array_foreach(rels, i, rel)
	{
		struct vdb_eol e = {.key = key, .name = label};
		json_t *latest, *is_eol;
		const char *lv = "", *ld = "";

		bad = false;
		snprintf(im->member, sizeof(im->member), "release %zu", i + 1);
		if (!json_is_object(rel))
			return VDB_BAD(im, err, "not a JSON object");
		e.cycle = str_of(rel, "name", &bad);
		e.codename = str_of(rel, "codename", &bad);
		e.released = date_of(rel, "releaseDate", &bad);
		e.security_eol = date_of(rel, "eolFrom", &bad);
		e.extended = date_of(rel, "eoesFrom", &bad);
		is_eol = json_object_get(rel, "isEol");
		if (is_eol && !json_is_boolean(is_eol) && !json_is_null(is_eol))
			bad = true;
		e.ended = json_is_true(is_eol) && !*e.security_eol;
		latest = json_object_get(rel, "latest");
		if (json_is_object(latest)) {
			lv = str_of(latest, "name", &bad);
			ld = date_of(latest, "date", &bad);
		} else if (latest && !json_is_null(latest)) {
			bad = true;
		}
		if (bad || !*e.cycle)
			return VDB_BAD(
				im, err,
				"name must be a non-empty string, codename and label strings "
				"of at most %u bytes, releaseDate, eolFrom, eoesFrom and "
				"latest.date days or null, isEol a boolean",
				IA_MAX_EOL_FIELD);
		int r = vdb_imp_eol(im, os, &e, "", lv, ld, err);

		if (r < 0)
			return r;
	}
	im->member[0] = 0;
	if (im->rows == 0)
		return VDB_BAD(im, err, "no release");
	return 0;
}

/* ---- distro-info-data ---- */

static const char di_head[] = "version,codename,series,created,release,eol";

int vdb_distro_info_kind(const char *d, size_t n, const char **key)
{
	const char *nl;
	size_t l;

	if (!d || n == 0)
		return 0;
	nl = memchr(d, '\n', n);
	l = nl ? (size_t)(nl - d) : n;
	if (l < sizeof(di_head) - 1 || memcmp(d, di_head, sizeof(di_head) - 1) != 0)
		return 0;
	if (memmem(d, l, ",eol-lts", 8)) {
		*key = "debian";
		return 1;
	}
	if (memmem(d, l, ",eol-esm", 8) || memmem(d, l, ",eol-server", 11)) {
		*key = "ubuntu";
		return 2;
	}
	return 0;
}

/* Splits a CSV line of plain fields (distro-info-data quotes none): at most
 * IA_MAX_DISTRO_INFO_COLUMNS. */
static int di_split(const char *s, size_t n, const char **col, size_t *len)
{
	int k = 0;
	size_t start = 0;

	if (memchr(s, '"', n))
		return -1;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ',')
			continue;
		if (k >= IA_MAX_DISTRO_INFO_COLUMNS)
			return -1;
		col[k] = s + start;
		len[k++] = i - start;
		start = i + 1;
	}
	return k;
}

static int di_col(const char **hc, const size_t *hl, int hn, const char *name)
{
	for (int i = 0; i < hn; i++)
		if (ia_eq(hc[i], hl[i], name))
			return i;
	return -1;
}

int vdb_import_distro_info(struct vdb_imp *im, const char *d, size_t n, struct ia_err *err)
{
	const char *key = NULL, *hc[IA_MAX_DISTRO_INFO_COLUMNS], *line;
	size_t hl[IA_MAX_DISTRO_INFO_COLUMNS], ln;
	int kind = vdb_distro_info_kind(d, n, &key), hn, ci[8];
	static const char *const want[2][8] = {
		{"version", "codename", "release", "eol", "eol-lts", "eol-elts", NULL},
		{"version", "codename", "release", "eol", NULL, "eol-esm", NULL},
	};
	struct ia_lines c;
	bool head = true;
	int r;

	if (!kind)
		return VDB_BAD(im, err, "not a distro-info-data CSV file");
	ia_lines_init(&c, d, n);
	while ((r = ia_lines_next(&c, &line, &ln)) == 1) {
		const char *col[IA_MAX_DISTRO_INFO_COLUMNS];
		char cycle[IA_MAX_EOL_FIELD + 1], f[6][IA_MAX_EOL_FIELD + 1];
		size_t len[IA_MAX_DISTRO_INFO_COLUMNS];
		int k;

		if (head) {
			hn = di_split(line, ln, hc, hl);
			for (int i = 0; i < 6; i++)
				ci[i] = want[kind - 1][i] ? di_col(hc, hl, hn, want[kind - 1][i])
							  : -2;
			for (int i = 0; i < 6; i++)
				if (ci[i] == -1 && i != 5)
					return VDB_BAD(im, err, "line 1: no column %s",
						       want[kind - 1][i]);
			head = false;
			continue;
		}
		if (ln == 0)
			continue;
		snprintf(im->member, sizeof(im->member), "line %u", c.lineno);
		k = di_split(line, ln, col, len);
		if (k < 0 || !ia_is_text(line, ln) || memchr(line, '\t', ln))
			return VDB_BAD(im, err, "not a line of plain comma-separated fields");
		for (int i = 0; i < 6; i++) {
			size_t l = ci[i] >= 0 && ci[i] < k ? len[ci[i]] : 0;

			if (l > IA_MAX_EOL_FIELD)
				return VDB_BAD(im, err, "a field over %u bytes (IA_MAX_EOL_FIELD)",
					       IA_MAX_EOL_FIELD);
			memcpy(f[i], l ? col[ci[i]] : "", l);
			f[i][l] = 0;
			if (i >= 2 && !date_ok(f[i], l))
				return VDB_BAD(im, err, "column %s is not a date (YYYY-MM-DD)",
					       want[kind - 1][i]);
		}
		/* "22.04 LTS" is 22.04; Debian 4.0 to 6.0 are named 4 to 6 (os-release) */
		snprintf(cycle, sizeof(cycle), "%s", f[0]);
		if (strlen(cycle) > 4 && strcmp(cycle + strlen(cycle) - 4, " LTS") == 0)
			cycle[strlen(cycle) - 4] = 0;
		if (kind == 1 && strlen(cycle) == 3 && cycle[0] >= '4' && cycle[0] <= '6' &&
		    strcmp(cycle + 1, ".0") == 0)
			cycle[1] = 0;
		if (!cycle[0])
			continue; /* sid, experimental: no release, no end of life */
		struct vdb_eol e = {
			.key = key,
			.name = kind == 1 ? "Debian" : "Ubuntu",
			.cycle = cycle,
			.codename = f[1],
			.released = f[2],
			.security_eol = f[3],
			.extended = f[5],
		};
		if (im->rows >= IA_MAX_EOL_CYCLES)
			return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
					  "more than %u releases (IA_MAX_EOL_CYCLES)",
					  IA_MAX_EOL_CYCLES);
		if ((r = vdb_imp_eol(im, true, &e, kind == 1 ? f[4] : "", "", "", err)) < 0)
			return r;
	}
	im->member[0] = 0;
	if (r < 0)
		return VDB_BAD(im, err, "a line over %u bytes (IA_MAX_LINE)", IA_MAX_LINE);
	if (im->rows == 0)
		return VDB_BAD(im, err, "no release");
	return 0;
}
