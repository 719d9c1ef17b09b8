/*
 * takedown calendar: working-day arithmetic in a region's calendar
 * (docs/cli/calendar.md). No workspace is needed.
 *
 *   takedown calendar add CAL DATE N
 *   takedown calendar between CAL FROM TO
 *   takedown calendar is-working [--why] CAL DATE
 *   takedown calendar list [--format F] CAL [YEAR]
 *   takedown calendar years [--format F] CAL
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/cal.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const wday_short[7] = {"Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat", "Sun"};

/*
 * getopt would take "-3" for an option: put "--" before the first
 * operand that is a negative number, so "add cn 2026-02-13 -3" works.
 * Returns a new argv (free it) with *argc updated.
 */
static char dashdash[] = "--";

static char **
protect_negatives(int *argc, char **argv)
{
	char **v = td_xcalloc((size_t)*argc + 2, sizeof(*v));
	int i, j = 0, done = 0;

	for (i = 0; i < *argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			done = 1;
		if (!done && i > 0 && a[0] == '-' && a[1] >= '0' &&
		    a[1] <= '9') {
			v[j++] = dashdash;
			done = 1;
		}
		v[j++] = argv[i];
	}
	*argc = j;
	return v;
}

static int
parse_date_arg(struct cli_ctx *ctx, const char *what, const char *s,
	       int32_t *out)
{
	if (strcmp(s, "today") == 0) {
		*out = ctx->today;
		return 0;
	}
	if (td_date_parse(s, out) < 0)
		return cli_usagef(ctx,
				  "%s: '%s' is not a date (YYYY-MM-DD or "
				  "today)",
				  what, s);
	return 0;
}

static int
parse_int_arg(struct cli_ctx *ctx, const char *what, const char *s, long min,
	      long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		return cli_usagef(ctx,
				  "%s: '%s' is not a whole number from "
				  "%ld to %ld",
				  what, s, min, max);
	*out = v;
	return 0;
}

static struct td_cal *
load_cal(struct cli_ctx *ctx, const char *spec)
{
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cal = td_cal_load(spec, &err);

	if (!cal)
		cli_fail(ctx, &err);
	return cal;
}

static void
warn_missing(struct cli_ctx *ctx, const struct td_cal *cal, int year)
{
	if (year)
		cli_warnf(ctx,
			  "calendar %s has no holiday data for %d; counting "
			  "only weekends as days off in %d",
			  cal->name, year, year);
}

static int
cal_add(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{0}};
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cal = NULL;
	char **v = protect_negatives(&argc, argv);
	char **args = v;
	char out[TD_DATE_LEN];
	int32_t date, due;
	int missing = 0;
	long n;
	int rc;

	rc = cli_parse(ctx, "calendar add CAL DATE N", opts, &argc, &args);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc != 3) {
		rc = cli_usagef(ctx, "want CAL DATE N");
		goto out;
	}
	if (parse_date_arg(ctx, "DATE", args[1], &date) ||
	    parse_int_arg(ctx, "N", args[2], -TD_CAL_MAX_SPAN, TD_CAL_MAX_SPAN,
			  &n)) {
		rc = CLI_USAGE;
		goto out;
	}
	cal = load_cal(ctx, args[0]);
	if (!cal) {
		rc = CLI_FAIL;
		goto out;
	}
	if (td_cal_add(cal, date, (int32_t)n, &due, &missing, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	warn_missing(ctx, cal, missing);
	td_date_format(due, out);
	printf("%s\n", out);
out:
	td_cal_free(cal);
	free(v);
	return rc;
}

static int
cal_between(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{0}};
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cal = NULL;
	int32_t from, to, n;
	int missing = 0;
	int rc;

	rc = cli_parse(ctx, "calendar between CAL FROM TO", opts, &argc, &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc != 3) {
		rc = cli_usagef(ctx, "want CAL FROM TO");
		goto out;
	}
	if (parse_date_arg(ctx, "FROM", argv[1], &from) ||
	    parse_date_arg(ctx, "TO", argv[2], &to)) {
		rc = CLI_USAGE;
		goto out;
	}
	cal = load_cal(ctx, argv[0]);
	if (!cal) {
		rc = CLI_FAIL;
		goto out;
	}
	if (td_cal_between(cal, from, to, &n, &missing, &err) < 0) {
		rc = cli_fail(ctx, &err);
		goto out;
	}
	warn_missing(ctx, cal, missing);
	printf("%ld\n", (long)n);
out:
	td_cal_free(cal);
	return rc;
}

static int
cal_is_working(int argc, char **argv, struct cli_ctx *ctx)
{
	int why = 0;
	const struct cli_opt opts[] = {
		{"why", 'w', CLI_OPT_FLAG, &why, NULL,
		 "say why: holiday, make-up working day, weekend or weekday"},
		{0},
	};
	const struct td_cal_day *day;
	struct td_cal *cal = NULL;
	int32_t date;
	int y, m, d;
	int rc, working;

	rc = cli_parse(ctx, "calendar is-working [--why] CAL DATE", opts, &argc,
		       &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc != 2) {
		rc = cli_usagef(ctx, "want CAL DATE");
		goto out;
	}
	if (parse_date_arg(ctx, "DATE", argv[1], &date)) {
		rc = CLI_USAGE;
		goto out;
	}
	cal = load_cal(ctx, argv[0]);
	if (!cal) {
		rc = CLI_FAIL;
		goto out;
	}
	td_date_to_ymd(date, &y, &m, &d);
	if (!td_cal_covers(cal, y))
		warn_missing(ctx, cal, y);
	working = td_cal_is_working(cal, date);
	day = td_cal_day(cal, date);
	printf("%s", working ? "yes" : "no");
	if (why && day)
		printf("\t%s: %s", td_cal_kind_name(day->kind), day->name);
	else if (why)
		printf("\t%s", working ? "weekday" : "weekend");
	printf("\n");
	rc = CLI_OK;
out:
	td_cal_free(cal);
	return rc;
}

static int
cal_list(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 'f', CLI_OPT_STRING, &format, "F",
		 "table (default), json, csv or ndjson"},
		{0},
	};
	static const struct cli_col cols[] = {
		{"date", "DATE"},
		{"weekday", "DAY"},
		{"kind", "KIND"},
		{"name", "NAME"},
	};
	struct td_cal *cal = NULL;
	json_t *rows = NULL;
	long year = 0;
	int fmt, rc;
	size_t i;

	rc = cli_parse(ctx, "calendar list [--format F] CAL [YEAR]", opts,
		       &argc, &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc < 1 || argc > 2) {
		rc = cli_usagef(ctx, "want CAL [YEAR]");
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
	if (argc == 2 && parse_int_arg(ctx, "YEAR", argv[1], 1, 9999, &year)) {
		rc = CLI_USAGE;
		goto out;
	}
	cal = load_cal(ctx, argv[0]);
	if (!cal) {
		rc = CLI_FAIL;
		goto out;
	}
	if (year && !td_cal_covers(cal, (int)year))
		warn_missing(ctx, cal, (int)year);
	rows = json_array();
	for (i = 0; i < cal->ndays; i++) {
		const struct td_cal_day *day = &cal->days[i];
		char ds[TD_DATE_LEN];
		int y, m, d;

		td_date_to_ymd(day->date, &y, &m, &d);
		if (year && y != year)
			continue;
		td_date_format(day->date, ds);
		json_array_append_new(
			rows,
			json_pack("{s:s, s:s, s:s, s:s}", "date", ds, "weekday",
				  wday_short[td_date_weekday(day->date)],
				  "kind", td_cal_kind_name(day->kind), "name",
				  day->name));
	}
	cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
		       TD_ARRAY_LEN(cols));
	rc = CLI_OK;
out:
	json_decref(rows);
	td_cal_free(cal);
	return rc;
}

static int
cal_years(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{"format", 'f', CLI_OPT_STRING, &format, "F",
		 "table (default), json, csv or ndjson"},
		{0},
	};
	static const struct cli_col cols[] = {
		{"year", "YEAR"},
		{"source", "SOURCE"},
	};
	struct td_cal *cal = NULL;
	json_t *rows = NULL;
	int fmt, rc;
	size_t i;

	rc = cli_parse(ctx, "calendar years [--format F] CAL", opts, &argc,
		       &argv);
	if (rc) {
		rc = rc > 0 ? CLI_OK : CLI_USAGE;
		goto out;
	}
	if (argc != 1) {
		rc = cli_usagef(ctx, "want CAL");
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
	cal = load_cal(ctx, argv[0]);
	if (!cal) {
		rc = CLI_FAIL;
		goto out;
	}
	rows = json_array();
	for (i = 0; i < cal->nyears; i++)
		json_array_append_new(rows,
				      json_pack("{s:i, s:s}", "year",
						cal->years[i].year, "source",
						cal->years[i].source));
	cli_print_rows(stdout, (enum cli_format)fmt, rows, cols,
		       TD_ARRAY_LEN(cols));
	rc = CLI_OK;
out:
	json_decref(rows);
	td_cal_free(cal);
	return rc;
}

static const struct cli_cmd calendar_cmds[] = {
	{"add", cal_add, 0, "the date N working days after DATE"},
	{"between", cal_between, 0, "working days from FROM to TO"},
	{"is-working", cal_is_working, 0, "yes or no: is DATE a working day"},
	{"list", cal_list, 0, "holidays and make-up working days"},
	{"years", cal_years, 0, "the years with data, and their sources"},
};

int
cmd_calendar(int argc, char **argv, struct cli_ctx *ctx)
{
	return cli_dispatch(calendar_cmds, TD_ARRAY_LEN(calendar_cmds),
			    argc - 1, argv + 1, ctx);
}
