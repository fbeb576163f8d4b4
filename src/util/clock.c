/* clock.c — the monotonic clock the timings read, and calendar days */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/clock.h"

#include <string.h>
#include <time.h>

#include "util/banned.h"

double ia_now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "YYYY-MM-DD" as the seconds of that day's start (UTC), or -1. */
int64_t ia_parse_day(const char *s)
{
	struct tm tm = {0};
	char back[11];
	time_t t;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return -1;
	tm.tm_year =
		(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') - 1900;
	tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	t = timegm(&tm);
	if (t <= 0 || !gmtime_r(&t, &tm) || strftime(back, sizeof(back), "%Y-%m-%d", &tm) != 10 ||
	    strcmp(back, s) != 0)
		return -1; /* 2026-02-30, before 1970-01-02 */
	return (int64_t)t;
}
