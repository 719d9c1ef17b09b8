#include "core/cal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/readfile.h"
#include "core/util.h"
#include "core/banned.h"

#define MAX_FIELDS 8
#define MAX_FILE   (4 * 1024 * 1024)

static const char *const wday_names[7] = {"mon", "tue", "wed", "thu",
					  "fri", "sat", "sun"};

/* A line split at TABs, in place. */
struct fields {
	char *v[MAX_FIELDS]; /* the fields */
	int n; /* how many (extra ones are joined into the last) */
};

static void
split_tabs(char *line, struct fields *f)
{
	char *p = line;

	f->n = 0;
	f->v[f->n++] = p;
	while ((p = strchr(p, '\t')) != NULL && f->n < MAX_FIELDS) {
		*p++ = '\0';
		f->v[f->n++] = p;
	}
}

static int
valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int
parse_year(const char *s, int *out)
{
	int y = 0;
	int i;

	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 4)
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (i != 4 || y < 1)
		return -1;
	*out = y;
	return 0;
}

static int
cmp_day(const void *a, const void *b)
{
	const struct td_cal_day *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->line < y->line ? -1 : (x->line > y->line);
}

static int
cmp_year(const void *a, const void *b)
{
	const struct td_cal_year *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

void
td_cal_free(struct td_cal *cal)
{
	size_t i;

	if (!cal)
		return;
	for (i = 0; i < cal->ndays; i++)
		free(cal->days[i].name);
	for (i = 0; i < cal->nyears; i++)
		free(cal->years[i].source);
	free(cal->days);
	free(cal->years);
	free(cal->name);
	free(cal->title);
	free(cal->file);
	free(cal);
}

/* Parse one "weekend" row: every field after the first is a day name. */
static int
parse_weekend(struct td_cal *cal, const struct fields *f, const char *file,
	      unsigned long ln, struct td_err *err)
{
	int i, d;

	cal->weekend = 0;
	for (i = 1; i < f->n; i++) {
		for (d = 0; d < 7; d++)
			if (strcmp(f->v[i], wday_names[d]) == 0)
				break;
		if (d == 7)
			return td_errf_at(err, TD_EINVAL, file, ln, "weekend",
					  "'%s' is not a day (mon, tue, wed, "
					  "thu, fri, sat, sun)",
					  f->v[i]);
		cal->weekend |= 1u << d;
	}
	return 0;
}

/* Parse one line (already split); the state is in cal. */
static int
parse_row(struct td_cal *cal, struct fields *f, const char *file,
	  unsigned long ln, int *seen_weekend, size_t *adays, size_t *ayears,
	  struct td_err *err)
{
	const char *k = f->v[0];

	if (strcmp(k, "calendar") == 0) {
		if (cal->name)
			return td_errf_at(err, TD_EINVAL, file, ln, "calendar",
					  "a second calendar row");
		if (f->n != 3 || !valid_name(f->v[1]) || !*f->v[2])
			return td_errf_at(err, TD_EINVAL, file, ln, "calendar",
					  "want 'calendar<TAB>NAME<TAB>TITLE' "
					  "with NAME of a-z, 0-9, _ and -");
		cal->name = td_xstrdup(f->v[1]);
		cal->title = td_xstrdup(f->v[2]);
		return 0;
	}
	if (strcmp(k, "weekend") == 0) {
		if (*seen_weekend)
			return td_errf_at(err, TD_EINVAL, file, ln, "weekend",
					  "a second weekend row");
		*seen_weekend = 1;
		return parse_weekend(cal, f, file, ln, err);
	}
	if (strcmp(k, "year") == 0) {
		int y;

		if (f->n != 3 || parse_year(f->v[1], &y) < 0)
			return td_errf_at(err, TD_EINVAL, file, ln, "year",
					  "want 'year<TAB>YYYY<TAB>SOURCE'");
		if (!*f->v[2])
			return td_errf_at(err, TD_EINVAL, file, ln, "source",
					  "a year needs its source (the notice "
					  "or law its days come from)");
		TD_GROW(cal->years, cal->nyears + 1, *ayears);
		cal->years[cal->nyears].year = y;
		cal->years[cal->nyears].source = td_xstrdup(f->v[2]);
		cal->nyears++;
		return 0;
	}
	{
		struct td_cal_day *d;
		int32_t date;
		enum td_cal_kind kind;

		if (td_date_parse(k, &date) < 0)
			return td_errf_at(err, TD_EINVAL, file, ln, "date",
					  "'%s' is not a date (YYYY-MM-DD) nor "
					  "one of calendar, weekend, year",
					  k);
		if (f->n != 3)
			return td_errf_at(err, TD_EINVAL, file, ln, NULL,
					  "want 'DATE<TAB>KIND<TAB>NAME'");
		if (strcmp(f->v[1], "holiday") == 0)
			kind = TD_CAL_HOLIDAY;
		else if (strcmp(f->v[1], "workday") == 0)
			kind = TD_CAL_WORKDAY;
		else
			return td_errf_at(err, TD_EINVAL, file, ln, "kind",
					  "'%s' is not holiday or workday",
					  f->v[1]);
		if (!*f->v[2])
			return td_errf_at(err, TD_EINVAL, file, ln, "name",
					  "empty");
		TD_GROW(cal->days, cal->ndays + 1, *adays);
		d = &cal->days[cal->ndays++];
		d->date = date;
		d->kind = kind;
		d->name = td_xstrdup(f->v[2]);
		d->line = ln;
	}
	return 0;
}

/* Checks that need the whole file: sorted, unique, covered, on weekends. */
static int
check_all(struct td_cal *cal, const char *file, struct td_err *err)
{
	char ds[TD_DATE_LEN];
	size_t i;

	if (cal->nyears > 1)
		qsort(cal->years, cal->nyears, sizeof(*cal->years), cmp_year);
	for (i = 1; i < cal->nyears; i++)
		if (cal->years[i].year == cal->years[i - 1].year)
			return td_errf_at(err, TD_EINVAL, file, 0, "year",
					  "%d is given twice",
					  cal->years[i].year);
	if (cal->ndays > 1)
		qsort(cal->days, cal->ndays, sizeof(*cal->days), cmp_day);
	for (i = 0; i < cal->ndays; i++) {
		const struct td_cal_day *d = &cal->days[i];
		int y, m, dd;

		td_date_format(d->date, ds);
		if (i && d->date == cal->days[i - 1].date)
			return td_errf_at(err, TD_EINVAL, file, d->line, "date",
					  "%s is already listed on line %lu",
					  ds, cal->days[i - 1].line);
		td_date_to_ymd(d->date, &y, &m, &dd);
		if (!td_cal_covers(cal, y))
			return td_errf_at(err, TD_EINVAL, file, d->line, "date",
					  "%s is in %d, which has no 'year' "
					  "row",
					  ds, y);
		if (d->kind == TD_CAL_WORKDAY &&
		    !(cal->weekend & (1u << td_date_weekday(d->date))))
			return td_errf_at(err, TD_EINVAL, file, d->line, "kind",
					  "%s is a %s, already a working day; "
					  "a workday row must be a weekend day",
					  ds,
					  wday_names[td_date_weekday(d->date)]);
	}
	return 0;
}

struct td_cal *
td_cal_parse(const char *file, const char *text, size_t len, struct td_err *err)
{
	struct td_cal *cal = td_xcalloc(1, sizeof(*cal));
	struct td_buf line = TD_BUF_INIT;
	size_t adays = 0, ayears = 0;
	unsigned long ln = 0;
	int seen_weekend = 0;
	size_t pos = 0;
	int rc = 0;

	if (!file)
		file = "calendar";
	cal->file = td_xstrdup(file);
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		struct fields f;

		ln++;
		td_buf_reset(&line);
		td_buf_add(&line, text + pos, n);
		pos += n + (nl != NULL);
		if (line.len && line.data[line.len - 1] == '\r')
			td_buf_setlen(&line, line.len - 1);
		if (memchr(line.data, '\0', line.len)) {
			rc = td_errf_at(err, TD_EINVAL, file, ln, NULL,
					"a NUL byte");
			goto out;
		}
		if (line.len == 0 || line.data[0] == '#')
			continue;
		split_tabs(line.data, &f);
		rc = parse_row(cal, &f, file, ln, &seen_weekend, &adays,
			       &ayears, err);
		if (rc < 0)
			goto out;
	}
	if (!cal->name) {
		rc = td_errf_at(
			err, TD_EINVAL, file, 0, "calendar",
			"missing the 'calendar<TAB>NAME<TAB>TITLE' row");
		goto out;
	}
	if (!seen_weekend) {
		rc = td_errf_at(err, TD_EINVAL, file, 0, "weekend",
				"missing the 'weekend<TAB>sat<TAB>sun' row");
		goto out;
	}
	rc = check_all(cal, file, err);
out:
	td_buf_release(&line);
	if (rc < 0) {
		td_cal_free(cal);
		return NULL;
	}
	return cal;
}

void
td_cal_builtin_names(char *out, size_t size)
{
	const struct td_builtin *b;
	struct td_buf s = TD_BUF_INIT;
	static const char pre[] = "calendars/";

	for (b = td_builtin_data; b->name; b++) {
		size_t n = strlen(b->name);

		if (strncmp(b->name, pre, sizeof(pre) - 1) != 0 || n < 4 ||
		    strcmp(b->name + n - 4, ".tsv") != 0)
			continue;
		if (s.len)
			td_buf_addstr(&s, ", ");
		td_buf_add(&s, b->name + sizeof(pre) - 1,
			   n - (sizeof(pre) - 1) - 4);
	}
	snprintf(out, size, "%s", s.data);
	td_buf_release(&s);
}

struct td_cal *
td_cal_load(const char *spec, struct td_err *err)
{
	struct td_buf path = TD_BUF_INIT;
	struct td_buf text = TD_BUF_INIT;
	const struct td_builtin *b;
	struct td_cal *cal = NULL;
	size_t n = strlen(spec);

	if (strchr(spec, '/') ||
	    (n >= 4 && strcmp(spec + n - 4, ".tsv") == 0)) {
		if (td_read_file(spec, MAX_FILE, &text, err) == 0)
			cal = td_cal_parse(spec, text.data, text.len, err);
		goto out;
	}
	td_buf_addf(&path, "calendars/%s.tsv", spec);
	b = valid_name(spec) ? td_builtin_find(td_builtin_data, path.data)
			     : NULL;
	if (!b) {
		char names[256];

		td_cal_builtin_names(names, sizeof(names));
		td_errf(err, TD_ENOTFOUND,
			"no calendar '%s' (built in: %s; or give a .tsv file)",
			spec, names);
		goto out;
	}
	td_buf_reset(&text);
	td_buf_addf(&text, "data/%s", path.data);
	cal = td_cal_parse(text.data, (const char *)b->data, b->len, err);
out:
	td_buf_release(&path);
	td_buf_release(&text);
	return cal;
}

int
td_cal_covers(const struct td_cal *cal, int year)
{
	size_t lo = 0, hi = cal->nyears;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cal->years[mid].year == year)
			return 1;
		if (cal->years[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

const struct td_cal_day *
td_cal_day(const struct td_cal *cal, int32_t date)
{
	size_t lo = 0, hi = cal->ndays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cal->days[mid].date == date)
			return &cal->days[mid];
		if (cal->days[mid].date < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
td_cal_is_working(const struct td_cal *cal, int32_t date)
{
	const struct td_cal_day *d = td_cal_day(cal, date);

	if (d)
		return d->kind == TD_CAL_WORKDAY;
	return !(cal->weekend & (1u << td_date_weekday(date)));
}

/* Note the first uncovered year that a walk passes through. */
static void
note_year(const struct td_cal *cal, int32_t date, int *last, int *missing)
{
	int y, m, d;

	td_date_to_ymd(date, &y, &m, &d);
	if (y == *last)
		return;
	*last = y;
	if (!*missing && !td_cal_covers(cal, y))
		*missing = y;
}

/* Days 0001-01-01 and 9999-12-31. */
#define DATE_MIN (-719162)
#define DATE_MAX 2932896

int
td_cal_add(const struct td_cal *cal, int32_t date, int32_t n, int32_t *out,
	   int *missing_year, struct td_err *err)
{
	int32_t step = n < 0 ? -1 : 1;
	int last = 0, missing = 0;
	int32_t d = date;
	int32_t left;

	if (n < -TD_CAL_MAX_SPAN || n > TD_CAL_MAX_SPAN)
		return td_errf(err, TD_EINVAL,
			       "%ld working days is too many (at most %d)",
			       (long)n, TD_CAL_MAX_SPAN);
	left = n < 0 ? -n : n;
	if (date < DATE_MIN || date > DATE_MAX)
		return td_errf(err, TD_EINVAL, "date out of range");
	while (left > 0) {
		d += step;
		if (d < DATE_MIN || d > DATE_MAX)
			return td_errf(err, TD_EINVAL,
				       "the count leaves the years 1-9999");
		note_year(cal, d, &last, &missing);
		if (td_cal_is_working(cal, d))
			left--;
	}
	*out = d;
	if (missing_year)
		*missing_year = missing;
	return 0;
}

int
td_cal_between(const struct td_cal *cal, int32_t from, int32_t to, int32_t *out,
	       int *missing_year, struct td_err *err)
{
	int32_t step = from <= to ? 1 : -1;
	int last = 0, missing = 0;
	int32_t count = 0;
	int32_t d;

	if ((int64_t)to - from > 146097 || (int64_t)from - to > 146097)
		return td_errf(err, TD_EINVAL,
			       "the dates are more than 400 years apart");
	/* from is never counted and to always is, in either direction. */
	for (d = from; d != to;) {
		d += step;
		note_year(cal, d, &last, &missing);
		count += td_cal_is_working(cal, d);
	}
	*out = step * count;
	if (missing_year)
		*missing_year = missing;
	return 0;
}

int
td_cal_next_working(const struct td_cal *cal, int32_t date, int32_t *out,
		    int *missing_year, struct td_err *err)
{
	int last = 0, missing = 0;
	int32_t i;

	for (i = 0; i <= TD_CAL_MAX_SPAN; i++) {
		if (date + i > DATE_MAX)
			break;
		note_year(cal, date + i, &last, &missing);
		if (td_cal_is_working(cal, date + i)) {
			*out = date + i;
			if (missing_year)
				*missing_year = missing;
			return 0;
		}
	}
	return td_errf(err, TD_EINVAL, "no working day found after the date");
}

const char *
td_cal_kind_name(enum td_cal_kind kind)
{
	return kind == TD_CAL_WORKDAY ? "workday" : "holiday";
}
