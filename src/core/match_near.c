/*
 * Near variants: terms' words within one or two edits of a token.
 *
 * Symmetric deletion: if two strings are within k edits (insertions,
 * deletions, substitutions, adjacent transpositions) then deleting at
 * most k characters from each gives a common string. Each word with a
 * budget k gets all its deletion strings up to k indexed by hash; a
 * token probes its own deletion strings (up to 2 when it is long enough
 * for a word of 9+ letters, else 1). The hashes are polynomial, so all
 * the deletions of a token come from its prefix hashes in O(1) each, and
 * a blocked Bloom filter keeps the misses in cache. A candidate is then
 * checked with the optimal-string-alignment distance, whose trace names
 * the edits.
 */
#include <stdlib.h>
#include <string.h>

#include "core/match_int.h"
#include "core/util.h"
#include "core/banned.h"

/* Longest word or token handled. */
#define NEAR_MAX 48

/* A distance past any budget, for cells outside the band. */
#define FAR 100

/* A deletion hash with the word it came from, while building. */
struct kv {
	uint64_t key;  /* fmix of the deletion hash */
	uint32_t word; /* near word id */
};

static int
cmp_kv(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->word < y->word ? -1 : x->word > y->word;
}

static void
push_kv(struct kv **v, size_t *n, size_t *alloc, uint64_t key, uint32_t w)
{
	TD_GROW(*v, *n + 1, *alloc);
	(*v)[*n].key = key;
	(*v)[(*n)++].word = w;
}

static void
add_deletions(struct kv **v, size_t *n, size_t *alloc, const char *s,
	      size_t len, int k, uint32_t w)
{
	char buf[NEAR_MAX];
	size_t i, j, o, p;

	push_kv(v, n, alloc, near_fmix(near_hash(s, len)), w);
	for (i = 0; i < len; i++) {
		for (o = 0, p = 0; p < len; p++)
			if (p != i)
				buf[o++] = s[p];
		push_kv(v, n, alloc, near_fmix(near_hash(buf, o)), w);
		for (j = i + 1; k >= 2 && j < len; j++) {
			for (o = 0, p = 0; p < len; p++)
				if (p != i && p != j)
					buf[o++] = s[p];
			push_kv(v, n, alloc, near_fmix(near_hash(buf, o)), w);
		}
	}
}

static inline void
bloom_set(struct near_index *ix, uint64_t key)
{
	uint64_t *w = &ix->bloom[(key >> 40) & ix->bloom_mask];

	*w |= (uint64_t)1 << (key & 63) | (uint64_t)1 << (key >> 6 & 63) |
	      (uint64_t)1 << (key >> 12 & 63);
}

static inline int
bloom_test(const struct near_index *ix, uint64_t key)
{
	uint64_t want = (uint64_t)1 << (key & 63) |
			(uint64_t)1 << (key >> 6 & 63) |
			(uint64_t)1 << (key >> 12 & 63);

	return (ix->bloom[(key >> 40) & ix->bloom_mask] & want) == want;
}

int
near_build(struct td_match *m, struct td_err *err)
{
	struct near_index *ix = &m->near;
	struct kv *v = NULL;
	size_t nv = 0, av = 0, aw = 0, i, nkeys = 0, slots, bits;

	(void)err;
	ix->minlen = NEAR_MAX;
	for (i = 0; i < m->nterms; i++) {
		const struct mterm *t = &m->terms[i];
		uint16_t w;

		if (!t->budget || t->dist < TD_MATCH_NEAR_MIN)
			continue;
		for (w = 0; w < t->nwords; w++) {
			uint32_t a = m->wpos[t->wpos + w];
			uint32_t b = m->wpos[t->wpos + w + 1];
			size_t len = b - a;
			int k = len >= 9 ? 2 : len >= 5 ? 1 : 0;
			struct near_word *nw;

			if (k > t->budget)
				k = t->budget;
			if (!k || len >= NEAR_MAX)
				continue;
			TD_GROW(ix->words, ix->nwords + 1, aw);
			nw = &ix->words[ix->nwords];
			nw->term = (uint32_t)i;
			nw->word = w;
			nw->k = (uint8_t)k;
			nw->len = (uint8_t)len;
			nw->s = t->key + a;
			add_deletions(&v, &nv, &av, nw->s, len, k,
				      (uint32_t)ix->nwords);
			ix->nwords++;
			if ((int)len < ix->minlen)
				ix->minlen = (int)len;
			if ((int)len > ix->maxlen)
				ix->maxlen = (int)len;
			if (k == 2)
				ix->has_k2 = 1;
		}
	}
	if (!ix->nwords)
		goto out;
	qsort(v, nv, sizeof(*v), cmp_kv);
	for (i = 0; i < nv; i++)
		if (i == 0 || v[i].key != v[i - 1].key)
			nkeys++;
	for (slots = 64; slots < 2 * nkeys; slots *= 2)
		;
	ix->keys = td_xcalloc(slots, sizeof(*ix->keys));
	ix->start = td_xcalloc(slots, sizeof(*ix->start));
	ix->count = td_xcalloc(slots, sizeof(*ix->count));
	ix->tab_mask = slots - 1;
	ix->post = td_xmalloc(nv * sizeof(*ix->post));
	for (bits = 1024; bits < 16 * nkeys; bits *= 2)
		;
	ix->bloom = td_xcalloc(bits / 64, sizeof(*ix->bloom));
	ix->bloom_mask = bits / 64 - 1;
	{
		size_t np = 0, slot = 0;

		for (i = 0; i < nv; i++) {
			if (i == 0 || v[i].key != v[i - 1].key) {
				slot = v[i].key & ix->tab_mask;
				while (ix->keys[slot])
					slot = (slot + 1) & ix->tab_mask;
				ix->keys[slot] = v[i].key;
				ix->start[slot] = (uint32_t)np;
				bloom_set(ix, v[i].key);
			} else if (v[i].word == v[i - 1].word) {
				continue;
			}
			ix->post[np++] = v[i].word;
			ix->count[slot]++;
		}
	}
out:
	free(v);
	return 0;
}

void
near_free(struct near_index *ix)
{
	free(ix->bloom);
	free(ix->keys);
	free(ix->start);
	free(ix->count);
	free(ix->post);
	free(ix->words);
	memset(ix, 0, sizeof(*ix));
}

/* ---- distance ---------------------------------------------------------- */

static int
is_vowel(int c)
{
	/* In the key, i reads as l: take l for a vowel too. */
	return c == 'a' || c == 'e' || c == 'o' || c == 'u' || c == 'y' ||
	       c == 'l';
}

/*
 * Optimal-string-alignment distance between token a and word b, or k+1
 * when it exceeds k. *kind gets the variant of the edits.
 */
static int
osa(const char *a, size_t la, const char *b, size_t lb, int k, uint8_t *kind)
{
	uint8_t d[NEAR_MAX + 1][NEAR_MAX + 2];
	size_t i, j;
	int kinds[4], nk = 0, x;

	if (la > NEAR_MAX || lb > NEAR_MAX ||
	    (la > lb ? la - lb : lb - la) > (size_t)k)
		return k + 1;
	/*
	 * Only the band |i - j| <= k is computed: a cell outside it is over
	 * k, and its neighbours read it as FAR (also over k). Cells of at
	 * most k come out as in the full table, and so does the trace,
	 * which only steps through them.
	 */
	for (j = 0; j <= lb && j <= (size_t)k; j++)
		d[0][j] = (uint8_t)j;
	d[0][j] = FAR;
	for (i = 1; i <= la; i++) {
		size_t lo = i > (size_t)k ? i - (size_t)k : 1;
		size_t hi = i + (size_t)k < lb ? i + (size_t)k : lb;
		int rowmin = 255;

		d[i][lo - 1] =
			lo == 1 ? (uint8_t)(i <= (size_t)k ? i : FAR) : FAR;
		for (j = lo; j <= hi; j++) {
			int c = a[i - 1] != b[j - 1];
			int v = d[i - 1][j - 1] + c;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = (uint8_t)(v > FAR ? FAR : v);
			if (v < rowmin)
				rowmin = v;
		}
		d[i][hi + 1] = FAR;
		if (rowmin > k)
			return k + 1;
	}
	if (d[la][lb] > k)
		return k + 1;
	/* Trace the edits back. */
	i = la;
	j = lb;
	while ((i || j) && nk < 4) {
		if (i && j && a[i - 1] == b[j - 1] &&
		    d[i][j] == d[i - 1][j - 1]) {
			i--;
			j--;
		} else if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			   a[i - 2] == b[j - 1] &&
			   d[i][j] == d[i - 2][j - 2] + 1) {
			kinds[nk++] = TD_MATCH_TRANSPOSITION;
			i -= 2;
			j -= 2;
		} else if (i && j && d[i][j] == d[i - 1][j - 1] + 1) {
			kinds[nk++] = is_vowel(a[i - 1]) && is_vowel(b[j - 1])
					      ? TD_MATCH_VOWEL_SWAP
					      : TD_MATCH_REPLACEMENT;
			i--;
			j--;
		} else if (i && d[i][j] == d[i - 1][j] + 1) {
			/* The token has an extra letter a[i-1]. */
			kinds[nk++] =
				(i > 1 && a[i - 2] == a[i - 1]) ||
						(i < la && a[i] == a[i - 1])
					? TD_MATCH_REPETITION
					: TD_MATCH_INSERTION;
			i--;
		} else {
			kinds[nk++] = TD_MATCH_OMISSION;
			j--;
		}
	}
	*kind = TD_MATCH_EXACT;
	for (x = 0; x < nk; x++)
		*kind = (uint8_t)(x == 0 || kinds[x] == *kind ? kinds[x]
							      : TD_MATCH_EDITS);
	return d[la][lb];
}

/* ---- tokens ------------------------------------------------------------ */

/* 1 if key bytes [a, b) are all ASCII; the key view has 8 bytes
 * allocated from any offset, so the tail is one masked load. */
static int
ascii_span(const char *key, size_t a, size_t b)
{
	uint64_t w, high = 0;
	size_t n = b - a;

	key += a;
	for (; n >= 8; n -= 8, key += 8) {
		memcpy(&w, key, 8);
		high |= w;
	}
	if (n) {
		memcpy(&w, key, 8);
		high |= w & (~0ULL >> (64 - 8 * n));
	}
	return !(high & 0x8080808080808080ULL);
}

/* 1 if every character of key bytes [a, b) was a digit. */
static int
digits_span(const struct td_text *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!(t->info[a] & TD_TEXT_K_DIGIT))
			return 0;
	return 1;
}

/*
 * Split the key into tokens: runs between breaks (the normaliser lists
 * where they start), without CJK; runs of single letters ("g u c c i")
 * become one token. Whether a token is all digits is found when it is
 * looked up.
 */
static void
tokenize(struct td_match_scratch *s)
{
	const struct td_text *t = &s->text;
	size_t b;

	s->ntoks = 0;
	if (s->atoks < t->nbrk + 1)
		TD_GROW(s->toks, t->nbrk + 1, s->atoks);
	for (b = 0; b < t->nbrk; b++) {
		uint32_t p = t->brk[b];
		uint32_t q =
			b + 1 < t->nbrk ? t->brk[b + 1] : (uint32_t)t->key_len;
		struct token tk;

		if (t->info[p] & TD_TEXT_K_CJK)
			continue;
		tk.start = p;
		tk.end = q;
		/* Join single letters to a previous run of single letters. */
		if (q - p == 1) {
			tk.ascii = !((unsigned char)t->key[p] & 0x80);
			if (s->ntoks && tk.ascii) {
				struct token *pv = &s->toks[s->ntoks - 1];

				if (pv->end == p && pv->ascii &&
				    (pv->end - pv->start == 1 ||
				     (t->info[pv->start + 1] &
				      TD_TEXT_K_BREAK))) {
					pv->end = q;
					continue;
				}
			}
		} else {
			tk.ascii = (uint8_t)ascii_span(t->key, p, q);
		}
		s->toks[s->ntoks++] = tk; /* at most one per break */
	}
}

/* ---- search -------------------------------------------------------------- */

/* A word matched to a token: try to complete its term around it. */
static void
assemble(const struct td_match *m, struct td_match_scratch *s, size_t ti,
	 const struct near_word *nw, int edits, uint8_t kind)
{
	const struct mterm *t = &m->terms[nw->term];
	const char *key = s->text.key;
	size_t first, q, p;
	struct td_match_hit h;
	int total = edits, nedited = edits > 0;
	uint16_t fl = 0;

	if (ti < nw->word || ti - nw->word + t->nwords > s->ntoks)
		return;
	first = ti - nw->word;
	for (q = 0; q < t->nwords; q++) {
		const struct token *tk = &s->toks[first + q];
		uint32_t a = m->wpos[t->wpos + q];
		uint32_t b = m->wpos[t->wpos + q + 1];
		size_t tl = tk->end - tk->start, wl = b - a;
		uint8_t k2;
		int e;

		if (q > 0 && tk->start != s->toks[first + q - 1].end)
			return; /* CJK between the words */
		if (q == nw->word)
			continue;
		if (tl == wl && memcmp(key + tk->start, t->key + a, wl) == 0)
			continue;
		if (wl < 5 || !tk->ascii)
			return;
		e = osa(key + tk->start, tl, t->key + a, wl, wl >= 9 ? 2 : 1,
			&k2);
		if (e > (wl >= 9 ? 2 : 1))
			return;
		total += e;
		if (nedited++ == 0 || k2 != kind)
			kind = nedited > 1 ? TD_MATCH_EDITS : k2;
	}
	if (total > t->budget || total == 0)
		return;
	memset(&h, 0, sizeof(h));
	h.index = nw->term;
	h.variant = kind;
	h.edits = (uint8_t)total;
	h.key_start = s->toks[first].start;
	h.key_end = s->toks[first + t->nwords - 1].end;
	for (p = h.key_start; p < h.key_end; p++)
		fl |= s->text.info[p];
	h.flags = fl & TD_TEXT_K_OBFUSCATION;
	td_text_key_span(&s->text, h.key_start, h.key_end, &h.start, &h.end);
	hit_add(s, &h);
}

/*
 * 1 if the token, as written (lower case, not folded: "cali" is not
 * "call"), is an ordinary English word.
 */
static int
plain_is_word(const struct td_match_scratch *s, const struct token *tk)
{
	const struct td_text *t = &s->text;
	char w[NEAR_MAX];
	size_t i, n = 0;

	for (i = tk->start; i < tk->end && n < sizeof(w); i++) {
		unsigned c = (unsigned char)t->key[i];

		if (t->key_end[i] - t->key_start[i] == 1) {
			c = (unsigned char)s->orig[t->key_start[i]];
			if (c >= 'A' && c <= 'Z')
				c += 32;
		}
		w[n++] = (char)c;
	}
	return words_en_level(w, n) > 0;
}

/*
 * A cheap 64-bit hash of a short string of the key view, for the cache of
 * quiet tokens. The key view has 8 bytes allocated from any offset, so
 * the tail is one load, masked.
 */
static uint64_t
quick_hash(const char *x, size_t n)
{
	uint64_t h = n * 0x9E3779B97F4A7C15ULL, w;

	while (n >= 8) {
		memcpy(&w, x, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		x += 8;
		n -= 8;
	}
	if (n) {
		memcpy(&w, x, 8);
		w &= ~0ULL >> (64 - 8 * n);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	return near_fmix(h);
}

/* Hash of the token as written (see plain_is_word). */
static uint64_t
plain_hash(const struct td_match_scratch *s, const struct token *tk)
{
	const struct td_text *t = &s->text;
	uint64_t h = 0;
	size_t i;

	for (i = tk->start; i < tk->end; i++) {
		unsigned c = (unsigned char)t->key[i];

		if (t->key_end[i] - t->key_start[i] == 1)
			c = (unsigned char)s->orig[t->key_start[i]] | 0x20;
		h = h * NEAR_B + c;
	}
	return h;
}

/* 1 if an exact term hit covers the token: nothing to look for. */
static int
covered(const struct td_match_scratch *s, const struct token *tk)
{
	size_t i;

	for (i = 0; i < s->nhits; i++)
		if (!s->hits[i].cue && s->hits[i].key_start <= tk->start &&
		    tk->end <= s->hits[i].key_end)
			return 1;
	return 0;
}

/* The word ids already tried for the current token. */
struct tried {
	uint32_t id[32]; /* word ids */
	int n;           /* how many */
	int dict;        /* -1 unknown, 0 not an ordinary word, 1 one */
	int found;       /* some deletion is in the index */
	int near;        /* some word is within its edits of the token */
};

static void
probe(const struct td_match *m, struct td_match_scratch *s, size_t ti,
      uint64_t h, struct tried *tr)
{
	const struct near_index *ix = &m->near;
	const struct token *tk = &s->toks[ti];
	uint64_t key = near_fmix(h), slot;
	uint32_t c, i;
	int j;

	if (!bloom_test(ix, key))
		return;
	slot = key & ix->tab_mask;
	while (ix->keys[slot] && ix->keys[slot] != key)
		slot = (slot + 1) & ix->tab_mask;
	if (!ix->keys[slot])
		return;
	tr->found = 1;
	if (tr->dict < 0) {
		/* Ordinary words are remembered by their written form. */
		uint64_t pk = near_fmix(plain_hash(s, tk) + 1);
		uint64_t *ps = &s->quiet[MATCH_QUIET_SLOTS +
					 (pk & (MATCH_QUIET_SLOTS - 1))];

		tr->dict = *ps == pk || plain_is_word(s, tk);
		if (tr->dict)
			*ps = pk;
	}
	if (tr->dict)
		return;
	c = ix->count[slot];
	for (i = 0; i < c; i++) {
		uint32_t wid = ix->post[ix->start[slot] + i];
		const struct near_word *nw = &ix->words[wid];
		uint8_t kind = 0;
		int e;

		for (j = 0; j < tr->n; j++)
			if (tr->id[j] == wid)
				break;
		if (j < tr->n)
			continue;
		if (tr->n < (int)TD_ARRAY_LEN(tr->id))
			tr->id[tr->n++] = wid;
		e = osa(s->text.key + tk->start, tk->end - tk->start, nw->s,
			nw->len, nw->k, &kind);
		if (e > nw->k)
			continue;
		tr->near = 1;
		assemble(m, s, ti, nw, e, kind);
	}
}

void
near_scan(const struct td_match *m, struct td_match_scratch *s)
{
	const struct near_index *ix = &m->near;
	uint64_t P[NEAR_MAX + 1], A[NEAR_MAX], A2[NEAR_MAX];
	size_t ti;

	tokenize(s);
	if (!s->quiet)
		s->quiet = td_xcalloc(2 * MATCH_QUIET_SLOTS, sizeof(*s->quiet));
	for (ti = 0; ti < s->ntoks; ti++) {
		const struct token *tk = &s->toks[ti];
		const char *x = s->text.key + tk->start;
		int L = (int)(tk->end - tk->start), i, j, k2;
		struct tried tr;
		uint64_t pw, qkey, *qslot;

		if (L < ix->minlen - 1 || L > ix->maxlen + 2 || L >= NEAR_MAX ||
		    !tk->ascii || digits_span(&s->text, tk->start, tk->end))
			continue;
		tr.n = 0;
		tr.dict = -1;
		tr.found = 0;
		tr.near = 0;
		/*
		 * Most tokens are everyday words seen again and again: a
		 * token none of whose deletions is in the index, or whose
		 * candidates are all too far, is remembered by its key and
		 * skipped the next time (ordinary words are remembered by
		 * their written form in probe()).
		 */
		qkey = quick_hash(x, (size_t)L);
		qslot = &s->quiet[qkey & (MATCH_QUIET_SLOTS - 1)];
		if (*qslot == qkey || covered(s, tk))
			continue;
		P[0] = 0;
		for (i = 0; i < L; i++)
			P[i + 1] = P[i] * NEAR_B + (unsigned char)x[i];
		probe(m, s, ti, P[L], &tr);
		k2 = ix->has_k2 && L >= 7;
		/* A[i] = B^(L-1-i) * (P[i] - P[i+1]); A2[i] uses B^(L-2-i). */
		pw = 1;
		for (i = L - 1; i >= 0; i--) {
			uint64_t dd = P[i] - P[i + 1];

			A[i] = pw * dd;
			pw *= NEAR_B;
		}
		for (i = 0; i < L && tr.dict <= 0; i++)
			probe(m, s, ti, A[i] + P[L], &tr);
		if (!k2 || tr.dict > 0) {
			if (!tr.found || (!tr.dict && !tr.near))
				*qslot = qkey;
			continue;
		}
		pw = 1;
		for (i = L - 2; i >= 0; i--) {
			A2[i] = pw * (P[i] - P[i + 1]);
			pw *= NEAR_B;
		}
		for (i = 0; i < L - 1 && tr.dict <= 0; i++)
			for (j = i + 1; j < L; j++)
				probe(m, s, ti, A2[i] + A[j] + P[L], &tr);
		if (!tr.found || (!tr.dict && !tr.near))
			*qslot = qkey;
	}
}
