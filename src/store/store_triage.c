/* What triage reads besides findings: the outcomes of closed cases. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/banned.h"

void
td_outcome_rows_free(struct td_outcome_row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].protocol);
		free(v[i].site);
		free(v[i].right);
		free(v[i].outcome);
		free(v[i].date);
	}
	free(v);
}

int
td_store_outcomes(struct td_store *st, struct td_outcome_row **out, size_t *n,
		  struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = td_sql_query(st, &s, err,
			  "SELECT c.platform, c.site, r.key, x.outcome, "
			  "coalesce(x.outcome_date, c.state_date) FROM "
			  "case_listings x JOIN cases c ON c.id = x.case_id "
			  "JOIN rights r ON r.id = c.right_id WHERE x.outcome "
			  "<> 'pending' ORDER BY c.id, x.pos",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_outcome_row *o;

		TD_GROW(*out, *n + 1, alloc);
		o = &(*out)[(*n)++];
		o->protocol = td_sql_strdup(st, s, 0);
		o->site = td_sql_strdup(st, s, 1);
		o->right = td_sql_strdup(st, s, 2);
		o->outcome = td_sql_strdup(st, s, 3);
		o->date = td_sql_strdup(st, s, 4);
	}
	td_sql_done(st, s);
	if (rc < 0) {
		td_outcome_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}
