/*
 * Image decoding: EXIF orientation, alpha, scaled decode, limits, errors
 * and border trimming.
 */
#include "unit.h"

#include "core/image.h"

#define FIX "tests/fixtures/images/"

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 64);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
test_image__orientations_map_pixels(void **state)
{
	/* 3x2 image:  a b c
	 *             d e f   shown upright for each EXIF value. */
	static const char *const want[9] = {
		NULL,     "abcdef", "cbafed", "fedcba", "defabc",
		"adbecf", "daebfc", "fcebda", "cfbead",
	};
	static const unsigned wide[9] = {0, 3, 3, 3, 3, 2, 2, 2, 2};
	int o;

	(void)state;
	for (o = 1; o <= 8; o++) {
		struct td_image img = TD_IMAGE_INIT;

		assert_int_equal(td_image_alloc(&img, 3, 2, 1, NULL), 0);
		memcpy(img.px, "abcdef", 6);
		td_image_orient(&img, o);
		assert_int_equal(img.width, wide[o]);
		assert_memory_equal(img.px, want[o], 6);
		td_image_release(&img);
	}
}

/* JPEG bytes with an APP1 Exif segment (orientation o) after SOI. */
static unsigned char *
with_exif(const unsigned char *jpg, size_t len, int o, int big, size_t *outlen)
{
	unsigned char seg[40], *out;
	size_t n = 0;

	seg[n++] = 0xff;
	seg[n++] = 0xe1;
	seg[n++] = 0;
	seg[n++] = 2 + 6 + 8 + 2 + 12 + 4; /* length */
	memcpy(seg + n, "Exif\0\0", 6);
	n += 6;
	if (big) {
		memcpy(seg + n, "MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01",
		       18);
		n += 18;
		seg[n++] = 0;
		seg[n++] = (unsigned char)o;
	} else {
		memcpy(seg + n, "II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0",
		       18);
		n += 18;
		seg[n++] = (unsigned char)o;
		seg[n++] = 0;
	}
	memset(seg + n, 0, 6); /* rest of the value, next-IFD offset */
	n += 6;
	out = malloc(len + n);
	memcpy(out, jpg, 2);
	memcpy(out + 2, seg, n);
	memcpy(out + 2 + n, jpg + 2, len - 2);
	*outlen = len + n;
	return out;
}

static void
test_image__exif_orientation_is_applied(void **state)
{
	size_t len, elen;
	unsigned char *jpg = slurp(FIX "scene.jpg", &len), *ex;
	struct td_image plain = TD_IMAGE_INIT, img = TD_IMAGE_INIT;
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	int big;

	(void)state;
	assert_int_equal(td_image_decode_mem(jpg, len, NULL, &plain, NULL), 0);
	assert_int_equal(plain.orientation, 1);
	for (big = 0; big < 2; big++) {
		ex = with_exif(jpg, len, 6, big, &elen);
		assert_int_equal(td_image_exif_orientation(ex, elen), 6);
		assert_int_equal(
			td_image_decode_mem(ex, elen, NULL, &img, NULL), 0);
		assert_int_equal(img.orientation, 6);
		/* Rotated a quarter turn clockwise: the left column of the
		 * stored picture is now the top row, bottom first. */
		assert_memory_equal(img.px,
				    plain.px + (size_t)(plain.height - 1) *
						       plain.width * 3,
				    3);
		o.no_orient = 1;
		assert_int_equal(td_image_decode_mem(ex, elen, &o, &img, NULL),
				 0);
		assert_int_equal(img.orientation, 1);
		assert_memory_equal(img.px, plain.px,
				    (size_t)plain.width * plain.height * 3);
		o.no_orient = 0;
		free(ex);
	}
	/* Bad EXIF never fails: an out-of-range value reads as 1. */
	ex = with_exif(jpg, len, 9, 0, &elen);
	assert_int_equal(td_image_exif_orientation(ex, elen), 1);
	assert_int_equal(
		td_image_tiff_orientation((const unsigned char *)"MM", 2), 1);
	free(ex);
	td_image_release(&plain);
	td_image_release(&img);
	free(jpg);
}

static void
test_image__alpha_is_flattened_on_white(void **state)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	const unsigned char *mid;

	(void)state;
	/* A red square on a transparent black background. */
	assert_int_equal(
		td_image_decode_file(FIX "alpha.png", NULL, &img, NULL), 0);
	assert_int_equal(img.format, TD_IMAGE_PNG);
	assert_int_equal(img.channels, 3);
	assert_memory_equal(img.px, "\xff\xff\xff", 3);
	mid = img.px + (32 * 64 + 32) * 3;
	assert_memory_equal(mid, "\xff\x00\x00", 3);
	o.alpha_drop = 1;
	assert_int_equal(td_image_decode_file(FIX "alpha.png", &o, &img, NULL),
			 0);
	assert_memory_equal(img.px, "\x00\x00\x00", 3);
	td_image_release(&img);
}

static void
test_image__png_palette_and_webp_decode(void **state)
{
	struct td_image a = TD_IMAGE_INIT, b = TD_IMAGE_INIT;
	size_t i, n;
	long diff = 0;

	(void)state;
	assert_int_equal(td_image_decode_file(FIX "scene.jpg", NULL, &a, NULL),
			 0);
	assert_int_equal(
		td_image_decode_file(FIX "scene-pal.png", NULL, &b, NULL), 0);
	assert_int_equal(b.width, 256);
	assert_int_equal(b.channels, 3);
	n = (size_t)256 * 256 * 3;
	for (i = 0; i < n; i++)
		diff += abs((int)a.px[i] - (int)b.px[i]);
	assert_true(diff / (long)n < 12); /* same picture, 256 colours */
	assert_int_equal(td_image_decode_file(FIX "scene.webp", NULL, &b, NULL),
			 0);
	assert_int_equal(b.format, TD_IMAGE_WEBP);
	for (diff = 0, i = 0; i < n; i++)
		diff += abs((int)a.px[i] - (int)b.px[i]);
	assert_true(diff / (long)n < 12);
	td_image_release(&a);
	td_image_release(&b);
}

static void
test_image__scaled_jpeg_decode(void **state)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;

	(void)state;
	o.min_side = 64;
	o.grey = 2;
	/* 256x256: scaled to 1/4 with no scale_over ... */
	assert_int_equal(td_image_decode_file(FIX "scene.jpg", &o, &img, NULL),
			 0);
	assert_int_equal(img.width, 64);
	assert_int_equal(img.channels, 1);
	assert_int_equal(img.file_width, 256);
	/* ... and not at all when it is under scale_over. */
	o.scale_over = 512;
	assert_int_equal(td_image_decode_file(FIX "scene.jpg", &o, &img, NULL),
			 0);
	assert_int_equal(img.width, 256);
	assert_int_equal(img.channels, 3);
	td_image_release(&img);
}

static void
test_image__limits_and_bad_input(void **state)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	struct td_err err = TD_ERR_INIT;
	size_t len;
	unsigned char *jpg = slurp(FIX "scene.jpg", &len);

	(void)state;
	o.max_pixels = 256 * 255;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &img, &err),
			 TD_ETOOBIG);
	assert_null(img.px);
	o.max_pixels = 0;
	o.max_width = 100;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &img, &err),
			 TD_ETOOBIG);
	assert_int_equal(td_image_decode_mem(jpg, len / 2, NULL, &img, &err),
			 TD_EINVAL);
	assert_non_null(strstr(err.msg, "truncated JPEG"));
	assert_int_equal(td_image_decode_mem(jpg, 0, NULL, &img, &err),
			 TD_EINVAL);
	assert_int_equal(
		td_image_decode_mem("GIF89a\1\0\1\0", 10, NULL, &img, &err),
		TD_EUNSUPPORTED);
	assert_int_equal(
		td_image_decode_mem("plain text here", 15, NULL, &img, &err),
		TD_EUNSUPPORTED);
	assert_int_equal(td_image_decode_file(FIX "huge.png", NULL, &img, &err),
			 TD_ETOOBIG);
	assert_int_equal(td_image_decode_file(FIX "huge.jpg", NULL, &img, &err),
			 TD_ETOOBIG);
	assert_int_equal(td_image_decode_file(FIX, NULL, &img, &err),
			 TD_EINVAL); /* a directory */
	assert_int_equal(td_image_sniff("RIFF\0\0\0\0WEBPVP8 ", 16),
			 TD_IMAGE_WEBP);
	free(jpg);
}

static void
test_image__border_box_finds_a_frame(void **state)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_image_box b;
	uint32_t x, y;

	(void)state;
	assert_int_equal(td_image_alloc(&img, 130, 100, 3, NULL), 0);
	memset(img.px, 250, (size_t)130 * 100 * 3); /* near-white frame */
	for (y = 15; y < 85; y++)
		for (x = 20; x < 110; x++) {
			unsigned char *p = img.px + ((size_t)y * 130 + x) * 3;

			p[0] = (unsigned char)(x * 2);
			p[1] = (unsigned char)(y * 2);
			p[2] = (unsigned char)((x + y) % 200);
		}
	b = td_image_border_box(&img, 24);
	assert_int_equal(b.x, 20);
	assert_int_equal(b.y, 15);
	assert_int_equal(b.w, 90);
	assert_int_equal(b.h, 70);
	/* A flat picture keeps its middle: at most 3/8 a side goes. */
	memset(img.px, 7, (size_t)130 * 100 * 3);
	b = td_image_border_box(&img, 24);
	assert_true(b.w >= 130 / 4 && b.h >= 100 / 4);
	td_image_release(&img);
}

static void
test_image__progressive_dc_scan_only(void **state)
{
	static const char *path = "tests/fixtures/pdq-vectors/images/dih/"
				  "bridge-3-rotate-180.jpg";
	struct td_image dc = TD_IMAGE_INIT, all = TD_IMAGE_INIT;
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	struct td_err err = TD_ERR_INIT;
	unsigned char *jpg;
	size_t len, i, n;
	long diff = 0;

	(void)state;
	jpg = slurp(path, &len);
	o.min_side = 100; /* 1600x1004: 1/8 is 200x126 */
	o.grey = 1;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &all, &err), 0);
	assert_int_equal(all.dc_only, 0);
	o.dc_only = 1;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &dc, &err), 0);
	assert_int_equal(dc.dc_only, 1);
	assert_int_equal(dc.width, 200);
	assert_int_equal(dc.width, all.width);
	assert_int_equal(dc.height, all.height);
	/* The DC scan may lack the lowest bit of the DC: within a level or
	 * two on average. */
	n = (size_t)dc.width * dc.height;
	for (i = 0; i < n; i++)
		diff += abs((int)dc.px[i] - (int)all.px[i]);
	assert_true(diff / (long)n <= 2);
	/* Only the DC scan is read: a file cut after it still decodes
	 * this way, and is an error otherwise. */
	assert_int_equal(td_image_decode_mem(jpg, len * 6 / 10, &o, &dc, &err),
			 0);
	o.dc_only = 0;
	assert_int_equal(td_image_decode_mem(jpg, len * 6 / 10, &o, &all, &err),
			 TD_EINVAL);
	assert_non_null(strstr(err.msg, "truncated JPEG"));
	/* Not at 1/4 scale, nor in colour. */
	o.dc_only = 1;
	o.min_side = 200;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &all, &err), 0);
	assert_int_equal(all.dc_only, 0);
	assert_int_equal(all.width, 400);
	o.min_side = 100;
	o.grey = 0;
	assert_int_equal(td_image_decode_mem(jpg, len, &o, &all, &err), 0);
	assert_int_equal(all.dc_only, 0);
	assert_int_equal(all.channels, 3);
	/* Cut inside the DC scan (bytes 20911 to 69864 of the file): an
	 * error. */
	o.grey = 1;
	assert_int_equal(td_image_decode_mem(jpg, 40000, &o, &all, &err),
			 TD_EINVAL);
	assert_non_null(strstr(err.msg, "truncated JPEG"));
	td_image_release(&dc);
	td_image_release(&all);
	free(jpg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image__orientations_map_pixels),
		cmocka_unit_test(test_image__exif_orientation_is_applied),
		cmocka_unit_test(test_image__alpha_is_flattened_on_white),
		cmocka_unit_test(test_image__png_palette_and_webp_decode),
		cmocka_unit_test(test_image__scaled_jpeg_decode),
		cmocka_unit_test(test_image__progressive_dc_scan_only),
		cmocka_unit_test(test_image__limits_and_bad_input),
		cmocka_unit_test(test_image__border_box_finds_a_frame),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
