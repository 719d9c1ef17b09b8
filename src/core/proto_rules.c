/*
 * Platform protocols: the rule sections (docs/platforms.md), shared by a
 * protocol's top level and each site's patched rules.
 */
#include "core/proto.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/proto_int.h"
#include "core/util.h"
#include "core/banned.h"

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
		return proto_bad_at(pc, key,
				    "missing (null if the platform states "
				    "none)");
	if (json_is_null(v))
		return 0;
	old = proto_push(pc, key);
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc)
		rc = proto_get_int(pc, v, "days", 1, 0, 3650,
				   "a whole number of days from 0 to 3650",
				   &days);
	if (!rc)
		rc = proto_get_int(pc, v, "max_days", 0, days, 3650,
				   "a whole number of days, at least days",
				   &max);
	if (!rc)
		rc = proto_one_of(pc, v, "unit", 1, units, 2, &unit);
	if (!rc)
		rc = proto_get_str(pc, v, "calendar", 0, &cal);
	if (!rc && unit == 0) {
		char name[64];

		snprintf(name, sizeof(name), "calendars/%s.tsv",
			 cal ? cal : "");
		if (!cal)
			rc = proto_bad_at(
				pc, "calendar",
				"missing: working days need a calendar");
		else if (strlen(cal) >= sizeof(w->calendar) ||
			 !td_builtin_find(td_builtin_data, name))
			rc = proto_bad_at(pc, "calendar",
					  "'%s' is not a built-in calendar",
					  cal);
	} else if (!rc && cal) {
		rc = proto_bad_at(pc, "calendar",
				  "only working days have a calendar");
	}
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &w->note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	if (!rc) {
		w->known = 1;
		w->days = (int)days;
		w->max_days = max ? (int)max : (int)days;
		w->working = unit == 0;
		if (cal)
			snprintf(w->calendar, sizeof(w->calendar), "%s", cal);
	}
	free(cal);
	proto_pop(pc, old);
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
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc)
		rc = proto_one_of(pc, v, "kind", 1, proto_doc_names,
				  TD_PROTO_NDOCS, &k);
	if (!rc)
		rc = proto_one_of(pc, v, "need", 1, proto_need_names, 3, &need);
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &r->note);
	w = json_object_get(v, "when");
	if (!rc && w) {
		size_t old = proto_push(pc, "when");

		rc = proto_want_object(pc, w);
		if (!rc)
			rc = proto_check_keys(pc, w, wkeys);
		if (!rc)
			rc = proto_one_of(pc, w, "filer", 0, proto_role_names,
					  TD_PROTO_NROLES, &filer);
		if (!rc)
			rc = proto_one_of(pc, w, "holder", 0, holders, 3,
					  &holder);
		if (!rc && json_object_get(w, "registered")) {
			rc = proto_get_bool(pc, w, "registered", 1, &b);
			reg = b;
		}
		if (!rc)
			rc = proto_get_strv(
				pc, w, "registries", 0, 1, proto_registry_ok,
				"a country code (ISO 3166), EM or WO",
				&r->registries, &r->nregistries);
		if (!rc)
			rc = proto_get_date(pc, w, "applied_from", 0,
					    &r->has_applied_from,
					    &r->applied_from);
		if (!rc)
			rc = proto_get_bool(pc, w, "foreign_language", 0,
					    &r->foreign_language);
		proto_pop(pc, old);
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
		return proto_bad_at(pc, key, "missing (an empty list if none)");
	if (!json_is_array(v))
		return proto_bad_at(pc, key, "must be an array of documents");
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(**out));
	old = proto_push(pc, key);
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);

		rc = parse_req(pc, e, &(*out)[i]);
		*n = i + 1;
		proto_pop(pc, o2);
		if (rc)
			break;
	}
	proto_pop(pc, old);
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
		return proto_bad_at(pc, "filers", "missing");
	old = proto_push(pc, "filers");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, roles);
	for (i = 0; !rc && i < TD_PROTO_NROLES; i++) {
		json_t *f = json_object_get(v, proto_role_names[i]);
		size_t o2;

		if (!f) {
			rc = proto_bad_at(pc, proto_role_names[i], "missing");
			break;
		}
		o2 = proto_push(pc, proto_role_names[i]);
		rc = proto_want_object(pc, f);
		if (!rc)
			rc = proto_check_keys(pc, f, keys);
		if (!rc)
			rc = proto_get_bool(pc, f, "allowed", 1,
					    &r->filer[i].allowed);
		if (!rc)
			rc = parse_reqs(pc, f, "proof", &r->filer[i].proof,
					&r->filer[i].nproof);
		if (!rc)
			rc = proto_get_str(pc, f, "note", 0, &r->filer[i].note);
		if (!rc)
			rc = proto_check_sources(pc, f, 1);
		proto_pop(pc, o2);
	}
	if (!rc && !r->filer[TD_PROTO_OWNER].allowed &&
	    !r->filer[TD_PROTO_AGENT].allowed)
		rc = proto_bad(pc, "nobody may file");
	proto_pop(pc, old);
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

	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc)
		rc = proto_get_bool(pc, v, "accepted", 1, &r->accepted);
	if (!rc)
		rc = proto_get_strv(pc, v, "registries", r->accepted,
				    r->accepted, proto_registry_or_any,
				    "a country code (ISO 3166), EM, WO or *",
				    &r->registries, &r->nregistries);
	for (i = 0; !rc && i < r->nregistries; i++)
		if (strcmp(r->registries[i], "*") == 0)
			r->any_registry = 1;
	if (!rc)
		rc = proto_get_bool(pc, v, "requires_registration", r->accepted,
				    &r->needs_registration);
	if (!rc)
		rc = proto_get_bool(pc, v, "pending_ok", 0, &r->pending_ok);
	prior = json_object_get(v, "prior");
	if (!rc && (prior || r->accepted)) {
		size_t old = proto_push(pc, "prior");

		if (!prior)
			rc = proto_bad(pc, "missing");
		if (!rc)
			rc = proto_want_object(pc, prior);
		if (!rc)
			rc = proto_check_keys(pc, prior, pkeys);
		for (i = 0; !rc && i < 3; i++)
			rc = proto_get_num(pc, prior, pkeys[i], 1, 0.0, 1.0,
					   "a number from 0 to 1",
					   &r->prior[i]);
		if (!rc && r->needs_registration && r->prior[2] > 0)
			rc = proto_bad_at(
				pc, "unregistered",
				"must be 0 when requires_registration "
				"is true");
		proto_pop(pc, old);
	}
	if (!rc)
		rc = parse_reqs(pc, v, "documents", &r->docs, &r->ndocs);
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &r->note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
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
		return proto_bad_at(pc, "rights", "missing");
	old = proto_push(pc, "rights");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	for (i = 0; !rc && i < TD_PROTO_NRIGHTS; i++) {
		json_t *k = json_object_get(v, proto_right_names[i]);
		size_t o2;

		if (!k) {
			rc = proto_bad_at(pc, proto_right_names[i],
					  "missing (say accepted: false if the "
					  "platform does not take it)");
			break;
		}
		o2 = proto_push(pc, proto_right_names[i]);
		rc = parse_right(pc, k, &r->right[i]);
		any |= r->right[i].accepted;
		proto_pop(pc, o2);
	}
	if (!rc && !any)
		rc = proto_bad(pc, "no kind of right is accepted");
	proto_pop(pc, old);
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
		return proto_bad_at(pc, key, "missing");
	if (!json_is_array(v) || (nonempty && json_array_size(v) == 0))
		return proto_bad_at(pc, key,
				    "must be a non-empty array of fields");
	*out = td_xcalloc(json_array_size(v) + 1, sizeof(**out));
	old = proto_push(pc, key);
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);
		struct td_proto_field *f = &(*out)[i];

		*n = i + 1;
		rc = proto_want_object(pc, e);
		if (!rc)
			rc = proto_check_keys(pc, e, keys);
		if (!rc)
			rc = proto_get_str(pc, e, "name", 1, &f->name);
		if (!rc && !json_object_get(e, "field"))
			rc = proto_bad_at(pc, "field",
					  "missing (null for a field filled by "
					  "hand)");
		if (!rc)
			rc = proto_get_str(pc, e, "field", 0, &f->field);
		if (!rc && f->field && !proto_field_ok(f->field))
			rc = proto_bad_at(pc, "field",
					  "'%s' is not a takedown field (see "
					  "docs/platforms.md)",
					  f->field);
		if (!rc)
			rc = proto_get_bool(pc, e, "required", 1, &f->required);
		if (!rc)
			rc = proto_get_str(pc, e, "note", 0, &f->note);
		proto_pop(pc, o2);
		if (rc)
			break;
	}
	proto_pop(pc, old);
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
		return proto_bad_at(pc, "channels",
				    v ? "must be a non-empty array"
				      : "missing");
	r->channels = td_xcalloc(json_array_size(v), sizeof(*r->channels));
	old = proto_push(pc, "channels");
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);
		struct td_proto_channel *c = &r->channels[i];
		int k = 0;

		r->nchannels = i + 1;
		rc = proto_want_object(pc, e);
		if (!rc)
			rc = proto_check_keys(pc, e, keys);
		if (!rc)
			rc = proto_one_of(pc, e, "kind", 1, proto_channel_names,
					  TD_PROTO_NCHANNELS, &k);
		c->kind = (enum td_proto_channel_kind)k;
		if (!rc)
			rc = proto_get_str(pc, e, "target", 1, &c->target);
		/* "*": found per site (the small-site protocol). */
		if (!rc && strcmp(c->target, "*") == 0)
			;
		else if (!rc &&
			 (c->kind == TD_PROTO_PORTAL ||
			  c->kind == TD_PROTO_WEBFORM ||
			  c->kind == TD_PROTO_API) &&
			 strncmp(c->target, "https://", 8) != 0 &&
			 strncmp(c->target, "http://", 7) != 0)
			rc = proto_bad_at(pc, "target", "must be a URL");
		else if (!rc && c->kind == TD_PROTO_EMAIL &&
			 (!strchr(c->target, '@') || strchr(c->target, ' ')))
			rc = proto_bad_at(pc, "target",
					  "must be an e-mail address");
		if (!rc)
			rc = proto_get_str(pc, e, "note", 0, &c->note);
		if (!rc)
			rc = proto_check_sources(pc, e, 1);
		proto_pop(pc, o2);
		if (rc)
			break;
	}
	proto_pop(pc, old);
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
		return proto_bad_at(pc, "batch", "missing");
	old = proto_push(pc, "batch");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc && !json_object_get(v, "limit"))
		rc = proto_bad_at(pc, "limit",
				  "missing (null if the platform states none)");
	if (!rc)
		rc = proto_get_int(pc, v, "limit", 0, 1, 100000,
				   "a positive integer", &limit);
	b->limit = (int)limit;
	if (!rc)
		rc = proto_get_str(pc, v, "unit", 1, &b->unit);
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &b->note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	lay = json_object_get(v, "layout");
	if (!rc && lay && !json_is_null(lay)) {
		size_t o2 = proto_push(pc, "layout");

		rc = proto_want_object(pc, lay);
		if (!rc)
			rc = proto_check_keys(pc, lay, lkeys);
		if (!rc)
			rc = proto_one_of(pc, lay, "format", 1, formats, 3, &f);
		if (!rc)
			b->format = td_xstrdup(formats[f]);
		if (!rc)
			rc = parse_fields(pc, lay, "columns", 1, &b->columns,
					  &b->ncolumns);
		if (!rc)
			rc = proto_get_bool(pc, lay, "header", 1, &b->header);
		if (!rc)
			rc = proto_get_int(pc, lay, "max_bytes", 0, 1, 1L << 30,
					   "a positive number of bytes", &maxb);
		b->max_bytes = maxb;
		if (!rc && f == 0 && b->ncolumns != 1)
			rc = proto_bad_at(
				pc, "columns",
				"a 'lines' file has exactly one column");
		proto_pop(pc, o2);
	}
	proto_pop(pc, old);
	return rc;
}

static int
parse_counter(struct pctx *pc, json_t *obj, struct td_proto_counter *c)
{
	static const char *const keys[] = {
		"allowed", "rounds", "owner_reply", "restore", "restore_unless",
		"follows", "law",    "decision",    "sources", NULL};
	json_t *v = json_object_get(obj, "counter_notice");
	long rounds = 0;
	size_t old;
	int rc;

	if (!v)
		return proto_bad_at(pc, "counter_notice", "missing");
	old = proto_push(pc, "counter_notice");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc)
		rc = proto_get_bool(pc, v, "allowed", 1, &c->allowed);
	if (!rc)
		rc = proto_get_int(pc, v, "rounds", 0, 1, 100,
				   "a positive integer", &rounds);
	c->rounds = (int)rounds;
	if (!rc)
		rc = parse_window(pc, v, "owner_reply", &c->owner_reply);
	if (!rc)
		rc = parse_window(pc, v, "restore", &c->restore);
	if (!rc)
		rc = proto_get_str(pc, v, "restore_unless", c->restore.known,
				   &c->restore_unless);
	if (!rc)
		rc = proto_get_str(pc, v, "follows", 1, &c->follows);
	if (!rc)
		rc = proto_get_str(pc, v, "law", 0, &c->law);
	/* Few platforms state how long a dispute takes: optional. */
	if (!rc && json_object_get(v, "decision"))
		rc = parse_window(pc, v, "decision", &c->decision);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	proto_pop(pc, old);
	return rc;
}

static int
parse_record(struct pctx *pc, json_t *obj, struct td_proto_record *rec)
{
	static const char *const keys[] = {"need", "name", "note", "sources",
					   NULL};
	json_t *v = json_object_get(obj, "rights_record");
	size_t old;
	int need = 0;
	int rc;

	if (!v)
		return proto_bad_at(pc, "rights_record",
				    "missing (null if the platform keeps no "
				    "record of rights)");
	if (json_is_null(v))
		return 0;
	old = proto_push(pc, "rights_record");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, keys);
	if (!rc)
		rc = proto_one_of(pc, v, "need", 1, proto_need_names, 3, &need);
	if (!rc)
		rc = proto_get_str(pc, v, "name", 1, &rec->name);
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &rec->note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	rec->need = need + TD_PROTO_REQUIRED;
	proto_pop(pc, old);
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
		return proto_bad_at(pc, "repeat_infringer", "missing");
	old = proto_push(pc, "repeat_infringer");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, rkeys);
	if (!rc)
		rc = proto_get_str(pc, v, "policy", 1, &r->repeat.policy);
	if (!rc)
		rc = proto_get_int(pc, v, "strikes", 0, 1, 1000,
				   "a positive integer", &l);
	r->repeat.strikes = (int)l;
	l = 0;
	if (!rc)
		rc = proto_get_int(pc, v, "period_days", 0, 1, 36500,
				   "a positive number of days", &l);
	r->repeat.period_days = (int)l;
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	proto_pop(pc, old);
	if (rc)
		return rc;

	v = json_object_get(obj, "removal");
	if (!v)
		return proto_bad_at(pc, "removal", "missing");
	old = proto_push(pc, "removal");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, mkeys);
	if (!rc)
		rc = proto_get_num(pc, v, "typical_days", 1, 0.0, 365.0,
				   "a number of days from 0 to 365",
				   &r->removal.typical_days);
	if (!rc)
		rc = proto_get_num(pc, v, "max_days", 0,
				   r->removal.typical_days, 365.0,
				   "a number of days, at least typical_days",
				   &r->removal.max_days);
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &r->removal.note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	proto_pop(pc, old);
	if (rc)
		return rc;

	v = json_object_get(obj, "good_faith");
	if (!v)
		return proto_bad_at(pc, "good_faith",
				    "missing (null if the platform has none)");
	if (json_is_null(v))
		return 0;
	old = proto_push(pc, "good_faith");
	rc = proto_want_object(pc, v);
	if (!rc)
		rc = proto_check_keys(pc, v, gkeys);
	if (!rc)
		rc = proto_get_str(pc, v, "name", 1, &r->good_faith.name);
	if (!rc)
		rc = proto_get_num(pc, v, "min_success", 0, 0.0, 1.0,
				   "a number from 0 to 1",
				   &r->good_faith.min_success);
	if (!rc)
		rc = proto_get_num(pc, v, "max_counter", 0, 0.0, 1.0,
				   "a number from 0 to 1",
				   &r->good_faith.max_counter);
	l = 0;
	if (!rc)
		rc = proto_get_int(pc, v, "period_months", 0, 1, 120,
				   "a positive number of months", &l);
	r->good_faith.period_months = (int)l;
	if (!rc)
		rc = proto_get_str(pc, v, "note", 0, &r->good_faith.note);
	if (!rc)
		rc = proto_check_sources(pc, v, 1);
	r->good_faith.present = rc == 0;
	proto_pop(pc, old);
	return rc;
}

/* Every key a rules object (the top level, less the file's own) may have. */
const char *const proto_rule_keys[] = {"home",
				       "languages",
				       "document_languages",
				       "templates",
				       "filers",
				       "rights",
				       "channels",
				       "batch",
				       "response",
				       "counter_notice",
				       "rights_record",
				       "repeat_infringer",
				       "removal",
				       "good_faith",
				       "form",
				       "notes",
				       NULL};

int
proto_parse_rules(struct pctx *pc, json_t *obj, struct td_proto_rules *r)
{
	int rc;

	rc = proto_get_strv(pc, obj, "home", 1, 0, proto_registry_ok,
			    "a country code (ISO 3166), EM or WO", &r->home,
			    &r->nhome);
	if (!rc)
		rc = proto_get_strv(pc, obj, "languages", 1, 1,
				    proto_language_ok,
				    "a language tag such as en or zh-Hans",
				    &r->languages, &r->nlanguages);
	if (!rc)
		rc = proto_get_strv(pc, obj, "document_languages", 1, 1,
				    proto_language_ok,
				    "a language tag such as en or zh",
				    &r->doc_languages, &r->ndoc_languages);
	if (!rc)
		rc = proto_get_strv(
			pc, obj, "templates", 1, 1, proto_template_ok,
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
		rc = parse_record(pc, obj, &r->record);
	if (!rc)
		rc = parse_small(pc, obj, r);
	if (!rc)
		rc = parse_fields(pc, obj, "form", 1, &r->form, &r->nform);
	if (!rc)
		rc = proto_get_str(pc, obj, "notes", 0, &r->notes);
	return rc;
}
