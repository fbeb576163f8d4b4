/* fuzz_lvm.c — fuzz harness: bytes as the head of an LVM2 physical volume, its metadata read */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz_mem.h"
#include "target/disk.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Two kinds of input. A PV: its size (8 bytes, little-endian; 2^40 and beyond allowed), then its
 * first bytes, the rest reading as zeros. Or "IALVMTXT" and a metadata text, which the harness
 * wraps in a PV of 64 MiB with a valid label, PV header and metadata area, checksums computed, so
 * that mutations reach the text parser rather than fail a CRC.
 * Seeds (corpus-lvm/, made here from what lvm2 2.03.16 wrote on a loop device, as in
 * tests/fixtures/lvm-images.sh): pv-tiny (the first 32 KiB of a PV of a two-PV VG with a linear
 * LV on each), pv-four-lvs (the same of a PV with four LVs, one in two segments, and a swap LV),
 * and as texts: txt-four-lvs (that PV's text), txt-snapshot (with a snapshot, its store and a
 * thin LV), txt-hostile (an LV on itself, shared extents, a gap, a stripe past its PV).
 */

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t lvm_crc(const uint8_t *p, size_t n)
{
	return ~(uint32_t)crc32(~0xf597a6cfu & 0xffffffffu, p, (uInt)n);
}

#define MDA 4096u
#define MDA_SIZE (1024u * 1024 - MDA)

/* A PV whose metadata area holds text (n bytes, at most MDA_SIZE - 512): its first bytes. */
static uint8_t *wrap_text(const uint8_t *text, size_t n, size_t *len)
{
	uint8_t *b = calloc(1, MDA + 512 + n), *l = b + 512, *h = b + MDA;

	if (!b)
		return NULL;
	memcpy(l, "LABELONE", 8);
	put64(l + 8, 1);
	put32(l + 20, 32);
	memcpy(l + 24, "LVM2 001", 8);
	memcpy(l + 32, "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz", 32);
	put64(l + 64, 64u << 20);
	put64(l + 72, 1u << 20); /* data area at 1 MiB, then the end of the list */
	put64(l + 104, MDA);     /* metadata area, then the end of the list */
	put64(l + 112, MDA_SIZE);
	put32(l + 16, lvm_crc(l + 20, 512 - 20));
	memcpy(h + 4, " LVM2 x[5A%r0N*>", 16);
	put32(h + 20, 1);
	put64(h + 24, MDA);
	put64(h + 32, MDA_SIZE);
	put64(h + 40, 512);
	put64(h + 48, n);
	memcpy(h + 512, text, n);
	put32(h + 56, lvm_crc(h + 512, n));
	put32(h, lvm_crc(h + 4, 512 - 4));
	*len = MDA + 512 + n;
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tgt_lvm vg;
	struct ia_err err = {0};
	struct mem m;
	uint64_t pv = 0;
	uint8_t *own = NULL;
	int r;

	if (size >= 8 && memcmp(data, "IALVMTXT", 8) == 0) {
		if (size - 8 == 0 || size - 8 > MDA_SIZE - 512)
			return 0;
		own = wrap_text(data + 8, size - 8, &m.n);
		if (!own)
			return 0;
		m.p = own;
		pv = 64u << 20;
	} else if (!mem_from_input(data, size, &m, &pv)) {
		return 0;
	}
	r = tgt_lvm_read(mem_read, &m, pv, &vg, &err);
	free(own);
	if (r < 0) {
		if (getenv("IA_FUZZ_VERBOSE"))
			fprintf(stderr, "not read: line %u: %s\n", err.line, err.msg);
		return 0;
	}
	if (vg.n_pv > IA_MAX_LVM_PVS || vg.n_lv > IA_MAX_LVM_LVS || vg.extent_size == 0)
		__builtin_trap();
	for (size_t i = 0; i < vg.n_lv; i++) {
		const struct tgt_lvm_lv *lv = &vg.lv[i];
		uint64_t next = 0;

		if (getenv("IA_FUZZ_VERBOSE"))
			fprintf(stderr, "%s/%s: %zu segments, %llu extents%s%s\n", vg.vg, lv->name,
				lv->n_seg, (unsigned long long)lv->extents, lv->why[0] ? ": " : "",
				lv->why);
		if (lv->why[0] && lv->n_seg)
			__builtin_trap(); /* an LV not read keeps no segments */
		if (!lv->why[0] && lv->n_seg == 0)
			__builtin_trap();
		for (size_t s = 0; s < lv->n_seg; s++) {
			const struct tgt_lvm_seg *g = &lv->seg[s];

			if (g->lv_ext != next || g->pv >= vg.n_pv ||
			    g->pv_ext + g->count > vg.pv[g->pv].pe_count)
				__builtin_trap(); /* a gap, an overlap, a segment past its PV */
			next += g->count;
		}
		if (next != lv->extents)
			__builtin_trap();
	}
	tgt_lvm_free(&vg);
	return 0;
}
