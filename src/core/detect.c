/* Detection: signals of one listing combined into a finding. */
#include "core/detect_int.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/hidx.h"
#include "core/jsonw.h"
#include "core/text.h"
#include "core/util.h"
#include "core/banned.h"

/* --- the detector -------------------------------------------------------- */

static int
covers(const struct td_right *r, int32_t today)
{
	if (r->protect_from != TD_DATE_NONE || r->protect_to != TD_DATE_NONE)
		return (r->protect_from == TD_DATE_NONE ||
			today >= r->protect_from) &&
		       (r->protect_to == TD_DATE_NONE ||
			today <= r->protect_to);
	return (r->valid_from == TD_DATE_NONE || today >= r->valid_from) &&
	       (r->valid_to == TD_DATE_NONE || today <= r->valid_to);
}

/* Copy the parts of a portfolio the detector needs (by JSON round trip,
 * so every field is copied the one way the store and files use). */
static int
copy_portfolio(const struct td_portfolio *src, struct td_portfolio *dst,
	       struct td_err *err)
{
	json_t *j = td_portfolio_to_json(src);
	size_t i, k;
	int rc;

	/* Photos and documents need not exist as files here. */
	json_object_del(j, "documents");
	json_object_del(j, "authorisations");
	rc = td_portfolio_from_json(j, "portfolio", NULL, dst, err);
	json_decref(j);
	for (i = 0; rc == 0 && i < dst->nproducts; i++)
		for (k = 0; k < dst->products[i].nimages; k++)
			if (!dst->products[i].images[k].filename &&
			    src->products[i].images[k].filename)
				dst->products[i]
					.images[k]
					.filename = td_xstrdup(
					src->products[i].images[k].filename);
	return rc;
}

static size_t
add_term(struct td_detector *d, struct td_match_term **terms, size_t *alloc,
	 struct td_buf *keys, const char *text, int kind, size_t right)
{
	struct td_buf key = TD_BUF_INIT;
	size_t i, off = 0;

	td_text_key_string(text, strlen(text), &key, NULL);
	/* keys holds NUL-separated folded texts, one per term so far. */
	for (i = 0; i < d->nterms; i++) {
		const char *k = keys->data + off;

		if (strcmp(k, key.data) == 0 && d->terms[i].kind == kind)
			break;
		off += strlen(k) + 1;
	}
	if (i == d->nterms) {
		TD_GROW(*terms, d->nterms + 1, *alloc);
		d->terms = td_xrealloc(d->terms,
				       (d->nterms + 1) * sizeof(*d->terms));
		memset(&d->terms[i], 0, sizeof(d->terms[i]));
		d->terms[i].kind = kind;
		d->terms[i].text = text;
		d->terms[i].product = -1;
		(*terms)[i].text = text;
		(*terms)[i].lang = NULL;
		(*terms)[i].kind = kind;
		(*terms)[i].id = (int64_t)i;
		(*terms)[i].right = (int64_t)right;
		d->nterms++;
		td_buf_add(keys, key.data, key.len + 1);
	}
	td_buf_release(&key);
	TD_GROW(d->terms[i].rights, d->terms[i].nrights + 1,
		d->terms[i].rights_alloc);
	d->terms[i].rights[d->terms[i].nrights++] = right;
	return i;
}

/* A product's SKU and index, for sorting. */
struct sku_ix {
	const char *sku;
	size_t i;
};

static int
cmp_sku(const void *a, const void *b)
{
	const struct sku_ix *x = a, *y = b;
	int c = strcmp(x->sku, y->sku);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Per product, the first product with the same SKU. */
static size_t *
first_skus(const struct td_portfolio *pf)
{
	size_t *first = td_xcalloc(pf->nproducts + 1, sizeof(*first));
	struct sku_ix *v = td_xcalloc(pf->nproducts + 1, sizeof(*v));
	size_t i, head = 0;

	for (i = 0; i < pf->nproducts; i++) {
		v[i].sku = pf->products[i].sku;
		v[i].i = i;
	}
	if (pf->nproducts)
		qsort(v, pf->nproducts, sizeof(*v), cmp_sku);
	for (i = 0; i < pf->nproducts; i++) {
		if (i == 0 || strcmp(v[i].sku, v[i - 1].sku) != 0)
			head = v[i].i;
		first[v[i].i] = head;
	}
	free(v);
	return first;
}

struct td_detector *
td_detector_new(const struct td_portfolio *pf, const struct td_cue_list *cues,
		const struct td_rates *rates,
		const struct td_detect_params *params, int32_t today,
		struct td_err *err)
{
	struct td_detector *d = td_xcalloc(1, sizeof(*d));
	struct td_match_term *terms = NULL;
	struct td_buf keys = TD_BUF_INIT;
	size_t terms_alloc = 0;
	size_t i, j, k;

	d->params = *params;
	if (copy_portfolio(pf, &d->pf, err) < 0)
		goto fail;
	for (i = 0; i < rates->n; i++)
		td_rates_set(&d->rates, rates->v[i].currency,
			     rates->v[i].per_usd, rates->v[i].date,
			     rates->v[i].source);
	d->rights = td_xcalloc(d->pf.nrights + 1, sizeof(*d->rights));
	for (i = 0; i < d->pf.nrights; i++) {
		const struct td_right *r = &d->pf.rights[i];
		struct det_right *dr;

		if (!covers(r, today)) {
			d->skipped++;
			continue;
		}
		dr = &d->rights[d->nrights++];
		dr->r = r;
		for (j = 0; j < d->pf.nproducts; j++)
			if (td_strv_find(&d->pf.products[j].rights, r->key) >=
			    0) {
				TD_GROW(dr->products, dr->nproducts + 1,
					dr->products_alloc);
				dr->products[dr->nproducts++] = j;
			}
	}
	for (i = 0; i < d->nrights; i++) {
		const struct td_right *r = d->rights[i].r;

		if (r->mark)
			add_term(d, &terms, &terms_alloc, &keys, r->mark,
				 TD_TERM_MARK, i);
		for (k = 0; k < r->nterms; k++) {
			int kind = td_match_kind_parse(r->terms[k].kind);

			add_term(d, &terms, &terms_alloc, &keys,
				 r->terms[k].text,
				 kind < 0 ? TD_TERM_ALIAS : kind, i);
		}
	}
	td_buf_release(&keys);
	if (d->nterms == 0) {
		td_errf(err, TD_EINVAL,
			"no right in force has a search term (a mark or terms) "
			"to look for");
		goto fail;
	}
	d->m = td_match_new(terms, d->nterms, cues, 0, err);
	if (!d->m)
		goto fail;
	for (i = 0; i < d->nterms; i++) {
		struct det_term *t = &d->terms[i];

		t->dist = td_match_distinctiveness(d->m, i);
		/* A model number names the first product whose SKU it
		 * starts (IA-RT names IA-RT-001). */
		for (k = 0; t->kind == TD_TERM_MODEL && k < d->pf.nproducts;
		     k++)
			if (strncasecmp(d->pf.products[k].sku, t->text,
					strlen(t->text)) == 0) {
				t->product = (long)k;
				break;
			}
	}
	detect_build_json(d);
	d->sku_first = first_skus(&d->pf);
	d->ix = td_hidx_new();
	free(terms);
	return d;
fail:
	free(terms);
	td_buf_release(&keys);
	td_detector_free(d);
	return NULL;
}

void
td_detector_free(struct td_detector *d)
{
	size_t i, k;

	if (!d)
		return;
	for (i = 0; i < d->nrights; i++)
		free(d->rights[i].products);
	free(d->rights);
	for (i = 0; i < d->nterms; i++) {
		free(d->terms[i].rights);
		if (d->term_json) {
			td_buf_release(&d->term_json[i].head);
			td_buf_release(&d->term_json[i].dist);
		}
	}
	free(d->terms);
	free(d->term_json);
	for (i = 0; i < TD_MATCH_VARIANTS; i++)
		td_buf_release(&d->variant_json[i]);
	for (i = 0; i < d->ncue_json; i++)
		td_buf_release(&d->cue_json[i]);
	free(d->cue_json);
	for (i = 0; d->name_words && i < d->pf.nproducts; i++)
		td_buf_release(&d->name_words[i]);
	free(d->name_words);
	for (i = 0; d->name_zh && i < d->pf.nproducts; i++)
		td_buf_release(&d->name_zh[i]);
	free(d->name_zh);
	free(d->name_zh_tail);
	for (i = 0; d->product_json && i < d->pf.nproducts; i++)
		td_buf_release(&d->product_json[i]);
	free(d->product_json);
	free(d->sku_first);
	for (i = 0; i < TD_MATCH_VARIANTS; i++)
		for (k = 0; k < TD_ARRAY_LEN(d->weight_json[i]); k++)
			td_buf_release(&d->weight_json[i][k]);
	for (i = 0; i < d->nphotos; i++)
		free(d->photos[i].variant);
	free(d->photos);
	td_match_free(d->m);
	td_hidx_free(d->ix);
	td_rates_release(&d->rates);
	td_portfolio_release(&d->pf);
	free(d);
}

size_t
td_detector_skipped(const struct td_detector *d)
{
	return d->skipped;
}

size_t
td_detector_nrights(const struct td_detector *d)
{
	return d->nrights;
}

size_t
td_detector_nterms(const struct td_detector *d)
{
	return d->nterms;
}

size_t
td_detector_nphotos(const struct td_detector *d)
{
	return d->nphotos;
}

int
td_detector_add_photo(struct td_detector *d, const char *sku, size_t image,
		      const struct td_phash *hashes,
		      const char *const *variant_names, size_t n,
		      struct td_err *err)
{
	size_t p, i;
	int rc;

	for (p = 0; p < d->pf.nproducts; p++)
		if (strcmp(d->pf.products[p].sku, sku) == 0)
			break;
	if (p == d->pf.nproducts || image >= d->pf.products[p].nimages)
		return td_errf(err, TD_ENOTFOUND, "no photo %zu of product %s",
			       image + 1, sku);
	for (i = 0; i < n; i++) {
		struct det_photo *ph;

		TD_GROW(d->photos, d->nphotos + 1, d->photos_alloc);
		ph = &d->photos[d->nphotos];
		ph->product = p;
		ph->image = image;
		ph->variant = td_xstrdup(variant_names[i]);
		rc = td_hidx_add(d->ix, &hashes[i], d->nphotos, err);
		if (rc) {
			free(ph->variant);
			return rc;
		}
		d->nphotos++;
	}
	return 0;
}

struct td_detect_scratch *
td_detect_scratch_new(const struct td_detector *d, struct td_err *err)
{
	struct td_detect_scratch *s = td_xcalloc(1, sizeof(*s));

	s->ms = td_match_scratch_new(d->m, err);
	if (!s->ms) {
		free(s);
		return NULL;
	}
	s->nterms = d->nterms;
	s->nrights = d->nrights;
	s->term_best = td_xcalloc(d->nterms + 1, sizeof(*s->term_best));
	s->term_hit = td_xcalloc(d->nterms + 1, sizeof(*s->term_hit));
	s->seen = td_xcalloc(d->nrights + 1, 1);
	s->ncues = td_match_ncues(d->m);
	s->cue_seen = td_xcalloc(s->ncues + 1, 1);
	s->covered = td_xcalloc(d->pf.nproducts + 1, sizeof(*s->covered));
	s->tterms = td_xcalloc(d->nterms + 1, sizeof(*s->tterms));
	s->trights = td_xcalloc(d->nrights + 1, sizeof(*s->trights));
	s->tprods = td_xcalloc(d->pf.nproducts + 1, sizeof(*s->tprods));
	s->listed = td_xcalloc(d->pf.nproducts + 1, 1);
	td_text_init(&s->quote);
	td_buf_init(&s->norm);
	return s;
}

void
td_detect_scratch_free(struct td_detect_scratch *s)
{
	if (!s)
		return;
	td_match_scratch_free(s->ms);
	free(s->hits);
	td_hidx_hits_release(&s->ih);
	free(s->term_best);
	free(s->term_hit);
	free(s->seen);
	free(s->cue_seen);
	free(s->covered);
	free(s->tterms);
	free(s->trights);
	free(s->tprods);
	free(s->listed);
	td_text_release(&s->quote);
	td_buf_release(&s->norm);
	free(s);
}

void
td_finding_release(struct td_finding *f)
{
	td_strv_release(&f->rights);
	td_strv_release(&f->products);
	td_buf_release(&f->signals);
	f->score = 0;
	f->has_price_ratio = 0;
	f->price_ratio = 0;
}

/* --- detection ----------------------------------------------------------- */

/* Title and description, in one matcher call. */
static int
scan_fields(const struct td_detector *d, struct td_detect_scratch *s,
	    const struct td_listing *l, struct td_err *err)
{
	const struct td_match_hit *hits;
	const char *texts[2];
	size_t lens[2], n = 0, i;
	int field[2];
	int rc;

	if (l->title && l->title_len) {
		texts[n] = l->title;
		lens[n] = l->title_len;
		field[n++] = 0;
	}
	if (l->description && l->description_len) {
		texts[n] = l->description;
		lens[n] = l->description_len;
		field[n++] = 1;
	}
	if (!n)
		return 0;
	rc = td_match_scan_texts(d->m, s->ms, texts, lens, n, &hits, &n, err);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		struct hit_rec *h;

		TD_GROW(s->hits, s->nhits + 1, s->hits_alloc);
		h = &s->hits[s->nhits++];
		h->field = field[hits[i].text];
		h->index = hits[i].index;
		h->cue = hits[i].cue;
		h->variant = hits[i].variant;
		h->edits = hits[i].edits;
		h->start = hits[i].start;
		h->end = hits[i].end;
	}
	return 0;
}

/* 1 if word (n >= 2 ASCII letters, lower case) is in s[0, len), any
 * case. For letters, b | 0x20 is the lower case, and no other byte gives
 * a lower-case letter that way. */
static int
has_word(const char *s, size_t len, const char *word, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char c0 = (unsigned char)word[0];
	const unsigned char c1 = (unsigned char)word[1];
	size_t i = 0, j;

	if (!s || n < 2 || n > len)
		return 0;
#ifdef __SSE2__
	/* Sixteen places at a time where the first two letters are. */
	{
		const __m128i low = _mm_set1_epi8(0x20);
		const __m128i a = _mm_set1_epi8((char)c0);
		const __m128i b = _mm_set1_epi8((char)c1);

		for (; i + 17 <= len; i += 16) {
			__m128i x = _mm_or_si128(
				_mm_loadu_si128(
					(const __m128i *)(const void *)(p + i)),
				low);
			__m128i y = _mm_or_si128(
				_mm_loadu_si128(
					(const __m128i *)(const void *)(p + i +
									1)),
				low);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(x, a), _mm_cmpeq_epi8(y, b)));

			while (m) {
				size_t at = i + (size_t)__builtin_ctz(m);

				m &= m - 1;
				if (at + n > len)
					return 0;
				for (j = 2; j < n; j++)
					if ((p[at + j] | 0x20) !=
					    (unsigned char)word[j])
						break;
				if (j == n)
					return 1;
			}
		}
	}
#endif
	for (; i + n <= len; i++) {
		if ((p[i] | 0x20) != c0 || (p[i + 1] | 0x20) != c1)
			continue;
		for (j = 2; j < n; j++)
			if ((p[i + j] | 0x20) != (unsigned char)word[j])
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

/*
 * Which candidate products' Chinese names (d->name_zh, folded) the
 * listing's title or description holds, anywhere: mark them in
 * s->covered with bit 31 for the whole name, bit 30 for its last three
 * characters (the count of rights stays below). The texts are the
 * matcher's key views of this listing's title and description (there is
 * a choice of products only when the matcher found a right in them).
 */
#define NAME_ZH_BIT      (1u << 31)
#define NAME_ZH_TAIL_BIT (1u << 30)
static void
mark_name_zh(const struct td_detector *d, struct td_detect_scratch *s)
{
	const struct td_text *t;
	size_t i, k;

	/* The title and description as the matcher normalised them. */
	for (k = 0; (t = td_match_text_at(s->ms, k)) != NULL; k++)
		for (i = 0; i < s->ntprods; i++) {
			const struct td_buf *z = &d->name_zh[s->tprods[i]];
			size_t tail = d->name_zh_tail[s->tprods[i]];

			/* Keys hold no NUL: control characters are
			 * separators, and separators are dropped. */
			if (!z->len)
				continue;
			if (strstr(t->key, z->data))
				s->covered[s->tprods[i]] |= NAME_ZH_BIT;
			else if (tail && strstr(t->key, z->data + tail))
				s->covered[s->tprods[i]] |= NAME_ZH_TAIL_BIT;
		}
}

/* How many of a product's name words (4 or more letters, lower case,
 * NUL-separated in words) the listing uses ("conference", "table"). */
static int
name_words(const char *words, const struct td_listing *l)
{
	const char *w;
	int hits = 0;

	for (w = words; *w; w += strlen(w) + 1) {
		size_t n = strlen(w);

		hits += has_word(l->title, l->title_len, w, n) ||
			has_word(l->description, l->description_len, w, n);
	}
	return hits;
}

static double
usd(const struct td_detector *d, const struct td_product *p)
{
	double v = p->msrp;

	td_rates_convert(&d->rates, p->msrp, p->currency, "USD", &v, NULL,
			 NULL);
	return v;
}

/* Sort a short list of indexes (the terms or rights a listing touched). */
static void
sort_idx(size_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		size_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * The product whose MSRP the price is compared with: the one whose photo
 * was reused; else the one a model number names (IA-RT names IA-RT-001);
 * else, among the products of the matched rights, the one most of them
 * cover and whose name the listing uses most (its Chinese name, anywhere
 * in the text, counts as two words, its last three characters as one);
 * ties go to the cheapest
 * (the most conservative comparison), then to the first in the
 * portfolio. Only the products of the matched rights are looked at.
 */
static long
price_product(const struct td_detector *d, struct td_detect_scratch *s,
	      long image_product, const struct td_listing *l)
{
	long best = -1;
	int best_score = -1;
	size_t i, k;

	if (image_product >= 0)
		return image_product;
	for (i = 0; i < s->ntterms; i++) {
		const struct det_term *t = &d->terms[s->tterms[i]];

		if (t->kind == TD_TERM_MODEL && t->product >= 0)
			return t->product;
	}
	s->ntprods = 0;
	for (i = 0; i < s->ntrights; i++) {
		const struct det_right *dr = &d->rights[s->trights[i]];

		for (k = 0; k < dr->nproducts; k++)
			if (s->covered[dr->products[k]]++ == 0)
				s->tprods[s->ntprods++] = dr->products[k];
	}
	/* One candidate needs no ranking. */
	if (s->ntprods == 1)
		return (long)s->tprods[0];
	sort_idx(s->tprods, s->ntprods);
	if (d->any_name_zh)
		mark_name_zh(d, s);
	for (i = 0; i < s->ntprods; i++) {
		size_t pi = s->tprods[i];
		const struct td_product *p = &d->pf.products[pi];
		unsigned cov = s->covered[pi];
		int score =
			(int)(cov & ~(NAME_ZH_BIT | NAME_ZH_TAIL_BIT)) * 10 +
			name_words(d->name_words[pi].data, l) +
			(cov & NAME_ZH_BIT ? 2 : 0) +
			(cov & NAME_ZH_TAIL_BIT ? 1 : 0);

		if (score > best_score ||
		    (score == best_score &&
		     usd(d, p) < usd(d, &d->pf.products[best]))) {
			best = (long)pi;
			best_score = score;
		}
	}
	return best;
}

static double
noisy_or(double acc, double c)
{
	return 1 - (1 - acc) * (1 - c);
}

/* Forget what the previous listing touched. */
static void
clear_touched(struct td_detect_scratch *s)
{
	size_t i;

	for (i = 0; i < s->ntterms; i++) {
		s->term_best[s->tterms[i]] = 0;
		s->term_hit[s->tterms[i]] = 0;
	}
	for (i = 0; i < s->ntrights; i++)
		s->seen[s->trights[i]] = 0;
	for (i = 0; i < s->ntprods; i++)
		s->covered[s->tprods[i]] = 0;
	for (i = 0; i < s->nhits; i++)
		if (s->hits[i].cue)
			s->cue_seen[s->hits[i].index] = 0;
	s->ntterms = s->ntrights = s->ntprods = s->nhits = 0;
}

static void
empty(struct td_finding *f)
{
	size_t i;

	for (i = 0; i < f->rights.n; i++)
		free(f->rights.v[i]);
	f->rights.n = 0;
	for (i = 0; i < f->products.n; i++)
		free(f->products.v[i]);
	f->products.n = 0;
	td_buf_reset(&f->signals);
	f->score = 0;
	f->has_price_ratio = 0;
	f->price_ratio = 0;
}

int
td_detect(const struct td_detector *d, struct td_detect_scratch *s,
	  const struct td_detect_input *in, struct td_finding *out,
	  struct td_err *err)
{
	const struct td_detect_params *P = &d->params;
	const struct td_listing *l = in->listing;
	struct sig_ctx c;
	double t = 0, score;
	double cue_keep = 1;
	long img_product = -1;
	int weak = 1, corroborated;
	size_t i, k;
	int rc;

	empty(out);
	clear_touched(s);
	memset(&c, 0, sizeof(c));
	c.img_photo = -1;
	c.img_dist = 999;
	if ((rc = scan_fields(d, s, l, err)))
		return rc;

	/* Terms: the best hit of each term, combined over terms. */
	for (i = 0; i < s->nhits; i++) {
		const struct hit_rec *h = &s->hits[i];
		const struct det_term *dt;
		double w;

		if (h->cue) {
			const struct td_cue *cw = td_match_cue(d->m, h->index);

			/* A word said twice is still one cue. */
			if (!s->cue_seen[h->index])
				cue_keep *= 1 - cw->weight;
			s->cue_seen[h->index] = 1;
			continue;
		}
		dt = &d->terms[h->index];
		w = P->variant_weight[h->variant] * P->kind_factor[dt->kind] *
		    dt->dist;
		if (!s->term_hit[h->index])
			s->tterms[s->ntterms++] = h->index;
		if (w > s->term_best[h->index] || !s->term_hit[h->index]) {
			s->term_best[h->index] = w;
			s->term_hit[h->index] = i + 1;
		}
	}
	sort_idx(s->tterms, s->ntterms);
	for (i = 0; i < s->ntterms; i++) {
		const struct det_term *dt = &d->terms[s->tterms[i]];

		t = noisy_or(t, s->term_best[s->tterms[i]]);
		if (dt->dist >= P->weak_below)
			weak = 0;
		for (k = 0; k < dt->nrights; k++)
			if (!s->seen[dt->rights[k]]) {
				s->seen[dt->rights[k]] = 1;
				s->trights[s->ntrights++] = dt->rights[k];
			}
	}
	sort_idx(s->trights, s->ntrights);
	c.cue = P->cue_factor * (1 - cue_keep);

	/* Photos: the closest official photo over all listing photos. */
	for (i = 0; i < in->nphotos && d->nphotos; i++) {
		const struct td_detect_photo *ph = &in->photos[i];

		for (k = 0; k < ph->nhashes; k++) {
			size_t j;

			if (td_hidx_query(d->ix, &ph->hashes[k],
					  P->image_max_distance, &s->ih,
					  err) < 0)
				return TD_ERROR;
			for (j = 0; j < s->ih.n; j++)
				if (s->ih.v[j].dist < c.img_dist) {
					c.img_dist = s->ih.v[j].dist;
					c.img_photo = (long)s->ih.v[j].id;
					c.img_listing_photo = i;
				}
		}
	}
	if (c.img_photo >= 0) {
		img_product = (long)d->photos[c.img_photo].product;
		c.img = P->image_weight *
			(1 - 0.5 * c.img_dist / (P->image_max_distance + 1.0));
	}
	if (!s->ntterms && c.img_photo < 0)
		return 0;

	/* Price against the product's MSRP. */
	c.prod = price_product(d, s, img_product, l);
	if (c.prod >= 0 && l->has_price && l->currency[0]) {
		const struct td_product *p = &d->pf.products[c.prod];
		double conv;

		if (td_rates_convert(&d->rates, l->price, l->currency,
				     p->currency, &conv, NULL, NULL) == 0 &&
		    p->msrp > 0) {
			c.has_price_ratio = 1;
			c.price_ratio = conv / p->msrp;
			if (c.price_ratio <= P->very_low_ratio)
				c.price = P->very_low;
			else if (c.price_ratio <= P->low_ratio)
				c.price = P->low;
		}
	}
	if (in->seller_findings > 0)
		c.seller = P->seller_repeat;
	/* A weak (descriptive) term needs a cue word or a reused photo:
	 * ordinary goods described with ordinary words are often cheap, so
	 * a low price is no support ("Fine Furniture" at a tenth of the
	 * owner's price is usually just furniture). */
	corroborated = c.cue > 0 || c.img > 0;
	if (s->ntterms && weak && !corroborated)
		return 0;
	score = noisy_or(noisy_or(noisy_or(noisy_or(t, c.cue), c.price), c.img),
			 c.seller);
	if (score < P->min_score)
		return 0;

	/* A finding: rights, products and the explained signals. */
	out->score = detect_round3(score);
	out->has_price_ratio = c.has_price_ratio;
	out->price_ratio = c.price_ratio;
	for (i = 0; i < s->ntrights; i++)
		td_strv_push(&out->rights, d->rights[s->trights[i]].r->key);
	if (img_product >= 0) {
		const struct td_product *p = &d->pf.products[img_product];

		for (k = 0; k < p->rights.n; k++)
			if (td_strv_find(&out->rights, p->rights.v[k]) < 0)
				td_strv_push(&out->rights, p->rights.v[k]);
		td_strv_push(&out->products, p->sku);
	}
	/* Each SKU once: marked by its first product, not compared. */
	if (img_product >= 0)
		s->listed[d->sku_first[img_product]] = 1;
	if (c.prod >= 0 && !s->listed[d->sku_first[c.prod]]) {
		s->listed[d->sku_first[c.prod]] = 1;
		td_strv_push(&out->products, d->pf.products[c.prod].sku);
	}
	for (i = 0; i < s->ntrights; i++) {
		const struct det_right *dr = &d->rights[s->trights[i]];

		for (k = 0; k < dr->nproducts; k++) {
			size_t pf = d->sku_first[dr->products[k]];

			if (!s->listed[pf]) {
				s->listed[pf] = 1;
				td_strv_push(&out->products,
					     d->pf.products[pf].sku);
			}
		}
	}
	if (img_product >= 0)
		s->listed[d->sku_first[img_product]] = 0;
	if (c.prod >= 0)
		s->listed[d->sku_first[c.prod]] = 0;
	for (i = 0; i < s->ntrights; i++) {
		const struct det_right *dr = &d->rights[s->trights[i]];

		for (k = 0; k < dr->nproducts; k++)
			s->listed[d->sku_first[dr->products[k]]] = 0;
	}
	c.d = d;
	c.s = s;
	c.in = in;
	c.b = &out->signals;
	detect_write_signals(&c);
	return 1;
}
