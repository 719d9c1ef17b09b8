/*
 * eval_image CORPUS [HAYSTACK]: how well official photos are found again
 * after the edits sellers make, and how often unrelated photos match.
 *
 * CORPUS is made by bench/image_corpus.py. Each official photo is indexed
 * under its variant set (td_phash_variants); each listing photo is hashed
 * with its borders trimmed (td_phash_image_trimmed) and matched against
 * all variants. Prints, per threshold, the match rate per transformation
 * and the false-match rate (a query within the threshold of a photo that
 * is not its source), for takedown's method and for plain PDQ (one hash
 * per photo, no trimming). HAYSTACK (optional) is a file of unrelated PDQ
 * hashes (pdq-vectors hashes/haystack.txt), used as extra negatives.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/phash.h"

#define MAXP 128
#define MAXQ 2048
#define NT   6

static const int thresholds[NT] = {24, 31, 40, 48, 56, 64};
static const char *const transforms[] = {
	"crop10", "crop10tl", "border15", "jpeg20", "half",
	"third",  "mirror",   "banner",   "combo",
};
#define NTR (sizeof(transforms) / sizeof(transforms[0]))

struct photo {
	char name[128];                                   /* file stem */
	struct td_phash_variant v[TD_PHASH_MAX_VARIANTS]; /* its variants */
	size_t nv;                                        /* how many */
};

struct query {
	int src;               /* index of the official source, or -1 */
	int tr;                /* index in transforms[], or -1 */
	struct td_phash h;     /* trimmed hash (takedown) */
	struct td_phash plain; /* untrimmed hash (plain PDQ) */
	int quality;           /* of h */
};

static struct photo photos[MAXP];
static size_t nphotos;
static struct query queries[MAXQ];
static size_t nqueries;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted file names of dir (the caller frees them). */
static size_t
list_dir(const char *dir, char **names, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d) {
		perror(dir);
		exit(1);
	}
	while ((e = readdir(d)) && n < max)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	return n;
}

static void
decode(const char *path, struct td_image *img)
{
	struct td_err err = TD_ERR_INIT;

	if (td_phash_decode_file(path, NULL, img, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
}

static void
add_query(const char *path, int src, int tr)
{
	struct td_image img = TD_IMAGE_INIT;
	struct query *q = &queries[nqueries++];

	decode(path, &img);
	q->src = src;
	q->tr = tr;
	td_phash_image_trimmed(&img, &q->h, &q->quality);
	td_phash_image(&img, 1, &q->plain, NULL);
	td_image_release(&img);
}

/* Smallest distance from h to photo p: all variants, or plain PDQ (the
 * whole picture's hash, as is). */
static int
dist_to(const struct td_phash *h, const struct photo *p, int plain)
{
	int best = 257;
	size_t i;

	for (i = 0; i < p->nv; i++) {
		int d;

		if (plain && (i > 0))
			break;
		d = td_phash_distance(h, &p->v[i].hash);
		if (d < best)
			best = d;
	}
	return best;
}

static void
report(int plain, const struct td_phash *extra, size_t nextra)
{
	size_t i, k, t;

	printf("\n%s\n", plain ? "plain PDQ (one hash per photo, no trim)"
			       : "takedown (variants + trimmed listings)");
	printf("%-10s", "threshold");
	for (t = 0; t < NT; t++)
		printf(" %7d", thresholds[t]);
	printf("\n");
	for (k = 0; k < NTR; k++) {
		printf("%-10s", transforms[k]);
		for (t = 0; t < NT; t++) {
			size_t hit = 0, n = 0;

			for (i = 0; i < nqueries; i++) {
				const struct query *q = &queries[i];

				if (q->src < 0 || q->tr != (int)k)
					continue;
				n++;
				if (dist_to(plain ? &q->plain : &q->h,
					    &photos[q->src],
					    plain) <= thresholds[t])
					hit++;
			}
			printf(" %6.1f%%",
			       n ? 100.0 * (double)hit / (double)n : 0.0);
		}
		printf("\n");
	}
	/* False matches: any query within the threshold of a photo that is
	 * not its source. */
	printf("%-10s", "false");
	for (t = 0; t < NT; t++) {
		size_t bad = 0, n = 0;

		for (i = 0; i < nqueries + nextra; i++) {
			const struct td_phash *h;
			int src = -1;
			size_t p;

			if (i < nqueries) {
				h = plain ? &queries[i].plain : &queries[i].h;
				src = queries[i].src;
			} else {
				h = &extra[i - nqueries];
			}
			n++;
			for (p = 0; p < nphotos; p++)
				if ((int)p != src &&
				    dist_to(h, &photos[p], plain) <=
					    thresholds[t]) {
					bad++;
					break;
				}
		}
		printf(" %6.2f%%", 100.0 * (double)bad / (double)n);
	}
	printf("\n");
}

int
main(int argc, char **argv)
{
	static char *names[MAXQ];
	static struct td_phash extra[4096];
	char path[8448], dir[4096];
	size_t n, i, k, nextra = 0, nvar = 0, nneg = 0, lowq = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: eval_image CORPUS [HAYSTACK]\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/official", argv[1]);
	n = list_dir(dir, names, MAXP);
	for (i = 0; i < n; i++) {
		struct td_image img = TD_IMAGE_INIT;
		struct photo *p = &photos[nphotos++];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		decode(path, &img);
		snprintf(p->name, sizeof(p->name), "%.*s",
			 (int)(strrchr(names[i], '.') - names[i]), names[i]);
		p->nv = td_phash_variants(&img, p->v);
		nvar += p->nv;
		td_image_release(&img);
		free(names[i]);
	}
	snprintf(dir, sizeof(dir), "%s/listing", argv[1]);
	n = list_dir(dir, names, MAXQ);
	for (i = 0; i < n; i++) {
		char *at = strchr(names[i], '@'), *dot = strrchr(names[i], '.');
		int src = -1, tr = -1;
		size_t p;

		if (!at || !dot)
			continue;
		for (p = 0; p < nphotos; p++)
			if (strlen(photos[p].name) == (size_t)(at - names[i]) &&
			    strncmp(photos[p].name, names[i],
				    (size_t)(at - names[i])) == 0)
				src = (int)p;
		for (k = 0; k < NTR; k++)
			if (strlen(transforms[k]) == (size_t)(dot - at - 1) &&
			    strncmp(transforms[k], at + 1,
				    (size_t)(dot - at - 1)) == 0)
				tr = (int)k;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		add_query(path, src, src >= 0 ? tr : -1);
		if (src < 0)
			nneg++;
		free(names[i]);
	}
	snprintf(dir, sizeof(dir), "%s/unrelated", argv[1]);
	n = list_dir(dir, names, MAXQ);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		add_query(path, -1, -1);
		nneg++;
		free(names[i]);
	}
	for (i = 0; i < nqueries; i++)
		if (queries[i].quality < TD_PHASH_QUALITY_MIN)
			lowq++;
	if (argc > 2) {
		FILE *f = fopen(argv[2], "r");
		char line[256];

		while (f && nextra < 4096 && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (td_phash_from_hex(line, &extra[nextra], NULL) == 0)
				nextra++;
		}
		if (f)
			fclose(f);
	}
	printf("eval-image: %zu official photos indexed as %zu variant "
	       "hashes;\n%zu listing queries (%zu of official photos, %zu "
	       "unrelated), %zu extra unrelated hashes;\n%zu queries with "
	       "quality < %d\n",
	       nphotos, nvar, nqueries, nqueries - nneg, nneg, nextra, lowq,
	       TD_PHASH_QUALITY_MIN);
	printf("match rate per transformation, and false-match rate over "
	       "all queries\n");
	report(0, extra, nextra);
	report(1, extra, nextra);
	return 0;
}
