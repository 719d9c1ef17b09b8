/*
 * eval_image CORPUS [HAYSTACK]: how well official photos are found again
 * after the edits sellers make, and how often unrelated photos match.
 *
 * CORPUS is made by bench/image_corpus.py. Each official photo is indexed
 * under its variant set (td_phash_variants); each listing photo is looked
 * up with its query set (td_phash_query_set): it matches a photo when
 * any query hash is within the threshold of any of the photo's variants.
 * Prints, per threshold, the match rate per transformation and the
 * false-match rate (a negative within the threshold of any official
 * photo, or a query within it of a photo that is not its source), for
 * three methods that use parts of the same hashes:
 *
 *   takedown   all variants, all query hashes
 *   previous   the earlier method: dihedrals of the whole and trimmed
 *              picture and centre crops; the trimmed listing hash only
 *   plain PDQ  one hash per photo, the listing as it is
 *
 * HAYSTACK (optional) is a file of unrelated PDQ hashes (pdq-vectors
 * hashes/haystack.txt), used as extra negatives (one hash each).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/phash.h"

#define MAXP 128
#define MAXQ 4096
#define MAXX 4096
#define NT   7
#define FAR  257

static const int thresholds[NT] = {24, 28, 31, 36, 40, 48, 56};
static const char *const transforms[] = {
	"crop10",   "crop10tl",  "crop7tl", "crop15r", "crop3s", "crop4s",
	"crop25br", "border15",  "jpeg20",  "half",    "third",  "mirror",
	"banner",   "bannertop", "combo",   "square",  "rot5",
};
#define NTR (sizeof(transforms) / sizeof(transforms[0]))

enum method { TAKEDOWN, PREVIOUS, PLAIN, NMETHOD };
static const char *const method_names[NMETHOD] = {
	"takedown (variant set x query set)",
	"previous (whole/trim dihedrals + centre crops; trimmed listing)",
	"plain PDQ (one hash per photo, the listing as it is)",
};

struct photo {
	char name[128];                                      /* file stem */
	struct td_phash_variant v[TD_PHASH_MAX_VARIANTS];    /* its variants */
	size_t nv;                                           /* how many */
	struct td_phash set[NMETHOD][TD_PHASH_MAX_VARIANTS]; /* indexed
						hashes of each method */
	size_t nset[NMETHOD];                                /* how many */
};

struct query {
	char name[128]; /* file name */
	int src;        /* official source, or -1 */
	int tr;         /* transforms[], or -1 */
	struct td_phash_query q[TD_PHASH_MAX_QUERIES];      /* its query set */
	size_t nq;                                          /* how many */
	struct td_phash set[NMETHOD][TD_PHASH_MAX_QUERIES]; /* looked-up
						hashes of each method */
	size_t nset[NMETHOD];                               /* how many */
	int best[NMETHOD];     /* distance to source */
	int impostor[NMETHOD]; /* to nearest other */
};

static struct photo photos[MAXP];
static size_t nphotos;
static struct query queries[MAXQ];
static size_t nqueries;
static struct td_phash extra[MAXX];
static int extra_impostor[MAXX][NMETHOD];
static size_t nextra;

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

/* The border tolerance of the previous method's trim step. */
#define PREVIOUS_TRIM_TOL 24

static size_t
add_region(const struct td_image *img, const struct td_image_box *b,
	   unsigned mask, struct td_phash *out, size_t n)
{
	struct td_phash dih[TD_PHASH_NDIHEDRAL];
	int d;

	td_phash_region(img, b, mask, dih, NULL);
	for (d = 0; d < TD_PHASH_NDIHEDRAL; d++)
		if (mask & (1u << d))
			out[n++] = dih[d];
	return n;
}

/*
 * The previous method's variant set: the 8 dihedrals of the whole
 * picture; with borders (trimmed at tolerance 24), the 8 of the trimmed
 * one; centre crops keeping 90%, 80% and 70% of the (trimmed) picture,
 * as is and mirrored.
 */
static size_t
previous_variants(const struct td_image *img, struct td_phash *out)
{
	static const int keep[] = {90, 80, 70};
	struct td_image_box base = {0, 0, img->width, img->height};
	struct td_image_box t = td_image_border_box(img, PREVIOUS_TRIM_TOL);
	size_t n = 0, i;

	n = add_region(img, &base, 0xff, out, n);
	if (t.w != base.w || t.h != base.h) {
		n = add_region(img, &t, 0xff, out, n);
		base = t;
	}
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		struct td_image_box b;

		b.w = (uint32_t)((uint64_t)base.w * keep[i] / 100);
		b.h = (uint32_t)((uint64_t)base.h * keep[i] / 100);
		b.x = base.x + (base.w - b.w) / 2;
		b.y = base.y + (base.h - b.h) / 2;
		n = add_region(img, &b,
			       1u << TD_PHASH_ORIGINAL | 1u << TD_PHASH_FLIPY,
			       out, n);
	}
	return n;
}

/* Smallest distance from any hash of a to any of b. */
static int
dist_sets(const struct td_phash *a, size_t na, const struct td_phash *b,
	  size_t nb)
{
	int best = FAR;
	size_t i, k;

	for (k = 0; k < na; k++)
		for (i = 0; i < nb; i++) {
			int d = td_phash_distance(&a[k], &b[i]);

			if (d < best)
				best = d;
		}
	return best;
}

static int
dist_query(const struct query *q, const struct photo *p, enum method m)
{
	return dist_sets(q->set[m], q->nset[m], p->set[m], p->nset[m]);
}

static void
add_query(const char *path, int src, int tr)
{
	struct td_image img = TD_IMAGE_INIT;
	struct query *q = &queries[nqueries++];
	struct td_image_box b;
	size_t k;
	int m;

	decode(path, &img);
	snprintf(q->name, sizeof(q->name), "%s", strrchr(path, '/') + 1);
	q->src = src;
	q->tr = tr;
	q->nq = td_phash_query_set(&img, q->q);
	for (k = 0; k < q->nq; k++)
		q->set[TAKEDOWN][k] = q->q[k].hash;
	q->nset[TAKEDOWN] = q->nq;
	/* previous: the listing trimmed at tolerance 24 */
	b = td_image_border_box(&img, PREVIOUS_TRIM_TOL);
	td_phash_region(&img, &b, 1, &q->set[PREVIOUS][0], NULL);
	q->nset[PREVIOUS] = 1;
	q->set[PLAIN][0] = q->q[0].hash; /* the whole picture */
	q->nset[PLAIN] = 1;
	td_image_release(&img);
	for (m = 0; m < NMETHOD; m++) {
		size_t p;

		q->best[m] = src >= 0 ? dist_query(q, &photos[src], m) : FAR;
		q->impostor[m] = FAR;
		for (p = 0; p < nphotos; p++) {
			int d;

			if ((int)p == src)
				continue;
			d = dist_query(q, &photos[p], m);
			if (d < q->impostor[m])
				q->impostor[m] = d;
		}
	}
}

/* The listing photos closest to a photo that is not theirs: which
 * query hash and which variant. */
static void
near_misses(enum method m)
{
	size_t i, k, p, v;

	for (i = 0; i < nqueries; i++) {
		const struct query *q = &queries[i];

		if (q->impostor[m] > 64)
			continue;
		for (p = 0; p < nphotos; p++) {
			if ((int)p == q->src)
				continue;
			for (k = 0; k < q->nq; k++)
				for (v = 0; v < photos[p].nv; v++) {
					const struct td_phash_variant *pv =
						&photos[p].v[v];
					char vn[64];
					int d = td_phash_distance(&q->q[k].hash,
								  &pv->hash);

					if (d != q->impostor[m])
						continue;
					td_phash_variant_name(pv, vn,
							      sizeof(vn));
					printf("  near miss: %s %s (q%d) vs "
					       "%s %s (q%d): %d bits\n",
					       q->name,
					       td_phash_query_name(
						       q->q[k].kind),
					       q->q[k].quality, photos[p].name,
					       vn, pv->quality, d);
				}
		}
	}
}

/* The official photos' listings not found at 31 bits (rot5 and the
 * crop beyond the variant set's grid aside: they are expected to miss). */
static void
misses(enum method m)
{
	size_t i;

	printf("  not found at 31:");
	for (i = 0; i < nqueries; i++) {
		const struct query *q = &queries[i];

		if (q->src < 0 || q->best[m] <= 31 ||
		    strstr(q->name, "@rot5") || strstr(q->name, "@crop25br"))
			continue;
		printf(" %s (%d bits, q%d)", q->name, q->best[m],
		       q->q[0].quality);
	}
	printf("\n");
}

static void
report(enum method m)
{
	size_t i, k, t, nbad_q = 0;
	int closest = FAR, closest_extra = FAR;

	printf("\n%s\n", method_names[m]);
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
				if (q->best[m] <= thresholds[t])
					hit++;
			}
			printf(" %6.1f%%",
			       n ? 100.0 * (double)hit / (double)n : 0.0);
		}
		printf("\n");
	}
	/* False matches: a listing photo within the threshold of a photo
	 * that is not its source (every listing photo counts: those of
	 * unrelated photos and those of official ones), and the
	 * haystack's hashes within it of any photo. */
	printf("%-10s", "false");
	for (t = 0; t < NT; t++) {
		size_t bad = 0;

		for (i = 0; i < nqueries; i++)
			if (queries[i].impostor[m] <= thresholds[t])
				bad++;
		for (i = 0; i < nextra; i++)
			if (extra_impostor[i][m] <= thresholds[t])
				bad++;
		printf(" %6.2f%%",
		       100.0 * (double)bad / (double)(nqueries + nextra));
	}
	printf("\n");
	for (i = 0; i < nqueries; i++) {
		if (queries[i].impostor[m] < closest)
			closest = queries[i].impostor[m];
		if (queries[i].impostor[m] <= 40)
			nbad_q++;
	}
	for (i = 0; i < nextra; i++)
		if (extra_impostor[i][m] < closest_extra)
			closest_extra = extra_impostor[i][m];
	printf("closest non-source photo: %d bits (listing photos; %zu "
	       "within 40), %d bits (haystack)\n",
	       closest, nbad_q, closest_extra);
	if (m == TAKEDOWN) {
		near_misses(m);
		misses(m);
	}
}

static void
load_extra(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t i, p;
	int m;

	if (!f) {
		perror(path);
		exit(1);
	}
	while (nextra < MAXX && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (td_phash_from_hex(line, &extra[nextra], NULL) == 0)
			nextra++;
	}
	fclose(f);
	/* Haystack hashes are single hashes: compared with every photo's
	 * indexed hashes. */
	for (i = 0; i < nextra; i++)
		for (m = 0; m < NMETHOD; m++) {
			extra_impostor[i][m] = FAR;
			for (p = 0; p < nphotos; p++) {
				int d = dist_sets(&extra[i], 1,
						  photos[p].set[m],
						  photos[p].nset[m]);

				if (d < extra_impostor[i][m])
					extra_impostor[i][m] = d;
			}
		}
}

int
main(int argc, char **argv)
{
	static char *names[MAXQ];
	char path[8448], dir[4096];
	size_t n, i, k, nvar = 0, nneg = 0, nqh = 0, lowq = 0;
	int m;

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
		for (k = 0; k < p->nv; k++)
			p->set[TAKEDOWN][k] = p->v[k].hash;
		p->nset[TAKEDOWN] = p->nv;
		p->nset[PREVIOUS] = previous_variants(&img, p->set[PREVIOUS]);
		p->set[PLAIN][0] = p->v[0].hash; /* whole, as is */
		p->nset[PLAIN] = 1;
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

		if (!at || !dot) {
			free(names[i]);
			continue;
		}
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
		if (nqueries < MAXQ)
			add_query(path, src, src >= 0 ? tr : -1);
		if (src < 0)
			nneg++;
		free(names[i]);
	}
	snprintf(dir, sizeof(dir), "%s/unrelated", argv[1]);
	n = list_dir(dir, names, MAXQ);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (nqueries < MAXQ)
			add_query(path, -1, -1);
		nneg++;
		free(names[i]);
	}
	for (i = 0; i < nqueries; i++) {
		nqh += queries[i].nq;
		if (queries[i].q[0].quality < TD_PHASH_QUALITY_MIN)
			lowq++;
	}
	if (argc > 2)
		load_extra(argv[2]);
	printf("eval-image: %zu official photos indexed as %zu variant "
	       "hashes (%.1f a photo);\n%zu listing photos (%zu of official "
	       "photos, %zu unrelated) looked up with %zu query hashes;\n"
	       "%zu extra unrelated hashes (haystack); %zu listing photos "
	       "with quality < %d\n",
	       nphotos, nvar, (double)nvar / (double)nphotos, nqueries,
	       nqueries - nneg, nneg, nqh, nextra, lowq, TD_PHASH_QUALITY_MIN);
	for (m = 0; m < NMETHOD; m++) {
		size_t np = 0, nq = 0;

		for (i = 0; i < nphotos; i++)
			np += photos[i].nset[m];
		for (i = 0; i < nqueries; i++)
			nq += queries[i].nset[m];
		printf("%-10s %5zu indexed hashes, %5zu query hashes\n",
		       m == TAKEDOWN   ? "takedown"
		       : m == PREVIOUS ? "previous"
				       : "plain",
		       np, nq);
	}
	printf("match rate per transformation; false-match rate over all "
	       "%zu listing photos and haystack hashes\n",
	       nqueries + nextra);
	for (m = 0; m < NMETHOD; m++)
		report((enum method)m);
	return 0;
}
