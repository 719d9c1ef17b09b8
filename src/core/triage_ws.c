/*
 * Triage of a workspace: findings, listings, products, rights, protocols,
 * documents, case outcomes and rates turned into triage inputs, then
 * evaluated, grouped, held back for accuracy and planned within a budget.
 */
#include "core/triage_ws.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/rates.h"
#include "core/strv.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* What the items point into. */
struct priv {
	struct td_finding_row *rows; /* the findings read */
	size_t nrows;
	const struct td_proto_set *protos; /* borrowed or own */
	struct td_proto_set *own_protos;
};

void
td_triage_report_release(struct td_triage_report *r)
{
	struct priv *pv;
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		struct td_triage_item *it = &r->items[i];

		free(it->platform);
		free(it->ext_id);
		free(it->url);
		free(it->title);
		free(it->site);
		free(it->protocol);
		free(it->seller);
		free(it->network);
		free(it->product);
		free(it->right);
		free(it->partner);
		free(it->leak_evidence);
		free(it->note);
		free(it->held_why);
		td_triage_result_release(&it->res);
	}
	free(r->items);
	for (i = 0; i < r->nsets; i++) {
		free(r->sets[i].label);
		free(r->sets[i].network);
		free(r->sets[i].seller);
		free(r->sets[i].items);
		td_triage_aggregate_release(&r->sets[i].agg);
	}
	free(r->sets);
	for (i = 0; i < r->nscopes; i++) {
		free(r->scopes[i].protocol);
		free(r->scopes[i].name);
	}
	free(r->scopes);
	td_triage_holdback_release(&r->hold);
	for (i = 0; i < r->nskipped; i++)
		free(r->skipped[i]);
	free(r->skipped);
	pv = r->priv;
	if (pv) {
		td_finding_rows_free(pv->rows, pv->nrows);
		td_proto_set_free(pv->own_protos);
		free(pv);
	}
	td_triage_params_release(&r->params);
	td_portfolio_release(&r->pf);
	memset(r, 0, sizeof(*r));
}

static void
skip(struct td_triage_report *r, const struct td_finding_row *row,
     const char *why)
{
	struct td_buf b = TD_BUF_INIT;

	td_buf_addf(&b, "finding %lld (%s:%s): %s", (long long)row->id,
		    row->listing.platform, row->listing.ext_id, why);
	r->skipped = td_xrealloc(r->skipped,
				 (r->nskipped + 1) * sizeof(*r->skipped));
	r->skipped[r->nskipped++] = td_buf_detach(&b, NULL);
}

/* --- the site of a listing ------------------------------------------------ */

/*
 * The protocol site for a listing's platform: the site or protocol of
 * that name, else the site of its URL's host, else common spellings
 * (amazon -> amazon_us, alibaba -> alibaba_com, made-in-china ->
 * made_in_china), else the small-site protocol.
 */
static const struct td_proto_site *
site_of(const struct td_proto_set *set, const char *platform, const char *url)
{
	static const char *const suffix[] = {"_us", "_com"};
	const struct td_proto_site *s;
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	s = td_proto_set_find_site(set, platform);
	if (!s && url)
		s = td_proto_set_find_host(set, url);
	if (!s) {
		td_buf_addstr(&b, platform);
		for (i = 0; i < b.len; i++)
			if (b.data[i] == '-' || b.data[i] == '.')
				b.data[i] = '_';
		s = td_proto_set_find_site(set, b.data);
		for (i = 0; !s && i < TD_ARRAY_LEN(suffix); i++) {
			td_buf_reset(&b);
			td_buf_addf(&b, "%s%s", platform, suffix[i]);
			s = td_proto_set_find_site(set, b.data);
		}
	}
	if (!s)
		s = td_proto_set_find_site(set, "small_site");
	td_buf_release(&b);
	return s;
}

/* --- signals -----------------------------------------------------------------
 */

static json_t *
signal(json_t *signals, const char *kind, size_t *from)
{
	json_t *e;
	size_t i;

	json_array_foreach(signals, i, e)
	{
		const char *k = json_string_value(json_object_get(e, "kind"));

		if (from && i < *from)
			continue;
		if (k && strcmp(k, kind) == 0) {
			if (from)
				*from = i + 1;
			return e;
		}
	}
	return NULL;
}

/* 1 if a cue word says the listing is a replica. */
static int
openly_fake(json_t *signals)
{
	json_t *cue = signal(signals, "cue", NULL), *w;
	size_t i;

	json_array_foreach(json_object_get(cue, "words"), i, w)
	{
		const char *c =
			json_string_value(json_object_get(w, "category"));

		if (c && strcmp(c, "replica") == 0)
			return 1;
	}
	return 0;
}

/*
 * 1 if nothing says the listing is a copy: no cue word of any kind, the
 * terms as written (not disguised by look-alike letters, spacing or
 * typos), not the owner's photos. With a price near the original's, such
 * a listing may be genuine goods from a reseller or a grey import.
 */
static int
no_sign_of_copying(json_t *signals)
{
	json_t *e;
	size_t i;

	json_array_foreach(signals, i, e)
	{
		const char *k = json_string_value(json_object_get(e, "kind"));
		const char *v =
			json_string_value(json_object_get(e, "variant"));

		if (!k)
			continue;
		if (strcmp(k, "cue") == 0 || strcmp(k, "image_reuse") == 0 ||
		    strcmp(k, "relist") == 0)
			return 0;
		if (strcmp(k, "term") == 0 && v && strcmp(v, "exact") != 0)
			return 0;
	}
	return 1;
}

/* The product the finding is about: the price signal's, else the reused
 * photo's, else its first. */
static const struct td_product *
product_of(const struct td_portfolio *pf, const struct td_finding_row *row)
{
	const char *sku = json_string_value(json_object_get(
		signal(row->signals, "price", NULL), "product"));

	if (!sku)
		sku = json_string_value(json_object_get(
			signal(row->signals, "image_reuse", NULL), "product"));
	if (!sku && row->products.n)
		sku = row->products.v[0];
	return sku ? td_portfolio_product(pf, sku) : NULL;
}

/* --- leaks --------------------------------------------------------------- */

static void
name_partner(struct td_buf *b, const struct td_portfolio *pf, const char *key)
{
	const struct td_partner *p = td_portfolio_partner(pf, key);

	td_buf_addstr(b, p && p->name ? p->name : key);
}

/*
 * A leak: a photo given to one partner only is in the listing (the
 * detector's leak signal), or the listing was captured before the
 * product's launch (the partners who had it before: those given its
 * photos, else the owner's factories, else all the owner's partners).
 */
static void
leak(const struct td_portfolio *pf, const struct td_product *prod,
     const struct td_finding_row *row, int32_t today, char **partner,
     char **evidence)
{
	struct td_buf who = TD_BUF_INIT, ev = TD_BUF_INIT, keys = TD_BUF_INIT;
	json_t *l = signal(row->signals, "leak", NULL);
	const char *seen = row->listing.captured_at ? row->listing.captured_at
						    : row->listing.first_seen;
	int64_t t;
	size_t i, k;

	(void)today;
	*partner = *evidence = NULL;
	if (l && json_string_value(json_object_get(l, "partner"))) {
		const char *key =
			json_string_value(json_object_get(l, "partner"));
		const char *photo =
			json_string_value(json_object_get(l, "photo"));

		name_partner(&who, pf, key);
		td_buf_addf(&ev,
			    "photo %s of %s, given only to %s, is in the "
			    "listing",
			    photo ? photo : "?", prod->sku, who.data);
		*partner = td_xstrdup(key);
		*evidence = td_buf_detach(&ev, NULL);
		goto out;
	}
	if (prod->launch_date == TD_DATE_NONE || !seen ||
	    td_time_parse(seen, &t) < 0 ||
	    td_date_from_time(t) >= prod->launch_date)
		goto out;
	for (i = 0; i < prod->nimages; i++)
		if (prod->images[i].partner &&
		    !strstr(keys.data, prod->images[i].partner))
			td_buf_addf(&keys, "%s%s", keys.len ? "," : "",
				    prod->images[i].partner);
	for (k = 0; k < 2 && !keys.len; k++)
		for (i = 0; i < pf->npartners; i++) {
			const struct td_partner *p = &pf->partners[i];

			if (prod->owner && p->owner &&
			    strcmp(p->owner, prod->owner) != 0)
				continue;
			if (k == 0 && (!p->kind || strcmp(p->kind, "factory")))
				continue;
			td_buf_addf(&keys, "%s%s", keys.len ? "," : "", p->key);
		}
	if (!keys.len)
		td_buf_addstr(&keys, "a partner (none on file)");
	{
		char day[TD_DATE_LEN], launch[TD_DATE_LEN];
		const char *p = keys.data, *q;

		while (*p) {
			char *one;

			q = strchr(p, ',');
			one = td_xstrndup(p, q ? (size_t)(q - p) : strlen(p));
			if (who.len)
				td_buf_addstr(&who, q ? ", " : " or ");
			name_partner(&who, pf, one);
			free(one);
			p = q ? q + 1 : p + strlen(p);
		}
		td_date_format(td_date_from_time(t), day);
		td_date_format(prod->launch_date, launch);
		td_buf_addf(&ev,
			    "the listing was %s on %s, before %s launches on "
			    "%s: only %s had it then",
			    row->listing.captured_at ? "captured"
						     : "first seen",
			    day, prod->sku, launch, who.data);
	}
	*partner = td_buf_detach(&keys, NULL);
	*evidence = td_buf_detach(&ev, NULL);
out:
	td_buf_release(&who);
	td_buf_release(&ev);
	td_buf_release(&keys);
}

/* --- rights and documents ------------------------------------------------ */

static int
lang_in(const char *lang, char *const *list, size_t n)
{
	size_t i, k;

	if (!lang)
		return 1; /* unknown: assume it is fine */
	for (i = 0; i < n; i++) {
		for (k = 0; lang[k] && lang[k] != '-' && list[i][k] &&
			    list[i][k] != '-' && lang[k] == list[i][k];
		     k++)
			;
		if ((!lang[k] || lang[k] == '-') &&
		    (!list[i][k] || list[i][k] == '-'))
			return 1;
	}
	return 0;
}

static int
doc_covers(const struct td_document *d, const char *right)
{
	size_t i;

	for (i = 0; i < d->rights.n; i++)
		if (strcmp(d->rights.v[i], right) == 0)
			return 1;
	return 0;
}

/* A document of kind for right, valid on today. */
static int
on_file(const struct td_portfolio *pf, const char *right, int kind,
	int32_t today)
{
	size_t i;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];

		if (d->kind == kind && doc_covers(d, right) &&
		    (d->expires == TD_DATE_NONE || d->expires >= today))
			return 1;
	}
	return 0;
}

/* Documents of the right in a language the site does not take, and not
 * translated on file. */
static int
needs_translation(const struct td_portfolio *pf, const char *right,
		  const struct td_proto_site *site)
{
	size_t i, k;

	for (i = 0; i < pf->ndocuments; i++) {
		const struct td_document *d = &pf->documents[i];
		int done = 0;

		if (!doc_covers(d, right) ||
		    lang_in(d->lang, site->r.doc_languages,
			    site->r.ndoc_languages))
			continue;
		for (k = 0; k < pf->ndocuments; k++) {
			const struct td_document *t = &pf->documents[k];

			if (t->translates &&
			    strcmp(t->translates, d->key) == 0 &&
			    lang_in(t->lang, site->r.doc_languages,
				    site->r.ndoc_languages))
				done = 1;
		}
		if (!done)
			return 1;
	}
	return 0;
}

/* Where a right counts as registered for the protocol, or NULL. */
static const char *
registry_of(const struct td_right *r, const struct td_proto_site *site)
{
	if (r->status == TD_STATUS_REGISTERED)
		return r->jurisdiction;
	if (r->status == TD_STATUS_PENDING && site->r.right[r->kind].pending_ok)
		return r->jurisdiction;
	return NULL;
}

/* Fill in with the protocol's facts for right r on site and the
 * documents on file. */
static void
right_input(struct td_triage_input *in, const struct td_portfolio *pf,
	    const struct td_right *r, const struct td_proto_site *site,
	    int32_t today)
{
	td_triage_input_from_site(in, site, (enum td_proto_right_kind)r->kind,
				  registry_of(r, site), TD_DATE_NONE);
	if (in->needs_evaluation_report &&
	    on_file(pf, r->key, TD_DOC_PATENT_EVALUATION_REPORT, today))
		in->needs_evaluation_report = 0;
	if (in->needs_court_order &&
	    on_file(pf, r->key, TD_DOC_COURT_ORDER, today))
		in->needs_court_order = 0;
	in->needs_translation = needs_translation(pf, r->key, site);
}

/* The right that serves best on site among the finding's rights: the
 * highest prior, then the highest prior once registered. */
static const struct td_right *
best_right(const struct td_portfolio *pf, const struct td_finding_row *row,
	   const char *only, const struct td_proto_site *site, int32_t today)
{
	const struct td_right *best = NULL;
	double bp = -1, breg = -1;
	size_t i;

	for (i = 0; i < row->rights.n; i++) {
		const struct td_right *r =
			td_portfolio_right(pf, row->rights.v[i]);
		struct td_triage_input in;

		if (!r || (only && strcmp(only, r->key) != 0))
			continue;
		td_triage_input_init(&in);
		right_input(&in, pf, r, site, today);
		if (in.prior > bp ||
		    (in.prior == bp && in.p_registered > breg)) {
			best = r;
			bp = in.prior;
			breg = in.p_registered;
		}
	}
	return best;
}

/* --- outcomes ------------------------------------------------------------ */

struct tally {
	char *site;
	enum td_triage_right kind;
	enum td_triage_reg reg;
	unsigned ok, failed;
};

struct outcomes {
	struct tally *v;
	size_t n, alloc;
};

static struct tally *
tally_of(struct outcomes *o, const char *site, enum td_triage_right kind,
	 enum td_triage_reg reg, int add)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].site, site) == 0 && o->v[i].kind == kind &&
		    o->v[i].reg == reg)
			return &o->v[i];
	if (!add)
		return NULL;
	TD_GROW(o->v, o->n + 1, o->alloc);
	memset(&o->v[o->n], 0, sizeof(*o->v));
	o->v[o->n].site = td_xstrdup(site);
	o->v[o->n].kind = kind;
	o->v[o->n].reg = reg;
	return &o->v[o->n++];
}

static void
outcomes_release(struct outcomes *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->v[i].site);
	free(o->v);
}

static struct td_triage_scope *
scope_of(struct td_triage_report *r, const struct td_proto_site *site)
{
	const struct td_proto *p = site->proto;
	struct td_triage_scope *sc;
	size_t i;

	for (i = 0; i < r->nscopes; i++)
		if (strcmp(r->scopes[i].protocol, p->key) == 0)
			return &r->scopes[i];
	r->scopes =
		td_xrealloc(r->scopes, (r->nscopes + 1) * sizeof(*r->scopes));
	sc = &r->scopes[r->nscopes++];
	memset(sc, 0, sizeof(*sc));
	sc->protocol = td_xstrdup(p->key);
	sc->name = td_xstrdup_or_null(site->r.good_faith.name);
	sc->rec.platform = sc->protocol;
	td_triage_record_from_site(&sc->rec, site);
	return sc;
}

/*
 * Tally closed cases: per site, right kind and registration class for
 * the success estimate, and per protocol within its programme's window
 * for the accuracy record.
 */
static int
load_outcomes(struct td_ws *ws, struct td_triage_report *r,
	      const struct td_proto_set *set, int32_t today,
	      struct outcomes *out, struct td_err *err)
{
	struct td_outcome_row *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = td_store_outcomes(ws->store, &v, &n, err);
	for (i = 0; rc == 0 && i < n; i++) {
		const struct td_proto_site *site =
			td_proto_set_find_site(set, v[i].site);
		const struct td_right *rt =
			td_portfolio_right(&r->pf, v[i].right);
		struct td_triage_input in;
		struct td_triage_scope *sc;
		struct tally *t;
		int ok = strcmp(v[i].outcome, "removed") == 0;
		int32_t day = TD_DATE_NONE;
		int months;

		if (!site || !rt)
			continue;
		td_triage_input_init(&in);
		right_input(&in, &r->pf, rt, site, today);
		t = tally_of(out, site->key, in.right, in.reg, 1);
		if (ok)
			t->ok++;
		else
			t->failed++;
		sc = scope_of(r, site);
		months = site->r.good_faith.period_months
				 ? site->r.good_faith.period_months
				 : 12;
		if (v[i].date && td_date_parse(v[i].date, &day) < 0) {
			int64_t tm;

			if (td_time_parse(v[i].date, &tm) == 0)
				day = td_date_from_time(tm);
		}
		if (day != TD_DATE_NONE && day < today - months * 30.44)
			continue;
		sc->rec.filed++;
		sc->rec.succeeded += ok;
		sc->rec.countered += strcmp(v[i].outcome, "reinstated") == 0;
	}
	for (i = 0; i < r->nscopes; i++) {
		struct td_triage_scope *sc = &r->scopes[i];

		sc->p_counter = sc->rec.filed ? (double)sc->rec.countered /
							sc->rec.filed
					      : 0;
	}
	td_outcome_rows_free(v, n);
	return rc;
}

/* --- one finding -----------------------------------------------------------
 */

struct run {
	struct td_ws *ws;
	const struct td_triage_opts *o;
	const struct td_proto_set *set;
	struct td_triage_report *r;
	struct td_rates rates;
	struct outcomes outcomes;
	struct td_strv sellers, networks; /* seller -> network */
};

static const char *
network_of(const struct run *x, const char *platform, const char *seller)
{
	struct td_buf k = TD_BUF_INIT;
	const char *net = NULL;
	size_t i;

	if (!seller)
		return NULL;
	td_buf_addf(&k, "%s\x1f%s", platform, seller);
	for (i = 0; i < x->sellers.n; i++)
		if (strcmp(x->sellers.v[i], k.data) == 0)
			net = x->networks.v[i];
	td_buf_release(&k);
	return net;
}

/* Fill item it from finding row; returns 0, or 1 to skip (with why). */
static int
fill(struct run *x, const struct td_finding_row *row, struct td_triage_item *it,
     struct td_buf *why)
{
	const struct td_listing_row *l = &row->listing;
	const struct td_portfolio *pf = &x->r->pf;
	const char *cur = x->r->params.currency;
	const struct td_proto_site *site;
	const struct td_product *prod;
	const struct td_right *rt;
	struct td_triage_input *in = &it->in;
	const char *net;
	double msrp, price;
	struct tally *t;

	site = site_of(x->set, l->platform, l->url);
	if (!site) {
		td_buf_addstr(why, "no protocol for its platform");
		return 1;
	}
	prod = product_of(pf, row);
	if (!prod) {
		td_buf_addstr(why, "no product to value it against");
		return 1;
	}
	rt = best_right(pf, row, x->o->right, site, x->o->today);
	if (!rt) {
		td_buf_addstr(why, "no right of the portfolio to rely on");
		return 1;
	}
	if (td_rates_convert(&x->rates, prod->msrp, prod->currency, cur, &msrp,
			     NULL, NULL) < 0 ||
	    msrp <= 0) {
		td_buf_addf(why, "no exchange rate from %s to %s, or no MSRP",
			    prod->currency, cur);
		return 1;
	}
	if (l->has_price && l->currency &&
	    td_rates_convert(&x->rates, l->price, l->currency, cur, &price,
			     NULL, NULL) == 0) {
		/* converted */
	} else if (l->has_price && !l->currency) {
		price = l->price * msrp / prod->msrp; /* the product's */
	} else {
		price = msrp;
		it->note = td_xstrdup("no usable price: valued as if at "
				      "your price");
	}
	it->finding = row->id;
	it->listing = l->id;
	it->platform = td_xstrdup(l->platform);
	it->ext_id = td_xstrdup(l->ext_id);
	it->url = td_xstrdup_or_null(l->url);
	it->title = td_xstrdup(l->title);
	it->site = td_xstrdup(site->key);
	it->protocol = td_xstrdup(site->proto->key);
	if (l->seller_key) {
		struct td_buf b = TD_BUF_INIT;

		td_buf_addf(&b, "%s:%s", l->platform, l->seller_key);
		it->seller = td_buf_detach(&b, NULL);
	}
	net = network_of(x, l->platform, l->seller_key);
	it->network = td_xstrdup_or_null(net);
	it->product = td_xstrdup(prod->sku);
	it->right = td_xstrdup(rt->key);
	leak(pf, prod, row, x->o->today, &it->partner, &it->leak_evidence);

	td_triage_input_init(in);
	in->platform = it->site;
	in->currency = cur;
	in->price = price;
	in->msrp = msrp;
	in->margin = prod->margin;
	in->openly_fake = openly_fake(row->signals);
	in->owner_photos = signal(row->signals, "image_reuse", NULL) != NULL;
	in->maybe_genuine = msrp > 0 &&
			    price / msrp >= x->r->params.near_msrp_ratio &&
			    no_sign_of_copying(row->signals);
	in->ship_to = (const char *const *)l->ships_to.v;
	in->n_ship_to = l->ships_to.n;
	in->markets = (const char *const *)prod->markets.v;
	in->n_markets = prod->markets.n;
	in->planned = (const char *const *)prod->planned.v;
	in->n_planned = prod->planned.n;
	if (l->sales >= 0)
		in->units_per_month = (double)l->sales;
	right_input(in, pf, rt, site, x->o->today);
	t = tally_of(&x->outcomes, site->key, in->right, in->reg, 0);
	if (t) {
		in->successes = t->ok;
		in->failures = t->failed;
	}
	if (it->partner) {
		const struct td_partner *p =
			td_portfolio_partner(pf, it->partner);

		in->leak_partner = p && p->name ? p->name : it->partner;
		in->leak_evidence = it->leak_evidence;
	}
	return 0;
}

/* --- sets of findings ------------------------------------------------------
 */

static int
cmp_ev_desc(double a, double b)
{
	return a > b ? -1 : a < b;
}

static const struct td_triage_report *sort_r;

static int
cmp_item(const void *a, const void *b)
{
	const struct td_triage_item *x = &sort_r->items[*(const size_t *)a];
	const struct td_triage_item *y = &sort_r->items[*(const size_t *)b];
	int c = cmp_ev_desc(x->res.expected_value, y->res.expected_value);

	return c ? c : (x->finding < y->finding ? -1 : 1);
}

static int
cmp_set(const void *a, const void *b)
{
	const struct td_triage_set *x = a, *y = b;
	int c = cmp_ev_desc(x->agg.expected_value, y->agg.expected_value);

	return c ? c : strcmp(x->label, y->label);
}

/* A set whose filing findings are all held back is not filed either. */
static void
hold_set(const struct td_triage_report *r, struct td_triage_set *s)
{
	struct td_buf b = TD_BUF_INIT;
	size_t i, held = 0;

	if (s->agg.verdict != TD_TRIAGE_FILE)
		return;
	for (i = 0; i < s->n; i++) {
		const struct td_triage_item *it = &r->items[s->items[i]];

		if (it->res.verdict == TD_TRIAGE_FILE)
			return;
		held += it->held;
	}
	if (!held)
		return;
	s->agg.verdict = TD_TRIAGE_MONITOR;
	td_buf_addf(&b,
		    "%s The accuracy budget holds %s back: monitor "
		    "instead.",
		    s->agg.reason, held == 1 ? "its finding" : "its findings");
	free(s->agg.reason);
	s->agg.reason = td_buf_detach(&b, NULL);
}

static int
make_sets(struct td_triage_report *r, struct td_err *err)
{
	struct td_triage_input *in = NULL;
	struct td_triage_result *res = NULL;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < r->n; i++) {
		const struct td_triage_item *it = &r->items[i];
		struct td_buf label = TD_BUF_INIT;
		struct td_triage_set *s = NULL;

		if (it->network)
			td_buf_addf(&label, "network %s", it->network);
		else if (it->seller)
			td_buf_addf(&label, "seller %s", it->seller);
		else
			td_buf_addf(&label, "listing %s:%s", it->platform,
				    it->ext_id);
		for (k = 0; k < r->nsets; k++)
			if (strcmp(r->sets[k].label, label.data) == 0)
				s = &r->sets[k];
		if (!s) {
			r->sets = td_xrealloc(
				r->sets, (r->nsets + 1) * sizeof(*r->sets));
			s = &r->sets[r->nsets++];
			memset(s, 0, sizeof(*s));
			s->label = td_xstrdup(label.data);
			s->network = td_xstrdup_or_null(it->network);
			if (!it->network)
				s->seller = td_xstrdup_or_null(it->seller);
		}
		s->items =
			td_xrealloc(s->items, (s->n + 1) * sizeof(*s->items));
		s->items[s->n++] = i;
		td_buf_release(&label);
	}
	sort_r = r;
	for (k = 0; rc == 0 && k < r->nsets; k++) {
		struct td_triage_set *s = &r->sets[k];

		qsort(s->items, s->n, sizeof(*s->items), cmp_item);
		in = td_xrealloc(in, s->n * sizeof(*in));
		res = td_xrealloc(res, s->n * sizeof(*res));
		for (i = 0; i < s->n; i++) {
			in[i] = r->items[s->items[i]].in;
			res[i] = r->items[s->items[i]].res;
		}
		rc = td_triage_aggregate(&r->params, in, res, s->n, s->label,
					 &s->agg, err);
		if (rc == 0)
			hold_set(r, s);
	}
	if (r->nsets > 1)
		qsort(r->sets, r->nsets, sizeof(*r->sets), cmp_set);
	free(in);
	free(res);
	return rc;
}

/* --- accuracy ------------------------------------------------------------ */

static int
accuracy(struct td_triage_report *r, const struct td_proto_set *set,
	 struct td_err *err)
{
	struct td_triage_pending *c;
	struct td_triage_record *rec;
	size_t *idx, n = 0, i;
	int rc;

	c = td_xcalloc(r->n ? r->n : 1, sizeof(*c));
	idx = td_xcalloc(r->n ? r->n : 1, sizeof(*idx));
	for (i = 0; i < r->n; i++) {
		struct td_triage_item *it = &r->items[i];
		struct td_triage_scope *sc =
			scope_of(r, td_proto_set_find_site(set, it->site));

		if (it->res.verdict != TD_TRIAGE_FILE)
			continue;
		c[n].id = it->ext_id;
		c[n].platform = sc->protocol;
		c[n].p_success = it->res.p_success;
		c[n].p_counter = sc->p_counter;
		c[n].value = it->res.expected_value;
		idx[n++] = i;
	}
	rec = td_xcalloc(r->nscopes ? r->nscopes : 1, sizeof(*rec));
	for (i = 0; i < r->nscopes; i++)
		rec[i] = r->scopes[i].rec;
	rc = td_triage_accuracy(rec, r->nscopes, c, n, &r->hold, err);
	for (i = 0; rc == 0 && i < n; i++) {
		struct td_triage_item *it = &r->items[idx[i]];
		struct td_buf b = TD_BUF_INIT;
		const char *why;

		if (!r->hold.held[i])
			continue;
		it->held = 1;
		it->held_why = td_xstrdup(r->hold.why[i]);
		it->res.verdict = TD_TRIAGE_MONITOR;
		why = r->hold.why[i];
		if (strncmp(why, "held back: ", 11) == 0)
			why += 11;
		td_buf_addf(&b, "%s Held back: %s.", it->res.reason, why);
		free(it->res.reason);
		it->res.reason = td_buf_detach(&b, NULL);
		r->held++;
	}
	free(rec);
	free(c);
	free(idx);
	return rc;
}

/* --- the run ---------------------------------------------------------------
 */

/* Findings that rely on the same right on the same site share cases. */
static void
batches(struct td_triage_report *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		unsigned n = 0;

		for (k = 0; k < r->n; k++)
			n += strcmp(r->items[k].site, r->items[i].site) == 0 &&
			     strcmp(r->items[k].right, r->items[i].right) == 0;
		r->items[i].in.batch_size = n;
	}
}

int
td_triage_run(struct td_ws *ws, const struct td_proto_set *protos,
	      const struct td_triage_opts *o, struct td_triage_report *r,
	      struct td_err *err)
{
	struct td_finding_filter f;
	struct priv *pv = td_xcalloc(1, sizeof(*pv));
	struct td_buf path = TD_BUF_INIT, why = TD_BUF_INIT;
	struct run x;
	struct stat sb;
	size_t i, alloc = 0;
	int rc;

	memset(&x, 0, sizeof(x));
	r->priv = pv;
	x.ws = ws;
	x.o = o;
	x.r = r;
	pv->protos = protos;
	if (!protos) {
		pv->own_protos = td_proto_set_load_builtin(err);
		if (!pv->own_protos)
			return TD_EINVAL;
		pv->protos = pv->own_protos;
	}
	x.set = pv->protos;
	if (o->params_path) {
		td_buf_addstr(&path, o->params_path);
	} else {
		td_buf_addf(&path, "%s/triage.json", ws->dir);
		if (stat(path.data, &sb) < 0)
			td_buf_reset(&path);
	}
	rc = td_triage_params_load(&r->params, path.len ? path.data : NULL,
				   err);
	if (rc == 0)
		rc = td_store_portfolio_load(ws->store, &r->pf, err);
	if (rc == 0)
		rc = td_rates_builtin(&x.rates, err);
	if (rc == 0)
		rc = td_store_rates_load(ws->store, &x.rates, err);
	if (rc == 0)
		rc = td_store_seller_networks(ws->store, &x.sellers,
					      &x.networks, err);
	if (rc == 0)
		rc = load_outcomes(ws, r, x.set, o->today, &x.outcomes, err);
	memset(&f, 0, sizeof(f));
	f.right = o->right;
	f.in_case = o->in_case;
	if (rc == 0)
		rc = td_store_findings_list(ws->store, &f, &pv->rows,
					    &pv->nrows, err);
	for (i = 0; rc == 0 && i < pv->nrows; i++) {
		const struct td_finding_row *row = &pv->rows[i];
		const struct td_proto_site *site;
		struct td_triage_item *it;

		if (row->listing.gone_at && !o->with_removed) {
			r->removed++; /* nothing left to take down */
			continue;
		}
		if (o->platform) {
			site = site_of(x.set, row->listing.platform,
				       row->listing.url);
			if (strcmp(o->platform, row->listing.platform) != 0 &&
			    (!site || strcmp(o->platform, site->key) != 0))
				continue;
		}
		if (o->network && (!network_of(&x, row->listing.platform,
					       row->listing.seller_key) ||
				   strcmp(network_of(&x, row->listing.platform,
						     row->listing.seller_key),
					  o->network) != 0))
			continue;
		TD_GROW(r->items, r->n + 1, alloc);
		it = &r->items[r->n];
		memset(it, 0, sizeof(*it));
		td_buf_reset(&why);
		if (fill(&x, row, it, &why)) {
			skip(r, row, why.data);
			free(it->note);
			continue;
		}
		r->n++;
	}
	batches(r);
	for (i = 0; rc == 0 && i < r->n; i++) {
		struct td_triage_item *it = &r->items[i];

		rc = td_triage_eval(&r->params, &it->in, &it->res, err);
		if (rc < 0)
			td_err_prefix(err, "finding %lld",
				      (long long)it->finding);
	}
	for (i = 0; rc == 0 && i < r->n; i++)
		scope_of(r, td_proto_set_find_site(x.set, r->items[i].site));
	if (rc == 0 && !o->no_hold)
		rc = accuracy(r, x.set, err);
	if (rc == 0)
		rc = make_sets(r, err);
	td_rates_release(&x.rates);
	outcomes_release(&x.outcomes);
	td_strv_release(&x.sellers);
	td_strv_release(&x.networks);
	td_buf_release(&path);
	td_buf_release(&why);
	return rc;
}

/* --- cases within a budget ----------------------------------------------- */

void
td_triage_cases_release(struct td_triage_cases *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].site);
		free(c->v[i].right);
		free(c->v[i].items);
	}
	free(c->v);
	td_triage_plan_release(&c->plan);
	memset(c, 0, sizeof(*c));
}

int
td_triage_cases(const struct td_triage_report *r, double budget,
		struct td_triage_cases *out, struct td_err *err)
{
	struct td_triage_candidate *cand;
	size_t *order, n = 0, i, k, alloc = 0;
	int rc;

	order = td_xcalloc(r->n ? r->n : 1, sizeof(*order));
	for (i = 0; i < r->n; i++) {
		const struct td_triage_item *it = &r->items[i];

		/* Possibly genuine goods wait for a test purchase. */
		if (it->held || it->in.maybe_genuine ||
		    (it->res.verdict != TD_TRIAGE_FILE &&
		     it->res.verdict != TD_TRIAGE_MONITOR)) {
			out->not_filing++;
			continue;
		}
		order[n++] = i;
	}
	sort_r = r;
	if (n > 1)
		qsort(order, n, sizeof(*order), cmp_item);
	/* by site and right, best first, cut at the batch limit */
	for (i = 0; i < n; i++) {
		const struct td_triage_item *it = &r->items[order[i]];
		struct td_triage_case *c = NULL;
		unsigned limit = it->in.batch_limit;
		size_t number = 0;

		for (k = 0; k < out->n; k++) {
			struct td_triage_case *x = &out->v[k];

			if (strcmp(x->site, it->site) != 0 ||
			    strcmp(x->right, it->right) != 0)
				continue;
			number++;
			if (!limit || x->n < limit)
				c = x;
		}
		if (!c) {
			struct td_buf id = TD_BUF_INIT;

			TD_GROW(out->v, out->n + 1, alloc);
			c = &out->v[out->n++];
			memset(c, 0, sizeof(*c));
			td_buf_addf(&id, "%s/%s %zu", it->site, it->right,
				    number + 1);
			c->id = td_buf_detach(&id, NULL);
			c->site = td_xstrdup(it->site);
			c->right = td_xstrdup(it->right);
		}
		c->items =
			td_xrealloc(c->items, (c->n + 1) * sizeof(*c->items));
		c->items[c->n++] = order[i];
		if (it->res.case_cost > c->cost)
			c->cost = it->res.case_cost;
		c->value += it->res.expected_value;
	}
	cand = td_xcalloc(out->n ? out->n : 1, sizeof(*cand));
	for (i = 0; i < out->n; i++) {
		cand[i].id = out->v[i].id;
		cand[i].cost = out->v[i].cost;
		cand[i].value = out->v[i].value;
	}
	rc = td_triage_budget(cand, out->n, budget, 1, r->params.currency,
			      &out->plan, err);
	free(cand);
	free(order);
	return rc;
}
