/* datafile.h — reading whole files of the host: imgaudit's data files and the user's own */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_DATAFILE_H
#define IA_DATAFILE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * Reads what fd holds from its current offset to its end into out (appended; reset it first
 * for a whole file), at most max bytes of it: one byte more is -IA_ETOOBIG. Retries EINTR.
 * Returns 0, -IA_ETOOBIG or -errno. The one read loop of the library: target/ reads image
 * files with it, the loaders below the host's.
 */
int ia_fd_read_all(int fd, size_t max, struct ia_buf *out);

/*
 * Reads the regular file at path of the host (a profile the user names) whole into out
 * (reset first), at most max bytes (and never more than IA_MAX_DATA_FILE). name is how
 * errors call it. Returns 0, -ENOENT, -EINVAL (not a regular file), -IA_ETOOBIG or -errno,
 * err filled.
 */
int ia_host_file_read(const char *path, const char *name, size_t max, struct ia_buf *out,
		      struct ia_err *err);

/*
 * imgaudit's data files (profiles, clause catalogue, word lists, SUID sets; later rules and
 * databases), every one loaded here: from $IMGAUDIT_DATADIR, else the source tree's data/
 * when it exists, else the installed one. rel is relative to that directory
 * ("suid/debian.txt"); an absolute rel or one with a ".." component is refused (-EINVAL).
 * Reads it whole into out (reset first) as ia_host_file_read does; errors name rel.
 */
int ia_data_read(const char *rel, size_t max, struct ia_buf *out, struct ia_err *err);

#endif
