/* chk_fixture.h — the check tests' fixture: an image root opened, its facts collected, checks run
 */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_TEST_CHK_FIXTURE_H
#define IA_TEST_CHK_FIXTURE_H

#include "testlib.h"

#include <stdlib.h>
#include <string.h>

#include "checks/audit.h"
#include "checks/check.h"
#include "checks/state.h"
#include "facts/facts.h"
#include "findings/findings.h"
#include "target/target.h"

struct fx {
	struct tgt *t;
	struct inv_facts f;
	struct fnd_report r;
	struct chk_opts o;
	struct chk_ctx ctx;
};

/* Opens path as an image of this kind (TGT_AUTO: what it holds) and collects its facts: the
 * pipeline's own open step (chk_audit_open), so that single checks can run on it. */
static inline void fx_open_as(struct fx *x, const char *path, enum tgt_kind kind)
{
	struct tgt_opts to = {.kind = kind};
	struct ia_err err = {0};

	memset(x, 0, sizeof(*x));
	if (chk_audit_open(path, &to, &x->t, &x->f, NULL, &err) < 0)
		fail_msg("chk_audit_open %s: %s", path, err.msg);
	fnd_init(&x->r);
	x->ctx.tgt = x->t;
	x->ctx.facts = &x->f;
	x->ctx.rpt = &x->r;
	x->ctx.opts = &x->o;
}

/* Opens root as a directory image and collects its facts. */
static inline void fx_open(struct fx *x, const char *root)
{
	fx_open_as(x, root, TGT_DIR);
}

/*
 * Packs root as a one-layer docker-save archive work/image.tar tagged tag, with config (an image
 * config JSON whose rootfs.diff_ids names the layer as "sha256:@DIFF@"). Returns the archive
 * path (caller frees).
 */
static inline char *fx_docker_save(const char *work, const char *root, const char *config,
				   const char *tag)
{
	char *path;

	t_write(work, "config.json", config, 0644);
	assert_int_equal(
		t_sh("set -e; cd '%s'; rm -rf img image.tar; "
		     "tar --numeric-owner -C '%s' -cf layer.tar .; "
		     "d=$(sha256sum layer.tar | cut -c1-64); mkdir -p img/$d; mv layer.tar "
		     "img/$d/; "
		     "sed \"s/@DIFF@/$d/\" config.json > c.json; c=$(sha256sum c.json | cut "
		     "-c1-64); "
		     "mv c.json img/$c.json; "
		     "printf '[{\"Config\":\"%%s.json\",\"RepoTags\":[\"%s\"],\"Layers\":"
		     "[\"%%s/layer.tar\"]}]' $c $d > img/manifest.json; tar -C img -cf image.tar .",
		     work, root, tag),
		0);
	assert_true(asprintf(&path, "%s/image.tar", work) > 0);
	return path;
}

static inline void fx_run(struct fx *x, const char *id)
{
	const struct chk_def *d = chk_find(id);

	assert_non_null(d);
	chk_run_one(&x->ctx, d);
}

static inline size_t fx_count(const struct fx *x, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < x->r.n_findings; i++)
		if (strcmp(x->r.findings[i].check, id) == 0)
			n++;
	return n;
}

/* The finding of check id at path (NULL: any) in r, or NULL. */
static inline const struct fnd_finding *fx_find_in(const struct fnd_report *r, const char *id,
						   const char *path)
{
	for (size_t i = 0; i < r->n_findings; i++)
		if (strcmp(r->findings[i].check, id) == 0 &&
		    (!path || strcmp(r->findings[i].path, path) == 0))
			return &r->findings[i];
	return NULL;
}

/* The finding of check id at path, or NULL. */
static inline const struct fnd_finding *fx_find(const struct fx *x, const char *id,
						const char *path)
{
	return fx_find_in(&x->r, id, path);
}

/* The first note (why a clause passes, or why a check found nothing to examine) check id left
 * that holds text, or NULL. */
static inline const char *fx_note(const struct fx *x, const char *id, const char *text)
{
	const struct chk_state *s = x->ctx.state;

	for (size_t i = 0; s && i < s->n_notes; i++)
		if (strcmp(s->notes[i].def->id, id) == 0 && strstr(s->notes[i].text, text))
			return s->notes[i].text;
	return NULL;
}

/* Gaps recorded under "check ID". */
static inline size_t fx_gaps(const struct fx *x, const char *id)
{
	char area[64];
	size_t n = 0;

	snprintf(area, sizeof(area), "check %s", id);
	for (size_t i = 0; i < x->r.n_gaps; i++)
		if (strcmp(x->r.gaps[i].area, area) == 0)
			n++;
	return n;
}

/* Check id ran clean: no finding and nothing it could not examine (a check that could not read
 * its input has no findings either; clean means it looked and found nothing). */
static inline void fx_clean(const struct fx *x, const char *id)
{
	char area[64];
	const struct fnd_finding *f = fx_find(x, id, NULL);

	if (f)
		fail_msg("%s: %zu finding(s), the first: %s (%s:%u)", id, fx_count(x, id), f->title,
			 f->path, f->line);
	snprintf(area, sizeof(area), "check %s", id);
	for (size_t i = 0; i < x->r.n_gaps; i++)
		if (strcmp(x->r.gaps[i].area, area) == 0)
			fail_msg("%s: not examined: %s (%s)", id, x->r.gaps[i].reason,
				 x->r.gaps[i].path);
}

/* Every check that ran was clean: no finding, nothing not examined. */
static inline void fx_all_clean(const struct fx *x)
{
	if (x->r.n_findings)
		fail_msg("%zu finding(s), the first: %s %s (%s)", x->r.n_findings,
			 x->r.findings[0].check, x->r.findings[0].title, x->r.findings[0].path);
	if (x->r.n_gaps)
		fail_msg("%zu not examined, the first: %s: %s (%s)", x->r.n_gaps, x->r.gaps[0].area,
			 x->r.gaps[0].reason, x->r.gaps[0].path);
}

static inline void fx_close(struct fx *x)
{
	chk_ctx_release(&x->ctx);
	fnd_release(&x->r);
	inv_facts_release(&x->f);
	tgt_free(x->t);
}

/*
 * The whole audit of path as the CLI runs it (chk_audit): profile (NULL: "all"), options,
 * checks, verdicts, sorted findings. Fails the test when the audit cannot run.
 */
static inline void fx_audit(struct chk_audit_result *r, const char *path, const char *profile,
			    const struct chk_opts *opts)
{
	struct chk_audit_opts o = {.target = path, .profile = profile};

	if (opts)
		o.checks = *opts;
	if (chk_audit(&o, r) < 0)
		fail_msg("chk_audit %s: stage %d: %s", path, (int)r->stage, r->err.msg);
}

/* A minimal root: passwd, group, shadow (mode 0640) with the given extra lines. */
static inline void fx_accounts(const char *root, const char *passwd, const char *shadow,
			       const char *group)
{
	char *p, *s, *g;

	assert_true(asprintf(&p,
			     "root:x:0:0:root:/root:/bin/bash\n"
			     "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n%s",
			     passwd ? passwd : "") > 0);
	assert_true(asprintf(&s, "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n%s",
			     shadow ? shadow : "") > 0);
	assert_true(asprintf(&g, "root:x:0:\ndaemon:x:1:\nshadow:x:42:\n%s", group ? group : "") >
		    0);
	t_write(root, "etc/passwd", p, 0644);
	t_write(root, "etc/shadow", s, 0640);
	t_write(root, "etc/group", g, 0644);
	free(p);
	free(s);
	free(g);
}

/* A temporary Debian 12 root with only the accounts files and os-release. Caller frees (fx_done).
 */
static inline char *fx_debian_root(void)
{
	char *root = t_mkdtemp();

	fx_accounts(root, NULL, NULL, NULL);
	t_write(root, "etc/os-release", "ID=debian\nVERSION_ID=12\n", 0644);
	return root;
}

/* Runs the checks PREFIX-001 .. PREFIX-last of one family. */
static inline void fx_run_family(struct fx *x, const char *prefix, int last)
{
	for (int i = 1; i <= last; i++) {
		char id[32];

		snprintf(id, sizeof(id), "%s-%03d", prefix, i);
		fx_run(x, id);
	}
}

/* Closes x and removes the temporary root made for it. */
static inline void fx_done(struct fx *x, char *root)
{
	fx_close(x);
	t_rmtree(root);
	free(root);
}

#endif
