/* cmd_diff.c — `imgaudit diff OLD.json NEW.json`: what changed between two audits */
/* SPDX-License-Identifier: Apache-2.0 */
#include "cli/cli.h"

#include <errno.h>
#include <stdint.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "findings/findings.h"
#include "report/jsonw.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/datafile.h"
#include "util/escape.h"
#include "util/hmap.h"
#include "util/limits.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const struct cli_opt diff_opts[] = {
	{"format", 'f', "FORMAT", "table (default) or json"},
	{NULL, 0, NULL, NULL},
};

static const char diff_usage[] =
	"usage: imgaudit diff [options] OLD.json NEW.json\n\n"
	"Compares two JSON reports of imgaudit scan (-f json) by finding fingerprint: the\n"
	"findings that are new, fixed (in OLD only) and still open, and the clauses whose verdict\n"
	"changed. Exit status: 1 when a new finding fails the gate of NEW (at or above its\n"
	"fail_at, in its profile, not waived), 0 otherwise, 2 when a report cannot be read.";

struct diff_args {
	bool json;
};

static int diff_opt(int id, const char *arg, void *ctx)
{
	struct diff_args *a = ctx;

	if (id != 'f')
		return -1;
	if (strcmp(arg, "json") == 0)
		a->json = true;
	else if (strcmp(arg, "table") == 0)
		a->json = false;
	else {
		cli_error("unknown format '%s' (table, json)", arg);
		return -1;
	}
	return 0;
}

/* A report read: its findings and clauses (borrowed from root). */
struct rep {
	json_t *root, *findings, *clauses;
	const char *fail_at;
};

/* Reads a JSON report of this schema version with fingerprints. -1 after a message. */
static int load(const char *path, struct rep *r)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_DATA_FILE + 1);
	struct ia_err err = {0};
	json_error_t je;
	json_t *v;

	memset(r, 0, sizeof(*r));
	if (ia_host_file_read(path, "report", IA_MAX_DATA_FILE, &b, &err) < 0) {
		cli_error_err("cannot read the report", &err);
		ia_buf_release(&b);
		return -1;
	}
	r->root = json_loadb(b.data ? b.data : "", b.len, JSON_REJECT_DUPLICATES, &je);
	ia_buf_release(&b);
	if (!r->root) {
		cli_error("%s:%d: not JSON: %s", path, je.line, je.text);
		return -1;
	}
	v = json_object_get(r->root, "schema_version");
	r->findings = json_object_get(r->root, "findings");
	r->clauses = json_object_get(r->root, "clauses");
	r->fail_at =
		json_string_value(json_object_get(json_object_get(r->root, "result"), "fail_at"));
	if (!json_is_integer(v) || json_integer_value(v) != RPT_SCHEMA_VERSION ||
	    !json_is_array(r->findings) || !json_is_array(r->clauses) || !r->fail_at) {
		cli_error("%s: not a JSON report of imgaudit scan with schema_version %d", path,
			  RPT_SCHEMA_VERSION);
		return -1;
	}
	for (size_t i = 0; i < json_array_size(r->findings); i++) {
		json_t *f = json_array_get(r->findings, i);

		if (!json_is_string(json_object_get(f, "fingerprint")) ||
		    !json_is_string(json_object_get(f, "check"))) {
			cli_error("%s: finding %zu has no fingerprint (a report of an older "
				  "imgaudit?)",
				  path, i);
			return -1;
		}
	}
	return 0;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* OLD's findings by fingerprint: the first with each in the map, the next ones chained. */
struct fpindex {
	struct ia_hmap first;
	uint32_t *next; /* UINT32_MAX: the last */
};

static void index_build(const struct rep *r, struct fpindex *x)
{
	size_t n = json_array_size(r->findings);

	memset(x, 0, sizeof(*x));
	x->next = ia_xcalloc(n + 1, sizeof(*x->next));
	for (size_t i = n; i-- > 0;) {
		const char *fp = str(json_array_get(r->findings, i), "fingerprint");
		uint32_t head;

		x->next[i] = ia_hmap_get(&x->first, fp, strlen(fp), &head) ? head : UINT32_MAX;
		ia_hmap_put(&x->first, fp, (uint32_t)i);
	}
}

/* Marks in used[] a finding of OLD with fingerprint fp not yet matched; false when none. */
static bool take(const struct fpindex *x, const char *fp, bool *used)
{
	uint32_t i;

	if (!ia_hmap_get(&x->first, fp, strlen(fp), &i))
		return false;
	for (; i != UINT32_MAX; i = x->next[i]) {
		if (!used[i]) {
			used[i] = true;
			return true;
		}
	}
	return false;
}

/* A new finding fails NEW's gate: at or above its fail_at, in its profile, not waived. */
static bool fails_gate(json_t *f, const char *fail_at)
{
	enum fnd_sev s, gate;

	if (fnd_sev_parse(str(f, "severity"), &s) < 0 || fnd_sev_parse(fail_at, &gate) < 0)
		return false;
	return s >= gate && s != FND_SEV_INFO && json_is_true(json_object_get(f, "in_profile")) &&
	       json_is_null(json_object_get(f, "waiver"));
}

static void print_term(const char *s)
{
	struct ia_buf b = IA_BUF_INIT(8 * IA_MAX_LINE);

	if (ia_escape_term(&b, s, strlen(s)) < 0)
		fputs("...", stdout);
	else if (b.len)
		fputs(b.data, stdout);
	ia_buf_release(&b);
}

static void print_finding(char mark, json_t *f)
{
	json_t *ev = json_object_get(f, "evidence");
	json_t *line = json_object_get(ev, "line");

	printf("%c %-8s %-9s ", mark, str(f, "severity"), str(f, "check"));
	print_term(str(f, "title"));
	if (*str(ev, "path")) {
		fputs("\n                      ", stdout);
		print_term(str(ev, "path"));
		if (json_is_integer(line))
			printf(":%lld", (long long)json_integer_value(line));
	}
	printf("  [%s]\n", str(f, "fingerprint"));
}

static void json_finding(struct jw *w, json_t *f)
{
	json_t *line = json_object_get(json_object_get(f, "evidence"), "line");

	jw_obj(w);
	jw_kstr(w, "fingerprint", str(f, "fingerprint"));
	jw_kstr(w, "check", str(f, "check"));
	jw_kstr(w, "severity", str(f, "severity"));
	jw_kstr(w, "title", str(f, "title"));
	jw_kstr(w, "path", str(json_object_get(f, "evidence"), "path"));
	jw_key(w, "line");
	if (json_is_integer(line))
		jw_int(w, json_integer_value(line));
	else
		jw_null(w);
	jw_end_obj(w);
}

/* The findings of one kind: 'n' new (NEW not matched), 'f' fixed (OLD not matched), 'o' still
 * open (NEW matched). */
static void list(const struct rep *r, const bool *used, bool want_used, char mark, struct jw *w,
		 const char *title)
{
	size_t n = 0;

	for (size_t i = 0; i < json_array_size(r->findings); i++)
		n += used[i] == want_used;
	if (w) {
		jw_key(w, title);
		jw_arr(w);
	} else {
		printf("%s: %zu\n", title, n);
	}
	for (size_t i = 0; i < json_array_size(r->findings); i++) {
		if (used[i] != want_used)
			continue;
		if (w)
			json_finding(w, json_array_get(r->findings, i));
		else
			print_finding(mark, json_array_get(r->findings, i));
	}
	if (w)
		jw_end_arr(w);
}

/* Clauses whose verdict changed (by ID; a clause in one report only is listed too). */
static void verdicts(const struct rep *o, const struct rep *n, struct jw *w)
{
	if (w) {
		jw_key(w, "verdicts_changed");
		jw_arr(w);
	}
	for (size_t i = 0; i < json_array_size(n->clauses); i++) {
		json_t *c = json_array_get(n->clauses, i);
		const char *was = "-";

		for (size_t j = 0; j < json_array_size(o->clauses); j++)
			if (strcmp(str(json_array_get(o->clauses, j), "id"), str(c, "id")) == 0)
				was = str(json_array_get(o->clauses, j), "verdict");
		if (strcmp(was, str(c, "verdict")) == 0)
			continue;
		if (w) {
			jw_obj(w);
			jw_kstr(w, "id", str(c, "id"));
			jw_kstr(w, "old", was);
			jw_kstr(w, "new", str(c, "verdict"));
			jw_end_obj(w);
		} else {
			printf("clause ");
			print_term(str(c, "id"));
			printf(": %s -> %s\n", was, str(c, "verdict"));
		}
	}
	if (w)
		jw_end_arr(w);
}

int cmd_diff(int argc, char **argv)
{
	struct diff_args a = {0};
	struct rep o = {0}, n = {0};
	bool *used_o = NULL, *used_n = NULL, gate = false;
	struct fpindex idx = {0};
	int first, ret = CLI_ERROR;

	first = cli_parse(argc, argv, diff_usage, diff_opts, diff_opt, &a);
	if (first < 0 || cli_operands(argc, argv, first, 2, 2, "OLD.json NEW.json") < 0 ||
	    load(argv[first], &o) < 0 || load(argv[first + 1], &n) < 0)
		goto done;
	if (json_array_size(o.findings) > IA_MAX_FINDINGS + 1 ||
	    json_array_size(n.findings) > IA_MAX_FINDINGS + 1) {
		cli_error("a report with more than %u findings was not written by imgaudit",
			  IA_MAX_FINDINGS);
		goto done;
	}
	used_o = ia_xcalloc(json_array_size(o.findings) + 1, sizeof(bool));
	used_n = ia_xcalloc(json_array_size(n.findings) + 1, sizeof(bool));
	index_build(&o, &idx);
	for (size_t i = 0; i < json_array_size(n.findings); i++)
		used_n[i] = take(&idx, str(json_array_get(n.findings, i), "fingerprint"), used_o);
	for (size_t i = 0; i < json_array_size(n.findings); i++)
		gate |= !used_n[i] && fails_gate(json_array_get(n.findings, i), n.fail_at);
	if (a.json) {
		struct jw w;

		jw_init(&w, stdout);
		jw_obj(&w);
		jw_kint(&w, "schema_version", RPT_SCHEMA_VERSION);
		jw_kbool(&w, "new_fails_gate", gate);
		list(&n, used_n, false, '+', &w, "new");
		list(&o, used_o, false, '-', &w, "fixed");
		list(&n, used_n, true, '=', &w, "still_open");
		verdicts(&o, &n, &w);
		jw_end_obj(&w);
		if (jw_finish(&w) < 0)
			goto done;
	} else {
		list(&n, used_n, false, '+', NULL, "new");
		list(&o, used_o, false, '-', NULL, "fixed");
		list(&n, used_n, true, '=', NULL, "still open");
		verdicts(&o, &n, NULL);
		printf("%s\n", gate ? "FAIL: a new finding fails the gate"
				    : "PASS: no new finding fails the gate");
	}
	ret = fflush(stdout) == 0 ? (gate ? CLI_FAIL : CLI_PASS) : CLI_ERROR;
done:
	free(used_o);
	free(used_n);
	ia_hmap_release(&idx.first);
	free(idx.next);
	json_decref(o.root);
	json_decref(n.root);
	return ret;
}
