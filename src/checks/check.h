/* check.h — the check catalogue and how a check reports what it found */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_H
#define IA_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "findings/findings.h"

struct tgt;
struct inv_facts;
struct vdb;
struct ia_problems;
struct chk_def;

/* What a user sets: severity overrides per check ID. */
struct chk_override {
	const char *id;
	enum fnd_sev severity;
};

/* Default of chk_opts.password_budget: seconds spent hashing weak-password guesses. */
#define CHK_PASSWORD_BUDGET_DEFAULT 5.0

/* Default of chk_opts.max_image_age_days (containers family). */
#define CHK_MAX_IMAGE_AGE_DEFAULT 90

struct chk_opts {
	const struct chk_override *overrides;
	size_t n_overrides;
	/* Seconds the weak-password test (ACC-002) may spend hashing guesses; 0 takes
	 * CHK_PASSWORD_BUDGET_DEFAULT, a negative value skips the test (reported as a gap). */
	double password_budget;
	/* Container checks (checks/containers.c, CTR-003 and CTR-004), added by that family:
	 * max_image_age_days is the maximum image lifetime in days (0 takes
	 * CHK_MAX_IMAGE_AGE_DEFAULT, negative turns the check off); now is the time ages are
	 * measured at, seconds since the epoch (0: the current time); base_images lists the
	 * allowed base image references or prefixes ("debian", "gcr.io/distroless/"), none given:
	 * CTR-004 does not apply. Strings are the caller's. */
	int64_t max_image_age_days;
	int64_t now;
	const char *const *base_images;
	size_t n_base_images;
	/* Updates family (checks/updates.c): host paths of apt Packages indexes of security
	 * suites the user gives (scan --security-index), read besides the image's own lists.
	 * now (above) is also the reference date of end of life (UPD-002). */
	const char *const *security_indexes;
	size_t n_security_indexes;
	/* The OpenPGP keyrings the user trusts (scan --keyring; host files, at most
	 * IA_MAX_KEYRINGS): the signature of the InRelease (or Release with Release.gpg) of each
	 * of the image's lists UPD-001 reads is checked against them with gpgv; none: not checked
	 * (a note). gpgv_tmp: the directory gpgv's private ones are made in (the CLI makes one
	 * writable in its sandbox); NULL: $TMPDIR, else /tmp. Strings are the caller's. */
	const char *const *keyrings;
	size_t n_keyrings;
	const char *gpgv_tmp;
	/* Vulnerability checks (checks/vulns.c): the vulnerability database, opened read-only by
	 * the caller (vulndb/db.h; NULL: none, and the vulnerability clauses are NOT EXAMINED);
	 * count_unfixed counts vulnerabilities the distribution has not fixed (open, no-DSA,
	 * ignored, postponed) against the gate with their own severity (default: listed as info).
	 */
	struct vdb *vulndb;
	bool count_unfixed;
	/* Malware scan (checks/malware.c, MAL-001): the user's YARA rule files or directories,
	 * compiled with imgaudit's own (checks/malware.h). Strings are the caller's. */
	const char *const *rules;
	size_t n_rules;
	/* TLS family (checks/tls.c, TLS-002): days before its end a certificate is reported as
	 * expiring at now; 0 takes CHK_CERT_DAYS_DEFAULT (checks/tls.h), negative: only expired. */
	int64_t cert_days;
	/* MAL-003 (checks/malware.c): scan the same files through libclamav with the ClamAV
	 * database at clamav_db (a directory of ClamAV database files (cvd, cld, hdb, ndb ...) or
	 * one such file; NULL with clamav set: libclamav's default directory). Not set: MAL-003 is
	 * not requested. */
	bool clamav;
	const char *clamav_db;
	/* The directory libclamav writes its per-scan files in (the CLI makes a private one and
	 * leaves it writable in its sandbox); NULL: libclamav's default ($TMPDIR, /tmp). */
	const char *clamav_tmp;
	/* Checks turned off (scan --only, --skip; chk_select): off[i] true leaves chk_catalogue[i]
	 * unrun, its clauses NOT EXAMINED with off_why ("turned off: scan --only malware"). NULL:
	 * every check runs. The caller's. */
	const bool *off;
	const char *off_why;
};

/* Check families in the catalogue: a property of the code (the timings are kept per family). */
#define CHK_MAX_FAMILIES 32

/* What the engine keeps while checks run: which ran, their gaps and notes, time per family
 * (checks/engine.c). Allocated by chk_run_all, freed by chk_ctx_release. */
struct chk_state;

/* What a check gets: the target (index, file bytes), the facts, and the report. */
struct chk_ctx {
	const struct tgt *tgt;
	const struct inv_facts *facts;
	struct fnd_report *rpt;
	const struct chk_opts *opts;
	const struct chk_def *cur; /* the check running now */
	struct chk_state *state;   /* NULL before chk_run_all; free with chk_ctx_release */
	/* Called by chk_run_all before each check runs (progress); NULL: nothing. */
	void (*before_check)(void *arg, const struct chk_def *def);
	void *before_check_arg;
};

/*
 * One entry of the catalogue. The catalogue is data: each family's file
 * (checks/NAME.c) holds its checks in one table of designated initialisers;
 * `imgaudit checks` prints them and docs/checks.md is tested against them.
 */
struct chk_def {
	const char *id;             /* stable: "FS-001" */
	const char *title;          /* what it looks for */
	enum fnd_sev severity;      /* default */
	const char *const *clauses; /* clause IDs of data/clauses.txt it serves: CHK_CLAUSES() */
	const char *examines;       /* what it reads */
	const char *remediation;    /* default fix */
	void (*run)(struct chk_ctx *ctx);
	/* Set by the catalogue, never by a family: */
	const char *family;      /* the family's name */
	const char *clause_list; /* clauses joined by spaces ("JD-3.1f SR-3.3"), as findings keep
				    them */
};

/* The clause list of a chk_def: CHK_CLAUSES("JD-3.1f", "SR-3.3") (NULL-terminated). */
#define CHK_CLAUSES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* One family of checks: defined once in its file (checks/NAME.c), named in checks/families.h. */
struct chk_family {
	const char *name; /* "accounts": the file's name, lower case */
	const struct chk_def *checks;
	size_t n_checks;
};

/*
 * The catalogue: every family's table (checks/families.h) joined in one array
 * in family order, built before main() runs (checks/catalogue.c), so
 * chk_catalogue[i] for i < chk_catalogue_len is every check. Set once by the
 * catalogue; never assign them.
 */
extern const struct chk_def *chk_catalogue;
extern size_t chk_catalogue_len;

/* The check with this ID (case-insensitive), or NULL. */
const struct chk_def *chk_find(const char *id);

/*
 * Runs every check of the catalogue once, in catalogue order, and records per
 * check whether it ran, its gaps and notes (for the clause verdicts of
 * checks/profile.h) and the time spent per family. Without ctx->tgt or
 * ctx->facts no check runs: each records a gap instead. When no operating
 * system is identified in the target (inv_identified) only the input family
 * runs; the report gets one gap (area "target") and every clause is NOT EXAMINED.
 * Allocates ctx->state: call chk_ctx_release afterwards.
 */
void chk_run_all(struct chk_ctx *ctx);
/* Runs one check (ctx->state is allocated when NULL). */
void chk_run_one(struct chk_ctx *ctx, const struct chk_def *def);
/* Frees ctx->state (NULL-safe); the report is untouched. */
void chk_ctx_release(struct chk_ctx *ctx);

/*
 * Which checks to turn off (scan --only, --skip): each name is a check ID (MAL-001, any case)
 * or a family name (malware). With n_only > 0 every check none of only names is off; every
 * check skip names is off. The input family (what could not be read of the target) always
 * runs. off has chk_catalogue_len entries (the caller's). Returns the number of checks off, or
 * -1 with *bad the name that is neither a check nor a family, or names the input family.
 */
long chk_select(const char *const *only, size_t n_only, const char *const *skip, size_t n_skip,
		bool *off, const char **bad);
/* true when the check with this ID is turned off in ctx (chk_opts.off). */
bool chk_is_off(const struct chk_ctx *ctx, const char *id);

/* Seconds spent in one family by chk_run_all (for bench/checks.sh); 0 when it did not run. */
double chk_family_seconds(const struct chk_ctx *ctx, const char *family);
/* The family names of the catalogue, in order; *n receives their count. Static. */
const char *const *chk_families(size_t *n);

/* Writes the catalogue as Markdown (docs/checks.md is this output). Returns 0 or -errno. */
int chk_catalogue_write_markdown(FILE *out);

/*
 * Reports a finding of the running check: severity from the catalogue or the
 * user's override; remediation NULL takes the catalogue's. title is a
 * printf format.
 */
void chk_report(struct chk_ctx *ctx, const char *path, unsigned line, const char *value,
		const char *remediation, const char *title_fmt, ...)
	__attribute__((format(printf, 6, 7)));
/*
 * Records that the running check could not examine something: a report gap
 * (area "check ID"), and the clauses it serves become NOT EXAMINED. With a
 * path, the cause is a file that could not be read, which fails a profile's
 * gate; without one (e.g. a time budget spent) it does not.
 */
void chk_gap_at(struct chk_ctx *ctx, struct ia_src src, const char *path, unsigned line,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define chk_gap(ctx, path, line, ...) chk_gap_at((ctx), IA_HERE, (path), (line), __VA_ARGS__)
/*
 * The gap of a file the running check could not read, from the error its reader raised
 * (path, line, message and source as the error has them; ia_strerror(code) when no message).
 */
void chk_gap_err(struct chk_ctx *ctx, const struct ia_err *err);
/*
 * Says that the image truly has nothing of the kind the running check examines
 * ("no sshd on this image", "no package manager"): its clauses are NOT APPLICABLE
 * with this reason unless another serving check examined something. Not for
 * what the user turned off or did not give (an option): that is a chk_gap.
 */
void chk_absent(struct chk_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a line to the running check's explanation of a PASS ("12 hashes tested in 0.8 s"). */
void chk_note(struct chk_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A named value explaining a finding (struct fnd_detail): strings the caller's. */
struct chk_detail {
	const char *key, *value;
};

/*
 * chk_report with the finding's own severity (a vulnerability's: used unless the user
 * overrides the check's severity with --severity) and n details that explain it (the JSON
 * report's findings[].details).
 */
void chk_report_detail(struct chk_ctx *ctx, enum fnd_sev sev, const struct chk_detail *details,
		       size_t n, const char *path, unsigned line, const char *value,
		       const char *remediation, const char *title_fmt, ...)
	__attribute__((format(printf, 9, 10)));

/*
 * Reports a finding of the running check with its own clause list (a static
 * string) instead of the catalogue's, e.g. INPUT-001 names the clauses of the
 * area whose file was malformed. Severity and remediation as chk_report.
 */
void chk_report_clauses(struct chk_ctx *ctx, const char *clauses, const char *path, unsigned line,
			const char *value, const char *remediation, const char *title_fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* A gap with its own clause list (static) and whether a file could not be read, raised at
 * src (chk_gap_clauses raises it here). */
void chk_gap_clauses_at(struct chk_ctx *ctx, struct ia_src src, const char *clauses,
			bool unreadable, const char *path, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
#define chk_gap_clauses(ctx, clauses, unreadable, path, line, ...)                                 \
	chk_gap_clauses_at((ctx), IA_HERE, (clauses), (unreadable), (path), (line), __VA_ARGS__)

/*
 * Reports what could not be read for a fact several checks read (e.g. the sysctl files,
 * inv_facts.sysctl.issues) as gaps of the running check, once per audit: the first check
 * that calls it with issues records them (code 0: a line skipped; otherwise a file not read,
 * which fails a profile's gate) and gets true; later calls record nothing and get false.
 */
bool chk_fact_issues(struct chk_ctx *ctx, const struct ia_problems *issues);

/*
 * A value the checks of the running check's family share for the length of one audit (the
 * vulns family's one match pass for VULN-001 and VULN-002): its slot, *slot NULL until a
 * check of the family stores a value there; free_fn frees that value in chk_ctx_release.
 * NULL when no check of a catalogued family is running (then compute without sharing).
 */
void **chk_family_shared(struct chk_ctx *ctx, void (*free_fn)(void *));

/* Severity of check def after the user's overrides. */
enum fnd_sev chk_severity(const struct chk_opts *opts, const struct chk_def *def);
/* true when the space-separated clause list names clause (an en dash counts as '-'). */
bool chk_clauses_name(const char *clauses, const char *clause);

#endif
