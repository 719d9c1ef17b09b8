/*
 * Refreshing the stored seller networks after a scan, incrementally.
 *
 * Only sellers whose listings changed ("dirty") have their evidence taken
 * again. The links that can change are those of a dirty seller, so the
 * refresh relinks a region: the dirty sellers and every seller they
 * could be linked to (sharing an identifier key, an LSH bucket of a
 * changed text or of the shop name, or a near-identical photo; or linked
 * to them already). The region is built as a td_net with all its
 * sellers' data, keys too common in the whole store are declared common
 * in it, and the links among its sellers replace the stored ones. A link
 * between a region seller and one outside it rests on evidence that did
 * not change, so it stays. Networks are then the connected components of
 * the stored links, recomputed for the sellers whose component may have
 * changed.
 */
#include "core/monitor.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/hidx.h"
#include "core/phash.h"
#include "core/strv.h"
#include "core/util.h"
#include "store/store.h"
#include "core/banned.h"

void
td_monitor_stats_release(struct td_monitor_stats *s)
{
	if (!s)
		return;
	td_net_ids_release(&s->changed);
	td_net_ids_release(&s->dropped);
	memset(s, 0, sizeof(*s));
}

/* --- helpers ------------------------------------------------------------- */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The 32 bytes of a PDQ hash in hex (any fixed order serves the
 * distance, which is all td_net compares). */
static int
hex_bytes(const char *hex, uint8_t *out)
{
	size_t i;

	for (i = 0; i < TD_NET_PDQ_BYTES; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* Append without the duplicate check: lists are sorted and made unique
 * once complete (td_ids_sort). */
static void
ids_push(struct td_ids *ids, int64_t id)
{
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	ids->v[ids->n++] = id;
}

/*
 * A seller's texts and photos as evidence: each distinct listing title,
 * description and photo once, newest first, at most MAX_EVIDENCE of
 * each. A shop repeating one listing thousands of times says no more
 * than once, and the cap of a link's text and image evidence is reached
 * with two pairs.
 */
#define MAX_EVIDENCE 200

static void
push_distinct(struct td_strv *out, const char *s)
{
	size_t i;

	if (td_str_empty(s) || out->n >= MAX_EVIDENCE)
		return;
	for (i = 0; i < out->n; i++)
		if (strcmp(out->v[i], s) == 0)
			return;
	td_strv_push(out, s);
}

static void
seller_texts(const struct td_seller_data *d, struct td_strv *out)
{
	size_t i;

	for (i = d->ntexts; i-- > 0 && out->n < MAX_EVIDENCE;) {
		push_distinct(out, d->texts[i].title);
		push_distinct(out, d->texts[i].description);
	}
}

/* Indices into d->photos of the distinct photos, newest first. */
static size_t
seller_photos(const struct td_seller_data *d, size_t *idx)
{
	size_t i, k, n = 0;

	for (i = d->nphotos; i-- > 0 && n < MAX_EVIDENCE;) {
		for (k = 0; k < n; k++)
			if (strcmp(d->photos[idx[k]].pdq, d->photos[i].pdq) ==
			    0)
				break;
		if (k == n)
			idx[n++] = i;
	}
	return n;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void
seller_in(const struct td_seller_data *d, const struct td_strv *texts,
	  const uint8_t (*img)[TD_NET_PDQ_BYTES], size_t n_img,
	  struct td_net_seller *s)
{
	memset(s, 0, sizeof(*s));
	s->platform = d->platform;
	s->id = d->seller_key;
	s->country = d->country;
	s->shop_name = d->name;
	s->phone = d->phone;
	s->email = d->email;
	s->address = d->address;
	s->company = d->company;
	s->texts = (const char *const *)texts->v;
	s->n_texts = texts->n;
	s->images = img;
	s->n_images = n_img;
}

/* A listing photo's place: (listing, pos) -> seller index, image index. */
struct spot {
	int64_t key; /* listing_id << 8 | pos */
	uint32_t si; /* index in the region's td_net */
	uint32_t ii; /* image index of that seller */
};

static int
cmp_spot(const void *a, const void *b)
{
	int64_t x = ((const struct spot *)a)->key;
	int64_t y = ((const struct spot *)b)->key;

	return x < y ? -1 : x > y;
}

static const struct spot *
spot_find(const struct spot *v, size_t n, int64_t listing_id, int pos)
{
	struct spot k;

	k.key = listing_id << 8 | (pos & 0xff);
	return n ? bsearch(&k, v, n, sizeof(*v), cmp_spot) : NULL;
}

/* --- the refresh --------------------------------------------------------- */

/* A set of strings (open addressing). */
struct strset {
	char **v;   /* slots, NULL when empty */
	size_t cap; /* a power of two, or 0 */
	size_t n;   /* used */
};

static uint64_t
str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Add s; returns 1 if it was there already. */
static int
strset_add(struct strset *set, const char *s)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		struct strset big = {NULL, set->cap ? set->cap * 2 : 256, 0};

		big.v = td_xcalloc(big.cap, sizeof(*big.v));
		for (i = 0; i < set->cap; i++) {
			size_t j;

			if (!set->v[i])
				continue;
			for (j = str_hash(set->v[i]) & (big.cap - 1); big.v[j];
			     j = (j + 1) & (big.cap - 1))
				;
			big.v[j] = set->v[i];
		}
		big.n = set->n;
		free(set->v);
		*set = big;
	}
	for (i = str_hash(s) & (set->cap - 1); set->v[i];
	     i = (i + 1) & (set->cap - 1))
		if (strcmp(set->v[i], s) == 0)
			return 1;
	set->v[i] = td_xstrdup(s);
	set->n++;
	return 0;
}

static void
strset_release(struct strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

struct refresh {
	struct td_store *st;
	const struct td_net_params *p;
	const char *now;
	struct td_monitor_stats *s;
	struct td_err *err;
	struct td_ids dirty;         /* sellers whose evidence changed */
	struct td_ids region;        /* sellers to relink */
	int full;                    /* relink every seller: most are dirty */
	struct td_strv common;       /* keys too common in the store */
	struct strset checked;       /* keys whose count was looked up */
	struct td_photo_row *photos; /* every non-official listing photo */
	size_t nphotos;
	struct td_hidx *hidx; /* over photos, id = index in photos */
};

/* Look up a key's holders once: common keys are remembered, the others'
 * holders join the region when add is set. */
static int
key_check(struct refresh *r, const char *key, const char *kind, int add)
{
	enum td_net_kind k = TD_NET_PHONE;
	struct td_ids h = TD_IDS_INIT;
	size_t count = 0, i;
	unsigned limit;
	int rc;

	if (strset_add(&r->checked, key))
		return 0;
	td_net_kind_parse(kind, &k);
	limit = r->p->common_at[k];
	rc = td_store_key_holders(r->st, key, limit, &h, &count, r->err);
	if (rc == 0 && limit && count > limit && !r->full) {
		td_strv_push(&r->common, key);
		r->s->common_keys++;
		/* links it made when it was not common yet are relinked */
		rc = td_store_key_links(r->st, key, &r->region, r->err);
	} else if (rc == 0 && add) {
		for (i = 0; i < h.n; i++)
			ids_push(&r->region, h.v[i]);
	}
	td_ids_release(&h);
	return rc;
}

/* 1 for the bucket of a shop name (td_net_shop_buckets tags them 2). */
static int
shop_bucket(int64_t b)
{
	return ((uint64_t)b >> 40) == 2;
}

/*
 * Add the sellers sharing a bucket with seller id to the region. A shop
 * name bucket is checked at once (names are short: many share a bucket
 * without being similar enough); texts are checked in the region.
 */
static int
add_bucket_sellers(struct refresh *r, int64_t id, const char *shop,
		   const int64_t *b, size_t n)
{
	struct td_ids h = TD_IDS_INIT;
	size_t i, j, count;
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		h.n = 0;
		rc = td_store_bucket_sellers(r->st, b[i], r->p->lsh_max_bucket,
					     &h, &count, r->err);
		for (j = 0; rc == 0 && j < h.n; j++) {
			if (shop_bucket(b[i]) && h.v[j] != id) {
				char *other = td_store_seller_shop(
					r->st, h.v[j], r->err);
				double sim = other ? td_net_shop_similarity(
							     shop, other)
						   : 0;

				free(other);
				if (sim + 1e-12 < r->p->shop_min_similarity)
					continue;
			}
			ids_push(&r->region, h.v[j]);
		}
	}
	td_ids_release(&h);
	return rc;
}

/* Take a dirty seller's evidence and buckets again, and add whoever it
 * could be linked to to the region. */
static int
retake(struct refresh *r, int64_t id)
{
	struct td_seller_data d;
	struct td_net_seller in;
	struct td_net_evs evs = TD_NET_EVS_INIT;
	struct td_strv texts = TD_STRV_INIT;
	struct td_store_evidence *ev = NULL;
	struct td_ids nb = TD_IDS_INIT;
	struct td_hidx_hits hits = TD_HIDX_HITS_INIT;
	int64_t *b = NULL;
	size_t *pidx = NULL;
	size_t i, k, n = 0, np;
	int rc;

	rc = td_store_seller_data(r->st, id, &d, r->err);
	if (rc)
		return rc;
	seller_texts(&d, &texts);
	seller_in(&d, &texts, NULL, 0, &in);
	td_net_extract(&in, r->p->country, &evs);
	ev = td_xcalloc(evs.n ? evs.n : 1, sizeof(*ev));
	for (i = 0; i < evs.n; i++) {
		ev[i].key = evs.v[i].key;
		ev[i].kind = td_net_kind_name(evs.v[i].kind);
		ev[i].raw = evs.v[i].raw;
	}
	rc = td_store_seller_evidence_put(r->st, id, ev, evs.n, r->err);
	for (i = 0; rc == 0 && !r->full && i < evs.n; i++)
		rc = key_check(r, ev[i].key, ev[i].kind, 1);
	/* the buckets of its texts and shop name, each once */
	b = td_xmalloc((texts.n + 1) * 256 * sizeof(*b));
	for (i = 0; i < texts.n; i++)
		n += td_net_text_buckets(r->p, texts.v[i], b + n);
	n += td_net_shop_buckets(r->p, d.name, b + n);
	if (n > 1)
		qsort(b, n, sizeof(*b), cmp_i64);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || b[k - 1] != b[i])
			b[k++] = b[i];
	n = k;
	if (rc == 0)
		rc = td_store_net_buckets_put(r->st, id, b, n, r->err);
	/* candidates: the sellers sharing a bucket with a changed text (or
	 * the shop name), whether or not the bucket is new to the seller */
	for (i = 0, k = 0; i < d.ntexts; i++)
		k += d.texts[i].dirty;
	free(b);
	b = td_xmalloc((2 * k + 1) * 256 * sizeof(*b));
	for (i = 0, n = 0; !r->full && i < d.ntexts; i++) {
		const struct td_seller_text *t = &d.texts[i];

		if (!t->dirty)
			continue;
		n += td_net_text_buckets(r->p, t->title, b + n);
		n += td_net_text_buckets(r->p, t->description, b + n);
	}
	if (!r->full)
		n += td_net_shop_buckets(r->p, d.name, b + n);
	if (n > 1)
		qsort(b, n, sizeof(*b), cmp_i64);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || b[k - 1] != b[i])
			b[k++] = b[i];
	n = k;
	if (rc == 0 && !r->full)
		rc = add_bucket_sellers(r, id, d.name, b, n);
	/* photos of changed listings */
	pidx = td_xcalloc(d.nphotos ? d.nphotos : 1, sizeof(*pidx));
	np = seller_photos(&d, pidx);
	for (i = 0; rc == 0 && !r->full && i < np; i++) {
		const struct td_seller_photo *ph = &d.photos[pidx[i]];
		struct td_phash h;

		if (!ph->dirty || td_phash_from_hex(ph->pdq, &h, NULL) < 0)
			continue;
		rc = td_hidx_query(r->hidx, &h, (int)r->p->image_max_distance,
				   &hits, r->err);
		for (k = 0; rc == 0 && k < hits.n; k++)
			ids_push(&r->region, r->photos[hits.v[k].id].seller_id);
	}
	/* whoever it is linked to now may not be any more */
	if (rc == 0 && !r->full)
		rc = td_store_seller_neighbours(r->st, id, &nb, r->err);
	for (i = 0; rc == 0 && i < nb.n; i++)
		ids_push(&r->region, nb.v[i]);
	ids_push(&r->region, id);
	td_hidx_hits_release(&hits);
	td_ids_release(&nb);
	free(b);
	free(pidx);
	free(ev);
	td_net_evs_release(&evs);
	td_strv_release(&texts);
	td_seller_data_release(&d);
	return rc;
}

static int
load_photos(struct refresh *r)
{
	size_t i;
	int rc;

	rc = td_store_net_photos(r->st, &r->photos, &r->nphotos, r->err);
	if (rc)
		return rc;
	r->hidx = td_hidx_new();
	for (i = 0; rc == 0 && i < r->nphotos; i++) {
		struct td_phash h;

		if (td_phash_from_hex(r->photos[i].pdq, &h, NULL) < 0)
			memset(&h, 0, sizeof(h));
		rc = td_hidx_add(r->hidx, &h, i, r->err);
	}
	td_hidx_build(r->hidx);
	return rc;
}

/* The region as one td_net: every seller with all its data. */
struct region_net {
	struct td_net *net;
	int64_t *ids;       /* per net index: the seller row id */
	struct spot *spots; /* every photo of the region */
	size_t nspots, spots_alloc;
};

static void
region_net_release(struct region_net *rn)
{
	td_net_free(rn->net);
	free(rn->ids);
	free(rn->spots);
	memset(rn, 0, sizeof(*rn));
}

static int
region_build(struct refresh *r, struct region_net *rn)
{
	struct td_hidx_hits hits = TD_HIDX_HITS_INIT;
	struct td_net_image_pair *pairs = NULL;
	size_t npairs = 0, pairs_alloc = 0, i, k;
	int rc = 0;

	rn->net = td_net_new(r->p);
	rn->ids = td_xcalloc(r->region.n ? r->region.n : 1, sizeof(*rn->ids));
	/* keys too common in the store are no evidence here either (with
	 * every seller in the region, td_net counts them itself) */
	for (i = 0; rc == 0 && !r->full && i < r->region.n; i++) {
		struct td_strv keys = TD_STRV_INIT, kinds = TD_STRV_INIT;

		rc = td_store_seller_keys(r->st, r->region.v[i], &keys, &kinds,
					  r->err);
		for (k = 0; rc == 0 && k < keys.n; k++)
			rc = key_check(r, keys.v[k], kinds.v[k], 0);
		td_strv_release(&keys);
		td_strv_release(&kinds);
	}
	for (i = 0; i < r->common.n; i++)
		td_net_set_common(rn->net, r->common.v[i]);
	for (i = 0; rc == 0 && i < r->region.n; i++) {
		struct td_seller_data d;
		struct td_strv texts = TD_STRV_INIT;
		uint8_t(*img)[TD_NET_PDQ_BYTES] = NULL;
		struct td_net_seller in;
		size_t n_img = 0, idx, np, j, *pidx;

		rc = td_store_seller_data(r->st, r->region.v[i], &d, r->err);
		if (rc)
			break;
		seller_texts(&d, &texts);
		img = td_xcalloc(d.nphotos ? d.nphotos : 1, sizeof(*img));
		pidx = td_xcalloc(d.nphotos ? d.nphotos : 1, sizeof(*pidx));
		np = seller_photos(&d, pidx);
		for (j = 0; j < np; j++) {
			const struct td_seller_photo *ph = &d.photos[pidx[j]];

			if (hex_bytes(ph->pdq, img[n_img]) < 0)
				continue;
			TD_GROW(rn->spots, rn->nspots + 1, rn->spots_alloc);
			rn->spots[rn->nspots].key =
				ph->listing_id << 8 | (ph->pos & 0xff);
			rn->spots[rn->nspots].si = (uint32_t)i;
			rn->spots[rn->nspots].ii = (uint32_t)n_img;
			rn->nspots++;
			n_img++;
		}
		seller_in(&d, &texts, (const uint8_t(*)[TD_NET_PDQ_BYTES])img,
			  n_img, &in);
		rc = td_net_add(rn->net, &in, &idx, r->err);
		if (rc == 0 && idx != i)
			rc = td_errf(r->err, TD_ERROR,
				     "seller %s:%s is stored twice", d.platform,
				     d.seller_key);
		rn->ids[i] = r->region.v[i];
		free(img);
		free(pidx);
		td_strv_release(&texts);
		td_seller_data_release(&d);
	}
	if (rn->nspots > 1)
		qsort(rn->spots, rn->nspots, sizeof(*rn->spots), cmp_spot);
	/* near-identical photos of two region sellers, from the index */
	for (i = 0; rc == 0 && i < rn->nspots; i++) {
		const struct spot *a = &rn->spots[i];
		int64_t lid = a->key >> 8;
		int pos = (int)(a->key & 0xff);
		const struct td_photo_row *row = NULL;
		struct td_phash h;

		{ /* its row: photos are sorted by listing and position */
			size_t lo = 0, hi = r->nphotos;

			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				const struct td_photo_row *m = &r->photos[mid];

				if (m->listing_id < lid ||
				    (m->listing_id == lid && m->pos < pos))
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < r->nphotos &&
			    r->photos[lo].listing_id == lid &&
			    r->photos[lo].pos == pos)
				row = &r->photos[lo];
		}
		if (!row || td_phash_from_hex(row->pdq, &h, NULL) < 0)
			continue;
		rc = td_hidx_query(r->hidx, &h, (int)r->p->image_max_distance,
				   &hits, r->err);
		for (k = 0; rc == 0 && k < hits.n; k++) {
			const struct td_photo_row *o = &r->photos[hits.v[k].id];
			const struct spot *b = spot_find(rn->spots, rn->nspots,
							 o->listing_id, o->pos);

			if (!b || b->si <= a->si)
				continue; /* outside, same seller, or seen */
			TD_GROW(pairs, npairs + 1, pairs_alloc);
			pairs[npairs].a = a->si;
			pairs[npairs].image_a = a->ii;
			pairs[npairs].b = b->si;
			pairs[npairs].image_b = b->ii;
			pairs[npairs].distance = (unsigned)hits.v[k].dist;
			npairs++;
		}
	}
	if (rc == 0)
		rc = td_net_add_image_pairs(rn->net, pairs, npairs, r->err);
	if (rc == 0)
		rc = td_net_update(rn->net, NULL, r->err);
	free(pairs);
	td_hidx_hits_release(&hits);
	return rc;
}

/* The index of member key "platform:id" (a platform has no ':', an id
 * may). */
static int
find_key(const struct td_net *net, const char *key, size_t *index)
{
	const char *colon = strchr(key, ':');
	char *platform;
	int rc;

	if (!colon)
		return TD_ENOTFOUND;
	platform = td_xstrndup(key, (size_t)(colon - key));
	rc = td_net_find(net, platform, colon + 1, index);
	free(platform);
	return rc;
}

/* Store the links among the region's sellers. */
static int
region_links(struct refresh *r, struct region_net *rn)
{
	struct td_net_ids nets = TD_NET_IDS_INIT;
	struct td_net_network *nw = NULL;
	struct td_store_link *links = NULL;
	size_t nlinks = 0, alloc = 0, i, k;
	int rc;

	rc = td_net_networks(rn->net, &nets);
	nw = td_xcalloc(nets.n ? nets.n : 1, sizeof(*nw));
	for (i = 0; rc == 0 && i < nets.n; i++) {
		rc = td_net_network_get(rn->net, nets.v[i], &nw[i], r->err);
		for (k = 0; rc == 0 && k < nw[i].n_links; k++) {
			const struct td_net_link *l = &nw[i].links[k];
			size_t ia, ib;

			if (find_key(rn->net, l->a, &ia) < 0 ||
			    find_key(rn->net, l->b, &ib) < 0)
				continue;
			TD_GROW(links, nlinks + 1, alloc);
			links[nlinks].a = rn->ids[ia];
			links[nlinks].b = rn->ids[ib];
			links[nlinks].strength = l->strength;
			links[nlinks].ev = l->ev;
			links[nlinks].n_ev = l->n_ev;
			nlinks++;
		}
	}
	if (rc == 0)
		rc = td_store_links_replace(r->st, &r->region, links, nlinks,
					    r->now, r->err);
	r->s->links += nlinks;
	for (i = 0; i < nets.n; i++)
		td_net_network_release(&nw[i]);
	free(nw);
	free(links);
	td_net_ids_release(&nets);
	return rc;
}

/* --- components ------------------------------------------------------------
 */

struct member {
	int64_t id;
	char *key; /* "platform:seller" */
};

static int
cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->key,
		      ((const struct member *)b)->key);
}

/* Insert id into sorted ids (not there yet). */
static void
ids_insert(struct td_ids *ids, int64_t id)
{
	size_t lo = 0, hi = ids->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ids->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	memmove(ids->v + lo + 1, ids->v + lo, (ids->n - lo) * sizeof(*ids->v));
	ids->v[lo] = id;
	ids->n++;
}

static void
ids_push_str(struct td_net_ids *ids, const char *s)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (strcmp(ids->v[i], s) == 0)
			return;
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	ids->v[ids->n++] = td_xstrdup(s);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The components of the stored links through the sellers whose network
 * may have changed (the region and the members of their old networks),
 * written back as networks.
 */
static int
components(struct refresh *r)
{
	struct td_ids start = TD_IDS_INIT, seen = TD_IDS_INIT;
	struct td_ids queue = TD_IDS_INIT, comp = TD_IDS_INIT;
	struct td_net_ids old = TD_NET_IDS_INIT, now = TD_NET_IDS_INIT;
	size_t i, k;
	int rc = 0;

	for (i = 0; rc == 0 && i < r->region.n; i++) {
		char *net =
			td_store_seller_network(r->st, r->region.v[i], r->err);

		ids_push(&start, r->region.v[i]);
		if (net)
			ids_push_str(&old, net);
		free(net);
	}
	for (i = 0; rc == 0 && i < old.n; i++)
		rc = td_store_network_members(r->st, old.v[i], &start, r->err);
	td_ids_sort(&start);
	for (i = 0; rc == 0 && i < start.n; i++) {
		struct member *m = NULL;
		size_t nm = 0, malloc_n = 0, head = 0;

		if (td_ids_has(&seen, start.v[i]))
			continue;
		comp.n = 0;
		queue.n = 0;
		ids_push(&queue, start.v[i]);
		/* breadth first over the stored links */
		while (rc == 0 && head < queue.n) {
			int64_t x = queue.v[head++];
			struct td_ids nb = TD_IDS_INIT;

			if (td_ids_has(&seen, x))
				continue;
			ids_insert(&seen, x);
			ids_push(&comp, x);
			rc = td_store_seller_neighbours(r->st, x, &nb, r->err);
			for (k = 0; rc == 0 && k < nb.n; k++)
				if (!td_ids_has(&seen, nb.v[k]))
					ids_push(&queue, nb.v[k]);
			td_ids_release(&nb);
		}
		for (k = 0; rc == 0 && k < comp.n; k++) {
			char *key = td_store_seller_name_key(r->st, comp.v[k],
							     r->err);

			if (!key) {
				rc = td_errf(r->err, TD_EDB,
					     "seller %lld vanished",
					     (long long)comp.v[k]);
				break;
			}
			TD_GROW(m, nm + 1, malloc_n);
			m[nm].id = comp.v[k];
			m[nm++].key = key;
		}
		if (rc == 0 && nm) {
			int changed = 0;

			qsort(m, nm, sizeof(*m), cmp_member);
			td_ids_sort(&comp);
			rc = td_store_network_set(r->st, m[0].key, &comp,
						  r->now, &changed, r->err);
			if (nm > 1)
				ids_push_str(&now, m[0].key);
			if (nm > 1 && changed)
				ids_push_str(&r->s->changed, m[0].key);
		}
		for (k = 0; k < nm; k++)
			free(m[k].key);
		free(m);
	}
	if (rc == 0)
		rc = td_store_networks_prune(r->st, r->err);
	/* ids no longer in use: merged into another network, or split */
	for (i = 0; i < old.n; i++) {
		for (k = 0; k < now.n; k++)
			if (strcmp(old.v[i], now.v[k]) == 0)
				break;
		if (k == now.n)
			ids_push_str(&r->s->dropped, old.v[i]);
	}
	if (r->s->changed.n > 1)
		qsort(r->s->changed.v, r->s->changed.n, sizeof(char *),
		      cmp_str);
	if (r->s->dropped.n > 1)
		qsort(r->s->dropped.v, r->s->dropped.n, sizeof(char *),
		      cmp_str);
	td_ids_release(&start);
	td_ids_release(&seen);
	td_ids_release(&queue);
	td_ids_release(&comp);
	td_net_ids_release(&old);
	td_net_ids_release(&now);
	return rc;
}

int
td_monitor_networks(struct td_store *st, const struct td_net_params *p,
		    const char *now, struct td_monitor_stats *s,
		    struct td_err *err)
{
	struct td_net_params def;
	struct td_ids all = TD_IDS_INIT;
	struct region_net rn;
	struct refresh r;
	size_t i;
	int rc;

	if (!p) {
		td_net_params_default(&def);
		p = &def;
	}
	memset(&r, 0, sizeof(r));
	memset(&rn, 0, sizeof(rn));
	r.st = st;
	r.p = p;
	r.now = now;
	r.s = s;
	r.err = err;
	rc = td_store_net_dirty(st, &r.dirty, err);
	if (rc || r.dirty.n == 0)
		goto out;
	/* most sellers changed (a first scan): relink them all, without
	 * looking for candidates one by one */
	rc = td_store_sellers_all(st, &all, err);
	if (rc)
		goto out;
	r.full = r.dirty.n * 2 >= all.n;
	rc = load_photos(&r);
	for (i = 0; rc == 0 && i < r.dirty.n; i++)
		rc = retake(&r, r.dirty.v[i]);
	if (r.full) {
		r.region.n = 0;
		for (i = 0; i < all.n; i++)
			ids_push(&r.region, all.v[i]);
	}
	td_ids_sort(&r.region);
	if (rc == 0)
		rc = region_build(&r, &rn);
	if (rc == 0)
		rc = region_links(&r, &rn);
	if (rc == 0)
		rc = components(&r);
	for (i = 0; rc == 0 && i < r.dirty.n; i++)
		rc = td_store_net_clean(st, r.dirty.v[i], err);
	s->dirty += r.dirty.n;
	s->region += r.region.n;
out:
	region_net_release(&rn);
	td_hidx_free(r.hidx);
	free(r.photos);
	td_ids_release(&r.dirty);
	td_ids_release(&r.region);
	td_ids_release(&all);
	td_strv_release(&r.common);
	strset_release(&r.checked);
	return rc;
}
