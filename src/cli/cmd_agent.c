/* takedown agent add|list|authorise: who may file for an owner. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

#include "core/date.h"
#include "core/portfolio.h"
#include "core/util.h"
#include "core/banned.h"

static int
agent_add(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *name = NULL, *kind = NULL, *contact = NULL;
	const struct cli_opt opts[] = {
		{"name", 0, CLI_OPT_STRING, &name, "NAME",
		 "law firm's or person's name"},
		{"kind", 0, CLI_OPT_STRING, &kind, "KIND",
		 "law_firm (default) or person"},
		{"contact", 0, CLI_OPT_STRING, &contact, "TEXT",
		 "e-mail or address"},
		{0},
	};
	json_t *o, *change;
	int rc;

	CLI_PARSE("agent add KEY --name NAME [--kind KIND] [--contact TEXT]",
		  opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the agent's KEY");
	o = json_object();
	cli_jset(o, "key", argv[0]);
	cli_jset(o, "name", name);
	cli_jset(o, "kind", kind);
	cli_jset(o, "contact", contact);
	change = cli_change("agents", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "agent", argv[0]);
	json_decref(change);
	return cli_finish(ctx, rc);
}

static int
agent_authorise(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *owner = NULL, *document = NULL, *from = NULL, *to = NULL;
	struct cli_list rights = {0};
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY",
		 "the owner the agent acts for"},
		{"document", 0, CLI_OPT_STRING, &document, "KEY",
		 "the power of attorney (a stored document)"},
		{"valid-from", 0, CLI_OPT_STRING, &from, "DATE",
		 "start of the authorisation"},
		{"valid-to", 0, CLI_OPT_STRING, &to, "DATE",
		 "end of the authorisation"},
		{"right", 0, CLI_OPT_LIST, &rights, "KEY",
		 "a right it covers (repeat; none = all the owner's)"},
		{0},
	};
	char key[160];
	json_t *o, *change;
	int rc;

	rc = cli_parse(ctx,
		       "agent authorise AGENT --owner O [--document D] "
		       "[--valid-to DATE] [--right R...]",
		       opts, &argc, &argv);
	if (rc) {
		cli_list_release(&rights);
		return rc > 0 ? CLI_OK : CLI_USAGE;
	}
	if (argc != 1 || !owner) {
		cli_list_release(&rights);
		return cli_usagef(ctx, "needs the AGENT and --owner");
	}
	o = json_object();
	cli_jset(o, "owner", owner);
	cli_jset(o, "agent", argv[0]);
	cli_jset(o, "document", document);
	cli_jset(o, "valid_from", from);
	cli_jset(o, "valid_to", to);
	cli_jset_list(o, "rights", &rights);
	change = cli_change("authorisations", o);
	snprintf(key, sizeof(key), "%s for %s", argv[0], owner);
	rc = cli_apply(ctx, change, CLI_APPLY_SET, "authorisation of", key);
	json_decref(change);
	cli_list_release(&rights);
	return cli_finish(ctx, rc);
}

static int
agent_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"key", "KEY"},
		{"name", "NAME"},
		{"kind", "KIND"},
		{"contact", "CONTACT"},
		{"acts_for", "ACTS FOR (UNTIL)"},
	};
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	json_t *rows;
	size_t i, j;
	int fmt, rc;

	CLI_PARSE("agent list [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.nagents; i++) {
		json_t *o = td_agent_to_json(&pf.agents[i]);
		json_t *a = json_array();

		for (j = 0; j < pf.nauths; j++) {
			const struct td_authorisation *au = &pf.auths[j];

			if (strcmp(au->agent, pf.agents[i].key) != 0)
				continue;
			if (fmt == CLI_FMT_JSON || fmt == CLI_FMT_NDJSON) {
				json_t *x = td_authorisation_to_json(au);

				json_object_del(x, "agent");
				json_array_append_new(a, x);
			} else {
				char d[TD_DATE_LEN] = "open";
				char s[200];

				if (au->valid_to != TD_DATE_NONE)
					td_date_format(au->valid_to, d);
				snprintf(s, sizeof(s), "%s (%s)", au->owner, d);
				json_array_append_new(a, json_string(s));
			}
		}
		json_object_set_new(o, "acts_for", a);
		json_array_append_new(rows, o);
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd agent_cmds[] = {
	{"add", agent_add, CLI_WRITES, "add a law firm or person"},
	{"authorise", agent_authorise, CLI_WRITES,
	 "record that an agent may act for an owner"},
	{"list", agent_list, 0, "list agents and whom they act for"},
};

int
cmd_agent(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(agent_cmds, TD_ARRAY_LEN(agent_cmds), argc - 1,
			    argv + 1, ctx);
}
