/* libFuzzer harness for rates files (td_rates_parse). `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/rates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_rates r = TD_RATES_INIT;
	struct td_err err = TD_ERR_INIT;
	size_t i;
	double out;

	if (td_rates_parse(&r, (const char *)data, size, "r.tsv", &err) &&
	    strncmp(err.msg, "r.tsv:", 6) != 0)
		abort();
	for (i = 0; i < r.n; i++)
		if (!(r.v[i].per_usd > 0) ||
		    td_rates_convert(&r, 1, r.v[i].currency, r.v[0].currency,
				     &out, NULL, NULL) != 0)
			abort();
	td_rates_release(&r);
	return 0;
}
