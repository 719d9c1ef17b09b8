/*
 * libFuzzer harness for portfolio files: any bytes must give a portfolio
 * that passes or fails td_portfolio_validate, or a TD_EINVAL naming the
 * file, never a crash or a leak. `make fuzz FUZZ=portfolio`.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/portfolio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	struct td_err err = TD_ERR_INIT;
	json_error_t je;
	json_t *root;
	int rc;

	root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
			  &je);
	if (!root)
		return 0;
	rc = td_portfolio_from_json(root, "p.json", NULL, &pf, &err);
	if (rc == 0)
		rc = td_portfolio_validate(NULL, &pf, "p.json", &err);
	if (rc && (err.code != TD_EINVAL || strncmp(err.msg, "p.json: ", 8)))
		abort();
	if (rc == 0) {
		/* What was read must write back and read again the same. */
		json_t *j = td_portfolio_to_json(&pf);
		struct td_portfolio again = TD_PORTFOLIO_INIT;
		json_t *k;

		if (td_portfolio_from_json(j, "p.json", NULL, &again, &err))
			abort();
		k = td_portfolio_to_json(&again);
		if (!json_equal(j, k))
			abort();
		json_decref(k);
		json_decref(j);
		td_portfolio_release(&again);
	}
	td_portfolio_release(&pf);
	json_decref(root);
	return 0;
}
