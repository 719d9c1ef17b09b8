/*
 * PDQ conformance against the reference vectors in
 * tests/fixtures/pdq-vectors (or $TD_PDQ_VECTORS), and the hash's own
 * properties.
 */
#include "unit.h"

#include "core/image.h"
#include "core/phash.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *
vectors(void)
{
	const char *v = getenv("TD_PDQ_VECTORS");

	return v && *v ? v : "tests/fixtures/pdq-vectors";
}

struct ref_row {
	char hex[TD_PHASH_HEX_LEN + 1]; /* expected hash */
	int quality;                    /* expected quality */
	char path[256];                 /* relative to the vectors */
};

/* Read rows "hash,quality,path" of a CSV under expected/. */
static size_t
read_ref(const char *name, struct ref_row *rows, size_t max)
{
	char path[1024], line[1024];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/expected/%s", vectors(), name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (set TD_PDQ_VECTORS)", path);
	assert_non_null(fgets(line, sizeof(line), f)); /* header */
	while (n < max && fgets(line, sizeof(line), f)) {
		struct ref_row *r = &rows[n];

		line[strcspn(line, "\r\n")] = '\0';
		assert_int_equal(line[TD_PHASH_HEX_LEN], ',');
		memcpy(r->hex, line, TD_PHASH_HEX_LEN);
		r->hex[TD_PHASH_HEX_LEN] = '\0';
		assert_int_equal(sscanf(line + TD_PHASH_HEX_LEN + 1, "%d,%255s",
					&r->quality, r->path),
				 2);
		n++;
	}
	fclose(f);
	return n;
}

static void
vec_path(char *buf, size_t n, const char *rel)
{
	snprintf(buf, n, "%s/%s", vectors(), rel);
}

/* The reference's decoders: full size, no EXIF, alpha ignored. */
static void
decode_like_reference(const char *rel, struct td_image *img)
{
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	struct td_err err = TD_ERR_INIT;
	char path[1024];

	o.no_orient = 1;
	o.alpha_drop = 1;
	vec_path(path, sizeof(path), rel);
	if (td_image_decode_file(path, &o, img, &err) < 0)
		fail_msg("%s", err.msg);
}

static void
test_phash__same_pixels_give_the_reference_hash(void **state)
{
	struct ref_row rows[64];
	size_t n, i;

	(void)state;
	n = read_ref("reference-cpp.csv", rows, 64);
	assert_int_equal(n, 30);
	for (i = 0; i < n; i++) {
		struct td_image img = TD_IMAGE_INIT;
		struct td_phash h;
		char hex[TD_PHASH_HEX_LEN + 1];
		int q;

		decode_like_reference(rows[i].path, &img);
		td_phash_image(&img, 1, &h, &q);
		td_phash_to_hex(&h, hex);
		if (strcmp(hex, rows[i].hex) != 0 || q != rows[i].quality)
			fail_msg("%s: got %s q%d, want %s q%d", rows[i].path,
				 hex, q, rows[i].hex, rows[i].quality);
		td_image_release(&img);
	}
}

static void
test_phash__dihedrals_from_dct_match_reference(void **state)
{
	char path[1024], line[1024];
	struct td_image img = TD_IMAGE_INIT;
	struct td_phash dih[TD_PHASH_NDIHEDRAL];
	FILE *f;
	int q, d = 0;

	(void)state;
	decode_like_reference("images/dih/bridge-1-original.jpg", &img);
	td_phash_image(&img, 0xff, dih, &q);
	snprintf(path, sizeof(path),
		 "%s/expected/reference-cpp-dihedral-bridge-1-original.csv",
		 vectors());
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	while (fgets(line, sizeof(line), f)) {
		char name[32], want[TD_PHASH_HEX_LEN + 1];
		char got[TD_PHASH_HEX_LEN + 1];

		assert_int_equal(
			sscanf(line, "%31[^,],%64[0-9a-f],", name, want), 2);
		assert_true(d < TD_PHASH_NDIHEDRAL);
		assert_string_equal(name, td_phash_dihedral_name(d));
		td_phash_to_hex(&dih[d], got);
		assert_string_equal(got, want);
		d++;
	}
	fclose(f);
	assert_int_equal(d, TD_PHASH_NDIHEDRAL);
	assert_int_equal(q, 100);
	td_image_release(&img);
}

static void
test_phash__own_decode_within_10_bits_of_reference(void **state)
{
	struct ref_row rows[64];
	size_t n, i;
	int scaled = 0, checked = 0, dc = 0;

	(void)state;
	n = read_ref("reference-cpp.csv", rows, 64);
	for (i = 0; i < n; i++) {
		struct td_phash_opts o = TD_PHASH_OPTS_INIT;
		struct td_image img = TD_IMAGE_INIT;
		struct td_err err = TD_ERR_INIT;
		struct td_phash want, got;
		char path[1024];
		int q, dist;

		if (rows[i].quality < 80)
			continue;
		/* The reference ignores alpha; takedown flattens it on
		 * white by default. pytx/LA.png has random alpha, so it is
		 * compared with alpha ignored (and the default is checked
		 * to differ in test_image). */
		if (strstr(rows[i].path, ".png"))
			o.image.alpha_drop = 1;
		vec_path(path, sizeof(path), rows[i].path);
		assert_int_equal(td_phash_from_hex(rows[i].hex, &want, NULL),
				 0);
		if (td_phash_file(path, &o, &got, &q, &err) < 0)
			fail_msg("%s", err.msg);
		dist = td_phash_distance(&want, &got);
		if (dist > 10)
			fail_msg("%s: %d bits from the reference", rows[i].path,
				 dist);
		assert_true(q >= 80);
		/* Make sure the fast path was really taken for the large
		 * photos: they decode at a reduced DCT scale. */
		assert_int_equal(td_phash_decode_file(path, &o, &img, &err), 0);
		if (img.width < img.file_width)
			scaled++;
		dc += img.dc_only;
		td_image_release(&img);
		checked++;
	}
	assert_int_equal(checked, 27);
	assert_true(scaled >= 9); /* dih/ (8) and shrink-a-little */
	/* dih/bridge-2..8 are progressive: read from their DC scan */
	assert_int_equal(dc, 7);
}

static void
test_phash__hex_round_trips_and_rejects_junk(void **state)
{
	struct td_phash h, h2;
	struct td_err err = TD_ERR_INIT;
	char hex[TD_PHASH_HEX_LEN + 1];
	const char *s = "d8f8f0cee0f4a84f0637022a078f67f0"
			"b36e2ed596621e1d33e6339c4e9c9b22";

	(void)state;
	assert_int_equal(td_phash_from_hex(s, &h, &err), 0);
	td_phash_to_hex(&h, hex);
	assert_string_equal(hex, s);
	/* Word 0 is printed last: its low bits are the last digits. */
	assert_int_equal(h.w[0] & 0xffff, 0x9b22);
	assert_int_equal(h.w[3] >> 48, 0xd8f8);
	assert_int_equal(td_phash_from_hex("D8F8F0CEE0F4A84F0637022A078F67F0"
					   "B36E2ED596621E1D33E6339C4E9C9B22",
					   &h2, NULL),
			 0);
	assert_int_equal(td_phash_distance(&h, &h2), 0);
	assert_int_equal(td_phash_from_hex("abc", &h2, &err), TD_EINVAL);
	assert_non_null(strstr(err.msg, "64 hex digits"));
	assert_int_equal(td_phash_from_hex("d8f8f0cee0f4a84f0637022a078f67f0"
					   "b36e2ed596621e1d33e6339c4e9c9b2g",
					   &h2, NULL),
			 TD_EINVAL);
	assert_int_equal(td_phash_from_hex("d8f8f0cee0f4a84f0637022a078f67f0"
					   "b36e2ed596621e1d33e6339c4e9c9b221",
					   &h2, NULL),
			 TD_EINVAL);
}

static void
test_phash__distance_counts_differing_bits(void **state)
{
	struct td_phash a, b;
	int k, want = 0;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	srand(7);
	for (k = 0; k < 256; k++) {
		if (rand() % 3 == 0) {
			b.w[k >> 6] |= (uint64_t)1 << (k & 63);
			want++;
		}
	}
	assert_int_equal(td_phash_distance(&a, &b), want);
	assert_int_equal(td_phash_distance(&b, &b), 0);
	memset(&b, 0xff, sizeof(b));
	assert_int_equal(td_phash_distance(&a, &b), 256);
}

static void
test_phash__tiny_and_flat_images(void **state)
{
	float flat[40 * 30], tiny[4 * 40];
	struct td_phash h;
	int q, i;

	(void)state;
	for (i = 0; i < 40 * 30; i++)
		flat[i] = 128.0f;
	td_phash_luma(flat, 40, 30, 1, &h, &q);
	assert_int_equal(q, 0);
	for (i = 0; i < 4 * 40; i++)
		tiny[i] = (float)(i * 7 % 255);
	td_phash_luma(tiny, 4, 40, 1, &h, &q);
	assert_int_equal(q, 0);
	assert_true(h.w[0] == 0 && h.w[1] == 0 && h.w[2] == 0 && h.w[3] == 0);
}

static void
test_phash__pytx_published_values(void **state)
{
	/* python-threatexchange's exact asserts, on an RGB JPEG and a
	 * grey+alpha PNG converted by dropping alpha. */
	static const char *const cases[][2] = {
		{"images/pytx/rgb.jpeg", "fb4eed46cb8a6c78819ca06b756c541f7b07e"
					 "f6d02c82fccd00f862166272cda"},
		{"images/pytx/LA.png", "accb6d39648035f8125c8ce6ba65007de7b54c6"
				       "7a2d93ef7b8f33b0611306715"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct td_image img = TD_IMAGE_INIT;
		struct td_phash h;
		char hex[TD_PHASH_HEX_LEN + 1];
		int q;

		decode_like_reference(cases[i][0], &img);
		td_phash_image(&img, 1, &h, &q);
		td_phash_to_hex(&h, hex);
		assert_string_equal(hex, cases[i][1]);
		assert_int_equal(q, 100);
		td_image_release(&img);
	}
}

static void
test_phash__mirror_matches_flipy_variant(void **state)
{
	struct td_image img = TD_IMAGE_INIT;
	struct td_phash dih[TD_PHASH_NDIHEDRAL], flipped;
	struct td_phash_opts o = TD_PHASH_OPTS_INIT;
	struct td_err err = TD_ERR_INIT;
	char path[1024];
	int q;

	(void)state;
	vec_path(path, sizeof(path), "images/dih/bridge-1-original.jpg");
	assert_int_equal(td_phash_decode_file(path, &o, &img, &err), 0);
	td_phash_image(&img, 0xff, dih, &q);
	td_image_orient(&img, 2); /* mirror left-right */
	td_phash_image(&img, 1, &flipped, &q);
	assert_true(td_phash_distance(&flipped, &dih[TD_PHASH_FLIPY]) <= 16);
	assert_true(td_phash_distance(&flipped, &dih[0]) > 64);
	td_image_release(&img);
}

static void
test_phash__batch_on_two_threads_matches_one_by_one(void **state)
{
	static const char *const rel[] = {
		"images/dih/bridge-1-original.jpg",
		"images/dih/bridge-2-rotate-90.jpg",
		"images/labelme-subset/q0122.jpg",
		"images/misc/does-not-exist.jpg",
		"images/pytx/LA.png",
		"images/bridge-mods/shrink-a-lot.jpg",
	};
	struct td_phash_item items[ARRAY_LEN(rel)];
	char paths[ARRAY_LEN(rel)][1024];
	size_t i;
	int rc;

	(void)state;
	memset(items, 0, sizeof(items));
	for (i = 0; i < ARRAY_LEN(rel); i++) {
		vec_path(paths[i], sizeof(paths[i]), rel[i]);
		items[i].path = paths[i];
	}
	rc = td_phash_files(items, ARRAY_LEN(rel), NULL, 2);
	assert_int_equal(rc, TD_EIO);
	for (i = 0; i < ARRAY_LEN(rel); i++) {
		struct td_phash h;
		int q;

		if (i == 3) {
			assert_int_equal(items[i].rc, TD_EIO);
			assert_non_null(
				strstr(items[i].err.msg, "does-not-exist.jpg"));
			continue;
		}
		assert_int_equal(items[i].rc, 0);
		assert_int_equal(td_phash_file(paths[i], NULL, &h, &q, NULL),
				 0);
		assert_int_equal(td_phash_distance(&h, &items[i].hash), 0);
		assert_int_equal(q, items[i].quality);
	}
}

static void
test_phash__region_of_reference_pixels_gives_reference_hash(void **state)
{
	struct ref_row rows[64];
	size_t n, i;

	(void)state;
	n = read_ref("reference-cpp.csv", rows, 64);
	assert_int_equal(n, 30);
	for (i = 0; i < n; i++) {
		struct td_image img = TD_IMAGE_INIT;
		struct td_phash want, got, dih[TD_PHASH_NDIHEDRAL];
		int q, d;

		decode_like_reference(rows[i].path, &img);
		assert_int_equal(td_phash_from_hex(rows[i].hex, &want, NULL),
				 0);
		/* The sampled filter only rounds differently: the same
		 * pixels give the reference's hash within 2 bits (0 on
		 * the development machine). */
		td_phash_region(&img, NULL, 0xff, dih, &q);
		got = dih[0];
		if (td_phash_distance(&want, &got) > 2 ||
		    abs(q - rows[i].quality) > 1)
			fail_msg("%s: %d bits, q%d want q%d", rows[i].path,
				 td_phash_distance(&want, &got), q,
				 rows[i].quality);
		/* and its dihedrals are the exact path's */
		{
			struct td_phash ex[TD_PHASH_NDIHEDRAL];

			td_phash_image(&img, 0xff, ex, NULL);
			for (d = 0; d < TD_PHASH_NDIHEDRAL; d++)
				assert_true(td_phash_distance(&ex[d],
							      &dih[d]) <= 2);
		}
		td_image_release(&img);
	}
}

static void
test_phash__region_is_the_hash_of_the_cut_out(void **state)
{
	struct td_image img = TD_IMAGE_INIT, sub = TD_IMAGE_INIT;
	/* a 256x256 picture (hashed as is) and a 1600x1004 one (squashed
	 * to 512x512, and so are its large parts) */
	static const struct td_image_box small[] = {
		{0, 0, 200, 100}, {37, 11, 219, 245}, {100, 50, 5, 5},
		{1, 1, 255, 255}, {0, 0, 257, 10},    {250, 0, 7, 10},
	};
	static const struct td_image_box large[] = {
		{0, 0, 1600, 1004}, {160, 100, 1440, 904}, {33, 700, 400, 300},
		{0, 0, 1601, 10},   {1599, 1003, 1, 1},
	};
	const struct td_image_box *boxes;
	size_t i, n;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		decode_like_reference(pass ? "images/dih/bridge-1-original.jpg"
					   : "images/labelme-subset/q0122.jpg",
				      &img);
		boxes = pass ? large : small;
		n = pass ? ARRAY_LEN(large) : ARRAY_LEN(small);
		for (i = 0; i < n; i++) {
			const struct td_image_box *b = &boxes[i];
			struct td_phash a, c;
			int qa, qc;

			td_phash_region(&img, b, 1, &a, &qa);
			if (b->x + b->w > img.width ||
			    b->y + b->h > img.height) {
				/* outside: zeros, quality 0 */
				assert_int_equal(qa, 0);
				assert_true(!a.w[0] && !a.w[1] && !a.w[2] &&
					    !a.w[3]);
				continue;
			}
			td_image_crop(&img, b->x, b->y, b->w, b->h, &sub);
			td_phash_image(&sub, 1, &c, &qc);
			if (td_phash_distance(&a, &c) > 2 || abs(qa - qc) > 1)
				fail_msg("box %u,%u %ux%u: %d bits, q%d vs q%d",
					 b->x, b->y, b->w, b->h,
					 td_phash_distance(&a, &c), qa, qc);
		}
	}
	td_image_release(&sub);
	td_image_release(&img);
}

/* Paint a dark banner with light stripes (text) over the bottom frac
 * percent of img. */
static void
paint_banner(struct td_image *img, unsigned frac)
{
	uint32_t y0 = img->height - img->height * frac / 100, x, y;
	size_t c = (size_t)img->channels;

	for (y = y0; y < img->height; y++)
		for (x = 0; x < img->width; x++) {
			unsigned char v = (x / 7 + y / 5) % 3 == 0 ? 230 : 20;
			size_t k;

			for (k = 0; k < c; k++)
				img->px[((size_t)y * img->width + x) * c + k] =
					v;
		}
}

/* The smallest distance from any query hash of listing to any variant. */
static int
best_match(const struct td_image *listing, const struct td_phash_variant *v,
	   size_t nv)
{
	struct td_phash_query q[TD_PHASH_MAX_QUERIES];
	size_t nq = td_phash_query_set(listing, q), i, k;
	int best = 257;

	assert_true(nq >= 1 && nq <= TD_PHASH_MAX_QUERIES);
	assert_int_equal(q[0].kind, TD_PHASH_Q_WHOLE);
	for (k = 0; k < nq; k++)
		for (i = 0; i < nv; i++) {
			int d = td_phash_distance(&q[k].hash, &v[i].hash);

			if (d < best)
				best = d;
		}
	return best;
}

static void
test_phash__variant_and_query_sets_find_seller_edits(void **state)
{
	struct td_phash_variant v[TD_PHASH_MAX_VARIANTS];
	struct td_phash_opts o = TD_PHASH_OPTS_INIT;
	struct td_image img = TD_IMAGE_INIT, ed = TD_IMAGE_INIT;
	struct td_image other = TD_IMAGE_INIT;
	struct td_err err = TD_ERR_INIT;
	char path[1024], name[64];
	struct td_image_box b;
	size_t nv, trim;
	uint32_t w, h, s;

	(void)state;
	vec_path(path, sizeof(path), "images/dih/bridge-1-original.jpg");
	assert_int_equal(td_phash_decode_file(path, &o, &img, &err), 0);
	nv = td_phash_variants(&img, v);
	/* 8 dihedrals (and 8 of the trimmed picture when the sky passes
	 * for a border), 15 listed crops, 428 corner and single-side cuts
	 * on the 2% grid, 1124 three- and four-side cuts on it and 3
	 * squares, all as is and mirrored, 2 band cuts */
	b = td_image_border_box(&img, TD_PHASH_TRIM_TOL);
	trim = b.w != img.width || b.h != img.height ? 8 : 0;
	assert_int_equal(nv,
			 8 + trim + 2 * 15 + 2 * 428 + 2 * 1124 + 2 * 3 + 2);
	assert_true(nv <= TD_PHASH_MAX_VARIANTS);
	td_phash_variant_name(&v[0], name, sizeof(name));
	assert_string_equal(name, "whole");
	td_phash_variant_name(&v[TD_PHASH_FLIPY], name, sizeof(name));
	assert_string_equal(name, "whole/flipy");
	if (trim) {
		td_phash_variant_name(&v[8 + TD_PHASH_ROT90], name,
				      sizeof(name));
		assert_string_equal(name, "trim/rotate90");
	}
	td_phash_variant_name(&v[8 + trim + 2], name, sizeof(name));
	assert_string_equal(name, "whole/crop80");
	td_phash_variant_name(&v[8 + trim + 2 * 3 + 1], name, sizeof(name));
	assert_string_equal(name, "whole/cut-l10-t10/flipy");
	/* the first of each grid */
	td_phash_variant_name(&v[8 + trim + 2 * 15], name, sizeof(name));
	assert_string_equal(name, "whole/cut-t2");
	td_phash_variant_name(&v[8 + trim + 2 * 15 + 2 * 428], name,
			      sizeof(name));
	assert_string_equal(name, "whole/cut-t2-r2-b2");
	td_phash_variant_name(&v[nv - 1], name, sizeof(name));
	assert_string_equal(name, "whole/cut-t20");
	w = img.width;
	h = img.height;

	/* 10% cut off the left and the top */
	td_image_crop(&img, w / 10, h / 10, w - w / 10, h - h / 10, &ed);
	assert_true(best_match(&ed, v, nv) <= 31);
	/* the same, mirrored */
	td_image_orient(&ed, 2);
	assert_true(best_match(&ed, v, nv) <= 31);
	/* the middle square */
	s = h < w ? h : w;
	td_image_crop(&img, (w - s) / 2, (h - s) / 2, s, s, &ed);
	assert_true(best_match(&ed, v, nv) <= 31);
	/* a text banner over the bottom 15% (plain PDQ is far off) */
	td_image_crop(&img, 0, 0, w, h, &ed);
	paint_banner(&ed, 15);
	{
		struct td_phash plain;

		td_phash_region(&ed, NULL, 1, &plain, NULL);
		assert_true(td_phash_distance(&plain, &v[0].hash) > 31);
	}
	assert_true(best_match(&ed, v, nv) <= 31);
	/* an unrelated photo matches nothing */
	vec_path(path, sizeof(path), "images/labelme-subset/q0122.jpg");
	assert_int_equal(td_phash_decode_file(path, &o, &other, &err), 0);
	assert_true(best_match(&other, v, nv) > 64);
	td_image_release(&other);
	td_image_release(&ed);
	td_image_release(&img);
}

static void
test_phash__query_set_trims_only_framed_pictures(void **state)
{
	struct td_phash_query q[TD_PHASH_MAX_QUERIES];
	struct td_phash_variant v[TD_PHASH_MAX_VARIANTS];
	struct td_image img = TD_IMAGE_INIT, framed = TD_IMAGE_INIT;
	struct td_image_box b;
	size_t n, nv;
	uint32_t y;

	(void)state;
	decode_like_reference("images/labelme-subset/q2821.jpg", &img);
	b = td_image_border_box(&img, TD_PHASH_TRIM_TOL);
	assert_true(b.w == img.width && b.h == img.height);
	n = td_phash_query_set(&img, q);
	assert_int_equal(n, 3);
	assert_int_equal(q[0].kind, TD_PHASH_Q_WHOLE);
	assert_int_equal(q[1].kind, TD_PHASH_Q_CUT_BOTTOM);
	assert_int_equal(q[2].kind, TD_PHASH_Q_CUT_TOP);
	assert_string_equal(td_phash_query_name(q[2].kind), "cut-top");
	/* a white frame of 60 pixels */
	assert_int_equal(td_image_alloc(&framed, img.width + 120,
					img.height + 120, 3, NULL),
			 0);
	memset(framed.px, 255, (size_t)framed.width * framed.height * 3);
	for (y = 0; y < img.height; y++)
		memcpy(framed.px + ((size_t)(y + 60) * framed.width + 60) * 3,
		       img.px + (size_t)y * img.width * 3,
		       (size_t)img.width * 3);
	n = td_phash_query_set(&framed, q);
	assert_int_equal(n, 4);
	assert_int_equal(q[1].kind, TD_PHASH_Q_TRIM);
	/* the trimmed hash is the picture's own */
	nv = td_phash_variants(&img, v);
	assert_true(td_phash_distance(&q[1].hash, &v[0].hash) <= 8);
	assert_true(td_phash_distance(&q[0].hash, &v[0].hash) > 31);
	/* an official photo with a frame gets the trimmed dihedrals too */
	assert_int_equal(td_phash_variants(&framed, v), nv + 8);
	assert_int_equal(v[8].trimmed, 1);
	td_image_release(&framed);
	td_image_release(&img);
}

static void
test_phash__batch_fills_query_sets(void **state)
{
	static const char *const rel[] = {
		"images/dih/bridge-1-original.jpg",
		"images/misc/small.jpg",
		"images/misc/does-not-exist.jpg",
	};
	struct td_phash_item items[ARRAY_LEN(rel)];
	struct td_phash_opts o = TD_PHASH_OPTS_INIT;
	char paths[ARRAY_LEN(rel)][1024];
	size_t i, k;

	(void)state;
	memset(items, 0, sizeof(items));
	for (i = 0; i < ARRAY_LEN(rel); i++) {
		vec_path(paths[i], sizeof(paths[i]), rel[i]);
		items[i].path = paths[i];
	}
	o.query_set = 1;
	assert_int_equal(td_phash_files(items, ARRAY_LEN(rel), &o, 2), TD_EIO);
	for (i = 0; i < 2; i++) {
		struct td_phash_query q[TD_PHASH_MAX_QUERIES];
		struct td_phash h;
		size_t n;

		assert_int_equal(items[i].rc, 0);
		assert_int_equal(
			td_phash_file_queries(paths[i], NULL, q, &n, NULL), 0);
		assert_int_equal(items[i].nqueries, n);
		for (k = 0; k < n; k++) {
			assert_int_equal(items[i].queries[k].kind, q[k].kind);
			assert_int_equal(
				td_phash_distance(&items[i].queries[k].hash,
						  &q[k].hash),
				0);
		}
		/* the item's hash is the whole picture's, as without
		 * query sets */
		assert_int_equal(td_phash_file(paths[i], NULL, &h, NULL, NULL),
				 0);
		assert_int_equal(td_phash_distance(&h, &items[i].hash), 0);
	}
	/* small.jpg has a flat frame: its set has the trimmed hash */
	assert_int_equal(items[1].nqueries, 4);
	assert_int_equal(items[1].queries[1].kind, TD_PHASH_Q_TRIM);
	assert_int_equal(items[2].rc, TD_EIO);
	assert_int_equal(items[2].nqueries, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_phash__same_pixels_give_the_reference_hash),
		cmocka_unit_test(
			test_phash__dihedrals_from_dct_match_reference),
		cmocka_unit_test(
			test_phash__own_decode_within_10_bits_of_reference),
		cmocka_unit_test(test_phash__hex_round_trips_and_rejects_junk),
		cmocka_unit_test(test_phash__distance_counts_differing_bits),
		cmocka_unit_test(test_phash__tiny_and_flat_images),
		cmocka_unit_test(test_phash__pytx_published_values),
		cmocka_unit_test(test_phash__mirror_matches_flipy_variant),
		cmocka_unit_test(
			test_phash__batch_on_two_threads_matches_one_by_one),
		cmocka_unit_test(
			test_phash__region_of_reference_pixels_gives_reference_hash),
		cmocka_unit_test(test_phash__region_is_the_hash_of_the_cut_out),
		cmocka_unit_test(
			test_phash__variant_and_query_sets_find_seller_edits),
		cmocka_unit_test(
			test_phash__query_set_trims_only_framed_pictures),
		cmocka_unit_test(test_phash__batch_fills_query_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
