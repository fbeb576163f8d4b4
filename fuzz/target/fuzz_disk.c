/* fuzz_disk.c — fuzz harness: bytes as a whole VM disk image (format, partitions, filesystem, tree)
 */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "target/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input is a disk image file, whole or sparse: "IASPARSE" then the file's size (8 bytes,
 * little-endian, at most 1 GiB) and chunks of (offset 8 bytes, length 4 bytes, the bytes), the
 * rest of the file zeros (a 300 MiB XFS holds a few dozen non-zero blocks; seeds stay small).
 * The file is opened as a disk target by the program's own path: the image format told by its
 * content (raw, qcow2, VMDK, VHD, VHDX), its partitions, LVM2 LVs, its filesystems (ext2/3/4, XFS),
 * the root and its fstab mounts; then every regular file of the index is read whole, as the checks
 * would, and every entry looked up and its extended attributes read.
 *
 * Seeds (corpus-disk/, made here, sparse-encoded): xfs-v5-dirs-symlinks (mkfs.xfs 6.1 -p of a
 * tree with a 300-entry leaf directory, an inline and a remote symlink), xfs-v4-noftype (the
 * same with -m crc=0 -n ftype=0), gpt-xfs-qcow2-c (a GPT disk holding a tiny XFS root as
 * compressed qcow2), ext4-tiny (mke2fs -d of a tiny root), gpt-lvm-tiny (a GPT disk whose
 * partition 2 is an LVM2 PV written by lvm2 2.03.16: the tiny root on a linear LV, another LV on a
 * second PV not given; tests/fixtures/lvm-images.sh's tiny.raw), xfs-v5-xattrs and xfs-v4-xattrs
 * (tests/e2e/filecaps.sh's small filesystems: a capability in short form, leaf forms with a
 * remote value, a node form, a corrupt short form). tests run them as the replay and,
 * mutated for a bounded time, by mutate.c.
 */
static int make_file(const uint8_t *d, size_t n)
{
	int fd = memfd_create("fuzz-disk", MFD_CLOEXEC);
	uint64_t size = 0;

	if (fd < 0)
		return -1;
	if (n < 16 || memcmp(d, "IASPARSE", 8) != 0) {
		if (write(fd, d, n) != (ssize_t)n) {
			close(fd);
			return -1;
		}
		return fd;
	}
	for (int i = 15; i >= 8; i--)
		size = size << 8 | d[i];
	if (size > (1ull << 30) || ftruncate(fd, (off_t)size) != 0) {
		close(fd);
		return -1;
	}
	for (size_t p = 16; p + 12 <= n;) {
		uint64_t off = 0;
		uint32_t len = 0;

		for (int i = 7; i >= 0; i--)
			off = off << 8 | d[p + i];
		for (int i = 11; i >= 8; i--)
			len = len << 8 | d[p + i];
		p += 12;
		if (len > n - p)
			len = (uint32_t)(n - p);
		if (off <= size && len <= size - off && pwrite(fd, d + p, len, (off_t)off) != len)
			break;
		p += len;
	}
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tgt_opts o = {.kind = TGT_DISK, .max_entries = 20000};
	struct ia_err err = {0};
	struct tgt *t = NULL;
	const struct tgt_entry *e;
	struct tgt_xattrs xa = {0};
	static char buf[1u << 16];
	char path[64];
	int fd = make_file(data, size);

	if (fd < 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (tgt_open(path, &o, &t, &err) == 0) {
		uint64_t budget = 256u << 20; /* bytes read per input */

		for (size_t i = 0; i < tgt_count(t); i++) {
			const struct tgt_entry *x = tgt_at(t, i);

			if (x->path[0] != '/')
				__builtin_trap(); /* every path inside the image root */
			tgt_lookup(t, x->path, 0, &e);
			if (tgt_xattrs_read(t, x, &xa) == 0)
				for (size_t k = 0; k < xa.n; k++)
					if (xa.n > IA_MAX_XATTRS ||
					    xa.v[k].len > IA_MAX_XATTR_VALUE ||
					    strlen(xa.v[k].name) > IA_MAX_XATTR_NAME)
						__builtin_trap(); /* past a limit */
			if (!S_ISREG(x->mode))
				continue;
			for (uint64_t off = 0; off < x->size && budget > 0;) {
				ssize_t r = tgt_pread(t, x, buf, sizeof(buf), off);

				if (r <= 0)
					break;
				if ((uint64_t)r > x->size - off)
					__builtin_trap(); /* read past the file's size */
				off += (uint64_t)r;
				budget -= (uint64_t)r < budget ? (uint64_t)r : budget;
			}
		}
		if (getenv("IA_FUZZ_VERBOSE"))
			fprintf(stderr, "%zu entries\n", tgt_count(t));
		tgt_xattrs_release(&xa);
		tgt_free(t);
	} else if (getenv("IA_FUZZ_VERBOSE")) {
		fprintf(stderr, "not opened: %s\n", err.msg);
	}
	close(fd);
	return 0;
}
