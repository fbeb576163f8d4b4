/* fetch.c — downloads of the feeds for `db update` (libcurl): HTTPS only, resumable, bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include "vulndb/fetch.h"
#include "vulndb/release.h"
#include "util/datafile.h"

#include "util/banned.h"

struct sink {
	int fd;
	uint64_t have, max; /* bytes in the file, its bound */
	bool over;
	int werr; /* errno of a failed write */
};

static size_t on_data(char *p, size_t sz, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = sz * n, done = 0;

	if (s->have + len > s->max) {
		s->over = true;
		return 0;
	}
	while (done < len) {
		ssize_t w = write(s->fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->werr = w < 0 ? errno : EIO;
			return 0;
		}
		done += (size_t)w;
	}
	s->have += len;
	return len;
}

static void setup(CURL *c, const char *url, const struct vdb_fetch_opts *o, struct sink *s,
		  char *errbuf)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)IA_MAX_FETCH_REDIRECTS);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o && o->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)IA_FETCH_CONNECT_SECONDS);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)IA_FETCH_STALL_SECONDS);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "imgaudit-db-update");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (s->have)
		curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)s->have);
}

/* One request into part, continued from its size when resume. 1: start again from nothing
 * (the server ignored or refused the range); 0 done; negative with err. */
static int attempt(const char *url, const char *part, bool resume, const struct vdb_fetch_opts *o,
		   struct vdb_fetch_result *res, struct ia_err *err)
{
	struct sink s = {.max = o && o->max_bytes ? o->max_bytes : IA_MAX_VULN_DOWNLOAD};
	char errbuf[CURL_ERROR_SIZE] = "";
	struct stat st;
	CURL *c;
	CURLcode rc;
	int r = 0;

	s.fd = open(part, O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? O_APPEND : O_TRUNC), 0644);
	if (s.fd < 0)
		return ia_err_set(err, -errno, part, 0, "cannot write: %s", strerror(errno));
	if (resume && fstat(s.fd, &st) == 0)
		s.have = (uint64_t)st.st_size;
	res->resumed_from = s.have;
	c = curl_easy_init();
	if (!c) {
		close(s.fd);
		return ia_err_set(err, -ENOMEM, url, 0, "cannot start libcurl");
	}
	setup(c, url, o, &s, errbuf);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->http_code);
	curl_easy_cleanup(c);
	if (close(s.fd) != 0 && !rc && !s.werr)
		s.werr = errno;
	if (res->resumed_from &&
	    (rc == CURLE_RANGE_ERROR || res->http_code == 416 || (!rc && res->http_code == 200)))
		return 1; /* a 200 answer with a body after our bytes: the file is not whole */
	if (s.over || rc == CURLE_FILESIZE_EXCEEDED)
		r = ia_err_set(err, -IA_ETOOBIG, url, 0,
			       "larger than %llu bytes (IA_MAX_VULN_DOWNLOAD): not downloaded",
			       (unsigned long long)s.max);
	else if (s.werr)
		r = ia_err_set(err, -s.werr, part, 0, "cannot write: %s", strerror(s.werr));
	else if (rc != CURLE_OK)
		r = ia_err_set(err, -EIO, url, 0, "download failed: %s (%s)",
			       errbuf[0] ? errbuf : curl_easy_strerror(rc), curl_easy_strerror(rc));
	else if (res->http_code != 200 && res->http_code != 206)
		r = ia_err_set(err, -EIO, url, 0, "download failed: HTTP status %ld",
			       res->http_code);
	res->bytes = s.have;
	return r;
}

/*
 * Whether part may be continued: PART.url names the URL it was downloaded from, and it is
 * url (a source whose URL changed starts again). Records url there for the next run either
 * way.
 */
static bool resumable(const char *part, const char *url)
{
	char meta[4200], old[2100] = "";
	FILE *f;
	size_t n = 0;

	if (snprintf(meta, sizeof(meta), "%s.url", part) >= (int)sizeof(meta))
		return false;
	if ((f = fopen(meta, "re"))) {
		n = fread(old, 1, sizeof(old) - 1, f);
		old[n] = 0;
		fclose(f);
	}
	if (strcmp(old, url) == 0)
		return true;
	if ((f = fopen(meta, "we"))) {
		fputs(url, f);
		fclose(f);
	}
	return false;
}

int vdb_fetch(const char *url, const char *dest, const struct vdb_fetch_opts *o,
	      struct vdb_fetch_result *res, struct ia_err *err)
{
	static bool curl_ready;
	char part[4096], meta[4200];
	struct stat st;
	int r;

	memset(res, 0, sizeof(*res));
	if (strncmp(url, "https://", 8) != 0)
		return ia_err_set(err, -EINVAL, url, 0,
				  "not an https:// URL (db update downloads over HTTPS only)");
	if (snprintf(part, sizeof(part), "%s.part", dest) >= (int)sizeof(part))
		return ia_err_set(err, -ENAMETOOLONG, dest, 0, "path too long");
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return ia_err_set(err, -ENOMEM, url, 0, "cannot start libcurl");
		curl_ready = true;
	}
	r = attempt(url, part,
		    resumable(part, url) && stat(part, &st) == 0 && S_ISREG(st.st_mode) &&
			    st.st_size > 0,
		    o, res, err);
	if (r == 1) {
		res->restarted = true;
		r = attempt(url, part, false, o, res, err);
		res->resumed_from = 0;
		res->restarted = true;
	}
	if (r == 1)
		r = ia_err_set(err, -EIO, url, 0, "download failed: the server answered no file");
	if (r < 0)
		return r;
	if (rename(part, dest) != 0)
		return ia_err_set(err, -errno, dest, 0, "cannot rename the download: %s",
				  strerror(errno));
	if (snprintf(meta, sizeof(meta), "%s.url", part) < (int)sizeof(meta))
		(void)unlink(meta);
	return 0;
}

int vdb_sha256_file(const char *path, char hex[65], uint64_t *size, struct ia_err *err)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = 0;

	*size = 0;
	if (fd < 0)
		return ia_err_set(err, -errno, path, 0, "cannot read: %s", strerror(errno));
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		r = ia_err_set(err, -ENOMEM, path, 0, "cannot start SHA-256");
	while (!r && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = ia_err_set(err, -errno, path, 0, "cannot read: %s", strerror(errno));
			break;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	if (!r && !EVP_DigestFinal_ex(ctx, md, &mdlen))
		r = ia_err_set(err, -EIO, path, 0, "cannot finish SHA-256");
	for (unsigned int i = 0; !r && i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	EVP_MD_CTX_free(ctx);
	close(fd);
	return r;
}

int vdb_release_sha256(const char *release, const char *relpath, char hex[65], uint64_t *size,
		       struct ia_err *err)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_APT_RELEASE_FILE);
	int r = ia_host_file_read(release, release, IA_MAX_APT_RELEASE_FILE, &b, err);

	if (!r && vdb_release_sha256_mem(b.data ? b.data : "", b.len, relpath, hex, size) < 0)
		r = ia_err_set(err, -ENOENT, release, 0, "lists no SHA256 for %s", relpath);
	ia_buf_release(&b);
	return r;
}
