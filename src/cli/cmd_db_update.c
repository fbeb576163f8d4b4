/* cmd_db_update.c — `imgaudit db update`: the official feeds downloaded, verified, imported */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/db_update.h"
#include "util/limits.h"
#include "vulndb/db.h"
#include "vulndb/fetch.h"
#include "util/banned.h"

#define OSV "https://osv-vulnerabilities.storage.googleapis.com/"
#define SECDB "https://secdb.alpinelinux.org/"
#define DEBSEC "https://security.debian.org/debian-security/dists/"
#define EOLAPI "https://endoflife.date/api/v1/products/"
#define DISTRO_INFO "https://salsa.debian.org/debian/distro-info-data/-/raw/main/"

/* The default sources: each feed's official public URL (docs/db-update.md). */
static const struct cli_update_source defaults[] = {
	{"debian-tracker.json", "https://security-tracker.debian.org/tracker/data/json"},
	{"DSA-list", "https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/"
		     "data/DSA/list"},
	{"DLA-list", "https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/"
		     "data/DLA/list"},
	{"osv-Debian.zip", OSV "Debian/all.zip"},
	{"osv-Ubuntu.zip", OSV "Ubuntu/all.zip"},
	{"osv-Alpine.zip", OSV "Alpine/all.zip"},
	{"osv-AlmaLinux.zip", OSV "AlmaLinux/all.zip"},
	{"osv-Rocky.zip", OSV "Rocky%20Linux/all.zip"},
	{"osv-RedHat.zip", OSV "Red%20Hat/all.zip"},
	{"osv-npm.zip", OSV "npm/all.zip"},
	{"osv-PyPI.zip", OSV "PyPI/all.zip"},
	{"osv-Maven.zip", OSV "Maven/all.zip"},
	{"osv-Go.zip", OSV "Go/all.zip"},
	{"osv-crates.io.zip", OSV "crates.io/all.zip"},
	{"alpine-v3.20-main.json", SECDB "v3.20/main.json"},
	{"alpine-v3.20-community.json", SECDB "v3.20/community.json"},
	{"alpine-v3.21-main.json", SECDB "v3.21/main.json"},
	{"alpine-v3.21-community.json", SECDB "v3.21/community.json"},
	{"bookworm-security_main_amd64_Packages.xz",
	 DEBSEC "bookworm-security/main/binary-amd64/Packages.xz"},
	{"trixie-security_main_amd64_Packages.xz",
	 DEBSEC "trixie-security/main/binary-amd64/Packages.xz"},
	/* the end-of-life tables of data/eol refreshed: the products scripts/eol-data.py maps */
	{"distro-info-debian.csv", DISTRO_INFO "debian.csv"},
	{"distro-info-ubuntu.csv", DISTRO_INFO "ubuntu.csv"},
	{"endoflife-centos.json", EOLAPI "centos"},
	{"endoflife-centos-stream.json", EOLAPI "centos-stream"},
	{"endoflife-rhel.json", EOLAPI "rhel"},
	{"endoflife-alpine-linux.json", EOLAPI "alpine-linux"},
	{"endoflife-amazon-linux.json", EOLAPI "amazon-linux"},
	{"endoflife-sles.json", EOLAPI "sles"},
	{"endoflife-opensuse.json", EOLAPI "opensuse"},
	{"endoflife-rocky-linux.json", EOLAPI "rocky-linux"},
	{"endoflife-almalinux.json", EOLAPI "almalinux"},
	{"endoflife-fedora.json", EOLAPI "fedora"},
	{"endoflife-oracle-linux.json", EOLAPI "oracle-linux"},
	{"endoflife-php.json", EOLAPI "php"},
	{"endoflife-mysql.json", EOLAPI "mysql"},
	{"endoflife-mariadb.json", EOLAPI "mariadb"},
	{"endoflife-postgresql.json", EOLAPI "postgresql"},
	{"endoflife-redis.json", EOLAPI "redis"},
	{"endoflife-mongodb.json", EOLAPI "mongodb"},
	{"endoflife-tomcat.json", EOLAPI "tomcat"},
	{"endoflife-nginx.json", EOLAPI "nginx"},
	{"endoflife-apache-http-server.json", EOLAPI "apache-http-server"},
	{"endoflife-nodejs.json", EOLAPI "nodejs"},
	{"endoflife-python.json", EOLAPI "python"},
	{"endoflife-eclipse-temurin.json", EOLAPI "eclipse-temurin"},
	{"endoflife-eclipse-jetty.json", EOLAPI "eclipse-jetty"},
	{"endoflife-proftpd.json", EOLAPI "proftpd"},
	{"endoflife-elasticsearch.json", EOLAPI "elasticsearch"},
};

const struct cli_update_source *cli_update_defaults(size_t *n)
{
	*n = IA_ARRAY_SIZE(defaults);
	return defaults;
}

bool cli_update_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 100 || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') || strchr("._-", name[i])))
			return false;
	return true;
}

/* For a URL .../dists/SUITE/REL (an apt index): the URL of the suite's InRelease and REL. */
static bool apt_parts(const char *url, char *inrel, size_t n, char *rel, size_t rn)
{
	const char *d = strstr(url, "/dists/"), *s;

	if (!d || !(s = strchr(d + 7, '/')) || !s[1])
		return false;
	if (snprintf(inrel, n, "%.*sInRelease", (int)(s + 1 - url), url) >= (int)n)
		return false;
	return snprintf(rel, rn, "%s", s + 1) < (int)rn;
}

/* The expected SHA-256 of an apt index from its suite's InRelease, downloaded fresh. */
static int apt_expect(const struct cli_update_source *src, const char *dest,
		      const struct vdb_fetch_opts *fo, char *inrel_path, size_t n, char hex[65],
		      struct ia_err *err)
{
	char url[4096], rel[1024];
	struct vdb_fetch_result fr;
	uint64_t size;
	int r;

	if (!apt_parts(src->url, url, sizeof(url), rel, sizeof(rel)))
		return 0; /* not an apt URL: the feed's own format checks stand */
	if (snprintf(inrel_path, n, "%s.InRelease", dest) >= (int)n)
		return ia_err_set(err, -ENAMETOOLONG, dest, 0, "path too long");
	(void)unlink(inrel_path);
	r = vdb_fetch(url, inrel_path, fo, &fr, err);
	if (!r)
		r = vdb_release_sha256(inrel_path, rel, hex, &size, err);
	return r < 0 ? r : 1;
}

/* One source: downloaded (continued from an earlier cut-off download), verified, imported in
 * one transaction. 0, or negative with err (the database unchanged by this source). */
static int update_one(struct vdb *db, const char *dir, const struct cli_update_source *src,
		      const struct vdb_fetch_opts *fo, const char *keyring, struct ia_err *err)
{
	char dest[4400], inrel[4500] = "", want[65] = "", got[65] = "";
	struct vdb_import_opts io = {0};
	struct vdb_import_result res;
	struct vdb_fetch_result fr;
	uint64_t size = 0;
	int r, apt;

	snprintf(dest, sizeof(dest), "%s/%s", dir, src->name);
	apt = apt_expect(src, dest, fo, inrel, sizeof(inrel), want, err);
	if (apt < 0)
		return apt;
	r = vdb_fetch(src->url, dest, fo, &fr, err);
	if (r < 0)
		return r;
	if (fr.resumed_from)
		printf("%s: resumed at byte %llu\n", src->name,
		       (unsigned long long)fr.resumed_from);
	else if (fr.restarted)
		printf("%s: the server ignored the range request: downloaded again\n", src->name);
	if (apt && (r = vdb_sha256_file(dest, got, &size, err)) == 0 && strcmp(got, want) != 0)
		r = ia_err_set(err, -IA_ECORRUPT, src->url, 0,
			       "SHA256 %s does not match %s listed by the suite's InRelease", got,
			       want);
	if (!r) {
		io.release_file = apt ? inrel : NULL;
		io.keyring = keyring;
		r = vdb_import_opts(db, dest, &io, &res, err);
	}
	if (!r && strncmp(res.format, "eol-", 4) == 0)
		printf("%s: %s, source %s: %zu series\n", src->name, res.format, res.source,
		       res.affected);
	else if (!r && strncmp(res.format, "apt-index", 9) == 0)
		printf("%s: %s, source %s: %zu packages (%s)\n", src->name, res.format, res.source,
		       res.packages, res.verified);
	else if (!r)
		printf("%s: %s, source %s: %zu advisories, %zu affected entries\n", src->name,
		       res.format, res.source, res.advisories, res.affected);
	(void)unlink(dest); /* complete: the next update downloads afresh */
	if (inrel[0])
		(void)unlink(inrel);
	return r;
}

int cli_db_update(const char *path, const struct cli_update_source *v, size_t n,
		  const char *ca_file, const char *keyring)
{
	struct vdb_fetch_opts fo = {.ca_file = ca_file};
	struct vdb *db = NULL;
	struct ia_err err = {0};
	char dir[4200];
	size_t failed = 0;

	snprintf(dir, sizeof(dir), "%s.downloads", path);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		cli_error("cannot make %s: %s", dir, strerror(errno));
		return CLI_ERROR;
	}
	if (vdb_open(path, true, &db, &err) < 0) {
		cli_error_err("cannot open the vulnerability database", &err);
		return CLI_ERROR;
	}
	for (size_t i = 0; i < n; i++) {
		memset(&err, 0, sizeof(err));
		if (update_one(db, dir, &v[i], &fo, keyring, &err) < 0) {
			char what[2400];

			snprintf(what, sizeof(what),
				 "source %s (%.2000s) not updated, the database keeps its earlier "
				 "data",
				 v[i].name, v[i].url);
			cli_error_err(what, &err);
			failed++;
		}
	}
	vdb_close(db);
	if (failed)
		cli_error("%zu of %zu sources not updated", failed, n);
	return failed ? CLI_ERROR : CLI_PASS;
}
