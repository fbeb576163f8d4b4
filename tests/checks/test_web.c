/* test_web.c — unit tests of the web family (WEB-001..010): nginx blocks and add_header
 * inheritance, Apache httpd sections and includes, Tomcat, PHP settings, web roots, the Debian
 * defaults and a hardened variant, and the running nginx and httpd against the static verdicts */
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
	fx_run_family(x, "WEB", 10);
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
 * Debian 12's nginx, apache2 with libapache2-mod-php8.2, php8.2-fpm, tomcat10 with
 * tomcat10-admin and tomcat10-examples as their packages (and postinsts) leave them. A reviewer
 * expects:
 * - WEB-001: nginx sends its version (server_tokens not set); Apache's security.conf says
 *   ServerTokens OS and ServerSignature On; Tomcat's server.xml has no ErrorReportValve with
 *   showServerInfo="false", so its error pages name the version;
 * - WEB-002: nginx's default site and Apache's 000-default <VirtualHost *:80> send no security
 *   header (CSP, X-Content-Type-Options, X-Frame-Options, Referrer-Policy; no HSTS asked of a
 *   plain-HTTP server);
 * - WEB-003: apache2.conf's <Directory /var/www/> has Options Indexes with mod_autoindex on;
 * - WEB-005: the default pages of nginx, Apache and Tomcat, and the examples, manager and
 *   host-manager applications tomcat10-examples and tomcat10-admin deploy by their context
 *   descriptors in /etc/tomcat10/Catalina/localhost;
 * - WEB-009: php8.2.conf maps .php to the PHP module while /var/www holds no PHP file.
 * Not found: TRACE (security.conf has TraceEnable Off), TLS (no ssl module, no nginx TLS
 * server), Tomcat users (all commented out in tomcat-users.xml), PHP settings
 * (php.ini-production for fpm and apache2). serve-cgi-bin.conf's ScriptAlias is inside
 * <IfModule mod_cgi.c>/<IfModule mod_cgid.c>, and neither is enabled: no CGI handler.
 */
static void test_debian_default(void **state)
{
	char *root = t_services_root();
	const struct fnd_finding *f;
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_findings, 14);
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(fx_count(&x, "WEB-001"), 4);
	f = fx_find(&x, "WEB-001", "/etc/nginx/nginx.conf");
	assert_non_null(f);
	assert_string_equal(f->value, "server_tokens not set (default on)");
	f = fx_find(&x, "WEB-001", "/etc/apache2/conf-enabled/security.conf");
	assert_non_null(f);
	assert_string_equal(f->value, "ServerTokens OS");
	assert_string_equal(x.r.findings[f - x.r.findings + 1].value, "ServerSignature On");
	f = fx_find(&x, "WEB-001", "/etc/tomcat10/server.xml");
	assert_non_null(f);
	assert_string_equal(f->value, "ErrorReportValve showServerInfo not false");
	assert_int_equal(fx_count(&x, "WEB-002"), 2);
	f = fx_find(&x, "WEB-002", "/etc/nginx/sites-enabled/default");
	assert_non_null(f);
	assert_non_null(strstr(f->value, "Content-Security-Policy, X-Content-Type-Options, "
					 "X-Frame-Options, Referrer-Policy"));
	assert_null(strstr(f->value, "Strict-Transport-Security"));
	f = fx_find(&x, "WEB-002", "/etc/apache2/sites-enabled/000-default.conf");
	assert_non_null(f);
	assert_int_equal(f->line, 1);
	assert_string_equal(f->value,
			    "<VirtualHost *:80>: no Header set for Content-Security-Policy, "
			    "X-Content-Type-Options, X-Frame-Options, Referrer-Policy");
	assert_int_equal(fx_count(&x, "WEB-003"), 1);
	f = fx_find(&x, "WEB-003", "/etc/apache2/apache2.conf");
	assert_non_null(f);
	assert_string_equal(f->value, "Options Indexes FollowSymLinks in <Directory /var/www/>");
	assert_int_equal(fx_count(&x, "WEB-005"), 6);
	assert_non_null(fx_find(&x, "WEB-005", "/var/www/html/index.html"));
	assert_non_null(fx_find(&x, "WEB-005", "/var/www/html/index.nginx-debian.html"));
	assert_non_null(fx_find(&x, "WEB-005", "/var/lib/tomcat10/webapps/ROOT/index.html"));
	assert_non_null(fx_find(&x, "WEB-005", "/etc/tomcat10/Catalina/localhost/examples.xml"));
	assert_non_null(fx_find(&x, "WEB-005", "/etc/tomcat10/Catalina/localhost/manager.xml"));
	assert_non_null(
		fx_find(&x, "WEB-005", "/etc/tomcat10/Catalina/localhost/host-manager.xml"));
	assert_int_equal(fx_count(&x, "WEB-009"), 1);
	f = fx_find(&x, "WEB-009", "/etc/apache2/mods-enabled/php8.2.conf");
	assert_non_null(f);
	assert_string_equal(f->value, "SetHandler application/x-httpd-php");
	fx_clean(&x, "WEB-008");
	fx_clean(&x, "WEB-010");
	fx_close(&x);
	free(root);
}

/* Hardened: server_tokens off and the headers in nginx's default server; Apache with
 * ServerTokens Prod, ServerSignature Off, mod_headers on and the headers set server-wide,
 * Options without Indexes, the PHP module off; Tomcat's error pages without the version and its
 * sample and administration applications removed; the default pages removed: nothing found,
 * nothing left unexamined. */
static void test_debian_hardened(void **state)
{
	char *root = t_services_slice("etc var/www var/lib/tomcat10");
	struct fx x;

	T_REQUIRE(root, "no services root here (tests/fixtures/services-root.sh)");
	assert_int_equal(
		t_sh("set -e; cd '%s'; rm -rf var/www/html/index*.html "
		     "var/lib/tomcat10/webapps/ROOT/index.html etc/tomcat10/Catalina/localhost/*; "
		     "cd etc/apache2; rm mods-enabled/php8.2.*; "
		     "ln -s ../mods-available/headers.load mods-enabled/headers.load; "
		     "sed -i -e 's/^ServerTokens OS/ServerTokens Prod/' "
		     "-e 's/^ServerSignature On/ServerSignature Off/' "
		     "conf-available/security.conf; "
		     "printf '%%s\\n' 'Header always set Content-Security-Policy \"default-src "
		     "'\\''self'\\''\"' 'Header always set X-Content-Type-Options nosniff' "
		     "'Header always set X-Frame-Options DENY' "
		     "'Header always set Referrer-Policy no-referrer' >> "
		     "conf-available/security.conf; "
		     "sed -i 's/Options Indexes FollowSymLinks/Options FollowSymLinks/' "
		     "apache2.conf; "
		     "cd ../tomcat10; sed -i 's|autoDeploy=\"true\">|&<Valve "
		     "className=\"org.apache.catalina.valves.ErrorReportValve\" "
		     "showServerInfo=\"false\" showReport=\"false\"/>|' server.xml; "
		     "grep -q showServerInfo server.xml; cd ../..; "
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
 * httpd's reading: Include with a glob (relative to ServerRoot) and of a directory, <IfModule>
 * by the LoadModule lines read before it, <IfDefine> by Define, ${VAR} from Define and
 * Debian's envvars, a backslash continuing a line, sections as contexts; each virtual host
 * judged with what it inherits.
 */
static void test_apache_sections(void **state)
{
	char *root = fx_debian_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/apache2/envvars", "export APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n",
		0644);
	t_write(root, "etc/apache2/apache2.conf",
		"# a comment\nServerRoot /etc/apache2\nInclude mods/*.load\n"
		"Define TLSON\nDefine LOGS ${APACHE_LOG_DIR}\n"
		"ErrorLog ${LOGS}/error.log\n"
		"<IfModule mod_nothere.c>\n  ServerTokens Full\n  <IfModule x>\n  </IfModule>\n"
		"</IfModule>\n<IfModule !headers_module>\n  ServerTokens Major\n</IfModule>\n"
		"<IfModule headers_module>\n  ServerTokens \\\n    Prod\n"
		"  Header always set X-Frame-Options DENY\n</IfModule>\n"
		"TraceEnable off\nInclude sites\nIncludeOptional none/*.conf\n",
		0644);
	t_write(root, "etc/apache2/mods/headers.load",
		"LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n", 0644);
	t_write(root, "etc/apache2/mods/rewrite.load",
		"LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n"
		"LoadModule autoindex_module /usr/lib/apache2/modules/mod_autoindex.so\n",
		0644);
	t_write(root, "etc/apache2/sites/a.conf",
		"<VirtualHost *:443>\n  DocumentRoot /srv/a\n  SSLEngine on\n"
		"  SSLProtocol all -SSLv3 -TLSv1\n  SSLCipherSuite HIGH:!aNULL:RC4-MD5\n"
		"  TraceEnable on\n  RewriteEngine On\n"
		"  RewriteCond %{REQUEST_METHOD} ^(TRACE|TRACK)\n  RewriteRule .* - [F]\n"
		"  <Directory /srv/a>\n    Options +Indexes\n"
		"    Header set Content-Security-Policy \"frame-ancestors 'none'\"\n"
		"  </Directory>\n</VirtualHost>\n",
		0644);
	t_write(root, "etc/apache2/sites/b.conf",
		"<IfDefine TLSON>\n<VirtualHost *:8443>\n  SSLEngine on\n"
		"  SSLProtocol TLSv1.2 +TLSv1.3\n  TraceEnable extended\n"
		"  <Location /x>\n    Header set Referrer-Policy no-referrer\n  </Location>\n"
		"</VirtualHost>\n</IfDefine>\n<IfDefine !TLSON>\n<VirtualHost *:9>\n"
		"</VirtualHost>\n</IfDefine>\n",
		0644);
	t_write(root, "etc/apache2/sites/more/c.conf", "ServerSignature EMail\n", 0644);
	fx_open(&x, root);
	run_all(&x);
	assert_int_equal(x.r.n_gaps, 0);
	/* the continued line ServerTokens Prod, the false <IfModule> skipped; the signature of
	 * the file in a subdirectory of the included directory */
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	assert_string_equal(fx_find(&x, "WEB-001", "/etc/apache2/sites/more/c.conf")->value,
			    "ServerSignature EMail");
	/* the ${LOGS} of ${APACHE_LOG_DIR}, $SUFFIX empty */
	assert_string_equal(inv_conf_last(&x.f.svc.httpd, "ErrorLog", -1)->value,
			    "/var/log/apache2/error.log");
	/* a: X-Frame-Options server-wide, CSP frame-ancestors over its root, not the rest */
	assert_int_equal(fx_count(&x, "WEB-002"), 2);
	f = fx_find(&x, "WEB-002", "/etc/apache2/sites/a.conf");
	assert_string_equal(f->value, "<VirtualHost *:443>: no Header set for "
				      "X-Content-Type-Options, Referrer-Policy, "
				      "Strict-Transport-Security");
	/* b: its <Location /x> header covers only /x */
	f = fx_find(&x, "WEB-002", "/etc/apache2/sites/b.conf");
	assert_non_null(strstr(f->value, "Referrer-Policy"));
	assert_int_equal(f->line, 2);
	/* a's TLSv1.1 (all -SSLv3 -TLSv1) and RC4-MD5; b's TLSv1.2 TLSv1.3 are fine */
	assert_int_equal(fx_count(&x, "WEB-004"), 2);
	f = fx_find(&x, "WEB-004", "/etc/apache2/sites/a.conf");
	assert_int_equal(f->line, 4);
	/* a refuses TRACE by mod_rewrite; b answers it (extended) */
	assert_int_equal(fx_count(&x, "WEB-008"), 1);
	f = fx_find(&x, "WEB-008", "/etc/apache2/sites/b.conf");
	assert_string_equal(f->value, "TraceEnable extended");
	assert_int_equal(fx_count(&x, "WEB-003"), 1);
	assert_int_equal(fx_find(&x, "WEB-003", "/etc/apache2/sites/a.conf")->line, 11);
	/* the vhost of <IfDefine !TLSON> is not read */
	assert_int_equal(x.f.svc.httpd.n_ctx, 4);
	fx_done(&x, root);
}

/* Hostile httpd files: an include cycle, a missing Include, control bytes, unclosed and
 * mismatched sections, deep nesting, a file over the size bound: each listed, the rest judged. */
static void test_apache_malformed(void **state)
{
	char *root = fx_debian_root();
	char *deep = malloc(100 * 16 + 1);
	struct fx x;

	assert_non_null(deep);
	deep[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(deep, "<Directory /x>\n");
	t_write(root, "etc/apache2/apache2.conf",
		"Include loop.conf\nInclude missing.conf\nInclude deep.conf\nInclude bin.conf\n"
		"Include open.conf\nInclude big.conf\n<VirtualHost *:80>\n</Directory>\n"
		"</VirtualHost>\nServerTokens Full\n<IfModule x\n",
		0644);
	t_write(root, "etc/apache2/loop.conf", "Include /etc/apache2/loop.conf\n", 0644);
	t_write(root, "etc/apache2/deep.conf", deep, 0644);
	t_write(root, "etc/apache2/bin.conf", "ServerSignature On\n\x01\x02\x7f\x00garbage\n",
		0644);
	t_write(root, "etc/apache2/open.conf", "<VirtualHost *:81>\nDocumentRoot \"/x\n", 0644);
	free(deep);
	assert_int_equal(t_sh("head -c %u /dev/zero | tr '\\0' '#' > '%s/etc/apache2/big.conf'",
			      5u * 1024 * 1024, root),
			 0);
	fx_open(&x, root);
	run_all(&x);
	/* cycle, missing include, nesting, control bytes, unclosed <VirtualHost>, unterminated
	 * quote, too big, mismatched </Directory>, the section without '>' */
	assert_true(fx_gaps(&x, "WEB-001") >= 9);
	/* what was read is judged: ServerSignature On before the garbage, ServerTokens Full */
	assert_int_equal(fx_count(&x, "WEB-001"), 2);
	fx_done(&x, root);
}

/* Tomcat's users and server.xml: commented users ignored, digests not judged, the password
 * never shown; a Connector naming a version. */

/* SR-2.9: a PHP or CGI handler is judged against what the web roots hold: nginx passing .php
 * to FastCGI and httpd's ScriptAlias with mod_cgid, first with nothing to run, then with a PHP
 * file and a CGI program in place. */
static void test_handlers(void **state)
{
	char *root = fx_debian_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/nginx/nginx.conf",
		"events {}\nhttp {\n  server {\n    root /srv/site;\n"
		"    location ~ \\.php$ {\n      fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n"
		"    }\n  }\n}\n",
		0644);
	t_write(root, "etc/apache2/apache2.conf",
		"LoadModule cgid_module /usr/lib/apache2/modules/mod_cgid.so\n"
		"DocumentRoot /srv/site\nScriptAlias /cgi-bin/ /usr/lib/cgi-bin/\n",
		0644);
	t_write(root, "srv/site/index.html", "hi\n", 0644);
	t_write(root, "usr/lib/cgi-bin/.keep", "", 0644);
	fx_open(&x, root);
	fx_run(&x, "WEB-009");
	assert_int_equal(fx_count(&x, "WEB-009"), 2);
	f = fx_find(&x, "WEB-009", "/etc/nginx/nginx.conf");
	assert_int_equal(f->line, 6);
	assert_non_null(strstr(f->title, "nginx maps requests to PHP"));
	f = fx_find(&x, "WEB-009", "/etc/apache2/apache2.conf");
	assert_int_equal(f->line, 3);
	assert_non_null(strstr(f->title, "to CGI"));
	fx_close(&x);
	t_write(root, "srv/site/app/index.php", "<?php echo 1;\n", 0644);
	t_write(root, "usr/lib/cgi-bin/hello", "#!/bin/sh\necho hi\n", 0755);
	fx_open(&x, root);
	fx_run(&x, "WEB-009");
	fx_clean(&x, "WEB-009");
	fx_done(&x, root);
}

static void test_tomcat(void **state)
{
	char *root = fx_debian_root();
	const struct fnd_finding *f;
	struct fx x;

	t_write(root, "etc/tomcat9/tomcat-users.xml",
		"<?xml version='1.0'?>\n<tomcat-users>\n"
		"<!-- <user username=\"admin\" password=\"admin\" roles=\"manager-gui\"/> -->\n"
		"<user username=\"tomcat\" password=\"s3cret\" roles=\"manager-gui,admin-gui\"/>\n"
		"<user\n  username='deploy'\n  password=''\n  roles='manager-script'/>\n"
		"<user username=\"ops\" password=\"Zq8!vT2#mW9$\" roles=\"manager-gui\"/>\n"
		"<user username=\"robot\" password=\"{SHA-256}0123456789abcdef0123456789abcdef"
		"0123456789abcdef0123456789abcdef\" roles=\"x\"/>\n"
		"<user username=\"joe\" password=\"joe\"/>\n<user username=\"unterminated\n",
		0644);
	t_write(root, "opt/apache-tomcat-10.1.1/conf/server.xml",
		"<Server>\n<Service>\n<Connector port=\"8080\" server=\"Apache-Coyote/1.1\"/>\n"
		"<Engine>\n<Host name=\"localhost\">\n"
		"<Valve className=\"org.apache.catalina.valves.ErrorReportValve\" "
		"showServerInfo=\"false\"/>\n</Host></Engine></Service></Server>\n",
		0644);
	t_write(root, "etc/tomcat9/server.xml", "<Server>\x01<!-- never closed <Host name=\"x\">\n",
		0644);
	fx_open(&x, root);
	run_all(&x);
	/* the unterminated <user and the unterminated comment: not examined, said so */
	assert_int_equal(fx_gaps(&x, "WEB-010"), 1);
	assert_int_equal(fx_gaps(&x, "WEB-001"), 1);
	assert_int_equal(fx_count(&x, "WEB-010"), 3);
	f = fx_find(&x, "WEB-010", "/etc/tomcat9/tomcat-users.xml");
	assert_int_equal(f->line, 4);
	assert_string_equal(f->value, "user tomcat (roles manager-gui,admin-gui): password a "
				      "default or common password");
	for (size_t i = 0; i < x.r.n_findings; i++) {
		assert_null(strstr(x.r.findings[i].title, "s3cret"));
		assert_null(strstr(x.r.findings[i].value, "s3cret"));
	}
	assert_non_null(strstr(x.r.findings[f - x.r.findings + 1].value, "user deploy"));
	assert_int_equal(x.r.findings[f - x.r.findings + 1].line, 5);
	assert_non_null(strstr(x.r.findings[f - x.r.findings + 2].value, "user joe"));
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	f = fx_find(&x, "WEB-001", "/opt/apache-tomcat-10.1.1/conf/server.xml");
	assert_int_equal(f->line, 3);
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

/*
 * httpd of the services root (its binary, modules and libraries, through the root's dynamic
 * loader) serving the configuration the checks read, two virtual hosts on loopback ports: the
 * first sets nothing, the second TraceEnable off and the four headers. WEB-008 says the first
 * answers TRACE and the second does not; WEB-002 says the first sends no security header; the
 * running server agrees (TRACE echoed with 200 and message/http, or refused with 405; headers
 * there or not), and WEB-001's ServerTokens OS is the Server header's version. httpd runs in a
 * session of its own: stopping, it signals its whole process group.
 */
static void apache_requests(const char *src, const char *root, const char *work, int port)
{
	char *script;

	assert_true(asprintf(&script,
			     "set -e; R='%s'; W='%s'; L=$R/lib/x86_64-linux-gnu\n"
			     "setsid $L/ld-linux-x86-64.so.2 --library-path "
			     "$L:$R/usr/lib/x86_64-linux-gnu "
			     "$R/usr/sbin/apache2 -f '%s/etc/apache2/apache2.conf' -DFOREGROUND "
			     ">$W/out.log 2>&1 &\npid=$!\n"
			     "trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT\n"
			     "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/%d) "
			     "2>/dev/null && break; sleep 0.1; done\n"
			     "ask() { exec 3<>/dev/tcp/127.0.0.1/$1; "
			     "printf '%%s / HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n' $2 >&3; "
			     "timeout 5 cat <&3 > $W/$3; exec 3>&-; }\n"
			     "ask %d GET a.get; ask %d TRACE a.trace; ask %d GET b.get; "
			     "ask %d TRACE b.trace\n",
			     src, work, root, port, port, port, port + 1, port + 1) > 0);
	t_write(work, "ask.sh", script, 0644);
	free(script);
	assert_int_equal(t_sh("bash '%s/ask.sh'", work), 0);
}

static char *work_file(const char *work, const char *name)
{
	char p[4096];
	size_t n;

	snprintf(p, sizeof(p), "%s/%s", work, name);
	return t_slurp(p, &n);
}

static void test_live_apache(void **state)
{
	char *src = t_services_root(), *root, *work, *conf, *body, bin[4096];
	int port = 20000 + (int)((getpid() + 7) % 20000) + 1;
	struct fx x;

	T_REQUIRE(src, "no services root here (tests/fixtures/services-root.sh)");
	snprintf(bin, sizeof(bin), "%s/usr/sbin/apache2", src);
	T_REQUIRE(access(bin, X_OK) == 0, "no apache2 binary in the services root");
	root = fx_debian_root();
	work = t_mkdtemp();
	assert_int_equal(t_sh("chmod 755 '%s'", work), 0);
	t_write(work, "www/index.html", "hi\n", 0644);
	assert_true(asprintf(&conf,
			     "ServerRoot %s\nPidFile %s/pid\nErrorLog %s/err.log\n"
			     "Mutex file:%s default\nUser #65534\nGroup #65534\n"
			     "LoadModule mpm_prefork_module %s/usr/lib/apache2/modules/"
			     "mod_mpm_prefork.so\n"
			     "LoadModule headers_module %s/usr/lib/apache2/modules/mod_headers.so\n"
			     "ServerName localhost\nServerTokens OS\n"
			     "Listen 127.0.0.1:%d\nListen 127.0.0.1:%d\n"
			     "<VirtualHost 127.0.0.1:%d>\n  DocumentRoot %s/www\n</VirtualHost>\n"
			     "<VirtualHost 127.0.0.1:%d>\n  DocumentRoot %s/www\n"
			     "  TraceEnable off\n"
			     "  Header always set Content-Security-Policy \"default-src 'self'\"\n"
			     "  Header always set X-Content-Type-Options nosniff\n"
			     "  Header always set X-Frame-Options DENY\n"
			     "  Header always set Referrer-Policy no-referrer\n</VirtualHost>\n",
			     work, work, work, work, src, src, port, port + 1, port, work, port + 1,
			     work) > 0);
	t_write(root, "etc/apache2/apache2.conf", conf, 0644);
	free(conf);
	fx_open(&x, root);
	fx_run(&x, "WEB-001");
	fx_run(&x, "WEB-002");
	fx_run(&x, "WEB-008");
	assert_int_equal(x.r.n_gaps, 0);
	assert_int_equal(fx_count(&x, "WEB-001"), 1);
	assert_string_equal(fx_find(&x, "WEB-001", NULL)->value, "ServerTokens OS");
	assert_int_equal(fx_count(&x, "WEB-002"), 1);
	assert_int_equal(fx_find(&x, "WEB-002", NULL)->line, 13);
	assert_int_equal(fx_count(&x, "WEB-008"), 1);
	assert_int_equal(fx_find(&x, "WEB-008", NULL)->line, 13);
	fx_close(&x);
	apache_requests(src, root, work, port);
	body = work_file(work, "a.get");
	assert_non_null(strstr(body, "Server: Apache/2.4."));
	assert_null(strstr(body, "X-Frame-Options"));
	free(body);
	body = work_file(work, "a.trace");
	assert_non_null(strstr(body, "HTTP/1.1 200 "));
	assert_non_null(strstr(body, "message/http"));
	free(body);
	body = work_file(work, "b.get");
	assert_non_null(strstr(body, "X-Frame-Options: DENY"));
	assert_non_null(strstr(body, "Content-Security-Policy: default-src 'self'"));
	assert_non_null(strstr(body, "Referrer-Policy: no-referrer"));
	assert_non_null(strstr(body, "X-Content-Type-Options: nosniff"));
	free(body);
	body = work_file(work, "b.trace");
	assert_non_null(strstr(body, "HTTP/1.1 405 "));
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
		cmocka_unit_test(test_absent),           cmocka_unit_test(test_debian_default),
		cmocka_unit_test(test_debian_hardened),  cmocka_unit_test(test_nginx_inheritance),
		cmocka_unit_test(test_roots_and_php),    cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_live_nginx),       cmocka_unit_test(test_apache_sections),
		cmocka_unit_test(test_apache_malformed), cmocka_unit_test(test_tomcat),
		cmocka_unit_test(test_live_apache),      cmocka_unit_test(test_handlers),
	};

	return T_RUN_GROUP(tests, NULL, NULL);
}
