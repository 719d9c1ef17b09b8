/* takedown due: what needs action, oldest first. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <inttypes.h>
#include <string.h>

#include "core/date.h"
#include "core/due.h"
#include "core/proto.h"
#include "core/util.h"
#include "core/banned.h"

int
cmd_due(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"date", "DATE"},       {"when", "WHEN"},     {"case", "CASE"},
		{"site", "SITE"},       {"state", "STATE"},   {"kind", "WHAT"},
		{"subject", "SUBJECT"}, {"action", "ACTION"},
	};
	struct td_due_list list = {0};
	struct td_err err = TD_ERR_INIT;
	struct td_proto_set *protos = NULL;
	const char *on = NULL, *within = NULL, *format = NULL;
	const struct cli_opt opts[] = {
		{"on", 0, CLI_OPT_STRING, &on, "DATE",
		 "as of this day (default: today)"},
		{"within", 0, CLI_OPT_STRING, &within, "SPAN",
		 "only what falls due within SPAN of that day (e.g. 7d); "
		 "default: everything"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	int32_t day = ctx->today, until = TD_DATE_NONE, span;
	json_t *rows;
	size_t i;
	int fmt, rc = CLI_OK;

	CLI_PARSE("due [--on DATE] [--within SPAN] [--format FMT]", opts);
	if (argc)
		return cli_usagef(ctx, "takes options only");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (on && td_date_parse(on, &day) < 0)
		return cli_usagef(ctx, "'%s' is not a date (YYYY-MM-DD)", on);
	if (within) {
		if (td_span_parse(within, &span) < 0)
			return cli_usagef(
				ctx, "'%s' is not a span (7d, 2w, 1m)", within);
		until = day + span;
	}
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	protos = td_proto_set_load_builtin(&err);
	if (!protos ||
	    td_due_collect(ctx->ws, protos, day, until, &list, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rows = json_array();
	for (i = 0; i < list.n; i++) {
		const struct td_due_item *it = &list.v[i];
		char d[TD_DATE_LEN], when[32];
		int32_t diff = it->date - day;
		json_t *o;

		td_date_format(it->date, d);
		if (diff < 0)
			snprintf(when, sizeof(when), "%d day%s ago", -diff,
				 diff == -1 ? "" : "s");
		else if (diff == 0)
			snprintf(when, sizeof(when), "today");
		else
			snprintf(when, sizeof(when), "in %d day%s", diff,
				 diff == 1 ? "" : "s");
		o = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s}",
			      "date", d, "when", when, "kind",
			      td_due_kind_name(it->kind), "site", it->site,
			      "state", it->state, "subject", it->subject,
			      "action", it->action, "case", "");
		if (it->case_id)
			json_object_set_new(o, "case",
					    json_integer(it->case_id));
		else
			json_object_set_new(o, "case", json_null());
		json_array_append_new(rows, o);
	}
	if (!list.n && fmt == CLI_FMT_TABLE) {
		char d[TD_DATE_LEN];

		td_date_format(day, d);
		printf("nothing needs action as of %s\n", d);
	} else {
		cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
			       TD_ARRAY_LEN(cols));
	}
	json_decref(rows);
out:
	td_due_list_release(&list);
	td_proto_set_free(protos);
	return cli_finish(ctx, rc);
}
