/* fuzz_layer.c — fuzz harness: bytes as a container layer tar, or as an image config JSON */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>

#include "target/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* First byte: even = layer tar (any compression), odd = image config JSON; the rest is the input.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ia_err err = {0};

	if (size < 1)
		return 0;
	if (data[0] % 2 == 0) {
		/* small limits so a fuzzed bomb stops fast */
		struct tgt_opts o = {.ratio_grace = 1u << 20, .max_image_size = 64u << 20};
		struct tgt *t = NULL;
		const struct tgt_entry *e;
		struct ia_buf b = IA_BUF_INIT(1u << 20);
		struct tgt_xattrs xa = {0};

		tgt_open_layer_mem(data + 1, size - 1, &o, &t, &err);
		if (!t)
			return 0;
		/* resolve and read every entry, as the checks would */
		for (size_t i = 0; i < tgt_count(t); i++) {
			tgt_read(t, tgt_at(t, i)->path, 1u << 20, &b, NULL, &err);
			tgt_lookup(t, tgt_at(t, i)->path, 0, &e);
			tgt_xattrs_read(t, tgt_at(t, i), &xa);
		}
		tgt_xattrs_release(&xa);
		ia_buf_release(&b);
		tgt_free(t);
	} else {
		struct tgt_image_config *c = NULL;

		if (tgt_parse_config((const char *)data + 1, size - 1, &c, &err) == 0)
			tgt_config_free(c);
	}
	return 0;
}
