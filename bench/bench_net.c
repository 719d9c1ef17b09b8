/*
 * bench_net: near-identical listing texts and seller networks at scale.
 *
 *   bench_net [N] [M] [BANDS ROWS]
 *
 * Synthetic Chinese listing titles (words drawn from a Zipf-distributed
 * vocabulary, so common words are shared as in real titles) with planted
 * near-copies (one word changed, or one added). Part 1 compares, on the
 * first M titles, the baseline (exact Jaccard of every pair) with the
 * candidate (MinHash + LSH banding, then exact Jaccard on candidates):
 * time and recall of pairs at or above the threshold. Part 2 indexes all
 * N titles and queries the planted near-copies: recall at scale. Part 3
 * builds a network of N sellers, one title each and a phone for some,
 * and reports the time to add and to link them, the peak memory and the
 * counters.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/net.h"
#include "core/util.h"

static uint64_t rng = 0x1234567887654321ULL;
static unsigned bands = 20, rows = 6;
/* planted near-copies: copy_of[i] is the source of title i, or -1 */
static long *copy_of;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

#define VOCAB 4000

static char *vocab[VOCAB];
static double zipf_cdf[VOCAB];

static void
make_vocab(void)
{
	double sum = 0;
	size_t i, j;

	for (i = 0; i < VOCAB; i++) {
		struct td_buf b = TD_BUF_INIT;
		size_t len = 2 + next() % 3;

		for (j = 0; j < len; j++) {
			/* CJK unified ideographs U+4E00..U+5DFF */
			unsigned cp = 0x4e00 + (unsigned)(next() % 0x1000);

			td_buf_addch(&b, (char)(0xe0 | (cp >> 12)));
			td_buf_addch(&b, (char)(0x80 | ((cp >> 6) & 0x3f)));
			td_buf_addch(&b, (char)(0x80 | (cp & 0x3f)));
		}
		vocab[i] = td_buf_detach(&b, NULL);
		sum += 1.0 / (double)(i + 1);
		zipf_cdf[i] = sum;
	}
	for (i = 0; i < VOCAB; i++)
		zipf_cdf[i] /= sum;
}

static const char *
word(void)
{
	double u = (double)(next() % 1000000) / 1e6;
	size_t lo = 0, hi = VOCAB - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab[lo];
}

/* Title i: a fresh one, or (one in five) a near-copy of an earlier one. */
static char **
make_titles(size_t n)
{
	char **t = td_xmalloc(n * sizeof(*t));
	size_t i, j;

	copy_of = td_xmalloc(n * sizeof(*copy_of));
	for (i = 0; i < n; i++) {
		struct td_buf b = TD_BUF_INIT;

		copy_of[i] = -1;
		if (i > 10 && next() % 5 == 0) {
			size_t from = next() % i;
			const char *src = t[from];
			size_t len = strlen(src), cut;

			copy_of[i] = (long)from;

			if (next() % 2) {
				/* change the tail: drop a few characters,
				 * add a word */
				cut = len - 3 * (1 + next() % 2);
				td_buf_add(&b, src, cut);
				td_buf_addstr(&b, word());
			} else {
				td_buf_addstr(&b, src);
				td_buf_addstr(&b, word());
			}
		} else {
			size_t words = 8 + next() % 5;

			for (j = 0; j < words; j++)
				td_buf_addstr(&b, word());
		}
		t[i] = td_buf_detach(&b, NULL);
	}
	return t;
}

static int
cmp_pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static void
part1(char **titles, size_t m, double thr)
{
	struct td_net_shingles *sh = td_xcalloc(m, sizeof(*sh));
	struct td_net_hits hits = TD_NET_HITS_INIT;
	struct td_net_tidx *ix;
	uint64_t *truth = NULL, *found = NULL;
	size_t n_truth = 0, a_truth = 0, n_found = 0, a_found = 0, i, j;
	size_t hit = 0, checks = 0;
	double t0, t_base, t_lsh;

	t0 = now();
	for (i = 0; i < m; i++)
		td_net_shingle(titles[i], 2, &sh[i]);
	for (i = 0; i < m; i++)
		for (j = i + 1; j < m; j++)
			if (td_net_jaccard(&sh[i], &sh[j]) >= thr) {
				TD_GROW(truth, n_truth + 1, a_truth);
				truth[n_truth++] = (uint64_t)i << 32 | j;
			}
	t_base = now() - t0;

	t0 = now();
	ix = td_net_tidx_new(2, bands, rows, 1000, 6);
	for (i = 0; i < m; i++) {
		td_net_tidx_query(ix, titles[i], thr, &hits);
		checks += hits.n;
		for (j = 0; j < hits.n; j++) {
			TD_GROW(found, n_found + 1, a_found);
			found[n_found++] = (uint64_t)hits.v[j].id << 32 | i;
		}
		td_net_tidx_add(ix, titles[i]);
	}
	t_lsh = now() - t0;
	qsort(truth, n_truth, sizeof(*truth), cmp_pair);
	qsort(found, n_found, sizeof(*found), cmp_pair);
	for (i = 0, j = 0; i < n_truth && j < n_found;) {
		if (truth[i] == found[j]) {
			hit++;
			i++;
			j++;
		} else if (truth[i] < found[j]) {
			i++;
		} else {
			j++;
		}
	}
	printf("part 1: %zu titles, Jaccard >= %.2f on token bigrams\n", m,
	       thr);
	printf("  baseline all pairs     %8.3f s  %zu pairs compared, %zu "
	       "found\n",
	       t_base, m * (m - 1) / 2, n_truth);
	printf("  candidate MinHash+LSH  %8.3f s  %u bands x %u rows, %zu "
	       "found, recall %.4f, %.1fx faster\n",
	       t_lsh, bands, rows, n_found,
	       n_truth ? (double)hit / n_truth : 1.0,
	       t_base / (t_lsh > 0 ? t_lsh : 1e-9));
	for (i = 0; i < m; i++)
		td_net_shingles_release(&sh[i]);
	free(sh);
	free(truth);
	free(found);
	td_net_hits_release(&hits);
	td_net_tidx_free(ix);
}

static void
part2(char **titles, size_t n, double thr)
{
	struct td_net_shingles a = TD_NET_SHINGLES_INIT;
	struct td_net_shingles b = TD_NET_SHINGLES_INIT;
	struct td_net_hits hits = TD_NET_HITS_INIT;
	struct td_net_tidx *ix = td_net_tidx_new(2, bands, rows, 1000, 6);
	size_t i, j, truth = 0, found = 0;
	double t0 = now(), t_add, t_query;

	for (i = 0; i < n; i++)
		td_net_tidx_add(ix, titles[i]);
	t_add = now() - t0;
	t0 = now();
	for (i = 0; i < n; i++) {
		if (copy_of[i] < 0)
			continue;
		td_net_shingle(titles[i], 2, &a);
		td_net_shingle(titles[copy_of[i]], 2, &b);
		if (td_net_jaccard(&a, &b) < thr)
			continue;
		truth++;
		td_net_tidx_query(ix, titles[i], thr, &hits);
		for (j = 0; j < hits.n; j++)
			if (hits.v[j].id == (uint32_t)copy_of[i])
				break;
		found += j < hits.n;
	}
	t_query = now() - t0;
	printf("part 2: %zu titles in the index, planted near-copies with "
	       "Jaccard >= %.2f\n",
	       n, thr);
	printf("  index %.3f s; %zu queries %.3f s (%.1f us each); recall "
	       "%.4f (%zu of %zu)\n",
	       t_add, truth, t_query, truth ? 1e6 * t_query / truth : 0,
	       truth ? (double)found / truth : 1.0, found, truth);
	td_net_tidx_free(ix);
	td_net_hits_release(&hits);
	td_net_shingles_release(&a);
	td_net_shingles_release(&b);
}

static void
part3(char **titles, size_t n)
{
	struct td_net_params p;
	struct td_net *net;
	struct td_net_stats st;
	struct td_err err = TD_ERR_INIT;
	char id[32], phone[32];
	double t0, t_add, t_upd;
	size_t i;

	td_net_params_default(&p);
	p.lsh_bands = bands;
	p.lsh_rows = rows;
	net = td_net_new(&p);
	t0 = now();
	for (i = 0; i < n; i++) {
		struct td_net_seller s;
		const char *text[1];

		memset(&s, 0, sizeof(s));
		snprintf(id, sizeof(id), "s%zu", i);
		s.platform = "taobao";
		s.id = id;
		text[0] = titles[i];
		s.texts = text;
		s.n_texts = 1;
		/* one seller in ten gives a phone from a pool shared by
		 * about five */
		if (next() % 10 == 0) {
			snprintf(phone, sizeof(phone), "139%08zu",
				 (size_t)(next() % (n / 50 + 1)));
			s.phone = phone;
		}
		if (td_net_add(net, &s, NULL, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			exit(1);
		}
	}
	t_add = now() - t0;
	t0 = now();
	td_net_update(net, NULL, &err);
	t_upd = now() - t0;
	td_net_stats(net, &st);
	printf("part 3: %zu sellers, one title each, a phone for one in "
	       "ten\n",
	       n);
	printf("  add (extract, shingle, MinHash, bucket)  %8.3f s\n", t_add);
	printf("  update (candidates, Jaccard, link, union) %7.3f s\n", t_upd);
	printf("  keys %zu, pairs %zu, links %zu, networks %zu, text checks "
	       "%llu, skipped in big buckets %llu\n",
	       st.keys, st.pairs, st.links, st.networks,
	       (unsigned long long)st.text_checks,
	       (unsigned long long)st.text_skipped);
	printf("  peak memory %.0f MB\n", peak_kb() / 1024.0);
	td_net_free(net);
}

int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	size_t m = argc > 2 ? strtoul(argv[2], NULL, 10) : 5000;
	char **titles;
	size_t i;

	if (argc > 4) {
		bands = (unsigned)strtoul(argv[3], NULL, 10);
		rows = (unsigned)strtoul(argv[4], NULL, 10);
	}
	if (m > n)
		m = n;
	make_vocab();
	titles = make_titles(n);
	part1(titles, m, 0.7);
	part2(titles, n, 0.7);
	part3(titles, n);
	for (i = 0; i < n; i++)
		free(titles[i]);
	free(titles);
	free(copy_of);
	for (i = 0; i < VOCAB; i++)
		free(vocab[i]);
	return 0;
}
