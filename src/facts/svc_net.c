/* svc_net.c — network daemons' configurations as facts: redis.conf (include), mosquitto.conf
 * (include_dir, listeners) and memcached.conf */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/* A reader of one service's files: the conf, the include stack, the current context. */
struct rd {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
	int ctx;
	const char *from; /* the including file and line */
	unsigned from_line;
	void (*line)(void *arg, const char *path, unsigned line, const char *l, size_t n,
		     size_t ind);
};

static void rd_include(const char *path, void *arg)
{
	struct rd *r = arg;

	if (!svc_push(r->c, &r->st, path, r->from, r->from_line))
		return;
	svc_lines(r->t, r->f, r->c, path, r->line, r);
	svc_pop(&r->st);
}

static void rd_main(struct rd *r, const char *path)
{
	const struct tgt_entry *e;

	if (tgt_lookup(r->t, path, 0, &e) < 0)
		return;
	r->c->found = true;
	r->c->main = path;
	svc_push(r->c, &r->st, path, "", 0);
	svc_lines(r->t, r->f, r->c, path, r->line, r);
	svc_pop(&r->st);
}

/* "key args" split as the daemon does; false (recorded) for an unterminated quote. */
static bool split_line(struct rd *r, const char *path, unsigned line, const char *l, size_t n,
		       char *out, size_t cap, size_t *kn)
{
	if (n >= cap) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: longer than %zu bytes", cap);
		return false;
	}
	if (svc_words(l, n, out, cap, kn, false) < 0) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: unterminated quote");
		return false;
	}
	return true;
}

/* ---- redis ---- */

static void redis_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		       size_t ind)
{
	struct rd *r = arg;
	char w[8192];
	size_t kn;
	const char *v;

	if (l[0] == '#' || !split_line(r, path, line, l, n, w, sizeof(w), &kn))
		return;
	v = w[kn] ? w + kn + 1 : w + kn;
	if (kn == 7 && strncasecmp(w, "include", 7) == 0) {
		char pat[IA_MAX_PATH];

		svc_join(pat, sizeof(pat), "/etc/redis", v);
		r->from = path;
		r->from_line = line;
		svc_glob(r->t, r->c, pat, path, line, rd_include, r);
		return;
	}
	svc_add(r->f, r->c, w, kn, v, strlen(v), path, line, -1);
}

/* ---- mosquitto ---- */

static void mosq_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		      size_t ind)
{
	struct rd *r = arg;
	char w[8192];
	size_t kn;
	const char *v;

	if (l[0] == '#' || !split_line(r, path, line, l, n, w, sizeof(w), &kn))
		return;
	v = w[kn] ? w + kn + 1 : w + kn;
	if (kn == 11 && memcmp(w, "include_dir", 11) == 0) {
		char pat[IA_MAX_PATH];

		/* mosquitto reads the *.conf files of the directory in name order */
		snprintf(pat, sizeof(pat), "%s/*.conf", v);
		r->from = path;
		r->from_line = line;
		if (v[0] == '/')
			svc_glob(r->t, r->c, pat, path, line, rd_include, r);
		return;
	}
	if (kn == 8 && memcmp(w, "listener", 8) == 0) {
		int x = svc_add_ctx(r->f, r->c, "listener", v, strlen(v), path, line);

		r->ctx = x < 0 ? r->ctx : x;
		return;
	}
	svc_add(r->f, r->c, w, kn, v, strlen(v), path, line, r->ctx);
}

/* ---- memcached ---- */

static void memc_line(void *arg, const char *path, unsigned line, const char *l, size_t n,
		      size_t ind)
{
	struct rd *r = arg;
	char w[8192];
	size_t kn;
	const char *v;
	char *eq;

	if (l[0] == '#' || !split_line(r, path, line, l, n, w, sizeof(w), &kn))
		return;
	/* "--listen=ADDR" as "--listen ADDR" */
	if (kn > 2 && w[0] == '-' && w[1] == '-' && (eq = memchr(w, '=', kn)) != NULL) {
		svc_add(r->f, r->c, w, (size_t)(eq - w), eq + 1, strlen(eq + 1), path, line, -1);
		return;
	}
	v = w[kn] ? w + kn + 1 : w + kn;
	svc_add(r->f, r->c, w, kn, v, strlen(v), path, line, -1);
}

void inv_svc_net(const struct tgt *t, struct inv_facts *f)
{
	struct rd redis = {.t = t, .f = f, .c = &f->svc.redis, .ctx = -1, .line = redis_line};
	struct rd mosq = {.t = t, .f = f, .c = &f->svc.mosquitto, .ctx = -1, .line = mosq_line};
	struct rd memc = {.t = t, .f = f, .c = &f->svc.memcached, .ctx = -1, .line = memc_line};

	rd_main(&redis, "/etc/redis/redis.conf");
	if (!redis.c->found)
		rd_main(&redis, "/etc/redis.conf"); /* RHEL, Alpine */
	rd_main(&mosq, "/etc/mosquitto/mosquitto.conf");
	rd_main(&memc, "/etc/memcached.conf");
}
