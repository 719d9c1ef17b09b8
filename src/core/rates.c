#include "core/rates.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

void
td_rates_release(struct td_rates *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].source);
	free(r->v);
	r->v = NULL;
	r->n = 0;
	r->alloc = 0;
}

/* Index of currency, or where it would go (with *found 0). */
static size_t
find(const struct td_rates *r, const char *currency, int *found)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(r->v[mid].currency, currency);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

void
td_rates_set(struct td_rates *r, const char *currency, double per_usd,
	     int32_t date, const char *source)
{
	int found;
	size_t i = find(r, currency, &found);
	struct td_rate *x;

	if (found) {
		x = &r->v[i];
		if (x->date > date)
			return;
		free(x->source);
	} else {
		TD_GROW(r->v, r->n + 1, r->alloc);
		memmove(&r->v[i + 1], &r->v[i], (r->n - i) * sizeof(*r->v));
		r->n++;
		x = &r->v[i];
		memset(x, 0, sizeof(*x));
		snprintf(x->currency, sizeof(x->currency), "%s", currency);
	}
	x->per_usd = per_usd;
	x->date = date;
	x->source = td_xstrdup_or_null(source);
}

const struct td_rate *
td_rates_get(const struct td_rates *r, const char *currency)
{
	int found;
	size_t i;

	if (!currency)
		return NULL;
	i = find(r, currency, &found);
	return found ? &r->v[i] : NULL;
}

int
td_rates_parse(struct td_rates *r, const char *text, size_t len,
	       const char *file, struct td_err *err)
{
	const char *p = text, *end = text + len;
	unsigned long lineno = 0;
	struct td_buf line = TD_BUF_INIT;
	int rc = 0;

	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		char *col[4] = {0};
		char *q, *num_end;
		int32_t date;
		double v;
		int n = 0;

		lineno++;
		td_buf_reset(&line);
		td_buf_add(&line, p, (size_t)(e - p));
		p = nl ? nl + 1 : end;
		td_buf_rtrim(&line);
		if (line.len == 0 || line.data[0] == '#')
			continue;
		for (q = line.data; n < 4 && q;) {
			col[n++] = q;
			q = strchr(q, '\t');
			if (q)
				*q++ = '\0';
		}
		if (n < 3) {
			rc = td_errf_at(err, TD_EINVAL, file, lineno, NULL,
					"needs currency, per_usd and date "
					"separated by tabs");
			break;
		}
		if (!td_currency_valid(col[0])) {
			rc = td_errf_at(err, TD_EINVAL, file, lineno,
					"currency",
					"'%s' is not an ISO 4217 code", col[0]);
			break;
		}
		errno = 0;
		v = strtod(col[1], &num_end);
		if (num_end == col[1] || *num_end || errno || !(v > 0) ||
		    v > 1e9) {
			rc = td_errf_at(err, TD_EINVAL, file, lineno, "per_usd",
					"'%s' is not a positive rate", col[1]);
			break;
		}
		if (td_date_parse(col[2], &date) < 0) {
			rc = td_errf_at(err, TD_EINVAL, file, lineno, "date",
					"'%s' is not a date (YYYY-MM-DD)",
					col[2]);
			break;
		}
		if (strcmp(col[0], "USD") == 0 && v != 1) {
			rc = td_errf_at(err, TD_EINVAL, file, lineno, "per_usd",
					"USD is 1 per USD, not %s", col[1]);
			break;
		}
		td_rates_set(r, col[0], v, date, n > 3 ? col[3] : NULL);
	}
	td_buf_release(&line);
	return rc;
}

int
td_rates_load_file(struct td_rates *r, const char *path, struct td_err *err)
{
	struct td_buf b = TD_BUF_INIT;
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc;

	if (!f)
		return td_errf(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
			       "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		td_buf_add(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		td_buf_release(&b);
		return td_errf(err, TD_EIO, "%s: read error", path);
	}
	fclose(f);
	rc = td_rates_parse(r, b.data, b.len, path, err);
	td_buf_release(&b);
	return rc;
}

int
td_rates_builtin(struct td_rates *r, struct td_err *err)
{
	const struct td_builtin *b =
		td_builtin_find(td_builtin_data, "rates.tsv");

	if (!b)
		return td_errf(err, TD_ENOTFOUND, "no built-in rates");
	return td_rates_parse(r, (const char *)b->data, b->len,
			      "data/rates.tsv", err);
}

int
td_rates_convert(const struct td_rates *r, double amount, const char *from,
		 const char *to, double *out, int32_t *date, struct td_err *err)
{
	const struct td_rate *a, *b;

	if (from && to && strcmp(from, to) == 0) {
		*out = amount;
		if (date)
			*date = TD_DATE_NONE;
		return 0;
	}
	a = td_rates_get(r, from);
	b = td_rates_get(r, to);
	if (!a || !b)
		return td_errf(err, TD_ENOTFOUND,
			       "no exchange rate for %s (add one with "
			       "'takedown rates import')",
			       !a ? (from ? from : "(none)") : to);
	*out = amount / a->per_usd * b->per_usd;
	if (date) {
		/* USD is 1 by definition: its date says nothing. */
		if (strcmp(a->currency, "USD") == 0)
			*date = b->date;
		else if (strcmp(b->currency, "USD") == 0)
			*date = a->date;
		else
			*date = a->date < b->date ? a->date : b->date;
	}
	return 0;
}
