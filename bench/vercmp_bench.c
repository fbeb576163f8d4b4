/* vercmp_bench.c — comparisons per second of each vulndb version comparator (bench/vercmp.sh) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vulndb/version.h"

/* Realistic pairs: installed against fixed versions of the kind the advisories carry. */
static const char *const pairs[VDB_ECO_COUNT][4][2] = {
	[VDB_ECO_DPKG] = {{"2.36-9+deb12u4", "2.36-9+deb12u7"},
			  {"1:9.18.19-1~deb12u1", "1:9.18.24-1"},
			  {"3.0.11-1~deb12u2", "3.0.11-1~deb12u2"},
			  {"7.88.1-10+deb12u5", "7.74.0-1.3+deb11u7"}},
	[VDB_ECO_RPM] = {{"0:3.10.0-1160.el7", "3.10.0-1160.2.1.el7"},
			 {"1.0-1.el7", "1.0-1.el7_9"},
			 {"2.17-326.el7_9", "2.17-325.el7_9"},
			 {"1:1.1.1k-7.el8_6", "1:1.1.1k-9.el8_7"}},
	[VDB_ECO_APK] = {{"1.36.1-r2", "1.36.1-r5"},
			 {"3.1.4-r0", "3.1.4_rc1-r0"},
			 {"8.5.0-r0", "8.4.0_git20230101-r1"},
			 {"2.4.57-r0", "2.4.58-r0"}},
	[VDB_ECO_SEMVER] = {{"4.17.20", "4.17.21"},
			    {"1.0.0-beta.11", "1.0.0-rc.1"},
			    {"v2.1.3", "2.1.3+build.5"},
			    {"10.4.0", "9.99.99"}},
	[VDB_ECO_PEP440] = {{"2.31.0", "2.32.0"},
			    {"1.26.0rc1", "1.26.0"},
			    {"1!2.0.post1", "2.0"},
			    {"3.2.1.dev4+local.1", "3.2.1a1"}},
	[VDB_ECO_MAVEN] = {{"2.14.1", "2.15.0"},
			   {"5.3.20.RELEASE", "5.3.21"},
			   {"1.0-SNAPSHOT", "1.0"},
			   {"2.0.0-alpha1", "2.0.0-beta-2"}},
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	for (int e = 0; e < VDB_ECO_COUNT; e++) {
		unsigned long n = 0;
		volatile int sink = 0;
		double t0 = now(), t;

		do {
			for (int k = 0; k < 1000; k++) {
				const char *const *p = pairs[e][k % 4];
				int c;

				if (vdb_vercmp((enum vdb_eco)e, p[0], p[1], &c, NULL) != 0)
					return 1;
				sink += c;
			}
			n += 1000;
			t = now() - t0;
		} while (t < 0.5);
		printf("%-7s %12.0f comparisons/s\n", vdb_eco_name((enum vdb_eco)e), (double)n / t);
	}
	return 0;
}
