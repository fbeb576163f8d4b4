/* findings.c — the finding and gap lists, severities, verdict names */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "findings/findings.h"
#include "findings/waivers.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/limits.h"
#include "util/xalloc.h"

#include "util/banned.h"

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical"};

const char *fnd_sev_name(enum fnd_sev s)
{
	return (unsigned)s < IA_ARRAY_SIZE(sev_names) ? sev_names[s] : "unknown";
}

int fnd_sev_parse(const char *s, enum fnd_sev *out)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(sev_names); i++) {
		if (strcasecmp(s, sev_names[i]) == 0) {
			*out = (enum fnd_sev)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *fnd_verdict_name(enum fnd_verdict v)
{
	switch (v) {
	case FND_PASS:
		return "PASS";
	case FND_FAIL:
		return "FAIL";
	case FND_NOT_EXAMINED:
		return "NOT EXAMINED";
	case FND_MANUAL:
		return "MANUAL";
	case FND_NOT_APPLICABLE:
		return "NOT APPLICABLE";
	}
	return "UNKNOWN";
}

const char *fnd_status_name(enum fnd_status s)
{
	switch (s) {
	case FND_STATUS_PASS:
		return "pass";
	case FND_STATUS_FAIL:
		return "fail";
	case FND_STATUS_INCOMPLETE:
		return "incomplete";
	}
	return "unknown";
}

void fnd_init(struct fnd_report *r)
{
	memset(r, 0, sizeof(*r));
	r->fail_at = FND_SEV_MEDIUM;
}

static char *dup_or_empty(const char *s)
{
	return ia_xstrdup(s ? s : "");
}

void fnd_set_origin(struct fnd_finding *f, const char *format, const char *partition,
		    const char *filesystem)
{
	if (!f || f->origin)
		return;
	f->origin = ia_xcalloc(1, sizeof(*f->origin));
	f->origin->format = ia_xstrdup(format ? format : "");
	f->origin->partition = ia_xstrdup(partition ? partition : "");
	f->origin->filesystem = ia_xstrdup(filesystem ? filesystem : "");
}

void fnd_release(struct fnd_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_findings; i++) {
		struct fnd_finding *f = &r->findings[i];

		free(f->title);
		free(f->path);
		free(f->value);
		free(f->remediation);
		for (size_t j = 0; j < f->n_details; j++) {
			free(f->details[j].key);
			free(f->details[j].value);
		}
		free(f->details);
		if (f->origin) {
			free(f->origin->format);
			free(f->origin->partition);
			free(f->origin->filesystem);
			free(f->origin);
		}
	}
	free(r->findings);
	for (size_t i = 0; i < r->n_gaps; i++) {
		free(r->gaps[i].area);
		free(r->gaps[i].path);
		free(r->gaps[i].reason);
	}
	free(r->gaps);
	for (size_t i = 0; i < r->n_clauses; i++) {
		free(r->clauses[i].why);
		free(r->clauses[i].checks);
	}
	free(r->clauses);
	fnd_waivers_release(&r->waivers);
	memset(r, 0, sizeof(*r));
}

/* FNV-1a, 64 bits, over each field and a 0 byte after it (so "ab","c" is not "a","bc"). */
static void fingerprint(struct fnd_finding *f)
{
	const char *fields[] = {f->check, f->path, f->title, f->value};
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < IA_ARRAY_SIZE(fields); i++) {
		for (const unsigned char *p = (const unsigned char *)fields[i];; p++) {
			h ^= *p;
			h *= 0x100000001b3ull;
			if (!*p)
				break;
		}
	}
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%016" PRIx64, h);
}

struct fnd_finding *fnd_add(struct fnd_report *r, const char *check, const char *clauses,
			    enum fnd_sev sev, const char *title, const char *path, unsigned line,
			    const char *value, const char *remediation)
{
	struct fnd_finding *f;
	size_t vlen = value ? strlen(value) : 0;

	if (r->n_findings >= IA_MAX_FINDINGS) {
		r->dropped_findings++;
		return NULL;
	}
	ia_grow(&r->findings, sizeof(*r->findings), r->n_findings + 1, &r->cap_findings);
	f = &r->findings[r->n_findings++];
	f->check = check ? check : "";
	f->clauses = clauses ? clauses : "";
	f->severity = sev;
	f->title = dup_or_empty(title);
	f->path = dup_or_empty(path);
	f->line = line;
	/* a quoted value is evidence, not a copy of the file: keep it short */
	f->value =
		vlen > IA_MAX_EVIDENCE ? ia_xstrndup(value, IA_MAX_EVIDENCE) : dup_or_empty(value);
	f->remediation = dup_or_empty(remediation);
	f->outside = false;
	f->waiver = 0;
	fingerprint(f);
	f->details = NULL;
	f->n_details = 0;
	f->origin = NULL;
	return f;
}

void fnd_add_detail(struct fnd_finding *f, const char *key, const char *value)
{
	size_t vlen = value ? strlen(value) : 0;

	if (!f)
		return;
	f->details = ia_xreallocarray(f->details, f->n_details + 1, sizeof(*f->details));
	f->details[f->n_details].key = dup_or_empty(key);
	f->details[f->n_details].value =
		vlen > IA_MAX_EVIDENCE ? ia_xstrndup(value, IA_MAX_EVIDENCE) : dup_or_empty(value);
	f->n_details++;
}

void fnd_add_gap_at(struct fnd_report *r, struct ia_src src, const char *area, const char *path,
		    unsigned line, const char *fmt, ...)
{
	struct fnd_gap *g;
	struct ia_buf b = IA_BUF_INIT(4096);
	va_list ap;

	if (r->n_gaps >= IA_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	if (ia_buf_vaddf(&b, fmt, ap) < 0)
		ia_buf_adds(&b, "(reason too long)");
	va_end(ap);
	ia_grow(&r->gaps, sizeof(*r->gaps), r->n_gaps + 1, &r->cap_gaps);
	g = &r->gaps[r->n_gaps++];
	g->area = dup_or_empty(area);
	g->path = dup_or_empty(path);
	g->line = line;
	g->reason = ia_buf_detach(&b, NULL);
	g->src = src;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct fnd_finding *x = a, *y = b;
	int c;

	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	if ((c = strcmp(x->check, y->check)))
		return c;
	if ((c = strcmp(x->path, y->path)))
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->title, y->title);
}

void fnd_sort(struct fnd_report *r)
{
	if (r->n_findings > 1)
		qsort(r->findings, r->n_findings, sizeof(*r->findings), cmp_finding);
}

void fnd_verdict_counts(const struct fnd_report *r, size_t counts[FND_N_VERDICTS])
{
	for (size_t v = 0; v < FND_N_VERDICTS; v++)
		counts[v] = 0;
	for (size_t i = 0; i < r->n_clauses; i++)
		if ((unsigned)r->clauses[i].verdict < FND_N_VERDICTS)
			counts[r->clauses[i].verdict]++;
}

enum fnd_status fnd_status(const struct fnd_report *r)
{
	size_t counts[FND_N_VERDICTS];

	if (!r->profile) {
		for (size_t i = 0; i < r->n_findings; i++)
			if (r->findings[i].severity >= r->fail_at && !r->findings[i].waiver)
				return FND_STATUS_FAIL;
		return r->n_gaps ? FND_STATUS_INCOMPLETE : FND_STATUS_PASS;
	}
	fnd_verdict_counts(r, counts);
	if (counts[FND_FAIL])
		return FND_STATUS_FAIL;
	if (counts[FND_NOT_EXAMINED])
		return FND_STATUS_INCOMPLETE;
	return FND_STATUS_PASS;
}

bool fnd_failed(const struct fnd_report *r)
{
	enum fnd_status s = fnd_status(r);

	return s == FND_STATUS_FAIL || (s == FND_STATUS_INCOMPLETE && !r->accept_incomplete);
}
