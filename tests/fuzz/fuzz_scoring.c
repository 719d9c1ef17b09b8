/* libFuzzer harness for scoring.json (td_detect_params_parse). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/detect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_detect_params p;
	struct td_err err = TD_ERR_INIT;

	if (td_detect_params_builtin(&p, &err))
		abort();
	if (td_detect_params_parse(&p, (const char *)data, size, "scoring.json",
				   &err) &&
	    strncmp(err.msg, "scoring.json", 12) != 0)
		abort();
	return 0;
}
