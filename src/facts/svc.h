/* svc.h — service configurations as facts: the directives of sshd, redis, mosquitto, the databases
 * and memcached, each with the file, line and context it was set in */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_SVC_H
#define IA_FACTS_SVC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/problem.h"

/*
 * One service's configuration as its daemon reads it: the main file, the files it includes
 * (followed inside the image, in the order the daemon reads them, at most
 * IA_MAX_SVC_INCLUDE_DEPTH deep and IA_MAX_SVC_FILES files; a file already being read is a
 * cycle, recorded and not read again), comments and quoting removed. Directives are kept in
 * file order; which one wins (sshd: the first; redis, mysql: the last) is the daemon's rule,
 * applied by inv_conf_first / inv_conf_last. A context is what the directive is inside: an
 * sshd Match block, a mysql [section], a mosquitto listener, -1 for none.
 */
struct inv_conf_dir {
	const char *key;   /* as written; compare with strcasecmp where the daemon does */
	const char *value; /* the arguments, unquoted, joined by one space ("" when none) */
	const char *path;  /* image path of the file */
	unsigned line;
	int ctx; /* index into inv_conf.ctx, -1: global */
};

struct inv_conf_ctx {
	const char *kind; /* "Match", "mysqld", "listener" */
	const char *args; /* "User admin Address 10.0.0.0/8", "1883", "" */
	const char *path;
	unsigned line;
	int parent; /* the context this one is in (nginx blocks), -1 none */
};

struct inv_conf {
	bool found;       /* the main file exists (it may still have been unreadable: issues) */
	const char *main; /* image path of the main file, NULL when none */
	struct inv_conf_dir *v;
	size_t n, cap;
	struct inv_conf_ctx *ctx;
	size_t n_ctx, cap_ctx;
	unsigned files; /* files read */
	bool full;      /* IA_MAX_CONFIG_SETTINGS directives kept, the rest dropped */
	/* What could not be read (area ""): a file not read (error code), a line skipped or an
	 * include not followed (code 0). The checks report them once (chk_fact_issues). */
	struct ia_problems issues;
};

/* The services whose configuration is collected (facts/svc_*.c). */
struct inv_svc {
	struct inv_conf sshd;      /* /etc/ssh/sshd_config (Include, Match) */
	struct inv_conf sshd_pam;  /* /etc/pam.d/sshd: key = type ("auth"), value = the rest,
				    * includes (@include, include, substack) followed */
	struct inv_conf redis;     /* /etc/redis/redis.conf (include) */
	struct inv_conf mosquitto; /* /etc/mosquitto/mosquitto.conf (include_dir; listener) */
	struct inv_conf mysql;     /* /etc/mysql/my.cnf (!include, !includedir; [section]) */
	struct inv_conf postgres;  /* postgresql.conf of each cluster (include*) */
	struct inv_conf pg_hba;    /* pg_hba.conf of each cluster: key = type, value = the rest */
	struct inv_conf memcached; /* /etc/memcached.conf: key = option ("-l"), value */
	struct inv_conf mongodb;   /* /etc/mongod.conf (YAML): key = dotted path ("net.bindIp") */
	struct inv_conf elastic;   /* elasticsearch.yml: key = dotted path */
	struct inv_conf nginx;     /* /etc/nginx/nginx.conf (include); every block a context */
	struct inv_conf php;       /* php.ini and conf.d of fpm, apache2, cgi: a context each */
	struct inv_conf httpd;     /* apache2.conf or httpd.conf (Include*); every section that is
				    * not a condition a context; <IfModule>, <IfDefine> decided */
};

/* The first directive named key (case-insensitive) in context ctx (-1: global only; -2: any),
 * or NULL. */
const struct inv_conf_dir *inv_conf_first(const struct inv_conf *c, const char *key, int ctx);
/* The last such directive, or NULL. */
const struct inv_conf_dir *inv_conf_last(const struct inv_conf *c, const char *key, int ctx);

#endif
