/* sbom.c — the inventory as SBOMs: CycloneDX 1.5 JSON and SPDX 2.3 JSON */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "report/report.h"
#include "report/jsonw.h"
#include "report/term.h"
#include "facts/facts.h"

#include <inttypes.h>
#include <sys/random.h>
#include <time.h>

#include "config.h"
#include "util/banned.h"

/*
 * Both SBOMs say what the package databases say: every package with its package URL (purl),
 * the operating system as a component of its own, and the files the databases record a digest
 * for, with that digest. A digest that is not hex of its algorithm's length (a hostile
 * database) is left out rather than written wrong.
 */

struct sbom {
	struct jw w;
	struct ia_buf b;
	const struct rpt_ctx *c;
	char uuid[40];
	char created[32];
};

static void sbom_init(struct sbom *s, FILE *out, const struct rpt_ctx *c)
{
	unsigned char u[16] = {0};
	time_t now = c->now ? (time_t)c->now : time(NULL);
	struct tm tm;

	memset(s, 0, sizeof(*s));
	s->c = c;
	ia_buf_init(&s->b, 8 * IA_MAX_PATH);
	jw_init(&s->w, out);
	if (getrandom(u, sizeof(u), 0) != (ssize_t)sizeof(u)) {
		uint64_t h = (uint64_t)now * 0x9e3779b97f4a7c15ull;

		for (size_t i = 0; i < sizeof(u); i++, h = h * 0x100000001b3ull + i)
			u[i] = (unsigned char)(h >> 56);
	}
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40); /* version 4 */
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(s->uuid, sizeof(s->uuid),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1],
		 u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
		 u[15]);
	if (!gmtime_r(&now, &tm) ||
	    !strftime(s->created, sizeof(s->created), "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(s->created, sizeof(s->created), "1970-01-01T00:00:00Z");
}

static int sbom_finish(struct sbom *s)
{
	int ret = jw_finish(&s->w);

	ia_buf_release(&s->b);
	return ret;
}

/* The purl type and namespace of a package: deb/<os id>, apk/<os id>, rpm/<os id>. */
static const char *purl_type(enum inv_db db)
{
	switch (db) {
	case INV_DB_DPKG:
		return "deb";
	case INV_DB_APK:
		return "apk";
	case INV_DB_RPM:
		return "rpm";
	}
	return "generic";
}

#define PURL_KEEP ".-_~"

/*
 * pkg:TYPE/NAMESPACE/NAME@VERSION?arch=ARCH&distro=ID-VERSION_ID (each part percent-encoded;
 * rpm: the version without its epoch, the epoch as a qualifier). Into s->b; NULL when too long.
 */
static const char *purl(struct sbom *s, const struct inv_pkg *p)
{
	const struct inv_os *os = &s->c->f->os;
	struct ia_buf *b = &s->b;
	const char *version = p->version;
	char rv[2 * IA_MAX_VERSION + 2];
	int bad = 0;

	if (p->db == INV_DB_RPM && p->rpm_version && p->rpm_version[0]) {
		snprintf(rv, sizeof(rv), "%s-%s", p->rpm_version,
			 p->rpm_release ? p->rpm_release : "");
		version = rv;
	}
	ia_buf_reset(b);
	bad |= ia_buf_addf(b, "pkg:%s/", purl_type(p->db));
	bad |= rpt_pct_encode(b, os->id[0] ? os->id : "unknown", PURL_KEEP);
	bad |= ia_buf_addc(b, '/');
	bad |= rpt_pct_encode(b, p->name, PURL_KEEP);
	bad |= ia_buf_addc(b, '@');
	bad |= rpt_pct_encode(b, version, PURL_KEEP ":");
	if (p->arch && p->arch[0]) {
		bad |= ia_buf_adds(b, "?arch=");
		bad |= rpt_pct_encode(b, p->arch, PURL_KEEP);
	}
	if (p->db == INV_DB_RPM && p->epoch >= 0)
		bad |= ia_buf_addf(b, "%sepoch=%" PRId64, p->arch && p->arch[0] ? "&" : "?",
				   p->epoch);
	if (os->id[0]) {
		bad |= ia_buf_adds(b,
				   (p->arch && p->arch[0]) || (p->db == INV_DB_RPM && p->epoch >= 0)
					   ? "&distro="
					   : "?distro=");
		bad |= rpt_pct_encode(b, os->id, PURL_KEEP);
		bad |= ia_buf_addc(b, '-');
		bad |= rpt_pct_encode(b, os->version_id, PURL_KEEP);
	}
	return bad ? NULL : b->data;
}

/* true when f has a digest in hex of its algorithm's length (*hexlen). */
static bool digest_ok(const struct inv_file *f, size_t *hexlen)
{
	static const size_t lens[] = {
		[INV_DIGEST_MD5] = 32,
		[INV_DIGEST_SHA1] = 40,
		[INV_DIGEST_SHA256] = 64,
		[INV_DIGEST_SHA512] = 128,
	};

	if (!f->digest || f->algo == INV_DIGEST_NONE || f->algo >= IA_ARRAY_SIZE(lens))
		return false;
	*hexlen = lens[f->algo];
	if (strlen(f->digest) != *hexlen)
		return false;
	for (const char *p = f->digest; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

static const char *cdx_alg(uint8_t algo)
{
	switch (algo) {
	case INV_DIGEST_MD5:
		return "MD5";
	case INV_DIGEST_SHA1:
		return "SHA-1";
	case INV_DIGEST_SHA256:
		return "SHA-256";
	case INV_DIGEST_SHA512:
		return "SHA-512";
	}
	return "";
}

static const char *spdx_alg(uint8_t algo)
{
	switch (algo) {
	case INV_DIGEST_MD5:
		return "MD5";
	case INV_DIGEST_SHA1:
		return "SHA1";
	case INV_DIGEST_SHA256:
		return "SHA256";
	case INV_DIGEST_SHA512:
		return "SHA512";
	}
	return "";
}

static void kprop(struct jw *w, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	jw_obj(w);
	jw_kstr(w, "name", name);
	jw_kstr(w, "value", value);
	jw_end_obj(w);
}

static void cdx_file(struct sbom *s, size_t i)
{
	const struct inv_file *f = &s->c->f->files[i];
	struct jw *w = &s->w;
	size_t hl;
	char ref[32];

	if (!digest_ok(f, &hl))
		return;
	snprintf(ref, sizeof(ref), "file-%zu", i + 1);
	jw_obj(w);
	jw_kstr(w, "type", "file");
	jw_kstr(w, "bom-ref", ref);
	jw_kstr(w, "name", f->path);
	jw_key(w, "hashes");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "alg", cdx_alg(f->algo));
	jw_kstr(w, "content", f->digest);
	jw_end_obj(w);
	jw_end_arr(w);
	jw_end_obj(w);
}

static void cdx_package(struct sbom *s, size_t i)
{
	const struct inv_pkg *p = &s->c->f->pkgs[i];
	struct jw *w = &s->w;
	const char *u = purl(s, p);
	bool any = false;
	char ref[32];

	snprintf(ref, sizeof(ref), "pkg-%zu", i + 1);
	jw_obj(w);
	jw_kstr(w, "type", "library");
	jw_kstr(w, "bom-ref", ref);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "version", p->version);
	if (p->vendor && p->vendor[0])
		jw_kstr(w, "publisher", p->vendor);
	if (u)
		jw_kstr(w, "purl", u);
	jw_key(w, "properties");
	jw_arr(w);
	kprop(w, "imgaudit:package:db", rpt_db_name(p->db));
	kprop(w, "imgaudit:package:db_path", p->db_path);
	kprop(w, "imgaudit:package:arch", p->arch);
	kprop(w, "imgaudit:package:source", p->source);
	kprop(w, "imgaudit:package:source_version", p->source_version);
	jw_end_arr(w);
	/* its files with a digest, nested in it */
	for (size_t k = 0; k < p->n_files; k++) {
		size_t hl;

		if (!digest_ok(&s->c->f->files[p->first_file + k], &hl))
			continue;
		if (!any) {
			jw_key(w, "components");
			jw_arr(w);
			any = true;
		}
		cdx_file(s, p->first_file + k);
	}
	if (any)
		jw_end_arr(w);
	jw_end_obj(w);
}

static void cdx_os(struct sbom *s)
{
	const struct inv_os *os = &s->c->f->os;
	struct jw *w = &s->w;

	jw_obj(w);
	jw_kstr(w, "type", "operating-system");
	jw_kstr(w, "bom-ref", "os");
	jw_kstr(w, "name", os->known && os->id[0] ? os->id : "unknown");
	if (os->version_id[0])
		jw_kstr(w, "version", os->version_id);
	if (os->pretty_name[0])
		jw_kstr(w, "description", os->pretty_name);
	jw_key(w, "properties");
	jw_arr(w);
	kprop(w, "imgaudit:os:family", os->family);
	kprop(w, "imgaudit:os:codename", os->codename);
	kprop(w, "imgaudit:os:source", os->source);
	jw_end_arr(w);
	jw_end_obj(w);
}

static void cdx_metadata(struct sbom *s)
{
	const struct fnd_target *t = s->c->t;
	struct jw *w = &s->w;

	jw_key(w, "metadata");
	jw_obj(w);
	jw_kstr(w, "timestamp", s->created);
	jw_key(w, "tools");
	jw_obj(w);
	jw_key(w, "components");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "type", "application");
	jw_kstr(w, "name", "imgaudit");
	jw_kstr(w, "version", IA_VERSION);
	jw_end_obj(w);
	jw_end_arr(w);
	jw_end_obj(w);
	jw_key(w, "component");
	jw_obj(w);
	jw_kstr(w, "type", t->image ? "container" : "operating-system");
	jw_kstr(w, "bom-ref", "target");
	jw_kstr(w, "name", t->image && t->image->ref[0] ? t->image->ref : t->spec);
	if (t->image && t->image->config_digest[0])
		jw_kstr(w, "version", t->image->config_digest);
	jw_key(w, "properties");
	jw_arr(w);
	kprop(w, "imgaudit:target:kind", t->kind);
	kprop(w, "imgaudit:target:spec", t->spec);
	jw_end_arr(w);
	jw_end_obj(w);
	jw_end_obj(w);
}

/* The target depends on the OS, the OS on every package. */
static void cdx_dependencies(struct sbom *s)
{
	struct jw *w = &s->w;
	char ref[32];

	jw_key(w, "dependencies");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "ref", "target");
	jw_key(w, "dependsOn");
	jw_arr(w);
	jw_str(w, "os");
	jw_end_arr(w);
	jw_end_obj(w);
	jw_obj(w);
	jw_kstr(w, "ref", "os");
	jw_key(w, "dependsOn");
	jw_arr(w);
	for (size_t i = 0; i < s->c->f->n_pkgs; i++) {
		snprintf(ref, sizeof(ref), "pkg-%zu", i + 1);
		jw_str(w, ref);
	}
	jw_end_arr(w);
	jw_end_obj(w);
	jw_end_arr(w);
}

int rpt_write_cyclonedx(FILE *out, const struct rpt_ctx *c)
{
	struct sbom s;
	char serial[64];

	sbom_init(&s, out, c);
	jw_obj(&s.w);
	jw_kstr(&s.w, "$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
	jw_kstr(&s.w, "bomFormat", "CycloneDX");
	jw_kstr(&s.w, "specVersion", "1.5");
	snprintf(serial, sizeof(serial), "urn:uuid:%s", s.uuid);
	jw_kstr(&s.w, "serialNumber", serial);
	jw_kint(&s.w, "version", 1);
	cdx_metadata(&s);
	jw_key(&s.w, "components");
	jw_arr(&s.w);
	cdx_os(&s);
	for (size_t i = 0; i < c->f->n_pkgs; i++)
		cdx_package(&s, i);
	jw_end_arr(&s.w);
	cdx_dependencies(&s);
	jw_end_obj(&s.w);
	return sbom_finish(&s);
}

/* SPDX: NOASSERTION where the databases say nothing (licences are not read) */
static void spdx_noassert(struct jw *w)
{
	jw_kstr(w, "downloadLocation", "NOASSERTION");
	jw_kstr(w, "licenseConcluded", "NOASSERTION");
	jw_kstr(w, "licenseDeclared", "NOASSERTION");
	jw_kstr(w, "copyrightText", "NOASSERTION");
}

static void spdx_package(struct sbom *s, size_t i)
{
	const struct inv_pkg *p = &s->c->f->pkgs[i];
	struct jw *w = &s->w;
	const char *u;
	char id[40];

	snprintf(id, sizeof(id), "SPDXRef-Package-%zu", i + 1);
	jw_obj(w);
	jw_kstr(w, "SPDXID", id);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "versionInfo", p->version);
	spdx_noassert(w);
	jw_kbool(w, "filesAnalyzed", false);
	jw_kstr(w, "primaryPackagePurpose", "LIBRARY");
	if (p->vendor && p->vendor[0] && !strpbrk(p->vendor, "\r\n")) {
		ia_buf_reset(&s->b);
		if (ia_buf_addf(&s->b, "Organization: %s", p->vendor) == 0)
			jw_kstr(w, "supplier", s->b.data);
	}
	if (p->source && p->source[0] && strcmp(p->source, p->name) != 0) {
		ia_buf_reset(&s->b);
		if (ia_buf_addf(&s->b, "built from source package %s %s", p->source,
				p->source_version ? p->source_version : "") == 0)
			jw_kstr(w, "sourceInfo", s->b.data);
	}
	if ((u = purl(s, p))) {
		jw_key(w, "externalRefs");
		jw_arr(w);
		jw_obj(w);
		jw_kstr(w, "referenceCategory", "PACKAGE-MANAGER");
		jw_kstr(w, "referenceType", "purl");
		jw_kstr(w, "referenceLocator", u);
		jw_end_obj(w);
		jw_end_arr(w);
	}
	jw_end_obj(w);
}

static void spdx_os(struct sbom *s)
{
	const struct inv_os *os = &s->c->f->os;
	struct jw *w = &s->w;

	jw_obj(w);
	jw_kstr(w, "SPDXID", "SPDXRef-OperatingSystem");
	jw_kstr(w, "name", os->known && os->id[0] ? os->id : "unknown");
	if (os->version_id[0])
		jw_kstr(w, "versionInfo", os->version_id);
	spdx_noassert(w);
	jw_kbool(w, "filesAnalyzed", false);
	jw_kstr(w, "primaryPackagePurpose", "OPERATING_SYSTEM");
	if (os->pretty_name[0])
		jw_kstr(w, "description", os->pretty_name);
	jw_end_obj(w);
}

static void spdx_files(struct sbom *s)
{
	struct jw *w = &s->w;
	size_t hl;
	char id[40];

	jw_key(w, "files");
	jw_arr(w);
	for (size_t i = 0; i < s->c->f->n_files; i++) {
		const struct inv_file *f = &s->c->f->files[i];

		if (!digest_ok(f, &hl))
			continue;
		snprintf(id, sizeof(id), "SPDXRef-File-%zu", i + 1);
		jw_obj(w);
		jw_kstr(w, "SPDXID", id);
		ia_buf_reset(&s->b);
		if (ia_buf_addf(&s->b, ".%s%s", f->path[0] == '/' ? "" : "/", f->path) < 0)
			ia_buf_adds(&s->b, "./...");
		jw_kstr(w, "fileName", s->b.data);
		jw_key(w, "checksums");
		jw_arr(w);
		jw_obj(w);
		jw_kstr(w, "algorithm", spdx_alg(f->algo));
		jw_kstr(w, "checksumValue", f->digest);
		jw_end_obj(w);
		jw_end_arr(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void relationship(struct jw *w, const char *a, const char *type, const char *b)
{
	jw_obj(w);
	jw_kstr(w, "spdxElementId", a);
	jw_kstr(w, "relationshipType", type);
	jw_kstr(w, "relatedSpdxElement", b);
	jw_end_obj(w);
}

/* The document describes the OS; the OS contains each package, each package its files. */
static void spdx_relationships(struct sbom *s)
{
	struct jw *w = &s->w;
	char a[40], b[40];
	size_t hl;

	jw_key(w, "relationships");
	jw_arr(w);
	relationship(w, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-OperatingSystem");
	for (size_t i = 0; i < s->c->f->n_pkgs; i++) {
		snprintf(b, sizeof(b), "SPDXRef-Package-%zu", i + 1);
		relationship(w, "SPDXRef-OperatingSystem", "CONTAINS", b);
	}
	for (size_t i = 0; i < s->c->f->n_files; i++) {
		if (!digest_ok(&s->c->f->files[i], &hl))
			continue;
		snprintf(a, sizeof(a), "SPDXRef-Package-%u", s->c->f->files[i].pkg + 1);
		snprintf(b, sizeof(b), "SPDXRef-File-%zu", i + 1);
		relationship(w, a, "CONTAINS", b);
	}
	jw_end_arr(w);
}

int rpt_write_spdx(FILE *out, const struct rpt_ctx *c)
{
	struct sbom s;
	char ns[80];

	sbom_init(&s, out, c);
	jw_obj(&s.w);
	jw_kstr(&s.w, "spdxVersion", "SPDX-2.3");
	jw_kstr(&s.w, "dataLicense", "CC0-1.0");
	jw_kstr(&s.w, "SPDXID", "SPDXRef-DOCUMENT");
	jw_kstr(&s.w, "name", c->t->spec);
	snprintf(ns, sizeof(ns), "urn:uuid:%s", s.uuid);
	jw_kstr(&s.w, "documentNamespace", ns);
	jw_key(&s.w, "creationInfo");
	jw_obj(&s.w);
	jw_kstr(&s.w, "created", s.created);
	jw_key(&s.w, "creators");
	jw_arr(&s.w);
	ia_buf_reset(&s.b);
	ia_buf_addf(&s.b, "Tool: imgaudit-%s", IA_VERSION);
	jw_str(&s.w, s.b.data);
	jw_end_arr(&s.w);
	jw_end_obj(&s.w);
	jw_key(&s.w, "packages");
	jw_arr(&s.w);
	spdx_os(&s);
	for (size_t i = 0; i < c->f->n_pkgs; i++)
		spdx_package(&s, i);
	jw_end_arr(&s.w);
	spdx_files(&s);
	spdx_relationships(&s);
	jw_end_obj(&s.w);
	return sbom_finish(&s);
}
