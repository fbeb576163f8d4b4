/* release.c — apt Release and InRelease files: header fields, SHA256 lists, the signature (gpgv) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/datafile.h"
#include "vulndb/release.h"

#include "util/banned.h"

extern char **environ;

/* The next line of [*p, end): its start and length (without "\n" and "\r"); false at the end. */
static bool next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	*p = nl ? nl + 1 : end;
	if (*len && (*line)[*len - 1] == '\r')
		(*len)--;
	return true;
}

static void field(const char *line, size_t len, const char *name, char *out, size_t n)
{
	size_t k = strlen(name);

	if (len > k && memcmp(line, name, k) == 0 && len - k < n) {
		memcpy(out, line + k, len - k);
		out[len - k] = 0;
	}
}

void vdb_release_header(const char *text, size_t len, struct vdb_release_hdr *h)
{
	const char *p = text, *end = text + len, *line;
	size_t n;
	unsigned lines = 0;

	memset(h, 0, sizeof(*h));
	while (next_line(&p, end, &line, &n) && ++lines <= IA_MAX_FETCH_RELEASE_LINES) {
		char date[IA_MAX_APT_RELEASE_LINE + 1] = "";

		if (n >= 7 && (memcmp(line, "SHA256:", 7) == 0 || memcmp(line, "MD5Sum:", 7) == 0 ||
			       memcmp(line, "SHA1:", 5) == 0 || memcmp(line, "SHA512:", 7) == 0))
			break; /* the header is over; the hash lists follow */
		if (n > IA_MAX_APT_RELEASE_LINE)
			continue;
		field(line, n, "Codename: ", h->codename, sizeof(h->codename));
		field(line, n, "Suite: ", h->suite, sizeof(h->suite));
		field(line, n, "Date: ", date, sizeof(date));
		if (date[0]) {
			struct tm tm = {0};

			if (strptime(date, "%a, %d %b %Y %H:%M:%S", &tm))
				h->date = (int64_t)timegm(&tm);
		}
	}
}

/* Whether the 64 bytes at s (all inside the line) are hex digits; the text is not NUL-terminated,
 * so no str* function may look at it. */
static bool hex64(const char *s)
{
	for (int k = 0; k < 64; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f') ||
		      (s[k] >= 'A' && s[k] <= 'F')))
			return false;
	return true;
}

int vdb_release_sha256_each(const char *text, size_t len,
			    int (*fn)(void *arg, const char *hex, uint64_t size, const char *path,
				      size_t plen),
			    void *arg)
{
	const char *p = text, *end = text + len, *line;
	size_t n;
	unsigned lines = 0;
	bool in = false;

	while (next_line(&p, end, &line, &n) && ++lines <= IA_MAX_FETCH_RELEASE_LINES) {
		char hex[65];
		uint64_t size = 0;
		size_t i = 0, digits = 0;
		int r;

		if (n == 0 || line[0] != ' ') {
			in = n >= 7 && memcmp(line, "SHA256:", 7) == 0;
			continue;
		}
		if (!in || n > IA_MAX_APT_RELEASE_LINE)
			continue;
		/* " HASH SIZE PATH" */
		while (i < n && line[i] == ' ')
			i++;
		if (n - i < 66 || !hex64(line + i) || line[i + 64] != ' ')
			continue;
		for (int k = 0; k < 64; k++) {
			char c = line[i + k];

			hex[k] = (char)(c >= 'A' && c <= 'F' ? c + 32 : c);
		}
		hex[64] = 0;
		i += 64;
		while (i < n && line[i] == ' ')
			i++;
		while (i < n && line[i] >= '0' && line[i] <= '9' && digits < 19) {
			size = size * 10 + (uint64_t)(line[i++] - '0');
			digits++;
		}
		if (!digits || i >= n || line[i] != ' ')
			continue;
		while (i < n && line[i] == ' ')
			i++;
		if (i >= n)
			continue;
		if ((r = fn(arg, hex, size, line + i, n - i)) != 0)
			return r;
	}
	return 0;
}

struct find_one {
	const char *relpath;
	char *hex;
	uint64_t *size;
};

static int find_one(void *arg, const char *hex, uint64_t size, const char *path, size_t plen)
{
	struct find_one *f = arg;

	if (plen != strlen(f->relpath) || memcmp(path, f->relpath, plen) != 0)
		return 0;
	memcpy(f->hex, hex, 65);
	*f->size = size;
	return 1;
}

int vdb_release_sha256_mem(const char *text, size_t len, const char *relpath, char hex[65],
			   uint64_t *size)
{
	struct find_one f = {relpath, hex, size};

	return vdb_release_sha256_each(text, len, find_one, &f) == 1 ? 0 : -ENOENT;
}

void vdb_sha256_mem(const void *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		memset(md, 0, 32);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

struct find_index {
	char raw[65], txt[65];
	uint64_t raw_n, txt_n;
	bool has_txt;
	bool any; /* the list names a Packages index */
	char *out;
	size_t out_n;
};

/* Whether path (plen bytes) names a Packages index: ".../Packages" (plain: *plain true) or
 * with a compression suffix. */
static bool packages_path(const char *path, size_t plen, bool *plain)
{
	static const char *const ext[] = {"", ".gz", ".xz", ".bz2", ".lz4", ".zst", ".lzma"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(ext); i++) {
		size_t k = 8 + strlen(ext[i]);

		if (plen >= k && memcmp(path + plen - k, "Packages", 8) == 0 &&
		    memcmp(path + plen - k + 8, ext[i], k - 8) == 0 &&
		    (plen == k || path[plen - k - 1] == '/')) {
			*plain = i == 0;
			return true;
		}
	}
	return false;
}

static int find_index(void *arg, const char *hex, uint64_t size, const char *path, size_t plen)
{
	struct find_index *f = arg;
	bool plain = false;

	if (!packages_path(path, plen, &plain))
		return 0;
	f->any = true;
	if ((size == f->raw_n && strcmp(hex, f->raw) == 0) ||
	    (plain && f->has_txt && size == f->txt_n && strcmp(hex, f->txt) == 0)) {
		snprintf(f->out, f->out_n, "%.*s", (int)(plen < 500 ? plen : 500), path);
		return 1;
	}
	return 0;
}

int vdb_release_match_index(const char *text, size_t len, const void *data, size_t dlen,
			    const void *dtext, size_t tlen, char *path_out, size_t path_n)
{
	struct find_index f = {.raw_n = dlen, .txt_n = tlen, .out = path_out, .out_n = path_n};

	vdb_sha256_mem(data, dlen, f.raw);
	if (dtext) {
		vdb_sha256_mem(dtext, tlen, f.txt);
		f.has_txt = true;
	}
	path_out[0] = 0;
	if (vdb_release_sha256_each(text, len, find_index, &f) == 1)
		return 1;
	return f.any ? 0 : -1;
}

/* ---- the signature ---- */

static bool signed_text(const char *d, size_t n)
{
	static const char head[] = "-----BEGIN PGP SIGNED MESSAGE-----";

	return n >= sizeof(head) - 1 && memcmp(d, head, sizeof(head) - 1) == 0;
}

static void add_key(char *keys, size_t n, const char *k, size_t kl)
{
	size_t l = strlen(keys);

	if (kl > 64 || memmem(keys, l, k, kl))
		return;
	if (l + kl + 2 < n)
		snprintf(keys + l, n - l, "%s%.*s", l ? " " : "", (int)kl, k);
}

/* The word after "[GNUPG:] KEYWORD " on a status line (its first argument). */
static bool status_arg(const char *line, size_t n, const char *kw, const char **a, size_t *al)
{
	size_t k = strlen(kw);

	if (n < 9 + k + 1 || memcmp(line, "[GNUPG:] ", 9) != 0 || memcmp(line + 9, kw, k) != 0 ||
	    (line[9 + k] != ' ' && 9 + k != n))
		return false;
	*a = line + 9 + k + 1;
	*al = 0;
	while (*a + *al < line + n && (*a)[*al] != ' ')
		(*al)++;
	return true;
}

/* gpgv's status lines to a verdict: a BADSIG anywhere is bad; else a VALIDSIG is good (apt's
 * rule: one good signature by a trusted key suffices); else the keys it could not check. */
static void read_status(const char *s, size_t n, int exit_code, struct vdb_sig *sig)
{
	const char *p = s, *end = s + n, *line, *a;
	size_t ln, al;
	bool bad = false, good = false, nodata = false, expired = false;
	char goodk[200] = "", unknown[200] = "", badk[200] = "";

	while (next_line(&p, end, &line, &ln)) {
		if (status_arg(line, ln, "BADSIG", &a, &al)) {
			bad = true;
			add_key(badk, sizeof(badk), a, al);
		} else if (status_arg(line, ln, "VALIDSIG", &a, &al)) {
			good = true;
			add_key(goodk, sizeof(goodk), a, al);
		} else if (status_arg(line, ln, "NO_PUBKEY", &a, &al)) {
			add_key(unknown, sizeof(unknown), a, al);
		} else if (status_arg(line, ln, "EXPKEYSIG", &a, &al) ||
			   status_arg(line, ln, "REVKEYSIG", &a, &al) ||
			   status_arg(line, ln, "EXPSIG", &a, &al)) {
			expired = true;
			add_key(unknown, sizeof(unknown), a, al);
		} else if (status_arg(line, ln, "NODATA", &a, &al) ||
			   status_arg(line, ln, "BADARMOR", &a, &al)) {
			nodata = true;
		}
	}
	if (bad) {
		sig->state = VDB_SIG_BAD;
		snprintf(sig->keys, sizeof(sig->keys), "%s", badk);
		snprintf(sig->why, sizeof(sig->why), "BAD signature by key %s", badk);
	} else if (good && exit_code == 0) {
		sig->state = VDB_SIG_GOOD;
		snprintf(sig->keys, sizeof(sig->keys), "%s", goodk);
	} else if (unknown[0]) {
		sig->state = VDB_SIG_UNKNOWN_KEY;
		snprintf(sig->keys, sizeof(sig->keys), "%s", unknown);
		snprintf(sig->why, sizeof(sig->why), "signed by %s not in the keyring",
			 expired ? "expired or revoked keys" : "keys");
	} else {
		sig->state = VDB_SIG_BAD;
		snprintf(sig->why, sizeof(sig->why), "%s (gpgv exit status %d)",
			 nodata ? "no valid OpenPGP signature" : "the signature does not verify",
			 exit_code);
	}
}

/* Runs gpgv on files (an InRelease; or a detached signature, then its Release) with every
 * keyring of g; its status output in st, the signed text written to out (NULL: none), its
 * messages to the file log (in the private directory: a sandbox that forbids writes elsewhere
 * forbids opening /dev/null for writing too). */
static int run_gpgv(const char *const *files, size_t n_files, const struct vdb_gpgv *g,
		    const char *home, const char *out, const char *log, struct ia_buf *st,
		    int *exit_code, struct ia_err *err)
{
	posix_spawn_file_actions_t fa;
	int pfd[2], r, status = 0;
	pid_t pid;
	char kr[IA_MAX_KEYRINGS][IA_MAX_PATH + 3];
	char *argv[12 + 2 * IA_MAX_KEYRINGS];
	size_t a = 0;

	argv[a++] = "gpgv";
	argv[a++] = "--homedir";
	argv[a++] = (char *)home;
	argv[a++] = "--status-fd";
	argv[a++] = "1";
	for (size_t i = 0; i < g->n_keyrings && i < IA_MAX_KEYRINGS; i++) {
		/* gpgv reads a keyring named without a slash from its home directory */
		snprintf(kr[i], sizeof(kr[i]), "%s%s", strchr(g->keyrings[i], '/') ? "" : "./",
			 g->keyrings[i]);
		argv[a++] = "--keyring";
		argv[a++] = kr[i];
	}
	if (out) {
		argv[a++] = "--output";
		argv[a++] = (char *)out;
	}
	argv[a++] = "--";
	for (size_t i = 0; i < n_files && i < 2; i++)
		argv[a++] = (char *)files[i];
	argv[a] = NULL;
	if (pipe2(pfd, O_CLOEXEC) != 0)
		return ia_err_set(err, -errno, files[0], 0, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
					 0600);
	r = posix_spawnp(&pid, "gpgv", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (r != 0) {
		close(pfd[0]);
		return r == ENOENT ? -ENOENT
				   : ia_err_set(err, -r, files[0], 0, "cannot run gpgv: %s",
						strerror(r));
	}
	for (;;) {
		char buf[4096];
		ssize_t n = read(pfd[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (st->len < IA_MAX_GPGV_STATUS)
			(void)ia_buf_add(st, buf, (size_t)n);
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return -ENOENT; /* posix_spawnp's child could not exec it */
	return 0;
}

/* Writes len bytes to path, a new file of the private directory. */
static int write_new(const char *path, const void *data, size_t len, struct ia_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	const char *p = data;

	if (fd < 0)
		return ia_err_set(err, -errno, path, 0, "cannot write a temporary file: %s",
				  strerror(errno));
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;

			close(fd);
			return ia_err_set(err, -e, path, 0, "cannot write a temporary file: %s",
					  strerror(e));
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0)
		return ia_err_set(err, -errno, path, 0, "cannot write a temporary file: %s",
				  strerror(errno));
	return 0;
}

/* The files of one verification in a private directory made under g->tmpdir. */
struct gpgv_dir {
	char dir[IA_MAX_PATH], in[IA_MAX_PATH + 16], sig[IA_MAX_PATH + 16], out[IA_MAX_PATH + 16],
		log[IA_MAX_PATH + 16];
};

static int gpgv_dir_make(struct gpgv_dir *d, const struct vdb_gpgv *g, const char *name,
			 struct ia_err *err)
{
	const char *tmp = g->tmpdir ? g->tmpdir : getenv("TMPDIR");

	if (snprintf(d->dir, sizeof(d->dir), "%s/imgaudit-gpgv.XXXXXX",
		     tmp && *tmp ? tmp : "/tmp") >= (int)sizeof(d->dir) ||
	    !mkdtemp(d->dir))
		return ia_err_set(err, errno ? -errno : -ENAMETOOLONG, name, 0,
				  "cannot make a temporary directory: %s",
				  strerror(errno ? errno : ENAMETOOLONG));
	snprintf(d->in, sizeof(d->in), "%s/Release", d->dir);
	snprintf(d->sig, sizeof(d->sig), "%s/Release.gpg", d->dir);
	snprintf(d->out, sizeof(d->out), "%s/signed", d->dir);
	snprintf(d->log, sizeof(d->log), "%s/log", d->dir);
	return 0;
}

static void gpgv_dir_remove(const struct gpgv_dir *d)
{
	(void)unlink(d->in);
	(void)unlink(d->sig);
	(void)unlink(d->out);
	(void)unlink(d->log);
	/* gpgv may leave nothing else; a file it made (none known) keeps the directory */
	(void)rmdir(d->dir);
}

/* Every keyring a readable regular file (gpgv would take a missing one as holding no key). */
static int keyrings_ok(const struct vdb_gpgv *g, struct ia_err *err)
{
	struct stat kst;

	if (g->n_keyrings > IA_MAX_KEYRINGS)
		return ia_err_set(err, -E2BIG, NULL, 0, "more than %u keyrings (IA_MAX_KEYRINGS)",
				  (unsigned)IA_MAX_KEYRINGS);
	for (size_t i = 0; i < g->n_keyrings; i++)
		if (strlen(g->keyrings[i]) >= IA_MAX_PATH || stat(g->keyrings[i], &kst) != 0 ||
		    !S_ISREG(kst.st_mode) || access(g->keyrings[i], R_OK) != 0)
			return ia_err_set(err, -ENOENT, g->keyrings[i], 0,
					  "the keyring is not a readable file");
	return 0;
}

int vdb_release_verify_mem(const char *name, const void *data, size_t len, const void *detached,
			   size_t dlen, const struct vdb_gpgv *g, struct ia_buf *text,
			   struct vdb_sig *sig, struct ia_err *err)
{
	struct ia_buf st = IA_BUF_INIT(IA_MAX_GPGV_STATUS + 4096);
	const char *files[2];
	struct gpgv_dir d;
	int r, code = 0;

	memset(sig, 0, sizeof(*sig));
	sig->detached = detached != NULL;
	ia_buf_reset(text);
	if (len > IA_MAX_APT_RELEASE_FILE || dlen > IA_MAX_APT_RELEASE_SIG)
		return ia_err_set(
			err, -IA_ETOOBIG, name, 0, "%s larger than %u bytes: not verified",
			len > IA_MAX_APT_RELEASE_FILE ? "the Release file" : "its signature",
			len > IA_MAX_APT_RELEASE_FILE ? (unsigned)IA_MAX_APT_RELEASE_FILE
						      : (unsigned)IA_MAX_APT_RELEASE_SIG);
	if (ia_buf_add(text, data, len) < 0)
		return ia_err_set(err, -ENOMEM, name, 0, "out of memory");
	if (!detached && !signed_text(data, len)) {
		sig->state = VDB_SIG_UNSIGNED;
		snprintf(sig->why, sizeof(sig->why), "a Release file without a signature");
		return 0;
	}
	sig->state = VDB_SIG_UNCHECKED;
	if (!g || !g->n_keyrings) {
		snprintf(sig->why, sizeof(sig->why),
			 "no keyring given to check the %s signature (--keyring FILE)",
			 detached ? "Release.gpg" : "InRelease");
		return 0;
	}
	if ((r = keyrings_ok(g, err)) < 0 || (r = gpgv_dir_make(&d, g, name, err)) < 0)
		return r;
	files[0] = detached ? d.sig : d.in;
	files[1] = d.in;
	r = write_new(d.in, data, len, err);
	if (!r && detached)
		r = write_new(d.sig, detached, dlen, err);
	if (!r && (r = run_gpgv(files, detached ? 2 : 1, g, d.dir, detached ? NULL : d.out, d.log,
				&st, &code, err)) == -ENOENT) {
		snprintf(sig->why, sizeof(sig->why),
			 "gpgv is not installed (Debian package gpgv): the signature was not "
			 "checked");
		r = 0;
	} else if (r == 0) {
		read_status(st.data ? st.data : "", st.len, code, sig);
		if (sig->state == VDB_SIG_GOOD && !detached) {
			/* from here on only the text the signature covers is read */
			ia_buf_reset(text);
			r = ia_host_file_read(d.out, name, IA_MAX_APT_RELEASE_FILE, text, err);
		}
	}
	gpgv_dir_remove(&d);
	ia_buf_release(&st);
	return r;
}

int vdb_release_verify(const char *path, const char *keyring, struct ia_buf *text,
		       struct vdb_sig *sig, struct ia_err *err)
{
	struct ia_buf raw = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	struct vdb_gpgv g = {.keyrings = &keyring, .n_keyrings = keyring ? 1 : 0};
	int r;

	memset(sig, 0, sizeof(*sig));
	ia_buf_reset(text);
	r = ia_host_file_read(path, path, IA_MAX_APT_RELEASE_FILE, &raw, err);
	if (r == 0)
		r = vdb_release_verify_mem(path, raw.data ? raw.data : "", raw.len, NULL, 0, &g,
					   text, sig, err);
	ia_buf_release(&raw);
	return r;
}

const char *vdb_sig_text(const struct vdb_sig *sig, char *buf, size_t n)
{
	const char *what = sig->detached ? "Release.gpg" : "InRelease";

	switch (sig->state) {
	case VDB_SIG_GOOD:
		snprintf(buf, n, "%s signature good (key %s)", what, sig->keys);
		break;
	case VDB_SIG_BAD:
		snprintf(buf, n, "%s signature BAD: %s", what, sig->why);
		break;
	case VDB_SIG_UNKNOWN_KEY:
		snprintf(buf, n, "not verified: %s %s (%s)", what, sig->why, sig->keys);
		break;
	case VDB_SIG_UNSIGNED:
		snprintf(buf, n, "not verified: %s", sig->why);
		break;
	case VDB_SIG_UNCHECKED:
		snprintf(buf, n, "not verified: %s", sig->why);
		break;
	}
	return buf;
}
