/* takedown findings list|show: what scans found. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

static json_t *
strv_json(const struct td_strv *sv)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

static json_t *
row_json(const struct td_finding_row *r, int full)
{
	const struct td_listing_row *l = &r->listing;
	json_t *j = json_object();

	json_object_set_new(j, "finding", json_integer(r->id));
	json_object_set_new(j, "platform", json_string(l->platform));
	json_object_set_new(j, "id", json_string(l->ext_id));
	json_object_set_new(j, "url",
			    l->url ? json_string(l->url) : json_null());
	json_object_set_new(j, "score", json_real(r->score));
	json_object_set_new(j, "rights", strv_json(&r->rights));
	json_object_set_new(j, "products", strv_json(&r->products));
	json_object_set_new(
		j, "price_ratio",
		r->has_price_ratio
			? json_real(round(r->price_ratio * 1e4) / 1e4)
			: json_null());
	json_object_set_new(j, "seller",
			    l->seller_key ? json_string(l->seller_key)
					  : json_null());
	json_object_set_new(j, "title", json_string(l->title));
	json_object_set_new(j, "updated_at", json_string(r->updated_at));
	if (full) {
		json_object_set_new(j, "seller_name",
				    l->seller_name ? json_string(l->seller_name)
						   : json_null());
		json_object_set_new(j, "price",
				    l->has_price ? json_real(l->price)
						 : json_null());
		json_object_set_new(j, "currency",
				    l->currency ? json_string(l->currency)
						: json_null());
		json_object_set_new(j, "ships_to", strv_json(&l->ships_to));
		json_object_set_new(j, "images", strv_json(&l->images));
		json_object_set_new(j, "source",
				    l->source ? json_string(l->source)
					      : json_null());
		json_object_set_new(j, "first_seen",
				    json_string(l->first_seen));
		json_object_set_new(j, "last_seen", json_string(l->last_seen));
		json_object_set_new(j, "created_at",
				    json_string(r->created_at));
		json_object_set_new(j, "signals", json_incref(r->signals));
	}
	return j;
}

static int
findings_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"finding", "FINDING"},   {"score", "SCORE"},
		{"platform", "PLATFORM"}, {"id", "LISTING"},
		{"rights", "RIGHTS"},     {"price_ratio", "PRICE/MSRP"},
		{"seller", "SELLER"},     {"title", "TITLE"},
	};
	const char *format = NULL, *min = NULL, *right = NULL, *platform = NULL;
	const char *seller = NULL, *since = NULL, *scan = NULL, *limit = NULL;
	const struct cli_opt opts[] = {
		{"min-score", 0, CLI_OPT_STRING, &min, "X",
		 "only scores of at least X (0..1)"},
		{"right", 0, CLI_OPT_STRING, &right, "KEY", "only this right"},
		{"platform", 0, CLI_OPT_STRING, &platform, "P",
		 "only this platform"},
		{"seller", 0, CLI_OPT_STRING, &seller, "ID",
		 "only this seller"},
		{"since", 0, CLI_OPT_STRING, &since, "DATE",
		 "only found or updated since DATE"},
		{"scan", 0, CLI_OPT_STRING, &scan, "N", "only from scan N"},
		{"limit", 0, CLI_OPT_STRING, &limit, "N", "at most N"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json, csv or ndjson"},
		{0},
	};
	struct td_finding_filter f;
	struct td_finding_row *rows = NULL;
	struct td_err err = TD_ERR_INIT;
	json_t *out;
	size_t n = 0, i;
	int32_t d;
	char *end;
	int fmt, rc = CLI_OK;

	CLI_PARSE("findings list [--min-score X] [--right KEY] [--platform P] "
		  "[--seller ID] [--since DATE] [--format FMT]",
		  opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	memset(&f, 0, sizeof(f));
	if (min) {
		f.min_score = strtod(min, &end);
		if (*end || end == min || f.min_score < 0 || f.min_score > 1)
			return cli_usagef(ctx,
					  "--min-score: '%s' is not a number "
					  "from 0 to 1",
					  min);
	}
	if (since && td_date_parse(since, &d) < 0)
		return cli_usagef(ctx, "--since: '%s' is not a date", since);
	if (scan) {
		f.scan_id = strtoll(scan, &end, 10);
		if (*end || f.scan_id < 1)
			return cli_usagef(ctx, "--scan: '%s' is not a scan",
					  scan);
	}
	if (limit) {
		long v = strtol(limit, &end, 10);

		if (*end || v < 1)
			return cli_usagef(ctx, "--limit: '%s' is not a count",
					  limit);
		f.limit = (size_t)v;
	}
	f.right = right;
	f.platform = platform;
	f.seller = seller;
	f.since = since;
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_store_findings_list(ctx->ws->store, &f, &rows, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(out, row_json(&rows[i], 0));
	cli_print_rows(stdout, fmt, out, cols, TD_ARRAY_LEN(cols));
	json_decref(out);
out:
	td_finding_rows_free(rows, n);
	return cli_finish(ctx, rc);
}

static int
findings_show(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	struct td_finding_row row;
	struct td_err err = TD_ERR_INIT;
	json_t *j;
	char *end;
	long long id;
	int fmt, rc = CLI_OK;

	CLI_PARSE("findings show ID [--format FMT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the finding's ID");
	id = strtoll(argv[0], &end, 10);
	if (*end || id < 1)
		return cli_usagef(ctx, "'%s' is not a finding id", argv[0]);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	memset(&row, 0, sizeof(row));
	if (td_store_finding_get(ctx->ws->store, id, &row, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	j = row_json(&row, 1);
	if (fmt == CLI_FMT_TABLE) {
		json_object_del(j, "signals");
		cli_print_object(stdout, fmt, j);
		printf("signals (score %.3f = 1 - product of (1 - "
		       "contribution)):\n",
		       row.score);
		cli_explain_signals(stdout, row.signals, "  ");
	} else {
		cli_print_object(stdout, fmt, j);
	}
	json_decref(j);
out:
	td_finding_row_release(&row);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd findings_cmds[] = {
	{"list", findings_list, 0, "list findings, best first"},
	{"show", findings_show, 0, "one finding with its evidence"},
};

int
cmd_findings(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(findings_cmds, TD_ARRAY_LEN(findings_cmds),
			    argc - 1, argv + 1, ctx);
}
