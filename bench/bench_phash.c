/*
 * bench_phash FILE.jpg...: photos/s of takedown's hashing (file read and
 * decode included) against the baseline, one thread each, and where the
 * time goes.
 *
 * Baseline: the reference tool's path, td_phash_file() with
 * opts.full_size: a full-size RGB decode with libjpeg-turbo's default
 * settings (JDCT_ISLOW, fancy upsampling), then the reference's hashing
 * (squash to 512x512, Jarosz filter over the 512x512 picture, ...).
 * takedown: td_phash_file() with the default options (scaled grey decode,
 * progressive files read up to their DC scan, sampled filter).
 *
 * The two take turns file by file (so that a busy machine slows both
 * alike); photos/s are the median of ROUNDS rounds, and the ratio the
 * median of the rounds' ratios. Then both cores, as a scan hashes a
 * feed's photos: td_phash_files() on 2 threads for each path, taking
 * turns round by round (the reference tool itself has one thread). The
 * breakdown decodes from memory with libjpeg-turbo directly, under each setting
 * it offers, and times each hashing step alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jpeglib.h>

#include "core/phash.h"

#define ROUNDS 7
#define MAXF   256

struct file {
	const char *path;    /* as given */
	unsigned char *data; /* contents */
	size_t len;          /* bytes */
};

static struct file files[MAXF];
static int nfiles;

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	return t[n / 2];
}

static void
hash_file(int i, const struct td_phash_opts *o, struct td_phash *out)
{
	struct td_err err = TD_ERR_INIT;
	int q;

	if (td_phash_file(files[i].path, o, out, &q, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
}

/*
 * One round: every file hashed by both paths, one after the other, so
 * that a burst of load from elsewhere slows both alike. Seconds spent
 * in each path.
 */
static void
round_both(const struct td_phash_opts *a, struct td_phash *ha,
	   const struct td_phash_opts *b, struct td_phash *hb, double *ta,
	   double *tb)
{
	int i;

	*ta = *tb = 0.0;
	for (i = 0; i < nfiles; i++) {
		double t0 = now(), t1;

		hash_file(i, a, &ha[i]);
		t1 = now();
		hash_file(i, b, &hb[i]);
		*ta += t1 - t0;
		*tb += now() - t1;
	}
}

/* Seconds for td_phash_files() over every file BATCH times on 2 threads,
 * as a scan hashes a feed's photos. */
#define BATCH 4
static double
time_batch(const struct td_phash_opts *o, struct td_phash_item *items)
{
	double t0;
	int i, n = nfiles * BATCH;

	for (i = 0; i < n; i++)
		items[i].path = files[i % nfiles].path;
	t0 = now();
	if (td_phash_files(items, (size_t)n, o, 2) < 0) {
		fprintf(stderr, "%s\n", items[0].err.msg);
		exit(1);
	}
	return now() - t0;
}

/* A libjpeg-turbo decode setting of the breakdown. */
struct setting {
	const char *name; /* what it is */
	int num;          /* scale num/8 */
	int grey;         /* JCS_GRAYSCALE output */
	int ifast;        /* JDCT_IFAST instead of the default JDCT_ISLOW */
	int plain_up;     /* do_fancy_upsampling = FALSE */
	int dc_scan;      /* progressive: stop after the luma DC scan */
};

static const struct setting settings[] = {
	{"full size, RGB, defaults (baseline)", 8, 0, 0, 0, 0},
	{"full size, RGB, JDCT_IFAST, no fancy upsampling", 8, 0, 1, 1, 0},
	{"full size, grey (luma only)", 8, 1, 0, 0, 0},
	{"1/2 scale, grey", 4, 1, 0, 0, 0},
	{"1/4 scale, grey", 2, 1, 0, 0, 0},
	{"1/8 scale, grey", 1, 1, 0, 0, 0},
	{"1/8 scale, grey, JDCT_IFAST", 1, 1, 1, 0, 0},
	{"1/8 scale, RGB", 1, 0, 0, 0, 0},
	{"1/8 scale, grey, DC scan only (progressive)", 1, 1, 0, 0, 1},
};
#define NSET (sizeof(settings) / sizeof(settings[0]))

/* Decode f under s into img (pixels reallocated as needed). Returns 0,
 * or -1 when s does not apply (a DC scan of a baseline file). */
static int
decode(const struct file *f, const struct setting *s, struct td_image *img)
{
	struct jpeg_decompress_struct c;
	struct jpeg_error_mgr e;
	size_t need;

	c.err = jpeg_std_error(&e);
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, f->data, (unsigned long)f->len);
	jpeg_read_header(&c, TRUE);
	if (s->dc_scan && !c.progressive_mode) {
		jpeg_destroy_decompress(&c);
		return -1;
	}
	c.scale_num = (unsigned)s->num;
	c.scale_denom = 8;
	if (s->grey)
		c.out_color_space = JCS_GRAYSCALE;
	if (s->ifast)
		c.dct_method = JDCT_IFAST;
	if (s->plain_up)
		c.do_fancy_upsampling = FALSE;
	if (s->dc_scan) {
		c.buffered_image = TRUE;
		c.do_block_smoothing = FALSE;
	}
	jpeg_start_decompress(&c);
	if (s->dc_scan) {
		int r;

		do
			r = jpeg_consume_input(&c);
		while (r != JPEG_REACHED_EOI &&
		       !(r == JPEG_SCAN_COMPLETED && c.coef_bits[0][0] >= 0));
		jpeg_start_output(&c, c.input_scan_number);
	}
	need = (size_t)c.output_width * c.output_height *
	       (size_t)c.output_components;
	if (need > (size_t)img->width * img->height * (size_t)img->channels)
		td_image_alloc(img, c.output_width, c.output_height,
			       c.output_components, NULL);
	img->width = c.output_width;
	img->height = c.output_height;
	img->channels = c.output_components;
	img->file_width = c.image_width;
	img->file_height = c.image_height;
	while (c.output_scanline < c.output_height) {
		JSAMPROW row = img->px + (size_t)c.output_scanline *
						 c.output_width *
						 (size_t)c.output_components;

		jpeg_read_scanlines(&c, &row, 1);
	}
	if (s->dc_scan)
		jpeg_finish_output(&c);
	else
		jpeg_finish_decompress(&c);
	jpeg_destroy_decompress(&c);
	return 0;
}

/* ms per photo to decode every file under s; < 0 when it does not
 * apply to all of them. */
static double
time_decode(const struct setting *s, struct td_image *imgs)
{
	double t[ROUNDS];
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		for (i = 0; i < nfiles; i++)
			if (decode(&files[i], s, &imgs[i]) < 0)
				return -1.0;
		t[r] = now() - t0;
	}
	return median(t, ROUNDS) * 1e3 / nfiles;
}

/* ms per photo to hash every image: reference steps or sampled filter. */
static double
time_hash(const struct td_image *imgs, int sampled)
{
	double t[ROUNDS];
	int r, i;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		for (i = 0; i < nfiles; i++) {
			struct td_phash h;
			int q;

			if (sampled)
				td_phash_region(&imgs[i], NULL, 1, &h, &q);
			else
				td_phash_image(&imgs[i], 1, &h, &q);
		}
		t[r] = now() - t0;
	}
	return median(t, ROUNDS) * 1e3 / nfiles;
}

/* ms per photo for an official photo's variant set (td_phash_variants),
 * median of 3 rounds (it is long); *nv gets the hashes of the last. */
static double
time_variants(const struct td_image *imgs, size_t *nv)
{
	struct td_phash_variant *v = calloc(TD_PHASH_MAX_VARIANTS, sizeof(*v));
	double t[3];
	int r, i;

	if (!v)
		exit(1);
	for (r = 0; r < 3; r++) {
		double t0 = now();

		for (i = 0; i < nfiles; i++)
			*nv = td_phash_variants(&imgs[i], v);
		t[r] = now() - t0;
	}
	free(v);
	return median(t, 3) * 1e3 / nfiles;
}

static void
load(const char *path, struct file *f)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (!fp || fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0) {
		perror(path);
		exit(1);
	}
	rewind(fp);
	f->path = path;
	f->len = (size_t)n;
	f->data = malloc(f->len ? f->len : 1);
	if (!f->data || fread(f->data, 1, f->len, fp) != f->len) {
		perror(path);
		exit(1);
	}
	fclose(fp);
}

static void
release_all(struct td_image *imgs)
{
	int i;

	for (i = 0; i < nfiles; i++)
		td_image_release(&imgs[i]);
}

int
main(int argc, char **argv)
{
	struct td_phash_opts full = TD_PHASH_OPTS_INIT;
	struct td_phash_opts fast = TD_PHASH_OPTS_INIT;
	struct td_phash *hf, *hs;
	struct td_image *imgs;
	double tf[ROUNDS], ts[ROUNDS], ratio[ROUNDS], pf, ps, ms_full, ms_fast;
	double ms, dec_full;
	int i, r, maxd = 0, sumd = 0, dc = 0;
	size_t k;

	nfiles = argc - 1;
	if (nfiles < 1 || nfiles > MAXF) {
		fprintf(stderr, "usage: bench_phash FILE.jpg... (at most %d)\n",
			MAXF);
		return 2;
	}
	for (i = 0; i < nfiles; i++)
		load(argv[i + 1], &files[i]);
	hf = calloc((size_t)nfiles, sizeof(*hf));
	hs = calloc((size_t)nfiles, sizeof(*hs));
	imgs = calloc((size_t)nfiles, sizeof(*imgs));
	if (!hf || !hs || !imgs)
		return 1;
	full.full_size = 1;
	for (r = 0; r < ROUNDS; r++) {
		round_both(&full, hf, &fast, hs, &tf[r], &ts[r]);
		ratio[r] = tf[r] / ts[r];
	}
	pf = nfiles / median(tf, ROUNDS);
	ps = nfiles / median(ts, ROUNDS);
	for (i = 0; i < nfiles; i++) {
		struct td_image img = TD_IMAGE_INIT;
		int d = td_phash_distance(&hf[i], &hs[i]);

		sumd += d;
		if (d > maxd)
			maxd = d;
		if (td_phash_decode_file(files[i].path, &fast, &img, NULL) == 0)
			dc += img.dc_only;
		td_image_release(&img);
	}
	printf("phash on %d photos, %d of them read from the DC scan "
	       "alone\n(1 thread, file read and decode included, median of "
	       "%d rounds, the two paths\ntaking turns file by file)\n",
	       nfiles, dc, ROUNDS);
	printf("  baseline, reference path (full-size RGB decode, "
	       "reference hashing): %.1f photos/s\n",
	       pf);
	printf("  takedown (scaled grey decode, sampled filter): %.1f "
	       "photos/s\n",
	       ps);
	ms = median(ratio, ROUNDS); /* sorts ratio[] */
	printf("  ratio takedown/baseline: %.2fx (median of the rounds' "
	       "ratios; %.2fx to %.2fx)\n",
	       ms, ratio[0], ratio[ROUNDS - 1]);
	printf("  distance takedown vs reference-path hash: mean %.1f, max "
	       "%d bits\n",
	       (double)sumd / nfiles, maxd);
	{
		struct td_phash_item *items =
			calloc((size_t)nfiles * BATCH, sizeof(*items));
		double bf[ROUNDS], bs[ROUNDS], br[ROUNDS], qf, qs;

		if (!items)
			return 1;
		for (r = 0; r < ROUNDS; r++) {
			bf[r] = time_batch(&full, items);
			bs[r] = time_batch(&fast, items);
			br[r] = bf[r] / bs[r];
		}
		qf = nfiles * BATCH / median(bf, ROUNDS);
		qs = nfiles * BATCH / median(bs, ROUNDS);
		printf("both cores (td_phash_files, 2 threads, as a scan runs "
		       "it; median of %d rounds):\n",
		       ROUNDS);
		printf("  baseline, reference path: %.1f photos/s\n", qf);
		printf("  takedown: %.1f photos/s\n", qs);
		printf("  ratio takedown/baseline, both on 2 threads: %.2fx\n",
		       median(br, ROUNDS));
		printf("  takedown on 2 threads / baseline on 1 thread (the "
		       "reference tool has one): %.2fx\n",
		       qs / pf);
		free(items);
	}

	printf("\nwhere the time goes (ms per photo, from memory, median of "
	       "%d)\n",
	       ROUNDS);
	printf("  decode with libjpeg-turbo:\n");
	dec_full = 0.0;
	for (k = 0; k < NSET; k++) {
		ms = time_decode(&settings[k], imgs);
		if (ms < 0) {
			printf("    %-50s   n/a (not progressive)\n",
			       settings[k].name);
			continue;
		}
		if (k == 0)
			dec_full = ms;
		printf("    %-50s %6.2f  (%ux%u)\n", settings[k].name, ms,
		       imgs[0].width, imgs[0].height);
	}
	time_decode(&settings[0], imgs);
	ms_full = time_hash(imgs, 0);
	ms_fast = time_hash(imgs, 1);
	printf("  hash the full-size RGB picture:\n");
	printf("    %-50s %6.2f\n",
	       "reference steps (squash, Jarosz on 512x512)", ms_full);
	printf("    %-50s %6.2f\n", "sampled filter (64x64 points)", ms_fast);
	release_all(imgs);
	time_decode(&settings[5], imgs);
	printf("  hash the 1/8 grey picture:\n");
	printf("    %-50s %6.2f\n",
	       "reference steps (resample to 512x512, Jarosz)",
	       time_hash(imgs, 0));
	printf("    %-50s %6.2f\n", "sampled filter (64x64 points)",
	       time_hash(imgs, 1));
	{
		size_t nv = 0;
		double vms = time_variants(imgs, &nv);

		printf("  an official photo's variant set on the 1/8 grey "
		       "picture: %.1f ms (%zu hashes, %.1f us each)\n",
		       vms, nv, vms * 1e3 / (double)nv);
	}
	printf("  baseline per photo: %.2f ms (decode %.2f + hash %.2f + "
	       "read); takedown: %.2f ms\n",
	       1e3 / pf, dec_full, ms_full, 1e3 / ps);
	release_all(imgs);
	for (i = 0; i < nfiles; i++)
		free(files[i].data);
	free(imgs);
	free(hf);
	free(hs);
	return 0;
}
