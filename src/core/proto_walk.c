/*
 * Platform protocols: the JSON walker. Every getter checks one member and
 * reports a problem as "FILE: PATH: reason", PATH being the JSON path of
 * the member ("batch.limit", "sites[2].patch.rights.trademark").
 */
#include "core/proto.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/proto_int.h"
#include "core/util.h"
#include "core/banned.h"

/*
 * The takedown fields a form field or batch column may name: what the
 * package code knows how to fill (docs/platforms.md).
 */
static const char *const known_fields[] = {
	"notice.date",      "platform.name",     "site.name",
	"owner.name",       "owner.address",     "owner.country",
	"owner.email",      "owner.phone",       "filer.name",
	"filer.title",      "filer.email",       "filer.phone",
	"filer.address",    "agent.name",        "agent.poa_date",
	"agent.poa_until",  "right.kind",        "right.title",
	"right.reg_no",     "right.registry",    "right.classes",
	"right.valid_from", "right.valid_until", "right.reference",
	"right.original",   "listings",          "listing.url",
	"listing.id",       "listing.title",     "listing.seller",
	"listing.evidence", "listing.reason",    "complaint.text",
	"complaint.reason", "documents",         "declaration",
	"signature",
};

/* ---- the walker: JSON paths in messages ------------------------------- */

/* Append ".key" (or "key" at the start) to the path; returns the old len. */
size_t
proto_push(struct pctx *pc, const char *key)
{
	size_t old = pc->path.len;

	if (old && pc->path.data[old - 1] != '.')
		td_buf_addch(&pc->path, '.');
	td_buf_addstr(&pc->path, key);
	return old;
}

size_t
proto_push_index(struct pctx *pc, size_t i)
{
	size_t old = pc->path.len;

	td_buf_addf(&pc->path, "[%zu]", i);
	return old;
}

void
proto_pop(struct pctx *pc, size_t old)
{
	td_buf_setlen(&pc->path, old);
}

int
proto_bad(struct pctx *pc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return td_errf_at(pc->err, TD_EINVAL, pc->file, 0,
			  pc->path.len ? pc->path.data : NULL, "%s", msg);
}

/* Error about member key of the current object. */
int
proto_bad_at(struct pctx *pc, const char *key, const char *fmt, ...)
{
	char msg[512];
	size_t old = proto_push(pc, key);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rc = proto_bad(pc, "%s", msg);
	proto_pop(pc, old);
	return rc;
}

int
proto_want_object(struct pctx *pc, json_t *v)
{
	return json_is_object(v) ? 0 : proto_bad(pc, "must be an object");
}

/* Every key of obj must be in allowed (a NULL-terminated list). */
int
proto_check_keys(struct pctx *pc, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		const char *const *a;

		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			return proto_bad_at(pc, key, "unknown field");
	}
	return 0;
}

/* A non-empty string member; absent is fine unless required. */
int
proto_get_str(struct pctx *pc, json_t *obj, const char *key, int required,
	      char **out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			return proto_bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_string(v) || !*json_string_value(v))
		return proto_bad_at(pc, key, "must be a non-empty string");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return proto_bad_at(pc, key,
				    "must not contain a NUL character");
	*out = td_xstrdup(json_string_value(v));
	return 0;
}

int
proto_get_int(struct pctx *pc, json_t *obj, const char *key, int required,
	      long min, long max, const char *what, long *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			return proto_bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return proto_bad_at(pc, key, "must be %s", what);
	*out = (long)json_integer_value(v);
	return 0;
}

int
proto_get_num(struct pctx *pc, json_t *obj, const char *key, int required,
	      double min, double max, const char *what, double *out)
{
	json_t *v = json_object_get(obj, key);
	double d;

	if (!v || json_is_null(v)) {
		if (required)
			return proto_bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_number(v))
		return proto_bad_at(pc, key, "must be %s", what);
	d = json_number_value(v);
	if (!(d >= min && d <= max))
		return proto_bad_at(pc, key, "must be %s", what);
	*out = d;
	return 0;
}

int
proto_get_bool(struct pctx *pc, json_t *obj, const char *key, int required,
	       int *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		if (required)
			return proto_bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_boolean(v))
		return proto_bad_at(pc, key, "must be true or false");
	*out = json_is_true(v);
	return 0;
}

int
proto_get_date(struct pctx *pc, json_t *obj, const char *key, int required,
	       int *has, int32_t *out)
{
	char *s = NULL;
	int rc = proto_get_str(pc, obj, key, required, &s);

	if (rc == 0 && s) {
		if (td_date_parse(s, out) < 0)
			rc = proto_bad_at(pc, key,
					  "must be a date (YYYY-MM-DD)");
		else if (has)
			*has = 1;
	}
	free(s);
	return rc;
}

/*
 * An array of non-empty strings, each passing check (if given; what says
 * what it must be). Absent is fine unless required; empty is refused if
 * nonempty.
 */
int
proto_get_strv(struct pctx *pc, json_t *obj, const char *key, int required,
	       int nonempty, int (*check)(const char *s), const char *what,
	       char ***out, size_t *n)
{
	json_t *v = json_object_get(obj, key);
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!v || json_is_null(v))
		return required ? proto_bad_at(pc, key, "missing") : 0;
	if (!json_is_array(v))
		return proto_bad_at(pc, key, "must be an array of strings");
	if (nonempty && json_array_size(v) == 0)
		return proto_bad_at(pc, key, "must not be empty");
	old = proto_push(pc, key);
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(char *));
	*n = 0;
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);
		const char *s = json_string_value(e);

		if (!s || !*s)
			rc = proto_bad(pc, "must be a non-empty string");
		else if (check && !check(s))
			rc = proto_bad(pc, "'%s' is not %s", s, what);
		proto_pop(pc, o2);
		if (rc)
			break;
		(*out)[(*n)++] = td_xstrdup(s);
	}
	proto_pop(pc, old);
	return rc;
}

int
proto_one_of(struct pctx *pc, json_t *obj, const char *key, int required,
	     const char *const *names, size_t n, int *out)
{
	char *s = NULL;
	struct td_buf list = TD_BUF_INIT;
	size_t i;
	int rc, k;

	rc = proto_get_str(pc, obj, key, required, &s);
	if (rc || !s)
		goto out;
	k = proto_lookup_name(names, n, s);
	if (k < 0) {
		for (i = 0; i < n; i++)
			td_buf_addf(&list, "%s%s", i ? ", " : "", names[i]);
		rc = proto_bad_at(pc, key, "'%s' is not one of %s", s,
				  list.data);
		goto out;
	}
	*out = k;
out:
	free(s);
	td_buf_release(&list);
	return rc;
}

/* "sources": ids that must be in the file's "sources" list. */
int
proto_check_sources(struct pctx *pc, json_t *obj, int required)
{
	json_t *v = json_object_get(obj, "sources");
	size_t i, old;
	json_t *e;

	if (!v || json_is_null(v))
		return required ? proto_bad_at(
					  pc, "sources",
					  "missing: cite where this comes from")
				: 0;
	if (!json_is_array(v) || json_array_size(v) == 0)
		return proto_bad_at(pc, "sources",
				    "must be a non-empty array of source ids");
	old = proto_push(pc, "sources");
	json_array_foreach(v, i, e)
	{
		const char *s = json_string_value(e);

		if (!s || !td_proto_source(pc->p, s)) {
			size_t o2 = proto_push_index(pc, i);
			int rc =
				s ? proto_bad(
					    pc,
					    "'%s' is not in the file's sources",
					    s)
				  : proto_bad(pc, "must be a source id");

			proto_pop(pc, o2);
			proto_pop(pc, old);
			return rc;
		}
	}
	proto_pop(pc, old);
	return 0;
}

int
proto_registry_ok(const char *s)
{
	return td_jurisdiction_valid(s);
}

int
proto_registry_or_any(const char *s)
{
	return strcmp(s, "*") == 0 || td_jurisdiction_valid(s);
}

int
proto_language_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 2 || n > 16)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
			return 0;
	return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

int
proto_template_ok(const char *s)
{
	char name[128];

	snprintf(name, sizeof(name), "templates/%s.en.txt", s);
	return td_builtin_find(td_builtin_data, name) != NULL;
}

int
proto_field_ok(const char *s)
{
	return proto_lookup_name(known_fields, TD_ARRAY_LEN(known_fields), s) >=
	       0;
}
