/* test_services.c — unit tests of the services family (SVC-001..009): daemons from their
 * configuration files, the Debian defaults, hardened and exposed variants, a live redis */
/* SPDX-License-Identifier: Apache-2.0 */
#include "testlib.h"
#include "chk_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "svc_fixture.h"

static void run_all(struct fx *x)
{
	fx_run_family(x, "SVC", 11);
}

/* A firewall that starts at boot and drops what it does not allow. */
static void add_firewall(const char *root)
{
	t_write(root, "etc/nftables.conf",
		"#!/usr/sbin/nft -f\nflush ruleset\ntable inet filter {\n"
		"  chain input { type filter hook input priority 0; policy drop;\n"
		"    iif lo accept\n    ct state established,related accept\n"
		"    tcp dport 22 accept\n  }\n}\n",
		0644);
	t_symlink(root, "etc/systemd/system/sysinit.target.wants/nftables.service",
		  "/lib/systemd/system/nftables.service");
}

/* No daemon: nothing found but the missing firewall; no gap. */
static void test_absent(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(x.r.n_findings, 1);
	assert_non_null(fx_find(&x, "SVC-009", ""));
	fx_close(&x);
	add_firewall(root);
	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/*
 * Debian 12's defaults (the services root: redis-server, memcached, mariadb-server,
 * postgresql-15 with the cluster pg_createcluster makes, mosquitto, openssh-server): every
 * daemon listens on loopback only (redis bind 127.0.0.1 -::1, memcached -l 127.0.0.1,
 * bind-address = 127.0.0.1, listen_addresses unset = localhost, mosquitto 2 with no listener),
 * runs as its own account (User=redis, User=mysql, -u memcache), pg_hba.conf uses peer and
 * scram-sha-256. A reviewer expects two findings: redis has no password, so every local
 * account can use it (SVC-003, low), and no host firewall is set up (SVC-009).
 */
static void test_debian_default(void **state)
{
	char *root = t_services_root();
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(x.r.n_findings, 2);
	f = fx_find(&x, "SVC-003", "/etc/redis/redis.conf");
	assert_non_null(f);
	assert_non_null(strstr(f->value, "bind 127.0.0.1 -::1"));
	assert_non_null(strstr(f->value, "no requirepass"));
	assert_non_null(fx_find(&x, "SVC-009", ""));
	fx_close(&x);
	free(root);
}

/* The same configuration with redis given a password and a firewall: nothing found. */
static void test_debian_hardened(void **state)
{
	char *root = t_services_slice("etc lib/systemd/system");
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	assert_int_equal(t_sh("cd '%s' && printf 'requirepass \"s3cret with space\"\\n' >> "
			      "etc/redis/redis.conf",
			      root),
			 0);
	add_firewall(root);
	fx_open(&x, root);
	assert_true(x.f.svc.redis.found && x.f.svc.mysql.found && x.f.svc.postgres.found &&
		    x.f.svc.memcached.found && x.f.svc.mosquitto.found);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/* Every daemon exposed, through its include mechanism where it has one. */
static void test_exposed(void **state)
{
	char *root = fx_debian_root();
	struct fx x;
	const struct fnd_finding *f;

	t_write(root, "etc/redis/redis.conf", "bind 127.0.0.1\ninclude /etc/redis/conf.d/*.conf\n",
		0644);
	t_write(root, "etc/redis/conf.d/net.conf", "bind 0.0.0.0\nprotected-mode no\n", 0644);
	t_write(root, "etc/memcached.conf", "-u root\n--listen=0.0.0.0\n", 0644);
	t_write(root, "etc/mysql/my.cnf", "[client]\nuser = root\n!includedir /etc/mysql/conf.d/\n",
		0644);
	t_write(root, "etc/mysql/conf.d/a.cnf",
		"[mysqld]\nbind_address = 0.0.0.0 # all\nskip-grant-tables\nuser = root\n", 0644);
	t_write(root, "etc/mongod.conf",
		"# mongod\nnet:\n  port: 27017\n  bindIp: \"0.0.0.0\"\nsecurity:\n"
		"  authorization: disabled\n",
		0644);
	t_write(root, "etc/elasticsearch/elasticsearch.yml",
		"network.host: 0.0.0.0\nxpack.security.enabled: false\n", 0644);
	t_write(root, "etc/postgresql/15/main/postgresql.conf",
		"listen_addresses = 'localhost'\ninclude_dir 'conf.d'\n", 0644);
	t_write(root, "etc/postgresql/15/main/conf.d/net.conf", "listen_addresses='*'\n", 0644);
	t_write(root, "etc/postgresql/15/main/pg_hba.conf",
		"local all all trust\nhost all all 127.0.0.1/32 trust\n"
		"host all all 0.0.0.0/0 trust\nhostssl all all ::/0 scram-sha-256\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	/* redis (last bind wins), memcached, mysql, mongodb, elasticsearch, postgresql */
	assert_int_equal(fx_count(&x, "SVC-001"), 6);
	f = fx_find(&x, "SVC-001", "/etc/redis/conf.d/net.conf");
	assert_non_null(f);
	assert_int_equal(f->line, 1);
	f = fx_find(&x, "SVC-001", "/etc/mysql/conf.d/a.cnf");
	assert_non_null(f);
	assert_string_equal(f->value, "bind-address 0.0.0.0");
	assert_non_null(fx_find(&x, "SVC-001", "/etc/postgresql/15/main/conf.d/net.conf"));
	assert_non_null(fx_find(&x, "SVC-001", "/etc/mongod.conf"));
	/* redis, mongodb, memcached, elasticsearch, skip-grant-tables, pg_hba 0.0.0.0/0 */
	assert_int_equal(fx_count(&x, "SVC-002"), 6);
	f = fx_find(&x, "SVC-002", "/etc/postgresql/15/main/pg_hba.conf");
	assert_int_equal(f->line, 3);
	f = fx_find(&x, "SVC-002", "/etc/mysql/conf.d/a.cnf");
	assert_int_equal(f->line, 3);
	/* local trust and loopback trust */
	assert_int_equal(fx_count(&x, "SVC-003"), 2);
	/* mysql user = root in [mysqld] (not [client]), memcached -u root */
	assert_int_equal(fx_count(&x, "SVC-004"), 2);
	assert_int_equal(fx_find(&x, "SVC-004", "/etc/mysql/conf.d/a.cnf")->line, 4);
	fx_done(&x, root);
}

static void test_mosquitto(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	/* Debian's default: no listener, mosquitto 2 listens on loopback only */
	t_write(root, "etc/mosquitto/mosquitto.conf",
		"persistence true\ninclude_dir /etc/mosquitto/conf.d\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	fx_clean(&x, "SVC-005");
	fx_clean(&x, "SVC-006");
	fx_clean(&x, "SVC-007");
	fx_close(&x);
	t_write(root, "etc/mosquitto/conf.d/a.conf",
		"listener 1883\nallow_anonymous true\nlistener 8883\ncafile /c\ncertfile /x\n"
		"keyfile /k\nlistener 1884 127.0.0.1\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(fx_count(&x, "SVC-005"), 1);
	assert_int_equal(fx_find(&x, "SVC-005", "/etc/mosquitto/conf.d/a.conf")->line, 1);
	/* allow_anonymous is global without per_listener_settings: both reachable listeners */
	assert_int_equal(fx_count(&x, "SVC-006"), 2);
	assert_int_equal(fx_count(&x, "SVC-007"), 1);
	fx_close(&x);
	/* hardened: TLS with client certificates only, the plain listener on loopback */
	t_write(root, "etc/mosquitto/conf.d/a.conf",
		"listener 1883 127.0.0.1\nlistener 8883\ncafile /c\ncertfile /x\nkeyfile /k\n"
		"require_certificate true\nuse_identity_as_username true\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	fx_clean(&x, "SVC-005");
	fx_clean(&x, "SVC-006");
	fx_clean(&x, "SVC-007");
	fx_done(&x, root);
}

/* Applications' database connections in each format: superusers (SVC-010) and weak passwords
 * (SVC-011) with their lines, values from the environment not judged, samples and tests left
 * out, the password never shown; hostile files give no finding and no crash. */
static void test_app_db(void **state)
{
	char *root = fx_debian_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "var/www/wp/wp-config.php",
		"<?php\ndefine( 'DB_NAME', 'wp' );\ndefine( 'DB_USER', 'root' );\n"
		"define( 'DB_PASSWORD', '' );\n",
		0640);
	t_write(root, "var/www/wp/wp-config-sample.php", "define('DB_USER', 'root');\n", 0644);
	t_write(root, "srv/laravel/.env",
		"APP_KEY=base64:x\nDB_USERNAME=app\nDB_PASSWORD=\"${SECRET_PW}\"\n"
		"MONGO_URL=mongodb://admin:admin@db:27017/app?authSource=admin\n",
		0600);
	t_write(root, "srv/laravel/.env.example", "DB_USERNAME=root\nDB_PASSWORD=\n", 0644);
	t_write(root, "opt/svc/config/application.yml",
		"spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n"
		"    username: postgres\n    password: postgres\n  jpa:\n    user: x\n",
		0644);
	t_write(root, "opt/svc2/application-prod.properties",
		"spring.datasource.username=svc\nspring.datasource.password=Xq7!pL0#vR2$wE9\n",
		0644);
	t_write(root, "srv/dj/app/settings.py",
		"DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.mysql',\n"
		"        'USER': 'sa',\n        'PASSWORD': os.environ['DB_PW'],\n    }\n}\n",
		0644);
	t_write(root, "srv/rails/config/database.yml",
		"default: &default\n  adapter: postgresql\nproduction:\n  <<: *default\n"
		"  username: shop\n  password: shop\n",
		0644);
	t_write(root, "srv/tests/.env", "DB_USER=root\n", 0644);
	/* hostile: garbage, an unterminated quote, a URL cut short */
	t_write(root, "srv/bad/.env",
		"\x01\x02"
		"DB_PASSWORD\n=\"\nDB_USER='x\nmongodb://a:@\n",
		0644);
	assert_int_equal(t_sh("mkdir -p '%s/srv/huge' && head -c 2000000 /dev/urandom > "
			      "'%s/srv/huge/application.yml'",
			      root, root),
			 0);
	fx_open(&x, root);
	fx_run(&x, "SVC-010");
	fx_run(&x, "SVC-011");
	/* superusers: wp root, mongodb admin, spring postgres, django sa */
	assert_int_equal(fx_count(&x, "SVC-010"), 4);
	f = fx_find(&x, "SVC-010", "/var/www/wp/wp-config.php");
	assert_int_equal(f->line, 3);
	assert_string_equal(f->value, "DB_USER root");
	f = fx_find(&x, "SVC-010", "/opt/svc/config/application.yml");
	assert_string_equal(f->value, "spring.datasource.username postgres");
	assert_non_null(fx_find(&x, "SVC-010", "/srv/dj/app/settings.py"));
	assert_non_null(fx_find(&x, "SVC-010", "/srv/laravel/.env"));
	/* weak: wp empty, mongodb admin:admin, spring postgres, rails shop, and the garbage
	 * file's mongodb://a:@ (an empty password); the .env's ${SECRET_PW}, django's os.environ
	 * and the long properties one are not */
	assert_int_equal(fx_count(&x, "SVC-011"), 5);
	assert_string_equal(fx_find(&x, "SVC-011", "/srv/bad/.env")->value,
			    "mongodb of user a: empty");
	f = fx_find(&x, "SVC-011", "/var/www/wp/wp-config.php");
	assert_string_equal(f->value, "DB_PASSWORD of user root: empty");
	f = fx_find(&x, "SVC-011", "/srv/laravel/.env");
	assert_int_equal(f->line, 4);
	assert_string_equal(f->value, "mongodb of user admin: the user name");
	f = fx_find(&x, "SVC-011", "/srv/rails/config/database.yml");
	assert_int_equal(f->line, 6);
	assert_string_equal(f->value, "production.password of user shop: the user name");
	for (size_t i = 0; i < x.r.n_findings; i++)
		assert_null(strstr(x.r.findings[i].title, "Xq7!"));
	/* the huge file is a gap, not a crash */
	assert_true(fx_gaps(&x, "SVC-010") >= 1);
	fx_done(&x, root);
}

static void test_legacy(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	t_symlink(root, "etc/systemd/system/sockets.target.wants/telnet.socket",
		  "/lib/systemd/system/telnet.socket");
	t_symlink(root, "etc/rc2.d/S01snmpd", "../init.d/snmpd");
	t_write(root, "etc/inetd.conf",
		"#ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd\n"
		"shell stream tcp nowait root /usr/sbin/tcpd in.rshd\n",
		0644);
	t_write(root, "etc/xinetd.d/tftp", "service tftp\n{\n  disable = no\n}\n", 0644);
	t_write(root, "etc/xinetd.d/ftp", "service ftp\n{\n  disable = yes\n}\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "SVC-008");
	assert_int_equal(fx_count(&x, "SVC-008"), 4);
	assert_int_equal(fx_find(&x, "SVC-008", "/etc/inetd.conf")->line, 2);
	assert_non_null(fx_find(&x, "SVC-008", "/etc/xinetd.d/tftp"));
	assert_non_null(fx_find(&x, "SVC-008", "/etc/rc2.d/S01snmpd"));
	fx_done(&x, root);
}

/* Include cycles, binary garbage, an unterminated quote, a file over the size bound, YAML the
 * reader does not take: gaps naming file and line, and the rest still judged. */
static void test_malformed(void **state)
{
	char *root = fx_debian_root();
	char *big = malloc((5u << 20) + 1);
	struct fx x;

	assert_non_null(big);
	memset(big, ' ', 5u << 20);
	big[5u << 20] = '\0';
	t_write(root, "etc/redis/redis.conf",
		"include /etc/redis/redis.conf\nrequirepass \"open\n\x01\x02\x03\nbind 0.0.0.0\n",
		0644);
	t_write(root, "etc/mysql/my.cnf", "!includedir /etc/mysql\n[mysqld\n", 0644);
	t_write(root, "etc/mysql/big.cnf", big, 0644);
	free(big);
	t_write(root, "etc/mongod.conf", "net: {bindIp: 0.0.0.0}\n- item\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	/* redis: the cycle, the quote, the garbage; mysql: the file over the bound, my.cnf found
	 * again by its own !includedir (a cycle), the section; mongodb: the flow mapping, the
	 * sequence item: listed once, under SVC-001; the later checks say so in one line each */
	assert_int_equal(fx_gaps(&x, "SVC-001"), 8);
	assert_int_equal(fx_gaps(&x, "SVC-002"), 3);
	/* still judged: redis bind 0.0.0.0, and MySQL without bind-address (every address) */
	assert_int_equal(fx_count(&x, "SVC-001"), 2);
	fx_done(&x, root);
}

/*
 * The static verdict against the running server: redis-server of the services root, started
 * from the root's own redis.conf on a loopback port (the root's binary and libraries, through
 * the root's dynamic loader; only dir, logfile and pidfile, which name directories that the
 * package's postinst makes, are pointed at a temporary directory in the copy it runs), answers an
 * unauthenticated PING exactly when SVC-002/SVC-003 say it lets clients in without a password.
 */
static int redis_ping(const char *root, const char *conf, const char *work)
{
	int port = 20000 + (int)(getpid() % 20000), st;
	char *script;

	/* bash for /dev/tcp; the server is killed by its pid when the script ends */
	assert_true(
		asprintf(&script,
			 "set -e; R='%s'; W='%s'; L=$R/lib/x86_64-linux-gnu\n"
			 "sed -e \"s|^dir .*|dir $W|\" -e '/^logfile /d' -e '/^pidfile /d' "
			 "'%s' > $W/run.conf\n"
			 "$L/ld-linux-x86-64.so.2 --library-path $L:$R/usr/lib/x86_64-linux-gnu "
			 "$R/usr/bin/redis-server $W/run.conf --port %d --daemonize no "
			 "--supervised no "
			 "--dir $W --logfile $W/log --pidfile $W/pid --save '' >/dev/null 2>&1 &\n"
			 "pid=$!\ntrap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT\n"
			 "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/%d) 2>/dev/null && "
			 "break; sleep 0.1; done\n"
			 "exec 3<>/dev/tcp/127.0.0.1/%d\nprintf 'PING\\r\\n' >&3\n"
			 "timeout 5 head -c 5 <&3 > $W/reply\nexec 3>&-\n"
			 "case $(cat $W/reply) in +PONG) exit 10;; -NOAU) exit 11;; *) exit 12;; "
			 "esac\n",
			 root, work, conf, port, port, port) > 0);
	t_write(work, "ping.sh", script, 0644);
	free(script);
	st = t_sh("bash '%s/ping.sh'", work);
	return st;
}

static void test_live_redis(void **state)
{
	char *src = t_services_root(), *root, *work, conf[4096];
	struct fx x;
	int st;

	T_REQUIRE(src, "no services root here (tests/fixtures/services-root.sh)");
	root = t_services_slice("etc");
	work = t_mkdtemp();
	snprintf(conf, sizeof(conf), "%s/etc/redis/redis.conf", root);
	/* Debian's default: the static verdict is "local clients without a password" */
	fx_open(&x, root);
	fx_run(&x, "SVC-002");
	fx_run(&x, "SVC-003");
	assert_int_equal(fx_count(&x, "SVC-002"), 0);
	assert_int_equal(fx_count(&x, "SVC-003"), 1);
	fx_close(&x);
	st = redis_ping(src, conf, work);
	assert_int_equal(st, 10); /* +PONG: the running server agrees */
	/* with a password: no finding, and the server refuses the PING */
	assert_int_equal(t_sh("printf 'requirepass hunter2-hunter2\\n' >> '%s'", conf), 0);
	fx_open(&x, root);
	fx_run(&x, "SVC-002");
	fx_run(&x, "SVC-003");
	fx_clean(&x, "SVC-002");
	fx_clean(&x, "SVC-003");
	fx_close(&x);
	st = redis_ping(src, conf, work);
	assert_int_equal(st, 11); /* -NOAUTH */
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
	free(src);
}

/*
 * The static verdict against the running broker: Debian's mosquitto of the services root
 * (copied with its libraries, run as nobody) with per_listener_settings, one listener allowing
 * anonymous clients and one not. SVC-006 finds the first alone; the root's mosquitto_pub
 * publishing without credentials is accepted by the first and refused ("not authorised") by the
 * second. The listeners the checks read have no address (so that they count as reachable);
 * the broker started here binds the same ones to 127.0.0.1.
 */
static void test_live_mosquitto(void **state)
{
	char *src = t_services_root(), *root, *work, *conf, *script, *out, path[4096];
	int port = 20000 + (int)((getpid() + 23) % 20000) + 1;
	size_t n;
	struct fx x;

	T_REQUIRE(src, "no services root here (tests/fixtures/services-root.sh)");
	T_REQUIRE(t_sh("command -v setpriv") == 0, "no setpriv on this machine");
	work = t_mkdtemp();
	T_REQUIRE(t_root_prog(src, work, "usr/sbin/mosquitto") &&
			  t_root_prog(src, work, "usr/bin/mosquitto_pub"),
		  "no mosquitto or mosquitto_pub in the services root");
	root = fx_debian_root();
	assert_true(asprintf(&conf,
			     "per_listener_settings true\nlistener %d\nallow_anonymous true\n"
			     "listener %d\nallow_anonymous false\n",
			     port, port + 1) > 0);
	t_write(root, "etc/mosquitto/mosquitto.conf", conf, 0644);
	free(conf);
	fx_open(&x, root);
	fx_run(&x, "SVC-006");
	assert_int_equal(fx_count(&x, "SVC-006"), 1);
	assert_int_equal(fx_find(&x, "SVC-006", NULL)->line, 3);
	fx_close(&x);
	assert_true(
		asprintf(&script,
			 "set -e; W='%s'; sed 's/^listener [0-9]*/& 127.0.0.1/' "
			 "'%s/etc/mosquitto/mosquitto.conf' > $W/m.conf; chmod 644 $W/m.conf\n"
			 "setsid " T_ROOT_RUN(
				 "mosquitto") " -c $W/m.conf >$W/log 2>&1 &\n"
					      "pid=$!\ntrap 'kill $pid 2>/dev/null; wait $pid "
					      "2>/dev/null' EXIT\n"
					      "for i in $(seq 100); do (exec "
					      "3<>/dev/tcp/127.0.0.1/%d) 2>/dev/null "
					      "&& break; sleep 0.1; done\n"
					      "for p in %d %d; do if timeout 10 " T_ROOT_RUN(
						      "mosquitto_pub") " -h 127.0.0.1 -p $p -t t "
								       "-m x > $W/$p 2>&1; then "
								       "echo accepted >> $W/$p; "
								       "fi; done\n",
			 work, root, port + 1, port, port + 1) > 0);
	t_write(work, "pub.sh", script, 0644);
	free(script);
	assert_int_equal(t_sh("bash '%s/pub.sh'", work), 0);
	snprintf(path, sizeof(path), "%s/%d", work, port);
	out = t_slurp(path, &n);
	assert_non_null(strstr(out, "accepted"));
	free(out);
	snprintf(path, sizeof(path), "%s/%d", work, port + 1);
	out = t_slurp(path, &n);
	assert_null(strstr(out, "accepted"));
	assert_non_null(strstr(out, "not authori"));
	free(out);
	t_rmtree(work);
	free(work);
	t_rmtree(root);
	free(root);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent),          cmocka_unit_test(test_debian_default),
		cmocka_unit_test(test_debian_hardened), cmocka_unit_test(test_exposed),
		cmocka_unit_test(test_mosquitto),       cmocka_unit_test(test_app_db),
		cmocka_unit_test(test_legacy),          cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_live_redis),      cmocka_unit_test(test_live_mosquitto),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
