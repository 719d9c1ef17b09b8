/*
 * takedown network list|show: seller networks, who is in them, what joins
 * them, what they divert, and whether they sit near a partner.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/net.h"
#include "core/portfolio.h"
#include "core/triage_ws.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

static json_t *
jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static double
round2(double v)
{
	return round(v * 100) / 100;
}

/* Diverted value and findings of one network, from a triage report. */
static double
diverted(const struct td_triage_report *r, const char *key)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->items[i].network &&
		    strcmp(r->items[i].network, key) == 0)
			sum += r->items[i].res.diverted_value;
	return sum;
}

/* The members near a partner: one object per (member, partner) at the
 * best level, best first. */
static json_t *
near_partners(const struct td_network_row *nw, const struct td_portfolio *pf)
{
	json_t *a = json_array();
	size_t i, k;
	int level;

	for (level = TD_NET_NEAR_ADDRESS; level >= TD_NET_NEAR_COUNTRY; level--)
		for (k = 0; k < pf->npartners; k++) {
			const struct td_partner *p = &pf->partners[k];

			for (i = 0; i < nw->n_members; i++) {
				const struct td_network_member *m =
					&nw->members[i];
				struct td_buf who = TD_BUF_INIT;
				char *what = NULL;
				json_t *o;

				if ((int)td_net_place_near(
					    m->address, m->country, p->location,
					    p->country, &what) != level) {
					free(what);
					continue;
				}
				td_buf_addf(&who, "%s:%s", m->platform,
					    m->seller_key);
				o = json_object();
				json_object_set_new(o, "partner",
						    json_string(p->key));
				json_object_set_new(o, "partner_name",
						    jstr(p->name));
				json_object_set_new(
					o, "match",
					json_string(td_net_near_name(level)));
				json_object_set_new(o, "seller",
						    json_string(who.data));
				json_object_set_new(o, "what", jstr(what));
				json_object_set_new(o, "partner_location",
						    jstr(p->location));
				json_object_set_new(o, "seller_address",
						    jstr(m->address));
				json_array_append_new(a, o);
				free(what);
				td_buf_release(&who);
			}
		}
	return a;
}

/* "dg-works (city: Dongguan)" for the best match, or "". */
static void
near_text(json_t *near, struct td_buf *b)
{
	json_t *o = json_array_get(near, 0);

	td_buf_reset(b);
	if (!o)
		return;
	td_buf_addf(b, "%s (%s",
		    json_string_value(json_object_get(o, "partner")),
		    json_string_value(json_object_get(o, "match")));
	if (json_string_value(json_object_get(o, "what")))
		td_buf_addf(b, ": %s",
			    json_string_value(json_object_get(o, "what")));
	td_buf_addch(b, ')');
}

static json_t *
members_json(const struct td_network_row *nw)
{
	json_t *a = json_array();
	struct td_buf b = TD_BUF_INIT;
	size_t i;

	for (i = 0; i < nw->n_members; i++) {
		td_buf_reset(&b);
		td_buf_addf(&b, "%s:%s", nw->members[i].platform,
			    nw->members[i].seller_key);
		json_array_append_new(a, json_string(b.data));
	}
	td_buf_release(&b);
	return a;
}

static json_t *
strv_json(const struct td_strv *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->n; i++)
		json_array_append_new(a, json_string(v->v[i]));
	return a;
}

static json_t *
network_json(const struct td_network_row *nw, const struct td_portfolio *pf,
	     const struct td_triage_report *tr)
{
	json_t *j = json_object();

	json_object_set_new(j, "network", json_string(nw->key));
	json_object_set_new(j, "members", members_json(nw));
	json_object_set_new(j, "size", json_integer((json_int_t)nw->n_members));
	json_object_set_new(j, "platforms", strv_json(&nw->platforms));
	json_object_set_new(j, "stored_listings", json_integer(nw->listings));
	json_object_set_new(j, "live_listings", json_integer(nw->live));
	json_object_set_new(j, "findings", json_integer(nw->findings));
	json_object_set_new(j, "diverted_value",
			    json_real(round2(diverted(tr, nw->key))));
	json_object_set_new(j, "currency", json_string(tr->params.currency));
	json_object_set_new(j, "near_partners", near_partners(nw, pf));
	json_object_set_new(j, "created_at", json_string(nw->created_at));
	json_object_set_new(j, "updated_at", json_string(nw->updated_at));
	return j;
}

/* Open the workspace and triage it (for diverted values). */
static int
setup(struct cli_ctx *ctx, const char *network, struct td_triage_report *tr)
{
	struct td_triage_opts o;
	struct td_err err = TD_ERR_INIT;

	memset(tr, 0, sizeof(*tr));
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	memset(&o, 0, sizeof(o));
	o.today = ctx->today;
	o.network = network;
	o.no_hold = 1;
	if (td_triage_run(ctx->ws, NULL, &o, tr, &err) < 0)
		return cli_fail(ctx, &err);
	return CLI_OK;
}

static int
network_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"network", "NETWORK"},          {"size", "SELLERS"},
		{"platforms", "PLATFORMS"},      {"live_listings", "LIVE"},
		{"stored_listings", "LISTINGS"}, {"findings", "FINDINGS"},
		{"diverted", "DIVERTED"},        {"near", "NEAR PARTNER"},
	};
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json, csv or ndjson"},
		{0},
	};
	struct td_triage_report tr;
	struct td_network_row *rows = NULL;
	struct td_err err = TD_ERR_INIT;
	struct td_buf b = TD_BUF_INIT;
	json_t *out;
	size_t n = 0, i;
	int fmt, rc;

	CLI_PARSE("network list [--format FMT]", opts);
	if (argc)
		return cli_usagef(ctx, "takes no operands");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = setup(ctx, NULL, &tr);
	if (rc)
		goto out;
	if (td_store_networks_list(ctx->ws->store, &rows, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	out = json_array();
	for (i = 0; i < n; i++) {
		json_t *j = network_json(&rows[i], &tr.pf, &tr);

		if (fmt == CLI_FMT_TABLE || fmt == CLI_FMT_CSV) {
			td_buf_reset(&b);
			td_triage_money(&b, tr.params.currency,
					diverted(&tr, rows[i].key));
			json_object_set_new(j, "diverted", json_string(b.data));
			near_text(json_object_get(j, "near_partners"), &b);
			json_object_set_new(j, "near", json_string(b.data));
		}
		json_array_append_new(out, j);
	}
	if (fmt == CLI_FMT_TABLE && n == 0)
		printf("no seller networks yet: they form when sellers share "
		       "a phone, an e-mail, a handle, an address or company, "
		       "or near-identical photos and texts\n");
	else
		cli_print_rows(stdout, fmt, out, cols, TD_ARRAY_LEN(cols));
	json_decref(out);
out:
	td_network_rows_free(rows, n);
	td_triage_report_release(&tr);
	td_buf_release(&b);
	return cli_finish(ctx, rc);
}

static json_t *
links_json(const struct td_network_row *nw)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < nw->n_links; i++) {
		const struct td_network_link *l = &nw->links[i];
		json_t *o = json_object(), *ev = json_array();

		json_object_set_new(o, "a", json_string(l->a));
		json_object_set_new(o, "b", json_string(l->b));
		json_object_set_new(o, "strength", json_real(l->strength));
		for (k = 0; k < l->n_ev; k++) {
			const struct td_net_link_ev *e = &l->ev[k];
			json_t *x = json_object();

			json_object_set_new(
				x, "kind",
				json_string(td_net_kind_name(e->kind)));
			json_object_set_new(x, "key", jstr(e->key));
			json_object_set_new(x, "in_a", jstr(e->raw_a));
			json_object_set_new(x, "in_b", jstr(e->raw_b));
			json_object_set_new(x, "strength",
					    json_real(e->strength));
			json_array_append_new(ev, x);
		}
		json_object_set_new(o, "evidence", ev);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
listings_json(const struct td_network_row *nw,
	      const struct td_triage_report *tr)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < tr->n; i++) {
		const struct td_triage_item *it = &tr->items[i];
		json_t *o;

		if (!it->network || strcmp(it->network, nw->key) != 0)
			continue;
		o = json_object();
		json_object_set_new(o, "seller", jstr(it->seller));
		json_object_set_new(o, "platform", json_string(it->platform));
		json_object_set_new(o, "id", json_string(it->ext_id));
		json_object_set_new(o, "finding", json_integer(it->finding));
		json_object_set_new(o, "title", json_string(it->title));
		json_object_set_new(
			o, "verdict",
			json_string(td_triage_verdict_name(it->res.verdict)));
		json_object_set_new(o, "diverted_value",
				    json_real(round2(it->res.diverted_value)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
relist_json(struct td_store *st, const char *key, struct td_err *err, int *rc)
{
	struct td_relist_stat *v = NULL;
	size_t n = 0, i;
	json_t *o = json_null();

	*rc = td_store_relist_stats(st, 1, &v, &n, err);
	for (i = 0; *rc == 0 && i < n; i++) {
		if (strcmp(v[i].group, key) != 0)
			continue;
		o = json_object();
		json_object_set_new(o, "removed", json_integer(v[i].gone));
		json_object_set_new(o, "relisted", json_integer(v[i].relisted));
		json_object_set_new(o, "rate", json_real(v[i].rate));
		json_object_set_new(o, "median_days",
				    isnan(v[i].median_days)
					    ? json_null()
					    : json_real(v[i].median_days));
	}
	td_relist_stats_free(v, n);
	return o;
}

static void
print_show(json_t *j, const struct td_network_row *nw)
{
	struct td_buf b = TD_BUF_INIT;
	json_t *x, *near = json_object_get(j, "near_partners");
	json_t *rel = json_object_get(j, "relisting");
	size_t i, k;

	printf("network %s: %zu sellers on %zu platform%s\n", nw->key,
	       nw->n_members, nw->platforms.n, nw->platforms.n == 1 ? "" : "s");
	printf("listings: %ld stored, %ld still up; %ld findings\n",
	       nw->listings, nw->live, nw->findings);
	td_triage_money(&b, json_string_value(json_object_get(j, "currency")),
			json_real_value(json_object_get(j, "diverted_value")));
	printf("diverted value: %s over the triage horizon\n", b.data);
	if (json_is_object(rel))
		printf("relisting: %lld of %lld removed listings came back "
		       "(%.0f%%)\n",
		       (long long)json_integer_value(
			       json_object_get(rel, "relisted")),
		       (long long)json_integer_value(
			       json_object_get(rel, "removed")),
		       100 * json_real_value(json_object_get(rel, "rate")));
	json_array_foreach(near, i, x)
	{
		const char *m = json_string_value(json_object_get(x, "match"));
		const char *p =
			json_string_value(json_object_get(x, "partner"));
		const char *what =
			json_string_value(json_object_get(x, "what"));
		size_t same = 0, q;
		json_t *y;

		if (strcmp(m, "country") != 0) {
			printf("NEAR PARTNER %s (%s): %s, same %s: %s\n", p,
			       json_string_value(
				       json_object_get(x, "partner_name")),
			       json_string_value(json_object_get(x, "seller")),
			       m, what ? what : "");
			continue;
		}
		/* country matches: one line per partner */
		json_array_foreach(near, q, y)
		{
			if (q < i &&
			    strcmp(json_string_value(
					   json_object_get(y, "partner")),
				   p) == 0 &&
			    strcmp(json_string_value(
					   json_object_get(y, "match")),
				   "country") == 0)
				break;
			same += strcmp(json_string_value(
					       json_object_get(y, "partner")),
				       p) == 0 &&
				strcmp(json_string_value(
					       json_object_get(y, "match")),
				       "country") == 0;
		}
		if (q < i)
			continue;
		printf("same country (%s) as partner %s: %zu seller%s\n",
		       what ? what : "?", p, same, same == 1 ? "" : "s");
	}
	printf("\nmembers:\n");
	for (i = 0; i < nw->n_members; i++) {
		const struct td_network_member *m = &nw->members[i];

		printf("  %s:%s  %s  %ld listing%s (%ld up), %ld "
		       "finding%s%s%s\n",
		       m->platform, m->seller_key, m->name ? m->name : "-",
		       m->listings, m->listings == 1 ? "" : "s", m->live,
		       m->findings, m->findings == 1 ? "" : "s",
		       m->address ? ", " : "", m->address ? m->address : "");
	}
	printf("\nlistings:\n");
	json_array_foreach(json_object_get(j, "listings"), i, x)
	{
		td_buf_reset(&b);
		td_triage_money(
			&b, json_string_value(json_object_get(j, "currency")),
			json_real_value(json_object_get(x, "diverted_value")));
		printf("  %s:%s  finding %lld  %s, diverting %s  %s\n",
		       json_string_value(json_object_get(x, "platform")),
		       json_string_value(json_object_get(x, "id")),
		       (long long)json_integer_value(
			       json_object_get(x, "finding")),
		       json_string_value(json_object_get(x, "verdict")), b.data,
		       json_string_value(json_object_get(x, "title")));
	}
	printf("\nlinks:\n");
	for (i = 0; i < nw->n_links; i++) {
		const struct td_network_link *l = &nw->links[i];

		printf("  %s -- %s  (strength %.2f)\n", l->a, l->b,
		       l->strength);
		for (k = 0; k < l->n_ev; k++)
			printf("      %-9s %s  [%s | %s]\n",
			       td_net_kind_name(l->ev[k].kind), l->ev[k].key,
			       l->ev[k].raw_a ? l->ev[k].raw_a : "-",
			       l->ev[k].raw_b ? l->ev[k].raw_b : "-");
	}
	td_buf_release(&b);
}

static int
network_show(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	struct td_triage_report tr;
	struct td_network_row nw;
	struct td_err err = TD_ERR_INIT;
	json_t *j;
	int fmt, rc, src = 0;

	CLI_PARSE("network show NETWORK [--format FMT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the network (its id, as network "
				       "list shows it, or a member seller)");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	memset(&nw, 0, sizeof(nw));
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_store_network_get(ctx->ws->store, argv[0], &nw, &err) < 0) {
		/* a member seller names its network too */
		struct td_strv sellers = TD_STRV_INIT, nets = TD_STRV_INIT;
		struct td_err e2 = TD_ERR_INIT;
		const char *colon = strchr(argv[0], ':');
		size_t i;

		if (err.code == TD_ENOTFOUND && colon &&
		    td_store_seller_networks(ctx->ws->store, &sellers, &nets,
					     &e2) == 0)
			for (i = 0; i < sellers.n; i++) {
				const char *us = strchr(sellers.v[i], '\x1f');

				if (us &&
				    (size_t)(us - sellers.v[i]) ==
					    (size_t)(colon - argv[0]) &&
				    strncmp(sellers.v[i], argv[0],
					    (size_t)(colon - argv[0])) == 0 &&
				    strcmp(us + 1, colon + 1) == 0 &&
				    td_store_network_get(ctx->ws->store,
							 nets.v[i], &nw,
							 &e2) == 0)
					src = 1;
			}
		td_strv_release(&sellers);
		td_strv_release(&nets);
		if (!src) {
			rc = cli_fail(ctx, &err);
			goto out_ws;
		}
	}
	rc = setup(ctx, nw.key, &tr);
	if (rc)
		goto out;
	j = network_json(&nw, &tr.pf, &tr);
	json_object_set_new(j, "listings", listings_json(&nw, &tr));
	json_object_set_new(j, "links", links_json(&nw));
	json_object_set_new(j, "relisting",
			    relist_json(ctx->ws->store, nw.key, &err, &src));
	if (src < 0) {
		json_decref(j);
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		print_show(j, &nw);
	} else {
		json_dumpf(j, stdout,
			   JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(12));
		fputc('\n', stdout);
	}
	json_decref(j);
out:
	td_triage_report_release(&tr);
out_ws:
	td_network_row_release(&nw);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd network_cmds[] = {
	{"list", network_list, 0, "seller networks, largest first"},
	{"show", network_show, 0,
	 "members, listings, links with their evidence, diverted value"},
};

int
cmd_network(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(network_cmds, TD_ARRAY_LEN(network_cmds), argc - 1,
			    argv + 1, ctx);
}
