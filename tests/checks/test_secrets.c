/* test_secrets.c — unit tests of the secrets family (SEC-001..002): a real-format (made up here,
 * never real) value for each pattern, a corpus of non-secrets, credential files, block
 * boundaries of big files, the Debian and services roots */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/secrets.h"
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

/* A file of several blocks: a token across the first block boundary, one at the very end, with
 * their line numbers; each reported once. */
static void test_blocks(void **state)
{
	char *root = fx_debian_root();
	size_t n = IA_SECRET_BLOCK * 2 + 1000, lines = 0;
	char *big = malloc(n + 1), *t1 = tok("glpat-", ALNUM, 20, 31),
	     *t2 = tok("AKIA", UPNUM, 16, 32);
	size_t at1 = IA_SECRET_BLOCK - 10, at2 = n - 30;
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns),   cmocka_unit_test(test_non_secrets),
		cmocka_unit_test(test_cred_files), cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_garbage),    cmocka_unit_test(test_debian_roots),
	};
	return T_RUN_GROUP(tests, NULL, NULL);
}
