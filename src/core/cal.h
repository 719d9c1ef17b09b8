#ifndef TD_CAL_H
#define TD_CAL_H
/*
 * Working-day calendars (docs/calendars.md).
 *
 * A calendar is a region's weekend days plus a list of dated exceptions:
 * holidays (days off that would otherwise be working days, or that fall
 * inside an official holiday span) and make-up working days (weekend days
 * declared working days, as China's State Council does). Each calendar
 * says which years its data covers; a date in any other year falls back to
 * "weekends only", and the arithmetic functions report that so the front
 * end can warn.
 *
 * Calendars are data files (data/calendars/<name>.tsv, embedded in the
 * binary); td_cal_load() takes a name ("cn", "us") or a file path.
 *
 * Dates are int32 days since 1970-01-01 (core/date.h). A calendar is
 * immutable once loaded and may be shared by threads. Arguments are
 * borrowed for the call.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* The kind of a dated exception. */
enum td_cal_kind {
	TD_CAL_HOLIDAY = 1, /* not a working day */
	TD_CAL_WORKDAY = 2, /* a weekend day declared a working day */
};

/* One dated exception. */
struct td_cal_day {
	int32_t date;          /* the day */
	enum td_cal_kind kind; /* holiday or make-up working day */
	char *name;            /* "Spring Festival (春节)" */
	unsigned long line;    /* line of the data file it came from */
};

/* One year the calendar has official data for. */
struct td_cal_year {
	int year;     /* e.g. 2026 */
	char *source; /* the notice or law the year's data comes from */
};

struct td_cal {
	char *name;       /* "cn", from the file's calendar row */
	char *title;      /* one line describing the calendar */
	char *file;       /* where it was loaded from, for messages */
	unsigned weekend; /* bit d set: weekday d (0 Mon..6 Sun) is off */
	struct td_cal_day *days;   /* exceptions, sorted by date, unique */
	size_t ndays;              /* number of days */
	struct td_cal_year *years; /* covered years, sorted, unique */
	size_t nyears;             /* number of years */
};

/* Largest |n| td_cal_add() accepts (about 400 years of working days). */
#define TD_CAL_MAX_SPAN 100000

/*
 * Parse calendar text. file names the source in error messages. Returns a
 * new calendar (free with td_cal_free()) or NULL with TD_EINVAL and
 * "FILE:LINE: FIELD: reason" in err.
 */
struct td_cal *td_cal_parse(const char *file, const char *text, size_t len,
			    struct td_err *err);

/*
 * Load a calendar. spec is either a built-in name ("cn", "us": the
 * embedded data/calendars/<name>.tsv) or, if it contains a '/' or ends in
 * ".tsv", a file path. Returns a new calendar or NULL: TD_ENOTFOUND for an
 * unknown name (the message lists the built-in ones), TD_EIO for a file
 * that cannot be read, TD_EINVAL for bad content.
 */
struct td_cal *td_cal_load(const char *spec, struct td_err *err);

/* Free a calendar; NULL is fine. */
void td_cal_free(struct td_cal *cal);

/*
 * The names of the built-in calendars, comma separated ("cn, us"), into
 * out (size bytes). For messages and help.
 */
void td_cal_builtin_names(char *out, size_t size);

/* 1 if the calendar has official data for year, else 0. */
int td_cal_covers(const struct td_cal *cal, int year);

/* The exception for date, or NULL if it is an ordinary day. */
const struct td_cal_day *td_cal_day(const struct td_cal *cal, int32_t date);

/*
 * 1 if date is a working day, else 0. In a year the calendar does not
 * cover, only the weekend decides (see td_cal_covers()).
 */
int td_cal_is_working(const struct td_cal *cal, int32_t date);

/*
 * The date n working days after date; date itself is not counted, so
 * n = 1 is the next working day after date. A negative n counts back: -1
 * is the last working day before date. n = 0 gives date itself, working
 * day or not (use td_cal_next_working() to roll onto a working day).
 * *missing_year (if not NULL) is set to the first year without data that
 * the count passed through, or 0. Returns 0, or TD_EINVAL if |n| exceeds
 * TD_CAL_MAX_SPAN or the result leaves years 1..9999.
 */
int td_cal_add(const struct td_cal *cal, int32_t date, int32_t n, int32_t *out,
	       int *missing_year, struct td_err *err);

/*
 * The working days from from to to, not counting from and counting to:
 * for to after from, the number of working days d with from < d <= to;
 * for to before from, minus the number with to <= d < from. So for a
 * working day to, td_cal_add(from, td_cal_between(from, to)) == to.
 * *missing_year as for td_cal_add(). Returns 0, or TD_EINVAL if the dates
 * are more than 400 years apart.
 */
int td_cal_between(const struct td_cal *cal, int32_t from, int32_t to,
		   int32_t *out, int *missing_year, struct td_err *err);

/*
 * date if it is a working day, else the first working day after it: for
 * deadlines counted in calendar days that must end on a working day.
 * Returns 0 or TD_EINVAL (no working day within TD_CAL_MAX_SPAN days).
 */
int td_cal_next_working(const struct td_cal *cal, int32_t date, int32_t *out,
			int *missing_year, struct td_err *err);

/* "holiday" or "workday". */
const char *td_cal_kind_name(enum td_cal_kind kind);

#endif
