/* disk_walk.c — the tree walk the filesystem readers of disk images (ext2/3/4, XFS) share */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "target/disk.h"
#include "util/xalloc.h"
#include "util/banned.h"

int tgt_dirlist_add(struct tgt_dirlist *c, const char *name, size_t len, uint64_t ino)
{
	if (len > IA_MAX_NAME || memchr(name, '/', len) || memchr(name, '\0', len)) {
		c->bad_name = true;
		return 0;
	}
	if (c->n >= c->max) {
		c->over = true;
		return 1;
	}
	ia_grow(&c->v, sizeof(*c->v), c->n + 1, &c->cap);
	c->v[c->n].ino = ino;
	memcpy(c->v[c->n].name, name, len);
	c->v[c->n].name[len] = '\0';
	c->n++;
	return 0;
}

/* A set of inode numbers (the directories walked), open addressing. */
struct iset {
	uint64_t *v; /* 0: free (inode 0 is never a directory) */
	size_t cap, n;
};

static bool iset_add(struct iset *s, uint64_t ino)
{
	if (2 * (s->n + 1) > s->cap) {
		struct iset g = {ia_xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(uint64_t)),
				 s->cap ? s->cap * 2 : 1024, 0};

		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				iset_add(&g, s->v[i]);
		free(s->v);
		*s = g;
	}
	size_t i = (size_t)((ino * 0x9e3779b97f4a7c15ull) >> 20) & (s->cap - 1);

	while (s->v[i]) {
		if (s->v[i] == ino)
			return false;
		i = (i + 1) & (s->cap - 1);
	}
	s->v[i] = ino;
	s->n++;
	return true;
}

struct frame {
	uint64_t ino;
	size_t ei; /* its entry in t->v */
	unsigned depth;
};

struct walk {
	const struct tgt_fswalk_ops *ops;
	void *st;
	struct tgt *t;
	const char *const *skip;
	size_t n_skip;
	struct iset seen;
	struct frame *stack;
	size_t sp, scap;
	char path[IA_MAX_PATH + 1];
	char link[IA_MAX_PATH + 1];
};

static bool skipped(const struct walk *w, const char *path)
{
	for (size_t i = 0; i < w->n_skip; i++)
		if (strcmp(w->skip[i], path) == 0)
			return true;
	return false;
}

/* Adds child c of directory frame fr; pushes it when it is a directory to walk. */
static void add_child(struct walk *w, const struct frame *fr, const struct tgt_dirent *c)
{
	struct tgt *t = w->t;
	const char *dir = t->v[fr->ei].path;
	size_t dl = strcmp(dir, "/") == 0 ? 0 : strlen(dir), nl = strlen(c->name), ei;
	uint32_t mode;

	if (dl + 1 + nl > IA_MAX_PATH) {
		ia_problem_add(&t->problems, "index", dir, 0, -ENAMETOOLONG,
			       "entry name too long for %d bytes, not indexed", IA_MAX_PATH);
		return;
	}
	memcpy(w->path, dir, dl);
	w->path[dl] = '/';
	memcpy(w->path + dl + 1, c->name, nl + 1);
	if (skipped(w, w->path) || tgt_excluded(t, w->path, false))
		return;
	w->link[0] = '\0';
	if (w->ops->load(w->st, t, c->ino, w->path, w->link, &mode) < 0)
		return;
	ei = tgt_push(t, w->path, dl + 1 + nl, S_ISLNK(mode) ? w->link : NULL);
	w->ops->fill(w->st, t, ei, c->ino);
	if (!S_ISDIR(mode))
		return;
	if (!iset_add(&w->seen, c->ino)) {
		ia_problem_add(&t->problems, "index", w->path, 0, -IA_ECORRUPT,
			       "directory inode %llu is reached again (a directory cycle or a "
			       "hard-linked directory): its contents are indexed once",
			       (unsigned long long)c->ino);
		return;
	}
	if (fr->depth + 1 >= IA_MAX_DEPTH) {
		ia_problem_add(&t->problems, "index", w->path, 0, -IA_ETOOBIG,
			       "directory deeper than IA_MAX_DEPTH (%d): its contents are not "
			       "indexed",
			       IA_MAX_DEPTH);
		return;
	}
	ia_grow(&w->stack, sizeof(*w->stack), w->sp + 1, &w->scap);
	w->stack[w->sp++] = (struct frame){c->ino, ei, fr->depth + 1};
}

static int walk_dir(struct walk *w, const struct frame *fr)
{
	struct tgt *t = w->t;
	struct tgt_dirlist c = {.max = t->lim.max_entries - t->len};
	int r = 0;

	w->ops->list(w->st, t, fr->ino, t->v[fr->ei].path, &c);
	if (c.bad_name)
		ia_problem_add(&t->problems, "index", t->v[fr->ei].path, 0, -IA_ECORRUPT, "%s",
			       w->ops->bad_name);
	for (size_t i = 0; i < c.n; i++) {
		if (t->len >= t->lim.max_entries) {
			c.over = true;
			break;
		}
		add_child(w, fr, &c.v[i]);
	}
	if (c.over) {
		ia_problem_add(&t->problems, "index", "/", 0, -IA_ETOOBIG,
			       "more than IA_MAX_ENTRIES (%u) entries: indexed up to %s, the rest "
			       "of the image is not",
			       t->lim.max_entries, t->v[fr->ei].path);
		r = -IA_ETOOBIG;
	}
	free(c.v);
	return r;
}

int tgt_fswalk(const struct tgt_fswalk_ops *ops, void *st, struct tgt *t, uint64_t root,
	       const char *prefix, const char *const *skip, size_t n_skip)
{
	struct walk *w;
	uint32_t mode;
	char link[IA_MAX_PATH + 1];
	size_t ei;

	if (ops->load(st, t, root, NULL, link, &mode) < 0 || !S_ISDIR(mode))
		return -IA_ECORRUPT;
	if (t->len >= t->lim.max_entries)
		return 0;
	w = ia_xcalloc(1, sizeof(*w));
	w->ops = ops;
	w->st = st;
	w->t = t;
	w->skip = skip;
	w->n_skip = n_skip;
	ei = tgt_push(t, prefix, strlen(prefix), NULL);
	ops->fill(st, t, ei, root);
	iset_add(&w->seen, root);
	ia_grow(&w->stack, sizeof(*w->stack), 1, &w->scap);
	w->stack[w->sp++] = (struct frame){root, ei, 0};
	while (w->sp > 0) {
		struct frame fr = w->stack[--w->sp];

		if (walk_dir(w, &fr) < 0)
			break;
	}
	free(w->seen.v);
	free(w->stack);
	free(w);
	return 0;
}
