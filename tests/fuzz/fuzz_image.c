/*
 * libFuzzer harness for image decoding and hashing: any bytes give an
 * image within the limits or a clear error, never a crash, a leak or a
 * decompression bomb.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/image.h"
#include "core/phash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct td_image_opts o = TD_IMAGE_OPTS_INIT;
	struct td_image img = TD_IMAGE_INIT;
	struct td_err err = TD_ERR_INIT;
	struct td_phash h;
	int q;

	o.max_pixels = 4u << 20;
	if (td_image_decode_mem(data, size, &o, &img, &err) == 0) {
		if (!img.px || img.width == 0 || img.height == 0 ||
		    (uint64_t)img.width * img.height > o.max_pixels)
			abort();
		td_image_release(&img);
	} else if (!err.msg[0]) {
		abort();
	}
	(void)td_phash_mem(data, size, NULL, &h, &q, &err);
	return 0;
}
