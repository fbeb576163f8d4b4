/* test_tls.c — unit tests of the tls family (TLS-001..006): certificates made here with OpenSSL
 * (expired, expiring, self-signed, weak key, SHA-1, CA bundles), private keys and their modes,
 * malformed and oversized PEM/DER, the Debian roots */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "checks/tls.h"
#include "svc_fixture.h"
#include "util/common.h"

/* The audit date of these tests (2027-01-15). */
#define T0 1800000000L
#define DAY 86400L

static EVP_PKEY *ca_key;
static X509 *ca_cert;

static char *pem_of(X509 *x, EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p, *s;
	long n;

	if (x)
		assert_true(PEM_write_bio_X509(b, x));
	if (k)
		assert_true(PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL));
	n = BIO_get_mem_data(b, &p);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	memcpy(s, p, (size_t)n);
	s[n] = 0;
	BIO_free(b);
	return s;
}

static void ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX c;
	X509_EXTENSION *e;

	X509V3_set_ctx(&c, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &c, nid, value);
	assert_non_null(e);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

/*
 * A certificate for cn valid from T0+from to T0+to days, on key k, signed with md by the test
 * CA (issuer NULL: self-signed with k). ca: a CA with keyCertSign; self_ca: CA:TRUE without a
 * keyUsage, as "openssl req -x509" makes a server's own certificate.
 */
static X509 *mkcert(EVP_PKEY *k, const char *cn, long from, long to, const EVP_MD *md, bool self,
		    bool ca, bool self_ca)
{
	X509 *x = X509_new();
	X509 *issuer = self ? x : ca_cert;
	static long serial = 1;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_time_adj_ex(X509_getm_notBefore(x), (int)from, 0, &(time_t){T0});
	X509_time_adj_ex(X509_getm_notAfter(x), (int)to, 0, &(time_t){T0});
	X509_set_pubkey(x, k);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(issuer));
	if (ca) {
		ext(x, issuer, NID_basic_constraints, "critical,CA:TRUE");
		ext(x, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else if (self_ca) {
		ext(x, issuer, NID_basic_constraints, "critical,CA:TRUE");
	} else {
		ext(x, issuer, NID_basic_constraints, "CA:FALSE");
	}
	/* a server's names; none for "nosan…", a client's certificate for "client…" */
	if (!ca && strncmp(cn, "nosan", 5) != 0 && strncmp(cn, "client", 6) != 0) {
		char san[128];

		snprintf(san, sizeof(san), "DNS:%s", cn);
		ext(x, issuer, NID_subject_alt_name, san);
	}
	if (strncmp(cn, "client", 6) == 0)
		ext(x, issuer, NID_ext_key_usage, "clientAuth");
	assert_true(X509_sign(x, self ? k : ca_key, md) > 0);
	return x;
}

static void put(const char *root, const char *rel, X509 *x, EVP_PKEY *k, unsigned mode)
{
	char *s = pem_of(x, k);

	t_write(root, rel, s, mode);
	free(s);
}

static int setup(void **state)
{
	(void)state;
	ca_key = EVP_EC_gen("P-256");
	assert_non_null(ca_key);
	ca_cert = mkcert(ca_key, "Test Root CA", -1000, 3000, EVP_sha256(), true, true, false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	X509_free(ca_cert);
	EVP_PKEY_free(ca_key);
	return 0;
}

static void run_all(struct fx *x)
{
	x->o.now = T0;
	fx_run_family(x, "TLS", 7);
}

static void test_absent(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	(void)state;
	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/* One certificate of each kind; CA certificates and bundles are trust anchors, not findings. */
static void test_certs(void **state)
{
	char *root = fx_debian_root();
	EVP_PKEY *k = EVP_EC_gen("P-256"), *rsa1024 = EVP_RSA_gen(1024);
	X509 *c[10];
	char *a, *b, *both;
	const struct fnd_finding *f;
	struct fx x;

	(void)state;
	c[0] = mkcert(k, "old.example", -400, -10, EVP_sha256(), false, false, false);
	c[1] = mkcert(k, "soon.example", -300, 10, EVP_sha256(), false, false, false);
	c[2] = mkcert(k, "good.example", -10, 700, EVP_sha256(), false, false, false);
	c[3] = mkcert(k, "self.example", -10, 700, EVP_sha256(), true, false, true);
	c[4] = mkcert(rsa1024, "weak.example", -10, 700, EVP_sha256(), false, false, false);
	c[5] = mkcert(k, "sha1.example", -10, 700, EVP_sha1(), false, false, false);
	/* an expired root and a valid one in a bundle, and an expired root alone */
	c[6] = mkcert(k, "Old Root", -4000, -100, EVP_sha1(), true, true, false);
	c[7] = mkcert(rsa1024, "Another Root", -4000, 100, EVP_sha256(), true, true, false);
	c[8] = mkcert(k, "nosan.example", -10, 700, EVP_sha256(), false, false, false);
	c[9] = mkcert(k, "client-gw-17", -10, 700, EVP_sha256(), false, false, false);
	put(root, "etc/ssl/certs/old.pem", c[0], NULL, 0644);
	put(root, "opt/app/nosan.crt", c[8], NULL, 0644);
	put(root, "opt/app/client.crt", c[9], NULL, 0644);
	put(root, "opt/app/soon.crt", c[1], NULL, 0644);
	put(root, "opt/app/good.crt", c[2], NULL, 0644);
	put(root, "etc/ssl/certs/self.pem", c[3], NULL, 0644);
	put(root, "srv/weak.cer", c[4], NULL, 0644);
	put(root, "home/u/sha1.pem", c[5], NULL, 0644);
	a = pem_of(c[6], NULL);
	b = pem_of(c[7], NULL);
	assert_true(asprintf(&both, "# a bundle\n%s\n%s", a, b) > 0);
	t_write(root, "opt/app/certifi/cacert.pem", both, 0644);
	t_write(root, "usr/local/share/ca-certificates/old-root.crt", a, 0644);
	/* under /usr: the distribution's, not read */
	put(root, "usr/share/doc/x/old.pem", c[0], NULL, 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "TLS-001"), 1);
	f = fx_find(&x, "TLS-001", "/etc/ssl/certs/old.pem");
	assert_non_null(f);
	assert_string_equal(f->value, "CN=old.example, notAfter 2027-01-05");
	assert_int_equal(f->line, 1);
	assert_int_equal(fx_count(&x, "TLS-002"), 1);
	f = fx_find(&x, "TLS-002", "/opt/app/soon.crt");
	assert_non_null(f);
	assert_string_equal(f->value, "CN=soon.example, notAfter 2027-01-25");
	assert_int_equal(fx_count(&x, "TLS-003"), 1);
	assert_non_null(fx_find(&x, "TLS-003", "/etc/ssl/certs/self.pem"));
	assert_int_equal(fx_count(&x, "TLS-004"), 2);
	f = fx_find(&x, "TLS-004", "/srv/weak.cer");
	assert_non_null(f);
	assert_string_equal(f->value, "CN=weak.example, RSA key of 1024 bits (under 2048)");
	f = fx_find(&x, "TLS-004", "/home/u/sha1.pem");
	assert_non_null(f);
	assert_string_equal(f->value, "CN=sha1.example, signed with SHA1");
	/* no host named: the server certificate without subjectAltName, not the client's */
	assert_int_equal(fx_count(&x, "TLS-007"), 1);
	f = fx_find(&x, "TLS-007", "/opt/app/nosan.crt");
	assert_non_null(f);
	assert_string_equal(f->value, "CN=nosan.example, no DNS or IP subjectAltName");
	assert_int_equal(fx_gaps(&x, "TLS-001"), 0);
	fx_close(&x);

	/* a window of 5 days: the certificate ending in 10 is not reported; --date later: expired
	 */
	fx_open(&x, root);
	x.o.cert_days = 5;
	run_all(&x);
	assert_int_equal(fx_count(&x, "TLS-002"), 0);
	fx_close(&x);
	fx_open(&x, root);
	x.o.now = T0 + 20 * DAY;
	fx_run(&x, "TLS-001");
	assert_int_equal(fx_count(&x, "TLS-001"), 2);
	assert_non_null(fx_find(&x, "TLS-001", "/opt/app/soon.crt"));

	for (size_t i = 0; i < IA_ARRAY_SIZE(c); i++)
		X509_free(c[i]);
	free(a);
	free(b);
	free(both);
	EVP_PKEY_free(k);
	EVP_PKEY_free(rsa1024);
	fx_done(&x, root);
}

/* A DER certificate, and nginx naming a self-signed CA certificate and its chain. */
static void test_der_and_nginx(void **state)
{
	char *root = fx_debian_root();
	EVP_PKEY *k = EVP_EC_gen("P-256");
	X509 *self = mkcert(k, "gw.example", -10, 700, EVP_sha256(), true, true, false);
	X509 *old = mkcert(k, "old.example", -400, -1, EVP_sha256(), false, false, false);
	unsigned char *der = NULL;
	int n = i2d_X509(old, &der);
	char path[4096];
	const struct fnd_finding *f;
	struct fx x;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/opt/app/old.der", root);
	t_mkdir(root, "opt/app", 0755);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(der, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	/* a CA certificate with keyCertSign is judged when a server names it */
	put(root, "etc/nginx/gw.crt", self, k, 0600);
	t_write(root, "etc/nginx/nginx.conf",
		"events {}\nhttp {\n  server {\n    listen 443 ssl;\n"
		"    ssl_certificate gw.crt;\n    ssl_certificate_key /etc/nginx/gw.crt;\n"
		"    ssl_trusted_certificate /etc/nginx/missing.pem;\n  }\n}\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	f = fx_find(&x, "TLS-001", "/opt/app/old.der");
	assert_non_null(f);
	assert_int_equal(f->line, 0);
	f = fx_find(&x, "TLS-003", "/etc/nginx/gw.crt");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "named by ssl_certificate at /etc/nginx/nginx.conf:5"));
	/* the key in the same file: plaintext, baked, used by a service; mode 600 */
	f = fx_find(&x, "TLS-006", "/etc/nginx/gw.crt");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "(used by a service)"));
	assert_int_equal(fx_count(&x, "TLS-005"), 0);
	OPENSSL_free(der);
	X509_free(self);
	X509_free(old);
	EVP_PKEY_free(k);
	fx_done(&x, root);
}

/* An OpenSSH private key file: the blob's cipher name decides whether it is encrypted. */
static char *openssh_key(const char *cipher)
{
	unsigned char blob[256];
	size_t n = 0, cl = strlen(cipher);
	unsigned char b64[512];
	char *s;

	memcpy(blob, "openssh-key-v1", 15);
	n = 15;
	blob[n++] = 0;
	blob[n++] = 0;
	blob[n++] = 0;
	blob[n++] = (unsigned char)cl;
	memcpy(blob + n, cipher, cl);
	n += cl;
	for (size_t i = 0; i < 64; i++)
		blob[n++] = (unsigned char)(i * 37 + 11);
	EVP_EncodeBlock(b64, blob, (int)n);
	assert_true(asprintf(&s,
			     "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE "
			     "KEY-----\n",
			     (char *)b64) > 0);
	return s;
}

static void test_keys(void **state)
{
	char *root = fx_debian_root();
	EVP_PKEY *k = EVP_EC_gen("P-256");
	char *plain = pem_of(NULL, k), *enc, *ossh = openssh_key("none"),
	     *ossh_enc = openssh_key("aes256-ctr"), legacy[512], rel[4096];
	BIO *b = BIO_new(BIO_s_mem());
	const struct fnd_finding *f;
	struct fx x;
	char *p;
	long n;

	(void)state;
	assert_true(PEM_write_bio_PKCS8PrivateKey(b, k, EVP_aes_256_cbc(), NULL, 0, NULL,
						  (void *)"passphrase"));
	n = BIO_get_mem_data(b, &p);
	enc = malloc((size_t)n + 1);
	assert_non_null(enc);
	memcpy(enc, p, (size_t)n);
	enc[n] = 0;
	BIO_free(b);
	snprintf(legacy, sizeof(legacy),
		 "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
		 "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"
		 "c2VjcmV0IGJ5dGVzIG9mIGFuIGVuY3J5cHRlZCBrZXk=\n-----END RSA PRIVATE KEY-----\n");
	fx_accounts(root, NULL, NULL, "ssl-cert:x:110:\nstaff:x:50:\n");
	t_write(root, "etc/ssl/private/open.key", plain, 0644);
	t_write(root, "etc/ssl/private/shared.key", plain, 0640);
	snprintf(rel, sizeof(rel), "%s/etc/ssl/private/shared.key", root);
	assert_int_equal(chown(rel, 0, 110), 0);
	t_write(root, "etc/ssl/private/group.key", plain, 0640);
	snprintf(rel, sizeof(rel), "%s/etc/ssl/private/group.key", root);
	assert_int_equal(chown(rel, 0, 50), 0);
	t_write(root, "opt/app/enc.pem", enc, 0644);
	t_write(root, "opt/app/legacy.key", legacy, 0600);
	t_write(root, "root/.ssh/id_ed25519", ossh, 0600);
	t_write(root, "home/u/.ssh/id_rsa", ossh_enc, 0600);
	t_write(root, "etc/ssh/ssh_host_ed25519_key", ossh, 0600);
	/* a vendored package's test key: a test vector */
	t_write(root, "srv/app/node_modules/tls-lib/test/fixtures/server.key", plain, 0644);
	fx_open(&x, root);
	run_all(&x);
	/* readable by others: the 0644 keys; by a group: group.key (staff), not shared.key
	 * (ssl-cert, Debian's way of giving a daemon its key) */
	f = fx_find(&x, "TLS-005", "/etc/ssl/private/open.key");
	assert_non_null(f);
	assert_non_null(strstr(f->title, "readable by every user"));
	assert_non_null(fx_find(&x, "TLS-005", "/etc/ssl/private/group.key"));
	assert_null(fx_find(&x, "TLS-005", "/etc/ssl/private/shared.key"));
	assert_non_null(fx_find(&x, "TLS-005", "/opt/app/enc.pem"));
	assert_int_equal(fx_count(&x, "TLS-005"), 3);
	/* plaintext keys baked in: the three copies of the PEM key and root's OpenSSH key */
	assert_int_equal(fx_count(&x, "TLS-006"), 4);
	f = fx_find(&x, "TLS-006", "/root/.ssh/id_ed25519");
	assert_non_null(f);
	assert_string_equal(f->value, "OPENSSH PRIVATE KEY, not encrypted");
	assert_null(fx_find(&x, "TLS-006", "/home/u/.ssh/id_rsa"));
	assert_null(fx_find(&x, "TLS-006", "/opt/app/enc.pem"));
	assert_null(fx_find(&x, "TLS-006", "/opt/app/legacy.key"));
	assert_null(fx_find(&x, "TLS-006", "/etc/ssh/ssh_host_ed25519_key"));
	free(plain);
	free(enc);
	free(ossh);
	free(ossh_enc);
	EVP_PKEY_free(k);
	fx_done(&x, root);
}

/*
 * Debian's snakeoil pair as ssl-cert's postinst leaves it (make-ssl-cert: self-signed, CA:FALSE,
 * the host name in subjectAltName; the key 0640 root:ssl-cert): generated when the image was
 * built, so every instance made from it shares the key. Expected: TLS-003 and TLS-006, not the
 * key's mode (TLS-005) nor TLS-007.
 */
static void test_snakeoil(void **state)
{
	char *root = fx_debian_root();
	EVP_PKEY *k = EVP_RSA_gen(2048);
	X509 *c = mkcert(k, "build-host", -1, 3650, EVP_sha256(), true, false, false);
	char path[4096];
	struct fx x;

	(void)state;
	fx_accounts(root, NULL, NULL, "ssl-cert:x:110:\n");
	put(root, "etc/ssl/certs/ssl-cert-snakeoil.pem", c, NULL, 0644);
	put(root, "etc/ssl/private/ssl-cert-snakeoil.key", NULL, k, 0640);
	snprintf(path, sizeof(path), "%s/etc/ssl/private/ssl-cert-snakeoil.key", root);
	assert_int_equal(chown(path, 0, 110), 0);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 2);
	assert_non_null(fx_find(&x, "TLS-003", "/etc/ssl/certs/ssl-cert-snakeoil.pem"));
	assert_non_null(fx_find(&x, "TLS-006", "/etc/ssl/private/ssl-cert-snakeoil.key"));
	X509_free(c);
	EVP_PKEY_free(k);
	fx_done(&x, root);
}

/* Broken base64, DER that is no certificate, a block never closed, binary garbage, a huge file:
 * gaps where a certificate could not be read, no crash, no finding. */
static void test_malformed(void **state)
{
	char *root = fx_debian_root();
	char *big = malloc(3u << 20), path[4096];
	struct fx x;
	FILE *fp;

	(void)state;
	t_write(root, "opt/a/bad64.pem",
		"-----BEGIN CERTIFICATE-----\n!!!! not base64 ****\n-----END CERTIFICATE-----\n",
		0644);
	t_write(root, "opt/a/notder.pem",
		"x\n-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
		0644);
	t_write(root, "opt/a/open.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n", 0644);
	t_write(root, "opt/a/key.pem",
		"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n", 0600);
	t_write(root, "opt/a/empty.crt", "", 0644);
	snprintf(path, sizeof(path), "%s/opt/a/garbage.der", root);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 4096; i++)
		fputc(i == 0 ? 0x30 : (i * 131) & 0xff, fp);
	fclose(fp);
	memset(big, 'A', 3u << 20);
	memcpy(big, "-----BEGIN CERTIFICATE-----\n", 28);
	big[(3u << 20) - 1] = 0;
	t_write(root, "opt/a/big.pem", big, 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 1); /* key.pem: a PEM private key block, plaintext */
	assert_non_null(fx_find(&x, "TLS-006", "/opt/a/key.pem"));
	/* bad64, notder, open: one gap each for each certificate check */
	assert_int_equal(fx_gaps(&x, "TLS-001"), 3);
	assert_int_equal(fx_gaps(&x, "TLS-004"), 3);
	fx_close(&x);

	/* many bad blocks in one file: one gap, and the limit on blocks */
	{
		size_t n = 2000, l = strlen("-----BEGIN CERTIFICATE-----\n");
		char *many = malloc(n * l + 1);

		for (size_t i = 0; i < n; i++)
			memcpy(many + i * l, "-----BEGIN CERTIFICATE-----\n", l);
		many[n * l] = 0;
		t_write(root, "opt/a/many.pem", many, 0644);
		free(many);
	}
	fx_open(&x, root);
	fx_run(&x, "TLS-001");
	/* the three files above, then many.pem: past the block limit, and its bad blocks */
	assert_int_equal(fx_gaps(&x, "TLS-001"), 5);
	fx_close(&x);

	/* a certificate file a service names, over the size limit: a gap */
	t_write(root, "etc/redis/redis.conf", "tls-cert-file /opt/a/big.pem\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_gaps(&x, "TLS-001"), 6);
	free(big);
	fx_done(&x, root);
}

/* The debootstrapped roots and the services root (nginx, apache2, redis, mosquitto, databases
 * unpacked without their maintainer scripts, so no snakeoil pair): no certificate or TLS key
 * outside /usr (the trust store's are under /usr and /etc/ssl/certs links), SSH host keys are
 * LEFT-010's. */
static void test_debian_roots(void **state)
{
	static const char *const flavours[] = {"minbase", "base", NULL};
	struct fx x;

	(void)state;
	for (size_t i = 0; i < IA_ARRAY_SIZE(flavours); i++) {
		char *root = flavours[i] ? t_debian_root(flavours[i]) : t_services_root();

		T_REQUIRE(root, "no debootstrapped or services root here");
		fx_open(&x, root);
		run_all(&x);
		fx_all_clean(&x);
		fx_close(&x);
		free(root);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent),        cmocka_unit_test(test_certs),
		cmocka_unit_test(test_der_and_nginx), cmocka_unit_test(test_keys),
		cmocka_unit_test(test_snakeoil),      cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_debian_roots),
	};
	return T_RUN_GROUP(tests, setup, teardown);
}
