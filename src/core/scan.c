/* Scanning a feed: detect, store in batches, resume. */
#include "core/scan.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/phash.h"
#include "core/portfolio_io.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* --- the workspace's detector -------------------------------------------- */

static int
read_whole(const char *path, struct td_buf *out, int *missing,
	   struct td_err *err)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	*missing = 0;
	if (!f) {
		*missing = 1;
		return 0;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		td_buf_add(out, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return td_errf(err, TD_EIO, "%s: read error", path);
	}
	fclose(f);
	return 0;
}

/* data/cues/{en,zh}.tsv, then every .tsv file in the workspace cues/. */
static int
load_cues(struct td_ws *ws, struct td_cue_list *cues, struct td_err *err)
{
	struct td_buf dir = TD_BUF_INIT, path = TD_BUF_INIT;
	struct dirent **names = NULL;
	int n, i, rc;

	if ((rc = td_cue_list_add_builtin(cues, "en", err)) ||
	    (rc = td_cue_list_add_builtin(cues, "zh", err)))
		return rc;
	td_buf_addf(&dir, "%s/cues", ws->dir);
	n = scandir(dir.data, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);

		if (rc == 0 && len > 4 &&
		    strcmp(names[i]->d_name + len - 4, ".tsv") == 0) {
			td_buf_reset(&path);
			td_buf_addf(&path, "%s/%s", dir.data, names[i]->d_name);
			rc = td_cue_list_load(cues, path.data, err);
		}
		free(names[i]);
	}
	free(names);
	td_buf_release(&dir);
	td_buf_release(&path);
	return rc;
}

static int
load_params(struct td_ws *ws, struct td_detect_params *p, struct td_err *err)
{
	struct td_buf path = TD_BUF_INIT, text = TD_BUF_INIT;
	int missing, rc;

	rc = td_detect_params_builtin(p, err);
	if (rc)
		return rc;
	td_buf_addf(&path, "%s/scoring.json", ws->dir);
	rc = read_whole(path.data, &text, &missing, err);
	if (rc == 0 && !missing)
		rc = td_detect_params_parse(p, text.data, text.len, path.data,
					    err);
	td_buf_release(&path);
	td_buf_release(&text);
	return rc;
}

/*
 * The hashing method of official photo variants. Raise it whenever
 * td_phash_variants() changes, so stored hashes are computed again.
 */
#define PHOTO_METHOD 3

/* Decode an official photo and hash its variants. */
static int
hash_photo(struct td_ws *ws, const struct td_photo *ph, const char *sku,
	   struct td_photo_hash **out, size_t *n, struct td_err *err)
{
	struct td_phash_opts opts = TD_PHASH_OPTS_INIT;
	struct td_image img = TD_IMAGE_INIT;
	struct td_phash_variant *v;
	struct td_buf path = TD_BUF_INIT;
	size_t j;
	int rc;

	rc = td_ws_file_verify(ws, ph->sha256, err);
	if (rc == 0) {
		td_blob_path(ws->files, ph->sha256, &path);
		rc = td_phash_decode_file(path.data, &opts, &img, err);
	}
	td_buf_release(&path);
	if (rc) {
		td_err_prefix(err, "official photo %s of %s", ph->filename,
			      sku);
		return rc;
	}
	v = td_xcalloc(TD_PHASH_MAX_VARIANTS, sizeof(*v));
	*n = td_phash_variants(&img, v);
	*out = td_xcalloc(*n + 1, sizeof(**out));
	for (j = 0; j < *n; j++) {
		(*out)[j].hash = v[j].hash;
		(*out)[j].quality = v[j].quality;
		td_phash_variant_name(&v[j], (*out)[j].variant,
				      sizeof((*out)[j].variant));
	}
	free(v);
	td_image_release(&img);
	return 0;
}

/*
 * Put every variant of every official photo into the detector. Variant
 * hashes are kept in the store by the photo's SHA-256, so a photo is
 * decoded once, not at every scan; a stored file that changed is an
 * error, never used.
 */
static int
add_photos(struct td_ws *ws, struct td_detector *d,
	   const struct td_portfolio *pf, int cache, struct td_err *err)
{
	size_t i, k, j;
	int rc = 0;

	for (i = 0; rc == 0 && i < pf->nproducts; i++) {
		const struct td_product *p = &pf->products[i];

		for (k = 0; rc == 0 && k < p->nimages; k++) {
			const struct td_photo *ph = &p->images[k];
			struct td_photo_hash *v = NULL;
			struct td_phash *h = NULL;
			const char **np = NULL;
			size_t n = 0;

			rc = td_store_photo_hashes_get(ws->store, ph->sha256,
						       PHOTO_METHOD, &v, &n,
						       err);
			if (rc == 0 && n == 0) {
				rc = hash_photo(ws, ph, p->sku, &v, &n, err);
				/* A cache: a read-only scan may not keep it. */
				if (rc == 0 && cache &&
				    td_store_begin(ws->store, NULL) == 0) {
					if (td_store_photo_hashes_put(
						    ws->store, ph->sha256,
						    PHOTO_METHOD, v, n,
						    NULL) == 0)
						td_store_commit(ws->store,
								NULL);
					else
						td_store_rollback(ws->store);
				}
			}
			if (rc == 0) {
				h = td_xcalloc(n + 1, sizeof(*h));
				np = td_xcalloc(n + 1, sizeof(*np));
			}
			for (j = 0; rc == 0 && j < n; j++) {
				h[j] = v[j].hash;
				np[j] = v[j].variant;
			}
			if (rc == 0)
				rc = td_detector_add_photo(d, p->sku, k, h, np,
							   n, err);
			free(h);
			free(np);
			free(v);
		}
	}
	return rc;
}

struct td_detector *
td_scan_detector(struct td_ws *ws, int32_t today, int cache, struct td_err *err)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_cue_list cues = TD_CUE_LIST_INIT;
	struct td_rates rates = TD_RATES_INIT;
	struct td_detect_params params;
	struct td_detector *d = NULL;

	if (td_store_portfolio_load(ws->store, &pf, err) < 0 ||
	    load_cues(ws, &cues, err) < 0 ||
	    td_rates_builtin(&rates, err) < 0 ||
	    td_store_rates_load(ws->store, &rates, err) < 0 ||
	    load_params(ws, &params, err) < 0)
		goto out;
	d = td_detector_new(&pf, &cues, &rates, &params, today, err);
	if (d && add_photos(ws, d, &pf, cache, err) < 0) {
		td_detector_free(d);
		d = NULL;
	}
out:
	td_portfolio_release(&pf);
	td_cue_list_release(&cues);
	td_rates_release(&rates);
	return d;
}

/* --- a set of listing keys ----------------------------------------------- */

/*
 * The listings that have a stored finding, as 64-bit hashes of
 * (platform, id) in an open-addressing table: 16 bytes a finding at
 * most, read with one query. A hash says "maybe" (two keys could share
 * one); the store says yes or no for a listing that is no finding now.
 */
struct keyset {
	uint64_t *v; /* slots: a key's hash, 0 = empty */
	size_t cap;  /* a power of two */
	size_t n;    /* used */
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The hash of a listing key: FNV-1a over platform, 0x1f, id, mixed. */
static uint64_t
key_hash(const char *platform, const char *id)
{
	uint64_t h = fnv(platform);

	h = (h ^ 0x1f) * 1099511628211ULL;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static int
keyset_has(const struct keyset *ks, uint64_t h)
{
	size_t i;

	if (!ks->cap)
		return 0;
	for (i = h & (ks->cap - 1); ks->v[i]; i = (i + 1) & (ks->cap - 1))
		if (ks->v[i] == h)
			return 1;
	return 0;
}

static void
keyset_add(struct keyset *ks, uint64_t h)
{
	size_t i;

	if ((ks->n + 1) * 2 > ks->cap) {
		struct keyset big = {0};

		big.cap = ks->cap ? ks->cap * 2 : 1024;
		big.v = td_xcalloc(big.cap, sizeof(*big.v));
		for (i = 0; i < ks->cap; i++)
			if (ks->v[i]) {
				size_t j = ks->v[i] & (big.cap - 1);

				while (big.v[j])
					j = (j + 1) & (big.cap - 1);
				big.v[j] = ks->v[i];
			}
		big.n = ks->n;
		free(ks->v);
		*ks = big;
	}
	for (i = h & (ks->cap - 1); ks->v[i]; i = (i + 1) & (ks->cap - 1))
		if (ks->v[i] == h)
			return;
	ks->v[i] = h;
	ks->n++;
}

static void
keyset_release(struct keyset *ks)
{
	free(ks->v);
	memset(ks, 0, sizeof(*ks));
}

/* --- listing copies for photo batches ------------------------------------ */

struct pending {
	struct td_listing l; /* the copy */
	char **owned;        /* every string it owns */
	size_t nowned, owned_alloc;
	struct td_detect_photo *photos;
	size_t first_image; /* its first photo in the batch's slots */
};

static const char *
keep(struct pending *p, const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = td_xstrdup(s);
	TD_GROW(p->owned, p->nowned + 1, p->owned_alloc);
	p->owned[p->nowned++] = c;
	return c;
}

static const char **
keep_list(struct pending *p, const char **v, size_t n)
{
	const char **c;
	size_t i;

	if (!n)
		return NULL;
	c = td_xcalloc(n, sizeof(*c));
	for (i = 0; i < n; i++)
		c[i] = keep(p, v[i]);
	TD_GROW(p->owned, p->nowned + 1, p->owned_alloc);
	p->owned[p->nowned++] = (char *)(void *)c;
	return c;
}

static void
pending_copy(struct pending *p, const struct td_listing *l)
{
	memset(p, 0, sizeof(*p));
	p->l = *l;
	p->l.platform = keep(p, l->platform);
	p->l.id = keep(p, l->id);
	p->l.url = keep(p, l->url);
	p->l.title = keep(p, l->title);
	p->l.description = keep(p, l->description);
	p->l.seller.id = keep(p, l->seller.id);
	p->l.seller.name = keep(p, l->seller.name);
	p->l.seller.phone = keep(p, l->seller.phone);
	p->l.seller.email = keep(p, l->seller.email);
	p->l.seller.address = keep(p, l->seller.address);
	p->l.seller.company = keep(p, l->seller.company);
	p->l.ships_to = keep_list(p, l->ships_to, l->nships_to);
	p->l.images = keep_list(p, l->images, l->nimages);
	p->l.image_pdq = keep_list(p, l->image_pdq, l->nimage_pdq);
}

static void
pending_release(struct pending *p)
{
	size_t i;

	for (i = 0; i < p->nowned; i++)
		free(p->owned[i]);
	free(p->owned);
	free(p->photos);
	memset(p, 0, sizeof(*p));
}

/* --- the scan ------------------------------------------------------------ */

#define PENDING_MAX 32

struct count_ix {
	size_t *slot; /* index + 1 of a key's count, or 0 */
	size_t cap;   /* slots, a power of two */
};

struct run {
	struct td_ws *ws;
	struct td_store *st;
	const struct td_detector *d;
	struct td_detect_scratch *scratch;
	const struct td_scan_opts *o;
	const struct td_scan_cb *cb;
	struct td_scan_stats *s;
	struct td_err *err;
	struct keyset known; /* listings with a stored finding */
	struct td_buf hashbuf;
	struct pending pend[PENDING_MAX];
	size_t npend;
	struct td_phash_item *items;
	size_t nitems, items_alloc;
	struct td_fetch_item *fetch; /* the batch's photo URLs */
	size_t nfetch, fetch_alloc;
	long *slot; /* per photo of the batch: its item, or SLOT_* */
	size_t nslot, slot_alloc;
	struct td_buf path;
	struct td_buf paths; /* NUL-separated full paths of items */
	struct count_ix by_right, by_platform; /* where each key's count is */
	struct td_finding f; /* lends its memory to each listing's finding */
};

/* Count one finding for key; ix finds the key's count in a hash table
 * (a portfolio has hundreds of rights). */
static void
count(struct td_scan_count **v, size_t *n, struct count_ix *ix, const char *key)
{
	size_t i, m;

	if ((*n + 1) * 2 > ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 64;
		free(ix->slot);
		ix->slot = td_xcalloc(ix->cap, sizeof(*ix->slot));
		for (i = 0; i < *n; i++) {
			size_t j = fnv((*v)[i].key) & (ix->cap - 1);

			while (ix->slot[j])
				j = (j + 1) & (ix->cap - 1);
			ix->slot[j] = i + 1;
		}
	}
	m = ix->cap - 1;
	for (i = fnv(key) & m; ix->slot[i]; i = (i + 1) & m)
		if (strcmp((*v)[ix->slot[i] - 1].key, key) == 0) {
			(*v)[ix->slot[i] - 1].n++;
			return;
		}
	*v = td_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].key = td_xstrdup(key);
	(*v)[*n].n = 1;
	(*n)++;
	ix->slot[i] = *n;
}

static void
keep_top(struct td_scan_stats *s, const struct td_listing *l, double score,
	 int64_t id)
{
	struct td_scan_top t;
	size_t i;

	if (s->ntop == TD_SCAN_TOP && score <= s->top[TD_SCAN_TOP - 1].score)
		return;
	t.score = score;
	t.platform = td_xstrdup(l->platform);
	t.id = td_xstrdup(l->id);
	t.title =
		td_xstrndup(l->title, l->title_len > 120 ? 120 : l->title_len);
	t.finding = id;
	if (s->ntop == TD_SCAN_TOP) {
		free(s->top[TD_SCAN_TOP - 1].platform);
		free(s->top[TD_SCAN_TOP - 1].id);
		free(s->top[TD_SCAN_TOP - 1].title);
		s->ntop--;
	}
	for (i = s->ntop; i > 0 && s->top[i - 1].score < score; i--)
		s->top[i] = s->top[i - 1];
	s->top[i] = t;
	s->ntop++;
}

/* SHA-256 of the listing's content (captured_at left out: the same
 * listing captured again is the same listing). */
static void
content_hash(struct run *r, const struct td_listing *l, char *hex)
{
	struct td_buf *b = &r->hashbuf;
	size_t i;

/* What td_buf_addf(b, "%s\x1f", s or "\x1e") wrote, without printf. */
#define F(s)                                                                   \
	do {                                                                   \
		const char *f_ = (s) ? (s) : "\x1e";                           \
		td_buf_add(b, f_, strlen(f_));                                 \
		td_buf_addch(b, 0x1f);                                         \
	} while (0)
	td_buf_reset(b);
	F(l->platform);
	F(l->id);
	F(l->url);
	td_buf_add(b, l->title, l->title_len);
	td_buf_addch(b, 0x1f);
	if (l->description)
		td_buf_add(b, l->description, l->description_len);
	td_buf_addch(b, 0x1f);
	if (l->has_price) {
		char num[400];
		int n = snprintf(num, sizeof(num), "%.6f", l->price);

		td_buf_add(b, num,
			   n > 0 && n < (int)sizeof(num) ? (size_t)n : 0);
	}
	F(l->currency);
	F(l->seller.id);
	F(l->seller.name);
	F(l->seller.phone);
	F(l->seller.email);
	F(l->seller.address);
	F(l->seller.company);
	F(l->ship_from);
	for (i = 0; i < l->nships_to; i++)
		F(l->ships_to[i]);
	{
		char num[24];
		int n = snprintf(num, sizeof(num), "%lld\x1f",
				 (long long)l->sales);

		td_buf_add(b, num, (size_t)n);
	}
	for (i = 0; i < l->nimages; i++)
		F(l->images[i]);
	for (i = 0; i < l->nimage_pdq; i++)
		F(l->image_pdq[i]);
#undef F
	td_sha256_mem(b->data, b->len, hex);
}

/* 1 if the finding's image_reuse signals name listing photo path. */
static int
is_official(const struct td_finding *f, const char *path)
{
	json_t *sig, *e;
	size_t i;
	int found = 0;

	/* Only new or changed listings with photos get here: parsing the
	 * signals' JSON text costs nothing that matters. */
	if (!path || !f->signals.len ||
	    !strstr(f->signals.data, "\"image_reuse\""))
		return 0;
	sig = json_loadb(f->signals.data, f->signals.len, 0, NULL);
	json_array_foreach(sig, i, e)
	{
		const char *k = json_string_value(json_object_get(e, "kind"));
		const char *p =
			json_string_value(json_object_get(e, "listing_photo"));

		if (k && p && strcmp(k, "image_reuse") == 0 &&
		    strcmp(p, path) == 0)
			found = 1;
	}
	json_decref(sig);
	return found;
}

/* Keep a new or changed listing's photo hashes for seller networks and
 * relisting checks (docs/network.md). */
static int
store_photos(struct run *r, int64_t lid, const struct td_detect_photo *photos,
	     size_t n, const struct td_finding *f)
{
	struct td_listing_photo v[16];
	size_t i, k = 0;

	for (i = 0; i < n && k < TD_ARRAY_LEN(v); i++) {
		if (!photos[i].nhashes)
			continue;
		v[k].path = photos[i].path;
		td_phash_to_hex(&photos[i].hashes[0], v[k].pdq);
		v[k].quality = photos[i].quality > 0 ? photos[i].quality : -1;
		v[k].official = is_official(f, photos[i].path);
		k++;
	}
	return td_store_listing_photos_put(r->st, lid, v, k, r->err);
}

static int
process(struct run *r, const struct td_listing *l,
	const struct td_detect_photo *photos, size_t nphotos)
{
	struct td_detect_input in;
	struct td_finding *f = &r->f; /* its memory reused */
	int64_t lid = 0, fid = 0;
	uint64_t key = 0;
	int is_finding, known = 0, state, is_new = 0;
	char hex[TD_SHA256_HEX];
	size_t i;
	int rc = 0;

	in.listing = l;
	in.photos = photos;
	in.nphotos = nphotos;
	in.seller_findings = -1;
	is_finding = td_detect(r->d, r->scratch, &in, f, r->err);
	if (is_finding < 0)
		return is_finding;
	/* A listing found before is kept up to date even when it is no
	 * finding now (its finding stays). */
	if (r->o->store && r->known.n) {
		key = key_hash(l->platform, l->id);
		known = keyset_has(&r->known, key);
		if (known && !is_finding) {
			known = td_store_listing_has_finding(r->st, l->platform,
							     l->id, r->err);
			if (known < 0)
				return known;
		}
	}
	if (!is_finding && !known)
		return 0;
	if (r->o->store) {
		content_hash(r, l, hex);
		rc = td_store_listing_put(r->st, r->s->scan_id, r->o->source, l,
					  hex, r->o->now, &lid, &state, r->err);
		if (rc == 0 && state != TD_LISTING_SAME)
			rc = store_photos(r, lid, photos, nphotos, f);
		if (rc)
			goto out;
	}
	if (!is_finding)
		goto out;
	if (r->o->store && l->seller.id) {
		long earlier = 0;

		rc = td_store_seller_findings(r->st, l->platform, l->seller.id,
					      lid, &earlier, r->err);
		if (rc)
			goto out;
		if (earlier > 0) {
			in.seller_findings = earlier;
			is_finding =
				td_detect(r->d, r->scratch, &in, f, r->err);
			if (is_finding <= 0) {
				rc = is_finding;
				goto out;
			}
		}
	}
	if (r->o->store) {
		rc = td_store_finding_put(r->st, lid, r->s->scan_id, f,
					  r->o->now, &fid, &is_new, r->err);
		if (rc)
			goto out;
		if (!known)
			keyset_add(&r->known,
				   key ? key : key_hash(l->platform, l->id));
	}
	r->s->findings++;
	r->s->new_findings += is_new;
	for (i = 0; i < f->rights.n; i++)
		count(&r->s->by_right, &r->s->nby_right, &r->by_right,
		      f->rights.v[i]);
	count(&r->s->by_platform, &r->s->nby_platform, &r->by_platform,
	      l->platform);
	keep_top(r->s, l, f->score, fid);
	if (r->cb->finding && r->cb->finding(r->cb->arg, l, f, fid))
		rc = td_errf(r->err, TD_ERROR, "scan stopped");
out:
	return rc;
}

static const char *
photo_path(struct run *r, const char *p)
{
	td_buf_reset(&r->path);
	if (p[0] == '/' || !r->o->base_dir)
		td_buf_addstr(&r->path, p);
	else
		td_buf_addf(&r->path, "%s/%s", r->o->base_dir, p);
	return r->path.data;
}

/* A photo of the batch that is no hash item: a URL not fetched (no
 * opts.fetch), or one whose fetch failed (SLOT_FETCH_FAILED - index of
 * its fetch item). */
#define SLOT_UNFETCHED    (-1L)
#define SLOT_FETCH_FAILED (-2L)

/*
 * Fetch the photo URLs of the pending listings (when opts.fetch says
 * where to), hash every photo on both cores, then detect.
 */
static int
flush(struct run *r)
{
	struct td_phash_opts opts = TD_PHASH_OPTS_INIT;
	size_t i, k, off = 0, g;
	int rc = 0;

	if (!r->npend)
		return 0;
	r->nitems = r->nfetch = r->nslot = 0;
	td_buf_reset(&r->paths);
	/* The URLs first: into the cache, several at a time. */
	for (i = 0; r->o->fetch && i < r->npend; i++) {
		struct pending *p = &r->pend[i];

		for (k = 0; k < p->l.nimages; k++) {
			if (!td_fetch_is_url(p->l.images[k]))
				continue;
			TD_GROW(r->fetch, r->nfetch + 1, r->fetch_alloc);
			memset(&r->fetch[r->nfetch], 0, sizeof(*r->fetch));
			r->fetch[r->nfetch++].url = p->l.images[k];
		}
	}
	if (r->nfetch) {
		struct td_err ferr = TD_ERR_INIT;

		if (td_fetch_files(r->fetch, r->nfetch, r->o->fetch, &ferr) <
		    0) {
			/* No cache: every URL of the batch fails alike. */
			for (i = 0; i < r->nfetch; i++) {
				r->fetch[i].rc = ferr.code;
				r->fetch[i].err = ferr;
			}
		}
		for (i = 0; i < r->nfetch; i++)
			r->s->photos_fetched +=
				r->fetch[i].rc == 0 && !r->fetch[i].cached;
	}
	for (i = 0, g = 0; i < r->npend; i++) {
		struct pending *p = &r->pend[i];

		p->first_image = r->nslot;
		for (k = 0; k < p->l.nimages; k++) {
			const char *img = p->l.images[k], *full = NULL;
			long slot;

			if (td_fetch_is_url(img)) {
				if (!r->o->fetch) {
					slot = SLOT_UNFETCHED;
				} else if (r->fetch[g].rc < 0) {
					slot = SLOT_FETCH_FAILED - (long)g;
					g++;
				} else {
					full = r->fetch[g++].path;
					slot = (long)r->nitems;
				}
			} else {
				full = photo_path(r, img);
				slot = (long)r->nitems;
			}
			TD_GROW(r->slot, r->nslot + 1, r->slot_alloc);
			r->slot[r->nslot++] = slot;
			if (slot < 0)
				continue;
			td_buf_add(&r->paths, full, strlen(full) + 1);
			TD_GROW(r->items, r->nitems + 1, r->items_alloc);
			memset(&r->items[r->nitems], 0, sizeof(*r->items));
			r->nitems++;
		}
	}
	for (i = 0; i < r->nitems; i++) {
		r->items[i].path = r->paths.data + off;
		off += strlen(r->paths.data + off) + 1;
	}
	opts.query_set = 1;
	td_phash_files(r->items, r->nitems, &opts, 0);
	for (i = 0; i < r->npend && rc == 0; i++) {
		struct pending *p = &r->pend[i];
		size_t np = p->l.nimages + p->l.nimage_pdq;

		p->photos = td_xcalloc(np + 1, sizeof(*p->photos));
		for (k = 0; k < p->l.nimages; k++) {
			long slot = r->slot[p->first_image + k];
			const struct td_err *why = NULL;
			struct td_phash_item *it = NULL;
			size_t j;
			struct td_detect_photo *ph = &p->photos[k];

			ph->path = p->l.images[k];
			if (slot == SLOT_UNFETCHED) {
				r->s->photos_unfetched++;
				continue;
			}
			r->s->photos++;
			if (slot <= SLOT_FETCH_FAILED)
				why = &r->fetch[SLOT_FETCH_FAILED - slot].err;
			else if ((it = &r->items[slot])->rc < 0)
				why = &it->err;
			if (why) {
				struct td_err w = TD_ERR_INIT;
				const char *msg = why->msg;
				size_t pl = it ? strlen(it->path) : 0;

				/* A fetched photo is named by its URL, not
				 * by its file in the cache. */
				if (it && td_fetch_is_url(p->l.images[k]) &&
				    strncmp(msg, it->path, pl) == 0 &&
				    strncmp(msg + pl, ": ", 2) == 0)
					msg += pl + 2;
				else
					it = NULL;
				r->s->photo_errors++;
				td_errf(&w, why->code,
					"%s:%lu: images[%zu]: %s%s%s",
					r->o->source, p->l.line, k,
					it ? p->l.images[k] : "",
					it ? ": " : "", msg);
				if (r->cb->warning)
					r->cb->warning(r->cb->arg, &w);
				continue;
			}
			if (it->quality < TD_PHASH_QUALITY_MIN)
				continue;
			/* The whole photo, trimmed, and with a band cut off
			 * (a seller's banner or caption). */
			for (j = 0;
			     j < it->nqueries && j < TD_ARRAY_LEN(ph->hashes);
			     j++)
				ph->hashes[j] = it->queries[j].hash;
			ph->nhashes = j;
			ph->quality = it->quality;
		}
		for (k = 0; k < p->l.nimage_pdq; k++) {
			struct td_detect_photo *ph =
				&p->photos[p->l.nimages + k];

			ph->path = p->l.image_pdq[k];
			if (td_phash_from_hex(p->l.image_pdq[k], &ph->hashes[0],
					      NULL) == 0)
				ph->nhashes = 1;
		}
		rc = process(r, &p->l, p->photos, np);
	}
	td_fetch_items_release(r->fetch, r->nfetch);
	for (i = 0; i < r->npend; i++)
		pending_release(&r->pend[i]);
	r->npend = 0;
	return rc;
}

static int
one(struct run *r, const struct td_listing *l)
{
	struct td_detect_photo ph[8];
	size_t i, n = 0;

	r->s->listings++;
	if (l->nimages && r->o->photos) {
		pending_copy(&r->pend[r->npend++], l);
		return r->npend == PENDING_MAX ? flush(r) : 0;
	}
	/* Precomputed hashes need no decoding. */
	for (i = 0; i < l->nimage_pdq && n < TD_ARRAY_LEN(ph); i++) {
		memset(&ph[n], 0, sizeof(ph[n]));
		ph[n].path = l->image_pdq[i];
		if (td_phash_from_hex(l->image_pdq[i], &ph[n].hashes[0],
				      NULL) == 0)
			ph[n].nhashes = 1;
		n++;
	}
	return process(r, l, ph, n);
}

static int
commit_batch(struct run *r, int last)
{
	struct td_scan_row row;
	int rc;

	rc = flush(r);
	if (rc || !r->o->store)
		return rc;
	memset(&row, 0, sizeof(row));
	row.id = r->s->scan_id;
	row.records_done = r->s->records;
	row.listings = r->s->listings;
	row.bad_lines = r->s->bad_lines;
	row.findings = r->s->findings;
	rc = td_store_scan_progress(r->st, &row, r->err);
	if (rc == 0 && last)
		rc = td_store_scan_finish(r->st, r->s->scan_id, "done",
					  r->o->now, r->err);
	if (rc == 0)
		rc = td_store_commit(r->st, r->err);
	if (rc == 0 && !last)
		rc = td_store_begin(r->st, r->err);
	return rc;
}

static int
add_known(void *arg, const char *platform, const char *ext_id)
{
	keyset_add(arg, key_hash(platform, ext_id));
	return 0;
}

/* The listings with a finding in the store, as hashes. */
static int
load_known(struct run *r)
{
	return td_store_finding_keys(r->st, add_known, &r->known, r->err);
}

static int
start(struct run *r, struct td_feed *feed)
{
	struct td_scan_row prev;
	const struct td_listing *l;
	struct td_err skip = TD_ERR_INIT;
	int64_t k;
	int rc;

	rc = td_store_begin(r->st, r->err);
	if (rc)
		return rc;
	if (!r->o->resume)
		return td_store_scan_begin(r->st, r->o->source, r->o->source_id,
					   r->o->now, &r->s->scan_id, r->err);
	memset(&prev, 0, sizeof(prev));
	rc = td_store_scan_unfinished(r->st, r->o->source, &prev, r->err);
	if (rc)
		return rc;
	if (prev.source_id && r->o->source_id &&
	    strcmp(prev.source_id, r->o->source_id) != 0) {
		td_scan_row_release(&prev);
		return td_errf(r->err, TD_ECONFLICT,
			       "%s changed since the interrupted scan began: "
			       "scan it again without --resume",
			       r->o->source);
	}
	r->s->scan_id = prev.id;
	r->s->listings = prev.listings;
	r->s->bad_lines = prev.bad_lines;
	r->s->findings = prev.findings;
	/* Skip the records the interrupted scan committed. */
	for (k = 0; k < prev.records_done; k++) {
		rc = td_feed_next(feed, &l, &skip);
		if (rc == TD_EIO) {
			td_scan_row_release(&prev);
			return td_errf(r->err, TD_EIO, "%s", skip.msg);
		}
		if (rc == 0 && !l)
			break;
	}
	r->s->records = k;
	r->s->resumed_from = k;
	td_scan_row_release(&prev);
	return 0;
}

void
td_scan_stats_release(struct td_scan_stats *s)
{
	size_t i;

	for (i = 0; i < s->nby_right; i++)
		free(s->by_right[i].key);
	free(s->by_right);
	for (i = 0; i < s->nby_platform; i++)
		free(s->by_platform[i].key);
	free(s->by_platform);
	for (i = 0; i < s->ntop; i++) {
		free(s->top[i].platform);
		free(s->top[i].id);
		free(s->top[i].title);
	}
	memset(s, 0, sizeof(*s));
}

int
td_scan_run(struct td_ws *ws, const struct td_detector *d, struct td_feed *feed,
	    const struct td_scan_opts *opts, const struct td_scan_cb *cb,
	    struct td_scan_stats *stats, struct td_err *err)
{
	static const struct td_scan_cb none;
	struct run r;
	size_t batch = opts->batch ? opts->batch : 2000;
	int64_t since_commit = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	td_buf_init(&r.f.signals);
	memset(stats, 0, sizeof(*stats));
	r.ws = ws;
	r.st = ws ? ws->store : NULL;
	r.d = d;
	r.o = opts;
	r.cb = cb ? cb : &none;
	r.s = stats;
	r.err = err;
	r.scratch = td_detect_scratch_new(d, err);
	if (!r.scratch)
		return TD_ERROR;
	if (opts->store) {
		rc = start(&r, feed);
		if (rc == 0)
			rc = load_known(&r);
		if (rc)
			goto out;
	}
	for (;;) {
		const struct td_listing *l;
		struct td_err e = TD_ERR_INIT;

		rc = td_feed_next(feed, &l, &e);
		if (rc == 0 && !l)
			break;
		stats->records++;
		since_commit++;
		stats->bytes = td_feed_bytes(feed);
		if (rc == TD_EINVAL || rc == TD_ETOOBIG) {
			stats->bad_lines++;
			if (opts->strict) {
				rc = td_errf(err, TD_EINVAL, "%s", e.msg);
				goto out;
			}
			if (r.cb->warning)
				r.cb->warning(r.cb->arg, &e);
			rc = 0;
		} else if (rc < 0) {
			rc = td_errf(err, rc, "%s", e.msg);
			goto out;
		} else if ((rc = one(&r, l))) {
			goto out;
		}
		if (!opts->strict && (size_t)since_commit >= batch) {
			rc = commit_batch(&r, 0);
			if (rc)
				goto out;
			since_commit = 0;
		}
		if (r.cb->progress && (stats->records & 4095) == 0)
			r.cb->progress(r.cb->arg, stats);
	}
	stats->bytes = td_feed_bytes(feed);
	rc = commit_batch(&r, 1);
	if (rc == 0 && r.cb->progress)
		r.cb->progress(r.cb->arg, stats);
out:
	if (rc && r.st)
		while (td_store_in_tx(r.st))
			td_store_rollback(r.st);
	while (r.npend)
		pending_release(&r.pend[--r.npend]);
	free(r.items);
	free(r.fetch);
	free(r.slot);
	td_buf_release(&r.paths);
	td_buf_release(&r.path);
	td_buf_release(&r.hashbuf);
	keyset_release(&r.known);
	free(r.by_right.slot);
	free(r.by_platform.slot);
	td_finding_release(&r.f);
	td_detect_scratch_free(r.scratch);
	return rc;
}
