/* sandbox.h — once the image is open, the process gives up the right to change any file */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_SANDBOX_H
#define IA_SANDBOX_H

#include <stddef.h>

/*
 * Sets no_new_privs and, where the kernel has Landlock, forbids this process
 * and its children every filesystem change (writing, truncating, creating,
 * removing, renaming, linking) everywhere except beneath the directories in
 * writable (e.g. imgaudit's private spool; NULL entries are skipped). Files
 * already open stay usable. Reading is not restricted.
 *
 * Returns 0 when the restriction is in force, -EOPNOTSUPP when the kernel has
 * no Landlock (no_new_privs is still set; the caller goes on), or -errno.
 */
int ia_sandbox_no_writes(const char *const *writable, size_t n);

#endif
