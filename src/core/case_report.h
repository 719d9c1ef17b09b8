#ifndef TD_CASE_REPORT_H
#define TD_CASE_REPORT_H
/*
 * What the filing achieved (docs/cli/report.md, "cases"): per site,
 * right or agent, the cases opened and filed, what became of their
 * listings, the success rate, and the time from filing to removal in
 * calendar days and in working days of the site's calendar, beside what
 * the platform says is typical.
 *
 * Rows own their strings (td_case_report_rows_free()); the store fills
 * them (td_store_case_report_rows()). Stats own theirs.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/proto.h"

/* One listing of a case (or a case without listings: outcome -1). */
struct td_case_report_row {
	int64_t case_id;      /* the case */
	char *site;           /* its site key: "taobao" */
	char *right;          /* the right key it relies on */
	char *agent;          /* the agent key, or NULL: the owner filed */
	int state;            /* the case's state (enum td_case_state) */
	int outcome;          /* enum td_case_outcome, or -1: no listing */
	int32_t submitted;    /* the first day it was filed, or
				 TD_DATE_NONE: never */
	int32_t outcome_date; /* when the outcome was known, or
				 TD_DATE_NONE */
	int64_t finding_id;   /* the listing's finding, or 0 */
	/* Filled by the caller from triage (NaN when not known): */
	double value_kept; /* what removing the listing keeps over the
			      triage horizon */
	double case_cost;  /* what the case costs (the same on every
			      row of a case) */
};

void td_case_report_rows_free(struct td_case_report_row *v, size_t n);

/*
 * Keep the rows of cases first filed from since to until (both days
 * counted; TD_DATE_NONE leaves that end open), freeing the others in
 * place, order kept. Cases never filed are dropped when either end is
 * set. Returns how many rows remain.
 */
size_t td_case_report_period(struct td_case_report_row *v, size_t n,
			     int32_t since, int32_t until);

/* How rows are grouped. */
enum td_case_report_by {
	TD_CASE_REPORT_SITE,  /* by site */
	TD_CASE_REPORT_RIGHT, /* by right */
	TD_CASE_REPORT_AGENT, /* by agent ("owner" when the owner filed) */
	TD_CASE_REPORT_ALL,   /* one group, "all" */
};

/* "site", "right", "agent", "all"; parse gives -1 for another name. */
const char *td_case_report_by_name(int by);
int td_case_report_by_parse(const char *s);

/* The figures of one group. Counts of listings are over filed cases. */
struct td_case_report_stat {
	char *group;         /* the site, right or agent key, or "all" */
	long cases;          /* cases opened */
	long filed;          /* of which filed (submitted at least once) */
	long open;           /* filed, not closed or withdrawn, with a
				listing whose outcome is not known yet */
	long listings;       /* listings in filed cases */
	long removed;        /* taken down */
	long kept;           /* kept up by the platform or seller */
	long reinstated;     /* taken down, then put back */
	long rejected;       /* refused by the platform */
	long pending;        /* not known yet */
	double success;      /* removed / (removed + kept + reinstated +
				rejected); NaN when none is decided */
	long timed;          /* removals with both dates */
	double mean_days;    /* filing to removal, calendar days; NaN */
	double median_days;  /* the same, median; NaN */
	double median_work;  /* the median in working days of each
				listing's site calendar (the one its
				deadlines are counted in); NaN when no
				removal is on a site that counts working
				days */
	double typical_days; /* what the platform says is typical (site
				groups only), or NaN */
	double cost;         /* sum of the filed cases' case_cost */
	long costed;         /* filed cases with a case_cost */
	double value_kept;   /* sum of the removed listings' value_kept */
	long valued;         /* removed listings with a value_kept */
};

void td_case_report_stats_free(struct td_case_report_stat *v, size_t n);

/*
 * Group rows by `by` (enum td_case_report_by), groups in name order.
 * protos (may be NULL) gives each site's calendar for working days and
 * the platform's typical time to removal. *missing_year (may be NULL)
 * gets a year a working-day count passed without calendar data (counted
 * as weekends only), or 0. Returns 0, or TD_EINVAL for a bad `by`.
 */
int td_case_report(const struct td_case_report_row *rows, size_t n, int by,
		   const struct td_proto_set *protos,
		   struct td_case_report_stat **out, size_t *nout,
		   int *missing_year, struct td_err *err);

#endif
