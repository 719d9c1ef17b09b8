/* takedown rates import|list|convert: exchange rates for price signals. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rates.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* The rates in force: data/rates.tsv, then the workspace's, newest wins. */
static int
effective(struct cli_ctx *ctx, struct td_rates *r, int need_ws)
{
	struct td_err err = TD_ERR_INIT;
	struct td_ws *ws;

	if (td_rates_builtin(r, &err) < 0)
		return cli_fail(ctx, &err);
	ws = need_ws ? cli_ws(ctx, 0) : NULL;
	if (need_ws && !ws)
		return CLI_FAIL;
	if (ws && td_store_rates_load(ws->store, r, &err) < 0)
		return cli_fail(ctx, &err);
	return CLI_OK;
}

static int
rates_import(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_rates r = TD_RATES_INIT;
	struct td_err err = TD_ERR_INIT;
	const struct cli_opt opts[] = {{0}};
	int rc = CLI_OK;

	CLI_PARSE("rates import FILE", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the rates FILE");
	if (td_rates_load_file(&r, argv[0], &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!cli_ws(ctx, 1)) {
		rc = CLI_FAIL;
		goto out;
	}
	if (td_store_rates_save(ctx->ws->store, &r, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	printf("imported %zu rate%s from %s\n", r.n, r.n == 1 ? "" : "s",
	       argv[0]);
out:
	td_rates_release(&r);
	return cli_finish(ctx, rc);
}

static int
rates_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"currency", "CUR"},
		{"per_usd", "PER USD"},
		{"date", "DATE"},
		{"source", "SOURCE"},
	};
	struct td_rates r = TD_RATES_INIT;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	json_t *rows;
	size_t i;
	int fmt, rc;

	CLI_PARSE("rates list [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = effective(ctx, &r, 1);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < r.n; i++) {
		char d[TD_DATE_LEN];

		td_date_format(r.v[i].date, d);
		json_array_append_new(
			rows,
			json_pack("{s:s,s:f,s:s,s:s?}", "currency",
				  r.v[i].currency, "per_usd", r.v[i].per_usd,
				  "date", d, "source", r.v[i].source));
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_rates_release(&r);
	return cli_finish(ctx, rc);
}

static int
rates_convert(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_rates r = TD_RATES_INIT;
	struct td_err err = TD_ERR_INIT;
	const struct cli_opt opts[] = {{0}};
	char *end;
	double amount, out;
	int32_t date;
	int rc;

	CLI_PARSE("rates convert AMOUNT FROM TO", opts);
	if (argc != 3)
		return cli_usagef(ctx, "needs AMOUNT FROM TO");
	amount = strtod(argv[0], &end);
	if (end == argv[0] || *end)
		return cli_usagef(ctx, "'%s' is not an amount", argv[0]);
	/* Outside a workspace the shipped rates still answer. */
	rc = effective(ctx, &r, cli_ws_exists(ctx));
	if (rc)
		goto out;
	if (td_rates_convert(&r, amount, argv[1], argv[2], &out, &date, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (date != TD_DATE_NONE) {
		char d[TD_DATE_LEN];

		td_date_format(date, d);
		printf("%.2f %s = %.2f %s (rates of %s)\n", amount, argv[1],
		       out, argv[2], d);
	} else {
		printf("%.2f %s = %.2f %s\n", amount, argv[1], out, argv[2]);
	}
out:
	td_rates_release(&r);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd rates_cmds[] = {
	{"convert", rates_convert, 0, "convert an amount between currencies"},
	{"import", rates_import, CLI_WRITES,
	 "import a rates file into the workspace"},
	{"list", rates_list, 0, "the rates in force"},
};

int
cmd_rates(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(rates_cmds, TD_ARRAY_LEN(rates_cmds), argc - 1,
			    argv + 1, ctx);
}
