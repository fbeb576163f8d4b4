/* import_secdb.c — the Alpine secdb (JSON, and the older YAML through libyaml's event parser) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <yaml.h>

#include "vulndb/db_internal.h"

#include "util/banned.h"

/* One "fixed version: [ids]" of a package: each id an advisory ("CVE-2016-9932 XSA-200": the
 * first word the ID, the rest its aliases) fixed at that version. */
static int secfix(struct vdb_imp *im, const char *rel, const char *pkg, const char *ver,
		  json_t *ids, struct ia_err *err)
{
	json_t *id;
	size_t i;
	int r;

	if (strcmp(ver, "0") == 0)
		return 0; /* the release was never affected */
	if (json_is_null(ids) || (json_is_string(ids) && !json_string_length(ids)))
		return 0;
	if (!json_is_array(ids))
		return VDB_BAD(im, err, "package %.100s secfixes %.60s: not a list of IDs", pkg,
			       ver);
	json_array_foreach(ids, i, id)
	{
		const char *s = json_string_value(id), *sp;
		char name[IA_MAX_VULN_ID + 1];
		int64_t adv;
		size_t l;

		if (!s)
			return VDB_BAD(im, err,
				       "package %.100s secfixes %.60s: an ID is not a "
				       "string",
				       pkg, ver);
		while (*s == ' ')
			s++;
		l = strcspn(s, " ");
		if (!l || l > IA_MAX_VULN_ID) {
			vdb_imp_skip(im, "package %.100s: empty or over-long ID", pkg);
			continue;
		}
		memcpy(name, s, l);
		name[l] = 0;
		sp = s + l;
		while (*sp == ' ')
			sp++;
		if ((r = vdb_imp_advisory(im, name, sp, "", "", "", &adv, err)) < 0 ||
		    (r = vdb_imp_affected(im, adv, "alpine", rel, pkg, "fixed", NULL, ver, NULL,
					  err)) < 0)
			return r;
	}
	return 0;
}

int vdb_import_secdb(struct vdb_imp *im, json_t *root, struct ia_err *err)
{
	bool bad = false;
	const char *dv = vdb_json_str(root, "distroversion", &bad);
	json_t *pkgs = json_object_get(root, "packages"), *e;
	char rel[64];
	size_t i;
	int r;

	if (bad || !dv)
		return VDB_BAD(im, err,
			       "secdb without a distroversion string (Wolfi and Chainguard "
			       "secdb files are not read)");
	snprintf(rel, sizeof(rel), "%s", dv[0] == 'v' ? dv + 1 : dv);
	json_array_foreach(pkgs, i, e)
	{
		json_t *pkg = json_object_get(e, "pkg"), *fixes, *ids;
		const char *name, *ver;

		name = vdb_json_str(pkg, "name", &bad);
		fixes = json_object_get(pkg, "secfixes");
		if (!json_is_object(pkg) || bad || !name)
			return VDB_BAD(im, err, "packages[%zu]: no pkg object with a name string",
				       i);
		if (fixes && !json_is_object(fixes) && !json_is_null(fixes))
			return VDB_BAD(im, err, "package %.100s: secfixes is not a mapping", name);
		json_object_foreach(fixes, ver, ids)
		{
			if ((r = secfix(im, rel, name, ver, ids, err)) < 0)
				return r;
		}
	}
	return 0;
}

/* ---- YAML to JSON (the secdb subset) ---- */

struct yframe {
	json_t *node;
	char *key; /* a mapping's pending key */
};

struct ybuild {
	struct yframe st[IA_MAX_JSON_DEPTH + 1];
	int depth;
	json_t *root;
	size_t values;
};

/* Places v (a new reference) in the open container, or as the root. */
static int yplace(struct vdb_imp *im, struct ybuild *b, json_t *v, bool scalar, const char *text,
		  struct ia_err *err)
{
	struct yframe *f = b->depth ? &b->st[b->depth - 1] : NULL;

	if (++b->values > IA_MAX_VULN_JSON_VALUES) {
		json_decref(v);
		return ia_err_set(err, -IA_ETOOBIG, im->path, 0,
				  "YAML of more than %u values (IA_MAX_VULN_JSON_VALUES)",
				  IA_MAX_VULN_JSON_VALUES);
	}
	if (!f) {
		json_decref(b->root);
		b->root = v;
		return 0;
	}
	if (json_is_array(f->node))
		return json_array_append_new(f->node, v) == 0 ? 0 : -ENOMEM;
	if (!f->key) {
		json_decref(v);
		if (!scalar)
			return VDB_BAD(im, err, "YAML mapping key that is not a scalar");
		f->key = ia_xstrdup(text);
		return 0;
	}
	json_object_set_new(f->node, f->key, v);
	free(f->key);
	f->key = NULL;
	return 0;
}

static int yevent(struct vdb_imp *im, struct ybuild *b, yaml_event_t *ev, struct ia_err *err)
{
	json_t *c;
	int r;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return VDB_BAD(im, err, "YAML alias at line %zu: not part of the secdb format",
			       ev->start_mark.line + 1);
	case YAML_SCALAR_EVENT: {
		const char *t = (const char *)ev->data.scalar.value;

		return yplace(im, b, json_stringn(t, ev->data.scalar.length), true, t, err);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth >= IA_MAX_JSON_DEPTH)
			return VDB_BAD(im, err, "YAML nested deeper than %d levels",
				       IA_MAX_JSON_DEPTH);
		c = ev->type == YAML_SEQUENCE_START_EVENT ? json_array() : json_object();
		r = yplace(im, b, json_incref(c), false, NULL, err);
		if (r < 0) {
			json_decref(c);
			return r;
		}
		b->st[b->depth].node = c;
		b->st[b->depth].key = NULL;
		b->depth++;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth) {
			b->depth--;
			json_decref(b->st[b->depth].node);
			free(b->st[b->depth].key);
		}
		return 0;
	default:
		return 0;
	}
}

int vdb_yaml_to_json(struct vdb_imp *im, const char *data, size_t n, json_t **ret,
		     struct ia_err *err)
{
	yaml_parser_t p;
	struct ybuild b = {0};
	int r = 0;
	bool done = false;

	*ret = NULL;
	if (!yaml_parser_initialize(&p))
		return -ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)data, n);
	while (!r && !done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&p, &ev)) {
			r = VDB_BAD(im, err, "bad YAML at line %zu: %s", p.problem_mark.line + 1,
				    p.problem ? p.problem : "?");
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_DOCUMENT_END_EVENT;
		r = yevent(im, &b, &ev, err);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	while (b.depth) {
		b.depth--;
		json_decref(b.st[b.depth].node);
		free(b.st[b.depth].key);
	}
	if (!r && !b.root)
		r = VDB_BAD(im, err, "empty YAML document");
	if (r) {
		json_decref(b.root);
		return r;
	}
	*ret = b.root;
	return 0;
}
