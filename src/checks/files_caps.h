/* files_caps.h — file capabilities (security.capability): the decoder and check FS-010 */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CHECKS_FILES_CAPS_H
#define IA_CHECKS_FILES_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct chk_ctx;

/* A security.capability value as the kernel reads it (VFS_CAP_REVISION_1, _2, _3). */
struct chk_caps {
	unsigned version;     /* 1, 2 or 3 */
	bool effective;       /* VFS_CAP_FLAGS_EFFECTIVE: raised in the effective set at exec */
	uint64_t permitted;   /* bit N: capability N (CAP_CHOWN is 0) */
	uint64_t inheritable; /* granted only with the same bit in the process's inheritable set */
	bool has_rootid;      /* v3: valid only in a user namespace whose root is rootid */
	uint32_t rootid;
};

/* Decodes n bytes of a security.capability value (little-endian, as stored): 0, or -1 with
 * *why saying what is malformed (an unknown revision, a size that does not match it). */
int chk_caps_decode(const void *buf, size_t n, struct chk_caps *out, const char **why);
/* "cap_net_raw" for bit 13; "cap_N" for a bit this build does not name (tmp: 16 bytes). */
const char *chk_cap_name(unsigned bit, char tmp[16]);
/* The bit of a capability name ("cap_net_raw", case-insensitive), or -1. */
int chk_cap_bit(const char *name, size_t n);
/* The capabilities as getcap prints them ("cap_net_raw=ep", "cap_a,cap_b=p cap_c=i"), with
 * " [rootid=N]" for a v3 value; into out (cap bytes, cut when longer). */
void chk_caps_text(const struct chk_caps *c, char *out, size_t cap);
/* The capabilities of mask that give root's power over the system or its files (cap_setuid,
 * cap_sys_admin, cap_dac_override...): a file holding one is a high-severity finding. */
uint64_t chk_caps_dangerous(uint64_t mask);

/* FS-010: files with capabilities not in the distribution's default set (files family). */
void chk_run_file_caps(struct chk_ctx *ctx);

#endif
