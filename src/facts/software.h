/* software.h — software outside the package managers: servers, language packages, web applications,
 * JS libraries */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_FACTS_SOFTWARE_H
#define IA_FACTS_SOFTWARE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/problem.h"

/* What a component is. */
enum inv_comp_kind {
	INV_COMP_SERVER =
		1,        /* a server or runtime installed by hand: PHP, Tomcat, nginx, OpenJDK */
	INV_COMP_LIBRARY, /* a language package: npm, PyPI, Maven, Go module, Composer */
	INV_COMP_WEBAPP,  /* a web application: WordPress, phpMyAdmin, MediaWiki */
	INV_COMP_PLUGIN,  /* a plugin or extension of a web application */
	INV_COMP_THEME,   /* a theme of a web application */
	INV_COMP_JSLIB,   /* a JavaScript library file in a web root (jQuery, Bootstrap) */
};

/*
 * One component. Strings live in the facts' pool and are never NULL.
 * Only files no package of the image owns are read: what a package owns is the package's
 * (the OS package checks cover it).
 */
struct inv_component {
	const char *name;      /* "php", "wordpress", "jquery", "org.apache.commons:commons-text" */
	const char *version;   /* as the evidence writes it; "" when it could not be read */
	const char *ecosystem; /* OSV's ecosystem name: "npm", "PyPI", "Maven", "Go", "Packagist",
				* or "generic" (none covers it) */
	enum inv_comp_kind kind;
	const char *path;   /* image path of the evidence file; inside an archive
			     * "/srv/app.war!/WEB-INF/lib/x.jar!/META-INF/MANIFEST.MF" */
	const char *how;    /* how the version was read: "$wp_version in wp-includes/version.php" */
	const char *parent; /* for a plugin or theme, the application's name; for a Go module, the
			     * binary's main module; for a jar inside an archive, the outer archive;
			     * else "" */
	const char *dir;    /* the installation or application directory, "" when none */
};

struct inv_software {
	struct inv_component *v;
	size_t n, cap;
	bool full; /* IA_MAX_COMPONENTS reached; the rest are not listed (an issue says so) */
	/* What could not be read (area "software"): a file over its limit, malformed JSON or
	 * manifest, an archive bomb. Code 0: something skipped inside a file that was read. */
	struct ia_problems issues;
	/* dedup map of "name\0version\0dir" for JS libraries (keys in the pool) */
	struct ia_hmap *seen;
};

/* "server", "library", "webapp", "plugin", "theme", "jslib" */
const char *inv_comp_kind_name(enum inv_comp_kind k);
void inv_software_release(struct inv_software *s);

#endif
