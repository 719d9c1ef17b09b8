/* Opening the workspace for a command, and ending the command. */
#include "cli/cli.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/portfolio_io.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

struct td_ws *
cli_ws(struct cli_ctx *ctx, int writes)
{
	struct td_err err = TD_ERR_INIT;
	const char *dir = ctx->dir ? ctx->dir : ".";

	if (ctx->ws)
		return ctx->ws;
	if (td_ws_open(dir, &ctx->ws, &err) < 0) {
		cli_fail(ctx, &err);
		return NULL;
	}
	if (ctx->ws->upgraded_from)
		fprintf(stderr,
			"%s: upgraded the workspace from schema version %d to "
			"%d (the old database is kept as "
			"%s/takedown.db.bak-v%d)\n",
			ctx->prog, ctx->ws->upgraded_from,
			td_store_latest(ctx->ws->store), dir,
			ctx->ws->upgraded_from);
	if (writes && td_store_begin(ctx->ws->store, &err) < 0) {
		cli_fail(ctx, &err);
		td_ws_free(ctx->ws);
		ctx->ws = NULL;
		return NULL;
	}
	return ctx->ws;
}

int
cli_ws_exists(struct cli_ctx *ctx)
{
	const char *dir = ctx->dir ? ctx->dir : ".";
	char path[4096];

	snprintf(path, sizeof(path), "%s/takedown.db", dir);
	if (access(path, F_OK) == 0)
		return 1;
	snprintf(path, sizeof(path), "%s/store", dir);
	return access(path, F_OK) == 0;
}

int
cli_finish(struct cli_ctx *ctx, int rc)
{
	struct td_err err = TD_ERR_INIT;

	if (!ctx->ws)
		return rc;
	if (td_store_in_tx(ctx->ws->store)) {
		if (rc == CLI_OK) {
			if (td_store_commit(ctx->ws->store, &err) < 0)
				rc = cli_fail(ctx, &err);
		}
		while (td_store_in_tx(ctx->ws->store))
			td_store_rollback(ctx->ws->store);
	}
	td_ws_free(ctx->ws);
	ctx->ws = NULL;
	return rc;
}

int
cli_apply(struct cli_ctx *ctx, json_t *change, int mode, const char *what,
	  const char *key)
{
	struct td_portfolio chg = TD_PORTFOLIO_INIT;
	struct td_apply_stats stats;
	struct td_err err = TD_ERR_INIT;
	struct td_ws *ws;
	size_t added = 0, kept = 0;
	int rc = CLI_OK;
	int sec;

	if (td_portfolio_from_json(change, NULL, NULL, &chg, &err) < 0) {
		rc = cli_usagef(ctx, "%s", err.msg);
		goto out;
	}
	ws = cli_ws(ctx, 1);
	if (!ws) {
		rc = CLI_FAIL;
		goto out;
	}
	/* A dry run first: an add must not silently replace. */
	if (td_portfolio_apply(ws, &chg, NULL, 1, &stats, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	for (sec = 0; sec < TD_SEC_COUNT; sec++) {
		added += stats.added[sec];
		kept += stats.updated[sec] + stats.unchanged[sec];
	}
	if (mode == CLI_APPLY_ADD && kept) {
		rc = cli_failf(ctx,
			       "%s '%s' already exists (change it with "
			       "'takedown %s edit' or a portfolio import)",
			       what, key, what);
		goto out;
	}
	if (mode == CLI_APPLY_EDIT && added) {
		rc = cli_failf(ctx, "no %s '%s'", what, key);
		goto out;
	}
	if (td_portfolio_apply(ws, &chg, NULL, 0, &stats, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	printf("%s %s %s\n", added ? "added" : "updated", what, key);
out:
	td_portfolio_release(&chg);
	return rc;
}

void
cli_jset(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

void
cli_jset_list(json_t *o, const char *k, const struct cli_list *l)
{
	json_t *a;
	size_t i;

	if (!l->n)
		return;
	a = json_array();
	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	json_object_set_new(o, k, a);
}

int
cli_jset_number(struct cli_ctx *ctx, json_t *o, const char *k, const char *opt,
		const char *v)
{
	char *end;
	double d;

	if (!v)
		return 0;
	d = strtod(v, &end);
	if (end == v || *end) {
		cli_usagef(ctx, "%s: '%s' is not a number", opt, v);
		return -1;
	}
	json_object_set_new(o, k, json_real(d));
	return 0;
}

json_t *
cli_change(const char *section, json_t *obj)
{
	json_t *root = json_object();
	json_t *a = json_array();

	json_array_append_new(a, obj);
	json_object_set_new(root, section, a);
	return root;
}

int
cli_format(struct cli_ctx *ctx, const char *s)
{
	int f = cli_format_parse(s);

	if (f < 0)
		cli_usagef(ctx,
			   "--format: '%s' is not one of table, json, "
			   "csv, ndjson",
			   s);
	return f;
}

int
cli_portfolio(struct cli_ctx *ctx, struct td_portfolio *pf)
{
	struct td_err err = TD_ERR_INIT;
	struct td_ws *ws = cli_ws(ctx, 0);

	if (!ws)
		return CLI_FAIL;
	if (td_store_portfolio_load(ws->store, pf, &err) < 0)
		return cli_fail(ctx, &err);
	return 0;
}

int
cli_show(int argc, char **argv, struct cli_ctx *ctx, const char *usage,
	 const char *what,
	 json_t *(*fn)(const struct td_portfolio *pf, const char *key))
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	json_t *j;
	int fmt, rc;

	CLI_PARSE(usage, opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the %s's key", what);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc == 0) {
		j = fn(&pf, argv[0]);
		if (j) {
			cli_print_object(stdout, fmt, j);
			json_decref(j);
		} else {
			rc = cli_failf(ctx, "no %s '%s'", what, argv[0]);
		}
	}
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}
