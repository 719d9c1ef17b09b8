/* takedown doc add|list|show|verify|expiring|get: proof documents. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/portfolio.h"
#include "core/portfolio_io.h"
#include "core/util.h"
#include "core/ws.h"
#include "core/banned.h"

/* A key from a file name: "docs/POA 2026.pdf" -> "POA-2026". */
static char *
key_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	struct td_buf b = TD_BUF_INIT;
	const char *dot;
	const char *p;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	for (p = base; p < dot && b.len < 64; p++) {
		char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
			td_buf_addch(&b, c);
		else if (b.len && b.data[b.len - 1] != '-')
			td_buf_addch(&b, '-');
	}
	while (b.len && b.data[b.len - 1] == '-')
		td_buf_setlen(&b, b.len - 1);
	if (!b.len)
		td_buf_addstr(&b, "doc");
	return td_buf_detach(&b, NULL);
}

static int
doc_add(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *kind = NULL, *key = NULL, *owner = NULL, *expires = NULL;
	const char *issued = NULL, *lang = NULL, *title = NULL;
	const char *translates = NULL;
	struct cli_list rights = {0};
	const struct cli_opt opts[] = {
		{"kind", 0, CLI_OPT_STRING, &kind, "KIND",
		 "business_licence, registration_certificate, "
		 "power_of_attorney, translation, court_order, "
		 "patent_evaluation_report, comparison_chart, identity, "
		 "other"},
		{"key", 0, CLI_OPT_STRING, &key, "KEY",
		 "its key (default: from the file name)"},
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY", "the owner"},
		{"right", 0, CLI_OPT_LIST, &rights, "KEY",
		 "a right it proves (repeat)"},
		{"issued", 0, CLI_OPT_STRING, &issued, "DATE", "date of issue"},
		{"expires", 0, CLI_OPT_STRING, &expires, "DATE", "expiry date"},
		{"lang", 0, CLI_OPT_STRING, &lang, "LANG",
		 "its language (en, zh, ...)"},
		{"title", 0, CLI_OPT_STRING, &title, "TEXT", "a title"},
		{"translates", 0, CLI_OPT_STRING, &translates, "KEY",
		 "the document it translates"},
		{0},
	};
	char *k = NULL;
	json_t *o, *change;
	int rc;

	rc = cli_parse(ctx, "doc add FILE --kind K [options]", opts, &argc,
		       &argv);
	if (rc) {
		cli_list_release(&rights);
		return rc > 0 ? CLI_OK : CLI_USAGE;
	}
	if (argc != 1 || !kind) {
		cli_list_release(&rights);
		return cli_usagef(ctx, "needs the FILE and --kind");
	}
	k = key ? td_xstrdup(key) : key_from_path(argv[0]);
	o = json_object();
	cli_jset(o, "key", k);
	cli_jset(o, "path", argv[0]);
	cli_jset(o, "kind", kind);
	cli_jset(o, "owner", owner);
	cli_jset_list(o, "rights", &rights);
	cli_jset(o, "issued", issued);
	cli_jset(o, "expires", expires);
	cli_jset(o, "lang", lang);
	cli_jset(o, "title", title);
	cli_jset(o, "translates", translates);
	change = cli_change("documents", o);
	rc = cli_apply(ctx, change, CLI_APPLY_ADD, "document", k);
	json_decref(change);
	free(k);
	cli_list_release(&rights);
	return cli_finish(ctx, rc);
}

/* "expired 3 days ago", "expires in 20 days", "" (none). */
static void
expiry_status(int32_t expires, int32_t today, char *out, size_t n)
{
	int32_t left;

	if (expires == TD_DATE_NONE) {
		snprintf(out, n, "no expiry");
		return;
	}
	left = expires - today;
	if (left < 0)
		snprintf(out, n, "EXPIRED %d day%s ago", -left,
			 left == -1 ? "" : "s");
	else if (left == 0)
		snprintf(out, n, "expires today");
	else
		snprintf(out, n, "expires in %d day%s", left,
			 left == 1 ? "" : "s");
}

static json_t *
doc_row(const struct td_document *d, int32_t today)
{
	json_t *o = td_document_to_json(d);
	char s[64];

	expiry_status(d->expires, today, s, sizeof(s));
	json_object_del(o, "path");
	json_object_set_new(o, "status", json_string(s));
	return o;
}

static const struct cli_col doc_cols[] = {
	{"key", "KEY"},       {"kind", "KIND"},     {"owner", "OWNER"},
	{"rights", "RIGHTS"}, {"lang", "LANG"},     {"expires", "EXPIRES"},
	{"status", "STATUS"}, {"filename", "FILE"},
};

static int
doc_list(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *format = NULL, *owner = NULL, *kind = NULL, *right = NULL;
	const struct cli_opt opts[] = {
		{"owner", 0, CLI_OPT_STRING, &owner, "KEY",
		 "only this owner's"},
		{"kind", 0, CLI_OPT_STRING, &kind, "KIND", "only this kind"},
		{"right", 0, CLI_OPT_STRING, &right, "KEY",
		 "only those proving this right"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	json_t *rows;
	size_t i;
	int fmt, rc;

	CLI_PARSE("doc list [--owner KEY] [--kind KIND] [--right KEY] "
		  "[--format FMT]",
		  opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.ndocuments; i++) {
		const struct td_document *d = &pf.documents[i];

		if ((owner && td_strcmp0(owner, d->owner) != 0) ||
		    (kind && strcmp(kind, td_doc_kind_name(d->kind)) != 0) ||
		    (right && td_strv_find(&d->rights, right) < 0))
			continue;
		json_array_append_new(rows, doc_row(d, ctx->today));
	}
	cli_print_rows(stdout, fmt, rows, doc_cols, TD_ARRAY_LEN(doc_cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static int
doc_show(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	const struct td_document *d;
	struct td_buf path = TD_BUF_INIT;
	json_t *j, *a;
	size_t i;
	int fmt, rc, vrc;

	CLI_PARSE("doc show KEY [--format FMT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the document's KEY");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	d = td_portfolio_document(&pf, argv[0]);
	if (!d) {
		rc = cli_failf(ctx, "no document '%s'", argv[0]);
		goto out;
	}
	j = doc_row(d, ctx->today);
	vrc = td_ws_file_verify(ctx->ws, d->sha256, &err);
	td_blob_path(ctx->ws->files, d->sha256, &path);
	json_object_set_new(j, "stored_as", json_string(path.data));
	json_object_set_new(j, "file_check",
			    json_string(vrc ? "CHANGED OR MISSING" : "ok"));
	a = json_array();
	for (i = 0; i < pf.ndocuments; i++)
		if (pf.documents[i].translates &&
		    strcmp(pf.documents[i].translates, d->key) == 0)
			json_array_append_new(a,
					      json_string(pf.documents[i].key));
	json_object_set_new(j, "translations", a);
	cli_print_object(stdout, fmt, j);
	json_decref(j);
	if (vrc)
		rc = cli_failf(ctx, "document %s: %s", d->key, err.msg);
out:
	td_buf_release(&path);
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static int
doc_verify(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const struct cli_opt opts[] = {{0}};
	size_t i, j, checked = 0, bad = 0;
	int rc;

	CLI_PARSE("doc verify [KEY...]", opts);
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	for (i = 0; i < (size_t)argc; i++)
		if (!td_portfolio_document(&pf, argv[i])) {
			rc = cli_failf(ctx, "no document '%s'", argv[i]);
			goto out;
		}
	for (i = 0; i < pf.ndocuments; i++) {
		const struct td_document *d = &pf.documents[i];
		struct td_err err = TD_ERR_INIT;
		int want = argc == 0;

		for (j = 0; j < (size_t)argc; j++)
			want |= strcmp(argv[j], d->key) == 0;
		if (!want)
			continue;
		checked++;
		if (td_ws_file_verify(ctx->ws, d->sha256, &err) < 0) {
			bad++;
			printf("BAD  document %s (%s): %s\n", d->key,
			       d->filename, err.msg);
		} else {
			printf("ok   document %s (%s)\n", d->key, d->filename);
		}
	}
	for (i = 0; argc == 0 && i < pf.nproducts; i++)
		for (j = 0; j < pf.products[i].nimages; j++) {
			const struct td_photo *im = &pf.products[i].images[j];
			struct td_err err = TD_ERR_INIT;

			checked++;
			if (td_ws_file_verify(ctx->ws, im->sha256, &err) < 0) {
				bad++;
				printf("BAD  photo %s of %s: %s\n",
				       im->filename, pf.products[i].sku,
				       err.msg);
			} else {
				printf("ok   photo %s of %s\n", im->filename,
				       pf.products[i].sku);
			}
		}
	printf("%zu file%s checked, %zu changed or missing\n", checked,
	       checked == 1 ? "" : "s", bad);
	if (bad)
		rc = cli_failf(ctx,
			       "%zu stored file%s no longer match%s what was "
			       "added: add %s again from the original",
			       bad, bad == 1 ? "" : "s", bad == 1 ? "es" : "",
			       bad == 1 ? "it" : "them");
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static int
doc_expiring(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"what", "WHAT"},       {"key", "KEY"},
		{"kind", "KIND"},       {"owner", "OWNER"},
		{"expires", "EXPIRES"}, {"status", "STATUS"},
	};
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const char *within = NULL, *format = NULL;
	const struct cli_opt opts[] = {
		{"within", 0, CLI_OPT_STRING, &within, "SPAN",
		 "how far ahead to look (default 60d; 8w, 3m, 1y)"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	int32_t days = 60;
	json_t *rows;
	size_t i;
	int fmt, rc;

	CLI_PARSE("doc expiring [--within 60d] [--format FMT]", opts);
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	if (within && td_span_parse(within, &days) < 0)
		return cli_usagef(ctx,
				  "--within: '%s' is not a span such as 60d, "
				  "8w, 3m or 1y",
				  within);
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	rows = json_array();
	for (i = 0; i < pf.ndocuments; i++) {
		const struct td_document *d = &pf.documents[i];
		json_t *o;

		if (d->expires == TD_DATE_NONE ||
		    d->expires > ctx->today + days)
			continue;
		o = doc_row(d, ctx->today);
		json_object_set_new(o, "what", json_string("document"));
		json_array_append_new(rows, o);
	}
	for (i = 0; i < pf.nauths; i++) {
		const struct td_authorisation *a = &pf.auths[i];
		char s[64], key[160], d[TD_DATE_LEN];
		json_t *o;

		if (a->valid_to == TD_DATE_NONE ||
		    a->valid_to > ctx->today + days)
			continue;
		expiry_status(a->valid_to, ctx->today, s, sizeof(s));
		td_date_format(a->valid_to, d);
		snprintf(key, sizeof(key), "%s for %s", a->agent, a->owner);
		o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "what",
			      "authorisation", "key", key, "kind",
			      "authorisation", "owner", a->owner, "expires", d,
			      "status", s);
		json_array_append_new(rows, o);
	}
	cli_sort_rows(rows, "expires");
	if (json_array_size(rows) == 0 && fmt == CLI_FMT_TABLE)
		printf("nothing expires within %d days\n", days);
	else
		cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static int
doc_get(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_buf src = TD_BUF_INIT;
	const char *out_path = NULL;
	const struct cli_opt opts[] = {
		{"output", 'o', CLI_OPT_STRING, &out_path, "FILE",
		 "write here (default: standard output)"},
		{0},
	};
	const struct td_document *d;
	FILE *in = NULL, *out = NULL;
	char buf[65536];
	size_t n;
	int rc;

	CLI_PARSE("doc get KEY [-o FILE]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the document's KEY");
	rc = cli_portfolio(ctx, &pf);
	if (rc)
		goto out;
	d = td_portfolio_document(&pf, argv[0]);
	if (!d) {
		rc = cli_failf(ctx, "no document '%s'", argv[0]);
		goto out;
	}
	if (td_ws_file_verify(ctx->ws, d->sha256, &err) < 0) {
		rc = cli_failf(ctx, "document %s: %s", d->key, err.msg);
		goto out;
	}
	td_blob_path(ctx->ws->files, d->sha256, &src);
	in = fopen(src.data, "rb");
	out = out_path ? fopen(out_path, "wb") : stdout;
	if (!in || !out) {
		rc = cli_failf(ctx, "%s: cannot open",
			       in ? out_path : src.data);
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = cli_failf(ctx, "write failed");
			break;
		}
out:
	if (in)
		fclose(in);
	if (out && out != stdout && fclose(out) != 0 && rc == 0)
		rc = cli_failf(ctx, "%s: write failed", out_path);
	td_buf_release(&src);
	td_portfolio_release(&pf);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd doc_cmds[] = {
	{"add", doc_add, CLI_WRITES, "store a proof document"},
	{"expiring", doc_expiring, 0,
	 "documents and authorisations expiring soon"},
	{"get", doc_get, 0, "write a stored document out (verified)"},
	{"list", doc_list, 0, "list documents"},
	{"show", doc_show, 0, "show one document and check its file"},
	{"verify", doc_verify, 0, "check every stored file against its hash"},
};

int
cmd_doc(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(doc_cmds, TD_ARRAY_LEN(doc_cmds), argc - 1,
			    argv + 1, ctx);
}
