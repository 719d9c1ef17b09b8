#ifndef TD_TMPL_H
#define TD_TMPL_H
/*
 * Complaint templates (docs/templates.md): plain text with named fields.
 *
 *   {{right.reg_no}}              the value of field right.reg_no
 *   {{#listings}}...{{/listings}} the body once per item of list listings;
 *                                 inside, {{url}} is the item's field,
 *                                 and names not in the item are looked up
 *                                 outside it
 *   {{#agent}}...{{/agent}}       the body if flag agent is on
 *   {{^agent}}...{{/agent}}       the body if flag agent is off (or if a
 *                                 list is empty)
 *   {{! a comment }}              nothing
 *   {{_n}}                        inside a list section: the item's
 *                                 number, from 1 (unless the item sets _n)
 *
 * A line holding only a section tag or a comment (and blanks) disappears
 * with its newline. Names are letters, digits, '_', '-' and '.'.
 *
 * A legal notice must never have a gap: a field that is not set, or set to
 * an empty string, is an error that names the template file, line and
 * field, and nothing is rendered. So is a section over a name that is not
 * a list or flag, or a plain field that names a list or flag.
 *
 * The context is a set of named values (strings, flags and lists of
 * contexts) built with td_tmpl_set() and friends. Arguments are borrowed;
 * values are copied.
 */
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* A set of named values; opaque. */
struct td_tmpl_ctx;

/* A new empty context. Free it with td_tmpl_ctx_free(). */
struct td_tmpl_ctx *td_tmpl_ctx_new(void);
/* Free a context and every list item in it; NULL is fine. */
void td_tmpl_ctx_free(struct td_tmpl_ctx *ctx);

/*
 * Set field key to a copy of value, replacing what key held. A NULL value
 * removes key (rendering then fails on it as missing).
 */
void td_tmpl_set(struct td_tmpl_ctx *ctx, const char *key, const char *value);
/* td_tmpl_set() with a printf-formatted value. */
void td_tmpl_setf(struct td_tmpl_ctx *ctx, const char *key, const char *fmt,
		  ...) __attribute__((format(printf, 3, 4)));
/* Set flag key on (1) or off (0), for {{#key}} and {{^key}}. */
void td_tmpl_set_flag(struct td_tmpl_ctx *ctx, const char *key, int on);
/*
 * Make key an empty list (replacing what it held), so that {{^key}} can
 * render; td_tmpl_push() also creates the list.
 */
void td_tmpl_set_list(struct td_tmpl_ctx *ctx, const char *key);
/*
 * Append a new empty item to list key (made a list if it was not) and
 * return it, to be filled with td_tmpl_set(). The item belongs to ctx.
 */
struct td_tmpl_ctx *td_tmpl_push(struct td_tmpl_ctx *ctx, const char *key);
/* The value of field key in ctx itself, or NULL (not a string, or unset). */
const char *td_tmpl_get(const struct td_tmpl_ctx *ctx, const char *key);

/*
 * Render text (len bytes, from file, named in messages) with ctx,
 * appending to out. On error out is left as it was and err says
 * "FILE:LINE: FIELD: reason"; for missing fields the first one is named
 * and the number of others is given. Returns 0 or TD_EINVAL.
 */
int td_tmpl_render(const char *file, const char *text, size_t len,
		   const struct td_tmpl_ctx *ctx, struct td_buf *out,
		   struct td_err *err);

/*
 * The text of a template: spec is a built-in name ("ipp.en": the embedded
 * data/templates/ipp.en.txt) or, if it contains a '/' or ends in ".txt", a
 * file path. Appends the text to text and sets *file (borrowed from a
 * static table or from spec) for messages. Returns 0, TD_ENOTFOUND, TD_EIO
 * or TD_ETOOBIG.
 */
int td_tmpl_load(const char *spec, struct td_buf *text, const char **file,
		 struct td_err *err);

/* td_tmpl_load() then td_tmpl_render(). */
int td_tmpl_render_named(const char *spec, const struct td_tmpl_ctx *ctx,
			 struct td_buf *out, struct td_err *err);

/*
 * Check a template's syntax (tags closed, sections balanced, names valid)
 * and append each distinct name it uses to names, one per line, in order
 * of first use; section names get a leading '#' and names inside a
 * section the section's name and a '/' ("#listings", "listings/url").
 * names may be NULL. Returns 0 or TD_EINVAL with "FILE:LINE: reason".
 */
int td_tmpl_check(const char *file, const char *text, size_t len,
		  struct td_buf *names, struct td_err *err);

#endif
