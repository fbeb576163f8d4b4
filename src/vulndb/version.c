/* version.c — version comparison: the checks every ecosystem shares and the dispatch */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>

#include "vulndb/version.h"
#include "vulndb/version_internal.h"
#include "util/banned.h"

static const struct {
	const char *name;
	const struct vdb_ver_ops *ops;
} ecos[VDB_ECO_COUNT] = {
	[VDB_ECO_DPKG] = {"dpkg", &vdb_ver_dpkg},
	[VDB_ECO_RPM] = {"rpm", &vdb_ver_rpm},
	[VDB_ECO_APK] = {"apk", &vdb_ver_apk},
	[VDB_ECO_SEMVER] = {"semver", &vdb_ver_semver},
	[VDB_ECO_PEP440] = {"pep440", &vdb_ver_pep440},
	[VDB_ECO_MAVEN] = {"maven", &vdb_ver_maven},
	[VDB_ECO_COMPOSER] = {"composer", &vdb_ver_composer},
};

static const struct {
	const char *alias;
	enum vdb_eco eco;
} aliases[] = {
	{"deb", VDB_ECO_DPKG},
	{"npm", VDB_ECO_SEMVER},
	{"pypi", VDB_ECO_PEP440},
	{"packagist", VDB_ECO_COMPOSER},
};

int vdb_eco_parse(const char *name, enum vdb_eco *ret)
{
	if (!name || !ret)
		return -EINVAL;
	for (size_t i = 0; i < VDB_ECO_COUNT; i++) {
		if (strcmp(name, ecos[i].name) == 0) {
			*ret = (enum vdb_eco)i;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(name, aliases[i].alias) == 0) {
			*ret = aliases[i].eco;
			return 0;
		}
	}
	return -EINVAL;
}

const char *vdb_eco_name(enum vdb_eco eco)
{
	return (unsigned)eco < VDB_ECO_COUNT ? ecos[eco].name : "?";
}

int vdb_cmp_digits(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an && a[i] == '0')
		i++;
	while (j < bn && b[j] == '0')
		j++;
	if (an - i != bn - j)
		return an - i < bn - j ? -1 : 1;
	return vdb_cmp_bytes(a + i, an - i, b + j, bn - j);
}

int vdb_cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int r = memcmp(a, b, an < bn ? an : bn);

	if (r)
		return r < 0 ? -1 : 1;
	return an == bn ? 0 : (an < bn ? -1 : 1);
}

int vdb_cmp_bytes_nocase(const char *a, size_t an, const char *b, size_t bn)
{
	for (size_t i = 0; i < an && i < bn; i++) {
		int x = vdb_lower((unsigned char)a[i]), y = vdb_lower((unsigned char)b[i]);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return an == bn ? 0 : (an < bn ? -1 : 1);
}

void vdb_why(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

const char *vdb_show_byte(int c, char buf[16])
{
	if (c > 0x20 && c < 0x7f && c != '\'')
		snprintf(buf, 16, "'%c'", c);
	else
		snprintf(buf, 16, "byte 0x%02x", (unsigned)c & 0xff);
	return buf;
}

/* The version as a message shows it: printable ASCII kept, other bytes as \xHH, cut at 64. */
static const char *show(const char *v, size_t n, char *buf, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 8 < size; i++) {
		unsigned char c = (unsigned char)v[i];

		if (i == 64) {
			o += (size_t)snprintf(buf + o, size - o, "...");
			break;
		}
		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

int vdb_version_check(enum vdb_eco eco, const char *v, size_t len, struct ia_err *err)
{
	char why[160], shown[300];

	if ((unsigned)eco >= VDB_ECO_COUNT || !v)
		return ia_err_set(err, -EINVAL, NULL, 0, "no such ecosystem or no version");
	if (len > IA_MAX_VERSION)
		return ia_err_set(
			err, -IA_ETOOBIG, NULL, 0,
			"%s version of %zu bytes is longer than IA_MAX_VERSION (%u): '%s'",
			ecos[eco].name, len, IA_MAX_VERSION, show(v, len, shown, sizeof(shown)));
	if (len == 0)
		return ia_err_set(err, -IA_ECORRUPT, NULL, 0, "%s version is empty",
				  ecos[eco].name);
	why[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == 0) {
			vdb_why(why, sizeof(why), "NUL byte at offset %zu", i);
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			vdb_why(why, sizeof(why), "control byte 0x%02x at offset %zu", c, i);
			break;
		}
	}
	if (why[0] || ecos[eco].ops->check(v, len, why, sizeof(why)) != 0)
		return ia_err_set(err, -IA_ECORRUPT, NULL, 0, "%s version '%s' is not valid: %s",
				  ecos[eco].name, show(v, len, shown, sizeof(shown)), why);
	return 0;
}

int vdb_vercmp_n(enum vdb_eco eco, const char *a, size_t alen, const char *b, size_t blen,
		 int *ret_cmp, struct ia_err *err)
{
	int r;

	if (!ret_cmp)
		return ia_err_set(err, -EINVAL, NULL, 0, "no result pointer");
	r = vdb_version_check(eco, a, alen, err);
	if (r < 0)
		return r;
	r = vdb_version_check(eco, b, blen, err);
	if (r < 0)
		return r;
	r = ecos[eco].ops->cmp(a, alen, b, blen);
	*ret_cmp = r < 0 ? -1 : r > 0;
	return 0;
}

int vdb_vercmp(enum vdb_eco eco, const char *a, const char *b, int *ret_cmp, struct ia_err *err)
{
	if (!a || !b)
		return ia_err_set(err, -EINVAL, NULL, 0, "no version");
	return vdb_vercmp_n(eco, a, strnlen(a, IA_MAX_VERSION + 1), b,
			    strnlen(b, IA_MAX_VERSION + 1), ret_cmp, err);
}

int vdb_vercmp_checked(enum vdb_eco eco, const char *a, size_t alen, const char *b, size_t blen,
		       int *ret_cmp, struct ia_err *err)
{
	int r;

	if (!ret_cmp || !a || (unsigned)eco >= VDB_ECO_COUNT || alen == 0 || alen > IA_MAX_VERSION)
		return ia_err_set(err, -EINVAL, NULL, 0, "no result pointer or no checked version");
	r = vdb_version_check(eco, b, blen, err);
	if (r < 0)
		return r;
	r = ecos[eco].ops->cmp(a, alen, b, blen);
	*ret_cmp = r < 0 ? -1 : r > 0;
	return 0;
}
