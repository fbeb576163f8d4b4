/* cleanup.h — scope-bound cleanup (systemd's _cleanup_ idiom) */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CLEANUP_H
#define IA_CLEANUP_H

#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void ia_freep(void *p)
{
	free(*(void **)p);
}
static inline void ia_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_free_ _cleanup_(ia_freep)
#define _cleanup_close_ _cleanup_(ia_closep)

/* Returns the pointer and leaves NULL behind, so the cleanup does nothing. */
#define TAKE_PTR(p)                                                                                \
	({                                                                                         \
		__typeof__(p) _t = (p);                                                            \
		(p) = NULL;                                                                        \
		_t;                                                                                \
	})

#define IA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
