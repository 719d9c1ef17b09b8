/*
 * Image decoding: format sniffing, the three decoders, EXIF orientation
 * and the few pixel operations the perceptual hash needs.
 */
#include "core/image.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <webp/decode.h>

#include "core/util.h"
#include "core/banned.h"

/* A progressive JPEG with more scans than this is refused: each scan
 * costs a pass over the image, so many tiny scans are a CPU bomb. */
#define MAX_JPEG_SCANS 1000
/* Files larger than this are refused before reading them. */
#define MAX_FILE_BYTES (512u << 20)

void
td_image_release(struct td_image *img)
{
	if (!img)
		return;
	free(img->px);
	img->px = NULL;
	img->width = 0;
	img->height = 0;
	img->channels = 0;
	img->format = TD_IMAGE_UNKNOWN;
	img->file_width = 0;
	img->file_height = 0;
	img->orientation = 1;
	img->dc_only = 0;
}

int
td_image_alloc(struct td_image *img, uint32_t width, uint32_t height,
	       int channels, struct td_err *err)
{
	uint64_t n = (uint64_t)width * height * (uint64_t)channels;

	free(img->px);
	img->px = NULL;
	img->width = img->height = 0;
	img->channels = 0;
	if (width == 0 || height == 0 || (channels != 1 && channels != 3))
		return td_errf(err, TD_EINVAL, "bad image size %ux%ux%d", width,
			       height, channels);
	if (n > SIZE_MAX / 2)
		return td_errf(err, TD_ETOOBIG, "image of %ux%u is too big",
			       width, height);
	img->px = td_xmalloc((size_t)n);
	img->width = width;
	img->height = height;
	img->channels = channels;
	return 0;
}

enum td_image_format
td_image_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return TD_IMAGE_JPEG;
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return TD_IMAGE_PNG;
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return TD_IMAGE_WEBP;
	if (len >= 6 &&
	    (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return TD_IMAGE_GIF;
	if (len >= 14 && p[0] == 'B' && p[1] == 'M')
		return TD_IMAGE_BMP;
	if (len >= 4 &&
	    (memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return TD_IMAGE_TIFF;
	if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 &&
	    (memcmp(p + 8, "heic", 4) == 0 || memcmp(p + 8, "heix", 4) == 0 ||
	     memcmp(p + 8, "mif1", 4) == 0 || memcmp(p + 8, "msf1", 4) == 0 ||
	     memcmp(p + 8, "avif", 4) == 0 || memcmp(p + 8, "heif", 4) == 0))
		return TD_IMAGE_HEIF;
	return TD_IMAGE_UNKNOWN;
}

const char *
td_image_format_name(enum td_image_format f)
{
	switch (f) {
	case TD_IMAGE_JPEG:
		return "jpeg";
	case TD_IMAGE_PNG:
		return "png";
	case TD_IMAGE_WEBP:
		return "webp";
	case TD_IMAGE_GIF:
		return "gif";
	case TD_IMAGE_BMP:
		return "bmp";
	case TD_IMAGE_TIFF:
		return "tiff";
	case TD_IMAGE_HEIF:
		return "heif";
	case TD_IMAGE_UNKNOWN:
		break;
	}
	return "unknown";
}

/* --- EXIF orientation ----------------------------------------------------- */

static unsigned
rd16(const unsigned char *p, int big)
{
	return big ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static uint32_t
rd32(const unsigned char *p, int big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
			       (uint32_t)p[2] << 8 | p[3]
		   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
			       (uint32_t)p[1] << 8 | p[0];
}

int
td_image_tiff_orientation(const unsigned char *t, size_t len)
{
	uint32_t ifd;
	unsigned n, i;
	int big;

	if (len >= 6 && memcmp(t, "Exif\0\0", 6) == 0) {
		t += 6;
		len -= 6;
	}
	if (len < 8)
		return 1;
	if (t[0] == 'I' && t[1] == 'I')
		big = 0;
	else if (t[0] == 'M' && t[1] == 'M')
		big = 1;
	else
		return 1;
	if (rd16(t + 2, big) != 42)
		return 1;
	ifd = rd32(t + 4, big);
	if (ifd < 8 || ifd > len - 2)
		return 1;
	n = rd16(t + ifd, big);
	for (i = 0; i < n; i++) {
		const unsigned char *e = t + ifd + 2 + (size_t)i * 12;
		unsigned v;

		if ((size_t)(e - t) + 12 > len)
			return 1;
		if (rd16(e, big) != 0x0112)
			continue;
		/* SHORT, count 1: the value sits in the first two bytes
		 * of the value field. */
		if (rd16(e + 2, big) != 3 || rd32(e + 4, big) != 1)
			return 1;
		v = rd16(e + 8, big);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

static int
jpeg_orientation(const unsigned char *p, size_t len)
{
	size_t i = 2;

	/* Walk the marker segments up to the start of scan. */
	while (i + 4 <= len) {
		unsigned m, seg;

		if (p[i] != 0xff)
			return 1;
		m = p[i + 1];
		if (m == 0xff) {
			i++; /* fill byte */
			continue;
		}
		if (m == 0xd8 || (m >= 0xd0 && m <= 0xd7) || m == 0x01) {
			i += 2;
			continue;
		}
		if (m == 0xda || m == 0xd9)
			return 1;
		seg = (unsigned)p[i + 2] << 8 | p[i + 3];
		if (seg < 2 || i + 2 + seg > len)
			return 1;
		if (m == 0xe1 && seg >= 8 &&
		    memcmp(p + i + 4, "Exif\0\0", 6) == 0)
			return td_image_tiff_orientation(p + i + 10, seg - 8);
		i += 2 + seg;
	}
	return 1;
}

static int
png_orientation(const unsigned char *p, size_t len)
{
	size_t i = 8;

	while (i + 12 <= len) {
		uint32_t n = rd32(p + i, 1);

		if (n > len - i - 12)
			return 1;
		if (memcmp(p + i + 4, "eXIf", 4) == 0)
			return td_image_tiff_orientation(p + i + 8, n);
		if (memcmp(p + i + 4, "IEND", 4) == 0)
			return 1;
		i += 12 + (size_t)n;
	}
	return 1;
}

static int
webp_orientation(const unsigned char *p, size_t len)
{
	size_t i = 12;

	while (i + 8 <= len) {
		uint32_t n = rd32(p + i + 4, 0);

		if (n > len - i - 8)
			return 1;
		if (memcmp(p + i, "EXIF", 4) == 0)
			return td_image_tiff_orientation(p + i + 8, n);
		i += 8 + (size_t)n + (n & 1);
	}
	return 1;
}

int
td_image_exif_orientation(const void *data, size_t len)
{
	switch (td_image_sniff(data, len)) {
	case TD_IMAGE_JPEG:
		return jpeg_orientation(data, len);
	case TD_IMAGE_PNG:
		return png_orientation(data, len);
	case TD_IMAGE_WEBP:
		return webp_orientation(data, len);
	default:
		return 1;
	}
}

void
td_image_orient(struct td_image *img, int o)
{
	uint32_t w = img->width, h = img->height, dw, dh, dx, dy;
	size_t c = (size_t)img->channels;
	unsigned char *out;

	if (o < 2 || o > 8 || !img->px)
		return;
	dw = o >= 5 ? h : w;
	dh = o >= 5 ? w : h;
	out = td_xmalloc((size_t)w * h * c);
	for (dy = 0; dy < dh; dy++) {
		unsigned char *d = out + (size_t)dy * dw * c;

		for (dx = 0; dx < dw; dx++, d += c) {
			uint32_t sx, sy;

			switch (o) {
			case 2:
				sx = w - 1 - dx, sy = dy;
				break;
			case 3:
				sx = w - 1 - dx, sy = h - 1 - dy;
				break;
			case 4:
				sx = dx, sy = h - 1 - dy;
				break;
			case 5:
				sx = dy, sy = dx;
				break;
			case 6:
				sx = dy, sy = h - 1 - dx;
				break;
			case 7:
				sx = w - 1 - dy, sy = h - 1 - dx;
				break;
			default: /* 8 */
				sx = w - 1 - dy, sy = dx;
				break;
			}
			memcpy(d, img->px + ((size_t)sy * w + sx) * c, c);
		}
	}
	free(img->px);
	img->px = out;
	img->width = dw;
	img->height = dh;
	img->orientation = o;
}

/* --- helpers for the decoders ----------------------------------------------
 */

static int
check_limits(const struct td_image_opts *o, const char *fmt, uint32_t w,
	     uint32_t h, struct td_err *err)
{
	uint32_t mw = o->max_width ? o->max_width : TD_IMAGE_MAX_SIDE;
	uint32_t mh = o->max_height ? o->max_height : TD_IMAGE_MAX_SIDE;
	uint64_t mp = o->max_pixels ? o->max_pixels : TD_IMAGE_MAX_PIXELS;

	if (w == 0 || h == 0)
		return td_errf(err, TD_EINVAL, "corrupt %s: size %ux%u", fmt, w,
			       h);
	if (w > mw || h > mh)
		return td_errf(err, TD_ETOOBIG,
			       "%s of %ux%u pixels is over the limit of "
			       "%ux%u",
			       fmt, w, h, mw, mh);
	if ((uint64_t)w * h > mp)
		return td_errf(err, TD_ETOOBIG,
			       "%s of %ux%u pixels is over the limit of %llu "
			       "pixels",
			       fmt, w, h, (unsigned long long)mp);
	return 0;
}

/* Composite a pixel value v with alpha a over white. */
static unsigned char
over_white(unsigned v, unsigned a)
{
	return (unsigned char)((v * a + 255u * (255u - a) + 127u) / 255u);
}

static unsigned char
luma8(const unsigned char *p)
{
	/* BT.601 weights, as the hash uses, in fixed point. */
	return (unsigned char)((19595u * p[0] + 38470u * p[1] + 7471u * p[2] +
				32768u) >>
			       16);
}

/* Turn an RGB image into one channel of luma, in place. */
static void
to_grey(struct td_image *img)
{
	size_t i, n = (size_t)img->width * img->height;

	if (img->channels != 3)
		return;
	for (i = 0; i < n; i++)
		img->px[i] = luma8(img->px + 3 * i);
	img->px = td_xrealloc(img->px, n);
	img->channels = 1;
}

/* --- JPEG --------------------------------------------------------------------
 */

struct jerr {
	struct jpeg_error_mgr pub; /* libjpeg's part; must come first */
	jmp_buf jb;                /* where errors return to */
	int eof;                   /* the input ran out */
	int truncated;             /* entropy data was missing */
	char msg[JMSG_LENGTH_MAX]; /* libjpeg's message */
};

static void
jerr_exit(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)c->err;

	c->err->format_message(c, e->msg);
	longjmp(e->jb, 1);
}

static void
jerr_emit(j_common_ptr c, int level)
{
	struct jerr *e = (struct jerr *)c->err;

	if (level >= 0)
		return; /* trace messages */
	switch (c->err->msg_code) {
	case JWRN_JPEG_EOF:
		/* The source inserts a fake EOI; the image is only short
		 * if the decoder then misses data (JWRN_HIT_MARKER). */
		e->eof = 1;
		return;
	case JWRN_HIT_MARKER:
		if (e->eof)
			e->truncated = 1;
		c->err->format_message(c, e->msg);
		longjmp(e->jb, 1);
	case JWRN_MUST_RESYNC:
	case JWRN_NOT_SEQUENTIAL:
	case JWRN_BOGUS_PROGRESSION:
	case JWRN_HUFF_BAD_CODE:
		c->err->format_message(c, e->msg);
		longjmp(e->jb, 1);
	default:
		return; /* benign: extraneous bytes, odd markers, ... */
	}
}

static void
jerr_output(j_common_ptr c)
{
	(void)c; /* the library never prints */
}

static void
jprogress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)c;
	struct jerr *e = (struct jerr *)c->err;

	if (d->input_scan_number > MAX_JPEG_SCANS) {
		snprintf(e->msg, sizeof(e->msg), "more than %d scans",
			 MAX_JPEG_SCANS);
		longjmp(e->jb, 1);
	}
}

/* Adobe CMYK JPEGs store inverted ink values. */
static void
cmyk_to_rgb(unsigned char *dst, const unsigned char *src, size_t n,
	    int inverted)
{
	size_t i;

	for (i = 0; i < n; i++, src += 4, dst += 3) {
		unsigned c = src[0], m = src[1], y = src[2], k = src[3];

		if (!inverted) {
			c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
		}
		dst[0] = (unsigned char)((c * k + 127) / 255);
		dst[1] = (unsigned char)((m * k + 127) / 255);
		dst[2] = (unsigned char)((y * k + 127) / 255);
	}
}

static int
decode_jpeg(const unsigned char *data, size_t len,
	    const struct td_image_opts *o, struct td_image *out,
	    struct td_err *err)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_progress_mgr prog;
	struct jerr jerr;
	unsigned char *volatile row = NULL;
	volatile int rc = 0, created = 0;
	volatile int cmyk = 0;
	volatile int scaled = 0;
	volatile int dc_first = 0;

	memset(&cinfo, 0, sizeof(cinfo));
	memset(&jerr, 0, sizeof(jerr));
	cinfo.err = jpeg_std_error(&jerr.pub);
	jerr.pub.error_exit = jerr_exit;
	jerr.pub.emit_message = jerr_emit;
	jerr.pub.output_message = jerr_output;
	if (setjmp(jerr.jb)) {
		if (jerr.truncated)
			rc = td_errf(err, TD_EINVAL, "truncated JPEG (%s)",
				     jerr.msg);
		else if (jerr.eof)
			rc = td_errf(err, TD_EINVAL,
				     "truncated or corrupt JPEG (%s)",
				     jerr.msg);
		else
			rc = td_errf(err, TD_EINVAL, "corrupt JPEG (%s)",
				     jerr.msg);
		td_image_release(out);
		goto out;
	}
	jpeg_create_decompress(&cinfo);
	created = 1;
	prog.progress_monitor = jprogress;
	cinfo.progress = &prog;
	if (len > ULONG_MAX)
		len = ULONG_MAX;
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	rc = check_limits(o, "JPEG", cinfo.image_width, cinfo.image_height,
			  err);
	if (rc < 0)
		goto out;
	out->file_width = cinfo.image_width;
	out->file_height = cinfo.image_height;
	if (o->min_side && (cinfo.image_width > o->scale_over ||
			    cinfo.image_height > o->scale_over)) {
		static const int nums[] = {1, 2, 4};
		size_t i;

		for (i = 0; i < TD_ARRAY_LEN(nums); i++) {
			cinfo.scale_num = (unsigned)nums[i];
			cinfo.scale_denom = 8;
			jpeg_calc_output_dimensions(&cinfo);
			if (cinfo.output_width >= o->min_side &&
			    cinfo.output_height >= o->min_side)
				break;
		}
		if (i == TD_ARRAY_LEN(nums))
			cinfo.scale_num = 8;
		else
			scaled = 1;
	}
	if (cinfo.jpeg_color_space == JCS_CMYK ||
	    cinfo.jpeg_color_space == JCS_YCCK) {
		cinfo.out_color_space = JCS_CMYK;
		cmyk = 1;
	} else if (cinfo.jpeg_color_space == JCS_GRAYSCALE || o->grey == 1 ||
		   (o->grey == 2 && scaled)) {
		cinfo.out_color_space = JCS_GRAYSCALE;
	} else {
		cinfo.out_color_space = JCS_RGB;
	}
	/*
	 * At 1/8 scale each output pixel is its block's DC coefficient
	 * alone. A progressive JPEG sends the DC coefficients first, in a
	 * scan a tenth of the file or less: read scans only until the
	 * luma's DC has arrived and entropy-decode none of the AC scans.
	 * (The first DC scan may hold all but the lowest bit of it: the
	 * output is then off by at most one quantisation step of the DC.)
	 */
	if (o->dc_only && scaled && cinfo.scale_num == 1 && !cmyk &&
	    cinfo.out_color_space == JCS_GRAYSCALE &&
	    jpeg_has_multiple_scans(&cinfo) && cinfo.progressive_mode) {
		cinfo.buffered_image = TRUE;
		cinfo.do_block_smoothing = FALSE;
		dc_first = 1;
	}
	jpeg_start_decompress(&cinfo);
	if (dc_first) {
		int r;

		do
			r = jpeg_consume_input(&cinfo);
		while (r != JPEG_REACHED_EOI && r != JPEG_SUSPENDED &&
		       !(r == JPEG_SCAN_COMPLETED &&
			 cinfo.coef_bits[0][0] >= 0));
		if (cinfo.coef_bits[0][0] < 0) {
			rc = td_errf(err, TD_EINVAL,
				     "truncated JPEG (no DC scan)");
			goto out;
		}
		jpeg_start_output(&cinfo, cinfo.input_scan_number);
	}
	rc = td_image_alloc(out, cinfo.output_width, cinfo.output_height,
			    cmyk || cinfo.output_components == 3 ? 3 : 1, err);
	if (rc < 0)
		goto out;
	if (cmyk)
		row = td_xmalloc((size_t)cinfo.output_width * 4);
	while (cinfo.output_scanline < cinfo.output_height) {
		unsigned char *dst = out->px + (size_t)cinfo.output_scanline *
						       out->width *
						       (size_t)out->channels;
		JSAMPROW rows[1];

		rows[0] = cmyk ? row : dst;
		jpeg_read_scanlines(&cinfo, rows, 1);
		if (cmyk)
			cmyk_to_rgb(dst, row, out->width,
				    cinfo.saw_Adobe_marker);
	}
	if (dc_first) {
		jpeg_finish_output(&cinfo);
		out->dc_only = 1;
	}
	/* A progressive image is read whole by jpeg_start_decompress; if
	 * the input ran out there, later scans are missing. */
	if (!dc_first && jerr.eof && jpeg_has_multiple_scans(&cinfo)) {
		rc = td_errf(err, TD_EINVAL,
			     "truncated JPEG (progressive scans missing)");
		goto out;
	}
	if (o->grey == 1)
		to_grey(out);
out:
	if (rc < 0)
		td_image_release(out);
	if (created)
		jpeg_destroy_decompress(&cinfo);
	free(row);
	return rc;
}

/* --- PNG
 * ----------------------------------------------------------------------- */

struct png_src {
	const unsigned char *p; /* the input */
	size_t len;             /* its length */
	size_t off;             /* bytes consumed */
	char msg[256];          /* libpng's error message */
	int truncated;          /* the input ran out */
};

static void
png_read_mem(png_structp png, png_bytep dst, size_t n)
{
	struct png_src *s = png_get_io_ptr(png);

	if (n > s->len - s->off) {
		s->truncated = 1;
		png_error(png, "unexpected end of file");
	}
	memcpy(dst, s->p + s->off, n);
	s->off += n;
}

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct png_src *s = png_get_error_ptr(png);

	snprintf(s->msg, sizeof(s->msg), "%s", msg);
	png_longjmp(png, 1);
}

static void
png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png; /* the library never prints */
	(void)msg;
}

static int
decode_png(const unsigned char *data, size_t len, const struct td_image_opts *o,
	   struct td_image *out, struct td_err *err)
{
	png_structp png;
	png_infop info = NULL;
	struct png_src src;
	unsigned char *volatile buf = NULL;
	png_bytep *volatile rows = NULL;
	volatile int rc = 0;
	png_uint_32 w, h, y;
	int depth, type, ch;
	size_t rowbytes;

	memset(&src, 0, sizeof(src));
	src.p = data;
	src.len = len;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_on_error,
				     png_on_warning);
	if (!png)
		return td_errf(err, TD_ERROR, "cannot start libpng");
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return td_errf(err, TD_ERROR, "cannot start libpng");
	}
	if (setjmp(png_jmpbuf(png))) {
		if (rc == 0)
			rc = td_errf(err, TD_EINVAL, "%s PNG (%s)",
				     src.truncated ? "truncated" : "corrupt",
				     src.msg);
		goto out;
	}
	png_set_read_fn(png, &src, png_read_mem);
	/* Our limits are checked below with a clear message; libpng's
	 * own (1,000,000) would only say "Invalid IHDR data". */
	png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &depth, &type, NULL, NULL, NULL);
	rc = check_limits(o, "PNG", w, h, err);
	if (rc < 0)
		goto out;
	out->file_width = w;
	out->file_height = h;
	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	if (depth == 16)
		png_set_scale_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	ch = png_get_channels(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (ch < 1 || ch > 4 || rowbytes != (size_t)w * (size_t)ch) {
		rc = td_errf(err, TD_EUNSUPPORTED, "unsupported PNG layout");
		goto out;
	}
	buf = td_xmalloc(rowbytes * h);
	rows = td_xmalloc(sizeof(*rows) * h);
	for (y = 0; y < h; y++)
		rows[y] = buf + (size_t)y * rowbytes;
	png_read_image(png, rows);
	/* The image is complete; what follows (text chunks, IEND) does
	 * not matter, so png_read_end is not called. */
	rc = td_image_alloc(out, w, h, ch >= 3 ? 3 : 1, err);
	if (rc < 0)
		goto out;
	{
		size_t i, n = (size_t)w * h;
		unsigned char *d = out->px;
		const unsigned char *s = buf;

		switch (ch) {
		case 1:
		case 3:
			memcpy(d, s, n * (size_t)ch);
			break;
		case 2:
			for (i = 0; i < n; i++, s += 2)
				d[i] = over_white(s[0],
						  o->alpha_drop ? 255 : s[1]);
			break;
		default:
			for (i = 0; i < n; i++, s += 4, d += 3) {
				unsigned a = o->alpha_drop ? 255 : s[3];

				d[0] = over_white(s[0], a);
				d[1] = over_white(s[1], a);
				d[2] = over_white(s[2], a);
			}
			break;
		}
	}
	if (o->grey == 1)
		to_grey(out);
out:
	if (rc < 0)
		td_image_release(out);
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);
	free(buf);
	return rc;
}

/* --- WebP
 * ------------------------------------------------------------------------ */

static const char *
webp_status(VP8StatusCode st)
{
	switch (st) {
	case VP8_STATUS_OUT_OF_MEMORY:
		return "out of memory";
	case VP8_STATUS_INVALID_PARAM:
		return "invalid parameter";
	case VP8_STATUS_BITSTREAM_ERROR:
		return "bitstream error";
	case VP8_STATUS_UNSUPPORTED_FEATURE:
		return "unsupported feature";
	case VP8_STATUS_SUSPENDED:
		return "suspended";
	case VP8_STATUS_USER_ABORT:
		return "aborted";
	case VP8_STATUS_NOT_ENOUGH_DATA:
		return "data ends early";
	default:
		return "unknown error";
	}
}

static int
decode_webp(const unsigned char *data, size_t len,
	    const struct td_image_opts *o, struct td_image *out,
	    struct td_err *err)
{
	WebPDecoderConfig cfg;
	VP8StatusCode st;
	unsigned char *rgba = NULL;
	size_t n;
	int rc = 0, w, h;

	if (!WebPInitDecoderConfig(&cfg))
		return td_errf(err, TD_ERROR, "libwebp version mismatch");
	st = WebPGetFeatures(data, len, &cfg.input);
	if (st == VP8_STATUS_NOT_ENOUGH_DATA)
		return td_errf(err, TD_EINVAL, "truncated WebP (header)");
	if (st != VP8_STATUS_OK)
		return td_errf(err, TD_EINVAL, "corrupt WebP (%s)",
			       webp_status(st));
	if (cfg.input.has_animation)
		return td_errf(err, TD_EUNSUPPORTED,
			       "animated WebP is not supported");
	w = cfg.input.width;
	h = cfg.input.height;
	if (w <= 0 || h <= 0)
		return td_errf(err, TD_EINVAL, "corrupt WebP: size %dx%d", w,
			       h);
	rc = check_limits(o, "WebP", (uint32_t)w, (uint32_t)h, err);
	if (rc < 0)
		return rc;
	rc = td_image_alloc(out, (uint32_t)w, (uint32_t)h, 3, err);
	if (rc < 0)
		return rc;
	out->file_width = (uint32_t)w;
	out->file_height = (uint32_t)h;
	n = (size_t)w * (size_t)h;
	cfg.output.is_external_memory = 1;
	if (cfg.input.has_alpha) {
		rgba = td_xmalloc(n * 4);
		cfg.output.colorspace = MODE_RGBA;
		cfg.output.u.RGBA.rgba = rgba;
		cfg.output.u.RGBA.stride = w * 4;
		cfg.output.u.RGBA.size = n * 4;
	} else {
		cfg.output.colorspace = MODE_RGB;
		cfg.output.u.RGBA.rgba = out->px;
		cfg.output.u.RGBA.stride = w * 3;
		cfg.output.u.RGBA.size = n * 3;
	}
	st = WebPDecode(data, len, &cfg);
	WebPFreeDecBuffer(&cfg.output);
	if (st != VP8_STATUS_OK) {
		rc = td_errf(err, TD_EINVAL, "%s WebP (%s)",
			     st == VP8_STATUS_NOT_ENOUGH_DATA ? "truncated"
							      : "corrupt",
			     webp_status(st));
		goto out;
	}
	if (rgba) {
		size_t i;
		const unsigned char *s = rgba;
		unsigned char *d = out->px;

		for (i = 0; i < n; i++, s += 4, d += 3) {
			unsigned a = o->alpha_drop ? 255 : s[3];

			d[0] = over_white(s[0], a);
			d[1] = over_white(s[1], a);
			d[2] = over_white(s[2], a);
		}
	}
	if (o->grey == 1)
		to_grey(out);
out:
	if (rc < 0)
		td_image_release(out);
	free(rgba);
	return rc;
}

/* --- entry points
 * ------------------------------------------------------------------ */

int
td_image_decode_mem(const void *data, size_t len,
		    const struct td_image_opts *opts, struct td_image *out,
		    struct td_err *err)
{
	static const struct td_image_opts defaults = TD_IMAGE_OPTS_INIT;
	const struct td_image_opts *o = opts ? opts : &defaults;
	enum td_image_format f;
	int rc;

	td_image_release(out);
	if (len == 0)
		return td_errf(err, TD_EINVAL, "empty file, not an image");
	f = td_image_sniff(data, len);
	switch (f) {
	case TD_IMAGE_JPEG:
		rc = decode_jpeg(data, len, o, out, err);
		break;
	case TD_IMAGE_PNG:
		rc = decode_png(data, len, o, out, err);
		break;
	case TD_IMAGE_WEBP:
		rc = decode_webp(data, len, o, out, err);
		break;
	case TD_IMAGE_UNKNOWN:
		return td_errf(err, TD_EUNSUPPORTED,
			       "not an image (not JPEG, PNG or WebP)");
	default:
		return td_errf(err, TD_EUNSUPPORTED,
			       "%s images are not supported (only JPEG, PNG "
			       "and WebP)",
			       td_image_format_name(f));
	}
	if (rc < 0)
		return rc;
	out->format = f;
	out->orientation = 1;
	if (!o->no_orient)
		td_image_orient(out, td_image_exif_orientation(data, len));
	return 0;
}

int
td_image_decode_file(const char *path, const struct td_image_opts *opts,
		     struct td_image *out, struct td_err *err)
{
	FILE *f;
	struct stat st;
	unsigned char *buf = NULL;
	size_t len;
	int rc = 0;

	td_image_release(out);
	f = fopen(path, "rb");
	if (!f)
		return td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) < 0) {
		rc = td_errf(err, TD_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = td_errf(err, TD_EINVAL, "%s: not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > MAX_FILE_BYTES) {
		rc = td_errf(err, TD_ETOOBIG,
			     "%s: file of %lld bytes is over "
			     "the limit of %u",
			     path, (long long)st.st_size, MAX_FILE_BYTES);
		goto out;
	}
	len = (size_t)st.st_size;
	buf = td_xmalloc(len ? len : 1);
	if (len && fread(buf, 1, len, f) != len) {
		rc = td_errf(err, TD_EIO, "%s: read error", path);
		goto out;
	}
	rc = td_image_decode_mem(buf, len, opts, out, err);
	if (rc < 0)
		td_err_prefix(err, "%s", path);
out:
	free(buf);
	fclose(f);
	return rc;
}

/* --- pixel operations
 * ------------------------------------------------------------------ */

void
td_image_resize_nearest(const struct td_image *in, uint32_t w, uint32_t h,
			struct td_image *out)
{
	size_t c = (size_t)in->channels, x, y;
	size_t *xs;

	td_image_release(out);
	td_image_alloc(out, w, h, in->channels, NULL);
	xs = td_xmalloc(sizeof(*xs) * w);
	for (x = 0; x < w; x++)
		xs[x] = (size_t)((uint64_t)x * in->width / w);
	for (y = 0; y < h; y++) {
		size_t sy = (size_t)((uint64_t)y * in->height / h);
		const unsigned char *s = in->px + sy * in->width * c;
		unsigned char *d = out->px + y * w * c;

		if (c == 3) {
			for (x = 0; x < w; x++, d += 3)
				memcpy(d, s + xs[x] * 3, 3);
		} else {
			for (x = 0; x < w; x++)
				d[x] = s[xs[x]];
		}
	}
	free(xs);
	out->format = in->format;
	out->file_width = in->file_width;
	out->file_height = in->file_height;
	out->orientation = in->orientation;
	out->dc_only = in->dc_only;
}

void
td_image_crop(const struct td_image *in, uint32_t x, uint32_t y, uint32_t w,
	      uint32_t h, struct td_image *out)
{
	size_t c = (size_t)in->channels, r;

	td_image_release(out);
	td_image_alloc(out, w, h, in->channels, NULL);
	for (r = 0; r < h; r++)
		memcpy(out->px + r * w * c,
		       in->px + ((y + r) * (size_t)in->width + x) * c, w * c);
	out->format = in->format;
	out->file_width = in->file_width;
	out->file_height = in->file_height;
	out->orientation = in->orientation;
	out->dc_only = in->dc_only;
}

/* Is pixel p within tol of colour ref on every channel? */
static int
near(const unsigned char *p, const int *ref, int c, int tol)
{
	int i;

	for (i = 0; i < c; i++) {
		int d = p[i] - ref[i];

		if (d > tol || d < -tol)
			return 0;
	}
	return 1;
}

/* Does the line of n pixels at p (stride apart) match ref, with at most
 * 1 pixel in 100 off (JPEG noise, a stray speck)? */
static int
line_matches(const unsigned char *p, size_t n, size_t stride, const int *ref,
	     int c, int tol)
{
	size_t i, bad = 0, allow = n / 100;

	for (i = 0; i < n; i++, p += stride)
		if (!near(p, ref, c, tol) && ++bad > allow)
			return 0;
	return 1;
}

/* The mean colour of a line, and whether the line is uniform. */
static int
line_colour(const unsigned char *p, size_t n, size_t stride, int c, int tol,
	    int *ref)
{
	uint64_t sum[3] = {0, 0, 0};
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		for (k = 0; k < c; k++)
			sum[k] += p[i * stride + (size_t)k];
	for (k = 0; k < c; k++)
		ref[k] = (int)((sum[k] + n / 2) / n);
	return line_matches(p, n, stride, ref, c, tol);
}

struct td_image_box
td_image_border_box(const struct td_image *img, int tol)
{
	struct td_image_box b = {0, 0, img->width, img->height};
	size_t c = (size_t)img->channels, row = img->width * c;
	uint32_t top = 0, bottom = 0, left = 0, right = 0;
	uint32_t maxv = img->height * 3 / 8, maxh = img->width * 3 / 8;
	const unsigned char *px = img->px;
	int ref[3];

	if (!px || img->width < 8 || img->height < 8)
		return b;
	/* Each edge may have its own colour (a letterbox is black top and
	 * bottom only); each is trimmed while lines keep that colour. */
	if (line_colour(px, img->width, c, (int)c, tol, ref))
		while (top < maxv && line_matches(px + top * row, img->width, c,
						  ref, (int)c, tol))
			top++;
	if (line_colour(px + (img->height - 1) * row, img->width, c, (int)c,
			tol, ref))
		while (bottom < maxv &&
		       line_matches(px + (img->height - 1 - bottom) * row,
				    img->width, c, ref, (int)c, tol))
			bottom++;
	if (line_colour(px, img->height, row, (int)c, tol, ref))
		while (left < maxh && line_matches(px + left * c, img->height,
						   row, ref, (int)c, tol))
			left++;
	if (line_colour(px + (img->width - 1) * c, img->height, row, (int)c,
			tol, ref))
		while (right < maxh &&
		       line_matches(px + (img->width - 1 - right) * c,
				    img->height, row, ref, (int)c, tol))
			right++;
	b.x = left;
	b.y = top;
	b.w = img->width - left - right;
	b.h = img->height - top - bottom;
	return b;
}
