/*
 * libFuzzer harness for listing feeds: any bytes, read as NDJSON and as
 * CSV, give listings and "FILE:LINE: field: reason" errors, never a crash,
 * a hang or a leak. `make fuzz FUZZ=feed`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
read_all(const uint8_t *data, size_t size, int format)
{
	struct td_err err = TD_ERR_INIT;
	const struct td_listing *l;
	struct td_feed *r;
	FILE *f = fmemopen((void *)data, size, "rb");

	if (!f)
		return;
	r = td_feed_open(f, "fuzz", format, 0, &err);
	if (r) {
		for (;;) {
			int rc = td_feed_next(r, &l, &err);

			if (rc == 0 && !l)
				break;
			if (rc == TD_EIO)
				break;
			if (rc < 0 && strncmp(err.msg, "fuzz:", 5) != 0)
				abort();
			if (rc == 0 && (!l->platform || !l->id || !l->title))
				abort();
		}
	}
	td_feed_close(r);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	read_all(data, size, TD_FEED_NDJSON);
	read_all(data, size, TD_FEED_CSV);
	return 0;
}
