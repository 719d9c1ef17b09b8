#ifndef TD_JSONW_H
#define TD_JSONW_H
/*
 * Writing JSON text straight into a td_buf, for the hot paths that would
 * otherwise build a jansson tree only to serialise it (a scan's findings,
 * one per listing). The output is what jansson's compact dump writes for
 * the same values: strings escaped as json_dumps() escapes them (\", \\,
 * \b \f \n \r \t, other control characters as \u00XX, UTF-8 as it is),
 * integers in decimal, reals as the shortest decimal that reads back as
 * the same double, always with a '.' or an exponent.
 *
 * Objects and arrays are written by hand: td_jsonw_key() and
 * td_jsonw_sep() put the comma before every member or element but the
 * first, by looking at the byte before (a '{' or '[' means first).
 *
 * Appends follow td_buf's rules; a buffer with a max that is reached
 * keeps what fit (the callers here set none).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* s[0, n) as a JSON string; s must be valid UTF-8 (not checked). */
void td_jsonw_str(struct td_buf *b, const char *s, size_t n);
/* A NUL-terminated string, or null when s is NULL. */
void td_jsonw_cstr(struct td_buf *b, const char *s);
/* An integer. */
void td_jsonw_int(struct td_buf *b, int64_t v);
/* A real: "0.371", "890.0", "1.5e-7"; null when not finite. */
void td_jsonw_real(struct td_buf *b, double v);
/* Raw bytes (punctuation, literals such as null or a finished text). */
static inline void
td_jsonw_raw(struct td_buf *b, const char *s, size_t n)
{
	if (b->len + n < b->alloc && !b->max) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		td_buf_add(b, s, n);
	}
}
/* A comma unless the last byte opens an object or array. */
void td_jsonw_sep(struct td_buf *b);
/* A separator, then "key": (key is plain ASCII, not escaped). */
void td_jsonw_key(struct td_buf *b, const char *key);

#endif
