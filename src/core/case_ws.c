/*
 * Cases in a workspace: open, move, check, submit, note, split, set a
 * field, package. Each operation reads what it needs from the store,
 * applies the protocol's rules and writes the case and its events in the
 * caller's transaction.
 */
#include "core/case.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/notice.h"
#include "core/portfolio_io.h"
#include "core/ready.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

const struct td_proto_site *
td_case_site(const struct td_proto_set *protos, const struct td_case *c)
{
	const struct td_proto *p = td_proto_set_find(protos, c->platform);
	size_t i;

	if (!p)
		return NULL;
	for (i = 0; i < p->nsites; i++)
		if (strcmp(p->sites[i].key, c->site) == 0)
			return &p->sites[i];
	return NULL;
}

/* Working days count 7/5 calendar days, rounded up. */
static int32_t
span_days(const struct td_proto_window *w, int upper)
{
	int d = upper && w->max_days > w->days ? w->max_days : w->days;

	return w->working ? (int32_t)((d * 7 + 4) / 5) : d;
}

int32_t
td_case_likely_end(const struct td_proto_rules *r, const struct td_case *c,
		   int32_t today)
{
	int32_t end = c->due != TD_DATE_NONE && c->due > today ? c->due : today;
	const struct td_proto_counter *k = &r->counter;

	if (td_case_state_is_over(c->state) || c->state == TD_CASE_REINSTATED)
		return end;
	if (td_case_state_is_unfiled(c->state) ||
	    c->state == TD_CASE_REJECTED) {
		double d = r->removal.max_days > 0 ? r->removal.max_days
						   : r->removal.typical_days;

		end += (int32_t)ceil(d);
		if (r->response.known)
			end += span_days(&r->response, 1);
	}
	if (k->allowed) {
		if (k->owner_reply.known)
			end += span_days(&k->owner_reply, 1);
		if (k->restore.known)
			end += span_days(&k->restore, 1);
		if (k->decision.known)
			end += span_days(&k->decision, 1);
	}
	return end;
}

/* ---- helpers ---------------------------------------------------------- */

struct loaded {
	struct td_case_full cf;           /* the case */
	struct td_portfolio pf;           /* the portfolio */
	const struct td_proto_site *site; /* its site */
	struct td_contact owner_c;        /* the owner's contact */
	struct td_contact agent_c;        /* the agent's contact */
	int has_owner_c, has_agent_c;     /* they exist */
};

static void
loaded_release(struct loaded *l)
{
	td_case_full_release(&l->cf);
	td_portfolio_release(&l->pf);
	td_contact_release(&l->owner_c);
	td_contact_release(&l->agent_c);
	memset(l, 0, sizeof(*l));
}

static int
load(const struct td_case_env *env, int64_t id, int portfolio, struct loaded *l,
     struct td_err *err)
{
	struct td_store *st = env->ws->store;
	int rc;

	memset(l, 0, sizeof(*l));
	rc = td_store_case_load(st, id, &l->cf, err);
	if (rc)
		return rc;
	l->site = td_case_site(env->protos, &l->cf.c);
	if (!l->site)
		return td_errf(err, TD_ENOTFOUND,
			       "case %" PRId64 " is on %s (%s), which no "
			       "loaded protocol has",
			       id, l->cf.c.site, l->cf.c.platform);
	if (!portfolio)
		return 0;
	rc = td_store_portfolio_load(st, &l->pf, err);
	if (rc)
		return rc;
	rc = td_store_contact_get(st, "owner", l->cf.c.owner, &l->owner_c, err);
	if (rc < 0)
		return rc;
	l->has_owner_c = rc > 0;
	if (l->cf.c.agent) {
		rc = td_store_contact_get(st, "agent", l->cf.c.agent,
					  &l->agent_c, err);
		if (rc < 0)
			return rc;
		l->has_agent_c = rc > 0;
	}
	return 0;
}

static int
add_event(const struct td_case_env *env, int64_t case_id, int32_t date,
	  int from, int to, int64_t listing, int outcome, const char *note,
	  struct td_err *err)
{
	struct td_case_event e;
	char at[TD_TIME_LEN];

	memset(&e, 0, sizeof(e));
	td_time_format(env->now, at);
	e.at = at;
	e.date = date;
	e.actor = (char *)(uintptr_t)(env->actor ? env->actor : "unknown");
	e.from = from;
	e.to = to;
	e.listing_id = listing;
	e.outcome = outcome;
	e.note = (char *)(uintptr_t)note;
	return td_store_case_event_add(env->ws->store, case_id, &e, err);
}

static int
verify_file(void *arg, const char *sha256, struct td_err *err)
{
	return td_ws_file_verify(arg, sha256, err);
}

/* The readiness check of a loaded case, with the complaint's fields. */
static int
run_check(const struct td_case_env *env, struct loaded *l,
	  struct td_ready_report *rep, struct td_err *err)
{
	struct td_ready_input in;
	struct td_notice_input ni;
	struct td_strv missing = TD_STRV_INIT;
	size_t i;
	int rc;

	memset(&in, 0, sizeof(in));
	in.pf = &l->pf;
	in.site = l->site;
	in.case_id = l->cf.c.id;
	in.right = l->cf.c.right;
	in.agent = l->cf.c.agent;
	in.listings = l->cf.listings;
	in.nlistings = l->cf.nlistings;
	in.today = env->today;
	in.until = td_case_likely_end(&l->site->r, &l->cf.c, env->today);
	in.verify = verify_file;
	in.verify_arg = env->ws;
	rc = td_ready_check(&in, rep, err);
	if (rc)
		return rc;
	memset(&ni, 0, sizeof(ni));
	ni.pf = &l->pf;
	ni.site = l->site;
	ni.cf = &l->cf;
	ni.ready = rep;
	ni.owner_contact = l->has_owner_c ? &l->owner_c : NULL;
	ni.agent_contact = l->has_agent_c ? &l->agent_c : NULL;
	ni.today = env->today;
	td_notice_missing(&ni, &missing);
	for (i = 0; i < missing.n; i++) {
		const char *colon = strchr(missing.v[i], ':');
		char field[128];
		size_t n = colon ? (size_t)(colon - missing.v[i]) : 0;

		if (n >= sizeof(field))
			n = sizeof(field) - 1;
		memcpy(field, missing.v[i], n);
		field[n] = '\0';
		td_ready_add(rep, TD_READY_BLOCKER, "complaint_field", field,
			     colon ? colon + 2 : NULL,
			     "the complaint needs %s, which is not set", field);
	}
	td_strv_release(&missing);
	return 0;
}

/* "case 3 is not ready: 2 blockers: first; ..." */
static int
not_ready(int64_t id, const struct td_ready_report *rep, struct td_err *err)
{
	return td_errf(err, TD_ECONFLICT,
		       "case %" PRId64
		       " is not ready: %zu blocker%s, the first: "
		       "%s (see takedown case check %" PRId64 ")",
		       id, rep->blockers, rep->blockers == 1 ? "" : "s",
		       rep->n ? rep->items[0].message : "?", id);
}

/* Apply a state change to c and write it with its event. */
static int
change_state(const struct td_case_env *env, const struct td_proto_site *site,
	     struct td_case *c, int to, int32_t date, const char *note,
	     struct td_err *err)
{
	struct td_case_due due;
	struct td_buf text = TD_BUF_INIT;
	char at[TD_TIME_LEN];
	int from = c->state;
	int rc;

	if (to == TD_CASE_CROSS_COMPLAINT)
		c->counter_date = date;
	rc = td_case_due_for(&site->r, to, date, c->counter_date, &due, err);
	if (rc)
		return rc;
	c->state = to;
	c->state_date = date;
	c->due = due.due;
	c->clock = due.clock;
	td_time_format(env->now, at);
	free(c->updated_at);
	c->updated_at = td_xstrdup(at);
	rc = td_store_case_update(env->ws->store, c, err);
	if (note)
		td_buf_addstr(&text, note);
	if (due.missing_year)
		td_buf_addf(&text,
			    "%s(the due date is counted without holiday data "
			    "for %d)",
			    text.len ? " " : "", due.missing_year);
	if (rc == 0)
		rc = add_event(env, c->id, date, from, to, 0, -1,
			       text.len ? text.data : NULL, err);
	td_buf_release(&text);
	return rc;
}

/* ---- open ------------------------------------------------------------- */

static int
find_site(const struct td_proto_set *protos, const char *name,
	  const struct td_proto_site **out, struct td_err *err)
{
	const struct td_proto *p;
	struct td_buf names = TD_BUF_INIT;
	size_t i;

	*out = td_proto_set_find_site(protos, name);
	if (*out)
		return 0;
	p = td_proto_set_find_name(protos, name);
	if (!p)
		return td_errf(err, TD_ENOTFOUND,
			       "no platform or site '%s' (takedown platform "
			       "list shows them)",
			       name);
	for (i = 0; i < p->nsites; i++)
		td_buf_addf(&names, " %s", p->sites[i].key);
	td_errf(err, TD_EINVAL, "%s has several sites; name one:%s", p->key,
		names.data);
	td_buf_release(&names);
	return TD_EINVAL;
}

/* Is listing l on site? */
static int
listing_on_site(const struct td_proto_set *protos,
		const struct td_proto_site *site,
		const struct td_case_listing *l, struct td_err *err)
{
	const struct td_proto_site *ls =
		td_proto_set_find_site(protos, l->platform);

	if (!ls && l->url)
		ls = td_proto_set_find_host(protos, l->url);
	if (!ls && td_proto_site_named(site, l->platform))
		ls = site;
	if (ls == site)
		return 0;
	if (ls)
		return td_errf(err, TD_ECONFLICT,
			       "listing %" PRId64 " is on %s, not %s: open one "
			       "case per site",
			       l->listing_id, ls->key, site->key);
	/* A site without domains (a small site) takes what no protocol
	 * claims. */
	if (!site->ndomains)
		return 0;
	return td_errf(err, TD_ECONFLICT,
		       "listing %" PRId64 " (platform '%s') is not on %s",
		       l->listing_id, l->platform, site->key);
}

int
td_case_open(const struct td_case_env *env, const struct td_case_open_req *req,
	     int64_t *id, struct td_err *err)
{
	struct td_store *st = env->ws->store;
	struct td_portfolio pf = TD_PORTFOLIO_INIT;
	const struct td_proto_site *site;
	const struct td_right *right;
	struct td_case_listing *ls = NULL;
	struct td_case c;
	struct td_buf note = TD_BUF_INIT;
	char at[TD_TIME_LEN];
	size_t n = 0, alloc = 0, i, k;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = find_site(env->protos, req->platform, &site, err);
	if (rc)
		goto out;
	if (!req->nfindings && !req->nlistings) {
		rc = td_errf(err, TD_EINVAL,
			     "a case needs at least one finding or listing");
		goto out;
	}
	rc = td_store_portfolio_load(st, &pf, err);
	if (rc)
		goto out;
	right = td_portfolio_right(&pf, req->right);
	if (!right) {
		rc = td_errf(err, TD_ENOTFOUND, "no right '%s'", req->right);
		goto out;
	}
	if (req->agent && !td_portfolio_agent(&pf, req->agent)) {
		rc = td_errf(err, TD_ENOTFOUND, "no agent '%s'", req->agent);
		goto out;
	}
	if (req->relist_of) {
		struct td_case old;

		memset(&old, 0, sizeof(old));
		rc = td_store_case_get(st, req->relist_of, &old, err);
		td_case_release(&old);
		if (rc)
			goto out;
	}
	for (i = 0; i < req->nfindings + req->nlistings; i++) {
		struct td_case_listing l;
		int dup = 0;

		rc = i < req->nfindings
			     ? td_store_case_target(st, req->findings[i], 0, &l,
						    err)
			     : td_store_case_target(
				       st, 0, req->listings[i - req->nfindings],
				       &l, err);
		if (rc) {
			td_case_listing_release(&l);
			goto out;
		}
		for (k = 0; k < n; k++)
			dup |= ls[k].listing_id == l.listing_id;
		if (dup) {
			/* A finding and its listing name the same thing. */
			td_case_listing_release(&l);
			continue;
		}
		TD_GROW(ls, n + 1, alloc);
		ls[n++] = l;
		rc = listing_on_site(env->protos, site, &l, err);
		if (rc)
			goto out;
		{
			int64_t other = 0;

			rc = td_store_case_with_listing(
				st, l.listing_id, right->key, 0, &other, err);
			if (rc < 0)
				goto out;
			if (rc > 0) {
				rc = td_errf(err, TD_ECONFLICT,
					     "listing %" PRId64
					     " is already in "
					     "case %" PRId64 " for %s",
					     l.listing_id, other, right->key);
				goto out;
			}
		}
	}
	td_time_format(env->now, at);
	c.platform = td_xstrdup(site->proto->key);
	c.site = td_xstrdup(site->key);
	c.right = td_xstrdup(right->key);
	c.owner = td_xstrdup(right->owner);
	c.agent = td_xstrdup_or_null(req->agent);
	c.state = TD_CASE_DRAFT;
	c.state_date = env->today;
	c.opened_at = td_xstrdup(at);
	c.updated_at = td_xstrdup(at);
	c.due = TD_DATE_NONE;
	c.clock = TD_CLOCK_NONE;
	c.counter_date = TD_DATE_NONE;
	c.relist_of = req->relist_of;
	rc = td_store_case_insert(st, &c, err);
	for (i = 0; rc == 0 && i < n; i++)
		rc = td_store_case_listing_add(st, c.id, ls[i].listing_id,
					       ls[i].finding_id, (int)i + 1,
					       err);
	if (rc)
		goto out;
	td_buf_addf(&note, "opened on %s with %zu listing%s", site->key, n,
		    n == 1 ? "" : "s");
	if (req->relist_of)
		td_buf_addf(&note, ", re-filing case %" PRId64, req->relist_of);
	if (req->note)
		td_buf_addf(&note, ": %s", req->note);
	rc = add_event(env, c.id, env->today, -1, TD_CASE_DRAFT, 0, -1,
		       note.data, err);
	if (rc == 0)
		*id = c.id;
out:
	for (i = 0; i < n; i++)
		td_case_listing_release(&ls[i]);
	free(ls);
	td_case_release(&c);
	td_portfolio_release(&pf);
	td_buf_release(&note);
	return rc;
}

/* ---- move ------------------------------------------------------------- */

static int
check_date(const struct td_case_env *env, const struct td_case_full *f,
	   int32_t date, struct td_err *err)
{
	const struct td_case *c = &f->c;
	char a[TD_DATE_LEN], b[TD_DATE_LEN];

	if (date > env->today) {
		td_date_format(date, a);
		return td_errf(err, TD_EINVAL,
			       "%s is in the future: record a move when it has "
			       "happened",
			       a);
	}
	/* A filing may be recorded late: draft and ready are takedown's
	 * own states, so the bound is the day the case was opened. */
	if (td_case_state_is_unfiled(c->state)) {
		int32_t opened = f->nevents ? f->events[0].date : TD_DATE_NONE;

		if (opened != TD_DATE_NONE && date < opened) {
			td_date_format(date, a);
			td_date_format(opened, b);
			return td_errf(err, TD_EINVAL,
				       "%s is before the case was opened (%s)",
				       a, b);
		}
		return 0;
	}
	if (c->state_date != TD_DATE_NONE && date < c->state_date) {
		td_date_format(date, a);
		td_date_format(c->state_date, b);
		return td_errf(err, TD_EINVAL,
			       "%s is before the case became %s (%s)", a,
			       td_case_state_name(c->state), b);
	}
	return 0;
}

/* The outcome listings still open take when the case reaches to. */
static int
auto_outcome(int to)
{
	switch (to) {
	case TD_CASE_REMOVED:
		return TD_OUTCOME_REMOVED;
	case TD_CASE_REINSTATED:
		return TD_OUTCOME_REINSTATED;
	case TD_CASE_REJECTED:
		return TD_OUTCOME_REJECTED;
	default:
		return -1;
	}
}

static int
set_outcomes(const struct td_case_env *env, struct loaded *l,
	     const struct td_case_move_req *req, int32_t date,
	     struct td_err *err)
{
	struct td_store *st = env->ws->store;
	struct td_case *c = &l->cf.c;
	int autoo = auto_outcome(req->to);
	size_t i, k, changed = 0;
	int rc = 0;

	for (i = 0; i < req->noutcomes; i++) {
		const struct td_case_outcome_set *o = &req->outcomes[i];
		struct td_case_listing *hit = NULL;
		struct td_buf text = TD_BUF_INIT;

		for (k = 0; k < l->cf.nlistings; k++)
			if (l->cf.listings[k].listing_id == o->listing)
				hit = &l->cf.listings[k];
		if (!hit)
			return td_errf(err, TD_ENOTFOUND,
				       "listing %" PRId64 " is not in case "
				       "%" PRId64,
				       o->listing, c->id);
		if (o->outcome <= TD_OUTCOME_PENDING ||
		    o->outcome >= TD_OUTCOME_N)
			return td_errf(err, TD_EINVAL,
				       "an outcome is removed, kept, "
				       "reinstated or rejected");
		rc = td_store_case_listing_set(st, c->id, o->listing,
					       o->outcome, o->reason, date,
					       err);
		td_buf_addf(&text, "listing %" PRId64 ": %s", o->listing,
			    td_case_outcome_name(o->outcome));
		if (o->reason)
			td_buf_addf(&text, " (%s)", o->reason);
		if (rc == 0)
			rc = add_event(env, c->id, date, c->state, c->state,
				       o->listing, o->outcome, text.data, err);
		td_buf_release(&text);
		if (rc)
			return rc;
		hit->outcome = o->outcome;
	}
	if (autoo < 0)
		return 0;
	for (k = 0; k < l->cf.nlistings; k++) {
		struct td_case_listing *x = &l->cf.listings[k];

		if (x->outcome != TD_OUTCOME_PENDING &&
		    !(autoo == TD_OUTCOME_REINSTATED &&
		      x->outcome == TD_OUTCOME_REMOVED))
			continue;
		rc = td_store_case_listing_set(st, c->id, x->listing_id, autoo,
					       NULL, date, err);
		if (rc)
			return rc;
		x->outcome = autoo;
		changed++;
	}
	if (changed) {
		struct td_buf text = TD_BUF_INIT;

		td_buf_addf(&text, "%zu listing%s still open now %s", changed,
			    changed == 1 ? "" : "s",
			    td_case_outcome_name(autoo));
		rc = add_event(env, c->id, date, c->state, c->state, 0, autoo,
			       text.data, err);
		td_buf_release(&text);
	}
	return rc;
}

int
td_case_move(const struct td_case_env *env, int64_t id,
	     const struct td_case_move_req *req, struct td_ready_report *report,
	     struct td_err *err)
{
	struct td_ready_report own = TD_READY_REPORT_INIT;
	struct td_ready_report *rep = report ? report : &own;
	struct td_buf note = TD_BUF_INIT;
	struct loaded l;
	int32_t date = req->date != TD_DATE_NONE ? req->date : env->today;
	int needs_check, from, rc;

	rc = load(env, id, 0, &l, err);
	if (rc)
		goto out;
	from = l.cf.c.state;
	rc = check_date(env, &l.cf, date, err);
	if (rc)
		goto out;
	if (req->to == from) {
		if (!req->noutcomes) {
			rc = td_errf(err, TD_ECONFLICT,
				     "case %" PRId64 " is already %s", id,
				     td_case_state_name(from));
			goto out;
		}
		rc = set_outcomes(env, &l, req, date, err);
		goto out;
	}
	rc = td_case_check_move(&l.site->r, from, req->to, err);
	if (rc) {
		td_err_prefix(err, "case %" PRId64, id);
		goto out;
	}
	needs_check =
		req->to == TD_CASE_READY ||
		(from == TD_CASE_REJECTED && req->to == TD_CASE_RESUBMITTED);
	if (needs_check) {
		loaded_release(&l);
		rc = load(env, id, 1, &l, err);
		if (!rc)
			rc = run_check(env, &l, rep, err);
		if (!rc && rep->blockers)
			rc = not_ready(id, rep, err);
		if (rc)
			goto out;
	}
	if (req->note)
		td_buf_addstr(&note, req->note);
	rc = change_state(env, l.site, &l.cf.c, req->to, date,
			  note.len ? note.data : NULL, err);
	if (rc == 0)
		rc = set_outcomes(env, &l, req, date, err);
out:
	td_buf_release(&note);
	loaded_release(&l);
	td_ready_report_release(&own);
	return rc;
}

/* ---- check and submit ------------------------------------------------- */

int
td_case_check(const struct td_case_env *env, int64_t id, int apply,
	      struct td_ready_report *report, struct td_err *err)
{
	struct td_buf note = TD_BUF_INIT;
	struct loaded l;
	int rc;

	rc = load(env, id, 1, &l, err);
	if (!rc)
		rc = run_check(env, &l, report, err);
	if (rc || !apply)
		goto out;
	if (l.cf.c.state == TD_CASE_DRAFT && !report->blockers) {
		td_buf_addf(&note, "readiness check passed (%zu warning%s)",
			    report->warnings, report->warnings == 1 ? "" : "s");
		rc = change_state(env, l.site, &l.cf.c, TD_CASE_READY,
				  env->today, note.data, err);
	} else if (l.cf.c.state == TD_CASE_READY && report->blockers) {
		td_buf_addf(&note, "readiness check found %zu blocker%s",
			    report->blockers, report->blockers == 1 ? "" : "s");
		rc = change_state(env, l.site, &l.cf.c, TD_CASE_DRAFT,
				  env->today, note.data, err);
	}
out:
	td_buf_release(&note);
	loaded_release(&l);
	return rc;
}

int
td_case_submit(const struct td_case_env *env, int64_t id, int32_t date,
	       const char *note, struct td_ready_report *report,
	       struct td_err *err)
{
	struct td_buf text = TD_BUF_INIT;
	struct loaded l;
	int to, rc;

	if (date == TD_DATE_NONE)
		date = env->today;
	rc = load(env, id, 1, &l, err);
	if (rc)
		goto out;
	switch (l.cf.c.state) {
	case TD_CASE_DRAFT:
	case TD_CASE_READY:
		to = TD_CASE_SUBMITTED;
		break;
	case TD_CASE_REJECTED:
		to = TD_CASE_RESUBMITTED;
		break;
	default:
		rc = td_errf(err, TD_ECONFLICT,
			     "case %" PRId64 " is %s: only draft, ready and "
			     "rejected cases are submitted",
			     id, td_case_state_name(l.cf.c.state));
		goto out;
	}
	rc = check_date(env, &l.cf, date, err);
	if (!rc)
		rc = run_check(env, &l, report, err);
	if (!rc && report->blockers)
		rc = not_ready(id, report, err);
	if (rc)
		goto out;
	if (l.cf.c.state == TD_CASE_DRAFT) {
		td_buf_addf(&text, "readiness check passed (%zu warning%s)",
			    report->warnings, report->warnings == 1 ? "" : "s");
		rc = change_state(env, l.site, &l.cf.c, TD_CASE_READY, date,
				  text.data, err);
		if (rc)
			goto out;
	}
	rc = change_state(env, l.site, &l.cf.c, to, date, note, err);
out:
	td_buf_release(&text);
	loaded_release(&l);
	return rc;
}

/* ---- note, split, fields, package ------------------------------------- */

int
td_case_note(const struct td_case_env *env, int64_t id, const char *text,
	     struct td_err *err)
{
	struct td_case c;
	int rc;

	if (!text || !*text)
		return td_errf(err, TD_EINVAL, "a note needs text");
	memset(&c, 0, sizeof(c));
	rc = td_store_case_get(env->ws->store, id, &c, err);
	if (!rc)
		rc = add_event(env, id, env->today, c.state, c.state, 0, -1,
			       text, err);
	td_case_release(&c);
	return rc;
}

int
td_case_split(const struct td_case_env *env, int64_t id, int64_t **ids,
	      size_t *n, struct td_err *err)
{
	struct td_store *st = env->ws->store;
	struct td_buf note = TD_BUF_INIT;
	struct loaded l;
	size_t limit, i, alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = load(env, id, 0, &l, err);
	if (rc)
		goto out;
	limit = l.site->r.batch.limit > 0 ? (size_t)l.site->r.batch.limit : 0;
	if (l.cf.c.state != TD_CASE_DRAFT) {
		rc = td_errf(err, TD_ECONFLICT,
			     "case %" PRId64 " is %s: only a draft is split",
			     id, td_case_state_name(l.cf.c.state));
		goto out;
	}
	if (!limit || l.cf.nlistings <= limit) {
		rc = td_errf(err, TD_ECONFLICT,
			     "case %" PRId64 " has %zu listings, within %s's "
			     "limit%s: nothing to split",
			     id, l.cf.nlistings, l.site->name,
			     limit ? "" : " (it states none)");
		goto out;
	}
	for (i = limit; i < l.cf.nlistings; i += limit) {
		size_t end =
			i + limit < l.cf.nlistings ? i + limit : l.cf.nlistings;
		struct td_case c = l.cf.c;
		char at[TD_TIME_LEN];
		size_t k;

		/* A copy of the case's row, with its own state. */
		c.id = 0;
		c.state = TD_CASE_DRAFT;
		c.state_date = env->today;
		td_time_format(env->now, at);
		c.opened_at = at;
		c.updated_at = at;
		c.due = TD_DATE_NONE;
		c.clock = TD_CLOCK_NONE;
		rc = td_store_case_insert(st, &c, err);
		for (k = i; rc == 0 && k < end; k++) {
			rc = td_store_case_listing_remove(
				st, id, l.cf.listings[k].listing_id, err);
			if (rc == 0)
				rc = td_store_case_listing_add(
					st, c.id, l.cf.listings[k].listing_id,
					l.cf.listings[k].finding_id,
					(int)(k - i + 1), err);
		}
		td_buf_reset(&note);
		td_buf_addf(&note,
			    "split from case %" PRId64 " with %zu listings", id,
			    end - i);
		if (rc == 0)
			rc = add_event(env, c.id, env->today, -1, TD_CASE_DRAFT,
				       0, -1, note.data, err);
		td_buf_reset(&note);
		td_buf_addf(&note, "split: %zu listings moved to case %" PRId64,
			    end - i, c.id);
		if (rc == 0)
			rc = add_event(env, id, env->today, TD_CASE_DRAFT,
				       TD_CASE_DRAFT, 0, -1, note.data, err);
		if (rc)
			goto out;
		TD_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = c.id;
	}
out:
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	td_buf_release(&note);
	loaded_release(&l);
	return rc;
}

static int
field_name_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_'))
			return 0;
	return n > 0 && n < 64;
}

int
td_case_set_field(const struct td_case_env *env, int64_t id, const char *name,
		  const char *lang, const char *value, struct td_err *err)
{
	struct td_buf note = TD_BUF_INIT;
	struct td_case c;
	int rc;

	if (!field_name_ok(name))
		return td_errf(err, TD_EINVAL,
			       "'%s' is not a field name (docs/templates.md "
			       "lists them)",
			       name);
	if (!lang)
		lang = "";
	if (*lang && strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0)
		return td_errf(err, TD_EINVAL,
			       "a field's language is en or zh");
	if (value && !*value)
		return td_errf(err, TD_EINVAL,
			       "an empty value would leave a gap in the "
			       "notice; give text, or remove the field");
	memset(&c, 0, sizeof(c));
	rc = td_store_case_get(env->ws->store, id, &c, err);
	if (!rc)
		rc = td_store_case_field_set(env->ws->store, id, name, lang,
					     value, err);
	td_buf_addf(&note, "%s %s%s%s%s%s", value ? "set" : "removed", name,
		    *lang ? "@" : "", lang, value ? ": " : "",
		    value ? value : "");
	if (!rc)
		rc = add_event(env, id, env->today, c.state, c.state, 0, -1,
			       note.data, err);
	td_buf_release(&note);
	td_case_release(&c);
	return rc;
}

int
td_case_package(const struct td_case_env *env, int64_t id, const char *dir,
		struct td_ready_report *report, struct td_notice_package *pkg,
		struct td_err *err)
{
	struct td_notice_input ni;
	struct td_buf note = TD_BUF_INIT;
	struct loaded l;
	size_t i;
	int rc;

	rc = load(env, id, 1, &l, err);
	if (!rc)
		rc = run_check(env, &l, report, err);
	if (rc)
		goto out;
	memset(&ni, 0, sizeof(ni));
	ni.pf = &l.pf;
	ni.site = l.site;
	ni.cf = &l.cf;
	ni.ready = report;
	ni.owner_contact = l.has_owner_c ? &l.owner_c : NULL;
	ni.agent_contact = l.has_agent_c ? &l.agent_c : NULL;
	ni.today = env->today;
	rc = td_notice_build(&ni, pkg, err);
	if (!rc)
		rc = td_notice_write(pkg, dir, env->ws->files, err);
	if (rc)
		goto out;
	td_buf_addf(&note, "package written to %s (template %s, %zu files", dir,
		    pkg->template_name, pkg->n);
	for (i = 0; i < pkg->n; i++)
		if (strcmp(pkg->files[i].name, "complaint.en.txt") == 0) {
			char hex[TD_SHA256_HEX];

			td_sha256_mem(pkg->files[i].data, pkg->files[i].len,
				      hex);
			td_buf_addf(&note, "; complaint.en.txt sha256 %s", hex);
		}
	td_buf_addstr(&note, ")");
	rc = add_event(env, id, env->today, l.cf.c.state, l.cf.c.state, 0, -1,
		       note.data, err);
out:
	td_buf_release(&note);
	loaded_release(&l);
	return rc;
}
