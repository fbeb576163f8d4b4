/* err.c — error record helpers */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/banned.h"

int ia_err_raise(struct ia_err *err, struct ia_src src, int code, const char *path, unsigned line,
		 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->src = src;
	err->line = line;
	if (snprintf(err->path, sizeof(err->path), "%s", path ? path : "") >=
	    (int)sizeof(err->path))
		memcpy(err->path + sizeof(err->path) - 4, "...", 4); /* says it was cut */
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void ia_err_prefix(struct ia_err *err, const char *fmt, ...)
{
	char ctx[256], msg[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s", err->msg[0] ? err->msg : ia_strerror(err->code));
	/* a message longer than err->msg keeps what fits (the return is read so that gcc's
	 * -Wformat-truncation, an error in the test build, knows that is meant) */
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", ctx, msg) >= (int)sizeof(err->msg))
		err->msg[sizeof(err->msg) - 1] = '\0';
}

const char *ia_strerror(int code)
{
	switch (code) {
	case 0:
		return "success";
	case -IA_ECORRUPT:
		return "corrupt data";
	case -IA_ETOOBIG:
		return "limit exceeded";
	case -IA_EUNSUPPORTED:
		return "unsupported format";
	case -IA_EESCAPE:
		return "path leaves the image root";
	default:
		return code < 0 ? strerror(-code) : "unknown error";
	}
}

const char *ia_err_format(const struct ia_err *err, char *buf, size_t n)
{
	if (err->path[0] && err->line)
		snprintf(buf, n, "%s:%u: %s", err->path, err->line, err->msg);
	else if (err->path[0])
		snprintf(buf, n, "%s: %s", err->path, err->msg);
	else
		snprintf(buf, n, "%s", err->msg[0] ? err->msg : ia_strerror(err->code));
	return buf;
}

const char *ia_src_file(struct ia_src src)
{
	const char *f = src.file, *p;

	if (!f)
		return "";
	/* the last "src/" that starts a path component: the build may run anywhere */
	for (p = f; (p = strstr(p, "src/")) != NULL; p++)
		if (p == src.file || p[-1] == '/')
			f = p;
	return f;
}
