/* test_rpm.c — unit tests of rpm/: header parser, the three rpmdb readers, hostile databases */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "rpm/rpm.h"
#include "target/target.h"
#include "util/limits.h"

/* ---- a sink that keeps what a reader hands out ---- */

struct got {
	uint8_t **blobs;
	size_t *lens;
	size_t n;
	int bad;
	char last_bad[IA_MAX_PATH + 1100];
};

static void got_blob(void *ctx, const uint8_t *blob, size_t len, uint64_t recno)
{
	struct got *g = ctx;

	(void)recno;
	g->blobs = realloc(g->blobs, (g->n + 1) * sizeof(*g->blobs));
	g->lens = realloc(g->lens, (g->n + 1) * sizeof(*g->lens));
	g->blobs[g->n] = malloc(len ? len : 1);
	memcpy(g->blobs[g->n], blob, len);
	g->lens[g->n++] = len;
}

static void got_bad(void *ctx, const struct ia_err *err)
{
	struct got *g = ctx;

	g->bad++;
	snprintf(g->last_bad, sizeof(g->last_bad), "%s: %s", err->path, err->msg);
}

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->blobs[i]);
	free(g->blobs);
	free(g->lens);
	memset(g, 0, sizeof(*g));
}

static int read_db(enum rpm_db_kind kind, uint8_t *data, size_t len, struct got *g,
		   struct ia_err *err)
{
	struct rpm_sink s = {.path = "/var/lib/rpm/db", .blob = got_blob, .bad = got_bad, .ctx = g};

	memset(err, 0, sizeof(*err));
	return rpm_db_read(kind, data, len, &s, err);
}

/* ---- package lines as `rpm -qa --qf` prints them in the expected lists ---- */

static char *pkg_line(const struct rpm_hdr *h)
{
	char *s = NULL;
	char ep[32] = "";

	if (h->epoch >= 0)
		snprintf(ep, sizeof(ep), "%lld", (long long)h->epoch);
	assert_true(asprintf(&s, "%s\t%s\t%s\t%s\t%s\t%s\t%s", ep, h->name, h->version, h->release,
			     h->arch ? h->arch : "", h->sourcerpm ? h->sourcerpm : "(none)",
			     h->vendor ? h->vendor : "") > 0);
	return s;
}

/* Parses every blob (each must parse) into lines. */
static void parse_all(const struct got *g, struct t_lines *out)
{
	for (size_t i = 0; i < g->n; i++) {
		struct rpm_hdr h;
		struct ia_err err = {0};
		int r = rpm_header_parse(g->blobs[i], g->lens[i], "db", i, &h, &err);

		if (r != 0)
			fail_msg("header %zu: %s", i, err.msg);
		t_lines_add(out, pkg_line(&h));
		rpm_hdr_release(&h);
	}
}

/* The expected list: rpm-qa.expected.tsv (tab-separated, '#' header) or go-rpmdb's
 * packages.csv (fields separated by the pilcrow). */
static void load_expected(const char *rel, struct t_lines *out)
{
	char *path = t_data(rel);
	size_t len;
	char *text = t_slurp(path, &len);
	bool csv = strstr(rel, ".csv") != NULL;

	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (!csv) {
			t_lines_add(out, strdup(line));
			continue;
		}
		/* epoch, name, version, release, arch, sourcerpm, size, license, vendor, ... */
		char *f[11] = {0};
		size_t nf = 0;
		char *p = line;

		while (nf < 11) {
			char *sep = strstr(p, "\xc2\xb6");

			f[nf++] = p;
			if (!sep)
				break;
			*sep = '\0';
			p = sep + 2;
		}
		assert_true(nf >= 9);
		char *s = NULL;
		assert_true(asprintf(&s, "%s\t%s\t%s\t%s\t%s\t%s\t%s", f[0], f[1], f[2], f[3], f[4],
				     f[5], f[8]) > 0);
		t_lines_add(out, s);
	}
	free(text);
	free(path);
}

static uint8_t *slurp_data(const char *rel, size_t *len)
{
	char *path = t_data(rel);
	uint8_t *d = (uint8_t *)t_slurp(path, len);

	free(path);
	return d;
}

static void check_real(enum rpm_db_kind kind, const char *db, const char *expected, size_t *n_out)
{
	size_t len;
	uint8_t *data = slurp_data(db, &len);
	struct got g = {0};
	struct t_lines got = {0}, want = {0};
	struct ia_err err;

	assert_int_equal(read_db(kind, data, len, &g, &err), 0);
	assert_int_equal(g.bad, 0);
	parse_all(&g, &got);
	load_expected(expected, &want);
	t_lines_assert_same("packages", &got, &want);
	if (n_out)
		*n_out = got.n;
	t_lines_free(&got);
	t_lines_free(&want);
	got_free(&g);
	free(data);
}

/* ---- the four real databases ---- */

static void test_real_sqlite_al2023(void **state)
{
	size_t len, n = 0;
	uint8_t *data = slurp_data("rpmdb/amazonlinux2023-plain/rpmdb.sqlite", &len);
	uint8_t *orig = malloc(len);
	struct got g = {0};
	struct ia_err err;
	bool saw_config = false, saw_sha256 = false;

	check_real(RPM_DB_SQLITE, "rpmdb/amazonlinux2023-plain/rpmdb.sqlite",
		   "rpmdb/amazonlinux2023-plain/rpm-qa.expected.tsv", &n);
	assert_int_equal(n, 103);

	/* File lists: setup owns /etc/passwd as %config, digests are sha256. */
	memcpy(orig, data, len);
	assert_int_equal(read_db(RPM_DB_SQLITE, data, len, &g, &err), 0);
	/* only the WAL flag bytes of the caller's copy may change */
	assert_memory_equal(data, orig, 18);
	assert_memory_equal(data + 20, orig + 20, len - 20);
	for (size_t i = 0; i < g.n; i++) {
		struct rpm_hdr h;

		assert_int_equal(rpm_header_parse(g.blobs[i], g.lens[i], "db", i, &h, &err), 0);
		for (uint32_t k = 0; k < h.n_files; k++) {
			if (!strcmp(h.name, "setup") && !strcmp(h.dirs[h.dir_idx[k]], "/etc/") &&
			    !strcmp(h.bases[k], "passwd")) {
				saw_config = h.fflags && (h.fflags[k] & RPMFILE_CONFIG);
				assert_int_equal(h.modes[k] & 0170000, 0100000);
			}
			if (h.digest_algo == RPM_HASH_SHA256 && h.digests &&
			    strlen(h.digests[k]) == 64)
				saw_sha256 = true;
		}
		rpm_hdr_release(&h);
	}
	assert_true(saw_config);
	assert_true(saw_sha256);
	got_free(&g);
	free(orig);
	free(data);
}

static void test_real_bdb_rhel8(void **state)
{
	check_real(RPM_DB_BDB, "rpmdb/rhel8-libuuid-bdb/Packages",
		   "rpmdb/rhel8-libuuid-bdb/rpm-qa.expected.tsv", NULL);
}

static void test_real_bdb_epoch(void **state)
{
	check_real(RPM_DB_BDB, "rpmdb/bdb-epoch-synthetic/Packages",
		   "rpmdb/bdb-epoch-synthetic/rpm-qa.expected.tsv", NULL);
}

static void test_real_ndb_sle15(void **state)
{
	size_t n = 0;

	check_real(RPM_DB_NDB, "rpmdb/sle15-bci/Packages.db", "rpmdb/sle15-bci/packages.csv", &n);
	assert_int_equal(n, 36);
}

/* ---- BerkeleyDB written on a big-endian host: the rhel8 file, byte-swapped ---- */

static void swap16(uint8_t *p)
{
	uint8_t t = p[0];

	p[0] = p[1];
	p[1] = t;
}

static void swap32(uint8_t *p)
{
	uint8_t t0 = p[0], t1 = p[1];

	p[0] = p[3];
	p[1] = p[2];
	p[2] = t1;
	p[3] = t0;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

#define PS 4096u /* page size of the rhel8 sample */

static void bdb_to_big_endian(uint8_t *d, size_t len)
{
	for (size_t off = 8; off < 52; off += 4)
		if (off != 24) /* the four single bytes at 24..27 */
			swap32(d + off);
	for (size_t pg = 1; pg < len / PS; pg++) {
		uint8_t *p = d + pg * PS;
		uint16_t n = le16(p + 20);

		if (p[25] == 13)
			for (uint16_t i = 0; i < n; i++) {
				uint16_t o = le16(p + 26 + 2 * i);

				if (p[o] == 3) {
					swap32(p + o + 4);
					swap32(p + o + 8);
				}
				swap16(p + 26 + 2 * i);
			}
		swap32(p + 8);
		swap32(p + 12);
		swap32(p + 16);
		swap16(p + 20);
		swap16(p + 22);
	}
}

static void test_bdb_big_endian(void **state)
{
	size_t len;
	uint8_t *data = slurp_data("rpmdb/rhel8-libuuid-bdb/Packages", &len);
	struct got g = {0};
	struct t_lines got = {0}, want = {0};
	struct ia_err err;

	bdb_to_big_endian(data, len);
	assert_int_not_equal(le32(data + 12), 0x061561); /* really swapped */
	assert_int_equal(read_db(RPM_DB_BDB, data, len, &g, &err), 0);
	assert_int_equal(g.bad, 0);
	parse_all(&g, &got);
	load_expected("rpmdb/rhel8-libuuid-bdb/rpm-qa.expected.tsv", &want);
	t_lines_assert_same("packages", &got, &want);
	t_lines_free(&got);
	t_lines_free(&want);
	got_free(&g);
	free(data);
}

/* ---- a header built here, field by field ---- */

struct hb {
	uint8_t idx[64 * 16];
	uint8_t data[8192];
	uint32_t il, dl;
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void hb_init(struct hb *b)
{
	memset(b, 0, sizeof(*b));
	b->il = 1;  /* the region entry, written by hb_blob */
	b->dl = 16; /* its trailer lives at data offset 0 */
}

static void hb_entry(struct hb *b, uint32_t tag, uint32_t type, uint32_t off, uint32_t count)
{
	uint8_t *e = b->idx + 16 * b->il++;

	put_be32(e, tag);
	put_be32(e + 4, type);
	put_be32(e + 8, off);
	put_be32(e + 12, count);
}

/* Appends raw bytes (n of them, no terminator added) as an entry. */
static void hb_raw(struct hb *b, uint32_t tag, uint32_t type, uint32_t count, const void *p,
		   size_t n, unsigned align)
{
	while (b->dl % align)
		b->data[b->dl++] = 0;
	hb_entry(b, tag, type, b->dl, count);
	memcpy(b->data + b->dl, p, n);
	b->dl += (uint32_t)n;
}

static void hb_str(struct hb *b, uint32_t tag, const char *s)
{
	hb_raw(b, tag, RPM_STRING_TYPE, 1, s, strlen(s) + 1, 1);
}

/* strings given as one buffer "a\0b\0c\0" of n bytes holding count strings */
static void hb_strv(struct hb *b, uint32_t tag, uint32_t count, const char *s, size_t n)
{
	hb_raw(b, tag, RPM_STRING_ARRAY_TYPE, count, s, n, 1);
}

static void hb_i32v(struct hb *b, uint32_t tag, uint32_t count, const uint32_t *v)
{
	uint8_t tmp[64];

	for (uint32_t i = 0; i < count; i++)
		put_be32(tmp + 4 * i, v[i]);
	hb_raw(b, tag, RPM_INT32_TYPE, count, tmp, 4 * count, 4);
}

static void hb_i16v(struct hb *b, uint32_t tag, uint32_t count, const uint16_t *v)
{
	uint8_t tmp[64];

	for (uint32_t i = 0; i < count; i++) {
		tmp[2 * i] = (uint8_t)(v[i] >> 8);
		tmp[2 * i + 1] = (uint8_t)v[i];
	}
	hb_raw(b, RPMTAG_FILEMODES == tag ? tag : tag, RPM_INT16_TYPE, count, tmp, 2 * count, 2);
}

/* The blob: il, dl, region entry + entries, data with the trailer at offset 0. */
static uint8_t *hb_blob(struct hb *b, size_t *len)
{
	size_t n = 8 + 16 * (size_t)b->il + b->dl;
	uint8_t *out = malloc(n);

	put_be32(b->idx, RPMTAG_HEADERIMMUTABLE);
	put_be32(b->idx + 4, RPM_BIN_TYPE);
	put_be32(b->idx + 8, 0);
	put_be32(b->idx + 12, 16);
	put_be32(b->data, RPMTAG_HEADERIMMUTABLE);
	put_be32(b->data + 4, RPM_BIN_TYPE);
	put_be32(b->data + 8, (uint32_t) - (int32_t)(16 * b->il));
	put_be32(b->data + 12, 16);
	put_be32(out, b->il);
	put_be32(out + 4, b->dl);
	memcpy(out + 8, b->idx, 16 * (size_t)b->il);
	memcpy(out + 8 + 16 * (size_t)b->il, b->data, b->dl);
	*len = n;
	return out;
}

/* A package with an epoch and three files in two directories. */
static void hb_package(struct hb *b, bool with_files)
{
	static const char dirs[] = "/etc/demo/\0/usr/bin/";
	static const char bases[] = "demo.conf\0demo\0demo-helper";
	static const char digests[] =
		"\0" /* the config file: none recorded */
		"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\0"
		"486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7";
	uint32_t epoch = 7, itime = 1700000000, algo = RPM_HASH_SHA256;
	uint32_t dix[3] = {0, 1, 1}, fflags[3] = {RPMFILE_CONFIG | 16, 0, 0};
	uint16_t modes[3] = {0100644, 0100755, 0104755};

	hb_init(b);
	hb_str(b, RPMTAG_NAME, "demo");
	hb_str(b, RPMTAG_VERSION, "2.0");
	hb_str(b, RPMTAG_RELEASE, "1.el9");
	hb_i32v(b, RPMTAG_EPOCH, 1, &epoch);
	hb_str(b, RPMTAG_ARCH, "x86_64");
	hb_str(b, RPMTAG_SOURCERPM, "demo-src-2.0-1.el9.src.rpm");
	hb_str(b, RPMTAG_VENDOR, "Example");
	hb_i32v(b, RPMTAG_INSTALLTIME, 1, &itime);
	if (!with_files)
		return;
	hb_strv(b, RPMTAG_DIRNAMES, 2, dirs, sizeof(dirs));
	hb_strv(b, RPMTAG_BASENAMES, 3, bases, sizeof(bases));
	hb_i32v(b, RPMTAG_DIRINDEXES, 3, dix);
	hb_strv(b, RPMTAG_FILEDIGESTS, 3, digests, sizeof(digests));
	hb_i32v(b, RPMTAG_FILEDIGESTALGO, 1, &algo);
	hb_i16v(b, RPMTAG_FILEMODES, 3, modes);
	hb_i32v(b, RPMTAG_FILEFLAGS, 3, fflags);
}

static void test_header_fields(void **state)
{
	struct hb b;
	size_t len;
	uint8_t *blob;
	struct rpm_hdr h;
	struct ia_err err = {0};

	hb_package(&b, true);
	blob = hb_blob(&b, &len);
	assert_int_equal(rpm_header_parse(blob, len, "/var/lib/rpm/Packages", 1, &h, &err), 0);
	assert_string_equal(h.name, "demo");
	assert_string_equal(h.version, "2.0");
	assert_string_equal(h.release, "1.el9");
	assert_int_equal(h.epoch, 7);
	assert_string_equal(h.arch, "x86_64");
	assert_string_equal(h.sourcerpm, "demo-src-2.0-1.el9.src.rpm");
	assert_string_equal(h.vendor, "Example");
	assert_int_equal(h.install_time, 1700000000);
	assert_int_equal(h.digest_algo, RPM_HASH_SHA256);
	assert_int_equal(h.n_files, 3);
	assert_string_equal(h.dirs[h.dir_idx[2]], "/usr/bin/");
	assert_string_equal(h.bases[2], "demo-helper");
	assert_string_equal(h.digests[0], "");
	assert_int_equal(strlen(h.digests[1]), 64);
	assert_int_equal(h.modes[2], 0104755);
	assert_true(h.fflags[0] & RPMFILE_CONFIG);
	assert_false(h.fflags[1] & RPMFILE_CONFIG);
	rpm_hdr_release(&h);

	/* no epoch, no files: still a package */
	free(blob);
	hb_init(&b);
	hb_str(&b, RPMTAG_NAME, "gpg-pubkey");
	hb_str(&b, RPMTAG_VERSION, "d832c631");
	hb_str(&b, RPMTAG_RELEASE, "63977702");
	blob = hb_blob(&b, &len);
	assert_int_equal(rpm_header_parse(blob, len, "db", 2, &h, &err), 0);
	assert_int_equal(h.epoch, -1);
	assert_null(h.arch);
	assert_null(h.sourcerpm);
	assert_int_equal(h.n_files, 0);
	rpm_hdr_release(&h);
	free(blob);
}

static void test_header_to_facts_variants(void **state)
{
	static const char oldnames[] = "/etc/old.conf\0/usr/bin/old";
	static const char digests[] = "aaaa\0bbbb";
	uint32_t algo = RPM_HASH_SHA384, fflags[2] = {RPMFILE_CONFIG, 0};
	struct inv_facts f;
	struct hb b;
	struct rpm_hdr h;
	struct ia_err err = {0};
	const struct inv_file *file;
	uint8_t *blob;
	size_t len;
	char *longdir;

	/* old form: OLDFILENAMES; a digest algorithm inv_digest does not name; a source rpm
	 * without the name-version-release shape */
	hb_init(&b);
	hb_str(&b, RPMTAG_NAME, "old");
	hb_str(&b, RPMTAG_VERSION, "1");
	hb_str(&b, RPMTAG_RELEASE, "2");
	hb_str(&b, RPMTAG_SOURCERPM, "weird.src.rpm");
	hb_strv(&b, RPMTAG_OLDFILENAMES, 2, oldnames, sizeof(oldnames));
	hb_strv(&b, RPMTAG_FILEDIGESTS, 2, digests, sizeof(digests));
	hb_i32v(&b, RPMTAG_FILEDIGESTALGO, 1, &algo);
	hb_i32v(&b, RPMTAG_FILEFLAGS, 2, fflags);
	blob = hb_blob(&b, &len);
	assert_int_equal(rpm_header_parse(blob, len, "db", 1, &h, &err), 0);
	assert_int_equal(h.n_files, 2);
	inv_facts_init(&f);
	assert_int_equal(inv_rpm_add_header(&h, &f, "/var/lib/rpm/Packages", &err), 0);
	assert_string_equal(f.pkgs[0].version, "1-2");
	assert_string_equal(f.pkgs[0].source, "old");
	assert_string_equal(f.pkgs[0].source_version, "1-2");
	assert_string_equal(f.pkgs[0].db_path, "/var/lib/rpm/Packages");
	file = inv_file_find(&f, "/etc/old.conf");
	assert_non_null(file);
	assert_null(file->digest); /* sha384: not claimed as anything it is not */
	assert_int_equal(file->algo, INV_DIGEST_NONE);
	assert_true(file->flags & INV_FILE_CONFIG);
	assert_non_null(inv_file_find(&f, "/usr/bin/old"));
	inv_facts_release(&f);
	rpm_hdr_release(&h);
	free(blob);

	/* a file path longer than IA_MAX_PATH: the package is refused, with the path */
	longdir = malloc(IA_MAX_PATH + 2);
	memset(longdir, 'd', IA_MAX_PATH);
	longdir[0] = '/';
	longdir[IA_MAX_PATH] = '/';
	longdir[IA_MAX_PATH + 1] = '\0';
	{
		uint32_t dix = 0;
		static struct hb big;

		hb_init(&big);
		hb_str(&big, RPMTAG_NAME, "long");
		hb_str(&big, RPMTAG_VERSION, "1");
		hb_str(&big, RPMTAG_RELEASE, "1");
		hb_strv(&big, RPMTAG_DIRNAMES, 1, longdir, IA_MAX_PATH + 2);
		hb_strv(&big, RPMTAG_BASENAMES, 1, "x", 2);
		hb_i32v(&big, RPMTAG_DIRINDEXES, 1, &dix);
		blob = hb_blob(&big, &len);
	}
	assert_int_equal(rpm_header_parse(blob, len, "db", 1, &h, &err), 0);
	inv_facts_init(&f);
	assert_int_equal(inv_rpm_add_header(&h, &f, "/var/lib/rpm/Packages", &err), -IA_ETOOBIG);
	assert_string_equal(err.path, "/var/lib/rpm/Packages");
	assert_non_null(strstr(err.msg, "IA_MAX_PATH"));
	assert_int_equal(f.n_pkgs, 0);
	inv_facts_release(&f);
	rpm_hdr_release(&h);
	free(blob);
	free(longdir);
}

/* Parses blob expecting failure code; the message must name the path. */
static void expect_bad_header(uint8_t *blob, size_t len, int code, const char *needle)
{
	struct rpm_hdr h;
	struct ia_err err = {0};
	int r = rpm_header_parse(blob, len, "/var/lib/rpm/Packages", 9, &h, &err);

	if (r != code)
		fail_msg("got %d (%s), want %d", r, err.msg, code);
	assert_string_equal(err.path, "/var/lib/rpm/Packages");
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
	assert_null(h.bases);
}

static uint8_t *built(size_t *len)
{
	struct hb b;

	hb_package(&b, true);
	return hb_blob(&b, len);
}

/* Offset in the blob of index entry i's field (0 tag, 4 type, 8 offset, 12 count). */
#define ENT(i, field) (8 + 16 * (i) + (field))

static void test_hostile_header_truncated(void **state)
{
	size_t len;
	uint8_t *blob = built(&len);

	expect_bad_header(blob, len - 1, -IA_ECORRUPT, "the blob holds");
	expect_bad_header(blob, 5, -IA_ECORRUPT, "shorter than");
	free(blob);
}

static void test_hostile_header_index_past_blob(void **state)
{
	size_t len;
	uint8_t *blob = built(&len);

	put_be32(blob, 5000); /* il: far more entries than the blob holds */
	expect_bad_header(blob, len, -IA_ECORRUPT, "5000 entries");
	free(blob);
}

static void test_hostile_header_1gb_declared(void **state)
{
	size_t len;
	uint8_t *blob = built(&len);

	put_be32(blob + 4, 1u << 30); /* dl = 1 GiB */
	expect_bad_header(blob, len, -IA_ETOOBIG, "IA_MAX_RPM_HEADER_DATA");
	put_be32(blob + 4, 100);
	put_be32(blob, 0x20000);
	expect_bad_header(blob, len, -IA_ETOOBIG, "IA_MAX_RPM_HEADER_TAGS");
	free(blob);
}

static void test_hostile_header_unterminated_string(void **state)
{
	struct hb b;
	size_t len;
	uint8_t *blob;

	hb_init(&b);
	hb_str(&b, RPMTAG_VERSION, "1");
	hb_str(&b, RPMTAG_RELEASE, "1");
	hb_raw(&b, RPMTAG_NAME, RPM_STRING_TYPE, 1, "abc", 3, 1); /* last bytes, no NUL */
	blob = hb_blob(&b, &len);
	expect_bad_header(blob, len, -IA_ECORRUPT, "without terminator");
	free(blob);

	/* a string array whose count claims one string more than the store holds */
	hb_package(&b, false);
	hb_strv(&b, RPMTAG_DIRNAMES, 1, "/", 2);
	hb_strv(&b, RPMTAG_BASENAMES, 2, "a\0b", 4);
	{
		uint32_t dix[2] = {0, 0};

		hb_i32v(&b, RPMTAG_DIRINDEXES, 2, dix);
	}
	hb_strv(&b, RPMTAG_FILEDIGESTS, 2, "\0", 1); /* the last thing in the store */
	blob = hb_blob(&b, &len);
	expect_bad_header(blob, len, -IA_ECORRUPT, "without terminator");
	free(blob);
}

static void test_hostile_header_entries(void **state)
{
	size_t len;
	uint8_t *blob = built(&len);
	uint8_t *copy = malloc(len);

	/* NAME (entry 1) pointing past the store */
	memcpy(copy, blob, len);
	put_be32(copy + ENT(1, 8), 0x7fffffff);
	expect_bad_header(copy, len, -IA_ECORRUPT, "offset past the data store");
	/* an unknown type */
	memcpy(copy, blob, len);
	put_be32(copy + ENT(1, 4), 42);
	expect_bad_header(copy, len, -IA_ECORRUPT, "unknown type");
	/* EPOCH (entry 4) misaligned */
	memcpy(copy, blob, len);
	put_be32(copy + ENT(4, 8), 17);
	expect_bad_header(copy, len, -IA_ECORRUPT, "misaligned");
	/* EPOCH with a count that runs past the store */
	memcpy(copy, blob, len);
	put_be32(copy + ENT(4, 12), 100000);
	expect_bad_header(copy, len, -IA_ECORRUPT, "count out of range");
	/* the region trailer damaged */
	memcpy(copy, blob, len);
	copy[8 + 16 * 16 + 3] ^= 1; /* trailer tag, data offset 0; 16 entries */
	expect_bad_header(copy, len, -IA_ECORRUPT, "region trailer");
	/* NAME given as an integer */
	memcpy(copy, blob, len);
	put_be32(copy + ENT(1, 4), RPM_INT32_TYPE);
	put_be32(copy + ENT(1, 8), 4 * ((16 + 3) / 4));
	expect_bad_header(copy, len, -IA_ECORRUPT, "of another type");
	free(copy);
	free(blob);
}

static void test_hostile_header_file_arrays(void **state)
{
	struct hb b;
	size_t len;
	uint8_t *blob;
	uint32_t dix[2] = {0, 5};
	uint16_t modes[1] = {0100644};

	/* dirindex past the dirnames */
	hb_package(&b, false);
	hb_strv(&b, RPMTAG_DIRNAMES, 1, "/", 2);
	hb_strv(&b, RPMTAG_BASENAMES, 2, "a\0b", 4);
	hb_i32v(&b, RPMTAG_DIRINDEXES, 2, dix);
	blob = hb_blob(&b, &len);
	expect_bad_header(blob, len, -IA_ECORRUPT, "dirindex past");
	free(blob);

	/* modes counted for one file, two files listed */
	dix[1] = 0;
	hb_package(&b, false);
	hb_strv(&b, RPMTAG_DIRNAMES, 1, "/", 2);
	hb_strv(&b, RPMTAG_BASENAMES, 2, "a\0b", 4);
	hb_i32v(&b, RPMTAG_DIRINDEXES, 2, dix);
	hb_i16v(&b, RPMTAG_FILEMODES, 1, modes);
	blob = hb_blob(&b, &len);
	expect_bad_header(blob, len, -IA_ECORRUPT, "count differs");
	free(blob);

	/* basenames without dirnames */
	hb_package(&b, false);
	hb_strv(&b, RPMTAG_BASENAMES, 2, "a\0b", 4);
	blob = hb_blob(&b, &len);
	expect_bad_header(blob, len, -IA_ECORRUPT, "without dirnames");
	free(blob);
}

/* ---- hostile BerkeleyDB files (cut from the rhel8 sample) ---- */

static uint8_t *rhel8(size_t *len)
{
	return slurp_data("rpmdb/rhel8-libuuid-bdb/Packages", len);
}

static void expect_bdb(uint8_t *data, size_t len, int ret, int min_bad, size_t want_n,
		       const char *needle)
{
	struct got g = {0};
	struct ia_err err;
	int r = read_db(RPM_DB_BDB, data, len, &g, &err);
	const char *msg = r < 0 ? err.msg : g.last_bad;

	if (r != ret)
		fail_msg("got %d (%s), want %d", r, err.msg, ret);
	assert_true(g.bad >= min_bad);
	assert_int_equal(g.n, want_n); /* a header is never passed on half-read */
	if (!strstr(msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", msg, needle);
	if (r < 0)
		assert_string_equal(err.path, "/var/lib/rpm/db");
	got_free(&g);
}

static void test_hostile_bdb_truncated_pages(void **state)
{
	size_t len;
	uint8_t *d = rhel8(&len);

	/* 10 of 23 pages: the metadata still counts 23, the chain runs off the end */
	expect_bdb(d, 10 * PS, -IA_ECORRUPT, 1, 0, "truncated");
	/* a cut in the middle of a page, and a file shorter than one page */
	expect_bdb(d, 10 * PS + 100, -IA_ECORRUPT, 1, 0, "truncated");
	expect_bdb(d, 300, -IA_ECORRUPT, 0, 0, "shorter than a metadata page");
	free(d);
}

static void test_hostile_bdb_page_cycle(void **state)
{
	size_t len;
	uint8_t *d = rhel8(&len);

	/* overflow page 5 points at itself */
	put_le32(d + 5 * PS + 16, 5);
	expect_bdb(d, len, 0, 1, 0, "second time");
	/* page 9 points back at page 4 */
	free(d);
	d = rhel8(&len);
	put_le32(d + 9 * PS + 16, 4);
	expect_bdb(d, len, 0, 1, 0, "second time");
	free(d);
}

static void test_hostile_bdb_counts_past_end(void **state)
{
	size_t len;
	uint8_t *d = rhel8(&len);
	uint8_t *orig = malloc(len);

	memcpy(orig, d, len);
	/* last page number far past the file */
	put_le32(d + 32, 0x00ffffff);
	expect_bdb(d, len, -IA_ECORRUPT, 0, 1, "truncated"); /* what is there is read */
	/* hash page 2 claims 4000 items: their offsets cannot fit in the page */
	memcpy(d, orig, len);
	put_le16(d + 2 * PS + 20, 4000);
	expect_bdb(d, len, 0, 1, 0, "inside the page");
	/* an item offset past the page */
	memcpy(d, orig, len);
	put_le16(d + 2 * PS + 26 + 2, 0xfff0);
	expect_bdb(d, len, 0, 1, 0, "outside the page");
	/* the chain pointing past the last page */
	memcpy(d, orig, len);
	put_le32(d + 2 * PS + 4079 + 4, 999999);
	expect_bdb(d, len, 0, 1, 0, "outside the");
	/* a page size that is no power of two */
	memcpy(d, orig, len);
	put_le32(d + 20, 5000);
	expect_bdb(d, len, -IA_ECORRUPT, 0, 0, "page size");
	free(orig);
	free(d);
}

static void test_hostile_bdb_1gb_declared(void **state)
{
	size_t len;
	uint8_t *d = rhel8(&len);

	put_le32(d + 2 * PS + 4079 + 8, 1u << 30); /* HOFFPAGE total length */
	expect_bdb(d, len, 0, 1, 0, "IA_MAX_RPM_HEADER_DATA");
	/* a length longer than the chain holds */
	put_le32(d + 2 * PS + 4079 + 8, 200000);
	expect_bdb(d, len, 0, 1, 0, "of its 200000 bytes");
	free(d);
}

/* ---- hostile ndb files (cut from the SLE sample) ---- */

static void expect_ndb(uint8_t *data, size_t len, int ret, size_t want_n, const char *needle)
{
	struct got g = {0};
	struct ia_err err;
	int r = read_db(RPM_DB_NDB, data, len, &g, &err);
	const char *msg = r < 0 ? err.msg : g.last_bad;

	if (r != ret)
		fail_msg("got %d (%s), want %d", r, err.msg, ret);
	assert_int_equal(g.n, want_n);
	if (!strstr(msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", msg, needle);
	got_free(&g);
}

static void test_hostile_ndb(void **state)
{
	size_t len;
	uint8_t *d = slurp_data("rpmdb/sle15-bci/Packages.db", &len);
	uint8_t *orig = malloc(len);

	memcpy(orig, d, len);
	/* slot 2 (package 1): a 1 GiB blob */
	put_le32(d + (size_t)le32(d + 2 * 16 + 8) * 16 + 12, 1u << 30);
	expect_ndb(d, len, 0, 35, "IA_MAX_RPM_HEADER_DATA");
	/* slot 2: blocks past the end of the file */
	memcpy(d, orig, len);
	put_le32(d + 2 * 16 + 8, 0x0fffffff);
	expect_ndb(d, len, 0, 35, "outside the blob area");
	/* the file cut in half: later packages are lost, each named */
	memcpy(d, orig, len);
	{
		struct got g = {0};
		struct ia_err err;

		assert_int_equal(read_db(RPM_DB_NDB, d, len / 2, &g, &err), 0);
		assert_true(g.n > 0 && g.n < 36);
		assert_int_equal(g.n + (size_t)g.bad, 36);
		got_free(&g);
	}
	/* slot pages counted past the end */
	put_le32(d + 12, 100000);
	expect_ndb(d, len, -IA_ECORRUPT, 0, "slot pages");
	/* a slot without its magic */
	memcpy(d, orig, len);
	d[5 * 16 + 2] = 'x';                          /* "Slot" -> "Slxt" */
	expect_ndb(d, len, -IA_ECORRUPT, 3, "magic"); /* slots 2..4 were read before it */
	/* every slot pointing at the blob of package 4 (72,688 bytes): stopped once the blobs
	 * handed out outgrow the file, so a small file cannot cost without end */
	memcpy(d, orig, len);
	assert_int_equal(le32(d + 5 * 16 + 4), 4);
	for (size_t i = 2; i < 4096 / 16 * le32(d + 12); i++)
		memcpy(d + i * 16, d + 5 * 16, 16);
	{
		struct got g = {0};
		struct ia_err err;

		assert_int_equal(read_db(RPM_DB_NDB, d, len, &g, &err), -IA_ECORRUPT);
		assert_non_null(strstr(err.msg, "share"));
		assert_true(g.n > 0 && g.n * 72688 <= len);
		got_free(&g);
	}
	free(orig);
	free(d);
}

/* ---- hostile SQLite files ---- */

/* A database made here with SQL, as bytes. */
static uint8_t *sqlite_bytes(const char *sql, size_t *len)
{
	sqlite3 *db;
	sqlite3_int64 n;
	unsigned char *p, *out;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	p = sqlite3_serialize(db, "main", &n, 0);
	assert_non_null(p);
	out = malloc((size_t)n);
	memcpy(out, p, (size_t)n);
	sqlite3_free(p);
	sqlite3_close(db);
	*len = (size_t)n;
	return out;
}

static void expect_sqlite(uint8_t *data, size_t len, int ret, const char *needle)
{
	struct got g = {0};
	struct ia_err err;
	int r = read_db(RPM_DB_SQLITE, data, len, &g, &err);
	const char *msg = r < 0 ? err.msg : g.last_bad;

	if (r != ret)
		fail_msg("got %d (%s), want %d", r, err.msg, ret);
	if (!strstr(msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", msg, needle);
	if (r < 0)
		assert_string_equal(err.path, "/var/lib/rpm/db");
	got_free(&g);
}

static void test_hostile_sqlite(void **state)
{
	size_t len;
	uint8_t *d = slurp_data("rpmdb/amazonlinux2023-plain/rpmdb.sqlite", &len);
	uint8_t *s;

	/* truncated: the pages holding most packages are gone */
	expect_sqlite(d, len / 3, -IA_ECORRUPT, "sqlite");
	expect_sqlite(d, 50, -IA_ECORRUPT, "no SQLite header");
	memcpy(d, "SQLite format 4", 15);
	expect_sqlite(d, len, -IA_ECORRUPT, "no SQLite header");
	free(d);

	s = sqlite_bytes("CREATE TABLE t(x);", &len);
	expect_sqlite(s, len, -IA_ECORRUPT, "no Packages table");
	free(s);
	s = sqlite_bytes("CREATE TABLE t(hnum, blob); CREATE VIEW Packages AS "
			 "WITH RECURSIVE c(hnum, blob) AS (SELECT 1, x'00' UNION ALL "
			 "SELECT hnum + 1, blob FROM c) SELECT * FROM c;",
			 &len);
	expect_sqlite(s, len, -IA_ECORRUPT, "not a table");
	free(s);
	s = sqlite_bytes("CREATE TABLE Packages(hnum INTEGER PRIMARY KEY, blob BLOB);"
			 "INSERT INTO Packages VALUES(1, 'text, not a blob');",
			 &len);
	expect_sqlite(s, len, 0, "holds no blob");
	free(s);
}

/* ---- a database written here by rpm itself (Debian's rpm: sqlite backend) ---- */

static void test_rpm_built_here(void **state)
{
	char *dir = t_mkdtemp();
	char *src = getenv("IA_SOURCE_ROOT");
	char path[4096];
	uint8_t *data;
	size_t len;
	struct got g = {0};
	struct t_lines got = {0}, want = {0};
	struct ia_err err;
	struct rpm_hdr h;
	char *dump;
	size_t dump_len;

	assert_non_null(src); /* set by meson test */
	T_REQUIRE(t_sh("command -v rpmbuild >/dev/null && command -v rpm >/dev/null") == 0,
		  "rpm and rpmbuild are not installed (apt-get install rpm)");
	assert_int_equal(t_sh("sh '%s/tests/rpm/make-rpmdb.sh' '%s' >'%s/log' 2>&1", src, dir, dir),
			 0);
	snprintf(path, sizeof(path), "%s/root/var/lib/rpm/rpmdb.sqlite", dir);
	data = (uint8_t *)t_slurp(path, &len);
	assert_int_equal(read_db(RPM_DB_SQLITE, data, len, &g, &err), 0);
	assert_int_equal(g.bad, 0);
	parse_all(&g, &got);
	snprintf(path, sizeof(path), "%s/qa.tsv", dir);
	{
		char *text = t_slurp(path, &len);
		char *save = NULL;

		for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			t_lines_add(&want, strdup(l));
		free(text);
	}
	assert_int_equal(want.n, 2);
	t_lines_assert_same("packages", &got, &want);

	/* files against `rpm -ql --dump`: path size mtime digest mode owner group config ... */
	snprintf(path, sizeof(path), "%s/dump.txt", dir);
	dump = t_slurp(path, &dump_len);
	for (size_t i = 0; i < g.n; i++) {
		assert_int_equal(rpm_header_parse(g.blobs[i], g.lens[i], "db", i, &h, &err), 0);
		for (uint32_t k = 0; k < h.n_files; k++) {
			char line[8192];
			const char *dig = h.digests[k][0] ? h.digests[k] : "";

			if (!dig[0]) /* rpm --dump prints zeros for files without a digest */
				dig = "000000000000000000000000000000000000000000000000000000000000"
				      "0000";
			snprintf(line, sizeof(line), "%s%s %s 0%o %d\n", h.dirs[h.dir_idx[k]],
				 h.bases[k], dig, h.modes[k],
				 (h.fflags[k] & RPMFILE_CONFIG) ? 1 : 0);
			if (!strstr(dump, line))
				fail_msg("file line \"%s\" not in rpm's dump:\n%s", line, dump);
		}
		assert_int_equal(h.digest_algo, RPM_HASH_SHA256);
		rpm_hdr_release(&h);
	}
	free(dump);
	t_lines_free(&got);
	t_lines_free(&want);
	got_free(&g);
	free(data);
	t_rmtree(dir);
	free(dir);
}

/* ---- into the inventory: bytes, then a directory root through the target ---- */

static bool has_problem(const struct inv_facts *f, const char *path, const char *needle)
{
	for (size_t i = 0; i < f->problems.len; i++) {
		const struct ia_problem *p = &f->problems.v[i];

		if (!strcmp(p->area, "packages (rpm)") && !strcmp(p->path, path) &&
		    strstr(p->msg, needle))
			return true;
	}
	return false;
}

static void test_facts_from_sqlite(void **state)
{
	size_t len;
	uint8_t *data = slurp_data("rpmdb/amazonlinux2023-plain/rpmdb.sqlite", &len);
	struct inv_facts f;
	const struct inv_pkg *p;
	const struct inv_file *file;

	inv_facts_init(&f);
	assert_int_equal(
		inv_rpm_parse_db(&f, "/var/lib/rpm/rpmdb.sqlite", RPM_DB_SQLITE, data, len), 103);
	assert_int_equal(f.n_pkgs, 103);
	assert_int_equal(f.problems.len, 0);
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], "/var/lib/rpm/rpmdb.sqlite");
	assert_int_equal(f.db_kinds[0], INV_DB_RPM);
	assert_true(f.db_ok[0]);

	p = inv_pkg_find(&f, "gmp"); /* epoch 1 in the expected list */
	assert_non_null(p);
	assert_string_equal(p->version, "1:6.2.1-2.amzn2023.0.2");
	assert_int_equal(p->epoch, 1);
	assert_string_equal(p->rpm_version, "6.2.1");
	assert_string_equal(p->rpm_release, "2.amzn2023.0.2");
	assert_string_equal(p->source, "gmp");
	assert_string_equal(p->source_version, "6.2.1-2.amzn2023.0.2");
	assert_true(p->install_time > 1600000000);
	p = inv_pkg_find(&f, "amazon-linux-repo-cdn"); /* source differs from name */
	assert_string_equal(p->version, "2023.1.20230825-0.amzn2023");
	assert_int_equal(p->epoch, -1);
	assert_string_equal(p->source, "system-release");
	assert_string_equal(p->source_version, "2023.1.20230825-0.amzn2023");
	assert_string_equal(p->vendor, "Amazon Linux");
	p = inv_pkg_find(&f, "gpg-pubkey"); /* listed by rpm -qa, no source rpm */
	assert_non_null(p);
	assert_string_equal(p->source, "gpg-pubkey");
	assert_string_equal(p->arch, "");

	/* "owned by which package", "modified since install" */
	p = inv_owner(&f, "/etc/passwd");
	assert_non_null(p);
	assert_string_equal(p->name, "setup");
	file = inv_file_find(&f, "/etc/passwd");
	assert_non_null(file);
	assert_true(file->flags & INV_FILE_CONFIG);
	assert_int_equal(file->algo, INV_DIGEST_SHA256);
	assert_int_equal(strlen(file->digest), 64);
	assert_int_equal(file->mode & 0170000, 0100000);
	p = inv_owner(&f, "/usr/bin/bash");
	assert_non_null(p);
	assert_string_equal(p->name, "bash");
	inv_facts_release(&f);
	free(data);
}

static void test_facts_unreadable_db_is_a_problem(void **state)
{
	size_t len;
	uint8_t *data = slurp_data("rpmdb/rhel8-libuuid-bdb/Packages", &len);
	struct inv_facts f;

	/* truncated: no package, but never a clean "0 packages" */
	inv_facts_init(&f);
	assert_true(inv_rpm_parse_db(&f, "/var/lib/rpm/Packages", RPM_DB_BDB, data, 8 * PS) < 0);
	assert_int_equal(f.n_pkgs, 0);
	assert_int_equal(f.n_dbs, 1);
	assert_false(f.db_ok[0]);
	assert_true(has_problem(&f, "/var/lib/rpm/Packages", "truncated"));
	assert_true(has_problem(&f, "/var/lib/rpm/Packages", "outside the"));
	inv_facts_release(&f);

	/* one bad header among good ones: the others are kept, the db is not whole */
	inv_facts_init(&f);
	put_le32(data + 5 * PS + 16, 5);
	assert_int_equal(inv_rpm_parse_db(&f, "/var/lib/rpm/Packages", RPM_DB_BDB, data, len), 0);
	assert_false(f.db_ok[0]);
	assert_true(has_problem(&f, "/var/lib/rpm/Packages", "second time"));
	inv_facts_release(&f);
	free(data);

	/* every slot of an ndb pointing past the file: a bounded number of problems */
	data = slurp_data("rpmdb/sle15-bci/Packages.db", &len);
	for (uint32_t i = 2; i < 256; i++) {
		memcpy(data + i * 16, "Slot", 4);
		put_le32(data + i * 16 + 4, i);
		put_le32(data + i * 16 + 8, 0x0fffffff);
		put_le32(data + i * 16 + 12, 4);
	}
	inv_facts_init(&f);
	assert_int_equal(
		inv_rpm_parse_db(&f, "/usr/lib/sysimage/rpm/Packages.db", RPM_DB_NDB, data, len),
		0);
	assert_int_equal(f.n_pkgs, 0);
	assert_false(f.db_ok[0]);
	assert_int_equal(f.problems.len, IA_MAX_FILE_PROBLEMS + 1);
	assert_true(has_problem(&f, "/usr/lib/sysimage/rpm/Packages.db", "204 more records"));
	inv_facts_release(&f);
	free(data);
}

/* A root holding copies of the data databases: image-rel=data-rel pairs. */
static char *make_root(const char *const *pairs, size_t n)
{
	char *root = t_mkdtemp();

	for (size_t i = 0; i + 1 < n; i += 2) {
		char *src = t_data(pairs[i + 1]);
		char *dir = strdup(pairs[i]);

		*strrchr(dir, '/') = '\0';
		t_mkdir(root, dir, 0755);
		assert_int_equal(t_sh("cp '%s' '%s/%s' && chmod 644 '%s/%s'", src, root, pairs[i],
				      root, pairs[i]),
				 0);
		free(dir);
		free(src);
	}
	return root;
}

static void collect_root(const char *root, struct inv_facts *f)
{
	struct tgt *t = NULL;
	struct tgt_opts o = {.kind = TGT_DIR};
	struct ia_err err = {0};

	assert_int_equal(tgt_open(root, &o, &t, &err), 0);
	inv_facts_init(f);
	assert_int_equal(inv_collect_rpm(t, f), 0);
	tgt_free(t);
}

static void test_collect_roots(void **state)
{
	static const char *const sle[] = {"usr/lib/sysimage/rpm/Packages.db",
					  "rpmdb/sle15-bci/Packages.db"};
	static const char *const both[] = {
		"var/lib/rpm/Packages", "rpmdb/rhel8-libuuid-bdb/Packages",
		"var/lib/rpm/rpmdb.sqlite", "rpmdb/amazonlinux2023-plain/rpmdb.sqlite"};
	static const char *const share[] = {"usr/share/rpm/Packages",
					    "rpmdb/bdb-epoch-synthetic/Packages"};
	struct inv_facts f;
	char *root;

	/* SUSE: /var/lib/rpm is a symlink into /usr/lib/sysimage/rpm */
	root = make_root(sle, 2);
	t_mkdir(root, "var/lib", 0755);
	t_symlink(root, "var/lib/rpm", "../../usr/lib/sysimage/rpm");
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 36);
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], "/usr/lib/sysimage/rpm/Packages.db");
	assert_true(f.db_ok[0]);
	assert_non_null(inv_pkg_find(&f, "glibc"));
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);

	/* a converted database: sqlite is read, the old Packages is not */
	root = make_root(both, 4);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 103);
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], "/var/lib/rpm/rpmdb.sqlite");
	assert_string_not_equal(inv_pkg_find(&f, "libuuid")->rpm_release, "42.el8_8");
	inv_facts_release(&f);
	/* ... and a -wal with data beside it is said to be left unread */
	t_write(root, "var/lib/rpm/rpmdb.sqlite-wal", "pending", 0644);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 103);
	assert_true(has_problem(&f, "/var/lib/rpm/rpmdb.sqlite-wal", "not applied"));
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);

	/* the old /usr/share/rpm place */
	root = make_root(share, 2);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 1);
	assert_string_equal(f.pkgs[0].version, "1:0.0.1-rls");
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);

	/* no rpm database: nothing, and no problem */
	root = t_mkdtemp();
	t_mkdir(root, "var/lib/dpkg", 0755);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 0);
	assert_int_equal(f.n_dbs, 0);
	assert_int_equal(f.problems.len, 0);
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);
}

static void test_collect_hostile_roots(void **state)
{
	struct inv_facts f;
	char *root = t_mkdtemp();

	/* an empty rpmdb.sqlite: a problem, never an empty inventory passed as clean */
	t_write(root, "var/lib/rpm/rpmdb.sqlite", "", 0644);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 0);
	assert_int_equal(f.n_dbs, 1);
	assert_false(f.db_ok[0]);
	assert_true(has_problem(&f, "/var/lib/rpm/rpmdb.sqlite", "no SQLite header"));
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);

	/* the database path is a directory */
	root = t_mkdtemp();
	t_mkdir(root, "var/lib/rpm/Packages.db", 0755);
	collect_root(root, &f);
	assert_true(has_problem(&f, "/var/lib/rpm/Packages.db", "not a regular file"));
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);

	/* a symlinked rpm directory pointing out of the image stays inside it */
	root = t_mkdtemp();
	t_mkdir(root, "var/lib", 0755);
	t_symlink(root, "var/lib/rpm", "/../../../../../../var/lib/rpm");
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, 0);
	inv_facts_release(&f);
	t_rmtree(root);
	free(root);
}

/* `imgaudit inventory` on a directory holding a database prints its packages. */
static void test_cli_inventory(void **state)
{
	static const char *const sle[] = {"usr/lib/sysimage/rpm/Packages.db",
					  "rpmdb/sle15-bci/Packages.db"};
	const char *exe = getenv("IA_IMGAUDIT");
	char *root;

	assert_non_null(exe); /* set by meson test */
	root = make_root(sle, 2);
	assert_int_equal(t_sh("'%s' inventory '%s' >'%s/out' 2>&1", exe, root, root), 0);
	assert_int_equal(t_sh("grep -q '^glibc\t2.31-150300.41.1\tx86_64' '%s/out'", root), 0);
	assert_int_equal(t_sh("grep -q '36 from rpm' '%s/out'", root), 0);
	t_rmtree(root);
	free(root);
}

/* ---- big headers built here (review regressions) ---- */

struct bigh {
	uint8_t *idx, *data;
	uint32_t il, dl, cap_il, cap_dl;
};

static void bigh_raw(struct bigh *b, uint32_t tag, uint32_t type, uint32_t count, const void *p,
		     size_t n, unsigned align)
{
	while (b->dl % align)
		b->data[b->dl++] = 0;
	assert_true(b->il < b->cap_il && b->dl + n <= b->cap_dl);
	put_be32(b->idx + 16 * b->il, tag);
	put_be32(b->idx + 16 * b->il + 4, type);
	put_be32(b->idx + 16 * b->il + 8, b->dl);
	put_be32(b->idx + 16 * b->il + 12, count);
	b->il++;
	if (p)
		memcpy(b->data + b->dl, p, n);
	else
		memset(b->data + b->dl, 0, n);
	b->dl += (uint32_t)n;
}

/* NAME, VERSION, RELEASE, DIRNAMES = one directory of dirlen bytes, BASENAMES = n_bases
 * strings "x" (or "" when empty_bases), DIRINDEXES of dix_count zeros. */
static uint8_t *big_header(size_t dirlen, uint32_t n_bases, bool empty_bases, uint32_t dix_count,
			   size_t *len)
{
	struct bigh b = {0};
	size_t blen = (size_t)n_bases * (empty_bases ? 1 : 2);
	uint8_t *out;
	char *dir = malloc(dirlen + 1);

	b.cap_il = 8;
	b.cap_dl = (uint32_t)(16 + 64 + dirlen + 1 + blen + 4 * (size_t)dix_count + 16);
	b.idx = calloc(b.cap_il, 16);
	b.data = calloc(b.cap_dl, 1);
	b.il = 1;
	b.dl = 16;
	bigh_raw(&b, RPMTAG_NAME, RPM_STRING_TYPE, 1, "big", 4, 1);
	bigh_raw(&b, RPMTAG_VERSION, RPM_STRING_TYPE, 1, "1", 2, 1);
	bigh_raw(&b, RPMTAG_RELEASE, RPM_STRING_TYPE, 1, "1", 2, 1);
	memset(dir, 'd', dirlen);
	dir[0] = '/';
	dir[dirlen - 1] = '/';
	dir[dirlen] = '\0';
	bigh_raw(&b, RPMTAG_DIRNAMES, RPM_STRING_ARRAY_TYPE, 1, dir, dirlen + 1, 1);
	bigh_raw(&b, RPMTAG_BASENAMES, RPM_STRING_ARRAY_TYPE, n_bases, NULL, blen, 1);
	if (!empty_bases)
		for (size_t i = 0; i < n_bases; i++)
			b.data[b.dl - blen + 2 * i] = 'x';
	bigh_raw(&b, RPMTAG_DIRINDEXES, RPM_INT32_TYPE, dix_count, NULL, 4 * (size_t)dix_count, 4);
	put_be32(b.idx, RPMTAG_HEADERIMMUTABLE);
	put_be32(b.idx + 4, RPM_BIN_TYPE);
	put_be32(b.idx + 8, 0);
	put_be32(b.idx + 12, 16);
	put_be32(b.data, RPMTAG_HEADERIMMUTABLE);
	put_be32(b.data + 4, RPM_BIN_TYPE);
	put_be32(b.data + 8, (uint32_t) - (int32_t)(16 * b.il));
	put_be32(b.data + 12, 16);
	*len = 8 + 16 * (size_t)b.il + b.dl;
	out = malloc(*len);
	put_be32(out, b.il);
	put_be32(out + 4, b.dl);
	memcpy(out + 8, b.idx, 16 * (size_t)b.il);
	memcpy(out + 8 + 16 * (size_t)b.il, b.data, b.dl);
	free(b.idx);
	free(b.data);
	free(dir);
	return out;
}

/*
 * Regression (review): 300,000 one-byte base names under one 4,000-byte dirname (a 2 MB
 * header) became 1.2 GB of paths, and strlen(dirname) ran once per file. The package is now
 * refused whole, before any path is built: -IA_ETOOBIG naming IA_MAX_PKG_PATH_BYTES.
 */
static void test_hostile_header_path_amplification(void **state)
{
	uint32_t n = 300000;
	size_t len;
	uint8_t *blob = big_header(4000, n, false, n, &len);
	struct rpm_hdr h;
	struct ia_err err = {0};
	struct inv_facts f;

	inv_facts_init(&f);
	assert_int_equal(rpm_header_parse(blob, len, "/var/lib/rpm/Packages", 1, &h, &err), 0);
	assert_int_equal(h.n_files, n);
	assert_int_equal(inv_rpm_add_header(&h, &f, "/var/lib/rpm/Packages", &err), -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_PKG_PATH_BYTES"));
	assert_int_equal(f.n_pkgs, 0);
	assert_int_equal(f.n_files, 0);
	rpm_hdr_release(&h);
	/* the same shape with a short directory fits, every file kept */
	free(blob);
	blob = big_header(10, n, false, n, &len);
	assert_int_equal(rpm_header_parse(blob, len, "/var/lib/rpm/Packages", 1, &h, &err), 0);
	assert_int_equal(inv_rpm_add_header(&h, &f, "/var/lib/rpm/Packages", &err), 0);
	assert_int_equal(f.n_files, n);
	assert_string_equal(f.files[0].path, "/dddddddd/x");
	rpm_hdr_release(&h);
	inv_facts_release(&f);
	free(blob);
}

/* Regression (review): a string array's count was bounded only by the store size, so 9 MB of
 * empty strings made a 72 MB pointer array (256 MB made 2 GB) before anything else was
 * checked. Arrays over IA_MAX_PKG_FILES strings are refused. */
static void test_hostile_header_string_array_count(void **state)
{
	uint32_t n = IA_MAX_PKG_FILES + 1;
	size_t len;
	uint8_t *blob = big_header(2, n, true, 1, &len);
	struct rpm_hdr h;
	struct ia_err err = {0};

	assert_int_equal(rpm_header_parse(blob, len, "/var/lib/rpm/Packages", 3, &h, &err),
			 -IA_ETOOBIG);
	assert_non_null(strstr(err.msg, "IA_MAX_PKG_FILES"));
	assert_non_null(strstr(err.msg, "rpm header 3"));
	free(blob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_sqlite_al2023),
		cmocka_unit_test(test_real_bdb_rhel8),
		cmocka_unit_test(test_real_bdb_epoch),
		cmocka_unit_test(test_real_ndb_sle15),
		cmocka_unit_test(test_bdb_big_endian),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_header_to_facts_variants),
		cmocka_unit_test(test_hostile_header_truncated),
		cmocka_unit_test(test_hostile_header_index_past_blob),
		cmocka_unit_test(test_hostile_header_1gb_declared),
		cmocka_unit_test(test_hostile_header_unterminated_string),
		cmocka_unit_test(test_hostile_header_entries),
		cmocka_unit_test(test_hostile_header_file_arrays),
		cmocka_unit_test(test_hostile_header_path_amplification),
		cmocka_unit_test(test_hostile_header_string_array_count),
		cmocka_unit_test(test_hostile_bdb_truncated_pages),
		cmocka_unit_test(test_hostile_bdb_page_cycle),
		cmocka_unit_test(test_hostile_bdb_counts_past_end),
		cmocka_unit_test(test_hostile_bdb_1gb_declared),
		cmocka_unit_test(test_hostile_ndb),
		cmocka_unit_test(test_hostile_sqlite),
		cmocka_unit_test(test_rpm_built_here),
		cmocka_unit_test(test_facts_from_sqlite),
		cmocka_unit_test(test_facts_unreadable_db_is_a_problem),
		cmocka_unit_test(test_collect_roots),
		cmocka_unit_test(test_collect_hostile_roots),
		cmocka_unit_test(test_cli_inventory),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
