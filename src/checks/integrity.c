/* integrity.c — the integrity family: package files whose content no longer matches the digest
 * their package database records, and executables in system paths that no package owns */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/malware.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/datafile.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/pool.h"
#include "util/str.h"
#include "util/banned.h"

/*
 * The package databases are the baseline: dpkg's md5sums and conffile digests, rpm's file
 * digests (MD5, SHA-1, SHA-256, SHA-512 as the header's FILEDIGESTALGO says) and apk's Q1/Q2
 * checksums. The recorded files are split in three disjoint sets, one per check, so that every
 * file is read once: configuration files (dpkg conffiles, rpm %config; INT-003, low: they are
 * meant to be edited), other files in system program and library directories (INT-001, high:
 * a replaced system binary) and the rest (INT-002). A file the image lacks is not compared
 * (images drop documentation on purpose); a recorded regular file replaced by a symlink, a
 * directory, a FIFO or a device is reported without being opened. apk records the checksum
 * of a symlink's target text: symlinks of apk packages are not compared.
 */

/* Bytes read per read call while hashing. */
#define IG_CHUNK (256u * 1024)
/* Bytes of the allow-list data file (data/integrity/generated.txt). */
#define IG_MAX_ALLOW (256u * 1024)
/* Bytes of /var/lib/dpkg/diversions read (real ones: a few KB). */
#define IG_MAX_DIVERSIONS (4u * 1024 * 1024)
#define IG_DIVERSIONS "/var/lib/dpkg/diversions"

enum ig_part { IG_SYSTEM, IG_OTHER, IG_CONFIG };

/* One recorded file to compare. */
struct ig_job {
	const struct inv_file *file;
	const struct tgt_entry *ent; /* the regular file read (where a dpkg diversion moved it) */
	char got[EVP_MAX_MD_SIZE * 2 + 1];
	int rc; /* 0: equal, 1: differs, <0: not read (-errno, -IA_ETOOBIG) */
};

struct ig_run {
	const struct tgt *t;
	struct chk_mal *mal; /* the content scan: files it selects are scanned from the same read */
	bool by_fd;          /* a directory target: open once and read, not one open per pread */
	struct ig_job *jobs;
	size_t n, cap;
	atomic_size_t next;
	uint64_t bytes; /* read by the workers (summed after they join) */
};

static bool prefixed(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && p[n] == '/';
}

/* /bin, /sbin, /usr/bin, /usr/sbin, /lib*, /usr/lib* and what lies below them. */
static bool system_path(const char *p)
{
	const char *q = prefixed(p, "/usr") ? p + 4 : p;
	const char *slash;

	if (prefixed(q, "/bin") || prefixed(q, "/sbin"))
		return true;
	if (strncmp(q, "/lib", 4) != 0)
		return false;
	slash = strchr(q + 1, '/');
	return slash && slash[1];
}

static const char *db_name(enum inv_db db)
{
	return db == INV_DB_DPKG ? "dpkg" : db == INV_DB_RPM ? "rpm" : "apk";
}

static const char *algo_name(uint8_t a)
{
	static const char *const n[] = {"none", "md5", "sha1", "sha256", "sha512"};

	return a < IA_ARRAY_SIZE(n) ? n[a] : "?";
}

static const EVP_MD *algo_md(uint8_t a)
{
	switch (a) {
	case INV_DIGEST_MD5:
		return EVP_md5();
	case INV_DIGEST_SHA1:
		return EVP_sha1();
	case INV_DIGEST_SHA256:
		return EVP_sha256();
	case INV_DIGEST_SHA512:
		return EVP_sha512();
	default:
		return NULL;
	}
}

/* ---- hashing, on one or more threads ---- */

/* What one hashing thread holds. */
struct ig_worker {
	struct ig_run *run;
	uint64_t bytes;
	char *buf;                  /* IG_CHUNK */
	struct chk_mal_worker *mal; /* NULL: the content scan is not fed from here */
	char *whole;                /* a file the content scan wants, read whole */
	size_t whole_cap;
	struct tgt_dircache dir; /* the directory of the last file opened */
};

/* Reads up to n bytes of e from fd (a directory target) or through tgt_pread at off. */
static ssize_t ig_read(struct ig_run *run, int fd, const struct tgt_entry *e, char *buf, size_t n,
		       uint64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = run->by_fd ? read(fd, buf + got, n - got)
				       : tgt_pread(run->t, e, buf + got, n - got, off + got);

		if (r < 0 && run->by_fd)
			r = -errno;
		if (r == -EINTR)
			continue;
		if (r < 0)
			return r;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* When the content scan selects e, reads it whole into w->whole and hands those bytes to the
 * scan: returns the bytes read (hashed by the caller), 0 when the scan does not want e here,
 * or -errno. */
static ssize_t ig_feed_scan(struct ig_worker *w, int fd, const struct tgt_entry *e)
{
	size_t pos;
	ssize_t n;

	if (!w->mal || !e->size || !chk_mal_claim(w->run->mal, e, &pos))
		return 0;
	if (w->whole_cap < e->size) {
		char *p = realloc(w->whole, (size_t)e->size);

		if (!p) {
			chk_mal_fail(w->run->mal, pos, -ENOMEM);
			return -ENOMEM;
		}
		w->whole = p;
		w->whole_cap = (size_t)e->size;
	}
	n = ig_read(w->run, fd, e, w->whole, (size_t)e->size, 0);
	if (n < 0)
		chk_mal_fail(w->run->mal, pos, (int)n);
	else
		chk_mal_scan_buf(w->mal, pos, w->whole, (size_t)n);
	return n;
}

/* The digest of the bytes the content scan reads of a big file (chk_mal_scan_blocks). */
struct ig_feed {
	EVP_MD_CTX *c;
	bool failed;
};

static void ig_digest(void *arg, const void *buf, size_t n)
{
	struct ig_feed *f = arg;

	if (!f->failed && !EVP_DigestUpdate(f->c, buf, n))
		f->failed = true;
}

/* When the content scan wants e and it is too big to be read whole, lets the scan read it in
 * blocks (through the target) and digests the bytes it reads: returns how many (the caller
 * reads on from there), 0 when the scan does not want e, or -EIO. */
static int64_t ig_feed_blocks(struct ig_worker *w, const struct tgt_entry *e, EVP_MD_CTX *c)
{
	struct ig_feed f = {c, false};
	uint64_t done;
	size_t pos;

	if (!w->mal || e->size <= IA_SCAN_BLOCK || !chk_mal_claim_blocks(w->run->mal, e, &pos))
		return 0;
	done = chk_mal_scan_blocks(w->mal, pos, ig_digest, &f);
	return f.failed ? -EIO : (int64_t)done;
}

/* The start of hashing e: what the content scan reads of it (a big file in its blocks, a
 * small one whole) goes into c; *off is where the caller reads on, *fd the file opened on a
 * directory target (-1: not opened), *all true when the scan read it to its end. Returns 0 or
 * -errno. */
static int ig_start(struct ig_worker *w, const struct tgt_entry *e, EVP_MD_CTX *c, int *fd,
		    uint64_t *off, bool *all)
{
	int64_t fed = ig_feed_blocks(w, e, c);
	ssize_t whole;

	if (fed < 0)
		return (int)fed;
	*off = (uint64_t)fed;
	*all = fed > 0 && *off >= e->size;
	if (*all)
		return 0;
	if (w->run->by_fd && (*fd = tgt_open_entry_in(w->run->t, e, &w->dir)) < 0)
		return *fd;
	if (fed > 0)
		return *fd >= 0 && lseek(*fd, (off_t)*off, SEEK_SET) != (off_t)*off ? -errno : 0;
	whole = ig_feed_scan(w, *fd, e);
	if (whole < 0)
		return (int)whole;
	*off = (uint64_t)whole;
	return whole > 0 && !EVP_DigestUpdate(c, w->whole, (size_t)whole) ? -EIO : 0;
}

/* Reads e once (at most IA_MAX_DIGEST_FILE bytes) through c; hex gets the digest. A file the
 * content scan selects is read whole (or, when bigger than IA_SCAN_BLOCK, in the scan's
 * blocks) and scanned from the same bytes. */
static int hash_entry(struct ig_worker *w, const struct tgt_entry *e, const EVP_MD *md,
		      EVP_MD_CTX *c, char *hex)
{
	struct ig_run *run = w->run;
	unsigned char raw[EVP_MAX_MD_SIZE];
	unsigned rawn = 0;
	uint64_t off = 0;
	int fd = -1, r;
	bool all = false;

	if (e->size > IA_MAX_DIGEST_FILE)
		return -IA_ETOOBIG;
	if (!EVP_DigestInit_ex(c, md, NULL))
		return -EIO;
	r = ig_start(w, e, c, &fd, &off, &all);
	while (r == 0 && !all) {
		ssize_t n = ig_read(run, fd, e, w->buf, IG_CHUNK, off);

		if (n <= 0) {
			r = n < 0 ? (int)n : 0;
			break;
		}
		off += (uint64_t)n;
		if (off > IA_MAX_DIGEST_FILE) {
			r = -IA_ETOOBIG;
			break;
		}
		if (!EVP_DigestUpdate(c, w->buf, (size_t)n)) {
			r = -EIO;
			break;
		}
		if ((size_t)n < IG_CHUNK)
			break; /* short read: the end of the file */
	}
	if (fd >= 0)
		close(fd);
	w->bytes += off;
	if (r == 0 && !EVP_DigestFinal_ex(c, raw, &rawn))
		r = -EIO;
	if (r == 0)
		ia_hex_encode(raw, rawn, hex);
	return r;
}

static void *ig_work(void *arg)
{
	struct ig_worker *w = arg;
	struct ig_run *run = w->run;
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	w->buf = ia_xmalloc(IG_CHUNK);
	w->mal = run->mal ? chk_mal_worker_new(run->mal) : NULL;
	tgt_dircache_init(&w->dir);
	for (size_t i; (i = atomic_fetch_add(&run->next, 1)) < run->n;) {
		struct ig_job *j = &run->jobs[i];
		const EVP_MD *md = algo_md(j->file->algo);

		if (!c || !md) {
			j->rc = -EIO;
			continue;
		}
		j->rc = hash_entry(w, j->ent, md, c, j->got);
		if (j->rc == 0 && strcmp(j->got, j->file->digest) != 0)
			j->rc = 1;
	}
	EVP_MD_CTX_free(c);
	tgt_dircache_done(&w->dir);
	chk_mal_worker_free(w->mal);
	free(w->whole);
	free(w->buf);
	return NULL;
}

/* Hashes every job on up to IA_MAX_DIGEST_THREADS threads (one per online CPU). */
static void ig_hash_all(struct ig_run *run)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cpus < 1 ? 1 : (size_t)cpus, started = 0;
	pthread_t th[IA_MAX_DIGEST_THREADS];
	struct ig_worker w[IA_MAX_DIGEST_THREADS];

	if (nt > IA_MAX_DIGEST_THREADS)
		nt = IA_MAX_DIGEST_THREADS;
	if (nt > run->n / 16 + 1)
		nt = run->n / 16 + 1;
	atomic_store(&run->next, 0);
	for (size_t i = 0; i < nt; i++)
		w[i] = (struct ig_worker){.run = run};
	for (size_t i = 1; i < nt; i++) {
		if (pthread_create(&th[i], NULL, ig_work, &w[i]) != 0)
			break;
		started = i;
	}
	ig_work(&w[0]);
	for (size_t i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	for (size_t i = 0; i < nt; i++)
		run->bytes += w[i].bytes;
}

/* ---- what is compared ---- */

/* dpkg-divert's moves: a package's file at `from` lives at `to` unless the diverter is it. */
struct ig_divert {
	struct ia_buf raw;
	struct ia_hmap from; /* from -> index in to/pkg */
	const char **to, **pkg;
	size_t n, cap;
};

static void diversions_load(struct chk_ctx *ctx, struct ig_divert *d)
{
	const char *l[3];
	size_t ln[3];
	struct ia_lines c;
	int k = 0;

	ia_buf_init(&d->raw, IG_MAX_DIVERSIONS);
	if (fam_read(ctx, IG_DIVERSIONS, IG_MAX_DIVERSIONS, &d->raw) < 0 || !d->raw.len)
		return;
	ia_lines_init(&c, d->raw.data, d->raw.len);
	while (ia_lines_next(&c, &l[k], &ln[k]) > 0) {
		if (++k < 3)
			continue;
		k = 0;
		if (!ln[0] || l[0][0] != '/' || !ln[1] || l[1][0] != '/')
			continue;
		for (int i = 0; i < 3; i++) /* our copy: terminate in place */
			((char *)l[i])[ln[i]] = '\0';
		ia_grow(&d->to, sizeof(*d->to), d->n + 1, &d->cap);
		d->pkg = ia_xreallocarray(d->pkg, d->cap, sizeof(*d->pkg));
		d->to[d->n] = l[1];
		d->pkg[d->n] = l[2];
		ia_hmap_put(&d->from, l[0], (uint32_t)d->n);
		d->n++;
	}
}

static void diversions_release(struct ig_divert *d)
{
	ia_hmap_release(&d->from);
	free(d->to);
	free(d->pkg);
	ia_buf_release(&d->raw);
}

/* Where the content of f is: its path, or where a diversion by another package moved it. */
static const char *content_path(const struct inv_facts *facts, const struct ig_divert *d,
				const struct inv_file *f)
{
	uint32_t i;
	const struct inv_pkg *p = &facts->pkgs[f->pkg];

	if (p->db != INV_DB_DPKG || !d->n || !ia_hmap_get(&d->from, f->path, strlen(f->path), &i))
		return f->path;
	return strcmp(d->pkg[i], p->name) == 0 ? f->path : d->to[i];
}

static enum ig_part part_of(const struct inv_file *f, const struct tgt_entry *e)
{
	if (f->flags & INV_FILE_CONFIG)
		return IG_CONFIG;
	return system_path(f->path) || system_path(e->path) ? IG_SYSTEM : IG_OTHER;
}

static const char *type_name(uint32_t mode)
{
	return S_ISLNK(mode)    ? "a symlink"
	       : S_ISDIR(mode)  ? "a directory"
	       : S_ISFIFO(mode) ? "a FIFO"
	       : S_ISCHR(mode)  ? "a character device"
	       : S_ISBLK(mode)  ? "a block device"
	       : S_ISSOCK(mode) ? "a socket"
				: "not a regular file";
}

/* The reinstall command of p's package manager. */
static const char *reinstall_fix(char fix[FAM_MAX_FIX], const struct inv_pkg *p)
{
	return fam_fix(fix,
		       p->db == INV_DB_DPKG ? "apt-get install --reinstall %s (or rebuild the "
					      "image without the change)"
		       : p->db == INV_DB_RPM
			       ? "dnf reinstall %s (or rebuild the image without "
				 "the change)"
			       : "apk fix %s (or rebuild the image without the change)",
		       p->name);
}

/* A recorded regular file replaced by another kind of entry: reported, never opened. */
static void report_replaced(struct chk_ctx *ctx, const struct inv_file *f, const char *at,
			    const struct tgt_entry *e)
{
	const struct inv_pkg *p = &ctx->facts->pkgs[f->pkg];
	char v[IA_MAX_EVIDENCE + 1], fix[FAM_MAX_FIX];

	snprintf(v, sizeof(v), "%s%s%.400s", type_name(e->mode), e->link ? " to " : "",
		 e->link ? e->link : "");
	chk_report(ctx, at, 0, v, reinstall_fix(fix, p),
		   "%s of package %s (%s) was replaced by %s: %s recorded a regular file", at,
		   p->name, db_name(p->db), type_name(e->mode), db_name(p->db));
}

/* The jobs of one part; entries of other kinds reported at once. */
static size_t collect_jobs(struct chk_ctx *ctx, enum ig_part want, const struct ig_divert *d,
			   struct ig_run *run, size_t *absent)
{
	const struct inv_facts *facts = ctx->facts;
	struct ia_hmap seen = {0};
	struct ia_pool keys = {0};
	size_t recorded = 0;

	for (size_t i = 0; i < facts->n_files; i++) {
		const struct inv_file *f = &facts->files[i];
		const struct inv_pkg *p = &facts->pkgs[f->pkg];
		const char *at = content_path(facts, d, f);
		const struct tgt_entry *e;
		char *key;
		uint32_t dummy;

		if (!f->digest || !algo_md(f->algo) ||
		    (!inv_pkg_on_disk(p) && !(f->flags & INV_FILE_CONFIG)))
			continue;
		if (tgt_lookup(ctx->tgt, at, TGT_NOFOLLOW, &e) < 0) {
			*absent += part_of(f, &(struct tgt_entry){.path = at}) == want;
			continue;
		}
		if (part_of(f, e) != want)
			continue;
		recorded++;
		/* one comparison per file and digest (a path two packages list, merged-/usr twins)
		 */
		key = ia_pool_alloc(&keys, strlen(e->path) + strlen(f->digest) + 2);
		memcpy(key, f->digest, strlen(f->digest));
		key[strlen(f->digest)] = ' ';
		memcpy(key + strlen(f->digest) + 1, e->path, strlen(e->path) + 1);
		if (ia_hmap_get(&seen, key, strlen(key), &dummy))
			continue;
		ia_hmap_put(&seen, key, 0);
		if (S_ISLNK(e->mode) && p->db == INV_DB_APK)
			continue;
		if (!S_ISREG(e->mode)) {
			report_replaced(ctx, f, e->path, e);
			continue;
		}
		ia_grow(&run->jobs, sizeof(*run->jobs), run->n + 1, &run->cap);
		run->jobs[run->n++] = (struct ig_job){.file = f, .ent = e};
	}
	ia_hmap_release(&seen);
	ia_pool_release(&keys);
	return recorded;
}

static void report_job(struct chk_ctx *ctx, enum ig_part part, const struct ig_job *j)
{
	const struct inv_pkg *p = &ctx->facts->pkgs[j->file->pkg];
	const char *at = j->ent->path;
	char v[IA_MAX_EVIDENCE + 1], fix[FAM_MAX_FIX];

	if (j->rc == -IA_ETOOBIG) {
		chk_gap(ctx, at, 0, "not compared with its recorded digest: larger than %llu bytes",
			(unsigned long long)IA_MAX_DIGEST_FILE);
		return;
	}
	if (j->rc < 0) {
		chk_gap(ctx, at, 0, "not compared with its recorded digest: %s",
			ia_strerror(j->rc));
		return;
	}
	if (j->rc == 0)
		return;
	snprintf(v, sizeof(v), "%s recorded %s, found %s", algo_name(j->file->algo),
		 j->file->digest, j->got);
	if (part == IG_CONFIG)
		chk_report(ctx, at, 0, v, NULL,
			   "configuration file %s of package %s was changed since it was installed",
			   at, p->name);
	else
		chk_report(ctx, at, 0, v, reinstall_fix(fix, p),
			   "%s of package %s was modified: its content differs from the digest %s "
			   "recorded",
			   at, p->name, db_name(p->db));
}

/* true when the facts hold a package database (with file digests when digests); else a gap
 * saying that what cannot be verified. */
static bool have_baseline(struct chk_ctx *ctx, const char *what, bool digests_needed)
{
	const struct inv_facts *f = ctx->facts;
	size_t digests = 0;

	if (!f->n_dbs) {
		chk_gap(ctx, NULL, 0,
			"no package database in this image (dpkg, rpm or apk): %s cannot be "
			"verified",
			what);
		return false;
	}
	if (!digests_needed)
		return true;
	for (size_t i = 0; i < f->n_files && !digests; i++)
		digests += f->files[i].digest != NULL;
	if (!digests) {
		chk_gap(ctx, f->dbs[0], 0,
			"the package database records no file digests: %s cannot be verified",
			what);
		return false;
	}
	return true;
}

static void run_part(struct chk_ctx *ctx, enum ig_part part)
{
	static const char *const what[] = {"files in system program and library directories",
					   "package files outside them", "configuration files"};
	struct ig_run run = {.t = ctx->tgt};
	struct ig_divert d = {0};
	size_t absent = 0, changed = 0, recorded;

	if (!have_baseline(ctx, "the content of package files", true))
		return;
	run.by_fd = tgt_get_kind(ctx->tgt) == TGT_DIR || tgt_get_kind(ctx->tgt) == TGT_HOST;
	run.mal = chk_mal_get(ctx);
	diversions_load(ctx, &d);
	recorded = collect_jobs(ctx, part, &d, &run, &absent);
	ig_hash_all(&run);
	for (size_t i = 0; i < run.n; i++) {
		report_job(ctx, part, &run.jobs[i]);
		changed += run.jobs[i].rc == 1;
	}
	chk_note(ctx,
		 "%zu %s compared with the digests their packages recorded (%zu read, %.1f MB); "
		 "%zu listed but absent from the image",
		 recorded, what[part], run.n, (double)run.bytes / 1e6, absent);
	free(run.jobs);
	diversions_release(&d);
}

static void run_system(struct chk_ctx *ctx)
{
	run_part(ctx, IG_SYSTEM);
}

static void run_other(struct chk_ctx *ctx)
{
	run_part(ctx, IG_OTHER);
}

static void run_config(struct chk_ctx *ctx)
{
	run_part(ctx, IG_CONFIG);
}

/* ---- unknown origin ---- */

/* Directories whose programs and libraries must come from a package. */
static bool origin_path(const char *p)
{
	return system_path(p) || prefixed(p, "/usr/local/bin") || prefixed(p, "/usr/local/sbin");
}

/* The globs of data/integrity/generated.txt (files distributions make at install time). */
struct ig_allow {
	struct ia_buf raw;
	const char **glob;
	size_t n, cap;
};

static int allow_load(struct chk_ctx *ctx, struct ig_allow *a)
{
	struct ia_err err = {0};
	struct ia_lines c;
	const char *l;
	size_t n;

	ia_buf_init(&a->raw, IG_MAX_ALLOW);
	if (ia_data_read("integrity/generated.txt", IG_MAX_ALLOW, &a->raw, &err) < 0) {
		chk_gap(ctx, NULL, 0, "the allow-list of generated files could not be read: %s",
			err.msg);
		return -1;
	}
	ia_lines_init(&c, a->raw.data, a->raw.len);
	while (ia_lines_next(&c, &l, &n) > 0) {
		const char *hash = memchr(l, '#', n);

		if (hash)
			n = (size_t)(hash - l);
		ia_trim(&l, &n);
		if (!n)
			continue;
		((char *)l)[n] = '\0'; /* our copy */
		ia_grow(&a->glob, sizeof(*a->glob), a->n + 1, &a->cap);
		a->glob[a->n++] = l;
	}
	return 0;
}

static bool allowed(const struct ig_allow *a, const char *path)
{
	for (size_t i = 0; i < a->n; i++)
		if (fnmatch(a->glob[i], path, 0) == 0)
			return true;
	return false;
}

/* What e is: "ELF executable", "ELF shared library", "script", or NULL (none of them). */
static const char *program_kind(struct chk_ctx *ctx, const struct tgt_entry *e)
{
	unsigned char h[20];
	ssize_t n = tgt_pread(ctx->tgt, e, h, sizeof(h), 0);
	unsigned type;

	if (n >= 20 && memcmp(h, "\177ELF", 4) == 0) {
		type = h[5] == 2 ? (unsigned)h[16] << 8 | h[17] : (unsigned)h[17] << 8 | h[16];
		if (type == 2)
			return "ELF executable";
		if (type == 3)
			return (e->mode & 0111) && !strstr(fam_basename(e->path), ".so")
				       ? "ELF executable"
				       : "ELF shared library";
		return NULL; /* relocatable objects (kernel modules), core files */
	}
	if (n >= 2 && h[0] == '#' && h[1] == '!' && (e->mode & 0111))
		return "script";
	return NULL;
}

static void run_unknown(struct chk_ctx *ctx)
{
	const struct inv_facts *f = ctx->facts;
	struct ig_allow a = {0};
	size_t looked = 0, found = 0;

	if (!have_baseline(ctx, "the origin of programs", false))
		return;
	for (size_t i = 0; i < f->n_dbs; i++)
		if (!f->db_ok[i]) {
			chk_gap(ctx, f->dbs[i], 0,
				"package database not read whole: the owner of a file cannot be "
				"told, so programs of unknown origin were not looked for");
			return;
		}
	if (allow_load(ctx, &a) < 0)
		goto out;
	for (size_t i = 0; i < tgt_count(ctx->tgt); i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);
		const char *kind;
		char v[128], m[8], fix[FAM_MAX_FIX];

		if (!S_ISREG(e->mode) || !origin_path(e->path) || inv_owner(f, e->path))
			continue;
		looked++;
		if (allowed(&a, e->path) || !(kind = program_kind(ctx, e)))
			continue;
		found++;
		ia_mode_str(e->mode, m);
		snprintf(v, sizeof(v), "%s, %llu bytes, mode %s uid %u", kind,
			 (unsigned long long)e->size, m, e->uid);
		chk_report(ctx, e->path, 0, v,
			   fam_fix(fix,
				   "remove %s, or install it from a package of the distribution "
				   "(or record where it came from)",
				   e->path),
			   "%s is an %s owned by no package: program of unknown origin", e->path,
			   kind);
	}
	chk_note(ctx,
		 "%zu files in system program and library directories owned by no package, %zu of "
		 "them programs or libraries (data/integrity/generated.txt lists what "
		 "distributions generate)",
		 looked, found);
out:
	free(a.glob);
	ia_buf_release(&a.raw);
}

#define IG_EXAMINES_DIGESTS                                                                        \
	"the digests dpkg (md5sums, conffiles), rpm (file digests) and apk (Q1/Q2 checksums) "     \
	"recorded, against the content of each file in the image (read once, on every CPU; the "   \
	"files the malware scan selects are scanned from the same read)"

static const struct chk_def integrity_checks[] = {
	{
		.id = "INT-001",
		.title = "system program or library replaced: content differs from its package's "
			 "digest",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-1.1b", "JD-4.1e"),
		.examines = IG_EXAMINES_DIGESTS ": files under /bin, /sbin, /usr/bin, /usr/sbin, "
						"/lib*, /usr/lib* that are not configuration files",
		.remediation = "reinstall the package (apt-get install --reinstall, dnf reinstall, "
			       "apk fix) and find out how the file was replaced",
		.run = run_system,
	},
	{
		.id = "INT-002",
		.title = "package file modified: content differs from its package's digest",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-1.1b", "JD-4.1e"),
		.examines = IG_EXAMINES_DIGESTS ": package files elsewhere (not configuration "
						"files)",
		.remediation = "reinstall the package, or rebuild the image without the change",
		.run = run_other,
	},
	{
		.id = "INT-003",
		.title = "package configuration file changed since it was installed",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-1.1b"),
		.examines = IG_EXAMINES_DIGESTS ": dpkg conffiles and rpm %config files",
		.remediation =
			"review the change; keep it when it is the image's own configuration",
		.run = run_config,
	},
	{
		.id = "INT-004",
		.title = "program or shared library in a system directory owned by no package",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JD-4.1e", "JD-2.1d"),
		.examines =
			"regular files under /bin, /sbin, /usr/bin, /usr/sbin, /lib*, /usr/lib*, "
			"/usr/local/bin and /usr/local/sbin that no package lists: ELF executables "
			"and shared libraries, and executable scripts; "
			"data/integrity/generated.txt lists the files distributions generate",
		.remediation = "install programs from the distribution's packages, or remove them; "
			       "record the origin of anything installed by hand",
		.run = run_unknown,
	},
};
const struct chk_family chk_family_integrity = {
	.name = "integrity",
	.checks = integrity_checks,
	.n_checks = IA_ARRAY_SIZE(integrity_checks),
};
