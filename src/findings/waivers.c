/* waivers.c — the waiver file (a bounded subset of YAML) and waivers applied to findings */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "findings/waivers.h"

#include <fnmatch.h>
#include <strings.h>

#include "util/limits.h"
#include "util/xalloc.h"

#include "util/banned.h"

/*
 * Our own parser rather than libyaml: the format is one list of flat mappings of scalars, and
 * a parser of exactly that is short and bounded by construction (no anchors, aliases, tags,
 * flow collections or multi-document streams to defuse). Anything outside the subset is an
 * error naming the line, never a guess.
 */

static const char *const keys[] = {"check", "fingerprint", "path", "reason", "owner", "expires"};
enum { K_CHECK, K_FINGERPRINT, K_PATH, K_REASON, K_OWNER, K_EXPIRES, K_N };

struct wp {
	const char *name;
	struct ia_err *err;
	unsigned line;
	char *val[K_N]; /* the entry being read */
	unsigned start; /* its first line */
	int key_indent; /* column of its keys */
};

static int fail(struct wp *p, const char *msg, const char *detail)
{
	ia_err_set(p->err, -EINVAL, p->name, p->line, "%s%s%s", msg, detail ? ": " : "",
		   detail ? detail : "");
	return -EINVAL;
}

/* "YYYY-MM-DD", a real date (leap years counted) */
static bool valid_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* The value after "key:" (v, n bytes, trailing blanks gone): plain, 'single' or "double"
 * quoted, a comment after it dropped. Returns a new string or NULL after fail(). */
static char *scalar(struct wp *p, const char *v, size_t n)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_WAIVER_FIELD);
	char q = n ? v[0] : 0;
	size_t i;

	if (q == '"' || q == '\'') {
		for (i = 1; i < n && v[i] != q; i++) {
			char c = v[i];

			if (q == '"' && c == '\\') {
				if (++i == n || (v[i] != '"' && v[i] != '\\')) {
					fail(p, "only \\\" and \\\\ escapes are supported", NULL);
					goto bad;
				}
				c = v[i];
			}
			if (ia_buf_addc(&b, c) < 0)
				goto too_long;
		}
		if (i == n) {
			fail(p, "unterminated quoted value", NULL);
			goto bad;
		}
		if (q == '\'' && i + 1 < n && v[i + 1] == '\'') {
			fail(p,
			     "'' inside a single-quoted value is not supported; use double quotes",
			     NULL);
			goto bad;
		}
		for (i++; i < n && (v[i] == ' ' || v[i] == '\t'); i++)
			;
		if (i < n && v[i] != '#') {
			fail(p, "text after a quoted value", NULL);
			goto bad;
		}
		return ia_buf_detach(&b, NULL);
	}
	if (n && strchr("&*!|>{[@`%,?:-", v[0]) && !(v[0] == '-' && n > 1 && v[1] != ' ')) {
		fail(p,
		     "a value starting with this character is YAML syntax this file does not "
		     "support (an alias, tag, block or flow collection); quote it",
		     NULL);
		goto bad;
	}
	/* a plain value ends at " #" */
	for (i = 0; i < n && !(v[i] == '#' && i && (v[i - 1] == ' ' || v[i - 1] == '\t')); i++)
		;
	while (i && (v[i - 1] == ' ' || v[i - 1] == '\t'))
		i--;
	bool nested = false;

	for (size_t k = 0; k + 1 < i && !nested; k++)
		nested = v[k] == ':' && v[k + 1] == ' ';
	if (nested) {
		fail(p, "a nested mapping is not supported; quote a value holding \": \"", NULL);
		goto bad;
	}
	if (ia_buf_add(&b, v, i) < 0)
		goto too_long;
	return ia_buf_detach(&b, NULL);
too_long:
	ia_err_set(p->err, -IA_ETOOBIG, p->name, p->line, "value longer than %u bytes",
		   IA_MAX_WAIVER_FIELD);
bad:
	ia_buf_release(&b);
	return NULL;
}

/* The entry read so far, checked and added to w. */
static int close_entry(struct wp *p, struct fnd_waivers *w, const char *today)
{
	struct fnd_waiver *e;
	unsigned at = p->line;

	if (!p->start)
		return 0;
	p->line = p->start;
	if (!p->val[K_CHECK] && !p->val[K_FINGERPRINT])
		return fail(p, "a waiver names a check or a fingerprint", NULL);
	for (int k = K_REASON; k <= K_EXPIRES; k++)
		if (!p->val[k] || !*p->val[k])
			return fail(p, "a waiver needs reason, owner and expires; missing",
				    keys[k]);
	if (!valid_date(p->val[K_EXPIRES]))
		return fail(p, "expires is a date YYYY-MM-DD, not", p->val[K_EXPIRES]);
	if (p->val[K_FINGERPRINT] &&
	    (strlen(p->val[K_FINGERPRINT]) != FND_FINGERPRINT_LEN ||
	     strspn(p->val[K_FINGERPRINT], "0123456789abcdef") != FND_FINGERPRINT_LEN))
		return fail(p, "a fingerprint is 16 lowercase hex digits, not",
			    p->val[K_FINGERPRINT]);
	if (w->n >= IA_MAX_WAIVERS) {
		ia_err_set(p->err, -IA_ETOOBIG, p->name, p->line, "more than %u waivers",
			   IA_MAX_WAIVERS);
		return -IA_ETOOBIG;
	}
	ia_grow(&w->v, sizeof(*w->v), w->n + 1, &w->cap);
	e = &w->v[w->n++];
	memset(e, 0, sizeof(*e));
	e->check = p->val[K_CHECK] ? p->val[K_CHECK] : ia_xstrdup("");
	e->fingerprint = p->val[K_FINGERPRINT] ? p->val[K_FINGERPRINT] : ia_xstrdup("");
	e->path = p->val[K_PATH] ? p->val[K_PATH] : ia_xstrdup("");
	e->reason = p->val[K_REASON];
	e->owner = p->val[K_OWNER];
	snprintf(e->expires, sizeof(e->expires), "%s", p->val[K_EXPIRES]);
	free(p->val[K_EXPIRES]);
	e->line = p->start;
	e->expired = strcmp(e->expires, today) < 0;
	memset(p->val, 0, sizeof(p->val));
	p->start = 0;
	p->line = at;
	return 0;
}

/* "key: value" at column col of the current entry. */
static int entry_key(struct wp *p, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t kl;
	int k;

	if (!colon || (colon + 1 < s + n && colon[1] != ' '))
		return fail(p, "expected key: value", NULL);
	kl = (size_t)(colon - s);
	for (k = 0; k < K_N && !(strlen(keys[k]) == kl && memcmp(keys[k], s, kl) == 0); k++)
		;
	if (k == K_N)
		return fail(p, "unknown key (check, fingerprint, path, reason, owner, expires)",
			    NULL);
	if (p->val[k])
		return fail(p, "key given twice", keys[k]);
	s = colon + 1;
	n -= kl + 1;
	while (n && *s == ' ')
		s++, n--;
	p->val[k] = scalar(p, s, n);
	return p->val[k] ? 0 : (p->err->code ? p->err->code : -EINVAL);
}

/* One line (no newline), trailing blanks gone. */
static int parse_line(struct wp *p, struct fnd_waivers *w, const char *today, const char *s,
		      size_t n, bool *seen_top)
{
	size_t ind = 0;

	while (ind < n && s[ind] == ' ')
		ind++;
	if (ind < n && s[ind] == '\t')
		return fail(p, "a tab in the indentation (YAML indents with spaces)", NULL);
	if (ind == n || s[ind] == '#')
		return 0;
	if (!*seen_top) {
		if (ind == 0 && n == 8 && memcmp(s, "waivers:", 8) == 0) {
			*seen_top = true;
			return 0;
		}
		if (ind == 0 && n == 11 && memcmp(s, "waivers: []", 11) == 0) {
			*seen_top = true;
			return 0;
		}
		if (ind == 0 && n == 3 && memcmp(s, "---", 3) == 0)
			return 0;
		return fail(p, "the file starts with 'waivers:'", NULL);
	}
	if (ind == 0)
		return fail(p, "only the list under 'waivers:' is read; a second top-level key",
			    NULL);
	if (s[ind] == '-' && (ind + 1 == n || s[ind + 1] == ' ')) {
		int r = close_entry(p, w, today);
		size_t k = ind + 1;

		if (r < 0)
			return r;
		while (k < n && s[k] == ' ')
			k++;
		p->start = p->line;
		p->key_indent = (int)k;
		return k < n ? entry_key(p, s + k, n - k) : 0;
	}
	if (!p->start)
		return fail(p, "expected a list item '- check: ...'", NULL);
	if ((int)ind != p->key_indent)
		return fail(p, "the keys of a waiver line up under its first key", NULL);
	return entry_key(p, s + ind, n - ind);
}

int fnd_waivers_parse(const char *text, size_t len, const char *name, const char *today,
		      struct fnd_waivers *w, struct ia_err *err)
{
	struct wp p = {.name = name, .err = err};
	bool seen_top = false;
	int ret = 0;

	memset(w, 0, sizeof(*w));
	w->file = ia_xstrdup(name);
	if (len > IA_MAX_WAIVER_FILE) {
		ia_err_set(err, -IA_ETOOBIG, name, 0, "larger than %u bytes", IA_MAX_WAIVER_FILE);
		return -IA_ETOOBIG;
	}
	if (memchr(text, '\0', len)) {
		ia_err_set(err, -EINVAL, name, 0, "a NUL byte: not a text file");
		return -EINVAL;
	}
	for (size_t off = 0; off < len && ret == 0;) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (text + off)) : len - off;
		size_t m = n;

		p.line++;
		while (m && (text[off + m - 1] == ' ' || text[off + m - 1] == '\r' ||
			     text[off + m - 1] == '\t'))
			m--;
		ret = parse_line(&p, w, today, text + off, m, &seen_top);
		off += n + 1;
	}
	if (ret == 0 && !seen_top && len)
		ret = fail(&p, "the file starts with 'waivers:'", NULL);
	if (ret == 0)
		ret = close_entry(&p, w, today);
	for (int k = 0; k < K_N; k++)
		free(p.val[k]);
	return ret;
}

void fnd_waivers_release(struct fnd_waivers *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].check);
		free(w->v[i].fingerprint);
		free(w->v[i].path);
		free(w->v[i].reason);
		free(w->v[i].owner);
	}
	free(w->v);
	free(w->file);
	memset(w, 0, sizeof(*w));
}

static bool matches(const struct fnd_waiver *w, const struct fnd_finding *f)
{
	if (w->check[0] && strcasecmp(w->check, f->check) != 0)
		return false;
	if (w->fingerprint[0] && strcmp(w->fingerprint, f->fingerprint) != 0)
		return false;
	return !w->path[0] || fnmatch(w->path, f->path, 0) == 0;
}

void fnd_waivers_apply(struct fnd_report *r, struct fnd_waivers *w)
{
	fnd_waivers_release(&r->waivers);
	r->waivers = *w;
	memset(w, 0, sizeof(*w));
	r->n_waived = 0;
	for (size_t i = 0; i < r->n_findings; i++) {
		struct fnd_finding *f = &r->findings[i];

		f->waiver = 0;
		for (size_t j = 0; j < r->waivers.n; j++) {
			struct fnd_waiver *x = &r->waivers.v[j];

			if (!matches(x, f))
				continue;
			x->matched++;
			if (!x->expired && !f->waiver) {
				f->waiver = j + 1;
				r->n_waived++;
			}
		}
	}
}

enum fnd_waiver_status fnd_waiver_status(const struct fnd_waiver *w)
{
	if (w->expired)
		return FND_WAIVER_EXPIRED;
	return w->matched ? FND_WAIVER_APPLIED : FND_WAIVER_STALE;
}

const char *fnd_waiver_status_name(enum fnd_waiver_status s)
{
	switch (s) {
	case FND_WAIVER_APPLIED:
		return "applied";
	case FND_WAIVER_EXPIRED:
		return "expired";
	case FND_WAIVER_STALE:
		return "stale";
	}
	return "unknown";
}
