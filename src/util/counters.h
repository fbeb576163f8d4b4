/* counters.h — what an audit has done so far, advanced by the layers below and read by a display */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_COUNTERS_H
#define IA_COUNTERS_H

#include <stdatomic.h>
#include <stdint.h>

/*
 * Counters an audit advances as it goes (the target counts layers read, entries indexed and
 * bytes of file content read) and another thread may read at any time, e.g. the progress
 * line. Only for display: relaxed atomics, no ordering between the fields.
 */
struct ia_counters {
	_Atomic uint64_t layers;  /* image layers read */
	_Atomic uint64_t entries; /* entries put into the index */
	_Atomic uint64_t bytes;   /* bytes of file content read by the checks */
};

/* Adds n to *field of c; c NULL: nothing. */
#define IA_COUNT(c, field, n)                                                                      \
	do {                                                                                       \
		struct ia_counters *ia_count_c_ = (c);                                             \
		if (ia_count_c_)                                                                   \
			atomic_fetch_add_explicit(&ia_count_c_->field, (uint64_t)(n),              \
						  memory_order_relaxed);                           \
	} while (0)

/* The value of field of c (0 when c is NULL). */
#define IA_COUNTED(c, field)                                                                       \
	((c) ? atomic_load_explicit(&(c)->field, memory_order_relaxed) : (uint64_t)0)

#endif
