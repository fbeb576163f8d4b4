/* cmd_db.c — `imgaudit db import|info`: the offline vulnerability database */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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

enum { OPT_SUITE = 256, OPT_RELEASE };

static const struct cli_opt db_opts[] = {
	{"db", 'd', "FILE",
	 "the database file (default: $IMGAUDIT_DB, else $XDG_DATA_HOME/imgaudit/vuln.db, "
	 "~/.local/share/imgaudit/vuln.db without XDG_DATA_HOME)"},
	{"suite", OPT_SUITE, "NAME",
	 "import: the suite of the apt Packages indexes among the FEEDs (bookworm-security)"},
	{"release", OPT_RELEASE, "FILE",
	 "import: the apt Release or InRelease file of that suite (its Codename or Suite ending "
	 "in -security, and its Date)"},
	{NULL, 0, NULL, NULL},
};

static const char db_usage[] =
	"usage: imgaudit db import [--db FILE] [--suite NAME | --release FILE] FEED...\n"
	"       imgaudit db info [--db FILE]\n\n"
	"The offline vulnerability database that imgaudit scan matches installed packages\n"
	"against. import reads each FEED, its format told by its content: an OSV record (JSON),\n"
	"a JSON array of records, a directory of records or an OSV zip dump (Debian, Ubuntu,\n"
	"Alpine, AlmaLinux, Rocky, Red Hat, npm, PyPI, Maven, Go, Packagist, crates.io,\n"
	"RubyGems), the Debian security tracker JSON, an Alpine secdb (JSON or YAML), or the apt\n"
	"Packages index of a security suite (plain or compressed; its suite named by --suite or\n"
	"--release), which scan uses for the missing security updates when the image holds no\n"
	"index of its own. Each FEED is one transaction that replaces what an earlier import of\n"
	"it held; a malformed FEED is refused and leaves the database as it was. info lists each\n"
	"source with the date of its data and its counts. Nothing is downloaded.";

struct db_args {
	const char *db;
	struct vdb_import_opts imp;
};

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
		if (res.packages || strncmp(res.format, "apt-index", 9) == 0)
			printf("%s: %s, source %s: %zu packages", feeds[i], res.format, res.source,
			       res.packages);
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
		printf("\n  advisories: %lld\n  affected entries: %lld\n  releases: %s\n",
		       (long long)v[i].advisories, (long long)v[i].affected,
		       v[i].releases[0] ? v[i].releases : "(none)");
	}
	vdb_sources_free(v, n);
	vdb_close(db);
	return CLI_PASS;
}

int cmd_db(int argc, char **argv)
{
	struct db_args a = {0};
	const char *opt, *what;
	char path[4096];
	bool named;
	int first;

	first = cli_parse(argc, argv, db_usage, db_opts, db_opt, &a);
	opt = a.db;
	if (first < 0)
		return CLI_ERROR;
	if (first >= argc) {
		cli_error("db needs a command: import FEED... or info (see imgaudit db --help)");
		return CLI_ERROR;
	}
	what = argv[first];
	if (strcmp(what, "import") != 0 && strcmp(what, "info") != 0) {
		cli_error("unknown db command '%s' (import, info)", what);
		return CLI_ERROR;
	}
	if (cli_vulndb_path(opt, path, sizeof(path), &named) < 0) {
		cli_error("no database path: give --db FILE or set IMGAUDIT_DB (neither "
			  "XDG_DATA_HOME nor HOME is set)");
		return CLI_ERROR;
	}
	if (strcmp(what, "info") == 0) {
		if (cli_operands(argc, argv, first + 1, 0, 0, "") < 0)
			return CLI_ERROR;
		return do_info(path);
	}
	if (cli_operands(argc, argv, first + 1, 1, 1 << 20, "FEED...") < 0)
		return CLI_ERROR;
	if (a.imp.suite && a.imp.release_file) {
		cli_error("--suite and --release both name the suite: give one");
		return CLI_ERROR;
	}
	return do_import(path, named, &a.imp, argc - first - 1, argv + first + 1);
}
