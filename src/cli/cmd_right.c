/* takedown right add|list|show|edit|verify: trademarks, patents, ... */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

#include "core/date.h"
#include "core/portfolio.h"
#include "core/util.h"
#include "core/banned.h"

/* Options shared by add and edit. */
struct right_opts {
	const char *owner, *kind, *title, *mark, *reg_no, *jurisdiction;
	const char *status, *valid_from, *valid_to, *protect_from, *protect_to;
	struct cli_list classes, terms, aliases, names_zh, pinyin, models;
	struct cli_list remove;
};

#define RIGHT_OPTS(ro)                                                          \
	{"owner", 0, CLI_OPT_STRING, &(ro).owner, "KEY", "the owner"},          \
		{"kind",                                                        \
		 0,                                                             \
		 CLI_OPT_STRING,                                                \
		 &(ro).kind,                                                    \
		 "KIND",                                                        \
		 "trademark, copyright, patent_invention, patent_utility, "     \
		 "design"},                                                     \
		{"title",     0,      CLI_OPT_STRING,                           \
		 &(ro).title, "TEXT", "what it is called"},                     \
		{"mark",     0,      CLI_OPT_STRING,                            \
		 &(ro).mark, "TEXT", "the mark as registered"},                 \
		{"reg-no",     0,    CLI_OPT_STRING,                            \
		 &(ro).reg_no, "NO", "registration or patent number"},          \
		{"jurisdiction", 0,                                             \
		 CLI_OPT_STRING, &(ro).jurisdiction,                            \
		 "CC",           "where registered (ISO 3166, EM or WO)"},      \
		{"class",       0,   CLI_OPT_LIST,                              \
		 &(ro).classes, "N", "a Nice or Locarno class (repeat)"},       \
		{"status",     0,   CLI_OPT_STRING,                             \
		 &(ro).status, "S", "registered, pending or unregistered"},     \
		{"valid-from",     0,      CLI_OPT_STRING,                      \
		 &(ro).valid_from, "DATE", "start of validity"},                \
		{"valid-to",     0,      CLI_OPT_STRING,                        \
		 &(ro).valid_to, "DATE", "end of validity"},                    \
		{"protect-from",     0,      CLI_OPT_STRING,                    \
		 &(ro).protect_from, "DATE", "start of the period to protect"}, \
		{"protect-to",     0,      CLI_OPT_STRING,                      \
		 &(ro).protect_to, "DATE", "end of the period to protect"},     \
		{"term",      0,      CLI_OPT_LIST,                             \
		 &(ro).terms, "TEXT", "a search term, kind guessed (repeat)"},  \
		{"alias",       0,      CLI_OPT_LIST,                           \
		 &(ro).aliases, "TEXT", "an alias (repeat)"},                   \
		{"name-zh",      0,      CLI_OPT_LIST,                          \
		 &(ro).names_zh, "TEXT", "a Chinese name (repeat)"},            \
		{"pinyin",     0,      CLI_OPT_LIST,                            \
		 &(ro).pinyin, "TEXT", "a pinyin spelling (repeat)"},           \
	{                                                                       \
		"model", 0, CLI_OPT_LIST, &(ro).models, "TEXT",                 \
			"a model number (repeat)"                               \
	}

static void
right_opts_release(struct right_opts *ro)
{
	cli_list_release(&ro->classes);
	cli_list_release(&ro->terms);
	cli_list_release(&ro->aliases);
	cli_list_release(&ro->names_zh);
	cli_list_release(&ro->pinyin);
	cli_list_release(&ro->models);
	cli_list_release(&ro->remove);
}

static void
add_terms(json_t *terms, const struct cli_list *l, const char *kind,
	  const char *lang)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		json_t *t = json_object();

		json_object_set_new(t, "text", json_string(l->v[i]));
		if (lang)
			json_object_set_new(t, "lang", json_string(lang));
		if (kind)
			json_object_set_new(t, "kind", json_string(kind));
		json_array_append_new(terms, t);
	}
}

/* Write the options into the right's JSON object. */
static void
apply_opts(json_t *o, const struct right_opts *ro)
{
	json_t *terms = json_object_get(o, "terms");
	size_t i, j;

	cli_jset(o, "owner", ro->owner);
	cli_jset(o, "kind", ro->kind);
	cli_jset(o, "title", ro->title);
	cli_jset(o, "mark", ro->mark);
	cli_jset(o, "reg_no", ro->reg_no);
	cli_jset(o, "jurisdiction", ro->jurisdiction);
	cli_jset(o, "status", ro->status);
	cli_jset(o, "valid_from", ro->valid_from);
	cli_jset(o, "valid_to", ro->valid_to);
	cli_jset(o, "protect_from", ro->protect_from);
	cli_jset(o, "protect_to", ro->protect_to);
	cli_jset_list(o, "classes", &ro->classes);
	if (!terms) {
		terms = json_array();
		json_object_set_new(o, "terms", terms);
	}
	for (i = 0; i < ro->remove.n; i++)
		for (j = json_array_size(terms); j-- > 0;) {
			json_t *t = json_array_get(terms, j);

			if (strcmp(json_string_value(
					   json_object_get(t, "text")),
				   ro->remove.v[i]) == 0)
				json_array_remove(terms, j);
		}
	add_terms(terms, &ro->terms, NULL, NULL);
	add_terms(terms, &ro->aliases, "alias", NULL);
	add_terms(terms, &ro->names_zh, "name_zh", "zh");
	add_terms(terms, &ro->pinyin, "pinyin", "zh-Latn-pinyin");
	add_terms(terms, &ro->models, "model", "und");
}

static int
right_add(int argc, char **argv, struct cli_ctx *ctx)
{
	struct right_opts ro;
	json_t *o, *change;
	int rc;

	memset(&ro, 0, sizeof(ro));
	{
		const struct cli_opt opts[] = {RIGHT_OPTS(ro), {0}};

		rc = cli_parse(ctx,
			       "right add KEY --owner O --kind K "
			       "--jurisdiction CC --status S [options]",
			       opts, &argc, &argv);
	}
	if (rc) {
		right_opts_release(&ro);
		return rc > 0 ? CLI_OK : CLI_USAGE;
	}
	if (argc != 1) {
		right_opts_release(&ro);
		return cli_usagef(ctx, "needs the right's KEY");
	}
	o = json_object();
	cli_jset(o, "key", argv[0]);
	if (!ro.status)
		ro.status = "registered";
	apply_opts(o, &ro);
	change = cli_change("rights", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "right", argv[0]);
	json_decref(change);
	right_opts_release(&ro);
	return cli_finish(ctx, rc);
}

static int
right_edit(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct right_opts ro;
	const struct td_right *r;
	json_t *o, *change;
	int rc;

	memset(&ro, 0, sizeof(ro));
	{
		const struct cli_opt opts[] = {
			RIGHT_OPTS(ro),
			{"remove-term", 0, CLI_OPT_LIST, &ro.remove, "TEXT",
			 "remove a search term (repeat)"},
			{0}};

		rc = cli_parse(ctx, "right edit KEY [options]", opts, &argc,
			       &argv);
	}
	if (rc) {
		right_opts_release(&ro);
		return rc > 0 ? CLI_OK : CLI_USAGE;
	}
	if (argc != 1) {
		right_opts_release(&ro);
		return cli_usagef(ctx, "needs the right's KEY");
	}
	/* Read and write in one transaction. */
	if (!cli_ws(ctx, 1)) {
		rc = CLI_FAIL;
		goto out;
	}
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	r = td_portfolio_right(&pf, argv[0]);
	if (!r) {
		rc = cli_failf(ctx, "no right '%s'", argv[0]);
		goto out;
	}
	o = td_right_to_json(r);
	apply_opts(o, &ro);
	change = cli_change("rights", o);
	rc = cli_apply(ctx, change, CLI_APPLY_EDIT, "right", argv[0]);
	json_decref(change);
out:
	td_portfolio_release(&pf);
	right_opts_release(&ro);
	return cli_finish(ctx, rc);
}

static int
right_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"key", "KEY"},
		{"owner", "OWNER"},
		{"kind", "KIND"},
		{"title", "TITLE"},
		{"jurisdiction", "WHERE"},
		{"reg_no", "REG NO"},
		{"status", "STATUS"},
		{"valid_to", "VALID TO"},
		{"terms", "TERMS"},
	};
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *format = NULL, *owner = NULL, *kind = NULL, *where = NULL;
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY",
		 "only this owner's"},
		{"kind", 0, CLI_OPT_STRING, &kind, "KIND", "only this kind"},
		{"jurisdiction", 0, CLI_OPT_STRING, &where, "CC",
		 "only rights registered here"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	json_t *rows;
	size_t i, k;
	int fmt, rc;

	CLI_PARSE("right list [--owner KEY] [--kind KIND] [--format FMT]",
		  opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.nrights; i++) {
		const struct td_right *r = &pf.rights[i];
		json_t *o;

		if ((owner && strcmp(owner, r->owner) != 0) ||
		    (kind && strcmp(kind, td_right_kind_name(r->kind)) != 0) ||
		    (where && strcmp(where, r->jurisdiction) != 0))
			continue;
		o = td_right_to_json(r);
		if (fmt == CLI_FMT_TABLE || fmt == CLI_FMT_CSV) {
			/* Show the terms as text: mark first. */
			json_t *t = json_array();

			if (r->mark)
				json_array_append_new(t, json_string(r->mark));
			for (k = 0; k < r->nterms; k++)
				json_array_append_new(
					t, json_string(r->terms[k].text));
			json_object_set_new(o, "terms", t);
		}
		json_array_append_new(rows, o);
	}
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static json_t *
right_json(const struct td_portfolio *pf, const char *key)
{
	const struct td_right *r = td_portfolio_right(pf, key);
	json_t *j, *a;
	size_t i;

	if (!r)
		return NULL;
	j = td_right_to_json(r);
	a = json_array();
	for (i = 0; i < pf->nproducts; i++)
		if (td_strv_find(&pf->products[i].rights, r->key) >= 0)
			json_array_append_new(a,
					      json_string(pf->products[i].sku));
	json_object_set_new(j, "products", a);
	a = json_array();
	for (i = 0; i < pf->ndocuments; i++)
		if (td_strv_find(&pf->documents[i].rights, r->key) >= 0)
			json_array_append_new(
				a, json_string(pf->documents[i].key));
	json_object_set_new(j, "documents", a);
	a = json_array();
	for (i = 0; i < pf->nverifications; i++) {
		const struct td_verification *v = &pf->verifications[i];

		if (strcmp(v->right, r->key) == 0) {
			json_t *x = td_verification_to_json(v);

			json_object_del(x, "right");
			json_array_append_new(a, x);
		}
	}
	json_object_set_new(j, "verifications", a);
	return j;
}

static int
right_show(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_show(argc, argv, ctx, "right show KEY [--format FMT]",
			"right", right_json);
}

static int
right_verify(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *platform = NULL, *status = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{"platform", 0, CLI_OPT_STRING, &platform, "P",
		 "the platform (alibaba, amazon, ...)"},
		{"status", 0, CLI_OPT_STRING, &status, "S",
		 "pending, verified or rejected"},
		{"date", 0, CLI_OPT_STRING, &date, "DATE",
		 "when (default: today)"},
		{0},
	};
	char today[TD_DATE_LEN];
	json_t *o, *change;
	int rc;

	CLI_PARSE("right verify KEY --platform P --status S [--date DATE]",
		  opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the right's KEY");
	if (!platform || !status)
		return cli_usagef(ctx, "needs --platform and --status");
	td_date_format(ctx->today, today);
	o = json_object();
	cli_jset(o, "right", argv[0]);
	cli_jset(o, "platform", platform);
	cli_jset(o, "status", status);
	cli_jset(o, "date", date ? date : today);
	change = cli_change("verifications", o);
	rc = cli_apply(ctx, change, CLI_APPLY_SET, "verification of", argv[0]);
	json_decref(change);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd right_cmds[] = {
	{"add", right_add, CLI_WRITES, "add a right (trademark, patent, ...)"},
	{"edit", right_edit, CLI_WRITES, "change a right or its terms"},
	{"list", right_list, 0, "list rights"},
	{"show", right_show, 0, "show one right"},
	{"verify", right_verify, CLI_WRITES,
	 "record a platform's verification of a right"},
};

int
cmd_right(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(right_cmds, TD_ARRAY_LEN(right_cmds), argc - 1,
			    argv + 1, ctx);
}
