/*
 * takedown contact set|list: who signs complaints for an owner or an
 * agent, and the owner's postal address (the complaint templates need
 * them; docs/cli/contact.md).
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

#include "core/case.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* Replace *field with v when v is given; "" clears it. */
static void
merge(char **field, const char *v)
{
	if (!v)
		return;
	free(*field);
	*field = *v ? td_xstrdup(v) : NULL;
}

static int
contact_set(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_contact c;
	const char *owner = NULL, *agent = NULL, *name = NULL, *title = NULL;
	const char *email = NULL, *phone = NULL, *address = NULL;
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY", "for this owner"},
		{"agent", 0, CLI_OPT_STRING, &agent, "KEY", "for this agent"},
		{"name", 0, CLI_OPT_STRING, &name, "TEXT",
		 "the person who signs"},
		{"title", 0, CLI_OPT_STRING, &title, "TEXT", "their position"},
		{"email", 0, CLI_OPT_STRING, &email, "ADDR", "e-mail"},
		{"phone", 0, CLI_OPT_STRING, &phone, "NUMBER", "phone"},
		{"address", 0, CLI_OPT_STRING, &address, "TEXT",
		 "postal address"},
		{0},
	};
	int rc = CLI_OK, found;

	CLI_PARSE("contact set (--owner KEY | --agent KEY) [--name TEXT] "
		  "[--title TEXT] [--email ADDR] [--phone NUMBER] [--address "
		  "TEXT]",
		  opts);
	if (argc || !owner == !agent)
		return cli_usagef(ctx, "needs --owner KEY or --agent KEY");
	if (!cli_ws(ctx, 1))
		return CLI_FAIL;
	memset(&c, 0, sizeof(c));
	found = td_store_contact_get(ctx->ws->store, owner ? "owner" : "agent",
				     owner ? owner : agent, &c, &err);
	if (found < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (!found) {
		c.party = td_xstrdup(owner ? "owner" : "agent");
		c.key = td_xstrdup(owner ? owner : agent);
	}
	merge(&c.name, name);
	merge(&c.title, title);
	merge(&c.email, email);
	merge(&c.phone, phone);
	merge(&c.address, address);
	if (td_store_contact_set(ctx->ws->store, &c, &err) < 0)
		rc = cli_fail(ctx, &err);
	else
		printf("%s contact of %s %s\n", found ? "updated" : "added",
		       c.party, c.key);
out:
	td_contact_release(&c);
	return cli_finish(ctx, rc);
}

static int
contact_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"party", "PARTY"},     {"key", "KEY"},     {"name", "NAME"},
		{"title", "TITLE"},     {"email", "EMAIL"}, {"phone", "PHONE"},
		{"address", "ADDRESS"},
	};
	struct td_err err = TD_ERR_INIT;
	struct td_contact *v = NULL;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	size_t n = 0, i;
	json_t *rows;
	int fmt, rc = CLI_OK;

	CLI_PARSE("contact list [--format FMT]", opts);
	if (argc)
		return cli_usagef(ctx, "takes options only");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_store_contacts_list(ctx->ws->store, &v, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rows = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(
			rows, json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, "
					"s:s?}",
					"party", v[i].party, "key", v[i].key,
					"name", v[i].name, "title", v[i].title,
					"email", v[i].email, "phone",
					v[i].phone, "address", v[i].address));
	cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
		       TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_contacts_free(v, n);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd contact_cmds[] = {
	{"list", contact_list, 0, "list contacts"},
	{"set", contact_set, CLI_WRITES,
	 "set who signs for an owner or agent, and addresses"},
};

int
cmd_contact(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(contact_cmds, TD_ARRAY_LEN(contact_cmds), argc - 1,
			    argv + 1, ctx);
}
