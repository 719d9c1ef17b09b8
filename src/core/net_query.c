/*
 * Seller networks: reading networks, their members and the evidence on
 * their links.
 */
#include "core/net.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/net_int.h"
#include "core/util.h"
#include "core/banned.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --- queries ------------------------------------------------------------ */

size_t
td_net_count(const struct td_net *net)
{
	return net->n;
}

const char *
td_net_key(const struct td_net *net, size_t i)
{
	return i < net->n ? net->s[i].key : NULL;
}

int
td_net_find(const struct td_net *net, const char *platform, const char *id,
	    size_t *index)
{
	struct td_buf key = TD_BUF_INIT;
	uint32_t si;
	int found;

	td_buf_addf(&key, "%s:%s", platform ? platform : "", id ? id : "");
	found = net_strmap_get(&net->seller_ix, key.data, &si);
	td_buf_release(&key);
	if (!found)
		return TD_ENOTFOUND;
	if (index)
		*index = si;
	return 0;
}

const char *
td_net_network_id(struct td_net *net, size_t i)
{
	if (i >= net->n)
		return NULL;
	return net->s[net->s[net_uf_find(net, (uint32_t)i)].min].key;
}

size_t
td_net_network_size(struct td_net *net, size_t i)
{
	if (i >= net->n)
		return 0;
	return net->s[net_uf_find(net, (uint32_t)i)].size;
}

int
td_net_networks(struct td_net *net, struct td_net_ids *out)
{
	size_t i;

	td_net_ids_release(out);
	for (i = 0; i < net->n; i++) {
		struct net_seller *s = &net->s[i];

		if (net_uf_find(net, (uint32_t)i) == i && s->size >= 2)
			net_ids_push(out, net->s[s->min].key);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(char *), cmp_str);
	return 0;
}

void
td_net_network_release(struct td_net_network *nw)
{
	size_t i, j;

	if (!nw)
		return;
	free(nw->id);
	for (i = 0; i < nw->n_members; i++)
		free(nw->members[i]);
	free(nw->members);
	for (i = 0; i < nw->n_links; i++) {
		struct td_net_link *l = &nw->links[i];

		for (j = 0; j < l->n_ev; j++) {
			free(l->ev[j].key);
			free(l->ev[j].raw_a);
			free(l->ev[j].raw_b);
		}
		free(l->ev);
		free(l->a);
		free(l->b);
	}
	free(nw->links);
	memset(nw, 0, sizeof(*nw));
}

static const char *
holder_raw(const struct net_keyent *k, uint32_t seller)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->holders[i] == seller)
			return k->raws[i];
	return "";
}

static char *
hex32(const uint8_t *h)
{
	static const char digits[] = "0123456789abcdef";
	char *s = td_xmalloc(TD_NET_PDQ_BYTES * 2 + 1);
	size_t i;

	for (i = 0; i < TD_NET_PDQ_BYTES; i++) {
		s[2 * i] = digits[h[i] >> 4];
		s[2 * i + 1] = digits[h[i] & 15];
	}
	s[2 * TD_NET_PDQ_BYTES] = '\0';
	return s;
}

/* Describe pair evidence e of pair p into out (seller a first). */
static void
describe(const struct td_net *net, const struct net_pair *p,
	 const struct net_pev *e, struct td_net_link_ev *out)
{
	struct td_buf b = TD_BUF_INIT;

	out->kind = (enum td_net_kind)e->kind;
	switch (e->kind) {
	case TD_NET_TEXT:
		td_buf_addf(&b, "jaccard=%.2f", e->measure / 1000.0);
		out->raw_a = td_xstrdup(net->texts[e->x].raw);
		out->raw_b = td_xstrdup(net->texts[e->y].raw);
		break;
	case TD_NET_IMAGE:
		td_buf_addf(&b, "distance=%u", (unsigned)e->measure);
		out->raw_a = hex32(net->s[p->a].img[e->x]);
		out->raw_b = hex32(net->s[p->b].img[e->y]);
		break;
	case TD_NET_SHOP_NAME:
		td_buf_addf(&b, "similarity=%.2f", e->measure / 1000.0);
		out->raw_a = td_xstrdup(net->s[p->a].shop);
		out->raw_b = td_xstrdup(net->s[p->b].shop);
		break;
	default:
		td_buf_addstr(&b, net->keys[e->x].key);
		out->raw_a = td_xstrdup(holder_raw(&net->keys[e->x], p->a));
		out->raw_b = td_xstrdup(holder_raw(&net->keys[e->x], p->b));
		break;
	}
	out->key = td_buf_detach(&b, NULL);
}

static int
cmp_ev(const void *a, const void *b)
{
	const struct td_net_link_ev *x = a, *y = b;

	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_link(const void *a, const void *b)
{
	const struct td_net_link *x = a, *y = b;
	int c = strcmp(x->a, y->a);

	return c ? c : strcmp(x->b, y->b);
}

static void
make_link(const struct td_net *net, const struct net_pair *p,
	  struct td_net_link *l)
{
	int32_t left[TD_NET_KIND_COUNT];
	uint32_t i;
	int k, swap = strcmp(net->s[p->a].key, net->s[p->b].key) > 0;

	for (k = 0; k < TD_NET_KIND_COUNT; k++)
		left[k] = net->cap[k];
	memset(l, 0, sizeof(*l));
	l->a = td_xstrdup(net->s[swap ? p->b : p->a].key);
	l->b = td_xstrdup(net->s[swap ? p->a : p->b].key);
	l->strength = p->strength / 1000.0;
	l->ev = td_xcalloc(p->n_ev ? p->n_ev : 1, sizeof(*l->ev));
	for (i = 0; i < p->n_ev; i++) {
		const struct net_pev *e = &p->ev[i];
		struct td_net_link_ev *o = &l->ev[l->n_ev];
		int32_t add;

		if (net_ev_is_key(e) && net->keys[e->x].common)
			continue;
		add = net->strength[e->kind];
		if (add > left[e->kind])
			add = left[e->kind];
		left[e->kind] -= add;
		describe(net, p, e, o);
		o->strength = add / 1000.0;
		if (swap) {
			char *t = o->raw_a;

			o->raw_a = o->raw_b;
			o->raw_b = t;
		}
		l->n_ev++;
	}
	if (l->n_ev > 1)
		qsort(l->ev, l->n_ev, sizeof(*l->ev), cmp_ev);
}

int
td_net_network_get(struct td_net *net, const char *id,
		   struct td_net_network *out, struct td_err *err)
{
	uint32_t si, r, m;
	size_t i, alloc_links = 0;

	td_net_network_release(out);
	if (!id || !net_strmap_get(&net->seller_ix, id, &si))
		return td_errf(err, TD_ENOTFOUND, "no network %s",
			       id ? id : "(null)");
	r = net_uf_find(net, si);
	if (net->s[r].min != si || net->s[r].size < 2)
		return td_errf(err, TD_ENOTFOUND, "no network %s", id);
	out->id = td_xstrdup(id);
	out->members = td_xmalloc(net->s[r].size * sizeof(*out->members));
	m = r;
	do {
		struct net_seller *s = &net->s[m];

		out->members[out->n_members++] = td_xstrdup(s->key);
		for (i = 0; i < s->n_pairs; i++) {
			const struct net_pair *p = &net->pairs[s->pairs[i]];

			if (p->a != m || p->strength < net->threshold)
				continue;
			TD_GROW(out->links, out->n_links + 1, alloc_links);
			make_link(net, p, &out->links[out->n_links++]);
		}
		m = s->next;
	} while (m != r);
	qsort(out->members, out->n_members, sizeof(char *), cmp_str);
	if (out->n_links > 1)
		qsort(out->links, out->n_links, sizeof(*out->links), cmp_link);
	return 0;
}

void
td_net_stats(const struct td_net *net, struct td_net_stats *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->sellers = net->n;
	out->keys = net->n_keys;
	for (i = 0; i < net->n_keys; i++)
		out->common_keys += net->keys[i].common != 0;
	out->texts = net->text_lsh.n;
	out->pairs = net->n_pairs;
	for (i = 0; i < net->n_pairs; i++)
		out->links += net->pairs[i].strength >= net->threshold;
	for (i = 0; i < net->n; i++)
		out->networks += net->s[i].parent == i && net->s[i].size >= 2;
	out->text_checks = net->text_checks;
	out->text_skipped = net->text_lsh.skipped;
	out->rebuilds = net->rebuilds;
}
