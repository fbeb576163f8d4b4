/* import_osv.c — OSV records (ossf/osv-schema): ecosystems, ranges and events, severities */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>
#include <math.h>

#include "vulndb/db_internal.h"

#include "util/banned.h"

/* OSV ecosystem names (before the first ':') and their keys; true: a distribution, which needs
 * a release after the ':'. */
static const struct {
	const char *osv, *key;
	bool os;
} osv_ecos[] = {
	{"Debian", "debian", true},
	{"Ubuntu", "ubuntu", true},
	{"Alpine", "alpine", true},
	{"AlmaLinux", "almalinux", true},
	{"Rocky Linux", "rocky", true},
	{"Red Hat", "redhat", true},
	{"npm", "npm", false},
	{"PyPI", "pypi", false},
	{"Maven", "maven", false},
	{"Go", "go", false},
	{"Packagist", "packagist", false},
	{"crates.io", "crates.io", false},
	{"RubyGems", "rubygems", false},
};

/* The release part of a distribution's ecosystem string, as the images' VERSION_ID says it. */
static int osv_release(const char *key, const char *rest, char *rel, size_t n)
{
	size_t l;

	if (strcmp(key, "ubuntu") == 0) {
		if (strncmp(rest, "Pro:", 4) == 0)
			return -IA_EUNSUPPORTED; /* Ubuntu Pro (ESM) fixes need a subscription */
		l = strcspn(rest, ":");
	} else if (strcmp(key, "alpine") == 0) {
		if (rest[0] == 'v')
			rest++;
		l = strcspn(rest, ":");
	} else if (strcmp(key, "redhat") == 0) {
		/* "enterprise_linux:8::baseos"; other products (rhel_aus, rhel_eus) are streams an
		 * image of RHEL N does not follow */
		if (strncmp(rest, "enterprise_linux:", 17) != 0)
			return -IA_EUNSUPPORTED;
		rest += 17;
		l = strcspn(rest, ":.");
	} else {
		l = strcspn(rest, ":");
	}
	if (l == 0 || l >= n)
		return -IA_EUNSUPPORTED;
	memcpy(rel, rest, l);
	rel[l] = 0;
	return 0;
}

int vdb_osv_ecosystem(const char *s, char *eco, size_t eco_n, char *rel, size_t rel_n)
{
	size_t l = strcspn(s, ":");

	for (size_t i = 0; i < IA_ARRAY_SIZE(osv_ecos); i++) {
		if (strlen(osv_ecos[i].osv) != l || strncmp(s, osv_ecos[i].osv, l) != 0)
			continue;
		snprintf(eco, eco_n, "%s", osv_ecos[i].key);
		if (!osv_ecos[i].os) {
			rel[0] = 0;
			return 0;
		}
		if (s[l] != ':')
			return -IA_EUNSUPPORTED;
		return osv_release(osv_ecos[i].key, s + l + 1, rel, rel_n);
	}
	return -IA_EUNSUPPORTED;
}

/* ---- CVSS v3 base score (FIRST's specification, section 7.1) ---- */

static double cvss_metric(const char *vec, const char *name, const char *letters,
			  const double *values)
{
	char key[8];
	const char *p;

	snprintf(key, sizeof(key), "/%s:", name);
	p = strstr(vec, key);
	if (!p)
		return -1;
	p += strlen(key);
	for (size_t i = 0; letters[i]; i++)
		if (*p == letters[i])
			return values[i];
	return -1;
}

static double roundup1(double x)
{
	long i = lround(x * 100000);

	return i % 10000 == 0 ? (double)i / 100000.0 : (floor((double)i / 10000) + 1) / 10.0;
}

/* The base score of a CVSS:3.x vector, -1 when it is not one. */
static double cvss3_score(const char *v)
{
	static const double av[] = {0.85, 0.62, 0.55, 0.2}, ac[] = {0.77, 0.44},
			    ui[] = {0.85, 0.62}, cia[] = {0.56, 0.22, 0};
	double AV, AC, PRu[] = {0.85, 0.62, 0.27}, PRc[] = {0.85, 0.68, 0.5}, PR, UI, C, I, A, iss,
		       imp, ex;
	bool changed;

	if (strncmp(v, "CVSS:3.", 7) != 0)
		return -1;
	changed = strstr(v, "/S:C") != NULL;
	AV = cvss_metric(v, "AV", "NALP", av);
	AC = cvss_metric(v, "AC", "LH", ac);
	PR = cvss_metric(v, "PR", "NLH", changed ? PRc : PRu);
	UI = cvss_metric(v, "UI", "NR", ui);
	C = cvss_metric(v, "C", "HLN", cia);
	I = cvss_metric(v, "I", "HLN", cia);
	A = cvss_metric(v, "A", "HLN", cia);
	if (AV < 0 || AC < 0 || PR < 0 || UI < 0 || C < 0 || I < 0 || A < 0)
		return -1;
	iss = 1 - (1 - C) * (1 - I) * (1 - A);
	imp = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
	ex = 8.22 * AV * AC * PR * UI;
	if (imp <= 0)
		return 0;
	return changed ? roundup1(fmin(1.08 * (imp + ex), 10)) : roundup1(fmin(imp + ex, 10));
}

static const char *score_severity(double s)
{
	return s >= 9 ? "critical" : s >= 7 ? "high" : s >= 4 ? "medium" : s > 0 ? "low" : "";
}

/* Severity word and CVSS text of a record: severity[] (CVSS_V3 scored here, Ubuntu's word),
 * else database_specific.severity (GHSA's "HIGH"). */
static void osv_severity(json_t *rec, char *sev, size_t sn, char *cvss, size_t cn)
{
	json_t *a = json_object_get(rec, "severity"), *s;
	const char *w;
	size_t i;

	sev[0] = cvss[0] = 0;
	json_array_foreach(a, i, s)
	{
		const char *t = json_string_value(json_object_get(s, "type"));
		const char *sc = json_string_value(json_object_get(s, "score"));

		if (!t || !sc)
			continue;
		if (strcmp(t, "CVSS_V3") == 0 && !cvss[0]) {
			snprintf(cvss, cn, "%s", sc);
			if (!sev[0])
				snprintf(sev, sn, "%s", score_severity(cvss3_score(sc)));
		} else if (strcmp(t, "CVSS_V4") == 0 && !cvss[0]) {
			snprintf(cvss, cn, "%s", sc);
		} else if (strcmp(t, "Ubuntu") == 0) {
			snprintf(sev, sn, "%s", sc);
		}
	}
	w = json_string_value(
		json_object_get(json_object_get(rec, "database_specific"), "severity"));
	if (!sev[0] && w)
		snprintf(sev, sn, "%s", w);
	for (char *p = sev; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(sev, "moderate") == 0)
		snprintf(sev, sn, "medium");
}

/* Aliases (and upstream IDs) joined by spaces; *bad when one is not a string. */
static void osv_aliases(json_t *rec, struct ia_buf *b, bool *bad)
{
	static const char *const keys[] = {"aliases", "upstream"};

	for (size_t k = 0; k < IA_ARRAY_SIZE(keys); k++) {
		json_t *a = json_object_get(rec, keys[k]), *s;
		size_t i;

		if (a && !json_is_array(a) && !json_is_null(a))
			*bad = true;
		json_array_foreach(a, i, s)
		{
			if (!json_is_string(s)) {
				*bad = true;
				continue;
			}
			if (b->len < IA_MAX_VULN_TEXT &&
			    !strstr(b->data ? b->data : "", json_string_value(s)))
				ia_buf_addf(b, "%s%s", b->len ? " " : "", json_string_value(s));
		}
	}
}

struct osv_pkg {
	int64_t adv;
	char eco[32], rel[64];
	const char *name;
	size_t *ranges;
};

static int emit(struct vdb_imp *im, struct osv_pkg *p, const char *intro, const char *fixed,
		const char *last, struct ia_err *err)
{
	if (++*p->ranges > IA_MAX_OSV_RANGES)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "%s%smore than %u ranges in one record (IA_MAX_OSV_RANGES)",
				  im->member, im->member[0] ? ": " : "", IA_MAX_OSV_RANGES);
	return vdb_imp_affected(im, p->adv, p->eco, p->rel, p->name,
				fixed && fixed[0] ? "fixed" : "open", intro, fixed, last, err);
}

/* One range's events, paired in order: introduced opens, fixed or last_affected closes. */
static int osv_events(struct vdb_imp *im, struct osv_pkg *p, json_t *events, struct ia_err *err)
{
	const char *intro = NULL;
	bool open = false;
	json_t *ev;
	size_t i;
	int r = 0;

	if (!json_is_array(events))
		return VDB_BAD(im, err, "ranges[].events is not an array");
	if (json_array_size(events) > IA_MAX_OSV_EVENTS)
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "%s%smore than %u events in one range (IA_MAX_OSV_EVENTS)",
				  im->member, im->member[0] ? ": " : "", IA_MAX_OSV_EVENTS);
	json_array_foreach(events, i, ev)
	{
		bool bad = false;
		const char *in = vdb_json_str(ev, "introduced", &bad);
		const char *fx = vdb_json_str(ev, "fixed", &bad);
		const char *la = vdb_json_str(ev, "last_affected", &bad);

		if (!json_is_object(ev) || bad)
			return VDB_BAD(im, err,
				       "an event of package %.100s is not an object of "
				       "version strings",
				       p->name);
		if (in) {
			if (open && (r = emit(im, p, intro, NULL, NULL, err)) < 0)
				return r;
			intro = in;
			open = true;
		} else if (fx || la) {
			if ((r = emit(im, p, intro, fx, la, err)) < 0)
				return r;
			open = false;
			intro = NULL;
		}
	}
	if (open)
		r = emit(im, p, intro, NULL, NULL, err);
	return r;
}

static int osv_affected(struct vdb_imp *im, int64_t adv, json_t *aff, size_t *ranges,
			struct ia_err *err)
{
	json_t *pkg = json_object_get(aff, "package"), *rs, *rg, *vs, *v;
	struct osv_pkg p = {.adv = adv, .ranges = ranges};
	char pypi_name[IA_MAX_VULN_ID + 1];
	bool bad = false, any = false;
	const char *eco;
	size_t i;
	int r;

	if (!json_is_object(aff) || (pkg && !json_is_object(pkg)))
		return VDB_BAD(im, err,
			       "affected[] entry that is not an object with a package "
			       "object");
	if (!pkg) {
		/* the schema lets an entry of GIT ranges name no package */
		vdb_imp_skip(im, "an affected entry names no package (commit ranges only)");
		return 0;
	}
	eco = vdb_json_str(pkg, "ecosystem", &bad);
	p.name = vdb_json_str(pkg, "name", &bad);
	if (bad || !eco || !p.name)
		return VDB_BAD(im, err, "affected[].package needs string ecosystem and name");
	if (vdb_osv_ecosystem(eco, p.eco, sizeof(p.eco), p.rel, sizeof(p.rel)) < 0) {
		vdb_imp_skip(im, "ecosystem '%.60s' is not matched by imgaudit", eco);
		return 0;
	}
	if (strcmp(p.eco, "pypi") == 0) {
		/* PEP 503: the name as PyPI normalises it ("PyYAML", "zope.interface") */
		size_t o = 0;

		for (const char *c = p.name; *c && o + 1 < sizeof(pypi_name); c++) {
			if (*c == '-' || *c == '_' || *c == '.') {
				if (!o || pypi_name[o - 1] != '-')
					pypi_name[o++] = '-';
			} else {
				pypi_name[o++] = (char)tolower((unsigned char)*c);
			}
		}
		pypi_name[o] = 0;
		p.name = pypi_name;
	}
	rs = json_object_get(aff, "ranges");
	if (rs && !json_is_array(rs))
		return VDB_BAD(im, err, "affected[].ranges is not an array");
	json_array_foreach(rs, i, rg)
	{
		bool b2 = false;
		const char *type = vdb_json_str(rg, "type", &b2);

		if (!json_is_object(rg) || b2 || !type)
			return VDB_BAD(im, err, "a range of %.100s has no type", p.name);
		if (strcmp(type, "GIT") == 0) {
			vdb_imp_skip(im, "GIT range of %.100s (commits, not versions)", p.name);
			continue;
		}
		any = true;
		if ((r = osv_events(im, &p, json_object_get(rg, "events"), err)) < 0)
			return r;
	}
	vs = json_object_get(aff, "versions");
	if (vs && !json_is_array(vs))
		return VDB_BAD(im, err, "affected[].versions is not an array");
	if (any)
		return 0;
	json_array_foreach(vs, i, v)
	{
		if (!json_is_string(v))
			return VDB_BAD(im, err, "affected[].versions holds a non-string");
		if ((r = emit(im, &p, json_string_value(v), NULL, json_string_value(v), err)) < 0)
			return r;
	}
	return 0;
}

int vdb_import_osv(struct vdb_imp *im, json_t *rec, struct ia_err *err)
{
	struct ia_buf aliases = IA_BUF_INIT(2 * IA_MAX_VULN_TEXT);
	char sev[32], cvss[256];
	bool bad = false;
	const char *id, *summary, *details, *mod, *pub;
	json_t *aff, *a;
	int64_t adv, t;
	size_t i, ranges = 0;
	int r = 0;

	if (!json_is_object(rec))
		return VDB_BAD(im, err, "an OSV record is not a JSON object");
	id = vdb_json_str(rec, "id", &bad);
	summary = vdb_json_str(rec, "summary", &bad);
	details = vdb_json_str(rec, "details", &bad);
	mod = vdb_json_str(rec, "modified", &bad);
	pub = vdb_json_str(rec, "published", &bad);
	aff = json_object_get(rec, "affected");
	if (bad || !id)
		return VDB_BAD(im, err,
			       "OSV record: id, summary, details, modified and published must be "
			       "strings, id present");
	if (aff && !json_is_array(aff))
		return VDB_BAD(im, err, "OSV record %.100s: affected is not an array", id);
	if (json_object_get(rec, "withdrawn")) {
		vdb_imp_skip(im, "%.100s is withdrawn", id);
		return 0;
	}
	if (mod && (t = vdb_parse_time(mod)) > im->data_date)
		im->data_date = t;
	osv_aliases(rec, &aliases, &bad);
	if (bad) {
		ia_buf_release(&aliases);
		return VDB_BAD(im, err, "OSV record %.100s: aliases must be an array of strings",
			       id);
	}
	osv_severity(rec, sev, sizeof(sev), cvss, sizeof(cvss));
	r = vdb_imp_advisory(im, id, aliases.data, summary && summary[0] ? summary : details, sev,
			     cvss, &adv, err);
	ia_buf_release(&aliases);
	if (!r)
		r = vdb_imp_published(im, adv, pub, err);
	json_array_foreach(aff, i, a)
	{
		if (r < 0)
			break;
		r = osv_affected(im, adv, a, &ranges, err);
	}
	return r;
}
