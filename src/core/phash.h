#ifndef TD_PHASH_H
#define TD_PHASH_H
/*
 * PDQ perceptual hashes (256 bits with a quality score 0..100), as Meta's
 * ThreatExchange reference computes them (docs/images.md has the steps),
 * their 8 dihedral variants, the variant set of an official photo, the
 * query set of a listing photo and batch hashing of files on several
 * threads.
 *
 * Three ways into the hash:
 *  - td_phash_image() hashes the pixels it is given exactly as the
 *    reference does (squash to 512x512 by nearest neighbour when a side is
 *    larger, float luma, Jarosz box filter, 64x64 decimation, 16x16 DCT,
 *    median threshold): fed the same decoded pixels it gives the same
 *    hash bit for bit.
 *  - td_phash_region() gives the same hash (within float rounding) of
 *    any rectangle of the pixels by evaluating the filter only at the
 *    points the hash samples: over ten times faster, no copy.
 *  - td_phash_file()/td_phash_mem() decode and hash. By default a large
 *    JPEG is decoded by libjpeg-turbo at a reduced DCT scale (its luma
 *    only), at least TD_PHASH_MIN_SIDE pixels a side, a progressive one
 *    at 1/8 from its DC scan alone, and hashed by td_phash_region(),
 *    which is 2.5 (sequential) to 14 (progressive) times faster than
 *    the reference's path and stays within a few bits of the reference
 *    (the conformance tests hold it to 10 bits for quality >= 80);
 *    opts.full_size decodes at full size and hashes with
 *    td_phash_image(), like the reference.
 *
 * Ownership: arguments are borrowed for the call; outputs are plain
 * values or caller-owned arrays.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/image.h"

#define TD_PHASH_BITS        256
#define TD_PHASH_HEX_LEN     64  /* hex digits of the text form */
#define TD_PHASH_MIN_SIDE    100 /* scaled JPEG decode keeps sides >= this */
#define TD_PHASH_MAX_SIDE    512 /* larger images are squashed to 512x512 */
#define TD_PHASH_QUALITY_MIN 50  /* below: too flat to trust (upstream) */

/*
 * A 256-bit hash. Bit k (k = 16 * row + column of the 16x16 DCT block)
 * is bit (k & 63) of w[k >> 6].
 */
struct td_phash {
	uint64_t w[4]; /* the bits, lowest first */
};

/* The 8 dihedral transforms, in the reference tool's order. */
enum td_phash_dihedral {
	TD_PHASH_ORIGINAL = 0, /* as is */
	TD_PHASH_ROT90,        /* rotated a quarter turn (reference's) */
	TD_PHASH_ROT180,       /* rotated a half turn */
	TD_PHASH_ROT270,       /* rotated three quarter turns */
	TD_PHASH_FLIPX,        /* flipped about the x axis: upside down */
	TD_PHASH_FLIPY,        /* flipped about the y axis: mirrored */
	TD_PHASH_FLIP_PLUS1,   /* transposed (main diagonal) */
	TD_PHASH_FLIP_MINUS1,  /* transposed about the other diagonal */
	TD_PHASH_NDIHEDRAL
};

/* "original", "rotate90", ... "flipminus1" (the reference's names). */
const char *td_phash_dihedral_name(int d);

/* Hamming distance between two hashes (0..256), by popcount. */
int td_phash_distance(const struct td_phash *a, const struct td_phash *b);

/*
 * The text form: 64 lowercase hex digits, 16-bit word 15 first, as the
 * reference prints it. out must hold TD_PHASH_HEX_LEN + 1 bytes.
 */
void td_phash_to_hex(const struct td_phash *h, char *out);

/*
 * Parse the text form (64 hex digits, either case, nothing else).
 * Returns 0 or TD_EINVAL.
 */
int td_phash_from_hex(const char *s, struct td_phash *h, struct td_err *err);

/*
 * PDQ of a luma image (float, row-major, width*height values) as is, no
 * squashing. dih receives the hashes of the dihedral transforms whose bit
 * (1 << d) is set in mask (dih[d]; mask 1 = the hash alone); quality may
 * be NULL. Images with a side under 5 pixels hash to all zeros, quality
 * 0. Never fails.
 */
void td_phash_luma(const float *luma, uint32_t width, uint32_t height,
		   unsigned mask, struct td_phash *dih, int *quality);

/*
 * PDQ of an image's pixels the way the reference tool hashes a decoded
 * image: squashed to 512x512 by nearest neighbour when a side is over
 * 512, luma Y = 0.299 R + 0.587 G + 0.114 B. mask and dih as for
 * td_phash_luma(). Never fails.
 */
void td_phash_image(const struct td_image *img, unsigned mask,
		    struct td_phash *dih, int *quality);

/*
 * PDQ of the rectangle box of img (NULL: the whole image) as if it were
 * cut out and given to td_phash_image(), computed faster: the filter is
 * evaluated only at the 64x64 points the hash samples (a few hundred
 * thousand multiply-adds, no 512x512 buffers, no copy of the
 * rectangle). The float rounding differs from the reference's running
 * sums, so a bit or two may differ from td_phash_image() on the same
 * pixels. A box that does not lie inside the image, or with a side
 * under 5 pixels, hashes to all zeros with quality 0. mask and dih as
 * for td_phash_luma(). Never fails.
 */
void td_phash_region(const struct td_image *img, const struct td_image_box *box,
		     unsigned mask, struct td_phash *dih, int *quality);

struct td_phash_opts {
	int full_size;              /* 1: decode at full size (the
				       reference's pixels; slower) */
	int trim;                   /* 1: trim uniform borders first */
	int query_set;              /* 1: td_phash_files() also fills each
				       item's query set (listing photos) */
	uint32_t min_side;          /* scaled JPEG decode keeps both sides
				       >= this; 0: TD_PHASH_MIN_SIDE */
	struct td_image_opts image; /* size limits, EXIF; min_side and grey
				       are set by the hasher */
};

#define TD_PHASH_OPTS_INIT                                                     \
	{                                                                      \
		0, 0, 0, 0, TD_IMAGE_OPTS_INIT                                 \
	}

/*
 * Decode an image file and hash it: *hash and *quality (may be NULL).
 * opts may be NULL for the defaults. Errors are those of
 * td_image_decode_file(), with the path in the message.
 */
int td_phash_file(const char *path, const struct td_phash_opts *opts,
		  struct td_phash *hash, int *quality, struct td_err *err);

/* td_phash_file() on len bytes in memory. */
int td_phash_mem(const void *data, size_t len, const struct td_phash_opts *opts,
		 struct td_phash *hash, int *quality, struct td_err *err);

/*
 * Decode for hashing: the decode step of td_phash_file(), for callers
 * that hash several views of one image (variants). Errors as
 * td_image_decode_file().
 */
int td_phash_decode_file(const char *path, const struct td_phash_opts *opts,
			 struct td_image *out, struct td_err *err);

/* Border tolerance of the trim step (per channel, 0..255). */
#define TD_PHASH_TRIM_TOL 40

/*
 * Hash a picture with its uniform borders trimmed (td_image_border_box()
 * with TD_PHASH_TRIM_TOL, then td_phash_region()). The scan uses
 * td_phash_query_set(), which includes this hash.
 */
void td_phash_image_trimmed(const struct td_image *img, struct td_phash *hash,
			    int *quality);

/* Percent of each side cut off the listing photo's bottom or top by its
 * band queries (and the matching official variants): a text banner or
 * watermark strip up to this high is cut away. */
#define TD_PHASH_BAND 20

/* One hash of an official photo's variant set. */
struct td_phash_variant {
	struct td_phash hash; /* the hash */
	int quality;          /* its quality, 0..100 */
	int dihedral;         /* enum td_phash_dihedral, applied after
				 the cut */
	int trimmed;          /* 1: cut from the picture with its uniform
				 borders trimmed */
	unsigned char cut[4]; /* percent of each side cut off: left, top,
				 right, bottom (all 0: the whole picture) */
};

#define TD_PHASH_MAX_VARIANTS 4096

/*
 * The variant set of an official photo, indexed so that edited copies
 * still match (docs/images.md has the evaluation): the 8 dihedrals of
 * the whole picture; when it has uniform borders, the 8 dihedrals of the
 * trimmed picture; crops of the whole picture, each as is and mirrored:
 * 15 listed ones (centre crops keeping 90%, 80% and 70% of each side,
 * 90% and 80% crops into each corner, 10% off each single side), 428
 * more on a 2% grid of corner and single-side cuts up to 20% of a side,
 * and 1124 on a 2% grid of cuts off three or four sides up to 10% each;
 * square crops when the picture is not square; and the whole picture
 * with its bottom or top TD_PHASH_BAND percent cut off (matching the
 * listing's band queries). 3150 hashes (3158 with borders) for a picture
 * that is not square. Writes up to TD_PHASH_MAX_VARIANTS entries
 * to out and returns how many. Never fails.
 */
size_t td_phash_variants(const struct td_image *img,
			 struct td_phash_variant *out);

/* A short name for a variant: "whole", "trim/flipy", "whole/crop80",
 * "whole/cut-l10-t10/flipy", ... into buf of size n (48 bytes is
 * enough). */
void td_phash_variant_name(const struct td_phash_variant *v, char *buf,
			   size_t n);

/* The hashes of a listing photo's query set. */
enum td_phash_query_kind {
	TD_PHASH_Q_WHOLE = 0,  /* the picture as it is */
	TD_PHASH_Q_TRIM,       /* uniform borders trimmed (only when it
				  has some) */
	TD_PHASH_Q_CUT_BOTTOM, /* the bottom TD_PHASH_BAND percent cut */
	TD_PHASH_Q_CUT_TOP,    /* the top TD_PHASH_BAND percent cut */
	TD_PHASH_NQUERY_KINDS
};

/* "whole", "trim", "cut-bottom", "cut-top". */
const char *td_phash_query_name(int kind);

/* One hash of a listing photo's query set. */
struct td_phash_query {
	struct td_phash hash; /* the hash */
	int quality;          /* its quality, 0..100 */
	int kind;             /* enum td_phash_query_kind */
};

#define TD_PHASH_MAX_QUERIES TD_PHASH_NQUERY_KINDS

/*
 * The query set of a listing photo: the hashes to look up in the index
 * of variants (each at the same threshold; the photo matches an official
 * photo when any of them is within it of any of its variants). The whole
 * picture (always out[0]), the picture with its uniform borders trimmed
 * (when it has some), and the whole picture with its bottom or top
 * TD_PHASH_BAND percent cut off. Writes up to TD_PHASH_MAX_QUERIES
 * entries to out and returns how many (1 to 4). Never fails.
 */
size_t td_phash_query_set(const struct td_image *img,
			  struct td_phash_query *out);

/* One file of a batch. */
struct td_phash_item {
	const char *path;     /* in: the file (borrowed) */
	struct td_phash hash; /* out: its hash */
	int quality;          /* out: its quality */
	struct td_phash_query queries[TD_PHASH_MAX_QUERIES]; /* out: with
				 opts.query_set, its query set */
	size_t nqueries;   /* out: how many (0 without opts.query_set) */
	int rc;            /* out: 0, or the negative enum td_rc */
	struct td_err err; /* out: the message when rc < 0 */
};

/*
 * Decode a listing photo and compute its query set
 * (td_phash_query_set()) into out (TD_PHASH_MAX_QUERIES entries);
 * *n gets how many. opts as for td_phash_file() (trim is ignored: the
 * set has the trimmed hash). Errors as td_phash_file().
 */
int td_phash_file_queries(const char *path, const struct td_phash_opts *opts,
			  struct td_phash_query *out, size_t *n,
			  struct td_err *err);

/*
 * Hash n files with td_phash_file() (with opts.query_set,
 * td_phash_file_queries(), the item's hash being the whole picture's)
 * on up to threads threads (0: 2, one
 * per core of the target machine; one thread when n < 2). Each item gets
 * its own result. Returns 0 when every file was hashed, else the rc of
 * the first failed item; a failed file does not stop the others.
 */
int td_phash_files(struct td_phash_item *items, size_t n,
		   const struct td_phash_opts *opts, int threads);

#endif
