/* agents.c — the agents family: each cloud's endpoint security agent installed and enabled at boot
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "target/target.h"
#include "util/datafile.h"
#include "util/lines.h"
#include "util/banned.h"

/*
 * A cloud's marketplace requires its own agent (JD Cloud: jdcloudhids; Alibaba Cloud: Server
 * Guard / Aegis, AliYunDun). What each agent looks like on disk is data, data/agents/NAME.txt:
 *
 *   agent: the name shown in findings
 *   program: NAME      an executable of the agent (a regular file of that name, anywhere below
 *                      a dir: line, or anywhere in the image when there is none)
 *   dir: /usr/local/aegis
 *   unit: aegis.service    a systemd unit that starts it (enabled: a *.wants/ link)
 *   initscript: aegis      a SysV or OpenRC script (enabled: an rc?.d/S??NAME link)
 *
 * Installed: one of its programs is in the image. Enabled at boot: one of its units or init
 * scripts is enabled. Whether it runs is a property of the running system (the clauses' L part).
 */

/* Bytes of one agent definition; lines of each kind kept. */
#define AG_MAX_FILE (64u * 1024)
#define AG_MAX_NAMES 32

struct ag_def {
	struct ia_buf raw;
	const char *agent;
	const char *program[AG_MAX_NAMES], *dir[AG_MAX_NAMES], *unit[AG_MAX_NAMES],
		*init[AG_MAX_NAMES];
	size_t n_program, n_dir, n_unit, n_init;
};

/* Adds value v to list (n kept, at most AG_MAX_NAMES). */
static void ag_add(const char **list, size_t *n, const char *v)
{
	if (*n < AG_MAX_NAMES)
		list[(*n)++] = v;
}

/* One "key: value" line of the definition; false when it is not one. */
static bool ag_line(struct ag_def *d, char *l, size_t n)
{
	char *colon = memchr(l, ':', n), *v;
	size_t vn;

	if (!colon)
		return false;
	*colon = '\0';
	v = colon + 1;
	vn = n - (size_t)(v - l);
	while (vn && (*v == ' ' || *v == '\t')) {
		v++;
		vn--;
	}
	v[vn] = '\0';
	if (!vn)
		return false;
	if (strcmp(l, "agent") == 0)
		d->agent = v;
	else if (strcmp(l, "program") == 0)
		ag_add(d->program, &d->n_program, v);
	else if (strcmp(l, "dir") == 0)
		ag_add(d->dir, &d->n_dir, v);
	else if (strcmp(l, "unit") == 0)
		ag_add(d->unit, &d->n_unit, v);
	else if (strcmp(l, "initscript") == 0)
		ag_add(d->init, &d->n_init, v);
	else
		return false;
	return true;
}

/* Reads data/agents/<name>.txt; a gap when it cannot be read or names no program. */
static int ag_load(struct chk_ctx *ctx, const char *name, struct ag_def *d)
{
	struct ia_err err = {0};
	struct ia_lines c;
	char rel[64];
	const char *l;
	size_t n;

	snprintf(rel, sizeof(rel), "agents/%s.txt", name);
	ia_buf_init(&d->raw, AG_MAX_FILE);
	if (ia_data_read(rel, AG_MAX_FILE, &d->raw, &err) < 0) {
		chk_gap(ctx, NULL, 0, "the agent definition could not be read: %s", err.msg);
		return -1;
	}
	ia_lines_init(&c, d->raw.data, d->raw.len);
	while (ia_lines_next(&c, &l, &n) > 0) {
		ia_trim(&l, &n);
		if (!n || l[0] == '#')
			continue;
		if (!ag_line(d, (char *)l, n)) { /* our copy */
			chk_gap(ctx, NULL, 0, "data/%s line %u: not a known \"key: value\" line",
				rel, c.lineno);
			return -1;
		}
	}
	if (!d->agent || !d->n_program) {
		chk_gap(ctx, NULL, 0, "data/%s names no agent or no program", rel);
		return -1;
	}
	return 0;
}

static bool ag_under(const struct ag_def *d, const char *path)
{
	if (!d->n_dir)
		return true;
	for (size_t i = 0; i < d->n_dir; i++) {
		size_t n = strlen(d->dir[i]);

		if (strncmp(path, d->dir[i], n) == 0 && path[n] == '/')
			return true;
	}
	return false;
}

/* The first program of the agent in the image, or NULL. */
static const struct tgt_entry *ag_program(struct chk_ctx *ctx, const struct ag_def *d)
{
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *b;

		/* /etc holds the agent's init script and unit, named like it: not the program */
		if (!S_ISREG(e->mode) || !ag_under(d, e->path) || strncmp(e->path, "/etc/", 5) == 0)
			continue;
		b = fam_basename(e->path);
		for (size_t k = 0; k < d->n_program; k++)
			if (strcmp(b, d->program[k]) == 0)
				return e;
	}
	return NULL;
}

/* Where the agent is enabled at boot (an image path), or NULL. */
static const char *ag_enabled(struct chk_ctx *ctx, const struct ag_def *d)
{
	const char *at;

	for (size_t i = 0; i < d->n_unit; i++)
		if ((at = fam_unit_enabled(ctx, d->unit[i])))
			return at;
	for (size_t i = 0; i < d->n_init; i++)
		if ((at = fam_initscript_enabled(ctx, d->init[i])))
			return at;
	return NULL;
}

static void ag_run(struct chk_ctx *ctx, const char *name)
{
	struct ag_def d = {0};
	const struct tgt_entry *prog;
	const char *at;

	if (ag_load(ctx, name, &d) < 0)
		goto out;
	prog = ag_program(ctx, &d);
	if (!prog) {
		chk_report(ctx, "", 0, "", NULL,
			   "%s is not installed: none of its programs (%s%s) is in the image",
			   d.agent, d.program[0], d.n_program > 1 ? ", ..." : "");
		goto out;
	}
	at = ag_enabled(ctx, &d);
	if (!at) {
		chk_report(ctx, prog->path, 0, "installed, not enabled at boot", NULL,
			   "%s is installed (%s) but not enabled at boot: no enabled %s%s", d.agent,
			   prog->path,
			   d.n_unit    ? d.unit[0]
			   : d.init[0] ? d.init[0]
				       : "unit",
			   d.n_unit && d.n_init ? " or init script" : "");
		goto out;
	}
	chk_note(ctx,
		 "%s installed (%s) and enabled at boot (%s); whether it runs is a property of the "
		 "running system",
		 d.agent, prog->path, at);
out:
	ia_buf_release(&d.raw);
}

static void run_jdcloud(struct chk_ctx *ctx)
{
	ag_run(ctx, "jdcloud");
}

static void run_aliyun(struct chk_ctx *ctx)
{
	ag_run(ctx, "aliyun");
}

static const struct chk_def agents_checks[] = {
	{
		.id = "AGENT-001",
		.title = "JD Cloud's host security agent (jdcloudhids) not installed or not "
			 "enabled at "
			 "boot",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-1.1f"),
		.examines =
			"the programs, systemd units and init scripts data/agents/jdcloud.txt "
			"names: installed, and enabled at boot (a *.wants link or an rc?.d S link)",
		.remediation = "install JD Cloud's host security agent in the image and enable its "
			       "service at boot",
		.run = run_jdcloud,
	},
	{
		.id = "AGENT-002",
		.title = "Alibaba Cloud's Server Guard (Security Center agent, AliYunDun) not "
			 "installed "
			 "or not enabled at boot",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("AY-1.1.3"),
		.examines =
			"the programs, systemd units and init scripts data/agents/aliyun.txt names "
			"(/usr/local/aegis, AliYunDun, aegis.service): installed, and enabled at "
			"boot",
		.remediation =
			"install the Security Center agent (Aegis) in the image and enable its "
			"service at boot",
		.run = run_aliyun,
	},
};
const struct chk_family chk_family_agents = {
	.name = "agents",
	.checks = agents_checks,
	.n_checks = IA_ARRAY_SIZE(agents_checks),
};
