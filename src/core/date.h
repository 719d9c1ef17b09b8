#ifndef TD_DATE_H
#define TD_DATE_H
/*
 * Calendar dates and times. A date is the number of days since
 * 1970-01-01 (proleptic Gregorian) in an int32_t; a time is seconds since
 * the epoch, UTC, in an int64_t. Text forms are ISO 8601: YYYY-MM-DD and
 * YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM).
 */
#include <stdint.h>
#include <time.h>

#define TD_DATE_NONE INT32_MIN /* an optional date that is absent */
#define TD_DATE_LEN  11        /* "YYYY-MM-DD" and the NUL */
#define TD_TIME_LEN  21        /* "YYYY-MM-DDTHH:MM:SSZ" and the NUL */

/* Days since the epoch for y-m-d; the fields must be valid. */
int32_t td_date_from_ymd(int y, int m, int d);
void td_date_to_ymd(int32_t date, int *y, int *m, int *d);
/* 1 if y-m-d is a real calendar day in years 1..9999. */
int td_date_valid_ymd(int y, int m, int d);
/* Days in month m of year y. */
int td_date_month_days(int y, int m);

/*
 * Parse "YYYY-MM-DD" strictly (a real day, nothing after it).
 * Returns 0 or TD_EINVAL (no message: the caller names the field).
 */
int td_date_parse(const char *s, int32_t *out);
/* Parse the date at the start of an ISO date or time ("2026-11-27T...").
 * Returns 0 or TD_EINVAL. */
int td_date_parse_prefix(const char *s, int32_t *out);
/* Write "YYYY-MM-DD" to out, which holds TD_DATE_LEN bytes. */
void td_date_format(int32_t date, char *out);
/* 0 for Monday .. 6 for Sunday. */
int td_date_weekday(int32_t date);
/* The UTC date of t. */
int32_t td_date_from_time(int64_t t);

/*
 * Parse an ISO 8601 time with a date, time of day and zone (Z or an
 * offset); a bare date means midnight UTC. Returns 0 or TD_EINVAL.
 */
int td_time_parse(const char *s, int64_t *out);
/* Write "YYYY-MM-DDTHH:MM:SSZ" to out (TD_TIME_LEN bytes). */
void td_time_format(int64_t t, char *out);

/*
 * Parse a span such as "60d", "8w", "3m" (30 days each), "1y" (365) or a
 * bare number of days. Returns 0 or TD_EINVAL.
 */
int td_span_parse(const char *s, int32_t *days);

#endif
