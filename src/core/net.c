/*
 * Seller networks: the evidence index, pair strengths and union-find.
 *
 * Keys: every identifier key keeps the sellers holding it. A key whose
 * kind links on its own (strength >= threshold) joins each new holder to
 * its first holder (a star: enough to connect them, one link each);
 * weaker keys pair every two holders so that their strength can add up
 * with other evidence on the same pair. Pairs live in a hash map keyed
 * by the two seller indices and keep a list of compact evidence records;
 * strengths are integers (thousandths) so that sums do not depend on the
 * order of additions.
 */
#include "core/net.h"

#include <stdlib.h>
#include <string.h>

#include "core/net_int.h"
#include "core/util.h"
#include "core/banned.h"

void
td_net_params_default(struct td_net_params *p)
{
	int k;

	memset(p, 0, sizeof(*p));
	for (k = 0; k < TD_NET_KIND_COUNT; k++) {
		p->strength[k] = 1.0;
		p->cap[k] = 1.0;
		p->common_at[k] = 200;
	}
	p->strength[TD_NET_ADDRESS] = 0.6;
	p->cap[TD_NET_ADDRESS] = 0.6;
	p->common_at[TD_NET_ADDRESS] = 20;
	p->strength[TD_NET_COMPANY] = 0.6;
	p->cap[TD_NET_COMPANY] = 0.6;
	p->common_at[TD_NET_COMPANY] = 20;
	p->strength[TD_NET_SHOP_NAME] = 0.3;
	p->cap[TD_NET_SHOP_NAME] = 0.3;
	p->strength[TD_NET_TEXT] = 0.3;
	p->cap[TD_NET_TEXT] = 0.6;
	p->strength[TD_NET_IMAGE] = 0.3;
	p->cap[TD_NET_IMAGE] = 0.6;
	p->common_at[TD_NET_SHOP_NAME] = 0;
	p->common_at[TD_NET_TEXT] = 0;
	p->common_at[TD_NET_IMAGE] = 0;
	p->threshold = 1.0;
	p->text_min_jaccard = 0.7;
	p->shop_min_similarity = 0.8;
	p->shingle_k = 2;
	p->min_shingles = 6;
	p->lsh_bands = 20;
	p->lsh_rows = 6;
	p->lsh_max_bucket = 1000;
	p->image_max_distance = 31;
	p->country = "CN";
}

static int32_t
milli(double x)
{
	return (int32_t)(x * 1000.0 + (x >= 0 ? 0.5 : -0.5));
}

struct td_net *
td_net_new(const struct td_net_params *p)
{
	struct td_net *net = td_xcalloc(1, sizeof(*net));
	int k;

	if (p)
		net->p = *p;
	else
		td_net_params_default(&net->p);
	net->country = td_xstrdup_or_null(net->p.country);
	net->p.country = net->country;
	for (k = 0; k < TD_NET_KIND_COUNT; k++) {
		net->strength[k] = milli(net->p.strength[k]);
		net->cap[k] = milli(net->p.cap[k]);
	}
	net->threshold = milli(net->p.threshold);
	if (net->threshold < 1)
		net->threshold = 1;
	if (net->p.lsh_rows > 64)
		net->p.lsh_rows = 64;
	if (net->p.lsh_bands > 256)
		net->p.lsh_bands = 256;
	net_lsh_init(&net->text_lsh, net->p.lsh_bands, net->p.lsh_rows,
		     net->p.lsh_max_bucket);
	net_lsh_init(&net->shop_lsh, net->p.lsh_bands, net->p.lsh_rows,
		     net->p.lsh_max_bucket);
	return net;
}

void
td_net_free(struct td_net *net)
{
	size_t i, j;

	if (!net)
		return;
	for (i = 0; i < net->n; i++) {
		struct net_seller *s = &net->s[i];

		free(s->key);
		free(s->country);
		free(s->shop);
		free(s->img);
		free(s->keys);
		free(s->pairs);
	}
	free(net->s);
	for (i = 0; i < net->n_keys; i++) {
		struct net_keyent *k = &net->keys[i];

		for (j = 0; j < k->n; j++)
			free(k->raws[j]);
		free(k->key);
		free(k->holders);
		free(k->raws);
		free(k->kinds);
	}
	free(net->keys);
	for (i = 0; i < net->n_pairs; i++)
		free(net->pairs[i].ev);
	free(net->pairs);
	for (i = 0; i < net->text_lsh.n; i++)
		free(net->texts[i].raw);
	free(net->texts);
	free(net->shop_seller);
	free(net->img);
	free(net->dirty);
	free(net->touched);
	free(net->tmp.v);
	free(net->cand.v);
	free(net->country);
	net_strmap_release(&net->seller_ix);
	net_strmap_release(&net->key_ix);
	net_u64map_release(&net->pair_ix);
	net_lsh_release(&net->text_lsh);
	net_lsh_release(&net->shop_lsh);
	free(net);
}

/* --- adding ------------------------------------------------------------- */

/* A copy of the first max bytes of s, cut at a character boundary. */
static char *
head(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return td_xstrdup(s);
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return td_xstrndup(s, max);
}

static void
key_add_holder(struct td_net *net, struct net_seller *s, uint32_t si,
	       const struct td_net_ev *ev)
{
	struct net_keyent *k;
	uint32_t ki;
	size_t i;

	if (!net_strmap_get(&net->key_ix, ev->key, &ki)) {
		TD_GROW(net->keys, net->n_keys + 1, net->alloc_keys);
		ki = (uint32_t)net->n_keys++;
		k = &net->keys[ki];
		memset(k, 0, sizeof(*k));
		k->key = td_xstrdup(ev->key);
		net_strmap_put(&net->key_ix, ev->key, ki);
	}
	for (i = 0; i < s->n_keys; i++)
		if (s->keys[i] == ki)
			return; /* held already */
	TD_GROW(s->keys, s->n_keys + 1, s->alloc_keys);
	s->keys[s->n_keys++] = ki;
	k = &net->keys[ki];
	if (k->n + 1 > k->alloc) {
		size_t a = k->alloc;

		TD_GROW(k->holders, k->n + 1, a);
		k->raws = td_xrealloc(k->raws, a * sizeof(*k->raws));
		k->kinds = td_xrealloc(k->kinds, a * sizeof(*k->kinds));
		k->alloc = a;
	}
	k->holders[k->n] = si;
	k->raws[k->n] = head(ev->raw, 200);
	k->kinds[k->n] = (uint8_t)ev->kind;
	k->n++;
	if (!k->dirty) {
		k->dirty = 1;
		TD_GROW(net->dirty, net->n_dirty + 1, net->alloc_dirty);
		net->dirty[net->n_dirty++] = ki;
	}
}

int
td_net_add(struct td_net *net, const struct td_net_seller *in, size_t *index,
	   struct td_err *err)
{
	struct td_net_evs evs = TD_NET_EVS_INIT;
	struct td_buf key = TD_BUF_INIT, shop = TD_BUF_INIT;
	struct net_seller *s;
	uint32_t si;
	size_t i;
	int rc = 0;

	if (td_str_empty(in->platform) || td_str_empty(in->id)) {
		rc = td_errf(err, TD_EINVAL,
			     "seller: platform and id are "
			     "required");
		goto out;
	}
	if (strchr(in->platform, ':')) {
		rc = td_errf(err, TD_EINVAL,
			     "seller: platform \"%s\" may not "
			     "contain ':'",
			     in->platform);
		goto out;
	}
	td_buf_addf(&key, "%s:%s", in->platform, in->id);
	if (!net_strmap_get(&net->seller_ix, key.data, &si)) {
		if (net->n >= NET_NONE - 1) {
			rc = td_errf(err, TD_ETOOBIG, "too many sellers");
			goto out;
		}
		TD_GROW(net->s, net->n + 1, net->alloc);
		si = (uint32_t)net->n++;
		s = &net->s[si];
		memset(s, 0, sizeof(*s));
		s->key = td_buf_detach(&key, NULL);
		s->shop_id = NET_NONE;
		s->parent = s->next = s->min = si;
		s->size = 1;
		s->old_id = NET_NONE;
		net_strmap_put(&net->seller_ix, s->key, si);
	}
	s = &net->s[si];
	if (!s->country && in->country)
		s->country = td_xstrdup(in->country);
	td_net_extract(in, net->country, &evs);
	for (i = 0; i < evs.n; i++)
		key_add_holder(net, s, si, &evs.v[i]);
	for (i = 0; i < in->n_texts; i++) {
		uint32_t t;

		if (td_str_empty(in->texts[i]))
			continue;
		net_shingle_text(in->texts[i], net->p.shingle_k, &net->tmp);
		t = net_lsh_add(&net->text_lsh, &net->tmp, net->p.min_shingles);
		TD_GROW(net->texts, (size_t)t + 1, net->alloc_texts);
		net->texts[t].seller = si;
		net->texts[t].raw = head(in->texts[i], 160);
	}
	if (in->n_images) {
		TD_GROW(s->img, s->n_img + in->n_images, s->alloc_img);
		memcpy(s->img + s->n_img, in->images,
		       in->n_images * sizeof(*s->img));
		s->n_img += in->n_images;
	}
	if (!s->shop && in->shop_name &&
	    td_net_shop_norm(in->shop_name, &shop) == 0) {
		uint32_t id;

		s->shop = td_xstrdup(in->shop_name);
		net_shingle_bigrams(shop.data, &net->tmp);
		/* names of one or two characters are not compared */
		id = net_lsh_add(&net->shop_lsh, &net->tmp, 3);
		TD_GROW(net->shop_seller, (size_t)id + 1, net->alloc_shops);
		net->shop_seller[id] = si;
		s->shop_id = id;
	}
	if (index)
		*index = si;
out:
	td_net_evs_release(&evs);
	td_buf_release(&key);
	td_buf_release(&shop);
	return rc;
}

int
td_net_set_common(struct td_net *net, const char *key)
{
	struct net_keyent *k;
	uint32_t ki;

	if (!net_strmap_get(&net->key_ix, key, &ki)) {
		TD_GROW(net->keys, net->n_keys + 1, net->alloc_keys);
		ki = (uint32_t)net->n_keys++;
		k = &net->keys[ki];
		memset(k, 0, sizeof(*k));
		k->key = td_xstrdup(key);
		net_strmap_put(&net->key_ix, key, ki);
	}
	k = &net->keys[ki];
	if (k->forced)
		return 0;
	k->forced = 1;
	if (k->done > 1) /* it linked sellers already: link again without */
		net->rebuild = 1;
	if (!k->dirty) {
		k->dirty = 1;
		TD_GROW(net->dirty, net->n_dirty + 1, net->alloc_dirty);
		net->dirty[net->n_dirty++] = ki;
	}
	return 0;
}

/* The LSH buckets of a finished set in an index with p's banding, tagged
 * with tag so that texts and shop names never share one. */
static size_t
buckets(const struct td_net_params *p, const struct net_set *set, unsigned tag,
	int64_t *out)
{
	struct net_lsh ix;
	uint32_t keys[256];
	unsigned bands = p->lsh_bands > 256 ? 256 : p->lsh_bands;
	unsigned rows = p->lsh_rows > 64 ? 64 : p->lsh_rows;
	size_t b;

	net_lsh_init(&ix, bands, rows, 0);
	net_lsh_bands(&ix, set, keys);
	for (b = 0; b < ix.bands; b++)
		out[b] = (int64_t)((uint64_t)tag << 40 | (uint64_t)b << 32 |
				   keys[b]);
	b = ix.bands;
	net_lsh_release(&ix);
	return b;
}

size_t
td_net_text_buckets(const struct td_net_params *p, const char *text,
		    int64_t *out)
{
	struct net_set set = {0};
	size_t n = 0;

	if (td_str_empty(text))
		return 0;
	net_shingle_text(text, p->shingle_k, &set);
	if (set.n && set.n >= p->min_shingles)
		n = buckets(p, &set, 1, out);
	free(set.v);
	return n;
}

size_t
td_net_shop_buckets(const struct td_net_params *p, const char *name,
		    int64_t *out)
{
	struct td_buf norm = TD_BUF_INIT;
	struct net_set set = {0};
	size_t n = 0;

	if (name && td_net_shop_norm(name, &norm) == 0) {
		net_shingle_bigrams(norm.data, &set);
		if (set.n >= 3) /* as td_net_add: short names not compared */
			n = buckets(p, &set, 2, out);
	}
	free(set.v);
	td_buf_release(&norm);
	return n;
}

int
td_net_add_image_pairs(struct td_net *net,
		       const struct td_net_image_pair *pairs, size_t n,
		       struct td_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct td_net_image_pair *q = &pairs[i];

		if (q->a >= net->n || q->b >= net->n)
			return td_errf(err, TD_EINVAL,
				       "image pair %zu: no "
				       "seller %zu",
				       i, q->a >= net->n ? q->a : q->b);
		if (q->image_a >= net->s[q->a].n_img ||
		    q->image_b >= net->s[q->b].n_img)
			return td_errf(err, TD_EINVAL,
				       "image pair %zu: no "
				       "such image",
				       i);
	}
	for (i = 0; i < n; i++) {
		if (pairs[i].a == pairs[i].b ||
		    pairs[i].distance > net->p.image_max_distance)
			continue;
		TD_GROW(net->img, net->n_img + 1, net->alloc_img);
		net->img[net->n_img++] = pairs[i];
	}
	return 0;
}

static unsigned
hamming(const uint8_t *a, const uint8_t *b)
{
	unsigned d = 0, i;

	for (i = 0; i < TD_NET_PDQ_BYTES; i++)
		d += (unsigned)__builtin_popcount((unsigned)(a[i] ^ b[i]));
	return d;
}

void
td_net_image_pairs_naive(const struct td_net *net, unsigned max_distance,
			 struct td_net_image_pair **out, size_t *n)
{
	size_t a, b, i, j, alloc = 0;

	*out = NULL;
	*n = 0;
	for (a = 0; a < net->n; a++)
		for (b = a + 1; b < net->n; b++)
			for (i = 0; i < net->s[a].n_img; i++)
				for (j = 0; j < net->s[b].n_img; j++) {
					unsigned d = hamming(net->s[a].img[i],
							     net->s[b].img[j]);

					if (d > max_distance)
						continue;
					TD_GROW(*out, *n + 1, alloc);
					(*out)[*n].a = a;
					(*out)[*n].image_a = i;
					(*out)[*n].b = b;
					(*out)[*n].image_b = j;
					(*out)[(*n)++].distance = d;
				}
}

/* --- pairs -------------------------------------------------------------- */

static struct net_pair *
pair_get(struct td_net *net, uint32_t a, uint32_t b, int *swapped)
{
	uint64_t k;
	uint32_t pi;
	struct net_pair *p;

	*swapped = a > b;
	if (a > b) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	k = (uint64_t)a << 32 | b;
	if (!net_u64map_get(&net->pair_ix, k, &pi)) {
		TD_GROW(net->pairs, net->n_pairs + 1, net->alloc_pairs);
		pi = (uint32_t)net->n_pairs++;
		p = &net->pairs[pi];
		memset(p, 0, sizeof(*p));
		p->a = a;
		p->b = b;
		net_u64map_put(&net->pair_ix, k, pi);
		TD_GROW(net->s[a].pairs, net->s[a].n_pairs + 1,
			net->s[a].alloc_pairs);
		net->s[a].pairs[net->s[a].n_pairs++] = pi;
		TD_GROW(net->s[b].pairs, net->s[b].n_pairs + 1,
			net->s[b].alloc_pairs);
		net->s[b].pairs[net->s[b].n_pairs++] = pi;
	}
	p = &net->pairs[pi];
	if (!p->touched) {
		p->touched = 1;
		TD_GROW(net->touched, net->n_touched + 1, net->alloc_touched);
		net->touched[net->n_touched++] = pi;
	}
	return p;
}

/* Add evidence to the pair (a, b); x belongs to a and y to b. */
static void
pair_add(struct td_net *net, uint32_t a, uint32_t b, enum td_net_kind kind,
	 uint32_t x, uint32_t y, unsigned measure)
{
	int swapped;
	struct net_pair *p = pair_get(net, a, b, &swapped);
	struct net_pev e;
	size_t i, same = 0;

	e.kind = (uint8_t)kind;
	e.measure = (uint16_t)(measure > 65535 ? 65535 : measure);
	e.x = swapped ? y : x;
	e.y = swapped ? x : y;
	for (i = 0; i < p->n_ev; i++) {
		struct net_pev *o = &p->ev[i];

		if (o->kind == e.kind && o->x == e.x && o->y == e.y)
			return; /* the same evidence again */
		if (kind == TD_NET_SHOP_NAME && o->kind == e.kind)
			return;
		same += o->kind == e.kind;
	}
	/* Two shops cloning each other's catalogue share thousands of
	 * texts and images; a few examples prove it and reach the cap. */
	if (!net_ev_is_key(&e) && same >= NET_EXAMPLES)
		return;
	TD_GROW(p->ev, p->n_ev + 1, p->alloc);
	p->ev[p->n_ev++] = e;
}

int
net_ev_is_key(const struct net_pev *e)
{
	return e->kind != TD_NET_TEXT && e->kind != TD_NET_IMAGE &&
	       e->kind != TD_NET_SHOP_NAME;
}

static void
pair_score(struct td_net *net, struct net_pair *p)
{
	int32_t sum[TD_NET_KIND_COUNT] = {0}, total = 0;
	uint32_t i;
	int k;

	for (i = 0; i < p->n_ev; i++) {
		const struct net_pev *e = &p->ev[i];

		if (net_ev_is_key(e) && net->keys[e->x].common)
			continue;
		sum[e->kind] += net->strength[e->kind];
	}
	for (k = 0; k < TD_NET_KIND_COUNT; k++)
		total += sum[k] < net->cap[k] ? sum[k] : net->cap[k];
	p->strength = total;
}

/* The kind shown for a key shared by holders i and j. */
static enum td_net_kind
key_kind(const struct net_keyent *k, size_t i, size_t j)
{
	if (k->kinds[i] == k->kinds[j])
		return (enum td_net_kind)k->kinds[i];
	if (strncmp(k->key, "tel:", 4) == 0)
		return TD_NET_PHONE;
	return (enum td_net_kind)k->kinds[i];
}

static void
link_keys(struct td_net *net)
{
	size_t d, i, j;

	for (d = 0; d < net->n_dirty; d++) {
		uint32_t ki = net->dirty[d];
		struct net_keyent *k = &net->keys[ki];
		unsigned limit = net->p.common_at[k->kinds[0]];

		k->dirty = 0;
		if (k->forced) {
			k->common = 1;
			k->done = k->n;
			continue;
		}
		if (limit && k->n > limit) {
			if (!k->common && k->done > 1)
				net->rebuild = 1;
			k->common = 1;
			k->done = k->n;
			continue;
		}
		for (j = k->done; j < k->n; j++) {
			enum td_net_kind kind;

			if (j == 0)
				continue;
			kind = key_kind(k, 0, j);
			if (net->strength[kind] >= net->threshold) {
				pair_add(net, k->holders[0], k->holders[j],
					 kind, ki, ki, 0);
				continue;
			}
			for (i = 0; i < j; i++)
				pair_add(net, k->holders[i], k->holders[j],
					 key_kind(k, i, j), ki, ki, 0);
		}
		k->done = k->n;
	}
	net->n_dirty = 0;
}

static void
link_texts(struct td_net *net)
{
	uint32_t t, i;

	for (t = net->texts_done; t < net->text_lsh.n; t++) {
		uint32_t st = net->texts[t].seller;
		const uint32_t *v =
			net->text_lsh.shingles + net->text_lsh.off[t];
		size_t nv = net->text_lsh.len[t];

		net_lsh_candidates(&net->text_lsh, t, NULL, t, &net->cand);
		for (i = 0; i < net->cand.n; i++) {
			uint32_t c = net->cand.v[i];
			double j;

			if (net->texts[c].seller == st)
				continue;
			net->text_checks++;
			j = net_lsh_jaccard(&net->text_lsh, c, v, nv);
			if (j + 1e-12 < net->p.text_min_jaccard)
				continue;
			pair_add(net, net->texts[c].seller, st, TD_NET_TEXT, c,
				 t, (unsigned)(j * 1000 + 0.5));
		}
	}
	net->texts_done = (uint32_t)net->text_lsh.n;
}

static void
link_shops(struct td_net *net)
{
	uint32_t t, i;

	for (t = net->shops_done; t < net->shop_lsh.n; t++) {
		uint32_t st = net->shop_seller[t];
		const uint32_t *v =
			net->shop_lsh.shingles + net->shop_lsh.off[t];
		size_t nv = net->shop_lsh.len[t];

		net_lsh_candidates(&net->shop_lsh, t, NULL, t, &net->cand);
		for (i = 0; i < net->cand.n; i++) {
			uint32_t c = net->cand.v[i];
			double j = net_lsh_jaccard(&net->shop_lsh, c, v, nv);

			if (j + 1e-12 < net->p.shop_min_similarity ||
			    net->shop_seller[c] == st)
				continue;
			pair_add(net, net->shop_seller[c], st, TD_NET_SHOP_NAME,
				 0, 0, (unsigned)(j * 1000 + 0.5));
		}
	}
	net->shops_done = (uint32_t)net->shop_lsh.n;
}

static void
link_images(struct td_net *net)
{
	size_t i;

	for (i = 0; i < net->n_img; i++) {
		const struct td_net_image_pair *q = &net->img[i];

		pair_add(net, (uint32_t)q->a, (uint32_t)q->b, TD_NET_IMAGE,
			 (uint32_t)q->image_a, (uint32_t)q->image_b,
			 q->distance);
	}
	net->n_img = 0;
}

/* --- union-find --------------------------------------------------------- */

uint32_t
net_uf_find(struct td_net *net, uint32_t i)
{
	while (net->s[i].parent != i) {
		uint32_t p = net->s[i].parent;

		net->s[i].parent = net->s[p].parent; /* path halving */
		i = p;
	}
	return i;
}

static void
uf_union(struct td_net *net, uint32_t a, uint32_t b)
{
	uint32_t ra = net_uf_find(net, a), rb = net_uf_find(net, b), t;
	struct net_seller *x, *y;

	if (ra == rb)
		return;
	if (net->s[ra].rank < net->s[rb].rank) {
		t = ra;
		ra = rb;
		rb = t;
	}
	x = &net->s[ra];
	y = &net->s[rb];
	y->parent = ra;
	if (x->rank == y->rank)
		x->rank++;
	x->size += y->size;
	if (strcmp(net->s[y->min].key, net->s[x->min].key) < 0)
		x->min = y->min;
	/* splice the two member cycles into one */
	t = x->next;
	x->next = y->next;
	y->next = t;
}

static void
uf_reset(struct td_net *net)
{
	size_t i;

	for (i = 0; i < net->n; i++) {
		struct net_seller *s = &net->s[i];

		s->parent = s->next = s->min = (uint32_t)i;
		s->rank = 0;
		s->size = 1;
	}
}

/* --- update ------------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
net_ids_push(struct td_net_ids *ids, const char *s)
{
	TD_GROW(ids->v, ids->n + 1, ids->alloc);
	ids->v[ids->n++] = td_xstrdup(s);
}

void
td_net_ids_release(struct td_net_ids *ids)
{
	size_t i;

	if (!ids)
		return;
	for (i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
	memset(ids, 0, sizeof(*ids));
}

void
td_net_changes_release(struct td_net_changes *c)
{
	if (!c)
		return;
	td_net_ids_release(&c->changed);
	td_net_ids_release(&c->gone);
}

static void
diff(struct td_net *net, struct td_net_changes *ch)
{
	uint8_t *mark = td_xcalloc(net->n ? net->n : 1, 1);
	uint32_t *cur = td_xmalloc((net->n ? net->n : 1) * sizeof(*cur));
	size_t i;

	for (i = 0; i < net->n; i++) {
		struct net_seller *s = &net->s[i];
		uint32_t r = net_uf_find(net, (uint32_t)i);

		cur[i] = net->s[r].min;
		if (s->old_id == cur[i] && s->old_size == net->s[r].size)
			continue;
		mark[cur[i]] = 1;
		if (s->old_id != NET_NONE)
			mark[s->old_id] = 1;
	}
	for (i = 0; ch && i < net->n; i++) {
		uint32_t r;

		if (!mark[i])
			continue;
		r = net_uf_find(net, (uint32_t)i);
		if (cur[i] == i && net->s[r].size >= 2)
			net_ids_push(&ch->changed, net->s[i].key);
		else if (net->s[i].old_id == i && net->s[i].old_size >= 2)
			net_ids_push(&ch->gone, net->s[i].key);
	}
	for (i = 0; i < net->n; i++) {
		net->s[i].old_id = cur[i];
		net->s[i].old_size = net->s[net_uf_find(net, (uint32_t)i)].size;
	}
	if (ch && ch->changed.n > 1)
		qsort(ch->changed.v, ch->changed.n, sizeof(char *), cmp_str);
	if (ch && ch->gone.n > 1)
		qsort(ch->gone.v, ch->gone.n, sizeof(char *), cmp_str);
	free(mark);
	free(cur);
}

int
td_net_update(struct td_net *net, struct td_net_changes *changes,
	      struct td_err *err)
{
	size_t i;

	(void)err;
	if (changes) {
		td_net_changes_release(changes);
	}
	link_keys(net);
	link_texts(net);
	link_shops(net);
	link_images(net);
	if (net->rebuild) {
		net->rebuilds++;
		uf_reset(net);
		for (i = 0; i < net->n_pairs; i++) {
			struct net_pair *p = &net->pairs[i];

			pair_score(net, p);
			p->touched = 0;
			if (p->strength >= net->threshold)
				uf_union(net, p->a, p->b);
		}
		net->rebuild = 0;
	} else {
		for (i = 0; i < net->n_touched; i++) {
			struct net_pair *p = &net->pairs[net->touched[i]];

			pair_score(net, p);
			p->touched = 0;
			if (p->strength >= net->threshold)
				uf_union(net, p->a, p->b);
		}
	}
	net->n_touched = 0;
	diff(net, changes);
	net->old_n = net->n;
	return 0;
}
