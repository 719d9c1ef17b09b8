/* Detection: signals of one listing combined into a finding. */
#include "core/detect.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/hidx.h"
#include "core/text.h"
#include "core/util.h"
#include "core/banned.h"

/* --- parameters ---------------------------------------------------------- */

static const char *const kind_names[5] = {"mark", "alias", "name_zh", "pinyin",
					  "model"};

struct pctx {
	const char *file;
	struct td_err *err;
};

static int
num(struct pctx *c, json_t *obj, const char *key, const char *path, double lo,
    double hi, double *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return 0;
	if (!json_is_number(v) || json_number_value(v) < lo ||
	    json_number_value(v) > hi)
		return td_errf(c->err, TD_EINVAL,
			       "%s: %s%s: must be a number from %g to %g",
			       c->file, path, key, lo, hi);
	*out = json_number_value(v);
	return 0;
}

static int
section(struct pctx *c, json_t *root, const char *key, json_t **out)
{
	json_t *v = json_object_get(root, key);

	*out = v;
	if (v && !json_is_object(v))
		return td_errf(c->err, TD_EINVAL, "%s: %s: must be an object",
			       c->file, key);
	return 0;
}

static int
known(struct pctx *c, json_t *obj, const char *path, const char *const *names,
      size_t n)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		size_t i;

		for (i = 0; i < n; i++)
			if (strcmp(names[i], key) == 0)
				break;
		if (i == n)
			return td_errf(c->err, TD_EINVAL,
				       "%s: %s%s: unknown field", c->file, path,
				       key);
	}
	return 0;
}

int
td_detect_params_parse(struct td_detect_params *p, const char *text, size_t len,
		       const char *file, struct td_err *err)
{
	static const char *const top[] = {"comment", "min_score", "term",
					  "cue",     "price",     "image",
					  "seller"};
	static const char *const term_f[] = {"variant_weight", "kind_factor",
					     "weak_below", "weak_alone_factor"};
	static const char *const cue_f[] = {"factor"};
	static const char *const price_f[] = {"very_low_ratio", "very_low",
					      "low_ratio", "low",
					      "near_msrp_ratio"};
	static const char *const image_f[] = {"max_distance", "weight"};
	static const char *const seller_f[] = {"repeat"};
	const char *vnames[TD_MATCH_VARIANTS];
	struct pctx c = {file, err};
	json_error_t je;
	json_t *root, *s, *t;
	double d;
	int i, rc;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return td_errf(err, TD_EINVAL, "%s:%d:%d: %s", file, je.line,
			       je.column, je.text);
	if (!json_is_object(root)) {
		rc = td_errf(err, TD_EINVAL, "%s: must be a JSON object", file);
		goto out;
	}
	if ((rc = known(&c, root, "", top, TD_ARRAY_LEN(top))) ||
	    (rc = num(&c, root, "min_score", "", 0, 1, &p->min_score)) ||
	    (rc = section(&c, root, "term", &s)))
		goto out;
	if (s) {
		if ((rc = known(&c, s, "term.", term_f,
				TD_ARRAY_LEN(term_f))) ||
		    (rc = num(&c, s, "weak_below", "term.", 0, 1,
			      &p->weak_below)) ||
		    (rc = num(&c, s, "weak_alone_factor", "term.", 0, 1,
			      &p->weak_alone_factor)))
			goto out;
		for (i = 0; i < TD_MATCH_VARIANTS; i++)
			vnames[i] = td_match_variant_name(i);
		t = json_object_get(s, "variant_weight");
		if (t && !json_is_object(t)) {
			rc = td_errf(err, TD_EINVAL,
				     "%s: term.variant_weight: must be an "
				     "object",
				     file);
			goto out;
		}
		if (t && (rc = known(&c, t, "term.variant_weight.", vnames,
				     TD_MATCH_VARIANTS)))
			goto out;
		for (i = 0; t && i < TD_MATCH_VARIANTS; i++)
			if ((rc = num(&c, t, vnames[i], "term.variant_weight.",
				      0, 1, &p->variant_weight[i])))
				goto out;
		t = json_object_get(s, "kind_factor");
		if (t && !json_is_object(t)) {
			rc = td_errf(err, TD_EINVAL,
				     "%s: term.kind_factor: must be an object",
				     file);
			goto out;
		}
		if (t &&
		    (rc = known(&c, t, "term.kind_factor.", kind_names, 5)))
			goto out;
		for (i = 0; t && i < 5; i++)
			if ((rc = num(&c, t, kind_names[i], "term.kind_factor.",
				      0, 1, &p->kind_factor[i])))
				goto out;
	}
	if ((rc = section(&c, root, "cue", &s)) ||
	    (s && ((rc = known(&c, s, "cue.", cue_f, 1)) ||
		   (rc = num(&c, s, "factor", "cue.", 0, 1, &p->cue_factor)))))
		goto out;
	if ((rc = section(&c, root, "price", &s)) ||
	    (s &&
	     ((rc = known(&c, s, "price.", price_f, TD_ARRAY_LEN(price_f))) ||
	      (rc = num(&c, s, "very_low_ratio", "price.", 0, 10,
			&p->very_low_ratio)) ||
	      (rc = num(&c, s, "very_low", "price.", 0, 1, &p->very_low)) ||
	      (rc = num(&c, s, "low_ratio", "price.", 0, 10, &p->low_ratio)) ||
	      (rc = num(&c, s, "low", "price.", 0, 1, &p->low)) ||
	      (rc = num(&c, s, "near_msrp_ratio", "price.", 0, 10,
			&p->near_msrp_ratio)))))
		goto out;
	if ((rc = section(&c, root, "image", &s)))
		goto out;
	if (s) {
		d = p->image_max_distance;
		if ((rc = known(&c, s, "image.", image_f, 2)) ||
		    (rc = num(&c, s, "max_distance", "image.", 0, 128, &d)) ||
		    (rc = num(&c, s, "weight", "image.", 0, 1,
			      &p->image_weight)))
			goto out;
		p->image_max_distance = (int)d;
	}
	if ((rc = section(&c, root, "seller", &s)) ||
	    (s &&
	     ((rc = known(&c, s, "seller.", seller_f, 1)) ||
	      (rc = num(&c, s, "repeat", "seller.", 0, 1, &p->seller_repeat)))))
		goto out;
	if (p->very_low_ratio > p->low_ratio)
		rc = td_errf(err, TD_EINVAL,
			     "%s: price.very_low_ratio: must not be above "
			     "price.low_ratio",
			     file);
out:
	json_decref(root);
	return rc;
}

int
td_detect_params_builtin(struct td_detect_params *p, struct td_err *err)
{
	const struct td_builtin *b =
		td_builtin_find(td_builtin_data, "scoring.json");

	memset(p, 0, sizeof(*p));
	if (!b)
		return td_errf(err, TD_ENOTFOUND, "no built-in scoring.json");
	return td_detect_params_parse(p, (const char *)b->data, b->len,
				      "data/scoring.json", err);
}

/* --- the detector -------------------------------------------------------- */

struct det_right {
	const struct td_right *r; /* in the detector's own portfolio copy */
	size_t *products;         /* indexes into products */
	size_t nproducts;
	size_t products_alloc;
};

struct det_term {
	size_t *rights; /* indexes into rights */
	size_t nrights;
	size_t rights_alloc;
	double dist; /* distinctiveness */
	int kind;    /* enum td_match_kind */
	const char *text;
};

struct det_photo {
	size_t product; /* index into pf->products */
	size_t image;   /* index into its images */
	char *variant;  /* "whole", "trim/flipy", ... */
};

struct td_detector {
	struct td_portfolio pf; /* a copy: what the findings refer to */
	struct td_detect_params params;
	struct td_rates rates;
	struct det_right *rights;
	size_t nrights;
	size_t skipped;
	struct det_term *terms;
	size_t nterms;
	struct td_match *m;
	struct td_hidx *ix;
	struct det_photo *photos;
	size_t nphotos;
	size_t photos_alloc;
};

struct hit_rec {
	int field;       /* 0 title, 1 description */
	uint32_t index;  /* term or cue index */
	uint8_t cue;     /* 1 for a cue */
	uint8_t variant; /* enum td_match_variant */
	uint8_t edits;   /* 0..2 */
	size_t start;    /* in the field, bytes */
	size_t end;
};

struct td_detect_scratch {
	struct td_match_scratch *ms;
	struct hit_rec *hits;
	size_t nhits;
	size_t hits_alloc;
	struct td_hidx_hits ih;
	double *term_best;       /* per term: best contribution */
	size_t *term_hit;        /* per term: index of the best hit + 1 */
	unsigned char *seen;     /* per right: touched */
	unsigned char *cue_seen; /* per cue: counted */
	size_t ncues;
	size_t nterms;
	size_t nrights;
};

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
	for (i = 0; i < d->nterms; i++)
		d->terms[i].dist = td_match_distinctiveness(d->m, i);
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
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nrights; i++)
		free(d->rights[i].products);
	free(d->rights);
	for (i = 0; i < d->nterms; i++)
		free(d->terms[i].rights);
	free(d->terms);
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
	free(s);
}

void
td_finding_release(struct td_finding *f)
{
	td_strv_release(&f->rights);
	td_strv_release(&f->products);
	json_decref(f->signals);
	memset(f, 0, sizeof(*f));
}

/* --- detection ----------------------------------------------------------- */

static int
scan_field(const struct td_detector *d, struct td_detect_scratch *s, int field,
	   const char *text, size_t len, struct td_err *err)
{
	const struct td_match_hit *hits;
	size_t n, i;
	int rc;

	if (!text || !len)
		return 0;
	rc = td_match_scan(d->m, s->ms, text, len, &hits, &n, err);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		struct hit_rec *h;

		TD_GROW(s->hits, s->nhits + 1, s->hits_alloc);
		h = &s->hits[s->nhits++];
		h->field = field;
		h->index = hits[i].index;
		h->cue = hits[i].cue;
		h->variant = hits[i].variant;
		h->edits = hits[i].edits;
		h->start = hits[i].start;
		h->end = hits[i].end;
	}
	return 0;
}

static double
round3(double v)
{
	return floor(v * 1000 + 0.5) / 1000;
}

static json_t *
quote(const struct td_listing *l, const struct hit_rec *h)
{
	const char *text = h->field ? l->description : l->title;

	return json_stringn(text + h->start, h->end - h->start);
}

static json_t *
normalised(const struct td_listing *l, const struct hit_rec *h)
{
	const char *text = h->field ? l->description : l->title;
	struct td_buf b = TD_BUF_INIT;
	json_t *j;

	td_text_norm_string(text + h->start, h->end - h->start, &b, NULL);
	j = json_stringn(b.data, b.len);
	td_buf_release(&b);
	return j;
}

/* How many words of 4 or more letters of a product's name the listing
 * uses ("conference", "table"), compared without case. */
static int
name_words(const char *name, const struct td_listing *l)
{
	char word[64];
	size_t n = 0;
	int hits = 0;
	const char *p;

	for (p = name;; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			if (n + 1 < sizeof(word))
				word[n++] = *p;
			continue;
		}
		if (n >= 4) {
			word[n] = '\0';
			hits += td_strcasestr_n(l->title, l->title_len, word) ||
				(l->description &&
				 td_strcasestr_n(l->description,
						 l->description_len, word));
		}
		n = 0;
		if (!*p)
			break;
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

/*
 * The product whose MSRP the price is compared with: the one whose photo
 * was reused; else the one a model number names (IA-RT names IA-RT-001);
 * else, among the products of the matched rights, the one most of them
 * cover and whose name the listing uses most; ties go to the cheapest
 * (the most conservative comparison).
 */
static long
price_product(const struct td_detector *d, const struct td_detect_scratch *s,
	      long image_product, const struct td_listing *l)
{
	long best = -1;
	int best_score = -1;
	size_t i, k;

	if (image_product >= 0)
		return image_product;
	for (i = 0; i < s->nterms; i++) {
		const char *t;

		if (!s->term_hit[i] || d->terms[i].kind != TD_TERM_MODEL)
			continue;
		t = d->terms[i].text;
		for (k = 0; k < d->pf.nproducts; k++)
			if (strncasecmp(d->pf.products[k].sku, t, strlen(t)) ==
			    0)
				return (long)k;
	}
	for (k = 0; k < d->pf.nproducts; k++) {
		const struct td_product *p = &d->pf.products[k];
		int covered = 0, score;

		for (i = 0; i < s->nrights; i++)
			if (s->seen[i] &&
			    td_strv_find(&p->rights, d->rights[i].r->key) >= 0)
				covered++;
		if (!covered)
			continue;
		score = covered * 10 + name_words(p->name, l);
		if (score > best_score ||
		    (score == best_score &&
		     usd(d, p) < usd(d, &d->pf.products[best]))) {
			best = (long)k;
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

int
td_detect(const struct td_detector *d, struct td_detect_scratch *s,
	  const struct td_detect_input *in, struct td_finding *out,
	  struct td_err *err)
{
	const struct td_detect_params *P = &d->params;
	const struct td_listing *l = in->listing;
	double t = 0, cue = 0, price = 0, img = 0, seller = 0, score;
	double cue_keep = 1;
	long img_photo = -1, img_product = -1;
	int img_dist = 999;
	size_t img_listing_photo = 0;
	long prod;
	int weak = 1, any_term = 0, corroborated;
	size_t i, k;
	int rc;

	memset(out, 0, sizeof(*out));
	s->nhits = 0;
	memset(s->term_best, 0, s->nterms * sizeof(*s->term_best));
	memset(s->term_hit, 0, s->nterms * sizeof(*s->term_hit));
	memset(s->seen, 0, s->nrights);
	memset(s->cue_seen, 0, s->ncues);
	if ((rc = scan_field(d, s, 0, l->title, l->title_len, err)) ||
	    (rc = scan_field(d, s, 1, l->description, l->description_len, err)))
		return rc;

	/* Terms: the best hit of each term, combined over terms. */
	for (i = 0; i < s->nhits; i++) {
		const struct hit_rec *h = &s->hits[i];
		const struct det_term *dt;
		double c;

		if (h->cue) {
			const struct td_cue *cw = td_match_cue(d->m, h->index);

			/* A word said twice is still one cue. */
			if (!s->cue_seen[h->index])
				cue_keep *= 1 - cw->weight;
			s->cue_seen[h->index] = 1;
			continue;
		}
		dt = &d->terms[h->index];
		c = P->variant_weight[h->variant] * P->kind_factor[dt->kind] *
		    dt->dist;
		if (c > s->term_best[h->index] || !s->term_hit[h->index]) {
			s->term_best[h->index] = c;
			s->term_hit[h->index] = i + 1;
		}
	}
	for (i = 0; i < s->nterms; i++) {
		if (!s->term_hit[i])
			continue;
		any_term = 1;
		t = noisy_or(t, s->term_best[i]);
		if (d->terms[i].dist >= P->weak_below)
			weak = 0;
		for (k = 0; k < d->terms[i].nrights; k++)
			s->seen[d->terms[i].rights[k]] = 1;
	}
	cue = P->cue_factor * (1 - cue_keep);

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
				if (s->ih.v[j].dist < img_dist) {
					img_dist = s->ih.v[j].dist;
					img_photo = (long)s->ih.v[j].id;
					img_listing_photo = i;
				}
		}
	}
	if (img_photo >= 0) {
		img_product = (long)d->photos[img_photo].product;
		img = P->image_weight *
		      (1 - 0.5 * img_dist / (P->image_max_distance + 1.0));
	}
	if (!any_term && img_photo < 0)
		return 0;

	/* Price against the product's MSRP. */
	prod = price_product(d, s, img_product, l);
	if (prod >= 0 && l->has_price && l->currency[0]) {
		const struct td_product *p = &d->pf.products[prod];
		double conv;

		if (td_rates_convert(&d->rates, l->price, l->currency,
				     p->currency, &conv, NULL, NULL) == 0 &&
		    p->msrp > 0) {
			out->has_price_ratio = 1;
			out->price_ratio = conv / p->msrp;
			if (out->price_ratio <= P->very_low_ratio)
				price = P->very_low;
			else if (out->price_ratio <= P->low_ratio)
				price = P->low;
		}
	}
	if (in->seller_findings > 0)
		seller = P->seller_repeat;
	corroborated = cue > 0 || img > 0 || price > 0;
	if (any_term && weak && !corroborated)
		t *= P->weak_alone_factor;
	score = noisy_or(noisy_or(noisy_or(noisy_or(t, cue), price), img),
			 seller);
	if (score < P->min_score)
		return 0;

	/* A finding: rights, products and the explained signals. */
	out->score = round3(score);
	out->signals = json_array();
	for (i = 0; i < s->nrights; i++)
		if (s->seen[i])
			td_strv_push(&out->rights, d->rights[i].r->key);
	if (img_product >= 0) {
		const struct td_product *p = &d->pf.products[img_product];

		for (k = 0; k < p->rights.n; k++)
			if (td_strv_find(&out->rights, p->rights.v[k]) < 0)
				td_strv_push(&out->rights, p->rights.v[k]);
		td_strv_push(&out->products, p->sku);
	}
	if (prod >= 0 &&
	    td_strv_find(&out->products, d->pf.products[prod].sku) < 0)
		td_strv_push(&out->products, d->pf.products[prod].sku);
	for (i = 0; i < s->nrights; i++) {
		if (!s->seen[i])
			continue;
		for (k = 0; k < d->rights[i].nproducts; k++) {
			const char *sku =
				d->pf.products[d->rights[i].products[k]].sku;

			if (td_strv_find(&out->products, sku) < 0)
				td_strv_push(&out->products, sku);
		}
	}
	for (i = 0; i < s->nterms; i++) {
		const struct hit_rec *h;
		const struct det_term *dt = &d->terms[i];
		json_t *sig, *rights;
		double c;

		if (!s->term_hit[i])
			continue;
		h = &s->hits[s->term_hit[i] - 1];
		c = s->term_best[i];
		if (weak && !corroborated)
			c *= P->weak_alone_factor;
		rights = json_array();
		for (k = 0; k < dt->nrights; k++)
			json_array_append_new(
				rights,
				json_string(d->rights[dt->rights[k]].r->key));
		sig = json_pack(
			"{s:s,s:o,s:s,s:s,s:s,s:i,s:f,s:s,s:o,s:o,"
			"s:i,s:i,s:f,s:f}",
			"kind", "term", "rights", rights, "term", dt->text,
			"term_kind", kind_names[dt->kind], "variant",
			td_match_variant_name(h->variant), "edits",
			(int)h->edits, "distinctiveness", round3(dt->dist),
			"field", h->field ? "description" : "title", "quote",
			quote(l, h), "normalised", normalised(l, h), "start",
			(int)h->start, "end", (int)h->end, "weight",
			round3(P->variant_weight[h->variant] *
			       P->kind_factor[dt->kind]),
			"contribution", round3(c));
		if (weak && !corroborated)
			json_object_set_new(sig, "weak_alone",
					    json_real(P->weak_alone_factor));
		json_array_append_new(out->signals, sig);
	}
	if (cue > 0) {
		json_t *words = json_array();

		memset(s->cue_seen, 0, s->ncues);
		for (i = 0; i < s->nhits; i++) {
			const struct hit_rec *h = &s->hits[i];
			const struct td_cue *cw;

			if (!h->cue || s->cue_seen[h->index])
				continue;
			s->cue_seen[h->index] = 1;
			cw = td_match_cue(d->m, h->index);
			json_array_append_new(
				words,
				json_pack("{s:s,s:s,s:f,s:s,s:o}", "word",
					  cw->word, "category", cw->category,
					  "weight", cw->weight, "field",
					  h->field ? "description" : "title",
					  "quote", quote(l, h)));
		}
		json_array_append_new(out->signals,
				      json_pack("{s:s,s:o,s:f}", "kind", "cue",
						"words", words, "contribution",
						round3(cue)));
	}
	if (out->has_price_ratio) {
		const struct td_product *p = &d->pf.products[prod];
		const char *band =
			out->price_ratio <= P->very_low_ratio    ? "very_low"
			: out->price_ratio <= P->low_ratio       ? "low"
			: out->price_ratio >= P->near_msrp_ratio ? "near_msrp"
								 : "discounted";

		json_array_append_new(
			out->signals,
			json_pack("{s:s,s:f,s:s,s:s,s:f,s:s,s:f,s:s,s:f}",
				  "kind", "price", "price", l->price,
				  "currency", l->currency, "product", p->sku,
				  "msrp", p->msrp, "msrp_currency", p->currency,
				  "ratio", round3(out->price_ratio), "band",
				  band, "contribution", round3(price)));
	}
	if (img_photo >= 0) {
		const struct det_photo *ph = &d->photos[img_photo];
		const struct td_product *p = &d->pf.products[ph->product];
		const struct td_photo *im = &p->images[ph->image];

		json_array_append_new(
			out->signals,
			json_pack("{s:s,s:s,s:s,s:s?,s:s,s:i,s:s,s:f}", "kind",
				  "image_reuse", "product", p->sku, "photo",
				  im->filename, "photo_sha256", im->sha256,
				  "variant", ph->variant, "distance", img_dist,
				  "listing_photo",
				  in->photos[img_listing_photo].path,
				  "contribution", round3(img)));
		if (im->partner)
			json_array_append_new(
				out->signals,
				json_pack("{s:s,s:s,s:s,s:s,s:f}", "kind",
					  "leak", "partner", im->partner,
					  "product", p->sku, "photo",
					  im->filename, "contribution", 0.0));
	}
	if (seller > 0)
		json_array_append_new(
			out->signals,
			json_pack("{s:s,s:I,s:f}", "kind", "seller_history",
				  "earlier_findings",
				  (json_int_t)in->seller_findings,
				  "contribution", round3(seller)));
	return 1;
}

json_t *
td_finding_to_json(const struct td_finding *f, const struct td_listing *l)
{
	json_t *j = json_object();
	json_t *a;
	size_t i;

	json_object_set_new(j, "platform", json_string(l->platform));
	json_object_set_new(j, "id", json_string(l->id));
	json_object_set_new(j, "url",
			    l->url ? json_string(l->url) : json_null());
	json_object_set_new(j, "score", json_real(f->score));
	a = json_array();
	for (i = 0; i < f->rights.n; i++)
		json_array_append_new(a, json_string(f->rights.v[i]));
	json_object_set_new(j, "rights", a);
	a = json_array();
	for (i = 0; i < f->products.n; i++)
		json_array_append_new(a, json_string(f->products.v[i]));
	json_object_set_new(j, "products", a);
	json_object_set_new(j, "price_ratio",
			    f->has_price_ratio
				    ? json_real(round3(f->price_ratio))
				    : json_null());
	json_object_set_new(j, "signals",
			    f->signals ? json_incref(f->signals)
				       : json_array());
	return j;
}
