/*
 * The net module's plumbing: text folding, hashing, hash maps, shingles
 * and the MinHash/LSH index used for near-identical listing texts and
 * similar shop names.
 */
#include "core/net.h"
#include "core/net_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/util.h"
#include "core/banned.h"

/* --- text folding ------------------------------------------------------- */

size_t
net_utf8_next(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     n > 4 ? 4 : (utf8proc_ssize_t)n, &c);
	if (k <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)k;
}

void
net_fold(const char *s, size_t n, struct td_buf *out, size_t **map)
{
	size_t i = 0, mlen = 0, malloc_n = 0;
	size_t *m = NULL;

	if (map) {
		malloc_n = n + 16;
		m = td_xmalloc(malloc_n * sizeof(*m));
	}
	while (i < n) {
		utf8proc_int32_t dst[18];
		int32_t cp;
		int last = 0;
		size_t k = net_utf8_next(s + i, n - i, &cp);
		utf8proc_ssize_t nd, j;
		size_t before = out->len;

		if (cp < 0) {
			i += k;
			continue;
		}
		nd = utf8proc_decompose_char(
			cp, dst, (utf8proc_ssize_t)TD_ARRAY_LEN(dst),
			UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
				UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
			&last);
		if (nd < 0 || nd > (utf8proc_ssize_t)TD_ARRAY_LEN(dst)) {
			dst[0] = cp;
			nd = 1;
		}
		for (j = 0; j < nd; j++) {
			utf8proc_uint8_t b[4];
			utf8proc_ssize_t l = utf8proc_encode_char(dst[j], b);

			td_buf_add(out, b, (size_t)l);
		}
		if (m) {
			size_t add = out->len - before;

			if (mlen + add + 1 > malloc_n) {
				malloc_n = (mlen + add + 1) * 2;
				m = td_xrealloc(m, malloc_n * sizeof(*m));
			}
			while (add--)
				m[mlen++] = i;
		}
		i += k;
	}
	if (m) {
		m[mlen] = n;
		*map = m;
	}
}

int
net_is_cjk(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || /* kana */
	       (cp >= 0x3400 && cp <= 0x4dbf) || /* CJK extension A */
	       (cp >= 0x4e00 && cp <= 0x9fff) || /* CJK unified */
	       (cp >= 0xac00 && cp <= 0xd7af) || /* Hangul syllables */
	       (cp >= 0xf900 && cp <= 0xfaff) || /* compatibility */
	       (cp >= 0x20000 && cp <= 0x3134f); /* extensions B.. */
}

int
net_is_wordch(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* --- hashing ------------------------------------------------------------ */

uint64_t
net_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

uint64_t
net_hash(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ net_mix64(seed);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return net_mix64(h ^ n);
}

/* --- maps --------------------------------------------------------------- */

static void
strmap_grow(struct net_strmap *m)
{
	struct net_strmap bigger;
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.n = 0;
	bigger.keys = td_xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = td_xcalloc(bigger.cap, sizeof(*bigger.vals));
	for (i = 0; i < m->cap; i++) {
		uint64_t h;
		size_t j;

		if (!m->keys[i])
			continue;
		h = net_hash(m->keys[i], strlen(m->keys[i]), 0);
		for (j = h & (bigger.cap - 1); bigger.keys[j];
		     j = (j + 1) & (bigger.cap - 1))
			;
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
		bigger.n++;
	}
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

int
net_strmap_get(const struct net_strmap *m, const char *key, uint32_t *val)
{
	size_t j;

	if (!m->cap)
		return 0;
	for (j = net_hash(key, strlen(key), 0) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[j], key) == 0) {
			*val = m->vals[j];
			return 1;
		}
	}
	return 0;
}

void
net_strmap_put(struct net_strmap *m, const char *key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	for (j = net_hash(key, strlen(key), 0) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[j], key) == 0) {
			m->vals[j] = val;
			return;
		}
	}
	m->keys[j] = td_xstrdup(key);
	m->vals[j] = val;
	m->n++;
}

void
net_strmap_release(struct net_strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static void
u64map_grow(struct net_u64map *m)
{
	struct net_u64map bigger;
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.n = 0;
	bigger.keys = td_xmalloc(bigger.cap * sizeof(*bigger.keys));
	memset(bigger.keys, 0xff, bigger.cap * sizeof(*bigger.keys));
	bigger.vals = td_xcalloc(bigger.cap, sizeof(*bigger.vals));
	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (m->keys[i] == UINT64_MAX)
			continue;
		for (j = net_mix64(m->keys[i]) & (bigger.cap - 1);
		     bigger.keys[j] != UINT64_MAX;
		     j = (j + 1) & (bigger.cap - 1))
			;
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
		bigger.n++;
	}
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

int
net_u64map_get(const struct net_u64map *m, uint64_t key, uint32_t *val)
{
	size_t j;

	if (!m->cap)
		return 0;
	for (j = net_mix64(key) & (m->cap - 1); m->keys[j] != UINT64_MAX;
	     j = (j + 1) & (m->cap - 1)) {
		if (m->keys[j] == key) {
			*val = m->vals[j];
			return 1;
		}
	}
	return 0;
}

void
net_u64map_put(struct net_u64map *m, uint64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->cap)
		u64map_grow(m);
	for (j = net_mix64(key) & (m->cap - 1); m->keys[j] != UINT64_MAX;
	     j = (j + 1) & (m->cap - 1)) {
		if (m->keys[j] == key) {
			m->vals[j] = val;
			return;
		}
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
}

void
net_u64map_release(struct net_u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* --- sets and shingles -------------------------------------------------- */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void
net_set_finish(struct net_set *s)
{
	size_t i, j = 0;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_u32);
	for (i = 1; i < s->n; i++)
		if (s->v[i] != s->v[j])
			s->v[++j] = s->v[i];
	s->n = j + 1;
}

static void
set_add(struct net_set *s, uint32_t x)
{
	TD_GROW(s->v, s->n + 1, s->alloc);
	s->v[s->n++] = x;
}

double
net_set_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	if (na + nb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
	}
	return (double)both / (double)(na + nb - both);
}

/* A token: where it starts in the folded text and how long it is. */
struct tok {
	size_t off;
	size_t len;
};

void
net_shingle_text(const char *text, unsigned k, struct net_set *out)
{
	struct td_buf f = TD_BUF_INIT;
	struct tok *toks = NULL;
	size_t n_toks = 0, alloc = 0, i = 0;

	out->n = 0;
	if (k == 0)
		k = 1;
	net_fold(text, strlen(text), &f, NULL);
	/* A CJK character is a token of its own, a run of other letters and
	 * digits is a word token; anything else separates tokens. */
	while (i < f.len) {
		int32_t cp;
		size_t l = net_utf8_next(f.data + i, f.len - i, &cp);

		if (net_is_cjk(cp)) {
			TD_GROW(toks, n_toks + 1, alloc);
			toks[n_toks].off = i;
			toks[n_toks++].len = l;
			i += l;
		} else if (net_is_wordch(cp)) {
			size_t start = i;

			while (i < f.len) {
				l = net_utf8_next(f.data + i, f.len - i, &cp);
				if (net_is_cjk(cp) || !net_is_wordch(cp))
					break;
				i += l;
			}
			TD_GROW(toks, n_toks + 1, alloc);
			toks[n_toks].off = start;
			toks[n_toks++].len = i - start;
		} else {
			i += l;
		}
	}
	for (i = 0; n_toks && (i + k <= n_toks || i == 0); i++) {
		uint64_t h = 0x9e3779b97f4a7c15ULL;
		size_t j, end = i + k < n_toks ? i + k : n_toks;

		for (j = i; j < end; j++)
			h = net_hash(f.data + toks[j].off, toks[j].len, h);
		set_add(out, (uint32_t)(h >> 32) ^ (uint32_t)h);
		if (end == n_toks)
			break;
	}
	net_set_finish(out);
	free(toks);
	td_buf_release(&f);
}

void
net_shingle_bigrams(const char *name, struct net_set *out)
{
	size_t n = strlen(name), i = 0, prev = 0, count = 0;

	out->n = 0;
	while (i < n) {
		int32_t cp;
		size_t l = net_utf8_next(name + i, n - i, &cp);

		if (count > 0)
			set_add(out, (uint32_t)net_hash(name + prev,
							i + l - prev, 7));
		prev = i;
		i += l;
		count++;
	}
	if (count == 1)
		set_add(out, (uint32_t)net_hash(name, n, 7));
	net_set_finish(out);
}

/* --- LSH ---------------------------------------------------------------- */

void
net_lsh_init(struct net_lsh *ix, unsigned bands, unsigned rows,
	     unsigned max_bucket)
{
	uint64_t seed = 0x5eed0f7a6e7cULL;
	size_t i, n;

	memset(ix, 0, sizeof(*ix));
	ix->bands = bands ? bands : 1;
	ix->rows = rows ? rows : 1;
	ix->max_bucket = max_bucket;
	n = (size_t)ix->bands * ix->rows;
	ix->mul = td_xmalloc(n * sizeof(*ix->mul));
	ix->add = td_xmalloc(n * sizeof(*ix->add));
	/* Fixed seeds: the same input gives the same buckets every run. */
	for (i = 0; i < n; i++) {
		seed += 0x9e3779b97f4a7c15ULL;
		ix->mul[i] = net_mix64(seed) | 1;
		seed += 0x9e3779b97f4a7c15ULL;
		ix->add[i] = net_mix64(seed);
	}
}

void
net_lsh_release(struct net_lsh *ix)
{
	free(ix->mul);
	free(ix->add);
	free(ix->shingles);
	free(ix->off);
	free(ix->len);
	free(ix->in);
	free(ix->bkey);
	free(ix->next);
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

/* The band hashes of a set's MinHash signature. */
static void
band_keys(const struct net_lsh *ix, const uint32_t *v, size_t n, uint32_t *keys)
{
	uint32_t sig[64];
	unsigned b, r;

	for (b = 0; b < ix->bands; b++) {
		uint64_t h = b;

		for (r = 0; r < ix->rows && r < TD_ARRAY_LEN(sig); r++) {
			size_t p = (size_t)b * ix->rows + r, i;
			uint64_t a = ix->mul[p], c = ix->add[p];
			uint32_t min = UINT32_MAX;

			/* multiply-shift: the top bits of a*x+c form a
			 * universal family, enough for MinHash over
			 * already well-mixed shingle hashes */
			for (i = 0; i < n; i++) {
				uint32_t y = (uint32_t)((a * v[i] + c) >> 32);

				if (y < min)
					min = y;
			}
			sig[r] = min;
		}
		keys[b] = (uint32_t)net_hash(sig, sizeof(sig[0]) * r, h);
	}
}

void
net_lsh_bands(const struct net_lsh *ix, const struct net_set *s, uint32_t *keys)
{
	band_keys(ix, s->v, s->n, keys);
}

static void
lsh_rehash(struct net_lsh *ix, size_t n_slots)
{
	size_t e, n_ent = ix->n * ix->bands;

	free(ix->slot);
	ix->n_slots = n_slots;
	ix->slot = td_xmalloc(n_slots * sizeof(*ix->slot));
	memset(ix->slot, 0xff, n_slots * sizeof(*ix->slot));
	for (e = 0; e < n_ent; e++) {
		size_t s;

		if (!ix->in[e / ix->bands])
			continue;
		s = net_mix64(ix->bkey[e]) & (n_slots - 1);
		ix->next[e] = ix->slot[s];
		ix->slot[s] = (uint32_t)e;
	}
}

uint32_t
net_lsh_add(struct net_lsh *ix, const struct net_set *s, size_t min_n)
{
	uint32_t id = (uint32_t)ix->n;
	size_t e0, need;
	unsigned b;

	TD_GROW(ix->off, ix->n + 1, ix->alloc);
	ix->len = td_xrealloc(ix->len, ix->alloc * sizeof(*ix->len));
	ix->in = td_xrealloc(ix->in, ix->alloc * sizeof(*ix->in));
	TD_GROW(ix->shingles, ix->n_shingles + s->n, ix->alloc_shingles);
	if (s->n)
		memcpy(ix->shingles + ix->n_shingles, s->v,
		       s->n * sizeof(*s->v));
	ix->off[id] = ix->n_shingles;
	ix->n_shingles += s->n;
	ix->len[id] = (uint32_t)s->n;
	ix->n++;
	need = ix->n * ix->bands;
	if (need > ix->alloc_ent) {
		size_t a = ix->alloc_ent ? ix->alloc_ent : 1024;

		while (a < need)
			a *= 2;
		ix->bkey = td_xrealloc(ix->bkey, a * sizeof(*ix->bkey));
		ix->next = td_xrealloc(ix->next, a * sizeof(*ix->next));
		ix->alloc_ent = a;
	}
	e0 = (size_t)id * ix->bands;
	ix->in[id] = !(s->n < min_n || s->n == 0);
	if (!ix->in[id]) {
		/* stored for the Jaccard check, but in no bucket */
		memset(ix->bkey + e0, 0, ix->bands * sizeof(*ix->bkey));
		return id;
	}
	band_keys(ix, s->v, s->n, ix->bkey + e0);
	if (need > ix->n_slots) {
		size_t n_slots = ix->n_slots ? ix->n_slots : 1024;

		while (n_slots < need)
			n_slots *= 2;
		lsh_rehash(ix, n_slots); /* links the new entries too */
		return id;
	}
	for (b = 0; b < ix->bands; b++) {
		size_t e = e0 + b;
		size_t sl = net_mix64(ix->bkey[e]) & (ix->n_slots - 1);

		ix->next[e] = ix->slot[sl];
		ix->slot[sl] = (uint32_t)e;
	}
	return id;
}

void
net_lsh_candidates(struct net_lsh *ix, uint32_t id, const struct net_set *q,
		   uint32_t below, struct net_set *out)
{
	uint32_t qk[256];
	const uint32_t *keys;
	unsigned b;

	out->n = 0;
	if (!ix->n_slots)
		return;
	if (id != UINT32_MAX) {
		if (!ix->in[id])
			return;
		keys = ix->bkey + (size_t)id * ix->bands;
	} else {
		if (!q || q->n == 0 || ix->bands > TD_ARRAY_LEN(qk))
			return;
		band_keys(ix, q->v, q->n, qk);
		keys = qk;
	}
	for (b = 0; b < ix->bands; b++) {
		size_t sl = net_mix64(keys[b]) & (ix->n_slots - 1);
		size_t count = 0, start = out->n;
		uint32_t e;

		for (e = ix->slot[sl]; e != UINT32_MAX; e = ix->next[e]) {
			uint32_t other = e / ix->bands;

			if (e % ix->bands != b || ix->bkey[e] != keys[b])
				continue;
			/* no need to walk a template bucket to its end */
			if (ix->max_bucket && ++count > ix->max_bucket)
				break;
			if (other != id && other < below)
				set_add(out, other);
		}
		/* A bucket this large is a template everybody uses, not a
		 * copy: skip it rather than compare every pair in it. */
		if (ix->max_bucket && count > ix->max_bucket) {
			ix->skipped += out->n - start;
			out->n = start;
		}
	}
	net_set_finish(out);
}

double
net_lsh_jaccard(const struct net_lsh *ix, uint32_t id, const uint32_t *q,
		size_t nq)
{
	return net_set_jaccard(ix->shingles + ix->off[id], ix->len[id], q, nq);
}

/* --- shingles and the public text index --------------------------------- */

void
td_net_shingles_release(struct td_net_shingles *s)
{
	if (!s)
		return;
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void
td_net_shingle(const char *text, unsigned k, struct td_net_shingles *out)
{
	struct net_set s = {out->v, 0, out->alloc};

	net_shingle_text(text ? text : "", k, &s);
	out->v = s.v;
	out->n = s.n;
	out->alloc = s.alloc;
}

double
td_net_jaccard(const struct td_net_shingles *a, const struct td_net_shingles *b)
{
	return net_set_jaccard(a->v, a->n, b->v, b->n);
}

struct td_net_tidx {
	struct net_lsh lsh;  /* the sets and buckets */
	unsigned k;          /* tokens per shingle */
	unsigned min;        /* shortest set put in buckets */
	struct net_set tmp;  /* scratch */
	struct net_set cand; /* scratch */
};

struct td_net_tidx *
td_net_tidx_new(unsigned k, unsigned bands, unsigned rows, unsigned max_bucket,
		unsigned min_shingles)
{
	struct td_net_tidx *ix = td_xcalloc(1, sizeof(*ix));

	if (rows > 64)
		rows = 64;
	if (bands > 256)
		bands = 256;
	net_lsh_init(&ix->lsh, bands, rows, max_bucket);
	ix->k = k;
	ix->min = min_shingles;
	return ix;
}

void
td_net_tidx_free(struct td_net_tidx *ix)
{
	if (!ix)
		return;
	net_lsh_release(&ix->lsh);
	free(ix->tmp.v);
	free(ix->cand.v);
	free(ix);
}

uint32_t
td_net_tidx_add(struct td_net_tidx *ix, const char *text)
{
	net_shingle_text(text ? text : "", ix->k, &ix->tmp);
	return net_lsh_add(&ix->lsh, &ix->tmp, ix->min);
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct td_net_hit *x = a, *y = b;

	if (x->jaccard != y->jaccard)
		return x->jaccard > y->jaccard ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
td_net_tidx_query(struct td_net_tidx *ix, const char *text, double min_jaccard,
		  struct td_net_hits *out)
{
	size_t i;

	out->n = 0;
	net_shingle_text(text ? text : "", ix->k, &ix->tmp);
	if (ix->tmp.n < ix->min || ix->tmp.n == 0)
		return 0;
	net_lsh_candidates(&ix->lsh, UINT32_MAX, &ix->tmp, UINT32_MAX,
			   &ix->cand);
	for (i = 0; i < ix->cand.n; i++) {
		double j = net_lsh_jaccard(&ix->lsh, ix->cand.v[i], ix->tmp.v,
					   ix->tmp.n);

		if (j + 1e-12 < min_jaccard)
			continue;
		TD_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n].id = ix->cand.v[i];
		out->v[out->n++].jaccard = j;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_hit);
	return 0;
}

void
td_net_hits_release(struct td_net_hits *h)
{
	if (!h)
		return;
	free(h->v);
	memset(h, 0, sizeof(*h));
}
