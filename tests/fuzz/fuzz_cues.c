/* libFuzzer harness for cue word lists (td_cue_list_parse). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_cue_list l = TD_CUE_LIST_INIT;
	struct td_err err = TD_ERR_INIT;

	if (td_cue_list_parse(&l, "cues.tsv", (const char *)data, size, &err) &&
	    strncmp(err.msg, "cues.tsv", 8) != 0)
		abort();
	td_cue_list_release(&l);
	return 0;
}
