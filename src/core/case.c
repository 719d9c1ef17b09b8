/*
 * Cases: state names, the legal moves, the clocks each state runs, and
 * the structs the store fills. docs/cases.md draws the machine.
 */
#include "core/case.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cal.h"
#include "core/date.h"
#include "core/util.h"
#include "core/banned.h"

static const char *const state_names[TD_CASE_NSTATES] = {
	"draft",           "ready",     "submitted", "notice_sent", "removed",
	"cross_complaint", "denied",    "dispute",   "reinstated",  "rejected",
	"resubmitted",     "escalated", "withdrawn", "closed",
};

static const char *const outcome_names[TD_OUTCOME_N] = {
	"pending", "removed", "kept", "reinstated", "rejected",
};

static const char *const clock_names[TD_CLOCK_N] = {
	"none", "removal", "response", "owner_reply", "restore", "decision",
};

static const char *const clock_labels[TD_CLOCK_N] = {
	"no deadline runs",
	"the platform should have acted",
	"the seller's window ends",
	"the answer to the cross-complaint is due",
	"the listing is restored unless the owner acts",
	"the platform should have decided the dispute",
};

static int
lookup(const char *const *names, int n, const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
td_case_state_name(int state)
{
	return state >= 0 && state < TD_CASE_NSTATES ? state_names[state] : "?";
}

int
td_case_state_parse(const char *s)
{
	return lookup(state_names, TD_CASE_NSTATES, s);
}

const char *
td_case_outcome_name(int outcome)
{
	return outcome >= 0 && outcome < TD_OUTCOME_N ? outcome_names[outcome]
						      : "?";
}

int
td_case_outcome_parse(const char *s)
{
	return lookup(outcome_names, TD_OUTCOME_N, s);
}

const char *
td_case_clock_name(int clock)
{
	return clock >= 0 && clock < TD_CLOCK_N ? clock_names[clock] : "?";
}

int
td_case_clock_parse(const char *s)
{
	return lookup(clock_names, TD_CLOCK_N, s);
}

const char *
td_case_clock_label(int clock)
{
	return clock >= 0 && clock < TD_CLOCK_N ? clock_labels[clock] : "?";
}

int
td_case_state_is_over(int state)
{
	return state == TD_CASE_WITHDRAWN || state == TD_CASE_CLOSED;
}

int
td_case_state_is_unfiled(int state)
{
	return state == TD_CASE_DRAFT || state == TD_CASE_READY;
}

/* ---- the machine ------------------------------------------------------ */

#define S(x) (1u << TD_CASE_##x)

/*
 * The generic machine (docs/cases.md). Every filed, open state may be
 * escalated (personal contact with the platform) or withdrawn; the
 * states where the matter has ended (removed, reinstated, rejected,
 * withdrawn) may be closed. removed may still meet a cross-complaint:
 * under the DMCA the counter-notice comes after the removal.
 */
static const unsigned generic[TD_CASE_NSTATES] = {
	[TD_CASE_DRAFT] = S(READY) | S(WITHDRAWN),
	[TD_CASE_READY] = S(SUBMITTED) | S(DRAFT) | S(WITHDRAWN),
	[TD_CASE_SUBMITTED] = S(NOTICE_SENT) | S(REMOVED) | S(REJECTED) |
			      S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_NOTICE_SENT] =
		S(REMOVED) | S(CROSS_COMPLAINT) | S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_REMOVED] = S(CROSS_COMPLAINT) | S(WITHDRAWN) | S(CLOSED),
	[TD_CASE_CROSS_COMPLAINT] = S(DENIED) | S(REMOVED) | S(REINSTATED) |
				    S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_DENIED] = S(DISPUTE) | S(REMOVED) | S(REINSTATED) |
			   S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_DISPUTE] =
		S(REMOVED) | S(REINSTATED) | S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_REINSTATED] = S(ESCALATED) | S(CLOSED),
	[TD_CASE_REJECTED] =
		S(RESUBMITTED) | S(ESCALATED) | S(WITHDRAWN) | S(CLOSED),
	[TD_CASE_RESUBMITTED] = S(NOTICE_SENT) | S(REMOVED) | S(REJECTED) |
				S(ESCALATED) | S(WITHDRAWN),
	[TD_CASE_ESCALATED] = S(NOTICE_SENT) | S(REMOVED) | S(REINSTATED) |
			      S(REJECTED) | S(WITHDRAWN),
	[TD_CASE_WITHDRAWN] = S(CLOSED),
	[TD_CASE_CLOSED] = 0,
};

/* The states that exist only where sellers may counter-notify. */
#define COUNTER_STATES (S(CROSS_COMPLAINT) | S(DENIED) | S(DISPUTE))

unsigned
td_case_moves(const struct td_proto_rules *r, int from)
{
	unsigned m;

	if (from < 0 || from >= TD_CASE_NSTATES)
		return 0;
	m = generic[from];
	if (r && !r->counter.allowed)
		m &= ~COUNTER_STATES;
	return m;
}

void
td_case_states_text(unsigned set, struct td_buf *out)
{
	int i, n = 0, total = 0;

	for (i = 0; i < TD_CASE_NSTATES; i++)
		total += (set >> i) & 1;
	for (i = 0; i < TD_CASE_NSTATES; i++) {
		if (!((set >> i) & 1))
			continue;
		if (n)
			td_buf_addstr(out, n == total - 1 ? " or " : ", ");
		td_buf_addstr(out, state_names[i]);
		n++;
	}
	if (!total)
		td_buf_addstr(out, "nothing");
}

int
td_case_check_move(const struct td_proto_rules *r, int from, int to,
		   struct td_err *err)
{
	struct td_buf allowed = TD_BUF_INIT;
	unsigned m = td_case_moves(r, from);
	int rc = 0;

	if (to < 0 || to >= TD_CASE_NSTATES || from < 0 ||
	    from >= TD_CASE_NSTATES)
		return td_errf(err, TD_EINVAL, "no such state");
	if ((m >> to) & 1)
		return 0;
	td_case_states_text(m, &allowed);
	if (from == TD_CASE_CLOSED)
		rc = td_errf(err, TD_ECONFLICT,
			     "the case is closed: nothing more can happen to "
			     "it");
	else if (((generic[from] >> to) & 1) && ((COUNTER_STATES >> to) & 1))
		rc = td_errf(err, TD_ECONFLICT,
			     "sellers cannot counter-notify on this platform, "
			     "so there is no %s; a %s case can move to %s",
			     state_names[to], state_names[from], allowed.data);
	else
		rc = td_errf(err, TD_ECONFLICT,
			     "a %s case can move to %s, not to %s",
			     state_names[from], allowed.data, state_names[to]);
	td_buf_release(&allowed);
	return rc;
}

/* ---- clocks ----------------------------------------------------------- */

/* The due dates of window w started on start, lower and upper bound. */
static int
window_due(const struct td_proto_window *w, int32_t start,
	   struct td_case_due *out, struct td_err *err)
{
	struct td_proto_window hi;
	struct td_cal *cal = NULL;
	int missing = 0, rc;

	if (w->working) {
		cal = td_cal_load(w->calendar, err);
		if (!cal)
			return err ? err->code : TD_ERROR;
	}
	rc = td_proto_window_due(w, cal, start, &out->due, &missing, err);
	if (rc == 0 && missing)
		out->missing_year = missing;
	if (rc == 0) {
		hi = *w;
		hi.days = w->max_days > w->days ? w->max_days : w->days;
		missing = 0;
		rc = td_proto_window_due(&hi, cal, start, &out->due_max,
					 &missing, err);
		if (rc == 0 && missing && !out->missing_year)
			out->missing_year = missing;
	}
	td_cal_free(cal);
	if (rc == 0)
		out->window = w;
	return rc;
}

int
td_case_due_for(const struct td_proto_rules *r, int state, int32_t start,
		int32_t counter, struct td_case_due *out, struct td_err *err)
{
	const struct td_proto_counter *c = &r->counter;
	int32_t from_counter = counter != TD_DATE_NONE ? counter : start;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->clock = TD_CLOCK_NONE;
	out->due = out->due_max = TD_DATE_NONE;
	switch (state) {
	case TD_CASE_SUBMITTED:
	case TD_CASE_RESUBMITTED: {
		double d = r->removal.max_days > 0 ? r->removal.max_days
						   : r->removal.typical_days;

		if (d <= 0)
			break;
		/* Follow up once the upper end has passed. */
		out->clock = TD_CLOCK_REMOVAL;
		out->due = out->due_max = start + (int32_t)ceil(d);
		break;
	}
	case TD_CASE_NOTICE_SENT:
		if (!r->response.known)
			break;
		out->clock = TD_CLOCK_RESPONSE;
		rc = window_due(&r->response, start, out, err);
		break;
	case TD_CASE_CROSS_COMPLAINT:
		if (c->owner_reply.known) {
			out->clock = TD_CLOCK_OWNER_REPLY;
			rc = window_due(&c->owner_reply, start, out, err);
		} else if (c->restore.known) {
			out->clock = TD_CLOCK_RESTORE;
			rc = window_due(&c->restore, from_counter, out, err);
		}
		break;
	case TD_CASE_DENIED:
		if (c->restore.known) {
			out->clock = TD_CLOCK_RESTORE;
			rc = window_due(&c->restore, from_counter, out, err);
		} else if (c->decision.known) {
			out->clock = TD_CLOCK_DECISION;
			rc = window_due(&c->decision, start, out, err);
		}
		break;
	case TD_CASE_DISPUTE:
		if (c->decision.known) {
			out->clock = TD_CLOCK_DECISION;
			rc = window_due(&c->decision, start, out, err);
		} else if (c->restore.known) {
			out->clock = TD_CLOCK_RESTORE;
			rc = window_due(&c->restore, from_counter, out, err);
		}
		break;
	default:
		break;
	}
	if (rc) {
		out->clock = TD_CLOCK_NONE;
		out->due = out->due_max = TD_DATE_NONE;
	}
	return rc;
}

/* ---- structs ---------------------------------------------------------- */

void
td_case_release(struct td_case *c)
{
	if (!c)
		return;
	free(c->platform);
	free(c->site);
	free(c->right);
	free(c->owner);
	free(c->agent);
	free(c->opened_at);
	free(c->updated_at);
	memset(c, 0, sizeof(*c));
}

void
td_case_listing_release(struct td_case_listing *l)
{
	if (!l)
		return;
	free(l->reason);
	free(l->platform);
	free(l->ext_id);
	free(l->url);
	free(l->title);
	free(l->seller_key);
	free(l->seller_name);
	free(l->currency);
	td_strv_release(&l->rights);
	json_decref(l->signals);
	memset(l, 0, sizeof(*l));
}

void
td_case_event_release(struct td_case_event *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->actor);
	free(e->note);
	memset(e, 0, sizeof(*e));
}

void
td_case_field_release(struct td_case_field *f)
{
	if (!f)
		return;
	free(f->name);
	free(f->lang);
	free(f->value);
	memset(f, 0, sizeof(*f));
}

void
td_contact_release(struct td_contact *c)
{
	if (!c)
		return;
	free(c->party);
	free(c->key);
	free(c->name);
	free(c->title);
	free(c->email);
	free(c->phone);
	free(c->address);
	memset(c, 0, sizeof(*c));
}

void
td_case_full_release(struct td_case_full *f)
{
	size_t i;

	if (!f)
		return;
	td_case_release(&f->c);
	for (i = 0; i < f->nlistings; i++)
		td_case_listing_release(&f->listings[i]);
	free(f->listings);
	for (i = 0; i < f->nevents; i++)
		td_case_event_release(&f->events[i]);
	free(f->events);
	for (i = 0; i < f->nfields; i++)
		td_case_field_release(&f->fields[i]);
	free(f->fields);
	memset(f, 0, sizeof(*f));
}

void
td_cases_free(struct td_case *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		td_case_release(&v[i]);
	free(v);
}

void
td_contacts_free(struct td_contact *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		td_contact_release(&v[i]);
	free(v);
}

const char *
td_case_field_get(const struct td_case_full *f, const char *name,
		  const char *lang)
{
	const char *any = NULL;
	size_t i;

	for (i = 0; i < f->nfields; i++) {
		const struct td_case_field *x = &f->fields[i];

		if (strcmp(x->name, name) != 0)
			continue;
		if (lang && strcmp(x->lang, lang) == 0)
			return x->value;
		if (!*x->lang)
			any = x->value;
	}
	return any;
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
date_or_null(int32_t d)
{
	char buf[TD_DATE_LEN];

	if (d == TD_DATE_NONE)
		return json_null();
	td_date_format(d, buf);
	return json_string(buf);
}

json_t *
td_case_to_json(const struct td_case *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(c->id));
	json_object_set_new(j, "platform", json_string(c->platform));
	json_object_set_new(j, "site", json_string(c->site));
	json_object_set_new(j, "right", json_string(c->right));
	json_object_set_new(j, "owner", json_string(c->owner));
	json_object_set_new(j, "agent", str_or_null(c->agent));
	json_object_set_new(j, "state",
			    json_string(td_case_state_name(c->state)));
	json_object_set_new(j, "since", date_or_null(c->state_date));
	json_object_set_new(j, "due", date_or_null(c->due));
	json_object_set_new(j, "clock",
			    c->clock ? json_string(td_case_clock_name(c->clock))
				     : json_null());
	json_object_set_new(j, "counter_date", date_or_null(c->counter_date));
	json_object_set_new(j, "relist_of",
			    c->relist_of ? json_integer(c->relist_of)
					 : json_null());
	json_object_set_new(j, "listings",
			    json_integer((json_int_t)c->nlistings));
	json_object_set_new(j, "opened_at", json_string(c->opened_at));
	json_object_set_new(j, "updated_at", json_string(c->updated_at));
	return j;
}

json_t *
td_case_full_to_json(const struct td_case_full *f)
{
	json_t *j = td_case_to_json(&f->c);
	json_t *a;
	size_t i;

	json_object_set_new(j, "listings",
			    json_integer((json_int_t)f->nlistings));
	a = json_array();
	for (i = 0; i < f->nlistings; i++) {
		const struct td_case_listing *l = &f->listings[i];
		json_t *o = json_object();

		json_object_set_new(o, "pos", json_integer(l->pos));
		json_object_set_new(o, "listing", json_integer(l->listing_id));
		json_object_set_new(o, "finding",
				    l->finding_id ? json_integer(l->finding_id)
						  : json_null());
		json_object_set_new(o, "platform", json_string(l->platform));
		json_object_set_new(o, "ext_id", json_string(l->ext_id));
		json_object_set_new(o, "url", str_or_null(l->url));
		json_object_set_new(o, "title", json_string(l->title));
		json_object_set_new(o, "seller", str_or_null(l->seller_key));
		json_object_set_new(
			o, "outcome",
			json_string(td_case_outcome_name(l->outcome)));
		json_object_set_new(o, "reason", str_or_null(l->reason));
		json_object_set_new(o, "outcome_date",
				    date_or_null(l->outcome_date));
		json_array_append_new(a, o);
	}
	json_object_set_new(j, "items", a);
	a = json_array();
	for (i = 0; i < f->nevents; i++) {
		const struct td_case_event *e = &f->events[i];
		json_t *o = json_object();

		json_object_set_new(o, "at", json_string(e->at));
		json_object_set_new(o, "date", date_or_null(e->date));
		json_object_set_new(o, "actor", json_string(e->actor));
		json_object_set_new(
			o, "from",
			e->from >= 0 ? json_string(td_case_state_name(e->from))
				     : json_null());
		json_object_set_new(o, "to",
				    json_string(td_case_state_name(e->to)));
		json_object_set_new(o, "listing",
				    e->listing_id ? json_integer(e->listing_id)
						  : json_null());
		json_object_set_new(
			o, "outcome",
			e->outcome >= 0
				? json_string(td_case_outcome_name(e->outcome))
				: json_null());
		json_object_set_new(o, "note", str_or_null(e->note));
		json_array_append_new(a, o);
	}
	json_object_set_new(j, "events", a);
	a = json_object();
	for (i = 0; i < f->nfields; i++) {
		char key[300];

		snprintf(key, sizeof(key), "%s%s%s", f->fields[i].name,
			 *f->fields[i].lang ? "@" : "", f->fields[i].lang);
		json_object_set_new(a, key, json_string(f->fields[i].value));
	}
	json_object_set_new(j, "fields", a);
	return j;
}
