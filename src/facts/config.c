/* config.c — configuration files of the image as facts: a text reader that keeps what it could
 * not read, and the sysctl settings (systemd-sysctl precedence) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

/* Bad lines recorded one by one per file; past this, one issue says how many more. */
#define INV_MAX_BAD_LINES 3

int inv_text_open(struct inv_text *x, const struct tgt *t, struct ia_problems *issues,
		  const char *path, size_t max)
{
	struct ia_err err = {0};
	int r;

	memset(x, 0, sizeof(*x));
	x->issues = issues;
	x->path = path;
	ia_buf_init(&x->b, max);
	r = tgt_read(t, path, max, &x->b, NULL, &err);
	if (r == -ENOENT || r == -ENOTDIR) {
		ia_buf_release(&x->b);
		return -ENOENT;
	}
	if (r == -IA_ETOOBIG) {
		ia_problem_add(issues, "", path, 0, r, "file not examined: larger than %zu bytes",
			       max);
	} else if (r < 0) {
		if (!err.path[0])
			ia_err_set(&err, r, path, 0, "%s", ia_strerror(r));
		ia_err_prefix(&err, "file not examined");
		ia_problem_add_err(issues, "", &err);
	}
	if (r < 0) {
		ia_buf_release(&x->b);
		return r;
	}
	ia_lines_init(&x->c, x->b.data ? x->b.data : "", x->b.len);
	return 0;
}

int inv_text_next(struct inv_text *x, const char **line, size_t *len)
{
	for (;;) {
		int r = ia_lines_next(&x->c, line, len);
		const char *why;

		if (r == 0) {
			if (x->bad > INV_MAX_BAD_LINES)
				ia_problem_add(x->issues, "", x->path, 0, 0,
					       "%u more lines not examined: not text or too long",
					       x->bad - INV_MAX_BAD_LINES);
			return 0;
		}
		if (r > 0 && ia_is_text(*line, *len)) {
			x->indented = *len && (**line == ' ' || **line == '\t');
			ia_trim(line, len);
			return 1;
		}
		why = r < 0 ? "longer than the line limit" : "not text (control bytes)";
		if (++x->bad <= INV_MAX_BAD_LINES)
			ia_problem_add(x->issues, "", x->path, x->c.lineno, 0,
				       "line not examined: %s", why);
	}
}

void inv_text_close(struct inv_text *x)
{
	ia_buf_release(&x->b);
}

void inv_children(const struct tgt *t, const char *dir,
		  void (*fn)(const struct tgt *, const struct tgt_entry *, void *), void *arg)
{
	size_t b, e, dl = strlen(dir);

	if (tgt_subtree(t, dir, &b, &e) < 0)
		return;
	if (dl == 1) /* "/" */
		dl = 0;
	for (size_t i = b; i < e; i++) {
		const struct tgt_entry *ent = tgt_at(t, i);

		if (strlen(ent->path) <= dl + 1 || strchr(ent->path + dl + 1, '/'))
			continue;
		fn(t, ent, arg);
	}
}

/* ---- sysctl ---- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

struct sysctl_file {
	const char *name; /* basename */
	const char *path;
};

struct sysctl_files {
	struct sysctl_file *v;
	size_t n, cap;
};

/* A *.conf child of a sysctl directory, unless a file of the same name in an earlier directory
 * hides it. */
static void sysctl_list(const struct tgt *t, const struct tgt_entry *ent, void *arg)
{
	struct sysctl_files *fs = arg;
	const char *name = base_name(ent->path);
	size_t nl = strlen(name);

	if (nl < 6 || strcmp(name + nl - 5, ".conf") != 0)
		return;
	for (size_t k = 0; k < fs->n; k++)
		if (strcmp(fs->v[k].name, name) == 0)
			return;
	ia_grow(&fs->v, sizeof(*fs->v), fs->n + 1, &fs->cap);
	fs->v[fs->n].name = name;
	fs->v[fs->n].path = ent->path;
	fs->n++;
}

static int sysctl_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sysctl_file *)a)->name, ((const struct sysctl_file *)b)->name);
}

static void sysctl_add(struct inv_facts *f, const char *path, unsigned line, const char *key,
		       const char *v, size_t vn)
{
	struct inv_sysctl *s = &f->sysctl;

	if (s->n >= IA_MAX_CONFIG_SETTINGS) {
		if (!s->full)
			ia_problem_add(&s->issues, "", path, line, -IA_ETOOBIG,
				       "settings past IA_MAX_CONFIG_SETTINGS (%u) not examined",
				       IA_MAX_CONFIG_SETTINGS);
		s->full = true;
		return;
	}
	ia_grow(&s->v, sizeof(*s->v), s->n + 1, &s->cap);
	s->v[s->n].key = ia_pool_strdup(&f->pool, key);
	s->v[s->n].value = ia_pool_strndup(&f->pool, v, vn);
	s->v[s->n].path = ia_pool_strdup(&f->pool, path);
	s->v[s->n].line = line;
	s->n++;
}

static void sysctl_file(const struct tgt *t, struct inv_facts *f, const char *path)
{
	struct inv_text x;
	const char *l;
	size_t n;

	if (inv_text_open(&x, t, &f->sysctl.issues, path, IA_MAX_TEXT_FILE) < 0)
		return;
	while (inv_text_next(&x, &l, &n)) {
		const char *k, *v;
		size_t kn, vn;
		char key[256];

		if (n == 0 || l[0] == '#' || l[0] == ';')
			continue;
		if (!ia_split(l, n, '=', &k, &kn, &v, &vn)) {
			ia_problem_add(&f->sysctl.issues, "", path, x.c.lineno, 0,
				       "line ignored by sysctl: no '='");
			continue;
		}
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (kn && k[0] == '-') { /* "-key = v": errors ignored, still applied */
			k++;
			kn--;
		}
		if (kn == 0 || kn >= sizeof(key))
			continue;
		for (size_t i = 0; i < kn; i++)
			key[i] = k[i] == '/' ? '.' : k[i];
		key[kn] = '\0';
		sysctl_add(f, path, x.c.lineno, key, v, vn);
	}
	inv_text_close(&x);
}

int inv_collect_sysctl(const struct tgt *t, struct inv_facts *f)
{
	static const char *const dirs[] = {"/etc/sysctl.d", "/usr/local/lib/sysctl.d",
					   "/usr/lib/sysctl.d", "/lib/sysctl.d"};
	const struct tgt_entry *conf = NULL, *e;
	struct sysctl_files fs = {0};
	bool conf_done = false;

	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs); d++)
		inv_children(t, dirs[d], sysctl_list, &fs);
	if (fs.n)
		qsort(fs.v, fs.n, sizeof(*fs.v), sysctl_file_cmp);
	if (tgt_lookup(t, "/etc/sysctl.conf", 0, &e) == 0)
		conf = e;
	for (size_t i = 0; i < fs.n; i++) {
		const char *path = fs.v[i].path;

		if (tgt_lookup(t, path, TGT_NOFOLLOW, &e) == 0 && S_ISLNK(e->mode) && e->link &&
		    strcmp(e->link, "/dev/null") == 0)
			continue; /* masked */
		if (conf && tgt_lookup(t, path, 0, &e) == 0 && e == conf)
			conf_done = true;
		sysctl_file(t, f, path);
	}
	if (conf && !conf_done)
		sysctl_file(t, f, "/etc/sysctl.conf");
	free(fs.v);
	return 0;
}
