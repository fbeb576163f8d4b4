/* cmd_db.c — `imgaudit db import|info`: the offline vulnerability database */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/db_update.h"
#include "util/limits.h"
#include "vulndb/db.h"
#include "util/banned.h"

int cli_vulndb_path(const char *opt, char *buf, size_t n, bool *named)
{
	const char *env = getenv("IMGAUDIT_DB");

	*named = true;
	if (opt || (env && env[0])) {
		if (snprintf(buf, n, "%s", opt ? opt : env) >= (int)n)
			return -ENAMETOOLONG;
		return 0;
	}
	*named = false;
	return vdb_default_path(buf, n);
}

enum { OPT_SUITE = 256, OPT_RELEASE, OPT_SOURCE, OPT_SOURCES, OPT_CA, OPT_KEYRING };

static const struct cli_opt db_opts[] = {
	{"db", 'd', "FILE",
	 "the database file (default: $IMGAUDIT_DB, else $XDG_DATA_HOME/imgaudit/vuln.db, "
	 "~/.local/share/imgaudit/vuln.db without XDG_DATA_HOME)"},
	{"suite", OPT_SUITE, "NAME",
	 "import: the suite of the apt Packages indexes among the FEEDs (bookworm-security)"},
	{"release", OPT_RELEASE, "FILE",
	 "import: the apt Release or InRelease file of that suite (its Codename or Suite ending "
	 "in -security, and its Date)"},
	{"source", OPT_SOURCE, "NAME=URL",
	 "update: download this feed (https://) as NAME instead of the built-in list; "
	 "repeatable"},
	{"sources", OPT_SOURCES, "FILE",
	 "update: the feeds to download, one 'NAME URL' a line ('#' comments), instead of the "
	 "built-in list"},
	{"ca-file", OPT_CA, "FILE", "update: trust the CAs of this PEM file (a private mirror)"},
	{"keyring", OPT_KEYRING, "FILE",
	 "import, update: check the OpenPGP signature of an apt InRelease file with gpgv against "
	 "the keys of FILE (Debian's debian-archive-keyring.gpg); without it the index is "
	 "imported as not verified"},
	{NULL, 0, NULL, NULL},
};

static const char db_usage[] =
	"usage: imgaudit db import [--db FILE] [--suite NAME | --release FILE [--keyring FILE]]\n"
	"                          FEED...\n"
	"       imgaudit db update [--db FILE] [--source NAME=URL]... [--sources FILE]\n"
	"                          [--ca-file FILE] [--keyring FILE]\n"
	"       imgaudit db info [--db FILE]\n\n"
	"The offline vulnerability database that imgaudit scan matches installed packages\n"
	"against. import reads each FEED, its format told by its content: an OSV record (JSON),\n"
	"a JSON array of records, a directory of records or an OSV zip dump (Debian, Ubuntu,\n"
	"Alpine, AlmaLinux, Rocky, Red Hat, npm, PyPI, Maven, Go, Packagist, crates.io,\n"
	"RubyGems), the Debian security tracker JSON, an Alpine secdb (JSON or YAML), the\n"
	"Node.js security WG's advisories (the directory vuln/core, vuln/npm or vuln/, an\n"
	"index.json or one record N.json), or the apt\n"
	"Packages index of a security suite (plain or compressed; its suite named by --suite or\n"
	"--release), which scan uses for the missing security updates when the image holds no\n"
	"index of its own, or Debian's DSA or DLA list (plain or gzip), which names the DSA or\n"
	"DLA that fixed a Debian CVE, or end-of-life data (distro-info-data's debian.csv or\n"
	"ubuntu.csv, endoflife.date's API JSON of a product), whose series the EOL checks take\n"
	"instead of the shipped tables' when newer. Each FEED is one transaction that replaces\n"
	"what an earlier import of it held; a malformed FEED is refused and leaves the database\n"
	"as it was. info lists each source with the date of its data and its counts. update\n"
	"downloads the official feeds and the end-of-life data over HTTPS (TLS always verified;\n"
	"the list in docs/db-update.md, or --source/--sources), each continued from where an\n"
	"earlier run was cut off, verified (an apt index against its suite's InRelease: the\n"
	"SHA256 it lists, and with --keyring its signature, checked with gpgv; every feed's\n"
	"format) and imported in one transaction: a source that fails is named, leaves the\n"
	"database as it was, and makes the exit status 2 while the others still update.\n"
	"import --release checks an index the same way. import, info and scan\n"
	"never use the network.";

struct db_args {
	const char *db;
	struct vdb_import_opts imp;
	const char *sources_file, *ca_file;
	struct cli_update_source *src;
	size_t n_src;
	int bad; /* an option's argument was refused (message printed) */
};

/* Adds source NAME=URL (or "NAME URL" of a sources file); -1 after a message. */
static int add_source(struct db_args *a, const char *name, size_t name_len, const char *url,
		      const char *where)
{
	char *n = strndup(name, name_len);
	size_t ul = strlen(url);

	if (!n)
		abort();
	if (!cli_update_name_ok(n) || strncmp(url, "https://", 8) != 0 || ul > 2000 ||
	    strpbrk(url, " \t\"'\\") || a->n_src >= IA_MAX_UPDATE_SOURCES) {
		cli_error("%s: '%s' is not NAME=URL with a NAME of letters, digits and ._- and an "
			  "https:// URL (at most %u sources)",
			  where, n, IA_MAX_UPDATE_SOURCES);
		free(n);
		return -1;
	}
	for (size_t i = 0; i < ul; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f) {
			cli_error("%s: the URL of %s holds a control or non-ASCII byte", where, n);
			free(n);
			return -1;
		}
	a->src = realloc(a->src, (a->n_src + 1) * sizeof(*a->src));
	if (!a->src)
		abort();
	a->src[a->n_src++] = (struct cli_update_source){n, strdup(url)};
	return 0;
}

static int add_source_opt(struct db_args *a, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (!eq) {
		cli_error("--source '%s': NAME=URL expected", arg);
		return -1;
	}
	return add_source(a, arg, (size_t)(eq - arg), eq + 1, "--source");
}

/* The sources file: "NAME URL" lines, blank lines and '#' comments. -1 after a message. */
static int read_sources(struct db_args *a, const char *path)
{
	FILE *f = fopen(path, "re");
	char line[2200];
	unsigned no = 0;
	int r = 0;

	if (!f) {
		cli_error("cannot read --sources %s: %s", path, strerror(errno));
		return -1;
	}
	while (!r && fgets(line, sizeof(line), f)) {
		char *p = line, *e, where[300];
		size_t l = strlen(line);

		no++;
		snprintf(where, sizeof(where), "%.250s:%u", path, no);
		if (l && line[l - 1] != '\n' && !feof(f)) {
			cli_error("%s: line longer than %zu bytes", where, sizeof(line) - 2);
			r = -1;
			break;
		}
		line[strcspn(line, "\r\n")] = 0;
		p += strspn(p, " \t");
		if (!*p || *p == '#')
			continue;
		e = p + strcspn(p, " \t=");
		if (!*e) {
			cli_error("%s: 'NAME URL' expected", where);
			r = -1;
			break;
		}
		r = add_source(a, p, (size_t)(e - p), e + 1 + strspn(e + 1, " \t"), where);
	}
	fclose(f);
	return r;
}

static int db_opt(int id, const char *arg, void *ctx)
{
	struct db_args *a = ctx;

	switch (id) {
	case 'd':
		a->db = arg;
		return 0;
	case OPT_SUITE:
		a->imp.suite = arg;
		return 0;
	case OPT_RELEASE:
		a->imp.release_file = arg;
		return 0;
	case OPT_SOURCE:
		if (add_source_opt(a, arg) < 0)
			a->bad = 1;
		return 0;
	case OPT_SOURCES:
		a->sources_file = arg;
		return 0;
	case OPT_CA:
		a->ca_file = arg;
		return 0;
	case OPT_KEYRING:
		a->imp.keyring = arg;
		return 0;
	default:
		return -1;
	}
}

/* mkdir -p of the default path's directory ($XDG_DATA_HOME/imgaudit). */
static void make_parent(const char *path)
{
	char d[4096];
	char *s;

	if (snprintf(d, sizeof(d), "%s", path) >= (int)sizeof(d))
		return;
	s = strrchr(d, '/');
	if (!s || s == d)
		return;
	*s = 0;
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		(void)mkdir(d, 0755);
		*p = '/';
	}
	(void)mkdir(d, 0755);
}

static void print_day(FILE *out, int64_t t)
{
	char day[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) || !strftime(day, sizeof(day), "%Y-%m-%d", &tm))
		fputs("unknown", out);
	else
		fputs(day, out);
}

static int do_import(const char *path, bool named, const struct vdb_import_opts *o, int n,
		     char **feeds)
{
	struct vdb *db = NULL;
	struct ia_err err = {0};
	int ret = CLI_PASS;

	if (!named)
		make_parent(path);
	if (vdb_open(path, true, &db, &err) < 0) {
		cli_error_err("cannot open the vulnerability database", &err);
		return CLI_ERROR;
	}
	for (int i = 0; i < n; i++) {
		struct vdb_import_result res;

		memset(&err, 0, sizeof(err));
		if (vdb_import_opts(db, feeds[i], o, &res, &err) < 0) {
			cli_error_err("feed refused, the database is unchanged", &err);
			ret = CLI_ERROR;
			continue;
		}
		if (strncmp(res.format, "eol-", 4) == 0)
			printf("%s: %s, source %s: %zu series", feeds[i], res.format, res.source,
			       res.affected);
		else if (res.packages || strncmp(res.format, "apt-index", 9) == 0)
			printf("%s: %s, source %s: %zu packages (%s)", feeds[i], res.format,
			       res.source, res.packages, res.verified);
		else
			printf("%s: %s, source %s: %zu advisories, %zu affected entries", feeds[i],
			       res.format, res.source, res.advisories, res.affected);
		if (res.skipped)
			printf(" (%zu entries left out; the first: %s)", res.skipped, res.skip_why);
		putchar('\n');
	}
	vdb_close(db);
	return ret;
}

static int do_info(const char *path)
{
	struct vdb *db = NULL;
	struct ia_err err = {0};
	struct vdb_source *v = NULL;
	size_t n = 0;

	if (vdb_open(path, false, &db, &err) < 0) {
		cli_error_err("cannot open the vulnerability database", &err);
		if (err.code == -ENOENT)
			fputs("imgaudit: make one with imgaudit db import FEED...\n", stderr);
		return CLI_ERROR;
	}
	if (vdb_sources(db, &v, &n, &err) < 0) {
		cli_error_err("cannot read the vulnerability database", &err);
		vdb_close(db);
		return CLI_ERROR;
	}
	printf("database: %s (schema %d), %zu source%s\n", path, vdb_schema(db), n,
	       n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		printf("%s\n  kind: %s\n  data of: ", v[i].name, v[i].kind);
		print_day(stdout, v[i].data_date);
		printf("\n  imported: ");
		print_day(stdout, v[i].imported_at);
		if (strncmp(v[i].kind, "eol-", 4) == 0) /* affected: its series */
			printf("\n  series: %lld\n  product: %s\n", (long long)v[i].affected,
			       v[i].releases);
		else if (strcmp(v[i].kind, "apt-index") == 0) /* affected: its packages */
			printf("\n  packages: %lld\n  suite: %s\n  verification: %s\n",
			       (long long)v[i].affected, v[i].releases,
			       v[i].verified[0] ? v[i].verified
						: "not recorded (imported by an older imgaudit)");
		else
			printf("\n  advisories: %lld\n  affected entries: %lld\n  releases: %s\n",
			       (long long)v[i].advisories, (long long)v[i].affected,
			       v[i].releases[0] ? v[i].releases : "(none)");
	}
	vdb_sources_free(v, n);
	vdb_close(db);
	return CLI_PASS;
}

static void args_free(struct db_args *a)
{
	for (size_t i = 0; i < a->n_src; i++) {
		free((char *)a->src[i].name);
		free((char *)a->src[i].url);
	}
	free(a->src);
}

static int do_update(struct db_args *a, const char *path, bool named, int argc, char **argv,
		     int first)
{
	const struct cli_update_source *v;
	size_t n;

	if (cli_operands(argc, argv, first + 1, 0, 0, "") < 0)
		return CLI_ERROR;
	if (a->sources_file && read_sources(a, a->sources_file) < 0)
		return CLI_ERROR;
	if (!named)
		make_parent(path);
	v = a->n_src ? a->src : cli_update_defaults(&n);
	if (a->n_src)
		n = a->n_src;
	return cli_db_update(path, v, n, a->ca_file, a->imp.keyring);
}

static int db_run(struct db_args *a, int argc, char **argv, int first)
{
	const char *what = argv[first];
	char path[4096];
	bool named;

	if (strcmp(what, "import") != 0 && strcmp(what, "info") != 0 &&
	    strcmp(what, "update") != 0) {
		cli_error("unknown db command '%s' (import, update, info)", what);
		return CLI_ERROR;
	}
	if (cli_vulndb_path(a->db, path, sizeof(path), &named) < 0) {
		cli_error("no database path: give --db FILE or set IMGAUDIT_DB (neither "
			  "XDG_DATA_HOME nor HOME is set)");
		return CLI_ERROR;
	}
	if (strcmp(what, "info") == 0) {
		if (cli_operands(argc, argv, first + 1, 0, 0, "") < 0)
			return CLI_ERROR;
		return do_info(path);
	}
	if (strcmp(what, "update") == 0)
		return do_update(a, path, named, argc, argv, first);
	if (cli_operands(argc, argv, first + 1, 1, 1 << 20, "FEED...") < 0)
		return CLI_ERROR;
	if (a->imp.suite && a->imp.release_file) {
		cli_error("--suite and --release both name the suite: give one");
		return CLI_ERROR;
	}
	return do_import(path, named, &a->imp, argc - first - 1, argv + first + 1);
}

int cmd_db(int argc, char **argv)
{
	struct db_args a = {0};
	int first, r;

	first = cli_parse(argc, argv, db_usage, db_opts, db_opt, &a);
	if (first < 0 || a.bad) {
		args_free(&a);
		return CLI_ERROR;
	}
	if (first >= argc) {
		cli_error("db needs a command: import FEED..., update or info (see imgaudit db "
			  "--help)");
		args_free(&a);
		return CLI_ERROR;
	}
	r = db_run(&a, argc, argv, first);
	args_free(&a);
	return r;
}
