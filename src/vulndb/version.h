/* version.h — version comparison per ecosystem, exact to each ecosystem's reference tool */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef VDB_VERSION_H
#define VDB_VERSION_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/*
 * One comparator per ecosystem, each following its reference implementation:
 *  - VDB_ECO_DPKG: dpkg's verrevcmp (epoch, upstream, revision; '~' before
 *    everything, letters before other characters); parsing as dpkg's status
 *    database does: what dpkg refuses (empty, embedded space, bad or too big
 *    epoch, empty revision) is refused, what it only warns about is compared.
 *  - VDB_ECO_RPM: rpm 4.18's rpmverCmp over rpmvercmp ('~' before, '^' after
 *    the base version; a missing epoch is 0; a missing release is older than
 *    any release).
 *  - VDB_ECO_APK: apk-tools 3's grammar digit{.digit}{letter}{_suffix{N}}{~hash}{-rN};
 *    versions apk calls invalid are refused.
 *  - VDB_ECO_SEMVER: SemVer 2.0.0 precedence as npm's semver reads versions
 *    (leading 'v' or '=' and surrounding spaces tolerated, build metadata
 *    ignored).
 *  - VDB_ECO_PEP440: PEP 440 (PyPI) with its normalisations (case, "alpha" for
 *    "a", "-" "_" "." separators, implicit post releases, "v" prefix).
 *  - VDB_ECO_MAVEN: Maven's ComparableVersion (qualifiers alpha < beta <
 *    milestone < rc = cr < snapshot < "" = ga = final = release < sp < others).
 *  - VDB_ECO_COMPOSER: Composer's (Packagist) normalisation (four numbers, 'v' and
 *    build metadata dropped) then PHP's version_compare (dev < alpha < beta < RC <
 *    numbers < patch); development branches ("dev-main", "1.x-dev") refused.
 *
 * Every entry point reads at most IA_MAX_VERSION bytes per version, allocates
 * nothing, never recurses and takes any bytes: NUL and control bytes, over-long
 * and unparsable versions give an error, never a guess.
 */
enum vdb_eco {
	VDB_ECO_DPKG,
	VDB_ECO_RPM,
	VDB_ECO_APK,
	VDB_ECO_SEMVER,
	VDB_ECO_PEP440,
	VDB_ECO_MAVEN,
	VDB_ECO_COMPOSER,
	VDB_ECO_COUNT,
};

/* The ecosystem named name ("dpkg", "rpm", "apk", "semver", "pep440", "maven", "composer";
 * also "deb", "npm", "pypi", "packagist"): 0 with *ret set, or -EINVAL (ret untouched). */
int vdb_eco_parse(const char *name, enum vdb_eco *ret);
/* The canonical name of eco ("dpkg"...), "?" for a value out of range. */
const char *vdb_eco_name(enum vdb_eco eco);

/*
 * Compares versions a and b of ecosystem eco. Returns 0 with *ret_cmp < 0, 0
 * or > 0 (a older, equal, newer; only the sign means something), or:
 *  -IA_ECORRUPT  a or b is not a valid version (err->msg says which and why,
 *                e.g. "apk version '1.6_rc1x' is not valid: unknown suffix '_rc1x'");
 *  -IA_ETOOBIG   a or b is longer than IA_MAX_VERSION;
 *  -EINVAL       eco out of range or a NULL argument.
 * *ret_cmp is untouched on failure. err may be NULL.
 */
int vdb_vercmp(enum vdb_eco eco, const char *a, const char *b, int *ret_cmp, struct ia_err *err);
/* The same with explicit lengths: a NUL byte inside a or b is an invalid version. */
int vdb_vercmp_n(enum vdb_eco eco, const char *a, size_t alen, const char *b, size_t blen,
		 int *ret_cmp, struct ia_err *err);

/* vdb_vercmp_n for a version a that vdb_version_check already accepted (one installed version
 * against many bounds): only b is checked. -EINVAL for an empty or over-long a. */
int vdb_vercmp_checked(enum vdb_eco eco, const char *a, size_t alen, const char *b, size_t blen,
		       int *ret_cmp, struct ia_err *err);

/* Checks one version alone: 0, or -IA_ECORRUPT / -IA_ETOOBIG / -EINVAL with the reason in err. */
int vdb_version_check(enum vdb_eco eco, const char *v, size_t len, struct ia_err *err);

/*
 * apk-tools' comparison itself, which orders every string, valid or not, the
 * way apk does (an invalid tail sorts before anything valid): for apk's own
 * test data and its fuzzy constraints. With fuzzy, a equals b when b's tokens
 * are a leading prefix of a's ("3.6.9" matches "~3.6"). Returns 0 with
 * *ret_cmp -1, 0 or 1, or -IA_ETOOBIG when a or b is longer than
 * IA_MAX_VERSION, -EINVAL for a NULL argument (*ret_cmp untouched). Validity
 * is the caller's business (vdb_version_check).
 */
int vdb_apk_compare(const char *a, size_t alen, const char *b, size_t blen, bool fuzzy,
		    int *ret_cmp);

#endif
