/*
 * takedown platform: the platform protocols (docs/cli/platform.md). No
 * workspace is needed.
 *
 *   takedown platform list [--format F]
 *   takedown platform show [--format F] SITE|PLATFORM|URL
 *   takedown platform check FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/date.h"
#include "core/proto.h"
#include "core/util.h"
#include "core/banned.h"

static struct td_proto_set *
load_set(struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto_set *set = td_proto_set_load_builtin(&err);

	if (!set)
		cli_fail(ctx, &err);
	return set;
}

static json_t *
strv_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *
window_json(const struct td_proto_window *w)
{
	json_t *o;

	if (!w->known)
		return json_null();
	o = json_pack("{s:i}", "days", w->days);
	if (w->max_days != w->days)
		json_object_set_new(o, "max_days", json_integer(w->max_days));
	json_object_set_new(o, "unit",
			    json_string(w->working ? "working" : "calendar"));
	if (w->working)
		json_object_set_new(o, "calendar", json_string(w->calendar));
	if (w->note)
		json_object_set_new(o, "note", json_string(w->note));
	return o;
}

/* A window in words: "3 working days (cn)", "10-14 working days (us)". */
static void
window_text(const struct td_proto_window *w, char *out, size_t size)
{
	char range[32];

	if (!w->known) {
		snprintf(out, size, "not stated");
		return;
	}
	if (w->max_days != w->days)
		snprintf(range, sizeof(range), "%d-%d", w->days, w->max_days);
	else
		snprintf(range, sizeof(range), "%d", w->days);
	if (w->working)
		snprintf(out, size, "%s working days (%s)", range, w->calendar);
	else
		snprintf(out, size, "%s calendar days", range);
}

static json_t *
docs_json(const struct td_proto_req *v, size_t n)
{
	static const char *const need[] = {"", "required", "recommended",
					   "optional"};
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *d = json_pack("{s:s, s:s}", "kind",
				      td_proto_doc_name(v[i].doc), "need",
				      need[v[i].need]);

		if (v[i].note)
			json_object_set_new(d, "note", json_string(v[i].note));
		json_array_append_new(a, d);
	}
	return a;
}

/* The effective rules of a site, as an object for show. */
static json_t *
site_json(const struct td_proto_site *s)
{
	const struct td_proto_rules *r = &s->r;
	json_t *o, *rights, *chan, *form;
	char win[64];
	size_t i;

	o = json_pack("{s:s, s:s, s:s, s:s}", "site", s->key, "name", s->name,
		      "platform", s->proto->key, "file", s->proto->file);
	json_object_set_new(o, "domains", strv_json(s->domains, s->ndomains));
	json_object_set_new(o, "home", strv_json(r->home, r->nhome));
	json_object_set_new(o, "languages",
			    strv_json(r->languages, r->nlanguages));
	json_object_set_new(o, "templates",
			    strv_json(r->templates, r->ntemplates));
	chan = json_array();
	for (i = 0; i < r->nchannels; i++)
		json_array_append_new(
			chan,
			json_pack("{s:s, s:s}", "kind",
				  td_proto_channel_name(r->channels[i].kind),
				  "target", r->channels[i].target));
	json_object_set_new(o, "channels", chan);
	json_object_set_new(o, "batch_limit",
			    r->batch.limit ? json_integer(r->batch.limit)
					   : json_null());
	json_object_set_new(o, "batch_file",
			    r->batch.format ? json_string(r->batch.format)
					    : json_null());
	window_text(&r->response, win, sizeof(win));
	json_object_set_new(o, "seller_window", json_string(win));
	json_object_set_new(o, "response", window_json(&r->response));
	json_object_set_new(
		o, "counter_notice",
		json_string(r->counter.allowed ? r->counter.follows : "none"));
	json_object_set_new(o, "restore", window_json(&r->counter.restore));
	json_object_set_new(o, "decision", window_json(&r->counter.decision));
	json_object_set_new(o, "rights_record",
			    r->record.need ? json_string(r->record.name)
					   : json_null());
	json_object_set_new(o, "repeat_infringer",
			    json_string(r->repeat.policy));
	json_object_set_new(o, "removal_days",
			    json_real(r->removal.typical_days));
	if (r->good_faith.present)
		json_object_set_new(
			o, "good_faith",
			json_pack("{s:s, s:f, s:f, s:i}", "name",
				  r->good_faith.name, "min_success",
				  r->good_faith.min_success, "max_counter",
				  r->good_faith.max_counter, "period_months",
				  r->good_faith.period_months));
	json_object_set_new(o, "agent_documents",
			    docs_json(r->filer[TD_PROTO_AGENT].proof,
				      r->filer[TD_PROTO_AGENT].nproof));
	rights = json_object();
	for (i = 0; i < TD_PROTO_NRIGHTS; i++) {
		const struct td_proto_right *rt = &r->right[i];
		json_t *k;

		if (!rt->accepted) {
			json_object_set_new(rights, td_proto_right_name(i),
					    json_pack("{s:b}", "accepted", 0));
			continue;
		}
		k = json_pack("{s:b, s:o, s:f, s:f, s:f}", "accepted", 1,
			      "registries",
			      strv_json(rt->registries, rt->nregistries),
			      "prior_home", rt->prior[TD_PROTO_HOME],
			      "prior_foreign", rt->prior[TD_PROTO_FOREIGN],
			      "prior_unregistered",
			      rt->prior[TD_PROTO_UNREGISTERED]);
		json_object_set_new(k, "documents",
				    docs_json(rt->docs, rt->ndocs));
		json_object_set_new(rights, td_proto_right_name(i), k);
	}
	json_object_set_new(o, "rights", rights);
	form = json_array();
	for (i = 0; i < r->nform; i++)
		json_array_append_new(form, json_string(r->form[i].name));
	json_object_set_new(o, "form", form);
	return o;
}

static void
print_list(const char *label, char *const *v, size_t n)
{
	size_t i;

	printf("%-16s", label);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i]);
	printf("%s\n", n ? "" : "-");
}

/* "power_of_attorney (required; agent; CN from 2010-01-01)". */
static void
print_reqs(const char *indent, const struct td_proto_req *v, size_t n)
{
	static const char *const need[] = {"", "required", "recommended",
					   "optional"};
	size_t i, j;

	if (!n)
		printf("%s(none)\n", indent);
	for (i = 0; i < n; i++) {
		const struct td_proto_req *q = &v[i];

		printf("%s%s (%s", indent, td_proto_doc_name(q->doc),
		       need[q->need]);
		if (q->filer >= 0)
			printf("; %s files",
			       td_proto_role_name(
				       (enum td_proto_role)q->filer));
		if (q->holder == TD_PROTO_COMPANY)
			printf("; company");
		else if (q->holder == TD_PROTO_INDIVIDUAL)
			printf("; individual");
		if (q->registered == 0)
			printf("; unregistered");
		else if (q->registered == 1)
			printf("; registered");
		for (j = 0; j < q->nregistries; j++)
			printf("%s%s", j ? "/" : "; registered in ",
			       q->registries[j]);
		if (q->has_applied_from) {
			char d[TD_DATE_LEN];

			td_date_format(q->applied_from, d);
			printf("; applied from %s", d);
		}
		if (q->foreign_language)
			printf("; documents in other languages");
		printf(")\n");
		if (q->note)
			printf("%s    %s\n", indent, q->note);
	}
}

static void
print_site(const struct td_proto_site *s)
{
	const struct td_proto_rules *r = &s->r;
	char win[64];
	size_t i;

	printf("%s: %s (protocol %s, %s)\n", s->key, s->name, s->proto->key,
	       s->proto->file);
	if (s->proto->naliases)
		print_list("also called:", s->proto->aliases,
			   s->proto->naliases);
	print_list("domains:", s->domains, s->ndomains);
	print_list("home:", r->home, r->nhome);
	print_list("languages:", r->languages, r->nlanguages);
	print_list("documents in:", r->doc_languages, r->ndoc_languages);
	print_list("templates:", r->templates, r->ntemplates);
	for (i = 0; i < r->nchannels; i++)
		printf("%-16s%s %s%s%s\n", i ? "" : "channels:",
		       td_proto_channel_name(r->channels[i].kind),
		       r->channels[i].target, r->channels[i].note ? ": " : "",
		       r->channels[i].note ? r->channels[i].note : "");
	if (r->batch.limit)
		printf("%-16s%d %s", "batch:", r->batch.limit, r->batch.unit);
	else
		printf("%-16sno limit stated (%s)", "batch:", r->batch.unit);
	if (r->batch.format)
		printf("; file: %s", r->batch.format);
	printf("\n");
	window_text(&r->response, win, sizeof(win));
	printf("%-16s%s\n", "seller window:", win);
	printf("%-16s%s\n",
	       "counter-notice:", r->counter.allowed ? "allowed" : "none");
	if (r->counter.rounds)
		printf("%-16s%d rounds\n", "", r->counter.rounds);
	if (r->counter.owner_reply.known) {
		window_text(&r->counter.owner_reply, win, sizeof(win));
		printf("%-16sowner replies within %s\n", "", win);
	}
	if (r->counter.restore.known) {
		window_text(&r->counter.restore, win, sizeof(win));
		printf("%-16srestored after %s unless %s\n", "", win,
		       r->counter.restore_unless);
	}
	if (r->counter.decision.known) {
		window_text(&r->counter.decision, win, sizeof(win));
		printf("%-16sthe platform decides a dispute within %s\n", "",
		       win);
	}
	printf("%-16s%s\n", "", r->counter.follows);
	if (r->record.need)
		printf("%-16s%s (%s)\n", "rights record:", r->record.name,
		       r->record.need == TD_PROTO_REQUIRED ? "required"
							   : "recommended");
	printf("%-16s%s\n", "repeat:", r->repeat.policy);
	printf("%-16stypically %g day%s", "removal:", r->removal.typical_days,
	       r->removal.typical_days == 1 ? "" : "s");
	if (r->removal.max_days)
		printf(", at most %g", r->removal.max_days);
	printf("\n");
	if (r->good_faith.present) {
		printf("%-16s%s", "good faith:", r->good_faith.name);
		if (r->good_faith.min_success)
			printf(": success >= %g%%",
			       r->good_faith.min_success * 100);
		if (r->good_faith.max_counter)
			printf(", successful counter-notices <= %g%%",
			       r->good_faith.max_counter * 100);
		if (r->good_faith.period_months)
			printf(", over %d months", r->good_faith.period_months);
		printf("\n");
	}
	for (i = 0; i < TD_PROTO_NROLES; i++) {
		printf("%s %s\n", td_proto_role_name((enum td_proto_role)i),
		       r->filer[i].allowed ? "files with:" : "may not file");
		if (r->filer[i].allowed)
			print_reqs("    ", r->filer[i].proof,
				   r->filer[i].nproof);
	}
	printf("rights:\n");
	for (i = 0; i < TD_PROTO_NRIGHTS; i++) {
		const struct td_proto_right *rt = &r->right[i];

		printf("  %s: ", td_proto_right_name(i));
		if (!rt->accepted) {
			printf("not accepted%s%s\n", rt->note ? ": " : "",
			       rt->note ? rt->note : "");
			continue;
		}
		{
			size_t j;

			printf("registered in ");
			for (j = 0; j < rt->nregistries; j++)
				printf("%s%s", j ? ", " : "",
				       strcmp(rt->registries[j], "*") == 0
					       ? "any country"
					       : rt->registries[j]);
			printf("%s\n", rt->needs_registration
					       ? ""
					       : ", or unregistered");
		}
		printf("    success prior: home %.2f, foreign %.2f, "
		       "unregistered %.2f\n",
		       rt->prior[TD_PROTO_HOME], rt->prior[TD_PROTO_FOREIGN],
		       rt->prior[TD_PROTO_UNREGISTERED]);
		if (rt->note)
			printf("    %s\n", rt->note);
		print_reqs("    ", rt->docs, rt->ndocs);
	}
	printf("form:\n");
	for (i = 0; i < r->nform; i++)
		printf("  %2zu. %s%s%s%s\n", i + 1, r->form[i].name,
		       r->form[i].field ? " [" : " [by hand",
		       r->form[i].field ? r->form[i].field : "",
		       r->form[i].required ? "]" : ", optional]");
}

static int
plat_list(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 'f', CLI_OPT_STRING, &format, "F",
		 "table (default), json, csv or ndjson"},
		{0},
	};
	static const struct cli_col cols[] = {
		{"site", "SITE"},
		{"platform", "PLATFORM"},
		{"name", "NAME"},
		{"batch_limit", "BATCH"},
		{"seller_window", "SELLER WINDOW"},
	};
	struct td_proto_set *set = NULL;
	json_t *rows = NULL;
	size_t i, j;
	int fmt, rc;

	rc = cli_parse(ctx, "platform list [--format F]", opts, &argc, &argv);
	if (rc)
		return rc > 0 ? CLI_OK : CLI_USAGE;
	if (argc) {
		rc = cli_usagef(ctx, "no operands expected");
		goto out;
	}
	fmt = cli_format_parse(format);
	if (fmt < 0) {
		rc = cli_usagef(ctx,
				"--format: '%s' is not table, json, csv "
				"or ndjson",
				format);
		goto out;
	}
	set = load_set(ctx);
	if (!set) {
		rc = CLI_FAIL;
		goto out;
	}
	rows = json_array();
	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->v[i]->nsites; j++) {
			const struct td_proto_site *s = &set->v[i]->sites[j];
			char win[64];

			window_text(&s->r.response, win, sizeof(win));
			json_array_append_new(
				rows,
				json_pack(
					"{s:s, s:s, s:s, s:o, s:s}", "site",
					s->key, "platform", set->v[i]->key,
					"name", s->name, "batch_limit",
					s->r.batch.limit
						? json_integer(s->r.batch.limit)
						: json_string("-"),
					"seller_window", win));
		}
	cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
		       TD_ARRAY_LEN(cols));
	rc = CLI_OK;
out:
	json_decref(rows);
	td_proto_set_free(set);
	return rc;
}

static int
plat_show(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 'f', CLI_OPT_STRING, &format, "F",
		 "text (default) or json"},
		{0},
	};
	const struct td_proto_site *s;
	struct td_proto_set *set = NULL;
	json_t *o = NULL;
	int fmt, rc;

	rc = cli_parse(ctx, "platform show [--format F] SITE|PLATFORM|URL",
		       opts, &argc, &argv);
	if (rc)
		return rc > 0 ? CLI_OK : CLI_USAGE;
	if (argc != 1) {
		rc = cli_usagef(ctx, "want one SITE, PLATFORM or URL");
		goto out;
	}
	fmt = format && strcmp(format, "text") == 0 ? CLI_FMT_TABLE
						    : cli_format_parse(format);
	if (fmt != CLI_FMT_TABLE && fmt != CLI_FMT_JSON) {
		rc = cli_usagef(ctx, "--format: '%s' is not text or json",
				format);
		goto out;
	}
	set = load_set(ctx);
	if (!set) {
		rc = CLI_FAIL;
		goto out;
	}
	s = td_proto_set_find_site(set, argv[0]);
	if (!s && (strchr(argv[0], '.') || strchr(argv[0], '/')))
		s = td_proto_set_find_host(set, argv[0]);
	if (!s) {
		const struct td_proto *p = td_proto_set_find(set, argv[0]);

		if (p) {
			size_t i;

			fprintf(stderr, "%s: %s has several sites; name one:",
				ctx->prog, p->key);
			for (i = 0; i < p->nsites; i++)
				fprintf(stderr, " %s", p->sites[i].key);
			fputc('\n', stderr);
			rc = CLI_FAIL;
		} else {
			rc = cli_failf(ctx,
				       "no platform or site '%s' (see "
				       "'takedown platform list')",
				       argv[0]);
		}
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		print_site(s);
	} else {
		o = site_json(s);
		json_dumpf(o, stdout,
			   JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(6));
		printf("\n");
	}
	rc = CLI_OK;
out:
	json_decref(o);
	td_proto_set_free(set);
	return rc;
}

static int
plat_check(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{0}};
	struct td_proto_set *set = NULL;
	int rc, i;

	rc = cli_parse(ctx, "platform check FILE...", opts, &argc, &argv);
	if (rc)
		return rc > 0 ? CLI_OK : CLI_USAGE;
	if (argc < 1)
		return cli_usagef(ctx, "want at least one FILE");
	set = load_set(ctx);
	if (!set)
		return CLI_FAIL;
	rc = CLI_OK;
	for (i = 0; i < argc; i++) {
		struct td_err err = TD_ERR_INIT;
		struct td_proto *p = td_proto_load_file(argv[i], &err);
		size_t nsites;
		char *key;

		if (!p) {
			rc = cli_fail(ctx, &err);
			continue;
		}
		nsites = p->nsites;
		/* A file replacing a built-in protocol is checked alone. */
		if (td_proto_set_find(set, p->key)) {
			printf("%s: ok: %s (%zu sites, replaces the built-in "
			       "protocol)\n",
			       argv[i], p->key, nsites);
			td_proto_free(p);
			continue;
		}
		key = td_xstrdup(p->key);
		if (td_proto_set_add_take(set, p, &err) < 0)
			rc = cli_fail(ctx, &err);
		else
			printf("%s: ok: %s (%zu sites)\n", argv[i], key,
			       nsites);
		free(key);
	}
	td_proto_set_free(set);
	return rc;
}

static const struct cli_cmd platform_cmds[] = {
	{"check", plat_check, 0, "validate protocol files"},
	{"list", plat_list, 0, "the platforms and their sites"},
	{"show", plat_show, 0, "the rules of one site"},
};

int
cmd_platform(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(platform_cmds, TD_ARRAY_LEN(platform_cmds),
			    argc - 1, argv + 1, ctx);
}
