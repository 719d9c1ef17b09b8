/*
 * The Hamming index: a popcount scan, and multi-index hashing for large
 * sets (see hidx.h for the method).
 */
#include "core/hidx.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/banned.h"

#define MAX_TABLES 16
/* At least 11 tables keep substrings within 24 bits (64 MiB a table). */
#define MIN_TABLES  11
#define MAGIC       "TDHIDX01"
#define MAX_ENTRIES 0xfffffffeu

/* popcnt is an x86 instruction; elsewhere the default clone is all. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define POPCNT_CLONES
#endif

struct table {
	uint32_t *start; /* 2^len + 1 offsets into pos, by substring value */
	uint32_t *pos;   /* entry positions grouped by substring value */
};

struct td_hidx {
	struct td_phash *h;         /* the hashes, in position order */
	uint64_t *id;               /* their ids */
	size_t n;                   /* entries */
	size_t alloc;               /* allocated entries */
	size_t built;               /* entries [0, built) are in the tables */
	int m;                      /* tables in use (0: scan only) */
	int off[MAX_TABLES + 1];    /* substring c is bits [off[c],
				       off[c+1]) */
	struct table t[MAX_TABLES]; /* one per substring */
};

static inline int
dist256(const struct td_phash *a, const struct td_phash *b)
{
	return __builtin_popcountll(a->w[0] ^ b->w[0]) +
	       __builtin_popcountll(a->w[1] ^ b->w[1]) +
	       __builtin_popcountll(a->w[2] ^ b->w[2]) +
	       __builtin_popcountll(a->w[3] ^ b->w[3]);
}

static inline uint32_t
substr(const struct td_phash *h, int off, int len)
{
	int wi = off >> 6, sh = off & 63;
	uint64_t v = h->w[wi] >> sh;

	if (sh + len > 64)
		v |= h->w[wi + 1] << (64 - sh);
	return (uint32_t)(v & (((uint64_t)1 << len) - 1));
}

void
td_hidx_hits_release(struct td_hidx_hits *hits)
{
	free(hits->v);
	hits->v = NULL;
	hits->n = 0;
	hits->alloc = 0;
}

static void
push_hit(struct td_hidx_hits *hits, const struct td_hidx *ix, size_t pos, int d)
{
	TD_GROW(hits->v, hits->n + 1, hits->alloc);
	hits->v[hits->n].id = ix->id[pos];
	hits->v[hits->n].pos = (uint32_t)pos;
	hits->v[hits->n].dist = d;
	hits->n++;
}

struct td_hidx *
td_hidx_new(void)
{
	return td_xcalloc(1, sizeof(struct td_hidx));
}

static void
drop_tables(struct td_hidx *ix)
{
	int c;

	for (c = 0; c < ix->m; c++) {
		free(ix->t[c].start);
		free(ix->t[c].pos);
		ix->t[c].start = NULL;
		ix->t[c].pos = NULL;
	}
	ix->m = 0;
	ix->built = 0;
}

void
td_hidx_free(struct td_hidx *ix)
{
	if (!ix)
		return;
	drop_tables(ix);
	free(ix->h);
	free(ix->id);
	free(ix);
}

size_t
td_hidx_count(const struct td_hidx *ix)
{
	return ix->n;
}

int
td_hidx_tables(const struct td_hidx *ix)
{
	return ix->m;
}

void
td_hidx_get(const struct td_hidx *ix, size_t pos, struct td_phash *hash,
	    uint64_t *id)
{
	if (hash)
		*hash = ix->h[pos];
	if (id)
		*id = ix->id[pos];
}

/* Substrings of about log2(n) bits (Norouzi et al.), 11 to 16 of them. */
static int
tables_for(size_t n)
{
	double b = log2((double)n);
	int m;

	if (b < 16)
		b = 16;
	m = (int)lround(256.0 / b);
	if (m < MIN_TABLES)
		m = MIN_TABLES;
	if (m > MAX_TABLES)
		m = MAX_TABLES;
	return m;
}

void
td_hidx_build(struct td_hidx *ix)
{
	int c, m;

	drop_tables(ix);
	if (ix->n < TD_HIDX_MIH_MIN)
		return;
	m = tables_for(ix->n);
	for (c = 0; c <= m; c++)
		ix->off[c] = c * 256 / m;
	for (c = 0; c < m; c++) {
		int len = ix->off[c + 1] - ix->off[c];
		size_t nkeys = (size_t)1 << len, i;
		uint32_t *start = td_xcalloc(nkeys + 1, sizeof(uint32_t));
		uint32_t *pos = td_xmalloc(sizeof(uint32_t) * ix->n);

		/* Counting sort of the positions by substring value. */
		for (i = 0; i < ix->n; i++)
			start[substr(&ix->h[i], ix->off[c], len) + 1]++;
		for (i = 0; i < nkeys; i++)
			start[i + 1] += start[i];
		for (i = 0; i < ix->n; i++) {
			uint32_t k = substr(&ix->h[i], ix->off[c], len);

			pos[start[k]++] = (uint32_t)i;
		}
		/* start[k] now holds the end of bucket k: shift back. */
		memmove(start + 1, start, sizeof(uint32_t) * nkeys);
		start[0] = 0;
		ix->t[c].start = start;
		ix->t[c].pos = pos;
	}
	ix->m = m;
	ix->built = ix->n;
}

int
td_hidx_add(struct td_hidx *ix, const struct td_phash *hash, uint64_t id,
	    struct td_err *err)
{
	size_t tail;

	if (ix->n >= MAX_ENTRIES)
		return td_errf(err, TD_ETOOBIG, "hash index is full (%zu)",
			       ix->n);
	if (ix->n == ix->alloc) {
		size_t a = ix->alloc ? ix->alloc * 2 : 1024;

		ix->h = td_xrealloc(ix->h, a * sizeof(*ix->h));
		ix->id = td_xrealloc(ix->id, a * sizeof(*ix->id));
		ix->alloc = a;
	}
	ix->h[ix->n] = *hash;
	ix->id[ix->n] = id;
	ix->n++;
	/* The tail is scanned by every query: rebuild when it grows past
	 * an eighth of the index, so adds cost O(tables) amortised. */
	tail = ix->n - ix->built;
	if (ix->n >= TD_HIDX_MIH_MIN && tail > ix->n / 8)
		td_hidx_build(ix);
	return 0;
}

POPCNT_CLONES
static void
scan_range(const struct td_hidx *ix, size_t from, size_t to,
	   const struct td_phash *q, int d, struct td_hidx_hits *hits)
{
	size_t i;

	for (i = from; i < to; i++) {
		int k = dist256(&ix->h[i], q);

		if (k <= d)
			push_hit(hits, ix, i, k);
	}
}

int
td_hidx_scan(const struct td_hidx *ix, const struct td_phash *q, int d,
	     struct td_hidx_hits *hits, struct td_err *err)
{
	hits->n = 0;
	if (d < 0 || d > 256)
		return td_errf(err, TD_EINVAL, "distance %d is not in 0..256",
			       d);
	scan_range(ix, 0, ix->n, q, d, hits);
	return 0;
}

struct probe {
	const struct td_hidx *ix;  /* the index */
	const struct table *t;     /* the table probed */
	const struct td_phash *q;  /* the query */
	int d;                     /* the query radius */
	int len;                   /* substring bits */
	struct td_hidx_hits *hits; /* where answers go */
};

POPCNT_CLONES
static void
probe_bucket(const struct probe *p, uint32_t key)
{
	const uint32_t *pos = p->t->pos;
	uint32_t i, end = p->t->start[key + 1];

	for (i = p->t->start[key]; i < end; i++) {
		int k = dist256(&p->ix->h[pos[i]], p->q);

		if (k <= p->d)
			push_hit(p->hits, p->ix, pos[i], k);
	}
}

/* Probe every key that differs from key in exactly r more bits, all at
 * positions >= from (each set of flipped bits is visited once). */
static void
probe_flips(const struct probe *p, uint32_t key, int from, int r)
{
	int b;

	if (r == 0) {
		probe_bucket(p, key);
		return;
	}
	for (b = from; b <= p->len - r; b++)
		probe_flips(p, key ^ ((uint32_t)1 << b), b + 1, r - 1);
}

static double
binom_sum(int n, int s)
{
	double c = 1, sum = 1;
	int k;

	for (k = 1; k <= s; k++) {
		c = c * (n - k + 1) / k;
		sum += c;
	}
	return sum;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct td_hidx_hit *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int
td_hidx_query(const struct td_hidx *ix, const struct td_phash *q, int d,
	      struct td_hidx_hits *hits, struct td_err *err)
{
	double probes = 0, cand;
	size_t i, j;
	int c, s;

	hits->n = 0;
	if (d < 0 || d > 256)
		return td_errf(err, TD_EINVAL, "distance %d is not in 0..256",
			       d);
	if (ix->m == 0) {
		scan_range(ix, 0, ix->n, q, d, hits);
		return 0;
	}
	/* Pigeonhole: some substring is within s = floor(d / m). */
	s = d / ix->m;
	for (c = 0; c < ix->m; c++)
		probes += binom_sum(ix->off[c + 1] - ix->off[c], s);
	cand = probes * (double)ix->built /
	       (double)((uint64_t)1 << (ix->off[1] - ix->off[0]));
	/* A probe and a candidate cost a few random memory reads each; a
	 * scanned entry is one sequential read. */
	if (2 * probes + 4 * cand > (double)ix->built) {
		scan_range(ix, 0, ix->n, q, d, hits);
		return 0;
	}
	for (c = 0; c < ix->m; c++) {
		struct probe p;
		int r;

		p.ix = ix;
		p.t = &ix->t[c];
		p.q = q;
		p.d = d;
		p.len = ix->off[c + 1] - ix->off[c];
		p.hits = hits;
		for (r = 0; r <= s; r++)
			probe_flips(&p, substr(q, ix->off[c], p.len), 0, r);
	}
	/* An answer may be found through several tables. */
	if (hits->n > 1)
		qsort(hits->v, hits->n, sizeof(*hits->v), cmp_hit);
	for (i = j = 0; i < hits->n; i++)
		if (j == 0 || hits->v[j - 1].pos != hits->v[i].pos)
			hits->v[j++] = hits->v[i];
	hits->n = j;
	scan_range(ix, ix->built, ix->n, q, d, hits);
	return 0;
}

/* --- files --------------------------------------------------------------- */

static uint64_t
fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

#define FNV_INIT 0xcbf29ce484222325ull
#define RECORD   40 /* 32 bytes of hash, 8 of id */

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int
td_hidx_save(const struct td_hidx *ix, const char *path, struct td_err *err)
{
	char tmp[4096];
	unsigned char head[16], rec[RECORD * 256], sum[8];
	uint64_t h = FNV_INIT;
	FILE *f;
	size_t i, k;
	int rc = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return td_errf(err, TD_EINVAL, "%s: path too long", path);
	f = fopen(tmp, "wb");
	if (!f)
		return td_errf(err, TD_EIO, "%s: %s", tmp, strerror(errno));
	memcpy(head, MAGIC, 8);
	put64(head + 8, ix->n);
	h = fnv1a(h, head, sizeof(head));
	if (fwrite(head, 1, sizeof(head), f) != sizeof(head))
		goto ioerr;
	for (i = 0; i < ix->n; i += k) {
		size_t j;

		for (k = 0; k < 256 && i + k < ix->n; k++) {
			unsigned char *r = rec + k * RECORD;

			for (j = 0; j < 4; j++)
				put64(r + 8 * j, ix->h[i + k].w[j]);
			put64(r + 32, ix->id[i + k]);
		}
		h = fnv1a(h, rec, k * RECORD);
		if (fwrite(rec, RECORD, k, f) != k)
			goto ioerr;
	}
	put64(sum, h);
	if (fwrite(sum, 1, 8, f) != 8 || fflush(f) != 0 || fsync(fileno(f)))
		goto ioerr;
	if (fclose(f) != 0) {
		f = NULL;
		goto ioerr;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		goto ioerr;
	return 0;
ioerr:
	rc = td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
	if (f)
		fclose(f);
	unlink(tmp);
	return rc;
}

int
td_hidx_load(const char *path, struct td_hidx **out, struct td_err *err)
{
	struct td_hidx *ix = NULL;
	unsigned char head[16], rec[RECORD], sum[8];
	uint64_t h = FNV_INIT, n, i;
	long size;
	size_t got;
	FILE *f;
	int rc = 0, j;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		rc = td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	got = fread(head, 1, sizeof(head), f);
	if (got < 8 || memcmp(head, "TDHIDX", 6) != 0) {
		rc = td_errf(err, TD_ECORRUPT, "%s: not a hash index file",
			     path);
		goto out;
	}
	if (memcmp(head, MAGIC, 8) != 0) {
		rc = td_errf(err, TD_EVERSION,
			     "%s: hash index format %.2s is newer than this "
			     "program",
			     path, (const char *)head + 6);
		goto out;
	}
	if (got < sizeof(head)) {
		rc = td_errf(err, TD_ECORRUPT, "%s: truncated hash index",
			     path);
		goto out;
	}
	n = get64(head + 8);
	if (n > MAX_ENTRIES ||
	    (uint64_t)size != sizeof(head) + n * RECORD + sizeof(sum)) {
		rc = td_errf(err, TD_ECORRUPT,
			     "%s: truncated or corrupt hash index (%ld bytes "
			     "for %llu hashes)",
			     path, size, (unsigned long long)n);
		goto out;
	}
	h = fnv1a(h, head, sizeof(head));
	ix = td_hidx_new();
	ix->alloc = n ? (size_t)n : 1;
	ix->h = td_xmalloc(ix->alloc * sizeof(*ix->h));
	ix->id = td_xmalloc(ix->alloc * sizeof(*ix->id));
	for (i = 0; i < n; i++) {
		if (fread(rec, 1, RECORD, f) != RECORD) {
			rc = td_errf(err, TD_ECORRUPT,
				     "%s: truncated hash index", path);
			goto out;
		}
		h = fnv1a(h, rec, RECORD);
		for (j = 0; j < 4; j++)
			ix->h[i].w[j] = get64(rec + 8 * j);
		ix->id[i] = get64(rec + 32);
	}
	ix->n = (size_t)n;
	if (fread(sum, 1, 8, f) != 8 || get64(sum) != h) {
		rc = td_errf(err, TD_ECORRUPT,
			     "%s: hash index checksum does not match", path);
		goto out;
	}
	td_hidx_build(ix);
	*out = ix;
	ix = NULL;
out:
	td_hidx_free(ix);
	fclose(f);
	return rc;
}
