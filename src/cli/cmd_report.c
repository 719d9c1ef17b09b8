/*
 * takedown report: figures over the workspace's history. cases: what
 * filing achieved (cases filed, listings removed or not, the success
 * rate and the time to removal) per site, right or agent. relist: how
 * often removed listings come back, and how fast, per platform and per
 * seller network.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_report.h"
#include "core/date.h"
#include "core/proto.h"
#include "core/triage.h"
#include "core/triage_ws.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

static json_t *
num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 100) / 100);
}

static json_t *
stats_json(const char *by, const struct td_relist_stat *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "by", json_string(by));
		json_object_set_new(o, by, json_string(v[i].group));
		json_object_set_new(o, "removed", json_integer(v[i].gone));
		json_object_set_new(o, "relisted", json_integer(v[i].relisted));
		json_object_set_new(o, "relist_rate",
				    json_real(round(v[i].rate * 1e4) / 1e4));
		json_object_set_new(o, "mean_days",
				    num_or_null(v[i].mean_days));
		json_object_set_new(o, "median_days",
				    num_or_null(v[i].median_days));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
relists_json(const struct td_relist_row *v, size_t n)
{
	json_t *a = json_array();
	char buf[512];
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		snprintf(buf, sizeof(buf), "%s:%s", v[i].platform, v[i].ext_id);
		json_object_set_new(o, "listing", json_string(buf));
		snprintf(buf, sizeof(buf), "%s:%s", v[i].earlier_platform,
			 v[i].earlier_ext_id);
		json_object_set_new(o, "relists", json_string(buf));
		json_object_set_new(o, "finding",
				    v[i].finding_id
					    ? json_integer(v[i].finding_id)
					    : json_null());
		json_object_set_new(o, "earlier_finding",
				    v[i].earlier_finding
					    ? json_integer(v[i].earlier_finding)
					    : json_null());
		json_object_set_new(o, "earlier_case",
				    v[i].earlier_case
					    ? json_integer(v[i].earlier_case)
					    : json_null());
		json_object_set_new(o, "seller",
				    v[i].seller ? json_string(v[i].seller)
						: json_null());
		json_object_set_new(o, "network",
				    v[i].network ? json_string(v[i].network)
						 : json_null());
		json_object_set_new(o, "matched_by",
				    json_string(v[i].matched_by));
		json_object_set_new(o, "evidence",
				    v[i].evidence ? json_string(v[i].evidence)
						  : json_null());
		json_object_set_new(o, "removed_at", json_string(v[i].gone_at));
		json_object_set_new(o, "found_at", json_string(v[i].found_at));
		json_object_set_new(o, "days", num_or_null(v[i].days));
		json_array_append_new(a, o);
	}
	return a;
}

static void
print_stats(const char *title, const struct td_relist_stat *v, size_t n)
{
	size_t i;

	printf("%s\n", title);
	if (!n) {
		printf("  no removals confirmed yet\n");
		return;
	}
	printf("  %-26s %8s %9s %6s %10s %12s\n", "", "REMOVED", "RELISTED",
	       "RATE", "MEAN DAYS", "MEDIAN DAYS");
	for (i = 0; i < n; i++) {
		printf("  %-26s %8ld %9ld %5.0f%%", v[i].group, v[i].gone,
		       v[i].relisted, 100 * v[i].rate);
		if (isnan(v[i].mean_days))
			printf(" %10s %12s\n", "-", "-");
		else
			printf(" %10.1f %12.1f\n", v[i].mean_days,
			       v[i].median_days);
	}
}

static int
report_relist(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL, *since = NULL;
	const struct cli_opt opts[] = {
		{"since", 0, CLI_OPT_STRING, &since, "DATE",
		 "list relistings found since DATE"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	struct td_relist_stat *pl = NULL, *nw = NULL;
	struct td_relist_row *rl = NULL;
	struct td_err err = TD_ERR_INIT;
	size_t npl = 0, nnw = 0, nrl = 0, i;
	int32_t d;
	int fmt, rc = CLI_OK;

	CLI_PARSE("report relist [--since DATE] [--format FMT]", opts);
	if (argc)
		return cli_usagef(ctx, "takes no operands");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (fmt == CLI_FMT_CSV)
		return cli_usagef(ctx, "--format: table, json or ndjson");
	if (since && td_date_parse(since, &d) < 0)
		return cli_usagef(ctx, "--since: '%s' is not a date", since);
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_store_relist_stats(ctx->ws->store, 0, &pl, &npl, &err) < 0 ||
	    td_store_relist_stats(ctx->ws->store, 1, &nw, &nnw, &err) < 0 ||
	    td_store_relists_list(ctx->ws->store, since, &rl, &nrl, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		print_stats("by platform:", pl, npl);
		print_stats("by seller network:", nw, nnw);
		printf("relistings%s%s:\n", since ? " since " : "",
		       since ? since : "");
		if (!nrl)
			printf("  none\n");
		for (i = 0; i < nrl; i++) {
			printf("  %s:%s relists %s:%s (%s, %.1f days after "
			       "removal)",
			       rl[i].platform, rl[i].ext_id,
			       rl[i].earlier_platform, rl[i].earlier_ext_id,
			       rl[i].matched_by, rl[i].days);
			if (rl[i].finding_id)
				printf("; finding %lld",
				       (long long)rl[i].finding_id);
			if (rl[i].earlier_case)
				printf("; re-file case %lld",
				       (long long)rl[i].earlier_case);
			printf("\n      %s\n", rl[i].evidence);
		}
	} else {
		json_t *j = json_object();

		json_object_set_new(j, "by_platform",
				    stats_json("platform", pl, npl));
		json_object_set_new(j, "by_network",
				    stats_json("network", nw, nnw));
		json_object_set_new(j, "relistings", relists_json(rl, nrl));
		json_dumpf(j, stdout,
			   (fmt == CLI_FMT_NDJSON ? JSON_COMPACT
						  : JSON_INDENT(2)) |
				   JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(12));
		fputc('\n', stdout);
		json_decref(j);
	}
out:
	td_relist_stats_free(pl, npl);
	td_relist_stats_free(nw, nnw);
	td_relist_rows_free(rl, nrl);
	return cli_finish(ctx, rc);
}

/* A rate as "67%", or "-" for NaN. */
static const char *
pct(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", 100 * v);
	return buf;
}

/* Days as "7.0", or "-" for NaN. */
static const char *
days(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f", v);
	return buf;
}

static void
print_case_stat(const struct td_case_report_stat *v)
{
	char a[16], b[16], c[16], d[16];

	printf("  %-20s %5ld %5ld %4ld %8ld %7ld %6ld %7ld %7s %7s %7s %7s\n",
	       v->group, v->cases, v->filed, v->open, v->listings, v->removed,
	       v->kept + v->reinstated + v->rejected, v->pending,
	       pct(v->success, a, sizeof(a)),
	       days(v->median_days, b, sizeof(b)),
	       days(v->median_work, c, sizeof(c)),
	       days(v->typical_days, d, sizeof(d)));
}

static json_t *
case_stat_json(const char *by, const struct td_case_report_stat *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "by", json_string(by));
	json_object_set_new(o, "group", json_string(v->group));
	json_object_set_new(o, "cases", json_integer(v->cases));
	json_object_set_new(o, "filed", json_integer(v->filed));
	json_object_set_new(o, "open", json_integer(v->open));
	json_object_set_new(o, "listings", json_integer(v->listings));
	json_object_set_new(o, "removed", json_integer(v->removed));
	json_object_set_new(o, "kept", json_integer(v->kept));
	json_object_set_new(o, "reinstated", json_integer(v->reinstated));
	json_object_set_new(o, "rejected", json_integer(v->rejected));
	json_object_set_new(o, "pending", json_integer(v->pending));
	json_object_set_new(o, "success_rate",
			    isnan(v->success)
				    ? json_null()
				    : json_real(round(v->success * 1e4) / 1e4));
	json_object_set_new(o, "removals_timed", json_integer(v->timed));
	json_object_set_new(o, "mean_days", num_or_null(v->mean_days));
	json_object_set_new(o, "median_days", num_or_null(v->median_days));
	json_object_set_new(o, "median_working_days",
			    num_or_null(v->median_work));
	json_object_set_new(o, "platform_typical_days",
			    num_or_null(v->typical_days));
	json_object_set_new(o, "cost", json_real(round(v->cost * 100) / 100));
	json_object_set_new(o, "cases_costed", json_integer(v->costed));
	json_object_set_new(o, "value_kept",
			    json_real(round(v->value_kept * 100) / 100));
	json_object_set_new(o, "removals_valued", json_integer(v->valued));
	return o;
}

static int
cmp_item_finding(const void *a, const void *b)
{
	int64_t x = ((const struct td_triage_item *)a)->finding;
	int64_t y = ((const struct td_triage_item *)b)->finding;

	return x < y ? -1 : x > y;
}

/*
 * Fill each row's value_kept and case_cost from triage's evaluation of
 * its finding (removed listings included): what removing it keeps, and
 * the largest case cost among the case's findings. Rows whose finding
 * triage could not evaluate keep NaN.
 */
static void
value_rows(struct td_triage_report *rep, struct td_case_report_row *rows,
	   size_t n)
{
	size_t i, j, k;

	qsort(rep->items, rep->n, sizeof(*rep->items), cmp_item_finding);
	for (i = 0; i < n; i = j) {
		double cost = NAN;

		for (j = i; j < n && rows[j].case_id == rows[i].case_id; j++) {
			struct td_triage_item key, *it;

			if (!rows[j].finding_id)
				continue;
			key.finding = rows[j].finding_id;
			it = bsearch(&key, rep->items, rep->n,
				     sizeof(*rep->items), cmp_item_finding);
			if (!it)
				continue;
			rows[j].value_kept = it->res.value_kept;
			if (isnan(cost) || it->res.case_cost > cost)
				cost = it->res.case_cost;
		}
		for (k = i; k < j; k++)
			rows[k].case_cost = cost;
	}
}

static void
print_case_value(const struct td_case_report_stat *v, const char *cur)
{
	struct td_buf c = TD_BUF_INIT, k = TD_BUF_INIT;

	td_triage_money(&c, cur, v->cost);
	td_triage_money(&k, cur, v->value_kept);
	printf("  %-20s cost %s for %ld filed case%s; removing %ld listing%s "
	       "keeps %s\n",
	       v->group, c.data, v->costed, v->costed == 1 ? "" : "s",
	       v->valued, v->valued == 1 ? "" : "s", k.data);
	td_buf_release(&c);
	td_buf_release(&k);
}

static int
report_cases(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL, *by_name = NULL, *since = NULL;
	const char *until = NULL;
	const struct cli_opt opts[] = {
		{"by", 0, CLI_OPT_STRING, &by_name, "WHAT",
		 "site (default), right or agent"},
		{"since", 0, CLI_OPT_STRING, &since, "DATE",
		 "only cases first filed on or after DATE"},
		{"until", 0, CLI_OPT_STRING, &until, "DATE",
		 "only cases first filed on or before DATE"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or ndjson"},
		{0},
	};
	struct td_case_report_row *rows = NULL;
	struct td_case_report_stat *v = NULL, *all = NULL;
	struct td_proto_set *protos = NULL;
	struct td_triage_report rep;
	struct td_triage_opts o;
	struct td_err err = TD_ERR_INIT, terr = TD_ERR_INIT;
	size_t nrows = 0, n = 0, nall = 0, i;
	int valued = 0;
	int fmt, by = TD_CASE_REPORT_SITE, missing = 0, rc = CLI_OK;
	int32_t d_since = TD_DATE_NONE, d_until = TD_DATE_NONE;

	CLI_PARSE("report cases [--by site|right|agent] [--since DATE] "
		  "[--until DATE] [--format FMT]",
		  opts);
	if (argc)
		return cli_usagef(ctx, "takes no operands");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (fmt == CLI_FMT_CSV)
		return cli_usagef(ctx, "--format: table, json or ndjson");
	if (since && td_date_parse(since, &d_since) < 0)
		return cli_usagef(ctx, "--since: '%s' is not a date", since);
	if (until && td_date_parse(until, &d_until) < 0)
		return cli_usagef(ctx, "--until: '%s' is not a date", until);
	if (since && until && d_until < d_since)
		return cli_usagef(ctx, "--until %s is before --since %s", until,
				  since);
	if (by_name) {
		by = td_case_report_by_parse(by_name);
		if (by < 0 || by == TD_CASE_REPORT_ALL)
			return cli_usagef(ctx,
					  "--by: '%s' is not site, right or "
					  "agent",
					  by_name);
	}
	memset(&rep, 0, sizeof(rep));
	protos = td_proto_set_load_builtin(&err);
	if (!protos)
		return cli_fail(ctx, &err);
	if (!cli_ws(ctx, 0)) {
		td_proto_set_free(protos);
		return CLI_FAIL;
	}
	if (td_store_case_report_rows(ctx->ws->store, &rows, &nrows, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	nrows = td_case_report_period(rows, nrows, d_since, d_until);
	/* Cost and value are triage's estimates; without them (a bad
	 * triage.json) the counts and times still stand. */
	memset(&o, 0, sizeof(o));
	o.today = ctx->today;
	o.no_hold = 1;
	o.with_removed = 1;
	o.in_case = 1; /* the cases' findings, not every finding */
	if (nrows && td_triage_run(ctx->ws, protos, &o, &rep, &terr) == 0) {
		value_rows(&rep, rows, nrows);
		valued = 1;
	}
	if (td_case_report(rows, nrows, by, protos, &v, &n, &missing, &err) <
		    0 ||
	    td_case_report(rows, nrows, TD_CASE_REPORT_ALL, protos, &all, &nall,
			   NULL, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		printf("cases by %s", td_case_report_by_name(by));
		if (since && until)
			printf(", first filed from %s until %s", since, until);
		else if (since)
			printf(", first filed from %s", since);
		else if (until)
			printf(", first filed until %s", until);
		printf(":\n");
		if (!n) {
			printf(since || until ? "  no case first filed then\n"
					      : "  no cases yet\n");
			goto out;
		}
		printf("  %-20s %5s %5s %4s %8s %7s %6s %7s %7s %7s %7s %7s\n",
		       "", "CASES", "FILED", "OPEN", "LISTINGS", "REMOVED",
		       "FAILED", "PENDING", "SUCCESS", "DAYS", "WORKING",
		       "TYPICAL");
		for (i = 0; i < n; i++)
			print_case_stat(&v[i]);
		if (n > 1 && nall == 1)
			print_case_stat(&all[0]);
		if (valued) {
			printf("cost and value (triage's estimates, %s over %d "
			       "months):\n",
			       rep.params.currency, rep.params.horizon_months);
			for (i = 0; i < n; i++)
				print_case_value(&v[i], rep.params.currency);
			if (n > 1 && nall == 1)
				print_case_value(&all[0], rep.params.currency);
		} else if (terr.code) {
			printf("(no cost or value: triage: %s)\n", terr.msg);
		}
		printf("FAILED: kept, reinstated or rejected; SUCCESS: removed "
		       "of those decided; DAYS: median days from filing to "
		       "removal,\nWORKING: the same in the site's working "
		       "days; TYPICAL: what the platform says\n");
		if (missing)
			printf("(no calendar data for %d: its working days "
			       "are counted as weekdays)\n",
			       missing);
	} else {
		json_t *j = json_object(), *a = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(
				a, case_stat_json(td_case_report_by_name(by),
						  &v[i]));
		json_object_set_new(j, "by",
				    json_string(td_case_report_by_name(by)));
		json_object_set_new(j, "since",
				    since ? json_string(since) : json_null());
		json_object_set_new(j, "until",
				    until ? json_string(until) : json_null());
		json_object_set_new(j, "groups", a);
		json_object_set_new(j, "currency",
				    valued ? json_string(rep.params.currency)
					   : json_null());
		json_object_set_new(j, "all",
				    nall ? case_stat_json("all", &all[0])
					 : json_null());
		json_dumpf(j, stdout,
			   (fmt == CLI_FMT_NDJSON ? JSON_COMPACT
						  : JSON_INDENT(2)) |
				   JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(12));
		fputc('\n', stdout);
		json_decref(j);
	}
out:
	td_case_report_rows_free(rows, nrows);
	td_case_report_stats_free(v, n);
	td_case_report_stats_free(all, nall);
	td_proto_set_free(protos);
	td_triage_report_release(&rep);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd report_cmds[] = {
	{"cases", report_cases, 0,
	 "what filing achieved: success rate and time to removal"},
	{"relist", report_relist, 0,
	 "relist rate and time to relist, per platform and network"},
};

int
cmd_report(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(report_cmds, TD_ARRAY_LEN(report_cmds), argc - 1,
			    argv + 1, ctx);
}
