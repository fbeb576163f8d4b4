/* fuzz_repodata.c — fuzz harness: vulndb's rpm repository metadata reader (repomd.xml,
 * primary.xml, updateinfo.xml) */
/* SPDX-License-Identifier: Apache-2.0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vulndb/repodata.h"
#include "vulndb/version.h"

/*
 * The input is read as each of the three files (as stored: any compression, or plain).
 * Whatever it holds, every package kept has a name, an arch and a version and release rpm's
 * comparator accepts, every advisory package points at a kept advisory, and no read goes past
 * the input; any violation aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct vdb_rpm_nevra *p)
{
	if (!*p->name || !*p->arch || p->epoch < 0 ||
	    vdb_version_check(VDB_ECO_RPM, p->version, strlen(p->version), NULL) < 0 ||
	    vdb_version_check(VDB_ECO_RPM, p->release, strlen(p->release), NULL) < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char primary[256], updateinfo[256], modules[256];
	struct vdb_rpm_repo r;
	struct ia_err err = {0};

	(void)vdb_rpm_repomd_parse("fuzz", data, size, primary, updateinfo, modules,
				   sizeof(primary), &err);
	if (strlen(primary) >= sizeof(primary) || strlen(updateinfo) >= sizeof(updateinfo) ||
	    strlen(modules) >= sizeof(modules))
		abort();
	vdb_rpm_repo_init(&r);
	(void)vdb_rpm_primary_parse(&r, "fuzz", data, size, &err);
	(void)vdb_rpm_updateinfo_parse(&r, "fuzz", "fuzz", data, size, &err);
	(void)vdb_rpm_modules_parse(&r, "fuzz", data, size, &err);
	for (size_t i = 0; i < r.n_artifacts; i++)
		if (r.artifacts[i].module >= r.n_modules ||
		    r.modules[r.artifacts[i].module].is_default)
			abort();
	for (size_t i = 0; i < r.n_pkgs; i++)
		check(&r.pkgs[i]);
	for (size_t i = 0; i < r.n_fixes; i++) {
		check(&r.fixes[i].pkg);
		if (r.fixes[i].advisory >= r.n_advs || !*r.advs[r.fixes[i].advisory].id)
			abort();
	}
	vdb_rpm_repo_release(&r);
	return 0;
}
