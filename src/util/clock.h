/* clock.h — the monotonic clock the timings read, and calendar days */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CLOCK_H
#define IA_CLOCK_H

#include <stdint.h>

/* Seconds of CLOCK_MONOTONIC: only differences mean anything. */
double ia_now_seconds(void);

/* "YYYY-MM-DD" (exactly) as the seconds of that day's start in UTC; -1 when it is not such a
 * date (2026-02-30) or is before 1970-01-02. */
int64_t ia_parse_day(const char *s);

#endif
