/*
 * libFuzzer harness for calendar files and the arithmetic over them.
 * Built and run by `make fuzz-workflow` (mk/workflow.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_err err = TD_ERR_INIT;
	struct td_cal *cal;
	int32_t out, back;

	cal = td_cal_parse("fuzz.tsv", (const char *)data, size, &err);
	if (!cal) {
		if (err.code != TD_EINVAL || strncmp(err.msg, "fuzz.tsv", 8))
			abort();
		return 0;
	}
	/* Around 2026, a working day is found and the count inverts. */
	if (td_cal_add(cal, 20454, 10, &out, NULL, NULL) == 0 &&
	    td_cal_between(cal, 20454, out, &back, NULL, NULL) == 0 &&
	    back != 10)
		abort();
	td_cal_free(cal);
	return 0;
}
