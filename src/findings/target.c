/* target.c — the summary of an audited target that the outputs print */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"
#include "findings/findings.h"
#include "util/banned.h"

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void fnd_target_release(struct fnd_target *t)
{
	if (!t)
		return;
	free(t->spec);
	ia_problems_release(&t->notes);
	if (t->image) {
		struct fnd_image *im = t->image;

		free(im->ref);
		free(im->config_digest);
		free(im->created);
		free(im->user);
		free(im->os);
		free(im->architecture);
		free_strv(im->exposed_ports, im->n_exposed_ports);
		free(im);
	}
	if (t->disk) {
		for (size_t i = 0; i < t->disk->n_volumes; i++) {
			free(t->disk->volumes[i].partition);
			free(t->disk->volumes[i].content);
			free(t->disk->volumes[i].mount);
		}
		free(t->disk->volumes);
		free(t->disk->format);
		free(t->disk->partitions);
		free(t->disk);
	}
	memset(t, 0, sizeof(*t));
}
