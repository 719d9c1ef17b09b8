/* Cases: the state machine, the clocks in platform calendars, and cases
 * in a real workspace (open, check, move, outcomes, the append-only
 * log, split). */
#include "unit.h"
#include "protos.h"
#include "cases.h"

#include "core/case.h"
#include "core/date.h"
#include "core/portfolio.h"
#include "core/portfolio_io.h"
#include "core/proto.h"
#include "core/ready.h"
#include "core/readfile.h"
#include "core/ws.h"
#include "store/store.h"
#include "store/store_int.h"

static const struct td_proto_site *
site(const char *key)
{
	const struct td_proto_site *s = td_proto_set_find_site(protos, key);

	if (!s)
		fail_msg("no site %s", key);
	return s;
}

static void
test_case__names_round_trip(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < TD_CASE_NSTATES; i++)
		assert_int_equal(td_case_state_parse(td_case_state_name(i)), i);
	for (i = 0; i < TD_OUTCOME_N; i++)
		assert_int_equal(td_case_outcome_parse(td_case_outcome_name(i)),
				 i);
	for (i = 0; i < TD_CLOCK_N; i++)
		assert_int_equal(td_case_clock_parse(td_case_clock_name(i)), i);
	assert_int_equal(td_case_state_parse("fixed"), -1);
	assert_int_equal(td_case_state_parse(NULL), -1);
	assert_string_equal(td_case_state_name(99), "?");
	assert_true(td_case_state_is_over(TD_CASE_CLOSED));
	assert_true(td_case_state_is_over(TD_CASE_WITHDRAWN));
	assert_false(td_case_state_is_over(TD_CASE_REMOVED));
	assert_true(td_case_state_is_unfiled(TD_CASE_READY));
	assert_false(td_case_state_is_unfiled(TD_CASE_SUBMITTED));
}

/* The set of states named in s (blank separated; "-" none). */
static unsigned
states_of(const char *s, unsigned long line)
{
	char buf[512], *p, *save = NULL;
	unsigned set = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	if (strcmp(buf, "-") == 0)
		return 0;
	for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
		int st = td_case_state_parse(p);

		if (st < 0)
			fail_msg("case-moves.tsv:%lu: '%s' is not a state",
				 line, p);
		set |= 1u << st;
	}
	return set;
}

struct moves_ctx {
	const struct td_proto_rules *with, *without;
	unsigned seen;
};

static void
check_moves_row(const struct case_row *row, void *vctx)
{
	struct moves_ctx *m = vctx;
	int from = td_case_state_parse(row->f[0]);
	unsigned want[2];
	const struct td_proto_rules *rules[2];
	int k, to;

	if (from < 0)
		fail_msg("case-moves.tsv:%lu: bad state", row->line);
	m->seen |= 1u << from;
	want[0] = states_of(row->f[1], row->line);
	want[1] = states_of(row->f[2], row->line);
	rules[0] = m->with;
	rules[1] = m->without;
	for (k = 0; k < 2; k++) {
		assert_int_equal(td_case_moves(rules[k], from), want[k]);
		for (to = 0; to < TD_CASE_NSTATES; to++) {
			struct td_err err = TD_ERR_INIT;
			int rc = td_case_check_move(rules[k], from, to, &err);

			if ((want[k] >> to) & 1) {
				if (rc != 0)
					fail_msg("line %lu: %s -> %s refused: "
						 "%s",
						 row->line, row->f[0],
						 td_case_state_name(to),
						 err.msg);
				continue;
			}
			if (rc != TD_ECONFLICT)
				fail_msg("line %lu: %s -> %s allowed%s",
					 row->line, row->f[0],
					 td_case_state_name(to),
					 k ? " without counter-notices" : "");
			/* The refusal names every allowed move. */
			if (want[k]) {
				int s;

				for (s = 0; s < TD_CASE_NSTATES; s++)
					if (((want[k] >> s) & 1) &&
					    !strstr(err.msg,
						    td_case_state_name(s)))
						fail_msg("line %lu: '%s' does "
							 "not name %s",
							 row->line, err.msg,
							 td_case_state_name(s));
			}
		}
	}
}

static void
test_case__every_move_legal_or_refused(void **state)
{
	struct moves_ctx m;
	struct td_proto_rules no_counter;

	(void)state;
	/* IPP has counter-notices; a copy of its rules without them stands
	 * for a platform that has none. */
	memset(&m, 0, sizeof(m));
	m.with = &site("taobao")->r;
	no_counter = site("taobao")->r;
	no_counter.counter.allowed = 0;
	m.without = &no_counter;
	assert_int_equal(cases_run("case-moves.tsv", 3, check_moves_row, &m),
			 TD_CASE_NSTATES);
	assert_int_equal(m.seen, (1u << TD_CASE_NSTATES) - 1);
	/* NULL rules: the generic machine, with counter-notices. */
	assert_int_equal(
		td_case_moves(NULL, TD_CASE_NOTICE_SENT),
		td_case_moves(&site("taobao")->r, TD_CASE_NOTICE_SENT));
	assert_int_equal(td_case_moves(NULL, -1), 0);
	assert_int_equal(td_case_moves(NULL, TD_CASE_NSTATES), 0);
}

static void
test_case__refusals_say_why(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto_rules no_counter = site("taobao")->r;
	struct td_buf b = TD_BUF_INIT;

	(void)state;
	no_counter.counter.allowed = 0;
	assert_int_equal(td_case_check_move(&site("taobao")->r,
					    TD_CASE_NOTICE_SENT, TD_CASE_DENIED,
					    &err),
			 TD_ECONFLICT);
	assert_string_equal(err.msg,
			    "a notice_sent case can move to removed, "
			    "cross_complaint, escalated or withdrawn, not to "
			    "denied");
	assert_int_equal(td_case_check_move(&no_counter, TD_CASE_NOTICE_SENT,
					    TD_CASE_CROSS_COMPLAINT, &err),
			 TD_ECONFLICT);
	assert_string_equal(
		err.msg, "sellers cannot counter-notify on this platform, "
			 "so there is no cross_complaint; a notice_sent case "
			 "can move to removed, escalated or withdrawn");
	assert_int_equal(
		td_case_check_move(NULL, TD_CASE_CLOSED, TD_CASE_DRAFT, &err),
		TD_ECONFLICT);
	assert_string_equal(err.msg, "the case is closed: nothing more can "
				     "happen to it");
	assert_int_equal(td_case_check_move(NULL, TD_CASE_DRAFT, 99, &err),
			 TD_EINVAL);
	td_case_states_text(0, &b);
	assert_string_equal(b.data, "nothing");
	td_buf_reset(&b);
	td_case_states_text(1u << TD_CASE_READY, &b);
	assert_string_equal(b.data, "ready");
	td_buf_release(&b);
}

static void
check_clock_row(const struct case_row *row, void *vctx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_due due;
	int32_t counter =
		strcmp(row->f[3], "-") == 0 ? TD_DATE_NONE : day(row->f[3]);
	int state = td_case_state_parse(row->f[1]);
	char got[TD_DATE_LEN] = "-", got_max[TD_DATE_LEN] = "-";

	(void)vctx;
	assert_true(state >= 0);
	if (td_case_due_for(&site(row->f[0])->r, state, day(row->f[2]), counter,
			    &due, &err) < 0)
		fail_msg("line %lu: %s", row->line, err.msg);
	if (due.due != TD_DATE_NONE)
		td_date_format(due.due, got);
	if (due.due_max != TD_DATE_NONE)
		td_date_format(due.due_max, got_max);
	if (strcmp(td_case_clock_name(due.clock), row->f[4]) != 0 ||
	    strcmp(got, row->f[5]) != 0 || strcmp(got_max, row->f[6]) != 0)
		fail_msg("case-clocks.tsv:%lu: %s %s from %s: got %s %s..%s, "
			 "want %s %s..%s",
			 row->line, row->f[0], row->f[1], row->f[2],
			 td_case_clock_name(due.clock), got, got_max, row->f[4],
			 row->f[5], row->f[6]);
	assert_int_equal(due.missing_year, 0);
	assert_int_equal(due.window != NULL,
			 due.clock != TD_CLOCK_NONE &&
				 due.clock != TD_CLOCK_REMOVAL);
}

static void
test_case__clocks_count_in_the_platform_calendar(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_due due;

	(void)state;
	assert_true(cases_run("case-clocks.tsv", 7, check_clock_row, NULL) >=
		    15);
	/* A year without holiday data is counted with weekends only, and
	 * says so. */
	assert_int_equal(td_case_due_for(&site("taobao")->r,
					 TD_CASE_NOTICE_SENT, day("2035-06-01"),
					 TD_DATE_NONE, &due, &err),
			 0);
	assert_int_equal(due.missing_year, 2035);
	assert_int_equal(due.due, day("2035-06-06"));
}

static void
test_case__likely_end(void **state)
{
	struct td_case c;
	int32_t today = day("2026-11-27");

	(void)state;
	memset(&c, 0, sizeof(c));
	c.due = TD_DATE_NONE;
	c.state = TD_CASE_DRAFT;
	/* IPP: removal 3 days, seller 3 working days (5 calendar), reply 3
	 * (5), restore 15, decision 5 working days (7). */
	assert_int_equal(td_case_likely_end(&site("taobao")->r, &c, today),
			 today + 3 + 5 + 5 + 15 + 7);
	c.state = TD_CASE_NOTICE_SENT;
	c.due = day("2026-12-02");
	assert_int_equal(td_case_likely_end(&site("taobao")->r, &c, today),
			 c.due + 5 + 15 + 7);
	c.state = TD_CASE_CLOSED;
	assert_int_equal(td_case_likely_end(&site("taobao")->r, &c, today),
			 c.due);
	/* Walmart: no counter-notice windows of its own beyond the DMCA
	 * restore (10-14 business days, 20 calendar days at most). */
	c.state = TD_CASE_DRAFT;
	c.due = TD_DATE_NONE;
	assert_true(td_case_likely_end(&site("walmart_us")->r, &c, today) >
		    today);
}

/* ---- in a workspace --------------------------------------------------- */

struct fx {
	char *dir;
	struct td_ws *ws;
	struct td_case_env env;
};

static void
exec_file(struct td_store *st, const char *path)
{
	struct td_err err = TD_ERR_INIT;
	struct td_buf text = TD_BUF_INIT;

	if (td_read_file(path, 1 << 20, &text, &err) < 0)
		fail_msg("%s: %s", path, err.msg);
	if (st->ops->exec(st, text.data, &err) < 0)
		fail_msg("%s: %s", path, err.msg);
	td_buf_release(&text);
}

static void
fx_open(struct fx *fx)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_apply_stats stats;
	struct td_err err = TD_ERR_INIT;
	int created;

	memset(fx, 0, sizeof(*fx));
	fx->dir = unit_tmpdir();
	assert_int_equal(td_ws_init(fx->dir, &created, &err), 0);
	assert_int_equal(td_ws_open(fx->dir, &fx->ws, &err), 0);
	if (td_portfolio_load_file("examples/ironwood/portfolio.json", &pf,
				   &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(td_store_begin(fx->ws->store, &err), 0);
	if (td_portfolio_apply(fx->ws, &pf, "portfolio.json", 0, &stats, &err) <
	    0)
		fail_msg("%s", err.msg);
	exec_file(fx->ws->store, "tests/fixtures/cases-listings.sql");
	td_portfolio_release(&pf);
	fx->env.ws = fx->ws;
	fx->env.protos = protos;
	fx->env.today = day("2026-11-27");
	fx->env.now = (int64_t)fx->env.today * 86400 + 9 * 3600;
	fx->env.actor = "tester";
}

static void
fx_close(struct fx *fx)
{
	td_store_rollback(fx->ws->store);
	td_ws_free(fx->ws);
	unit_rmdir(fx->dir);
}

static int64_t
open_case(struct fx *fx, const char *platform, const char *right,
	  const int64_t *findings, size_t n)
{
	struct td_case_open_req req;
	struct td_err err = TD_ERR_INIT;
	int64_t id = 0;

	memset(&req, 0, sizeof(req));
	req.platform = platform;
	req.right = right;
	req.findings = findings;
	req.nfindings = n;
	if (td_case_open(&fx->env, &req, &id, &err) < 0)
		fail_msg("open: %s", err.msg);
	return id;
}

static int
move(struct fx *fx, int64_t id, int to, const char *date, struct td_err *err)
{
	struct td_case_move_req req;

	memset(&req, 0, sizeof(req));
	req.to = to;
	req.date = date ? day(date) : TD_DATE_NONE;
	return td_case_move(&fx->env, id, &req, NULL, err);
}

static void
set_contacts(struct fx *fx)
{
	struct td_err err = TD_ERR_INIT;
	struct td_contact c;

	memset(&c, 0, sizeof(c));
	c.party = strdup("owner");
	c.key = strdup("iw");
	c.name = strdup("Dana Reyes");
	c.title = strdup("Owner");
	c.email = strdup("legal@ironwood.example");
	c.phone = strdup("+1 520 555 0100");
	c.address = strdup("1200 Foundry Lane, Tucson, AZ 85701, USA");
	assert_int_equal(td_store_contact_set(fx->ws->store, &c, &err), 0);
	td_contact_release(&c);
}

static void
test_case__open_refuses_what_cannot_be_one_complaint(void **state)
{
	static const int64_t tmall[] = {3}, twice[] = {1};
	struct td_case_open_req req;
	struct td_err err = TD_ERR_INIT;
	struct fx fx;
	int64_t id = 0;

	(void)state;
	fx_open(&fx);
	memset(&req, 0, sizeof(req));
	req.platform = "alibaba_ipp";
	req.right = "tm-cn";
	req.findings = tmall;
	req.nfindings = 1;
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_EINVAL);
	assert_string_equal(err.msg,
			    "alibaba_ipp has several sites; name one: "
			    "taobao tmall 1688 alibaba_com aliexpress");
	req.platform = "taobao";
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_ECONFLICT);
	assert_string_equal(err.msg, "listing 3 is on tmall, not taobao: open "
				     "one case per site");
	req.platform = "nowhere";
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_ENOTFOUND);
	req.platform = "tmall";
	req.right = "tm-xx";
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_ENOTFOUND);
	assert_string_equal(err.msg, "no right 'tm-xx'");
	req.right = "tm-cn";
	req.agent = "nobody";
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_ENOTFOUND);
	req.agent = NULL;
	req.nfindings = 0;
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_EINVAL);
	{
		static const int64_t none[] = {77};

		req.findings = none;
		req.nfindings = 1;
		assert_int_equal(td_case_open(&fx.env, &req, &id, &err),
				 TD_ENOTFOUND);
		assert_string_equal(err.msg, "no finding 77");
	}
	/* A listing already in a live case for the same right. */
	id = open_case(&fx, "taobao", "tm-cn", twice, 1);
	assert_int_equal(id, 1);
	req.platform = "taobao";
	req.findings = NULL;
	req.nfindings = 0;
	req.listings = twice;
	req.nlistings = 1;
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), TD_ECONFLICT);
	assert_string_equal(err.msg,
			    "listing 1 is already in case 1 for tm-cn");
	/* ... but not once that case is withdrawn. */
	assert_int_equal(move(&fx, 1, TD_CASE_WITHDRAWN, NULL, &err), 0);
	assert_int_equal(td_case_open(&fx.env, &req, &id, &err), 0);
	assert_int_equal(id, 2);
	/* eBay's feed says "ebay": the alias finds ebay_us. */
	{
		static const int64_t eb[] = {6, 7};

		assert_int_equal(open_case(&fx, "ebay", "tm-us", eb, 2), 3);
	}
	fx_close(&fx);
}

static void
test_case__lifecycle_with_deadlines_and_outcomes(void **state)
{
	static const int64_t f[] = {1, 2};
	struct td_ready_report rep = TD_READY_REPORT_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_case_full cf;
	struct td_case_move_req req;
	struct td_case_outcome_set outs[1];
	struct fx fx;
	int64_t id;

	(void)state;
	fx_open(&fx);
	id = open_case(&fx, "taobao", "tm-cn", f, 2);
	/* ready only through a passing check: contacts are missing. */
	assert_int_equal(move(&fx, id, TD_CASE_READY, NULL, &err),
			 TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "case 1 is not ready: 4 blockers"));
	assert_int_equal(move(&fx, id, TD_CASE_SUBMITTED, NULL, &err),
			 TD_ECONFLICT);
	assert_string_equal(err.msg, "case 1: a draft case can move to ready "
				     "or withdrawn, not to submitted");
	set_contacts(&fx);
	assert_int_equal(td_case_check(&fx.env, id, 1, &rep, &err), 0);
	assert_int_equal(rep.blockers, 0);
	td_ready_report_release(&rep);
	assert_int_equal(
		td_case_submit(&fx.env, id, TD_DATE_NONE, "filed", &rep, &err),
		0);
	td_ready_report_release(&rep);
	/* The seller's window: 3 cn working days from Friday 11-27. */
	assert_int_equal(move(&fx, id, TD_CASE_NOTICE_SENT, NULL, &err), 0);
	memset(&cf, 0, sizeof(cf));
	assert_int_equal(td_store_case_load(fx.ws->store, id, &cf, &err), 0);
	assert_int_equal(cf.c.state, TD_CASE_NOTICE_SENT);
	assert_int_equal(cf.c.clock, TD_CLOCK_RESPONSE);
	assert_int_equal(cf.c.due, day("2026-12-02"));
	td_case_full_release(&cf);
	/* No moving into the future, or before the state began. */
	assert_int_equal(move(&fx, id, TD_CASE_REMOVED, "2026-12-03", &err),
			 TD_EINVAL);
	assert_int_equal(move(&fx, id, TD_CASE_REMOVED, "2026-11-20", &err),
			 TD_EINVAL);
	/* Days later: one listing kept, the rest removed. */
	fx.env.today = day("2026-12-03");
	memset(&req, 0, sizeof(req));
	req.to = TD_CASE_REMOVED;
	req.date = TD_DATE_NONE;
	req.note = "checked";
	outs[0].listing = 2;
	outs[0].outcome = TD_OUTCOME_KEPT;
	outs[0].reason = "seller showed an invoice";
	req.outcomes = outs;
	req.noutcomes = 1;
	assert_int_equal(td_case_move(&fx.env, id, &req, NULL, &err), 0);
	memset(&cf, 0, sizeof(cf));
	assert_int_equal(td_store_case_load(fx.ws->store, id, &cf, &err), 0);
	assert_int_equal(cf.c.state, TD_CASE_REMOVED);
	assert_int_equal(cf.c.clock, TD_CLOCK_NONE);
	assert_int_equal(cf.c.due, TD_DATE_NONE);
	assert_int_equal(cf.nlistings, 2);
	assert_int_equal(cf.listings[0].outcome, TD_OUTCOME_REMOVED);
	assert_int_equal(cf.listings[1].outcome, TD_OUTCOME_KEPT);
	assert_string_equal(cf.listings[1].reason, "seller showed an invoice");
	assert_int_equal(cf.listings[1].outcome_date, day("2026-12-03"));
	/* The log: opened, ready, submitted, notice_sent, removed, then
	 * the kept listing and the rest removed. */
	assert_int_equal(cf.nevents, 7);
	assert_int_equal(cf.events[0].from, -1);
	assert_int_equal(cf.events[0].to, TD_CASE_DRAFT);
	assert_string_equal(cf.events[0].actor, "tester");
	assert_int_equal(cf.events[1].to, TD_CASE_READY);
	assert_int_equal(cf.events[3].to, TD_CASE_NOTICE_SENT);
	assert_int_equal(cf.events[4].from, TD_CASE_NOTICE_SENT);
	assert_int_equal(cf.events[4].to, TD_CASE_REMOVED);
	assert_string_equal(cf.events[4].note, "checked");
	assert_int_equal(cf.events[5].listing_id, 2);
	assert_int_equal(cf.events[5].outcome, TD_OUTCOME_KEPT);
	assert_string_equal(cf.events[6].note,
			    "1 listing still open now removed");
	td_case_full_release(&cf);
	/* The same state again records outcomes only; nothing else. */
	req.noutcomes = 0;
	assert_int_equal(td_case_move(&fx.env, id, &req, NULL, &err),
			 TD_ECONFLICT);
	outs[0].listing = 99;
	req.noutcomes = 1;
	assert_int_equal(td_case_move(&fx.env, id, &req, NULL, &err),
			 TD_ENOTFOUND);
	/* Close it; a closed case takes nothing more. */
	assert_int_equal(move(&fx, id, TD_CASE_CLOSED, NULL, &err), 0);
	assert_int_equal(move(&fx, id, TD_CASE_ESCALATED, NULL, &err),
			 TD_ECONFLICT);
	assert_int_equal(td_case_note(&fx.env, id, "archived", &err), 0);
	assert_int_equal(td_case_note(&fx.env, id, "", &err), TD_EINVAL);
	fx_close(&fx);
}

static void
test_case__history_cannot_be_changed(void **state)
{
	static const int64_t f[] = {4};
	struct td_err err = TD_ERR_INIT;
	struct fx fx;
	int64_t n = 0;

	(void)state;
	fx_open(&fx);
	open_case(&fx, "amazon", "tm-us", f, 1);
	assert_int_equal(td_case_note(&fx.env, 1, "called the seller", &err),
			 0);
	assert_int_equal(td_sql_exec(fx.ws->store, &err,
				     "UPDATE case_events SET note = 'x'", NULL),
			 TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_equal(td_sql_exec(fx.ws->store, &err,
				     "DELETE FROM case_events WHERE id = 1",
				     NULL),
			 TD_ECONFLICT);
	assert_non_null(strstr(err.msg, "cannot be deleted"));
	assert_int_equal(td_sql_int_query(fx.ws->store, &n, &err,
					  "SELECT count(*) FROM case_events "
					  "WHERE note = 'called the seller'",
					  NULL),
			 1);
	assert_int_equal(n, 1);
	fx_close(&fx);
}

static void
test_case__split_at_the_batch_limit(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_full cf;
	int64_t ids[12], *made = NULL;
	size_t n = 0, i;
	struct fx fx;
	int64_t id;

	(void)state;
	fx_open(&fx);
	/* Walmart takes 10 links per claim: 12 listings make 2 cases. */
	for (i = 0; i < 12; i++) {
		char sql[600];

		snprintf(sql, sizeof(sql),
			 "INSERT INTO listings (id, platform, ext_id, url, "
			 "title, content_hash, first_seen, last_seen) VALUES "
			 "(%zu, 'walmart_us', 'W%zu', "
			 "'https://www.walmart.com/ip/%zu', 'Ironwood table', "
			 "'x', '2026-11-20T00:00:00Z', "
			 "'2026-11-20T00:00:00Z')",
			 100 + i, i, i);
		assert_int_equal(
			fx.ws->store->ops->exec(fx.ws->store, sql, &err), 0);
		ids[i] = (int64_t)(100 + i);
	}
	{
		struct td_case_open_req req;

		memset(&req, 0, sizeof(req));
		req.platform = "walmart_us";
		req.right = "tm-us";
		req.listings = ids;
		req.nlistings = 12;
		assert_int_equal(td_case_open(&fx.env, &req, &id, &err), 0);
	}
	assert_int_equal(td_case_split(&fx.env, id, &made, &n, &err), 0);
	assert_int_equal(n, 1);
	memset(&cf, 0, sizeof(cf));
	assert_int_equal(td_store_case_load(fx.ws->store, id, &cf, &err), 0);
	assert_int_equal(cf.nlistings, 10);
	td_case_full_release(&cf);
	assert_int_equal(td_store_case_load(fx.ws->store, made[0], &cf, &err),
			 0);
	assert_int_equal(cf.nlistings, 2);
	assert_int_equal(cf.listings[0].listing_id, 110);
	assert_int_equal(cf.listings[0].pos, 1);
	assert_string_equal(cf.c.site, "walmart_us");
	assert_string_equal(cf.events[0].note,
			    "split from case 1 with 2 listings");
	td_case_full_release(&cf);
	free(made);
	/* Within the limit now: nothing to split. */
	assert_int_equal(td_case_split(&fx.env, id, &made, &n, &err),
			 TD_ECONFLICT);
	assert_null(made);
	fx_close(&fx);
}

static void
test_case__fields_are_set_and_logged(void **state)
{
	static const int64_t f[] = {4};
	struct td_err err = TD_ERR_INIT;
	struct td_case_full cf;
	struct fx fx;

	(void)state;
	fx_open(&fx);
	open_case(&fx, "amazon_us", "tm-us", f, 1);
	assert_int_equal(td_case_set_field(&fx.env, 1, "complaint.reason", "",
					   "counterfeit", &err),
			 0);
	assert_int_equal(td_case_set_field(&fx.env, 1, "complaint.reason", "zh",
					   "假冒", &err),
			 0);
	assert_int_equal(
		td_case_set_field(&fx.env, 1, "Bad Name", "", "x", &err),
		TD_EINVAL);
	assert_int_equal(
		td_case_set_field(&fx.env, 1, "right.original", "", "", &err),
		TD_EINVAL);
	assert_int_equal(td_case_set_field(&fx.env, 1, "right.original", "fr",
					   "x", &err),
			 TD_EINVAL);
	memset(&cf, 0, sizeof(cf));
	assert_int_equal(td_store_case_load(fx.ws->store, 1, &cf, &err), 0);
	assert_string_equal(td_case_field_get(&cf, "complaint.reason", "en"),
			    "counterfeit");
	assert_string_equal(td_case_field_get(&cf, "complaint.reason", "zh"),
			    "假冒");
	assert_null(td_case_field_get(&cf, "right.original", "en"));
	assert_int_equal(cf.nevents, 3);
	td_case_full_release(&cf);
	assert_int_equal(td_case_set_field(&fx.env, 1, "complaint.reason", "zh",
					   NULL, &err),
			 0);
	assert_int_equal(td_store_case_load(fx.ws->store, 1, &cf, &err), 0);
	assert_string_equal(td_case_field_get(&cf, "complaint.reason", "zh"),
			    "counterfeit");
	td_case_full_release(&cf);
	fx_close(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case__names_round_trip),
		cmocka_unit_test(test_case__every_move_legal_or_refused),
		cmocka_unit_test(test_case__refusals_say_why),
		cmocka_unit_test(
			test_case__clocks_count_in_the_platform_calendar),
		cmocka_unit_test(test_case__likely_end),
		cmocka_unit_test(
			test_case__open_refuses_what_cannot_be_one_complaint),
		cmocka_unit_test(
			test_case__lifecycle_with_deadlines_and_outcomes),
		cmocka_unit_test(test_case__history_cannot_be_changed),
		cmocka_unit_test(test_case__split_at_the_batch_limit),
		cmocka_unit_test(test_case__fields_are_set_and_logged),
	};

	return cmocka_run_group_tests(tests, protos_setup, protos_teardown);
}
