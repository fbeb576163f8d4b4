/* test_secrets.c — unit tests of the secrets family (SEC-001..002): a real-format (made up here,
 * never real) value for each pattern, a corpus of non-secrets, credential files, block
 * boundaries of big files, the Debian and services roots, the size limit, one read shared with
 * the malware scan */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/secrets.h"
#include "checks/state.h"
#include "svc_fixture.h"
#include "util/common.h"
#include "util/limits.h"

/* A made-up value: prefix then n characters of alphabet, deterministic per seed (the values are
 * built at run time so that no token-shaped string sits in the source). */
static char *tok(const char *prefix, const char *alphabet, size_t n, unsigned seed)
{
	size_t pl = strlen(prefix), al = strlen(alphabet);
	char *s = malloc(pl + n + 1);

	assert_non_null(s);
	memcpy(s, prefix, pl);
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		s[pl + i] = alphabet[(seed >> 16) % al];
	}
	s[pl + n] = 0;
	return s;
}

#define UPNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define B64 ALNUM "+/"
#define HEXUP "0123456789ABCDEF"

struct want {
	const char *what;
	char *value;
	const char *shown; /* the start of the redacted value */
};

/* Each pattern in a file of its own at line 3; the finding says what, where, and redacts. */
static void test_patterns(void **state)
{
	char *root = fx_debian_root();
	char *gh = tok("gh", "", 0, 0), *az = tok("", B64, 86, 9);
	struct want w[] = {
		{"AWS access key ID", tok("AKIA", UPNUM, 16, 1), "AKIA[16 chars redacted]"},
		{"AWS temporary access key ID", tok("ASIA", UPNUM, 16, 2), "ASIA["},
		{"Alibaba Cloud AccessKey ID", tok("LTAI", ALNUM, 20, 3), "LTAI[20 chars"},
		{"Tencent Cloud SecretId", tok("AKID", ALNUM, 32, 4), "AKID["},
		{"JD Cloud AccessKey ID", tok("JDC_", HEXUP, 28, 5), "JDC_["},
		{"GitHub token", tok("ghp_", ALNUM, 36, 6), "ghp_[36 chars redacted]"},
		{"GitHub fine-grained token", tok("github_pat_", ALNUM "_", 82, 7), "github_pat_["},
		{"GitLab personal access token", tok("glpat-", ALNUM "-_", 20, 8), "glpat-["},
		{"Slack token", tok("xoxb-", "0123456789", 12, 10), "xoxb-["},
		{"Stripe live secret key", tok("sk_live_", ALNUM, 24, 11), "sk_live_["},
		{"Azure storage account key", NULL, "[88 chars redacted]"},
		{"AWS secret access key", NULL, "[40 chars redacted]"},
		{"database URL with a password", NULL, "mongodb+srv://app:[14 chars redacted]@"},
		{"GCP service account key", NULL, "[27 chars"},
		{"private key", NULL, "-----BEGIN EC PRIVATE KEY-----"},
	};
	struct fx x;

	(void)state;
	free(gh);
	{ /* the Slack token goes on: xoxb-<digits>-<digits>-<alnum> */
		char *t = tok("", ALNUM, 24, 12), *s;

		assert_true(asprintf(&s, "%s-1234567890123-%s", w[8].value, t) > 0);
		free(w[8].value);
		free(t);
		w[8].value = s;
	}
	assert_true(asprintf(&w[10].value,
			     "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=%s==;",
			     az) > 0);
	{
		char *sec = tok("", B64, 40, 13);

		assert_true(asprintf(&w[11].value, "aws_secret_access_key = %s", sec) > 0);
		free(sec);
	}
	w[12].value = strdup("MONGO_URL=mongodb+srv://app:Zq8vLr2Kx9Wm4T@cluster0.example.net/db");
	w[13].value = strdup("{\"type\": \"service_account\",\n\"private_key_id\": \"1\",\n"
			     "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END "
			     "PRIVATE KEY-----\\n\"}");
	w[14].value = strdup("key = \"\"\"\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBz6c3Vw\n"
			     "-----END EC PRIVATE KEY-----\n\"\"\"");
	for (size_t i = 0; i < IA_ARRAY_SIZE(w); i++) {
		char rel[64], *body;

		snprintf(rel, sizeof(rel), "opt/app/conf%zu.txt", i);
		assert_true(asprintf(&body, "# settings\n\nvalue: %s\nend\n", w[i].value) > 0);
		t_write(root, rel, body, 0600);
		free(body);
	}
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	assert_int_equal(fx_count(&x, "SEC-001"), IA_ARRAY_SIZE(w));
	for (size_t i = 0; i < IA_ARRAY_SIZE(w); i++) {
		char path[64], title[128];
		const struct fnd_finding *f;

		snprintf(path, sizeof(path), "/opt/app/conf%zu.txt", i);
		f = fx_find(&x, "SEC-001", path);
		assert_non_null(f);
		snprintf(title, sizeof(title), "%s in %s", w[i].what, path);
		assert_string_equal(f->title, title);
		assert_int_equal(f->line, i == 13 ? 5 : i == 14 ? 4 : 3);
		assert_non_null(strstr(f->value, w[i].shown));
		/* the secret itself is never shown */
		if (i != 14)
			assert_null(strstr(f->value, w[i].value + 6));
		free(w[i].value);
	}
	free(az);
	fx_done(&x, root);
}

/* CA bundles, hashes, documentation vectors, placeholders, vendored test keys: no finding. */
static void test_non_secrets(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	(void)state;
	t_write(root, "opt/app/ca.pem",
		"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUb2sK\n-----END "
		"CERTIFICATE-----\n",
		0644);
	t_write(root, "opt/app/SHA256SUMS",
		"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  a.tar\n"
		"AKIA2E0A8F3B244C998600000000  long.bin\n",
		0644);
	t_write(root, "opt/app/README.md",
		"Set aws_access_key_id = AKIAIOSFODNN7EXAMPLE and\n"
		"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
		"Azurite: "
		"AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
		"K1SZFPTOtr/KBHBeksoGMGw==;\n"
		"token ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx or ghp_<your token>\n"
		"GITHUB_TOKEN=ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE1\n"
		"mysql://root:password@localhost/db, postgres://u:${DB_PASS}@db/x,\n"
		"redis://:<password>@cache:6379, amqp://guest:***@mq, https://user:pw@example.org\n"
		"-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----\n"
		"LTAIxxxxxxxxxxxxxxxx LTAI0000000000000000 sk_live_0000000000000000000000000\n",
		0644);
	t_write(root, "srv/node_modules/lib/test/key.pem.txt",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", 0644);
	/* a crypto library's self-test key in a program; a BEGIN line alone is a string in one */
	t_write(root, "opt/lib/libcrypto-x.so",
		"\177ELF\2\1\1 -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1b2\n", 0755);
	t_write(root, "opt/app/messages.c",
		"fmt = \"-----BEGIN OPENSSH PRIVATE KEY-----\", \"-----END\";\n", 0644);
	/* under /usr: the distribution's documentation */
	t_write(root, "usr/share/doc/x/example.conf",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	fx_run(&x, "SEC-002");
	fx_clean(&x, "SEC-001");
	fx_clean(&x, "SEC-002");
	fx_done(&x, root);
}

/* Credential files by name; their examples and placeholders are not findings. */
static void test_cred_files(void **state)
{
	char *root = fx_debian_root();
	char *gh = tok("ghp_", ALNUM, 36, 21), *env;
	const struct fnd_finding *f;
	struct fx x;

	(void)state;
	t_write(root, "root/.netrc",
		"machine ftp.internal login deploy password Vx7qPz2LmK\nmachine b login u\n", 0600);
	t_write(root, "root/.git-credentials", "https://ci:Qw3rTy9UiOp@git.internal\n", 0600);
	t_write(root, "root/.docker/config.json",
		"{\n  \"auths\": {\n    \"registry.internal\": {\n      \"auth\": "
		"\"ZGVwbG95OlN1cGVyU2VjcmV0\"\n    }\n  }\n}\n",
		0600);
	t_write(root, "home/u/.docker/config.json", "{\"credsStore\": \"desktop\"}\n", 0600);
	t_write(root, "var/lib/postgresql/.pgpass",
		"# host:port:db:user:password\ndb:5432:*:app:Lk9mN2bV\n", 0600);
	t_write(root, "root/.kube/config",
		"apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: "
		"eyJhbGciOiJSUzI1NiJ9abc\n",
		0600);
	assert_true(
		asprintf(&env,
			 "# app\nDEBUG=1\nDB_PASSWORD=Hx8pQ2mVn5\nexport API_TOKEN='Rt5yU8iO2p'\n"
			 "EMPTY_SECRET=\nGITHUB_TOKEN=%s\nSECRET_KEY=${SECRET_KEY}\n",
			 gh) > 0);
	t_write(root, "srv/app/.env", env, 0644);
	t_write(root, "srv/app/.env.example", "DB_PASSWORD=Hx8pQ2mVn5\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	fx_run(&x, "SEC-002");
	assert_non_null(fx_find(&x, "SEC-002", "/root/.netrc"));
	assert_non_null(fx_find(&x, "SEC-002", "/root/.git-credentials"));
	f = fx_find(&x, "SEC-002", "/root/.docker/config.json");
	assert_non_null(f);
	assert_int_equal(f->line, 4);
	assert_string_equal(f->value, "mode 0600, value redacted");
	assert_non_null(fx_find(&x, "SEC-002", "/var/lib/postgresql/.pgpass"));
	assert_non_null(fx_find(&x, "SEC-002", "/root/.kube/config"));
	/* .env: the two passwords; the GitHub token is SEC-001's */
	assert_int_equal(fx_count(&x, "SEC-002"), 7);
	f = fx_find(&x, "SEC-001", "/srv/app/.env");
	assert_non_null(f);
	assert_int_equal(f->line, 6);
	assert_int_equal(fx_count(&x, "SEC-001"), 1);
	free(gh);
	free(env);
	fx_done(&x, root);
}

/* The block size the secret scan once read files in (4 MiB); the pass now reads a file of up to
 * IA_MAX_SECRET_SCAN whole, and a token across a former boundary must still be found whole. */
#define OLD_BLOCK (4u * 1024 * 1024)

/* A file of several blocks: a token across the first block boundary, one at the very end, with
 * their line numbers; each reported once. */
static void test_blocks(void **state)
{
	char *root = fx_debian_root();
	size_t n = OLD_BLOCK * 2 + 1000, lines = 0;
	char *big = malloc(n + 1), *t1 = tok("glpat-", ALNUM, 20, 31),
	     *t2 = tok("AKIA", UPNUM, 16, 32);
	size_t at1 = OLD_BLOCK - 10, at2 = n - 30;
	const struct fnd_finding *f;
	struct fx x;

	(void)state;
	for (size_t i = 0; i < n; i++)
		big[i] = (i % 64 == 63) ? '\n' : 'a' + (char)(i % 23);
	big[at1 - 1] = ' ';
	memcpy(big + at1, t1, strlen(t1));
	big[at1 + strlen(t1)] = ' ';
	big[at2 - 1] = ' ';
	memcpy(big + at2, t2, strlen(t2));
	big[at2 + strlen(t2)] = '\n';
	big[n] = 0;
	for (size_t i = 0; i < at1; i++)
		lines += big[i] == '\n';
	t_write(root, "var/log/app/big.log", big, 0644);
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	assert_int_equal(fx_count(&x, "SEC-001"), 2);
	f = fx_find(&x, "SEC-001", "/var/log/app/big.log");
	assert_non_null(f);
	assert_string_equal(f->title, "GitLab personal access token in /var/log/app/big.log");
	assert_int_equal(f->line, lines + 1);
	free(big);
	free(t1);
	free(t2);
	fx_done(&x, root);
}

struct offs {
	size_t n, off[4];
};

static void on_off(void *arg, const struct chk_secret_hit *h)
{
	struct offs *o = arg;

	if (o->n < IA_ARRAY_SIZE(o->off))
		o->off[o->n] = h->off;
	o->n++;
}

/* s planted at every offset of buffers of every length from its own to 70 bytes: found once,
 * its value at value_at in it; cut by the end of the bytes (its last byte missing): not found. */
static void every_offset(const char *s, size_t value_at)
{
	size_t sl = strlen(s);
	char buf[80];

	for (size_t len = sl; len <= 70; len++)
		for (size_t at = 0; at + sl <= len; at++) {
			struct offs o = {0};

			memset(buf, ' ', sizeof(buf));
			memcpy(buf + at, s, sl);
			assert_int_equal(
				chk_secrets_scan((unsigned char *)buf, len, len, on_off, &o), 1);
			assert_int_equal(o.off[0], at + value_at);
			o.n = 0;
			assert_int_equal(chk_secrets_scan((unsigned char *)buf, at + sl - 1,
							  at + sl - 1, on_off, &o),
					 0);
		}
}

/* The scan looks at 16 positions at a time, then one at a time near the end: a secret is
 * found at every offset of a block and of the tail (the shortest, a URL's password, with its
 * "://" 16 bytes or fewer before the end), two in a row both, and nothing is found when the
 * secret is cut by the end of the bytes. */
static void test_offsets(void **state)
{
	char *a = tok("AKIA", UPNUM, 16, 51), *g = tok("ghp_", ALNUM, 36, 52);
	size_t al = strlen(a), gl = strlen(g);
	char buf[160];

	(void)state;
	every_offset(a, 0);
	every_offset("redis://a:Zq8v@", 10);
	for (size_t at = 0; at < 40; at++) {
		struct offs o = {0};
		size_t len = at + al + 1 + gl + 3;

		memset(buf, ' ', sizeof(buf));
		memcpy(buf + at, a, al);
		memcpy(buf + at + al + 1, g, gl);
		assert_int_equal(chk_secrets_scan((unsigned char *)buf, len, len, on_off, &o), 2);
		assert_int_equal(o.off[0], at);
		assert_int_equal(o.off[1], at + al + 1);
		/* report_below: the second starts past it, a later block's */
		o.n = 0;
		assert_int_equal(chk_secrets_scan((unsigned char *)buf, len, at + al, on_off, &o),
				 1);
	}
	free(a);
	free(g);
}

/* Binary garbage and random bytes hold no secret by chance often enough to matter: none here. */
static void test_garbage(void **state)
{
	char *root = fx_debian_root();
	size_t n = 1u << 20;
	char *g = malloc(n + 1);
	unsigned s = 7;
	struct fx x;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		g[i] = (char)((s >> 16) % 255 + 1);
	}
	g[n] = 0;
	t_write(root, "opt/blob.bin", g, 0644);
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	fx_clean(&x, "SEC-001");
	free(g);
	fx_done(&x, root);
}

/* The debootstrapped roots and the services root: no secret, no credential file. SSH host keys
 * are LEFT-010's, not SEC-001's. */
static void test_debian_roots(void **state)
{
	const char *flavours[] = {"minbase", "base", NULL};
	struct fx x;

	(void)state;
	for (size_t i = 0; i < IA_ARRAY_SIZE(flavours); i++) {
		char *root = flavours[i] ? t_debian_root(flavours[i]) : t_services_root();

		T_REQUIRE(root, "no debootstrapped or services root here");
		fx_open(&x, root);
		fx_run(&x, "SEC-001");
		fx_run(&x, "SEC-002");
		fx_clean(&x, "SEC-001");
		fx_clean(&x, "SEC-002");
		fx_close(&x);
		free(root);
	}
}

/* Writes root/rel holding text at its start, then holes up to size bytes. */
static void sparse_with(const char *root, const char *rel, const char *text, off_t size)
{
	char *p;

	t_write(root, rel, text, 0644);
	assert_true(asprintf(&p, "%s/%s", root, rel) > 0);
	assert_int_equal(truncate(p, size), 0);
	free(p);
}

/* The gap of check id at path, or NULL. */
static const struct fnd_gap *gap_at(const struct fnd_report *r, const char *id, const char *path)
{
	char area[64];

	snprintf(area, sizeof(area), "check %s", id);
	for (size_t i = 0; i < r->n_gaps; i++)
		if (strcmp(r->gaps[i].area, area) == 0 && strcmp(r->gaps[i].path, path) == 0)
			return &r->gaps[i];
	return NULL;
}

/* A file over IA_MAX_SECRET_SCAN is not read for secrets: it is listed as not examined (the
 * clauses are NOT EXAMINED, no profile gate fails for it), never passed over in silence; a file
 * of exactly the limit is read and its secret found. */
static void test_size_limit(void **state)
{
	char *root = fx_debian_root(), *key = tok("AKIA", UPNUM, 16, 41), *line;
	const struct fnd_gap *g;
	struct chk_audit_result r;
	struct fx x;
	int n = 0;

	(void)state;
	assert_true(asprintf(&line, "aws_access_key_id = %s\n", key) > 0);
	sparse_with(root, "srv/dump/over.sql", line, (off_t)IA_MAX_SECRET_SCAN + 1);
	sparse_with(root, "srv/dump/exact.sql", line, (off_t)IA_MAX_SECRET_SCAN);
	fx_open(&x, root);
	fx_run(&x, "SEC-001");
	assert_int_equal(fx_count(&x, "SEC-001"), 1);
	assert_non_null(fx_find(&x, "SEC-001", "/srv/dump/exact.sql"));
	assert_int_equal(fx_gaps(&x, "SEC-001"), 1);
	g = gap_at(&x.r, "SEC-001", "/srv/dump/over.sql");
	assert_non_null(g);
	assert_string_equal(g->reason, "file not scanned for secrets: 16777217 bytes, over the 16 "
				       "MiB limit of the secret scan");
	assert_int_equal(x.ctx.state->n_gaps, 1);
	assert_false(x.ctx.state->gaps[0].unreadable);
	fx_close(&x);

	/* the whole audit without the file found: the clause SEC-001 serves is not examined
	 * (not passed), and says why */
	t_sh("rm '%s/srv/dump/exact.sql'", root);
	fx_audit(&r, root, "sysreq", NULL);
	for (size_t i = 0; i < r.report.n_clauses; i++)
		if (strcmp(r.report.clauses[i].id, "SR-4.4") == 0) {
			n++;
			assert_int_equal(r.report.clauses[i].verdict, FND_NOT_EXAMINED);
			assert_non_null(strstr(r.report.clauses[i].why,
					       "SEC-001: /srv/dump/over.sql: file not scanned for "
					       "secrets: 16777217 bytes"));
		}
	assert_int_equal(n, 1);
	chk_audit_release(&r);
	free(line);
	free(key);
	t_rmtree(root);
	free(root);
}

/* A Debian-like root with a script outside /usr that the malware scan selects (executable) and
 * the secret scan reads: 1 MiB, an AWS key on its last line. */
#define SHARED_SIZE (1u << 20)

static size_t add_shared_script(const char *root, const char *key)
{
	char *s = malloc(SHARED_SIZE + 1), *tail;
	size_t n = 0, lines = 0;

	assert_non_null(s);
	assert_true(asprintf(&tail, "export AWS_ACCESS_KEY_ID=%s\n", key) > 0);
	n += (size_t)sprintf(s, "#!/bin/sh\n");
	while (n + 64 + strlen(tail) < SHARED_SIZE) {
		n += (size_t)sprintf(s + n, "echo 'step %06zu of the deployment of this app'\n",
				     lines);
		lines++;
	}
	while (n + strlen(tail) < SHARED_SIZE)
		s[n++] = '#';
	memcpy(s + n, tail, strlen(tail) + 1);
	assert_int_equal(strlen(s), SHARED_SIZE);
	t_write(root, "opt/app/deploy.sh", s, 0755);
	free(tail);
	free(s);
	return lines + 2; /* the shebang, the echo lines, then the key's */
}

/* The whole audit of path with a byte counter: bytes of file content read, SEC-001's finding
 * at /opt/app/deploy.sh (NULL when none) copied to where. */
static uint64_t audit_bytes(const char *path, size_t *n_sec, unsigned *line, char *title,
			    size_t title_cap)
{
	struct ia_counters c = {0};
	struct chk_audit_opts o = {.target = path, .profile = "all"};
	struct chk_audit_result r;

	o.tgt.counters = &c;
	o.checks.password_budget = -1;
	if (chk_audit(&o, &r) < 0)
		fail_msg("chk_audit %s: %s", path, r.err.msg);
	*n_sec = 0;
	for (size_t i = 0; i < r.report.n_findings; i++) {
		const struct fnd_finding *f = &r.report.findings[i];

		if (strcmp(f->check, "SEC-001") != 0)
			continue;
		++*n_sec;
		*line = f->line;
		snprintf(title, title_cap, "%s|%s|%s", f->path, f->title, f->value);
	}
	chk_audit_release(&r);
	return atomic_load(&c.bytes);
}

/* One read per file: the secret scan takes its bytes from the pass the malware scan reads
 * with, on both cores. A 1 MiB script both read costs 1 MiB more content read in a whole
 * audit, not 2; its key is found once, at its line, the same on the directory and archive
 * forms and from run to run (whatever thread read it). */
static void test_shared_pass(void **state)
{
	char *root = fx_debian_root(), *work = t_mkdtemp(), *key = tok("AKIA", UPNUM, 16, 43), *tar,
	     want[512], got[512];
	size_t n_sec, lines;
	unsigned line = 0;
	uint64_t before, after;

	(void)state;
	before = audit_bytes(root, &n_sec, &line, got, sizeof(got));
	assert_int_equal(n_sec, 0);
	lines = add_shared_script(root, key);
	snprintf(want, sizeof(want),
		 "/opt/app/deploy.sh|AWS access key ID in /opt/app/deploy.sh|AKIA[16 chars "
		 "redacted]");
	for (int run = 0; run < 2; run++) {
		after = audit_bytes(root, &n_sec, &line, got, sizeof(got));
		assert_int_equal(n_sec, 1);
		assert_int_equal(line, lines);
		assert_string_equal(got, want);
		if (after - before < SHARED_SIZE || after - before >= SHARED_SIZE + 65536)
			fail_msg("content read grew by %llu bytes for a file of %u",
				 (unsigned long long)(after - before), SHARED_SIZE);
	}
	tar = fx_docker_save(work, root,
			     "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
			     "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:@DIFF@\"]}}",
			     "shared:1");
	(void)audit_bytes(tar, &n_sec, &line, got, sizeof(got));
	assert_int_equal(n_sec, 1);
	assert_int_equal(line, lines);
	assert_string_equal(got, want);
	free(tar);
	free(key);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns),   cmocka_unit_test(test_non_secrets),
		cmocka_unit_test(test_cred_files), cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_garbage),    cmocka_unit_test(test_debian_roots),
		cmocka_unit_test(test_size_limit), cmocka_unit_test(test_shared_pass),
		cmocka_unit_test(test_offsets),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
