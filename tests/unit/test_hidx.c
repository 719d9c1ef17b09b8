/*
 * The Hamming index: exact answers (the published brute-force pairs, and
 * randomised comparisons with a scan), incremental adds, save and load.
 */
#include "unit.h"

#include "core/hidx.h"
#include "core/phash.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *
vectors(void)
{
	const char *v = getenv("TD_PDQ_VECTORS");

	return v && *v ? v : "tests/fixtures/pdq-vectors";
}

static size_t
read_hashes(const char *name, struct td_phash *out, size_t max)
{
	char path[1024], line[256];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/hashes/%s", vectors(), name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (set TD_PDQ_VECTORS)", path);
	while (n < max && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		assert_int_equal(td_phash_from_hex(line, &out[n], NULL), 0);
		n++;
	}
	fclose(f);
	return n;
}

/* A deterministic generator (xorshift64*), so failures reproduce. */
static uint64_t rng_state = 88172645463325252ull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

static void
random_hash(struct td_phash *h)
{
	int i;

	for (i = 0; i < 4; i++)
		h->w[i] = rng();
}

/* Flip k distinct random bits of h. */
static void
flip_bits(struct td_phash *h, int k)
{
	struct td_phash mask;
	int n = 0;

	memset(&mask, 0, sizeof(mask));
	while (n < k) {
		int b = (int)(rng() % 256);

		if (mask.w[b >> 6] & ((uint64_t)1 << (b & 63)))
			continue;
		mask.w[b >> 6] |= (uint64_t)1 << (b & 63);
		n++;
	}
	for (n = 0; n < 4; n++)
		h->w[n] ^= mask.w[n];
}

static void
assert_same_hits(const struct td_hidx_hits *a, const struct td_hidx_hits *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->v[i].pos, b->v[i].pos);
		assert_int_equal(a->v[i].dist, b->v[i].dist);
		assert_int_equal(a->v[i].id, b->v[i].id);
	}
}

/* Check every needle against the published brute-force pairs. */
static void
check_bruteforce_csv(struct td_hidx *ix, const struct td_phash *needles,
		     size_t nneedles, size_t nhay)
{
	char path[1024], line[256];
	struct td_hidx_hits hits = TD_HIDX_HITS_INIT;
	int d, seen[2] = {0, 0};
	FILE *f;

	snprintf(path, sizeof(path),
		 "%s/expected/bruteforce-needles-vs-haystack.csv", vectors());
	for (d = 31; d <= 63; d += 32) {
		size_t ni, want_total = 0, got_total = 0;

		for (ni = 0; ni < nneedles; ni++) {
			size_t k;

			assert_int_equal(
				td_hidx_query(ix, &needles[ni], d, &hits, NULL),
				0);
			f = fopen(path, "r");
			assert_non_null(f);
			assert_non_null(fgets(line, sizeof(line), f));
			while (fgets(line, sizeof(line), f)) {
				unsigned nd, hi;
				int dist, found = 0;

				assert_int_equal(sscanf(line, "%u,%u,%d", &nd,
							&hi, &dist),
						 3);
				if (nd != ni || dist > d)
					continue;
				want_total++;
				for (k = 0; k < hits.n; k++)
					if (hits.v[k].pos == hi &&
					    hits.v[k].dist == dist)
						found = 1;
				if (!found)
					fail_msg("needle %zu: haystack %u at "
						 "%d not found (d=%d)",
						 ni, hi, dist, d);
			}
			fclose(f);
			for (k = 0; k < hits.n; k++)
				if (hits.v[k].pos < nhay)
					got_total++;
		}
		/* No answer beyond the published ones either. */
		assert_int_equal(got_total, want_total);
		seen[d == 63] = (int)want_total;
	}
	assert_int_equal(seen[0], 250);
	assert_int_equal(seen[1], 352);
	td_hidx_hits_release(&hits);
}

static void
test_hidx__published_pairs_by_scan(void **state)
{
	static struct td_phash hay[2000], needles[200];
	struct td_hidx *ix = td_hidx_new();
	size_t nh, nn, i;

	(void)state;
	nh = read_hashes("haystack.txt", hay, 2000);
	nn = read_hashes("needles.txt", needles, 200);
	assert_int_equal(nh, 1350);
	assert_int_equal(nn, 100);
	for (i = 0; i < nh; i++)
		assert_int_equal(td_hidx_add(ix, &hay[i], 1000 + i, NULL), 0);
	assert_int_equal(td_hidx_tables(ix), 0);
	check_bruteforce_csv(ix, needles, nn, nh);
	td_hidx_free(ix);
}

static void
test_hidx__published_pairs_by_multi_index(void **state)
{
	static struct td_phash hay[2000], needles[200];
	struct td_hidx *ix = td_hidx_new();
	size_t nh, nn, i;

	(void)state;
	nh = read_hashes("haystack.txt", hay, 2000);
	nn = read_hashes("needles.txt", needles, 200);
	for (i = 0; i < nh; i++)
		assert_int_equal(td_hidx_add(ix, &hay[i], i, NULL), 0);
	/* Random filler, far (about 128 bits) from everything, takes the
	 * index past the size where the tables are used. */
	for (i = 0; i < TD_HIDX_MIH_MIN + 10000; i++) {
		struct td_phash h;

		random_hash(&h);
		assert_int_equal(td_hidx_add(ix, &h, 1u << 30, NULL), 0);
	}
	td_hidx_build(ix);
	assert_true(td_hidx_tables(ix) > 0);
	check_bruteforce_csv(ix, needles, nn, nh);
	td_hidx_free(ix);
}

static void
test_hidx__random_queries_equal_brute_force(void **state)
{
	enum { NCENTRES = 5000, PER = 25, NQ = 300 };
	static struct td_phash centres[NCENTRES];
	static const int ds[] = {0, 5, 15, 16, 31, 32, 40, 63};
	struct td_hidx_hits a = TD_HIDX_HITS_INIT, b = TD_HIDX_HITS_INIT;
	struct td_hidx *ix = td_hidx_new();
	size_t i, found = 0, qi;
	int j, stage;

	(void)state;
	/* Clumps of near hashes, as real photo sets have, not only
	 * uniform codes (MIH's best case). */
	for (i = 0; i < NCENTRES; i++)
		random_hash(&centres[i]);
	for (stage = 0; stage < 2; stage++) {
		for (i = 0; i < NCENTRES; i++)
			for (j = 0; j < PER / 2; j++) {
				struct td_phash h = centres[i];

				flip_bits(&h, (int)(rng() % 48));
				assert_int_equal(
					td_hidx_add(ix, &h, i * 100 + (size_t)j,
						    NULL),
					0);
			}
		/* Stage 0 queries the tables and a tail; stage 1 adds as
		 * many again, which rebuilds the tables. */
		assert_true(td_hidx_tables(ix) > 0);
		for (qi = 0; qi < NQ; qi++) {
			struct td_phash q = centres[rng() % NCENTRES];
			size_t k;

			if (qi % 10 == 0)
				random_hash(&q);
			else
				flip_bits(&q, (int)(rng() % 40));
			for (k = 0; k < ARRAY_LEN(ds); k++) {
				assert_int_equal(
					td_hidx_query(ix, &q, ds[k], &a, NULL),
					0);
				assert_int_equal(
					td_hidx_scan(ix, &q, ds[k], &b, NULL),
					0);
				assert_same_hits(&a, &b);
				found += a.n;
			}
		}
	}
	assert_true(found > 1000); /* the queries did find things */
	assert_int_equal(td_hidx_query(ix, &centres[0], 257, &a, NULL),
			 TD_EINVAL);
	assert_int_equal(td_hidx_query(ix, &centres[0], -1, &a, NULL),
			 TD_EINVAL);
	td_hidx_hits_release(&a);
	td_hidx_hits_release(&b);
	td_hidx_free(ix);
}

static void
test_hidx__save_load_round_trip(void **state)
{
	struct td_hidx *ix = td_hidx_new(), *back = NULL;
	struct td_hidx_hits a = TD_HIDX_HITS_INIT, b = TD_HIDX_HITS_INIT;
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir(), path[1024];
	struct td_phash q;
	size_t i;

	(void)state;
	snprintf(path, sizeof(path), "%s/images.hidx", dir);
	for (i = 0; i < TD_HIDX_MIH_MIN + 100; i++) {
		struct td_phash h;

		random_hash(&h);
		if (i == 77)
			q = h;
		assert_int_equal(td_hidx_add(ix, &h, i * 3, NULL), 0);
	}
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	assert_int_equal(td_hidx_load(path, &back, &err), 0);
	assert_int_equal(td_hidx_count(back), td_hidx_count(ix));
	assert_true(td_hidx_tables(back) > 0);
	flip_bits(&q, 20);
	assert_int_equal(td_hidx_query(ix, &q, 31, &a, NULL), 0);
	assert_int_equal(td_hidx_query(back, &q, 31, &b, NULL), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.v[0].id, 77 * 3);
	assert_same_hits(&a, &b);
	td_hidx_free(back);
	back = NULL;

	/* An empty index saves and loads too. */
	td_hidx_free(ix);
	ix = td_hidx_new();
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	assert_int_equal(td_hidx_load(path, &back, &err), 0);
	assert_int_equal(td_hidx_count(back), 0);
	td_hidx_free(back);
	td_hidx_hits_release(&a);
	td_hidx_hits_release(&b);
	td_hidx_free(ix);
	unit_rmdir(dir);
}

/* Rewrite the file at path with its first len bytes, byte at flip
 * (if >= 0) xor-ed. */
static void
damage(const char *path, long len, long flip)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	buf = malloc(1 << 20);
	n = (long)fread(buf, 1, 1 << 20, f);
	fclose(f);
	if (len > n)
		len = n;
	if (flip >= 0 && flip < len)
		buf[flip] ^= 0x10;
	f = fopen(path, "wb");
	assert_int_equal(fwrite(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	free(buf);
}

static void
test_hidx__damaged_files_are_errors(void **state)
{
	struct td_hidx *ix = td_hidx_new(), *back = NULL;
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir(), path[1024];
	size_t i;
	long size = 16 + 500 * 40 + 8;

	(void)state;
	snprintf(path, sizeof(path), "%s/x.hidx", dir);
	for (i = 0; i < 500; i++) {
		struct td_phash h;

		random_hash(&h);
		td_hidx_add(ix, &h, i, NULL);
	}
	/* truncated, in the records and in the header */
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	damage(path, size - 100, -1);
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	assert_null(back);
	assert_non_null(strstr(err.msg, "truncated"));
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	damage(path, 10, -1);
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	/* one bit changed in a hash */
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	damage(path, size, 16 + 40 * 250 + 3);
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	assert_non_null(strstr(err.msg, "checksum"));
	/* a count that does not fit the size */
	assert_int_equal(td_hidx_save(ix, path, &err), 0);
	damage(path, size, 9);
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	/* not an index, a newer format, empty, missing */
	unit_write(path, "hello, this is not an index at all");
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	unit_write(path, "TDHIDX99\0\0\0\0\0\0\0\0");
	assert_int_equal(td_hidx_load(path, &back, &err), TD_EVERSION);
	unit_write(path, "");
	assert_int_equal(td_hidx_load(path, &back, &err), TD_ECORRUPT);
	snprintf(path, sizeof(path), "%s/missing.hidx", dir);
	assert_int_equal(td_hidx_load(path, &back, &err), TD_EIO);
	assert_null(back);
	td_hidx_free(ix);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidx__published_pairs_by_scan),
		cmocka_unit_test(test_hidx__published_pairs_by_multi_index),
		cmocka_unit_test(test_hidx__random_queries_equal_brute_force),
		cmocka_unit_test(test_hidx__save_load_round_trip),
		cmocka_unit_test(test_hidx__damaged_files_are_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
