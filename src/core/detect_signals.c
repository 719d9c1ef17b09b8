/* Detection: the signals of a finding as JSON text (docs/scoring.md). */
#include "core/detect_int.h"

#include <string.h>

#include "core/util.h"
#include "core/banned.h"

/* The parts of the signals that do not change from listing to listing,
 * as JSON text (a scan writes hundreds of thousands of them). */
void
detect_build_json(struct td_detector *d)
{
	size_t i, k;

	d->term_json = td_xcalloc(d->nterms + 1, sizeof(*d->term_json));
	for (i = 0; i < d->nterms; i++) {
		struct det_term *t = &d->terms[i];
		struct td_buf *b = &d->term_json[i].head;

		td_buf_init(b);
		LIT(b, "{\"kind\":\"term\",\"rights\":[");
		for (k = 0; k < t->nrights; k++) {
			td_jsonw_sep(b);
			td_jsonw_cstr(b, d->rights[t->rights[k]].r->key);
		}
		LIT(b, "],\"term\":");
		td_jsonw_cstr(b, t->text);
		LIT(b, ",\"term_kind\":");
		td_jsonw_cstr(b, td_match_kind_name(t->kind));
		b = &d->term_json[i].dist;
		td_buf_init(b);
		LIT(b, ",\"distinctiveness\":");
		td_jsonw_real(b, detect_round3(t->dist));
	}
	for (i = 0; i < TD_MATCH_VARIANTS; i++) {
		td_buf_init(&d->variant_json[i]);
		LIT(&d->variant_json[i], ",\"variant\":");
		td_jsonw_cstr(&d->variant_json[i],
			      td_match_variant_name((int)i));
		LIT(&d->variant_json[i], ",\"edits\":");
	}
	d->name_words = td_xcalloc(d->pf.nproducts + 1, sizeof(*d->name_words));
	for (i = 0; i < d->pf.nproducts; i++) {
		const char *p = d->pf.products[i].name;
		struct td_buf *b = &d->name_words[i];
		size_t n = 0;

		td_buf_init(b);
		for (;; p++) {
			/* Words longer than 63 letters are cut there, as they
			 * always were. */
			if ((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z')) {
				if (n < 63)
					td_buf_addch(b, *p | 0x20);
				n++;
				continue;
			}
			if (n >= 4)
				td_buf_addch(b, 0);
			else
				td_buf_setlen(b, b->len - (n < 63 ? n : 63));
			n = 0;
			if (!*p)
				break;
		}
		td_buf_addch(b, 0);
	}
	/* Chinese product names are folded as the listing's text is
	 * (Simplified, separators gone) and looked for anywhere in it, whole
	 * or by their last three characters: a Chinese compound names its
	 * kind last (铆钉会议桌, "rivet conference table", is a 会议桌). */
	d->name_zh = td_xcalloc(d->pf.nproducts + 1, sizeof(*d->name_zh));
	d->name_zh_tail =
		td_xcalloc(d->pf.nproducts + 1, sizeof(*d->name_zh_tail));
	for (i = 0; i < d->pf.nproducts; i++) {
		const char *z = d->pf.products[i].name_zh;
		struct td_buf *zk = &d->name_zh[i];
		size_t at, chars = 0;

		td_buf_init(zk);
		if (!z || !*z ||
		    td_text_key_string(z, strlen(z), zk, NULL) < 0 ||
		    zk->len == 0)
			continue;
		d->any_name_zh = 1;
		for (at = zk->len; at > 0 && chars < 3; at--)
			if (((unsigned char)zk->data[at - 1] & 0xc0) != 0x80 &&
			    ++chars == 3)
				d->name_zh_tail[i] = at - 1;
		/* Only three CJK characters (3 or 4 bytes each) make a
		 * tail; three Latin letters say nothing. */
		if (zk->len - d->name_zh_tail[i] < 9)
			d->name_zh_tail[i] = 0;
	}
	d->product_json =
		td_xcalloc(d->pf.nproducts + 1, sizeof(*d->product_json));
	for (i = 0; i < d->pf.nproducts; i++) {
		const struct td_product *p = &d->pf.products[i];
		struct td_buf *b = &d->product_json[i];

		td_buf_init(b);
		LIT(b, ",\"product\":");
		td_jsonw_cstr(b, p->sku);
		LIT(b, ",\"msrp\":");
		td_jsonw_real(b, p->msrp);
		LIT(b, ",\"msrp_currency\":");
		td_jsonw_cstr(b, p->currency);
	}
	for (i = 0; i < TD_MATCH_VARIANTS; i++)
		for (k = 0; k < TD_ARRAY_LEN(d->weight_json[i]); k++) {
			struct td_buf *b = &d->weight_json[i][k];

			td_buf_init(b);
			LIT(b, ",\"weight\":");
			td_jsonw_real(
				b, detect_round3(d->params.variant_weight[i] *
						 d->params.kind_factor[k]));
			LIT(b, ",\"contribution\":");
		}
	d->ncue_json = td_match_ncues(d->m);
	d->cue_json = td_xcalloc(d->ncue_json + 1, sizeof(*d->cue_json));
	for (i = 0; i < d->ncue_json; i++) {
		const struct td_cue *cw = td_match_cue(d->m, i);
		struct td_buf *b = &d->cue_json[i];

		td_buf_init(b);
		LIT(b, "{\"word\":");
		td_jsonw_cstr(b, cw->word);
		LIT(b, ",\"category\":");
		td_jsonw_cstr(b, cw->category);
		LIT(b, ",\"weight\":");
		td_jsonw_real(b, cw->weight);
		LIT(b, ",\"field\":");
	}
}
/* The listing's text of a hit, as written. */
static void
put_quote(struct td_buf *b, const struct td_listing *l, const struct hit_rec *h)
{
	const char *text = h->field ? l->description : l->title;

	td_jsonw_str(b, text + h->start, h->end - h->start);
}

/* The same, as normalised (what "normalised" shows). */
static void
put_normalised(struct td_buf *b, struct td_detect_scratch *s,
	       const struct td_listing *l, const struct hit_rec *h)
{
	const char *text = h->field ? l->description : l->title;

	td_buf_reset(&s->norm);
	td_text_norm_add(&s->quote, text + h->start, h->end - h->start,
			 &s->norm, NULL);
	td_jsonw_str(b, s->norm.data, s->norm.len);
}

static void
write_terms(struct sig_ctx *c)
{
	struct td_buf *b = c->b;
	size_t i;

	for (i = 0; i < c->s->ntterms; i++) {
		size_t ti = c->s->tterms[i];
		const struct hit_rec *h = &c->s->hits[c->s->term_hit[ti] - 1];
		const struct det_term *dt = &c->d->terms[ti];
		const struct det_term_json *tj = &c->d->term_json[ti];
		const struct td_buf *v = &c->d->variant_json[h->variant];
		double w = c->s->term_best[ti];

		td_jsonw_sep(b);
		td_jsonw_raw(b, tj->head.data, tj->head.len);
		td_jsonw_raw(b, v->data, v->len);
		td_jsonw_int(b, h->edits);
		td_jsonw_raw(b, tj->dist.data, tj->dist.len);
		if (h->field)
			LIT(b, ",\"field\":\"description\",\"quote\":");
		else
			LIT(b, ",\"field\":\"title\",\"quote\":");
		put_quote(b, c->in->listing, h);
		LIT(b, ",\"normalised\":");
		put_normalised(b, c->s, c->in->listing, h);
		LIT(b, ",\"start\":");
		td_jsonw_int(b, (int64_t)h->start);
		LIT(b, ",\"end\":");
		td_jsonw_int(b, (int64_t)h->end);
		v = &c->d->weight_json[h->variant][dt->kind];
		td_jsonw_raw(b, v->data, v->len);
		td_jsonw_real(b, detect_round3(w));
		LIT(b, "}");
	}
}

static void
write_cues(struct sig_ctx *c)
{
	struct td_detect_scratch *s = c->s;
	struct td_buf *b = c->b;
	size_t i;

	td_jsonw_sep(b);
	LIT(b, "{\"kind\":\"cue\",\"words\":[");
	for (i = 0; i < s->nhits; i++) {
		const struct hit_rec *h = &s->hits[i];
		const struct td_buf *cj;

		/* cue_seen is 1 for every cue counted: list each once. */
		if (!h->cue || s->cue_seen[h->index] != 1)
			continue;
		s->cue_seen[h->index] = 2;
		cj = &c->d->cue_json[h->index];
		td_jsonw_sep(b);
		td_jsonw_raw(b, cj->data, cj->len);
		if (h->field)
			LIT(b, "\"description\",\"quote\":");
		else
			LIT(b, "\"title\",\"quote\":");
		put_quote(b, c->in->listing, h);
		LIT(b, "}");
	}
	LIT(b, "]");
	LIT(b, ",\"contribution\":");
	td_jsonw_real(b, detect_round3(c->cue));
	LIT(b, "}");
}

static void
write_price(struct sig_ctx *c)
{
	const struct td_detect_params *P = &c->d->params;
	const struct td_listing *l = c->in->listing;
	const struct td_buf *pj = &c->d->product_json[c->prod];
	double r = c->price_ratio;
	struct td_buf *b = c->b;
	const char *band = r <= P->very_low_ratio    ? "very_low"
			   : r <= P->low_ratio       ? "low"
			   : r >= P->near_msrp_ratio ? "near_msrp"
						     : "discounted";

	td_jsonw_sep(b);
	LIT(b, "{\"kind\":\"price\"");
	LIT(b, ",\"price\":");
	td_jsonw_real(b, l->price);
	LIT(b, ",\"currency\":");
	td_jsonw_cstr(b, l->currency);
	td_jsonw_raw(b, pj->data, pj->len);
	LIT(b, ",\"ratio\":");
	td_jsonw_real(b, detect_round3(r));
	LIT(b, ",\"band\":\"");
	td_jsonw_raw(b, band, strlen(band));
	LIT(b, "\",\"contribution\":");
	td_jsonw_real(b, detect_round3(c->price));
	LIT(b, "}");
}

static void
write_image(struct sig_ctx *c)
{
	const struct det_photo *ph = &c->d->photos[c->img_photo];
	const struct td_product *p = &c->d->pf.products[ph->product];
	const struct td_photo *im = &p->images[ph->image];
	struct td_buf *b = c->b;

	td_jsonw_sep(b);
	LIT(b, "{\"kind\":\"image_reuse\"");
	LIT(b, ",\"product\":");
	td_jsonw_cstr(b, p->sku);
	LIT(b, ",\"photo\":");
	td_jsonw_cstr(b, im->filename);
	/* json_pack's "s?" left a NULL SHA-256 out as null. */
	LIT(b, ",\"photo_sha256\":");
	td_jsonw_cstr(b, im->sha256);
	LIT(b, ",\"variant\":");
	td_jsonw_cstr(b, ph->variant);
	LIT(b, ",\"distance\":");
	td_jsonw_int(b, c->img_dist);
	LIT(b, ",\"listing_photo\":");
	td_jsonw_cstr(b, c->in->photos[c->img_listing_photo].path);
	LIT(b, ",\"contribution\":");
	td_jsonw_real(b, detect_round3(c->img));
	LIT(b, "}");
	if (!im->partner)
		return;
	td_jsonw_sep(b);
	LIT(b, "{\"kind\":\"leak\"");
	LIT(b, ",\"partner\":");
	td_jsonw_cstr(b, im->partner);
	LIT(b, ",\"product\":");
	td_jsonw_cstr(b, p->sku);
	LIT(b, ",\"photo\":");
	td_jsonw_cstr(b, im->filename);
	LIT(b, ",\"contribution\":");
	td_jsonw_real(b, 0.0);
	LIT(b, "}");
}

void
detect_write_signals(struct sig_ctx *c)
{
	struct td_buf *b = c->b;

	td_buf_reset(b);
	LIT(b, "[");
	write_terms(c);
	if (c->cue > 0)
		write_cues(c);
	if (c->has_price_ratio)
		write_price(c);
	if (c->img_photo >= 0)
		write_image(c);
	if (c->seller > 0) {
		td_jsonw_sep(b);
		LIT(b, "{\"kind\":\"seller_history\"");
		LIT(b, ",\"earlier_findings\":");
		td_jsonw_int(b, c->in->seller_findings);
		LIT(b, ",\"contribution\":");
		td_jsonw_real(b, detect_round3(c->seller));
		LIT(b, "}");
	}
	LIT(b, "]");
}
