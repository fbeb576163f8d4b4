/* tls.h — what the tls family examines, for the secrets family to leave alone */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECK_TLS_H
#define IA_CHECK_TLS_H

#include <stdbool.h>

/*
 * true for an image path the tls family reads as certificate or key material by its name and
 * place (*.pem, *.crt, *.key, id_rsa…, files in a private/ directory of /etc/ssl or /etc/pki;
 * not in third-party packages' test directories):
 * the secrets family does not report private key blocks in them again.
 */
bool chk_tls_candidate(const char *path);

/* Days before a certificate's end that TLS-002 reports it as expiring (chk_opts.cert_days 0). */
#define CHK_CERT_DAYS_DEFAULT 30

#endif
