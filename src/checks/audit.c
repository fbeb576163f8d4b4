/* audit.c — the audit pipeline as one call: profile, open, collect, checks, verdicts, sort */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "checks/audit.h"
#include "findings/waivers.h"
#include "util/clock.h"
#include "util/banned.h"

static char **dup_strv(char *const *v, size_t n)
{
	char **out = ia_xcalloc(n ? n : 1, sizeof(*out));

	for (size_t i = 0; i < n; i++)
		out[i] = ia_xstrdup(v[i]);
	return out;
}

static struct fnd_disk *disk_summary(const struct tgt_disk_info *di)
{
	struct fnd_disk *d = ia_xcalloc(1, sizeof(*d));

	d->format = ia_xstrdup(di->format);
	d->size = di->size;
	d->partitions = ia_xstrdup(di->partitions);
	d->volumes = ia_xcalloc(di->n_volumes ? di->n_volumes : 1, sizeof(*d->volumes));
	d->n_volumes = di->n_volumes;
	for (size_t i = 0; i < di->n_volumes; i++) {
		const struct tgt_disk_volume *v = &di->volumes[i];

		d->volumes[i] = (struct fnd_disk_volume){
			.partition = ia_xstrdup(v->partition),
			.content = ia_xstrdup(v->content),
			.mount = v->mount ? ia_xstrdup(v->mount) : NULL,
			.start = v->start,
			.size = v->size,
		};
	}
	return d;
}

void chk_target_summary(const struct tgt *t, struct fnd_target *out)
{
	const struct tgt_image_config *c = tgt_config(t);
	const struct ia_problems *notes = tgt_notes(t);

	memset(out, 0, sizeof(*out));
	out->spec = ia_xstrdup(tgt_spec(t));
	out->kind = tgt_kind_name(tgt_get_kind(t));
	out->entries = tgt_count(t);
	for (size_t i = 0; notes && i < notes->len; i++) {
		const struct ia_problem *n = &notes->v[i];

		ia_problem_add(&out->notes, n->area, n->path, n->line, n->code, "%s", n->msg);
	}
	if (notes)
		out->notes.dropped += notes->dropped;
	if (tgt_disk_info(t))
		out->disk = disk_summary(tgt_disk_info(t));
	if (c) {
		struct fnd_image *im = ia_xcalloc(1, sizeof(*im));

		im->ref = ia_xstrdup(c->ref);
		im->config_digest = ia_xstrdup(c->config_digest);
		im->created = ia_xstrdup(c->created);
		im->user = ia_xstrdup(c->user);
		im->os = ia_xstrdup(c->os);
		im->architecture = ia_xstrdup(c->architecture);
		im->n_layers = c->n_layers;
		im->exposed_ports = dup_strv(c->exposed_ports, c->n_exposed_ports);
		im->n_exposed_ports = c->n_exposed_ports;
		out->image = im;
	}
}

int chk_audit_open(const char *spec, const struct tgt_opts *opts, struct tgt **t,
		   struct inv_facts *f, enum chk_audit_stage *stage, struct ia_err *err)
{
	int r;

	inv_facts_init(f);
	*t = NULL;
	r = tgt_open(spec, opts, t, err);
	if (r < 0) {
		if (!err->code)
			ia_err_set(err, r, NULL, 0, "%s", ia_strerror(r));
		if (stage)
			*stage = CHK_AUDIT_OPEN;
		tgt_free(*t);
		*t = NULL;
		return r;
	}
	r = inv_collect(*t, f);
	if (r < 0) {
		ia_err_set(err, r, NULL, 0, "cannot collect facts: %s", ia_strerror(r));
		if (stage)
			*stage = CHK_AUDIT_COLLECT;
		inv_facts_release(f);
		tgt_free(*t);
		*t = NULL;
		return r;
	}
	return 0;
}

static void copy_problems(struct ia_problems *dst, const struct ia_problems *src)
{
	for (size_t i = 0; src && i < src->len; i++) {
		const struct ia_problem *p = &src->v[i];

		ia_problem_add(dst, p->area, p->path, p->line, p->code, "%s", p->msg);
	}
	if (src)
		dst->dropped += src->dropped;
}

/* "checks: FAMILY" once per family (the strings are static: one per family of the catalogue). */
static void family_progress(void *arg, const struct chk_def *def)
{
	static const char *last;
	const struct chk_audit_opts *o = arg;
	static char names[CHK_MAX_FAMILIES][48];
	size_t n;
	const char *const *fams = chk_families(&n);

	if (def->family == last)
		return;
	last = def->family;
	for (size_t i = 0; i < n && i < CHK_MAX_FAMILIES; i++) {
		if (strcmp(fams[i], def->family) == 0) {
			if (!names[i][0])
				snprintf(names[i], sizeof(names[i]), "checks: %s", def->family);
			o->progress(o->progress_arg, names[i]);
			return;
		}
	}
}

/* The checks, their verdicts under the profile, the findings sorted. */
static void run_checks(const struct chk_audit_opts *o, struct chk_audit_result *r,
		       const struct tgt *t)
{
	struct chk_ctx ctx = {.tgt = t,
			      .facts = &r->facts,
			      .rpt = &r->report,
			      .opts = &o->checks,
			      .before_check = o->progress ? family_progress : NULL,
			      .before_check_arg = (void *)o};
	const char *const *fams;
	size_t n_fams;
	double t0 = ia_now_seconds();

	chk_run_all(&ctx);
	r->checks_seconds = ia_now_seconds() - t0;
	for (size_t i = 0; i < r->report.n_findings; i++) { /* disk images: where each file lies */
		struct fnd_finding *f = &r->report.findings[i];
		struct tgt_origin og;

		if (f->path[0] && tgt_origin(t, f->path, &og))
			fnd_set_origin(f, og.format, og.partition, og.filesystem);
	}
	fams = chk_families(&n_fams);
	for (size_t i = 0; i < n_fams && i < CHK_MAX_FAMILIES; i++)
		r->family_seconds[i] = chk_family_seconds(&ctx, fams[i]);
	if (o->waivers)
		fnd_waivers_apply(&r->report, o->waivers); /* before the verdicts: they skip them */
	chk_profile_apply(r->profile, &ctx); /* the verdicts, and fail_at = the gate */
	chk_ctx_release(&ctx);
	fnd_sort(&r->report);
	r->report.accept_incomplete = o->accept_incomplete;
}

int chk_audit(const struct chk_audit_opts *o, struct chk_audit_result *r)
{
	struct tgt *t = NULL;
	double t0;
	int ret;

	memset(r, 0, sizeof(*r));
	fnd_init(&r->report);
	inv_facts_init(&r->facts);
	ret = chk_profile_load(o->profile ? o->profile : "all", &r->profile, &r->err);
	if (ret < 0) {
		r->stage = CHK_AUDIT_PROFILE;
		return ret;
	}
	if (o->gate_set)
		r->profile->gate = o->gate;

	t0 = ia_now_seconds();
	if (o->progress)
		o->progress(o->progress_arg, "reading the image and its package databases");
	ret = chk_audit_open(o->target, &o->tgt, &t, &r->facts, &r->stage, &r->err);
	if (ret < 0)
		return ret;
	r->open_seconds = ia_now_seconds() - t0;
	chk_target_summary(t, &r->target);
	copy_problems(&r->index_problems, tgt_problems(t));

	if (o->ready && (ret = o->ready(o->ready_arg)) < 0) {
		r->stage = CHK_AUDIT_READY;
		ia_err_set(&r->err, ret, NULL, 0, "stopped before the checks");
		tgt_free(t);
		return ret;
	}
	run_checks(o, r, t);
	tgt_free(t);
	return 0;
}

void chk_audit_release(struct chk_audit_result *r)
{
	if (!r)
		return;
	fnd_release(&r->report);
	fnd_target_release(&r->target);
	inv_facts_release(&r->facts);
	ia_problems_release(&r->index_problems);
	chk_profile_free(r->profile);
	memset(r, 0, sizeof(*r));
}
