/*
 * PDQ, written from the description of the reference in docs/images.md.
 * The arithmetic is single-precision float in the same order as the
 * reference, so that the same pixels give the same bits.
 */
#include "core/phash.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

#define MIN_HASHABLE_DIM 5
#define DS               64 /* the decimated image is DS x DS */
#define NJAROSZ_PASSES   2

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const char *const dih_names[TD_PHASH_NDIHEDRAL] = {
	"original", "rotate90", "rotate180", "rotate270",
	"flipx",    "flipy",    "flipplus1", "flipminus1",
};

const char *
td_phash_dihedral_name(int d)
{
	return d >= 0 && d < TD_PHASH_NDIHEDRAL ? dih_names[d] : "?";
}

int
td_phash_distance(const struct td_phash *a, const struct td_phash *b)
{
	return __builtin_popcountll(a->w[0] ^ b->w[0]) +
	       __builtin_popcountll(a->w[1] ^ b->w[1]) +
	       __builtin_popcountll(a->w[2] ^ b->w[2]) +
	       __builtin_popcountll(a->w[3] ^ b->w[3]);
}

void
td_phash_to_hex(const struct td_phash *h, char *out)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	/* Word 15 (the top 16 bits of w[3]) first: the 256-bit number
	 * printed big-endian. */
	for (i = 0; i < TD_PHASH_HEX_LEN; i++) {
		int nib = TD_PHASH_HEX_LEN - 1 - i; /* nibble index from 0 */

		out[i] = hex[(h->w[nib / 16] >> (4 * (nib % 16))) & 15];
	}
	out[TD_PHASH_HEX_LEN] = '\0';
}

int
td_phash_from_hex(const char *s, struct td_phash *h, struct td_err *err)
{
	struct td_phash t;
	int i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < TD_PHASH_HEX_LEN; i++) {
		int nib = TD_PHASH_HEX_LEN - 1 - i, v;
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return td_errf(err, TD_EINVAL,
				       "'%.70s' is not a PDQ hash (64 hex "
				       "digits)",
				       s);
		t.w[nib / 16] |= (uint64_t)v << (4 * (nib % 16));
	}
	if (s[i] != '\0')
		return td_errf(err, TD_EINVAL,
			       "'%.70s' is not a PDQ hash (64 hex digits)", s);
	*h = t;
	return 0;
}

/* --- the steps ------------------------------------------------------------ */

/*
 * 1-D box filter of window w over n values (stride apart), with windows
 * that shrink at both ends and are divided by the number of values they
 * hold. The window is centred: output i averages inputs
 * [i - (half - 1), i + (w - half)], half = (w + 2) / 2.
 */
static void
box1d(const float *in, float *out, int n, int stride, int w)
{
	int half = (w + 2) / 2;
	int p1 = half - 1, p2 = w - half + 1, p3 = n - w, p4 = half - 1;
	int li = 0, ri = 0, oi = 0, i;
	float sum = 0.0f, cnt = 0.0f;

	for (i = 0; i < p1; i++) {
		sum += in[ri];
		cnt++;
		ri += stride;
	}
	for (i = 0; i < p2; i++) {
		sum += in[ri];
		cnt++;
		out[oi] = sum / cnt;
		ri += stride;
		oi += stride;
	}
	for (i = 0; i < p3; i++) {
		sum += in[ri];
		sum -= in[li];
		out[oi] = sum / cnt;
		li += stride;
		ri += stride;
		oi += stride;
	}
	for (i = 0; i < p4; i++) {
		sum -= in[li];
		cnt--;
		out[oi] = sum / cnt;
		li += stride;
		oi += stride;
	}
}

/*
 * The same box filter down every column at once: walking the rows keeps
 * memory access sequential (a column at a time would touch a new cache
 * line per value). Each column sees the same operations in the same
 * order as box1d(), so the result is bit for bit the same.
 */
static void
box_cols(const float *in, float *out, int rows, int cols, int w, float *sum)
{
	int half = (w + 2) / 2;
	int p1 = half - 1, p2 = w - half + 1, p3 = rows - w, p4 = half - 1;
	int li = 0, ri = 0, oi = 0, i, j;
	float cnt = 0.0f;

	for (j = 0; j < cols; j++)
		sum[j] = 0.0f;
	for (i = 0; i < p1; i++, ri++) {
		const float *r = in + (size_t)ri * cols;

		for (j = 0; j < cols; j++)
			sum[j] += r[j];
		cnt++;
	}
	for (i = 0; i < p2; i++, ri++, oi++) {
		const float *r = in + (size_t)ri * cols;
		float *o = out + (size_t)oi * cols;

		cnt++;
		for (j = 0; j < cols; j++) {
			sum[j] += r[j];
			o[j] = sum[j] / cnt;
		}
	}
	for (i = 0; i < p3; i++, ri++, li++, oi++) {
		const float *r = in + (size_t)ri * cols;
		const float *l = in + (size_t)li * cols;
		float *o = out + (size_t)oi * cols;

		for (j = 0; j < cols; j++) {
			sum[j] += r[j];
			sum[j] -= l[j];
			o[j] = sum[j] / cnt;
		}
	}
	for (i = 0; i < p4; i++, li++, oi++) {
		const float *l = in + (size_t)li * cols;
		float *o = out + (size_t)oi * cols;

		cnt--;
		for (j = 0; j < cols; j++) {
			sum[j] -= l[j];
			o[j] = sum[j] / cnt;
		}
	}
}

/* Jarosz: box along rows then along columns, twice. Result in a. */
static void
jarosz(float *a, float *b, int rows, int cols, int wrow, int wcol)
{
	float *sum = td_xmalloc(sizeof(float) * (size_t)cols);
	int p, i;

	for (p = 0; p < NJAROSZ_PASSES; p++) {
		for (i = 0; i < rows; i++)
			box1d(a + (size_t)i * cols, b + (size_t)i * cols, cols,
			      1, wrow);
		box_cols(b, a, rows, cols, wcol, sum);
	}
	free(sum);
}

static int
window(int old_dim)
{
	return (old_dim + 2 * DS - 1) / (2 * DS);
}

static void
decimate(const float *in, int rows, int cols, float out[DS][DS])
{
	int i, j;

	for (i = 0; i < DS; i++) {
		int ii = (int)((i + 0.5) * rows / DS);

		for (j = 0; j < DS; j++) {
			int jj = (int)((j + 0.5) * cols / DS);

			out[i][j] = in[(size_t)ii * cols + jj];
		}
	}
}

static int
quality_of(float a[DS][DS])
{
	int sum = 0, i, j, q;

	for (i = 0; i < DS - 1; i++)
		for (j = 0; j < DS; j++) {
			int d = (int)((a[i][j] - a[i + 1][j]) * 100 / 255);

			sum += abs(d);
		}
	for (i = 0; i < DS; i++)
		for (j = 0; j < DS - 1; j++) {
			int d = (int)((a[i][j] - a[i][j + 1]) * 100 / 255);

			sum += abs(d);
		}
	q = sum / 90;
	return q > 100 ? 100 : q;
}

static float dct_matrix[16][DS];
static float dct_matrix_t[DS][16]; /* its transpose */
static pthread_once_t dct_once = PTHREAD_ONCE_INIT;

static void
dct_init(void)
{
	int i, j;
	double scale = sqrt(2.0 / DS);

	for (i = 0; i < 16; i++)
		for (j = 0; j < DS; j++) {
			dct_matrix[i][j] =
				(float)(scale * cos(M_PI / 2 / DS * (i + 1) *
						    (2 * j + 1)));
			dct_matrix_t[j][i] = dct_matrix[i][j];
		}
}

/* B = D A D^T: the 16x16 lowest frequencies, DC excluded, as two plain
 * matrix products (t = D A first). */
static void
dct16_buf(float (*restrict a)[DS], float (*restrict t)[DS],
	  float (*restrict b)[16])
{
	int i, j, k;

	pthread_once(&dct_once, dct_init);
	/* Each sum runs over k in the same order as the plain products
	 * (so the results are the same to the bit), but the inner loops
	 * run over j, which the compiler does several at a time. */
	for (i = 0; i < 16; i++) {
		for (j = 0; j < DS; j++)
			t[i][j] = 0.0f;
		for (k = 0; k < DS; k++) {
			float d = dct_matrix[i][k];

			for (j = 0; j < DS; j++)
				t[i][j] += d * a[k][j];
		}
	}
	for (i = 0; i < 16; i++) {
		for (j = 0; j < 16; j++)
			b[i][j] = 0.0f;
		for (k = 0; k < DS; k++) {
			float v = t[i][k];

			for (j = 0; j < 16; j++)
				b[i][j] += v * dct_matrix_t[k][j];
		}
	}
}

/*
 * Torben's median: the ((n + 1) / 2)-th smallest value, found by
 * bisecting on value without reordering the input.
 */
static float
torben(const float *m, int n)
{
	int i, less, greater, equal, half = (n + 1) / 2;
	float lo = m[0], hi = m[0], guess, below, above;

	for (i = 1; i < n; i++) {
		if (m[i] < lo)
			lo = m[i];
		if (m[i] > hi)
			hi = m[i];
	}
	for (;;) {
		guess = (lo + hi) / 2;
		less = greater = equal = 0;
		below = lo;
		above = hi;
		for (i = 0; i < n; i++) {
			if (m[i] < guess) {
				less++;
				if (m[i] > below)
					below = m[i];
			} else if (m[i] > guess) {
				greater++;
				if (m[i] < above)
					above = m[i];
			} else {
				equal++;
			}
		}
		if (less <= half && greater <= half)
			break;
		if (less > greater)
			hi = below;
		else
			lo = above;
	}
	if (less >= half)
		return below;
	if (less + equal >= half)
		return guess;
	return above;
}

static void
to_bits(float b[16][16], struct td_phash *h)
{
	float med = torben(&b[0][0], 256);
	int i, j;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++)
			if (b[i][j] > med) {
				int k = 16 * i + j;

				h->w[k >> 6] |= (uint64_t)1 << (k & 63);
			}
}

/*
 * The dihedral transforms act on the DCT coefficients: a flip negates
 * the odd-frequency basis functions (rows or columns with even index,
 * since index i holds frequency i + 1), a transpose swaps the indices.
 */
static void
dihedral(float b[16][16], int d, float out[16][16])
{
	/* transpose?, negate even rows?, negate even columns? */
	static const unsigned char tab[TD_PHASH_NDIHEDRAL][3] = {
		{0, 0, 0}, {1, 0, 1}, {0, 1, 1}, {1, 1, 0},
		{0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 1, 1},
	};
	int i, j;

	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++) {
			float v = b[i][j];

			if (tab[d][1] && i % 2 == 0)
				v = -v;
			if (tab[d][2] && j % 2 == 0)
				v = -v;
			if (tab[d][0])
				out[j][i] = v;
			else
				out[i][j] = v;
		}
}

struct work {
	float a[DS][DS];  /* decimated image */
	float t[16][DS];  /* D A */
	float b[16][16];  /* the DCT block */
	float bd[16][16]; /* a dihedral of it */
};

/* Quality, DCT and bits of the decimated image in w->a. */
static void
hash_from_decimated(struct work *w, unsigned mask, struct td_phash *dih,
		    int *quality)
{
	int d;

	if (quality)
		*quality = quality_of(w->a);
	dct16_buf(w->a, w->t, w->b);
	for (d = 0; d < TD_PHASH_NDIHEDRAL; d++) {
		if (!(mask & (1u << d)))
			continue;
		if (d == 0) {
			to_bits(w->b, &dih[0]);
		} else {
			dihedral(w->b, d, w->bd);
			to_bits(w->bd, &dih[d]);
		}
	}
}

static void
hash_from_blurred(const float *blurred, int rows, int cols, unsigned mask,
		  struct td_phash *dih, int *quality)
{
	struct work *w = td_xmalloc(sizeof(*w));

	decimate(blurred, rows, cols, w->a);
	hash_from_decimated(w, mask, dih, quality);
	free(w);
}

static void
zero_hashes(unsigned mask, struct td_phash *dih, int *quality)
{
	int d;

	for (d = 0; d < TD_PHASH_NDIHEDRAL; d++)
		if (mask & (1u << d))
			memset(&dih[d], 0, sizeof(dih[d]));
	if (quality)
		*quality = 0;
}

/* Hash luma in place (buf is blurred; tmp is scratch of the same size). */
static void
hash_luma_buf(float *buf, float *tmp, int rows, int cols, unsigned mask,
	      struct td_phash *dih, int *quality)
{
	if (rows < MIN_HASHABLE_DIM || cols < MIN_HASHABLE_DIM) {
		zero_hashes(mask, dih, quality);
		return;
	}
	jarosz(buf, tmp, rows, cols, window(cols), window(rows));
	hash_from_blurred(buf, rows, cols, mask, dih, quality);
}

void
td_phash_luma(const float *luma, uint32_t width, uint32_t height, unsigned mask,
	      struct td_phash *dih, int *quality)
{
	size_t n = (size_t)width * height;
	float *buf, *tmp;

	if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) {
		zero_hashes(mask, dih, quality);
		return;
	}
	buf = td_xmalloc(n * sizeof(float));
	tmp = td_xmalloc(n * sizeof(float));
	memcpy(buf, luma, n * sizeof(float));
	hash_luma_buf(buf, tmp, (int)height, (int)width, mask, dih, quality);
	free(buf);
	free(tmp);
}

/* Luma of the pixels of img that nearest-neighbour sampling at w x h
 * picks (w, h = img's size: every pixel). */
static void
luma_sampled(const struct td_image *img, uint32_t w, uint32_t h, float *out)
{
	size_t c = (size_t)img->channels, x, y;
	size_t *xs = td_xmalloc(sizeof(*xs) * w);

	for (x = 0; x < w; x++)
		xs[x] = (size_t)((uint64_t)x * img->width / w) * c;
	for (y = 0; y < h; y++) {
		size_t sy = (size_t)((uint64_t)y * img->height / h);
		const unsigned char *row = img->px + sy * img->width * c;
		float *o = out + y * w;

		if (c == 3) {
			for (x = 0; x < w; x++) {
				const unsigned char *p = row + xs[x];

				o[x] = 0.299f * p[0] + 0.587f * p[1] +
				       0.114f * p[2];
			}
		} else {
			for (x = 0; x < w; x++)
				o[x] = row[xs[x]];
		}
	}
	free(xs);
}

void
td_phash_image(const struct td_image *img, unsigned mask, struct td_phash *dih,
	       int *quality)
{
	uint32_t w = img->width, h = img->height;
	float *buf, *tmp;

	if (w < MIN_HASHABLE_DIM || h < MIN_HASHABLE_DIM || !img->px) {
		zero_hashes(mask, dih, quality);
		return;
	}
	/* The reference squashes (not keeping the aspect ratio) to
	 * 512x512 by nearest neighbour when either side is larger. An
	 * image decoded at a reduced DCT scale from a larger file is
	 * resampled to 512x512 too, so that the filter windows cover the
	 * same part of the picture as in the reference. */
	if (w > TD_PHASH_MAX_SIDE || h > TD_PHASH_MAX_SIDE ||
	    img->file_width > TD_PHASH_MAX_SIDE ||
	    img->file_height > TD_PHASH_MAX_SIDE)
		w = h = TD_PHASH_MAX_SIDE;
	buf = td_xmalloc((size_t)w * h * sizeof(float));
	tmp = td_xmalloc((size_t)w * h * sizeof(float));
	luma_sampled(img, w, h, buf);
	hash_luma_buf(buf, tmp, (int)h, (int)w, mask, dih, quality);
	free(buf);
	free(tmp);
}

/* --- the sampled filter ------------------------------------------------------
 */

/*
 * The Jarosz filter is linear and separable, and only the DS x DS
 * samples that decimate() picks are used. So the hash needs, along each
 * axis, only the DS rows of "nearest-neighbour resample to n, box filter
 * twice": each is a short weighted sum of source values (at most
 * 2 * window - 1 grid positions, window <= 4 for n <= 512). Applying
 * these weights to the source directly gives the decimated image of the
 * reference's steps in a few hundred thousand multiply-adds instead of
 * filtering a 512x512 picture four times; only the float rounding
 * differs.
 */
#define MAXTAP 8 /* source values per sample: 2 * window(512) - 1 = 7 */

struct taps {
	int count[DS];           /* source values of each sample (<= MAXTAP) */
	uint32_t at[DS][MAXTAP]; /* their indices, ascending */
	float w[DS][MAXTAP];     /* their weights */
};

/*
 * The taps along one axis: len source values resampled (CImg nearest
 * neighbour) to n grid positions, box filtered twice with the window of
 * box1d() (output o averages [o - (w - half), o + half - 1], clipped),
 * sampled where decimate() samples.
 */
static void
axis_taps(uint32_t len, int n, struct taps *t)
{
	int win = window(n), half = (win + 2) / 2;
	int a = win - half, b = half - 1, s;

	for (s = 0; s < DS; s++) {
		double g[4 * MAXTAP], wsum[MAXTAP];
		int p = (int)((s + 0.5) * n / DS), lo, hi, j, k;
		int glo = p - 2 * a < 0 ? 0 : p - 2 * a;
		int ghi = p + 2 * b > n - 1 ? n - 1 : p + 2 * b;

		memset(g, 0, sizeof(g));
		lo = p - a < 0 ? 0 : p - a;
		hi = p + b > n - 1 ? n - 1 : p + b;
		for (j = lo; j <= hi; j++) {
			int jlo = j - a < 0 ? 0 : j - a;
			int jhi = j + b > n - 1 ? n - 1 : j + b;
			double wj = 1.0 / (hi - lo + 1) / (jhi - jlo + 1);

			for (k = jlo; k <= jhi; k++)
				g[k - glo] += wj;
		}
		/* Grid positions that sample the same source value add up
		 * (the map is monotonic). */
		t->count[s] = 0;
		for (k = glo; k <= ghi; k++) {
			uint32_t src =
				(uint32_t)((uint64_t)k * len / (uint64_t)n);
			int c = t->count[s];

			if (c > 0 && t->at[s][c - 1] == src) {
				wsum[c - 1] += g[k - glo];
			} else if (c < MAXTAP) {
				t->at[s][c] = src;
				wsum[c] = g[k - glo];
				t->count[s]++;
			}
		}
		for (k = 0; k < t->count[s]; k++)
			t->w[s][k] = (float)wsum[k];
	}
}

/* Does td_phash_image() squash this image (or a part of it) to
 * 512x512? */
static int
squashed(const struct td_image *img, uint32_t w, uint32_t h)
{
	return w > TD_PHASH_MAX_SIDE || h > TD_PHASH_MAX_SIDE ||
	       img->file_width > TD_PHASH_MAX_SIDE ||
	       img->file_height > TD_PHASH_MAX_SIDE;
}

/* One row of luma weighted by the column taps: out[t] for t < DS. */
static void
row_taps(const struct td_image *img, uint32_t y, uint32_t x0,
	 const struct taps *tx, float *out)
{
	const unsigned char *row =
		img->px + (size_t)y * img->width * (size_t)img->channels;
	int t, c;

	for (t = 0; t < DS; t++) {
		float s = 0.0f;

		if (img->channels == 3) {
			for (c = 0; c < tx->count[t]; c++) {
				const unsigned char *p =
					row + 3 * ((size_t)x0 + tx->at[t][c]);

				s += tx->w[t][c] *
				     (0.299f * p[0] + 0.587f * p[1] +
				      0.114f * p[2]);
			}
		} else {
			for (c = 0; c < tx->count[t]; c++)
				s += tx->w[t][c] * row[x0 + tx->at[t][c]];
		}
		out[t] = s;
	}
}

void
td_phash_region(const struct td_image *img, const struct td_image_box *box,
		unsigned mask, struct td_phash *dih, int *quality)
{
	struct td_image_box b = {0, 0, img->width, img->height};
	struct work *w;
	struct taps *tx, *ty;
	float *rows;
	int nr, nc, s, r, t;

	if (box)
		b = *box;
	if (!img->px || b.w < MIN_HASHABLE_DIM || b.h < MIN_HASHABLE_DIM ||
	    b.x > img->width || b.y > img->height || b.w > img->width - b.x ||
	    b.h > img->height - b.y) {
		zero_hashes(mask, dih, quality);
		return;
	}
	if (squashed(img, b.w, b.h)) {
		nr = nc = TD_PHASH_MAX_SIDE;
	} else {
		nr = (int)b.h;
		nc = (int)b.w;
	}
	w = td_xmalloc(sizeof(*w));
	tx = td_xmalloc(sizeof(*tx));
	ty = td_xmalloc(sizeof(*ty));
	rows = td_xmalloc(sizeof(float) * MAXTAP * DS);
	axis_taps(b.w, nc, tx);
	axis_taps(b.h, nr, ty);
	for (s = 0; s < DS; s++) {
		for (r = 0; r < ty->count[s]; r++)
			row_taps(img, b.y + ty->at[s][r], b.x, tx,
				 rows + r * DS);
		/* Sums over r in order, several t at a time. */
		for (t = 0; t < DS; t++)
			w->a[s][t] = 0.0f;
		for (r = 0; r < ty->count[s]; r++) {
			const float wr = ty->w[s][r];
			const float *restrict in = rows + r * DS;
			float *restrict a = w->a[s];

			for (t = 0; t < DS; t++)
				a[t] += wr * in[t];
		}
	}
	hash_from_decimated(w, mask, dih, quality);
	free(rows);
	free(ty);
	free(tx);
	free(w);
}

/* --- files ------------------------------------------------------------------
 */

static void
decode_opts(const struct td_phash_opts *opts, struct td_image_opts *io)
{
	static const struct td_phash_opts defaults = TD_PHASH_OPTS_INIT;

	if (!opts)
		opts = &defaults;
	*io = opts->image;
	if (opts->full_size) {
		io->min_side = 0;
		io->grey = 0;
	} else {
		io->grey = 2;
		io->dc_only = 1;
		io->min_side =
			opts->min_side ? opts->min_side : TD_PHASH_MIN_SIDE;
		/* The reference hashes images up to 512 pixels a side at
		 * full resolution; only larger ones are scaled. */
		io->scale_over = TD_PHASH_MAX_SIDE;
	}
}

int
td_phash_decode_file(const char *path, const struct td_phash_opts *opts,
		     struct td_image *out, struct td_err *err)
{
	struct td_image_opts io;

	decode_opts(opts, &io);
	return td_image_decode_file(path, &io, out, err);
}

void
td_phash_image_trimmed(const struct td_image *img, struct td_phash *hash,
		       int *quality)
{
	struct td_image_box b = td_image_border_box(img, TD_PHASH_TRIM_TOL);

	td_phash_region(img, &b, 1, hash, quality);
}

static void
hash_decoded(const struct td_image *img, const struct td_phash_opts *opts,
	     struct td_phash *hash, int *quality)
{
	if (opts && opts->trim)
		td_phash_image_trimmed(img, hash, quality);
	else if (opts && opts->full_size)
		td_phash_image(img, 1, hash, quality);
	else
		td_phash_region(img, NULL, 1, hash, quality);
}

int
td_phash_file(const char *path, const struct td_phash_opts *opts,
	      struct td_phash *hash, int *quality, struct td_err *err)
{
	struct td_image img = TD_IMAGE_INIT;
	int rc;

	rc = td_phash_decode_file(path, opts, &img, err);
	if (rc == 0)
		hash_decoded(&img, opts, hash, quality);
	td_image_release(&img);
	return rc;
}

int
td_phash_mem(const void *data, size_t len, const struct td_phash_opts *opts,
	     struct td_phash *hash, int *quality, struct td_err *err)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_image_opts io;
	int rc;

	decode_opts(opts, &io);
	rc = td_image_decode_mem(data, len, &io, &img, err);
	if (rc == 0)
		hash_decoded(&img, opts, hash, quality);
	td_image_release(&img);
	return rc;
}

int
td_phash_file_queries(const char *path, const struct td_phash_opts *opts,
		      struct td_phash_query *out, size_t *n, struct td_err *err)
{
	struct td_image img = TD_IMAGE_INIT;
	int rc;

	*n = 0;
	rc = td_phash_decode_file(path, opts, &img, err);
	if (rc == 0)
		*n = td_phash_query_set(&img, out);
	td_image_release(&img);
	return rc;
}

/* --- batches -----------------------------------------------------------------
 */

struct batch {
	struct td_phash_item *items;      /* the work */
	size_t n;                         /* how many items */
	size_t next;                      /* the next item to take */
	const struct td_phash_opts *opts; /* shared, read only */
	pthread_mutex_t lock;             /* guards next */
};

static void *
batch_run(void *arg)
{
	struct batch *b = arg;

	for (;;) {
		struct td_phash_item *it;
		size_t i;

		pthread_mutex_lock(&b->lock);
		i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n)
			break;
		it = &b->items[i];
		td_err_clear(&it->err);
		it->nqueries = 0;
		if (b->opts && b->opts->query_set) {
			it->rc = td_phash_file_queries(it->path, b->opts,
						       it->queries,
						       &it->nqueries, &it->err);
			if (it->rc == 0) {
				it->hash = it->queries[0].hash;
				it->quality = it->queries[0].quality;
			}
		} else {
			it->rc = td_phash_file(it->path, b->opts, &it->hash,
					       &it->quality, &it->err);
		}
		if (it->rc < 0) {
			memset(&it->hash, 0, sizeof(it->hash));
			it->quality = 0;
			it->nqueries = 0;
		}
	}
	return NULL;
}

int
td_phash_files(struct td_phash_item *items, size_t n,
	       const struct td_phash_opts *opts, int threads)
{
	struct batch b;
	pthread_t tid[16];
	int t, started = 0;
	size_t i;

	if (threads <= 0)
		threads = 2;
	if (threads > (int)TD_ARRAY_LEN(tid))
		threads = (int)TD_ARRAY_LEN(tid);
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	b.items = items;
	b.n = n;
	b.next = 0;
	b.opts = opts;
	pthread_mutex_init(&b.lock, NULL);
	/* The calling thread is one of the workers. */
	for (t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, batch_run, &b) == 0)
			started++;
	batch_run(&b);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&b.lock);
	for (i = 0; i < n; i++)
		if (items[i].rc < 0)
			return items[i].rc;
	return 0;
}
