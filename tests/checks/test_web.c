/* test_web.c — unit tests of the web family (WEB-001..007): nginx blocks and add_header
 * inheritance, PHP settings, web roots, the Debian defaults and a hardened variant */
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
	fx_run_family(x, "WEB", 7);
}

static void test_absent(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	fx_open(&x, root);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/*
 * Debian 12's nginx, apache2, php8.2-fpm and tomcat10 as their packages (and postinsts) leave
 * them: a reviewer expects nginx to send its version (server_tokens not set, WEB-001), the
 * default site to send no security header (WEB-002: CSP, X-Content-Type-Options,
 * X-Frame-Options, Referrer-Policy; no HSTS asked of a plain-HTTP server), and the default pages
 * of nginx, Apache and Tomcat in their web roots (WEB-005). php.ini-production hides the PHP
 * version and errors, nginx's default site lists no directory and has no TLS server. Apache's
 * own configuration is not read yet: WEB-001..004 say so as a gap each.
 */
static void test_debian_default(void **state)
{
	char *root = t_services_root();
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 5);
	f = fx_find(&x, "WEB-001", "/etc/nginx/nginx.conf");
	assert_non_null(f);
	assert_string_equal(f->value, "server_tokens not set (default on)");
	f = fx_find(&x, "WEB-002", "/etc/nginx/sites-enabled/default");
	assert_non_null(f);
	assert_non_null(strstr(f->value, "Content-Security-Policy, X-Content-Type-Options, "
					 "X-Frame-Options, Referrer-Policy"));
	assert_null(strstr(f->value, "Strict-Transport-Security"));
	assert_int_equal(fx_count(&x, "WEB-005"), 3);
	assert_non_null(fx_find(&x, "WEB-005", "/var/www/html/index.html"));
	assert_non_null(fx_find(&x, "WEB-005", "/var/www/html/index.nginx-debian.html"));
	assert_non_null(fx_find(&x, "WEB-005", "/var/lib/tomcat10/webapps/ROOT/index.html"));
	for (int i = 1; i <= 4; i++) {
		char id[16];

		snprintf(id, sizeof(id), "WEB-%03d", i);
		assert_int_equal(fx_gaps(&x, id), 1);
	}
	assert_int_equal(x.r.n_gaps, 4);
	fx_close(&x);
	free(root);
}

/* Hardened: no Apache, server_tokens off, the headers in the default server, the default pages
 * removed: nothing found, nothing left unexamined. */
static void test_debian_hardened(void **state)
{
	char *root = t_services_slice("etc var/www var/lib/tomcat10");
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	assert_int_equal(
		t_sh("set -e; cd '%s'; rm -rf etc/apache2 var/www/html/index*.html "
		     "var/lib/tomcat10/webapps/ROOT/index.html; "
		     "sed -i 's/# server_tokens off;/server_tokens off;/' etc/nginx/nginx.conf; "
		     "grep -q '^\tserver_tokens off;' etc/nginx/nginx.conf; "
		     "sed -i 's/^\tserver_name _;/&\\n\tadd_header Content-Security-Policy "
		     "\"default-src '\"'self'\"'\" always;\\n\tadd_header X-Content-Type-Options "
		     "nosniff always;\\n\tadd_header X-Frame-Options DENY always;\\n\tadd_header "
		     "Referrer-Policy no-referrer always;/' etc/nginx/sites-available/default; "
		     "grep -q Referrer-Policy etc/nginx/sites-available/default",
		     root),
		0);
	fx_open(&x, root);
	assert_true(x.f.svc.nginx.found && x.f.svc.php.found);
	run_all(&x);
	fx_all_clean(&x);
	fx_done(&x, root);
}

/* nginx's rules: directives inherited from the blocks around; a block with its own add_header
 * inherits none. */
static void test_nginx_inheritance(void **state)
{
	char *root = fx_debian_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/nginx/nginx.conf",
		"events {}\nhttp {\n  server_tokens off;\n  ssl_protocols TLSv1.2 TLSv1.3;\n"
		"  add_header X-Frame-Options DENY;\n  include sites/*.conf;\n}\n",
		0644);
	t_write(root, "etc/nginx/sites/a.conf",
		"server {\n  listen 443 ssl;\n  server_name a.example;\n"
		"  add_header Content-Security-Policy \"default-src 'self'; frame-ancestors "
		"'none'\";\n  add_header X-Content-Type-Options nosniff;\n"
		"  add_header Referrer-Policy no-referrer;\n"
		"  add_header Strict-Transport-Security max-age=31536000;\n"
		"  location /a { add_header X-Test 1; }\n  location /b { autoindex on; }\n"
		"  location /c { server_tokens on; }\n}\n",
		0644);
	t_write(root, "etc/nginx/sites/b.conf",
		"server {\n  listen 8443 ssl http2;\n  ssl_protocols TLSv1 TLSv1.2;\n"
		"  ssl_ciphers 'HIGH:!aNULL:!MD5:RC4-SHA';\n}\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	/* server a: complete (frame-ancestors stands for X-Frame-Options); its location /a has
	 * an add_header of its own and so drops all of them */
	assert_int_equal(fx_count(&x, "WEB-002"), 2);
	f = fx_find(&x, "WEB-002", "/etc/nginx/sites/a.conf");
	assert_int_equal(f->line, 8);
	assert_non_null(strstr(f->value, "location /a"));
	/* server b: only the http block's X-Frame-Options is inherited */
	f = fx_find(&x, "WEB-002", "/etc/nginx/sites/b.conf");
	assert_non_null(f);
	assert_null(strstr(f->value, "X-Frame-Options"));
	assert_non_null(strstr(f->value, "Strict-Transport-Security"));
	assert_int_equal(fx_count(&x, "WEB-003"), 1);
	assert_int_equal(fx_find(&x, "WEB-003", NULL)->line, 9);
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	assert_int_equal(fx_find(&x, "WEB-001", NULL)->line, 10);
	/* b's own TLSv1 and RC4; a inherits the http block's TLSv1.2 TLSv1.3 */
	assert_int_equal(fx_count(&x, "WEB-004"), 2);
	assert_int_equal(fx_find(&x, "WEB-004", NULL)->line, 3);
	assert_non_null(strstr(x.r.findings[x.r.n_findings - 1].title, "RC4-SHA") ||
			strstr(fx_find(&x, "WEB-004", NULL)->title, "TLSv1"));
	fx_done(&x, root);
}

static void test_roots_and_php(void **state)
{
	char *root = fx_debian_root();
	struct fx x;

	t_write(root, "var/www/app/.git/config", "[core]\n", 0644);
	t_write(root, "var/www/app/.git/HEAD", "ref: refs/heads/main\n", 0644);
	t_write(root, "var/www/app/index.php~", "<?php\n", 0644);
	t_write(root, "var/www/app/.env", "APP_KEY=x\n", 0600);
	t_write(root, "var/www/app/info.php", "<?php phpinfo(); ?>\n", 0644);
	t_write(root, "var/www/app/index.php", "<?php echo 'hi';\n", 0644);
	t_write(root, "etc/php/8.2/fpm/php.ini",
		"[PHP]\nexpose_php = Off\ndisplay_errors = Off ; production\n", 0644);
	t_write(root, "etc/php/8.2/fpm/conf.d/99-dev.ini",
		"display_errors = On\nexpose_php = \"1\"\n", 0644);
	t_write(root, "etc/php/8.2/cli/php.ini", "display_errors = On\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(fx_count(&x, "WEB-006"), 3); /* .git once, index.php~, .env */
	assert_non_null(fx_find(&x, "WEB-006", "/var/www/app/.git"));
	assert_int_equal(fx_count(&x, "WEB-005"), 1);
	assert_non_null(fx_find(&x, "WEB-005", "/var/www/app/info.php"));
	/* the fpm conf.d file wins over php.ini; the cli is not served */
	assert_int_equal(fx_count(&x, "WEB-007"), 1);
	assert_int_equal(fx_find(&x, "WEB-007", "/etc/php/8.2/fpm/conf.d/99-dev.ini")->line, 1);
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	fx_done(&x, root);
}

static void test_malformed(void **state)
{
	char *root = fx_debian_root();
	struct fx x;
	char *deep = malloc(100 * 8 + 1);

	assert_non_null(deep);
	deep[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(deep, "a { ");
	t_write(root, "etc/nginx/nginx.conf",
		"include loop.conf;\nhttp {\n  server { listen 80; }\n  include deep.conf;\n}\n}\n"
		"events { worker_connections \"1024; }\n",
		0644);
	t_write(root, "etc/nginx/loop.conf", "include /etc/nginx/loop.conf;\n\x01\x02;\n", 0644);
	t_write(root, "etc/nginx/deep.conf", deep, 0644);
	free(deep);
	fx_open(&x, root);
	run_all(&x);
	/* the cycle, the control bytes, the nesting, the stray '}', the unterminated quote,
	 * the unclosed blocks: listed under WEB-001 */
	assert_true(fx_gaps(&x, "WEB-001") >= 5);
	/* the server that was read is still judged */
	assert_int_equal(fx_count(&x, "WEB-002"), 1);
	fx_done(&x, root);
}

/*
 * The static verdict against the running server: nginx of the services root (its binary and
 * libraries, through the root's dynamic loader) serves the configuration the checks read, on a
 * loopback port. Where WEB-002 says a location drops the server's headers, the response lacks
 * them; where it says the server sends them, they are there; WEB-001's version is in the
 * Server header until server_tokens off.
 */
static int http_get(const char *src, const char *root, const char *work, const char *path,
		    const char *out)
{
	char *script;
	int st;

	assert_true(
		asprintf(&script,
			 "set -e; R='%s'; W='%s'; L=$R/lib/x86_64-linux-gnu\n"
			 "$L/ld-linux-x86-64.so.2 --library-path $L:$R/usr/lib/x86_64-linux-gnu "
			 "$R/usr/sbin/nginx -c '%s/etc/nginx/nginx.conf' -p $W -e $W/err.log "
			 ">/dev/null 2>&1 &\npid=$!\n"
			 "trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT\n"
			 "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$(cat $W/port)) "
			 "2>/dev/null && break; sleep 0.1; done\n"
			 "exec 3<>/dev/tcp/127.0.0.1/$(cat $W/port)\n"
			 "printf 'GET %s HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n' >&3\n"
			 "timeout 5 cat <&3 > '%s'\nexec 3>&-\n",
			 src, work, root, path, out) > 0);
	t_write(work, "get.sh", script, 0644);
	free(script);
	st = t_sh("bash '%s/get.sh'", work);
	return st;
}

static void test_live_nginx(void **state)
{
	char *src = t_services_root(), *root, *work, *conf, resp[4096 + 32];
	int port = 20000 + (int)(getpid() % 20000) + 1;
	size_t n;
	char *body;
	struct fx x;

	T_REQUIRE(src, "no services root here (tests/fixtures/services-root.sh)");
	root = fx_debian_root();
	work = t_mkdtemp();
	assert_true(
		asprintf(&conf,
			 "daemon off;\npid %s/pid;\nevents {}\nhttp {\n"
			 "  access_log off;\n  client_body_temp_path %s;\n"
			 "  proxy_temp_path %s;\n  fastcgi_temp_path %s;\n  uwsgi_temp_path %s;\n"
			 "  scgi_temp_path %s;\n"
			 "  server {\n    listen 127.0.0.1:%d;\n    root %s;\n"
			 "    add_header Content-Security-Policy \"default-src 'self'\";\n"
			 "    add_header X-Content-Type-Options nosniff;\n"
			 "    add_header X-Frame-Options DENY;\n"
			 "    add_header Referrer-Policy no-referrer;\n"
			 "    location /a { add_header X-Test 1; }\n  }\n}\n",
			 work, work, work, work, work, work, port, work) > 0);
	t_write(root, "etc/nginx/nginx.conf", conf, 0644);
	free(conf);
	snprintf(resp, sizeof(resp), "%d", port);
	t_write(work, "port", resp, 0644);
	t_write(work, "index.html", "hi\n", 0644);
	t_write(work, "a/index.html", "a\n", 0644);
	fx_open(&x, root);
	fx_run(&x, "WEB-001");
	fx_run(&x, "WEB-002");
	/* static: the version is sent; the server sends its headers; location /a drops them */
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	assert_int_equal(fx_count(&x, "WEB-002"), 1);
	assert_non_null(strstr(fx_find(&x, "WEB-002", NULL)->value, "location /a"));
	fx_close(&x);
	snprintf(resp, sizeof(resp), "%s/resp", work);
	assert_int_equal(http_get(src, root, work, "/", resp), 0);
	body = t_slurp(resp, &n);
	assert_non_null(strstr(body, "Server: nginx/1."));
	assert_non_null(strstr(body, "Content-Security-Policy: default-src"));
	assert_non_null(strstr(body, "Referrer-Policy: no-referrer"));
	free(body);
	assert_int_equal(http_get(src, root, work, "/a/", resp), 0);
	body = t_slurp(resp, &n);
	assert_non_null(strstr(body, "X-Test: 1"));
	assert_null(strstr(body, "Content-Security-Policy"));
	assert_null(strstr(body, "X-Frame-Options"));
	free(body);
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
		cmocka_unit_test(test_debian_hardened), cmocka_unit_test(test_nginx_inheritance),
		cmocka_unit_test(test_roots_and_php),   cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_live_nginx),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
