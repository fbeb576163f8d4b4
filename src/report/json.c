/* json.c — the JSON report (versioned schema, docs/json-report.md) and the JSON inventory */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/jsonw.h"
#include "report/term.h"
#include "facts/facts.h"
#include "findings/waivers.h"

#include "config.h"
#include "util/banned.h"

static void write_strv(struct jw *w, const char *key, char *const *v, size_t n)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, v[i]);
	jw_end_arr(w);
}

/* What the target deliberately did not do ("not walked: pseudo filesystem", "layer digest not
 * verified"): not gaps in the audit, but a reviewer should know */
static void write_notes(struct jw *w, const struct ia_problems *notes)
{
	jw_key(w, "notes");
	jw_arr(w);
	for (size_t i = 0; notes && i < notes->len; i++) {
		const struct ia_problem *n = &notes->v[i];

		jw_obj(w);
		jw_kstr(w, "path", n->path);
		jw_kstr(w, "note", n->msg);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void write_disk(struct jw *w, const struct fnd_disk *d)
{
	jw_key(w, "disk");
	if (!d) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	jw_kstr(w, "format", d->format);
	jw_kint(w, "size", (int64_t)d->size);
	jw_kstr(w, "partitions", d->partitions);
	jw_key(w, "volumes");
	jw_arr(w);
	for (size_t i = 0; i < d->n_volumes; i++) {
		const struct fnd_disk_volume *v = &d->volumes[i];

		jw_obj(w);
		jw_kstr(w, "partition", v->partition);
		jw_kstr(w, "content", v->content);
		jw_key(w, "mount");
		if (v->mount)
			jw_str(w, v->mount);
		else
			jw_null(w);
		jw_kint(w, "start", (int64_t)v->start);
		jw_kint(w, "size", (int64_t)v->size);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
}

static void write_target(struct jw *w, const struct fnd_target *t)
{
	const struct fnd_image *c = t->image;

	jw_key(w, "target");
	jw_obj(w);
	jw_kstr(w, "spec", t->spec);
	jw_kstr(w, "kind", t->kind);
	jw_kint(w, "entries", (int64_t)t->entries);
	write_notes(w, &t->notes);
	jw_key(w, "image");
	if (!c) {
		jw_null(w);
	} else {
		jw_obj(w);
		jw_kstr(w, "ref", c->ref);
		jw_kstr(w, "config_digest", c->config_digest);
		jw_kstr(w, "created", c->created);
		jw_kstr(w, "user", c->user);
		jw_kstr(w, "os", c->os);
		jw_kstr(w, "architecture", c->architecture);
		jw_kint(w, "layers", (int64_t)c->n_layers);
		write_strv(w, "exposed_ports", c->exposed_ports, c->n_exposed_ports);
		jw_end_obj(w);
	}
	write_disk(w, t->disk);
	jw_end_obj(w);
}

static void write_os(struct jw *w, const struct inv_os *os)
{
	jw_key(w, "os");
	jw_obj(w);
	jw_kbool(w, "known", os->known);
	jw_kstr(w, "id", os->id);
	jw_kstr(w, "version_id", os->version_id);
	jw_kstr(w, "codename", os->codename);
	jw_kstr(w, "family", os->family);
	jw_kstr(w, "name", os->name);
	jw_kstr(w, "pretty_name", os->pretty_name);
	jw_kstr(w, "source", os->source);
	jw_end_obj(w);
}

static void write_dbs(struct jw *w, const struct inv_facts *f)
{
	jw_key(w, "databases");
	jw_arr(w);
	for (size_t i = 0; i < f->n_dbs; i++) {
		jw_obj(w);
		jw_kstr(w, "path", f->dbs[i]);
		jw_kstr(w, "kind", rpt_db_name(f->db_kinds[i]));
		jw_kbool(w, "complete", f->db_ok[i]);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* "schema_version" and "tool": what every JSON document of imgaudit opens with */
static void write_header(struct jw *w)
{
	jw_kint(w, "schema_version", RPT_SCHEMA_VERSION);
	jw_key(w, "tool");
	jw_obj(w);
	jw_kstr(w, "name", "imgaudit");
	jw_kstr(w, "version", IA_VERSION);
	jw_end_obj(w);
}

static void write_pkg(struct jw *w, const struct inv_pkg *p)
{
	jw_obj(w);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "version", p->version);
	jw_kstr(w, "arch", p->arch);
	jw_kstr(w, "source", p->source);
	jw_kstr(w, "source_version", p->source_version);
	if (p->epoch >= 0)
		jw_kint(w, "epoch", p->epoch);
	jw_kstr(w, "vendor", p->vendor);
	jw_kstr(w, "packager", p->packager);
	jw_kstr(w, "db", rpt_db_name(p->db));
	jw_kstr(w, "db_path", p->db_path);
	jw_kint(w, "files", (int64_t)p->n_files);
	jw_end_obj(w);
}

/* "packages": count and databases, and with list every package (the inventory) */
static void write_packages(struct jw *w, const struct inv_facts *f, bool list)
{
	jw_key(w, "packages");
	jw_obj(w);
	jw_kint(w, "count", (int64_t)f->n_pkgs);
	write_dbs(w, f);
	if (list) {
		jw_key(w, "list");
		jw_arr(w);
		for (size_t i = 0; i < f->n_pkgs; i++)
			write_pkg(w, &f->pkgs[i]);
		jw_end_arr(w);
	}
	jw_end_obj(w);
}

/* "components": software outside the package managers (facts/software.h), every one listed */
static void write_components(struct jw *w, const struct inv_facts *f)
{
	const struct inv_software *s = &f->software;

	jw_key(w, "components");
	jw_obj(w);
	jw_kint(w, "count", (int64_t)s->n);
	jw_kbool(w, "complete", !s->full && s->issues.len == 0);
	jw_key(w, "list");
	jw_arr(w);
	for (size_t i = 0; i < s->n; i++) {
		const struct inv_component *c = &s->v[i];

		jw_obj(w);
		jw_kstr(w, "name", c->name);
		jw_kstr(w, "version", c->version);
		jw_kstr(w, "ecosystem", c->ecosystem);
		jw_kstr(w, "kind", inv_comp_kind_name(c->kind));
		jw_kstr(w, "path", c->path);
		jw_kstr(w, "how", c->how);
		jw_kstr(w, "dir", c->dir);
		jw_kstr(w, "parent", c->parent);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_key(w, "issues");
	jw_arr(w);
	for (size_t i = 0; i < s->issues.len; i++) {
		const struct ia_problem *p = &s->issues.v[i];

		jw_obj(w);
		jw_kstr(w, "path", p->path);
		jw_kstr(w, "message", p->msg);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
}

static void write_clause_ids(struct jw *w, const char *clauses)
{
	const char *p = clauses;

	jw_key(w, "clauses");
	jw_arr(w);
	while (p && *p) {
		size_t n = strcspn(p, " ,");

		if (n)
			jw_strn(w, p, n);
		p += n;
		p += strspn(p, " ,");
	}
	jw_end_arr(w);
}

/* "path" and "line" (null when the evidence has no line) */
static void write_location(struct jw *w, const char *path, unsigned line)
{
	jw_kstr(w, "path", path);
	jw_key(w, "line");
	if (line)
		jw_int(w, line);
	else
		jw_null(w);
}

static void write_findings(struct jw *w, const struct fnd_report *r)
{
	jw_key(w, "findings");
	jw_arr(w);
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct fnd_finding *f = &r->findings[i];

		jw_obj(w);
		jw_kstr(w, "check", f->check);
		jw_kstr(w, "severity", fnd_sev_name(f->severity));
		jw_kstr(w, "title", f->title);
		write_clause_ids(w, f->clauses);
		jw_key(w, "evidence");
		jw_obj(w);
		write_location(w, f->path, f->line);
		jw_kstr(w, "value", f->value);
		if (f->origin) {
			jw_key(w, "origin");
			jw_obj(w);
			jw_kstr(w, "format", f->origin->format);
			jw_kstr(w, "partition", f->origin->partition);
			jw_kstr(w, "filesystem", f->origin->filesystem);
			jw_end_obj(w);
		}
		jw_end_obj(w);
		jw_kstr(w, "remediation", f->remediation);
		jw_kbool(w, "in_profile", !f->outside);
		jw_kstr(w, "fingerprint", f->fingerprint);
		jw_key(w, "waiver"); /* the index in waivers.entries, or null */
		if (f->waiver)
			jw_int(w, (int64_t)(f->waiver - 1));
		else
			jw_null(w);
		if (f->n_details) {
			jw_key(w, "details");
			jw_obj(w);
			for (size_t j = 0; j < f->n_details; j++)
				jw_kstr(w, f->details[j].key, f->details[j].value);
			jw_end_obj(w);
		}
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

void rpt_json_waiver_entries(struct jw *w, const struct fnd_report *r)
{
	jw_arr(w);
	for (size_t i = 0; i < r->waivers.n; i++) {
		const struct fnd_waiver *x = &r->waivers.v[i];

		jw_obj(w);
		jw_kint(w, "line", x->line);
		jw_kstr(w, "check", x->check);
		jw_kstr(w, "fingerprint", x->fingerprint);
		jw_kstr(w, "path", x->path);
		jw_kstr(w, "reason", x->reason);
		jw_kstr(w, "owner", x->owner);
		jw_kstr(w, "expires", x->expires);
		jw_kstr(w, "status", fnd_waiver_status_name(fnd_waiver_status(x)));
		jw_kint(w, "findings", (int64_t)x->matched);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* "waivers": the file and every waiver with its status and the findings it matched */
static void write_waivers(struct jw *w, const struct fnd_report *r)
{
	jw_key(w, "waivers");
	jw_obj(w);
	jw_key(w, "file");
	if (r->waivers.file)
		jw_str(w, r->waivers.file);
	else
		jw_null(w);
	jw_kint(w, "waived_findings", (int64_t)r->n_waived);
	jw_key(w, "entries");
	rpt_json_waiver_entries(w, r);
	jw_end_obj(w);
}

static void write_clauses(struct jw *w, const struct fnd_report *r)
{
	jw_key(w, "clauses");
	jw_arr(w);
	for (size_t i = 0; i < r->n_clauses; i++) {
		const struct fnd_clause *c = &r->clauses[i];

		jw_obj(w);
		jw_kstr(w, "id", c->id);
		jw_kstr(w, "title", c->title);
		jw_kstr(w, "verdict", fnd_verdict_name(c->verdict));
		jw_kstr(w, "why", c->why ? c->why : "");
		jw_kint(w, "findings", (int64_t)c->n_findings);
		jw_kint(w, "below_gate", (int64_t)c->n_below);
		jw_key(w, "checks");
		jw_arr(w);
		for (size_t j = 0; j < c->n_checks; j++)
			jw_str(w, c->checks[j]);
		jw_end_arr(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* Where in imgaudit's source the gap was raised: "src/facts/dpkg.c:151", null when unknown. */
static void write_raised_at(struct jw *w, struct ia_src src)
{
	char at[256];

	jw_key(w, "raised_at");
	if (!src.file) {
		jw_null(w);
		return;
	}
	snprintf(at, sizeof(at), "%s:%u", ia_src_file(src), src.line);
	jw_str(w, at);
}

static void write_gaps(struct jw *w, const struct fnd_report *r)
{
	jw_key(w, "not_examined");
	jw_arr(w);
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct fnd_gap *g = &r->gaps[i];

		jw_obj(w);
		jw_kstr(w, "area", g->area);
		write_location(w, g->path, g->line);
		jw_kstr(w, "reason", g->reason);
		write_raised_at(w, g->src);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* "result": the three-valued status, the gate, findings per severity, clauses per verdict */
static void write_result(struct jw *w, const struct fnd_report *r)
{
	size_t counts[FND_SEV_CRITICAL + 1] = {0}, v[FND_N_VERDICTS];
	static const struct {
		const char *key;
		enum fnd_verdict v;
	} vkeys[] = {
		{"pass", FND_PASS},
		{"fail", FND_FAIL},
		{"not_applicable", FND_NOT_APPLICABLE},
		{"not_examined", FND_NOT_EXAMINED},
		{"manual", FND_MANUAL},
	};

	for (size_t i = 0; i < r->n_findings; i++)
		counts[r->findings[i].severity]++;
	fnd_verdict_counts(r, v);
	jw_key(w, "result");
	jw_obj(w);
	jw_kstr(w, "status", fnd_status_name(fnd_status(r)));
	jw_kbool(w, "passed", !fnd_failed(r));
	jw_kbool(w, "accept_incomplete", r->accept_incomplete);
	jw_kstr(w, "fail_at", fnd_sev_name(r->fail_at));
	jw_kstr(w, "profile", r->profile);
	jw_key(w, "counts");
	jw_obj(w);
	for (int s = FND_SEV_CRITICAL; s >= FND_SEV_INFO; s--)
		jw_kint(w, fnd_sev_name((enum fnd_sev)s), (int64_t)counts[s]);
	jw_end_obj(w);
	jw_kint(w, "outside_profile", (int64_t)r->n_outside);
	jw_key(w, "clauses");
	jw_obj(w);
	for (size_t i = 0; i < IA_ARRAY_SIZE(vkeys); i++)
		jw_kint(w, vkeys[i].key, (int64_t)v[vkeys[i].v]);
	jw_end_obj(w);
	jw_kint(w, "dropped_findings", (int64_t)r->dropped_findings);
	jw_end_obj(w);
}

int rpt_write_json(FILE *out, const struct fnd_report *r, const struct fnd_target *t,
		   const struct inv_facts *f)
{
	struct jw w;

	jw_init(&w, out);
	jw_obj(&w);
	write_header(&w);
	write_target(&w, t);
	write_os(&w, &f->os);
	write_packages(&w, f, false);
	write_components(&w, f);
	write_result(&w, r);
	write_findings(&w, r);
	write_clauses(&w, r);
	write_gaps(&w, r);
	write_waivers(&w, r);
	jw_end_obj(&w);
	return jw_finish(&w);
}

int rpt_write_inventory_json(FILE *out, const struct fnd_target *t, const struct inv_facts *f)
{
	struct jw w;

	jw_init(&w, out);
	jw_obj(&w);
	write_header(&w);
	write_target(&w, t);
	write_os(&w, &f->os);
	write_packages(&w, f, true);
	write_components(&w, f);
	jw_end_obj(&w);
	return jw_finish(&w);
}
