/* findings.h — the finding and verdict model: findings, what was not examined, clause verdicts */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FINDINGS_H
#define IA_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/problem.h"

/*
 * The model the checks produce and the report renders. It sits below checks/ and knows
 * nothing of the image or of any output format.
 */

enum fnd_sev {
	FND_SEV_INFO = 0,
	FND_SEV_LOW,
	FND_SEV_MEDIUM,
	FND_SEV_HIGH,
	FND_SEV_CRITICAL,
};

const char *fnd_sev_name(enum fnd_sev s);            /* "info" ... "critical" */
int fnd_sev_parse(const char *s, enum fnd_sev *out); /* 0 or -EINVAL */

#define FND_FINGERPRINT_LEN 16

/* A named value that explains a finding (a vulnerability's advisory, versions, comparator). */
struct fnd_detail {
	char *key; /* "advisory", "installed", "fixed", ... */
	char *value;
};

/* One finding: a fact a reviewer can verify. Strings are owned by the report. */
/* The disk format, partition and filesystem a finding's evidence file came from. */
struct fnd_origin {
	char *format, *partition, *filesystem;
};

struct fnd_finding {
	const char *check;   /* stable check ID (static, from the catalogue) */
	const char *clauses; /* space-separated clause IDs (static) */
	enum fnd_sev severity;
	char *title;       /* what was found, specific to this instance */
	char *path;        /* evidence: image path, "" if none */
	unsigned line;     /* evidence: 1-based line, 0 if none */
	char *value;       /* evidence: the value seen, "" if none (escaped on output) */
	char *remediation; /* what to run or change */
	bool outside;      /* serves no clause of the profile applied: reported, decides nothing */
	/* 16 hex digits of a 64-bit FNV-1a over check, path, title and value (not the line, which
	 * moves when lines are added above it): the same finding has the same fingerprint in every
	 * run and every form of the image (directory, archive), so waivers and `diff` can name it
	 */
	char fingerprint[FND_FINGERPRINT_LEN + 1];
	size_t waiver; /* 1 + the index in fnd_report.waivers.v of the waiver that waives it; 0:
			* none. A waived finding is listed and counts against no clause */

	struct fnd_detail *details; /* what explains it (fnd_add_detail), in the order added */
	size_t n_details;
	/* disk images: where the evidence file lies (fnd_set_origin); NULL for other targets */
	struct fnd_origin *origin;
};

/*
 * Something that could not be examined, and why: never reported as passed. The end of the
 * could-not-read channel (util/err.h): the image file, the line in it, the reason, and
 * where in imgaudit's source it was raised.
 */
struct fnd_gap {
	char *area; /* "packages (dpkg)", "check FS-001", ... */
	char *path; /* "" if none */
	unsigned line;
	char *reason;
	struct ia_src src; /* where it was raised (src.file NULL when unknown) */
};

/* The verdict on one clause of a profile (filled by checks/profile.c). */
enum fnd_verdict {
	FND_PASS = 0,       /* a serving check examined something relevant and found nothing at
			     * or above the gate (findings below it are notes) */
	FND_FAIL,           /* findings at or above the gate listed */
	FND_NOT_EXAMINED,   /* could not be examined, turned off, or no check serves it yet */
	FND_MANUAL,         /* organisational (M mode): what a reviewer must check */
	FND_NOT_APPLICABLE, /* the image has nothing of that kind (no sshd, no package manager) */
};
#define FND_N_VERDICTS 5

/* The result of an audit. */
enum fnd_status {
	FND_STATUS_PASS = 0,   /* no clause fails, every clause a check should serve examined */
	FND_STATUS_FAIL,       /* a clause of the profile fails */
	FND_STATUS_INCOMPLETE, /* none fails, but one that a check should serve is NOT EXAMINED */
};

struct fnd_clause {
	const char *id;    /* "JD-3.1f" (static) */
	const char *title; /* the requirement (static) */
	enum fnd_verdict verdict;
	char *why;           /* what was examined, why NOT APPLICABLE or NOT EXAMINED, or MANUAL
			      * guidance */
	const char **checks; /* IDs of the checks that served it (static strings) */
	size_t n_checks;
	size_t n_findings; /* findings at or above the gate counted against it (FAIL) */
	size_t n_below;    /* findings above info but below the gate: notes, not a FAIL */
};

/* One waiver of a waiver file (findings/waivers.h). Strings owned; "" when not given. */
struct fnd_waiver {
	char *check;       /* check ID */
	char *fingerprint; /* a finding's fingerprint */
	char *path;        /* glob on the evidence path */
	char *reason, *owner;
	char expires[11]; /* YYYY-MM-DD, the last day it applies */
	unsigned line;    /* where it starts in the file */
	bool expired;
	size_t matched; /* findings it waives (expired: findings it would have waived) */
};

struct fnd_waivers {
	char *file; /* the file as named; NULL when none was read */
	struct fnd_waiver *v;
	size_t n, cap;
};

struct fnd_report {
	struct fnd_finding *findings;
	size_t n_findings, cap_findings;
	size_t dropped_findings; /* past IA_MAX_FINDINGS */
	struct fnd_gap *gaps;
	size_t n_gaps, cap_gaps;
	enum fnd_sev fail_at;       /* the gate: a finding at or above it fails its clause */
	const char *profile;        /* profile name, NULL when none was applied */
	struct fnd_clause *clauses; /* per-clause verdicts of the profile, in its order */
	size_t n_clauses, cap_clauses;
	size_t n_outside;       /* findings serving no clause of the profile */
	bool accept_incomplete; /* the user accepts an INCOMPLETE result (--accept-incomplete) */
	struct fnd_waivers waivers; /* the waivers the audit applied (fnd_waivers_apply) */
	size_t n_waived;            /* findings a waiver waives */
};

/*
 * What the outputs say of the audited target, made by the pipeline (checks/audit.c) from the
 * opened image, so that no output can read the image itself. Strings are owned (freed by
 * fnd_target_release); image strings are never NULL.
 */
struct fnd_image {
	char *ref, *config_digest, *created, *user, *os, *architecture;
	size_t n_layers;
	char **exposed_ports; /* "22/tcp" */
	size_t n_exposed_ports;
};

/* A VM disk image: its format, partition table and volumes (what each holds, where it is). */
struct fnd_disk_volume {
	char *partition;      /* "gpt partition 2", "mbr partition 5", "whole disk" */
	char *content;        /* "ext4", "xfs", "ntfs", "luks", "btrfs", "lvm2", "swap", ... */
	char *mount;          /* its place in the tree ("/", "/var"), NULL when not examined */
	uint64_t start, size; /* bytes */
};
struct fnd_disk {
	char *format;     /* "raw", "qcow2", "qcow", "vmdk", "vhd", "vhdx" */
	uint64_t size;    /* virtual size in bytes */
	char *partitions; /* "gpt", "mbr", "none" */
	struct fnd_disk_volume *volumes;
	size_t n_volumes;
};

struct fnd_target {
	char *spec;               /* what the user named */
	const char *kind;         /* "dir", "host", "docker-archive", ... (static) */
	size_t entries;           /* entries in the index */
	struct ia_problems notes; /* what was deliberately not walked or not verified */
	struct fnd_image *image;  /* container image metadata; NULL for directories and the host */
	struct fnd_disk *disk;    /* disk images only, else NULL */
};

void fnd_target_release(struct fnd_target *t); /* NULL-safe; zeroes t */

/* "PASS", "FAIL", "NOT EXAMINED", "MANUAL", "NOT APPLICABLE" */
const char *fnd_verdict_name(enum fnd_verdict v);
const char *fnd_status_name(enum fnd_status s); /* "pass", "fail", "incomplete" */

void fnd_init(struct fnd_report *r);
void fnd_release(struct fnd_report *r);

/* Adds a finding (strings copied; NULL means ""); returns it, or NULL when over the limit. */
struct fnd_finding *fnd_add(struct fnd_report *r, const char *check, const char *clauses,
			    enum fnd_sev sev, const char *title, const char *path, unsigned line,
			    const char *value, const char *remediation);
/* Adds a detail to finding f (strings copied, NULL ""; a value cut at IA_MAX_EVIDENCE bytes).
 * NULL-safe on f. */
void fnd_add_detail(struct fnd_finding *f, const char *key, const char *value);
/* Records where f's evidence file lies on a disk image (strings copied). NULL-safe on f. */
void fnd_set_origin(struct fnd_finding *f, const char *format, const char *partition,
		    const char *filesystem);
/* Adds a not-examined entry raised at src (fnd_add_gap raises it here). */
void fnd_add_gap_at(struct fnd_report *r, struct ia_src src, const char *area, const char *path,
		    unsigned line, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define fnd_add_gap(r, area, path, line, ...)                                                      \
	fnd_add_gap_at((r), IA_HERE, (area), (path), (line), __VA_ARGS__)

/* Sorts findings: severity (highest first), then check ID, then path, then line. */
void fnd_sort(struct fnd_report *r);
/*
 * The result. With a profile applied (r->profile set): FAIL exactly when one of its clauses
 * is FAIL; INCOMPLETE when none is but one is NOT EXAMINED (MANUAL clauses never make it
 * incomplete); PASS otherwise. Without a profile: FAIL when a finding reaches r->fail_at,
 * INCOMPLETE when something was not examined.
 */
enum fnd_status fnd_status(const struct fnd_report *r);
/* Clauses per verdict: counts[v] for every enum fnd_verdict v. */
void fnd_verdict_counts(const struct fnd_report *r, size_t counts[FND_N_VERDICTS]);
/* true when the audit does not pass the gate (exit status 1): FAIL, or INCOMPLETE that the
 * user did not accept */
bool fnd_failed(const struct fnd_report *r);

#endif
