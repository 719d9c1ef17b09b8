/*
 * takedown triage: which findings are worth the money, grouped by seller
 * and network, with the accuracy budget and, given --budget, the cases to
 * file within it.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/triage_ws.h"
#include "core/util.h"
#include "core/ws.h"
#include "core/banned.h"

static double
round2(double v)
{
	return round(v * 100) / 100;
}

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* One finding as a JSON object; case_id and chosen from a budget plan. */
static json_t *
item_json(const struct td_triage_report *r, const struct td_triage_item *it,
	  int explain, const char *case_id, int chosen)
{
	const struct td_triage_result *res = &it->res;
	json_t *j = json_object();

	json_object_set_new(j, "platform", json_string(it->platform));
	json_object_set_new(j, "id", json_string(it->ext_id));
	json_object_set_new(j, "seller", jstr(it->seller));
	json_object_set_new(j, "network", jstr(it->network));
	json_object_set_new(j, "verdict",
			    json_string(td_triage_verdict_name(res->verdict)));
	json_object_set_new(j, "expected_value",
			    json_real(round2(res->expected_value)));
	json_object_set_new(j, "diverted_value",
			    json_real(round2(res->diverted_value)));
	json_object_set_new(j, "p_success",
			    json_real(round(res->p_success * 1e4) / 1e4));
	json_object_set_new(j, "cost", json_real(round2(res->cost)));
	json_object_set_new(j, "currency", json_string(res->currency));
	json_object_set_new(j, "reason", json_string(res->reason));
	json_object_set_new(j, "finding", json_integer(it->finding));
	json_object_set_new(j, "site", json_string(it->site));
	json_object_set_new(j, "product", json_string(it->product));
	json_object_set_new(j, "right", json_string(it->right));
	json_object_set_new(j, "right_kind",
			    json_string(td_triage_right_name(it->in.right)));
	json_object_set_new(j, "registration",
			    json_string(td_triage_reg_name(it->in.reg)));
	json_object_set_new(j, "p_prior",
			    json_real(round(res->p_prior * 1e4) / 1e4));
	json_object_set_new(j, "closed_cases",
			    json_integer(it->in.successes + it->in.failures));
	json_object_set_new(j, "net", json_real(round2(res->net)));
	json_object_set_new(j, "case_cost", json_real(round2(res->case_cost)));
	json_object_set_new(j, "partner", jstr(it->partner));
	json_object_set_new(j, "held_back", json_boolean(it->held));
	json_object_set_new(j, "note", jstr(it->note));
	json_object_set_new(j, "title", json_string(it->title));
	if (case_id) {
		json_object_set_new(j, "case", json_string(case_id));
		json_object_set_new(j, "in_budget", json_boolean(chosen));
	}
	if (explain) {
		json_t *terms = json_array();
		size_t i;

		for (i = 0; i < res->n_terms; i++) {
			json_t *t = json_object();

			json_object_set_new(t, "name",
					    json_string(res->terms[i].name));
			json_object_set_new(t, "value",
					    json_real(res->terms[i].value));
			json_object_set_new(t, "detail",
					    json_string(res->terms[i].detail));
			json_array_append_new(terms, t);
		}
		json_object_set_new(j, "terms", terms);
	}
	(void)r;
	return j;
}

/* The case an item is in under a budget plan, or NULL. */
static const struct td_triage_case *
case_of(const struct td_triage_cases *c, size_t item, int *chosen)
{
	size_t i, k;

	for (i = 0; c && i < c->n; i++)
		for (k = 0; k < c->v[i].n; k++)
			if (c->v[i].items[k] == item) {
				*chosen = c->plan.chosen[i];
				return &c->v[i];
			}
	return NULL;
}

static json_t *
set_json(const struct td_triage_report *r, const struct td_triage_set *s,
	 int explain, const struct td_triage_cases *c)
{
	const struct td_triage_aggregate *a = &s->agg;
	json_t *j = json_object(), *items = json_array();
	size_t i;

	json_object_set_new(j, "label", json_string(s->label));
	json_object_set_new(j, "network", jstr(s->network));
	json_object_set_new(j, "seller", jstr(s->seller));
	json_object_set_new(j, "verdict",
			    json_string(td_triage_verdict_name(a->verdict)));
	json_object_set_new(j, "listings",
			    json_integer((json_int_t)a->listings));
	json_object_set_new(j, "cases", json_integer(a->cases));
	json_object_set_new(j, "expected_value",
			    json_real(round2(a->expected_value)));
	json_object_set_new(j, "diverted_value",
			    json_real(round2(a->diverted_value)));
	json_object_set_new(j, "cost", json_real(round2(a->cost)));
	json_object_set_new(j, "net", json_real(round2(a->net)));
	json_object_set_new(j, "currency", json_string(a->currency));
	json_object_set_new(j, "partner", jstr(a->partner));
	json_object_set_new(j, "reason", json_string(a->reason));
	for (i = 0; i < s->n; i++) {
		const struct td_triage_case *tc;
		int chosen = 0;

		tc = case_of(c, s->items[i], &chosen);
		json_array_append_new(
			items, item_json(r, &r->items[s->items[i]], explain,
					 tc ? tc->id : NULL, chosen));
	}
	json_object_set_new(j, "findings", items);
	return j;
}

static json_t *
scopes_json(const struct td_triage_report *r)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < r->nscopes; i++) {
		const struct td_triage_scope *sc = &r->scopes[i];
		const struct td_triage_projection *pr = NULL;
		json_t *j;

		if (sc->rec.accuracy_min <= 0 && sc->rec.counter_max >= 1)
			continue;
		for (k = 0; k < r->hold.n_platforms; k++)
			if (strcmp(r->hold.platforms[k].platform,
				   sc->protocol) == 0)
				pr = &r->hold.platforms[k];
		j = json_object();
		json_object_set_new(j, "protocol", json_string(sc->protocol));
		json_object_set_new(j, "programme", jstr(sc->name));
		json_object_set_new(j, "accuracy_min",
				    json_real(sc->rec.accuracy_min));
		json_object_set_new(j, "counter_max",
				    json_real(sc->rec.counter_max));
		json_object_set_new(j, "filed", json_integer(sc->rec.filed));
		json_object_set_new(j, "succeeded",
				    json_integer(sc->rec.succeeded));
		json_object_set_new(j, "countered",
				    json_integer(sc->rec.countered));
		json_object_set_new(j, "projected_rate",
				    pr ? json_real(round(pr->rate * 1e4) / 1e4)
				       : json_null());
		json_object_set_new(
			j, "filing",
			json_integer(pr ? (json_int_t)pr->filing : 0));
		json_object_set_new(
			j, "held_back",
			json_integer(pr ? (json_int_t)pr->held : 0));
		json_array_append_new(a, j);
	}
	return a;
}

static json_t *
plan_json(const struct td_triage_report *r, const struct td_triage_cases *c,
	  double budget)
{
	json_t *j = json_object(), *a = json_array();
	size_t i, k;

	json_object_set_new(j, "budget", json_real(budget));
	json_object_set_new(j, "currency", json_string(r->params.currency));
	json_object_set_new(j, "cost", json_real(round2(c->plan.cost)));
	json_object_set_new(j, "expected_value",
			    json_real(round2(c->plan.value)));
	json_object_set_new(j, "net", json_real(round2(c->plan.net)));
	for (i = 0; i < c->n; i++) {
		json_t *x = json_object(), *f = json_array();

		json_object_set_new(x, "case", json_string(c->v[i].id));
		json_object_set_new(x, "site", json_string(c->v[i].site));
		json_object_set_new(x, "right", json_string(c->v[i].right));
		json_object_set_new(x, "chosen",
				    json_boolean(c->plan.chosen[i]));
		json_object_set_new(x, "cost", json_real(round2(c->v[i].cost)));
		json_object_set_new(x, "expected_value",
				    json_real(round2(c->v[i].value)));
		for (k = 0; k < c->v[i].n; k++)
			json_array_append_new(
				f, json_integer(
					   r->items[c->v[i].items[k]].finding));
		json_object_set_new(x, "findings", f);
		json_object_set_new(x, "left_out_because",
				    jstr(c->plan.why[i]));
		json_array_append_new(a, x);
	}
	json_object_set_new(j, "cases", a);
	json_object_set_new(j, "findings_not_considered",
			    json_integer((json_int_t)c->not_filing));
	return j;
}

/* --- the table --------------------------------------------------------- */

static void
cell_money(struct td_buf *b, const char *cur, double v)
{
	td_buf_reset(b);
	td_triage_money(b, cur, v);
}

static void
print_item(const struct td_triage_report *r, const struct td_triage_item *it,
	   int explain)
{
	const struct td_triage_result *res = &it->res;
	struct td_buf ev = TD_BUF_INIT, dv = TD_BUF_INIT, co = TD_BUF_INIT;
	char verdict[40];
	size_t i;

	cell_money(&ev, res->currency, res->expected_value);
	cell_money(&dv, res->currency, res->diverted_value);
	cell_money(&co, res->currency, res->cost);
	snprintf(verdict, sizeof(verdict), "%s%s",
		 td_triage_verdict_name(res->verdict), it->held ? "*" : "");
	printf("  %-19s %10s %10s %5.2f %9s  %-7lld %s:%s  %s  %s\n", verdict,
	       ev.data, dv.data, res->p_success, co.data,
	       (long long)it->finding, it->platform, it->ext_id, it->right,
	       it->seller ? it->seller : "-");
	printf("      %s\n", res->reason);
	if (it->note)
		printf("      (%s)\n", it->note);
	if (explain) {
		for (i = 0; i < res->n_terms; i++)
			printf("        %-16s %12.4f  %s\n", res->terms[i].name,
			       res->terms[i].value, res->terms[i].detail);
		if (it->in.successes + it->in.failures)
			printf("        your closed cases on %s (%s, %s): %u "
			       "succeeded, %u failed; prior %.2f, now %.2f\n",
			       it->site, td_triage_right_name(it->in.right),
			       td_triage_reg_name(it->in.reg), it->in.successes,
			       it->in.failures, res->p_prior, res->p_success);
	}
	(void)r;
	td_buf_release(&ev);
	td_buf_release(&dv);
	td_buf_release(&co);
}

static void
print_table(const struct td_triage_report *r, int explain)
{
	struct td_buf a = TD_BUF_INIT, b = TD_BUF_INIT, c = TD_BUF_INIT;
	size_t i, k;

	printf("%zu finding%s in %zu seller%s and networks; amounts in %s "
	       "over %d months\n",
	       r->n, r->n == 1 ? "" : "s", r->nsets, r->nsets == 1 ? "" : "s",
	       r->params.currency, r->params.horizon_months);
	if (r->removed)
		printf("(%zu finding%s left out: the listing is gone, its "
		       "removal confirmed)\n",
		       r->removed, r->removed == 1 ? "" : "s");
	for (i = 0; i < r->nsets; i++) {
		const struct td_triage_set *s = &r->sets[i];
		const struct td_triage_aggregate *g = &s->agg;

		cell_money(&a, g->currency, g->expected_value);
		cell_money(&b, g->currency, g->cost);
		cell_money(&c, g->currency, g->diverted_value);
		/* No case at all: every listing may be genuine goods, and
		 * a test purchase comes before any filing. */
		if (g->cases == 0)
			printf("\n%s: %s, nothing to file before a test "
			       "purchase, diverting %s\n",
			       s->label, td_triage_verdict_name(g->verdict),
			       c.data);
		else
			printf("\n%s: %s, expected %s for %s (%u case%s), "
			       "diverting %s\n",
			       s->label, td_triage_verdict_name(g->verdict),
			       a.data, b.data, g->cases,
			       g->cases == 1 ? "" : "s", c.data);
		if (s->n > 1 || g->verdict != r->items[s->items[0]].res.verdict)
			printf("  %s\n", g->reason);
		printf("  %-19s %10s %10s %5s %9s  %-7s %s\n", "VERDICT",
		       "EXPECTED", "DIVERTED", "P", "COST", "FINDING",
		       "LISTING  RIGHT  SELLER");
		for (k = 0; k < s->n; k++)
			print_item(r, &r->items[s->items[k]], explain);
	}
	if (r->held)
		printf("\n* held back by the accuracy budget (the reason says "
		       "why)\n");
	for (i = 0; i < r->nscopes; i++) {
		const struct td_triage_scope *sc = &r->scopes[i];

		if (sc->rec.accuracy_min <= 0)
			continue;
		for (k = 0; k < r->hold.n_platforms; k++) {
			const struct td_triage_projection *pr =
				&r->hold.platforms[k];

			if (strcmp(pr->platform, sc->protocol) != 0)
				continue;
			printf("\n%s%s%s: your record %u/%u succeeded; filing "
			       "%zu keeps the projected rate at %.1f%% "
			       "(required %.0f%%)%s\n",
			       sc->protocol, sc->name ? ", " : "",
			       sc->name ? sc->name : "", sc->rec.succeeded,
			       sc->rec.filed, pr->filing, 100 * pr->rate,
			       100 * sc->rec.accuracy_min,
			       pr->held ? "; held back:" : "");
			if (pr->held) {
				size_t j;

				for (j = 0; j < r->n; j++)
					if (r->items[j].held &&
					    strcmp(r->items[j].protocol,
						   sc->protocol) == 0)
						printf("  finding %lld "
						       "(%s:%s): "
						       "%s\n",
						       (long long)r->items[j]
							       .finding,
						       r->items[j].platform,
						       r->items[j].ext_id,
						       r->items[j].held_why);
			}
		}
	}
	if (r->nskipped) {
		printf("\nnot evaluated:\n");
		for (i = 0; i < r->nskipped; i++)
			printf("  %s\n", r->skipped[i]);
	}
	td_buf_release(&a);
	td_buf_release(&b);
	td_buf_release(&c);
}

static void
print_plan(const struct td_triage_report *r, const struct td_triage_cases *c,
	   double budget)
{
	const char *cur = r->params.currency;
	struct td_buf a = TD_BUF_INIT, b = TD_BUF_INIT, d = TD_BUF_INIT;
	size_t i, k, chosen = 0;

	for (i = 0; i < c->n; i++)
		chosen += c->plan.chosen[i];
	cell_money(&a, cur, budget);
	cell_money(&b, cur, c->plan.cost);
	cell_money(&d, cur, c->plan.value);
	printf("\nbudget %s: file %zu of %zu case%s for %s, keeping an "
	       "expected %s",
	       a.data, chosen, c->n, c->n == 1 ? "" : "s", b.data, d.data);
	cell_money(&a, cur, c->plan.net);
	printf(" (%s net)\n", a.data);
	for (k = 0; k < 2; k++) {
		printf("%s\n", k == 0 ? "chosen:" : "left out:");
		for (i = 0; i < c->n; i++) {
			const struct td_triage_case *x = &c->v[i];
			size_t j;

			if (c->plan.chosen[i] != (k == 0))
				continue;
			cell_money(&a, cur, x->cost);
			cell_money(&b, cur, x->value);
			printf("  %-22s %zu listing%s, cost %s, expected %s "
			       "(findings",
			       x->id, x->n, x->n == 1 ? "" : "s", a.data,
			       b.data);
			for (j = 0; j < x->n; j++)
				printf(" %lld", (long long)r->items[x->items[j]]
							.finding);
			printf(")\n");
			if (k == 1 && c->plan.why[i])
				printf("      %s\n", c->plan.why[i]);
		}
	}
	if (c->not_filing)
		printf("%zu finding%s not considered: their verdict is not to "
		       "file (investigate the source, register first, "
		       "ignore), they may be genuine goods (test-buy first), "
		       "or the accuracy budget holds them back\n",
		       c->not_filing, c->not_filing == 1 ? "" : "s");
	td_buf_release(&a);
	td_buf_release(&b);
	td_buf_release(&d);
}

int
cmd_triage(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL, *right = NULL, *platform = NULL;
	const char *budget_s = NULL, *network = NULL, *params = NULL;
	int explain = 0, no_hold = 0;
	const struct cli_opt opts[] = {
		{"right", 0, CLI_OPT_STRING, &right, "KEY",
		 "only findings touching this right, relying on it"},
		{"platform", 0, CLI_OPT_STRING, &platform, "P",
		 "only this platform (as the feed names it, or a site key)"},
		{"network", 0, CLI_OPT_STRING, &network, "NET",
		 "only the sellers of this network"},
		{"budget", 0, CLI_OPT_STRING, &budget_s, "AMOUNT",
		 "choose the cases to file within AMOUNT"},
		{"params", 0, CLI_OPT_STRING, &params, "FILE",
		 "triage parameters over the built-in ones (default: the "
		 "workspace's triage.json)"},
		{"explain", 0, CLI_OPT_FLAG, &explain, NULL,
		 "show every term of the model"},
		{"no-hold", 0, CLI_OPT_FLAG, &no_hold, NULL,
		 "do not hold findings back for platforms' accuracy "
		 "programmes"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json, csv or ndjson"},
		{0},
	};
	static const struct cli_col cols[] = {
		{"finding", "FINDING"},
		{"platform", "PLATFORM"},
		{"id", "LISTING"},
		{"seller", "SELLER"},
		{"network", "NETWORK"},
		{"verdict", "VERDICT"},
		{"expected_value", "EXPECTED"},
		{"diverted_value", "DIVERTED"},
		{"p_success", "P"},
		{"cost", "COST"},
		{"currency", "CURRENCY"},
		{"right", "RIGHT"},
		{"reason", "REASON"},
	};
	struct td_triage_opts o;
	struct td_triage_report rep;
	struct td_triage_cases cases;
	struct td_err err = TD_ERR_INIT;
	double budget = -1;
	int fmt, rc = CLI_OK;
	size_t i, k;

	CLI_PARSE("triage [--right KEY] [--platform P] [--budget AMOUNT] "
		  "[--explain] [--format FMT]",
		  opts);
	if (argc != 0)
		return cli_usagef(ctx, "takes no operands");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (budget_s) {
		char *end;

		budget = strtod(budget_s, &end);
		if (*end || end == budget_s || !(budget >= 0) || isinf(budget))
			return cli_usagef(ctx,
					  "--budget: '%s' is not an amount",
					  budget_s);
	}
	memset(&o, 0, sizeof(o));
	o.right = right;
	o.platform = platform;
	o.network = network;
	o.params_path = params;
	o.no_hold = no_hold;
	o.today = ctx->today;
	memset(&rep, 0, sizeof(rep));
	memset(&cases, 0, sizeof(cases));
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_triage_run(ctx->ws, NULL, &o, &rep, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (budget >= 0 && td_triage_cases(&rep, budget, &cases, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		print_table(&rep, explain);
		if (budget >= 0)
			print_plan(&rep, &cases, budget);
	} else if (fmt == CLI_FMT_JSON) {
		json_t *j = json_object(), *sets = json_array();
		json_t *sk = json_array();

		json_object_set_new(j, "currency",
				    json_string(rep.params.currency));
		json_object_set_new(j, "horizon_months",
				    json_integer(rep.params.horizon_months));
		for (i = 0; i < rep.nsets; i++)
			json_array_append_new(
				sets, set_json(&rep, &rep.sets[i], explain,
					       budget >= 0 ? &cases : NULL));
		json_object_set_new(j, "sets", sets);
		json_object_set_new(j, "accuracy", scopes_json(&rep));
		if (budget >= 0)
			json_object_set_new(j, "plan",
					    plan_json(&rep, &cases, budget));
		for (i = 0; i < rep.nskipped; i++)
			json_array_append_new(sk, json_string(rep.skipped[i]));
		json_object_set_new(j, "not_evaluated", sk);
		json_object_set_new(j, "removed_listings",
				    json_integer((json_int_t)rep.removed));
		json_dumpf(j, stdout,
			   JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(12));
		fputc('\n', stdout);
		json_decref(j);
	} else {
		json_t *rows = json_array();

		for (i = 0; i < rep.nsets; i++)
			for (k = 0; k < rep.sets[i].n; k++) {
				size_t x = rep.sets[i].items[k];
				const struct td_triage_case *tc;
				int chosen = 0;

				tc = case_of(budget >= 0 ? &cases : NULL, x,
					     &chosen);
				json_array_append_new(
					rows,
					item_json(&rep, &rep.items[x],
						  explain && fmt != CLI_FMT_CSV,
						  tc ? tc->id : NULL, chosen));
			}
		if (fmt == CLI_FMT_NDJSON) {
			json_t *row;

			json_array_foreach(rows, i, row)
			{
				json_dumpf(row, stdout,
					   JSON_COMPACT | JSON_PRESERVE_ORDER |
						   JSON_REAL_PRECISION(12));
				fputc('\n', stdout);
			}
		} else {
			cli_print_rows(stdout, fmt, rows, cols,
				       TD_ARRAY_LEN(cols));
		}
		json_decref(rows);
		for (i = 0; i < rep.nskipped; i++)
			cli_warnf(ctx, "not evaluated: %s", rep.skipped[i]);
	}
out:
	td_triage_cases_release(&cases);
	td_triage_report_release(&rep);
	return cli_finish(ctx, rc);
}
