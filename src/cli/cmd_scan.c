/* cmd_scan.c — `imgaudit scan TARGET`: the audit, with one verdict */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checks/audit.h"
#include "checks/check.h"
#include "findings/waivers.h"
#include "report/i18n.h"
#include "checks/malware.h"
#include "report/report.h"
#include "util/clock.h"
#include "util/datafile.h"
#include "vulndb/db.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum {
	OPT_FAIL_AT = 256,
	OPT_SEVERITY,
	OPT_COLOR,
	OPT_PROFILE,
	OPT_PASSWORD_BUDGET,
	OPT_MAX_AGE,
	OPT_ALLOW_BASE,
	OPT_TIMINGS,
	OPT_VERIFY_LAYERS,
	OPT_ACCEPT_INCOMPLETE,
	OPT_BACKING_DIR,
	OPT_WAIVERS,
	OPT_LANG,
	OPT_SECURITY_INDEX,
	OPT_DATE,
	OPT_DB,
	OPT_DB_MAX_AGE,
	OPT_COUNT_UNFIXED,
	OPT_RULES,
	OPT_CERT_DAYS,
	OPT_CLAMAV,
	OPT_ONLY,
	OPT_SKIP,
	OPT_KEYRING,
};

/* Default of --db-max-age: the distributions publish advisories daily; a week-old database
 * misses a week of fixes, so the scan says so (and still runs). */
#define SCAN_DB_MAX_AGE_DEFAULT 7

/* the help text of --keyring says "at most 8" */
_Static_assert(IA_MAX_KEYRINGS == 8, "--keyring's help says at most 8");

static const struct cli_opt scan_opts[] = {
	{"type", 't', "KIND",
	 "target kind: dir, host, docker-archive, oci-dir, oci-archive, disk "
	 "(default: detected)"},
	{"format", 'f', "FORMAT",
	 "table (default), json, sarif (SARIF 2.1.0), junit (JUnit XML, a test case per clause), "
	 "cyclonedx (CycloneDX 1.5 JSON SBOM), spdx (SPDX 2.3 JSON SBOM) or html (one "
	 "self-contained file; --lang); repeatable: the Nth -f "
	 "goes to the Nth -o FILE, so one audit "
	 "writes several (-f json -o r.json -f table -o r.txt); one -f may go without -o to "
	 "standard output"},
	{"lang", OPT_LANG, "LANG",
	 "language of the html report's clause titles, verdicts and fixed phrases: en (default) or "
	 "zh (Chinese)"},
	{"output", 'o', "FILE",
	 "write the report to FILE instead of standard output (then the one-line result goes to "
	 "standard output); repeatable, paired with -f"},
	{"profile", OPT_PROFILE, "NAME|FILE",
	 "verdict per clause of a profile: jdcloud, aliyun, "
	 "sysreq, jike, all (default), or a profile file"},
	{"fail-at", OPT_FAIL_AT, "SEVERITY",
	 "fail on findings at or above SEVERITY (default: the "
	 "profile's gate)"},
	{"accept-incomplete", OPT_ACCEPT_INCOMPLETE, NULL,
	 "exit 0 when no clause fails although some were not examined (default: exit 1)"},
	{"severity", OPT_SEVERITY, "ID=SEVERITY", "override the severity of check ID (repeatable)"},
	{"waivers", OPT_WAIVERS, "FILE",
	 "waive findings listed in FILE (check or fingerprint, path glob, reason, owner, expiry "
	 "date; docs/waivers.md); default: .imgaudit-waivers.yaml in the current directory when it "
	 "exists. A waived finding is listed and fails nothing; an expired or stale waiver is "
	 "reported; a malformed file stops the audit (exit 2)"},
	{"password-budget", OPT_PASSWORD_BUDGET, "SECONDS",
	 "time the weak-password test may "
	 "spend (default 5; 0 turns it off)"},
	{"max-age", OPT_MAX_AGE, "DAYS",
	 "maximum age of a container image (default 90; 0 turns "
	 "the check off)"},
	{"allow-base", OPT_ALLOW_BASE, "REF",
	 "an allowed base image reference or prefix "
	 "(repeatable; none: not checked)"},
	{"security-index", OPT_SECURITY_INDEX, "PATH",
	 "what to find missing security updates with, besides the image's own lists and "
	 "caches (repeatable): for dpkg images an apt Packages index of a security suite "
	 "(plain or compressed), for rpm images a repository directory (repodata/ with "
	 "primary.xml and updateinfo.xml), for apk images an APKINDEX.tar.gz"},
	{"keyring", OPT_KEYRING, "FILE",
	 "OpenPGP keys you trust (such as this host's "
	 "/usr/share/keyrings/debian-archive-keyring.gpg; repeatable, at most 8): the signature of "
	 "the InRelease (or Release and Release.gpg) of each of the image's apt lists the missing "
	 "security updates are read from is checked against them with gpgv; a bad or unverifiable "
	 "one leaves JD-1.1e NOT EXAMINED. Without it the signature is not checked (a note); the "
	 "image's own keyring is never trusted"},
	{"date", OPT_DATE, "YYYY-MM-DD",
	 "the reference date for end of life, image age, certificate validity and the age of "
	 "pending fixes; the reports say they were made that day (default: today, UTC)"},
	{"cert-days", OPT_CERT_DAYS, "DAYS",
	 "report certificates ending within DAYS of the reference date as expiring (default 30; 0 "
	 "turns that check off)"},
	{"db", OPT_DB, "FILE",
	 "the vulnerability database (default: $IMGAUDIT_DB, else "
	 "$XDG_DATA_HOME/imgaudit/vuln.db when it exists; see imgaudit db); without one the "
	 "vulnerability clauses are NOT EXAMINED"},
	{"db-max-age", OPT_DB_MAX_AGE, "DAYS",
	 "warn when a source of the vulnerability database is older than DAYS (default 7; 0 "
	 "turns the warning off; the scan still runs)"},
	{"count-unfixed", OPT_COUNT_UNFIXED, NULL,
	 "count vulnerabilities the distribution has not fixed (open, no-DSA, ignored) against "
	 "the gate with their severity (default: listed as info)"},
	{"rules", OPT_RULES, "PATH",
	 "also scan file contents with the YARA rules in PATH, a rule file or a directory of "
	 "*.yar and *.yara files (repeatable); a rule that does not compile is an error (exit 2)"},
	{"clamav", OPT_CLAMAV, "[=DB]",
	 "also scan the same files through libclamav with the ClamAV database DB, a directory "
	 "or one database file (default: libclamav's database directory); check MAL-003. "
	 "Without a database there, MAL-003's clauses are NOT EXAMINED"},
	{"only", OPT_ONLY, "LIST",
	 "run only these checks: check IDs (MAL-001) or family names (malware: the sections of "
	 "docs/checks.md, \"family\" in imgaudit checks -f json), comma-separated, repeatable; "
	 "the clauses of the others are NOT EXAMINED (turned off)"},
	{"skip", OPT_SKIP, "LIST",
	 "do not run these checks (IDs or families as for --only); their clauses are NOT "
	 "EXAMINED (turned off). What could not be read of the target is always reported"},
	{"exclude", 'x', "GLOB",
	 "leave paths matching GLOB out of the audit (a GLOB with a / is matched against the "
	 "whole path, * also matching /; one without against the name); a directory with all "
	 "below it; the report lists each GLOB and how many entries it left out (repeatable)"},
	{"quiet", 'q', NULL,
	 "print only the one-line result (with -o FILE: nothing; the report still goes to FILE); "
	 "-qq prints nothing; the exit status is the same. Without it, on a terminal, an audit "
	 "longer than a second shows its progress on standard error"},
	{"color", OPT_COLOR, "WHEN",
	 "auto (default: on a terminal, unless NO_COLOR is set or TERM=dumb), always or never"},
	{"verify-layers", OPT_VERIFY_LAYERS, NULL,
	 "also hash uncompressed layers against their "
	 "digests (compressed ones always are)"},
	{"backing-dir", OPT_BACKING_DIR, "DIR",
	 "disk images: open a qcow2 backing file only inside DIR (default: an image with a "
	 "backing file is refused)"},
	{"timings", OPT_TIMINGS, NULL,
	 "print the time of each stage and check family on standard "
	 "error"},
	{NULL, 0, NULL, NULL},
};

static const char scan_usage[] =
	"usage: imgaudit scan [options] TARGET\n\n"
	"Audits TARGET (a root filesystem directory, / for the live host, a docker-save archive, "
	"or\n"
	"an OCI image layout as directory or tar, a VM disk image (raw, qcow2, VMDK, VHD,\n"
	"VHDX), - for an archive on standard input; image\n"
	"references are not pulled: docker save IMAGE -o image.tar first) and prints every\n"
	"finding with its evidence, clauses and fix, and a verdict per clause of the profile.\n"
	"The result is pass, fail (a clause fails) or incomplete (none fails, but a clause a\n"
	"check should serve was not examined). Exit status: 0 pass (or incomplete with\n"
	"--accept-incomplete), 1 fail or incomplete, 2 it could not audit.";

struct scan_args {
	enum tgt_kind kind;
	enum rpt_format formats[IA_MAX_OUTPUTS];
	size_t n_formats;
	const char *outputs[IA_MAX_OUTPUTS];
	size_t n_outputs;
	enum fnd_sev fail_at;
	bool fail_at_set;
	const char *profile;
	double password_budget;
	int64_t max_age;
	int64_t cert_days; /* --cert-days; 0: the default, -1: off */
	const char **bases;
	size_t n_bases, cap_bases;
	int color; /* -1 auto, 0 never, 1 always */
	bool timings;
	int quiet; /* -q: the result line only; -qq: nothing */
	bool verify_layers;
	bool accept_incomplete;
	const char *backing_dir;
	const char *db;
	int64_t db_max_age;
	bool count_unfixed;
	struct chk_override *overrides;
	size_t n_overrides, cap_overrides;
	const char **excludes;
	size_t n_excludes, cap_excludes;
	const char *waivers; /* --waivers FILE */
	const char *lang;    /* --lang */
	const char **sec_indexes;
	size_t n_sec_indexes, cap_sec_indexes;
	const char **keyrings; /* --keyring */
	size_t n_keyrings, cap_keyrings;
	int64_t now; /* --date, seconds since the epoch; 0: today */
	const char **rules;
	size_t n_rules, cap_rules;
	bool clamav;
	const char *clamav_db; /* --clamav=DB */
	/* --only, --skip: the names given (strings of the list split at commas, owned) */
	char **only, **skip;
	size_t n_only, cap_only, n_skip, cap_skip;
	char why[256]; /* "turned off: scan --only malware" */
};

/* Splits a comma-separated --only/--skip list into names appended to v; the option (with its
 * list) goes into why. */
static int add_names(struct scan_args *a, int id, const char *arg)
{
	const char *opt = id == OPT_ONLY ? "only" : "skip";
	char ***v = id == OPT_ONLY ? &a->only : &a->skip;
	size_t *n = id == OPT_ONLY ? &a->n_only : &a->n_skip;
	size_t *cap = id == OPT_ONLY ? &a->cap_only : &a->cap_skip;
	size_t at = strlen(a->why);

	for (const char *p = arg;; p++) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (!len) {
			cli_error("--%s wants check IDs or family names separated by commas, not "
				  "'%s'",
				  opt, arg);
			return -1;
		}
		ia_grow(v, sizeof(**v), *n + 1, cap);
		(*v)[(*n)++] = ia_xstrndup(p, len);
		if (!end)
			break;
		p = end;
	}
	snprintf(a->why + at, sizeof(a->why) - at, "%s--%s %s", at ? " " : "turned off: scan ", opt,
		 arg);
	return 0;
}

/* -f FORMAT and -o FILE, kept in order (paired by scan_pair_outputs). */
static int scan_opt_output(struct scan_args *a, int id, const char *arg)
{
	if (id == 'f') {
		if (a->n_formats == IA_MAX_OUTPUTS) {
			cli_error("more than %d -f", IA_MAX_OUTPUTS);
			return -1;
		}
		if (rpt_format_parse(arg, &a->formats[a->n_formats]) < 0) {
			cli_error("unknown format '%s' (%s)", arg, RPT_FORMAT_NAMES);
			return -1;
		}
		a->n_formats++;
		return 0;
	}
	if (a->n_outputs == IA_MAX_OUTPUTS) {
		cli_error("more than %d -o", IA_MAX_OUTPUTS);
		return -1;
	}
	a->outputs[a->n_outputs++] = arg;
	return 0;
}

/* The options of the updates family: --security-index FILE, --keyring FILE, --date
 * YYYY-MM-DD. */
static int scan_opt_updates(int id, const char *arg, struct scan_args *a)
{
	struct stat st;

	switch (id) {
	case OPT_KEYRING:
		errno = 0;
		if (stat(arg, &st) != 0 || access(arg, R_OK) != 0 || !S_ISREG(st.st_mode)) {
			cli_error("cannot read --keyring '%s': %s", arg,
				  errno ? strerror(errno) : "not a regular file");
			return -1;
		}
		if (a->n_keyrings == IA_MAX_KEYRINGS) {
			cli_error("more than %u --keyring", (unsigned)IA_MAX_KEYRINGS);
			return -1;
		}
		ia_grow(&a->keyrings, sizeof(*a->keyrings), a->n_keyrings + 1, &a->cap_keyrings);
		a->keyrings[a->n_keyrings++] = arg;
		return 0;
	case OPT_SECURITY_INDEX:
		if (access(arg, R_OK) < 0) {
			cli_error("cannot read --security-index '%s': %s", arg, strerror(errno));
			return -1;
		}
		ia_grow(&a->sec_indexes, sizeof(*a->sec_indexes), a->n_sec_indexes + 1,
			&a->cap_sec_indexes);
		a->sec_indexes[a->n_sec_indexes++] = arg;
		return 0;
	case OPT_DATE:
		a->now = ia_parse_day(arg);
		if (a->now < 0) {
			cli_error("--date wants a day as YYYY-MM-DD, not '%s'", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* The options that take a number from 0 to 1000000. */
static int scan_number(struct scan_args *a, int id, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || v < 0 || v > 1e6) {
		cli_error("--%s wants a number from 0 to 1000000, not '%s'",
			  id == OPT_MAX_AGE      ? "max-age"
			  : id == OPT_DB_MAX_AGE ? "db-max-age"
			  : id == OPT_CERT_DAYS  ? "cert-days"
						 : "password-budget",
			  arg);
		return -1;
	}
	if (id == OPT_MAX_AGE)
		a->max_age = v == 0 ? -1 : (int64_t)v;
	else if (id == OPT_CERT_DAYS)
		a->cert_days = v == 0 ? -1 : (int64_t)v;
	else if (id == OPT_DB_MAX_AGE)
		a->db_max_age = (int64_t)v;
	else
		a->password_budget = v == 0 ? -1 : v;
	return 0;
}

static int scan_opt_main(int id, const char *arg, void *ctx);

/* Appends arg to a repeatable option's list. */
static int add_arg(const char ***v, size_t *n, size_t *cap, const char *arg)
{
	ia_grow(v, sizeof(**v), *n + 1, cap);
	(*v)[(*n)++] = arg;
	return 0;
}

/* The disk image options, then the others. */
static int scan_opt(int id, const char *arg, void *ctx)
{
	struct scan_args *a = ctx;

	if (id != OPT_BACKING_DIR)
		return scan_opt_main(id, arg, ctx);
	a->backing_dir = arg;
	return 0;
}

/* The options that add to a list (--rules, --allow-base, --only, --skip) and --clamav. */
static int scan_opt_lists(struct scan_args *a, int id, const char *arg)
{
	switch (id) {
	case OPT_RULES:
		return add_arg(&a->rules, &a->n_rules, &a->cap_rules, arg);
	case OPT_CLAMAV:
		if (arg && !arg[0]) {
			cli_error("--clamav= wants a database directory or file");
			return -1;
		}
		a->clamav = true;
		a->clamav_db = arg;
		return 0;
	case OPT_ALLOW_BASE:
		return add_arg(&a->bases, &a->n_bases, &a->cap_bases, arg);
	default: /* --only, --skip */
		return add_names(a, id, arg);
	}
}

static int scan_opt_main(int id, const char *arg, void *ctx)
{
	struct scan_args *a = ctx;

	switch (id) {
	case 't':
		if (tgt_kind_parse(arg, &a->kind) < 0) {
			cli_error("unknown target kind '%s' (dir, host, docker-archive, oci-dir, "
				  "oci-archive, disk)",
				  arg);
			return -1;
		}
		return 0;
	case 'f':
	case 'o':
		return scan_opt_output(a, id, arg);
	case OPT_FAIL_AT:
		if (fnd_sev_parse(arg, &a->fail_at) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)", arg);
			return -1;
		}
		a->fail_at_set = true;
		return 0;
	case OPT_PROFILE:
		a->profile = arg;
		return 0;
	case OPT_DB:
		a->db = arg;
		return 0;
	case OPT_COUNT_UNFIXED:
		a->count_unfixed = true;
		return 0;
	case OPT_DB_MAX_AGE:
	case OPT_PASSWORD_BUDGET:
	case OPT_MAX_AGE:
	case OPT_CERT_DAYS:
		return scan_number(a, id, arg);
	case 'x':
		return cli_add_exclude(&a->excludes, &a->n_excludes, &a->cap_excludes, arg);
	case 'q':
		a->quiet++;
		return 0;
	case OPT_TIMINGS:
		a->timings = true;
		return 0;
	case OPT_VERIFY_LAYERS:
		a->verify_layers = true;
		return 0;
	case OPT_ACCEPT_INCOMPLETE:
		a->accept_incomplete = true;
		return 0;
	case OPT_WAIVERS:
		a->waivers = arg;
		return 0;
	case OPT_LANG:
		if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0) {
			cli_error("--lang wants en or zh, not '%s'", arg);
			return -1;
		}
		a->lang = arg;
		return 0;
	case OPT_RULES:
	case OPT_CLAMAV:
	case OPT_ALLOW_BASE:
	case OPT_ONLY:
	case OPT_SKIP:
		return scan_opt_lists(a, id, arg);
	case OPT_SEVERITY: {
		const char *eq = strchr(arg, '=');
		const struct chk_def *def;
		struct chk_override *o;
		char id_buf[64];

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(id_buf)) {
			cli_error("--severity wants ID=SEVERITY, not '%s'", arg);
			return -1;
		}
		snprintf(id_buf, sizeof(id_buf), "%.*s", (int)(eq - arg), arg);
		def = chk_find(id_buf);
		if (!def) {
			cli_error("unknown check '%s' (see imgaudit checks)", id_buf);
			return -1;
		}
		ia_grow(&a->overrides, sizeof(*a->overrides), a->n_overrides + 1,
			&a->cap_overrides);
		o = &a->overrides[a->n_overrides];
		if (fnd_sev_parse(eq + 1, &o->severity) < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)",
				  eq + 1);
			return -1;
		}
		o->id = def->id;
		a->n_overrides++;
		return 0;
	}
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			a->color = -1;
		else if (strcmp(arg, "always") == 0)
			a->color = 1;
		else if (strcmp(arg, "never") == 0)
			a->color = 0;
		else {
			cli_error("--color wants auto, always or never, not '%s'", arg);
			return -1;
		}
		return 0;
	default: /* --security-index, --keyring, --date */
		return scan_opt_updates(id, arg, a);
	}
	return -1;
}

/* The index and facts are built together (chk_audit_open); the checks by family. */
static void print_timings(const struct chk_audit_result *r)
{
	size_t n;
	const char *const *fams = chk_families(&n);

	fprintf(stderr, "timing: %-22s %8.4f s\n", "index and facts", r->open_seconds);
	for (size_t i = 0; i < n && i < CHK_MAX_FAMILIES; i++)
		fprintf(stderr, "timing: %-22s %8.4f s\n", fams[i], r->family_seconds[i]);
	fprintf(stderr, "timing: %-22s %8.4f s\n", "all checks", r->checks_seconds);
}

/* One output of the audit: a format and where it goes (path NULL: standard output). */
struct scan_out {
	enum rpt_format fmt;
	const char *path;
	FILE *out;
};

struct scan_outs {
	struct scan_out v[IA_MAX_OUTPUTS];
	size_t n;
	/* writable in the sandbox: libclamav's private temporary directory (--clamav), gpgv's
	 * (--keyring) */
	const char *writable[2];
};

static bool is_stdout(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

/*
 * Pairs the Nth -f with the Nth -o (order among other options does not matter): -o alone
 * writes the table there, -f alone standard output; at most one output on standard output and
 * no file named twice. -1 after a message.
 */
static int scan_pair_outputs(const struct scan_args *a, struct scan_outs *so)
{
	size_t n = a->n_formats > a->n_outputs ? a->n_formats : a->n_outputs, to_stdout = 0;

	if (a->n_outputs > 1 && a->n_outputs > a->n_formats) {
		cli_error("%zu -o FILE but %zu -f FORMAT: give each -o its -f (-f json -o r.json "
			  "-f table -o r.txt)",
			  a->n_outputs, a->n_formats);
		return -1;
	}
	so->n = n ? n : 1;
	for (size_t i = 0; i < so->n; i++) {
		so->v[i].fmt = i < a->n_formats ? a->formats[i] : RPT_FMT_TABLE;
		so->v[i].path = i < a->n_outputs ? a->outputs[i] : NULL;
		if (is_stdout(so->v[i].path))
			to_stdout++;
		for (size_t j = 0; j < i; j++) {
			if (!is_stdout(so->v[i].path) && !is_stdout(so->v[j].path) &&
			    strcmp(so->v[i].path, so->v[j].path) == 0) {
				cli_error("-o %s is named twice", so->v[i].path);
				return -1;
			}
		}
	}
	if (to_stdout > 1) {
		cli_error(
			"%zu outputs would go to standard output: give each -f but one its -o FILE",
			to_stdout);
		return -1;
	}
	return 0;
}

/* The output on standard output, or NULL when every one goes to a file. */
static const struct scan_out *stdout_output(const struct scan_outs *so)
{
	for (size_t i = 0; i < so->n; i++) {
		if (is_stdout(so->v[i].path))
			return &so->v[i];
	}
	return NULL;
}

/* Once the target is open: the outputs opened, then no more writes to the filesystem. */
static int scan_ready(void *arg)
{
	struct scan_outs *so = arg;

	for (size_t i = 0; i < so->n; i++) {
		so->v[i].out = cli_output(so->v[i].path);
		if (!so->v[i].out)
			return -EIO;
	}
	cli_sandbox_dirs(so->writable, sizeof(so->writable) / sizeof(so->writable[0]));
	return 0;
}

/* Closes what is still open (after an error); the files stay as written. */
static void scan_close_all(struct scan_outs *so)
{
	for (size_t i = 0; i < so->n; i++) {
		if (so->v[i].out)
			cli_close_output(so->v[i].out, so->v[i].path);
		so->v[i].out = NULL;
	}
}

/* The catalogue as the outputs describe it (SARIF rules). Free with free(). */
static struct rpt_rule *catalogue_rules(void)
{
	struct rpt_rule *v = ia_xcalloc(chk_catalogue_len + 1, sizeof(*v));

	for (size_t i = 0; i < chk_catalogue_len; i++) {
		const struct chk_def *d = &chk_catalogue[i];

		v[i] = (struct rpt_rule){.id = d->id,
					 .title = d->title,
					 .family = d->family,
					 .examines = d->examines,
					 .remediation = d->remediation,
					 .clauses = d->clauses,
					 .severity = d->severity};
	}
	return v;
}

/*
 * Writes every output. With -q the output on standard output is replaced by the result line
 * (-qq: nothing); the files are written all the same. Returns 0 or -1 (said why).
 */
static int scan_write_all(const struct scan_args *a, struct scan_outs *so,
			  const struct chk_audit_result *r, const struct rpt_i18n *tr,
			  bool tty_color)
{
	struct rpt_rule *rules = catalogue_rules();
	int bad = 0;

	for (size_t i = 0; i < so->n; i++) {
		struct scan_out *o = &so->v[i];
		struct rpt_ctx c = {.r = &r->report,
				    .t = &r->target,
				    .f = &r->facts,
				    .rules = rules,
				    .n_rules = chk_catalogue_len,
				    .tr = tr,
				    /* --date: the report is as of that day (reproducible) */
				    .now = a->now > 0 ? a->now : (int64_t)time(NULL)};
		int ret;

		if (o->out == stdout && a->quiet)
			ret = a->quiet == 1 ? rpt_write_result(o->out, &r->report, tty_color) : 0;
		else {
			c.color = a->color == 1 || (a->color == -1 && o->out == stdout &&
						    isatty(STDOUT_FILENO) && cli_color_allowed());
			ret = rpt_write(o->out, o->fmt, &c);
		}
		if (cli_close_output(o->out, o->path) < 0 || ret < 0)
			bad = -1;
		o->out = NULL;
	}
	free(rules);
	return bad;
}

#define DEFAULT_WAIVERS ".imgaudit-waivers.yaml"

/*
 * The waivers: --waivers FILE, else DEFAULT_WAIVERS when it exists (*have false when neither).
 * Read before the audit, so that a malformed file stops it before any output is written.
 * Returns 0, or -1 after a message.
 */
static int load_waivers(const struct scan_args *a, struct fnd_waivers *w, bool *have)
{
	const char *path = a->waivers ? a->waivers : DEFAULT_WAIVERS;
	struct ia_buf b = IA_BUF_INIT(IA_MAX_WAIVER_FILE + 1);
	struct ia_err err = {0};
	time_t now = time(NULL);
	char today[16] = "1970-01-01";
	struct tm tm;
	int ret;

	*have = false;
	ret = ia_host_file_read(path, "waiver file", IA_MAX_WAIVER_FILE, &b, &err);
	if (ret == -ENOENT && !a->waivers)
		return 0;
	if (ret < 0) {
		ia_buf_release(&b);
		cli_error_err("cannot read the waivers", &err);
		return -1;
	}
	if (gmtime_r(&now, &tm))
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	ret = fnd_waivers_parse(b.data ? b.data : "", b.len, path, today, w, &err);
	ia_buf_release(&b);
	if (ret < 0) {
		cli_error_err("malformed waiver file", &err);
		return -1;
	}
	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].check[0] && !chk_find(w->v[i].check)) {
			cli_error("malformed waiver file: %s:%u: unknown check '%s' (see imgaudit "
				  "checks)",
				  path, w->v[i].line, w->v[i].check);
			return -1;
		}
	}
	*have = true;
	return 0;
}

/* Expired and stale waivers on standard error: they need a decision. */
static void warn_waivers(const struct fnd_report *r)
{
	for (size_t i = 0; i < r->waivers.n; i++) {
		const struct fnd_waiver *w = &r->waivers.v[i];

		if (fnd_waiver_status(w) == FND_WAIVER_EXPIRED)
			cli_error(
				"waiver %s:%u expired on %s: it no longer applies (%zu finding%s)",
				r->waivers.file, w->line, w->expires, w->matched,
				w->matched == 1 ? "" : "s");
		else if (fnd_waiver_status(w) == FND_WAIVER_STALE)
			cli_error("waiver %s:%u is stale: it matches no finding", r->waivers.file,
				  w->line);
	}
}

/*
 * The progress line: on a terminal, for an audit longer than a second, a thread rewrites one
 * line of standard error with what the audit is doing, what it has done (layers read, entries
 * indexed, bytes of content read: the target's counters) and for how long, and clears it at the
 * end. Silent when standard error is not a terminal, and with -q.
 */
struct progress {
	pthread_t thread;
	bool started;
	_Atomic(const char *) stage;
	atomic_bool stop;
	double t0;
	struct ia_counters counts; /* advanced by the target (tgt_opts.counters) */
};

static void progress_set(void *arg, const char *stage)
{
	struct progress *p = arg;

	atomic_store(&p->stage, stage);
}

/* One line: the stage, then what has been done so far, then the time. */
static void progress_show(struct progress *p)
{
	uint64_t layers = IA_COUNTED(&p->counts, layers);
	uint64_t entries = IA_COUNTED(&p->counts, entries);
	uint64_t bytes = IA_COUNTED(&p->counts, bytes);
	char done[160] = "";
	int n = 0;

	if (layers)
		n = snprintf(done, sizeof(done), "%llu layer%s, ", (unsigned long long)layers,
			     layers == 1 ? "" : "s");
	if (n >= 0 && (size_t)n < sizeof(done))
		snprintf(done + n, sizeof(done) - (size_t)n, "%llu entries, %.1f MB read",
			 (unsigned long long)entries, (double)bytes / 1e6);
	fprintf(stderr, "\r\033[Kimgaudit: %s: %s (%.0f s)", atomic_load(&p->stage), done,
		ia_now_seconds() - p->t0);
}

static void *progress_run(void *arg)
{
	struct progress *p = arg;
	const struct timespec tick = {.tv_nsec = 100 * 1000 * 1000};
	bool shown = false;
	unsigned n = 0;

	while (!atomic_load(&p->stop)) {
		nanosleep(&tick, NULL);
		if (ia_now_seconds() - p->t0 < 1.0 || ++n % 3 != 1 || atomic_load(&p->stop))
			continue;
		progress_show(p);
		fflush(stderr);
		shown = true;
	}
	if (shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	return NULL;
}

static void progress_start(struct progress *p, const struct scan_args *a)
{
	atomic_store(&p->stage, "starting");
	atomic_store(&p->stop, false);
	p->t0 = ia_now_seconds();
	p->started = !a->quiet && isatty(STDERR_FILENO) &&
		     pthread_create(&p->thread, NULL, progress_run, p) == 0;
}

static void progress_stop(struct progress *p)
{
	if (!p->started)
		return;
	atomic_store(&p->stop, true);
	pthread_join(p->thread, NULL);
	p->started = false;
}

/* Says why an audit stopped (the ready hook has said it already). */
static void audit_error(const struct scan_args *a, const char *spec, struct chk_audit_result *r)
{
	char what[300];

	switch (r->stage) {
	case CHK_AUDIT_PROFILE:
		snprintf(what, sizeof(what), "cannot load profile '%s'", a->profile);
		if (!r->err.msg[0])
			ia_err_set(&r->err, r->err.code, NULL, 0,
				   "no such profile (built in: jdcloud, "
				   "aliyun, sysreq, jike, all)");
		cli_error_err(what, &r->err);
		break;
	case CHK_AUDIT_OPEN:
		cli_open_error(spec, &r->err);
		break;
	case CHK_AUDIT_COLLECT:
		cli_error("%s", r->err.msg);
		break;
	case CHK_AUDIT_READY:
	case CHK_AUDIT_DONE:
		break;
	}
}

/* Opens the vulnerability database a scan reads (read-only, before the sandbox): the one named
 * (--db, IMGAUDIT_DB; an error when it cannot be opened), else the default one when it exists.
 * Warns about sources older than max_age days. Returns 0 (*db NULL: none) or -1 after a message. */
static int open_vulndb(const char *opt, int64_t max_age, struct vdb **db)
{
	char path[4096];
	struct ia_err err = {0};
	struct vdb_source *v = NULL;
	bool named;
	size_t n = 0;
	int r;

	*db = NULL;
	if (cli_vulndb_path(opt, path, sizeof(path), &named) < 0)
		return named ? -1 : 0;
	r = vdb_open(path, false, db, &err);
	if (r == -ENOENT && !named)
		return 0;
	if (r < 0 && !named) {
		/* the default file of another user's HOME (sudo, setpriv): scan without it */
		cli_error("warning: %s: %s; scanning without a vulnerability database", path,
			  err.msg);
		return 0;
	}
	if (r < 0) {
		cli_error_err("cannot open the vulnerability database", &err);
		return -1;
	}
	if (vdb_sources(*db, &v, &n, &err) == 0) {
		int64_t now = (int64_t)time(NULL);

		if (!n)
			cli_error("warning: the vulnerability database %s holds no source", path);
		for (size_t i = 0; i < n; i++)
			if (max_age > 0 && v[i].data_date > 0 &&
			    now - v[i].data_date > max_age * 86400)
				cli_error("warning: vulnerability source %s is %lld days old (over "
					  "--db-max-age %lld): newer fixes are not known to this "
					  "scan",
					  v[i].name, (long long)((now - v[i].data_date) / 86400),
					  (long long)max_age);
	}
	vdb_sources_free(v, n);
	return 0;
}

/* Removes the empty directory dir once this process has ended: the sandbox forbids removing
 * it from here, so a child forked before the sandbox waits for the end of a pipe. */
static void rmdir_at_exit(const char *dir)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		for (;;) {
			ssize_t n = read(p[0], &c, 1);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
		}
		rmdir(dir);
		_exit(0);
	}
	close(p[0]);
	if (pid < 0)
		close(p[1]); /* p[1] otherwise stays open until this process ends */
}

/* --clamav: libclamav writes a directory per scan; a private one, writable in the sandbox and
 * removed once imgaudit ends (none made: libclamav's default, which clam_load probes). */
static void clamav_tmpdir(char *buf, size_t cap, struct scan_outs *so, struct chk_opts *chk)
{
	const char *t = getenv("TMPDIR");

	if (snprintf(buf, cap, "%s/imgaudit-clamav.XXXXXX", t && *t ? t : "/tmp") >= (int)cap ||
	    !mkdtemp(buf))
		return;
	so->writable[0] = buf;
	chk->clamav_tmp = buf;
	rmdir_at_exit(buf);
}

/* --keyring: gpgv gets a copy of each Release file of the image's lists (and writes the text it
 * verified) in a private directory made here, writable in the sandbox and removed once imgaudit
 * ends. None made: gpgv's directories go under $TMPDIR, which the sandbox does not let it write
 * (the signatures are then not checked, each a gap). */
static void gpgv_tmpdir(char *buf, size_t cap, struct scan_outs *so, struct chk_opts *chk)
{
	const char *t = getenv("TMPDIR");

	if (snprintf(buf, cap, "%s/imgaudit-gpgv.XXXXXX", t && *t ? t : "/tmp") >= (int)cap ||
	    !mkdtemp(buf)) {
		cli_error("warning: cannot make a temporary directory for gpgv: %s",
			  strerror(errno));
		return;
	}
	so->writable[1] = buf;
	chk->gpgv_tmp = buf;
	rmdir_at_exit(buf);
}

/* The private temporary directories the options ask for (clam and gpgv: IA_MAX_PATH bytes). */
static void scan_tmpdirs(const struct scan_args *a, char *clam, char *gpgv, struct scan_outs *so,
			 struct chk_opts *chk)
{
	if (a->clamav)
		clamav_tmpdir(clam, IA_MAX_PATH, so, chk);
	if (a->n_keyrings)
		gpgv_tmpdir(gpgv, IA_MAX_PATH, so, chk);
}

static void scan_args_release(struct scan_args *a)
{
	free(a->overrides);
	free(a->bases);
	free(a->excludes);
	free(a->sec_indexes);
	free(a->keyrings);
	free(a->rules);
	for (size_t i = 0; i < a->n_only; i++)
		free(a->only[i]);
	for (size_t i = 0; i < a->n_skip; i++)
		free(a->skip[i]);
	free(a->only);
	free(a->skip);
}

/* The checks --only and --skip turn off (*off: NULL when neither was given). */
static int select_checks(const struct scan_args *a, bool **off)
{
	const char *bad = NULL;

	if (!a->n_only && !a->n_skip)
		return 0;
	*off = ia_xcalloc(chk_catalogue_len ? chk_catalogue_len : 1, sizeof(**off));
	if (chk_select((const char *const *)a->only, a->n_only, (const char *const *)a->skip,
		       a->n_skip, *off, &bad) < 0) {
		if (strcmp(bad, "input") == 0)
			cli_error("the input family (what could not be read of the target) always "
				  "runs");
		else
			cli_error(
				"unknown check or family '%s' (imgaudit checks -f json gives each "
				"check's ID and family)",
				bad);
		return -1;
	}
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a = {.kind = TGT_AUTO,
			      .color = -1,
			      .profile = "all",
			      .db_max_age = SCAN_DB_MAX_AGE_DEFAULT};
	struct vdb *vulndb = NULL;
	struct scan_outs so = {0};
	struct chk_audit_result r = {0};
	struct fnd_waivers waivers = {0};
	bool have_waivers = false;
	struct rpt_i18n tr = {0};
	struct ia_err lang_err = {0};
	struct progress prog = {0};
	char clam_tmp[IA_MAX_PATH], gpgv_tmp[IA_MAX_PATH];
	bool *off = NULL;
	int first, ret = CLI_ERROR;

	first = cli_parse(argc, argv, scan_usage, scan_opts, scan_opt, &a);
	if (first < 0)
		goto done;
	if (cli_operands(argc, argv, first, 1, 1, "TARGET") < 0 || scan_pair_outputs(&a, &so) < 0 ||
	    load_waivers(&a, &waivers, &have_waivers) < 0)
		goto done;
	if (rpt_i18n_load(a.lang, &tr, &lang_err) < 0) { /* before the audit: no output yet */
		cli_error_err("cannot load the report's language", &lang_err);
		goto done;
	}
	if (open_vulndb(a.db, a.db_max_age, &vulndb) < 0)
		goto done;
	if (select_checks(&a, &off) < 0)
		goto done;

	struct chk_audit_opts o = {
		.target = argv[first],
		.tgt = {.kind = a.kind,
			.verify_layers = a.verify_layers,
			.excludes = a.excludes,
			.n_excludes = a.n_excludes,
			.backing_dir = a.backing_dir,
			.counters = &prog.counts},
		.profile = a.profile,
		.gate_set = a.fail_at_set, /* the user's gate replaces the profile's */
		.gate = a.fail_at,
		.checks =
			{
				.overrides = a.overrides,
				.n_overrides = a.n_overrides,
				.password_budget = a.password_budget,
				.max_image_age_days = a.max_age,
				.base_images = a.bases,
				.n_base_images = a.n_bases,
				.now = a.now,
				.security_indexes = a.sec_indexes,
				.n_security_indexes = a.n_sec_indexes,
				.keyrings = a.keyrings,
				.n_keyrings = a.n_keyrings,
				.vulndb = vulndb,
				.count_unfixed = a.count_unfixed,
				.rules = a.rules,
				.n_rules = a.n_rules,
				.cert_days = a.cert_days,
				.clamav = a.clamav,
				.clamav_db = a.clamav_db,
				.off = off,
				.off_why = a.why,
			},
		.accept_incomplete = a.accept_incomplete,
		.waivers = have_waivers ? &waivers : NULL,
		.ready = scan_ready,
		.ready_arg = &so,
		.progress = progress_set,
		.progress_arg = &prog,
	};

	scan_tmpdirs(&a, clam_tmp, gpgv_tmp, &so, &o.checks);
	/* the rules compiled before the image is opened: one that does not compile is an error */
	if (chk_malware_rules(a.rules, a.n_rules, &r.err) < 0) {
		cli_error_err("cannot compile the YARA rules", &r.err);
		goto done;
	}
	progress_start(&prog, &a);
	int audit_ret = chk_audit(&o, &r);

	progress_stop(&prog);
	if (audit_ret < 0) {
		audit_error(&a, argv[first], &r);
		goto done;
	}
	if (a.timings)
		print_timings(&r);
	if (!a.quiet)
		warn_waivers(&r.report);
	const struct scan_out *on_stdout = stdout_output(&so);
	bool tty_color =
		a.color == 1 || (a.color == -1 && isatty(STDOUT_FILENO) && cli_color_allowed());

	ret = scan_write_all(&a, &so, &r, &tr, tty_color) < 0 ? CLI_ERROR
	      : fnd_failed(&r.report)                         ? CLI_FAIL
							      : CLI_PASS;
	if (ret != CLI_ERROR && !on_stdout && !a.quiet &&
	    (rpt_write_result(stdout, &r.report, tty_color) < 0 || fflush(stdout) != 0))
		ret = CLI_ERROR; /* every report went to a file: the result on the terminal */
	if (ret == CLI_FAIL && fnd_status(&r.report) == FND_STATUS_INCOMPLETE &&
	    (!on_stdout || on_stdout->fmt != RPT_FMT_TABLE))
		cli_error("incomplete: no clause of profile %s fails, but some were not examined "
			  "(see the clauses); --accept-incomplete accepts that",
			  r.report.profile);
done:
	scan_close_all(&so);
	chk_audit_release(&r);
	fnd_waivers_release(&waivers);
	rpt_i18n_release(&tr);
	vdb_close(vulndb);
	scan_args_release(&a);
	free(off);
	return ret;
}
