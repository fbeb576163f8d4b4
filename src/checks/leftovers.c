/* leftovers.c — checks of the leftovers family: what building the image left behind */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"

#include "util/banned.h"

/* Findings one check reports file by file; past it, one finding counts the rest. */
#define LEFT_MAX_LISTED 20

struct lister {
	struct chk_ctx *ctx;
	size_t n; /* files seen */
	uint64_t bytes;
	const char *what; /* "file left in /tmp" */
	const char *fix;  /* fam_fix template for one file ("rm -f %s"), NULL: the catalogue's */
};

static void list_one(struct lister *l, const struct tgt_entry *e)
{
	char size[32], fix[FAM_MAX_FIX];

	l->n++;
	l->bytes += e->size;
	if (l->n > LEFT_MAX_LISTED)
		return;
	snprintf(size, sizeof(size), "%llu bytes", (unsigned long long)e->size);
	chk_report(l->ctx, e->path, 0, size, l->fix ? fam_fix(fix, l->fix, e->path) : NULL,
		   "%s: %s", l->what, e->path);
}

static void list_done(struct lister *l, const char *where)
{
	char v[64];

	if (l->n <= LEFT_MAX_LISTED)
		return;
	snprintf(v, sizeof(v), "%zu files, %llu bytes", l->n, (unsigned long long)l->bytes);
	chk_report(l->ctx, where, 0, v, NULL, "%zu more: %s (%zu in all)", l->n - LEFT_MAX_LISTED,
		   l->what, l->n);
}

/* ---- LEFT-001: shell and tool histories ---- */

static const char *const histories[] = {
	".bash_history", ".zsh_history",     ".sh_history",        ".ash_history",
	".history",      ".ksh_history",     ".python_history",    ".mysql_history",
	".psql_history", ".sqlite_history",  ".node_repl_history", ".rediscli_history",
	".lesshst",      ".viminfo",         ".irb_history",       ".php_history",
	".dbshell",      ".mongosh_history", ".ftp_history",
};

static void run_histories(struct chk_ctx *ctx)
{
	struct lister l = {ctx, 0, 0, "shell or tool history left in the image",
			   "rm -f %s before the image is captured, and unset HISTFILE in the build "
			   "shell"};

	for (size_t i = 0, n = tgt_count(ctx->tgt); i < n; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *base = fam_basename(e->path);

		if (base[0] != '.' || !S_ISREG(e->mode) || e->size == 0)
			continue;
		for (size_t j = 0; j < IA_ARRAY_SIZE(histories); j++)
			if (strcmp(base, histories[j]) == 0 ||
			    (strcmp(histories[j], ".zsh_history") == 0 &&
			     strcmp(base, ".zhistory") == 0)) {
				list_one(&l, e);
				break;
			}
	}
	list_done(&l, "/");
}

/* ---- LEFT-002: temporary files ---- */

static void run_tmp(struct chk_ctx *ctx)
{
	static const char *const dirs[] = {"/tmp", "/var/tmp"};

	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs); d++) {
		struct lister l = {ctx, 0, 0, NULL, NULL};
		char what[64];
		size_t b, e;

		snprintf(what, sizeof(what), "file left in %s", dirs[d]);
		l.what = what;
		if (tgt_subtree(ctx->tgt, dirs[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);

			/* empty directories (.X11-unix, .ICE-unix) and sockets are harmless */
			if (S_ISDIR(ent->mode) || S_ISSOCK(ent->mode))
				continue;
			list_one(&l, ent);
		}
		list_done(&l, dirs[d]);
	}
}

/* ---- LEFT-003: package manager and language caches ---- */

static const char *const caches[] = {
	"/var/cache/apt",   "/var/cache/yum",      "/var/cache/dnf",
	"/var/cache/apk",   "/etc/apk/cache",      "/var/cache/zypp/packages",
	"/root/.cache/pip", "/root/.npm/_cacache", "/root/.cache/go-build",
};

static void run_caches(struct chk_ctx *ctx)
{
	for (size_t d = 0; d < IA_ARRAY_SIZE(caches); d++) {
		size_t b, e, files = 0;
		uint64_t bytes = 0;
		const char *first = NULL;

		if (tgt_subtree(ctx->tgt, caches[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);

			if (!S_ISREG(ent->mode) || ent->size == 0)
				continue;
			/* /etc/apk/cache is apk's own cache only when it is a directory of .apk */
			files++;
			bytes += ent->size;
			if (!first)
				first = ent->path;
		}
		if (files) {
			char nf[24], nb[24];
			const struct chk_detail det[] = {
				{"files", nf}, {"bytes", nb}, {"first", first}};

			/* the counts go to the details, not the title or value: the fingerprint
			 * stays the same when the cache grows, so a waiver or `diff` still names it
			 */
			snprintf(nf, sizeof(nf), "%zu", files);
			snprintf(nb, sizeof(nb), "%llu", (unsigned long long)bytes);
			chk_report_detail(ctx, FND_SEV_LOW, det, IA_ARRAY_SIZE(det), caches[d], 0,
					  "", NULL, "package cache left in the image: %s",
					  caches[d]);
		}
	}
}

/* ---- LEFT-004: non-empty logs ---- */

static void run_logs(struct chk_ctx *ctx)
{
	struct lister l = {ctx, 0, 0, "log file not emptied", NULL};
	size_t b, e;

	if (tgt_subtree(ctx->tgt, "/var/log", &b, &e) < 0)
		return;
	for (size_t i = b; i < e; i++) {
		const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
		const char *base = fam_basename(ent->path);

		if (!S_ISREG(ent->mode) || ent->size == 0)
			continue;
		/* fixed-size record files indexed by uid: their size says nothing */
		if (strcmp(base, "lastlog") == 0 || strcmp(base, "faillog") == 0 ||
		    strcmp(base, "tallylog") == 0)
			continue;
		list_one(&l, ent);
	}
	list_done(&l, "/var/log");
}

/* ---- LEFT-005: cloud-init instance state ---- */

static void run_cloud_init(struct chk_ctx *ctx)
{
	static const char *const state[] = {"/var/lib/cloud/instance", "/var/lib/cloud/instances",
					    "/var/lib/cloud/data/instance-id"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(state); i++) {
		const struct tgt_entry *e;
		size_t b, end;

		if (tgt_lookup(ctx->tgt, state[i], TGT_NOFOLLOW, &e) < 0)
			continue;
		if (S_ISDIR(e->mode) && (tgt_subtree(ctx->tgt, state[i], &b, &end) < 0 || b == end))
			continue; /* an empty instances/ directory */
		chk_report(ctx, state[i], 0, e->link ? e->link : "", NULL,
			   "cloud-init state of the build instance left in the image: %s "
			   "(clones skip first-boot setup)",
			   state[i]);
		return;
	}
}

/* ---- LEFT-006: DHCP leases ---- */

static void run_leases(struct chk_ctx *ctx)
{
	static const char *const dirs[] = {"/var/lib/dhcp",           "/var/lib/dhclient",
					   "/var/lib/NetworkManager", "/var/lib/dhcpcd",
					   "/var/lib/dhcpcd5",        "/var/db"};
	struct lister l = {ctx, 0, 0, "DHCP lease of the build machine",
			   "rm -f %s before the image is captured"};

	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs); d++) {
		size_t b, e;

		if (tgt_subtree(ctx->tgt, dirs[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);

			if (S_ISREG(ent->mode) && ent->size > 0 &&
			    strstr(fam_basename(ent->path), "lease"))
				list_one(&l, ent);
		}
	}
	list_done(&l, "/var/lib");
}

/* ---- LEFT-007: machine identity ---- */

static void run_machine_id(struct chk_ctx *ctx)
{
	static const char *const ids[] = {"/etc/machine-id", "/var/lib/dbus/machine-id"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(ids); i++) {
		struct ia_buf b = IA_BUF_INIT(4096);
		const struct tgt_entry *e;
		const char *s;
		size_t n;

		/* /var/lib/dbus/machine-id is usually a link to /etc/machine-id */
		if (tgt_lookup(ctx->tgt, ids[i], TGT_NOFOLLOW, &e) < 0 || !S_ISREG(e->mode))
			continue;
		if (fam_read(ctx, ids[i], 4096, &b) < 0) {
			ia_buf_release(&b);
			continue;
		}
		s = b.data ? b.data : "";
		n = b.len;
		ia_trim(&s, &n);
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		if (n && !ia_eq(s, n, "uninitialized")) {
			char q[IA_MAX_EVIDENCE + 1];

			chk_report(
				ctx, ids[i], 1, ia_is_text(s, n) ? fam_quote(q, s, n) : "", NULL,
				"%s is set: every machine made from the image shares one machine "
				"ID",
				ids[i]);
		}
		ia_buf_release(&b);
	}
}

/* ---- LEFT-008: known_hosts ---- */

static void run_known_hosts(struct chk_ctx *ctx)
{
	struct lister l = {ctx, 0, 0, "SSH known_hosts of a user left in the image",
			   "rm -f %s before the image is captured"};

	for (size_t i = 0, n = tgt_count(ctx->tgt); i < n; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *base = fam_basename(e->path);
		size_t pl = strlen(e->path), bl = strlen(base);

		if (!S_ISREG(e->mode) || e->size == 0 ||
		    (strcmp(base, "known_hosts") != 0 && strcmp(base, "known_hosts2") != 0))
			continue;
		if (pl < bl + 6 || memcmp(e->path + pl - bl - 6, "/.ssh/", 6) != 0)
			continue;
		list_one(&l, e);
	}
	list_done(&l, "/");
}

/* ---- LEFT-009: database dumps and test data in home directories and web roots ---- */

static const char *const data_roots[] = {
	"/root", "/home", "/var/www", "/srv", "/usr/share/nginx/html", "/opt",
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* The first bytes of a file, for its signature; returns how many were read. */
static size_t head_bytes(struct chk_ctx *ctx, const struct tgt_entry *e, char *buf, size_t cap)
{
	size_t got = 0;

	while (got < cap) {
		ssize_t r = tgt_pread(ctx->tgt, e, buf + got, cap - got, got);

		if (r == -EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Directories of third-party code that a language's package manager installed or a project
 * vendored (composer, npm, pip, gem, Go modules, cargo): test data inside them came with the
 * library, it is not the image's own. */
static const char *const vendored_dirs[] = {
	"vendor",        "node_modules",  "bower_components",
	"site-packages", "dist-packages", "third_party",
	"third-party",   "gems",          ".cargo",
};

static bool component_is(const char *c, size_t n, const char *name)
{
	return n == strlen(name) && memcmp(c, name, n) == 0;
}

/* true when a directory above path's last component is vendored code (or Go's module cache,
 * .../pkg/mod/...). */
static bool in_vendored(const char *path)
{
	const char *prev = NULL;
	size_t prev_n = 0;

	for (const char *p = path; (p = strchr(p, '/'));) {
		const char *c = ++p;
		size_t n = strcspn(c, "/");

		if (!c[n])
			break; /* the entry's own name */
		for (size_t i = 0; i < IA_ARRAY_SIZE(vendored_dirs); i++)
			if (component_is(c, n, vendored_dirs[i]))
				return true;
		if (prev && component_is(prev, prev_n, "pkg") && component_is(c, n, "mod"))
			return true;
		prev = c;
		prev_n = n;
	}
	return false;
}

/* true for test fixtures: a "fixtures" directory right under a test directory */
static bool test_fixtures(const char *path, const char *base)
{
	static const char *const test_dirs[] = {"test", "tests", "spec", "__tests__"};
	const char *end = base - 1, *parent = end;

	if (strcmp(base, "fixtures") != 0 || end <= path)
		return false;
	while (parent > path && parent[-1] != '/')
		parent--;
	for (size_t i = 0; i < IA_ARRAY_SIZE(test_dirs); i++)
		if (component_is(parent, (size_t)(end - parent), test_dirs[i]))
			return true;
	return false;
}

/* Why e looks like a database dump or test data, or NULL. */
static const char *dump_kind(struct chk_ctx *ctx, const struct tgt_entry *e)
{
	static const char *const compressed[] = {".sql.gz",  ".sql.bz2", ".sql.xz",
						 ".sql.zst", ".sql.zip", ".dump.gz"};
	const char *base = fam_basename(e->path);
	char head[512];
	size_t n;

	if (in_vendored(e->path))
		return NULL; /* a library's own test data */
	if (S_ISDIR(e->mode)) {
		if (strcmp(base, "testdata") == 0 || strcmp(base, "test-data") == 0 ||
		    strcmp(base, "test_data") == 0)
			return "test data directory";
		return test_fixtures(e->path, base) ? "test fixtures directory" : NULL;
	}
	if (!S_ISREG(e->mode) || e->size == 0)
		return NULL;
	for (size_t i = 0; i < IA_ARRAY_SIZE(compressed); i++)
		if (ends_with(base, compressed[i]))
			return "compressed SQL dump";
	if (strcmp(base, "dump.rdb") == 0)
		return "redis dump";
	if (!ends_with(base, ".sql") && !ends_with(base, ".dump") && !ends_with(base, ".pgdump"))
		return NULL;
	/* Applications ship .sql schema files; only a dump tool's header counts. */
	n = head_bytes(ctx, e, head, sizeof(head) - 1);
	head[n] = '\0';
	if (n >= 5 && memcmp(head, "PGDMP", 5) == 0)
		return "PostgreSQL dump";
	if (memmem(head, n, "-- MySQL dump", 13) || memmem(head, n, "-- MariaDB dump", 15))
		return "MySQL dump";
	if (memmem(head, n, "-- PostgreSQL database dump", 27) ||
	    memmem(head, n, "-- PostgreSQL database cluster dump", 35))
		return "PostgreSQL dump";
	return NULL;
}

static void run_dumps(struct chk_ctx *ctx)
{
	size_t listed = 0;

	for (size_t d = 0; d < IA_ARRAY_SIZE(data_roots); d++) {
		size_t b, e;

		if (tgt_subtree(ctx->tgt, data_roots[d], &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
			const char *why;
			char fix[FAM_MAX_FIX];

			if (inv_owner(ctx->facts, ent->path))
				continue; /* shipped by a package */
			if (!(why = dump_kind(ctx, ent)))
				continue;
			if (++listed > LEFT_MAX_LISTED)
				continue;
			chk_report(ctx, ent->path, 0, why,
				   fam_fix(fix,
					   "remove %s from the image (rm -r %s); load data at "
					   "deployment instead",
					   ent->path),
				   "%s left in the image: %s", why, ent->path);
		}
	}
	if (listed > LEFT_MAX_LISTED)
		chk_report(ctx, "", 0, "", NULL, "%zu more database dumps or test data left",
			   listed - LEFT_MAX_LISTED);
}

/* ---- LEFT-010: SSH host keys baked into the image ---- */

/* true for an OpenSSH host private key name: ssh_host_key (protocol 1) or ssh_host_*_key. */
static bool host_key_name(const char *base)
{
	size_t n = strlen(base);

	if (strcmp(base, "ssh_host_key") == 0)
		return true;
	return n > strlen("ssh_host__key") && strncmp(base, "ssh_host_", 9) == 0 &&
	       strcmp(base + n - 4, "_key") == 0;
}

static void host_key(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	size_t *n = arg;
	char v[64];

	/* an empty file is no key (sshd would refuse it); a .pub is public */
	if (!S_ISREG(e->mode) || e->size == 0 || !host_key_name(fam_basename(e->path)))
		return;
	(*n)++;
	snprintf(v, sizeof(v), "%llu bytes", (unsigned long long)e->size);
	chk_report(ctx, e->path, 0, v, NULL,
		   "SSH host private key baked into the image: %s (every machine made from the "
		   "image shares it, so one can impersonate another)",
		   e->path);
}

static void run_host_keys(struct chk_ctx *ctx)
{
	size_t n = 0;

	fam_children(ctx, "/etc/ssh", host_key, &n);
	if (!n)
		chk_note(ctx, "no SSH host private key in /etc/ssh");
}

/* ---- LEFT-011: authorized_keys of the builder ---- */

/* The key type and comment of an authorized_keys entry ("ssh-ed25519 … user@host"), without
 * its options and key material: which key it is, for a reviewer, in a few words. */
static void key_summary(const char *l, size_t n, char out[IA_MAX_EVIDENCE + 1])
{
	static const char *const types[] = {"ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"};
	size_t i = 0;
	bool quoted = false;

	while (i < n) {
		size_t s = i;

		/* options come first and may hold quoted spaces */
		while (i < n && (quoted || (l[i] != ' ' && l[i] != '\t'))) {
			if (l[i] == '"')
				quoted = !quoted;
			i++;
		}
		for (size_t t = 0; t < IA_ARRAY_SIZE(types); t++) {
			size_t tl = strlen(types[t]);

			if (i - s > tl && memcmp(l + s, types[t], tl) == 0) {
				size_t ts = s, te = i, cs;

				while (i < n && (l[i] == ' ' || l[i] == '\t'))
					i++;
				while (i < n && l[i] != ' ' && l[i] != '\t')
					i++; /* the key material */
				while (i < n && (l[i] == ' ' || l[i] == '\t'))
					i++;
				cs = i;
				snprintf(out, IA_MAX_EVIDENCE + 1, "%.*s%s%.*s", (int)(te - ts),
					 l + ts, cs < n ? " ... " : "", (int)(n - cs), l + cs);
				return;
			}
		}
		while (i < n && (l[i] == ' ' || l[i] == '\t'))
			i++;
	}
	snprintf(out, IA_MAX_EVIDENCE + 1, "unrecognised entry");
}

static void run_authorized_keys(struct chk_ctx *ctx)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	size_t files = 0, listed = 0;

	for (size_t i = 0, cnt = tgt_count(ctx->tgt); i < cnt; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *base = fam_basename(e->path);
		size_t pl = strlen(e->path), bl = strlen(base), keys = 0;
		unsigned first = 0;
		char summary[IA_MAX_EVIDENCE + 1] = "", fix[FAM_MAX_FIX];
		struct fam_text t;
		const char *l;
		size_t n;

		if (!S_ISREG(e->mode) ||
		    (strcmp(base, "authorized_keys") != 0 && strcmp(base, "authorized_keys2") != 0))
			continue;
		if (pl < bl + 6 || memcmp(e->path + pl - bl - 6, "/.ssh/", 6) != 0)
			continue;
		files++;
		/* an empty file (cloud-init's placeholder) or comments only grant nothing */
		if (e->size == 0 || fam_read(ctx, e->path, FAM_MAX_CONF, &b) < 0)
			continue;
		fam_text_init(&t, e->path, &b);
		while (fam_next_line(ctx, &t, &l, &n) > 0) {
			if (!n || l[0] == '#')
				continue;
			if (!keys++) {
				first = t.c.lineno;
				key_summary(l, n, summary);
			}
		}
		if (!keys)
			continue;
		if (++listed > LEFT_MAX_LISTED)
			continue;
		chk_report(
			ctx, e->path, first, summary,
			fam_fix(fix,
				"rm -f %s before the image is captured (or truncate it if "
				"cloud-init "
				"manages it), and let cloud-init or the marketplace install the "
				"customer's key at first boot",
				e->path),
			"authorized_keys left in the image: %s grants %zu key%s a login on every "
			"machine made from the image",
			e->path, keys, keys == 1 ? "" : "s");
	}
	if (listed > LEFT_MAX_LISTED)
		chk_report(ctx, "/", 0, "", NULL, "%zu more authorized_keys files with keys",
			   listed - LEFT_MAX_LISTED);
	if (!files)
		chk_note(ctx, "no authorized_keys file in any .ssh directory");
	ia_buf_release(&b);
}

/* ---- LEFT-012: version-control data anywhere (web roots are WEB-006's) ---- */

/* The web roots WEB-006 reads by default: what lies under them is its finding, not this one. */
static const char *const web_roots_default[] = {"/var/www", "/srv/www", "/srv/http",
						"/usr/share/nginx/html"};

static bool under_web_root(const char *path)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(web_roots_default); i++) {
		size_t n = strlen(web_roots_default[i]);

		if (strncmp(path, web_roots_default[i], n) == 0 && (!path[n] || path[n] == '/'))
			return true;
	}
	return false;
}

static bool vcs_dir(const char *base)
{
	static const char *const names[] = {".git", ".svn", ".hg", ".bzr", "_darcs", "CVS"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(names); i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return false;
}

static void run_vcs(struct chk_ctx *ctx)
{
	size_t n = tgt_count(ctx->tgt), listed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *base = fam_basename(e->path);
		size_t b, end;

		if (!S_ISDIR(e->mode) || !vcs_dir(base) || under_web_root(e->path) ||
		    in_vendored(e->path))
			continue;
		/* CVS only with its control files: a directory named CVS may be anything */
		if (strcmp(base, "CVS") == 0) {
			char root[IA_MAX_PATH + 8];
			const struct tgt_entry *r;

			snprintf(root, sizeof(root), "%s/Root", e->path);
			if (tgt_lookup(ctx->tgt, root, TGT_NOFOLLOW, &r) < 0)
				continue;
		}
		if (++listed <= LEFT_MAX_LISTED)
			chk_report(ctx, e->path, 0, base, NULL,
				   "version-control data left in the image: %s (the history, "
				   "remotes and any credentials of the working copy)",
				   e->path);
		/* what the directory holds is the same finding */
		if (tgt_subtree(ctx->tgt, e->path, &b, &end) == 0 && end > 0)
			i = end - 1;
	}
	if (listed > LEFT_MAX_LISTED)
		chk_report(ctx, "/", 0, "", NULL, "%zu more version-control directories",
			   listed - LEFT_MAX_LISTED);
	if (!listed)
		chk_note(ctx,
			 "no .git, .svn, .hg, .bzr, _darcs or CVS directory outside web roots");
}

static const struct chk_def leftovers_checks[] = {
	{
		.id = "LEFT-001",
		.title = "shell or tool history left in the image",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "every non-empty history file in the index (.bash_history, "
			    ".zsh_history, .ash_history, .sh_history, .python_history, "
			    ".mysql_history, .psql_history, .viminfo, .lesshst ...)",
		.remediation =
			"Delete the files before building the image (rm -f /root/.bash_history "
			"/home/*/.*_history) and unset HISTFILE in the build shell",
		.run = run_histories,
	},
	{
		.id = "LEFT-002",
		.title = "files left in /tmp or /var/tmp",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "entries under /tmp and /var/tmp other than directories and sockets",
		.remediation = "Empty /tmp and /var/tmp at the end of the build (rm -rf /tmp/* "
			       "/var/tmp/*)",
		.run = run_tmp,
	},
	{
		.id = "LEFT-003",
		.title = "package caches left in the image",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "non-empty files under /var/cache/apt, /var/cache/yum, /var/cache/dnf, "
			    "/var/cache/apk, /etc/apk/cache, /var/cache/zypp/packages, "
			    "/root/.cache/pip, /root/.npm/_cacache",
		.remediation =
			"Clean the caches in the build step that filled them: apt-get clean, yum "
			"clean all / dnf clean all, apk add --no-cache, pip install --no-cache-dir",
		.run = run_caches,
	},
	{
		.id = "LEFT-004",
		.title = "log files of the build not emptied",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "non-empty regular files under /var/log (lastlog, faillog, tallylog "
			    "excepted)",
		.remediation = "Truncate the logs at the end of the build (find /var/log -type f "
			       "-exec truncate -s 0 {} +)",
		.run = run_logs,
	},
	{
		.id = "LEFT-005",
		.title = "cloud-init state of the build instance",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "/var/lib/cloud/instance, /var/lib/cloud/instances/*, "
			    "/var/lib/cloud/data/instance-id",
		.remediation = "Run cloud-init clean --logs (or rm -rf /var/lib/cloud/instance "
			       "/var/lib/cloud/instances/* /var/lib/cloud/data) before capturing "
			       "the image",
		.run = run_cloud_init,
	},
	{
		.id = "LEFT-006",
		.title = "DHCP leases of the build machine",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "non-empty *lease* files in /var/lib/dhcp, /var/lib/dhclient, "
			    "/var/lib/NetworkManager, /var/lib/dhcpcd, /var/db",
		.remediation = "Delete the lease files before capturing the image",
		.run = run_leases,
	},
	{
		.id = "LEFT-007",
		.title = "machine ID baked into the image",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "/etc/machine-id and /var/lib/dbus/machine-id (regular files; empty or "
			    "\"uninitialized\" is correct)",
		.remediation =
			"Empty it before capturing the image: truncate -s 0 /etc/machine-id; rm -f "
			"/var/lib/dbus/machine-id (systemd makes a new one at first boot)",
		.run = run_machine_id,
	},
	{
		.id = "LEFT-008",
		.title = "SSH known_hosts left in the image",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "non-empty known_hosts and known_hosts2 files in any .ssh directory",
		.remediation = "Delete the users' ~/.ssh/known_hosts before capturing the image",
		.run = run_known_hosts,
	},
	{
		.id = "LEFT-009",
		.title = "database dumps or test data in home directories and web roots",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1g", "JD-4.1f"),
		.examines = "files under /root, /home, /var/www, /srv, /usr/share/nginx/html, /opt "
			    "owned by no package: *.sql and *.dump with a mysqldump / pg_dump "
			    "header, compressed *.sql.*, dump.rdb, testdata directories and "
			    "tests/fixtures directories, except inside vendored code (vendor/, "
			    "node_modules/, site-packages/, dist-packages/, Go's pkg/mod, ...)",
		.remediation = "Remove the dumps and test data from the image; load data at "
			       "deployment instead",
		.run = run_dumps,
	},
	{
		.id = "LEFT-010",
		.title = "SSH host keys baked into the image",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-4.1g", "JK-KEYS"),
		.examines = "/etc/ssh/ssh_host_*_key and ssh_host_key (non-empty private keys; "
			    ".pub files are not counted)",
		.remediation =
			"Delete them before capturing the image (rm -f /etc/ssh/ssh_host_*) and "
			"make sure every machine makes its own at first boot: cloud-init "
			"(ssh_deletekeys, ssh_genkeytypes), a first-boot unit running ssh-keygen "
			"-A, or Debian's regenerate-ssh-host-keys service; Debian's sshd does not "
			"create missing keys by itself (RHEL's sshd-keygen units do)",
		.run = run_host_keys,
	},
	{
		.id = "LEFT-011",
		.title = "authorized_keys of the builder left in the image",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-4.1g"),
		.examines = "authorized_keys and authorized_keys2 in every .ssh directory (root's "
			    "and other users'); an empty file or one of comments only grants "
			    "nothing and is not reported",
		.remediation = "Remove the keys before capturing the image (rm -f "
			       "/root/.ssh/authorized_keys /home/*/.ssh/authorized_keys, or "
			       "truncate a file cloud-init manages) and let cloud-init or the "
			       "marketplace install the customer's key at first boot",
		.run = run_authorized_keys,
	},
	{
		.id = "LEFT-012",
		.title = "version-control data left in the image",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1g", "SR-8"),
		.examines = "every .git, .svn, .hg, .bzr and _darcs directory (and CVS with its "
			    "Root file) in the index outside the web roots WEB-006 reads and "
			    "outside vendored code",
		.remediation = "Copy the application from a clean export (git archive, svn "
			       "export) instead of a working copy, or delete the directory before "
			       "the image is captured",
		.run = run_vcs,
	},
};
const struct chk_family chk_family_leftovers = {
	.name = "leftovers",
	.checks = leftovers_checks,
	.n_checks = IA_ARRAY_SIZE(leftovers_checks),
};
