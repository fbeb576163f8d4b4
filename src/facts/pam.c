/* pam.c — the password policy as a fact: the password stack of the PAM service passwd(1) uses
 * (includes followed inside the image, bounded), pam_unix, pam_pwquality and pam_cracklib with
 * pwquality.conf(.d), and login.defs PASS_MIN_LEN */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <limits.h>
#include <strings.h>
#include <sys/stat.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "target/target.h"
#include "util/lines.h"
#include "util/str.h"

#include "util/banned.h"

/* ---- one module's settings ---- */

void inv_pwpolicy_defaults(struct inv_pwpolicy *p, const char *module)
{
	memset(p, 0, sizeof(*p));
	p->enforcing = 1;
	if (strcmp(module, "pwquality") == 0) {
		p->minlen = 8; /* libpwquality's default; credits 0 */
		p->quality_module = true;
	} else if (strcmp(module, "cracklib") == 0) {
		p->minlen = 9; /* pam_cracklib's defaults: minlen 9, one credit per class */
		p->dcredit = p->ucredit = p->lcredit = p->ocredit = 1;
		p->quality_module = true;
	} else if (strcmp(module, "unix") == 0) {
		p->minlen = 6; /* pam_unix minlen default */
	} else {
		p->minlen = 5; /* shadow's PASS_MIN_LEN default */
	}
}

static void set_key(struct inv_pwpolicy *p, const char *k, size_t kn, const char *v, size_t vn)
{
	int64_t x;
	int *dst = NULL;

	if (ia_eq(k, kn, "minlen"))
		dst = &p->minlen;
	else if (ia_eq(k, kn, "dcredit"))
		dst = &p->dcredit;
	else if (ia_eq(k, kn, "ucredit"))
		dst = &p->ucredit;
	else if (ia_eq(k, kn, "lcredit"))
		dst = &p->lcredit;
	else if (ia_eq(k, kn, "ocredit"))
		dst = &p->ocredit;
	else if (ia_eq(k, kn, "minclass"))
		dst = &p->minclass;
	else if (ia_eq(k, kn, "enforcing"))
		dst = &p->enforcing;
	else if (ia_eq(k, kn, "PASS_MIN_LEN"))
		dst = &p->minlen;
	if (dst && ia_parse_i64(v, vn, -1000, 1000, &x) == 0)
		*dst = (int)x;
}

void inv_pwpolicy_conf(struct inv_pwpolicy *p, const char *data, size_t len)
{
	struct ia_lines c;
	const char *l, *k, *v;
	size_t n, kn, vn;
	int r;

	ia_lines_init(&c, data, len);
	while ((r = ia_lines_next(&c, &l, &n)) != 0) {
		if (r < 0)
			continue;
		ia_trim(&l, &n);
		if (!n || l[0] == '#')
			continue;
		if (!ia_split(l, n, '=', &k, &kn, &v, &vn)) {
			/* login.defs: "KEY value" */
			size_t i = 0;

			while (i < n && l[i] != ' ' && l[i] != '\t')
				i++;
			k = l;
			kn = i;
			v = l + i;
			vn = n - i;
		}
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		set_key(p, k, kn, v, vn);
	}
}

void inv_pwpolicy_args(struct inv_pwpolicy *p, const char *args, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t s, e;
		const char *k, *v;
		size_t kn, vn;

		while (i < len && (args[i] == ' ' || args[i] == '\t'))
			i++;
		s = i;
		while (i < len && args[i] != ' ' && args[i] != '\t')
			i++;
		e = i;
		if (e > s && ia_split(args + s, e - s, '=', &k, &kn, &v, &vn))
			set_key(p, k, kn, v, vn);
	}
}

int inv_pwpolicy_min_length(const struct inv_pwpolicy *p)
{
	int m = p->minlen;

	if (p->quality_module) {
		const int credits[4] = {p->dcredit, p->ucredit, p->lcredit, p->ocredit};

		for (int i = 0; i < 4; i++)
			if (credits[i] > 0)
				m -= credits[i];
		if (m < 6)
			m = 6; /* both modules refuse anything shorter than 6 */
	}
	return m;
}

int inv_pwpolicy_classes(const struct inv_pwpolicy *p)
{
	int neg = 0, c;

	if (!p->quality_module)
		return 0;
	neg = (p->dcredit < 0) + (p->ucredit < 0) + (p->lcredit < 0) + (p->ocredit < 0);
	c = p->minclass > neg ? p->minclass : neg;
	return c > 4 ? 4 : c;
}

/* ---- the stack ----
 *
 * The password stack of the PAM service passwd(1) uses (/etc/pam.d/passwd, or /etc/pam.d/other
 * as Linux-PAM falls back to; without either, the first of common-password, system-auth,
 * password-auth, base-password), with every @include, "password include" and "password
 * substack" followed inside the image, depth-bounded and cycle-safe. Each setting keeps the
 * file and line that set it, so a finding names the rule that decides. Precedence as the
 * modules apply it: pam_pwquality reads the *.conf files of pwquality.conf.d in name order, then
 * pwquality.conf, then its own arguments; pam_cracklib only its arguments; pam_unix its minlen=
 * (default 6). login.defs PASS_MIN_LEN is used by shadow's passwd only when it is built without
 * PAM: with a PAM stack it is ignored; without /etc/pam.d it is the policy.
 */

/* The walk: the fact, the pool that owns its strings, and the rules examined so far. */
struct pam_walk {
	const struct tgt *t;
	struct inv_facts *f;
	struct inv_pam *P;
	unsigned rules;
	bool rules_full;
};

static void src_set(struct inv_pw_src *s, const char *path, unsigned line)
{
	s->path = path; /* a string of the facts' pool, or a literal */
	s->line = line;
}

static int *pw_key(struct inv_pwpolicy *p, int k)
{
	int *const keys[INV_PW_N] = {&p->minlen,  &p->dcredit,  &p->ucredit,  &p->lcredit,
				     &p->ocredit, &p->minclass, &p->enforcing};

	return keys[k];
}

int inv_pwpolicy_value(const struct inv_pwpolicy *p, int k)
{
	return *pw_key((struct inv_pwpolicy *)p, k);
}

/* Applies what one line (conf) or one argument (!conf) sets to m, recording its source. */
static void pw_apply(struct inv_pw_mod *m, const char *s, size_t n, bool conf, const char *path,
		     unsigned line)
{
	struct inv_pwpolicy t;

	for (int k = 0; k < INV_PW_N; k++)
		*pw_key(&t, k) = INT_MIN;
	if (conf)
		inv_pwpolicy_conf(&t, s, n);
	else
		inv_pwpolicy_args(&t, s, n);
	for (int k = 0; k < INV_PW_N; k++)
		if (*pw_key(&t, k) != INT_MIN) {
			*pw_key(&m->p, k) = *pw_key(&t, k);
			src_set(&m->at[k], path, line);
		}
}

/* Applies a pwquality.conf-style file: "key = value", '#' starts a comment anywhere. */
static void pw_apply_file(struct pam_walk *w, struct inv_pw_mod *m, const char *path)
{
	struct inv_text x;
	const char *l;
	size_t n;

	if (inv_text_open(&x, w->t, &w->P->issues, path, IA_MAX_PAM_FILE) < 0)
		return;
	path = ia_pool_strdup(&w->f->pool, path);
	while (inv_text_next(&x, &l, &n) > 0) {
		const char *hash = memchr(l, '#', n);

		if (hash)
			n = (size_t)(hash - l);
		if (n && memchr(l, '=', n))
			pw_apply(m, l, n, true, path, x.c.lineno);
	}
	inv_text_close(&x);
}

struct conf_d {
	struct pam_walk *w;
	struct inv_pw_mod *m;
};

static void pwquality_conf_d(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	struct conf_d *cd = arg;
	const struct tgt_entry *r;
	size_t pl = strlen(e->path);

	if (pl > 5 && strcmp(e->path + pl - 5, ".conf") == 0 &&
	    tgt_lookup(t, e->path, 0, &r) == 0 && S_ISREG(r->mode))
		pw_apply_file(cd->w, cd->m, e->path);
}

/* Applies module arguments one by one (so each keeps its own source). */
static void pw_apply_args(struct inv_pw_mod *m, const char *a, size_t n, const char *path,
			  unsigned line)
{
	size_t i = 0;

	while (i < n) {
		size_t s;

		while (i < n && (a[i] == ' ' || a[i] == '\t'))
			i++;
		s = i;
		while (i < n && a[i] != ' ' && a[i] != '\t')
			i++;
		if (i > s)
			pw_apply(m, a + s, i - s, false, path, line);
	}
}

/* Whether a PAM control lets this module's rejection stop the password change. */
static bool control_enforces(const char *c, size_t n)
{
	const char *v;

	if (ia_eq(c, n, "optional") || ia_eq(c, n, "sufficient"))
		return false;
	if (!n || c[0] != '[')
		return true; /* required, requisite */
	/* [value=action ...]: what a rejection (authtok_err, else default) does */
	for (const char *key = "authtok_err="; key;
	     key = strcmp(key, "default=") ? "default=" : NULL) {
		v = memmem(c, n, key, strlen(key));
		if (v) {
			size_t rest = n - (size_t)(v - c) - strlen(key);

			v += strlen(key);
			return (rest >= 3 && memcmp(v, "bad", 3) == 0) ||
			       (rest >= 3 && memcmp(v, "die", 3) == 0);
		}
	}
	return true; /* no action given: "bad" */
}

/* The next whitespace-separated token of (l, n) from *i; a '[' token runs to its ']'. */
static bool pam_token(const char *l, size_t n, size_t *i, const char **tok, size_t *tn)
{
	size_t s;

	while (*i < n && (l[*i] == ' ' || l[*i] == '\t'))
		(*i)++;
	if (*i >= n)
		return false;
	s = *i;
	if (l[s] == '[') {
		const char *close = memchr(l + s, ']', n - s);

		if (!close)
			return false;
		*i = (size_t)(close - l) + 1;
	} else {
		while (*i < n && l[*i] != ' ' && l[*i] != '\t')
			(*i)++;
	}
	*tok = l + s;
	*tn = *i - s;
	return true;
}

/* true when the module token (a name or a path) names module, with or without ".so". */
static bool module_is(const char *m, size_t mn, const char *module)
{
	const char *slash = memrchr(m, '/', mn);
	size_t l = strlen(module);

	if (slash) {
		mn -= (size_t)(slash + 1 - m);
		m = slash + 1;
	}
	if (mn == l + 3 && memcmp(m + l, ".so", 3) == 0)
		mn = l;
	return mn == l && memcmp(m, module, l) == 0;
}

/* One open file of the include walk. */
struct pam_frame {
	struct inv_text x;
	const struct tgt_entry *ent; /* resolved file: a cycle through symlinks is still seen */
	const char *path;            /* in the facts' pool */
};

/* A quality module that is not evaluated (pam_passwdqc, pam_passwdcheck): the first is kept. */
static void pam_other(struct pam_walk *w, const char *path, unsigned line, const char *mod,
		      size_t mn)
{
	const char *slash;

	if (w->P->other[0] ||
	    !(module_is(mod, mn, "pam_passwdqc") || module_is(mod, mn, "pam_passwdcheck")))
		return;
	if (mn > IA_MAX_EVIDENCE)
		mn = IA_MAX_EVIDENCE;
	slash = memrchr(mod, '/', mn);
	if (slash && (size_t)(slash + 1 - mod) < mn) {
		mn -= (size_t)(slash + 1 - mod);
		mod = slash + 1;
	}
	w->P->other = ia_pool_strndup(&w->f->pool, mod, mn);
	src_set(&w->P->other_at, path, line);
}

/* A password rule of the stack: the fact keeps the first of each kind. */
static void pam_rule(struct pam_walk *w, const char *path, unsigned line, const char *ctl,
		     size_t cn, const char *mod, size_t mn, const char *args, size_t an)
{
	struct inv_pam *P = w->P;
	struct inv_pw_mod m = {0};
	bool pwq = module_is(mod, mn, "pam_pwquality"), crack = module_is(mod, mn, "pam_cracklib");

	if (module_is(mod, mn, "pam_unix")) {
		if (P->unix_.found)
			return;
		m.module = "pam_unix";
		inv_pwpolicy_defaults(&m.p, "unix");
	} else if (pwq || crack) {
		if (P->quality.found)
			return;
		m.module = pwq ? "pam_pwquality" : "pam_cracklib";
		inv_pwpolicy_defaults(&m.p, pwq ? "pwquality" : "cracklib");
	} else {
		pam_other(w, path, line, mod, mn);
		return;
	}
	if (w->rules >= IA_MAX_PAM_RULES) {
		if (!w->rules_full)
			ia_problem_add(&P->issues, "", path, line, 0,
				       "PAM rule not examined: more than %u password rules "
				       "(IA_MAX_PAM_RULES)",
				       IA_MAX_PAM_RULES);
		w->rules_full = true;
		return;
	}
	w->rules++;
	m.found = true;
	src_set(&m.rule, path, line);
	for (int k = 0; k < INV_PW_N; k++)
		src_set(&m.at[k], path, 0);
	if (pwq) {
		/* pwquality.conf.d in name order (the index is sorted), then pwquality.conf */
		struct conf_d cd = {w, &m};

		inv_children(w->t, "/etc/security/pwquality.conf.d", pwquality_conf_d, &cd);
		pw_apply_file(w, &m, "/etc/security/pwquality.conf");
	}
	pw_apply_args(&m, args, an, path, line);
	m.enforcing = control_enforces(ctl, cn) && m.p.enforcing != 0;
	if (!pwq && !crack)
		P->unix_ = m;
	else if (m.enforcing)
		P->quality = m;
	else if (!P->lax.found)
		P->lax = m;
}

/* Reads path into frame fr; the error (absent included) is returned, nothing recorded. */
static int frame_read(struct pam_walk *w, struct pam_frame *fr, const char *path,
		      struct ia_err *err)
{
	int r;

	memset(fr, 0, sizeof(*fr));
	ia_buf_init(&fr->x.b, IA_MAX_PAM_FILE);
	r = tgt_read(w->t, path, IA_MAX_PAM_FILE, &fr->x.b, &fr->ent, err);
	if (r < 0) {
		ia_buf_release(&fr->x.b);
		return r;
	}
	fr->path = ia_pool_strdup(&w->f->pool, path);
	fr->x.path = fr->path;
	fr->x.issues = &w->P->issues;
	ia_lines_init(&fr->x.c, fr->x.b.data ? fr->x.b.data : "", fr->x.b.len);
	return 0;
}

/*
 * Opens the PAM file inc that the frame st[depth - 1] includes as frame st[depth]; false (an
 * issue recorded) when it is absent, unreadable, or already open further up (a cycle).
 */
static bool pam_open_include(struct pam_walk *w, struct pam_frame *st, size_t depth,
			     const char *inc)
{
	struct pam_frame *nf = &st[depth], *fr = &st[depth - 1];
	struct ia_problems *is = &w->P->issues;
	struct ia_err err = {0};
	bool cycle = false;
	int r = frame_read(w, nf, inc, &err);

	if (r == -ENOENT || r == -ENOTDIR) {
		ia_problem_add(is, "", fr->path, fr->x.c.lineno, 0,
			       "PAM includes %s, which is not in the image: PAM cannot load this "
			       "stack as written; the policy was judged from the rest",
			       inc);
		return false;
	}
	if (r < 0) {
		if (!err.path[0])
			ia_err_set(&err, r, inc, 0, "%s", ia_strerror(r));
		ia_err_prefix(&err, "PAM file not examined (included from %s:%u)", fr->path,
			      fr->x.c.lineno);
		ia_problem_add_err(is, "", &err);
		return false;
	}
	for (size_t d = 0; d < depth; d++)
		cycle |= st[d].ent == nf->ent;
	if (cycle) {
		ia_problem_add(is, "", fr->path, fr->x.c.lineno, 0,
			       "PAM include of %s not followed: it includes itself (a cycle)", inc);
		inv_text_close(&nf->x);
		return false;
	}
	return true;
}

/* What one line of a PAM file asks: nothing, a password rule (done here) or an include of
 * inc. */
static bool pam_line(struct pam_walk *w, struct pam_frame *fr, const char *l, size_t n,
		     char inc[IA_MAX_PATH])
{
	const char *type, *ctl, *mod, *hash;
	size_t i = 0, tn, cn, mn;

	if ((hash = memchr(l, '#', n)))
		n = (size_t)(hash - l);
	if (!pam_token(l, n, &i, &type, &tn))
		return false;
	if (ia_eq(type, tn, "@include")) {
		if (!pam_token(l, n, &i, &mod, &mn))
			return false;
	} else {
		if (tn && type[0] == '-') {
			type++;
			tn--;
		}
		if (tn != 8 || strncasecmp(type, "password", 8) != 0)
			return false;
		if (!pam_token(l, n, &i, &ctl, &cn) || !pam_token(l, n, &i, &mod, &mn)) {
			ia_problem_add(&w->P->issues, "", fr->path, fr->x.c.lineno, 0,
				       "PAM line not examined: no control or module");
			return false;
		}
		if (!ia_eq(ctl, cn, "include") && !ia_eq(ctl, cn, "substack")) {
			pam_rule(w, fr->path, fr->x.c.lineno, ctl, cn, mod, mn, l + i, n - i);
			return false;
		}
	}
	/* an include: a name in /etc/pam.d or an absolute path, resolved in the image */
	if (mn >= IA_MAX_PATH - sizeof("/etc/pam.d/")) {
		ia_problem_add(&w->P->issues, "", fr->path, fr->x.c.lineno, 0,
			       "PAM include not followed: name too long");
		return false;
	}
	snprintf(inc, IA_MAX_PATH, "%s%.*s", mod[0] == '/' ? "" : "/etc/pam.d/", (int)mn, mod);
	return true;
}

/* Walks the password stack from entry with an explicit stack of open files. */
static void pam_walk(struct pam_walk *w, const char *entry)
{
	struct pam_frame *st = ia_xcalloc(IA_MAX_PAM_DEPTH + 1, sizeof(*st));
	size_t depth = 0, opened = 0;
	bool capped = false;
	struct ia_err err = {0};

	/* the entry was found by the caller; read it as frame 0 */
	if (frame_read(w, &st[0], entry, &err) < 0) {
		if (!err.path[0])
			ia_err_set(&err, -EIO, entry, 0, "unreadable");
		ia_err_prefix(&err, "PAM file not examined");
		ia_problem_add_err(&w->P->issues, "", &err);
		free(st);
		return;
	}
	depth = opened = 1;
	while (depth) {
		struct pam_frame *fr = &st[depth - 1];
		char inc[IA_MAX_PATH];
		const char *l;
		size_t n;

		if (inv_text_next(&fr->x, &l, &n) == 0) {
			inv_text_close(&fr->x);
			depth--;
			continue;
		}
		if (!pam_line(w, fr, l, n, inc))
			continue;
		if (depth > IA_MAX_PAM_DEPTH - 1 || opened >= IA_MAX_PAM_FILES) {
			if (!capped)
				ia_problem_add(
					&w->P->issues, "", fr->path, fr->x.c.lineno, 0,
					"PAM include of %s not followed: more than %u nested "
					"includes or %u files (IA_MAX_PAM_DEPTH, "
					"IA_MAX_PAM_FILES)",
					inc, IA_MAX_PAM_DEPTH, IA_MAX_PAM_FILES);
			capped = true;
			continue;
		}
		if (pam_open_include(w, st, depth, inc)) {
			depth++;
			opened++;
		}
	}
	free(st);
}

/* login.defs: the policy without PAM; with PAM its lines decide nothing, so bad ones are not
 * reported then. */
static void login_defs(struct pam_walk *w)
{
	static const char path[] = "/etc/login.defs";
	struct inv_pam *P = w->P;
	struct ia_problems quiet = {0};
	struct inv_text x;
	const char *l;
	size_t n;

	if (inv_text_open(&x, w->t, &P->issues, path, IA_MAX_PAM_FILE) < 0)
		return;
	if (P->have_pam)
		x.issues = &quiet;
	inv_pwpolicy_defaults(&P->defs.p, "login.defs");
	while (inv_text_next(&x, &l, &n) > 0) {
		int before = P->defs.p.minlen;

		if (!n || l[0] == '#' || !ia_starts_with(l, n, "PASS_MIN_LEN"))
			continue;
		P->defs.p.minlen = INT_MIN;
		inv_pwpolicy_conf(&P->defs.p, l, n);
		if (P->defs.p.minlen == INT_MIN) {
			P->defs.p.minlen = before;
			continue;
		}
		P->defs_minlen = P->defs.p.minlen;
		P->defs_line = x.c.lineno;
	}
	inv_text_close(&x);
	ia_problems_release(&quiet);
	P->defs.found = true;
	P->defs.module = "login.defs";
	src_set(&P->defs.rule, path, P->defs_line);
	for (int k = 0; k < INV_PW_N; k++)
		src_set(&P->defs.at[k], path, 0);
	src_set(&P->defs.at[INV_PW_MINLEN], path, P->defs_line);
}

int inv_collect_pam(const struct tgt *t, struct inv_facts *f)
{
	static const char *const entries[] = {
		"/etc/pam.d/passwd", /* the service passwd(1) opens */
		"/etc/pam.d/other",  /* Linux-PAM's fallback for a service without a file */
		"/etc/pam.d/common-password",                             /* Debian, Ubuntu, SUSE */
		"/etc/pam.d/system-auth",                                 /* RHEL, Fedora */
		"/etc/pam.d/password-auth",   "/etc/pam.d/base-password", /* Alpine linux-pam */
	};
	struct pam_walk w = {t, f, &f->pam, 0, false};
	const struct tgt_entry *e;

	f->pam.have_pam = tgt_lookup(t, "/etc/pam.d", 0, &e) == 0 && S_ISDIR(e->mode);
	for (size_t i = 0; i < IA_ARRAY_SIZE(entries) && !f->pam.entry[0]; i++)
		if (tgt_lookup(t, entries[i], 0, &e) == 0 && S_ISREG(e->mode)) {
			f->pam.entry = entries[i];
			f->pam.have_pam = true;
		}
	if (f->pam.entry[0])
		pam_walk(&w, f->pam.entry);
	login_defs(&w);
	return 0;
}
