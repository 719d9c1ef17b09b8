#include "core/date.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"

/* Howard Hinnant's days_from_civil / civil_from_days, in int64 so that
 * every year 1..9999 stays in range. */
int32_t
td_date_from_ymd(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void
td_date_to_ymd(int32_t date, int *y, int *m, int *d)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp + (mp < 10 ? 3 : -9);

	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int
td_date_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && leap);
}

int
td_date_valid_ymd(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= td_date_month_days(y, m);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
parse_ymd(const char *s, int32_t *out)
{
	int y, m, d;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return TD_EINVAL;
	if (!td_date_valid_ymd(y, m, d))
		return TD_EINVAL;
	*out = td_date_from_ymd(y, m, d);
	return 0;
}

int
td_date_parse(const char *s, int32_t *out)
{
	if (!s || strlen(s) != 10)
		return TD_EINVAL;
	return parse_ymd(s, out);
}

int
td_date_parse_prefix(const char *s, int32_t *out)
{
	if (!s || strlen(s) < 10 || (s[10] && s[10] != 'T' && s[10] != ' '))
		return TD_EINVAL;
	return parse_ymd(s, out);
}

void
td_date_format(int32_t date, char *out)
{
	int y, m, d;
	int i;

	td_date_to_ymd(date, &y, &m, &d);
	/* Written by hand: the compiler cannot prove snprintf's bound. */
	for (i = 3; i >= 0; i--, y /= 10)
		out[i] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int
td_date_weekday(int32_t date)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t w = ((int64_t)date + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int32_t
td_date_from_time(int64_t t)
{
	int64_t d = t / 86400;

	if (t % 86400 < 0)
		d--;
	return (int32_t)d;
}

int
td_time_parse(const char *s, int64_t *out)
{
	int32_t date;
	int hh, mi, ss, oh, om;
	int64_t t;
	const char *p;

	if (!s || strlen(s) < 10 || parse_ymd(s, &date))
		return TD_EINVAL;
	if (s[10] == '\0') {
		*out = (int64_t)date * 86400;
		return 0;
	}
	if ((s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &hh) ||
	    s[13] != ':' || digits(s + 14, 2, &mi))
		return TD_EINVAL;
	p = s + 16;
	ss = 0;
	if (*p == ':') {
		if (digits(p + 1, 2, &ss))
			return TD_EINVAL;
		p += 3;
		if (*p == '.' || *p == ',') {
			p++;
			if (*p < '0' || *p > '9')
				return TD_EINVAL;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (hh > 23 || mi > 59 || ss > 60)
		return TD_EINVAL;
	t = (int64_t)date * 86400 + hh * 3600 + mi * 60 + ss;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;

		if (digits(p + 1, 2, &oh))
			return TD_EINVAL;
		p += 3;
		if (*p == ':')
			p++;
		if (digits(p, 2, &om))
			return TD_EINVAL;
		p += 2;
		if (oh > 23 || om > 59)
			return TD_EINVAL;
		t -= sign * (oh * 3600 + om * 60);
	} else {
		return TD_EINVAL; /* a time without a zone is ambiguous */
	}
	if (*p)
		return TD_EINVAL;
	*out = t;
	return 0;
}

void
td_time_format(int64_t t, char *out)
{
	int32_t date = td_date_from_time(t);
	int64_t sec = t - (int64_t)date * 86400;
	int v[3];
	int i;

	td_date_format(date, out);
	v[0] = (int)(sec / 3600);
	v[1] = (int)(sec / 60 % 60);
	v[2] = (int)(sec % 60);
	out[10] = 'T';
	for (i = 0; i < 3; i++) {
		out[11 + i * 3] = (char)('0' + v[i] / 10);
		out[12 + i * 3] = (char)('0' + v[i] % 10);
		out[13 + i * 3] = i < 2 ? ':' : 'Z';
	}
	out[20] = '\0';
}

int
td_span_parse(const char *s, int32_t *days)
{
	char *end;
	long n;
	long mult = 1;

	if (!s || !*s || *s < '0' || *s > '9')
		return TD_EINVAL;
	n = strtol(s, &end, 10);
	if (*end == 'd' || *end == 'D')
		end++;
	else if (*end == 'w' || *end == 'W')
		mult = 7, end++;
	else if (*end == 'm' || *end == 'M')
		mult = 30, end++;
	else if (*end == 'y' || *end == 'Y')
		mult = 365, end++;
	if (*end || n < 0 || n > 100000)
		return TD_EINVAL;
	*days = (int32_t)(n * mult);
	return 0;
}
