/* Working-day calendars: the built-in cn and us data and the arithmetic. */
#include "unit.h"

#include "core/cal.h"
#include "core/date.h"
#include "core/err.h"

static int32_t
D(const char *s)
{
	int32_t d = 0;

	assert_int_equal(td_date_parse(s, &d), 0);
	return d;
}

static struct td_cal *
load(const char *name)
{
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cal = td_cal_load(name, &err);

	if (!cal)
		fail_msg("%s: %s", name, err.msg);
	return cal;
}

/* td_cal_add, checked against an expected date. */
static void
check_add(const struct td_cal *cal, const char *from, int n, const char *want)
{
	char got[TD_DATE_LEN];
	int32_t out = 0;
	int missing = -1;

	assert_int_equal(td_cal_add(cal, D(from), n, &out, &missing, NULL), 0);
	td_date_format(out, got);
	if (strcmp(got, want) != 0)
		fail_msg("%s + %d working days: got %s, want %s", from, n, got,
			 want);
	assert_int_equal(missing, 0);
}

static void
test_cal__spring_festival(void **state)
{
	struct td_cal *cn = load("cn");
	int32_t d;

	(void)state;
	/* 2026: 15-23 Feb off (9 days); Sat 14 Feb and Sat 28 Feb work. */
	for (d = D("2026-02-15"); d <= D("2026-02-23"); d++)
		assert_false(td_cal_is_working(cn, d));
	assert_true(td_cal_is_working(cn, D("2026-02-14")));
	assert_true(td_cal_is_working(cn, D("2026-02-28")));
	assert_true(td_cal_is_working(cn, D("2026-02-24")));
	assert_string_equal(td_cal_day(cn, D("2026-02-16"))->name,
			    "Spring Festival (春节)");
	/* Fri 13 Feb: the make-up Saturday is next, then the 24th. */
	check_add(cn, "2026-02-13", 1, "2026-02-14");
	check_add(cn, "2026-02-13", 2, "2026-02-24");
	check_add(cn, "2026-02-24", -1, "2026-02-14");
	/* 2025: an IPP notice forwarded on Fri 24 Jan; 3 working days are
	 * Sun 26 Jan (make-up), Mon 27 Jan, then Wed 5 Feb after the
	 * holiday of 28 Jan - 4 Feb. */
	check_add(cn, "2025-01-24", 3, "2025-02-05");
	/* 2020: the extension to 2 Feb cancelled the Sat 1 Feb make-up. */
	assert_false(td_cal_is_working(cn, D("2020-02-01")));
	assert_false(td_cal_is_working(cn, D("2020-02-02")));
	assert_true(td_cal_is_working(cn, D("2020-01-19")));
	assert_true(td_cal_is_working(cn, D("2020-02-03")));
	td_cal_free(cn);
}

static void
test_cal__national_day_and_make_up_weekends(void **state)
{
	struct td_cal *cn = load("cn");
	int32_t d;

	(void)state;
	/* 2025: 1-8 Oct off; Sun 28 Sep and Sat 11 Oct work. */
	for (d = D("2025-10-01"); d <= D("2025-10-08"); d++)
		assert_false(td_cal_is_working(cn, d));
	assert_int_equal(td_date_weekday(D("2025-09-28")), 6); /* Sunday */
	assert_true(td_cal_is_working(cn, D("2025-09-28")));
	assert_true(td_cal_is_working(cn, D("2025-10-11")));
	assert_false(td_cal_is_working(cn, D("2025-10-12")));
	check_add(cn, "2025-09-30", 1, "2025-10-09");
	/* 2026: 1-7 Oct off; Sun 20 Sep and Sat 10 Oct work. */
	check_add(cn, "2026-09-30", 3, "2026-10-10");
	check_add(cn, "2026-09-19", 1, "2026-09-20");
	assert_int_equal(td_cal_day(cn, D("2026-09-20"))->kind, TD_CAL_WORKDAY);
	/* 2023: the 2023 notice's New Year span starts on 2022-12-31. */
	assert_false(td_cal_is_working(cn, D("2023-01-02")));
	assert_non_null(td_cal_day(cn, D("2022-12-31")));
	/* An ordinary weekend and an ordinary weekday. */
	assert_false(td_cal_is_working(cn, D("2026-11-28")));
	assert_true(td_cal_is_working(cn, D("2026-11-27")));
	assert_null(td_cal_day(cn, D("2026-11-27")));
	td_cal_free(cn);
}

/* The US federal holidays by rule, written independently of the file. */
static int32_t
nth_weekday(int y, int m, int wday, int nth)
{
	int32_t d = td_date_from_ymd(y, m, 1);

	while (td_date_weekday(d) != wday)
		d++;
	return d + 7 * (nth - 1);
}

static int32_t
last_weekday(int y, int m, int wday)
{
	int32_t d = td_date_from_ymd(y, m, td_date_month_days(y, m));

	while (td_date_weekday(d) != wday)
		d--;
	return d;
}

static int32_t
observed(int y, int m, int day)
{
	int32_t d = td_date_from_ymd(y, m, day);
	int w = td_date_weekday(d);

	return w == 5 ? d - 1 : w == 6 ? d + 1 : d;
}

static int
us_rule_holiday(int32_t date)
{
	int32_t h[12];
	int y, m, d, n = 0, i, yy;

	td_date_to_ymd(date, &y, &m, &d);
	/* Next year's New Year's Day may be observed on 31 December. */
	for (yy = y; yy <= y + 1; yy++)
		if (observed(yy, 1, 1) == date)
			return 1;
	h[n++] = nth_weekday(y, 1, 0, 3);
	h[n++] = nth_weekday(y, 2, 0, 3);
	h[n++] = last_weekday(y, 5, 0);
	if (y >= 2021)
		h[n++] = observed(y, 6, 19);
	h[n++] = observed(y, 7, 4);
	h[n++] = nth_weekday(y, 9, 0, 1);
	h[n++] = nth_weekday(y, 10, 0, 2);
	h[n++] = observed(y, 11, 11);
	h[n++] = nth_weekday(y, 11, 3, 4);
	h[n++] = observed(y, 12, 25);
	for (i = 0; i < n; i++)
		if (h[i] == date)
			return 1;
	return 0;
}

static void
test_cal__us_federal_holidays_match_the_law(void **state)
{
	struct td_cal *us = load("us");
	int32_t d;
	int holidays = 0;

	(void)state;
	for (d = D("2020-01-01"); d <= D("2027-12-31"); d++) {
		int weekend = td_date_weekday(d) >= 5;
		int want = !weekend && !us_rule_holiday(d);

		if (td_cal_is_working(us, d) != want) {
			char s[TD_DATE_LEN];

			td_date_format(d, s);
			fail_msg("us %s: is_working %d, the law says %d", s,
				 !want, want);
		}
		holidays += us_rule_holiday(d) && !weekend;
	}
	/* 10 holidays in 2020, 11 a year after (Juneteenth from 2021), and
	 * New Year's Day 2028 observed on Fri 2027-12-31. */
	assert_int_equal(holidays, 10 + 7 * 11 + 1);
	/* Observed days named as such. */
	assert_string_equal(td_cal_day(us, D("2021-12-31"))->name,
			    "New Year's Day (observed)");
	assert_string_equal(td_cal_day(us, D("2021-06-18"))->name,
			    "Juneteenth National Independence Day (observed)");
	assert_true(td_cal_is_working(us, D("2020-06-19")));
	assert_false(td_cal_is_working(us, D("2027-12-31")));
	/* DMCA: 10 business days from Wed 2026-11-18 skip Thanksgiving. */
	check_add(us, "2026-11-18", 10, "2026-12-03");
	td_cal_free(us);
}

static void
test_cal__year_without_data_falls_back_with_warning(void **state)
{
	struct td_cal *cn = load("cn");
	int32_t out;
	int missing = -1;

	(void)state;
	assert_true(td_cal_covers(cn, 2026));
	assert_false(td_cal_covers(cn, 2027));
	assert_false(td_cal_covers(cn, 2019));
	/* Thu 2026-12-31 + 2: Fri 1 Jan 2027 counts as a working day (no
	 * data: weekends only), then Mon 4 Jan. */
	assert_int_equal(
		td_cal_add(cn, D("2026-12-31"), 2, &out, &missing, NULL), 0);
	assert_int_equal(out, D("2027-01-04"));
	assert_int_equal(missing, 2027);
	/* Inside covered years there is no warning. */
	assert_int_equal(
		td_cal_add(cn, D("2026-12-01"), 5, &out, &missing, NULL), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(td_cal_between(cn, D("2026-12-28"), D("2027-01-08"),
					&out, &missing, NULL),
			 0);
	assert_int_equal(out, 9);
	assert_int_equal(missing, 2027);
	assert_false(td_cal_is_working(cn, D("2027-01-09")));
	assert_true(td_cal_is_working(cn, D("2027-01-08")));
	td_cal_free(cn);
}

static void
test_cal__between_inverts_add(void **state)
{
	struct td_cal *cn = load("cn");
	int32_t from, to, back;
	int n;

	(void)state;
	for (from = D("2024-12-20"); from < D("2025-02-20"); from += 3) {
		for (n = -12; n <= 12; n++) {
			assert_int_equal(
				td_cal_add(cn, from, n, &to, NULL, NULL), 0);
			assert_int_equal(
				td_cal_between(cn, from, to, &back, NULL, NULL),
				0);
			assert_int_equal(back, n);
			if (n)
				assert_true(td_cal_is_working(cn, to));
		}
	}
	assert_int_equal(td_cal_add(cn, from, 0, &to, NULL, NULL), 0);
	assert_int_equal(to, from);
	assert_int_equal(
		td_cal_add(cn, from, TD_CAL_MAX_SPAN + 1, &to, NULL, NULL),
		TD_EINVAL);
	assert_int_equal(td_cal_add(cn, from, INT32_MIN, &to, NULL, NULL),
			 TD_EINVAL);
	/* Roll onto a working day: Sat 2025-02-01 (holiday span) -> 5 Feb. */
	assert_int_equal(
		td_cal_next_working(cn, D("2025-02-01"), &to, NULL, NULL), 0);
	assert_int_equal(to, D("2025-02-05"));
	assert_int_equal(
		td_cal_next_working(cn, D("2025-02-08"), &to, NULL, NULL), 0);
	assert_int_equal(to, D("2025-02-08"));
	td_cal_free(cn);
}

static const struct {
	const char *text; /* calendar file; "\t" separates fields */
	const char *msg;  /* the error it must give */
} bad_files[] = {
	{"weekend\tsat\tsun\n", "t.tsv: calendar: missing"},
	{"calendar\tx\tX\n", "t.tsv: weekend: missing"},
	{"calendar\tx\tX\ncalendar\ty\tY\n", "t.tsv:2: calendar: a second"},
	{"calendar\tX Y\tX\n", "t.tsv:1: calendar: want"},
	{"calendar\tx\tX\nweekend\tsat\tsunday\n",
	 "t.tsv:2: weekend: 'sunday' is not a day"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t20x6\ts\n",
	 "t.tsv:3: year: want"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\t\n",
	 "t.tsv:3: source: a year needs its source"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\nyear\t2026\tt\n",
	 "t.tsv: year: 2026 is given twice"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-30\tholiday\tX\n",
	 "t.tsv:4: date: '2026-02-30' is not a date"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-16\tday off\tX\n",
	 "t.tsv:4: kind: 'day off' is not holiday or workday"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-16\tholiday\n",
	 "t.tsv:4: want 'DATE<TAB>KIND<TAB>NAME'"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-16\tholiday\t\n",
	 "t.tsv:4: name: empty"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2027-02-16\tholiday\tX\n",
	 "t.tsv:4: date: 2027-02-16 is in 2027, which has no 'year' row"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-16\tholiday\tX\n# c\n2026-02-16\tholiday\tY\n",
	 "t.tsv:6: date: 2026-02-16 is already listed on line 4"},
	{"calendar\tx\tX\nweekend\tsat\tsun\nyear\t2026\ts\n"
	 "2026-02-16\tworkday\tX\n",
	 "t.tsv:4: kind: 2026-02-16 is a mon, already a working day"},
};

static void
test_cal__bad_files_name_line_and_field(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		struct td_err err = TD_ERR_INIT;
		struct td_cal *cal;

		cal = td_cal_parse("t.tsv", bad_files[i].text,
				   strlen(bad_files[i].text), &err);
		if (cal || strncmp(err.msg, bad_files[i].msg,
				   strlen(bad_files[i].msg)) != 0)
			fail_msg("case %zu: got '%s', want '%s...'", i, err.msg,
				 bad_files[i].msg);
		assert_int_equal(err.code, TD_EINVAL);
	}
}

static void
test_cal__loads_a_file_and_refuses_unknown_names(void **state)
{
	struct td_err err = TD_ERR_INIT;
	char *dir = unit_tmpdir();
	char path[512];
	struct td_cal *cal;

	(void)state;
	snprintf(path, sizeof(path), "%s/office.tsv", dir);
	unit_write(path, "# a four-day week\r\ncalendar\toffice\tOffice\r\n"
			 "weekend\tfri\tsat\tsun\r\nyear\t2026\tmemo\r\n"
			 "2026-12-25\tholiday\tChristmas\r\n"
			 "2026-12-27\tworkday\tstock-taking\r\n");
	cal = td_cal_load(path, &err);
	assert_non_null(cal);
	assert_string_equal(cal->name, "office");
	assert_string_equal(cal->file, path);
	assert_false(td_cal_is_working(cal, D("2026-12-25")));
	assert_false(td_cal_is_working(cal, D("2026-12-26")));
	assert_true(td_cal_is_working(cal, D("2026-12-27")));
	assert_true(td_cal_is_working(cal, D("2026-12-24")));
	td_cal_free(cal);
	/* No years and no days: weekends only (found by fuzz_cal: qsort
	 * was called with a NULL array). */
	cal = td_cal_parse("min.tsv", "calendar\tx\tX\nweekend\tsun\n", 25,
			   &err);
	assert_non_null(cal);
	assert_int_equal(cal->ndays, 0);
	assert_false(td_cal_covers(cal, 2026));
	assert_true(td_cal_is_working(cal, D("2026-12-26")));
	td_cal_free(cal);
	assert_null(td_cal_load("xx", &err));
	assert_int_equal(err.code, TD_ENOTFOUND);
	assert_non_null(strstr(err.msg, "cn, us"));
	assert_null(td_cal_load("../cn", &err));
	assert_int_equal(err.code, TD_ENOTFOUND);
	snprintf(path, sizeof(path), "%s/none.tsv", dir);
	assert_null(td_cal_load(path, &err));
	assert_int_equal(err.code, TD_ENOTFOUND);
	td_cal_free(NULL);
	unit_rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal__spring_festival),
		cmocka_unit_test(test_cal__national_day_and_make_up_weekends),
		cmocka_unit_test(test_cal__us_federal_holidays_match_the_law),
		cmocka_unit_test(
			test_cal__year_without_data_falls_back_with_warning),
		cmocka_unit_test(test_cal__between_inverts_add),
		cmocka_unit_test(test_cal__bad_files_name_line_and_field),
		cmocka_unit_test(
			test_cal__loads_a_file_and_refuses_unknown_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
