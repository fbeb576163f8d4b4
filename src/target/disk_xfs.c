/* disk_xfs.c — XFS filesystems of a disk image, read-only through libfsxfs */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include "target/disk.h"
#include "util/banned.h"

int tgt_xfs_open(struct tgt_vol *vol, struct tgt_fs **ret, struct ia_err *err)
{
	return ia_err_set(err, -IA_EUNSUPPORTED, "", 0, "XFS is not read yet");
}
