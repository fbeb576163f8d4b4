/* mutate.c — runs a fuzz harness on random mutations of its seed corpus for a bounded time */
/* SPDX-License-Identifier: Apache-2.0 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/*
 * Without libFuzzer (which the suite's gcc build has not), this is the suite's bounded fuzzing:
 * mutate.c SECONDS SEED CORPUS_DIR picks a seed input, changes 1-16 bytes or 4/8-byte words
 * (random values, 0, all ones, the boundaries of signed and unsigned sizes), sometimes cuts
 * it short, runs the harness, and starts again until SECONDS have passed (IA_FUZZ_SECONDS
 * overrides them). The run is reproducible from SEED and the number of inputs it prints. A
 * crash or sanitizer report fails the test; the input is then in the file NAME.crash-input, NAME
 * the program's own (mutate_target_disk: several run at once in one directory).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

struct seed {
	uint8_t *p;
	size_t n;
};

static int load(const char *dir, struct seed **v, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char p[4096];
		FILE *f;
		long len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (!(f = fopen(p, "rb")))
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		*v = realloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].p = malloc(len > 0 ? (size_t)len : 1);
		(*v)[*n].n = len > 0 ? (size_t)len : 0;
		if (fread((*v)[*n].p, 1, (*v)[*n].n, f) == (*v)[*n].n)
			(*n)++;
		else
			free((*v)[*n].p);
		fclose(f);
	}
	closedir(d);
	return 0;
}

static void mutate(uint8_t *b, size_t *n)
{
	static const uint64_t words[] = {0,
					 ~0ull,
					 0x7fffffffull,
					 0x80000000ull,
					 0xffffffffull,
					 1ull << 40,
					 0x7fffffffffffffffull,
					 1};
	unsigned k = 1 + (unsigned)(next() % 16);

	if (*n == 0)
		return;
	for (unsigned i = 0; i < k; i++) {
		size_t at = (size_t)(next() % *n);

		switch (next() % 4) {
		case 0:
			b[at] ^= (uint8_t)(1u << (next() % 8));
			break;
		case 1:
			b[at] = (uint8_t)next();
			break;
		default: {
			uint64_t w = words[next() % (sizeof(words) / sizeof(words[0]))];
			size_t len = next() % 2 ? 4 : 8;

			for (size_t j = 0; j < len && at + j < *n; j++) /* big-endian, as XFS */
				b[at + j] = (uint8_t)(w >> (8 * (len - 1 - j)));
			break;
		}
		}
	}
	if (next() % 16 == 0)
		*n = (size_t)(next() % *n) + 1;
}

int main(int argc, char **argv)
{
	struct seed *v = NULL;
	size_t n = 0;
	const char *env = getenv("IA_FUZZ_SECONDS");
	double secs;
	unsigned long runs = 0;
	time_t start = time(NULL);
	char crash[256];
	const char *self = argc > 0 ? strrchr(argv[0], '/') : NULL;

	snprintf(crash, sizeof(crash), "%s.crash-input",
		 self       ? self + 1
		 : argc > 0 ? argv[0]
			    : "mutate");
	if (argc != 4) {
		fprintf(stderr, "usage: mutate SECONDS SEED CORPUS_DIR\n");
		return 2;
	}
	secs = atof(env && *env ? env : argv[1]);
	rng = strtoull(argv[2], NULL, 0) | 1;
	if (load(argv[3], &v, &n) != 0 || n == 0) {
		fprintf(stderr, "mutate: no seed inputs in %s\n", argv[3]);
		return 1;
	}
	while (difftime(time(NULL), start) < secs) {
		const struct seed *s = &v[next() % n];
		uint8_t *b = malloc(s->n ? s->n : 1);
		size_t len = s->n;
		FILE *f;

		memcpy(b, s->p, s->n);
		mutate(b, &len);
		if ((f = fopen(crash, "wb"))) {
			fwrite(b, 1, len, f);
			fclose(f);
		}
		LLVMFuzzerTestOneInput(b, len);
		free(b);
		runs++;
	}
	remove(crash);
	printf("ran %lu mutated inputs of %zu seeds in %.0f s (seed %s)\n", runs, n, secs, argv[2]);
	for (size_t i = 0; i < n; i++)
		free(v[i].p);
	free(v);
	return 0;
}
