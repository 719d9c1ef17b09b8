#ifndef TD_RATES_H
#define TD_RATES_H
/*
 * Exchange rates, as units of a currency per 1 USD on a date. Files are
 * TSV (data/rates.tsv: currency, per_usd, date, source). A set keeps one
 * rate per currency: the one with the newest date.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct td_rate {
	char currency[4]; /* ISO 4217 code */
	double per_usd;   /* units of currency per 1 USD, > 0 */
	int32_t date;     /* date of the rate */
	char *source;     /* where it came from, or NULL */
};

struct td_rates {
	struct td_rate *v; /* sorted by currency */
	size_t n;
	size_t alloc;
};

#define TD_RATES_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void td_rates_release(struct td_rates *r);

/*
 * Parse TSV text into r, keeping per currency the newest date. file names
 * the source in errors ("FILE:LINE: field: reason"). On error r holds the
 * lines before the bad one.
 */
int td_rates_parse(struct td_rates *r, const char *text, size_t len,
		   const char *file, struct td_err *err);
/* Read a rates file (td_rates_parse). */
int td_rates_load_file(struct td_rates *r, const char *path,
		       struct td_err *err);
/* The rates shipped in data/rates.tsv. */
int td_rates_builtin(struct td_rates *r, struct td_err *err);
/* Put a rate in, unless r has the currency at a newer date. */
void td_rates_set(struct td_rates *r, const char *currency, double per_usd,
		  int32_t date, const char *source);
/* The rate of currency, or NULL. */
const struct td_rate *td_rates_get(const struct td_rates *r,
				   const char *currency);

/*
 * Convert amount from one currency to another. *date (may be NULL) gets
 * the older of the two rates' dates. TD_ENOTFOUND names a currency
 * without a rate.
 */
int td_rates_convert(const struct td_rates *r, double amount, const char *from,
		     const char *to, double *out, int32_t *date,
		     struct td_err *err);

#endif
