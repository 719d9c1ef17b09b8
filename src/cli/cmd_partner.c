/* takedown partner add|list: factories, distributors and retailers. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

#include "core/portfolio.h"
#include "core/util.h"
#include "core/banned.h"

static int
partner_add(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *owner = NULL, *kind = NULL, *name = NULL;
	const char *location = NULL, *country = NULL;
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY", "the owner"},
		{"kind", 0, CLI_OPT_STRING, &kind, "KIND",
		 "factory, distributor, retailer or other"},
		{"name", 0, CLI_OPT_STRING, &name, "NAME",
		 "the partner's name"},
		{"location", 0, CLI_OPT_STRING, &location, "TEXT",
		 "where it is (\"Dongguan, CN\")"},
		{"country", 0, CLI_OPT_STRING, &country, "CC",
		 "its country (ISO 3166)"},
		{0},
	};
	json_t *o, *change;
	int rc;

	CLI_PARSE("partner add KEY --owner O --kind K --name N [options]",
		  opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the partner's KEY");
	o = json_object();
	cli_jset(o, "key", argv[0]);
	cli_jset(o, "owner", owner);
	cli_jset(o, "kind", kind);
	cli_jset(o, "name", name);
	cli_jset(o, "location", location);
	cli_jset(o, "country", country);
	change = cli_change("partners", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "partner", argv[0]);
	json_decref(change);
	return cli_finish(ctx, rc);
}

static int
partner_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"key", "KEY"},           {"owner", "OWNER"},
		{"kind", "KIND"},         {"name", "NAME"},
		{"location", "LOCATION"}, {"photos", "PHOTOS GIVEN"},
	};
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *format = NULL, *owner = NULL;
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY",
		 "only this owner's"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	json_t *rows;
	size_t i, j, k;
	int fmt, rc;

	CLI_PARSE("partner list [--owner KEY] [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.npartners; i++) {
		const struct td_partner *p = &pf.partners[i];
		json_int_t n = 0;
		json_t *o;

		if (owner && strcmp(owner, p->owner) != 0)
			continue;
		for (j = 0; j < pf.nproducts; j++)
			for (k = 0; k < pf.products[j].nimages; k++)
				n += pf.products[j].images[k].partner &&
				     strcmp(pf.products[j].images[k].partner,
					    p->key) == 0;
		o = td_partner_to_json(p);
		json_object_set_new(o, "photos", json_integer(n));
		json_array_append_new(rows, o);
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd partner_cmds[] = {
	{"add", partner_add, CLI_WRITES,
	 "add a factory, distributor or retailer"},
	{"list", partner_list, 0, "list partners"},
};

int
cmd_partner(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(partner_cmds, TD_ARRAY_LEN(partner_cmds), argc - 1,
			    argv + 1, ctx);
}
