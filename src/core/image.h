#ifndef TD_IMAGE_H
#define TD_IMAGE_H
/*
 * Image decoding for perceptual hashing: JPEG (libjpeg-turbo), PNG
 * (libpng) and WebP (libwebp), told apart by their magic bytes, never by
 * the file name.
 *
 * The output is 8-bit grey (1 channel) or RGB (3 channels), rows top to
 * bottom. Alpha is flattened on white, 16-bit samples are reduced to 8
 * bits, palettes are expanded. The EXIF orientation (JPEG APP1, PNG eXIf,
 * WebP EXIF chunk) is applied unless the caller turns it off.
 *
 * Decompression bombs: the width, height and pixel count in the file's
 * header are checked against limits before any pixel buffer is allocated.
 * Input that is empty, not an image, of a format this build does not
 * decode, truncated or corrupt is an error with a clear message, never a
 * crash.
 *
 * JPEG only: opts.min_side asks libjpeg-turbo to decode at a reduced DCT
 * scale (1/8, 1/4 or 1/2), the smallest one that keeps both sides at
 * least min_side pixels (and only for images with a side over
 * opts.scale_over), which is much faster for large photos when only a
 * small image is needed (the perceptual hash). With opts.dc_only, a
 * progressive JPEG decoded at 1/8 is read only up to its DC scan.
 *
 * Ownership: arguments are borrowed; a struct td_image is filled by the
 * decoder and freed by td_image_release().
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Default limits (td_image_opts fields left 0 take these). */
#define TD_IMAGE_MAX_SIDE   30000u       /* pixels, either side */
#define TD_IMAGE_MAX_PIXELS 100000000ull /* width * height */

enum td_image_format {
	TD_IMAGE_UNKNOWN = 0, /* not recognised */
	TD_IMAGE_JPEG,        /* decoded */
	TD_IMAGE_PNG,         /* decoded */
	TD_IMAGE_WEBP,        /* decoded */
	TD_IMAGE_GIF,         /* recognised, not decoded */
	TD_IMAGE_BMP,         /* recognised, not decoded */
	TD_IMAGE_TIFF,        /* recognised, not decoded */
	TD_IMAGE_HEIF,        /* HEIC/AVIF; recognised, not decoded */
};

struct td_image_opts {
	uint32_t max_width;  /* widest image accepted; 0: TD_IMAGE_MAX_SIDE */
	uint32_t max_height; /* tallest accepted; 0: TD_IMAGE_MAX_SIDE */
	uint64_t max_pixels; /* most pixels accepted; 0: TD_IMAGE_MAX_PIXELS */
	uint32_t min_side;   /* JPEG: smallest DCT scale keeping both sides
				>= min_side; 0 decodes at full size */
	uint32_t scale_over; /* JPEG: scale only when a side is over this
				many pixels (0: any size) */
	int grey;            /* 1: decode to one channel of luma (JPEG: the Y
				channel itself, skipping colour conversion);
				2: the same for JPEGs decoded at a reduced
				scale only */
	int no_orient;       /* 1: ignore the EXIF orientation */
	int alpha_drop;      /* 1: ignore alpha instead of flattening on
				white (the PDQ reference's decoders do) */
	int dc_only;         /* 1: a progressive JPEG decoded to grey at
				1/8 scale is read only up to its first luma
				DC scan (the AC scans are not decoded, nor
				checked) */
};

#define TD_IMAGE_OPTS_INIT                                                     \
	{                                                                      \
		0, 0, 0, 0, 0, 0, 0, 0, 0                                      \
	}

struct td_image {
	unsigned char *px;           /* width*height*channels bytes, or NULL */
	uint32_t width;              /* pixels per row, after orientation */
	uint32_t height;             /* rows, after orientation */
	int channels;                /* 1 (grey) or 3 (RGB) */
	enum td_image_format format; /* the format of the input */
	uint32_t file_width;         /* width in the file's header */
	uint32_t file_height;        /* height in the file's header */
	int orientation;             /* EXIF orientation applied, 1..8 (1: as
					stored) */
	int dc_only;                 /* 1: read from a progressive JPEG's
					DC scan alone (opts.dc_only) */
};

#define TD_IMAGE_INIT                                                          \
	{                                                                      \
		NULL, 0, 0, 0, TD_IMAGE_UNKNOWN, 0, 0, 1, 0                    \
	}

/* Empty an image (px freed); safe on an empty image and twice. */
void td_image_release(struct td_image *img);

/*
 * Allocate an image of width x height x channels (1 or 3), pixels
 * uninitialised, replacing the pixels img held (format, file size and
 * orientation are kept). Returns 0, TD_EINVAL (a size of 0) or TD_ETOOBIG
 * when the size overflows; free with td_image_release().
 */
int td_image_alloc(struct td_image *img, uint32_t width, uint32_t height,
		   int channels, struct td_err *err);

/* The format named by the first bytes of data (no decoding). */
enum td_image_format td_image_sniff(const void *data, size_t len);

/* "jpeg", "png", "webp", "gif", ... or "unknown". */
const char *td_image_format_name(enum td_image_format f);

/*
 * Decode len bytes at data into *out (released first). opts may be NULL
 * for the defaults. Errors: TD_EINVAL (empty, truncated or corrupt
 * input), TD_EUNSUPPORTED (not an image, or a format or variant that is
 * not decoded, e.g. GIF or an animated WebP), TD_ETOOBIG (over a limit).
 * On error *out is empty.
 */
int td_image_decode_mem(const void *data, size_t len,
			const struct td_image_opts *opts, struct td_image *out,
			struct td_err *err);

/*
 * td_image_decode_mem() on the contents of the file at path. Adds TD_EIO
 * (cannot read). Messages start with the path.
 */
int td_image_decode_file(const char *path, const struct td_image_opts *opts,
			 struct td_image *out, struct td_err *err);

/*
 * The EXIF orientation (1..8) recorded in a JPEG's APP1 Exif segment, a
 * PNG's eXIf chunk or a WebP's EXIF chunk, or 1 when there is none or it
 * is unreadable (a bad EXIF block never fails a decode).
 */
int td_image_exif_orientation(const void *data, size_t len);

/*
 * The orientation value (1..8) stored in a TIFF-structured EXIF block
 * (starting at "II*\0" or "MM\0*"), or 1.
 */
int td_image_tiff_orientation(const unsigned char *tiff, size_t len);

/*
 * Turn img, stored with EXIF orientation o (1..8), upright: 2 mirrors,
 * 3 rotates 180, 4 flips, 5 transposes, 6 rotates 90 clockwise, 7
 * transverses, 8 rotates 90 counter-clockwise. Other values do nothing.
 */
void td_image_orient(struct td_image *img, int o);

/*
 * Resize in to w x h by nearest neighbour the way CImg does (source
 * column of output x is floor(x * in.width / w)), into *out (released
 * first). The PDQ reference squashes large images to 512x512 this way.
 */
void td_image_resize_nearest(const struct td_image *in, uint32_t w, uint32_t h,
			     struct td_image *out);

/*
 * Copy the rectangle (x, y, w, h) of in to *out (released first). The
 * rectangle must lie inside in and be non-empty.
 */
void td_image_crop(const struct td_image *in, uint32_t x, uint32_t y,
		   uint32_t w, uint32_t h, struct td_image *out);

/* A rectangle inside an image. */
struct td_image_box {
	uint32_t x; /* left column */
	uint32_t y; /* top row */
	uint32_t w; /* width */
	uint32_t h; /* height */
};

/*
 * The part of img left after trimming uniform borders: rows and columns
 * at the edges whose every pixel is within tol (0..255, per channel) of
 * the colour of that edge's outer line, as long as the edge lines agree
 * with each other (a frame of one colour). At most 3/8 of each side is
 * trimmed, so a flat image keeps its middle. Returns the whole image
 * when there is no border.
 */
struct td_image_box td_image_border_box(const struct td_image *img, int tol);

#endif
