/* software_web.c — web applications (WordPress and its plugins and themes, Drupal, Joomla,
 * phpMyAdmin, Magento, Discuz!, MediaWiki, Roundcube, ...) and JavaScript libraries in web
 * roots, each versioned from its own files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>

#include "facts/facts.h"
#include "facts/internal.h"
#include "facts/software_int.h"
#include "target/target.h"

#include "util/banned.h"

/* Files of one WordPress plugin directory searched for the plugin header. */
#define SW_MAX_PLUGIN_FILES 64

/* ---- web applications ---- */

struct app_rule {
	const char *suffix; /* the file, from the application's directory */
	const char *name;
	const char *must;   /* text the file must hold too, or NULL */
	const char *marker; /* the version follows it */
	const char *how;
};

static const struct app_rule app_rules[] = {
	{"/wp-includes/version.php", "wordpress", NULL,
	 "$wp_version =", "$wp_version in wp-includes/version.php"},
	{"/core/lib/Drupal.php", "drupal", "class Drupal",
	 "const VERSION =", "Drupal::VERSION in core/lib/Drupal.php"},
	{"/includes/bootstrap.inc", "drupal", "DRUPAL_", "define('VERSION',",
	 "VERSION in includes/bootstrap.inc"},
	{"/administrator/manifests/files/joomla.xml", "joomla", NULL, "<version>",
	 "<version> in administrator/manifests/files/joomla.xml"},
	{"/libraries/classes/Version.php", "phpmyadmin", "namespace PhpMyAdmin",
	 "const VERSION =", "Version::VERSION in libraries/classes/Version.php"},
	{"/libraries/Config.php", "phpmyadmin", "PMA_VERSION", "'PMA_VERSION',",
	 "PMA_VERSION in libraries/Config.php"},
	{"/libraries/Config.class.php", "phpmyadmin", "PMA_VERSION", "'PMA_VERSION',",
	 "PMA_VERSION in libraries/Config.class.php"},
	{"/source/discuz_version.php", "discuz", NULL, "'DISCUZ_VERSION',",
	 "DISCUZ_VERSION in source/discuz_version.php"},
	{"/includes/Defines.php", "mediawiki", NULL, "'MW_VERSION',",
	 "MW_VERSION in includes/Defines.php"},
	{"/includes/DefaultSettings.php", "mediawiki", NULL,
	 "$wgVersion =", "$wgVersion in includes/DefaultSettings.php"},
	{"/program/include/iniset.php", "roundcube", NULL, "'RCMAIL_VERSION',",
	 "RCMAIL_VERSION in program/include/iniset.php"},
	{"/vendor/magento/magento2-base/composer.json", "magento", NULL,
	 "\"version\":", "\"version\" in vendor/magento/magento2-base/composer.json"},
	{"/includes/constants.php", "phpbb", "PHPBB_VERSION", "'PHPBB_VERSION',",
	 "PHPBB_VERSION in includes/constants.php"},
	{"/version.php", "nextcloud", "$OC_VersionString",
	 "$OC_VersionString =", "$OC_VersionString in version.php"},
};

static void add_app(struct sw_ctx *c, enum inv_comp_kind kind, const char *name,
		    const char *version, const char *path, const char *dir, const char *how,
		    const char *parent)
{
	struct sw_comp comp = {.name = name,
			       .version = version,
			       .ecosystem = "generic",
			       .path = path,
			       .how = how,
			       .parent = parent,
			       .dir = dir,
			       .kind = kind};

	sw_add(c, &comp);
}

/* Magento 1: app/Mage.php, getVersionInfo()'s 'major' => '1', 'minor' => '9', ... */
static void magento1(struct sw_ctx *c, const struct tgt_entry *e)
{
	static const char *const keys[] = {"'major'", "'minor'", "'revision'", "'patch'"};
	char v[IA_MAX_VERSION] = "", part[32], dir[IA_MAX_PATH];
	const char *info;

	if (sw_head(c, e, IA_MAX_SW_HEAD) < 0)
		return;
	info = sw_find(c->buf.data, c->buf.len, "function getVersionInfo");
	if (!info || !sw_find(c->buf.data, c->buf.len, "class Mage"))
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(keys); i++) {
		size_t rest = (size_t)(c->buf.data + c->buf.len - info);
		const char *k = sw_find(info, rest, keys[i]);

		if (!k || !sw_version_after(k, (size_t)(c->buf.data + c->buf.len - k), "=>", part,
					    sizeof(part)))
			return;
		snprintf(v + strlen(v), sizeof(v) - strlen(v), "%s%s", i ? "." : "", part);
	}
	snprintf(dir, sizeof(dir), "%.*s", (int)(strlen(e->path) - strlen("/app/Mage.php")),
		 e->path);
	add_app(c, INV_COMP_WEBAPP, "magento", v, e->path, dir, "getVersionInfo() in app/Mage.php",
		"");
}

/* ---- WordPress plugins and themes ---- */

struct wp_dir {
	struct sw_ctx *c;
	const char *root;
	bool themes;
};

/* A plugin's header in file path (Plugin Name:, Version:): true when it is one. */
static bool wp_plugin_header(struct sw_ctx *c, const struct tgt_entry *e, const char *dir,
			     const char *slug)
{
	char name[256], v[IA_MAX_VERSION];

	if (sw_head(c, e, 8192) < 0 ||
	    !sw_header(c->buf.data, c->buf.len, "Plugin Name:", name, sizeof(name)))
		return false;
	if (!sw_header(c->buf.data, c->buf.len, "Version:", v, sizeof(v)))
		v[0] = '\0';
	add_app(c, INV_COMP_PLUGIN, slug, v, e->path, dir,
		v[0] ? "Version: in the plugin's header" : "the plugin's header names no Version:",
		"wordpress");
	return true;
}

struct wp_scan {
	struct sw_ctx *c;
	const char *dir, *slug;
	bool found;
	unsigned files;
};

static void wp_plugin_php(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	struct wp_scan *s = arg;

	if (s->found || !S_ISREG(e->mode) || !sw_ends(e->path, ".php") ||
	    ++s->files > SW_MAX_PLUGIN_FILES)
		return;
	s->found = wp_plugin_header(s->c, e, s->dir, s->slug);
}

static void wp_entry(const struct tgt *t, const struct tgt_entry *e, void *arg)
{
	struct wp_dir *w = arg;
	struct sw_ctx *c = w->c;
	const char *slug = strrchr(e->path, '/') + 1;
	char path[IA_MAX_PATH], v[IA_MAX_VERSION], name[256];
	const struct tgt_entry *f;

	if (w->themes) {
		if (!S_ISDIR(e->mode))
			return;
		snprintf(path, sizeof(path), "%s/style.css", e->path);
		if (tgt_lookup(t, path, 0, &f) < 0 || !S_ISREG(f->mode) ||
		    sw_head(c, f, 8192) < 0 ||
		    !sw_header(c->buf.data, c->buf.len, "Theme Name:", name, sizeof(name)))
			return;
		if (!sw_header(c->buf.data, c->buf.len, "Version:", v, sizeof(v)))
			v[0] = '\0';
		add_app(c, INV_COMP_THEME, slug, v, path, e->path,
			v[0] ? "Version: in the theme's style.css" : "style.css names no Version:",
			"wordpress");
		return;
	}
	if (S_ISREG(e->mode)) { /* a single-file plugin */
		if (sw_ends(e->path, ".php"))
			wp_plugin_header(c, e, w->root, slug);
		return;
	}
	if (!S_ISDIR(e->mode))
		return;
	/* the main file is usually SLUG/SLUG.php; else any PHP file of the directory */
	snprintf(path, sizeof(path), "%s/%s.php", e->path, slug);
	if (tgt_lookup(t, path, 0, &f) == 0 && S_ISREG(f->mode) &&
	    wp_plugin_header(c, f, e->path, slug))
		return;
	struct wp_scan s = {.c = c, .dir = e->path, .slug = slug};

	inv_children(t, e->path, wp_plugin_php, &s);
	if (s.found)
		return;
	snprintf(path, sizeof(path), "%s/readme.txt", e->path);
	if (tgt_lookup(t, path, 0, &f) == 0 && S_ISREG(f->mode) && sw_head(c, f, 8192) == 0 &&
	    sw_header(c->buf.data, c->buf.len, "Stable tag:", v, sizeof(v)) &&
	    strcmp(v, "trunk") != 0)
		add_app(c, INV_COMP_PLUGIN, slug, v, path, e->path,
			"Stable tag: in the plugin's readme.txt", "wordpress");
}

static void wordpress_extras(struct sw_ctx *c, const char *root)
{
	char dir[IA_MAX_PATH + 32];
	struct wp_dir w = {.c = c, .root = root};

	snprintf(dir, sizeof(dir), "%s/wp-content/plugins", root);
	inv_children(c->t, dir, wp_entry, &w);
	w.themes = true;
	snprintf(dir, sizeof(dir), "%s/wp-content/themes", root);
	inv_children(c->t, dir, wp_entry, &w);
}

static void app_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	char v[IA_MAX_VERSION], dir[IA_MAX_PATH];

	if (strcmp(base, "Mage.php") == 0 && sw_ends(e->path, "/app/Mage.php")) {
		magento1(c, e);
		return;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(app_rules); i++) {
		const struct app_rule *r = &app_rules[i];
		const char *rb = strrchr(r->suffix, '/') + 1;

		if (strcmp(base, rb) != 0 || !sw_ends(e->path, r->suffix))
			continue;
		if (sw_head(c, e, IA_MAX_SW_HEAD) < 0 ||
		    (r->must && !sw_find(c->buf.data, c->buf.len, r->must)) ||
		    !sw_version_after(c->buf.data, c->buf.len, r->marker, v, sizeof(v)))
			continue;
		snprintf(dir, sizeof(dir), "%.*s", (int)(strlen(e->path) - strlen(r->suffix)),
			 e->path);
		if (!dir[0])
			snprintf(dir, sizeof(dir), "/");
		add_app(c, INV_COMP_WEBAPP, r->name, v, e->path, dir, r->how, "");
		if (strcmp(r->name, "wordpress") == 0)
			wordpress_extras(c, dir);
		return;
	}
}

/* ---- JavaScript libraries in web roots ---- */

/* Where web content lives: a library elsewhere (a package's documentation) is not served. */
static const char *const web_roots[] = {
	"/var/www/",      "/srv/",  "/usr/share/nginx/", "/usr/local/",       "/opt/",
	"/app/",          "/home/", "/var/lib/tomcat",   "/usr/share/tomcat", "/usr/share/httpd/",
	"/var/lib/jetty",
};

struct js_rule {
	const char *prefix; /* the file name starts with it (and ends in .js) */
	const char *name;   /* npm's name */
	const char *marker; /* the version follows it */
	bool at_start;      /* the marker opens the file */
	size_t within;      /* the marker lies within these first bytes */
};

static const struct js_rule js_rules[] = {
	{"jquery", "jquery", "/*! jQuery v", true, 64},
	{"jquery", "jquery", "jQuery JavaScript Library v", false, 256},
	{"jquery-migrate", "jquery-migrate", "/*! jQuery Migrate v", true, 64},
	{"jquery-migrate", "jquery-migrate", "jQuery Migrate - v", false, 256},
	{"", "jquery-ui", "/*! jQuery UI - v", true, 64},
	{"bootstrap", "bootstrap", "Bootstrap v", false, 256},
	{"angular", "angular", "AngularJS v", false, 256},
	{"lodash", "lodash", "VERSION = '", false, IA_MAX_SW_HEAD},
	{"lodash", "lodash", "VERSION=\"", false, IA_MAX_SW_HEAD},
	{"moment", "moment", "//! version : ", false, 256},
	{"underscore", "underscore", "Underscore.js ", false, 256},
	{"backbone", "backbone", "Backbone.js ", false, 256},
	{"vue", "vue", "Vue.js v", false, 256},
	{"react-dom", "react-dom", "@license React v", false, 256},
	{"react", "react", "@license React v", false, 256},
	{"handlebars", "handlebars", "handlebars v", false, 512},
	{"knockout", "knockout", "Knockout JavaScript library v", false, 256},
	{"d3", "d3", "d3js.org v", false, 256},
	{"purify", "dompurify", "@license DOMPurify ", false, 256},
	{"tinymce", "tinymce", "TinyMCE version ", false, 512},
};

static bool in_web_root(const char *path)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(web_roots); i++)
		if (strncmp(path, web_roots[i], strlen(web_roots[i])) == 0)
			return !strstr(path, "/node_modules/"); /* package.json covers those */
	return false;
}

static void add_js(struct sw_ctx *c, const struct tgt_entry *e, const char *name,
		   const char *version, const char *how)
{
	char dir[IA_MAX_PATH];
	struct sw_comp comp = {.name = name,
			       .version = version,
			       .ecosystem = "npm",
			       .path = e->path,
			       .how = how,
			       .dir = dir,
			       .kind = INV_COMP_JSLIB};

	sw_dirname(e->path, dir, sizeof(dir));
	sw_add(c, &comp);
}

/* Bytes of a JavaScript file's banner read first (every banner rule looks within them). */
#define SW_JS_BANNER 1024

static void js_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	char v[IA_MAX_VERSION], how[128];
	bool whole = false;
	size_t n;

	if (sw_head(c, e, SW_JS_BANNER) < 0)
		return;
	for (size_t i = 0; i < IA_ARRAY_SIZE(js_rules); i++) {
		const struct js_rule *r = &js_rules[i];

		if (strncmp(base, r->prefix, strlen(r->prefix)) != 0)
			continue;
		/* jquery-migrate's files are not jQuery's */
		if (strcmp(r->name, "jquery") == 0 && strncmp(base, "jquery-migrate", 14) == 0)
			continue;
		if (r->within > SW_JS_BANNER && !whole) {
			if (sw_head(c, e, IA_MAX_SW_HEAD) < 0)
				return;
			whole = true;
		}
		n = c->buf.len < r->within ? c->buf.len : r->within;
		if (r->at_start && strncmp(c->buf.data, r->marker, strlen(r->marker)) != 0)
			continue;
		if (!sw_version_after(c->buf.data, n, r->marker, v, sizeof(v)))
			continue;
		snprintf(how, sizeof(how), "\"%s\" in the file's %s", r->marker,
			 r->within > SW_JS_BANNER ? "code" : "banner");
		add_js(c, e, r->name, v, how);
		return;
	}
	/* jQuery UI's files one widget each ("jQuery UI Button 1.9.2", "jQuery UI Effects Blind
	 * 1.9.2") whatever their name, known by jqueryui.com in the banner */
	n = c->buf.len < 512 ? c->buf.len : 512;
	const char *m = sw_find(c->buf.data, n, "* jQuery UI ");

	if (!m || !sw_find(c->buf.data, n, "jqueryui.com"))
		return;
	const char *eol = memchr(m, '\n', (size_t)(c->buf.data + n - m)), *p = m + 12;
	unsigned words = 0;

	if (!eol)
		return;
	/* one or two capitalised words, then the version */
	while (p < eol && words <= 2 && *p >= 'A' && *p <= 'Z') {
		while (p < eol && *p != ' ')
			p++;
		words++;
		if (p < eol)
			p++;
	}
	if (words >= 1 && words <= 2 && p < eol && *p >= '0' && *p <= '9' &&
	    sw_version_after(p - 1, (size_t)(eol - p + 1), " ", v, sizeof(v)))
		add_js(c, e, "jquery-ui", v, "\"jQuery UI\" banner of a jQuery UI widget file");
}

void sw_web_file(struct sw_ctx *c, const struct tgt_entry *e, const char *base)
{
	if (sw_ends(base, ".js")) {
		if (in_web_root(e->path))
			js_file(c, e, base);
		return;
	}
	app_file(c, e, base);
}
