/*
 * Triage: the cost-benefit model of one finding and of a seller or a
 * network, with the plain-language reason.
 */
#include "core/triage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

void
td_triage_input_init(struct td_triage_input *in)
{
	memset(in, 0, sizeof(*in));
	in->fx = TD_TRIAGE_UNSET;
	in->margin = TD_TRIAGE_UNSET;
	in->units_per_month = TD_TRIAGE_UNSET;
	in->prior = TD_TRIAGE_UNSET;
	in->cost.filing_hours = TD_TRIAGE_UNSET;
	in->cost.hourly_rate = TD_TRIAGE_UNSET;
	in->cost.fees = TD_TRIAGE_UNSET;
	in->cost.translation = TD_TRIAGE_UNSET;
	in->cost.evaluation_report = TD_TRIAGE_UNSET;
	in->cost.court_order = TD_TRIAGE_UNSET;
	in->p_registered = TD_TRIAGE_UNSET;
	in->registration_cost = TD_TRIAGE_UNSET;
	in->registration_months = TD_TRIAGE_UNSET;
	in->relist_rate = TD_TRIAGE_UNSET;
}

enum td_triage_right
td_triage_right_of(enum td_proto_right_kind kind)
{
	switch (kind) {
	case TD_PROTO_COPYRIGHT:
		return TD_TRIAGE_COPYRIGHT;
	case TD_PROTO_PATENT_INVENTION:
	case TD_PROTO_PATENT_UTILITY:
		return TD_TRIAGE_PATENT;
	case TD_PROTO_DESIGN:
		return TD_TRIAGE_DESIGN;
	default:
		return TD_TRIAGE_TRADEMARK;
	}
}

/* 1 if the protocol requires document doc for this complaint. */
static int requires(const struct td_proto_site *site,
		    const struct td_proto_query *q, enum td_proto_doc_kind doc)
{
	const struct td_proto_req *reqs[64];
	size_t n, i;

	n = td_proto_required_docs(&site->r, q, reqs, TD_ARRAY_LEN(reqs));
	for (i = 0; i < n && i < TD_ARRAY_LEN(reqs); i++)
		if (reqs[i]->doc == doc && reqs[i]->need == TD_PROTO_REQUIRED)
			return 1;
	return 0;
}

void
td_triage_input_from_site(struct td_triage_input *in,
			  const struct td_proto_site *site,
			  enum td_proto_right_kind kind, const char *registry,
			  int32_t applied)
{
	const struct td_proto_right *rr = &site->r.right[kind];
	struct td_proto_query q;
	enum td_proto_reg_class c;

	if (registry && !*registry)
		registry = NULL;
	if (!in->platform)
		in->platform = site->key;
	in->right = td_triage_right_of(kind);
	in->registered_in = registry;
	c = td_proto_classify(&site->r, kind, registry);
	in->reg = c == TD_PROTO_HOME      ? TD_TRIAGE_REG_LOCAL
		  : c == TD_PROTO_FOREIGN ? TD_TRIAGE_REG_FOREIGN
					  : TD_TRIAGE_REG_NONE;
	in->prior = td_proto_prior(&site->r, kind, registry);
	in->p_registered =
		rr->accepted && site->r.nhome
			? td_proto_prior(&site->r, kind, site->r.home[0])
			: 0;
	in->batch_limit =
		site->r.batch.limit > 0 ? (unsigned)site->r.batch.limit : 0;
	memset(&q, 0, sizeof(q));
	q.kind = kind;
	q.registry = registry;
	q.has_applied = applied != TD_DATE_NONE;
	q.applied = applied;
	q.role = TD_PROTO_OWNER;
	q.holder = TD_PROTO_HOLDER_ANY;
	in->needs_evaluation_report =
		requires(site, &q, TD_PROTO_DOC_PATENT_EVALUATION_REPORT);
	in->needs_court_order = requires(site, &q, TD_PROTO_DOC_COURT_ORDER);
}

void
td_triage_result_release(struct td_triage_result *r)
{
	size_t i;

	if (!r)
		return;
	free(r->partner);
	free(r->reason);
	for (i = 0; i < r->n_terms; i++)
		free(r->terms[i].detail);
	free(r->terms);
	memset(r, 0, sizeof(*r));
}

/* --- wording ------------------------------------------------------------ */

void
td_triage_money(struct td_buf *b, const char *cur, double v)
{
	static const struct {
		const char *code;
		const char *sym;
	} syms[] = {
		{"USD", "$"},          {"EUR", "\xe2\x82\xac"},
		{"GBP", "\xc2\xa3"},   {"CNY", "\xc2\xa5"},
		{"JPY", "JP\xc2\xa5"}, {"HKD", "HK$"},
		{"AUD", "A$"},         {"CAD", "C$"},
	};
	const char *sym = NULL;
	char digits[64];
	size_t i, n, lead;
	double a = fabs(v);

	for (i = 0; i < TD_ARRAY_LEN(syms); i++)
		if (cur && strcmp(cur, syms[i].code) == 0)
			sym = syms[i].sym;
	if (v < 0)
		td_buf_addch(b, '-');
	if (sym)
		td_buf_addstr(b, sym);
	else
		td_buf_addf(b, "%s ", cur ? cur : "");
	if (a < 10 && a != floor(a)) {
		td_buf_addf(b, "%.2f", a);
		return;
	}
	if (a >= 1e15) {
		td_buf_addf(b, "%.3g", a);
		return;
	}
	snprintf(digits, sizeof(digits), "%.0f", a);
	n = strlen(digits);
	lead = n % 3 ? n % 3 : 3;
	td_buf_add(b, digits, lead);
	for (i = lead; i < n; i += 3) {
		td_buf_addch(b, ',');
		td_buf_add(b, digits + i, 3);
	}
}

static const char *const eu27[] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
	"FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
	"LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
};

static int
in_eu(const char *c)
{
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(eu27); i++)
		if (strcmp(c, eu27[i]) == 0)
			return 1;
	return 0;
}

/* Does a market entry cover country c? "*" covers every country, "EU"
 * the member states. */
static int
covers(const char *market, const char *c)
{
	if (!market || !c)
		return 0;
	if (strcmp(market, "*") == 0 || strcmp(c, "*") == 0 ||
	    strcmp(market, c) == 0)
		return 1;
	if (strcmp(market, "EU") == 0 && in_eu(c))
		return 1;
	if (strcmp(c, "EU") == 0 && in_eu(market))
		return 1;
	return 0;
}

static int
list_covers(const char *const *list, size_t n, const char *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (covers(list[i], c))
			return 1;
	return 0;
}

static const char *
country_name(const char *c)
{
	static const char *const names[][2] = {
		{"*", "any country"},
		{"AE", "the UAE"},
		{"AT", "Austria"},
		{"AU", "Australia"},
		{"BE", "Belgium"},
		{"BR", "Brazil"},
		{"CA", "Canada"},
		{"CH", "Switzerland"},
		{"CN", "China"},
		{"DE", "Germany"},
		{"DK", "Denmark"},
		{"ES", "Spain"},
		{"EU", "the EU"},
		{"FI", "Finland"},
		{"FR", "France"},
		{"GB", "the United Kingdom"},
		{"GR", "Greece"},
		{"HK", "Hong Kong"},
		{"ID", "Indonesia"},
		{"IE", "Ireland"},
		{"IL", "Israel"},
		{"IN", "India"},
		{"IT", "Italy"},
		{"JP", "Japan"},
		{"KR", "South Korea"},
		{"MX", "Mexico"},
		{"MY", "Malaysia"},
		{"NL", "the Netherlands"},
		{"NO", "Norway"},
		{"NZ", "New Zealand"},
		{"PH", "the Philippines"},
		{"PL", "Poland"},
		{"PT", "Portugal"},
		{"RU", "Russia"},
		{"SA", "Saudi Arabia"},
		{"SE", "Sweden"},
		{"SG", "Singapore"},
		{"TH", "Thailand"},
		{"TR", "Turkey"},
		{"TW", "Taiwan"},
		{"US", "the United States"},
		{"VN", "Vietnam"},
		{"ZA", "South Africa"},
	};
	size_t i;

	for (i = 0; i < TD_ARRAY_LEN(names); i++)
		if (strcmp(names[i][0], c) == 0)
			return names[i][1];
	return c;
}

/* "China", "China and Hong Kong", "China, Hong Kong and 3 more". */
static void
places(struct td_buf *b, const char *const *c, size_t n)
{
	size_t i, shown = n > 3 ? 2 : n;

	for (i = 0; i < shown; i++) {
		if (i > 0)
			td_buf_addstr(b, i + 1 == n ? " and " : ", ");
		td_buf_addstr(b, country_name(c[i]));
	}
	if (shown < n)
		td_buf_addf(b, " and %zu more", n - shown);
}

/* 1 where the product sells, planned_weight where it will, else 0. */
static double
market_weight(const struct td_triage_params *p,
	      const struct td_triage_input *in, const char *c)
{
	if (in->n_markets && list_covers(in->markets, in->n_markets, c))
		return 1;
	if (in->n_planned && list_covers(in->planned, in->n_planned, c))
		return p->planned_weight;
	return 0;
}

static void
codes(struct td_buf *b, const char *const *c, size_t n)
{
	size_t i;

	if (n == 0)
		td_buf_addstr(b, "none");
	for (i = 0; i < n; i++)
		td_buf_addf(b, "%s%s", i ? ", " : "", c[i]);
}

/* --- terms -------------------------------------------------------------- */

static void
term(struct td_triage_result *r, size_t *alloc, const char *name, double value,
     struct td_buf *detail)
{
	TD_GROW(r->terms, r->n_terms + 1, *alloc);
	r->terms[r->n_terms].name = name;
	r->terms[r->n_terms].value = value;
	r->terms[r->n_terms].detail = td_buf_detach(detail, NULL);
	r->n_terms++;
}

/* in if set, else the platform's value if set, else the global one;
 * parameters are in the params currency and are divided by fx. */
static double
pick_cost(double in, double platform, double global, double fx)
{
	if (in >= 0)
		return in;
	return (platform >= 0 ? platform : global) / fx;
}

static int
check_rate(double x, const char *what, struct td_err *err)
{
	if (x != TD_TRIAGE_UNSET && (isnan(x) || x < 0 || x > 1))
		return td_errf(err, TD_EINVAL,
			       "%s must be from 0 to 1, not "
			       "%g",
			       what, x);
	return 0;
}

/* The sentence about price, presentation and market. */
static void
say_copy(struct td_buf *b, const struct td_triage_params *p,
	 const struct td_triage_input *in, const struct td_triage_result *r,
	 const char *const *ship, size_t n_ship, int deceptive)
{
	double pct = r->price_ratio * 100;
	const char *match[8];
	size_t i, n_match = 0;

	td_buf_addstr(b, "The copy sells ");
	if (pct < 1)
		td_buf_addstr(b, "at under 1% of your price");
	else if (pct < 95)
		td_buf_addf(b, "at %.0f%% of your price", pct);
	else if (pct <= 105)
		td_buf_addstr(b, "at about your price");
	else
		td_buf_addstr(b, "above your price");
	if (in->openly_fake)
		td_buf_addstr(b, ", openly as a replica,");
	else if (in->owner_photos)
		td_buf_addstr(b, " with your own photos");
	else if (deceptive)
		td_buf_addstr(b, " as if genuine");
	td_buf_addstr(b, " to buyers in ");
	places(b, ship, n_ship);
	if (r->overlap <= 0) {
		td_buf_addstr(b, ", where you do not sell");
		return;
	}
	/* name the markets that gave the overlap when not all did */
	for (i = 0; i < n_ship; i++)
		if (market_weight(p, in, ship[i]) == r->overlap &&
		    n_match < TD_ARRAY_LEN(match))
			match[n_match++] = ship[i];
	if (n_match < n_ship) {
		td_buf_addstr(b, ", including ");
		places(b, match, n_match);
	}
	td_buf_addstr(b, r->overlap >= 1 ? ", where you sell"
					 : ", where you plan to sell");
}

static void
say_value(struct td_buf *b, const struct td_triage_result *r, unsigned batch)
{
	td_buf_addf(b, "expected value kept over %d months is ",
		    r->horizon_months);
	td_triage_money(b, r->currency, r->expected_value);
	td_buf_addstr(b, " against a filing cost of ");
	td_triage_money(b, r->currency, r->cost);
	if (batch > 1)
		td_buf_addf(b, " (its share of %s for %u listings)",
			    r->cases > 1 ? "the cases" : "one case", batch);
}

static void
reason(const struct td_triage_params *p, const struct td_triage_input *in,
       struct td_triage_result *r, const char *const *ship, size_t n_ship,
       int deceptive, unsigned batch)
{
	struct td_buf b = TD_BUF_INIT;
	const char *pname = in->platform ? in->platform : "the platform";

	switch (r->verdict) {
	case TD_TRIAGE_INVESTIGATE_SOURCE:
		td_buf_addf(&b, "Evidence points at a leak from %s",
			    r->partner);
		if (!td_str_empty(in->leak_evidence))
			td_buf_addf(&b, ": %s", in->leak_evidence);
		td_buf_addf(&b,
			    ". Investigate %s before filing; a takedown "
			    "alone would keep an expected ",
			    r->partner);
		td_triage_money(&b, r->currency, r->expected_value);
		td_buf_addf(&b, " over %d months for ", r->horizon_months);
		td_triage_money(&b, r->currency, r->cost);
		td_buf_addstr(&b, ".");
		break;
	case TD_TRIAGE_REGISTER_FIRST:
		say_copy(&b, p, in, r, ship, n_ship, deceptive);
		if (in->registered_in)
			td_buf_addf(&b,
				    ", but %s does not accept your %s "
				    "registration in %s",
				    pname, td_triage_right_name(in->right),
				    in->registered_in);
		else
			td_buf_addf(&b, ", but your %s is not registered",
				    td_triage_right_name(in->right));
		td_buf_addf(&b,
			    ", so a complaint now succeeds about %.0f%% of "
			    "the time. Registering costs ",
			    r->p_success * 100);
		td_triage_money(&b, r->currency, r->registration_cost);
		td_buf_addf(&b,
			    " and takes %.0f month%s, after which the "
			    "expected value kept over %d months is ",
			    r->registration_months,
			    r->registration_months == 1 ? "" : "s",
			    r->horizon_months);
		td_triage_money(&b, r->currency, r->register_gross);
		td_buf_addstr(&b, " against ");
		td_triage_money(&b, r->currency,
				r->registration_cost + r->cost);
		td_buf_addstr(&b, ": register first.");
		break;
	default:
		if (in->maybe_genuine && r->verdict == TD_TRIAGE_MONITOR) {
			td_buf_addf(&b,
				    "It sells at %.0f%% of your price with no "
				    "sign of copying (no words admitting a "
				    "copy, your mark as written, not your "
				    "photos): it may be genuine goods from a "
				    "reseller or a grey import. Make a test "
				    "purchase before filing: a complaint "
				    "against genuine goods fails and counts "
				    "against your record on %s. At stake: ",
				    r->price_ratio * 100, pname);
			td_triage_money(&b, r->currency, r->expected_value);
			td_buf_addf(&b, " over %d months. Monitor instead.",
				    r->horizon_months);
			break;
		}
		say_copy(&b, p, in, r, ship, n_ship, deceptive);
		td_buf_addstr(&b, "; ");
		say_value(&b, r, batch);
		td_buf_addstr(&b, r->verdict == TD_TRIAGE_FILE ? ". File."
				  : r->verdict == TD_TRIAGE_MONITOR
					  ? ". Monitor instead."
					  : ". Ignore it.");
		break;
	}
	r->reason = td_buf_detach(&b, NULL);
}

/* --- one finding -------------------------------------------------------- */

int
td_triage_eval(const struct td_triage_params *p,
	       const struct td_triage_input *in, struct td_triage_result *r,
	       struct td_err *err)
{
	const struct td_triage_platform *pf;
	struct td_buf d = TD_BUF_INIT;
	const char *home[1];
	const char *const *ship;
	size_t n_ship, i, alloc = 0;
	double fx, s_top, pf_price, w, n0, p0, hours, rate, fees, tr, ev, co;
	double reg_p = 0, disc = 1;
	int deceptive, need_tr, need_ev, need_co, rc = 0;
	unsigned batch, limit;
	char limit_text[32];
	const char *cur, *pname, *presentation;

	td_triage_result_release(r);
	pf = td_triage_platform(p, in->platform);
	if (!pf)
		return td_errf(err, TD_EINVAL,
			       "triage parameters have no "
			       "\"default\" platform");
	pname = in->platform ? in->platform : "default";
	if (isnan(in->msrp) || in->msrp <= 0)
		return td_errf(err, TD_EINVAL, "msrp must be above 0");
	if (isnan(in->price) || in->price < 0)
		return td_errf(err, TD_EINVAL, "price must not be negative");
	if ((rc = check_rate(in->margin, "margin", err)) < 0 ||
	    (rc = check_rate(in->relist_rate, "relist rate", err)) < 0 ||
	    (rc = check_rate(in->prior, "prior", err)) < 0 ||
	    (rc = check_rate(in->p_registered, "registered prior", err)) < 0)
		return rc;
	if (in->prior < 0)
		return td_errf(err, TD_EINVAL,
			       "no success prior: the platform's protocol "
			       "gives it (td_triage_input_from_site)");
	if ((unsigned)in->right >= TD_TRIAGE_RIGHT_COUNT ||
	    (unsigned)in->reg >= TD_TRIAGE_REG_COUNT)
		return td_errf(err, TD_EINVAL,
			       "unknown right kind or "
			       "registration class");
	cur = in->currency ? in->currency : p->currency;
	if (!td_currency_valid(cur))
		return td_errf(err, TD_EINVAL, "unknown currency \"%s\"", cur);
	if (in->fx > 0)
		fx = in->fx;
	else if (strcmp(cur, p->currency) == 0)
		fx = 1;
	else
		return td_errf(err, TD_EINVAL,
			       "amounts are in %s and the "
			       "parameters in %s: give the exchange rate",
			       cur, p->currency);

	snprintf(r->currency, sizeof(r->currency), "%s", cur);
	r->horizon_months =
		in->horizon_months > 0 ? in->horizon_months : p->horizon_months;
	r->margin = in->margin >= 0 ? in->margin : p->margin;
	r->units_per_month = in->units_per_month >= 0 ? in->units_per_month
						      : pf->units_per_month;
	r->relist_rate =
		in->relist_rate >= 0 ? in->relist_rate : p->relist_rate;
	r->price_ratio = in->price / in->msrp;

	/* substitution */
	deceptive = !in->openly_fake &&
		    (in->owner_photos || r->price_ratio >= p->near_msrp_ratio);
	if (in->openly_fake) {
		s_top = p->sub_openly_fake;
		presentation = "openly fake";
	} else if (deceptive) {
		s_top = p->sub_deceptive;
		presentation = in->owner_photos ? "deceptive (your photos)"
						: "deceptive (near MSRP)";
	} else {
		s_top = p->sub_plain;
		presentation = "plain";
	}
	pf_price = pow(r->price_ratio < 1 ? r->price_ratio : 1, p->elasticity);
	r->substitution = s_top * pf_price;

	/* overlap: the best weight among the ship-to markets */
	ship = in->ship_to;
	n_ship = in->n_ship_to;
	if (n_ship == 0) {
		home[0] = pf->home && *pf->home ? pf->home : "*";
		ship = home;
		n_ship = 1;
	}
	for (i = 0; i < n_ship; i++) {
		w = market_weight(p, in, ship[i]);
		if (w > r->overlap)
			r->overlap = w;
	}

	r->diverted_value = r->units_per_month * r->substitution * r->overlap *
			    r->margin * in->msrp * r->horizon_months;
	r->value_kept = r->diverted_value * (1 - r->relist_rate);

	/* success: Beta(p0 n0, (1 - p0) n0) updated by the outcomes */
	p0 = in->prior;
	n0 = p->prior_strength;
	r->p_prior = p0;
	r->p_success = n0 + in->successes + in->failures > 0
			       ? (p0 * n0 + in->successes) /
					 (n0 + in->successes + in->failures)
			       : p0;
	r->expected_value = r->p_success * r->value_kept;

	/* cost of one case, shared by the batch */
	hours = pick_cost(in->cost.filing_hours, pf->cost.filing_hours,
			  p->cost.filing_hours, 1);
	rate = pick_cost(in->cost.hourly_rate, pf->cost.hourly_rate,
			 p->cost.hourly_rate, fx);
	fees = pick_cost(in->cost.fees, pf->cost.fees, p->cost.fees, fx);
	tr = pick_cost(in->cost.translation, pf->cost.translation,
		       p->cost.translation, fx);
	ev = pick_cost(in->cost.evaluation_report, pf->cost.evaluation_report,
		       p->cost.evaluation_report, fx);
	co = pick_cost(in->cost.court_order, pf->cost.court_order,
		       p->cost.court_order, fx);
	need_tr = in->needs_translation > 0;
	need_ev = in->needs_evaluation_report > 0;
	need_co = in->needs_court_order > 0;
	r->case_cost = hours * rate + fees + (need_tr ? tr : 0) +
		       (need_ev ? ev : 0) + (need_co ? co : 0);
	batch = in->batch_size ? in->batch_size : 1;
	limit = in->batch_limit ? in->batch_limit : batch;
	r->cases = (batch + limit - 1) / limit;
	r->cost = r->case_cost * r->cases / batch;
	r->net = r->expected_value - r->cost;

	/* registering first */
	if (in->reg == TD_TRIAGE_REG_NONE) {
		r->registration_cost =
			in->registration_cost >= 0
				? in->registration_cost
				: p->registration[in->right].cost / fx;
		r->registration_months =
			in->registration_months >= 0
				? in->registration_months
				: p->registration[in->right].months;
		reg_p = in->p_registered >= 0 ? in->p_registered : 0;
		disc = pow(1 / (1 + p->annual_discount),
			   r->registration_months / 12);
		r->register_gross = r->value_kept * reg_p * disc;
		r->register_net =
			r->register_gross - r->registration_cost - r->cost;
	}

	/* the verdict */
	if (!td_str_empty(in->leak_partner)) {
		r->verdict = TD_TRIAGE_INVESTIGATE_SOURCE;
		r->partner = td_xstrdup(in->leak_partner);
	} else if (in->maybe_genuine && r->expected_value > 0) {
		/* A complaint against genuine goods fails, and platforms
		 * count failures against the filer: look first. */
		r->verdict = TD_TRIAGE_MONITOR;
	} else if (in->reg == TD_TRIAGE_REG_NONE && r->register_net > 0 &&
		   r->register_net > r->net &&
		   r->register_gross >=
			   p->file_min_ratio *
				   (r->registration_cost + r->cost)) {
		r->verdict = TD_TRIAGE_REGISTER_FIRST;
	} else if (r->expected_value > 0 && r->net > 0 &&
		   r->expected_value >= p->file_min_ratio * r->cost) {
		r->verdict = TD_TRIAGE_FILE;
	} else if (r->expected_value > 0 &&
		   r->expected_value >= p->monitor_min_ratio * r->cost) {
		r->verdict = TD_TRIAGE_MONITOR;
	} else {
		r->verdict = TD_TRIAGE_IGNORE;
	}
	reason(p, in, r, ship, n_ship, deceptive, batch);

	/* the terms, for --explain */
	td_buf_addf(&d, "listing %.2f / MSRP %.2f %s", in->price, in->msrp,
		    cur);
	term(r, &alloc, "price_ratio", r->price_ratio, &d);
	td_buf_addf(&d, "%s: %.2f x min(price ratio, 1)^%.2f = %.2f x %.4f",
		    presentation, s_top, p->elasticity, s_top, pf_price);
	term(r, &alloc, "substitution", r->substitution, &d);
	td_buf_addstr(&d, "ships to ");
	codes(&d, ship, n_ship);
	td_buf_addstr(&d, "; you sell in ");
	codes(&d, in->markets, in->n_markets);
	td_buf_addf(&d, "; planned ");
	codes(&d, in->planned, in->n_planned);
	td_buf_addf(&d, " (weight %.2f)", p->planned_weight);
	term(r, &alloc, "overlap", r->overlap, &d);
	if (in->units_per_month >= 0)
		td_buf_addstr(&d, "visible sales");
	else
		td_buf_addf(&d, "no visible sales: the default for %s",
			    pf->name);
	term(r, &alloc, "units_per_month", r->units_per_month, &d);
	td_buf_addstr(&d, in->margin >= 0 ? "given" : "the default");
	term(r, &alloc, "margin", r->margin, &d);
	td_buf_addf(&d,
		    "units x substitution x overlap x margin x MSRP x "
		    "%d months",
		    r->horizon_months);
	term(r, &alloc, "diverted_value", r->diverted_value, &d);
	td_buf_addstr(&d, in->relist_rate >= 0 ? "given" : "the default");
	term(r, &alloc, "relist_rate", r->relist_rate, &d);
	td_buf_addstr(&d, "diverted value x (1 - relist rate)");
	term(r, &alloc, "value_kept", r->value_kept, &d);
	td_buf_addf(&d, "%s, registration %s%s%s, on %s: the protocol's prior",
		    td_triage_right_name(in->right),
		    td_triage_reg_name(in->reg),
		    in->registered_in ? " in " : "",
		    in->registered_in ? in->registered_in : "", pname);
	term(r, &alloc, "p_prior", r->p_prior, &d);
	td_buf_addf(&d,
		    "(%.2f x %.0f + %u successes) / (%.0f + %u closed "
		    "cases)",
		    p0, n0, in->successes, n0, in->successes + in->failures);
	term(r, &alloc, "p_success", r->p_success, &d);
	td_buf_addstr(&d, "p_success x value kept");
	term(r, &alloc, "expected_value", r->expected_value, &d);
	td_buf_addf(&d, "%.2f h x %.2f + fees %.2f", hours, rate, fees);
	if (need_tr)
		td_buf_addf(&d, " + translation %.2f", tr);
	if (need_ev)
		td_buf_addf(&d, " + evaluation report %.2f", ev);
	if (need_co)
		td_buf_addf(&d, " + court order %.2f", co);
	term(r, &alloc, "case_cost", r->case_cost, &d);
	if (in->batch_limit)
		snprintf(limit_text, sizeof(limit_text), "up to %u",
			 in->batch_limit);
	else
		snprintf(limit_text, sizeof(limit_text), "any number of");
	td_buf_addf(&d, "%u case%s of %s listings for %u listing%s", r->cases,
		    r->cases == 1 ? "" : "s", limit_text, batch,
		    batch == 1 ? "" : "s");
	term(r, &alloc, "cost", r->cost, &d);
	td_buf_addstr(&d, "expected value - cost");
	term(r, &alloc, "net", r->net, &d);
	if (in->reg == TD_TRIAGE_REG_NONE) {
		td_buf_addf(&d,
			    "value kept x p(registered) %.2f x "
			    "discount %.3f for %.0f months",
			    reg_p, disc, r->registration_months);
		term(r, &alloc, "register_gross", r->register_gross, &d);
		td_buf_addstr(&d, "register_gross - registration - cost");
		term(r, &alloc, "register_net", r->register_net, &d);
	}
	td_buf_release(&d);
	return 0;
}

/* --- a seller or network ------------------------------------------------ */

void
td_triage_aggregate_release(struct td_triage_aggregate *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n_groups; i++)
		free(a->groups[i].platform);
	free(a->groups);
	free(a->partner);
	free(a->reason);
	memset(a, 0, sizeof(*a));
}

int
td_triage_aggregate(const struct td_triage_params *p,
		    const struct td_triage_input *in,
		    const struct td_triage_result *res, size_t n,
		    const char *label, struct td_triage_aggregate *out,
		    struct td_err *err)
{
	struct td_buf b = TD_BUF_INIT, partners = TD_BUF_INIT;
	double reg_cost[TD_TRIAGE_RIGHT_COUNT] = {0}, reg_gross = 0;
	double unreg_ev = 0, reg_total = 0;
	size_t i, g, alloc = 0, n_platforms = 0;
	size_t genuine = 0;
	int horizon;

	td_triage_aggregate_release(out);
	if (n == 0)
		return td_errf(err, TD_EINVAL, "no findings to aggregate");
	for (i = 1; i < n; i++)
		if (strcmp(res[i].currency, res[0].currency) != 0)
			return td_errf(err, TD_EINVAL,
				       "findings in %s and %s: "
				       "convert them to one currency first",
				       res[0].currency, res[i].currency);
	snprintf(out->currency, sizeof(out->currency), "%s", res[0].currency);
	horizon = res[0].horizon_months;
	for (i = 0; i < n; i++) {
		const char *name = in[i].platform ? in[i].platform : "default";
		struct td_triage_group *gr = NULL;

		/* Possibly genuine goods are not filed on with the rest: a
		 * test purchase comes first (see td_triage_eval). */
		if (in[i].maybe_genuine) {
			out->diverted_value += res[i].diverted_value;
			genuine++;
			continue;
		}
		for (g = 0; g < out->n_groups; g++) {
			gr = &out->groups[g];
			if (strcmp(gr->platform, name) == 0 &&
			    gr->right == in[i].right && gr->reg == in[i].reg)
				break;
		}
		if (g == out->n_groups) {
			TD_GROW(out->groups, out->n_groups + 1, alloc);
			gr = &out->groups[out->n_groups++];
			memset(gr, 0, sizeof(*gr));
			gr->platform = td_xstrdup(name);
			gr->right = in[i].right;
			gr->reg = in[i].reg;
		}
		gr->listings++;
		if (in[i].batch_limit &&
		    (!gr->batch_limit || in[i].batch_limit < gr->batch_limit))
			gr->batch_limit = in[i].batch_limit;
		if (res[i].case_cost > gr->case_cost)
			gr->case_cost = res[i].case_cost;
		gr->expected_value += res[i].expected_value;
		out->diverted_value += res[i].diverted_value;
		out->value_kept += res[i].value_kept;
		out->expected_value += res[i].expected_value;
		if (in[i].reg == TD_TRIAGE_REG_NONE) {
			reg_gross += res[i].register_gross;
			unreg_ev += res[i].expected_value;
			if (res[i].registration_cost > reg_cost[in[i].right])
				reg_cost[in[i].right] =
					res[i].registration_cost;
		}
		if (!td_str_empty(in[i].leak_partner) &&
		    !strstr(partners.data, in[i].leak_partner)) {
			td_buf_addf(&partners, "%s%s", partners.len ? ", " : "",
				    in[i].leak_partner);
		}
	}
	for (g = 0; g < out->n_groups; g++) {
		struct td_triage_group *gr = &out->groups[g];
		size_t limit = gr->batch_limit ? gr->batch_limit : gr->listings;

		gr->cases = (unsigned)((gr->listings + limit - 1) / limit);
		gr->cost = gr->cases * gr->case_cost;
		out->cases += gr->cases;
		out->cost += gr->cost;
		for (i = 0; i < g; i++)
			if (strcmp(out->groups[i].platform, gr->platform) == 0)
				break;
		n_platforms += i == g;
	}
	for (i = 0; i < TD_TRIAGE_RIGHT_COUNT; i++)
		reg_total += reg_cost[i];
	out->listings = n;
	out->net = out->expected_value - out->cost;
	out->register_net = reg_total > 0 || reg_gross > 0
				    ? out->expected_value - unreg_ev +
					      reg_gross - out->cost - reg_total
				    : 0;

	if (partners.len) {
		out->verdict = TD_TRIAGE_INVESTIGATE_SOURCE;
		out->partner = td_buf_detach(&partners, NULL);
	} else if (genuine == n) {
		out->verdict = TD_TRIAGE_MONITOR;
	} else if (reg_gross > 0 && out->register_net > 0 &&
		   out->register_net > out->net &&
		   out->expected_value - unreg_ev + reg_gross >=
			   p->file_min_ratio * (out->cost + reg_total)) {
		out->verdict = TD_TRIAGE_REGISTER_FIRST;
	} else if (out->net > 0 &&
		   out->expected_value >= p->file_min_ratio * out->cost) {
		out->verdict = TD_TRIAGE_FILE;
	} else if (out->expected_value > 0 &&
		   out->expected_value >= p->monitor_min_ratio * out->cost) {
		out->verdict = TD_TRIAGE_MONITOR;
	} else {
		out->verdict = TD_TRIAGE_IGNORE;
	}

	td_buf_addf(
		&b, "%s%s has %zu listing%s on ", label && *label ? "The " : "",
		label && *label ? label : "This seller", n, n == 1 ? "" : "s");
	for (g = 0, i = 0; g < out->n_groups; g++) {
		size_t k;

		for (k = 0; k < g; k++)
			if (strcmp(out->groups[k].platform,
				   out->groups[g].platform) == 0)
				break;
		if (k < g)
			continue;
		if (i > 0)
			td_buf_addstr(&b,
				      i + 1 == n_platforms ? " and " : ", ");
		td_buf_addstr(&b, out->groups[g].platform);
		i++;
	}
	td_buf_addf(&b, " diverting an estimated ");
	td_triage_money(&b, out->currency, out->diverted_value);
	td_buf_addf(&b, " over %d months; %u case%s would cost ", horizon,
		    out->cases, out->cases == 1 ? "" : "s");
	td_triage_money(&b, out->currency, out->cost);
	td_buf_addstr(&b, " and keep an expected ");
	td_triage_money(&b, out->currency, out->expected_value);
	switch (out->verdict) {
	case TD_TRIAGE_INVESTIGATE_SOURCE:
		td_buf_addf(&b,
			    ". Evidence points at a leak from %s: "
			    "investigate before filing.",
			    out->partner);
		break;
	case TD_TRIAGE_REGISTER_FIRST:
		td_buf_addstr(&b, ". Registering the unregistered rights "
				  "first (");
		td_triage_money(&b, out->currency, reg_total);
		td_buf_addstr(&b, ") raises that to ");
		td_triage_money(&b, out->currency, out->register_net);
		td_buf_addstr(&b, " net: register first.");
		break;
	case TD_TRIAGE_FILE:
		td_buf_addf(&b, ". File them together as %u case%s.",
			    out->cases, out->cases == 1 ? "" : "s");
		break;
	case TD_TRIAGE_MONITOR:
		td_buf_addstr(&b, ". Monitor instead.");
		break;
	default:
		td_buf_addstr(&b, ". Ignore them.");
		break;
	}
	if (genuine)
		td_buf_addf(&b,
			    " %zu listing%s priced like the original with no "
			    "sign of copying may be genuine goods: make a "
			    "test purchase first.",
			    genuine, genuine == 1 ? "" : "s");
	out->reason = td_buf_detach(&b, NULL);
	td_buf_release(&partners);
	return 0;
}
