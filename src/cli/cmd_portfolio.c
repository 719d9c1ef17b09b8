/* takedown portfolio import|export|check: the whole portfolio at once. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/portfolio.h"
#include "core/portfolio_io.h"
#include "core/util.h"
#include "core/ws.h"
#include "core/banned.h"

static int
portfolio_import(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio chg = TD_PORTFOLIO_INIT;
	struct td_apply_stats st;
	struct td_err err = TD_ERR_INIT;
	int dry_run = 0;
	const struct cli_opt opts[] = {
		{"dry-run", 'n', CLI_OPT_FLAG, &dry_run, NULL,
		 "check the file and report, write nothing"},
		{0},
	};
	size_t added = 0, updated = 0, same = 0;
	int rc = CLI_OK, sec;

	CLI_PARSE("portfolio import FILE [--dry-run]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the portfolio FILE");
	if (td_portfolio_load_file(argv[0], &chg, &err) < 0) {
		rc = cli_fail(ctx, &err);
		fprintf(stderr, "%s: nothing was imported\n", ctx->prog);
		goto out;
	}
	if (!cli_ws(ctx, 1)) {
		rc = CLI_FAIL;
		goto out;
	}
	if (td_portfolio_apply(ctx->ws, &chg, argv[0], dry_run, &st, &err) <
	    0) {
		rc = cli_fail(ctx, &err);
		fprintf(stderr, "%s: nothing was imported\n", ctx->prog);
		goto out;
	}
	for (sec = 0; sec < TD_SEC_COUNT; sec++) {
		size_t n = st.added[sec] + st.updated[sec] + st.unchanged[sec];

		added += st.added[sec];
		updated += st.updated[sec];
		same += st.unchanged[sec];
		if (!n)
			continue;
		printf("%-15s %4zu added, %4zu updated, %4zu unchanged\n",
		       td_section_name(sec), st.added[sec], st.updated[sec],
		       st.unchanged[sec]);
	}
	printf("%s%s: %zu added, %zu updated, %zu unchanged, %zu new files "
	       "stored\n",
	       dry_run ? "dry run, nothing written: " : "", argv[0], added,
	       updated, same, dry_run ? (size_t)0 : st.files);
out:
	td_portfolio_release(&chg);
	return cli_finish(ctx, rc);
}

static int
portfolio_export(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_buf path = TD_BUF_INIT;
	const char *out_dir = NULL, *out_file = NULL;
	const struct cli_opt opts[] = {
		{"out", 0, CLI_OPT_STRING, &out_dir, "DIR",
		 "write DIR/portfolio.json and copies of every file"},
		{"output", 'o', CLI_OPT_STRING, &out_file, "FILE",
		 "write the JSON here (default: standard output)"},
		{0},
	};
	json_t *j = NULL;
	int rc = CLI_OK;

	CLI_PARSE("portfolio export [--out DIR | -o FILE]", opts);
	if (argc)
		return cli_usagef(ctx, "takes no arguments");
	if (out_dir && out_file)
		return cli_usagef(ctx, "give --out or -o, not both");
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (out_dir && mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
		rc = cli_failf(ctx, "%s: %s", out_dir, strerror(errno));
		goto out;
	}
	j = td_portfolio_export(ctx->ws, out_dir, &err);
	if (!j) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (out_dir) {
		td_buf_addf(&path, "%s/portfolio.json", out_dir);
		out_file = path.data;
	}
	if (out_file) {
		if (json_dump_file(j, out_file,
				   JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
			rc = cli_failf(ctx, "%s: cannot write", out_file);
		else if (out_dir)
			printf("wrote %s and the files it names\n", out_file);
	} else {
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
out:
	json_decref(j);
	td_buf_release(&path);
	return cli_finish(ctx, rc);
}

static int
portfolio_check(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"level", "LEVEL"},
		{"what", "WHAT"},
		{"key", "KEY"},
		{"message", "WHAT NEEDS ATTENTION"},
	};
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_attention_list al = {0};
	const char *within = NULL, *format = NULL;
	const struct cli_opt opts[] = {
		{"within", 0, CLI_OPT_STRING, &within, "SPAN",
		 "expiry warning horizon (default 60d)"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	int32_t days = 60;
	size_t i, j, errors = 0;
	json_t *rows;
	int fmt, rc;

	CLI_PARSE("portfolio check [--within 60d] [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (within && td_span_parse(within, &days) < 0)
		return cli_usagef(ctx, "--within: '%s' is not a span", within);
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	/* Files first: a changed proof document is the worst surprise. */
	for (i = 0; i < pf.ndocuments; i++) {
		struct td_err err = TD_ERR_INIT;

		if (td_ws_file_verify(ctx->ws, pf.documents[i].sha256, &err) <
		    0) {
			errors++;
			json_array_append_new(
				rows, json_pack("{s:s,s:s,s:s,s:s}", "level",
						"error", "what", "document",
						"key", pf.documents[i].key,
						"message", err.msg));
		}
	}
	for (i = 0; i < pf.nproducts; i++)
		for (j = 0; j < pf.products[i].nimages; j++) {
			struct td_err err = TD_ERR_INIT;

			if (td_ws_file_verify(ctx->ws,
					      pf.products[i].images[j].sha256,
					      &err) < 0) {
				errors++;
				json_array_append_new(
					rows,
					json_pack("{s:s,s:s,s:s,s:s}", "level",
						  "error", "what", "photo",
						  "key", pf.products[i].sku,
						  "message", err.msg));
			}
		}
	td_portfolio_attention(&pf, ctx->today, days, &al);
	for (i = 0; i < al.n; i++) {
		errors += al.v[i].level == TD_ATTN_ERROR;
		json_array_append_new(
			rows,
			json_pack("{s:s,s:s,s:s,s:s}", "level",
				  td_attn_level_name(al.v[i].level), "what",
				  al.v[i].what, "key", al.v[i].key, "message",
				  al.v[i].message));
	}
	if (json_array_size(rows) == 0 && fmt == CLI_FMT_TABLE)
		printf("nothing needs attention\n");
	else
		cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
	if (errors)
		rc = CLI_FAIL;
out:
	td_attention_list_release(&al);
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd portfolio_cmds[] = {
	{"check", portfolio_check, 0,
	 "what needs attention: expiries, missing proof, changed files"},
	{"export", portfolio_export, 0, "write the portfolio as a file"},
	{"import", portfolio_import, CLI_WRITES,
	 "add or update from a portfolio file (all or nothing)"},
};

int
cmd_portfolio(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(portfolio_cmds, TD_ARRAY_LEN(portfolio_cmds),
			    argc - 1, argv + 1, ctx);
}
