/* services.c — checks of the services family: network daemons as their configuration files
 * will start them (bind addresses, authentication, the account they run as, TLS of MQTT),
 * legacy daemons enabled at boot, the host firewall */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <stdarg.h>
#include <strings.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "checks/services_app.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings come from the service facts (facts/svc_net.c, facts/svc_db.c): each daemon's
 * main file and what it includes, read in its own order. Which value wins is each daemon's
 * rule: redis, memcached, MySQL and PostgreSQL take the last one. A daemon whose configuration
 * file is absent is not installed (or cannot start) and is not examined. Secrets (requirepass)
 * are never quoted: the evidence says whether one is set.
 */

/* Evidence text, cut to the buffer (vsnprintf: a long value from the image is cut, never an
 * overflow). */
static void evf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void evf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

/* What could not be read in c is a gap of every check that reads it: the first lists the
 * problems, the others say so in one line. */
static void conf_issues(struct chk_ctx *ctx, const struct inv_conf *c, const char *what)
{
	bool unread = false;

	if (!c->issues.len || chk_fact_issues(ctx, &c->issues))
		return;
	for (size_t i = 0; i < c->issues.len; i++)
		unread |= c->issues.v[i].code != 0;
	chk_gap(ctx, unread ? c->main : NULL, 0,
		"%s configuration read in part: %zu problem(s), listed under the first check "
		"that read it",
		what, c->issues.len);
}

/* An address only this host reaches: loopback, localhost, a Unix socket. redis writes "-::1"
 * for an address that may be missing. */
static bool local_addr(const char *a, size_t n)
{
	if (n && a[0] == '-') {
		a++;
		n--;
	}
	if (n && a[0] == '[') {
		a++;
		n--;
	}
	return (n >= 4 && memcmp(a, "127.", 4) == 0) || ia_starts_with(a, n, "localhost") ||
	       ia_starts_with(a, n, "::1") || ia_starts_with(a, n, "_local_") ||
	       ia_starts_with(a, n, "_lo") || (n && a[0] == '/');
}

/* The first address of a list (separated by blanks or commas) that is not local, or NULL. */
static const char *public_addr(const char *list, size_t *n)
{
	const char *p = list;

	while (*p) {
		size_t k;

		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		k = strcspn(p, " ,\t");
		if (k && !local_addr(p, k)) {
			*n = k;
			return p;
		}
		p += k;
	}
	return NULL;
}

/* ---- what each daemon listens on and whether it asks who connects ---- */

struct listen {
	const char *service;
	bool tcp;         /* listens on TCP at all */
	bool public_;     /* on an address other hosts reach */
	char addr[128];   /* the non-local address, or "every address" */
	const char *path; /* the directive (or the main file for a default) */
	unsigned line;    /* 0: a default */
	char value[IA_MAX_EVIDENCE];
};

static void listen_set(struct listen *l, const struct inv_conf *c, const struct inv_conf_dir *d,
		       const char *key, const char *dflt_all)
{
	size_t n;
	const char *a;

	l->tcp = true;
	if (!d) {
		l->public_ = dflt_all != NULL;
		snprintf(l->addr, sizeof(l->addr), "every address");
		l->path = c->main;
		l->line = 0;
		evf(l->value, sizeof(l->value), "%s not set (%s)", key,
		    dflt_all ? dflt_all : "local only");
		return;
	}
	l->path = d->path;
	l->line = d->line;
	evf(l->value, sizeof(l->value), "%s %s", key, d->value);
	a = public_addr(d->value, &n);
	l->public_ = a != NULL;
	if (a)
		snprintf(l->addr, sizeof(l->addr), "%.*s", (int)n, a);
}

static void redis_listen(const struct inv_conf *c, struct listen *l)
{
	const struct inv_conf_dir *port = inv_conf_last(c, "port", -1);

	memset(l, 0, sizeof(*l));
	l->service = "redis";
	listen_set(l, c, inv_conf_last(c, "bind", -1), "bind", "every address");
	if (port && strcmp(port->value, "0") == 0) {
		const struct inv_conf_dir *tls = inv_conf_last(c, "tls-port", -1);

		l->tcp = tls && strcmp(tls->value, "0") != 0;
		l->public_ &= l->tcp;
	}
}

/* "requirepass" or an ACL default user with a password; what says it, in why. */
static bool redis_has_auth(const struct inv_conf *c, char *why, size_t cap)
{
	const struct inv_conf_dir *rp = inv_conf_last(c, "requirepass", -1);

	if (rp && rp->value[0]) {
		snprintf(why, cap, "requirepass set (%s line %u)", rp->path, rp->line);
		return true;
	}
	if (inv_conf_last(c, "aclfile", -1)) {
		snprintf(why, cap, "users from an aclfile");
		return true;
	}
	for (size_t i = 0; i < c->n; i++)
		if (strcasecmp(c->v[i].key, "user") == 0 &&
		    strncmp(c->v[i].value, "default ", 8) == 0 &&
		    (strstr(c->v[i].value, " >") || strstr(c->v[i].value, " #") ||
		     strstr(c->v[i].value, " off"))) {
			snprintf(why, cap, "ACL user default with a password or off (%s line %u)",
				 c->v[i].path, c->v[i].line);
			return true;
		}
	snprintf(why, cap, "no requirepass and no ACL password for the default user");
	return false;
}

static bool redis_config_renamed(const struct inv_conf *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcasecmp(c->v[i].key, "rename-command") == 0 &&
		    strncasecmp(c->v[i].value, "config ", 7) == 0)
			return true;
	return false;
}

static void memcached_listen(const struct inv_conf *c, struct listen *l)
{
	const struct inv_conf_dir *d = inv_conf_last(c, "-l", -1);

	memset(l, 0, sizeof(*l));
	l->service = "memcached";
	if (!d)
		d = inv_conf_last(c, "--listen", -1);
	listen_set(l, c, d, "-l", "every address");
}

/* The server sections of a MySQL/MariaDB option file. */
static bool my_server_section(const struct inv_conf *c, int ctx)
{
	const char *s;

	if (ctx < 0)
		return false;
	s = c->ctx[ctx].args;
	return strcmp(s, "mysqld") == 0 || strcmp(s, "server") == 0 || strcmp(s, "mariadb") == 0 ||
	       strcmp(s, "mariadbd") == 0 || strncmp(s, "mysqld-", 7) == 0 ||
	       strncmp(s, "mariadb-", 8) == 0;
}

/* The last value of key in a server section, or NULL. */
static const struct inv_conf_dir *my_get(const struct inv_conf *c, const char *key)
{
	for (size_t i = c->n; i-- > 0;)
		if (my_server_section(c, c->v[i].ctx) && strcmp(c->v[i].key, key) == 0)
			return &c->v[i];
	return NULL;
}

static bool my_flag_on(const struct inv_conf_dir *d)
{
	return d && (!d->value[0] || ia_yes(d->value, strlen(d->value)) ||
		     strcasecmp(d->value, "on") == 0);
}

static void mysql_listen(const struct inv_conf *c, struct listen *l)
{
	memset(l, 0, sizeof(*l));
	l->service = "MySQL/MariaDB";
	listen_set(l, c, my_get(c, "bind-address"), "bind-address", "every address");
	if (my_flag_on(my_get(c, "skip-networking")))
		l->tcp = l->public_ = false;
}

static void mongo_listen(const struct inv_conf *c, struct listen *l)
{
	const struct inv_conf_dir *all = inv_conf_last(c, "net.bindIpAll", -1);

	memset(l, 0, sizeof(*l));
	l->service = "MongoDB";
	if (all && ia_yes(all->value, strlen(all->value))) {
		listen_set(l, c, all, "net.bindIpAll", NULL);
		l->public_ = true;
		snprintf(l->addr, sizeof(l->addr), "every address");
		return;
	}
	listen_set(l, c, inv_conf_last(c, "net.bindIp", -1), "net.bindIp", NULL);
}

static void elastic_listen(const struct inv_conf *c, struct listen *l)
{
	const struct inv_conf_dir *d = inv_conf_last(c, "network.host", -1);

	memset(l, 0, sizeof(*l));
	l->service = "Elasticsearch";
	if (inv_conf_last(c, "http.host", -1))
		d = inv_conf_last(c, "http.host", -1);
	listen_set(l, c, d, d ? d->key : "network.host", NULL);
}

/* listen_addresses of PostgreSQL cluster ctx (its last value; default localhost). */
static void pg_listen(const struct inv_conf *c, int cl, struct listen *l)
{
	const struct inv_conf_dir *d = inv_conf_last(c, "listen_addresses", cl);

	memset(l, 0, sizeof(*l));
	l->service = "PostgreSQL";
	listen_set(l, c, d, "listen_addresses", NULL);
	if (d && (strchr(d->value, '*') || !d->value[0])) {
		l->public_ = d->value[0] != '\0';
		l->tcp = d->value[0] != '\0';
		snprintf(l->addr, sizeof(l->addr), "every address");
	}
	if (!d)
		l->path = c->ctx[cl].path;
}

static const struct inv_svc *svc(struct chk_ctx *ctx)
{
	return &ctx->facts->svc;
}

/* Whether any daemon of the family is configured; says so (absent) when none is. */
static bool any_daemon(struct chk_ctx *ctx)
{
	const struct inv_svc *s = svc(ctx);

	if (s->redis.found || s->memcached.found || s->mysql.found || s->postgres.found ||
	    s->mongodb.found || s->elastic.found)
		return true;
	chk_absent(ctx, "no redis, memcached, MySQL/MariaDB, PostgreSQL, MongoDB or "
			"Elasticsearch configuration on this image");
	return false;
}

/* Every daemon's listening state, with gaps for what could not be read. */
static size_t all_listens(struct chk_ctx *ctx, struct listen *out, size_t cap)
{
	const struct inv_svc *s = svc(ctx);
	size_t n = 0;

	if (s->redis.found && n < cap) {
		conf_issues(ctx, &s->redis, "redis");
		redis_listen(&s->redis, &out[n++]);
	}
	if (s->memcached.found && n < cap) {
		conf_issues(ctx, &s->memcached, "memcached");
		memcached_listen(&s->memcached, &out[n++]);
	}
	if (s->mysql.found && n < cap) {
		conf_issues(ctx, &s->mysql, "MySQL/MariaDB");
		mysql_listen(&s->mysql, &out[n++]);
	}
	if (s->mongodb.found && n < cap) {
		conf_issues(ctx, &s->mongodb, "MongoDB");
		mongo_listen(&s->mongodb, &out[n++]);
	}
	if (s->elastic.found && n < cap) {
		conf_issues(ctx, &s->elastic, "Elasticsearch");
		elastic_listen(&s->elastic, &out[n++]);
	}
	if (s->postgres.found) {
		conf_issues(ctx, &s->postgres, "PostgreSQL");
		for (size_t i = 0; i < s->postgres.n_ctx && n < cap; i++)
			pg_listen(&s->postgres, (int)i, &out[n++]);
	}
	return n;
}

#define MAX_LISTENS 40

/* ---- SVC-001: listening on every address ---- */

static void run_bind(struct chk_ctx *ctx)
{
	struct listen l[MAX_LISTENS];
	size_t n;

	if (!any_daemon(ctx))
		return;
	n = all_listens(ctx, l, MAX_LISTENS);
	for (size_t i = 0; i < n; i++) {
		if (!l[i].public_) {
			chk_note(ctx, "%s: %s", l[i].service,
				 l[i].tcp ? "listens on local addresses only" : "no TCP listener");
			continue;
		}
		chk_report(ctx, l[i].path, l[i].line, l[i].value, NULL, "%s listens on %s: %s",
			   l[i].service,
			   strcmp(l[i].addr, "every address") == 0 ? "every address" : l[i].addr,
			   l[i].value);
	}
}

/* ---- SVC-002 and SVC-003: no authentication ---- */

/* Calls report(ctx, reachable, ...) for each daemon that lets clients in without credentials;
 * reachable tells whether other hosts can reach it. */
struct noauth {
	bool remote; /* SVC-002: reachable from other hosts; SVC-003: local only */
};

static void noauth_redis(struct chk_ctx *ctx, bool remote)
{
	const struct inv_conf *c = &svc(ctx)->redis;
	const struct inv_conf_dir *pm = inv_conf_last(c, "protected-mode", -1);
	bool prot = !pm || ia_yes(pm->value, strlen(pm->value));
	struct listen l;
	char why[256], ev[IA_MAX_EVIDENCE];
	const char *cfg;

	redis_listen(c, &l);
	if (!l.tcp && !inv_conf_last(c, "unixsocket", -1))
		return;
	if (redis_has_auth(c, why, sizeof(why)))
		return;
	/* protected mode refuses clients from other hosts while the default user has no
	 * password */
	if (remote != (l.public_ && !prot))
		return;
	cfg = redis_config_renamed(c) ? "" : "; CONFIG not renamed (rename-command)";
	evf(ev, sizeof(ev), "%s; %s; protected-mode %s%s", l.value, why,
	    pm ? pm->value : "yes (default)", cfg);
	chk_report(ctx, c->main, 0, ev, NULL,
		   remote ? "redis accepts commands from other hosts without a password: %s"
			  : "redis accepts commands from local clients without a password: %s",
		   ev);
}

static void noauth_mongo(struct chk_ctx *ctx, bool remote)
{
	const struct inv_conf *c = &svc(ctx)->mongodb;
	const struct inv_conf_dir *a = inv_conf_last(c, "security.authorization", -1);
	struct listen l;
	char ev[IA_MAX_EVIDENCE];

	if (!c->found || (a && strcasecmp(a->value, "enabled") == 0))
		return;
	mongo_listen(c, &l);
	if (remote != l.public_)
		return;
	evf(ev, sizeof(ev), "%s; security.authorization %s", l.value,
	    a ? a->value : "not set (disabled)");
	chk_report(ctx, a ? a->path : c->main, a ? a->line : 0, ev, NULL,
		   "MongoDB accepts %s clients without authentication: %s",
		   remote ? "remote" : "local", ev);
}

static void noauth_memcached(struct chk_ctx *ctx)
{
	const struct inv_conf *c = &svc(ctx)->memcached;
	struct listen l;
	char ev[IA_MAX_EVIDENCE];

	if (!c->found || inv_conf_last(c, "-S", -1) || inv_conf_last(c, "--enable-sasl", -1))
		return;
	memcached_listen(c, &l);
	if (!l.public_)
		return; /* memcached has no authentication but SASL; local use is its design */
	evf(ev, sizeof(ev), "%s; -S (SASL) not set", l.value);
	chk_report(ctx, l.path, l.line, ev, NULL,
		   "memcached serves other hosts without authentication: %s", ev);
}

static void noauth_elastic(struct chk_ctx *ctx)
{
	const struct inv_conf *c = &svc(ctx)->elastic;
	const struct inv_conf_dir *x = inv_conf_last(c, "xpack.security.enabled", -1);
	struct listen l;
	char ev[IA_MAX_EVIDENCE];

	if (!c->found || !x || !ia_no(x->value, strlen(x->value)))
		return;
	elastic_listen(c, &l);
	if (!l.public_)
		return;
	evf(ev, sizeof(ev), "%s; xpack.security.enabled %s", l.value, x->value);
	chk_report(ctx, x->path, x->line, ev, NULL,
		   "Elasticsearch serves other hosts without authentication: %s", ev);
}

static void noauth_mysql(struct chk_ctx *ctx)
{
	const struct inv_conf *c = &svc(ctx)->mysql;
	const struct inv_conf_dir *d = my_get(c, "skip-grant-tables");
	char ev[IA_MAX_EVIDENCE];

	if (!c->found || !my_flag_on(d))
		return;
	evf(ev, sizeof(ev), "skip-grant-tables%s%s", d->value[0] ? " = " : "", d->value);
	chk_report(ctx, d->path, d->line, ev, NULL,
		   "MySQL/MariaDB ignores its privilege tables: every client is an "
		   "administrator without a password (%s)",
		   ev);
}

/* pg_hba.conf lines with the method trust: host* lines from other addresses (remote), local
 * socket lines and loopback host lines (local). */
static void noauth_pg(struct chk_ctx *ctx, bool remote)
{
	const struct inv_conf *c = &svc(ctx)->pg_hba;

	for (size_t i = 0; i < c->n; i++) {
		const struct inv_conf_dir *d = &c->v[i];
		const char *p = d->value, *end = p + strlen(p), *w[4] = {0};
		size_t wn[4] = {0}, k = 0;
		bool is_local = strcmp(d->key, "local") == 0, trust = false, loop;
		char ev[IA_MAX_EVIDENCE];

		while (k < 4 && ia_next_word(&p, end, &w[k], &wn[k]))
			k++;
		/* local: DATABASE USER METHOD; host*: DATABASE USER ADDRESS METHOD */
		if (is_local)
			trust = k >= 3 && ia_eq(w[2], wn[2], "trust");
		else if (k >= 4)
			trust = ia_eq(w[3], wn[3], "trust");
		if (!trust)
			continue;
		loop = is_local || local_addr(w[2], wn[2]) || ia_starts_with(w[2], wn[2], "127.") ||
		       ia_eq(w[2], wn[2], "samehost");
		if (remote == loop)
			continue;
		evf(ev, sizeof(ev), "%s %s", d->key, d->value);
		chk_report(ctx, d->path, d->line, ev, NULL,
			   "PostgreSQL lets %s clients in without a password (trust): %s",
			   remote ? "remote" : "local", ev);
	}
}

static void run_noauth_remote(struct chk_ctx *ctx)
{
	struct listen l[MAX_LISTENS];

	if (!any_daemon(ctx))
		return;
	all_listens(ctx, l, MAX_LISTENS); /* the gaps of unreadable files */
	if (svc(ctx)->pg_hba.found)
		conf_issues(ctx, &svc(ctx)->pg_hba, "pg_hba.conf");
	if (svc(ctx)->redis.found)
		noauth_redis(ctx, true);
	noauth_mongo(ctx, true);
	noauth_memcached(ctx);
	noauth_elastic(ctx);
	noauth_mysql(ctx);
	noauth_pg(ctx, true);
}

static void run_noauth_local(struct chk_ctx *ctx)
{
	struct listen l[MAX_LISTENS];

	if (!any_daemon(ctx))
		return;
	all_listens(ctx, l, MAX_LISTENS);
	if (svc(ctx)->pg_hba.found)
		conf_issues(ctx, &svc(ctx)->pg_hba, "pg_hba.conf");
	if (svc(ctx)->redis.found)
		noauth_redis(ctx, false);
	noauth_mongo(ctx, false);
	noauth_pg(ctx, false);
}

/* ---- SVC-004: database servers as root ---- */

/* The User= that systemd gives unit (the unit file, then its drop-ins; the last wins), with
 * where it was set; false when the unit does not exist. */
static bool unit_user(struct chk_ctx *ctx, const char *unit, char *user, size_t cap, char *where,
		      size_t wcap, unsigned *line)
{
	static const char *const dirs[] = {"/etc/systemd/system", "/usr/lib/systemd/system",
					   "/lib/systemd/system"};
	char path[IA_MAX_PATH];
	bool found = false;

	user[0] = '\0';
	where[0] = '\0';
	*line = 0;
	/* the unit file: the first directory that has it */
	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs) && !found; d++) {
		struct fam_text t = {0};
		const char *l;
		size_t n;

		snprintf(path, sizeof(path), "%s/%s", dirs[d], unit);
		if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF)) {
			fam_text_close(&t);
			continue;
		}
		found = true;
		while (fam_next_line(ctx, &t, &l, &n))
			if (n > 5 && memcmp(l, "User=", 5) == 0) {
				snprintf(user, cap, "%.*s", (int)(n - 5), l + 5);
				snprintf(where, wcap, "%s", path);
				*line = t.c.lineno;
			}
		fam_text_close(&t);
	}
	if (!found)
		return false;
	/* drop-ins in /etc override (name order within a directory is enough here) */
	for (size_t d = IA_ARRAY_SIZE(dirs); d-- > 0;) {
		size_t b, e;
		char dir[IA_MAX_PATH];

		snprintf(dir, sizeof(dir), "%s/%s.d", dirs[d], unit);
		if (tgt_subtree(ctx->tgt, dir, &b, &e) < 0)
			continue;
		for (size_t i = b; i < e; i++) {
			const struct tgt_entry *ent = tgt_at(ctx->tgt, i);
			struct fam_text t = {0};
			const char *l, *nm = fam_basename(ent->path);
			size_t n, nl = strlen(nm);

			if (nl < 6 || strcmp(nm + nl - 5, ".conf") != 0 ||
			    !fam_text_open(ctx, &t, ent->path, FAM_MAX_CONF)) {
				fam_text_close(&t);
				continue;
			}
			while (fam_next_line(ctx, &t, &l, &n))
				if (n >= 5 && memcmp(l, "User=", 5) == 0) {
					snprintf(user, cap, "%.*s", (int)(n - 5), l + 5);
					snprintf(where, wcap, "%s", ent->path);
					*line = t.c.lineno;
				}
			fam_text_close(&t);
		}
	}
	return true;
}

static void run_root(struct chk_ctx *ctx)
{
	static const struct {
		const char *unit, *what;
	} units[] = {
		{"redis-server.service", "redis"},
		{"redis.service", "redis"},
		{"mariadb.service", "MariaDB"},
		{"mysql.service", "MySQL"},
		{"mysqld.service", "MySQL"},
		{"mongod.service", "MongoDB"},
		{"elasticsearch.service", "Elasticsearch"},
		{"memcached.service", "memcached"},
		{"mosquitto.service", "mosquitto"},
	};
	const struct inv_svc *s = svc(ctx);
	bool any = false;

	for (size_t i = 0; i < IA_ARRAY_SIZE(units); i++) {
		char user[64], where[IA_MAX_PATH], ev[IA_MAX_EVIDENCE];
		unsigned line;

		if (!unit_user(ctx, units[i].unit, user, sizeof(user), where, sizeof(where), &line))
			continue;
		any = true;
		if (user[0] && strcmp(user, "root") != 0 && strcmp(user, "0") != 0)
			continue;
		/* no User=: the unit's program picks its account (mysqld_safe, memcached -u,
		 * mosquitto's user); judged below from their configuration */
		if (!user[0])
			continue;
		evf(ev, sizeof(ev), "User=%s", user);
		chk_report(ctx, where, line, ev, NULL, "%s runs as root: %s (%s)", units[i].what,
			   ev, units[i].unit);
	}
	if (s->mysql.found) {
		const struct inv_conf_dir *u = my_get(&s->mysql, "user");

		any = true;
		if (u && (strcmp(u->value, "root") == 0 || strcmp(u->value, "0") == 0))
			chk_report(ctx, u->path, u->line, "user = root", NULL,
				   "MySQL/MariaDB server runs as root: user = %s", u->value);
	}
	if (s->memcached.found) {
		const struct inv_conf_dir *u = inv_conf_last(&s->memcached, "-u", -1);

		any = true;
		if (u && strcmp(u->value, "root") == 0)
			chk_report(ctx, u->path, u->line, "-u root", NULL,
				   "memcached runs as root: -u root");
	}
	if (s->mosquitto.found) {
		const struct inv_conf_dir *u = inv_conf_last(&s->mosquitto, "user", -2);

		any = true;
		if (u && strcmp(u->value, "root") == 0)
			chk_report(ctx, u->path, u->line, "user root", NULL,
				   "mosquitto keeps running as root: user root");
	}
	if (!any)
		chk_absent(ctx, "no database, cache or broker service on this image");
}

/* ---- SVC-005..007: mosquitto ---- */

/* The setting key of listener ctx (-1: the default listener), or NULL. */
static const struct inv_conf_dir *mosq_get(const struct inv_conf *c, const char *key, int ctx)
{
	return inv_conf_last(c, key, ctx);
}

/* Calls fn for each listener other hosts can reach: configured listeners not bound to a local
 * address, and the default listener when "port" is set (mosquitto 2 with no listener listens on
 * loopback only). */
static bool mosq_listeners(struct chk_ctx *ctx,
			   void (*fn)(struct chk_ctx *, const struct inv_conf *, int, const char *))
{
	const struct inv_conf *c = &svc(ctx)->mosquitto;
	bool any = false;

	if (!c->found) {
		chk_absent(ctx, "no mosquitto configuration on this image");
		return false;
	}
	conf_issues(ctx, c, "mosquitto");
	if (inv_conf_last(c, "port", -1) || inv_conf_last(c, "bind_address", -1)) {
		const struct inv_conf_dir *b = inv_conf_last(c, "bind_address", -1);

		if (!b || !local_addr(b->value, strlen(b->value))) {
			fn(ctx, c, -1, "default listener");
			any = true;
		}
	}
	for (size_t i = 0; i < c->n_ctx; i++) {
		const char *a = c->ctx[i].args, *sp = strchr(a, ' ');
		const struct inv_conf_dir *proto = mosq_get(c, "protocol", (int)i);

		if (sp && local_addr(sp + 1, strlen(sp + 1)))
			continue;
		if (a[0] == '0' && (a[1] == ' ' || !a[1]) && sp && sp[1] == '/')
			continue; /* a Unix socket listener */
		(void)proto;
		fn(ctx, c, (int)i, a);
		any = true;
	}
	if (!any)
		chk_note(ctx, "mosquitto listens on loopback only (no listener other hosts reach)");
	return true;
}

static bool mosq_tls(const struct inv_conf *c, int l)
{
	return mosq_get(c, "certfile", l) || mosq_get(c, "psk_hint", l);
}

static void ctx_where(const struct inv_conf *c, int l, const char **path, unsigned *line)
{
	*path = l >= 0 ? c->ctx[l].path : c->main;
	*line = l >= 0 ? c->ctx[l].line : 0;
}

static void tls_listener(struct chk_ctx *ctx, const struct inv_conf *c, int l, const char *what)
{
	const char *path;
	unsigned line;
	char ev[IA_MAX_EVIDENCE];

	if (mosq_tls(c, l))
		return;
	ctx_where(c, l, &path, &line);
	evf(ev, sizeof(ev), "listener %s: no certfile or psk_hint", what);
	chk_report(ctx, path, line, ev, NULL, "MQTT traffic in clear text: %s", ev);
}

static void run_mqtt_tls(struct chk_ctx *ctx)
{
	mosq_listeners(ctx, tls_listener);
}

static void anon_listener(struct chk_ctx *ctx, const struct inv_conf *c, int l, const char *what)
{
	const struct inv_conf_dir *pls = inv_conf_last(c, "per_listener_settings", -2);
	bool per = pls && ia_yes(pls->value, strlen(pls->value));
	const struct inv_conf_dir *a = inv_conf_last(c, "allow_anonymous", per ? l : -2);
	char ev[IA_MAX_EVIDENCE];

	/* mosquitto 2 refuses anonymous clients unless allow_anonymous true */
	if (!a || !ia_yes(a->value, strlen(a->value)))
		return;
	evf(ev, sizeof(ev), "allow_anonymous %s (listener %s)", a->value, what);
	chk_report(ctx, a->path, a->line, ev, NULL,
		   "MQTT broker accepts clients without credentials: %s", ev);
}

static void run_mqtt_anon(struct chk_ctx *ctx)
{
	mosq_listeners(ctx, anon_listener);
}

static void cert_listener(struct chk_ctx *ctx, const struct inv_conf *c, int l, const char *what)
{
	const struct inv_conf_dir *rc = mosq_get(c, "require_certificate", l);
	const char *path;
	unsigned line;
	char ev[IA_MAX_EVIDENCE];

	if (!mosq_get(c, "certfile", l) || (rc && ia_yes(rc->value, strlen(rc->value))))
		return;
	ctx_where(c, l, &path, &line);
	evf(ev, sizeof(ev), "listener %s: require_certificate %s", what,
	    rc ? rc->value : "not set (false)");
	chk_report(ctx, rc ? rc->path : path, rc ? rc->line : line, ev, NULL,
		   "MQTT clients are not authenticated by certificate: %s", ev);
}

static void run_mqtt_certs(struct chk_ctx *ctx)
{
	mosq_listeners(ctx, cert_listener);
}

/* ---- SVC-008: legacy daemons at boot ---- */

static const struct {
	const char *what;
	const char *units[4];
	const char *initscript;
	const char *inetd[3]; /* service names in inetd.conf / xinetd.d */
} legacy[] = {
	{"telnet server",
	 {"telnet.socket", "inetutils-telnetd.service", "telnetd.socket"},
	 NULL,
	 {"telnet"}},
	{"rsh server", {"rsh.socket", "rsh-server.socket"}, NULL, {"shell"}},
	{"rlogin server", {"rlogin.socket"}, NULL, {"login"}},
	{"rexec server", {"rexec.socket"}, NULL, {"exec"}},
	{"TFTP server",
	 {"tftpd-hpa.service", "tftp.socket", "atftpd.service"},
	 "tftpd-hpa",
	 {"tftp"}},
	{"FTP server",
	 {"vsftpd.service", "proftpd.service", "pure-ftpd.service"},
	 "vsftpd",
	 {"ftp"}},
	{"rpcbind (portmapper)", {"rpcbind.service", "rpcbind.socket"}, "rpcbind", {NULL}},
	{"SNMP agent", {"snmpd.service"}, "snmpd", {"snmp"}},
	{"Avahi mDNS daemon",
	 {"avahi-daemon.service", "avahi-daemon.socket"},
	 "avahi-daemon",
	 {NULL}},
};

/* Lines of /etc/inetd.conf naming an enabled service. */
static void inetd(struct chk_ctx *ctx)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;

	if (!fam_text_open(ctx, &t, "/etc/inetd.conf", FAM_MAX_CONF)) {
		fam_text_close(&t);
		return;
	}
	while (fam_next_line(ctx, &t, &l, &n)) {
		const char *p = l, *w;
		size_t wn;

		if (!n || l[0] == '#' || !ia_next_word(&p, l + n, &w, &wn))
			continue;
		for (size_t i = 0; i < IA_ARRAY_SIZE(legacy); i++)
			for (size_t k = 0; k < 3 && legacy[i].inetd[k]; k++)
				if (ia_eq(w, wn, legacy[i].inetd[k])) {
					char ev[IA_MAX_EVIDENCE + 1];

					fam_quote(ev, l, n);
					chk_report(ctx, "/etc/inetd.conf", t.c.lineno, ev, NULL,
						   "%s enabled in inetd: %s", legacy[i].what, ev);
				}
	}
	fam_text_close(&t);
}

/* A file of /etc/xinetd.d: "service NAME { ... disable = yes }"; enabled unless disabled. */
static void xinetd_file(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	int cur = -1;
	unsigned at = 0;
	bool disabled = false;

	if (!S_ISREG(e->mode) || !fam_text_open(ctx, &t, e->path, FAM_MAX_CONF)) {
		fam_text_close(&t);
		return;
	}
	for (;;) {
		int more = fam_next_line(ctx, &t, &l, &n);

		if (!more || (n > 8 && memcmp(l, "service ", 8) == 0)) {
			if (cur >= 0 && !disabled)
				chk_report(ctx, e->path, at, legacy[cur].inetd[0], NULL,
					   "%s enabled in xinetd: service %s", legacy[cur].what,
					   legacy[cur].inetd[0]);
			if (!more)
				break;
			cur = -1;
			disabled = false;
			at = t.c.lineno;
			for (size_t i = 0; i < IA_ARRAY_SIZE(legacy); i++)
				for (size_t k = 0; k < 3 && legacy[i].inetd[k]; k++) {
					const char *nm = l + 8;
					size_t nn = n - 8;

					ia_trim(&nm, &nn);
					if (ia_eq(nm, nn, legacy[i].inetd[k]))
						cur = (int)i;
				}
			continue;
		}
		if (cur >= 0 && ia_starts_with(l, n, "disable")) {
			const char *v = memchr(l, '=', n);

			if (v) {
				size_t vn = n - (size_t)(v + 1 - l);
				const char *vv = v + 1;

				ia_trim(&vv, &vn);
				disabled = ia_eq(vv, vn, "yes");
			}
		}
	}
	fam_text_close(&t);
}

static void run_legacy(struct chk_ctx *ctx)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(legacy); i++) {
		const char *where = NULL;

		for (size_t k = 0; k < 4 && legacy[i].units[k] && !where; k++) {
			where = fam_unit_enabled(ctx, legacy[i].units[k]);
			if (where)
				chk_report(ctx, where, 0, legacy[i].units[k], NULL,
					   "%s enabled at boot: %s", legacy[i].what,
					   legacy[i].units[k]);
		}
		if (!where && legacy[i].initscript &&
		    (where = fam_initscript_enabled(ctx, legacy[i].initscript)) != NULL)
			chk_report(ctx, where, 0, legacy[i].initscript, NULL,
				   "%s enabled at boot: /etc/init.d/%s", legacy[i].what,
				   legacy[i].initscript);
	}
	inetd(ctx);
	fam_children(ctx, "/etc/xinetd.d", xinetd_file, NULL);
	chk_note(ctx, "systemd wants links, rc?.d links, /etc/inetd.conf and /etc/xinetd.d read");
}

/* ---- SVC-009: host firewall ---- */

/* Whether file holds a rule that drops or rejects (a policy or a rule); where, in line. */
static bool drops(struct chk_ctx *ctx, const char *path, unsigned *line)
{
	struct fam_text t = {0};
	const char *l;
	size_t n;
	bool found = false;

	if (!fam_text_open(ctx, &t, path, FAM_MAX_CONF)) {
		fam_text_close(&t);
		return false;
	}
	while (!found && fam_next_line(ctx, &t, &l, &n)) {
		if (!n || l[0] == '#')
			continue;
		for (size_t i = 0; i + 4 <= n && !found; i++)
			if (strncasecmp(l + i, "drop", 4) == 0 ||
			    strncasecmp(l + i, "reject", 6) == 0)
				found = true;
		if (found)
			*line = t.c.lineno;
	}
	fam_text_close(&t);
	return found;
}

static void run_firewall(struct chk_ctx *ctx)
{
	static const struct {
		const char *what, *unit, *config;
	} fw[] = {
		{"nftables", "nftables.service", "/etc/nftables.conf"},
		{"iptables-persistent", "netfilter-persistent.service", "/etc/iptables/rules.v4"},
		{"iptables (RHEL)", "iptables.service", "/etc/sysconfig/iptables"},
		{"ufw", "ufw.service", "/etc/ufw/ufw.conf"},
		{"firewalld", "firewalld.service", "/etc/firewalld/firewalld.conf"},
	};
	char seen[IA_MAX_EVIDENCE] = "";
	size_t sl = 0;

	if (tgt_config(ctx->tgt)) {
		chk_absent(ctx, "container image: the host and the container runtime filter its "
				"traffic");
		return;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(fw); i++) {
		const char *en = fam_unit_enabled(ctx, fw[i].unit);
		bool conf = fam_file(ctx, fw[i].config, NULL);
		unsigned line = 0;

		if (!en && !conf)
			continue;
		if (en && strcmp(fw[i].what, "ufw") == 0) {
			struct fam_text t = {0};
			const char *l;
			size_t n;
			bool on = false;

			if (fam_text_open(ctx, &t, fw[i].config, FAM_MAX_CONF))
				while (fam_next_line(ctx, &t, &l, &n))
					on |= ia_eq(l, n, "ENABLED=yes");
			fam_text_close(&t);
			if (on) {
				chk_note(ctx, "ufw enabled (%s: ENABLED=yes)", fw[i].config);
				return;
			}
		} else if (en && strcmp(fw[i].what, "firewalld") == 0) {
			chk_note(ctx, "firewalld enabled at boot (%s)", en);
			return;
		} else if (en && conf && drops(ctx, fw[i].config, &line)) {
			chk_note(ctx, "%s enabled at boot (%s); %s line %u drops or rejects",
				 fw[i].what, en, fw[i].config, line);
			return;
		}
		sl += (size_t)snprintf(seen + sl, sizeof(seen) - sl, "%s%s: %s", sl ? "; " : "",
				       fw[i].what,
				       !en     ? "configuration present, not enabled at boot"
				       : !conf ? "enabled, no configuration"
					       : "enabled, nothing dropped or rejected");
		if (sl >= sizeof(seen))
			sl = sizeof(seen) - 1;
	}
	chk_report(ctx, "", 0, sl ? seen : "no nftables, iptables, ufw or firewalld configuration",
		   NULL, "no host firewall filters incoming traffic at boot%s%s", sl ? ": " : "",
		   seen);
}

#define SVC_DAEMONS                                                                                \
	"redis.conf (include), memcached.conf, my.cnf (!include, !includedir, server "             \
	"sections), postgresql.conf (include*) of each cluster, mongod.conf, elasticsearch.yml"

static void run_app_superuser(struct chk_ctx *ctx)
{
	chk_run_app_db(ctx, false);
}

static void run_app_password(struct chk_ctx *ctx)
{
	chk_run_app_db(ctx, true);
}

static const struct chk_def services_checks[] = {
	{
		.id = "SVC-001",
		.title = "database or cache listens on every address",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JD-3.1h", "SR-2.7"),
		.examines =
			"redis bind, memcached -l, MySQL/MariaDB bind-address and "
			"skip-networking, PostgreSQL listen_addresses, MongoDB net.bindIp and "
			"net.bindIpAll, Elasticsearch network.host and http.host in " SVC_DAEMONS,
		.remediation = "Bind the service to 127.0.0.1 (or the one internal address its "
			       "clients use): redis bind 127.0.0.1 -::1, memcached -l 127.0.0.1, "
			       "bind-address = 127.0.0.1, listen_addresses = 'localhost', "
			       "net.bindIp: 127.0.0.1",
		.run = run_bind,
	},
	{
		.id = "SVC-002",
		.title = "service reachable from other hosts without authentication",
		.severity = FND_SEV_CRITICAL,
		.clauses = CHK_CLAUSES("JD-4.1d", "SR-4.2-4.3"),
		.examines = "redis requirepass, ACL users, protected-mode with bind; MongoDB "
			    "security.authorization; memcached -S; Elasticsearch "
			    "xpack.security.enabled; MySQL/MariaDB skip-grant-tables; pg_hba.conf "
			    "trust from other addresses; in " SVC_DAEMONS ", pg_hba.conf",
		.remediation =
			"Require credentials (redis requirepass or ACL users, MongoDB "
			"security.authorization: enabled, memcached -S with SASL, "
			"xpack.security.enabled: true, pg_hba.conf scram-sha-256, remove "
			"skip-grant-tables) and bind the service to the addresses its clients "
			"use",
		.run = run_noauth_remote,
	},
	{
		.id = "SVC-003",
		.title = "service without authentication for local clients",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JD-4.1d"),
		.examines = "redis requirepass and ACL users, MongoDB security.authorization, "
			    "pg_hba.conf local trust; in " SVC_DAEMONS ", pg_hba.conf",
		.remediation =
			"Require credentials even on loopback (redis requirepass or ACL "
			"users; MongoDB security.authorization: enabled; pg_hba.conf peer or "
			"scram-sha-256): every local process and account can otherwise read "
			"and change the data",
		.run = run_noauth_local,
	},
	{
		.id = "SVC-004",
		.title = "database, cache or broker runs as root",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-4.1", "SR-2.6"),
		.examines = "User= of the systemd units of redis, MariaDB/MySQL, MongoDB, "
			    "Elasticsearch, memcached, mosquitto and their drop-ins; MySQL user in "
			    "server sections; memcached -u; mosquitto user",
		.remediation =
			"Run the service as its own unprivileged account (User=redis in the "
			"unit, user = mysql, memcached -u memcache, mosquitto user mosquitto)",
		.run = run_root,
	},
	{
		.id = "SVC-005",
		.title = "MQTT listener without TLS",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("JK-TLS", "SR-5.3"),
		.examines = "mosquitto.conf and its include_dir: listeners other hosts reach (not "
			    "bound to loopback) without certfile or psk_hint",
		.remediation = "Serve MQTT over TLS: listener 8883 with cafile, certfile and "
			       "keyfile (or bind plain listeners to 127.0.0.1)",
		.run = run_mqtt_tls,
	},
	{
		.id = "SVC-006",
		.title = "MQTT broker accepts anonymous clients",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("JK-TLS", "JD-4.1d"),
		.examines = "mosquitto allow_anonymous (per listener with per_listener_settings) "
			    "for listeners other hosts reach",
		.remediation = "Set allow_anonymous false and authenticate clients (password_file, "
			       "or require_certificate true with use_identity_as_username)",
		.run = run_mqtt_anon,
	},
	{
		.id = "SVC-007",
		.title = "MQTT clients not authenticated by certificate",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("JK-TLS"),
		.examines = "mosquitto require_certificate of TLS listeners other hosts reach",
		.remediation = "Set require_certificate true with cafile naming the CA of the "
			       "devices' certificates (two-way TLS for gateways)",
		.run = run_mqtt_certs,
	},
	{
		.id = "SVC-008",
		.title = "legacy network service enabled at boot",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-2.2"),
		.examines =
			"systemd wants/requires links, /etc/rc[2-5S].d and /etc/runlevels links, "
			"/etc/inetd.conf, /etc/xinetd.d: telnet, rsh, rlogin, rexec, TFTP, FTP, "
			"rpcbind, SNMP, Avahi",
		.remediation =
			"Disable and remove the service (systemctl disable --now UNIT; "
			"apt-get purge PACKAGE), or comment it out in inetd.conf / set disable "
			"= yes in xinetd.d",
		.run = run_legacy,
	},
	{
		.id = "SVC-009",
		.title = "no host firewall at boot",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.8"),
		.examines =
			"nftables.service with /etc/nftables.conf, netfilter-persistent with "
			"/etc/iptables/rules.v4, iptables.service with /etc/sysconfig/iptables "
			"(a drop or reject rule or policy), ufw (ENABLED=yes), firewalld enabled "
			"(not for container images)",
		.remediation = "Enable a host firewall that drops incoming traffic except the "
			       "service ports from the networks that need them (apt-get install "
			       "nftables; edit /etc/nftables.conf; systemctl enable nftables)",
		.run = run_firewall,
	},
	{
		.id = "SVC-010",
		.title = "application connects to its database as the superuser",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-4.1"),
		.examines =
			"the database user of wp-config.php (DB_USER), .env and .env.* "
			"(DB_USERNAME, DB_USER, ...), Spring application*.properties and "
			"application*.yml (datasource, mongodb username), Django settings.py "
			"(DATABASES USER), Rails database.yml (username) and MongoDB, PostgreSQL, "
			"MySQL or MariaDB URLs with a user in them, anywhere but documentation, "
			"sample and test directories: root, sa, postgres, system, admin",
		.remediation =
			"Create a database user for the application with the rights it needs "
			"on its own database only, and connect as that user",
		.run = run_app_superuser,
	},
	{
		.id = "SVC-011",
		.title = "weak database password in an application configuration",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-4.2-4.3", "JD-4.1d"),
		.examines =
			"the database passwords of the files SVC-010 reads (and the password of "
			"mongodb://user:password@ URLs): empty, the user name, a default or "
			"common password (a built-in list), or shorter than 8 characters; a "
			"value taken from the environment is not judged; the password is never "
			"shown",
		.remediation =
			"Give the application's database user a long random password, kept "
			"out of the image (an environment variable or a secret mounted at run "
			"time)",
		.run = run_app_password,
	},
};
const struct chk_family chk_family_services = {
	.name = "services",
	.checks = services_checks,
	.n_checks = IA_ARRAY_SIZE(services_checks),
};
