/*
 * Planning: which cases to file within a money budget, and which to hold
 * back so that the user's success rate stays above each platform's
 * threshold. Both are 0/1 knapsacks solved exactly by dynamic
 * programming over weights rounded up to a unit.
 */
#include "core/triage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "core/banned.h"

/* The DP's choice table may use this many bits (32 MB). */
#define KNAP_BITS ((size_t)1 << 28)

/*
 * Choose items maximising the sum of v with the sum of w (rounded up to
 * *unit) within cap; only items with want[i] are considered. take[i] is
 * set for the chosen. The unit grows if the table would be too big.
 */
static void
knapsack(const double *w, const double *v, const uint8_t *want, size_t n,
	 double cap, double *unit, uint8_t *take)
{
	size_t W, i, c, *wi;
	double *dp;
	uint8_t *keep;

	memset(take, 0, n);
	if (n == 0)
		return;
	if (*unit <= 0)
		*unit = 1;
	if (cap / *unit > (double)(KNAP_BITS / n) - 1)
		*unit = cap / (double)(KNAP_BITS / n - 1);
	W = (size_t)floor(cap / *unit + 1e-9);
	wi = td_xmalloc(n * sizeof(*wi));
	for (i = 0; i < n; i++) {
		double q = ceil(w[i] / *unit - 1e-9);

		wi[i] = q < 0 ? 0 : q > (double)W + 1 ? W + 1 : (size_t)q;
	}
	dp = td_xcalloc(W + 1, sizeof(*dp));
	keep = td_xcalloc((n * (W + 1) + 7) / 8, 1);
	for (i = 0; i < n; i++) {
		if (!want[i] || wi[i] > W)
			continue;
		for (c = W + 1; c-- > wi[i];) {
			double cand = dp[c - wi[i]] + v[i];

			/* strictly better only: ties keep the earlier items,
			 * so the answer does not depend on rounding noise */
			if (cand > dp[c] + 1e-9 * (1 + fabs(dp[c]))) {
				size_t bit = i * (W + 1) + c;

				dp[c] = cand;
				keep[bit / 8] |= (uint8_t)(1u << (bit % 8));
			}
		}
	}
	c = W;
	for (i = n; i-- > 0;) {
		size_t bit = i * (W + 1) + c;

		if (keep[bit / 8] & (1u << (bit % 8))) {
			take[i] = 1;
			c -= wi[i];
		}
	}
	free(wi);
	free(dp);
	free(keep);
}

void
td_triage_plan_release(struct td_triage_plan *pl)
{
	size_t i;

	if (!pl)
		return;
	for (i = 0; pl->why && i < pl->n; i++)
		free(pl->why[i]);
	free(pl->why);
	free(pl->chosen);
	memset(pl, 0, sizeof(*pl));
}

int
td_triage_budget(const struct td_triage_candidate *cand, size_t n,
		 double budget, double unit, const char *currency,
		 struct td_triage_plan *out, struct td_err *err)
{
	double *w = NULL, *v = NULL, left;
	uint8_t *want = NULL;
	size_t i;

	td_triage_plan_release(out);
	if (isnan(budget) || budget < 0 || isnan(unit) || unit < 0)
		return td_errf(err, TD_EINVAL,
			       "budget and unit must not be "
			       "negative");
	for (i = 0; i < n; i++)
		if (isnan(cand[i].cost) || isnan(cand[i].value) ||
		    cand[i].cost < 0 || cand[i].value < 0)
			return td_errf(err, TD_EINVAL,
				       "case %s: cost and value "
				       "must not be negative",
				       cand[i].id ? cand[i].id : "?");
	out->n = n;
	out->chosen = td_xcalloc(n ? n : 1, 1);
	out->why = td_xcalloc(n ? n : 1, sizeof(*out->why));
	w = td_xcalloc(n ? n : 1, sizeof(*w));
	v = td_xcalloc(n ? n : 1, sizeof(*v));
	want = td_xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		w[i] = cand[i].cost;
		v[i] = cand[i].value - cand[i].cost;
		want[i] = v[i] > 0 && cand[i].cost <= budget;
	}
	out->unit = unit > 0 ? unit : 1;
	knapsack(w, v, want, n, budget, &out->unit, out->chosen);
	for (i = 0; i < n; i++) {
		if (!out->chosen[i])
			continue;
		out->cost += cand[i].cost;
		out->value += cand[i].value;
	}
	out->net = out->value - out->cost;
	left = budget - out->cost;
	for (i = 0; i < n; i++) {
		struct td_buf b = TD_BUF_INIT;

		if (out->chosen[i])
			continue;
		if (v[i] <= 0) {
			td_buf_addstr(&b, "it would keep an expected ");
			td_triage_money(&b, currency, cand[i].value);
			td_buf_addstr(&b, ", no more than it costs (");
			td_triage_money(&b, currency, cand[i].cost);
			td_buf_addstr(&b, ")");
		} else if (cand[i].cost > budget) {
			td_buf_addstr(&b, "it costs ");
			td_triage_money(&b, currency, cand[i].cost);
			td_buf_addstr(&b, ", more than the whole budget of ");
			td_triage_money(&b, currency, budget);
		} else if (cand[i].cost > left) {
			td_buf_addstr(&b, "it would keep ");
			td_triage_money(&b, currency, v[i]);
			td_buf_addstr(&b, " net for ");
			td_triage_money(&b, currency, cand[i].cost);
			td_buf_addstr(&b, ", but only ");
			td_triage_money(&b, currency, left);
			td_buf_addstr(&b, " is left after the chosen cases, "
					  "which keep more together");
		} else {
			td_buf_addstr(&b, "costs rounded up to ");
			td_triage_money(&b, currency, out->unit);
			td_buf_addstr(&b, " left no room for it");
		}
		out->why[i] = td_buf_detach(&b, NULL);
	}
	free(w);
	free(v);
	free(want);
	return 0;
}

/* --- the accuracy budget ------------------------------------------------ */

void
td_triage_holdback_release(struct td_triage_holdback *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; h->why && i < h->n; i++)
		free(h->why[i]);
	free(h->why);
	free(h->held);
	for (i = 0; i < h->n_platforms; i++)
		free(h->platforms[i].platform);
	free(h->platforms);
	memset(h, 0, sizeof(*h));
}

static const char *
pname(const char *s)
{
	return s ? s : "default";
}

/* Decide one platform: the candidates idx[0..k) all belong to it. */
static void
accuracy_one(const struct td_triage_record *rec,
	     const struct td_triage_pending *c, const size_t *idx, size_t k,
	     struct td_triage_holdback *out, struct td_triage_projection *pr)
{
	double t = rec ? rec->accuracy_min : 0;
	double cmax = rec ? rec->counter_max : 1;
	double f = rec ? rec->filed : 0, s = rec ? rec->succeeded : 0;
	double cn = rec ? rec->countered : 0, slack, sum_p = 0, sum_q = 0;
	double *w = td_xcalloc(k ? k : 1, sizeof(*w));
	double *v = td_xcalloc(k ? k : 1, sizeof(*v));
	uint8_t *want = td_xcalloc(k ? k : 1, 1);
	uint8_t *take = td_xcalloc(k ? k : 1, 1);
	double unit = 1e-4;
	size_t i, filing = 0;

	pr->accuracy_min = t;
	pr->counter_max = cmax;
	/* rate >= t  <=>  (s - t f) + sum (p_i - t) >= 0: strong findings
	 * add slack, each weak one uses t - p_i of it */
	slack = s - t * f;
	for (i = 0; i < k; i++) {
		const struct td_triage_pending *x = &c[idx[i]];

		if (x->p_success >= t) {
			take[i] = 1;
			slack += x->p_success - t;
		} else {
			w[i] = t - x->p_success;
			v[i] = (x->value > 0 ? x->value : 0) + 1e-6;
			want[i] = 1;
		}
	}
	if (slack > 0) {
		uint8_t *weak = td_xcalloc(k ? k : 1, 1);

		knapsack(w, v, want, k, slack, &unit, weak);
		for (i = 0; i < k; i++)
			take[i] |= weak[i];
		free(weak);
	}
	for (i = 0; i < k; i++) {
		if (!take[i])
			continue;
		sum_p += c[idx[i]].p_success;
		sum_q += c[idx[i]].p_counter;
		filing++;
	}
	/* the counter-notice ceiling: drop the likeliest to be countered */
	while (filing && (cn + sum_q) / (f + filing) > cmax + 1e-12) {
		size_t worst = k;

		for (i = 0; i < k; i++)
			if (take[i] && c[idx[i]].p_counter > 0 &&
			    (worst == k ||
			     c[idx[i]].p_counter > c[idx[worst]].p_counter))
				worst = i;
		if (worst == k)
			break;
		{
			struct td_buf b = TD_BUF_INIT;

			td_buf_addf(&b,
				    "held back: filing it would bring the "
				    "projected counter-notice rate on %s "
				    "to %.1f%%, above the %.0f%% the "
				    "platform tolerates",
				    pr->platform,
				    100 * (cn + sum_q) / (f + filing),
				    100 * cmax);
			out->why[idx[worst]] = td_buf_detach(&b, NULL);
		}
		take[worst] = 0;
		sum_p -= c[idx[worst]].p_success;
		sum_q -= c[idx[worst]].p_counter;
		filing--;
	}
	for (i = 0; i < k; i++) {
		struct td_buf b = TD_BUF_INIT;

		if (take[i])
			continue;
		out->held[idx[i]] = 1;
		pr->held++;
		if (out->why[idx[i]])
			continue;
		td_buf_addf(&b,
			    "held back: filing it (%.0f%% likely to "
			    "succeed) would bring the projected success "
			    "rate on %s to %.1f%%, below the %.0f%% the "
			    "platform requires",
			    100 * c[idx[i]].p_success, pr->platform,
			    100 * (s + sum_p + c[idx[i]].p_success) /
				    (f + filing + 1),
			    100 * t);
		out->why[idx[i]] = td_buf_detach(&b, NULL);
	}
	pr->filing = filing;
	pr->rate = f + filing > 0 ? (s + sum_p) / (f + filing) : 1;
	pr->counter_rate = f + filing > 0 ? (cn + sum_q) / (f + filing) : 0;
	free(w);
	free(v);
	free(want);
	free(take);
}

static int
cmp_proj(const void *a, const void *b)
{
	return strcmp(((const struct td_triage_projection *)a)->platform,
		      ((const struct td_triage_projection *)b)->platform);
}

void
td_triage_record_from_site(struct td_triage_record *rec,
			   const struct td_proto_site *site)
{
	const struct td_proto_good_faith *g = &site->r.good_faith;

	rec->accuracy_min = g->present ? g->min_success : 0;
	rec->counter_max =
		g->present && g->max_counter > 0 ? g->max_counter : 1;
}

int
td_triage_accuracy(const struct td_triage_record *rec, size_t n_rec,
		   const struct td_triage_pending *c, size_t n,
		   struct td_triage_holdback *out, struct td_err *err)
{
	size_t i, j, k, *idx;

	td_triage_holdback_release(out);
	for (i = 0; i < n; i++)
		if (isnan(c[i].p_success) || c[i].p_success < 0 ||
		    c[i].p_success > 1 || isnan(c[i].p_counter) ||
		    c[i].p_counter < 0 || c[i].p_counter > 1)
			return td_errf(err, TD_EINVAL,
				       "finding %s: "
				       "probabilities must be from 0 to 1",
				       c[i].id ? c[i].id : "?");
	out->n = n;
	out->held = td_xcalloc(n ? n : 1, 1);
	out->why = td_xcalloc(n ? n : 1, sizeof(*out->why));
	idx = td_xmalloc((n ? n : 1) * sizeof(*idx));
	for (i = 0; i < n; i++) {
		const char *name = pname(c[i].platform);
		const struct td_triage_record *r = NULL;
		struct td_triage_projection *pr;

		for (j = 0; j < out->n_platforms; j++)
			if (strcmp(out->platforms[j].platform, name) == 0)
				break;
		if (j < out->n_platforms)
			continue; /* done with its platform already */
		for (j = 0, k = 0; j < n; j++)
			if (strcmp(pname(c[j].platform), name) == 0)
				idx[k++] = j;
		for (j = 0; j < n_rec; j++)
			if (strcmp(pname(rec[j].platform), name) == 0)
				r = &rec[j];
		out->platforms = td_xrealloc(out->platforms,
					     (out->n_platforms + 1) *
						     sizeof(*out->platforms));
		pr = &out->platforms[out->n_platforms++];
		memset(pr, 0, sizeof(*pr));
		pr->platform = td_xstrdup(name);
		accuracy_one(r, c, idx, k, out, pr);
	}
	if (out->n_platforms > 1)
		qsort(out->platforms, out->n_platforms, sizeof(*out->platforms),
		      cmp_proj);
	free(idx);
	return 0;
}
