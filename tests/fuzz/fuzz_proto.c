/*
 * libFuzzer harness for the platform protocol loader: any bytes must give
 * a protocol or a TD_EINVAL that names the file, never a crash or a leak.
 * Built and run by `make fuzz-workflow` (mk/workflow.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_err err = TD_ERR_INIT;
	struct td_proto *p;

	p = td_proto_parse("fuzz.json", (const char *)data, size, &err);
	if (!p && (err.code != TD_EINVAL || strncmp(err.msg, "fuzz.json", 9)))
		abort();
	td_proto_free(p);
	return 0;
}
