/* families.h — the list of check families, in catalogue order (docs, `imgaudit checks`, runs) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_FAMILIES_H
#define IA_CHECK_FAMILIES_H

#include "checks/check.h"

/*
 * Adding a family is its file, checks/NAME.c, defining `const struct chk_family
 * chk_family_NAME`, and one line X(NAME) here (CONTRIBUTING.md). The build reads this list
 * too: src/checks/meson.build compiles NAME.c and tests/checks/meson.build runs test_NAME.c
 * for each line, so keep one X(NAME) a line.
 */
#define CHK_FAMILIES(X)                                                                            \
	X(input)       /* files imgaudit could not read (from the problems) */                     \
	X(accounts)    /* passwords, hashes, PAM policy, privileged accounts */                    \
	X(files)       /* modes, owners, setuid programs */                                        \
	X(logging)     /* syslog, journald, login records, log rotation */                         \
	X(trust)       /* package manager sources and signatures */                                \
	X(leftovers)   /* history, keys, caches and build leftovers */                             \
	X(containers)  /* container image configuration */                                         \
	X(components)  /* software outside the package managers, web apps, JS libraries */         \
	X(kernel)      /* sysctl and boot settings kept in files */                                \
	X(ssh)         /* how sshd accepts logins (sshd_config, PAM) */                            \
	X(services)    /* network daemons from their configuration, boot services, firewall */     \
	X(integrity)   /* package file digests, programs of unknown origin */                      \
	X(persistence) /* cron, units, boot and shell files, preloads, modules, sudoers */         \
	X(agents)      /* each cloud's endpoint security agent */                                  \
	X(updates)     /* missing security updates, OS release end of life */                      \
	X(vulns)       /* installed packages against the vulnerability database */                 \
	X(web)         /* nginx and PHP configuration, web roots */                                \
	X(tls)         /* X.509 certificates and private keys */                                   \
	X(secrets)     /* credentials, tokens and cloud keys in files */                           \
	X(malware)     /* file contents scanned with YARA rules */

#define CHK_FAMILY_DECLARE(name) extern const struct chk_family chk_family_##name;
CHK_FAMILIES(CHK_FAMILY_DECLARE)
#undef CHK_FAMILY_DECLARE

#endif
