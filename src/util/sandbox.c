/* sandbox.c — no_new_privs and a Landlock ruleset that denies filesystem changes */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "util/sandbox.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/banned.h"

/* rights of later ABIs, for headers older than the running kernel */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

static uint64_t write_rights(long abi)
{
	uint64_t r = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
		     LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
		     LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
		     LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
		     LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	return r;
}

int ia_sandbox_no_writes(const char *const *writable, size_t n)
{
	struct landlock_ruleset_attr attr = {0};
	long abi;
	int rs, ret = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return -EOPNOTSUPP;
	attr.handled_access_fs = write_rights(abi);
	rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (rs < 0)
		return errno == ENOSYS || errno == EOPNOTSUPP ? -EOPNOTSUPP : -errno;
	for (size_t i = 0; i < n && !ret; i++) {
		struct landlock_path_beneath_attr pb = {.allowed_access = attr.handled_access_fs};

		if (!writable[i])
			continue;
		pb.parent_fd = open(writable[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (pb.parent_fd < 0) {
			ret = -errno;
			break;
		}
		if (syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) != 0)
			ret = -errno;
		close(pb.parent_fd);
	}
	if (!ret && syscall(SYS_landlock_restrict_self, rs, 0) != 0)
		ret = -errno;
	close(rs);
	return ret;
}
