/* svc_sshd.c — sshd's configuration as facts: sshd_config with Include and Match as sshd reads
 * them, and the auth stack of /etc/pam.d/sshd */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>

#include "facts/svc_internal.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

#define SSHD_DIR "/etc/ssh"
#define SSHD_CONFIG "/etc/ssh/sshd_config"

struct sshd_read {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
	int ctx;          /* the Match block the lines are in, -1 none */
	const char *from; /* the file and line of the Include being expanded */
	unsigned from_line;
};

static void sshd_file(struct sshd_read *r, const char *path);

static void sshd_include_one(const char *path, void *arg)
{
	struct sshd_read *r = arg;
	int saved = r->ctx;

	/* sshd reads an included file in the Match state of the Include line, and returns to
	 * that state after it: a Match inside the file ends with the file */
	if (!svc_push(r->c, &r->st, path, r->from, r->from_line))
		return;
	sshd_file(r, path);
	svc_pop(&r->st);
	r->ctx = saved;
}

/* "Keyword args", "Keyword=args" or "Keyword = args": the keyword's length and where the
 * arguments start. */
static size_t sshd_keyword(const char *l, size_t n, size_t *args)
{
	size_t k = 0, i;

	while (k < n && l[k] != ' ' && l[k] != '\t' && l[k] != '=')
		k++;
	i = k;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i < n && l[i] == '=')
		i++;
	*args = i;
	return k;
}

static void sshd_line(struct sshd_read *r, const char *path, unsigned line, const char *l, size_t n)
{
	char words[8192];
	size_t args, kn, first;
	int nw;

	if (n == 0 || l[0] == '#')
		return;
	kn = sshd_keyword(l, n, &args);
	if (n - args >= sizeof(words)) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: arguments longer than %zu bytes", sizeof(words));
		return;
	}
	nw = svc_words(l + args, n - args, words, sizeof(words), &first, true);
	if (nw < 0) {
		ia_problem_add(&r->c->issues, "", path, line, 0,
			       "line not examined: unterminated quote (sshd refuses to start)");
		return;
	}
	if (kn == 5 && strncasecmp(l, "Match", 5) == 0) {
		r->ctx = svc_add_ctx(r->f, r->c, "Match", words, strlen(words), path, line);
		if (r->ctx < 0)
			r->ctx = -1;
		return;
	}
	if (kn == 7 && strncasecmp(l, "Include", 7) == 0) {
		const char *p = words, *end = words + strlen(words), *w;
		size_t wn;

		/* each argument is a glob, relative names under /etc/ssh */
		while (ia_next_word(&p, end, &w, &wn)) {
			char pat[IA_MAX_PATH], name[IA_MAX_PATH];

			snprintf(name, sizeof(name), "%.*s", (int)wn, w);
			svc_join(pat, sizeof(pat), SSHD_DIR, name);
			r->from = path;
			r->from_line = line;
			svc_glob(r->t, r->c, pat, path, line, sshd_include_one, r);
		}
		return;
	}
	svc_add(r->f, r->c, l, kn, words, strlen(words), path, line, r->ctx);
}

static void sshd_file(struct sshd_read *r, const char *path)
{
	struct inv_text x;
	const char *l;
	size_t n;
	char *p = ia_pool_strdup(&r->f->pool, path); /* lines keep it after x is closed */

	if (inv_text_open(&x, r->t, &r->c->issues, p, IA_MAX_SVC_FILE) < 0)
		return;
	while (inv_text_next(&x, &l, &n))
		sshd_line(r, p, x.c.lineno, l, n);
	inv_text_close(&x);
}

/* ---- /etc/pam.d/sshd: the auth stack ---- */

struct pam_read {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_conf *c;
	struct svc_stack st;
};

static void pam_file(struct pam_read *r, const char *path, const char *only, size_t only_n);

static void pam_include(struct pam_read *r, const char *from, unsigned line, const char *name,
			size_t nn, const char *only, size_t only_n)
{
	char path[IA_MAX_PATH];

	if (nn == 0 || nn >= IA_MAX_NAME || memchr(name, '/', nn)) {
		if (nn && name[0] == '/')
			snprintf(path, sizeof(path), "%.*s", (int)nn, name);
		else
			return;
	} else {
		snprintf(path, sizeof(path), "/etc/pam.d/%.*s", (int)nn, name);
	}
	if (!svc_push(r->c, &r->st, path, from, line))
		return;
	pam_file(r, path, only, only_n);
	svc_pop(&r->st);
}

static void pam_line(struct pam_read *r, const char *path, unsigned line, const char *l, size_t n,
		     const char *only, size_t only_n)
{
	const char *p = l, *end = l + n, *type, *ctl, *rest;
	size_t tn, cn;

	if (!ia_next_word(&p, end, &type, &tn))
		return;
	if (tn == 8 && memcmp(type, "@include", 8) == 0) {
		const char *name;
		size_t nn;

		if (ia_next_word(&p, end, &name, &nn))
			pam_include(r, path, line, name, nn, only, only_n);
		return;
	}
	if (tn && type[0] == '-') {
		type++;
		tn--;
	}
	if (only && !(tn == only_n && memcmp(type, only, tn) == 0))
		return;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	ctl = p;
	if (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		if (!close) {
			ia_problem_add(&r->c->issues, "", path, line, 0,
				       "line not examined: unterminated '[' in the control field");
			return;
		}
		p = close + 1;
		cn = (size_t)(p - ctl);
	} else if (!ia_next_word(&p, end, &ctl, &cn)) {
		return;
	}
	if ((cn == 7 && memcmp(ctl, "include", 7) == 0) ||
	    (cn == 8 && memcmp(ctl, "substack", 8) == 0)) {
		const char *name;
		size_t nn;

		if (ia_next_word(&p, end, &name, &nn))
			pam_include(r, path, line, name, nn, type, tn);
		return;
	}
	rest = ctl;
	svc_add(r->f, r->c, type, tn, rest, (size_t)(end - rest), path, line, -1);
}

static void pam_file(struct pam_read *r, const char *path, const char *only, size_t only_n)
{
	struct inv_text x;
	const char *l;
	size_t n;
	char *p = ia_pool_strdup(&r->f->pool, path);
	char type[32];

	/* only points into the including file's bytes, which stay read while this one is */
	if (only && only_n < sizeof(type)) {
		memcpy(type, only, only_n);
		type[only_n] = '\0';
		only = type;
	}
	if (inv_text_open(&x, r->t, &r->c->issues, p, IA_MAX_PAM_FILE) < 0)
		return;
	while (inv_text_next(&x, &l, &n))
		if (n && l[0] != '#')
			pam_line(r, p, x.c.lineno, l, n, only, only_n);
	inv_text_close(&x);
}

void inv_svc_sshd(const struct tgt *t, struct inv_facts *f)
{
	struct sshd_read r = {.t = t, .f = f, .c = &f->svc.sshd, .ctx = -1};
	struct pam_read pr = {.t = t, .f = f, .c = &f->svc.sshd_pam};
	const struct tgt_entry *e;

	if (tgt_lookup(t, SSHD_CONFIG, 0, &e) == 0) {
		r.c->found = true;
		r.c->main = SSHD_CONFIG;
		svc_push(r.c, &r.st, SSHD_CONFIG, "", 0);
		sshd_file(&r, SSHD_CONFIG);
	}
	if (tgt_lookup(t, "/etc/pam.d/sshd", 0, &e) == 0) {
		pr.c->found = true;
		pr.c->main = "/etc/pam.d/sshd";
		svc_push(pr.c, &pr.st, "/etc/pam.d/sshd", "", 0);
		pam_file(&pr, "/etc/pam.d/sshd", NULL, 0);
	}
}
