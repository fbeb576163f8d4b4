/* fuzz_accounts.c — fuzz harness: passwd, shadow, group and gshadow parsers on one input */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inv_facts f;
	const char *d = (const char *)data;

	inv_facts_init(&f);
	inv_accounts_parse_passwd(&f, "/etc/passwd", d, size);
	inv_accounts_parse_shadow(&f, "/etc/shadow", d, size);
	inv_accounts_parse_group(&f, "/etc/group", d, size);
	inv_accounts_parse_gshadow(&f, "/etc/gshadow", d, size);
	for (size_t i = 0; i < f.n_accounts; i++)
		(void)inv_account_by_uid(&f, f.accounts[i].uid);
	inv_facts_release(&f);
	return 0;
}
