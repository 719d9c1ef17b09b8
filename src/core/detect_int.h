#ifndef TD_DETECT_INT_H
#define TD_DETECT_INT_H
/*
 * Detection: what detect.c (the detector and the scoring) and
 * detect_signals.c (the signals as JSON text) share. Not for other
 * modules.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/detect.h"
#include "core/hidx.h"
#include "core/jsonw.h"
#include "core/match.h"
#include "core/text.h"

/* A string literal, raw. */
#define LIT(b, s) td_jsonw_raw((b), (s), sizeof(s) - 1)

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
	double dist;  /* distinctiveness */
	int kind;     /* enum td_match_kind */
	long product; /* a model number: the product it names, or -1 */
	const char *text;
};

/* A term signal's constant parts as JSON text, written once:
 * {"kind":"term","rights":[...],"term":...,"term_kind":... and
 * ,"distinctiveness":... (apart from struct det_term, which the scan of
 * every listing reads). */
struct det_term_json {
	struct td_buf head, dist;
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
	/* JSON text written once: per variant ,"variant":"...","edits":
	 * and per cue {"word":...,"category":...,"weight":...,"field": */
	struct td_buf variant_json[TD_MATCH_VARIANTS];
	struct det_term_json *term_json; /* per term */
	struct td_buf *cue_json;
	size_t ncue_json;
	/* Per product: the words of 4 or more letters of its name, lower
	 * case, each NUL-terminated, then an empty one. */
	struct td_buf *name_words;
	struct td_buf *name_zh; /* per product: key of its Chinese name */
	size_t *name_zh_tail;   /* per product: where its last 3 characters
				   start in name_zh, or 0 */
	int any_name_zh;        /* some product has one */
	/* Per product: the first product with its SKU (itself, as a
	 * checked portfolio has no two), to list each SKU once. */
	size_t *sku_first;
	/* Per product: ,"product":...,"msrp":...,"msrp_currency":... */
	struct td_buf *product_json;
	/* Per variant and term kind: ,"weight":...,"contribution": */
	struct td_buf weight_json[TD_MATCH_VARIANTS][5];
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

/*
 * Per-listing state. The per-term, per-right, per-cue and per-product
 * arrays are cleared only where the previous listing touched them (the
 * lists below), not over the whole portfolio for every listing.
 */
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
	unsigned *covered;       /* per product: matched rights covering it */
	size_t *tterms;          /* terms hit, ascending once sorted */
	size_t ntterms;
	size_t *trights; /* rights touched, ascending once sorted */
	size_t ntrights;
	size_t *tprods; /* products with covered > 0 */
	size_t ntprods;
	unsigned char *listed; /* per product (sku_first): in the finding */
	size_t ncues;
	size_t nterms;
	size_t nrights;
	struct td_text quote; /* scratch for normalising quotes */
	struct td_buf norm;   /* one quote as normalised */
};

/* The signals of a finding as JSON text (docs/scoring.md). */
struct sig_ctx {
	const struct td_detector *d;
	struct td_detect_scratch *s;
	const struct td_detect_input *in;
	struct td_buf *b;
	double cue, price, img, seller;
	long prod, img_photo;
	int img_dist;
	size_t img_listing_photo;
	double price_ratio;
	int has_price_ratio;
};

/* v rounded to thousandths, as every number of a signal is. */
static inline double
detect_round3(double v)
{
	return floor(v * 1000 + 0.5) / 1000;
}

/* Write the constant parts of the signals once (td_detector_new). */
void detect_build_json(struct td_detector *d);

/* The signals of a finding as JSON text into c->b (td_detect). */
void detect_write_signals(struct sig_ctx *c);

#endif
