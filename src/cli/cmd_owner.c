/* takedown owner add|list|show: the rights holders. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

#include "core/portfolio.h"
#include "core/util.h"
#include "core/banned.h"

static int
owner_add(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *name = NULL, *name_zh = NULL, *country = NULL;
	const char *licence = NULL, *contact = NULL;
	const struct cli_opt opts[] = {
		{"name", 0, CLI_OPT_STRING, &name, "NAME", "legal name"},
		{"name-zh", 0, CLI_OPT_STRING, &name_zh, "NAME",
		 "Chinese legal name"},
		{"country", 0, CLI_OPT_STRING, &country, "CC",
		 "country of registration (ISO 3166, e.g. US)"},
		{"licence", 0, CLI_OPT_STRING, &licence, "NO",
		 "business licence number"},
		{"contact", 0, CLI_OPT_STRING, &contact, "TEXT",
		 "e-mail or address for notices"},
		{0},
	};
	json_t *o, *change;
	int rc;

	CLI_PARSE("owner add KEY --name NAME --country CC [options]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the owner's KEY");
	o = json_object();
	cli_jset(o, "key", argv[0]);
	cli_jset(o, "name", name);
	cli_jset(o, "name_zh", name_zh);
	cli_jset(o, "country", country);
	cli_jset(o, "business_licence", licence);
	cli_jset(o, "contact", contact);
	change = cli_change("owners", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "owner", argv[0]);
	json_decref(change);
	return cli_finish(ctx, rc);
}

static int
owner_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"key", "KEY"},           {"name", "NAME"},
		{"name_zh", "NAME (ZH)"}, {"country", "COUNTRY"},
		{"rights", "RIGHTS"},     {"products", "PRODUCTS"},
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

	CLI_PARSE("owner list [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.nowners; i++) {
		json_t *o = td_owner_to_json(&pf.owners[i]);
		size_t nr = 0, np = 0;

		for (j = 0; j < pf.nrights; j++)
			nr += strcmp(pf.rights[j].owner, pf.owners[i].key) == 0;
		for (j = 0; j < pf.nproducts; j++)
			np += strcmp(pf.products[j].owner, pf.owners[i].key) ==
			      0;
		json_object_set_new(o, "rights", json_integer((json_int_t)nr));
		json_object_set_new(o, "products",
				    json_integer((json_int_t)np));
		json_array_append_new(rows, o);
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static json_t *
keys_of(const struct td_portfolio *pf, const char *owner, int what)
{
	json_t *a = json_array();
	size_t i;

#define KEYS(arr, n, ofield, kfield)                                           \
	for (i = 0; i < (n); i++)                                              \
		if ((arr)[i].ofield && strcmp((arr)[i].ofield, owner) == 0)    \
			json_array_append_new(a, json_string((arr)[i].kfield));
	switch (what) {
	case 0:
		KEYS(pf->rights, pf->nrights, owner, key)
		break;
	case 1:
		KEYS(pf->products, pf->nproducts, owner, sku)
		break;
	case 2:
		KEYS(pf->partners, pf->npartners, owner, key)
		break;
	case 3:
		KEYS(pf->documents, pf->ndocuments, owner, key)
		break;
	default:
		KEYS(pf->auths, pf->nauths, owner, agent)
		break;
	}
#undef KEYS
	return a;
}

static json_t *
owner_json(const struct td_portfolio *pf, const char *key)
{
	const struct td_owner *o = td_portfolio_owner(pf, key);
	json_t *j;

	if (!o)
		return NULL;
	j = td_owner_to_json(o);
	json_object_set_new(j, "rights", keys_of(pf, o->key, 0));
	json_object_set_new(j, "products", keys_of(pf, o->key, 1));
	json_object_set_new(j, "partners", keys_of(pf, o->key, 2));
	json_object_set_new(j, "documents", keys_of(pf, o->key, 3));
	json_object_set_new(j, "agents", keys_of(pf, o->key, 4));
	return j;
}

static int
owner_show(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_show(argc, argv, ctx, "owner show KEY [--format FMT]",
			"owner", owner_json);
}

static const struct cli_cmd owner_cmds[] = {
	{"add", owner_add, CLI_WRITES, "add a rights holder"},
	{"list", owner_list, 0, "list the rights holders"},
	{"show", owner_show, 0, "show one rights holder"},
};

int
cmd_owner(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(owner_cmds, TD_ARRAY_LEN(owner_cmds), argc - 1,
			    argv + 1, ctx);
}
