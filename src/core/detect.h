#ifndef TD_DETECT_H
#define TD_DETECT_H
/*
 * Detection: from one listing to a finding. A detector is built once per
 * scan from the portfolio (the rights to search for, their terms and
 * products), the cue lists, the exchange rates, the scoring parameters
 * (data/scoring.json) and the official photos' hashes. For each listing
 * it matches title and description (td_match), looks up the listing's
 * photo hashes among the official photos, compares the price with the
 * product's MSRP, and combines the signals into a score in 0..1 with one
 * explained contribution per signal (docs/scoring.md).
 *
 * Ownership: arguments are borrowed for the call; the detector copies
 * what it keeps from the portfolio. A finding is owned by the caller
 * (td_finding_release).
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/feed.h"
#include "core/match.h"
#include "core/phash.h"
#include "core/portfolio.h"
#include "core/rates.h"
#include "core/strv.h"

/* The scoring parameters; docs/scoring.md gives each default. */
struct td_detect_params {
	double min_score; /* a finding needs this score */
	double variant_weight[TD_MATCH_VARIANTS]; /* by enum td_match_variant */
	double kind_factor[5];                    /* by enum td_match_kind */
	double weak_below;        /* distinctiveness of a weak term */
	double weak_alone_factor; /* a weak term without support */
	double cue_factor;        /* the most cue words add */
	double very_low_ratio;    /* price/MSRP at or below: */
	double very_low;          /*   this contribution */
	double low_ratio;         /* price/MSRP at or below: */
	double low;               /*   this contribution */
	double near_msrp_ratio;   /* a "deceptive" price from here */
	int image_max_distance;   /* PDQ bits for a photo match */
	double image_weight;      /* a reused official photo */
	double seller_repeat;     /* a seller with earlier findings */
};

/* The shipped defaults (data/scoring.json). */
int td_detect_params_builtin(struct td_detect_params *p, struct td_err *err);
/*
 * Read parameters from JSON text over p (fields not given keep their
 * value), so a workspace file can override some. Errors name the file
 * and the JSON path: "scoring.json: term.weak_below: must be a number
 * from 0 to 1".
 */
int td_detect_params_parse(struct td_detect_params *p, const char *text,
			   size_t len, const char *file, struct td_err *err);

struct td_detector;
struct td_detect_scratch;

/*
 * Build a detector for the rights of pf whose protect period (or, where
 * none is given, validity) covers the day `today`; expired rights are
 * left out (td_detector_skipped counts them). cues may be NULL. Returns
 * NULL with err set (TD_EINVAL when no right has a search term, or the
 * matcher's error).
 */
struct td_detector *td_detector_new(const struct td_portfolio *pf,
				    const struct td_cue_list *cues,
				    const struct td_rates *rates,
				    const struct td_detect_params *params,
				    int32_t today, struct td_err *err);
void td_detector_free(struct td_detector *d);
/* Rights left out because the day is outside their period. */
size_t td_detector_skipped(const struct td_detector *d);
/* Rights and terms searched for. */
size_t td_detector_nrights(const struct td_detector *d);
size_t td_detector_nterms(const struct td_detector *d);

/*
 * Add one official photo's variant hashes: photo i of product sku.
 * variant_names[k] names hashes[k] ("whole", "trim/flipy", "crop80").
 */
int td_detector_add_photo(struct td_detector *d, const char *sku, size_t image,
			  const struct td_phash *hashes,
			  const char *const *variant_names, size_t n,
			  struct td_err *err);
/* Official photo hashes held. */
size_t td_detector_nphotos(const struct td_detector *d);

/* Per-thread state; NULL with err set when Hyperscan cannot allocate. */
struct td_detect_scratch *td_detect_scratch_new(const struct td_detector *d,
						struct td_err *err);
void td_detect_scratch_free(struct td_detect_scratch *s);

/* A listing photo, hashed by the caller (or given in the feed). */
struct td_detect_photo {
	const char *path;                             /* as the feed names it */
	struct td_phash hashes[TD_PHASH_MAX_QUERIES]; /* its query set */
	size_t nhashes; /* how many; 0 if it could not be hashed */
	int quality;    /* PDQ quality */
};

/* What the scan knows about a listing besides its fields. */
struct td_detect_input {
	const struct td_listing *listing;     /* the listing */
	const struct td_detect_photo *photos; /* its photos */
	size_t nphotos;                       /* how many */
	long seller_findings; /* earlier findings of its seller, -1 unknown */
};

/* A finding: what a listing touches and why. */
struct td_finding {
	double score;            /* 0..1 */
	int has_price_ratio;     /* 1 if price_ratio is set */
	double price_ratio;      /* listing price / MSRP, same currency */
	struct td_strv rights;   /* keys of the rights it touches */
	struct td_strv products; /* SKUs of the products */
	json_t *signals;         /* array of signal objects (docs/scoring.md) */
};

#define TD_FINDING_INIT                                                        \
	{                                                                      \
		0, 0, 0, TD_STRV_INIT, TD_STRV_INIT, NULL                      \
	}

void td_finding_release(struct td_finding *f);

/*
 * Detect: fill out and return 1 when the listing is a finding (a term of
 * a right, or an official photo, and a score of at least min_score),
 * else return 0 (out is released). Returns < 0 on a matcher error.
 */
int td_detect(const struct td_detector *d, struct td_detect_scratch *s,
	      const struct td_detect_input *in, struct td_finding *out,
	      struct td_err *err);

/*
 * The finding as one JSON object: platform, id, url, score, rights,
 * products, price_ratio and signals (a new reference).
 */
json_t *td_finding_to_json(const struct td_finding *f,
			   const struct td_listing *l);

#endif
