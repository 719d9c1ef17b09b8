/* takedown product add|edit|list|show|image: products and official
 * photos. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

#include "core/portfolio.h"
#include "core/util.h"
#include "core/banned.h"

/* The options add and edit share, and what they set. */
struct product_opts {
	const char *owner, *name, *name_zh, *msrp, *currency, *margin;
	const char *launch;
	struct cli_list markets, planned, rights, images;
};

#define PRODUCT_OPTS(po)                                                        \
	{"name", 0, CLI_OPT_STRING, &(po).name, "NAME", "product name"},        \
		{"name-zh",                                                     \
		 0,                                                             \
		 CLI_OPT_STRING,                                                \
		 &(po).name_zh,                                                 \
		 "NAME",                                                        \
		 "its Chinese name, as sold or copied in China ('' "            \
		 "removes it)"},                                                \
		{"msrp", 0, CLI_OPT_STRING, &(po).msrp, "PRICE", "list price"}, \
		{"currency",     0,     CLI_OPT_STRING,                         \
		 &(po).currency, "CUR", "currency of the price (ISO 4217)"},    \
		{"margin",     0,   CLI_OPT_STRING,                             \
		 &(po).margin, "F", "the owner's margin, 0..1"},                \
		{"market",                                                      \
		 0,                                                             \
		 CLI_OPT_LIST,                                                  \
		 &(po).markets,                                                 \
		 "CC",                                                          \
		 "a country where it sells now (repeat; edit replaces the "     \
		 "list)"},                                                      \
		{"planned",                                                     \
		 0,                                                             \
		 CLI_OPT_LIST,                                                  \
		 &(po).planned,                                                 \
		 "CC",                                                          \
		 "a country where it will sell (repeat; edit replaces the "     \
		 "list)"},                                                      \
		{"launch",     0,      CLI_OPT_STRING,                          \
		 &(po).launch, "DATE", "launch date"},                          \
	{                                                                       \
		"right", 0, CLI_OPT_LIST, &(po).rights, "KEY",                  \
			"a right covering it (repeat; edit replaces the "       \
			"list)"                                                 \
	}

static void
product_opts_release(struct product_opts *po)
{
	cli_list_release(&po->markets);
	cli_list_release(&po->planned);
	cli_list_release(&po->rights);
	cli_list_release(&po->images);
}

/* Set what the options give on the product object o; -1 after a usage
 * error (a bad number). */
static int
apply_opts(struct cli_ctx *ctx, json_t *o, const struct product_opts *po)
{
	size_t i;

	cli_jset(o, "owner", po->owner);
	cli_jset(o, "name", po->name);
	if (po->name_zh && !*po->name_zh)
		json_object_del(o, "name_zh");
	else
		cli_jset(o, "name_zh", po->name_zh);
	cli_jset(o, "currency", po->currency);
	cli_jset(o, "launch_date", po->launch);
	cli_jset_list(o, "markets", &po->markets);
	cli_jset_list(o, "planned_markets", &po->planned);
	cli_jset_list(o, "rights", &po->rights);
	if (po->images.n) {
		json_t *a = json_array();

		for (i = 0; i < po->images.n; i++)
			json_array_append_new(a, json_pack("{s:s,s:b}", "path",
							   po->images.v[i],
							   "public", 1));
		json_object_set_new(o, "images", a);
	}
	if (cli_jset_number(ctx, o, "msrp", "--msrp", po->msrp) < 0 ||
	    cli_jset_number(ctx, o, "margin", "--margin", po->margin) < 0)
		return -1;
	return 0;
}

static int
product_add(int argc, char **argv, struct cli_ctx *ctx)
{
	struct product_opts po;
	json_t *o, *change;
	int rc;

	memset(&po, 0, sizeof(po));
	{
		const struct cli_opt opts[] = {
			{"owner", 0, CLI_OPT_STRING, &po.owner, "KEY",
			 "the owner"},
			PRODUCT_OPTS(po),
			{"image", 0, CLI_OPT_LIST, &po.images, "FILE",
			 "a public official photo (repeat)"},
			{0},
		};

		rc = cli_parse(ctx,
			       "product add SKU --owner O --name N --msrp "
			       "PRICE --currency CUR --margin F [options]",
			       opts, &argc, &argv);
	}
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto done;
	}
	if (argc != 1) {
		rc = cli_usagef(ctx, "needs the product's SKU");
		goto out;
	}
	o = json_object();
	cli_jset(o, "sku", argv[0]);
	if (apply_opts(ctx, o, &po) < 0) {
		json_decref(o);
		rc = CLI_USAGE;
		goto out;
	}
	change = cli_change("products", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "product", argv[0]);
	json_decref(change);
out:
	rc = cli_finish(ctx, rc);
done:
	product_opts_release(&po);
	return rc;
}

static int
product_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"sku", "SKU"},         {"owner", "OWNER"},
		{"name", "NAME"},       {"msrp", "MSRP"},
		{"currency", "CUR"},    {"margin", "MARGIN"},
		{"markets", "MARKETS"}, {"planned_markets", "PLANNED"},
		{"rights", "RIGHTS"},   {"photos", "PHOTOS"},
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
	size_t i;
	int fmt, rc;

	CLI_PARSE("product list [--owner KEY] [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.nproducts; i++) {
		const struct td_product *p = &pf.products[i];
		json_t *o;

		if (owner && strcmp(owner, p->owner) != 0)
			continue;
		o = td_product_to_json(p);
		json_object_set_new(o, "photos",
				    json_integer((json_int_t)p->nimages));
		json_array_append_new(rows, o);
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static json_t *
product_json(const struct td_portfolio *pf, const char *sku)
{
	const struct td_product *p = td_portfolio_product(pf, sku);

	return p ? td_product_to_json(p) : NULL;
}

static int
product_show(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_show(argc, argv, ctx, "product show SKU [--format FMT]",
			"product", product_json);
}

/* product image add SKU FILE [--partner KEY] */
static int
product_image(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *partner = NULL;
	const struct cli_opt opts[] = {
		{"partner", 0, CLI_OPT_STRING, &partner, "KEY",
		 "the photo was given only to this partner"},
		{0},
	};
	const struct td_product *p;
	json_t *o, *imgs, *change;
	int rc;

	CLI_PARSE("product image add SKU FILE [--partner KEY]", opts);
	if (argc != 3 || strcmp(argv[0], "add") != 0)
		return cli_usagef(ctx, "usage: product image add SKU FILE");
	if (!cli_ws(ctx, 1))
		return CLI_FAIL;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	p = td_portfolio_product(&pf, argv[1]);
	if (!p) {
		rc = cli_failf(ctx, "no product '%s'", argv[1]);
		goto out;
	}
	o = td_product_to_json(p);
	imgs = json_object_get(o, "images");
	{
		size_t i;
		json_t *e;

		/* Stored photos are kept by their hash. */
		json_array_foreach(imgs, i, e) json_object_del(e, "path");
	}
	json_array_append_new(
		imgs,
		partner ? json_pack("{s:s,s:s}", "path", argv[2], "partner",
				    partner)
			: json_pack("{s:s,s:b}", "path", argv[2], "public", 1));
	change = cli_change("products", o);
	rc = cli_apply(ctx, change, CLI_APPLY_EDIT, "product", argv[1]);
	json_decref(change);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

/* product edit SKU [options]: the options given replace what is stored;
 * a list option given once or more replaces the whole list. */
static int
product_edit(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct product_opts po;
	const struct td_product *p;
	json_t *o, *change, *e;
	size_t i;
	int rc;

	memset(&po, 0, sizeof(po));
	{
		const struct cli_opt opts[] = {PRODUCT_OPTS(po), {0}};

		rc = cli_parse(ctx, "product edit SKU [options]", opts, &argc,
			       &argv);
	}
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto done;
	}
	if (argc != 1) {
		rc = cli_usagef(ctx, "needs the product's SKU");
		goto out;
	}
	/* Read and write in one transaction. */
	if (!cli_ws(ctx, 1)) {
		rc = CLI_FAIL;
		goto out;
	}
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	p = td_portfolio_product(&pf, argv[0]);
	if (!p) {
		rc = cli_failf(ctx, "no product '%s'", argv[0]);
		goto out;
	}
	o = td_product_to_json(p);
	/* Stored photos are kept by their hash. */
	json_array_foreach(json_object_get(o, "images"), i, e)
		json_object_del(e, "path");
	if (apply_opts(ctx, o, &po) < 0) {
		json_decref(o);
		rc = CLI_USAGE;
		goto out;
	}
	change = cli_change("products", o);
	rc = cli_apply(ctx, change, CLI_APPLY_EDIT, "product", argv[0]);
	json_decref(change);
out:
	rc = cli_finish(ctx, rc);
done:
	td_portfolio_release(&pf);
	product_opts_release(&po);
	return rc;
}

static const struct cli_cmd product_cmds[] = {
	{"add", product_add, CLI_WRITES, "add a product"},
	{"edit", product_edit, CLI_WRITES,
	 "change a product's name, price, margin, markets or rights"},
	{"image", product_image, CLI_WRITES,
	 "add an official photo: image add SKU FILE [--partner KEY]"},
	{"list", product_list, 0, "list products"},
	{"show", product_show, 0, "show one product"},
};

int
cmd_product(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(product_cmds, TD_ARRAY_LEN(product_cmds), argc - 1,
			    argv + 1, ctx);
}
