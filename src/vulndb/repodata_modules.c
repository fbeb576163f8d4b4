/* repodata_modules.c — a modular rpm repository's modules.yaml: module streams, their default
 * streams and the packages each stream ships, read with libyaml's event parser, bounded */
/* SPDX-License-Identifier: Apache-2.0 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/lines.h"
#include "util/xalloc.h"
#include "vulndb/packages.h"
#include "vulndb/repodata.h"
#include "util/banned.h"

/* Bytes of a module name or stream kept (real ones are under 64). */
#define MOD_MAX_NAME 256

/* Where the parser is in a document: a stack of mappings and sequences with the key being read
 * in each mapping. */
struct level {
	bool map;
	bool want_key;
	char key[32];
};

struct mst {
	struct vdb_rpm_repo *r;
	const char *name;
	struct level st[IA_MAX_XML_DEPTH];
	unsigned depth;
	char doc[32]; /* "modulemd", "modulemd-defaults" */
	char mname[MOD_MAX_NAME], stream[MOD_MAX_NAME];
	size_t art_from; /* this document's first artifact */
};

static void doc_reset(struct mst *m)
{
	m->doc[0] = m->mname[0] = m->stream[0] = '\0';
	m->art_from = m->r->n_artifacts;
}

/* The key of the mapping at stack level i (1-based depth), "" when it is no mapping. */
static const char *key_at(const struct mst *m, unsigned i)
{
	return i >= 1 && i <= m->depth && m->st[i - 1].map ? m->st[i - 1].key : "";
}

static void set_text(char *dst, size_t cap, const char *v, size_t n)
{
	if (n < cap && ia_is_text(v, n))
		snprintf(dst, cap, "%.*s", (int)n, v);
}

static int on_value(struct mst *m, const char *v, size_t n, struct ia_err *err)
{
	/* depth 1: the document's mapping; 2: data's; a sequence under data.artifacts.rpms */
	if (m->depth == 1 && strcmp(key_at(m, 1), "document") == 0)
		set_text(m->doc, sizeof(m->doc), v, n);
	else if (m->depth == 2 && strcmp(key_at(m, 1), "data") == 0) {
		const char *k = key_at(m, 2);

		if (strcmp(k, "name") == 0 || strcmp(k, "module") == 0)
			set_text(m->mname, sizeof(m->mname), v, n);
		else if (strcmp(k, "stream") == 0)
			set_text(m->stream, sizeof(m->stream), v, n);
	} else if (m->depth == 4 && !m->st[3].map && strcmp(key_at(m, 1), "data") == 0 &&
		   strcmp(key_at(m, 2), "artifacts") == 0 && strcmp(key_at(m, 3), "rpms") == 0) {
		struct vdb_rpm_artifact *a;

		if (!n || n > 2 * IA_MAX_NAME || !ia_is_text(v, n))
			return 0;
		if (m->r->n_artifacts >= IA_MAX_RPM_MODULE_ARTIFACTS)
			return ia_err_set(err, -IA_ETOOBIG, m->name, 0,
					  "more than %u module artifacts "
					  "(IA_MAX_RPM_MODULE_ARTIFACTS)",
					  (unsigned)IA_MAX_RPM_MODULE_ARTIFACTS);
		ia_grow(&m->r->artifacts, sizeof(*m->r->artifacts), m->r->n_artifacts + 1,
			&m->r->cap_artifacts);
		a = &m->r->artifacts[m->r->n_artifacts++];
		a->nevra = ia_pool_strndup(&m->r->pool, v, n);
		a->module = m->r->n_modules; /* the stream this document adds at its end */
	}
	return 0;
}

/* At a document's end: its stream (with its artifacts) or default stream is kept. */
static int doc_end(struct mst *m, struct ia_err *err)
{
	bool def = strcmp(m->doc, "modulemd-defaults") == 0;
	struct vdb_rpm_module *mod;

	if ((!def && strcmp(m->doc, "modulemd") != 0) || !m->mname[0] || !m->stream[0]) {
		m->r->n_artifacts = m->art_from; /* not a stream: its artifacts mean nothing */
		return 0;
	}
	if (m->r->n_modules >= IA_MAX_RPM_MODULES)
		return ia_err_set(err, -IA_ETOOBIG, m->name, 0,
				  "more than %u module streams (IA_MAX_RPM_MODULES)",
				  (unsigned)IA_MAX_RPM_MODULES);
	if (def)
		m->r->n_artifacts = m->art_from;
	ia_grow(&m->r->modules, sizeof(*m->r->modules), m->r->n_modules + 1, &m->r->cap_modules);
	mod = &m->r->modules[m->r->n_modules++];
	mod->name = ia_pool_strdup(&m->r->pool, m->mname);
	mod->stream = ia_pool_strdup(&m->r->pool, m->stream);
	mod->is_default = def;
	return 0;
}

static int on_event(struct mst *m, const yaml_event_t *ev, struct ia_err *err)
{
	struct level *top = m->depth ? &m->st[m->depth - 1] : NULL;
	int r = 0;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		doc_reset(m);
		m->depth = 0;
		break;
	case YAML_DOCUMENT_END_EVENT:
		return doc_end(m, err);
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (m->depth >= IA_MAX_XML_DEPTH)
			return IA_CORRUPT(err, m->name, (unsigned)ev->start_mark.line + 1,
					  "nested deeper than %u (IA_MAX_XML_DEPTH)",
					  (unsigned)IA_MAX_XML_DEPTH);
		if (top && top->map)
			top->want_key = true;
		m->st[m->depth++] = (struct level){.map = ev->type == YAML_MAPPING_START_EVENT,
						   .want_key = true};
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		if (m->depth)
			m->depth--;
		if (m->depth && m->st[m->depth - 1].map)
			m->st[m->depth - 1].want_key = true;
		break;
	case YAML_SCALAR_EVENT:
		if (top && top->map && top->want_key) {
			set_text(top->key, sizeof(top->key), (const char *)ev->data.scalar.value,
				 ev->data.scalar.length);
			if (ev->data.scalar.length >= sizeof(top->key))
				top->key[0] = '\0';
			top->want_key = false;
			break;
		}
		r = on_value(m, (const char *)ev->data.scalar.value, ev->data.scalar.length, err);
		if (top && top->map)
			top->want_key = true;
		break;
	case YAML_ALIAS_EVENT: /* not followed: a value that is no stream name */
		if (top && top->map)
			top->want_key = !top->want_key;
		break;
	default:
		break;
	}
	return r;
}

int vdb_rpm_modules_parse(struct vdb_rpm_repo *r, const char *name, const void *data, size_t len,
			  struct ia_err *err)
{
	struct ia_buf text = IA_BUF_INIT(IA_MAX_APT_INDEX);
	struct mst *m;
	yaml_parser_t p;
	int rc = vdb_apt_decompress(name, data, len, 0, &text, NULL, err);
	bool done = false;

	if (rc < 0) {
		ia_buf_release(&text);
		return rc;
	}
	if (!yaml_parser_initialize(&p)) {
		ia_buf_release(&text);
		return ia_err_set(err, -ENOMEM, name, 0, "cannot make a YAML parser");
	}
	m = ia_xcalloc(1, sizeof(*m));
	m->r = r;
	m->name = name;
	doc_reset(m);
	yaml_parser_set_input_string(&p, (const unsigned char *)(text.data ? text.data : ""),
				     text.len);
	while (!done && rc == 0) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&p, &ev)) {
			rc = IA_CORRUPT(err, name, (unsigned)p.problem_mark.line + 1,
					"not YAML: %s", p.problem ? p.problem : "parse error");
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(m, &ev, err);
		yaml_event_delete(&ev);
	}
	if (rc < 0)
		r->n_artifacts = m->art_from < r->n_artifacts ? m->art_from : r->n_artifacts;
	free(m);
	yaml_parser_delete(&p);
	ia_buf_release(&text);
	return rc;
}

bool vdb_rpm_nevra(const struct vdb_rpm_nevra *p, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s-%" PRId64 ":%s-%s.%s", p->name, p->epoch, p->version,
			 p->release, p->arch);

	return n > 0 && (size_t)n < cap;
}
