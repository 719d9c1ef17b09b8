/*
 * bench_hidx N NQ PREFIX: queries/s of the Hamming index at d = 31 against
 * a brute-force popcount scan, on N uniform random 256-bit hashes; 80% of
 * the NQ queries are an indexed hash with 0..30 bits flipped (so they
 * have answers), 20% are random. Writes PREFIX.db and PREFIX.q (raw
 * 32-byte hashes) for bench_hidx_faiss.py, and prints the number of hits
 * and a checksum that the FAISS run must reproduce.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/hidx.h"

#define D      31
#define ROUNDS 5

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t
rng(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ull;
}

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
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* Order-independent checksum of (query, id, distance) triples. */
static uint64_t
checksum(size_t qi, const struct td_hidx_hits *h)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < h->n; i++)
		s += ((uint64_t)qi * 1000003u + h->v[i].id) *
		     (uint64_t)(h->v[i].dist + 1);
	return s;
}

static void
write_raw(const char *prefix, const char *ext, const struct td_phash *h,
	  size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", prefix, ext);
	f = fopen(path, "wb");
	if (!f || fwrite(h, sizeof(*h), n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct td_hidx_hits hits = TD_HIDX_HITS_INIT, ref = TD_HIDX_HITS_INIT;
	struct td_hidx *ix;
	struct td_phash *db, *q;
	double t[ROUNDS], tb[ROUNDS], build, mih_qps, brute_qps;
	size_t n, nq, nqb, i, total = 0;
	uint64_t sum = 0;
	int r, j;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_hidx N NQ PREFIX\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	nq = strtoul(argv[2], NULL, 10);
	db = malloc(n * sizeof(*db));
	q = malloc(nq * sizeof(*q));
	for (i = 0; i < n; i++)
		for (j = 0; j < 4; j++)
			db[i].w[j] = rng();
	for (i = 0; i < nq; i++) {
		if (i % 5 == 4) {
			for (j = 0; j < 4; j++)
				q[i].w[j] = rng();
			continue;
		}
		q[i] = db[rng() % n];
		for (j = (int)(rng() % 31); j > 0; j--) {
			int b = (int)(rng() % 256);

			q[i].w[b >> 6] ^= (uint64_t)1 << (b & 63);
		}
	}
	write_raw(argv[3], ".db", db, n);
	write_raw(argv[3], ".q", q, nq);

	ix = td_hidx_new();
	build = now();
	for (i = 0; i < n; i++)
		td_hidx_add(ix, &db[i], i, NULL);
	td_hidx_build(ix);
	build = now() - build;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		for (i = 0; i < nq; i++) {
			td_hidx_query(ix, &q[i], D, &hits, NULL);
			if (r == 0) {
				total += hits.n;
				sum += checksum(i, &hits);
			}
		}
		t[r] = now() - t0;
	}
	mih_qps = (double)nq / median(t, ROUNDS);

	/* The scan is slow at 10M: time it on the first queries only, and
	 * check that it gives the same answers. */
	nqb = n >= 5000000 ? 50 : nq < 200 ? nq : 200;
	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		for (i = 0; i < nqb; i++)
			td_hidx_scan(ix, &q[i], D, &ref, NULL);
		tb[r] = now() - t0;
	}
	brute_qps = (double)nqb / median(tb, ROUNDS);
	for (i = 0; i < nqb; i++) {
		td_hidx_query(ix, &q[i], D, &hits, NULL);
		td_hidx_scan(ix, &q[i], D, &ref, NULL);
		if (hits.n != ref.n ||
		    memcmp(hits.v, ref.v, hits.n * sizeof(*hits.v)) != 0) {
			fprintf(stderr, "query %zu: index and scan differ\n",
				i);
			return 1;
		}
	}
	printf("hidx n=%zu d=%d tables=%d build %.2f s\n", n, D,
	       td_hidx_tables(ix), build);
	printf("  index: %.0f queries/s (median of %d runs of %zu)\n", mih_qps,
	       ROUNDS, nq);
	printf("  brute-force popcount: %.0f queries/s (median of %d runs "
	       "of %zu)\n",
	       brute_qps, ROUNDS, nqb);
	printf("  ratio index/brute-force: %.1fx; same answers on %zu "
	       "queries\n",
	       mih_qps / brute_qps, nqb);
	printf("  hits %zu checksum %llu\n", total, (unsigned long long)sum);
	td_hidx_hits_release(&hits);
	td_hidx_hits_release(&ref);
	td_hidx_free(ix);
	free(db);
	free(q);
	return 0;
}
