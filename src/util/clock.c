/* clock.c — the monotonic clock the timings read */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/clock.h"

#include <time.h>

#include "util/banned.h"

double ia_now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
