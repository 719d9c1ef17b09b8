/*
 * Platform protocols: parsing and validating one JSON file. Lookups and
 * queries are in proto_set.c.
 */
#include "core/proto.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/readfile.h"
#include "core/util.h"
#include "core/banned.h"

#define SCHEMA   1
#define MAX_FILE (1024 * 1024)

static const char *const right_names[TD_PROTO_NRIGHTS] = {
	"trademark",      "copyright", "patent_invention",
	"patent_utility", "design",
};
static const char *const doc_names[TD_PROTO_NDOCS] = {
	"business_licence",
	"registration_certificate",
	"power_of_attorney",
	"translation",
	"court_order",
	"patent_evaluation_report",
	"comparison_chart",
	"identity",
	"other",
};
static const char *const channel_names[TD_PROTO_NCHANNELS] = {
	"portal", "webform", "email", "api", "phone", "fax", "post",
};
static const char *const role_names[TD_PROTO_NROLES] = {"owner", "agent"};
static const char *const need_names[] = {"required", "recommended", "optional"};
static const char *const class_names[] = {"home", "foreign", "unregistered",
					  "not_accepted"};

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

const char *
td_proto_right_name(enum td_proto_right_kind kind)
{
	return (unsigned)kind < TD_PROTO_NRIGHTS ? right_names[kind] : "?";
}

static int
lookup_name(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
td_proto_right_parse(const char *s)
{
	return lookup_name(right_names, TD_PROTO_NRIGHTS, s);
}

const char *
td_proto_doc_name(enum td_proto_doc_kind doc)
{
	return (unsigned)doc < TD_PROTO_NDOCS ? doc_names[doc] : "?";
}

int
td_proto_doc_parse(const char *s)
{
	return lookup_name(doc_names, TD_PROTO_NDOCS, s);
}

const char *
td_proto_channel_name(enum td_proto_channel_kind kind)
{
	return (unsigned)kind < TD_PROTO_NCHANNELS ? channel_names[kind] : "?";
}

const char *
td_proto_role_name(enum td_proto_role role)
{
	return (unsigned)role < TD_PROTO_NROLES ? role_names[role] : "?";
}

const char *
td_proto_class_name(enum td_proto_reg_class c)
{
	return (unsigned)c < TD_ARRAY_LEN(class_names) ? class_names[c] : "?";
}

const char *
td_proto_right_label(enum td_proto_right_kind kind, const char *lang)
{
	static const char *const en[TD_PROTO_NRIGHTS] = {
		"trademark", "copyright", "invention patent",
		"utility model patent", "design patent"};
	static const char *const zh[TD_PROTO_NRIGHTS] = {
		"商标", "著作权", "发明专利", "实用新型专利", "外观设计专利"};

	if ((unsigned)kind >= TD_PROTO_NRIGHTS)
		return "?";
	return lang && strncmp(lang, "zh", 2) == 0 ? zh[kind] : en[kind];
}

/* ---- freeing ---------------------------------------------------------- */

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_reqs(struct td_proto_req *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free_strv(v[i].registries, v[i].nregistries);
		free(v[i].note);
	}
	free(v);
}

static void
free_fields(struct td_proto_field *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].field);
		free(v[i].note);
	}
	free(v);
}

static void
free_rules(struct td_proto_rules *r)
{
	size_t i;

	free_strv(r->home, r->nhome);
	free_strv(r->languages, r->nlanguages);
	free_strv(r->doc_languages, r->ndoc_languages);
	free_strv(r->templates, r->ntemplates);
	for (i = 0; i < TD_PROTO_NROLES; i++) {
		free_reqs(r->filer[i].proof, r->filer[i].nproof);
		free(r->filer[i].note);
	}
	for (i = 0; i < TD_PROTO_NRIGHTS; i++) {
		free_strv(r->right[i].registries, r->right[i].nregistries);
		free_reqs(r->right[i].docs, r->right[i].ndocs);
		free(r->right[i].note);
	}
	for (i = 0; i < r->nchannels; i++) {
		free(r->channels[i].target);
		free(r->channels[i].note);
	}
	free(r->channels);
	free(r->batch.unit);
	free(r->batch.format);
	free(r->batch.note);
	free_fields(r->batch.columns, r->batch.ncolumns);
	free(r->response.note);
	free(r->counter.owner_reply.note);
	free(r->counter.restore.note);
	free(r->counter.restore_unless);
	free(r->counter.follows);
	free(r->counter.law);
	free(r->repeat.policy);
	free(r->removal.note);
	free(r->good_faith.name);
	free(r->good_faith.note);
	free_fields(r->form, r->nform);
	free(r->notes);
	memset(r, 0, sizeof(*r));
}

void
td_proto_free(struct td_proto *p)
{
	size_t i;

	if (!p)
		return;
	free_rules(&p->r);
	for (i = 0; i < p->nsites; i++) {
		free(p->sites[i].key);
		free(p->sites[i].name);
		free_strv(p->sites[i].domains, p->sites[i].ndomains);
		free_rules(&p->sites[i].r);
	}
	free(p->sites);
	for (i = 0; i < p->nsources; i++) {
		free(p->sources[i].id);
		free(p->sources[i].url);
		free(p->sources[i].confidence);
		free(p->sources[i].note);
	}
	free(p->sources);
	free(p->key);
	free(p->name);
	free(p->company);
	free(p->file);
	free(p);
}

/* ---- the walker: JSON paths in messages ------------------------------- */

struct pctx {
	const char *file;         /* for messages */
	struct td_buf path;       /* "batch.limit", "sites[2].patch.rights" */
	struct td_err *err;       /* where the first error goes */
	const struct td_proto *p; /* for checking source ids */
};

/* Append ".key" (or "key" at the start) to the path; returns the old len. */
static size_t
push(struct pctx *pc, const char *key)
{
	size_t old = pc->path.len;

	if (old && pc->path.data[old - 1] != '.')
		td_buf_addch(&pc->path, '.');
	td_buf_addstr(&pc->path, key);
	return old;
}

static size_t
push_index(struct pctx *pc, size_t i)
{
	size_t old = pc->path.len;

	td_buf_addf(&pc->path, "[%zu]", i);
	return old;
}

static void
pop(struct pctx *pc, size_t old)
{
	td_buf_setlen(&pc->path, old);
}

static int bad(struct pctx *pc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct pctx *pc, const char *fmt, ...)
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
static int bad_at(struct pctx *pc, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
bad_at(struct pctx *pc, const char *key, const char *fmt, ...)
{
	char msg[512];
	size_t old = push(pc, key);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rc = bad(pc, "%s", msg);
	pop(pc, old);
	return rc;
}

static int
want_object(struct pctx *pc, json_t *v)
{
	return json_is_object(v) ? 0 : bad(pc, "must be an object");
}

/* Every key of obj must be in allowed (a NULL-terminated list). */
static int
check_keys(struct pctx *pc, json_t *obj, const char *const *allowed)
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
			return bad_at(pc, key, "unknown field");
	}
	return 0;
}

/* A non-empty string member; absent is fine unless required. */
static int
get_str(struct pctx *pc, json_t *obj, const char *key, int required, char **out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			return bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_string(v) || !*json_string_value(v))
		return bad_at(pc, key, "must be a non-empty string");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return bad_at(pc, key, "must not contain a NUL character");
	*out = td_xstrdup(json_string_value(v));
	return 0;
}

static int
get_int(struct pctx *pc, json_t *obj, const char *key, int required, long min,
	long max, const char *what, long *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required)
			return bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return bad_at(pc, key, "must be %s", what);
	*out = (long)json_integer_value(v);
	return 0;
}

static int
get_num(struct pctx *pc, json_t *obj, const char *key, int required, double min,
	double max, const char *what, double *out)
{
	json_t *v = json_object_get(obj, key);
	double d;

	if (!v || json_is_null(v)) {
		if (required)
			return bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_number(v))
		return bad_at(pc, key, "must be %s", what);
	d = json_number_value(v);
	if (!(d >= min && d <= max))
		return bad_at(pc, key, "must be %s", what);
	*out = d;
	return 0;
}

static int
get_bool(struct pctx *pc, json_t *obj, const char *key, int required, int *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		if (required)
			return bad_at(pc, key, "missing");
		return 0;
	}
	if (!json_is_boolean(v))
		return bad_at(pc, key, "must be true or false");
	*out = json_is_true(v);
	return 0;
}

static int
get_date(struct pctx *pc, json_t *obj, const char *key, int required, int *has,
	 int32_t *out)
{
	char *s = NULL;
	int rc = get_str(pc, obj, key, required, &s);

	if (rc == 0 && s) {
		if (td_date_parse(s, out) < 0)
			rc = bad_at(pc, key, "must be a date (YYYY-MM-DD)");
		else if (has)
			*has = 1;
	}
	free(s);
	return rc;
}

typedef int (*str_check)(const char *s);

/*
 * An array of non-empty strings, each passing check (if given; what says
 * what it must be). Absent is fine unless required; empty is refused if
 * nonempty.
 */
static int
get_strv(struct pctx *pc, json_t *obj, const char *key, int required,
	 int nonempty, str_check check, const char *what, char ***out,
	 size_t *n)
{
	json_t *v = json_object_get(obj, key);
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!v || json_is_null(v))
		return required ? bad_at(pc, key, "missing") : 0;
	if (!json_is_array(v))
		return bad_at(pc, key, "must be an array of strings");
	if (nonempty && json_array_size(v) == 0)
		return bad_at(pc, key, "must not be empty");
	old = push(pc, key);
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(char *));
	*n = 0;
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);
		const char *s = json_string_value(e);

		if (!s || !*s)
			rc = bad(pc, "must be a non-empty string");
		else if (check && !check(s))
			rc = bad(pc, "'%s' is not %s", s, what);
		pop(pc, o2);
		if (rc)
			break;
		(*out)[(*n)++] = td_xstrdup(s);
	}
	pop(pc, old);
	return rc;
}

static int
one_of(struct pctx *pc, json_t *obj, const char *key, int required,
       const char *const *names, size_t n, int *out)
{
	char *s = NULL;
	struct td_buf list = TD_BUF_INIT;
	size_t i;
	int rc, k;

	rc = get_str(pc, obj, key, required, &s);
	if (rc || !s)
		goto out;
	k = lookup_name(names, n, s);
	if (k < 0) {
		for (i = 0; i < n; i++)
			td_buf_addf(&list, "%s%s", i ? ", " : "", names[i]);
		rc = bad_at(pc, key, "'%s' is not one of %s", s, list.data);
		goto out;
	}
	*out = k;
out:
	free(s);
	td_buf_release(&list);
	return rc;
}

/* "sources": ids that must be in the file's "sources" list. */
static int
check_sources(struct pctx *pc, json_t *obj, int required)
{
	json_t *v = json_object_get(obj, "sources");
	size_t i, old;
	json_t *e;

	if (!v || json_is_null(v))
		return required ? bad_at(pc, "sources",
					 "missing: cite where this comes from")
				: 0;
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad_at(pc, "sources",
			      "must be a non-empty array of source ids");
	old = push(pc, "sources");
	json_array_foreach(v, i, e)
	{
		const char *s = json_string_value(e);

		if (!s || !td_proto_source(pc->p, s)) {
			size_t o2 = push_index(pc, i);
			int rc = s ? bad(pc,
					 "'%s' is not in the file's sources", s)
				   : bad(pc, "must be a source id");

			pop(pc, o2);
			pop(pc, old);
			return rc;
		}
	}
	pop(pc, old);
	return 0;
}

static int
registry_ok(const char *s)
{
	return td_jurisdiction_valid(s);
}

static int
registry_or_any(const char *s)
{
	return strcmp(s, "*") == 0 || td_jurisdiction_valid(s);
}

static int
language_ok(const char *s)
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

static int
template_ok(const char *s)
{
	char name[128];

	snprintf(name, sizeof(name), "templates/%s.en.txt", s);
	return td_builtin_find(td_builtin_data, name) != NULL;
}

static int
field_ok(const char *s)
{
	return lookup_name(known_fields, TD_ARRAY_LEN(known_fields), s) >= 0;
}

/* ---- sections --------------------------------------------------------- */

static int
parse_window(struct pctx *pc, json_t *obj, const char *key,
	     struct td_proto_window *w)
{
	static const char *const keys[] = {"days",     "max_days", "unit",
					   "calendar", "note",     "sources",
					   NULL};
	static const char *const units[] = {"working", "calendar"};
	json_t *v = json_object_get(obj, key);
	char *cal = NULL;
	long days = 0, max = 0;
	int unit = 0;
	size_t old;
	int rc;

	memset(w, 0, sizeof(*w));
	if (!v)
		return bad_at(pc, key,
			      "missing (null if the platform states "
			      "none)");
	if (json_is_null(v))
		return 0;
	old = push(pc, key);
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	if (!rc)
		rc = get_int(pc, v, "days", 1, 0, 3650,
			     "a whole number of days from 0 to 3650", &days);
	if (!rc)
		rc = get_int(pc, v, "max_days", 0, days, 3650,
			     "a whole number of days, at least days", &max);
	if (!rc)
		rc = one_of(pc, v, "unit", 1, units, 2, &unit);
	if (!rc)
		rc = get_str(pc, v, "calendar", 0, &cal);
	if (!rc && unit == 0) {
		char name[64];

		snprintf(name, sizeof(name), "calendars/%s.tsv",
			 cal ? cal : "");
		if (!cal)
			rc = bad_at(pc, "calendar",
				    "missing: working days need a calendar");
		else if (strlen(cal) >= sizeof(w->calendar) ||
			 !td_builtin_find(td_builtin_data, name))
			rc = bad_at(pc, "calendar",
				    "'%s' is not a built-in calendar", cal);
	} else if (!rc && cal) {
		rc = bad_at(pc, "calendar",
			    "only working days have a calendar");
	}
	if (!rc)
		rc = get_str(pc, v, "note", 0, &w->note);
	if (!rc)
		rc = check_sources(pc, v, 1);
	if (!rc) {
		w->known = 1;
		w->days = (int)days;
		w->max_days = max ? (int)max : (int)days;
		w->working = unit == 0;
		if (cal)
			snprintf(w->calendar, sizeof(w->calendar), "%s", cal);
	}
	free(cal);
	pop(pc, old);
	return rc;
}

static int
parse_req(struct pctx *pc, json_t *v, struct td_proto_req *r)
{
	static const char *const keys[] = {"kind", "need", "when", "note",
					   NULL};
	static const char *const wkeys[] = {
		"filer",        "holder",           "registered", "registries",
		"applied_from", "foreign_language", NULL};
	static const char *const holders[] = {"any", "company", "individual"};
	json_t *w;
	int k = 0, need = 0, filer = -1, holder = 0, reg = -1, b = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->filer = -1;
	r->registered = -1;
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	if (!rc)
		rc = one_of(pc, v, "kind", 1, doc_names, TD_PROTO_NDOCS, &k);
	if (!rc)
		rc = one_of(pc, v, "need", 1, need_names, 3, &need);
	if (!rc)
		rc = get_str(pc, v, "note", 0, &r->note);
	w = json_object_get(v, "when");
	if (!rc && w) {
		size_t old = push(pc, "when");

		rc = want_object(pc, w);
		if (!rc)
			rc = check_keys(pc, w, wkeys);
		if (!rc)
			rc = one_of(pc, w, "filer", 0, role_names,
				    TD_PROTO_NROLES, &filer);
		if (!rc)
			rc = one_of(pc, w, "holder", 0, holders, 3, &holder);
		if (!rc && json_object_get(w, "registered")) {
			rc = get_bool(pc, w, "registered", 1, &b);
			reg = b;
		}
		if (!rc)
			rc = get_strv(pc, w, "registries", 0, 1, registry_ok,
				      "a country code (ISO 3166), EM or WO",
				      &r->registries, &r->nregistries);
		if (!rc)
			rc = get_date(pc, w, "applied_from", 0,
				      &r->has_applied_from, &r->applied_from);
		if (!rc)
			rc = get_bool(pc, w, "foreign_language", 0,
				      &r->foreign_language);
		pop(pc, old);
	}
	r->doc = (enum td_proto_doc_kind)k;
	r->need = (enum td_proto_need)(need + 1);
	r->filer = filer;
	r->holder = (enum td_proto_holder)holder;
	r->registered = reg;
	return rc;
}

static int
parse_reqs(struct pctx *pc, json_t *obj, const char *key,
	   struct td_proto_req **out, size_t *n)
{
	json_t *v = json_object_get(obj, key);
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!v)
		return bad_at(pc, key, "missing (an empty list if none)");
	if (!json_is_array(v))
		return bad_at(pc, key, "must be an array of documents");
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(**out));
	old = push(pc, key);
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);

		rc = parse_req(pc, e, &(*out)[i]);
		*n = i + 1;
		pop(pc, o2);
		if (rc)
			break;
	}
	pop(pc, old);
	return rc;
}

static int
parse_filers(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	static const char *const keys[] = {"allowed", "proof", "note",
					   "sources", NULL};
	static const char *const roles[] = {"owner", "agent", NULL};
	json_t *v = json_object_get(obj, "filers");
	size_t old;
	int rc, i;

	if (!v)
		return bad_at(pc, "filers", "missing");
	old = push(pc, "filers");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, roles);
	for (i = 0; !rc && i < TD_PROTO_NROLES; i++) {
		json_t *f = json_object_get(v, role_names[i]);
		size_t o2;

		if (!f) {
			rc = bad_at(pc, role_names[i], "missing");
			break;
		}
		o2 = push(pc, role_names[i]);
		rc = want_object(pc, f);
		if (!rc)
			rc = check_keys(pc, f, keys);
		if (!rc)
			rc = get_bool(pc, f, "allowed", 1,
				      &r->filer[i].allowed);
		if (!rc)
			rc = parse_reqs(pc, f, "proof", &r->filer[i].proof,
					&r->filer[i].nproof);
		if (!rc)
			rc = get_str(pc, f, "note", 0, &r->filer[i].note);
		if (!rc)
			rc = check_sources(pc, f, 1);
		pop(pc, o2);
	}
	if (!rc && !r->filer[TD_PROTO_OWNER].allowed &&
	    !r->filer[TD_PROTO_AGENT].allowed)
		rc = bad(pc, "nobody may file");
	pop(pc, old);
	return rc;
}

static int
parse_right(struct pctx *pc, json_t *v, struct td_proto_right *r)
{
	static const char *const keys[] = {
		"accepted",   "registries", "requires_registration",
		"pending_ok", "prior",      "documents",
		"note",       "sources",    NULL};
	static const char *const pkeys[] = {"home", "foreign", "unregistered",
					    NULL};
	json_t *prior;
	size_t i;
	int rc;

	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	if (!rc)
		rc = get_bool(pc, v, "accepted", 1, &r->accepted);
	if (!rc)
		rc = get_strv(pc, v, "registries", r->accepted, r->accepted,
			      registry_or_any,
			      "a country code (ISO 3166), EM, WO or *",
			      &r->registries, &r->nregistries);
	for (i = 0; !rc && i < r->nregistries; i++)
		if (strcmp(r->registries[i], "*") == 0)
			r->any_registry = 1;
	if (!rc)
		rc = get_bool(pc, v, "requires_registration", r->accepted,
			      &r->needs_registration);
	if (!rc)
		rc = get_bool(pc, v, "pending_ok", 0, &r->pending_ok);
	prior = json_object_get(v, "prior");
	if (!rc && (prior || r->accepted)) {
		size_t old = push(pc, "prior");

		if (!prior)
			rc = bad(pc, "missing");
		if (!rc)
			rc = want_object(pc, prior);
		if (!rc)
			rc = check_keys(pc, prior, pkeys);
		for (i = 0; !rc && i < 3; i++)
			rc = get_num(pc, prior, pkeys[i], 1, 0.0, 1.0,
				     "a number from 0 to 1", &r->prior[i]);
		if (!rc && r->needs_registration && r->prior[2] > 0)
			rc = bad_at(pc, "unregistered",
				    "must be 0 when requires_registration "
				    "is true");
		pop(pc, old);
	}
	if (!rc)
		rc = parse_reqs(pc, v, "documents", &r->docs, &r->ndocs);
	if (!rc)
		rc = get_str(pc, v, "note", 0, &r->note);
	if (!rc)
		rc = check_sources(pc, v, 1);
	return rc;
}

static int
parse_rights(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	json_t *v = json_object_get(obj, "rights");
	static const char *const keys[] = {"trademark",        "copyright",
					   "patent_invention", "patent_utility",
					   "design",           NULL};
	size_t old;
	int rc, i, any = 0;

	if (!v)
		return bad_at(pc, "rights", "missing");
	old = push(pc, "rights");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	for (i = 0; !rc && i < TD_PROTO_NRIGHTS; i++) {
		json_t *k = json_object_get(v, right_names[i]);
		size_t o2;

		if (!k) {
			rc = bad_at(pc, right_names[i],
				    "missing (say accepted: false if the "
				    "platform does not take it)");
			break;
		}
		o2 = push(pc, right_names[i]);
		rc = parse_right(pc, k, &r->right[i]);
		any |= r->right[i].accepted;
		pop(pc, o2);
	}
	if (!rc && !any)
		rc = bad(pc, "no kind of right is accepted");
	pop(pc, old);
	return rc;
}

static int
parse_fields(struct pctx *pc, json_t *obj, const char *key, int nonempty,
	     struct td_proto_field **out, size_t *n)
{
	static const char *const keys[] = {"name", "field", "required", "note",
					   NULL};
	json_t *v = json_object_get(obj, key);
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!v)
		return bad_at(pc, key, "missing");
	if (!json_is_array(v) || (nonempty && json_array_size(v) == 0))
		return bad_at(pc, key, "must be a non-empty array of fields");
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(**out));
	old = push(pc, key);
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);
		struct td_proto_field *f = &(*out)[i];

		*n = i + 1;
		rc = want_object(pc, e);
		if (!rc)
			rc = check_keys(pc, e, keys);
		if (!rc)
			rc = get_str(pc, e, "name", 1, &f->name);
		if (!rc && !json_object_get(e, "field"))
			rc = bad_at(pc, "field",
				    "missing (null for a field filled by "
				    "hand)");
		if (!rc)
			rc = get_str(pc, e, "field", 0, &f->field);
		if (!rc && f->field && !field_ok(f->field))
			rc = bad_at(pc, "field",
				    "'%s' is not a takedown field (see "
				    "docs/platforms.md)",
				    f->field);
		if (!rc)
			rc = get_bool(pc, e, "required", 1, &f->required);
		if (!rc)
			rc = get_str(pc, e, "note", 0, &f->note);
		pop(pc, o2);
		if (rc)
			break;
	}
	pop(pc, old);
	return rc;
}

static int
parse_channels(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	static const char *const keys[] = {"kind", "target", "note", "sources",
					   NULL};
	json_t *v = json_object_get(obj, "channels");
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad_at(pc, "channels",
			      v ? "must be a non-empty array" : "missing");
	r->channels = td_xcalloc(json_array_size(v), sizeof(*r->channels));
	old = push(pc, "channels");
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);
		struct td_proto_channel *c = &r->channels[i];
		int k = 0;

		r->nchannels = i + 1;
		rc = want_object(pc, e);
		if (!rc)
			rc = check_keys(pc, e, keys);
		if (!rc)
			rc = one_of(pc, e, "kind", 1, channel_names,
				    TD_PROTO_NCHANNELS, &k);
		c->kind = (enum td_proto_channel_kind)k;
		if (!rc)
			rc = get_str(pc, e, "target", 1, &c->target);
		/* "*": found per site (the small-site protocol). */
		if (!rc && strcmp(c->target, "*") == 0)
			;
		else if (!rc &&
			 (c->kind == TD_PROTO_PORTAL ||
			  c->kind == TD_PROTO_WEBFORM ||
			  c->kind == TD_PROTO_API) &&
			 strncmp(c->target, "https://", 8) != 0 &&
			 strncmp(c->target, "http://", 7) != 0)
			rc = bad_at(pc, "target", "must be a URL");
		else if (!rc && c->kind == TD_PROTO_EMAIL &&
			 (!strchr(c->target, '@') || strchr(c->target, ' ')))
			rc = bad_at(pc, "target", "must be an e-mail address");
		if (!rc)
			rc = get_str(pc, e, "note", 0, &c->note);
		if (!rc)
			rc = check_sources(pc, e, 1);
		pop(pc, o2);
		if (rc)
			break;
	}
	pop(pc, old);
	return rc;
}

static int
parse_batch(struct pctx *pc, json_t *obj, struct td_proto_batch *b)
{
	static const char *const keys[] = {"limit", "unit",    "layout",
					   "note",  "sources", NULL};
	static const char *const lkeys[] = {"format", "columns", "header",
					    "max_bytes", NULL};
	static const char *const formats[] = {"lines", "csv", "xlsx"};
	json_t *v = json_object_get(obj, "batch");
	json_t *lay;
	long limit = 0, maxb = 0;
	size_t old;
	int rc, f = 0;

	if (!v)
		return bad_at(pc, "batch", "missing");
	old = push(pc, "batch");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	if (!rc && !json_object_get(v, "limit"))
		rc = bad_at(pc, "limit",
			    "missing (null if the platform states none)");
	if (!rc)
		rc = get_int(pc, v, "limit", 0, 1, 100000, "a positive integer",
			     &limit);
	b->limit = (int)limit;
	if (!rc)
		rc = get_str(pc, v, "unit", 1, &b->unit);
	if (!rc)
		rc = get_str(pc, v, "note", 0, &b->note);
	if (!rc)
		rc = check_sources(pc, v, 1);
	lay = json_object_get(v, "layout");
	if (!rc && lay && !json_is_null(lay)) {
		size_t o2 = push(pc, "layout");

		rc = want_object(pc, lay);
		if (!rc)
			rc = check_keys(pc, lay, lkeys);
		if (!rc)
			rc = one_of(pc, lay, "format", 1, formats, 3, &f);
		if (!rc)
			b->format = td_xstrdup(formats[f]);
		if (!rc)
			rc = parse_fields(pc, lay, "columns", 1, &b->columns,
					  &b->ncolumns);
		if (!rc)
			rc = get_bool(pc, lay, "header", 1, &b->header);
		if (!rc)
			rc = get_int(pc, lay, "max_bytes", 0, 1, 1L << 30,
				     "a positive number of bytes", &maxb);
		b->max_bytes = maxb;
		if (!rc && f == 0 && b->ncolumns != 1)
			rc = bad_at(pc, "columns",
				    "a 'lines' file has exactly one column");
		pop(pc, o2);
	}
	pop(pc, old);
	return rc;
}

static int
parse_counter(struct pctx *pc, json_t *obj, struct td_proto_counter *c)
{
	static const char *const keys[] = {
		"allowed", "rounds", "owner_reply", "restore", "restore_unless",
		"follows", "law",    "sources",     NULL};
	json_t *v = json_object_get(obj, "counter_notice");
	long rounds = 0;
	size_t old;
	int rc;

	if (!v)
		return bad_at(pc, "counter_notice", "missing");
	old = push(pc, "counter_notice");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, keys);
	if (!rc)
		rc = get_bool(pc, v, "allowed", 1, &c->allowed);
	if (!rc)
		rc = get_int(pc, v, "rounds", 0, 1, 100, "a positive integer",
			     &rounds);
	c->rounds = (int)rounds;
	if (!rc)
		rc = parse_window(pc, v, "owner_reply", &c->owner_reply);
	if (!rc)
		rc = parse_window(pc, v, "restore", &c->restore);
	if (!rc)
		rc = get_str(pc, v, "restore_unless", c->restore.known,
			     &c->restore_unless);
	if (!rc)
		rc = get_str(pc, v, "follows", 1, &c->follows);
	if (!rc)
		rc = get_str(pc, v, "law", 0, &c->law);
	if (!rc)
		rc = check_sources(pc, v, 1);
	pop(pc, old);
	return rc;
}

static int
parse_small(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	static const char *const rkeys[] = {"policy", "strikes", "period_days",
					    "sources", NULL};
	static const char *const mkeys[] = {"typical_days", "max_days", "note",
					    "sources", NULL};
	static const char *const gkeys[] = {
		"name", "min_success", "max_counter", "period_months",
		"note", "sources",     NULL};
	json_t *v;
	size_t old;
	long l = 0;
	int rc = 0;

	v = json_object_get(obj, "repeat_infringer");
	if (!v)
		return bad_at(pc, "repeat_infringer", "missing");
	old = push(pc, "repeat_infringer");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, rkeys);
	if (!rc)
		rc = get_str(pc, v, "policy", 1, &r->repeat.policy);
	if (!rc)
		rc = get_int(pc, v, "strikes", 0, 1, 1000, "a positive integer",
			     &l);
	r->repeat.strikes = (int)l;
	l = 0;
	if (!rc)
		rc = get_int(pc, v, "period_days", 0, 1, 36500,
			     "a positive number of days", &l);
	r->repeat.period_days = (int)l;
	if (!rc)
		rc = check_sources(pc, v, 1);
	pop(pc, old);
	if (rc)
		return rc;

	v = json_object_get(obj, "removal");
	if (!v)
		return bad_at(pc, "removal", "missing");
	old = push(pc, "removal");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, mkeys);
	if (!rc)
		rc = get_num(pc, v, "typical_days", 1, 0.0, 365.0,
			     "a number of days from 0 to 365",
			     &r->removal.typical_days);
	if (!rc)
		rc = get_num(pc, v, "max_days", 0, r->removal.typical_days,
			     365.0, "a number of days, at least typical_days",
			     &r->removal.max_days);
	if (!rc)
		rc = get_str(pc, v, "note", 0, &r->removal.note);
	if (!rc)
		rc = check_sources(pc, v, 1);
	pop(pc, old);
	if (rc)
		return rc;

	v = json_object_get(obj, "good_faith");
	if (!v)
		return bad_at(pc, "good_faith",
			      "missing (null if the platform has none)");
	if (json_is_null(v))
		return 0;
	old = push(pc, "good_faith");
	rc = want_object(pc, v);
	if (!rc)
		rc = check_keys(pc, v, gkeys);
	if (!rc)
		rc = get_str(pc, v, "name", 1, &r->good_faith.name);
	if (!rc)
		rc = get_num(pc, v, "min_success", 0, 0.0, 1.0,
			     "a number from 0 to 1",
			     &r->good_faith.min_success);
	if (!rc)
		rc = get_num(pc, v, "max_counter", 0, 0.0, 1.0,
			     "a number from 0 to 1",
			     &r->good_faith.max_counter);
	l = 0;
	if (!rc)
		rc = get_int(pc, v, "period_months", 0, 1, 120,
			     "a positive number of months", &l);
	r->good_faith.period_months = (int)l;
	if (!rc)
		rc = get_str(pc, v, "note", 0, &r->good_faith.note);
	if (!rc)
		rc = check_sources(pc, v, 1);
	r->good_faith.present = rc == 0;
	pop(pc, old);
	return rc;
}

/* Every key a rules object (the top level, less the file's own) may have. */
static const char *const rule_keys[] = {"home",
					"languages",
					"document_languages",
					"templates",
					"filers",
					"rights",
					"channels",
					"batch",
					"response",
					"counter_notice",
					"repeat_infringer",
					"removal",
					"good_faith",
					"form",
					"notes",
					NULL};

static int
parse_rules(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	int rc;

	rc = get_strv(pc, obj, "home", 1, 0, registry_ok,
		      "a country code (ISO 3166), EM or WO", &r->home,
		      &r->nhome);
	if (!rc)
		rc = get_strv(pc, obj, "languages", 1, 1, language_ok,
			      "a language tag such as en or zh-Hans",
			      &r->languages, &r->nlanguages);
	if (!rc)
		rc = get_strv(pc, obj, "document_languages", 1, 1, language_ok,
			      "a language tag such as en or zh",
			      &r->doc_languages, &r->ndoc_languages);
	if (!rc)
		rc = get_strv(
			pc, obj, "templates", 1, 1, template_ok,
			"a built-in template (data/templates/NAME.en.txt)",
			&r->templates, &r->ntemplates);
	if (!rc)
		rc = parse_filers(pc, obj, r);
	if (!rc)
		rc = parse_rights(pc, obj, r);
	if (!rc)
		rc = parse_channels(pc, obj, r);
	if (!rc)
		rc = parse_batch(pc, obj, &r->batch);
	if (!rc)
		rc = parse_window(pc, obj, "response", &r->response);
	if (!rc)
		rc = parse_counter(pc, obj, &r->counter);
	if (!rc)
		rc = parse_small(pc, obj, r);
	if (!rc)
		rc = parse_fields(pc, obj, "form", 1, &r->form, &r->nform);
	if (!rc)
		rc = get_str(pc, obj, "notes", 0, &r->notes);
	return rc;
}

/* ---- sites and merge patches ------------------------------------------ */

/* RFC 7386: apply patch to target; returns a new reference. */
static json_t *
merge_patch(json_t *target, json_t *patch)
{
	const char *key;
	json_t *v, *out;

	if (!json_is_object(patch))
		return json_deep_copy(patch);
	out = json_is_object(target) ? json_deep_copy(target) : json_object();
	json_object_foreach(patch, key, v)
	{
		if (json_is_null(v)) {
			json_object_del(out, key);
		} else {
			json_t *m = merge_patch(json_object_get(out, key), v);

			json_object_set_new(out, key, m);
		}
	}
	return out;
}

static int
parse_sites(struct pctx *pc, json_t *root, json_t *base, struct td_proto *p)
{
	static const char *const keys[] = {"key", "name", "domains", "patch",
					   NULL};
	json_t *v = json_object_get(root, "sites");
	size_t i, j, old;
	json_t *e;
	int rc = 0;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad_at(pc, "sites",
			      v ? "must be a non-empty array" : "missing");
	p->sites = td_xcalloc(json_array_size(v), sizeof(*p->sites));
	old = push(pc, "sites");
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);
		struct td_proto_site *s = &p->sites[i];
		json_t *patch, *eff = NULL;

		p->nsites = i + 1;
		s->proto = p;
		rc = want_object(pc, e);
		if (!rc)
			rc = check_keys(pc, e, keys);
		if (!rc)
			rc = get_str(pc, e, "key", 1, &s->key);
		for (j = 0; !rc && s->key[j]; j++)
			if (!((s->key[j] >= 'a' && s->key[j] <= 'z') ||
			      (s->key[j] >= '0' && s->key[j] <= '9') ||
			      s->key[j] == '_'))
				rc = bad_at(pc, "key",
					    "'%s' must be a-z, 0-9 and _",
					    s->key);
		for (j = 0; !rc && j < i; j++)
			if (strcmp(p->sites[j].key, s->key) == 0)
				rc = bad_at(pc, "key",
					    "'%s' is already sites[%zu]",
					    s->key, j);
		if (!rc)
			rc = get_str(pc, e, "name", 1, &s->name);
		if (!rc)
			rc = get_strv(pc, e, "domains", 1, 0, NULL, NULL,
				      &s->domains, &s->ndomains);
		patch = json_object_get(e, "patch");
		if (!rc && patch && !json_is_object(patch))
			rc = bad_at(pc, "patch", "must be an object");
		if (!rc && patch) {
			const char *k;
			json_t *pv;
			size_t o3 = push(pc, "patch");

			json_object_foreach(patch, k, pv)
			{
				const char *const *a;

				for (a = rule_keys; *a; a++)
					if (strcmp(*a, k) == 0)
						break;
				if (!*a) {
					rc = bad_at(pc, k,
						    "a site may not change "
						    "this");
					break;
				}
			}
			if (!rc) {
				eff = merge_patch(base, patch);
				rc = parse_rules(pc, eff, &s->r);
			}
			pop(pc, o3);
		} else if (!rc) {
			rc = parse_rules(pc, base, &s->r);
		}
		json_decref(eff);
		pop(pc, o2);
		if (rc)
			break;
	}
	pop(pc, old);
	return rc;
}

static int
parse_sources(struct pctx *pc, json_t *root, struct td_proto *p)
{
	static const char *const keys[] = {"id", "url", "confidence", "note",
					   NULL};
	static const char *const conf[] = {"H", "M", "L", "default"};
	json_t *v = json_object_get(root, "sources");
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad_at(pc, "sources",
			      v ? "must be a non-empty array" : "missing");
	p->sources = td_xcalloc(json_array_size(v), sizeof(*p->sources));
	old = push(pc, "sources");
	json_array_foreach(v, i, e)
	{
		size_t o2 = push_index(pc, i);
		struct td_proto_source *s = &p->sources[i];
		int c = 0;

		p->nsources = i + 1;
		rc = want_object(pc, e);
		if (!rc)
			rc = check_keys(pc, e, keys);
		if (!rc)
			rc = get_str(pc, e, "id", 1, &s->id);
		if (!rc) {
			/* Look for a duplicate among those already read. */
			p->nsources = i;
			if (td_proto_source(p, s->id))
				rc = bad_at(pc, "id", "'%s' is given twice",
					    s->id);
			p->nsources = i + 1;
		}
		if (!rc)
			rc = get_str(pc, e, "url", 1, &s->url);
		if (!rc)
			rc = one_of(pc, e, "confidence", 1, conf, 4, &c);
		if (!rc)
			s->confidence = td_xstrdup(conf[c]);
		if (!rc)
			rc = get_str(pc, e, "note", 0, &s->note);
		pop(pc, o2);
		if (rc)
			break;
	}
	pop(pc, old);
	return rc;
}

struct td_proto *
td_proto_parse(const char *file, const char *text, size_t len,
	       struct td_err *err)
{
	static const char *const top_keys[] = {"schema",  "key",     "name",
					       "company", "checked", "sites",
					       "sources", NULL};
	struct td_proto *p = td_xcalloc(1, sizeof(*p));
	struct pctx pc;
	json_error_t je;
	json_t *root, *base = NULL;
	const char *key;
	json_t *v;
	long schema = 0;
	int rc = 0;

	memset(&pc, 0, sizeof(pc));
	pc.file = file ? file : "protocol";
	pc.err = err;
	pc.p = p;
	td_buf_init(&pc.path);
	p->file = td_xstrdup(pc.file);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		rc = td_errf_at(err, TD_EINVAL, pc.file,
				je.line > 0 ? (unsigned long)je.line : 0, NULL,
				"column %d: %s", je.column, je.text);
		goto out;
	}
	rc = want_object(&pc, root);
	/* Top level: the file's own keys plus the rules. */
	json_object_foreach(root, key, v)
	{
		const char *const *a;

		if (rc)
			break;
		for (a = top_keys; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (*a)
			continue;
		for (a = rule_keys; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			rc = bad_at(&pc, key, "unknown field");
	}
	if (!rc)
		rc = get_int(&pc, root, "schema", 1, SCHEMA, SCHEMA,
			     "1 (this program reads schema 1)", &schema);
	if (!rc)
		rc = get_str(&pc, root, "key", 1, &p->key);
	if (!rc)
		rc = get_str(&pc, root, "name", 1, &p->name);
	if (!rc)
		rc = get_str(&pc, root, "company", 1, &p->company);
	if (!rc)
		rc = get_date(&pc, root, "checked", 1, NULL, &p->checked);
	if (!rc)
		rc = parse_sources(&pc, root, p);
	if (!rc) {
		const char *const *a;

		base = json_object();
		for (a = rule_keys; *a; a++)
			if (json_object_get(root, *a))
				json_object_set(base, *a,
						json_object_get(root, *a));
		rc = parse_rules(&pc, base, &p->r);
	}
	if (!rc)
		rc = parse_sites(&pc, root, base, p);
out:
	json_decref(base);
	json_decref(root);
	td_buf_release(&pc.path);
	if (rc) {
		if (err && err->code == 0)
			td_errf(err, TD_EINVAL, "%s: invalid", pc.file);
		td_proto_free(p);
		return NULL;
	}
	return p;
}

struct td_proto *
td_proto_load_file(const char *path, struct td_err *err)
{
	struct td_buf text = TD_BUF_INIT;
	struct td_proto *p = NULL;

	if (td_read_file(path, MAX_FILE, &text, err) == 0)
		p = td_proto_parse(path, text.data, text.len, err);
	td_buf_release(&text);
	return p;
}

const struct td_proto_source *
td_proto_source(const struct td_proto *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].id && strcmp(p->sources[i].id, id) == 0)
			return &p->sources[i];
	return NULL;
}
