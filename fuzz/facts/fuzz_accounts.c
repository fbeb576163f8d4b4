/* fuzz_accounts.c — fuzz harness: passwd, shadow, group and gshadow parsers on one input, and
 * the cost parameters of the hashes they hold */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "checks/accounts.h"
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
	for (size_t i = 0; i < f.n_accounts; i++) {
		struct chk_hash_cost c;

		(void)inv_account_by_uid(&f, f.accounts[i].uid);
		/* the cost parameters of each hash, read before any guess is hashed */
		if (f.accounts[i].hash)
			(void)chk_hash_cost(f.accounts[i].hash, &c);
		(void)chk_hash_cost(f.accounts[i].passwd, &c);
	}
	inv_facts_release(&f);
	return 0;
}
