/* Exchange rates imported into the workspace. */
#include "store/store_int.h"

#include "core/banned.h"

int
td_store_rates_load(struct td_store *st, struct td_rates *out,
		    struct td_err *err)
{
	struct td_stmt *s;
	int rc;

	rc = td_sql_query(st, &s, err,
			  "SELECT currency, per_usd, date, source FROM rates "
			  "ORDER BY currency",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0)
		td_rates_set(out, td_sql_text(st, s, 0),
			     td_sql_double(st, s, 1), td_sql_date(st, s, 2),
			     td_sql_text(st, s, 3));
	td_sql_done(st, s);
	return rc;
}

int
td_store_rates_save(struct td_store *st, const struct td_rates *r,
		    struct td_err *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < r->n; i++)
		rc = td_sql_exec(st, err,
				 "INSERT INTO rates (currency, per_usd, date, "
				 "source) VALUES (?, ?, ?, ?) ON CONFLICT "
				 "(currency) DO UPDATE SET per_usd = "
				 "excluded.per_usd, date = excluded.date, "
				 "source = excluded.source WHERE excluded.date "
				 ">= rates.date",
				 "sdDs", r->v[i].currency, r->v[i].per_usd,
				 r->v[i].date, r->v[i].source);
	return rc;
}
