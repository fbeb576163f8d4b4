/* updates_mod.c — UPD-001 on rpm images: dnf's modular filtering (module streams enabled in the
 * image's /etc/dnf/modules.d, else the repositories' default streams) over the packages offered */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/updates.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/pool.h"
#include "util/xalloc.h"

#include "util/banned.h"

/* Where dnf keeps the state of each module the image touched (NAME.module, INI). */
#define DNF_MODULES_D "/etc/dnf/modules.d"

/* One module's configuration: [NAME] with stream= and state= (enabled, disabled). */
struct mod_conf {
	const char *name, *stream, *state;
};

struct upd_modfilter {
	const struct vdb_rpm_repo *repo;
	struct ia_pool pool;
	struct ia_hmap art;          /* artifact NEVRA -> module index */
	struct ia_hmap active_names; /* names of the packages active streams ship */
	bool *active;                /* per module index: its stream is active */
	struct mod_conf *conf;
	size_t n_conf, cap_conf, n_files;
};

/* "key=value" of an INI line into the last section's configuration. */
static void conf_line(struct upd_modfilter *f, const char *line, size_t n)
{
	const char *eq = memchr(line, '=', n), *v;
	struct mod_conf *c;
	size_t kn, vn;

	if (n > 2 && line[0] == '[' && line[n - 1] == ']') {
		ia_grow(&f->conf, sizeof(*f->conf), f->n_conf + 1, &f->cap_conf);
		f->conf[f->n_conf++] =
			(struct mod_conf){ia_pool_strndup(&f->pool, line + 1, n - 2), "", ""};
		return;
	}
	if (!eq || !f->n_conf)
		return;
	c = &f->conf[f->n_conf - 1];
	kn = (size_t)(eq - line);
	v = eq + 1;
	vn = n - kn - 1;
	ia_trim(&line, &kn);
	ia_trim(&v, &vn);
	if (ia_eq(line, kn, "stream"))
		c->stream = ia_pool_strndup(&f->pool, v, vn);
	else if (ia_eq(line, kn, "state"))
		c->state = ia_pool_strndup(&f->pool, v, vn);
}

static void conf_file(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct upd_modfilter *f = arg;
	const char *base = fam_basename(e->path);
	size_t n = strlen(base);
	struct fam_text t = {0};
	const char *line;
	size_t len;

	if (n < 8 || strcmp(base + n - 7, ".module") != 0 || !S_ISREG(e->mode) ||
	    ++f->n_files > IA_MAX_DNF_MODULE_FILES)
		return;
	if (fam_text_open(ctx, &t, e->path, IA_MAX_DNF_MODULE_FILE))
		while (fam_next_line(ctx, &t, &line, &len) > 0) {
			ia_trim(&line, &len);
			if (len && line[0] != '#' && line[0] != ';')
				conf_line(f, line, len);
		}
	fam_text_close(&t);
}

/* Whether module i's stream is active: enabled in the image, else its default stream (dnf's
 * rules for a module the image never configured). */
static bool stream_active(const struct upd_modfilter *f, size_t i)
{
	const struct vdb_rpm_module *m = &f->repo->modules[i];

	for (size_t c = f->n_conf; c-- > 0;)
		if (strcmp(f->conf[c].name, m->name) == 0) {
			if (strcmp(f->conf[c].state, "enabled") == 0 ||
			    strcmp(f->conf[c].state, "installed") == 0)
				return strcmp(f->conf[c].stream, m->stream) == 0;
			if (strcmp(f->conf[c].state, "disabled") == 0)
				return false;
			break; /* reset: the default stream */
		}
	for (size_t d = 0; d < f->repo->n_modules; d++)
		if (f->repo->modules[d].is_default &&
		    strcmp(f->repo->modules[d].name, m->name) == 0)
			return strcmp(f->repo->modules[d].stream, m->stream) == 0;
	return false;
}

struct upd_modfilter *upd_mod_filter(struct chk_ctx *ctx, const struct vdb_rpm_repo *repo)
{
	struct upd_modfilter *f;
	char nevra[4 * IA_MAX_NAME];

	if (!repo->n_modules)
		return NULL;
	f = ia_xcalloc(1, sizeof(*f));
	f->repo = repo;
	(void)fam_children(ctx, DNF_MODULES_D, conf_file, f);
	if (f->n_files > IA_MAX_DNF_MODULE_FILES)
		chk_gap(ctx, DNF_MODULES_D, 0,
			"more than %u module files (IA_MAX_DNF_MODULE_FILES): the rest not read",
			(unsigned)IA_MAX_DNF_MODULE_FILES);
	f->active = ia_xcalloc(repo->n_modules + 1, sizeof(*f->active));
	for (size_t i = 0; i < repo->n_modules; i++)
		f->active[i] = !repo->modules[i].is_default && stream_active(f, i);
	for (size_t i = 0; i < repo->n_artifacts; i++)
		ia_hmap_put(&f->art, repo->artifacts[i].nevra, (uint32_t)repo->artifacts[i].module);
	for (size_t i = 0; i < repo->n_pkgs; i++) {
		uint32_t mod;

		if (vdb_rpm_nevra(&repo->pkgs[i], nevra, sizeof(nevra)) &&
		    ia_hmap_get(&f->art, nevra, strlen(nevra), &mod) && f->active[mod])
			ia_hmap_put(&f->active_names, repo->pkgs[i].name, 1);
	}
	return f;
}

bool upd_mod_hidden(const struct upd_modfilter *f, const struct vdb_rpm_nevra *p)
{
	char nevra[4 * IA_MAX_NAME];
	uint32_t v;

	if (!f || !vdb_rpm_nevra(p, nevra, sizeof(nevra)))
		return false;
	if (ia_hmap_get(&f->art, nevra, strlen(nevra), &v))
		return !f->active[v];
	return ia_hmap_get(&f->active_names, p->name, strlen(p->name), &v);
}

size_t upd_mod_active(const struct upd_modfilter *f)
{
	size_t n = 0;

	for (size_t i = 0; f && i < f->repo->n_modules; i++)
		n += f->active[i];
	return n;
}

void upd_mod_free(struct upd_modfilter *f)
{
	if (!f)
		return;
	free(f->active);
	free(f->conf);
	ia_hmap_release(&f->art);
	ia_hmap_release(&f->active_names);
	ia_pool_release(&f->pool);
	free(f);
}
