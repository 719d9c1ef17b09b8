/* The case report: counts, success rate and time to removal per site,
 * agent and overall, working days across Spring Festival 2026. */
#include "unit.h"

#include <math.h>

#include "core/case.h"
#include "core/case_report.h"
#include "core/date.h"
#include "core/proto.h"
#include "core/util.h"

static int32_t
D(const char *s)
{
	int32_t d;

	if (!s)
		return TD_DATE_NONE;
	assert_int_equal(td_date_parse(s, &d), 0);
	return d;
}

/* One row: case, site, agent (NULL: owner), state, outcome (-1: no
 * listing), filed, outcome date. */
struct spec {
	int64_t id;
	const char *site, *agent;
	int state, outcome;
	const char *submitted, *outcome_date;
};

static const struct spec specs[] = {
	/* Filed the Friday before Spring Festival: one listing gone two
	 * weeks later (14 days, 5 working: the make-up Saturday 14 Feb and
	 * 24-27 Feb), one on the Monday of the holiday (3 days, 1). */
	{1, "taobao", "exlaw", TD_CASE_REMOVED, TD_OUTCOME_REMOVED,
	 "2026-02-13", "2026-02-27"},
	{1, "taobao", "exlaw", TD_CASE_REMOVED, TD_OUTCOME_REMOVED,
	 "2026-02-13", "2026-02-16"},
	{2, "taobao", NULL, TD_CASE_REJECTED, TD_OUTCOME_REJECTED, "2026-03-02",
	 "2026-03-03"},
	/* Still running: one listing pending; one removal dated before the
	 * filing (a typing error) is counted but not timed. */
	{3, "taobao", "exlaw", TD_CASE_NOTICE_SENT, TD_OUTCOME_PENDING,
	 "2026-03-10", NULL},
	{3, "taobao", "exlaw", TD_CASE_NOTICE_SENT, TD_OUTCOME_REMOVED,
	 "2026-03-10", "2026-03-09"},
	/* Never filed: not in the listing counts. */
	{4, "taobao", "exlaw", TD_CASE_DRAFT, TD_OUTCOME_PENDING, NULL, NULL},
	/* Amazon counts counter-notice days on the US calendar. */
	{5, "amazon_us", NULL, TD_CASE_REMOVED, TD_OUTCOME_REMOVED,
	 "2026-03-02", "2026-03-04"},
	/* Withdrawn with a listing pending: not open. */
	{6, "ebay_us", "exlaw", TD_CASE_WITHDRAWN, TD_OUTCOME_PENDING,
	 "2026-03-02", NULL},
	/* A case without listings. */
	{7, "taobao", NULL, TD_CASE_DRAFT, -1, NULL, NULL},
};

static struct td_case_report_row *
make_rows(size_t *n)
{
	struct td_case_report_row *v = calloc(TD_ARRAY_LEN(specs), sizeof(*v));
	size_t i;

	assert_non_null(v);
	for (i = 0; i < TD_ARRAY_LEN(specs); i++) {
		v[i].case_id = specs[i].id;
		v[i].site = strdup(specs[i].site);
		v[i].right = strdup(specs[i].id % 2 ? "tm-cn" : "tm-us");
		v[i].agent = specs[i].agent ? strdup(specs[i].agent) : NULL;
		v[i].state = specs[i].state;
		v[i].outcome = specs[i].outcome;
		v[i].submitted = D(specs[i].submitted);
		v[i].outcome_date = D(specs[i].outcome_date);
		v[i].value_kept = NAN;
		v[i].case_cost = NAN;
	}
	*n = TD_ARRAY_LEN(specs);
	return v;
}

static const struct td_case_report_stat *
find(const struct td_case_report_stat *v, size_t n, const char *group)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].group, group) == 0)
			return &v[i];
	fail_msg("no group %s", group);
	abort(); /* fail_msg does not return */
}

static void
test_case_report__by_site(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto_set *protos = td_proto_set_load_builtin(&err);
	struct td_case_report_row *rows;
	struct td_case_report_stat *v;
	const struct td_case_report_stat *s;
	size_t nrows, n;
	int missing;

	(void)state;
	assert_non_null(protos);
	rows = make_rows(&nrows);
	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_SITE,
					protos, &v, &n, &missing, &err),
			 0);
	assert_int_equal(n, 3);
	/* Groups in name order. */
	assert_string_equal(v[0].group, "amazon_us");
	assert_string_equal(v[1].group, "ebay_us");
	assert_string_equal(v[2].group, "taobao");
	assert_int_equal(missing, 0);

	s = find(v, n, "taobao");
	assert_int_equal(s->cases, 5);
	assert_int_equal(s->filed, 3);
	assert_int_equal(s->open, 1);
	assert_int_equal(s->listings, 5);
	assert_int_equal(s->removed, 3);
	assert_int_equal(s->rejected, 1);
	assert_int_equal(s->kept + s->reinstated, 0);
	assert_int_equal(s->pending, 1);
	assert_true(fabs(s->success - 0.75) < 1e-9);
	assert_int_equal(s->timed, 2);
	assert_true(fabs(s->median_days - 8.5) < 1e-9);
	assert_true(fabs(s->mean_days - 8.5) < 1e-9);
	assert_true(fabs(s->median_work - 3.0) < 1e-9); /* of 5 and 1 */
	assert_true(s->typical_days > 0);               /* IPP says */

	s = find(v, n, "amazon_us");
	assert_int_equal(s->cases, 1);
	assert_int_equal(s->removed, 1);
	assert_true(fabs(s->success - 1.0) < 1e-9);
	assert_true(fabs(s->median_days - 2.0) < 1e-9);
	assert_true(fabs(s->median_work - 2.0) < 1e-9); /* Tue, Wed */

	s = find(v, n, "ebay_us");
	assert_int_equal(s->filed, 1);
	assert_int_equal(s->open, 0); /* withdrawn */
	assert_int_equal(s->pending, 1);
	assert_true(isnan(s->success));
	assert_true(isnan(s->median_days));
	td_case_report_stats_free(v, n);

	/* Without the protocols: no working days, no typical time. */
	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_SITE, NULL,
					&v, &n, NULL, &err),
			 0);
	s = find(v, n, "taobao");
	assert_true(isnan(s->median_work));
	assert_true(isnan(s->typical_days));
	assert_true(fabs(s->median_days - 8.5) < 1e-9);
	td_case_report_stats_free(v, n);
	td_case_report_rows_free(rows, nrows);
	td_proto_set_free(protos);
}

static void
test_case_report__by_agent_and_all(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_report_row *rows;
	struct td_case_report_stat *v;
	const struct td_case_report_stat *s;
	size_t nrows, n;

	(void)state;
	rows = make_rows(&nrows);
	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_AGENT, NULL,
					&v, &n, NULL, &err),
			 0);
	assert_int_equal(n, 2);
	s = find(v, n, "owner"); /* cases 2, 5 and 7 */
	assert_int_equal(s->cases, 3);
	assert_int_equal(s->filed, 2);
	assert_int_equal(s->removed, 1);
	assert_int_equal(s->rejected, 1);
	assert_true(fabs(s->success - 0.5) < 1e-9);
	s = find(v, n, "exlaw"); /* cases 1, 3, 4 and 6 */
	assert_int_equal(s->cases, 4);
	assert_int_equal(s->filed, 3);
	assert_int_equal(s->listings, 5);
	td_case_report_stats_free(v, n);

	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_ALL, NULL,
					&v, &n, NULL, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].group, "all");
	assert_int_equal(v[0].cases, 7);
	assert_int_equal(v[0].filed, 5);
	assert_int_equal(v[0].open, 1);
	assert_int_equal(v[0].listings, 7);
	assert_int_equal(v[0].removed, 4);
	assert_int_equal(v[0].pending, 2);
	assert_true(fabs(v[0].success - 0.8) < 1e-9);
	assert_int_equal(v[0].timed, 3);
	assert_true(fabs(v[0].median_days - 3.0) < 1e-9);
	assert_true(fabs(v[0].mean_days - 19.0 / 3) < 1e-9);
	td_case_report_stats_free(v, n);

	/* Nothing in, nothing out; a bad grouping is refused. */
	assert_int_equal(td_case_report(rows, 0, TD_CASE_REPORT_SITE, NULL, &v,
					&n, NULL, &err),
			 0);
	assert_int_equal(n, 0);
	td_case_report_stats_free(v, n);
	assert_int_equal(
		td_case_report(rows, nrows, 9, NULL, &v, &n, NULL, &err),
		TD_EINVAL);
	assert_int_equal(td_case_report_by_parse("agent"),
			 TD_CASE_REPORT_AGENT);
	assert_int_equal(td_case_report_by_parse("seller"), -1);
	td_case_report_rows_free(rows, nrows);
}

/* Cost once per filed case, value per removed listing; unknown (NaN)
 * ones are left out and counted apart. */
static void
test_case_report__cost_and_value(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_report_row *rows;
	struct td_case_report_stat *v;
	size_t nrows, n, i;

	(void)state;
	rows = make_rows(&nrows);
	for (i = 0; i < nrows; i++) {
		rows[i].case_cost = rows[i].case_id == 5 ? NAN : 150;
		rows[i].value_kept = rows[i].case_id == 3 ? NAN : 1000;
	}
	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_ALL, NULL,
					&v, &n, NULL, &err),
			 0);
	/* Filed: 1, 2, 3, 5 and 6; case 5 has no cost. */
	assert_int_equal(v[0].costed, 4);
	assert_true(fabs(v[0].cost - 600) < 1e-9);
	/* Removed: two of case 1, one of 3 (no value), one of 5. */
	assert_int_equal(v[0].removed, 4);
	assert_int_equal(v[0].valued, 3);
	assert_true(fabs(v[0].value_kept - 3000) < 1e-9);
	td_case_report_stats_free(v, n);
	td_case_report_rows_free(rows, nrows);
}

/* A period keeps the cases first filed in it, and frees the rest. */
static void
test_case_report__period(void **state)
{
	struct td_err err = TD_ERR_INIT;
	struct td_case_report_row *rows;
	struct td_case_report_stat *v;
	size_t nrows, n;

	(void)state;
	rows = make_rows(&nrows);
	assert_int_equal(
		td_case_report_period(rows, nrows, TD_DATE_NONE, TD_DATE_NONE),
		nrows);
	/* March: cases 2, 3 (two rows), 5 and 6; not 1 (February), not
	 * the unfiled 4 and 7. */
	nrows = td_case_report_period(rows, nrows, D("2026-03-01"),
				      D("2026-03-31"));
	assert_int_equal(nrows, 5);
	assert_int_equal(rows[0].case_id, 2);
	assert_int_equal(rows[4].case_id, 6);
	assert_int_equal(td_case_report(rows, nrows, TD_CASE_REPORT_ALL, NULL,
					&v, &n, NULL, &err),
			 0);
	assert_int_equal(v[0].cases, 4);
	assert_int_equal(v[0].filed, 4);
	td_case_report_stats_free(v, n);
	/* Open at one end: from 2 March on. */
	nrows = td_case_report_period(rows, nrows, D("2026-03-03"),
				      TD_DATE_NONE);
	assert_int_equal(nrows, 2); /* case 3 */
	assert_int_equal(rows[0].case_id, 3);
	td_case_report_rows_free(rows, nrows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_report__by_site),
		cmocka_unit_test(test_case_report__by_agent_and_all),
		cmocka_unit_test(test_case_report__cost_and_value),
		cmocka_unit_test(test_case_report__period),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
