/*
 * libFuzzer harness for complaint templates: any text renders or fails
 * with TD_EINVAL naming the file; a failed render writes nothing.
 * Built and run by `make fuzz-workflow` (mk/workflow.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_err err = TD_ERR_INIT;
	struct td_tmpl_ctx *c = td_tmpl_ctx_new();
	struct td_buf out = TD_BUF_INIT;
	struct td_tmpl_ctx *it;
	int rc;

	td_tmpl_set(c, "a", "A");
	td_tmpl_set(c, "right.reg_no", "123");
	td_tmpl_set_flag(c, "f", 1);
	it = td_tmpl_push(c, "l");
	td_tmpl_set(it, "u", "x");
	td_tmpl_push(c, "l");
	rc = td_tmpl_render("fuzz.txt", (const char *)data, size, c, &out,
			    &err);
	if (rc < 0 && (out.len || strncmp(err.msg, "fuzz.txt", 8)))
		abort();
	rc = td_tmpl_check("fuzz.txt", (const char *)data, size, &out, &err);
	td_buf_release(&out);
	td_tmpl_ctx_free(c);
	return 0;
}
