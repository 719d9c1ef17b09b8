/*
 * After a scan: removals confirmed, networks refreshed (monitor_net.c),
 * relistings found.
 */
#include "core/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/hidx.h"
#include "core/phash.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* --- relistings ------------------------------------------------------------
 */

/* 1 if the two listings copy the same product (or, when either names no
 * product, rely on the same right). */
static int
same_subject(const struct td_listing_fp *a, const struct td_listing_fp *b)
{
	const struct td_strv *x = &a->products, *y = &b->products;
	size_t i, j;

	if (!x->n || !y->n) {
		x = &a->rights;
		y = &b->rights;
	}
	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++)
			if (strcmp(x->v[i], y->v[j]) == 0)
				return 1;
	return 0;
}

/* How a new listing matches a removed one, best first. */
enum match {
	MATCH_NONE,
	MATCH_PHOTO_TEXT,
	MATCH_NETWORK,
	MATCH_SELLER,
};

static const char *const match_names[] = {"", "photo_text", "network",
					  "seller"};

struct best {
	enum match m;      /* how */
	size_t g;          /* which removed listing */
	double sim;        /* title similarity of the two (tie-break) */
	struct td_buf why; /* the evidence in words */
};

static double
days_between(const char *from, const char *to)
{
	int64_t a, b;

	if (!from || !to || td_time_parse(from, &a) < 0 ||
	    td_time_parse(to, &b) < 0)
		return 0;
	return b > a ? (double)(b - a) / 86400.0 : 0;
}

/* Similarity of two titles: the Jaccard index of their shingles. */
static double
title_sim(const char *a, const char *b)
{
	struct td_net_shingles x = TD_NET_SHINGLES_INIT;
	struct td_net_shingles y = TD_NET_SHINGLES_INIT;
	double j;

	td_net_shingle(a ? a : "", 2, &x);
	td_net_shingle(b ? b : "", 2, &y);
	j = td_net_jaccard(&x, &y);
	td_net_shingles_release(&x);
	td_net_shingles_release(&y);
	return j;
}

/* Is removed listing g, matched by m with title similarity sim, better
 * than b's? A better kind wins; within a kind, the most recent removal,
 * then the more similar title. */
static int
better(const struct best *b, const struct td_listing_fp *gone, size_t g,
       enum match m, double sim)
{
	int c;

	if (m != b->m)
		return m > b->m;
	c = strcmp(gone[g].gone_at, gone[b->g].gone_at);
	return c > 0 || (c == 0 && sim > b->sim);
}

struct relist_ctx {
	const struct td_net_params *p;
	struct td_listing_fp *gone; /* removed listings */
	size_t ngone;
	size_t *by_seller;  /* gone indices sorted by seller */
	size_t *by_network; /* ... with a network, by network */
	size_t nby_network;
	struct td_net_tidx *tidx; /* their texts */
	size_t *text_owner;       /* text number -> removed listing */
	size_t ntexts, texts_alloc;
	struct td_hidx *hidx; /* their photos, id = removed listing */
};

static void
add_text(struct relist_ctx *c, const char *text, size_t g)
{
	uint32_t t;

	if (td_str_empty(text))
		return;
	t = td_net_tidx_add(c->tidx, text);
	TD_GROW(c->text_owner, (size_t)t + 1, c->texts_alloc);
	c->text_owner[t] = g;
	if ((size_t)t + 1 > c->ntexts)
		c->ntexts = (size_t)t + 1;
}

/* A removed listing near-identical to nw in a photo and in a text. */
static void
photo_text(struct relist_ctx *c, const struct td_listing_fp *nw, struct best *b)
{
	struct td_net_hits th = TD_NET_HITS_INIT;
	struct td_hidx_hits ph = TD_HIDX_HITS_INIT;
	const char *texts[2];
	int *dist = td_xmalloc(c->ngone * sizeof(*dist));
	size_t i, k;

	for (i = 0; i < c->ngone; i++)
		dist[i] = -1;
	for (k = 0; k < nw->photos.n; k++) {
		struct td_phash h;

		if (td_phash_from_hex(nw->photos.v[k], &h, NULL) < 0 ||
		    td_hidx_query(c->hidx, &h, (int)c->p->image_max_distance,
				  &ph, NULL) < 0)
			continue;
		for (i = 0; i < ph.n; i++) {
			size_t g = (size_t)ph.v[i].id;

			if (dist[g] < 0 || ph.v[i].dist < dist[g])
				dist[g] = ph.v[i].dist;
		}
	}
	texts[0] = nw->title;
	texts[1] = nw->description;
	for (k = 0; k < 2; k++) {
		if (td_str_empty(texts[k]))
			continue;
		td_net_tidx_query(c->tidx, texts[k], c->p->text_min_jaccard,
				  &th);
		for (i = 0; i < th.n; i++) {
			size_t g = c->text_owner[th.v[i].id];
			const struct td_listing_fp *o = &c->gone[g];

			if (dist[g] < 0 || o->id == nw->id ||
			    strcmp(o->gone_at, nw->first_seen) > 0 ||
			    !better(b, c->gone, g, MATCH_PHOTO_TEXT,
				    th.v[i].jaccard))
				continue;
			b->m = MATCH_PHOTO_TEXT;
			b->g = g;
			b->sim = th.v[i].jaccard;
			td_buf_reset(&b->why);
			td_buf_addf(&b->why,
				    "a photo %d bits from one of %s:%s, which "
				    "was removed, and a %s with Jaccard %.2f",
				    dist[g], o->platform, o->ext_id,
				    k ? "description" : "title",
				    th.v[i].jaccard);
		}
	}
	free(dist);
	td_net_hits_release(&th);
	td_hidx_hits_release(&ph);
}

static const struct relist_ctx *sort_c;

static int
cmp_by_seller(const void *a, const void *b)
{
	int64_t x = sort_c->gone[*(const size_t *)a].seller_id;
	int64_t y = sort_c->gone[*(const size_t *)b].seller_id;

	return x < y ? -1 : x > y;
}

static int
cmp_by_network(const void *a, const void *b)
{
	return strcmp(sort_c->gone[*(const size_t *)a].network,
		      sort_c->gone[*(const size_t *)b].network);
}

static void
index_gone(struct relist_ctx *c)
{
	size_t i;

	c->by_seller = td_xcalloc(c->ngone ? c->ngone : 1, sizeof(size_t));
	c->by_network = td_xcalloc(c->ngone ? c->ngone : 1, sizeof(size_t));
	for (i = 0; i < c->ngone; i++) {
		c->by_seller[i] = i;
		if (c->gone[i].network)
			c->by_network[c->nby_network++] = i;
	}
	sort_c = c;
	qsort(c->by_seller, c->ngone, sizeof(size_t), cmp_by_seller);
	if (c->nby_network > 1)
		qsort(c->by_network, c->nby_network, sizeof(size_t),
		      cmp_by_network);
}

/* The first index in v[0..n) whose listing has seller id (or network
 * net), or n. */
static size_t
lower(const struct relist_ctx *c, const size_t *v, size_t n, int64_t id,
      const char *net)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct td_listing_fp *g = &c->gone[v[mid]];
		int less =
			net ? strcmp(g->network, net) < 0 : g->seller_id < id;

		if (less)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Consider removed listing g for nw by seller or network. */
static void
consider(const struct relist_ctx *c, const struct td_listing_fp *nw, size_t g,
	 enum match m, struct best *b)
{
	const struct td_listing_fp *o = &c->gone[g];
	double sim;

	if (o->id == nw->id || strcmp(o->gone_at, nw->first_seen) > 0 ||
	    !same_subject(o, nw))
		return;
	sim = title_sim(o->title, nw->title);
	if (!better(b, c->gone, g, m, sim))
		return;
	b->m = m;
	b->g = g;
	b->sim = sim;
	td_buf_reset(&b->why);
	if (m == MATCH_SELLER)
		td_buf_addf(&b->why,
			    "the same seller as %s:%s, which was removed",
			    o->platform, o->ext_id);
	else
		td_buf_addf(&b->why,
			    "a seller of network %s, like the seller of "
			    "%s:%s, which was removed",
			    nw->network, o->platform, o->ext_id);
}

static int
relist_one(struct td_store *st, struct relist_ctx *c,
	   const struct td_listing_fp *nw, struct td_monitor_stats *s,
	   struct td_err *err)
{
	struct best b;
	struct td_relist_row row;
	size_t i;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	td_buf_init(&b.why);
	if (nw->seller_id)
		for (i = lower(c, c->by_seller, c->ngone, nw->seller_id, NULL);
		     i < c->ngone &&
		     c->gone[c->by_seller[i]].seller_id == nw->seller_id;
		     i++)
			consider(c, nw, c->by_seller[i], MATCH_SELLER, &b);
	if (nw->network && b.m < MATCH_SELLER)
		for (i = lower(c, c->by_network, c->nby_network, 0,
			       nw->network);
		     i < c->nby_network &&
		     strcmp(c->gone[c->by_network[i]].network, nw->network) ==
			     0;
		     i++)
			if (c->gone[c->by_network[i]].seller_id !=
			    nw->seller_id)
				consider(c, nw, c->by_network[i], MATCH_NETWORK,
					 &b);

	if (b.m < MATCH_NETWORK && nw->photos.n)
		photo_text(c, nw, &b);
	if (b.m != MATCH_NONE) {
		char how[16];

		snprintf(how, sizeof(how), "%s", match_names[b.m]);
		memset(&row, 0, sizeof(row));
		row.listing_id = nw->id;
		row.earlier_id = c->gone[b.g].id;
		row.matched_by = how;
		row.evidence = b.why.data;
		row.gone_at = c->gone[b.g].gone_at;
		row.found_at = nw->first_seen;
		row.days = days_between(c->gone[b.g].last_seen, row.found_at);
		rc = td_store_relist_put(st, &row, err);
		if (rc == 0)
			s->relists++;
	}
	td_buf_release(&b.why);
	return rc;
}

int
td_monitor_relists(struct td_store *st, int64_t scan_id,
		   const struct td_net_params *p, struct td_monitor_stats *s,
		   struct td_err *err)
{
	struct td_net_params def;
	struct td_listing_fp *fresh = NULL;
	struct relist_ctx c;
	size_t nfresh = 0, i, k;
	int rc;

	if (!p) {
		td_net_params_default(&def);
		p = &def;
	}
	memset(&c, 0, sizeof(c));
	c.p = p;
	rc = td_store_relist_signals(st, scan_id, err);
	if (rc == 0)
		rc = td_store_listing_fps(st, 0, &c.gone, &c.ngone, err);
	if (rc || c.ngone == 0)
		goto out;
	rc = td_store_listing_fps(st, scan_id, &fresh, &nfresh, err);
	if (rc || nfresh == 0)
		goto out;
	c.tidx = td_net_tidx_new(p->shingle_k, p->lsh_bands, p->lsh_rows,
				 p->lsh_max_bucket, p->min_shingles);
	c.hidx = td_hidx_new();
	for (i = 0; rc == 0 && i < c.ngone; i++) {
		add_text(&c, c.gone[i].title, i);
		add_text(&c, c.gone[i].description, i);
		for (k = 0; rc == 0 && k < c.gone[i].photos.n; k++) {
			struct td_phash h;

			if (td_phash_from_hex(c.gone[i].photos.v[k], &h,
					      NULL) == 0)
				rc = td_hidx_add(c.hidx, &h, i, err);
		}
	}
	index_gone(&c);
	for (i = 0; rc == 0 && i < nfresh; i++)
		rc = relist_one(st, &c, &fresh[i], s, err);
out:
	free(c.by_seller);
	free(c.by_network);
	td_net_tidx_free(c.tidx);
	td_hidx_free(c.hidx);
	free(c.text_owner);
	td_listing_fps_free(c.gone, c.ngone);
	td_listing_fps_free(fresh, nfresh);
	return rc;
}

/* --- after a scan ----------------------------------------------------------
 */

int
td_monitor_scan(struct td_ws *ws, const struct td_monitor_opts *o,
		struct td_monitor_stats *s, struct td_err *err)
{
	struct td_store *st = ws->store;
	int rc;

	td_monitor_stats_release(s);
	rc = td_store_begin(st, err);
	if (rc)
		return rc;
	if (!o->partial)
		rc = td_store_listings_gone(st, o->source, o->scan_id, o->now,
					    &s->gone, &s->back, err);
	if (rc == 0)
		rc = td_monitor_networks(st, o->net, o->now, s, err);
	if (rc == 0)
		rc = td_monitor_relists(st, o->scan_id, o->net, s, err);
	if (rc == 0)
		rc = td_store_commit(st, err);
	else
		td_store_rollback(st);
	return rc;
}
