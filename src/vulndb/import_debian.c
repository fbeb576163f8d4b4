/* import_debian.c — the Debian security tracker's JSON: source package -> CVE -> releases */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "vulndb/db_internal.h"

#include "util/banned.h"

/* Debian codenames and their release numbers (distro-info-data's debian.csv). */
static const char *const debian_codes[][2] = {
	{"buzz", "1.1"},    {"rex", "1.2"},    {"bo", "1.3"},    {"hamm", "2.0"},
	{"slink", "2.1"},   {"potato", "2.2"}, {"woody", "3.0"}, {"sarge", "3.1"},
	{"etch", "4"},      {"lenny", "5"},    {"squeeze", "6"}, {"wheezy", "7"},
	{"jessie", "8"},    {"stretch", "9"},  {"buster", "10"}, {"bullseye", "11"},
	{"bookworm", "12"}, {"trixie", "13"},  {"forky", "14"},  {"duke", "15"},
	{"sid", "sid"},
};

const char *vdb_debian_release(const char *codename)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(debian_codes); i++)
		if (strcmp(debian_codes[i][0], codename) == 0)
			return debian_codes[i][1];
	return NULL;
}

/* The tracker's urgency as a severity word: "high**" (an estimate) is "high"; "not yet
 * assigned" and the like are "" (unknown). */
static void urgency(const char *u, char *out, size_t n)
{
	static const char *const words[] = {"unimportant", "low", "medium", "high", "critical"};
	size_t l = u ? strcspn(u, "*") : 0;

	out[0] = 0;
	for (size_t i = 0; i < IA_ARRAY_SIZE(words); i++)
		if (l == strlen(words[i]) && strncmp(u, words[i], l) == 0)
			snprintf(out, n, "%s", words[i]);
}

/* The distribution's status of an open issue: no-dsa, ignored, postponed, end-of-life, open. */
static const char *open_status(json_t *rel, const char *urg)
{
	const char *why = json_string_value(json_object_get(rel, "nodsa_reason"));

	if (why && (strcmp(why, "ignored") == 0 || strcmp(why, "postponed") == 0))
		return why;
	if (json_object_get(rel, "nodsa"))
		return "no-dsa";
	if (urg && strcmp(urg, "end-of-life") == 0)
		return "end-of-life";
	return "open";
}

/* The highest urgency any release of an issue states (the advisory's severity). */
static void issue_severity(json_t *rels, char *sev, size_t n)
{
	static const char *const order[] = {"", "unimportant", "low", "medium", "high", "critical"};
	const char *code;
	json_t *rel;
	size_t best = 0;

	json_object_foreach(rels, code, rel)
	{
		char u[16];

		urgency(json_string_value(json_object_get(rel, "urgency")), u, sizeof(u));
		for (size_t i = best + 1; i < IA_ARRAY_SIZE(order); i++)
			if (strcmp(u, order[i]) == 0)
				best = i;
	}
	snprintf(sev, n, "%s", order[best]);
}

static int one_release(struct vdb_imp *im, int64_t *adv, const char *pkg, const char *cve,
		       json_t *issue, const char *code, json_t *rel, struct ia_err *err)
{
	bool bad = false;
	const char *st = vdb_json_str(rel, "status", &bad);
	const char *fixed = vdb_json_str(rel, "fixed_version", &bad);
	const char *urg = vdb_json_str(rel, "urgency", &bad);
	const char *relno = vdb_debian_release(code), *status;
	char sev[16];
	int r;

	if (!json_is_object(rel) || bad || !st)
		return VDB_BAD(im, err,
			       "%.100s %.60s release %.40s: status, fixed_version and urgency must "
			       "be strings, status present",
			       pkg, cve, code);
	if (!relno) {
		vdb_imp_skip(im, "unknown Debian release '%.40s'", code);
		return 0;
	}
	if (strcmp(st, "resolved") == 0) {
		if (!fixed)
			return VDB_BAD(im, err,
				       "%.100s %.60s %.40s: resolved without fixed_version", pkg,
				       cve, code);
		if (strcmp(fixed, "0") == 0)
			return 0; /* never affected in this release */
		status = "fixed";
	} else if (strcmp(st, "open") == 0) {
		status = open_status(rel, urg);
		fixed = NULL;
	} else if (strcmp(st, "undetermined") == 0) {
		status = "undetermined";
		fixed = NULL;
	} else {
		return VDB_BAD(im, err, "%.100s %.60s %.40s: unknown status '%.40s'", pkg, cve,
			       code, st);
	}
	if (*adv < 0) {
		issue_severity(json_object_get(issue, "releases"), sev, sizeof(sev));
		const char *d = vdb_json_str(issue, "description", &bad);

		if (bad)
			return VDB_BAD(im, err, "%.100s %.60s: description is not a string", pkg,
				       cve);
		r = vdb_imp_advisory(im, cve, "", d, sev, "", adv, err);
		if (r < 0)
			return r;
	}
	return vdb_imp_affected(im, *adv, "debian", relno, pkg, status, NULL, fixed, NULL, err);
}

int vdb_import_debian_tracker(struct vdb_imp *im, json_t *root, struct ia_err *err)
{
	const char *pkg, *cve, *code;
	json_t *issues, *issue, *rel;
	int r;

	json_object_foreach(root, pkg, issues)
	{
		if (!json_is_object(issues))
			return VDB_BAD(im, err, "package %.100s: not an object of issues", pkg);
		json_object_foreach(issues, cve, issue)
		{
			json_t *rels = json_object_get(issue, "releases");
			int64_t adv = -1;

			if (json_is_array(rels) && json_array_size(rels) == 0)
				continue; /* "releases": [] for a package in no release */
			if (!json_is_object(issue) || !json_is_object(rels))
				return VDB_BAD(im, err,
					       "package %.100s issue %.60s: no releases object",
					       pkg, cve);
			json_object_foreach(rels, code, rel)
			{
				r = one_release(im, &adv, pkg, cve, issue, code, rel, err);
				if (r < 0)
					return r;
			}
		}
	}
	return 0;
}
