/*
 * The case report: what the filing achieved, per site, right or agent
 * (case_report.h).
 */
#include "core/case_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"
#include "core/case.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const by_names[] = {"site", "right", "agent", "all"};

const char *
td_case_report_by_name(int by)
{
	return by >= 0 && by < (int)TD_ARRAY_LEN(by_names) ? by_names[by] : "?";
}

int
td_case_report_by_parse(const char *s)
{
	size_t i;

	for (i = 0; s && i < TD_ARRAY_LEN(by_names); i++)
		if (strcmp(s, by_names[i]) == 0)
			return (int)i;
	return -1;
}

void
td_case_report_rows_free(struct td_case_report_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].site);
		free(v[i].right);
		free(v[i].agent);
	}
	free(v);
}

size_t
td_case_report_period(struct td_case_report_row *v, size_t n, int32_t since,
		      int32_t until)
{
	size_t i, k = 0;

	if (since == TD_DATE_NONE && until == TD_DATE_NONE)
		return n;
	for (i = 0; i < n; i++) {
		int32_t d = v[i].submitted;

		if (d != TD_DATE_NONE &&
		    (since == TD_DATE_NONE || d >= since) &&
		    (until == TD_DATE_NONE || d <= until)) {
			v[k++] = v[i];
			continue;
		}
		free(v[i].site);
		free(v[i].right);
		free(v[i].agent);
	}
	return k;
}

void
td_case_report_stats_free(struct td_case_report_stat *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].group);
	free(v);
}

/* A group being summed: its stat, the last case counted in it, and the
 * times to removal seen so far. */
struct acc {
	struct td_case_report_stat st;
	int64_t last_case; /* counted in cases/filed */
	int64_t open_case; /* counted in open */
	double *days, *work;
	size_t ndays, nwork, days_alloc, work_alloc;
};

/* Calendars loaded so far, by name. */
struct cals {
	char name[8][16];
	struct td_cal *cal[8];
	size_t n;
};

static const struct td_cal *
cal_get(struct cals *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return c->cal[i];
	if (c->n == TD_ARRAY_LEN(c->cal))
		return NULL;
	snprintf(c->name[c->n], sizeof(c->name[0]), "%s", name);
	/* An unknown calendar counts as none: calendar days only. */
	c->cal[c->n] = td_cal_load(name, NULL);
	return c->cal[c->n++];
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n) (sorted here), NaN when n is 0. */
static double
median(double *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static const char *
group_of(const struct td_case_report_row *r, int by)
{
	switch (by) {
	case TD_CASE_REPORT_SITE:
		return r->site ? r->site : "?";
	case TD_CASE_REPORT_RIGHT:
		return r->right ? r->right : "?";
	case TD_CASE_REPORT_AGENT:
		return r->agent ? r->agent : "owner";
	default:
		return "all";
	}
}

static int
cmp_stat(const void *a, const void *b)
{
	return strcmp(((const struct td_case_report_stat *)a)->group,
		      ((const struct td_case_report_stat *)b)->group);
}

/* The calendar a site counts its deadlines in: that of the first of its
 * windows counted in working days (the seller's, then those of a
 * counter-notice), or NULL when none is. */
static const char *
site_calendar(const struct td_proto_site *site)
{
	const struct td_proto_window *w[4];
	size_t i;

	if (!site)
		return NULL;
	w[0] = &site->r.response;
	w[1] = &site->r.counter.restore;
	w[2] = &site->r.counter.owner_reply;
	w[3] = &site->r.counter.decision;
	for (i = 0; i < TD_ARRAY_LEN(w); i++)
		if (w[i]->known && w[i]->working && w[i]->calendar[0])
			return w[i]->calendar;
	return NULL;
}

/* Count one row into a. */
static void
add_row(struct acc *a, const struct td_case_report_row *r,
	const struct td_proto_site *site, struct cals *cals, int *missing)
{
	int filed = r->submitted != TD_DATE_NONE;
	int ended = r->state == TD_CASE_CLOSED || r->state == TD_CASE_WITHDRAWN;

	if (a->last_case != r->case_id) {
		a->last_case = r->case_id;
		a->st.cases++;
		a->st.filed += filed;
		if (filed && !isnan(r->case_cost)) {
			a->st.cost += r->case_cost;
			a->st.costed++;
		}
	}
	if (!filed || r->outcome < 0)
		return;
	a->st.listings++;
	switch (r->outcome) {
	case TD_OUTCOME_REMOVED:
		a->st.removed++;
		if (!isnan(r->value_kept)) {
			a->st.value_kept += r->value_kept;
			a->st.valued++;
		}
		break;
	case TD_OUTCOME_KEPT:
		a->st.kept++;
		break;
	case TD_OUTCOME_REINSTATED:
		a->st.reinstated++;
		break;
	case TD_OUTCOME_REJECTED:
		a->st.rejected++;
		break;
	default:
		a->st.pending++;
		if (!ended && a->open_case != r->case_id) {
			a->open_case = r->case_id;
			a->st.open++;
		}
		return;
	}
	if (r->outcome != TD_OUTCOME_REMOVED ||
	    r->outcome_date == TD_DATE_NONE || r->outcome_date < r->submitted)
		return;
	TD_GROW(a->days, a->ndays + 1, a->days_alloc);
	a->days[a->ndays++] = (double)(r->outcome_date - r->submitted);
	if (site_calendar(site)) {
		const struct td_cal *cal = cal_get(cals, site_calendar(site));
		int32_t w;
		int miss = 0;

		if (cal && td_cal_between(cal, r->submitted, r->outcome_date,
					  &w, &miss, NULL) == 0) {
			TD_GROW(a->work, a->nwork + 1, a->work_alloc);
			a->work[a->nwork++] = (double)w;
			if (miss && missing && !*missing)
				*missing = miss;
		}
	}
}

int
td_case_report(const struct td_case_report_row *rows, size_t n, int by,
	       const struct td_proto_set *protos,
	       struct td_case_report_stat **out, size_t *nout,
	       int *missing_year, struct td_err *err)
{
	struct acc *acc = NULL;
	struct cals cals;
	size_t nacc = 0, alloc = 0, i, g;

	*out = NULL;
	*nout = 0;
	if (missing_year)
		*missing_year = 0;
	if (by < 0 || by > TD_CASE_REPORT_ALL)
		return td_errf(err, TD_EINVAL, "no grouping %d", by);
	memset(&cals, 0, sizeof(cals));
	for (i = 0; i < n; i++) {
		const char *name = group_of(&rows[i], by);
		const struct td_proto_site *site =
			protos && rows[i].site
				? td_proto_set_find_site(protos, rows[i].site)
				: NULL;

		for (g = 0; g < nacc; g++)
			if (strcmp(acc[g].st.group, name) == 0)
				break;
		if (g == nacc) {
			TD_GROW(acc, nacc + 1, alloc);
			memset(&acc[nacc], 0, sizeof(acc[nacc]));
			acc[nacc].st.group = td_xstrdup(name);
			acc[nacc].st.typical_days = NAN;
			if (by == TD_CASE_REPORT_SITE && site &&
			    site->r.removal.typical_days > 0)
				acc[nacc].st.typical_days =
					site->r.removal.typical_days;
			nacc++;
		}
		add_row(&acc[g], &rows[i], site, &cals, missing_year);
	}
	*out = td_xcalloc(nacc + 1, sizeof(**out));
	for (g = 0; g < nacc; g++) {
		struct td_case_report_stat *s = &acc[g].st;
		long decided =
			s->removed + s->kept + s->reinstated + s->rejected;
		double sum = 0;

		s->success = decided ? (double)s->removed / decided : NAN;
		s->timed = (long)acc[g].ndays;
		for (i = 0; i < acc[g].ndays; i++)
			sum += acc[g].days[i];
		s->mean_days = acc[g].ndays ? sum / acc[g].ndays : NAN;
		s->median_days = median(acc[g].days, acc[g].ndays);
		s->median_work = median(acc[g].work, acc[g].nwork);
		(*out)[g] = *s;
		free(acc[g].days);
		free(acc[g].work);
	}
	*nout = nacc;
	qsort(*out, nacc, sizeof(**out), cmp_stat);
	free(acc);
	for (i = 0; i < cals.n; i++)
		td_cal_free(cals.cal[i]);
	return 0;
}
