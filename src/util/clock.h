/* clock.h — the monotonic clock the timings read */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_CLOCK_H
#define IA_CLOCK_H

/* Seconds of CLOCK_MONOTONIC: only differences mean anything. */
double ia_now_seconds(void);

#endif
