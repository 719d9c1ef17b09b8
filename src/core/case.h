#ifndef TD_CASE_H
#define TD_CASE_H
/*
 * Takedown cases (docs/cases.md): one complaint about one right on one
 * site, carrying one or more listings.
 *
 * The state machine is generic and the platform's protocol parameterises
 * it: which moves exist (a platform without counter-notices has no
 * cross_complaint, denied or dispute) and which states run a clock, with
 * its due date counted in the platform's calendar (working days in "cn"
 * for IPP's seller window). Every move, note and listing outcome is an
 * event in an append-only log (time, actor, from, to, note); the store
 * refuses to change or delete events.
 *
 * The first part is pure: names, the legal moves and the clocks. The
 * second part works on a workspace (td_case_open(), td_case_move(), ...):
 * each call reads and writes the store inside the caller's transaction,
 * so a failed call leaves nothing behind once the caller rolls back.
 *
 * Structs own their strings; _release() frees them and leaves the struct
 * zeroed (releasing twice is safe). Arguments are borrowed.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/proto.h"
#include "core/strv.h"

enum td_case_state {
	TD_CASE_DRAFT,           /* being prepared */
	TD_CASE_READY,           /* the readiness check passed */
	TD_CASE_SUBMITTED,       /* filed with the platform */
	TD_CASE_NOTICE_SENT,     /* forwarded to the seller: its window runs */
	TD_CASE_REMOVED,         /* the listings are gone */
	TD_CASE_CROSS_COMPLAINT, /* the seller counter-notified */
	TD_CASE_DENIED,          /* we answered the cross-complaint */
	TD_CASE_DISPUTE,         /* the platform decides */
	TD_CASE_REINSTATED,      /* the listings are back */
	TD_CASE_REJECTED,        /* the platform refused the complaint */
	TD_CASE_RESUBMITTED,     /* filed again after a fix */
	TD_CASE_ESCALATED,       /* personal contact with the platform */
	TD_CASE_WITHDRAWN,       /* we dropped it */
	TD_CASE_CLOSED,          /* done; nothing more happens */
	TD_CASE_NSTATES
};

/* What became of one listing of a case. */
enum td_case_outcome {
	TD_OUTCOME_PENDING,    /* not known yet */
	TD_OUTCOME_REMOVED,    /* taken down */
	TD_OUTCOME_KEPT,       /* the platform or seller kept it up */
	TD_OUTCOME_REINSTATED, /* taken down, then put back */
	TD_OUTCOME_REJECTED,   /* the platform refused this link */
	TD_OUTCOME_N
};

/* Which deadline a case's due date is. */
enum td_case_clock {
	TD_CLOCK_NONE,        /* no deadline runs */
	TD_CLOCK_REMOVAL,     /* the platform should have acted by then */
	TD_CLOCK_RESPONSE,    /* the seller's window ends */
	TD_CLOCK_OWNER_REPLY, /* our answer to a cross-complaint is due */
	TD_CLOCK_RESTORE,     /* the listing is restored unless we act */
	TD_CLOCK_DECISION,    /* the platform should have decided a dispute */
	TD_CLOCK_N
};

/* Names as stored and typed ("notice_sent"); _parse returns -1 if
 * unknown. */
const char *td_case_state_name(int state);
int td_case_state_parse(const char *s);
const char *td_case_outcome_name(int outcome);
int td_case_outcome_parse(const char *s);
const char *td_case_clock_name(int clock);
int td_case_clock_parse(const char *s);
/* What a clock means, in words ("the seller's window ends"). */
const char *td_case_clock_label(int clock);

/* 1 for withdrawn and closed: the case is over. */
int td_case_state_is_over(int state);
/* 1 for draft and ready: not filed yet. */
int td_case_state_is_unfiled(int state);

/*
 * The states a case in state from may move to on a site with rules r (r
 * NULL: the generic machine, as if counter-notices exist), as a bit set:
 * bit s is (1u << s). Moving to ready, and from rejected to resubmitted,
 * additionally needs a passing readiness check (td_case_move() runs it).
 */
unsigned td_case_moves(const struct td_proto_rules *r, int from);
/*
 * 0 if from -> to is legal on r, else TD_ECONFLICT with a message naming
 * the allowed moves: "a notice_sent case can move to removed,
 * cross_complaint, escalated or withdrawn, not to denied". A move the
 * generic machine has but r lacks says why ("taobao has no
 * counter-notices").
 */
int td_case_check_move(const struct td_proto_rules *r, int from, int to,
		       struct td_err *err);
/* The states in the bit set, "a, b or c", appended to out. */
void td_case_states_text(unsigned set, struct td_buf *out);

/* A deadline. */
struct td_case_due {
	int clock;           /* enum td_case_clock; TD_CLOCK_NONE: none */
	int32_t due;         /* the day it falls (the lower bound of a
				range), or TD_DATE_NONE */
	int32_t due_max;     /* the upper bound (= due for one figure) */
	int missing_year;    /* a year without calendar data was crossed */
	const struct td_proto_window *window; /* the window used, or NULL */
};

/*
 * The clock of state on r, started on start; counter is the day the
 * cross-complaint arrived (TD_DATE_NONE if none), from which the
 * restore window counts. submitted and resubmitted: the platform's time
 * to removal (removal.max_days, calendar days); notice_sent: the seller's
 * window; cross_complaint: the owner's reply window, else the restore
 * window; denied: the restore window, else the decision window; dispute:
 * the decision window, else the restore window. Other states, and
 * windows the platform does not state, have no clock. Returns 0, or the
 * calendar's error (TD_ENOTFOUND, TD_EINVAL).
 */
int td_case_due_for(const struct td_proto_rules *r, int state, int32_t start,
		    int32_t counter, struct td_case_due *out,
		    struct td_err *err);

/* --- cases as stored ------------------------------------------------- */

struct td_case {
	int64_t id;           /* case number */
	char *platform;       /* protocol key: "alibaba_ipp" */
	char *site;           /* site key: "taobao" */
	char *right;          /* right key */
	char *owner;          /* owner key (the right's) */
	char *agent;          /* agent key, or NULL: the owner files */
	int state;            /* enum td_case_state */
	int32_t state_date;   /* the day the state began */
	char *opened_at;      /* ISO time */
	char *updated_at;     /* ISO time of the last event */
	int32_t due;          /* the clock's due date, or TD_DATE_NONE */
	int clock;            /* enum td_case_clock */
	int32_t counter_date; /* when a cross-complaint arrived, or
				 TD_DATE_NONE */
	int64_t relist_of;    /* the case this one re-files, or 0 */
	size_t nlistings;     /* listings in the case (lists fill it) */
};

/* A listing of a case, with the fields complaints need. */
struct td_case_listing {
	int64_t listing_id;   /* listings row id */
	int64_t finding_id;   /* its finding, or 0 */
	int pos;              /* order in the complaint, from 1 */
	int outcome;          /* enum td_case_outcome */
	char *reason;         /* why (kept, rejected), or NULL */
	int32_t outcome_date; /* when known, or TD_DATE_NONE */
	char *platform;       /* the listing's platform as the feed said */
	char *ext_id;         /* the platform's listing id */
	char *url;            /* or NULL */
	char *title;          /* as written */
	char *seller_key;     /* or NULL */
	char *seller_name;    /* or NULL */
	int has_price;        /* 1 if price is set */
	double price;         /* in currency */
	char *currency;       /* or NULL */
	double score;         /* the finding's score (0 without one) */
	struct td_strv rights; /* right keys the finding touches */
	json_t *signals;      /* the finding's signals (docs/scoring.md),
				 owned; NULL without a finding */
};

/* One entry of a case's log. */
struct td_case_event {
	int64_t id;         /* row id, increasing */
	char *at;           /* ISO time it was recorded */
	int32_t date;       /* the day it happened */
	char *actor;        /* who */
	int from;           /* enum td_case_state, -1 when opened */
	int to;             /* enum td_case_state */
	int64_t listing_id; /* the listing concerned, or 0 */
	int outcome;        /* with listing_id: its new outcome, else -1 */
	char *note;         /* or NULL */
};

/* A value set for a complaint field of a case (td_case_set_field()). */
struct td_case_field {
	char *name;  /* "right.original", "complaint.reason" */
	char *lang;  /* "en", "zh", or "" for every language */
	char *value; /* the text */
};

/* Who signs for an owner or agent, and the owner's postal address. */
struct td_contact {
	char *party;   /* "owner" or "agent" */
	char *key;     /* the owner's or agent's key */
	char *name;    /* the person who signs, or NULL */
	char *title;   /* their position, or NULL */
	char *email;   /* or NULL */
	char *phone;   /* or NULL */
	char *address; /* postal address, or NULL */
};

/* A case with everything it carries. */
struct td_case_full {
	struct td_case c;                  /* the case */
	struct td_case_listing *listings;  /* by pos */
	size_t nlistings;                  /* number */
	struct td_case_event *events;      /* oldest first */
	size_t nevents;                    /* number */
	struct td_case_field *fields;      /* by name */
	size_t nfields;                    /* number */
};

void td_case_release(struct td_case *c);
void td_case_listing_release(struct td_case_listing *l);
void td_case_event_release(struct td_case_event *e);
void td_case_field_release(struct td_case_field *f);
void td_contact_release(struct td_contact *c);
void td_case_full_release(struct td_case_full *f);
/* Free arrays of n rows (and release each); NULL is fine. */
void td_cases_free(struct td_case *v, size_t n);
void td_contacts_free(struct td_contact *v, size_t n);

/*
 * The value of field name for lang ("en", "zh") in f: an exact language
 * first, then lang "". NULL if not set.
 */
const char *td_case_field_get(const struct td_case_full *f, const char *name,
			      const char *lang);

/* Cases as JSON (for --format json and the API); new references. */
json_t *td_case_to_json(const struct td_case *c);
json_t *td_case_full_to_json(const struct td_case_full *f);

#endif
