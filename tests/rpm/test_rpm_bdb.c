/* test_rpm_bdb.c — rpm/bdb.c on rpmdbs written here by Berkeley DB itself, rpm as the oracle */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "rpm/rpm.h"
#include "target/target.h"

/*
 * Debian's rpm cannot write a BerkeleyDB Packages file, but Debian ships
 * Berkeley DB's own db5.3_load. The headers of the kit's Amazon Linux 2023
 * sqlite rpmdb (103 packages, headers up to 390 KiB, so every page size
 * needs overflow chains) are written as a db_dump "bytevalue" file, keys
 * being the header numbers as 4-byte integers in the database's byte order
 * plus rpm's key 0 counter record, and loaded little- and big-endian with
 * pages of 512, 4096 and 65536 bytes. rpm itself (bdb_ro backend) is the
 * oracle; our reader must give what the sqlite database gives.
 */

#define SQLITE_DB "rpmdb/amazonlinux2023-plain/rpmdb.sqlite"
#define EXPECTED "rpmdb/amazonlinux2023-plain/rpm-qa.expected.tsv"
#define N_PKGS 103
#define DB_PATH "/var/lib/rpm/Packages"
#define QF                                                                                         \
	"'%%|EPOCH?{%%{EPOCH}}:{}|\\t%%{NAME}\\t%%{VERSION}\\t%%{RELEASE}\\t%%|ARCH?{%%{ARCH}}:{}" \
	"|"                                                                                        \
	"\\t%%{SOURCERPM}\\t%%|VENDOR?{%%{VENDOR}}:{}|\\n'"

struct variant {
	unsigned lorder; /* 1234 little-endian, 4321 big-endian */
	unsigned pagesize;
	bool rewritten; /* loaded, then every header replaced by another one in place */
};

static const struct variant V_LE512 = {1234, 512}, V_LE4K = {1234, 4096}, V_LE64K = {1234, 65536},
			    V_BE512 = {4321, 512}, V_BE4K = {4321, 4096}, V_BE64K = {4321, 65536},
			    V_LE4K_RW = {1234, 4096, true}, V_BE512_RW = {4321, 512, true};

/* Shared by every test: the dumps, the sqlite facts, the expected listing. */
static char *g_dir;
static struct inv_facts g_ref;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines of a text file (a host file written by a test step). */
static void load_lines(const char *path, struct t_lines *out)
{
	size_t len;
	char *text = t_slurp(path, &len);
	char *save = NULL;

	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (l[0] != '#')
			t_lines_add(out, strdup(l));
	free(text);
}

static void load_expected(struct t_lines *out)
{
	char *path = t_data(EXPECTED);

	load_lines(path, out);
	free(path);
}

/* ---- byte order helpers for patching the loaded files ---- */

static uint32_t get32(const uint8_t *p, bool be)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static unsigned get16(const uint8_t *p, bool be)
{
	return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static void put32(uint8_t *p, uint32_t v, bool be)
{
	for (int i = 0; i < 4; i++)
		p[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static void put16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 1 : 0] = (uint8_t)v;
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
}

/* ---- the db_dump input, written once from the sqlite database ---- */

static void put_hex(FILE *o, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	fputc(' ', o);
	for (size_t i = 0; i < n; i++) {
		fputc(hex[p[i] >> 4], o);
		fputc(hex[p[i] & 15], o);
	}
	fputc('\n', o);
}

/* dump.<lorder>: every header under its number; dump.<lorder>.rot: each number holds the
 * header of the next one (the last the first), to rewrite a loaded database in place. */
static void write_dump(sqlite3 *db, unsigned lorder, bool rotate)
{
	static const char *const sql[] = {
		"SELECT hnum, blob FROM Packages",
		"SELECT a.hnum, b.blob FROM Packages a JOIN Packages b ON b.hnum = "
		"(SELECT coalesce(min(hnum), (SELECT min(hnum) FROM Packages)) FROM Packages "
		"WHERE hnum > a.hnum)",
	};
	char path[4096];
	FILE *o;
	sqlite3_stmt *st;
	uint8_t k[4];
	uint32_t max = 0;
	bool be = lorder == 4321;

	snprintf(path, sizeof(path), "%s/dump.%u%s", g_dir, lorder, rotate ? ".rot" : "");
	o = fopen(path, "w");
	assert_non_null(o);
	fputs("VERSION=3\nformat=bytevalue\ntype=hash\nHEADER=END\n", o);
	assert_int_equal(sqlite3_prepare_v2(db, sql[rotate], -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t h = (uint32_t)sqlite3_column_int64(st, 0);

		put32(k, h, be);
		put_hex(o, k, 4);
		put_hex(o, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		if (h > max)
			max = h;
	}
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	/* rpm's key 0: the next header number, not a header */
	put32(k, 0, be);
	put_hex(o, k, 4);
	put32(k, max + 1, be);
	put_hex(o, k, 4);
	fputs("DATA=END\n", o);
	assert_int_equal(fclose(o), 0);
}

static int setup(void **state)
{
	char *sq = t_data(SQLITE_DB);
	char uri[4200];
	sqlite3 *db = NULL;
	size_t len;
	uint8_t *data;

	(void)state;
	g_dir = t_mkdtemp();
	snprintf(uri, sizeof(uri), "file:%s?immutable=1", sq);
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		return -1;
	for (int rot = 0; rot < 2; rot++) {
		write_dump(db, 1234, rot);
		write_dump(db, 4321, rot);
	}
	sqlite3_close(db);

	/* the reference: the same headers read from sqlite */
	data = (uint8_t *)t_slurp(sq, &len);
	inv_facts_init(&g_ref);
	if (inv_rpm_parse_db(&g_ref, "/var/lib/rpm/rpmdb.sqlite", RPM_DB_SQLITE, data, len) !=
	    N_PKGS)
		return -1;
	free(data);
	free(sq);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	inv_facts_release(&g_ref);
	t_rmtree(g_dir);
	free(g_dir);
	return 0;
}

static bool have(const char *prog)
{
	return t_sh("command -v %s >/dev/null 2>&1", prog) == 0;
}

/* The root dir/<variant>/root holding var/lib/rpm/Packages loaded by db5.3_load; made once
 * per variant (the hostile tests patch copies). Returns the root; caller frees. */
static char *load_variant(const struct variant *v)
{
	char *root = NULL;

	T_REQUIRE(have("db5.3_load"), "db5.3_load is not installed (apt-get install db5.3-util)");
	assert_true(asprintf(&root, "%s/%u-%u%s", g_dir, v->lorder, v->pagesize,
			     v->rewritten ? "-rewritten" : "") > 0);
	if (t_sh("test -f '%s/var/lib/rpm/Packages'", root) != 0) {
		assert_int_equal(t_sh("mkdir -p '%s/var/lib/rpm'", root), 0);
		assert_int_equal(
			t_sh("db5.3_load -f '%s/dump.%u' -t hash -c db_lorder=%u -c "
			     "db_pagesize=%u '%s/var/lib/rpm/Packages' >'%s/load.log' 2>&1",
			     g_dir, v->lorder, v->lorder, v->pagesize, root, root),
			0);
		/* into the existing file: each key's header replaced by a larger or smaller one,
		 * so chains are freed, pages reused and the file grows */
		if (v->rewritten)
			assert_int_equal(t_sh("db5.3_load -f '%s/dump.%u.rot' "
					      "'%s/var/lib/rpm/Packages' >>'%s/load.log' 2>&1",
					      g_dir, v->lorder, root, root),
					 0);
	}
	return root;
}

static uint8_t *slurp_db(const char *root, size_t *len)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/var/lib/rpm/Packages", root);
	return (uint8_t *)t_slurp(path, len);
}

/* What the file holds, counted by the test's own walk of its pages. */
struct layout {
	unsigned cont;    /* overflow pages that continue a chain */
	unsigned free;    /* pages of type 0: freed, on the free list */
	unsigned inline_; /* data items held in a hash page */
	unsigned offpage; /* data items held in an overflow chain */
};

/* The metadata page is what was asked for (byte order, page size); counts what the
 * pages hold. */
static struct layout check_layout(const uint8_t *d, size_t len, const struct variant *v)
{
	bool be = v->lorder == 4321;
	size_t ps = v->pagesize;
	struct layout l = {0};

	assert_true(len >= 512);
	assert_int_equal(get32(d + 12, be), 0x061561);
	assert_int_equal(get32(d + 20, be), v->pagesize);
	assert_int_equal(len % ps, 0);
	for (size_t pg = 1; pg < len / ps; pg++) {
		const uint8_t *p = d + pg * ps;
		unsigned n = get16(p + 20, be);

		if (p[25] == 7 && get32(p + 12, be) != 0)
			l.cont++;
		if (p[25] == 0)
			l.free++;
		if (p[25] != 13)
			continue;
		for (unsigned i = 1; i < n && 26 + 2 * i + 1 < ps; i += 2) {
			unsigned off = get16(p + 26 + 2 * i, be);

			assert_true(off < ps);
			l.inline_ += p[off] == 1;
			l.offpage += p[off] == 3;
		}
	}
	return l;
}

/* ---- what a reader gives, as lines ---- */

struct got {
	struct t_lines pkgs;
	int bad;
	char last_bad[IA_MAX_PATH + 1100];
};

static void got_blob(void *ctx, const uint8_t *blob, size_t len, uint64_t recno)
{
	struct got *g = ctx;
	struct rpm_hdr h;
	struct ia_err err = {0};
	char ep[32] = "";
	char *s = NULL;

	if (rpm_header_parse(blob, len, DB_PATH, recno, &h, &err) != 0)
		fail_msg("header on page %llu: %s", (unsigned long long)recno, err.msg);
	if (h.epoch >= 0)
		snprintf(ep, sizeof(ep), "%lld", (long long)h.epoch);
	assert_true(asprintf(&s, "%s\t%s\t%s\t%s\t%s\t%s\t%s", ep, h.name, h.version, h.release,
			     h.arch ? h.arch : "", h.sourcerpm ? h.sourcerpm : "(none)",
			     h.vendor ? h.vendor : "") > 0);
	t_lines_add(&g->pkgs, s);
	rpm_hdr_release(&h);
}

static void got_bad(void *ctx, const struct ia_err *err)
{
	struct got *g = ctx;

	g->bad++;
	snprintf(g->last_bad, sizeof(g->last_bad), "%s: %s", err->path, err->msg);
}

static int read_bdb(const uint8_t *d, size_t len, struct got *g, struct ia_err *err)
{
	struct rpm_sink s = {.path = DB_PATH, .blob = got_blob, .bad = got_bad, .ctx = g};

	memset(g, 0, sizeof(*g));
	memset(err, 0, sizeof(*err));
	return rpm_bdb_read(d, len, &s, err);
}

/* Every package of f (fields a user sees) and every file (path, digest, algorithm, flags,
 * mode, owner), as sorted lines. */
static void facts_lines(const struct inv_facts *f, struct t_lines *pk, struct t_lines *fl)
{
	for (size_t i = 0; i < f->n_pkgs; i++) {
		const struct inv_pkg *p = &f->pkgs[i];
		char *s = NULL;

		assert_true(asprintf(&s,
				     "%s\t%s\t%s\t%s\t%s\t%lld\t%s\t%s\t%s\t%s\t%lld\t%lld\t%zu",
				     p->name, p->version, p->arch, p->source, p->source_version,
				     (long long)p->epoch, p->rpm_version, p->rpm_release, p->vendor,
				     p->packager, (long long)p->install_time,
				     (long long)p->build_time, p->n_files) > 0);
		t_lines_add(pk, s);
		for (size_t k = p->first_file; k < p->first_file + p->n_files; k++) {
			const struct inv_file *x = &f->files[k];

			s = NULL;
			assert_true(x->pkg == i);
			assert_true(asprintf(&s, "%s\t%s\t%u\t%u\t%o\t%s", x->path,
					     x->digest ? x->digest : "-", x->algo, x->flags,
					     x->mode, p->name) > 0);
			t_lines_add(fl, s);
		}
	}
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

/* ---- our reader on the six databases ---- */

static void test_reader(void **state)
{
	const struct variant *v = *state;
	char *root = load_variant(v);
	size_t len;
	uint8_t *d = slurp_db(root, &len);
	struct got g;
	struct ia_err err;
	struct t_lines want = {0}, pk = {0}, fl = {0}, rpk = {0}, rfl = {0};
	struct inv_facts f;
	struct layout lay;

	/* headers larger than any page: chains of several overflow pages; small ones inline
	 * in the largest pages; freed pages after a rewrite */
	lay = check_layout(d, len, v);
	assert_true(lay.cont > 0);
	assert_true(lay.offpage > 0);
	if (v->pagesize == 65536)
		assert_true(lay.inline_ > 1); /* the counter record and small headers */
	if (v->rewritten)
		assert_true(lay.free > 0);

	assert_int_equal(read_bdb(d, len, &g, &err), 0);
	if (g.bad)
		fail_msg("%d bad records, last: %s", g.bad, g.last_bad);
	load_expected(&want);
	assert_int_equal(want.n, N_PKGS);
	t_lines_assert_same("packages (reader)", &g.pkgs, &want);

	/* through the inventory on a directory root: the same packages and files as sqlite */
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, N_PKGS);
	assert_int_equal(f.problems.len, 0);
	assert_int_equal(f.n_dbs, 1);
	assert_string_equal(f.dbs[0], DB_PATH);
	assert_true(f.db_ok[0]);
	assert_true(f.n_files > 5000);
	facts_lines(&f, &pk, &fl);
	facts_lines(&g_ref, &rpk, &rfl);
	t_lines_assert_same("packages (inventory)", &pk, &rpk);
	t_lines_assert_same("files (inventory)", &fl, &rfl);
	assert_non_null(inv_owner(&f, "/usr/bin/bash"));
	assert_string_equal(inv_owner(&f, "/usr/bin/bash")->name, "bash");

	inv_facts_release(&f);
	t_lines_free(&pk);
	t_lines_free(&fl);
	t_lines_free(&rpk);
	t_lines_free(&rfl);
	t_lines_free(&want);
	t_lines_free(&g.pkgs);
	free(d);
	free(root);
}

/* ---- rpm itself reads the same databases: the oracle ---- */

static void test_rpm_agrees(void **state)
{
	const struct variant *v = *state;
	char *root;
	char out[4200];
	struct t_lines got = {0}, want = {0}, files = {0}, ours = {0};
	struct inv_facts f;

	T_REQUIRE(have("rpm"), "rpm is not installed (apt-get install rpm)");
	root = load_variant(v);
	snprintf(out, sizeof(out), "%s/rpm-qa.tsv", root);
	assert_int_equal(t_sh("HOME='%s' rpm --define '_db_backend bdb_ro' --dbpath "
			      "'%s/var/lib/rpm' -qa --qf " QF " >'%s' 2>/dev/null",
			      root, root, out),
			 0);
	load_lines(out, &got);
	load_expected(&want);
	t_lines_assert_same("rpm -qa", &got, &want);

	/* rpm's file lists against ours */
	snprintf(out, sizeof(out), "%s/rpm-files.txt", root);
	assert_int_equal(t_sh("HOME='%s' rpm --define '_db_backend bdb_ro' --dbpath "
			      "'%s/var/lib/rpm' -qa --qf '[%%{FILENAMES}\\t%%{=NAME}\\n]' "
			      ">'%s' 2>/dev/null",
			      root, root, out),
			 0);
	load_lines(out, &files);
	for (size_t i = 0; i < files.n; i++) /* rpm's line for a package without files */
		if (!strncmp(files.v[i], "(none)\t", 7)) {
			free(files.v[i]);
			files.v[i--] = files.v[--files.n];
		}
	collect_root(root, &f);
	for (size_t i = 0; i < f.n_files; i++) {
		char *s = NULL;

		assert_true(asprintf(&s, "%s\t%s", f.files[i].path, f.pkgs[f.files[i].pkg].name) >
			    0);
		t_lines_add(&ours, s);
	}
	assert_true(ours.n > 5000);
	t_lines_assert_same("files (rpm -qa FILENAMES)", &ours, &files);

	inv_facts_release(&f);
	t_lines_free(&files);
	t_lines_free(&ours);
	t_lines_free(&got);
	t_lines_free(&want);
	free(root);
}

/* ---- hostile: a real database with one overflow chain damaged ---- */

/* The first page of the chain whose second page is the first continuation page found:
 * the head of a chain of at least two pages. */
static uint32_t chain_head(const uint8_t *d, size_t len, const struct variant *v, uint32_t *second)
{
	bool be = v->lorder == 4321;
	size_t ps = v->pagesize;

	for (size_t pg = 1; pg < len / ps; pg++) {
		const uint8_t *p = d + pg * ps;
		uint32_t next = get32(p + 16, be);

		if (p[25] == 7 && get32(p + 12, be) == 0 && next != 0) {
			*second = next;
			return (uint32_t)pg;
		}
	}
	fail_msg("no overflow chain of two pages");
	return 0;
}

/* Reads d: the damaged chain's package is lost with a problem naming the database, the
 * other 102 packages are read, directly and through the inventory. */
static void expect_one_lost(const char *root, const uint8_t *d, size_t len, const char *needle)
{
	struct got g;
	struct ia_err err;
	struct t_lines want = {0};
	struct inv_facts f;
	char path[4200];
	FILE *o;
	bool found = false;

	assert_int_equal(read_bdb(d, len, &g, &err), 0);
	assert_int_equal(g.bad, 1);
	if (!strstr(g.last_bad, needle) || strncmp(g.last_bad, DB_PATH ": ", strlen(DB_PATH) + 2))
		fail_msg("problem \"%s\" lacks \"%s\"", g.last_bad, needle);
	assert_int_equal(g.pkgs.n, N_PKGS - 1);
	load_expected(&want);
	qsort(want.v, want.n, sizeof(*want.v), cmp_str);
	for (size_t i = 0; i < g.pkgs.n; i++)
		assert_non_null(bsearch(&g.pkgs.v[i], want.v, want.n, sizeof(*want.v), cmp_str));

	/* the damaged file in a root */
	snprintf(path, sizeof(path), "%s/var/lib/rpm/Packages", root);
	o = fopen(path, "wb");
	assert_non_null(o);
	assert_int_equal(fwrite(d, 1, len, o), len);
	assert_int_equal(fclose(o), 0);
	collect_root(root, &f);
	assert_int_equal(f.n_pkgs, N_PKGS - 1);
	assert_int_equal(f.n_dbs, 1);
	assert_false(f.db_ok[0]); /* never a clean inventory */
	for (size_t i = 0; i < f.problems.len; i++)
		if (!strcmp(f.problems.v[i].path, DB_PATH) && strstr(f.problems.v[i].msg, needle))
			found = true;
	assert_true(found);
	inv_facts_release(&f);
	t_lines_free(&want);
	t_lines_free(&g.pkgs);
}

static void test_hostile_chain(void **state)
{
	const struct variant *v = *state;
	bool be = v->lorder == 4321;
	char *root = load_variant(v);
	char *copy = NULL;
	size_t len;
	uint8_t *orig = slurp_db(root, &len);
	uint8_t *d = malloc(len);
	uint32_t second = 0, head = chain_head(orig, len, v, &second);
	size_t ps = v->pagesize;
	uint32_t hash_pg = 0;

	/* a private root for the damaged copies */
	assert_true(asprintf(&copy, "%s-hostile", root) > 0);
	assert_int_equal(t_sh("mkdir -p '%s/var/lib/rpm'", copy), 0);
	for (size_t pg = 1; pg < len / ps && !hash_pg; pg++)
		if (orig[pg * ps + 25] == 13)
			hash_pg = (uint32_t)pg;
	assert_true(hash_pg != 0);

	/* the chain cut after its first page */
	memcpy(d, orig, len);
	put32(d + head * ps + 16, 0, be);
	expect_one_lost(copy, d, len, "ends after");
	/* the chain leads to a hash page */
	memcpy(d, orig, len);
	put32(d + head * ps + 16, hash_pg, be);
	expect_one_lost(copy, d, len, "of type 13");
	/* the chain leads past the end of the file */
	memcpy(d, orig, len);
	put32(d + head * ps + 16, (uint32_t)(len / ps) + 1000, be);
	expect_one_lost(copy, d, len, "outside the");
	/* the second page loops back to the first */
	memcpy(d, orig, len);
	put32(d + (size_t)second * ps + 16, head, be);
	expect_one_lost(copy, d, len, "second time");
	/* the first page claims more bytes than a page holds */
	memcpy(d, orig, len);
	put16(d + head * ps + 22, (uint16_t)(ps > 65535 ? 65535 : ps), be);
	expect_one_lost(copy, d, len, "out of range");

	/* rpm 4.18 (bdb_ro) on the cut chain prints "bdb_ro error reading Packages database",
	 * stops there (51 of 103 listed on LE 4096) and exits 0: not an oracle for damage */
	t_rmtree(copy);
	free(copy);
	free(d);
	free(orig);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		{"reader, LE 512", test_reader, NULL, NULL, (void *)&V_LE512},
		{"reader, LE 4096", test_reader, NULL, NULL, (void *)&V_LE4K},
		{"reader, LE 65536", test_reader, NULL, NULL, (void *)&V_LE64K},
		{"reader, BE 512", test_reader, NULL, NULL, (void *)&V_BE512},
		{"reader, BE 4096", test_reader, NULL, NULL, (void *)&V_BE4K},
		{"reader, BE 65536", test_reader, NULL, NULL, (void *)&V_BE64K},
		{"reader, LE 4096 rewritten", test_reader, NULL, NULL, (void *)&V_LE4K_RW},
		{"reader, BE 512 rewritten", test_reader, NULL, NULL, (void *)&V_BE512_RW},
		{"rpm agrees, LE 512", test_rpm_agrees, NULL, NULL, (void *)&V_LE512},
		{"rpm agrees, LE 4096", test_rpm_agrees, NULL, NULL, (void *)&V_LE4K},
		{"rpm agrees, LE 65536", test_rpm_agrees, NULL, NULL, (void *)&V_LE64K},
		{"rpm agrees, BE 512", test_rpm_agrees, NULL, NULL, (void *)&V_BE512},
		{"rpm agrees, BE 4096", test_rpm_agrees, NULL, NULL, (void *)&V_BE4K},
		{"rpm agrees, BE 65536", test_rpm_agrees, NULL, NULL, (void *)&V_BE64K},
		{"rpm agrees, LE 4096 rewritten", test_rpm_agrees, NULL, NULL, (void *)&V_LE4K_RW},
		{"rpm agrees, BE 512 rewritten", test_rpm_agrees, NULL, NULL, (void *)&V_BE512_RW},
		{"hostile chain, LE 4096", test_hostile_chain, NULL, NULL, (void *)&V_LE4K},
		{"hostile chain, BE 512", test_hostile_chain, NULL, NULL, (void *)&V_BE512},
		{"hostile chain, LE 65536", test_hostile_chain, NULL, NULL, (void *)&V_LE64K},
	};

	return T_RUN_GROUP(tests, setup, teardown);
}
