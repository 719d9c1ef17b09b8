/*
 * bench_phash FILE.jpg...: photos/s of takedown's hashing (decode
 * included) with the scaled JPEG decode against the full-size decode of
 * the reference (the baseline), one thread each, median of 5 runs; and
 * how far the scaled hashes are from the full-size ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/phash.h"

#define ROUNDS 5

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
run(char **files, int n, const struct td_phash_opts *o, struct td_phash *out)
{
	double t[ROUNDS];
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		for (i = 0; i < n; i++) {
			struct td_err err = TD_ERR_INIT;
			int q;

			if (td_phash_file(files[i], o, &out[i], &q, &err)) {
				fprintf(stderr, "%s\n", err.msg);
				exit(1);
			}
		}
		t[r] = now() - t0;
	}
	qsort(t, ROUNDS, sizeof(*t), cmp_double);
	return (double)n / t[ROUNDS / 2];
}

int
main(int argc, char **argv)
{
	struct td_phash_opts full = TD_PHASH_OPTS_INIT;
	struct td_phash_opts fast = TD_PHASH_OPTS_INIT;
	struct td_phash *hf, *hs;
	double pf, ps;
	int n = argc - 1, i, maxd = 0, sumd = 0;

	if (n < 1) {
		fprintf(stderr, "usage: bench_phash FILE.jpg...\n");
		return 2;
	}
	hf = calloc((size_t)n, sizeof(*hf));
	hs = calloc((size_t)n, sizeof(*hs));
	full.full_size = 1;
	pf = run(argv + 1, n, &full, hf);
	ps = run(argv + 1, n, &fast, hs);
	for (i = 0; i < n; i++) {
		int d = td_phash_distance(&hf[i], &hs[i]);

		sumd += d;
		if (d > maxd)
			maxd = d;
	}
	printf("phash on %d photos (1 thread, decode included, median of %d "
	       "runs)\n",
	       n, ROUNDS);
	printf("  baseline, full-size decode (reference pixels): %.1f "
	       "photos/s\n",
	       pf);
	printf("  takedown, scaled decode: %.1f photos/s\n", ps);
	printf("  ratio scaled/full-size: %.2fx\n", ps / pf);
	printf("  distance scaled vs full-size hash: mean %.1f, max %d bits\n",
	       (double)sumd / n, maxd);
	free(hf);
	free(hs);
	return 0;
}
