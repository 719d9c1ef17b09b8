/*
 * What needs action: one collector per source of work, each adding
 * dated items; the list is sorted oldest first.
 */
#include "core/due.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/case.h"
#include "core/date.h"
#include "core/ready.h"
#include "core/util.h"
#include "core/ws.h"
#include "store/store.h"
#include "core/banned.h"

static const char *const kind_names[TD_DUE_NKINDS] = {
	"platform",   "seller_window", "reply",     "restore",
	"dispute",    "file",          "rejected",  "escalated",
	"reinstated", "expiry",        "relisting",
};

const char *
td_due_kind_name(int kind)
{
	return kind >= 0 && kind < TD_DUE_NKINDS ? kind_names[kind] : "?";
}

void
td_due_list_release(struct td_due_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].site);
		free(l->v[i].state);
		free(l->v[i].subject);
		free(l->v[i].action);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* What every collector sees. */
struct dctx {
	struct td_ws *ws;
	const struct td_proto_set *protos;
	int32_t on;
	struct td_case *cases; /* open cases */
	size_t ncases;
	struct td_portfolio pf;
	struct td_due_list *out;
};

static void add(struct dctx *d, int32_t date, int kind, const struct td_case *c,
		const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void
add(struct dctx *d, int32_t date, int kind, const struct td_case *c,
    const char *subject, const char *fmt, ...)
{
	struct td_due_item *it;
	struct td_buf b = TD_BUF_INIT;
	char subj[64];
	va_list ap;

	va_start(ap, fmt);
	td_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	TD_GROW(d->out->v, d->out->n + 1, d->out->alloc);
	it = &d->out->v[d->out->n++];
	memset(it, 0, sizeof(*it));
	it->date = date;
	it->kind = kind;
	if (c) {
		it->case_id = c->id;
		it->site = td_xstrdup(c->site);
		it->state = td_xstrdup(td_case_state_name(c->state));
	}
	if (!subject && c) {
		snprintf(subj, sizeof(subj), "case %" PRId64, c->id);
		subject = subj;
	}
	it->subject = td_xstrdup(subject ? subject : "");
	it->action = td_buf_detach(&b, NULL);
}

/* ---- collectors ------------------------------------------------------- */

/* Deadlines and waiting states of the open cases. */
static int
collect_cases(struct dctx *d, struct td_err *err)
{
	size_t i;

	(void)err;
	for (i = 0; i < d->ncases; i++) {
		const struct td_case *c = &d->cases[i];
		const struct td_proto_site *s = td_case_site(d->protos, c);
		const char *unless = s && s->r.counter.restore_unless
					     ? s->r.counter.restore_unless
					     : "the owner acts";
		char day[TD_DATE_LEN];
		long id = (long)c->id;

		if (c->due != TD_DATE_NONE) {
			td_date_format(c->due, day);
			switch (c->clock) {
			case TD_CLOCK_REMOVAL:
				add(d, c->due, TD_DUE_PLATFORM, c, NULL,
				    "the platform should have acted by %s: "
				    "check the listings, then 'takedown case "
				    "move %ld notice_sent|removed|rejected', "
				    "or escalate",
				    day, id);
				continue;
			case TD_CLOCK_RESPONSE:
				add(d, c->due, TD_DUE_SELLER, c, NULL,
				    "the seller's window ends %s: check the "
				    "listings are gone ('takedown case move "
				    "%ld removed'), or record a "
				    "cross-complaint "
				    "('case move %ld cross_complaint')",
				    day, id, id);
				continue;
			case TD_CLOCK_OWNER_REPLY:
				add(d, c->due, TD_DUE_REPLY, c, NULL,
				    "answer the cross-complaint by %s, then "
				    "'takedown case move %ld denied' (or "
				    "withdrawn to accept it)",
				    day, id);
				continue;
			case TD_CLOCK_RESTORE:
				add(d, c->due, TD_DUE_RESTORE, c, NULL,
				    "the listing is restored from %s unless %s",
				    day, unless);
				continue;
			case TD_CLOCK_DECISION:
				add(d, c->due, TD_DUE_DISPUTE, c, NULL,
				    "the platform should decide the dispute by "
				    "%s: follow up, then 'takedown case move "
				    "%ld "
				    "removed|reinstated'",
				    day, id);
				continue;
			default:
				break;
			}
		}
		td_date_format(c->state_date, day);
		switch (c->state) {
		case TD_CASE_READY:
			add(d, c->state_date, TD_DUE_FILE, c, NULL,
			    "ready since %s: file it ('takedown case package "
			    "%ld', then 'case submit %ld')",
			    day, id, id);
			break;
		case TD_CASE_SUBMITTED:
		case TD_CASE_RESUBMITTED:
			add(d, c->state_date, TD_DUE_PLATFORM, c, NULL,
			    "filed on %s; the platform states no time: check "
			    "the listings",
			    day);
			break;
		case TD_CASE_NOTICE_SENT:
			add(d, c->state_date, TD_DUE_SELLER, c, NULL,
			    "forwarded to the seller on %s; the platform "
			    "states no window: check the listings",
			    day);
			break;
		case TD_CASE_CROSS_COMPLAINT:
			add(d, c->state_date, TD_DUE_REPLY, c, NULL,
			    "a cross-complaint arrived on %s: answer it "
			    "('takedown case move %ld denied') or accept it",
			    day, id);
			break;
		case TD_CASE_DENIED:
		case TD_CASE_DISPUTE:
			add(d, c->state_date, TD_DUE_DISPUTE, c, NULL,
			    "a dispute waits since %s: follow up with the "
			    "platform",
			    day);
			break;
		case TD_CASE_REJECTED:
			add(d, c->state_date, TD_DUE_REJECTED, c, NULL,
			    "rejected on %s: fix it and 'takedown case submit "
			    "%ld', or 'case close %ld'",
			    day, id, id);
			break;
		case TD_CASE_ESCALATED:
			add(d, c->state_date, TD_DUE_ESCALATED, c, NULL,
			    "escalated on %s: follow up the contact", day);
			break;
		case TD_CASE_REINSTATED:
			add(d, c->state_date, TD_DUE_REINSTATED, c, NULL,
			    "the listings are back since %s: escalate, go to "
			    "court, or 'takedown case close %ld'",
			    day, id);
			break;
		default:
			break;
		}
	}
	return 0;
}

/* The date an expiry item of the readiness check is about. */
static int32_t
expiry_date(struct dctx *d, const struct td_case *c,
	    const struct td_ready_item *it)
{
	size_t i;

	if (strncmp(it->code, "document_", 9) == 0) {
		const struct td_document *doc =
			td_portfolio_document(&d->pf, it->subject);

		return doc ? doc->expires : TD_DATE_NONE;
	}
	if (strncmp(it->code, "right_", 6) == 0) {
		const struct td_right *r =
			td_portfolio_right(&d->pf, it->subject);

		return r ? r->valid_to : TD_DATE_NONE;
	}
	for (i = 0; i < d->pf.nauths; i++)
		if (c->agent && strcmp(d->pf.auths[i].agent, c->agent) == 0 &&
		    strcmp(d->pf.auths[i].owner, c->owner) == 0)
			return d->pf.auths[i].valid_to;
	return TD_DATE_NONE;
}

/*
 * Documents, authorisations and rights a case relies on that expire
 * before the case is likely to end: the readiness check finds them.
 */
static int
collect_expiry(struct dctx *d, struct td_err *err)
{
	static const char *const codes[] = {
		"document_expired",      "document_expires",
		"authorisation_expires", "authorisation_not_valid",
		"right_expires",         "right_not_valid",
	};
	size_t i, j, k;

	for (i = 0; i < d->ncases; i++) {
		const struct td_case *c = &d->cases[i];
		const struct td_proto_site *s = td_case_site(d->protos, c);
		struct td_ready_report rep = TD_READY_REPORT_INIT;
		struct td_ready_input in;
		int rc;

		if (!s)
			continue;
		memset(&in, 0, sizeof(in));
		in.pf = &d->pf;
		in.site = s;
		in.case_id = c->id;
		in.right = c->right;
		in.agent = c->agent;
		in.today = d->on;
		in.until = td_case_likely_end(&s->r, c, d->on);
		rc = td_ready_check(&in, &rep, err);
		if (rc) {
			td_ready_report_release(&rep);
			return rc;
		}
		for (j = 0; j < rep.n; j++) {
			const struct td_ready_item *it = &rep.items[j];
			int32_t when;

			for (k = 0; k < TD_ARRAY_LEN(codes); k++)
				if (strcmp(it->code, codes[k]) == 0)
					break;
			if (k == TD_ARRAY_LEN(codes))
				continue;
			when = expiry_date(d, c, it);
			if (when == TD_DATE_NONE)
				continue;
			add(d, when, TD_DUE_EXPIRY, c, it->subject, "%s%s%s",
			    it->message, it->fix ? ": " : "",
			    it->fix ? it->fix : "");
		}
		td_ready_report_release(&rep);
	}
	return 0;
}

/*
 * Relistings: a removed listing back under a new id, or a look-alike
 * from the same seller or network (found by the scan, docs/network.md),
 * that no case has taken up yet. Dated the day it was found.
 */
static int
collect_relistings(struct dctx *d, struct td_err *err)
{
	struct td_relist_row *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = td_store_relists_list(d->ws->store, NULL, &v, &n, err);
	for (i = 0; rc == 0 && i < n; i++) {
		const struct td_relist_row *r = &v[i];
		char subject[160], right[160] = "";
		int64_t in_case = 0;
		int32_t date;

		rc = td_store_listing_in_case(d->ws->store, r->listing_id,
					      &in_case, err);
		if (rc < 0 || in_case)
			continue;
		if (!r->found_at || td_date_parse_prefix(r->found_at, &date))
			date = d->on;
		snprintf(subject, sizeof(subject), "%s:%s", r->platform,
			 r->ext_id);
		if (r->earlier_case) {
			struct td_case c;

			memset(&c, 0, sizeof(c));
			if (td_store_case_get(d->ws->store, r->earlier_case, &c,
					      NULL) == 0 &&
			    c.right)
				snprintf(right, sizeof(right), " --right %s",
					 c.right);
			td_case_release(&c);
			add(d, date, TD_DUE_RELISTING, NULL, subject,
			    "relists %s:%s (removed, confirmed %.10s; matched "
			    "by %s): takedown case open --platform %s%s "
			    "--listing %" PRId64 " --relist-of %" PRId64,
			    r->earlier_platform ? r->earlier_platform : "?",
			    r->earlier_ext_id ? r->earlier_ext_id : "?",
			    r->gone_at ? r->gone_at : "?", r->matched_by,
			    r->platform, right, r->listing_id, r->earlier_case);
		} else {
			add(d, date, TD_DUE_RELISTING, NULL, subject,
			    "relists %s:%s (removed, confirmed %.10s; matched "
			    "by %s): takedown findings show %" PRId64,
			    r->earlier_platform ? r->earlier_platform : "?",
			    r->earlier_ext_id ? r->earlier_ext_id : "?",
			    r->gone_at ? r->gone_at : "?", r->matched_by,
			    r->finding_id);
		}
	}
	td_relist_rows_free(v, n);
	return rc < 0 ? rc : 0;
}

static int (*const collectors[])(struct dctx *, struct td_err *) = {
	collect_cases,
	collect_expiry,
	collect_relistings,
};

static int
cmp_item(const void *a, const void *b)
{
	const struct td_due_item *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->case_id != y->case_id)
		return x->case_id < y->case_id ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->subject, y->subject);
}

int
td_due_collect(struct td_ws *ws, const struct td_proto_set *protos, int32_t on,
	       int32_t until, struct td_due_list *out, struct td_err *err)
{
	struct td_case_filter f;
	struct dctx d;
	size_t i, keep;
	int rc;

	memset(&d, 0, sizeof(d));
	memset(&f, 0, sizeof(f));
	f.state = -1;
	f.open_only = 1;
	d.ws = ws;
	d.protos = protos;
	d.on = on;
	d.out = out;
	rc = td_store_cases_list(ws->store, &f, &d.cases, &d.ncases, err);
	if (!rc)
		rc = td_store_portfolio_load(ws->store, &d.pf, err);
	for (i = 0; rc == 0 && i < TD_ARRAY_LEN(collectors); i++)
		rc = collectors[i](&d, err);
	if (rc == 0 && until != TD_DATE_NONE) {
		for (i = keep = 0; i < out->n; i++) {
			if (out->v[i].date <= until) {
				out->v[keep++] = out->v[i];
				continue;
			}
			free(out->v[i].site);
			free(out->v[i].state);
			free(out->v[i].subject);
			free(out->v[i].action);
		}
		out->n = keep;
	}
	if (rc == 0 && out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_item);
	td_cases_free(d.cases, d.ncases);
	td_portfolio_release(&d.pf);
	return rc;
}
