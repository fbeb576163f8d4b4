/* fam_util.h — small helpers the check families share: reading image files, lines, children */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_FAM_UTIL_H
#define IA_CHECK_FAM_UTIL_H

/*
 * The families (accounts, files, logging, trust, leftovers, containers,
 * kernel) read a handful of text files by image path, list the direct
 * children of a directory from the index, and ask whether a service is
 * enabled at boot. The helpers are static inline so that each family file
 * stays self-contained; nothing here touches the host filesystem: everything
 * goes through the target's index and tgt_read.
 */

#include "util/common.h"
#include "util/lines.h"

#include "checks/check.h"
#include "target/target.h"

/* Bytes read of one configuration file a check parses (journald, rsyslog, sudoers, audit rules,
 * apt.conf). Real ones are a few KiB; IA_MAX_TEXT_FILE (64 MiB) leaves room for generated ones. */
#define FAM_MAX_CONF IA_MAX_TEXT_FILE

/* The last component of an image path ("/" for the root). */
static inline const char *fam_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

/*
 * Reads the text file at path into out (reset first). Returns 0; -ENOENT when
 * there is no such file (nothing recorded); any other failure (not a regular
 * file, over max, unreadable) is recorded as a gap of the running check and
 * returned. Symlinks are followed inside the image.
 */
static inline int fam_read(struct chk_ctx *ctx, const char *path, size_t max, struct ia_buf *out)
{
	struct ia_err err = {0};
	int r = tgt_read(ctx->tgt, path, max, out, NULL, &err);

	if (r == -ENOENT || r == -ENOTDIR)
		return -ENOENT;
	if (r == -IA_ETOOBIG) {
		chk_gap(ctx, path, 0, "file not examined: larger than %zu bytes", max);
		return r;
	}
	if (r < 0) {
		if (!err.path[0])
			ia_err_set(&err, r, path, 0, "%s", ia_strerror(r));
		ia_err_prefix(&err, "file not examined");
		chk_gap_err(ctx, &err);
		return r;
	}
	return 0;
}

/* Lines of one text file from an image, with a count of lines that were not text. */
struct fam_text {
	struct ia_lines c;
	const char *path;  /* image path, for gaps */
	unsigned bad;      /* lines skipped: too long or binary */
	bool quiet;        /* record no gaps (set after fam_text_init) */
	bool indented;     /* the line last returned began with a space or tab */
	struct ia_buf own; /* the bytes, when fam_text_open read them */
};

/* Bad lines reported one by one per file; past this, one gap says how many more. */
#define FAM_MAX_BAD_LINES 3

static inline void fam_text_init(struct fam_text *t, const char *path, const struct ia_buf *b)
{
	ia_lines_init(&t->c, b->data ? b->data : "", b->len);
	t->path = path;
	t->bad = 0;
	t->quiet = false;
	t->indented = false;
}

/*
 * Reads the text file at path (at most max bytes) for fam_next_line: the "read a configuration
 * file, loop over its lines" of the families in one call. false when it is absent or could
 * not be read (then a gap, as fam_read). t must start zeroed ({0}); fam_text_close it either
 * way.
 */
static inline bool fam_text_open(struct chk_ctx *ctx, struct fam_text *t, const char *path,
				 size_t max)
{
	ia_buf_init(&t->own, max);
	if (fam_read(ctx, path, max, &t->own) < 0)
		return false;
	fam_text_init(t, path, &t->own);
	return true;
}

static inline void fam_text_close(struct fam_text *t)
{
	ia_buf_release(&t->own);
}

/*
 * Next line as a trimmed (pointer, length) string. Lines that are too long or
 * hold control bytes (binary garbage) are skipped and recorded as gaps of the
 * running check (the file itself was read, so not as unreadable): the first
 * FAM_MAX_BAD_LINES one by one, the rest as one count at the end. Returns 1
 * with a line, 0 at the end.
 */
static inline int fam_next_line(struct chk_ctx *ctx, struct fam_text *t, const char **line,
				size_t *len)
{
	for (;;) {
		int r = ia_lines_next(&t->c, line, len);
		const char *why;

		if (r == 0) {
			if (t->bad > FAM_MAX_BAD_LINES && !t->quiet)
				chk_gap_clauses(ctx, ctx->cur->clause_list, false, t->path, 0,
						"%u more lines not examined: not text or too long",
						t->bad - FAM_MAX_BAD_LINES);
			return 0;
		}
		if (r > 0 && ia_is_text(*line, *len)) {
			t->indented = *len && (**line == ' ' || **line == '\t');
			ia_trim(line, len);
			return 1;
		}
		why = r < 0 ? "longer than the line limit" : "not text (control bytes)";
		if (++t->bad <= FAM_MAX_BAD_LINES && !t->quiet)
			chk_gap_clauses(ctx, ctx->cur->clause_list, false, t->path, t->c.lineno,
					"line not examined: %s", why);
	}
}

/*
 * Calls fn(ctx, entry, arg) for every direct child of directory dir in the
 * index, in name order. Returns the number of children visited (0 when dir
 * is absent or empty).
 */
static inline size_t fam_children(struct chk_ctx *ctx, const char *dir,
				  void (*fn)(struct chk_ctx *, const struct tgt_entry *, void *),
				  void *arg)
{
	size_t b, e, n = 0, dl = strlen(dir);

	if (tgt_subtree(ctx->tgt, dir, &b, &e) < 0)
		return 0;
	if (dl == 1) /* "/" */
		dl = 0;
	for (size_t i = b; i < e; i++) {
		const struct tgt_entry *ent = tgt_at(ctx->tgt, i);

		if (strlen(ent->path) <= dl + 1 || strchr(ent->path + dl + 1, '/'))
			continue;
		fn(ctx, ent, arg);
		n++;
	}
	return n;
}

/*
 * Where unit (e.g. "rsyslog.service") is enabled at boot: a symlink named
 * unit in one of /etc/systemd/system's or /usr/lib/systemd/system's
 * *.wants or *.requires directories. Returns that link's image path (owned
 * by the target), or NULL.
 */
static inline const char *fam_unit_enabled(struct chk_ctx *ctx, const char *unit)
{
	static const char *const dirs[] = {"/etc/systemd/system", "/usr/lib/systemd/system",
					   "/lib/systemd/system"};

	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs); d++) {
		size_t b, e, dl = strlen(dirs[d]);

		if (tgt_subtree(ctx->tgt, dirs[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
			const char *rel = ent->path + dl + 1, *slash = strchr(rel, '/');
			size_t pl;

			if (!slash || strchr(slash + 1, '/') || !S_ISLNK(ent->mode))
				continue;
			if (strcmp(slash + 1, unit) != 0)
				continue;
			pl = (size_t)(slash - rel);
			if ((pl > 6 && memcmp(slash - 6, ".wants", 6) == 0) ||
			    (pl > 9 && memcmp(slash - 9, ".requires", 9) == 0))
				return ent->path;
		}
	}
	return NULL;
}

/*
 * Where a sysvinit or OpenRC service is enabled: /etc/rc[2-5S].d/S<nn>name
 * or /etc/runlevels/<level>/name. Returns the link's image path or NULL.
 */
static inline const char *fam_initscript_enabled(struct chk_ctx *ctx, const char *name)
{
	static const char *const rcdirs[] = {"/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d",
					     "/etc/rcS.d"};
	size_t nl = strlen(name), b, e;

	for (size_t d = 0; d < IA_ARRAY_SIZE(rcdirs); d++) {
		if (tgt_subtree(ctx->tgt, rcdirs[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const char *base = fam_basename(tgt_at(ctx->tgt, i)->path);
			size_t bl = strlen(base);

			if (bl == nl + 3 && base[0] == 'S' && base[1] >= '0' && base[1] <= '9' &&
			    base[2] >= '0' && base[2] <= '9' && memcmp(base + 3, name, nl) == 0)
				return tgt_at(ctx->tgt, i)->path;
		}
	}
	if (tgt_subtree(ctx->tgt, "/etc/runlevels", &b, &e) == 0) {
		for (size_t i = b; i < e; i++) {
			const char *p = tgt_at(ctx->tgt, i)->path + strlen("/etc/runlevels/");
			const char *slash = strchr(p, '/');

			if (slash && strcmp(slash + 1, name) == 0)
				return tgt_at(ctx->tgt, i)->path;
		}
	}
	return NULL;
}

/* true when a regular file (or a symlink to one) exists at path. *ret (may be NULL) gets it. */
static inline bool fam_file(struct chk_ctx *ctx, const char *path, const struct tgt_entry **ret)
{
	const struct tgt_entry *e;

	if (tgt_lookup(ctx->tgt, path, 0, &e) < 0 || !S_ISREG(e->mode))
		return false;
	if (ret)
		*ret = e;
	return true;
}

/*
 * s as one word of a shell command in a fix ("userdel -r guest"), written to out: as it is
 * when it holds only [A-Za-z0-9_./@%+=:,-], else in single quotes (a ' as '\''), so a name
 * from the image cannot add a command to a fix a reviewer copies. Returns out, or NULL when
 * it does not fit or starts with '-' (it would read as an option): say it in words then.
 */
static inline const char *fam_shell_word(char *out, size_t cap, const char *s)
{
	size_t o = 0;
	bool plain = *s != '\0';

	if (*s == '-')
		return NULL;
	for (const char *p = s; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || strchr("_./@%+=:,-", *p);
	if (plain) {
		if (strlen(s) >= cap)
			return NULL;
		memcpy(out, s, strlen(s) + 1);
		return out;
	}
	if (cap < 3)
		return NULL;
	out[o++] = '\'';
	for (const char *p = s; *p; p++) {
		if (o + (*p == '\'' ? 4 : 1) + 2 > cap)
			return NULL;
		if (*p == '\'') {
			memcpy(out + o, "'\\''", 4);
			o += 4;
		} else {
			out[o++] = *p;
		}
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

/* Bytes of a fix written for one finding. */
#define FAM_MAX_FIX 640

/*
 * The fix of one finding: tmpl with every "%s" replaced by word as a shell word
 * (fam_shell_word), in fix. Returns fix, or NULL (the catalogue's fix is used) when word
 * cannot be written as one or the result does not fit.
 */
static inline const char *fam_fix(char fix[FAM_MAX_FIX], const char *tmpl, const char *word)
{
	char w[IA_MAX_PATH + 8];
	size_t o = 0, wl;

	if (!fam_shell_word(w, sizeof(w), word ? word : ""))
		return NULL;
	wl = strlen(w);
	for (const char *p = tmpl; *p; p++) {
		bool sub = p[0] == '%' && p[1] == 's';
		size_t n = sub ? wl : 1;

		if (o + n >= FAM_MAX_FIX)
			return NULL;
		memcpy(fix + o, sub ? w : p, n);
		o += n;
		p += sub;
	}
	fix[o] = '\0';
	return fix;
}

/* A value quoted in a finding: at most IA_MAX_EVIDENCE bytes of (s, n), NUL-terminated. */
static inline const char *fam_quote(char out[IA_MAX_EVIDENCE + 1], const char *s, size_t n)
{
	if (n > IA_MAX_EVIDENCE)
		n = IA_MAX_EVIDENCE;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/*
 * The severity of a vulnerability finding from its feed's word (VULN-00x, COMP-00x): info when
 * no fix is released and the user did not ask to count those (--count-unfixed); otherwise
 * critical, high ("important" in Red Hat's words), low ("negligible", "unimportant" in
 * Debian's), and medium for the rest: "medium", "moderate" and an unknown or not yet assigned
 * one, since a fix exists.
 */
static inline enum fnd_sev fam_vuln_sev(const char *s, bool fixed, bool count_unfixed)
{
	if (!fixed && !count_unfixed)
		return FND_SEV_INFO;
	if (strcmp(s, "critical") == 0)
		return FND_SEV_CRITICAL;
	if (strcmp(s, "high") == 0 || strcmp(s, "important") == 0)
		return FND_SEV_HIGH;
	if (strcmp(s, "low") == 0 || strcmp(s, "negligible") == 0 || strcmp(s, "unimportant") == 0)
		return FND_SEV_LOW;
	return FND_SEV_MEDIUM;
}

#endif
