/*
 * The hash sets that make PDQ survive sellers' edits: the variant set
 * an official photo is indexed under and the query set a listing photo
 * is looked up with (docs/images.md has the evaluation behind them).
 */
#include "core/phash.h"

#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

#define ALL_DIHEDRALS      0xffu
#define AS_IS_AND_MIRRORED (1u << TD_PHASH_ORIGINAL | 1u << TD_PHASH_FLIPY)

/*
 * The cuts of the variant set, in percent of the side cut off the left,
 * top, right and bottom, applied to the trimmed picture when it has
 * uniform borders (the whole one otherwise), each hashed as is and
 * mirrored. Centre crops cover a frame cut off; corner crops an
 * off-centre crop; single sides a crop from one edge. A seller's crop
 * that falls between two of these is usually within the threshold of
 * one of them (PDQ tolerates a shift of a few percent).
 */
static const unsigned char crop_cuts[][4] = {
	{5, 5, 5, 5},   {10, 10, 10, 10}, {15, 15, 15, 15}, /* centre */
	{10, 10, 0, 0}, {0, 10, 10, 0},   {10, 0, 0, 10},   /* 90% */
	{0, 0, 10, 10},                                     /* corners */
	{20, 20, 0, 0}, {0, 20, 20, 0},   {20, 0, 0, 20},   /* 80% */
	{0, 0, 20, 20},                                     /* corners */
	{10, 0, 0, 0},  {0, 10, 0, 0},    {0, 0, 10, 0},    /* one */
	{0, 0, 0, 10},                                      /* side */
};

/*
 * Band cuts, applied to the whole picture and hashed as is only: the
 * query set of a listing photo has the same cuts, so a text banner or
 * a watermark strip over up to TD_PHASH_BAND percent of the top or the
 * bottom is cut away on both sides.
 */
static const unsigned char band_cuts[][4] = {
	{0, 0, 0, TD_PHASH_BAND},
	{0, TD_PHASH_BAND, 0, 0},
};

/* The box left of base after cutting cut[] percent off its sides. */
static struct td_image_box
cut_box(const struct td_image_box *base, const unsigned char cut[4])
{
	struct td_image_box b;
	uint32_t l = (uint32_t)((uint64_t)base->w * cut[0] / 100);
	uint32_t t = (uint32_t)((uint64_t)base->h * cut[1] / 100);
	uint32_t r = (uint32_t)((uint64_t)base->w * cut[2] / 100);
	uint32_t bo = (uint32_t)((uint64_t)base->h * cut[3] / 100);

	b.x = base->x + l;
	b.y = base->y + t;
	b.w = base->w - l - r;
	b.h = base->h - t - bo;
	return b;
}

static size_t
add_variants(const struct td_image *img, const struct td_image_box *base,
	     const unsigned char cut[4], unsigned mask, int trimmed,
	     struct td_phash_variant *out, size_t n)
{
	static const unsigned char none[4] = {0, 0, 0, 0};
	struct td_phash dih[TD_PHASH_NDIHEDRAL];
	struct td_image_box b;
	int q, d;

	if (!cut)
		cut = none;
	b = cut_box(base, cut);
	if (b.w < 8 || b.h < 8)
		return n;
	td_phash_region(img, &b, mask, dih, &q);
	for (d = 0; d < TD_PHASH_NDIHEDRAL && n < TD_PHASH_MAX_VARIANTS; d++) {
		if (!(mask & (1u << d)))
			continue;
		out[n].hash = dih[d];
		out[n].quality = q;
		out[n].dihedral = d;
		out[n].trimmed = trimmed;
		memcpy(out[n].cut, cut, sizeof(out[n].cut));
		n++;
	}
	return n;
}

/*
 * The crop grids. PDQ tolerates a misalignment of about 2% of one side,
 * or 1% of each of two (docs/images.md, "Weak spots"), so a grid of 2%
 * puts any crop within its range within 1% of each side of a variant.
 */
#define GRID_STEP  2  /* corner and single-side crops: step, */
#define GRID_MAX   20 /* and the most cut off a side (percent) */
#define GRID4_STEP 2  /* crops off three or four sides: step, */
#define GRID4_MAX  10 /* and the most cut off a side */

/* 1 when cut is one of crop_cuts[] (hashed already). */
static int
listed_cut(const unsigned char cut[4])
{
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(crop_cuts); i++)
		if (memcmp(crop_cuts[i], cut, 4) == 0)
			return 1;
	return 0;
}

/*
 * Crops into each corner on a grid of GRID_STEP percent up to GRID_MAX
 * percent off each of the two sides (one of them 0: a cut off a single
 * side), as is and mirrored.
 */
static size_t
add_grid(const struct td_image *img, const struct td_image_box *base,
	 struct td_phash_variant *out, size_t n)
{
	int corner, a, b;

	for (corner = 0; corner < 4; corner++)
		for (a = 0; a <= GRID_MAX; a += GRID_STEP)
			for (b = 0; b <= GRID_MAX; b += GRID_STEP) {
				unsigned char cut[4] = {0, 0, 0, 0};

				/* horizontal side: left for corners 0 and
				 * 3, right for 1 and 2; vertical: top for
				 * 0 and 1, bottom for 2 and 3 */
				cut[corner == 0 || corner == 3 ? 0 : 2] =
					(unsigned char)a;
				cut[corner < 2 ? 1 : 3] = (unsigned char)b;
				if (a == 0 && b == 0)
					continue;
				/* a single side once, not per corner */
				if ((a == 0 && corner != 0 && corner != 2) ||
				    (b == 0 && corner >= 2))
					continue;
				if (listed_cut(cut))
					continue;
				n = add_variants(img, base, cut,
						 AS_IS_AND_MIRRORED, 0, out, n);
			}
	return n;
}

/* Crops off three or four sides at once, each side on a grid of
 * GRID4_STEP percent up to GRID4_MAX, as is and mirrored. */
static size_t
add_grid4(const struct td_image *img, const struct td_image_box *base,
	  struct td_phash_variant *out, size_t n)
{
	int l, t, r, b;

	for (l = 0; l <= GRID4_MAX; l += GRID4_STEP)
		for (t = 0; t <= GRID4_MAX; t += GRID4_STEP)
			for (r = 0; r <= GRID4_MAX; r += GRID4_STEP)
				for (b = 0; b <= GRID4_MAX; b += GRID4_STEP) {
					unsigned char cut[4];

					/* two sides or fewer: add_grid */
					if ((l > 0) + (t > 0) + (r > 0) +
						    (b > 0) <
					    3)
						continue;
					cut[0] = (unsigned char)l;
					cut[1] = (unsigned char)t;
					cut[2] = (unsigned char)r;
					cut[3] = (unsigned char)b;
					if (listed_cut(cut))
						continue;
					n = add_variants(img, base, cut,
							 AS_IS_AND_MIRRORED, 0,
							 out, n);
				}
	return n;
}

/*
 * Square crops (marketplaces ask for square pictures): in the middle and
 * at both ends of the long side, as is and mirrored, when the picture is
 * at least 10% longer than wide (or the other way round).
 */
static size_t
add_squares(const struct td_image *img, const struct td_image_box *base,
	    int trimmed, struct td_phash_variant *out, size_t n)
{
	uint32_t lo = base->w < base->h ? base->w : base->h;
	uint32_t hi = base->w < base->h ? base->h : base->w;
	unsigned char cut[4];
	int pos;

	if ((uint64_t)hi * 10 < (uint64_t)lo * 11)
		return n;
	for (pos = 0; pos < 3; pos++) {
		/* percent of the long side cut before and after the
		 * square, rounded up so that the rest is no longer than
		 * the short side */
		unsigned spare = (unsigned)(100 - (uint64_t)lo * 100 / hi);
		unsigned before = pos == 0 ? 0 : pos == 1 ? spare / 2 : spare;
		unsigned after = spare - before;

		memset(cut, 0, sizeof(cut));
		if (base->w > base->h) {
			cut[0] = (unsigned char)before;
			cut[2] = (unsigned char)after;
		} else {
			cut[1] = (unsigned char)before;
			cut[3] = (unsigned char)after;
		}
		n = add_variants(img, base, cut, AS_IS_AND_MIRRORED, trimmed,
				 out, n);
	}
	return n;
}

size_t
td_phash_variants(const struct td_image *img, struct td_phash_variant *out)
{
	struct td_image_box whole = {0, 0, img->width, img->height};
	struct td_image_box trim = td_image_border_box(img, TD_PHASH_TRIM_TOL);
	size_t n = 0, i;

	n = add_variants(img, &whole, NULL, ALL_DIHEDRALS, 0, out, n);
	if (trim.w != whole.w || trim.h != whole.h)
		n = add_variants(img, &trim, NULL, ALL_DIHEDRALS, 1, out, n);
	for (i = 0; i < TD_ARRAY_LEN(crop_cuts); i++)
		n = add_variants(img, &whole, crop_cuts[i], AS_IS_AND_MIRRORED,
				 0, out, n);
	n = add_grid(img, &whole, out, n);
	n = add_grid4(img, &whole, out, n);
	n = add_squares(img, &whole, 0, out, n);
	for (i = 0; i < TD_ARRAY_LEN(band_cuts); i++)
		n = add_variants(img, &whole, band_cuts[i],
				 1u << TD_PHASH_ORIGINAL, 0, out, n);
	return n;
}

void
td_phash_variant_name(const struct td_phash_variant *v, char *buf, size_t n)
{
	const char *base = v->trimmed ? "trim" : "whole";
	const unsigned char *c = v->cut;
	char cut[48] = "";
	size_t len = 0;

	if (c[0] == c[1] && c[1] == c[2] && c[2] == c[3] && c[0] != 0) {
		snprintf(cut, sizeof(cut), "/crop%d", 100 - 2 * c[0]);
	} else if (c[0] || c[1] || c[2] || c[3]) {
		static const char side[] = "ltrb";
		int i;

		len = (size_t)snprintf(cut, sizeof(cut), "/cut");
		for (i = 0; i < 4; i++)
			if (c[i] && len < sizeof(cut))
				len += (size_t)snprintf(cut + len,
							sizeof(cut) - len,
							"-%c%d", side[i], c[i]);
	}
	if (v->dihedral == TD_PHASH_ORIGINAL)
		snprintf(buf, n, "%s%s", base, cut);
	else
		snprintf(buf, n, "%s%s/%s", base, cut,
			 td_phash_dihedral_name(v->dihedral));
}

static const char *const query_names[TD_PHASH_NQUERY_KINDS] = {
	"whole",
	"trim",
	"cut-bottom",
	"cut-top",
};

const char *
td_phash_query_name(int kind)
{
	return kind >= 0 && kind < TD_PHASH_NQUERY_KINDS ? query_names[kind]
							 : "?";
}

static size_t
add_query(const struct td_image *img, const struct td_image_box *b, int kind,
	  struct td_phash_query *out, size_t n)
{
	if (b->w < 8 || b->h < 8)
		return n;
	td_phash_region(img, b, 1, &out[n].hash, &out[n].quality);
	out[n].kind = kind;
	return n + 1;
}

size_t
td_phash_query_set(const struct td_image *img, struct td_phash_query *out)
{
	struct td_image_box whole = {0, 0, img->width, img->height};
	struct td_image_box trim = td_image_border_box(img, TD_PHASH_TRIM_TOL);
	struct td_image_box b;
	size_t n = 0;

	/* The whole picture always (a tiny one hashes to zeros). */
	td_phash_region(img, &whole, 1, &out[0].hash, &out[0].quality);
	out[0].kind = TD_PHASH_Q_WHOLE;
	n = 1;
	if (trim.w != whole.w || trim.h != whole.h)
		n = add_query(img, &trim, TD_PHASH_Q_TRIM, out, n);
	b = cut_box(&whole, band_cuts[0]);
	n = add_query(img, &b, TD_PHASH_Q_CUT_BOTTOM, out, n);
	b = cut_box(&whole, band_cuts[1]);
	n = add_query(img, &b, TD_PHASH_Q_CUT_TOP, out, n);
	return n;
}
