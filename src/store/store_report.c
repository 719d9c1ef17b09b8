/* What the case report reads: every case listing with its case's site,
 * right, agent, state and first filing date. */
#include "store/store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

int
td_store_case_report_rows(struct td_store *st, struct td_case_report_row **out,
			  size_t *n, struct td_err *err)
{
	struct td_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* Filed: the first move into submitted (a case filed again after a
	 * rejection keeps its first filing date). */
	rc = td_sql_query(st, &s, err,
			  "SELECT c.id, c.site, r.key, a.key, c.state, "
			  "x.outcome, x.outcome_date, x.finding_id, (SELECT "
			  "min(e.date) "
			  "FROM case_events e WHERE e.case_id = c.id AND "
			  "e.to_state = 'submitted') FROM cases c JOIN rights "
			  "r ON r.id = c.right_id LEFT JOIN agents a ON a.id "
			  "= c.agent_id LEFT JOIN case_listings x ON "
			  "x.case_id = c.id ORDER BY c.id, x.pos",
			  NULL);
	if (rc)
		return rc;
	while ((rc = td_sql_step(st, s, err)) > 0) {
		struct td_case_report_row *o;
		const char *outcome = td_sql_text(st, s, 5);

		TD_GROW(*out, *n + 1, alloc);
		o = &(*out)[(*n)++];
		o->case_id = td_sql_int(st, s, 0);
		o->site = td_sql_strdup(st, s, 1);
		o->right = td_sql_strdup(st, s, 2);
		o->agent = td_sql_strdup(st, s, 3);
		o->state = td_case_state_parse(td_sql_text(st, s, 4));
		o->outcome = outcome ? td_case_outcome_parse(outcome) : -1;
		o->outcome_date = td_sql_date(st, s, 6);
		o->finding_id = td_sql_int(st, s, 7);
		o->submitted = td_sql_date(st, s, 8);
		o->value_kept = NAN;
		o->case_cost = NAN;
	}
	td_sql_done(st, s);
	if (rc < 0) {
		td_case_report_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc < 0 ? rc : 0;
}
