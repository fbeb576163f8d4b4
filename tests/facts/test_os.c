/* test_os.c — OS identity from real os-release, lsb-release and *-release samples, and hostile
 * files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts/facts.h"

static void parse_file(struct inv_facts *f, const char *host, const char *image_path, bool fallback)
{
	size_t len;
	char *data = t_slurp(host, &len);

	if (fallback)
		inv_os_parse_fallback(f, image_path, data, len);
	else
		inv_os_parse_release(f, image_path, data, len);
	free(data);
}

/* Value of KEY in an lsb-release file on the host, or "" (test-side reading). */
static void lsb_value(const char *path, const char *key, char *out, size_t n)
{
	FILE *fp = fopen(path, "r");
	char line[512];
	size_t kn = strlen(key);

	out[0] = '\0';
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp))
		if (strncmp(line, key, kn) == 0 && line[kn] == '=') {
			snprintf(out, n, "%.*s", (int)n - 1, line + kn + 1);
			out[strcspn(out, "\n")] = '\0';
		}
	fclose(fp);
}

/*
 * Every claircore sample: the distribution and version are named by its directory
 * (claircore/<distro>/<version>/etc/os-release), so each parse is checked against them.
 */
static void test_claircore_os_release(void **state)
{
	static const struct {
		const char *dir, *id, *family;
	} distros[] = {
		{"alpine", "alpine", "alpine"},
		{"debian", "debian", "debian"},
		{"debian-distroless", "debian", "debian"},
		{"ubuntu", "ubuntu", "debian"},
		{"rhel-oracle", "rhel", "rhel"},
	};
	size_t seen = 0;

	for (size_t d = 0; d < sizeof(distros) / sizeof(distros[0]); d++) {
		char *rel;
		char *base;
		DIR *dir;
		struct dirent *de;

		if (asprintf(&rel, "os-release/claircore/%s", distros[d].dir) < 0)
			abort();
		base = t_data(rel);
		dir = opendir(base);
		assert_non_null(dir);
		while ((de = readdir(dir))) {
			char *osr, *lsb;
			struct inv_facts f;
			const char *want_id = distros[d].id;

			if (de->d_name[0] == '.')
				continue;
			if (asprintf(&osr, "%s/%s/etc/os-release", base, de->d_name) < 0 ||
			    asprintf(&lsb, "%s/%s/etc/lsb-release", base, de->d_name) < 0)
				abort();
			if (access(osr, R_OK) != 0) {
				free(osr);
				free(lsb);
				continue;
			}
			/* claircore's negative case: ubuntu/11 holds a Debian 11 file (README) */
			if (strcmp(distros[d].dir, "ubuntu") == 0 && strcmp(de->d_name, "11") == 0)
				want_id = "debian";
			if (strcmp(de->d_name, "hummingbird") == 0)
				want_id = "hummingbird";
			inv_facts_init(&f);
			parse_file(&f, osr, "/etc/os-release", false);
			assert_int_equal(f.problems.len, 0);
			assert_true(f.os.known);
			assert_string_equal(f.os.id, want_id);
			assert_string_equal(f.os.family, distros[d].family);
			assert_string_equal(f.os.source, "/etc/os-release");
			/* numeric version directories: VERSION_ID starts with them */
			const char *v =
				strchr(de->d_name, '-') ? strchr(de->d_name, '-') + 1 : de->d_name;
			if (v[0] >= '0' && v[0] <= '9' && strcmp(want_id, distros[d].id) == 0)
				assert_memory_equal(f.os.version_id, v, strlen(v));
			if (strcmp(f.os.family, "debian") == 0) {
				char code[64];

				assert_true(f.os.codename[0] != '\0');
				/* completed from lsb-release when os-release lacks it: must agree
				 */
				lsb_value(lsb, "DISTRIB_CODENAME", code, sizeof(code));
				if (code[0] && strcmp(want_id, "ubuntu") == 0)
					assert_string_equal(f.os.codename, code);
			}
			inv_facts_release(&f);
			free(osr);
			free(lsb);
			seen++;
		}
		closedir(dir);
		free(base);
		free(rel);
	}
	assert_true(seen >= 50);
}

/* Debian's codename when os-release has none (7, 8, distroless): from the version. */
static void test_debian_codename_derived(void **state)
{
	const char text[] = "NAME=\"Debian GNU/Linux\"\nID=\"debian\"\nVERSION_ID=\"12\"\n";
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/usr/lib/os-release", text, sizeof(text) - 1),
			 0);
	assert_string_equal(f.os.codename, "bookworm");
	inv_facts_release(&f);
}

/* trivy's os-release samples against the family table of the RPM issue. */
static void test_trivy_families(void **state)
{
	static const struct {
		const char *file, *id, *family;
	} cases[] = {
		{"alma", "almalinux", "rhel"},
		{"centos", "centos", "rhel"},
		{"centos-stream", "centos", "rhel"},
		{"fedora", "fedora", "rhel"},
		{"oracle", "ol", "rhel"},
		{"rhel", "rhel", "rhel"},
		{"rocky", "rocky", "rhel"},
		{"alpine", "alpine", "alpine"},
		{"opensuseleap-15.2.1", "opensuse-leap", "suse"},
		{"opensuseleap-42.3", "opensuse", "suse"},
		{"opensusetumbleweed", "opensuse-tumbleweed", "suse"},
		{"sles", "sles", "suse"},
		{"slemicro", "sle-micro", "suse"},
		{"slemicro6.0", "sl-micro", "suse"},
		{"photon", "photon", ""},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *rel, *path;
		struct inv_facts f;

		if (asprintf(&rel, "os-release/trivy/os-release/%s", cases[i].file) < 0)
			abort();
		path = t_data(rel);
		inv_facts_init(&f);
		parse_file(&f, path, "/etc/os-release", false);
		assert_string_equal(f.os.id, cases[i].id);
		assert_string_equal(f.os.family, cases[i].family);
		assert_true(f.os.version_id[0] != '\0');
		inv_facts_release(&f);
		free(path);
		free(rel);
	}
}

static void test_family_table(void **state)
{
	static const char *const rhel[] = {"rhel",   "centos",    "rocky", "almalinux",
					   "ol",     "fedora",    "amzn",  "alinux",
					   "anolis", "openEuler", "kylin"};

	for (size_t i = 0; i < sizeof(rhel) / sizeof(rhel[0]); i++)
		assert_string_equal(inv_os_family(rhel[i], NULL), "rhel");
	assert_string_equal(inv_os_family("raspbian", NULL), "debian");
	assert_string_equal(inv_os_family("sles", NULL), "suse");
	assert_string_equal(inv_os_family("opensuse-leap", NULL), "suse");
	/* unknown ID: the first ID_LIKE word with a family */
	assert_string_equal(inv_os_family("somelinux", "foo ubuntu debian"), "debian");
	assert_string_equal(inv_os_family("somelinux", "buildroot busybox"), "");
}

/* One-line release files: id and version from "<name> release <version> (<extra>)". */
static void test_release_oneliners(void **state)
{
	static const struct {
		const char *file, *image, *id, *version;
	} cases[] = {
		{"centos_centos-release", "/etc/centos-release", "centos", "7.6.1810"},
		{"alma_almalinux-release", "/etc/almalinux-release", "almalinux", "8.4"},
		{"rocky_rocky-release", "/etc/rocky-release", "rocky", "8.4"},
		{"oracle_7_oracle-release", "/etc/oracle-release", "ol", "7.6"},
		{"fedora_29_fedora-release", "/etc/fedora-release", "fedora", "29"},
		{"redhat_6_redhat-release", "/etc/redhat-release", "rhel", "6.2"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *rel, *path;
		struct inv_facts f;

		if (asprintf(&rel, "os-release/trivy/redhat-release-files/%s", cases[i].file) < 0)
			abort();
		path = t_data(rel);
		inv_facts_init(&f);
		parse_file(&f, path, cases[i].image, true);
		assert_int_equal(f.problems.len, 0);
		assert_true(f.os.known);
		assert_string_equal(f.os.id, cases[i].id);
		assert_string_equal(f.os.version_id, cases[i].version);
		assert_string_equal(f.os.family, "rhel");
		assert_string_equal(f.os.source, cases[i].image);
		inv_facts_release(&f);
		free(path);
		free(rel);
	}
}

static void test_other_fallbacks(void **state)
{
	struct inv_facts f;
	char *p;
	const char amzn[] = "Amazon Linux release 2 (Karoo)\n";
	const char suse[] =
		"SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n";

	p = t_data("os-release/trivy/debian_version/debian_9_debian_version");
	inv_facts_init(&f);
	parse_file(&f, p, "/etc/debian_version", true);
	assert_string_equal(f.os.id, "debian");
	assert_string_equal(f.os.version_id, "9");
	assert_string_equal(f.os.codename, "stretch");
	inv_facts_release(&f);
	free(p);

	p = t_data("os-release/trivy/debian_version/debian_sid_debian_version");
	inv_facts_init(&f);
	parse_file(&f, p, "/etc/debian_version", true);
	assert_string_equal(f.os.id, "debian");
	assert_string_equal(f.os.codename, "buster");
	inv_facts_release(&f);
	free(p);

	p = t_data("os-release/trivy/ubuntu_lsb-release");
	inv_facts_init(&f);
	parse_file(&f, p, "/etc/lsb-release", true);
	assert_string_equal(f.os.id, "ubuntu");
	assert_string_equal(f.os.version_id, "18.04");
	assert_string_equal(f.os.codename, "bionic");
	assert_string_equal(f.os.family, "debian");
	inv_facts_release(&f);
	free(p);

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_fallback(&f, "/etc/system-release", amzn, sizeof(amzn) - 1),
			 0);
	assert_string_equal(f.os.id, "amzn");
	assert_string_equal(f.os.version_id, "2");
	inv_facts_release(&f);

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_fallback(&f, "/etc/SuSE-release", suse, sizeof(suse) - 1), 0);
	assert_string_equal(f.os.id, "sles");
	assert_string_equal(f.os.version_id, "12.3");
	assert_string_equal(f.os.family, "suse");
	inv_facts_release(&f);

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_fallback(&f, "/etc/alpine-release", "3.18.4\n", 7), 0);
	assert_string_equal(f.os.id, "alpine");
	assert_string_equal(f.os.version_id, "3.18.4");
	assert_int_equal(inv_os_parse_fallback(&f, "/etc/unknown-release", "x", 1),
			 -IA_EUNSUPPORTED);
	inv_facts_release(&f);
}

/* Shell quoting, escapes and comments as systemd's os-release(5) allows them. */
static void test_quoting(void **state)
{
	const char text[] = "# a comment\n"
			    "\n"
			    "ID=Debian\n"
			    "NAME=\"A \\\"quoted\\\" \\\\ name \\$x\"\n"
			    "PRETTY_NAME='single $quoted'\n"
			    "VERSION_ID=12 # trailing comment\n"
			    "VERSION=a\\ b\n";
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/etc/os-release", text, sizeof(text) - 1), 0);
	assert_string_equal(f.os.id, "debian"); /* normalised to lowercase */
	assert_string_equal(f.os.name, "A \"quoted\" \\ name $x");
	assert_string_equal(f.os.pretty_name, "single $quoted");
	assert_string_equal(f.os.version_id, "12");
	assert_string_equal(f.os.version, "a b");
	inv_facts_release(&f);
}

static void test_malformed_lines(void **state)
{
	const char text[] = "ID=alpine\n"
			    "this is not an assignment\n"  /* 2 */
			    "NAME=\"unterminated\n"        /* 3 */
			    "VERSION_ID=3.18 junk\n"       /* 4 */
			    "PRETTY_NAME=\"esc\x1b[2J\"\n" /* 5 */
			    "1BAD=x\n";                    /* 6 */
	struct inv_facts f;
	unsigned lines = 0;

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/etc/os-release", text, sizeof(text) - 1),
			 -IA_ECORRUPT);
	assert_string_equal(f.os.id, "alpine");
	assert_string_equal(f.os.family, "alpine");
	assert_string_equal(f.os.pretty_name, "");
	for (size_t i = 0; i < f.problems.len; i++) {
		assert_string_equal(f.problems.v[i].area, "os");
		assert_string_equal(f.problems.v[i].path, "/etc/os-release");
		/* each problem says which line of the parser refused it (IA_CORRUPT) */
		assert_string_equal(ia_src_file(f.problems.v[i].src), "src/facts/os.c");
		assert_true(f.problems.v[i].src.line > 0);
		lines |= 1u << f.problems.v[i].line;
	}
	assert_int_equal(lines, (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6));
	/* an unterminated quote and an unquoted space are refused at different lines */
	for (size_t i = 0; i < f.problems.len; i++)
		for (size_t j = i + 1; j < f.problems.len; j++)
			if (strcmp(f.problems.v[i].msg, f.problems.v[j].msg) != 0)
				assert_int_not_equal(f.problems.v[i].src.line,
						     f.problems.v[j].src.line);
	inv_facts_release(&f);
}

static void test_garbage_and_empty(void **state)
{
	const char bin[] = "\x7f"
			   "ELF\x02\x01\x01\0\0\0\0\n\xff\xfe";
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/etc/os-release", bin, sizeof(bin) - 1),
			 -IA_ECORRUPT);
	assert_false(f.os.known);
	assert_true(f.problems.len >= 1);
	inv_facts_release(&f);

	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/etc/os-release", "", 0), -IA_ECORRUPT);
	assert_false(f.os.known);
	assert_int_equal(f.problems.len, 1);
	inv_facts_release(&f);

	/* no ID: os-release(5) says "linux", but the identity is not established */
	inv_facts_init(&f);
	assert_int_equal(inv_os_parse_release(&f, "/etc/os-release", "NAME=x\n", 7), -IA_ECORRUPT);
	assert_string_equal(f.os.id, "linux");
	assert_false(f.os.known);
	inv_facts_release(&f);

	inv_facts_init(&f);
	inv_os_parse_fallback(&f, "/etc/redhat-release", "Whatever OS 1.0\n", 16);
	assert_false(f.os.known);
	assert_int_equal(f.problems.len, 1);
	assert_int_equal(f.problems.v[0].line, 1);
	inv_facts_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claircore_os_release),
		cmocka_unit_test(test_debian_codename_derived),
		cmocka_unit_test(test_trivy_families),
		cmocka_unit_test(test_family_table),
		cmocka_unit_test(test_release_oneliners),
		cmocka_unit_test(test_other_fallbacks),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_garbage_and_empty),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
