/* waivers.h — waivers: findings a named owner accepts, for a reason, until a date */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_WAIVERS_H
#define IA_WAIVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"
#include "util/err.h"

/*
 * A waiver file (`.imgaudit-waivers.yaml`, docs/waivers.md) is a small subset of YAML read by
 * our own bounded parser:
 *
 *     waivers:
 *       - check: FS-002              # a check ID, or
 *         fingerprint: 0123abcd...   # a finding's fingerprint (or both: both must match)
 *         path: "*.conf"              # optional glob on the evidence path (* also matches /)
 *         reason: the vendor's updater needs it
 *         owner: alice@example.com
 *         expires: 2026-12-31        # the last day it applies (UTC)
 *
 * A waived finding is listed with its waiver in every output and counts against no clause.
 * A waiver past its date stops applying (status expired); one that matches nothing is stale.
 */

enum fnd_waiver_status {
	FND_WAIVER_APPLIED = 0, /* not expired, waives at least one finding */
	FND_WAIVER_EXPIRED,     /* past its date: waives nothing */
	FND_WAIVER_STALE,       /* not expired, matches no finding */
};

/* Parses text (len bytes, the file named name) into w (initialised here, released by
 * fnd_waivers_release either way). today is "YYYY-MM-DD" (UTC): a waiver whose expires is
 * before it is expired. Returns 0, or -EINVAL / -IA_ETOOBIG with err naming the line. */
int fnd_waivers_parse(const char *text, size_t len, const char *name, const char *today,
		      struct fnd_waivers *w, struct ia_err *err);
void fnd_waivers_release(struct fnd_waivers *w); /* NULL-safe; zeroes w */

/* Marks every finding of r a waiver matches (the first that is not expired), counts the
 * matches of each waiver and moves w into r (w is empty afterwards). Before the verdicts. */
void fnd_waivers_apply(struct fnd_report *r, struct fnd_waivers *w);

const char *fnd_waiver_status_name(enum fnd_waiver_status s); /* "applied", "expired", "stale" */
enum fnd_waiver_status fnd_waiver_status(const struct fnd_waiver *w);

#endif
