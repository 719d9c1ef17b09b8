/*
 * takedown case open|list|show|check|submit|move|note|close|split|set|
 * package: takedown cases through the platform's procedure.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "core/case.h"
#include "core/date.h"
#include "core/notice.h"
#include "core/proto.h"
#include "core/ready.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

/* ---- shared ----------------------------------------------------------- */

/* The protocols, the workspace and who acts. */
struct env {
	struct td_case_env e;
	struct td_proto_set *protos;
};

static int
env_open(struct cli_ctx *ctx, int writes, const char *actor, struct env *v)
{
	struct td_err err = TD_ERR_INIT;

	memset(v, 0, sizeof(*v));
	v->protos = td_proto_set_load_builtin(&err);
	if (!v->protos)
		return cli_fail(ctx, &err);
	if (!cli_ws(ctx, writes)) {
		td_proto_set_free(v->protos);
		v->protos = NULL;
		return CLI_FAIL;
	}
	if (!actor || !*actor)
		actor = getenv("USER");
	if (!actor || !*actor)
		actor = getenv("LOGNAME");
	if (!actor || !*actor) {
		/* Services and containers often have no $USER. */
		struct passwd *pw = getpwuid(getuid());

		actor = pw ? pw->pw_name : NULL;
	}
	v->e.ws = ctx->ws;
	v->e.protos = v->protos;
	v->e.today = ctx->today;
	v->e.now = ctx->now;
	v->e.actor = actor && *actor ? actor : "unknown";
	return CLI_OK;
}

static void
env_close(struct env *v)
{
	td_proto_set_free(v->protos);
	memset(v, 0, sizeof(*v));
}

static int
parse_id(struct cli_ctx *ctx, const char *s, const char *what, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0) {
		cli_usagef(ctx, "'%s' is not a %s number", s, what);
		return -1;
	}
	*out = (int64_t)v;
	return 0;
}

static int
parse_ids(struct cli_ctx *ctx, const struct cli_list *l, const char *what,
	  int64_t **out)
{
	size_t i;

	*out = l->n ? td_xcalloc(l->n, sizeof(**out)) : NULL;
	for (i = 0; i < l->n; i++)
		if (parse_id(ctx, l->v[i], what, &(*out)[i]) < 0) {
			free(*out);
			*out = NULL;
			return -1;
		}
	return 0;
}

static int
parse_date_opt(struct cli_ctx *ctx, const char *s, int32_t *out)
{
	*out = TD_DATE_NONE;
	if (s && td_date_parse(s, out) < 0) {
		cli_usagef(ctx, "'%s' is not a date (YYYY-MM-DD)", s);
		return -1;
	}
	return 0;
}

static const char *
date_str(int32_t d, char *buf)
{
	if (d == TD_DATE_NONE)
		return "-";
	td_date_format(d, buf);
	return buf;
}

/* Print a readiness report (table) or return it as JSON rows. */
static json_t *
report_rows(const struct td_ready_report *r)
{
	json_t *rows = json_array();
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct td_ready_item *it = &r->items[i];

		json_array_append_new(
			rows,
			json_pack("{s:s, s:s, s:s?, s:s, s:s?}", "level",
				  td_ready_level_name(it->level), "code",
				  it->code, "subject", it->subject, "message",
				  it->message, "fix", it->fix));
	}
	return rows;
}

static void
print_report(FILE *f, const struct td_ready_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct td_ready_item *it = &r->items[i];

		fprintf(f, "%-8s %s: %s\n",
			it->level == TD_READY_BLOCKER ? "BLOCKER" : "warning",
			it->code, it->message);
		if (it->fix)
			fprintf(f, "         fix: %s\n", it->fix);
	}
}

/* ---- open ------------------------------------------------------------- */

static int
case_open(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_case_open_req req;
	struct td_err err = TD_ERR_INIT;
	struct cli_list findings = {0}, listings = {0};
	const char *platform = NULL, *right = NULL, *agent = NULL;
	const char *note = NULL, *actor = NULL, *relist = NULL;
	const struct cli_opt opts[] = {
		{"platform", 0, CLI_OPT_STRING, &platform, "P",
		 "the site (taobao, amazon_us, ...) or a platform with one "
		 "site"},
		{"right", 0, CLI_OPT_STRING, &right, "R",
		 "the right relied on"},
		{"finding", 0, CLI_OPT_LIST, &findings, "F",
		 "a finding to complain about (repeat)"},
		{"listing", 0, CLI_OPT_LIST, &listings, "L",
		 "a listing to complain about (repeat)"},
		{"agent", 0, CLI_OPT_STRING, &agent, "A",
		 "the agent who files (default: the owner files)"},
		{"relist-of", 0, CLI_OPT_STRING, &relist, "CASE",
		 "the case this one files again"},
		{"note", 0, CLI_OPT_STRING, &note, "TEXT",
		 "a note for the log"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	int64_t *fids = NULL, *lids = NULL, id = 0;
	struct env v;
	int rc;

	rc = cli_parse(ctx,
		       "case open --platform P --right R (--finding F... | "
		       "--listing L...) [--agent A]",
		       opts, &argc, &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc) {
		rc = cli_usagef(ctx, "takes options only");
		goto out;
	}
	if (!platform || !right || (!findings.n && !listings.n)) {
		rc = cli_usagef(ctx, "needs --platform, --right and at least "
				     "one --finding or --listing");
		goto out;
	}
	memset(&req, 0, sizeof(req));
	if (parse_ids(ctx, &findings, "finding", &fids) < 0 ||
	    parse_ids(ctx, &listings, "listing", &lids) < 0 ||
	    (relist && parse_id(ctx, relist, "case", &req.relist_of) < 0)) {
		rc = CLI_USAGE;
		goto out;
	}
	req.platform = platform;
	req.right = right;
	req.agent = agent;
	req.findings = fids;
	req.nfindings = findings.n;
	req.listings = lids;
	req.nlistings = listings.n;
	req.note = note;
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		goto out;
	if (td_case_open(&v.e, &req, &id, &err) < 0)
		rc = cli_fail(ctx, &err);
	else
		printf("opened case %" PRId64 " (draft): takedown case check "
		       "%" PRId64 "\n",
		       id, id);
	env_close(&v);
	rc = cli_finish(ctx, rc);
out:
	free(fids);
	free(lids);
	cli_list_release(&findings);
	cli_list_release(&listings);
	return rc;
}

/* ---- list and show ---------------------------------------------------- */

static int
case_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_col cols[] = {
		{"id", "CASE"},           {"state", "STATE"},
		{"since", "SINCE"},       {"site", "SITE"},
		{"right", "RIGHT"},       {"agent", "AGENT"},
		{"listings", "LISTINGS"}, {"due", "DUE"},
		{"clock", "CLOCK"},
	};
	struct td_err err = TD_ERR_INIT;
	struct td_case_filter f;
	struct td_case *cases = NULL;
	const char *state = NULL, *platform = NULL, *right = NULL;
	const char *format = NULL;
	int open_only = 0;
	const struct cli_opt opts[] = {
		{"state", 0, CLI_OPT_STRING, &state, "S", "only this state"},
		{"platform", 0, CLI_OPT_STRING, &platform, "P",
		 "only this site or platform"},
		{"right", 0, CLI_OPT_STRING, &right, "R", "only this right"},
		{"open", 0, CLI_OPT_FLAG, &open_only, NULL,
		 "leave out withdrawn and closed cases"},
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{0},
	};
	size_t n = 0, i;
	json_t *rows;
	int fmt, rc = CLI_OK;

	CLI_PARSE("case list [--state S] [--platform P] [--right R] [--open] "
		  "[--format FMT]",
		  opts);
	if (argc)
		return cli_usagef(ctx, "takes options only");
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	memset(&f, 0, sizeof(f));
	f.state = -1;
	if (state && (f.state = td_case_state_parse(state)) < 0)
		return cli_usagef(ctx, "'%s' is not a case state", state);
	f.site = platform;
	f.right = right;
	f.open_only = open_only;
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	if (td_store_cases_list(ctx->ws->store, &f, &cases, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	rows = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(rows, td_case_to_json(&cases[i]));
	cli_print_rows(stdout, fmt, rows, cols, TD_ARRAY_LEN(cols));
	json_decref(rows);
out:
	td_cases_free(cases, n);
	return cli_finish(ctx, rc);
}

static void
show_text(const struct td_case_full *f, const struct td_proto_site *site,
	  int32_t today)
{
	static const struct cli_col lcols[] = {
		{"pos", "#"},           {"listing", "LISTING"},
		{"finding", "FINDING"}, {"outcome", "OUTCOME"},
		{"url", "URL"},         {"title", "TITLE"},
	};
	const struct td_case *c = &f->c;
	struct td_buf next = TD_BUF_INIT;
	char d1[TD_DATE_LEN];
	json_t *rows;
	size_t i;

	printf("case %" PRId64 ": %s on %s (%s)\n", c->id, c->right, c->site,
	       c->platform);
	printf("%-10s%s since %s\n", "state:", td_case_state_name(c->state),
	       date_str(c->state_date, d1));
	if (c->due != TD_DATE_NONE)
		printf("%-10s%s: %s%s\n", "due:", date_str(c->due, d1),
		       td_case_clock_label(c->clock),
		       c->due < today ? " (passed)" : "");
	printf("%-10s%s\n", "owner:", c->owner);
	printf("%-10s%s\n", "filer:", c->agent ? c->agent : "the owner");
	if (c->relist_of)
		printf("%-10scase %" PRId64 "\n", "re-files:", c->relist_of);
	printf("%-10s%s\n", "opened:", c->opened_at);
	td_case_states_text(td_case_moves(site ? &site->r : NULL, c->state),
			    &next);
	printf("%-10s%s\n", "next:", next.data);
	for (i = 0; i < f->nfields; i++)
		printf("%-10s%s%s%s = %s\n",
		       i ? "" : "fields:", f->fields[i].name,
		       *f->fields[i].lang ? "@" : "", f->fields[i].lang,
		       f->fields[i].value);
	printf("\nlistings:\n");
	rows = json_array();
	for (i = 0; i < f->nlistings; i++) {
		const struct td_case_listing *l = &f->listings[i];

		json_array_append_new(
			rows,
			json_pack("{s:i, s:I, s:o, s:s, s:s, s:s}", "pos",
				  l->pos, "listing", (json_int_t)l->listing_id,
				  "finding",
				  l->finding_id ? json_integer(l->finding_id)
						: json_string("-"),
				  "outcome", td_case_outcome_name(l->outcome),
				  "url", l->url ? l->url : l->ext_id, "title",
				  l->title));
	}
	cli_print_rows(stdout, CLI_FMT_TABLE, rows, lcols, TD_ARRAY_LEN(lcols));
	json_decref(rows);
	printf("\nlog:\n");
	for (i = 0; i < f->nevents; i++) {
		const struct td_case_event *e = &f->events[i];
		char what[80];

		if (e->from < 0)
			snprintf(what, sizeof(what), "-> %s",
				 td_case_state_name(e->to));
		else if (e->from != e->to)
			snprintf(what, sizeof(what), "%s -> %s",
				 td_case_state_name(e->from),
				 td_case_state_name(e->to));
		else
			snprintf(what, sizeof(what), "(%s)",
				 td_case_state_name(e->to));
		printf("  %s  %-10s %-32s %s\n", date_str(e->date, d1),
		       e->actor, what, e->note ? e->note : "");
	}
	td_buf_release(&next);
}

static int
case_show(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_full f;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT", "table or json"},
		{0},
	};
	struct td_proto_set *protos = NULL;
	int64_t id;
	int fmt, rc = CLI_OK;

	CLI_PARSE("case show CASE [--format FMT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	memset(&f, 0, sizeof(f));
	if (!cli_ws(ctx, 0))
		return CLI_FAIL;
	protos = td_proto_set_load_builtin(&err);
	if (!protos || td_store_case_load(ctx->ws->store, id, &f, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt == CLI_FMT_TABLE) {
		show_text(&f, td_case_site(protos, &f.c), ctx->today);
	} else {
		json_t *j = td_case_full_to_json(&f);

		cli_print_object(stdout, (enum cli_format)fmt, j);
		json_decref(j);
	}
out:
	td_proto_set_free(protos);
	td_case_full_release(&f);
	return cli_finish(ctx, rc);
}

/* ---- check and submit ------------------------------------------------- */

static int
case_check(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_ready_report rep = TD_READY_REPORT_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_case before, after;
	const char *format = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{"format", 0, CLI_OPT_STRING, &format, "FMT",
		 "table, json or csv"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	static const struct cli_col cols[] = {
		{"level", "LEVEL"},     {"code", "CODE"},
		{"subject", "SUBJECT"}, {"message", "MESSAGE"},
		{"fix", "FIX"},
	};
	struct env v;
	int64_t id;
	int fmt, rc;

	CLI_PARSE("case check CASE [--format FMT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	fmt = cli_format(ctx, format);
	if (fmt < 0)
		return CLI_USAGE;
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_store_case_get(ctx->ws->store, id, &before, &err) < 0 ||
	    td_case_check(&v.e, id, 1, &rep, &err) < 0 ||
	    td_store_case_get(ctx->ws->store, id, &after, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	if (fmt != CLI_FMT_TABLE) {
		json_t *rows = report_rows(&rep);

		cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
			       TD_ARRAY_LEN(cols));
		json_decref(rows);
	} else {
		printf("case %" PRId64 " on %s: %zu blocker%s, %zu warning%s\n",
		       id, after.site, rep.blockers,
		       rep.blockers == 1 ? "" : "s", rep.warnings,
		       rep.warnings == 1 ? "" : "s");
		print_report(stdout, &rep);
		if (before.state != after.state)
			printf("case %" PRId64 " moved from %s to %s\n", id,
			       td_case_state_name(before.state),
			       td_case_state_name(after.state));
		else if (!rep.blockers)
			printf("case %" PRId64 " can be filed (it is %s)\n", id,
			       td_case_state_name(after.state));
		else
			printf("case %" PRId64 " is not ready to file\n", id);
	}
out:
	env_close(&v);
	td_case_release(&before);
	td_case_release(&after);
	/* Commit the state the check found, then say whether it blocks. */
	rc = cli_finish(ctx, rc);
	if (rc == CLI_OK && rep.blockers)
		rc = CLI_FAIL;
	td_ready_report_release(&rep);
	return rc;
}

/* "case 3 is notice_sent; due 2026-12-02: the seller's window ends";
 * with by, "...; by 2026-11-30 the platform should have acted". */
static void
print_state(const struct td_case *c, int by)
{
	char d1[TD_DATE_LEN];

	printf("case %" PRId64 " is %s", c->id, td_case_state_name(c->state));
	if (c->due != TD_DATE_NONE)
		printf(by ? "; by %s %s" : "; due %s: %s", date_str(c->due, d1),
		       td_case_clock_label(c->clock));
	printf("\n");
}

static int
case_submit(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_ready_report rep = TD_READY_REPORT_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_case c;
	const char *date = NULL, *note = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{"date", 0, CLI_OPT_STRING, &date, "DATE",
		 "the day it was filed (default: today)"},
		{"note", 0, CLI_OPT_STRING, &note, "TEXT",
		 "a note for the log"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	struct env v;
	int32_t day;
	int64_t id;
	int rc;

	CLI_PARSE("case submit CASE [--date DATE] [--note TEXT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0 ||
	    parse_date_opt(ctx, date, &day) < 0)
		return CLI_USAGE;
	memset(&c, 0, sizeof(c));
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_submit(&v.e, id, day, note, &rep, &err) < 0) {
		rc = cli_fail(ctx, &err);
		print_report(stderr, &rep);
		goto out;
	}
	if (td_store_case_get(ctx->ws->store, id, &c, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_state(&c, 1);
	if (rep.warnings)
		print_report(stdout, &rep);
out:
	env_close(&v);
	td_case_release(&c);
	td_ready_report_release(&rep);
	return cli_finish(ctx, rc);
}

/* ---- move, note, close ------------------------------------------------ */

static int
do_move(struct cli_ctx *ctx, int64_t id, struct td_case_move_req *req,
	const char *actor)
{
	struct td_ready_report rep = TD_READY_REPORT_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_case c;
	struct env v;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_move(&v.e, id, req, &rep, &err) < 0) {
		rc = cli_fail(ctx, &err);
		print_report(stderr, &rep);
		goto out;
	}
	if (td_store_case_get(ctx->ws->store, id, &c, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	print_state(&c, 0);
out:
	env_close(&v);
	td_case_release(&c);
	td_ready_report_release(&rep);
	return cli_finish(ctx, rc);
}

static int
case_move(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_case_move_req req;
	struct td_case_outcome_set *outs = NULL;
	struct cli_list listings = {0}, outcomes = {0};
	const char *note = NULL, *reason = NULL, *date = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{"note", 0, CLI_OPT_STRING, &note, "TEXT",
		 "a note for the log"},
		{"listing", 0, CLI_OPT_LIST, &listings, "L",
		 "a listing whose outcome is known (repeat)"},
		{"outcome", 0, CLI_OPT_LIST, &outcomes, "O",
		 "its outcome: removed, kept, reinstated or rejected (one, or "
		 "one per --listing)"},
		{"reason", 0, CLI_OPT_STRING, &reason, "TEXT",
		 "why (for kept or rejected listings)"},
		{"date", 0, CLI_OPT_STRING, &date, "DATE",
		 "the day it happened (default: today)"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	size_t i;
	int64_t id;
	int rc;

	rc = cli_parse(ctx,
		       "case move CASE STATE [--note TEXT] [--listing L "
		       "--outcome O] [--reason TEXT] [--date DATE]",
		       opts, &argc, &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	memset(&req, 0, sizeof(req));
	if (argc != 2) {
		rc = cli_usagef(ctx, "needs the CASE number and the new STATE");
		goto out;
	}
	if (parse_id(ctx, argv[0], "case", &id) < 0 ||
	    parse_date_opt(ctx, date, &req.date) < 0) {
		rc = CLI_USAGE;
		goto out;
	}
	req.to = td_case_state_parse(argv[1]);
	if (req.to < 0) {
		struct td_buf all = TD_BUF_INIT;

		td_case_states_text((1u << TD_CASE_NSTATES) - 1, &all);
		rc = cli_usagef(ctx, "'%s' is not a state; states are %s",
				argv[1], all.data);
		td_buf_release(&all);
		goto out;
	}
	if (listings.n && outcomes.n != 1 && outcomes.n != listings.n) {
		rc = cli_usagef(ctx,
				"give one --outcome, or one per --listing");
		goto out;
	}
	if (outcomes.n && !listings.n) {
		rc = cli_usagef(ctx, "--outcome needs --listing");
		goto out;
	}
	outs = listings.n ? td_xcalloc(listings.n, sizeof(*outs)) : NULL;
	for (i = 0; i < listings.n; i++) {
		const char *o = outcomes.v[outcomes.n == 1 ? 0 : i];

		if (parse_id(ctx, listings.v[i], "listing", &outs[i].listing) <
		    0) {
			rc = CLI_USAGE;
			goto out;
		}
		outs[i].outcome = td_case_outcome_parse(o);
		if (outs[i].outcome <= TD_OUTCOME_PENDING) {
			rc = cli_usagef(ctx,
					"'%s' is not an outcome: removed, "
					"kept, reinstated or rejected",
					o);
			goto out;
		}
		outs[i].reason = reason;
	}
	req.note = note;
	req.outcomes = outs;
	req.noutcomes = listings.n;
	rc = do_move(ctx, id, &req, actor);
out:
	free(outs);
	cli_list_release(&listings);
	cli_list_release(&outcomes);
	return rc;
}

static int
case_close(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_case_move_req req;
	const char *note = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{"note", 0, CLI_OPT_STRING, &note, "TEXT",
		 "a note for the log"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	int64_t id;

	CLI_PARSE("case close CASE [--note TEXT]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	memset(&req, 0, sizeof(req));
	req.to = TD_CASE_CLOSED;
	req.date = TD_DATE_NONE;
	req.note = note;
	return do_move(ctx, id, &req, actor);
}

static int
case_note(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	const char *actor = NULL;
	const struct cli_opt opts[] = {
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	struct env v;
	int64_t id;
	int rc;

	CLI_PARSE("case note CASE TEXT", opts);
	if (argc != 2)
		return cli_usagef(ctx, "needs the CASE number and the TEXT");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_note(&v.e, id, argv[1], &err) < 0)
		rc = cli_fail(ctx, &err);
	else
		printf("noted on case %" PRId64 "\n", id);
	env_close(&v);
	return cli_finish(ctx, rc);
}

/* ---- split, set, package ---------------------------------------------- */

static int
case_split(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	const char *actor = NULL;
	const struct cli_opt opts[] = {
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	int64_t *ids = NULL, id;
	size_t n = 0, i;
	struct env v;
	int rc;

	CLI_PARSE("case split CASE", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_split(&v.e, id, &ids, &n, &err) < 0) {
		rc = cli_fail(ctx, &err);
	} else {
		printf("split case %" PRId64 ": new case%s", id,
		       n == 1 ? "" : "s");
		for (i = 0; i < n; i++)
			printf(" %" PRId64, ids[i]);
		printf("\n");
	}
	free(ids);
	env_close(&v);
	return cli_finish(ctx, rc);
}

static int
case_set(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_err err = TD_ERR_INIT;
	const char *lang = NULL, *actor = NULL;
	int remove = 0;
	const struct cli_opt opts[] = {
		{"lang", 0, CLI_OPT_STRING, &lang, "LANG",
		 "only for the en or zh complaint (default: both)"},
		{"remove", 0, CLI_OPT_FLAG, &remove, NULL,
		 "remove the value (takedown derives it again)"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	struct env v;
	int64_t id;
	int rc;

	CLI_PARSE("case set CASE FIELD VALUE [--lang en|zh] | case set CASE "
		  "FIELD --remove",
		  opts);
	if (argc != (remove ? 2 : 3))
		return cli_usagef(ctx, "needs the CASE number, the FIELD and "
				       "its VALUE (or --remove)");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_set_field(&v.e, id, argv[1], lang, remove ? NULL : argv[2],
			      &err) < 0)
		rc = cli_fail(ctx, &err);
	else
		printf("%s %s on case %" PRId64 "\n",
		       remove ? "removed" : "set", argv[1], id);
	env_close(&v);
	return cli_finish(ctx, rc);
}

static int
case_package(int argc, char **argv, struct cli_ctx *ctx)
{
	struct td_notice_package pkg = TD_NOTICE_PACKAGE_INIT;
	struct td_ready_report rep = TD_READY_REPORT_INIT;
	struct td_err err = TD_ERR_INIT;
	const char *out = NULL, *actor = NULL;
	const struct cli_opt opts[] = {
		{"out", 0, CLI_OPT_STRING, &out, "DIR",
		 "write the package here (default: case-N)"},
		{"actor", 0, CLI_OPT_STRING, &actor, "NAME",
		 "who does it (default: $USER)"},
		{0},
	};
	char dflt[64];
	struct env v;
	int64_t id;
	size_t i;
	int rc;

	CLI_PARSE("case package CASE [--out DIR]", opts);
	if (argc != 1)
		return cli_usagef(ctx, "needs the CASE number");
	if (parse_id(ctx, argv[0], "case", &id) < 0)
		return CLI_USAGE;
	if (!out) {
		snprintf(dflt, sizeof(dflt), "case-%" PRId64, id);
		out = dflt;
	}
	rc = env_open(ctx, 1, actor, &v);
	if (rc)
		return cli_finish(ctx, rc);
	if (td_case_package(&v.e, id, out, &rep, &pkg, &err) < 0) {
		rc = cli_fail(ctx, &err);
		fprintf(stderr, "%s: no package was written\n", ctx->prog);
		goto done;
	}
	printf("wrote %s (template %s):\n", out, pkg.template_name);
	for (i = 0; i < pkg.n; i++)
		printf("  %s\n", pkg.files[i].name);
	if (rep.blockers)
		printf("case %" PRId64 " is not ready to file: %zu blocker%s "
		       "(see %s/checklist.txt, takedown case check %" PRId64
		       ")\n",
		       id, rep.blockers, rep.blockers == 1 ? "" : "s", out, id);
	else
		printf("next: file it as %s/checklist.txt says, then takedown "
		       "case submit %" PRId64 "\n",
		       out, id);
done:
	env_close(&v);
	td_notice_package_release(&pkg);
	td_ready_report_release(&rep);
	return cli_finish(ctx, rc);
}

static const struct cli_cmd case_cmds[] = {
	{"check", case_check, CLI_WRITES,
	 "the readiness check: what blocks filing (draft <-> ready)"},
	{"close", case_close, CLI_WRITES, "close a case that has ended"},
	{"list", case_list, 0, "list cases"},
	{"move", case_move, CLI_WRITES,
	 "record a state change and listing outcomes"},
	{"note", case_note, CLI_WRITES, "add a note to a case's log"},
	{"open", case_open, CLI_WRITES,
	 "open a case from findings or listings"},
	{"package", case_package, CLI_WRITES,
	 "write the complaint package for the platform"},
	{"set", case_set, CLI_WRITES, "set a complaint field of a case"},
	{"show", case_show, 0, "show a case, its listings and its log"},
	{"split", case_split, CLI_WRITES,
	 "split a case over the platform's batch limit"},
	{"submit", case_submit, CLI_WRITES,
	 "record the filing (runs the readiness check first)"},
};

int
cmd_case(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(case_cmds, TD_ARRAY_LEN(case_cmds), argc - 1,
			    argv + 1, ctx);
}
