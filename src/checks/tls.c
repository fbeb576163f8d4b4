/* tls.c — the tls family: X.509 certificates (validity, self-signed, weak keys and signatures)
 * and private keys (permissions, plaintext keys baked into the image), read with OpenSSL */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/limits.h"

#include "checks/check.h"
#include "checks/fam_util.h"
#include "checks/secrets.h"
#include "checks/tls.h"
#include "facts/facts.h"
#include "target/target.h"

#include "util/banned.h"

/*
 * What is examined: certificate and key files found by name and place (chk_tls_candidate) and
 * every file a service configuration names as its certificate, key or CA file (nginx, redis,
 * mosquitto, PostgreSQL, MySQL). Outside /usr (except /usr/local): what packages ship under
 * /usr is the distribution's (test vectors, documentation, trust stores), not this image's.
 *
 * Trust anchors are apart: a CA certificate (basicConstraints CA:TRUE) that no service names
 * is part of a trust store or a chain kept for clients (ca-certificates, certifi bundles); an
 * expired root there is no finding, it is counted in the PASS note. A certificate a service
 * names, and every end-entity certificate, is judged.
 */

/* ---- candidates ---- */

static bool has_ext(const char *b, const char *ext)
{
	size_t n = strlen(b), e = strlen(ext);

	return n > e && b[n - e - 1] == '.' && strcasecmp(b + n - e, ext) == 0;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Outside what packages of the distribution own wholesale. */
static bool in_scope(const char *path)
{
	static const char *const skip[] = {"/proc", "/sys", "/dev", "/run", "/boot"};

	if (under(path, "/usr") && !under(path, "/usr/local"))
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(skip); i++)
		if (under(path, skip[i]))
			return false;
	return true;
}

bool chk_tls_candidate(const char *path)
{
	static const char *const exts[] = {"pem", "crt", "cer", "cert", "der", "key", "p8", "pk8"};
	static const char *const ids[] = {"id_rsa",     "id_dsa",      "id_ecdsa",
					  "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"};
	const char *b = fam_basename(path);

	if (!in_scope(path) || chk_secrets_vendored_test(path))
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(exts); i++)
		if (has_ext(b, exts[i]))
			return true;
	for (size_t i = 0; i < IA_ARRAY_SIZE(ids); i++)
		if (strcmp(b, ids[i]) == 0)
			return true;
	return (under(path, "/etc/ssl") || under(path, "/etc/pki")) && strstr(path, "/private/");
}

/* A file a service configuration names. */
struct tls_ref {
	char path[IA_MAX_PATH];
	const char *conf; /* the configuration file naming it */
	unsigned line;
	const char *directive;
};

struct tls_refs {
	struct tls_ref *v;
	size_t n, cap;
};

static void ref_add(struct tls_refs *r, const struct inv_conf_dir *d, const char *base)
{
	struct tls_ref *x;
	const char *v = d->value;
	size_t vl = strcspn(v, " \t");

	if (!vl || vl >= IA_MAX_PATH / 2 || r->n >= IA_MAX_CERT_FILES)
		return;
	if (*v != '/' && !base) /* relative to a directory we do not know (a data directory) */
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		void *p = realloc(r->v, cap * sizeof(*r->v));

		if (!p)
			return;
		r->v = p;
		r->cap = cap;
	}
	x = &r->v[r->n++];
	if (*v == '/')
		snprintf(x->path, sizeof(x->path), "%.*s", (int)vl, v);
	else
		snprintf(x->path, sizeof(x->path), "%s/%.*s", base, (int)vl, v);
	x->conf = d->path;
	x->line = d->line;
	x->directive = d->key;
}

static void refs_from(struct tls_refs *r, const struct inv_conf *c, const char *const *keys,
		      const char *base)
{
	for (size_t i = 0; i < c->n; i++)
		for (size_t k = 0; keys[k]; k++)
			if (c->v[i].key && strcasecmp(c->v[i].key, keys[k]) == 0)
				ref_add(r, &c->v[i], base);
}

static void refs_collect(struct chk_ctx *ctx, struct tls_refs *r)
{
	const struct inv_svc *s = &ctx->facts->svc;

	refs_from(r, &s->nginx,
		  CHK_CLAUSES("ssl_certificate", "ssl_certificate_key", "ssl_client_certificate",
			      "ssl_trusted_certificate", "proxy_ssl_certificate",
			      "proxy_ssl_certificate_key"),
		  "/etc/nginx");
	refs_from(r, &s->mosquitto, CHK_CLAUSES("certfile", "keyfile", "cafile"), NULL);
	refs_from(r, &s->redis,
		  CHK_CLAUSES("tls-cert-file", "tls-key-file", "tls-ca-cert-file",
			      "tls-client-cert-file", "tls-client-key-file"),
		  NULL);
	refs_from(r, &s->postgres, CHK_CLAUSES("ssl_cert_file", "ssl_key_file", "ssl_ca_file"),
		  NULL);
	refs_from(r, &s->mysql,
		  CHK_CLAUSES("ssl-cert", "ssl_cert", "ssl-key", "ssl_key", "ssl-ca", "ssl_ca"),
		  NULL);
	refs_from(r, &s->mongodb,
		  CHK_CLAUSES("net.tls.certificateKeyFile", "net.ssl.PEMKeyFile", "net.tls.CAFile"),
		  NULL);
}

/* ---- one file's PEM blocks ---- */

/* What one pass over the candidates found, per kind of finding. */
struct tls_scan {
	struct tls_refs refs;
	time_t now, soon; /* the audit date and the end of the expiry window */
	size_t files, certs, anchors, keys, encrypted, listed, over;
	bool want_certs; /* which check runs: certificates or keys */
	bool bundle;     /* the file being read holds more than one certificate */
	int kind;        /* TLS_EXPIRED .. TLS_KEY_PLAIN: the one check reporting */
};

enum { TLS_EXPIRED, TLS_EXPIRING, TLS_SELF, TLS_WEAK, TLS_NO_SAN, TLS_KEY_PERM, TLS_KEY_PLAIN };

static const struct tls_ref *ref_of(const struct tls_scan *s, const char *path)
{
	for (size_t i = 0; i < s->refs.n; i++)
		if (strcmp(s->refs.v[i].path, path) == 0)
			return &s->refs.v[i];
	return NULL;
}

/* The line of offset off, counting on from where the last call stopped (*at, *line). */
static unsigned line_at(const char *data, size_t off, size_t *at, unsigned *line)
{
	for (; *at < off; (*at)++)
		*line += data[*at] == '\n';
	return *line;
}

static void subject_of(X509 *x, char *out, size_t n)
{
	X509_NAME *nm = X509_get_subject_name(x);
	int i = nm ? X509_NAME_get_index_by_NID(nm, NID_commonName, -1) : -1;
	ASN1_STRING *a = i >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i)) : NULL;
	const unsigned char *p = a ? ASN1_STRING_get0_data(a) : NULL;
	int len = a ? ASN1_STRING_length(a) : 0;
	size_t o = 0;

	if (!p || len <= 0) {
		snprintf(out, n, "no CN");
		return;
	}
	o = (size_t)snprintf(out, n, "CN=");
	for (int k = 0; k < len && o + 1 < n && k < 80; k++)
		out[o++] = (p[k] >= 0x20 && p[k] < 0x7f) ? (char)p[k] : '?';
	out[o] = 0;
}

static void day_of(const ASN1_TIME *t, char *out, size_t n)
{
	struct tm tm;

	if (!t || !ASN1_TIME_to_tm(t, &tm)) {
		snprintf(out, n, "(unreadable date)");
		return;
	}
	strftime(out, n, "%Y-%m-%d", &tm);
}

/* true when a certificate names a host: a DNS name or an IP address in its subjectAltName. */
static bool names_host(X509 *x)
{
	GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	bool any = false;

	for (int i = 0; g && i < sk_GENERAL_NAME_num(g) && !any; i++) {
		const GENERAL_NAME *n = sk_GENERAL_NAME_value(g, i);

		any = n->type == GEN_DNS || n->type == GEN_IPADD;
	}
	GENERAL_NAMES_free(g);
	return any;
}

/* true for a certificate only for clients (extendedKeyUsage without serverAuth). */
static bool client_only(X509 *x)
{
	return (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) &&
	       !(X509_get_extended_key_usage(x) & XKU_SSL_SERVER);
}

/* The weakness of a certificate's key or signature, or NULL. */
static const char *weakness(X509 *x, bool self, char *buf, size_t n)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int dig = NID_undef, pk = NID_undef;

	if (k) {
		int id = EVP_PKEY_get_base_id(k), bits = EVP_PKEY_get_bits(k);

		if (id == EVP_PKEY_RSA && bits < 2048) {
			snprintf(buf, n, "RSA key of %d bits (under 2048)", bits);
			return buf;
		}
		if (id == EVP_PKEY_EC && bits < 256) {
			snprintf(buf, n, "EC key of %d bits (under 256)", bits);
			return buf;
		}
		if (id == EVP_PKEY_DSA) {
			snprintf(buf, n, "DSA key of %d bits", bits);
			return buf;
		}
	}
	/* the signature of a self-signed certificate is checked by nobody */
	if (!self && OBJ_find_sigid_algs(X509_get_signature_nid(x), &dig, &pk) &&
	    (dig == NID_sha1 || dig == NID_md5 || dig == NID_md4 || dig == NID_md2)) {
		snprintf(buf, n, "signed with %s", OBJ_nid2sn(dig));
		return buf;
	}
	return NULL;
}

static void one_cert(struct chk_ctx *ctx, struct tls_scan *s, X509 *x, const char *path,
		     unsigned line, const struct tls_ref *ref, bool leaf_of_ref)
{
	uint32_t fl = X509_get_extension_flags(x);
	bool self = (fl & EXFLAG_SS) != 0;
	/* a CA: one marked so that signs certificates (keyUsage keyCertSign), a v1 root, or a CA
	 * in a bundle; "openssl req -x509" marks a server's own certificate CA:TRUE without a
	 * keyUsage, and that one is judged */
	bool ca = X509_check_ca(x) >= 1 &&
		  (((fl & EXFLAG_KUSAGE) && (X509_get_key_usage(x) & KU_KEY_CERT_SIGN)) ||
		   (X509_get_version(x) == 0 && self) || s->bundle);
	char subj[128], day[32], v[256], why[96], fix[FAM_MAX_FIX];
	const ASN1_TIME *end = X509_get0_notAfter(x);
	const char *used = ref ? " (used by a service)" : "";

	s->certs++;
	if (ca && !ref) {
		s->anchors++;
		return;
	}
	subject_of(x, subj, sizeof(subj));
	day_of(end, day, sizeof(day));
	switch (s->kind) {
	case TLS_EXPIRED:
	case TLS_EXPIRING: {
		time_t now = s->now, soon = s->soon;
		bool gone = X509_cmp_time(end, &now) < 0;
		bool ending = !gone && X509_cmp_time(end, &soon) < 0;

		if ((s->kind == TLS_EXPIRED && !gone) || (s->kind == TLS_EXPIRING && !ending))
			return;
		snprintf(v, sizeof(v), "%s, notAfter %s", subj, day);
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		chk_report(ctx, path, line, v, NULL, "certificate %s%s %s on %s", path, used,
			   gone ? "expired" : "expires", day);
		return;
	}
	case TLS_SELF:
		/* a self-signed certificate a client can only trust by pinning it */
		if (!self || (ref && !leaf_of_ref) || (!ref && ca))
			return;
		snprintf(v, sizeof(v), "%s, issuer = subject", subj);
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		if (ref)
			chk_report(ctx, path, line, v, NULL,
				   "self-signed certificate %s named by %s at %s:%u", path,
				   ref->directive, ref->conf, ref->line);
		else
			chk_report(ctx, path, line, v, NULL, "self-signed certificate %s", path);
		return;
	case TLS_WEAK:
		if (!weakness(x, self, why, sizeof(why)))
			return;
		snprintf(v, sizeof(v), "%s, %s", subj, why);
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		chk_report(ctx, path, line, v,
			   fam_fix(fix,
				   "Replace %s with a certificate on an RSA 2048+ or EC P-256+ key "
				   "signed with SHA-256 or better",
				   path),
			   "weak certificate %s%s: %s", path, used, why);
		return;
	case TLS_NO_SAN:
		/* browsers and current TLS libraries match a host against subjectAltName only */
		if ((ref && !leaf_of_ref) || (!ref && ca) || client_only(x) || names_host(x))
			return;
		snprintf(v, sizeof(v), "%s, no DNS or IP subjectAltName", subj);
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		chk_report(ctx, path, line, v, NULL,
			   "certificate %s%s names no host in subjectAltName", path, used);
		return;
	default:
		return;
	}
}

/* true when an OpenSSH private key blob names a cipher other than "none". */
static bool openssh_encrypted(const unsigned char *d, long n)
{
	static const char magic[] = "openssh-key-v1";
	uint32_t l;

	if (n < (long)sizeof(magic) + 4 || memcmp(d, magic, sizeof(magic)) != 0)
		return false;
	d += sizeof(magic);
	l = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
	if (l > (uint32_t)(n - (long)sizeof(magic) - 4))
		return false;
	return !(l == 4 && memcmp(d + 4, "none", 4) == 0);
}

static bool host_group(struct chk_ctx *ctx, const struct tgt_entry *e)
{
	const struct inv_group *g = inv_group_by_gid(ctx->facts, e->gid);

	/* root's group holds root; Debian's ssl-cert group (0640 root:ssl-cert keys, read by the
	 * daemons in it) and Fedora's ssh_keys group are the designed way to share a key with a
	 * service */
	if (e->gid == 0)
		return !(e->mode & S_IWGRP);
	return g && g->name &&
	       (strcmp(g->name, "ssl-cert") == 0 || strcmp(g->name, "ssh_keys") == 0) &&
	       !(e->mode & S_IWGRP);
}

/* SSH host keys: LEFT-010 reports them baked in. */
static bool ssh_key_elsewhere(const char *path)
{
	const char *b = fam_basename(path);

	return under(path, "/etc/ssh") && strncmp(b, "ssh_host_", 9) == 0;
}

static void one_key(struct chk_ctx *ctx, struct tls_scan *s, const struct tgt_entry *e,
		    const char *path, unsigned line, const char *name, const char *header,
		    const unsigned char *data, long len, const struct tls_ref *ref)
{
	bool enc = strstr(name, "ENCRYPTED") || (header && strstr(header, "ENCRYPTED")) ||
		   (strcmp(name, "OPENSSH PRIVATE KEY") == 0 && openssh_encrypted(data, len));
	char v[96], fix[FAM_MAX_FIX];
	const char *used = ref ? " (used by a service)" : "";

	s->keys++;
	s->encrypted += enc;
	if (s->kind == TLS_KEY_PERM) {
		if (!e || !((e->mode & S_IRWXO) || ((e->mode & S_IRWXG) && !host_group(ctx, e))) ||
		    (under(path, "/etc/ssh") || strstr(path, "/.ssh/")))
			return;
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		snprintf(v, sizeof(v), "mode %04o uid %u gid %u", e->mode & 07777, e->uid, e->gid);
		chk_report(ctx, path, line, v,
			   fam_fix(fix, "chmod 600 %s (or 640 root:ssl-cert)", path),
			   "private key %s%s is readable by %s", path, used,
			   (e->mode & S_IRWXO) ? "every user" : "its group");
	} else if (s->kind == TLS_KEY_PLAIN && !enc && !ssh_key_elsewhere(path)) {
		if (++s->listed > IA_MAX_TLS_LISTED)
			return;
		snprintf(v, sizeof(v), "%s, not encrypted", name);
		chk_report(ctx, path, line, v, NULL,
			   "private key %s%s baked into the image: every instance made from it "
			   "shares the key",
			   path, used);
	}
}

static void scan_file(struct chk_ctx *ctx, struct tls_scan *s, const char *path,
		      const struct tgt_entry *e, const struct tls_ref *ref, struct ia_buf *buf)
{
	struct ia_err err = {0};
	const char *p, *end;
	size_t blocks = 0, at = 0;
	unsigned lineno = 1, bad = 0, bad_line = 0;
	const char *bad_why = NULL;
	bool first_cert = true;
	int r;

	if (++s->files > IA_MAX_CERT_FILES) {
		s->over++;
		return;
	}
	r = tgt_read(ctx->tgt, path, IA_MAX_CERT_FILE, buf, NULL, &err);
	if (r == -IA_ETOOBIG) {
		/* a big *.pem is a bundle or not PEM; one a service names is examined or a gap */
		if (ref)
			chk_gap(ctx, path, 0, "file not examined: larger than %u bytes",
				IA_MAX_CERT_FILE);
		return;
	}
	if (r < 0) {
		if (r != -ENOENT && r != -ENOTDIR && r != -EISDIR && r != -EINVAL) {
			if (!err.path[0])
				ia_err_set(&err, r, path, 0, "%s", ia_strerror(r));
			ia_err_prefix(&err, "file not examined");
			chk_gap_err(ctx, &err);
		}
		return;
	}
	p = buf->data;
	end = buf->data + buf->len;
	s->bundle = false;
	for (const char *q = p, *c = NULL; q < end; q = c + 27) {
		c = memmem(q, (size_t)(end - q), "-----BEGIN CERTIFICATE-----", 27);
		if (!c)
			break;
		if (q != p) {
			s->bundle = true;
			break;
		}
	}
	if (buf->len && !memmem(p, buf->len, "-----BEGIN ", 11)) {
		/* DER: one certificate; anything else in a *.der is not ours to judge */
		const unsigned char *q = (const unsigned char *)p;
		X509 *x = (s->want_certs && (unsigned char)p[0] == 0x30)
				  ? d2i_X509(NULL, &q, (long)buf->len)
				  : NULL;

		if (x) {
			one_cert(ctx, s, x, path, 0, ref, true);
			X509_free(x);
		}
		ERR_clear_error();
		return;
	}
	while (p < end && (p = memmem(p, (size_t)(end - p), "-----BEGIN ", 11)) != NULL) {
		unsigned line = line_at(buf->data, (size_t)(p - buf->data), &at, &lineno);
		BIO *bio = BIO_new_mem_buf(p, (int)(end - p));
		char *name = NULL, *header = NULL;
		unsigned char *data = NULL;
		long len = 0;

		if (++blocks > IA_MAX_PEM_BLOCKS) {
			chk_gap(ctx, path, line, "more than %u PEM blocks: the rest not examined",
				IA_MAX_PEM_BLOCKS);
			BIO_free(bio);
			break;
		}
		if (!bio || !PEM_read_bio(bio, &name, &header, &data, &len)) {
			ERR_clear_error();
			if (!bad++) {
				bad_line = line;
				bad_why = "malformed PEM block";
			}
			BIO_free(bio);
			p += 11;
			continue;
		}
		if (strcmp(name, "CERTIFICATE") == 0 || strcmp(name, "TRUSTED CERTIFICATE") == 0 ||
		    strcmp(name, "X509 CERTIFICATE") == 0) {
			if (s->want_certs) {
				const unsigned char *q = data;
				X509 *x = name[0] == 'T' ? d2i_X509_AUX(NULL, &q, len)
							 : d2i_X509(NULL, &q, len);

				if (x)
					one_cert(ctx, s, x, path, line, ref, first_cert);
				else if (!bad++) {
					bad_line = line;
					bad_why = "malformed certificate (not DER X.509)";
				}
				X509_free(x);
			}
			first_cert = false;
		} else if (!s->want_certs && strlen(name) >= 11 &&
			   strcmp(name + strlen(name) - 11, "PRIVATE KEY") == 0) {
			one_key(ctx, s, e, path, line, name, header, data, len, ref);
		}
		ERR_clear_error();
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		/* on past this block */
		p = end - BIO_pending(bio);
		BIO_free(bio);
		if (p <= buf->data)
			break;
	}
	/* one gap per file, however many blocks a hostile file holds */
	if (bad == 1)
		chk_gap(ctx, path, bad_line, "%s: not examined", bad_why);
	else if (bad)
		chk_gap(ctx, path, bad_line, "%s and %u more bad PEM blocks: not examined", bad_why,
			bad - 1);
}

static void scan_all(struct chk_ctx *ctx, int kind)
{
	struct tls_scan s = {0};
	struct ia_buf buf;
	int64_t days =
		ctx->opts && ctx->opts->cert_days ? ctx->opts->cert_days : CHK_CERT_DAYS_DEFAULT;

	s.kind = kind;
	s.want_certs = kind <= TLS_NO_SAN;
	s.now = (time_t)(ctx->opts && ctx->opts->now ? ctx->opts->now : (int64_t)time(NULL));
	s.soon = s.now + (time_t)(days > 0 ? days : 0) * 86400;
	if (kind == TLS_EXPIRING && days < 0) {
		chk_gap(ctx, NULL, 0, "expiring certificates not examined (turned off)");
		return;
	}
	refs_collect(ctx, &s.refs);
	ia_buf_init(&buf, IA_MAX_CERT_FILE);
	/* the files services name, then every other candidate */
	for (size_t i = 0; i < s.refs.n; i++) {
		const struct tgt_entry *e = NULL;
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = strcmp(s.refs.v[j].path, s.refs.v[i].path) == 0;
		if (dup)
			continue;
		if (tgt_lookup(ctx->tgt, s.refs.v[i].path, 0, &e) < 0 || !S_ISREG(e->mode)) {
			chk_note(ctx, "%s names %s (%s:%u), which is not in the image",
				 s.refs.v[i].directive, s.refs.v[i].path, s.refs.v[i].conf,
				 s.refs.v[i].line);
			continue;
		}
		scan_file(ctx, &s, s.refs.v[i].path, e, &s.refs.v[i], &buf);
	}
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);

		if (!S_ISREG(e->mode) || !chk_tls_candidate(e->path) || ref_of(&s, e->path))
			continue;
		scan_file(ctx, &s, e->path, e, NULL, &buf);
	}
	ia_buf_release(&buf);
	if (s.over)
		chk_gap(ctx, NULL, 0, "%zu certificate or key files not examined (more than %u)",
			s.over, IA_MAX_CERT_FILES);
	if (s.listed > IA_MAX_TLS_LISTED)
		chk_report(ctx, "/", 0, "", NULL, "%zu more of the same not listed",
			   s.listed - IA_MAX_TLS_LISTED);
	if (s.want_certs && !s.certs)
		chk_absent(ctx, "no X.509 certificate outside /usr (%zu candidate files read)",
			   s.files);
	else if (s.want_certs)
		chk_note(ctx,
			 "%zu certificates in %zu files read; %zu CA certificates no service names "
			 "(trust stores, chains) not judged",
			 s.certs, s.files, s.anchors);
	else if (!s.keys)
		chk_absent(ctx, "no PEM private key outside /usr (%zu candidate files read)",
			   s.files);
	else
		chk_note(ctx, "%zu private keys read, %zu encrypted", s.keys, s.encrypted);
	free(s.refs.v);
}

static void run_expired(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_EXPIRED);
}

static void run_expiring(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_EXPIRING);
}

static void run_self(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_SELF);
}

static void run_weak(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_WEAK);
}

static void run_no_san(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_NO_SAN);
}

static void run_key_perm(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_KEY_PERM);
}

static void run_key_plain(struct chk_ctx *ctx)
{
	scan_all(ctx, TLS_KEY_PLAIN);
}

#define TLS_EXAMINES                                                                               \
	"certificate files (*.pem, *.crt, *.cer, *.cert, *.der) outside /usr (except /usr/local) " \
	"and those nginx, redis, mosquitto, PostgreSQL, MySQL and MongoDB configurations name; "   \
	"CA "                                                                                      \
	"certificates no service names (trust stores) and third-party packages' test directories " \
	"are not judged"
#define KEY_EXAMINES                                                                               \
	"PEM and OpenSSH private keys in *.pem, *.key, *.p8, id_* files and private/ directories " \
	"of /etc/ssl and /etc/pki outside /usr (not third-party packages' test directories), and " \
	"the key files service configurations name"

static const struct chk_def tls_checks[] = {
	{
		.id = "TLS-001",
		.title = "expired X.509 certificate",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-8", "JK-TLS"),
		.examines = TLS_EXAMINES " at the audit date (--date)",
		.remediation = "Renew the certificate (or remove it if nothing uses it), and "
			       "provision certificates at deployment rather than in the image",
		.run = run_expired,
	},
	{
		.id = "TLS-002",
		.title = "X.509 certificate expiring soon",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-8"),
		.examines = TLS_EXAMINES " within --cert-days days (default 30) of the audit date",
		.remediation = "Renew the certificate before it ends and automate renewal (ACME)",
		.run = run_expiring,
	},
	{
		.id = "TLS-003",
		.title = "self-signed server certificate",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-8", "JK-TLS"),
		.examines = "end-entity certificates whose issuer is their subject, and the first "
			    "certificate of each file a service names",
		.remediation =
			"Serve a certificate issued by a CA the clients trust (an internal CA "
			"for gateways), provisioned per instance at deployment",
		.run = run_self,
	},
	{
		.id = "TLS-004",
		.title = "weak certificate key or signature",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-8", "JK-TLS"),
		.examines = TLS_EXAMINES ": RSA keys under 2048 bits, EC keys under 256 bits, DSA "
					 "keys, SHA-1 or MD5 signatures (not of self-signed ones)",
		.remediation =
			"Reissue the certificate on an RSA 2048+ or EC P-256+ key signed with "
			"SHA-256 or better",
		.run = run_weak,
	},
	{
		.id = "TLS-005",
		.title = "private key readable by other users",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-4.4", "JK-KEYS", "JD-3.1e"),
		.examines = KEY_EXAMINES "; group read by ssl-cert or ssh_keys is allowed; keys in "
					 "/etc/ssh and .ssh are FS-008's",
		.remediation =
			"chmod 600 the key (or 640 root:ssl-cert for a daemon in that group)",
		.run = run_key_perm,
	},
	{
		.id = "TLS-006",
		.title = "unencrypted private key baked into the image",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-4.4", "JK-KEYS", "JD-4.1g"),
		.examines = KEY_EXAMINES "; encrypted keys (PKCS#8, legacy Proc-Type, OpenSSH with "
					 "a cipher) are counted, not reported; SSH host keys are "
					 "LEFT-010's",
		.remediation =
			"Remove the key from the image and provision one per instance at "
			"first boot or deployment (secret store, mounted volume; Debian's "
			"snakeoil: make-ssl-cert generate-default-snakeoil --force-overwrite "
			"at first boot)",
		.run = run_key_plain,
	},
	{
		.id = "TLS-007",
		.title = "server certificate naming no host (no subjectAltName)",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-8", "JK-TLS"),
		.examines =
			"end-entity certificates and the first certificate of each file a service "
			"names, except client-only ones (extendedKeyUsage without serverAuth): a "
			"DNS name or IP address in subjectAltName (clients no longer match the "
			"common name)",
		.remediation = "Reissue the certificate with the server's names in subjectAltName "
			       "(openssl req -addext \"subjectAltName=DNS:host.example\")",
		.run = run_no_san,
	},
};

const struct chk_family chk_family_tls = {
	.name = "tls",
	.checks = tls_checks,
	.n_checks = IA_ARRAY_SIZE(tls_checks),
};
